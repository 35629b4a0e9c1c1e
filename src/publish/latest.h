#ifndef WK_LATEST_H
#define WK_LATEST_H
/*
 * latest/ means "valid for today". After a run for date D every file of a
 * bulletin-language (NAME.mp3 and whatever else NAME.* latest/ holds) was
 * built for D, by this run or an earlier one, or is the station's
 * replacement clip for a bulletin that could not be built (<latest
 * on-failure="clip">); the files of bulletins not built for D are
 * removed. What latest/ holds is written down in latest/.willakuy-latest:
 *
 *   willakuy-latest 1 YYYY-MM-DD          (the date latest/ is valid for)
 *   NAME<TAB>YYYY-MM-DD<TAB>built|clip<TAB>bulletin file
 *
 * The manifest is replaced in the same journal as the files it describes:
 * each publication that moves latest/NAME.mp3 (publish.c) and the end of
 * the run (wk_latest_settle) put files and manifest in place together, so
 * a run killed at any point leaves them agreeing once the next run
 * finishes its journal.
 *
 * latest/ only moves forward, and never past today (the machine's date in
 * its time zone): a run for a date after today publishes its date folder
 * and leaves latest/ as it is (the first run on or after that date moves
 * it); a run for a date earlier than the manifest's (whose date folder
 * still exists) leaves latest/ as it is, unless the manifest's date is
 * after today (a clock set wrong, a mistyped -d): then the run takes
 * latest/ back, with a warning. A bulletin-language that a later date
 * folder not after today holds is that date's business. Everything is
 * done from the output folder's descriptors, under its lock, without
 * following links.
 */

#include "sound/audio.h"
#include "base/err.h"

struct wk_diags;
struct wk_outdir;
struct wk_station;
struct wk_latest;

/* Reads latest/'s manifest for a run on o's date; holds latest/
 * (wk_outdir_hold_latest) when it is valid for a later date or the run's
 * date is after today (a note in d says so), and otherwise gives o the
 * manifest each publication writes (wk_outdir_set_manifest). WK_ENOMEM. */
enum wk_status wk_latest_open(struct wk_outdir *o, struct wk_diags *d,
    struct wk_latest **out, struct wk_err *err);
/* Frees l; call it before closing its output folder. */
void wk_latest_free(struct wk_latest *l);

/* The bulletin file whose bulletin-languages are published next, for the
 * manifest written with them. */
void wk_latest_source(struct wk_latest *l, const char *path);

/* 1 when the run's date is after today: latest/ stays as it is. */
int wk_latest_future(const struct wk_latest *l);

/* The date after today that latest/ held and this run takes it back
 * from, or NULL. */
const char *wk_latest_unpinned(const struct wk_latest *l);

/* The later date (not after today) latest/ is left at, since the run's
 * date is earlier, or NULL. */
const char *wk_latest_later(const struct wk_latest *l);

/* What the run did: bulletin-language name (BULLETIN-LANG) of bulletin
 * file path was built and published, or could not be; a bulletin file
 * that could not be read (its bulletin-languages are those the manifest
 * names for it). */
void wk_latest_built(struct wk_latest *l, const char *path, const char *name);
void wk_latest_failed(struct wk_latest *l, const char *path, const char *name);
void wk_latest_failed_file(struct wk_latest *l, const char *path);

/* At the end of the run: removes the files of bulletin-languages not built
 * for the date, puts the station's clip (encoded with p) in place of the
 * failed ones when it asks for it, puts back the date's file of those
 * built earlier (before the date came, or replaced since), and writes the
 * manifest, all in one journal. Problems are reported in d; latest/ is
 * left as it was when it cannot be read. Nothing when latest/ is held. */
void wk_latest_settle(struct wk_latest *l, const struct wk_station *s,
    const struct wk_audio_params *p, struct wk_diags *d);

#endif
