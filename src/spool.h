#ifndef WK_SPOOL_H
#define WK_SPOOL_H
/*
 * Private to render.c (pass 1, which fills spools) and finish.c (pass 2,
 * which reads them back): what a spool holds, and the constants both
 * passes share.
 */

#include <stdio.h>

#include "audio.h"
#include "err.h"

#define CHUNK 4096
#define BLOCK_MS 10
/* Below this (after gain) a block is silence, for trimming. */
#define SILENCE_DBFS (-50.0)
/* MP3 coding raises peaks a little; the limiter leaves room for that. */
#define CODEC_MARGIN_DB 1.0
/* How far a true peak may lie above the sample peak, for deciding
 * whether to limit at all (the encoded file's true peak is measured). */
#define INTERSAMPLE_DB 0.5

/* A segment's audio between the passes: float frames at the station rate
 * in an unlinked temporary file, a peak envelope of BLOCK_MS blocks, and
 * the measurements of pass 1. */
struct wk_spool {
	FILE *f;
	int channels, rate_hz;
	unsigned long long frames;
	size_t block;		/* frames per envelope block */
	float *env;		/* peak of each block */
	size_t nenv, capenv;
	float cur;		/* peak of the block being filled */
	size_t curn;
	struct wk_meter *meter;
	double lufs;
	double peak_db;		/* sample peak, from the envelope */
	struct wk_err err;
	int failed;
	float *up;		/* CHUNK x channels, for mono to stereo */
	double clip_gain;	/* linear gain for the clip being read */
	double codec_comp_db;	/* expected loudness loss of MP3 coding */
};

/* The frames [from, to) of sp that are not silence at gain_db, with a
 * little room at either end; -1 when all of it is silence. */
int wk_spool_trim(const struct wk_spool *sp, double gain_db,
    unsigned long long *from, unsigned long long *to);

/* One encoding of frames [from, to) of sp at gain_db (limited to
 * ceiling_db when limit is set), measured into stats. */
enum wk_status wk_spool_encode_once(struct wk_spool *sp,
    const struct wk_audio_params *p, unsigned long long from,
    unsigned long long to, double gain_db, int limit, double ceiling_db,
    FILE *out, struct wk_audio_stats *stats, struct wk_err *err);

#endif
