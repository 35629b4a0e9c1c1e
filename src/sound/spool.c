/*
 * The spool between rendering and mastering: float frames appended to an
 * unlinked temporary file while a 10 ms peak envelope and a loudness meter
 * (dsp.c, libebur128) follow them; read back in chunks by mastering, which
 * trims the silence at either end from the envelope alone.
 */

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp.h"
#include "spool.h"

/* Below this (after gain) a block is silence, for trimming. */
#define SILENCE_DBFS (-50.0)

enum wk_status
wk_spool_new(int rate_hz, int channels, struct wk_spool **out,
    struct wk_err *err)
{
	struct wk_spool *sp;

	assert(rate_hz > 0 && (channels == 1 || channels == 2));
	*out = NULL;
	if ((sp = calloc(1, sizeof *sp)) == NULL)
		return wk_err_nomem(err);
	sp->channels = channels;
	sp->rate_hz = rate_hz;
	sp->block = (size_t)(rate_hz * WK_SPOOL_BLOCK_MS / 1000);
	sp->meter = wk_meter_new(rate_hz, channels, 0);
	sp->up = malloc(wk_items(WK_CHUNK, channels) * sizeof *sp->up);
	if (sp->meter == NULL || sp->up == NULL) {
		wk_spool_free(sp);
		return wk_err_nomem(err);
	}
	if ((sp->f = tmpfile()) == NULL) {
		wk_spool_free(sp);
		return wk_err_set(err, WK_EIO, NULL, 0, 0,
		    _("cannot create a temporary file (TMPDIR): %s"),
		    strerror(errno));
	}
	*out = sp;
	return WK_OK;
}

void
wk_spool_free(struct wk_spool *sp)
{
	if (sp == NULL)
		return;
	if (sp->f != NULL)
		fclose(sp->f);
	wk_meter_free(sp->meter);
	free(sp->env);
	free(sp->up);
	free(sp->tail);
	free(sp->fin);
	free(sp);
}

static int
spool_fail(struct wk_spool *sp, enum wk_status st, const char *what)
{
	if (!sp->failed)
		wk_err_set(&sp->err, st, NULL, 0, 0, "%s", what);
	sp->failed = 1;
	return 1;
}

/* Writes n frames to the file, the meter and the envelope. */
static int
commit(struct wk_spool *sp, const float *pcm, size_t n)
{
	size_t i, c, ch = (size_t)sp->channels;

	if (sp->failed)
		return 1;
	if (n == 0)
		return 0;
	assert(sp->meter != NULL);	/* not measured yet */
	if (fwrite(pcm, sizeof *pcm * ch, n, sp->f) != n)
		return spool_fail(sp, WK_EIO, strerror(errno));
	if (wk_meter_add(sp->meter, pcm, n) != 0)
		return spool_fail(sp, WK_ENOMEM, _("out of memory"));
	for (i = 0; i < n; i++) {
		for (c = 0; c < ch; c++) {
			float a = fabsf(pcm[i * ch + c]);

			if (a > sp->cur)
				sp->cur = a;
		}
		if (++sp->curn == sp->block) {
			if (sp->nenv == sp->capenv) {
				size_t cap = sp->capenv ? sp->capenv * 2 : 1024;
				float *v = realloc(sp->env, cap * sizeof *v);

				if (v == NULL)
					return spool_fail(sp, WK_ENOMEM,
					    _("out of memory"));
				sp->env = v;
				sp->capenv = cap;
			}
			sp->env[sp->nenv++] = sp->cur;
			sp->cur = 0;
			sp->curn = 0;
		}
	}
	sp->frames += n;
	return 0;
}

