/*
 * `willakuy preview`: composes each language's script of a bulletin
 * exactly as `build` would (compose.c) and prints it, segment by segment,
 * with durations, before any audio is made: espeak-ng speaks each passage
 * with its voice's settings into a counter (no audio is kept), clips are
 * measured, pauses added, as rendering will.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/bulletin.h"
#include "read/clip.h"
#include "say/compose.h"
#include "say/coverage.h"
#include "lint.h"
#include "preview.h"
#include "read/site.h"
#include "read/station.h"
#include "sound/prompts.h"
#include "sound/synth.h"
#include "read/voice.h"
#include "say/verbal.h"

/* Counts what the synthesizer says, without keeping it. */
static int
count_frames(void *ud, const float *pcm, size_t n)
{
	(void)pcm;
	*(size_t *)ud += n;
	return 0;
}

static unsigned clip_ms(const char *path);

/* How long voice v takes to say text, in ms: espeak-ng speaks it (no
 * audio is kept; about a second of CPU per half hour of speech), else
 * the words are counted at the voice's rate. */
static unsigned
synth_ms(struct wk_synth *synth, const struct wk_voice *v, const char *text)
{
	struct wk_err e;
	size_t frames = 0;

	if (synth != NULL && v != NULL && wk_synth_speak(synth, v, text,
	    count_frames, &frames, &e) == WK_OK)
		return (unsigned)(frames * 1000 / (size_t)wk_synth_rate_hz(synth));
	return wk_speech_ms(text, v ? v->rate_wpm : 150);
}

/* Synthesized time of raw words [from, to) of w. */
static unsigned
run_ms(struct wk_synth *synth, const struct wk_voice *v,
    const struct wk_words *w, size_t from, size_t to)
{
	size_t i, len = 0;
	unsigned ms;
	char *t, *q;

	if (from >= to)
		return 0;
	for (i = from; i < to; i++)
		len += strlen(w->raw[i]) + 1;
	if ((t = q = malloc(len)) == NULL)
		return 0;
	for (i = from; i < to; i++)
		q += sprintf(q, "%s%s", i > from ? " " : "", w->raw[i]);
	ms = synth_ms(synth, v, t);
	free(t);
	return ms;
}

/* How long text takes as the renderer will say it: the runs of words a
 * recorded prompt says last as long as the recording and the pause after
 * it (coverage.h: the renderer's own matching rule), the rest is
 * synthesized. */
static unsigned
speech_ms(struct wk_synth *synth, const struct wk_voice *v, const char *text)
{
	struct wk_words w;
	size_t i = 0, from = 0;
	unsigned ms = 0;

	if (v == NULL || v->nprompts == 0 || wk_words_split(text, &w) != 0)
		return synth_ms(synth, v, text);
	while (i < w.n) {
		const struct wk_prompt *pr = wk_prompt_match(v, w.folded, w.final,
		    w.n, i);
		const char *last;

		if (pr == NULL) {
			i++;
			continue;
		}
		ms += run_ms(synth, v, &w, from, i);
		last = w.raw[i + pr->nwords - 1];
		ms += clip_ms(pr->path) + wk_prompt_pause_ms(v, last,
		    strlen(last));
		i += pr->nwords;
		from = i;
	}
	ms += run_ms(synth, v, &w, from, w.n);
	wk_words_free(&w);
	return ms;
}

static unsigned
clip_ms(const char *path)
{
	struct wk_clip *c;
	struct wk_err e;
	unsigned ms = 0;

	if (wk_clip_open(path, &c, &e) == WK_OK)
		ms = (unsigned)(wk_clip_frames(c) * 1000 / wk_clip_rate_hz(c));
	wk_clip_close(c);
	return ms;
}

/* "# recordings: ..." for the voice of lang when the station has a kit
 * for it (voice.h: only its own folders' are read), with the takes
 * refused as not the voice's. */
static void
kit_line(struct wk_voiceset *vs, const char *lang, FILE *out)
{
	struct wk_err e;
	struct wk_voice *v = wk_voiceset_get(vs, lang, NULL, &e);
	size_t k, refused = 0;

	if (v == NULL || v->nprompts == 0)
		return;
	for (k = 0; k < v->nprompts; k++)
		refused += v->prompts[k].vetted < 0;
	fprintf(out, _("# recordings: %zu takes of %s, %zu refused\n"),
	    v->nprompts, v->prompts_path, refused);
}

static void
print_script(const struct wk_script *s, struct wk_voiceset *vs,
    struct wk_synth *synth, unsigned seg_pause_ms, FILE *out)
{
	size_t i, j;
	unsigned total = 0;

