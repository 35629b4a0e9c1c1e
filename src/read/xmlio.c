/*
 * The libxml2 front door for every parser. Files are read whole (bounded by
 * WK_XML_MAX_BYTES) and parsed with a context that never touches the network
 * or the file system beyond the file itself: a DOCTYPE stops the parse at
 * once, so no DTD, external entity or entity expansion ever happens, and the
 * external entity loader refuses everything for good measure. libxml2's own
 * limits (depth 256, 10 MB text nodes) stay on. A parse error is said in
 * the editor's words (xmlmsg.c) at the place to fix; validation is in
 * xmlvalid.c.
 */

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/safedir.h"
#include "base/paths.h"
#include "xmlio.h"
#include "xmlmsg.h"
#include "xmlpos.h"
#include "xmlvalid.h"

struct parse_state {
	struct wk_err *err;
	struct wk_xmlfile *f;
	int failed;
};

/* The entity loader wk_xml_init replaced: libxml2's settings are the
 * process's (the same for every station and file), so it is kept here for
 * the run; wk_xml_cleanup restores it. The schemas are xmlvalid.c's. */
static xmlExternalEntityLoader default_loader;

static xmlParserInputPtr
no_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* True for the errors that a value's lost closing quote causes: the
 * parser reads the rest of the tag, or the lines after it, as the value,
 * and stumbles later on. */
static int
quote_trouble(int code)
{
	switch (code) {
	case XML_ERR_LT_IN_ATTRIBUTE:
	case XML_ERR_ATTRIBUTE_NOT_FINISHED:
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
	case XML_ERR_ATTRIBUTE_REDEFINED:
	case XML_ERR_SPACE_REQUIRED:
	case XML_ERR_GT_REQUIRED:
	case XML_ERR_NAME_REQUIRED:
	case XML_ERR_EQUAL_REQUIRED:
	case XML_ERR_TAG_NOT_FINISHED:
	case XML_ERR_TAG_NAME_MISMATCH:
	case XML_ERR_LTSLASH_REQUIRED:
	case XML_ERR_DOCUMENT_END:
		return 1;
	}
	return 0;
}

/*
 * Keeps the first error only: later ones are usually its consequences. The
 * message says what libxml2's error means (xmlmsg.c), except when a value
 * lost its closing quote: then it points at that value's opening quote,
 * whatever libxml2 tripped over later; an error about an attribute points
 * at the attribute.
 */
static void
on_parse_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;
	struct parse_state *ps = ctxt->_private;
	struct wk_xmlfile *f;
	char msg[900], name[128], next[128];
	size_t off, q;
	int line, col;

	if (ps == NULL || ps->failed || e->level < XML_ERR_ERROR)
		return;
	f = ps->f;
	line = e->line;
	col = e->int2;
	off = wk_xmlpos_offset(f, line, col);
	if (e->domain == XML_FROM_PARSER && quote_trouble(e->code) &&
	    wk_xmlpos_open_quote(f, off, &q, name, sizeof name, next,
	    sizeof next)) {
		int at = line;

		wk_xmlpos_line_col(f, q, &line, &col);
		if (next[0] != '\0')
			snprintf(msg, sizeof msg, _("the value of %s= has no closing "
			    "quote, so it takes in %s=: put the quote back at the end "
			    "of the value of %s"), name, next, name);
		else
			snprintf(msg, sizeof msg, _("the value of %s= opened here has "
			    "no closing quote, so it runs on to line %d: put the quote "
			    "back at the end of the value"), name, at);
	} else if (e->domain == XML_FROM_PARSER && (e->code ==
	    XML_ERR_NAME_REQUIRED || e->code == XML_ERR_SPACE_REQUIRED ||
	    e->code == XML_ERR_GT_REQUIRED) && off < f->srclen &&
	    f->src[off] == '<')
		snprintf(msg, sizeof msg, "%s", _("a '>' is missing before this "
		    "'<': the tag before it is not closed"));
	else {
		wk_xmlmsg_say(e, msg, sizeof msg);
		if ((e->code == XML_ERR_ATTRIBUTE_REDEFINED ||
		    e->code == XML_ERR_ATTRIBUTE_WITHOUT_VALUE ||
		    e->code == XML_NS_ERR_ATTRIBUTE_REDEFINED) && e->str1 != NULL) {
			if (e->code == XML_ERR_ATTRIBUTE_REDEFINED &&
			    e->str2 != NULL)
				snprintf(name, sizeof name, "%s:%s", e->str1, e->str2);
			else
				snprintf(name, sizeof name, "%s", e->str1);
			if ((q = wk_xmlpos_attr_before(f, off, name)) != (size_t)-1)
				wk_xmlpos_line_col(f, q, &line, &col);
		}
	}
	wk_err_set(ps->err, WK_EINPUT, f->path, line, col,
	    _("not well-formed XML: %s"), msg);
	ps->failed = 1;
}

