/*
 * The outline of a RELAX NG schema (see rngoutline.h), read with libxml2
 * from the schema's XML: <include> brings in the defines of another file,
 * <ref> is followed to its <define>, and each <element> of the grammar
 * becomes one outline element, shared by every place that refers to it (a
 * recursive grammar makes a cycle, not an endless walk). An attribute under
 * <optional>, <zeroOrMore> or <choice> is not required; its values are
 * those of the <value>s it holds, its type that of its <data> or of the
 * <define> it refers to. Only what our schemas use is understood; anything
 * else is passed over, which only makes the outline more lenient.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/paths.h"
#include "rngoutline.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

/* How deep refs and patterns may nest before the walk gives up. */
#define MAX_DEPTH 64

struct wk_rng {
	xmlDocPtr *docs;	/* the schema file and those it includes */
	size_t ndocs;
	struct def {
		const char *name;
		xmlNodePtr node;
	} *defs;
	size_t ndefs;
	struct made {
		xmlNodePtr node;	/* the <element> of the schema */
		struct wk_rng_elem *elem;
	} *made;
	size_t nmade;
	struct wk_rng_elem start;	/* its kids: the start elements */
	int failed;
};

/* True when n is the RELAX NG element name. */
static int
is(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrcmp(n->ns->href, BAD_CAST RNG_NS) == 0 &&
	    xmlStrcmp(n->name, BAD_CAST name) == 0;
}

/* The name="..." of n, or the text of its <name> child; NULL for
 * <anyName/> and <nsName/>. Points into the schema document. */
static const char *
name_of(xmlNodePtr n)
{
	xmlAttrPtr a = xmlHasProp(n, BAD_CAST "name");
	xmlNodePtr k;

	if (a != NULL && a->children != NULL)
		return (const char *)a->children->content;
	for (k = n->children; k != NULL; k = k->next)
		if (is(k, "name") && k->children != NULL)
			return (const char *)k->children->content;
	return NULL;
}

static xmlDocPtr
read_doc(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	xmlDocPtr doc = NULL;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (n + 4096 > cap) {
			char *t = cap < (1u << 20) ? realloc(buf, cap + 65536) : NULL;

			if (t == NULL)
				goto out;
			buf = t;
			cap += 65536;
		}
		if ((got = fread(buf + n, 1, cap - n, f)) == 0)
			break;
		n += got;
	}
	if (!ferror(f) && n > 0)
		doc = xmlReadMemory(buf, (int)n, path, NULL, XML_PARSE_NONET |
		    XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
out:
	free(buf);
	fclose(f);
	return doc;
}

/* Reads path and the files it includes, keeping their defines. */
static int
load(struct wk_rng *r, const char *path, int depth)
{
	xmlDocPtr doc, *dv;
	xmlNodePtr root, k;

	if (depth > 8 || (doc = read_doc(path)) == NULL)
		return -1;
	if ((dv = realloc(r->docs, (r->ndocs + 1) * sizeof *dv)) == NULL) {
		xmlFreeDoc(doc);
		return -1;
	}
	r->docs = dv;
	r->docs[r->ndocs++] = doc;
	root = xmlDocGetRootElement(doc);
	if (!is(root, "grammar"))
		return -1;
	for (k = root->children; k != NULL; k = k->next) {
		if (is(k, "define")) {
			struct def *v = realloc(r->defs, (r->ndefs + 1) * sizeof *v);

			if (v == NULL || name_of(k) == NULL)
				return -1;
			r->defs = v;
			r->defs[r->ndefs].name = name_of(k);
			r->defs[r->ndefs++].node = k;
		} else if (is(k, "include")) {
			xmlChar *href = xmlGetProp(k, BAD_CAST "href");
			char *dir = wk_path_dir(path), *inc;
			int rc = -1;

			inc = href && dir ? wk_path_join(dir, (const char *)href) : NULL;
			if (inc != NULL)
				rc = load(r, inc, depth + 1);
			xmlFree(href);
			free(dir);
			free(inc);
			if (rc != 0)
				return -1;
		}
	}
	return 0;
}

