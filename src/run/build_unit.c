/*
 * A unit of `build` (build_priv.h): one bulletin for one station, taken
 * through the stages. Each language is composed with the station's site,
 * its segments looked up (build_seg.c) and, when its published files are
 * already what it would publish (stamp.h), left as they are; the others'
 * segments are rendered on this thread (pass 1, which owns espeak-ng),
 * longest first, and mastered and encoded on the pool (pass 2, one LAME
 * instance per segment, into an anonymous temporary file or a cache
 * entry). Once the encoders are done each language is published
 * (bundle.h), reported, told to latest/ and counted.
 */

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "build_priv.h"
#include "publish/bundle.h"
#include "publish/causes.h"
#include "publish/latest.h"
#include "publish/playout.h"
#include "publish/report.h"
#include "publish/stamp.h"
#include "read/bulletin.h"
#include "read/site.h"
#include "read/station.h"
#include "base/pool.h"
#include "sound/master.h"
#include "sound/render.h"
#include "sound/spool.h"

enum wk_status
wk_worse(enum wk_status worst, enum wk_status st)
{
	if (st == WK_OK)
		return worst;
	return worst == WK_OK || st == WK_EIO || st == WK_ENOMEM ? st : worst;
}

/* Masters and encodes j's spool into j->frames (and j->pcm). */
static void
master_job(struct wk_job *j)
{
	j->st = wk_master_segment_pcm(j->spool, j->params, j->codec_loss_db,
	    j->frames, j->pcm, &j->stats, &j->err);
	if (j->st == WK_OK && (fflush(j->frames) != 0 || ferror(j->frames) ||
	    (j->pcm != NULL && (fflush(j->pcm) != 0 || ferror(j->pcm)))))
		j->st = wk_err_set(&j->err, WK_EIO, NULL, 0, 0, "%s",
		    _("cannot write a temporary file (TMPDIR)"));
}

/* Pass 2 of a segment, on the pool. The cache only saves work: when its
 * entry cannot be written (the cache folder's disk full), the segment is
 * made again into a temporary file and goes to air uncached. */