static void
on_doctype(void *data, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	xmlParserCtxtPtr ctxt = data;
	struct parse_state *ps = ctxt->_private;

	(void)name;
	(void)eid;
	(void)sid;
	if (ps != NULL && !ps->failed) {
		wk_err_set(ps->err, WK_EINPUT, ps->f->path, xmlSAX2GetLineNumber(ctxt),
		    0, "%s", _("a DOCTYPE is not allowed (willakuy never loads DTDs "
		    "or entities); remove the <!DOCTYPE ...> declaration"));
		ps->failed = 1;
	}
	xmlStopParser(ctxt);
}

/* Takes the tree building out of handler sax: the parser then checks the
 * document (well-formedness, namespaces, the DOCTYPE) in memory that does
 * not grow with it. With no SAX1 callbacks either, it stays a SAX2 parse. */
static void
no_tree(xmlSAXHandler *sax)
{
	sax->startDocument = NULL;
	sax->endDocument = NULL;
	sax->startElement = NULL;
	sax->endElement = NULL;
	sax->startElementNs = NULL;
	sax->endElementNs = NULL;
	sax->characters = NULL;
	sax->ignorableWhitespace = NULL;
	sax->cdataBlock = NULL;
	sax->comment = NULL;
	sax->processingInstruction = NULL;
	sax->reference = NULL;
}

static enum wk_status
slurp(const char *path, int flags, struct wk_xmlfile *f, struct wk_err *err)
{
	FILE *fp;
	struct stat st;
	size_t n;
	int fd;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	if ((fd = wk_safe_open_input(path)) < 0)
		return wk_err_set(err, WK_EINPUT, path, 0, 0,
		    _("cannot open: %s"), errno == ELOOP ?
		    wk_safe_link_refusal() : strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    fcntl(fd, F_SETFL, 0) != 0 || (fp = fdopen(fd, "rb")) == NULL) {
		close(fd);
		return wk_err_set(err, WK_EINPUT, path, 0, 0, "%s",
		    _("not a regular file (a FIFO, device or folder); give the "
		    "path of an XML file"));
	}
	if (st.st_size == 0) {
		fclose(fp);
		return wk_err_set(err, WK_EINPUT, path, 1, 1, "%s",
		    _("the file is empty; it should hold an XML document"));
	}
	if ((flags & WK_XML_NEWS) &&
	    (unsigned long long)st.st_size > WK_XML_NEWS_MAX_BYTES) {
		fclose(fp);
		return wk_err_set(err, WK_EINPUT, path, 0, 0,
		    _("the news feed is %lld bytes, more than the %u bytes "
		    "willakuy accepts for news (a news feed is read whole, "
		    "which takes about 22 times its size in memory; a day's "
		    "news is some kilobytes): check that it is the right file, "
		    "or split it into several feeds"),
		    (long long)st.st_size, WK_XML_NEWS_MAX_BYTES);
	}
	if ((unsigned long long)st.st_size > WK_XML_MAX_BYTES) {
		fclose(fp);
		return wk_err_set(err, WK_EINPUT, path, 0, 0,
		    _("the file is %lld bytes, more than the %u bytes willakuy "
		    "accepts; split it or check that it is the right file"),
		    (long long)st.st_size, WK_XML_MAX_BYTES);
	}
	if ((f->src = malloc((size_t)st.st_size + 1)) == NULL) {
		fclose(fp);
		return wk_err_nomem(err);
	}
	n = fread(f->src, 1, (size_t)st.st_size, fp);
	if (ferror(fp) || n == 0) {
		fclose(fp);
		return wk_err_set(err, WK_EINPUT, path, 0, 0,
		    _("cannot read: %s"), strerror(errno));
	}
	fclose(fp);
	f->src[n] = '\0';
	f->srclen = n;
	return WK_OK;
}

