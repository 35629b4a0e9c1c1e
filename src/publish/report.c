/*
 * The report page. Everything is inline (style, charts as SVG, a few lines
 * of script), so the page works from the output folder with no network;
 * the players point at the MP3 files beside it. Text from feeds and
 * bulletins is escaped.
 */

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/money.h"
#include "bundle.h"
#include "read/catalog.h"
#include "causes.h"
#include "chart.h"
#include "say/compose.h"
#include "say/compose_market.h"
#include "say/coverage.h"
#include "base/err.h"
#include "read/history.h"
#include "base/paths.h"
#include "publish.h"
#include "report.h"
#include "report_priv.h"
#include "base/safedir.h"

#ifndef WK_VERSION
#define WK_VERSION "0"
#endif

struct wk_report {
	char *station, *date;
	const struct wk_catalog *cat;
	unsigned pause_ms;		/* between segments */
	time_t start;			/* when the run started */
	struct timespec start_mono;
	struct entry *v;
	size_t n;
	struct wk_history *hist;	/* while writing; NULL: none */
};

struct wk_report *
wk_report_new(const char *station, const char *date,
    const struct wk_catalog *cat, unsigned pause_ms)
{
	struct wk_report *r = calloc(1, sizeof *r);

	if (r == NULL)
		return NULL;
	r->cat = cat;
	r->pause_ms = pause_ms;
	r->start = time(NULL);
	clock_gettime(CLOCK_MONOTONIC, &r->start_mono);
	r->station = strdup(station);
	r->date = strdup(date);
	if (r->station == NULL || r->date == NULL) {
		wk_report_free(r);
		return NULL;
	}
	return r;
}

void
wk_report_entry_clear(struct entry *e)
{
	size_t j, k;

	for (j = 0; j < e->nsegs; j++) {
		struct rseg *sg = &e->segs[j];

		free(sg->id);
		free(sg->name);
		free(sg->file);
		free(sg->note);
		free(sg->transcript);
		for (k = 0; k < sg->nprices; k++) {
			free(sg->prices[k].product);
			free(sg->prices[k].market);
			free(sg->pids[k]);
		}
		free(sg->prices);
		free(sg->pids);
	}
	free(e->segs);
	free(e->name);
	free(e->title);
	free(e->lang);
	free(e->error);
	memset(e, 0, sizeof *e);
}

void
wk_report_free(struct wk_report *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++)
		wk_report_entry_clear(&r->v[i]);
	free(r->v);
	free(r->station);
	free(r->date);
	free(r);
}

static char *
sdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The catalogue's name of id among v (n of them) for the operator, or
 * NULL. The catalogue names things in the bulletins' languages; Spanish
 * is the operators'. */
static const char *
cat_name(const struct wk_entry *v, size_t n, const char *id)
{
	const struct wk_entry *e = id && *id ? wk_entry_find(v, n, id) : NULL;

	return e ? wk_entry_name(e, "es") : NULL;
}

/* Cuts the folders off the file paths in a segment's note, in place: the
 * cause line gives the full path once, each segment its file name. */
static void
short_paths(char *note)
{
	char *w = note, *p = note, *end, *slash;

	while (note != NULL && *p != '\0') {
		end = p + strcspn(p, " ");
		slash = NULL;
		if (*p == '/')
			for (char *q = p; q < end; q++)
				if (*q == '/')
					slash = q;
		if (slash != NULL)
			p = slash + 1;
		while (p < end)
			*w++ = *p++;
		if (*p == ' ')
			*w++ = *p++;
	}
	if (w != NULL)
		*w = '\0';
}

