/*
 * The verbalizer's scanner. It walks the text once, left to right, and at
 * the start of each token tries the classes in the order that keeps their
 * meaning: addresses and e-mails (web.c), money (currency.c), telephones
 * and identifiers (ident.c), dates and clock times (calendar.c),
 * abbreviations, ranges led by words (range.c), then figures with what
 * they count (figures.c, units.c), then words (lexicon, acronyms as the
 * vocabulary says, units standing alone, Roman numerals, respelling) and
 * punctuation. Each matcher returns how many bytes it consumed, or 0. The
 * words come from the voice (voice.h, vocab.h).
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/text.h"
#include "verbal.h"
#include "verbal_priv.h"

int
vs_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int
vs_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == 0xA0 || cp == 0x2009 || cp == 0x202F || cp == 0x2002 ||
	    cp == 0x2003;
}

/* Bytes of white space at p (ASCII and the Unicode spaces editors paste). */
size_t
vs_skip_space(const char *p)
{
	size_t n = 0, k;
	uint32_t cp;

	while (p[n] != '\0') {
		k = wk_utf8_next(p + n, &cp);
		if (!vs_is_space(cp))
			break;
		n += k;
	}
	return n;
}

/* True when p does not continue a word or number. */
int
vs_boundary(const char *p)
{
	uint32_t cp;

	if (*p == '\0')
		return 1;
	wk_utf8_next(p, &cp);
	return !wk_is_letter(cp) && !vs_is_digit(*p);
}

/* Length of the word at p: letters, with an apostrophe inside (Quechua
 * ejectives: ch'aki) but not a hyphen. */
size_t
vs_word_len(const char *p)
{
	size_t n = 0, k;
	uint32_t cp;

	for (;;) {
		k = wk_utf8_next(p + n, &cp);
		if (wk_is_letter(cp)) {
			n += k;
			continue;
		}
		if ((cp == '\'' || cp == 0x2019) && n > 0) {
			uint32_t nx;

			wk_utf8_next(p + n + k, &nx);
			if (wk_is_letter(nx)) {
				n += k;
				continue;
			}
		}
		return n;
	}
}

struct vs
vs_sub(const struct vs *s, struct wk_buf *out)
{
	struct vs t = { s->v, out, NULL, s->ctx };

	return t;
}

void
vs_unsaid(struct vs *s, const char *p, size_t n, enum wk_unsaid_kind kind)
{
	struct vs_ctx *c = s->ctx;
	size_t i;

	if (c == NULL || s->start == NULL || p < s->start || n == 0)
		return;
	for (i = 0; i < c->nuns; i++)
		if (c->uns[i].off == (size_t)(p - s->start))
			return;
	if (c->nuns == c->capuns) {
		size_t cap = c->capuns ? c->capuns * 2 : 4;
		struct wk_unsaid *nv = cap < ((size_t)-1) / sizeof *nv
		    ? realloc(c->uns, cap * sizeof *nv) : NULL;

		if (nv == NULL) {
			c->nomem = 1;
			return;
		}
		c->uns = nv;
		c->capuns = cap;
	}
	c->uns[c->nuns].off = (size_t)(p - s->start);
	c->uns[c->nuns].len = n;
	c->uns[c->nuns++].kind = kind;
}

int
vs_keeps_range_words(const struct vs *s)
{
	return strstr(wk_voice_phrase(s->v, "range-words"), "{open}") != NULL;
}

size_t
vs_minus_at(const char *p)
{
	size_t k = 0;

	if (p[0] == '-')
		k = 1;
	else if (strncmp(p, "\xE2\x88\x92", 3) == 0 ||	/* − */
	    strncmp(p, "\xE2\x80\x93", 3) == 0)		/* – */
		k = 3;
	return k > 0 && vs_is_digit(p[k]) ? k : 0;
}

