/*
 * Every independent problem of a document's structure in one run. libxml2's
 * RELAX NG validator gives up on an element's content at its first wrong
 * child, names nothing that was meant, and (reporting its errors through
 * a stack) repeats one problem as several. So a document is checked in
 * rounds: first our own walk along the schema's outline (rngoutline.c),
 * which reports each unknown element and attribute, value out of its list
 * and missing attribute with its position and a "did you mean", and prunes
 * what it reported; then libxml2's validation, whose new errors are
 * reported and pruned in turn, until a round finds nothing new (a few
 * rounds, each linear in the document). A problem already reported at the
 * same element, or the same attribute, is not reported again, nor is an
 * element's content when one of its children was pruned: that is its
 * consequence. The document is changed by the pruning; the readers have
 * read it before.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>

#include "base/buf.h"
#include "base/hash.h"
#include "base/paths.h"
#include "rngoutline.h"
#include "xmlio.h"
#include "xmlmsg.h"
#include "xmlpos.h"
#include "xmlvalid.h"

/* Rounds of libxml2's validation, at most. */
#define MAX_ROUNDS 8

/* The parsed schemas and their outlines: the data folder's are the same
 * for every station and file, so they are the process's, kept for the run;
 * wk_xml_cleanup frees them. */
static struct schema {
	char *name;
	xmlRelaxNGPtr rng;
	struct wk_rng *outline;
} schemas[16];

/* What of an element a problem is about. */
enum what {
	W_ELEM,		/* the element itself: covers all the rest */
	W_ATTR,		/* one attribute */
	W_ATTRS,	/* its attributes in general */
	W_ANYATTR,	/* (mark) some attribute of it had a problem */
	W_TEXT,		/* text where none goes */
	W_CONTENT,	/* what it holds */
	W_PRUNED,	/* (mark) one of its children was pruned or had a
			 * problem: libxml2's word on its content is then a
			 * consequence */
	W_OTHER,
};

/* One libxml2 error, copied: its strings do not outlive the callback. */
struct verr {
	xmlNodePtr node;
	int code, line;
	char *str1, *str2, *msg;
	xmlError e;	/* with the strings above */
};

struct vstate {
	struct wk_xmlfile *f;
	struct wk_diags *d;
	const struct wk_rng *outline;
	uint64_t *marks;	/* a hash set of (node, what, attr) */
	size_t nmarks, cap;
	struct verr *errs;
	size_t nerrs, errs_cap;
	xmlNodePtr *gone;	/* pruned, freed at the end */
	size_t ngone, gone_cap;
	size_t nreported;
	const char *first_msg;	/* for a caller without diagnostics */
	struct wk_err *first;
	int nomem;
};

static uint64_t
mark_key(xmlNodePtr n, enum what w, const char *attr)
{
	uint64_t h = wk_fnv64(WK_FNV64_INIT, &n, sizeof n);

	h = wk_fnv64(h, &w, sizeof w);
	if (attr != NULL)
		h = wk_fnv64(h, attr, strlen(attr));
	return h ? h : 1;
}

static int
marked(const struct vstate *vs, xmlNodePtr n, enum what w, const char *attr)
{
	uint64_t k = mark_key(n, w, attr);
	size_t i;

	if (vs->cap == 0)
		return 0;
	for (i = k & (vs->cap - 1); vs->marks[i] != 0; i = (i + 1) & (vs->cap - 1))
		if (vs->marks[i] == k)
			return 1;
	return 0;
}

static void
mark(struct vstate *vs, xmlNodePtr n, enum what w, const char *attr)
{
	uint64_t k = mark_key(n, w, attr);
	size_t i;

	if (2 * (vs->nmarks + 1) > vs->cap) {
		size_t cap = vs->cap ? 2 * vs->cap : 64, j;
		uint64_t *v = calloc(cap, sizeof *v);

		if (v == NULL) {
			vs->nomem = 1;
			return;
		}
		for (j = 0; j < vs->cap; j++)
			if (vs->marks[j] != 0) {
				for (i = vs->marks[j] & (cap - 1); v[i] != 0;
				    i = (i + 1) & (cap - 1))
					;
				v[i] = vs->marks[j];
			}
		free(vs->marks);
		vs->marks = v;
		vs->cap = cap;
	}
	for (i = k & (vs->cap - 1); vs->marks[i] != 0; i = (i + 1) & (vs->cap - 1))
		if (vs->marks[i] == k)
			return;
	vs->marks[i] = k;
	vs->nmarks++;
	if (w == W_ATTR || w == W_ATTRS)
		mark(vs, n, W_ANYATTR, NULL);
	if (w != W_ANYATTR && w != W_PRUNED && w != W_OTHER && n != NULL &&
	    n->parent != NULL && n->parent->type == XML_ELEMENT_NODE)
		mark(vs, n->parent, W_PRUNED, NULL);
}

