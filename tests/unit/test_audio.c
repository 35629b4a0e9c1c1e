/*
 * The audio stages, by their properties: the limiter never lets a sample
 * over the ceiling and leaves quiet audio alone; the meter reads a known
 * sine correctly, and so does the measure of short pieces; the resampler keeps duration; LAME's frames assemble
 * into a file whose Xing frame counts them; ID3 tags have the right
 * layout and UTF-16 text; clips are matched to the voice at any level;
 * the voice check tells a voiced signal's pitch and refuses silence,
 * tones, noise, a take too quiet and another pitch.
 */

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/buf.h"
#include "sound/encode.h"
#include "sound/dsp.h"
#include "publish/mp3file.h"
#include "sound/master.h"
#include "sound/render.h"
#include "sound/voicematch.h"

#define RATE 44100

static void
test_limiter(void **state)
{
	size_t n = RATE * 2, i, lat;
	float *in = malloc(n * sizeof *in), *out = malloc(n * sizeof *out);
	struct wk_limiter *l = wk_limiter_new(RATE, 1, -3.0);
	double ceil = wk_db_to_lin(-3.0), maxo = 0, maxi = 0;
	unsigned seed = 7;

	(void)state;
	assert_non_null(in);
	assert_non_null(out);
	assert_non_null(l);
	/* Noise with loud bursts and single-sample spikes. */
	for (i = 0; i < n; i++) {
		seed = seed * 1103515245 + 12345;
		in[i] = ((float)((seed >> 8) & 0xFFFF) / 32768.0f - 1.0f) * 0.3f;
		if ((i / 4000) % 3 == 1)
			in[i] *= 3.0f;
		if (i % 9973 == 0)
			in[i] = 1.0f;
		if (fabsf(in[i]) > maxi)
			maxi = fabsf(in[i]);
	}
	wk_limiter_run(l, in, n, out);
	lat = wk_limiter_latency(l);
	for (i = 0; i < n; i++)
		if (fabsf(out[i]) > maxo)
			maxo = fabsf(out[i]);
	assert_true(maxi > 0.99);
	assert_true(maxo <= ceil + 1e-6);
	/* The output is the input, delayed and scaled down, never up. */
	for (i = lat; i < n; i++)
		assert_true(fabsf(out[i]) <= fabsf(in[i - lat]) + 1e-6);
	wk_limiter_free(l);

	/* Quiet audio passes untouched (after the delay). */
	l = wk_limiter_new(RATE, 1, -1.0);
	for (i = 0; i < n; i++)
		in[i] = 0.5f * sinf((float)i * 0.05f);
	assert_int_equal(wk_limiter_run(l, in, n, out), 0);
	for (i = lat; i < n; i++)
		assert_float_equal(out[i], in[i - lat], 1e-6);
	wk_limiter_free(l);
	free(in);
	free(out);
}

static void
test_meter(void **state)
{
	size_t n = RATE * 5, i;
	float *buf = malloc(n * 2 * sizeof *buf);
	struct wk_meter *m = wk_meter_new(RATE, 1, 1);
	struct wk_meter *s = wk_meter_new(RATE, 2, 0);

	(void)state;
	assert_non_null(buf);
	/* A 997 Hz sine at -20 dBFS peak reads -23.0 LUFS (mono, one
	 * channel) and -20 dBTP. */
	for (i = 0; i < n; i++)
		buf[i] = 0.1f * sinf(2 * (float)M_PI * 997.0f * (float)i / RATE);
	assert_int_equal(wk_meter_add(m, buf, n), 0);
	assert_float_equal(wk_meter_lufs(m), -23.0, 0.1);
	assert_float_equal(wk_meter_peak_dbtp(m), -20.0, 0.1);
	/* The same on both channels is 3 LU louder. */
	for (i = n; i-- > 0;)
		buf[2 * i] = buf[2 * i + 1] = buf[i];
	assert_int_equal(wk_meter_add(s, buf, n), 0);
	assert_float_equal(wk_meter_lufs(s), -20.0, 0.1);
	wk_meter_free(m);
	wk_meter_free(s);
	/* Silence has no loudness. */
	m = wk_meter_new(RATE, 1, 1);
	memset(buf, 0, n * sizeof *buf);
	wk_meter_add(m, buf, n);
	assert_false(isfinite(wk_meter_lufs(m)));
	wk_meter_free(m);
	free(buf);
}

