#ifndef WK_SYNTH_H
#define WK_SYNTH_H
/*
 * Speech synthesis with libespeak-ng. Text in (words only, from the
 * verbalizer), mono PCM out as floats in [-1, 1] at wk_synth_rate_hz(),
 * delivered in chunks to a callback. espeak-ng keeps global state and is
 * not thread-safe: one struct wk_synth per process, used from one thread.
 */

#include <stddef.h>

#include "audio.h"
#include "base/err.h"

struct wk_voice;
struct wk_synth;

/* Starts espeak-ng. WK_EAUDIO with a message when its data is missing. */
enum wk_status wk_synth_new(struct wk_synth **out, struct wk_err *err);
void wk_synth_free(struct wk_synth *s);

/* espeak-ng's version, for cache keys. */
const char *wk_synth_version(void);

/* espeak-ng's output rate (22050 Hz). */
int wk_synth_rate_hz(const struct wk_synth *s);

/*
 * Speaks text with voice v (its espeak-ng voice, rate and pitch), calling
 * fn with the audio. WK_EAUDIO when the voice is missing from espeak-ng or
 * synthesis fails; the status fn returned is kept in err as WK_EIO when fn
 * stopped it.
 */
enum wk_status wk_synth_speak(struct wk_synth *s, const struct wk_voice *v,
    const char *text, wk_pcm_fn fn, void *ud, struct wk_err *err);

/* Where a word of the text (at byte offset `at`) starts in the speech, in
 * samples from the start of the call. */
typedef void (*wk_word_fn)(void *ud, size_t at, unsigned long long sample);

/* The same, calling word (with ud) for each word espeak-ng says, in the
 * order it says them, before the audio that holds the word's start. */
enum wk_status wk_synth_speak_words(struct wk_synth *s,
    const struct wk_voice *v, const char *text, wk_pcm_fn fn,
    wk_word_fn word, void *ud, struct wk_err *err);

#endif
