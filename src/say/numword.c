/*
 * Number grammars. Spanish: units to 29 carry their own forms (uno, un, una;
 * veintiuno, veintiún, veintiuna), tens join units with "y", hundreds agree
 * in gender (doscientas), 100 is "cien" alone and "ciento" before more,
 * thousands take the masculine or feminine apocope of their multiplier
 * (veintiún mil, veintiuna mil), millions always the masculine.
 * Quechua (Chanka): largest magnitude first, multiplier before magnitude
 * (iskay chunka, kimsa pachak), 1 x 10, 100, 1000, 10^6 drops "huk"; the final
 * unit of each numeral takes -yuq after a vowel, -niyuq after a consonant
 * (chunka hukniyuq, iskay chunka pichqayuq), even inside a multiplier
 * (chunka hukniyuq waranqa = 11 000). The words come from the voice.
 */

#include <string.h>

#include "base/buf.h"
#include "numword.h"

static void
space(struct wk_buf *out)
{
	if (out->len > 0 && out->data[out->len - 1] != ' ')
		wk_buf_putc(out, ' ');
}

/* Appends the form of w for gender g: masc/fem when given, else bare. */
static void
form(const struct wk_numword *w, enum wk_gender g, struct wk_buf *out)
{
	const char *s = w->bare;

	if (g == WK_MASC && w->masc != NULL)
		s = w->masc;
	else if (g == WK_FEM && w->fem != NULL)
		s = w->fem;
	space(out);
	wk_buf_puts(out, s);
}

static int
word(const struct wk_voice *v, long value, enum wk_gender g,
    struct wk_buf *out)
{
	const struct wk_numword *w = wk_voice_num(v, value);

	if (w == NULL)
		return -1;
	form(w, g, out);
	return 0;
}

static int
es_below_hundred(const struct wk_voice *v, unsigned r, enum wk_gender g,
    struct wk_buf *out)
{
	if (r < 30)
		return word(v, (long)r, g, out);
	if (word(v, (long)(r / 10 * 10), WK_BARE, out) < 0)
		return -1;
	if (r % 10 == 0)
		return 0;
	space(out);
	wk_buf_puts(out, wk_voice_word(v, "and"));
	return word(v, (long)(r % 10), g, out);
}

static int
es_below_thousand(const struct wk_voice *v, unsigned n, enum wk_gender g,
    struct wk_buf *out)
{
	unsigned h = n / 100, r = n % 100;

	if (h == 1) {
		const struct wk_numword *w = wk_voice_num(v, 100);

		if (w == NULL)
			return -1;
		space(out);
		wk_buf_puts(out, r != 0 && w->more != NULL ? w->more : w->bare);
	} else if (h > 1 && word(v, (long)h * 100, g == WK_FEM ? WK_FEM : WK_BARE,
	    out) < 0)
		return -1;
	return r != 0 ? es_below_hundred(v, r, g, out) : 0;
}

static int
es_below_million(const struct wk_voice *v, unsigned long n, enum wk_gender g,
    struct wk_buf *out)
{
	unsigned long t = n / 1000;
	unsigned u = (unsigned)(n % 1000);

	if (t == 1) {
		if (word(v, 1000, WK_BARE, out) < 0)
			return -1;
	} else if (t > 1) {
		if (es_below_thousand(v, (unsigned)t,
		    g == WK_FEM ? WK_FEM : WK_MASC, out) < 0 ||
		    word(v, 1000, WK_BARE, out) < 0)
			return -1;
	}
	return u != 0 ? es_below_thousand(v, u, g, out) : 0;
}

static int
es_words(const struct wk_voice *v, unsigned long long n, enum wk_gender g,
    struct wk_buf *out)
{
	unsigned long long m = n / 1000000;
	unsigned long r = (unsigned long)(n % 1000000);
	const struct wk_numword *mw;

