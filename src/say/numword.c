/*
 * Numbers in words from the voice's number table alone. A number (a string
 * of digits, so that 10^23 is as easy as 23) is said scale by scale, the
 * largest first: the multiplier (itself a number, said the same way, in the
 * scale's multiplier gender) unless it is one and the scale drops it, then
 * the scale word, singular or plural. What is left below the smallest scale
 * is said additively: the largest word that fits, its link word ("y") and
 * the rest; the final word agrees with the noun (un, una, doscientas) and,
 * in a voice with a unit suffix, takes it when other words came before
 * (Quechua chunka hukniyuq). Ordinals build on the ordinal table the same
 * way, gluing a multiplier onto a scale that asks for it (dosmilésimo).
 */

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "numword.h"

struct walk {
	const struct wk_voice *v;
	struct wk_buf *out;
	const struct wk_numword *last;	/* the last word said */
};

static void
put(struct wk_buf *out, const char *w)
{
	if (out->len > 0 && out->data[out->len - 1] != ' ')
		wk_buf_putc(out, ' ');
	wk_buf_puts(out, w);
}

/* The form of w for gender g: masc/fem when given, else bare. */
static const char *
form(const struct wk_numword *w, enum wk_gender g)
{
	if (g == WK_MASC && w->masc != NULL)
		return w->masc;
	if (g == WK_FEM && w->fem != NULL)
		return w->fem;
	return w->bare;
}

/* The power of ten a scale word stands for, or -1 when it is none. */
static int
exponent(long value)
{
	int k = 0;

	if (value < 10)
		return -1;
	while (value % 10 == 0) {
		value /= 10;
		k++;
	}
	return value == 1 ? k : -1;
}

static int
ends_in_vowel(const char *s)
{
	size_t n = strlen(s);
	uint32_t cp = 0;
	size_t i = 0, k;

	if (n == 0)
		return 0;
	while (i < n) {
		k = wk_utf8_next(s + i, &cp);
		i += k;
	}
	if (cp < 0x80)
		return strchr("aeiouAEIOU", (int)cp) != NULL && cp != 0;
	/* á é í ó ú and capitals */
	return cp == 0xE1 || cp == 0xE9 || cp == 0xED || cp == 0xF3 ||
	    cp == 0xFA || cp == 0xC1 || cp == 0xC9 || cp == 0xCD ||
	    cp == 0xD3 || cp == 0xDA;
}

static int
all_zero(const char *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (d[i] != '0')
			return 0;
	return 1;
}

/* The largest word of the table below the smallest scale that is at most
 * r, or NULL. */
static const struct wk_numword *
fit(const struct wk_voice *v, long r)
{
	size_t i;

	for (i = v->nnums; i-- > 0;)
		if (!v->nums[i].scale && v->nums[i].value > 0 &&
		    v->nums[i].value <= r)
			return &v->nums[i];
	return NULL;
}