int
wk_report_add(struct wk_report *r, const struct wk_script *s,
    const struct wk_audio_stats *stats, const char *error,
    const struct wk_seg_source *src)
{
	const struct wk_catalog *cat = r->cat;
	struct entry *v, *e;
	struct wk_buf b = WK_BUF_INIT;
	size_t i, k;

	if ((v = realloc(r->v, (r->n + 1) * sizeof *v)) == NULL)
		return -1;
	r->v = v;
	e = &v[r->n++];
	memset(e, 0, sizeof *e);
	wk_bundle_name(s, &b);
	e->name = wk_buf_steal(&b);
	e->title = sdup(s->title);
	e->lang = sdup(s->lang);
	e->error = sdup(error);
	e->pause_ms = r->pause_ms;
	if ((e->segs = calloc(s->nsegs + 1, sizeof *e->segs)) == NULL)
		return -1;
	for (i = 0; i < s->nsegs; i++) {
		const struct wk_seg *sg = &s->segs[i];
		struct rseg *o = &e->segs[e->nsegs++];

		o->id = sdup(sg->id);
		o->note = sdup(sg->note);
		short_paths(o->note);
		o->fallback = sg->fallback;
		memcpy(o->data_date, sg->data_date, sizeof o->data_date);
		if (src != NULL) {
			const char *nm = NULL;

			memcpy(o->data_date, src[i].date, sizeof o->data_date);
			memcpy(o->feed, src[i].feed, sizeof o->feed);
			o->stale = src[i].stale;
			o->recorded = src[i].recorded;
			o->recorded_ms = src[i].recorded_ms;
			o->spoken_ms = src[i].spoken_ms;
			if (cat != NULL && src[i].market[0] != '\0')
				nm = cat_name(cat->markets, cat->nmarkets,
				    src[i].market);
			else if (cat != NULL && src[i].network[0] != '\0')
				nm = cat_name(cat->networks, cat->nnetworks,
				    src[i].network);
			o->name = sdup(nm);
		}
		wk_bundle_seg_file(s, i, &b);
		o->file = wk_buf_steal(&b);
		wk_seg_transcript(s, sg, &b);
		o->transcript = wk_buf_steal(&b);
		o->duration_s = stats ? stats[i].duration_s : 0;
		o->lufs = stats ? stats[i].lufs : NAN;
		o->peak_db = stats ? stats[i].peak_db : NAN;
		if (sg->nprices > 0 &&
		    (o->prices = calloc(sg->nprices, sizeof *o->prices)) != NULL &&
		    (o->pids = calloc(sg->nprices, sizeof *o->pids)) != NULL)
			for (k = 0; k < sg->nprices; k++) {
				const char *pn = cat ? cat_name(cat->products,
				    cat->nproducts, sg->prices[k].product) : NULL;

				o->prices[k] = sg->prices[k];
				o->prices[k].product = sdup(pn ? pn
				    : sg->prices[k].product);
				o->prices[k].market = sdup(sg->prices[k].market);
				o->pids[k] = sdup(sg->prices[k].product);
				o->nprices++;
			}
		if (o->id == NULL || o->file == NULL || o->transcript == NULL)
			return -1;
	}
	return e->name && e->title && e->lang ? 0 : -1;
}

static const char style[] =
    "body{font:15px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:60em;"
    "padding:0 1em;color:#1a202c}"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:"
    "2px solid #e2e8f0}"
    "table{border-collapse:collapse;width:100%;margin:.5em 0}"
    "td,th{border-bottom:1px solid #e2e8f0;padding:.25em .5em;text-align:left;"
    "vertical-align:top}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
    /* A word breaks only when it alone is wider than the screen; file
     * paths anywhere. */
    "td{overflow-wrap:break-word}code{overflow-wrap:anywhere}"
    "td.n,td.d{white-space:nowrap}td audio{width:12em}"
    "svg.chart,svg.spark{max-width:100%;height:auto}"
    "tr.fallback td,li.warning{background:#fffbea}"
    "li.error,p.failed{background:#fff5f5;color:#9b2c2c}"
    ".ok{color:#276749}.bad{color:#9b2c2c;font-weight:bold}"
    "pre{white-space:pre-wrap;background:#f7fafc;padding:.5em}"
    "audio{height:2em;vertical-align:middle}"
    "svg text{font:11px system-ui,sans-serif}svg.chart text{font-size:12px}"
    "button{margin:.5em 0}"
    "p.earlier{margin-top:2.5em;color:#4a5568;font-style:italic}"
    "small{color:#718096}#facts{color:#4a5568;font-size:.9em}"
    "#summary{font-size:1.15em;font-weight:bold}#causes li{margin:.35em 0;"
    "padding:.2em .4em}#causes code{font-size:.9em}"
    /* A phone (390 px): each segment and each price is a card, the
     * numbers (with their units) on one line, the data, state and player
     * below, so that nothing runs off the screen. */
    "@media (max-width:44em){body{margin:.5em auto;padding:0 .6em}"
    "figure{margin:.5em 0}"
    "table.segs,table.history,table.segs tbody,table.history tbody"
    "{display:block}"
    "table.segs tr:first-child,table.history tr:first-child{display:none}"
    "table.segs tr,table.history tr{display:flex;flex-wrap:wrap;"
    "column-gap:.8em;padding:.4em 0;border-bottom:1px solid #e2e8f0}"
    "table.segs td,table.history td{border:0;padding:.05em 0;"
    "text-align:left}"
    "table.segs td:first-child::after{content:\".\"}"
    "table.segs td:nth-child(2){flex:1 1 calc(100% - 3em);font-weight:bold}"
    "table.history td:first-child{font-weight:bold}"
    "table.segs td:nth-child(n+6),table.history td:nth-child(5)"
    "{flex:1 1 100%}"
    "table.segs td audio{width:100%}}";

static void
text(struct wk_buf *o, const char *s)
{
	wk_buf_xml(o, s ? s : "");
}

/* Characters of the UTF-8 string s. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Each product's price today against its previous one: two bars on the
 * product's own scale, and the change in per cent. The labels' column is
 * as wide as the longest name (12 px text, 7 px a character at most);
 * the picture scales down to a phone's width (viewBox), labels and all. */
