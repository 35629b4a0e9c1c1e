/*
 * The commands of the price history: `willakuy history` lists what the
 * archive holds (CSV or JSON, for the networks' spreadsheets), `willakuy
 * history import FEED.xml...` archives past feeds, and `willakuy import
 * PRICES.csv` turns a clerk's spreadsheet into a price feed, written
 * atomically with -o. Each parses its own options; main.c maps the status
 * to an exit code.
 */

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/money.h"
#include "run/build.h"
#include "read/catalog.h"
#include "say/compose_market.h"
#include "read/csvimport.h"
#include "read/feed.h"
#include "read/history.h"
#include "market_cli.h"
#include "base/paths.h"
#include "read/site.h"
#include "read/station.h"

static const char usage_history[] =
    "willakuy history [-c STATION.xml] [-o OUTDIR] [-m MARKET] [-p PRODUCT] "
    "[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format csv|json]";
static const char usage_history_import[] =
    "willakuy history import [-c STATION.xml] [-o OUTDIR] FEED.xml...";
static const char usage_import[] = "willakuy import [-o FEED.xml] PRICES.csv";

/* Long options of these commands; every one is in willakuy(1). */
static const struct option options[] = {
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

struct opts {
	const char *station, *outdir, *market, *product, *format;
	struct wk_date from, to;
	int has_from, has_to;
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
	if (history) {
		printf("  %-27s %s\n", "-c, --station=STATION.xml",
		    _("station whose <history db> is read"));
		printf("  %-27s %s\n", "-o, --output=OUTDIR",
		    _("output folder whose history.sqlite is read (default: out)"));
		printf("  %-27s %s\n", "-m, --market=MARKET",
		    _("only this market (id)"));
		printf("  %-27s %s\n", "-p, --product=PRODUCT",
		    _("only this product (id)"));
		printf("  %-27s %s\n", "-f, --from=YYYY-MM-DD",
		    _("from this date on"));
		printf("  %-27s %s\n", "-t, --to=YYYY-MM-DD",
		    _("up to this date"));
		printf("  %-27s %s\n", "-F, --format=csv|json",
		    _("output format (default: csv)"));
	} else
		printf("  %-27s %s\n", "-o, --output=FEED.xml",
		    _("write the feed there, atomically (default: stdout)"));
	printf("  %-27s %s\n", "-h, --help", _("show this help"));
}

/* Reads the options into o: WK_OK, or WK_EUSAGE (told), with *helped set
 * when --help was shown. */
static enum wk_status
parse(int argc, char **argv, const char *allowed, const char *synopsis,
    int history, struct opts *o, int *helped)
{
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "c:F:f:hm:o:p:t:", options,
	    NULL)) != -1) {
		char opt[3] = { '-', (char)c, '\0' };

		if (c == '?')
			return usage(NULL, NULL, synopsis);
		if (c != 'h' && strchr(allowed, c) == NULL)
			return usage(_("this option does not apply here: %s"), opt,
			    synopsis);
		switch (c) {
		case 'c':
			o->station = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "csv") != 0 && strcmp(optarg, "json") != 0)
				return usage(_("--format is csv or json, not '%s'"),
				    optarg, synopsis);
			o->format = optarg;
			break;
		case 'f':
		case 't':
			if (wk_date_parse(optarg, c == 'f' ? &o->from : &o->to) != 0)
				return usage(_("--from and --to want a date as "
				    "YYYY-MM-DD, not '%s'"), optarg, synopsis);
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

/* Opens the archive the way `build` finds it. */
static enum wk_status
open_history(const struct opts *o, int must_exist, struct wk_history **h,
    struct wk_diags *d, struct wk_err *err)
{
	struct wk_site *s = NULL;
	char *path = NULL;
	enum wk_status st;

	if ((st = wk_site_open(o->station, WK_SITE_SETTINGS, d, &s, err)) !=
	    WK_OK)
		goto out;
	if ((path = wk_market_history_path(s->station, o->outdir ? o->outdir
	    : "out")) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if (must_exist && access(path, F_OK) != 0) {
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
	st = wk_history_open(path, 5000, h, err);
out:
	free(path);
	wk_site_free(s);
	return st;
}

static void
csv_field(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\n\r;") == NULL) {
		fputs(s, out);
		return;
	}
	putc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	putc('"', out);
}

static void
json_string(FILE *out, const char *s)
{
	putc('"', out);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(out, "\\u%04x", ch);
		else
			putc(ch, out);
	}
	putc('"', out);
}

struct lister {
	FILE *out;
	int json;
	size_t n;
};

