/*
 * Checks and previews for editors. A file's kind is told by its root
 * element; the matching reader validates it (it reports the first error
 * with file:line:col), then the meaning is checked against the catalogue,
 * the voices and the broadcast date. The preview composes each language's
 * script exactly as `build` would and prints it with estimated durations.
 */

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "buf.h"
#include "build.h"
#include "bulletin.h"
#include "catalog.h"
#include "check.h"
#include "clip.h"
#include "compose.h"
#include "feed.h"
#include "paths.h"
#include "station.h"
#include "text.h"
#include "voice.h"
#include "xmlio.h"

struct ctx {
	struct wk_catalog *cat;
	struct wk_voiceset voices;
	struct wk_date date;
	struct wk_diags *d;
};

/* The root element's name, read with a tiny scan (no full parse). */
static int
root_name(const char *path, char *out, size_t cap)
{
	FILE *f = wk_xml_open_head(path);
	char buf[4096];
	size_t n, i = 0, k;

	out[0] = '\0';
	if (f == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	while (i < n) {
		char *lt = memchr(buf + i, '<', n - i);

		if (lt == NULL)
			break;
		i = (size_t)(lt - buf) + 1;
		if (strncmp(buf + i, "!--", 3) == 0) {
			char *end = strstr(buf + i, "-->");

			if (end == NULL)
				break;
			i = (size_t)(end - buf) + 3;
			continue;
		}
		if (buf[i] == '?' || buf[i] == '!')
			continue;
		for (k = 0; i + k < n && k + 1 < cap &&
		    strchr(" \t\r\n/>", buf[i + k]) == NULL; k++)
			out[k] = buf[i + k];
		out[k] = '\0';
		return 0;
	}
	return 0;
}

static void
unknown_id(struct ctx *c, const char *file, struct wk_pos pos,
    const char *what, const char *id, const struct wk_entry *v, size_t n)
{
	const char *near = wk_entry_closest(v, n, id);

	if (near != NULL)
		wk_diag(c->d, WK_ERROR, file, pos.line, pos.col,
		    _("unknown %s '%s'; did you mean '%s'? (the known ones are in "
		    "voices/catalog.xml)"), what, id, near);
	else
		wk_diag(c->d, WK_ERROR, file, pos.line, pos.col,
		    _("unknown %s '%s'; add it to voices/catalog.xml or use a "
		    "known id"), what, id);
}

static void
check_date(struct ctx *c, const char *file, struct wk_pos pos,
    struct wk_date dt, const char *what)
{
	long age = wk_date_days(c->date) - wk_date_days(dt);
	char a[11], b[11];

	wk_date_format(dt, a);
	wk_date_format(c->date, b);
	if (age < 0)
		wk_diag(c->d, WK_WARNING, file, pos.line, pos.col,
		    _("%s %s is after the broadcast date %s; it will not be used "
		    "until then"), what, a, b);
	else if (age > 0)
		wk_diag(c->d, WK_WARNING, file, pos.line, pos.col,
		    _("%s %s is %ld days before the broadcast date %s; bulletins "
		    "will say their fallback phrase instead"), what, a, age, b);
}

static void
check_prices(struct ctx *c, const struct wk_prices *p)
{
	struct wk_err e;
	struct wk_voice *es = wk_voiceset_get(&c->voices, "es", c->d, &e);
	size_t i, j;

	check_date(c, p->path, p->date_pos, p->date, _("the feed's date"));
	for (i = 0; i < p->nmarkets; i++) {
		const struct wk_market *m = &p->markets[i];

		if (wk_entry_find(c->cat->markets, c->cat->nmarkets, m->id) == NULL)
			wk_diag(c->d, WK_WARNING, p->path, m->pos.line, m->pos.col,
			    _("market '%s' is not in voices/catalog.xml; its name "
			    "is read as the feed writes it, in every language"),
			    m->id);
		for (j = 0; j < m->nprices; j++) {
			const struct wk_price *pr = &m->prices[j];

			if (wk_entry_find(c->cat->products, c->cat->nproducts,
			    pr->product) == NULL)
				unknown_id(c, p->path, pr->product_pos, _("product"),
				    pr->product, c->cat->products, c->cat->nproducts);
			if (es != NULL && wk_voice_unit(es, pr->unit) == NULL)
				wk_diag(c->d, WK_ERROR, p->path, pr->unit_pos.line,
				    pr->unit_pos.col, _("unknown unit '%s'; use one "
				    "of the units in voices/es/voice.xml (kg, qq, "
				    "arroba, unidad...)"), pr->unit);
		}
	}
}

/* Appends the numbers written in s as digit strings (1 250 000,
 * 1,250,000 and 1250000 are one figure), each followed by a space. */
static void
figures(const char *s, struct wk_buf *out)
{
	while (*s) {
		if (*s >= '0' && *s <= '9') {
			const char *e = s;
			size_t k;

			for (;;)
				if ((*e >= '0' && *e <= '9') || ((*e == '.' ||
				    *e == ',') && e[1] >= '0' && e[1] <= '9'))
					e++;
				else if ((k = wk_group_space(e)) > 0)
					e += k;
				else
					break;
			for (; s < e; s++)
				if (*s >= '0' && *s <= '9')
					wk_buf_putc(out, *s);
			wk_buf_putc(out, ' ');
			continue;
		}
		s++;
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The figures of a text, headline and body, in order of value, so that
 * the two languages may give them in their own word order. */
static void
text_figures(const struct wk_news_text *t, struct wk_buf *out)
{
	struct wk_buf all = WK_BUF_INIT;
	char **v;
	size_t n, i;

	figures(t->headline ? t->headline : "", &all);
	figures(t->text ? t->text : "", &all);
	if ((v = wk_split_words(wk_buf_str(&all), &n)) == NULL) {
		out->failed = 1;
		wk_buf_free(&all);
		return;
	}
	qsort(v, n, sizeof *v, cmp_str);
	for (i = 0; i < n; i++)
		wk_buf_printf(out, "%s%s", i ? " " : "", v[i]);
	wk_free_words(v, n);
	wk_buf_free(&all);
}

/* True when the word w[0..n) has a letter outside the Chanka alphabet
 * (a ch h i k l ll m n ñ p q r s t u w y) other than the e and o that
 * loans keep, or an apostrophe (a Collao ejective). */
static int
non_chanka(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char x = (char)(w[i] | 0x20);

		if (w[i] == '\'' || (x == 'c' && (w[i + 1] | 0x20) != 'h') ||
		    (w[i] > 0 && strchr("bdfgjvxz", x) != NULL && x != 0))
			return 1;
	}
	return 0;
}

/* Warns about the first Quechua word of text not in Chanka spelling;
 * capitalized words are names, which the lexicon respells. */
static void
check_chanka(struct ctx *c, const char *file, struct wk_pos pos,
    const char *text)
{
	struct wk_err e;
	struct wk_voice *qu = wk_voiceset_get(&c->voices, "qu", c->d, &e);
	const char *p = text;

	while (*p) {
		uint32_t cp;
		size_t k = wk_utf8_next(p, &cp), n = 0;

		if (cp == '{' && strchr(p, '}') != NULL) {
			p = strchr(p, '}') + 1;	/* {date}, {station} */
			continue;
		}
		if (!wk_is_letter(cp)) {
			p += k;
			continue;
		}
		while (p[n]) {
			uint32_t x;
			size_t kk = wk_utf8_next(p + n, &x);

			if (!wk_is_letter(x) && x != '\'')
				break;
			n += kk;
		}
		if (!wk_is_upper(cp) && non_chanka(p, n) &&
		    (qu == NULL || wk_voice_lex(qu, p, n) == NULL)) {
			wk_diag(c->d, WK_WARNING, file, pos.line, pos.col,
			    _("Quechua word '%.*s' has letters outside the Chanka "
			    "alphabet (a ch h i k l ll m n ñ p q r s t u w y); write "
			    "it in Chanka spelling or add it to voices/qu/lexicon.txt"),
			    (int)(n < 60 ? n : 60), p);
			return;
		}
		p += n;
	}
}

static void
check_news(struct ctx *c, const struct wk_news *nw)
{
	size_t i;

	for (i = 0; i < nw->nitems; i++) {
		const struct wk_news_item *it = &nw->items[i];
		const struct wk_news_text *es = wk_news_text(it, "es");
		const struct wk_news_text *qu = wk_news_text(it, "qu");

		if (it->network[0] != '\0' && wk_entry_find(c->cat->networks,
		    c->cat->nnetworks, it->network) == NULL)
			unknown_id(c, nw->path, it->network_pos, _("network"),
			    it->network, c->cat->networks, c->cat->nnetworks);
		if (it->has_expires && wk_date_days(it->expires) <
		    wk_date_days(c->date))
			wk_diag(c->d, WK_WARNING, nw->path, it->pos.line, it->pos.col,
			    _("item '%s' has expired; bulletins leave it out"),
			    it->id);
		if (it->has_date && wk_date_days(it->date) > wk_date_days(c->date))
			wk_diag(c->d, WK_WARNING, nw->path, it->pos.line, it->pos.col,
			    _("item '%s' is dated after the broadcast date; "
			    "bulletins leave it out until then"), it->id);
		if (es != NULL && qu == NULL)
			wk_diag(c->d, WK_WARNING, nw->path, it->pos.line, it->pos.col,
			    _("item '%s' has no Quechua text: Quechua bulletins "
			    "leave it out, or announce it and read it in Spanish "
			    "when their <news> says untranslated=\"announce\""),
			    it->id);
		if (es != NULL && qu != NULL) {
			struct wk_buf a = WK_BUF_INIT, b = WK_BUF_INIT;

			text_figures(es, &a);
			text_figures(qu, &b);
			if (!a.failed && !b.failed &&
			    strcmp(wk_buf_str(&a), wk_buf_str(&b)) != 0)
				wk_diag(c->d, WK_WARNING, nw->path, qu->pos.line,
				    qu->pos.col, _("item '%s': the figures of the "
				    "Quechua text (%s) differ from the Spanish ones "
				    "(%s); check that both say the same"), it->id,
				    b.len ? wk_buf_str(&b) : "-",
				    a.len ? wk_buf_str(&a) : "-");
			wk_buf_free(&a);
			wk_buf_free(&b);
		}
		if (qu != NULL) {
			check_chanka(c, nw->path, qu->pos, qu->headline ? qu->headline : "");
			check_chanka(c, nw->path, qu->pos, qu->text ? qu->text : "");
		}
	}
}

static void
check_bulletin(struct ctx *c, const struct wk_bulletin *b)
{
	size_t i, j, k;

	for (k = 0; k < b->nlangs; k++) {
		struct wk_err e;

		if (wk_voiceset_get(&c->voices, b->langs[k], c->d, &e) == NULL)
			wk_diag(c->d, WK_ERROR, b->path, b->pos.line, b->pos.col,
			    _("language '%s': %s"), b->langs[k], e.msg);
	}
	for (i = 0; i < b->nsegs; i++) {
		const struct wk_segment *sg = &b->segs[i];

		for (k = 0; k < b->nlangs; k++) {
			int says = 0, other = 0;

			for (j = 0; j < sg->nitems; j++) {
				const struct wk_item *it = &sg->items[j];

				if (it->kind == WK_ITEM_SAY)
					says += strcmp(it->lang, b->langs[k]) == 0;
				else if (it->kind != WK_ITEM_PAUSE)
					other++;
			}
			if (says == 0 && other == 0)
				wk_diag(c->d, WK_WARNING, b->path, sg->pos.line,
				    sg->pos.col, _("segment '%s' has no <say "
				    "xml:lang=\"%s\">; the %s bulletin leaves it out"),
				    sg->id, b->langs[k], b->langs[k]);
		}
		for (j = 0; j < sg->nitems; j++) {
			const struct wk_item *it = &sg->items[j];

			if (it->kind == WK_ITEM_PRICES) {
				if (wk_entry_find(c->cat->markets, c->cat->nmarkets,
				    it->market) == NULL)
					unknown_id(c, b->path, it->market_pos,
					    _("market"), it->market, c->cat->markets,
					    c->cat->nmarkets);
				for (k = 0; k < it->nproducts; k++)
					if (wk_entry_find(c->cat->products,
					    c->cat->nproducts, it->products[k]) == NULL)
						unknown_id(c, b->path, it->products_pos,
						    _("product"), it->products[k],
						    c->cat->products, c->cat->nproducts);
			} else if (it->kind == WK_ITEM_NEWS && it->network != NULL &&
			    wk_entry_find(c->cat->networks, c->cat->nnetworks,
			    it->network) == NULL)
				unknown_id(c, b->path, it->pos, _("network"),
				    it->network, c->cat->networks, c->cat->nnetworks);
			else if (it->kind == WK_ITEM_CLIP) {
				struct wk_clip *cl;
				struct wk_err e;

				if (wk_clip_open(it->path, &cl, &e) != WK_OK)
					wk_diag(c->d, WK_ERROR, b->path, it->pos.line,
					    it->pos.col, _("clip %s: %s"), it->path,
					    e.msg);
				wk_clip_close(cl);
			} else if (it->kind == WK_ITEM_SAY && strcmp(it->lang, "qu") == 0)
				check_chanka(c, b->path, it->pos, it->text);
		}
	}
}

static enum wk_status
load_ctx(struct ctx *c, struct wk_date date, struct wk_diags *d,
    struct wk_err *err)
{
	char *cat = wk_data_path("voices/catalog.xml");
	enum wk_status st;

	memset(c, 0, sizeof *c);
	c->date = date;
	c->d = d;
	if (cat == NULL)
		return wk_err_nomem(err);
	st = wk_catalog_load(cat, &c->cat, d, err);
	free(cat);
	return st;
}

static void
free_ctx(struct ctx *c)
{
	wk_catalog_free(c->cat);
	wk_voiceset_free(&c->voices);
}

enum wk_status
wk_check_files(char *const *paths, size_t n, struct wk_date date,
    struct wk_diags *d)
{
	struct ctx c;
	struct wk_err err;
	size_t i, before = d->nerrors;
	int nomem = 0;

	if (load_ctx(&c, date, d, &err) != WK_OK) {
		wk_diag_err(d, &err);
		free_ctx(&c);
		return err.status == WK_ENOMEM ? WK_ENOMEM : WK_EINPUT;
	}
	for (i = 0; i < n; i++) {
		char root[64];
		enum wk_status st = WK_OK;

		root_name(paths[i], root, sizeof root);
		if (strcmp(root, "prices") == 0) {
			struct wk_prices *p;

			if ((st = wk_prices_load(paths[i], &p, d, &err)) == WK_OK)
				check_prices(&c, p);
			wk_prices_free(p);
		} else if (strcmp(root, "news") == 0 || strcmp(root, "rss") == 0 ||
		    strcmp(root, "feed") == 0) {
			struct wk_news *nw;

			if ((st = wk_news_load(paths[i], &nw, d, &err)) == WK_OK)
				check_news(&c, nw);
			wk_news_free(nw);
		} else if (strcmp(root, "station") == 0) {
			struct wk_station *s;

			st = wk_station_load(paths[i], &s, d, &err);
			wk_station_free(s);
		} else if (strcmp(root, "voice") == 0) {
			struct wk_voice *v;

			st = wk_voice_load_file(paths[i], &v, d, &err);
			wk_voice_free(v);
		} else if (strcmp(root, "catalog") == 0) {
			struct wk_catalog *ct;

			st = wk_catalog_load(paths[i], &ct, d, &err);
			wk_catalog_free(ct);
		} else {
			/* Bulletins, and anything else: the bulletin reader says
			 * what the file is not. */
			struct wk_bulletin *b;

			if ((st = wk_bulletin_load(paths[i], &b, d, &err)) == WK_OK)
				check_bulletin(&c, b);
			wk_bulletin_free(b);
		}
		if (st != WK_OK && (err.status != WK_EINPUT || d->nerrors == before ||
		    err.line > 0 || err.file[0] != '\0'))
			wk_diag_err(d, &err);
		if (st == WK_ENOMEM)
			nomem = 1;
		before = d->nerrors;
	}
	free_ctx(&c);
	return nomem ? WK_ENOMEM : d->nerrors > 0 ? WK_EINPUT : WK_OK;
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

static void
print_script(const struct wk_script *s, struct wk_voiceset *vs,
    unsigned seg_pause_ms, FILE *out)
{
	size_t i, j;
	unsigned total = 0;

	fprintf(out, "# %s (%s): %s\n", s->bulletin, s->lang, s->title);
	for (i = 0; i < s->nsegs; i++) {
		const struct wk_seg *sg = &s->segs[i];
		unsigned ms = 0;

		for (j = 0; j < sg->nparts; j++) {
			const struct wk_part *p = &sg->parts[j];
			struct wk_err e;
			struct wk_voice *v;

			if (p->kind == WK_PART_SPEECH) {
				v = wk_voiceset_get(vs, p->lang, NULL, &e);
				ms += wk_speech_ms(p->text, v ? v->rate_wpm : 150);
			} else if (p->kind == WK_PART_PAUSE)
				ms += p->pause_ms;
			else
				ms += clip_ms(p->path);
		}
		total += ms + (i > 0 ? seg_pause_ms : 0);
		fprintf(out, "\n## %02zu %s  (~%u s)\n", i + 1, sg->id,
		    (ms + 500) / 1000);
		if (sg->note != NULL)
			fprintf(out, "   note: %s\n", sg->note);
		fputc('\n', out);
		for (j = 0; j < sg->nparts; j++) {
			const struct wk_part *p = &sg->parts[j];

			if (p->kind == WK_PART_SPEECH)
				fprintf(out, "%s%s%s%s\n", strcmp(p->lang, s->lang) ? "[" : "",
				    strcmp(p->lang, s->lang) ? p->lang : "",
				    strcmp(p->lang, s->lang) ? "] " : "", p->text);
			else if (p->kind == WK_PART_PAUSE)
				fprintf(out, "  (pause %u ms)\n", p->pause_ms);
			else
				fprintf(out, "  (clip %s)\n", p->path);
		}
	}
	fprintf(out, "\n# total ~%u min %02u s\n\n", total / 60000,
	    (total / 1000) % 60);
}

enum wk_status
wk_preview(const char *path, const char *lang, const char *station_path,
    struct wk_date date, FILE *out, struct wk_diags *d, struct wk_err *err)
{
	struct ctx c;
	struct wk_station *station = NULL;
	struct wk_bulletin *b = NULL;
	struct wk_compose comp;
	char *sp = station_path ? strdup(station_path) : wk_default_station();
	enum wk_status st;
	size_t i;

	memset(&comp, 0, sizeof comp);
	if (sp == NULL)
		return wk_err_nomem(err);
	if ((st = load_ctx(&c, date, d, err)) != WK_OK ||
	    (st = wk_station_load(sp, &station, d, err)) != WK_OK ||
	    (st = wk_bulletin_load(path, &b, d, err)) != WK_OK)
		goto out;
	comp.cat = c.cat;
	comp.station = station;
	comp.date = date;
	comp.voices = &c.voices;
	comp.d = d;
	if ((comp.feeds = wk_feedcache_new()) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
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
	for (i = 0; i < b->nlangs && st == WK_OK; i++) {
		struct wk_script *s;

		if (lang != NULL && strcmp(lang, b->langs[i]) != 0)
			continue;
		if ((st = wk_compose(&comp, b, b->langs[i], &s, err)) == WK_OK)
			print_script(s, &c.voices, station->segment_pause_ms, out);
		wk_script_free(s);
	}
out:
	wk_feedcache_free(comp.feeds);
	wk_bulletin_free(b);
	wk_station_free(station);
	free_ctx(&c);
	free(sp);
	return st;
}
