/*
 * Opens a station's site (site.h): the station file, then its vocabulary
 * folders and catalogue, and the folders its feeds may be quoted from;
 * its voices are loaded as they are asked for. Which voice reads a
 * language tag and which network a feed category is are answered here,
 * from the site's voices and maps, so that the readers stay pure and one
 * reading of a feed serves every station of a run.
 */

#include <sys/stat.h>

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/paths.h"
#include "catalog.h"
#include "feed.h"
#include "local.h"
#include "site.h"
#include "station.h"

enum wk_status
wk_site_open(const char *path, unsigned flags, struct wk_diags *d,
    struct wk_site **out, struct wk_err *err)
{
	struct wk_site *s;
	char *file = NULL, *dir = NULL;
	enum wk_status st;

	*out = NULL;
	if ((s = calloc(1, sizeof *s)) == NULL)
		return wk_err_nomem(err);
	file = path != NULL ? strdup(path)
	    : wk_data_path("bulletins/station/default.xml");
	if (file == NULL || (dir = wk_path_dir(file)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((st = wk_station_load(file, &s->station, d, err)) != WK_OK ||
	    (st = wk_local_dirs(dir, &s->dirs, err)) != WK_OK)
		goto out;
	s->voices.local = (const char *const *)s->dirs;
	/* realpath() fails for a folder that is not there: nothing in it
	 * can be quoted then. */
	s->roots[0] = realpath(s->station->feeds_dir, NULL);
	s->roots[1] = realpath(wk_data_dir(), NULL);
	if (!(flags & WK_SITE_SETTINGS))
		st = wk_local_catalog_load((const char *const *)s->dirs, &s->cat,
		    d, err);
out:
	free(file);
	free(dir);
	if (st != WK_OK) {
		wk_site_free(s);
		return st;
	}
	*out = s;
	return WK_OK;
}

void
wk_site_free(struct wk_site *s)
{
	if (s == NULL)
		return;
	wk_voiceset_free(&s->voices);
	wk_catalog_free(s->cat);
	wk_local_dirs_free(s->dirs);
	wk_station_free(s->station);
	free(s->roots[0]);
	free(s->roots[1]);
	free(s);
}

struct wk_voice *
wk_site_voice(struct wk_site *s, const char *lang, struct wk_diags *d,
    struct wk_err *err)
{
	return wk_voiceset_get(&s->voices, lang, d, err);
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads every voice of the data folder into s->voices, in the order of
 * their tags; those that cannot be read are reported in d (NULL: not). */
static void
load_all(struct wk_site *s, struct wk_diags *d)
{
	char *dir, *names[sizeof s->voices.v / sizeof s->voices.v[0]];
	size_t n = 0, i;
	struct dirent *e;
	DIR *dp;

	if ((dir = wk_data_path("voices")) == NULL || (dp = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	while ((e = readdir(dp)) != NULL && n < sizeof names / sizeof names[0]) {
		char *sub = e->d_name[0] != '.' ? wk_path_join(dir, e->d_name) : NULL;
		char *xml = sub ? wk_path_join(sub, "voice.xml") : NULL;
		struct stat sb;

		if (xml != NULL && stat(xml, &sb) == 0 &&
		    (names[n] = strdup(e->d_name)) != NULL)
			n++;
		free(sub);
		free(xml);
	}
	closedir(dp);
	free(dir);
	qsort(names, n, sizeof *names, cmp_name);
	for (i = 0; i < n; i++) {
		struct wk_err err;

		if (wk_voiceset_get(&s->voices, names[i], d, &err) == NULL &&
		    d != NULL)
			wk_diag_err(d, &err);
		free(names[i]);
	}
}

void
wk_site_all_voices(struct wk_site *s, struct wk_diags *d)
{
	if (s->all_voices)
		return;
	load_all(s, d);
	s->scanned = s->all_voices = 1;
}

struct wk_voice *
wk_site_voice_for(struct wk_site *s, const char *tag)
{
	struct wk_voice *best = NULL;
	size_t i, m, bm = 0;

	if (!s->scanned) {
		load_all(s, NULL);
		s->scanned = 1;
	}
	for (i = 0; i < s->voices.n; i++) {
		struct wk_voice *v = s->voices.v[i];

		m = wk_voice_accepts(v, tag);
		if (m > bm || (m == bm && m > 0 && strcmp(v->lang, best->lang) < 0)) {
			best = v;
			bm = m;
		}
	}
	return best;
}

const char *
wk_site_network(const struct wk_site *s, const struct wk_news_item *it)
{
	const char *net;
	size_t i;

	for (i = 0; i < it->ncategories; i++) {
		if ((net = wk_catmap_find(&s->station->categories,
		    it->categories[i])) != NULL)
			return net;
		if (s->cat != NULL && (net = wk_catmap_find(&s->cat->categories,
		    it->categories[i])) != NULL)
			return net;
	}
	return it->network;
}

int
wk_site_quotable(const struct wk_site *s, const char *path)
{
	char *r = realpath(path, NULL);
	size_t i, n;
	int ok = 0;

	if (r == NULL)
		return 0;
	for (i = 0; i < 2 && !ok; i++) {
		if (s->roots[i] == NULL)
			continue;
		n = strlen(s->roots[i]);
		ok = strncmp(r, s->roots[i], n) == 0 &&
		    (r[n] == '/' || (n == 1 && s->roots[i][0] == '/'));
	}
	free(r);
	return ok;
}
