/*
 * Figures as words: money (S/ 2.50, US$ 10, S/ 2.3 millones, S/ 2.50 –
 * S/ 3.00 el kg), numbers as typed (1,250.50 or 1.250,50, by the last
 * separator; 21 mil), quantities with their units and the agreement of
 * the noun (veintiún kilos, veintiuna arrobas, un millón de soles),
 * percentages, fractions (1/2 kg, 1 1/2 kg, ½), dash ranges, "x" as
 * "por" and telephone numbers. Dates and times are in calendar.c,
 * ordinals and Roman numerals in ordinal.c, ranges led by words in
 * range.c; the words come from the voice, cardinals from numword.c.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/date.h"
#include "numword.h"
#include "base/text.h"
#include "verbal.h"
#include "verbal_priv.h"

#define MAX_GROUPS 8

/* Writes the number words for n into a scratch buffer and appends them. */
void
vs_say_num(struct vs *s, unsigned long long n, enum wk_gender g)
{
	struct wk_buf t = WK_BUF_INIT;

	if (wk_num_words(s->v, n, g, &t) != 0) {
		char digits[32];

		snprintf(digits, sizeof digits, "%llu", n);
		wk_buf_clear(&t);
		wk_digit_words(s->v, digits, strlen(digits), &t);
	}
	vs_take(s, &t);
}

/* Appends the decimal digits: leading zeros one by one ("cero cinco"),
 * then the rest as one number ("cincuenta"). */
static void
say_frac(struct vs *s, const char *d, size_t n)
{
	size_t i = 0;
	unsigned long long v = 0;

	while (i + 1 < n && d[i] == '0') {
		vs_say_num(s, 0, WK_BARE);
		i++;
	}
	for (; i < n; i++)
		v = v * 10 + (unsigned long long)(d[i] - '0');
	vs_say_num(s, v, WK_BARE);
}

/* The number nl as a bare quantity ("dos coma cinco"). */
void
vs_say_numlit(struct vs *s, const struct numlit *nl, enum wk_gender g)
{
	if (nl->nfrac == 0) {
		vs_say_num(s, nl->ip, g);
		return;
	}
	vs_say_num(s, nl->ip, WK_BARE);
	vs_puts(s, wk_voice_word(s->v, "point"));
	say_frac(s, nl->frac, nl->nfrac);
}

/* Scans digit groups separated by single '.' or ',' and decides what they
 * mean: after the last separator, exactly three digits are thousands (when
 * every group fits: 1,250,000 or 1.250), otherwise that separator is the
 * decimal one (2,50; 1,234.50; 1.234,50; 3.5). Spaces group thousands
 * only (1 250 000; 1 250,50). */
void
vs_scan_num(const char *p, struct numlit *nl)
{
	const char *g[MAX_GROUPS];
	size_t gl[MAX_GROUPS], ng = 0, i, k = 0, sp;
	char sep[MAX_GROUPS];

	memset(nl, 0, sizeof *nl);
	while (ng < MAX_GROUPS) {
		g[ng] = p + k;
		gl[ng] = 0;
		while (vs_is_digit(p[k])) {
			k++;
			gl[ng]++;
		}
		ng++;
		if ((p[k] == '.' || p[k] == ',') && vs_is_digit(p[k + 1]) &&
		    ng < MAX_GROUPS) {
			sep[ng - 1] = p[k];
			k++;
			continue;
		}
		/* Thousands grouped by spaces (1 250 000), from the start. */
		if ((sp = wk_group_space(p + k)) > 0 && ng < MAX_GROUPS &&
		    gl[ng - 1] <= 3 && g[0][0] != '0' &&
		    (ng == 1 || sep[ng - 2] == ' ')) {
			sep[ng - 1] = ' ';
			k += sp;
			continue;
		}
		break;
	}
	nl->len = k;
	for (i = 0; i < ng; i++)
		if (gl[i] > 15)
			return;
	if (ng == 1) {
		for (i = 0; i < gl[0]; i++)
			nl->ip = nl->ip * 10 + (unsigned long long)(g[0][i] - '0');
		nl->ok = nl->ip <= WK_NUM_MAX;
		return;
	}
	{
		int thousands = gl[ng - 1] == 3 && gl[0] >= 1 && gl[0] <= 3 &&
		    g[0][0] != '0';
		size_t last;

		for (i = 1; i < ng && thousands; i++)
			if (gl[i] != 3 || sep[i - 1] != sep[0])
				thousands = 0;
		last = thousands ? ng : ng - 1;
		/* Thousands groups before a decimal part: all 3 digits, the
		 * other separator. */
		if (!thousands && ng > 2) {
			if (gl[0] > 3 || g[0][0] == '0')
				return;
			for (i = 1; i < ng - 1; i++)
				if (gl[i] != 3 || sep[i - 1] == sep[ng - 2])
					return;
		}
		for (i = 0; i < last; i++) {
			size_t j;

			for (j = 0; j < gl[i]; j++)
				nl->ip = nl->ip * 10 +
				    (unsigned long long)(g[i][j] - '0');
		}
		if (!thousands) {
			nl->nfrac = gl[ng - 1] < sizeof nl->frac - 1 ? gl[ng - 1]
			    : sizeof nl->frac - 1;
			memcpy(nl->frac, g[ng - 1], nl->nfrac);
		}
		nl->ok = nl->ip <= WK_NUM_MAX;
	}
}

