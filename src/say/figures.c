/*
 * Figures as words: numbers as typed (1,250.50 or 1.250,50 by the last
 * separator, a lone 1,002 by the declared decimal mark; 1 250 000; 21 mil,
 * 2,3 millones), with their sign (-, −, –), the thing they count (a unit,
 * units.c; a currency after them, currency.c; a noun, with agreement:
 * veintiún kilos, veintiuna arrobas, un millón de soles), percentages,
 * fractions (1/2 kg, 1 1/2 kg, ½, 3/5, 1/11, 1/1000: medio, un onceavo, un
 * milésimo), dash ranges, and "x" as "por". Decimals of more than three
 * digits are read in pairs (tres coma catorce quince). Dates and times are
 * in calendar.c, ordinals in ordinal.c, ranges led by words in range.c;
 * cardinals come from numword.c.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/text.h"
#include "numword.h"
#include "verbal.h"
#include "verbal_priv.h"

#define MAX_GROUPS 9

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

void
vs_say_int(struct vs *s, const struct numlit *nl, enum wk_gender g)
{
	struct wk_buf t = WK_BUF_INIT;

	if (wk_num_digits(s->v, nl->dig, nl->ndig, g, &t) != 0)
		wk_digit_words(s->v, nl->dig, nl->ndig, &t);
	vs_take(s, &t);
}

/* The decimal digits: up to three, leading zeros one by one ("cero
 * cinco") and the rest as one number ("cincuenta"); more, in pairs
 * (catorce quince; cero uno). The last word agrees with g. */
static void
say_frac(struct vs *s, const char *d, size_t n, enum wk_gender g)
{
	size_t i = 0;

	if (n <= 3) {
		while (i + 1 < n && d[i] == '0') {
			vs_say_num(s, 0, WK_BARE);
			i++;
		}
		{
			struct wk_buf t = WK_BUF_INIT;

			wk_num_digits(s->v, d + i, n - i, g, &t);
			vs_take(s, &t);
		}
		return;
	}
	for (; i < n; i += 2) {
		enum wk_gender lg = i + 2 >= n ? g : WK_BARE;

		if (i + 1 == n || d[i] == '0') {
			struct wk_buf t = WK_BUF_INIT;

			wk_digit_words(s->v, d + i, 1, &t);
			vs_take(s, &t);
			if (i + 1 < n)
				vs_say_num(s, (unsigned long long)(d[i + 1] - '0'), lg);
			continue;
		}
		vs_say_num(s, (unsigned long long)((d[i] - '0') * 10 +
		    (d[i + 1] - '0')), lg);
	}
}

/* The voice's word for the decimal mark before the word at p: "punto"
 * before FM (<list id="point-before">), else "coma". */
static const char *
point_word(const struct vs *s, const char *p)
{
	size_t sp = vs_skip_space(p), wl = vs_word_len(p + sp);

	if (sp <= 1 && wl > 0 && vs_in_list(s, "point-before", p + sp, wl) &&
	    *wk_voice_word(s->v, "dot") != '\0')
		return wk_voice_word(s->v, "dot");
	return wk_voice_word(s->v, "point");
}

static void
say_decimal(struct vs *s, const struct numlit *nl, enum wk_gender g,
    const char *point)
{
	vs_say_int(s, nl, g == WK_FEM ? WK_FEM : WK_BARE);
	vs_puts(s, point);
	say_frac(s, nl->frac, nl->nfrac, g == WK_FEM ? WK_FEM : WK_BARE);
}

void
vs_say_numlit(struct vs *s, const struct numlit *nl, enum wk_gender g)
{
	if (nl->nfrac == 0)
		vs_say_int(s, nl, g);
	else
		say_decimal(s, nl, g, wk_voice_word(s->v, "point"));
}

static void
set_digits(struct numlit *nl, const char *d, size_t n)
{
	size_t i;

	while (n > 1 && *d == '0') {
		d++;
		n--;
	}
	if (n > WK_NUM_DIGITS) {
		nl->ok = 0;
		return;
	}
	memcpy(nl->dig, d, n);
	nl->dig[n] = '\0';
	nl->ndig = n;
	nl->ip = 0;
	if (n <= 18)
		for (i = 0; i < n; i++)
			nl->ip = nl->ip * 10 + (unsigned long long)(d[i] - '0');
	nl->ok = 1;
}

