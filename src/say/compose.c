/*
 * Composes a bulletin's script in one language. Say texts are taken as
 * written (with {date} and {station} filled in); price and news segments
 * are built from the day's feeds with the voice's phrase templates. Every
 * line is written as an editor would type it ("S/ 2.50/kg", "2026-11-29")
 * and then verbalized, so the same rules speak editors' texts and
 * generated lines. Feeds go through a per-run cache; a feed that cannot be
 * used turns into the voice's fallback phrase and a warning. The station's
 * site says which network an RSS category is and which voice reads a
 * language tag when the items are chosen.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "read/catalog.h"
#include "read/clip.h"
#include "compose.h"
#include "compose_priv.h"
#include "read/feed.h"
#include "read/history.h"
#include "read/plausible.h"
#include "base/paths.h"
#include "base/text.h"
#include "read/site.h"
#include "read/station.h"
#include "verbal.h"
#include "read/voice.h"

struct wk_feedcache {
	struct wk_cached *v;
	size_t n;
	struct wk_history *hist;	/* price archive, or NULL */
	struct wk_style *styles[8];	/* per voice, as loaded */
	char *style_langs[8];
	size_t nstyles;
};

struct wk_feedcache *
wk_feedcache_new(void)
{
	return calloc(1, sizeof(struct wk_feedcache));
}

enum wk_status
wk_compose_open(struct wk_compose *c, struct wk_site *site,
    struct wk_date date, struct wk_feedcache *fc, struct wk_diags *d,
    struct wk_err *err)
{
	memset(c, 0, sizeof *c);
	c->site = site;
	c->cat = site->cat;
	c->station = site->station;
	c->date = date;
	c->d = d;
	c->feeds = fc;
	if (fc == NULL) {
		c->own_feeds = 1;
		if ((c->feeds = wk_feedcache_new()) == NULL)
			return wk_err_nomem(err);
	}
	return WK_OK;
}

void
wk_compose_close(struct wk_compose *c)
{
	if (c->own_feeds)
		wk_feedcache_free(c->feeds);
	memset(c, 0, sizeof *c);
}

void
wk_feedcache_free(struct wk_feedcache *fc)
{
	size_t i;

	if (fc == NULL)
		return;
	for (i = 0; i < fc->n; i++) {
		free(fc->v[i].path);
		free(fc->v[i].held);
		wk_prices_free(fc->v[i].prices);
		wk_news_free(fc->v[i].news);
	}
	free(fc->v);
	wk_history_close(fc->hist);
	for (i = 0; i < fc->nstyles; i++) {
		wk_style_free(fc->styles[i]);
		free(fc->style_langs[i]);
	}
	free(fc);
}

/* Warns that price pr of market m in feed p is suspect (s) and left out;
 * the warning is its own cause (publish/causes.c), one per price. */
static void
warn_suspect(struct wk_compose *c, const struct wk_prices *p,
    const struct wk_market *m, const struct wk_price *pr,
    const struct wk_suspicion *s)
{
	struct wk_buf b = WK_BUF_INIT;

	wk_suspicion_describe(s, m->id, pr->product, pr->unit, &b);
	wk_diag(c->d, WK_WARNING, p->path, pr->value_pos.line,
	    pr->value_pos.col, _("%s It is left out of the bulletins: correct "
	    "value=\"...\" in the feed, or add confirmed=\"yes\" to this "
	    "<price> if it is right"), b.failed ? _("out of memory")
	    : wk_buf_str(&b));
	if (c->d != NULL && c->d->n > 0)
		wk_diag_set_cause(c->d, c->d->n - 1, WK_CAUSE_PRICE, p->path);
	wk_buf_free(&b);
}

/* Holds back the suspect prices of feed e (read/plausible.h), each with
 * a warning, and archives the others: a typo kept out of the archive is
 * not the base of tomorrow's comparison. */
