/*
 * The segments of `build` (build_priv.h): each is looked up in the cache
 * and among those the run makes already (another language's, bulletin's
 * or station's with the same key) before it is made; the voices of those
 * still to make are calibrated first (or their calibration taken from the
 * cache); once made, segments go into the cache and to whoever waits for
 * them.
 */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build_priv.h"
#include "sound/calib.h"
#include "sound/render.h"
#include "sound/spool.h"
#include "read/site.h"
#include "read/station.h"
#include "sound/synth.h"

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

static struct wk_made *
made_find(struct wk_run *r, const wk_key key)
{
	size_t i;

	for (i = 0; i < r->nmade; i++)
		if (strcmp(r->made[i]->key, key) == 0)
			return r->made[i];
	return NULL;
}

static struct wk_made *
made_add(struct wk_run *r, const wk_key key)
{
	struct wk_made *m;

	if (r->nmade == r->capmade) {
		size_t cap = r->capmade ? r->capmade * 2 : 32;
		struct wk_made **v = realloc(r->made, cap * sizeof *v);

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
take_made(struct wk_run *r, struct wk_made *m, struct wk_job *j)
{
	if (m->st != WK_OK)
		return -1;
	if (m->frames != NULL)
		j->frames = share_file(m->frames);
	else if (r->cache != NULL && !wk_cache_get(r->cache, m->key, &j->frames,
	    NULL, 0))
		j->frames = NULL;
	if (j->frames == NULL)
		return -1;
	j->stats = m->stats;
	r->shared++;
	return 0;
}

/* The cache key of segment sg of s: what rendering makes it from, and the
 * voice its clips are matched to. */
void
wk_seg_key(struct wk_stn *t, const struct wk_script *s,
    const struct wk_seg *sg, wk_key key)
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

/* Takes j's frames and measurements from the cache; 1 on a hit. */
static int
cache_get(struct wk_run *r, struct wk_job *j)
{
	char rec[WK_STATS_RECORD];

	if (!wk_cache_get(r->cache, j->key, &j->frames, rec, sizeof rec))
		return 0;
	if (wk_stats_parse(rec, &j->stats) != 0) {
		fclose(j->frames);
		j->frames = NULL;
		return 0;
	}
	j->cached = 1;
	return 1;
}

/* The segments of s whose audio is in the cache are taken from it, those
 * that another job of the run makes are taken from it; the others will
 * be made, for the run. */
void
wk_seg_lookup(struct wk_run *r, struct wk_bunit *u,
    const struct wk_script *s, struct wk_job *jobs)
{
	size_t i;

	for (i = 0; i < s->nsegs; i++) {
		struct wk_job *j = &jobs[i];
		struct wk_made *m;

		j->u = u;
		j->params = &u->stn->params;
		/* The cache and the run's shared segments keep MP3 frames
		 * only: a station with Opus makes each segment again, for its
		 * mastered PCM. */
		if (u->stn->station->opus)
			continue;
		if (r->cache != NULL && cache_get(r, j))
			continue;
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
calibrate_voice(struct wk_run *r, struct wk_stn *t, const char *lang,
    struct wk_err *err)
{
	struct wk_calib_voice cv;
	struct wk_voice *v;
	enum wk_status st;
	char rec[WK_CALIB_RECORD];
	wk_key key;

	if (wk_calib_get(&t->calib, lang) != NULL)
		return WK_OK;
	if ((v = wk_site_voice(t->site, lang, r->d, err)) == NULL)
		return err->status;
	wk_calib_key(&t->params, v, key);
	if (r->cache != NULL && wk_cache_get_record(r->cache, key, rec,
	    sizeof rec) && wk_calib_parse(rec, v->lang, &cv) == 0) {
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
	if (r->cache != NULL) {
		struct wk_err e2;

		wk_calib_record(&cv, rec, sizeof rec);
		if (wk_cache_put_record(r->cache, key, rec, &e2) != WK_OK)
			wk_diag(r->d, WK_WARNING, NULL, 0, 0, "%s", e2.msg);
	}
	return wk_calib_add(&t->calib, &cv, err);
}

/* Measures, before any of them is rendered, the voices that the segments
 * of s still to be made speak in or match their clips to. */
enum wk_status
wk_seg_calibrate(struct wk_run *r, struct wk_stn *t,
    const struct wk_script *s, const struct wk_job *jobs, struct wk_err *err)
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

/* Records in m what job j (of the run's own) made. */
static void
made_done(struct wk_run *r, struct wk_made *m, struct wk_job *j,
    int in_cache)
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
enum wk_status
wk_seg_collect(struct wk_run *r, const struct wk_script *s,
    struct wk_job *jobs, enum wk_status st, struct wk_err *err)
{
	size_t i;

	for (i = 0; i < s->nsegs; i++) {
		struct wk_job *j = &jobs[i];
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
		if (j->unstored != NULL) {	/* encode_job: disk full */
			wk_cache_abandon(r->cache, j->key, j->unstored);
			j->unstored = NULL;
			/* Said when making it again uncached worked: else
			 * the cache was not the trouble (j->err says what). */
			if (!r->cache_full_said && j->st == WK_OK) {
				wk_diag(r->d, WK_WARNING, wk_cache_dir(r->cache),
				    0, 0, "%s", _("the cache cannot take a "
				    "segment (is its disk full?): the run goes "
				    "on without storing them; free some space"));
				r->cache_full_said = 1;
			}
			stored = -1;
		}
		if (r->cache != NULL && st == WK_OK && j->submitted &&
		    j->st == WK_OK && stored == 0) {
			char rec[WK_STATS_RECORD];

			wk_stats_record(&j->stats, rec, sizeof rec);
			if (wk_cache_put(r->cache, j->key, j->frames, rec,
			    &e2) != WK_OK)
				wk_diag(r->d, WK_WARNING, NULL, 0, 0, "%s", e2.msg);
			else
				stored = 1;
		}
		if (stored < 0)
			stored = 0;
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

void
wk_jobs_free(struct wk_job *jobs, size_t n)
{
	size_t i;

	for (i = 0; jobs != NULL && i < n; i++) {
		if (jobs[i].frames != NULL)
			fclose(jobs[i].frames);
		if (jobs[i].unstored != NULL)
			fclose(jobs[i].unstored);
		if (jobs[i].pcm != NULL)
			fclose(jobs[i].pcm);
		wk_spool_free(jobs[i].spool);
	}
	free(jobs);
}

