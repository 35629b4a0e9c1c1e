/*
 * The price history's queries (history.c) on a real SQLite file: a day
 * archived twice keeps one row per price; the value looked up for a window
 * of dates is the latest inside it; listings filter by market, product and
 * dates. Also the amounts a spreadsheet writes (csvimport.c).
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "read/csvimport.h"
#include "read/feed.h"
#include "read/history.h"

static char dir[] = "/tmp/wk-test-history-XXXXXX";
static char dbpath[600];

/* One feed: day, then (market, product, unit, value) per price. */
static void
archive(struct wk_history *h, const char *day, long long scale)
{
	static const char *const markets[] = { "nery-garcia", "huanta-central" };
	static const char *const products[] = { "papa-amarilla", "quinua" };
	struct wk_price pr[2][2];
	struct wk_market m[2];
	struct wk_prices p;
	struct wk_err err;
	size_t i, j;

	memset(&p, 0, sizeof p);
	memset(m, 0, sizeof m);
	memset(pr, 0, sizeof pr);
	assert_int_equal(wk_date_parse(day, &p.date), 0);
	p.path = (char *)day;
	p.markets = m;
	p.nmarkets = 2;
	for (i = 0; i < 2; i++) {
		m[i].id = (char *)markets[i];
		m[i].prices = pr[i];
		m[i].nprices = 2;
		for (j = 0; j < 2; j++) {
			pr[i][j].product = (char *)products[j];
			pr[i][j].unit = (char *)"kg";
			pr[i][j].value = scale * (long long)(100 + 10 * i + j);
			pr[i][j].previous = j == 0 ? -1 : 5;
		}
	}
	assert_int_equal(wk_history_archive(h, &p, &err), WK_OK);
}

static int
count(const struct wk_history_row *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

static void
test_value(void **state)
{
	static const struct {
		const char *market, *product, *from, *to;
		int found;
		const char *date;
		long long value;
	} cases[] = {
		/* The latest inside the window. */
		{ "nery-garcia", "papa-amarilla", "2026-11-01", "2026-11-30", 1,
		    "2026-11-15", 300 },
		{ "nery-garcia", "papa-amarilla", "2026-11-01", "2026-11-08", 1,
		    "2026-11-08", 200 },
		{ "huanta-central", "quinua", "2026-11-02", "2026-11-07", 0,
		    NULL, 0 },
		{ "nery-garcia", "papa-amarilla", "2026-11-09", "2026-11-14", 0,
		    NULL, 0 },
		{ "nery-garcia", "tarwi", "2026-11-01", "2026-11-30", 0, NULL, 0 },
		{ "santa-clara", "quinua", "2026-11-01", "2026-11-30", 0, NULL, 0 },
		{ "huanta-central", "quinua", "2026-11-01", "2026-11-01", 1,
		    "2026-11-01", 111 },
	};
	struct wk_history *h;
	struct wk_err err;
	size_t i;

	(void)state;
	assert_int_equal(wk_history_open(dbpath, 1000, &h, &err), WK_OK);
	archive(h, "2026-11-01", 1);
	archive(h, "2026-11-08", 2);
	archive(h, "2026-11-15", 9);
	archive(h, "2026-11-15", 3);	/* the same day again: replaces */
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct wk_date from, to, d = { 0, 0, 0 };
		long long v = -7;
		int found = -1;
		char got[11] = "";

		wk_date_parse(cases[i].from, &from);
		wk_date_parse(cases[i].to, &to);
		assert_int_equal(wk_history_value(h, cases[i].market,
		    cases[i].product, "kg", from, to, &v, &d, &found, &err), WK_OK);
		if (found)
			wk_date_format(d, got);
		if (found != cases[i].found || (found && (v != cases[i].value ||
		    strcmp(got, cases[i].date) != 0)))
			fail_msg("case %zu: %s %s %s..%s: found %d %s %lld, want "
			    "%d %s %lld", i, cases[i].market, cases[i].product,
			    cases[i].from, cases[i].to, found, got, v,
			    cases[i].found, cases[i].date ? cases[i].date : "-",
			    cases[i].value);
	}
	wk_history_close(h);
}

static void
test_query(void **state)
{
	static const struct {
		const char *market, *product, *from, *to;
		int n;
	} cases[] = {
		{ NULL, NULL, NULL, NULL, 12 },		/* 3 days x 4, no duplicate */
		{ "nery-garcia", NULL, NULL, NULL, 6 },
		{ NULL, "quinua", NULL, NULL, 6 },
		{ "huanta-central", "quinua", NULL, NULL, 3 },
		{ NULL, NULL, "2026-11-08", NULL, 8 },
		{ NULL, NULL, NULL, "2026-11-08", 8 },
		{ NULL, NULL, "2026-11-02", "2026-11-14", 4 },
		{ "santa-clara", NULL, NULL, NULL, 0 },
	};
	struct wk_history *h;
	struct wk_err err;
	size_t i;

	(void)state;
	assert_int_equal(wk_history_open(dbpath, 1000, &h, &err), WK_OK);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct wk_history_filter f;
		int n = 0;

		memset(&f, 0, sizeof f);
		f.market = cases[i].market;
		f.product = cases[i].product;
		if (cases[i].from != NULL)
			f.has_from = wk_date_parse(cases[i].from, &f.from) == 0;
		if (cases[i].to != NULL)
			f.has_to = wk_date_parse(cases[i].to, &f.to) == 0;
		assert_int_equal(wk_history_query(h, &f, count, &n, &err), WK_OK);
		if (n != cases[i].n)
			fail_msg("case %zu: %d rows, want %d", i, n, cases[i].n);
	}
	wk_history_close(h);
}

static void
test_damaged(void **state)
{
	char path[700];
	struct wk_history *h = NULL;
	struct wk_err err;
	FILE *f;
	int k;

	(void)state;
	snprintf(path, sizeof path, "%s/damaged.sqlite", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	for (k = 0; k < 200; k++)
		fputs("not a database at all ", f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(wk_history_open(path, 100, &h, &err), WK_EINPUT);
	assert_null(h);
	assert_non_null(strstr(err.msg, "damaged"));
	assert_string_equal(err.file, path);
	unlink(path);
}

static void
test_amounts(void **state)
{
	static const struct {
		const char *in;
		long long cents;
	} cases[] = {
		{ "2.50", 250 }, { "2,50", 250 }, { "2,5", 250 }, { "25", 2500 },
		{ "S/ 3.20", 320 }, { "S/.3,20", 320 }, { "1.234,50", 123450 },
		{ "1,234.50", 123450 }, { "1,250", 125000 }, { "1.250", 125000 },
		{ " 7 ", 700 }, { "", -1 }, { "abc", -1 }, { "2.505", 250500 }, { "2.5055", -1 },
		{ "-2", -1 }, { "2.50 kg", -1 }, { "1,23,4", -1 },
		{ "99999999", -1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long long got = wk_csv_amount(cases[i].in);

		if (got != cases[i].cents)
			fail_msg("'%s': %lld, want %lld", cases[i].in, got,
			    cases[i].cents);
	}
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_amounts),
	};
	int rc;
	char wal[700];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(dbpath, sizeof dbpath, "%s/history.sqlite", dir);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(dbpath);
	snprintf(wal, sizeof wal, "%s-wal", dbpath);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", dbpath);
	unlink(wal);
	rmdir(dir);
	return rc;
}
