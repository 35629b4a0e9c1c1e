/*
 * Rendering, pass 1 of a segment: speech from the synthesizer (with the
 * voice's recorded prompts spliced in by splice.c, each as loud as the
 * words it replaces), clips and music beds from the run's shared assets
 * (asset.c: decoded, resampled to the station rate and measured once), all
 * written to a spool (spool.c). Clips are matched in level to the voice
 * that speaks around them, whose loudness the calibration (calib.c)
 * measured before. Pass 2 is mastering (master.c).
 */

#include <sys/stat.h>

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "asset.h"
#include "base/buf.h"
#include "base/cache.h"
#include "calib.h"
#include "read/clip.h"
#include "say/compose.h"
#include "dsp.h"
#include "encode.h"
#include "oggopus.h"
#include "prompts.h"
#include "render.h"
#include "splice.h"
#include "spool.h"
#include "synth.h"
#include "read/voice.h"

struct wk_renderer {
	struct wk_audio_params p;
	struct wk_synth *synth;
	struct wk_voiceset *voices;
	struct wk_diags *d;
	struct wk_resampler *speech_rs;
	const struct wk_calib *calib;
	float *tmp;		/* WK_CHUNK frames x channels */
	struct wk_splicer *splicer;	/* recorded prompts into speech */
	struct wk_assets *assets;	/* clips, beds, prompts */
	struct wk_assets *own_assets;	/* when the caller gave none */
};


enum wk_status
wk_renderer_new(const struct wk_audio_params *p, struct wk_synth *synth,
    struct wk_voiceset *voices, const struct wk_calib *calib,
    struct wk_diags *d, struct wk_renderer **out, struct wk_err *err)
{
	struct wk_renderer *r;
	enum wk_status st;

	*out = NULL;
	if ((r = calloc(1, sizeof *r)) == NULL)
		return wk_err_nomem(err);
	r->p = *p;
	r->synth = synth;
	r->voices = voices;
	r->calib = calib;
	r->d = d;
	if ((r->tmp = malloc(wk_items(WK_CHUNK, p->channels) * sizeof *r->tmp)) == NULL) {
		free(r);
		return wk_err_nomem(err);
	}
	if ((r->assets = r->own_assets = wk_assets_new(NULL, d)) == NULL) {
		wk_renderer_free(r);
		return wk_err_nomem(err);
	}
	st = wk_resampler_new(wk_synth_rate_hz(synth), p->rate_hz, 1,
	    &r->speech_rs, err);
	if (st == WK_OK)
		st = wk_splicer_new(p, synth, calib, d, &r->splicer, err);
	if (st != WK_OK) {
		wk_renderer_free(r);
		return st;
	}
	*out = r;
	return WK_OK;
}

void
wk_renderer_free(struct wk_renderer *r)
{
	if (r == NULL)
		return;
	wk_resampler_free(r->speech_rs);
	wk_assets_free(r->own_assets);
	wk_splicer_free(r->splicer);
	free(r->tmp);
	free(r);
}

void
wk_renderer_set_assets(struct wk_renderer *r, struct wk_assets *a)
{
	r->assets = a;
}

static int
speech_chunk(void *ud, const float *pcm, size_t n)
{
	void **pair = ud;

	return wk_resample(pair[0], pcm, n, wk_spool_write_mono, pair[1]);
}

static enum wk_status
synth_text(struct wk_renderer *r, struct wk_spool *sp,
    const struct wk_voice *v, const char *text, struct wk_err *err)
{
	void *pair[2] = { r->speech_rs, sp };
	enum wk_status st;

	wk_resampler_reset(r->speech_rs);
	st = wk_synth_speak(r->synth, v, text, speech_chunk, pair, err);
	if (st == WK_OK && wk_resample(r->speech_rs, NULL, 0, wk_spool_write_mono, sp) != 0 &&
	    !sp->failed)
		st = wk_err_set(err, WK_EAUDIO, NULL, 0, 0, "%s",
		    _("the resampler failed"));
	if (sp->failed) {
		*err = sp->err;
		return sp->err.status;
	}
	return st;
}

