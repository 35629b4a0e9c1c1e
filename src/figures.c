/*
 * Figures as words: money (S/ 2.50, US$ 10), numbers as typed (1,250.50 or
 * 1.250,50, by the last separator), quantities with their units and the
 * agreement of the noun (veintiún kilos, veintiuna arrobas, un millón de
 * soles), percentages, fractions, ordinals, ranges, mobile numbers, dates
 * and clock times. The words come from the voice; cardinals from
 * numword.c.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "date.h"
#include "numword.h"
#include "text.h"
#include "verbal.h"
#include "verbal_priv.h"

/* A number as typed: integer part, and the digits after a decimal
 * separator when there is one. */
struct numlit {
	size_t len;			/* bytes consumed */
	unsigned long long ip;
	char frac[16];
	size_t nfrac;			/* 0: no decimal part */
	int ok;				/* 0: read the digits one by one */
};

#define MAX_GROUPS 8

/* Writes the number words for n into a scratch buffer and appends them. */
static void
say_num(struct vs *s, unsigned long long n, enum wk_gender g)
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
		say_num(s, 0, WK_BARE);
		i++;
	}
	for (; i < n; i++)
		v = v * 10 + (unsigned long long)(d[i] - '0');
	say_num(s, v, WK_BARE);
}

/* The number nl as a bare quantity ("dos coma cinco"). */
static void
say_numlit(struct vs *s, const struct numlit *nl, enum wk_gender g)
{
	if (nl->nfrac == 0) {
		say_num(s, nl->ip, g);
		return;
	}
	say_num(s, nl->ip, WK_BARE);
	vs_puts(s, wk_voice_word(s->v, "point"));
	say_frac(s, nl->frac, nl->nfrac);
}

/* Scans digit groups separated by single '.' or ',' and decides what they
 * mean: after the last separator, exactly three digits are thousands (when
 * every group fits: 1,250,000 or 1.250), otherwise that separator is the
 * decimal one (2,50; 1,234.50; 1.234,50; 3.5). Spaces group thousands
 * only (1 250 000; 1 250,50). */
static void
scan_num(const char *p, struct numlit *nl)
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

/* Reads a number that scan_num could not make sense of: each group on its
 * own, separated by the word for the separator ("punto"). */
