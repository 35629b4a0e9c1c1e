/*
 * Readers for the price feed and our news feed format. Each walks the tree
 * itself and checks every value with a message that says how to fix it.
 * A problem inside one <price>, <market> or news <item> leaves that element
 * out: it is reported as an error (so the run exits 1) and removed from the
 * tree, and the rest of the file is still read. The RELAX NG schema then
 * checks the structure of what is kept; only a problem of the file as a
 * whole (not XML, wrong root, bad feed date) rejects it. RSS and Atom news
 * go to rss.c.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/hash.h"
#include "feed.h"
#include "rngoutline.h"
#include "rss.h"
#include "xmlio.h"

/*
 * The keys a reader has kept so far (a market's id, a price's product and
 * unit, an item's id) in an open-addressed hash table, so that telling a
 * duplicate among n elements costs O(n), not O(n^2): a feed of 300 000
 * prices in 13 000 markets is read in linear time. The keys belong to the
 * elements, which do not move.
 */
struct seen {
	struct key {
		const char *a, *b;	/* NULL: empty */
		size_t idx;
	} *slot;
	size_t mask;
};

static int
seen_init(struct seen *s, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	s->mask = cap - 1;
	return (s->slot = calloc(cap, sizeof *s->slot)) == NULL ? -1 : 0;
}

/* The hash of a, then b, apart. */
static size_t
seen_hash(const char *a, const char *b)
{
	uint64_t h = wk_fnv64(WK_FNV64_INIT, a, strlen(a));

	h = wk_fnv64(h, "\x1f", 1);
	return (size_t)wk_fnv64(h, b, strlen(b));
}

/* The slot of key (a, b): where it is, or the empty one it would take. */
static struct key *
seen_slot(struct seen *s, const char *a, const char *b)
{
	size_t i = seen_hash(a, b) & s->mask;

	while (s->slot[i].a != NULL && (strcmp(s->slot[i].a, a) != 0 ||
	    strcmp(s->slot[i].b, b) != 0))
		i = (i + 1) & s->mask;
	return &s->slot[i];
}

/* The index given with key (a, b) earlier, or -1 after keeping it with
 * idx. The table never fills: it has twice as many slots as elements. */
static long
seen_add(struct seen *s, const char *a, const char *b, size_t idx)
{
	struct key *k = seen_slot(s, a, b);

	if (k->a != NULL)
		return (long)k->idx;
	k->a = a;
	k->b = b;
	k->idx = idx;
	return -1;
}

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

/* True when s is an id: [a-z0-9][a-z0-9-]{0,63}, as in common.rng. */
static int
valid_id(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (i >= 64 || !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || (s[i] == '-' && i > 0)))
			return 0;
	return i > 0;
}

/* An id attribute that must be present and valid. */
static char *
id_attr(const struct wk_xmlfile *f, xmlNodePtr n, const char *name,
    struct wk_err *err)
{
	char *s = wk_xml_req(f, n, name, err);

	if (s != NULL && !valid_id(s)) {
		wk_xml_err(f, n, name, err,
		    _("%s=\"%.64s\" is not a valid id; use lower-case letters, "
		    "digits and '-' (for example papa-amarilla)"), name, s);
		free(s);
		return NULL;
	}
	return s;
}

/* Refuses attributes of n other than those in the NULL-terminated list
 * (xml:lang aside), and element children when text is 0 (no child at all
 * but white space when text is also 0, as the schema says). */
static enum wk_status
only_attrs(const struct wk_xmlfile *f, xmlNodePtr n, const char *const *names,
    int text, struct wk_err *err)
{
	xmlAttrPtr a;
	xmlNodePtr k;
	size_t i;

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->ns != NULL && a->ns->prefix != NULL &&
		    xmlStrcmp(a->ns->prefix, BAD_CAST "xml") == 0 &&
		    xmlStrcmp(a->name, BAD_CAST "lang") == 0)
			continue;
		for (i = 0; names[i] != NULL; i++)
			if (a->ns == NULL &&
			    xmlStrcmp(a->name, BAD_CAST names[i]) == 0)
				break;
		if (names[i] == NULL && wk_rng_nearest((const char *)a->name,
		    names) != NULL)
			return wk_xml_err(f, n, (const char *)a->name, err,
			    _("<%s> has no attribute '%s'; did you mean '%s'?"),
			    (const char *)n->name, (const char *)a->name,
			    wk_rng_nearest((const char *)a->name, names));
		if (names[i] == NULL)
			return wk_xml_err(f, n, (const char *)a->name, err,
			    _("<%s> has no attribute '%s'; remove it or check "
			    "its spelling"), (const char *)n->name,
			    (const char *)a->name);
	}
	if (text < 0)
		return WK_OK;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type == XML_ELEMENT_NODE)
			return wk_xml_err(f, k, NULL, err,
			    _("<%s> cannot hold a <%s>; remove it"),
			    (const char *)n->name, (const char *)k->name);
		if (!text && (k->type == XML_TEXT_NODE ||
		    k->type == XML_CDATA_SECTION_NODE) && !xmlIsBlankNode(k))
			return wk_xml_err(f, n, NULL, err,
			    _("<%s> holds text; its values go in attributes"),
			    (const char *)n->name);
	}
	return WK_OK;
}