static void
chart(struct wk_buf *o, const struct rseg *sg)
{
	size_t i, longest = 0;
	const int row = 20, bar = 150;
	int label, width;

	for (i = 0; i < sg->nprices; i++)
		if (chars(sg->prices[i].product) > longest)
			longest = chars(sg->prices[i].product);
	label = 7 * (int)(longest < 40 ? longest : 40) + 10;
	width = label + bar + 130;
	wk_buf_puts(o, "<figure><svg class=\"chart\" role=\"img\" "
	    "aria-label=\"");
	text(o, _("Prices"));
	wk_buf_putc(o, ' ');
	text(o, sg->name ? sg->name : sg->id);
	wk_buf_printf(o, "\" viewBox=\"0 0 %d %zu\" width=\"%d\" height=\"%zu\">",
	    width, (size_t)row * sg->nprices + 4, width,
	    (size_t)row * sg->nprices + 4);
	for (i = 0; i < sg->nprices; i++) {
		const struct wk_price_note *p = &sg->prices[i];
		double max = (double)(p->value > p->previous ? p->value : p->previous);
		double k = max > 0 ? bar / max : 0;
		int y = (int)i * row;
		char m[WK_MONEY_MAX];

		wk_buf_printf(o, "<text x=\"0\" y=\"%d\">", y + 14);
		text(o, p->product);
		wk_buf_puts(o, "</text>");
		if (p->previous >= 0)
			wk_buf_printf(o, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
			    "height=\"6\" fill=\"#cbd5e0\"><title>%s %s"
			    "</title></rect>", label, y + 3, p->previous * k,
			    _("before"), wk_money_soles(p->previous, m));
		wk_buf_printf(o, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
		    "height=\"7\" fill=\"%s\"><title>%s %s</title></rect>",
		    label, y + 10, p->value * k, p->previous < 0 ? "#4a5568"
		    : p->value > p->previous ? "#c05621" : p->value < p->previous
		    ? "#2f855a" : "#2b6cb0", _("today"), wk_money_soles(p->value, m));
		wk_buf_printf(o, "<text x=\"%d\" y=\"%d\">%s", label + bar + 8,
		    y + 14, wk_money_soles(p->value, m));
		if (p->previous > 0)
			wk_buf_printf(o, " (%+.1f %%)", 100.0 *
			    (double)(p->value - p->previous) / (double)p->previous);
		wk_buf_puts(o, "</text>");
	}
	wk_buf_puts(o, "</svg><figcaption>");
	text(o, _("Today's price (in colour) and the previous one (grey), each "
	    "product on its own scale: orange went up, green went down, blue "
	    "stayed, grey has no previous price."));
	wk_buf_puts(o, "</figcaption></figure>\n");
}

/* The days a price chart spans, and the weekly change's window (the
 * bulletins' <trends days="7">). */
#define CHART_DAYS 30
#define WEEK_DAYS 7

/* A price's rows in the archive over the chart's days, every unit. */
struct series {
	struct wk_chart_point *v;
	char **unit;
	size_t n, cap;
	int failed;
};

static int
series_add(const struct wk_history_row *row, void *arg)
{
	struct series *s = arg;

	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 32;
		struct wk_chart_point *v = realloc(s->v, cap * sizeof *v);
		char **u = v ? realloc(s->unit, cap * sizeof *u) : NULL;

		if (v != NULL)
			s->v = v;
		if (u == NULL) {
			s->failed = 1;
			return 1;
		}
		s->unit = u;
		s->cap = cap;
	}
	if ((s->unit[s->n] = strdup(row->unit)) == NULL) {
		s->failed = 1;
		return 1;
	}
	s->v[s->n].date = row->date;
	s->v[s->n++].value = row->value;
	return 0;
}

static void
series_free(struct series *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->unit[i]);
	free(s->v);
	free(s->unit);
}

/*
 * The chart's points of the price p (id pid) of a feed dated today: its
 * rows over the last CHART_DAYS days in the unit it has today at p's value
 * (else the first unit it has today), moved to the front of s->v; *unit
 * points into s. 0 points when the archive cannot say.
 */
static size_t
price_series(struct wk_history *h, const struct wk_price_note *p,
    const char *pid, struct wk_date today, struct series *s,
    const char **unit)
{
	struct wk_history_filter f;
	struct wk_err err;
	size_t i, n = 0;
	long t = wk_date_days(today);

	memset(&f, 0, sizeof f);
	f.market = p->market;
	f.product = pid;
	f.from = wk_date_from_days(t - (CHART_DAYS - 1));
	f.to = today;
	f.has_from = f.has_to = 1;
	*unit = NULL;
	if (wk_history_query(h, &f, series_add, s, &err) != WK_OK || s->failed)
		return 0;
	for (i = 0; i < s->n; i++)
		if (wk_date_days(s->v[i].date) == t && (*unit == NULL ||
		    s->v[i].value == p->value))
			*unit = s->unit[i];
	if (*unit == NULL)
		return 0;
	/* Rows come by date, then unit: one per date in *unit. */
	for (i = 0; i < s->n; i++)
		if (strcmp(s->unit[i], *unit) == 0)
			s->v[n++] = s->v[i];
	return n;
}

