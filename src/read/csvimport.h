#ifndef WK_CSVIMPORT_H
#define WK_CSVIMPORT_H
/*
 * `willakuy import`: a spreadsheet's CSV of the day's prices (header row
 * fecha,mercado,producto,unidad,precio[,anterior] or the English date,
 * market, product, unit, value, previous; any order) -> a price feed
 * (<prices>, bulletins/schema/prices.rng).
 */

#include "base/err.h"

struct wk_buf;
struct wk_catalog;
struct wk_diags;

/*
 * Reads the CSV at path (UTF-8 with or without BOM, Windows-1252 or
 * Latin-1; comma or semicolon separated; RFC 4180 quoting; decimal comma or
 * point; dates YYYY-MM-DD or DD/MM/YYYY) and appends the feed's XML to out.
 * Market and product names are matched to catalogue ids (cat may be NULL).
 * Every bad row is reported in d as path:line; then WK_EINPUT is returned
 * and out must not be used.
 */
enum wk_status wk_csv_to_feed(const char *path, const struct wk_catalog *cat,
    struct wk_buf *out, struct wk_diags *d, struct wk_err *err);

/* Parses an amount as a spreadsheet writes it ("2,50", "2.50", "S/ 1.234,50",
 * "1,234.50") into céntimos; -1 when it is not one. */
long long wk_csv_amount(const char *s);

#endif
