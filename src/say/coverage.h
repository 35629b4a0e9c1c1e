#ifndef WK_COVERAGE_H
#define WK_COVERAGE_H
/*
 * Recorded prompts and the time they cover. One matching rule for the
 * renderer and for the figures: the longest run of words a recording says,
 * preferring the list-final take ("name.final.flac") where the words end a
 * sentence and the other take elsewhere. The coverage of a segment is the
 * share of its estimated spoken time that recordings say, with the
 * missing phrases that would cover the most of the rest.
 */

#include <stdio.h>
#include <stddef.h>

struct wk_voice;
struct wk_voiceset;
struct wk_prompt;
struct wk_seg;
struct wk_script;

/* The prompt that says the most words from words[i] (folded words, n of
 * them; final[j] is 1 when word j ends a sentence), or NULL. A prompt
 * refused as another voice's (wk_prompt.vetted < 0) says nothing. */
const struct wk_prompt *wk_prompt_match(const struct wk_voice *v,
    char *const *words, const unsigned char *final, size_t n, size_t i);

/* Silence that espeak-ng leaves after the punctuation that ends raw word
 * w, at the voice's rate; the renderer leaves the same after a recording. */
unsigned wk_prompt_pause_ms(const struct wk_voice *v, const char *w,
    size_t len);

/* The words of a spoken text, split at spaces: raw (with punctuation) and
 * folded; malloc'd arrays the caller frees with wk_words_free. */
struct wk_words {
	char **raw, **folded;
	unsigned char *final;
	size_t n;
};
int wk_words_split(const char *text, struct wk_words *w);
void wk_words_free(struct wk_words *w);

/* Estimated time to say word w (folded) in v, in ms. */
unsigned wk_word_ms(const struct wk_voice *v, const char *w);

/* The share of sg's spoken time that recordings say: *recorded_ms of
 * *spoken_ms (estimated). 1 when a voice of sg has recorded prompts not
 * refused as another voice's (wk_prompt.vetted), else 0 (both set to 0);
 * -1 out of memory. For the day's report. */
int wk_coverage_ms(const struct wk_seg *sg, struct wk_voiceset *vs,
    unsigned *recorded_ms, unsigned *spoken_ms);

/* Prints "recorded: N % of M s; missing: ..." for sg when its voice has
 * recorded prompts (preview's and the report's figure). */
void wk_coverage_print(const struct wk_seg *sg, struct wk_voiceset *vs,
    FILE *out);

#endif
