/*
 * Reads bulletin scripts. Every element and attribute is checked here with
 * a message an editor can act on; the RELAX NG schema (bulletin.rng) runs
 * afterwards as a safety net for anything unexpected.
 */

#include <stdlib.h>
#include <string.h>

#include "bulletin.h"
#include "base/paths.h"
#include "base/text.h"
#include "rngoutline.h"
#include "xmlio.h"

int
wk_valid_id(const char *s)
{
	size_t n = 0;

	if (s == NULL || *s == '-' || *s == '\0')
		return 0;
	for (; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') ||
		    s[n] == '-'))
			return 0;
	return n <= 64;
}

static enum wk_status
uint_attr(struct wk_xmlfile *f, xmlNodePtr n, const char *name,
    unsigned long max, unsigned *out, struct wk_err *err)
{
	char *s = wk_xml_attr(n, name), *end;
	unsigned long v;

	if (s == NULL)
		return WK_OK;
	v = strtoul(s, &end, 10);
	if (end == s || *end != '\0' || s[0] == '-' || v > max) {
		enum wk_status st = wk_xml_err(f, n, name, err,
		    _("%s=\"%s\" must be a whole number from 0 to %lu"), name, s,
		    max);

		free(s);
		return st;
	}
	free(s);
	*out = (unsigned)v;
	return WK_OK;
}

static void
pos(struct wk_xmlfile *f, xmlNodePtr n, const char *attr, struct wk_pos *p)
{
	wk_xml_pos(f, n, attr, &p->line, &p->col);
}

/* A path attribute, resolved against the bulletin's directory. */
static enum wk_status
path_attr(struct wk_xmlfile *f, struct wk_bulletin *b, xmlNodePtr n,
    char **out, struct wk_err *err)
{
	char *s = wk_xml_req(f, n, "src", err);

	if (s == NULL)
		return err->status;
	*out = wk_path_join(b->dir, s);
	free(s);
	return *out ? WK_OK : wk_err_nomem(err);
}

/* The required attribute name of n into *v, its position into *at. */
static enum wk_status
req_at(struct wk_xmlfile *f, xmlNodePtr n, const char *name, char **v,
    struct wk_pos *at, struct wk_err *err)
{
	pos(f, n, name, at);
	return (*v = wk_xml_req(f, n, name, err)) == NULL ? err->status : WK_OK;
}

/* The optional products="id id ..." of n. */
static enum wk_status
read_products(struct wk_xmlfile *f, xmlNodePtr n, struct wk_item *it,
    struct wk_err *err)
{
	char *s = wk_xml_attr(n, "products");

	if (s == NULL)
		return WK_OK;
	pos(f, n, "products", &it->products_pos);
	it->products = wk_split_words(s, &it->nproducts);
	free(s);
	return it->products == NULL ? wk_err_nomem(err) : WK_OK;
}

/* <trends feed market days products> and <compare feed products>: what
 * the history and the day's markets say about prices (compose_market.c). */
static enum wk_status
read_market_item(struct wk_xmlfile *f, xmlNodePtr n, struct wk_item *it,
    struct wk_err *err)
{
	it->kind = wk_xml_is(n, "trends") ? WK_ITEM_TRENDS : WK_ITEM_COMPARE;
	if (req_at(f, n, "feed", &it->feed, &it->feed_pos, err) != WK_OK)
		return err->status;
	if (it->kind == WK_ITEM_TRENDS) {
		if (req_at(f, n, "market", &it->market, &it->market_pos, err) !=
		    WK_OK)
			return err->status;
		it->days = 7;
		if (uint_attr(f, n, "days", 366, &it->days, err) != WK_OK)
			return err->status;
		if (it->days == 0)
			return wk_xml_err(f, n, "days", err, "%s",
			    _("days=\"0\" compares nothing; give the span in days, "
			    "for example days=\"7\" for the week"));
	}
	return read_products(f, n, it, err);
}

