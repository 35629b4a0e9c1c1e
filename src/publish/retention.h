#ifndef WK_RETENTION_H
#define WK_RETENTION_H
/*
 * Retention of the output folder: dated folders (YYYY-MM-DD, with their
 * files, segments and report sections) older than the station's
 * <retention days="N"> are removed, so that a month of runs does not fill
 * the disk. Only inside OUTDIR, never the broadcast date's folder or a later
 * one, never through a symbolic link. The conductor counts from today when
 * the broadcast date is after it, so that a mistyped year removes nothing
 * that today's run would keep.
 */

#include <stddef.h>

#include "base/date.h"

struct wk_diags;

/*
 * Removes every folder of outdir named as a date more than days days before
 * today (the broadcast date, or today's when that is earlier; days 0:
 * none). A folder that is a symbolic link, is not a folder or
 * is not owned by the user running willakuy is left alone, as is anything
 * inside a folder that is not ours (the folder then stays, with a warning).
 * Works from directory descriptors and never follows a link. Each removal is
 * a note in d, each problem a warning. Returns how many folders it removed.
 * Call it while holding the output folder's lock.
 */
size_t wk_retention_apply(const char *outdir, struct wk_date today,
    unsigned days, struct wk_diags *d);

#endif