static enum wk_status
judge_prices(struct wk_compose *c, struct wk_cached *e, struct wk_err *err)
{
	const struct wk_prices *p = e->prices;
	struct wk_prices kept = *p;
	struct wk_history *h = c->feeds->hist;
	struct wk_market *km;
	struct wk_suspicion s;
	double factor = c->station != NULL ? c->station->price_factor
	    : WK_PLAUSIBLE_FACTOR;
	size_t i, j, total = 0;
	enum wk_status st = WK_OK;

	for (i = 0; i < p->nmarkets; i++)
		total += p->markets[i].nprices;
	e->held = calloc(total + 1, sizeof *e->held);
	km = calloc(p->nmarkets + 1, sizeof *km);
	if (e->held == NULL || km == NULL) {
		free(km);
		return wk_err_nomem(err);
	}
	for (i = 0; i < p->nmarkets && st == WK_OK; i++) {
		const struct wk_market *m = &p->markets[i];

		km[i] = *m;
		km[i].nprices = 0;
		if ((km[i].prices = calloc(m->nprices + 1,
		    sizeof *km[i].prices)) == NULL) {
			st = wk_err_nomem(err);
			break;
		}
		for (j = 0; j < m->nprices && st == WK_OK; j++) {
			const struct wk_price *pr = &m->prices[j];

			st = wk_plausible_price(h, p, m, pr, factor, &s, err);
			if (st == WK_ENOMEM)
				break;
			/* An archive that cannot be read is reported when the
			 * feed is archived; the next prices do without it. */
			if (st != WK_OK)
				h = NULL;
			st = WK_OK;
			if (s.kind == WK_PRICE_PLAUSIBLE) {
				km[i].prices[km[i].nprices++] = *pr;
				continue;
			}
			warn_suspect(c, p, m, pr, &s);
			e->held[e->nheld++] = pr;
		}
	}
	kept.markets = km;
	if (st == WK_OK)
		wk_market_archive(&c->feeds->hist, &kept, c->d);
	for (i = 0; i < p->nmarkets; i++)
		free(km[i].prices);
	free(km);
	return st;
}

int
wk_compose_held(const struct wk_compose *c, const struct wk_price *p)
{
	const struct wk_feedcache *fc = c->feeds;
	size_t i, j;

	for (i = 0; fc != NULL && i < fc->n; i++)
		for (j = 0; j < fc->v[i].nheld; j++)
			if (fc->v[i].held[j] == p)
				return 1;
	return 0;
}

/* The cached feed for path, reading it on first use. A read failure is
 * reported once, as the error it is. */
struct wk_cached *
wk_compose_feed(struct wk_compose *c, const char *path, enum wk_feed_kind kind,
    struct wk_err *err)
{
	struct wk_feedcache *fc = c->feeds;
	struct wk_cached *e, *v;
	size_t i;

	for (i = 0; i < fc->n; i++)
		if (fc->v[i].kind == kind && strcmp(fc->v[i].path, path) == 0)
			return &fc->v[i];
	if ((v = realloc(fc->v, (fc->n + 1) * sizeof *v)) == NULL) {
		wk_err_nomem(err);
		return NULL;
	}
	fc->v = v;
	e = &v[fc->n];
	memset(e, 0, sizeof *e);
	if ((e->path = strdup(path)) == NULL) {
		wk_err_nomem(err);
		return NULL;
	}
	e->kind = kind;
	fc->n++;
	/* Its lines may be quoted in messages when it lies in a folder of
	 * the station that reads it first. */
	if (wk_site_quotable(c->site, path))
		wk_err_trust_excerpt(path);
	if (kind == WK_FEED_PRICES) {
		wk_prices_load(path, &e->prices, c->d, &e->err);
		if (e->prices != NULL && judge_prices(c, e, err) != WK_OK)
			return NULL;
	} else
		wk_news_load(path, &e->news, c->d, &e->err);
	if (e->prices == NULL && e->news == NULL) {
		if (e->err.status == WK_ENOMEM) {
			*err = e->err;
			return NULL;
		}
		wk_diag_err(c->d, &e->err);
	}
	return e;
}

int
wk_feed_state(const struct wk_compose *c, const char *path, int prices,
    char date[11], struct wk_err *err)
{
	const struct wk_feedcache *fc = c->feeds;
	enum wk_feed_kind kind = prices ? WK_FEED_PRICES : WK_FEED_NEWS;
	size_t i;

	date[0] = '\0';
	for (i = 0; fc != NULL && i < fc->n; i++) {
		const struct wk_cached *e = &fc->v[i];

		if (e->kind != kind || strcmp(e->path, path) != 0)
			continue;
		if (e->prices == NULL && e->news == NULL) {
			*err = e->err;
			return 0;
		}
		if (e->prices != NULL)
			wk_date_format(e->prices->date, date);
		else if (e->news->has_date)
			wk_date_format(e->news->date, date);
		return 1;
	}
	return -1;
}

char *
wk_feed_path(const struct wk_compose *c, const char *pattern)
{
	struct wk_buf b = WK_BUF_INIT;
	char date[11], *p;

	wk_date_format(c->date, date);
	while (*pattern != '\0') {
		if (strncmp(pattern, "{date}", 6) == 0) {
			wk_buf_puts(&b, date);
			pattern += 6;
		} else
			wk_buf_putc(&b, *pattern++);
	}
	p = b.failed ? NULL : wk_path_join(c->station->feeds_dir, wk_buf_str(&b));
	wk_buf_free(&b);
	return p;
}

