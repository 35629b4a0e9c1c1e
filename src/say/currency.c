/*
 * Money as words: an amount with its currency written before the figure
 * (S/ 2.50, US$ 10, € 5, PEN 20) or after it (1,50 $, 5,50 €, 20 soles,
 * 5 EUR), from the voice's currencies.txt; mil and millones after the
 * figure make a whole amount (S/ 2.3 millones: dos millones trescientos mil
 * soles). An amount is said in units and hundredths with the voice's money
 * phrase (dos soles con cincuenta céntimos), a range of two amounts with its
 * range phrase (S/ 2.50 – S/ 3.00, S/ 2.50-3.00, S/ 2.50 a S/ 3.00), and a
 * price per unit with its per-unit phrase (S/ 3.20/kg, S/ 3.20 el kg). The
 * currency is never dropped; a currency with no hundredths keeps its
 * decimals (doce coma cero cinco yenes).
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/text.h"
#include "verbal_priv.h"

/* Amounts in hundredths stay below this (10^16 units). */
#define MAX_CENTS_DIGITS 18

/* True when the written form w is the currency's name (soles, euros):
 * read only after a figure. */
static int
is_name(const struct wk_currency *c, const char *w)
{
	size_t n = strlen(w);

	return wk_eq_fold(w, n, c->unit.one) || wk_eq_fold(w, n, c->unit.many);
}

/* True when the form ends in a letter (PEN, soles), so that a letter may
 * not follow it. */
static int
ends_in_letter(const char *w)
{
	size_t n = strlen(w);

	return n > 0 && (((w[n - 1] | 0x20) >= 'a' && (w[n - 1] | 0x20) <= 'z') ||
	    (unsigned char)w[n - 1] >= 0xC3);
}

const struct wk_currency *
vs_currency_at(const struct vs *s, const char *p, int after, size_t *len)
{
	const struct wk_vocab *vc = s->v->vocab;
	const struct wk_currency *best = NULL;
	size_t i, j, bl = 0, sp = after ? vs_skip_space(p) : 0;
	const char *q = p + sp;

	*len = 0;
	if (vc == NULL || sp > 1)
		return NULL;
	for (i = 0; i < vc->ncurrencies; i++)
		for (j = 0; j < vc->currencies[i].nwritten; j++) {
			const char *w = vc->currencies[i].written[j];
			size_t n = strlen(w);

			if (n < bl || strncmp(q, w, n) != 0 ||
			    (!after && is_name(&vc->currencies[i], w)))
				continue;
			/* PEN20 and nio21 touch their figure; PENA is a word. */
			if (ends_in_letter(w) && !vs_boundary(q + n) &&
			    (after || !vs_is_digit(q[n])))
				continue;
			if (after && !vs_boundary(q + n))
				continue;
			if (after && vs_is_digit(q[n]))
				continue;
			best = &vc->currencies[i];
			bl = n;
		}
	if (best == NULL)
		return NULL;
	/* Before a figure: the figure follows, after at most one space. */
	if (!after) {
		size_t sp2 = vs_skip_space(q + bl);

		if (sp2 > 1 || !vs_is_digit(q[bl + sp2]))
			return NULL;
		*len = bl + sp2;
		return best;
	}
	*len = sp + bl;
	return best;
}

void
vs_say_amount(struct vs *s, unsigned long long cents,
    const struct wk_unit *unit, const struct wk_unit *sub, struct wk_buf *out)
{
	struct vs o = vs_sub(s, out);
	struct wk_buf a = WK_BUF_INIT, b = WK_BUF_INIT;
	struct vs sa = vs_sub(s, &a), sb = vs_sub(s, &b);
	unsigned long long whole = cents / 100, c = cents % 100;
	struct numlit nl;
	char d[32];

	memset(&nl, 0, sizeof nl);
	nl.ok = 1;
	if (whole > 0 || c == 0 || sub == NULL || sub->one == NULL) {
		snprintf(d, sizeof d, "%llu", whole);
		memcpy(nl.dig, d, strlen(d) + 1);
		nl.ndig = strlen(d);
		nl.ip = whole;
		if (c > 0 && (sub == NULL || sub->one == NULL)) {
			/* No hundredths to name: the decimals stay. */
			snprintf(nl.frac, sizeof nl.frac, "%02llu", c);
			nl.nfrac = nl.frac[1] == '0' ? 1 : 2;
		}
		vs_say_quantity(&sa, &nl, unit);
	}
	if (c > 0 && sub != NULL && sub->one != NULL) {
		snprintf(d, sizeof d, "%llu", c);
		memset(&nl, 0, sizeof nl);
		nl.ok = 1;
		memcpy(nl.dig, d, strlen(d) + 1);
		nl.ndig = strlen(d);
		nl.ip = c;
		vs_say_quantity(&sb, &nl, sub);
	}
	if (a.len > 0 && b.len > 0) {
		const char *keys[] = { "soles", "cents" };
		const char *vals[] = { wk_buf_str(&a), wk_buf_str(&b) };

		vs_template(&o, "money", keys, vals, 2);
	} else
		vs_puts(&o, a.len > 0 ? wk_buf_str(&a) : wk_buf_str(&b));
	vs_drop(&o, &a);
	vs_drop(&o, &b);
}

