/*
 * libsoxr, libebur128 and the limiter. The limiter computes, for every
 * frame, the gain that would keep it under the ceiling, takes the minimum
 * of that over a look-ahead window, smooths it with a moving average as
 * long as the window (so the gain is already down when the peak arrives,
 * and never changes abruptly), and lets it recover with a slower release.
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <ebur128.h>
#include <soxr.h>

#include "dsp.h"

double
wk_db_to_lin(double db)
{
	return pow(10.0, db / 20.0);
}

double
wk_lin_to_db(double lin)
{
	return lin > 0 ? 20.0 * log10(lin) : -HUGE_VAL;
}

double
wk_match_gain(double ref_lufs, double lufs)
{
	if (!isfinite(ref_lufs) || !isfinite(lufs))
		return 1.0;
	return wk_db_to_lin(fmin(WK_MATCH_MAX_BOOST_DB, ref_lufs - lufs));
}

struct wk_resampler {
	soxr_t soxr;
	int channels;
	double ratio;
	float *out;
	size_t cap;	/* frames in out */
};

enum wk_status
wk_resampler_new(double in_hz, double out_hz, int channels,
    struct wk_resampler **out, struct wk_err *err)
{
	struct wk_resampler *r;
	soxr_error_t e = NULL;
	/* Medium quality: 16-bit precision, flat to 91% of the band; more
	 * than the MP3 keeps, at half the cost of SOXR_HQ. */
	soxr_quality_spec_t q = soxr_quality_spec(SOXR_MQ, 0);
	soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);

	*out = NULL;
	if ((r = calloc(1, sizeof *r)) == NULL)
		return wk_err_nomem(err);
	r->channels = channels;
	r->ratio = out_hz / in_hz;
	r->cap = 8192;
	if ((r->out = malloc(wk_items(r->cap, channels) * sizeof *r->out)) == NULL) {
		free(r);
		return wk_err_nomem(err);
	}
	r->soxr = soxr_create(in_hz, out_hz, (unsigned)channels, &e, &io, &q, NULL);
	if (r->soxr == NULL || e != NULL) {
		wk_resampler_free(r);
		return wk_err_set(err, WK_EAUDIO, NULL, 0, 0,
		    _("cannot resample %g Hz to %g Hz: %s"), in_hz, out_hz,
		    e ? e : "soxr");
	}
	*out = r;
	return WK_OK;
}

void
wk_resampler_free(struct wk_resampler *r)
{
	if (r == NULL)
		return;
	if (r->soxr != NULL)
		soxr_delete(r->soxr);
	free(r->out);
	free(r);
}

void
wk_resampler_reset(struct wk_resampler *r)
{
	soxr_clear(r->soxr);
}

int
wk_resample(struct wk_resampler *r, const float *in, size_t n, wk_pcm_fn fn,
    void *ud)
{
	size_t done = 0;

	/* Feed at most cap / ratio frames at a time, so the output fits. */
	size_t step = (size_t)((double)(r->cap - 64) / r->ratio);

	if (step == 0)
		step = 1;
	do {
		size_t k = in == NULL ? 0 : (n - done < step ? n - done : step);
		size_t idone = 0, odone = 0;
		int rc;

		if (soxr_process(r->soxr, in ? in + wk_items(done, r->channels)
		    : NULL, k, &idone, r->out, r->cap, &odone) != NULL)
			return -1;
		if (odone > 0 && (rc = fn(ud, r->out, odone)) != 0)
			return rc;
		done += idone;
		/* Flushing: repeat until soxr has nothing more to give. */
		if (in == NULL && odone == 0)
			break;
		if (in != NULL && k > 0 && idone == 0 && odone == 0)
			return -1;
	} while (in == NULL || done < n);
	return 0;
}

struct wk_meter {
	ebur128_state *st;
	int channels;
};

struct wk_meter *
wk_meter_new(int rate_hz, int channels, int true_peak)
{
	struct wk_meter *m = calloc(1, sizeof *m);

	if (m == NULL)
		return NULL;
	m->channels = channels;
	m->st = ebur128_init((unsigned)channels, (unsigned long)rate_hz,
	    EBUR128_MODE_I | EBUR128_MODE_HISTOGRAM |
	    (true_peak ? EBUR128_MODE_TRUE_PEAK : 0));
	if (m->st == NULL) {
		free(m);
		return NULL;
	}
	return m;
}

void
wk_meter_free(struct wk_meter *m)
{
	if (m == NULL)
		return;
	ebur128_destroy(&m->st);
	free(m);
}

int
wk_meter_add(struct wk_meter *m, const float *pcm, size_t nframes)
{
	return ebur128_add_frames_float(m->st, pcm, nframes) == EBUR128_SUCCESS
	    ? 0 : -1;
}

double
wk_meter_lufs(struct wk_meter *m)
{
	double l;

	if (ebur128_loudness_global(m->st, &l) != EBUR128_SUCCESS || !isfinite(l))
		return -HUGE_VAL;
	return l;
}

double
wk_meter_peak_dbtp(struct wk_meter *m)
{
	double p, max = 0;
	int c;

	if (!(m->st->mode & EBUR128_MODE_TRUE_PEAK))
		return -HUGE_VAL;
	for (c = 0; c < m->channels; c++)
		if (ebur128_true_peak(m->st, (unsigned)c, &p) == EBUR128_SUCCESS &&
		    p > max)
			max = p;
	return wk_lin_to_db(max);
}

