/*
 * Hostile neighbours and hostile data (issue 26): the price feed read as a
 * stream (positions on a one-line file, what the schema sees, a name too
 * long to say), text kept on one line (wk_buf_oneline), the one reader of
 * line-based text files (BOM, CR LF, UTF-16, controls), files read back
 * from an output folder only when the running user wrote them, and the
 * report's kept sections as data that cannot carry markup.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/lines.h"
#include "base/safedir.h"
#include "base/text.h"
#include "publish/report_priv.h"
#include "read/feed.h"
#include "read/xmlio.h"

static char dir[] = "/tmp/wk-test-hostile-XXXXXX";

static const char *
write_bytes(const char *name, const char *data, size_t n)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return path;
}

static const char *
write_file(const char *name, const char *text)
{
	return write_bytes(name, text, strlen(text));
}

/* A price feed on one line: each problem at its column, as a tree would
 * have it; the schema sees only what the reader keeps. */
static void
test_stream_positions(void **state)
{
	static const char feed[] =
	    "<prices date=\"2026-11-29\"><market id=\"m\" name=\"M\">"
	    "<price product=\"a\" unit=\"kg\" value=\"1\"/>"
	    "<price product=\"b\" unit=\"kg\" value=\"x\"/>"
	    "<price product=\"a\" unit=\"kg\" value=\"2\"/>"
	    "<price product=\"c\" unit=\"kg\" value=\"3\"><b/></price>"
	    "<prize product=\"d\" unit=\"kg\" value=\"4\"/>"
	    "</market><market id=\"n\" name=\"N\"><price product=\"a\" "
	    "unit=\"kg\" value=\"9\" previous=\"8\"/></market></prices>";
	static const struct { int col; const char *words; } want[] = {
		{ 127, "value=\"x\" is not a price" },
		{ 147, "'a' per kg is priced twice" },
		{ 210, "<price> cannot hold a <b>" },
		{ 222, "unexpected <prize> in <market>" },
	};
	struct wk_prices *p;
	struct wk_diags d;
	struct wk_err err;
	const struct wk_market *m;
	size_t i;

	(void)state;
	wk_diags_init(&d, NULL);
	assert_int_equal(wk_prices_load(write_file("line.xml", feed), &p, &d,
	    &err), WK_OK);
	assert_int_equal(p->nmarkets, 2);
	m = wk_prices_market(p, "m");
	assert_int_equal(m->nprices, 1);
	assert_int_equal(m->pos.line, 1);
	assert_int_equal(m->pos.col, 27);
	assert_int_equal(m->prices[0].value_pos.col, 87);
	m = wk_prices_market(p, "n");
	assert_int_equal(m->prices[0].value, 900);
	assert_int_equal(m->prices[0].previous, 800);
	assert_int_equal(d.n, sizeof want / sizeof want[0]);
	for (i = 0; i < d.n; i++) {
		if (d.v[i].line != 1 || d.v[i].col != want[i].col ||
		    strstr(d.v[i].msg, want[i].words) == NULL)
			fprintf(stderr, "diag %zu: want 1:%d \"%s\", got %d:%d "
			    "\"%s\"\n", i, want[i].col, want[i].words,
			    d.v[i].line, d.v[i].col, d.v[i].msg);
		assert_int_equal(d.v[i].col, want[i].col);
		assert_non_null(strstr(d.v[i].msg, want[i].words));
	}
	wk_prices_free(p);
	wk_diags_free(&d);
}

/* Structure only the schema checks, met in the stream: the file is
 * refused, each problem where it is; a market the reader leaves out is not
 * held against the file. */
