#ifndef WK_CLIP_H
#define WK_CLIP_H
/*
 * Audio clips (jingles, station IDs, music beds, recorded prompts) read
 * with libsndfile: WAV, FLAC, Ogg Vorbis and whatever else it reads, at any
 * rate from WK_CLIP_MIN_RATE_HZ to WK_CLIP_MAX_RATE_HZ and any channel
 * count up to 8. Files that are not regular files, not audio, empty,
 * longer than WK_CLIP_MAX_SECONDS, or whose header promises more audio
 * than the file can hold, are refused as bad clips (WK_EINPUT).
 */

#include <stddef.h>

#include "base/err.h"

#define WK_CLIP_MAX_SECONDS (30 * 60)
#define WK_CLIP_MIN_RATE_HZ 4000
#define WK_CLIP_MAX_RATE_HZ 768000

struct wk_clip;

enum wk_status wk_clip_open(const char *path, struct wk_clip **out,
    struct wk_err *err);
void wk_clip_close(struct wk_clip *c);

int wk_clip_rate_hz(const struct wk_clip *c);
long long wk_clip_frames(const struct wk_clip *c);

/* Reads up to n frames into out as floats, with `channels` channels
 * (mixed down, or mono copied to both). Returns the frames read, 0 at the
 * end, -1 on a read error (err set). */
long wk_clip_read(struct wk_clip *c, float *out, size_t n, int channels,
    struct wk_err *err);

#endif
