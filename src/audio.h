#ifndef WK_AUDIO_H
#define WK_AUDIO_H
/*
 * What the audio stages share: the PCM callback type, the output settings
 * and the measurements of a finished file. Audio is float in [-1, 1],
 * interleaved, counted in frames; items = frames x channels is computed by
 * wk_items alone.
 */

#include <stddef.h>

/* Receives n frames of PCM; returns 0 to go on, non-zero to stop. */
typedef int (*wk_pcm_fn)(void *ud, const float *pcm, size_t nframes);

/* The audio a station wants. */
struct wk_audio_params {
	int rate_hz;
	int channels;
	int bitrate_kbps;	/* CBR */
	int vbr;		/* VBR at vbr_quality instead */
	int vbr_quality;
	double target_lufs;
	double peak_dbtp;
};

struct wk_meter;

/* Measurements of one encoded stream. */
struct wk_audio_stats {
	unsigned long long frames;	/* PCM frames encoded */
	double duration_s;
	double lufs;			/* integrated loudness of the output */
	double peak_dbtp;		/* true peak of the output */
	double gain_db;			/* gain applied */
	int limited;			/* the limiter had to act */
	struct wk_meter *meter;		/* the output's meter, for whole-
					 * bulletin loudness; the owner of
					 * the stats frees it */
};

static inline size_t
wk_items(size_t frames, int channels)
{
	return frames * (size_t)channels;
}

#endif