static void
test_stream_schema(void **state)
{
	static const struct {
		const char *text;
		enum wk_status st;
		int line, col;
		const char *words;
	} rows[] = {
		{ "<prices date=\"2026-11-29\" foo=\"1\">\n<market id=\"m\" "
		    "name=\"M\"><price product=\"a\" unit=\"kg\" value=\"1\"/>"
		    "</market></prices>", WK_EINPUT, 1, 32, "foo" },
		{ "<prices date=\"2026-11-29\">\n<market id=\"m\" name=\"M\">"
		    "hola<price product=\"a\" unit=\"kg\" value=\"1\"/></market>"
		    "</prices>", WK_EINPUT, 2, 1, "<market> cannot hold text" },
		{ "<prices date=\"2026-11-29\">\n<market id=\"m\" name=\"M\">"
		    "<price product=\"a\" unit=\"kg\" value=\"1\"/></market>\n"
		    "suelto</prices>", WK_EINPUT, 1, 1, "<prices> cannot hold text" },
		{ "<prices date=\"2026-11-29\" xmlns:x=\"urn:x\">\n<x:market "
		    "id=\"m\" name=\"M\"><price product=\"a\" unit=\"kg\" "
		    "value=\"1\"/></x:market></prices>", WK_EINPUT, 2, 1,
		    "<market> is not allowed here" },
		/* Left out by the reader (no price, a bad id): not the
		 * schema's concern, the file loads. */
		{ "<prices date=\"2026-11-29\">\n<market id=\"m\" name=\"M\">"
		    "text<price product=\"a\" unit=\"kg\" value=\"x\"/></market>"
		    "<market id=\"M\" name=\"M\">text</market></prices>", WK_OK,
		    2, 0, NULL },
		{ "<prices date=\"2026-11-29\"/>", WK_OK, 0, 0, NULL },
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct wk_prices *p;
		struct wk_diags d;
		struct wk_err err;
		enum wk_status st;
		int found = rows[i].words == NULL;

		wk_diags_init(&d, NULL);
		st = wk_prices_load(write_file("s.xml", rows[i].text), &p, &d,
		    &err);
		for (k = 0; k < d.n && !found; k++)
			found = d.v[k].line == rows[i].line &&
			    d.v[k].col == rows[i].col &&
			    strstr(d.v[k].msg, rows[i].words) != NULL;
		if (st != rows[i].st || !found) {
			fprintf(stderr, "row %zu: want %d with %d:%d \"%s\", got "
			    "%d\n", i, rows[i].st, rows[i].line, rows[i].col,
			    rows[i].words ? rows[i].words : "", st);
			for (k = 0; k < d.n; k++)
				fprintf(stderr, "  %d:%d %s\n", d.v[k].line,
				    d.v[k].col, d.v[k].msg);
			fail();
		}
		wk_prices_free(p);
		wk_diags_free(&d);
	}
}

/* Thousands of markets and prices: the tables grow as the stream goes. */
static void
test_stream_many(void **state)
{
	struct wk_buf b = WK_BUF_INIT;
	struct wk_prices *p;
	struct wk_diags d;
	struct wk_err err;
	size_t i, j;

	(void)state;
	wk_buf_puts(&b, "<prices date=\"2026-11-29\">\n");
	for (i = 0; i < 300; i++) {
		wk_buf_printf(&b, "<market id=\"m%zu\" name=\"M\">\n", i);
		for (j = 0; j < 40; j++)
			wk_buf_printf(&b, "<price product=\"p%zu\" unit=\"kg\" "
			    "value=\"%zu.%02zu\"/>\n", j, i, j);
		wk_buf_puts(&b, "</market>\n");
	}
	wk_buf_puts(&b, "<market id=\"m7\" name=\"twin\"><price product=\"x\" "
	    "unit=\"kg\" value=\"1\"/></market>\n</prices>\n");
	assert_false(b.failed);
	wk_diags_init(&d, NULL);
	assert_int_equal(wk_prices_load(write_file("many.xml", wk_buf_str(&b)),
	    &p, &d, &err), WK_OK);
	assert_int_equal(p->nmarkets, 300);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "market 'm7' appears twice (also "
	    "at line 296)"));
	assert_int_equal(wk_prices_market(p, "m299")->nprices, 40);
	assert_int_equal(wk_prices_market(p, "m299")->prices[39].value, 29939);
	assert_int_equal(wk_prices_market(p, "m123")->prices[5].pos.line,
	    123 * 42 + 8);
	wk_prices_free(p);
	wk_diags_free(&d);
	wk_buf_free(&b);
}

/* What is said on the air from a feed has a bounded length, counted in
 * characters: the element is left out, the rest read. */
