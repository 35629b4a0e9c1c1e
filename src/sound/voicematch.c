/*
 * Measures a piece of mono audio for voicematch.h. The audio is low-passed
 * and decimated to 5 to 10 kHz (a windowed-sinc filter), cut into frames
 * of 512 samples every 10 ms, and each frame with sound in it is looked at
 * twice: its spectrum (Hann window, FFT), for how much of its power one
 * sine holds, and YIN's cumulative mean normalized difference (de
 * Cheveigné and Kawahara, 2002), for whether it is voiced and at what
 * pitch, 50 to 500 Hz. Level and loudness come from dsp.c.
 */

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp.h"
#include "voicematch.h"

#define RATE_HZ 10000		/* at most; the decimated rate */
#define FRAME 512		/* samples of a frame, a power of two */
#define HOP_MS 10
#define SILENCE_DBFS -60	/* under it nothing counts as sound */
#define ACTIVE_DB 35		/* frames this far under the loudest: pauses */
#define TRIM_DB 40		/* as splice.c trims a take */
#define F0_MIN_HZ 50
#define F0_MAX_HZ 500
#define YIN_WINDOW_MS 25
#define YIN_DIP 0.15		/* first dip under this is the period */
#define YIN_VOICED 0.25		/* aperiodicity up to this is voiced */
#define TONE_BINS 3		/* a sine's power, Hann: +-2 bins, and one */
#define TONE_SHARE 0.9		/* a frame that holds this in one sine */
#define TONE_FRAMES 0.5		/* a recording this much made of them */
#define VOICED_FRAMES 0.1	/* speech is voiced more than this */
#define STEADY_ST 0.1		/* a pitch moving less than this, semitones */
#define STEADY_FRAMES 10	/* over at least this many voiced frames */

/* The tables of a frame's spectrum: the Hann window and the FFT's
 * twiddle factors, FRAME and FRAME / 2 values. */
struct tables {
	double win[FRAME], cos_[FRAME / 2], sin_[FRAME / 2];
};

static void
tables_init(struct tables *t)
{
	size_t i;

	for (i = 0; i < FRAME; i++)
		t->win[i] = 0.5 - 0.5 * cos(2 * M_PI * (double)i / FRAME);
	for (i = 0; i < FRAME / 2; i++) {
		t->cos_[i] = cos(-2 * M_PI * (double)i / FRAME);
		t->sin_[i] = sin(-2 * M_PI * (double)i / FRAME);
	}
}

/* In-place radix-2 FFT of FRAME complex values. */
static void
fft(double *re, double *im, const struct tables *t)
{
	size_t i, j, k, len, n = FRAME;

	for (i = 1, j = 0; i < n; i++) {
		size_t bit = n >> 1;

		for (; j & bit; bit >>= 1)
			j ^= bit;
		j ^= bit;
		if (i < j) {
			double t = re[i];

			re[i] = re[j];
			re[j] = t;
			t = im[i];
			im[i] = im[j];
			im[j] = t;
		}
	}
	for (len = 2; len <= n; len <<= 1) {
		size_t step = n / len;

		for (i = 0; i < n; i += len)
			for (k = 0; k < len / 2; k++) {
				double wr = t->cos_[k * step], wi = t->sin_[k * step];
				double *xr = re + i + k, *xi = im + i + k;
				double *yr = xr + len / 2, *yi = xi + len / 2;
				double tr = *yr * wr - *yi * wi, ti = *yr * wi + *yi * wr;

				*yr = *xr - tr;
				*yi = *xi - ti;
				*xr += tr;
				*xi += ti;
			}
	}
}

/* The share of frame x's power (FRAME samples) that its strongest sine
 * holds. */
static double
tone_share(const float *x, double *re, double *im, const struct tables *t)
{
	double total = 0, peak = 0, p;
	size_t i, k, top = 0;

	for (i = 0; i < FRAME; i++) {
		re[i] = x[i] * t->win[i];
		im[i] = 0;
	}
	fft(re, im, t);
	for (k = 0; k <= FRAME / 2; k++) {
		re[k] = re[k] * re[k] + im[k] * im[k];	/* power */
		total += re[k];
		if (re[k] > re[top])
			top = k;
	}
	if (total <= 0)
		return 0;
	for (k = top > TONE_BINS ? top - TONE_BINS : 0;
	    k <= top + TONE_BINS && k <= FRAME / 2; k++)
		peak += re[k];
	p = peak / total;
	return p;
}

