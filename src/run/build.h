#ifndef WK_BUILD_H
#define WK_BUILD_H
/*
 * `willakuy build`: runs every stage for each bulletin, station and
 * language, from the feeds to the published files of each
 * bulletin-language (bundle.h: MP3, Opus when the station wants it,
 * playlist, transcript, Rivendell data), then per station latest/
 * (latest.h), the report, retention, the podcast feeds and latest/ page
 * (playout.h). One bulletin's failure does not stop the others. Work that
 * is the same for several bulletins or stations (clips, calibration,
 * segments with the same words and audio settings) is done once.
 */

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"

struct wk_causes;
struct wk_diags;

struct wk_build_opts {
	const char *outdir;		/* -o */
	struct wk_date date;		/* -d */
	struct wk_date today;		/* the machine's date in its time zone
					 * (TZ): a date after it does not go to
					 * latest/ nor the feeds yet, and
					 * retention counts from the earlier
					 * of the two */
	char *const *stations;		/* -c, each; none: the default */
	size_t nstations;		/* with more than one, each station
					 * builds into OUTDIR/<station id>/ */
	char *const *bulletins;
	size_t nbulletins;
	int jobs;			/* -j: mastering and encoding threads */
	unsigned lock_wait_s;
	/* Told before each segment a unit renders (done from 0 to total -
	 * 1), and with bulletin NULL once the unit has started them all;
	 * NULL: no progress is shown (not a terminal). */
	void (*progress)(const char *bulletin, const char *lang, size_t done,
	    size_t total, const char *segment);
	struct wk_causes *causes;	/* filled in: the run's problems by
					 * cause (causes.h); may be NULL */
};

/* What happened, for the exit code and the summary line. */
struct wk_build_result {
	size_t built;			/* bulletin-languages published */
	size_t with_fallbacks;		/* ... of which with fallbacks */
	size_t failed;			/* bulletin-languages not published */
	enum wk_status worst;		/* the most serious failure */
	double audio_s;			/* seconds of audio published */
	int future;			/* the date is after today: latest/ and
					 * the feeds wait for it */
	char unpinned[11];		/* a date after today that a station's
					 * latest/ held and this run took it
					 * back from (a clock set wrong), or
					 * "" */
	char later[11];			/* the later date a station's latest/
					 * stays at (the date is earlier), or
					 * "" */
};

/* Runs the build. Returns WK_OK when it could run at all (then res says
 * how it went), or the status that stopped it (lock held, output folder
 * not writable, espeak-ng missing...). */
enum wk_status wk_build(const struct wk_build_opts *o, struct wk_diags *d,
    struct wk_build_result *res, struct wk_err *err);

#endif
