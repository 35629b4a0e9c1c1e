/*
 * The verbalizer's scanner. It walks the text once, left to right; at each
 * token it tries money, dates, clock times and numbers (figures.c), then
 * abbreviations, words (lexicon, units standing alone, acronyms,
 * respelling) and punctuation. Each matcher returns how many bytes it
 * consumed, or 0. The words come from the voice (voice.h).
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/text.h"
#include "verbal.h"
#include "verbal_priv.h"

int
vs_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
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

/* Abbreviations (case-sensitive, longest first): Av., Sr., EE. UU. */
static size_t
try_abbr(struct vs *s, const char *p)
{
	size_t i, best = 0;
	const char *say = NULL;

	for (i = 0; i < s->v->nabbrs; i++) {
		const char *w = s->v->abbrs[i].from;
		size_t n = strlen(w);

		if (n > best && strncmp(p, w, n) == 0 &&
		    (w[n - 1] == '.' || vs_boundary(p + n))) {
			best = n;
			say = s->v->abbrs[i].to;
		}
	}
	if (say == NULL)
		return 0;
	vs_puts(s, say);
	/* An abbreviation that ends the text keeps its full stop. */
	if (p[best - 1] == '.' && p[best + vs_skip_space(p + best)] == '\0')
		vs_close(s, ".", 1);
	return best;
}

/* Respells one word with the voice's rules, longest match first. */
static void
respell(struct vs *s, const char *w, size_t n)
{
	struct wk_buf t = WK_BUF_INIT;
	char *f = wk_fold(w, n);
	size_t i = 0, fl, r;
	uint32_t cp;
	int cap;

	if (f == NULL) {
		s->out->failed = 1;
		return;
	}
	wk_utf8_next(w, &cp);
	cap = wk_is_upper(cp);
	fl = strlen(f);
	while (i < fl) {
		const struct wk_pair *best = NULL;
		size_t bl = 0;

		for (r = 0; r < s->v->nrespell; r++) {
			const struct wk_pair *rule = &s->v->respell[r];
			size_t rl = strlen(rule->from);

			if (rl > bl && (!rule->initial || i == 0) &&
			    strncmp(f + i, rule->from, rl) == 0) {
				best = rule;
				bl = rl;
			}
		}
		if (best != NULL) {
			wk_buf_puts(&t, best->to);
			i += bl;
		} else {
			size_t k = wk_utf8_next(f + i, &cp);

			wk_buf_append(&t, f + i, k);
			i += k;
		}
	}
	if (cap && t.len > 0 && t.data[0] >= 'a' && t.data[0] <= 'z')
		t.data[0] = (char)(t.data[0] - 32);
	vs_take(s, &t);
	free(f);
}

