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

struct wk_diags;
struct wk_outdir;
struct wk_pub;

/* How a run opens its output folder. */
struct wk_outdir_opts {
	const char *date;	/* the broadcast date, YYYY-MM-DD */
	const char *today;	/* the machine's date in its time zone (TZ),
				 * YYYY-MM-DD: a date folder after it is not
				 * on the air yet; NULL: the date */
	const char *station;	/* the id of the station the folder belongs
				 * to; NULL: not checked (tests) */
	unsigned wait_s;	/* how long to wait for the lock */
	int shared;		/* <output shared="yes">: others may write */
};

/*
 * Opens path for a run on op->date: creates it, its date folder and
 * latest/, takes its lock (waiting up to op->wait_s seconds, then
 * WK_ELOCK), completes any publication left unfinished and removes
 * temporary files left by killed runs. WK_EIO when it cannot be written,
 * or when another user owns it or may write into it (they could plant
 * links) and op->shared is 0. An output folder belongs to one station:
 * OUTDIR/.willakuy-station names it, written at its first run (an OUTDIR
 * of willakuy's from before, without one, is adopted with a note in d);
 * a run of another station is refused (WK_EUSAGE, err names both).
 * Nothing below path is reached through a link willakuy did not make.
 * Until wk_outdir_close, SIGTERM and SIGINT that arrive during
 * wk_pub_commit end the process only after it.
 */
enum wk_status wk_outdir_open(const char *path, const struct wk_outdir_opts *op,
    struct wk_diags *d, struct wk_outdir **out, struct wk_err *err);
void wk_outdir_close(struct wk_outdir *o);

/* OUTDIR/YYYY-MM-DD and OUTDIR/latest. */
const char *wk_outdir_day(const struct wk_outdir *o);
const char *wk_outdir_latest(const struct wk_outdir *o);

/* For latest.c: the descriptors of OUTDIR, its date folder and latest/
 * (the output folder's own, not to be closed), the run's date and
 * today's. */
int wk_outdir_fd(const struct wk_outdir *o);
int wk_outdir_dayfd(const struct wk_outdir *o);
int wk_outdir_latestfd(const struct wk_outdir *o);
const char *wk_outdir_date(const struct wk_outdir *o);
const char *wk_outdir_today(const struct wk_outdir *o);

/* 1 when a date folder later than the run's, but not after today, holds
 * its own base (a file name): latest/base is then that date's business.
 * A date folder after today is not on the air yet and counts for
 * nothing. */
int wk_outdir_newer(struct wk_outdir *o, const char *base);

/* Puts a new name in latest/ for the date folder's file name (a hard
 * link, or a copy when latest/ is on another file system): a temporary
 * ".NAME.tmp.<random>" whose name *tmp gets (caller frees), for a journal
 * to move in place. 0, or -1 with errno. */
int wk_outdir_link_latest(struct wk_outdir *o, const char *name, char **tmp);

/* latest/'s manifest (latest.h) is written in the same commit as the
 * files it describes. latest.c tells how: text returns what the manifest
 * must say once latest/base is the run's date's file (malloc'd; NULL when
 * out of memory), and moved is told once it is. Without it (NULL), a
 * commit leaves the manifest as it is. */
struct wk_manifest_ops {
	char *(*text)(void *arg, const char *base);
	void (*moved)(void *arg, const char *base);
	void *arg;
};
void wk_outdir_set_manifest(struct wk_outdir *o,
    const struct wk_manifest_ops *ops);

/* From now on wk_pub_commit leaves latest/ alone: it holds a later date
 * than the run's (latest/ only moves forward), or the run's date is after
 * today (not on the air yet). */
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
 * (not after today) has its own or latest/ is held (latest/ only moves
 * forward), together with latest/'s manifest (wk_outdir_set_manifest):
 * one journal holds every move, so a run killed at any point leaves them
 * all done or none, and the next run finishes them. When the segment
 * folder cannot be swapped the whole publication is undone and the
 * previous files stay (WK_EIO). Frees p. */
enum wk_status wk_pub_commit(struct wk_pub *p, const char *rel_latest,
    struct wk_err *err);

/* Drops everything written so far, leaving the published files as they
 * were. Frees p. */
void wk_pub_abort(struct wk_pub *p);

#endif
