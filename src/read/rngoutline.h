#ifndef WK_RNGOUTLINE_H
#define WK_RNGOUTLINE_H
/*
 * The outline of a RELAX NG schema (bulletins/schema/NAME.rng): for each
 * element it defines, the attributes it may have (required or not, the
 * values or the kind of value they take) and the elements it may hold. The
 * validator (xmlvalid.c) walks a document along it to report every unknown
 * element, unknown attribute, missing attribute and value out of a list at
 * once, with "did you mean", where libxml2's validator stops at the first
 * error of an element's content and names nothing. Only the readers'
 * libxml2 wrappers include this.
 */

#include <stddef.h>

#include "base/err.h"

struct wk_rng_attr {
	char *name;		/* as written in the file: "xml:lang" */
	int required;
	char **values;		/* the values it may take, or NULL: any */
	size_t nvalues;
	char *type;		/* a datatype (nonNegativeInteger) or a define
				 * of common.rng (id, date...), or NULL */
	int list;		/* a list of such values, between spaces */
};

struct wk_rng_elem {
	char *name;		/* NULL: any name */
	struct wk_rng_attr *attrs;
	size_t nattrs;
	int any_attr;		/* attributes of any name are allowed */
	struct wk_rng_elem **kids;	/* owned by the outline */
	size_t nkids;
	int text;		/* it may hold text */
};

struct wk_rng;

/* Reads the schema at path (and the files it includes) into *out, freed
 * with wk_rng_free. Our own schemas are trusted: they are parsed without
 * limits other than libxml2's. Returns WK_EIO (err says why) when a file
 * cannot be read, WK_ENOMEM. */
enum wk_status wk_rng_load(const char *path, struct wk_rng **out,
    struct wk_err *err);

void wk_rng_free(struct wk_rng *r);

/* The element the schema starts with, if it is named name; else NULL. */
const struct wk_rng_elem *wk_rng_start(const struct wk_rng *r,
    const char *name);

/* The element named name that e may hold, or NULL. */
const struct wk_rng_elem *wk_rng_kid(const struct wk_rng_elem *e,
    const char *name);

/* The attribute named name that e may have, or NULL. */
const struct wk_rng_attr *wk_rng_attr(const struct wk_rng_elem *e,
    const char *name);

/* For "did you mean": the name among e's elements (kids non-zero) or
 * attributes, or among a's values, closest to name; NULL when none is
 * close enough to be a misspelling of it. */
const char *wk_rng_near_kid(const struct wk_rng_elem *e, const char *name);
const char *wk_rng_near_attr(const struct wk_rng_elem *e, const char *name);
const char *wk_rng_near_value(const struct wk_rng_attr *a, const char *value);

/* The name among the NULL-terminated cands closest to name, by the same
 * rule, or NULL: for the readers' own "did you mean". */
const char *wk_rng_nearest(const char *name, const char *const *cands);

/* The name of an element that may hold an element named name, other than
 * not (for "<bed> goes in <segment>"), or NULL. */
const char *wk_rng_parent_of(const struct wk_rng *r, const char *name,
    const struct wk_rng_elem *not);

/* Edit distance between a and b (insertions, deletions, substitutions and
 * swaps of two neighbours), capped at 255 and for words of 63 bytes. */
unsigned wk_rng_distance(const char *a, const char *b);

#endif
