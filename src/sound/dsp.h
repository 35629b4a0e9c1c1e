#ifndef WK_DSP_H
#define WK_DSP_H
/*
 * Mastering building blocks: resampling (libsoxr), loudness and true-peak
 * metering per EBU R128 / ITU-R BS.1770 (libebur128) and a look-ahead peak
 * limiter. render.c strings them together; all of them stream, in chunks.
 */

#include <stddef.h>

#include "audio.h"
#include "base/err.h"

struct wk_resampler;
struct wk_meter;
struct wk_limiter;

/* A streaming resampler from in_hz to out_hz for interleaved float audio
 * with `channels` channels (soxr high quality). */
enum wk_status wk_resampler_new(double in_hz, double out_hz, int channels,
    struct wk_resampler **out, struct wk_err *err);
void wk_resampler_free(struct wk_resampler *r);

/* Resamples n frames of in and passes the output to fn; in == NULL flushes
 * the resampler's tail. Returns fn's non-zero value if it stopped, -1 on a
 * resampler error, else 0. */
int wk_resample(struct wk_resampler *r, const float *in, size_t n,
    wk_pcm_fn fn, void *ud);

/* Forgets the stream so far, so the next input starts afresh. */
void wk_resampler_reset(struct wk_resampler *r);

/* A loudness meter: integrated loudness, and true peak when true_peak is
 * set (4x oversampling: it costs more than the rest of the meter). A mono
 * stream counts as one channel, as ffmpeg's ebur128 filter and most
 * loudness tools measure it. NULL when out of memory. */
struct wk_meter *wk_meter_new(int rate_hz, int channels, int true_peak);
void wk_meter_free(struct wk_meter *m);
int wk_meter_add(struct wk_meter *m, const float *pcm, size_t nframes);
/* Integrated loudness in LUFS; -HUGE_VAL for silence. */
double wk_meter_lufs(struct wk_meter *m);
/* True peak in dBTP; -HUGE_VAL for silence. */
double wk_meter_peak_dbtp(struct wk_meter *m);

/* The loudness of a short piece (a word, a phrase) in *lufs: its
 * K-weighted power as a whole (BS.1770 without the gates, which need
 * 400 ms blocks); -HUGE_VAL for silence or under a millisecond. -1 when
 * out of memory, else 0. */
int wk_piece_lufs(const float *pcm, size_t nframes, int rate_hz,
    int channels, double *lufs);


/* A look-ahead limiter that keeps every sample below ceiling_db (dBFS),
 * with smooth gain changes. NULL when out of memory. */
struct wk_limiter *wk_limiter_new(int rate_hz, int channels,
    double ceiling_db);
void wk_limiter_free(struct wk_limiter *l);
size_t wk_limiter_latency(const struct wk_limiter *l);
/* Takes n frames from in (NULL: n frames of silence, to flush) and writes
 * n frames to out, delayed by wk_limiter_latency frames (the first ones out
 * are silence). Returns how many frames so far had their gain lowered. */
unsigned long long wk_limiter_run(struct wk_limiter *l, const float *in,
    size_t n, float *out);

/* The most a clip, bed or recording is raised to match the voice: a
 * nearly silent one is not pushed up into its own noise. It is lowered as
 * far as it needs, whatever its level (a float clip may peak far over
 * 0 dBFS). */
#define WK_MATCH_MAX_BOOST_DB 20

/* The linear gain that brings audio of loudness lufs to ref_lufs (both
 * LUFS), within the rule above; 1 when either is not finite (silence). */
double wk_match_gain(double ref_lufs, double lufs);

/* Decibels to a linear factor and back. */
double wk_db_to_lin(double db);
double wk_lin_to_db(double lin);

#endif