/*
 * YIN on x (w + tmax samples): the period in samples (fractional) when
 * the frame is voiced, else 0. d holds tmax + 1 values.
 */
static double
yin(const float *x, size_t w, size_t tmin, size_t tmax, double *d)
{
	double cum = 0, a, b, c, den;
	size_t t, j, best = 0;

	d[0] = 1;
	for (t = 1; t <= tmax; t++) {
		const float *y = x + t;
		float s0 = 0, s1 = 0, s2 = 0, s3 = 0;	/* four, for speed */
		double s;

		for (j = 0; j + 4 <= w; j += 4) {
			float e0 = x[j] - y[j], e1 = x[j + 1] - y[j + 1];
			float e2 = x[j + 2] - y[j + 2], e3 = x[j + 3] - y[j + 3];

			s0 += e0 * e0;
			s1 += e1 * e1;
			s2 += e2 * e2;
			s3 += e3 * e3;
		}
		for (; j < w; j++)
			s0 += (x[j] - y[j]) * (x[j] - y[j]);
		s = (double)s0 + s1 + s2 + s3;
		cum += s;
		d[t] = cum > 0 ? s * (double)t / cum : 1;
	}
	for (t = tmin; t <= tmax; t++)
		if (d[t] < YIN_DIP) {
			while (t + 1 <= tmax && d[t + 1] < d[t])
				t++;
			best = t;
			break;
		}
	if (best == 0)
		for (best = tmin, t = tmin; t <= tmax; t++)
			if (d[t] < d[best])
				best = t;
	if (d[best] > YIN_VOICED)
		return 0;
	if (best <= tmin || best >= tmax)
		return (double)best;
	a = d[best - 1];
	b = d[best];
	c = d[best + 1];
	den = a - 2 * b + c;
	return (double)best + (den > 0 ? 0.5 * (a - c) / den : 0);
}

static int
by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* pcm low-passed and decimated by k into out (n / k samples); h holds
 * 8 k + 1 values. */
static void
decimate(const float *pcm, size_t n, size_t k, float *out, double *h)
{
	size_t taps = 8 * k + 1, mid = 4 * k, i, j;
	double fc = 0.45 / (double)k, sum = 0;

	for (j = 0; j < taps; j++) {
		double t = (double)j - (double)mid;

		h[j] = (t == 0 ? 2 * fc : sin(2 * M_PI * fc * t) / (M_PI * t)) *
		    (0.54 - 0.46 * cos(2 * M_PI * (double)j / (double)(taps - 1)));
		sum += h[j];
	}
	for (i = 0; i < n / k; i++) {
		double acc = 0;

		for (j = 0; j < taps; j++) {
			size_t at = i * k + j;

			if (at >= mid && at - mid < n)
				acc += h[j] * pcm[at - mid];
		}
		out[i] = (float)(acc / sum);
	}
}

int
wk_voicematch_measure(const float *pcm, size_t nframes, int rate_hz,
    struct wk_voicematch *out)
{
	size_t k, m, nfr, hop, w, tmin, tmax, i, j, active = 0, tonal = 0;
	size_t from, to;
	double r, peak = 0, emax = 0, floor_, *f0 = NULL, *d = NULL;
	double *re = NULL, *im = NULL, *en = NULL, *h = NULL;
	struct tables *tb = NULL;
	float *x = NULL;
	int rc = -1;

	memset(out, 0, sizeof *out);
	out->peak_db = out->lufs = -HUGE_VAL;
	for (i = 0; i < nframes; i++)
		if (fabsf(pcm[i]) > peak)
			peak = fabsf(pcm[i]);
	if (peak <= 0 || rate_hz < 4000)
		return 0;
	out->peak_db = wk_lin_to_db(peak);
	/* Loudness between the take's silences, as splice.c measures it. */
	floor_ = peak * wk_db_to_lin(-TRIM_DB);
	for (from = 0; from < nframes && fabsf(pcm[from]) <= floor_; from++)
		;
	for (to = nframes; to > from && fabsf(pcm[to - 1]) <= floor_; to--)
		;
	if (wk_piece_lufs(pcm + from, to - from, rate_hz, 1, &out->lufs) != 0)
		return -1;

