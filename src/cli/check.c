/*
 * Checks for editors. A file's kind is told by its root element; the
 * matching reader validates it (it reports the first error with
 * file:line:col), then the meaning is checked against a station's world
 * (-c, or the default station: its catalogue with its own vocabulary, its
 * category map, its voices with its lexicons; every voice of the data
 * folder for what concerns every language) and the broadcast date.
 */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "read/bulletin.h"
#include "read/catalog.h"
#include "check.h"
#include "read/clip.h"
#include "read/csvimport.h"
#include "read/feed.h"
#include "read/history.h"
#include "lint.h"
#include "base/paths.h"
#include "read/plausible.h"
#include "read/rules.h"
#include "read/site.h"
#include "read/station.h"
#include "base/text.h"
#include "say/verbal.h"
#include "read/voice.h"
#include "read/xmlio.h"

struct ctx {
	struct wk_site *site;		/* the station's world (-c) */
	const struct wk_catalog *cat;	/* the site's */
	struct wk_date date;
	double price_factor;	/* the station's <prices max-change> */
	struct wk_history *hist;	/* its <history db> when it exists, for
					 * suspect prices; else NULL */
	struct wk_diags *d;
};

/* The voice that reads texts tagged lang, or NULL. */
static struct wk_voice *
voice_of(struct ctx *c, const char *lang)
{
	return wk_site_voice_for(c->site, lang);
}

