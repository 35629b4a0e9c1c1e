/*
 * The readers: price and news feeds (ours, RSS, Atom), bulletins and
 * station files. Valid files give the right values; each broken file in the
 * table gives its error at the expected line and column with the expected
 * words.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "read/bulletin.h"
#include "base/err.h"
#include "read/feed.h"
#include "read/rss.h"
#include "read/station.h"
#include "read/xmlio.h"

static char dir[] = "/tmp/wk-test-feed-XXXXXX";

static const char *
write_file(const char *name, const char *text)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void
test_prices_ok(void **state)
{
	struct wk_prices *p;
	struct wk_diags d;
	struct wk_err err;
	const struct wk_market *m;

	(void)state;
	wk_diags_init(&d, stderr);
	assert_int_equal(wk_prices_load("examples/feeds/precios-2026-11-29.xml",
	    &p, &d, &err), WK_OK);
	assert_int_equal(p->date.y, 2026);
	assert_int_equal(p->date.d, 29);
	assert_int_equal(p->nmarkets, 3);
	m = wk_prices_market(p, "nery-garcia");
	assert_non_null(m);
	assert_string_equal(m->prices[0].product, "papa-amarilla");
	assert_int_equal(m->prices[0].value, 250);
	assert_int_equal(m->prices[0].previous, 230);
	assert_int_equal(m->prices[0].product_pos.line, 5);
	assert_int_equal(m->prices[0].product_pos.col, 21);
	m = wk_prices_market(p, "huanta-central");
	assert_non_null(m);
	assert_null(wk_prices_market(p, "lima"));
	wk_prices_free(p);
	wk_diags_free(&d);
}

static void
test_amounts(void **state)
{
	static const struct {
		const char *in;
		long long cents;
	} rows[] = {
		{ "2.50", 250 }, { "25", 2500 }, { "0.5", 50 }, { "0.05", 5 },
		{ "9999999.99", 999999999 }, { "10000000", -1 }, { "-1", -1 },
		{ "1e30", -1 }, { "NaN", -1 }, { "2.505", -1 }, { "2.", -1 },
		{ ".5", -1 }, { "", -1 }, { "1,50", -1 }, { " 2", -1 },
		{ "100000000000000000000", -1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (wk_parse_amount(rows[i].in) != rows[i].cents) {
			fprintf(stderr, "\"%s\": want %lld got %lld\n", rows[i].in,
			    rows[i].cents, wk_parse_amount(rows[i].in));
			fail();
		}
}

/* Broken files: what, where and which words. */
static const struct bad {
	const char *kind;	/* prices, news, bulletin, station */
	const char *text;
	int line, col;
	const char *words;
} bads[] = {
	{ "prices", "", 1, 1, "the file is empty" },
	{ "prices", "\x01\x02garbage\xff", 1, 1, "not well-formed" },
	{ "prices", "<prices date=\"2026-11-29\">\n<market id=\"m\" name=\"M\">\n"
	    "<price product=\"cuy\" unit=\"kg\" value=\"1\"/>\n", 4, 0, "not well-formed" },
	{ "prices", "<?xml version=\"1.0\" encoding=\"X-NO-SUCH-CODE\"?>\n<prices date=\"2026-11-29\"/>",
	    1, 1, "which this system cannot convert" },
	{ "prices", "<prices date=\"2026-11-29\">\n<market id=\"m\" name=\"Mercado \xe1\"/></prices>",
	    2, 0, "not well-formed" },
	{ "prices", "<prices date=\"2026-02-30\"/>", 1, 15, "is not a date" },
	{ "prices", "<prices/>", 1, 1, "needs a non-empty date" },
	{ "prices", "<news date=\"2026-11-29\"/>", 1, 1, "not a price feed" },
	{ "prices", "<prices date=\"2026-11-29\" currency=\"USD\"><market id=\"m\" name=\"M\">"
	    "<price product=\"cuy\" unit=\"kg\" value=\"1\"/></market></prices>", 1, 37, "must be in soles" },
	{ "prices", "<prices date=\"2026-11-29\">\n  <market id=\"m\" name=\"M\">\n"
	    "    <price product=\"cuy\" unit=\"kg\" value=\"-3\"/>\n  </market>\n</prices>",
	    3, 43, "not a price in soles" },
	{ "prices", "<prices date=\"2026-11-29\">\n  <market id=\"m\" name=\"M\">\n"
	    "    <price product=\"cuy\" unit=\"kg\" value=\"NaN\"/>\n  </market>\n</prices>",
	    3, 43, "not a price in soles" },
	{ "prices", "<prices date=\"2026-11-29\">\n  <market id=\"m\" name=\"M\">\n"
	    "    <price product=\"cuy\" unit=\"kg\" value=\"1\" previous=\"1000000000000000000000000000000\"/>\n"
	    "  </market>\n</prices>", 3, 56, "previous=" },
	{ "prices", "<prices date=\"2026-11-29\">\n  <market id=\"m\" name=\"M\">\n"
	    "    <price product=\"cuy\" unit=\"kg\" value=\"1\"/>\n"
	    "    <price product=\"cuy\" unit=\"kg\" value=\"2\"/>\n  </market>\n</prices>",
	    4, 21, "priced twice" },
	{ "prices", "<prices date=\"2026-11-29\">\n  <market id=\"m\" name=\"M\"><price product=\"cuy\" unit=\"kg\" value=\"1\"/></market>\n"
	    "  <market id=\"m\" name=\"N\"><price product=\"cuy\" unit=\"kg\" value=\"2\"/></market>\n</prices>",
	    3, 15, "market 'm' appears twice (also at line 2)" },
	{ "news", "<news date=\"2026-11-29\">\n  <item id=\"a\" network=\"agro\" date=\"2026-11-29\">"
	    "<headline xml:lang=\"es\">x</headline></item>\n  <item id=\"b\" network=\"agro\" date=\"2026-11-29\">"
	    "<headline xml:lang=\"es\">y</headline></item>\n  <item id=\"a\" network=\"agro\" date=\"2026-11-29\">"
	    "<headline xml:lang=\"es\">z</headline></item>\n</news>", 4, 13, "item 'a' appears twice (also at line 2)" },
	{ "prices", "<prices date=\"2026-11-29\">\n  <market id=\"m\" name=\"M\">\n"
	    "    <precio product=\"cuy\"/>\n  </market>\n</prices>", 3, 5, "unexpected <precio>" },
	{ "prices", "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n"
	    "<prices date=\"2026-11-29\">&lol2;</prices>", 1, 0, "DOCTYPE is not allowed" },
	{ "news", "<news date=\"2026-11-29\">\n  <item id=\"a\" network=\"agro\" date=\"2026-11-29\">\n"
	    "    <headline>Sin idioma</headline>\n  </item>\n</news>", 3, 5, "needs xml:lang" },
	{ "news", "<news date=\"2026-11-29\">\n  <item id=\"a\" network=\"agro\" date=\"2026-11-29\" "
	    "expires=\"2026-11-01\">\n    <headline xml:lang=\"es\">x</headline>\n  </item>\n</news>",
	    2, 58, "expires before its own date" },
	{ "news", "<news date=\"2026-11-29\">\n  <item id=\"a\" date=\"2026-11-29\">\n"
	    "    <headline xml:lang=\"es\">x</headline>\n  </item>\n</news>", 2, 3, "needs a non-empty network" },
	{ "news", "<html><body/></html>", 1, 1, "not a news feed" },
	{ "news", "<rss version=\"2.0\"/>", 1, 1, "needs a <channel>" },
	{ "bulletin", "<bulletin id=\"b\" languages=\"es\">\n  <segment id=\"a\"/>\n</bulletin>",
	    2, 3, "the segment is empty" },
	{ "bulletin", "<bulletin id=\"B!\" languages=\"es\"/>", 1, 15, "not valid" },
	{ "bulletin", "<bulletin id=\"b\" languages=\"es\">\n  <segment id=\"a\">\n"
	    "    <pause ms=\"fast\"/>\n  </segment>\n</bulletin>", 3, 16, "whole number" },
	{ "bulletin", "<bulletin id=\"b\" languages=\"es\">\n  <segment id=\"a\">\n"
	    "    <say xml:lang=\"es\"></say>\n  </segment>\n</bulletin>", 3, 5, "<say> is empty" },
	{ "bulletin", "<bulletin id=\"b\" languages=\"es\">\n  <segment id=\"a\">\n"
	    "    <news feed=\"n.xml\" untranslated=\"never\"/>\n  </segment>\n</bulletin>", 3, 38,
	    "untranslated=\"never\"" },
	{ "bulletin", "<bulletin id=\"b\" languages=\"es es\">\n  <segment id=\"a\">\n"
	    "    <pause ms=\"1\"/>\n  </segment>\n</bulletin>", 1, 29, "listed twice" },
	{ "bulletin", "<bulletin id=\"b\" languages=\"es\">\n  <segment id=\"a\"><pause ms=\"1\"/></segment>\n"
	    "  <segment id=\"a\"><pause ms=\"1\"/></segment>\n</bulletin>", 3, 16, "appears twice" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <audio rate=\"11025\"/>\n</station>", 2, 16,
	    "rate must be 44100 or 48000" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <audio loudness=\"-3\"/>\n</station>", 2, 20,
	    "from -40 to -9" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <latest on-failure=\"clip\"/>\n</station>", 2, 3,
	    "needs clip=\"FILE\"" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <latest on-failure=\"keep\"/>\n</station>", 2, 23,
	    "on-failure must be \"remove\"" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <latest on-failure=\"clip\" clip=\"\"/>\n</station>",
	    2, 35, "names no file" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <notify command=\"\"/>\n</station>", 2, 20,
	    "command" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <notify command=\"x\" timeout=\"0\"/>\n</station>", 2, 32,
	    "from 1 to 3600" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <retention days=\"-1\"/>\n</station>", 2, 20,
	    "from 0 to 36500" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <audio formats=\"opus\"/>\n</station>", 2, 0,
	    "must include \"mp3\"" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <audio formats=\"mp3 aac\"/>\n</station>", 2, 0,
	    "'aac' is not a format" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <audio formats=\"mp3 opus\" opus-kbps=\"64\"/>\n</station>",
	    2, 0, "from 24 to 32" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <publish base-url=\"ftp://x/\"/>\n</station>", 2, 0,
	    "http:// or https://" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <publish time=\"6:00\"/>\n</station>", 2, 0,
	    "HH:MM" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <publish email=\"prensa at radio\"/>\n</station>",
	    2, 0, "is not an e-mail address" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <publish artwork=\"\"/>\n</station>", 2, 0,
	    "PNG or JPEG" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <publish podcast=\"maybe\"/>\n</station>", 2, 0,
	    "podcast must be" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <rivendell>\n    <cart bulletin=\"b\" lang=\"es\"/>\n"
	    "  </rivendell>\n</station>", 3, 0, "needs number=" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <rivendell>\n    <cart bulletin=\"b\" lang=\"es\" "
	    "number=\"1000000\"/>\n  </rivendell>\n</station>", 3, 0, "from 1 to 999999" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <rivendell>\n    <cart bulletin=\"b\" lang=\"es\" "
	    "number=\"1\"/>\n    <cart bulletin=\"b\" lang=\"es\" number=\"2\"/>\n  </rivendell>\n</station>",
	    4, 0, "a second cart" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <hook timeout=\"5\"/>\n</station>", 2, 0,
	    "command" },
	{ "station", "<station id=\"s\" name=\"S\">\n  <hook command=\"x\" timeout=\"0\"/>\n</station>", 2, 0,
	    "from 1 to 3600" },
};

