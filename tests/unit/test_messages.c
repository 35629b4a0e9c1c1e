/*
 * Messages for editors and cron: values are escaped so that no feed can add
 * a line (err.c), a long line is quoted through a window with the caret in
 * place, diagnostics of one kind are capped per file and held ones come
 * out in the order of their lines, every libxml2 error of the table gets a
 * sentence with its names filled in (xmlmsg.c), and "did you mean" finds
 * the misspellings editors make (rngoutline.c). Tables, each case printed
 * with both values when it fails.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libxml/relaxng.h>

#include "base/err.h"
#include "read/rngoutline.h"
#include "read/xmlmsg.h"

static const struct {
	const char *in, *out;
} escapes[] = {
	{ "papa", "papa" },
	{ "Nery García Zárate", "Nery García Zárate" },
	{ "a\nwillakuy: fake error", "a\\nwillakuy: fake error" },
	{ "a\r\nb", "a\\r\\nb" },
	{ "a\tb", "a\\tb" },
	{ "\x1b[2Jclear", "\\x1B[2Jclear" },
	{ "bell\x07", "bell\\x07" },
	{ "del\x7f", "del\\x7F" },
	{ "nel\xc2\x85x", "nel\\u0085x" },
	{ "c1\xc2\x9b" "31m", "c1\\u009B31m" },
	{ "ls\xe2\x80\xa8ps\xe2\x80\xa9", "ls\\u2028ps\\u2029" },
	{ "rlo\xe2\x80\xaegnp.exe", "rlo\\u202Egnp.exe" },
	{ "latin1 \xe1 byte", "latin1 \\xE1 byte" },
	{ "cut \xe2\x80", "cut \\xE2\\x80" },
	/* Escaping twice changes nothing: a backslash stays. */
	{ "a\\nb", "a\\nb" },
	{ "", "" },
};

static void
test_escape(void **state)
{
	char out[256];
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof escapes / sizeof escapes[0]; i++) {
		wk_escape_line(escapes[i].in, out, sizeof out, 0);
		if (strcmp(out, escapes[i].out) != 0) {
			printf("escape case %zu: '%s', expected '%s'\n", i, out,
			    escapes[i].out);
			bad++;
		}
	}
	/* A tab kept for excerpts; a small buffer cuts between escapes. */
	wk_escape_line("\ta\n", out, sizeof out, WK_ESC_KEEP_TAB);
	assert_string_equal(out, "\ta\\n");
	wk_escape_line("ab\ncd", out, 4, 0);
	assert_string_equal(out, "ab");
	assert_int_equal(bad, 0);
}

/* What d printed, through a memory stream. */
struct captured {
	char *text;
	size_t len;
	FILE *f;
};

static void
capture(struct captured *c, struct wk_diags *d)
{
	memset(c, 0, sizeof *c);
	c->f = open_memstream(&c->text, &c->len);
	assert_non_null(c->f);
	wk_diags_init(d, c->f);
}

static void
done(struct captured *c)
{
	fclose(c->f);
}

static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

static void
test_cap(void **state)
{
	struct wk_diags d;
	struct captured c;
	size_t i;

	(void)state;
	capture(&c, &d);
	for (i = 0; i < 300; i++)
		wk_diag(&d, WK_ERROR, "feed.xml", 1, (int)(10 * i + 1),
		    "unknown product 'p%zu'", i);
	wk_diag(&d, WK_ERROR, "feed.xml", 2, 1, "another kind %d", 1);
	/* Another file has a cap of its own. */
	wk_diag(&d, WK_ERROR, "other.xml", 1, 1, "unknown product 'p%d'", 0);
	assert_int_equal(d.nerrors, 302);
	assert_int_equal(d.n, WK_DIAG_CAP + 3);	/* and the summary */
	wk_diags_free(&d);
	done(&c);
	assert_int_equal(count(c.text, "unknown product"), WK_DIAG_CAP + 2);
	assert_non_null(strstr(c.text, "feed.xml: error: and 250 more errors "
	    "like this one, not shown: unknown product 'p49'"));
	assert_null(strstr(c.text, "other.xml: error: and"));
	free(c.text);
}