static xmlNodePtr
define(const struct wk_rng *r, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < r->ndefs; i++)
		if (strcmp(r->defs[i].name, name) == 0)
			return r->defs[i].node;
	return NULL;
}

static int
add_kid(struct wk_rng *r, struct wk_rng_elem *e, struct wk_rng_elem *k)
{
	struct wk_rng_elem **v;
	size_t i;

	for (i = 0; i < e->nkids; i++)
		if (e->kids[i] == k)
			return 0;
	if ((v = realloc(e->kids, (e->nkids + 1) * sizeof *v)) == NULL) {
		r->failed = 1;
		return -1;
	}
	e->kids = v;
	e->kids[e->nkids++] = k;
	return 0;
}

static int
add_value(struct wk_rng *r, struct wk_rng_attr *a, const char *value)
{
	char **v;
	size_t i;

	for (i = 0; i < a->nvalues; i++)
		if (strcmp(a->values[i], value) == 0)
			return 0;
	if ((v = realloc(a->values, (a->nvalues + 1) * sizeof *v)) == NULL ||
	    (v[a->nvalues] = strdup(value)) == NULL) {
		if (v != NULL)
			a->values = v;
		r->failed = 1;
		return -1;
	}
	a->values = v;
	a->nvalues++;
	return 0;
}

/* What the content of attribute pattern n says of its value: its values,
 * its type, whether it is a list; *any is set when other text goes too. */
static void
attr_content(struct wk_rng *r, struct wk_rng_attr *a, xmlNodePtr n,
    int *any, int depth)
{
	xmlNodePtr k;

	if (depth > MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = k->next) {
		if (is(k, "value")) {
			xmlChar *v = xmlNodeGetContent(k);

			if (v != NULL)
				add_value(r, a, (const char *)v);
			xmlFree(v);
		} else if (is(k, "data")) {
			xmlChar *t = xmlGetProp(k, BAD_CAST "type");

			*any = 1;
			if (a->type == NULL && t != NULL &&
			    xmlStrcmp(t, BAD_CAST "string") != 0 &&
			    (a->type = strdup((const char *)t)) == NULL)
				r->failed = 1;
			xmlFree(t);
		} else if (is(k, "text")) {
			*any = 1;
		} else if (is(k, "list")) {
			a->list = 1;
			attr_content(r, a, k, any, depth + 1);
		} else if (is(k, "ref")) {
			xmlNodePtr d = define(r, name_of(k));

			/* A define of common.rng names the kind of value. */
			if (a->type == NULL && name_of(k) != NULL &&
			    (a->type = strdup(name_of(k))) == NULL)
				r->failed = 1;
			if (d != NULL)
				attr_content(r, a, d, any, depth + 1);
		} else if (k->type == XML_ELEMENT_NODE && !is(k, "param") &&
		    !is(k, "name") && !is(k, "except"))
			attr_content(r, a, k, any, depth + 1);
	}
}

static void
add_attr(struct wk_rng *r, struct wk_rng_elem *e, xmlNodePtr n,
    int optional)
{
	const char *name = name_of(n);
	struct wk_rng_attr *a = NULL, *v;
	size_t i;
	int any = 0;

	if (name == NULL) {
		e->any_attr = 1;
		return;
	}
	for (i = 0; i < e->nattrs; i++)
		if (strcmp(e->attrs[i].name, name) == 0)
			a = &e->attrs[i];
	if (a == NULL) {
		if ((v = realloc(e->attrs, (e->nattrs + 1) * sizeof *v)) == NULL) {
			r->failed = 1;
			return;
		}
		e->attrs = v;
		a = &e->attrs[e->nattrs];
		memset(a, 0, sizeof *a);
		if ((a->name = strdup(name)) == NULL) {
			r->failed = 1;
			return;
		}
		e->nattrs++;
		a->required = !optional;
	} else if (optional)
		a->required = 0;
	attr_content(r, a, n, &any, 0);
	/* Free text beside values: any value goes. */
	if (any && a->values != NULL && a->type == NULL) {
		for (i = 0; i < a->nvalues; i++)
			free(a->values[i]);
		free(a->values);
		a->values = NULL;
		a->nvalues = 0;
	}
}