/* The playout settings read back: formats, base URL, time, carts, hook. */
static void
test_station_playout(void **state)
{
	const char *path = write_file("st.xml",
	    "<station id=\"s\" name=\"S\">\n"
	    "  <audio formats=\"mp3 opus\" opus-kbps=\"24\"/>\n"
	    "  <publish base-url=\"https://radio.example/willakuy\" time=\"05:45\"\n"
	    "    artwork=\"arte/logo.png\" email=\"prensa@radio.example\"/>\n"
	    "  <rivendell group=\"NEWS\">\n"
	    "    <cart bulletin=\"precios\" lang=\"es\" number=\"50001\"/>\n"
	    "    <cart bulletin=\"precios\" lang=\"qu\" number=\"50002\"/>\n"
	    "  </rivendell>\n"
	    "  <hook command=\"rdimport NEWS $WILLAKUY_MP3\" timeout=\"90\"/>\n"
	    "</station>\n");
	struct wk_station *s, *def;
	struct wk_diags d;
	struct wk_err err;

	(void)state;
	wk_diags_init(&d, NULL);
	assert_int_equal(wk_station_load(path, &s, &d, &err), WK_OK);
	assert_int_equal(s->opus, 1);
	assert_int_equal(s->opus_kbps, 24);
	assert_string_equal(s->base_url, "https://radio.example/willakuy/");
	assert_string_equal(s->time, "05:45");
	assert_non_null(strstr(s->artwork_file, "/arte/logo.png"));
	assert_null(s->artwork_url);
	assert_string_equal(s->email, "prensa@radio.example");
	assert_int_equal(s->podcast, 1);
	assert_int_equal(s->rivendell, 1);
	assert_string_equal(s->rivendell_group, "NEWS");
	assert_int_equal(wk_station_cart(s, "precios", "qu"), 50002);
	assert_int_equal(wk_station_cart(s, "precios", "es"), 50001);
	assert_int_equal(wk_station_cart(s, "noticias", "es"), 0);
	assert_string_equal(s->hook_command, "rdimport NEWS $WILLAKUY_MP3");
	assert_int_equal(s->hook_timeout_s, 90);
	path = write_file("st2.xml", "<station id=\"s\" name=\"S\"/>\n");
	assert_int_equal(wk_station_load(path, &def, &d, &err), WK_OK);
	assert_int_equal(def->opus, 0);
	assert_null(def->base_url);
	assert_string_equal(def->time, "06:00");
	assert_null(def->hook_command);
	assert_null(def->artwork_file);
	assert_null(def->email);
	assert_int_equal(def->hook_timeout_s, 60);
	wk_station_free(s);
	wk_station_free(def);
	wk_diags_free(&d);
}

