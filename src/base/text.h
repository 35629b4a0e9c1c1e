#ifndef WK_TEXT_H
#define WK_TEXT_H
/*
 * Small UTF-8 helpers for the verbalizer and the checks: decoding, letter
 * classes and case folding for the Latin letters our two languages use.
 * Nothing here allocates except wk_fold.
 */

#include <stddef.h>
#include <stdint.h>

struct wk_buf;

/* Decodes the code point at s (NUL-terminated). Returns the number of bytes
 * it takes, at least 1; an invalid sequence decodes as U+FFFD of length 1. */
size_t wk_utf8_next(const char *s, uint32_t *cp);

/* Returns the byte offset of the first invalid UTF-8 sequence in s[0..n), or
 * n if all of it is valid. */
size_t wk_utf8_check(const char *s, size_t n);

/* The code points of the UTF-8 text s: what takes time to say. */
size_t wk_utf8_len(const char *s);

/* Seconds of speech for n characters: espeak-ng's voices at the stations'
 * 150 words a minute say about 16 a second. For the bounds on what feeds
 * and news items may make a bulletin say. */
int wk_speech_s(size_t n);

/* Appends code point cp to b in UTF-8. */
void wk_buf_put_cp(struct wk_buf *b, uint32_t cp);

/*
 * Appends s (NULL: nothing) to b as text that stays on one line of a
 * line-based file: a playlist, a transcript, a mail. Every character that
 * some reader takes for a line break (LF, CR, VT, FF, U+0085, U+2028,
 * U+2029) and every other control character (C0, DEL, C1, and the
 * bidirectional embeddings, overrides and isolates, which reorder what a
 * line shows) becomes one space; a byte that is not UTF-8 becomes U+FFFD.
 * Every line-based writer puts text from outside (feeds, bulletins,
 * stations, MP3 tags) through this.
 */
void wk_buf_oneline(struct wk_buf *b, const char *s);

/* True for a character that wk_buf_oneline replaces. */
int wk_breaks_line(uint32_t cp);

/* True for letters of Latin scripts (ASCII, Latin-1, Latin Extended-A/B). */
int wk_is_letter(uint32_t cp);
int wk_is_upper(uint32_t cp);
uint32_t wk_lower(uint32_t cp);

/* A lower-case copy of the n bytes at s, which the caller frees; NULL when
 * out of memory. */
char *wk_fold(const char *s, size_t n);

/* Compares a[0..n) with the NUL-terminated b, ignoring case. */
int wk_eq_fold(const char *a, size_t n, const char *b);

/* Splits s at white space into a malloc'd array of malloc'd words, ended
 * by a NULL; *n is set to their number. NULL when out of memory. */
char **wk_split_words(const char *s, size_t *n);

/* Frees what wk_split_words returned (NULL is a no-op). */
void wk_free_words(char **v, size_t n);

/* The bytes of a space that groups thousands at s (ASCII, no-break, thin or
 * narrow no-break space, as in "1 250 000"), when exactly three digits
 * follow it; otherwise 0. */
size_t wk_group_space(const char *s);

#endif