const char *
vs_prev_word(const struct vs *s, const char *p, size_t *n)
{
	const char *e = p, *b;

	*n = 0;
	if (s->start == NULL)
		return NULL;
	while (e > s->start && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	b = e;
	while (b > s->start && b[-1] != ' ' && b[-1] != '\t' && b[-1] != '\n' &&
	    b[-1] != '(' && b[-1] != '"')
		b--;
	if (b == e)
		return NULL;
	*n = (size_t)(e - b);
	return b;
}

int
vs_in_list(const struct vs *s, const char *id, const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < s->v->ncontexts; i++) {
		const char *l = s->v->contexts[i].to;

		if (strcmp(s->v->contexts[i].from, id) != 0)
			continue;
		while (*l != '\0') {
			size_t k;

			l += strspn(l, " \t\n");
			k = strcspn(l, " \t\n");
			if (k == n && k > 0 && strncmp(l, w, n) == 0)
				return 1;
			l += k;
		}
	}
	return 0;
}

int
vs_word_at(const char *p, const char *w)
{
	size_t n = strlen(w);

	return n > 0 && strncasecmp(p, w, n) == 0 && vs_boundary(p + n);
}

/* Appends a word, with a space before it unless the output is empty or
 * ends in a space or an opening mark. */
void
vs_put(struct vs *s, const char *w, size_t n)
{
	struct wk_buf *o = s->out;

	if (n == 0)
		return;
	if (o->len > 0) {
		char c = o->data[o->len - 1];

		if (c != ' ' && c != '(' && c != '"' &&
		    !(o->len >= 2 && (unsigned char)o->data[o->len - 2] == 0xC2 &&
		    ((unsigned char)c == 0xBF || (unsigned char)c == 0xA1)))
			wk_buf_putc(o, ' ');
	}
	wk_buf_append(o, w, n);
}

void
vs_puts(struct vs *s, const char *w)
{
	vs_put(s, w, strlen(w));
}

/* Appends closing punctuation, attached to the word before it. */
void
vs_close(struct vs *s, const char *p, size_t n)
{
	wk_buf_rtrim(s->out);
	if (s->out->len == 0)
		return;
	/* Never two marks of the same kind in a row: "kilos.." */
	if (s->out->data[s->out->len - 1] == p[0] && n == 1)
		return;
	wk_buf_append(s->out, p, n);
}

void
vs_drop(struct vs *s, struct wk_buf *t)
{
	if (t->failed)
		s->out->failed = 1;
	wk_buf_free(t);
}

void
vs_take(struct vs *s, struct wk_buf *t)
{
	vs_put(s, wk_buf_str(t), t->len);
	vs_drop(s, t);
}

void
wk_template(struct wk_buf *out, const char *tmpl, const char *const *keys,
    const char *const *vals, size_t n)
{
	struct wk_buf t = WK_BUF_INIT;
	const char *p;
	size_t i;

	for (p = tmpl; *p != '\0'; p++) {
		const char *e;

		if (*p == '{' && (e = strchr(p, '}')) != NULL) {
			for (i = 0; i < n; i++)
				if (strlen(keys[i]) == (size_t)(e - p - 1) &&
				    memcmp(keys[i], p + 1, (size_t)(e - p - 1)) == 0) {
					wk_buf_puts(&t, vals[i]);
					break;
				}
			p = e;
			continue;
		}
		wk_buf_putc(&t, *p);
	}
	/* Fold spaces; no space before closing marks or at either end. */
	for (p = wk_buf_str(&t); *p != '\0'; p++) {
		if (*p == ' ') {
			const char *q = p;

			while (*q == ' ')
				q++;
			if (*q == '\0' || strchr(",.;:!?)", *q) != NULL ||
			    out->len == 0 || out->data[out->len - 1] == ' ') {
				p = q - 1;
				continue;
			}
			p = q - 1;
		}
		wk_buf_putc(out, *p);
	}
	if (t.failed)
		out->failed = 1;
	wk_buf_free(&t);
}

/* Expands template id of the voice into the output as one word group. */
void
vs_template(struct vs *s, const char *id, const char *const *keys,
    const char *const *vals, size_t n)
{
	struct wk_buf t = WK_BUF_INIT;

	wk_template(&t, wk_voice_phrase(s->v, id), keys, vals, n);
	vs_take(s, &t);
}

/* Whether the written form w (n bytes) ends in " #", an abbreviation read
 * so only before a number (Cap. # = capítulo: Cap. II, Cap. 3), and the
 * text at p matches it: then n is its bytes without " #". */
