/*
 * Reads voices/catalog.xml: <product>, <market> and <network> entries, each
 * with an id and a <name xml:lang="..."> per language, and the feed
 * categories each network takes. Also the "did you mean" helper that the
 * checks use for unknown ids.
 */

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "xmlio.h"

/* True when a (article="" of a <name>) is absent or one we know. */
static int
known_article(const char *a)
{
	static const char *const known[] = { "el", "la", "los", "las", "none",
	    NULL };
	size_t i;

	for (i = 0; a != NULL && known[i] != NULL; i++)
		if (strcmp(a, known[i]) == 0)
			return 1;
	return a == NULL;
}

static enum wk_status
read_entry(struct wk_xmlfile *f, xmlNodePtr n, struct wk_entry *e,
    struct wk_err *err)
{
	xmlNodePtr k;
	size_t cap = 0;

	if ((e->id = wk_xml_req(f, n, "id", err)) == NULL)
		return err->status;
	if (wk_xml_is(n, "market"))
		e->town = wk_xml_attr(n, "town");
	if (wk_xml_is(n, "product"))	/* grouping of prices by family */
		e->family = wk_xml_attr(n, "family");
	for (k = wk_xml_elem(n->children); k; k = wk_xml_elem(k->next))
		cap++;
	e->langs = calloc(cap + 1, sizeof *e->langs);
	e->names = calloc(cap + 1, sizeof *e->names);
	e->articles = calloc(cap + 1, sizeof *e->articles);
	if (e->langs == NULL || e->names == NULL || e->articles == NULL)
		return wk_err_nomem(err);
	for (k = wk_xml_elem(n->children); k; k = wk_xml_elem(k->next)) {
		const char *lang = wk_xml_lang(k);
		size_t i;

		if (!wk_xml_is(k, "name"))
			continue;
		if (lang == NULL)
			return wk_xml_err(f, k, NULL, err, "%s",
			    _("<name> needs xml:lang=\"es\" or \"qu\""));
		for (i = 0; i < e->nnames; i++)
			if (strcmp(e->langs[i], lang) == 0)
				return wk_xml_err(f, k, NULL, err,
				    _("'%s' has two names in '%s'"), e->id, lang);
		e->langs[e->nnames] = strdup(lang);
		e->names[e->nnames] = wk_xml_text(k);
		e->articles[e->nnames] = wk_xml_attr(k, "article");
		e->nnames++;
		if (e->langs[e->nnames - 1] == NULL || e->names[e->nnames - 1] == NULL)
			return wk_err_nomem(err);
		if (!known_article(e->articles[e->nnames - 1]))
			return wk_xml_err(f, k, "article", err, _("article=\"%s\" "
			    "is not one; write el, la, los or las (the article "
			    "the name takes: \"de la Feria\"), or none (a name "
			    "said without one)"), e->articles[e->nnames - 1]);
	}
	return WK_OK;
}

/* The feed categories (RSS, Atom) that choose network e, into m: its id,
 * its names and its <category> synonyms. */
static enum wk_status
map_categories(xmlNodePtr n, const struct wk_entry *e, struct wk_catmap *m,
    struct wk_err *err)
{
	xmlNodePtr k;
	size_t i;
	int rc = wk_catmap_add(m, e->id, e->id);

	for (i = 0; i < e->nnames && rc == 0; i++)
		rc = wk_catmap_add(m, e->names[i], e->id);
	for (k = wk_xml_elem(n->children); k && rc == 0; k = wk_xml_elem(k->next))
		if (wk_xml_is(k, "category")) {
			char *t = wk_xml_text(k);

			rc = t == NULL ? -1 : t[0] ? wk_catmap_add(m, t, e->id) : 0;
			free(t);
		}
	return rc == 0 ? WK_OK : wk_err_nomem(err);
}

static void
free_entries(struct wk_entry *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].nnames; j++) {
			free(v[i].langs[j]);
			free(v[i].names[j]);
			if (v[i].articles != NULL)
				free(v[i].articles[j]);
		}
		free(v[i].langs);
		free(v[i].names);
		free(v[i].articles);
		free(v[i].id);
		free(v[i].town);
		free(v[i].family);
	}
	free(v);
}

