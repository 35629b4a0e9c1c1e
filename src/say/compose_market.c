/*
 * Market intelligence in the bulletins: <trends> (each product's change
 * over N days, from the price archive, falling back to the feed's own
 * previous price when the archive is too short) and <compare> (products
 * sold in two or more markets today: where cheapest, where dearest, by how
 * much). Both read today's prices from a feed that passes the freshness
 * rules, so stale data is never compared as today's, and leave out the
 * prices held back as suspect (read/plausible.h). Sentences come from
 * the voice's phrase templates and go through the same verbalizer as price
 * lines. Also opens the run's archive and archives each price feed read.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/money.h"
#include "compose_market.h"
#include "compose_priv.h"
#include "read/history.h"
#include "base/paths.h"
#include "read/station.h"
#include "verbal.h"
#include "read/voice.h"

/* How long a run waits for another program writing the archive. */
#define HISTORY_TIMEOUT_MS 5000

char *
wk_market_history_path(const struct wk_station *s, const char *outdir)
{
	if (s != NULL && s->history_db != NULL)
		return strdup(s->history_db);
	return wk_path_join(outdir, "history.sqlite");
}

void
wk_market_attach(struct wk_feedcache *fc, const struct wk_station *s,
    const char *outdir, struct wk_diags *d)
{
	struct wk_history *h = NULL;
	char *path = wk_market_history_path(s, outdir);

	/* Connected on first use: a run without price feeds leaves no
	 * archive behind. */
	if (path == NULL || (h = wk_history_new(path, HISTORY_TIMEOUT_MS)) == NULL)
		wk_diag(d, WK_ERROR, NULL, 0, 0, "%s", _("out of memory"));
	else {
		wk_history_share(h, s != NULL && s->output_shared);
		wk_feedcache_set_history(fc, h);
	}
	free(path);
}

void
wk_market_archive(struct wk_history **h, const struct wk_prices *p,
    struct wk_diags *d)
{
	struct wk_err err;

	if (*h == NULL || wk_history_archive(*h, p, &err) == WK_OK)
		return;
	wk_diag_err(d, &err);
	wk_diag(d, WK_WARNING, wk_history_path(*h), 0, 0,
	    _("%s is not archived; the bulletins are made without the price "
	    "history (trends fall back to the day's comparison)"), p->path);
	wk_history_close(*h);
	*h = NULL;
}

static void
money(long long cents, char out[WK_MONEY_MAX])
{
	wk_money_soles(cents, out);
}

/* The change from base to now in whole percent, rounded half away from
 * zero (integer arithmetic: the test computes the same on its own). */
static long long
percent(long long now, long long base)
{
	long long diff = now - base, mag = (diff < 0 ? -diff : diff) * 100;
	long long pct = (2 * mag + base) / (2 * base);

	return diff < 0 ? -pct : pct;
}

/* The feed of it, if fresh; otherwise the fallback is said and *p NULL. */
static enum wk_status
fresh_feed(struct wk_compose *c, const struct wk_bulletin *b,
    const struct wk_item *it, struct wk_seg *sg, const struct wk_voice *v,
    const char *phrase, const char *mname, const struct wk_prices **p,
    struct wk_err *err)
{
	char *path = NULL, why[600], date[11];
	enum wk_status st;
	long age;

	if ((st = wk_compose_price_feed(c, it->feed, p, &path, err)) != WK_OK)
		return st;
	if (*p == NULL) {
		snprintf(why, sizeof why, _("the price feed %s cannot be used"),
		    path);
		free(path);
		return wk_compose_fallback(c, b, it, sg, v, phrase, "market",
		    mname, why, err);
	}
	wk_date_format((*p)->date, date);
	age = wk_date_days(c->date) - wk_date_days((*p)->date);
	if (age < 0 || age > b->max_age_days) {
		snprintf(why, sizeof why, age < 0
		    ? _("the price feed %s is dated %s, after the broadcast date")
		    : _("the price feed %s is dated %s, too old for today"),
		    path, date);
		free(path);
		*p = NULL;
		return wk_compose_fallback(c, b, it, sg, v, phrase, "market",
		    mname, why, err);
	}
	free(path);
	memcpy(sg->data_date, date, sizeof date);
	return WK_OK;
}

