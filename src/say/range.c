/*
 * Ranges as words: two figures joined by a dash (10-12 kg, handled with the
 * numbers in figures.c) or led by words (entre 2,50 y 3 soles, de 10 a 12,
 * del 15 al 20 de diciembre, de lunes a viernes, de 8:00 a 13:00). Both
 * ends of a money range are said as money, so that "2,50 y 3 soles" is not
 * heard as 2,53. Spanish keeps the editor's words; a voice with its own
 * frames (Quechua -manta ... -kama) says them with its "range-words",
 * "day-range" and "time-in-range" templates.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "numword.h"
#include "base/text.h"
#include "verbal.h"
#include "verbal_priv.h"

/* Says a, then b with the unit after it (or the noun's gender), with the
 * voice's template id: "diez a doce kilos"; a with a decimal part gets the
 * unit too, so that "entre 2,50 y 3 soles" is not heard as 2,53. */
size_t
vs_say_range(struct vs *s, const char *id, const char *const *words,
    const struct numlit *a, const struct numlit *b, const char *p)
{
	struct wk_buf fa = WK_BUF_INIT, fb = WK_BUF_INIT;
	struct vs va = vs_sub(s, &fa), vb = vs_sub(s, &fb);
	const char *keys[] = { "from", "to", "open", "close" };
	const char *vals[4];
	size_t ul = 0;
	const struct wk_currency *c = vs_currency_at(s, p, 1, &ul);
	const struct wk_unit *u = c != NULL ? NULL : vs_unit_at(s, p, &ul);
	enum wk_gender g;
	int noun;

	g = u ? u->gender : c ? c->unit.gender : vs_next_gender(s, p, &noun);
	if (c != NULL && a->nfrac <= 2 && b->nfrac <= 2 && a->ndig < 16 &&
	    b->ndig < 16) {
		const struct wk_unit *cu = &c->unit, *sub = c->sub.one ? &c->sub
		    : NULL;
		unsigned long long ca = a->ip * 100, cb = b->ip * 100;

		if (c->borrowed) {
			cu = vs_unit_borrow(s, cu);
			sub = sub ? vs_unit_borrow(s, sub) : NULL;
		}
		ca += a->nfrac ? (unsigned long long)(a->frac[0] - '0') * 10 +
		    (a->nfrac > 1 ? (unsigned long long)(a->frac[1] - '0') : 0) : 0;
		cb += b->nfrac ? (unsigned long long)(b->frac[0] - '0') * 10 +
		    (b->nfrac > 1 ? (unsigned long long)(b->frac[1] - '0') : 0) : 0;
		vs_say_amount(s, ca, cu, sub, &fa);
		vs_say_amount(s, cb, cu, sub, &fb);
	} else {
		if (u != NULL && a->nfrac > 0)
			vs_say_quantity(&va, a, u);
		else
			vs_say_numlit(&va, a, a->nfrac ? WK_BARE : g);
		if (u != NULL)
			vs_say_quantity(&vb, b, u);
		else
			vs_say_numlit(&vb, b, b->nfrac ? WK_BARE : g);
	}
	vals[0] = wk_buf_str(&fa);
	vals[1] = wk_buf_str(&fb);
	vals[2] = words ? words[0] : "";
	vals[3] = words ? words[1] : "";
	vs_template(s, id, keys, vals, 4);
	vs_drop(s, &fa);
	vs_drop(s, &fb);
	return u != NULL || c != NULL ? ul : 0;
}

/* The closing word paired with the opening word w in the voice's
 * "range-words" list ("entre:y"), or NULL. */
static const char *
range_close(const struct vs *s, const char *w, size_t n, char *buf,
    size_t cap)
{
	const char *l = NULL;
	size_t i;

	for (i = 0; i < s->v->ncontexts; i++)
		if (strcmp(s->v->contexts[i].from, "range-words") == 0)
			l = s->v->contexts[i].to;
	while (l != NULL && *l != '\0') {
		size_t k, c;

		l += strspn(l, " \t\n");
		k = strcspn(l, " \t\n");
		c = strcspn(l, ":");
		if (c < k && c == n && strncasecmp(l, w, n) == 0 &&
		    k - c - 1 < cap) {
			memcpy(buf, l + c + 1, k - c - 1);
			buf[k - c - 1] = '\0';
			return buf;
		}
		l += k;
	}
	return NULL;
}

/* "de lunes a viernes" in a voice that says ranges its own way. */
static size_t
weekday_range(struct vs *s, const char *p, const char *close, const char *o,
    size_t ol)
{
	size_t k = ol + 1, n1, n2, cl = strlen(close);
	int d1, d2;
	const char *keys[] = { "from", "to", "open", "close" };
	const char *vals[4];
	char open[16];

	if ((d1 = vs_weekday_at(s, p + k, &n1)) < 0 || p[k + n1] != ' ' ||
	    !vs_word_at(p + k + n1 + 1, close) || p[k + n1 + 1 + cl] != ' ' ||
	    (d2 = vs_weekday_at(s, p + k + n1 + cl + 2, &n2)) < 0 ||
	    vs_keeps_range_words(s) || ol >= sizeof open)
		return 0;
	memcpy(open, o, ol);
	open[ol] = '\0';
	vals[0] = s->v->weekdays[d1];
	vals[1] = s->v->weekdays[d2];
	vals[2] = open;
	vals[3] = close;
	vs_template(s, "range-words", keys, vals, 4);
	return k + n1 + cl + 2 + n2;
}