void
wk_catalog_free(struct wk_catalog *c)
{
	if (c == NULL)
		return;
	free_entries(c->products, c->nproducts);
	free_entries(c->markets, c->nmarkets);
	free_entries(c->networks, c->nnetworks);
	wk_catmap_clear(&c->categories);
	free(c->path);
	free(c);
}

enum wk_status
wk_catalog_load(const char *path, struct wk_catalog **out,
    struct wk_diags *d, struct wk_err *err)
{
	struct wk_xmlfile f;
	struct wk_catalog *c;
	xmlNodePtr n;
	enum wk_status st;
	size_t np = 0, nm = 0, nn = 0;

	*out = NULL;
	if ((c = calloc(1, sizeof *c)) == NULL)
		return wk_err_nomem(err);
	st = wk_xml_load(path, WK_XML_UTF8_ONLY, &f, err);
	if (st == WK_OK)
		st = wk_xml_validate(&f, "catalog", d, err);
	if (st != WK_OK)
		goto out;
	for (n = wk_xml_elem(f.root->children); n; n = wk_xml_elem(n->next)) {
		np += wk_xml_is(n, "product");
		nm += wk_xml_is(n, "market");
		nn += wk_xml_is(n, "network");
	}
	c->products = calloc(np + 1, sizeof *c->products);
	c->markets = calloc(nm + 1, sizeof *c->markets);
	c->networks = calloc(nn + 1, sizeof *c->networks);
	if ((c->path = strdup(path)) == NULL || c->products == NULL ||
	    c->markets == NULL || c->networks == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	for (n = wk_xml_elem(f.root->children); n && st == WK_OK;
	    n = wk_xml_elem(n->next)) {
		struct wk_entry *e, *v;
		size_t *cnt;

		if (wk_xml_is(n, "product")) {
			v = c->products;
			cnt = &c->nproducts;
		} else if (wk_xml_is(n, "market")) {
			v = c->markets;
			cnt = &c->nmarkets;
		} else {
			v = c->networks;
			cnt = &c->nnetworks;
		}
		e = &v[*cnt];
		(*cnt)++;
		st = read_entry(&f, n, e, err);
		if (st == WK_OK && wk_entry_find(v, *cnt - 1, e->id) != NULL)
			st = wk_xml_err(&f, n, "id", err,
			    _("'%s' is defined twice"), e->id);
		if (st == WK_OK && v == c->networks)
			st = map_categories(n, e, &c->categories, err);
	}
out:
	wk_xml_free(&f);
	if (st != WK_OK) {
		wk_catalog_free(c);
		return st;
	}
	*out = c;
	return WK_OK;
}

const struct wk_entry *
wk_entry_find(const struct wk_entry *v, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return &v[i];
	return NULL;
}

const char *
wk_entry_name(const struct wk_entry *e, const char *lang)
{
	size_t i;

	for (i = 0; i < e->nnames; i++)
		if (strcmp(e->langs[i], lang) == 0)
			return e->names[i];
	return NULL;
}

const char *
wk_entry_article(const struct wk_entry *e, const char *lang)
{
	size_t i;

	for (i = 0; e->articles != NULL && i < e->nnames; i++)
		if (strcmp(e->langs[i], lang) == 0)
			return e->articles[i];
	return NULL;
}

unsigned
wk_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	unsigned row[64], prev, tmp;

	if (la > 63 || lb > 63)
		return 255;
	for (j = 0; j <= lb; j++)
		row[j] = (unsigned)j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (unsigned)i;
		for (j = 1; j <= lb; j++) {
			unsigned best = prev + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb] > 255 ? 255 : row[lb];
}

const char *
wk_entry_closest(const struct wk_entry *v, size_t n, const char *id)
{
	const char *best = NULL;
	unsigned bd = 255, d;
	size_t i;

	for (i = 0; i < n; i++) {
		d = wk_edit_distance(id, v[i].id);
		/* A shared prefix (papa-rosada ~ papa-amarilla) also counts. */
		if (strncmp(id, v[i].id, 4) == 0 && d > 2)
			d = d / 2 + 1;
		if (d < bd) {
			bd = d;
			best = v[i].id;
		}
	}
	return bd <= 4 || (best != NULL && bd <= strlen(id) / 2) ? best : NULL;
}
