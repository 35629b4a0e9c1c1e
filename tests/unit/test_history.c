/*
 * The price history's queries (history.c) on a real SQLite file: a day
 * archived twice keeps one row per price; the value looked up for a window
 * of dates is the latest inside it; listings filter by market, product and
 * dates; an archive made before market names were kept gains the column; a
 * link or a folder others may write into is refused, the link's target
 * untouched. Also the text of spreadsheets (csvtext.c): amounts, dates,
 * name keys and matching, cells quoted in messages and written without
 * formulas.
 */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "base/buf.h"
#include "read/catalog.h"
#include "read/csvtext.h"
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
		m[i].name = i == 0 ? (char *)"Mercado Nery García Zárate" : NULL;
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
	assert_int_equal(wk_history_open(dbpath, 1000, 0, &h, &err), WK_OK);
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
	assert_int_equal(wk_history_open(dbpath, 1000, 0, &h, &err), WK_OK);
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
	assert_int_equal(wk_history_open(path, 100, 0, &h, &err), WK_EINPUT);
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

/* An archive made before market names were kept: the column is added, the
 * old rows have none, new ones have the feed's. */
static int
names(const struct wk_history_row *r, void *arg)
{
	struct wk_buf *b = arg;

	wk_buf_printf(b, "%s=%s;", r->market, r->market_name ? r->market_name
	    : "-");
	return 0;
}

