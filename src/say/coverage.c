/*
 * Recorded prompts and the spoken time they cover. The renderer and the
 * figures (preview, kit, report) share the matching rule here: longest run
 * of words first, and among takes of the same words the list-final one
 * ("name.final.flac") where the words end a sentence, the other elsewhere.
 * Times are estimated from letters at the voice's rate, as preview
 * estimates durations, before any audio is made.
 */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "compose.h"
#include "coverage.h"
#include "read/voice.h"

struct wk_miss {
	char *words;	/* a run of words no recording says */
	unsigned ms;	/* spoken time it takes, all occurrences */
};

struct wk_coverage {
	unsigned recorded_ms, total_ms;
	struct wk_miss *miss;	/* most time first */
	size_t nmiss;
};

/* True when p is a list-final take (its file name has ".final."). */
static int
wk_prompt_is_final(const struct wk_prompt *p)
{
	return strstr(p->path, ".final.") != NULL;
}

const struct wk_prompt *
wk_prompt_match(const struct wk_voice *v, char *const *words,
    const unsigned char *final, size_t n, size_t i)
{
	const struct wk_prompt *best = NULL;
	int best_fit = 0;
	size_t k, j;

	for (k = 0; k < v->nprompts; k++) {
		const struct wk_prompt *p = &v->prompts[k];
		int fit;

		if (p->nwords == 0 || p->vetted < 0 || p->nwords > n - i ||
		    (best && p->nwords < best->nwords))
			continue;
		for (j = 0; j < p->nwords; j++)
			if (strcmp(p->words[j], words[i + j]) != 0)
				break;
		if (j != p->nwords)
			continue;
		/* The take that fits the sentence position. */
		fit = final == NULL || !final[i + p->nwords - 1] ==
		    !wk_prompt_is_final(p);
		if (best == NULL || p->nwords > best->nwords ||
		    (fit && !best_fit)) {
			best = p;
			best_fit = fit;
		}
	}
	return best;
}

unsigned
wk_prompt_pause_ms(const struct wk_voice *v, const char *w, size_t len)
{
	int rate = v->rate_wpm > 0 ? v->rate_wpm : 150;
	unsigned ms;

	while (len > 0 && (w[len - 1] == '"' || w[len - 1] == ')' ||
	    (unsigned char)w[len - 1] == 0xBB))
		len--;
	if (len == 0)
		return 0;
	/* Measured on espeak-ng 1.51 (es-419, 150 words a minute): about
	 * 400 ms of silence after a full stop, 250 ms after a comma. */
	switch (w[len - 1]) {
	case '.': case '!': case '?':
		ms = 400;
		break;
	case ',': case ';': case ':':
		ms = 250;
		break;
	default:
		return 0;
	}
	return ms * 150u / (unsigned)rate;
}

int
wk_words_split(const char *text, struct wk_words *w)
{
	const char *p = text, *e;
	size_t cap = 0;

	memset(w, 0, sizeof *w);
	while (*p) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e && *e != ' '; e++)
			;
		if (w->n == cap) {
			size_t nc = cap ? cap * 2 : 32;
			char **a = realloc(w->raw, nc * sizeof *a);
			char **b = a ? realloc(w->folded, nc * sizeof *b) : NULL;
			unsigned char *c = b ? realloc(w->final, nc) : NULL;

			if (a)
				w->raw = a;
			if (b)
				w->folded = b;
			if (c)
				w->final = c;
			if (!a || !b || !c)
				return -1;
			cap = nc;
		}
		w->raw[w->n] = strndup(p, (size_t)(e - p));
		w->folded[w->n] = wk_prompt_word(p, (size_t)(e - p));
		w->final[w->n] = e > p && (e[-1] == '.' || e[-1] == '!' ||
		    e[-1] == '?');
		w->n++;
		if (w->raw[w->n - 1] == NULL || w->folded[w->n - 1] == NULL)
			return -1;
		p = e;
	}
	return 0;
}

void
wk_words_free(struct wk_words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		free(w->raw[i]);
		free(w->folded[i]);
	}
	free(w->raw);
	free(w->folded);
	free(w->final);
	memset(w, 0, sizeof *w);
}

unsigned
wk_word_ms(const struct wk_voice *v, const char *w)
{
	int rate = v->rate_wpm > 0 ? v->rate_wpm : 150;
	unsigned letters = 0;

	for (; *w; w++)
		letters += ((unsigned char)*w & 0xC0) != 0x80;
	/* A word of the average six letters takes 60000/rate ms. */
	return letters * 10000u / (unsigned)rate;
}

/* The recording can be read and was not refused as another voice's
 * (sound/prompts.h): only then does it say its words. */
static int
usable(const struct wk_prompt *p)
{
	return p->vetted >= 0 && access(p->path, R_OK) == 0;
}

static int
add_miss(struct wk_coverage *cov, const char *words, unsigned ms)
{
	struct wk_miss *m;
	size_t i;

	for (i = 0; i < cov->nmiss; i++)
		if (strcmp(cov->miss[i].words, words) == 0) {
			cov->miss[i].ms += ms;
			return 0;
		}
	if ((m = realloc(cov->miss, (cov->nmiss + 1) * sizeof *m)) == NULL)
		return -1;
	cov->miss = m;
	if ((m[cov->nmiss].words = strdup(words)) == NULL)
		return -1;
	m[cov->nmiss++].ms = ms;
	return 0;
}

