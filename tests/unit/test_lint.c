/*
 * The bulletin checks of lint.c: dates written in text (readable, no such
 * day, two readings) and the language a mistyped xml:lang was meant to be.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cli/lint.h"
#include "read/rules.h"

static void
test_dates(void **state)
{
	static const struct {
		const char *in;
		int want;
		size_t len;
	} rows[] = {
		{ "29/11/2026", WK_LINT_OK, 10 },
		{ "31/11/2026", WK_LINT_BAD, 10 },
		{ "29/02/2026", WK_LINT_BAD, 10 },
		{ "29/02/2028", WK_LINT_OK, 10 },
		{ "2026/12/04", WK_LINT_AMBIGUOUS, 10 },
		{ "2026/12/24", WK_LINT_OK, 10 },
		{ "2026/04/04", WK_LINT_OK, 10 },
		{ "2026-12-04", WK_LINT_OK, 10 },
		{ "2026-13-04", WK_LINT_BAD, 10 },
		{ "2026/13/31", WK_LINT_BAD, 10 },
		{ "1.5.2026", WK_LINT_OK, 8 },
		{ "2.50", WK_LINT_NOT_DATE, 0 },
		{ "3/4", WK_LINT_NOT_DATE, 0 },
		{ "12/5/26", WK_LINT_NOT_DATE, 7 },
		{ "1 250", WK_LINT_NOT_DATE, 0 },
		{ "hola", WK_LINT_NOT_DATE, 0 },
	};
	size_t i, failed = 0, len;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int got;

		len = 0;
		got = wk_lint_date(rows[i].in, &len);
		if (got != rows[i].want || (rows[i].want != WK_LINT_NOT_DATE &&
		    len != rows[i].len)) {
			fprintf(stderr, "%s: want %d (len %zu), got %d (len %zu)\n",
			    rows[i].in, rows[i].want, rows[i].len, got, len);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

static void
test_suggest(void **state)
{
	static char es[] = "es", qu[] = "qu";
	static char *const known[] = { es, qu };
	static const struct {
		const char *in, *want;
	} rows[] = {
		{ "quechua", "qu" }, { "Quechua", "qu" }, { "runasimi", "qu" },
		{ "quechwa", "qu" }, { "castellano", "es" }, { "español", "es" },
		{ "es-PE", "es" }, { "qu_PE", "qu" }, { "QU", "qu" },
		{ "qi", "qu" }, { "klingon", NULL }, { "fr", NULL },
	};
	size_t i, failed = 0;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *got = wk_rules_suggest_lang(rows[i].in, known, 2);

		if ((got == NULL) != (rows[i].want == NULL) ||
		    (got != NULL && strcmp(got, rows[i].want) != 0)) {
			fprintf(stderr, "%s: want %s, got %s\n", rows[i].in,
			    rows[i].want ? rows[i].want : "(none)",
			    got ? got : "(none)");
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_suggest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
