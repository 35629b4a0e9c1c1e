#ifndef WK_AUDIO_H
#define WK_AUDIO_H
/*
 * What the audio stages share: the PCM callback type, the output settings
 * and the measurements of a finished file. Audio is float in [-1, 1],
 * interleaved, counted in frames; items = frames x channels is computed by
 * wk_items alone. audio.c takes the settings from a station's file and
 * writes and reads the measurements as a line of text for the cache.
 */

#include <stddef.h>

/* Part of every cache key: raise it when a change to the audio stages
 * changes what they produce from the same input. */
#define WK_AUDIO_VERSION "6"

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
	int verify;		/* decode every file and measure it */
};

struct wk_station;

/* The audio settings station s asks for (its <audio>), into *p. */
void wk_audio_params_of(const struct wk_station *s, struct wk_audio_params *p);

/* Measurements of one encoded stream. */
struct wk_audio_stats {
	unsigned long long frames;	/* PCM frames encoded */
	double duration_s;
	double lufs;			/* integrated loudness of the output */
	double peak_db;			/* its sample peak (before MP3 coding) */
	double peak_dbtp;		/* true peak of the decoded output, when
					 * verified; NAN otherwise */
	int verified;			/* lufs was measured on the decoded MP3,
					 * not predicted from the PCM */
	double gain_db;			/* gain applied */
	int limited;			/* the limiter had to act */
	double pcm_lufs;		/* loudness of what went into the
					 * encoder */
	double codec_loss_db;		/* what MP3 coding takes off */
};

/* The longest line wk_stats_record writes, with its NUL. */
#define WK_STATS_RECORD 256

/* st as one line of text, for the cache (rec holds size bytes). */
void wk_stats_record(const struct wk_audio_stats *st, char *rec,
    size_t size);

/* Reads a line of wk_stats_record into st; 0, or -1 when it is not one. */
int wk_stats_parse(const char *rec, struct wk_audio_stats *st);

static inline size_t
wk_items(size_t frames, int channels)
{
	return frames * (size_t)channels;
}

#endif
