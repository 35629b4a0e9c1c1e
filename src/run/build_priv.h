#ifndef WK_BUILD_PRIV_H
#define WK_BUILD_PRIV_H
/*
 * What the files of `build` share and nothing else sees: the run, its
 * stations (each with its site), the units in flight (a bulletin for a
 * station) with their languages and segment jobs, and the segments the
 * run makes for whoever needs them. build.c conducts the run;
 * build_unit.c takes a unit through the stages, from composition to
 * publication; build_seg.c looks segments up, shares them, calibrates
 * the voices they need and collects them.
 */

#include <pthread.h>
#include <stdio.h>

#include "sound/audio.h"
#include "build.h"
#include "base/cache.h"
#include "sound/calib.h"
#include "say/compose.h"
#include "base/err.h"
#include "publish/stamp.h"
#include "read/voice.h"

struct wk_assets;
struct wk_feedcache;
struct wk_latest;
struct wk_outdir;
struct wk_playout;
struct wk_pool;
struct wk_renderer;
struct wk_report;
struct wk_site;
struct wk_station;
struct wk_synth;

struct wk_bunit;

/* A segment this run makes (or made), whoever else needs the same
 * audio: another language, bulletin or station. */
struct wk_made {
	wk_key key;
	int done;			/* its maker was collected */
	enum wk_status st;
	struct wk_err err;
	struct wk_audio_stats stats;
	FILE *frames;			/* a handle of our own, or NULL when
					 * the cache holds them */
};

/* One segment's pass 2, run on the pool. */
struct wk_job {
	wk_key key;
	int cached;			/* frames and stats came ready */
	int submitted;			/* handed to the pool */
	struct wk_made *own;		/* this job makes it for the run */
	struct wk_made *from;		/* another job of the run makes it */
	struct wk_bunit *u;
	struct wk_spool *spool;
	const struct wk_audio_params *params;
	double codec_loss_db;		/* of the segment's voice */
	FILE *frames;			/* raw MP3 frames */
	FILE *unstored;			/* the cache entry that could not be
					 * written (its disk full): frames is
					 * then a temporary file, and
					 * wk_seg_collect drops this */
	FILE *pcm;			/* mastered PCM, for Opus; or NULL */
	struct wk_audio_stats stats;
	struct wk_err err;
	enum wk_status st;
};

/* What each station of the run has of its own. */
struct wk_stn {
	struct wk_site *site;		/* its world: settings, vocabulary,
					 * catalogue, voices */
	const struct wk_station *station;	/* the site's */
	char *dir;			/* its output folder */
	struct wk_outdir *out;
	struct wk_latest *latest;	/* what its latest/ holds for the date */
	struct wk_playout *playout;	/* feeds, latest/ page, hooks */
	struct wk_report *report;
	struct wk_renderer *renderer;
	struct wk_calib calib;		/* the voices measured so far */
	struct wk_audio_params params;
	unsigned char *gap;		/* MP3 frames of the segment pause */
	size_t gaplen;
};

struct wk_run {
	const struct wk_build_opts *o;
	struct wk_diags *d;
	struct wk_stn *stns;
	size_t nstns;
	struct wk_feedcache *feeds;	/* shared by the stations */
	struct wk_synth *synth;
	struct wk_assets *assets;
	struct wk_pool *pool;
	struct wk_cache *cache;
	int cache_full_said;		/* the warning that the cache could
					 * not take a segment, said once */
	struct wk_made **made;
	size_t nmade, capmade;
	size_t shared;			/* segments taken from the run's own */
	pthread_mutex_t mu;		/* guards every unit's `left` */
	pthread_cond_t cv;
	char date[11];
	char today[11];
};

/* One language of a bulletin on its way through the stages. */
struct wk_blang {
	struct wk_script *s;
	struct wk_job *jobs;
	enum wk_status st;
	struct wk_err err;
	struct wk_stamped stamp;	/* what it publishes, as stamp.h keys it */
	int unchanged;			/* published already: stats, secs kept */
	struct wk_audio_stats *kept;
	double kept_s;
};

/* A bulletin for one station, from composition to publication. */
struct wk_bunit {
	struct wk_bulletin *b;
	int owns_b;			/* the last unit of b frees it */
	struct wk_stn *stn;
	struct wk_compose c;		/* what b was composed with */
	struct wk_blang *l;
	size_t left;			/* jobs on the pool (run.mu) */
	size_t holds;			/* streams held while in flight */
	struct wk_run *r;
};

/* The more serious of two outcomes: the first failure, unless a later one
 * is of the disk or the memory, which stop the run. The one rule for
 * res->worst and the bulletins' outcomes. */
enum wk_status wk_worse(enum wk_status worst, enum wk_status st);

/* Composes every language of bulletin b for station t and renders their
 * segments; the encoders go on meanwhile. The unit frees b when owns_b.
 * NULL when out of memory (then the failure is counted in res). */
struct wk_bunit *wk_unit_start(struct wk_run *r, struct wk_bulletin *b,
    int owns_b, struct wk_stn *t, struct wk_build_result *res);

/* Waits for u's encoders, publishes each language, counts and reports
 * them, and frees u (NULL: nothing). Returns the worst outcome. */
enum wk_status wk_unit_finish(struct wk_run *r, struct wk_bunit *u,
    struct wk_build_result *res);

/* The cache key of segment sg of s for station t: what rendering makes
 * it from, and the voice its clips are matched to. */
void wk_seg_key(struct wk_stn *t, const struct wk_script *s,
    const struct wk_seg *sg, wk_key key);

/* The segments of s (keys set) whose audio is in the cache are taken
 * from it, those that another job of the run makes are taken from it;
 * the others will be made, for the run. */
void wk_seg_lookup(struct wk_run *r, struct wk_bunit *u,
    const struct wk_script *s, struct wk_job *jobs);

/* Measures, before any of them is rendered, the voices that the segments
 * of s still to be made speak in or match their clips to. */
enum wk_status wk_seg_calibrate(struct wk_run *r, struct wk_stn *t,
    const struct wk_script *s, const struct wk_job *jobs,
    struct wk_err *err);

/* After s's jobs are done: the first failure of s's jobs (st when it is
 * one), the new segments stored in the cache (or dropped), and the
 * segments that other jobs of the run made taken from them. */
enum wk_status wk_seg_collect(struct wk_run *r, const struct wk_script *s,
    struct wk_job *jobs, enum wk_status st, struct wk_err *err);

/* Frees n jobs and what they hold. */
void wk_jobs_free(struct wk_job *jobs, size_t n);

#endif
