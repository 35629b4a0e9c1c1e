/*
 * Reads a voice from its folder voices/<tag>/: voice.xml (validated against
 * bulletins/schema/voice.rng; it names the language tags it reads, the ISO
 * 639-2 code, the fallback language and the number words with the rules
 * that combine them), lexicon.txt ("word = respelling" lines; the same
 * file from each of a station's own folders goes on top when asked,
 * local.h), the vocabulary files of text (vocab.h) and gender.txt when
 * present (noun genders). Out comes a struct wk_voice with sorted tables
 * for the verbalizer; the lookups are in voicelook.c. libxml2 is used
 * through xmlio.h. Recorded prompts are never the shipped voice's: they
 * come from a station's own folder (LANG/prompts/index.txt). A voice set
 * loads each voice of a station once, with the station's lexicons and
 * recordings.
 */

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/lines.h"
#include "base/paths.h"
#include "base/text.h"
#include "vocab.h"
#include "voice.h"
#include "xmlio.h"

struct ctx {
	struct wk_xmlfile *f;
	struct wk_err *err;
};

static enum wk_status
bad(struct ctx *c, xmlNodePtr n, const char *attr, const char *msg,
    const char *arg)
{
	int line, col;

	wk_xml_pos(c->f, n, attr, &line, &col);
	return wk_err_set(c->err, WK_EINPUT, c->f->path, line, col, msg, arg);
}

/* True when attribute name of n says "yes". */
static int
attr_yes(xmlNodePtr n, const char *name)
{
	char *s = wk_xml_attr(n, name);
	int yes = s != NULL && strcmp(s, "yes") == 0;

	free(s);
	return yes;
}

static int
cmp_num(const void *a, const void *b)
{
	const struct wk_numword *x = a, *y = b;

	return (x->value > y->value) - (x->value < y->value);
}

static int
cmp_pair(const void *a, const void *b)
{
	return strcmp(((const struct wk_pair *)a)->from,
	    ((const struct wk_pair *)b)->from);
}

static enum wk_status
read_numwords(struct ctx *c, xmlNodePtr parent, struct wk_numword **out,
    size_t *nout)
{
	xmlNodePtr n;
	struct wk_numword *v;
	size_t k = 0, cap = 0, i;

	for (n = wk_xml_elem(parent->children); n; n = wk_xml_elem(n->next))
		cap++;
	if ((v = calloc(cap ? cap : 1, sizeof *v)) == NULL)
		return wk_err_nomem(c->err);
	*out = v;
	for (n = wk_xml_elem(parent->children); n; n = wk_xml_elem(n->next)) {
		char *val = wk_xml_attr(n, "v"), *end;
		struct wk_numword *w = &v[k];

		w->value = val ? strtol(val, &end, 10) : -1;
		if (val == NULL || *end != '\0' || w->value < 0) {
			free(val);
			return bad(c, n, "v", _("'v' must be a number (%s)"), "0, 1, 100...");
		}
		free(val);
		w->bare = wk_xml_text(n);
		w->masc = wk_xml_attr(n, "masc");
		w->fem = wk_xml_attr(n, "fem");
		w->more = wk_xml_attr(n, "more");
		w->plural = wk_xml_attr(n, "plural");
		w->link = wk_xml_attr(n, "link");
		w->of = wk_xml_attr(n, "of");
		w->scale = attr_yes(n, "scale");
		w->drop_one = attr_yes(n, "drop-one");
		w->glue = attr_yes(n, "glue");
		w->mult = WK_MASC;
		if ((val = wk_xml_attr(n, "multiplier")) != NULL &&
		    strcmp(val, "agree") == 0)
			w->mult = WK_FEM;
		free(val);
		k++;
		*nout = k;
		if (w->bare == NULL)
			return wk_err_nomem(c->err);
		if (w->bare[0] == '\0')
			return bad(c, n, NULL, _("the number word is empty%s"), "");
	}
	qsort(v, k, sizeof *v, cmp_num);
	for (i = 1; i < k; i++)
		if (v[i].value == v[i - 1].value)
			return wk_err_set(c->err, WK_EINPUT, c->f->path, 0, 0,
			    _("the number %ld is defined twice"), v[i].value);
	return WK_OK;
}

/* Appends (from, to) to a pair array. Takes ownership of from and to. */
static enum wk_status
push_pair(struct ctx *c, struct wk_pair **v, size_t *n, char *from, char *to,
    int initial)
{
	struct wk_pair *nv;

	if (from == NULL || to == NULL ||
	    (nv = realloc(*v, (*n + 1) * sizeof **v)) == NULL) {
		free(from);
		free(to);
		return wk_err_nomem(c->err);
	}
	*v = nv;
	nv[*n].from = from;
	nv[*n].to = to;
	nv[*n].initial = initial;
	nv[*n].line = 0;
	(*n)++;
	return WK_OK;
}