	fprintf(out, "# %s (%s): %s\n", s->bulletin, s->lang, s->title);
	kit_line(vs, s->lang, out);
	for (i = 0; i < s->nsegs; i++) {
		const struct wk_seg *sg = &s->segs[i];
		unsigned ms = 0;

		for (j = 0; j < sg->nparts; j++) {
			const struct wk_part *p = &sg->parts[j];
			struct wk_err e;
			struct wk_voice *v;

			if (p->kind == WK_PART_SPEECH) {
				v = wk_voiceset_get(vs, p->lang, NULL, &e);
				ms += speech_ms(synth, v, p->text);
			} else if (p->kind == WK_PART_PAUSE)
				ms += p->pause_ms;
			else
				ms += clip_ms(p->path);
		}
		total += ms + (i > 0 ? seg_pause_ms : 0);
		fprintf(out, "\n## %02zu %s  (~%u s)\n", i + 1, sg->id,
		    (ms + 500) / 1000);
		if (sg->note != NULL)
			fprintf(out, _("   note: %s\n"), sg->note);
		wk_coverage_print(sg, vs, out);	/* recorded prompts */
		fputc('\n', out);
		for (j = 0; j < sg->nparts; j++) {
			const struct wk_part *p = &sg->parts[j];

			if (p->kind == WK_PART_SPEECH)
				fprintf(out, "%s%s%s%s\n", strcmp(p->lang, s->lang) ? "[" : "",
				    strcmp(p->lang, s->lang) ? p->lang : "",
				    strcmp(p->lang, s->lang) ? "] " : "", p->text);
			else if (p->kind == WK_PART_PAUSE)
				fprintf(out, _("  (pause %u ms)\n"), p->pause_ms);
			else
				fprintf(out, _("  (clip %s)\n"), p->path);
		}
	}
	fprintf(out, _("\n# total ~%u min %02u s\n\n"), total / 60000,
	    (total / 1000) % 60);
}

/* Lists the tokens of the bulletin's texts in lang (NULL: all) that the
 * voice can only say neutrally, with file:line, as check does. */
static void
unsaid_words(const struct wk_bulletin *b, const char *lang,
    struct wk_voiceset *voices, char mark, struct wk_diags *d)
{
	size_t i, j, k, n;

	for (i = 0; i < b->nsegs; i++)
		for (j = 0; j < b->segs[i].nitems; j++) {
			const struct wk_item *it = &b->segs[i].items[j];
			struct wk_unsaid *u = NULL;
			struct wk_voice *v;
			struct wk_err e;

			if (it->kind != WK_ITEM_SAY || it->text == NULL ||
			    (lang != NULL && strcmp(it->lang, lang) != 0) ||
			    (v = wk_voiceset_get(voices, it->lang, NULL, &e)) == NULL ||
			    wk_verbal_unsaid(v, it->text, mark, &u, &n) != 0)
				continue;
			for (k = 0; k < n; k++)
				wk_diag(d, WK_WARNING, b->path, it->pos.line,
				    it->pos.col, _(wk_unsaid_message(&u[k])),
				    (int)(u[k].len < 40 ? u[k].len : 40),
				    it->text + u[k].off);
			free(u);
		}
}

enum wk_status
wk_preview(const char *path, const char *lang, const char *station_path,
    struct wk_date date, FILE *out, struct wk_diags *d, struct wk_err *err)
{
	struct wk_site *site = NULL;
	struct wk_bulletin *b = NULL;
	struct wk_compose comp;
	struct wk_synth *synth = NULL;
	struct wk_err e2;
	enum wk_status st;
	size_t i, k;

	memset(&comp, 0, sizeof comp);
	if ((st = wk_site_open(station_path, 0, d, &site, err)) != WK_OK ||
	    (st = wk_bulletin_load(path, &b, d, err)) != WK_OK)
		goto out;
	wk_lint_bulletin(b, d);	/* what check says of it, dates included */
	if ((st = wk_compose_open(&comp, site, date, NULL, d, err)) != WK_OK)
		goto out;
	/* Without espeak-ng the words are counted instead. */
	if (wk_synth_new(&synth, &e2) != WK_OK)
		synth = NULL;
	if (lang != NULL) {
		for (i = 0; i < b->nlangs; i++)
			if (strcmp(b->langs[i], lang) == 0)
				break;
		if (i == b->nlangs) {
			st = wk_err_set(err, WK_EUSAGE, path, 0, 0,
			    _("this bulletin is not in '%s'"), lang);
			goto out;
		}
	}
	unsaid_words(b, lang, &site->voices, site->station->decimal_mark, d);
	for (i = 0; i < b->nlangs && st == WK_OK; i++) {
		struct wk_script *s;

		if (lang != NULL && strcmp(lang, b->langs[i]) != 0)
			continue;
		if ((st = wk_compose(&comp, b, b->langs[i], &s, err)) == WK_OK) {
			/* Refused recordings say nothing (prompts.h). */
			for (k = 0; synth != NULL && k < site->voices.n; k++)
				wk_prompts_vet(site->voices.v[k], synth, NULL, d);
			print_script(s, &site->voices, synth,
			    site->station->segment_pause_ms, out);
		}
		wk_script_free(s);
	}
out:
	wk_synth_free(synth);
	wk_compose_close(&comp);
	wk_bulletin_free(b);
	wk_site_free(site);
	return st;
}
