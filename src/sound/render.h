#ifndef WK_RENDER_H
#define WK_RENDER_H
/*
 * Rendering, pass 1 of a segment's audio, on the thread that owns the
 * synthesizer: speaks the segment's parts and resamples the speech to the
 * station rate, takes its clips, beds and recorded prompts from the shared
 * assets (asset.h, prepared at that rate) and writes it all to a spool
 * (spool.h), which mastering (master.h) reads back on any thread. Clips
 * and recordings are matched to the voices' loudness that the calibration
 * (calib.h) measured.
 */

#include "audio.h"
#include "base/cache.h"
#include "base/err.h"

struct wk_calib;
struct wk_diags;
struct wk_renderer;
struct wk_seg;
struct wk_spool;
struct wk_synth;
struct wk_voiceset;

/* A renderer for the station's audio p. synth, voices and calib stay the
 * caller's and must outlive it; calib must hold every voice a rendered
 * segment speaks in, and the language its clips are matched to. */
enum wk_status wk_renderer_new(const struct wk_audio_params *p,
    struct wk_synth *synth, struct wk_voiceset *voices,
    const struct wk_calib *calib, struct wk_diags *d,
    struct wk_renderer **out, struct wk_err *err);
void wk_renderer_free(struct wk_renderer *r);

/* Makes r read clips, beds and recorded prompts from the run's shared
 * asset table a (asset.h), which must outlive it; without, r keeps a
 * table of its own. */
struct wk_assets;
void wk_renderer_set_assets(struct wk_renderer *r, struct wk_assets *a);

/* Renders sg into a new, measured spool; lang is the language its clips
 * are matched to (wk_seg_lang). *out belongs to the caller
 * (wk_spool_free). WK_EAUDIO for a clip or synthesis problem, WK_EIO when
 * the spool cannot be written. */
enum wk_status wk_render_segment(struct wk_renderer *r,
    const struct wk_seg *sg, const char *lang, struct wk_spool **out,
    struct wk_err *err);

/* The cache key of sg's encoded audio: everything rendering and mastering
 * make it from (its words and voices, recordings, clips and bed, the
 * audio settings, the program's and espeak-ng's versions). The recordings
 * of sg's voices are checked against the voice first, once a run
 * (prompts.h: a refused one is never spliced), so that the key says which
 * are heard; the warnings go to the renderer's diagnostics. */
void wk_render_key(struct wk_renderer *r, const struct wk_seg *sg,
    wk_key key);

#endif