enum wk_status
wk_spool_set_join(struct wk_spool *sp, unsigned ms, struct wk_err *err)
{
	size_t hold = (size_t)sp->rate_hz * ms / 1000;

	assert(sp->hold == 0 && sp->frames == 0);
	if (hold == 0)
		return WK_OK;
	sp->tail = malloc(wk_items(hold, sp->channels) * sizeof *sp->tail);
	sp->fin = malloc(wk_items(hold, sp->channels) * sizeof *sp->fin);
	if (sp->tail == NULL || sp->fin == NULL)
		return wk_err_nomem(err);
	sp->hold = hold;
	return WK_OK;
}

/* Equal-power gains at step j of a fade of n steps. */
static float
fade_in(size_t j, size_t n)
{
	return (float)sin(M_PI / 2 * ((double)j + 0.5) / (double)n);
}

static float
fade_out(size_t j, size_t n)
{
	return (float)cos(M_PI / 2 * ((double)j + 0.5) / (double)n);
}

/* Fades out what is left of a pending crossfade's tail: nothing more
 * comes to overlap it. */
static void
end_join(struct wk_spool *sp)
{
	size_t ch = (size_t)sp->channels, s = sp->ntail - sp->xf, c;

	for (; sp->xdone < sp->xf; sp->xdone++)
		for (c = 0; c < ch; c++)
			sp->tail[(s + sp->xdone) * ch + c] *=
			    fade_out(sp->xdone, sp->xf);
	sp->xf = 0;
}

/* Below this the tail is silence: the join is a fade-in, not an overlap
 * that would shorten the pause. */
#define JOIN_SILENCE (1e-3f)

void
wk_spool_join(struct wk_spool *sp)
{
	size_t ch = (size_t)sp->channels, n, i;
	float peak = 0;

	if (sp->hold == 0 || sp->xf > 0 || sp->nfin > 0)
		return;
	n = sp->ntail < sp->hold ? sp->ntail : sp->hold;
	for (i = (sp->ntail - n) * ch; i < sp->ntail * ch; i++)
		peak = fabsf(sp->tail[i]) > peak ? fabsf(sp->tail[i]) : peak;
	if (n > 0 && peak >= JOIN_SILENCE) {
		sp->xf = n;
		sp->xdone = 0;
	} else {
		sp->nfin = sp->hold;
		sp->findone = 0;
	}
}

/* Appends n frames through the held tail: what falls out of it is
 * committed. */
static int
delay(struct wk_spool *sp, const float *pcm, size_t n)
{
	size_t ch = (size_t)sp->channels, over;

	if (n >= sp->hold) {
		if (commit(sp, sp->tail, sp->ntail) ||
		    commit(sp, pcm, n - sp->hold))
			return 1;
		memcpy(sp->tail, pcm + (n - sp->hold) * ch,
		    sp->hold * ch * sizeof *pcm);
		sp->ntail = sp->hold;
		return 0;
	}
	over = sp->ntail + n > sp->hold ? sp->ntail + n - sp->hold : 0;
	if (commit(sp, sp->tail, over))
		return 1;
	memmove(sp->tail, sp->tail + over * ch,
	    (sp->ntail - over) * ch * sizeof *pcm);
	sp->ntail -= over;
	memcpy(sp->tail + sp->ntail * ch, pcm, n * ch * sizeof *pcm);
	sp->ntail += n;
	return 0;
}

int
wk_spool_write(void *ud, const float *pcm, size_t n)
{
	struct wk_spool *sp = ud;
	size_t ch = (size_t)sp->channels, c, s;

	if (sp->failed)
		return 1;
	if (sp->hold == 0)
		return commit(sp, pcm, n);
	/* A crossfade: the first frames overlap the tail's last ones. */
	for (s = sp->ntail - sp->xf; sp->xf > 0 && n > 0; n--, pcm += ch) {
		for (c = 0; c < ch; c++)
			sp->tail[(s + sp->xdone) * ch + c] =
			    sp->tail[(s + sp->xdone) * ch + c] *
			    fade_out(sp->xdone, sp->xf) +
			    pcm[c] * fade_in(sp->xdone, sp->xf);
		if (++sp->xdone == sp->xf)
			sp->xf = 0;
	}
	/* A fade-in after silence. */
	while (sp->nfin > 0 && n > 0) {
		size_t k = 0;

		for (; k < n && sp->findone < sp->nfin; k++, sp->findone++)
			for (c = 0; c < ch; c++)
				sp->fin[k * ch + c] = pcm[k * ch + c] *
				    fade_in(sp->findone, sp->nfin);
		if (sp->findone == sp->nfin)
			sp->nfin = 0;
		if (delay(sp, sp->fin, k))
			return 1;
		pcm += k * ch;
		n -= k;
	}
	return n > 0 ? delay(sp, pcm, n) : 0;
}