enum wk_status
wk_xml_load(const char *path, int flags, struct wk_xmlfile *f,
    struct wk_err *err)
{
	xmlParserCtxtPtr ctxt = NULL;
	struct parse_state ps = { err, f, 0 };
	size_t dt;
	enum wk_status st;
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;

	memset(f, 0, sizeof *f);
	if ((f->path = strdup(path)) == NULL)
		return wk_err_nomem(err);
	if ((st = slurp(path, flags, f, err)) != WK_OK ||
	    (st = wk_xmlpos_to_utf8(f, err)) != WK_OK ||
	    (st = wk_xmlpos_check_tags(f, err)) != WK_OK ||
	    (st = wk_xmlpos_lines(f, err)) != WK_OK)
		return st;
	if ((dt = wk_xmlpos_doctype(f)) != (size_t)-1) {
		int line, col;

		wk_xmlpos_line_col(f, dt, &line, &col);
		wk_xmlpos_allow_broken_excerpt(f);
		return wk_err_set(err, WK_EINPUT, path, line, col, "%s",
		    _("a DOCTYPE is not allowed (willakuy never loads DTDs or "
		    "entities); remove the <!DOCTYPE ...> declaration"));
	}
	if (f->encoding != NULL)
		opts |= XML_PARSE_IGNORE_ENC;
	if (default_loader == NULL) {
		default_loader = xmlGetExternalEntityLoader();
		xmlSetExternalEntityLoader(no_loader);
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		return wk_err_nomem(err);
	ctxt->_private = &ps;
	ctxt->sax->serror = on_parse_error;
	ctxt->sax->internalSubset = on_doctype;
	if (flags & WK_XML_NO_TREE)
		no_tree(ctxt->sax);
	f->doc = xmlCtxtReadMemory(ctxt, f->src, (int)f->srclen, path,
	    f->encoding != NULL ? "UTF-8" : NULL,
	    opts | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (flags & WK_XML_NO_TREE) {
		/* Only the check: the stream builds what it reads. */
		xmlFreeDoc(f->doc);
		f->doc = NULL;
		if (ps.failed || !ctxt->wellFormed) {
			if (!ps.failed)
				wk_err_set(err, WK_EINPUT, path, 0, 0, "%s",
				    _("not well-formed XML"));
			wk_xmlpos_allow_broken_excerpt(f);
			st = WK_EINPUT;
		} else
			st = wk_xmlpos_index(f, err);
		goto out;
	}
	if (ps.failed || f->doc == NULL || !ctxt->wellFormed) {
		if (!ps.failed)
			wk_err_set(err, WK_EINPUT, path, 0, 0, "%s",
			    _("not well-formed XML"));
		/* A broken feed or bulletin is still quoted, to show where. */
		wk_xmlpos_allow_broken_excerpt(f);
		st = WK_EINPUT;
		goto out;
	}
	if ((flags & WK_XML_UTF8_ONLY) && f->encoding != NULL) {
		st = wk_err_set(err, WK_EINPUT, path, 1, 1,
		    _("the file declares encoding \"%s\"; willakuy reads UTF-8 "
		    "only: convert it (iconv -f %s -t UTF-8) and declare "
		    "encoding=\"UTF-8\""), f->encoding, f->encoding);
		goto out;
	}
	if ((f->root = xmlDocGetRootElement(f->doc)) == NULL) {
		st = wk_err_set(err, WK_EINPUT, path, 1, 1, "%s",
		    _("the document has no root element"));
		goto out;
	}
	if (f->encoding != NULL) {
		/* The text is UTF-8 now, whatever the declaration says. */
		xmlFree((xmlChar *)f->doc->encoding);
		f->doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
	}
	if ((st = wk_xmlpos_index(f, err)) != WK_OK)
		goto out;
	wk_xmlpos_allow_excerpt(f);
	st = WK_OK;
out:
	ctxt->_private = NULL;
	xmlFreeParserCtxt(ctxt);
	return st;
}

void
wk_xml_free(struct wk_xmlfile *f)
{
	if (f == NULL)
		return;
	xmlFreeDoc(f->doc);
	free(f->src);
	free(f->path);
	free(f->lines);
	free(f->encoding);
	memset(f, 0, sizeof *f);
}

enum wk_status
wk_xml_init(struct wk_err *err)
{
	xmlInitParser();
	if (xmlRelaxNGInitTypes() != 0)
		return wk_err_nomem(err);
	return WK_OK;
}

void
wk_xml_cleanup(void)
{
	wk_xmlvalid_cleanup();
	if (default_loader != NULL)
		xmlSetExternalEntityLoader(default_loader);
	default_loader = NULL;
	xmlCleanupParser();
	wk_err_excerpts_free();
}

void
wk_xml_pos(const struct wk_xmlfile *f, xmlNodePtr n, const char *attr,
    int *line, int *col)
{
	long ln = xmlGetLineNo(n);
	size_t off, end, k;

	*line = ln > 0 ? (int)ln : 0;
	*col = 0;
	if (f->src == NULL || n->type != XML_ELEMENT_NODE ||
	    (off = wk_xmlpos_of(n)) == (size_t)-1)
		return;
	if (attr == NULL) {
		wk_xmlpos_line_col(f, off, line, col);
		return;
	}
	/* Search the start tag for attr="; stop at its closing '>'. */
	k = strlen(attr);
	for (end = off + 1; end < f->srclen && f->src[end] != '>'; end++) {
		const char *p = f->src + end;

		if (strncmp(p, attr, k) == 0 && strchr(" \t\r\n", p[-1]) != NULL) {
			const char *q = p + k;

			while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
				q++;
			if (*q != '=')
				continue;
			q++;
			while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
				q++;
			if (*q == '"' || *q == '\'')
				q++;
			wk_xmlpos_line_col(f, (size_t)(q - f->src), line, col);
			return;
		}
	}
	wk_xmlpos_line_col(f, off, line, col);
}

char *
wk_xml_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *s;

	if (v == NULL)
		return NULL;
	s = strdup((const char *)v);
	xmlFree(v);
	return s;
}

char *
wk_xml_req(const struct wk_xmlfile *f, xmlNodePtr n, const char *name,
    struct wk_err *err)
{
	char *v = wk_xml_attr(n, name);

