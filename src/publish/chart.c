/*
 * Line charts for the report (chart.h): a polyline in a fixed viewBox,
 * the prices' range at the left, the dates under it, the last point
 * marked. Coordinates are computed in integers and tenths, so no NaN or
 * infinity can reach the markup whatever the series.
 */

#include "base/money.h"
#include "chart.h"

/* The viewBox and the plot area inside it. */
#define W 300
#define H 72
#define LEFT 58		/* the prices' labels */
#define RIGHT 6
#define TOP 8
#define BOTTOM 18	/* the dates' labels */

static void
money(struct wk_buf *o, long long cents)
{
	char m[WK_MONEY_MAX];

	wk_buf_puts(o, wk_money_soles(cents, m));
}

static void
date(struct wk_buf *o, struct wk_date d)
{
	wk_buf_printf(o, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* Tenths of a unit from a*num/den with den > 0, rounded: x and y of a
 * point. */
static long
tenths(long long a, long long num, long long den)
{
	return (long)((20 * a * num + den) / (2 * den));
}

static void
coord(struct wk_buf *o, long t)
{
	wk_buf_printf(o, "%ld.%ld", t / 10, t % 10);
}

void
wk_chart_svg(struct wk_buf *o, const struct wk_chart_point *v, size_t n,
    const char *label)
{
	long long lo, hi, first, span;
	long x = 0, y = 0;
	size_t i;

	if (n == 0)
		return;
	lo = hi = v[0].value;
	for (i = 1; i < n; i++) {
		if (v[i].value < lo)
			lo = v[i].value;
		if (v[i].value > hi)
			hi = v[i].value;
	}
	first = wk_date_days(v[0].date);
	span = wk_date_days(v[n - 1].date) - first;
	wk_buf_printf(o, "<svg class=\"spark\" viewBox=\"0 0 %d %d\" "
	    "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"", W, H, W, H);
	wk_buf_xml(o, label);
	wk_buf_puts(o, "\"><title>");
	wk_buf_xml(o, label);
	wk_buf_printf(o, "</title><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#cbd5e0\"/><polyline fill=\"none\" stroke=\"#2b6cb0\" "
	    "stroke-width=\"1.5\" points=\"", LEFT, H - BOTTOM, W - RIGHT,
	    H - BOTTOM);
	for (i = 0; i < n; i++) {
		long long day = wk_date_days(v[i].date) - first;

		x = 10L * LEFT + (span > 0 ? tenths(W - LEFT - RIGHT, day, span)
		    : 10L * (W - LEFT - RIGHT) / 2);
		y = 10L * TOP + (hi > lo ? tenths(H - TOP - BOTTOM, hi -
		    v[i].value, hi - lo) : 10L * (H - TOP - BOTTOM) / 2);
		if (i > 0)
			wk_buf_putc(o, ' ');
		coord(o, x);
		wk_buf_putc(o, ',');
		coord(o, y);
	}
	wk_buf_puts(o, "\"/><circle r=\"2.5\" fill=\"#2b6cb0\" cx=\"");
	coord(o, x);
	wk_buf_puts(o, "\" cy=\"");
	coord(o, y);
	wk_buf_printf(o, "\"/><text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
	    "class=\"max\">", LEFT - 4, TOP + 8);
	money(o, hi);
	wk_buf_printf(o, "</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
	    "class=\"min\">", LEFT - 4, H - BOTTOM);
	money(o, lo);
	wk_buf_printf(o, "</text><text x=\"%d\" y=\"%d\" class=\"first\">",
	    LEFT, H - 4);
	date(o, v[0].date);
	wk_buf_printf(o, "</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
	    "class=\"last\">", W - RIGHT, H - 4);
	date(o, v[n - 1].date);
	wk_buf_puts(o, "</text></svg>");
}