/* Reads a number that vs_scan_num could not make sense of: each group on
 * its own, separated by the word for the separator ("punto"). It is noted
 * for `check` as read digit by digit. */
static void
say_raw_digits(struct vs *s, const char *p, size_t n)
{
	size_t i = 0;

	if (s->raw == NULL) {
		s->raw = p;
		s->nraw = n;
	}
	while (i < n) {
		size_t j = i;
		struct wk_buf t = WK_BUF_INIT;

		while (j < n && vs_is_digit(p[j]))
			j++;
		if (j - i > 0 && j - i <= 3 && p[i] != '0') {
			unsigned long long v = 0;
			size_t k;

			for (k = i; k < j; k++)
				v = v * 10 + (unsigned long long)(p[k] - '0');
			vs_say_num(s, v, WK_BARE);
		} else {
			wk_digit_words(s->v, p + i, j - i, &t);
			vs_put(s, wk_buf_str(&t), t.len);
		}
		vs_drop(s, &t);
		if (j < n)
			vs_puts(s, wk_voice_word(s->v, "dot"));
		i = j + 1;
	}
}

/* Compares a unit's written form with the text at q: '_' in the form
 * stands for one space ("m_s._n._m."). Returns the bytes of text, or 0. */
static size_t
written_at(const char *q, const char *w)
{
	size_t i = 0, j = 0, sp;

	for (; w[j] != '\0'; j++) {
		if (w[j] == '_') {
			if ((sp = vs_skip_space(q + i)) == 0)
				return 0;
			i += sp;
		} else if (q[i] == w[j])
			i++;
		else
			return 0;
	}
	return i;
}

/* A unit written at p (after optional space), followed by a boundary.
 * Sets *len to the bytes it takes, space included. */
const struct wk_unit *
vs_unit_at(const struct vs *s, const char *p, size_t *len)
{
	size_t sp = vs_skip_space(p), best = 0, i, j;
	const struct wk_unit *hit = NULL;
	const char *q = p + sp;

	*len = 0;
	if (sp > 1)
		return NULL;
	/* Longest written form that matches here and ends at a boundary;
	 * a form that ends in '.' (kg.) ends at the dot. */
	for (i = 0; i < s->v->nunits; i++) {
		const struct wk_unit *u = &s->v->units[i];

		for (j = 0; j < u->nwritten; j++) {
			const char *w = u->written[j];
			size_t n = written_at(q, w);

			if (n <= best)
				continue;
			if (w[strlen(w) - 1] != '.' && !vs_boundary(q + n))
				continue;
			best = n;
			hit = u;
		}
	}
	if (hit == NULL) {
		size_t wl = vs_word_len(q);

		if (wl > 2 && (hit = wk_voice_unit_written(s->v, q, wl)) != NULL)
			best = wl;
	}
	/* "kg." that ends the sentence leaves its full stop to it. */
	if (hit != NULL && best > 1 && q[best - 1] == '.') {
		size_t sp2 = vs_skip_space(q + best);
		uint32_t cp;

		wk_utf8_next(q + best + sp2, &cp);
		if (q[best + sp2] == '\0' || (sp2 > 0 && wk_is_upper(cp)))
			best--;
	}
	*len = sp + best;
	return hit;
}