static enum wk_status
read_item(struct wk_xmlfile *f, struct wk_bulletin *b, xmlNodePtr n,
    struct wk_item *it, struct wk_err *err)
{
	static const char *const items[] = { "say", "prices", "news",
	    "trends", "compare", "clip", "pause", "bed", NULL };
	enum wk_status st = WK_OK;
	char *s;

	pos(f, n, NULL, &it->pos);
	if (wk_xml_is(n, "say")) {
		const char *lang = wk_xml_lang(n);

		it->kind = WK_ITEM_SAY;
		if (lang == NULL)
			return wk_xml_err(f, n, NULL, err, "%s",
			    _("<say> needs xml:lang=\"es\" or xml:lang=\"qu\""));
		if ((it->lang = strdup(lang)) == NULL ||
		    (it->text = wk_xml_text(n)) == NULL)
			return wk_err_nomem(err);
		if (it->text[0] == '\0')
			return wk_xml_err(f, n, NULL, err, "%s",
			    _("<say> is empty; write the text to speak inside it"));
		if (strlen(it->text) > WK_XML_MAX_TEXT)
			return wk_xml_err(f, n, NULL, err,
			    _("<say> holds %zu bytes of text, more than the %d "
			    "willakuy reads in one element; split it"),
			    strlen(it->text), WK_XML_MAX_TEXT);
	} else if (wk_xml_is(n, "prices") || wk_xml_is(n, "news")) {
		it->kind = wk_xml_is(n, "prices") ? WK_ITEM_PRICES : WK_ITEM_NEWS;
		if (req_at(f, n, "feed", &it->feed, &it->feed_pos, err) != WK_OK)
			return err->status;
		if (it->kind == WK_ITEM_PRICES) {
			if (req_at(f, n, "market", &it->market, &it->market_pos,
			    err) != WK_OK || read_products(f, n, it, err) != WK_OK)
				return err->status;
		} else {
			it->network = wk_xml_attr(n, "network");
			it->max = 0;
			if ((st = uint_attr(f, n, "max", 100, &it->max, err)) != WK_OK)
				return st;
			s = wk_xml_attr(n, "untranslated");
			it->untranslated = s && strcmp(s, "announce") == 0
			    ? WK_UNTR_ANNOUNCE : WK_UNTR_SKIP;
			if (s != NULL && strcmp(s, "announce") != 0 &&
			    strcmp(s, "skip") != 0)
				st = wk_xml_err(f, n, "untranslated", err,
				    _("untranslated=\"%s\": use \"skip\" (leave the "
				    "item out) or \"announce\" (read it in the other "
				    "language, announced)"), s);
			free(s);
		}
	} else if (wk_xml_is(n, "trends") || wk_xml_is(n, "compare")) {
		st = read_market_item(f, n, it, err);
	} else if (wk_xml_is(n, "clip")) {
		it->kind = WK_ITEM_CLIP;
		st = path_attr(f, b, n, &it->path, err);
	} else if (wk_xml_is(n, "pause")) {
		it->kind = WK_ITEM_PAUSE;
		if (!xmlHasProp(n, BAD_CAST "ms"))
			return wk_xml_err(f, n, NULL, err, "%s",
			    _("<pause> needs ms=\"...\" (milliseconds)"));
		st = uint_attr(f, n, "ms", 10000, &it->pause_ms, err);
	} else if (wk_rng_nearest((const char *)n->name, items) != NULL)
		st = wk_xml_err(f, n, NULL, err,
		    _("unexpected <%s> in <%s>; did you mean <%s>?"),
		    (const char *)n->name, "segment",
		    wk_rng_nearest((const char *)n->name, items));
	else
		st = wk_xml_err(f, n, NULL, err,
		    _("unexpected <%s> in <segment>; use say, prices, news, "
		    "trends, compare, clip or pause"), (const char *)n->name);
	return st;
}

/* speech="required|optional": whether every language of the bulletin must
 * have spoken content in the segment (check's rule), or a language without
 * it plays the segment's clips alone on purpose. */
static enum wk_status
speech_attr(struct wk_xmlfile *f, xmlNodePtr n, struct wk_segment *sg,
    struct wk_err *err)
{
	char *v = wk_xml_attr(n, "speech");
	enum wk_status st = WK_OK;

