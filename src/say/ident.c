/*
 * Telephone numbers and identifiers, read digit by digit in their written
 * groups, leading zeros kept, with a pause between groups: a landline with
 * its area code ((066) 31-2345, 066 312 345, 01-345-6789), a mobile (966
 * 123 456), a country code (+51 966 123 456: más cincuenta y uno ...),
 * three or more groups joined by hyphens, two groups too long to be a
 * range (1234-5678), an IP address (192.168.0.1, with the voice's "dot"),
 * a figure with a leading zero (0800, 01234567), and any figure after a
 * word of the voice's "phone" or "identifier" lists (Cel., DNI, RUC, ext.).
 * Years joined by a hyphen (2025-2026) and figures followed by what they
 * count (1000-5000 soles) stay a range.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "verbal_priv.h"

void
vs_say_groups(struct vs *s, const char *p, size_t n)
{
	struct wk_buf t = WK_BUF_INIT;
	size_t j;

	for (j = 0; j < n; j++)
		if (vs_is_digit(p[j]))
			wk_digit_words(s->v, p + j, 1, &t);
		else if (t.len > 0 && t.data[t.len - 1] != ',')
			wk_buf_putc(&t, ',');
	while (t.len > 0 && t.data[t.len - 1] == ',')
		t.data[--t.len] = '\0';
	vs_take(s, &t);
}

/* Groups of digits at p joined by single hyphens or spaces (or a space
 * after a closing parenthesis): the bytes, digit count, group count and
 * the size of the first and last groups. */
struct groups {
	size_t len, digits, n, first, last;
	int hyphen;		/* joined by a hyphen somewhere */
};

static void
scan_groups(const char *p, struct groups *g)
{
	size_t i = 0, run = 0;

	memset(g, 0, sizeof *g);
	g->n = 1;
	for (;;) {
		if (vs_is_digit(p[i])) {
			g->digits++;
			run++;
			i++;
			continue;
		}
		if ((p[i] == ' ' || p[i] == '-') && vs_is_digit(p[i + 1]) &&
		    g->n < 6 && run > 0) {
			if (g->n == 1)
				g->first = run;
			g->hyphen |= p[i] == '-';
			g->n++;
			run = 0;
			i++;
			continue;
		}
		break;
	}
	if (g->n == 1)
		g->first = run;
	g->last = run;
	g->len = i;
}

/* Something counted right after the figure (a unit, a currency, a
 * noun): then it is a quantity or a range, not an identifier. */
static int
counted_after(const struct vs *s, const char *p)
{
	size_t n;
	int noun;

	return vs_unit_at(s, p, &n) != NULL || vs_currency_at(s, p, 1, &n) != NULL ||
	    (vs_next_gender(s, p, &noun), noun) || p[vs_skip_space(p)] == '%';
}

/* Digits written together after a context word (Cel. 987654321, DNI
 * 01234567): in threes when they divide so, else in twos. */
static size_t
solid(struct vs *s, const char *p, size_t n)
{
	struct wk_buf t = WK_BUF_INIT;
	size_t j, step = n % 3 == 0 ? 3 : 2;

	for (j = 0; j < n; j++) {
		if (j > 0 && j % step == 0)
			wk_buf_putc(&t, ',');
		wk_digit_words(s->v, p + j, 1, &t);
	}
	vs_take(s, &t);
	return n;
}

/* An IP address: four groups of one to three digits joined by dots. */
static size_t
ip_address(struct vs *s, const char *p)
{
	size_t i = 0, g, k;

	for (g = 0; g < 4; g++) {
		unsigned v = 0;

		for (k = 0; vs_is_digit(p[i]) && k < 4; k++)
			v = v * 10 + (unsigned)(p[i++] - '0');
		/* Octets: 0 to 255, no leading zero (1.000.000.000 is a number). */
		if (k == 0 || k > 3 || v > 255 || (k > 1 && p[i - k] == '0'))
			return 0;
		if (g < 3) {
			if (p[i] != '.')
				return 0;
			i++;
		}
	}
	if (!vs_boundary(p + i) || (p[i] == '.' && vs_is_digit(p[i + 1])))
		return 0;
	for (k = 0; k < i; k++) {
		struct wk_buf t = WK_BUF_INIT;

		if (p[k] == '.') {
			vs_puts(s, wk_voice_word(s->v, "dot"));
			continue;
		}
		wk_digit_words(s->v, p + k, 1, &t);
		vs_take(s, &t);
	}
	return i;
}

