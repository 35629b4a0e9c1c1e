/*
 * A voice's recorded prompts checked against the voice (prompts.h): each
 * recording is read whole (clip.c, mixed to mono), the voice says the same
 * words (synth.c), both are measured (voicematch.c) and the recording is
 * judged against the voice. The verdict and the figures behind it are
 * kept as a record of the cache (cache.c), so that the warnings are the
 * same in every run and the measuring is done once per file.
 */

#include <sys/stat.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/hash.h"
#include "prompts.h"
#include "read/clip.h"
#include "read/voice.h"
#include "synth.h"
#include "voicematch.h"

/* Part of the key of a verdict: raise it when voicematch.c measures or
 * judges differently. */
#define VET_VERSION "2"

/* Audio gathered whole. */
struct pcm {
	float *v;
	size_t n, cap;
	int nomem;
};

static int
gather(void *ud, const float *x, size_t n)
{
	struct pcm *p = ud;

	if (n > p->cap - p->n) {
		size_t nc = p->cap ? p->cap : 1 << 14;
		float *nv;

		while (nc - p->n < n)
			nc *= 2;
		if ((nv = realloc(p->v, nc * sizeof *nv)) == NULL) {
			p->nomem = 1;
			return 1;
		}
		p->v = nv;
		p->cap = nc;
	}
	memcpy(p->v + p->n, x, n * sizeof *x);
	p->n += n;
	return 0;
}

/* The recording at path, mono, into *out at *rate_hz. WK_EAUDIO with
 * the reason, or WK_ENOMEM. */
static enum wk_status
read_take(const char *path, struct pcm *out, int *rate_hz, struct wk_err *err)
{
	struct wk_clip *c = NULL;
	enum wk_status st;
	long got = 0;

	if ((st = wk_clip_open(path, &c, err)) != WK_OK)
		return st == WK_ENOMEM ? st : (err->status = WK_EAUDIO);
	*rate_hz = wk_clip_rate_hz(c);
	if (wk_clip_frames(c) > (long long)*rate_hz * WK_PROMPT_MAX_S) {
		wk_clip_close(c);
		return wk_err_set(err, WK_EAUDIO, path, 0, 0,
		    _("the recording is longer than %d s; a prompt is a word "
		    "or a phrase"), WK_PROMPT_MAX_S);
	}
	if ((out->v = malloc((size_t)wk_clip_frames(c) * sizeof *out->v)) == NULL) {
		wk_clip_close(c);
		return wk_err_nomem(err);
	}
	out->cap = (size_t)wk_clip_frames(c);
	while (out->n < out->cap && (got = wk_clip_read(c, out->v + out->n,
	    out->cap - out->n, 1, err)) > 0)
		out->n += (size_t)got;
	st = got < 0 ? (err->status = WK_EAUDIO) : WK_OK;
	wk_clip_close(c);
	return st;
}

/* The words of p as the voice says them where p is spliced: ending a
 * sentence for a list-final take ("name.final.wav", falling), else going
 * on (a comma); NULL out of memory. */
static char *
words_of(const struct wk_prompt *p)
{
	struct wk_buf b = WK_BUF_INIT;
	size_t i;

	for (i = 0; i < p->nwords; i++)
		wk_buf_printf(&b, "%s%s", i ? " " : "", p->words[i]);
	wk_buf_puts(&b, strstr(p->path, ".final.") != NULL ? "." : ",");
	if (b.failed || b.len == 0) {
		wk_buf_free(&b);
		return NULL;
	}
	return wk_buf_steal(&b);
}

/* The cache key of p's verdict: the file, its words, the voice. */
static void
vet_key(const struct wk_voice *v, const struct wk_prompt *p,
    const struct stat *id, const char *words, wk_key key)
{
	struct wk_buf b = WK_BUF_INIT;

	wk_buf_printf(&b, "willakuy voicematch %s\nespeak-ng %s\n%s %d %d\n"
	    "%s\n%llu %llu %lld %lld.%09ld\n%s\n", VET_VERSION,
	    wk_synth_version(), v->espeak, v->rate_wpm, v->pitch, p->path,
	    (unsigned long long)id->st_dev, (unsigned long long)id->st_ino,
	    (long long)id->st_size, (long long)id->st_mtim.tv_sec,
	    id->st_mtim.tv_nsec, words);
	/* On allocation failure the key is of a partial text: a miss. */
	wk_key_of(wk_buf_str(&b), b.len, key);
	wk_buf_free(&b);
}

#define RECORD "voicematch %d %lf %lf %lf %lf %lf %lf %zu %lf %lf"

