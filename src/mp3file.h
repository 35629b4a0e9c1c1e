#ifndef WK_MP3FILE_H
#define WK_MP3FILE_H
/*
 * Published MP3 files: an ID3v2.3 tag, a Xing/Info frame (frame count, byte
 * count and seek table, so players know the exact duration), then MPEG
 * audio frames copied from one or more raw frame streams (encode.c). A
 * whole bulletin is its segments' frames joined, with frames of silence in
 * between, so each second of audio is encoded once.
 */

#include <stdio.h>

#include "buf.h"
#include "err.h"

/* The text of an ID3v2.3 tag; NULL fields are left out. Text is UTF-8;
 * frames are written in ISO-8859-1 when they are ASCII, else UTF-16. */
struct wk_tags {
	const char *title;		/* TIT2 */
	const char *artist;		/* TPE1: the station */
	const char *album;		/* TALB: the bulletin */
	const char *genre;		/* TCON */
	const char *date;		/* YYYY-MM-DD: TYER, TDAT */
	const char *lang;		/* TLAN: "spa", "que" */
	unsigned long length_ms;	/* TLEN when non-zero */
	const char *comment;		/* COMM: the transcript */
	const char *txxx_desc[8];	/* TXXX description/value pairs */
	const char *txxx_value[8];
	size_t ntxxx;
};

/* Appends an ID3v2.3 tag for t to out. */
void wk_id3_build(const struct wk_tags *t, struct wk_buf *out);

/* Length of the MPEG audio frame whose header starts at h (4 bytes), or 0
 * when h is not a Layer III frame header. Sets *spf to samples per frame
 * and *rate_hz. */
size_t wk_mp3_frame_len(const unsigned char *h, int *spf, int *rate_hz);

/* What wk_mp3_assemble wrote. */
struct wk_mp3_summary {
	unsigned long frames;		/* audio frames, Xing frame excluded */
	unsigned long long bytes;	/* Xing frame and audio frames */
	unsigned long long samples;	/* frames x samples per frame */
	int rate_hz;
};

/*
 * Writes tag, a Xing/Info frame and the audio frames of ins[0..nin) to out,
 * with the frames of `gap` (nothing when gaplen is 0) between inputs. The
 * inputs are read from their current position to their end; out must be
 * seekable (the Xing frame is filled in last). vbr selects "Xing" over
 * "Info". WK_EIO when out cannot be written, WK_EAUDIO when an input is
 * not a stream of MPEG frames.
 */
enum wk_status wk_mp3_assemble(FILE *out, const struct wk_buf *tag, int vbr,
    FILE **ins, size_t nin, const unsigned char *gap, size_t gaplen,
    struct wk_mp3_summary *sum, struct wk_err *err);

#endif