static void
test_bad_files(void **state)
{
	size_t i, failed = 0;

	(void)state;
	for (i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		const struct bad *b = &bads[i];
		const char *path = write_file("bad.xml", b->text);
		struct wk_diags d;
		struct wk_err err;
		enum wk_status st;

		memset(&err, 0, sizeof err);
		wk_diags_init(&d, NULL);
		if (strcmp(b->kind, "prices") == 0) {
			struct wk_prices *p;

			st = wk_prices_load(path, &p, &d, &err);
			wk_prices_free(p);
		} else if (strcmp(b->kind, "news") == 0) {
			struct wk_news *n;

			st = wk_news_load(path, &n, &d, &err);
			wk_news_free(n);
		} else if (strcmp(b->kind, "bulletin") == 0) {
			struct wk_bulletin *bl;

			st = wk_bulletin_load(path, &bl, &d, &err);
			wk_bulletin_free(bl);
		} else {
			struct wk_station *s;

			st = wk_station_load(path, &s, &d, &err);
			wk_station_free(s);
		}
		/* A problem inside one element leaves it out: the file loads,
		 * and the problem is an error diagnostic instead. */
		if (st == WK_OK && d.n > 0 && d.v[0].sev == WK_ERROR &&
		    strstr(d.v[0].msg, "left out") != NULL) {
			err.line = d.v[0].line;
			err.col = d.v[0].col;
			snprintf(err.msg, sizeof err.msg, "%s", d.v[0].msg);
			st = WK_EINPUT;
		}
		if (st != WK_EINPUT || err.line != b->line ||
		    (b->col != 0 && err.col != b->col) ||
		    strstr(err.msg, b->words) == NULL) {
			fprintf(stderr, "row %zu (%s): want %d:%d \"%s\"\n"
			    "  got status %d, %d:%d \"%s\"\n", i, b->kind, b->line,
			    b->col, b->words, st, err.line, err.col, err.msg);
			failed++;
		}
		wk_diags_free(&d);
	}
	assert_int_equal(failed, 0);
}

