/*
 * `willakuy kit`: composes bulletins as `build` would and cuts what they
 * say into recordable pieces. Price segments are cut at the names the
 * catalogue, the units and the style's frames know (longest first) and
 * into single words elsewhere (numbers, money words), so that the pieces
 * combine into any day's prices; other segments' clauses are recorded
 * whole. A piece said both inside a list and at its end gets two takes
 * ("x.wav" and "x.final.wav"): the voice falls at the end of a list.
 */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "read/bulletin.h"
#include "read/catalog.h"
#include "say/compose.h"
#include "say/coverage.h"
#include "kit.h"
#include "base/paths.h"
#include "base/safedir.h"
#include "read/site.h"
#include "read/style.h"
#include "read/voice.h"

struct piece {
	char *words;		/* folded, space-separated */
	unsigned mid_ms, fin_ms;	/* time it says, by position */
	unsigned nmid, nfin;
};

struct kit {
	const struct wk_voice *v;
	char *home;		/* where the station keeps this voice's
				 * recordings: FOLDER/LANG/prompts/ */
	char **dict;		/* known phrases, folded */
	size_t ndict;
	struct piece *p;
	size_t np;
	int failed;
};

static void
dict_add(struct kit *k, const char *text)
{
	struct wk_words w;
	struct wk_buf b = WK_BUF_INIT;
	char **nd;
	size_t i;

	if (text == NULL || wk_words_split(text, &w) != 0) {
		k->failed |= text != NULL;
		return;
	}
	for (i = 0; i < w.n; i++)
		if (*w.folded[i])
			wk_buf_printf(&b, "%s%s", b.len ? " " : "", w.folded[i]);
	wk_words_free(&w);
	if (b.len == 0 || b.failed ||
	    (nd = realloc(k->dict, (k->ndict + 1) * sizeof *nd)) == NULL) {
		k->failed |= b.failed;
		wk_buf_free(&b);
		return;
	}
	k->dict = nd;
	k->dict[k->ndict++] = wk_buf_steal(&b);
}

/* The literal pieces of a style template: between slots and punctuation. */
static void
dict_template(struct kit *k, const char *t)
{
	struct wk_buf b = WK_BUF_INIT;

	for (;; t++) {
		if (*t == '{' || *t == '\0' || strchr(",;:.", *t)) {
			if (b.len > 0)
				dict_add(k, wk_buf_str(&b));
			b.len = 0;
			if (*t == '{')
				while (*t && *t != '}')
					t++;
			if (*t == '\0')
				break;
			continue;
		}
		wk_buf_putc(&b, *t);
	}
	wk_buf_free(&b);
}

/* Counts words said at a list's end (final 1) or inside (0); final -1
 * only lists them, said nowhere in these bulletins. */
static void
add_piece(struct kit *k, const char *words, int final, unsigned ms)
{
	struct piece *p;
	size_t i;

	for (i = 0; i < k->np; i++)
		if (strcmp(k->p[i].words, words) == 0)
			break;
	if (i < k->np && final < 0)
		return;		/* only listing it: already there */
	if (i == k->np) {
		if ((p = realloc(k->p, (k->np + 1) * sizeof *p)) == NULL) {
			k->failed = 1;
			return;
		}
		k->p = p;
		memset(&p[i], 0, sizeof *p);
		if ((p[i].words = strdup(words)) == NULL) {
			k->failed = 1;
			return;
		}
		k->np++;
	}
	if (final < 0)
		return;
	if (final) {
		k->p[i].fin_ms += ms;
		k->p[i].nfin++;
	} else {
		k->p[i].mid_ms += ms;
		k->p[i].nmid++;
	}
}

/* Length in words of the longest known phrase at w[i] within [i, end). */
static size_t
known(const struct kit *k, const struct wk_words *w, size_t i, size_t end)
{
	size_t best = 0, d, j, len;

	for (d = 0; d < k->ndict; d++) {
		const char *s = k->dict[d];

		for (j = i; j < end; j++) {
			len = strlen(w->folded[j]);
			if (strncmp(s, w->folded[j], len) != 0 ||
			    (s[len] != ' ' && s[len] != '\0'))
				break;
			s += len;
			if (*s == '\0') {
				j++;
				break;
			}
			s++;
		}
		if (*s == '\0' && j - i > best)
			best = j - i;
	}
	return best;
}