static void
test_spoken_lengths(void **state)
{
	struct wk_buf b = WK_BUF_INIT, name = WK_BUF_INIT;
	struct wk_prices *p;
	struct wk_news *n;
	struct wk_diags d;
	struct wk_err err;
	size_t i;

	(void)state;
	/* 100 characters of two bytes each pass; 101 do not. */
	for (i = 0; i < WK_FEED_NAME_MAX; i++)
		wk_buf_puts(&name, "\xC3\xB1");
	wk_buf_printf(&b, "<prices date=\"2026-11-29\">\n"
	    "<market id=\"a\" name=\"%s\"><price product=\"x\" unit=\"kg\" "
	    "value=\"1\"/></market>\n"
	    "<market id=\"b\" name=\"%sn\"><price product=\"x\" unit=\"kg\" "
	    "value=\"1\"/></market>\n"
	    "<market id=\"c\" name=\"C\" town=\"%s\"><price product=\"x\" "
	    "unit=\"kg\" value=\"1\"/></market>\n"
	    "<market id=\"d\" name=\"D\"><price product=\"x\" unit=\"%s\" "
	    "value=\"1\"/><price product=\"y\" unit=\"kg\" value=\"2\"/>"
	    "</market>\n</prices>\n", wk_buf_str(&name), wk_buf_str(&name),
	    wk_buf_str(&name), wk_buf_str(&name));
	wk_diags_init(&d, NULL);
	assert_int_equal(wk_prices_load(write_file("len.xml", wk_buf_str(&b)),
	    &p, &d, &err), WK_OK);
	assert_non_null(wk_prices_market(p, "a"));
	assert_null(wk_prices_market(p, "b"));
	assert_null(wk_prices_market(p, "c"));
	assert_int_equal(wk_prices_market(p, "d")->nprices, 1);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.v[0].line, 3);
	assert_non_null(strstr(d.v[0].msg, "is 101 characters long: a market's "
	    "name is said on the air and may have at most 100"));
	assert_non_null(strstr(d.v[1].msg, "a town is said"));
	assert_non_null(strstr(d.v[2].msg, "a unit is said"));
	assert_non_null(strstr(d.v[2].msg, "this price is left out"));
	wk_prices_free(p);
	wk_diags_free(&d);

	wk_buf_clear(&b);
	wk_buf_puts(&b, "<news date=\"2026-11-29\">\n<item id=\"a\" network=\"agro\" "
	    "date=\"2026-11-29\"><headline xml:lang=\"es\">");
	for (i = 0; i < WK_FEED_HEADLINE_MAX + 1; i++)
		wk_buf_putc(&b, 'a' + (char)(i % 26));
	wk_buf_puts(&b, "</headline></item>\n<item id=\"b\" network=\"agro\" "
	    "date=\"2026-11-29\"><text xml:lang=\"es\">");
	for (i = 0; i < WK_FEED_TEXT_MAX / 5 + 1; i++)
		wk_buf_puts(&b, "uno. ");
	wk_buf_puts(&b, "</text></item>\n<item id=\"c\" network=\"agro\" "
	    "date=\"2026-11-29\"><headline xml:lang=\"es\">Corta</headline>"
	    "</item>\n</news>\n");
	wk_diags_init(&d, NULL);
	assert_int_equal(wk_news_load(write_file("n.xml", wk_buf_str(&b)), &n,
	    &d, &err), WK_OK);
	assert_int_equal(n->nitems, 1);
	assert_string_equal(n->items[0].id, "c");
	assert_int_equal(d.n, 2);
	assert_non_null(strstr(d.v[0].msg, "<headline> is 301 characters"));
	assert_non_null(strstr(d.v[1].msg, "<text> is 3004 characters"));
	wk_news_free(n);
	wk_diags_free(&d);

	/* RSS: the same bounds. */
	wk_buf_clear(&b);
	wk_buf_puts(&b, "<rss version=\"2.0\"><channel><title>t</title>\n<item>"
	    "<title>Corta</title></item>\n<item><title>Larga</title>"
	    "<description>");
	for (i = 0; i < WK_FEED_TEXT_MAX / 5 + 1; i++)
		wk_buf_puts(&b, "dos. ");
	wk_buf_puts(&b, "</description></item>\n</channel></rss>\n");
	wk_diags_init(&d, NULL);
	assert_int_equal(wk_news_load(write_file("r.xml", wk_buf_str(&b)), &n,
	    &d, &err), WK_OK);
	assert_int_equal(n->nitems, 1);
	assert_string_equal(n->items[0].texts[0].headline, "Corta");
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 3);
	assert_non_null(strstr(d.v[0].msg, "the item's text is"));
	wk_news_free(n);
	wk_diags_free(&d);
	wk_buf_free(&b);
	wk_buf_free(&name);
}