/* The gender for a number followed by the text at p, and whether a noun
 * follows at all. */
enum wk_gender
vs_next_gender(const struct vs *s, const char *p, int *noun)
{
	size_t sp = vs_skip_space(p), wl;
	enum wk_gender g;

	*noun = 0;
	if (sp == 0 || sp > 2)
		return WK_BARE;
	wl = vs_word_len(p + sp);
	if (wl == 0)
		return WK_BARE;
	g = wk_voice_gender(s->v, p + sp, wl);
	*noun = g != WK_BARE;
	return g;
}

/* Says n with its unit: "veintiún kilos", "un millón de soles", "iskay
 * kilu". */
void
vs_say_quantity(struct vs *s, const struct numlit *nl, const struct wk_unit *u)
{
	vs_say_numlit(s, nl, nl->nfrac ? WK_BARE : u->gender);
	if (nl->nfrac == 0 && wk_num_takes_of(s->v, nl->ip))
		vs_puts(s, wk_voice_word(s->v, "of"));
	vs_puts(s, nl->nfrac == 0 && nl->ip == 1 ? u->one : u->many);
}

void
vs_say_amount(const struct wk_voice *v, unsigned long long cents,
    const char *unit, const char *subunit, struct wk_buf *out)
{
	struct vs s = { v, out, NULL, NULL, 0 };
	const struct wk_unit *sol = wk_voice_unit(v, unit);
	const struct wk_unit *cen = wk_voice_unit(v, subunit);
	struct wk_buf a = WK_BUF_INIT, b = WK_BUF_INIT;
	struct vs sa = { v, &a, NULL, NULL, 0 }, sb = { v, &b, NULL, NULL, 0 };
	unsigned long long whole = cents / 100, c = cents % 100;

	if (sol == NULL || cen == NULL) {
		vs_say_num(&s, whole, WK_BARE);
		return;
	}
	if (whole > 0 || c == 0) {
		struct numlit nl = { 0, whole, "", 0, 1 };

		vs_say_quantity(&sa, &nl, sol);
	}
	if (c > 0) {
		struct numlit nl = { 0, c, "", 0, 1 };

		vs_say_quantity(&sb, &nl, cen);
	}
	if (a.len > 0 && b.len > 0) {
		const char *keys[] = { "soles", "cents" };
		const char *vals[] = { wk_buf_str(&a), wk_buf_str(&b) };

		vs_template(&s, "money", keys, vals, 2);
	} else
		vs_puts(&s, a.len > 0 ? wk_buf_str(&a) : wk_buf_str(&b));
	vs_drop(&s, &a);
	vs_drop(&s, &b);
}

/* A word of the voice's <w id="per"> list ("el por" in Quechua, where a
 * price is said per unit first) after white space at p: the bytes up to
 * its end, or 0. */
static size_t
per_word(const struct vs *s, const char *p)
{
	const char *w = wk_voice_word(s->v, "per");
	size_t sp = vs_skip_space(p), n;

	if (sp == 0)
		return 0;
	for (; *w != '\0'; w += n) {
		w += strspn(w, " ");
		n = strcspn(w, " ");
		if (n > 0 && strncasecmp(p + sp, w, n) == 0 && vs_boundary(p + sp + n))
			return sp + n;
	}
	return 0;
}

/* The unit an amount is priced by, right after it: "/kg", "x kg", or " por
 * kg" in a voice that lists "por" as a per word. Says the per-unit phrase
 * ("el kilo"; Quechua "huk kilu ..."); otherwise just the amount. */
static size_t
per_unit(struct vs *s, const char *p, const char *amount)
{
	const struct wk_unit *u;
	size_t k, ul, sp = vs_skip_space(p);
	char id[64];

	if (*p == '/' && vs_skip_space(p + 1) == 0)
		k = 1;
	else if (sp <= 1 && p[sp] == 'x' && vs_skip_space(p + sp + 1) == 1)
		k = sp + 1;
	else
		k = per_word(s, p);
	if (k == 0 || (u = vs_unit_at(s, p + k, &ul)) == NULL || ul == 0) {
		vs_puts(s, amount);
		return 0;
	}
	{
		const char *keys[] = { "amount", "article", "unit" };
		const char *vals[] = { amount, wk_voice_word(s->v,
		    u->gender == WK_FEM ? "article-f" : "article-m"), u->one };

		snprintf(id, sizeof id, "per-unit-%s", u->id);
		vs_template(s, *wk_voice_phrase(s->v, id) ? id : "per-unit", keys,
		    vals, 3);
	}
	return k + ul;
}