/* One bad price among good ones, one bad news item among good ones: each
 * bad element is reported with its position and left out, the rest read. */
static void
test_left_out(void **state)
{
	static const char prices[] =
	    "<prices date=\"2026-11-29\">\n"
	    "  <market id=\"m\" name=\"M\">\n"
	    "    <price product=\"papa\" unit=\"kg\" value=\"2.50\"/>\n"
	    "    <price product=\"cuy\" unit=\"kg\" value=\"2,50\"/>\n"
	    "    <price product=\"Maiz\" unit=\"kg\" value=\"1\"/>\n"
	    "    <price product=\"oca\" unit=\"kg\" value=\"3\" color=\"red\"/>\n"
	    "    <price product=\"haba\" unit=\"kg\" value=\"4.10\"/>\n"
	    "  </market>\n"
	    "  <market id=\"n\" name=\"N\">\n"
	    "    <price product=\"papa\" unit=\"kg\" value=\"x\"/>\n"
	    "  </market>\n"
	    "  <market id=\"o\" name=\"O\">\n"
	    "    <price product=\"papa\" unit=\"kg\" value=\"9\"/>\n"
	    "  </market>\n"
	    "</prices>\n";
	static const char news[] =
	    "<news date=\"2026-11-29\">\n"
	    "  <item id=\"a\" network=\"agro\" date=\"2026-11-31\">\n"
	    "    <headline xml:lang=\"es\">Mala fecha</headline>\n  </item>\n"
	    "  <item id=\"b\" network=\"agro\" date=\"2026-11-29\">\n"
	    "    <headline xml:lang=\"es\">Buena</headline>\n  </item>\n"
	    "  <item id=\"c\" network=\"agro\" date=\"2026-11-29\">\n"
	    "    <headline xml:lang=\"es\">Con <b>negrita</b></headline>\n  </item>\n"
	    "</news>\n";
	static const struct { int line, col; const char *words; } want[] = {
		{ 4, 43, "value=\"2,50\" is not a price" },
		{ 5, 21, "not a valid id" },
		{ 6, 53, "no attribute 'color'" },
		{ 10, 44, "is not a price" },
		{ 9, 3, "market 'n' has no price" },
	};
	struct wk_prices *p;
	struct wk_news *n;
	struct wk_diags d;
	struct wk_err err;
	const struct wk_market *m;
	size_t i;

	(void)state;
	wk_diags_init(&d, NULL);
	assert_int_equal(wk_prices_load(write_file("p.xml", prices), &p, &d,
	    &err), WK_OK);
	assert_int_equal(p->nmarkets, 2);
	m = wk_prices_market(p, "m");
	assert_non_null(m);
	assert_int_equal(m->nprices, 2);
	assert_string_equal(m->prices[0].product, "papa");
	assert_string_equal(m->prices[1].product, "haba");
	assert_int_equal(m->prices[1].value, 410);
	assert_null(wk_prices_market(p, "n"));
	assert_non_null(wk_prices_market(p, "o"));
	assert_int_equal(d.nerrors, 5);
	for (i = 0; i < 5; i++) {
		if (d.v[i].line != want[i].line || d.v[i].col != want[i].col ||
		    strstr(d.v[i].msg, want[i].words) == NULL ||
		    strstr(d.v[i].msg, "left out") == NULL)
			fprintf(stderr, "diag %zu: want %d:%d \"%s\", got %d:%d "
			    "\"%s\"\n", i, want[i].line, want[i].col,
			    want[i].words, d.v[i].line, d.v[i].col, d.v[i].msg);
		assert_int_equal(d.v[i].line, want[i].line);
		assert_int_equal(d.v[i].col, want[i].col);
		assert_non_null(strstr(d.v[i].msg, want[i].words));
	}
	wk_prices_free(p);
	wk_diags_free(&d);

	wk_diags_init(&d, NULL);
	assert_int_equal(wk_news_load(write_file("n.xml", news), &n, &d, &err),
	    WK_OK);
	assert_int_equal(n->nitems, 1);
	assert_string_equal(n->items[0].id, "b");
	assert_int_equal(d.nerrors, 2);
	assert_int_equal(d.v[0].line, 2);
	assert_non_null(strstr(d.v[0].msg, "news item is left out"));
	assert_int_equal(d.v[1].line, 9);
	assert_non_null(strstr(d.v[1].msg, "cannot hold a <b>"));
	wk_news_free(n);
	wk_diags_free(&d);
}

