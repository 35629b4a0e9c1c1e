#ifndef WK_VOCAB_H
#define WK_VOCAB_H
/*
 * A voice's vocabulary of text: the units (with SI prefixes, powers and
 * "per"), currencies, acronyms and abbreviations that the verbalizer
 * recognizes in editors' text, read from voices/<lang>/units.txt,
 * currencies.txt, acronyms.txt and abbreviations.txt, then (through
 * wk_voice_add_lexicons) from the same files in each of a station's own
 * folders (local.h), whose lines add to or replace the shipped ones. A voice with a fallback language (qu falls
 * back on es) also borrows the units and currencies it does not name from
 * its fallback's files; the verbalizer says a borrowed name in the singular
 * and respelled for the voice.
 */

#include <stddef.h>

#include "base/err.h"
#include "voice.h"

struct wk_diags;

enum {
	WK_UNIT_PREFIX = 1,	/* takes SI prefixes: k + m -> km */
	WK_UNIT_ACCENT = 2,	/* the prefix takes its accent: kilómetro */
	WK_UNIT_ALONE = 4,	/* read without a figure: "el km" */
	WK_UNIT_BORROWED = 8,	/* from the fallback language's file */
	WK_UNIT_SPACED = 16,	/* bare symbol a unit only apart from the
				 * figure: 300 K is kelvin, 10K is not */
};

/* A unit of text: u.id is its first written form. */
struct wk_tunit {
	struct wk_unit u;
	unsigned flags;
};

/* An SI prefix: "k" -> "kilo", and "kiló" before an accented unit. */
struct wk_prefix {
	char *sym, *word, *accented;
	int borrowed;
};

/* A power written after a unit (², 2, ^2): its words by gender and number,
 * masculine singular first; the Quechua voice gives one form. */
struct wk_power {
	char **written;
	size_t nwritten;
	char *forms[4];		/* m. sing., f. sing., m. pl., f. pl. */
	int borrowed;
};

struct wk_currency {
	char **written;		/* symbols and codes: "S/", "PEN", "US$" */
	size_t nwritten;
	struct wk_unit unit;	/* id: the ISO code */
	struct wk_unit sub;	/* the hundredth; id NULL when it has none */
	int borrowed;
};

enum wk_acronym_how { WK_ACR_WORD, WK_ACR_SPELL, WK_ACR_SAY };

struct wk_acronym {
	char *written;		/* as typed: "SUNARP" */
	enum wk_acronym_how how;
	char *say;		/* WK_ACR_SAY: the words */
	size_t order;		/* reading order, for loading */
};

struct wk_vocab {
	struct wk_tunit *units;
	size_t nunits;
	struct wk_prefix *prefixes;
	size_t nprefixes;
	struct wk_power *powers;
	size_t npowers;
	char **per;		/* "/" and its like */
	size_t nper;
	char *per_say;		/* the words for it: "por {unit}" */
	int per_say_borrowed;	/* per_say is the fallback's */
	struct wk_currency *currencies;
	size_t ncurrencies;
	struct wk_acronym *acronyms;	/* sorted by written form */
	size_t nacronyms;
};

/*
 * Reads the vocabulary files of voice v (its dir and lang must be set) and
 * its fallback's units and currencies into v->vocab; abbreviations go to
 * v->abbrs. A missing file is no error; a bad line is WK_EINPUT with
 * file:line in err. Returns WK_OK, WK_EINPUT or WK_ENOMEM.
 */
enum wk_status wk_vocab_load(struct wk_voice *v, struct wk_diags *d,
    struct wk_err *err);

/* Reads LANG/units.txt, currencies.txt, acronyms.txt and abbreviations.txt
 * of each folder of dirs (NULL-terminated; NULL: none) on top of v's, a
 * station's own (local.h). Errors as for wk_vocab_load. */
enum wk_status wk_vocab_add(struct wk_voice *v, const char *const *dirs,
    struct wk_diags *d, struct wk_err *err);

void wk_vocab_free(struct wk_vocab *vc);

/* The acronym written exactly as the n bytes at s, or NULL. */
const struct wk_acronym *wk_vocab_acronym(const struct wk_vocab *vc,
    const char *s, size_t n);

#endif