int
wk_spool_write_mono(void *ud, const float *pcm, size_t n)
{
	struct wk_spool *sp = ud;
	size_t i;

	if (sp->channels == 1)
		return wk_spool_write(sp, pcm, n);
	while (n > 0) {
		size_t k = n > WK_CHUNK ? WK_CHUNK : n;

		for (i = 0; i < k; i++)
			sp->up[2 * i] = sp->up[2 * i + 1] = pcm[i];
		if (wk_spool_write(sp, sp->up, k) != 0)
			return 1;
		pcm += k;
		n -= k;
	}
	return 0;
}

int
wk_spool_write_scaled(struct wk_spool *sp, const float *pcm, size_t n,
    float gain)
{
	size_t i, ch = (size_t)sp->channels;

	while (n > 0) {
		size_t k = n > WK_CHUNK ? WK_CHUNK : n;

		for (i = 0; i < k * ch; i++)
			sp->up[i] = pcm[i] * gain;
		if (wk_spool_write(sp, sp->up, k) != 0)
			return 1;
		pcm += k * ch;
		n -= k;
	}
	return 0;
}

enum wk_status
wk_spool_silence(struct wk_spool *sp, unsigned ms, struct wk_err *err)
{
	unsigned long long n = (unsigned long long)ms * (unsigned)sp->rate_hz / 1000;

	if (sp->xf > 0)		/* a join before a pause: a fade-out */
		end_join(sp);
	memset(sp->up, 0, wk_items(WK_CHUNK, sp->channels) * sizeof *sp->up);
	while (n > 0 && !sp->failed) {
		size_t k = n > WK_CHUNK ? WK_CHUNK : (size_t)n;

		wk_spool_write(sp, sp->up, k);
		n -= k;
	}
	if (sp->failed) {
		*err = sp->err;
		return sp->err.status;
	}
	return WK_OK;
}

enum wk_status
wk_spool_finish(struct wk_spool *sp, struct wk_err *err)
{
	if (sp->hold > 0) {
		if (sp->xf > 0)
			end_join(sp);
		sp->nfin = 0;
		if (commit(sp, sp->tail, sp->ntail)) {
			*err = sp->err;
			return sp->err.status;
		}
		sp->ntail = 0;
	}
	if (sp->curn > 0) {
		float *v = realloc(sp->env, (sp->nenv + 1) * sizeof *v);

		if (v == NULL)
			return wk_err_nomem(err);
		sp->env = v;
		sp->capenv = sp->nenv + 1;
		sp->env[sp->nenv++] = sp->cur;
		sp->cur = 0;
		sp->curn = 0;
	}
	if (fflush(sp->f) != 0)
		return wk_err_set(err, WK_EIO, NULL, 0, 0,
		    _("cannot write a temporary file (TMPDIR): %s"), strerror(errno));
	return WK_OK;
}

/* The sample peak of the spool, in dBFS, from its envelope. */
static double
env_peak_db(const struct wk_spool *sp)
{
	float max = 0;
	size_t b;

	for (b = 0; b < sp->nenv; b++)
		if (sp->env[b] > max)
			max = sp->env[b];
	return wk_lin_to_db(max);
}

/* BS.1770 gives no loudness for less than 400 ms of sound ("Hola."):
 * measure the spool repeated to a second instead, which has the same
 * loudness. */