/* Scans digit groups separated by single '.' or ',' and decides what they
 * mean: after the last separator, exactly three digits are thousands (when
 * every group fits: 1,250,000 or 1.250), otherwise that separator is the
 * decimal one (2,50; 1,234.50; 1.234,50; 3.5). One separator and three
 * digits (1,002) is read by the declared decimal mark, or as thousands and
 * noted as ambiguous. Spaces group thousands only (1 250 000; 1 250,50). */
void
vs_scan_num(const struct vs *s, const char *p, struct numlit *nl)
{
	const char *g[MAX_GROUPS];
	size_t gl[MAX_GROUPS], ng = 0, i, k = 0, sp;
	char sep[MAX_GROUPS], dig[MAX_GROUPS * 16];
	size_t nd = 0;

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
		set_digits(nl, g[0], gl[0]);
		return;
	}
	{
		int thousands = gl[ng - 1] == 3 && gl[0] >= 1 && gl[0] <= 3 &&
		    g[0][0] != '0';
		size_t last;
		char mark = s != NULL && s->ctx != NULL ? s->ctx->mark : 0;

		for (i = 1; i < ng && thousands; i++)
			if (gl[i] != 3 || sep[i - 1] != sep[0])
				thousands = 0;
		if (thousands && ng == 2 && sep[0] != ' ') {
			if (mark == sep[0])
				thousands = 0;
			else if (mark == 0)
				nl->ambiguous = 1;
		}
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
			memcpy(dig + nd, g[i], gl[i]);
			nd += gl[i];
		}
		set_digits(nl, dig, nd);
		if (!thousands) {
			nl->nfrac = gl[ng - 1] < sizeof nl->frac - 1 ? gl[ng - 1]
			    : sizeof nl->frac - 1;
			memcpy(nl->frac, g[ng - 1], nl->nfrac);
		}
	}
}

/* Reads a number that vs_scan_num could not make sense of: each group on
 * its own, separated by the word for the separator ("punto"). It is noted
 * for `check` as read digit by digit. */
