/*
 * Amounts in céntimos as figures: the sign first, then whole soles and two
 * decimals, computed on the magnitude so that -5 is "-0.05" and LLONG_MIN
 * does not overflow.
 */

#include <stdio.h>

#include "money.h"

static char *
format(long long cents, const char *symbol, char out[WK_MONEY_MAX])
{
	unsigned long long m = cents < 0 ? 0ULL - (unsigned long long)cents :
	    (unsigned long long)cents;

	snprintf(out, WK_MONEY_MAX, "%s%s%llu.%02llu", cents < 0 ? "-" : "",
	    symbol, m / 100, m % 100);
	return out;
}

char *
wk_money_figure(long long cents, char out[WK_MONEY_MAX])
{
	return format(cents, "", out);
}

char *
wk_money_soles(long long cents, char out[WK_MONEY_MAX])
{
	return format(cents, "S/ ", out);
}