/* True when s has the form of an xml:lang value (a BCP 47 tag as XML
 * Schema's "language" type reads it: letters, then '-' and 1 to 8 letters
 * or digits). */
static int
valid_lang(const char *s)
{
	size_t run = 0, i;
	int first = 1;

	for (i = 0;; i++) {
		char c = s[i];

		if (c == '-' || c == '\0') {
			if (run == 0)
				return 0;
			if (c == '\0')
				return 1;
			run = 0;
			first = 0;
		} else if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (!first && c >= '0' && c <= '9')) && run < 8)
			run++;
		else
			return 0;
	}
}

/*
 * Reports err (an input problem of element n) as an error with why (a
 * sentence saying what is left out), then unlinks and frees n so that the
 * schema checks only what is kept.
 */
static void
leave_out(xmlNodePtr n, const char *why, struct wk_diags *d,
    struct wk_err *err)
{
	size_t len = strlen(err->msg);

	snprintf(err->msg + len, sizeof err->msg - len, "; %s", why);
	wk_diag_err(d, err);
	xmlUnlinkNode(n);
	xmlFreeNode(n);
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

static void
free_price(struct wk_price *p)
{
	free(p->product);
	free(p->unit);
	memset(p, 0, sizeof *p);
}

/* Reads one <price> into p. */
static enum wk_status
read_price(struct wk_xmlfile *f, xmlNodePtr k, struct wk_price *p,
    struct wk_err *err)
{
	static const char *const attrs[] = { "product", "unit", "value",
	    "previous", "confirmed", NULL };
	static const char *const price[] = { "price", NULL };
	enum wk_status st;
	char *conf;

	p->previous = -1;
	pos(f, k, NULL, &p->pos);
	pos(f, k, "product", &p->product_pos);
	pos(f, k, "unit", &p->unit_pos);
	pos(f, k, "value", &p->value_pos);
	if (!wk_xml_is(k, "price") && wk_rng_nearest((const char *)k->name,
	    price) != NULL)
		return wk_xml_err(f, k, NULL, err,
		    _("unexpected <%s> in <%s>; did you mean <%s>?"),
		    (const char *)k->name, "market", "price");
	if (!wk_xml_is(k, "price"))
		return wk_xml_err(f, k, NULL, err,
		    _("unexpected <%s> in <market>; only <price> goes here"),
		    (const char *)k->name);
	if ((st = only_attrs(f, k, attrs, 0, err)) != WK_OK)
		return st;
	if ((p->product = id_attr(f, k, "product", err)) == NULL ||
	    (p->unit = wk_xml_req(f, k, "unit", err)) == NULL)
		return err->status;
	if ((st = amount_attr(f, k, "value", &p->value, err)) != WK_OK)
		return st;
	if (xmlHasProp(k, BAD_CAST "previous") &&
	    (st = amount_attr(f, k, "previous", &p->previous, err)) != WK_OK)
		return st;
	/* The network vouches for a price that looks like a typo. */
	if ((conf = wk_xml_attr(k, "confirmed")) != NULL) {
		p->confirmed = strcmp(conf, "yes") == 0;
		free(conf);
		if (!p->confirmed)
			return wk_xml_err(f, k, "confirmed", err, "%s",
			    _("confirmed must be \"yes\" (the price is right "
			    "although it looks like a typo) or left out"));
	}
	return WK_OK;
}

/* Reads a <market>. A bad <price> is reported to d and left out; the
 * market fails (and is left out by the caller) when its own attributes are
 * wrong or no price is left. */
static enum wk_status
read_market(struct wk_xmlfile *f, xmlNodePtr n, struct wk_market *m,
    struct wk_diags *d, struct wk_err *err)
{
	static const char *const attrs[] = { "id", "name", "town", NULL };
	xmlNodePtr k, next;
	size_t cap = 0;
	struct seen kept = { NULL, 0 };
	enum wk_status st;

