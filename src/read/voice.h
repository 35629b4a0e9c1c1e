#ifndef WK_VOICE_H
#define WK_VOICE_H
/*
 * A voice: everything willakuy knows about speaking one language or
 * variant, read from its folder voices/<tag>/ (voice.c). It holds the
 * language tags of the texts it reads as its own, the espeak-ng
 * settings, the number words, units, months, phrase templates,
 * abbreviations, letter names, respelling rules and the pronunciation
 * lexicon. The grammar that uses them is in numword.c and verbal.c; editors
 * correct the words here without recompiling.
 */

#include <stddef.h>

#include "base/err.h"

struct wk_diags;

enum wk_gender { WK_BARE = 0, WK_MASC, WK_FEM };

struct wk_vocab;

/* A number word and its forms. masc/fem/more are NULL when they are the
 * same as bare; plural is for magnitudes (millón/millones). The rest says
 * how numword.c combines it (voice.xml's <numbers>): a scale multiplies
 * (mil, millón; Quechua chunka, pachak), link joins it to a smaller word
 * (treinta y uno), of goes before a noun after it (un millón de soles),
 * glue writes an ordinal's multiplier onto it (dosmilésimo). */
struct wk_numword {
	long value;
	char *bare, *masc, *fem, *more, *plural;
	int scale;		/* a multiplier goes before it */
	int drop_one;		/* 1 x scale is the bare scale word (mil) */
	enum wk_gender mult;	/* its multiplier's gender: WK_MASC always,
				 * WK_FEM: agrees with the noun (veintiuna mil) */
	char *link;		/* between it and a smaller word: "y", or NULL */
	char *of;		/* before a noun when it ends the numeral */
	int glue;		/* ordinals: "dos" + "milésimo" in one word */
};

struct wk_unit {
	char *id;		/* as feeds write it: "kg", "sol" */
	char *one, *many;	/* singular and plural names */
	enum wk_gender gender;
	char **written;		/* spellings read as this unit after a number */
	size_t nwritten;
};

struct wk_pair {
	char *from, *to;
	int initial;		/* respell rules: only at the start of a word */
	int line;		/* lexicon: the line it came from */
};

/* A fraction written n/d: said alone, or before a masculine or feminine
 * noun ("medio kilo", "media arroba", "un cuarto de kilo"). */
struct wk_fraction {
	int n, d;
	char *alone, *masc, *fem;
	char *after, *after_fem;	/* after a whole quantity: "kilo y medio" */
};

/* A recorded prompt: a file of the station's own voice saying words. */
struct wk_prompt {
	char *path;		/* resolved */
	char **words;		/* folded, without punctuation */
	size_t nwords;
	int line;		/* in the index, for messages */
	int vetted;		/* 0: not yet checked against the voice
				 * (sound/prompts.h); 1: it matches; -1:
				 * refused, its words are synthesized */
};

struct wk_period {
	int from_min, to_min;	/* minutes of the day, inclusive */
	char *say;
};

struct wk_voice {
	char *lang;		/* the tag of voices/<tag>/: "es", "qu" */
	char **accepts;		/* the language ranges of the texts it reads
				 * as its own (accepts="..."), lang first */
	size_t naccepts;
	char *iso639_2;		/* ISO 639-2 code, for ID3 tags: "spa", "que" */
	char *locale;		/* language tag for podcast feeds ("es-PE"),
				 * or NULL: lang */
	char *fallback;		/* the language whose names stand in for
				 * this one's missing ones, or NULL */
	char *spelling;		/* the spelling check `check` runs on its
				 * texts ("chanka"), or NULL */
	char *name;		/* for people */
	char *espeak;		/* espeak-ng voice name */
	int rate_wpm, pitch;
	char *path;		/* voice.xml, for messages */
	char *dir;		/* voices/<lang> */

	struct wk_numword *nums;	/* sorted by value */
	size_t nnums;
	struct wk_numword *ords;	/* ordinals, sorted by value */
	size_t nords;
	char *suffix_vowel, *suffix_cons;	/* on a numeral's last unit
						 * after other words: -yuq
						 * / -niyuq (Quechua) */
	char *partitive;		/* fractions past ten: "avo" (onceavo) */
	char *partitive_and;		/* "y" inside it: "i" (treintaiunavo) */
	char *partitive_drop;		/* final letters it drops: "a" */
	int has_gender;			/* nouns have gender (<nouns>,
					 * <endings>, gender.txt) */

	struct wk_fraction *fractions;
	size_t nfractions;
	struct wk_pair *words;		/* function words by id: and, of, ... */
	size_t nwords;
	struct wk_pair *phrases;	/* templates by id */
	size_t nphrases;
	char *weekdays[7];		/* Sunday first */
	char *months[12];
	char *month_abbrs[12];		/* written short forms: "set|sep|sept" */
	struct wk_unit *units;
	size_t nunits;
	struct wk_pair *nouns;		/* folded word -> "m", "f" or "-" */
	size_t nnouns;
	char **fem_endings;		/* endings of feminine nouns */
	size_t nfem_endings;
	struct wk_period *periods;
	size_t nperiods;
	struct wk_pair *abbrs;		/* "Av." -> "avenida" */
	size_t nabbrs;
	struct wk_pair *letters;	/* "a" -> "a", "b" -> "be" */
	size_t nletters;
	char **acronym_words;		/* acronyms read as words */
	size_t nacronym_words;
	struct wk_pair *contexts;	/* <list id="...">: words that decide how
					   a figure next to them is read */
	size_t ncontexts;
	struct wk_pair *respell;	/* applied to words not in the lexicon */
	size_t nrespell;
	struct wk_pair *lexicon;	/* folded word -> respelling, sorted */
	size_t nlexicon;
	char *lexicon_path;
	struct wk_prompt *prompts;	/* the station's recordings
					 * (wk_voice_add_prompts) */
	size_t nprompts;
	char *prompts_path;		/* their index, or NULL: none */
	struct wk_vocab *vocab;		/* units, currencies, acronyms, ...
					 * of text (vocab.h) */
};