	if (v == NULL)
		return WK_OK;
	if (strcmp(v, "optional") == 0)
		sg->speech_optional = 1;
	else if (strcmp(v, "required") != 0)
		st = wk_xml_err(f, n, "speech", err, "%s",
		    _("speech must be \"required\" (every language speaks in "
		    "this segment) or \"optional\" (a language without <say> "
		    "plays its clips alone)"));
	free(v);
	return st;
}

static enum wk_status
read_segment(struct wk_xmlfile *f, struct wk_bulletin *b, xmlNodePtr n,
    struct wk_segment *sg, struct wk_err *err)
{
	xmlNodePtr k;
	size_t cap = 0;
	enum wk_status st;
	unsigned long paused_ms = 0;

	pos(f, n, NULL, &sg->pos);
	if ((sg->id = wk_xml_req(f, n, "id", err)) == NULL)
		return err->status;
	if (!wk_valid_id(sg->id))
		return wk_xml_err(f, n, "id", err,
		    _("segment id \"%s\" is not valid: use lower-case letters, "
		    "digits and '-' (it becomes a file name)"), sg->id);
	if ((st = speech_attr(f, n, sg, err)) != WK_OK)
		return st;
	sg->style = wk_xml_attr(n, "style");	/* pinned phrase style */
	for (k = wk_xml_elem(n->children); k; k = wk_xml_elem(k->next))
		cap++;
	if ((sg->items = calloc(cap + 1, sizeof *sg->items)) == NULL)
		return wk_err_nomem(err);
	for (k = wk_xml_elem(n->children); k; k = wk_xml_elem(k->next)) {
		if (wk_xml_is(k, "bed")) {
			unsigned fade = 400;
			char *lv;

			if (sg->bed.path != NULL)
				return wk_xml_err(f, k, NULL, err, "%s",
				    _("a segment has one <bed> at most"));
			pos(f, k, NULL, &sg->bed.pos);
			if ((st = path_attr(f, b, k, &sg->bed.path, err)) != WK_OK)
				return st;
			if ((st = uint_attr(f, k, "fade-ms", 5000, &fade, err)) != WK_OK)
				return st;
			sg->bed.fade_ms = fade;
			sg->bed.duck_db = 15;
			if ((lv = wk_xml_attr(k, "duck-db")) != NULL) {
				char *end;
				double v = strtod(lv, &end);

				if (end == lv || *end != '\0' || !(v >= 0 && v <= 40)) {
					st = wk_xml_err(f, k, "duck-db", err,
					    _("duck-db=\"%s\" must be a number of "
					    "decibels from 0 to 40 (how far the bed dips "
					    "under speech, for example 15)"), lv);
					free(lv);
					return st;
				}
				sg->bed.duck_db = v;
				free(lv);
			}
			continue;
		}
		if ((st = read_item(f, b, k, &sg->items[sg->nitems++], err)) != WK_OK)
			return st;
		if (sg->items[sg->nitems - 1].kind == WK_ITEM_PAUSE &&
		    (paused_ms += sg->items[sg->nitems - 1].pause_ms) >
		    WK_SEGMENT_PAUSE_MAX_MS)
			return wk_xml_err(f, k, NULL, err,
			    _("the pauses of this segment add up to %lu ms, more "
			    "than the %u ms a segment may be silent (listeners "
			    "would take it for dead air); shorten or remove some "
			    "<pause> elements"), paused_ms,
			    WK_SEGMENT_PAUSE_MAX_MS);
	}
	if (sg->nitems == 0)
		return wk_xml_err(f, n, NULL, err, "%s",
		    _("the segment is empty; give it say, prices, news, clip or "
		    "pause elements"));
	return WK_OK;
}

