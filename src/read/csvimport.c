/*
 * The CSV importer: a market clerk's spreadsheet, saved as CSV, becomes a
 * price feed. The file's text (csvtext.c) is split into records in place by
 * RFC 4180, the header names the columns, and every cell of every row is
 * checked against the catalogue and the voices' units; the problems are
 * reported together, in file order, and nothing is produced when there is
 * one. Linear in the rows: names are found among sorted keys, rows given
 * twice by sorting, markets grouped by counting.
 */

#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/money.h"
#include "base/safedir.h"
#include "base/paths.h"
#include "base/text.h"
#include "catalog.h"
#include "csvimport.h"
#include "csvtext.h"
#include "feed.h"
#include "plausible.h"
#include "voice.h"

/* Problems of one kind printed in full; the others are counted. */
#define SHOWN_PER_KIND 50

enum col { C_DATE, C_MARKET, C_PRODUCT, C_UNIT, C_VALUE, C_PREVIOUS,
	C_CONFIRMED, NCOLS };

static const char *const col_names[NCOLS][3] = {
	{ "fecha", "date", NULL },
	{ "mercado", "market", NULL },
	{ "producto", "product", NULL },
	{ "unidad", "unit", NULL },
	{ "precio", "value", "valor" },
	{ "anterior", "previous", "precio anterior" },
	{ "confirmado", "confirmed", NULL },
};

/* Columns that `willakuy history --format sheet` writes beside these, so
 * that its files are imported again without a warning. */
static const char *const quiet_cols[] = {
	"nombre del mercado", "nombre del producto", "nombre de la unidad",
	"feed", "market name", "product name", "unit name", NULL,
};

/* Kinds of problem, each counted and capped on its own. */
enum kind {
	K_HEADER, K_QUOTE, K_FIELDS, K_CONTROL, K_EMPTY, K_DATE, K_OTHER_DAY,
	K_MARKET, K_PRODUCT, K_UNIT, K_PRICE, K_PREVIOUS, K_TWICE, K_CONFIRMED,
	K_SUSPECT, NKINDS
};

static const char *const kind_label[NKINDS] = {
	N_("header"), N_("unclosed quote"), N_("wrong number of cells"),
	N_("control character"), N_("empty cell"), N_("not a date"),
	N_("another day's date"), N_("unknown market"), N_("unknown product"),
	N_("unknown unit"), N_("not a price"), N_("not a previous price"),
	N_("row given twice"), N_("not sí or no"), N_("suspect price"),
};

/* One cell of a record: its text (trimmed, in the file's buffer) and where
 * it starts. */
struct field {
	char *s;
	int line, col;
};

struct parser {
	char *p;		/* what is left to read */
	int line, col;		/* of p; col counts characters from 1 */
	char delim;
	int bad_line, bad_col;	/* an unclosed quote */
};

/* A name's key, sorted for lookups: entry is the catalogue index; entry2
 * is another entry whose name has the key too (then the key is ambiguous),
 * else -1. */
struct ikey {
	char *k;
	int entry, entry2, id;
};

struct index {
	const struct wk_entry *v;
	struct ikey *keys;
	size_t n;
};

struct row {
	int market, product, unit, line;
	long long value, previous;
	int confirmed;		/* the clerk vouches for a suspect price */
};

struct prob {
	int line, col;
	size_t seq;
	char *msg;
};

struct ctx {
	const char *path;
	const struct wk_csv_ref *ref;
	struct wk_diags *d;
	struct index markets, products;
	const char **units;	/* unit ids every voice knows, sorted */
	size_t nunits;
	int col[NCOLS];		/* field index of each column, -1 absent */
	char colname[NCOLS][WK_CSV_SHOWN];	/* as the header writes it */
	size_t ncols;
	struct row *rows;
	size_t nrows, caprows;
	struct wk_date date;
	int date_line;
	char date_text[32];
	struct prob *probs;
	size_t nprobs, capprobs, seq;
	size_t count[NKINDS];
	size_t nbad;		/* rows with a problem */
	int row_bad;		/* the current row has one */
	int nomem;
	struct wk_buf key;	/* scratch for keys */
};

/* The delimiter: whichever of ',' and ';' the header line uses more. */
static char
delimiter(const char *s)
{
	size_t comma = 0, semi = 0;
	int q = 0;

	for (; *s && (q || (*s != '\n' && *s != '\r')); s++)
		if (*s == '"')
			q = !q;
		else if (!q && *s == ',')
			comma++;
		else if (!q && *s == ';')
			semi++;
	return semi > comma ? ';' : ',';
}

/*
 * Reads the record at ps->p (RFC 4180) into (*f)[0..*n), in place: each
 * field's text is unquoted where it stands and NUL-terminated. Returns 1
 * with a record, 0 at the end, -1 on an unterminated quote (ps->bad_line
 * and bad_col set), -2 when out of memory.
 */