static void
test_migrate(void **state)
{
	char path[700];
	struct wk_history *h = NULL;
	struct wk_history_filter f;
	struct wk_buf b = WK_BUF_INIT;
	struct wk_err err;
	sqlite3 *db;

	(void)state;
	snprintf(path, sizeof path, "%s/old.sqlite", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE price (date TEXT NOT "
	    "NULL, market TEXT NOT NULL, product TEXT NOT NULL, unit TEXT NOT "
	    "NULL, value INTEGER NOT NULL, previous INTEGER, feed TEXT NOT NULL,"
	    " UNIQUE (date, market, product, unit)); INSERT INTO price VALUES "
	    "('2026-10-01', 'santa-clara', 'cuy', 'unidad', 2500, NULL, 'a');",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(wk_history_open(path, 100, 0, &h, &err), WK_OK);
	archive(h, "2026-11-01", 1);
	memset(&f, 0, sizeof f);
	f.product = "papa-amarilla";
	assert_int_equal(wk_history_query(h, &f, names, &b, &err), WK_OK);
	f.product = "cuy";
	assert_int_equal(wk_history_query(h, &f, names, &b, &err), WK_OK);
	assert_string_equal(wk_buf_str(&b), "huanta-central=-;"
	    "nery-garcia=Mercado Nery García Zárate;santa-clara=-;");
	wk_history_close(h);
	wk_buf_free(&b);
	unlink(path);
	snprintf(path, sizeof path, "%s/old.sqlite-wal", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/old.sqlite-shm", dir);
	unlink(path);
}

/* Links where the archive is kept are refused and their targets left as
 * they were; so is a folder others may write into, unless shared. */
static void
test_place(void **state)
{
	static const struct {
		const char *link;	/* made in the folder, to the decoy */
		mode_t mode;
		int shared;
		enum wk_status want;
		const char *says;
	} cases[] = {
		{ "h.sqlite", 0700, 0, WK_EIO, "symbolic link" },
		{ "h.sqlite", 0700, 1, WK_EIO, "symbolic link" },
		{ "h.sqlite-wal", 0700, 0, WK_EIO, "symbolic link" },
		{ "h.sqlite-shm", 0700, 0, WK_EIO, "symbolic link" },
		{ NULL, 0777, 0, WK_EIO, "writable by other users" },
		{ NULL, 0720, 0, WK_EIO, "writable by other users" },
		{ NULL, 0777, 1, WK_OK, NULL },
		{ NULL, 0755, 0, WK_OK, NULL },
	};
	char sub[700], decoy[700], db[800], ln[900];
	size_t i;

	(void)state;
	snprintf(sub, sizeof sub, "%s/place", dir);
	snprintf(decoy, sizeof decoy, "%s/decoy", dir);
	snprintf(db, sizeof db, "%s/h.sqlite", sub);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct wk_history *h = NULL;
		struct wk_err err;
		enum wk_status st;
		char buf[64] = "";
		FILE *f;

		f = fopen(decoy, "w");
		assert_non_null(f);
		fputs("harmless\n", f);
		assert_int_equal(fclose(f), 0);
		assert_true(mkdir(sub, 0700) == 0 || errno == EEXIST);
		assert_int_equal(chmod(sub, cases[i].mode), 0);
		if (cases[i].link != NULL) {
			snprintf(ln, sizeof ln, "%s/%s", sub, cases[i].link);
			assert_int_equal(symlink(decoy, ln), 0);
		}
		memset(&err, 0, sizeof err);
		st = wk_history_open(db, 100, cases[i].shared, &h, &err);
		if (st == WK_OK)
			archive(h, "2026-11-01", 1);
		wk_history_close(h);
		f = fopen(decoy, "r");
		assert_non_null(f);
		assert_non_null(fgets(buf, sizeof buf, f));
		fclose(f);
		if (st != cases[i].want || strcmp(buf, "harmless\n") != 0 ||
		    (cases[i].says && strstr(err.msg, cases[i].says) == NULL))
			fail_msg("case %zu: %s mode %o shared %d: status %d, want "
			    "%d; '%s'; decoy '%s'", i, cases[i].link ?
			    cases[i].link : "-", (unsigned)cases[i].mode,
			    cases[i].shared, st, cases[i].want, err.msg, buf);
		chmod(sub, 0700);
		if (cases[i].link != NULL)
			unlink(ln);
		unlink(db);
		snprintf(ln, sizeof ln, "%s-wal", db);
		unlink(ln);
		snprintf(ln, sizeof ln, "%s-shm", db);
		unlink(ln);
	}
	rmdir(sub);
	unlink(decoy);
}

static void
test_dates(void **state)
{
	static const struct {
		const char *in, *want;	/* NULL: not a date */
	} cases[] = {
		{ "2026-12-08", "2026-12-08" }, { "08/12/2026", "2026-12-08" },
		{ "8/12/2026", "2026-12-08" }, { "8-12-2026", "2026-12-08" },
		{ "08.12.2026", "2026-12-08" }, { "29/02/2028", "2028-02-29" },
		{ "29/02/2026", NULL }, { "12/31/2026", NULL },
		{ "08/12/26", NULL }, { "08/12-2026", NULL }, { "/12/2026", NULL },
		{ "008/12/2026", NULL }, { "08/12/2026 ", NULL }, { "", NULL },
		{ "+8/12/2026", NULL }, { "2026/12/08", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct wk_date d;
		char got[11] = "-";
		int rc = wk_csv_date(cases[i].in, &d);

		if (rc == 0)
			wk_date_format(d, got);
		if ((rc == 0) != (cases[i].want != NULL) ||
		    (rc == 0 && strcmp(got, cases[i].want) != 0))
			fail_msg("'%s': %s, want %s", cases[i].in, got,
			    cases[i].want ? cases[i].want : "not a date");
	}
}

static void
test_keys(void **state)
{
	static const struct {
		const char *in, *key;
	} cases[] = {
		{ "Mercado Nery García Zárate", "mercado-nery-garcia-zarate" },
		{ "  NERY   garcía ", "nery-garcia" },
		{ "Papa_Amarilla", "papa-amarilla" }, { "ÑUÑOA", "nunoa" },
		{ "papa-amarilla", "papa-amarilla" }, { "Çà", "ca" },
		{ "--", "" }, { "", "" }, { "a\x1b[1mb", "a-1mb" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *k = wk_csv_key(cases[i].in);

		assert_non_null(k);
		if (strcmp(k, cases[i].key) != 0)
			fail_msg("'%s': '%s', want '%s'", cases[i].in, k,
			    cases[i].key);
		free(k);
	}
}

static void
test_match(void **state)
{
	static char *n1[] = { "Mercado Central" }, *n2[] = { "Mercado Central" },
	    *n3[] = { "Mercado Nery García Zárate", "Niri Garsiya" },
	    *l1[] = { "es" }, *l3[] = { "es", "qu" };
	static const struct wk_entry v[] = {
		{ "huanta-central", NULL, NULL, l1, n1, 1, NULL },
		{ "tambo-central", NULL, NULL, l1, n2, 1, NULL },
		{ "nery-garcia", NULL, NULL, l3, n3, 2, NULL },
		{ "mercado-central", NULL, NULL, NULL, NULL, 0, NULL },
	};
	static const struct {
		const char *in, *id;	/* NULL: none */
		int ambiguous;
	} cases[] = {
		{ "Nery García", "nery-garcia", 0 },
		{ "NERY-GARCIA", "nery-garcia", 0 },
		{ "niri garsiya", "nery-garcia", 0 },
		{ "mercado nery garcia zarate", "nery-garcia", 0 },
		{ "Mercado Central", "mercado-central", 0 },	/* the id wins */
		{ "Tambo Central", "tambo-central", 0 },
		{ "Pollo", NULL, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int amb = -1;
		const struct wk_entry *e = wk_csv_match(v, 4, cases[i].in, &amb);

		if ((e ? e->id : NULL) != NULL && cases[i].id != NULL &&
		    strcmp(e->id, cases[i].id) == 0 && amb == cases[i].ambiguous)
			continue;
		if (e == NULL && cases[i].id == NULL && amb == cases[i].ambiguous)
			continue;
		fail_msg("'%s': %s (ambiguous %d), want %s", cases[i].in,
		    e ? e->id : "none", amb, cases[i].id ? cases[i].id : "none");
	}
	/* Without the id, two markets named alike: ambiguous. */
	{
		int amb = 0;

		assert_null(wk_csv_match(v, 2, "mercado central", &amb));
		assert_int_equal(amb, 1);
	}
}

/* What a spreadsheet would run as a formula gets an apostrophe; a cell is
 * one line. */
static void
test_cells(void **state)
{
	static const struct {
		const char *in;
		char delim;
		const char *out;
	} cases[] = {
		{ "kg", ',', "kg" }, { "kg", ';', "kg" },
		{ "=HYPERLINK(\"http://x\",\"kg\")", ',',
		    "\"'=HYPERLINK(\"\"http://x\"\",\"\"kg\"\")\"" },
		{ "=1+1", ';', "\"'=1+1\"" }, { "+1", ',', "\"'+1\"" },
		{ "-2", ',', "\"'-2\"" }, { "@SUM(A1)", ';', "\"'@SUM(A1)\"" },
		{ "\tx", ',', "\"' x\"" }, { "\rx", ',', "\"' x\"" },
		{ "=cmd|' /C calc'!A0", ';', "\"'=cmd|' /C calc'!A0\"" },
		{ "a,b", ',', "\"a,b\"" }, { "a;b", ';', "\"a;b\"" },
		{ "a;b", ',', "\"a;b\"" }, { "say \"hi\"", ',',
		    "\"say \"\"hi\"\"\"" }, { "a=b", ',', "a=b" },
		{ "", ',', "" },
		/* A cell is one line: breaks and controls become spaces. */
		{ "line\nbreak", ';', "line break" },
		{ "a\xC2\x85" "b\xE2\x80\xA8" "c\xE2\x80\xA9" "d\x1B[2J", ',',
		    "a b c d [2J" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);

		assert_non_null(f);
		wk_csv_cell(f, cases[i].in, cases[i].delim);
		assert_int_equal(fclose(f), 0);
		if (strcmp(buf, cases[i].out) != 0)
			fail_msg("case %zu: [%s], want [%s]", i, buf, cases[i].out);
		free(buf);
	}
}

/* Cells quoted in messages never carry a control character. */
static void
test_shown(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "papa", "papa" }, { "a\x1b[31mb", "a\\x1b[31mb" },
		{ "x\ny\r\tz", "x\\ny\\r\\tz" }, { "\x7f", "\\x7f" },
		{ "a\xc2\x85" "b", "a\\u0085b" }, { "\xe2\x80\xa8", "\\u2028" },
		{ "\xe2\x80\xae" "abc", "\\u202eabc" }, { "García", "García" },
		{ "0123456789012345678901234567890123456789012345678901234567890123",
		    "012345678901234567890123456789012345678901234567890123456789..." },
	};
	char out[WK_CSV_SHOWN];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (strcmp(wk_csv_shown(cases[i].in, out), cases[i].out) != 0)
			fail_msg("case %zu: [%s], want [%s]", i, out, cases[i].out);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_amounts),
		cmocka_unit_test(test_migrate),
		cmocka_unit_test(test_place),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_shown),
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