static void
record_of(int verdict, const struct wk_voicematch *rec,
    const struct wk_voicematch *voice, char *out, size_t size)
{
	snprintf(out, size, "voicematch %d %.2f %.2f %.4f %.4f %.2f %.3f %zu "
	    "%.2f %.2f", verdict, rec->peak_db, rec->lufs, rec->voiced,
	    rec->tonal, rec->f0_hz, rec->f0_spread, rec->nvoiced, voice->lufs,
	    voice->f0_hz);
}

static int
parse_record(const char *s, int *verdict, struct wk_voicematch *rec,
    struct wk_voicematch *voice)
{
	memset(rec, 0, sizeof *rec);
	memset(voice, 0, sizeof *voice);
	return sscanf(s, RECORD, verdict, &rec->peak_db, &rec->lufs,
	    &rec->voiced, &rec->tonal, &rec->f0_hz, &rec->f0_spread,
	    &rec->nvoiced, &voice->lufs, &voice->f0_hz) == 10 &&
	    *verdict >= WK_VM_MATCH &&
	    *verdict <= WK_VM_PITCH ? 0 : -1;
}

/* The refused prompts of one check, for the one line the run's summary
 * gives them (causes.c keys other warnings by message: each file's would
 * be a line of its own). */
struct refused {
	struct wk_buf names;	/* the first few, by file name */
	size_t n;
};

#define NAMES 5

/* A warning that p cannot be used, for why; attributed to v's index as a
 * whole, so that the summary counts it in the voice's line. */
static void
refuse(struct wk_diags *d, const struct wk_voice *v, const struct wk_prompt *p,
    const char *why, struct refused *r)
{
	const char *base = strrchr(p->path, '/');
	size_t n = d != NULL ? d->n : 0;

	wk_diag(d, WK_WARNING, v->prompts_path, p->line, 1,
	    _("recorded prompt %s cannot be used (%s); its words are "
	    "synthesized"), p->path, why);
	if (d != NULL && d->n > n)
		wk_diag_set_cause(d, d->n - 1, WK_CAUSE_OTHER, v->prompts_path);
	if (r->n++ < NAMES)
		wk_buf_printf(&r->names, "%s%s", r->n > 1 ? ", " : "",
		    base != NULL ? base + 1 : p->path);
}

/* Says what became of p: a note when it matches, else a warning. */
static void
tell(struct wk_diags *d, const struct wk_voice *v, const struct wk_prompt *p,
    int verdict, const struct wk_voicematch *rec,
    const struct wk_voicematch *voice, struct refused *r)
{
	char why[320];

	switch (verdict) {
	case WK_VM_MATCH:
		if (rec->f0_hz > 0 && voice->f0_hz > 0)
			wk_diag(d, WK_NOTE, v->prompts_path, p->line, 1,
			    _("recorded prompt %s matches the voice: %.0f Hz, "
			    "and the voice says the same words at %.0f Hz"),
			    p->path, rec->f0_hz, voice->f0_hz);
		else
			wk_diag(d, WK_NOTE, v->prompts_path, p->line, 1,
			    _("recorded prompt %s taken: the voice says its "
			    "words too briefly to compare their pitch"), p->path);
		return;
	case WK_VM_SILENT:
		if (isfinite(rec->peak_db))
			snprintf(why, sizeof why, _("the recording is silent: its "
			    "loudest sound is at %.0f dBFS"), rec->peak_db);
		else
			snprintf(why, sizeof why, "%s", _("the recording is "
			    "silent"));
		break;
	case WK_VM_TONE:
		snprintf(why, sizeof why, _("the recording is a steady tone (%.0f "
		    "%% of it), not speech"), 100 * rec->tonal);
		break;
	case WK_VM_STEADY:
		snprintf(why, sizeof why, _("the recording is a steady buzz or "
		    "hum at %.0f Hz (its pitch does not move), not speech"),
		    rec->f0_hz);
		break;
	case WK_VM_NOSPEECH:
		snprintf(why, sizeof why, _("the recording is not speech: only "
		    "%.0f %% of it is voiced (noise, hum or clicks?)"),
		    100 * rec->voiced);
		break;
	case WK_VM_QUIET:
		snprintf(why, sizeof why, _("the recording is %.0f dB quieter "
		    "than the voice saying the same words; record it again "
		    "closer to the microphone"), voice->lufs - rec->lufs);
		break;
	default:
		snprintf(why, sizeof why, _("its pitch is %.0f Hz and the voice "
		    "says the same words at %.0f Hz, %.1f semitones apart (at most "
		    "%.0f): another speaker; record it in the station's voice, or "
		    "bring the voice's pitch closer in voice.xml"), rec->f0_hz,
		    voice->f0_hz, wk_voicematch_semitones(rec, voice),
		    WK_VOICEMATCH_MAX_SEMITONES);
		break;
	}
	refuse(d, v, p, why, r);
}