static int
by_ms(const void *a, const void *b)
{
	const struct wk_miss *x = a, *y = b;

	return x->ms < y->ms ? 1 : x->ms > y->ms ? -1 :
	    strcmp(x->words, y->words);
}

/* The coverage of segment sg (speech in any voice of vs that has
 * prompts; a prompt whose file cannot be read does not count). Returns 0,
 * or -1 out of memory. cov belongs to the caller (wk_coverage_free). */
static int
wk_coverage_seg(const struct wk_seg *sg, struct wk_voiceset *vs,
    struct wk_coverage *cov)
{
	size_t i, k;
	int rc = 0;

	memset(cov, 0, sizeof *cov);
	for (i = 0; i < sg->nparts && rc == 0; i++) {
		const struct wk_part *p = &sg->parts[i];
		struct wk_err e;
		struct wk_voice *v;
		struct wk_words w;
		struct wk_buf run = WK_BUF_INIT;
		unsigned run_ms = 0;

		if (p->kind != WK_PART_SPEECH ||
		    (v = wk_voiceset_get(vs, p->lang, NULL, &e)) == NULL)
			continue;
		if (wk_words_split(p->text, &w) != 0)
			rc = -1;
		for (k = 0; k < w.n && rc == 0;) {
			const struct wk_prompt *pr = wk_prompt_match(v, w.folded,
			    w.final, w.n, k);
			size_t j, len = pr && usable(pr) ? pr->nwords : 1;
			unsigned ms = 0;

			for (j = k; j < k + len; j++)
				ms += wk_word_ms(v, w.folded[j]);
			cov->total_ms += ms;
			if (pr && usable(pr)) {
				cov->recorded_ms += ms;
				if (run.len > 0 && add_miss(cov, wk_buf_str(&run),
				    run_ms) != 0)
					rc = -1;
				run.len = 0;
				run_ms = 0;
			} else {
				wk_buf_printf(&run, "%s%s", run.len ? " " : "",
				    w.folded[k]);
				run_ms += ms;
				if (w.final[k] || strchr(",;:", w.raw[k][strlen(
				    w.raw[k]) - 1]) != NULL) {	/* a clause ends */
					if (add_miss(cov, wk_buf_str(&run), run_ms))
						rc = -1;
					run.len = 0;
					run_ms = 0;
				}
			}
			k += len;
		}
		if (rc == 0 && run.len > 0 && add_miss(cov, wk_buf_str(&run),
		    run_ms) != 0)
			rc = -1;
		if (run.failed)
			rc = -1;
		wk_buf_free(&run);
		wk_words_free(&w);
	}
	if (cov->nmiss > 1)
		qsort(cov->miss, cov->nmiss, sizeof *cov->miss, by_ms);
	return rc;
}

static void
wk_coverage_free(struct wk_coverage *cov)
{
	size_t i;

	for (i = 0; i < cov->nmiss; i++)
		free(cov->miss[i].words);
	free(cov->miss);
	memset(cov, 0, sizeof *cov);
}

/* True when v has a recorded prompt not refused as another voice's
 * (sound/prompts.h): a voice whose every take was refused has none. */
static int
live_prompts(const struct wk_voice *v)
{
	size_t k;

	for (k = 0; k < v->nprompts; k++)
		if (v->prompts[k].vetted >= 0)
			return 1;
	return 0;
}

/* True when a voice that speaks in sg has recorded prompts. */
static int
has_prompts(const struct wk_seg *sg, struct wk_voiceset *vs)
{
	struct wk_err e;
	struct wk_voice *v;
	size_t i;

	for (i = 0; i < sg->nparts; i++)
		if (sg->parts[i].kind == WK_PART_SPEECH &&
		    (v = wk_voiceset_get(vs, sg->parts[i].lang, NULL, &e)) &&
		    live_prompts(v))
			return 1;
	return 0;
}

int
wk_coverage_ms(const struct wk_seg *sg, struct wk_voiceset *vs,
    unsigned *recorded_ms, unsigned *spoken_ms)
{
	struct wk_coverage cov;
	int rc;

	*recorded_ms = *spoken_ms = 0;
	if (!has_prompts(sg, vs))
		return 0;
	rc = wk_coverage_seg(sg, vs, &cov);
	if (rc == 0) {
		*recorded_ms = cov.recorded_ms;
		*spoken_ms = cov.total_ms;
	}
	wk_coverage_free(&cov);
	return rc == 0 ? 1 : -1;
}

void
wk_coverage_print(const struct wk_seg *sg, struct wk_voiceset *vs, FILE *out)
{
	struct wk_coverage cov;
	size_t i;
	int any = has_prompts(sg, vs);

	if (!any || wk_coverage_seg(sg, vs, &cov) != 0 || cov.total_ms == 0) {
		if (any)
			wk_coverage_free(&cov);
		return;
	}
	fprintf(out, _("   recorded: %u %% of %.1f s"),
	    (unsigned)((cov.recorded_ms * 100ull + cov.total_ms / 2) /
	    cov.total_ms), cov.total_ms / 1000.0);
	for (i = 0; i < cov.nmiss && i < 5; i++)
		fprintf(out, "%s\"%s\" %.1f s", i == 0 ? _("; record next: ")
		    : ", ", cov.miss[i].words, cov.miss[i].ms / 1000.0);
	fputc('\n', out);
	wk_coverage_free(&cov);
}
