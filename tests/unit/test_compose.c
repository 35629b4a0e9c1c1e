/*
 * The composer, on the example day: the lines it writes for prices and
 * news in both languages, freshness (stale, future and missing feeds fall
 * back), items left out or announced in the other language, pauses.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "bulletin.h"
#include "catalog.h"
#include "compose.h"
#include "err.h"
#include "station.h"
#include "voice.h"
#include "xmlio.h"

struct world {
	struct wk_catalog *cat;
	struct wk_station *station;
	struct wk_voiceset voices;
	struct wk_feedcache *feeds;
	struct wk_diags d;
	struct wk_compose c;
};

static void
world_open(struct world *w, const char *date)
{
	struct wk_err err;

	memset(w, 0, sizeof *w);
	wk_diags_init(&w->d, NULL);
	assert_int_equal(wk_catalog_load("voices/catalog.xml", &w->cat, &w->d, &err),
	    WK_OK);
	assert_int_equal(wk_station_load("examples/station.xml", &w->station,
	    &w->d, &err), WK_OK);
	w->feeds = wk_feedcache_new();
	w->c.cat = w->cat;
	w->c.station = w->station;
	assert_int_equal(wk_date_parse(date, &w->c.date), 0);
	w->c.voices = &w->voices;
	w->c.feeds = w->feeds;
	w->c.d = &w->d;
}

static void
world_close(struct world *w)
{
	wk_feedcache_free(w->feeds);
	wk_voiceset_free(&w->voices);
	wk_station_free(w->station);
	wk_catalog_free(w->cat);
	wk_diags_free(&w->d);
}

static struct wk_script *
compose(struct world *w, const char *bulletin, const char *lang)
{
	struct wk_bulletin *b;
	struct wk_script *s = NULL;
	struct wk_err err;

	assert_int_equal(wk_bulletin_load(bulletin, &b, &w->d, &err), WK_OK);
	assert_int_equal(wk_compose(&w->c, b, lang, &s, &err), WK_OK);
	wk_bulletin_free(b);
	return s;
}

static const struct wk_seg *
seg(const struct wk_script *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->nsegs; i++)
		if (strcmp(s->segs[i].id, id) == 0)
			return &s->segs[i];
	return NULL;
}

/* True when some speech part of sg is exactly text. */
static int
says(const struct wk_seg *sg, const char *text)
{
	size_t i;

	for (i = 0; sg && i < sg->nparts; i++)
		if (sg->parts[i].kind == WK_PART_SPEECH &&
		    strcmp(sg->parts[i].text, text) == 0)
			return 1;
	return 0;
}

static int
says_part(const struct wk_seg *sg, const char *text)
{
	size_t i;

	for (i = 0; sg && i < sg->nparts; i++)
		if (sg->parts[i].kind == WK_PART_SPEECH &&
		    strstr(sg->parts[i].text, text) != NULL)
			return 1;
	return 0;
}

static void
test_prices(void **state)
{
	struct world w;
	struct wk_script *es, *qu;
	const struct wk_seg *sg;

	(void)state;
	world_open(&w, "2026-11-29");
	es = compose(&w, "bulletins/precios-manana.xml", "es");
	qu = compose(&w, "bulletins/precios-manana.xml", "qu");
	assert_int_equal(es->nsegs, 5);
	assert_int_equal(es->nfallbacks, 0);
	assert_string_equal(es->title, "Precios del día");
	sg = seg(es, "huamanga");
	assert_non_null(sg);
	assert_string_equal(sg->data_date, "2026-11-29");
	assert_true(says(sg, "Papa amarilla: dos soles con cincuenta céntimos el kilo; subió veinte céntimos."));
	assert_true(says(sg, "Papa huayro: dos soles con veinte céntimos el kilo; se mantiene."));
	assert_true(says(sg, "Papa blanca: un sol con diez céntimos el kilo; bajó veinte céntimos."));
	assert_true(says(sg, "Kiwicha: siete soles con cincuenta céntimos el kilo."));
	assert_true(says(sg, "Cuy: veinticinco soles la unidad; se mantiene."));
	assert_true(says(sg, "Precios del Mercado Nery García Zárate, en Huamanga, para hoy domingo veintinueve de noviembre de dos mil veintiséis."));
	assert_int_equal(sg->nprices, 20);
	assert_int_equal(sg->prices[0].value, 250);
	/* Pauses between lines. */
	assert_int_equal(sg->parts[1].kind, WK_PART_PAUSE);
	assert_int_equal(sg->parts[1].pause_ms, 450);
	sg = seg(qu, "huamanga");
	assert_true(says(sg, "Qillu papa: huk kilu iskay sulis pichqa chunka sentimu; iskay chunka sentimu wicharqun."));
	assert_true(says(sg, "Trigu: huk kintal pachak pichqa chunka sulis; pichqa sulis wicharqun."));
	sg = seg(qu, "santa-clara");
	assert_true(says_part(sg, "Santa Klara qatupi"));
	sg = seg(es, "apertura");
	assert_int_equal(sg->parts[0].kind, WK_PART_CLIP);
	assert_true(says_part(sg, "Hoy es domingo veintinueve de noviembre de dos mil veintiséis."));
	assert_true(says_part(sg, "del ce ce a."));
	wk_script_free(es);
	wk_script_free(qu);
	world_close(&w);
}

