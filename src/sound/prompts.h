#ifndef WK_PROMPTS_H
#define WK_PROMPTS_H
/*
 * A voice's recorded prompts, checked against the voice itself before any
 * of them is spliced or counted (prompts.c): a recording that is silent, a
 * tone, not speech, too quiet to be matched, or in another speaker's
 * pitch is refused with a warning, and its words are synthesized. One
 * voice on air: the recordings must be the station's voice.
 */

#include "base/cache.h"

struct wk_diags;
struct wk_synth;
struct wk_voice;

/* The longest recorded prompt, in seconds: prompts are words and
 * phrases, read whole into memory. */
#define WK_PROMPT_MAX_S 30

/*
 * Checks each prompt of v not checked yet (wk_prompt.vetted 0): its
 * recording and the voice saying the same words (synth, at v's settings)
 * are measured and compared (voicematch.h). A prompt that does not match
 * is refused (vetted -1): never spliced, nor counted as covering its
 * words; d gets a warning at its line of the index naming the file and
 * why. One that matches gets vetted 1 (and a note). A missing file is
 * refused without a word (the voice's loader said it); a file that cannot
 * be read, or lasts over WK_PROMPT_MAX_S, with the reason. With cache
 * non-NULL, verdicts are kept there under the file's identity, its words,
 * the voice's settings and espeak-ng's version, so that a later run does
 * not measure again. Out of memory, the prompts left are refused, with a
 * warning. Used from the thread that owns synth.
 */
void wk_prompts_vet(struct wk_voice *v, struct wk_synth *synth,
    struct wk_cache *cache, struct wk_diags *d);

#endif
