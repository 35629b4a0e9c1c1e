/*
 * The rules of a bulletin (rules.h), applied by `check` to report them
 * and by `build` to report them too: one function, one wording. The
 * checks that need no station come first; those of a station's world
 * (its voices, its catalogue) and of the clips on disk follow. Results
 * go to a struct wk_diags; nothing is changed.
 */

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bulletin.h"
#include "catalog.h"
#include "clip.h"
#include "base/paths.h"
#include "rules.h"
#include "site.h"

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

const char *
wk_rules_suggest_lang(const char *lang, char *const *known, size_t nknown)
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

void
wk_rules_unknown_id(struct wk_diags *d, const char *file, struct wk_pos pos,
    const char *what, const char *id, const struct wk_entry *v, size_t n)
{
	const char *with = _("unknown %s '%s'; did you mean '%s'? (the known "
	    "ones are in voices/catalog.xml)");
	const char *without = _("unknown %s '%s'; add it to voices/catalog.xml "
	    "or use a known id");
	const char *near = NULL;

	/* Once as many unknown ids as are shown have been, the rest are only
	 * counted (WK_DIAG_CAP): a suggestion for them is work for nothing. */
	if (!wk_diags_capped(d, file, without))
		near = wk_entry_closest(v, n, id);
	if (near != NULL)
		wk_diag(d, WK_ERROR, file, pos.line, pos.col, with, what, id, near);
	else
		wk_diag(d, WK_ERROR, file, pos.line, pos.col, without, what, id);
}

/* xml:lang of a title or text: one of the bulletin's languages, or an
 * error (a warning when it is a language of another voice). */
static size_t
check_lang(const struct wk_bulletin *b, struct wk_pos pos, const char *lang,
    struct wk_diags *d)
{
	const char *near;
	size_t i;

	for (i = 0; i < b->nlangs; i++)
		if (strcmp(lang, b->langs[i]) == 0)
			return 0;
	if (has_voice(lang)) {
		wk_diag(d, WK_WARNING, b->path, pos.line, pos.col,
		    _("xml:lang=\"%s\" is not one of the bulletin's languages "
		    "(languages=\"...\"); this text is never spoken"), lang);
		return 0;
	}
	near = wk_rules_suggest_lang(lang, b->langs, b->nlangs);
	if (near != NULL)
		wk_diag(d, WK_ERROR, b->path, pos.line, pos.col,
		    _("unknown language xml:lang=\"%s\"; did you mean '%s'? "
		    "(write the code of one of the bulletin's languages)"),
		    lang, near);
	else
		wk_diag(d, WK_ERROR, b->path, pos.line, pos.col,
		    _("unknown language xml:lang=\"%s\"; write the code of one "
		    "of the bulletin's languages (es, qu)"), lang);
	return 1;
}

/* Segment sg says something in every language of b, unless it says
 * speech="optional". */
static size_t
check_speech(const struct wk_bulletin *b, const struct wk_segment *sg,
    struct wk_diags *d)
{
	size_t j, k, errors = 0;

	if (sg->speech_optional)
		return 0;
	for (k = 0; k < b->nlangs; k++) {
		int speaks = 0, clips = 0;

		for (j = 0; j < sg->nitems; j++) {
			const struct wk_item *it = &sg->items[j];

			/* Prices, news, trends and comparisons are composed
			 * in every language. */
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
		errors++;
		if (clips > 0 || sg->bed.path != NULL)
			wk_diag(d, WK_ERROR, b->path, sg->pos.line, sg->pos.col,
			    _("segment '%s' says nothing in '%s' (no <say "
			    "xml:lang=\"%s\">): the %s bulletin would play its "
			    "clips alone; add the text, or write "
			    "speech=\"optional\" on the segment if that is "
			    "meant"), sg->id, b->langs[k], b->langs[k],
			    b->langs[k]);
		else
			wk_diag(d, WK_ERROR, b->path, sg->pos.line, sg->pos.col,
			    _("segment '%s' says nothing in '%s' (no <say "
			    "xml:lang=\"%s\">): the %s bulletin leaves it out; "
			    "add the text, or write speech=\"optional\" on the "
			    "segment if that is meant"), sg->id, b->langs[k],
			    b->langs[k], b->langs[k]);
	}
	return errors;
}

/* The ids of item it that the site's catalogue must know, and its clip. */
static size_t
check_item(const struct wk_bulletin *b, const struct wk_item *it,
    struct wk_site *site, struct wk_diags *d)
{
	const struct wk_catalog *cat = site->cat;
	size_t k, errors = 0;

