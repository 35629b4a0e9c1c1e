/*
 * The conductor of `build`: for each bulletin and language it sequences
 * the stages (compose -> calibrate -> render -> master -> bundle), looks
 * segments up in the cache, schedules the worker pool and counts the
 * outcomes. Rendering (pass 1) runs on this thread; mastering and
 * encoding (pass 2) on the pool, one LAME instance per segment, each into
 * an anonymous temporary file (or a cache entry) that bundle.c copies into
 * the published files.
 */

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "bulletin.h"
#include "bundle.h"
#include "cache.h"
#include "calib.h"
#include "catalog.h"
#include "compose.h"
#include "encode.h"
#include "master.h"
#include "paths.h"
#include "playout.h"
#include "pool.h"
#include "publish.h"
#include "render.h"
#include "local.h"
#include "report.h"
#include "retention.h"
#include "spool.h"
#include "station.h"
#include "synth.h"
#include "voice.h"

/* One segment's pass 2, run on the pool. */
struct job {
	wk_key key;
	int cached;			/* frames and stats came from the cache */
	int submitted;			/* handed to the pool */
	struct wk_spool *spool;
	const struct wk_audio_params *params;
	double codec_loss_db;		/* of the segment's voice */
	FILE *frames;			/* raw MP3 frames */
	FILE *pcm;			/* mastered PCM, for Opus; or NULL */
	struct wk_audio_stats stats;
	struct wk_err err;
	enum wk_status st;
};

struct run {
	const struct wk_build_opts *o;
	struct wk_diags *d;
	struct wk_station *station;
	struct wk_catalog *cat;
	struct wk_voiceset voices;
	struct wk_feedcache *feeds;
	struct wk_outdir *out;
	struct wk_synth *synth;
	struct wk_renderer *renderer;
	struct wk_calib calib;		/* the voices measured so far */
	struct wk_pool *pool;
	struct wk_cache *cache;
	struct wk_report *report;
	struct wk_playout *playout;	/* feeds, latest/ page, hooks */
	struct wk_audio_params params;
	unsigned char *gap;		/* MP3 frames of the segment pause */
	size_t gaplen;
	char date[11];
};