/* Speaks text in voice lang, with the voice's recordings spliced in
 * where they say its words (splice.c). */
static enum wk_status
speak(struct wk_renderer *r, struct wk_spool *sp, const char *lang,
    const char *text, struct wk_err *err)
{
	struct wk_voice *v = wk_voiceset_get(r->voices, lang, r->d, err);
	enum wk_status st;
	int done = 0;

	if (v == NULL)
		return err->status;
	if (v->nprompts > 0)	/* done already when the key was made */
		wk_prompts_vet(v, r->synth, wk_assets_cache(r->assets), r->d);
	if (v->nprompts > 0 && (st = wk_splice(r->splicer, r->assets, sp, v,
	    text, &done, err)) != WK_OK)
		return st;
	return done ? WK_OK : synth_text(r, sp, v, text, err);
}

/* The loudness of voice lang, as the calibration measured it (mono),
 * heard on the spool's channels: speech is written to each of them, and
 * BS.1770 adds up the channels' power (+3 dB in stereo). */
static double
voice_lufs(struct wk_renderer *r, const char *lang)
{
	const struct wk_calib_voice *cv = wk_calib_get(r->calib, lang);

	assert(cv != NULL);	/* the conductor calibrates every voice first */
	return cv->voice_lufs + 10 * log10(r->p.channels);
}

/* Appends the prepared asset scaled by gain (linear). */
static enum wk_status
append_asset(struct wk_renderer *r, struct wk_spool *sp,
    const struct wk_asset *as, double gain, const char *path,
    struct wk_err *err)
{
	unsigned long long at = 0;
	long got;

	while ((got = wk_asset_read(as, at, r->tmp, WK_CHUNK)) > 0) {
		if (wk_spool_write_scaled(sp, r->tmp, (size_t)got, (float)gain)) {
			*err = sp->err;
			return sp->err.status;
		}
		at += (unsigned long long)got;
	}
	if (got < 0)
		return wk_err_set(err, WK_EIO, path, 0, 0, "%s",
		    _("cannot read the prepared clip again"));
	return WK_OK;
}

/* A clip between the lines, matched in loudness to voice lang. */
static enum wk_status
clip(struct wk_renderer *r, struct wk_spool *sp, const char *path,
    const char *lang, struct wk_err *err)
{
	const struct wk_asset *as;
	double ref;
	enum wk_status st;

	if ((st = wk_assets_get(r->assets, path, sp->rate_hz, sp->channels, &as,
	    err)) != WK_OK)
		return st;
	ref = voice_lufs(r, lang);
	return append_asset(r, sp, as, wk_match_gain(ref, as->lufs), path, err);
}

/* Join of a recording and the audio around it, in ms: an equal-power
 * crossfade where they touch, a fade where a pause separates them; long
 * enough that no join clicks, short enough not to eat a consonant. */
#define PROMPT_JOIN_MS 10

/*
 * Mixes a music bed under the whole segment: matched to the speech's
 * loudness, dipped by duck_db wherever speech is near (a second either
 * side, so that it does not swell in the pauses between lines), with
 * fades of fade_ms at the changes and at both ends. The bed loops if it is
 * shorter than the segment, and ends with it.
 */
static enum wk_status
mix_bed(struct wk_renderer *r, struct wk_spool *sp, const struct wk_bed *bed,
    struct wk_err *err)
{
	struct wk_spool *mx = NULL;
	const struct wk_asset *as;
	unsigned long long bat = 0;	/* where the bed is, looping */
	size_t nb = sp->nenv, b, hold = 1000 / WK_SPOOL_BLOCK_MS, fade;
	size_t ch = (size_t)sp->channels;
	size_t *active = NULL;
	float *g = NULL, *sbuf = NULL, *bbuf = NULL, *obuf = NULL;
	double bed_lufs, full, duck, step, cur;
	unsigned long long at = 0;
	enum wk_status st;

