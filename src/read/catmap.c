/*
 * Category maps (catmap.h): a list searched from the start, since a
 * station maps a handful of categories and the catalogue a few dozen.
 */

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catmap.h"

int
wk_catmap_add(struct wk_catmap *m, const char *category, const char *network)
{
	struct wk_catpair *v;
	char *c, *net;
	size_t i;

	if ((net = strdup(network)) == NULL)
		return -1;
	for (i = 0; i < m->n; i++)
		if (strcasecmp(m->v[i].category, category) == 0) {
			free(m->v[i].network);	/* the last one wins */
			m->v[i].network = net;
			return 0;
		}
	if ((c = strdup(category)) == NULL ||
	    (v = realloc(m->v, (m->n + 1) * sizeof *v)) == NULL) {
		free(c);
		free(net);
		return -1;
	}
	m->v = v;
	v[m->n].category = c;
	v[m->n].network = net;
	m->n++;
	return 0;
}

int
wk_catmap_merge(struct wk_catmap *m, const struct wk_catmap *from)
{
	size_t i;

	for (i = 0; i < from->n; i++)
		if (wk_catmap_add(m, from->v[i].category, from->v[i].network) != 0)
			return -1;
	return 0;
}

const char *
wk_catmap_find(const struct wk_catmap *m, const char *category)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcasecmp(m->v[i].category, category) == 0)
			return m->v[i].network;
	return NULL;
}

void
wk_catmap_clear(struct wk_catmap *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].category);
		free(m->v[i].network);
	}
	free(m->v);
	m->v = NULL;
	m->n = 0;
}
