/*
 * The report's line charts (chart.c): a table of series and what their SVG
 * must hold: one polyline point per price, inside the plot area, no NaN or
 * infinity whatever the series (one point, a flat line, a gap of days,
 * large prices), the lowest and highest price and the first and last date
 * written, the label escaped, nothing that refers outside the element.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "publish/chart.h"

#define MAXP 8

struct chart_case {
	const char *name;
	const char *label;
	size_t n;
	struct { const char *date; long long value; } p[MAXP];
	const char *min, *max, *first, *last;	/* the labels' text */
	const char *label_xml;			/* the label as written */
};

static const struct chart_case cases[] = {
	{ "one point", "Papa", 1, { { "2026-11-29", 250 } },
	    "S/ 2.50", "S/ 2.50", "2026-11-29", "2026-11-29", "Papa" },
	{ "two points", "Quinua", 2, { { "2026-11-28", 800 },
	    { "2026-11-29", 815 } },
	    "S/ 8.00", "S/ 8.15", "2026-11-28", "2026-11-29", "Quinua" },
	{ "flat", "Cuy", 4, { { "2026-11-01", 2200 }, { "2026-11-02", 2200 },
	    { "2026-11-03", 2200 }, { "2026-11-04", 2200 } },
	    "S/ 22.00", "S/ 22.00", "2026-11-01", "2026-11-04", "Cuy" },
	{ "gap of days, month end", "Tarwi", 3, { { "2026-10-31", 905 },
	    { "2026-11-01", 5 }, { "2026-11-29", 1999 } },
	    "S/ 0.05", "S/ 19.99", "2026-10-31", "2026-11-29", "Tarwi" },
	{ "large and zero", "Oro", 3, { { "2026-01-01", 0 },
	    { "2026-01-15", 99999999999LL }, { "2026-01-30", 1 } },
	    "S/ 0.00", "S/ 999999999.99", "2026-01-01", "2026-01-30", "Oro" },
	{ "escaped label", "Maíz <\"morado\"> & 'blanco'", 2,
	    { { "2026-11-28", 300 }, { "2026-11-29", 290 } },
	    "S/ 2.90", "S/ 3.00", "2026-11-28", "2026-11-29",
	    "Maíz &lt;&quot;morado&quot;&gt; &amp; &#39;blanco&#39;" },
};

/* The text of the <text class="cls"> element of svg. */
static void
label_of(const char *svg, const char *cls, char *out, size_t n)
{
	char key[64];
	const char *p, *end;

	snprintf(key, sizeof key, "class=\"%s\">", cls);
	p = strstr(svg, key);
	assert_non_null(p);
	p += strlen(key);
	end = strstr(p, "</text>");
	assert_non_null(end);
	assert_true((size_t)(end - p) < n);
	memcpy(out, p, (size_t)(end - p));
	out[end - p] = '\0';
}

static void
check_case(const struct chart_case *c)
{
	struct wk_chart_point v[MAXP];
	struct wk_buf b = WK_BUF_INIT;
	const char *svg, *pts, *end, *q;
	char text[128], *attr;
	size_t i, npts = 0;

	for (i = 0; i < c->n; i++) {
		assert_int_equal(wk_date_parse(c->p[i].date, &v[i].date), 0);
		v[i].value = c->p[i].value;
	}
	wk_chart_svg(&b, v, c->n, c->label);
	assert_false(b.failed);
	svg = wk_buf_str(&b);
	assert_true(strncmp(svg, "<svg class=\"spark\" viewBox=\"0 0 300 72\"",
	    39) == 0);
	assert_non_null(strstr(svg, "</svg>"));
	assert_int_equal(strstr(svg, "</svg>") + 6 - svg, (long)b.len);
	/* Nothing not a number, nothing outside the element. */
	assert_null(strstr(svg, "nan"));
	assert_null(strstr(svg, "inf"));
	assert_null(strstr(svg, "http"));
	assert_null(strstr(svg, "href"));
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "url("));
	/* One point per price, inside the plot area (x 58..294, y 8..54). */
	pts = strstr(svg, "points=\"");
	assert_non_null(pts);
	pts += 8;
	end = strchr(pts, '"');
	attr = strndup(pts, (size_t)(end - pts));
	assert_non_null(attr);
	for (q = strtok(attr, " "); q != NULL; q = strtok(NULL, " ")) {
		double x, y;

		assert_int_equal(sscanf(q, "%lf,%lf", &x, &y), 2);
		assert_true(x >= 58 && x <= 294);
		assert_true(y >= 8 && y <= 54);
		npts++;
	}
	free(attr);
	assert_int_equal(npts, c->n);
	label_of(svg, "min", text, sizeof text);
	assert_string_equal(text, c->min);
	label_of(svg, "max", text, sizeof text);
	assert_string_equal(text, c->max);
	label_of(svg, "first", text, sizeof text);
	assert_string_equal(text, c->first);
	label_of(svg, "last", text, sizeof text);
	assert_string_equal(text, c->last);
	snprintf(text, sizeof text, "aria-label=\"%s\"", c->label_xml);
	assert_non_null(strstr(svg, text));
	snprintf(text, sizeof text, "<title>%s</title>", c->label_xml);
	assert_non_null(strstr(svg, text));
	wk_buf_free(&b);
}

static void
test_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		print_message("chart: %s\n", cases[i].name);
		check_case(&cases[i]);
	}
}

/* The highest price is at the top, the lowest at the bottom, the first
 * date at the left, the last at the right; days apart are apart. */
static void
test_geometry(void **state)
{
	struct wk_chart_point v[3];
	struct wk_buf b = WK_BUF_INIT;

	(void)state;
	assert_int_equal(wk_date_parse("2026-11-01", &v[0].date), 0);
	assert_int_equal(wk_date_parse("2026-11-02", &v[1].date), 0);
	assert_int_equal(wk_date_parse("2026-11-11", &v[2].date), 0);
	v[0].value = 100;
	v[1].value = 300;
	v[2].value = 200;
	wk_chart_svg(&b, v, 3, "x");
	assert_non_null(strstr(wk_buf_str(&b),
	    "points=\"58.0,54.0 81.6,8.0 294.0,31.0\""));
	wk_buf_free(&b);
	wk_chart_svg(&b, v, 0, "x");
	assert_int_equal(b.len, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_geometry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
