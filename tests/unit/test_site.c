/*
 * A station's site (read/site.h) and the pure readers under it: language
 * ranges and the voice that reads a tag, category maps and the network of
 * an RSS item, vocabulary folders and the recordings found in them, and
 * two sites open at once that keep their own lexicons, category maps and
 * catalogues.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "base/err.h"
#include "read/catalog.h"
#include "read/catmap.h"
#include "read/feed.h"
#include "read/local.h"
#include "read/site.h"
#include "read/station.h"
#include "read/voice.h"
#include "read/xmlio.h"

static char dir[] = "/tmp/wk-test-site-XXXXXX";

/* Writes text to dir/name (its folders made), returns the path. */
static const char *
put(const char *name, const char *text)
{
	static char path[512];
	char sub[512], *slash;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(sub, sizeof sub, "%s", path);
	for (slash = strchr(sub + strlen(dir) + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(sub, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void
test_lang_match(void **state)
{
	static const struct {
		const char *range, *tag;
		size_t want;
	} rows[] = {
		{ "es", "es", 2 }, { "es", "es-PE", 2 }, { "es", "ES-pe", 2 },
		{ "es", "es-419", 2 }, { "es", "est", 0 }, { "es", "e", 0 },
		{ "qu", "qu-PE", 2 }, { "qu", "quy", 0 }, { "qu", "quz", 0 },
		{ "quy", "quy", 3 }, { "quy", "quy-PE", 3 }, { "quz", "qu", 0 },
		{ "es-PE", "es", 0 }, { "es-PE", "es-PE-x", 5 }, { "*", "xx", 1 },
		{ "", "es", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (wk_lang_match(rows[i].range, rows[i].tag) != rows[i].want)
			fail_msg("range %s, tag %s: %zu, want %zu", rows[i].range,
			    rows[i].tag, wk_lang_match(rows[i].range, rows[i].tag),
			    rows[i].want);
}

static void
test_catmap(void **state)
{
	struct wk_catmap m = { NULL, 0 }, o = { NULL, 0 };

	(void)state;
	assert_int_equal(wk_catmap_add(&m, "Deportes", "informacion"), 0);
	assert_int_equal(wk_catmap_add(&m, "agro", "agro"), 0);
	assert_string_equal(wk_catmap_find(&m, "DEPORTES"), "informacion");
	assert_null(wk_catmap_find(&m, "Deporte"));
	assert_int_equal(wk_catmap_add(&o, "deportes", "turismo"), 0);
	assert_int_equal(wk_catmap_merge(&m, &o), 0);	/* the later wins */
	assert_string_equal(wk_catmap_find(&m, "Deportes"), "turismo");
	assert_int_equal(m.n, 2);
	wk_catmap_clear(&m);
	wk_catmap_clear(&o);
	assert_null(wk_catmap_find(&m, "agro"));
}

static void
test_local_dirs(void **state)
{
	char **v = NULL;
	struct wk_err err;

	(void)state;
	setenv("WILLAKUY_LOCAL", "/srv/voces", 1);
	assert_int_equal(wk_local_dirs("/etc/radio", &v, &err), WK_OK);
	assert_string_equal(v[0], "/srv/voces");
	assert_string_equal(v[1], "/etc/radio/voices");
	assert_null(v[2]);
	wk_local_dirs_free(v);
	/* Set but empty: no system folder. Without a station: that alone. */
	setenv("WILLAKUY_LOCAL", "", 1);
	assert_int_equal(wk_local_dirs("/etc/radio", &v, &err), WK_OK);
	assert_string_equal(v[0], "/etc/radio/voices");
	assert_null(v[1]);
	wk_local_dirs_free(v);
	setenv("WILLAKUY_LOCAL", "/etc/radio/voices", 1);
	assert_int_equal(wk_local_dirs("/etc/radio", &v, &err), WK_OK);
	assert_null(v[1]);			/* once */
	wk_local_dirs_free(v);
	assert_int_equal(wk_local_dirs(NULL, &v, &err), WK_OK);
	assert_string_equal(v[0], "/etc/radio/voices");
	assert_null(v[1]);
	wk_local_dirs_free(v);
	setenv("WILLAKUY_LOCAL", "", 1);
}

/* Two stations open at once: a maps Deportes and a category of its local
 * catalogue, b respells Nery; neither sees the other's. */
static void
test_two_sites(void **state)
{
	struct wk_site *a = NULL, *b = NULL;
	struct wk_diags d;
	struct wk_err err;
	struct wk_voice *va, *vb;
	char *cats[] = { "Ferias", "Deportes", NULL };
	struct wk_news_item it;
	char sa[600], sb[600];

	(void)state;
	memset(&it, 0, sizeof it);
	wk_diags_init(&d, NULL);
	snprintf(sa, sizeof sa, "%s", put("a/a.xml", "<station id=\"a\" "
	    "name=\"A\"><category name=\"Deportes\" network=\"informacion\"/>"
	    "</station>"));
	put("a/voices/catalog.xml", "<catalog><network id=\"artesania\">"
	    "<name xml:lang=\"es\">artesanía</name><category>ferias</category>"
	    "</network></catalog>");
	snprintf(sb, sizeof sb, "%s", put("b/b.xml",
	    "<station id=\"b\" name=\"B\"/>"));
	put("b/voices/es/lexicon.txt", "Nery = Neri de los ríos\n");
	assert_int_equal(wk_site_open(sa, 0, &d, &a, &err), WK_OK);
	assert_int_equal(wk_site_open(sb, 0, &d, &b, &err), WK_OK);
	assert_int_equal(d.nerrors, 0);

	/* Lexicons: b's only. */
	assert_non_null(va = wk_site_voice(a, "es", &d, &err));
	assert_non_null(vb = wk_site_voice(b, "es", &d, &err));
	assert_true(va != vb);
	assert_null(wk_voice_lex(va, "Nery", 4));
	assert_string_equal(wk_voice_lex(vb, "Nery", 4), "Neri de los ríos");

	/* Networks: the first category a map knows, station first. */
	it.network = "Ferias";
	it.categories = cats;
	it.ncategories = 2;
	assert_string_equal(wk_site_network(a, &it), "artesania");
	assert_string_equal(wk_site_network(b, &it), "Ferias");
	cats[0] = "Deportes";
	cats[1] = "Ferias";
	assert_string_equal(wk_site_network(a, &it), "informacion");
	cats[0] = "agricultura";	/* a shipped synonym */
	assert_string_equal(wk_site_network(b, &it), "agro");
	it.categories = NULL;	/* <news>: its network as read */
	it.ncategories = 0;
	it.network = "turismo";
	assert_string_equal(wk_site_network(a, &it), "turismo");

	/* Catalogues: a's local network entry replaced the shipped one. */
	assert_non_null(wk_entry_find(a->cat->networks, a->cat->nnetworks,
	    "artesania"));
	assert_null(wk_entry_name(wk_entry_find(a->cat->networks,
	    a->cat->nnetworks, "artesania"), "qu"));
	assert_non_null(wk_entry_name(wk_entry_find(b->cat->networks,
	    b->cat->nnetworks, "artesania"), "qu"));

	/* Quotable: a's feed folder and the data folder, nothing else. */
	assert_false(wk_site_quotable(a, "/etc/passwd"));
	assert_true(wk_site_quotable(a, "voices/catalog.xml"));
	wk_site_free(a);
	wk_site_free(b);
	wk_diags_free(&d);
}

/* A voice's recordings come from the station's folders only (issue 24):
 * the last folder with LANG/prompts/index.txt gives the whole kit, each
 * file resolved beside its index; the shipped voice has none. */
static void
test_prompts(void **state)
{
	static const struct {
		const char *files;	/* "path=text;..." under the row's folder */
		int ndirs;		/* folders sys, own (0: none given) */
		enum wk_status st;
		size_t n;		/* prompts */
		const char *from;	/* the index read, under the row's folder */
		int warnings;
	} rows[] = {
		{ "", 0, WK_OK, 0, NULL, 0 },
		{ "", 2, WK_OK, 0, NULL, 0 },
		{ "sys/qu/prompts/index.txt=# kit\na.wav: allin punchaw\nb.wav: sulis\n;"
		  "sys/qu/prompts/a.wav=x;sys/qu/prompts/b.wav=x", 2, WK_OK, 2,
		  "sys/qu/prompts/index.txt", 0 },
		/* Both: the station's own wins whole (b is not taken from sys,
		 * whose index is not even read: its missing files go unsaid). */
		{ "sys/qu/prompts/index.txt=a.wav: allin punchaw\nb.wav: sulis\n;"
		  "own/qu/prompts/index.txt=c.wav: huk\n;own/qu/prompts/c.wav=x",
		  2, WK_OK, 1, "own/qu/prompts/index.txt", 0 },
		/* A prompts folder without an index, or another language's kit,
		 * is no kit for qu. */
		{ "sys/qu/prompts/index.txt=a.wav: huk\n;sys/qu/prompts/a.wav=x;"
		  "own/qu/prompts/a.wav=x;own/es/prompts/index.txt=a.wav: uno\n",
		  2, WK_OK, 1, "sys/qu/prompts/index.txt", 0 },
		/* A missing file: a warning, the prompt kept (its words are
		 * synthesized when it is vetted). */
		{ "own/qu/prompts/index.txt=a.wav: huk\n", 2, WK_OK, 1,
		  "own/qu/prompts/index.txt", 1 },
		{ "own/qu/prompts/index.txt=\n# no colon:\nhuk\n", 2, WK_EINPUT, 0,
		  "own/qu/prompts/index.txt", 0 },
		{ "own/qu/prompts/index.txt=a.wav:\n", 2, WK_EINPUT, 0,
		  "own/qu/prompts/index.txt", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char row[32], buf[512], *f, *save = NULL, want[1024];
		char sys[128], own[128];
		const char *dirs[3];
		struct wk_voice *v = NULL;
		struct wk_diags d;
		struct wk_err err;
		enum wk_status st;

		snprintf(row, sizeof row, "prompts%zu", i);
		snprintf(buf, sizeof buf, "%s", rows[i].files);
		for (f = strtok_r(buf, ";", &save); f != NULL;
		    f = strtok_r(NULL, ";", &save)) {
			char name[600], *eq = strchr(f, '=');	/* put's buffer */

			assert_non_null(eq);
			*eq = '\0';
			snprintf(name, sizeof name, "%s/%s", row, f);
			put(name, eq + 1);
		}
		snprintf(sys, sizeof sys, "%s/%s/sys", dir, row);
		snprintf(own, sizeof own, "%s/%s/own", dir, row);
		dirs[0] = sys;
		dirs[1] = own;
		dirs[2] = NULL;
		wk_diags_init(&d, NULL);
		assert_int_equal(wk_voice_load("qu", &v, &d, &err), WK_OK);
		assert_int_equal(v->nprompts, 0);	/* nothing shipped */
		st = wk_voice_add_prompts(v, rows[i].ndirs ? dirs : NULL, &d,
		    &err);
		snprintf(want, sizeof want, "%s/%s/%s", dir, row,
		    rows[i].from ? rows[i].from : "");
		if (st != rows[i].st || (st == WK_OK && v->nprompts != rows[i].n) ||
		    (int)d.nwarnings != rows[i].warnings ||
		    (rows[i].from == NULL) != (v->prompts_path == NULL) ||
		    (rows[i].from != NULL && strcmp(v->prompts_path, want) != 0))
			fail_msg("row %zu: status %d (want %d), %zu prompts (want "
			    "%zu), %zu warnings (want %d), index %s (want %s)", i,
			    st, rows[i].st, v->nprompts, rows[i].n, d.nwarnings,
			    rows[i].warnings, v->prompts_path ? v->prompts_path
			    : "none", rows[i].from ? want : "none");
		if (st == WK_EINPUT && (strcmp(err.file, want) != 0 ||
		    err.line < 1))
			fail_msg("row %zu: error at %s:%d, want %s", i, err.file,
			    err.line, want);
		/* Each file beside the index it is listed in. */
		if (st == WK_OK && v->nprompts > 0) {
			char *slash = strrchr(want, '/');

			assert_non_null(slash);
			assert_int_equal(strncmp(v->prompts[0].path, want,
			    (size_t)(slash - want + 1)), 0);
		}
		wk_voice_free(v);
		wk_diags_free(&d);
	}
}

/* The voice that reads a tag: the one whose accepted ranges match best. */
static void
test_voice_for(void **state)
{
	static const struct {
		const char *tag, *want;	/* NULL: no voice */
	} rows[] = {
		{ "es", "es" }, { "es-PE", "es" }, { "es-419", "es" },
		{ "ES", "es" }, { "qu", "qu" }, { "qu-PE", "qu" }, { "quy", "qu" },
		{ "que", "qu" }, { "quz", NULL }, { "qu_z", NULL }, { "en", NULL },
		{ "spa", NULL },
	};
	struct wk_site *s = NULL;
	struct wk_err err;
	size_t i;

	(void)state;
	assert_int_equal(wk_site_open("examples/station.xml", 0, NULL, &s,
	    &err), WK_OK);
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct wk_voice *v = wk_site_voice_for(s, rows[i].tag);

		if ((v == NULL) != (rows[i].want == NULL) ||
		    (v != NULL && strcmp(v->lang, rows[i].want) != 0))
			fail_msg("tag %s: voice %s, want %s", rows[i].tag,
			    v ? v->lang : "none", rows[i].want ? rows[i].want
			    : "none");
	}
	wk_site_free(s);
}

/* A station file that cannot be read leaves no site; one read with
 * WK_SITE_SETTINGS has no catalogue. */
static void
test_open_fails(void **state)
{
	struct wk_site *s = (struct wk_site *)1;
	struct wk_diags d;
	struct wk_err err;

	(void)state;
	wk_diags_init(&d, NULL);
	assert_int_equal(wk_site_open(put("bad.xml", "<station id=\"x\">"), 0,
	    &d, &s, &err), WK_EINPUT);
	assert_null(s);
	assert_int_equal(wk_site_open(NULL, WK_SITE_SETTINGS, &d, &s, &err),
	    WK_OK);
	assert_non_null(s->station);
	assert_null(s->cat);
	assert_string_equal(s->station->id, "radio-comunitaria");
	wk_site_free(s);
	wk_site_free(NULL);
	wk_diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang_match),
		cmocka_unit_test(test_catmap),
		cmocka_unit_test(test_local_dirs),
		cmocka_unit_test(test_two_sites),
		cmocka_unit_test(test_voice_for),
		cmocka_unit_test(test_prompts),
		cmocka_unit_test(test_open_fails),
	};
	char cmd[600];
	int rc;

	setenv("WILLAKUY_LOCAL", "", 1);
	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("site", tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		rc = 1;
	wk_xml_cleanup();
	return rc;
}
