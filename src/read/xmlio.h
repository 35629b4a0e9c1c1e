#ifndef WK_XMLIO_H
#define WK_XMLIO_H
/*
 * Safe XML loading for the readers of read/ (feed.c, rss.c, bulletin.c,
 * station.c, catalog.c, voice.c, style.c; xmlpos.c and xmlmsg.c keep its
 * positions and explain its messages, xmlvalid.c and rngoutline.c
 * validate, xmlstream.c reads a large file as a stream on top of it): with
 * publish/podcast.c, which
 * writes XML through libxml2's xmlTextWriter, the only files that see
 * libxml2. main.c sets it up and cleans it up through wk_xml_init and
 * wk_xml_cleanup; check.c sniffs a file's root with wk_xml_open_head. A
 * document is read whole into memory with a size limit, parsed without
 * network, DTDs or entity expansion, optionally validated against a RELAX
 * NG schema from the data directory, and kept with its source text so that
 * errors can point at the exact line and column of an element or
 * attribute.
 */

#include <stdio.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "base/err.h"

struct wk_diags;

/* Largest input file we read, in bytes. */
#define WK_XML_MAX_BYTES (32u << 20)

/* Largest news feed (<news>, RSS, Atom), in bytes: these are read whole
 * into a tree, which costs about 22 times the file (a 4 MB feed of short
 * items about 90 MB, a 32 MB one 680 MB), and a day's news is some
 * kilobytes. Price feeds are streamed and may be WK_XML_MAX_BYTES. */
#define WK_XML_NEWS_MAX_BYTES (4u << 20)

/* Longest text to speak in one element (<say>, <headline>, <text>): about
 * an hour of speech. */
#define WK_XML_MAX_TEXT 32768

/* Most attributes one element may have (libxml2 checks duplicates in
 * quadratic time), and the longest attribute value, in bytes. */
#define WK_XML_MAX_ATTRS 64
#define WK_XML_MAX_ATTR_BYTES (1u << 20)

struct wk_xmlfile {
	xmlDocPtr doc;
	xmlNodePtr root;
	char *path;	/* as given, for messages */
	char *src;	/* the text of the file in UTF-8, NUL-terminated */
	size_t srclen;
	char *encoding;	/* the encoding it was converted from, or NULL */
	size_t *lines;	/* offset of the start of each line */
	size_t nlines;
};

enum wk_xml_flags {
	WK_XML_UTF8_ONLY = 1,	/* refuse a declared encoding other than UTF-8 */
	WK_XML_NO_TREE = 2,	/* check the file (well-formed, no DOCTYPE) and
				 * index its lines, but build no tree: f->doc
				 * and f->root stay NULL (a stream reads it:
				 * xmlstream.h) */
	WK_XML_NEWS = 4,	/* a news feed: at most WK_XML_NEWS_MAX_BYTES */
};

/*
 * Reads and parses path into *f. Refuses files that are not regular (a
 * FIFO is never waited on), empty, larger than WK_XML_MAX_BYTES (with
 * WK_XML_NEWS, WK_XML_NEWS_MAX_BYTES), not
 * well-formed, with an element of more than WK_XML_MAX_ATTRS attributes,
 * that declare a DOCTYPE (no DTD or entity is ever loaded), or (with
 * WK_XML_UTF8_ONLY) are in another encoding. Other encodings (UTF-16 and
 * every one iconv knows) are converted to UTF-8 first, so that positions
 * and excerpts refer to the text. Time and memory are linear in the size.
 * Returns WK_OK, or WK_EINPUT with err pointing at the problem; *f needs
 * wk_xml_free either way.
 */
enum wk_status wk_xml_load(const char *path, int flags, struct wk_xmlfile *f,
    struct wk_err *err);

/* The RELAX NG schema `name` (e.g. "prices") from the schema directory,
 * parsed once and kept until wk_xml_cleanup (xmlvalid.c); NULL with err
 * set (WK_EIO) when it cannot be read. */
xmlRelaxNGPtr wk_xml_schema(const char *name, struct wk_err *err);

/*
 * Validates f against the RELAX NG schema `name` (e.g. "prices") from the
 * schema directory (xmlvalid.c). Every independent problem is added to d as
 * an error at its element or attribute, with "did you mean" for misspelt
 * names and values, and err counts them; without d (NULL), err holds the
 * first one. Returns WK_EINPUT if there was any, WK_EIO if the schema
 * itself cannot be read (err says why). The problems are pruned from
 * f->doc: read the document before.
 */
enum wk_status wk_xml_validate(struct wk_xmlfile *f, const char *name,
    struct wk_diags *d, struct wk_err *err);

/*
 * The end of a reader whose reading of f returned st: validates f as
 * wk_xml_validate does when st is WK_OK; when the reader stopped at an
 * input error (WK_EINPUT, err), still validates the rest of the document,
 * so that one run reports every problem of the file: the schema's are
 * added to d, except one at the element or attribute err points at, and
 * err stays the reader's. Returns the status of the file.
 */
enum wk_status wk_xml_finish(struct wk_xmlfile *f, const char *name,
    enum wk_status st, struct wk_diags *d, struct wk_err *err);

void wk_xml_free(struct wk_xmlfile *f);

/* The first 4 KB of the regular file path in UTF-8 (converted as
 * wk_xml_load would), to sniff its root element; NULL for a FIFO, device
 * or folder (never waited on) or when it cannot be read. */
FILE *wk_xml_open_head(const char *path);

/* Sets up libxml2 (its schema type tables); call once before any other
 * function of this file. Returns WK_ENOMEM when memory is short: libxml2
 * cannot recover from a half-built type table later on. */
enum wk_status wk_xml_init(struct wk_err *err);

/* Frees the cached schemas and libxml2's global state; call once at exit. */
void wk_xml_cleanup(void);

/* The line and column of element n, or of its attribute attr when attr is
 * not NULL (the column of the value's first character). */
void wk_xml_pos(const struct wk_xmlfile *f, xmlNodePtr n, const char *attr,
    int *line, int *col);

/* A malloc'd copy of attribute name of n, or NULL when absent (or out of
 * memory: callers that must tell the two apart use xmlHasProp first). */
char *wk_xml_attr(xmlNodePtr n, const char *name);

/* Like wk_xml_attr for a required attribute: when it is missing or empty,
 * fills err (WK_EINPUT) with the element's position and returns NULL. */
char *wk_xml_req(const struct wk_xmlfile *f, xmlNodePtr n, const char *name,
    struct wk_err *err);

/* Fills err (WK_EINPUT) with the position of n (or its attribute attr) and
 * the formatted message; returns WK_EINPUT. */
enum wk_status wk_xml_err(const struct wk_xmlfile *f, xmlNodePtr n,
    const char *attr, struct wk_err *err, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* The text content of n with runs of white space folded to one space and
 * trimmed; malloc'd, NULL when out of memory. */
char *wk_xml_text(xmlNodePtr n);

/* The xml:lang in scope for n, or NULL. Points into the document. */
const char *wk_xml_lang(xmlNodePtr n);

/* True when n is an element named name (in no namespace or any namespace
 * when ns is NULL). */
int wk_xml_is(xmlNodePtr n, const char *name);

/* The decimal-mark attribute of n (station, news feed): '.' for "point",
 * ',' for "comma", 0 when absent. */
char wk_decimal_mark_attr(xmlNodePtr n);

/* The next element sibling starting at n itself, or NULL. */
xmlNodePtr wk_xml_elem(xmlNodePtr n);

#endif
