/*
 * Readers for the price feed and our news feed format. Each walks the tree
 * itself and checks every value with a message that says how to fix it;
 * the RELAX NG schema then catches anything else (unknown elements). RSS and
 * Atom news go to rss.c.
 */

#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "rss.h"
#include "xmlio.h"

long long
wk_parse_amount(const char *s)
{
	long long v = 0;
	int digits = 0, dec = -1;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (dec >= 0 && ++dec > 2)
				return -1;
			v = v * 10 + (*s - '0');
			if (++digits > 11)
				return -1;
		} else if (*s == '.' && dec < 0 && digits > 0)
			dec = 0;
		else
			return -1;
	}
	if (digits == 0 || dec == 0)
		return -1;
	if (dec < 0)
		dec = 0;
	while (dec++ < 2)
		v *= 10;
	return v > WK_PRICE_MAX ? -1 : v;
}

static void
pos(const struct wk_xmlfile *f, xmlNodePtr n, const char *attr,
    struct wk_pos *p)
{
	wk_xml_pos(f, n, attr, &p->line, &p->col);
}

/* A required date attribute. */
static enum wk_status
date_attr(const struct wk_xmlfile *f, xmlNodePtr n, const char *name,
    struct wk_date *dt, struct wk_err *err)
{
	char *s = wk_xml_req(f, n, name, err);
	enum wk_status st = WK_OK;

	if (s == NULL)
		return err->status;
	if (wk_date_parse(s, dt) != 0)
		st = wk_xml_err(f, n, name, err,
		    _("%s=\"%s\" is not a date; write it as YYYY-MM-DD, for "
		    "example 2026-11-29"), name, s);
	free(s);
	return st;
}

static enum wk_status
amount_attr(const struct wk_xmlfile *f, xmlNodePtr n, const char *name,
    long long *v, struct wk_err *err)
{
	char *s = wk_xml_req(f, n, name, err);

	if (s == NULL)
		return err->status;
	*v = wk_parse_amount(s);
	if (*v < 0) {
		enum wk_status st = wk_xml_err(f, n, name, err,
		    _("%s=\"%.40s\" is not a price in soles; write digits with "
		    "a point and at most two decimals, below 10000000 (for "
		    "example 2.50)"), name, s);

		free(s);
		return st;
	}
	free(s);
	return WK_OK;
}

static enum wk_status
read_market(struct wk_xmlfile *f, xmlNodePtr n, struct wk_market *m,
    struct wk_err *err)
{
	xmlNodePtr k;
	size_t cap = 0, i;
	enum wk_status st;

	pos(f, n, NULL, &m->pos);
	if ((m->id = wk_xml_req(f, n, "id", err)) == NULL ||
	    (m->name = wk_xml_req(f, n, "name", err)) == NULL)
		return err->status;
	m->town = wk_xml_attr(n, "town");
	for (k = wk_xml_elem(n->children); k; k = wk_xml_elem(k->next))
		cap++;
	if ((m->prices = calloc(cap + 1, sizeof *m->prices)) == NULL)
		return wk_err_nomem(err);
	for (k = wk_xml_elem(n->children); k; k = wk_xml_elem(k->next)) {
		struct wk_price *p = &m->prices[m->nprices];

		if (!wk_xml_is(k, "price"))
			return wk_xml_err(f, k, NULL, err,
			    _("unexpected <%s> in <market>; only <price> goes "
			    "here"), (const char *)k->name);
		m->nprices++;
		p->previous = -1;
		pos(f, k, NULL, &p->pos);
		pos(f, k, "product", &p->product_pos);
		pos(f, k, "unit", &p->unit_pos);
		if ((p->product = wk_xml_req(f, k, "product", err)) == NULL ||
		    (p->unit = wk_xml_req(f, k, "unit", err)) == NULL)
			return err->status;
		if ((st = amount_attr(f, k, "value", &p->value, err)) != WK_OK)
			return st;
		if (xmlHasProp(k, BAD_CAST "previous") &&
		    (st = amount_attr(f, k, "previous", &p->previous, err)) != WK_OK)
			return st;
		for (i = 0; i + 1 < m->nprices; i++)
			if (strcmp(m->prices[i].product, p->product) == 0 &&
			    strcmp(m->prices[i].unit, p->unit) == 0)
				return wk_xml_err(f, k, "product", err,
				    _("'%s' per %s is priced twice in market '%s' "
				    "(also at line %d)"), p->product, p->unit,
				    m->id, m->prices[i].pos.line);
	}
	return WK_OK;
}

void
wk_prices_free(struct wk_prices *p)
{
	size_t i, j;

	if (p == NULL)
		return;
	for (i = 0; i < p->nmarkets; i++) {
		struct wk_market *m = &p->markets[i];

		for (j = 0; j < m->nprices; j++) {
			free(m->prices[j].product);
			free(m->prices[j].unit);
		}
		free(m->prices);
		free(m->id);
		free(m->name);
		free(m->town);
	}
	free(p->markets);
	free(p->path);
	free(p->currency);
	free(p->source);
	free(p);
}