const struct wk_style *
wk_compose_style(struct wk_compose *c, const struct wk_voice *v)
{
	struct wk_feedcache *fc = c->feeds;
	struct wk_style *st = NULL;
	struct wk_err err;
	char *path;
	size_t i;

	for (i = 0; i < fc->nstyles; i++)
		if (strcmp(fc->style_langs[i], v->lang) == 0)
			return fc->styles[i];
	if (fc->nstyles == sizeof fc->styles / sizeof fc->styles[0])
		return NULL;
	/* A voice without style.xml reads one price a line. */
	if ((path = wk_path_join(v->dir, "style.xml")) != NULL &&
	    access(path, F_OK) == 0 &&
	    wk_style_load(v->dir, v->lang, &st, c->d, &err) != WK_OK) {
		wk_diag_err(c->d, &err);
		wk_diag(c->d, WK_WARNING, path, 0, 0, "%s",
		    _("this style cannot be used; prices are read one a line"));
	}
	free(path);
	if ((fc->style_langs[fc->nstyles] = strdup(v->lang)) == NULL) {
		wk_style_free(st);
		return NULL;
	}
	fc->styles[fc->nstyles++] = st;
	return st;
}

unsigned
wk_speech_ms(const char *text, int rate_wpm)
{
	unsigned words = 0, marks = 0;
	int in = 0;

	for (; *text; text++) {
		if (*text == ' ')
			in = 0;
		else if (!in) {
			in = 1;
			words++;
		}
		if (*text == ',' || *text == '.' || *text == ';' || *text == ':')
			marks++;
	}
	if (rate_wpm <= 0)
		rate_wpm = 150;
	/* espeak-ng pauses about a fifth of a second at each mark. */
	return words * 60000u / (unsigned)rate_wpm + marks * 200u;
}

static struct wk_part *
new_part(struct wk_seg *sg, enum wk_part_kind kind)
{
	struct wk_part *v = realloc(sg->parts, (sg->nparts + 1) * sizeof *v);

	if (v == NULL)
		return NULL;
	sg->parts = v;
	memset(&v[sg->nparts], 0, sizeof *v);
	v[sg->nparts].kind = kind;
	return &v[sg->nparts++];
}

/* Verbalizes text in v and adds it as a speech part. */
enum wk_status
wk_compose_speak(struct wk_seg *sg, const struct wk_voice *v, const char *text,
    struct wk_err *err)
{
	return wk_compose_speak_mark(sg, v, text, 0, err);
}

/* The spoken form of text in v, starting with a capital as a sentence
 * does, in b (b->failed when memory is short). */
static void
spoken(const struct wk_voice *v, const char *text, char mark,
    struct wk_buf *b)
{
	wk_verbalize_mark(v, text, mark, b, NULL, NULL);
	if (b->failed || b->len == 0)
		return;
	if ((unsigned char)b->data[0] >= 'a' && (unsigned char)b->data[0] <= 'z')
		b->data[0] = (char)(b->data[0] - 32);
	else if ((unsigned char)b->data[0] == 0xC3 && b->len > 1 &&
	    (unsigned char)b->data[1] >= 0xA0 && (unsigned char)b->data[1] <= 0xBE)
		b->data[1] = (char)(b->data[1] - 32);
}

/* Adds the spoken text in b (taken, b emptied) as a speech part of v. */
static enum wk_status
add_spoken(struct wk_seg *sg, const struct wk_voice *v, struct wk_buf *b,
    struct wk_err *err)
{
	struct wk_part *p;

	if (b->failed) {
		wk_buf_free(b);
		return wk_err_nomem(err);
	}
	if (b->len == 0) {
		wk_buf_free(b);
		return WK_OK;
	}
	if ((p = new_part(sg, WK_PART_SPEECH)) == NULL ||
	    (p->lang = strdup(v->lang)) == NULL) {
		wk_buf_free(b);
		return wk_err_nomem(err);
	}
	p->text = wk_buf_steal(b);
	return p->text ? WK_OK : wk_err_nomem(err);
}

enum wk_status
wk_compose_speak_mark(struct wk_seg *sg, const struct wk_voice *v,
    const char *text, char mark, struct wk_err *err)
{
	struct wk_buf b = WK_BUF_INIT;

	spoken(v, text, mark, &b);
	return add_spoken(sg, v, &b, err);
}

/* Expands template id of voice v, then speaks it. */
enum wk_status
wk_compose_phrase(struct wk_compose *c, struct wk_seg *sg,
    const struct wk_voice *v, const char *id, const char *const *keys,
    const char *const *vals, size_t n, struct wk_err *err)
{
	struct wk_buf t = WK_BUF_INIT;
	enum wk_status st;

	wk_compose_template(c, v, &t, wk_voice_phrase(v, id), keys, vals, n);
	st = t.failed ? wk_err_nomem(err) : wk_compose_speak(sg, v, wk_buf_str(&t), err);
	wk_buf_free(&t);
	return st;
}

void
wk_compose_note(struct wk_seg *sg, const char *fmt, const char *arg)
{
	struct wk_buf b = WK_BUF_INIT;

	if (sg->note != NULL) {
		wk_buf_puts(&b, sg->note);
		wk_buf_puts(&b, "; ");
		free(sg->note);
	}
	wk_buf_printf(&b, fmt, arg);
	sg->note = wk_buf_steal(&b);
}

