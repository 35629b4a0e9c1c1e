#ifndef WK_VERBAL_H
#define WK_VERBAL_H
/*
 * The verbalizer: written text in, words to speak out. Prices (S/ 2.50,
 * S/ 3.20/kg), quantities with units (21 @, 200 t), percentages, dates
 * (2026-11-29, 29/11/2026), times (06:00, 3 p. m.), ordinals, ranges,
 * abbreviations, acronyms and symbols all become words of the voice's
 * language, with Spanish agreement (veintiún kilos, veintiuna arrobas) or
 * Quechua suffixes (chunka hukniyuq). Words go through the voice's lexicon
 * and, for voices with respelling rules, are respelled. No digit, currency
 * or unit symbol survives.
 */

#include "read/voice.h"

struct wk_buf;

/*
 * Appends the spoken form of the UTF-8 text to out, one line in, one line
 * out (newlines become spaces). Text that is not valid UTF-8 is read with
 * U+FFFD dropped. Returns 0, or -1 when out ran out of memory.
 */
int wk_verbalize(const struct wk_voice *v, const char *text,
    struct wk_buf *out);

/*
 * The same, and *raw (when raw is not NULL) is set to the first figure of
 * text that could only be read digit by digit (an over-long number, a
 * number with separators that make no sense), *nraw to its bytes; NULL
 * when every figure was read as a figure. For `check`.
 */
int wk_verbalize_check(const struct wk_voice *v, const char *text,
    struct wk_buf *out, const char **raw, size_t *nraw);

/*
 * Expands a phrase template: each {key} is replaced by the value paired
 * with it (keys[i] -> vals[i]); unknown keys expand to nothing; runs of
 * spaces fold to one and spaces before punctuation go.
 */
void wk_template(struct wk_buf *out, const char *tmpl, const char *const *keys,
    const char *const *vals, size_t n);

#endif