/* The hundredths of the amount nl (rounded at the third decimal), or -1
 * when it is too large. */
static long long
to_cents(const struct numlit *nl)
{
	unsigned long long c;

	if (!nl->ok || nl->ndig > MAX_CENTS_DIGITS - 2 || nl->ndig > 16)
		return -1;
	c = nl->ip * 100;
	if (nl->nfrac == 1)
		c += (unsigned long long)(nl->frac[0] - '0') * 10;
	else if (nl->nfrac >= 2) {
		c += (unsigned long long)(nl->frac[0] - '0') * 10 +
		    (unsigned long long)(nl->frac[1] - '0');
		if (nl->nfrac > 2 && nl->frac[2] >= '5')
			c++;
	}
	return (long long)c;
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
		vs_template(s, *u->id && *wk_voice_phrase(s->v, id) ? id
		    : "per-unit", keys, vals, 3);
	}
	return k + ul;
}

/* A scale word (mil, millones) after a figure at p: its power of ten and
 * bytes, with a "de" after it. */
static int
money_scale(const struct vs *s, const char *p, size_t *len)
{
	size_t sp = vs_skip_space(p), wl, i;
	const char *lex;

	*len = 0;
	if (sp != 1 || (wl = vs_word_len(p + 1)) == 0)
		return 0;
	lex = wk_voice_lex(s->v, p + 1, wl);
	for (i = 0; i < s->v->nnums; i++) {
		const struct wk_numword *n = &s->v->nums[i];
		long v = n->value;
		int k = 0;

		if (!n->scale || v < 1000 || (!wk_eq_fold(p + 1, wl, n->bare) &&
		    (n->plural == NULL || !wk_eq_fold(p + 1, wl, n->plural)) &&
		    (lex == NULL || strcmp(lex, n->bare) != 0)))
			continue;
		while (v > 1) {
			v /= 10;
			k++;
		}
		*len = 1 + wl;
		if (p[*len] == ' ' && vs_word_at(p + *len + 1, "de") &&
		    p[*len + 3] == ' ')
			*len += 3;
		return k;
	}
	if (wk_eq_fold(p + 1, wl, "millon")) {
		*len = 1 + wl;
		return 6;
	}
	return 0;
}

/* The figure at p as an amount (with a scale word after it): its bytes,
 * the hundredths in *cents; 0 when it is no amount. */
static size_t
scan_amount(struct vs *s, const char *p, long long *cents)
{
	struct numlit nl;
	size_t k, ml;
	int mk;

	if (!vs_is_digit(*p))
		return 0;
	vs_scan_num(s, p, &nl);
	if (!nl.ok || nl.len == 0)
		return 0;
	if (nl.ambiguous)
		vs_unsaid(s, p, nl.len, WK_UNSAID_AMBIGUOUS);
	k = nl.len;
	if ((mk = money_scale(s, p + k, &ml)) > 0 && (size_t)mk >= nl.nfrac &&
	    nl.ndig + (size_t)mk <= 16) {
		char d[48];
		size_t n = nl.ndig, i;

		memcpy(d, nl.dig, nl.ndig);
		for (i = 0; i < (size_t)mk; i++)
			d[n++] = i < nl.nfrac ? nl.frac[i] : '0';
		d[n] = '\0';
		memset(&nl, 0, sizeof nl);
		nl.ok = 1;
		memcpy(nl.dig, d, n + 1);
		nl.ndig = n;
		for (i = 0; i < n; i++)
			nl.ip = nl.ip * 10 + (unsigned long long)(d[i] - '0');
		k += ml;
	}
	if ((*cents = to_cents(&nl)) < 0)
		return 0;
	return k;
}