static void
test_news_ok(void **state)
{
	struct wk_news *n;
	struct wk_diags d;
	struct wk_err err;
	const struct wk_news_text *t;

	(void)state;
	wk_diags_init(&d, stderr);
	assert_int_equal(wk_news_load("examples/feeds/noticias-2026-11-29.xml", &n,
	    &d, &err), WK_OK);
	assert_true(n->nitems >= 8);
	assert_string_equal(n->items[0].id, "precio-papa");
	assert_string_equal(n->items[0].network, "agro");
	assert_true(n->items[0].has_expires);
	t = wk_news_text(&n->items[0], "qu");
	assert_non_null(t);
	assert_string_equal(t->headline, "Wamangapi qillu papapa chaninmi wicharqun.");
	assert_null(wk_news_text(&n->items[1], "qu"));
	wk_news_free(n);
	wk_diags_free(&d);
}

static void
test_rss(void **state)
{
	const char *rss =
	    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
	    "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
	    " xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">\n"
	    "<channel><title>Red</title><language>es-PE</language>\n"
	    "<item><title>Feria en Huanta</title>"
	    "<description><![CDATA[<p>La feria es <b>el 4</b> de diciembre.</p><p>Entrada&nbsp;libre</p>"
	    "<script>alert(1)</script>]]></description>"
	    "<pubDate>Sat, 28 Nov 2026 08:00:00 -0500</pubDate><guid>https://r.pe/1</guid>"
	    "<category>artesania</category></item>\n"
	    "<item><title>Sin fecha &amp; sin descripci\xf3n</title><dc:language>quy</dc:language></item>\n"
	    "<item><itunes:summary>Solo resumen</itunes:summary><dc:date>2026-11-27T10:00:00Z</dc:date></item>\n"
	    "<item><link>https://r.pe/vacio</link></item>\n"
	    "</channel></rss>\n";
	const char *atom =
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"qu\">\n"
	    "<title>Willakuy</title><updated>2026-11-29T05:00:00Z</updated>\n"
	    "<entry><title type=\"html\">Allin &lt;i&gt;punchaw&lt;/i&gt;</title><id>urn:1</id>"
	    "<published>2026-11-29T05:00:00Z</published>"
	    "<summary>Kunan 2026-11-29.</summary></entry>\n"
	    "<entry xml:lang=\"es\"><title>Hola</title><id>urn:2</id><updated>2026-11-28T05:00:00Z</updated>"
	    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Texto</p></div></content></entry>\n"
	    "</feed>\n";
	struct wk_news *n;
	struct wk_diags d;
	struct wk_err err;
	const struct wk_news_text *t;

	(void)state;
	wk_diags_init(&d, NULL);
	assert_int_equal(wk_news_load(write_file("r.xml", rss), &n, &d, &err), WK_OK);
	assert_int_equal(n->nitems, 3);
	assert_int_equal(d.nwarnings, 1);	/* the empty item */
	t = wk_news_text(&n->items[0], "es");
	assert_non_null(t);
	assert_string_equal(t->headline, "Feria en Huanta");
	assert_string_equal(t->text, "La feria es el 4 de diciembre. Entrada libre.");
	assert_string_equal(n->items[0].network, "artesania");
	assert_string_equal(n->items[0].id, "https://r.pe/1");
	assert_true(n->items[0].has_date);
	assert_int_equal(n->items[0].date.d, 28);
	t = wk_news_text(&n->items[1], "es");
	assert_non_null(t);
	assert_string_equal(t->headline, "Sin fecha & sin descripción");
	assert_false(n->items[1].has_date);
	t = wk_news_text(&n->items[2], "es");
	assert_non_null(t);
	assert_string_equal(t->text, "Solo resumen");
	assert_int_equal(n->items[2].date.d, 27);
	wk_news_free(n);
	wk_diags_free(&d);

	wk_diags_init(&d, NULL);
	assert_int_equal(wk_news_load(write_file("a.xml", atom), &n, &d, &err), WK_OK);
	assert_int_equal(n->nitems, 2);
	t = wk_news_text(&n->items[0], "qu");
	assert_non_null(t);
	assert_string_equal(t->headline, "Allin punchaw");
	assert_string_equal(t->text, "Kunan 2026-11-29.");
	t = wk_news_text(&n->items[1], "es");
	assert_non_null(t);
	assert_string_equal(t->text, "Texto");
	assert_true(n->has_date);
	wk_news_free(n);
	wk_diags_free(&d);
}