static enum wk_status
read_list(struct ctx *c, xmlNodePtr n, char **dst, size_t want)
{
	char *text = wk_xml_text(n), **w;
	size_t k, i;

	if (text == NULL || (w = wk_split_words(text, &k)) == NULL) {
		free(text);
		return wk_err_nomem(c->err);
	}
	free(text);
	if (k != want) {
		char num[32];

		wk_free_words(w, k);
		snprintf(num, sizeof num, "%zu", want);
		return bad(c, n, NULL, _("this list needs exactly %s words"), num);
	}
	for (i = 0; i < k; i++)
		dst[i] = w[i];
	free(w);
	return WK_OK;
}

static int
parse_hhmm(const char *s, int *min)
{
	int h, m;
	char tail;

	if (s == NULL || sscanf(s, "%2d:%2d%c", &h, &m, &tail) != 2 ||
	    h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	*min = h * 60 + m;
	return 0;
}

static enum wk_status
read_unit(struct ctx *c, struct wk_voice *v, xmlNodePtr n)
{
	struct wk_unit *u, *nu;
	char *g, *w;
	size_t i;

	if ((nu = realloc(v->units, (v->nunits + 1) * sizeof *nu)) == NULL)
		return wk_err_nomem(c->err);
	v->units = nu;
	u = &nu[v->nunits++];
	memset(u, 0, sizeof *u);
	u->id = wk_xml_attr(n, "id");
	u->one = wk_xml_attr(n, "one");
	u->many = wk_xml_attr(n, "many");
	g = wk_xml_attr(n, "gender");
	u->gender = g == NULL ? WK_BARE : g[0] == 'f' ? WK_FEM : WK_MASC;
	free(g);
	w = wk_xml_attr(n, "written");
	u->written = wk_split_words(w ? w : "", &u->nwritten);
	free(w);
	if (u->id == NULL || u->one == NULL || u->many == NULL || u->written == NULL)
		return wk_err_nomem(c->err);
	for (i = 0; i + 1 < v->nunits; i++)
		if (strcmp(v->units[i].id, u->id) == 0)
			return bad(c, n, "id", _("unit '%s' is defined twice"), u->id);
	return WK_OK;
}

/* accepts="qu quy que": the language ranges of the texts the voice reads
 * as its own (wk_voice_accepts); its own tag always comes first. */
static enum wk_status
read_accepts(struct ctx *c, struct wk_voice *v, xmlNodePtr root)
{
	char *a = wk_xml_attr(root, "accepts"), **w = NULL;
	size_t n = 0, i;

	if (a != NULL && (w = wk_split_words(a, &n)) == NULL) {
		free(a);
		return wk_err_nomem(c->err);
	}
	free(a);
	if ((v->accepts = calloc(n + 2, sizeof *v->accepts)) == NULL ||
	    (v->accepts[0] = strdup(v->lang)) == NULL) {
		wk_free_words(w, n);
		return wk_err_nomem(c->err);
	}
	v->naccepts = 1;
	for (i = 0; i < n; i++)
		if (strcmp(w[i], v->lang) != 0)
			v->accepts[v->naccepts++] = w[i];
		else
			free(w[i]);
	free(w);
	return WK_OK;
}

/* What the root element says of the language itself: its ISO 639-2 code
 * (the tag's when it has three letters), the language whose names stand in
 * for missing ones, and the spelling check it wants. */
static enum wk_status
read_language(struct ctx *c, struct wk_voice *v, xmlNodePtr root)
{
	char *s = wk_xml_attr(root, "iso639-2");
	size_t i;

	/* Without one, a three-letter tag is its own code; else "und"
	 * (undetermined, as ISO 639-2 says). */
	v->iso639_2 = s ? s : strdup(strlen(v->lang) == 3 ? v->lang : "und");
	v->fallback = wk_xml_attr(root, "fallback");
	v->locale = wk_xml_attr(root, "locale");
	v->spelling = wk_xml_attr(root, "spelling");
	if (v->iso639_2 == NULL || read_accepts(c, v, root) != WK_OK)
		return wk_err_nomem(c->err);
	for (i = 0; v->iso639_2[i] >= 'a' && v->iso639_2[i] <= 'z'; i++)
		;
	if (i != 3 || v->iso639_2[i] != '\0')
		return bad(c, root, "iso639-2", _("iso639-2 is the language's "
		    "ISO 639-2 code, three small letters (%s)"), "spa, que, quz");
	if (v->spelling != NULL && strcmp(v->spelling, "chanka") != 0)
		return bad(c, root, "spelling", _("unknown spelling check; the "
		    "known ones are: %s"), "chanka");
	return WK_OK;
}

/* A list of words in the element's text (acronyms, endings). */
static enum wk_status
read_words(struct ctx *c, xmlNodePtr n, char ***out, size_t *nout)
{
	char *t = wk_xml_text(n);

	wk_free_words(*out, *nout);
	*out = wk_split_words(t ? t : "", nout);
	free(t);
	if (t == NULL || *out == NULL)
		return wk_err_nomem(c->err);
	return WK_OK;
}

static enum wk_status
read_numbers(struct ctx *c, struct wk_voice *v, xmlNodePtr n)
{
	v->suffix_vowel = wk_xml_attr(n, "suffix-vowel");
	v->suffix_cons = wk_xml_attr(n, "suffix-consonant");
	return read_numwords(c, n, &v->nums, &v->nnums);
}

static enum wk_status read_entries(struct ctx *c, struct wk_voice *v,
    xmlNodePtr n);

static enum wk_status
read_fractions(struct ctx *c, struct wk_voice *v, xmlNodePtr n)
{
	v->partitive = wk_xml_attr(n, "partitive");
	v->partitive_and = wk_xml_attr(n, "partitive-and");
	v->partitive_drop = wk_xml_attr(n, "partitive-drop");
	return read_entries(c, v, n);
}

static enum wk_status
read_ordinals(struct ctx *c, struct wk_voice *v, xmlNodePtr n)
{
	return read_numwords(c, n, &v->ords, &v->nords);
}

static enum wk_status
read_weekdays(struct ctx *c, struct wk_voice *v, xmlNodePtr n)
{
	return read_list(c, n, v->weekdays, 7);
}

static enum wk_status
read_months(struct ctx *c, struct wk_voice *v, xmlNodePtr n)
{
	return read_list(c, n, v->months, 12);
}

static enum wk_status
read_month_abbrs(struct ctx *c, struct wk_voice *v, xmlNodePtr n)
{
	return read_list(c, n, v->month_abbrs, 12);
}

static enum wk_status
read_acronyms(struct ctx *c, struct wk_voice *v, xmlNodePtr n)
{
	return read_words(c, n, &v->acronym_words, &v->nacronym_words);
}

static enum wk_status
read_endings(struct ctx *c, struct wk_voice *v, xmlNodePtr n)
{
	return read_words(c, n, &v->fem_endings, &v->nfem_endings);
}

/* Adds each word of s to the noun list with gender g ("m", "f", "-"). */
static enum wk_status
add_nouns(struct ctx *c, struct wk_voice *v, const char *s, const char *g)
{
	size_t nw = 0, i;
	char **w = wk_split_words(s, &nw);
	enum wk_status st = WK_OK;

	if (w == NULL)
		return wk_err_nomem(c->err);
	for (i = 0; i < nw && st == WK_OK; i++)
		st = push_pair(c, &v->nouns, &v->nnouns,
		    wk_fold(w[i], strlen(w[i])), strdup(g), 0);
	wk_free_words(w, nw);
	return st;
}

static const char *
gender_code(const char *g)
{
	return g == NULL ? "m" : g[0] == 'f' ? "f" : g[0] == 'n' ? "-" : "m";
}

static enum wk_status
read_nouns(struct ctx *c, struct wk_voice *v, xmlNodePtr n)
{
	char *g = wk_xml_attr(n, "gender"), *t = wk_xml_text(n);
	enum wk_status st = t == NULL ? wk_err_nomem(c->err)
	    : add_nouns(c, v, t, gender_code(g));

	free(g);
	free(t);
	return st;
}

static enum wk_status
read_fraction(struct ctx *c, struct wk_voice *v, xmlNodePtr k)
{
	struct wk_fraction *nf, *fr;
	char *val = wk_xml_attr(k, "v");
	int a, b;

	if (val == NULL || sscanf(val, "%d/%d", &a, &b) != 2 ||
	    a <= 0 || b <= a || b > 16) {
		free(val);
		return bad(c, k, "v", _("a fraction is written n/d, with n "
		    "below d (%s)"), "1/2");
	}
	free(val);
	nf = realloc(v->fractions, (v->nfractions + 1) * sizeof *nf);
	if (nf == NULL)
		return wk_err_nomem(c->err);
	v->fractions = nf;
	fr = &nf[v->nfractions++];
	fr->n = a;
	fr->d = b;
	fr->alone = wk_xml_text(k);
	fr->masc = wk_xml_attr(k, "masc");
	fr->fem = wk_xml_attr(k, "fem");
	fr->after = wk_xml_attr(k, "after");
	fr->after_fem = wk_xml_attr(k, "after-fem");
	return fr->alone == NULL ? wk_err_nomem(c->err) : WK_OK;
}

static enum wk_status
read_period(struct ctx *c, struct wk_voice *v, xmlNodePtr k)
{
	struct wk_period *np;
	char *a = wk_xml_attr(k, "from");
	char *b = wk_xml_attr(k, "to");
	int from, to, ok;

	ok = parse_hhmm(a, &from) == 0 && parse_hhmm(b, &to) == 0 && to >= from;
	free(a);
	free(b);
	if (!ok)
		return bad(c, k, NULL, _("a period needs from and to as HH:MM, "
		    "from before to%s"), "");
	if ((np = realloc(v->periods, (v->nperiods + 1) * sizeof *np)) == NULL)
		return wk_err_nomem(c->err);
	v->periods = np;
	np[v->nperiods].from_min = from;
	np[v->nperiods].to_min = to;
	np[v->nperiods].say = wk_xml_text(k);
	return np[v->nperiods++].say == NULL ? wk_err_nomem(c->err) : WK_OK;
}

static enum wk_status
read_rule(struct ctx *c, struct wk_voice *v, xmlNodePtr k)
{
	char *from = wk_xml_attr(k, "from");
	int initial = from && from[0] == '^';

	if (initial)
		memmove(from, from + 1, strlen(from));
	return push_pair(c, &v->respell, &v->nrespell, from,
	    wk_xml_attr(k, "to"), initial);
}

/* One child of a table element: <w>, <phrase>, <abbr>, <letter>, <unit>,
 * <rule>, <period>, <list>, <fraction>. */
static enum wk_status
read_entry(struct ctx *c, struct wk_voice *v, xmlNodePtr k)
{
	if (wk_xml_is(k, "w"))
		return push_pair(c, &v->words, &v->nwords,
		    wk_xml_attr(k, "id"), wk_xml_text(k), 0);
	if (wk_xml_is(k, "phrase"))
		return push_pair(c, &v->phrases, &v->nphrases,
		    wk_xml_attr(k, "id"), wk_xml_text(k), 0);
	if (wk_xml_is(k, "abbr"))
		return push_pair(c, &v->abbrs, &v->nabbrs,
		    wk_xml_attr(k, "written"), wk_xml_attr(k, "say"), 0);
	if (wk_xml_is(k, "letter"))
		return push_pair(c, &v->letters, &v->nletters,
		    wk_xml_attr(k, "c"), wk_xml_text(k), 0);
	if (wk_xml_is(k, "list"))
		return push_pair(c, &v->contexts, &v->ncontexts,
		    wk_xml_attr(k, "id"), wk_xml_text(k), 0);
	if (wk_xml_is(k, "unit"))
		return read_unit(c, v, k);
	if (wk_xml_is(k, "rule"))
		return read_rule(c, v, k);
	if (wk_xml_is(k, "period"))
		return read_period(c, v, k);
	if (wk_xml_is(k, "fraction"))
		return read_fraction(c, v, k);
	return WK_OK;
}

static enum wk_status
read_entries(struct ctx *c, struct wk_voice *v, xmlNodePtr n)
{
	xmlNodePtr k;
	enum wk_status st = WK_OK;

	for (k = wk_xml_elem(n->children); k && st == WK_OK;
	    k = wk_xml_elem(k->next))
		st = read_entry(c, v, k);
	return st;
}

static enum wk_status
read_header(struct ctx *c, struct wk_voice *v)
{
	xmlNodePtr root = c->f->root;
	char *s;

	v->lang = wk_xml_attr(root, "lang");
	v->name = wk_xml_attr(root, "name");
	v->espeak = wk_xml_attr(root, "espeak");
	if (v->lang == NULL || v->name == NULL || v->espeak == NULL)
		return wk_err_nomem(c->err);
	s = wk_xml_attr(root, "rate");
	v->rate_wpm = s ? atoi(s) : 150;
	free(s);
	s = wk_xml_attr(root, "pitch");
	v->pitch = s ? atoi(s) : 50;
	free(s);
	if (v->rate_wpm < 80 || v->rate_wpm > 450)
		return bad(c, root, "rate", _("rate must be %s words per minute"),
		    "80 to 450");
	if (v->pitch < 0 || v->pitch > 99)
		return bad(c, root, "pitch", _("pitch must be %s"), "0 to 99");
	return read_language(c, v, root);
}

/* The readers of voice.xml's top-level elements; any other element is a
 * table of entries (read_entry). */
static const struct {
	const char *name;
	enum wk_status (*read)(struct ctx *, struct wk_voice *, xmlNodePtr);
} elem_readers[] = {
	{ "numbers", read_numbers },
	{ "ordinals", read_ordinals },
	{ "fractions", read_fractions },
	{ "weekdays", read_weekdays },
	{ "months", read_months },
	{ "month-abbrs", read_month_abbrs },
	{ "acronyms", read_acronyms },
	{ "endings", read_endings },
	{ "nouns", read_nouns },
};

static enum wk_status
read_voice_xml(struct ctx *c, struct wk_voice *v)
{
	xmlNodePtr root = c->f->root, n;
	enum wk_status st;
	size_t i;

	if ((st = read_header(c, v)) != WK_OK)
		return st;
	for (n = wk_xml_elem(root->children); n && st == WK_OK;
	    n = wk_xml_elem(n->next)) {
		for (i = 0; i < sizeof elem_readers / sizeof elem_readers[0]; i++)
			if (wk_xml_is(n, elem_readers[i].name))
				break;
		st = i < sizeof elem_readers / sizeof elem_readers[0]
		    ? elem_readers[i].read(c, v, n) : read_entries(c, v, n);
	}
	if (st != WK_OK)
		return st;
	if (v->nnums == 0 || v->weekdays[0] == NULL || v->months[0] == NULL)
		return bad(c, root, NULL, "%s", _("a voice needs <numbers>, "
		    "<weekdays> and <months>"));
	if ((v->suffix_vowel == NULL) != (v->suffix_cons == NULL))
		return bad(c, root, NULL, "%s", _("<numbers> needs both "
		    "suffix-vowel and suffix-consonant, or neither"));
	return WK_OK;
}

/*
 * Reads gender.txt beside voice.xml, the noun gender lexicon: lines
 * "f: word word ...", "m: ..." or "none: ..." (not counted nouns); '#'
 * starts a comment. A missing file is no error (a voice without gender).
 */
static enum wk_status
read_genders(struct wk_voice *v, struct wk_err *err)
{
	struct ctx c = { NULL, err };
	struct wk_lines l;
	char *path, *line;
	int missing;
	enum wk_status st;

	if ((path = wk_path_join(v->dir, "gender.txt")) == NULL)
		return wk_err_nomem(err);
	if ((st = wk_lines_open(&l, path, WK_TEXT_LINE_MAX, &missing,
	    err)) != WK_OK || missing) {
		free(path);
		return st;
	}
	while ((st = wk_lines_next(&l, &line, err)) == WK_OK && line != NULL) {
		char *a, *colon;

		line[strcspn(line, "#")] = '\0';
		a = line + strspn(line, " \t");
		if (*a == '\0')
			continue;
		if ((colon = strchr(a, ':')) == NULL || (strncmp(a, "f:", 2) &&
		    strncmp(a, "m:", 2) && strncmp(a, "none:", 5))) {
			st = wk_err_set(err, WK_EINPUT, path, l.lineno, 1, "%s",
			    _("expected 'f:', 'm:' or 'none:' and the nouns"));
			break;
		}
		if ((st = add_nouns(&c, v, colon + 1, gender_code(a))) != WK_OK)
			break;
	}
	wk_lines_close(&l);
	free(path);
	return st;
}

/* Reads "word = respelling" lines into v->lexicon, sorted by folded word. */
static enum wk_status
read_lexicon(struct wk_voice *v, struct wk_diags *d, struct wk_err *err)
{
	struct wk_lines l;
	char *line;
	int missing;
	size_t i, j;
	struct ctx c = { NULL, err };
	enum wk_status st;

	if ((st = wk_lines_open(&l, v->lexicon_path, WK_TEXT_LINE_MAX,
	    &missing, err)) != WK_OK || missing)
		return st;
	while ((st = wk_lines_next(&l, &line, err)) == WK_OK && line != NULL) {
		char *eq, *a, *b, *e;

		a = line + strspn(line, " \t");
		if (*a == '\0' || *a == '#')
			continue;
		if ((eq = strchr(a, '=')) == NULL) {
			st = wk_err_set(err, WK_EINPUT, v->lexicon_path, l.lineno,
			    (int)(a - line) + 1, "%s", _("expected 'word = "
			    "respelling'"));
			break;
		}
		e = eq;
		while (e > a && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		b = eq + 1 + strspn(eq + 1, " \t");
		if (e == a || *b == '\0' || memchr(a, ' ', (size_t)(e - a))) {
			st = wk_err_set(err, WK_EINPUT, v->lexicon_path, l.lineno,
			    (int)(a - line) + 1, "%s", _("expected one word, '=', "
			    "and its respelling"));
			break;
		}
		j = strlen(b);
		while (j > 0 && (b[j - 1] == ' ' || b[j - 1] == '\t'))
			b[--j] = '\0';
		st = push_pair(&c, &v->lexicon, &v->nlexicon,
		    wk_fold(a, (size_t)(e - a)), strdup(b), 0);
		if (st != WK_OK)
			break;
		v->lexicon[v->nlexicon - 1].line = l.lineno;
	}
	wk_lines_close(&l);
	if (st != WK_OK)
		return st;
	/* Sort stably by word; a later duplicate wins, with a warning. */
	if (v->nlexicon > 0)
		qsort(v->lexicon, v->nlexicon, sizeof *v->lexicon, cmp_pair);
	for (i = 0, j = 0; i < v->nlexicon; i++) {
		if (j > 0 && strcmp(v->lexicon[j - 1].from, v->lexicon[i].from) == 0) {
			struct wk_pair *keep = &v->lexicon[j - 1], *dup = &v->lexicon[i];

			if (dup->line < keep->line) {
				struct wk_pair t = *keep;

				*keep = *dup;
				*dup = t;
			}
			wk_diag(d, WK_WARNING, v->lexicon_path, dup->line, 1,
			    _("'%s' is listed again (first at line %d); the later "
			    "entry wins"), keep->from, keep->line);
			free(keep->to);
			free(keep->from);
			*keep = *dup;
			continue;
		}
		v->lexicon[j++] = v->lexicon[i];
	}
	v->nlexicon = j;
	return WK_OK;
}

enum wk_status
wk_voice_add_lexicons(struct wk_voice *v, const char *const *dirs,
    struct wk_diags *d, struct wk_err *err)
{
	const char *const *dir;
	enum wk_status st = WK_OK;

	for (dir = dirs; dir != NULL && *dir != NULL && st == WK_OK; dir++) {
		struct wk_voice loc;
		struct wk_buf rel = WK_BUF_INIT;
		struct ctx c = { NULL, err };
		size_t i;

		memset(&loc, 0, sizeof loc);
		wk_buf_printf(&rel, "%s/lexicon.txt", v->lang);
		loc.lexicon_path = rel.failed ? NULL
		    : wk_path_join(*dir, wk_buf_str(&rel));
		wk_buf_free(&rel);
		if (loc.lexicon_path == NULL)
			return wk_err_nomem(err);
		st = read_lexicon(&loc, d, err);
		for (i = 0; st == WK_OK && i < loc.nlexicon; i++) {
			struct wk_pair *p = &loc.lexicon[i], *old;

			old = bsearch(p, v->lexicon, v->nlexicon, sizeof *p,
			    cmp_pair);
			if (old != NULL) {
				free(old->to);
				old->to = p->to;
				free(p->from);
			} else
				st = push_pair(&c, &v->lexicon, &v->nlexicon,
				    p->from, p->to, 0);
			p->from = p->to = NULL;
		}
		for (; i < loc.nlexicon; i++) {
			free(loc.lexicon[i].from);
			free(loc.lexicon[i].to);
		}
		free(loc.lexicon);
		free(loc.lexicon_path);
		if (v->nlexicon > 0)
			qsort(v->lexicon, v->nlexicon, sizeof *v->lexicon, cmp_pair);
	}
	/* The folders' units, currencies, acronyms and abbreviations. */
	if (st == WK_OK)
		st = wk_vocab_add(v, dirs, d, err);
	return st;
}

char *
wk_prompt_word(const char *s, size_t n)
{
	/* Marks around a word: ASCII ones, and the two-byte ¿ ¡ « ». */
	static const char ascii[] = ".,;:!?()\"'";
	size_t a = 0, b = n;

	for (;;) {
		if (a < b && memchr(ascii, s[a], sizeof ascii - 1) != NULL)
			a++;
		else if (b - a >= 2 && (unsigned char)s[a] == 0xC2 &&
		    strchr("\xBF\xA1\xAB\xBB", s[a + 1]) != NULL)
			a += 2;
		else
			break;
	}
	for (;;) {
		if (b > a && memchr(ascii, s[b - 1], sizeof ascii - 1) != NULL)
			b--;
		else if (b - a >= 2 && (unsigned char)s[b - 2] == 0xC2 &&
		    strchr("\xBB", s[b - 1]) != NULL)
			b -= 2;
		else
			break;
	}
	return wk_fold(s + a, b - a);
}

/* Reads the index at v->prompts_path: "file: the exact words it says"
 * per line, each file beside it. A listed file that is missing is a
 * warning: the words are synthesized. */
static enum wk_status
read_prompts(struct wk_voice *v, struct wk_diags *d, struct wk_err *err)
{
	struct wk_lines l;
	char *line, *dir;
	enum wk_status st;

	if ((st = wk_lines_open(&l, v->prompts_path, WK_TEXT_LINE_MAX, NULL,
	    err)) != WK_OK)
		return st;
	if ((dir = wk_path_dir(v->prompts_path)) == NULL) {
		wk_lines_close(&l);
		return wk_err_nomem(err);
	}
	while ((st = wk_lines_next(&l, &line, err)) == WK_OK && line != NULL) {
		struct wk_prompt *np, *pr;
		char *colon, *a = line, **w;
		size_t nw = 0, i;

		a += strspn(a, " \t");
		if (*a == '\0' || *a == '#')
			continue;
		if ((colon = strchr(a, ':')) == NULL || colon == a) {
			st = wk_err_set(err, WK_EINPUT, v->prompts_path, l.lineno, 1,
			    "%s", _("expected 'file.wav: the words it says'"));
			break;
		}
		*colon = '\0';
		if ((w = wk_split_words(colon + 1, &nw)) == NULL) {
			st = wk_err_nomem(err);
			break;
		}
		if (nw == 0) {
			wk_free_words(w, nw);
			st = wk_err_set(err, WK_EINPUT, v->prompts_path, l.lineno,
			    (int)(colon - line) + 2, "%s",
			    _("the prompt says no words; write them after ':'"));
			break;
		}
		for (i = 0; i < nw; i++) {
			char *f = wk_prompt_word(w[i], strlen(w[i]));

			free(w[i]);
			w[i] = f;
			if (f == NULL)
				st = wk_err_nomem(err);
		}
		if (st != WK_OK ||
		    (np = realloc(v->prompts, (v->nprompts + 1) * sizeof *np)) == NULL) {
			wk_free_words(w, nw);
			st = st != WK_OK ? st : wk_err_nomem(err);
			break;
		}
		v->prompts = np;
		pr = &np[v->nprompts++];
		pr->words = w;
		pr->nwords = nw;
		pr->line = l.lineno;
		pr->vetted = 0;
		colon[0] = '\0';
		while (colon > a && (colon[-1] == ' ' || colon[-1] == '\t'))
			*--colon = '\0';
		if ((pr->path = wk_path_join(dir, a)) == NULL) {
			st = wk_err_nomem(err);
			break;
		}
		if (access(pr->path, R_OK) != 0)
			wk_diag(d, WK_WARNING, v->prompts_path, l.lineno, 1,
			    _("prompt file %s is missing; those words will be "
			    "synthesized"), a);
	}
	wk_lines_close(&l);
	free(dir);
	return st;
}

enum wk_status
wk_voice_add_prompts(struct wk_voice *v, const char *const *dirs,
    struct wk_diags *d, struct wk_err *err)
{
	const char *const *dir;
	char *kit = NULL;

	assert(v->nprompts == 0 && v->prompts_path == NULL);
	/* The last folder with a kit for the language has the whole say:
	 * the takes of one announcer, never mixed with another folder's. */
	for (dir = dirs; dir != NULL && *dir != NULL; dir++) {
		struct wk_buf rel = WK_BUF_INIT;
		char *path;

		wk_buf_printf(&rel, "%s/prompts/index.txt", v->lang);
		path = rel.failed ? NULL : wk_path_join(*dir, wk_buf_str(&rel));
		wk_buf_free(&rel);
		if (path == NULL) {
			free(kit);
			return wk_err_nomem(err);
		}
		if (access(path, F_OK) == 0) {
			free(kit);
			kit = path;
		} else
			free(path);
	}
	if (kit == NULL)
		return WK_OK;
	v->prompts_path = kit;
	return read_prompts(v, d, err);
}

enum wk_status
wk_voice_load_file(const char *path, struct wk_voice **out,
    struct wk_diags *d, struct wk_err *err)
{
	struct wk_xmlfile f;
	struct wk_voice *v;
	struct ctx c = { &f, err };
	enum wk_status st;

	*out = NULL;
	if ((v = calloc(1, sizeof *v)) == NULL)
		return wk_err_nomem(err);
	st = wk_xml_load(path, WK_XML_UTF8_ONLY, &f, err);
	if (st == WK_OK)
		st = wk_xml_validate(&f, "voice", d, err);
	if (st == WK_OK && ((v->path = strdup(path)) == NULL ||
	    (v->dir = wk_path_dir(path)) == NULL ||
	    (v->lexicon_path = wk_path_join(v->dir, "lexicon.txt")) == NULL))
		st = wk_err_nomem(err);
	if (st == WK_OK)
		st = read_voice_xml(&c, v);
	wk_xml_free(&f);
	if (st == WK_OK)
		st = read_lexicon(v, d, err);
	if (st == WK_OK)
		st = read_genders(v, err);
	if (st == WK_OK && v->nnouns > 0)
		qsort(v->nouns, v->nnouns, sizeof *v->nouns, cmp_pair);
	v->has_gender = v->nnouns > 0 || v->nfem_endings > 0;
	if (st == WK_OK)
		st = wk_vocab_load(v, d, err);
	if (st != WK_OK) {
		wk_voice_free(v);
		return st;
	}
	*out = v;
	return WK_OK;
}

enum wk_status
wk_voice_load(const char *lang, struct wk_voice **out, struct wk_diags *d,
    struct wk_err *err)
{
	struct wk_buf rel = WK_BUF_INIT;
	enum wk_status st;
	char *path;
	const char *p;

	*out = NULL;
	for (p = lang; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '-'))
			return wk_err_set(err, WK_EINPUT, NULL, 0, 0,
			    _("'%s' is not a language code (es, qu)"), lang);
	wk_buf_printf(&rel, "voices/%s/voice.xml", lang);
	path = rel.failed ? NULL : wk_data_path(wk_buf_str(&rel));
	wk_buf_free(&rel);
	if (path == NULL)
		return wk_err_nomem(err);
	st = wk_voice_load_file(path, out, d, err);
	if (st == WK_EINPUT && access(path, R_OK) != 0)
		st = wk_err_set(err, WK_EINPUT, NULL, 0, 0,
		    _("there is no voice for language '%s' (%s is missing)"),
		    lang, path);
	free(path);
	return st;
}

static void
free_nums(struct wk_numword *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].bare);
		free(v[i].masc);
		free(v[i].fem);
		free(v[i].more);
		free(v[i].plural);
		free(v[i].link);
		free(v[i].of);
	}
	free(v);
}

