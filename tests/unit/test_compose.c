/*
 * The composer, on the example day: the lines it writes for prices and
 * news in both languages, freshness (stale, future and missing feeds fall
 * back, a run of them said once), items left out or announced in the
 * other language, pauses; unchanged prices said with their prices,
 * grouped by unit and price (a table); names with their Spanish articles
 * (a table); suspect prices held back unless confirmed.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/buf.h"
#include "read/bulletin.h"
#include "read/catalog.h"
#include "say/compose.h"
#include "say/compose_priv.h"
#include "base/err.h"
#include "read/site.h"
#include "read/station.h"
#include "read/voice.h"
#include "read/xmlio.h"

struct world {
	struct wk_site *site;
	struct wk_station *station;	/* the site's */
	struct wk_diags d;
	struct wk_compose c;
};

static void
world_open(struct world *w, const char *date)
{
	struct wk_err err;

	struct wk_date dt;

	memset(w, 0, sizeof *w);
	wk_diags_init(&w->d, NULL);
	assert_int_equal(wk_site_open("examples/station.xml", 0, &w->d, &w->site,
	    &err), WK_OK);
	w->station = w->site->station;
	assert_int_equal(wk_date_parse(date, &dt), 0);
	assert_int_equal(wk_compose_open(&w->c, w->site, dt, NULL, &w->d, &err),
	    WK_OK);
}

static void
world_close(struct world *w)
{
	wk_compose_close(&w->c);
	wk_site_free(w->site);
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
	assert_true(says(sg, "Vamos al Mercado Nery García Zárate, en Huamanga."));
	/* By family within the unit (voices/catalog.xml): papas first. */
	assert_true(says(sg, "Comparado con el día anterior. Precio por kilo: "
	    "papa amarilla, dos soles con cincuenta céntimos, sube veinte "
	    "céntimos; papa blanca, un sol con diez céntimos, baja veinte "
	    "céntimos; oca, un sol con ochenta céntimos, baja veinte "
	    "céntimos; chuño, siete soles, sube cuarenta céntimos."));
	assert_true(says_part(sg, "; kiwicha, siete soles con cincuenta "
	    "céntimos."));
	/* Issue 24: every price is said, the unchanged ones too. */
	assert_true(says(sg, "Sin cambios, por kilo: papa huayro, dos soles con "
	    "veinte céntimos; haba seca, seis soles con cincuenta céntimos; "
	    "olluco, dos soles con cuarenta céntimos; huevo de gallina, siete "
	    "soles con ochenta céntimos."));
	assert_true(says(sg, "También sin cambios, por unidad: cuy, veinticinco "
	    "soles."));
	assert_false(says_part(sg, "para hoy"));
	assert_int_equal(sg->nprices, 20);
	assert_int_equal(sg->prices[0].value, 250);
	/* Pauses between lines. */
	assert_int_equal(sg->parts[1].kind, WK_PART_PAUSE);
	assert_int_equal(sg->parts[1].pause_ms, 450);
	sg = seg(qu, "huamanga");
	assert_true(says_part(sg, "Huk kilu: qillu papa, iskay sulis pichqa chunka "
	    "sentimu, iskay chunka sentimu wicharqun; yuraq papa,"));
	assert_true(says(sg, "Huk kintal: trigu, pachak pichqa chunka sulis, pichqa "
	    "sulis wicharqun."));
	assert_true(says(sg, "Kaqllam kachkan, sapa kilu: wayru papa, iskay sulis "
	    "iskay chunka sentimu; chaki hawas, suqta sulis pichqa chunka "
	    "sentimu; ulluku, iskay sulis tawa chunka sentimu; runtu, qanchis "
	    "sulis pusaq chunka sentimu."));
	assert_true(says(sg, "Chaynallataq, sapa unidad: quwi, iskay chunka "
	    "pichqayuq sulis."));
	sg = seg(qu, "huanta");
	/* The market's name says its town: the town is not said again. */
	assert_true(says(sg, "Kunan punchaw, Wanta llaqtapa hatun qatupi chaninkuna."));
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

/* Occurrences of needle in the whole transcript of s. */
static int
count_in(const struct wk_script *s, const char *needle)
{
	size_t i, j;
	int n = 0;

	for (i = 0; i < s->nsegs; i++)
		for (j = 0; j < s->segs[i].nparts; j++) {
			const char *t = s->segs[i].parts[j].text;

			while (t != NULL && (t = strstr(t, needle)) != NULL) {
				n++;
				t += strlen(needle);
			}
		}
	return n;
}

/* The longest run of consecutive price lines opening with the same
 * frame (their first word: "Por", "Sin", "Comparado" ...). */
static int
longest_frame_run(const struct wk_script *s)
{
	char prev[64] = "", cur[64];
	int run = 0, best = 0;
	size_t i, j;

	for (i = 0; i < s->nsegs; i++) {
		if (s->segs[i].nprices == 0)
			continue;
		for (j = 0; j < s->segs[i].nparts; j++) {
			const struct wk_part *p = &s->segs[i].parts[j];

			if (p->kind != WK_PART_SPEECH)
				continue;
			snprintf(cur, sizeof cur, "%.*s", (int)strcspn(p->text,
			    " ,:"), p->text);
			run = strcmp(cur, prev) == 0 ? run + 1 : 1;
			best = run > best ? run : best;
			memcpy(prev, cur, sizeof prev);
		}
	}
	return best;
}

/* The example price bulletin read as an announcer would, in each
 * language: the date once, frames varied, unchanged prices folded,
 * the same words every time. */
static void
test_announcer(void **state)
{
	static const struct {
		const char *lang, *date, *same, *item_same, *reference;
	} cases[] = {
		{ "es", "veintinueve de noviembre", "Sin cambios, por kilo: papa "
		  "huayro", "se mantiene", "día anterior" },
		{ "qu", "Nuwimri killapi", "Kaqllam kachkan, sapa kilu: wayru papa",
		  "kaqllam kachkan;", "Qayna punchawpa" },
	};
	struct world w;
	size_t k, i, j;

	(void)state;
	world_open(&w, "2026-11-29");
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct wk_script *s = compose(&w, "bulletins/precios-manana.xml",
		    cases[k].lang);
		struct wk_script *again = compose(&w,
		    "bulletins/precios-manana.xml", cases[k].lang);

		if (count_in(s, cases[k].date) != 1 || longest_frame_run(s) > 3 ||
		    count_in(s, cases[k].same) != 1 ||
		    count_in(s, cases[k].item_same) != 0 ||
		    count_in(s, cases[k].reference) != 3)
			fail_msg("%s: date said %d times (want 1), longest frame "
			    "run %d (at most 3), folded %d (1), unfolded %d (0), "
			    "reference %d (3, once per market)", cases[k].lang,
			    count_in(s, cases[k].date), longest_frame_run(s),
			    count_in(s, cases[k].same),
			    count_in(s, cases[k].item_same),
			    count_in(s, cases[k].reference));
		/* Same input, same words. */
		for (i = 0; i < s->nsegs; i++)
			for (j = 0; j < s->segs[i].nparts; j++)
				if (s->segs[i].parts[j].kind == WK_PART_SPEECH)
					assert_string_equal(s->segs[i].parts[j].text,
					    again->segs[i].parts[j].text);
		wk_script_free(s);
		wk_script_free(again);
	}
	world_close(&w);
}