static void
say_raw_digits(struct vs *s, const char *p, size_t n)
{
	size_t i = 0;

	vs_unsaid(s, p, n, WK_UNSAID_DIGITS);
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

void
vs_say_quantity(struct vs *s, const struct numlit *nl, const struct wk_unit *u)
{
	const char *of;

	vs_say_numlit(s, nl, nl->nfrac ? (u->gender == WK_FEM ? WK_FEM : WK_BARE)
	    : u->gender);
	if (nl->nfrac == 0 && (of = wk_num_of(s->v, nl->dig, nl->ndig)) != NULL)
		vs_puts(s, of);
	vs_puts(s, nl->nfrac == 0 && nl->ndig == 1 && nl->dig[0] == '1'
	    ? u->one : u->many);
}

/* A scale word of the voice after a figure at p ("mil", "millones";
 * Quechua text's Spanish ones through the lexicon): its power of ten, and
 * the bytes (with a "de" after it). */
static int
magnitude(const struct vs *s, const char *p, size_t *len)
{
	size_t sp = vs_skip_space(p), wl, i;
	const char *w, *lex;

	*len = 0;
	if (sp != 1 || (wl = vs_word_len(p + 1)) == 0)
		return 0;
	w = p + 1;
	lex = wk_voice_lex(s->v, w, wl);
	for (i = 0; i < s->v->nnums; i++) {
		const struct wk_numword *n = &s->v->nums[i];
		long val = n->value;
		int k = 0;

		if (!n->scale || n->value < 1000)
			continue;
		if (!wk_eq_fold(w, wl, n->bare) && (n->plural == NULL ||
		    !wk_eq_fold(w, wl, n->plural)) && (lex == NULL ||
		    strcmp(lex, n->bare) != 0))
			continue;
		while (val > 1) {
			val /= 10;
			k++;
		}
		*len = 1 + wl;
		if (p[*len] == ' ' && vs_word_at(p + *len + 1, "de") &&
		    p[*len + 3] == ' ')
			*len += 3;
		return k;
	}
	/* "millon" without its accent */
	if (wk_eq_fold(w, wl, "millon")) {
		*len = 1 + wl;
		return 6;
	}
	return 0;
}

/* Scales a typed number by 10^k (2.3 millones -> 2 300 000): the result
 * is whole. */
static int
scale(struct numlit *nl, int k)
{
	char d[WK_NUM_DIGITS + 40];
	size_t n = 0, i;

	if ((size_t)k < nl->nfrac || nl->ndig + (size_t)k > WK_NUM_DIGITS)
		return 0;
	memcpy(d, nl->dig, nl->ndig);
	n = nl->ndig;
	for (i = 0; i < (size_t)k; i++)
		d[n++] = i < nl->nfrac ? nl->frac[i] : '0';
	nl->nfrac = 0;
	set_digits(nl, d, n);
	return 1;
}

/* The fraction written at p: "1/2", "3/100" or a vulgar fraction sign
 * (½ ¼ ¾ ⅓ ⅖ ...); its numerator and denominator. */
static size_t
fraction_at(const char *p, unsigned long long *n, unsigned long long *d)
{
	static const struct {
		const char *sign;
		int n, d;
	} signs[] = {
		{ "\xC2\xBD", 1, 2 }, { "\xC2\xBC", 1, 4 }, { "\xC2\xBE", 3, 4 },
		{ "\xE2\x85\x93", 1, 3 }, { "\xE2\x85\x94", 2, 3 },
		{ "\xE2\x85\x95", 1, 5 }, { "\xE2\x85\x96", 2, 5 },
		{ "\xE2\x85\x97", 3, 5 }, { "\xE2\x85\x98", 4, 5 },
		{ "\xE2\x85\x99", 1, 6 }, { "\xE2\x85\x9A", 5, 6 },
		{ "\xE2\x85\x9B", 1, 8 }, { "\xE2\x85\x9C", 3, 8 },
		{ "\xE2\x85\x9D", 5, 8 }, { "\xE2\x85\x9E", 7, 8 },
		{ "\xE2\x85\x90", 1, 7 }, { "\xE2\x85\x91", 1, 9 },
		{ "\xE2\x85\x92", 1, 10 },
	};
	size_t i, k = 0, j;

	for (i = 0; i < sizeof signs / sizeof signs[0]; i++)
		if (strncmp(p, signs[i].sign, strlen(signs[i].sign)) == 0) {
			*n = (unsigned long long)signs[i].n;
			*d = (unsigned long long)signs[i].d;
			return strlen(signs[i].sign);
		}
	*n = *d = 0;
	while (vs_is_digit(p[k]) && k < 6)
		*n = *n * 10 + (unsigned long long)(p[k++] - '0');
	if (k == 0 || p[k] != '/' || !vs_is_digit(p[k + 1]) || p[0] == '0')
		return 0;
	j = ++k;
	for (;;) {
		while (vs_is_digit(p[k]) && k - j < 13)
			*d = *d * 10 + (unsigned long long)(p[k++] - '0');
		/* 1/100.000: thousands in the denominator */
		if (p[k] == '.' && vs_is_digit(p[k + 1]) && vs_is_digit(p[k + 2]) &&
		    vs_is_digit(p[k + 3]) && !vs_is_digit(p[k + 4])) {
			k++;
			continue;
		}
		break;
	}
	if (*d < 2 || vs_is_digit(p[k]) || !vs_boundary(p + k) ||
	    (p[k] == '/' || p[k] == '.' ? vs_is_digit(p[k + 1]) : 0))
		return 0;
	return k;
}

/* The fraction n/d as words, alone ("un tercio", "dos quintos", "uno
 * sobre ciento uno"), into out. */
static void
fraction_words(struct vs *s, unsigned long long n, unsigned long long d,
    struct wk_buf *out)
{
	const struct wk_fraction *fr = d < 100 && n < 100 ? wk_voice_fraction(s->v,
	    (int)n, (int)d) : NULL;
	struct wk_buf part = WK_BUF_INIT, num = WK_BUF_INIT;

	if (fr != NULL) {
		wk_buf_puts(out, fr->alone);
		return;
	}
	wk_num_words(s->v, n, n == 1 ? WK_MASC : WK_BARE, &num);
	if (wk_part_words(s->v, d, n > 1, &part) == 0 && num.len > 0) {
		wk_buf_puts(out, wk_buf_str(&num));
		wk_buf_putc(out, ' ');
		wk_buf_puts(out, wk_buf_str(&part));
	} else {
		struct wk_buf den = WK_BUF_INIT;
		const char *keys[] = { "n", "d" };
		const char *vals[2];

		wk_buf_clear(&num);
		wk_num_words(s->v, n, WK_BARE, &num);
		wk_num_words(s->v, d, WK_BARE, &den);
		vals[0] = wk_buf_str(&num);
		vals[1] = wk_buf_str(&den);
		wk_template(out, *wk_voice_phrase(s->v, "fraction-over") ?
		    wk_voice_phrase(s->v, "fraction-over") : "{n} {d}", keys, vals, 2);
		wk_buf_free(&den);
	}
	if (num.failed || part.failed)
		out->failed = 1;
	wk_buf_free(&num);
	wk_buf_free(&part);
}

/* A fraction alone or before its unit or noun: 1/2 kg -> medio kilo,
 * ½ arroba -> media arroba, 3/5 km -> tres quintos de kilómetro. */
static size_t
say_fraction(struct vs *s, const char *p)
{
	unsigned long long fn, fd;
	size_t k = fraction_at(p, &fn, &fd), ul;
	const struct wk_fraction *fr;
	const struct wk_unit *u;
	struct wk_buf t = WK_BUF_INIT;
	enum wk_gender g;
	int noun;

	if (k == 0)
		return 0;
	fr = fd < 100 && fn < 100 ? wk_voice_fraction(s->v, (int)fn, (int)fd)
	    : NULL;
	if ((u = vs_unit_at(s, p + k, &ul)) != NULL && ul > 0) {
		if (fr != NULL && (fr->masc != NULL || fr->fem != NULL)) {
			vs_puts(s, u->gender == WK_FEM && fr->fem ? fr->fem
			    : fr->masc ? fr->masc : fr->alone);
		} else {
			fraction_words(s, fn, fd, &t);
			vs_take(s, &t);
			vs_puts(s, wk_voice_word(s->v, "of"));
		}
		vs_puts(s, u->one);
		return k + ul;
	}
	g = vs_next_gender(s, p + k, &noun);
	if (fr != NULL && g != WK_BARE && (g == WK_FEM ? fr->fem : fr->masc)) {
		vs_puts(s, g == WK_FEM ? fr->fem : fr->masc);
		return k;
	}
	fraction_words(s, fn, fd, &t);
	vs_take(s, &t);
	return k;
}

/* A whole number and a fraction: 1 1/2 kg -> un kilo y medio; 2 ½ @ ->
 * dos arrobas y media; 3 2/100 -> tres y dos centésimos; 3 3/5 m -> tres y
 * tres quintos de metro. */
static size_t
mixed_fraction(struct vs *s, const char *p, const struct numlit *a)
{
	size_t sp = vs_skip_space(p), k, ul = 0;
	unsigned long long fn, fd;
	const struct wk_fraction *fr;
	const struct wk_unit *u;
	struct wk_buf t = WK_BUF_INIT;

	if (a->nfrac != 0 || sp != 1 || (k = fraction_at(p + sp, &fn, &fd)) == 0 ||
	    fn >= fd)
		return 0;
	fr = fd < 100 ? wk_voice_fraction(s->v, (int)fn, (int)fd) : NULL;
	u = vs_unit_at(s, p + sp + k, &ul);
	if (u != NULL && ul > 0 && fr != NULL && fr->after != NULL) {
		vs_say_quantity(s, a, u);
		vs_puts(s, u->gender == WK_FEM && fr->after_fem ? fr->after_fem
		    : fr->after);
		return sp + k + ul;
	}
	vs_say_int(s, a, u != NULL && ul > 0 && u->gender == WK_FEM ? WK_FEM
	    : WK_BARE);
	vs_puts(s, wk_voice_word(s->v, "and"));
	fraction_words(s, fn, fd, &t);
	vs_take(s, &t);
	if (u != NULL && ul > 0) {
		vs_puts(s, wk_voice_word(s->v, "of"));
		vs_puts(s, u->one);
		return sp + k + ul;
	}
	return sp + k;
}

static size_t
try_percent(struct vs *s, const char *p, const struct numlit *a)
{
	size_t sp = vs_skip_space(p);
	struct wk_buf tb = WK_BUF_INIT;
	struct vs t = vs_sub(s, &tb);
	const char *key = "n", *val;

	if (sp > 1 || p[sp] != '%')
		return 0;
	vs_say_numlit(&t, a, WK_BARE);
	val = wk_buf_str(&tb);
	vs_template(s, "percent", &key, &val, 1);
	vs_drop(s, &tb);
	return sp + 1;
}

/* Whether the figures around a dash at a (the first) and b (the second)
 * are a sum: "2 + 2 - 1 = 3" is no range. */
static int
arithmetic(const struct vs *s, const char *a, const char *b)
{
	const char *q = a;

	while (s->start != NULL && q > s->start && q[-1] == ' ')
		q--;
	if (s->start != NULL && q > s->start && (q[-1] == '+' || q[-1] == '='))
		return 1;
	while (vs_is_digit(*b) || *b == ',' || *b == '.')
		b++;
	b += vs_skip_space(b);
	return *b == '=' || *b == '+';
}

/* Ranges: 10-12 kg, 10 – 12 soles. */
static size_t
try_dash_range(struct vs *s, const char *p, const struct numlit *a)
{
	size_t sp = vs_skip_space(p), dl, sp2, end;
	struct numlit b;

	if (a->nfrac != 0)
		return 0;
	/* "10 a 15 mm" in a voice that says ranges its own way (Quechua:
	 * chunkamanta chunka pichqayuq milimitrukama). */
	if (sp == 1 && !vs_keeps_range_words(s) && (vs_word_at(p + 1, "a") ||
	    vs_word_at(p + 1, "hasta")))
		dl = vs_word_len(p + 1);
	else if (p[sp] == '-')
		dl = 1;
	else if (strncmp(p + sp, "\xE2\x80\x93", 3) == 0)
		dl = 3;
	else
		return 0;
	sp2 = vs_skip_space(p + sp + dl);
	if ((sp != sp2 && dl != 3) || !vs_is_digit(p[sp + dl + sp2]) ||
	    arithmetic(s, p - a->len, p + sp + dl + sp2))
		return 0;
	vs_scan_num(s, p + sp + dl + sp2, &b);
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

/* "1 de diciembre", "del 1 al 15 de diciembre": the first of the month
 * is "primero", also as the first day of a range of days. */
static size_t
try_first_of_month(struct vs *s, const char *p, const struct numlit *a,
    size_t k)
{
	static const char *const close[] = { "al", "a", "y", "hasta" };
	const char *q = p + k + vs_skip_space(p + k);
	size_t ml, i;

	if (a->nfrac != 0 || a->ip != 1 || a->ndig != 1 ||
	    *wk_voice_word(s->v, "day-one") == '\0')
		return 0;
	for (i = 0; !vs_word_at(q, "de") && i < sizeof close / sizeof close[0];
	    i++) {
		const char *r = q + strlen(close[i]);
		int d;
		size_t nd;

		if (!vs_word_at(q, close[i]) || *r != ' ')
			continue;
		r++;
		if (vs_word_at(r, "el") && r[2] == ' ')
			r += 3;		/* entre el 1 y el 5 de enero */
		for (nd = 0, d = 0; nd < 2 && vs_is_digit(r[nd]); nd++)
			d = d * 10 + (r[nd] - '0');
		if (nd == 0 || d < 2 || d > 31 || r[nd] != ' ')
			return 0;
		q = r + nd + 1;
		break;
	}
	if (!vs_word_at(q, "de"))
		return 0;
	q += 2 + vs_skip_space(q + 2);
	if (vs_month_at(s, q, &ml) == 0)
		return 0;
	vs_puts(s, wk_voice_word(s->v, "day-one"));
	return k;	/* the month follows, read as a word */
}

/* Letters right after a figure that no table knows and that cannot be read
 * as a word (180 psi): spelled, and noted for `check`. */
size_t
vs_unknown_after(struct vs *s, const char *p)
{
	size_t sp = vs_skip_space(p), wl = vs_word_len(p + sp);

	if (sp > 1 || wl < 2 || wl > 4 || !vs_boundary(p + sp + wl) ||
	    vs_abbr_len(s, p + sp) > 0 ||
	    wk_voice_lex(s->v, p + sp, wl) != NULL ||
	    wk_vocab_acronym(s->v->vocab, p + sp, wl) != NULL ||
	    vs_pronounceable(p + sp, wl))
		return 0;
	vs_unsaid(s, p + sp, wl, WK_UNSAID_WORD);
	vs_spell(s, p + sp, wl);
	return sp + wl;
}

/* A decade, "los 80s", "los años 90's": an s (or 's) glued to a figure
 * ending in 0 after a word of the voice's "decade-before" list is the
 * plural the article already says (los ochenta, as the RAE writes it), not
 * seconds. Says the figure and returns the bytes after it, or 0. */
static size_t
decade_s(struct vs *s, const char *p, const struct numlit *a)
{
	const char *prev;
	size_t n, k;

	if (p[0] == 's')
		k = 1;
	else if (p[0] == '\'' && p[1] == 's')
		k = 2;
	else if (strncmp(p, "\xE2\x80\x99s", 4) == 0)
		k = 4;
	else
		return 0;
	if (!vs_boundary(p + k) || a->nfrac != 0 || a->ndig < 2 ||
	    a->ndig > 4 || a->dig[a->ndig - 1] != '0' ||
	    (prev = vs_prev_word(s, p - a->len, &n)) == NULL ||
	    !vs_in_list(s, "decade-before", prev, n))
		return 0;
	vs_say_int(s, a, WK_MASC);
	return k;
}

/* A number and what it counts: a unit (3 kg), a currency after it (1,50 $),
 * a noun (veintiuna reses, "de" after whole millions) or nothing. */
static size_t
say_counted(struct vs *s, const char *p, const struct numlit *a)
{
	const struct wk_unit *u;
	size_t n;
	enum wk_gender g;
	int noun;
	const char *prev, *of;

	if ((n = vs_money_after(s, a, p)) > 0)
		return n;
	if ((n = decade_s(s, p, a)) > 0)
		return n;
	if ((u = vs_unit_at(s, p, &n)) != NULL && n > 0) {
		vs_say_quantity(s, a, u);
		return n;
	}
	g = vs_next_gender(s, p, &noun);
	/* "N° 38001 inicia": a label's number counts nothing. */
	if ((prev = vs_prev_word(s, p - a->len, &n)) != NULL &&
	    vs_in_list(s, "label", prev, n))
		g = WK_BARE, noun = 0;
	if (a->nfrac != 0)
		say_decimal(s, a, g, point_word(s, p));
	else
		vs_say_int(s, a, g);
	if (noun && a->nfrac == 0 &&
	    (of = wk_num_of(s->v, a->dig, a->ndig)) != NULL)
		vs_puts(s, of);
	if ((n = vs_glued_letter(s, p)) > 0)
		return n;
	return vs_unknown_after(s, p);
}

/* A currency after the magnitude word at p, with "de" between or not:
 * 1.2 millones de soles. */
static int
money_follows(const struct vs *s, const char *p)
{
	size_t ul;

	return vs_currency_at(s, p, 1, &ul) != NULL;
}

size_t
vs_try_number(struct vs *s, const char *p, int negative_ok)
{
	struct numlit a;
	size_t k = 0, n, ml;
	int neg = 0, mk;

	if (negative_ok && (k = vs_minus_at(p)) > 0)
		neg = 1;
	if (!vs_is_digit(p[k]))
		return (n = say_fraction(s, p)) > 0 ? n : 0;
	vs_scan_num(s, p + k, &a);
	if (neg)
		vs_puts(s, wk_voice_word(s->v, "minus"));
	if (!a.ok) {
		say_raw_digits(s, p + k, a.len);
		return k + a.len;
	}
	if (a.ambiguous)
		vs_unsaid(s, p + k, a.len, WK_UNSAID_AMBIGUOUS);
	k += a.len;
	if (a.nfrac == 0 && a.ndig <= 6 && p[k] == '/' &&
	    (n = say_fraction(s, p + k - a.len)) > 0)
		return k - a.len + n;
	if ((mk = magnitude(s, p + k, &ml)) > 0) {
		/* Money is said whole (dos millones trescientos mil soles);
		 * other decimals keep the word (dos coma tres millones). */
		if (a.nfrac == 0 || money_follows(s, p + k + ml)) {
			if (scale(&a, mk))
				k += ml;
		} else {
			/* The scale word follows as a word (lexicon: hunu). */
			vs_say_numlit(s, &a, WK_BARE);
			return k;
		}
	}
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
