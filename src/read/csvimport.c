/*
 * The CSV importer: a market clerk's spreadsheet, saved as CSV, becomes a
 * price feed. The file is decoded to UTF-8 (a BOM, valid UTF-8, else
 * Windows-1252 or Latin-1 through iconv), split into records by RFC 4180
 * (quoted fields, doubled quotes, line breaks inside quotes), the header
 * names the columns, and every row is checked; any bad row is reported with
 * its line and nothing is produced.
 */

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/money.h"
#include "bulletin.h"
#include "catalog.h"
#include "csvimport.h"
#include "base/date.h"
#include "feed.h"
#include "base/paths.h"
#include "base/text.h"

/* Largest CSV read (a day's prices are a few kilobytes). */
#define CSV_MAX_BYTES (64L << 20)

enum col { C_DATE, C_MARKET, C_PRODUCT, C_UNIT, C_VALUE, C_PREVIOUS, NCOLS };

static const char *const col_names[NCOLS][3] = {
	{ "fecha", "date", NULL },
	{ "mercado", "market", NULL },
	{ "producto", "product", NULL },
	{ "unidad", "unit", NULL },
	{ "precio", "value", "valor" },
	{ "anterior", "previous", "precio anterior" },
};

/* One record: its fields (NUL-terminated, in one block) and first line. */
struct rec {
	char **f;
	size_t n;
	int line;
};

struct row {
	char *market, *mname, *town, *product, *unit;
	long long value, previous;
	int line;
};

long long
wk_csv_amount(const char *s)
{
	char digits[64];
	const char *last = NULL, *p;
	size_t n = 0, after = 0;

	while (*s == ' ')
		s++;
	if (strncmp(s, "S/.", 3) == 0)
		s += 3;
	else if (strncmp(s, "S/", 2) == 0)
		s += 2;
	while (*s == ' ')
		s++;
	for (p = s; *p; p++)
		if (*p == ',' || *p == '.')
			last = p;
	if (last != NULL) {
		for (p = last + 1; *p >= '0' && *p <= '9'; p++)
			after++;
		/* One separator followed by three digits groups thousands
		 * (1,250 or 1.250); otherwise the last one is the decimal
		 * mark. */
		if (after == 3 && strchr(s, ',') == strrchr(s, ',') &&
		    strchr(s, '.') == strrchr(s, '.') &&
		    !(strchr(s, ',') && strchr(s, '.')))
			last = NULL;
	}
	for (p = s; *p && *p != ' '; p++) {
		if (n + 2 >= sizeof digits)
			return -1;
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
		else if (p == last)
			digits[n++] = '.';
		else if (*p == ',' || *p == '.') {
			/* A thousands separator: exactly three digits follow. */
			if (p == s || strspn(p + 1, "0123456789") < 3)
				return -1;
		} else
			return -1;
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return -1;
	digits[n] = '\0';
	return wk_parse_amount(digits);
}

/* The file's bytes as UTF-8 (malloc'd), or NULL with err set. */
static char *
read_utf8(const char *path, size_t *len, struct wk_err *err)
{
	static const char *const encs[] = { "WINDOWS-1252", "ISO-8859-1" };
	FILE *fp = fopen(path, "rb");
	char *raw = NULL, *out = NULL;
	size_t n = 0, cap = 0, k;

	if (fp == NULL) {
		wk_err_set(err, WK_EINPUT, path, 0, 0, _("cannot read: %s"),
		    strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			char *t;

			if (cap >= (size_t)CSV_MAX_BYTES) {
				wk_err_set(err, WK_EINPUT, path, 0, 0,
				    _("the file is larger than %ld MB; is it a "
				    "day's prices?"), CSV_MAX_BYTES >> 20);
				goto fail;
			}
			cap = cap ? cap * 2 : 65536;
			if ((t = realloc(raw, cap + 1)) == NULL) {
				wk_err_nomem(err);
				goto fail;
			}
			raw = t;
		}
		if ((got = fread(raw + n, 1, cap - n, fp)) == 0)
			break;
		n += got;
	}
	if (ferror(fp)) {
		wk_err_set(err, WK_EINPUT, path, 0, 0, _("cannot read: %s"),
		    strerror(errno));
		goto fail;
	}
	fclose(fp);
	fp = NULL;
	if (raw == NULL && (raw = malloc(1)) == NULL) {
		wk_err_nomem(err);
		return NULL;
	}
	raw[n] = '\0';
	if (n >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
		memmove(raw, raw + 3, n - 2);
		n -= 3;
	}
	if (wk_utf8_check(raw, n) == n && memchr(raw, '\0', n) == NULL) {
		*len = n;
		return raw;
	}
	/* A spreadsheet's own encoding: Windows-1252 (which leaves five
	 * bytes undefined), else Latin-1, which maps every byte. */
	for (k = 0; k < 2 && out == NULL; k++) {
		iconv_t cd = iconv_open("UTF-8", encs[k]);
		char *in = raw, *o;
		size_t inleft = n, oleft = n * 3, r;

		if (cd == (iconv_t)-1)
			continue;
		if ((out = malloc(n * 3 + 1)) == NULL) {
			iconv_close(cd);
			wk_err_nomem(err);
			goto fail;
		}
		o = out;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		iconv_close(cd);
		if (r == (size_t)-1) {
			free(out);
			out = NULL;
			continue;
		}
		*o = '\0';
		*len = (size_t)(o - out);
	}
	free(raw);
	if (out == NULL || memchr(out, '\0', *len) != NULL) {
		free(out);
		wk_err_set(err, WK_EINPUT, path, 0, 0, "%s",
		    _("the file is neither UTF-8 nor Windows-1252/Latin-1 text; "
		    "save it from the spreadsheet as CSV"));
		return NULL;
	}
	return out;
fail:
	if (fp != NULL)
		fclose(fp);
	free(raw);
	return NULL;
}

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

static void
free_rec(struct rec *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->f[i]);
	free(r->f);
	memset(r, 0, sizeof *r);
}

