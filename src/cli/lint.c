/*
 * What `check` finds in a bulletin beyond what the reader refuses: a segment
 * that says nothing in one of the bulletin's languages (the listeners of
 * that language would hear its jingle alone), an xml:lang that names no
 * language willakuy can speak (with a suggestion: "quechua" -> "qu"), and
 * dates typed in <say> text that cannot be read as dates (31/11/2026) or
 * can be read two ways (2026/12/04). Results go to a struct wk_diags.
 */

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read/bulletin.h"
#include "read/catalog.h"
#include "base/date.h"
#include "lint.h"
#include "base/paths.h"

/* Names people write for the languages we speak, and their codes. */
static const struct {
	const char *name, *code;
} names[] = {
	{ "quechua", "qu" }, { "qichwa", "qu" }, { "qhichwa", "qu" },
	{ "kichwa", "qu" }, { "runasimi", "qu" }, { "runa-simi", "qu" },
	{ "que", "qu" }, { "quy", "qu" }, { "chanka", "qu" },
	{ "spanish", "es" }, { "espanol", "es" }, { "español", "es" },
	{ "castellano", "es" }, { "spa", "es" }, { "esp", "es" },
	{ "sp", "es" },
};

/* True when willakuy has a voice for lang (a voices/LANG/voice.xml under
 * the data directory). */
static int
has_voice(const char *lang)
{
	char rel[96];
	char *path;
	int ok;

	if (strlen(lang) > 16 || strchr(lang, '/') != NULL || lang[0] == '.')
		return 0;
	snprintf(rel, sizeof rel, "voices/%s/voice.xml", lang);
	if ((path = wk_data_path(rel)) == NULL)
		return 0;
	ok = access(path, R_OK) == 0;
	free(path);
	return ok;
}

/* The language code that lang was probably meant to be, or NULL. */
const char *
wk_lint_suggest_lang(const char *lang, char *const *known, size_t nknown)
{
	char low[64];
	size_t i, n;
	unsigned best = 255, d;
	const char *pick = NULL;

	for (n = 0; lang[n] != '\0' && n + 1 < sizeof low; n++)
		low[n] = (char)tolower((unsigned char)lang[n]);
	low[n] = '\0';
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(low, names[i].name) == 0)
			return names[i].code;
	/* es-PE, qu_PE, QU: the language part of a longer tag. */
	for (i = 0; i < nknown; i++) {
		size_t k = strlen(known[i]);

		if (strncmp(low, known[i], k) == 0 &&
		    (low[k] == '\0' || low[k] == '-' || low[k] == '_'))
			return known[i];
	}
	for (i = 0; i < nknown; i++) {
		d = wk_edit_distance(low, known[i]);
		if (d < best) {
			best = d;
			pick = known[i];
		}
	}
	if (pick != NULL && best <= 1)
		return pick;
	/* A misspelt name: "quechwa", "castellana". */
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i].name) > 4 &&
		    wk_edit_distance(low, names[i].name) <= 2)
			return names[i].code;
	return NULL;
}

static void
check_lang(const struct wk_bulletin *b, struct wk_pos pos, const char *lang,
    struct wk_diags *d)
{
	const char *near;
	size_t i;

	for (i = 0; i < b->nlangs; i++)
		if (strcmp(lang, b->langs[i]) == 0)
			return;
	if (has_voice(lang)) {
		wk_diag(d, WK_WARNING, b->path, pos.line, pos.col,
		    _("xml:lang=\"%s\" is not one of the bulletin's languages "
		    "(languages=\"...\"); this text is never spoken"), lang);
		return;
	}
	near = wk_lint_suggest_lang(lang, b->langs, b->nlangs);
	if (near != NULL)
		wk_diag(d, WK_ERROR, b->path, pos.line, pos.col,
		    _("unknown language xml:lang=\"%s\"; did you mean '%s'? "
		    "(write the code of one of the bulletin's languages)"),
		    lang, near);
	else
		wk_diag(d, WK_ERROR, b->path, pos.line, pos.col,
		    _("unknown language xml:lang=\"%s\"; write the code of one "
		    "of the bulletin's languages (es, qu)"), lang);
}

/* Reads up to 4 digits at s into *v; returns how many were read. */
static size_t
digits(const char *s, int *v)
{
	size_t n = 0;

	*v = 0;
	while (n < 5 && s[n] >= '0' && s[n] <= '9')
		*v = *v * 10 + (s[n++] - '0');
	return n;
}

