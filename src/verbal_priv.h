#ifndef WK_VERBAL_PRIV_H
#define WK_VERBAL_PRIV_H
/*
 * Private to the verbalizer: verbal.c (the scanner, words, symbols) and
 * figures.c (numbers, money, quantities, dates and times). The helpers
 * append to the output with the spacing rules of spoken text.
 */

#include <stddef.h>
#include <stdint.h>

#include "voice.h"

struct wk_buf;

struct vs {
	const struct wk_voice *v;
	struct wk_buf *out;
};

int vs_is_digit(char c);
int vs_is_space(uint32_t cp);
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

/* The matchers of figures.c: each reads what it recognizes at p, appends
 * its words and returns the bytes it took, or 0. */
size_t vs_try_money(struct vs *s, const char *p);
size_t vs_try_date(struct vs *s, const char *p);
size_t vs_try_time(struct vs *s, const char *p);
size_t vs_try_number(struct vs *s, const char *p, int negative_ok);

#endif