/* <segment style="breve"> pins the voice's "breve" variants. */
static void
test_pinned_style(void **state)
{
	static const char xml[] =
	    "<bulletin id=\"p\" languages=\"es\" max-age-days=\"0\">"
	    "<segment id=\"a\"><say xml:lang=\"es\">Hoy es {date}.</say></segment>"
	    "<segment id=\"b\" style=\"breve\"><prices feed=\"precios-{date}.xml\" "
	    "market=\"santa-clara\"/></segment>"
	    "<segment id=\"c\" style=\"breve\"><prices feed=\"precios-{date}.xml\" "
	    "market=\"nery-garcia\" products=\"papa-amarilla\"/></segment>"
	    "</bulletin>";
	char path[] = "/tmp/wk-style-XXXXXX";
	struct world w;
	struct wk_script *s;
	FILE *f;
	int fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs(xml, f);
	assert_int_equal(fclose(f), 0);
	world_open(&w, "2026-11-29");
	s = compose(&w, path, "es");
	unlink(path);
	assert_true(says(seg(s, "b"), "Mercado Santa Clara, en Huamanga."));
	assert_true(says(seg(s, "c"), "Mercado Nery García Zárate, en Huamanga."));
	assert_int_equal(count_in(s, "noviembre"), 1);
	wk_script_free(s);
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
	/* Issue 24: three markets without prices are said once, and the
	 * bulletin has nothing new (the conductor fails it). */
	assert_true(says_part(sg, "Hoy no tenemos precios actualizados de los "
	    "mercados Nery García Zárate, Santa Clara y Central de Huanta."));
	assert_int_equal(sg->nmerged, 2);
	assert_null(seg(s, "santa-clara"));
	assert_null(seg(s, "huanta"));
	assert_int_equal(s->nfallbacks, 3);
	assert_int_equal(s->ndata, 3);
	assert_int_equal(s->nodata, 3);
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
	/* Both markets said once, the names after the phrase. */
	assert_true(says_part(sg, "Kunan punchawqa manam kanchu musuq chaninkuna "
	    "kay qatukunamanta: Niri Garsiya Sarati, Lima."));
	assert_null(seg(s, "q"));
	assert_non_null(strstr(sg->note, "too old"));
	assert_int_equal(s->nfallbacks, 2);
	assert_true(w.d.nwarnings >= 2);
	wk_script_free(s);
	world_close(&w);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* The order unchanged prices are said in: by unit as the feed first
 * gives it, then by price, the products of one price together. Each case
 * is "product:unit:céntimos" items; the expected order is products, "|"
 * between units, "," between prices, "+" between products of one price. */
static void
test_same_order(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "", "" },
		{ "a:kg:100", "a" },
		{ "a:kg:100 b:kg:200 c:kg:100", "a+c,b" },
		{ "a:kg:240 b:unidad:2500 c:kg:240 d:kg:650", "a+c,d|b" },
		{ "a:kg:100 b:qq:100 c:kg:100 d:qq:100", "a+c|b+d" },
		{ "a:kg:300 b:kg:200 c:kg:100 d:kg:200 e:kg:300", "a+e,b+d,c" },
		{ "a:l:250 b:kg:250 c:l:250", "a+c|b" },
	};
	size_t k, i, n;

	(void)state;
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct wk_price v[16];
		const struct wk_price *ps[16];
		char buf[256], got[256] = "", prod[16][8], unit[16][8];
		char *tok, *save = NULL;
		long long cents;

		snprintf(buf, sizeof buf, "%s", cases[k].in);
		memset(v, 0, sizeof v);
		for (n = 0, tok = strtok_r(buf, " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save), n++) {
			assert_int_equal(sscanf(tok, "%7[^:]:%7[^:]:%lld", prod[n],
			    unit[n], &cents), 3);
			v[n].product = prod[n];
			v[n].unit = unit[n];
			v[n].value = v[n].previous = cents;
			ps[n] = &v[n];
		}
		assert_int_equal(wk_price_same_order(ps, n), 0);
		for (i = 0; i < n; i++) {
			const char *sep = i == 0 ? "" : strcmp(ps[i]->unit,
			    ps[i - 1]->unit) != 0 ? "|" : ps[i]->value !=
			    ps[i - 1]->value ? "," : "+";

			snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s",
			    sep, ps[i]->product);
		}
		if (strcmp(got, cases[k].want) != 0)
			fail_msg("case %zu (%s): got '%s', want '%s'", k,
			    cases[k].in, got, cases[k].want);
	}
}

