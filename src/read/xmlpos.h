#ifndef WK_XMLPOS_H
#define WK_XMLPOS_H
/*
 * The source side of xmlio.c: converting a file to UTF-8 before it is
 * parsed, checking its start tags in one pass (attribute count and size),
 * and finding where each element starts in one forward scan, so that every
 * position is found in constant time and reading stays linear in the size
 * of the file. Only xmlio.c includes this.
 */

#include <stddef.h>

#include <libxml/tree.h>

#include "base/err.h"
#include "xmlio.h"

/* Converts f->src to UTF-8 when it is UTF-16, UTF-32 or declares another
 * encoding; f->encoding then names the original one. */
enum wk_status wk_xmlpos_to_utf8(struct wk_xmlfile *f, struct wk_err *err);

/* Refuses an element with more than WK_XML_MAX_ATTRS attributes or a value
 * longer than WK_XML_MAX_ATTR_BYTES, before libxml2 sees it. */
enum wk_status wk_xmlpos_check_tags(const struct wk_xmlfile *f,
    struct wk_err *err);

/* Indexes the lines of f->src (f->lines, f->nlines), once. */
enum wk_status wk_xmlpos_lines(struct wk_xmlfile *f, struct wk_err *err);

/* Indexes the lines of f->src when not done yet, and records in each
 * element of f->doc the offset of its start tag. */
enum wk_status wk_xmlpos_index(struct wk_xmlfile *f, struct wk_err *err);

/* The offset of 1-based line and byte column col (the line's end when col
 * is beyond it; its start when col is 0); f's lines must be indexed. */
size_t wk_xmlpos_offset(const struct wk_xmlfile *f, int line, int col);

/*
 * For a parse error at offset off inside or just after a start tag: when
 * one of the tag's attribute values has lost its closing quote (it runs
 * past off, or over a line break or a '<', or ends in " name=" that was the
 * next attribute), returns 1 with *qoff at the value's opening quote, its
 * attribute's name in name (cap bytes) and in next (ncap bytes) the
 * attribute its value swallowed, or "" when it ran on to another line.
 * Returns 0 otherwise.
 */
int wk_xmlpos_open_quote(const struct wk_xmlfile *f, size_t off,
    size_t *qoff, char *name, size_t cap, char *next, size_t ncap);

/* The offset of the value of attribute name in the start tag that the
 * parser was reading at off, or (size_t)-1. */
size_t wk_xmlpos_attr_before(const struct wk_xmlfile *f, size_t off,
    const char *name);

/* The offset of a <!DOCTYPE before the first element, or (size_t)-1. */
size_t wk_xmlpos_doctype(const struct wk_xmlfile *f);
/* Records in element n the offset of its start tag, the next one in
 * f->src at or after *off, and moves *off past it: for a reader that meets
 * the elements one at a time in document order (xmlstream.c). Returns 0,
 * or -1 when n is not the element there (its position stays unknown and
 * *off does not move). The lines of f must be indexed. */
int wk_xmlpos_mark(const struct wk_xmlfile *f, xmlNodePtr n, size_t *off);

/* The offset of n's start tag, or (size_t)-1 when unknown. */
size_t wk_xmlpos_of(xmlNodePtr n);

/* The 1-based line and byte column of offset off. */
void wk_xmlpos_line_col(const struct wk_xmlfile *f, size_t off, int *line,
    int *col);

/* Lets error messages quote lines of f: it parsed as XML (a feed only
 * from the station's folders). */
void wk_xmlpos_allow_excerpt(const struct wk_xmlfile *f);

/* The same for a file that did not parse, when its first element is the
 * root of one of willakuy's formats (a broken feed or bulletin, not any
 * file a path may name). */
void wk_xmlpos_allow_broken_excerpt(const struct wk_xmlfile *f);

#endif