	if (n == 0)
		return word(v, 0, WK_BARE, out);
	if (m > 0) {
		if ((mw = wk_voice_num(v, 1000000)) == NULL)
			return -1;
		if (m == 1) {
			if (word(v, 1, WK_MASC, out) < 0)
				return -1;
			space(out);
			wk_buf_puts(out, mw->bare);
		} else {
			if (es_below_million(v, (unsigned long)m, WK_MASC, out) < 0)
				return -1;
			space(out);
			wk_buf_puts(out, mw->plural ? mw->plural : mw->bare);
		}
	}
	return r != 0 ? es_below_million(v, r, g, out) : 0;
}

static int
ends_in_vowel(const char *s)
{
	size_t n = strlen(s);
	const char *vowels = "aeiouAEIOU";

	if (n == 0)
		return 0;
	if (strchr(vowels, s[n - 1]) != NULL)
		return 1;
	/* Accented vowels end in a two-byte sequence 0xC3 0xA1.. */
	if (n >= 2 && (unsigned char)s[n - 2] == 0xC3) {
		unsigned char c = (unsigned char)s[n - 1];

		return c == 0xA1 || c == 0xA9 || c == 0xAD || c == 0xB3 ||
		    c == 0xBA || c == 0x81 || c == 0x89 || c == 0x8D ||
		    c == 0x93 || c == 0x9A;
	}
	return 0;
}

/* One Quechua numeral below 10^12; the unit gets its suffix when words
 * precede it within this numeral. */
static int
qu_inner(const struct wk_voice *v, unsigned long long n, struct wk_buf *out)
{
	static const unsigned long long mags[] = { 1000000, 1000, 100, 10 };
	const struct wk_numword *u;
	size_t i;
	int before = 0;

	for (i = 0; i < sizeof mags / sizeof mags[0]; i++) {
		unsigned long long k = n / mags[i];

		if (k == 0)
			continue;
		n %= mags[i];
		/* huk pachak -> pachak; and 1 x 10 is plain chunka. */
		if (k > 1 && qu_inner(v, k, out) < 0)
			return -1;
		if (word(v, (long)mags[i], WK_BARE, out) < 0)
			return -1;
		before = 1;
	}
	if (n == 0)
		return 0;
	if ((u = wk_voice_num(v, (long)n)) == NULL)
		return -1;
	space(out);
	wk_buf_puts(out, u->bare);
	if (before)
		wk_buf_puts(out, ends_in_vowel(u->bare) ? v->suffix_vowel
		    : v->suffix_cons);
	return 0;
}

int
wk_num_words(const struct wk_voice *v, unsigned long long n,
    enum wk_gender g, struct wk_buf *out)
{
	if (n > WK_NUM_MAX)
		return -1;
	if (v->grammar == WK_GRAMMAR_QU)
		return n == 0 ? word(v, 0, WK_BARE, out) : qu_inner(v, n, out);
	return es_words(v, n, g, out);
}

int
wk_num_takes_of(const struct wk_voice *v, unsigned long long n)
{
	return v->grammar == WK_GRAMMAR_ES && n >= 1000000 && n % 1000000 == 0;
}

/* Spanish ordinals past the table are built from its round values, the
 * largest first: 25 -> vigésimo quinto, 121 -> centésimo vigésimo primero;
 * every part agrees (vigésima quinta), only the last takes the apocope
 * (vigésimo primer puesto). */
int
wk_ord_words(const struct wk_voice *v, unsigned long long n, enum wk_gender g,
    struct wk_buf *out)
{
	const struct wk_numword *w;
	size_t i;

	if (n == 0 || n > 1000 || v->nords == 0)
		return -1;
	if ((w = wk_voice_ord(v, (long)n)) != NULL) {
		form(w, g, out);
		return 0;
	}
	for (i = v->nords; i-- > 0;)
		if ((unsigned long long)v->ords[i].value < n &&
		    v->ords[i].value >= 10)
			break;
	if (i == (size_t)-1 || v->ords[i].value <= 0)
		return -1;
	w = &v->ords[i];
	form(w, g == WK_FEM ? WK_FEM : WK_BARE, out);
	return wk_ord_words(v, n - (unsigned long long)w->value, g, out);
}

void
wk_digit_words(const struct wk_voice *v, const char *s, size_t n,
    struct wk_buf *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			word(v, s[i] - '0', WK_BARE, out);
}