/* Names in templates take their Spanish article: from the catalogue's
 * article= (haba: "el"), else the gender of the first word, a
 * capitalized one only when gender.txt lists it; none in Quechua. A
 * value with WK_NAME_LIST is a list. */
static void
test_name_articles(void **state)
{
	static const struct {
		const char *lang, *tmpl, *name, *want;
	} cases[] = {
		{ "es", "{de market}", "Mercado Central de Huanta",
		  "del Mercado Central de Huanta" },
		{ "es", "los precios {de market}", "Feria dominical de Quinua",
		  "los precios de la Feria dominical de Quinua" },
		{ "es", "Vamos {a market}.", "Feria dominical de Quinua",
		  "Vamos a la Feria dominical de Quinua." },
		{ "es", "Vamos {a market}.", "Mercado Santa Clara",
		  "Vamos al Mercado Santa Clara." },
		{ "es", "{en market}", "Plaza de Huanta", "en la Plaza de Huanta" },
		{ "es", "{El market} abre.", "Feria dominical",
		  "La Feria dominical abre." },
		{ "es", "{De market}", "Mercado Central", "Del Mercado Central" },
		/* A person's name, a name with its own article: none. */
		{ "es", "{de market}", "Nery García", "de Nery García" },
		{ "es", "{a market}", "Nery García", "a Nery García" },
		{ "es", "{el market}", "Nery García", "Nery García" },
		{ "es", "{de market}", "La Parada", "de La Parada" },
		/* Products, lower case: by gender; haba by the catalogue. */
		{ "es", "El precio {de market}", "papa amarilla",
		  "El precio de la papa amarilla" },
		{ "es", "El precio {de market}", "cuy", "El precio del cuy" },
		{ "es", "El precio {de market}", "haba verde",
		  "El precio del haba verde" },
		{ "es", "{de market}", "carne de alpaca", "de la carne de alpaca" },
		/* The bare name, and an unknown slot, as wk_template. */
		{ "es", "{market}.", "Feria dominical", "Feria dominical." },
		{ "es", "{de other}.", "Feria dominical", "." },
		/* Lists: a shared first word is said once, in the plural. */
		{ "es", "{de market}", "Mercado Nery García\x1f" "Mercado Santa Clara",
		  "de los mercados Nery García y Santa Clara" },
		{ "es", "{de market}", "Feria de Quinua\x1f" "Feria de Huanta\x1f"
		  "Feria de Tambo", "de las ferias de Quinua, de Huanta y de Tambo" },
		{ "es", "{de market}", "Mercado Central\x1f" "Feria dominical\x1f"
		  "Nery García", "del Mercado Central, de la Feria dominical y de "
		  "Nery García" },
		{ "es", "{market}", "turismo\x1f" "artesanía", "turismo y artesanía" },
		/* Quechua: no article; its suffixes follow the name. */
		{ "qu", "{market} qatupi", "Santa Klara", "Santa Klara qatupi" },
		{ "qu", "{market}", "Santa Klara\x1f" "Niri Garsiya",
		  "Santa Klara, Niri Garsiya" },
	};
	struct world w;
	size_t k;

	(void)state;
	world_open(&w, "2026-11-29");
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct wk_err err;
		struct wk_voice *v = wk_site_voice(w.site, cases[k].lang,
		    &w.d, &err);
		struct wk_buf out = WK_BUF_INIT;
		const char *key = "market";

		assert_non_null(v);
		wk_compose_template(&w.c, v, &out, cases[k].tmpl, &key,
		    &cases[k].name, 1);
		assert_false(out.failed);
		if (strcmp(wk_buf_str(&out), cases[k].want) != 0)
			fail_msg("case %zu %s '%s' with '%s': got '%s', want '%s'",
			    k, cases[k].lang, cases[k].tmpl, cases[k].name,
			    wk_buf_str(&out), cases[k].want);
		wk_buf_free(&out);
	}
	world_close(&w);
}