static enum wk_status
read_bulletin(struct wk_xmlfile *f, struct wk_bulletin *b, struct wk_err *err)
{
	static const char *const parts[] = { "title", "segment", NULL };
	xmlNodePtr n;
	size_t cap = 0, i, j;
	enum wk_status st;
	char *s;
	unsigned age = 0;

	pos(f, f->root, NULL, &b->pos);
	if (!wk_xml_is(f->root, "bulletin"))
		return wk_xml_err(f, f->root, NULL, err,
		    _("this is a <%s> file, not a bulletin (<bulletin>)"),
		    (const char *)f->root->name);
	if ((b->id = wk_xml_req(f, f->root, "id", err)) == NULL)
		return err->status;
	if (!wk_valid_id(b->id))
		return wk_xml_err(f, f->root, "id", err,
		    _("bulletin id \"%s\" is not valid: use lower-case letters, "
		    "digits and '-' (it becomes a file name)"), b->id);
	if ((s = wk_xml_req(f, f->root, "languages", err)) == NULL)
		return err->status;
	b->langs = wk_split_words(s, &b->nlangs);
	free(s);
	if (b->langs == NULL)
		return wk_err_nomem(err);
	if (b->nlangs == 0)
		return wk_xml_err(f, f->root, "languages", err, "%s",
		    _("languages=\"...\" lists no language; write \"es qu\""));
	for (i = 0; i < b->nlangs; i++)
		for (j = 0; j < i; j++)
			if (strcmp(b->langs[i], b->langs[j]) == 0)
				return wk_xml_err(f, f->root, "languages", err,
				    _("language '%s' is listed twice"), b->langs[i]);
	if ((st = uint_attr(f, f->root, "max-age-days", 30, &age, err)) != WK_OK)
		return st;
	b->max_age_days = (int)age;
	for (n = wk_xml_elem(f->root->children); n; n = wk_xml_elem(n->next))
		cap++;
	b->segs = calloc(cap + 1, sizeof *b->segs);
	b->title_langs = calloc(cap + 1, sizeof *b->title_langs);
	b->titles = calloc(cap + 1, sizeof *b->titles);
	if (b->segs == NULL || b->title_langs == NULL || b->titles == NULL)
		return wk_err_nomem(err);
	for (n = wk_xml_elem(f->root->children); n; n = wk_xml_elem(n->next)) {
		if (wk_xml_is(n, "title")) {
			const char *lang = wk_xml_lang(n);

			if (lang == NULL)
				return wk_xml_err(f, n, NULL, err, "%s",
				    _("<title> needs xml:lang=\"es\" or \"qu\""));
			if ((b->title_langs[b->ntitles] = strdup(lang)) == NULL ||
			    (b->titles[b->ntitles] = wk_xml_text(n)) == NULL) {
				b->ntitles++;
				return wk_err_nomem(err);
			}
			b->ntitles++;
		} else if (wk_xml_is(n, "segment")) {
			struct wk_segment *sg = &b->segs[b->nsegs++];

			if (b->nsegs > WK_MAX_SEGMENTS)
				return wk_xml_err(f, n, NULL, err,
				    _("a bulletin has at most %d segments; split "
				    "it in two"), WK_MAX_SEGMENTS);
			if ((st = read_segment(f, b, n, sg, err)) != WK_OK)
				return st;
			for (i = 0; i + 1 < b->nsegs; i++)
				if (strcmp(b->segs[i].id, sg->id) == 0)
					return wk_xml_err(f, n, "id", err,
					    _("segment '%s' appears twice (also at "
					    "line %d)"), sg->id, b->segs[i].pos.line);
		} else if (wk_rng_nearest((const char *)n->name, parts) != NULL)
			return wk_xml_err(f, n, NULL, err,
			    _("unexpected <%s> in <%s>; did you mean <%s>?"),
			    (const char *)n->name, "bulletin",
			    wk_rng_nearest((const char *)n->name, parts));
		else
			return wk_xml_err(f, n, NULL, err,
			    _("unexpected <%s> in <bulletin>; use <title> and "
			    "<segment>"), (const char *)n->name);
	}
	if (b->nsegs == 0)
		return wk_xml_err(f, f->root, NULL, err, "%s",
		    _("the bulletin has no <segment>"));
	return WK_OK;
}

