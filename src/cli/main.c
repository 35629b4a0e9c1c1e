/*
 * willakuy: market prices and network news for community radio, spoken in
 * Spanish and Quechua. This file reads the command line, runs one
 * subcommand, prints what went wrong and turns the outcome into an exit
 * code (documented in willakuy(1) and README.md).
 */

#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libintl.h>

#include "base/buf.h"
#include "run/build.h"
#include "publish/causes.h"
#include "check.h"
#include "kit.h"
#include "preview.h"
#include "base/date.h"
#include "base/err.h"
#include "read/local.h"
#include "run/notify.h"
#include "market_cli.h"
#include "base/paths.h"
#include "read/rngoutline.h"
#include "read/site.h"
#include "read/station.h"
#include "say/verbal.h"
#include "read/voice.h"
#include "read/xmlio.h"

#ifndef WK_VERSION
#define WK_VERSION "0"
#endif

/* How far after today -d may go without --future: a month of
 * bulletins prepared ahead, not a mistyped year. */
#define WK_MAX_AHEAD_DAYS 31

/* Most stations (-c) in one build. */
#define WK_MAX_STATIONS 64
#define WK_MAX_STATIONS_S "64"

/* Exit codes. */
enum {
	EXIT_FALLBACK = 1,	/* built, but with fallbacks or parts left out */
	EXIT_USAGE = 2,
	EXIT_INPUT = 3,
	EXIT_AUDIO = 4,
	EXIT_IO = 5,
	EXIT_LOCK = 6,
	EXIT_NOMEM = 7,
};

/* The subcommands: synopsis (as in willakuy(1)), what they do, and the
 * short options they take. */
static const struct cmd {
	const char *name, *synopsis, *what, *opts;
} cmds[] = {
	{ "build", "willakuy build [-qv] [-c STATION.xml]... [-d YYYY-MM-DD "
	    "[--future]] [-j JOBS] [-o OUTDIR] [-w SECONDS] BULLETIN.xml...",
	    N_("make the MP3 segments, playlist and transcript of each bulletin "
	    "in OUTDIR/YYYY-MM-DD/"), "cdFjoqvw" },
	{ "check", "willakuy check [-qv] [-c STATION.xml] [-d YYYY-MM-DD] "
	    "FILE.xml...",
	    N_("validate bulletin, feed, station, voice or catalogue files"),
	    "cdqv" },
	{ "preview", "willakuy preview [-qv] [-c STATION.xml] [-d YYYY-MM-DD] "
	    "[-l es|qu] BULLETIN.xml",
	    N_("print what each language's bulletin will say"), "cdlqv" },
	{ "kit", "willakuy kit [-qv] [-c STATION.xml] [-d YYYY-MM-DD] "
	    "[-l es|qu] [-o DIR] BULLETIN.xml...",
	    N_("print the words and phrases to record in the station's own "
	    "voice, with DIR/<lang>/index.txt to fill in"), "cdloqv" },
	{ "verbalize", "willakuy verbalize [-c STATION.xml] -l es|qu",
	    N_("read text on stdin, write the words to speak on stdout"), "cl" },
	/* These two parse their own options (market_cli.c). */
	{ "history", "willakuy history [-c STATION.xml] [-o OUTDIR] [-m MARKET] "
	    "[-p PRODUCT] [--from DATE] [--to DATE] "
	    "[--format csv|sheet|json]\n       willakuy history import [-c "
	    "STATION.xml] [-o OUTDIR] FEED.xml...",
	    N_("list the price history, or archive past price feeds"), NULL },
	{ "import", "willakuy import [-c STATION.xml] [--force] [-o FEED.xml] "
	    "PRICES.csv",
	    N_("make a price feed from a spreadsheet's CSV"), NULL },
};

/* One option table for the subcommands parsed here (history and import
 * parse their own, market_cli.c), sorted by long name. */
static const struct option options[] = {
	{ "date", required_argument, NULL, 'd' },
	{ "future", no_argument, NULL, 'F' },	/* long only */
	{ "help", no_argument, NULL, 'h' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "lang", required_argument, NULL, 'l' },
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "station", required_argument, NULL, 'c' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, 'V' },
	{ "wait", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 },
};

