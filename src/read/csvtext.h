#ifndef WK_CSVTEXT_H
#define WK_CSVTEXT_H
/*
 * The text of spreadsheets' CSV files, both ways: a file read into UTF-8
 * (refusing a mix of encodings), amounts and dates as spreadsheets write
 * them, the keys that names are matched by, cells quoted in messages, and
 * cells written for a spreadsheet that never takes them for formulas.
 * `willakuy import` (csvimport.c) and `willakuy history` use them.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/date.h"
#include "base/err.h"

struct wk_buf;
struct wk_entry;

/* Bytes of a cell that a message quotes, and the room wk_csv_shown needs
 * to quote them. */
#define WK_CSV_SHOW_MAX 60
#define WK_CSV_SHOWN (WK_CSV_SHOW_MAX * 6 + 8)

/*
 * Reads the file at path (at most 128 MB) as UTF-8 text, NUL-terminated,
 * *len bytes without the NUL: as it is when it is valid UTF-8 (a BOM is
 * dropped), converted when it is wholly Windows-1252 (else Latin-1). A
 * file that mixes UTF-8 with single-byte characters, holds a NUL or is
 * UTF-16 is refused with the line and column of the first offending byte
 * and what to do. malloc'd; NULL with err set (WK_EINPUT, WK_ENOMEM).
 */
char *wk_csv_read(const char *path, size_t *len, struct wk_err *err);

/* Parses an amount as a spreadsheet writes it ("2,50", "2.50", "S/ 1.234,50",
 * "1,234.50") into céntimos; -1 when it is not one. */
long long wk_csv_amount(const char *s);

/* Parses a date as import reads it: YYYY-MM-DD, or day first as DD/MM/YYYY
 * (also D/M/YYYY, DD-MM-YYYY, DD.MM.YYYY). 0, or -1 when s is not a real
 * date. */
int wk_csv_date(const char *s, struct wk_date *dt);

/*
 * The key names are compared by: lower case, accents dropped, every run of
 * other characters one '-', none at the ends ("Mercado Nery García" ->
 * "mercado-nery-garcia"). wk_csv_key_into puts it in b (emptied first);
 * wk_csv_key returns it malloc'd, NULL when out of memory.
 */
void wk_csv_key_into(struct wk_buf *b, const char *s);
char *wk_csv_key(const char *s);

/*
 * The entry of v[0..n) that s names, as import matches a cell: its id, or
 * one of its names, compared by key. An id wins over a name. NULL when
 * none does, or when the names of several entries have that key (then
 * *ambiguous is set to 1, else 0).
 */
const struct wk_entry *wk_csv_match(const struct wk_entry *v, size_t n,
    const char *s, int *ambiguous);

/* 1 for a character that a feed must not carry: a control character, a
 * line or paragraph separator, an invisible formatting character (direction
 * marks and overrides, a BOM). wk_csv_control: the first of s, or 0. */
int wk_csv_is_control(uint32_t cp);
uint32_t wk_csv_control(const char *s);

/* s for a message: control and invisible characters written as \n, \t,
 * \x1b or \u2028, so that a cell never drives the terminal; cut after
 * WK_CSV_SHOW_MAX bytes with "...". Returns out. */
const char *wk_csv_shown(const char *s, char out[WK_CSV_SHOWN]);

/*
 * Writes s to out as one CSV cell for a spreadsheet: a text that starts
 * with = + - @ a tab or a carriage return (which spreadsheets take for a
 * formula) gets a leading apostrophe, and the cell is then quoted; a cell
 * holding a comma, a semicolon, a quote or a line break is quoted, quotes
 * doubled (RFC 4180). delim is the file's separator.
 */
void wk_csv_cell(FILE *out, const char *s, char delim);

#endif