/* After an amount: "-", "–" or the voice's word "to" (or a closing word
 * of its range-words) and a second amount, with or without its symbol.
 * Returns the bytes and the second amount in *cents, or 0. */
static size_t
range_end(struct vs *s, const char *p, const struct wk_currency *c,
    long long *cents)
{
	size_t sp = vs_skip_space(p), k, n, cl;
	const char *to = wk_voice_word(s->v, "to");
	const struct wk_currency *c2;

	if (p[sp] == '-')
		k = sp + 1;
	else if (strncmp(p + sp, "\xE2\x80\x93", 3) == 0)
		k = sp + 3;
	else if (sp == 1 && *to != '\0' && vs_word_at(p + 1, to))
		k = 1 + strlen(to);
	else if (sp == 1 && !vs_keeps_range_words(s) && (vs_word_at(p + 1, "a") ||
	    vs_word_at(p + 1, "hasta")))
		k = 1 + vs_word_len(p + 1);
	else
		return 0;
	k += vs_skip_space(p + k);
	if ((c2 = vs_currency_at(s, p + k, 0, &cl)) != NULL && c2 == c &&
	    (n = scan_amount(s, p + k + cl, cents)) > 0)
		return k + cl + n;
	if (!vs_is_digit(p[k]) || (n = scan_amount(s, p + k, cents)) == 0)
		return 0;
	return k + n;
}

/* Says the amount (or range) with the per-unit after it; the bytes after
 * the amount taken. */
static size_t
say_money(struct vs *s, const struct wk_currency *c, long long cents,
    const char *p)
{
	struct wk_buf amt = WK_BUF_INIT;
	const struct wk_unit *sub = c->sub.one != NULL ? &c->sub : NULL;
	const struct wk_unit *unit = &c->unit;
	long long cents2;
	size_t k = 0, r;
	struct vs t = vs_sub(s, &amt);

	if (c->borrowed) {
		unit = vs_unit_borrow(s, unit);
		sub = sub != NULL ? vs_unit_borrow(s, sub) : NULL;
	}
	if ((r = range_end(s, p, c, &cents2)) > 0) {
		struct wk_buf fa = WK_BUF_INIT, fb = WK_BUF_INIT;
		const char *keys[] = { "from", "to" };
		const char *vals[2];

		vs_say_amount(s, (unsigned long long)cents, unit, sub, &fa);
		vs_say_amount(s, (unsigned long long)cents2, unit, sub, &fb);
		vals[0] = wk_buf_str(&fa);
		vals[1] = wk_buf_str(&fb);
		wk_template(&amt, wk_voice_phrase(s->v, "range"), keys, vals, 2);
		vs_drop(&t, &fa);
		vs_drop(&t, &fb);
		k += r;
	} else
		vs_say_amount(s, (unsigned long long)cents, unit, sub, &amt);
	/* "S/ 21 mil soles": the currency written again is not said twice. */
	{
		size_t cl;
		const struct wk_currency *again = vs_currency_at(s, p + k, 1, &cl);

		if (again == c)
			k += cl;
	}
	k += per_unit(s, p + k, wk_buf_str(&amt));
	vs_drop(s, &amt);
	return k;
}

size_t
vs_try_money(struct vs *s, const char *p)
{
	size_t cl, k;
	long long cents;
	const struct wk_currency *c = vs_currency_at(s, p, 0, &cl);

	if (c == NULL || (k = scan_amount(s, p + cl, &cents)) == 0)
		return 0;
	return cl + k + say_money(s, c, cents, p + cl + k);
}

size_t
vs_money_after(struct vs *s, const struct numlit *nl, const char *p)
{
	size_t cl;
	long long cents;
	const struct wk_currency *c = vs_currency_at(s, p, 1, &cl);

	if (c == NULL || (cents = to_cents(nl)) < 0)
		return 0;
	/* Decimals past the hundredths are said as they are. */
	if (nl->nfrac > 2 || (nl->nfrac > 0 && c->sub.one == NULL)) {
		const struct wk_unit *u = c->borrowed ? vs_unit_borrow(s, &c->unit)
		    : &c->unit;

		vs_say_quantity(s, nl, u);
		return cl;
	}
	return cl + say_money(s, c, cents, p + cl);
}
