#ifndef WK_ASSET_H
#define WK_ASSET_H
/*
 * Shared assets: the clips, music beds and recorded prompts of a run,
 * each decoded (clip.c), resampled to the station's rate and channels
 * (dsp.c) and measured once, then reused by every bulletin, language and
 * station that plays it. An asset is float frames in a file (an entry of
 * the segment cache, cache.c, so that it is kept across runs, or an
 * unlinked temporary file) and its loudness. It is looked up by path, by
 * the file's identity (device, inode, size, modification time) and by
 * the audio settings: a clip that changes is prepared again. Used from the
 * thread that renders.
 */

#include <stddef.h>

#include "base/err.h"

struct wk_cache;
struct wk_diags;
struct wk_assets;

/* One prepared clip. */
struct wk_asset {
	unsigned long long frames;	/* at the asked rate */
	int rate_hz, channels;
	double lufs;		/* loudness as `channels` channels (a clip
				 * under a second measured repeated to one);
				 * -HUGE_VAL for silence */
	unsigned long long replaced;	/* samples that were not finite
					 * numbers, made silence (clip.h) */
	int fd;			/* float frames, read with wk_asset_read */
};

/* A table of assets; with cache non-NULL, they are kept there across
 * runs. Notes (-v) say which assets were prepared and which reused. */
struct wk_assets *wk_assets_new(struct wk_cache *cache, struct wk_diags *d);
void wk_assets_free(struct wk_assets *a);

/* The asset of the audio file path at rate_hz and channels, prepared on
 * first use. WK_EAUDIO when it is not audio (or unreadable), WK_EIO,
 * WK_ENOMEM. The asset lives as long as the table. */
enum wk_status wk_assets_get(struct wk_assets *a, const char *path,
    int rate_hz, int channels, const struct wk_asset **out,
    struct wk_err *err);

/* The cache a's assets are kept in, or NULL. */
struct wk_cache *wk_assets_cache(const struct wk_assets *a);

/* Reads up to n frames from frame `at` into buf; returns how many (0 at
 * the end, -1 on a read error). */
long wk_asset_read(const struct wk_asset *as, unsigned long long at,
    float *buf, size_t n);

/* How many assets this run prepared (decoded) and found prepared (in the
 * table or the cache). */
void wk_assets_counts(const struct wk_assets *a, size_t *prepared,
    size_t *reused);

#endif
