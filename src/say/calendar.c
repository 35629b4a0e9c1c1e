/*
 * Dates and clock times as words: ISO dates (2026-11-29), dates as Peruvian
 * editors write them (29/11/2026, 29/11/26, 29.11.2026, el 15/12, 30 nov.,
 * 8 de dic., 1 enero, 29 de noviembre de 2026, abril 30, nov. 2026, vie. 10
 * de mayo) and times (06:00, 6 a. m., 8.30 a.m., 18:00 horas, a las 10:00
 * de la mañana; seis y media). A weekday the editor wrote before a date is
 * not said again (jueves, 24/12/2026), and a case suffix after a hyphen
 * (Quechua 06:00-manta) goes on the figure's own words. The frames come
 * from the voice's templates; the names from its <weekdays>, <months> and
 * <month-abbrs> and the "weekday-abbrs" list; the parts of the day from
 * its <periods>.
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
wk_say_date(const struct vs *ps, int y, int m, int d, int weekday, int del,
    struct wk_buf *out)
{
	const struct wk_voice *v = ps->v;
	struct vs s = vs_sub(ps, out);
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
	vals[0] = y > 0 && wk_date_valid(y, m, d) ? v->weekdays[wk_date_weekday(dt)]
	    : "";
	vals[1] = wk_buf_str(&day);
	vals[2] = v->months[m - 1];
	vals[3] = wk_buf_str(&year);
	vs_template(&s, y <= 0 ? "date-no-year" : weekday && *vals[0] ? "date"
	    : del && *wk_voice_phrase(v, "date-del") ? "date-del"
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

/* Whether the editor wrote a weekday right before the date at p (jueves,
 * 24/12/2026; el jueves 24/12): then it is not said again. */
static int
weekday_before(const struct vs *s, const char *p)
{
	size_t n;
	const char *w = vs_prev_word(s, p, &n);

	if (w != NULL && n > 0 && w[n - 1] == ',')
		n--;
	if (w != NULL && n > 3 && w[0] == 'e' && w[1] == 'l' && w[2] == ' ')
		w += 3, n -= 3;
	return w != NULL && n > 0 && vs_weekday_at(s, w, &(size_t){ 0 }) >= 0 &&
	    vs_word_len(w) == n;
}

/* A date said the Quechua way when a case suffix follows it (29/11-kama):
 * the month first, then the day with the voice's day word and the suffix
 * (date-suffix phrase), so that it does not land on killapi. */
static size_t
date_suffix(struct vs *s, int y, int m, int d, const char *p)
{
	const char *suf;
	size_t nsuf, n = vs_suffix_at(s, p, &suf, &nsuf);
	struct wk_buf day = WK_BUF_INIT, sb = WK_BUF_INIT, yb = WK_BUF_INIT;
	const char *keys[] = { "day", "month", "suffix", "year" };
	const char *vals[4];
	/* A written year is never lost (4/12/2026-kama): the voice's
	 * "date-suffix-year". */
	const char *id = y > 0 &&
	    *wk_voice_phrase(s->v, "date-suffix-year") != '\0' ?
	    "date-suffix-year" : "date-suffix";

	if (n == 0 || *wk_voice_phrase(s->v, "date-suffix") == '\0')
		return 0;
	wk_num_words(s->v, (unsigned long long)d, WK_BARE, &day);
	if (y > 0)
		wk_num_words(s->v, (unsigned long long)y, WK_BARE, &yb);
	wk_buf_append(&sb, suf, nsuf);
	vals[0] = wk_buf_str(&day);
	vals[1] = s->v->months[m - 1];
	vals[2] = wk_buf_str(&sb);
	vals[3] = wk_buf_str(&yb);
	vs_template(s, id, keys, vals, 4);
	vs_drop(s, &day);
	vs_drop(s, &sb);
	vs_drop(s, &yb);
	return n;
}

static size_t
say_date_del(struct vs *s, const char *p, int y, int m, int d, int weekday,
    int del, size_t len)
{
	struct wk_buf t = WK_BUF_INIT;
	size_t n;

	if ((n = date_suffix(s, y, m, d, p + len)) > 0)
		return len + n;
	wk_say_date(s, y, m, d, weekday && !weekday_before(s, p), del, &t);
	vs_take(s, &t);
	return len;
}

static size_t
say_date_at(struct vs *s, const char *p, int y, int m, int d, int weekday,
    size_t len)
{
	return say_date_del(s, p, y, m, d, weekday, 0, len);
}