/* Whether price i of segment sg was shown by an earlier segment of the
 * report (the same market, product and day), segments before sg and
 * prices before i. */
static int
shown(const struct wk_report *r, const struct rseg *sg, size_t i)
{
	size_t e, j, k;

	for (e = 0; e < r->n; e++)
		for (j = 0; j < r->v[e].nsegs; j++) {
			const struct rseg *o = &r->v[e].segs[j];

			for (k = 0; k < (o == sg ? i : o->nprices); k++)
				if (!o->stale && strcmp(o->prices[k].market,
				    sg->prices[i].market) == 0 &&
				    strcmp(o->pids[k], sg->pids[i]) == 0 &&
				    strcmp(o->data_date, sg->data_date) == 0)
					return 1;
			if (o == sg)
				return 0;
		}
	return 0;
}

/* Price i of sg as a row: its weekly change and a chart of its last
 * CHART_DAYS days from the archive h. Returns 1 when it has a chart. */
static int
price_row(struct wk_buf *o, const struct wk_report *r, const struct rseg *sg,
    size_t i, struct wk_date today, struct wk_history *h)
{
	const struct wk_price_note *p = &sg->prices[i];
	const char *market = r->cat ? cat_name(r->cat->markets,
	    r->cat->nmarkets, p->market) : NULL;
	struct series s = { NULL, NULL, 0, 0, 0 };
	struct wk_buf label = WK_BUF_INIT;
	const char *unit;
	char m[WK_MONEY_MAX];
	long long pct = 0;
	int found = 0;
	struct wk_err err;
	size_t n;

	if (market == NULL)
		market = p->market;
	n = price_series(h, p, sg->pids[i], today, &s, &unit);
	if (n > 1 && wk_market_change(h, p->market, sg->pids[i], unit, today,
	    WEEK_DAYS, p->value, &pct, &found, &err) != WK_OK)
		found = 0;
	wk_buf_puts(o, "<tr data-market=\"");
	text(o, p->market);
	wk_buf_puts(o, "\" data-product=\"");
	text(o, sg->pids[i]);
	wk_buf_puts(o, "\"><td>");
	text(o, p->product);
	wk_buf_puts(o, "</td><td>");
	text(o, market);
	wk_buf_printf(o, "</td><td class=\"n\">%s", wk_money_soles(p->value, m));
	if (unit != NULL) {
		wk_buf_putc(o, '/');
		text(o, unit);
	}
	if (found)
		wk_buf_printf(o, "</td><td class=\"n week\" data-pct=\"%lld\">"
		    "%+lld %%", pct, pct);
	else
		wk_buf_puts(o, "</td><td class=\"n week\">—");
	wk_buf_puts(o, "</td><td>");
	if (n > 1) {
		wk_buf_printf(&label, _("%s in %s, the last %d days"), p->product,
		    market, CHART_DAYS);
		wk_chart_svg(o, s.v, n, wk_buf_str(&label));
	}
	wk_buf_puts(o, "</td></tr>\n");
	series_free(&s);
	wk_buf_free(&label);
	return n > 1;
}

/* Every market and product priced in the run's bulletins, once: the day's
 * price, its weekly change and a chart of its last CHART_DAYS days, from
 * the archive r->hist; nothing when no price has more than one day there. */
static void
markets_html(struct wk_buf *o, const struct wk_report *r)
{
	struct wk_buf rows = WK_BUF_INIT;
	struct wk_date today;
	size_t e, j, i, charts = 0;

	for (e = 0; r->hist != NULL && e < r->n; e++)
		for (j = 0; j < r->v[e].nsegs; j++) {
			const struct rseg *sg = &r->v[e].segs[j];

			if (sg->stale || wk_date_parse(sg->data_date, &today) != 0)
				continue;
			for (i = 0; i < sg->nprices; i++)
				if (!shown(r, sg, i))
					charts += (size_t)price_row(&rows, r, sg,
					    i, today, r->hist);
		}
	if (charts > 0 && !rows.failed) {
		const char *th[] = { _("Product"), _("Market"), _("Price"),
		    _("Weekly change"), _("Last 30 days") };

		wk_buf_puts(o, "<section id=\"markets\">\n<h2>");
		text(o, _("Prices over the last 30 days"));
		wk_buf_puts(o, "</h2>\n<table class=\"history\">\n<tr>");
		for (i = 0; i < sizeof th / sizeof th[0]; i++) {
			wk_buf_puts(o, "<th>");
			text(o, th[i]);
			wk_buf_puts(o, "</th>");
		}
		wk_buf_puts(o, "</tr>\n");
		wk_buf_append(o, rows.data, rows.len);
		wk_buf_puts(o, "</table>\n<p><small>");
		text(o, _("Weekly change: today's price against the latest one "
		    "archived 7 to 14 days before, as the bulletins say it."));
		wk_buf_puts(o, "</small></p>\n</section>\n");
	}
	wk_buf_free(&rows);
}