	if (it->kind == WK_ITEM_PRICES && cat != NULL) {
		if (wk_entry_find(cat->markets, cat->nmarkets, it->market) ==
		    NULL) {
			wk_rules_unknown_id(d, b->path, it->market_pos,
			    _("market"), it->market, cat->markets, cat->nmarkets);
			errors++;
		}
		for (k = 0; k < it->nproducts; k++)
			if (wk_entry_find(cat->products, cat->nproducts,
			    it->products[k]) == NULL) {
				wk_rules_unknown_id(d, b->path, it->products_pos,
				    _("product"), it->products[k], cat->products,
				    cat->nproducts);
				errors++;
			}
	} else if (it->kind == WK_ITEM_NEWS && it->network != NULL &&
	    cat != NULL && wk_entry_find(cat->networks, cat->nnetworks,
	    it->network) == NULL) {
		wk_rules_unknown_id(d, b->path, it->pos, _("network"),
		    it->network, cat->networks, cat->nnetworks);
		errors++;
	} else if (it->kind == WK_ITEM_CLIP) {
		struct wk_clip *cl = NULL;
		struct wk_err e;
		size_t n = d != NULL ? d->n : 0;

		if (wk_clip_open(it->path, &cl, &e) != WK_OK) {
			wk_diag(d, WK_ERROR, b->path, it->pos.line, it->pos.col,
			    _("clip %s: %s"), it->path, e.msg);
			/* The clip's problem: one cause with what build
			 * says of it when it leaves the clip out. */
			if (d != NULL && d->n > n)
				wk_diag_set_cause(d, n, WK_CAUSE_CLIP, it->path);
			errors++;
		}
		wk_clip_close(cl);
	}
	return errors;
}

/* Segment sg's bed, read as clips are. */
static size_t
check_bed(const struct wk_bulletin *b, const struct wk_segment *sg,
    struct wk_diags *d)
{
	struct wk_clip *cl = NULL;
	struct wk_err e;
	size_t n = d != NULL ? d->n : 0;

	if (wk_clip_open(sg->bed.path, &cl, &e) == WK_OK) {
		wk_clip_close(cl);
		return 0;
	}
	wk_diag(d, WK_ERROR, b->path, sg->bed.pos.line, sg->bed.pos.col,
	    _("bed %s: %s"), sg->bed.path, e.msg);
	if (d != NULL && d->n > n)
		wk_diag_set_cause(d, n, WK_CAUSE_CLIP, sg->bed.path);
	return 1;
}

size_t
wk_rules_bulletin(const struct wk_bulletin *b, struct wk_site *site,
    struct wk_diags *d)
{
	size_t i, j, k, errors = 0;

	for (k = 0; site != NULL && k < b->nlangs; k++) {
		struct wk_err e;

		if (wk_site_voice(site, b->langs[k], d, &e) == NULL) {
			wk_diag(d, WK_ERROR, b->path, b->pos.line, b->pos.col,
			    _("language '%s': %s"), b->langs[k], e.msg);
			errors++;
		}
	}
	for (i = 0; i < b->ntitles; i++)
		errors += check_lang(b, b->pos, b->title_langs[i], d);
	for (i = 0; i < b->nsegs; i++) {
		const struct wk_segment *sg = &b->segs[i];

		for (j = 0; j < sg->nitems; j++) {
			if (sg->items[j].kind == WK_ITEM_SAY)
				errors += check_lang(b, sg->items[j].pos,
				    sg->items[j].lang, d);
			if (site != NULL)
				errors += check_item(b, &sg->items[j], site, d);
		}
		if (site != NULL && sg->bed.path != NULL)
			errors += check_bed(b, sg, d);
		errors += check_speech(b, sg, d);
	}
	return errors;
}
