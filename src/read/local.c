/*
 * The station's own vocabulary folders (see local.h) and the merge of
 * their catalogues into the shipped one. Pronunciations (LANG/lexicon.txt)
 * are merged by voice.c, which owns the lexicon.
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

/* The system folder and at most a few station folders (one per run). */
#define MAX_DIRS 4

static char *dirs[MAX_DIRS + 1];
static size_t ndirs;

/* Adds dir to the list, a copy of it when copy is 1; when copy is 0 the
 * list takes ownership of dir (freeing it when not kept). */
static void
add(char *dir, int copy)
{
	size_t i;

	if (dir == NULL)
		return;
	for (i = 0; i < ndirs; i++)
		if (strcmp(dirs[i], dir) == 0)
			break;
	if (*dir == '\0' || i < ndirs || ndirs == MAX_DIRS) {
		if (!copy)
			free(dir);
		return;
	}
	if ((dirs[ndirs] = copy ? strdup(dir) : dir) != NULL)
		ndirs++;
}

static void
init(void)
{
	const char *env;

	if (ndirs > 0)
		return;
	env = getenv("WILLAKUY_LOCAL");
	add((char *)(env != NULL ? env : WK_LOCAL_DIR), 1);
}

void
wk_local_add_station(const char *station_dir)
{
	init();
	add(wk_path_join(station_dir, "voices"), 0);
}

const char *const *
wk_local_dirs(void)
{
	init();
	dirs[ndirs] = NULL;
	return (const char *const *)dirs;
}

void
wk_local_cleanup(void)
{
	size_t i;

	for (i = 0; i < ndirs; i++)
		free(dirs[i]);
	ndirs = 0;
}

static void
free_entry(struct wk_entry *e)
{
	size_t j;

	for (j = 0; j < e->nnames; j++) {
		free(e->langs[j]);
		free(e->names[j]);
	}
	free(e->langs);
	free(e->names);
	free(e->id);
	free(e->town);
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

/* Reads catalog.xml of each local folder that has one on top of cat. */
static enum wk_status
local_catalog(struct wk_catalog *cat, struct wk_diags *d, struct wk_err *err)
{
	const char *const *dir;
	enum wk_status st = WK_OK;

	for (dir = wk_local_dirs(); *dir != NULL && st == WK_OK; dir++) {
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
		    loc->nmarkets, err)) == WK_OK)
			st = merge(&cat->networks, &cat->nnetworks, loc->networks,
			    loc->nnetworks, err);
		wk_catalog_free(loc);
	}
	return st;
}

enum wk_status
wk_local_catalog_load(struct wk_catalog **out, struct wk_diags *d,
    struct wk_err *err)
{
	char *path = wk_data_path("voices/catalog.xml");
	enum wk_status st;

	*out = NULL;
	if (path == NULL)
		return wk_err_nomem(err);
	st = wk_catalog_load(path, out, d, err);
	free(path);
	if (st == WK_OK && (st = local_catalog(*out, d, err)) != WK_OK) {
		wk_catalog_free(*out);
		*out = NULL;
	}
	return st;
}