	pos(f, n, NULL, &m->pos);
	if ((st = only_attrs(f, n, attrs, -1, err)) != WK_OK)
		return st;
	if ((m->id = id_attr(f, n, "id", err)) == NULL ||
	    (m->name = wk_xml_req(f, n, "name", err)) == NULL)
		return err->status;
	m->town = wk_xml_attr(n, "town");
	for (k = wk_xml_elem(n->children); k; k = wk_xml_elem(k->next))
		cap++;
	if ((m->prices = calloc(cap + 1, sizeof *m->prices)) == NULL ||
	    seen_init(&kept, cap) != 0) {
		free(kept.slot);
		return wk_err_nomem(err);
	}
	for (k = wk_xml_elem(n->children); k; k = next) {
		struct wk_price *p = &m->prices[m->nprices];
		long i = -1;

		next = wk_xml_elem(k->next);
		st = read_price(f, k, p, err);
		if (st == WK_OK && (i = seen_add(&kept, p->product, p->unit,
		    m->nprices)) >= 0)
			st = wk_xml_err(f, k, "product", err,
			    _("'%s' per %s is priced twice in market '%s' "
			    "(also at line %d); keep one of the two"),
			    p->product, p->unit, m->id, m->prices[i].pos.line);
		if (st == WK_OK) {
			m->nprices++;
			continue;
		}
		free_price(p);
		if (st != WK_EINPUT)
			break;
		leave_out(k, _("this price is left out, the market's other "
		    "prices are read"), d, err);
	}
	free(kept.slot);
	if (st != WK_OK && st != WK_EINPUT)
		return st;
	if (m->nprices == 0)
		return wk_xml_err(f, n, NULL, err,
		    _("market '%s' has no price that can be read"), m->id);
	return WK_OK;
}

static void
free_market(struct wk_market *m)
{
	size_t j;

	for (j = 0; j < m->nprices; j++)
		free_price(&m->prices[j]);
	free(m->prices);
	free(m->id);
	free(m->name);
	free(m->town);
	memset(m, 0, sizeof *m);
}

void
wk_prices_free(struct wk_prices *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nmarkets; i++)
		free_market(&p->markets[i]);
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
	static const char *const market[] = { "market", NULL };
	struct wk_xmlfile f;
	struct wk_prices *p;
	xmlNodePtr n, next;
	enum wk_status st;
	size_t cap = 0;
	struct seen kept = { NULL, 0 };

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
	if ((p->markets = calloc(cap + 1, sizeof *p->markets)) == NULL ||
	    seen_init(&kept, cap) != 0) {
		st = wk_err_nomem(err);
		goto out;
	}
	for (n = wk_xml_elem(f.root->children); n; n = next) {
		struct wk_market *m = &p->markets[p->nmarkets];
		long i = -1;

		next = wk_xml_elem(n->next);
		if (!wk_xml_is(n, "market") && wk_rng_nearest(
		    (const char *)n->name, market) != NULL)
			st = wk_xml_err(&f, n, NULL, err,
			    _("unexpected <%s> in <%s>; did you mean <%s>?"),
			    (const char *)n->name, "prices", "market");
		else if (!wk_xml_is(n, "market"))
			st = wk_xml_err(&f, n, NULL, err,
			    _("unexpected <%s> in <prices>; only <market> goes "
			    "here"), (const char *)n->name);
		else
			st = read_market(&f, n, m, d, err);
		if (st == WK_OK && (i = seen_add(&kept, m->id, "",
		    p->nmarkets)) >= 0)
			st = wk_xml_err(&f, n, "id", err,
			    _("market '%s' appears twice (also at line %d); "
			    "keep one of the two"), m->id,
			    p->markets[i].pos.line);
		if (st == WK_OK) {
			p->nmarkets++;
			continue;
		}
		free_market(m);
		if (st != WK_EINPUT)
			goto out;
		leave_out(n, _("this market is left out, and its segments say "
		    "their fallback phrase"), d, err);
	}
	st = WK_OK;
out:
	/* The schema checks what is kept; a problem of the whole file (its
	 * date, its root) does not hide the others. */
	if (f.doc != NULL && (st == WK_OK || st == WK_EINPUT))
		st = wk_xml_finish(&f, "prices", st, d, err);
	free(kept.slot);
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

static void
free_item(struct wk_news_item *it)
{
	size_t j;

	for (j = 0; j < it->ntexts; j++) {
		free(it->texts[j].lang);
		free(it->texts[j].headline);
		free(it->texts[j].text);
	}
	free(it->texts);
	free(it->id);
	free(it->network);
	for (j = 0; j < it->ncategories; j++)
		free(it->categories[j]);
	free(it->categories);
	memset(it, 0, sizeof *it);
}

void
wk_news_free(struct wk_news *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nitems; i++)
		free_item(&n->items[i]);
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

