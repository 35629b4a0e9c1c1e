#ifndef WK_SPOOL_H
#define WK_SPOOL_H
/*
 * The spool: a segment's audio between rendering (render.c, which fills
 * it) and mastering (master.c, which reads it back). Float frames at the
 * station rate in an unlinked temporary file, a peak envelope of
 * WK_SPOOL_BLOCK_MS blocks and the loudness of the whole, so that memory
 * stays flat whatever the segment's length. A spool is written by one
 * thread, then handed whole to another that reads it.
 */

#include <stdio.h>

#include "audio.h"
#include "base/err.h"

/* Frames per chunk of the audio stages' buffers. */
#define WK_CHUNK 4096
/* Length of an envelope block, in ms. */
#define WK_SPOOL_BLOCK_MS 10
/* Most silence left at either end of a file after trimming, in ms. */
#define WK_EDGE_SILENCE_MS 60

struct wk_meter;

struct wk_spool {
	FILE *f;
	int channels, rate_hz;
	unsigned long long frames;
	size_t block;		/* frames per envelope block */
	float *env;		/* peak of each block */
	size_t nenv, capenv;
	float cur;		/* peak of the block being filled */
	size_t curn;
	struct wk_meter *meter;	/* while writing; NULL once measured */
	double lufs;		/* integrated loudness, once measured */
	double peak_db;		/* sample peak, from the envelope */
	struct wk_err err;	/* the first write failure */
	int failed;
	float *up;		/* WK_CHUNK x channels, scratch for writers */
	/* Joins (wk_spool_set_join): the last `hold` frames written stay
	 * here, not yet in the file, meter or envelope, so that the next
	 * audio can still be crossfaded over them. */
	float *tail, *fin;	/* hold x channels each */
	size_t hold, ntail;
	size_t xf, xdone;	/* a crossfade over the tail's last xf frames */
	size_t nfin, findone;	/* or a fade-in of the next nfin frames */
};

/* An empty spool of rate_hz and channels; *out belongs to the caller. */
enum wk_status wk_spool_new(int rate_hz, int channels, struct wk_spool **out,
    struct wk_err *err);
void wk_spool_free(struct wk_spool *sp);

/* Lets wk_spool_join crossfade over up to ms; 0 by default. */
enum wk_status wk_spool_set_join(struct wk_spool *sp, unsigned ms,
    struct wk_err *err);
/* Joins the audio written so far to the audio written next: an
 * equal-power crossfade over the join length where both sides sound, a
 * fade-out where silence (wk_spool_silence) or the end follows, a fade-in
 * (without overlap) where silence came before. Several calls in a row
 * make one join. */
void wk_spool_join(struct wk_spool *sp);

/* Appends n frames with the spool's channel count (a wk_pcm_fn, ud is the
 * spool). Returns non-zero once writing has failed (sp->err says why). */
int wk_spool_write(void *ud, const float *pcm, size_t n);
/* The same for mono frames, copied to every channel. */
int wk_spool_write_mono(void *ud, const float *pcm, size_t n);
/* The same for frames scaled by gain (linear). */
int wk_spool_write_scaled(struct wk_spool *sp, const float *pcm, size_t n,
    float gain);
/* Appends ms of silence. */
enum wk_status wk_spool_silence(struct wk_spool *sp, unsigned ms,
    struct wk_err *err);

/* Writes the held tail, closes the envelope's last, partial block and
 * flushes the file. */
enum wk_status wk_spool_finish(struct wk_spool *sp, struct wk_err *err);
/* After wk_spool_finish: measures lufs and peak_db and drops the meter. A
 * spool under 400 ms long is measured repeated to a second. */
enum wk_status wk_spool_measure(struct wk_spool *sp, struct wk_err *err);
/* Moves the audio of src (finished) into sp, whose own is dropped; sp's
 * loudness becomes src's, measured as wk_spool_measure does (sound under
 * 400 ms too). WK_ENOMEM when it cannot be measured. */
enum wk_status wk_spool_replace(struct wk_spool *sp, struct wk_spool *src,
    struct wk_err *err);

/* Positions reading at frame `from`. WK_EIO on failure. */
enum wk_status wk_spool_seek(struct wk_spool *sp, unsigned long long from,
    struct wk_err *err);
/* Reads up to n frames into buf; returns how many were read. */
size_t wk_spool_read(struct wk_spool *sp, float *buf, size_t n);

/* The frames [from, to) of sp that are not silence at gain_db, with a
 * little room at either end; -1 when all of it is silence. */
int wk_spool_trim(const struct wk_spool *sp, double gain_db,
    unsigned long long *from, unsigned long long *to);

#endif