static void
encode_job(void *arg)
{
	struct wk_job *j = arg;
	struct wk_run *r = j->u->r;
	FILE *t;

	master_job(j);
	if (j->st == WK_EIO && r->cache != NULL && j->unstored == NULL &&
	    (t = tmpfile()) != NULL) {
		if (j->pcm != NULL && (fflush(j->pcm) != 0 ||
		    ftruncate(fileno(j->pcm), 0) != 0 ||
		    fseeko(j->pcm, 0, SEEK_SET) != 0))
			fclose(t);
		else {
			j->unstored = j->frames;
			j->frames = t;
			master_job(j);
		}
	}
	wk_spool_free(j->spool);
	j->spool = NULL;
	pthread_mutex_lock(&r->mu);
	j->u->left--;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
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

/* What every file of script s for station t is made from, but the
 * audio; NULL when the voice is missing (err set). */
static struct wk_voice *
bundle_of(struct wk_run *r, struct wk_stn *t, const struct wk_script *s,
    struct wk_bundle *bn, struct wk_err *err)
{
	struct wk_voice *v;

	memset(bn, 0, sizeof *bn);
	if ((v = wk_site_voice(t->site, s->lang, r->d, err)) == NULL)
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
	if (st == WK_OK)
		wk_stamp_published(t->out, &bn, &l->stamp, stats, *seconds, r->d);
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

	if ((v = wk_site_voice(t->site, s->lang, r->d, err)) == NULL)
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
 * its measurements. Sets l->stamp for publish_script. */
static int
unchanged(struct wk_run *r, struct wk_stn *t, struct wk_blang *l)
{
	const struct wk_script *s = l->s;
	struct wk_bundle bn;
	const char **keys;
	struct wk_err err;
	size_t i;

	if (bundle_of(r, t, s, &bn, &err) == NULL ||
	    (keys = calloc(s->nsegs, sizeof *keys)) == NULL)
		return 0;
	for (i = 0; i < s->nsegs; i++)
		keys[i] = l->jobs[i].key;
	if ((l->kept = calloc(s->nsegs, sizeof *l->kept)) != NULL &&
	    wk_stamp_lookup(t->out, &bn, keys, &l->stamp, l->kept,
	    &l->kept_s))
		l->unchanged = 1;
	free(keys);
	return l->unchanged;
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
	char name[200];

	if (err->file[0] == '\0')
		wk_diag(r->d, WK_ERROR, b->path, 0, 0, _("%s-%s not published: %s"),
		    b->id, lang, err->msg);
	else
		wk_diag_err(r->d, err);
	snprintf(name, sizeof name, "%s-%s", b->id, lang);
	wk_causes_failed(r->o->causes, r->d, b, name, err);
	res->failed++;
	res->worst = wk_worse(res->worst, st);
}

/* True when script s reads feeds and could use none of them: all it
 * would say is fallback phrases around its opening and closing, so it is
 * not published (issue 24: no empty bulletins). */
static int
nothing_new(const struct wk_script *s)
{
	return s != NULL && s->ndata > 0 && s->nodata == s->ndata;
}

/* The first note of a segment of s that fell back: why. */
static const char *
first_why(const struct wk_script *s)
{
	size_t i;

	for (i = 0; i < s->nsegs; i++)
		if (WK_SEG_NODATA(&s->segs[i]) && s->segs[i].note != NULL)
			return s->segs[i].note;
	return "";
}

/* A bulletin-language with nothing new is failed: reported, and counted
 * against the feeds that made its segments fall back (causes.c). */
static void
failed_nothing_new(struct wk_run *r, const struct wk_bulletin *b,
    const char *lang, const struct wk_err *err, struct wk_build_result *res)
{
	char name[200];

	wk_diag_err(r->d, err);
	snprintf(name, sizeof name, "%s-%s", b->id, lang);
	wk_causes_nodata(r->o->causes, r->d, name);
	res->failed++;
	res->worst = wk_worse(res->worst, err->status);
}

/* Composes language i of u's bulletin for its station, looks its segments
 * up and calibrates the voices of those still to make; *total counts
 * them. */
static void
compose_lang(struct wk_run *r, struct wk_bunit *u, size_t i, size_t *total)
{
	const struct wk_bulletin *b = u->b;
	struct wk_blang *l = &u->l[i];
	size_t k, from = r->d->n;

	l->st = wk_compose(&u->c, b, b->langs[i], &l->s, &l->err);
	if (l->st == WK_OK)
		wk_causes_script(r->o->causes, r->d, from, &u->c, b, l->s);
	if (l->st == WK_OK && l->s->nsegs == 0)
		l->st = wk_err_set(&l->err, WK_EINPUT, b->path, b->pos.line,
		    b->pos.col, _("bulletin '%s' has nothing to say in '%s'"),
		    b->id, b->langs[i]);
	if (l->st == WK_OK && nothing_new(l->s))
		l->st = wk_err_set(&l->err, WK_EINPUT, b->path, b->pos.line,
		    b->pos.col, _("bulletin '%s' in '%s' has nothing new to say: "
		    "every segment that reads a feed fell back (%s); it is not "
		    "published, and latest/ gets what <latest on-failure> says. "
		    "Put today's feeds in %s and build again"), b->id,
		    b->langs[i], first_why(l->s), u->stn->site->station->feeds_dir);
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
		if (r->o->progress != NULL)
			r->o->progress(li->s->bulletin, li->s->lang, k, n,
			    li->s->segs[todo[k].seg].id);
		li->st = start_job(r, u->stn, li->s, &li->s->segs[todo[k].seg],
		    &li->jobs[todo[k].seg], &li->err);
	}
	free(todo);
	if (r->o->progress != NULL)
		r->o->progress(NULL, NULL, 0, 0, NULL);
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
		wk_report_add_script(u->stn->report, r->o->causes, &u->c, u->b,
		    &u->stn->site->voices, l->s, l->st == WK_OK ? stats : NULL,
		    l->st == WK_OK ? NULL : l->err.msg, r->d);
	free(stats);
	latest_outcome(u, i, l->st);
	if (l->st == WK_OK) {
		res->built++;
		res->audio_s += secs;
		if (l->s->nfallbacks > 0)
			res->with_fallbacks++;
	} else if (l->st == WK_EINPUT && nothing_new(l->s))
		failed_nothing_new(r, u->b, u->b->langs[i], &l->err, res);
	else
		failed(r, u->b, u->b->langs[i], l->st, &l->err, res);
	return l->st;
}

struct wk_bunit *
wk_unit_start(struct wk_run *r, struct wk_bulletin *b, int owns_b,
    struct wk_stn *t, struct wk_build_result *res)
{
	struct wk_bunit *u;
	struct wk_err err;
	size_t i, total = 0;

	if ((u = calloc(1, sizeof *u)) == NULL ||
	    (u->l = calloc(b->nlangs, sizeof *u->l)) == NULL ||
	    wk_compose_open(&u->c, t->site, r->o->date, r->feeds, r->d,
	    &err) != WK_OK) {
		if (u != NULL)
			free(u->l);
		free(u);
		wk_err_set(&err, WK_ENOMEM, b->path, 0, 0, "%s",
		    _("out of memory"));
		wk_diag_err(r->d, &err);
		res->failed += b->nlangs;
		res->worst = wk_worse(res->worst, WK_ENOMEM);
		wk_latest_failed_file(t->latest, b->path);
		if (owns_b)
			wk_bulletin_free(b);
		return NULL;
	}
	u->b = b;
	u->owns_b = owns_b;
	u->stn = t;
	u->r = r;
	for (i = 0; i < b->nlangs; i++)
		compose_lang(r, u, i, &total);
	render_unit(r, u, total);
	return u;
}

enum wk_status
wk_unit_finish(struct wk_run *r, struct wk_bunit *u,
    struct wk_build_result *res)
{
	enum wk_status worst = WK_OK;
	size_t i;

	if (u == NULL)
		return WK_OK;
	pthread_mutex_lock(&r->mu);
	while (u->left > 0)
		pthread_cond_wait(&r->cv, &r->mu);
	pthread_mutex_unlock(&r->mu);
	wk_latest_source(u->stn->latest, u->b->path);
	for (i = 0; i < u->b->nlangs; i++) {
		worst = wk_worse(worst, publish_lang(r, u, i, res));
		wk_jobs_free(u->l[i].jobs, u->l[i].s ? u->l[i].s->nsegs : 0);
		wk_script_free(u->l[i].s);
		wk_stamped_free(&u->l[i].stamp);
		free(u->l[i].kept);
	}
	free(u->l);
	wk_compose_close(&u->c);
	if (u->owns_b)
		wk_bulletin_free(u->b);
	free(u);
	return worst;
}
