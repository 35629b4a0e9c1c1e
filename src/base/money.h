#ifndef WK_MONEY_H
#define WK_MONEY_H
/*
 * Amounts of money as figures. willakuy keeps every amount as a whole
 * number of céntimos (long long); these are the only places that turn one
 * into digits, so that a sign or a leading zero is never lost.
 */

/* Room for any amount, with "S/ " and a sign. */
#define WK_MONEY_MAX 32

/* cents as a decimal figure with a point and two decimals, as feeds, CSV
 * and JSON write it: 250 -> "2.50", -5 -> "-0.05". Returns out. */
char *wk_money_figure(long long cents, char out[WK_MONEY_MAX]);

/* The same as Peru writes a price: 250 -> "S/ 2.50", -5 -> "-S/ 0.05".
 * Returns out. */
char *wk_money_soles(long long cents, char out[WK_MONEY_MAX]);

#endif