static int
next_rec(struct parser *ps, struct field **f, size_t *cap, size_t *n)
{
	char *p = ps->p, *w, c;

	*n = 0;
	if (*p == '\0')
		return 0;
	for (;;) {
		struct field *fd;

		if (*n == *cap) {
			size_t nc = *cap ? *cap * 2 : 16;
			struct field *g;

			if (nc > SIZE_MAX / sizeof *g ||
			    (g = realloc(*f, nc * sizeof *g)) == NULL)
				return -2;
			*f = g;
			*cap = nc;
		}
		fd = &(*f)[(*n)++];
		fd->line = ps->line;
		fd->col = ps->col;
		fd->s = w = p;
		if (*p == '"') {
			ps->bad_line = ps->line;
			ps->bad_col = ps->col;
			p++;
			ps->col++;
			for (;;) {
				if (*p == '\0') {
					ps->p = p;
					return -1;
				}
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
					ps->col += 2;
					continue;
				}
				if (*p == '"') {
					p++;
					ps->col++;
					break;
				}
				if (*p == '\n') {
					ps->line++;
					ps->col = 1;
				} else if (((unsigned char)*p & 0xC0) != 0x80)
					ps->col++;
				*w++ = *p++;
			}
		}
		/* Unquoted text (or text after a closing quote, kept as a
		 * spreadsheet would). */
		while (*p && *p != ps->delim && *p != '\n' && *p != '\r') {
			if (((unsigned char)*p & 0xC0) != 0x80)
				ps->col++;
			*w++ = *p++;
		}
		c = *p;		/* read before w, which may be p, is written */
		if (c == ps->delim) {
			*w = '\0';
			p++;
			ps->col++;
			continue;
		}
		if (c == '\r')
			p++;
		if (*p == '\n' && c != '\0')
			p++;
		*w = '\0';
		if (c != '\0') {
			ps->line++;
			ps->col = 1;
		}
		break;
	}
	ps->p = p;
	return 1;
}

/* s without leading and trailing blanks, in place; *lead counts the
 * characters skipped at the start. */
