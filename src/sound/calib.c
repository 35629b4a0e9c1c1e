/*
 * Calibration of the voices: one synthesis of a sentence of the voice's
 * words (synth.c) is metered as it comes (dsp.c) for the voice's
 * loudness, and resampled into a spool that mastering (master.c) encodes
 * once and decodes again to tell what MP3 coding takes off.
 */

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "calib.h"
#include "dsp.h"
#include "encode.h"
#include "master.h"
#include "spool.h"
#include "synth.h"
#include "read/voice.h"

/* The loudness assumed for a voice that says nothing measurable. */
#define DEFAULT_VOICE_LUFS (-20.0)

/* A sentence of the voice's own words (the months), for measuring it. */
static void
calib_text(const struct wk_voice *v, struct wk_buf *text)
{
	size_t i;

	for (i = 0; i < 12; i++) {
		wk_buf_puts(text, v->months[i]);
		wk_buf_puts(text, i % 3 == 2 ? ". " : ", ");
	}
}

/* Where the synthesizer's speech goes: a meter at its own rate, and the
 * spool through the resampler. */
struct sink {
	struct wk_meter *meter;
	struct wk_resampler *rs;
	struct wk_spool *sp;
	int nomem;
};

static int
speech(void *ud, const float *pcm, size_t n)
{
	struct sink *k = ud;

	if (wk_meter_add(k->meter, pcm, n) != 0) {
		k->nomem = 1;
		return 1;
	}
	return wk_resample(k->rs, pcm, n, wk_spool_write_mono, k->sp);
}

enum wk_status
wk_calib_measure(const struct wk_audio_params *p, struct wk_synth *synth,
    const struct wk_voice *v, struct wk_calib_voice *out, struct wk_err *err)
{
	struct wk_buf text = WK_BUF_INIT;
	struct sink k;
	enum wk_status st;

	memset(&k, 0, sizeof k);
	memset(out, 0, sizeof *out);
	snprintf(out->lang, sizeof out->lang, "%s", v->lang);
	out->voice_lufs = DEFAULT_VOICE_LUFS;
	calib_text(v, &text);
	if (text.failed ||
	    (k.meter = wk_meter_new(wk_synth_rate_hz(synth), 1, 0)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((st = wk_resampler_new(wk_synth_rate_hz(synth), p->rate_hz, 1, &k.rs,
	    err)) != WK_OK || (st = wk_spool_new(p->rate_hz, p->channels, &k.sp,
	    err)) != WK_OK)
		goto out;
	st = wk_synth_speak(synth, v, wk_buf_str(&text), speech, &k, err);
	if (st == WK_OK && !k.sp->failed && !k.nomem &&
	    wk_resample(k.rs, NULL, 0, wk_spool_write_mono, k.sp) != 0 &&
	    !k.sp->failed)
		st = wk_err_set(err, WK_EAUDIO, NULL, 0, 0, "%s",
		    _("the resampler failed"));
	if (k.nomem)
		st = wk_err_nomem(err);
	else if (k.sp->failed) {
		*err = k.sp->err;
		st = err->status;
	}
	if (st == WK_OK && isfinite(wk_meter_lufs(k.meter)))
		out->voice_lufs = wk_meter_lufs(k.meter);
	if (st == WK_OK && (st = wk_spool_finish(k.sp, err)) == WK_OK &&
	    (st = wk_spool_measure(k.sp, err)) == WK_OK)
		st = wk_master_codec_loss(k.sp, p, &out->codec_loss_db, err);
out:
	wk_spool_free(k.sp);
	wk_resampler_free(k.rs);
	wk_meter_free(k.meter);
	wk_buf_free(&text);
	return st;
}

void
wk_calib_key(const struct wk_audio_params *p, const struct wk_voice *v,
    wk_key key)
{
	struct wk_buf b = WK_BUF_INIT;

	wk_buf_printf(&b, "willakuy calib %s\nespeak-ng %s\nlame %s\n",
	    WK_AUDIO_VERSION, wk_synth_version(), wk_enc_version());
	wk_buf_printf(&b, "%d %d %d %d %d %a %a\n", p->rate_hz, p->channels,
	    p->bitrate_kbps, p->vbr, p->vbr_quality, p->target_lufs,
	    p->peak_dbtp);
	wk_buf_printf(&b, "%s %s %d %d\n", v->lang, v->espeak, v->rate_wpm,
	    v->pitch);
	calib_text(v, &b);
	/* On allocation failure the key is of a partial text: a miss. */
	wk_key_of(wk_buf_str(&b), b.len, key);
	wk_buf_free(&b);
}

const struct wk_calib_voice *
wk_calib_get(const struct wk_calib *c, const char *lang)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].lang, lang) == 0)
			return &c->v[i];
	return NULL;
}

enum wk_status
wk_calib_add(struct wk_calib *c, const struct wk_calib_voice *cv,
    struct wk_err *err)
{
	assert(wk_calib_get(c, cv->lang) == NULL);
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 4;
		struct wk_calib_voice *v = realloc(c->v, cap * sizeof *v);

		if (v == NULL)
			return wk_err_nomem(err);
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n++] = *cv;
	return WK_OK;
}

void
wk_calib_free(struct wk_calib *c)
{
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

void
wk_calib_record(const struct wk_calib_voice *cv, char *rec, size_t size)
{
	snprintf(rec, size, "calibration voice-lufs %.4f codec-loss %.4f",
	    cv->voice_lufs, cv->codec_loss_db);
}

int
wk_calib_parse(const char *rec, const char *lang, struct wk_calib_voice *cv)
{
	memset(cv, 0, sizeof *cv);
	snprintf(cv->lang, sizeof cv->lang, "%s", lang);
	if (sscanf(rec, "calibration voice-lufs %lf codec-loss %lf",
	    &cv->voice_lufs, &cv->codec_loss_db) != 2 ||
	    !isfinite(cv->voice_lufs) || !isfinite(cv->codec_loss_db))
		return -1;
	return 0;
}