/* What became of a bulletin-language, as the summary line counts it. */
static const char *const states[] = { "ok", "fallback", "failed" };

static int
entry_state(const struct entry *e)
{
	size_t j;

	if (e->error != NULL)
		return 2;
	for (j = 0; j < e->nsegs; j++)
		if (e->segs[j].fallback)
			return 1;
	return 0;
}

/* The date of a segment's data and the feed it came from; a date of a
 * feed it could not use is marked. */
static void
data_cell(struct wk_buf *o, const struct rseg *sg)
{
	if (sg->data_date[0] == '\0')
		wk_buf_puts(o, "—");
	else if (sg->stale) {
		wk_buf_printf(o, "<span class=\"bad\">%s</span> ", sg->data_date);
		text(o, _("(not current)"));
	} else
		wk_buf_puts(o, sg->data_date);
	if (sg->feed[0] != '\0') {
		wk_buf_puts(o, "<br><small>");
		text(o, sg->feed);
		wk_buf_puts(o, "</small>");
	}
}

static unsigned
percent(unsigned part, unsigned whole)
{
	return (unsigned)((part * 100ull + whole / 2) / whole);
}

/* The share of a bulletin's spoken time that the station's recordings
 * say (coverage.h), when its voice has any. */
static void
recorded_share(struct wk_buf *o, const struct entry *e)
{
	unsigned long long rec = 0, all = 0;
	size_t i;
	int any = 0;

	for (i = 0; i < e->nsegs; i++)
		if (e->segs[i].recorded) {
			any = 1;
			rec += e->segs[i].recorded_ms;
			all += e->segs[i].spoken_ms;
		}
	if (!any || all == 0)
		return;
	wk_buf_printf(o, " · <span data-recorded=\"%u\">",
	    (unsigned)((rec * 100 + all / 2) / all));
	wk_buf_printf(o, _("%u %% of the spoken time from the station's "
	    "recordings"), (unsigned)((rec * 100 + all / 2) / all));
	wk_buf_puts(o, "</span>");
}

