/*
 * A station's own vocabulary folders (see local.h) and the merge of their
 * catalogues into the shipped one. Pronunciations (LANG/lexicon.txt) are
 * merged by voice.c, which owns the lexicon.
 */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "local.h"
#include "base/paths.h"

#ifndef WK_LOCAL_DIR
#define WK_LOCAL_DIR "/etc/willakuy/voices"
#endif

enum wk_status
wk_local_dirs(const char *station_dir, char ***out, struct wk_err *err)
{
	const char *env = getenv("WILLAKUY_LOCAL");
	char *cand[2], **v;
	size_t i, n = 0;

	*out = NULL;
	cand[0] = strdup(env != NULL ? env : WK_LOCAL_DIR);
	cand[1] = station_dir != NULL ? wk_path_join(station_dir, "voices")
	    : NULL;
	if (cand[0] == NULL || (station_dir != NULL && cand[1] == NULL) ||
	    (v = calloc(3, sizeof *v)) == NULL) {
		free(cand[0]);
		free(cand[1]);
		return wk_err_nomem(err);
	}
	for (i = 0; i < 2; i++)
		if (cand[i] != NULL && cand[i][0] != '\0' &&
		    (n == 0 || strcmp(v[0], cand[i]) != 0))
			v[n++] = cand[i];
		else
			free(cand[i]);
	*out = v;
	return WK_OK;
}

void
wk_local_dirs_free(char **dirs)
{
	size_t i;

	for (i = 0; dirs != NULL && dirs[i] != NULL; i++)
		free(dirs[i]);
	free(dirs);
}

static void
free_entry(struct wk_entry *e)
{
	size_t j;

	for (j = 0; j < e->nnames; j++) {
		free(e->langs[j]);
		free(e->names[j]);
		if (e->articles != NULL)
			free(e->articles[j]);
	}
	free(e->langs);
	free(e->names);
	free(e->articles);
	free(e->id);
	free(e->town);
	free(e->family);
	memset(e, 0, sizeof *e);
}

/* Moves the n entries of from into *v (n of them), replacing by id. */
static enum wk_status
merge(struct wk_entry **v, size_t *n, struct wk_entry *from, size_t nfrom,
    struct wk_err *err)
{
	size_t i, k;

	for (i = 0; i < nfrom; i++) {
		struct wk_entry *grown;

		for (k = 0; k < *n; k++)
			if (strcmp((*v)[k].id, from[i].id) == 0)
				break;
		if (k < *n) {
			free_entry(&(*v)[k]);
			(*v)[k] = from[i];
		} else {
			if ((grown = realloc(*v, (*n + 2) * sizeof **v)) == NULL)
				return wk_err_nomem(err);
			*v = grown;
			(*v)[(*n)++] = from[i];
			memset(&(*v)[*n], 0, sizeof **v);
		}
		memset(&from[i], 0, sizeof from[i]);
	}
	return WK_OK;
}

/* Reads catalog.xml of each folder of dirs that has one on top of cat. */
static enum wk_status
local_catalog(struct wk_catalog *cat, const char *const *dirs,
    struct wk_diags *d, struct wk_err *err)
{
	const char *const *dir;
	enum wk_status st = WK_OK;

	for (dir = dirs; dir != NULL && *dir != NULL && st == WK_OK; dir++) {
		struct wk_catalog *loc;
		struct wk_err e;
		char *path = wk_path_join(*dir, "catalog.xml");

		if (path == NULL)
			return wk_err_nomem(err);
		if (access(path, F_OK) != 0) {
			free(path);
			continue;
		}
		if ((st = wk_catalog_load(path, &loc, d, &e)) != WK_OK) {
			free(path);
			if (st == WK_ENOMEM) {
				*err = e;
				return st;
			}
			wk_diag_err(d, &e);
			st = WK_OK;
			continue;
		}
		free(path);
		if ((st = merge(&cat->products, &cat->nproducts, loc->products,
		    loc->nproducts, err)) == WK_OK &&
		    (st = merge(&cat->markets, &cat->nmarkets, loc->markets,
		    loc->nmarkets, err)) == WK_OK &&
		    (st = merge(&cat->networks, &cat->nnetworks, loc->networks,
		    loc->nnetworks, err)) == WK_OK &&
		    wk_catmap_merge(&cat->categories, &loc->categories) != 0)
			st = wk_err_nomem(err);
		wk_catalog_free(loc);
	}
	return st;
}

enum wk_status
wk_local_catalog_load(const char *const *dirs, struct wk_catalog **out,
    struct wk_diags *d, struct wk_err *err)
{
	char *path = wk_data_path("voices/catalog.xml");
	enum wk_status st;

	*out = NULL;
	if (path == NULL)
		return wk_err_nomem(err);
	st = wk_catalog_load(path, out, d, err);
	free(path);
	if (st == WK_OK && (st = local_catalog(*out, dirs, d, err)) != WK_OK) {
		wk_catalog_free(*out);
		*out = NULL;
	}
	return st;
}
