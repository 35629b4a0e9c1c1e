/*
 * Lookups in a loaded voice (voice.h): the language tags it reads,
 * phrases and function words by id, number words, fractions, units by id
 * or as written, the pronunciation lexicon, and the gender a number takes
 * before a noun (the <nouns> lists and gender.txt, with plurals found from
 * the singular, then the feminine <endings>). Nothing here allocates
 * beyond scratch copies.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "feed.h"
#include "voice.h"

size_t
wk_voice_accepts(const struct wk_voice *v, const char *tag)
{
	size_t i, best = 0, m;

	for (i = 0; i < v->naccepts; i++)
		if ((m = wk_lang_match(v->accepts[i], tag)) > best)
			best = m;
	return best;
}

static const char *
find_pair(const struct wk_pair *v, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].from, id) == 0)
			return v[i].to;
	return NULL;
}

const char *
wk_voice_phrase(const struct wk_voice *v, const char *id)
{
	const char *s = find_pair(v->phrases, v->nphrases, id);

	return s ? s : "";
}

const char *
wk_voice_word(const struct wk_voice *v, const char *id)
{
	const char *s = find_pair(v->words, v->nwords, id);

	return s ? s : "";
}

static const struct wk_numword *
find_num(const struct wk_numword *v, size_t n, long value)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].value == value)
			return &v[mid];
		if (v[mid].value < value)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct wk_fraction *
wk_voice_fraction(const struct wk_voice *v, int n, int d)
{
	size_t i;

	for (i = 0; i < v->nfractions; i++)
		if (v->fractions[i].n == n && v->fractions[i].d == d)
			return &v->fractions[i];
	return NULL;
}

const struct wk_numword *
wk_voice_num(const struct wk_voice *v, long value)
{
	return find_num(v->nums, v->nnums, value);
}

const struct wk_numword *
wk_voice_ord(const struct wk_voice *v, long value)
{
	return find_num(v->ords, v->nords, value);
}

const struct wk_unit *
wk_voice_unit(const struct wk_voice *v, const char *id)
{
	size_t i;

	for (i = 0; i < v->nunits; i++)
		if (strcmp(v->units[i].id, id) == 0)
			return &v->units[i];
	return NULL;
}

const struct wk_unit *
wk_voice_unit_written(const struct wk_voice *v, const char *s, size_t n)
{
	size_t i, j;

	for (i = 0; i < v->nunits; i++)
		for (j = 0; j < v->units[i].nwritten; j++)
			if (strlen(v->units[i].written[j]) == n &&
			    memcmp(v->units[i].written[j], s, n) == 0)
				return &v->units[i];
	for (i = 0; i < v->nunits; i++)
		for (j = 0; j < v->units[i].nwritten; j++)
			if (wk_eq_fold(s, n, v->units[i].written[j]) &&
			    n > 2)
				return &v->units[i];
	return NULL;
}

static const struct wk_pair *
bsearch_fold(const struct wk_pair *v, size_t nv, const char *s, size_t n)
{
	char *key = wk_fold(s, n);
	size_t lo = 0, hi = nv;
	const struct wk_pair *hit = NULL;

	if (key == NULL)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(v[mid].from, key);

		if (c == 0) {
			hit = &v[mid];
			break;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	free(key);
	return hit;
}

const char *
wk_voice_lex(const struct wk_voice *v, const char *s, size_t n)
{
	const struct wk_pair *p = bsearch_fold(v->lexicon, v->nlexicon, s, n);

	return p ? p->to : NULL;
}

static enum wk_gender
noun_gender(const struct wk_pair *p)
{
	return p->to[0] == 'f' ? WK_FEM : p->to[0] == 'm' ? WK_MASC : WK_BARE;
}

/* The listed noun for the folded plural w: "reses" -> res, "veces" ->
 * vez, "calles" -> calle; NULL when no singular is listed. */
static const struct wk_pair *
plural_noun(const struct wk_voice *v, const char *w, size_t k)
{
	const struct wk_pair *p = NULL;
	char *t;

	if (k < 3 || w[k - 1] != 's' || (t = strdup(w)) == NULL)
		return NULL;
	if (k > 4 && strcmp(w + k - 3, "ces") == 0) {
		strcpy(t + k - 3, "z");
		p = bsearch_fold(v->nouns, v->nnouns, t, strlen(t));
	}
	if (p == NULL && w[k - 2] == 'e') {
		t[k - 2] = '\0';
		p = bsearch_fold(v->nouns, v->nnouns, t, k - 2);
	}
	if (p == NULL) {
		memcpy(t, w, k);
		t[k - 1] = '\0';
		p = bsearch_fold(v->nouns, v->nnouns, t, k - 1);
	}
	free(t);
	/* A plural of a function word ("unos") is not a noun. */
	return p != NULL && p->to[0] != '-' ? p : NULL;
}

enum wk_gender
wk_voice_gender(const struct wk_voice *v, const char *s, size_t n)
{
	const struct wk_pair *p;
	uint32_t cp;
	size_t i, k;
	char *w;
	enum wk_gender g = WK_MASC;

	if (!v->has_gender || n == 0)
		return WK_BARE;
	wk_utf8_next(s, &cp);
	if (wk_is_upper(cp))
		return WK_BARE;
	if ((p = bsearch_fold(v->nouns, v->nnouns, s, n)) != NULL)
		return noun_gender(p);
	if ((w = wk_fold(s, n)) == NULL)
		return WK_MASC;
	k = strlen(w);
	if ((p = plural_noun(v, w, k)) != NULL) {
		free(w);
		return noun_gender(p);
	}
	for (i = 0; i < v->nfem_endings; i++) {
		size_t e = strlen(v->fem_endings[i]);

		if (k > e && strcmp(w + k - e, v->fem_endings[i]) == 0) {
			g = WK_FEM;
			break;
		}
	}
	free(w);
	return g;
}


enum wk_gender
wk_voice_noun(const struct wk_voice *v, const char *s, size_t n)
{
	const struct wk_pair *p;
	char *w;

	if (!v->has_gender || n == 0)
		return WK_BARE;
	if ((p = bsearch_fold(v->nouns, v->nnouns, s, n)) != NULL)
		return noun_gender(p);
	if ((w = wk_fold(s, n)) == NULL)
		return WK_BARE;
	p = plural_noun(v, w, strlen(w));
	free(w);
	return p != NULL ? noun_gender(p) : WK_BARE;
}