/* "de 8:00 a 13:00": times in a range, in a voice with "time-in-range". */
static size_t
time_range(struct vs *s, const char *p, const char *close, size_t k)
{
	struct wk_buf fa = WK_BUF_INIT, fb = WK_BUF_INIT;
	size_t n1, n2 = 0, cl = strlen(close), sp;
	const char *p1 = "", *p2 = "";

	if ((n1 = vs_try_time_bare(s, p + k, &fa, &p1)) > 0) {
		sp = vs_skip_space(p + k + n1);
		if (sp == 1 && vs_word_at(p + k + n1 + 1, close) &&
		    p[k + n1 + 1 + cl] == ' ')
			n2 = vs_try_time_bare(s, p + k + n1 + cl + 2, &fb,
			    &p2);
	}
	if (n2 > 0)
		vs_say_time_range(s, wk_buf_str(&fa), wk_buf_str(&fb), p1, p2);
	vs_drop(s, &fa);
	vs_drop(s, &fb);
	return n2 > 0 ? k + n1 + cl + 2 + n2 : 0;
}

/* "del 15 al 20 de diciembre" with the voice's "day-range" template. */
static size_t
day_range(struct vs *s, const char *p, const char *const *words,
    const struct numlit *a, const struct numlit *b, size_t end)
{
	size_t sp = vs_skip_space(p + end), ml;
	int m;
	struct wk_buf fa = WK_BUF_INIT, fb = WK_BUF_INIT;
	const char *keys[] = { "from", "to", "open", "close", "month" };
	const char *vals[5];

	if (sp != 1 || !vs_word_at(p + end + 1, "de") || a->nfrac || b->nfrac ||
	    a->ip < 1 || b->ip > 31 || a->ip >= b->ip ||
	    (m = vs_month_at(s, p + end + 4, &ml)) == 0 ||
	    *wk_voice_phrase(s->v, "day-range") == '\0')
		return 0;
	wk_num_words(s->v, a->ip, WK_BARE, &fa);
	wk_num_words(s->v, b->ip, WK_BARE, &fb);
	vals[0] = wk_buf_str(&fa);
	vals[1] = wk_buf_str(&fb);
	vals[2] = words[0];
	vals[3] = words[1];
	vals[4] = s->v->months[m - 1];
	vs_template(s, "day-range", keys, vals, 5);
	vs_drop(s, &fa);
	vs_drop(s, &fb);
	return end + 4 + ml;
}

size_t
vs_try_word_range(struct vs *s, const char *p)
{
	size_t ol = vs_word_len(p), k, cl, n;
	char close[16], open[16];
	const char *words[2];
	struct numlit a, b;

	if (ol == 0 || ol >= sizeof open || p[ol] != ' ' ||
	    range_close(s, p, ol, close, sizeof close) == NULL)
		return 0;
	memcpy(open, p, ol);
	open[ol] = '\0';
	words[0] = open;
	words[1] = close;
	cl = strlen(close);
	if ((n = weekday_range(s, p, close, p, ol)) > 0)
		return n;
	k = ol + 1;
	if (!vs_is_digit(p[k]))
		return 0;
	if (!vs_keeps_range_words(s) && (n = time_range(s, p, close, k)) > 0)
		return n;
	vs_scan_num(s, p + k, &a);
	if (!a.ok || p[k + a.len] != ' ' || !vs_word_at(p + k + a.len + 1, close) ||
	    p[k + a.len + 1 + cl] != ' ' || !vs_is_digit(p[k + a.len + cl + 2]))
		return 0;
	vs_scan_num(s, p + k + a.len + cl + 2, &b);
	if (!b.ok || !vs_boundary(p + k + a.len + cl + 2 + b.len))
		return 0;
	n = k + a.len + cl + 2 + b.len;
	if (!vs_keeps_range_words(s)) {
		size_t d = day_range(s, p, words, &a, &b, n);

		if (d > 0)
			return d;
	} else if (a.nfrac == 0)
		return 0;	/* Spanish reads "de 10 a 12 kilos" as written */
	{
		size_t ul;

		if (a.nfrac > 0 && vs_keeps_range_words(s) &&
		    vs_unit_at(s, p + n, &ul) == NULL &&
		    vs_currency_at(s, p + n, 1, &ul) == NULL)
			return 0;
	}
	return n + vs_say_range(s, "range-words", words, &a, &b, p + n);
}
