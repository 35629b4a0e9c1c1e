/*
 * The conductor of `build`: for each bulletin, station and language it
 * sequences the stages (compose -> calibrate -> render -> master ->
 * bundle), has segments looked up in the cache and among those this run
 * made already (build_seg.c), skips a bulletin-language whose published
 * files are already what it would publish (stamp.h), schedules the worker
 * pool and counts the outcomes. Rendering (pass 1) runs on this
 * thread, which owns espeak-ng; mastering and encoding (pass 2) on the
 * pool, one LAME instance per segment, each into an anonymous temporary
 * file (or a cache entry) that bundle.c copies into the published files.
 * Several units (a bulletin for a station) are in flight: one is
 * rendered while earlier ones' segments are encoded, and each is
 * published once they are (build_all).
 */

#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sound/asset.h"
#include "build.h"
#include "build_priv.h"
#include "read/bulletin.h"
#include "publish/bundle.h"
#include "base/cache.h"
#include "sound/calib.h"
#include "publish/causes.h"
#include "read/catalog.h"
#include "say/compose.h"
#include "say/coverage.h"
#include "sound/encode.h"
#include "say/compose_market.h"
#include "sound/master.h"
#include "base/paths.h"
#include "publish/playout.h"
#include "base/pool.h"
#include "publish/publish.h"
#include "sound/render.h"
#include "publish/latest.h"
#include "read/local.h"
#include "publish/report.h"
#include "publish/retention.h"
#include "sound/spool.h"
#include "publish/stamp.h"
#include "read/station.h"
#include "sound/synth.h"
#include "read/voice.h"

