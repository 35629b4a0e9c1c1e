/*
 * The conductor of `build`: for each bulletin, station and language it
 * sequences the stages (compose -> calibrate -> render -> master ->
 * bundle), looks segments up in the cache and among those this run made
 * already (another bulletin's or station's, with the same key), schedules
 * the worker pool and counts the outcomes. Rendering (pass 1) runs on this
 * thread, which owns espeak-ng; mastering and encoding (pass 2) on the
 * pool, one LAME instance per segment, each into an anonymous temporary
 * file (or a cache entry) that bundle.c copies into the published files.
 * Several units (a bulletin for a station) are in flight: one is
 * rendered while earlier ones' segments are encoded, and each is
 * published once they are (build_all).
 */

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "asset.h"
#include "build.h"
#include "bulletin.h"
#include "bundle.h"
#include "cache.h"
#include "calib.h"
#include "causes.h"
#include "catalog.h"
#include "compose.h"
#include "coverage.h"
#include "encode.h"
#include "compose_market.h"
#include "master.h"
#include "paths.h"
#include "playout.h"
#include "pool.h"
#include "publish.h"
#include "render.h"
#include "latest.h"
#include "local.h"
#include "report.h"
#include "retention.h"
#include "spool.h"
#include "station.h"
#include "synth.h"
#include "voice.h"

struct unit;

/* A segment this run makes (or made), whoever else needs the same
 * audio: another language, bulletin or station. */
struct made {
	wk_key key;
	int done;			/* its maker was collected */
	enum wk_status st;
	struct wk_err err;
	struct wk_audio_stats stats;
	FILE *frames;			/* a handle of our own, or NULL when
					 * the cache holds them */
};

/* One segment's pass 2, run on the pool. */
struct job {
	wk_key key;
	int cached;			/* frames and stats came ready */
	int submitted;			/* handed to the pool */
	struct made *own;		/* this job makes it for the run */
	struct made *from;		/* another job of the run makes it */
	struct unit *u;
	struct wk_spool *spool;
	const struct wk_audio_params *params;
	double codec_loss_db;		/* of the segment's voice */
	FILE *frames;			/* raw MP3 frames */
	FILE *pcm;			/* mastered PCM, for Opus; or NULL */
	struct wk_audio_stats stats;
	struct wk_err err;
	enum wk_status st;
};