/* The catalogue's name for id in voice's language, else in the language
 * the voice falls back to, else fallback. */
const char *
wk_compose_name(const struct wk_entry *v, size_t n, const char *id,
    const struct wk_voice *voice, const char *fallback)
{
	const struct wk_entry *e = wk_entry_find(v, n, id);
	const char *name = e ? wk_entry_name(e, voice->lang) : NULL;

	if (name == NULL && e != NULL && voice->fallback != NULL)
		name = wk_entry_name(e, voice->fallback);
	return name ? name : fallback;
}

enum wk_status
wk_compose_fallback(struct wk_compose *c, const struct wk_bulletin *b,
    const struct wk_item *it, struct wk_seg *sg, const struct wk_voice *v,
    const char *phrase, const char *key, const char *val, const char *why,
    struct wk_err *err)
{
	wk_diag(c->d, WK_WARNING, b->path, it->pos.line, it->pos.col,
	    _("segment '%s' (%s): %s; it says the fallback phrase instead"),
	    sg->id, v->lang, why);
	sg->fallback = 1;
	sg->nfell++;
	wk_compose_note(sg, "%s", why);
	/* Kept for merging a run of fallbacks (merge_fallbacks). */
	free(sg->fb_name);
	sg->fb_phrase = phrase;
	sg->fb_key = key;
	if ((sg->fb_name = strdup(val)) == NULL)
		return wk_err_nomem(err);
	return wk_compose_phrase(c, sg, v, phrase, &key, &val, 1, err);
}

/* The first text of ni that voice v reads as its own (its accepted
 * language tags), or NULL. */
static const struct wk_news_text *
own_text(const struct wk_news_item *ni, const struct wk_voice *v)
{
	size_t i;

	for (i = 0; i < ni->ntexts; i++)
		if (wk_voice_accepts(v, ni->texts[i].lang) > 0)
			return &ni->texts[i];
	return NULL;
}

/* The longest a news item may say, headline and text: the reader's
 * 300 + 3000 characters of words (feed.h) last about 3.5 minutes; twice
 * that leaves room for a text rich in figures, and keeps an item of
 * digits or symbols (a "%" is "por ciento") from filling the bulletin. */
#define NEWS_SPOKEN_MAX_S 420

/* Says in v that the next item is in tv's language: the phrase
 * other-language-<tv's tag> when v has one, else other-language. */
static enum wk_status
announce(struct wk_compose *c, struct wk_seg *sg, const struct wk_voice *v,
    const struct wk_voice *tv, struct wk_err *err)
{
	char id[64];

	snprintf(id, sizeof id, "other-language-%s", tv->lang);
	return wk_compose_phrase(c, sg, v, *wk_voice_phrase(v, id) != '\0' ? id
	    : "other-language", NULL, NULL, 0, err);
}

/* A news item in the voice's own language, or announced in another (read
 * by the station's voice that takes that language's tag); left out with
 * a note when the bulletin says so or no voice reads any of its texts. */
static enum wk_status
news_item(struct wk_compose *c, const struct wk_bulletin *b,
    const struct wk_item *it, struct wk_seg *sg, const struct wk_voice *v,
    const char *feed, const struct wk_news_item *ni, int *said,
    struct wk_err *err)
{
	const struct wk_news_text *t = own_text(ni, v);
	const struct wk_voice *tv = v;
	struct wk_buf hb = WK_BUF_INIT, tb = WK_BUF_INIT;
	enum wk_status st;
	size_t i;
	int secs;
	char mark;