/* Whether the word before p makes a day/month figure a date ("el 1/12",
 * "hasta el 5/1": the voice's "date-before" list). */
static int
date_context(const struct vs *s, const char *p)
{
	size_t n;
	const char *w = vs_prev_word(s, p, &n);

	if (w != NULL && n > 0 && w[n - 1] == ',')
		n--;
	return w != NULL && (vs_in_list(s, "date-before", w, n) ||
	    vs_weekday_at(s, w, &(size_t){ 0 }) >= 0);
}

/* 29/11/2026, 29-11-2026, 29.11.2026, 29/11/26 and, day and month only,
 * 15/12 (not a fraction: after a word of "date-before", a day past the
 * month's number or a leading zero, and no unit after it). */
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
		if (a < 1 || a > 31 || b < 1 || b > 12)
			return 0;
		return say_date_at(s, p, c, b, a, 1, k + 1 + nc);
	}
	/* Day and month alone: only with '/', and not "1/2 kg". */
	if (sep != '/' || !vs_boundary(p + k) || (p[k] == '.' &&
	    vs_is_digit(p[k + 1])) || vs_unit_at(s, p + k, &ul) != NULL ||
	    !wk_date_valid(2000, b, a) ||
	    !(date_context(s, p) || a > b || p[0] == '0' || p[na + 1] == '0'))
		return 0;
	return say_date_at(s, p, 0, b, a, 0, k);
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
	int d, m, y = 0, del = 0;
	size_t nd, k, ml, sp, n;

	nd = vs_digits(p, 2, &d);
	if (nd == 0 || vs_is_digit(p[nd]) || d < 1 || d > 31)
		return 0;
	k = nd + vs_skip_space(p + nd);
	if (k == nd)
		return 0;
	if (vs_word_at(p + k, "de"))
		k += 2 + vs_skip_space(p + k + 2);
	if ((m = vs_month_at(s, p + k, &ml)) == 0 || !wk_date_valid(2000, m, d))
		return 0;
	k += ml;
	sp = vs_skip_space(p + k);
	if (sp > 0 && (vs_word_at(p + k + sp, "de") || vs_word_at(p + k + sp,
	    "del"))) {
		size_t w = p[k + sp + 2] == 'l' ? 3 : 2, sp2, ny;

		sp2 = vs_skip_space(p + k + sp + w);
		ny = vs_digits(p + k + sp + w + sp2, 4, &y);
		if (ny == 4 && vs_boundary(p + k + sp + w + sp2 + ny) &&
		    wk_date_valid(y, m, d)) {
			k += sp + w + sp2 + ny;
			del = w == 3;
		} else
			y = 0;
	} else if (sp == 1 && vs_digits(p + k + 1, 4, &y) == 4 &&
	    vs_boundary(p + k + 5) && wk_date_valid(y, m, d)) {
		k += 5;		/* 10 mayo 1990 */
	} else
		y = 0;
	if ((n = day_word_follows(s, p + k)) > 0 && y == 0)
		return say_before_day(s, m, d, k);
	k = say_date_del(s, p, y, m, d, 0, del, k);
	/* "hasta el 30 nov." ends the sentence with its full stop. */
	if (p[k - 1] == '.' && p[k + vs_skip_space(p + k)] == '\0')
		vs_close(s, ".", 1);
	return k + echo_word(s, p + k);
}

/* 1990-2-30, 1990-02-30: a year, month and day that make no calendar
 * date are said as written, without a weekday. */
