/*
 * Pass 1 of a segment: speech from the synthesizer (with the voice's
 * recorded prompts spliced in), clips and music beds from libsndfile, all
 * resampled to the station rate and spooled as float frames to an unlinked
 * temporary file, with a 10 ms peak envelope and a loudness meter. Clips and
 * recordings are matched in level to the voice that speaks around them:
 * each voice's loudness is measured once per run on a sentence of its own
 * words, and so is the loudness MP3 coding takes off. Pass 2 is finish.c.
 */

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "clip.h"
#include "compose.h"
#include "encode.h"
#include "master.h"
#include "render.h"
#include "spool.h"
#include "synth.h"
#include "voice.h"

/* What was measured once per run for a voice. */
struct calib {
	char lang[16];
	double value;
};

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
	struct calib calib[8];
	size_t ncalib;
	float *tmp;		/* CHUNK frames x channels */
	struct pgain *prompt_gains;	/* per prompt, measured once */
	size_t nprompt_gains;
	/* The loudness MP3 coding takes off each voice's speech. */
	struct calib codec[8];
	size_t ncodec;
	int calibrating;	/* rendering that measurement itself */
};


enum wk_status
wk_renderer_new(const struct wk_audio_params *p, struct wk_synth *synth,
    struct wk_voiceset *voices, struct wk_diags *d, struct wk_renderer **out,
    struct wk_err *err)
{
	struct wk_renderer *r;
	enum wk_status st;