static void
test_hold(void **state)
{
	struct wk_diags d;
	struct captured c;
	const char *a, *b, *z;

	(void)state;
	capture(&c, &d);
	wk_diags_hold(&d);
	wk_diag(&d, WK_ERROR, "b.xml", 0, 0, "%s", "the file as a whole");
	wk_diag(&d, WK_ERROR, "b.xml", 9, 4, "%s", "line nine");
	wk_diag(&d, WK_WARNING, "b.xml", 2, 7, "%s", "line two");
	wk_diag(&d, WK_ERROR, "b.xml", 2, 3, "%s", "line two, before");
	fflush(c.f);
	assert_int_equal(c.len, 0);	/* held */
	wk_diags_release(&d);
	wk_diags_free(&d);
	done(&c);
	a = strstr(c.text, "line two, before");
	b = strstr(c.text, "line two\n");
	z = strstr(c.text, "the file as a whole");
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(z);
	assert_true(a < b && b < strstr(c.text, "line nine") &&
	    strstr(c.text, "line nine") < z);
	free(c.text);
}

/* A 1 MB line is quoted through a window around the column, the caret
 * under the column, and quoting it many times stays cheap. */
static void
test_window(void **state)
{
	size_t n = 1u << 20, i;
	char *text = malloc(n + 1), *caret, *line;
	struct wk_diags d;
	struct captured c;

	(void)state;
	assert_non_null(text);
	for (i = 0; i < n; i++)
		text[i] = (char)('a' + i % 26);
	memcpy(text + 700000, "HERE", 4);
	text[n] = '\0';
	wk_err_allow_excerpt("long.xml", text, n, 0);
	capture(&c, &d);
	for (i = 0; i < 2000; i++)
		wk_diag(&d, WK_ERROR, "long.xml", 1, 700001, "problem %zu", i % 40);
	wk_diags_free(&d);
	done(&c);
	line = strstr(c.text, "     1 | ...");
	assert_non_null(line);
	caret = strstr(line, "\n       | ");
	assert_non_null(caret);
	/* The caret stands under the H of HERE. */
	assert_true(strchr(caret + 1, '^') - (caret + 1) ==
	    strstr(line, "HERE") - line);
	assert_true(strchr(line, '\n') - line < 130);
	free(c.text);
	free(text);
	wk_err_excerpts_free();
}

/* Structured errors as libxml2 raises them, and words each sentence must
 * hold once its names are filled in. */
