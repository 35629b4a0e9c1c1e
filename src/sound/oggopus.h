#ifndef WK_OGGOPUS_H
#define WK_OGGOPUS_H
/*
 * Ogg Opus encoding with libopusenc, for phones and messaging: 24 to
 * 32 kb/s, 48 kHz, mono for a mono station (the default; a stereo one
 * keeps its two channels, since mixing them down would move the loudness
 * off the target), from the same mastered float PCM that goes to
 * LAME, with Vorbis comments (title, artist, album, date, language, track,
 * the transcript) and the R128 track gain. It is pushed chunks as the MP3
 * encoder is (encode.h), so both can sit in one mastering pass; the stream
 * it writes to is given once, at creation, because libopusenc keeps it.
 */

#include <stdio.h>

#include "audio.h"
#include "base/err.h"

struct wk_opus;

/* The Vorbis comments of one file; NULL fields are left out. */
struct wk_opus_tags {
	const char *title;		/* TITLE */
	const char *artist;		/* ARTIST: the station */
	const char *album;		/* ALBUM: the bulletin */
	const char *date;		/* DATE: YYYY-MM-DD */
	const char *lang;		/* LANGUAGE: "spa", "que" */
	const char *track;		/* TRACKNUMBER: "n/N" */
	const char *transcript;		/* LYRICS and DESCRIPTION */
};

#define WK_OPUS_KBPS_MIN 24
#define WK_OPUS_KBPS_MAX 32

/*
 * Starts an Ogg Opus stream on out (borrowed; it must outlive the
 * encoder) for PCM at p->rate_hz with p->channels, at kbps (WK_OPUS_KBPS_MIN to _MAX). The PCM is expected at
 * p->target_lufs; R128_TRACK_GAIN says what brings it to the -23 LUFS
 * that Opus players refer to. WK_EAUDIO when libopusenc refuses.
 */
enum wk_status wk_opus_new(const struct wk_audio_params *p, int kbps,
    const struct wk_opus_tags *t, FILE *out, struct wk_opus **o,
    struct wk_err *err);

/* Encodes n frames of interleaved float PCM. WK_EIO when the stream
 * cannot be written. */
enum wk_status wk_opus_write(struct wk_opus *o, const float *pcm, size_t n,
    struct wk_err *err);

/* Writes the last pages; the stream then ends exactly with the last
 * sample written. */
enum wk_status wk_opus_finish(struct wk_opus *o, struct wk_err *err);

/* Frees o; NULL is a no-op. */
void wk_opus_free(struct wk_opus *o);

/* libopusenc's version, for cache keys. */
const char *wk_opus_version(void);

#endif