static int
clause_end(const struct wk_words *w, size_t j)
{
	const char *r = w->raw[j];
	size_t n = strlen(r);

	return n > 0 && strchr(",;:.!?", r[n - 1]) != NULL;
}

static void
cut(struct kit *k, const char *text, int whole)
{
	struct wk_words w;
	struct wk_buf b = WK_BUF_INIT;
	size_t i = 0, end, j, len;

	if (wk_words_split(text, &w) != 0) {
		k->failed = 1;
		wk_words_free(&w);
		return;
	}
	while (i < w.n) {
		for (end = i; end < w.n && !clause_end(&w, end); end++)
			;
		end = end < w.n ? end + 1 : w.n;
		while (i < end) {
			unsigned ms = 0;

			len = whole ? end - i : known(k, &w, i, end);
			len = len ? len : 1;
			b.len = 0;
			for (j = i; j < i + len; j++) {
				wk_buf_printf(&b, "%s%s", b.len ? " " : "", w.folded[j]);
				ms += wk_word_ms(k->v, w.folded[j]);
			}
			if (b.len > 0 && !b.failed)
				add_piece(k, wk_buf_str(&b), w.final[i + len - 1], ms);
			i += len;
		}
	}
	k->failed |= b.failed;
	wk_buf_free(&b);
	wk_words_free(&w);
}

/* An ASCII file name for words: "maíz amiláceo" -> "maiz-amilaceo". */
static void
slug(const char *s, char *out, size_t cap)
{
	static const char *const from[] = { "á", "é", "í", "ó", "ú", "ü", "ñ",
	    "Á", "É", "Í", "Ó", "Ú", "Ñ" };
	static const char to[] = "aeiouunaeioun";
	size_t n = 0, i;

	while (*s && n + 1 < cap) {
		for (i = 0; i < sizeof from / sizeof from[0]; i++)
			if (strncmp(s, from[i], strlen(from[i])) == 0)
				break;
		if (i < sizeof from / sizeof from[0]) {
			out[n++] = to[i];
			s += strlen(from[i]);
		} else if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			out[n++] = *s++;
		else if (*s >= 'A' && *s <= 'Z')
			out[n++] = (char)(*s++ + 32);
		else {
			if (n > 0 && out[n - 1] != '-')
				out[n++] = '-';
			s++;
		}
	}
	while (n > 0 && out[n - 1] == '-')
		n--;
	out[n] = '\0';
}

struct entry {
	char base[64];
	char file[80];
	const char *words;
	const char *pos;
	unsigned ms;
};

static int
by_ms(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return x->ms < y->ms ? 1 : x->ms > y->ms ? -1 : strcmp(x->file, y->file);
}

/* The number, date and unit words every bulletin may need. */
static void
grammar_words(struct kit *k)
{
	const struct wk_voice *v = k->v;
	size_t i, j;

	for (i = 0; i < v->nnums; i++) {
		const char *f[] = { v->nums[i].bare, v->nums[i].masc,
		    v->nums[i].fem, v->nums[i].more, v->nums[i].plural };

		for (j = 0; j < 5; j++)
			if (f[j] != NULL)
				add_piece(k, f[j], -1, 0);
	}
	for (i = 0; i < 7; i++)
		if (v->weekdays[i])
			add_piece(k, v->weekdays[i], -1, 0);
	for (i = 0; i < 12; i++)
		if (v->months[i])
			add_piece(k, v->months[i], -1, 0);
	for (i = 0; i < v->nunits; i++) {
		add_piece(k, v->units[i].one, -1, 0);
		add_piece(k, v->units[i].many, -1, 0);
	}
	for (i = 0; i < v->nwords; i++)	/* y, de, con ... */
		if (v->words[i].to != NULL && strchr(v->words[i].to, ' ') == NULL)
			add_piece(k, v->words[i].to, -1, 0);
	/* Every name and frame piece, so that any day's rotation is said. */
	for (i = 0; i < k->ndict; i++)
		add_piece(k, k->dict[i], -1, 0);
}

