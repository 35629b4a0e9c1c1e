/*
 * Recorded prompts spliced into synthesized speech: the line is said
 * whole by espeak-ng (synth.c) into memory, with where each word starts;
 * the runs of words a recording says are cut out and the recordings
 * (prepared by asset.c) put in their place, each as loud as the voice's
 * own words it replaces (BS.1770 loudness of both, trimmed, by dsp.c), so
 * that no join steps in level. The rest goes to the spool as it was said.
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "calib.h"
#include "say/coverage.h"
#include "dsp.h"
#include "prompts.h"
#include "splice.h"
#include "spool.h"
#include "synth.h"
#include "read/voice.h"

/* Longest line held whole, in bytes of text (about two minutes of
 * speech, 10 MB of samples); a longer one is synthesized as it comes,
 * without recordings. */
#define SPLICE_MAX_TEXT 2048
/* Level, below a piece's peak, under which its ends are silence. */
#define PROMPT_SILENCE_DB 40
/* A word espeak-ng did not say a start for. */
#define NO_SAMPLE (~0ULL)

/* A recording's loudness, trimmed, measured once per run. */
struct rec {
	const struct wk_prompt *prompt;
	double lufs;		/* -HUGE_VAL: it cannot be used */
};

struct wk_splicer {
	struct wk_audio_params p;
	struct wk_synth *synth;
	const struct wk_calib *calib;
	struct wk_diags *d;
	struct wk_resampler *rs;	/* synthesizer rate -> station rate */
	struct rec *recs;
	size_t nrecs;
};

/* A line: its words (folded, for matching), where each starts and ends
 * in the text, and where each starts in the speech, held in pcm. */
struct line {
	const char *text;
	char **words;
	const char **start, **end;
	unsigned long long *at;
	size_t n, cap, hint;
	float *pcm;
	size_t npcm, cappcm;
	int nomem;
};

enum wk_status
wk_splicer_new(const struct wk_audio_params *p, struct wk_synth *synth,
    const struct wk_calib *calib, struct wk_diags *d, struct wk_splicer **out,
    struct wk_err *err)
{
	struct wk_splicer *s;
	enum wk_status st;

	*out = NULL;
	if ((s = calloc(1, sizeof *s)) == NULL)
		return wk_err_nomem(err);
	s->p = *p;
	s->synth = synth;
	s->calib = calib;
	s->d = d;
	if ((st = wk_resampler_new(wk_synth_rate_hz(synth), p->rate_hz, 1,
	    &s->rs, err)) != WK_OK) {
		free(s);
		return st;
	}
	*out = s;
	return WK_OK;
}

void
wk_splicer_free(struct wk_splicer *s)
{
	if (s == NULL)
		return;
	wk_resampler_free(s->rs);
	free(s->recs);
	free(s);
}

static void
line_free(struct line *l)
{
	while (l->n > 0)
		free(l->words[--l->n]);
	free(l->words);
	free(l->start);
	free(l->end);
	free(l->at);
	free(l->pcm);
}

/* Splits the line into words at spaces. */
static enum wk_status
words(struct line *l, const char *text, struct wk_err *err)
{
	const char *p = text, *e;

	l->text = text;
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return WK_OK;
		for (e = p; *e && *e != ' '; e++)
			;
		if (l->n == l->cap) {
			size_t nc = l->cap ? l->cap * 2 : 32;
			void *a = realloc(l->words, nc * sizeof *l->words);
			void *b = a ? realloc(l->start, nc * sizeof *l->start)
			    : NULL;
			void *c = b ? realloc(l->end, nc * sizeof *l->end) : NULL;
			void *d = c ? realloc(l->at, nc * sizeof *l->at) : NULL;

			if (a)
				l->words = a;
			if (b)
				l->start = b;
			if (c)
				l->end = c;
			if (d)
				l->at = d;
			if (!d)
				return wk_err_nomem(err);
			l->cap = nc;
		}
		l->start[l->n] = p;
		l->end[l->n] = e;
		l->at[l->n] = NO_SAMPLE;
		if ((l->words[l->n] = wk_prompt_word(p, (size_t)(e - p))) == NULL)
			return wk_err_nomem(err);
		l->n++;
		p = e;
	}
}

