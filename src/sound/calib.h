#ifndef WK_CALIB_H
#define WK_CALIB_H
/*
 * Calibration: what a run measures once per voice before any segment is
 * rendered. Each voice says a sentence of its own words (the months); its
 * loudness is what clips and recorded prompts are matched to, and what
 * MP3 coding takes off its loudness is what mastering compensates. The
 * result is plain data (struct wk_calib_voice), so that it can be kept
 * between runs under the key wk_calib_key gives.
 */

#include <stddef.h>

#include "audio.h"
#include "base/cache.h"
#include "base/err.h"

struct wk_synth;
struct wk_voice;

/* The measurements of one voice. */
struct wk_calib_voice {
	char lang[16];		/* the voice's tag, as in voices/<tag>/ */
	double voice_lufs;	/* its speech, at the synthesizer's rate */
	double codec_loss_db;	/* what MP3 coding takes off it (0..3) */
};

/* The voices measured so far in a run. Zero it to start
 * (WK_CALIB_INIT); wk_calib_free frees it. */
struct wk_calib {
	struct wk_calib_voice *v;
	size_t n, cap;
};

#define WK_CALIB_INIT { NULL, 0, 0 }

/* Measures voice v with the synthesizer and the station's audio p. */
enum wk_status wk_calib_measure(const struct wk_audio_params *p,
    struct wk_synth *synth, const struct wk_voice *v,
    struct wk_calib_voice *out, struct wk_err *err);

/* The key of a measurement: everything it depends on (the voice's
 * espeak-ng settings and words, the audio settings, the program's,
 * espeak-ng's and LAME's versions). */
void wk_calib_key(const struct wk_audio_params *p, const struct wk_voice *v,
    wk_key key);

/* The longest record wk_calib_record writes, with its NUL. */
#define WK_CALIB_RECORD 96

/* cv as one line of text (the cache's record of a calibration). */
void wk_calib_record(const struct wk_calib_voice *cv, char *rec,
    size_t size);

/* Reads a line of wk_calib_record for voice lang into *cv; 0, or -1 when
 * it is not one. */
int wk_calib_parse(const char *rec, const char *lang,
    struct wk_calib_voice *cv);

/* The measurements of lang, or NULL when it has not been measured. */
const struct wk_calib_voice *wk_calib_get(const struct wk_calib *c,
    const char *lang);

/* Adds (a copy of) cv to c. WK_ENOMEM. */
enum wk_status wk_calib_add(struct wk_calib *c,
    const struct wk_calib_voice *cv, struct wk_err *err);

void wk_calib_free(struct wk_calib *c);

#endif