	if (t == NULL) {
		if (it->untranslated == WK_UNTR_SKIP || ni->ntexts == 0) {
			wk_diag(c->d, WK_NOTE, b->path, it->pos.line, it->pos.col,
			    _("segment '%s': news item '%s' has no %s text; "
			    "left out"), sg->id, ni->id, v->lang);
			/* The bulletin asked for this: a note, not a fallback. */
			wk_compose_note(sg, _("item '%s' left out: no text in this language"),
			    ni->id);
			return WK_OK;
		}
		/* Announce it, then read it with the other language's voice. */
		for (i = 0; i < ni->ntexts && tv == v; i++) {
			struct wk_voice *ov = wk_site_voice_for(c->site,
			    ni->texts[i].lang);

			if (ov != NULL && ov != v) {
				tv = ov;
				t = &ni->texts[i];
			}
		}
		if (tv == v) {
			wk_diag(c->d, WK_NOTE, b->path, it->pos.line, it->pos.col,
			    _("segment '%s': no voice of the station reads "
			    "news item '%s' (language '%s'); left out"), sg->id,
			    ni->id, ni->texts[0].lang);
			wk_compose_note(sg, _("item '%s' left out: no voice reads "
			    "its language"), ni->id);
			return WK_OK;
		}
	}
	mark = ni->decimal_mark ? ni->decimal_mark : c->station != NULL ?
	    c->station->decimal_mark : 0;
	if (t->headline != NULL)
		spoken(tv, t->headline, mark, &hb);
	if (t->text != NULL)
		spoken(tv, t->text, mark, &tb);
	/* The feed's reader bounds what is written; figures and symbols
	 * said in words can make it ten times longer ("%" is "por ciento"). */
	secs = wk_speech_s(wk_utf8_len(wk_buf_str(&hb))) +
	    wk_speech_s(wk_utf8_len(wk_buf_str(&tb)));
	if (secs > NEWS_SPOKEN_MAX_S) {
		wk_diag(c->d, WK_ERROR, feed, t->pos.line, t->pos.col,
		    _("news item '%s' would last about %d seconds when its "
		    "figures and symbols are said in words (a news item says "
		    "at most %d); write it with fewer figures and symbols, or "
		    "shorten it; this news item is left out, the others are "
		    "read"), ni->id, secs, NEWS_SPOKEN_MAX_S);
		wk_compose_note(sg, _("item '%s' left out: too long when "
		    "spoken"), ni->id);
		wk_buf_free(&hb);
		wk_buf_free(&tb);
		return WK_OK;
	}
	if (tv != v && (st = announce(c, sg, v, tv, err)) != WK_OK) {
		wk_buf_free(&hb);
		wk_buf_free(&tb);
		return st;
	}
	st = add_spoken(sg, tv, &hb, err);
	if (st == WK_OK)
		st = add_spoken(sg, tv, &tb, err);
	wk_buf_free(&hb);
	wk_buf_free(&tb);
	if (st == WK_OK)
		(*said)++;
	return st;
}

/* Items read when <news> says no max (bulletin.c caps max at 100), and
 * the age after which an item without expires is no longer news. */
#define NEWS_DEFAULT_MAX 10
#define NEWS_MAX_AGE_DAYS 7

static enum wk_status
compose_news(struct wk_compose *c, const struct wk_bulletin *b,
    const struct wk_item *it, struct wk_seg *sg, const struct wk_voice *v,
    struct wk_err *err)
{
	const char *net = it->network ? wk_compose_name(c->cat->networks,
	    c->cat->nnetworks, it->network, v, it->network) : "";
	struct wk_cached *f;
	char *path, why[600];
	size_t i;
	int said = 0;
	long today = wk_date_days(c->date);
	enum wk_status st;

	if ((path = wk_feed_path(c, it->feed)) == NULL)
		return wk_err_nomem(err);
	f = wk_compose_feed(c, path, WK_FEED_NEWS, err);
	free(path);
	if (f == NULL)
		return WK_ENOMEM;
	if (f->news == NULL) {
		snprintf(why, sizeof why, _("the news feed %s cannot be used"),
		    f->path);
		return wk_compose_fallback(c, b, it, sg, v, it->network ? "no-news"
		    : "no-news-any", "network", net, why, err);
	}
	if (f->news->has_date)
		wk_date_format(f->news->date, sg->data_date);
	if (it->network != NULL &&
	    (st = wk_compose_phrase(c, sg, v, "news-intro", (const char *[]){
	    "network" }, &net, 1, err)) != WK_OK)
		return st;
	for (i = 0; i < f->news->nitems; i++) {
		const struct wk_news_item *ni = &f->news->items[i];

		if ((unsigned)said >= (it->max > 0 ? it->max : NEWS_DEFAULT_MAX)) {
			if (it->max == 0)
				wk_diag(c->d, WK_WARNING, b->path, it->pos.line,
				    it->pos.col, _("<news> without max=\"...\" reads "
				    "the first %d items only; say how many with "
				    "max=\"N\" (up to 100)"), NEWS_DEFAULT_MAX);
			break;
		}
		if (it->network != NULL &&
		    strcmp(wk_site_network(c->site, ni), it->network) != 0)
			continue;	/* RSS items of no network: general only */
		if (ni->has_date && wk_date_days(ni->date) > today)
			continue;	/* not yet valid */
		if (ni->has_expires && wk_date_days(ni->expires) < today)
			continue;	/* expired */
		if (!ni->has_expires && ni->has_date &&
		    today - wk_date_days(ni->date) > NEWS_MAX_AGE_DAYS)
			continue;	/* old news with no end date */
		if ((st = news_item(c, b, it, sg, v, f->news->path, ni, &said,
		    err)) != WK_OK)
			return st;
	}
	if (said == 0) {
		const char *key = "network";

		sg->fallback = 1;
		sg->nfell++;
		wk_compose_note(sg, "%s", _("no current news"));
		return wk_compose_phrase(c, sg, v, it->network ? "no-news"
		    : "no-news-any", &key, &net, 1, err);
	}
	return WK_OK;
}

