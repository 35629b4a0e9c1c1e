#ifndef WK_LINT_H
#define WK_LINT_H
/*
 * Checks of a bulletin that `check` (and `preview`) run after reading it:
 * spoken content in every language, known xml:lang values, readable dates
 * in <say> text.
 */

#include <stddef.h>

#include "base/err.h"

struct wk_bulletin;

/*
 * Adds to d: an error for each segment that says nothing in one of the
 * bulletin's languages (unless it has speech="optional"), an error for each
 * xml:lang that names no language willakuy has a voice for (with a
 * suggestion), a warning for a text in a language the bulletin does not
 * list, and a warning for each date in <say> text that names no day or can
 * be read two ways.
 */
void wk_lint_bulletin(const struct wk_bulletin *b, struct wk_diags *d);

/* The code that the language name or tag lang was probably meant to be
 * ("quechua" -> "qu", "es-PE" -> "es", "qi" -> "qu" when "qu" is known),
 * or NULL. known lists the codes to pick from. */
const char *wk_lint_suggest_lang(const char *lang, char *const *known,
    size_t nknown);

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
