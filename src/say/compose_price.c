/*
 * Composes a price segment: a market's prices from the day's feed, read
 * as an announcer reads them. With the voice's style (style.xml) the
 * market is introduced once with its town (unless its name says it), the
 * date only if nothing before said it, the reference of the changes once,
 * prices grouped by unit with the unit said once per group, and unchanged
 * prices folded after them, grouped by unit and price, each price said
 * ("Sin cambios, por kilo: papa huayro y olluco, a dos soles con cuarenta
 * céntimos"). Without a style, one price a line with the voice's
 * templates. Prices held back as suspect (read/plausible.h) are left out.
 * Lines are written as an editor would type them ("S/ 2.50") and
 * verbalized like any text.
 */

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/money.h"
#include "read/catalog.h"
#include "compose_priv.h"
#include "read/feed.h"
#include "read/station.h"
#include "verbal.h"
#include "read/voice.h"

static void
money(long long cents, char out[WK_MONEY_MAX])
{
	wk_money_soles(cents, out);
}

/* Keeps what the report shows of a price. */
static enum wk_status
remember(struct wk_seg *sg, const struct wk_market *m,
    const struct wk_price *p, struct wk_err *err)
{
	struct wk_price_note *pn;

	pn = realloc(sg->prices, (sg->nprices + 1) * sizeof *pn);
	if (pn == NULL)
		return wk_err_nomem(err);
	sg->prices = pn;
	pn += sg->nprices++;
	pn->product = strdup(p->product);
	pn->market = strdup(m->id);
	pn->value = p->value;
	pn->previous = p->previous;
	return pn->product && pn->market ? WK_OK : wk_err_nomem(err);
}

/* The spoken name of a product: the catalogue's, else its id with
 * spaces (papa-rosada -> papa rosada). Malloc'd. */
static char *
product_name(struct wk_compose *c, const struct wk_voice *v, const char *id)
{
	const char *n = wk_compose_name(c->cat->products, c->cat->nproducts,
	    id, v, NULL);
	char *s, *q;

	if (n != NULL)
		return strdup(n);
	if ((s = strdup(id)) != NULL)
		for (q = s; *q; q++)
			if (*q == '-')
				*q = ' ';
	return s;
}

/* One price a line, with the voice's templates (a voice without style). */
static enum wk_status
price_line(struct wk_compose *c, struct wk_seg *sg, const struct wk_voice *v,
    const struct wk_market *m, const struct wk_price *p, struct wk_err *err)
{
	const char *keys[] = { "product", "price", "trend", "diff" };
	const char *vals[4];
	char amount[32], diff[32];
	struct wk_buf price = WK_BUF_INIT, trend = WK_BUF_INIT;
	enum wk_status st;
	char *pname;

	if ((pname = product_name(c, v, p->product)) == NULL)
		return wk_err_nomem(err);
	vals[0] = pname;
	money(p->value, amount);
	wk_buf_printf(&price, "%s/%s", amount, p->unit);
	vals[1] = wk_buf_str(&price);
	if (p->previous >= 0) {
		const char *dk = "diff";

		money(p->value > p->previous ? p->value - p->previous
		    : p->previous - p->value, diff);
		vals[3] = diff;
		wk_template(&trend, wk_voice_phrase(v, p->value > p->previous
		    ? "trend-up" : p->value < p->previous ? "trend-down"
		    : "trend-same"), &dk, &vals[3], 1);
	}
	vals[2] = wk_buf_str(&trend);
	st = wk_compose_phrase(c, sg, v, p->previous >= 0 ? "price-line-trend"
	    : "price-line", keys, vals, 3, err);
	wk_buf_free(&price);
	wk_buf_free(&trend);
	free(pname);
	return st != WK_OK ? st : remember(sg, m, p, err);
}

enum wk_status
wk_compose_price_line(struct wk_compose *c, struct wk_seg *sg,
    const struct wk_voice *v, const struct wk_market *m,
    const struct wk_price *p, struct wk_err *err)
{
	return price_line(c, sg, v, m, p, err);
}