static int
before_number(const char *p, const char *w, size_t *n)
{
	const char *q;

	if (*n < 3 || strcmp(w + *n - 2, " #") != 0)
		return 0;
	*n -= 2;
	if (strncmp(p, w, *n) != 0 || p[*n] != ' ')
		return -1;
	q = p + *n + 1;
	if (vs_is_digit(*q))
		return 1;
	while (*q != '\0' && strchr("IVXLC", *q) != NULL)
		q++;
	return q > p + *n + 1 && vs_boundary(q) ? 1 : -1;
}

/* The abbreviation at p (case-sensitive, longest first; of two alike the
 * one read later, a station's, wins): its bytes and *say. */
static size_t
abbr_at(const struct vs *s, const char *p, const char **say)
{
	size_t i, best = 0, rank = 0;

	*say = NULL;
	for (i = 0; i < s->v->nabbrs; i++) {
		const char *w = s->v->abbrs[i].from;
		size_t n = strlen(w);
		int num = before_number(p, w, &n);

		if (num < 0)
			continue;
		/* "Cap. #" outranks "Cap." before a number. */
		if (num > 0 && n + 2 >= rank) {
			rank = n + 2;
			best = n;
			*say = s->v->abbrs[i].to;
		} else if (num == 0 && n >= rank && n > 0 &&
		    strncmp(p, w, n) == 0 &&
		    (w[n - 1] == '.' || vs_boundary(p + n) ||
		    (unsigned char)w[n - 1] >= 0x80)) {
			rank = best = n;
			*say = s->v->abbrs[i].to;
		}
	}
	return best;
}

size_t
vs_abbr_len(const struct vs *s, const char *p)
{
	const char *say;

	return abbr_at(s, p, &say);
}

/* Abbreviations: Av., Sr., EE. UU., N.° */
static size_t
try_abbr(struct vs *s, const char *p)
{
	size_t best;
	const char *say;

	if ((best = abbr_at(s, p, &say)) == 0)
		return 0;
	vs_puts(s, say);
	/* An abbreviation that ends the text keeps its full stop. */
	if (p[best - 1] == '.' && p[best + vs_skip_space(p + best)] == '\0')
		vs_close(s, ".", 1);
	return best;
}

void
vs_respell(const struct vs *s, const char *w, size_t n, struct wk_buf *t)
{
	char *f;
	size_t i = 0, fl, r;
	uint32_t cp;
	int cap;

	if (s->v->nrespell == 0) {
		wk_buf_append(t, w, n);
		return;
	}
	if ((f = wk_fold(w, n)) == NULL) {
		t->failed = 1;
		return;
	}
	wk_utf8_next(w, &cp);
	cap = wk_is_upper(cp);
	fl = strlen(f);
	r = t->len;
	while (i < fl) {
		const struct wk_pair *best = NULL;
		size_t bl = 0, k;

		for (k = 0; k < s->v->nrespell; k++) {
			const struct wk_pair *rule = &s->v->respell[k];
			size_t rl = strlen(rule->from);

			if (rl > bl && (!rule->initial || i == 0 ||
			    f[i - 1] == ' ') && strncmp(f + i, rule->from, rl) == 0) {
				best = rule;
				bl = rl;
			}
		}
		if (best != NULL) {
			wk_buf_puts(t, best->to);
			i += bl;
		} else {
			k = wk_utf8_next(f + i, &cp);
			wk_buf_append(t, f + i, k ? k : 1);
			i += k ? k : 1;
		}
	}
	if (cap && t->len > r && t->data[r] >= 'a' && t->data[r] <= 'z')
		t->data[r] = (char)(t->data[r] - 32);
	free(f);
}

static void
plain_word(struct vs *s, const char *w, size_t n)
{
	struct wk_buf t = WK_BUF_INIT;

	vs_respell(s, w, n, &t);
	vs_take(s, &t);
}

static int
all_upper(const char *w, size_t n, size_t *letters)
{
	size_t i = 0;
	uint32_t cp;

	*letters = 0;
	while (i < n) {
		i += wk_utf8_next(w + i, &cp);
		if (!wk_is_upper(cp))
			return 0;
		(*letters)++;
	}
	return 1;
}

