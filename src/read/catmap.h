#ifndef WK_CATMAP_H
#define WK_CATMAP_H
/*
 * A category map: the categories of RSS items and the terms of Atom
 * entries, as feeds write them, to the network ids of the catalogue. A
 * station's <category name network> entries make one (station.c), the
 * catalogue's networks another (their ids, names and <category> synonyms,
 * catalog.c); the site searches the station's first (site.h). Categories
 * are compared without regard to ASCII case.
 */

#include <stddef.h>

struct wk_catmap {
	struct wk_catpair {
		char *category, *network;
	} *v;
	size_t n;
};

/* Maps category to network; a later mapping of the same category replaces
 * the earlier one. 0, or -1 when out of memory (m unchanged). */
int wk_catmap_add(struct wk_catmap *m, const char *category,
    const char *network);

/* Adds every mapping of from to m, in order (so from's win). 0 or -1. */
int wk_catmap_merge(struct wk_catmap *m, const struct wk_catmap *from);

/* The network of category, or NULL. */
const char *wk_catmap_find(const struct wk_catmap *m, const char *category);

/* Frees what m holds and empties it; the struct itself is the caller's. */
void wk_catmap_clear(struct wk_catmap *m);

#endif
