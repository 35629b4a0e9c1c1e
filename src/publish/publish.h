#ifndef WK_PUBLISH_H
#define WK_PUBLISH_H
/*
 * Publishing into the output directory so that playout never sees a
 * half-written file or a bulletin mixed from two runs. Every file is
 * written under a temporary name beside its final one, flushed and synced;
 * a bulletin's files are then put in place together: a journal lists the
 * moves, the segment folder is swapped in one step, the playlist,
 * transcript and whole-bulletin file are renamed over the old ones, and the
 * journal is removed. A run that dies half way is finished by the next one.
 * One run at a time holds the directory's lock.
 */

#include <stdio.h>

#include "base/err.h"

struct wk_outdir;
struct wk_pub;

/*
 * Opens path for a run on date (YYYY-MM-DD): creates it, its date folder
 * and latest/, takes its lock (waiting up to wait_s seconds, then
 * WK_ELOCK), completes any publication left unfinished and removes
 * temporary files left by killed runs. WK_EIO when it cannot be written,
 * or when another user owns it or may write into it (they could plant
 * links) and shared is 0. Nothing below path is reached through a link
 * willakuy did not make. Until wk_outdir_close, SIGTERM and SIGINT that
 * arrive during wk_pub_commit end the process only after it.
 */
enum wk_status wk_outdir_open(const char *path, const char *date,
    unsigned wait_s, int shared, struct wk_outdir **out, struct wk_err *err);
void wk_outdir_close(struct wk_outdir *o);

/* OUTDIR/YYYY-MM-DD and OUTDIR/latest. */
const char *wk_outdir_day(const struct wk_outdir *o);
const char *wk_outdir_latest(const struct wk_outdir *o);

/* For latest.c: the descriptors of OUTDIR, its date folder and latest/
 * (the output folder's own, not to be closed), and the run's date. */
int wk_outdir_fd(const struct wk_outdir *o);
int wk_outdir_dayfd(const struct wk_outdir *o);
int wk_outdir_latestfd(const struct wk_outdir *o);
const char *wk_outdir_date(const struct wk_outdir *o);

/* 1 when a date folder later than the run's holds its own base (a file
 * name): latest/base is then that date's business. */
int wk_outdir_newer(struct wk_outdir *o, const char *base);

/* From now on wk_pub_commit leaves latest/ alone: it holds a later date
 * than the run's (latest/ only moves forward). */
void wk_outdir_hold_latest(struct wk_outdir *o);
/* 1 once it was held. */
int wk_outdir_latest_held(const struct wk_outdir *o);

/* Writes len bytes as OUTDIR/YYYY-MM-DD/rel, atomically (temporary
 * name, sync, rename). */
enum wk_status wk_outdir_write(struct wk_outdir *o, const char *rel,
    const char *data, size_t len, struct wk_err *err);

/* Starts the files of one bulletin in one language, name "<id>-<lang>";
 * its segments go to the folder of that name. */
enum wk_status wk_pub_begin(struct wk_outdir *o, const char *name,
    struct wk_pub **out, struct wk_err *err);

/* Opens a new file that will be published as rel (relative to the date
 * folder: "<name>.mp3", "<name>/01-x.mp3"). Returns NULL with err set. */
FILE *wk_pub_create(struct wk_pub *p, const char *rel, struct wk_err *err);

/* Flushes, syncs and closes f, which came from wk_pub_create. */
enum wk_status wk_pub_close(struct wk_pub *p, FILE *f, struct wk_err *err);

/* Puts every file in place as described above; rel_latest, when not NULL,
 * is also published as OUTDIR/latest/<its name> unless a later date folder
 * has its own or latest/ is held (latest/ only moves forward). When the segment folder cannot
 * be swapped the whole publication is undone and the previous files stay
 * (WK_EIO). Frees p. */
enum wk_status wk_pub_commit(struct wk_pub *p, const char *rel_latest,
    struct wk_err *err);

/* Drops everything written so far, leaving the published files as they
 * were. Frees p. */
void wk_pub_abort(struct wk_pub *p);

#endif