static size_t
date_iso_loose(struct vs *s, const char *p)
{
	int y, m, d;
	size_t ny = vs_digits(p, 4, &y), nm, nd;

	if (ny != 4 || p[4] != '-' || (nm = vs_digits(p + 5, 2, &m)) == 0 ||
	    p[5 + nm] != '-' || (nd = vs_digits(p + 6 + nm, 2, &d)) == 0 ||
	    !vs_boundary(p + 6 + nm + nd) || m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	return say_date_at(s, p, y, m, d, wk_date_valid(y, m, d),
	    6 + nm + nd);
}

size_t
vs_try_date(struct vs *s, const char *p)
{
	struct wk_date dt;
	size_t n;

	if (strnlen(p, 10) == 10 && wk_date_parse_n(p, 10, &dt) == 0 &&
	    vs_boundary(p + 10))
		return say_date_at(s, p, dt.y, dt.m, dt.d, 1, 10);
	if ((n = date_iso_loose(s, p)) > 0)
		return n;
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

/* The voice's part of the day for h:m, or "". */
static const char *
clock_period(const struct vs *s, int h, int m)
{
	size_t i;

	for (i = 0; i < s->v->nperiods; i++)
		if (h * 60 + m >= s->v->periods[i].from_min &&
		    h * 60 + m <= s->v->periods[i].to_min)
			return s->v->periods[i].say;
	return "";
}

void
vs_say_time_range(struct vs *s, const char *from, const char *to,
    const char *p1, const char *p2)
{
	const char *keys[] = { "from", "to", "period", "from-period",
	    "to-period" };
	const char *vals[5] = { from, to, p2, p1, p2 };
	int same = strcmp(p1, p2) == 0;

	if (*p1 != '\0' && *p2 != '\0' && same &&
	    *wk_voice_phrase(s->v, "time-range-period") != '\0')
		vs_template(s, "time-range-period", keys, vals, 5);
	else if (*p1 != '\0' && *p2 != '\0' && !same &&
	    *wk_voice_phrase(s->v, "time-range-periods") != '\0')
		vs_template(s, "time-range-periods", keys, vals, 5);
	else
		vs_template(s, "range", keys, vals, 2);
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
		char id2[24];

		/* y media, y cuarto: the voice's words for some minutes. */
		snprintf(id2, sizeof id2, "minutes-%d", m);
		if (*wk_voice_word(s->v, id2) != '\0')
			wk_buf_puts(&mw, wk_voice_word(s->v, id2));
		else
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
	/* "13.30" is a time where the decimal mark is the comma. */
	if (k > nh && !colon && s->ctx != NULL && s->ctx->mark == ',' &&
	    (w = hours_word(p + k)) == 0 && ampm(p + k, &pm) == 0)
		return k + written_period(s, p + k, period);
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

/* After a time at p: "-", "–" (or, in a voice that says ranges its own
 * way, "a" and "hasta") and a second time: both said with the voice's
 * range phrase, the part of the day once for each (Spanish) or left out
 * (time-in-range: Quechua suqta uramanta chunka urakama). */
static size_t
time_range_end(struct vs *s, const char *p, int h, int m, const char *period)
{
	size_t sp = vs_skip_space(p), k, n;
	int h2, m2, fs;
	const char *period2;
	int own = !vs_keeps_range_words(s) &&
	    *wk_voice_phrase(s->v, "time-in-range") != '\0';
	struct wk_buf fa = WK_BUF_INIT, fb = WK_BUF_INIT;
	struct vs va = vs_sub(s, &fa), vb = vs_sub(s, &fb);
	const char *keys[] = { "from", "to" };
	const char *vals[2];

	if (p[sp] == '-')
		k = sp + 1;
	else if (strncmp(p + sp, "\xE2\x80\x93", 3) == 0)
		k = sp + 3;
	else if (own && sp == 1 && (vs_word_at(p + 1, "a") ||
	    vs_word_at(p + 1, "hasta")))
		k = 1 + vs_word_len(p + 1);
	else
		return 0;
	k += vs_skip_space(p + k);
	if (!vs_is_digit(p[k]) ||
	    (n = scan_time(s, p + k, &h2, &m2, &period2, &fs)) == 0)
		return 0;
	say_time(&va, h, m, own ? "" : period, own ? "time-in-range" : "time");
	say_time(&vb, h2, m2, own ? "" : period2, own ? "time-in-range" : "time");
	vals[0] = wk_buf_str(&fa);
	vals[1] = wk_buf_str(&fb);
	if (own)
		vs_say_time_range(s, vals[0], vals[1],
		    period != NULL ? period : clock_period(s, h, m),
		    period2 != NULL ? period2 : clock_period(s, h2, m2));
	else
		vs_template(s, "range", keys, vals, 2);
	vs_drop(s, &fa);
	vs_drop(s, &fb);
	return k + n;
}

/* Whether the voice's range phrase is "{from}A {to}B" with the n1 bytes
 * at s1 for A and the n2 at s2 for B: the editor wrote the voice's own
 * range (Quechua 14:00-manta 17:00-kama). */
static int
own_range_suffixes(const struct vs *s, const char *s1, size_t n1,
    const char *s2, size_t n2)
{
	const char *r = wk_voice_phrase(s->v, "range");
	size_t f = strlen("{from}"), t = strlen(" {to}");

	return strncmp(r, "{from}", f) == 0 && strncmp(r + f, s1, n1) == 0 &&
	    strncmp(r + f + n1, " {to}", t) == 0 &&
	    strncmp(r + f + n1 + t, s2, n2) == 0 && r[f + n1 + t + n2] == '\0';
}

/* After a time written with the range's first suffix (h:m-manta, its
 * part of the day period or NULL), at q: a second time with the range's
 * last suffix in the same part of the day, said once after both with the
 * voice's time-range-period (iskay uramanta pichqa urakama chisinpi). Its
 * bytes, or 0 (two parts of the day stay at each end, as written). */
static size_t
suffix_range(struct vs *s, const char *q, int h, int m, const char *period,
    const char *suf, size_t nsuf)
{
	size_t sp = vs_skip_space(q), k, n, nsuf2;
	int h2, m2, fs;
	const char *period2, *suf2, *p1, *p2;
	struct wk_buf fa = WK_BUF_INIT, fb = WK_BUF_INIT;
	struct vs va, vb;

	if (sp != 1 || !vs_is_digit(q[sp]) ||
	    *wk_voice_phrase(s->v, "time-range-period") == '\0' ||
	    (k = scan_time(s, q + sp, &h2, &m2, &period2, &fs)) == 0 ||
	    (n = vs_suffix_at(s, q + sp + k, &suf2, &nsuf2)) == 0 ||
	    !own_range_suffixes(s, suf, nsuf, suf2, nsuf2))
		return 0;
	p1 = period != NULL ? period : clock_period(s, h, m);
	p2 = period2 != NULL ? period2 : clock_period(s, h2, m2);
	if (*p1 == '\0' || strcmp(p1, p2) != 0)
		return 0;
	va = vs_sub(s, &fa);
	vb = vs_sub(s, &fb);
	say_time(&va, h, m, "", "time-in-range");
	say_time(&vb, h2, m2, "", "time-in-range");
	vs_say_time_range(s, wk_buf_str(&fa), wk_buf_str(&fb), p1, p2);
	vs_drop(s, &fa);
	vs_drop(s, &fb);
	return sp + k + n;
}

size_t
vs_try_time(struct vs *s, const char *p)
{
	int h, m, fullstop;
	const char *period, *suf;
	size_t k = scan_time(s, p, &h, &m, &period, &fullstop), nsuf, n;

	if (k == 0)
		return 0;
	/* 06:00-manta: the suffix goes on the bare time, not on the part of
	 * the day (never "tutamantamanta"). */
	if ((n = vs_suffix_at(s, p + k, &suf, &nsuf)) > 0 &&
	    *wk_voice_phrase(s->v, "time-in-range") != '\0') {
		size_t r = suffix_range(s, p + k + n, h, m, period, suf, nsuf);

		if (r > 0)
			return k + n + r;
		say_time(s, h, m, "", "time-in-range");
		wk_buf_rtrim(s->out);
		wk_buf_append(s->out, suf, nsuf);
		/* The part of the day after the suffix, never lost
		 * (chunka urapi tutamanta): the voice's "time-suffix". */
		if (*wk_voice_phrase(s->v, "time-suffix") != '\0') {
			const char *pk[] = { "period" };
			const char *pv[1];

			pv[0] = period != NULL ? period : clock_period(s, h, m);
			vs_template(s, "time-suffix", pk, pv, 1);
		}
		return k + n;
	}
	if ((n = time_range_end(s, p + k, h, m, period)) > 0)
		return k + n;
	say_time(s, h, m, period, "time");
	if (fullstop)
		vs_close(s, ".", 1);
	return k + vs_unknown_after(s, p + k);
}

size_t
vs_try_time_bare(struct vs *s, const char *p, struct wk_buf *out,
    const char **pout)
{
	int h, m, fullstop;
	const char *period;
	struct vs t = { s->v, out, s->start, s->ctx };
	size_t k = scan_time(s, p, &h, &m, &period, &fullstop);

	if (k == 0 || *wk_voice_phrase(s->v, "time-in-range") == '\0')
		return 0;
	*pout = period != NULL ? period : clock_period(s, h, m);
	say_time(&t, h, m, "", "time-in-range");
	return k;
}

int
vs_weekday_at(const struct vs *s, const char *p, size_t *n)
{
	size_t wl = vs_word_len(p);
	const char *lex = wl ? wk_voice_lex(s->v, p, wl) : NULL;
	int d;

	*n = wl;
	for (d = 0; wl > 0 && d < 7; d++)
		if (wk_eq_fold(p, wl, s->v->weekdays[d]) ||
		    (lex != NULL && strcmp(lex, s->v->weekdays[d]) == 0))
			return d;
	return -1;
}

/* The weekday shortened at p ("vie.", "sáb."), from the voice's
 * "weekday-abbrs" list (seven entries from Sunday, '|' between forms): its
 * index and bytes, or -1. */
static int
weekday_abbr_at(const struct vs *s, const char *p, size_t *n)
{
	size_t wl = vs_word_len(p), i;
	const char *l = NULL;
	int d = 0;

	*n = 0;
	if (wl == 0 || p[wl] != '.')
		return -1;
	for (i = 0; i < s->v->ncontexts; i++)
		if (strcmp(s->v->contexts[i].from, "weekday-abbrs") == 0)
			l = s->v->contexts[i].to;
	while (l != NULL && *l != '\0' && d < 7) {
		size_t k;
		char one[64];

		l += strspn(l, " \t\n");
		k = strcspn(l, " \t\n");
		if (k == 0)
			break;
		if (k < sizeof one) {
			memcpy(one, l, k);
			one[k] = '\0';
			if (one_of(p, wl, one)) {
				*n = wl + 1;
				return d;
			}
		}
		l += k;
		d++;
	}
	return -1;
}

/* The bytes of the word after p (one space before it) when the phrase
 * just said holds it (Quechua "nov. 2026 killapi": killapi once). */
static size_t
said_again(const struct vs *s, const char *p, size_t from)
{
	const struct wk_buf *o = s->out;
	size_t wl, i;

	if (p[0] != ' ' || (wl = vs_word_len(p + 1)) < 3)
		return 0;
	for (i = from; i + wl <= o->len; i++)
		if ((i == from || o->data[i - 1] == ' ') &&
		    strncasecmp(o->data + i, p + 1, wl) == 0 &&
		    (i + wl == o->len || strchr(" ,.;", o->data[i + wl]) != NULL))
			return 1 + wl;
	return 0;
}

size_t
vs_try_month_first(struct vs *s, const char *p)
{
	size_t ml, k, wl, nd, ny;
	int m, d, y = 0, wd = -1;

	/* vie. 10 de mayo: the weekday said, the date follows. */
	if ((wd = weekday_abbr_at(s, p, &wl)) >= 0) {
		k = wl + vs_skip_space(p + wl);
		nd = vs_digits(p + k, 2, &d);
		if (nd == 0 || vs_skip_space(p + k + nd) != 1 ||
		    !vs_word_at(p + k + nd + 1, "de"))
			return 0;
		vs_puts(s, s->v->weekdays[wd]);
		return wl;
	}
	if ((m = vs_month_at(s, p, &ml)) == 0 || vs_skip_space(p + ml) != 1 ||
	    !vs_is_digit(p[ml + 1]))
		return 0;
	/* A short form needs its dot (mar. 10), a full name none. */
	if (p[ml - 1] != '.' && !wk_eq_fold(p, ml, s->v->months[m - 1]) &&
	    wk_voice_lex(s->v, p, ml) == NULL)
		return 0;
	k = ml + 1;
	/* nov. 2026, noviembre 2026 */
	if ((ny = vs_digits(p + k, 4, &y)) == 4 && vs_boundary(p + k + 4) &&
	    *wk_voice_phrase(s->v, "month-year") != '\0') {
		struct wk_buf yb = WK_BUF_INIT;
		const char *keys[] = { "month", "year" };
		const char *vals[2];

		size_t from = s->out->len;

		wk_num_words(s->v, (unsigned long long)y, WK_BARE, &yb);
		vals[0] = s->v->months[m - 1];
		vals[1] = wk_buf_str(&yb);
		vs_template(s, "month-year", keys, vals, 2);
		vs_drop(s, &yb);
		k += 4;
		return k + said_again(s, p + k, from);
	}
	/* abril 30, abr. 22, junio 11 2000 */
	nd = vs_digits(p + k, 2, &d);
	if (nd == 0 || vs_is_digit(p[k + nd]) || !vs_boundary(p + k + nd) ||
	    (p[k + nd] == ':' || p[k + nd] == '.' || p[k + nd] == ',') ||
	    !wk_date_valid(2000, m, d))
		return 0;
	k += nd;
	y = 0;
	if (vs_skip_space(p + k) == 1 && vs_digits(p + k + 1, 4, &y) == 4 &&
	    vs_boundary(p + k + 5) && wk_date_valid(y, m, d))
		k += 5;
	else
		y = 0;
	return say_date_at(s, p, y, m, d, 0, k);
}
