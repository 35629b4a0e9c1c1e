#ifndef WK_KIT_H
#define WK_KIT_H
/*
 * `willakuy kit`: the recording script of a station's own voice. Composes
 * the given bulletins as `build` would and lists the words and phrases to
 * record (names, units, money and number words, trend words, connectors,
 * date words, the fixed sentences), each with the file name to save it
 * under and its sentence position, ordered by the seconds of those
 * bulletins it would say; writes an index.txt to fill in.
 */

#include <stdio.h>

#include "base/date.h"
#include "base/err.h"

struct wk_diags;

/*
 * Prints the script for paths[0..n) in lang (every language of the
 * bulletins when NULL) to out; with outdir, also writes
 * outdir/<lang>/index.txt and outdir/<lang>/script.txt.
 */
enum wk_status wk_kit(char *const *paths, int n, const char *lang,
    const char *station_path, struct wk_date date, const char *outdir,
    FILE *out, struct wk_diags *d, struct wk_err *err);

#endif
