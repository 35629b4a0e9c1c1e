#ifndef WK_CHECK_H
#define WK_CHECK_H
/*
 * `willakuy check`: reads editors' files and says what is wrong before any
 * audio is made (`preview`, in preview.h, says what would be said).
 */

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"

struct wk_diags;

/* Checks each file: its schema, then its meaning (unknown ids and units,
 * stale dates, texts missing one of the voices' languages, figures that
 * differ between the languages of a text, spelling a voice asks to check)
 * as the station file station (NULL: the default station) sees them: its
 * catalogue, category map and lexicons, as `build -c` reads them. All
 * findings go to d. Returns WK_OK, WK_EINPUT when any file (or the
 * station's) has errors, WK_ENOMEM. */
enum wk_status wk_check_files(char *const *paths, size_t n,
    const char *station, struct wk_date date, struct wk_diags *d);

#endif