static struct wk_rng_elem *element(struct wk_rng *r, xmlNodePtr n,
    int depth);

/* Walks the content pattern n of element e. */
static void
content(struct wk_rng *r, struct wk_rng_elem *e, xmlNodePtr n, int optional,
    int depth)
{
	xmlNodePtr k;

	if (depth > MAX_DEPTH || r->failed)
		return;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (is(k, "element")) {
			struct wk_rng_elem *kid = element(r, k, depth + 1);

			if (kid != NULL)
				add_kid(r, e, kid);
		} else if (is(k, "attribute"))
			add_attr(r, e, k, optional);
		else if (is(k, "optional") || is(k, "zeroOrMore") ||
		    is(k, "choice"))
			content(r, e, k, 1, depth + 1);
		else if (is(k, "oneOrMore") || is(k, "group") ||
		    is(k, "interleave"))
			content(r, e, k, optional, depth + 1);
		else if (is(k, "mixed")) {
			e->text = 1;
			content(r, e, k, optional, depth + 1);
		} else if (is(k, "ref")) {
			xmlNodePtr d = define(r, name_of(k));

			if (d != NULL)
				content(r, e, d, optional, depth + 1);
		} else if (is(k, "text") || is(k, "data") || is(k, "value") ||
		    is(k, "list"))
			e->text = 1;
	}
}

/* The outline element of the schema's <element> n, made once. */
static struct wk_rng_elem *
element(struct wk_rng *r, xmlNodePtr n, int depth)
{
	struct wk_rng_elem *e;
	struct made *v;
	const char *name = name_of(n);
	size_t i;

	for (i = 0; i < r->nmade; i++)
		if (r->made[i].node == n)
			return r->made[i].elem;
	if (depth > MAX_DEPTH)
		return NULL;
	if ((e = calloc(1, sizeof *e)) == NULL ||
	    (v = realloc(r->made, (r->nmade + 1) * sizeof *v)) == NULL) {
		free(e);
		r->failed = 1;
		return NULL;
	}
	r->made = v;
	r->made[r->nmade].node = n;
	r->made[r->nmade++].elem = e;
	if (name != NULL && (e->name = strdup(name)) == NULL) {
		r->failed = 1;
		return NULL;
	}
	content(r, e, n, 0, depth + 1);
	return e;
}

enum wk_status
wk_rng_load(const char *path, struct wk_rng **out, struct wk_err *err)
{
	struct wk_rng *r;
	xmlNodePtr root, k;
	size_t i;

	*out = NULL;
	if ((r = calloc(1, sizeof *r)) == NULL)
		return wk_err_nomem(err);
	if (load(r, path, 0) != 0) {
		wk_rng_free(r);
		return wk_err_set(err, WK_EIO, path, 0, 0, "%s",
		    _("cannot read the schema"));
	}
	root = xmlDocGetRootElement(r->docs[0]);
	for (k = root->children; k != NULL; k = k->next)
		if (is(k, "start"))
			content(r, &r->start, k, 0, 0);
	/* Includes may hold the start too. */
	for (i = 1; i < r->ndocs; i++)
		for (k = xmlDocGetRootElement(r->docs[i])->children; k != NULL;
		    k = k->next)
			if (is(k, "start"))
				content(r, &r->start, k, 0, 0);
	if (r->failed) {
		wk_rng_free(r);
		return wk_err_nomem(err);
	}
	*out = r;
	return WK_OK;
}

static void
free_elem(struct wk_rng_elem *e)
{
	size_t i, j;

	for (i = 0; i < e->nattrs; i++) {
		for (j = 0; j < e->attrs[i].nvalues; j++)
			free(e->attrs[i].values[j]);
		free(e->attrs[i].values);
		free(e->attrs[i].name);
		free(e->attrs[i].type);
	}
	free(e->attrs);
	free(e->kids);
	free(e->name);
}

void
wk_rng_free(struct wk_rng *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nmade; i++) {
		free_elem(r->made[i].elem);
		free(r->made[i].elem);
	}
	free(r->made);
	free_elem(&r->start);
	free(r->defs);
	for (i = 0; i < r->ndocs; i++)
		xmlFreeDoc(r->docs[i]);
	free(r->docs);
	free(r);
}