enum wk_status
wk_prices_load(const char *path, struct wk_prices **out, struct wk_diags *d,
    struct wk_err *err)
{
	struct wk_xmlfile f;
	struct wk_prices *p;
	xmlNodePtr n;
	enum wk_status st;
	size_t cap = 0, i;

	*out = NULL;
	if ((p = calloc(1, sizeof *p)) == NULL)
		return wk_err_nomem(err);
	if ((st = wk_xml_load(path, 0, &f, err)) != WK_OK)
		goto out;
	if (!wk_xml_is(f.root, "prices")) {
		st = wk_xml_err(&f, f.root, NULL, err,
		    _("this is a <%s> file, not a price feed (<prices>)"),
		    (const char *)f.root->name);
		goto out;
	}
	if ((p->path = strdup(path)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	pos(&f, f.root, "date", &p->date_pos);
	if ((st = date_attr(&f, f.root, "date", &p->date, err)) != WK_OK)
		goto out;
	p->currency = wk_xml_attr(f.root, "currency");
	p->source = wk_xml_attr(f.root, "source");
	if (p->currency != NULL && strcmp(p->currency, "PEN") != 0) {
		st = wk_xml_err(&f, f.root, "currency", err,
		    _("currency \"%s\" is not supported; prices must be in soles "
		    "(currency=\"PEN\")"), p->currency);
		goto out;
	}
	for (n = wk_xml_elem(f.root->children); n; n = wk_xml_elem(n->next))
		cap++;
	if ((p->markets = calloc(cap + 1, sizeof *p->markets)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	for (n = wk_xml_elem(f.root->children); n; n = wk_xml_elem(n->next)) {
		struct wk_market *m = &p->markets[p->nmarkets];

		if (!wk_xml_is(n, "market")) {
			st = wk_xml_err(&f, n, NULL, err,
			    _("unexpected <%s> in <prices>; only <market> goes "
			    "here"), (const char *)n->name);
			goto out;
		}
		p->nmarkets++;
		if ((st = read_market(&f, n, m, err)) != WK_OK)
			goto out;
		for (i = 0; i + 1 < p->nmarkets; i++)
			if (strcmp(p->markets[i].id, m->id) == 0) {
				st = wk_xml_err(&f, n, "id", err,
				    _("market '%s' appears twice (also at line %d)"),
				    m->id, p->markets[i].pos.line);
				goto out;
			}
	}
	st = wk_xml_validate(&f, "prices", d, err);
out:
	wk_xml_free(&f);
	if (st != WK_OK) {
		wk_prices_free(p);
		return st;
	}
	*out = p;
	return WK_OK;
}

const struct wk_market *
wk_prices_market(const struct wk_prices *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->nmarkets; i++)
		if (strcmp(p->markets[i].id, id) == 0)
			return &p->markets[i];
	return NULL;
}

void
wk_news_free(struct wk_news *n)
{
	size_t i, j;

	if (n == NULL)
		return;
	for (i = 0; i < n->nitems; i++) {
		struct wk_news_item *it = &n->items[i];

		for (j = 0; j < it->ntexts; j++) {
			free(it->texts[j].lang);
			free(it->texts[j].headline);
			free(it->texts[j].text);
		}
		free(it->texts);
		free(it->id);
		free(it->network);
	}
	free(n->items);
	free(n->path);
	free(n);
}

struct wk_news_text *
wk_news_text_add(struct wk_news_item *it, const char *lang)
{
	struct wk_news_text *v;
	size_t i;

	for (i = 0; i < it->ntexts; i++)
		if (strcmp(it->texts[i].lang, lang) == 0)
			return &it->texts[i];
	if ((v = realloc(it->texts, (it->ntexts + 1) * sizeof *v)) == NULL)
		return NULL;
	it->texts = v;
	memset(&v[it->ntexts], 0, sizeof *v);
	if ((v[it->ntexts].lang = strdup(lang)) == NULL)
		return NULL;
	return &v[it->ntexts++];
}

static enum wk_status
read_item(struct wk_xmlfile *f, xmlNodePtr n, struct wk_news_item *it,
    struct wk_err *err)
{
	xmlNodePtr k;
	enum wk_status st;

	pos(f, n, NULL, &it->pos);
	pos(f, n, "network", &it->network_pos);
	if ((it->id = wk_xml_req(f, n, "id", err)) == NULL ||
	    (it->network = wk_xml_req(f, n, "network", err)) == NULL)
		return err->status;
	if ((st = date_attr(f, n, "date", &it->date, err)) != WK_OK)
		return st;
	it->has_date = 1;
	if (xmlHasProp(n, BAD_CAST "expires")) {
		if ((st = date_attr(f, n, "expires", &it->expires, err)) != WK_OK)
			return st;
		it->has_expires = 1;
		if (wk_date_days(it->expires) < wk_date_days(it->date))
			return wk_xml_err(f, n, "expires", err, "%s",
			    _("the item expires before its own date; check "
			    "expires=\"...\""));
	}
	for (k = wk_xml_elem(n->children); k; k = wk_xml_elem(k->next)) {
		const char *lang = wk_xml_lang(k);
		struct wk_news_text *t;
		char **slot;

		if (!wk_xml_is(k, "headline") && !wk_xml_is(k, "text"))
			return wk_xml_err(f, k, NULL, err,
			    _("unexpected <%s> in <item>; use <headline> and "
			    "<text>"), (const char *)k->name);
		if (lang == NULL)
			return wk_xml_err(f, k, NULL, err,
			    _("<%s> needs xml:lang=\"es\" or xml:lang=\"qu\""),
			    (const char *)k->name);
		if ((t = wk_news_text_add(it, lang)) == NULL)
			return wk_err_nomem(err);
		if (t->pos.line == 0)
			pos(f, k, NULL, &t->pos);
		slot = wk_xml_is(k, "headline") ? &t->headline : &t->text;
		if (*slot != NULL)
			return wk_xml_err(f, k, NULL, err,
			    _("a second <%s> in '%s' for this item"),
			    (const char *)k->name, lang);
		if ((*slot = wk_xml_text(k)) == NULL)
			return wk_err_nomem(err);
		if (strlen(*slot) > WK_XML_MAX_TEXT)
			return wk_xml_err(f, k, NULL, err,
			    _("<%s> holds %zu bytes of text, more than the %d "
			    "willakuy reads in one element; shorten it"),
			    (const char *)k->name, strlen(*slot), WK_XML_MAX_TEXT);
	}
	if (it->ntexts == 0)
		return wk_xml_err(f, n, NULL, err, "%s",
		    _("the item has no <headline> or <text>"));
	return WK_OK;
}

static enum wk_status
read_news(struct wk_xmlfile *f, struct wk_news *nw, struct wk_diags *d,
    struct wk_err *err)
{
	xmlNodePtr n;
	size_t cap = 0, i;
	enum wk_status st;

	pos(f, f->root, "date", &nw->date_pos);
	if ((st = date_attr(f, f->root, "date", &nw->date, err)) != WK_OK)
		return st;
	nw->has_date = 1;
	for (n = wk_xml_elem(f->root->children); n; n = wk_xml_elem(n->next))
		cap++;
	if ((nw->items = calloc(cap + 1, sizeof *nw->items)) == NULL)
		return wk_err_nomem(err);
	for (n = wk_xml_elem(f->root->children); n; n = wk_xml_elem(n->next)) {
		struct wk_news_item *it = &nw->items[nw->nitems];

		if (!wk_xml_is(n, "item"))
			return wk_xml_err(f, n, NULL, err,
			    _("unexpected <%s> in <news>; only <item> goes here"),
			    (const char *)n->name);
		nw->nitems++;
		if ((st = read_item(f, n, it, err)) != WK_OK)
			return st;
		for (i = 0; i + 1 < nw->nitems; i++)
			if (strcmp(nw->items[i].id, it->id) == 0)
				return wk_xml_err(f, n, "id", err,
				    _("item '%s' appears twice (also at line %d)"),
				    it->id, nw->items[i].pos.line);
	}
	return wk_xml_validate(f, "news", d, err);
}

enum wk_status
wk_news_load(const char *path, struct wk_news **out, struct wk_diags *d,
    struct wk_err *err)
{
	struct wk_xmlfile f;
	struct wk_news *nw;
	enum wk_status st;
	int rss;

	*out = NULL;
	if ((nw = calloc(1, sizeof *nw)) == NULL)
		return wk_err_nomem(err);
	if ((nw->path = strdup(path)) == NULL) {
		free(nw);
		return wk_err_nomem(err);
	}
	/* Web feeds may come in other encodings; libxml2 converts them. */
	rss = 0;
	st = wk_xml_load(path, 0, &f, err);
	if (st == WK_OK) {
		rss = wk_xml_is(f.root, "rss") || wk_xml_is(f.root, "feed");
		if (wk_xml_is(f.root, "news")) {
			if (f.doc->encoding != NULL &&
			    xmlStrcasecmp(f.doc->encoding, BAD_CAST "UTF-8") != 0)
				st = wk_xml_err(&f, f.root, NULL, err,
				    _("the feed declares encoding \"%s\"; news "
				    "feeds are UTF-8"), (const char *)f.doc->encoding);
			else
				st = read_news(&f, nw, d, err);
		} else if (rss)
			st = wk_rss_read(&f, nw, d, err);
		else
			st = wk_xml_err(&f, f.root, NULL, err,
			    _("this is a <%s> file, not a news feed (<news>, RSS "
			    "or Atom)"), (const char *)f.root->name);
	}
	wk_xml_free(&f);
	if (st != WK_OK) {
		wk_news_free(nw);
		return st;
	}
	*out = nw;
	return WK_OK;
}

const struct wk_news_text *
wk_news_text(const struct wk_news_item *it, const char *lang)
{
	size_t i;

	for (i = 0; i < it->ntexts; i++)
		if (strcmp(it->texts[i].lang, lang) == 0)
			return &it->texts[i];
	return NULL;
}