/* Product name in the voice's language; unknown ids are said as words. */
static const char *
product_name(const struct wk_compose *c, const char *id,
    const struct wk_voice *v, char *buf, size_t n)
{
	const char *name = wk_compose_product(c, id, v);
	char *q;

	if (name != NULL)
		return name;
	snprintf(buf, n, "%s", id);
	for (q = buf; *q; q++)
		if (*q == '-')
			*q = ' ';
	return buf;
}

static int
wanted(const struct wk_item *it, const char *product)
{
	size_t i;

	if (it->products == NULL)
		return 1;
	for (i = 0; i < it->nproducts; i++)
		if (strcmp(it->products[i], product) == 0)
			return 1;
	return 0;
}

enum wk_status
wk_market_change(struct wk_history *h, const char *market,
    const char *product, const char *unit, struct wk_date today,
    unsigned days, long long now, long long *pct, int *found,
    struct wk_err *err)
{
	struct wk_date bdate;
	long long base;
	long t = wk_date_days(today);
	enum wk_status st;

	*found = 0;
	/* The latest price at least `days` before the feed's date, looking
	 * back no further than another `days`. */
	if ((st = wk_history_value(h, market, product, unit,
	    wk_date_from_days(t - 2 * (long)days),
	    wk_date_from_days(t - (long)days), &base, &bdate, found,
	    err)) != WK_OK || !*found)
		return st;
	if (base <= 0)
		*found = 0;
	else
		*pct = percent(now, base);
	return WK_OK;
}

/* One product's weekly line; *said 0 when the archive has no base. */
static enum wk_status
trend_line(struct wk_compose *c, struct wk_seg *sg, const struct wk_voice *v,
    const struct wk_prices *f, const struct wk_market *m,
    const struct wk_price *p, unsigned days, const char *period, int *said,
    struct wk_err *err)
{
	struct wk_history *h = wk_feedcache_history(c->feeds);
	const char *keys[] = { "product", "percent", "period" };
	const char *vals[3];
	char name[256], pct[32];
	long long d = 0;
	int found = 0;
	struct wk_err e2;

	*said = 0;
	if (h == NULL)
		return WK_OK;
	if (wk_market_change(h, m->id, p->product, p->unit, f->date, days,
	    p->value, &d, &found, &e2) != WK_OK) {
		if (e2.status == WK_ENOMEM) {
			*err = e2;
			return WK_ENOMEM;
		}
		wk_diag_err(c->d, &e2);
		wk_feedcache_set_history(c->feeds, NULL);
		return WK_OK;
	}
	if (!found)
		return WK_OK;
	snprintf(pct, sizeof pct, "%lld%%", d < 0 ? -d : d);
	vals[0] = product_name(c, p->product, v, name, sizeof name);
	vals[1] = pct;
	vals[2] = period;
	*said = 1;
	return wk_compose_phrase(c, sg, v, d > 0 ? "trends-up" : d < 0
	    ? "trends-down" : "trends-same", keys, vals, 3, err);
}

static enum wk_status
compose_trends(struct wk_compose *c, const struct wk_bulletin *b,
    const struct wk_item *it, struct wk_seg *sg, const struct wk_voice *v,
    struct wk_err *err)
{
	const char *mname = wk_compose_market_name(c, it->market, v,
	    it->market);
	const struct wk_prices *f;
	const struct wk_market *m;
	struct wk_buf period = WK_BUF_INIT;
	const struct wk_price **rest = NULL;
	size_t i, nrest = 0, nsaid = 0;
	enum wk_status st;
	char days[16], why[600];