static int
list_row(const struct wk_history_row *r, void *arg)
{
	struct lister *l = arg;
	char date[11], m[WK_MONEY_MAX];

	wk_date_format(r->date, date);
	if (!l->json) {
		fprintf(l->out, "%s,", date);
		csv_field(l->out, r->market);
		putc(',', l->out);
		csv_field(l->out, r->product);
		putc(',', l->out);
		csv_field(l->out, r->unit);
		fprintf(l->out, ",%s,", wk_money_figure(r->value, m));
		if (r->previous >= 0)
			fputs(wk_money_figure(r->previous, m), l->out);
		putc(',', l->out);
		csv_field(l->out, r->feed);
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

static enum wk_status
cmd_list(const struct opts *o, struct wk_diags *d, struct wk_err *err)
{
	struct wk_history *h = NULL;
	struct wk_history_filter f;
	struct lister l = { stdout, 0, 0 };
	enum wk_status st;

	if ((st = open_history(o, 1, &h, d, err)) != WK_OK)
		return st;
	memset(&f, 0, sizeof f);
	f.market = o->market;
	f.product = o->product;
	f.from = o->from;
	f.to = o->to;
	f.has_from = o->has_from;
	f.has_to = o->has_to;
	l.json = o->format != NULL && strcmp(o->format, "json") == 0;
	if (l.json)
		fputs("[", stdout);
	else
		fputs("date,market,product,unit,value,previous,feed\n", stdout);
	st = wk_history_query(h, &f, list_row, &l, err);
	if (l.json)
		fputs(l.n ? "\n]\n" : "]\n", stdout);
	wk_history_close(h);
	if (st == WK_OK && (fflush(stdout) != 0 || ferror(stdout)))
		st = wk_err_set(err, WK_EIO, NULL, 0, 0, _("stdout: %s"),
		    strerror(errno));
	return st;
}

static enum wk_status
cmd_history_import(const struct opts *o, int n, char **feeds,
    struct wk_diags *d, struct wk_err *err)
{
	struct wk_history *h = NULL;
	enum wk_status st, worst = WK_OK;
	int i;

	if ((st = open_history(o, 0, &h, d, err)) != WK_OK)
		return st;
	for (i = 0; i < n; i++) {
		struct wk_prices *p = NULL;
		struct wk_err e;

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
		st = wk_history_archive(h, p, &e);
		wk_prices_free(p);
		if (st != WK_OK) {
			*err = e;
			worst = st;
			goto out;
		}
	}
	if (worst != WK_OK)
		wk_err_set(err, worst, NULL, 0, 0, "%s",
		    _("some feeds were not archived (see above); the others were"));
out:
	wk_history_close(h);
	return worst;
}

/* Writes len bytes to path through a temporary file beside it, synced and
 * renamed over it, so that path is never seen half written. */
static enum wk_status
write_atomic(const char *path, const char *data, size_t len,
    struct wk_err *err)
{
	char *dir = wk_path_dir(path), *base = wk_path_stem(path, "");
	struct wk_buf tmp = WK_BUF_INIT;
	enum wk_status st = WK_OK;
	int fd = -1;
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
	if (close(fd) != 0 || rename(tmp.data, path) != 0) {
		st = wk_err_set(err, WK_EIO, path, 0, 0, _("cannot write: %s"),
		    strerror(errno));
		unlink(tmp.data);
	}
out:
	wk_buf_free(&tmp);
	free(dir);
	free(base);
	return st;
}

static enum wk_status
cmd_import(const struct opts *o, const char *csv, struct wk_diags *d,
    struct wk_err *err)
{
	struct wk_catalog *cat = NULL;
	struct wk_buf feed = WK_BUF_INIT;
	char *cp = wk_data_path("voices/catalog.xml");
	enum wk_status st;

	if (cp == NULL)
		return wk_err_nomem(err);
	st = wk_catalog_load(cp, &cat, d, err);
	free(cp);
	if (st != WK_OK)
		return st;
	st = wk_csv_to_feed(csv, cat, &feed, d, err);
	if (st == WK_OK && feed.failed)
		st = wk_err_nomem(err);
	if (st == WK_OK && o->outdir != NULL)
		st = write_atomic(o->outdir, feed.data, feed.len, err);
	else if (st == WK_OK) {
		fwrite(feed.data, 1, feed.len, stdout);
		if (fflush(stdout) != 0 || ferror(stdout))
			st = wk_err_set(err, WK_EIO, NULL, 0, 0, _("stdout: %s"),
			    strerror(errno));
	}
	wk_buf_free(&feed);
	wk_catalog_free(cat);
	return st;
}

enum wk_status
wk_market_cli(const char *cmd, int argc, char **argv, struct wk_diags *d,
    struct wk_err *err)
{
	struct opts o;
	enum wk_status st;
	int helped = 0;
	int import = strcmp(cmd, "history") == 0 && argc > 1 &&
	    strcmp(argv[1], "import") == 0;
	const char *syn = strcmp(cmd, "import") == 0 ? usage_import
	    : import ? usage_history_import : usage_history;

	memset(&o, 0, sizeof o);
	err->status = WK_OK;
	err->file[0] = err->msg[0] = '\0';
	if (import) {
		argc--;
		argv++;
	}
	st = parse(argc, argv, strcmp(cmd, "import") == 0 ? "o" : import ? "co"
	    : "cFfmopt", syn, strcmp(cmd, "history") == 0, &o, &helped);
	if (st != WK_OK || helped)
		return st;
	if (strcmp(cmd, "import") == 0) {
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
