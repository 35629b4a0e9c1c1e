#ifndef WK_RENDER_H
#define WK_RENDER_H
/*
 * Segment audio in two passes. Pass 1 (wk_render_segment, on the thread
 * that owns the synthesizer) speaks the segment's parts, reads its clips,
 * resamples everything to the station rate and spools it to a temporary
 * file while measuring its loudness. Pass 2 (wk_spool_encode, on any
 * thread) reads the spool back in chunks, trims leading and trailing
 * silence, applies the gain that brings it to the station's loudness
 * target, limits true peaks and encodes MP3 frames. Memory stays flat
 * whatever the segment's length.
 */

#include <stdio.h>

#include "audio.h"
#include "err.h"

struct wk_seg;
struct wk_synth;
struct wk_voiceset;
struct wk_diags;
struct wk_renderer;
struct wk_spool;

/* Most silence left at either end of a file, in ms. */
#define WK_EDGE_SILENCE_MS 60
/* How far from the loudness target a file may be (EBU R128 allows
 * +-0.5 LU for programmes; the encoder aims at 0.2). */
#define WK_LUFS_BAR 0.5

enum wk_status wk_renderer_new(const struct wk_audio_params *p,
    struct wk_synth *synth, struct wk_voiceset *voices, struct wk_diags *d,
    struct wk_renderer **out, struct wk_err *err);
void wk_renderer_free(struct wk_renderer *r);

/* Pass 1. *out belongs to the caller (wk_spool_free). WK_EAUDIO for a
 * clip or synthesis problem, WK_EIO when the spool cannot be written. */
enum wk_status wk_render_segment(struct wk_renderer *r,
    const struct wk_seg *sg, struct wk_spool **out, struct wk_err *err);

/* Pass 2: writes raw MP3 frames to out and fills stats. Thread-safe for
 * different spools. WK_EAUDIO when the segment is silent. */
enum wk_status wk_spool_encode(struct wk_spool *sp,
    const struct wk_audio_params *p, FILE *out, struct wk_audio_stats *stats,
    struct wk_err *err);

void wk_spool_free(struct wk_spool *sp);

/* Encodes ms of digital silence (raw MP3 frames, whole frames) to out; for
 * the pauses between the segments of a whole bulletin. */
enum wk_status wk_encode_silence(const struct wk_audio_params *p,
    unsigned ms, FILE *out, struct wk_err *err);

#endif
