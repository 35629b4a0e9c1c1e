#ifndef WK_MASTER_H
#define WK_MASTER_H
/*
 * Mastering: one spool (the rendered segment) in, raw MP3 frames and their
 * measurements out. It trims the silence at either end, brings the
 * segment to the station's loudness target, limits its true peaks and
 * encodes it; the loudness MP3 coding takes off comes in as data, measured
 * once per voice by the calibration (calib.c) with wk_master_codec_loss.
 */

#include <stdio.h>

#include "audio.h"
#include "base/err.h"

struct wk_spool;

/* How far from the loudness target a file may be (EBU R128 allows
 * +-0.5 LU for programmes; mastering aims at 0.2). */
#define WK_LUFS_BAR 0.5

/* Masters sp (measured: wk_spool_measure) with the parameters p,
 * expecting MP3 coding to take codec_loss_db off its loudness: writes raw
 * MP3 frames to out and fills stats. Thread-safe for different spools; sp
 * stays the caller's. WK_EAUDIO when the segment is silent, WK_EIO when
 * out cannot be written. */
enum wk_status wk_master_segment(struct wk_spool *sp,
    const struct wk_audio_params *p, double codec_loss_db, FILE *out,
    struct wk_audio_stats *stats, struct wk_err *err);

/* The same, also writing to pcm (when not NULL) the mastered PCM that
 * went into the encoder, as raw interleaved floats in host order at
 * p->rate_hz with p->channels, from its current position: what Opus is
 * encoded from. WK_EIO when pcm cannot be written. */
enum wk_status wk_master_segment_pcm(struct wk_spool *sp,
    const struct wk_audio_params *p, double codec_loss_db, FILE *out,
    FILE *pcm, struct wk_audio_stats *stats, struct wk_err *err);

/* What MP3 coding with p takes off the loudness of sp (measured), in dB:
 * sp is mastered once to the target, decoded and measured. *loss_db is 0
 * when it cannot be told (silence, or a value outside 0..3 dB). */
enum wk_status wk_master_codec_loss(struct wk_spool *sp,
    const struct wk_audio_params *p, double *loss_db, struct wk_err *err);

#endif