static void
entry_html(struct wk_buf *o, const struct entry *e)
{
	double total = 0, spoken = 0, energy = 0;
	size_t i;

	/* Every text escaped, the names too: a kept section (reportkeep.c)
	 * is data from a file. */
	wk_buf_puts(o, "<section class=\"bulletin\" id=\"");
	text(o, e->name);
	wk_buf_printf(o, "\" data-state=\"%s\">\n<h2>", states[entry_state(e)]);
	text(o, e->title);
	wk_buf_puts(o, " <small>(");
	text(o, e->lang);
	wk_buf_puts(o, ", ");
	text(o, e->name);
	wk_buf_puts(o, ")</small></h2>\n");
	if (e->error != NULL) {
		wk_buf_puts(o, "<p class=\"failed\">");
		text(o, _("Not published, does not go to air:"));
		wk_buf_putc(o, ' ');
		text(o, e->error);
		wk_buf_puts(o, "</p>\n</section>\n");
		return;
	}
	for (i = 0; i < e->nsegs; i++) {
		spoken += e->segs[i].duration_s;
		if (isfinite(e->segs[i].lufs))
			energy += e->segs[i].duration_s * pow(10, e->segs[i].lufs / 10);
	}
	/* As long as the whole bulletin's file: the segments and the
	 * station's pauses between them (bundle.c joins them so). */
	total = spoken + (e->nsegs > 0 ? (double)(e->nsegs - 1) *
	    e->pause_ms / 1000.0 : 0);
	wk_buf_puts(o, "<p><audio controls preload=\"none\" src=\"");
	text(o, e->name);
	wk_buf_puts(o, ".mp3\"></audio> <a href=\"");
	text(o, e->name);
	wk_buf_puts(o, ".mp3\">");
	text(o, e->name);
	wk_buf_printf(o, ".mp3</a> · <span class=\"length\" "
	    "data-seconds=\"%.2f\">%d min %02d s</span> · %.1f LUFS · "
	    "<a href=\"", total, (int)(total + 0.5) / 60,
	    (int)(total + 0.5) % 60,
	    spoken > 0 ? 10 * log10(energy / spoken) : 0.0);
	text(o, e->name);
	wk_buf_puts(o, ".m3u\">");
	text(o, _("playlist"));
	wk_buf_puts(o, "</a> · <a href=\"");
	text(o, e->name);
	wk_buf_puts(o, ".txt\">");
	text(o, _("transcript"));
	wk_buf_puts(o, "</a>");
	recorded_share(o, e);
	wk_buf_puts(o, "</p>\n<table class=\"segs\">\n<tr><th>#</th>");
	{
		const char *th[] = { _("Segment"), _("Duration"), _("Loudness"),
		    _("Peak"), _("Data of"), _("State"), _("Audio") };
		size_t k;

		for (k = 0; k < sizeof th / sizeof th[0]; k++) {
			wk_buf_puts(o, "<th>");
			text(o, th[k]);
			wk_buf_puts(o, "</th>");
		}
	}
	wk_buf_puts(o, "</tr>\n");
	for (i = 0; i < e->nsegs; i++) {
		const struct rseg *sg = &e->segs[i];

		wk_buf_printf(o, "<tr class=\"%s\"><td class=\"n\">%zu</td><td>",
		    sg->fallback ? "fallback" : "ok", i + 1);
		if (sg->name != NULL) {
			text(o, sg->name);
			wk_buf_puts(o, " <small>");
			text(o, sg->id);
			wk_buf_puts(o, "</small>");
		} else
			text(o, sg->id);
		wk_buf_printf(o, "</td><td class=\"n\">%.1f s", sg->duration_s);
		if (sg->recorded && sg->spoken_ms > 0) {
			wk_buf_printf(o, "<br><small data-recorded=\"%u\">",
			    percent(sg->recorded_ms, sg->spoken_ms));
			wk_buf_printf(o, _("%u %% recorded"),
			    percent(sg->recorded_ms, sg->spoken_ms));
			wk_buf_puts(o, "</small>");
		}
		wk_buf_printf(o, "</td><td class=\"n\">%.1f LUFS</td><td "
		    "class=\"n\">%.1f dBFS</td><td class=\"d\">", sg->lufs,
		    sg->peak_db);
		data_cell(o, sg);
		wk_buf_puts(o, "</td><td>");
		wk_buf_puts(o, sg->fallback ? "<span class=\"bad\">"
		    : "<span class=\"ok\">");
		text(o, sg->fallback ? _("fallback") : _("fine"));
		wk_buf_puts(o, "</span> ");
		text(o, sg->note);
		wk_buf_puts(o, "</td><td><audio controls preload=\"none\" "
		    "src=\"");
		text(o, sg->file);
		wk_buf_puts(o, "\"></audio></td></tr>\n");
	}
	wk_buf_puts(o, "</table>\n");
	for (i = 0; i < e->nsegs; i++)
		if (e->segs[i].nprices > 0) {
			wk_buf_puts(o, "<h3>");
			text(o, e->segs[i].name ? e->segs[i].name : e->segs[i].id);
			wk_buf_puts(o, "</h3>\n");
			chart(o, &e->segs[i]);
		}
	wk_buf_puts(o, "<details class=\"transcript\"><summary>");
	text(o, _("Transcript"));
	wk_buf_puts(o, "</summary><pre>");
	for (i = 0; i < e->nsegs; i++) {
		text(o, e->segs[i].transcript);
		if (i + 1 < e->nsegs)
			wk_buf_putc(o, '\n');
	}
	wk_buf_puts(o, "</pre></details>\n</section>\n");
}

size_t
wk_report_count(const struct wk_report *r)
{
	return r->n;
}

const char *
wk_report_name(const struct wk_report *r, size_t i)
{
	return r->v[i].name;
}


/* The run's facts: when it started, how long it took, the program's
 * version, the station and the broadcast date it was given. */
static void
facts(struct wk_buf *o, const struct wk_report *r)
{
	struct timespec now;
	struct tm tm;
	char when[32] = "";
	double secs;

	clock_gettime(CLOCK_MONOTONIC, &now);
	secs = (double)(now.tv_sec - r->start_mono.tv_sec) +
	    (double)(now.tv_nsec - r->start_mono.tv_nsec) / 1e9;
	if (localtime_r(&r->start, &tm) != NULL)
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	wk_buf_puts(o, "<p id=\"facts\">");
	text(o, _("Run started"));
	wk_buf_printf(o, " <time>%s</time> · ", when);
	text(o, _("took"));
	wk_buf_printf(o, " %.0f s · willakuy %s · ", secs, WK_VERSION);
	text(o, _("station"));
	wk_buf_putc(o, ' ');
	text(o, r->station);
	wk_buf_puts(o, " · ");
	text(o, _("broadcast date"));
	wk_buf_putc(o, ' ');
	text(o, r->date);
	wk_buf_puts(o, "</p>\n");
}