/*
 * Reads the record at *s (RFC 4180), advancing *s and *line. Returns 1 with
 * a record, 0 at the end, -1 on an unterminated quote (*bad set), -2 when
 * out of memory.
 */
static int
next_rec(const char **s, int *line, char delim, struct rec *r, int *bad)
{
	const char *p = *s;
	struct wk_buf f = WK_BUF_INIT;
	int q, done = 0;

	memset(r, 0, sizeof *r);
	if (*p == '\0')
		return 0;
	r->line = *line;
	while (!done) {
		char **v;

		q = 0;
		wk_buf_clear(&f);
		wk_buf_puts(&f, "");
		if (*p == '"') {
			q = 1;
			p++;
			for (;;) {
				if (*p == '\0') {
					*bad = r->line;
					wk_buf_free(&f);
					free_rec(r);
					*s = p;
					return -1;
				}
				if (*p == '"' && p[1] == '"') {
					wk_buf_putc(&f, '"');
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					if (*p == '\n')
						(*line)++;
					wk_buf_putc(&f, *p++);
				}
			}
		}
		/* Unquoted text (or text after a closing quote, kept as a
		 * spreadsheet would). */
		while (*p && *p != delim && *p != '\n' && *p != '\r')
			wk_buf_putc(&f, *p++);
		(void)q;
		if ((v = realloc(r->f, (r->n + 1) * sizeof *v)) == NULL) {
			wk_buf_free(&f);
			free_rec(r);
			return -2;
		}
		r->f = v;
		if (f.failed || (r->f[r->n] = strdup(wk_buf_str(&f))) == NULL) {
			wk_buf_free(&f);
			free_rec(r);
			return -2;
		}
		r->n++;
		if (*p == delim)
			p++;
		else {
			if (*p == '\r')
				p++;
			if (*p == '\n')
				p++;
			if (*p != '\0' || p != *s)
				(*line)++;
			done = 1;
		}
	}
	wk_buf_free(&f);
	*s = p;
	return 1;
}

/* s without leading and trailing blanks, in place. */
static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* An id from a name: lower case, accents dropped, other marks as '-'. */
static char *
slug(const char *s)
{
	struct wk_buf b = WK_BUF_INIT;
	int dash = 0;

	while (*s) {
		uint32_t cp;
		size_t k = wk_utf8_next(s, &cp);
		static const char from[] = "áàâäéèêëíìîïóòôöúùûüñç";
		static const char to[] = "aaaaeeeeiiiioooouuuunc";
		char c = 0;

		if (k == 0)
			k = 1;
		cp = wk_lower(cp);
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			c = (char)cp;
		else if (cp >= 0x80) {
			const char *p = from;
			size_t i = 0;
			uint32_t fc;

			while (*p != '\0') {
				p += wk_utf8_next(p, &fc);
				if (fc == cp) {
					c = to[i];
					break;
				}
				i++;
			}
		}
		if (c != 0) {
			if (dash && b.len > 0)
				wk_buf_putc(&b, '-');
			wk_buf_putc(&b, c);
			dash = 0;
		} else
			dash = 1;
		s += k;
	}
	wk_buf_puts(&b, "");
	return wk_buf_steal(&b);
}