/* Puts the station's item pause between adjacent speech parts. */
static enum wk_status
add_pauses(struct wk_seg *sg, unsigned ms, struct wk_err *err)
{
	size_t i;

	for (i = 1; i < sg->nparts; i++) {
		struct wk_part *p;

		if (sg->parts[i - 1].kind != WK_PART_SPEECH ||
		    sg->parts[i].kind != WK_PART_SPEECH || ms == 0)
			continue;
		if ((p = new_part(sg, WK_PART_PAUSE)) == NULL)
			return wk_err_nomem(err);
		memmove(&sg->parts[i + 1], &sg->parts[i],
		    (sg->nparts - 1 - i) * sizeof *p);
		memset(&sg->parts[i], 0, sizeof *p);
		sg->parts[i].kind = WK_PART_PAUSE;
		sg->parts[i].pause_ms = ms;
		i++;
	}
	return WK_OK;
}

/* True when the clip or bed at path can be opened and decoded. One that
 * cannot is reported and left out of the segment, which is then built
 * without it (and counts as a fallback, so the run exits 1). */
static int
usable_clip(struct wk_compose *c, const struct wk_bulletin *b,
    struct wk_seg *sg, struct wk_pos pos, const char *path)
{
	struct wk_clip *cl = NULL;
	struct wk_err e;

	if (wk_clip_open(path, &cl, &e) == WK_OK) {
		wk_clip_close(cl);
		return 1;
	}
	/* An error, so that -q (cron) still names it; the run exits 1. */
	wk_diag(c->d, WK_ERROR, b->path, pos.line, pos.col,
	    _("segment '%s': %s: %s; the segment is built without it (check "
	    "the file name, or convert the file to WAV, FLAC or Ogg)"), sg->id,
	    path, e.msg);
	/* One cause however many segments play the clip (err.h). */
	if (c->d != NULL && c->d->n > 0)
		wk_diag_set_cause(c->d, c->d->n - 1, WK_CAUSE_CLIP, path);
	wk_compose_note(sg, "%s", _("a clip that cannot be read was left out"));
	sg->fallback = 1;
	return 0;
}

static enum wk_status
compose_segment(struct wk_compose *c, const struct wk_bulletin *b,
    const struct wk_segment *bs, struct wk_seg *sg, const struct wk_voice *v,
    struct wk_cstate *cs, struct wk_err *err)
{
	enum wk_status st = WK_OK;
	char date[11];
	const char *keys[] = { "date", "station" };
	const char *vals[2];
	size_t i;

	wk_date_format(c->date, date);
	vals[0] = date;
	vals[1] = c->station->name;
	if ((sg->id = strdup(bs->id)) == NULL)
		return wk_err_nomem(err);
	cs->pin = bs->style;
	sg->bed = bs->bed;
	sg->bed.path = NULL;
	if (bs->bed.path != NULL && usable_clip(c, b, sg, bs->bed.pos,
	    bs->bed.path) && (sg->bed.path = strdup(bs->bed.path)) == NULL)
		return wk_err_nomem(err);
	for (i = 0; i < bs->nitems && st == WK_OK; i++) {
		const struct wk_item *it = &bs->items[i];
		struct wk_part *p;

		switch (it->kind) {
		case WK_ITEM_SAY:
			if (strcmp(it->lang, v->lang) == 0) {
				struct wk_buf t = WK_BUF_INIT;

				/* {date} and {station}; other braces stay. */
				wk_template(&t, it->text, keys, vals, 2);
				if (strstr(it->text, "{date}") != NULL)
					cs->date_said = 1;
				st = t.failed ? wk_err_nomem(err)
				    : wk_compose_speak_mark(sg, v, wk_buf_str(&t),
				    c->station != NULL ? c->station->decimal_mark : 0,
				    err);
				wk_buf_free(&t);
			}
			break;
		case WK_ITEM_PRICES:
			sg->ndata++;
			st = wk_compose_prices(c, b, it, sg, v, cs, err);
			break;
		case WK_ITEM_NEWS:
			sg->ndata++;
			st = compose_news(c, b, it, sg, v, err);
			break;
		case WK_ITEM_TRENDS:
		case WK_ITEM_COMPARE:
			sg->ndata++;
			st = wk_compose_market(c, b, it, sg, v, err);
			break;
		case WK_ITEM_CLIP:
			if (!usable_clip(c, b, sg, it->pos, it->path))
				break;
			if ((p = new_part(sg, WK_PART_CLIP)) == NULL ||
			    (p->path = strdup(it->path)) == NULL)
				st = wk_err_nomem(err);
			break;
		case WK_ITEM_PAUSE:
			if ((p = new_part(sg, WK_PART_PAUSE)) == NULL)
				st = wk_err_nomem(err);
			else
				p->pause_ms = it->pause_ms;
			break;
		}
	}
	if (st == WK_OK)
		st = add_pauses(sg, c->station->item_pause_ms, err);
	return st;
}

