/*
 * The LAME wrapper. All of LAME's quirks stay here: it wants its output
 * buffer sized 1.25 x samples + 7200 bytes, separate float entry points for
 * mono and interleaved stereo, and its own tag writing switched off.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <lame/lame.h>

#include "encode.h"
#include "base/paths.h"

#define CHUNK 4096

struct wk_enc {
	lame_t lame;
	int channels;
	unsigned char *mp3;
	size_t mp3cap;
	hip_t hip;		/* the monitor's decoder, or NULL */
	wk_pcm_fn mon;
	void *mon_ud;
	short l[1152], r[1152];
	float pcm[2 * 1152];
};

const char *
wk_enc_version(void)
{
	return get_lame_version();
}

enum wk_status
wk_enc_new(const struct wk_audio_params *p, struct wk_enc **out,
    struct wk_err *err)
{
	struct wk_enc *e;

	*out = NULL;
	if ((e = calloc(1, sizeof *e)) == NULL)
		return wk_err_nomem(err);
	e->channels = p->channels;
	e->mp3cap = CHUNK * 5 / 4 + 7200;
	if ((e->mp3 = malloc(e->mp3cap)) == NULL || (e->lame = lame_init()) == NULL) {
		wk_enc_free(e);
		return wk_err_nomem(err);
	}
	lame_set_in_samplerate(e->lame, p->rate_hz);
	lame_set_out_samplerate(e->lame, p->rate_hz);
	lame_set_num_channels(e->lame, p->channels);
	lame_set_mode(e->lame, p->channels == 1 ? MONO : JOINT_STEREO);
	lame_set_quality(e->lame, 3);
	lame_set_bWriteVbrTag(e->lame, 0);
	lame_set_write_id3tag_automatic(e->lame, 0);
	if (p->vbr) {
		lame_set_VBR(e->lame, vbr_default);
		lame_set_VBR_q(e->lame, p->vbr_quality);
	} else {
		lame_set_VBR(e->lame, vbr_off);
		lame_set_brate(e->lame, p->bitrate_kbps);
	}
	if (lame_init_params(e->lame) < 0) {
		wk_enc_free(e);
		return wk_err_set(err, WK_EAUDIO, NULL, 0, 0,
		    _("LAME refuses these settings: %d Hz, %d channels, %d kb/s"),
		    p->rate_hz, p->channels, p->bitrate_kbps);
	}
	*out = e;
	return WK_OK;
}

void
wk_enc_free(struct wk_enc *e)
{
	if (e == NULL)
		return;
	if (e->lame != NULL)
		lame_close(e->lame);
	if (e->hip != NULL)
		hip_decode_exit(e->hip);
	free(e->mp3);
	free(e);
}

static void
quiet(const char *fmt, va_list ap)
{
	(void)fmt;
	(void)ap;
}

int
wk_enc_monitor(struct wk_enc *e, wk_pcm_fn fn, void *ud)
{
	if ((e->hip = hip_decode_init()) == NULL)
		return -1;
	hip_set_errorf(e->hip, quiet);
	hip_set_debugf(e->hip, quiet);
	hip_set_msgf(e->hip, quiet);
	e->mon = fn;
	e->mon_ud = ud;
	return 0;
}

/* Decodes n bytes of fresh MP3 frames, one frame per call of hip_decode1,
 * and hands the PCM to the monitor. */
static void
monitor(struct wk_enc *e, unsigned char *b, size_t n)
{
	int got, i;

	got = hip_decode1(e->hip, b, n, e->l, e->r);
	while (got > 0) {
		for (i = 0; i < got; i++) {
			if (e->channels == 1)
				e->pcm[i] = e->l[i] * (1.0f / 32768.0f);
			else {
				e->pcm[2 * i] = e->l[i] * (1.0f / 32768.0f);
				e->pcm[2 * i + 1] = e->r[i] * (1.0f / 32768.0f);
			}
		}
		e->mon(e->mon_ud, e->pcm, (size_t)got);
		got = hip_decode1(e->hip, b, 0, e->l, e->r);
	}
}

static enum wk_status
put(struct wk_enc *e, int n, FILE *out, struct wk_err *err)
{
	if (n < 0)
		return wk_err_set(err, WK_EAUDIO, NULL, 0, 0,
		    _("LAME failed to encode (code %d)"), n);
	if (n > 0 && fwrite(e->mp3, 1, (size_t)n, out) != (size_t)n) {
		int errnum = errno;
		char where[512];

		return wk_err_set(err, WK_EIO, wk_path_of_stream(out, where,
		    sizeof where), 0, 0, _("cannot write the encoded audio: %s"),
		    strerror(errnum));
	}
	if (n > 0 && e->hip != NULL)
		monitor(e, e->mp3, (size_t)n);
	return WK_OK;
}

enum wk_status
wk_enc_write(struct wk_enc *e, const float *pcm, size_t n, FILE *out,
    struct wk_err *err)
{
	enum wk_status st;

	while (n > 0) {
		int k = n > CHUNK ? CHUNK : (int)n, got;

		if (e->channels == 1)
			got = lame_encode_buffer_ieee_float(e->lame, pcm, NULL, k,
			    e->mp3, (int)e->mp3cap);
		else
			got = lame_encode_buffer_interleaved_ieee_float(e->lame,
			    pcm, k, e->mp3, (int)e->mp3cap);
		if ((st = put(e, got, out, err)) != WK_OK)
			return st;
		pcm += wk_items((size_t)k, e->channels);
		n -= (size_t)k;
	}
	return WK_OK;
}

int
wk_enc_delay(const struct wk_enc *e)
{
	return lame_get_encoder_delay(e->lame);
}

enum wk_status
wk_enc_finish(struct wk_enc *e, FILE *out, struct wk_err *err)
{
	return put(e, lame_encode_flush(e->lame, e->mp3, (int)e->mp3cap), out,
	    err);
}

enum wk_status
wk_encode_silence(const struct wk_audio_params *p, unsigned ms, FILE *out,
    struct wk_err *err)
{
	struct wk_enc *enc;
	float *zeros;
	unsigned long long n = (unsigned long long)ms * (unsigned)p->rate_hz / 1000;
	enum wk_status st;

	if ((zeros = calloc(wk_items(CHUNK, p->channels), sizeof *zeros)) == NULL)
		return wk_err_nomem(err);
	if ((st = wk_enc_new(p, &enc, err)) != WK_OK) {
		free(zeros);
		return st;
	}
	while (n > 0 && st == WK_OK) {
		size_t k = n > CHUNK ? CHUNK : (size_t)n;

		st = wk_enc_write(enc, zeros, k, out, err);
		n -= k;
	}
	if (st == WK_OK)
		st = wk_enc_finish(enc, out, err);
	wk_enc_free(enc);
	free(zeros);
	return st;
}

enum wk_status
wk_encode_pause(const struct wk_audio_params *p, unsigned ms,
    unsigned char **frames, size_t *len, struct wk_err *err)
{
	enum wk_status st;
	char *buf = NULL;
	size_t n = 0;
	FILE *f;

	*frames = NULL;
	*len = 0;
	if ((f = open_memstream(&buf, &n)) == NULL)
		return wk_err_nomem(err);
	st = wk_encode_silence(p, ms, f, err);
	if (fclose(f) != 0 && st == WK_OK)
		st = wk_err_nomem(err);
	if (st != WK_OK) {
		free(buf);
		return st;
	}
	*frames = (unsigned char *)buf;
	*len = n;
	return WK_OK;
}
