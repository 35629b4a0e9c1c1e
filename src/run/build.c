/*
 * The conductor of `build`: it opens each station of the run (its site,
 * output folder, latest/, renderer and report), the segment cache shared
 * by them, the clips prepared once and the worker pool; then it takes
 * every bulletin to every station, a unit at a time (build_unit.c),
 * with several units in flight: one is rendered while earlier ones'
 * segments are encoded, and each is published once they are
 * (build_all). At the end each station's latest/ is settled, its report
 * written, its old days removed and its feeds and hooks run. One
 * bulletin's failure does not stop the others.
 */

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "build_priv.h"
#include "base/cache.h"
#include "base/paths.h"
#include "base/pool.h"
#include "publish/causes.h"
#include "publish/latest.h"
#include "publish/playout.h"
#include "publish/publish.h"
#include "publish/report.h"
#include "publish/retention.h"
#include "read/bulletin.h"
#include "read/rules.h"
#include "read/site.h"
#include "read/station.h"
#include "say/compose.h"
#include "say/compose_market.h"
#include "sound/asset.h"
#include "sound/encode.h"
#include "sound/render.h"
#include "sound/synth.h"

/* Every station's latest/: bulletin file path failed. */
static void
latest_failed_file(struct wk_run *r, const char *path)
{
	size_t k;

	for (k = 0; k < r->nstns; k++)
		wk_latest_failed_file(r->stns[k].latest, path);
}

/* Opens the site of station t of the run from its station file path
 * (NULL: the default station) and takes its audio settings. */
static enum wk_status
open_station(struct wk_run *r, struct wk_stn *t, const char *path,
    struct wk_err *err)
{
	enum wk_status st;

	if ((st = wk_site_open(path, 0, r->d, &t->site, err)) != WK_OK)
		return st;
	t->station = t->site->station;
	wk_audio_params_of(t->station, &t->params);
	return WK_OK;
}

/* Starts station t (its site open): its output folder (its own one when
 * own_folder), latest/, renderer, the pause between segments and its
 * report. */
static enum wk_status
start_station(struct wk_run *r, struct wk_stn *t, int own_folder,
    struct wk_err *err)
{
	struct wk_outdir_opts op;
	enum wk_status st;

	t->dir = own_folder ? wk_path_join(r->o->outdir, t->station->id)
	    : strdup(r->o->outdir);
	if (t->dir == NULL)
		return wk_err_nomem(err);
	memset(&op, 0, sizeof op);
	op.date = r->date;
	op.today = r->today;
	op.station = t->station->id;
	op.wait_s = r->o->lock_wait_s;
	op.shared = t->station->output_shared;
	st = wk_outdir_open(t->dir, &op, r->d, &t->out, err);
	if (st == WK_OK)
		st = wk_latest_open(t->out, r->d, &t->latest, err);
	if (st != WK_OK)
		return st;
	if ((t->playout = wk_playout_new(t->station, t->dir, r->o->date,
	    r->o->today)) == NULL)
		return wk_err_nomem(err);
	if ((st = wk_renderer_new(&t->params, r->synth, &t->site->voices,
	    &t->calib, r->d, &t->renderer, err)) != WK_OK ||
	    (st = wk_encode_pause(&t->params, t->station->segment_pause_ms,
	    &t->gap, &t->gaplen, err)) != WK_OK)
		return st;
	if ((t->report = wk_report_new(t->station->name, r->date,
	    t->site->cat, t->station->segment_pause_ms)) == NULL)
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
	wk_site_free(t->site);
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
		worst = wk_worse(worst, wk_unit_finish(r, fl->v[0], res));
		memmove(fl->v, fl->v + 1, --fl->n * sizeof *fl->v);
	}
	return worst;
}

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
		res->worst = wk_worse(res->worst, WK_EINPUT);
		return 1;
	}
	return 0;
}

/* 1 when d holds a diagnostic like g. */
static int
said(const struct wk_diags *d, const struct wk_diag *g)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].sev == g->sev && d->v[i].line == g->line &&
		    d->v[i].col == g->col && strcmp(d->v[i].msg, g->msg) == 0 &&
		    (d->v[i].file == NULL) == (g->file == NULL) &&
		    (g->file == NULL || strcmp(d->v[i].file, g->file) == 0))
			return 1;
	return 0;
}