int
wk_piece_lufs(const float *pcm, size_t nframes, int rate_hz, int channels,
    double *lufs)
{
	/* The K-weighted power of the piece, ungated: libebur128's 400 ms
	 * window read after each 400 ms of it (a longer window costs the
	 * library an allocation of samples times milliseconds). */
	size_t step = (size_t)rate_hz * 400 / 1000, at = 0, counted = 0;
	ebur128_state *st;
	double sum = 0, l;
	int rc = 0;

	*lufs = -HUGE_VAL;
	if ((st = ebur128_init((unsigned)channels, (unsigned long)rate_hz,
	    EBUR128_MODE_M)) == NULL)
		return -1;
	while (at < nframes && rc == 0) {
		size_t n = nframes - at < step ? nframes - at : step;
		unsigned long ms = (unsigned long)(n * 1000 / (size_t)rate_hz);

		if (ebur128_add_frames_float(st, pcm + at * (size_t)channels,
		    n) != EBUR128_SUCCESS)
			rc = -1;
		else if (ms > 0) {
			if (ebur128_loudness_window(st, ms, &l) ==
			    EBUR128_SUCCESS && isfinite(l))
				sum += pow(10, (l + 0.691) / 10) * (double)n;
			counted += n;
		}
		at += n;
	}
	if (rc == 0 && sum > 0)
		*lufs = -0.691 + 10 * log10(sum / (double)counted);
	ebur128_destroy(&st);
	return rc;
}

struct wk_limiter {
	int channels;
	size_t win;		/* look-ahead W, frames */
	float ceiling;
	float *delay;		/* W frames of audio, ring */
	double *mins;		/* W window minima, ring */
	unsigned long long *dq_t;	/* monotonic deque: frame times... */
	float *dq_v;			/* ...and their required gains */
	size_t dq_head, dq_len;
	double sum;		/* sum of mins */
	double release;		/* per-frame recovery coefficient */
	double g;		/* gain now applied */
	unsigned long long t;	/* frames taken in */
	unsigned long long limited;
};

struct wk_limiter *
wk_limiter_new(int rate_hz, int channels, double ceiling_db)
{
	struct wk_limiter *l = calloc(1, sizeof *l);
	size_t i;

	if (l == NULL)
		return NULL;
	l->channels = channels;
	/* About 5 ms; a power of two, so that ring indices are masks. */
	l->win = 64;
	while (l->win < (size_t)rate_hz / 200)
		l->win *= 2;
	l->ceiling = (float)wk_db_to_lin(ceiling_db);
	l->delay = calloc(wk_items(l->win, channels), sizeof *l->delay);
	l->mins = calloc(l->win, sizeof *l->mins);
	l->dq_t = calloc(l->win, sizeof *l->dq_t);
	l->dq_v = calloc(l->win, sizeof *l->dq_v);
	if (l->delay == NULL || l->mins == NULL || l->dq_t == NULL ||
	    l->dq_v == NULL) {
		wk_limiter_free(l);
		return NULL;
	}
	for (i = 0; i < l->win; i++)
		l->mins[i] = 1;
	l->sum = (double)l->win;
	l->g = 1;
	/* Recover 63% of the way to unity in 80 ms. */
	l->release = 1.0 - exp(-1.0 / (0.080 * rate_hz));
	return l;
}

void
wk_limiter_free(struct wk_limiter *l)
{
	if (l == NULL)
		return;
	free(l->delay);
	free(l->mins);
	free(l->dq_t);
	free(l->dq_v);
	free(l);
}

size_t
wk_limiter_latency(const struct wk_limiter *l)
{
	return l->win - 1;
}

/*
 * At frame t the gain required by frame t enters a sliding minimum over W
 * frames; the moving average of the last W minima is the gain for frame
 * t - W + 1, the one leaving the delay line. Every minimum in that average
 * covers frame t - W + 1, so the average is at most its required gain: no
 * sample leaves above the ceiling.
 */
unsigned long long
wk_limiter_run(struct wk_limiter *l, const float *in, size_t n, float *out)
{
	size_t i, c, W = l->win, mask = l->win - 1;
	size_t ch = (size_t)l->channels;

	for (i = 0; i < n; i++) {
		size_t slot = (size_t)l->t & mask, next = (size_t)(l->t + 1) & mask;
		float peak = 0, *d = l->delay + slot * ch;
		const float *o = l->delay + next * ch;
		float need;
		double m;

		for (c = 0; c < ch; c++) {
			float x = in ? in[i * ch + c] : 0.0f;

			if (fabsf(x) > peak)
				peak = fabsf(x);
			d[c] = x;
		}
		need = peak > l->ceiling ? l->ceiling / peak : 1.0f;
		while (l->dq_len > 0 && l->dq_t[l->dq_head] + W <= l->t) {
			l->dq_head = (l->dq_head + 1) & mask;
			l->dq_len--;
		}
		while (l->dq_len > 0 &&
		    l->dq_v[(l->dq_head + l->dq_len - 1) & mask] >= need)
			l->dq_len--;
		l->dq_t[(l->dq_head + l->dq_len) & mask] = l->t;
		l->dq_v[(l->dq_head + l->dq_len) & mask] = need;
		l->dq_len++;
		m = l->dq_v[l->dq_head];
		l->sum += m - l->mins[slot];
		l->mins[slot] = m;
		l->g += (1.0 - l->g) * l->release;
		if (l->sum / (double)W < l->g)
			l->g = l->sum / (double)W;
		if (l->g < 0.99999)
			l->limited++;
		for (c = 0; c < ch; c++)
			out[i * ch + c] = o[c] * (float)l->g;
		l->t++;
	}
	return l->limited;
}
