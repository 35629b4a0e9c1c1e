#ifndef WK_LATEST_H
#define WK_LATEST_H
/*
 * latest/ means "valid for today". After a run for date D every file of a
 * bulletin-language (NAME.mp3 and whatever else NAME.* latest/ holds) was
 * built for D, by this run or an earlier one of the same day, or is the
 * station's replacement clip for a bulletin that could not be built
 * (<latest on-failure="clip">); the files of bulletins not built for D are
 * removed. What latest/ holds is written down in latest/.willakuy-latest,
 * replaced atomically at the end of each run:
 *
 *   willakuy-latest 1 YYYY-MM-DD          (the date latest/ is valid for)
 *   NAME<TAB>YYYY-MM-DD<TAB>built|clip<TAB>bulletin file
 *
 * latest/ only moves forward: a run for a date earlier than the one in the
 * manifest (whose date folder still exists) leaves latest/ as it is, and a
 * bulletin-language a later date folder holds is that date's business.
 * Everything is done from the output folder's descriptors, under its lock,
 * without following links.
 */

#include "sound/audio.h"
#include "base/err.h"

struct wk_diags;
struct wk_outdir;
struct wk_station;
struct wk_latest;

/* Reads latest/'s manifest for a run on o's date; holds latest/
 * (wk_outdir_hold_latest) when it is valid for a later date. WK_ENOMEM. */
enum wk_status wk_latest_open(struct wk_outdir *o, struct wk_diags *d,
    struct wk_latest **out, struct wk_err *err);
void wk_latest_free(struct wk_latest *l);

/* What the run did: bulletin-language name (BULLETIN-LANG) of bulletin
 * file path was built and published, or could not be; a bulletin file
 * that could not be read (its bulletin-languages are those the manifest
 * names for it). */
void wk_latest_built(struct wk_latest *l, const char *path, const char *name);
void wk_latest_failed(struct wk_latest *l, const char *path, const char *name);
void wk_latest_failed_file(struct wk_latest *l, const char *path);

/* At the end of the run: removes the files of bulletin-languages not built
 * for the date, puts the station's clip (encoded with p) in place of the
 * failed ones when it asks for it, and writes the manifest. Problems are
 * reported in d; latest/ is left as it was when it cannot be read. */
void wk_latest_settle(struct wk_latest *l, const struct wk_station *s,
    const struct wk_audio_params *p, struct wk_diags *d);

#endif