static void
encode_job(void *arg)
{
	struct wk_job *j = arg;
	struct wk_run *r = j->u->r;

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
progress(struct wk_run *r, const struct wk_script *s, size_t i, size_t done,
    size_t total)
{
	if (!r->o->progress)
		return;
	fprintf(stderr, "\rwillakuy: %s-%s: segment %zu/%zu (%3zu%%) %-24.24s",
	    s->bulletin, s->lang, done + 1, total, (done + 1) * 100 / total,
	    s->segs[i].id);
	fflush(stderr);
}

/* Pass 1 of segment sg of s, handed to the pool for pass 2 once spooled. */
static enum wk_status
start_job(struct wk_run *r, struct wk_stn *t, const struct wk_script *s,
    const struct wk_seg *sg, struct wk_job *j, struct wk_err *err)
{
	const char *lang = wk_seg_lang(s, sg);
	const struct wk_calib_voice *cv = wk_calib_get(&t->calib, lang);
	enum wk_status st;

	assert(cv != NULL);	/* wk_seg_calibrate() came first */
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

/* What every file of script s for station t is made from, but the
 * audio; NULL when the voice is missing (err set). */
static struct wk_voice *
bundle_of(struct wk_run *r, struct wk_stn *t, const struct wk_script *s,
    struct wk_bundle *bn, struct wk_err *err)
{
	struct wk_voice *v;

	memset(bn, 0, sizeof *bn);
	if ((v = wk_voiceset_get(&r->voices, s->lang, r->d, err)) == NULL)
		return NULL;
	bn->s = s;
	bn->iso639_2 = v->iso639_2;
	bn->station = t->station;
	bn->params = &t->params;
	bn->date = r->o->date;
	bn->gap = t->gap;
	bn->gaplen = t->gaplen;
	bn->d = r->d;
	return v;
}

/* Publishes the files of l's script (bundle.c) from its encoded segments
 * and their measurements, and stamps them (stamp.h). */
static enum wk_status
publish_script(struct wk_run *r, struct wk_stn *t, struct wk_blang *l,
    const struct wk_audio_stats *stats, double *seconds, struct wk_err *err)
{
	const struct wk_script *s = l->s;
	struct wk_bundle bn;
	struct wk_voice *v;
	enum wk_status st;
	size_t i;

	if ((v = bundle_of(r, t, s, &bn, err)) == NULL)
		return err->status;
	if ((bn.frames = calloc(s->nsegs, sizeof *bn.frames)) == NULL ||
	    (t->station->opus && (bn.pcm = calloc(s->nsegs, sizeof *bn.pcm)) ==
	    NULL)) {
		free(bn.frames);
		return wk_err_nomem(err);
	}
	for (i = 0; i < s->nsegs; i++) {
		bn.frames[i] = l->jobs[i].frames;
		if (bn.pcm != NULL)
			bn.pcm[i] = l->jobs[i].pcm;
	}
	bn.stats = stats;
	st = wk_bundle_publish(&bn, t->out, seconds, err);
	free(bn.frames);
	free(bn.pcm);
	if (st == WK_OK && l->stamped && l->files != NULL) {
		struct wk_buf name = WK_BUF_INIT;

		wk_bundle_name(s, &name);
		if (name.failed || wk_stamp_write(t->out, wk_buf_str(&name),
		    l->stamp, l->files, l->nfiles, stats, s->nsegs,
		    *seconds) != 0)
			wk_diag(r->d, WK_NOTE, NULL, 0, 0, _("%s-%s: no stamp "
			    "(%s): the next run publishes it again"), s->bulletin,
			    s->lang, strerror(errno));
		wk_buf_free(&name);
	}
	if (st == WK_OK && wk_playout_add(t->playout, s, v->locale) != 0)
		wk_diag(r->d, WK_ERROR, NULL, 0, 0, "%s-%s: %s", s->bulletin,
		    s->lang, _("out of memory: no feed or hook for it"));
	return st;
}

/* What publish_script does for a bulletin-language published already,
 * as it is (unchanged). */
static enum wk_status
keep_script(struct wk_run *r, struct wk_stn *t, const struct wk_script *s,
    struct wk_err *err)
{
	struct wk_voice *v;

	if ((v = wk_voiceset_get(&r->voices, s->lang, r->d, err)) == NULL)
		return err->status;
	wk_diag(r->d, WK_NOTE, NULL, 0, 0, _("%s-%s: unchanged since it was "
	    "published (its stamp and files match): not published again"),
	    s->bulletin, s->lang);
	if (wk_playout_add(t->playout, s, v->locale) != 0)
		wk_diag(r->d, WK_ERROR, NULL, 0, 0, "%s-%s: %s", s->bulletin,
		    s->lang, _("out of memory: no feed or hook for it"));
	return WK_OK;
}

/* 1 when l's bulletin-language for station t is published already, as
 * this run would publish it (stamp.h): then l->kept and l->kept_s hold
 * its measurements. Sets l->stamp and l->files for publish_script. */
static int
unchanged(struct wk_run *r, struct wk_stn *t, struct wk_blang *l)
{
	const struct wk_script *s = l->s;
	struct wk_buf name = WK_BUF_INIT;
	struct wk_bundle bn;
	const char **keys;
	struct wk_err err;
	size_t i;

	if (bundle_of(r, t, s, &bn, &err) == NULL ||
	    (keys = calloc(s->nsegs, sizeof *keys)) == NULL)
		return 0;
	for (i = 0; i < s->nsegs; i++)
		keys[i] = l->jobs[i].key;
	l->stamped = wk_stamp_key(&bn, keys, l->stamp) == 0;
	free(keys);
	l->files = wk_bundle_files(s, t->station, &l->nfiles);
	wk_bundle_name(s, &name);
	if (l->stamped && l->files != NULL && !name.failed &&
	    (l->kept = calloc(s->nsegs, sizeof *l->kept)) != NULL &&
	    wk_stamp_check(t->out, wk_buf_str(&name), l->stamp, l->files,
	    l->nfiles, l->kept, s->nsegs, &l->kept_s))
		l->unchanged = 1;
	wk_buf_free(&name);
	return l->unchanged;
}

/* Adds a bulletin-language of u to its station's report: stats NULL and
 * error set when it was not published. Each segment goes with the feed it
 * read, the date of its data and its name (causes.c, catalog.h). */
static void
report(struct wk_run *r, const struct wk_bunit *u, const struct wk_script *s,
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
failed(struct wk_run *r, const struct wk_bulletin *b, const char *lang,
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
compose_lang(struct wk_run *r, struct wk_compose *c, struct wk_bunit *u,
    size_t i, size_t *total)
{
	const struct wk_bulletin *b = u->b;
	struct wk_blang *l = &u->l[i];
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
	for (k = 0; k < l->s->nsegs; k++)
		wk_seg_key(u->stn, l->s, &l->s->segs[k], l->jobs[k].key);
	if (unchanged(r, u->stn, l)) {
		/* Nothing to make nor to publish. */
		for (k = 0; k < l->s->nsegs; k++)
			l->jobs[k].cached = 1;
		return;
	}
	wk_seg_lookup(r, u, l->s, l->jobs);
	for (k = 0; k < l->s->nsegs; k++)
		*total += !l->jobs[k].cached;
	l->st = wk_seg_calibrate(r, u->stn, l->s, l->jobs, &l->err);
}

/* Renders the total segments still to make of u's languages, longest
 * first in every language, so that the encoding of the long ones (on the
 * pool) overlaps the synthesis of the rest rather than trailing it.
 * Returns with the encoders still at work. */
static void
render_unit(struct wk_run *r, struct wk_bunit *u, size_t total)
{
	struct wk_blang *l = u->l;
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
		struct wk_blang *li = &l[todo[k].lang];

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
latest_outcome(struct wk_bunit *u, size_t i, enum wk_status st)
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
latest_failed_file(struct wk_run *r, const char *path)
{
	size_t k;

	for (k = 0; k < r->nstns; k++)
		wk_latest_failed_file(r->stns[k].latest, path);
}

/* Collects, publishes and reports language i of u, and counts it. */
static enum wk_status
publish_lang(struct wk_run *r, struct wk_bunit *u, size_t i,
    struct wk_build_result *res)
{
	struct wk_blang *l = &u->l[i];
	struct wk_audio_stats *stats = NULL;
	double secs = 0;
	size_t k;

	if (l->st == WK_OK && l->unchanged) {
		stats = l->kept;
		l->kept = NULL;
		secs = l->kept_s;
		l->st = keep_script(r, u->stn, l->s, &l->err);
	} else {
		if (l->jobs != NULL)
			l->st = wk_seg_collect(r, l->s, l->jobs, l->st,
			    &l->err);
		if (l->st == WK_OK && (stats = calloc(l->s->nsegs,
		    sizeof *stats)) == NULL)
			l->st = wk_err_nomem(&l->err);
		for (k = 0; stats != NULL && k < l->s->nsegs; k++)
			stats[k] = l->jobs[k].stats;
		if (l->st == WK_OK)
			l->st = publish_script(r, u->stn, l, stats, &secs,
			    &l->err);
	}
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
static struct wk_bunit *
start_unit(struct wk_run *r, struct wk_bulletin *b, int owns_b,
    struct wk_stn *t, struct wk_build_result *res)
{
	struct wk_compose *c;
	struct wk_bunit *u;
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
finish_unit(struct wk_run *r, struct wk_bunit *u, struct wk_build_result *res)
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
		wk_jobs_free(u->l[i].jobs, u->l[i].s ? u->l[i].s->nsegs : 0);
		wk_script_free(u->l[i].s);
		wk_bundle_files_free(u->l[i].files);
		free(u->l[i].kept);
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
open_station(struct wk_run *r, struct wk_stn *t, int own_folder,
    struct wk_err *err)
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
close_station(struct wk_stn *t)
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
open_cache(struct wk_run *r, struct wk_err *err)
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
	struct wk_bunit **v;
	size_t n, cap;
	size_t holds;			/* streams their jobs hold open */
};

/* How many open streams the units in flight may hold between them
 * (cache entries, temporary files) beyond two units, far below the usual
 * limit of 1024 descriptors. */
#define FLIGHT_STREAMS 256

/* The streams u's jobs hold open until it is published: frames, PCM,
 * and the spool of each job on the pool. */
static size_t
unit_holds(const struct wk_bunit *u)
{
	size_t i, k, n = 0;

	for (i = 0; i < u->b->nlangs; i++)
		for (k = 0; u->l[i].jobs != NULL && k < u->l[i].s->nsegs; k++) {
			const struct wk_job *j = &u->l[i].jobs[k];

			n += (j->frames != NULL) + (j->pcm != NULL) +
			    (j->submitted != 0);
		}
	return n;
}

/* 1 when u's encoders are done (its publication cannot block). */
static int
unit_done(struct wk_run *r, const struct wk_bunit *u)
{
	size_t left;

	pthread_mutex_lock(&r->mu);
	left = u->left;
	pthread_mutex_unlock(&r->mu);
	return left == 0;
}

/* Publishes the oldest units until at most keep are in flight (and,
 * beyond two, they hold at most FLIGHT_STREAMS streams), and then those
 * whose encoders are done; oldest first, since a unit may share segments
 * made by an earlier one. Returns the worst outcome. */
static enum wk_status
land(struct wk_run *r, struct flight *fl, size_t keep,
    struct wk_build_result *res)
{
	enum wk_status worst = WK_OK;

	while (fl->n > 0 && (fl->n > keep || (fl->n > 2 &&
	    fl->holds > FLIGHT_STREAMS) || unit_done(r, fl->v[0]))) {
		fl->holds -= fl->v[0]->holds;
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
 * unit is published as soon as its encoders are done. With very many
 * stations, or bulletins of very many segments, the streams the units
 * hold open bound how many stay in flight (FLIGHT_STREAMS). */
/* Whether an earlier bulletin of the run (ids[0..i), NULL for those not
 * read) has b's id: then b is reported and not built, since both would
 * publish the same files. */
static int
same_id(struct wk_run *r, const struct wk_bulletin *b, char *const *ids,
    size_t i, struct wk_build_result *res)
{
	struct wk_err err;
	size_t j;

	for (j = 0; j < i; j++) {
		if (ids[j] == NULL || strcmp(ids[j], b->id) != 0)
			continue;
		wk_err_set(&err, WK_EINPUT, b->path, b->pos.line, b->pos.col,
		    _("bulletin id '%s' is also the id of %s, built before it "
		    "in this run: both would publish %s-<lang>; give each "
		    "bulletin its own id"), b->id, r->o->bulletins[j], b->id);
		wk_diag_err(r->d, &err);
		wk_causes_failed(r->o->causes, r->d, NULL, NULL, &err);
		res->failed += r->nstns;
		res->worst = worse(res->worst, WK_EINPUT);
		return 1;
	}
	return 0;
}

static void
build_all(struct wk_run *r, struct wk_build_result *res)
{
	struct flight fl = { NULL, 0, 0, 0 };
	enum wk_status st = WK_OK;
	char **ids = calloc(r->o->nbulletins + 1, sizeof *ids);
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
		if (ids != NULL && same_id(r, b, ids, i, res)) {
			wk_bulletin_free(b);
			continue;
		}
		if (ids != NULL)	/* without memory, unchecked: as before */
			ids[i] = strdup(b->id);
		for (k = 0; k < r->nstns; k++) {
			struct wk_bunit *cur = start_unit(r, b, k + 1 == r->nstns,
			    &r->stns[k], res);

			/* Without room to keep it in flight (out of memory),
			 * one unit at a time. */
			if (cur != NULL && fl.cap == 0)
				st = finish_unit(r, cur, res);
			else {
				if (cur != NULL) {
					cur->holds = unit_holds(cur);
					fl.holds += cur->holds;
					fl.v[fl.n++] = cur;
				}
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
	for (k = 0; ids != NULL && k < r->o->nbulletins; k++)
		free(ids[k]);
	free(ids);
	/* The bulletins a stopped run did not reach failed too. */
	for (i++; i < r->o->nbulletins; i++)
		latest_failed_file(r, r->o->bulletins[i]);
}

enum wk_status
wk_build(const struct wk_build_opts *o, struct wk_diags *d,
    struct wk_build_result *res, struct wk_err *err)
{
	struct wk_run r;
	char *dflt = NULL;
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
	r.stns = calloc(r.nstns, sizeof *r.stns);
	if ((o->nstations == 0 && dflt == NULL) || r.stns == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
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
	/* The shipped catalogue with the stations' own vocabulary on top. */
	if ((st = wk_local_catalog_load(&r.cat, d, err)) != WK_OK)
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
	return st;
}
