#ifndef WK_PLAYOUT_H
#define WK_PLAYOUT_H
/*
 * What a run does for playout systems and listeners once its bulletins
 * are published and retention has run: the podcast feed of every
 * bulletin-language it published (OUTDIR/podcast/NAME.xml, an episode per
 * dated folder that holds NAME.mp3, up to today: a date still to come is
 * not on the air yet; the station's picture copied beside them; none with
 * <publish podcast="no">), the page latest/index.html with a player per
 * bulletin in latest/ and latest/latest.m3u (left as they are by a run
 * for a date after today, like latest/), then the station's <hook> once
 * per bulletin-language published, with its files' paths and its
 * Rivendell cart and group in the environment (hook.c runs it).
 */

#include "base/date.h"

struct wk_diags;
struct wk_playout;
struct wk_script;
struct wk_station;

/* A run's list for outdir on date, today being the machine's date in its
 * time zone; station is borrowed and must outlive it. NULL when out of
 * memory. */
struct wk_playout *wk_playout_new(const struct wk_station *station,
    const char *outdir, struct wk_date date, struct wk_date today);
void wk_playout_free(struct wk_playout *p);

/* Notes that the bulletin-language of s was published, its feed in
 * language tag locale (NULL: the script's language); copies what it
 * keeps. 0, or -1 when out of memory. */
int wk_playout_add(struct wk_playout *p, const struct wk_script *s,
    const char *locale);

/*
 * Writes the feeds, the page and the playlist (each atomically: a
 * temporary file synced, then renamed over the old one) and runs the hook
 * for each bulletin-language added. A file that cannot be written and a
 * hook that fails, hangs or cannot start are errors in d (the run exits
 * 1); publication is never undone. Call it holding the output folder's
 * lock, after retention.
 */
void wk_playout_finish(struct wk_playout *p, struct wk_diags *d);

#endif
