/*
 * Readers for the price feed and our news feed format. Each checks every
 * value with a message that says how to fix it. A problem inside one
 * <price>, <market> or news <item> leaves that element out: it is reported
 * as an error (so the run exits 1), and the rest of the file is still
 * read. The RELAX NG schema then checks the structure of what is kept;
 * only a problem of the file as a whole (not XML, wrong root, bad feed
 * date) rejects it. The price feed, which may be large, is read as a
 * stream (xmlstream.h): one <price> at a time, in memory for that price,
 * not for the file. News feeds are read as a tree; RSS and Atom go to
 * rss.c. What is said on the air from a feed (a market's name and town, a
 * unit, a headline, a news text) has a bounded length (feed.h).
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/hash.h"
#include "base/text.h"
#include "feed.h"
#include "rngoutline.h"
#include "rss.h"
#include "xmlio.h"
#include "xmlstream.h"

/*
 * The keys a reader has kept so far (a market's id, a price's product and
 * unit, an item's id) in an open-addressed hash table, so that telling a
 * duplicate among n elements costs O(n), not O(n^2): a feed of 300 000
 * prices in 13 000 markets is read in linear time. The table doubles as it
 * fills, so a stream need not know how many will come. The keys belong to
 * the elements, whose strings do not move.
 */
struct seen {
	struct key {
		const char *a, *b;	/* NULL: empty */
		size_t idx;
	} *slot;
	size_t mask, n;
};

