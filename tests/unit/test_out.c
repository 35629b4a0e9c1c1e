/*
 * What the playout doors read: MP3 files whose LAME tag lets a gapless
 * decoder (ffmpeg) give back exactly the samples encoded, CBR and VBR;
 * Ogg Opus files that decode to the input's length at 48 kHz with their
 * Vorbis comments and loudness (ffmpeg and ffprobe read them back);
 * podcast feeds, the latest/ page and #EXTINF lines, table by table.
 */

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/buf.h"
#include "sound/encode.h"
#include "publish/mp3file.h"
#include "sound/oggopus.h"
#include "publish/podcast.h"

/* Runs cmd and returns its whole stdout (caller frees), or NULL. */
static char *
run(const char *cmd, size_t *len)
{
	FILE *p = popen(cmd, "r");
	struct wk_buf b = WK_BUF_INIT;
	char chunk[65536];
	size_t n;

	if (p == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		wk_buf_append(&b, chunk, n);
	if (pclose(p) != 0) {
		wk_buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return wk_buf_steal(&b);
}

/* Samples per channel that ffmpeg decodes from path (gapless). */
static long
decoded(const char *path, int channels)
{
	char cmd[600];
	size_t len = 0;
	char *out;

	snprintf(cmd, sizeof cmd, "ffmpeg -v error -i '%s' -f s16le -", path);
	if ((out = run(cmd, &len)) == NULL)
		return -1;
	free(out);
	return (long)(len / 2 / (size_t)channels);
}

static void
tone(float *pcm, size_t n, int ch, double amp)
{
	size_t i;
	int c;

	for (i = 0; i < n; i++)
		for (c = 0; c < ch; c++)
			pcm[i * (size_t)ch + (size_t)c] = (float)(amp *
			    sin((double)i * 2 * M_PI * 440 / 44100 + c));
}

/* One stream of n frames, assembled into a file at path. */
static void
mp3(const char *path, const struct wk_audio_params *p, size_t n,
    struct wk_mp3_summary *sum)
{
	float *pcm = malloc(n * (size_t)p->channels * sizeof *pcm);
	FILE *raw = tmpfile(), *out = fopen(path, "w+");
	struct wk_enc *e;
	struct wk_err err;
	struct wk_mp3_enc me;

	assert_non_null(pcm);
	assert_non_null(raw);
	assert_non_null(out);
	tone(pcm, n, p->channels, 0.3);
	assert_int_equal(wk_enc_new(p, &e, &err), WK_OK);
	assert_int_equal(wk_enc_write(e, pcm, n, raw, &err), WK_OK);
	assert_int_equal(wk_enc_finish(e, raw, &err), WK_OK);
	wk_enc_free(e);
	rewind(raw);
	wk_mp3_enc_init(&me, p, n);
	assert_int_equal(wk_mp3_assemble(out, NULL, &me, &raw, 1, NULL, 0, sum,
	    &err), WK_OK);
	fclose(out);
	fclose(raw);
	free(pcm);
}

static void
test_gapless(void **state)
{
	static const struct {
		struct wk_audio_params p;
		size_t n;
	} cases[] = {
		{ { 44100, 1, 128, 0, 4, -23, -1, 0 }, 44100 + 777 },
		{ { 44100, 1, 64, 0, 4, -23, -1, 0 }, 1 },
		{ { 48000, 2, 192, 0, 4, -23, -1, 0 }, 96000 + 1151 },
		{ { 44100, 1, 0, 1, 4, -23, -1, 0 }, 3 * 44100 + 5 },
		{ { 48000, 2, 0, 1, 2, -23, -1, 0 }, 48000 + 1152 },
	};
	char path[] = "/tmp/wk-test-out-XXXXXX";
	int fd = mkstemp(path);
	size_t i;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct wk_mp3_summary sum;
		long got;

		mp3(path, &cases[i].p, cases[i].n, &sum);
		got = decoded(path, cases[i].p.channels);
		if (got != (long)cases[i].n)
			fail_msg("case %zu: %zu samples encoded, %ld decoded "
			    "(padding %llu)", i, cases[i].n, got, sum.padding);
		/* delay + PCM + padding fill the frames exactly. */
		assert_int_equal(sum.samples, WK_MP3_ENC_DELAY + cases[i].n +
		    sum.padding);
	}
	unlink(path);
}

/* The pause's frames after each input, table by table: inputs whose
 * delay and padding the pause makes up for, a pause too short to, one
 * input, MPEG-2's 576-sample frames. */
static void
test_join_plan(void **state)
{
	static const struct {
		unsigned long frames[3];
		unsigned long long pcm[3];
		size_t n;
		int spf;
		unsigned long avail;
		unsigned long long pause;
		unsigned long want_gap[2];
		unsigned long long want;
	} cases[] = {
		/* 10 frames hold 576 + 9000 + 1944; the pause wants 8820
		 * more: 8820 - 2520 = 6300 = 5.47 frames, so 5; then 6. */
		{ { 10, 10, 10 }, { 9000, 9000, 9000 }, 3, 1152, 9, 8820,
		    { 5, 6 }, 10 * 1152 + 5 * 1152 + 10 * 1152 + 6 * 1152 + 9000 },
		/* No pause: nothing of it, the joints stay as they are. */
		{ { 10, 10, 0 }, { 9000, 9000, 0 }, 2, 1152, 0, 0, { 0, 0 },
		    10 * 1152 + 9000 },
		/* A pause of 10 ms cannot absorb 2520 samples of delay and
		 * padding. */
		{ { 10, 10, 0 }, { 9000, 9000, 0 }, 2, 1152, 2, 441, { 0, 0 },
		    10 * 1152 + 9000 },
		/* A gap shorter than the plan wants: all of it. */
		{ { 10, 10, 0 }, { 9000, 9000, 0 }, 2, 1152, 3, 44100, { 3, 0 },
		    13 * 1152 + 9000 },
		{ { 4, 0, 0 }, { 3000, 0, 0 }, 1, 1152, 9, 8820, { 0, 0 }, 3000 },
		{ { 20, 20, 0 }, { 10000, 10000, 0 }, 2, 576, 30, 11025,
		    { 17, 0 }, 37 * 576 + 10000 },
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned long gap[2] = { 99, 99 };
		unsigned long long got = wk_mp3_join_plan(cases[i].frames,
		    cases[i].pcm, cases[i].n, cases[i].spf, cases[i].avail,
		    cases[i].pause, gap);

		if (got != cases[i].want)
			fail_msg("case %zu: %llu frames decoded, want %llu", i,
			    got, cases[i].want);
		for (k = 0; k + 1 < cases[i].n; k++)
			if (gap[k] != cases[i].want_gap[k])
				fail_msg("case %zu: %lu frames of the pause after "
				    "input %zu, want %lu", i, gap[k], k,
				    cases[i].want_gap[k]);
	}
}

/* Three streams joined with a pause as the plan says: ffmpeg decodes the
 * file to the plan's length, which is the inputs' PCM and the pauses
 * within one frame, and the Info frame says the same. With no pause the
 * plan still tells the decoded length. */
static void
test_join(void **state)
{
	static const unsigned pauses_ms[] = { 800, 250, 0 };
	const struct wk_audio_params p = { 44100, 1, 128, 0, 4, -23, -1, 0 };
	const size_t n[3] = { 44100 + 777, 20000, 30011 };
	char path[] = "/tmp/wk-test-join-XXXXXX";
	int fd = mkstemp(path);
	size_t i, k;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	for (k = 0; k < sizeof pauses_ms / sizeof pauses_ms[0]; k++) {
		FILE *raw[3], *gapf, *out = fopen(path, "w+");
		unsigned long frames[3], gapn[2], avail;
		unsigned long long pcm[3], plan, pause;
		struct wk_mp3_summary sum;
		struct wk_mp3_enc me;
		struct wk_err err;
		char *gap = NULL;
		size_t gaplen = 0;
		long got;
		int spf;

		assert_non_null(out);
		for (i = 0; i < 3; i++) {
			float *x = malloc(n[i] * sizeof *x);
			struct wk_enc *e;

			assert_non_null(x);
			tone(x, n[i], 1, 0.3);
			raw[i] = tmpfile();
			assert_int_equal(wk_enc_new(&p, &e, &err), WK_OK);
			assert_int_equal(wk_enc_write(e, x, n[i], raw[i], &err),
			    WK_OK);
			assert_int_equal(wk_enc_finish(e, raw[i], &err), WK_OK);
			wk_enc_free(e);
			free(x);
			fseek(raw[i], 0, SEEK_END);
			{
				size_t len = (size_t)ftell(raw[i]);
				unsigned char *b = malloc(len);

				rewind(raw[i]);
				assert_int_equal(fread(b, 1, len, raw[i]), len);
				assert_int_equal(wk_mp3_frames(b, len, (unsigned long)-1,
				    &frames[i], &spf), len);
				free(b);
			}
			rewind(raw[i]);
			pcm[i] = n[i];
		}
		gapf = open_memstream(&gap, &gaplen);
		assert_int_equal(wk_encode_silence(&p, pauses_ms[k], gapf, &err),
		    WK_OK);
		fclose(gapf);
		wk_mp3_frames((unsigned char *)gap, gaplen, (unsigned long)-1,
		    &avail, &spf);
		pause = (unsigned long long)pauses_ms[k] * 44100 / 1000;
		plan = wk_mp3_join_plan(frames, pcm, 3, 1152, avail, pause, gapn);
		wk_mp3_enc_init(&me, &p, n[2]);
		me.gap_frames = gapn;
		assert_int_equal(wk_mp3_assemble(out, NULL, &me, raw, 3,
		    (unsigned char *)gap, gaplen, &sum, &err), WK_OK);
		fclose(out);
		got = decoded(path, 1);
		if (got != (long)plan || sum.decoded != plan)
			fail_msg("pause %u ms: planned %llu, Info frame %llu, "
			    "ffmpeg %ld", pauses_ms[k], plan, sum.decoded, got);
		if (pauses_ms[k] > 100 && llabs((long long)plan -
		    (long long)(n[0] + n[1] + n[2] + 2 * pause)) > 576)
			fail_msg("pause %u ms: %llu frames, want %llu within "
			    "half a frame", pauses_ms[k], plan,
			    n[0] + n[1] + n[2] + 2 * pause);
		for (i = 0; i < 3; i++)
			fclose(raw[i]);
		free(gap);
	}
	unlink(path);
}

/* What a published MP3 says about itself, read back: TIT2 in ASCII and in
 * UTF-16, none, and the duration from the Info/Xing frame and LAME tag. */
static void
test_probe(void **state)
{
	static const struct {
		const char *title;
		struct wk_audio_params p;
		size_t n;
	} cases[] = {
		{ "Boletin", { 44100, 1, 128, 0, 4, -23, -1, 0 }, 44100 + 777 },
		{ "Precios del día: ñiqi €", { 48000, 2, 0, 1, 4, -23, -1, 0 },
		    2 * 48000 + 5 },
		{ NULL, { 44100, 1, 64, 0, 4, -23, -1, 0 }, 3000 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		float *pcm = malloc(cases[i].n * 2 * sizeof *pcm);
		FILE *raw = tmpfile(), *out = tmpfile();
		struct wk_buf tag = WK_BUF_INIT;
		struct wk_tags t;
		struct wk_mp3_summary sum;
		struct wk_mp3_enc me;
		struct wk_enc *e;
		struct wk_err err;
		char *title;
		double secs, want = (double)cases[i].n / cases[i].p.rate_hz;

		assert_non_null(pcm);
		assert_non_null(raw);
		assert_non_null(out);
		memset(&t, 0, sizeof t);
		t.title = cases[i].title;
		t.artist = "Radio Wamanga";
		t.comment = "Buenos días";
		wk_id3_build(&t, &tag);
		tone(pcm, cases[i].n, cases[i].p.channels, 0.3);
		assert_int_equal(wk_enc_new(&cases[i].p, &e, &err), WK_OK);
		assert_int_equal(wk_enc_write(e, pcm, cases[i].n, raw, &err), WK_OK);
		assert_int_equal(wk_enc_finish(e, raw, &err), WK_OK);
		wk_enc_free(e);
		rewind(raw);
		wk_mp3_enc_init(&me, &cases[i].p, cases[i].n);
		assert_int_equal(wk_mp3_assemble(out, &tag, &me, &raw, 1, NULL, 0,
		    &sum, &err), WK_OK);
		rewind(out);
		assert_int_equal(wk_mp3_probe(out, &title, &secs), 0);
		if ((cases[i].title == NULL) != (title == NULL) || (title != NULL &&
		    strcmp(title, cases[i].title) != 0) || fabs(secs - want) > 1e-6)
			fail_msg("case %zu: want '%s' %.6f s, got '%s' %.6f s", i,
			    cases[i].title ? cases[i].title : "(none)", want,
			    title ? title : "(none)", secs);
		free(title);
		wk_buf_free(&tag);
		fclose(raw);
		fclose(out);
		free(pcm);
	}
}

/* Encoder delay as LAME reports it is the one the tag states. */
static void
test_delay(void **state)
{
	struct wk_audio_params p = { 44100, 1, 128, 0, 4, -23, -1, 0 };
	struct wk_enc *e;
	struct wk_err err;

	(void)state;
	assert_int_equal(wk_enc_new(&p, &e, &err), WK_OK);
	assert_int_equal(wk_enc_delay(e), WK_MP3_ENC_DELAY);
	wk_enc_free(e);
}

static void
test_opus(void **state)
{
	static const struct wk_audio_params cases[] = {
		{ 44100, 1, 128, 0, 4, -23, -1, 0 },
		{ 48000, 2, 128, 0, 4, -16, -1, 0 },
	};
	char path[] = "/tmp/wk-test-opus-XXXXXX", cmd[700];
	int fd = mkstemp(path);
	size_t i, len;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct wk_audio_params *p = &cases[i];
		size_t n = (size_t)p->rate_hz * 3 + 321;
		float *pcm = malloc(n * (size_t)p->channels * sizeof *pcm);
		struct wk_opus_tags t = { "Precios: Santa Clara", "Radio Wamanga",
			"Precios de la mañana", "2026-11-29", "spa", "1/3",
			"Papa: 1,20 soles & \"más\" <kilo>" };
		struct wk_opus *o;
		struct wk_err err;
		FILE *f = fopen(path, "w");
		char *out;
		long got, want = (long)((double)n * 48000 / p->rate_hz + 0.5);
		double lufs = 0, amp;

		assert_non_null(pcm);
		assert_non_null(f);
		/* A 440 Hz sine of amplitude a measures about 20 log10(a)
		 * - 3.01 LUFS per channel, and the channels' powers add. */
		amp = pow(10, (p->target_lufs + 3.01 -
		    10 * log10(p->channels)) / 20);
		tone(pcm, n, p->channels, amp);
		assert_int_equal(wk_opus_new(p, 32, &t, f, &o, &err), WK_OK);
		assert_int_equal(wk_opus_write(o, pcm, n / 2, &err), WK_OK);
		assert_int_equal(wk_opus_write(o, pcm + n / 2 * (size_t)p->channels,
		    n - n / 2, &err), WK_OK);
		assert_int_equal(wk_opus_finish(o, &err), WK_OK);
		wk_opus_free(o);
		assert_int_equal(fclose(f), 0);
		got = decoded(path, p->channels);
		if (labs(got - want) > 2)
			fail_msg("case %zu: %ld samples at 48 kHz decoded, %ld "
			    "expected", i, got, want);
		snprintf(cmd, sizeof cmd, "ffprobe -v error -show_entries "
		    "stream=codec_name,sample_rate,channels:stream_tags -of "
		    "default=nw=1 '%s'", path);
		assert_non_null(out = run(cmd, &len));
		snprintf(cmd, sizeof cmd, "codec_name=opus\nsample_rate=48000\n"
		    "channels=%d", p->channels);
		if (strstr(out, cmd)
		    == NULL || strstr(out, "TAG:TITLE=Precios: Santa Clara\n") ==
		    NULL || strstr(out, "TAG:LANGUAGE=spa\n") == NULL ||
		    strstr(out, "TAG:LYRICS=Papa: 1,20 soles & \"más\" <kilo>\n")
		    == NULL || strstr(out, "TAG:ALBUM=Precios de la mañana\n") ==
		    NULL || strstr(out, "TAG:DATE=2026-11-29\n") == NULL)
			fail_msg("case %zu: ffprobe reads\n%s", i, out);
		if ((i == 0 && strstr(out, "TAG:R128_TRACK_GAIN=0\n") == NULL) ||
		    (i == 1 && strstr(out, "TAG:R128_TRACK_GAIN=-1792\n") == NULL))
			fail_msg("case %zu: R128 gain in\n%s", i, out);
		free(out);
		snprintf(cmd, sizeof cmd, "ffmpeg -nostats -hide_banner -i '%s' "
		    "-af ebur128 -f null - 2>&1 | awk '/Summary:/{s=1} s&&$1==\"I:\""
		    "{print $2}'", path);
		assert_non_null(out = run(cmd, &len));
		lufs = atof(out);
		free(out);
		if (fabs(lufs - p->target_lufs) > 1.0)
			fail_msg("case %zu: Opus file at %.2f LUFS, target %.1f",
			    i, lufs, p->target_lufs);
		free(pcm);
	}
	unlink(path);
}

static void
test_opus_refuses(void **state)
{
	struct wk_audio_params p = { 44100, 1, 128, 0, 4, -23, -1, 0 };
	struct wk_opus_tags t = { 0 };
	struct wk_opus *o = (struct wk_opus *)&p;
	struct wk_err err;

	(void)state;
	assert_int_equal(wk_opus_new(&p, 64, &t, stdout, &o, &err), WK_EAUDIO);
	assert_null(o);
	assert_non_null(strstr(err.msg, "24"));
	wk_opus_free(NULL);
}

static void
test_extinf(void **state)
{
	static const struct {
		const char *station, *title, *name, *want;
	} cases[] = {
		{ "Radio Wamanga", "Precios", "santa-clara",
		  "#EXTINF:4,Radio Wamanga - Precios: santa clara\na.mp3\n" },
		{ "Radio Wamanga", "Precios", NULL,
		  "#EXTINF:4,Radio Wamanga - Precios\na.mp3\n" },
		{ "Radio Quispe-Huanta", "Noticias\nde hoy", "cierre",
		  "#EXTINF:4,Radio Quispe\xE2\x80\x90Huanta - Noticias de hoy: "
		  "cierre\na.mp3\n" },
		{ "R", "Willakuy - Huanta", "a-b-c",
		  "#EXTINF:4,R - Willakuy \xE2\x80\x90 Huanta: a b c\na.mp3\n" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct wk_buf b = WK_BUF_INIT;

		wk_m3u_extinf(&b, 3.6, cases[i].station, cases[i].title,
		    cases[i].name, "a.mp3");
		if (strcmp(wk_buf_str(&b), cases[i].want) != 0)
			fail_msg("case %zu: got [%s], want [%s]", i, wk_buf_str(&b),
			    cases[i].want);
		wk_buf_free(&b);
	}
}

static const struct wk_episode eps[] = {
	{ "precios-manana", "es", "2026-11-29", "06:30", "Precios & \"ofertas\"",
	  "2026-11-29/precios-manana-es.mp3", 123456, 272.4, NULL,
	  "Papa < 2 soles & más", "2026-11-29/precios-manana-es.txt",
	  "2026-11-29/precios-manana-es.opus", 23456, 32 },
	{ "precios-manana", "es", "2026-11-28", NULL, "Precios",
	  "2026-11-28/precios-manana-es.mp3", 99, 3661, NULL, NULL, NULL, NULL,
	  0, 0 },
};

static void
test_feed(void **state)
{
	struct wk_channel c = { "wamanga", "Radio Wamanga", "Precios", "es-PE",
		"logo.png", NULL, "podcast", NULL, "podcast/precios-manana-es.xml",
		NULL };
	static const char *const want_rel[] = {
		"<!-- No public base URL",
		"<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/"
		    "podcast-1.0.dtd\" xmlns:podcast=\"https://podcastindex.org/"
		    "namespace/1.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">",
		"<title>Radio Wamanga: Precios</title>",
		"<itunes:owner>\n      <itunes:name>Radio Wamanga</itunes:name>\n"
		    "    </itunes:owner>",
		"<language>es-PE</language>",
		"<itunes:image href=\"../logo.png\"/>",
		"<title>Precios &amp; &quot;ofertas&quot; (2026-11-29)</title>",
		"<guid isPermaLink=\"false\">wamanga:precios-manana-es:2026-11-29"
		    "</guid>",
		"<pubDate>Sun, 29 Nov 2026 06:30:00 -0500</pubDate>",
		"<pubDate>Sat, 28 Nov 2026 06:00:00 -0500</pubDate>",
		"<description>Papa &lt; 2 soles &amp; más</description>",
		"<enclosure url=\"../2026-11-29/precios-manana-es.mp3\" "
		    "length=\"123456\" type=\"audio/mpeg\"/>",
		"<itunes:duration>00:04:32</itunes:duration>",
		"<itunes:duration>01:01:01</itunes:duration>",
		"<podcast:transcript url=\"../2026-11-29/precios-manana-es.txt\" "
		    "type=\"text/plain\"/>",
		"<podcast:alternateEnclosure type=\"audio/ogg; codecs=opus\" "
		    "length=\"23456\" bitrate=\"32000\" title=\"Opus\">",
		"<podcast:source uri=\"../2026-11-29/precios-manana-es.opus\"/>",
	};
	struct wk_buf b = WK_BUF_INIT;
	struct wk_err err;
	struct wk_episode bad = eps[1];
	size_t i;

	(void)state;
	assert_int_equal(wk_podcast_feed(&c, eps, 2, &b, &err), WK_OK);
	for (i = 0; i < sizeof want_rel / sizeof want_rel[0]; i++)
		if (strstr(wk_buf_str(&b), want_rel[i]) == NULL)
			fail_msg("feed lacks [%s]:\n%s", want_rel[i], wk_buf_str(&b));
	/* Without a public URL the feed cannot name itself. */
	assert_null(strstr(wk_buf_str(&b), "atom:link"));
	assert_null(strstr(wk_buf_str(&b), "podcast:guid"));
	wk_buf_clear(&b);
	c.base_url = "https://radio.example/w";
	c.image = "https://cdn.example/logo.jpg";
	c.email = "prensa@radio.example";
	assert_int_equal(wk_podcast_feed(&c, eps, 1, &b, &err), WK_OK);
	assert_null(strstr(wk_buf_str(&b), "No public base URL"));
	{
		static const char *const want_abs[] = {
			"<atom:link href=\"https://radio.example/w/podcast/"
			    "precios-manana-es.xml\" rel=\"self\" "
			    "type=\"application/rss+xml\"/>",
			/* uuid.uuid5(ns, "radio.example/w/podcast/precios-
			 * manana-es.xml") in Python */
			"<podcast:guid>570cf567-0a30-5bc6-bea5-87fff5ace132"
			    "</podcast:guid>",
			"<itunes:email>prensa@radio.example</itunes:email>",
			"<itunes:image href=\"https://cdn.example/logo.jpg\"/>",
		};

		for (i = 0; i < sizeof want_abs / sizeof want_abs[0]; i++)
			if (strstr(wk_buf_str(&b), want_abs[i]) == NULL)
				fail_msg("feed lacks [%s]:\n%s", want_abs[i],
				    wk_buf_str(&b));
	}
	assert_non_null(strstr(wk_buf_str(&b), "url=\"https://radio.example/w/"
	    "2026-11-29/precios-manana-es.mp3\""));
	/* Debian's python3-feedparser reads the enclosures, lengths, dates
	 * and guids back. */
	{
		char path[] = "/tmp/wk-test-feed-XXXXXX", cmd[1200], *out;
		int fd = mkstemp(path);
		size_t len;

		assert_true(fd >= 0);
		assert_int_equal(write(fd, b.data, b.len), (ssize_t)b.len);
		close(fd);
		snprintf(cmd, sizeof cmd, "/usr/bin/python3 -c 'import feedparser,"
		    "sys\nf = feedparser.parse(sys.argv[1])\nassert not f.bozo, "
		    "f.bozo_exception\ne = f.entries\nprint(f.feed.language, "
		    "len(e))\nfor x in e: print(x.id, x.enclosures[0].href, "
		    "x.enclosures[0].length, x.enclosures[0].type, x.itunes_duration,"
		    " x.published_parsed[:5])' '%s'", path);
		out = run(cmd, &len);
		unlink(path);
		assert_non_null(out);
		if (strcmp(out, "es-PE 1\nwamanga:precios-manana-es:2026-11-29 "
		    "https://radio.example/w/2026-11-29/precios-manana-es.mp3 "
		    "123456 audio/mpeg 00:04:32 (2026, 11, 29, 11, 30)\n") != 0)
			fail_msg("feedparser reads:\n%s", out);
		free(out);
	}
	wk_buf_clear(&b);
	bad.time = "6:30";
	assert_int_equal(wk_podcast_feed(&c, &bad, 1, &b, &err), WK_EINPUT);
	assert_non_null(strstr(err.msg, "precios-manana-es"));
	bad.time = NULL;
	bad.date = "2026-02-30";
	assert_int_equal(wk_podcast_feed(&c, &bad, 1, &b, &err), WK_EINPUT);
	wk_buf_free(&b);
}

/* podcast:guid: the Podcast Namespace's own examples, and the scheme and
 * trailing slashes left out. */
static void
test_guid(void **state)
{
	static const struct {
		const char *url, *want;
	} cases[] = {
		{ "https://mp3s.nashownotes.com/pc20rss.xml",
		    "917393e3-1b1e-5cef-ace4-edaa54e1f810" },
		{ "https://podnews.net/rss", "9b024349-ccf0-5f69-a609-6b82873eab3c" },
		{ "http://podnews.net/rss/", "9b024349-ccf0-5f69-a609-6b82873eab3c" },
		{ "podnews.net/rss//", "9b024349-ccf0-5f69-a609-6b82873eab3c" },
	};
	char got[WK_UUID_LEN + 1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(got, 'x', sizeof got);
		wk_podcast_guid(cases[i].url, got);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("guid of %s: %s, want %s", cases[i].url, got,
			    cases[i].want);
	}
}

static void
test_index(void **state)
{
	struct wk_buf b = WK_BUF_INIT;
	struct wk_err err;
	const char *s;

	(void)state;
	assert_int_equal(wk_podcast_index("Radio <Wamanga>", eps, 2, &b, &err),
	    WK_OK);
	s = wk_buf_str(&b);
	assert_true(strncmp(s, "<!DOCTYPE html>\n<html>", 22) == 0);
	assert_non_null(strstr(s, "<title>Radio &lt;Wamanga&gt;</title>"));
	assert_non_null(strstr(s, "<source src=\"2026-11-29/precios-manana-es.opus\""
	    " type=\"audio/ogg; codecs=opus\"/>"));
	assert_non_null(strstr(s, "<pre>Papa &lt; 2 soles &amp; más</pre>"));
	assert_non_null(strstr(s, "</audio>"));
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "http"));
	wk_buf_clear(&b);
	wk_podcast_m3u("Radio Wamanga", eps, 1, &b);
	assert_string_equal(wk_buf_str(&b), "#EXTM3U\n#EXTINF:272,Radio Wamanga - "
	    "Precios & \"ofertas\"\n2026-11-29/precios-manana-es.mp3\n");
	wk_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gapless),
		cmocka_unit_test(test_join_plan),
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_delay),
		cmocka_unit_test(test_probe),
		cmocka_unit_test(test_opus),
		cmocka_unit_test(test_opus_refuses),
		cmocka_unit_test(test_extinf),
		cmocka_unit_test(test_feed),
		cmocka_unit_test(test_guid),
		cmocka_unit_test(test_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