/* The prompt that says the most words from word i, or NULL; the
 * list-final take where the words end a sentence (coverage.c). */
static const struct wk_prompt *
match(const struct wk_voice *v, const struct line *l, size_t i)
{
	unsigned char fin[64];
	size_t j;

	memset(fin, 0, sizeof fin);
	for (j = i; j < l->n && j - i < sizeof fin; j++)
		fin[j - i] = l->end[j][-1] == '.' || l->end[j][-1] == '!' ||
		    l->end[j][-1] == '?';
	return wk_prompt_match(v, l->words + i, fin, l->n - i < sizeof fin ?
	    l->n - i : sizeof fin, 0);
}

/* The frames [*from, *to) of pcm (n frames of ch channels) between its
 * leading and trailing silence. */
static void
trim(const float *pcm, size_t n, size_t ch, size_t *from, size_t *to)
{
	float peak = 0, floor_;
	size_t i, k;

	for (i = 0; i < n * ch; i++)
		peak = fabsf(pcm[i]) > peak ? fabsf(pcm[i]) : peak;
	floor_ = peak * (float)wk_db_to_lin(-PROMPT_SILENCE_DB);
	for (*from = 0; *from < n; (*from)++) {
		for (k = 0; k < ch && fabsf(pcm[*from * ch + k]) <= floor_; k++)
			;
		if (k < ch)
			break;
	}
	for (*to = n; *to > *from; (*to)--) {
		for (k = 0; k < ch && fabsf(pcm[(*to - 1) * ch + k]) <= floor_; k++)
			;
		if (k < ch)
			break;
	}
}

/* Recorded prompt p, prepared at the station's rate and channels, read
 * whole into *pcm (the caller frees it) and trimmed to [*from, *to). */
static enum wk_status
take(struct wk_splicer *s, struct wk_assets *assets, const struct wk_prompt *p,
    float **pcm, size_t *from, size_t *to, struct wk_err *err)
{
	const struct wk_asset *as;
	size_t ch = (size_t)s->p.channels, cap, n = 0;
	enum wk_status st;
	long got = 0;

	*pcm = NULL;
	if ((st = wk_assets_get(assets, p->path, s->p.rate_hz, s->p.channels,
	    &as, err)) != WK_OK)
		return st;
	cap = (size_t)s->p.rate_hz * WK_PROMPT_MAX_S;
	if (as->frames > cap)
		return wk_err_set(err, WK_EAUDIO, p->path, 0, 0,
		    _("the recording is longer than %d s; a prompt is a word "
		    "or a phrase"), WK_PROMPT_MAX_S);
	if (as->frames < cap)
		cap = as->frames > 0 ? (size_t)as->frames : 1;
	if ((*pcm = malloc(wk_items(cap, s->p.channels) * sizeof **pcm)) == NULL)
		return wk_err_nomem(err);
	while (n < cap && (got = wk_asset_read(as, n, *pcm + n * ch,
	    cap - n > WK_CHUNK ? WK_CHUNK : cap - n)) > 0)
		n += (size_t)got;
	if (got < 0) {
		free(*pcm);
		*pcm = NULL;
		return wk_err_set(err, WK_EIO, p->path, 0, 0, "%s",
		    _("cannot read the prepared clip again"));
	}
	trim(*pcm, n, ch, from, to);
	return WK_OK;
}

/* The loudness of recording p, trimmed; -HUGE_VAL (with a warning, once)
 * when it cannot be used, and then its words are synthesized. NAN when out
 * of memory. */