/* "mil", "millón", "millones" after a figure at p: the factor, and the
 * bytes (with a "de" before a noun, which the grammar says itself). */
static unsigned long long
magnitude(const char *p, size_t *len)
{
	static const struct {
		const char *w;
		unsigned long long f;
	} mags[] = {
		{ "mil", 1000 }, { "millones", 1000000 }, { "millón", 1000000 },
		{ "millon", 1000000 },
	};
	size_t sp = vs_skip_space(p), i, n;

	*len = 0;
	if (sp != 1)
		return 0;
	for (i = 0; i < sizeof mags / sizeof mags[0]; i++) {
		n = strlen(mags[i].w);
		if (strncasecmp(p + 1, mags[i].w, n) == 0 && vs_boundary(p + 1 + n)) {
			*len = 1 + n;
			if (vs_word_at(p + *len + 1, "de") && p[*len] == ' ' &&
			    p[*len + 3] == ' ')
				*len += 3;
			return mags[i].f;
		}
	}
	return 0;
}

/* Scales a typed number by a magnitude (2.3 millones -> 2 300 000) when
 * the result is whole; returns 0 when it is not. */
static int
scale(struct numlit *nl, unsigned long long f)
{
	unsigned long long v = nl->ip, div = 1;
	size_t i;

	for (i = 0; i < nl->nfrac; i++) {
		v = v * 10 + (unsigned long long)(nl->frac[i] - '0');
		div *= 10;
	}
	if (div > f || f % div != 0 || v > WK_NUM_MAX / (f / div))
		return 0;
	nl->ip = v * (f / div);
	nl->nfrac = 0;
	return 1;
}

/* An amount of money at p (S/ 2.50, S/. 3, US$ 10, $ 5, S/ 2.3 millones):
 * sets *cents and the units; returns the bytes or 0. */
static size_t
scan_money(const char *p, unsigned long long *cents, const char **unit,
    const char **sub)
{
	size_t k, sp, ml;
	struct numlit nl;
	unsigned long long f;

	*unit = "sol";
	*sub = "centimo";
	if ((p[0] == 'S' || p[0] == 's') && p[1] == '/')
		k = p[2] == '.' ? 3 : 2;
	else if (strncmp(p, "US$", 3) == 0 || p[0] == '$') {
		k = p[0] == '$' ? 1 : 3;
		*unit = "dolar";
		*sub = "centavo";
	} else
		return 0;
	sp = vs_skip_space(p + k);
	if (!vs_is_digit(p[k + sp]))
		return 0;
	k += sp;
	vs_scan_num(p + k, &nl);
	if (!nl.ok || nl.ip > WK_NUM_MAX / 100)
		return 0;
	k += nl.len;
	if ((f = magnitude(p + k, &ml)) > 0 && scale(&nl, f)) {
		k += ml;
		if (nl.ip > WK_NUM_MAX / 100)
			return 0;
	}
	*cents = nl.ip * 100;
	if (nl.nfrac == 1)
		*cents += (unsigned long long)(nl.frac[0] - '0') * 10;
	else if (nl.nfrac >= 2) {
		*cents += (unsigned long long)(nl.frac[0] - '0') * 10 +
		    (unsigned long long)(nl.frac[1] - '0');
		if (nl.nfrac > 2 && nl.frac[2] >= '5')
			(*cents)++;
	}
	/* "S/ 21 mil soles": the unit written again is not said twice. */
	return k;
}

/* After an amount: "-", "–" or the voice's word "to" and a second amount,
 * with or without its symbol (S/ 2.50 – S/ 3.00, S/ 2.50-3.00). Returns
 * the bytes and the second amount in *cents, or 0. */
