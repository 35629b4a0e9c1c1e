#ifndef WK_CATALOG_H
#define WK_CATALOG_H
/*
 * The catalogue (voices/catalog.xml): products, markets and networks by id,
 * with their names in each language (and the article a Spanish name may
 * give: article="la", "de la Feria dominical"), and the feed categories
 * that choose each network. Feeds and bulletins refer to these ids; the
 * composer speaks the names.
 */

#include <stddef.h>

#include "base/err.h"
#include "catmap.h"

struct wk_diags;

struct wk_entry {
	char *id;
	char *town;		/* markets only, else NULL */
	char *family;		/* products: family="papas", or NULL */
	char **langs, **names;	/* parallel arrays */
	size_t nnames;
	char **articles;	/* parallel to names too: the article each
				 * takes, article="el", "la", "los", "las"
				 * or "none", NULL when not given; the
				 * array may be NULL (none given) */
};

struct wk_catalog {
	char *path;
	struct wk_entry *products, *markets, *networks;
	size_t nproducts, nmarkets, nnetworks;
	struct wk_catmap categories;	/* feed categories to networks: each
					 * network's id, names and <category>
					 * synonyms */
};

/* Loads path (validated against the catalog schema) into *out, which the
 * caller frees with wk_catalog_free. */
enum wk_status wk_catalog_load(const char *path, struct wk_catalog **out,
    struct wk_diags *d, struct wk_err *err);
void wk_catalog_free(struct wk_catalog *c);

/* The entry with id among v[0..n), or NULL. */
const struct wk_entry *wk_entry_find(const struct wk_entry *v, size_t n,
    const char *id);

/* The entry's name in lang, or NULL. */
const char *wk_entry_name(const struct wk_entry *e, const char *lang);

/* The article="" of the entry's name in lang ("el", "la", "los", "las" or
 * "none"), or NULL when it gives none. */
const char *wk_entry_article(const struct wk_entry *e, const char *lang);

/* The id among v[0..n) closest to id (edit distance), for "did you mean"
 * messages; NULL when nothing is reasonably close. */
const char *wk_entry_closest(const struct wk_entry *v, size_t n,
    const char *id);

/* Edit distance between a and b, capped at 255. */
unsigned wk_edit_distance(const char *a, const char *b);

#endif