static double
rec_lufs(struct wk_splicer *s, struct wk_assets *assets,
    const struct wk_voice *v, const struct wk_prompt *p)
{
	struct wk_err err;
	float *pcm = NULL;
	double lufs = -HUGE_VAL;
	size_t i, from, to;
	struct rec *nr;
	enum wk_status st;

	for (i = 0; i < s->nrecs; i++)
		if (s->recs[i].prompt == p)
			return s->recs[i].lufs;
	if ((st = take(s, assets, p, &pcm, &from, &to, &err)) == WK_OK &&
	    wk_piece_lufs(pcm + from * (size_t)s->p.channels, to - from,
	    s->p.rate_hz, s->p.channels, &lufs) != 0)
		st = wk_err_nomem(&err);
	free(pcm);
	if (st == WK_ENOMEM)
		return NAN;
	if (st == WK_OK && !isfinite(lufs))
		wk_err_set(&err, WK_EAUDIO, p->path, 0, 0, "%s",
		    _("the recording is silent"));
	if (!isfinite(lufs))
		wk_diag(s->d, WK_WARNING, v->prompts_path, p->line, 1,
		    _("recorded prompt %s cannot be used (%s); its words are "
		    "synthesized"), p->path, err.msg);
	if ((nr = realloc(s->recs, (s->nrecs + 1) * sizeof *nr)) == NULL)
		return NAN;
	s->recs = nr;
	nr[s->nrecs].prompt = p;
	nr[s->nrecs].lufs = isfinite(lufs) ? lufs : -HUGE_VAL;
	return nr[s->nrecs++].lufs;
}

/* The speech, gathered. */
static int
gather(void *ud, const float *pcm, size_t n)
{
	struct line *l = ud;

	if (n > l->cappcm - l->npcm) {
		size_t nc = l->cappcm ? l->cappcm : 1 << 16;
		float *np;

		while (nc - l->npcm < n)
			nc *= 2;
		if ((np = realloc(l->pcm, nc * sizeof *np)) == NULL) {
			l->nomem = 1;
			return 1;
		}
		l->pcm = np;
		l->cappcm = nc;
	}
	memcpy(l->pcm + l->npcm, pcm, n * sizeof *pcm);
	l->npcm += n;
	return 0;
}

/* A word starts: the line's word that holds `at` (an event that points
 * between words, as espeak-ng gives for some symbols, tells nothing). */
static void
word_at(void *ud, size_t at, unsigned long long sample)
{
	struct line *l = ud;
	size_t i = l->hint;

	if (i > 0 && (size_t)(l->end[i - 1] - l->text) > at)
		i = 0;		/* out of order: look from the start */
	while (i < l->n && (size_t)(l->end[i] - l->text) <= at)
		i++;
	if (i < l->n && (size_t)(l->start[i] - l->text) <= at &&
	    l->at[i] == NO_SAMPLE)
		l->at[i] = sample;
	l->hint = i;
}

/* n samples of the voice's speech, resampled to the station's rate. */
static enum wk_status
speech(struct wk_splicer *s, struct wk_spool *sp, const float *pcm, size_t n,
    struct wk_err *err)
{
	if (n == 0)
		return WK_OK;
	wk_resampler_reset(s->rs);
	if (wk_resample(s->rs, pcm, n, wk_spool_write_mono, sp) == 0 &&
	    wk_resample(s->rs, NULL, 0, wk_spool_write_mono, sp) == 0)
		return WK_OK;
	if (sp->failed) {
		*err = sp->err;
		return err->status;
	}
	return wk_err_set(err, WK_EAUDIO, NULL, 0, 0, "%s",
	    _("the resampler failed"));
}

/* n samples of silence at the synthesizer's rate. */
static enum wk_status
hush(struct wk_splicer *s, struct wk_spool *sp, size_t n, struct wk_err *err)
{
	unsigned ms = (unsigned)((n * 1000 + (size_t)wk_synth_rate_hz(s->synth)
	    / 2) / (size_t)wk_synth_rate_hz(s->synth));

	return ms > 0 ? wk_spool_silence(sp, ms, err) : WK_OK;
}