/* Help for each option, in the order of options[]. */
static const char *const option_help[][2] = {
	{ "-d, --date=YYYY-MM-DD", N_("broadcast date (default: today)") },
	{ "    --future", N_("build for a date more than 31 days after today") },
	{ "-h, --help", N_("show this help") },
	{ "-j, --jobs=JOBS", N_("encoder threads (default: the number of cores)") },
	{ "-l, --lang=LANG", N_("language: es or qu") },
	{ "-o, --output=OUTDIR", N_("output folder (default: out)") },
	{ "-q, --quiet", N_("print errors only") },
	{ "-c, --station=STATION.xml", N_("station configuration (default: the "
	    "shipped one); build takes several, one folder each") },
	{ "-v, --verbose", N_("also print notes and a summary") },
	{ "-V, --version", N_("show the version") },
	{ "-w, --wait=SECONDS", N_("wait this long for another run to finish "
	    "(default: 60)") },
};

static const char *const exit_text = N_(
    "Exit status: 0 all fresh and complete; 1 built with fallbacks or parts\n"
    "left out; 2 usage error; 3 invalid input; 4 synthesis or audio failure;\n"
    "5 output I/O failure; 6 output folder locked by another run; 7 out of\n"
    "memory.\n");

/* The usage lines, of every command or of one. */
static void
usage(FILE *out, const struct cmd *only)
{
	size_t i;
	const char *lead = _("usage: ");
	int width = (int)strlen(lead);

	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		if (only != NULL && &cmds[i] != only)
			continue;
		fprintf(out, "%*s%s\n", width, lead, cmds[i].synopsis);
		lead = "";
	}
	if (only == NULL)
		fprintf(out, "%*swillakuy --help | --version\n", width, lead);
}

static void
help(const struct cmd *only)
{
	size_t i;

	usage(stdout, only);
	fputs("\n", stdout);
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (only == NULL || &cmds[i] == only)
			printf("  %-10s %s\n", cmds[i].name, _(cmds[i].what));
	fputs("\n", stdout);
	for (i = 0; i < sizeof option_help / sizeof option_help[0]; i++)
		if (only == NULL || options[i].val == 'h' ||
		    strchr(only->opts, options[i].val) != NULL)
			printf("  %-27s %s\n", option_help[i][0],
			    _(option_help[i][1]));
	fputs("\n", stdout);
	fputs(_(exit_text), stdout);
}

struct opts {
	const char *outdir, *station, *lang;
	char *stations[WK_MAX_STATIONS];	/* every -c, for build */
	size_t nstations;
	struct wk_date date;
	const char *date_arg;			/* -d as given, or NULL */
	long jobs, wait_s;
	int quiet, verbose, future;
};

static int
exit_code(enum wk_status st)
{
	switch (st) {
	case WK_OK:
		return 0;
	case WK_EUSAGE:
		return EXIT_USAGE;
	case WK_EINPUT:
		return EXIT_INPUT;
	case WK_EAUDIO:
		return EXIT_AUDIO;
	case WK_EIO:
		return EXIT_IO;
	case WK_ELOCK:
		return EXIT_LOCK;
	case WK_ENOMEM:
		return EXIT_NOMEM;
	}
	return EXIT_IO;
}

static const struct cmd *current;	/* the subcommand being run */

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("willakuy: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	usage(stderr, current);
	return EXIT_USAGE;
}

/* "willakuy buidl": the command meant, when one is near enough. */
static int
unknown_command(const char *cmd)
{
	const char *best = NULL;
	unsigned bd = 255, d;
	size_t i;

	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if ((d = wk_rng_distance(cmd, cmds[i].name)) < bd) {
			bd = d;
			best = cmds[i].name;
		}
	if (best == NULL || bd > (strlen(cmd) > 4 ? 2u : 1u))
		return usage_error(_("unknown command '%s'"), cmd);
	fputs("willakuy: ", stderr);
	fprintf(stderr, _("unknown command '%s'; did you mean %s?"), cmd, best);
	fputc('\n', stderr);
	usage(stderr, NULL);
	return EXIT_USAGE;
}

