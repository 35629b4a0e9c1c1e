/*
 * Reads a voice's vocabulary of text (vocab.h): the line files units.txt,
 * currencies.txt, acronyms.txt and abbreviations.txt of voices/<lang>/,
 * after the fallback language's units and currencies and before the same
 * files of each station folder. Lines are "written forms = fields", fields
 * separated by '|'; '#' starts a comment line. Later lines win over earlier
 * ones with the same written form (the lookups in say/ take the last).
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/lines.h"
#include "base/paths.h"
#include "base/text.h"
#include "vocab.h"

#define MAX_FIELDS 8

/* One line being read: where it is, and its fields. */
struct line {
	const char *path;
	int lineno;
	char *kind;		/* "prefix", "power", "per" or NULL */
	char **written;		/* the forms left of '=' */
	size_t nwritten;
	char *f[MAX_FIELDS];	/* right of '=', split at '|', trimmed */
	size_t nf;
};

static char *
trim(char *s)
{
	char *e;

	s += strspn(s, " \t");
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

static enum wk_status
line_err(const struct line *l, const char *msg, struct wk_err *err)
{
	return wk_err_set(err, WK_EINPUT, l->path, l->lineno, 1, "%s", msg);
}

/* Splits buf (modified) into l; kinds are the words that may start a
 * line of this file. */
static enum wk_status
split_line(char *buf, const char *const *kinds, struct line *l,
    struct wk_err *err)
{
	char *eq = strchr(buf, '='), *left, *right, *bar;
	size_t i;

	l->kind = NULL;
	l->nf = 0;
	if (eq == NULL)
		return line_err(l, _("expected 'written forms = what to say'"), err);
	*eq = '\0';
	left = trim(buf);
	for (i = 0; kinds != NULL && kinds[i] != NULL; i++) {
		size_t k = strlen(kinds[i]);

		if (strncmp(left, kinds[i], k) == 0 && (left[k] == ' ' ||
		    left[k] == '\t' || left[k] == '\0')) {
			l->kind = (char *)kinds[i];
			left = trim(left + k);
			break;
		}
	}
	if ((l->written = wk_split_words(left, &l->nwritten)) == NULL)
		return wk_err_nomem(err);
	if (l->nwritten == 0 && (l->kind == NULL || strcmp(l->kind, "per") != 0))
		return line_err(l, _("nothing written left of '='"), err);
	right = eq + 1;
	while (l->nf < MAX_FIELDS) {
		bar = strchr(right, '|');
		if (bar != NULL)
			*bar = '\0';
		l->f[l->nf++] = trim(right);
		if (bar == NULL)
			break;
		right = bar + 1;
	}
	if (l->nf == 0 || l->f[0][0] == '\0')
		return line_err(l, _("nothing to say right of '='"), err);
	return WK_OK;
}

static int
gender_of(const char *s, enum wk_gender *g)
{
	if (strcmp(s, "m") == 0)
		*g = WK_MASC;
	else if (strcmp(s, "f") == 0)
		*g = WK_FEM;
	else if (strcmp(s, "-") == 0)
		*g = WK_BARE;
	else
		return -1;
	return 0;
}

static void *
grow(void *v, size_t n, size_t size)
{
	if (n >= ((size_t)-1) / 2 / size)
		return NULL;
	return realloc(v, (n + 1) * size);
}

static char **
take_written(struct line *l, size_t *n)
{
	char **w = l->written;

	*n = l->nwritten;
	l->written = NULL;
	l->nwritten = 0;
	return w;
}

/* units.txt: "written = gender | singular | plural [| options]", "prefix
 * syms = word [| accented]", "power forms = m | f | m pl | f pl", "per
 * forms = template". */
static enum wk_status
unit_line(struct wk_vocab *vc, struct line *l, int borrowed,
    struct wk_err *err)
{
	if (l->kind != NULL && strcmp(l->kind, "prefix") == 0) {
		size_t i;

		for (i = 0; i < l->nwritten; i++) {
			struct wk_prefix *np = grow(vc->prefixes, vc->nprefixes,
			    sizeof *np), *p;

			if (np == NULL)
				return wk_err_nomem(err);
			vc->prefixes = np;
			p = &np[vc->nprefixes++];
			p->sym = strdup(l->written[i]);
			p->word = strdup(l->f[0]);
			p->accented = strdup(l->nf > 1 ? l->f[1] : l->f[0]);
			p->borrowed = borrowed;
			if (p->sym == NULL || p->word == NULL || p->accented == NULL)
				return wk_err_nomem(err);
		}
		return WK_OK;
	}
	if (l->kind != NULL && strcmp(l->kind, "power") == 0) {
		struct wk_power *np = grow(vc->powers, vc->npowers, sizeof *np), *p;
		size_t i;

		if (np == NULL)
			return wk_err_nomem(err);
		vc->powers = np;
		p = &np[vc->npowers++];
		memset(p, 0, sizeof *p);
		p->borrowed = borrowed;
		p->written = take_written(l, &p->nwritten);
		for (i = 0; i < 4; i++)
			if ((p->forms[i] = strdup(l->f[i < l->nf ? i : 0])) == NULL)
				return wk_err_nomem(err);
		return WK_OK;
	}
	if (l->kind != NULL && strcmp(l->kind, "per") == 0) {
		if (strstr(l->f[0], "{unit}") == NULL)
			return line_err(l, _("the per line says where the unit "
			    "goes with {unit}: per / = por {unit}"), err);
		if (l->nwritten > 0) {
			wk_free_words(vc->per, vc->nper);
			vc->per = take_written(l, &vc->nper);
		}
		free(vc->per_say);
		vc->per_say_borrowed = borrowed;
		return (vc->per_say = strdup(l->f[0])) ? WK_OK : wk_err_nomem(err);
	}
	{
		struct wk_tunit *nu = grow(vc->units, vc->nunits, sizeof *nu), *t;
		enum wk_gender g;
		char **opt;
		size_t nopt = 0, i;

		if (nu == NULL)
			return wk_err_nomem(err);
		vc->units = nu;
		if (l->nf < 3 || gender_of(l->f[0], &g) != 0)
			return line_err(l, _("a unit is 'written forms = m|f|- | "
			    "singular | plural [| prefix accent alone spaced]'"), err);
		t = &nu[vc->nunits];
		memset(t, 0, sizeof *t);
		t->u.gender = g;
		if ((opt = wk_split_words(l->nf > 3 ? l->f[3] : "", &nopt)) == NULL)
			return wk_err_nomem(err);
		for (i = 0; i < nopt; i++) {
			if (strcmp(opt[i], "prefix") == 0)
				t->flags |= WK_UNIT_PREFIX;
			else if (strcmp(opt[i], "accent") == 0)
				t->flags |= WK_UNIT_ACCENT;
			else if (strcmp(opt[i], "alone") == 0)
				t->flags |= WK_UNIT_ALONE;
			else if (strcmp(opt[i], "spaced") == 0)
				t->flags |= WK_UNIT_SPACED;
			else {
				wk_free_words(opt, nopt);
				return line_err(l, _("unknown unit option (the known "
				    "ones are prefix, accent, alone and spaced)"), err);
			}
		}
		wk_free_words(opt, nopt);
		if (borrowed)
			t->flags |= WK_UNIT_BORROWED;
		t->u.written = take_written(l, &t->u.nwritten);
		vc->nunits++;
		if ((t->u.id = strdup(t->u.written[0])) == NULL ||
		    (t->u.one = strdup(l->f[1])) == NULL ||
		    (t->u.many = strdup(l->f[2])) == NULL)
			return wk_err_nomem(err);
		return WK_OK;
	}
}

/* currencies.txt: "symbols and codes = gender | singular | plural [|
 * gender | hundredth | hundredths]". */
static enum wk_status
currency_line(struct wk_vocab *vc, struct line *l, int borrowed,
    struct wk_err *err)
{
	struct wk_currency *nc = grow(vc->currencies, vc->ncurrencies,
	    sizeof *nc), *c;
	enum wk_gender g, sg = WK_MASC;
	size_t i;

	if (nc == NULL)
		return wk_err_nomem(err);
	vc->currencies = nc;
	if (l->nf < 3 || gender_of(l->f[0], &g) != 0 || (l->nf >= 6 &&
	    gender_of(l->f[3], &sg) != 0) || (l->nf != 3 && l->nf != 6))
		return line_err(l, _("a currency is 'symbols and codes = m|f|- "
		    "| singular | plural [| m|f|- | hundredth | hundredths]'"),
		    err);
	c = &nc[vc->ncurrencies++];
	memset(c, 0, sizeof *c);
	c->borrowed = borrowed;
	c->written = take_written(l, &c->nwritten);
	c->unit.gender = g;
	c->sub.gender = sg;
	/* The id is the ISO code when one is written, else the first form. */
	for (i = 0; i < c->nwritten && c->unit.id == NULL; i++)
		if (strlen(c->written[i]) == 3 && c->written[i][0] >= 'A' &&
		    c->written[i][0] <= 'Z' && c->written[i][1] >= 'A' &&
		    c->written[i][1] <= 'Z' && c->written[i][2] >= 'A' &&
		    c->written[i][2] <= 'Z')
			c->unit.id = strdup(c->written[i]);
	if ((c->unit.id == NULL && (c->unit.id = strdup(c->written[0])) == NULL) ||
	    (c->unit.one = strdup(l->f[1])) == NULL ||
	    (c->unit.many = strdup(l->f[2])) == NULL)
		return wk_err_nomem(err);
	if (l->nf == 6 && ((c->sub.id = strdup(c->unit.id)) == NULL ||
	    (c->sub.one = strdup(l->f[4])) == NULL ||
	    (c->sub.many = strdup(l->f[5])) == NULL))
		return wk_err_nomem(err);
	return WK_OK;
}

/* acronyms.txt: "ACRONYM = word", "= spell" or "= the words to say". */
static enum wk_status
acronym_line(struct wk_vocab *vc, struct line *l, int borrowed,
    struct wk_err *err)
{
	size_t i;

	(void)borrowed;
	for (i = 0; i < l->nwritten; i++) {
		struct wk_acronym *na = grow(vc->acronyms, vc->nacronyms,
		    sizeof *na), *a;

		if (na == NULL)
			return wk_err_nomem(err);
		vc->acronyms = na;
		a = &na[vc->nacronyms++];
		memset(a, 0, sizeof *a);
		a->how = strcmp(l->f[0], "word") == 0 ? WK_ACR_WORD :
		    strcmp(l->f[0], "spell") == 0 ? WK_ACR_SPELL : WK_ACR_SAY;
		if ((a->written = strdup(l->written[i])) == NULL ||
		    (a->how == WK_ACR_SAY && (a->say = strdup(l->f[0])) == NULL))
			return wk_err_nomem(err);
	}
	return WK_OK;
}

/* abbreviations.txt: "Av. = avenida"; the written form may hold spaces
 * ("Mun. Prov."), so the whole left side is one form. */
static enum wk_status
abbr_line(struct wk_voice *v, struct line *l, struct wk_err *err)
{
	struct wk_buf w = WK_BUF_INIT;
	struct wk_pair *np;
	size_t i;

	for (i = 0; i < l->nwritten; i++) {
		if (i > 0)
			wk_buf_putc(&w, ' ');
		wk_buf_puts(&w, l->written[i]);
	}
	if (w.failed || (np = grow(v->abbrs, v->nabbrs, sizeof *np)) == NULL) {
		wk_buf_free(&w);
		return wk_err_nomem(err);
	}
	v->abbrs = np;
	np[v->nabbrs].from = wk_buf_steal(&w);
	np[v->nabbrs].to = strdup(l->f[0]);
	np[v->nabbrs].initial = 0;
	np[v->nabbrs].line = l->lineno;
	v->nabbrs++;
	if (np[v->nabbrs - 1].from == NULL || np[v->nabbrs - 1].to == NULL)
		return wk_err_nomem(err);
	return WK_OK;
}

enum file_kind { F_UNITS, F_CURRENCIES, F_ACRONYMS, F_ABBRS };

static const char *const file_names[] = {
	"units.txt", "currencies.txt", "acronyms.txt", "abbreviations.txt",
};

static enum wk_status
read_file(struct wk_voice *v, const char *path, enum file_kind kind,
    int borrowed, struct wk_err *err)
{
	static const char *const unit_kinds[] = { "prefix", "power", "per",
	    NULL };
	struct wk_lines in;
	char *buf;
	struct line l;
	int missing;
	enum wk_status st;

	if ((st = wk_lines_open(&in, path, WK_TEXT_LINE_MAX, &missing,
	    err)) != WK_OK || missing)
		return st;
	memset(&l, 0, sizeof l);
	l.path = path;
	while ((st = wk_lines_next(&in, &buf, err)) == WK_OK && buf != NULL) {
		char *a;

		l.lineno = in.lineno;
		a = trim(buf);
		if (*a == '\0' || *a == '#')
			continue;
		st = split_line(a, kind == F_UNITS ? unit_kinds : NULL, &l, err);
		if (st == WK_OK)
			switch (kind) {
			case F_UNITS:
				st = unit_line(v->vocab, &l, borrowed, err);
				break;
			case F_CURRENCIES:
				st = currency_line(v->vocab, &l, borrowed, err);
				break;
			case F_ACRONYMS:
				st = acronym_line(v->vocab, &l, borrowed, err);
				break;
			case F_ABBRS:
				st = abbr_line(v, &l, err);
				break;
			}
		wk_free_words(l.written, l.nwritten);
		l.written = NULL;
		l.nwritten = 0;
		if (st != WK_OK)
			break;
	}
	wk_lines_close(&in);
	return st;
}

/* Reads dir/lang/name (lang NULL: dir/name). */
static enum wk_status
read_in(struct wk_voice *v, const char *dir, const char *lang,
    enum file_kind kind, int borrowed, struct wk_err *err)
{
	struct wk_buf rel = WK_BUF_INIT;
	char *path;
	enum wk_status st;

	if (lang != NULL)
		wk_buf_printf(&rel, "%s/%s", lang, file_names[kind]);
	else
		wk_buf_puts(&rel, file_names[kind]);
	path = rel.failed ? NULL : wk_path_join(dir, wk_buf_str(&rel));
	wk_buf_free(&rel);
	if (path == NULL)
		return wk_err_nomem(err);
	st = read_file(v, path, kind, borrowed, err);
	free(path);
	return st;
}

static int
cmp_acronym(const void *a, const void *b)
{
	return strcmp(((const struct wk_acronym *)a)->written,
	    ((const struct wk_acronym *)b)->written);
}

/* Sorts the acronyms; of two with the same form the later one (in
 * reading order) stays. */
static void
sort_acronyms(struct wk_vocab *vc)
{
	size_t i, j = 0;

	for (i = 0; i < vc->nacronyms; i++)
		vc->acronyms[i].order = i;
	if (vc->nacronyms > 1)
		qsort(vc->acronyms, vc->nacronyms, sizeof *vc->acronyms,
		    cmp_acronym);
	for (i = 0; i < vc->nacronyms; i++) {
		struct wk_acronym *a = &vc->acronyms[i], *keep;

		if (j == 0 || strcmp(vc->acronyms[j - 1].written, a->written) != 0) {
			vc->acronyms[j++] = *a;
			continue;
		}
		keep = &vc->acronyms[j - 1];
		if (a->order > keep->order) {
			struct wk_acronym t = *keep;

			*keep = *a;
			*a = t;
		}
		free(a->written);
		free(a->say);
	}
	vc->nacronyms = j;
}

enum wk_status
wk_vocab_load(struct wk_voice *v, struct wk_diags *d, struct wk_err *err)
{
	char *voices = NULL;
	enum wk_status st = WK_OK;
	int k;

	(void)d;
	if ((v->vocab = calloc(1, sizeof *v->vocab)) == NULL)
		return wk_err_nomem(err);
	/* The fallback's units and currencies first: its folder is a
	 * sibling of this voice's. */
	if (v->fallback != NULL && (voices = wk_path_dir(v->dir)) == NULL)
		return wk_err_nomem(err);
	for (k = F_UNITS; voices != NULL && k <= F_CURRENCIES && st == WK_OK; k++)
		st = read_in(v, voices, v->fallback, (enum file_kind)k, 1, err);
	for (k = F_UNITS; k <= F_ABBRS && st == WK_OK; k++)
		st = read_in(v, v->dir, NULL, (enum file_kind)k, 0, err);
	free(voices);
	if (st == WK_OK)
		sort_acronyms(v->vocab);
	return st;
}

enum wk_status
wk_vocab_add(struct wk_voice *v, const char *const *dirs, struct wk_diags *d,
    struct wk_err *err)
{
	const char *const *dir;
	enum wk_status st = WK_OK;
	int k;

	(void)d;
	if (v->vocab == NULL)
		return WK_OK;
	for (dir = dirs; dir != NULL && *dir != NULL && st == WK_OK; dir++)
		for (k = F_UNITS; k <= F_ABBRS && st == WK_OK; k++)
			st = read_in(v, *dir, v->lang, (enum file_kind)k, 0, err);
	if (st == WK_OK)
		sort_acronyms(v->vocab);
	return st;
}

static void
free_unit(struct wk_unit *u)
{
	free(u->id);
	free(u->one);
	free(u->many);
	wk_free_words(u->written, u->nwritten);
}

void
wk_vocab_free(struct wk_vocab *vc)
{
	size_t i, j;

	if (vc == NULL)
		return;
	for (i = 0; i < vc->nunits; i++)
		free_unit(&vc->units[i].u);
	free(vc->units);
	for (i = 0; i < vc->nprefixes; i++) {
		free(vc->prefixes[i].sym);
		free(vc->prefixes[i].word);
		free(vc->prefixes[i].accented);
	}
	free(vc->prefixes);
	for (i = 0; i < vc->npowers; i++) {
		wk_free_words(vc->powers[i].written, vc->powers[i].nwritten);
		for (j = 0; j < 4; j++)
			free(vc->powers[i].forms[j]);
	}
	free(vc->powers);
	wk_free_words(vc->per, vc->nper);
	free(vc->per_say);
	for (i = 0; i < vc->ncurrencies; i++) {
		wk_free_words(vc->currencies[i].written,
		    vc->currencies[i].nwritten);
		free_unit(&vc->currencies[i].unit);
		free_unit(&vc->currencies[i].sub);
	}
	free(vc->currencies);
	for (i = 0; i < vc->nacronyms; i++) {
		free(vc->acronyms[i].written);
		free(vc->acronyms[i].say);
	}
	free(vc->acronyms);
	free(vc);
}

const struct wk_acronym *
wk_vocab_acronym(const struct wk_vocab *vc, const char *s, size_t n)
{
	size_t lo = 0, hi;

	if (vc == NULL)
		return NULL;
	hi = vc->nacronyms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *w = vc->acronyms[mid].written;
		int c = strncmp(w, s, n);

		if (c == 0 && w[n] != '\0')
			c = 1;
		if (c == 0)
			return &vc->acronyms[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