/* Whether a folded word can be read as a Spanish-like word: it has a
 * vowel, starts with a vowel or one consonant (or a cluster such as pr,
 * bl, ch), and has no run of three consonants (UNSCH, CCA, PNP, psi
 * cannot; MINSA, UGEL, CIVIL can). */
static int
pronounceable(const char *f)
{
	static const char *onsets[] = { "pr", "pl", "br", "bl", "tr", "dr",
	    "cr", "cl", "gr", "gl", "fr", "fl", "ch", "ll" };
	size_t i, run = 0, vowels = 0, n = strlen(f);
	int ok = 0;

	for (i = 0; i < n; i++) {
		int v = strchr("aeiou", f[i]) != NULL || (unsigned char)f[i] >= 0x80;

		vowels += v;
		run = v ? 0 : run + 1;
		if (run >= 3)
			return 0;
		if (i == 1 && run == 2) {
			size_t k;

			for (k = 0; k < sizeof onsets / sizeof onsets[0]; k++)
				ok |= strncmp(f, onsets[k], 2) == 0;
			if (!ok)
				return 0;
		}
	}
	return vowels > 0 && run < 2;
}

int
vs_pronounceable(const char *w, size_t n)
{
	char *f = wk_fold(w, n);
	int ok = f != NULL && pronounceable(f);

	free(f);
	return ok;
}

void
vs_spell(struct vs *s, const char *w, size_t n)
{
	char *f = wk_fold(w, n);
	size_t j = 0;

	if (f == NULL) {
		s->out->failed = 1;
		return;
	}
	while (f[j] != '\0') {
		uint32_t cp;
		size_t k = wk_utf8_next(f + j, &cp), m;
		const char *name = NULL;

		if (k == 0)
			break;
		for (m = 0; m < s->v->nletters; m++)
			if (strlen(s->v->letters[m].from) == k &&
			    memcmp(s->v->letters[m].from, f + j, k) == 0)
				name = s->v->letters[m].to;
		if (vs_is_digit(f[j])) {
			struct wk_buf t = WK_BUF_INIT;

			wk_digit_words(s->v, f + j, 1, &t);
			vs_take(s, &t);
		} else if (name != NULL)
			vs_puts(s, name);
		else if (wk_is_letter(cp))
			vs_put(s, f + j, k);
		j += k;
	}
	free(f);
}

/* An all-capitals word: as the vocabulary says (a word, "Sunarp";
 * spelled, "u i te"; or its own words), else spelled when it cannot be
 * read as a word (UNSCH, CCA) and otherwise an ordinary word in capitals
 * (CIVIL in a headline: "civil"). */
static void
do_capitals(struct vs *s, const char *w, size_t n)
{
	const struct wk_acronym *a = wk_vocab_acronym(s->v->vocab, w, n);
	char *f;

	if (a != NULL && a->how == WK_ACR_SAY) {
		vs_puts(s, a->say);
		return;
	}
	if (a != NULL && a->how == WK_ACR_SPELL) {
		vs_spell(s, w, n);
		return;
	}
	if ((f = wk_fold(w, n)) == NULL) {
		s->out->failed = 1;
		return;
	}
	if (a != NULL) {
		struct wk_buf t = WK_BUF_INIT;
		uint32_t cp;
		size_t k = wk_utf8_next(w, &cp);

		wk_buf_append(&t, w, k);
		wk_buf_puts(&t, f + k);
		plain_word(s, wk_buf_str(&t), t.len);
		vs_drop(s, &t);
	} else if (strlen(f) <= 6 && (!pronounceable(f) ||
	    s->v->vocab == NULL || s->v->vocab->nacronyms == 0))
		vs_spell(s, w, n);
	else
		plain_word(s, f, strlen(f));
	free(f);
}

/* True when the n bytes at w use a letter outside the voice's alphabet
 * (<list id="alphabet">), as a Spanish loan in Quechua text does. */