/*
 * Writes index.txt and script.txt into outdir/lang/. The kit's folder is
 * often one the announcer's account writes into too (the takes go
 * there), so the language folder is reached without following a link
 * and each file is replaced whole under a new name (wk_safe_replace): a
 * link planted at index.txt is replaced, never written through.
 */
static enum wk_status
write_files(const char *outdir, const char *lang, const char *dir,
    const char *ibuf, size_t ilen, const char *sbuf, size_t slen,
    struct wk_err *err)
{
	enum wk_status st = WK_OK;
	int dfd, lfd = -1;

	if (!wk_safe_plain(lang))	/* a voice's tag: never */
		return wk_err_set(err, WK_EIO, dir, 0, 0, _("cannot write: %s"),
		    strerror(EINVAL));
	(void)mkdir(outdir, 0777);
	if ((dfd = open(outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return wk_err_set(err, WK_EIO, outdir, 0, 0,
		    _("cannot write: %s"), strerror(errno));
	if (mkdirat(dfd, lang, 0777) != 0 && errno != EEXIST)
		st = wk_err_set(err, WK_EIO, dir, 0, 0, _("cannot write: %s"),
		    strerror(errno));
	else if ((lfd = wk_safe_opendir(dfd, lang)) < 0)
		st = wk_err_set(err, WK_EIO, dir, 0, 0, errno == ELOOP ||
		    errno == ENOTDIR ? _("a symbolic link or a file, not a "
		    "folder: willakuy writes the kit only into a real folder; "
		    "remove it") : _("cannot write: %s"), strerror(errno));
	else if (wk_safe_replace(lfd, "index.txt", ibuf, ilen) != 0 ||
	    wk_safe_replace(lfd, "script.txt", sbuf, slen) != 0)
		st = wk_err_set(err, WK_EIO, dir, 0, 0, _("cannot write: %s"),
		    strerror(errno));
	if (lfd >= 0)
		close(lfd);
	close(dfd);
	return st;
}

static enum wk_status
write_kit(struct kit *k, const char *lang, const char *outdir, FILE *out,
    struct wk_err *err)
{
	struct entry *e;
	size_t i, n = 0, j;
	unsigned total = 0;
	FILE *idx = NULL, *scr = NULL;
	char *dir = NULL, *ibuf = NULL, *sbuf = NULL;
	size_t ilen = 0, slen = 0;
	enum wk_status st = WK_OK;

	if ((e = calloc(2 * k->np + 1, sizeof *e)) == NULL)
		return wk_err_nomem(err);
	for (i = 0; i < k->np; i++) {
		const struct piece *p = &k->p[i];
		char s[64];

		slug(p->words, s, 56);
		if (*s == '\0')
			continue;
		for (j = 0; j < n; j++)	/* one name per words */
			if (strcmp(e[j].base, s) == 0) {
				snprintf(s + strlen(s), 8, "-%u", (unsigned)(i % 100000));
				break;
			}
		memcpy(e[n].base, s, sizeof e[n].base);
		if (p->nmid > 0 && p->nfin > 0)
			memcpy(e[n + 1].base, s, sizeof e[n].base);
		total += p->mid_ms + p->fin_ms;
		if (p->nmid > 0 && p->nfin > 0) {
			snprintf(e[n].file, sizeof e[n].file, "%s.wav", s);
			e[n].words = p->words;
			e[n].pos = _("mid-list");
			e[n++].ms = p->mid_ms;
			snprintf(e[n].file, sizeof e[n].file, "%s.final.wav", s);
			e[n].words = p->words;
			e[n].pos = _("list-final");
			e[n++].ms = p->fin_ms;
		} else {
			snprintf(e[n].file, sizeof e[n].file, "%s.wav", s);
			e[n].words = p->words;
			e[n].pos = p->nfin > 0 ? _("list-final") : p->nmid > 0 ?
			    _("mid-list") : _("any");
			e[n++].ms = p->mid_ms + p->fin_ms;
		}
	}
	qsort(e, n, sizeof *e, by_ms);
	if (outdir != NULL) {
		/* Made in memory, written by write_files. */
		if ((dir = wk_path_join(outdir, lang)) == NULL ||
		    (idx = open_memstream(&ibuf, &ilen)) == NULL ||
		    (scr = open_memstream(&sbuf, &slen)) == NULL) {
			st = wk_err_nomem(err);
			goto out;
		}
		fprintf(idx, _("# Recorded prompts of the %s voice, made by `willakuy "
		    "kit`: \"file: the exact words it says\".\n# Record each line "
		    "in your announcer's voice (WAV, FLAC or Ogg) under its file "
		    "name, in\n# this folder; a .final take is said at the end of "
		    "a list (falling voice).\n# Then copy the folder, this index "
		    "with it, to %s\n# (the station's own folder: no other "
		    "recording is ever spliced). Missing files are synthesized.\n"),
		    lang, k->home);
		fprintf(idx, "# espeak: %s %d %d\n", k->v->espeak, k->v->rate_wpm,
		    k->v->pitch);
	}
	for (j = 0; j < 2; j++) {
		FILE *f = j == 0 ? out : scr;

		if (f == NULL)
			continue;
		fprintf(f, _("# Recording script, %s (%s): %zu takes, %u s of "
		    "speech in these bulletins\n"), lang, k->v->name, n,
		    (total + 500) / 1000);
		fprintf(f, _("# The takes and their index.txt go in %s\n"),
		    k->home);
		fprintf(f, "%s", _("# seconds  file  position  words\n"));
		for (i = 0; i < n; i++)
			fprintf(f, "%6.1f  %s  %s  %s\n", e[i].ms / 1000.0,
			    e[i].file, e[i].pos, e[i].words);
	}
	for (i = 0; idx != NULL && i < n; i++)
		fprintf(idx, "%s: %s\n", e[i].file, e[i].words);
out:
	if (idx != NULL && (ferror(idx) | fclose(idx)) && st == WK_OK)
		st = wk_err_nomem(err);
	if (scr != NULL && (ferror(scr) | fclose(scr)) && st == WK_OK)
		st = wk_err_nomem(err);
	if (st == WK_OK && outdir != NULL)
		st = write_files(outdir, lang, dir, ibuf, ilen, sbuf, slen, err);
	free(dir);
	free(ibuf);
	free(sbuf);
	free(e);
	return st;
}

static void
kit_free(struct kit *k)
{
	size_t i;

	free(k->home);
	for (i = 0; i < k->ndict; i++)
		free(k->dict[i]);
	for (i = 0; i < k->np; i++)
		free(k->p[i].words);
	free(k->dict);
	free(k->p);
}

/* Builds and writes the kit of one language, for the station's folder
 * home (local.h): its recordings go in home/LANG/prompts/ (voice.h). */
static enum wk_status
one_lang(struct wk_compose *c, struct wk_bulletin **bs, int nb,
    const char *lang, const char *home, const char *outdir, FILE *out,
    struct wk_err *err)
{
	struct kit k;
	const struct wk_style *style;
	struct wk_voice *v;
	struct wk_buf rel = WK_BUF_INIT;
	enum wk_status st = WK_OK;
	size_t i, j;
	int bi;

	memset(&k, 0, sizeof k);
	if ((v = wk_site_voice(c->site, lang, c->d, err)) == NULL)
		return err->status;
	k.v = v;
	wk_buf_printf(&rel, "%s/prompts/", lang);
	k.home = rel.failed ? NULL : wk_path_join(home, wk_buf_str(&rel));
	wk_buf_free(&rel);
	if (k.home == NULL)
		return wk_err_nomem(err);
	for (i = 0; i < c->cat->nproducts; i++)
		dict_add(&k, wk_entry_name(&c->cat->products[i], lang));
	for (i = 0; i < c->cat->nmarkets; i++)
		dict_add(&k, wk_entry_name(&c->cat->markets[i], lang));
	for (i = 0; i < v->nunits; i++) {
		dict_add(&k, v->units[i].one);
		dict_add(&k, v->units[i].many);
	}
	dict_template(&k, wk_voice_phrase(v, "money"));
	dict_template(&k, wk_voice_phrase(v, "date"));
	if ((style = wk_compose_style(c, v)) != NULL)
		for (i = 0; i < style->nframes; i++)
			for (j = 0; j < style->frames[i].nv; j++)
				dict_template(&k, style->frames[i].v[j].text);
	for (bi = 0; bi < nb && st == WK_OK; bi++) {
		struct wk_script *s;

		for (i = 0; i < bs[bi]->nlangs; i++)
			if (strcmp(bs[bi]->langs[i], lang) == 0)
				break;
		if (i == bs[bi]->nlangs)
			continue;
		if ((st = wk_compose(c, bs[bi], lang, &s, err)) != WK_OK)
			break;
		for (i = 0; i < s->nsegs; i++)
			for (j = 0; j < s->segs[i].nparts; j++)
				if (s->segs[i].parts[j].kind == WK_PART_SPEECH &&
				    strcmp(s->segs[i].parts[j].lang, lang) == 0)
					cut(&k, s->segs[i].parts[j].text,
					    s->segs[i].nprices == 0);
		wk_script_free(s);
	}
	grammar_words(&k);
	if (st == WK_OK)
		st = k.failed ? wk_err_nomem(err) :
		    write_kit(&k, lang, outdir, out, err);
	kit_free(&k);
	return st;
}

enum wk_status
wk_kit(char *const *paths, int n, const char *lang, const char *station_path,
    struct wk_date date, const char *outdir, FILE *out, struct wk_diags *d,
    struct wk_err *err)
{
	struct wk_site *site = NULL;
	struct wk_bulletin **bs = NULL;
	struct wk_compose comp;
	const char *langs[16], *home;
	size_t nl = 0, i;
	enum wk_status st;
	int bi;

	memset(&comp, 0, sizeof comp);
	if ((bs = calloc((size_t)n + 1, sizeof *bs)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((st = wk_site_open(station_path, 0, d, &site, err)) != WK_OK)
		goto out;
	for (bi = 0; bi < n && st == WK_OK; bi++)
		if ((st = wk_bulletin_load(paths[bi], &bs[bi], d, err)) == WK_OK)
			for (i = 0; i < bs[bi]->nlangs; i++) {
				size_t j;

				for (j = 0; j < nl; j++)
					if (strcmp(langs[j], bs[bi]->langs[i]) == 0)
						break;
				if (j == nl && nl < 16 && (lang == NULL ||
				    strcmp(lang, bs[bi]->langs[i]) == 0))
					langs[nl++] = bs[bi]->langs[i];
			}
	if (st != WK_OK)
		goto out;
	if (nl == 0) {
		st = wk_err_set(err, WK_EUSAGE, paths[0], 0, 0,
		    _("these bulletins are not in '%s'"), lang);
		goto out;
	}
	if ((st = wk_compose_open(&comp, site, date, NULL, d, err)) != WK_OK)
		goto out;
	/* A station's recordings go beside its file (the last of its
	 * folders); the default station's in the system's folder. */
	for (i = 0; site->dirs[i] != NULL; i++)
		;
	if (i == 0) {		/* no folder at all: WILLAKUY_LOCAL="" */
		st = wk_err_set(err, WK_EUSAGE, NULL, 0, 0, "%s", _("the "
		    "station has no folder of its own for recordings: give its "
		    "file with -c, or set WILLAKUY_LOCAL to a folder"));
		goto out;
	}
	home = site->dirs[station_path != NULL ? i - 1 : 0];
	for (i = 0; i < nl && st == WK_OK; i++)
		st = one_lang(&comp, bs, n, langs[i], home, outdir, out, err);
out:
	wk_compose_close(&comp);
	for (bi = 0; bs != NULL && bi < n; bi++)
		wk_bulletin_free(bs[bi]);
	free(bs);
	wk_site_free(site);
	return st;
}
