#ifndef WK_ENCODE_H
#define WK_ENCODE_H
/*
 * MP3 encoding with LAME (libmp3lame): float PCM in, raw MPEG-1 Layer III
 * frames out to a stdio stream, CBR or VBR, mono or stereo as the station
 * wants. No tags and no Xing frame here: mp3file.c adds those when it
 * assembles the published files. One encoder per stream; encoders are
 * independent, so several threads may each run one.
 */

#include <stdio.h>

#include "audio.h"
#include "base/err.h"

struct wk_enc;

/* LAME's version, for cache keys. */
const char *wk_enc_version(void);

enum wk_status wk_enc_new(const struct wk_audio_params *p, struct wk_enc **out,
    struct wk_err *err);
void wk_enc_free(struct wk_enc *e);

/* Encodes n frames of interleaved float PCM, writing MP3 frames to out.
 * WK_EIO when out cannot be written. */
enum wk_status wk_enc_write(struct wk_enc *e, const float *pcm, size_t n,
    FILE *out, struct wk_err *err);

/* Decodes everything the encoder writes from now on (LAME's own decoder)
 * and passes the PCM to fn, so that the caller can measure what listeners
 * will hear. Returns 0, or -1 when the decoder cannot start. */
int wk_enc_monitor(struct wk_enc *e, wk_pcm_fn fn, void *ud);

/* LAME's encoder delay: samples of silence before the first one encoded
 * (WK_MP3_ENC_DELAY, which the LAME tag states). */
int wk_enc_delay(const struct wk_enc *e);

/* Flushes the encoder's last frames to out. */
enum wk_status wk_enc_finish(struct wk_enc *e, FILE *out, struct wk_err *err);

/* Encodes ms of digital silence (raw MP3 frames, whole frames) to out; for
 * the pauses between the segments of a whole bulletin. */
enum wk_status wk_encode_silence(const struct wk_audio_params *p,
    unsigned ms, FILE *out, struct wk_err *err);

/* The same into memory: *frames (malloc'd, the caller's) and *len. */
enum wk_status wk_encode_pause(const struct wk_audio_params *p, unsigned ms,
    unsigned char **frames, size_t *len, struct wk_err *err);

#endif