	if (v != NULL && v[0] != '\0')
		return v;
	if (v == NULL && xmlHasProp(n, BAD_CAST name) != NULL)
		wk_err_nomem(err);
	else
		wk_xml_err(f, n, v ? name : NULL, err,
		    _("<%s> needs a non-empty %s=\"...\" attribute"),
		    (const char *)n->name, name);
	free(v);
	return NULL;
}

enum wk_status
wk_xml_err(const struct wk_xmlfile *f, xmlNodePtr n, const char *attr,
    struct wk_err *err, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int line, col;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	wk_xml_pos(f, n, attr, &line, &col);
	wk_err_set(err, WK_EINPUT, f->path, line, col, "%s", msg);
	/* One kind per sentence, whatever it names (see WK_DIAG_CAP). */
	if (err != NULL)
		err->kind = wk_err_kind(fmt, NULL);
	return WK_EINPUT;
}

char *
wk_xml_text(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	struct wk_buf b = WK_BUF_INIT;
	const char *p;
	int space = 0;

	if (v == NULL)
		return strdup("");
	for (p = (const char *)v; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			wk_buf_putc(&b, ' ');
		space = 0;
		wk_buf_putc(&b, *p);
	}
	xmlFree(v);
	return wk_buf_steal(&b);
}

const char *
wk_xml_lang(xmlNodePtr n)
{
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		xmlAttrPtr a = xmlHasNsProp(n, BAD_CAST "lang", XML_XML_NAMESPACE);

		if (a != NULL && a->children != NULL && a->children->content != NULL)
			return (const char *)a->children->content;
	}
	return NULL;
}

int
wk_xml_is(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

xmlNodePtr
wk_xml_elem(xmlNodePtr n)
{
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

char
wk_decimal_mark_attr(xmlNodePtr n)
{
	char *s = wk_xml_attr(n, "decimal-mark");
	char m = s == NULL ? 0 : strcmp(s, "comma") == 0 ? ',' : '.';

	free(s);
	return m;
}
