#ifndef WK_CHECK_H
#define WK_CHECK_H
/*
 * `willakuy check` and `willakuy preview`: read editors' files and say what
 * is wrong, or what would be said, before any audio is made.
 */

#include <stdio.h>

#include "date.h"
#include "err.h"

struct wk_diags;

/* Checks each file: its schema, then its meaning (unknown ids, stale
 * dates, texts missing a language, figures that differ between the
 * Spanish and Quechua texts, letters outside the Chanka alphabet). All
 * findings go to d. Returns WK_OK, or WK_EINPUT when any file has errors. */
enum wk_status wk_check_files(char *const *paths, size_t n,
    struct wk_date date, struct wk_diags *d);

/* Prints the spoken script of a bulletin (lang NULL: every language),
 * segment by segment, with estimated durations. */
enum wk_status wk_preview(const char *path, const char *lang,
    const char *station, struct wk_date date, FILE *out, struct wk_diags *d,
    struct wk_err *err);

#endif
