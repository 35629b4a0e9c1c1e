/*
 * The stream of xmlstream.h, over libxml2's xmlTextReader. The file is
 * first parsed once with no tree (xmlio.c's WK_XML_NO_TREE), so that a
 * reader never acts on half of a broken file; then the xmlTextReader walks
 * the same text in memory, freeing each node once it has moved past it.
 * The start tags are met in document order, so one forward scan of the
 * text gives every element its position as it comes (xmlpos.c). The RELAX
 * NG schema is checked with libxml2's progressive validation (the one the
 * xmlTextReader uses itself), driven by the reader so that what it leaves
 * out is never checked against the schema.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "xmlmsg.h"
#include "xmlpos.h"
#include "xmlstream.h"

/* libxml2 nests elements 256 deep at most; the validator is muted below an
 * element it could not take, to this depth. */
struct wk_xmlstream {
	struct wk_xmlfile f;
	xmlTextReaderPtr r;
	struct wk_diags *d;
	char *schema;
	size_t off;		/* where the scan for start tags stands */
	int lost;		/* the scan is out of step: no more positions */
	int after;		/* the element at hand was expanded: move past */
	xmlNodePtr empty;	/* an empty element whose END is still due */
	int empty_depth;
	char rmsg[512];		/* the reader's first error */
	int rline, rcol, rfailed;
	xmlRelaxNGValidCtxtPtr vc;
	xmlNodePtr blame;	/* where a problem of the validator is */
	int code;		/* the validator's last error */
	unsigned mute;		/* inside an element the schema refused */
	xmlNodePtr spoilt;	/* an element whose text the schema refused:
				 * the rest of it is not checked */
	int quiet;		/* the validator's words are consequences */
	size_t nproblems;
};

static void
on_reader_error(void *arg, xmlErrorPtr e)
{
	struct wk_xmlstream *s = arg;

	if (s->rfailed || e->level < XML_ERR_ERROR)
		return;
	wk_xmlmsg_say(e, s->rmsg, sizeof s->rmsg);
	s->rline = e->line;
	s->rcol = e->int2;
	s->rfailed = 1;
}

static void
on_valid_error(void *data, xmlErrorPtr e)
{
	struct wk_xmlstream *s = data;
	xmlNodePtr n = s->blame;
	xmlError named = *e;
	char msg[900];
	int line = e->line, col = 0;

	if (s->quiet)
		return;

	if (n == NULL && e->node != NULL &&
	    ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE)
		n = e->node;
	/* The progressive validator names the element of text it did not
	 * expect " TODO ". */
	if (n != NULL && named.str1 != NULL && strstr(named.str1, "TODO"))
		named.str1 = (char *)n->name;
	wk_xmlmsg_say(&named, msg, sizeof msg);
	if (n != NULL)
		wk_xml_pos(&s->f, n, NULL, &line, &col);
	wk_diag(s->d, WK_ERROR, s->f.path, line, col, "%s", msg);
	s->code = e->code;
	s->nproblems++;
}

/* A problem the validator did not word. */
static void
problem(struct wk_xmlstream *s, xmlNodePtr n)
{
	int line, col;

	wk_xml_pos(&s->f, n, NULL, &line, &col);
	wk_diag(s->d, WK_ERROR, s->f.path, line, col, "%s",
	    _("does not match the schema"));
	s->nproblems++;
}

enum wk_status
wk_xmls_open(const char *path, const char *schema, struct wk_diags *d,
    struct wk_xmlstream **out, struct wk_err *err)
{
	struct wk_xmlstream *s;
	xmlRelaxNGPtr rng = NULL;
	enum wk_status st;
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;

