/*
 * Dates and clock times as words: ISO dates (2026-11-29), dates as Peruvian
 * editors write them (29/11/2026, 29/11/26, 29.11.2026, 15/12, 30 nov.,
 * 8 de dic., 29 de noviembre de 2026) and times (06:00, 6 a. m., 8.30
 * a.m., 18:00 horas, a las 10:00 de la mañana). The frames come from the
 * voice's templates; the names from its <weekdays>, <months> and
 * <month-abbrs>; the parts of the day from its <periods>.
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

/* Appends the spoken date (with weekday when weekday is true). */
static void
wk_say_date(const struct wk_voice *v, int y, int m, int d, int weekday,
    struct wk_buf *out)
{
	struct vs s = { v, out, NULL, NULL, 0 };
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
	vals[0] = y > 0 ? v->weekdays[wk_date_weekday(dt)] : "";
	vals[1] = wk_buf_str(&day);
	vals[2] = v->months[m - 1];
	vals[3] = wk_buf_str(&year);
	vs_template(&s, y <= 0 ? "date-no-year" : weekday ? "date"
	    : "date-no-weekday", keys, vals, 4);
	vs_drop(&s, &day);
	vs_drop(&s, &year);
}

/* Digits at p: their count (at most max), value in *v. */
static size_t
vs_digits(const char *p, size_t max, int *v)
{
	size_t n = 0;

	*v = 0;
	while (n < max && vs_is_digit(p[n]))
		*v = *v * 10 + (p[n++] - '0');
	return n;
}

/* True when the n bytes at p are one of the '|'-separated forms of alts. */
static int
one_of(const char *p, size_t n, const char *alts)
{
	while (*alts != '\0') {
		size_t k = strcspn(alts, "|");

		if (k == n && strncasecmp(p, alts, n) == 0)
			return 1;
		alts += k + (alts[k] == '|');
	}
	return 0;
}

int
vs_month_at(const struct vs *s, const char *p, size_t *n)
{
	size_t wl = vs_word_len(p);
	int m;

	*n = 0;
	if (wl == 0)
		return 0;
	for (m = 0; m < 12; m++) {
		if (wk_eq_fold(p, wl, s->v->months[m])) {
			*n = wl;
			return m + 1;
		}
		if (s->v->month_abbrs[m] != NULL &&
		    one_of(p, wl, s->v->month_abbrs[m])) {
			*n = wl + (p[wl] == '.');
			return m + 1;
		}
	}
	/* The Spanish name in a voice that says it otherwise (Quechua text
	 * with "noviembre"): the lexicon maps it to the voice's name. */
	{
		const char *lex = wk_voice_lex(s->v, p, wl);

		for (m = 0; lex != NULL && m < 12; m++)
			if (strcmp(lex, s->v->months[m]) == 0) {
				*n = wl;
				return m + 1;
			}
	}
	return 0;
}

static size_t
say_date_at(struct vs *s, int y, int m, int d, int weekday, size_t len)
{
	struct wk_buf t = WK_BUF_INIT;

	wk_say_date(s->v, y, m, d, weekday, &t);
	vs_take(s, &t);
	return len;
}

/* 29/11/2026, 29-11-2026, 29.11.2026, 29/11/26 and, day and month only,
 * 15/12 (one of them two digits, not a fraction before a unit). */
static size_t
date_numeric(struct vs *s, const char *p)
{
	int a, b, c;
	size_t na, nb, nc, k, ul;
	char sep;

	na = vs_digits(p, 2, &a);
	sep = p[na];
	if (na == 0 || (sep != '/' && sep != '-' && sep != '.'))
		return 0;
	nb = vs_digits(p + na + 1, 2, &b);
	if (nb == 0 || vs_is_digit(p[na + 1 + nb]))
		return 0;
	k = na + 1 + nb;
	if (p[k] == sep && vs_is_digit(p[k + 1])) {
		nc = vs_digits(p + k + 1, 4, &c);
		if ((nc != 4 && nc != 2) || !vs_boundary(p + k + 1 + nc))
			return 0;
		if (nc == 2)
			c += 2000;
		if (!wk_date_valid(c, b, a))
			return 0;
		return say_date_at(s, c, b, a, 1, k + 1 + nc);
	}
	/* Day and month alone: only with '/', and not "1/2 kg". */
	if (sep != '/' || (na < 2 && nb < 2) || !vs_boundary(p + k) ||
	    vs_unit_at(s, p + k, &ul) != NULL ||
	    !wk_date_valid(2000, b, a))
		return 0;
	return say_date_at(s, 0, b, a, 0, k);
}

/* The bytes of a word at p (after one space) that repeats the last word
 * said: Quechua "29 de noviembre killapi" says killapi once. */