/* The catalogue entry named or identified by s, or NULL. */
static const struct wk_entry *
lookup(const struct wk_entry *v, size_t n, const char *s, const char *id)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (strcmp(v[i].id, id) == 0)
			return &v[i];
		for (k = 0; k < v[i].nnames; k++)
			if (wk_eq_fold(s, strlen(s), v[i].names[k]) &&
			    strlen(s) == strlen(v[i].names[k]))
				return &v[i];
	}
	return NULL;
}

/* A date as YYYY-MM-DD or DD/MM/YYYY (also D/M/YYYY). */
static int
parse_date(const char *s, struct wk_date *dt)
{
	int d, m, y, n = 0;

	if (wk_date_parse(s, dt) == 0)
		return 0;
	if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 &&
	    s[n] == '\0' && y >= 1900 && wk_date_valid(y, m, d)) {
		dt->y = y;
		dt->m = m;
		dt->d = d;
		return 0;
	}
	return -1;
}

struct ctx {
	const char *path;
	const struct wk_catalog *cat;
	struct wk_diags *d;
	int col[NCOLS];		/* field index of each column, -1 absent */
	size_t ncols;
	struct row *rows;
	size_t nrows;
	struct wk_date date;
	int date_line;
	size_t nbad;
};

static void __attribute__((format(printf, 3, 4)))
bad(struct ctx *c, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	wk_diag(c->d, WK_ERROR, c->path, line, 0, "%s", msg);
	c->nbad++;
}

static enum wk_status
header(struct ctx *c, struct rec *r)
{
	size_t i, k, j;

	for (k = 0; k < NCOLS; k++)
		c->col[k] = -1;
	c->ncols = r->n;
	for (i = 0; i < r->n; i++) {
		char *name = trim(r->f[i]);
		int found = 0;

		for (k = 0; k < NCOLS && !found; k++)
			for (j = 0; j < 3 && !found; j++)
				if (col_names[k][j] != NULL &&
				    wk_eq_fold(name, strlen(name), col_names[k][j]) &&
				    strlen(name) == strlen(col_names[k][j])) {
					found = 1;
					if (c->col[k] >= 0)
						bad(c, r->line, _("column '%s' appears "
						    "twice in the header"), name);
					c->col[k] = (int)i;
				}
		if (!found && name[0] != '\0')
			wk_diag(c->d, WK_WARNING, c->path, r->line, 0,
			    _("column '%s' is not read (the columns are fecha, "
			    "mercado, producto, unidad, precio and anterior)"), name);
	}
	for (k = 0; k < C_PREVIOUS; k++)
		if (c->col[k] < 0)
			bad(c, r->line, _("the header has no '%s' column (or '%s'); "
			    "the first row must name the columns"),
			    col_names[k][0], col_names[k][1]);
	return WK_OK;
}

static const char *
field(const struct ctx *c, const struct rec *r, enum col k)
{
	return c->col[k] < 0 ? "" : trim(r->f[c->col[k]]);
}