	if ((st = fresh_feed(c, b, it, sg, v, "no-trends", mname, &f, err))
	    != WK_OK || f == NULL)
		return st;
	if ((m = wk_prices_market(f, it->market)) == NULL) {
		snprintf(why, sizeof why, _("the price feed %s has no market '%s'"),
		    f->path, it->market);
		return wk_compose_fallback(c, b, it, sg, v, "no-trends", "market",
		    mname, why, err);
	}
	if (wk_compose_market_name(c, it->market, v, NULL) == NULL)
		mname = m->name;
	snprintf(days, sizeof days, "%u", it->days);
	{
		const char *k = "days", *val = days;

		wk_template(&period, wk_voice_phrase(v, it->days == 7
		    ? "period-week" : "period-days"), &k, &val, 1);
	}
	if (period.failed || (rest = calloc(m->nprices + 1, sizeof *rest)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	{
		const char *keys[] = { "market", "period" };
		const char *vals[] = { mname, wk_buf_str(&period) };

		if ((st = wk_compose_phrase(c, sg, v, "trends-intro", keys, vals, 2,
		    err)) != WK_OK)
			goto out;
	}
	for (i = 0; i < m->nprices; i++) {
		int said;

		if (!wanted(it, m->prices[i].product))
			continue;
		if (wk_compose_held(c, &m->prices[i])) {
			sg->nheld++;	/* reported when the feed was read */
			continue;
		}
		if ((st = trend_line(c, sg, v, f, m, &m->prices[i], it->days,
		    wk_buf_str(&period), &said, err)) != WK_OK)
			goto out;
		if (said)
			nsaid++;
		else
			rest[nrest++] = &m->prices[i];
	}
	if (nrest > 0) {
		const char *keys[] = { "market", "period", "days" };
		const char *vals[] = { mname, wk_buf_str(&period), days };

		snprintf(why, sizeof why, "%zu", nrest);
		wk_diag(c->d, WK_NOTE, b->path, it->pos.line, it->pos.col,
		    _("segment '%s' (%s): the price history holds less than "
		    "%u days for %s product(s); they are compared with the "
		    "feed's previous price"), sg->id, v->lang, it->days, why);
		wk_compose_note(sg, _("too little history for %s product(s): "
		    "the day's comparison instead"), why);
		if ((st = wk_compose_phrase(c, sg, v, nsaid == 0 ? "trends-short"
		    : "trends-short-some", keys, vals, 3, err)) != WK_OK)
			goto out;
		for (i = 0; i < nrest; i++)
			if ((st = wk_compose_price_line(c, sg, v, m, rest[i],
			    err)) != WK_OK)
				goto out;
	}
	st = WK_OK;
out:
	free(rest);
	wk_buf_free(&period);
	return st;
}

/* The markets that sell product in unit today, cheapest and dearest;
 * prices held back as suspect do not count. */
static int
spread(const struct wk_compose *c, const struct wk_prices *f,
    const char *product, const char *unit, const struct wk_market **lo,
    const struct wk_market **hi, long long *vlo, long long *vhi)
{
	size_t i, j;
	int n = 0;

	for (i = 0; i < f->nmarkets; i++)
		for (j = 0; j < f->markets[i].nprices; j++) {
			const struct wk_price *p = &f->markets[i].prices[j];

			if (strcmp(p->product, product) != 0 ||
			    strcmp(p->unit, unit) != 0 || wk_compose_held(c, p))
				continue;
			if (n == 0 || p->value < *vlo) {
				*lo = &f->markets[i];
				*vlo = p->value;
			}
			if (n == 0 || p->value > *vhi) {
				*hi = &f->markets[i];
				*vhi = p->value;
			}
			n++;
			break;	/* one price per market */
		}
	return n;
}

/* True when product/unit already appeared before market mi, price pj. */
static int
seen(const struct wk_prices *f, size_t mi, size_t pj, const char *product,
    const char *unit)
{
	size_t i, j;

	for (i = 0; i <= mi; i++)
		for (j = 0; j < (i == mi ? pj : f->markets[i].nprices); j++)
			if (strcmp(f->markets[i].prices[j].product, product) == 0 &&
			    strcmp(f->markets[i].prices[j].unit, unit) == 0)
				return 1;
	return 0;
}

static enum wk_status
compare_line(struct wk_compose *c, struct wk_seg *sg, const struct wk_voice *v,
    const struct wk_prices *f, const char *product, const char *unit,
    int *said, struct wk_err *err)
{
	const char *keys[] = { "product", "cheap", "low", "dear", "high", "diff",
	    "price", "count" };
	const char *vals[8];
	const struct wk_market *lo = NULL, *hi = NULL;
	long long vlo = 0, vhi = 0;
	char name[256], low[64], high[64], diff[32], count[16], a[32];
	int n = spread(c, f, product, unit, &lo, &hi, &vlo, &vhi);

	*said = 0;
	if (n < 2)
		return WK_OK;
	*said = 1;
	vals[0] = product_name(c, product, v, name, sizeof name);
	vals[1] = wk_compose_market_name(c, lo->id, v, lo->name);
	money(vlo, a);
	snprintf(low, sizeof low, "%s/%s", a, unit);
	vals[2] = low;
	vals[3] = wk_compose_market_name(c, hi->id, v, hi->name);
	money(vhi, a);
	snprintf(high, sizeof high, "%s/%s", a, unit);
	vals[4] = high;
	money(vhi - vlo, diff);
	vals[5] = diff;
	vals[6] = low;
	snprintf(count, sizeof count, "%d", n);
	vals[7] = count;
	return wk_compose_phrase(c, sg, v, vlo == vhi ? "compare-same"
	    : "compare-line", keys, vals, 8, err);
}

static enum wk_status
compose_compare(struct wk_compose *c, const struct wk_bulletin *b,
    const struct wk_item *it, struct wk_seg *sg, const struct wk_voice *v,
    struct wk_err *err)
{
	const struct wk_prices *f;
	enum wk_status st;
	size_t i, j, k, nsaid = 0;
	int said;

	if ((st = fresh_feed(c, b, it, sg, v, "no-compare", "", &f, err))
	    != WK_OK || f == NULL)
		return st;
	if ((st = wk_compose_phrase(c, sg, v, "compare-intro", NULL, NULL, 0,
	    err)) != WK_OK)
		return st;
	/* Products in the order asked, else in the feed's order. */
	for (k = 0; k < (it->products ? it->nproducts : 1); k++) {
		int any = 0;

		for (i = 0; i < f->nmarkets; i++)
			for (j = 0; j < f->markets[i].nprices; j++) {
				const struct wk_price *p = &f->markets[i].prices[j];

				if (it->products ? strcmp(p->product,
				    it->products[k]) != 0 : 0)
					continue;
				if (seen(f, i, j, p->product, p->unit))
					continue;
				if ((st = compare_line(c, sg, v, f, p->product,
				    p->unit, &said, err)) != WK_OK)
					return st;
				nsaid += said;
				any += said;
			}
		if (it->products != NULL && !any) {
			wk_diag(c->d, WK_NOTE, b->path, it->products_pos.line,
			    it->products_pos.col,
			    _("segment '%s': '%s' is not sold in two markets "
			    "today; it is not compared"), sg->id, it->products[k]);
			wk_compose_note(sg, _("%s: not in two markets today"),
			    it->products[k]);
		}
	}
	if (nsaid == 0)
		return wk_compose_phrase(c, sg, v, "compare-none", NULL, NULL, 0, err);
	return WK_OK;
}

enum wk_status
wk_compose_market(struct wk_compose *c, const struct wk_bulletin *b,
    const struct wk_item *it, struct wk_seg *sg, const struct wk_voice *v,
    struct wk_err *err)
{
	return it->kind == WK_ITEM_TRENDS ? compose_trends(c, b, it, sg, v, err)
	    : compose_compare(c, b, it, sg, v, err);
}