/* Writes into a new folder dir a feed made from the example's by the sed
 * expression expr and a bulletin of one price segment and one compare
 * segment (bulletin gets its path); points the world's station at dir. */
static void
one_market(struct world *w, char *dir, const char *expr, char *bulletin,
    size_t n)
{
	char cmd[1400];
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd, "sed '%s' examples/feeds/precios-2026-11-29.xml "
	    "> %s/precios-2026-11-29.xml", expr, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(bulletin, n, "%s/b.xml", dir);
	assert_non_null(f = fopen(bulletin, "w"));
	fputs("<bulletin id=\"b\" languages=\"es qu\" max-age-days=\"0\">\n"
	    "<segment id=\"a\"><say xml:lang=\"es\">Hoy {date}.</say>"
	    "<say xml:lang=\"qu\">Kunan {date}.</say></segment>\n"
	    "<segment id=\"p\"><prices feed=\"precios-{date}.xml\" "
	    "market=\"nery-garcia\"/></segment>\n"
	    "<segment id=\"t\"><compare feed=\"precios-{date}.xml\" "
	    "products=\"papa-amarilla\"/></segment>\n</bulletin>\n", f);
	assert_int_equal(fclose(f), 0);
	free(w->station->feeds_dir);
	w->station->feeds_dir = strdup(dir);
}