static int
foreign(const struct vs *s, const char *w, size_t n)
{
	const char *l = NULL;
	size_t i = 0, k;
	char *f;
	int out = 0;

	for (k = 0; k < s->v->ncontexts; k++)
		if (strcmp(s->v->contexts[k].from, "alphabet") == 0)
			l = s->v->contexts[k].to;
	if (l == NULL || (f = wk_fold(w, n)) == NULL)
		return 0;
	while (f[i] != '\0' && !out) {
		uint32_t cp;
		size_t cl = wk_utf8_next(f + i, &cp);
		const char *q = l;

		if (cl == 0)
			break;
		out = 1;
		while (*q != '\0') {
			size_t m;

			q += strspn(q, " \t\n");
			m = strcspn(q, " \t\n");
			if (m == cl && strncmp(q, f + i, cl) == 0)
				out = 0;
			q += m;
		}
		i += cl;
	}
	free(f);
	return out;
}

/* A Spanish plural after a numeral, in a voice that says loans in the
 * singular (Quechua: pichqa baka, never bakas): the word without the
 * ending of <list id="loan-plural"> that makes it a listed or foreign
 * singular, said from the lexicon or respelled. Returns 1 when said. */
static int
loan_singular(struct vs *s, const char *w, size_t n)
{
	const char *l = NULL, *lex;
	size_t k;

	for (k = 0; k < s->v->ncontexts; k++)
		if (strcmp(s->v->contexts[k].from, "loan-plural") == 0)
			l = s->v->contexts[k].to;
	if (l == NULL || !foreign(s, w, n))
		return 0;
	while (*l != '\0') {
		size_t m;

		l += strspn(l, " \t\n");
		m = strcspn(l, " \t\n");
		if (m > 0 && n > m + 1 && strncasecmp(w + n - m, l, m) == 0) {
			if ((lex = wk_voice_lex(s->v, w, n - m)) != NULL) {
				vs_puts(s, lex);
				return 1;
			}
			/* -es only after a consonant (cuyes -> cuy). */
			if (m == 1 || strchr("aeiouáéíóú", w[n - m - 1]) == NULL) {
				plain_word(s, w, n - m);
				return 1;
			}
		}
		l += m;
	}
	return 0;
}

/* True when the word before w asks for a Roman numeral (siglo xix). */
static int
roman_context(const struct vs *s, const char *w)
{
	size_t pl;
	const char *prev = vs_prev_word(s, w, &pl);

	size_t i;

	if (prev == NULL || !vs_in_list(s, "roman-cardinal", prev, pl))
		return 0;
	/* Small letters only of i v x l c: "siglo xix", never "año mil". */
	for (i = 0; w[i] >= 'a' && w[i] <= 'z'; i++)
		if (strchr("ivxlc", w[i]) == NULL)
			return 0;
	return 1;
}

/* Reads the word at w (n bytes; the text goes on after it) and returns the
 * bytes taken: n, or more for a unit written alone with its dot ("la
 * doc." -> "la docena"). after_num: a figure came right before. */
static size_t
do_word(struct vs *s, const char *w, size_t n, int after_num)
{
	const char *lex = wk_voice_lex(s->v, w, n);
	size_t letters, r;

	if (lex != NULL) {
		vs_puts(s, lex);
		return n;
	}
	if ((r = vs_try_unit_alone(s, w, n)) > 0)
		return r;
	if ((all_upper(w, n, &letters) || roman_context(s, w)) &&
	    (r = vs_try_roman(s, w, n)) > 0)
		return r;
	if (all_upper(w, n, &letters) && letters >= 2) {
		do_capitals(s, w, n);
		return n;
	}
	if (after_num && loan_singular(s, w, n))
		return n;
	plain_word(s, w, n);
	return n;
}

size_t
vs_suffix_at(const struct vs *s, const char *p, const char **suf,
    size_t *nsuf)
{
	size_t n, i;
	const char *l = NULL;

	if (p[0] != '-' || (n = vs_word_len(p + 1)) == 0)
		return 0;
	for (i = 0; i < s->v->ncontexts; i++)
		if (strcmp(s->v->contexts[i].from, "case-suffixes") == 0)
			l = s->v->contexts[i].to;
	while (l != NULL && *l != '\0') {
		size_t k;

		l += strspn(l, " \t\n");
		k = strcspn(l, " \t\n");
		if (k > 0 && k <= n && strncmp(p + 1, l, k) == 0) {
			*suf = p + 1;
			*nsuf = n;
			return 1 + n;
		}
		l += k;
	}
	return 0;
}