/* The root element's name, read with a tiny scan (no full parse). */
static int
root_name(const char *path, char *out, size_t cap)
{
	FILE *f = wk_xml_open_head(path);
	char buf[4096];
	size_t n, i = 0, k;

	out[0] = '\0';
	if (f == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	while (i < n) {
		char *lt = memchr(buf + i, '<', n - i);

		if (lt == NULL)
			break;
		i = (size_t)(lt - buf) + 1;
		if (strncmp(buf + i, "!--", 3) == 0) {
			char *end = strstr(buf + i, "-->");

			if (end == NULL)
				break;
			i = (size_t)(end - buf) + 3;
			continue;
		}
		if (buf[i] == '?' || buf[i] == '!')
			continue;
		for (k = 0; i + k < n && k + 1 < cap &&
		    strchr(" \t\r\n/>", buf[i + k]) == NULL; k++)
			out[k] = buf[i + k];
		out[k] = '\0';
		return 0;
	}
	return 0;
}

static void
unknown_id(struct ctx *c, const char *file, struct wk_pos pos,
    const char *what, const char *id, const struct wk_entry *v, size_t n)
{
	wk_rules_unknown_id(c->d, file, pos, what, id, v, n);
}

static void
check_date(struct ctx *c, const char *file, struct wk_pos pos,
    struct wk_date dt, const char *what)
{
	long age = wk_date_days(c->date) - wk_date_days(dt);
	char a[11], b[11];

	wk_date_format(dt, a);
	wk_date_format(c->date, b);
	if (age < 0)
		wk_diag(c->d, WK_WARNING, file, pos.line, pos.col,
		    _("%s %s is after the broadcast date %s; it will not be used "
		    "until then"), what, a, b);
	else if (age > 0)
		wk_diag(c->d, WK_WARNING, file, pos.line, pos.col,
		    ngettext("%s %s is %ld day before the broadcast date %s; "
		    "bulletins will say their fallback phrase instead",
		    "%s %s is %ld days before the broadcast date %s; bulletins "
		    "will say their fallback phrase instead", age), what, a, age,
		    b);
}

/* The unit id of v that s means or is a misspelling of ("kilo", "Kg",
 * "kgr" for kg), or NULL. */
static const char *
unit_near(const struct wk_voice *v, const char *s)
{
	const struct wk_unit *u = wk_voice_unit_written(v, s, strlen(s));
	const char *best = NULL;
	unsigned bd = 255, d;
	size_t i, j;

	if (u != NULL)
		return u->id;
	for (i = 0; i < v->nunits; i++)
		for (j = 0; j <= v->units[i].nwritten; j++) {
			const char *w = j == 0 ? v->units[i].id
			    : v->units[i].written[j - 1];

			if ((d = wk_edit_distance(s, w)) < bd) {
				bd = d;
				best = v->units[i].id;
			}
		}
	return bd <= (strlen(s) > 4 ? 2u : 1u) ? best : NULL;
}

/* The first voice that has no unit id, or NULL when all have it. */
static const struct wk_voice *
lacks_unit(struct ctx *c, const char *id)
{
	size_t i;

	wk_site_all_voices(c->site, c->d);
	for (i = 0; i < c->site->voices.n; i++)
		if (wk_voice_unit(c->site->voices.v[i], id) == NULL)
			return c->site->voices.v[i];
	return NULL;
}

/* A price that is zero, or too far from its previous one (plausible.h):
 * build would keep it off the air. */
static void
suspect_price(struct ctx *c, const struct wk_prices *p,
    const struct wk_market *m, const struct wk_price *pr)
{
	struct wk_suspicion s;
	struct wk_buf b = WK_BUF_INIT;
	struct wk_err e;

	/* An archive that cannot be read is left aside (s is judged
	 * without it); build reports it. */
	if (wk_plausible_price(c->hist, p, m, pr, c->price_factor, &s, &e) !=
	    WK_OK) {
		wk_history_close(c->hist);
		c->hist = NULL;
	}
	if (s.kind == WK_PRICE_PLAUSIBLE)
		return;
	wk_suspicion_describe(&s, m->id, pr->product, pr->unit, &b);
	wk_diag(c->d, WK_ERROR, p->path, pr->value_pos.line, pr->value_pos.col,
	    _("%s Bulletins leave it out: correct value=\"...\", or add "
	    "confirmed=\"yes\" to this <price> if it is right"),
	    b.failed ? _("out of memory") : wk_buf_str(&b));
	wk_buf_free(&b);
}

static void
check_prices(struct ctx *c, const struct wk_prices *p)
{
	const struct wk_voice *v;
	size_t i, j;

	check_date(c, p->path, p->date_pos, p->date, _("the feed's date"));
	for (i = 0; i < p->nmarkets; i++) {
		const struct wk_market *m = &p->markets[i];

		if (wk_entry_find(c->cat->markets, c->cat->nmarkets, m->id) == NULL)
			wk_diag(c->d, WK_WARNING, p->path, m->pos.line, m->pos.col,
			    _("market '%s' is not in voices/catalog.xml; its name "
			    "is read as the feed writes it, in every language: "
			    "\"%s\""), m->id, m->name);
		for (j = 0; j < m->nprices; j++) {
			const struct wk_price *pr = &m->prices[j];

			if (wk_entry_find(c->cat->products, c->cat->nproducts,
			    pr->product) == NULL)
				unknown_id(c, p->path, pr->product_pos, _("product"),
				    pr->product, c->cat->products, c->cat->nproducts);
			if ((v = lacks_unit(c, pr->unit)) != NULL &&
			    unit_near(v, pr->unit) != NULL)
				wk_diag(c->d, WK_ERROR, p->path, pr->unit_pos.line,
				    pr->unit_pos.col, _("unknown unit '%s'; did you "
				    "mean '%s'? (feeds write the units of "
				    "voices/%s/voice.xml by their id)"), pr->unit,
				    unit_near(v, pr->unit), v->lang);
			else if (v != NULL)
				wk_diag(c->d, WK_ERROR, p->path, pr->unit_pos.line,
				    pr->unit_pos.col, _("unknown unit '%s'; use one "
				    "of the units in voices/%s/voice.xml (kg, qq, "
				    "arroba, unidad...)"), pr->unit, v->lang);
			suspect_price(c, p, m, pr);
		}
	}
}

/* Appends the numbers written in s as digit strings (1 250 000,
 * 1,250,000 and 1250000 are one figure), each followed by a space. */
static void
figures(const char *s, struct wk_buf *out)
{
	while (*s) {
		if (*s >= '0' && *s <= '9') {
			const char *e = s;
			size_t k;

			for (;;)
				if ((*e >= '0' && *e <= '9') || ((*e == '.' ||
				    *e == ',') && e[1] >= '0' && e[1] <= '9'))
					e++;
				else if ((k = wk_group_space(e)) > 0)
					e += k;
				else
					break;
			for (; s < e; s++)
				if (*s >= '0' && *s <= '9')
					wk_buf_putc(out, *s);
			wk_buf_putc(out, ' ');
			continue;
		}
		s++;
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The figures of a text, headline and body, in order of value, so that
 * the two languages may give them in their own word order. */
/* The figures gathered in all, in order of value: word order and 1 250 /
 * 1,250 do not matter. */
static void
sorted_figures(const struct wk_buf *all, struct wk_buf *out)
{
	char **v;
	size_t n, i;

	if (all->failed || (v = wk_split_words(wk_buf_str(all), &n)) == NULL) {
		out->failed = 1;
		return;
	}
	qsort(v, n, sizeof *v, cmp_str);
	for (i = 0; i < n; i++)
		wk_buf_printf(out, "%s%s", i ? " " : "", v[i]);
	wk_free_words(v, n);
}

static void
text_figures(const struct wk_news_text *t, struct wk_buf *out)
{
	struct wk_buf all = WK_BUF_INIT;

	figures(t->headline ? t->headline : "", &all);
	figures(t->text ? t->text : "", &all);
	sorted_figures(&all, out);
	wk_buf_free(&all);
}

/* The figures of segment sg's <say> texts in lang; 0 when it has none. */
static int
say_figures(const struct wk_segment *sg, const char *lang, struct wk_buf *out,
    struct wk_pos *pos)
{
	struct wk_buf all = WK_BUF_INIT;
	size_t j;
	int n = 0;

	for (j = 0; j < sg->nitems; j++)
		if (sg->items[j].kind == WK_ITEM_SAY &&
		    strcmp(sg->items[j].lang, lang) == 0) {
			if (n++ == 0)
				*pos = sg->items[j].pos;
			figures(sg->items[j].text ? sg->items[j].text : "", &all);
		}
	if (n > 0)
		sorted_figures(&all, out);
	wk_buf_free(&all);
	return n;
}

/* Compares the figures of segment sg's <say> texts in each language of b
 * with those of the first language that has one: "S/ 2.50" in Spanish and
 * "S/ 3.50" in Quechua is a mistake a listener cannot catch. */
static void
check_say_figures(struct ctx *c, const struct wk_bulletin *b,
    const struct wk_segment *sg)
{
	struct wk_buf a = WK_BUF_INIT, o = WK_BUF_INIT;
	struct wk_pos pa, po;
	const char *first = NULL;
	size_t k;

	for (k = 0; k < b->nlangs; k++) {
		wk_buf_clear(first ? &o : &a);
		if (!say_figures(sg, b->langs[k], first ? &o : &a,
		    first ? &po : &pa))
			continue;
		if (first == NULL) {
			first = b->langs[k];
			continue;
		}
		if (!a.failed && !o.failed &&
		    strcmp(wk_buf_str(&a), wk_buf_str(&o)) != 0)
			wk_diag(c->d, WK_WARNING, b->path, po.line, po.col,
			    _("segment '%s': the figures of the '%s' text (%s) "
			    "differ from the '%s' ones (%s); check that both say "
			    "the same"), sg->id, b->langs[k],
			    o.len ? wk_buf_str(&o) : "-", first,
			    a.len ? wk_buf_str(&a) : "-");
	}
	(void)pa;
	wk_buf_free(&a);
	wk_buf_free(&o);
}

/* True when the word w[0..n) has a letter outside the Chanka alphabet
 * (a ch h i k l ll m n ñ p q r s t u w y) other than the e and o that
 * loans keep, or an apostrophe (a Collao ejective). */
static int
non_chanka(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char x = (char)(w[i] | 0x20);

		if (w[i] == '\'' || (x == 'c' && (w[i + 1] | 0x20) != 'h') ||
		    (w[i] > 0 && strchr("bdfgjvxz", x) != NULL && x != 0))
			return 1;
	}
	return 0;
}

/* Warns about the first word of text in lang not in the spelling its
 * voice asks to check (spelling="chanka"); capitalized words are names,
 * which the lexicon respells. */
static void
check_spelling(struct ctx *c, const char *file, struct wk_pos pos,
    const char *lang, const char *text)
{
	struct wk_voice *v = voice_of(c, lang);
	const char *p = text;

	if (v == NULL || v->spelling == NULL || strcmp(v->spelling, "chanka") != 0)
		return;

	while (*p) {
		uint32_t cp;
		size_t k = wk_utf8_next(p, &cp), n = 0;

		if (cp == '{' && strchr(p, '}') != NULL) {
			p = strchr(p, '}') + 1;	/* {date}, {station} */
			continue;
		}
		if (!wk_is_letter(cp)) {
			p += k;
			continue;
		}
		while (p[n]) {
			uint32_t x;
			size_t kk = wk_utf8_next(p + n, &x);

			if (!wk_is_letter(x) && x != '\'')
				break;
			n += kk;
		}
		if (!wk_is_upper(cp) && non_chanka(p, n) &&
		    wk_voice_lex(v, p, n) == NULL) {
			wk_diag(c->d, WK_WARNING, file, pos.line, pos.col,
			    _("%s word '%.*s' has letters outside the Chanka "
			    "alphabet (a ch h i k l ll m n ñ p q r s t u w y); write "
			    "it in Chanka spelling or add it to voices/%s/lexicon.txt"),
			    lang, (int)(n < 60 ? n : 60), p, lang);
			return;
		}
		p += n;
	}
}

/* Compares the figures of every text of item it with its first text's,
 * and warns about the languages of the data folder it has no text in. */
static void
check_languages(struct ctx *c, const struct wk_news *nw,
    const struct wk_news_item *it)
{
	const struct wk_news_text *first = it->ntexts ? &it->texts[0] : NULL;
	struct wk_buf a = WK_BUF_INIT, b = WK_BUF_INIT;
	size_t i;

	if (first == NULL)
		return;
	wk_site_all_voices(c->site, c->d);
	for (i = 0; i < c->site->voices.n; i++) {
		const struct wk_voice *v = c->site->voices.v[i];
		size_t k;

		for (k = 0; k < it->ntexts; k++)
			if (wk_voice_accepts(v, it->texts[k].lang) > 0)
				break;
		if (k == it->ntexts)
			wk_diag(c->d, WK_WARNING, nw->path, it->pos.line, it->pos.col,
			    _("item '%s' has no '%s' text: bulletins in '%s' leave "
			    "it out, or announce it and read it in another language "
			    "when their <news> says untranslated=\"announce\""),
			    it->id, v->lang, v->lang);
	}
	text_figures(first, &a);
	for (i = 1; i < it->ntexts; i++) {
		const struct wk_news_text *t = &it->texts[i];

		wk_buf_clear(&b);
		text_figures(t, &b);
		if (!a.failed && !b.failed &&
		    strcmp(wk_buf_str(&a), wk_buf_str(&b)) != 0)
			wk_diag(c->d, WK_WARNING, nw->path, t->pos.line, t->pos.col,
			    _("item '%s': the figures of the '%s' text (%s) differ "
			    "from the '%s' ones (%s); check that both say the same"),
			    it->id, t->lang, b.len ? wk_buf_str(&b) : "-",
			    first->lang, a.len ? wk_buf_str(&a) : "-");
	}
	wk_buf_free(&a);
	wk_buf_free(&b);
}

/* Warns about each token of text that the verbalizer could only say
 * neutrally (a figure digit by digit, an ambiguous 1,002, letters it
 * spells, a sign it leaves out): the editor should write it as it is to
 * be said, or add it to the station's vocabulary. */
static void
check_digits(struct ctx *c, const char *file, struct wk_pos pos,
    const char *lang, const char *text, char mark)
{
	struct wk_voice *v;
	struct wk_unsaid *u = NULL;
	size_t n = 0, i;

	if (text == NULL || lang == NULL || (v = voice_of(c, lang)) == NULL)
		return;
	if (wk_verbal_unsaid(v, text, mark, &u, &n) == 0)
		for (i = 0; i < n; i++)
			wk_diag(c->d, WK_WARNING, file, pos.line, pos.col,
			    _(wk_unsaid_message(&u[i])), (int)(u[i].len < 40 ?
			    u[i].len : 40), text + u[i].off);
	free(u);
}

static void
check_news(struct ctx *c, const struct wk_news *nw)
{
	size_t i, k;

	for (i = 0; i < nw->nitems; i++) {
		const struct wk_news_item *it = &nw->items[i];
		const char *net = wk_site_network(c->site, it);

		if (net[0] != '\0' && wk_entry_find(c->cat->networks,
		    c->cat->nnetworks, net) == NULL && nw->categories)
			wk_diag(c->d, WK_WARNING, nw->path, it->pos.line,
			    it->pos.col, _("category '%s' is no network's: the "
			    "item is read only by <news> without network=; to "
			    "give it one, list <category>%s</category> under a "
			    "<network> of voices/catalog.xml, or add <category "
			    "name=\"%s\" network=\"...\"/> to the station"),
			    net, net, net);
		else if (net[0] != '\0' && wk_entry_find(
		    c->cat->networks, c->cat->nnetworks, net) == NULL)
			unknown_id(c, nw->path, it->network_pos, _("network"),
			    net, c->cat->networks, c->cat->nnetworks);
		if (it->has_expires && wk_date_days(it->expires) <
		    wk_date_days(c->date))
			wk_diag(c->d, WK_WARNING, nw->path, it->pos.line, it->pos.col,
			    _("item '%s' has expired; bulletins leave it out"),
			    it->id);
		if (it->has_date && wk_date_days(it->date) > wk_date_days(c->date))
			wk_diag(c->d, WK_WARNING, nw->path, it->pos.line, it->pos.col,
			    _("item '%s' is dated after the broadcast date; "
			    "bulletins leave it out until then"), it->id);
		check_languages(c, nw, it);
		for (k = 0; k < it->ntexts; k++) {
			const struct wk_news_text *t = &it->texts[k];

			check_spelling(c, nw->path, t->pos, t->lang,
			    t->headline ? t->headline : "");
			check_spelling(c, nw->path, t->pos, t->lang,
			    t->text ? t->text : "");
			check_digits(c, nw->path, t->pos, t->lang, t->text,
			    it->decimal_mark);
		}
	}
}

/* A bulletin: the rules build applies too (read/rules.h), then what
 * only check warns about. */
static void
check_bulletin(struct ctx *c, const struct wk_bulletin *b)
{
	size_t i, j;

	wk_rules_bulletin(b, c->site, c->d);
	wk_lint_dates(b, c->d);
	for (i = 0; i < b->nsegs; i++) {
		const struct wk_segment *sg = &b->segs[i];

		check_say_figures(c, b, sg);
		for (j = 0; j < sg->nitems; j++) {
			const struct wk_item *it = &sg->items[j];

			if (it->kind == WK_ITEM_SAY) {
				check_digits(c, b->path, it->pos, it->lang, it->text,
				    0);
				check_spelling(c, b->path, it->pos, it->lang,
				    it->text);
			}
		}
	}
}

struct refs {
	struct ctx *c;
	const char *path;
};

static void
check_ref(void *arg, const struct wk_bulletin_ref *r)
{
	struct refs *rs = arg;
	struct ctx *c = rs->c;

	if (strcmp(r->what, "market") == 0 &&
	    wk_entry_find(c->cat->markets, c->cat->nmarkets, r->id) == NULL)
		unknown_id(c, rs->path, r->pos, _("market"), r->id,
		    c->cat->markets, c->cat->nmarkets);
	else if (strcmp(r->what, "product") == 0 &&
	    wk_entry_find(c->cat->products, c->cat->nproducts, r->id) == NULL)
		unknown_id(c, rs->path, r->pos, _("product"), r->id,
		    c->cat->products, c->cat->nproducts);
	else if (strcmp(r->what, "network") == 0 &&
	    wk_entry_find(c->cat->networks, c->cat->nnetworks, r->id) == NULL)
		unknown_id(c, rs->path, r->pos, _("network"), r->id,
		    c->cat->networks, c->cat->nnetworks);
}

/* The catalogue ids of a bulletin that did not load: its other problems
 * do not hide an unknown market or product. */
static void
check_refs(struct ctx *c, const char *path)
{
	struct refs rs = { c, path };
	struct wk_err e;

	wk_bulletin_refs(path, check_ref, &rs, &e);
}

/* The clip that replaces a failed bulletin in latest/ (failclip.c) must be
 * readable audio: a run finds out only when a bulletin has failed. */
static void
check_failure_clip(const struct wk_station *s, struct wk_diags *d)
{
	struct wk_clip *c = NULL;
	struct wk_err err;

	if (s->on_failure != WK_LATEST_CLIP || s->failure_clip == NULL)
		return;
	memset(&err, 0, sizeof err);
	if (wk_clip_open(s->failure_clip, &c, &err) != WK_OK)
		wk_diag(d, WK_ERROR, s->path, 0, 0,
		    _("<latest clip>: %s: %s. It replaces a bulletin that could "
		    "not be built; give a recording in a format willakuy reads "
		    "(WAV, FLAC, Ogg, MP3)"), s->failure_clip, err.msg);
	wk_clip_close(c);
}

enum wk_status
wk_check_files(char *const *paths, size_t n, const char *station,
    struct wk_date date, struct wk_diags *d)
{
	struct ctx c;
	struct wk_err err;
	size_t i, before = d->nerrors;
	int nomem = 0;

	memset(&c, 0, sizeof c);
	c.date = date;
	c.d = d;
	if (wk_site_open(station, 0, d, &c.site, &err) != WK_OK) {
		wk_diag_err(d, &err);
		return err.status == WK_ENOMEM ? WK_ENOMEM : WK_EINPUT;
	}
	c.cat = c.site->cat;
	c.price_factor = c.site->station != NULL ?
	    c.site->station->price_factor : WK_PLAUSIBLE_FACTOR;
	/* The station's archive, as build compares with it; never made
	 * here. */
	if (c.site->station != NULL && c.site->station->history_db != NULL &&
	    access(c.site->station->history_db, R_OK) == 0)
		c.hist = wk_history_new(c.site->station->history_db, 2000);
	for (i = 0; i < n; i++) {
		char root[64];
		enum wk_status st = WK_OK;

		/* The user named it: its lines may be quoted. */
		wk_err_trust_excerpt(paths[i]);
		/* Each file's diagnostics in the order of their lines. */
		wk_diags_hold(d);
		root_name(paths[i], root, sizeof root);
		if (root[0] == '\0' && wk_csv_is_sheet(paths[i]))
			wk_diag(d, WK_ERROR, paths[i], 0, 0, "%s", _("a "
			    "spreadsheet's CSV, not a feed: `willakuy import -o "
			    "precios-YYYY-MM-DD.xml FILE.csv` checks every row and "
			    "makes the price feed"));
		else if (strcmp(root, "prices") == 0) {
			struct wk_prices *p;

			if ((st = wk_prices_load(paths[i], &p, d, &err)) == WK_OK)
				check_prices(&c, p);
			wk_prices_free(p);
		} else if (strcmp(root, "news") == 0 || strcmp(root, "rss") == 0 ||
		    strcmp(root, "feed") == 0) {
			struct wk_news *nw;

			if ((st = wk_news_load(paths[i], &nw, d, &err)) == WK_OK)
				check_news(&c, nw);
			wk_news_free(nw);
		} else if (strcmp(root, "station") == 0) {
			struct wk_station *s;

			if ((st = wk_station_load(paths[i], &s, d, &err)) == WK_OK)
				check_failure_clip(s, d);
			wk_station_free(s);
		} else if (strcmp(root, "voice") == 0) {
			struct wk_voice *v;

			if ((st = wk_voice_load_file(paths[i], &v, d, &err)) ==
			    WK_OK)
				st = wk_voice_add_lexicons(v, (const char *const *)
				    c.site->dirs, d, &err);
			if (st == WK_OK)	/* the station's recordings */
				st = wk_voice_add_prompts(v, (const char *const *)
				    c.site->dirs, d, &err);
			wk_voice_free(v);
		} else if (strcmp(root, "catalog") == 0) {
			struct wk_catalog *ct;

			st = wk_catalog_load(paths[i], &ct, d, &err);
			wk_catalog_free(ct);
		} else {
			/* Bulletins, and anything else: the bulletin reader says
			 * what the file is not. */
			struct wk_bulletin *b;

			if ((st = wk_bulletin_load(paths[i], &b, d, &err)) == WK_OK)
				check_bulletin(&c, b);
			else if (st == WK_EINPUT && strcmp(root, "bulletin") == 0)
				check_refs(&c, paths[i]);
			wk_bulletin_free(b);
		}
		if (st != WK_OK && !(err.listed && d->nerrors > before) &&
		    (err.status != WK_EINPUT || d->nerrors == before ||
		    err.line > 0 || err.file[0] != '\0'))
			wk_diag_err(d, &err);
		wk_diags_release(d);
		if (st == WK_ENOMEM)
			nomem = 1;
		before = d->nerrors;
	}
	wk_history_close(c.hist);
	wk_site_free(c.site);
	return nomem ? WK_ENOMEM : d->nerrors > 0 ? WK_EINPUT : WK_OK;
}