static void
rm_dir(const char *dir)
{
	char cmd[700];

	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* Unchanged products that share a price are said together, with it. */
static void
test_same_price(void **state)
{
	struct world w;
	struct wk_script *es, *qu;
	char dir[] = "/tmp/wk-same-XXXXXX", b[600];

	(void)state;
	world_open(&w, "2026-11-29");
	/* papa huayro at olluco's 2.40, unchanged. */
	one_market(&w, dir, "s/\"papa-huayro\" unit=\"kg\" value=\"2.20\" "
	    "previous=\"2.20\"/\"papa-huayro\" unit=\"kg\" value=\"2.40\" "
	    "previous=\"2.40\"/", b, sizeof b);
	es = compose(&w, b, "es");
	qu = compose(&w, b, "qu");
	assert_true(says(seg(es, "p"), "Sin cambios, por kilo: papa huayro y "
	    "olluco, a dos soles con cuarenta céntimos; haba seca, seis soles "
	    "con cincuenta céntimos; huevo de gallina, siete soles con ochenta "
	    "céntimos."));
	assert_true(says(seg(qu, "p"), "Kaqllam kachkan, sapa kilu: wayru "
	    "papawan, ullukuwan, iskay sulis tawa chunka sentimu; chaki hawas, "
	    "suqta sulis pichqa chunka sentimu; runtu, qanchis sulis pusaq "
	    "chunka sentimu."));
	/* The compare line names the product with its article. */
	assert_true(says_part(seg(es, "t"), "El precio de la papa amarilla es "
	    "más bajo en el Mercado Central de Huanta"));
	wk_script_free(es);
	wk_script_free(qu);
	world_close(&w);
	rm_dir(dir);
}

/* The three slips: held back with a warning each (its own cause),
 * not said in either language nor compared; said when confirmed. */
static void
test_suspect_prices(void **state)
{
	static const char slips[] =
	    "s/\"papa-amarilla\" unit=\"kg\" value=\"2.50\" previous=\"2.30\"/"
	    "\"papa-amarilla\" unit=\"kg\" value=\"25.00\" previous=\"2.50\"/; "
	    "s/\"papa-blanca\" unit=\"kg\" value=\"1.10\" previous=\"1.30\"/"
	    "\"papa-blanca\" unit=\"kg\" value=\"0.25\" previous=\"25.00\"/; "
	    "s/\"oca\" unit=\"kg\" value=\"1.80\" previous=\"2.00\"/"
	    "\"oca\" unit=\"kg\" value=\"0.00\" previous=\"2.00\"/";
	struct world w;
	struct wk_script *es, *qu;
	char dir[32], b[600], expr[800];
	size_t i, held;
	int pass;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		snprintf(dir, sizeof dir, "/tmp/wk-slip-XXXXXX");
		world_open(&w, "2026-11-29");
		/* The second pass confirms the three prices. */
		snprintf(expr, sizeof expr, "%s%s", slips, pass == 0 ? "" :
		    "; s/value=\"25.00\" previous=\"2.50\"/& confirmed=\"yes\"/; "
		    "s/value=\"0.25\" previous=\"25.00\"/& confirmed=\"yes\"/; "
		    "s/value=\"0.00\" previous=\"2.00\"/& confirmed=\"yes\"/");
		one_market(&w, dir, expr, b, sizeof b);
		es = compose(&w, b, "es");
		qu = compose(&w, b, "qu");
		held = 0;
		for (i = 0; i < w.d.n; i++)
			if (w.d.v[i].cause == WK_CAUSE_PRICE &&
			    w.d.v[i].sev == WK_WARNING)
				held++;
		if (pass == 0) {
			assert_int_equal(held, 3);	/* once each, not per language */
			assert_int_equal(seg(es, "p")->nheld, 3);
			assert_int_equal(seg(qu, "p")->nheld, 3);
			assert_true(es->nfallbacks > 0);
			assert_false(says_part(seg(es, "p"), "papa amarilla"));
			assert_false(says_part(seg(es, "p"), "papa blanca"));
			assert_false(says_part(seg(es, "p"), "cero soles"));
			assert_false(says_part(seg(qu, "p"), "qillu papa"));
			assert_false(says_part(seg(qu, "p"), "uqa"));
			/* Nor compared: only Huanta sells papa amarilla now. */
			assert_false(says_part(seg(es, "t"), "papa amarilla"));
		} else {
			assert_int_equal(held, 0);
			assert_int_equal(seg(es, "p")->nheld, 0);
			assert_true(says_part(seg(es, "p"), "papa amarilla, veinticinco "
			    "soles, sube veintidós soles con cincuenta céntimos"));
			assert_true(says_part(seg(es, "p"), "oca, cero soles"));
			assert_true(says_part(seg(qu, "p"), "qillu papa, iskay chunka "
			    "pichqayuq sulis"));
		}
		wk_script_free(es);
		wk_script_free(qu);
		world_close(&w);
		rm_dir(dir);
	}
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
		cmocka_unit_test(test_announcer),
		cmocka_unit_test(test_pinned_style),
		cmocka_unit_test(test_stale_and_missing),
		cmocka_unit_test(test_stale_feed),
		cmocka_unit_test(test_same_order),
		cmocka_unit_test(test_name_articles),
		cmocka_unit_test(test_same_price),
		cmocka_unit_test(test_suspect_prices),
		cmocka_unit_test(test_news),
		cmocka_unit_test(test_feed_path),
	};
	int rc = cmocka_run_group_tests_name("composer", tests, NULL, NULL);

	wk_xml_cleanup();
	return rc;
}
