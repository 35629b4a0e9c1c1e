#ifndef WK_NUMWORD_H
#define WK_NUMWORD_H
/*
 * Cardinal, ordinal and partitive numbers in words, by the rules a voice
 * states in its <numbers>, <ordinals> and <fractions> (voice.xml): which
 * words are scales that take a multiplier (mil, millón; Quechua chunka,
 * pachak, waranqa), which drop a multiplier of one, how words link (y),
 * the suffix a final unit takes after other words (-yuq / -niyuq), the
 * word a noun takes after a whole scale (de). Nothing here knows a
 * language: the same code reads Spanish, Quechua or a third voice's
 * numbers.
 */

#include <stddef.h>

#include "read/voice.h"

struct wk_buf;

/* The most digits wk_num_digits reads as a number (below 10^24, "cien mil
 * trillones" in Spanish). */
#define WK_NUM_DIGITS 24

/*
 * Appends the words for the n decimal digits at d (leading zeros are
 * ignored) to out. g is the gender of the noun that follows the number
 * (WK_BARE when nothing follows: "veintiuno", "ciento uno"). Returns 0, or
 * -1 when there are more than WK_NUM_DIGITS digits or the voice lacks a
 * word it needs (out is then unchanged).
 */
int wk_num_digits(const struct wk_voice *v, const char *d, size_t n,
    enum wk_gender g, struct wk_buf *out);

/* The same for a number held in an integer. */
int wk_num_words(const struct wk_voice *v, unsigned long long n,
    enum wk_gender g, struct wk_buf *out);

/* The word a noun takes after the number d[0..n) when it ends in a whole
 * scale that asks for one ("de": "un millón de soles", "dos millones de
 * kilos"), or NULL. */
const char *wk_num_of(const struct wk_voice *v, const char *d, size_t n);

/* Appends the ordinal for n ("primero", "tercera", "vigesimoprimer",
 * "dosmilésimo") when the voice has ordinals; returns -1 otherwise. */
int wk_ord_words(const struct wk_voice *v, unsigned long long n,
    enum wk_gender g, struct wk_buf *out);

/* Appends the name of the part 1/d ("tercio", "quinto", "onceavo",
 * "centésimo"; plural when plural is set) and returns 0, or -1 when the
 * voice has no one-word name for it (then "n sobre d" is said). */
int wk_part_words(const struct wk_voice *v, unsigned long long d,
    int plural, struct wk_buf *out);

/* Appends the n digits at s one by one ("cero nueve ocho"). */
void wk_digit_words(const struct wk_voice *v, const char *s, size_t n,
    struct wk_buf *out);

#endif