int
wk_lint_date(const char *s, size_t *len)
{
	int a, b, c;
	size_t na, nb, nc;
	char sep;

	na = digits(s, &a);
	if (na == 0 || na == 3 || na > 4)
		return WK_LINT_NOT_DATE;
	sep = s[na];
	if (sep != '/' && sep != '-' && sep != '.')
		return WK_LINT_NOT_DATE;
	nb = digits(s + na + 1, &b);
	if (nb == 0 || nb > 2 || s[na + 1 + nb] != sep)
		return WK_LINT_NOT_DATE;
	nc = digits(s + na + nb + 2, &c);
	*len = na + nb + nc + 2;
	if (na == 4) {
		/* Year first. 2026-12-04 is ISO and means 4 December; with
		 * slashes or points the order of the other two is a guess. */
		if (nc == 0 || nc > 2)
			return WK_LINT_NOT_DATE;
		if (sep == '-')
			return wk_date_valid(a, b, c) ? WK_LINT_OK : WK_LINT_BAD;
		if (!wk_date_valid(a, b, c) && !wk_date_valid(a, c, b))
			return WK_LINT_BAD;
		if (b != c && b <= 12 && c <= 12)
			return WK_LINT_AMBIGUOUS;
		return WK_LINT_OK;
	}
	/* Day first, as in Peru: 29/11/2026. */
	if (nc != 4)
		return WK_LINT_NOT_DATE;
	return wk_date_valid(c, b, a) ? WK_LINT_OK : WK_LINT_BAD;
}

static void
check_dates(const struct wk_bulletin *b, const struct wk_item *it,
    struct wk_diags *d)
{
	const char *s = it->text;
	size_t len;

	while (*s != '\0') {
		int r;

		if (!(*s >= '0' && *s <= '9') ||
		    (s > it->text && strchr("0123456789/-.", s[-1]) != NULL)) {
			s++;
			continue;
		}
		len = 0;
		r = wk_lint_date(s, &len);
		/* 1/2/3/4 or 2026-12-04-05: a longer run is not a date. */
		if (len > 0 && strchr("/-", s[len]) != NULL && s[len] != '\0' &&
		    s[len + 1] >= '0' && s[len + 1] <= '9')
			r = WK_LINT_NOT_DATE;
		if (r == WK_LINT_BAD)
			wk_diag(d, WK_WARNING, b->path, it->pos.line, it->pos.col,
			    _("'%.*s' cannot be read as a date (there is no such "
			    "day); write the date in words, for example \"29 de "
			    "noviembre\""), (int)len, s);
		else if (r == WK_LINT_AMBIGUOUS)
			wk_diag(d, WK_WARNING, b->path, it->pos.line, it->pos.col,
			    _("'%.*s' can be read as two dates (month and day "
			    "are both 12 or less); write it as YYYY-MM-DD or in "
			    "words"), (int)len, s);
		s += len > 0 ? len : 1;
	}
}

void
wk_lint_bulletin(const struct wk_bulletin *b, struct wk_diags *d)
{
	size_t i, j, k;

	for (i = 0; i < b->ntitles; i++)
		check_lang(b, b->pos, b->title_langs[i], d);
	for (i = 0; i < b->nsegs; i++) {
		const struct wk_segment *sg = &b->segs[i];

		for (j = 0; j < sg->nitems; j++)
			if (sg->items[j].kind == WK_ITEM_SAY) {
				check_lang(b, sg->items[j].pos, sg->items[j].lang, d);
				check_dates(b, &sg->items[j], d);
			}
		if (sg->speech_optional)
			continue;
		for (k = 0; k < b->nlangs; k++) {
			int speaks = 0, clips = 0;

			for (j = 0; j < sg->nitems; j++) {
				const struct wk_item *it = &sg->items[j];

				/* Prices, news, trends and comparisons are composed in every
				 * language. */
				if ((it->kind == WK_ITEM_SAY &&
				    strcmp(it->lang, b->langs[k]) == 0) ||
				    it->kind == WK_ITEM_PRICES ||
				    it->kind == WK_ITEM_NEWS ||
				    it->kind == WK_ITEM_TRENDS ||
				    it->kind == WK_ITEM_COMPARE)
					speaks = 1;
				clips += it->kind == WK_ITEM_CLIP;
			}
			if (speaks)
				continue;
			if (clips > 0 || sg->bed.path != NULL)
				wk_diag(d, WK_ERROR, b->path, sg->pos.line,
				    sg->pos.col, _("segment '%s' says nothing in '%s' "
				    "(no <say xml:lang=\"%s\">): the %s bulletin would "
				    "play its clips alone; add the text, or write "
				    "speech=\"optional\" on the segment if that is "
				    "meant"), sg->id, b->langs[k], b->langs[k],
				    b->langs[k]);
			else
				wk_diag(d, WK_ERROR, b->path, sg->pos.line,
				    sg->pos.col, _("segment '%s' says nothing in '%s' "
				    "(no <say xml:lang=\"%s\">): the %s bulletin leaves "
				    "it out; add the text, or write speech=\"optional\" "
				    "on the segment if that is meant"), sg->id,
				    b->langs[k], b->langs[k], b->langs[k]);
		}
	}
}
