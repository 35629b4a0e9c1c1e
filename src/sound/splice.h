#ifndef WK_SPLICE_H
#define WK_SPLICE_H
/*
 * Recorded prompts spliced into synthesized speech (part of rendering,
 * render.c). A line whose words a voice's recordings say is synthesized
 * whole, with where each word starts; each run of words a recording says
 * (the longest, left to right) is replaced by the recording, trimmed of
 * its own silence, as loud as the voice says those words there, with the
 * silence the voice leaves around them, and crossfaded at both ends. So
 * the speech between recordings is the voice's own, said in context, and
 * the level on either side of a join is what the voice alone has there.
 */

#include "audio.h"
#include "base/err.h"

struct wk_assets;
struct wk_calib;
struct wk_diags;
struct wk_spool;
struct wk_splicer;
struct wk_synth;
struct wk_voice;

/* A splicer for the station's audio p into *out; synth, calib and d stay
 * the caller's and must outlive it. WK_ENOMEM, or the resampler's error. */
enum wk_status wk_splicer_new(const struct wk_audio_params *p,
    struct wk_synth *synth, const struct wk_calib *calib,
    struct wk_diags *d, struct wk_splicer **out, struct wk_err *err);
void wk_splicer_free(struct wk_splicer *s);

/*
 * Speaks text in voice v into sp (at p's rate and channels) with v's
 * recordings, read from assets, spliced in. Sets *done to 0 (and writes
 * nothing) when no recording says any of its words, or the line is too
 * long to hold; the caller then synthesizes it as it comes.
 */
enum wk_status wk_splice(struct wk_splicer *s, struct wk_assets *assets,
    struct wk_spool *sp, const struct wk_voice *v, const char *text,
    int *done, struct wk_err *err);

#endif