/* A case suffix after a hyphen that follows a figure, an acronym or a
 * name (Quechua 2026-pi, 5-kama, SIS-niyuq, Cusco-pi): it is written onto
 * the last word said. */
static size_t
attach_suffix(struct vs *s, const char *p)
{
	const char *suf;
	size_t nsuf, n = vs_suffix_at(s, p, &suf, &nsuf);

	if (n == 0)
		return 0;
	wk_buf_rtrim(s->out);
	while (s->out->len > 0 && strchr(",.;:", s->out->data[s->out->len - 1]))
		s->out->data[--s->out->len] = '\0';
	wk_buf_append(s->out, suf, nsuf);
	return n;
}

/* A sign with a name in the voice's <words>, by the word's id. */
static void
say_sign(struct vs *s, const char *id, const char *p, size_t cl)
{
	const char *w = wk_voice_word(s->v, id);

	if (*w != '\0')
		vs_puts(s, w);
	else
		vs_unsaid(s, p, cl, WK_UNSAID_SYMBOL);
}

/* Punctuation and symbols. Returns bytes consumed. */
static size_t
do_symbol(struct vs *s, const char *p, uint32_t cp, size_t cl)
{
	switch (cp) {
	case ',': case '.': case ';': case ':': case '!': case '?': case ')':
		vs_close(s, p, 1);
		break;
	case 0x2026:		/* … */
		vs_close(s, "...", 3);
		break;
	case '(':
		vs_put(s, "(", 1);
		break;
	case 0xBF: case 0xA1:	/* ¿ ¡ */
		vs_put(s, p, cl);
		break;
	case 0x2013: case 0x2014:	/* – — between words: a pause */
		vs_close(s, ",", 1);
		break;
	case '&':
		vs_puts(s, *wk_voice_word(s->v, "and") ? wk_voice_word(s->v, "and")
		    : " ");
		break;
	case '+':
		say_sign(s, "plus", p, cl);
		break;
	case '=':
		say_sign(s, "equals", p, cl);
		break;
	case '@':
		say_sign(s, "at", p, cl);
		break;
	case '<':	/* in news text: "Precio < 5 soles" (rss.c keeps it) */
		say_sign(s, "less-than", p, cl);
		break;
	case '>':
		say_sign(s, "more-than", p, cl);
		break;
	case '#':
		say_sign(s, "number", p, cl);
		break;
	case '%': {
		const char *key = "n", *val = "";

		vs_template(s, "percent", &key, &val, 1);
		break;
	}
	case 0xB0: case 0xBA:	/* ° alone */
		say_sign(s, "degrees", p, cl);
		break;
	case 0x20AC: case 0xA3: case 0xA5: case '$': case 0xA7: case 0xA4:
	case 0x20A1: case 0x20A9: case 0x20B9:
		/* € £ ¥ $ § ¤ ₡ ₩ ₹ with no figure: said as nothing, noted. */
		vs_unsaid(s, p, cl, WK_UNSAID_SYMBOL);
		break;
	default:
		/* Quotes, slashes, brackets and the rest: a word break. */
		break;
	}
	return cl;
}

/* One figure at p, when the scanner is at the start of a token: an
 * address, money, an identifier, a date, a clock time, an abbreviation or
 * a range led by words. */
static size_t
try_figure(struct vs *s, const char *p)
{
	size_t n;

	if ((n = vs_try_web(s, p)) > 0 ||
	    (n = vs_try_money(s, p)) > 0 ||
	    (vs_is_digit(*p) && ((n = vs_try_date(s, p)) > 0 ||
	    (n = vs_try_time(s, p)) > 0)) ||
	    (n = vs_try_ident(s, p)) > 0 ||
	    (n = vs_try_month_first(s, p)) > 0 ||
	    (n = try_abbr(s, p)) > 0 ||
	    (n = vs_try_word_range(s, p)) > 0)
		return n;
	return 0;
}

static void
free_made(struct vs_ctx *c)
{
	size_t i;

	for (i = 0; i < sizeof c->made / sizeof c->made[0]; i++) {
		free(c->made[i].one);
		free(c->made[i].many);
		c->made[i].one = c->made[i].many = NULL;
	}
}