	*out = NULL;
	if ((s = calloc(1, sizeof *s)) == NULL)
		return wk_err_nomem(err);
	s->d = d;
	if ((st = wk_xml_load(path, WK_XML_NO_TREE, &s->f, err)) != WK_OK)
		goto fail;
	if (schema != NULL) {
		if ((s->schema = strdup(schema)) == NULL) {
			st = wk_err_nomem(err);
			goto fail;
		}
		if ((rng = wk_xml_schema(schema, err)) == NULL) {
			st = err != NULL ? err->status : WK_EIO;
			goto fail;
		}
		if ((s->vc = xmlRelaxNGNewValidCtxt(rng)) == NULL) {
			st = wk_err_nomem(err);
			goto fail;
		}
		xmlRelaxNGSetValidStructuredErrors(s->vc, on_valid_error, s);
	}
	if (s->f.encoding != NULL)
		opts |= XML_PARSE_IGNORE_ENC;
	/* The text is in memory and stays there: no copy is made. */
	if ((s->r = xmlReaderForMemory(s->f.src, (int)s->f.srclen, path,
	    s->f.encoding != NULL ? "UTF-8" : NULL, opts | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING)) == NULL) {
		st = wk_err_nomem(err);
		goto fail;
	}
	xmlTextReaderSetStructuredErrorHandler(s->r, on_reader_error, s);
	*out = s;
	return WK_OK;
fail:
	wk_xmls_free(s);
	return st;
}

const struct wk_xmlfile *
wk_xmls_file(const struct wk_xmlstream *s)
{
	return &s->f;
}

/* The reader stopped: it found the text broken (which the check before
 * should have said) or ran out of memory. */
static int
failed(struct wk_xmlstream *s, struct wk_err *err)
{
	if (s->rfailed)
		wk_err_set(err, WK_EINPUT, s->f.path, s->rline, s->rcol,
		    _("not well-formed XML: %s"), s->rmsg);
	else
		wk_err_nomem(err);
	return -1;
}

/* Gives element n its position, while the scan keeps step. */
static void
mark(struct wk_xmlstream *s, xmlNodePtr n)
{
	if (!s->lost && wk_xmlpos_mark(&s->f, n, &s->off) != 0)
		s->lost = 1;
}

static int
blank(const xmlChar *t)
{
	for (; t != NULL && *t; t++)
		if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r')
			return 0;
	return 1;
}

int
wk_xmls_next(struct wk_xmlstream *s, xmlNodePtr *node, int *depth,
    struct wk_err *err)
{
	xmlNodePtr n;
	int rc;

	if (s->empty != NULL) {
		*node = s->empty;
		*depth = s->empty_depth;
		s->empty = NULL;
		return WK_XMLS_END;
	}
	for (;;) {
		rc = s->after ? xmlTextReaderNext(s->r) : xmlTextReaderRead(s->r);
		s->after = 0;
		if (rc == 0)
			return s->rfailed ? failed(s, err) : WK_XMLS_EOF;
		if (rc < 0 || (n = xmlTextReaderCurrentNode(s->r)) == NULL)
			return failed(s, err);
		*node = n;
		*depth = xmlTextReaderDepth(s->r);
		switch (xmlTextReaderNodeType(s->r)) {
		case XML_READER_TYPE_ELEMENT:
			mark(s, n);
			/* As wk_xml_load does once a file has parsed: its
			 * lines may be quoted. */
			if (*depth == 0) {
				s->f.root = n;
				wk_xmlpos_allow_excerpt(&s->f);
			}
			if (xmlTextReaderIsEmptyElement(s->r)) {
				s->empty = n;
				s->empty_depth = *depth;
			}
			return WK_XMLS_START;
		case XML_READER_TYPE_END_ELEMENT:
			return WK_XMLS_END;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
			if (blank(xmlTextReaderConstValue(s->r)))
				continue;
			return WK_XMLS_TEXT;
		default:
			continue;
		}
	}
}

xmlNodePtr
wk_xmls_expand(struct wk_xmlstream *s, struct wk_err *err)
{
	xmlNodePtr top = xmlTextReaderExpand(s->r), n;

	if (top == NULL) {
		failed(s, err);
		return NULL;
	}
	/* The elements inside, in document order, as the scan meets them. */
	for (n = top->children; n != NULL && n != top;) {
		if (n->type == XML_ELEMENT_NODE)
			mark(s, n);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL)
			n = n->children;
		else {
			while (n != top && n->next == NULL)
				n = n->parent;
			if (n != top)
				n = n->next;
		}
	}
	s->empty = NULL;
	s->after = 1;
	return top;
}

enum wk_status
wk_xmls_skip(struct wk_xmlstream *s, struct wk_err *err)
{
	int depth = xmlTextReaderDepth(s->r), rc;

	if (s->empty != NULL) {
		s->empty = NULL;
		return WK_OK;
	}
	while ((rc = xmlTextReaderRead(s->r)) == 1) {
		int type = xmlTextReaderNodeType(s->r);
		xmlNodePtr n = xmlTextReaderCurrentNode(s->r);

		if (type == XML_READER_TYPE_ELEMENT && n != NULL)
			mark(s, n);
		if (type == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(s->r) == depth)
			return WK_OK;
	}
	failed(s, err);
	return err != NULL ? err->status : WK_EINPUT;
}

