#ifndef WK_VERBAL_PRIV_H
#define WK_VERBAL_PRIV_H
/*
 * Private to the verbalizer's files: verbal.c (the scanner, words,
 * acronyms, symbols), figures.c (numbers, quantities, fractions),
 * units.c (units with prefixes, powers, per and products), currency.c
 * (money), ident.c (telephones and identifiers), web.c (addresses and
 * e-mails), calendar.c (dates and times), ordinal.c (ordinals and Roman
 * numerals) and range.c (ranges led by words). Each matcher reads what it
 * recognizes at p, appends its words with the spacing rules of spoken text
 * and returns the bytes it took, or 0.
 */

#include <stddef.h>
#include <stdint.h>

#include "numword.h"
#include "read/vocab.h"
#include "read/voice.h"
#include "verbal.h"

struct wk_buf;

/* What the matchers of one text share: the declared decimal mark, the
 * tokens said neutrally (for `check`), and composed units (kilómetro
 * cuadrado, a borrowed name respelled) that live until the text is done. */
struct vs_ctx {
	char mark;			/* '.', ',' or 0: not declared */
	struct wk_unsaid *uns;		/* NULL: nobody asks */
	size_t nuns, capuns;
	int nomem;
	struct wk_unit made[8];		/* a ring of composed units */
	size_t nmade;
};

struct vs {
	const struct wk_voice *v;
	struct wk_buf *out;
	const char *start;	/* the whole text, for looking back; may be NULL */
	struct vs_ctx *ctx;
};

/* A number as typed. */
struct numlit {
	size_t len;			/* bytes consumed */
	char dig[WK_NUM_DIGITS + 2];	/* integer part, no leading zeros */
	size_t ndig;
	unsigned long long ip;		/* its value; 0 when ndig > 18 */
	char frac[32];			/* digits after the decimal mark */
	size_t nfrac;			/* 0: no decimal part */
	int ok;				/* 0: read the digits one by one */
	int ambiguous;			/* 1,002: one mark, three digits after
					 * it, and no declared decimal mark */
};

/* A scratch vs writing to out, sharing s's voice and context. */
struct vs vs_sub(const struct vs *s, struct wk_buf *out);

int vs_is_digit(char c);
/* True for the white space editors type or paste (NBSP, thin spaces). */
int vs_is_space(uint32_t cp);
/* The unit u of the fallback language said as this voice says a loan:
 * singular, respelled (a unit that lives until the text is done). */
const struct wk_unit *vs_unit_borrow(const struct vs *s,
    const struct wk_unit *u);
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
/* Notes the n bytes at p as said neutrally, for `check`. */
void vs_unsaid(struct vs *s, const char *p, size_t n,
    enum wk_unsaid_kind kind);
/* The bytes of the abbreviation written at p (Av., esq.), or 0. */
size_t vs_abbr_len(const struct vs *s, const char *p);
/* True when the n bytes at w can be read as a Spanish-like word. */
int vs_pronounceable(const char *w, size_t n);
/* Spells the n bytes at w with the voice's letter names, digits as digits. */
void vs_spell(struct vs *s, const char *w, size_t n);
/* Appends the word w respelled by the voice's rules (or as it is when the
 * voice has none) to out. */
void vs_respell(const struct vs *s, const char *w, size_t n,
    struct wk_buf *out);

/* The word before p in the text (after spaces), its length in *n; NULL at
 * the start. */
const char *vs_prev_word(const struct vs *s, const char *p, size_t *n);
/* True when the n bytes at w are one of the words of the voice's <list
 * id="id">. */
int vs_in_list(const struct vs *s, const char *id, const char *w, size_t n);
/* True when p starts with the word w (ignoring case) and a boundary. */
int vs_word_at(const char *p, const char *w);
/* True when the voice keeps the editor's words around a range ("entre 2 y
 * 3"): its range-words phrase has {open}. */
int vs_keeps_range_words(const struct vs *s);
/* The sign of a figure at p: "-", "−" (U+2212) or "–" (U+2013) right
 * before a digit; its bytes, or 0. */
size_t vs_minus_at(const char *p);

/* Numbers (figures.c). */
void vs_scan_num(const struct vs *s, const char *p, struct numlit *nl);
void vs_say_num(struct vs *s, unsigned long long n, enum wk_gender g);
/* The integer part of nl with gender g (its digits, however many). */
void vs_say_int(struct vs *s, const struct numlit *nl, enum wk_gender g);
void vs_say_numlit(struct vs *s, const struct numlit *nl, enum wk_gender g);
enum wk_gender vs_next_gender(const struct vs *s, const char *p, int *noun);
/* Says nl with its unit ("veintiún kilos", "un millón de soles"). */
void vs_say_quantity(struct vs *s, const struct numlit *nl,
    const struct wk_unit *u);