static int
number(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* Parses the options of a subcommand. */
static int
parse(int argc, char **argv, struct opts *o)
{
	const char *allowed = current->opts;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "c:d:hj:l:o:qvVw:", options,
	    NULL)) != -1) {
		if (c == '?' || (c != 'h' && strchr(allowed, c) == NULL)) {
			if (c != '?') {
				char opt[3] = { '-', (char)c, '\0' };

				usage_error(_("this option does not apply here: %s"),
				    c == 'F' ? "--future" : opt);
			} else
				usage(stderr, current);
			return EXIT_USAGE;
		}
		switch (c) {
		case 'c':
			o->station = optarg;
			if (o->nstations == WK_MAX_STATIONS)
				return usage_error(_("at most %s stations in one run; "
				    "run the others separately"), WK_MAX_STATIONS_S);
			o->stations[o->nstations++] = optarg;
			break;
		case 'd':
			if (wk_date_parse(optarg, &o->date) != 0)
				return usage_error(_("-d wants a date as YYYY-MM-DD, "
				    "not '%s'"), optarg);
			o->date_arg = optarg;
			break;
		case 'F':
			o->future = 1;
			break;
		case 'h':
			help(current);
			return -1;
		case 'j':
			if (number(optarg, 1, 64, &o->jobs) != 0)
				return usage_error(_("-j wants a number of threads "
				    "from 1 to 64, not '%s'"), optarg);
			break;
		case 'l':
			o->lang = optarg;
			break;
		case 'o':
			o->outdir = optarg;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'w':
			if (number(optarg, 0, 86400, &o->wait_s) != 0)
				return usage_error(_("-w wants seconds from 0 to 86400, "
				    "not '%s'"), optarg);
			break;
		}
	}
	return 0;
}

static int
cmd_verbalize(struct opts *o)
{
	struct wk_diags d;
	struct wk_err err;
	struct wk_voice *v = NULL;
	struct wk_site *site = NULL;
	char *line = NULL, **local = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;
	char mark = 0;

	if (o->lang == NULL)
		return usage_error("%s", _("verbalize needs -l es or -l qu"));
	wk_diags_init(&d, stderr);
	if (o->station != NULL) {
		/* -c: the station's voice, with its own vocabulary, and its
		 * declared decimal mark (1,002 is then settled). */
		if (wk_site_open(o->station, WK_SITE_SETTINGS, &d, &site, &err) !=
		    WK_OK || (v = wk_site_voice(site, o->lang, &d, &err)) == NULL) {
			wk_diag_err(&d, &err);
			wk_site_free(site);
			wk_diags_free(&d);
			return exit_code(err.status);
		}
		mark = site->station->decimal_mark;
	} else if (wk_local_dirs(NULL, &local, &err) != WK_OK ||
	    /* No station: the voice with the system's own lexicons. */
	    wk_voice_load(o->lang, &v, &d, &err) != WK_OK ||
	    wk_voice_add_lexicons(v, (const char *const *)local, &d, &err) !=
	    WK_OK) {
		wk_diag_err(&d, &err);
		wk_voice_free(v);
		wk_local_dirs_free(local);
		wk_diags_free(&d);
		return exit_code(err.status);
	}
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		struct wk_buf b = WK_BUF_INIT;

		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (wk_verbalize_mark(v, line, mark, &b, NULL, NULL) != 0) {
			wk_buf_free(&b);
			wk_diag_print(stderr, WK_ERROR, NULL, 0, 0, _("out of memory"));
			rc = EXIT_NOMEM;
			break;
		}
		fputs(wk_buf_str(&b), stdout);
		putchar('\n');
		wk_buf_free(&b);
	}
	if (ferror(stdin)) {
		perror("willakuy: stdin");
		rc = EXIT_IO;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("willakuy: stdout");
		rc = EXIT_IO;
	}
	free(line);
	if (site != NULL)
		wk_site_free(site);	/* and its voices */
	else
		wk_voice_free(v);
	wk_local_dirs_free(local);
	wk_diags_free(&d);
	return rc;
}