const struct wk_rng_elem *
wk_rng_kid(const struct wk_rng_elem *e, const char *name)
{
	size_t i;

	for (i = 0; e != NULL && i < e->nkids; i++)
		if (e->kids[i]->name == NULL || strcmp(e->kids[i]->name, name) == 0)
			return e->kids[i];
	return NULL;
}

const struct wk_rng_elem *
wk_rng_start(const struct wk_rng *r, const char *name)
{
	return wk_rng_kid(&r->start, name);
}

const struct wk_rng_attr *
wk_rng_attr(const struct wk_rng_elem *e, const char *name)
{
	size_t i;

	for (i = 0; e != NULL && i < e->nattrs; i++)
		if (strcmp(e->attrs[i].name, name) == 0)
			return &e->attrs[i];
	return NULL;
}

unsigned
wk_rng_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	unsigned d[64][64];

	if (la > 63 || lb > 63)
		return 255;
	for (i = 0; i <= la; i++)
		d[i][0] = (unsigned)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (unsigned)j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			unsigned best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb] > 255 ? 255 : d[la][lb];
}

/* How far name is from candidate for "did you mean", or 255 when it is
 * too far: a case-only difference is the nearest, then a distance of at
 * most a third of the word (two at most), then a prefix of three letters
 * or more. */
static unsigned
near(const char *name, const char *cand)
{
	size_t ln = strlen(name), lc = strlen(cand);
	unsigned d;

	if (strcmp(name, cand) == 0)
		return 255;
	if (strcasecmp(name, cand) == 0)
		return 0;
	d = wk_rng_distance(name, cand) + 1;
	if (d - 1 <= 2 && d - 1 <= (ln > lc ? ln : lc) / 3 + (ln >= 3))
		return d;
	if (ln >= 3 && lc >= 3 && (strncmp(name, cand, ln < lc ? ln : lc) == 0))
		return 4;
	return 255;
}

const char *
wk_rng_near_kid(const struct wk_rng_elem *e, const char *name)
{
	const char *best = NULL;
	unsigned bd = 255, d;
	size_t i;

	for (i = 0; e != NULL && i < e->nkids; i++)
		if (e->kids[i]->name != NULL &&
		    (d = near(name, e->kids[i]->name)) < bd) {
			bd = d;
			best = e->kids[i]->name;
		}
	return best;
}

const char *
wk_rng_near_attr(const struct wk_rng_elem *e, const char *name)
{
	const char *best = NULL;
	unsigned bd = 255, d;
	size_t i;

	for (i = 0; e != NULL && i < e->nattrs; i++)
		if ((d = near(name, e->attrs[i].name)) < bd) {
			bd = d;
			best = e->attrs[i].name;
		}
	return best;
}

const char *
wk_rng_near_value(const struct wk_rng_attr *a, const char *value)
{
	const char *best = NULL;
	unsigned bd = 255, d;
	size_t i;

	for (i = 0; a != NULL && i < a->nvalues; i++)
		if ((d = near(value, a->values[i])) < bd) {
			bd = d;
			best = a->values[i];
		}
	return best;
}

const char *
wk_rng_nearest(const char *name, const char *const *cands)
{
	const char *best = NULL;
	unsigned bd = 255, d;
	size_t i;

	for (i = 0; cands[i] != NULL; i++)
		if ((d = near(name, cands[i])) < bd) {
			bd = d;
			best = cands[i];
		}
	return best;
}

const char *
wk_rng_parent_of(const struct wk_rng *r, const char *name,
    const struct wk_rng_elem *not)
{
	size_t i, j;

	for (i = 0; i < r->nmade; i++) {
		const struct wk_rng_elem *e = r->made[i].elem;

		if (e == not || e->name == NULL)
			continue;
		for (j = 0; j < e->nkids; j++)
			if (e->kids[j]->name != NULL &&
			    strcmp(e->kids[j]->name, name) == 0)
				return e->name;
	}
	return NULL;
}
