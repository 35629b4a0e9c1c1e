#ifndef WK_CLIP_H
#define WK_CLIP_H
/*
 * Audio clips (jingles, station IDs, music beds, recorded prompts) read
 * with libsndfile: WAV, FLAC, Ogg Vorbis and whatever else it reads, at any
 * rate from WK_CLIP_MIN_RATE_HZ to WK_CLIP_MAX_RATE_HZ and any channel
 * count up to 8. Files that are not regular files, not audio, empty,
 * longer than WK_CLIP_MAX_SECONDS, or whose header promises more audio
 * than the file can hold, are refused as bad clips (WK_EINPUT). So are
 * files of float or double samples (which, unlike integers, can hold
 * anything) with a sample that is not a number (NaN) or infinite, or
 * beyond WK_CLIP_MAX_PEAK_DBFS: the whole file is read once when it is
 * opened to find out. Any other decoder's sample that is not a finite
 * number (a damaged Ogg or MP3) reads as 0 and is counted.
 */

#include <stddef.h>

#include "base/err.h"

#define WK_CLIP_MAX_SECONDS (30 * 60)
#define WK_CLIP_MIN_RATE_HZ 4000
#define WK_CLIP_MAX_RATE_HZ 768000
/* Float clips may go over full scale (0 dBFS): they are matched in
 * loudness whatever their level. A million times over it, no recording
 * is: the file is damaged or not audio. */
#define WK_CLIP_MAX_PEAK_DBFS 120

struct wk_clip;

enum wk_status wk_clip_open(const char *path, struct wk_clip **out,
    struct wk_err *err);
void wk_clip_close(struct wk_clip *c);

int wk_clip_rate_hz(const struct wk_clip *c);
long long wk_clip_frames(const struct wk_clip *c);

/* Reads up to n frames into out as floats, with `channels` channels
 * (mixed down, or mono copied to both). Returns the frames read, 0 at the
 * end, -1 on a read error (err set). A sample that is not a finite number
 * reads as 0. */
long wk_clip_read(struct wk_clip *c, float *out, size_t n, int channels,
    struct wk_err *err);

/* How many samples so far were not finite numbers and read as 0. */
unsigned long long wk_clip_replaced(const struct wk_clip *c);

#endif