/* Lower-case copy of the verbalized s, for comparing names. */
static char *
folded(const struct wk_voice *v, const char *s)
{
	struct wk_buf b = WK_BUF_INIT;
	char *q;

	wk_verbalize(v, s, &b);
	if ((q = wk_buf_steal(&b)) == NULL)
		return NULL;
	for (char *p = q; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return q;
}

/* True when the market's name already says its town (Mercado Central de
 * Huanta; Wanta llaqtapa hatun), as the voice would say both. */
static int
names_town(const struct wk_voice *v, const char *market, const char *town)
{
	char *fm = folded(v, market), *ft = folded(v, town);
	int r = fm && ft && *ft && strstr(fm, ft) != NULL;

	free(fm);
	free(ft);
	return r;
}

/* Expands the style's frame id (a rotating variant) into out; 0 when the
 * style has no such frame (then out is untouched). */
static int
frame(struct wk_compose *c, const struct wk_voice *v,
    const struct wk_style *s, struct wk_cstate *cs, const char *id,
    const char *const *keys, const char *const *vals, size_t n,
    struct wk_buf *out)
{
	const char *t = wk_style_pick(s, id, cs->pin, &cs->rotor);

	if (t != NULL)
		wk_compose_template(c, v, out, t, keys, vals, n);
	return t != NULL;
}

static enum wk_status
say_buf(struct wk_seg *sg, const struct wk_voice *v, struct wk_buf *b,
    struct wk_err *err)
{
	enum wk_status st = b->failed ? wk_err_nomem(err)
	    : wk_compose_speak(sg, v, wk_buf_str(b), err);

	wk_buf_free(b);
	return st;
}

static enum wk_status
intro(struct wk_compose *c, struct wk_seg *sg, const struct wk_voice *v,
    const struct wk_style *s, struct wk_cstate *cs, const char *mname,
    const char *town, struct wk_err *err)
{
	const char *keys[] = { "market", "town", "date" };
	const char *vals[3];
	struct wk_buf t = WK_BUF_INIT, line = WK_BUF_INIT;
	char today[11];

	wk_date_format(c->date, today);
	if (town != NULL && *town != '\0' && !names_town(v, mname, town))
		frame(c, v, s, cs, "town", &keys[1], &town, 1, &t);
	vals[0] = mname;
	vals[1] = wk_buf_str(&t);
	vals[2] = today;
	frame(c, v, s, cs, cs->date_said ? "market-intro" : "market-intro-date",
	    keys, vals, 3, &line);
	cs->date_said = 1;
	wk_buf_free(&t);
	return say_buf(sg, v, &line, err);
}

/* The catalogue family of a product, or "" (then it sorts last). */
static const char *
family(struct wk_compose *c, const char *id)
{
	const struct wk_entry *e = wk_entry_find(c->cat->products,
	    c->cat->nproducts, id);

	return e && e->family ? e->family : "";
}

/* Rank of a product's family: the order in which the catalogue first
 * lists a product of that family. */
static size_t
family_rank(struct wk_compose *c, const char *id)
{
	const char *f = family(c, id);
	size_t i;

	if (*f == '\0')
		return (size_t)-1;
	for (i = 0; i < c->cat->nproducts; i++)
		if (c->cat->products[i].family &&
		    strcmp(c->cat->products[i].family, f) == 0)
			return i;
	return (size_t)-1;
}

/* The priced items of one unit, max_items a line. */
static enum wk_status
unit_lines(struct wk_compose *c, struct wk_seg *sg, const struct wk_voice *v,
    const struct wk_style *s, struct wk_cstate *cs,
    const struct wk_price **items, size_t n, const char *ref,
    struct wk_err *err)
{
	const struct wk_unit *u = wk_voice_unit(v, items[0]->unit);
	const char *keys[] = { "product", "price", "diff", "unit", "items" };
	size_t i, k;
	enum wk_status st = WK_OK;

	for (i = 0; i < n && st == WK_OK; i += s->max_items) {
		struct wk_buf list = WK_BUF_INIT, line = WK_BUF_INIT;
		const char *vals[5];

		for (k = i; k < n && k < i + s->max_items; k++) {
			const struct wk_price *p = items[k];
			char amount[32], diff[32];
			char *pname = product_name(c, v, p->product);

			money(p->value, amount);
			money(p->value > p->previous ? p->value - p->previous
			    : p->previous - p->value, diff);
			vals[0] = pname ? pname : "";
			vals[1] = amount;
			vals[2] = diff;
			if (k > i)
				wk_buf_puts(&list, s->item_sep);
			frame(c, v, s, cs, p->previous < 0 ? "item" : p->value >
			    p->previous ? "item-up" : "item-down", keys, vals,
			    3, &list);
			free(pname);
			if (pname == NULL)
				list.failed = 1;
		}
		vals[3] = u->one;
		vals[4] = wk_buf_str(&list);
		if (ref != NULL && i == 0)
			wk_buf_printf(&line, "%s ", ref);
		frame(c, v, s, cs, i == 0 ? "group-first" : "group-more", keys,
		    vals, 5, &line);
		if (list.failed)
			line.failed = 1;
		wk_buf_free(&list);
		st = say_buf(sg, v, &line, err);
	}
	return st;
}

int
wk_price_same_order(const struct wk_price **ps, size_t n)
{
	size_t *unit, *price, i, j;

	if (n < 2)
		return 0;
	unit = calloc(n, sizeof *unit);
	price = calloc(n, sizeof *price);
	if (unit == NULL || price == NULL) {
		free(unit);
		free(price);
		return -1;
	}
	/* Each price's unit and price by where they first appear. */
	for (i = 0; i < n; i++) {
		for (j = 0; j < i && strcmp(ps[j]->unit, ps[i]->unit) != 0; j++)
			;
		unit[i] = j;
		for (j = 0; j < i && (unit[j] != unit[i] ||
		    ps[j]->value != ps[i]->value); j++)
			;
		price[i] = j;
	}
	/* Stable insertion sort by (unit, price). */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && (unit[j - 1] > unit[j] ||
		    (unit[j - 1] == unit[j] && price[j - 1] > price[j])); j--) {
			const struct wk_price *t = ps[j];
			size_t tu = unit[j], tp = price[j];

			ps[j] = ps[j - 1];
			unit[j] = unit[j - 1];
			price[j] = price[j - 1];
			ps[j - 1] = t;
			unit[j - 1] = tu;
			price[j - 1] = tp;
		}
	free(unit);
	free(price);
	return 0;
}