static void
test_stale_and_missing(void **state)
{
	struct world w;
	struct wk_script *s;
	const struct wk_seg *sg;

	(void)state;
	/* A day later the feed of the 29th is missing (precios-2026-11-30). */
	world_open(&w, "2026-11-30");
	s = compose(&w, "bulletins/precios-manana.xml", "es");
	sg = seg(s, "huamanga");
	assert_true(sg->fallback);
	assert_true(says_part(sg, "Hoy no tenemos precios actualizados del Mercado Nery García Zárate."));
	assert_int_equal(s->nfallbacks, 3);
	assert_false(seg(s, "apertura")->fallback);
	wk_script_free(s);
	world_close(&w);
}

static void
test_stale_feed(void **state)
{
	struct world w;
	struct wk_script *s;
	const struct wk_seg *sg;
	char dir[] = "/tmp/wk-compose-XXXXXX", path[600], cmd[1400];
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* Yesterday's prices under today's name. */
	snprintf(cmd, sizeof cmd, "sed 's/date=\"2026-11-29\"/date=\"2026-11-28\"/' "
	    "examples/feeds/precios-2026-11-29.xml > %s/precios-2026-11-29.xml", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof path, "%s/b.xml", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("<bulletin id=\"b\" languages=\"es qu\">\n"
	    "<segment id=\"p\"><prices feed=\"precios-{date}.xml\" market=\"nery-garcia\"/></segment>\n"
	    "<segment id=\"q\"><prices feed=\"precios-{date}.xml\" market=\"lima\"/></segment>\n"
	    "</bulletin>\n", f);
	assert_int_equal(fclose(f), 0);
	world_open(&w, "2026-11-29");
	free(w.station->feeds_dir);
	w.station->feeds_dir = strdup(dir);
	s = compose(&w, path, "qu");
	sg = seg(s, "p");
	assert_true(sg->fallback);
	assert_true(says_part(sg, "Kunan punchawqa manam kanchu musuq chaninkuna Niri Garsiya Sarati qatumanta."));
	sg = seg(s, "q");
	assert_true(sg->fallback);
	assert_non_null(strstr(sg->note, "too old"));
	assert_int_equal(s->nfallbacks, 2);
	assert_true(w.d.nwarnings >= 2);
	wk_script_free(s);
	world_close(&w);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

static void
test_news(void **state)
{
	struct world w;
	struct wk_script *es, *qu;
	const struct wk_seg *sg;
	size_t i;
	int spanish = 0;

	(void)state;
	world_open(&w, "2026-11-29");
	es = compose(&w, "bulletins/noticias-redes.xml", "es");
	qu = compose(&w, "bulletins/noticias-redes.xml", "qu");
	sg = seg(es, "agro");
	assert_true(says(sg, "Noticias de la red de producción agraria."));
	assert_true(says(sg, "Alerta por heladas en las zonas altas."));
	/* Expired and future items stay out. */
	sg = seg(es, "artesania");
	assert_false(says_part(sg, "Concurso de retablos"));
	assert_false(says_part(sg, "teñido"));
	assert_true(says(sg, "Gran feria artesanal en Huanta."));
	/* Quechua: announced and read in Spanish, marked by the part's lang. */
	sg = seg(qu, "agro");
	assert_true(says(sg, "Kay willakuyqa kastilla simipim."));
	for (i = 0; i < sg->nparts; i++)
		if (sg->parts[i].kind == WK_PART_SPEECH &&
		    strcmp(sg->parts[i].lang, "es") == 0)
			spanish++;
	assert_int_equal(spanish, 2);
	/* untranslated="skip": left out, with a note, not a fallback. */
	sg = seg(qu, "informacion");
	assert_false(says_part(sg, "Taller"));
	assert_non_null(sg->note);
	assert_false(sg->fallback);
	assert_int_equal(qu->nfallbacks, 0);
	/* A day when everything has expired. */
	wk_script_free(es);
	wk_script_free(qu);
	world_close(&w);
	world_open(&w, "2026-12-25");
	free(w.station->feeds_dir);
	w.station->feeds_dir = strdup("examples/feeds");
	{
		struct wk_bulletin *b;
		struct wk_err err;
		struct wk_script *s;

		assert_int_equal(wk_bulletin_load("bulletins/noticias-redes.xml", &b,
		    &w.d, &err), WK_OK);
		free(b->segs[1].items[0].feed);
		b->segs[1].items[0].feed = strdup("noticias-2026-11-29.xml");
		assert_int_equal(wk_compose(&w.c, b, "es", &s, &err), WK_OK);
		assert_true(says(seg(s, "agro"), "Hoy no hay noticias nuevas de la red de producción agraria."));
		wk_script_free(s);
		wk_bulletin_free(b);
	}
	world_close(&w);
}

static void
test_feed_path(void **state)
{
	struct world w;
	char *p;

	(void)state;
	world_open(&w, "2026-11-29");
	p = wk_feed_path(&w.c, "precios-{date}.xml");
	assert_non_null(p);
	assert_string_equal(p, "examples/feeds/precios-2026-11-29.xml");
	free(p);
	assert_int_equal(wk_speech_ms("uno dos tres", 180), 1000);
	assert_int_equal(wk_speech_ms("uno, dos.", 120), 1400);
	world_close(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prices),
		cmocka_unit_test(test_stale_and_missing),
		cmocka_unit_test(test_stale_feed),
		cmocka_unit_test(test_news),
		cmocka_unit_test(test_feed_path),
	};
	int rc = cmocka_run_group_tests_name("composer", tests, NULL, NULL);

	wk_xml_cleanup();
	return rc;
}