static void
test_html(void **state)
{
	static const char *rows[][2] = {
		{ "a &amp; b", "a & b" },
		{ "<p>Uno</p><p>Dos</p>", "Uno. Dos." },
		{ "x<br/>y", "x. y" },
		{ "&#241;&#xF1;&ntilde;", "ñññ" },
		{ "<style>p{}</style>ok", "ok" },
		{ "&bogus; &#0; &#xD800;", "&bogus;" },
		{ "<a href='x'>link</a>", "link" },
		{ "unclosed <b", "unclosed" },
		{ "Precio < 5 soles y luego > 3 soles", "Precio < 5 soles y luego > 3 soles" },
		{ "<script>alert(1)</script>Hola<style>b{}</style>", "Hola" },
		{ "&lt;b&gt;x", "<b>x" },
		{ "<b>Caf&eacute;</b> &amp;amp; pan", "Café &amp; pan" },
		{ "<ul><li>uno</li><li>dos</li></ul>", "uno. dos." },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char *t = wk_html_text(rows[i][0]);

		assert_non_null(t);
		if (strcmp(t, rows[i][1]) != 0) {
			fprintf(stderr, "\"%s\": want \"%s\" got \"%s\"\n", rows[i][0],
			    rows[i][1], t);
			fail();
		}
		free(t);
	}
}