/* The products of ps[0..n) (all at one price) as one list of names: each
 * through the style's "same-name" frame when several share the price
 * (Quechua joins them with -wan), with its list separators. */
static void
same_names(struct wk_compose *c, const struct wk_voice *v,
    const struct wk_style *s, struct wk_cstate *cs,
    const struct wk_price **ps, size_t n, struct wk_buf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *pn = product_name(c, v, ps[i]->product);
		const char *key = "name";

		if (i > 0)
			wk_buf_puts(out, i + 1 == n ? s->name_last : s->name_sep);
		if (pn == NULL)
			out->failed = 1;
		else if (n < 2 || !frame(c, v, s, cs, "same-name", &key,
		    (const char *const *)&pn, 1, out))
			wk_buf_puts(out, pn);
		free(pn);
	}
}

/*
 * The unchanged prices, said with their prices: a line per unit (the
 * style's "unchanged" frame, "unchanged-more" for the next units), its
 * items grouped by price ("same-item" for one product, "same-items" for
 * several), at most max_items prices a line. ref, when not NULL, opens
 * the first line. Frames a style lacks fall back to "unchanged", to
 * "same-item", then to "item".
 */
static enum wk_status
unchanged_lines(struct wk_compose *c, struct wk_seg *sg,
    const struct wk_voice *v, const struct wk_style *s, struct wk_cstate *cs,
    const struct wk_price **same, size_t ns, const char *ref,
    struct wk_err *err)
{
	const char *keys[] = { "names", "price", "unit", "items", "product" };
	size_t i = 0, j, k, nline = 0;
	enum wk_status st = WK_OK;