/* The rules of bulletin b for each station of the run (read/rules.h), as
 * check applies them: what check calls an error is one here too, in the
 * same words (the run then exits non-zero), though the rest of b is
 * still built. Stations that find the same say it once. */
static void
bulletin_rules(struct wk_run *r, const struct wk_bulletin *b)
{
	struct wk_diags all, one;
	size_t i, k;

	wk_diags_init(&all, NULL);
	for (k = 0; k < r->nstns; k++) {
		wk_diags_init(&one, NULL);
		wk_rules_bulletin(b, r->stns[k].site, &one);
		for (i = 0; i < one.n; i++) {
			const struct wk_diag *g = &one.v[i];
			size_t n = r->d->n;

			if (said(&all, g))
				continue;
			wk_diag(&all, g->sev, g->file, g->line, g->col, "%s",
			    g->msg);
			wk_diag(r->d, g->sev, g->file, g->line, g->col, "%s",
			    g->msg);
			if (g->cause != 0 && r->d->n > n)
				wk_diag_set_cause(r->d, n, g->cause,
				    g->cause_file);
		}
		wk_diags_free(&one);
	}
	wk_diags_free(&all);
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
			res->worst = wk_worse(res->worst, st);
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
		bulletin_rules(r, b);
		for (k = 0; k < r->nstns; k++) {
			struct wk_bunit *cur = wk_unit_start(r, b, k + 1 == r->nstns,
			    &r->stns[k], res);

			/* Without room to keep it in flight (out of memory),
			 * one unit at a time. */
			if (cur != NULL && fl.cap == 0)
				st = wk_unit_finish(r, cur, res);
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
	enum wk_status st;
	size_t i, k, prepared, reused;

	memset(&r, 0, sizeof r);
	memset(res, 0, sizeof *res);
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.cv, NULL);
	r.o = o;
	r.d = d;
	wk_date_format(o->date, r.date);
	/* Without a today (a caller of its own), the date is today. */
	wk_date_format(o->today.y > 0 ? o->today : o->date, r.today);
	r.nstns = o->nstations > 0 ? o->nstations : 1;
	if ((r.stns = calloc(r.nstns, sizeof *r.stns)) == NULL ||
	    (r.feeds = wk_feedcache_new()) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((st = wk_synth_new(&r.synth, err)) != WK_OK)
		goto out;
	for (i = 0; i < r.nstns; i++) {
		if ((st = open_station(&r, &r.stns[i], o->nstations > 0 ?
		    o->stations[i] : NULL, err)) != WK_OK)
			goto out;
		for (k = 0; k < i; k++)
			if (strcmp(r.stns[k].station->id, r.stns[i].station->id) == 0) {
				st = wk_err_set(err, WK_EUSAGE, o->stations[i], 0, 0,
				    _("station '%s' is given twice; each station of a "
				    "run needs an id of its own"), r.stns[i].station->id);
				goto out;
			}
	}
	for (i = 0; i < r.nstns; i++)
		if ((st = start_station(&r, &r.stns[i], r.nstns > 1, err)) != WK_OK)
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
	for (i = 0; i < r.nstns; i++) {
		const char *back = wk_latest_unpinned(r.stns[i].latest);
		const char *later = wk_latest_later(r.stns[i].latest);

		wk_latest_settle(r.stns[i].latest, r.stns[i].station,
		    &r.stns[i].params, d);
		res->future |= wk_latest_future(r.stns[i].latest);
		if (back != NULL)
			snprintf(res->unpinned, sizeof res->unpinned, "%s", back);
		if (later != NULL)
			snprintf(res->later, sizeof res->later, "%s", later);
	}
	for (i = 0; i < r.nstns; i++)
		if (r.stns[i].report != NULL)
			wk_report_write(r.stns[i].report, r.stns[i].out, d,
			    o->causes, wk_feedcache_history(r.feeds));
	for (i = 0; i < r.nstns; i++) {
		/* Never from a date after today: a mistyped year would
		 * remove the whole archive. */
		wk_retention_apply(r.stns[i].dir, strcmp(r.date, r.today) > 0 ?
		    o->today : o->date, r.stns[i].station->retention_days, d);
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
	pthread_mutex_destroy(&r.mu);
	pthread_cond_destroy(&r.cv);
	return st;
}
