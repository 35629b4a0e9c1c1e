/*
 * The commands of the price history: `willakuy history` lists what the
 * archive holds (CSV, a spreadsheet's CSV with names, or JSON), `willakuy
 * history import FEED.xml...` archives past feeds and says what it
 * archived, and `willakuy import PRICES.csv` turns a clerk's spreadsheet
 * into a price feed, checked against the station's catalogue and written
 * atomically with -o, never over an existing feed unless --force. Each
 * parses its own options; main.c maps the status to an exit code.
 */

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/money.h"
#include "base/paths.h"
#include "base/text.h"
#include "read/catalog.h"
#include "read/csvimport.h"
#include "read/csvtext.h"
#include "read/feed.h"
#include "read/history.h"
#include "read/site.h"
#include "read/station.h"
#include "read/voice.h"
#include "say/compose_market.h"
#include "market_cli.h"

static const char usage_history[] =
    "willakuy history [-c STATION.xml] [-o OUTDIR] [-m MARKET] [-p PRODUCT] "
    "[--from DATE] [--to DATE] [--format csv|sheet|json]";
static const char usage_history_import[] =
    "willakuy history import [-c STATION.xml] [-o OUTDIR] FEED.xml...";
static const char usage_import[] =
    "willakuy import [-c STATION.xml] [--force] [-o FEED.xml] PRICES.csv";

/* How long the commands wait for a build writing the archive. */
#define HISTORY_TIMEOUT_MS 5000

/* Long options without a letter. */
enum { OPT_FORCE = 256 };

/* Long options of these commands; every one is in willakuy(1). */
static const struct option options[] = {
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "format", required_argument, NULL, 'F' },
	{ "from", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "market", required_argument, NULL, 'm' },
	{ "output", required_argument, NULL, 'o' },
	{ "product", required_argument, NULL, 'p' },
	{ "station", required_argument, NULL, 'c' },
	{ "to", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 },
};

enum format { FMT_DEFAULT, FMT_CSV, FMT_SHEET, FMT_JSON };

struct opts {
	const char *station, *outdir, *market, *product;
	enum format format;
	struct wk_date from, to;
	int has_from, has_to, force;
};

static enum wk_status
usage(const char *msg, const char *arg, const char *synopsis)
{
	if (msg != NULL) {
		fputs("willakuy: ", stderr);
		fprintf(stderr, msg, arg);
		fputc('\n', stderr);
	}
	fprintf(stderr, "usage: %s\n", synopsis);
	return WK_EUSAGE;
}

static void
help(const char *synopsis, int history)
{
	printf("usage: %s\n", synopsis);
	if (history)
		printf("       %s\n", usage_history_import);
	fputs("\n", stdout);
	printf("  %-27s %s\n", "-c, --station=STATION.xml", history
	    ? _("station whose <history db> and catalogue are read")
	    : _("station whose catalogue (its own voices/catalog.xml too) the "
	    "rows are checked against"));
	if (history) {
		printf("  %-27s %s\n", "-o, --output=OUTDIR",
		    _("output folder whose history.sqlite is read (default: out)"));
		printf("  %-27s %s\n", "-m, --market=MARKET",
		    _("only this market (id or name)"));
		printf("  %-27s %s\n", "-p, --product=PRODUCT",
		    _("only this product (id or name)"));
		printf("  %-27s %s\n", "-f, --from=DATE",
		    _("from this date on (YYYY-MM-DD or DD/MM/YYYY)"));
		printf("  %-27s %s\n", "-t, --to=DATE",
		    _("up to this date (YYYY-MM-DD or DD/MM/YYYY)"));
		printf("  %-27s %s\n", "-F, --format=csv|sheet|json",
		    _("output format: csv; sheet (or hoja), for spreadsheets: "
		    "semicolons, decimal comma, UTF-8 BOM, names beside the ids; "
		    "json (default: sheet when the locale writes a decimal "
		    "comma, else csv)"));
	} else {
		printf("  %-27s %s\n", "--force",
		    _("replace FEED.xml when it exists"));
		printf("  %-27s %s\n", "-o, --output=FEED.xml",
		    _("write the feed there, atomically (default: stdout)"));
	}
	printf("  %-27s %s\n", "-h, --help", _("show this help"));
}