/* Says the range a to b, the unit written at p after b (its bytes are
 * returned) or the noun's gender, with template id; words are the
 * editor's opening and closing words, or NULL. */
size_t vs_say_range(struct vs *s, const char *id, const char *const *words,
    const struct numlit *a, const struct numlit *b, const char *p);
size_t vs_try_number(struct vs *s, const char *p, int negative_ok);
/* Letters right after a figure that no table knows and that cannot be
 * read as a word (180 psi, 5:00 utc): spelled and noted; their bytes. */
size_t vs_unknown_after(struct vs *s, const char *p);

/* Units (units.c): the unit written at p (after at most one space),
 * with its prefix, power, product and per-unit, as one unit whose names
 * live until the text is done; *len gets its bytes. */
const struct wk_unit *vs_unit_at(const struct vs *s, const char *p,
    size_t *len);
/* A symbol marked "spaced" glued to the figure before p (10K, lote 10A):
 * spelled as the letters it is (diez ka); its bytes, or 0 when p holds
 * no such symbol. */
size_t vs_glued_letter(struct vs *s, const char *p);
/* A unit written alone, without a figure ("el km"): its bytes, or 0. */
size_t vs_try_unit_alone(struct vs *s, const char *p, size_t n);

/* Money (currency.c). */
/* Appends the amount of cents hundredths in unit and sub (NULL: a
 * currency said without hundredths, its decimals kept) to out, with the
 * voice's money phrase: "dos soles con cincuenta céntimos". */
void vs_say_amount(struct vs *s, unsigned long long cents,
    const struct wk_unit *unit, const struct wk_unit *sub,
    struct wk_buf *out);
/* The currency written at p before a figure (S/, US$, PEN, €): its bytes;
 * or after one (1,50 $, 20 soles, 5 EUR) when after is set. */
const struct wk_currency *vs_currency_at(const struct vs *s, const char *p,
    int after, size_t *len);
size_t vs_try_money(struct vs *s, const char *p);
/* A figure already read (nl, its sign said) followed by a currency at p:
 * says the amount, returns the bytes from p, or 0. */
size_t vs_money_after(struct vs *s, const struct numlit *nl, const char *p);

/* Telephones and identifiers (ident.c). */
size_t vs_try_ident(struct vs *s, const char *p);
/* Digits read one by one in groups (a comma between groups). */
void vs_say_groups(struct vs *s, const char *p, size_t n);

/* Addresses and e-mails (web.c). */
size_t vs_try_web(struct vs *s, const char *p);

/* Dates and times (calendar.c). */
int vs_month_at(const struct vs *s, const char *p, size_t *n);
size_t vs_try_date(struct vs *s, const char *p);
/* A date led by its month (abril 30, nov. 2026, junio 11 2000) or a
 * weekday shortened before a date (vie. 10 de mayo). */
size_t vs_try_month_first(struct vs *s, const char *p);
size_t vs_try_time(struct vs *s, const char *p);
/* A clock time at p said without the part of the day (for ranges); the
 * bytes it takes, or 0; *period is the part of the day, written or the
 * voice's for that time. */
size_t vs_try_time_bare(struct vs *s, const char *p, struct wk_buf *out,
    const char **period);
/* Says the range of two bare times from and to (time-in-range) with the
 * voice's "time-range-period" (both in one part of the day) or
 * "time-range-periods" template, so that the part of the day is never
 * lost; with neither, its "range" template alone. */
void vs_say_time_range(struct vs *s, const char *from, const char *to,
    const char *p1, const char *p2);
/* The weekday named at p, in the voice's words or through its lexicon:
 * its index (Sunday 0), or -1. */
int vs_weekday_at(const struct vs *s, const char *p, size_t *n);

/* Ordinals and Roman numerals (ordinal.c). */
size_t vs_try_ordinal(struct vs *s, const char *p, const struct numlit *a,
    size_t k);
size_t vs_try_roman(struct vs *s, const char *p, size_t n);
int vs_say_ordinal(struct vs *s, unsigned long long n, enum wk_gender g);

/* Ranges led by words: entre 2,50 y 3 soles; del 15 al 20 de diciembre. */
size_t vs_try_word_range(struct vs *s, const char *p);

/* A case suffix written after a hyphen at p (Quechua -manta, -kama): its
 * bytes (hyphen included) and the suffix in *suf, *nsuf; 0 when none. */
size_t vs_suffix_at(const struct vs *s, const char *p, const char **suf,
    size_t *nsuf);

#endif