static enum wk_status
data_row(struct ctx *c, struct rec *r, struct wk_err *err)
{
	const struct wk_entry *me = NULL, *pe;
	struct wk_date dt;
	struct row w;
	const char *s;
	char *id;
	size_t i;

	memset(&w, 0, sizeof w);
	w.line = r->line;
	if (r->n != c->ncols) {
		bad(c, r->line, _("%zu fields where the header has %zu (is a "
		    "decimal comma unquoted in a comma-separated file?)"), r->n,
		    c->ncols);
		return WK_OK;
	}
	s = field(c, r, C_DATE);
	if (parse_date(s, &dt) != 0) {
		bad(c, r->line, _("date '%s' is not a date; write YYYY-MM-DD or "
		    "DD/MM/YYYY"), s);
		return WK_OK;
	}
	if (c->date_line == 0) {
		c->date = dt;
		c->date_line = r->line;
	} else if (wk_date_days(dt) != wk_date_days(c->date)) {
		char first[11];

		wk_date_format(c->date, first);
		bad(c, r->line, _("date '%s' differs from the first row's (line "
		    "%d); a feed holds one day: make one file per date"), s,
		    c->date_line);
		return WK_OK;
	}
	w.value = wk_csv_amount(field(c, r, C_VALUE));
	if (w.value < 0) {
		bad(c, r->line, _("price '%s' is not an amount in soles (write "
		    "2.50 or 2,50, below 10 000 000)"), field(c, r, C_VALUE));
		return WK_OK;
	}
	w.previous = -1;
	if (c->col[C_PREVIOUS] >= 0 && field(c, r, C_PREVIOUS)[0] != '\0' &&
	    (w.previous = wk_csv_amount(field(c, r, C_PREVIOUS))) < 0) {
		bad(c, r->line, _("previous price '%s' is not an amount in soles "
		    "(write 2.50 or 2,50, or leave it empty)"),
		    field(c, r, C_PREVIOUS));
		return WK_OK;
	}
	for (i = C_MARKET; i <= C_UNIT; i++)
		if (field(c, r, (enum col)i)[0] == '\0') {
			bad(c, r->line, _("the '%s' column is empty"),
			    col_names[i][0]);
			return WK_OK;
		}
	/* Market and product: a catalogue id or name, else made an id. */
	s = field(c, r, C_MARKET);
	if ((id = slug(s)) == NULL)
		return wk_err_nomem(err);
	if (c->cat != NULL)
		me = lookup(c->cat->markets, c->cat->nmarkets, s, id);
	w.market = me ? strdup(me->id) : id;
	if (me != NULL)
		free(id);
	w.mname = strdup(me && wk_entry_name(me, "es") ? wk_entry_name(me, "es")
	    : s);
	w.town = me && me->town ? strdup(me->town) : NULL;
	s = field(c, r, C_PRODUCT);
	if ((id = slug(s)) == NULL)
		goto nomem;
	pe = c->cat ? lookup(c->cat->products, c->cat->nproducts, s, id) : NULL;
	w.product = pe ? strdup(pe->id) : id;
	if (pe != NULL)
		free(id);
	w.unit = wk_fold(field(c, r, C_UNIT), strlen(field(c, r, C_UNIT)));
	if (w.market == NULL || w.mname == NULL || w.product == NULL ||
	    w.unit == NULL || (me && me->town && w.town == NULL))
		goto nomem;
	if (!wk_valid_id(w.market) || !wk_valid_id(w.product)) {
		bad(c, r->line, _("'%s' cannot be made an id (use letters and "
		    "digits, at most 64)"), !wk_valid_id(w.market)
		    ? field(c, r, C_MARKET) : field(c, r, C_PRODUCT));
		goto drop;
	}
	if (strpbrk(w.unit, " \t/") != NULL) {
		bad(c, r->line, _("unit '%s' is not a unit (kg, qq, arroba, saco, "
		    "docena, l, unidad...)"), w.unit);
		goto drop;
	}
	for (i = 0; i < c->nrows; i++)
		if (strcmp(c->rows[i].market, w.market) == 0 &&
		    strcmp(c->rows[i].product, w.product) == 0 &&
		    strcmp(c->rows[i].unit, w.unit) == 0) {
			bad(c, r->line, _("the same market, product and unit as "
			    "line %d; keep one of the two"), c->rows[i].line);
			goto drop;
		}
	{
		struct row *v = realloc(c->rows, (c->nrows + 1) * sizeof *v);

		if (v == NULL)
			goto nomem;
		c->rows = v;
		v[c->nrows++] = w;
	}
	return WK_OK;
nomem:
	free(w.market);
	free(w.mname);
	free(w.town);
	free(w.product);
	free(w.unit);
	return wk_err_nomem(err);
drop:
	free(w.market);
	free(w.mname);
	free(w.town);
	free(w.product);
	free(w.unit);
	return WK_OK;
}

static void
amount(struct wk_buf *b, long long v)
{
	char m[WK_MONEY_MAX];

	wk_buf_puts(b, wk_money_figure(v, m));
}