/* "(066) 31-2345": an area code in parentheses and the number. */
static size_t
area_code(struct vs *s, const char *p)
{
	size_t i = 1, sp;
	struct groups g;

	while (vs_is_digit(p[i]) && i < 6)
		i++;
	if (i < 3 || p[i] != ')')
		return 0;
	sp = vs_skip_space(p + i + 1);
	if (sp > 1 || !vs_is_digit(p[i + 1 + sp]))
		return 0;
	scan_groups(p + i + 1 + sp, &g);
	if (g.digits < 5 || !vs_boundary(p + i + 1 + sp + g.len))
		return 0;
	vs_say_groups(s, p + 1, i - 1);
	vs_close(s, ",", 1);
	vs_say_groups(s, p + i + 1 + sp, g.len);
	return i + 1 + sp + g.len;
}

size_t
vs_try_ident(struct vs *s, const char *p)
{
	struct groups g;
	size_t pl, n, k;
	const char *prev;
	int ctx;

	if (*p == '(')
		return area_code(s, p);
	/* +51 966 123 456: the country code as a number, then digits. */
	if (*p == '+' && vs_is_digit(p[1])) {
		for (k = 1; vs_is_digit(p[k]) && k < 5; k++)
			;
		n = vs_skip_space(p + k);
		if (k > 4 || (p[k] != '-' && n != 1) ||
		    (!vs_is_digit(p[k + (n ? n : 1)]) && p[k + n] != '('))
			return 0;
		vs_puts(s, wk_voice_word(s->v, "plus"));
		{
			unsigned long long cc = 0;
			size_t j;

			for (j = 1; j < k; j++)
				cc = cc * 10 + (unsigned long long)(p[j] - '0');
			vs_say_num(s, cc, WK_BARE);
		}
		vs_close(s, ",", 1);
		k += n ? n : 1;
		if (p[k] == '(' && (n = area_code(s, p + k)) > 0)
			return k + n;
		scan_groups(p + k, &g);
		if (g.digits < 6)
			return 0;
		vs_say_groups(s, p + k, g.len);
		return k + g.len;
	}
	if (!vs_is_digit(*p))
		return 0;
	if ((n = ip_address(s, p)) > 0)
		return n;
	prev = vs_prev_word(s, p, &pl);
	ctx = prev != NULL && (vs_in_list(s, "phone", prev, pl) ||
	    vs_in_list(s, "identifier", prev, pl));
	scan_groups(p, &g);
	if (!vs_boundary(p + g.len) || (p[g.len] == '.' &&
	    vs_is_digit(p[g.len + 1])) || (p[g.len] == ',' &&
	    vs_is_digit(p[g.len + 1])) || (p[g.len] == ':' &&
	    vs_is_digit(p[g.len + 1])) || p[g.len] == '/')
		return 0;
	if (ctx && g.n == 1 && g.digits >= 2)
		return solid(s, p, g.len);
	if (ctx && g.n > 1 && g.digits >= 5) {
		vs_say_groups(s, p, g.len);
		return g.len;
	}
	/* Ten digits or more written together are no quantity anyone
	 * writes so: a RUC (20123456789), an account. */
	if (g.n == 1 && g.digits >= 10)
		return solid(s, p, g.len);
	/* A figure with a leading zero: 0800, 066 312 345, 01-345-6789. */
	if (*p == '0' && g.digits >= 2 && (g.n == 1 || g.digits == 9 ||
	    (g.hyphen && g.digits >= 6))) {
		if (g.n == 1)
			return solid(s, p, g.len);
		vs_say_groups(s, p, g.len);
		return g.len;
	}
	/* A mobile in its groups: 966 123 456, 966-123-456. */
	if (*p == '9' && g.digits == 9 && g.n == 3 && g.first == 3 &&
	    g.last == 3) {
		vs_say_groups(s, p, g.len);
		return g.len;
	}
	if (!g.hyphen || g.n < 2)
		return 0;
	/* Three or more groups joined by hyphens: 123-456-789. */
	if (g.n >= 3 && g.digits >= 7) {
		vs_say_groups(s, p, g.len);
		return g.len;
	}
	/* Two groups: an identifier when too long for a range of years or
	 * of quantities (1234-5678, 31-2345). */
	if (g.n == 2 && g.digits >= 6 && !counted_after(s, p + g.len)) {
		unsigned long a = strtoul(p, NULL, 10);
		unsigned long b = strtoul(p + g.first + 1, NULL, 10);

		if (g.first == 4 && g.last == 4 && a >= 1000 && b <= 2199 && a < b)
			return 0;
		if (g.first > 4 || g.last > 4 || g.first + g.last < 6)
			return 0;
		vs_say_groups(s, p, g.len);
		return g.len;
	}
	return 0;
}