static enum wk_status
short_lufs(struct wk_spool *sp, struct wk_err *err)
{
	struct wk_meter *m = wk_meter_new(sp->rate_hz, sp->channels, 0);
	size_t ch = (size_t)sp->channels, got;
	unsigned long long fed = 0, need = (unsigned long long)sp->rate_hz;
	float buf[WK_CHUNK * 2];

	if (m == NULL)
		return wk_err_nomem(err);
	while (fed < need && sp->frames > 0) {
		if (fseeko(sp->f, 0, SEEK_SET) != 0)
			break;
		while (fed < need && (got = fread(buf, sizeof *buf * ch,
		    WK_CHUNK * 2 / ch, sp->f)) > 0) {
			if (wk_meter_add(m, buf, got) != 0) {
				wk_meter_free(m);
				return wk_err_nomem(err);
			}
			fed += got;
		}
	}
	sp->lufs = wk_meter_lufs(m);
	wk_meter_free(m);
	return WK_OK;
}

enum wk_status
wk_spool_measure(struct wk_spool *sp, struct wk_err *err)
{
	assert(sp->meter != NULL && sp->curn == 0);	/* finished, once */
	sp->lufs = wk_meter_lufs(sp->meter);
	sp->peak_db = env_peak_db(sp);
	wk_meter_free(sp->meter);
	sp->meter = NULL;
	if (!isfinite(sp->lufs) && isfinite(sp->peak_db))
		return short_lufs(sp, err);
	return WK_OK;
}

enum wk_status
wk_spool_replace(struct wk_spool *sp, struct wk_spool *src,
    struct wk_err *err)
{
	FILE *f = sp->f;
	float *env = sp->env;

	assert(sp->channels == src->channels && sp->rate_hz == src->rate_hz);
	sp->f = src->f;
	src->f = f;
	sp->env = src->env;
	src->env = env;
	sp->nenv = src->nenv;
	sp->capenv = src->capenv;
	sp->frames = src->frames;
	sp->lufs = src->meter ? wk_meter_lufs(src->meter) : src->lufs;
	sp->peak_db = env_peak_db(sp);
	/* The mix of a short segment ("Hola." over a bed) is measured as
	 * wk_spool_measure measures short speech, or it would count as
	 * silent. */
	if (!isfinite(sp->lufs) && isfinite(sp->peak_db))
		return short_lufs(sp, err);
	return WK_OK;
}

enum wk_status
wk_spool_seek(struct wk_spool *sp, unsigned long long from, struct wk_err *err)
{
	assert(from <= sp->frames);
	if (fseeko(sp->f, (off_t)(from * (size_t)sp->channels * sizeof(float)),
	    SEEK_SET) != 0)
		return wk_err_set(err, WK_EIO, NULL, 0, 0,
		    _("cannot read a temporary file: %s"), strerror(errno));
	return WK_OK;
}

size_t
wk_spool_read(struct wk_spool *sp, float *buf, size_t n)
{
	return fread(buf, sizeof *buf * (size_t)sp->channels, n, sp->f);
}

int
wk_spool_trim(const struct wk_spool *sp, double gain_db, unsigned long long *from,
    unsigned long long *to)
{
	double thr = wk_db_to_lin(SILENCE_DBFS - gain_db);
	unsigned long long edge = (unsigned long long)sp->rate_hz *
	    WK_EDGE_SILENCE_MS / 1000 / 2;
	size_t first, last;

	for (first = 0; first < sp->nenv && sp->env[first] < thr; first++)
		;
	for (last = sp->nenv; last > first && sp->env[last - 1] < thr; last--)
		;
	if (first >= last)
		return -1;
	*from = (unsigned long long)first * sp->block;
	*from = *from > edge ? *from - edge : 0;
	*to = (unsigned long long)last * sp->block + edge;
	if (*to > sp->frames)
		*to = sp->frames;
	return 0;
}