/* True when a problem (n, w, attr) says nothing new. */
static int
covered(const struct vstate *vs, xmlNodePtr n, enum what w, const char *attr)
{
	return marked(vs, n, W_ELEM, NULL) || marked(vs, n, w, attr) ||
	    ((w == W_ATTRS || w == W_ELEM) && marked(vs, n, W_ANYATTR, NULL)) ||
	    ((w == W_CONTENT || w == W_TEXT) && marked(vs, n, W_PRUNED, NULL));
}

/* True for the errors libxml2 raises about what an element holds as a
 * whole: taken after the others of their round, which may explain them. */
static int
about_content(int code)
{
	return code == XML_RELAXNG_ERR_NOELEM ||
	    code == XML_RELAXNG_ERR_CONTENTVALID ||
	    code == XML_RELAXNG_ERR_INTERSEQ ||
	    code == XML_RELAXNG_ERR_INTERNODATA ||
	    code == XML_RELAXNG_ERR_NOTELEM;
}

/* Reports a problem of n (its attribute attr when not NULL). */
static void
report(struct vstate *vs, xmlNodePtr n, const char *attr, int line,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
report(struct vstate *vs, xmlNodePtr n, const char *attr, int line,
    const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int col = 0;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (n != NULL && n->type == XML_ELEMENT_NODE)
		wk_xml_pos(vs->f, n, attr, &line, &col);
	if (vs->d != NULL)
		wk_diag(vs->d, WK_ERROR, vs->f->path, line, col, "%s", msg);
	if (vs->nreported++ == 0 && vs->first != NULL)
		wk_err_set(vs->first, WK_EINPUT, vs->f->path, line, col, "%s", msg);
}

/* Unlinks n from the document, to be freed at the end. */
static void
prune(struct vstate *vs, xmlNodePtr n)
{
	if (n->parent != NULL && n->parent->type == XML_ELEMENT_NODE)
		mark(vs, n->parent, W_PRUNED, NULL);
	if (vs->ngone == vs->gone_cap) {
		size_t cap = vs->gone_cap ? 2 * vs->gone_cap : 16;
		xmlNodePtr *v = realloc(vs->gone, cap * sizeof *v);

		if (v == NULL) {
			vs->nomem = 1;
			return;	/* left in the tree: reported twice at worst */
		}
		vs->gone = v;
		vs->gone_cap = cap;
	}
	xmlUnlinkNode(n);
	vs->gone[vs->ngone++] = n;
}

/* The name of n as written: "xml:lang", "atom:link". */
static const char *
qname(xmlNodePtr n, char *buf, size_t cap)
{
	if (n->ns != NULL && n->ns->prefix != NULL) {
		snprintf(buf, cap, "%s:%s", (const char *)n->ns->prefix,
		    (const char *)n->name);
		return buf;
	}
	return (const char *)n->name;
}

/* "say, prices, news" : the names of the elements e may hold. */
static void
kid_names(const struct wk_rng_elem *e, struct wk_buf *b)
{
	size_t i;

	for (i = 0; i < e->nkids && i < 12; i++)
		if (e->kids[i]->name != NULL)
			wk_buf_printf(b, "%s<%s>", b->len ? ", " : "",
			    e->kids[i]->name);
}

static void
attr_names(const struct wk_rng_elem *e, struct wk_buf *b)
{
	size_t i;

	for (i = 0; i < e->nattrs && i < 12; i++)
		wk_buf_printf(b, "%s%s", b->len ? ", " : "", e->attrs[i].name);
}

static void
value_names(const struct wk_rng_attr *a, struct wk_buf *b)
{
	size_t i;

	for (i = 0; i < a->nvalues && i < 12; i++)
		wk_buf_printf(b, "%s\"%s\"", b->len ? ", " : "", a->values[i]);
}

/* Reports element k, which p (the outline of its parent n) does not
 * hold. */
static void
unknown_element(struct vstate *vs, xmlNodePtr n, const struct wk_rng_elem *p,
    xmlNodePtr k, const char *name)
{
	const char *near = wk_rng_near_kid(p, name);
	const char *parent = wk_rng_parent_of(vs->outline, name, p);
	struct wk_buf b = WK_BUF_INIT;

	if (near != NULL)
		report(vs, k, NULL, 0, _("<%s> is not an element of <%s>; did "
		    "you mean <%s>?"), name, (const char *)n->name, near);
	else if (parent != NULL)
		report(vs, k, NULL, 0, _("<%s> does not go in <%s>; it goes in "
		    "<%s>"), name, (const char *)n->name, parent);
	else {
		kid_names(p, &b);
		if (b.len > 0 && !b.failed)
			report(vs, k, NULL, 0, _("<%s> is not an element of <%s>; "
			    "it may hold %s"), name, (const char *)n->name,
			    wk_buf_str(&b));
		else
			report(vs, k, NULL, 0, _("<%s> holds no elements: remove "
			    "<%s>"), (const char *)n->name, name);
	}
	wk_buf_free(&b);
}

/* True when the value v (or each word of it, for a list) is one of a's. */
static const char *
bad_value(const struct wk_rng_attr *a, const char *v, char *word, size_t cap)
{
	size_t i;

	while (*v != '\0') {
		size_t k;

		if (a->list) {
			while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
				v++;
			k = strcspn(v, " \t\r\n");
		} else
			k = strlen(v);
		if (k == 0)
			break;
		if (k >= cap)
			k = cap - 1;
		memcpy(word, v, k);
		word[k] = '\0';
		for (i = 0; i < a->nvalues; i++)
			if (strcmp(a->values[i], word) == 0)
				break;
		if (i == a->nvalues)
			return word;
		v += k;
	}
	return NULL;
}

/* True when v has the form of a value of type (an XML Schema datatype, or
 * a define of common.rng); unknown types pass (libxml2 checks them). */
static int
well_typed(const char *type, const char *v)
{
	size_t i, n = strlen(v), digits = 0, run = 0;
	int point = 0;

	if (type == NULL)
		return 1;
	if (strcmp(type, "nonNegativeInteger") == 0 ||
	    strcmp(type, "positiveInteger") == 0 ||
	    strcmp(type, "integer") == 0) {
		i = (v[0] == '+' || (v[0] == '-' && type[0] == 'i')) ? 1 : 0;
		for (; i < n; i++)
			if (v[i] < '0' || v[i] > '9')
				return 0;
			else if (v[i] != '0' || digits > 0)
				digits++;
		return n > (v[0] == '+' || v[0] == '-') && (type[0] != 'p' ||
		    digits > 0);
	}
	if (strcmp(type, "decimal") == 0) {
		for (i = (v[0] == '+' || v[0] == '-'); i < n; i++)
			if (v[i] == '.' && !point)
				point = 1;
			else if (v[i] < '0' || v[i] > '9')
				return 0;
			else
				digits++;
		return digits > 0;
	}
	if (strcmp(type, "language") == 0) {
		/* [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})* */
		for (i = 0; i <= n; i++)
			if (i == n || v[i] == '-') {
				if (run == 0 || run > 8)
					return 0;
				run = 0;
				point = 1;
			} else if ((v[i] >= 'a' && v[i] <= 'z') ||
			    (v[i] >= 'A' && v[i] <= 'Z') ||
			    (point && v[i] >= '0' && v[i] <= '9'))
				run++;
			else
				return 0;
		return 1;
	}
	if (strcmp(type, "id") == 0) {
		for (i = 0; i < n; i++)
			if (!((v[i] >= 'a' && v[i] <= 'z') ||
			    (v[i] >= '0' && v[i] <= '9') || (v[i] == '-' && i > 0)))
				return 0;
		return n > 0 && n <= 64;
	}
	if (strcmp(type, "date") == 0)
		return n == 10 && v[4] == '-' && v[7] == '-' &&
		    strspn(v, "0123456789") == 4 && strspn(v + 5, "0123456789") ==
		    2 && strspn(v + 8, "0123456789") == 2;
	return 1;
}

/* The first word of v (all of it when a is not a list) that is not of a's
 * type, copied into word; NULL when all are. */
static const char *
ill_typed(const struct wk_rng_attr *a, const char *v, char *word, size_t cap)
{
	while (*v != '\0') {
		size_t k;

		if (a->list) {
			while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
				v++;
			k = strcspn(v, " \t\r\n");
			if (k == 0)
				break;
		} else
			k = strlen(v);
		if (k >= cap)
			k = cap - 1;
		memcpy(word, v, k);
		word[k] = '\0';
		if (!well_typed(a->type, word))
			return word;
		v += k;
	}
	return NULL;
}

/* Our own pass: every element, in document order, along the outline p. */
static void
walk(struct vstate *vs, xmlNodePtr n, const struct wk_rng_elem *p)
{
	const char *suggested[16];
	size_t nsuggested = 0, i, j;
	xmlAttrPtr a, anext;
	xmlNodePtr k, knext;
	char buf[256], word[256];
	int texted = 0;

	for (a = n->properties; a != NULL; a = anext) {
		const char *q = qname((xmlNodePtr)a, buf, sizeof buf);
		const struct wk_rng_attr *pa = wk_rng_attr(p, q);

		anext = a->next;
		if (pa == NULL && !p->any_attr) {
			const char *near = wk_rng_near_attr(p, q);

			if (!covered(vs, n, W_ATTR, q)) {
				struct wk_buf b = WK_BUF_INIT;

				if (near != NULL)
					report(vs, n, q, 0, _("<%s> has no attribute "
					    "'%s'; did you mean '%s'?"),
					    (const char *)n->name, q, near);
				else {
					attr_names(p, &b);
					report(vs, n, q, 0, _("<%s> has no attribute "
					    "'%s'; remove it (its attributes: %s)"),
					    (const char *)n->name, q,
					    b.len && !b.failed ? wk_buf_str(&b) : "-");
				}
				wk_buf_free(&b);
			}
			if (near != NULL && nsuggested < 16)
				suggested[nsuggested++] = near;
			mark(vs, n, W_ATTR, q);
			xmlRemoveProp(a);
			continue;
		}
		if (pa != NULL && pa->values == NULL && pa->type != NULL &&
		    wk_xmlmsg_type(pa->type) != NULL) {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			const char *w = v ? ill_typed(pa, (const char *)v, word,
			    sizeof word) : NULL;

			if (w != NULL && !covered(vs, n, W_ATTR, q)) {
				if (pa->list)
					report(vs, n, q, 0, _("in %s=\"...\", '%s' must "
					    "be %s"), q, w, wk_xmlmsg_type(pa->type));
				else
					report(vs, n, q, 0, _("%s=\"%s\" must be %s"), q,
					    w, wk_xmlmsg_type(pa->type));
			}
			if (w != NULL)
				mark(vs, n, W_ATTR, q);
			xmlFree(v);
		}
		if (pa != NULL && pa->values != NULL) {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			const char *w = v ? bad_value(pa, (const char *)v, word,
			    sizeof word) : NULL;

			if (w != NULL && !covered(vs, n, W_ATTR, q)) {
				const char *near = wk_rng_near_value(pa, w);
				struct wk_buf b = WK_BUF_INIT;

				value_names(pa, &b);
				if (near != NULL)
					report(vs, n, q, 0, _("%s=\"%s\": did you mean "
					    "\"%s\"? (%s takes %s)"), q, w, near, q,
					    wk_buf_str(&b));
				else
					report(vs, n, q, 0, _("%s=\"%s\" is not one of "
					    "the values %s takes: %s"), q, w, q,
					    wk_buf_str(&b));
				wk_buf_free(&b);
				mark(vs, n, W_ATTR, q);
			}
			xmlFree(v);
		}
	}
	for (i = 0; i < p->nattrs; i++) {
		const struct wk_rng_attr *pa = &p->attrs[i];
		const char *t;

		if (!pa->required)
			continue;
		for (a = n->properties; a != NULL; a = a->next)
			if (strcmp(qname((xmlNodePtr)a, buf, sizeof buf),
			    pa->name) == 0)
				break;
		for (j = 0; j < nsuggested; j++)
			if (strcmp(suggested[j], pa->name) == 0)
				break;
		if (a != NULL || j < nsuggested || covered(vs, n, W_ATTRS, NULL))
			continue;
		t = wk_xmlmsg_type(pa->type);
		if (t != NULL)
			report(vs, n, NULL, 0, _("<%s> needs %s=\"...\": %s"),
			    (const char *)n->name, pa->name, t);
		else
			report(vs, n, NULL, 0, _("<%s> needs %s=\"...\""),
			    (const char *)n->name, pa->name);
		mark(vs, n, W_ATTRS, NULL);
	}
	for (k = n->children; k != NULL; k = knext) {
		knext = k->next;
		if (k->type == XML_ELEMENT_NODE) {
			const char *q = qname(k, buf, sizeof buf);
			const struct wk_rng_elem *pk = wk_rng_kid(p, q);

			if (pk != NULL) {
				walk(vs, k, pk);
				continue;
			}
			if (!covered(vs, k, W_ELEM, NULL))
				unknown_element(vs, n, p, k, q);
			mark(vs, k, W_ELEM, NULL);
			prune(vs, k);
		} else if ((k->type == XML_TEXT_NODE ||
		    k->type == XML_CDATA_SECTION_NODE) && !p->text &&
		    !xmlIsBlankNode(k)) {
			if (!texted && !covered(vs, n, W_TEXT, NULL)) {
				struct wk_buf b = WK_BUF_INIT;

				kid_names(p, &b);
				report(vs, n, NULL, 0, _("<%s> holds text; its "
				    "values go in attributes%s%s"),
				    (const char *)n->name, b.len ? _(" or in ") : "",
				    b.len && !b.failed ? wk_buf_str(&b) : "");
				wk_buf_free(&b);
				mark(vs, n, W_TEXT, NULL);
			}
			texted = 1;
			prune(vs, k);
		}
	}
}

/* The outline of element n: the path from the root. */
static const struct wk_rng_elem *
outline_of(const struct vstate *vs, xmlNodePtr n)
{
	char buf[256];
	const struct wk_rng_elem *p;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	if (n->parent == NULL || n->parent->type != XML_ELEMENT_NODE)
		return wk_rng_start(vs->outline, qname(n, buf, sizeof buf));
	p = outline_of(vs, n->parent);
	return p != NULL ? wk_rng_kid(p, qname(n, buf, sizeof buf)) : NULL;
}

static void
on_error(void *data, xmlErrorPtr e)
{
	struct vstate *vs = data;
	struct verr *v;

	if (vs->nerrs == vs->errs_cap) {
		size_t cap = vs->errs_cap ? 2 * vs->errs_cap : 16;

		if (cap > 4096 ||
		    (v = realloc(vs->errs, cap * sizeof *v)) == NULL) {
			if (cap <= 4096)
				vs->nomem = 1;
			return;
		}
		vs->errs = v;
		vs->errs_cap = cap;
	}
	v = &vs->errs[vs->nerrs];
	memset(v, 0, sizeof *v);
	v->node = e->node;
	v->code = e->code;
	v->line = e->line;
	v->str1 = e->str1 ? strdup(e->str1) : NULL;
	v->str2 = e->str2 ? strdup(e->str2) : NULL;
	v->msg = e->message ? strdup(e->message) : NULL;
	v->e.domain = e->domain;
	v->e.code = e->code;
	v->e.str1 = v->str1;
	v->e.str2 = v->str2;
	v->e.message = v->msg;
	vs->nerrs++;
}

static void
free_errs(struct vstate *vs)
{
	size_t i;

	for (i = 0; i < vs->nerrs; i++) {
		free(vs->errs[i].str1);
		free(vs->errs[i].str2);
		free(vs->errs[i].msg);
	}
	vs->nerrs = 0;
}

/* The attribute of n whose value is v, or NULL. */
static const char *
attr_with_value(xmlNodePtr n, const char *v, char *buf, size_t cap)
{
	xmlAttrPtr a;

	for (a = n->properties; v != NULL && a != NULL; a = a->next) {
		xmlChar *s = xmlNodeGetContent((xmlNodePtr)a);
		const char *w = s != NULL ? strstr((const char *)s, v) : NULL;
		size_t k = strlen(v);
		/* The whole value, or one word of a list. */
		int same = w != NULL && k > 0 && (w == (const char *)s ||
		    w[-1] == ' ' || w[-1] == '\t' || w[-1] == '\n') &&
		    (w[k] == '\0' || w[k] == ' ' || w[k] == '\t' ||
		    w[k] == '\n');

		xmlFree(s);
		if (same)
			return qname((xmlNodePtr)a, buf, cap);
	}
	return NULL;
}

/* The last element named name under root, in document order (the one
 * too many, when libxml2 names it without pointing at it). */
static xmlNodePtr
last_named(xmlNodePtr n, const char *name)
{
	xmlNodePtr k, found = NULL, x;

	if (n->type != XML_ELEMENT_NODE)
		return NULL;
	if (xmlStrcmp(n->name, BAD_CAST name) == 0)
		found = n;
	for (k = n->children; k != NULL; k = k->next)
		if ((x = last_named(k, name)) != NULL)
			found = x;
	return found;
}

/* Reports libxml2's error v unless it says nothing new; returns 1 when it
 * pruned something, so that another round may find more. */
static int
take(struct vstate *vs, struct verr *v, xmlNodePtr root)
{
	xmlNodePtr n = v->node;
	enum what w = W_OTHER;
	const char *attr = NULL, *t;
	const struct wk_rng_elem *p;
	char buf[256], say[900];

	if (n != NULL && n->type != XML_ELEMENT_NODE) {
		n = n->parent;
		w = W_TEXT;
	}
	if (n != NULL && n->type != XML_ELEMENT_NODE)
		n = NULL;
	if (n == NULL && v->str1 != NULL && (v->code ==
	    XML_RELAXNG_ERR_INTEREXTRA || v->code == XML_RELAXNG_ERR_ELEMWRONG))
		n = last_named(root, v->str1);
	/* libxml2 points at the child it was looking at when it says its
	 * parent (named in str1) failed. */
	if (n != NULL && v->str1 != NULL && n->parent != NULL &&
	    n->parent->type == XML_ELEMENT_NODE &&
	    xmlStrcmp(n->name, BAD_CAST v->str1) != 0 &&
	    xmlStrcmp(n->parent->name, BAD_CAST v->str1) == 0 &&
	    (v->code == XML_RELAXNG_ERR_ATTRVALID ||
	    v->code == XML_RELAXNG_ERR_CONTENTVALID ||
	    v->code == XML_RELAXNG_ERR_EXTRACONTENT ||
	    v->code == XML_RELAXNG_ERR_ELEMNOTEMPTY ||
	    v->code == XML_RELAXNG_ERR_TEXTWRONG))
		n = n->parent;
	switch (v->code) {
	case XML_RELAXNG_ERR_INVALIDATTR:
		w = W_ATTR;
		attr = v->str1;
		break;
	case XML_RELAXNG_ERR_TYPEVAL:
	case XML_RELAXNG_ERR_TYPE:
	case XML_RELAXNG_ERR_DATATYPE:
	case XML_RELAXNG_ERR_VALUE:
	case XML_RELAXNG_ERR_LIST:
	case XML_RELAXNG_ERR_LISTEXTRA:
		if (n != NULL && (attr = attr_with_value(n, v->code ==
		    XML_RELAXNG_ERR_TYPEVAL ? v->str2 : v->str1, buf,
		    sizeof buf)) != NULL)
			w = W_ATTR;
		else
			w = W_ATTRS;
		break;
	case XML_RELAXNG_ERR_ATTRVALID:
		w = W_ATTRS;
		break;
	case XML_RELAXNG_ERR_ELEMWRONG:
	case XML_RELAXNG_ERR_ELEMNAME:
	case XML_RELAXNG_ERR_INTEREXTRA:
	case XML_RELAXNG_ERR_ELEMEXTRANS:
	case XML_RELAXNG_ERR_ELEMNONS:
	case XML_RELAXNG_ERR_ELEMWRONGNS:
	case XML_RELAXNG_ERR_EXTRACONTENT:
		w = n != root ? W_ELEM : W_CONTENT;
		break;
	case XML_RELAXNG_ERR_TEXTWRONG:
	case XML_RELAXNG_ERR_NOTELEM:
		w = W_TEXT;
		break;
	default:
		if (w != W_TEXT)
			w = W_CONTENT;
	}
	if (n != NULL && covered(vs, n, w, attr))
		return 0;
	p = outline_of(vs, n);
	t = w == W_ATTR && (v->code == XML_RELAXNG_ERR_TYPEVAL ||
	    v->code == XML_RELAXNG_ERR_LISTEXTRA) ? wk_xmlmsg_type(
	    wk_rng_attr(p, attr) != NULL && wk_rng_attr(p, attr)->type != NULL
	    ? wk_rng_attr(p, attr)->type : v->str1) : NULL;
	if (t != NULL && wk_rng_attr(p, attr) != NULL &&
	    wk_rng_attr(p, attr)->list)
		report(vs, n, attr, v->line, _("in %s=\"...\", '%s' must be %s"),
		    attr, v->code == XML_RELAXNG_ERR_TYPEVAL ? v->str2 : v->str1,
		    t);
	else if (t != NULL)
		report(vs, n, attr, v->line, _("%s=\"%s\" must be %s"), attr,
		    v->str2, t);
	else if (w == W_ATTR && v->code == XML_RELAXNG_ERR_INVALIDATTR &&
	    p != NULL && wk_rng_near_attr(p, attr) != NULL)
		report(vs, n, attr, v->line, _("<%s> has no attribute '%s'; did "
		    "you mean '%s'?"), (const char *)n->name, attr,
		    wk_rng_near_attr(p, attr));
	else if (w == W_ELEM && n != NULL && n->parent != NULL &&
	    v->code == XML_RELAXNG_ERR_ELEMWRONG)
		report(vs, n, NULL, v->line, _("<%s> cannot come here in <%s>: "
		    "check the order of the elements, or whether it is once too "
		    "many"), (const char *)n->name, (const char *)n->parent->name);
	else if (w == W_CONTENT && n != NULL && p != NULL &&
	    (v->code == XML_RELAXNG_ERR_NOELEM ||
	    v->code == XML_RELAXNG_ERR_CONTENTVALID) && p->nkids > 0) {
		struct wk_buf b = WK_BUF_INIT;

		kid_names(p, &b);
		report(vs, n, NULL, v->line, _("<%s> lacks an element it needs "
		    "(it may hold %s)"), (const char *)n->name,
		    b.len && !b.failed ? wk_buf_str(&b) : "-");
		wk_buf_free(&b);
	} else {
		wk_xmlmsg_say(&v->e, say, sizeof say);
		report(vs, n, attr, v->line, "%s", say);
	}
	if (n == NULL)
		return 0;
	mark(vs, n, w, attr);
	if (w == W_ELEM) {
		prune(vs, n);
		return 1;
	}
	if (w == W_ATTR && v->code == XML_RELAXNG_ERR_INVALIDATTR) {
		xmlAttrPtr a = xmlHasProp(n, BAD_CAST attr);

		if (a != NULL) {
			xmlRemoveProp(a);
			return 1;
		}
	}
	return 0;
}

/* The schema and outline called name, loaded once. */
static struct schema *
schema(const char *name, struct wk_err *err)
{
	xmlRelaxNGParserCtxtPtr pc;
	xmlExternalEntityLoader loader;
	struct wk_buf rel = WK_BUF_INIT;
	struct schema *s = NULL;
	char *path;
	size_t i;

	for (i = 0; i < sizeof schemas / sizeof schemas[0]; i++)
		if (schemas[i].name != NULL && strcmp(schemas[i].name, name) == 0)
			return &schemas[i];
		else if (schemas[i].name == NULL && s == NULL)
			s = &schemas[i];
	if (s == NULL) {
		wk_err_nomem(err);
		return NULL;
	}
	wk_buf_printf(&rel, "bulletins/schema/%s.rng", name);
	if (rel.failed || (path = wk_data_path(wk_buf_str(&rel))) == NULL) {
		wk_buf_free(&rel);
		wk_err_nomem(err);
		return NULL;
	}
	wk_buf_free(&rel);
	/* Our own schema files are trusted: their includes are read from
	 * the data directory (never the network). */
	loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
	pc = xmlRelaxNGNewParserCtxt(path);
	s->rng = pc ? xmlRelaxNGParse(pc) : NULL;
	xmlRelaxNGFreeParserCtxt(pc);
	xmlSetExternalEntityLoader(loader);
	if (s->rng == NULL || wk_rng_load(path, &s->outline, err) != WK_OK) {
		if (s->rng == NULL || err->status != WK_ENOMEM)
			wk_err_set(err, WK_EIO, path, 0, 0,
			    _("cannot load the schema; is the data directory (%s) "
			    "complete?"), wk_data_dir());
		xmlRelaxNGFree(s->rng);
		s->rng = NULL;
		free(path);
		return NULL;
	}
	free(path);
	if ((s->name = strdup(name)) == NULL) {
		xmlRelaxNGFree(s->rng);
		wk_rng_free(s->outline);
		memset(s, 0, sizeof *s);
		wk_err_nomem(err);
		return NULL;
	}
	return s;
}

/* Where the reader's error err points: its element (the last that starts
 * before it) and, when it points into one of its values, the attribute. */
static void
mark_reader(struct vstate *vs, const struct wk_err *err)
{
	xmlNodePtr n, best = NULL;
	xmlAttrPtr a;
	char buf[256];

	if (err == NULL || err->line <= 0 ||
	    strcmp(err->file, vs->f->path) != 0)
		return;
	for (n = vs->f->root; n != NULL;) {
		int line, col;

		if (n->type == XML_ELEMENT_NODE) {
			wk_xml_pos(vs->f, n, NULL, &line, &col);
			if (line > err->line || (line == err->line &&
			    col > err->col && err->col > 0))
				break;
			best = n;
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL)
			n = n->children;
		else {
			while (n != NULL && n != vs->f->root && n->next == NULL)
				n = n->parent;
			if (n == NULL || n == vs->f->root)
				break;
			n = n->next;
		}
	}
	if (best == NULL)
		return;
	for (a = best->properties; a != NULL; a = a->next) {
		int line, col;
		const char *q = qname((xmlNodePtr)a, buf, sizeof buf);

		wk_xml_pos(vs->f, best, q, &line, &col);
		if (line == err->line && col == err->col) {
			mark(vs, best, W_ATTR, q);
			return;
		}
	}
	mark(vs, best, W_ELEM, NULL);
}

/* Validates f against schema name, reporting to d; the reader's own error
 * (reader, when not NULL) is not reported again. */
static enum wk_status
validate(struct wk_xmlfile *f, const char *name, struct wk_diags *d,
    const struct wk_err *reader, struct wk_err *err)
{
	struct vstate vs;
	struct schema *s;
	struct wk_err first;
	const struct wk_rng_elem *p;
	char buf[256];
	size_t i, round;
	int again = 1;

	if ((s = schema(name, err)) == NULL)
		return err ? err->status : WK_EIO;
	memset(&vs, 0, sizeof vs);
	vs.f = f;
	vs.d = d;
	vs.outline = s->outline;
	vs.first = &first;
	memset(&first, 0, sizeof first);
	mark_reader(&vs, reader);
	if ((p = wk_rng_start(s->outline, qname(f->root, buf, sizeof buf))) != NULL)
		walk(&vs, f->root, p);
	for (round = 0; again && round < MAX_ROUNDS && !vs.nomem; round++) {
		xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(s->rng);
		int rc;

		if (vc == NULL) {
			vs.nomem = 1;
			break;
		}
		xmlRelaxNGSetValidStructuredErrors(vc, on_error, &vs);
		rc = xmlRelaxNGValidateDoc(vc, f->doc);
		xmlRelaxNGFreeValidCtxt(vc);
		again = 0;
		for (i = 0; i < vs.nerrs; i++)
			if (!about_content(vs.errs[i].code))
				again |= take(&vs, &vs.errs[i], f->root);
		for (i = 0; i < vs.nerrs; i++)
			if (about_content(vs.errs[i].code))
				again |= take(&vs, &vs.errs[i], f->root);
		if (rc != 0 && vs.nerrs == 0 && vs.nreported == 0)
			report(&vs, f->root, NULL, 0, "%s",
			    _("this does not follow the file's format"));
		free_errs(&vs);
		if (rc == 0)
			break;
	}
	for (i = 0; i < vs.ngone; i++)
		xmlFreeNode(vs.gone[i]);
	free(vs.gone);
	free(vs.errs);
	free(vs.marks);
	if (vs.nomem)
		return wk_err_nomem(err);
	if (vs.nreported == 0)
		return WK_OK;
	if (reader != NULL)
		return WK_EINPUT;
	/* Without a list to add them to, the first problem says it; with
	 * one, a line that counts them. */
	if (d == NULL) {
		if (err != NULL)
			*err = first;
		return WK_EINPUT;
	}
	wk_err_set(err, WK_EINPUT, f->path, 0, 0, ngettext(
	    "%zu problem with what the file holds (listed with their lines)",
	    "%zu problems with what the file holds (listed with their lines)",
	    vs.nreported), vs.nreported);
	if (err != NULL)
		err->listed = 1;
	return WK_EINPUT;
}

xmlRelaxNGPtr
wk_xml_schema(const char *name, struct wk_err *err)
{
	struct schema *s = schema(name, err);

	return s != NULL ? s->rng : NULL;
}

enum wk_status
wk_xml_validate(struct wk_xmlfile *f, const char *name, struct wk_diags *d,
    struct wk_err *err)
{
	return validate(f, name, d, NULL, err);
}

enum wk_status
wk_xml_finish(struct wk_xmlfile *f, const char *name, enum wk_status st,
    struct wk_diags *d, struct wk_err *err)
{
	struct wk_err mine;

	if (st == WK_OK)
		return validate(f, name, d, NULL, err);
	if (st != WK_EINPUT || f->doc == NULL || f->root == NULL || d == NULL)
		return st;
	/* The reader stopped at err: the rest of the file is still checked,
	 * and err stays the reader's. */
	memset(&mine, 0, sizeof mine);
	if (validate(f, name, d, err, &mine) == WK_ENOMEM)
		return wk_err_nomem(err);
	return st;
}

void
wk_xmlvalid_cleanup(void)
{
	size_t i;

	for (i = 0; i < sizeof schemas / sizeof schemas[0]; i++) {
		free(schemas[i].name);
		xmlRelaxNGFree(schemas[i].rng);
		wk_rng_free(schemas[i].outline);
		memset(&schemas[i], 0, sizeof schemas[i]);
	}
}