/* Reads the options into o: WK_OK, or WK_EUSAGE (told), with *helped set
 * when --help was shown. allowed lists the option letters of the command;
 * force says whether --force is one. */
static enum wk_status
parse(int argc, char **argv, const char *allowed, int force,
    const char *synopsis, int history, struct opts *o, int *helped)
{
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "c:F:f:hm:o:p:t:", options,
	    NULL)) != -1) {
		char opt[3] = { '-', (char)c, '\0' };

		if (c == '?')
			return usage(NULL, NULL, synopsis);
		if (c == OPT_FORCE ? !force : c != 'h' && strchr(allowed, c) == NULL)
			return usage(_("this option does not apply here: %s"),
			    c == OPT_FORCE ? "--force" : opt, synopsis);
		switch (c) {
		case OPT_FORCE:
			o->force = 1;
			break;
		case 'c':
			o->station = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "csv") == 0)
				o->format = FMT_CSV;
			else if (strcmp(optarg, "sheet") == 0 ||
			    strcmp(optarg, "hoja") == 0)
				o->format = FMT_SHEET;
			else if (strcmp(optarg, "json") == 0)
				o->format = FMT_JSON;
			else
				return usage(_("--format is csv, sheet or json, not "
				    "'%s'"), optarg, synopsis);
			break;
		case 'f':
		case 't':
			if (wk_csv_date(optarg, c == 'f' ? &o->from : &o->to) != 0)
				return usage(_("--from and --to want a date as "
				    "YYYY-MM-DD or DD/MM/YYYY, not '%s'"), optarg,
				    synopsis);
			*(c == 'f' ? &o->has_from : &o->has_to) = 1;
			break;
		case 'h':
			help(synopsis, history);
			*helped = 1;
			return WK_OK;
		case 'm':
			o->market = optarg;
			break;
		case 'o':
			o->outdir = optarg;
			break;
		case 'p':
			o->product = optarg;
			break;
		}
	}
	return WK_OK;
}

/* Opens the archive the way `build` finds it, with its folder checked as
 * build checks it (the station's <output shared>). */
static enum wk_status
open_history(const struct opts *o, const struct wk_station *s,
    int must_exist, struct wk_history **h, struct wk_diags *d,
    struct wk_err *err)
{
	char *path;
	enum wk_status st;
	struct stat sb;

	if ((path = wk_market_history_path(s, o->outdir ? o->outdir : "out"))
	    == NULL)
		return wk_err_nomem(err);
	if (must_exist && lstat(path, &sb) != 0) {
		st = wk_err_set(err, WK_EINPUT, path, 0, 0, "%s",
		    _("there is no price history here yet; a build or `willakuy "
		    "history import FEED.xml...` makes it (or give -o OUTDIR or "
		    "-c STATION.xml)"));
		goto out;
	}
	if (!must_exist) {
		/* history import into an output folder not made yet. */
		char *dir = wk_path_dir(path);

		if (dir != NULL && mkdir(dir, 0755) != 0 && errno != EEXIST)
			wk_diag(d, WK_WARNING, dir, 0, 0, _("cannot make the "
			    "folder: %s"), strerror(errno));
		free(dir);
	}
	st = wk_history_open(path, HISTORY_TIMEOUT_MS, s->output_shared, h, err);
out:
	free(path);
	return st;
}

/* The id that arg names among v[0..n): an id or a name, as import matches
 * it; arg itself when it names none. NULL, with the usage told, when the
 * name is ambiguous. */
static const char *
resolve(const char *arg, const struct wk_entry *v, size_t n,
    const char *what, const char *synopsis)
{
	int amb;
	const struct wk_entry *e = wk_csv_match(v, n, arg, &amb);

	if (amb) {
		usage(what, arg, synopsis);
		return NULL;
	}
	return e ? e->id : arg;
}

/* The market that a -m not in the catalogue names in the archive, by the
 * name its feeds gave it. */
