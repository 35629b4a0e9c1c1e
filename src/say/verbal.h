#ifndef WK_VERBAL_H
#define WK_VERBAL_H
/*
 * The verbalizer: written text in, words to speak out. It reads the token
 * classes of text normalization (cardinals, decimals, money with the
 * currency before or after, measures with prefixes, powers and per-units,
 * dates, times, telephones and identifiers, ordinals, fractions, acronyms,
 * addresses and e-mails, abbreviations) by the voice's data, with Spanish
 * agreement (veintiún kilos, veintiuna arrobas) or Quechua suffixes (chunka
 * hukniyuq). Words go through the voice's lexicon and, for voices with
 * respelling rules, are respelled. No digit, currency or unit symbol
 * survives: what it cannot understand it says neutrally (letter by letter,
 * digit by digit) and reports, so that `check` can name it.
 */

#include <stddef.h>

#include "read/voice.h"

struct wk_buf;

/* Why a token was said neutrally. */
enum wk_unsaid_kind {
	WK_UNSAID_DIGITS,	/* a figure read digit by digit */
	WK_UNSAID_AMBIGUOUS,	/* 1,002 or 1.002: thousands, by default */
	WK_UNSAID_WORD,		/* letters after a figure that are no unit
				 * (180 psi): spelled */
	WK_UNSAID_SYMBOL,	/* a sign the voice has no word for */
};

/* A token of a text said neutrally: its bytes in the text. */
struct wk_unsaid {
	size_t off, len;
	enum wk_unsaid_kind kind;
};

/*
 * Appends the spoken form of the UTF-8 text to out, one line in, one line
 * out (newlines become spaces). Text that is not valid UTF-8 is read with
 * U+FFFD dropped. A figure with one separator and three digits after it
 * (1,002) is read as thousands. Returns 0, or -1 when out ran out of
 * memory.
 */
int wk_verbalize(const struct wk_voice *v, const char *text,
    struct wk_buf *out);

/*
 * The same, with the text's decimal mark as its feed or station declares
 * it ('.' or ','; 0: not declared, the rule above), and, when uns is not
 * NULL, *uns set to a malloc'd array of the *nuns tokens said neutrally
 * (free it; NULL when there are none). Returns 0, or -1 when out of memory.
 */
int wk_verbalize_mark(const struct wk_voice *v, const char *text, char mark,
    struct wk_buf *out, struct wk_unsaid **uns, size_t *nuns);

/*
 * The tokens of text that voice v could not say as they mean, for `check`
 * and `preview`: *uns as for wk_verbalize_mark. Returns 0, or -1 when out
 * of memory.
 */
int wk_verbal_unsaid(const struct wk_voice *v, const char *text, char mark,
    struct wk_unsaid **uns, size_t *nuns);

/* The message for an unsaid token u of text (English, for _()), with one
 * %.*s for the token. */
const char *wk_unsaid_message(const struct wk_unsaid *u);

/*
 * Expands a phrase template: each {key} is replaced by the value paired
 * with it (keys[i] -> vals[i]); unknown keys expand to nothing; runs of
 * spaces fold to one and spaces before punctuation go.
 */
void wk_template(struct wk_buf *out, const char *tmpl, const char *const *keys,
    const char *const *vals, size_t n);

#endif
