#ifndef WK_MP3FILE_H
#define WK_MP3FILE_H
/*
 * Published MP3 files: an ID3v2.3 tag, a Xing/Info frame (frame count, byte
 * count and seek table, so players know the exact duration) at the
 * stream's bit rate with LAME's extension (encoder delay and padding, so
 * gapless decoders give back exactly the samples encoded), then MPEG
 * audio frames copied from one or more raw frame streams (encode.c). A
 * whole bulletin is its segments' frames joined, with frames of silence in
 * between, so each second of audio is encoded once.
 */

#include <stdio.h>

#include "sound/audio.h"
#include "base/buf.h"
#include "base/err.h"

/* The text of an ID3v2.3 tag; NULL fields are left out. Text is UTF-8;
 * frames are written in ISO-8859-1 when they are ASCII, else UTF-16. */
struct wk_tags {
	const char *title;		/* TIT2 */
	const char *artist;		/* TPE1: the station */
	const char *album;		/* TALB: the bulletin */
	const char *genre;		/* TCON */
	const char *date;		/* YYYY-MM-DD: TYER, TDAT */
	const char *lang;		/* TLAN: "spa", "que" */
	const char *track;		/* TRCK: "n/N" for a segment */
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

/* LAME's encoder delay in samples (ENCDELAY in LAME's source, the same
 * in every version that writes the LAME tag): the silence it puts before
 * the first sample. Decoders add their own 529 to it. */
#define WK_MP3_ENC_DELAY 576

/* How the inputs were encoded, for the Info frame and its LAME tag. */
struct wk_mp3_enc {
	int vbr;			/* "Xing", VBR; else "Info", CBR */
	int vbr_quality;		/* 0 (best) to 9 */
	int bitrate_kbps;		/* CBR bit rate */
	int lowpass_hz;			/* 0: not known */
	unsigned delay;			/* encoder delay: WK_MP3_ENC_DELAY */
	unsigned long long last_pcm_frames;	/* PCM frames that went into
					 * the last input; 0: padding unknown */
	const unsigned long *gap_frames;	/* how many of the gap's
					 * frames follow input i (nin - 1 of
					 * them, wk_mp3_join_plan); NULL:
					 * the whole gap after each */
};

/* Fills e for audio encoded with p by encode.c; last_pcm_frames as in
 * struct wk_mp3_enc. */
void wk_mp3_enc_init(struct wk_mp3_enc *e, const struct wk_audio_params *p,
    unsigned long long last_pcm_frames);

/* What wk_mp3_assemble wrote. */
struct wk_mp3_summary {
	unsigned long frames;		/* audio frames, Xing frame excluded */
	unsigned long long bytes;	/* Xing frame and audio frames */
	unsigned long long samples;	/* frames x samples per frame */
	unsigned long long padding;	/* samples after the last input's PCM */
	unsigned long long decoded;	/* what a gapless decoder gives back:
					 * samples less the delay and padding */
	int spf;			/* samples per frame */
	int rate_hz;
};

/*
 * The first k MPEG frames of p[0..n) (all of them when k is larger):
 * returns their length in bytes; *nframes gets how many they are and
 * *spf their samples per frame (0 when p does not start with a frame).
 */
size_t wk_mp3_frames(const unsigned char *p, size_t n, unsigned long k,
    unsigned long *nframes, int *spf);

/*
 * How a whole bulletin joins its segments so that it lasts as long as
 * their PCM and the pauses between them. Input i is a stream of its own
 * encoder: in_frames[i] frames of spf samples that hold the encoder's
 * delay (WK_MP3_ENC_DELAY), pcm_frames[i] of PCM and the encoder's
 * padding. A gapless decoder drops only the first input's delay and the
 * last one's padding, so the delay and padding inside (about 40 ms a
 * joint) would lengthen every pause. The pause, gap_avail frames of
 * encoded silence for pause_pcm frames, makes up for them:
 * gap_frames[i] (nin - 1 of them) is how many of its frames follow input
 * i, so that each input's PCM starts within half a frame of where the
 * PCM and pauses before it end (later when the pause is shorter than the
 * delay and padding it would have to absorb). Returns the PCM frames a
 * gapless decoder gives back for the file, as its Info frame says.
 */
unsigned long long wk_mp3_join_plan(const unsigned long *in_frames,
    const unsigned long long *pcm_frames, size_t nin, int spf,
    unsigned long gap_avail, unsigned long long pause_pcm,
    unsigned long *gap_frames);

/*
 * Writes tag, a Xing/Info frame and the audio frames of ins[0..nin) to out,
 * with the frames of `gap` between inputs (nothing when gaplen is 0; its
 * first e->gap_frames[i] frames after input i when those are given). The
 * inputs are read from their current position to their end; out must be
 * seekable (the Xing frame is filled in last). e describes the encoding
 * (each input and the gap are whole streams of one encoder each). WK_EIO
 * when out cannot be written, WK_EAUDIO when an input is not a stream of
 * MPEG frames.
 */
enum wk_status wk_mp3_assemble(FILE *out, const struct wk_buf *tag,
    const struct wk_mp3_enc *e,
    FILE **ins, size_t nin, const unsigned char *gap, size_t gaplen,
    struct wk_mp3_summary *sum, struct wk_err *err);

/*
 * Reads what a published MP3 says about itself, from f's start: *title
 * gets its TIT2 (UTF-8, malloc'd; NULL when there is none) and *seconds
 * the duration its Xing/Info frame gives (LAME's delay and padding taken
 * off; 0 when it has none). 0, or -1 when f is not an MP3 with a frame
 * where the tag ends, or when out of memory.
 */
int wk_mp3_probe(FILE *f, char **title, double *seconds);

#endif