struct by_name {
	char *key, *id;
	int nomem;
};

static int
archived_market(const char *id, const char *name, void *arg)
{
	struct by_name *b = arg;
	char *k = wk_csv_key(id), *kn = name ? wk_csv_key(name) : NULL;
	int hit = k != NULL && (strcmp(k, b->key) == 0 ||
	    (kn != NULL && strcmp(kn, b->key) == 0));

	if (k == NULL || (name != NULL && kn == NULL))
		b->nomem = 1;
	if (hit && (b->id = strdup(id)) == NULL)
		b->nomem = 1;
	free(k);
	free(kn);
	return hit || b->nomem;
}

/* An amount with a decimal comma: "2,50". */
static const char *
comma(long long cents, char out[WK_MONEY_MAX])
{
	char *p = strchr(wk_money_figure(cents, out), '.');

	if (p != NULL)
		*p = ',';
	return out;
}

/* A JSON string with every character that could break a line or steer a
 * terminal (C0, DEL, C1, U+2028, U+2029, the bidirectional controls: see
 * wk_breaks_line) written as \uXXXX, so the text stays as it was and
 * nothing goes raw to a terminal; a byte that is not UTF-8 is U+FFFD. */
static void
json_string(FILE *out, const char *s)
{
	uint32_t cp;
	size_t k;

	putc('"', out);
	while (*s != '\0') {
		k = wk_utf8_next(s, &cp);
		if (*s == '"' || *s == '\\')
			fprintf(out, "\\%c", *s);
		else if (cp == 0xFFFD && k == 1)
			fputs("\\ufffd", out);
		else if (wk_breaks_line(cp))
			fprintf(out, "\\u%04x", (unsigned)cp);
		else
			fwrite(s, 1, k, out);
		s += k;
	}
	putc('"', out);
}

struct lister {
	FILE *out;
	enum format format;
	const struct wk_catalog *cat;	/* names, for the sheet */
	const struct wk_voice *voice;	/* unit names, for the sheet */
	size_t n;
};

static const char *
name_of(const struct wk_entry *v, size_t n, const char *id)
{
	const struct wk_entry *e = wk_entry_find(v, n, id);
	const char *s = e ? wk_entry_name(e, "es") : NULL;

	return s ? s : e && e->nnames ? e->names[0] : NULL;
}

/* One row of the spreadsheet's CSV: semicolons, decimal comma, the date
 * day first, each id beside its name; every text cell neutralised. */
static void
sheet_row(const struct lister *l, const struct wk_history_row *r)
{
	const struct wk_unit *u = l->voice ? wk_voice_unit(l->voice, r->unit)
	    : NULL;
	const char *mname = name_of(l->cat->markets, l->cat->nmarkets,
	    r->market), *pname = name_of(l->cat->products, l->cat->nproducts,
	    r->product);
	char m[WK_MONEY_MAX];

	fprintf(l->out, "%02d/%02d/%04d;", r->date.d, r->date.m, r->date.y);
	wk_csv_cell(l->out, r->market, ';');
	putc(';', l->out);
	wk_csv_cell(l->out, mname ? mname : r->market_name ? r->market_name
	    : "", ';');
	putc(';', l->out);
	wk_csv_cell(l->out, r->product, ';');
	putc(';', l->out);
	wk_csv_cell(l->out, pname ? pname : "", ';');
	putc(';', l->out);
	wk_csv_cell(l->out, r->unit, ';');
	putc(';', l->out);
	wk_csv_cell(l->out, u ? u->one : "", ';');
	fprintf(l->out, ";%s;", comma(r->value, m));
	if (r->previous >= 0)
		fputs(comma(r->previous, m), l->out);
	putc(';', l->out);
	wk_csv_cell(l->out, r->feed, ';');
	fputs("\r\n", l->out);
}