static size_t
echo_word(const struct vs *s, const char *p)
{
	const struct wk_buf *o = s->out;
	size_t wl, e = o->len, b;

	if (p[0] != ' ' || (wl = vs_word_len(p + 1)) == 0 || e == 0)
		return 0;
	while (e > 0 && strchr(",.;:", o->data[e - 1]) != NULL)
		e--;
	b = e;
	while (b > 0 && o->data[b - 1] != ' ')
		b--;
	if (e - b != wl || strncasecmp(o->data + b, p + 1, wl) != 0)
		return 0;
	return 1 + wl;
}

/* Whether the editor's own day word follows (Quechua "30 de noviembre
 * punchawmanta"): a word at p that starts with one of the voice's
 * "day-words" and its template "date-before-day". */
static size_t
day_word_follows(const struct vs *s, const char *p)
{
	size_t i, wl;

	if (p[0] != ' ' || (wl = vs_word_len(p + 1)) == 0 ||
	    *wk_voice_phrase(s->v, "date-before-day") == '\0')
		return 0;
	for (i = 0; i < s->v->ncontexts; i++) {
		const char *l = s->v->contexts[i].to;

		if (strcmp(s->v->contexts[i].from, "day-words") != 0)
			continue;
		while (*l != '\0') {
			size_t n;

			l += strspn(l, " \t\n");
			n = strcspn(l, " \t\n");
			if (n > 0 && n <= wl && strncasecmp(p + 1, l, n) == 0)
				return wl;
			l += n;
		}
	}
	return 0;
}

/* The month first, then the day, so that the editor's day word (with its
 * case suffix) follows the day: "Nuwimri killapi, kimsa chunka
 * punchawmanta". */
static size_t
say_before_day(struct vs *s, int m, int d, size_t len)
{
	struct wk_buf day = WK_BUF_INIT;
	const char *keys[] = { "day", "month" };
	const char *vals[2];

	wk_num_words(s->v, (unsigned long long)d, WK_BARE, &day);
	vals[0] = wk_buf_str(&day);
	vals[1] = s->v->months[m - 1];
	vs_template(s, "date-before-day", keys, vals, 2);
	vs_drop(s, &day);
	return len;
}

/* 30 nov., 8 de dic., 29 de noviembre de 2026, 1 de mayo del 2027. */
static size_t
date_words(struct vs *s, const char *p)
{
	int d, m, y = 0;
	size_t nd, k, ml, sp, n;

	nd = vs_digits(p, 2, &d);
	if (nd == 0 || vs_is_digit(p[nd]) || d < 1 || d > 31)
		return 0;
	k = nd + vs_skip_space(p + nd);
	if (k == nd)
		return 0;
	if (vs_word_at(p + k, "de"))
		k += 2 + vs_skip_space(p + k + 2);
	else if ((m = vs_month_at(s, p + k, &ml)) == 0 || p[k + ml - 1] != '.')
		return 0;	/* "30 noviembre" without "de" is not a date */
	if ((m = vs_month_at(s, p + k, &ml)) == 0 || !wk_date_valid(2000, m, d))
		return 0;
	/* A full month name in Spanish reads well as it is written. */
	if (s->v->grammar == WK_GRAMMAR_ES && p[k + ml - 1] != '.' &&
	    wk_eq_fold(p + k, ml, s->v->months[m - 1]))
		return 0;
	k += ml;
	sp = vs_skip_space(p + k);
	if (sp > 0 && (vs_word_at(p + k + sp, "de") || vs_word_at(p + k + sp,
	    "del"))) {
		size_t w = p[k + sp + 2] == 'l' ? 3 : 2, sp2, ny;

		sp2 = vs_skip_space(p + k + sp + w);
		ny = vs_digits(p + k + sp + w + sp2, 4, &y);
		if (ny == 4 && vs_boundary(p + k + sp + w + sp2 + ny) &&
		    wk_date_valid(y, m, d))
			k += sp + w + sp2 + ny;
		else
			y = 0;
	}
	if ((n = day_word_follows(s, p + k)) > 0 && y == 0)
		return say_before_day(s, m, d, k);
	k = say_date_at(s, y, m, d, 0, k);
	/* "hasta el 30 nov." ends the sentence with its full stop. */
	if (p[k - 1] == '.' && p[k + vs_skip_space(p + k)] == '\0')
		vs_close(s, ".", 1);
	return k + echo_word(s, p + k);
}