/* Every character some reader takes for a line break, or that steers a
 * line, becomes a space; the rest stays. */
static void
test_oneline(void **state)
{
	static const struct { const char *in, *out; } rows[] = {
		{ "plain text, ñandú", "plain text, ñandú" },
		{ "a\nb", "a b" }, { "a\rb", "a b" }, { "a\r\nb", "a  b" },
		{ "a\vb\fc", "a b c" }, { "a\tb", "a b" },
		{ "a\xC2\x85" "b", "a b" },		/* NEL */
		{ "a\xE2\x80\xA8" "b", "a b" },		/* LS */
		{ "a\xE2\x80\xA9" "b", "a b" },		/* PS */
		{ "a\xC2\x9B" "b", "a b" },		/* C1 CSI */
		{ "a\x1b[31mb", "a [31mb" },		/* ESC */
		{ "a\x7f" "b", "a b" },			/* DEL */
		{ "a\xE2\x80\xAE" "b", "a b" },		/* RLO */
		{ "a\xE2\x81\xA6" "b", "a b" },		/* LRI */
		{ "a\xff" "b", "a\xEF\xBF\xBD" "b" },	/* not UTF-8 */
		{ "a\xE2\x80" , "a\xEF\xBF\xBD\xEF\xBF\xBD" },
		{ "\xEF\xBF\xBD", "\xEF\xBF\xBD" },
		{ "", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct wk_buf b = WK_BUF_INIT;

		wk_buf_oneline(&b, rows[i].in);
		if (strcmp(wk_buf_str(&b), rows[i].out) != 0) {
			fprintf(stderr, "row %zu: got \"%s\"\n", i, wk_buf_str(&b));
			fail();
		}
		wk_buf_free(&b);
	}
}

/* The line reader: what an editor on any system saves. */
static void
test_lines(void **state)
{
	static const struct {
		const char *text;
		size_t len;
		const char *lines;	/* each line, then '|' */
		int err_line, err_col;
		const char *words;
	} rows[] = {
		{ "\xEF\xBB\xBF" "uno = 1\ndos = 2\n", 0, "uno = 1|dos = 2|", 0, 0, NULL },
		{ "uno = 1\r\ndos = 2\r\n", 0, "uno = 1|dos = 2|", 0, 0, NULL },
		{ "uno\rdos\r\rtres", 0, "uno|dos||tres|", 0, 0, NULL },
		{ "\xEF\xBB\xBF" "a\r\n\r\nb", 0, "a||b|", 0, 0, NULL },
		{ "", 0, "", 0, 0, NULL },
		{ "\xEF\xBB\xBF", 0, "|", 0, 0, NULL },
		{ "\xFF\xFEu\0n\0o\0", 8, "", 1, 1, "UTF-16" },
		{ "uno\ndos\xff\n", 0, "uno|", 2, 4, "not valid UTF-8" },
		{ "uno\nd\x0cos\n", 0, "uno|", 2, 2, "control character (U+000C)" },
		{ "uno\nd\xE2\x80\xA8os\n", 0, "uno|", 2, 2, "U+2028" },
		{ "a\0b\n", 4, "", 1, 2, "NUL" },
		{ "a\tb\n", 0, "a\tb|", 0, 0, NULL },
		{ "0123456789abcdefg\n", 0, "", 1, 17, "line too long (over 16 bytes)" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct wk_buf got = WK_BUF_INIT;
		struct wk_lines l;
		struct wk_err err;
		enum wk_status st;
		char *line;
		const char *path = write_bytes("l.txt", rows[i].text,
		    rows[i].len ? rows[i].len : strlen(rows[i].text));

		memset(&err, 0, sizeof err);
		assert_int_equal(wk_lines_open(&l, path, 16, NULL, &err), WK_OK);
		while ((st = wk_lines_next(&l, &line, &err)) == WK_OK &&
		    line != NULL) {
			wk_buf_puts(&got, line);
			wk_buf_putc(&got, '|');
		}
		wk_lines_close(&l);
		if (strcmp(wk_buf_str(&got), rows[i].lines) != 0 ||
		    (rows[i].words == NULL) != (st == WK_OK) ||
		    (rows[i].words != NULL && (err.line != rows[i].err_line ||
		    err.col != rows[i].err_col ||
		    strstr(err.msg, rows[i].words) == NULL))) {
			fprintf(stderr, "row %zu: lines \"%s\", status %d at %d:%d "
			    "\"%s\"\n", i, wk_buf_str(&got), st, err.line, err.col,
			    err.msg);
			fail();
		}
		wk_buf_free(&got);
	}
	/* A missing file is the caller's to accept; a folder never is. */
	{
		struct wk_lines l;
		struct wk_err err;
		char path[600];
		int missing;

		snprintf(path, sizeof path, "%s/none.txt", dir);
		assert_int_equal(wk_lines_open(&l, path, 16, &missing, &err),
		    WK_OK);
		assert_int_equal(missing, 1);
		assert_int_equal(wk_lines_open(&l, path, 16, NULL, &err),
		    WK_EINPUT);
		assert_int_equal(wk_lines_open(&l, dir, 16, &missing, &err),
		    WK_EINPUT);
		assert_non_null(strstr(err.msg, "not a regular file"));
	}
}

/* A file read back from a folder others may write is willakuy's only:
 * not a link, not a FIFO, the running user's, one name. */
static void
test_safe_read(void **state)
{
	char path[600], other[600];
	int dfd, fd;
	size_t len;
	char *text;

	(void)state;
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_true(dfd >= 0);
	write_file("ours.txt", "ours\n");
	fd = wk_safe_open_read(dfd, "ours.txt");
	assert_true(fd >= 0);
	close(fd);
	text = wk_safe_slurp(dfd, "ours.txt", 100, &len);
	assert_non_null(text);
	assert_int_equal(len, 5);
	free(text);
	assert_null(wk_safe_slurp(dfd, "ours.txt", 4, &len));
	assert_int_equal(errno, EFBIG);

	assert_int_equal(symlinkat("/etc/passwd", dfd, "link.txt"), 0);
	assert_int_equal(wk_safe_open_read(dfd, "link.txt"), -1);
	assert_int_equal(errno, ELOOP);

	snprintf(path, sizeof path, "%s/ours.txt", dir);
	snprintf(other, sizeof other, "%s/hard.txt", dir);
	assert_int_equal(link(path, other), 0);
	assert_int_equal(wk_safe_open_read(dfd, "hard.txt"), -1);
	assert_int_equal(errno, EMLINK);
	fd = wk_safe_open_own(dfd, "hard.txt", 2);
	assert_true(fd >= 0);
	close(fd);

	assert_int_equal(mkfifoat(dfd, "fifo", 0600), 0);
	assert_int_equal(wk_safe_open_read(dfd, "fifo"), -1);
	assert_int_equal(errno, EINVAL);

	assert_int_equal(mkdirat(dfd, "day", 0755), 0);
	write_file("day/x.mp3", "x");
	fd = wk_safe_open_path(dfd, "day/x.mp3", 1);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(symlinkat("day", dfd, "daylink"), 0);
	assert_int_equal(wk_safe_open_path(dfd, "daylink/x.mp3", 1), -1);

	/* Another user's file (root can make one). */
	if (geteuid() == 0) {
		write_file("theirs.txt", "<script>\n");
		assert_int_equal(fchownat(dfd, "theirs.txt", 65534, 65534, 0), 0);
		assert_int_equal(wk_safe_open_read(dfd, "theirs.txt"), -1);
		assert_int_equal(errno, EPERM);
	}
	close(dfd);
}

/* A kept section goes to data and back unchanged; a file that is not one
 * (cut short, a key it has not, a broken escape, a number that is not one)
 * is refused. */
static void
test_kept_sections(void **state)
{
	struct wk_price_note pn = { (char *)"Papa <b>", (char *)"m\"x", 250, -1 };
	char *pids[] = { (char *)"papa" };
	struct rseg sg = { (char *)"a", (char *)"Nombre", (char *)"x/01-a.mp3",
	    (char *)"nota\tcon \\ barra", (char *)"línea 1\nlínea 2\x01",
	    "2026-11-29", "precios.xml", 0, 12.5, -23.0, -1.5, 1, 500, 1000,
	    0, &pn, pids, 1 };
	struct entry e = { (char *)"b-es", (char *)"Título <script>",
	    (char *)"es", NULL, &sg, 1, 750 };
	static const char *const bad[] = {
		"willakuy-report-section 1\ntitle t\nlang es\n",
		"willakuy-report-section 2\ntitle t\nlang es\nend\n",
		"willakuy-report-section 1\ntitle t\nlang es\nhtml <b>\nend\n",
		"willakuy-report-section 1\ntitle t\\q\nlang es\nend\n",
		"willakuy-report-section 1\ntitle t\\x00\nlang es\nend\n",
		"willakuy-report-section 1\ntitle t\nlang es\nseg a\nfile f\n"
		    "transcript t\nduration nan\nend\n",
		"willakuy-report-section 1\ntitle t\nlang es\nseg a\nfile f\n"
		    "transcript t\ndate 2026-02-30\nend\n",
		"willakuy-report-section 1\ntitle t\ntitle u\nlang es\nend\n",
		"willakuy-report-section 1\ntitle t\nlang es\nend\nseg a\n",
		"willakuy-report-section 1\nlang es\nend\n",
		"willakuy-report-section 1\ntitle t\nlang es\nseg a\nfile f\n"
		    "transcript t\nprice m\nvalue -5\nend\n",
	};
	struct wk_buf b = WK_BUF_INIT;
	struct entry back;
	size_t i;

	(void)state;
	wk_report_keep_put(&e, &b);
	assert_false(b.failed);
	assert_null(strstr(wk_buf_str(&b), "\x01"));
	assert_int_equal(wk_report_keep_get(wk_buf_str(&b), "b-es", &back), 0);
	assert_int_equal(back.pause_ms, 750);
	assert_string_equal(back.name, "b-es");
	assert_string_equal(back.title, e.title);
	assert_null(back.error);
	assert_int_equal(back.nsegs, 1);
	assert_string_equal(back.segs[0].transcript, sg.transcript);
	assert_string_equal(back.segs[0].note, sg.note);
	assert_string_equal(back.segs[0].data_date, "2026-11-29");
	assert_true(back.segs[0].duration_s == 12.5);
	assert_true(back.segs[0].peak_db == -1.5);
	assert_int_equal(back.segs[0].spoken_ms, 1000);
	assert_int_equal(back.segs[0].nprices, 1);
	assert_string_equal(back.segs[0].prices[0].market, "m\"x");
	assert_string_equal(back.segs[0].pids[0], "papa");
	assert_int_equal(back.segs[0].prices[0].value, 250);
	assert_int_equal(back.segs[0].prices[0].previous, -1);
	wk_report_entry_clear(&back);
	wk_buf_free(&b);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (wk_report_keep_get(bad[i], "b-es", &back) != -1) {
			fprintf(stderr, "bad %zu was read\n", i);
			wk_report_entry_clear(&back);
			fail();
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stream_positions),
		cmocka_unit_test(test_stream_schema),
		cmocka_unit_test(test_stream_many),
		cmocka_unit_test(test_spoken_lengths),
		cmocka_unit_test(test_oneline),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_safe_read),
		cmocka_unit_test(test_kept_sections),
	};
	struct wk_err err;
	int rc;

	if (mkdtemp(dir) == NULL || wk_xml_init(&err) != WK_OK)
		return 1;
	rc = cmocka_run_group_tests_name("hostile", tests, NULL, NULL);
	{
		char cmd[600];

		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			rc = 1;
	}
	wk_xml_cleanup();
	return rc;
}