static size_t
money_range_end(const struct vs *s, const char *p, unsigned long long *cents)
{
	size_t sp = vs_skip_space(p), k, n;
	const char *unit, *sub;
	char sym[8] = "S/ ";

	if (p[sp] == '-')
		k = sp + 1;
	else if (strncmp(p + sp, "\xE2\x80\x93", 3) == 0)
		k = sp + 3;
	else if (sp == 1 && *wk_voice_word(s->v, "to") != '\0' &&
	    vs_word_at(p + 1, wk_voice_word(s->v, "to")))
		k = 1 + strlen(wk_voice_word(s->v, "to"));
	else
		return 0;
	k += vs_skip_space(p + k);
	if ((n = scan_money(p + k, cents, &unit, &sub)) > 0)
		return k + n;
	if (!vs_is_digit(p[k]))
		return 0;
	/* The second figure without its symbol: read it as money too. */
	{
		struct wk_buf t = WK_BUF_INIT;
		size_t m;

		wk_buf_puts(&t, sym);
		wk_buf_append(&t, p + k, strcspn(p + k, " \t\n"));
		m = t.failed ? 0 : scan_money(wk_buf_str(&t), cents, &unit, &sub);
		wk_buf_free(&t);
		if (m <= 3)
			return 0;
		return k + m - 3;
	}
}

size_t
vs_try_money(struct vs *s, const char *p)
{
	size_t k, r;
	unsigned long long cents, cents2;
	struct wk_buf amt = WK_BUF_INIT;
	const char *unit, *sub;

	if ((k = scan_money(p, &cents, &unit, &sub)) == 0)
		return 0;
	if ((r = money_range_end(s, p + k, &cents2)) > 0) {
		struct wk_buf fa = WK_BUF_INIT, fb = WK_BUF_INIT;
		const char *keys[] = { "from", "to" };
		const char *vals[2];

		vs_say_amount(s->v, cents, unit, sub, &fa);
		vs_say_amount(s->v, cents2, unit, sub, &fb);
		vals[0] = wk_buf_str(&fa);
		vals[1] = wk_buf_str(&fb);
		wk_template(&amt, wk_voice_phrase(s->v, "range"), keys, vals, 2);
		wk_buf_free(&fa);
		wk_buf_free(&fb);
		k += r;
	} else
		vs_say_amount(s->v, cents, unit, sub, &amt);
	/* "S/ 21 mil soles": the currency written again is not said twice. */
	{
		size_t ul;
		const struct wk_unit *u = vs_unit_at(s, p + k, &ul);

		if (u != NULL && strcmp(u->id, unit) == 0)
			k += ul;
	}
	k += per_unit(s, p + k, wk_buf_str(&amt));
	vs_drop(s, &amt);
	return k;
}

/* A telephone number, read digit by digit in its written groups: a
 * Peruvian mobile (nine digits starting with 9, in threes: 966 123 456,
 * 966-123-456) or a landline with its leading 0, nine digits in all
 * (066 312 345, 01-345-6789). Written together (966123456) a number is a
 * telephone only after a word of the voice's "phone" list (Cel., Telf.,
 * WhatsApp); otherwise it stays a cardinal, as the RAE reads numbers. */
static size_t
try_phone(struct vs *s, const char *p)
{
	size_t i = 0, digits = 0, ng = 1, run = 0, three = 1, pl;
	const char *prev = vs_prev_word(s, p, &pl);
	int ctx = prev != NULL && vs_in_list(s, "phone", prev, pl);

	if (*p != '9' && *p != '0' && !ctx)
		return 0;
	for (;;) {
		if (vs_is_digit(p[i])) {
			digits++;
			run++;
			i++;
			continue;
		}
		if ((p[i] == ' ' || p[i] == '-') && ng < 4 && vs_is_digit(p[i + 1])) {
			three &= run == 3;
			ng++;
			run = 0;
			i++;
			continue;
		}
		break;
	}
	three &= run == 3;
	if (!vs_boundary(p + i))
		return 0;
	if (ctx && ng == 1 && digits >= 6 && digits <= 9) {
		/* Together after "Cel.": in threes from the left (987 654 321;
		 * a six-digit landline 31 23 45 in twos). */
		struct wk_buf t = WK_BUF_INIT;
		size_t j, step = digits % 3 == 0 ? 3 : 2;

		for (j = 0; j < i; j++) {
			if (j > 0 && j % step == 0)
				wk_buf_putc(&t, ',');
			wk_digit_words(s->v, p + j, 1, &t);
		}
		vs_take(s, &t);
		return i;
	}
	if (ng < 2 || (*p == '9' && (digits != 9 || ng != 3 || !three)) ||
	    (*p == '0' && digits != 9) || (*p != '9' && *p != '0'))
		return 0;
	{
		struct wk_buf t = WK_BUF_INIT;
		size_t j;

		for (j = 0; j < i; j++)
			if (vs_is_digit(p[j]))
				wk_digit_words(s->v, p + j, 1, &t);
			else
				wk_buf_putc(&t, ',');
		vs_take(s, &t);
	}
	return i;
}