static int
cmd_check(struct opts *o, int argc, char **argv)
{
	struct wk_diags d;
	enum wk_status st;

	if (argc - optind < 1)
		return usage_error("%s", _("check needs at least one FILE.xml"));
	wk_diags_init(&d, stderr);
	d.verbose = o->verbose;
	st = wk_check_files(argv + optind, (size_t)(argc - optind), o->station,
	    o->date, &d);
	if (!o->quiet && isatty(STDERR_FILENO))
		fprintf(stderr, _("willakuy: %zu error(s), %zu warning(s)\n"),
		    d.nerrors, d.nwarnings);
	wk_diags_free(&d);
	return exit_code(st);
}

/* The end of a command that writes to stdout: reports err when st failed,
 * checks stdout, frees d and returns the exit status. */
static int
finish_stdout(enum wk_status st, struct wk_diags *d, struct wk_err *err)
{
	if (st != WK_OK)
		wk_diag_err(d, err);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("willakuy: stdout");
		st = WK_EIO;
	}
	wk_diags_free(d);
	return exit_code(st);
}

static int
cmd_preview(struct opts *o, int argc, char **argv)
{
	struct wk_diags d;
	struct wk_err err;
	enum wk_status st;

	if (argc - optind != 1)
		return usage_error("%s", _("preview needs one BULLETIN.xml"));
	wk_diags_init(&d, stderr);
	d.verbose = o->verbose;
	st = wk_preview(argv[optind], o->lang, o->station, o->date, stdout, &d,
	    &err);
	return finish_stdout(st, &d, &err);
}

/* Runs each station's <notify> hook, if it has one, after a build. */
static void
notify(const struct wk_build_opts *bo, const struct wk_build_result *res,
    const char *error, struct wk_diags *d, int code,
    struct wk_causes *causes)
{
	struct wk_buf sum = WK_BUF_INIT;
	size_t i = 0;

	/* The problems once per cause, as on stderr and in the report. */
	if (causes != NULL && res != NULL)
		wk_causes_summary(causes, d, res->failed, res->with_fallbacks,
		    res->built - res->with_fallbacks, "", &sum);

	do {
		struct wk_notify_run n = { bo->nstations > 0 ? bo->stations[i]
		    : NULL, bo->outdir, bo->date, code, res, error,
		    sum.len > 0 && !sum.failed ? wk_buf_str(&sum) : NULL };

		wk_notify_build(&n, d);
	} while (++i < bo->nstations);
	wk_buf_free(&sum);
}

/* history and import: the price archive and the CSV importer. */
static int
cmd_market(int argc, char **argv)
{
	struct wk_diags d;
	struct wk_err err;
	enum wk_status st;

	wk_diags_init(&d, stderr);
	st = wk_market_cli(current->name, argc, argv, &d, &err);
	if (st != WK_OK && st != WK_EUSAGE && err.msg[0] != '\0')
		wk_diag_print(stderr, WK_ERROR, err.file[0] ? err.file : NULL,
		    err.line, err.col, err.msg);
	wk_diags_free(&d);
	return exit_code(st);
}

static int
cmd_kit(struct opts *o, int argc, char **argv)
{
	struct wk_diags d;
	struct wk_err err;
	enum wk_status st;

	if (argc - optind < 1)
		return usage_error("%s", _("kit needs BULLETIN.xml files"));
	wk_diags_init(&d, stderr);
	d.verbose = o->verbose;
	st = wk_kit(argv + optind, argc - optind, o->lang, o->station, o->date,
	    o->outdir, stdout, &d, &err);
	return finish_stdout(st, &d, &err);
}

/* A date more than WK_MAX_AHEAD_DAYS after today is a mistyped year or a
 * clock set wrong, unless --future says it is meant: EXIT_USAGE, said. */