	*out = NULL;
	if ((r = calloc(1, sizeof *r)) == NULL)
		return wk_err_nomem(err);
	r->p = *p;
	r->synth = synth;
	r->voices = voices;
	r->d = d;
	if ((r->tmp = malloc(wk_items(CHUNK, p->channels) * sizeof *r->tmp)) == NULL) {
		free(r);
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
	free(r->prompt_gains);
	free(r->tmp);
	free(r);
}

void
wk_spool_free(struct wk_spool *sp)
{
	if (sp == NULL)
		return;
	if (sp->f != NULL)
		fclose(sp->f);
	wk_meter_free(sp->meter);
	free(sp->env);
	free(sp->up);
	free(sp);
}

static double codec_loss(struct wk_renderer *r, const char *lang);
static double measure_codec_loss(struct wk_renderer *r, const char *lang);

static int
spool_fail(struct wk_spool *sp, enum wk_status st, const char *what)
{
	if (!sp->failed)
		wk_err_set(&sp->err, st, NULL, 0, 0, "%s", what);
	sp->failed = 1;
	return 1;
}

/* Appends n frames with the spool's channel count. */
static int
spool_frames(void *ud, const float *pcm, size_t n)
{
	struct wk_spool *sp = ud;
	size_t i, c, ch = (size_t)sp->channels;

	if (sp->failed)
		return 1;
	if (fwrite(pcm, sizeof *pcm * ch, n, sp->f) != n)
		return spool_fail(sp, WK_EIO, strerror(errno));
	if (wk_meter_add(sp->meter, pcm, n) != 0)
		return spool_fail(sp, WK_ENOMEM, _("out of memory"));
	for (i = 0; i < n; i++) {
		for (c = 0; c < ch; c++) {
			float a = fabsf(pcm[i * ch + c]);

			if (a > sp->cur)
				sp->cur = a;
		}
		if (++sp->curn == sp->block) {
			if (sp->nenv == sp->capenv) {
				size_t cap = sp->capenv ? sp->capenv * 2 : 1024;
				float *v = realloc(sp->env, cap * sizeof *v);

				if (v == NULL)
					return spool_fail(sp, WK_ENOMEM,
					    _("out of memory"));
				sp->env = v;
				sp->capenv = cap;
			}
			sp->env[sp->nenv++] = sp->cur;
			sp->cur = 0;
			sp->curn = 0;
		}
	}
	sp->frames += n;
	return 0;
}

/* Appends n mono frames, copied to every channel. */
static int
spool_mono(void *ud, const float *pcm, size_t n)
{
	struct wk_spool *sp = ud;
	size_t i;

	if (sp->channels == 1)
		return spool_frames(sp, pcm, n);
	while (n > 0) {
		size_t k = n > CHUNK ? CHUNK : n;

		for (i = 0; i < k; i++)
			sp->up[2 * i] = sp->up[2 * i + 1] = pcm[i];
		if (spool_frames(sp, sp->up, k) != 0)
			return 1;
		pcm += k;
		n -= k;
	}
	return 0;
}

/* Clip frames, scaled by the clip's matching gain. */
static int
spool_clip(void *ud, const float *pcm, size_t n)
{
	struct wk_spool *sp = ud;
	size_t i, ch = (size_t)sp->channels;
	float g = (float)sp->clip_gain;

	while (n > 0) {
		size_t k = n > CHUNK ? CHUNK : n;

		for (i = 0; i < k * ch; i++)
			sp->up[i] = pcm[i] * g;
		if (spool_frames(sp, sp->up, k) != 0)
			return 1;
		pcm += k * ch;
		n -= k;
	}
	return 0;
}

static int
speech_chunk(void *ud, const float *pcm, size_t n)
{
	void **pair = ud;

	return wk_resample(pair[0], pcm, n, spool_mono, pair[1]);
}

static enum wk_status
synth_text(struct wk_renderer *r, struct wk_spool *sp,
    const struct wk_voice *v, const char *text, struct wk_err *err)
{
	void *pair[2] = { r->speech_rs, sp };
	enum wk_status st;

	wk_resampler_reset(r->speech_rs);
	st = wk_synth_speak(r->synth, v, text, speech_chunk, pair, err);
	if (st == WK_OK && wk_resample(r->speech_rs, NULL, 0, spool_mono, sp) != 0 &&
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
static enum wk_status append_clip(struct wk_renderer *r,
    struct wk_spool *sp, const char *path, double gain,
    unsigned long long frames, struct wk_err *err);

/* The prompt that says the most words from words[i], or NULL. */
static const struct wk_prompt *
match(const struct wk_voice *v, char **words, size_t n, size_t i)
{
	const struct wk_prompt *best = NULL;
	size_t k, j;

	for (k = 0; k < v->nprompts; k++) {
		const struct wk_prompt *p = &v->prompts[k];

		if (p->nwords > n - i || (best && p->nwords <= best->nwords))
			continue;
		for (j = 0; j < p->nwords; j++)
			if (strcmp(p->words[j], words[i + j]) != 0)
				break;
		if (j == p->nwords)
			best = p;
	}
	return best;
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
		const struct wk_prompt *pr = i < n ? match(v, words, n, i) : NULL;
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
			st = append_clip(r, sp, pr->path, g, 0, err);
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

static int
meter_add(void *ud, const float *pcm, size_t n)
{
	return wk_meter_add(ud, pcm, n);
}

/* The sample peak of the spool, in dBFS, from its envelope. */
static double
env_peak_db(const struct wk_spool *sp)
{
	float max = 0;
	size_t b;

	for (b = 0; b < sp->nenv; b++)
		if (sp->env[b] > max)
			max = sp->env[b];
	return wk_lin_to_db(max);
}

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

/* The loudness of voice lang, measured once on a sentence of its words. */
static double
voice_lufs(struct wk_renderer *r, const char *lang, struct wk_err *err)
{
	struct wk_voice *v = wk_voiceset_get(r->voices, lang, r->d, err);
	struct wk_meter *m;
	struct wk_buf text = WK_BUF_INIT;
	double l = -20;
	size_t i;

	for (i = 0; i < r->ncalib; i++)
		if (strcmp(r->calib[i].lang, lang) == 0)
			return r->calib[i].value;
	if (v == NULL || (m = wk_meter_new(wk_synth_rate_hz(r->synth), 1, 0)) == NULL)
		return l;
	calib_text(v, &text);
	if (!text.failed && wk_synth_speak(r->synth, v, wk_buf_str(&text),
	    meter_add, m, err) == WK_OK && isfinite(wk_meter_lufs(m)))
		l = wk_meter_lufs(m);
	wk_meter_free(m);
	wk_buf_free(&text);
	if (r->ncalib < sizeof r->calib / sizeof r->calib[0]) {
		snprintf(r->calib[r->ncalib].lang, sizeof r->calib[0].lang, "%s",
		    lang);
		r->calib[r->ncalib++].value = l;
	}
	return l;
}

/* The loudness of a clip as `channels` channels. A clip shorter than a
 * second (a recorded word) is measured played over and over for a second:
 * BS.1770 needs 400 ms blocks. */
static enum wk_status
clip_lufs(struct wk_renderer *r, const char *path, int channels,
    double *lufs, struct wk_err *err)
{
	struct wk_clip *c = NULL;
	struct wk_meter *m = NULL;
	enum wk_status st;
	unsigned long long fed = 0;
	long got = 0;

	*lufs = -HUGE_VAL;
	if ((st = wk_clip_open(path, &c, err)) != WK_OK)
		return st == WK_EINPUT ? (err->status = WK_EAUDIO) : st;
	if ((m = wk_meter_new(wk_clip_rate_hz(c), channels, 0)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	do {
		if (fed > 0 && wk_clip_rewind(c) != 0)
			break;
		while ((got = wk_clip_read(c, r->tmp, CHUNK, channels, err)) > 0) {
			if (wk_meter_add(m, r->tmp, (size_t)got) != 0) {
				st = wk_err_nomem(err);
				goto out;
			}
			fed += (unsigned long long)got;
		}
	} while (got == 0 && fed > 0 && fed < (unsigned long long)wk_clip_rate_hz(c));
	if (got < 0)
		st = err->status;
	else
		*lufs = wk_meter_lufs(m);
out:
	wk_meter_free(m);
	wk_clip_close(c);
	return st;
}

/* Appends clip path scaled by gain (linear), at the spool's rate. With
 * frames > 0 the clip loops until exactly that many frames are in. */
struct clipsink {
	struct wk_spool *sp;
	unsigned long long left;	/* frames still wanted, if limited */
	int limited;
};

static int
clip_chunk(void *ud, const float *pcm, size_t n)
{
	struct clipsink *cs = ud;

	if (cs->limited) {
		if (cs->left == 0)
			return 0;
		if (n > cs->left)
			n = (size_t)cs->left;
		cs->left -= n;
	}
	return spool_clip(cs->sp, pcm, n);
}

static enum wk_status
append_clip(struct wk_renderer *r, struct wk_spool *sp, const char *path,
    double gain, unsigned long long frames, struct wk_err *err)
{
	struct wk_clip *c = NULL;
	struct wk_resampler *rs = NULL;
	struct clipsink cs = { sp, frames, frames > 0 };
	enum wk_status st;
	long got = 0;

	if ((st = wk_clip_open(path, &c, err)) != WK_OK)
		return st == WK_EINPUT ? (err->status = WK_EAUDIO) : st;
	sp->clip_gain = gain;
	if (wk_clip_rate_hz(c) != sp->rate_hz &&
	    (st = wk_resampler_new(wk_clip_rate_hz(c), sp->rate_hz,
	    sp->channels, &rs, err)) != WK_OK)
		goto out;
	for (;;) {
		while (!sp->failed && (!cs.limited || cs.left > 0) &&
		    (got = wk_clip_read(c, r->tmp, CHUNK, sp->channels, err)) > 0)
			if (rs != NULL ? wk_resample(rs, r->tmp, (size_t)got,
			    clip_chunk, &cs) : clip_chunk(&cs, r->tmp, (size_t)got))
				break;
		if (got < 0 || sp->failed || !cs.limited || cs.left == 0)
			break;
		if (wk_clip_rewind(c) != 0) {	/* loop a bed */
			got = -1;
			wk_err_set(err, WK_EAUDIO, path, 0, 0, "%s",
			    _("cannot read the clip again"));
			break;
		}
	}
	if (got == 0 && rs != NULL && !sp->failed)
		wk_resample(rs, NULL, 0, clip_chunk, &cs);
	if (got < 0)
		st = err->status;
	else if (sp->failed) {
		*err = sp->err;
		st = sp->err.status;
	}
out:
	wk_resampler_free(rs);
	wk_clip_close(c);
	return st;
}

/* A clip between the lines, matched in loudness to voice lang. */
static enum wk_status
clip(struct wk_renderer *r, struct wk_spool *sp, const char *path,
    const char *lang, struct wk_err *err)
{
	double lufs, ref;
	enum wk_status st;

	if ((st = clip_lufs(r, path, sp->channels, &lufs, err)) != WK_OK)
		return st;
	ref = voice_lufs(r, lang, err);
	return append_clip(r, sp, path, isfinite(lufs) ?
	    wk_db_to_lin(fmax(-30, fmin(20, ref - lufs))) : 1.0, 0, err);
}

/* The gain that matches a recorded prompt to its voice; 0 when the
 * recording cannot be used (then the words are synthesized). */
static double
prompt_gain(struct wk_renderer *r, const struct wk_voice *v,
    const struct wk_prompt *p)
{
	struct wk_err err;
	double lufs;
	size_t i;
	struct pgain *np;

	for (i = 0; i < r->nprompt_gains; i++)
		if (r->prompt_gains[i].prompt == p)
			return r->prompt_gains[i].gain;
	if (clip_lufs(r, p->path, r->p.channels, &lufs, &err) != WK_OK ||
	    !isfinite(lufs)) {
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
	    fmin(20, voice_lufs(r, v->lang, &err) - lufs))) : 0;
	return np[r->nprompt_gains++].gain;
}

static enum wk_status
silence(struct wk_spool *sp, unsigned ms, float *zeros)
{
	unsigned long long n = (unsigned long long)ms * (unsigned)sp->rate_hz / 1000;

	while (n > 0 && !sp->failed) {
		size_t k = n > CHUNK ? CHUNK : (size_t)n;

		spool_frames(sp, zeros, k);
		n -= k;
	}
	return sp->failed ? sp->err.status : WK_OK;
}

/* BS.1770 gives no loudness for less than 400 ms of sound ("Hola."):
 * measure the clip repeated to half a second instead, which has the same
 * loudness. */
static enum wk_status
short_lufs(struct wk_spool *sp, struct wk_err *err)
{
	struct wk_meter *m = wk_meter_new(sp->rate_hz, sp->channels, 0);
	size_t ch = (size_t)sp->channels, got;
	unsigned long long fed = 0, need = (unsigned long long)sp->rate_hz;
	float buf[CHUNK * 2];

	if (m == NULL)
		return wk_err_nomem(err);
	while (fed < need && sp->frames > 0) {
		if (fseeko(sp->f, 0, SEEK_SET) != 0)
			break;
		while (fed < need && (got = fread(buf, sizeof *buf * ch,
		    CHUNK * 2 / ch, sp->f)) > 0) {
			if (wk_meter_add(m, buf, got) != 0) {
				wk_meter_free(m);
				return wk_err_nomem(err);
			}
			fed += got;
		}
	}
	sp->lufs = wk_meter_lufs(m);
	wk_meter_free(m);
	return WK_OK;
}

/* An empty spool at the renderer's rate and channels. */
static enum wk_status
spool_new(struct wk_renderer *r, struct wk_spool **out, struct wk_err *err)
{
	struct wk_spool *sp;

	*out = NULL;
	if ((sp = calloc(1, sizeof *sp)) == NULL)
		return wk_err_nomem(err);
	sp->channels = r->p.channels;
	sp->rate_hz = r->p.rate_hz;
	sp->block = (size_t)(r->p.rate_hz * BLOCK_MS / 1000);
	sp->meter = wk_meter_new(r->p.rate_hz, r->p.channels, 0);
	sp->up = malloc(wk_items(CHUNK, r->p.channels) * sizeof *sp->up);
	if (sp->meter == NULL || sp->up == NULL) {
		wk_spool_free(sp);
		return wk_err_nomem(err);
	}
	if ((sp->f = tmpfile()) == NULL) {
		wk_spool_free(sp);
		return wk_err_set(err, WK_EIO, NULL, 0, 0,
		    _("cannot create a temporary file (TMPDIR): %s"),
		    strerror(errno));
	}
	*out = sp;
	return WK_OK;
}

/* Closes the envelope's last, partial block and flushes the spool. */
static enum wk_status
spool_finish(struct wk_spool *sp, struct wk_err *err)
{
	if (sp->curn > 0) {
		float *v = realloc(sp->env, (sp->nenv + 1) * sizeof *v);

		if (v == NULL)
			return wk_err_nomem(err);
		sp->env = v;
		sp->capenv = sp->nenv + 1;
		sp->env[sp->nenv++] = sp->cur;
		sp->cur = 0;
		sp->curn = 0;
	}
	if (fflush(sp->f) != 0)
		return wk_err_set(err, WK_EIO, NULL, 0, 0,
		    _("cannot write a temporary file (TMPDIR): %s"), strerror(errno));
	return WK_OK;
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
	struct wk_spool *bs = NULL, *mx = NULL;
	size_t nb = sp->nenv, b, hold = 1000 / BLOCK_MS, fade, ch = (size_t)sp->channels;
	size_t *active = NULL;
	float *g = NULL, *sbuf = NULL, *bbuf = NULL, *obuf = NULL;
	double bed_lufs, full, duck, step, cur;
	unsigned long long at = 0;
	enum wk_status st;

	if ((st = clip_lufs(r, bed->path, sp->channels, &bed_lufs, err)) != WK_OK)
		return st;
	full = isfinite(bed_lufs) && isfinite(sp->lufs) ?
	    wk_db_to_lin(fmax(-30, fmin(20, sp->lufs - bed_lufs))) : 1.0;
	duck = full * wk_db_to_lin(-bed->duck_db);
	if ((st = spool_new(r, &bs, err)) != WK_OK ||
	    (st = append_clip(r, bs, bed->path, 1.0, sp->frames, err)) != WK_OK ||
	    (st = spool_finish(bs, err)) != WK_OK ||
	    (st = spool_new(r, &mx, err)) != WK_OK)
		goto out;
	active = calloc(nb + 1, sizeof *active);
	g = calloc(nb + 1, sizeof *g);
	sbuf = malloc(CHUNK * ch * sizeof *sbuf);
	bbuf = malloc(CHUNK * ch * sizeof *bbuf);
	obuf = malloc(CHUNK * ch * sizeof *obuf);
	if (active == NULL || g == NULL || sbuf == NULL || bbuf == NULL ||
	    obuf == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	/* active[b]: speech blocks before b (a prefix sum), for the hold. */
	for (b = 0; b < nb; b++)
		active[b + 1] = active[b] + (sp->env[b] > 0.01f);
	fade = bed->fade_ms / BLOCK_MS > 0 ? bed->fade_ms / BLOCK_MS : 1;
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
	if (fseeko(sp->f, 0, SEEK_SET) != 0 || fseeko(bs->f, 0, SEEK_SET) != 0) {
		st = wk_err_set(err, WK_EIO, NULL, 0, 0,
		    _("cannot read a temporary file: %s"), strerror(errno));
		goto out;
	}
	while (at < sp->frames && st == WK_OK) {
		size_t k = sp->frames - at > CHUNK ? CHUNK : (size_t)(sp->frames - at);
		size_t kb, i, c;

		if (fread(sbuf, sizeof *sbuf * ch, k, sp->f) != k) {
			st = wk_err_set(err, WK_EIO, NULL, 0, 0, "%s",
			    _("cannot read a temporary file"));
			break;
		}
		kb = fread(bbuf, sizeof *bbuf * ch, k, bs->f);
		memset(bbuf + kb * ch, 0, (k - kb) * ch * sizeof *bbuf);
		for (i = 0; i < k; i++) {
			unsigned long long f = at + i;
			size_t blk = (size_t)(f / sp->block);
			float t = (float)(f % sp->block) / (float)sp->block;
			float gain = blk < nb ? g[blk] + (g[blk + 1] - g[blk]) * t : 0;

			for (c = 0; c < ch; c++)
				obuf[i * ch + c] = sbuf[i * ch + c] + bbuf[i * ch + c] * gain;
		}
		if (spool_frames(mx, obuf, k) != 0) {
			*err = mx->err;
			st = mx->err.status;
		}
		at += k;
	}
	if (st == WK_OK)
		st = spool_finish(mx, err);
	if (st == WK_OK) {
		/* The mix replaces the speech. */
		FILE *f = sp->f;
		float *env = sp->env;

		sp->f = mx->f;
		mx->f = f;
		sp->env = mx->env;
		mx->env = env;
		sp->nenv = mx->nenv;
		sp->capenv = mx->capenv;
		sp->frames = mx->frames;
		sp->lufs = wk_meter_lufs(mx->meter);
		sp->peak_db = env_peak_db(sp);
	}
out:
	free(active);
	free(g);
	free(sbuf);
	free(bbuf);
	free(obuf);
	wk_spool_free(bs);
	wk_spool_free(mx);
	return st;
}

enum wk_status
wk_render_segment(struct wk_renderer *r, const struct wk_seg *sg,
    struct wk_spool **out, struct wk_err *err)
{
	struct wk_spool *sp;
	enum wk_status st = WK_OK;
	const char *lang = NULL;
	size_t i;

	*out = NULL;
	if ((st = spool_new(r, &sp, err)) != WK_OK)
		return st;
	for (i = 0; i < sg->nparts; i++)
		if (sg->parts[i].kind == WK_PART_SPEECH) {
			lang = sg->parts[i].lang;
			break;
		}
	memset(r->tmp, 0, wk_items(CHUNK, r->p.channels) * sizeof *r->tmp);
	for (i = 0; i < sg->nparts && st == WK_OK; i++) {
		const struct wk_part *p = &sg->parts[i];

		switch (p->kind) {
		case WK_PART_SPEECH:
			st = speak(r, sp, p->lang, p->text, err);
			break;
		case WK_PART_PAUSE:
			memset(r->tmp, 0, wk_items(CHUNK, r->p.channels) *
			    sizeof *r->tmp);
			st = silence(sp, p->pause_ms, r->tmp);
			break;
		case WK_PART_CLIP:
			st = clip(r, sp, p->path, lang ? lang : "es", err);
			break;
		}
	}
	if (st == WK_OK)
		st = spool_finish(sp, err);
	if (st != WK_OK) {
		wk_spool_free(sp);
		return st;
	}
	sp->lufs = wk_meter_lufs(sp->meter);
	sp->peak_db = env_peak_db(sp);
	wk_meter_free(sp->meter);
	sp->meter = NULL;
	if (!isfinite(sp->lufs) && isfinite(sp->peak_db) &&
	    (st = short_lufs(sp, err)) != WK_OK) {
		wk_spool_free(sp);
		return st;
	}
	if (sg->bed.path != NULL && (st = mix_bed(r, sp, &sg->bed, err)) != WK_OK) {
		wk_spool_free(sp);
		return st;
	}
	if (!r->calibrating)
		sp->codec_comp_db = codec_loss(r, lang ? lang : "es");
	*out = sp;
	return WK_OK;
}

/* What MP3 coding takes off the loudness of speech in voice lang,
 * measured once per run on a sentence of its words: the compensation for
 * the segments that voice speaks first. */
static double
codec_loss(struct wk_renderer *r, const char *lang)
{
	size_t i;
	double loss;

	for (i = 0; i < r->ncodec; i++)
		if (strcmp(r->codec[i].lang, lang) == 0)
			return r->codec[i].value;
	loss = measure_codec_loss(r, lang);
	if (r->ncodec < sizeof r->codec / sizeof r->codec[0]) {
		snprintf(r->codec[r->ncodec].lang, sizeof r->codec[0].lang, "%s",
		    lang);
		r->codec[r->ncodec++].value = loss;
	}
	return loss;
}

static double
measure_codec_loss(struct wk_renderer *r, const char *lang)
{
	struct wk_spool *sp = NULL;
	struct wk_seg sg;
	struct wk_part part;
	struct wk_audio_stats stats;
	struct wk_voice *v;
	struct wk_buf text = WK_BUF_INIT;
	struct wk_err err;
	double loss = 0;
	FILE *f = NULL;

	memset(&stats, 0, sizeof stats);
	if ((v = wk_voiceset_get(r->voices, lang, r->d, &err)) == NULL)
		return 0;
	calib_text(v, &text);
	memset(&sg, 0, sizeof sg);
	memset(&part, 0, sizeof part);
	part.kind = WK_PART_SPEECH;
	part.lang = v->lang;
	part.text = (char *)wk_buf_str(&text);
	sg.parts = &part;
	sg.nparts = 1;
	r->calibrating = 1;
	if (!text.failed && (f = tmpfile()) != NULL &&
	    wk_render_segment(r, &sg, &sp, &err) == WK_OK) {
		double gain = r->p.target_lufs - sp->lufs;
		unsigned long long from, to;
		struct wk_audio_params vp = r->p;

		vp.verify = 1;
		if (wk_spool_trim(sp, gain, &from, &to) == 0 &&
		    wk_spool_encode_once(sp, &vp, from, to, gain,
		    sp->peak_db + INTERSAMPLE_DB + gain >
		    r->p.peak_dbtp - CODEC_MARGIN_DB,
		    vp.peak_dbtp - CODEC_MARGIN_DB, f, &stats, &err) == WK_OK &&
		    isfinite(stats.lufs) && isfinite(stats.pcm_lufs))
			loss = stats.pcm_lufs - stats.lufs;
	}
	r->calibrating = 0;
	if (loss < 0 || loss > 3)
		loss = 0;
	wk_spool_free(sp);
	if (f != NULL)
		fclose(f);
	wk_buf_free(&text);
	return loss;
}
