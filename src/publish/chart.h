#ifndef WK_CHART_H
#define WK_CHART_H
/*
 * Line charts for the report: a series of (date, price in céntimos) drawn
 * as one inline SVG element, with the lowest and highest price and the
 * first and last date written beside it. Nothing outside the element is
 * referred to (no scripts, fonts, links or styles of its own), so the page
 * that holds it works offline; text is escaped.
 */

#include <stddef.h>

#include "base/buf.h"
#include "base/date.h"

struct wk_chart_point {
	struct wk_date date;
	long long value;	/* céntimos, >= 0 */
};

/*
 * Appends to out an <svg class="spark"> of the n points (n >= 1, by date,
 * no two on one date): x by day, so that missing days leave a gap in
 * time, y from the lowest to the highest value (a flat line in the middle
 * when they are equal). label names the chart for screen readers (its
 * aria-label and <title>). Allocation failures are out's (sticky).
 */
void wk_chart_svg(struct wk_buf *out, const struct wk_chart_point *v,
    size_t n, const char *label);

#endif