	if (wk_price_same_order(same, ns) != 0)
		return wk_err_nomem(err);
	while (i < ns && st == WK_OK) {
		const struct wk_unit *u = wk_voice_unit(v, same[i]->unit);
		struct wk_buf items = WK_BUF_INIT, line = WK_BUF_INIT;
		const char *vals[5] = { "", "", "", "", "" };
		size_t nitems = 0;

		/* The prices of one unit, up to max_items of them. */
		for (j = i; j < ns && strcmp(same[j]->unit, same[i]->unit) == 0 &&
		    nitems < s->max_items; j = k, nitems++) {
			struct wk_buf names = WK_BUF_INIT;
			char amount[WK_MONEY_MAX];

			for (k = j; k < ns && strcmp(same[k]->unit, same[j]->unit)
			    == 0 && same[k]->value == same[j]->value; k++)
				;
			same_names(c, v, s, cs, same + j, k - j, &names);
			money(same[j]->value, amount);
			vals[0] = vals[4] = wk_buf_str(&names);
			vals[1] = amount;
			if (nitems > 0)
				wk_buf_puts(&items, s->item_sep);
			if ((k - j < 2 || !frame(c, v, s, cs, "same-items", keys,
			    vals, 5, &items)) && !frame(c, v, s, cs, "same-item",
			    keys, vals, 5, &items))
				frame(c, v, s, cs, "item", keys, vals, 5, &items);
			if (names.failed)
				items.failed = 1;
			wk_buf_free(&names);
		}
		vals[2] = u != NULL ? u->one : same[i]->unit;
		vals[3] = wk_buf_str(&items);
		if (ref != NULL && nline == 0)
			wk_buf_printf(&line, "%s ", ref);
		if (nline == 0 || !frame(c, v, s, cs, "unchanged-more", keys,
		    vals, 5, &line))
			frame(c, v, s, cs, "unchanged", keys, vals, 5, &line);
		if (items.failed)
			line.failed = 1;
		wk_buf_free(&items);
		st = say_buf(sg, v, &line, err);
		nline++;
		i = j;
	}
	return st;
}

/* The prices said with a style: grouped, folded, reference once. */
static enum wk_status
styled(struct wk_compose *c, struct wk_seg *sg, const struct wk_voice *v,
    const struct wk_style *s, struct wk_cstate *cs,
    const struct wk_market *m, const struct wk_price **ps, size_t n,
    struct wk_err *err)
{
	const struct wk_price **grp = NULL, **same = NULL;
	struct wk_buf rb = WK_BUF_INIT;
	const char *ref = NULL;
	size_t i, j, k, ng, ns = 0, nsaid = 0;
	enum wk_status st = WK_OK;
	char *done = NULL;

	grp = calloc(n + 1, sizeof *grp);
	same = calloc(n + 1, sizeof *same);
	done = calloc(n + 1, 1);
	if (grp == NULL || same == NULL || done == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (ps[i]->previous >= 0 && ref == NULL) {
			frame(c, v, s, cs, "reference", NULL, NULL, 0, &rb);
			ref = wk_buf_str(&rb);
		}
		if (ps[i]->previous >= 0 && ps[i]->previous == ps[i]->value) {
			same[ns++] = ps[i];
			done[i] = 1;
		}
	}
	/* Units in the order the feed first gives them. */
	for (i = 0; i < n && st == WK_OK; i++) {
		if (done[i])
			continue;
		for (ng = 0, j = i; j < n; j++)
			if (!done[j] && strcmp(ps[j]->unit, ps[i]->unit) == 0) {
				grp[ng++] = ps[j];
				done[j] = 1;
			}
		if (s->by_family)	/* stable: insertion sort by family */
			for (j = 1; j < ng; j++)
				for (k = j; k > 0 && family_rank(c, grp[k - 1]->product) >
				    family_rank(c, grp[k]->product); k--) {
					const struct wk_price *t = grp[k];

					grp[k] = grp[k - 1];
					grp[k - 1] = t;
				}
		st = unit_lines(c, sg, v, s, cs, grp, ng, nsaid == 0 ? ref : NULL,
		    err);
		nsaid += ng;
	}
	if (st == WK_OK && ns > 0)
		st = unchanged_lines(c, sg, v, s, cs, same, ns, nsaid == 0 ? ref
		    : NULL, err);
	for (i = 0; i < n && st == WK_OK; i++)
		st = remember(sg, m, ps[i], err);
out:
	wk_buf_free(&rb);
	free(grp);
	free(same);
	free(done);
	return st;
}

/* Adds p to the prices to say, unless it is held back as suspect (its
 * warning was given when the feed was read) or the voice lacks its
 * unit. */
static void
take(struct wk_compose *c, struct wk_seg *sg, const struct wk_voice *v,
    const struct wk_price *p, const struct wk_price **ps, size_t *n)
{
	if (wk_compose_held(c, p)) {
		wk_compose_note(sg, _("suspect price of %s left out"), p->product);
		sg->nheld++;
		return;
	}
	if (wk_voice_unit(v, p->unit) == NULL) {
		wk_diag(c->d, WK_ERROR, NULL, 0, 0,
		    _("%s: the %s voice has no unit '%s'; the price of '%s' "
		    "is left out (add the unit to voices/%s/voice.xml)"),
		    sg->id, v->lang, p->unit, p->product, v->lang);
		wk_compose_note(sg, "%s",
		    _("a price with an unknown unit was left out"));
		return;
	}
	ps[(*n)++] = p;
}

