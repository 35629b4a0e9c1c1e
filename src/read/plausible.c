/*
 * The plausibility rule for prices (plausible.h): a price against its
 * feed's previous price and the archive's last price for the same market,
 * product and unit, with the station's factor; the likely cause of a
 * suspect one from the ratio of the two figures; and the sentence that
 * check, import and build print about it.
 */

#include <math.h>
#include <string.h>

#include "base/buf.h"
#include "base/money.h"
#include "feed.h"
#include "history.h"
#include "plausible.h"

/* True when ratio q (at least 1) is b within tol (relative). */
static int
near(double q, double b, double tol)
{
	return fabs(q / b - 1.0) <= tol;
}

/* The larger figure over the smaller. */
static double
spread(long long a, long long b)
{
	return a >= b ? (double)a / (double)b : (double)b / (double)a;
}

/* True when value is more than factor above or below ref (both > 0). */
static int
too_far(long long value, long long ref, double factor)
{
	return ref > 0 && value > 0 && spread(value, ref) > factor;
}

enum wk_suspect
wk_plausible(long long value, long long previous, long long archived,
    double factor, struct wk_suspicion *s)
{
	memset(s, 0, sizeof *s);
	s->value = value;
	s->other = -1;
	if (factor <= 1.0)
		factor = WK_PLAUSIBLE_FACTOR;
	if (value <= 0)
		s->kind = WK_PRICE_ZERO;
	else if (too_far(value, previous, factor)) {
		s->kind = WK_PRICE_PREVIOUS;
		s->other = previous;
	} else if (too_far(value, archived, factor)) {
		s->kind = WK_PRICE_ARCHIVE;
		s->other = archived;
	}
	return s->kind;
}

enum wk_status
wk_plausible_price(struct wk_history *h, const struct wk_prices *f,
    const struct wk_market *m, const struct wk_price *p, double factor,
    struct wk_suspicion *s, struct wk_err *err)
{
	long long archived = -1, v;
	struct wk_date when;
	long day = wk_date_days(f->date);
	int found = 0;
	enum wk_status st = WK_OK;

	memset(&when, 0, sizeof when);
	if (p->confirmed) {
		memset(s, 0, sizeof *s);
		s->value = p->value;
		s->other = -1;
		return WK_OK;
	}
	/* The last price before the feed's own date: a day read again
	 * must not be compared with itself. */
	if (h != NULL && p->value > 0) {
		st = wk_history_value(h, m->id, p->product, p->unit,
		    wk_date_from_days(day - WK_PLAUSIBLE_LOOKBACK_DAYS),
		    wk_date_from_days(day - 1), &v, &when, &found, err);
		if (st == WK_OK && found)
			archived = v;
	}
	if (wk_plausible(p->value, p->previous, archived, factor, s) ==
	    WK_PRICE_ARCHIVE)
		s->other_date = when;
	return st;
}

const char *
wk_suspicion_cause(const struct wk_suspicion *s)
{
	static const double decimal[] = { 10, 100, 1000 };
	static const double unit[] = { 11.5, 12, 46, 50 };
	double q;
	size_t i;

	if (s->kind == WK_PRICE_ZERO)
		return _("is the value missing?");
	if (s->kind == WK_PRICE_PLAUSIBLE || s->other <= 0)
		return "";
	q = spread(s->value, s->other);
	for (i = 0; i < sizeof decimal / sizeof decimal[0]; i++)
		if (near(q, decimal[i], 0.1))
			return s->value > s->other
			    ? _("is the decimal point missing?")
			    : _("is the decimal point in the wrong place?");
	for (i = 0; i < sizeof unit / sizeof unit[0]; i++)
		if (near(q, unit[i], 0.04))
			return _("is it the price of another unit (docena, "
			    "arroba, quintal, saco)?");
	return _("is the figure right?");
}

void
wk_suspicion_describe(const struct wk_suspicion *s, const char *market,
    const char *product, const char *unit, struct wk_buf *out)
{
	char a[WK_MONEY_MAX], b[WK_MONEY_MAX], date[11];
	double q;

	wk_money_soles(s->value, a);
	if (s->kind == WK_PRICE_ZERO) {
		wk_buf_printf(out, _("suspect price: '%s' per %s in market '%s' "
		    "is %s; %s"), product, unit, market, a, wk_suspicion_cause(s));
		return;
	}
	if (s->kind == WK_PRICE_PLAUSIBLE || s->other <= 0)
		return;
	wk_money_soles(s->other, b);
	q = spread(s->value, s->other);
	if (s->kind == WK_PRICE_PREVIOUS)
		wk_buf_printf(out, _("suspect price: '%s' per %s in market '%s' "
		    "is %s against its previous price, %s"), product, unit,
		    market, a, b);
	else {
		wk_date_format(s->other_date, date);
		wk_buf_printf(out, _("suspect price: '%s' per %s in market '%s' "
		    "is %s against %s in the archive on %s"), product, unit,
		    market, a, b, date);
	}
	wk_buf_puts(out, ", ");
	wk_buf_printf(out, s->value > s->other ? _("%.*f times as much")
	    : _("%.*f times less"), q >= 10 ? 0 : 1, q);
	wk_buf_printf(out, "; %s", wk_suspicion_cause(s));
}