static void
free_pairs(struct wk_pair *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].from);
		free(v[i].to);
	}
	free(v);
}

void
wk_voice_free(struct wk_voice *v)
{
	size_t i;

	if (v == NULL)
		return;
	free(v->lang);
	wk_free_words(v->accepts, v->naccepts);
	free(v->iso639_2);
	free(v->locale);
	free(v->fallback);
	free(v->spelling);
	free(v->name);
	free(v->espeak);
	free(v->path);
	free(v->dir);
	free(v->lexicon_path);
	free_nums(v->nums, v->nnums);
	free_nums(v->ords, v->nords);
	free(v->suffix_vowel);
	free(v->suffix_cons);
	free(v->partitive);
	free(v->partitive_and);
	free(v->partitive_drop);
	wk_vocab_free(v->vocab);
	for (i = 0; i < v->nfractions; i++) {
		free(v->fractions[i].alone);
		free(v->fractions[i].masc);
		free(v->fractions[i].fem);
		free(v->fractions[i].after);
		free(v->fractions[i].after_fem);
	}
	free(v->fractions);
	free_pairs(v->words, v->nwords);
	free_pairs(v->phrases, v->nphrases);
	for (i = 0; i < 7; i++)
		free(v->weekdays[i]);
	for (i = 0; i < 12; i++) {
		free(v->months[i]);
		free(v->month_abbrs[i]);
	}
	for (i = 0; i < v->nunits; i++) {
		free(v->units[i].id);
		free(v->units[i].one);
		free(v->units[i].many);
		wk_free_words(v->units[i].written, v->units[i].nwritten);
	}
	free(v->units);
	free_pairs(v->nouns, v->nnouns);
	wk_free_words(v->fem_endings, v->nfem_endings);
	for (i = 0; i < v->nperiods; i++)
		free(v->periods[i].say);
	free(v->periods);
	free_pairs(v->abbrs, v->nabbrs);
	free_pairs(v->letters, v->nletters);
	wk_free_words(v->acronym_words, v->nacronym_words);
	free_pairs(v->contexts, v->ncontexts);
	free_pairs(v->respell, v->nrespell);
	free_pairs(v->lexicon, v->nlexicon);
	for (i = 0; i < v->nprompts; i++) {
		free(v->prompts[i].path);
		wk_free_words(v->prompts[i].words, v->prompts[i].nwords);
	}
	free(v->prompts);
	free(v->prompts_path);
	free(v);
}

struct wk_voice *
wk_voiceset_get(struct wk_voiceset *set, const char *lang,
    struct wk_diags *d, struct wk_err *err)
{
	struct wk_voice *v;
	size_t i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i]->lang, lang) == 0)
			return set->v[i];
	if (set->n == sizeof set->v / sizeof set->v[0]) {
		wk_err_set(err, WK_EINPUT, NULL, 0, 0, "%s",
		    _("too many languages in one run"));
		return NULL;
	}
	if (wk_voice_load(lang, &v, d, err) != WK_OK)
		return NULL;
	if (wk_voice_add_lexicons(v, set->local, d, err) != WK_OK ||
	    wk_voice_add_prompts(v, set->local, d, err) != WK_OK) {
		wk_voice_free(v);
		return NULL;
	}
	set->v[set->n++] = v;
	return v;
}

void
wk_voiceset_free(struct wk_voiceset *set)
{
	while (set->n > 0)
		wk_voice_free(set->v[--set->n]);
}
