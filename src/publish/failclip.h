#ifndef WK_FAILCLIP_H
#define WK_FAILCLIP_H
/*
 * The station's replacement clip for a bulletin that could not be built
 * (<latest on-failure="clip" clip="FILE"/>). The clip may be in any format
 * clip.c reads (WAV, FLAC, Ogg Vorbis, MP3); it is resampled to the
 * station's rate and channels, mastered to its loudness target and
 * true-peak ceiling and encoded as MP3 at its settings, so that in latest/
 * it plays like the bulletins beside it whatever the file it came from.
 */

#include <stdio.h>

#include "sound/audio.h"
#include "base/err.h"

/* Writes clip path as a tagged MP3 file to out (artist: the station's
 * name; no date, transcript or cart data: it is no bulletin of the day).
 * *seconds gets its length. WK_EINPUT or WK_EAUDIO for a clip that cannot
 * be read or is silent, WK_EIO, WK_ENOMEM. */
enum wk_status wk_failclip_encode(const char *path,
    const struct wk_audio_params *p, const char *artist, FILE *out,
    double *seconds, struct wk_err *err);

#endif
