#ifndef WK_PREVIEW_H
#define WK_PREVIEW_H
/*
 * `willakuy preview`: what a bulletin would say, before any audio is made.
 */

#include <stdio.h>

#include "base/date.h"
#include "base/err.h"

struct wk_diags;

/* Prints the spoken script of the bulletin at path (lang NULL: every
 * language) for station (NULL: the default one) on date, segment by
 * segment, with estimated durations, to out. Problems with feeds go to d
 * as warnings; WK_EUSAGE when the bulletin is not in lang. */
enum wk_status wk_preview(const char *path, const char *lang,
    const char *station, struct wk_date date, FILE *out, struct wk_diags *d,
    struct wk_err *err);

#endif
