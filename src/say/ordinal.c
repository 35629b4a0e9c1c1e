/*
 * Ordinals and Roman numerals as words. Ordinals are typed 1.º 1º 1ª 1er
 * 1ra 2do 3ra, and, by most editors, with the degree sign (1° puesto,
 * 10.° aniversario, 1.° de mayo): the sign is an ordinal unless the
 * words around it make it a temperature. Roman numerals are read by
 * context: a cardinal after the words of the voice's "roman-cardinal"
 * list (siglo XXI), an ordinal before a noun (III Feria, XXV Aniversario)
 * and after a name (Juan Pablo II), a cardinal past ten after a name
 * (Benedicto XVI). Capitalised words elsewhere (DI, MI, VIA, CIVIL) are
 * words. Spanish ordinals agree with the next noun; Quechua says
 * "{n} ñiqi" (the voice's "ordinal" template).
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "numword.h"
#include "base/text.h"
#include "verbal.h"
#include "verbal_priv.h"

int
vs_say_ordinal(struct vs *s, unsigned long long n, enum wk_gender g)
{
	struct wk_buf t = WK_BUF_INIT;

	if (wk_ord_words(s->v, n, g, &t) == 0) {
		vs_take(s, &t);
		return 0;
	}
	wk_buf_clear(&t);
	if (*wk_voice_phrase(s->v, "ordinal") != '\0' &&
	    wk_num_words(s->v, n, WK_BARE, &t) == 0) {
		const char *key = "n", *val = wk_buf_str(&t);

		vs_template(s, "ordinal", &key, &val, 1);
		vs_drop(s, &t);
		return 0;
	}
	vs_drop(s, &t);
	return -1;
}

/* The gender of the noun at p after one space, even when it is written
 * with a capital (III Feria): WK_BARE when no noun follows. */
static enum wk_gender
noun_after(const struct vs *s, const char *p)
{
	size_t sp = vs_skip_space(p), wl;
	char *f;
	enum wk_gender g;

	if (sp != 1 || (wl = vs_word_len(p + 1)) == 0)
		return WK_BARE;
	if ((f = wk_fold(p + 1, wl)) == NULL)
		return WK_BARE;
	g = wk_voice_gender(s->v, f, strlen(f));
	free(f);
	return g;
}

/* Ordinal suffixes after digits: 1.º 1º 1ª 1er 1ro 1ra 2do 2da 3er ...;
 * *deg is set for the degree sign, which may also be a temperature. */
static size_t
ordinal_suffix(const char *p, enum wk_gender *g, int *deg)
{
	static const struct {
		const char *s;
		enum wk_gender g;
	} sfx[] = {
		{ ".\xC2\xBA", WK_BARE }, { ".\xC2\xAA", WK_FEM },
		{ "\xC2\xBA", WK_BARE }, { "\xC2\xAA", WK_FEM },
		{ ".\xE1\xB5\x89\xCA\xB3", WK_MASC },	/* .ᵉʳ */
		{ "\xE1\xB5\x89\xCA\xB3", WK_MASC },
		{ ".\xC2\xB0", WK_BARE }, { "\xC2\xB0", WK_BARE },
		{ "er", WK_MASC }, { "ero", WK_BARE }, { "era", WK_FEM },
		{ ".er", WK_MASC }, { ".ro", WK_BARE }, { ".ra", WK_FEM },
		{ ".do", WK_BARE }, { ".da", WK_FEM }, { ".to", WK_BARE },
		{ ".ta", WK_FEM }, { ".o", WK_BARE }, { ".a", WK_FEM },
		{ "ro", WK_BARE }, { "ra", WK_FEM }, { "do", WK_BARE },
		{ "da", WK_FEM }, { "to", WK_BARE }, { "ta", WK_FEM },
		{ "vo", WK_BARE }, { "va", WK_FEM }, { "mo", WK_BARE },
		{ "ma", WK_FEM }, { "no", WK_BARE }, { "na", WK_FEM },
	};
	size_t i, best = 0;

	*deg = 0;
	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		size_t n = strlen(sfx[i].s);

		if (n > best && strncmp(p, sfx[i].s, n) == 0 && vs_boundary(p + n)) {
			best = n;
			*g = sfx[i].g;
			*deg = strcmp(sfx[i].s, "\xC2\xB0") == 0;
		}
	}
	return best;
}

/* Whether "N°" at num (the sign at p) is an ordinal: a word follows that
 * is not C or F (1° puesto, 1° de mayo), and the word before is not one
 * that makes it a temperature ("de 24°", "mínima 3°"). */
static int
degree_is_ordinal(const struct vs *s, const char *num, const char *p)
{
	size_t pl, wl, ml;
	const char *prev = vs_prev_word(s, num, &pl);

	if (prev != NULL && vs_in_list(s, "degrees-before", prev, pl))
		return 0;
	if (p[0] != ' ' || (wl = vs_word_len(p + 1)) == 0)
		return 0;
	if ((wl == 1 && strchr("CFKcfk", p[1]) != NULL) ||
	    wk_eq_fold(p + 1, wl, "grados") || wk_eq_fold(p + 1, wl, "bajo"))
		return 0;
	if (vs_word_at(p + 1, "de"))
		return vs_month_at(s, p + 4, &ml) > 0;
	return !s->v->has_gender || noun_after(s, p) != WK_BARE;
}