static int
seen_init(struct seen *s, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	s->mask = cap - 1;
	s->n = 0;
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
seen_slot(const struct seen *s, const char *a, const char *b)
{
	size_t i = seen_hash(a, b) & s->mask;

	while (s->slot[i].a != NULL && (strcmp(s->slot[i].a, a) != 0 ||
	    strcmp(s->slot[i].b, b) != 0))
		i = (i + 1) & s->mask;
	return &s->slot[i];
}

/* The index given with key (a, b) when it was kept, or -1. */
static long
seen_find(const struct seen *s, const char *a, const char *b)
{
	const struct key *k = seen_slot(s, a, b);

	return k->a != NULL ? (long)k->idx : -1;
}

/* Twice the slots, the keys placed again; -1 when out of memory (or the
 * size would overflow). */
static int
seen_grow(struct seen *s)
{
	struct seen t;
	size_t i, cap = s->mask + 1;

	if (cap > SIZE_MAX / 2 / sizeof *s->slot)
		return -1;
	t.mask = 2 * cap - 1;
	t.n = s->n;
	if ((t.slot = calloc(2 * cap, sizeof *t.slot)) == NULL)
		return -1;
	for (i = 0; i < cap; i++)
		if (s->slot[i].a != NULL)
			*seen_slot(&t, s->slot[i].a, s->slot[i].b) = s->slot[i];
	free(s->slot);
	*s = t;
	return 0;
}

/* The index given with key (a, b) earlier, or -1 after keeping it with
 * idx; -2 when out of memory. The table keeps at least half its slots
 * empty. */
static long
seen_add(struct seen *s, const char *a, const char *b, size_t idx)
{
	struct key *k = seen_slot(s, a, b);

	if (k->a != NULL)
		return (long)k->idx;
	if (2 * (s->n + 1) > s->mask + 1) {
		if (seen_grow(s) != 0)
			return -2;
		k = seen_slot(s, a, b);
	}
	k->a = a;
	k->b = b;
	k->idx = idx;
	s->n++;
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

/* The first attribute of n that is not among names (xml:lang aside), or
 * NULL. */
static xmlAttrPtr
unknown_attr(xmlNodePtr n, const char *const *names)
{
	xmlAttrPtr a;
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
		if (names[i] == NULL)
			return a;
	}
	return NULL;
}

/* The error for attribute a, which n may not have (names: those it may),
 * with what was meant when its name is close to one of them. */
static enum wk_status
no_such_attr(const struct wk_xmlfile *f, xmlNodePtr n, xmlAttrPtr a,
    const char *const *names, struct wk_err *err)
{
	const char *name = (const char *)a->name;
	const char *near = wk_rng_nearest(name, names);

	if (near != NULL)
		return wk_xml_err(f, n, name, err, _("<%s> has no attribute "
		    "'%s'; did you mean '%s'?"), (const char *)n->name, name, near);
	return wk_xml_err(f, n, name, err, _("<%s> has no attribute '%s'; "
	    "remove it or check its spelling"), (const char *)n->name, name);
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

	if ((a = unknown_attr(n, names)) != NULL)
		return no_such_attr(f, n, a, names, err);
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

/* Reports err (an input problem of an element) as an error with why, a
 * sentence saying what is left out. */
static void
report_out(const char *why, struct wk_diags *d, struct wk_err *err)
{
	size_t len = strlen(err->msg);

	snprintf(err->msg + len, sizeof err->msg - len, "; %s", why);
	wk_diag_err(d, err);
}

/*
 * Reports err as report_out does, then unlinks and frees the element n
 * of a tree so that the schema checks only what is kept.
 */
static void
leave_out(xmlNodePtr n, const char *why, struct wk_diags *d,
    struct wk_err *err)
{
	report_out(why, d, err);
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* An attribute said on the air that must not be longer than max
 * characters (what: the kind of text, for the message); a missing one
 * passes. */
static enum wk_status
spoken_attr(const struct wk_xmlfile *f, xmlNodePtr n, const char *name,
    size_t max, const char *what, struct wk_err *err)
{
	char *v = wk_xml_attr(n, name);
	size_t k = v != NULL ? wk_utf8_len(v) : 0;
	enum wk_status st = WK_OK;

	if (k > max)
		st = wk_xml_err(f, n, name, err,
		    _("%s=\"%.24s...\" is %zu characters long: %s is said on the "
		    "air and may have at most %zu (about %d seconds of speech); "
		    "shorten it"), name, v, k, what, max, wk_speech_s(max));
	free(v);
	return st;
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

/* Element n in <parent> is not want, the one element that goes there: an
 * error saying what was meant when n's name is close to it. */
static enum wk_status
not_the_one(const struct wk_xmlfile *f, xmlNodePtr n, const char *parent,
    const char *want, struct wk_err *err)
{
	const char *const cands[] = { want, NULL };

	if (wk_rng_nearest((const char *)n->name, cands) != NULL)
		return wk_xml_err(f, n, NULL, err,
		    _("unexpected <%s> in <%s>; did you mean <%s>?"),
		    (const char *)n->name, parent, want);
	return wk_xml_err(f, n, NULL, err,
	    _("unexpected <%s> in <%s>; only <%s> goes here"),
	    (const char *)n->name, parent, want);
}

/* Reads one <price> into p. */
static enum wk_status
read_price(const struct wk_xmlfile *f, xmlNodePtr k, struct wk_price *p,
    struct wk_err *err)
{
	static const char *const attrs[] = { "product", "unit", "value",
	    "previous", "confirmed", NULL };
	enum wk_status st;
	char *conf;

	p->previous = -1;
	pos(f, k, NULL, &p->pos);
	pos(f, k, "product", &p->product_pos);
	pos(f, k, "unit", &p->unit_pos);
	pos(f, k, "value", &p->value_pos);
	if (!wk_xml_is(k, "price"))
		return not_the_one(f, k, "market", "price", err);
	if ((st = only_attrs(f, k, attrs, 0, err)) != WK_OK)
		return st;
	if ((p->product = id_attr(f, k, "product", err)) == NULL ||
	    (p->unit = wk_xml_req(f, k, "unit", err)) == NULL)
		return err->status;
	if ((st = spoken_attr(f, k, "unit", WK_FEED_UNIT_MAX, _("a unit"),
	    err)) != WK_OK)
		return st;
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

/* Reads the start tag of a <market> into m; the caller reads its prices.
 * The market fails (and is left out by the caller) when its own
 * attributes are wrong. */
static enum wk_status
read_market(const struct wk_xmlfile *f, xmlNodePtr n, struct wk_market *m,
    struct wk_err *err)
{
	static const char *const attrs[] = { "id", "name", "town", NULL };
	enum wk_status st;

	pos(f, n, NULL, &m->pos);
	if ((st = only_attrs(f, n, attrs, -1, err)) != WK_OK)
		return st;
	if ((m->id = id_attr(f, n, "id", err)) == NULL ||
	    (m->name = wk_xml_req(f, n, "name", err)) == NULL)
		return err->status;
	if ((st = spoken_attr(f, n, "name", WK_FEED_NAME_MAX,
	    _("a market's name"), err)) != WK_OK ||
	    (st = spoken_attr(f, n, "town", WK_FEED_TOWN_MAX, _("a town"),
	    err)) != WK_OK)
		return st;
	m->town = wk_xml_attr(n, "town");
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

/* The market being read from the stream: its element, what became of its
 * start tag, and its prices so far (at p->markets[p->nmarkets]). */
struct open_market {
	xmlNodePtr n;		/* NULL: no market is open */
	long twin;		/* the kept market with its id, or -1 */
	int pushed;		/* the schema has its start */
	int text;		/* it holds text before its first kept price */
	size_t cap;		/* room in m->prices */
	struct seen kept;	/* its products and units */
};

/* Reads the <prices> start tag into p; a problem rejects the file (an
 * unknown attribute only once it is read: added to d). */
static enum wk_status
read_head(struct wk_xmlstream *s, xmlNodePtr root, struct wk_prices *p,
    struct wk_diags *d, struct wk_err *err)
{
	static const char *const attrs[] = { "date", "currency", "source",
	    NULL };
	const struct wk_xmlfile *f = wk_xmls_file(s);
	struct wk_err e;
	xmlAttrPtr a;
	enum wk_status st;

	if (!wk_xml_is(root, "prices"))
		return wk_xml_err(f, root, NULL, err,
		    _("this is a <%s> file, not a price feed (<prices>)"),
		    (const char *)root->name);
	/* An unknown attribute (a misspelt one, with what was meant) is a
	 * problem of the file that does not stop its prices from being
	 * read; taken off, the schema does not say it again. */
	while ((a = unknown_attr(root, attrs)) != NULL) {
		no_such_attr(f, root, a, attrs, &e);
		wk_diag_err(d, &e);
		wk_xmls_count(s);
		xmlRemoveProp(a);
	}
	pos(f, root, "date", &p->date_pos);
	if ((st = date_attr(f, root, "date", &p->date, err)) != WK_OK)
		return st;
	p->currency = wk_xml_attr(root, "currency");
	p->source = wk_xml_attr(root, "source");
	if (p->currency != NULL && strcmp(p->currency, "PEN") != 0)
		return wk_xml_err(f, root, "currency", err,
		    _("currency \"%s\" is not supported; prices must be in soles "
		    "(currency=\"PEN\")"), p->currency);
	wk_xmls_valid_start(s, root);
	return WK_OK;
}

/* A <market> starts: its attributes are read, or it is left out with its
 * contents. */
static enum wk_status
market_start(struct wk_xmlstream *s, xmlNodePtr n, struct wk_prices *p,
    size_t *cap, const struct seen *markets, struct open_market *om,
    struct wk_diags *d, struct wk_err *err)
{
	const struct wk_xmlfile *f = wk_xmls_file(s);
	struct wk_market *m;
	enum wk_status st;

	if (p->nmarkets + 1 >= *cap) {
		size_t k = *cap ? 2 * *cap : 16;
		struct wk_market *v;

		if (k > SIZE_MAX / sizeof *v ||
		    (v = realloc(p->markets, k * sizeof *v)) == NULL)
			return wk_err_nomem(err);
		p->markets = v;
		*cap = k;
	}
	m = &p->markets[p->nmarkets];
	memset(m, 0, sizeof *m);
	memset(om, 0, sizeof *om);
	if (!wk_xml_is(n, "market"))
		st = not_the_one(f, n, "prices", "market", err);
	else
		st = read_market(f, n, m, err);
	if (st == WK_OK) {
		if (seen_init(&om->kept, 0) != 0)
			return wk_err_nomem(err);
		om->n = n;
		om->twin = seen_find(markets, m->id, "");
		return WK_OK;
	}
	free_market(m);
	if (st != WK_EINPUT)
		return st;
	report_out(_("this market is left out, and its segments say their "
	    "fallback phrase"), d, err);
	return wk_xmls_skip(s, err);
}

/* A <price> (or another element) in the open market: read whole, kept or
 * left out. */
static enum wk_status
market_price(struct wk_xmlstream *s, xmlNodePtr n, struct wk_prices *p,
    struct open_market *om, struct wk_diags *d, struct wk_err *err)
{
	const struct wk_xmlfile *f = wk_xmls_file(s);
	struct wk_market *m = &p->markets[p->nmarkets];
	struct wk_price *pr;
	enum wk_status st;
	long i = -1;

	if (m->nprices + 1 >= om->cap) {
		size_t k = om->cap ? 2 * om->cap : 16;
		struct wk_price *v;

		if (k > SIZE_MAX / sizeof *v ||
		    (v = realloc(m->prices, k * sizeof *v)) == NULL)
			return wk_err_nomem(err);
		m->prices = v;
		om->cap = k;
	}
	pr = &m->prices[m->nprices];
	memset(pr, 0, sizeof *pr);
	/* Only a <price> is built as a tree: anything else is refused by
	 * its name and passed over. */
	if (wk_xml_is(n, "price") && (n = wk_xmls_expand(s, err)) == NULL)
		return err->status;
	st = read_price(f, n, pr, err);
	if (st == WK_OK && (i = seen_add(&om->kept, pr->product, pr->unit,
	    m->nprices)) >= 0)
		st = wk_xml_err(f, n, "product", err,
		    _("'%s' per %s is priced twice in market '%s' "
		    "(also at line %d); keep one of the two"),
		    pr->product, pr->unit, m->id, m->prices[i].pos.line);
	else if (i == -2)
		st = wk_err_nomem(err);
	if (st == WK_OK) {
		m->nprices++;
		/* A market that is another's twin is not kept: the schema
		 * checks what is. */
		if (om->twin < 0 && !om->pushed) {
			wk_xmls_valid_start(s, om->n);
			if (om->text)
				wk_xmls_valid_text(s, om->n, "text");
			om->pushed = 1;
		}
		if (om->twin < 0)
			wk_xmls_valid_element(s, n);
		return WK_OK;
	}
	free_price(pr);
	if (st != WK_EINPUT)
		return st;
	report_out(_("this price is left out, the market's other prices are "
	    "read"), d, err);
	return wk_xml_is(n, "price") ? WK_OK : wk_xmls_skip(s, err);
}

/* The open market ends: kept, or left out when no price could be read or
 * its id was taken. */
static enum wk_status
market_end(struct wk_xmlstream *s, struct wk_prices *p, struct seen *markets,
    struct open_market *om, struct wk_diags *d, struct wk_err *err)
{
	const struct wk_xmlfile *f = wk_xmls_file(s);
	struct wk_market *m = &p->markets[p->nmarkets];
	enum wk_status st = WK_OK;
	long i;

	free(om->kept.slot);
	om->kept.slot = NULL;
	if (m->nprices == 0)
		st = wk_xml_err(f, om->n, NULL, err,
		    _("market '%s' has no price that can be read"), m->id);
	else if (om->twin >= 0)
		st = wk_xml_err(f, om->n, "id", err,
		    _("market '%s' appears twice (also at line %d); "
		    "keep one of the two"), m->id,
		    p->markets[om->twin].pos.line);
	else if ((i = seen_add(markets, m->id, "", p->nmarkets)) == -2)
		st = wk_err_nomem(err);
	if (om->pushed)
		wk_xmls_valid_end(s, om->n);
	om->n = NULL;
	if (st == WK_OK) {
		p->nmarkets++;
		return WK_OK;
	}
	free_market(m);
	if (st != WK_EINPUT)
		return st;
	report_out(_("this market is left out, and its segments say their "
	    "fallback phrase"), d, err);
	return WK_OK;
}

enum wk_status
wk_prices_load(const char *path, struct wk_prices **out, struct wk_diags *d,
    struct wk_err *err)
{
	struct wk_xmlstream *s = NULL;
	struct wk_prices *p;
	struct open_market om;
	struct seen markets = { NULL, 0, 0 };
	size_t cap = 0;
	enum wk_status st;
	xmlNodePtr n;
	int ev = 0, depth;

	*out = NULL;
	memset(&om, 0, sizeof om);
	if ((p = calloc(1, sizeof *p)) == NULL)
		return wk_err_nomem(err);
	if ((st = wk_xmls_open(path, "prices", d, &s, err)) != WK_OK)
		goto out;
	if ((p->path = strdup(path)) == NULL || seen_init(&markets, 0) != 0) {
		st = wk_err_nomem(err);
		goto out;
	}
	/* The root (depth 0), its markets (1) and their prices (2): a
	 * market left out is passed over whole and a price is read whole,
	 * so nothing deeper comes. */
	while (st == WK_OK && (ev = wk_xmls_next(s, &n, &depth, err)) > 0) {
		if (depth == 0 && ev == WK_XMLS_START)
			st = read_head(s, n, p, d, err);
		else if (depth == 0 && ev == WK_XMLS_END)
			wk_xmls_valid_end(s, n);
		else if (depth == 1 && ev == WK_XMLS_TEXT)
			wk_xmls_valid_text(s, n->parent, (const char *)n->content);
		else if (depth == 1 && ev == WK_XMLS_START)
			st = market_start(s, n, p, &cap, &markets, &om, d, err);
		else if (depth == 1 && ev == WK_XMLS_END && om.n != NULL)
			st = market_end(s, p, &markets, &om, d, err);
		else if (depth == 2 && ev == WK_XMLS_START && om.n != NULL)
			st = market_price(s, n, p, &om, d, err);
		else if (depth == 2 && ev == WK_XMLS_TEXT && om.n != NULL) {
			if (om.pushed)
				wk_xmls_valid_text(s, om.n,
				    (const char *)n->content);
			else
				om.text = 1;
		}
	}
	if (st == WK_OK && ev < 0)
		st = err->status;
	if (st == WK_OK)
		st = wk_xmls_verdict(s, err);
out:
	if (om.n != NULL) {
		free(om.kept.slot);
		free_market(&p->markets[p->nmarkets]);
	}
	free(markets.slot);
	wk_xmls_free(s);
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
	size_t max;

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
		max = slot == &t->headline ? WK_FEED_HEADLINE_MAX :
		    WK_FEED_TEXT_MAX;
		if (wk_utf8_len(*slot) > max)
			return wk_xml_err(f, k, NULL, err,
			    _("<%s> is %zu characters long: a news item says at "
			    "most %zu there (about %d seconds of speech); shorten "
			    "it"), (const char *)k->name, wk_utf8_len(*slot), max,
			    wk_speech_s(max));
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
	xmlNodePtr n, next;
	size_t cap = 0;
	struct seen kept = { NULL, 0, 0 };
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
		if (!wk_xml_is(n, "item"))
			st = not_the_one(f, n, "news", "item", err);
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

/* The items of an RSS or Atom feed whose title or text is longer than a
 * news item says (feed.h) are left out with an error; rss.c has kept no
 * more than each one's position. */
static void
web_lengths(struct wk_news *nw, struct wk_diags *d, struct wk_err *err)
{
	size_t i, j, k, keep = 0;

	for (i = 0; i < nw->nitems; i++) {
		struct wk_news_item *it = &nw->items[i];
		int bad = 0;

		for (j = 0; j < it->ntexts && !bad; j++) {
			const struct wk_news_text *t = &it->texts[j];

			if (t->headline != NULL &&
			    (k = wk_utf8_len(t->headline)) > WK_FEED_HEADLINE_MAX)
				bad = wk_err_set(err, WK_EINPUT, nw->path,
				    t->pos.line, t->pos.col, _("the item's title "
				    "is %zu characters long: a news item says at "
				    "most %d there (about %d seconds of speech); "
				    "shorten it"), k, WK_FEED_HEADLINE_MAX,
				    wk_speech_s(WK_FEED_HEADLINE_MAX)) != WK_OK;
			else if (t->text != NULL &&
			    (k = wk_utf8_len(t->text)) > WK_FEED_TEXT_MAX)
				bad = wk_err_set(err, WK_EINPUT, nw->path,
				    t->pos.line, t->pos.col, _("the item's text "
				    "is %zu characters long: a news item says at "
				    "most %d there (about %d seconds of speech); "
				    "shorten it"), k, WK_FEED_TEXT_MAX,
				    wk_speech_s(WK_FEED_TEXT_MAX)) != WK_OK;
		}
		if (bad) {
			report_out(_("this news item is left out, the others "
			    "are read"), d, err);
			free_item(it);
		} else
			nw->items[keep++] = *it;
	}
	nw->nitems = keep;
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
	st = wk_xml_load(path, WK_XML_NEWS, &f, err);
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
		} else if (rss) {
			if ((st = wk_rss_read(&f, nw, d, err)) == WK_OK)
				web_lengths(nw, d, err);
		}
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