	k = ((size_t)rate_hz + RATE_HZ - 1) / RATE_HZ;
	r = (double)rate_hz / (double)k;
	m = nframes / k;
	hop = (size_t)(r * HOP_MS / 1000 + 0.5);
	w = (size_t)(r * YIN_WINDOW_MS / 1000);
	tmin = (size_t)(r / F0_MAX_HZ);
	tmax = (size_t)(r / F0_MIN_HZ) + 1;
	if (tmin < 2)
		tmin = 2;
	/* Half a frame of silence either side, so that a short take still
	 * has frames with its sound in the middle. */
	nfr = (m + FRAME / 2) / hop + 1;
	if ((x = calloc(m + 2 * FRAME, sizeof *x)) == NULL ||
	    (en = calloc(nfr, sizeof *en)) == NULL ||
	    (f0 = calloc(nfr, sizeof *f0)) == NULL ||
	    (d = calloc(tmax + 1, sizeof *d)) == NULL ||
	    (re = calloc(FRAME, sizeof *re)) == NULL ||
	    (im = calloc(FRAME, sizeof *im)) == NULL ||
	    (h = calloc(8 * k + 1, sizeof *h)) == NULL ||
	    (tb = malloc(sizeof *tb)) == NULL)
		goto out;
	tables_init(tb);
	/* At most 10 kHz, a frame holds YIN's window and longest period. */
	assert(r <= RATE_HZ && w + tmax <= FRAME);
	if (k > 1)
		decimate(pcm, nframes, k, x + FRAME / 2, h);
	else
		memcpy(x + FRAME / 2, pcm, m * sizeof *x);
	for (i = 0; i < nfr; i++) {
		const float *fr = x + i * hop;

		for (j = 0; j < FRAME; j++)
			en[i] += (double)fr[j] * fr[j];
		en[i] /= FRAME;
		if (en[i] > emax)
			emax = en[i];
	}
	for (i = 0; i < nfr; i++) {
		const float *fr = x + i * hop;
		double period;

		if (en[i] < emax * pow(10, -ACTIVE_DB / 10.0) ||
		    en[i] < pow(10, SILENCE_DBFS / 10.0))
			continue;
		active++;
		if (tone_share(fr, re, im, tb) >= TONE_SHARE)
			tonal++;
		/* The window of YIN in the middle of the frame. */
		period = yin(fr + (FRAME - w - tmax) / 2, w, tmin, tmax, d);
		if (period > 0)
			f0[out->nvoiced++] = r / period;
	}
	out->active_s = (double)active * HOP_MS / 1000;
	if (active > 0) {
		out->voiced = (double)out->nvoiced / (double)active;
		out->tonal = (double)tonal / (double)active;
	}
	if (out->nvoiced >= WK_VOICEMATCH_MIN_VOICED) {
		qsort(f0, out->nvoiced, sizeof *f0, by_value);
		out->f0_hz = f0[out->nvoiced / 2];
		out->f0_spread = 12 * log2(f0[out->nvoiced * 3 / 4] /
		    f0[out->nvoiced / 4]);
	}
	rc = 0;
out:
	free(x);
	free(en);
	free(f0);
	free(d);
	free(re);
	free(im);
	free(h);
	free(tb);
	return rc;
}

double
wk_voicematch_semitones(const struct wk_voicematch *rec,
    const struct wk_voicematch *voice)
{
	if (rec->f0_hz <= 0 || voice->f0_hz <= 0)
		return 0;
	return 12 * log2(rec->f0_hz / voice->f0_hz);
}

enum wk_voicematch_verdict
wk_voicematch_judge(const struct wk_voicematch *rec,
    const struct wk_voicematch *voice)
{
	if (rec->peak_db < SILENCE_DBFS || rec->active_s <= 0 ||
	    !isfinite(rec->lufs))
		return WK_VM_SILENT;
	if (rec->tonal >= TONE_FRAMES)
		return WK_VM_TONE;
	if (rec->nvoiced >= STEADY_FRAMES && rec->f0_spread < STEADY_ST)
		return WK_VM_STEADY;
	if (rec->nvoiced < WK_VOICEMATCH_MIN_VOICED ||
	    rec->voiced < VOICED_FRAMES)
		return WK_VM_NOSPEECH;
	if (isfinite(voice->lufs) && voice->lufs - rec->lufs >
	    WK_MATCH_MAX_BOOST_DB)
		return WK_VM_QUIET;
	if (fabs(wk_voicematch_semitones(rec, voice)) >
	    WK_VOICEMATCH_MAX_SEMITONES)
		return WK_VM_PITCH;
	return WK_VM_MATCH;
}