static int
list_row(const struct wk_history_row *r, void *arg)
{
	struct lister *l = arg;
	char date[11], m[WK_MONEY_MAX];

	wk_date_format(r->date, date);
	if (l->format == FMT_SHEET)
		sheet_row(l, r);
	else if (l->format == FMT_CSV) {
		fprintf(l->out, "%s,", date);
		wk_csv_cell(l->out, r->market, ',');
		putc(',', l->out);
		wk_csv_cell(l->out, r->product, ',');
		putc(',', l->out);
		wk_csv_cell(l->out, r->unit, ',');
		fprintf(l->out, ",%s,", wk_money_figure(r->value, m));
		if (r->previous >= 0)
			fputs(wk_money_figure(r->previous, m), l->out);
		putc(',', l->out);
		wk_csv_cell(l->out, r->feed, ',');
		putc('\n', l->out);
	} else {
		fprintf(l->out, "%s\n  {\"date\": \"%s\", \"market\": ",
		    l->n ? "," : "", date);
		json_string(l->out, r->market);
		fputs(", \"product\": ", l->out);
		json_string(l->out, r->product);
		fputs(", \"unit\": ", l->out);
		json_string(l->out, r->unit);
		fprintf(l->out, ", \"value\": %s, \"previous\": ",
		    wk_money_figure(r->value, m));
		if (r->previous >= 0)
			fputs(wk_money_figure(r->previous, m), l->out);
		else
			fputs("null", l->out);
		fputs(", \"feed\": ", l->out);
		json_string(l->out, r->feed);
		putc('}', l->out);
	}
	l->n++;
	return ferror(l->out) ? 1 : 0;
}

/* 1 when the user's locale writes numbers with a decimal comma (es_PE,
 * es_ES...): then a spreadsheet there reads the sheet format. */
static int
decimal_comma(void)
{
	locale_t loc = newlocale(LC_NUMERIC_MASK, "", (locale_t)0);
	int r = 0;

	if (loc != (locale_t)0) {
		r = strcmp(nl_langinfo_l(RADIXCHAR, loc), ",") == 0;
		freelocale(loc);
	}
	return r;
}

static enum wk_status
cmd_list(struct opts *o, struct wk_diags *d, struct wk_err *err)
{
	struct wk_site *site = NULL;
	const struct wk_catalog *cat = NULL;
	struct wk_history *h = NULL;
	struct wk_history_filter f;
	struct lister l;
	struct by_name bn = { NULL, NULL, 0 };
	enum wk_status st;

	memset(&l, 0, sizeof l);
	memset(&f, 0, sizeof f);
	if (o->format == FMT_DEFAULT)
		o->format = decimal_comma() ? FMT_SHEET : FMT_CSV;
	if ((st = wk_site_open(o->station, 0, d, &site, err)) != WK_OK ||
	    (st = open_history(o, site->station, 1, &h, d, err)) != WK_OK)
		goto out;
	cat = site->cat;
	if (o->market != NULL) {
		f.market = resolve(o->market, cat->markets, cat->nmarkets,
		    _("'%s' is the name of more than one market; give its id"),
		    usage_history);
		if (f.market == NULL) {
			st = WK_EUSAGE;
			goto out;
		}
		if (f.market == o->market &&
		    (bn.key = wk_csv_key(o->market)) != NULL) {
			/* Not in the catalogue: the names feeds gave. */
			if ((st = wk_history_markets(h, archived_market, &bn,
			    err)) != WK_OK)
				goto out;
			if (bn.id != NULL)
				f.market = bn.id;
		}
		if (bn.nomem || (f.market == o->market && bn.key == NULL)) {
			st = wk_err_nomem(err);
			goto out;
		}
	}
	if (o->product != NULL && (f.product = resolve(o->product,
	    cat->products, cat->nproducts, _("'%s' is the name of more than "
	    "one product; give its id"), usage_history)) == NULL) {
		st = WK_EUSAGE;
		goto out;
	}
	f.from = o->from;
	f.to = o->to;
	f.has_from = o->has_from;
	f.has_to = o->has_to;
	l.out = stdout;
	l.format = o->format;
	l.cat = cat;
	if (o->format == FMT_SHEET) {
		struct wk_err e;

		/* Unit names: without the voice, the ids alone. */
		l.voice = wk_site_voice(site, "es", NULL, &e);
		fputs("\xEF\xBB\xBF" "fecha;mercado;nombre del mercado;producto;"
		    "nombre del producto;unidad;nombre de la unidad;precio;"
		    "anterior;feed\r\n", stdout);
	} else if (o->format == FMT_JSON)
		fputs("[", stdout);
	else
		fputs("date,market,product,unit,value,previous,feed\n", stdout);
	st = wk_history_query(h, &f, list_row, &l, err);
	if (o->format == FMT_JSON)
		fputs(l.n ? "\n]\n" : "]\n", stdout);
	if (st == WK_OK && (fflush(stdout) != 0 || ferror(stdout)))
		st = wk_err_set(err, WK_EIO, NULL, 0, 0, _("stdout: %s"),
		    strerror(errno));
	if (st == WK_OK && l.n == 0 && (o->market || o->product)) {
		const char *near = NULL;

		if (o->market != NULL && f.market == o->market)
			near = wk_entry_closest(cat->markets, cat->nmarkets,
			    bn.key ? bn.key : o->market);
		if (near != NULL)
			wk_diag(d, WK_WARNING, NULL, 0, 0, _("no price of market "
			    "'%s' in the history; did you mean '%s'?"), o->market,
			    near);
		else
			wk_diag(d, WK_WARNING, NULL, 0, 0, "%s", _("no price in "
			    "the history matches -m, -p, --from and --to"));
	}
out:
	free(bn.key);
	free(bn.id);
	wk_history_close(h);
	wk_site_free(site);
	return st;
}