/* The fraction written at p: "1/2" or a vulgar fraction sign (½ ¼ ¾). */
static const struct wk_fraction *
fraction_at(const struct vs *s, const char *p, size_t *len)
{
	static const struct {
		const char *sign;
		int n, d;
	} signs[] = {
		{ "\xC2\xBD", 1, 2 }, { "\xC2\xBC", 1, 4 }, { "\xC2\xBE", 3, 4 },
		{ "\xE2\x85\x93", 1, 3 }, { "\xE2\x85\x94", 2, 3 },
	};
	size_t i;

	*len = 0;
	for (i = 0; i < sizeof signs / sizeof signs[0]; i++)
		if (strncmp(p, signs[i].sign, strlen(signs[i].sign)) == 0) {
			*len = strlen(signs[i].sign);
			return wk_voice_fraction(s->v, signs[i].n, signs[i].d);
		}
	if (vs_is_digit(p[0]) && p[1] == '/' && vs_is_digit(p[2]) &&
	    vs_boundary(p + 3)) {
		*len = 3;
		return wk_voice_fraction(s->v, p[0] - '0', p[2] - '0');
	}
	return NULL;
}

/* A fraction alone or before its unit or noun: 1/2 kg -> medio kilo,
 * ½ arroba -> media arroba, 3/4 -> tres cuartos. */
static size_t
say_fraction(struct vs *s, const char *p)
{
	size_t k, ul;
	const struct wk_fraction *fr = fraction_at(s, p, &k);
	const struct wk_unit *u;
	enum wk_gender g;
	int noun;

	if (fr == NULL)
		return 0;
	if ((u = vs_unit_at(s, p + k, &ul)) != NULL && ul > 0) {
		vs_puts(s, u->gender == WK_FEM && fr->fem ? fr->fem
		    : fr->masc ? fr->masc : fr->alone);
		vs_puts(s, u->one);
		return k + ul;
	}
	g = vs_next_gender(s, p + k, &noun);
	vs_puts(s, g == WK_FEM && fr->fem ? fr->fem : g == WK_MASC &&
	    fr->masc ? fr->masc : fr->alone);
	return k;
}

/* A whole number and a fraction before a unit: 1 1/2 kg -> un kilo y
 * medio; 2 ½ @ -> dos arrobas y media. */
static size_t
mixed_fraction(struct vs *s, const char *p, const struct numlit *a)
{
	size_t sp = vs_skip_space(p), k, ul;
	const struct wk_fraction *fr;
	const struct wk_unit *u;

	if (a->nfrac != 0 || sp > 1 ||
	    (fr = fraction_at(s, p + sp, &k)) == NULL || fr->after == NULL ||
	    (u = vs_unit_at(s, p + sp + k, &ul)) == NULL || ul == 0)
		return 0;
	vs_say_quantity(s, a, u);
	vs_puts(s, u->gender == WK_FEM && fr->after_fem ? fr->after_fem
	    : fr->after);
	return sp + k + ul;
}

static size_t
try_percent(struct vs *s, const char *p, const struct numlit *a)
{
	size_t sp = vs_skip_space(p);
	struct wk_buf tb = WK_BUF_INIT;
	struct vs t = { s->v, &tb, NULL, NULL, 0 };
	const char *key = "n", *val;

	if (sp > 1 || p[sp] != '%')
		return 0;
	vs_say_numlit(&t, a, WK_BARE);
	val = wk_buf_str(&tb);
	vs_template(s, "percent", &key, &val, 1);
	vs_drop(s, &tb);
	return sp + 1;
}

/* Ranges: 10-12 kg, 10 – 12 soles. */
static size_t
try_dash_range(struct vs *s, const char *p, const struct numlit *a)
{
	size_t sp = vs_skip_space(p), dl, sp2, end;
	struct numlit b;

	if (a->nfrac != 0 || (p[sp] != '-' &&
	    strncmp(p + sp, "\xE2\x80\x93", 3) != 0))
		return 0;
	dl = p[sp] == '-' ? 1 : 3;
	sp2 = vs_skip_space(p + sp + dl);
	if ((sp != sp2 && dl != 3) || !vs_is_digit(p[sp + dl + sp2]))
		return 0;
	vs_scan_num(p + sp + dl + sp2, &b);
	if (!b.ok || b.nfrac != 0)
		return 0;
	end = sp + dl + sp2 + b.len;
	return end + vs_say_range(s, "range", NULL, a, &b, p + end);
}