int
wk_verbalize_mark(const struct wk_voice *v, const char *text, char mark,
    struct wk_buf *out, struct wk_unsaid **uns, size_t *nuns)
{
	struct vs_ctx ctx;
	struct vs s = { v, out, text, &ctx };
	const char *p = text;
	int prev_alnum = 0, figure = 0, after_num = 0;

	memset(&ctx, 0, sizeof ctx);
	ctx.mark = mark;
	while (*p != '\0') {
		uint32_t cp;
		size_t cl = wk_utf8_next(p, &cp), n;

		if (cl == 0)
			cl = 1;
		if (vs_is_space(cp)) {
			p += cl;
			prev_alnum = figure = 0;
			continue;
		}
		if (figure && (n = attach_suffix(&s, p)) > 0) {
			p += n;
			continue;
		}
		if (!prev_alnum && (n = try_figure(&s, p)) > 0) {
			p += n;
			prev_alnum = figure = 1;
			after_num = 0;
			continue;
		}
		if (vs_is_digit(*p) || (!prev_alnum && vs_minus_at(p) > 0))
			n = vs_try_number(&s, p, !prev_alnum);
		else	/* ½ kg */
			n = prev_alnum ? 0 : vs_try_number(&s, p, 0);
		if (n > 0) {
			p += n;
			prev_alnum = figure = after_num = 1;
			continue;
		}
		if (wk_is_letter(cp)) {
			size_t wl = vs_word_len(p), letters;

			/* An acronym or a name takes a case suffix as a
			 * figure does (SIS-niyuq, FM-pi, Cusco-pi). */
			figure = (all_upper(p, wl, &letters) && letters >= 2) ||
			    wk_is_upper(cp);
			p += do_word(&s, p, wl, after_num);
			prev_alnum = 1;
			after_num = 0;
			continue;
		}
		figure = after_num = 0;
		/* "2 + 2 - 1 = 3": a minus between figures that are no range. */
		if (*p == '-' && p[1] == ' ' && vs_is_digit(p[2]) && p > text &&
		    p[-1] == ' ' && s.out->len > 0) {
			vs_puts(&s, wk_voice_word(v, "minus"));
			p++;
			prev_alnum = 0;
			continue;
		}
		/* A hyphen inside a word or between a word and a number. */
		if (*p == '-') {
			p++;
			prev_alnum = 0;
			continue;
		}
		p += do_symbol(&s, p, cp, cl);
		prev_alnum = 0;
	}
	wk_buf_rtrim(out);
	free_made(&ctx);
	if (uns != NULL) {
		*uns = ctx.uns;
		*nuns = ctx.nuns;
	} else
		free(ctx.uns);
	if (ctx.nomem)
		out->failed = 1;
	return out->failed ? -1 : 0;
}

int
wk_verbalize(const struct wk_voice *v, const char *text, struct wk_buf *out)
{
	return wk_verbalize_mark(v, text, 0, out, NULL, NULL);
}

int
wk_verbal_unsaid(const struct wk_voice *v, const char *text, char mark,
    struct wk_unsaid **uns, size_t *nuns)
{
	struct wk_buf b = WK_BUF_INIT;
	int rc = wk_verbalize_mark(v, text, mark, &b, uns, nuns);

	wk_buf_free(&b);
	return rc;
}

const char *
wk_unsaid_message(const struct wk_unsaid *u)
{
	switch (u->kind) {
	case WK_UNSAID_DIGITS:
		return N_("'%.*s' can only be read digit by digit; write the "
		    "figure as it should be said");
	case WK_UNSAID_AMBIGUOUS:
		return N_("'%.*s' is read as thousands; if the mark is a "
		    "decimal one, declare decimal-mark=\"comma\" or \"point\" "
		    "on the feed or the station");
	case WK_UNSAID_WORD:
		return N_("don't know how to say '%.*s' (it is spelled); add "
		    "it to the station's lexicon or units");
	case WK_UNSAID_SYMBOL:
	default:
		return N_("don't know how to say '%.*s' (it is left out); "
		    "write it as words");
	}
}