/* "3 markets, 17 prices" into out (128 bytes). */
static const char *
counts(size_t nm, size_t np, char *out)
{
	char m[64];

	snprintf(m, sizeof m, ngettext("%zu market", "%zu markets", nm), nm);
	snprintf(out, 128, ngettext("%s, %zu price", "%s, %zu prices", np), m,
	    np);
	return out;
}

/* How many markets and prices p holds. */
static void
feed_counts(const struct wk_prices *p, size_t *nm, size_t *np)
{
	size_t i;

	*nm = p->nmarkets;
	*np = 0;
	for (i = 0; i < p->nmarkets; i++)
		*np += p->markets[i].nprices;
}

static enum wk_status
cmd_history_import(const struct opts *o, int n, char **feeds,
    struct wk_diags *d, struct wk_err *err)
{
	struct wk_site *site = NULL;
	struct wk_history *h = NULL;
	enum wk_status st, worst = WK_OK;
	size_t done = 0;
	char shown[4096];
	int i;

	if ((st = wk_site_open(o->station, WK_SITE_SETTINGS, d, &site, err)) !=
	    WK_OK || (st = open_history(o, site->station, 0, &h, d, err)) !=
	    WK_OK) {
		wk_site_free(site);
		return st;
	}
	for (i = 0; i < n; i++) {
		struct wk_prices *p = NULL;
		struct wk_err e;
		size_t before = 0, nm, np;
		char date[11], what[128];

		wk_err_trust_excerpt(feeds[i]);	/* the user named it */
		if ((st = wk_prices_load(feeds[i], &p, d, &e)) != WK_OK) {
			wk_diag_err(d, &e);
			if (st == WK_ENOMEM) {
				worst = st;
				break;
			}
			worst = worst == WK_OK ? st : worst;
			continue;
		}
		if ((st = wk_history_count(h, p->date, &before, &e)) == WK_OK)
			st = wk_history_archive(h, p, &e);
		if (st != WK_OK) {
			wk_prices_free(p);
			*err = e;
			worst = st;
			goto out;
		}
		feed_counts(p, &nm, &np);
		wk_date_format(p->date, date);
		/* A name in a shared feeds folder is anyone's: it is shown
		 * as the diagnostics show it, never steering the terminal. */
		wk_escape_line(feeds[i], shown, sizeof shown, 0);
		if (before > 0)
			printf(ngettext("%s: the prices of %s archived (%s); the "
			    "archive had %zu price of that day, replaced where the "
			    "market, product and unit are the same\n", "%s: the "
			    "prices of %s archived (%s); the archive had %zu prices "
			    "of that day, replaced where the market, product and "
			    "unit are the same\n", before), shown, date,
			    counts(nm, np, what), before);
		else
			printf(_("%s: the prices of %s archived (%s)\n"), shown,
			    date, counts(nm, np, what));
		wk_prices_free(p);
		done++;
	}
	if (done > 1) {
		wk_escape_line(wk_history_path(h), shown, sizeof shown, 0);
		printf(ngettext("%zu feed archived in %s\n", "%zu feeds archived "
		    "in %s\n", done), done, shown);
	}
	if (worst != WK_OK)
		wk_err_set(err, worst, NULL, 0, 0, "%s",
		    _("some feeds were not archived (see above); the others were"));
out:
	wk_history_close(h);
	wk_site_free(site);
	return worst;
}