size_t
vs_try_ordinal(struct vs *s, const char *p, const struct numlit *a, size_t k)
{
	enum wk_gender g = WK_BARE;
	int deg;
	size_t n;

	if (a->nfrac != 0 || a->ip == 0 || (n = ordinal_suffix(p + k, &g, &deg))
	    == 0 || (deg && !degree_is_ordinal(s, p, p + k + n)))
		return 0;
	/* 1º puesto: the gender of the noun (primer puesto). */
	if (g == WK_BARE) {
		enum wk_gender ng = noun_after(s, p + k + n);

		if (ng == WK_FEM || (ng == WK_MASC && !vs_word_at(p + k + n + 1,
		    "de")))
			g = ng;
	}
	if (vs_say_ordinal(s, a->ip, g) != 0)
		vs_say_num(s, a->ip, g == WK_FEM ? WK_FEM : WK_BARE);
	return k + n;
}

/* The value of the Roman numeral of n bytes at p, in canonical form
 * (XXI, not IIIIII), or 0. *small is set when it uses I, V, X, L only. */
static unsigned
roman_value(const char *p, size_t n, int *small)
{
	static const char *const forms[4][10] = {
		{ "", "M", "MM", "MMM", NULL },
		{ "", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM" },
		{ "", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC" },
		{ "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX" },
	};
	static const unsigned mult[4] = { 1000, 100, 10, 1 };
	size_t i = 0, d, k;
	unsigned v = 0;
	char up[32];

	if (n >= sizeof up)
		return 0;
	for (k = 0; k < n; k++)
		up[k] = (char)(p[k] >= 'a' && p[k] <= 'z' ? p[k] - 32 : p[k]);
	up[n] = '\0';
	p = up;
	*small = 1;
	for (k = 0; k < n; k++)
		if (strchr("IVXLCDM", p[k]) == NULL)
			return 0;
		else if (strchr("CDM", p[k]) != NULL)
			*small = 0;
	for (d = 0; d < 4; d++) {
		int best = 0;
		size_t bl = 0, j;

		for (j = 1; j < 10 && forms[d][j] != NULL; j++) {
			size_t fl = strlen(forms[d][j]);

			if (fl > bl && i + fl <= n && strncmp(p + i, forms[d][j], fl) == 0) {
				best = (int)j;
				bl = fl;
			}
		}
		v += (unsigned)best * mult[d];
		i += bl;
	}
	return i == n ? v : 0;
}

/* True when the word of n bytes at w is capitalised but not all capitals:
 * a name (Pablo, Benedicto). */
static int
is_name(const struct vs *s, const char *w, size_t n)
{
	uint32_t cp;
	size_t k = wk_utf8_next(w, &cp);
	char *f;
	int fn;

	if (!wk_is_upper(cp) || n < 2)
		return 0;
	wk_utf8_next(w + k, &cp);
	if (wk_is_upper(cp) || (f = wk_fold(w, n)) == NULL)
		return 0;
	/* "La", "El", "En" start a sentence; they are no names. */
	fn = s->v->has_gender && wk_voice_gender(s->v, f, strlen(f)) == WK_BARE;
	free(f);
	return !fn;
}

/* Whether one space and a word starting with a capital follow at p. */
static int
upper_after(const char *p)
{
	uint32_t cp;

	if (p[0] != ' ' || vs_word_len(p + 1) == 0)
		return 0;
	wk_utf8_next(p + 1, &cp);
	return wk_is_upper(cp);
}

size_t
vs_try_roman(struct vs *s, const char *p, size_t n)
{
	int small;
	unsigned v = roman_value(p, n, &small);
	size_t pl;
	const char *prev;
	enum wk_gender g;

	if (v == 0 || !vs_boundary(p + n) || p[n] == '-' ||
	    (p[n] == '.' && p[n + 1] != '\0' && p[n + 1] != ' '))
		return 0;
	prev = vs_prev_word(s, p, &pl);
	if (prev != NULL && vs_in_list(s, "roman-cardinal", prev, pl)) {
		vs_say_num(s, v, WK_BARE);
		return n;
	}
	if (p[0] >= 'a' && p[0] <= 'z')
		return 0;	/* small letters: a Roman numeral only after siglo */
	if (!small || v > 50)
		return 0;
	/* Juan Pablo II, Carlos V: ordinal to ten, then cardinal; in a voice
	 * without genders to tell a name, not before a capitalized word
	 * (Munisipalidad XXV Feria: an ordinal). */
	if (prev != NULL && is_name(s, prev, pl) && p[-1] == ' ' &&
	    (p[n] == '\0' || (p[n] == ' ' &&
	    (s->v->has_gender || !upper_after(p + n))) ||
	    strchr(",.;:)", p[n]) != NULL)) {
		if (v > 10 || vs_say_ordinal(s, v, WK_BARE) != 0)
			vs_say_num(s, v, WK_BARE);
		return n;
	}
	/* III Feria Regional, XXV Aniversario: an ordinal before a noun. */
	if (p[n] == ' ' && vs_word_len(p + n + 1) > 1 &&
	    (!s->v->has_gender || (g = noun_after(s, p + n)) != WK_BARE)) {
		uint32_t cp;

		wk_utf8_next(p + n + 1, &cp);
		/* Without genders to tell a noun, a lower-case word after
		 * it needs a numeral of I, V, X, L (XXV raymi; not MIL). */
		if (!s->v->has_gender && !wk_is_upper(cp) && !small)
			return 0;
		g = s->v->has_gender ? noun_after(s, p + n) : WK_BARE;
		if (vs_say_ordinal(s, v, g == WK_FEM ? WK_FEM : WK_MASC) != 0)
			vs_say_num(s, v, g);
		return n;
	}
	return 0;
}