void
wk_xmls_valid_start(struct wk_xmlstream *s, xmlNodePtr n)
{
	size_t before = s->nproblems;
	int rc;

	if (s->vc == NULL)
		return;
	if (s->mute > 0 || s->spoilt != NULL) {
		s->mute++;
		return;
	}
	s->blame = NULL;
	s->code = 0;
	rc = xmlRelaxNGValidatePushElement(s->vc, NULL, n);
	if (rc < 0 && s->nproblems == before)
		problem(s, n);
	/* An element the schema does not allow here is not on the
	 * validator's stack: what it holds is not checked (its problems
	 * would be consequences), nor is its end. */
	if (rc < 0 && s->code == XML_RELAXNG_ERR_ELEMWRONG)
		s->mute = 1;
	/* 0: the element needs its whole tree, which a stream does not have
	 * (the elements our readers stream never do): it counts as a
	 * problem rather than pass unchecked. */
	else if (rc == 0) {
		problem(s, n);
		s->mute = 1;
	}
}

void
wk_xmls_valid_text(struct wk_xmlstream *s, xmlNodePtr n, const char *text)
{
	size_t before = s->nproblems;

	if (s->vc == NULL || s->mute > 0 || s->spoilt != NULL)
		return;
	s->blame = n;
	xmlRelaxNGValidatePushCData(s->vc, BAD_CAST text, (int)strlen(text));
	s->blame = NULL;
	/* What comes after in n would be judged by a validator that has
	 * lost its place: a consequence, not another problem. */
	if (s->nproblems > before)
		s->spoilt = n;
}

void
wk_xmls_valid_end(struct wk_xmlstream *s, xmlNodePtr n)
{
	if (s->vc == NULL)
		return;
	if (s->mute > 0) {
		s->mute--;
		return;
	}
	s->blame = n;
	s->quiet = s->spoilt == n;
	xmlRelaxNGValidatePopElement(s->vc, NULL, n);
	if (s->spoilt == n)
		s->spoilt = NULL;
	s->quiet = 0;
	s->blame = NULL;
}

void
wk_xmls_valid_element(struct wk_xmlstream *s, xmlNodePtr n)
{
	xmlNodePtr k;
	int rc;

	if (s->vc == NULL)
		return;
	if (s->mute > 0 || s->spoilt != NULL)
		return;
	s->blame = NULL;
	s->code = 0;
	rc = xmlRelaxNGValidatePushElement(s->vc, NULL, n);
	if (rc == 0) {
		/* Its tree is here: the validator checks it whole, and it is
		 * not popped (as the xmlTextReader does). */
		xmlRelaxNGValidateFullElement(s->vc, NULL, n);
		return;
	}
	if (rc < 0 && s->code == XML_RELAXNG_ERR_ELEMWRONG)
		return;
	for (k = n->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			wk_xmls_valid_element(s, k);
		else if ((k->type == XML_TEXT_NODE ||
		    k->type == XML_CDATA_SECTION_NODE) && !blank(k->content))
			wk_xmls_valid_text(s, n, (const char *)k->content);
	wk_xmls_valid_end(s, n);
}

void
wk_xmls_count(struct wk_xmlstream *s)
{
	s->nproblems++;
}

enum wk_status
wk_xmls_verdict(struct wk_xmlstream *s, struct wk_err *err)
{
	if (s->vc == NULL || s->nproblems == 0)
		return WK_OK;
	return wk_err_set(err, WK_EINPUT, s->f.path, 0, 0,
	    _("%s does not match the %s schema"), s->f.path, s->schema);
}

void
wk_xmls_free(struct wk_xmlstream *s)
{
	if (s == NULL)
		return;
	if (s->r != NULL)
		xmlFreeTextReader(s->r);
	if (s->vc != NULL)
		xmlRelaxNGFreeValidCtxt(s->vc);
	/* The root was the reader's. */
	s->f.root = NULL;
	wk_xml_free(&s->f);
	free(s->schema);
	free(s);
}