/*
 * Writes len bytes to path through a temporary file beside it, synced,
 * then renamed over path (replace) or linked to it, which fails when path
 * exists (EEXIST): path is never seen half written, and never replaced
 * unless asked.
 */
static enum wk_status
write_atomic(const char *path, const char *data, size_t len, int replace,
    struct wk_err *err)
{
	char *dir = wk_path_dir(path), *base = wk_path_stem(path, "");
	struct wk_buf tmp = WK_BUF_INIT;
	enum wk_status st = WK_OK;
	int fd = -1, rc;
	size_t off = 0;

	if (dir == NULL || base == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	wk_buf_printf(&tmp, "%s/.%s.XXXXXX", dir, base);
	if (tmp.failed) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((fd = mkstemp(tmp.data)) < 0) {
		st = wk_err_set(err, WK_EIO, path, 0, 0, _("cannot write: %s"),
		    strerror(errno));
		goto out;
	}
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (off < len || fchmod(fd, 0644) != 0 || fsync(fd) != 0) {
		st = wk_err_set(err, WK_EIO, path, 0, 0, _("cannot write: %s"),
		    strerror(errno));
		close(fd);
		unlink(tmp.data);
		goto out;
	}
	if (close(fd) != 0) {
		st = wk_err_set(err, WK_EIO, path, 0, 0, _("cannot write: %s"),
		    strerror(errno));
		unlink(tmp.data);
		goto out;
	}
	if (replace)
		rc = rename(tmp.data, path);
	else if ((rc = link(tmp.data, path)) != 0 && errno != EEXIST) {
		struct stat sb;

		/* A file system without hard links (a USB stick's FAT). */
		if (lstat(path, &sb) == 0)
			errno = EEXIST;
		else
			rc = rename(tmp.data, path);
	}
	if (rc != 0 && errno == EEXIST)
		st = wk_err_set(err, WK_EUSAGE, path, 0, 0, "%s",
		    _("the file exists (made meanwhile?); nothing was written"));
	else if (rc != 0)
		st = wk_err_set(err, WK_EIO, path, 0, 0, _("cannot write: %s"),
		    strerror(errno));
	unlink(tmp.data);
out:
	wk_buf_free(&tmp);
	free(dir);
	free(base);
	return st;
}

/* Warns when the name of the feed written says another date than its
 * prices: a day and month swapped in the sheet, or the wrong file. */
static void
check_name(const char *csv, const char *out, const struct wk_csv_info *in,
    struct wk_diags *d)
{
	const char *base = strrchr(out, '/');
	struct wk_date named;
	char a[11], b[11];
	size_t i, n;