/* What each station of the run has of its own. */
struct stn {
	struct wk_station *station;
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

struct run {
	const struct wk_build_opts *o;
	struct wk_diags *d;
	struct stn *stns;
	size_t nstns;
	struct wk_catalog *cat;
	struct wk_voiceset voices;
	struct wk_feedcache *feeds;
	struct wk_synth *synth;
	struct wk_assets *assets;
	struct wk_pool *pool;
	struct wk_cache *cache;
	struct made **made;
	size_t nmade, capmade;
	size_t shared;			/* segments taken from the run's own */
	pthread_mutex_t mu;		/* guards every unit's `left` */
	pthread_cond_t cv;
	char date[11];
};

/* One language of a bulletin on its way through the stages. */
struct lang {
	struct wk_script *s;
	struct job *jobs;
	enum wk_status st;
	struct wk_err err;
};

/* A bulletin for one station, from composition to publication. */
struct unit {
	struct wk_bulletin *b;
	int owns_b;			/* the last unit of b frees it */
	struct stn *stn;
	struct wk_compose c;		/* what b was composed with */
	struct lang *l;
	size_t left;			/* jobs on the pool (run.mu) */
	struct run *r;
};

static void
encode_job(void *arg)
{
	struct job *j = arg;
	struct run *r = j->u->r;

	j->st = wk_master_segment_pcm(j->spool, j->params, j->codec_loss_db,
	    j->frames, j->pcm, &j->stats, &j->err);
	if (j->st == WK_OK && (fflush(j->frames) != 0 || ferror(j->frames) ||
	    (j->pcm != NULL && (fflush(j->pcm) != 0 || ferror(j->pcm)))))
		j->st = wk_err_set(&j->err, WK_EIO, NULL, 0, 0, "%s",
		    _("cannot write a temporary file (TMPDIR)"));
	wk_spool_free(j->spool);
	j->spool = NULL;
	pthread_mutex_lock(&r->mu);
	j->u->left--;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

static void
progress(struct run *r, const struct wk_script *s, size_t i, size_t done,
    size_t total)
{
	if (!r->o->progress)
		return;
	fprintf(stderr, "\rwillakuy: %s-%s: segment %zu/%zu (%3zu%%) %-24.24s",
	    s->bulletin, s->lang, done + 1, total, (done + 1) * 100 / total,
	    s->segs[i].id);
	fflush(stderr);
}

/* A stream of its own on the frames of f (sharing the file). */
static FILE *
share_file(FILE *f)
{
	int fd;
	FILE *g;

	if (f == NULL || fflush(f) != 0 || (fd = dup(fileno(f))) < 0)
		return NULL;
	if ((g = fdopen(fd, "rb")) == NULL)
		close(fd);
	return g;
}

static struct made *
made_find(struct run *r, const wk_key key)
{
	size_t i;

	for (i = 0; i < r->nmade; i++)
		if (strcmp(r->made[i]->key, key) == 0)
			return r->made[i];
	return NULL;
}

static struct made *
made_add(struct run *r, const wk_key key)
{
	struct made *m;

	if (r->nmade == r->capmade) {
		size_t cap = r->capmade ? r->capmade * 2 : 32;
		struct made **v = realloc(r->made, cap * sizeof *v);

		if (v == NULL)
			return NULL;
		r->made = v;
		r->capmade = cap;
	}
	if ((m = calloc(1, sizeof *m)) == NULL)
		return NULL;
	memcpy(m->key, key, sizeof m->key);
	r->made[r->nmade++] = m;
	return m;
}

/* Takes the audio of m, made and collected, into j; 0 on success. */
static int
take_made(struct run *r, struct made *m, struct job *j)
{
	if (m->st != WK_OK)
		return -1;
	if (m->frames != NULL)
		j->frames = share_file(m->frames);
	else if (r->cache != NULL) {
		struct wk_audio_stats st;

		if (!wk_cache_get(r->cache, m->key, &j->frames, &st))
			j->frames = NULL;
	}
	if (j->frames == NULL)
		return -1;
	j->stats = m->stats;
	r->shared++;
	return 0;
}

/* The cache key of segment sg of s: what rendering makes it from, and the
 * voice its clips are matched to. */
static void
seg_key(struct stn *t, const struct wk_script *s, const struct wk_seg *sg,
    wk_key key)
{
	char buf[sizeof(wk_key) + 64];
	size_t i;

	wk_render_key(t->renderer, sg, key);
	for (i = 0; i < sg->nparts; i++)
		if (sg->parts[i].kind == WK_PART_CLIP) {
			snprintf(buf, sizeof buf, "%s clips matched to %s", key,
			    wk_seg_lang(s, sg));
			wk_key_of(buf, strlen(buf), key);
			break;
		}
}

/* The segments of s whose audio is in the cache are taken from it, those
 * that another job of the run makes are taken from it; the others will
 * be made, for the run. */
static void
lookup_script(struct run *r, struct unit *u, const struct wk_script *s,
    struct job *jobs)
{
	size_t i;

	for (i = 0; i < s->nsegs; i++) {
		struct job *j = &jobs[i];
		struct made *m;

		j->u = u;
		j->params = &u->stn->params;
		seg_key(u->stn, s, &s->segs[i], j->key);
		/* The cache and the run's shared segments keep MP3 frames
		 * only: a station with Opus makes each segment again, for its
		 * mastered PCM. */
		if (u->stn->station->opus)
			continue;
		if (r->cache != NULL &&
		    wk_cache_get(r->cache, j->key, &j->frames, &j->stats)) {
			j->cached = 1;
			continue;
		}
		if ((m = made_find(r, j->key)) != NULL && (!m->done ||
		    m->st == WK_OK)) {
			j->cached = 1;	/* not made here */
			if (!m->done)
				j->from = m;
			else if (take_made(r, m, j) != 0) {
				j->cached = 0;	/* make it again */
				j->own = NULL;
			}
			continue;
		}
		if (m == NULL)
			j->own = made_add(r, j->key);	/* NULL: not shared */
	}
}

/* Measures voice lang for station t unless it was already, or takes the
 * measurement from the cache. */
static enum wk_status
calibrate_voice(struct run *r, struct stn *t, const char *lang,
    struct wk_err *err)
{
	struct wk_calib_voice cv;
	struct wk_audio_stats stats;
	struct wk_voice *v;
	enum wk_status st;
	wk_key key;
	FILE *f;

	if (wk_calib_get(&t->calib, lang) != NULL)
		return WK_OK;
	if ((v = wk_voiceset_get(&r->voices, lang, r->d, err)) == NULL)
		return err->status;
	wk_calib_key(&t->params, v, key);
	if (r->cache != NULL && wk_cache_get(r->cache, key, &f, &stats)) {
		fclose(f);
		memset(&cv, 0, sizeof cv);
		snprintf(cv.lang, sizeof cv.lang, "%s", v->lang);
		cv.voice_lufs = stats.lufs;
		cv.codec_loss_db = stats.codec_loss_db;
		wk_diag(r->d, WK_NOTE, v->path, 0, 0, _("voice '%s': calibration "
		    "taken from the cache (%.2f LUFS, MP3 loss %.2f dB)"), lang,
		    cv.voice_lufs, cv.codec_loss_db);
		return wk_calib_add(&t->calib, &cv, err);
	}
	if ((st = wk_calib_measure(&t->params, r->synth, v, &cv, err)) != WK_OK)
		return st;
	wk_diag(r->d, WK_NOTE, v->path, 0, 0, _("voice '%s' calibrated: "
	    "%.2f LUFS, MP3 loss %.2f dB"), lang, cv.voice_lufs,
	    cv.codec_loss_db);
	if (r->cache != NULL && (f = wk_cache_begin(r->cache, key, err)) != NULL) {
		struct wk_err e2;

		memset(&stats, 0, sizeof stats);
		stats.lufs = cv.voice_lufs;
		stats.codec_loss_db = cv.codec_loss_db;
		if (wk_cache_put(r->cache, key, f, &stats, &e2) != WK_OK)
			wk_diag(r->d, WK_WARNING, NULL, 0, 0, "%s", e2.msg);
		fclose(f);
	}
	return wk_calib_add(&t->calib, &cv, err);
}

/* Measures, before any of them is rendered, the voices that the segments
 * of s still to be made speak in or match their clips to. */
static enum wk_status
calibrate(struct run *r, struct stn *t, const struct wk_script *s,
    const struct job *jobs, struct wk_err *err)
{
	enum wk_status st = WK_OK;
	size_t i, k;

	for (i = 0; i < s->nsegs && st == WK_OK; i++) {
		const struct wk_seg *sg = &s->segs[i];

		if (jobs[i].cached)
			continue;
		st = calibrate_voice(r, t, wk_seg_lang(s, sg), err);
		for (k = 0; k < sg->nparts && st == WK_OK; k++)
			if (sg->parts[k].kind == WK_PART_SPEECH)
				st = calibrate_voice(r, t, sg->parts[k].lang, err);
	}
	return st;
}

/* Pass 1 of segment sg of s, handed to the pool for pass 2 once spooled. */
static enum wk_status
start_job(struct run *r, struct stn *t, const struct wk_script *s,
    const struct wk_seg *sg, struct job *j, struct wk_err *err)
{
	const char *lang = wk_seg_lang(s, sg);
	const struct wk_calib_voice *cv = wk_calib_get(&t->calib, lang);
	enum wk_status st;

	assert(cv != NULL);	/* calibrate() came first */
	j->codec_loss_db = cv->codec_loss_db;
	j->frames = r->cache ? wk_cache_begin(r->cache, j->key, err) : tmpfile();
	if (j->frames == NULL)
		return r->cache ? err->status : wk_err_set(err, WK_EIO, NULL, 0, 0,
		    "%s", _("cannot create a temporary file (TMPDIR)"));
	if (t->station->opus && (j->pcm = tmpfile()) == NULL)
		return wk_err_set(err, WK_EIO, NULL, 0, 0, "%s",
		    _("cannot create a temporary file (TMPDIR)"));
	if ((st = wk_render_segment(t->renderer, sg, lang, &j->spool,
	    err)) != WK_OK)
		return st;
	j->submitted = 1;
	pthread_mutex_lock(&r->mu);
	j->u->left++;
	pthread_mutex_unlock(&r->mu);
	wk_pool_submit(r->pool, encode_job, j);
	return WK_OK;
}

/* About how long a segment takes to make: its words and pauses, and a
 * guess for a clip. */
static size_t
seg_weight(const struct wk_seg *sg)
{
	size_t i, w = 0;

	for (i = 0; i < sg->nparts; i++)
		switch (sg->parts[i].kind) {
		case WK_PART_SPEECH:
			w += strlen(sg->parts[i].text);
			break;
		case WK_PART_PAUSE:
			w += sg->parts[i].pause_ms / 60;	/* ~15 chars/s */
			break;
		case WK_PART_CLIP:
			w += 300;
			break;
		}
	return w;
}

/* Records in m what job j (of the run's own) made. */
static void
made_done(struct run *r, struct made *m, struct job *j, int in_cache)
{
	m->done = 1;
	if (!j->submitted || j->st != WK_OK) {
		m->st = j->submitted ? j->st : WK_EAUDIO;
		m->err = j->err;
		if (!j->submitted)
			wk_err_set(&m->err, WK_EAUDIO, NULL, 0, 0, "%s",
			    _("a segment shared with another bulletin or station "
			    "was not made"));
		return;
	}
	m->st = WK_OK;
	m->stats = j->stats;
	/* In the cache, followers find it there; else they share the file. */
	if (!in_cache && (m->frames = share_file(j->frames)) == NULL)
		m->st = wk_err_set(&m->err, WK_EIO, NULL, 0, 0, "%s",
		    _("cannot create a temporary file (TMPDIR)"));
	(void)r;
}

/* After s's jobs are done: the first failure of s's jobs, the new
 * segments stored in the cache (or dropped), and the segments that other
 * jobs of the run made taken from them. */
static enum wk_status
collect_script(struct run *r, const struct wk_script *s, struct job *jobs,
    enum wk_status st, struct wk_err *err)
{
	size_t i;

	for (i = 0; i < s->nsegs; i++) {
		struct job *j = &jobs[i];
		struct wk_err e2;
		int stored = 0;

		if (j->from != NULL) {
			if (take_made(r, j->from, j) != 0 && st == WK_OK) {
				*err = j->from->err;
				st = j->from->st != WK_OK ? j->from->st :
				    wk_err_set(err, WK_EIO, NULL, 0, 0, "%s",
				    _("cannot read a temporary file"));
			}
			j->from = NULL;
			continue;
		}
		if (j->cached || j->frames == NULL) {
			if (j->own != NULL && !j->own->done)
				made_done(r, j->own, j, 0);
			continue;
		}
		if (st == WK_OK && j->submitted && j->st != WK_OK) {
			*err = j->err;
			st = j->st;
			if (err->file[0] == '\0')
				snprintf(err->msg + strlen(err->msg),
				    sizeof err->msg - strlen(err->msg),
				    " (segment '%s')", s->segs[i].id);
		}
		if (r->cache != NULL && st == WK_OK && j->submitted &&
		    j->st == WK_OK) {
			if (wk_cache_put(r->cache, j->key, j->frames, &j->stats,
			    &e2) != WK_OK)
				wk_diag(r->d, WK_WARNING, NULL, 0, 0, "%s", e2.msg);
			else
				stored = 1;
		}
		if (j->own != NULL)
			made_done(r, j->own, j, stored);
		if (r->cache != NULL && !(st == WK_OK && j->submitted &&
		    j->st == WK_OK)) {
			wk_cache_abandon(r->cache, j->key, j->frames);
			j->frames = NULL;
		}
	}
	return st;
}

static void
free_jobs(struct job *jobs, size_t n)
{
	size_t i;

	for (i = 0; jobs != NULL && i < n; i++) {
		if (jobs[i].frames != NULL)
			fclose(jobs[i].frames);
		if (jobs[i].pcm != NULL)
			fclose(jobs[i].pcm);
		wk_spool_free(jobs[i].spool);
	}
	free(jobs);
}

/* The more serious of two outcomes: the first failure, unless a later one
 * is of the disk or the memory, which stop the run. The one rule for
 * res->worst and the bulletins' outcomes. */
static enum wk_status
worse(enum wk_status worst, enum wk_status st)
{
	if (st == WK_OK)
		return worst;
	return worst == WK_OK || st == WK_EIO || st == WK_ENOMEM ? st : worst;
}

/* Publishes the files of script s (bundle.c) from its encoded segments
 * and their measurements. */
static enum wk_status
publish_script(struct run *r, struct stn *t, const struct wk_script *s,
    struct job *jobs, const struct wk_audio_stats *stats, double *seconds,
    struct wk_err *err)
{
	struct wk_bundle bn;
	struct wk_voice *v;
	enum wk_status st;
	size_t i;

	memset(&bn, 0, sizeof bn);
	if ((v = wk_voiceset_get(&r->voices, s->lang, r->d, err)) == NULL)
		return err->status;
	if ((bn.frames = calloc(s->nsegs, sizeof *bn.frames)) == NULL ||
	    (t->station->opus && (bn.pcm = calloc(s->nsegs, sizeof *bn.pcm)) ==
	    NULL)) {
		free(bn.frames);
		return wk_err_nomem(err);
	}
	for (i = 0; i < s->nsegs; i++) {
		bn.frames[i] = jobs[i].frames;
		if (bn.pcm != NULL)
			bn.pcm[i] = jobs[i].pcm;
	}
	bn.s = s;
	bn.iso639_2 = v->iso639_2;
	bn.station = t->station;
	bn.params = &t->params;
	bn.date = r->o->date;
	bn.stats = stats;
	bn.gap = t->gap;
	bn.gaplen = t->gaplen;
	bn.d = r->d;
	st = wk_bundle_publish(&bn, t->out, seconds, err);
	free(bn.frames);
	free(bn.pcm);
	if (st == WK_OK && wk_playout_add(t->playout, s, v->locale) != 0)
		wk_diag(r->d, WK_ERROR, NULL, 0, 0, "%s-%s: %s", s->bulletin,
		    s->lang, _("out of memory: no feed or hook for it"));
	return st;
}

/* Adds a bulletin-language of u to its station's report: stats NULL and
 * error set when it was not published. Each segment goes with the feed it
 * read, the date of its data and its name (causes.c, catalog.h). */
static void
report(struct run *r, const struct unit *u, const struct wk_script *s,
    const struct wk_audio_stats *stats, const char *error)
{
	struct wk_seg_source *rf;
	size_t i;

	if (u->stn->report == NULL)
		return;
	if ((rf = calloc(s->nsegs + 1, sizeof *rf)) != NULL)
		for (i = 0; i < s->nsegs; i++)
		{
			wk_causes_seg_source(r->o->causes, &u->c, u->b,
			    &s->segs[i], &rf[i]);
			rf[i].recorded = wk_coverage_ms(&s->segs[i], &r->voices,
			    &rf[i].recorded_ms, &rf[i].spoken_ms) == 1;
		}
	if (rf == NULL || wk_report_add(u->stn->report, s, stats, error, rf) != 0)
		wk_diag(r->d, WK_WARNING, NULL, 0, 0, "%s",
		    _("out of memory: the report will lack a bulletin"));
	free(rf);
}

/* A segment to make: which language, which segment, how heavy. */
struct todo {
	size_t lang, seg, weight;
};

static int
heavier(const void *a, const void *b)
{
	const struct todo *x = a, *y = b;

	return x->weight < y->weight ? 1 : x->weight > y->weight ? -1 : 0;
}

static void
failed(struct run *r, const struct wk_bulletin *b, const char *lang,
    enum wk_status st, const struct wk_err *err, struct wk_build_result *res)
{
	if (err->file[0] == '\0')
		wk_diag(r->d, WK_ERROR, b->path, 0, 0, _("%s-%s not published: %s"),
		    b->id, lang, err->msg);
	else
		wk_diag_err(r->d, err);
	{
		char name[200];

		snprintf(name, sizeof name, "%s-%s", b->id, lang);
		wk_causes_failed(r->o->causes, r->d, b, name, err);
	}
	res->failed++;
	res->worst = worse(res->worst, st);
}

/* Composes language i of u's bulletin for its station, looks its segments
 * up and calibrates the voices of those still to make; *total counts
 * them. */
static void
compose_lang(struct run *r, struct wk_compose *c, struct unit *u, size_t i,
    size_t *total)
{
	const struct wk_bulletin *b = u->b;
	struct lang *l = &u->l[i];
	size_t k, from = r->d->n;

	l->st = wk_compose(c, b, b->langs[i], &l->s, &l->err);
	if (l->st == WK_OK)
		wk_causes_script(r->o->causes, r->d, from, c, b, l->s);
	if (l->st == WK_OK && l->s->nsegs == 0)
		l->st = wk_err_set(&l->err, WK_EINPUT, b->path, b->pos.line,
		    b->pos.col, _("bulletin '%s' has nothing to say in '%s'"),
		    b->id, b->langs[i]);
	if (l->st == WK_OK && (l->jobs = calloc(l->s->nsegs,
	    sizeof *l->jobs)) == NULL)
		l->st = wk_err_nomem(&l->err);
	if (l->st != WK_OK)
		return;
	lookup_script(r, u, l->s, l->jobs);
	for (k = 0; k < l->s->nsegs; k++)
		*total += !l->jobs[k].cached;
	l->st = calibrate(r, u->stn, l->s, l->jobs, &l->err);
}

/* Renders the total segments still to make of u's languages, longest
 * first in every language, so that the encoding of the long ones (on the
 * pool) overlaps the synthesis of the rest rather than trailing it.
 * Returns with the encoders still at work. */
static void
render_unit(struct run *r, struct unit *u, size_t total)
{
	struct lang *l = u->l;
	size_t nl = u->b->nlangs;
	struct todo *todo = NULL;
	size_t i, k, n = 0;

	if (total > 0 && (todo = calloc(total, sizeof *todo)) == NULL)
		for (i = 0; i < nl; i++)
			if (l[i].st == WK_OK)
				l[i].st = wk_err_nomem(&l[i].err);
	for (i = 0; todo != NULL && i < nl; i++)
		for (k = 0; l[i].st == WK_OK && k < l[i].s->nsegs; k++)
			if (!l[i].jobs[k].cached) {
				assert(n < total);
				todo[n].lang = i;
				todo[n].seg = k;
				todo[n++].weight = seg_weight(&l[i].s->segs[k]);
			}
	if (n > 0)
		qsort(todo, n, sizeof *todo, heavier);
	for (k = 0; k < n; k++) {
		struct lang *li = &l[todo[k].lang];

		if (li->st != WK_OK)
			continue;
		progress(r, li->s, todo[k].seg, k, n);
		li->st = start_job(r, u->stn, li->s, &li->s->segs[todo[k].seg],
		    &li->jobs[todo[k].seg], &li->err);
	}
	free(todo);
	if (r->o->progress)
		fputs("\r\033[K", stderr);
}

/* Tells latest.c how language i of u's bulletin ended. */
static void
latest_outcome(struct unit *u, size_t i, enum wk_status st)
{
	const struct wk_bulletin *b = u->b;
	struct wk_latest *lt = u->stn->latest;
	struct wk_buf name = WK_BUF_INIT;

	wk_bundle_name_of(b->id, b->langs[i], &name);
	if (name.failed)	/* latest.c cannot tell: it settles nothing */
		wk_latest_failed_file(lt, b->path);
	else if (st == WK_OK)
		wk_latest_built(lt, b->path, wk_buf_str(&name));
	else
		wk_latest_failed(lt, b->path, wk_buf_str(&name));
	wk_buf_free(&name);
}

/* Every station's latest/: bulletin file path failed. */
static void
latest_failed_file(struct run *r, const char *path)
{
	size_t k;

	for (k = 0; k < r->nstns; k++)
		wk_latest_failed_file(r->stns[k].latest, path);
}

/* Collects, publishes and reports language i of u, and counts it. */
static enum wk_status
publish_lang(struct run *r, struct unit *u, size_t i,
    struct wk_build_result *res)
{
	struct lang *l = &u->l[i];
	struct wk_audio_stats *stats = NULL;
	double secs = 0;
	size_t k;

	if (l->jobs != NULL)
		l->st = collect_script(r, l->s, l->jobs, l->st, &l->err);
	if (l->st == WK_OK && (stats = calloc(l->s->nsegs, sizeof *stats)) == NULL)
		l->st = wk_err_nomem(&l->err);
	for (k = 0; stats != NULL && k < l->s->nsegs; k++)
		stats[k] = l->jobs[k].stats;
	if (l->st == WK_OK)
		l->st = publish_script(r, u->stn, l->s, l->jobs, stats, &secs,
		    &l->err);
	if (l->s != NULL)
		report(r, u, l->s, l->st == WK_OK ? stats : NULL,
		    l->st == WK_OK ? NULL : l->err.msg);
	free(stats);
	latest_outcome(u, i, l->st);
	if (l->st == WK_OK) {
		res->built++;
		res->audio_s += secs;
		if (l->s->nfallbacks > 0)
			res->with_fallbacks++;
	} else
		failed(r, u->b, u->b->langs[i], l->st, &l->err, res);
	return l->st;
}

/* Composes every language of bulletin b for station t and renders their
 * segments; the encoders go on meanwhile. NULL when out of memory (then
 * the failure is counted). */
static struct unit *
start_unit(struct run *r, struct wk_bulletin *b, int owns_b, struct stn *t,
    struct wk_build_result *res)
{
	struct wk_compose *c;
	struct unit *u;
	size_t i, total = 0;

	if ((u = calloc(1, sizeof *u)) == NULL ||
	    (u->l = calloc(b->nlangs, sizeof *u->l)) == NULL) {
		struct wk_err err;

		free(u);
		wk_err_set(&err, WK_ENOMEM, b->path, 0, 0, "%s",
		    _("out of memory"));
		wk_diag_err(r->d, &err);
		res->failed += b->nlangs;
		res->worst = worse(res->worst, WK_ENOMEM);
		wk_latest_failed_file(t->latest, b->path);
		if (owns_b)
			wk_bulletin_free(b);
		return NULL;
	}
	u->b = b;
	u->owns_b = owns_b;
	u->stn = t;
	u->r = r;
	c = &u->c;
	c->cat = r->cat;
	c->station = t->station;
	c->date = r->o->date;
	c->voices = &r->voices;
	c->feeds = r->feeds;
	c->d = r->d;
	for (i = 0; i < b->nlangs; i++)
		compose_lang(r, c, u, i, &total);
	render_unit(r, u, total);
	return u;
}

/* Waits for u's encoders, publishes each language and frees u. Returns
 * the worst outcome. */
static enum wk_status
finish_unit(struct run *r, struct unit *u, struct wk_build_result *res)
{
	enum wk_status worst = WK_OK;
	size_t i;

	if (u == NULL)
		return WK_OK;
	pthread_mutex_lock(&r->mu);
	while (u->left > 0)
		pthread_cond_wait(&r->cv, &r->mu);
	pthread_mutex_unlock(&r->mu);
	for (i = 0; i < u->b->nlangs; i++) {
		worst = worse(worst, publish_lang(r, u, i, res));
		free_jobs(u->l[i].jobs, u->l[i].s ? u->l[i].s->nsegs : 0);
		wk_script_free(u->l[i].s);
	}
	free(u->l);
	if (u->owns_b)
		wk_bulletin_free(u->b);
	free(u);
	return worst;
}

/* Starts station t (its configuration loaded): its output folder,
 * renderer and pause. */
static enum wk_status
open_station(struct run *r, struct stn *t, int own_folder, struct wk_err *err)
{
	enum wk_status st;
	FILE *gap;

	t->params.rate_hz = t->station->rate_hz;
	t->params.channels = t->station->channels;
	t->params.bitrate_kbps = t->station->bitrate_kbps;
	t->params.vbr = t->station->vbr;
	t->params.vbr_quality = t->station->vbr_quality;
	t->params.target_lufs = t->station->target_lufs;
	t->params.peak_dbtp = t->station->peak_dbtp;
	t->params.verify = t->station->verify;
	t->dir = own_folder ? wk_path_join(r->o->outdir, t->station->id)
	    : strdup(r->o->outdir);
	if (t->dir == NULL)
		return wk_err_nomem(err);
	st = wk_outdir_open(t->dir, r->date, r->o->lock_wait_s,
	    t->station->output_shared, &t->out, err);
	if (st == WK_OK)
		st = wk_latest_open(t->out, r->d, &t->latest, err);
	if (st != WK_OK)
		return st;
	if ((t->playout = wk_playout_new(t->station, t->dir, r->o->date)) ==
	    NULL)
		return wk_err_nomem(err);
	if ((st = wk_renderer_new(&t->params, r->synth, &r->voices, &t->calib,
	    r->d, &t->renderer, err)) != WK_OK)
		return st;
	/* The pause between segments, encoded once. */
	if ((gap = open_memstream((char **)&t->gap, &t->gaplen)) == NULL)
		return wk_err_nomem(err);
	st = wk_encode_silence(&t->params, t->station->segment_pause_ms, gap, err);
	if (fclose(gap) != 0 && st == WK_OK)
		st = wk_err_nomem(err);
	if (st != WK_OK)
		return st;
	if ((t->report = wk_report_new(t->station->name, r->date, r->cat)) == NULL)
		wk_diag(r->d, WK_WARNING, NULL, 0, 0,
		    _("the report could not be written: %s"), _("out of memory"));
	return WK_OK;
}

static void
close_station(struct stn *t)
{
	wk_report_free(t->report);
	wk_renderer_free(t->renderer);
	wk_calib_free(&t->calib);
	wk_playout_free(t->playout);
	wk_latest_free(t->latest);
	wk_outdir_close(t->out);
	wk_station_free(t->station);
	free(t->dir);
	free(t->gap);
}

/* Opens the segment cache: OUTDIR/.cache, shared by every station of the
 * run, as large as the largest station wants. */
static enum wk_status
open_cache(struct run *r, struct wk_err *err)
{
	unsigned long long mb = 0;
	enum wk_status st;
	char *dir;
	size_t i;

	for (i = 0; i < r->nstns; i++)
		if ((unsigned long long)r->stns[i].station->cache_mb > mb)
			mb = (unsigned long long)r->stns[i].station->cache_mb;
	if (mb == 0)
		return WK_OK;
	if ((dir = wk_path_join(r->o->outdir, ".cache")) == NULL)
		return wk_err_nomem(err);
	st = wk_cache_open(dir, mb << 20, r->d, &r->cache, err);
	free(dir);
	return st;
}

/* The units in flight, oldest first. */
struct flight {
	struct unit **v;
	size_t n, cap;
};

/* 1 when u's encoders are done (its publication cannot block). */
static int
unit_done(struct run *r, const struct unit *u)
{
	size_t left;

	pthread_mutex_lock(&r->mu);
	left = u->left;
	pthread_mutex_unlock(&r->mu);
	return left == 0;
}

/* Publishes the oldest units until at most keep are in flight, and then
 * those whose encoders are done; oldest first, since a unit may share
 * segments made by an earlier one. Returns the worst outcome. */
static enum wk_status
land(struct run *r, struct flight *fl, size_t keep,
    struct wk_build_result *res)
{
	enum wk_status worst = WK_OK;

	while (fl->n > 0 && (fl->n > keep || unit_done(r, fl->v[0]))) {
		worst = worse(worst, finish_unit(r, fl->v[0], res));
		memmove(fl->v, fl->v + 1, --fl->n * sizeof *fl->v);
	}
	return worst;
}

/* Builds every bulletin for every station with several units in flight:
 * the next unit is composed and rendered while earlier ones are encoded.
 * With several stations a bulletin's first unit renders nearly all of
 * its segments and the others (the same bulletin for the other
 * stations) only their own few, so as many units as there are stations
 * stay in flight: the next bulletin's first unit is then rendered while
 * the previous one's is encoded, which keeps the encoders busy, and a
 * unit is published as soon as its encoders are done. */
static void
build_all(struct run *r, struct wk_build_result *res)
{
	struct flight fl = { NULL, 0, 0 };
	enum wk_status st = WK_OK;
	size_t i, k;

	if ((fl.v = calloc(r->nstns + 1, sizeof *fl.v)) != NULL)
		fl.cap = r->nstns + 1;
	for (i = 0; i < r->o->nbulletins; i++) {
		struct wk_bulletin *b = NULL;
		struct wk_err err;

		if ((st = wk_bulletin_load(r->o->bulletins[i], &b, r->d,
		    &err)) != WK_OK) {
			wk_diag_err(r->d, &err);
			wk_causes_failed(r->o->causes, r->d, NULL, NULL, &err);
			latest_failed_file(r, r->o->bulletins[i]);
			res->failed += r->nstns;
			res->worst = worse(res->worst, st);
			if (st == WK_EIO || st == WK_ENOMEM)
				break;
			continue;
		}
		for (k = 0; k < r->nstns; k++) {
			struct unit *cur = start_unit(r, b, k + 1 == r->nstns,
			    &r->stns[k], res);

			/* Without room to keep it in flight (out of memory),
			 * one unit at a time. */
			if (cur != NULL && fl.cap == 0)
				st = finish_unit(r, cur, res);
			else {
				if (cur != NULL)
					fl.v[fl.n++] = cur;
				st = land(r, &fl, fl.cap - 1, res);
			}
			if (st == WK_EIO || st == WK_ENOMEM)
				break;
		}
		if (st == WK_EIO || st == WK_ENOMEM) {
			if (i + 1 < r->o->nbulletins)
				wk_diag(r->d, WK_ERROR, r->o->bulletins[i + 1], 0, 0,
				    _("not built, nor the %zu bulletins after it: "
				    "the run stopped at the error above"),
				    r->o->nbulletins - i - 2);
			break;
		}
	}
	land(r, &fl, 0, res);
	free(fl.v);
	/* The bulletins a stopped run did not reach failed too. */
	for (i++; i < r->o->nbulletins; i++)
		latest_failed_file(r, r->o->bulletins[i]);
}

enum wk_status
wk_build(const struct wk_build_opts *o, struct wk_diags *d,
    struct wk_build_result *res, struct wk_err *err)
{
	struct run r;
	char *dflt = NULL, *catalog = NULL;
	enum wk_status st;
	size_t i, k, prepared, reused;

	memset(&r, 0, sizeof r);
	memset(res, 0, sizeof *res);
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.cv, NULL);
	r.o = o;
	r.d = d;
	wk_date_format(o->date, r.date);
	r.nstns = o->nstations > 0 ? o->nstations : 1;
	if (o->nstations == 0)
		dflt = wk_default_station();
	catalog = wk_data_path("voices/catalog.xml");
	r.stns = calloc(r.nstns, sizeof *r.stns);
	if ((o->nstations == 0 && dflt == NULL) || catalog == NULL ||
	    r.stns == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((st = wk_catalog_load(catalog, &r.cat, d, err)) != WK_OK)
		goto out;
	if ((r.feeds = wk_feedcache_new()) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((st = wk_synth_new(&r.synth, err)) != WK_OK)
		goto out;
	for (i = 0; i < r.nstns; i++) {
		if ((st = wk_station_load(dflt ? dflt : o->stations[i],
		    &r.stns[i].station, d, err)) != WK_OK)
			goto out;
		for (k = 0; k < i; k++)
			if (strcmp(r.stns[k].station->id, r.stns[i].station->id) == 0) {
				st = wk_err_set(err, WK_EUSAGE, o->stations[i], 0, 0,
				    _("station '%s' is given twice; each station of a "
				    "run needs an id of its own"), r.stns[i].station->id);
				goto out;
			}
	}
	/* The stations' own vocabulary, on top of the shipped catalogue. */
	if ((st = wk_local_catalog(r.cat, d, err)) != WK_OK)
		goto out;
	for (i = 0; i < r.nstns; i++)
		if ((st = open_station(&r, &r.stns[i], r.nstns > 1, err)) != WK_OK)
			goto out;
	if ((st = open_cache(&r, err)) != WK_OK)
		goto out;
	if ((r.assets = wk_assets_new(r.cache, d)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	for (i = 0; i < r.nstns; i++)
		wk_renderer_set_assets(r.stns[i].renderer, r.assets);
	if ((r.pool = wk_pool_new(o->jobs)) == NULL) {
		st = wk_err_set(err, WK_ENOMEM, NULL, 0, 0, "%s: %s",
		    _("cannot start the encoder threads"), _("out of memory"));
		goto out;
	}
	/* The price archive: the first station says where it is. */
	wk_market_attach(r.feeds, r.stns[0].station, o->outdir, d);
	build_all(&r, res);
	wk_assets_counts(r.assets, &prepared, &reused);
	wk_diag(d, WK_NOTE, NULL, 0, 0, _("shared work: %zu clip(s) prepared, "
	    "%zu use(s) of a prepared clip, %zu segment(s) shared between "
	    "bulletins or stations"), prepared, reused, r.shared);
	for (i = 0; i < r.nstns; i++)
		wk_latest_settle(r.stns[i].latest, r.stns[i].station,
		    &r.stns[i].params, d);
	for (i = 0; i < r.nstns; i++)
		if (r.stns[i].report != NULL)
			wk_report_write(r.stns[i].report, r.stns[i].out, d,
			    o->causes, wk_feedcache_history(r.feeds));
	for (i = 0; i < r.nstns; i++) {
		wk_retention_apply(r.stns[i].dir, o->date,
		    r.stns[i].station->retention_days, d);
		/* After latest/ settled and old days went: feeds, the
		 * latest/ page and playlist, the hooks. */
		wk_playout_finish(r.stns[i].playout, d);
	}
	st = WK_OK;
out:
	wk_pool_free(r.pool);
	for (i = 0; r.stns != NULL && i < r.nstns; i++)
		close_station(&r.stns[i]);
	free(r.stns);
	for (i = 0; i < r.nmade; i++) {
		if (r.made[i]->frames != NULL)
			fclose(r.made[i]->frames);
		free(r.made[i]);
	}
	free(r.made);
	wk_assets_free(r.assets);
	wk_cache_close(r.cache);
	wk_synth_free(r.synth);
	wk_feedcache_free(r.feeds);
	wk_voiceset_free(&r.voices);
	wk_catalog_free(r.cat);
	pthread_mutex_destroy(&r.mu);
	pthread_cond_destroy(&r.cv);
	free(dflt);
	free(catalog);
	return st;
}