/* "10 x 20 m": x between numbers is the voice's "by". */
static size_t
try_by(struct vs *s, const char *p, const struct numlit *a)
{
	size_t sp = vs_skip_space(p), sp2;

	if (sp > 1 || (p[sp] != 'x' && p[sp] != 'X'))
		return 0;
	sp2 = vs_skip_space(p + sp + 1);
	if (sp2 != sp || !vs_is_digit(p[sp + 1 + sp2]) ||
	    *wk_voice_word(s->v, "by") == '\0')
		return 0;
	vs_say_numlit(s, a, WK_BARE);
	vs_puts(s, wk_voice_word(s->v, "by"));
	return sp + 1 + sp2;
}

/* "1 de diciembre": the first of the month is "primero". */
static size_t
try_first_of_month(struct vs *s, const char *p, const struct numlit *a,
    size_t k)
{
	const char *q = p + k + vs_skip_space(p + k);
	size_t ml;

	if (a->nfrac != 0 || a->ip != 1 || *wk_voice_word(s->v, "day-one") == '\0'
	    || !vs_word_at(q, "de"))
		return 0;
	q += 2 + vs_skip_space(q + 2);
	if (vs_month_at(s, q, &ml) == 0)
		return 0;
	vs_puts(s, wk_voice_word(s->v, "day-one"));
	return k;	/* the month follows, read as a word */
}

/* A number and what it counts: a unit (3 kg), a noun (veintiuna reses,
 * "de" after whole millions) or nothing. */
static size_t
say_counted(struct vs *s, const char *p, const struct numlit *a)
{
	const struct wk_unit *u;
	size_t n;
	enum wk_gender g;
	int noun;

	const char *prev;

	if ((u = vs_unit_at(s, p, &n)) != NULL && n > 0) {
		vs_say_quantity(s, a, u);
		return n;
	}
	g = vs_next_gender(s, p, &noun);
	/* "N° 38001 inicia": a label's number counts nothing. */
	if ((prev = vs_prev_word(s, p - a->len, &n)) != NULL &&
	    vs_in_list(s, "label", prev, n))
		g = WK_BARE, noun = 0;
	vs_say_numlit(s, a, a->nfrac ? WK_BARE : g);
	if (noun && a->nfrac == 0 && wk_num_takes_of(s->v, a->ip))
		vs_puts(s, wk_voice_word(s->v, "of"));
	return 0;
}

size_t
vs_try_number(struct vs *s, const char *p, int negative_ok)
{
	struct numlit a;
	size_t k = 0, n, ml;
	unsigned long long f;
	int neg = 0;

	if (*p == '-' && negative_ok && vs_is_digit(p[1])) {
		neg = 1;
		k = 1;
	}
	if (!vs_is_digit(p[k]))
		return (n = say_fraction(s, p)) > 0 ? n : 0;
	if (!neg && (n = try_phone(s, p)) > 0)
		return n;
	vs_scan_num(p + k, &a);
	if (neg)
		vs_puts(s, wk_voice_word(s->v, "minus"));
	if (!a.ok) {
		say_raw_digits(s, p + k, a.len);
		return k + a.len;
	}
	k += a.len;
	if (!neg && a.nfrac == 0 && a.ip < 10 && p[k] == '/' &&
	    (n = say_fraction(s, p + k - 1)) > 0)
		return k - 1 + n;
	if ((f = magnitude(p + k, &ml)) > 0 && scale(&a, f))
		k += ml;
	if ((n = vs_try_ordinal(s, p, &a, k)) > 0 ||
	    (n = try_first_of_month(s, p, &a, k)) > 0)
		return n;
	if ((n = try_percent(s, p + k, &a)) > 0 ||
	    (n = mixed_fraction(s, p + k, &a)) > 0 ||
	    (n = try_dash_range(s, p + k, &a)) > 0 ||
	    (n = try_by(s, p + k, &a)) > 0)
		return k + n;
	return k + say_counted(s, p + k, &a);
}
