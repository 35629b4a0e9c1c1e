/*
 * Rendering, pass 1 of a segment: speech from the synthesizer (with the
 * voice's recorded prompts spliced in), clips and music beds from the
 * run's shared assets (asset.c: decoded, resampled to the station rate and
 * measured once), all written to a spool (spool.c). Clips and recordings
 * are matched in level to the voice that speaks around them, whose
 * loudness the calibration (calib.c) measured before. Pass 2 is mastering
 * (master.c).
 */

#include <sys/stat.h>

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "asset.h"
#include "buf.h"
#include "cache.h"
#include "calib.h"
#include "clip.h"
#include "compose.h"
#include "coverage.h"
#include "dsp.h"
#include "render.h"
#include "spool.h"
#include "synth.h"
#include "voice.h"

struct pgain {
	const struct wk_prompt *prompt;
	double gain;		/* linear; 0 when the recording is unusable */
};

struct wk_renderer {
	struct wk_audio_params p;
	struct wk_synth *synth;
	struct wk_voiceset *voices;
	struct wk_diags *d;
	struct wk_resampler *speech_rs;
	const struct wk_calib *calib;
	float *tmp;		/* WK_CHUNK frames x channels */
	struct pgain *prompt_gains;	/* per prompt, measured once */
	size_t nprompt_gains;
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
	free(r->prompt_gains);
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

static double prompt_gain(struct wk_renderer *r, const struct wk_voice *v,
    const struct wk_prompt *p);

static enum wk_status append_prompt(struct wk_renderer *r,
    struct wk_spool *sp, const struct wk_voice *v, const struct wk_prompt *p,
    double gain, const char *last, const char *last_end, struct wk_err *err);

/* The prompt that says the most words from words[i], or NULL; the
 * list-final take where the words end a sentence (coverage.c). */
static const struct wk_prompt *
match(const struct wk_voice *v, char **words, const char *const *end,
    size_t n, size_t i)
{
	unsigned char fin[64];
	size_t j;

	memset(fin, 0, sizeof fin);
	for (j = i; j < n && j - i < sizeof fin; j++)
		fin[j - i] = end[j][-1] == '.' || end[j][-1] == '!' ||
		    end[j][-1] == '?';
	return wk_prompt_match(v, words + i, fin, n - i < sizeof fin ? n - i
	    : sizeof fin, 0);
}

/*
 * Speaks text in voice lang. Where the voice has recorded prompts, the
 * longest run of words that a recording says is spliced in (greedy,
 * left to right) and only the rest is synthesized.
 */
static enum wk_status
speak(struct wk_renderer *r, struct wk_spool *sp, const char *lang,
    const char *text, struct wk_err *err)
{
	struct wk_voice *v = wk_voiceset_get(r->voices, lang, r->d, err);
	const char **start = NULL, **end = NULL;
	char **words = NULL;
	size_t n = 0, i = 0, from = 0, cap = 0;
	enum wk_status st = WK_OK;
	const char *p = text;

	if (v == NULL)
		return err->status;
	if (v->nprompts == 0)
		return synth_text(r, sp, v, text, err);
	while (*p) {	/* words, with where each starts and ends */
		const char *e;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e && *e != ' '; e++)
			;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 32;
			void *a = realloc(words, nc * sizeof *words);
			void *b = a ? realloc(start, nc * sizeof *start) : NULL;
			void *c = b ? realloc(end, nc * sizeof *end) : NULL;

			if (a)
				words = a;
			if (b)
				start = b;
			if (c)
				end = c;
			if (!a || !b || !c) {
				st = wk_err_nomem(err);
				goto out;
			}
			cap = nc;
		}
		start[n] = p;
		end[n] = e;
		if ((words[n++] = wk_prompt_word(p, (size_t)(e - p))) == NULL) {
			st = wk_err_nomem(err);
			goto out;
		}
		p = e;
	}
	while (i <= n && st == WK_OK) {
		const struct wk_prompt *pr = i < n ? match(v, words, end, n, i)
		    : NULL;
		double g = pr ? prompt_gain(r, v, pr) : 0;

		if (i < n && (pr == NULL || g == 0)) {
			i++;
			continue;
		}
		if (i > from) {		/* the words before: synthesized */
			char *t = strndup(start[from], (size_t)(end[i - 1] - start[from]));

			st = t ? synth_text(r, sp, v, t, err) : wk_err_nomem(err);
			free(t);
		}
		if (pr != NULL && st == WK_OK) {
			wk_diag(r->d, WK_NOTE, v->prompts_path, pr->line, 1,
			    _("recorded prompt %s spliced in"), pr->path);
			st = append_prompt(r, sp, v, pr, g, start[i +
			    pr->nwords - 1], end[i + pr->nwords - 1], err);
			i += pr->nwords;
		} else
			i++;
		from = i;
	}
out:
	while (n > 0)
		free(words[--n]);
	free(words);
	free(start);
	free(end);
	return st;
}

/* The loudness of voice lang, as the calibration measured it. */
static double
voice_lufs(struct wk_renderer *r, const char *lang)
{
	const struct wk_calib_voice *cv = wk_calib_get(r->calib, lang);

	assert(cv != NULL);	/* the conductor calibrates every voice first */
	return cv->voice_lufs;
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
	return append_asset(r, sp, as, isfinite(as->lufs) ?
	    wk_db_to_lin(fmax(-30, fmin(20, ref - as->lufs))) : 1.0, path, err);
}

/* The gain that matches a recorded prompt to its voice; 0 when the
 * recording cannot be used (then the words are synthesized). */
