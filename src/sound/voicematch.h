#ifndef WK_VOICEMATCH_H
#define WK_VOICEMATCH_H
/*
 * Does a recording sound like the voice? What a piece of mono audio is
 * measured by: its level, whether it is one steady tone, how much of it
 * is voiced, its median pitch and how much that moves (voicematch.c). A
 * recorded prompt is judged against the voice saying the same words:
 * silence, a tone, a buzz, noise, a take too quiet to be matched, or
 * another speaker's pitch is refused.
 */

#include <stddef.h>

/* The largest difference in median pitch, in semitones, between a
 * recording and the voice saying the same words: men speak about 85 to
 * 155 Hz and women about 165 to 255 Hz, so a man's take is within it of
 * a male voice (espeak-ng's: about 100 Hz) and a woman's is not. */
#define WK_VOICEMATCH_MAX_SEMITONES 7.0

/* A recording, or the voice, as measured. */
struct wk_voicematch {
	double peak_db;		/* loudest sample, dBFS; -HUGE_VAL: silence */
	double lufs;		/* loudness of the sound between its silences
				 * (wk_piece_lufs); -HUGE_VAL: silence */
	double active_s;	/* seconds of sound (40 ms frames within 35 dB
				 * of the loudest, over -60 dBFS) */
	double voiced;		/* share of those frames with a pitch */
	double tonal;		/* share of those frames that are one sine */
	double f0_hz;		/* median pitch of the voiced frames; 0 when
				 * fewer than WK_VOICEMATCH_MIN_VOICED */
	double f0_spread;	/* how far it moves: the interquartile range of
				 * the voiced frames' pitch, in semitones */
	size_t nvoiced;		/* voiced frames (10 ms apart) */
};

/* Voiced frames (10 ms each) a recording needs to have a pitch. */
#define WK_VOICEMATCH_MIN_VOICED 5

/* Measures nframes of mono pcm at rate_hz (4 kHz or more) into *out.
 * Pitch is looked for from 50 to 500 Hz.
 * 0, or -1 when out of memory. */
int wk_voicematch_measure(const float *pcm, size_t nframes, int rate_hz,
    struct wk_voicematch *out);

/* Why a recording does not match. */
enum wk_voicematch_verdict {
	WK_VM_MATCH,		/* it does */
	WK_VM_SILENT,		/* no sound over -60 dBFS */
	WK_VM_TONE,		/* half of it or more is one steady sine */
	WK_VM_STEADY,		/* a pitch that does not move: a buzz, a hum
				 * (a voice's moves by half a semitone and more
				 * even in one word) */
	WK_VM_NOSPEECH,		/* hardly voiced: noise, clicks, hum */
	WK_VM_QUIET,		/* more than WK_MATCH_MAX_BOOST_DB under the
				 * voice: matching it would leave it low */
	WK_VM_PITCH		/* another speaker's pitch */
};

/* Judges recording rec against voice, the voice's own speech of the same
 * words; the first reason that applies, in the order above. A voice with
 * no pitch or loudness of its own is not compared on them. */
enum wk_voicematch_verdict wk_voicematch_judge(
    const struct wk_voicematch *rec, const struct wk_voicematch *voice);

/* rec's median pitch above voice's, in semitones (negative: below); 0
 * when either has none. */
double wk_voicematch_semitones(const struct wk_voicematch *rec,
    const struct wk_voicematch *voice);

#endif
