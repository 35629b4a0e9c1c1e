/*
 * The plausibility rule for prices (read/plausible.c), against a table:
 * zero, the feed's previous price and the archived one with the station's
 * factor, both ways, at the boundary; the likely cause from the ratio; the
 * sentence check, import and build print.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/buf.h"
#include "read/plausible.h"

static void
test_rule(void **state)
{
	static const struct {
		long long value, previous, archived;
		double factor;
		enum wk_suspect want;
		const char *cause;
	} cases[] = {
		/* The three slips. */
		{ 2500, 250, -1, 3, WK_PRICE_PREVIOUS, "is the decimal point missing?" },
		{ 25, 2500, -1, 3, WK_PRICE_PREVIOUS,
		  "is the decimal point in the wrong place?" },
		{ 0, 200, -1, 3, WK_PRICE_ZERO, "is the value missing?" },
		{ 0, -1, -1, 3, WK_PRICE_ZERO, "is the value missing?" },
		{ -5, -1, -1, 3, WK_PRICE_ZERO, "is the value missing?" },
		/* Within the factor, at it, just past it. */
		{ 250, 230, -1, 3, WK_PRICE_PLAUSIBLE, "" },
		{ 300, 100, -1, 3, WK_PRICE_PLAUSIBLE, "" },
		{ 100, 300, -1, 3, WK_PRICE_PLAUSIBLE, "" },
		{ 301, 100, -1, 3, WK_PRICE_PREVIOUS, "is the figure right?" },
		{ 100, 301, -1, 3, WK_PRICE_PREVIOUS, "is the figure right?" },
		/* No reference, or a reference of zero: nothing to compare. */
		{ 99999, -1, -1, 3, WK_PRICE_PLAUSIBLE, "" },
		{ 500, 0, -1, 3, WK_PRICE_PLAUSIBLE, "" },
		/* The archive when the feed's previous price agrees or is
		 * missing; the previous price first. */
		{ 2500, -1, 250, 3, WK_PRICE_ARCHIVE, "is the decimal point missing?" },
		{ 2500, 2400, 250, 3, WK_PRICE_ARCHIVE, "is the decimal point missing?" },
		{ 2500, 250, 2400, 3, WK_PRICE_PREVIOUS, "is the decimal point missing?" },
		{ 250, 240, 260, 3, WK_PRICE_PLAUSIBLE, "" },
		/* The station's factor. */
		{ 500, 100, -1, 5, WK_PRICE_PLAUSIBLE, "" },
		{ 501, 100, -1, 5, WK_PRICE_PREVIOUS, "is the figure right?" },
		{ 200, 100, -1, 1.5, WK_PRICE_PREVIOUS, "is the figure right?" },
		/* Another unit's price: a quintal's for a kilo's (46), an
		 * arroba's (11.5), a dozen's (12), a sack's (50). */
		{ 11500, 250, -1, 3, WK_PRICE_PREVIOUS, "is it the price of another "
		  "unit (docena, arroba, quintal, saco)?" },
		{ 2875, 250, -1, 3, WK_PRICE_PREVIOUS, "is it the price of another "
		  "unit (docena, arroba, quintal, saco)?" },
		{ 50, 600, -1, 3, WK_PRICE_PREVIOUS, "is it the price of another "
		  "unit (docena, arroba, quintal, saco)?" },
		{ 250, 12500, -1, 3, WK_PRICE_PREVIOUS, "is it the price of another "
		  "unit (docena, arroba, quintal, saco)?" },
		/* A thousand times, and near ten. */
		{ 250000, 250, -1, 3, WK_PRICE_PREVIOUS, "is the decimal point missing?" },
		{ 2600, 250, -1, 3, WK_PRICE_PREVIOUS, "is the decimal point missing?" },
		{ 2000, 250, -1, 3, WK_PRICE_PREVIOUS, "is the figure right?" },
	};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct wk_suspicion s;
		enum wk_suspect got = wk_plausible(cases[k].value, cases[k].previous,
		    cases[k].archived, cases[k].factor, &s);
		const char *cause = wk_suspicion_cause(&s);

		if (got != cases[k].want || strcmp(cause, cases[k].cause) != 0)
			fail_msg("case %zu (%lld, previous %lld, archived %lld, x%g): "
			    "got kind %d '%s', want %d '%s'", k, cases[k].value,
			    cases[k].previous, cases[k].archived, cases[k].factor,
			    got, cause, cases[k].want, cases[k].cause);
		assert_int_equal(s.value, cases[k].value);
		if (got == WK_PRICE_PREVIOUS)
			assert_int_equal(s.other, cases[k].previous);
		if (got == WK_PRICE_ARCHIVE)
			assert_int_equal(s.other, cases[k].archived);
	}
}

/* The sentence: both figures, how far apart, the cause. */
static void
test_describe(void **state)
{
	static const struct {
		long long value, previous, archived;
		const char *want;
	} cases[] = {
		{ 2500, 250, -1, "suspect price: 'papa-amarilla' per kg in market "
		  "'nery-garcia' is S/ 25.00 against its previous price, S/ 2.50, "
		  "10 times as much; is the decimal point missing?" },
		{ 25, 2500, -1, "suspect price: 'papa-amarilla' per kg in market "
		  "'nery-garcia' is S/ 0.25 against its previous price, S/ 25.00, "
		  "100 times less; is the decimal point in the wrong place?" },
		{ 0, 200, -1, "suspect price: 'papa-amarilla' per kg in market "
		  "'nery-garcia' is S/ 0.00; is the value missing?" },
		{ 1000, -1, 250, "suspect price: 'papa-amarilla' per kg in market "
		  "'nery-garcia' is S/ 10.00 against S/ 2.50 in the archive on "
		  "2026-11-28, 4.0 times as much; is the figure right?" },
		{ 250, 240, -1, "" },
	};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct wk_suspicion s;
		struct wk_buf b = WK_BUF_INIT;

		wk_plausible(cases[k].value, cases[k].previous, cases[k].archived,
		    WK_PLAUSIBLE_FACTOR, &s);
		/* wk_plausible_price sets the archived price's date. */
		assert_int_equal(wk_date_parse("2026-11-28", &s.other_date), 0);
		wk_suspicion_describe(&s, "nery-garcia", "papa-amarilla", "kg", &b);
		assert_false(b.failed);
		if (strcmp(wk_buf_str(&b), cases[k].want) != 0)
			fail_msg("case %zu: got '%s', want '%s'", k, wk_buf_str(&b),
			    cases[k].want);
		wk_buf_free(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule),
		cmocka_unit_test(test_describe),
	};

	return cmocka_run_group_tests_name("plausible", tests, NULL, NULL);
}