/* True when sg says its fallback phrase and nothing else (pauses aside),
 * with no bed under it, so that another segment may say it for sg. */
static int
fallback_alone(const struct wk_seg *sg)
{
	size_t i, nspeech = 0;

	if (!WK_SEG_NODATA(sg) || sg->fb_phrase == NULL || sg->fb_name == NULL ||
	    *sg->fb_name == '\0' || sg->bed.path != NULL)
		return 0;
	for (i = 0; i < sg->nparts; i++) {
		if (sg->parts[i].kind == WK_PART_CLIP)
			return 0;
		nspeech += sg->parts[i].kind == WK_PART_SPEECH;
	}
	return nspeech == 1;
}

static void free_seg(struct wk_seg *sg);

/*
 * Says a run of consecutive segments that only fall back alike in the
 * first of them, once, with the voice's "<phrase>-many" ("no fresh prices
 * from the markets A and B"), and drops the others from the script: a
 * listener hears one apology, not three. Voices without that phrase say
 * each segment's own.
 */
static enum wk_status
merge_fallbacks(struct wk_compose *c, struct wk_script *s,
    const struct wk_voice *v, struct wk_err *err)
{
	size_t i, j, k;

	for (i = 0; i + 1 < s->nsegs; i++) {
		struct wk_seg *sg = &s->segs[i];
		struct wk_buf id = WK_BUF_INIT, names = WK_BUF_INIT,
		    key = WK_BUF_INIT, t = WK_BUF_INIT;
		struct wk_part *p;
		struct wk_seg tmp;
		const char *kv, *nv;
		enum wk_status st;

		if (!fallback_alone(sg))
			continue;
		for (j = i + 1; j < s->nsegs && fallback_alone(&s->segs[j]) &&
		    strcmp(s->segs[j].fb_phrase, sg->fb_phrase) == 0 &&
		    strcmp(s->segs[j].fb_key, sg->fb_key) == 0; j++)
			;
		wk_buf_printf(&id, "%s-many", sg->fb_phrase);
		if (j - i < 2 || id.failed || *wk_voice_phrase(v,
		    wk_buf_str(&id)) == '\0') {
			wk_buf_free(&id);
			continue;
		}
		for (k = i; k < j; k++)
			wk_buf_printf(&names, "%s%s", k > i ? WK_NAME_LIST : "",
			    s->segs[k].fb_name);
		wk_buf_printf(&key, "%ss", sg->fb_key);
		kv = wk_buf_str(&key);
		nv = wk_buf_str(&names);
		wk_compose_template(c, v, &t, wk_voice_phrase(v, wk_buf_str(&id)),
		    &kv, &nv, 1);
		wk_buf_free(&id);
		wk_buf_free(&names);
		wk_buf_free(&key);
		if (t.failed) {
			wk_buf_free(&t);
			return wk_err_nomem(err);
		}
		/* The merged phrase replaces the segment's own. */
		memset(&tmp, 0, sizeof tmp);
		st = wk_compose_speak(&tmp, v, wk_buf_str(&t), err);
		wk_buf_free(&t);
		if (st != WK_OK || tmp.nparts != 1) {
			free_seg(&tmp);
			if (st != WK_OK)
				return st;
			continue;
		}
		for (k = 0; k < sg->nparts; k++)
			if (sg->parts[k].kind == WK_PART_SPEECH)
				break;
		p = &sg->parts[k];
		free(p->text);
		p->text = tmp.parts[0].text;
		tmp.parts[0].text = NULL;
		free_seg(&tmp);
		for (k = i + 1; k < j; k++) {
			if (s->segs[k].note != NULL && (sg->note == NULL ||
			    strstr(sg->note, s->segs[k].note) == NULL))
				wk_compose_note(sg, "%s", s->segs[k].note);
			free_seg(&s->segs[k]);
		}
		sg->nmerged = j - i - 1;
		memmove(&s->segs[i + 1], &s->segs[j],
		    (s->nsegs - j) * sizeof *s->segs);
		s->nsegs -= j - i - 1;
		memset(&s->segs[s->nsegs], 0, (j - i - 1) * sizeof *s->segs);
	}
	return WK_OK;
}

static int
has_speech(const struct wk_seg *sg)
{
	size_t i;

	for (i = 0; i < sg->nparts; i++)
		if (sg->parts[i].kind != WK_PART_PAUSE)
			return 1;
	return 0;
}

static void
free_seg(struct wk_seg *sg)
{
	size_t i;

	for (i = 0; i < sg->nparts; i++) {
		free(sg->parts[i].lang);
		free(sg->parts[i].text);
		free(sg->parts[i].path);
	}
	for (i = 0; i < sg->nprices; i++) {
		free(sg->prices[i].product);
		free(sg->prices[i].market);
	}
	free(sg->prices);
	free(sg->parts);
	free(sg->id);
	free(sg->note);
	free(sg->bed.path);
	free(sg->fb_name);
	memset(sg, 0, sizeof *sg);
}