/*
 * Loads the voice for lang from the data directory (voices/<lang>/). Errors
 * in the files are reported with file:line:col in err (WK_EINPUT); *out is
 * set only on success and then belongs to the caller (wk_voice_free).
 */
enum wk_status wk_voice_load(const char *lang, struct wk_voice **out,
    struct wk_diags *d, struct wk_err *err);

/* The same from an explicit voice.xml path (lexicon.txt beside it). */
enum wk_status wk_voice_load_file(const char *path, struct wk_voice **out,
    struct wk_diags *d, struct wk_err *err);

/* Reads LANG/lexicon.txt of each folder of dirs (NULL-terminated; NULL:
 * none) that has one on top of v's lexicon: an entry replaces one of the
 * same word. The folders are a station's own (local.h). Errors as for
 * wk_voice_load; v is then still whole but for the failed file's words. */
enum wk_status wk_voice_add_lexicons(struct wk_voice *v,
    const char *const *dirs, struct wk_diags *d, struct wk_err *err);

/*
 * Gives v the recorded prompts of a station: LANG/prompts/index.txt
 * ("file: the exact words it says" per line, each file beside it) of the
 * LAST folder of dirs (NULL-terminated; NULL: none) that has one. A kit
 * is one announcer's takes, so folders are not merged: a station's own
 * folder replaces the system's kit whole. The shipped voice has none:
 * without such a folder v keeps no prompts. v must have none yet. A
 * listed file that is missing is a warning in d; an index that cannot be
 * read or has a bad line is an error (WK_EINPUT, file:line in err), v then
 * holding the prompts read before it (wk_voice_free them all).
 */
enum wk_status wk_voice_add_prompts(struct wk_voice *v,
    const char *const *dirs, struct wk_diags *d, struct wk_err *err);

void wk_voice_free(struct wk_voice *v);

/* The voices of one station (a site's, site.h), loaded on first use, each
 * with the lexicons and recorded prompts of local (wk_voice_add_prompts).
 * A zeroed set has no local folders, so no recordings. */
struct wk_voiceset {
	struct wk_voice *v[16];
	size_t n;
	const char *const *local;	/* NULL-terminated, or NULL; not owned */
};

/* The voice for lang (voices/<lang>/) from the set, loading it if needed;
 * NULL with err set when it cannot be loaded. */
struct wk_voice *wk_voiceset_get(struct wk_voiceset *set, const char *lang,
    struct wk_diags *d, struct wk_err *err);
void wk_voiceset_free(struct wk_voiceset *set);

/* How well v reads a text tagged tag as its own: the length of the longest
 * of its accepted ranges that matches (wk_lang_match, feed.h), 0 when none
 * does ("qu" with accepts="qu quy que" takes qu, qu-PE, quy, que, not
 * quz). */
size_t wk_voice_accepts(const struct wk_voice *v, const char *tag);

/* A phrase template or function word by id; "" when the voice lacks it. */
const char *wk_voice_phrase(const struct wk_voice *v, const char *id);
const char *wk_voice_word(const struct wk_voice *v, const char *id);

/* The fraction n/d, or NULL. */
const struct wk_fraction *wk_voice_fraction(const struct wk_voice *v, int n,
    int d);

/* The number word for exactly value, or NULL. */
const struct wk_numword *wk_voice_num(const struct wk_voice *v, long value);
const struct wk_numword *wk_voice_ord(const struct wk_voice *v, long value);

/* A unit by feed id, or by a written form (case-sensitive first, then
 * ignoring case), or NULL. */
const struct wk_unit *wk_voice_unit(const struct wk_voice *v, const char *id);
const struct wk_unit *wk_voice_unit_written(const struct wk_voice *v,
    const char *s, size_t n);

/* The lexicon's respelling of the n-byte word at s (ignoring case), or NULL. */
const char *wk_voice_lex(const struct wk_voice *v, const char *s, size_t n);

/*
 * The gender a number takes before the word s[0..n): from the <nouns> lists,
 * else feminine for the <endings> listed, else masculine. WK_BARE when the
 * word is listed as not a counted noun (gender="none"), starts with a
 * capital (a name), or the voice has no gender (Quechua).
 */
enum wk_gender wk_voice_gender(const struct wk_voice *v, const char *s,
    size_t n);

/*
 * The gender of the word s[0..n) when the <nouns> lists or gender.txt list
 * it (ignoring case; a plural through its singular), else WK_BARE, as
 * for a word listed "none" or a voice without gender. Unlike
 * wk_voice_gender, a capitalized word counts: a name whose first word is
 * a listed noun (Mercado, Feria) takes an article, a person's name does
 * not.
 */
enum wk_gender wk_voice_noun(const struct wk_voice *v, const char *s,
    size_t n);

/* Folds a word for matching against prompts: lower case, without the
 * punctuation around it ("Punchaw," -> "punchaw"). malloc'd. */
char *wk_prompt_word(const char *s, size_t n);

#endif