static void
test_feed_dates(void **state)
{
	struct wk_date d;

	(void)state;
	assert_int_equal(wk_feed_date("Sun, 29 Nov 2026 06:00:00 -0500", &d), 0);
	assert_int_equal(d.y * 10000 + d.m * 100 + d.d, 20261129);
	assert_int_equal(wk_feed_date("2026-11-29T05:00:00Z", &d), 0);
	assert_int_equal(d.d, 29);
	assert_int_equal(wk_feed_date("29 Nov 26", &d), 0);
	assert_int_equal(d.y, 2026);
	assert_int_not_equal(wk_feed_date("yesterday", &d), 0);
	assert_int_not_equal(wk_feed_date("31 Feb 2026", &d), 0);
}

static void
test_bulletin_ok(void **state)
{
	struct wk_bulletin *b;
	struct wk_diags d;
	struct wk_err err;

	(void)state;
	wk_diags_init(&d, stderr);
	assert_int_equal(wk_bulletin_load("bulletins/precios-manana.xml", &b, &d,
	    &err), WK_OK);
	assert_string_equal(b->id, "precios-manana");
	assert_int_equal(b->nlangs, 2);
	assert_string_equal(wk_bulletin_title(b, "es"), "Precios del día");
	assert_string_equal(wk_bulletin_title(b, "qu"), "Kunan punchawpa chaninkuna");
	assert_int_equal(b->nsegs, 5);
	assert_int_equal(b->segs[0].items[0].kind, WK_ITEM_CLIP);
	assert_string_equal(b->segs[0].items[0].path, "bulletins/clips/cortina.flac");
	assert_int_equal(b->segs[1].items[0].kind, WK_ITEM_PRICES);
	assert_string_equal(b->segs[1].items[0].market, "nery-garcia");
	wk_bulletin_free(b);
	wk_diags_free(&d);
	assert_true(wk_valid_id("a-1"));
	assert_false(wk_valid_id("-a"));
	assert_false(wk_valid_id("../x"));
	assert_false(wk_valid_id("A"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prices_ok),
		cmocka_unit_test(test_amounts),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_station_playout),
		cmocka_unit_test(test_left_out),
		cmocka_unit_test(test_news_ok),
		cmocka_unit_test(test_rss),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_feed_dates),
		cmocka_unit_test(test_bulletin_ok),
	};
	int rc;

	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("readers", tests, NULL, NULL);
	{
		char cmd[600];

		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			rc = 1;
	}
	wk_xml_cleanup();
	return rc;
}