static int
say(struct walk *w, const char *d, size_t n, enum wk_gender g, int top)
{
	const struct wk_voice *v = w->v;
	int before = 0;
	size_t i;
	long r = 0;

	while (n > 1 && *d == '0') {
		d++;
		n--;
	}
	if (all_zero(d, n)) {
		const struct wk_numword *z = wk_voice_num(v, 0);

		if (!top)
			return 0;
		if (z == NULL)
			return -1;
		put(w->out, z->bare);
		w->last = z;
		return 0;
	}
	for (i = v->nnums; i-- > 0;) {
		const struct wk_numword *sc = &v->nums[i];
		int k = sc->scale ? exponent(sc->value) : -1;
		size_t qn;
		int one;

		if (k < 0 || n <= (size_t)k)
			continue;
		qn = n - (size_t)k;
		if (!all_zero(d, qn)) {
			one = qn == 1 && d[0] == '1';
			while (qn > 1 && *d == '0')
				d++, n--, qn--;
			one = qn == 1 && d[0] == '1';
			if (!(one && sc->drop_one) && say(w, d, qn,
			    sc->mult == WK_FEM && g == WK_FEM ? WK_FEM : WK_MASC, 0) < 0)
				return -1;
			put(w->out, one || sc->plural == NULL ? sc->bare : sc->plural);
			w->last = sc;
			before = 1;
		}
		d += qn;
		n -= qn;
		if (all_zero(d, n))
			return 0;
	}
	if (n > 18)
		return -1;
	for (i = 0; i < n; i++)
		r = r * 10 + (d[i] - '0');
	while (r > 0) {
		const struct wk_numword *a = fit(v, r);

		if (a == NULL)
			return -1;
		if (a->value == r) {
			const char *f = form(a, g);

			put(w->out, f);
			if (before && v->suffix_vowel != NULL)
				wk_buf_puts(w->out, ends_in_vowel(f) ? v->suffix_vowel
				    : v->suffix_cons);
			w->last = a;
			return 0;
		}
		put(w->out, a->more != NULL ? a->more : form(a, g == WK_FEM ?
		    WK_FEM : WK_BARE));
		if (a->link != NULL)
			put(w->out, a->link);
		w->last = a;
		before = 1;
		r -= a->value;
	}
	return 0;
}

int
wk_num_digits(const struct wk_voice *v, const char *d, size_t n,
    enum wk_gender g, struct wk_buf *out)
{
	struct walk w = { v, out, NULL };
	size_t len = out->len;

	while (n > 1 && *d == '0') {
		d++;
		n--;
	}
	if (n == 0 || n > WK_NUM_DIGITS || say(&w, d, n, g, 1) < 0) {
		out->len = len;
		if (out->data != NULL)
			out->data[len] = '\0';
		return -1;
	}
	return 0;
}

int
wk_num_words(const struct wk_voice *v, unsigned long long n,
    enum wk_gender g, struct wk_buf *out)
{
	char d[32];

	snprintf(d, sizeof d, "%llu", n);
	return wk_num_digits(v, d, strlen(d), g, out);
}

const char *
wk_num_of(const struct wk_voice *v, const char *d, size_t n)
{
	struct wk_buf t = WK_BUF_INIT;
	struct walk w = { v, &t, NULL };
	const char *of = NULL;

	while (n > 1 && *d == '0') {
		d++;
		n--;
	}
	if (n > 0 && n <= WK_NUM_DIGITS && say(&w, d, n, WK_BARE, 1) == 0 &&
	    w.last != NULL && w.last->scale)
		of = w.last->of;
	wk_buf_free(&t);
	return of;
}

/* Ordinals past the table are built from its values, the largest first:
 * 25 -> vigésimo quinto, 1248 -> milésimo ducentésimo cuadragésimo
 * octavo; a glued scale takes its multiplier in one word (2000 ->
 * dosmilésimo). Every part agrees (vigésima quinta), only the last takes
 * the apocope (trigésimo primer puesto). */
int
wk_ord_words(const struct wk_voice *v, unsigned long long n, enum wk_gender g,
    struct wk_buf *out)
{
	const struct wk_numword *w;
	size_t i;

	if (n == 0 || v->nords == 0)
		return -1;
	if (n <= 0x7fffffffL && (w = wk_voice_ord(v, (long)n)) != NULL) {
		put(out, form(w, g));
		return 0;
	}
	for (i = v->nords; i-- > 0;) {
		unsigned long long val = (unsigned long long)v->ords[i].value;

		if (val >= n || v->ords[i].value < 10)
			continue;
		w = &v->ords[i];
		if (w->glue && n / val > 1) {
			struct wk_buf m = WK_BUF_INIT;
			size_t j;

			if (wk_num_words(v, n / val, WK_BARE, &m) != 0) {
				wk_buf_free(&m);
				return -1;
			}
			put(out, "");
			for (j = 0; j < m.len; j++)
				if (m.data[j] != ' ')
					wk_buf_putc(out, m.data[j]);
			wk_buf_free(&m);
			wk_buf_puts(out, form(w, n % val ? (g == WK_FEM ? WK_FEM
			    : WK_BARE) : g));
			return n % val ? wk_ord_words(v, n % val, g, out) : 0;
		}
		if (w->glue && n / val != 1)
			continue;
		put(out, form(w, n % val ? (g == WK_FEM ? WK_FEM : WK_BARE) : g));
		return n % val ? wk_ord_words(v, n % val, g, out) : 0;
	}
	return -1;
}