/* A short piece (a recorded word) reads as the meter reads the same
 * sound at length, whatever its duration, ungated: a word is matched to
 * the synthesized words it replaces by this measure (splice.c). */
static void
test_piece(void **state)
{
	static const struct {
		double ms, amp;
		int channels;
		double want;	/* LUFS; 0: silence */
	} t[] = {
		{ 50, 0.1, 1, -23.0 }, { 399, 0.1, 1, -23.0 },
		{ 400, 0.1, 1, -23.0 }, { 401, 0.1, 1, -23.0 },
		{ 1234, 0.1, 1, -23.0 }, { 5000, 0.1, 1, -23.0 },
		{ 300, 0.01, 1, -43.0 }, { 700, 0.1, 2, -20.0 },
		{ 300, 0, 1, 0 }, { 0.5, 0.1, 1, 0 },
	};
	float *buf = malloc(RATE * 5 * 2 * sizeof *buf);
	size_t i, j, k, n;
	double l;

	(void)state;
	assert_non_null(buf);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		n = (size_t)(t[i].ms * RATE / 1000);
		for (j = 0; j < n; j++)
			for (k = 0; k < (size_t)t[i].channels; k++)
				buf[j * (size_t)t[i].channels + k] = (float)t[i].amp *
				    sinf(2 * (float)M_PI * 997.0f * (float)j / RATE);
		assert_int_equal(wk_piece_lufs(buf, n, RATE, t[i].channels, &l), 0);
		if (t[i].want == 0)
			assert_false(isfinite(l));
		else if (fabs(l - t[i].want) > 0.15) {
			print_error("row %zu: %.0f ms reads %.2f LUFS, want %.1f\n",
			    i, t[i].ms, l, t[i].want);
			fail();
		}
	}
	free(buf);
}

static int
count(void *ud, const float *pcm, size_t n)
{
	(void)pcm;
	*(size_t *)ud += n;
	return 0;
}

static void
test_resampler(void **state)
{
	struct wk_resampler *r;
	struct wk_err err;
	float buf[22050];
	size_t got = 0, k;

	(void)state;
	memset(buf, 0, sizeof buf);
	assert_int_equal(wk_resampler_new(22050, 44100, 1, &r, &err), WK_OK);
	for (k = 0; k < 3; k++)
		assert_int_equal(wk_resample(r, buf, 22050, count, &got), 0);
	assert_int_equal(wk_resample(r, NULL, 0, count, &got), 0);
	assert_int_equal(got, 3 * 44100);
	wk_resampler_free(r);
}

static void
test_frame_len(void **state)
{
	const unsigned char mpeg1_128_mono[4] = { 0xFF, 0xFB, 0x90, 0xC4 };
	const unsigned char mpeg1_128_pad[4] = { 0xFF, 0xFB, 0x92, 0x64 };
	const unsigned char mpeg2_64[4] = { 0xFF, 0xF3, 0x80, 0xC4 };
	const unsigned char bad[4] = { 0xFF, 0xFB, 0xF0, 0x00 };
	int spf, rate;

	(void)state;
	assert_int_equal(wk_mp3_frame_len(mpeg1_128_mono, &spf, &rate), 417);
	assert_int_equal(spf, 1152);
	assert_int_equal(rate, 44100);
	assert_int_equal(wk_mp3_frame_len(mpeg1_128_pad, &spf, &rate), 418);
	assert_int_equal(wk_mp3_frame_len(mpeg2_64, &spf, &rate), 208);
	assert_int_equal(spf, 576);
	assert_int_equal(rate, 22050);
	assert_int_equal(wk_mp3_frame_len(bad, &spf, &rate), 0);
}

