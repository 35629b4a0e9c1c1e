/*
 * Names in the composer's sentences (compose_priv.h): the article Spanish
 * puts before a market's, network's or product's name (el Mercado
 * Central, la Feria dominical de Quinua, Nery García with none), from the
 * catalogue's article="" or the gender of the name's first word, and the
 * name slots of phrase templates and style frames that use it ({de
 * market}: del, de la, de). A list of names that share their first word
 * shares it once, in the plural ("de los mercados Nery García y Santa
 * Clara"). Quechua puts no article: its case suffixes follow the name in
 * the template ("{market} qatupi").
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "compose_priv.h"
#include "read/catalog.h"
#include "read/voice.h"
#include "verbal.h"

/* Name slots expanded in one template, at most. */
#define MAX_SLOTS 16

/* The catalogue's article for name, said in v's language (or the one it
 * falls back to), when an entry has that name and gives one. */
static const char *
catalog_article(const struct wk_compose *c, const struct wk_voice *v,
    const char *name)
{
	const struct wk_entry *kinds[3];
	size_t nk[3], i, j;

	if (c->cat == NULL)
		return NULL;
	kinds[0] = c->cat->markets;
	nk[0] = c->cat->nmarkets;
	kinds[1] = c->cat->networks;
	nk[1] = c->cat->nnetworks;
	kinds[2] = c->cat->products;
	nk[2] = c->cat->nproducts;
	for (i = 0; i < 3; i++)
		for (j = 0; j < nk[i]; j++) {
			const struct wk_entry *e = &kinds[i][j];
			const char *lang = v->lang, *n = wk_entry_name(e, lang);

			if (n == NULL && v->fallback != NULL)
				n = wk_entry_name(e, lang = v->fallback);
			if (n != NULL && strcmp(n, name) == 0)
				return wk_entry_article(e, lang);
		}
	return NULL;
}

/* The length of the first word of s (up to a space). */
static size_t
first_word(const char *s)
{
	return strcspn(s, " ");
}

static int
is_article(const char *w, size_t n)
{
	static const char *const arts[] = { "el", "la", "los", "las", NULL };
	size_t i;

	for (i = 0; arts[i] != NULL; i++)
		if (strlen(arts[i]) == n && wk_eq_fold(w, n, arts[i]))
			return 1;
	return 0;
}

const char *
wk_name_article(struct wk_compose *c, const struct wk_voice *v,
    const char *name)
{
	const char *a = catalog_article(c, v, name);
	size_t n = first_word(name);
	uint32_t cp;
	enum wk_gender g;

	if (!v->has_gender)
		return "";
	if (a != NULL)
		return strcmp(a, "none") == 0 ? "" : a;
	if (n == 0 || is_article(name, n))
		return "";
	wk_utf8_next(name, &cp);
	if (!wk_is_letter(cp))
		return "";
	/* A common noun by its gender; a name only when its first word is a
	 * listed noun (Mercado, Feria), not a person's name. */
	g = wk_is_upper(cp) ? wk_voice_noun(v, name, n)
	    : wk_voice_gender(v, name, n);
	return g == WK_FEM ? "la" : g == WK_MASC ? "el" : "";
}

/* True when w is word (ignoring the case of its first letter). */
static int
word_is(const char *w, size_t n, const char *word)
{
	return strlen(word) == n && wk_eq_fold(w, n, word);
}

/* True when the word w starts with a capital. */
static int
capital(const char *w)
{
	uint32_t cp;

	wk_utf8_next(w, &cp);
	return wk_is_upper(cp);
}

/* Appends the article a, capitalized when cap. */
static void
put_article(struct wk_buf *out, const char *a, int cap)
{
	if (cap && *a != '\0') {
		wk_buf_putc(out, (char)(a[0] - 32));
		wk_buf_puts(out, a + 1);
	} else
		wk_buf_puts(out, a);
}

/* Appends word w (n bytes) and article a as Spanish says them before a
 * name: "de" + "el" is "del", "a" + "el" is "al"; the word "el" is only
 * the article's place ("la Feria", "Nery García"). */
