#ifndef WK_XMLSTREAM_H
#define WK_XMLSTREAM_H
/*
 * A file read as a stream of elements, for readers whose input may be
 * large (the price feed): libxml2's xmlTextReader gives one start tag,
 * end tag or text at a time and frees what the reader has moved past, so
 * that reading costs memory for the element at hand, not for the file. A
 * reader may expand one element into a small tree to look at it whole.
 * Positions are those of xmlio.c (the start tag of every element, its
 * attributes), and the RELAX NG schema is checked as the stream goes, on
 * the elements the reader hands it: what it keeps.
 */

#include <libxml/tree.h>

#include "base/err.h"
#include "xmlio.h"

struct wk_diags;
struct wk_xmlstream;

/* What wk_xmls_next met. */
enum wk_xmls_event {
	WK_XMLS_EOF = 0,	/* the end of the document */
	WK_XMLS_START,		/* an element's start tag, with its attributes */
	WK_XMLS_END,		/* its end (an empty element has one too) */
	WK_XMLS_TEXT,		/* text that is not only white space */
};

/*
 * Opens path as a stream: reads it as wk_xml_load does (size limit,
 * encodings, start tags, DOCTYPE refused) and checks that all of it is
 * well-formed without building its tree, so that a broken file is refused
 * before anything is read from it; then readies the reader and a
 * validator of the schema named schema (NULL: none). Schema problems are
 * added to d (may be NULL) as they are met. Returns WK_OK with *out (free
 * it with wk_xmls_free), or WK_EINPUT / WK_EIO / WK_ENOMEM with err set.
 */
enum wk_status wk_xmls_open(const char *path, const char *schema,
    struct wk_diags *d, struct wk_xmlstream **out, struct wk_err *err);

/* The file being read, for positions and messages (wk_xml_pos,
 * wk_xml_err): its root is the root element once it has started. */
const struct wk_xmlfile *wk_xmls_file(const struct wk_xmlstream *s);

/*
 * Moves to the next start tag, end tag or text. *node is the element (at
 * START its attributes are there, its children are not yet) or the text
 * node, valid until the next call; *depth is its depth, the root's 0.
 * Comments, processing instructions and white space are passed over.
 * Returns the event, or -1 with err set when memory is short.
 */
int wk_xmls_next(struct wk_xmlstream *s, xmlNodePtr *node, int *depth,
    struct wk_err *err);

/* Right after the START of an element: builds its whole subtree and
 * returns it (NULL when out of memory, err set). The stream then goes on
 * after the element: its contents and its END are not given. */
xmlNodePtr wk_xmls_expand(struct wk_xmlstream *s, struct wk_err *err);

/* Right after the START of an element: passes over its contents and its
 * END. Returns WK_OK, or WK_ENOMEM with err set. */
enum wk_status wk_xmls_skip(struct wk_xmlstream *s, struct wk_err *err);

/*
 * The schema, on what the reader keeps, in document order: the start of
 * an element (its attributes are checked), text inside it, its end; or an
 * expanded element whole. Each problem goes to d at once.
 */
void wk_xmls_valid_start(struct wk_xmlstream *s, xmlNodePtr n);
void wk_xmls_valid_text(struct wk_xmlstream *s, xmlNodePtr n,
    const char *text);
void wk_xmls_valid_end(struct wk_xmlstream *s, xmlNodePtr n);
void wk_xmls_valid_element(struct wk_xmlstream *s, xmlNodePtr n);

/* Counts a problem of the schema's kind that the reader found and
 * reported itself (the verdict then fails). */
void wk_xmls_count(struct wk_xmlstream *s);

/* The schema's verdict once the stream is read: WK_OK, or WK_EINPUT with
 * err saying that the file does not match it (its problems are in d). */
enum wk_status wk_xmls_verdict(struct wk_xmlstream *s, struct wk_err *err);

void wk_xmls_free(struct wk_xmlstream *s);

#endif