/* Measures p and the voice saying its words; the verdict, or -1 with err
 * set (WK_EAUDIO: p cannot be used, the reason in err; WK_ENOMEM). A
 * voice that cannot say the words leaves voice unmeasured (*keep 0: the
 * verdict is not kept). */
static int
judge(struct wk_voice *v, const struct wk_prompt *p, struct wk_synth *synth,
    const char *words, struct wk_voicematch *rec, struct wk_voicematch *voice,
    int *keep, struct wk_err *err)
{
	struct pcm take = { NULL, 0, 0, 0 }, said = { NULL, 0, 0, 0 };
	struct wk_err e2;
	int rate, verdict = -1;

	memset(voice, 0, sizeof *voice);
	voice->peak_db = voice->lufs = -HUGE_VAL;
	*keep = 1;
	if (read_take(p->path, &take, &rate, err) != WK_OK)
		goto out;
	if (wk_voicematch_measure(take.v, take.n, rate, rec) != 0) {
		wk_err_nomem(err);
		goto out;
	}
	if (wk_synth_speak(synth, v, words, gather, &said, &e2) != WK_OK ||
	    said.nomem) {
		if (said.nomem) {
			wk_err_nomem(err);
			goto out;
		}
		*keep = 0;	/* the voice's own failure, said elsewhere */
	} else if (wk_voicematch_measure(said.v, said.n,
	    wk_synth_rate_hz(synth), voice) != 0) {
		wk_err_nomem(err);
		goto out;
	}
	verdict = (int)wk_voicematch_judge(rec, voice);
out:
	free(take.v);
	free(said.v);
	return verdict;
}

void
wk_prompts_vet(struct wk_voice *v, struct wk_synth *synth,
    struct wk_cache *cache, struct wk_diags *d)
{
	struct wk_voicematch rec, voice;
	struct wk_err err, e2;
	struct refused r = { WK_BUF_INIT, 0 };
	char rbuf[256];
	size_t k;
	int oom = 0;

	for (k = 0; k < v->nprompts; k++) {
		struct wk_prompt *p = &v->prompts[k];
		struct stat id;
		char *words;
		wk_key key;
		int verdict, keep;

		if (p->vetted != 0)
			continue;
		p->vetted = -1;
		if (oom || stat(p->path, &id) != 0)
			continue;	/* missing: the voice's loader said so */
		if ((words = words_of(p)) == NULL) {
			oom = 1;
			continue;
		}
		vet_key(v, p, &id, words, key);
		if (cache != NULL && wk_cache_get_record(cache, key, rbuf,
		    sizeof rbuf) && parse_record(rbuf, &verdict, &rec,
		    &voice) == 0) {
			free(words);
			p->vetted = verdict == WK_VM_MATCH ? 1 : -1;
			tell(d, v, p, verdict, &rec, &voice, &r);
			continue;
		}
		verdict = judge(v, p, synth, words, &rec, &voice, &keep, &err);
		free(words);
		if (verdict < 0 && err.status == WK_ENOMEM) {
			oom = 1;
			continue;
		}
		if (verdict < 0) {
			refuse(d, v, p, err.msg, &r);
			continue;
		}
		p->vetted = verdict == WK_VM_MATCH ? 1 : -1;
		tell(d, v, p, verdict, &rec, &voice, &r);
		if (cache != NULL && keep) {
			record_of(verdict, &rec, &voice, rbuf, sizeof rbuf);
			if (wk_cache_put_record(cache, key, rbuf, &e2) != WK_OK)
				wk_diag(d, WK_WARNING, NULL, 0, 0, "%s", e2.msg);
		}
	}
	if (r.n > NAMES)
		wk_buf_printf(&r.names, _(" and %zu more"), r.n - NAMES);
	if (r.n > 0)
		wk_diag(d, WK_WARNING, v->prompts_path, 0, 0,
		    _("%zu recorded prompt(s) of voice '%s' cannot be used, "
		    "and their words are synthesized: %s (`willakuy preview` "
		    "says why for each)"), r.n, v->lang,
		    r.names.failed ? "" : wk_buf_str(&r.names));
	wk_buf_free(&r.names);
	if (oom)
		wk_diag(d, WK_WARNING, v->prompts_path, 0, 0, "%s",
		    _("out of memory: recorded prompts that could not be "
		    "checked against the voice are not used; their words are "
		    "synthesized"));
}
