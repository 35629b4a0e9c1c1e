/*
 * base/: amounts of money as figures (money.c) and the hashes (hash.c),
 * against tables: a sign and a leading zero are never lost, the extremes
 * do not overflow, and FNV-1a gives the published test vectors.
 */

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/hash.h"
#include "base/money.h"

static const struct {
	long long cents;
	const char *figure, *soles;
} money_cases[] = {
	{ 0, "0.00", "S/ 0.00" },
	{ 5, "0.05", "S/ 0.05" },
	{ 250, "2.50", "S/ 2.50" },
	{ 2500, "25.00", "S/ 25.00" },
	{ 123456789, "1234567.89", "S/ 1234567.89" },
	{ -5, "-0.05", "-S/ 0.05" },
	{ -250, "-2.50", "-S/ 2.50" },
	{ LLONG_MAX, "92233720368547758.07", "S/ 92233720368547758.07" },
	{ LLONG_MIN, "-92233720368547758.08", "-S/ 92233720368547758.08" },
};

static void
test_money(void **state)
{
	char out[WK_MONEY_MAX];
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof money_cases / sizeof money_cases[0]; i++) {
		if (strcmp(wk_money_figure(money_cases[i].cents, out),
		    money_cases[i].figure) != 0) {
			printf("money %lld: figure '%s', expected '%s'\n",
			    money_cases[i].cents, out, money_cases[i].figure);
			bad++;
		}
		if (strcmp(wk_money_soles(money_cases[i].cents, out),
		    money_cases[i].soles) != 0) {
			printf("money %lld: soles '%s', expected '%s'\n",
			    money_cases[i].cents, out, money_cases[i].soles);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Test vectors of FNV-1a (Fowler, Noll, Vo: the IETF draft's table). */
static void
test_fnv(void **state)
{
	(void)state;
	assert_true(wk_fnv32(WK_FNV32_INIT, "", 0) == 0x811c9dc5UL);
	assert_true(wk_fnv32(WK_FNV32_INIT, "a", 1) == 0xe40c292cUL);
	assert_true(wk_fnv32(WK_FNV32_INIT, "foobar", 6) == 0xbf9cf968UL);
	assert_true(wk_fnv64(WK_FNV64_INIT, "", 0) == 0xcbf29ce484222325ULL);
	assert_true(wk_fnv64(WK_FNV64_INIT, "a", 1) == 0xaf63dc4c8601ec8cULL);
	assert_true(wk_fnv64(WK_FNV64_INIT, "foobar", 6) ==
	    0x85944171f73967e8ULL);
	/* Going on from h is the hash of the whole. */
	assert_true(wk_fnv64(wk_fnv64(WK_FNV64_INIT, "foo", 3), "bar", 3) ==
	    wk_fnv64(WK_FNV64_INIT, "foobar", 6));
}

static void
test_key(void **state)
{
	wk_key a, b, c;

	(void)state;
	wk_key_of("segment one", 11, a);
	wk_key_of("segment one", 11, b);
	wk_key_of("segment onf", 11, c);
	assert_int_equal(strlen(a), 32);
	assert_string_equal(a, b);
	assert_true(strcmp(a, c) != 0);
	/* The 8-byte steps and the tail agree with any length. */
	wk_key_of("0123456789abcdef0", 17, a);
	wk_key_of("0123456789abcdef1", 17, b);
	assert_true(strcmp(a, b) != 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_fnv),
		cmocka_unit_test(test_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