	static const char *const attrs[] = { "id", "network", "date",
	    "expires", NULL };
	static const char *const none[] = { NULL };
	static const char *const texts[] = { "headline", "text", NULL };

	pos(f, n, NULL, &it->pos);
	pos(f, n, "network", &it->network_pos);
	if ((st = only_attrs(f, n, attrs, -1, err)) != WK_OK)
		return st;
	if ((it->id = id_attr(f, n, "id", err)) == NULL ||
	    (it->network = id_attr(f, n, "network", err)) == NULL)
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

		if (!wk_xml_is(k, "headline") && !wk_xml_is(k, "text") &&
		    wk_rng_nearest((const char *)k->name, texts) != NULL)
			return wk_xml_err(f, k, NULL, err,
			    _("unexpected <%s> in <%s>; did you mean <%s>?"),
			    (const char *)k->name, "item",
			    wk_rng_nearest((const char *)k->name, texts));
		if (!wk_xml_is(k, "headline") && !wk_xml_is(k, "text"))
			return wk_xml_err(f, k, NULL, err,
			    _("unexpected <%s> in <item>; use <headline> and "
			    "<text>"), (const char *)k->name);
		if (lang == NULL)
			return wk_xml_err(f, k, NULL, err,
			    _("<%s> needs xml:lang=\"es\" or xml:lang=\"qu\""),
			    (const char *)k->name);
		if (!valid_lang(lang))
			return wk_xml_err(f, k, NULL, err,
			    _("xml:lang=\"%.40s\" is not a language tag; write "
			    "xml:lang=\"es\" or xml:lang=\"qu\""), lang);
		if ((st = only_attrs(f, k, none, 1, err)) != WK_OK)
			return st;
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
	static const char *const item[] = { "item", NULL };
	xmlNodePtr n, next;
	size_t cap = 0;
	struct seen kept = { NULL, 0 };
	enum wk_status st;

	pos(f, f->root, "date", &nw->date_pos);
	if ((st = date_attr(f, f->root, "date", &nw->date, err)) != WK_OK)
		return wk_xml_finish(f, "news", st, d, err);
	nw->has_date = 1;
	for (n = wk_xml_elem(f->root->children); n; n = wk_xml_elem(n->next))
		cap++;
	if ((nw->items = calloc(cap + 1, sizeof *nw->items)) == NULL ||
	    seen_init(&kept, cap) != 0) {
		free(kept.slot);
		return wk_err_nomem(err);
	}
	for (n = wk_xml_elem(f->root->children); n; n = next) {
		struct wk_news_item *it = &nw->items[nw->nitems];
		long i = -1;

		next = wk_xml_elem(n->next);
		if (!wk_xml_is(n, "item") && wk_rng_nearest((const char *)n->name,
		    item) != NULL)
			st = wk_xml_err(f, n, NULL, err,
			    _("unexpected <%s> in <%s>; did you mean <%s>?"),
			    (const char *)n->name, "news", "item");
		else if (!wk_xml_is(n, "item"))
			st = wk_xml_err(f, n, NULL, err,
			    _("unexpected <%s> in <news>; only <item> goes here"),
			    (const char *)n->name);
		else
			st = read_item(f, n, it, err);
		if (st == WK_OK && (i = seen_add(&kept, it->id, "",
		    nw->nitems)) >= 0)
			st = wk_xml_err(f, n, "id", err,
			    _("item '%s' appears twice (also at line %d); "
			    "give each item its own id"), it->id,
			    nw->items[i].pos.line);
		if (st == WK_OK) {
			it->decimal_mark = wk_decimal_mark_attr(f->root);
			nw->nitems++;
			continue;
		}
		free_item(it);
		if (st != WK_EINPUT) {
			free(kept.slot);
			return st;
		}
		leave_out(n, _("this news item is left out, the others are "
		    "read"), d, err);
	}
	free(kept.slot);
	return wk_xml_finish(f, "news", WK_OK, d, err);
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
		if (wk_lang_match(lang, it->texts[i].lang) > 0)
			return &it->texts[i];
	return NULL;
}

size_t
wk_lang_match(const char *range, const char *tag)
{
	size_t n = strlen(range);

	if (strcmp(range, "*") == 0)
		return 1;
	if (n == 0 || strncasecmp(range, tag, n) != 0 ||
	    (tag[n] != '\0' && tag[n] != '-'))
		return 0;
	return n;
}