enum wk_status
wk_compose(struct wk_compose *c, const struct wk_bulletin *b,
    const char *lang, struct wk_script **out, struct wk_err *err)
{
	struct wk_script *s;
	struct wk_voice *v;
	struct wk_cstate cs;
	enum wk_status st = WK_OK;
	size_t i;

	*out = NULL;
	if ((v = wk_site_voice(c->site, lang, c->d, err)) == NULL)
		return err->status;
	memset(&cs, 0, sizeof cs);
	wk_rotor_init(&cs.rotor, b->id, lang);
	if ((s = calloc(1, sizeof *s)) == NULL ||
	    (s->segs = calloc(b->nsegs, sizeof *s->segs)) == NULL ||
	    (s->bulletin = strdup(b->id)) == NULL ||
	    (s->lang = strdup(lang)) == NULL ||
	    (s->title = strdup(wk_bulletin_title(b, lang))) == NULL) {
		wk_script_free(s);
		return wk_err_nomem(err);
	}
	for (i = 0; i < b->nsegs && st == WK_OK; i++) {
		struct wk_seg *sg = &s->segs[s->nsegs];

		st = compose_segment(c, b, &b->segs[i], sg, v, &cs, err);
		s->nsegs++;
		if (st != WK_OK)
			break;
		if (!has_speech(sg)) {
			wk_diag(c->d, WK_WARNING, b->path, b->segs[i].pos.line,
			    b->segs[i].pos.col,
			    _("segment '%s' has nothing to say in '%s' (no "
			    "<say xml:lang=\"%s\">); it is left out of that "
			    "bulletin"), b->segs[i].id, lang, lang);
			free_seg(sg);
			s->nsegs--;
			s->nfallbacks++;
			continue;
		}
		s->nfallbacks += sg->fallback || sg->nheld > 0;
		s->ndata += sg->ndata > 0;
		s->nodata += WK_SEG_NODATA(sg);
	}
	if (st == WK_OK)
		st = merge_fallbacks(c, s, v, err);
	if (st != WK_OK) {
		wk_script_free(s);
		return st;
	}
	*out = s;
	return WK_OK;
}

void
wk_seg_transcript(const struct wk_script *s, const struct wk_seg *sg,
    struct wk_buf *b)
{
	size_t i;

	for (i = 0; i < sg->nparts; i++) {
		const struct wk_part *p = &sg->parts[i];

		if (p->kind != WK_PART_SPEECH)
			continue;
		if (strcmp(p->lang, s->lang) != 0)
			wk_buf_printf(b, "[%s] ", p->lang);
		/* One line per part, whatever its text holds. */
		wk_buf_oneline(b, p->text);
		wk_buf_putc(b, '\n');
	}
}

void
wk_script_free(struct wk_script *s)
{
	size_t i;

	if (s == NULL)
		return;
	if (s->segs != NULL)
		for (i = 0; i < s->nsegs; i++)
			free_seg(&s->segs[i]);
	free(s->segs);
	free(s->bulletin);
	free(s->lang);
	free(s->title);
	free(s);
}

const char *
wk_seg_lang(const struct wk_script *s, const struct wk_seg *sg)
{
	size_t i;

	for (i = 0; i < sg->nparts; i++)
		if (sg->parts[i].kind == WK_PART_SPEECH)
			return sg->parts[i].lang;
	return s->lang;
}

/* For compose_market.c (compose_priv.h). */

void
wk_feedcache_set_history(struct wk_feedcache *fc, struct wk_history *h)
{
	wk_history_close(fc->hist);
	fc->hist = h;
}

struct wk_history *
wk_feedcache_history(const struct wk_feedcache *fc)
{
	return fc->hist;
}

enum wk_status
wk_compose_price_feed(struct wk_compose *c, const char *pattern,
    const struct wk_prices **out, char **path, struct wk_err *err)
{
	struct wk_cached *f;

	*out = NULL;
	if ((*path = wk_feed_path(c, pattern)) == NULL)
		return wk_err_nomem(err);
	if ((f = wk_compose_feed(c, *path, WK_FEED_PRICES, err)) == NULL)
		return WK_ENOMEM;
	*out = f->prices;
	return WK_OK;
}

const char *
wk_compose_product(const struct wk_compose *c, const char *id,
    const struct wk_voice *v)
{
	return wk_compose_name(c->cat->products, c->cat->nproducts, id, v, NULL);
}

const char *
wk_compose_market_name(const struct wk_compose *c, const char *id,
    const struct wk_voice *v, const char *fallback_name)
{
	return wk_compose_name(c->cat->markets, c->cat->nmarkets, id, v,
	    fallback_name);
}