enum wk_status
wk_compose_prices(struct wk_compose *c, const struct wk_bulletin *b,
    const struct wk_item *it, struct wk_seg *sg, const struct wk_voice *v,
    struct wk_cstate *cs, struct wk_err *err)
{
	const char *mname = wk_compose_name(c->cat->markets, c->cat->nmarkets,
	    it->market, v, it->market);
	const struct wk_entry *me = wk_entry_find(c->cat->markets,
	    c->cat->nmarkets, it->market);
	const struct wk_style *style = wk_compose_style(c, v);
	const struct wk_market *m;
	const struct wk_price **ps = NULL;
	struct wk_cached *f;
	char *path, why[600], date[11];
	const char *town;
	long age;
	size_t i, j, n = 0;
	enum wk_status st = WK_OK;

	if ((path = wk_feed_path(c, it->feed)) == NULL)
		return wk_err_nomem(err);
	f = wk_compose_feed(c, path, WK_FEED_PRICES, err);
	free(path);
	if (f == NULL)
		return WK_ENOMEM;
	if (f->prices == NULL) {
		snprintf(why, sizeof why, _("the price feed %s cannot be used"),
		    f->path);
		return wk_compose_fallback(c, b, it, sg, v, "no-prices", "market",
		    mname, why, err);
	}
	wk_date_format(f->prices->date, date);
	age = wk_date_days(c->date) - wk_date_days(f->prices->date);
	if (age < 0 || age > b->max_age_days) {
		snprintf(why, sizeof why, age < 0
		    ? _("the price feed %s is dated %s, after the broadcast date")
		    : _("the price feed %s is dated %s, too old for today"),
		    f->path, date);
		return wk_compose_fallback(c, b, it, sg, v, "no-prices", "market",
		    mname, why, err);
	}
	if ((m = wk_prices_market(f->prices, it->market)) == NULL) {
		snprintf(why, sizeof why, _("the price feed %s has no market '%s'"),
		    f->path, it->market);
		return wk_compose_fallback(c, b, it, sg, v, "no-prices", "market",
		    mname, why, err);
	}
	memcpy(sg->data_date, date, sizeof date);
	if (me == NULL)
		mname = m->name;
	town = me && me->town ? me->town : m->town ? m->town : "";
	if ((ps = calloc(m->nprices + 1, sizeof *ps)) == NULL)
		return wk_err_nomem(err);
	if (it->products == NULL)
		for (i = 0; i < m->nprices; i++)
			take(c, sg, v, &m->prices[i], ps, &n);
	for (j = 0; it->products != NULL && j < it->nproducts; j++) {
		int found = 0;

		for (i = 0; i < m->nprices; i++)
			if (strcmp(m->prices[i].product, it->products[j]) == 0) {
				found = 1;
				take(c, sg, v, &m->prices[i], ps, &n);
			}
		if (!found) {
			wk_diag(c->d, WK_WARNING, b->path, it->products_pos.line,
			    it->products_pos.col,
			    _("segment '%s': market '%s' has no price for '%s' "
			    "today; that line is left out"), sg->id, m->id,
			    it->products[j]);
			wk_compose_note(sg, _("no price today for %s"),
			    it->products[j]);
			sg->fallback = 1;
		}
	}
	if (n == 0) {
		/* Nothing left to say of this market today. */
		free(ps);
		snprintf(why, sizeof why, _("no price of market '%s' in %s can "
		    "be said today"), m->id, f->path);
		return wk_compose_fallback(c, b, it, sg, v, "no-prices", "market",
		    mname, why, err);
	}
	if (style != NULL) {
		st = intro(c, sg, v, style, cs, mname, town, err);
		if (st == WK_OK)
			st = styled(c, sg, v, style, cs, m, ps, n, err);
	} else {
		const char *keys[] = { "market", "town", "date" };
		char today[11];
		const char *vals[3];

		wk_date_format(c->date, today);
		vals[0] = mname;
		vals[1] = town;
		vals[2] = today;
		st = wk_compose_phrase(c, sg, v, "market-intro", keys, vals, 3,
		    err);
		cs->date_said = 1;
		for (i = 0; i < n && st == WK_OK; i++)
			st = price_line(c, sg, v, m, ps[i], err);
	}
	free(ps);
	return st;
}
