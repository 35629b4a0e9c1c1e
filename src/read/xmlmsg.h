#ifndef WK_XMLMSG_H
#define WK_XMLMSG_H
/*
 * libxml2 writes its parse and schema errors in English, in words for
 * programmers. This table says what each one means for an editor, in the
 * user's language, with the names and values the error carries, so that no
 * English sentence of libxml2 reaches a Spanish-speaking editor. Only the
 * readers' libxml2 wrappers (xmlio.c, xmlvalid.c, xmlstream.c) include it.
 */

#include <stddef.h>

#include <libxml/xmlerror.h>

/*
 * Writes into out (cap bytes, NUL-terminated) a sentence that says what the
 * structured error e means and how to fix it, in the user's language
 * (gettext), naming the elements, attributes and values e carries. Every
 * error libxml2 2.9.14 can raise while parsing a document without a DTD,
 * and every RELAX NG validity error, has a sentence of its own; anything
 * else gets a sentence of its family (with libxml2's English appended under
 * an untranslated, English locale only).
 */
void wk_xmlmsg_say(const xmlError *e, char *out, size_t cap);

/*
 * Words saying what form a value of RELAX NG datatype or common.rng define
 * `type` has ("a whole number: 0, 1, 2..." for nonNegativeInteger, "a date
 * written YYYY-MM-DD" for date), in the user's language; NULL for a type
 * without words (then the value may be anything).
 */
const char *wk_xmlmsg_type(const char *type);

#endif
