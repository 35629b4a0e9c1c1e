#ifndef WK_STAMP_H
#define WK_STAMP_H
/*
 * The stamp of a published bulletin-language, so that a run that would
 * publish the very same files again leaves them as they are. After a
 * publication willakuy writes OUTDIR/YYYY-MM-DD/.NAME.stamp: a key of
 * everything the files are made from (wk_stamp_key), the measurements the
 * report and the run's totals need, and the identity of each file as the
 * publication left it (device, inode, size, change time, links, owner),
 * of the segment folder and of latest/NAME.mp3. A later run with the same
 * key skips the bulletin-language only when the date folder is the
 * running user's alone (not writable by others, who could rename an older
 * file over a new one before the stamp is written), the stamp is
 * willakuy's own (a plain file of the running user, reached without
 * following links)
 * and every file still has that identity: a file replaced, removed,
 * rewritten, renamed or turned into a link changes its inode or change
 * time (which no one can set back), and one planted by another user has
 * another owner; then the bulletin-language is published again. The
 * output folder itself is never trusted for more than that.
 */

#include <stddef.h>

#include "sound/audio.h"
#include "base/cache.h"

struct wk_bundle;
struct wk_outdir;

/* The key of what b publishes: its script (names, titles, words, the
 * transcript), the key of each segment's audio (segkeys, one per
 * segment), the station's names, tags, pause, formats and audio settings,
 * the date and the versions of willakuy, LAME and libopusenc. b's frames
 * and stats are not read. */
int wk_stamp_key(const struct wk_bundle *b, const char *const *segkeys,
    wk_key out);

/* 1 when the stamp of bulletin-language name (BULLETIN-LANG) in o's date
 * folder has key and the nfiles files (wk_bundle_files) and latest/ are as
 * its publication left them; then stats (nsegs of them) and *seconds get
 * what the publication measured. 0 otherwise, stats untouched. */
int wk_stamp_check(struct wk_outdir *o, const char *name, const wk_key key,
    char *const *files, size_t nfiles, struct wk_audio_stats *stats,
    size_t nsegs, double *seconds);

/* Writes the stamp of name, just published, with key, its segments'
 * stats and length. The stamp is replaced atomically but not synced: one
 * lost in a crash only costs a publication. -1 with errno when it cannot
 * be written (the next run publishes again). */
int wk_stamp_write(struct wk_outdir *o, const char *name, const wk_key key,
    char *const *files, size_t nfiles, const struct wk_audio_stats *stats,
    size_t nsegs, double seconds);

struct wk_diags;

/* What a run knows of a bulletin-language's stamp between looking it up
 * and publishing: the key of what it publishes and the files it names. */
struct wk_stamped {
	wk_key key;
	int keyed;		/* key is set */
	char **files;		/* wk_bundle_files, or NULL */
	size_t nfiles;
};

/* Looks up the stamp of what b would publish (its segments' audio keys
 * segkeys, one per segment) in o, filling st (wk_stamped_free). 1 when it
 * is published already as b would publish it: then stats (one per
 * segment) and *seconds get what its publication measured. */
int wk_stamp_lookup(struct wk_outdir *o, const struct wk_bundle *b,
    const char *const *segkeys, struct wk_stamped *st,
    struct wk_audio_stats *stats, double *seconds);

/* Stamps b, just published with stats and seconds, when st could be keyed;
 * a stamp that cannot be written is a note in d (the next run publishes
 * again). */
void wk_stamp_published(struct wk_outdir *o, const struct wk_bundle *b,
    const struct wk_stamped *st, const struct wk_audio_stats *stats,
    double seconds, struct wk_diags *d);

void wk_stamped_free(struct wk_stamped *st);

#endif