/* One line per cause of trouble, worst first. */
static void
causes_html(struct wk_buf *o, struct wk_causes *causes)
{
	static const char *const grades[] = { "failed", "fallback", "other" };
	struct wk_buf where = WK_BUF_INIT, what = WK_BUF_INIT;
	size_t i, n = wk_causes_count(causes);

	if (n == 0)
		return;
	wk_buf_puts(o, "<section id=\"causes\">\n<h2>");
	text(o, _("What to fix"));
	wk_buf_puts(o, "</h2>\n<ul>\n");
	for (i = 0; i < n; i++) {
		wk_buf_clear(&where);
		wk_buf_clear(&what);
		wk_causes_where(causes, i, &where);
		wk_causes_what(causes, i, &what);
		wk_buf_printf(o, "<li class=\"cause %s\" data-grade=\"%s\">",
		    wk_causes_severity(causes, i) == WK_ERROR ? "error" : "warning",
		    grades[wk_causes_grade(causes, i)]);
		if (where.len > 0) {
			wk_buf_puts(o, "<code>");
			text(o, wk_buf_str(&where));
			wk_buf_puts(o, "</code>: ");
		}
		text(o, wk_buf_str(&what));
		wk_buf_puts(o, "</li>\n");
	}
	wk_buf_puts(o, "</ul>\n</section>\n");
	wk_buf_free(&where);
	wk_buf_free(&what);
}

void
wk_report_html(const struct wk_report *r, struct wk_diags *d,
    struct wk_causes *causes, const struct wk_report *kept,
    struct wk_buf *o)
{
	size_t i, count[3] = { 0, 0, 0 }, nkept = kept ? kept->n : 0;
	struct wk_buf head = WK_BUF_INIT;
	int k;

	for (i = 0; i < r->n; i++)
		count[entry_state(&r->v[i])]++;
	for (i = 0; i < nkept; i++)
		count[entry_state(&kept->v[i])]++;
	wk_causes_collect(causes, d);
	wk_buf_puts(o, "<!DOCTYPE html>\n<html lang=\"");
	text(o, _("en"));
	wk_buf_puts(o, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta "
	    "name=\"viewport\" content=\"width=device-width\">\n<title>willakuy ");
	text(o, r->date);
	wk_buf_puts(o, "</title>\n<style>");
	wk_buf_puts(o, style);
	wk_buf_puts(o, "</style>\n</head>\n<body data-ready=\"no\">\n<h1>");
	text(o, _("Bulletins of"));
	wk_buf_putc(o, ' ');
	text(o, r->date);
	wk_buf_puts(o, " · ");
	text(o, r->station);
	wk_buf_puts(o, "</h1>\n");
	facts(o, r);
	wk_causes_headline(count[2], count[1], count[0], &head);
	wk_buf_printf(o, "<p id=\"summary\" class=\"%s\" data-ok=\"%zu\" "
	    "data-fallback=\"%zu\" data-failed=\"%zu\">", count[2] + count[1] > 0
	    ? "bad" : "ok", count[0], count[1], count[2]);
	text(o, wk_buf_str(&head));
	wk_buf_puts(o, "</p>\n");
	wk_buf_free(&head);
	causes_html(o, causes);
	/* Worst first: not published, with fallbacks, complete. */
	for (k = 2; k >= 0; k--)
		for (i = 0; i < r->n; i++)
			if (entry_state(&r->v[i]) == k)
				entry_html(o, &r->v[i]);
	markets_html(o, r);
	if (nkept > 0) {
		wk_buf_puts(o, "<p id=\"earlier\" class=\"earlier\">");
		text(o, _("Bulletins of earlier runs today, which this one did "
		    "not make again; their problems are not repeated here:"));
		wk_buf_puts(o, "</p>\n");
	}
	for (i = 0; i < nkept; i++)
		entry_html(o, &kept->v[i]);
	wk_buf_puts(o, "<p><button id=\"all\" type=\"button\">");
	text(o, _("Show every transcript"));
	wk_buf_puts(o, "</button></p>\n<script>\n"
	    "document.getElementById('all').addEventListener('click', function () {\n"
	    "  document.querySelectorAll('details.transcript').forEach(function (d) "
	    "{ d.open = true; });\n});\n"
	    "document.body.dataset.ready = 'yes';\n</script>\n</body>\n</html>\n");
}

/* Storage: each section is kept beside the day's files, as data. */

/* Sections kept by a run beside the day's files: .report-NAME.data. */
#define KEPT_PREFIX ".report-"
#define KEPT_SUFFIX ".data"
#define KEPT_MAX (4 << 20)

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
	    ((const struct entry *)b)->name);
}

/* True when s (n bytes) can be a bulletin-language's name: letters,
 * digits and '-'. */
static int
entry_name(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return n > 0;
}

/* Reads the kept section file in the day's folder (dayfd, dir for
 * messages) of bulletin-language name into kept. A file that is not
 * willakuy's (a link, another user's, linked elsewhere) is a warning and
 * left out; one that is not a kept section is left out. */