	base = base ? base + 1 : out;
	n = strlen(base);
	for (i = 0; i + 10 <= n; i++)
		if (wk_date_parse_n(base + i, 10, &named) == 0)
			break;
	if (i + 10 > n || wk_date_days(named) == wk_date_days(in->date))
		return;
	wk_date_format(in->date, a);
	wk_date_format(named, b);
	if (strchr(in->date_text, '-') != in->date_text + 4 &&
	    named.d == in->date.m && named.m == in->date.d &&
	    named.y == in->date.y)
		wk_diag(d, WK_WARNING, csv, in->date_line, 0,
		    _("the prices are dated %s (the sheet writes '%s', read day "
		    "first) but the feed's name %s says %s: are day and month "
		    "swapped? The feed was written; check the date and its name"),
		    a, in->date_text, base, b);
	else
		wk_diag(d, WK_WARNING, csv, in->date_line, 0,
		    _("the prices are dated %s (the sheet writes '%s') but the "
		    "feed's name %s says %s: a bulletin looks for the feed by the "
		    "date in its name. The feed was written; check the date and "
		    "its name"), a, in->date_text, base, b);
}

static enum wk_status
cmd_import(const struct opts *o, const char *csv, struct wk_diags *d,
    struct wk_err *err)
{
	struct wk_site *site = NULL;
	struct wk_buf feed = WK_BUF_INIT;
	struct wk_csv_ref ref;
	struct wk_csv_info info;
	enum wk_status st;
	struct stat sb;

	if ((st = wk_site_open(o->station, 0, d, &site, err)) != WK_OK)
		goto out;
	wk_site_all_voices(site, d);
	ref.cat = site->cat;
	ref.voices = (const struct wk_voice *const *)site->voices.v;
	ref.nvoices = site->voices.n;
	ref.price_factor = site->station->price_factor;
	if ((st = wk_csv_to_feed(csv, &ref, &feed, &info, d, err)) != WK_OK)
		goto out;
	if (feed.failed) {
		st = wk_err_nomem(err);
		goto out;
	}
	if (o->outdir == NULL) {
		fwrite(feed.data, 1, feed.len, stdout);
		if (fflush(stdout) != 0 || ferror(stdout))
			st = wk_err_set(err, WK_EIO, NULL, 0, 0, _("stdout: %s"),
			    strerror(errno));
		goto out;
	}
	if (!o->force && lstat(o->outdir, &sb) == 0) {
		wk_diag(d, WK_ERROR, o->outdir, 0, 0, "%s", _("the feed exists; "
		    "nothing was written. Give --force to replace it"));
		st = WK_EUSAGE;
		goto out;
	}
	check_name(csv, o->outdir, &info, d);
	if ((st = write_atomic(o->outdir, feed.data, feed.len, o->force,
	    err)) == WK_EUSAGE) {
		wk_diag_err(d, err);
		goto out;
	}
	if (st == WK_OK) {
		char date[11], what[128], shown[4096];

		wk_date_format(info.date, date);
		wk_escape_line(o->outdir, shown, sizeof shown, 0);
		printf(_("%s: the prices of %s (%s)\n"), shown, date,
		    counts(info.nmarkets, info.nprices, what));
	}
out:
	wk_buf_free(&feed);
	wk_site_free(site);
	return st;
}

enum wk_status
wk_market_cli(const char *cmd, int argc, char **argv, struct wk_diags *d,
    struct wk_err *err)
{
	struct opts o;
	enum wk_status st;
	int helped = 0, is_import = strcmp(cmd, "import") == 0;
	int import = strcmp(cmd, "history") == 0 && argc > 1 &&
	    strcmp(argv[1], "import") == 0;
	const char *syn = is_import ? usage_import
	    : import ? usage_history_import : usage_history;

	memset(&o, 0, sizeof o);
	err->status = WK_OK;
	err->file[0] = err->msg[0] = '\0';
	if (import) {
		argc--;
		argv++;
	}
	st = parse(argc, argv, is_import ? "co" : import ? "co" : "cFfmopt",
	    is_import, syn, !is_import, &o, &helped);
	if (st != WK_OK || helped)
		return st;
	if (is_import) {
		if (argc - optind != 1)
			return usage("%s", _("import needs one PRICES.csv"), syn);
		return cmd_import(&o, argv[optind], d, err);
	}
	if (import) {
		if (argc - optind < 1)
			return usage("%s", _("history import needs at least one "
			    "FEED.xml"), syn);
		return cmd_history_import(&o, argc - optind, argv + optind, d,
		    err);
	}
	if (argc - optind != 0)
		return usage(_("unexpected '%s'; history takes options only (or "
		    "`history import FEED.xml...`)"), argv[optind], syn);
	return cmd_list(&o, d, err);
}
