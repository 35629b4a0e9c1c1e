#ifndef WK_NUMWORD_H
#define WK_NUMWORD_H
/*
 * Cardinal and ordinal numbers in words, by the grammar of a voice (Spanish
 * per the RAE, or Ayacucho Quechua). The words themselves come from the
 * voice's <numbers> table; this file only knows how to combine them.
 */

#include "read/voice.h"

struct wk_buf;

/* Largest number wk_num_words reads (999 999 999 999). */
#define WK_NUM_MAX 999999999999ULL

/*
 * Appends the words for n to out. g is the gender of the noun that follows
 * the number (WK_BARE when nothing follows: "veintiuno", "ciento uno").
 * Returns 0, or -1 when n > WK_NUM_MAX or the voice lacks a word it needs.
 */
int wk_num_words(const struct wk_voice *v, unsigned long long n,
    enum wk_gender g, struct wk_buf *out);

/* True when a noun after n takes "de" in Spanish: a whole, non-zero number
 * of millions ("un millón de soles", "dos millones de kilos"). */
int wk_num_takes_of(const struct wk_voice *v, unsigned long long n);

/* Appends the ordinal for n ("primero", "tercera") when the voice has one;
 * returns -1 otherwise. */
int wk_ord_words(const struct wk_voice *v, unsigned long long n,
    enum wk_gender g, struct wk_buf *out);

/* Appends the n digits at s one by one ("cero nueve ocho"). */
void wk_digit_words(const struct wk_voice *v, const char *s, size_t n,
    struct wk_buf *out);

#endif