static void
read_kept(struct wk_report *kept, int dayfd, const char *dir,
    const char *file, const char *name, struct wk_diags *d)
{
	struct entry e, *v;
	size_t len;
	char *text = wk_safe_slurp(dayfd, file, KEPT_MAX, &len);

	if (text == NULL) {
		if (errno == ELOOP || errno == EPERM || errno == EMLINK ||
		    errno == EINVAL)
			wk_diag(d, WK_WARNING, dir, 0, 0, _("%s is not a file "
			    "willakuy wrote (a link, or another user's): the "
			    "report leaves it out"), file);
		return;
	}
	if (strlen(text) == len && wk_report_keep_get(text, name, &e) == 0) {
		if ((v = realloc(kept->v, (kept->n + 1) * sizeof *v)) != NULL) {
			kept->v = v;
			v[kept->n++] = e;
		} else
			wk_report_entry_clear(&e);
	}
	free(text);
}

/* The sections that earlier runs of the day kept for bulletin-languages
 * this run did not make, by name, in kept. Unreadable ones are skipped:
 * the report is for reading, the files are what goes to air. */
static void
earlier_sections(const struct wk_report *r, struct wk_report *kept,
    struct wk_outdir *out, struct wk_diags *d)
{
	size_t i, pl = strlen(KEPT_PREFIX), sl = strlen(KEPT_SUFFIX);
	int dayfd = wk_outdir_dayfd(out), fd = dup(dayfd);
	struct dirent *e;
	DIR *dp;

	if (fd < 0)
		return;
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	rewinddir(dp);	/* the duplicate shares the offset */
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);
		char *name;

		if (len <= pl + sl || strncmp(e->d_name, KEPT_PREFIX, pl) != 0 ||
		    strcmp(e->d_name + len - sl, KEPT_SUFFIX) != 0 ||
		    !entry_name(e->d_name + pl, len - pl - sl))
			continue;
		for (i = 0; i < r->n; i++)
			if (strlen(r->v[i].name) == len - pl - sl &&
			    strncmp(r->v[i].name, e->d_name + pl,
			    len - pl - sl) == 0)
				break;
		if (i < r->n)
			continue;
		if ((name = strndup(e->d_name + pl, len - pl - sl)) == NULL)
			break;
		read_kept(kept, dayfd, wk_outdir_day(out), e->d_name, name, d);
		free(name);
	}
	closedir(dp);
	if (kept->n > 0)
		qsort(kept->v, kept->n, sizeof *kept->v, by_name);
}

void
wk_report_write(struct wk_report *r, struct wk_outdir *out,
    struct wk_diags *d, struct wk_causes *causes, struct wk_history *hist)
{
	struct wk_buf page = WK_BUF_INIT, sec = WK_BUF_INIT, rel = WK_BUF_INIT;
	struct wk_report *kept;
	size_t i;
	struct wk_err e2;
	const char *why = NULL;

	r->hist = hist;
	for (i = 0; i < r->n && why == NULL; i++) {
		wk_buf_clear(&sec);
		wk_buf_clear(&rel);
		wk_report_keep_put(&r->v[i], &sec);
		wk_buf_printf(&rel, KEPT_PREFIX "%s" KEPT_SUFFIX, r->v[i].name);
		if (sec.failed || rel.failed)
			why = _("out of memory");
		else if (wk_outdir_write(out, wk_buf_str(&rel), sec.data,
		    sec.len, &e2) != WK_OK)
			why = e2.msg;
	}
	if ((kept = wk_report_new(r->station, r->date, r->cat, r->pause_ms)) != NULL)
		earlier_sections(r, kept, out, d);
	wk_report_html(r, d, causes, kept, &page);
	if (why == NULL && page.failed)
		why = _("out of memory");
	if (why == NULL && wk_outdir_write(out, "report.html", page.data,
	    page.len, &e2) != WK_OK)
		why = e2.msg;
	if (why != NULL)
		wk_diag(d, WK_WARNING, NULL, 0, 0,
		    _("the report could not be written: %s"), why);
	wk_report_free(kept);
	wk_buf_free(&page);
	wk_buf_free(&sec);
	wk_buf_free(&rel);
	r->hist = NULL;
}

void
wk_report_add_script(struct wk_report *r, const struct wk_causes *c,
    const struct wk_compose *cc, const struct wk_bulletin *b,
    struct wk_voiceset *vs, const struct wk_script *s,
    const struct wk_audio_stats *stats, const char *error,
    struct wk_diags *d)
{
	struct wk_seg_source *rf;
	size_t i;

	if (r == NULL)
		return;
	if ((rf = calloc(s->nsegs + 1, sizeof *rf)) != NULL)
		for (i = 0; i < s->nsegs; i++) {
			wk_causes_seg_source(c, cc, b, &s->segs[i], &rf[i]);
			rf[i].recorded = wk_coverage_ms(&s->segs[i], vs,
			    &rf[i].recorded_ms, &rf[i].spoken_ms) == 1;
		}
	if (rf == NULL || wk_report_add(r, s, stats, error, rf) != 0)
		wk_diag(d, WK_WARNING, NULL, 0, 0, "%s",
		    _("out of memory: the report will lack a bulletin"));
	free(rf);
}