static const void *
find(const char *hay, size_t n, const char *needle, size_t k)
{
	size_t i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

static void
test_id3(void **state)
{
	struct wk_tags t;
	struct wk_buf b = WK_BUF_INIT;
	unsigned long size;
	const unsigned char *p;

	(void)state;
	memset(&t, 0, sizeof t);
	t.title = "Precios del día";
	t.artist = "Radio";
	t.date = "2026-11-29";
	t.lang = "spa";
	t.length_ms = 61000;
	t.txxx_desc[0] = "replaygain_track_gain";
	t.txxx_value[0] = "+5.00 dB";
	t.ntxxx = 1;
	wk_id3_build(&t, &b);
	assert_false(b.failed);
	p = (const unsigned char *)b.data;
	assert_memory_equal(p, "ID3\x03\x00\x00", 6);
	size = ((unsigned long)p[6] << 21) | ((unsigned long)p[7] << 14) |
	    ((unsigned long)p[8] << 7) | p[9];
	assert_int_equal(size + 10, b.len);
	/* TIT2 in UTF-16 with a BOM: "í" is 0xED 0x00. */
	assert_memory_equal(p + 10, "TIT2", 4);
	assert_int_equal(p[20], 1);
	assert_memory_equal(p + 21, "\xFF\xFEP\0r\0", 6);
	assert_non_null(find(b.data, b.len, "d\0\xED\0a\0", 6));
	assert_non_null(find(b.data, b.len, "TYER", 4));
	assert_non_null(find(b.data, b.len, "2911", 4));
	assert_non_null(find(b.data, b.len, "61000", 5));
	assert_non_null(find(b.data, b.len, "replaygain_track_gain\0+5.00 dB", 30));
	wk_buf_free(&b);
}

/* Encodes a second of tone twice and joins them with silence. */
static void
test_assemble(void **state)
{
	struct wk_audio_params p = { RATE, 1, 128, 0, 4, -23, -1, 0 };
	struct wk_enc *e;
	struct wk_err err;
	struct wk_mp3_summary sum;
	struct wk_buf tag = WK_BUF_INIT;
	FILE *a = tmpfile(), *b = tmpfile(), *out = tmpfile(), *gapf;
	char *gap = NULL;
	size_t gaplen = 0, i;
	float tone[RATE];
	FILE *ins[2];
	unsigned char head[4096];
	struct wk_tags t;
	struct wk_mp3_enc me;

	(void)state;
	wk_mp3_enc_init(&me, &p, RATE);
	for (i = 0; i < RATE; i++)
		tone[i] = 0.2f * sinf((float)i * 0.06f);
	assert_int_equal(wk_enc_new(&p, &e, &err), WK_OK);
	assert_int_equal(wk_enc_write(e, tone, RATE, a, &err), WK_OK);
	assert_int_equal(wk_enc_finish(e, a, &err), WK_OK);
	wk_enc_free(e);
	assert_int_equal(wk_enc_new(&p, &e, &err), WK_OK);
	assert_int_equal(wk_enc_write(e, tone, RATE, b, &err), WK_OK);
	assert_int_equal(wk_enc_finish(e, b, &err), WK_OK);
	wk_enc_free(e);
	gapf = open_memstream(&gap, &gaplen);
	assert_int_equal(wk_encode_silence(&p, 500, gapf, &err), WK_OK);
	fclose(gapf);
	rewind(a);
	rewind(b);
	ins[0] = a;
	ins[1] = b;
	memset(&t, 0, sizeof t);
	t.title = "x";
	wk_id3_build(&t, &tag);
	assert_int_equal(wk_mp3_assemble(out, &tag, &me, ins, 2,
	    (unsigned char *)gap, gaplen, &sum, &err), WK_OK);
	/* 1 s + 0.5 s + 1 s, with each encoder's padding: about 120 frames. */
	assert_true(sum.frames > 100 && sum.frames < 130);
	assert_int_equal(sum.rate_hz, RATE);
	fseek(out, 0, SEEK_END);
	assert_int_equal((unsigned long long)ftell(out), tag.len + sum.bytes);
	/* The Info frame right after the tag holds the counts. */
	rewind(out);
	assert_int_equal(fread(head, 1, sizeof head, out), sizeof head);
	{
		const unsigned char *x = head + tag.len + 4 + 17;
		unsigned long frames = ((unsigned long)x[8] << 24) |
		    ((unsigned long)x[9] << 16) | ((unsigned long)x[10] << 8) | x[11];

		assert_memory_equal(x, "Info", 4);
		assert_int_equal(frames, sum.frames);
	}
	free(gap);
	wk_buf_free(&tag);
	fclose(a);
	fclose(b);
	fclose(out);
}

/* A clip, bed or take is turned down as far as it needs, whatever its
 * level, and up by at most WK_MATCH_MAX_BOOST_DB. */
static void
test_match_gain(void **state)
{
	static const struct {
		double ref, lufs, want_db;	/* want_db 0: unity */
	} t[] = {
		{ -20, -20, 0 }, { -20, -10, -10 }, { -20, 10, -30 },
		{ -20, 25, -45 }, { -20, 200, -220 }, { -20, -35, 15 },
		{ -20, -60, WK_MATCH_MAX_BOOST_DB }, { -20, -HUGE_VAL, 0 },
		{ -HUGE_VAL, -20, 0 }, { NAN, -20, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		double g = wk_lin_to_db(wk_match_gain(t[i].ref, t[i].lufs));

		if (fabs(g - t[i].want_db) > 1e-9)
			fail_msg("case %zu: %g LUFS to %g LUFS: %g dB, want %g dB",
			    i, t[i].lufs, t[i].ref, g, t[i].want_db);
	}
}

enum sig { SIL, SINE, NOISE, VOWEL, BUZZ };

/*
 * ms of a test signal at rate: silence, a sine at f0, white noise, or a
 * vowel: a pulse train gliding from 1.1 to 0.9 times f0 (median f0)
 * through two formants (700 and 1200 Hz), as a voice's, or a buzz: the
 * same at a steady f0; peak at peak_db.
 */
static float *
signal(enum sig kind, double f0, double peak_db, int rate, double ms,
    size_t *n)
{
	float *x;
	double phase = 0, y1 = 0, y2 = 0, z1 = 0, z2 = 0, peak = 0;
	double r1 = exp(-M_PI * 100 / rate), r2 = exp(-M_PI * 120 / rate);
	double c1 = 2 * r1 * cos(2 * M_PI * 700 / rate);
	double c2 = 2 * r2 * cos(2 * M_PI * 1200 / rate);
	unsigned seed = 1;
	size_t i;

	*n = (size_t)(ms * rate / 1000);
	if ((x = calloc(*n, sizeof *x)) == NULL)
		return NULL;
	for (i = 0; i < *n; i++) {
		double t = (double)i / rate, v = 0, y, z;

		switch (kind) {
		case SIL:
			break;
		case SINE:
			v = sin(2 * M_PI * f0 * t);
			break;
		case NOISE:
			seed = seed * 1103515245 + 12345;
			v = (double)((seed >> 8) & 0xFFFF) / 32768.0 - 1;
			break;
		case VOWEL:
		case BUZZ:
			phase += f0 * (kind == BUZZ ? 1 :
			    1.1 - 0.2 * (double)i / (double)*n) / rate;
			if (phase >= 1) {
				phase -= 1;
				v = 1;
			}
			y = v + c1 * y1 - r1 * r1 * y2;
			y2 = y1;
			y1 = y;
			z = y + c2 * z1 - r2 * r2 * z2;
			z2 = z1;
			z1 = z;
			v = z;
			break;
		}
		x[i] = (float)v;
		peak = fabs(v) > peak ? fabs(v) : peak;
	}
	for (i = 0; peak > 0 && i < *n; i++)
		x[i] = (float)(x[i] / peak * wk_db_to_lin(peak_db));
	return x;
}

/* Each signal measured, and judged against a vowel at 100 Hz (the voice
 * saying the same words, at the synthesizer's rate). */
static void
test_voicematch(void **state)
{
	static const struct {
		enum sig kind;
		double f0, peak_db;
		int rate;
		double ms;
		enum wk_voicematch_verdict want;
		double want_f0;		/* 0: not checked */
	} t[] = {
		{ SIL, 0, 0, 44100, 800, WK_VM_SILENT, 0 },
		{ NOISE, 0, -70, 22050, 800, WK_VM_SILENT, 0 },
		{ SINE, 1000, -6, 16000, 800, WK_VM_TONE, 0 },
		{ SINE, 150, -10, 48000, 1500, WK_VM_TONE, 0 },
		{ SINE, 300, -10, 22050, 30000, WK_VM_TONE, 0 },
		{ NOISE, 0, -6, 44100, 800, WK_VM_NOSPEECH, 0 },
		{ BUZZ, 100, -6, 44100, 800, WK_VM_STEADY, 100 },
		{ BUZZ, 50, -6, 16000, 800, WK_VM_STEADY, 50 },
		{ VOWEL, 100, -3, 22050, 600, WK_VM_MATCH, 100 },
		{ VOWEL, 100, -20, 8000, 600, WK_VM_MATCH, 100 },
		{ VOWEL, 120, -6, 44100, 300, WK_VM_MATCH, 120 },
		{ VOWEL, 140, -6, 48000, 900, WK_VM_MATCH, 140 },
		{ VOWEL, 75, -6, 96000, 700, WK_VM_MATCH, 75 },
		{ VOWEL, 160, -6, 44100, 600, WK_VM_PITCH, 160 },
		{ VOWEL, 220, -6, 44100, 600, WK_VM_PITCH, 220 },
		{ VOWEL, 60, -6, 22050, 600, WK_VM_PITCH, 60 },
		{ VOWEL, 200, -6, 11025, 600, WK_VM_PITCH, 200 },
		{ VOWEL, 100, -45, 44100, 600, WK_VM_QUIET, 100 },
	};
	struct wk_voicematch voice, rec;
	size_t i, n;
	float *x;

	(void)state;
	x = signal(VOWEL, 100, -6, 22050, 800, &n);
	assert_non_null(x);
	assert_int_equal(wk_voicematch_measure(x, n, 22050, &voice), 0);
	free(x);
	assert_float_equal(voice.f0_hz, 100, 2);
	assert_true(voice.voiced > 0.9 && voice.tonal < 0.1);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		enum wk_voicematch_verdict v;

		x = signal(t[i].kind, t[i].f0, t[i].peak_db, t[i].rate, t[i].ms, &n);
		assert_non_null(x);
		assert_int_equal(wk_voicematch_measure(x, n, t[i].rate, &rec), 0);
		free(x);
		v = wk_voicematch_judge(&rec, &voice);
		if (v != t[i].want || (t[i].want_f0 > 0 &&
		    fabs(rec.f0_hz / t[i].want_f0 - 1) > 0.03))
			fail_msg("case %zu: verdict %d (want %d), %.1f Hz (want "
			    "%.0f), peak %.1f dBFS, %.1f LUFS, voiced %.2f, tonal "
			    "%.2f", i, v, t[i].want, rec.f0_hz, t[i].want_f0,
			    rec.peak_db, rec.lufs, rec.voiced, rec.tonal);
	}
	/* Semitones: an octave up is 12, half the frequency -12. */
	rec.f0_hz = 200;
	assert_float_equal(wk_voicematch_semitones(&rec, &voice), 12, 0.5);
	rec.f0_hz = 50;
	assert_float_equal(wk_voicematch_semitones(&rec, &voice), -12, 0.5);
	rec.f0_hz = 0;
	assert_float_equal(wk_voicematch_semitones(&rec, &voice), 0, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limiter),
		cmocka_unit_test(test_meter),
		cmocka_unit_test(test_piece),
		cmocka_unit_test(test_resampler),
		cmocka_unit_test(test_frame_len),
		cmocka_unit_test(test_id3),
		cmocka_unit_test(test_assemble),
		cmocka_unit_test(test_match_gain),
		cmocka_unit_test(test_voicematch),
	};

	return cmocka_run_group_tests_name("audio", tests, NULL, NULL);
}