static char *
trim(char *s, int *lead)
{
	char *e;

	while (*s == ' ' || *s == '\t') {
		s++;
		(*lead)++;
	}
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* Spreadsheet column letters of the 0-based index i: A ... Z, AA ... */
static void
letters(size_t i, char out[8])
{
	char t[8];
	size_t n = 0, k;

	i++;
	while (i > 0 && n < sizeof t - 1) {
		i--;
		t[n++] = (char)('A' + i % 26);
		i /= 26;
	}
	for (k = 0; k < n; k++)
		out[k] = t[n - 1 - k];
	out[n] = '\0';
}

/* A problem past the ones shown of its kind: counted only. */
static void
counted(struct ctx *c, enum kind kind)
{
	c->row_bad = 1;
	c->count[kind]++;
}

/* A problem of the current row (or of the file), kept to be reported in
 * file order; past SHOWN_PER_KIND of its kind only counted. */
static void __attribute__((format(printf, 5, 6)))
problem(struct ctx *c, enum kind kind, int line, int col, const char *fmt,
    ...)
{
	char msg[1024];
	va_list ap;

	c->row_bad = 1;
	if (++c->count[kind] > SHOWN_PER_KIND)
		return;
	if (c->nprobs == c->capprobs) {
		size_t nc = c->capprobs ? c->capprobs * 2 : 64;
		struct prob *v = realloc(c->probs, nc * sizeof *v);

		if (v == NULL) {
			c->nomem = 1;
			return;
		}
		c->probs = v;
		c->capprobs = nc;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if ((c->probs[c->nprobs].msg = strdup(msg)) == NULL) {
		c->nomem = 1;
		return;
	}
	c->probs[c->nprobs].line = line;
	c->probs[c->nprobs].col = col;
	c->probs[c->nprobs].seq = c->seq++;
	c->nprobs++;
}

static int
cmp_ikey(const void *a, const void *b)
{
	const struct ikey *x = a, *y = b;
	int r = strcmp(x->k, y->k);

	if (r != 0)
		return r;
	if (x->id != y->id)
		return y->id - x->id;	/* the id first */
	return x->entry - y->entry;
}

/* Sorted keys of the ids and names of v[0..n); -1 when out of memory. */
static int
index_build(struct index *ix, const struct wk_entry *v, size_t n)
{
	struct wk_buf b = WK_BUF_INIT;
	size_t i, j, total = 0, o;

	memset(ix, 0, sizeof *ix);
	ix->v = v;
	for (i = 0; i < n; i++)
		total += 1 + v[i].nnames;
	if (total == 0)
		return 0;
	if (total > SIZE_MAX / sizeof *ix->keys ||
	    (ix->keys = calloc(total, sizeof *ix->keys)) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		for (j = 0; j <= v[i].nnames; j++) {
			wk_csv_key_into(&b, j == 0 ? v[i].id : v[i].names[j - 1]);
			if ((ix->keys[ix->n].k = wk_buf_steal(&b)) == NULL)
				return -1;
			if (ix->keys[ix->n].k[0] == '\0') {
				/* A name of no letter or digit names nothing. */
				free(ix->keys[ix->n].k);
				continue;
			}
			ix->keys[ix->n].entry = (int)i;
			ix->keys[ix->n].entry2 = -1;
			ix->keys[ix->n].id = j == 0;
			ix->n++;
		}
	qsort(ix->keys, ix->n, sizeof *ix->keys, cmp_ikey);
	/* One key per text: the id's entry, else the one entry whose names
	 * have it, else ambiguous. */
	for (i = 0, o = 0; i < ix->n; i = j) {
		struct ikey k = ix->keys[i];

		for (j = i + 1; j < ix->n && strcmp(ix->keys[j].k, k.k) == 0; j++) {
			if (!k.id && ix->keys[j].entry != k.entry &&
			    k.entry2 < 0)
				k.entry2 = ix->keys[j].entry;
			free(ix->keys[j].k);
		}
		ix->keys[o++] = k;
	}
	ix->n = o;
	return 0;
}

static void
index_free(struct index *ix)
{
	size_t i;

	for (i = 0; i < ix->n; i++)
		free(ix->keys[i].k);
	free(ix->keys);
	memset(ix, 0, sizeof *ix);
}

static const struct ikey *
index_find(const struct index *ix, const char *k)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(ix->keys[mid].k, k);

		if (r == 0)
			return &ix->keys[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The entry's name for people: Spanish, else its first, else its id. */
static const char *
entry_name(const struct wk_entry *e)
{
	const char *s = wk_entry_name(e, "es");

	return s ? s : e->nnames ? e->names[0] : e->id;
}

/* The entry whose key is nearest k, for "did you mean"; NULL when none is
 * near enough. */
static const struct wk_entry *
index_near(const struct index *ix, const char *k)
{
	unsigned best = 255, dist;
	const struct ikey *hit = NULL;
	size_t i, len = strlen(k);

	for (i = 0; i < ix->n; i++) {
		dist = wk_edit_distance(k, ix->keys[i].k);
		if (dist < best) {
			best = dist;
			hit = &ix->keys[i];
		}
	}
	if (hit == NULL || len == 0 || (best > 2 && best > len / 3))
		return NULL;
	return &ix->v[hit->entry];
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The unit ids every voice knows; -1 when out of memory. */
static int
units_build(struct ctx *c)
{
	const struct wk_csv_ref *r = c->ref;
	size_t i, k;

	if (r->nvoices == 0 || r->voices[0]->nunits == 0)
		return 0;	/* then no unit is known */
	if ((c->units = calloc(r->voices[0]->nunits, sizeof *c->units)) == NULL)
		return -1;
	for (i = 0; i < r->voices[0]->nunits; i++) {
		const char *id = r->voices[0]->units[i].id;

		for (k = 1; k < r->nvoices; k++)
			if (wk_voice_unit(r->voices[k], id) == NULL)
				break;
		if (k == r->nvoices)
			c->units[c->nunits++] = id;
	}
	qsort(c->units, c->nunits, sizeof *c->units, cmp_str);
	return 0;
}

/* The unit id that s is, or NULL: the id itself, or in other case. */
static const char *
unit_find(const struct ctx *c, const char *s)
{
	char low[72];
	const char **hit;
	size_t i, n = strlen(s);

	if (c->nunits == 0)
		return NULL;
	if ((hit = bsearch(&s, c->units, c->nunits, sizeof *c->units,
	    cmp_str)) != NULL)
		return *hit;
	if (n >= sizeof low)
		return NULL;
	for (i = 0; i <= n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a'
		    : s[i]);
	s = low;
	hit = bsearch(&s, c->units, c->nunits, sizeof *c->units, cmp_str);
	return hit ? *hit : NULL;
}

/* The unit that s was meant as, for "did you mean", and its name in *name:
 * one a voice writes that way ("kilo"), else an id one letter away. */
static const char *
unit_near(const struct ctx *c, const char *s, const char **name)
{
	size_t i, n = strlen(s);

	*name = NULL;
	for (i = 0; i < c->ref->nvoices; i++) {
		const struct wk_unit *u = wk_voice_unit_written(c->ref->voices[i],
		    s, n);

		if (u != NULL && unit_find(c, u->id) != NULL) {
			*name = u->one;
			return u->id;
		}
	}
	for (i = 0; n >= 2 && i < c->nunits; i++)
		if (wk_edit_distance(s, c->units[i]) <= 1)
			return c->units[i];
	return NULL;
}

static void
header(struct ctx *c, struct field *f, size_t n, int line)
{
	size_t i, k, j;

	for (k = 0; k < NCOLS; k++)
		c->col[k] = -1;
	c->ncols = n;
	for (i = 0; i < n; i++) {
		const char *name = f[i].s;
		char show[WK_CSV_SHOWN];
		int found = 0;

		for (k = 0; k < NCOLS && !found; k++)
			for (j = 0; j < 3 && !found; j++)
				if (col_names[k][j] != NULL &&
				    wk_eq_fold(name, strlen(name), col_names[k][j])) {
					found = 1;
					if (c->col[k] >= 0)
						problem(c, K_HEADER, f[i].line,
						    f[i].col, _("column '%s' appears "
						    "twice in the header"),
						    wk_csv_shown(name, show));
					c->col[k] = (int)i;
					wk_csv_shown(name, c->colname[k]);
				}
		for (j = 0; quiet_cols[j] != NULL && !found; j++)
			if (wk_eq_fold(name, strlen(name), quiet_cols[j]))
				found = 1;
		if (!found && name[0] != '\0')
			wk_diag(c->d, WK_WARNING, c->path, f[i].line, f[i].col,
			    _("column '%s' is not read (the columns are fecha, "
			    "mercado, producto, unidad, precio, anterior and "
			    "confirmado)"),
			    wk_csv_shown(name, show));
	}
	for (k = 0; k < C_PREVIOUS; k++)
		if (c->col[k] < 0)
			problem(c, K_HEADER, line, 0, _("the header has no '%s' "
			    "column (or '%s'); the first row must name the "
			    "columns"), col_names[k][0], col_names[k][1]);
}

/* "column C (producto)" for column k. */
static const char *
label(const struct ctx *c, enum col k, char *out, size_t cap)
{
	char l[8];

	letters((size_t)c->col[k], l);
	snprintf(out, cap, _("column %s (%s)"), l, c->colname[k]);
	return out;
}

/* The catalogue entry named in column k (market or product), or -1 with
 * the problem reported. */
static int
entry_cell(struct ctx *c, const struct field *f, enum col k)
{
	const struct index *ix = k == C_MARKET ? &c->markets : &c->products;
	const struct ikey *hit;
	const struct wk_entry *near;
	char at[WK_CSV_SHOWN + 64], show[WK_CSV_SHOWN];
	enum kind kind = k == C_MARKET ? K_MARKET : K_PRODUCT;

	wk_csv_key_into(&c->key, f->s);
	if (c->key.failed) {
		c->nomem = 1;
		return -1;
	}
	if ((hit = index_find(ix, wk_buf_str(&c->key))) != NULL &&
	    hit->entry2 < 0)
		return hit->entry;
	label(c, k, at, sizeof at);
	wk_csv_shown(f->s, show);
	if (hit != NULL) {
		problem(c, kind, f->line, f->col, k == C_MARKET
		    ? _("%s: '%s' is the name of more than one market (%s, %s); "
		    "write the id of the one meant")
		    : _("%s: '%s' is the name of more than one product (%s, %s); "
		    "write the id of the one meant"), at, show,
		    ix->v[hit->entry].id, ix->v[hit->entry2].id);
		return -1;
	}
	if (c->count[kind] >= SHOWN_PER_KIND) {
		counted(c, kind);
		return -1;
	}
	if ((near = index_near(ix, wk_buf_str(&c->key))) != NULL)
		problem(c, kind, f->line, f->col, k == C_MARKET
		    ? _("%s: unknown market '%s'; did you mean '%s' (%s)?")
		    : _("%s: unknown product '%s'; did you mean '%s' (%s)?"),
		    at, show, entry_name(near), near->id);
	else if (k == C_MARKET && c->ref->cat->nmarkets <= 8) {
		char ids[8 * 70] = "";
		size_t i, o = 0;

		for (i = 0; i < c->ref->cat->nmarkets; i++)
			o += (size_t)snprintf(ids + o, sizeof ids - o, "%s%.64s",
			    i ? ", " : "", c->ref->cat->markets[i].id);
		problem(c, kind, f->line, f->col, _("%s: unknown market '%s'; "
		    "the catalogue's markets are %s: write one of them (its id "
		    "or name), or add it to the station's voices/catalog.xml"),
		    at, show, ids);
	} else
		problem(c, kind, f->line, f->col, k == C_MARKET
		    ? _("%s: unknown market '%s'; write a market of the catalogue "
		    "(its id or name), or add it to the station's "
		    "voices/catalog.xml")
		    : _("%s: unknown product '%s'; write a product of the "
		    "catalogue (its id or name), or add it to the station's "
		    "voices/catalog.xml"), at, show);
	return -1;
}

/* The unit of column C_UNIT, or NULL with the problem reported. */
static const char *
unit_cell(struct ctx *c, const struct field *f)
{
	char at[WK_CSV_SHOWN + 64], show[WK_CSV_SHOWN];
	const char *u, *name;

	if ((u = unit_find(c, f->s)) != NULL)
		return u;
	label(c, C_UNIT, at, sizeof at);
	wk_csv_shown(f->s, show);
	if (c->count[K_UNIT] >= SHOWN_PER_KIND)
		counted(c, K_UNIT);
	else if ((u = unit_near(c, f->s, &name)) != NULL && name != NULL)
		problem(c, K_UNIT, f->line, f->col, _("%s: unknown unit '%s'; "
		    "did you mean '%s' (%s)?"), at, show, u, name);
	else if (u != NULL)
		problem(c, K_UNIT, f->line, f->col, _("%s: unknown unit '%s'; "
		    "did you mean '%s'?"), at, show, u);
	else
		problem(c, K_UNIT, f->line, f->col, _("%s: unknown unit '%s'; "
		    "write a unit id of voices/es/voice.xml (kg, qq, arroba, "
		    "saco, docena, l, unidad...)"), at, show);
	return NULL;
}

/* The row's 'confirmado' cell: *yes is 1 for sí (si, yes, x, 1), 0 when
 * it is empty or no; anything else is reported. */
static void
confirmed(struct ctx *c, const struct field *g, int *yes)
{
	static const char *const words[] = { "sí", "si", "yes", "x", "1", "no",
	    NULL };
	char at[WK_CSV_SHOWN + 64], show[WK_CSV_SHOWN];
	size_t i;

	*yes = 0;
	if (g->s[0] == '\0')
		return;
	for (i = 0; words[i] != NULL; i++)
		if (strlen(g->s) == strlen(words[i]) &&
		    wk_eq_fold(g->s, strlen(g->s), words[i])) {
			*yes = strcmp(words[i], "no") != 0;
			return;
		}
	problem(c, K_CONFIRMED, g->line, g->col, _("%s: '%s': write sí when "
	    "the price is right although it looks like a typo, or leave the "
	    "cell empty"), label(c, C_CONFIRMED, at, sizeof at),
	    wk_csv_shown(g->s, show));
}

/* Reports row w when its price (cell g) is suspect (plausible.h): zero,
 * or too far from its previous price. */
static void
suspect(struct ctx *c, const struct field *g, const struct row *w,
    const char *unit)
{
	const struct wk_catalog *cat = c->ref->cat;
	char at[WK_CSV_SHOWN + 64];
	struct wk_suspicion s;
	struct wk_buf b = WK_BUF_INIT;

	if (wk_plausible(w->value, w->previous, -1, c->ref->price_factor,
	    &s) == WK_PRICE_PLAUSIBLE)
		return;
	wk_suspicion_describe(&s, cat->markets[w->market].id,
	    cat->products[w->product].id, unit, &b);
	problem(c, K_SUSPECT, g->line, g->col, _("%s: %s Correct the row, or "
	    "write sí in a column 'confirmado' if the price is right"),
	    label(c, C_VALUE, at, sizeof at), b.failed ? _("out of memory")
	    : wk_buf_str(&b));
	wk_buf_free(&b);
}

static void
data_row(struct ctx *c, struct field *f, size_t n, int line)
{
	char at[WK_CSV_SHOWN + 64], show[WK_CSV_SHOWN];
	int skip[NCOLS] = { 0 };
	struct row w;
	struct wk_date dt;
	const char *unit = NULL;
	size_t k;

	c->row_bad = 0;
	memset(&w, 0, sizeof w);
	w.line = line;
	w.market = w.product = -1;
	w.previous = -1;
	if (n != c->ncols) {
		problem(c, K_FIELDS, line, 0, _("%zu cells where the header has "
		    "%zu (is a decimal comma unquoted in a comma-separated "
		    "file?)"), n, c->ncols);
		goto done;
	}
	/* Every cell read is checked, each problem reported. */
	for (k = 0; k < NCOLS; k++) {
		const struct field *g;
		uint32_t cp;

		if (c->col[k] < 0)
			continue;
		g = &f[c->col[k]];
		if ((cp = wk_csv_control(g->s)) != 0) {
			char one[5] = "", esc[WK_CSV_SHOWN];

			if (cp < 0x80)
				one[0] = (char)cp;
			else {
				struct wk_buf b = WK_BUF_INIT;

				wk_buf_put_cp(&b, cp);
				snprintf(one, sizeof one, "%s", wk_buf_str(&b));
				wk_buf_free(&b);
			}
			problem(c, K_CONTROL, g->line, g->col, _("%s: the cell holds "
			    "a control character (%s) that a feed cannot carry: "
			    "'%s'; type the cell again"),
			    label(c, (enum col)k, at, sizeof at),
			    wk_csv_shown(one, esc), wk_csv_shown(g->s, show));
			skip[k] = 1;
		} else if (g->s[0] == '\0' && k != C_PREVIOUS &&
		    k != C_CONFIRMED) {
			problem(c, K_EMPTY, g->line, g->col, _("%s is empty"),
			    label(c, (enum col)k, at, sizeof at));
			skip[k] = 1;
		}
	}
	if (!skip[C_DATE]) {
		const struct field *g = &f[c->col[C_DATE]];

		label(c, C_DATE, at, sizeof at);
		if (wk_csv_date(g->s, &dt) != 0)
			problem(c, K_DATE, g->line, g->col, _("%s: '%s' is not a "
			    "date; write YYYY-MM-DD or DD/MM/YYYY"), at,
			    wk_csv_shown(g->s, show));
		else if (c->date_line == 0) {
			c->date = dt;
			c->date_line = g->line;
			snprintf(c->date_text, sizeof c->date_text, "%s", g->s);
		} else if (wk_date_days(dt) != wk_date_days(c->date)) {
			char a[11], b[11];

			wk_date_format(dt, a);
			wk_date_format(c->date, b);
			problem(c, K_OTHER_DAY, g->line, g->col, _("%s: the date "
			    "%s differs from the first row's (%s, line %d); a feed "
			    "holds one day: make one file per date"), at, a, b,
			    c->date_line);
		}
	}
	if (!skip[C_MARKET])
		w.market = entry_cell(c, &f[c->col[C_MARKET]], C_MARKET);
	if (!skip[C_PRODUCT])
		w.product = entry_cell(c, &f[c->col[C_PRODUCT]], C_PRODUCT);
	if (!skip[C_UNIT])
		unit = unit_cell(c, &f[c->col[C_UNIT]]);
	if (!skip[C_VALUE]) {
		const struct field *g = &f[c->col[C_VALUE]];

		if ((w.value = wk_csv_amount(g->s)) < 0)
			problem(c, K_PRICE, g->line, g->col, _("%s: '%s' is not an "
			    "amount in soles (write 2.50 or 2,50, below 10 000 "
			    "000)"), label(c, C_VALUE, at, sizeof at),
			    wk_csv_shown(g->s, show));
	}
	if (c->col[C_PREVIOUS] >= 0 && !skip[C_PREVIOUS] &&
	    f[c->col[C_PREVIOUS]].s[0] != '\0') {
		const struct field *g = &f[c->col[C_PREVIOUS]];

		if ((w.previous = wk_csv_amount(g->s)) < 0)
			problem(c, K_PREVIOUS, g->line, g->col, _("%s: '%s' is not "
			    "an amount in soles (write 2.50 or 2,50, or leave the "
			    "cell empty)"), label(c, C_PREVIOUS, at,
			    sizeof at), wk_csv_shown(g->s, show));
	}
	if (c->col[C_CONFIRMED] >= 0 && !skip[C_CONFIRMED])
		confirmed(c, &f[c->col[C_CONFIRMED]], &w.confirmed);
	if (!c->row_bad && !w.confirmed)
		suspect(c, &f[c->col[C_VALUE]], &w, unit);
	if (c->row_bad)
		goto done;
	/* A unit is kept as its index among the sorted ids. */
	w.unit = (int)((const char **)bsearch(&unit, c->units, c->nunits,
	    sizeof *c->units, cmp_str) - c->units);
	if (c->nrows == c->caprows) {
		size_t nc = c->caprows ? c->caprows * 2 : 1024;
		struct row *v;

		if (nc > SIZE_MAX / sizeof *v ||
		    (v = realloc(c->rows, nc * sizeof *v)) == NULL) {
			c->nomem = 1;
			return;
		}
		c->rows = v;
		c->caprows = nc;
	}
	c->rows[c->nrows++] = w;
done:
	if (c->row_bad)
		c->nbad++;
}

struct dup {
	int market, product, unit, line;
};

static int
cmp_dup(const void *a, const void *b)
{
	const struct dup *x = a, *y = b;

	if (x->market != y->market)
		return x->market < y->market ? -1 : 1;
	if (x->product != y->product)
		return x->product < y->product ? -1 : 1;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* Rows with the market, product and unit of an earlier one, found by
 * sorting (n log n), each reported at its own line. */
static void
twice(struct ctx *c)
{
	struct dup *v;
	size_t i, first = 0;

	if (c->nrows < 2)
		return;
	if ((v = malloc(c->nrows * sizeof *v)) == NULL) {
		c->nomem = 1;
		return;
	}
	for (i = 0; i < c->nrows; i++) {
		v[i].market = c->rows[i].market;
		v[i].product = c->rows[i].product;
		v[i].unit = c->rows[i].unit;
		v[i].line = c->rows[i].line;
	}
	qsort(v, c->nrows, sizeof *v, cmp_dup);
	for (i = 1; i < c->nrows; i++) {
		if (v[i].market != v[first].market ||
		    v[i].product != v[first].product ||
		    v[i].unit != v[first].unit) {
			first = i;
			continue;
		}
		problem(c, K_TWICE, v[i].line, 0, _("the same market, product and "
		    "unit as line %d; keep one of the two"), v[first].line);
		c->nbad++;
	}
	free(v);
}

static int
cmp_prob(const void *a, const void *b)
{
	const struct prob *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The problems in file order, then how many of each kind were not shown. */
static void
report(struct ctx *c)
{
	size_t i;

	if (c->nprobs > 0)
		qsort(c->probs, c->nprobs, sizeof *c->probs, cmp_prob);
	for (i = 0; i < c->nprobs; i++)
		wk_diag(c->d, WK_ERROR, c->path, c->probs[i].line,
		    c->probs[i].col, "%s", c->probs[i].msg);
	for (i = 0; i < NKINDS; i++)
		if (c->count[i] > SHOWN_PER_KIND)
			wk_diag(c->d, WK_ERROR, c->path, 0, 0,
			    ngettext("%zu more problem of this kind (%s), not "
			    "shown", "%zu more problems of this kind (%s), not "
			    "shown", c->count[i] - SHOWN_PER_KIND),
			    c->count[i] - SHOWN_PER_KIND, _(kind_label[i]));
}

static void
amount(struct wk_buf *b, long long v)
{
	char m[WK_MONEY_MAX];

	wk_buf_puts(b, wk_money_figure(v, m));
}

/* The file's name as XML text: characters that are not printable UTF-8
 * become '_'. */
static void
plain_name(struct wk_buf *out, const char *s)
{
	struct wk_buf b = WK_BUF_INIT;

	while (*s) {
		uint32_t cp;
		size_t k = wk_utf8_next(s, &cp);

		if (cp == 0xFFFD || wk_csv_is_control(cp))
			wk_buf_putc(&b, '_');
		else
			wk_buf_append(&b, s, k);
		s += k;
	}
	wk_buf_puts(&b, "");
	wk_buf_xml(out, wk_buf_str(&b));
	if (b.failed)
		out->failed = 1;
	wk_buf_free(&b);
}

/* The feed: markets in order of first appearance, each with its prices in
 * the order of the file (a counting sort by market). */
static int
write_feed(const struct ctx *c, struct wk_buf *out, size_t *nmarkets)
{
	const struct wk_catalog *cat = c->ref->cat;
	size_t *first = NULL, *start = NULL, *idx = NULL, *order = NULL;
	size_t i, nm = 0, m;
	char date[11], *base = wk_path_stem(c->path, "");
	int rc = -1;

	if (base == NULL || (first = malloc((cat->nmarkets + 1) *
	    sizeof *first)) == NULL || (start = calloc(cat->nmarkets + 2,
	    sizeof *start)) == NULL || (order = malloc((cat->nmarkets + 1) *
	    sizeof *order)) == NULL || (idx = malloc((c->nrows + 1) *
	    sizeof *idx)) == NULL)
		goto out;
	for (i = 0; i < cat->nmarkets; i++)
		first[i] = SIZE_MAX;
	for (i = 0; i < c->nrows; i++) {
		m = (size_t)c->rows[i].market;
		if (first[m] == SIZE_MAX) {
			first[m] = nm;
			order[nm++] = m;
		}
		start[first[m] + 1]++;
	}
	for (i = 0; i < nm; i++)
		start[i + 1] += start[i];
	for (i = 0; i < c->nrows; i++)
		idx[start[first[c->rows[i].market]]++] = i;
	wk_date_format(c->date, date);
	wk_buf_printf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!-- Made by willakuy import. -->\n<prices date=\"%s\" "
	    "currency=\"PEN\" source=\"", date);
	plain_name(out, base);
	wk_buf_puts(out, "\">\n");
	for (i = 0; i < c->nrows; i++) {
		const struct row *w = &c->rows[idx[i]];
		const struct wk_entry *me = &cat->markets[w->market];

		if (i == 0 || c->rows[idx[i - 1]].market != w->market) {
			if (i > 0)
				wk_buf_puts(out, "  </market>\n");
			wk_buf_puts(out, "  <market id=\"");
			wk_buf_xml(out, me->id);
			wk_buf_puts(out, "\" name=\"");
			wk_buf_xml(out, entry_name(me));
			if (me->town != NULL) {
				wk_buf_puts(out, "\" town=\"");
				wk_buf_xml(out, me->town);
			}
			wk_buf_puts(out, "\">\n");
		}
		wk_buf_puts(out, "    <price product=\"");
		wk_buf_xml(out, cat->products[w->product].id);
		wk_buf_puts(out, "\" unit=\"");
		wk_buf_xml(out, c->units[w->unit]);
		wk_buf_puts(out, "\" value=\"");
		amount(out, w->value);
		if (w->previous >= 0) {
			wk_buf_puts(out, "\" previous=\"");
			amount(out, w->previous);
		}
		if (w->confirmed)
			wk_buf_puts(out, "\" confirmed=\"yes");
		wk_buf_puts(out, "\"/>\n");
	}
	if (c->nrows > 0)
		wk_buf_puts(out, "  </market>\n");
	wk_buf_puts(out, "</prices>\n");
	*nmarkets = nm;
	rc = out->failed ? -1 : 0;
out:
	free(base);
	free(first);
	free(start);
	free(order);
	free(idx);
	return rc;
}

/* Trims every field; 1 when all of them are blank. */
static int
trim_all(struct field *f, size_t n)
{
	size_t i;
	int blank = 1;

	for (i = 0; i < n; i++) {
		int lead = 0;

		f[i].s = trim(f[i].s, &lead);
		f[i].col += lead;
		if (f[i].s[0] != '\0')
			blank = 0;
	}
	return blank;
}

enum wk_status
wk_csv_to_feed(const char *path, const struct wk_csv_ref *ref,
    struct wk_buf *out, struct wk_csv_info *info, struct wk_diags *d,
    struct wk_err *err)
{
	struct ctx c;
	struct parser ps;
	struct field *f = NULL;
	size_t fcap = 0, nf = 0, len, i, nm = 0;
	char *text = NULL;
	int k, have_header = 0, rec_line;
	enum wk_status st = WK_OK;

	memset(&c, 0, sizeof c);
	c.path = path;
	c.ref = ref;
	c.d = d;
	if ((text = wk_csv_read(path, &len, err)) == NULL)
		return err->status;
	if (index_build(&c.markets, ref->cat->markets, ref->cat->nmarkets) != 0 ||
	    index_build(&c.products, ref->cat->products,
	    ref->cat->nproducts) != 0 || units_build(&c) != 0) {
		st = wk_err_nomem(err);
		goto out;
	}
	memset(&ps, 0, sizeof ps);
	ps.p = text;
	ps.line = ps.col = 1;
	ps.delim = delimiter(text);
	while (!c.nomem) {
		rec_line = ps.line;
		if ((k = next_rec(&ps, &f, &fcap, &nf)) == 0)
			break;
		if (k == -2) {
			c.nomem = 1;
			break;
		}
		if (k == -1) {
			problem(&c, K_QUOTE, ps.bad_line, ps.bad_col, "%s",
			    _("a quote opened here is never closed"));
			c.nbad++;
			break;
		}
		if (trim_all(f, nf))
			continue;
		if (!have_header) {
			header(&c, f, nf, rec_line);
			have_header = 1;
			if (c.row_bad) {
				c.nbad++;
				if (c.col[C_DATE] < 0 || c.col[C_MARKET] < 0 ||
				    c.col[C_PRODUCT] < 0 || c.col[C_UNIT] < 0 ||
				    c.col[C_VALUE] < 0)
					break;	/* no use reading the rows */
			}
			continue;
		}
		data_row(&c, f, nf, rec_line);
	}
	if (!c.nomem)
		twice(&c);
	if (c.nomem) {
		st = wk_err_nomem(err);
		goto out;
	}
	if (c.nbad == 0 && c.nrows == 0)
		problem(&c, K_HEADER, ps.line, 0, "%s", !have_header
		    ? _("the file is empty; the first row must name the columns")
		    : _("there is no price below the header"));
	report(&c);
	if (c.nprobs > 0 || c.nbad > 0) {
		size_t nbad = c.nbad ? c.nbad : 1;

		st = wk_err_set(err, WK_EINPUT, path, 0, 0,
		    ngettext("%zu bad row; nothing was written",
		    "%zu bad rows; nothing was written", nbad), nbad);
		goto out;
	}
	if (write_feed(&c, out, &nm) != 0) {
		st = wk_err_nomem(err);
		goto out;
	}
	if (info != NULL) {
		memset(info, 0, sizeof *info);
		info->date = c.date;
		info->date_line = c.date_line;
		snprintf(info->date_text, sizeof info->date_text, "%s",
		    c.date_text);
		info->nmarkets = nm;
		info->nprices = c.nrows;
	}
out:
	for (i = 0; i < c.nprobs; i++)
		free(c.probs[i].msg);
	free(c.probs);
	free(c.rows);
	free(c.units);
	free(f);
	index_free(&c.markets);
	index_free(&c.products);
	wk_buf_free(&c.key);
	free(text);
	return st;
}

int
wk_csv_is_sheet(const char *path)
{
	size_t n = strlen(path), hits = 0;
	char buf[4096], *line, *tok, *save = NULL;
	struct stat sb;
	ssize_t got;
	int fd;

	if (n >= 4 && strcasecmp(path + n - 4, ".csv") == 0)
		return 1;
	/* Not blocking on a FIFO, not reading a device. */
	if ((fd = wk_safe_open_input(path)) < 0)
		return 0;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    (got = read(fd, buf, sizeof buf - 1)) < 0) {
		close(fd);
		return 0;
	}
	close(fd);
	buf[got] = '\0';
	line = buf + (strncmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0);
	line[strcspn(line, "\r\n")] = '\0';
	if (strchr(line, '<') != NULL)
		return 0;
	for (tok = strtok_r(line, ",;", &save); tok != NULL;
	    tok = strtok_r(NULL, ",;", &save)) {
		int lead = 0;
		char *s = trim(tok, &lead);
		size_t k, j, len = strlen(s);

		if (len >= 2 && s[0] == '"' && s[len - 1] == '"') {
			s[len - 1] = '\0';
			s++;
		}
		for (k = 0; k < NCOLS; k++)
			for (j = 0; j < 3; j++)
				if (col_names[k][j] != NULL &&
				    wk_eq_fold(s, strlen(s), col_names[k][j]))
					hits++;
	}
	return hits >= 3;
}