static int
too_far(const struct opts *o, struct wk_date today)
{
	long ahead = wk_date_days(o->date) - wk_date_days(today);
	char a[11], t[11];

	if (ahead <= WK_MAX_AHEAD_DAYS || o->future)
		return 0;
	wk_date_format(o->date, a);
	wk_date_format(today, t);
	fputs("willakuy: ", stderr);
	fprintf(stderr, _("-d %s is %ld days after today (%s, the machine's "
	    "date in its time zone, TZ): a mistyped year, or a clock set "
	    "wrong? Nothing was built. Give a date at most %d days ahead, or "
	    "add --future to build for that date anyway"), o->date_arg ?
	    o->date_arg : a, ahead, t, WK_MAX_AHEAD_DAYS);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

/* The lines of the summary that are printed even with -q, for cron's
 * mail: a date that goes to air later, a date earlier than latest/'s, a
 * latest/ taken back from a date after today. */
static void
date_lines(const struct wk_build_opts *bo, const struct wk_build_result *res,
    struct wk_buf *out)
{
	char d[11], t[11];

	wk_date_format(bo->date, d);
	wk_date_format(bo->today, t);
	if (res->future)
		wk_buf_printf(out, _("willakuy: built for %s, goes to air on that "
		    "date: latest/ and the podcast feeds keep today's (%s) "
		    "until the first run on or after %s\n"), d, t, d);
	if (res->later[0] != '\0')
		wk_buf_printf(out, _("willakuy: built for %s; latest/ keeps the "
		    "bulletins of %s, a later date (latest/ only moves "
		    "forward)\n"), d, res->later);
	if (res->unpinned[0] != '\0')
		wk_buf_printf(out, _("willakuy: latest/ held the bulletins of %s, "
		    "a date after today (%s): it now holds those of %s (was the "
		    "clock set wrong, or -d mistyped?)\n"), res->unpinned, t, d);
}

/* The progress line of build on a terminal: the segment being rendered. */
static void
progress(const char *bulletin, const char *lang, size_t done, size_t total,
    const char *segment)
{
	if (bulletin == NULL) {
		fputs("\r\033[K", stderr);
		return;
	}
	fprintf(stderr, "\rwillakuy: %s-%s: segment %zu/%zu (%3zu%%) %-24.24s",
	    bulletin, lang, done + 1, total, (done + 1) * 100 / total, segment);
	fflush(stderr);
}

static int
cmd_build(struct opts *o, int argc, char **argv)
{
	struct wk_build_opts bo;
	struct wk_build_result res;
	struct wk_diags d;
	struct wk_err err;
	enum wk_status st;
	int rc;

	if (argc - optind < 1)
		return usage_error("%s", _("build needs at least one BULLETIN.xml"));
	memset(&bo, 0, sizeof bo);
	bo.outdir = o->outdir ? o->outdir : "out";
	bo.date = o->date;
	bo.today = wk_date_today();
	if ((rc = too_far(o, bo.today)) != 0)
		return rc;
	bo.stations = o->stations;
	bo.nstations = o->nstations;
	bo.bulletins = argv + optind;
	bo.nbulletins = (size_t)(argc - optind);
	bo.jobs = (int)(o->jobs > 0 ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN));
	bo.lock_wait_s = (unsigned)(o->wait_s >= 0 ? o->wait_s : 60);
	bo.progress = !o->quiet && isatty(STDERR_FILENO) ? progress : NULL;
	wk_diags_init(&d, stderr);
	d.verbose = o->verbose;
	if (o->quiet)
		d.out = NULL;
	/* Without it the run still goes on; the summary lists diagnostics
	 * one by one. */
	bo.causes = wk_causes_new(o->date);
	st = wk_build(&bo, &d, &res, &err);
	if (st != WK_OK) {
		wk_causes_free(bo.causes);
		/* Errors still reach stderr with -q. */
		wk_diag_print(stderr, WK_ERROR, err.file, err.line, err.col,
		    err.msg);
		notify(&bo, NULL, err.msg, &d, exit_code(st), NULL);
		wk_diags_free(&d);
		return exit_code(st);
	}
	if (res.failed > 0)
		rc = exit_code(res.worst != WK_OK ? res.worst : WK_EINPUT);
	else if (res.with_fallbacks > 0 || d.nerrors > 0)
		rc = EXIT_FALLBACK;
	else
		rc = 0;
	/* What went wrong, one line per cause; -v has listed every
	 * diagnostic as it came. When latest/ waits for the date, or was
	 * taken back from one still to come, a line says so, even with -q:
	 * cron mails it. */
	if (res.failed > 0 || rc == EXIT_FALLBACK || res.future ||
	    res.unpinned[0] != '\0' || res.later[0] != '\0' ||
	    o->verbose || (!o->quiet && isatty(STDOUT_FILENO))) {
		struct wk_buf sum = WK_BUF_INIT;

		if (res.failed > 0 || rc == EXIT_FALLBACK || o->verbose ||
		    (!o->quiet && isatty(STDOUT_FILENO)))
			wk_causes_summary(bo.causes, &d, res.failed,
			    res.with_fallbacks, res.built - res.with_fallbacks,
			    "willakuy: ", &sum);
		date_lines(&bo, &res, &sum);
		if (o->verbose)
			wk_buf_printf(&sum, _("willakuy: %zu bulletin file(s) "
			    "published (%.0f s of audio), %zu with fallbacks, %zu "
			    "failed\n"), res.built, res.audio_s, res.with_fallbacks,
			    res.failed);
		fputs(sum.failed ? _("out of memory") : wk_buf_str(&sum), stderr);
		wk_buf_free(&sum);
	}
	notify(&bo, &res, NULL, &d, rc, bo.causes);
	wk_causes_free(bo.causes);
	wk_diags_free(&d);
	return rc;
}