static double
prompt_gain(struct wk_renderer *r, const struct wk_voice *v,
    const struct wk_prompt *p)
{
	struct wk_err err;
	const struct wk_asset *as = NULL;
	double lufs;
	size_t i;
	struct pgain *np;

	for (i = 0; i < r->nprompt_gains; i++)
		if (r->prompt_gains[i].prompt == p)
			return r->prompt_gains[i].gain;
	if (wk_assets_get(r->assets, p->path, r->p.rate_hz, r->p.channels, &as,
	    &err) == WK_OK)
		lufs = as->lufs;
	else
		lufs = -HUGE_VAL;
	if (!isfinite(lufs)) {
		if (as != NULL)
			wk_err_set(&err, WK_EAUDIO, p->path, 0, 0, "%s",
			    _("the recording is silent"));
		wk_diag(r->d, WK_WARNING, v->prompts_path, p->line, 1,
		    _("recorded prompt %s cannot be used (%s); its words are "
		    "synthesized"), p->path, err.msg);
		lufs = HUGE_VAL;
	}
	if ((np = realloc(r->prompt_gains, (r->nprompt_gains + 1) *
	    sizeof *np)) == NULL)
		return 0;
	r->prompt_gains = np;
	np[r->nprompt_gains].prompt = p;
	np[r->nprompt_gains].gain = isfinite(lufs) ? wk_db_to_lin(fmax(-30,
	    fmin(20, voice_lufs(r, v->lang) - lufs))) : 0;
	return np[r->nprompt_gains++].gain;
}

/* Longest recorded prompt read, in seconds: prompts are words and
 * phrases, read whole into memory to be trimmed. */
#define PROMPT_MAX_S 30
/* Join of a recording and the audio around it, in ms: an equal-power
 * crossfade where they touch, a fade where a pause separates them; long
 * enough that no join clicks, short enough not to eat a consonant. */
#define PROMPT_JOIN_MS 10
/* Level, below the recording's peak, under which its ends are silence. */
#define PROMPT_SILENCE_DB 40

/*
 * Appends recorded prompt p scaled by gain: its own leading and trailing
 * silence trimmed, joined to the audio before and after it over
 * PROMPT_JOIN_MS (the spool crossfades them) so that no join with
 * synthesis clicks, then the silence espeak-ng would have left after
 * the punctuation that ends the last word it says (last..last_end).
 */
static enum wk_status
append_prompt(struct wk_renderer *r, struct wk_spool *sp,
    const struct wk_voice *v, const struct wk_prompt *p, double gain,
    const char *last, const char *last_end, struct wk_err *err)
{
	const struct wk_asset *as;
	size_t ch = (size_t)sp->channels, cap, n = 0, from, to, i, k;
	float *pcm = NULL, peak = 0, floor_;
	enum wk_status st;
	long got = 0;

	/* The prepared asset is already at the spool's rate and channels. */
	if ((st = wk_assets_get(r->assets, p->path, sp->rate_hz, sp->channels,
	    &as, err)) != WK_OK)
		return st;
	cap = (size_t)sp->rate_hz * PROMPT_MAX_S;
	if ((pcm = malloc(wk_items(cap, sp->channels) * sizeof *pcm)) == NULL)
		return wk_err_nomem(err);
	while (n < cap && (got = wk_asset_read(as, n, pcm + n * ch,
	    cap - n > WK_CHUNK ? WK_CHUNK : cap - n)) > 0)
		n += (size_t)got;
	if (got < 0) {
		st = wk_err_set(err, WK_EIO, p->path, 0, 0, "%s",
		    _("cannot read the prepared clip again"));
		goto out;
	}
	for (i = 0; i < n * ch; i++)
		peak = fabsf(pcm[i]) > peak ? fabsf(pcm[i]) : peak;
	floor_ = peak * (float)wk_db_to_lin(-PROMPT_SILENCE_DB);
	for (from = 0; from < n; from++) {
		for (k = 0; k < ch && fabsf(pcm[from * ch + k]) <= floor_; k++)
			;
		if (k < ch)
			break;
	}
	for (to = n; to > from; to--) {
		for (k = 0; k < ch && fabsf(pcm[(to - 1) * ch + k]) <= floor_; k++)
			;
		if (k < ch)
			break;
	}
	wk_spool_join(sp);
	for (i = from; i < to; i += WK_CHUNK) {
		size_t m = to - i > WK_CHUNK ? WK_CHUNK : to - i;

		if (wk_spool_write_scaled(sp, pcm + i * ch, m, (float)gain)) {
			*err = sp->err;
			st = sp->err.status;
			goto out;
		}
	}
	wk_spool_join(sp);
	st = wk_spool_silence(sp, wk_prompt_pause_ms(v, last,
	    (size_t)(last_end - last)), err);
out:
	free(pcm);
	return st;
}

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
	full = isfinite(bed_lufs) && isfinite(sp->lufs) ?
	    wk_db_to_lin(fmax(-30, fmin(20, sp->lufs - bed_lufs))) : 1.0;
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
		wk_spool_replace(sp, mx);
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

	wk_buf_printf(&b, "willakuy audio %s\nespeak-ng %s\n", WK_AUDIO_VERSION,
	    wk_synth_version());
	wk_buf_printf(&b, "%d %d %d %d %d %.3f %.3f %d\n", p->rate_hz, p->channels,
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
				file_sig(&b, v->prompts_path);
				for (k = 0; k < v->nprompts; k++)
					file_sig(&b, v->prompts[k].path);
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