size_t
vs_try_date(struct vs *s, const char *p)
{
	struct wk_date dt;
	size_t n;

	if (strnlen(p, 10) == 10 && wk_date_parse_n(p, 10, &dt) == 0 &&
	    vs_boundary(p + 10))
		return say_date_at(s, dt.y, dt.m, dt.d, 1, 10);
	if ((n = date_numeric(s, p)) > 0)
		return n;
	return date_words(s, p);
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

/* The part of the day the editor wrote after a time ("de la mañana"), so
 * that it is said once: its bytes, and the period in *say. */
static size_t
written_period(const struct vs *s, const char *p, const char **say)
{
	size_t sp = vs_skip_space(p), i;

	if (sp == 0 || sp > 1)
		return 0;
	for (i = 0; i < s->v->nperiods; i++) {
		const char *w = s->v->periods[i].say;
		size_t n = strlen(w);

		if (strncasecmp(p + sp, w, n) == 0 && vs_boundary(p + sp + n)) {
			*say = w;
			return sp + n;
		}
	}
	return 0;
}

/* Says h:m with the voice's "time" template (id), the period given or
 * the voice's for that time of day. */
static void
say_time(struct vs *s, int h, int m, const char *period, const char *id)
{
	struct wk_buf hour = WK_BUF_INIT, min = WK_BUF_INIT, mw = WK_BUF_INIT;
	const char *keys[] = { "hour", "minutes", "period", "n" };
	const char *vals[4];
	int h12 = h % 12 == 0 ? 12 : h % 12;
	size_t i;

	for (i = 0; period == NULL && i < s->v->nperiods; i++)
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
	vals[2] = period != NULL ? period : "";
	vs_template(s, id, keys, vals, 3);
	vs_drop(s, &hour);
	vs_drop(s, &min);
	vs_drop(s, &mw);
}

/* "horas", "h", "hrs." after a time. */
static size_t
hours_word(const char *p)
{
	static const char *hours[] = { "horas", "hrs.", "hrs", "hs", "h" };
	size_t sp = vs_skip_space(p), i;

	for (i = 0; sp <= 1 && i < sizeof hours / sizeof hours[0]; i++) {
		size_t n = strlen(hours[i]);

		if (strncmp(p + sp, hours[i], n) == 0 &&
		    (hours[i][n - 1] == '.' || vs_boundary(p + sp + n)))
			return sp + n;
	}
	return 0;
}

/* Reads a time at p: 18:00, 6:30 am, 8.30 a.m., 3 p. m., 18.00 h. Sets
 * *h, *m, *period (NULL: from the clock) and *fullstop (an "a. m." that
 * ends the text keeps its full stop); returns its bytes or 0. */
static size_t
scan_time(const struct vs *s, const char *p, int *h, int *m,
    const char **period, int *fullstop)
{
	int pm = -1, colon = 0;
	size_t nh, k, a, w;

	*m = 0;
	*period = NULL;
	*fullstop = 0;
	nh = vs_digits(p, 2, h);
	if (nh == 0 || vs_is_digit(p[nh]))
		return 0;
	k = nh;
	if ((p[k] == ':' || p[k] == '.') && vs_is_digit(p[k + 1]) &&
	    vs_is_digit(p[k + 2]) && vs_boundary(p + k + 3)) {
		colon = p[k] == ':';
		*m = (p[k + 1] - '0') * 10 + (p[k + 2] - '0');
		k += 3;
		if (*h > 23 || *m > 59)
			return 0;
	} else if (p[k] != ' ' && p[k] != '.' && p[k] != 'a' && p[k] != 'p')
		return 0;
	/* "12 m." is noon in Peru (meridies), not twelve metres. */
	if (k == nh && *h == 12 && strncmp(p + k, " m.", 3) == 0)
		return k + 3;
	if ((a = ampm(p + k, &pm)) > 0) {
		if (*h < 1 || *h > 12)
			return 0;
		*h = pm ? (*h % 12) + 12 : *h % 12;
		k += a;
		*fullstop = p[k - 1] == '.' && p[k + vs_skip_space(p + k)] == '\0';
		return k;
	}
	if (k == nh)
		return 0;	/* a bare number, not a time */
	if ((w = hours_word(p + k)) > 0)
		k += w;
	else if (!colon)
		return 0;	/* 8.30 alone is a decimal number */
	k += written_period(s, p + k, period);
	return k;
}

size_t
vs_try_time(struct vs *s, const char *p)
{
	int h, m, fullstop;
	const char *period;
	size_t k = scan_time(s, p, &h, &m, &period, &fullstop);

	if (k == 0)
		return 0;
	say_time(s, h, m, period, "time");
	if (fullstop)
		vs_close(s, ".", 1);
	return k;
}

size_t
vs_try_time_bare(struct vs *s, const char *p, struct wk_buf *out)
{
	int h, m, fullstop;
	const char *period;
	struct vs t = { s->v, out, s->start, NULL, 0 };
	size_t k = scan_time(s, p, &h, &m, &period, &fullstop);

	if (k == 0 || *wk_voice_phrase(s->v, "time-in-range") == '\0')
		return 0;
	say_time(&t, h, m, "", "time-in-range");
	return k;
}
