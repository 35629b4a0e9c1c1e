#ifndef WK_CSVIMPORT_H
#define WK_CSVIMPORT_H
/*
 * `willakuy import`: a spreadsheet's CSV of the day's prices (header row
 * fecha,mercado,producto,unidad,precio[,anterior][,confirmado] or the
 * English date, market, product, unit, value, previous, confirmed; any
 * order) checked row by row against the catalogue, the voices' units and
 * the plausibility of each price (plausible.h) -> a price feed (<prices>,
 * bulletins/schema/prices.rng). The text of the file (encodings, amounts,
 * dates, names) is csvtext.h's.
 */

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"

struct wk_buf;
struct wk_catalog;
struct wk_diags;
struct wk_voice;

/* What rows are checked against: the catalogue's markets and products, and
 * the units that every one of voices[0..nvoices) knows (none: any unit
 * without blanks). */
struct wk_csv_ref {
	const struct wk_catalog *cat;
	const struct wk_voice *const *voices;
	size_t nvoices;
	double price_factor;	/* the station's <prices max-change>; 0:
				 * the default (plausible.h) */
};

/* What a feed made from a CSV holds, for the caller's messages. */
struct wk_csv_info {
	struct wk_date date;	/* of every row */
	char date_text[32];	/* the first row's date cell, as written */
	int date_line;		/* its line */
	size_t nmarkets, nprices;
};

/*
 * Reads the CSV at path (as wk_csv_read reads it: UTF-8, or wholly
 * Windows-1252/Latin-1, never a mix) and appends the feed's XML to out.
 * Comma or semicolon separated, RFC 4180 quoting, amounts and dates as
 * wk_csv_amount and wk_csv_date read them. Markets and products are matched
 * to ref->cat by id or name (wk_csv_match), units to the voices' unit ids.
 * Every problem of every row (unknown market, product or unit with a "did
 * you mean", a bad amount or date, a control character, a row given twice,
 * a suspect price that its 'confirmado' cell does not vouch for) is
 * reported in d as path:line:col, at most 50 of each kind; then
 * WK_EINPUT is returned and out must not be used. On success *info (may be
 * NULL) describes the feed.
 */
enum wk_status wk_csv_to_feed(const char *path, const struct wk_csv_ref *ref,
    struct wk_buf *out, struct wk_csv_info *info, struct wk_diags *d,
    struct wk_err *err);

/* 1 when path looks like a spreadsheet's CSV rather than XML: its name ends
 * in .csv, or its first line names import's columns. */
int wk_csv_is_sheet(const char *path);

#endif