static void
plain_word(struct vs *s, const char *w, size_t n)
{
	if (s->v->nrespell > 0)
		respell(s, w, n);
	else
		vs_put(s, w, n);
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

/* Whether an all-capitals word can be read as a Spanish-like word: it
 * has a vowel, starts with a vowel or one consonant (or a cluster such as
 * pr, bl, ch), and has no run of three consonants (UNSCH, CCA, PNP
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

/* Spells the folded word f with the voice's letter names. */
static void
spell(struct vs *s, const char *f)
{
	size_t j = 0;

	while (f[j] != '\0') {
		uint32_t cp;
		size_t k = wk_utf8_next(f + j, &cp), m;
		const char *name = NULL;

		for (m = 0; m < s->v->nletters; m++)
			if (strlen(s->v->letters[m].from) == k &&
			    memcmp(s->v->letters[m].from, f + j, k) == 0)
				name = s->v->letters[m].to;
		if (name != NULL)
			vs_puts(s, name);
		else
			vs_put(s, f + j, k);
		j += k;
	}
}

/* An all-capitals word: an acronym read as a word ("Senasa", capital
 * first), spelled (UNSCH, CCA), or an ordinary word in capitals (CIVIL in
 * a headline: "civil"). */
static void
do_capitals(struct vs *s, const char *w, size_t n)
{
	char *f = wk_fold(w, n);
	size_t i;
	int listed = 0;

	if (f == NULL) {
		s->out->failed = 1;
		return;
	}
	for (i = 0; i < s->v->nacronym_words; i++)
		listed |= wk_eq_fold(w, n, s->v->acronym_words[i]);
	if (listed) {
		struct wk_buf t = WK_BUF_INIT;
		uint32_t cp;
		size_t k = wk_utf8_next(w, &cp);

		wk_buf_append(&t, w, k);
		wk_buf_puts(&t, f + k);
		plain_word(s, wk_buf_str(&t), t.len);
		vs_drop(s, &t);
	} else if (vs_in_list(s, "spell", w, n) || (strlen(f) <= 6 &&
	    (!pronounceable(f) || s->v->nacronym_words == 0)))
		spell(s, f);
	else
		plain_word(s, f, strlen(f));
	free(f);
}

/* Reads the word at w (n bytes; the text goes on after it) and returns the
 * bytes taken: n, or n + 1 for a unit written alone with its dot ("la
 * doc." -> "la docena"). */
static size_t
do_word(struct vs *s, const char *w, size_t n)
{
	const char *lex = wk_voice_lex(s->v, w, n);
	const struct wk_unit *u;
	size_t letters, r;

	if (lex != NULL) {
		vs_puts(s, lex);
		return n;
	}
	/* A unit standing alone: "el kg" -> "el kilo"; "la doc." -> "la
	 * docena" (the full stop stays when the sentence ends there). */
	if (w[n] == '.' && (u = wk_voice_unit_written(s->v, w, n + 1)) != NULL) {
		vs_puts(s, u->one);
		r = vs_skip_space(w + n + 1);
		return w[n + 1 + r] == '\0' ? n : n + 1;
	}
	if (n >= 2 && (u = wk_voice_unit_written(s->v, w, n)) != NULL &&
	    !wk_eq_fold(w, n, u->many) && !wk_eq_fold(w, n, u->one)) {
		vs_puts(s, strlen(u->many) == n && strncmp(w, u->many, n) == 0
		    ? u->many : u->one);
		return n;
	}
	if (all_upper(w, n, &letters) && (r = vs_try_roman(s, w, n)) > 0)
		return r;
	if (all_upper(w, n, &letters) && letters >= 2) {
		do_capitals(s, w, n);
		return n;
	}
	plain_word(s, w, n);
	return n;
}

/* A case suffix after a hyphen that follows a figure (Quechua 2026-pi,
 * 5-kama): it is written onto the figure's last word. */
static size_t
attach_suffix(struct vs *s, const char *p)
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
			wk_buf_rtrim(s->out);
			wk_buf_append(s->out, p + 1, n);
			return 1 + n;
		}
		l += k;
	}
	return 0;
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
		vs_puts(s, wk_voice_word(s->v, "plus"));
		break;
	case '@':
		vs_puts(s, wk_voice_word(s->v, "at"));
		break;
	case '<':	/* in news text: "Precio < 5 soles" (rss.c keeps it) */
		vs_puts(s, wk_voice_word(s->v, "less-than"));
		break;
	case '>':
		vs_puts(s, wk_voice_word(s->v, "more-than"));
		break;
	case '#':
		vs_puts(s, wk_voice_word(s->v, "number"));
		break;
	case '%': {
		const char *key = "n", *val = "";

		vs_template(s, "percent", &key, &val, 1);
		break;
	}
	case 0xB0:		/* ° alone */
		vs_puts(s, wk_voice_word(s->v, "degrees"));
		break;
	default:
		/* Quotes, slashes, brackets and the rest: a word break. */
		break;
	}
	return cl;
}

/* One figure at p, when the scanner is at the start of a token: money,
 * a date, a clock time, an abbreviation or a range led by words. */
static size_t
try_figure(struct vs *s, const char *p)
{
	size_t n;

	if ((n = vs_try_money(s, p)) > 0 ||
	    (vs_is_digit(*p) && ((n = vs_try_date(s, p)) > 0 ||
	    (n = vs_try_time(s, p)) > 0)) ||
	    (n = try_abbr(s, p)) > 0 ||
	    (n = vs_try_word_range(s, p)) > 0)
		return n;
	return 0;
}

int
wk_verbalize_check(const struct wk_voice *v, const char *text,
    struct wk_buf *out, const char **raw, size_t *nraw)
{
	struct vs s = { v, out, text, NULL, 0 };
	const char *p = text;
	int prev_alnum = 0, figure = 0;

	while (*p != '\0') {
		uint32_t cp;
		size_t cl = wk_utf8_next(p, &cp), n;

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
			continue;
		}
		if (vs_is_digit(*p) || (*p == '-' && vs_is_digit(p[1]) && !prev_alnum))
			n = vs_try_number(&s, p, !prev_alnum);
		else	/* ½ kg */
			n = prev_alnum ? 0 : vs_try_number(&s, p, 0);
		if (n > 0) {
			p += n;
			prev_alnum = figure = 1;
			continue;
		}
		figure = 0;
		if (wk_is_letter(cp)) {
			p += do_word(&s, p, vs_word_len(p));
			prev_alnum = 1;
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
	if (raw != NULL) {
		*raw = s.raw;
		*nraw = s.nraw;
	}
	return out->failed ? -1 : 0;
}

int
wk_verbalize(const struct wk_voice *v, const char *text, struct wk_buf *out)
{
	return wk_verbalize_check(v, text, out, NULL, NULL);
}
