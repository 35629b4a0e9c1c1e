#ifndef WK_LINT_H
#define WK_LINT_H
/*
 * Checks of a bulletin that `check` (and `preview`) run after reading it:
 * the rules that need no station (read/rules.h: spoken content in every
 * language, known xml:lang values), readable dates in <say> text.
 */

#include <stddef.h>

#include "base/err.h"

struct wk_bulletin;

/*
 * Adds to d what wk_rules_bulletin finds without a station (an error for
 * each segment that says nothing in one of the bulletin's languages, for
 * each xml:lang that names no language; a warning for a text in a
 * language the bulletin does not list), then wk_lint_dates'.
 */
void wk_lint_bulletin(const struct wk_bulletin *b, struct wk_diags *d);

/* Adds to d a warning for each date in <say> text that names no day or
 * can be read two ways. */
void wk_lint_dates(const struct wk_bulletin *b, struct wk_diags *d);

enum wk_lint_date {
	WK_LINT_NOT_DATE,	/* not written as a date at all */
	WK_LINT_OK,		/* a real date, read one way */
	WK_LINT_BAD,		/* written as a date, but no such day */
	WK_LINT_AMBIGUOUS,	/* year first with '/' or '.', both orders fit */
};

/* Classifies the date written at the start of s (29/11/2026, 2026-11-29,
 * 2026/12/04); *len is set to its length when it has a date's shape. */
int wk_lint_date(const char *s, size_t *len);

#endif