static void
encode_job(void *arg)
{
	struct job *j = arg;

	j->st = wk_master_segment_pcm(j->spool, j->params, j->codec_loss_db,
	    j->frames, j->pcm, &j->stats, &j->err);
	if (j->st == WK_OK && (fflush(j->frames) != 0 || ferror(j->frames) ||
	    (j->pcm != NULL && (fflush(j->pcm) != 0 || ferror(j->pcm)))))
		j->st = wk_err_set(&j->err, WK_EIO, NULL, 0, 0, "%s",
		    _("cannot write a temporary file (TMPDIR)"));
	wk_spool_free(j->spool);
	j->spool = NULL;
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

/* The segments of s whose audio is in the cache are taken from it. */
static void
lookup_script(struct run *r, const struct wk_script *s, struct job *jobs)
{
	size_t i;

	for (i = 0; i < s->nsegs; i++) {
		struct job *j = &jobs[i];

		j->params = &r->params;
		wk_render_key(r->renderer, &s->segs[i], j->key);
		if (r->cache != NULL &&
		    wk_cache_get(r->cache, j->key, &j->frames, &j->stats))
			j->cached = 1;
	}
}

/* Measures voice lang unless it was already. */
static enum wk_status
calibrate_voice(struct run *r, const char *lang, struct wk_err *err)
{
	struct wk_calib_voice cv;
	struct wk_voice *v;
	enum wk_status st;

	if (wk_calib_get(&r->calib, lang) != NULL)
		return WK_OK;
	if ((v = wk_voiceset_get(&r->voices, lang, r->d, err)) == NULL)
		return err->status;
	if ((st = wk_calib_measure(&r->params, r->synth, v, &cv, err)) != WK_OK)
		return st;
	return wk_calib_add(&r->calib, &cv, err);
}

/* Measures, before any of them is rendered, the voices that the segments
 * of s still to be made speak in or match their clips to. */
static enum wk_status
calibrate(struct run *r, const struct wk_script *s, const struct job *jobs,
    struct wk_err *err)
{
	enum wk_status st = WK_OK;
	size_t i, k;

	for (i = 0; i < s->nsegs && st == WK_OK; i++) {
		const struct wk_seg *sg = &s->segs[i];

		if (jobs[i].cached)
			continue;
		st = calibrate_voice(r, wk_seg_lang(s, sg), err);
		for (k = 0; k < sg->nparts && st == WK_OK; k++)
			if (sg->parts[k].kind == WK_PART_SPEECH)
				st = calibrate_voice(r, sg->parts[k].lang, err);
	}
	return st;
}

/* Pass 1 of segment sg of s, handed to the pool for pass 2 once spooled. */
static enum wk_status
start_job(struct run *r, const struct wk_script *s, const struct wk_seg *sg,
    struct job *j, struct wk_err *err)
{
	const char *lang = wk_seg_lang(s, sg);
	const struct wk_calib_voice *cv = wk_calib_get(&r->calib, lang);
	enum wk_status st;

	assert(cv != NULL);	/* calibrate() came first */
	j->codec_loss_db = cv->codec_loss_db;
	j->frames = r->cache ? wk_cache_begin(r->cache, j->key, err) : tmpfile();
	if (j->frames == NULL)
		return r->cache ? err->status : wk_err_set(err, WK_EIO, NULL, 0, 0,
		    "%s", _("cannot create a temporary file (TMPDIR)"));
	if (r->station->opus && (j->pcm = tmpfile()) == NULL)
		return wk_err_set(err, WK_EIO, NULL, 0, 0, "%s",
		    _("cannot create a temporary file (TMPDIR)"));
	if ((st = wk_render_segment(r->renderer, sg, lang, &j->spool, err)) != WK_OK)
		return st;
	j->submitted = 1;
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

/* After the pool is idle: the first failure of s's jobs, and the new
 * segments stored in the cache (or dropped). */
static enum wk_status
collect_script(struct run *r, const struct wk_script *s, struct job *jobs,
    enum wk_status st, struct wk_err *err)
{
	size_t i;

	for (i = 0; i < s->nsegs; i++) {
		struct job *j = &jobs[i];
		struct wk_err e2;

		if (j->cached || j->frames == NULL)
			continue;
		if (st == WK_OK && j->submitted && j->st != WK_OK) {
			*err = j->err;
			st = j->st;
			if (err->file[0] == '\0')
				snprintf(err->msg + strlen(err->msg),
				    sizeof err->msg - strlen(err->msg),
				    " (segment '%s')", s->segs[i].id);
		}
		if (r->cache == NULL)
			continue;
		if (st == WK_OK && j->submitted && j->st == WK_OK) {
			if (wk_cache_put(r->cache, j->key, j->frames, &j->stats,
			    &e2) != WK_OK)
				wk_diag(r->d, WK_WARNING, NULL, 0, 0, "%s", e2.msg);
		} else {
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
publish_script(struct run *r, const struct wk_script *s, struct job *jobs,
    const struct wk_audio_stats *stats, double *seconds, struct wk_err *err)
{
	struct wk_bundle bn;
	struct wk_voice *v;
	enum wk_status st;
	size_t i;

	memset(&bn, 0, sizeof bn);
	if ((v = wk_voiceset_get(&r->voices, s->lang, r->d, err)) == NULL)
		return err->status;
	if ((bn.frames = calloc(s->nsegs, sizeof *bn.frames)) == NULL ||
	    (r->station->opus && (bn.pcm = calloc(s->nsegs, sizeof *bn.pcm)) ==
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
	bn.station = r->station;
	bn.params = &r->params;
	bn.date = r->o->date;
	bn.stats = stats;
	bn.gap = r->gap;
	bn.gaplen = r->gaplen;
	bn.d = r->d;
	st = wk_bundle_publish(&bn, r->out, seconds, err);
	free(bn.frames);
	free(bn.pcm);
	if (st == WK_OK && wk_playout_add(r->playout, s) != 0)
		wk_diag(r->d, WK_ERROR, NULL, 0, 0, "%s-%s: %s", s->bulletin,
		    s->lang, _("out of memory: no feed or hook for it"));
	return st;
}

/* Adds a bulletin-language to the day's report: stats NULL and error set
 * when it was not published. */
static void
report(struct run *r, const struct wk_script *s,
    const struct wk_audio_stats *stats, const char *error)
{
	if (r->report != NULL && wk_report_add(r->report, s, stats, error) != 0)
		wk_diag(r->d, WK_WARNING, NULL, 0, 0, "%s",
		    _("out of memory: the report will lack a bulletin"));
}

/* One language of a bulletin on its way through the stages. */
struct lang {
	struct wk_script *s;
	struct job *jobs;
	enum wk_status st;
	struct wk_err err;
};

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
	res->failed++;
	res->worst = worse(res->worst, st);
}

/* Composes language i of b, looks its segments up in the cache and
 * calibrates the voices of those still to make; *total counts them. */
static void
compose_lang(struct run *r, struct wk_compose *c, const struct wk_bulletin *b,
    struct lang *l, size_t i, size_t *total)
{
	size_t k;

	l->st = wk_compose(c, b, b->langs[i], &l->s, &l->err);
	if (l->st == WK_OK && l->s->nsegs == 0)
		l->st = wk_err_set(&l->err, WK_EINPUT, b->path, b->pos.line,
		    b->pos.col, _("bulletin '%s' has nothing to say in '%s'"),
		    b->id, b->langs[i]);
	if (l->st == WK_OK && (l->jobs = calloc(l->s->nsegs,
	    sizeof *l->jobs)) == NULL)
		l->st = wk_err_nomem(&l->err);
	if (l->st != WK_OK)
		return;
	lookup_script(r, l->s, l->jobs);
	for (k = 0; k < l->s->nsegs; k++)
		*total += !l->jobs[k].cached;
	l->st = calibrate(r, l->s, l->jobs, &l->err);
}

/* Renders the total segments still to make of the nl languages in l,
 * longest first in every language, so that the encoding of the long ones
 * (on the pool) overlaps the synthesis of the rest rather than trailing
 * it; returns when the pool is idle. */
static void
render_langs(struct run *r, struct lang *l, size_t nl, size_t total)
{
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
		li->st = start_job(r, li->s, &li->s->segs[todo[k].seg],
		    &li->jobs[todo[k].seg], &li->err);
	}
	free(todo);
	wk_pool_wait(r->pool);
	if (r->o->progress)
		fputs("\r\033[K", stderr);
}

/* Collects, publishes and reports language i of b, and counts it. */
static enum wk_status
publish_lang(struct run *r, const struct wk_bulletin *b, struct lang *l,
    size_t i, struct wk_build_result *res)
{
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
		l->st = publish_script(r, l->s, l->jobs, stats, &secs, &l->err);
	if (l->s != NULL)
		report(r, l->s, l->st == WK_OK ? stats : NULL, l->st == WK_OK ? NULL
		    : l->err.msg);
	free(stats);
	if (l->st == WK_OK) {
		res->built++;
		res->audio_s += secs;
		if (l->s->nfallbacks > 0)
			res->with_fallbacks++;
	} else
		failed(r, b, b->langs[i], l->st, &l->err, res);
	return l->st;
}

/*
 * Composes every language of the bulletin, renders all their segments
 * (encoders working meanwhile on the pool), then publishes each language.
 * Counts the outcomes in res; returns the worst.
 */
static enum wk_status
build_bulletin(struct run *r, const char *path, struct wk_build_result *res)
{
	struct wk_bulletin *b = NULL;
	struct wk_compose c;
	struct wk_err err;
	struct lang *l = NULL;
	enum wk_status st, worst = WK_OK;
	size_t i, total = 0;

	if ((st = wk_bulletin_load(path, &b, r->d, &err)) != WK_OK) {
		wk_diag_err(r->d, &err);
		res->failed++;
		res->worst = worse(res->worst, st);
		return st;
	}
	if ((l = calloc(b->nlangs, sizeof *l)) == NULL) {
		st = wk_err_set(&err, WK_ENOMEM, b->path, 0, 0, "%s",
		    _("out of memory"));
		wk_diag_err(r->d, &err);
		res->failed += b->nlangs;
		res->worst = worse(res->worst, st);
		wk_bulletin_free(b);
		return st;
	}
	memset(&c, 0, sizeof c);
	c.cat = r->cat;
	c.station = r->station;
	c.date = r->o->date;
	c.voices = &r->voices;
	c.feeds = r->feeds;
	c.d = r->d;
	for (i = 0; i < b->nlangs; i++)
		compose_lang(r, &c, b, &l[i], i, &total);
	render_langs(r, l, b->nlangs, total);
	for (i = 0; i < b->nlangs; i++) {
		worst = worse(worst, publish_lang(r, b, &l[i], i, res));
		free_jobs(l[i].jobs, l[i].s ? l[i].s->nsegs : 0);
		wk_script_free(l[i].s);
	}
	free(l);
	wk_bulletin_free(b);
	return worst;
}

enum wk_status
wk_build(const struct wk_build_opts *o, struct wk_diags *d,
    struct wk_build_result *res, struct wk_err *err)
{
	struct run r;
	char *station = NULL, *catalog = NULL;
	enum wk_status st;
	FILE *gap;
	size_t i;

	memset(&r, 0, sizeof r);
	memset(res, 0, sizeof *res);
	r.o = o;
	r.d = d;
	wk_date_format(o->date, r.date);
	station = o->station ? strdup(o->station) : wk_default_station();
	catalog = wk_data_path("voices/catalog.xml");
	if (station == NULL || catalog == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((st = wk_station_load(station, &r.station, d, err)) != WK_OK ||
	    (st = wk_catalog_load(catalog, &r.cat, d, err)) != WK_OK ||
	    (st = wk_local_catalog(r.cat, d, err)) != WK_OK)
		goto out;
	r.params.rate_hz = r.station->rate_hz;
	r.params.channels = r.station->channels;
	r.params.bitrate_kbps = r.station->bitrate_kbps;
	r.params.vbr = r.station->vbr;
	r.params.vbr_quality = r.station->vbr_quality;
	r.params.target_lufs = r.station->target_lufs;
	r.params.peak_dbtp = r.station->peak_dbtp;
	r.params.verify = r.station->verify;
	if ((r.feeds = wk_feedcache_new()) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((st = wk_outdir_open(o->outdir, r.date, o->lock_wait_s, &r.out,
	    err)) != WK_OK)
		goto out;
	if ((r.playout = wk_playout_new(r.station, o->outdir, o->date)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	/* The cache keeps MP3 frames only: with Opus every segment is made
	 * again, for its mastered PCM. */
	if (r.station->cache_mb > 0 && !r.station->opus) {
		char *dir = wk_path_join(o->outdir, ".cache");

		st = dir ? wk_cache_open(dir, (unsigned long long)r.station->cache_mb
		    << 20, &r.cache, err) : wk_err_nomem(err);
		free(dir);
		if (st != WK_OK)
			goto out;
	}
	if ((st = wk_synth_new(&r.synth, err)) != WK_OK ||
	    (st = wk_renderer_new(&r.params, r.synth, &r.voices, &r.calib, d,
	    &r.renderer, err)) != WK_OK)
		goto out;
	if ((r.pool = wk_pool_new(o->jobs)) == NULL) {
		st = wk_err_set(err, WK_ENOMEM, NULL, 0, 0, "%s",
		    _("cannot start the encoder threads"));
		goto out;
	}
	/* The pause between segments, encoded once. */
	if ((gap = open_memstream((char **)&r.gap, &r.gaplen)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	st = wk_encode_silence(&r.params, r.station->segment_pause_ms, gap, err);
	if (fclose(gap) != 0 && st == WK_OK)
		st = wk_err_nomem(err);
	if (st != WK_OK)
		goto out;
	if ((r.report = wk_report_new(r.station->name, r.date)) == NULL)
		wk_diag(d, WK_WARNING, NULL, 0, 0,
		    _("the report could not be written: %s"), _("out of memory"));
	for (i = 0; i < o->nbulletins; i++) {
		/* build_bulletin counted its outcomes in res. */
		st = build_bulletin(&r, o->bulletins[i], res);
		if (st == WK_EIO || st == WK_ENOMEM)
			break;
	}
	if (r.report != NULL)
		wk_report_write(r.report, r.out, d);
	wk_retention_apply(o->outdir, o->date, r.station->retention_days, d);
	wk_playout_finish(r.playout, d);
	st = WK_OK;
out:
	wk_pool_free(r.pool);
	wk_playout_free(r.playout);
	wk_report_free(r.report);
	wk_cache_close(r.cache);
	wk_renderer_free(r.renderer);
	wk_calib_free(&r.calib);
	wk_synth_free(r.synth);
	wk_outdir_close(r.out);
	wk_feedcache_free(r.feeds);
	wk_voiceset_free(&r.voices);
	wk_catalog_free(r.cat);
	wk_station_free(r.station);
	free(r.gap);
	free(station);
	free(catalog);
	return st;
}