enum wk_status
wk_bulletin_load(const char *path, struct wk_bulletin **out,
    struct wk_diags *d, struct wk_err *err)
{
	struct wk_xmlfile f;
	struct wk_bulletin *b;
	enum wk_status st;

	*out = NULL;
	if ((b = calloc(1, sizeof *b)) == NULL)
		return wk_err_nomem(err);
	if ((b->path = strdup(path)) == NULL || (b->dir = wk_path_dir(path)) == NULL) {
		wk_bulletin_free(b);
		return wk_err_nomem(err);
	}
	st = wk_xml_load(path, WK_XML_UTF8_ONLY, &f, err);
	/* A problem the reader stops at does not hide the others. */
	if (st == WK_OK)
		st = wk_xml_finish(&f, "bulletin", read_bulletin(&f, b, err), d,
		    err);
	wk_xml_free(&f);
	if (st != WK_OK) {
		wk_bulletin_free(b);
		return st;
	}
	*out = b;
	return WK_OK;
}

void
wk_bulletin_free(struct wk_bulletin *b)
{
	size_t i, j;

	if (b == NULL)
		return;
	for (i = 0; i < b->nsegs; i++) {
		struct wk_segment *sg = &b->segs[i];

		for (j = 0; j < sg->nitems; j++) {
			struct wk_item *it = &sg->items[j];

			free(it->lang);
			free(it->text);
			free(it->feed);
			free(it->market);
			wk_free_words(it->products, it->nproducts);
			free(it->network);
			free(it->path);
		}
		free(sg->items);
		free(sg->bed.path);
		free(sg->id);
		free(sg->style);
	}
	free(b->segs);
	for (i = 0; i < b->ntitles; i++) {
		free(b->title_langs[i]);
		free(b->titles[i]);
	}
	free(b->title_langs);
	free(b->titles);
	wk_free_words(b->langs, b->nlangs);
	free(b->id);
	free(b->path);
	free(b->dir);
	free(b);
}

const char *
wk_bulletin_title(const struct wk_bulletin *b, const char *lang)
{
	size_t i;

	for (i = 0; i < b->ntitles; i++)
		if (strcmp(b->title_langs[i], lang) == 0)
			return b->titles[i];
	return b->ntitles > 0 ? b->titles[0] : b->id;
}

enum wk_status
wk_bulletin_refs(const char *path,
    void (*fn)(void *arg, const struct wk_bulletin_ref *ref), void *arg,
    struct wk_err *err)
{
	struct wk_xmlfile f;
	struct wk_bulletin_ref r;
	xmlNodePtr sg, n;
	enum wk_status st;

	if ((st = wk_xml_load(path, WK_XML_UTF8_ONLY, &f, err)) != WK_OK)
		goto out;
	for (sg = wk_xml_elem(f.root->children); sg; sg = wk_xml_elem(sg->next))
		for (n = wk_xml_elem(sg->children); n && wk_xml_is(sg, "segment");
		    n = wk_xml_elem(n->next)) {
			char *v, **w = NULL;
			size_t nw = 0, i;

			if (wk_xml_is(n, "prices") &&
			    (v = wk_xml_attr(n, "market")) != NULL) {
				r.what = "market";
				r.id = v;
				pos(&f, n, "market", &r.pos);
				fn(arg, &r);
				free(v);
			}
			if (wk_xml_is(n, "prices") &&
			    (v = wk_xml_attr(n, "products")) != NULL) {
				w = wk_split_words(v, &nw);
				free(v);
			}
			for (i = 0; w != NULL && i < nw; i++) {
				r.what = "product";
				r.id = w[i];
				pos(&f, n, "products", &r.pos);
				fn(arg, &r);
			}
			wk_free_words(w, nw);
			if (wk_xml_is(n, "news") &&
			    (v = wk_xml_attr(n, "network")) != NULL) {
				r.what = "network";
				r.id = v;
				pos(&f, n, NULL, &r.pos);
				fn(arg, &r);
				free(v);
			}
		}
out:
	wk_xml_free(&f);
	return st;
}