int
main(int argc, char **argv)
{
	struct opts o;
	const char *cmd;
	char *locale;
	size_t i;
	int rc;

	setlocale(LC_ALL, "");
	/* Numbers in files and tags are always written with a point. */
	setlocale(LC_NUMERIC, "C");
	/* Messages: beside the data in a source tree (locale/), beside it
	 * when installed (share/locale), else where make install put them. */
	{
		static const char *const where[] = { "locale", "../locale" };
		struct stat st;
		size_t k;

		bindtextdomain("willakuy", WK_LOCALEDIR);
		for (k = 0; k < 2; k++) {
			locale = wk_data_path(where[k]);
			if (locale != NULL && stat(locale, &st) == 0) {
				bindtextdomain("willakuy", locale);
				free(locale);
				break;
			}
			free(locale);
		}
	}
	bind_textdomain_codeset("willakuy", "UTF-8");
	textdomain("willakuy");

	{
		struct wk_err err;

		if (wk_xml_init(&err) != WK_OK) {
			fprintf(stderr, "willakuy: %s\n", err.msg);
			return EXIT_NOMEM;
		}
	}
	memset(&o, 0, sizeof o);
	o.date = wk_date_today();
	o.wait_s = -1;
	if (argc < 2) {
		usage(stderr, NULL);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		help(NULL);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("willakuy %s\n", WK_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(cmd, cmds[i].name) == 0)
			current = &cmds[i];
	if (current == NULL)
		return unknown_command(cmd);
	argc--;
	argv++;
	if (current->opts == NULL)
		rc = cmd_market(argc, argv);
	else if ((rc = parse(argc, argv, &o)) != 0)
		rc = rc < 0 ? 0 : rc;		/* -1: --help was shown */
	else if (current == &cmds[0])
		rc = cmd_build(&o, argc, argv);
	else if (current == &cmds[1])
		rc = cmd_check(&o, argc, argv);
	else if (current == &cmds[2])
		rc = cmd_preview(&o, argc, argv);
	else if (current == &cmds[3])
		rc = cmd_kit(&o, argc, argv);
	else
		rc = cmd_verbalize(&o);
	wk_xml_cleanup();
	wk_paths_cleanup();
	return rc;
}