static void
word_article(struct wk_buf *out, const char *w, size_t n, const char *a)
{
	int cap = capital(w);

	if (word_is(w, n, "el")) {
		put_article(out, a, cap);
		if (*a != '\0')
			wk_buf_putc(out, ' ');
		return;
	}
	if (strcmp(a, "el") == 0 && (word_is(w, n, "de") || word_is(w, n, "a"))) {
		wk_buf_append(out, w, n);
		wk_buf_putc(out, 'l');
		wk_buf_putc(out, ' ');
		return;
	}
	wk_buf_append(out, w, n);
	wk_buf_putc(out, ' ');
	if (*a != '\0') {
		wk_buf_puts(out, a);
		wk_buf_putc(out, ' ');
	}
}

/* The separators of a list of names in v: the style's, else the voice's
 * word for "and". */
static void
separators(struct wk_compose *c, const struct wk_voice *v, const char **sep,
    const char **last, struct wk_buf *tmp)
{
	const struct wk_style *st = wk_compose_style(c, v);
	const char *and = wk_voice_word(v, "and");

	*sep = st != NULL ? st->name_sep : ", ";
	if (st != NULL)
		*last = st->name_last;
	else if (*and != '\0') {
		wk_buf_printf(tmp, " %s ", and);
		*last = wk_buf_str(tmp);
	} else
		*last = ", ";
}

/* The plural of the noun w (n bytes), lower case: -s after a vowel,
 * else -es (mercado: mercados; red: redes). */
static void
plural(struct wk_buf *out, const char *w, size_t n)
{
	char *f = wk_fold(w, n);
	size_t k;

	if (f == NULL) {
		out->failed = 1;
		return;
	}
	k = strlen(f);
	wk_buf_puts(out, f);
	if (k > 0 && strchr("aeiou", f[k - 1]) != NULL)
		wk_buf_putc(out, 's');
	else if (k > 0 && f[k - 1] != 's')
		wk_buf_puts(out, "es");
	free(f);
}

/*
 * Appends the list of names in val (separated by WK_NAME_LIST) with the
 * word w[0..n) before it (n 0: none). Names that all start with the same
 * word, one that takes an article, share it in the plural: "de los
 * mercados A y B"; others each take their own: "del Mercado A y de la
 * Feria B".
 */
static void
say_list(struct wk_compose *c, const struct wk_voice *v, const char *w,
    size_t n, const char *val, struct wk_buf *out)
{
	struct wk_buf tmp = WK_BUF_INIT;
	const char *sep, *last, *p, *a0 = NULL;
	char **names, *head = NULL;
	size_t k = 1, i, h = 0;
	int shared = n > 0;

	for (p = val; (p = strstr(p, WK_NAME_LIST)) != NULL; p++)
		k++;
	if ((names = calloc(k, sizeof *names)) == NULL) {
		out->failed = 1;
		return;
	}
	for (i = 0, p = val; i < k; i++) {
		size_t len = strcspn(p, WK_NAME_LIST);

		if ((names[i] = strndup(p, len)) == NULL)
			out->failed = 1;
		p += len + (p[len] != '\0');
	}
	separators(c, v, &sep, &last, &tmp);
	for (i = 0; i < k && shared && names[i] != NULL; i++) {
		const char *a = wk_name_article(c, v, names[i]);
		size_t fw = first_word(names[i]);

		if (i == 0) {
			a0 = a;
			h = fw;
			if ((head = strndup(names[0], h)) == NULL) {
				out->failed = 1;
				break;
			}
		}
		shared = *a != '\0' && strcmp(a, a0) == 0 && fw == h &&
		    names[i][fw] == ' ' && wk_eq_fold(names[i], fw, head) &&
		    strlen(a) == 2;
	}
	if (shared && k > 1) {
		/* "de los mercados A, B y C" */
		word_article(out, w, n, strcmp(a0, "la") == 0 ? "las" : "los");
		plural(out, names[0], h);
		wk_buf_putc(out, ' ');
	}
	for (i = 0; i < k && names[i] != NULL; i++) {
		if (i > 0)
			wk_buf_puts(out, i + 1 == k ? last : sep);
		if (shared && k > 1)
			wk_buf_puts(out, names[i] + h + 1);
		else {
			if (n > 0)
				word_article(out, w, n, wk_name_article(c, v,
				    names[i]));
			wk_buf_puts(out, names[i]);
		}
	}
	for (i = 0; i < k; i++)
		free(names[i]);
	free(names);
	free(head);
	wk_buf_free(&tmp);
}