static const struct {
	int domain, code;
	const char *str1, *str2, *message;
	int int1;
	const char *has;
} errors[] = {
	{ XML_FROM_PARSER, XML_ERR_TAG_NAME_MISMATCH, "market", "prices",
	    "Opening and ending tag mismatch: market line 3 and prices\n", 3,
	    "<market>, opened at line 3, is closed here with </prices>" },
	{ XML_FROM_PARSER, XML_ERR_TAG_NOT_FINISHED, "market", NULL,
	    "Premature end of data in tag market line 3\n", 3,
	    "add its closing tag </market>" },
	{ XML_FROM_PARSER, XML_ERR_NAME_REQUIRED, NULL, NULL,
	    "error parsing attribute name\n", 0, "an attribute name is wrong" },
	{ XML_FROM_PARSER, XML_ERR_NAME_REQUIRED, NULL, NULL,
	    "xmlParseEntityRef: no name\n", 0, "a lone '&'" },
	{ XML_FROM_PARSER, XML_ERR_NAME_REQUIRED, NULL, NULL,
	    "StartTag: invalid element name\n", 0, "not followed by an element" },
	{ XML_FROM_PARSER, XML_ERR_ATTRIBUTE_REDEFINED, "previous", NULL,
	    "Attribute previous redefined\n", 0,
	    "the attribute previous is written twice" },
	{ XML_FROM_PARSER, XML_ERR_ATTRIBUTE_REDEFINED, "xml", "lang",
	    "Attribute xml:lang redefined\n", 0,
	    "the attribute xml:lang is written twice" },
	{ XML_FROM_PARSER, XML_ERR_ATTRIBUTE_WITHOUT_VALUE, "date", NULL,
	    "Specification mandates value for attribute date\n", 0,
	    "write date=\"...\"" },
	{ XML_FROM_PARSER, XML_ERR_UNDECLARED_ENTITY, "nbsp", NULL,
	    "Entity 'nbsp' not defined\n", 0, "&nbsp; is not an entity" },
	{ XML_FROM_PARSER, XML_ERR_INVALID_CHAR, "Bytes: 0xE1 0x61 0x22 0x3E",
	    NULL, "Input is not proper UTF-8, indicate encoding !\nBytes: 0xE1 "
	    "0x61 0x22 0x3E\n", 0, "(bytes 0xE1 0x61 0x22 0x3E)" },
	{ XML_FROM_PARSER, XML_ERR_INVALID_CHAR, NULL, NULL,
	    "Char 0x1 out of allowed range\n", 1, "(U+0001)" },
	{ XML_FROM_PARSER, XML_ERR_INTERNAL_ERROR, NULL, NULL,
	    "Excessive depth in document: 256 use XML_PARSE_HUGE option\n", 256,
	    "more than 256 deep" },
	{ XML_FROM_NAMESPACE, XML_NS_ERR_UNDEFINED_NAMESPACE, "x", "market",
	    "Namespace prefix x on market is not defined\n", 0,
	    "the prefix 'x:' of <x:market> is not declared" },
	{ XML_FROM_RELAXNGV, XML_RELAXNG_ERR_INVALIDATTR, "product", "prices",
	    "Invalid attribute product for element prices\n", 0,
	    "<prices> has no attribute 'product'" },
	{ XML_FROM_RELAXNGV, XML_RELAXNG_ERR_ELEMWRONG, "sya", NULL,
	    "Did not expect element sya there\n", 0, "<sya> is not allowed here" },
	{ XML_FROM_RELAXNGV, XML_RELAXNG_ERR_TYPEVAL, "nonNegativeInteger",
	    "abc", "Type nonNegativeInteger doesn't allow value 'abc'\n", 0,
	    "'abc' is not a valid value here" },
	{ XML_FROM_RELAXNGV, XML_RELAXNG_ERR_ELEMNAME, "segment", "segmnt",
	    "Expecting element segment, got segmnt\n", 0,
	    "<segmnt> is not expected here: <segment> should come here" },
	/* Not in the table: a sentence of its family, English appended. */
	{ XML_FROM_PARSER, 9999, NULL, NULL, "Something new\n", 0,
	    "(Something new)" },
};

static void
test_xmlmsg(void **state)
{
	char out[900];
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof errors / sizeof errors[0]; i++) {
		xmlError e;

		memset(&e, 0, sizeof e);
		e.domain = errors[i].domain;
		e.code = errors[i].code;
		e.str1 = (char *)errors[i].str1;
		e.str2 = (char *)errors[i].str2;
		e.message = (char *)errors[i].message;
		e.int1 = errors[i].int1;
		wk_xmlmsg_say(&e, out, sizeof out);
		if (strstr(out, errors[i].has) == NULL || strchr(out, '{') != NULL) {
			printf("xmlmsg case %zu: '%s', expected it to hold '%s'\n",
			    i, out, errors[i].has);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static const struct {
	const char *typo, *meant;	/* meant NULL: no suggestion */
} typos[] = {
	{ "sya", "say" },
	{ "speach", "speech" },
	{ "markte", "market" },
	{ "anounce", "announce" },
	{ "segmnt", "segment" },
	{ "Say", "say" },
	{ "prise", "price" },
	{ "previus", "previous" },
	{ "zzz", NULL },
	{ "network", NULL },
};

static void
test_near(void **state)
{
	static const char *const names[] = { "say", "speech", "market",
	    "announce", "segment", "price", "previous", "prices", "news", NULL };
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof typos / sizeof typos[0]; i++) {
		const char *got = wk_rng_nearest(typos[i].typo, names);

		if ((got == NULL) != (typos[i].meant == NULL) ||
		    (got != NULL && strcmp(got, typos[i].meant) != 0)) {
			printf("near '%s': '%s', expected '%s'\n", typos[i].typo,
			    got ? got : "(none)", typos[i].meant ? typos[i].meant
			    : "(none)");
			bad++;
		}
	}
	assert_int_equal(wk_rng_distance("buidl", "build"), 1);
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_hold),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_xmlmsg),
		cmocka_unit_test(test_near),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