	if ((st = wk_assets_get(r->assets, bed->path, sp->rate_hz, sp->channels,
	    &as, err)) != WK_OK)
		return st;
	bed_lufs = as->lufs;
	full = wk_match_gain(sp->lufs, bed_lufs);
	duck = full * wk_db_to_lin(-bed->duck_db);
	if ((st = wk_spool_new(sp->rate_hz, sp->channels, &mx, err)) != WK_OK)
		goto out;
	active = calloc(nb + 1, sizeof *active);
	g = calloc(nb + 1, sizeof *g);
	sbuf = malloc(WK_CHUNK * ch * sizeof *sbuf);
	bbuf = malloc(WK_CHUNK * ch * sizeof *bbuf);
	obuf = malloc(WK_CHUNK * ch * sizeof *obuf);
	if (active == NULL || g == NULL || sbuf == NULL || bbuf == NULL ||
	    obuf == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	/* active[b]: speech blocks before b (a prefix sum), for the hold. */
	for (b = 0; b < nb; b++)
		active[b + 1] = active[b] + (sp->env[b] > 0.01f);
	fade = bed->fade_ms / WK_SPOOL_BLOCK_MS > 0 ?
	    bed->fade_ms / WK_SPOOL_BLOCK_MS : 1;
	step = (full - duck) / (double)fade;
	cur = full;
	for (b = 0; b < nb; b++) {
		size_t lo = b > hold ? b - hold : 0, hi = b + hold < nb ? b + hold : nb;
		double want = active[hi] - active[lo] > 0 ? duck : full;

		cur = want < cur ? fmax(want, cur - step) : fmin(want, cur + step);
		g[b] = (float)(cur * fmin(1.0, (double)(b + 1) / (double)fade) *
		    fmin(1.0, (double)(nb - b) / (double)fade));
	}
	g[nb] = 0;
	if ((st = wk_spool_seek(sp, 0, err)) != WK_OK)
		goto out;
	while (at < sp->frames && st == WK_OK) {
		size_t k = sp->frames - at > WK_CHUNK ? WK_CHUNK :
		    (size_t)(sp->frames - at);
		size_t kb, i, c;

		if (wk_spool_read(sp, sbuf, k) != k) {
			st = wk_err_set(err, WK_EIO, NULL, 0, 0, "%s",
			    _("cannot read a temporary file"));
			break;
		}
		for (kb = 0; kb < k; ) {	/* the bed, looped */
			long got = wk_asset_read(as, bat, bbuf + kb * ch, k - kb);

			if (got < 0) {
				st = wk_err_set(err, WK_EIO, bed->path, 0, 0, "%s",
				    _("cannot read the prepared clip again"));
				break;
			}
			if (got == 0 && bat == 0) {	/* an empty bed */
				memset(bbuf + kb * ch, 0, (k - kb) * ch *
				    sizeof *bbuf);
				break;
			}
			kb += (size_t)got;
			bat = got == 0 || bat + (unsigned long long)got >=
			    as->frames ? 0 : bat + (unsigned long long)got;
		}
		if (st != WK_OK)
			break;
		for (i = 0; i < k; i++) {
			unsigned long long f = at + i;
			size_t blk = (size_t)(f / sp->block);
			float t = (float)(f % sp->block) / (float)sp->block;
			float gain = blk < nb ? g[blk] + (g[blk + 1] - g[blk]) * t : 0;

			for (c = 0; c < ch; c++)
				obuf[i * ch + c] = sbuf[i * ch + c] + bbuf[i * ch + c] * gain;
		}
		if (wk_spool_write(mx, obuf, k) != 0) {
			*err = mx->err;
			st = mx->err.status;
		}
		at += k;
	}
	if (st == WK_OK)
		st = wk_spool_finish(mx, err);
	if (st == WK_OK)	/* the mix replaces the speech */
		st = wk_spool_replace(sp, mx, err);
out:
	free(active);
	free(g);
	free(sbuf);
	free(bbuf);
	free(obuf);
	wk_spool_free(mx);
	return st;
}

enum wk_status
wk_render_segment(struct wk_renderer *r, const struct wk_seg *sg,
    const char *lang, struct wk_spool **out, struct wk_err *err)
{
	struct wk_spool *sp;
	enum wk_status st = WK_OK;
	size_t i;

	*out = NULL;
	if ((st = wk_spool_new(r->p.rate_hz, r->p.channels, &sp, err)) != WK_OK)
		return st;
	st = wk_spool_set_join(sp, PROMPT_JOIN_MS, err);
	for (i = 0; i < sg->nparts && st == WK_OK; i++) {
		const struct wk_part *p = &sg->parts[i];

		switch (p->kind) {
		case WK_PART_SPEECH:
			st = speak(r, sp, p->lang, p->text, err);
			break;
		case WK_PART_PAUSE:
			st = wk_spool_silence(sp, p->pause_ms, err);
			break;
		case WK_PART_CLIP:
			st = clip(r, sp, p->path, lang, err);
			break;
		}
	}
	if (st == WK_OK && (st = wk_spool_finish(sp, err)) == WK_OK &&
	    (st = wk_spool_measure(sp, err)) == WK_OK && sg->bed.path != NULL)
		st = mix_bed(r, sp, &sg->bed, err);
	if (st != WK_OK) {
		wk_spool_free(sp);
		return st;
	}
	*out = sp;
	return WK_OK;
}

/* Size and modification time of a file, for cache keys. */
static void
file_sig(struct wk_buf *b, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0)
		wk_buf_printf(b, "%s %lld %lld.%09ld\n", path, (long long)st.st_size,
		    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	else
		wk_buf_printf(b, "%s missing\n", path);
}

void
wk_render_key(struct wk_renderer *r, const struct wk_seg *sg, wk_key key)
{
	struct wk_buf b = WK_BUF_INIT;
	const struct wk_audio_params *p = &r->p;
	size_t i, k;

	wk_buf_printf(&b, "willakuy audio %s\nespeak-ng %s\nlame %s\nopusenc %s\n",
	    WK_AUDIO_VERSION, wk_synth_version(), wk_enc_version(),
	    wk_opus_version());
	wk_buf_printf(&b, "%d %d %d %d %d %a %a %d\n", p->rate_hz, p->channels,
	    p->bitrate_kbps, p->vbr, p->vbr_quality, p->target_lufs, p->peak_dbtp,
	    p->verify);
	for (i = 0; i < sg->nparts; i++) {
		const struct wk_part *pt = &sg->parts[i];
		struct wk_err e;
		struct wk_voice *v;

		switch (pt->kind) {
		case WK_PART_SPEECH:
			v = wk_voiceset_get(r->voices, pt->lang, NULL, &e);
			wk_buf_printf(&b, "say %s %s %d %d\n%s\n", pt->lang,
			    v ? v->espeak : "?", v ? v->rate_wpm : 0,
			    v ? v->pitch : 0, pt->text);
			if (v != NULL && v->nprompts > 0) {
				/* Recordings are checked against the voice
				 * before any segment is looked up: a
				 * refused one is not spliced. */
				wk_prompts_vet(v, r->synth,
				    wk_assets_cache(r->assets), r->d);
				file_sig(&b, v->prompts_path);
				for (k = 0; k < v->nprompts; k++) {
					file_sig(&b, v->prompts[k].path);
					if (v->prompts[k].vetted < 0)
						wk_buf_puts(&b, "refused\n");
				}
			}
			break;
		case WK_PART_PAUSE:
			wk_buf_printf(&b, "pause %u\n", pt->pause_ms);
			break;
		case WK_PART_CLIP:
			wk_buf_puts(&b, "clip ");
			file_sig(&b, pt->path);
			break;
		}
	}
	if (sg->bed.path != NULL) {
		wk_buf_printf(&b, "bed %.3f %u ", sg->bed.duck_db, sg->bed.fade_ms);
		file_sig(&b, sg->bed.path);
	}
	/* On allocation failure the key is of a partial text: a miss. */
	wk_key_of(wk_buf_str(&b), b.len, key);
	wk_buf_free(&b);
}
