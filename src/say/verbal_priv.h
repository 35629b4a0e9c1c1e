#ifndef WK_VERBAL_PRIV_H
#define WK_VERBAL_PRIV_H
/*
 * Private to the verbalizer: verbal.c (the scanner, words, symbols) and
 * figures.c (numbers, money, quantities, dates and times). The helpers
 * append to the output with the spacing rules of spoken text.
 */

#include <stddef.h>
#include <stdint.h>

#include "read/voice.h"

struct wk_buf;

struct vs {
	const struct wk_voice *v;
	struct wk_buf *out;
	const char *start;	/* the whole text, for looking back; may be NULL */
	const char *raw;	/* the first figure read digit by digit */
	size_t nraw;
};

/* A number as typed: integer part, and the digits after a decimal
 * separator when there is one. */
struct numlit {
	size_t len;			/* bytes consumed */
	unsigned long long ip;
	char frac[16];
	size_t nfrac;			/* 0: no decimal part */
	int ok;				/* 0: read the digits one by one */
};

int vs_is_digit(char c);
/* Bytes of white space at p. */
size_t vs_skip_space(const char *p);
/* True when p does not continue a word or number. */
int vs_boundary(const char *p);
/* Length of the word at p. */
size_t vs_word_len(const char *p);
/* Appends a word, spaced; a string; closing punctuation. */
void vs_put(struct vs *s, const char *w, size_t n);
void vs_puts(struct vs *s, const char *w);
void vs_close(struct vs *s, const char *p, size_t n);
/* Frees a scratch buffer, carrying its allocation failure to the output;
 * vs_take appends its words first. */
void vs_drop(struct vs *s, struct wk_buf *t);
void vs_take(struct vs *s, struct wk_buf *t);
/* Appends the voice's template id, filled in. */
void vs_template(struct vs *s, const char *id, const char *const *keys,
    const char *const *vals, size_t n);

/* The word before p in the text (after spaces), its length in *n; NULL at
 * the start. */
const char *vs_prev_word(const struct vs *s, const char *p, size_t *n);
/* True when the n bytes at w are one of the words of the voice's <list
 * id="id">. */
int vs_in_list(const struct vs *s, const char *id, const char *w, size_t n);
/* True when p starts with the word w (ignoring case) and a boundary. */
int vs_word_at(const char *p, const char *w);

/* Numbers (figures.c). */
void vs_scan_num(const char *p, struct numlit *nl);
void vs_say_num(struct vs *s, unsigned long long n, enum wk_gender g);
void vs_say_numlit(struct vs *s, const struct numlit *nl, enum wk_gender g);
const struct wk_unit *vs_unit_at(const struct vs *s, const char *p,
    size_t *len);
enum wk_gender vs_next_gender(const struct vs *s, const char *p, int *noun);
/* Says n with its unit ("veintiún kilos", "un millón de soles"); an
 * amount in céntimos with the voice's unit ids ("sol", "centimo"). */
void vs_say_quantity(struct vs *s, const struct numlit *nl,
    const struct wk_unit *u);
void vs_say_amount(const struct wk_voice *v, unsigned long long cents,
    const char *unit, const char *subunit, struct wk_buf *out);
/* Says the range a to b, the unit written at p after b (its bytes are
 * returned) or the noun's gender, with template id; words are the
 * editor's opening and closing words, or NULL. */
size_t vs_say_range(struct vs *s, const char *id, const char *const *words,
    const struct numlit *a, const struct numlit *b, const char *p);
/* The month (1-12) named or shortened at p ("noviembre", "nov.", "Nov"),
 * its length in *n; 0 when none. */
int vs_month_at(const struct vs *s, const char *p, size_t *n);
/* A clock time at p said without the part of the day (for ranges); the
 * bytes it takes, or 0. */
size_t vs_try_time_bare(struct vs *s, const char *p, struct wk_buf *out);

/* Ordinals and Roman numerals (ordinal.c). */
size_t vs_try_ordinal(struct vs *s, const char *p, const struct numlit *a,
    size_t k);
size_t vs_try_roman(struct vs *s, const char *p, size_t n);

/* The matchers of figures.c: each reads what it recognizes at p, appends
 * its words and returns the bytes it took, or 0. */
size_t vs_try_money(struct vs *s, const char *p);
size_t vs_try_date(struct vs *s, const char *p);
size_t vs_try_time(struct vs *s, const char *p);
size_t vs_try_number(struct vs *s, const char *p, int negative_ok);
/* Ranges led by words: entre 2,50 y 3 soles; del 15 al 20 de diciembre. */
size_t vs_try_word_range(struct vs *s, const char *p);

#endif