/* The value of key k[0..n) among keys, or NULL. */
static const char *
value_of(const char *const *keys, const char *const *vals, size_t nk,
    const char *k, size_t n)
{
	size_t i;

	for (i = 0; i < nk; i++)
		if (strlen(keys[i]) == n && memcmp(keys[i], k, n) == 0)
			return vals[i];
	return NULL;
}

void
wk_compose_template(struct wk_compose *c, const struct wk_voice *v,
    struct wk_buf *out, const char *tmpl, const char *const *keys,
    const char *const *vals, size_t n)
{
	struct wk_buf t = WK_BUF_INIT, forms[MAX_SLOTS];
	const char *k2[MAX_SLOTS], *v2[MAX_SLOTS];
	const char **ak = NULL, **av = NULL;
	char names[MAX_SLOTS][8];
	size_t nf = 0, i;
	const char *p;

	/* Name slots become keys of their own, worded here; the rest is
	 * wk_template's. */
	for (p = tmpl; *p != '\0'; p++) {
		const char *e, *sp, *val;

		if (*p != '{' || (e = strchr(p, '}')) == NULL) {
			wk_buf_putc(&t, *p);
			continue;
		}
		sp = memchr(p + 1, ' ', (size_t)(e - p - 1));
		val = sp != NULL ? value_of(keys, vals, n, sp + 1,
		    (size_t)(e - sp - 1)) : value_of(keys, vals, n, p + 1,
		    (size_t)(e - p - 1));
		if (nf == MAX_SLOTS || val == NULL || (sp == NULL &&
		    strstr(val, WK_NAME_LIST) == NULL)) {
			wk_buf_append(&t, p, (size_t)(e - p + 1));
			p = e;
			continue;
		}
		memset(&forms[nf], 0, sizeof forms[nf]);
		if (strstr(val, WK_NAME_LIST) != NULL)
			say_list(c, v, p + 1, sp ? (size_t)(sp - p - 1) : 0, val,
			    &forms[nf]);
		else {
			word_article(&forms[nf], p + 1, (size_t)(sp - p - 1),
			    wk_name_article(c, v, val));
			wk_buf_puts(&forms[nf], val);
		}
		snprintf(names[nf], sizeof names[nf], "\x01%zu", nf);
		k2[nf] = names[nf];
		v2[nf] = wk_buf_str(&forms[nf]);
		wk_buf_printf(&t, "{%s}", names[nf]);
		nf++;
		p = e;
	}
	if (nf == 0) {
		wk_template(out, tmpl, keys, vals, n);
		wk_buf_free(&t);
		return;
	}
	ak = calloc(n + nf, sizeof *ak);
	av = calloc(n + nf, sizeof *av);
	if (ak == NULL || av == NULL || t.failed)
		out->failed = 1;
	else {
		for (i = 0; i < n; i++) {
			ak[i] = keys[i];
			av[i] = vals[i];
		}
		for (i = 0; i < nf; i++) {
			ak[n + i] = k2[i];
			av[n + i] = v2[i];
			if (forms[i].failed)
				out->failed = 1;
		}
		wk_template(out, wk_buf_str(&t), ak, av, n + nf);
	}
	for (i = 0; i < nf; i++)
		wk_buf_free(&forms[i]);
	free(ak);
	free(av);
	wk_buf_free(&t);
}