static void
say_raw_digits(struct vs *s, const char *p, size_t n)
{
	size_t i = 0;

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
			say_num(s, v, WK_BARE);
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

/* A unit written at p (after optional space), followed by a boundary.
 * Sets *len to the bytes it takes, space included. */
static const struct wk_unit *
unit_at(const struct vs *s, const char *p, size_t *len)
{
	size_t sp = vs_skip_space(p), best = 0, i, j;
	const struct wk_unit *hit = NULL;
	const char *q = p + sp;

	if (sp > 1)
		return NULL;
	/* Longest written form that matches here and ends at a boundary;
	 * a form that ends in '.' (kg.) ends at the dot. */
	for (i = 0; i < s->v->nunits; i++) {
		const struct wk_unit *u = &s->v->units[i];

		for (j = 0; j < u->nwritten; j++) {
			const char *w = u->written[j];
			size_t n = strlen(w);

			if (n <= best || strncmp(q, w, n) != 0)
				continue;
			if (w[n - 1] != '.' && !vs_boundary(q + n))
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
static enum wk_gender
next_gender(const struct vs *s, const char *p, int *noun)
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
 * kilo". */
static void
say_quantity(struct vs *s, const struct numlit *nl, const struct wk_unit *u)
{
	say_numlit(s, nl, nl->nfrac ? WK_BARE : u->gender);
	if (nl->nfrac == 0 && wk_num_takes_of(s->v, nl->ip))
		vs_puts(s, wk_voice_word(s->v, "of"));
	vs_puts(s, nl->nfrac == 0 && nl->ip == 1 ? u->one : u->many);
}

static void
say_amount(const struct wk_voice *v, unsigned long long cents,
    const char *unit, const char *subunit, struct wk_buf *out)
{
	struct vs s = { v, out };
	const struct wk_unit *sol = wk_voice_unit(v, unit);
	const struct wk_unit *cen = wk_voice_unit(v, subunit);
	struct wk_buf a = WK_BUF_INIT, b = WK_BUF_INIT;
	struct vs sa = { v, &a }, sb = { v, &b };
	unsigned long long whole = cents / 100, c = cents % 100;

	if (sol == NULL || cen == NULL) {
		say_num(&s, whole, WK_BARE);
		return;
	}
	if (whole > 0 || c == 0) {
		struct numlit nl = { 0, whole, "", 0, 1 };

		say_quantity(&sa, &nl, sol);
	}
	if (c > 0) {
		struct numlit nl = { 0, c, "", 0, 1 };

		say_quantity(&sb, &nl, cen);
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

void
wk_say_money(const struct wk_voice *v, unsigned long long cents,
    struct wk_buf *out)
{
	say_amount(v, cents, "sol", "centimo", out);
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

/* The unit an amount is priced by, right after it: "/kg", or " por kg"
 * in a voice that lists "por" as a per word. Says the per-unit phrase
 * ("el kilo"; Quechua "huk kilo ..."); otherwise just the amount. */
static size_t
per_unit(struct vs *s, const char *p, const char *amount)
{
	const struct wk_unit *u;
	size_t k, ul;

	k = *p == '/' && vs_skip_space(p + 1) == 0 ? 1 : per_word(s, p);
	if (k == 0 || (u = unit_at(s, p + k, &ul)) == NULL || ul == 0) {
		vs_puts(s, amount);
		return 0;
	}
	{
		const char *keys[] = { "amount", "article", "unit" };
		const char *vals[] = { amount, wk_voice_word(s->v,
		    u->gender == WK_FEM ? "article-f" : "article-m"), u->one };

		vs_template(s, "per-unit", keys, vals, 3);
	}
	return k + ul;
}

size_t
vs_try_money(struct vs *s, const char *p)
{
	size_t k, sp;
	struct numlit nl;
	unsigned long long cents;
	struct wk_buf amt = WK_BUF_INIT;
	const char *unit = "sol", *sub = "centimo";

	if ((p[0] == 'S' || p[0] == 's') && p[1] == '/')
		k = p[2] == '.' ? 3 : 2;
	else if (strncmp(p, "US$", 3) == 0) {
		k = 3;
		unit = "dolar";
		sub = "centavo";
	} else if (p[0] == '$') {
		k = 1;
		unit = "dolar";
		sub = "centavo";
	} else
		return 0;
	sp = vs_skip_space(p + k);
	if (!vs_is_digit(p[k + sp]))
		return 0;
	k += sp;
	scan_num(p + k, &nl);
	if (!nl.ok || nl.ip > WK_NUM_MAX / 100)
		return 0;
	cents = nl.ip * 100;
	if (nl.nfrac == 1)
		cents += (unsigned long long)(nl.frac[0] - '0') * 10;
	else if (nl.nfrac >= 2) {
		cents += (unsigned long long)(nl.frac[0] - '0') * 10 +
		    (unsigned long long)(nl.frac[1] - '0');
		if (nl.nfrac > 2 && nl.frac[2] >= '5')
			cents++;
	}
	k += nl.len;
	say_amount(s->v, cents, unit, sub, &amt);
	k += per_unit(s, p + k, wk_buf_str(&amt));
	vs_drop(s, &amt);
	return k;
}

void
wk_say_date(const struct wk_voice *v, int y, int m, int d, int weekday,
    struct wk_buf *out)
{
	struct vs s = { v, out };
	struct wk_buf day = WK_BUF_INIT, year = WK_BUF_INIT;
	struct wk_date dt = { y, m, d };
	const char *keys[] = { "weekday", "day", "month", "year" };
	const char *vals[4];

	if (d == 1 && *wk_voice_word(v, "day-one") != '\0')
		wk_buf_puts(&day, wk_voice_word(v, "day-one"));
	else
		wk_num_words(v, (unsigned long long)d, WK_BARE, &day);
	if (y > 0)
		wk_num_words(v, (unsigned long long)y, WK_BARE, &year);
	vals[0] = v->weekdays[wk_date_weekday(dt)];
	vals[1] = wk_buf_str(&day);
	vals[2] = v->months[m - 1];
	vals[3] = wk_buf_str(&year);
	vs_template(&s, y <= 0 ? "date-no-year" : weekday ? "date"
	    : "date-no-weekday", keys, vals, 4);
	vs_drop(&s, &day);
	vs_drop(&s, &year);
}

/* Digits at p: returns their count (at most max), value in *v. */
static size_t
digits(const char *p, size_t max, int *v)
{
	size_t n = 0;

	*v = 0;
	while (n < max && vs_is_digit(p[n]))
		*v = *v * 10 + (p[n++] - '0');
	return n;
}

size_t
vs_try_date(struct vs *s, const char *p)
{
	struct wk_date dt;
	int a, b, c;
	size_t na, nb, nc;
	struct wk_buf t = WK_BUF_INIT;

	if (strnlen(p, 10) == 10 && wk_date_parse_n(p, 10, &dt) == 0 &&
	    vs_boundary(p + 10)) {
		wk_say_date(s->v, dt.y, dt.m, dt.d, 1, &t);
		vs_take(s, &t);
		return 10;
	}
	/* 29/11/2026 or 29-11-2026, day first as in Peru. */
	na = digits(p, 2, &a);
	if (na == 0 || (p[na] != '/' && p[na] != '-'))
		return 0;
	nb = digits(p + na + 1, 2, &b);
	if (nb == 0 || p[na + 1 + nb] != p[na])
		return 0;
	nc = digits(p + na + nb + 2, 4, &c);
	if (nc != 4 || !vs_boundary(p + na + nb + 2 + nc) ||
	    !wk_date_valid(c, b, a))
		return 0;
	wk_say_date(s->v, c, b, a, 1, &t);
	vs_take(s, &t);
	return na + nb + nc + 2;
}

/* "a. m.", "a.m.", "am", "p. m." ... after a time; returns bytes and sets
 * *pm (0 am, 1 pm). */
static size_t
ampm(const char *p, int *pm)
{
	static const char *forms[] = { "a. m.", "a.m.", "a.m", "am", "p. m.",
	    "p.m.", "p.m", "pm", "A. M.", "A.M.", "AM", "P. M.", "P.M.", "PM" };
	size_t sp = vs_skip_space(p), i, n;

	if (sp > 1)
		return 0;
	for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		n = strlen(forms[i]);
		if (strncmp(p + sp, forms[i], n) == 0 &&
		    (forms[i][n - 1] == '.' || vs_boundary(p + sp + n))) {
			*pm = forms[i][0] == 'p' || forms[i][0] == 'P';
			return sp + n;
		}
	}
	return 0;
}

static void
say_time(struct vs *s, int h, int m)
{
	struct wk_buf hour = WK_BUF_INIT, min = WK_BUF_INIT, mw = WK_BUF_INIT;
	const char *period = "";
	const char *keys[] = { "hour", "minutes", "period", "n" };
	const char *vals[4];
	int h12 = h % 12 == 0 ? 12 : h % 12;
	size_t i;

	for (i = 0; i < s->v->nperiods; i++)
		if (h * 60 + m >= s->v->periods[i].from_min &&
		    h * 60 + m <= s->v->periods[i].to_min)
			period = s->v->periods[i].say;
	wk_num_words(s->v, (unsigned long long)h12, WK_FEM, &hour);
	if (m > 0) {
		wk_num_words(s->v, (unsigned long long)m, WK_BARE, &mw);
		vals[3] = wk_buf_str(&mw);
		wk_template(&min, wk_voice_phrase(s->v, "minutes"), keys + 3,
		    vals + 3, 1);
	}
	vals[0] = wk_buf_str(&hour);
	vals[1] = wk_buf_str(&min);
	vals[2] = period;
	vs_template(s, "time", keys, vals, 3);
	vs_drop(s, &hour);
	vs_drop(s, &min);
	vs_drop(s, &mw);
}

size_t
vs_try_time(struct vs *s, const char *p)
{
	int h, m = 0, pm = -1;
	size_t nh, k, a, sp;
	static const char *hours[] = { "horas", "hrs.", "hrs", "hs", "h" };
	size_t i;

	nh = digits(p, 2, &h);
	if (nh == 0 || vs_is_digit(p[nh]))
		return 0;
	k = nh;
	if (p[k] == ':' && vs_is_digit(p[k + 1]) && vs_is_digit(p[k + 2]) &&
	    vs_boundary(p + k + 3)) {
		m = (p[k + 1] - '0') * 10 + (p[k + 2] - '0');
		k += 3;
		if (h > 23 || m > 59)
			return 0;
	} else if (p[k] != ' ' && p[k] != '.' && p[k] != 'a' && p[k] != 'p')
		return 0;
	/* "12 m." is noon in Peru (meridies), not twelve metres. */
	if (k == nh && h == 12 && strncmp(p + k, " m.", 3) == 0) {
		say_time(s, 12, 0);
		return k + 3;
	}
	if ((a = ampm(p + k, &pm)) > 0) {
		if (h < 1 || h > 12)
			return 0;
		h = pm ? (h % 12) + 12 : h % 12;
		k += a;
		/* "a. m." that ends the text keeps its full stop. */
		if (p[k - 1] == '.' && p[k + vs_skip_space(p + k)] == '\0') {
			say_time(s, h, m);
			vs_close(s, ".", 1);
			return k;
		}
	} else if (k == nh)
		return 0;	/* a bare number, not a time */
	else {
		/* 18:00 h, 18:00 horas */
		sp = vs_skip_space(p + k);
		for (i = 0; sp <= 1 && i < sizeof hours / sizeof hours[0]; i++) {
			size_t n = strlen(hours[i]);

			if (strncmp(p + k + sp, hours[i], n) == 0 &&
			    (hours[i][n - 1] == '.' || vs_boundary(p + k + sp + n))) {
				k += sp + n;
				break;
			}
		}
	}
	say_time(s, h, m);
	return k;
}

/* Ordinal suffixes after digits: 1.º 1º 1ª 1er 1ro 1ra 2do 2da 3er ... */
static size_t
ordinal_suffix(const char *p, enum wk_gender *g)
{
	static const struct {
		const char *s;
		enum wk_gender g;
	} sfx[] = {
		{ ".\xC2\xBA", WK_BARE }, { ".\xC2\xAA", WK_FEM },
		{ "\xC2\xBA", WK_BARE }, { "\xC2\xAA", WK_FEM },
		{ "er", WK_MASC }, { "ero", WK_BARE }, { "era", WK_FEM },
		{ "ro", WK_BARE }, { "ra", WK_FEM }, { "do", WK_BARE },
		{ "da", WK_FEM }, { "to", WK_BARE }, { "ta", WK_FEM },
		{ "vo", WK_BARE }, { "va", WK_FEM }, { "mo", WK_BARE },
		{ "ma", WK_FEM }, { "no", WK_BARE }, { "na", WK_FEM },
	};
	size_t i, best = 0;

	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		size_t n = strlen(sfx[i].s);

		if (n > best && strncmp(p, sfx[i].s, n) == 0 && vs_boundary(p + n)) {
			best = n;
			*g = sfx[i].g;
		}
	}
	return best;
}

/* A telephone number, read digit by digit in its written groups: a
 * Peruvian mobile (nine digits starting with 9, in threes: 966 123 456,
 * 966-123-456) or a landline with its leading 0, nine digits in all
 * (066 312 345, 01-345-6789).
 * Written together (966123456) a number stays a cardinal, as the RAE reads
 * numbers. */
static size_t
try_phone(struct vs *s, const char *p)
{
	size_t i = 0, digits = 0, ng = 1, run = 0, three = 1;

	if (*p != '9' && *p != '0')
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
	if (!vs_boundary(p + i) || ng < 2 ||
	    (*p == '9' && (digits != 9 || ng != 3 || !three)) ||
	    (*p == '0' && digits != 9))
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

size_t
vs_try_number(struct vs *s, const char *p, int negative_ok)
{
	struct numlit a, b;
	const struct wk_unit *u;
	size_t k = 0, n, sp;
	enum wk_gender g;
	int noun, neg = 0;

	if (*p == '-' && negative_ok && vs_is_digit(p[1])) {
		neg = 1;
		k = 1;
	}
	if (!vs_is_digit(p[k]))
		return 0;
	if (!neg && (n = try_phone(s, p)) > 0)
		return n;
	scan_num(p + k, &a);
	if (!a.ok) {
		if (neg)
			vs_puts(s, wk_voice_word(s->v, "minus"));
		say_raw_digits(s, p + k, a.len);
		return k + a.len;
	}
	k += a.len;
	if (neg)
		vs_puts(s, wk_voice_word(s->v, "minus"));

	/* Fractions: 1/2 kg -> medio kilo; 3/4 -> tres cuartos. */
	if (a.nfrac == 0 && !neg && p[k] == '/' && vs_is_digit(p[k + 1]) &&
	    vs_boundary(p + k + 2) && a.ip < 10) {
		const struct wk_fraction *fr = wk_voice_fraction(s->v, (int)a.ip,
		    p[k + 1] - '0');
		size_t ul;

		if (fr != NULL) {
			k += 2;
			if ((u = unit_at(s, p + k, &ul)) != NULL && ul > 0) {
				vs_puts(s, u->gender == WK_FEM && fr->fem ? fr->fem
				    : fr->masc ? fr->masc : fr->alone);
				vs_puts(s, u->one);
				return k + ul;
			}
			g = next_gender(s, p + k, &noun);
			vs_puts(s, g == WK_FEM && fr->fem ? fr->fem : g == WK_MASC &&
			    fr->masc ? fr->masc : fr->alone);
			return k;
		}
	}

	/* Ordinals: 1er, 2.º, 3ra. */
	if (a.nfrac == 0 && (n = ordinal_suffix(p + k, &g)) > 0) {
		struct wk_buf t = WK_BUF_INIT;

		if (wk_ord_words(s->v, a.ip, g, &t) == 0)
			vs_put(s, wk_buf_str(&t), t.len);
		else
			say_num(s, a.ip, g == WK_FEM ? WK_FEM : WK_BARE);
		vs_drop(s, &t);
		return k + n;
	}
	/* 1° de mayo: primero; otherwise ° is degrees (a unit). */
	if (a.nfrac == 0 && a.ip == 1 && strncmp(p + k, "\xC2\xB0 de ", 5) == 0) {
		struct wk_buf t = WK_BUF_INIT;

		if (wk_ord_words(s->v, 1, WK_BARE, &t) == 0) {
			vs_take(s, &t);
			return k + 2;
		}
		vs_drop(s, &t);
	}

	/* "1 de diciembre": the first of the month is "primero". */
	if (a.nfrac == 0 && a.ip == 1 && *wk_voice_word(s->v, "day-one") != '\0') {
		const char *q = p + k + vs_skip_space(p + k);
		size_t mi;

		if (strncmp(q, "de ", 3) == 0)
			for (mi = 0; mi < 12; mi++) {
				size_t ml = strlen(s->v->months[mi]);

				if (wk_eq_fold(q + 3, ml, s->v->months[mi]) &&
				    vs_boundary(q + 3 + ml)) {
					vs_puts(s, wk_voice_word(s->v, "day-one"));
					return k;
				}
			}
	}

	/* Percentages. */
	sp = vs_skip_space(p + k);
	if (sp <= 1 && p[k + sp] == '%') {
		struct vs t = { s->v, NULL };
		struct wk_buf tb = WK_BUF_INIT;
		const char *key = "n";
		const char *val;

		t.out = &tb;
		say_numlit(&t, &a, WK_BARE);
		val = wk_buf_str(&tb);
		vs_template(s, "percent", &key, &val, 1);
		vs_drop(s, &tb);
		return k + sp + 1;
	}

	/* Ranges: 10-12 kg, 10 – 12 soles. */
	sp = vs_skip_space(p + k);
	if (a.nfrac == 0 && (p[k + sp] == '-' ||
	    strncmp(p + k + sp, "\xE2\x80\x93", 3) == 0)) {
		size_t dl = p[k + sp] == '-' ? 1 : 3;
		size_t sp2 = vs_skip_space(p + k + sp + dl);

		if ((sp == sp2 || dl == 3) && vs_is_digit(p[k + sp + dl + sp2])) {
			scan_num(p + k + sp + dl + sp2, &b);
			if (b.ok && b.nfrac == 0) {
				size_t end = k + sp + dl + sp2 + b.len, ul;
				struct wk_buf fa = WK_BUF_INIT, fb = WK_BUF_INIT;
				struct vs va = { s->v, &fa }, vb = { s->v, &fb };
				const char *keys[] = { "from", "to" };
				const char *vals[2];

				u = unit_at(s, p + end, &ul);
				g = u ? u->gender : next_gender(s, p + end, &noun);
				say_num(&va, a.ip, g);
				if (u != NULL) {
					say_quantity(&vb, &b, u);
					end += ul;
				} else
					say_num(&vb, b.ip, g);
				vals[0] = wk_buf_str(&fa);
				vals[1] = wk_buf_str(&fb);
				vs_template(s, "range", keys, vals, 2);
				vs_drop(s, &fa);
				vs_drop(s, &fb);
				return end;
			}
		}
	}

	/* A unit: 3 kg, 21 @, 2.5 t. */
	if ((u = unit_at(s, p + k, &n)) != NULL && n > 0) {
		say_quantity(s, &a, u);
		return k + n;
	}

	/* A noun: agreement and "de" after whole millions. */
	g = next_gender(s, p + k, &noun);
	say_numlit(s, &a, a.nfrac ? WK_BARE : g);
	if (noun && a.nfrac == 0 && wk_num_takes_of(s->v, a.ip))
		vs_puts(s, wk_voice_word(s->v, "of"));
	return k;
}