/*
 * Puts recording p in place of the speech [a, b) of the line: the
 * silence the voice left before its words, the recording (trimmed,
 * crossfaded at both ends by the spool) as loud as those words, then
 * the silence the voice left after them.
 */
static enum wk_status
replace(struct wk_splicer *s, struct wk_assets *assets, struct wk_spool *sp,
    const struct wk_voice *v, const struct wk_prompt *p, double lufs,
    const struct line *l, size_t a, size_t b, struct wk_err *err)
{
	const struct wk_calib_voice *cv = wk_calib_get(s->calib, v->lang);
	size_t ch = (size_t)s->p.channels, from, to, i, f, t;
	double ref = -HUGE_VAL;
	float *pcm, gain;
	enum wk_status st;

	trim(l->pcm + a, b - a, 1, &f, &t);
	if (t > f && wk_piece_lufs(l->pcm + a + f, t - f,
	    wk_synth_rate_hz(s->synth), 1, &ref) != 0)
		return wk_err_nomem(err);
	if (!isfinite(ref) && cv != NULL)
		ref = cv->voice_lufs;	/* words it did not say: the voice */
	/* Speech is written to every channel: BS.1770 adds their power. */
	ref += 10 * log10(s->p.channels);
	gain = (float)wk_match_gain(ref, lufs);
	if ((st = hush(s, sp, f, err)) != WK_OK ||
	    (st = take(s, assets, p, &pcm, &from, &to, err)) != WK_OK)
		return st;
	wk_diag(s->d, WK_NOTE, v->prompts_path, p->line, 1,
	    _("recorded prompt %s spliced in"), p->path);
	wk_spool_join(sp);
	for (i = from; i < to && st == WK_OK; i += WK_CHUNK) {
		size_t m = to - i > WK_CHUNK ? WK_CHUNK : to - i;

		if (wk_spool_write_scaled(sp, pcm + i * ch, m, gain)) {
			*err = sp->err;
			st = sp->err.status;
		}
	}
	free(pcm);
	wk_spool_join(sp);
	return st == WK_OK ? hush(s, sp, b - a - t, err) : st;
}

enum wk_status
wk_splice(struct wk_splicer *s, struct wk_assets *assets, struct wk_spool *sp,
    const struct wk_voice *v, const char *text, int *done, struct wk_err *err)
{
	struct line l;
	const struct wk_prompt *pr;
	size_t i, c = 0, any = 0;
	enum wk_status st;
	double lufs = 0;

	*done = 0;
	memset(&l, 0, sizeof l);
	if (strlen(text) > SPLICE_MAX_TEXT)
		return WK_OK;
	if ((st = words(&l, text, err)) != WK_OK)
		goto out;
	for (i = 0; i < l.n && !any; i++)
		any = match(v, &l, i) != NULL;
	if (!any)
		goto out;
	st = wk_synth_speak_words(s->synth, v, text, gather, word_at, &l, err);
	if (l.nomem)
		st = wk_err_nomem(err);
	if (st != WK_OK)
		goto out;
	for (i = 0; i < l.n && st == WK_OK; ) {
		size_t a, b;

		if ((pr = match(v, &l, i)) == NULL ||
		    !isfinite(lufs = rec_lufs(s, assets, v, pr)) ||
		    (a = l.at[i]) == NO_SAMPLE || a < c || a > l.npcm ||
		    (b = i + pr->nwords < l.n ? l.at[i + pr->nwords] : l.npcm) ==
		    NO_SAMPLE || b <= a || b > l.npcm) {
			if (pr != NULL && isnan(lufs)) {
				st = wk_err_nomem(err);
				break;
			}
			i++;	/* said by the voice */
			continue;
		}
		if ((st = speech(s, sp, l.pcm + c, a - c, err)) == WK_OK)
			st = replace(s, assets, sp, v, pr, lufs, &l, a, b, err);
		c = b;
		i += pr->nwords;
	}
	if (st == WK_OK)
		st = speech(s, sp, l.pcm + c, l.npcm - c, err);
	*done = 1;
out:
	line_free(&l);
	return st;
}