/* The feed: markets in order of first appearance, their prices in order. */
static void
write_feed(const struct ctx *c, struct wk_buf *out)
{
	char date[11], *base = wk_path_stem(c->path, "");
	size_t i, j, k;

	wk_date_format(c->date, date);
	wk_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!-- Made by willakuy import from ");
	wk_buf_xml(out, base ? base : "CSV");
	wk_buf_printf(out, ". -->\n<prices date=\"%s\" currency=\"PEN\" "
	    "source=\"", date);
	wk_buf_xml(out, base ? base : "CSV");
	wk_buf_puts(out, "\">\n");
	free(base);
	for (i = 0; i < c->nrows; i++) {
		for (k = 0; k < i; k++)
			if (strcmp(c->rows[k].market, c->rows[i].market) == 0)
				break;
		if (k < i)
			continue;
		wk_buf_puts(out, "  <market id=\"");
		wk_buf_xml(out, c->rows[i].market);
		wk_buf_puts(out, "\" name=\"");
		wk_buf_xml(out, c->rows[i].mname);
		if (c->rows[i].town != NULL) {
			wk_buf_puts(out, "\" town=\"");
			wk_buf_xml(out, c->rows[i].town);
		}
		wk_buf_puts(out, "\">\n");
		for (j = i; j < c->nrows; j++) {
			const struct row *w = &c->rows[j];

			if (strcmp(w->market, c->rows[i].market) != 0)
				continue;
			wk_buf_puts(out, "    <price product=\"");
			wk_buf_xml(out, w->product);
			wk_buf_puts(out, "\" unit=\"");
			wk_buf_xml(out, w->unit);
			wk_buf_puts(out, "\" value=\"");
			amount(out, w->value);
			if (w->previous >= 0) {
				wk_buf_puts(out, "\" previous=\"");
				amount(out, w->previous);
			}
			wk_buf_puts(out, "\"/>\n");
		}
		wk_buf_puts(out, "  </market>\n");
	}
	wk_buf_puts(out, "</prices>\n");
}

enum wk_status
wk_csv_to_feed(const char *path, const struct wk_catalog *cat,
    struct wk_buf *out, struct wk_diags *d, struct wk_err *err)
{
	struct ctx c;
	struct rec r;
	const char *p;
	char *text, delim;
	size_t len, i;
	int line = 1, badq = 0, k, have_header = 0;
	enum wk_status st = WK_OK;

	memset(&c, 0, sizeof c);
	c.path = path;
	c.cat = cat;
	c.d = d;
	if ((text = read_utf8(path, &len, err)) == NULL)
		return err->status;
	p = text;
	delim = delimiter(p);
	while (st == WK_OK && (k = next_rec(&p, &line, delim, &r, &badq)) != 0) {
		int blank = 1;

		if (k == -2) {
			st = wk_err_nomem(err);
			break;
		}
		if (k == -1) {
			bad(&c, badq, "%s", _("a quote opened here is never "
			    "closed"));
			break;
		}
		for (i = 0; i < r.n; i++)
			if (trim(r.f[i])[0] != '\0')
				blank = 0;
		if (!blank) {
			if (!have_header) {
				st = header(&c, &r);
				have_header = 1;
			} else if (c.nbad == 0 || c.col[C_DATE] >= 0)
				st = data_row(&c, &r, err);
		}
		free_rec(&r);
		if (have_header && c.nbad > 0 && c.ncols > 0 &&
		    (c.col[C_DATE] < 0 || c.col[C_MARKET] < 0 ||
		    c.col[C_PRODUCT] < 0 || c.col[C_UNIT] < 0 ||
		    c.col[C_VALUE] < 0))
			break;	/* no use reading rows without their columns */
	}
	if (st == WK_OK && c.nbad == 0 && c.nrows == 0)
		bad(&c, line, "%s", !have_header ? _("the file is empty; the "
		    "first row must name the columns") : _("there is no price "
		    "below the header"));
	if (st == WK_OK && c.nbad > 0) {
		wk_err_set(err, WK_EINPUT, path, 0, 0,
		    _("%zu bad row(s); nothing was written"), c.nbad);
		st = WK_EINPUT;
	}
	if (st == WK_OK)
		write_feed(&c, out);
	for (i = 0; i < c.nrows; i++) {
		free(c.rows[i].market);
		free(c.rows[i].mname);
		free(c.rows[i].town);
		free(c.rows[i].product);
		free(c.rows[i].unit);
	}
	free(c.rows);
	free(text);
	return st;
}