/* Removes the accents of a folded Spanish-like word (é -> e). */
static void
plain_letters(const char *s, struct wk_buf *out)
{
	static const char *const acc[][2] = {
		{ "\xC3\xA1", "a" }, { "\xC3\xA9", "e" }, { "\xC3\xAD", "i" },
		{ "\xC3\xB3", "o" }, { "\xC3\xBA", "u" },
	};
	size_t i, k;

	while (*s != '\0') {
		for (k = 0; k < sizeof acc / sizeof acc[0]; k++)
			if (strncmp(s, acc[k][0], 2) == 0)
				break;
		if (k < sizeof acc / sizeof acc[0]) {
			wk_buf_puts(out, acc[k][1]);
			s += 2;
			continue;
		}
		i = wk_utf8_next(s, &(uint32_t){ 0 });
		wk_buf_append(out, s, i ? i : 1);
		s += i ? i : 1;
	}
}

int
wk_part_words(const struct wk_voice *v, unsigned long long d, int plural,
    struct wk_buf *out)
{
	struct wk_buf t = WK_BUF_INIT;
	char id[32];
	const char *w;
	int rc = 0;

	snprintf(id, sizeof id, "part-%llu", d);
	if (*(w = wk_voice_word(v, id)) != '\0')
		wk_buf_puts(&t, w);
	else if (d <= 10 || (v->partitive == NULL && d < 100)) {
		rc = wk_ord_words(v, d, WK_BARE, &t);
	} else if (d < 100) {
		struct wk_buf c = WK_BUF_INIT, p = WK_BUF_INIT;
		const char *s, *and = wk_voice_word(v, "and");
		size_t al = strlen(and);

		rc = wk_num_words(v, d, WK_MASC, &c);
		for (s = wk_buf_str(&c); rc == 0 && *s != '\0'; s++) {
			if (al > 0 && s[0] == ' ' && strncmp(s + 1, and, al) == 0 &&
			    s[1 + al] == ' ') {
				wk_buf_puts(&p, v->partitive_and ? v->partitive_and
				    : "");
				s += al + 1;
			} else if (*s != ' ')
				wk_buf_putc(&p, *s);
		}
		plain_letters(wk_buf_str(&p), &t);
		if (t.len > 0 && v->partitive_drop != NULL &&
		    strchr(v->partitive_drop, t.data[t.len - 1]) != NULL)
			t.data[--t.len] = '\0';
		wk_buf_puts(&t, v->partitive);
		wk_buf_free(&c);
		wk_buf_free(&p);
	} else {
		rc = wk_ord_words(v, d, WK_BARE, &t);
		if (rc == 0 && strchr(wk_buf_str(&t), ' ') != NULL)
			rc = -1;
	}
	if (rc == 0 && t.len > 0) {
		put(out, wk_buf_str(&t));
		if (plural)
			wk_buf_puts(out, wk_voice_word(v, "parts-plural"));
	} else
		rc = -1;
	if (t.failed)
		out->failed = 1;
	wk_buf_free(&t);
	return rc;
}

void
wk_digit_words(const struct wk_voice *v, const char *s, size_t n,
    struct wk_buf *out)
{
	size_t i;
	const struct wk_numword *w;

	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9' &&
		    (w = wk_voice_num(v, s[i] - '0')) != NULL)
			put(out, w->bare);
}
