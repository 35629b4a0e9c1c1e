/*
 * The <notify> hook of the station file, run after every build: the run's
 * summary on stdin, its outcome in the environment (publish/hook.c runs
 * it, bounded by its timeout).
 */

#include <stdlib.h>
#include <string.h>

#include <libintl.h>

#include "base/buf.h"
#include "base/text.h"
#include "build.h"
#include "notify.h"
#include "publish/hook.h"
#include "read/site.h"
#include "read/station.h"

/* Appends text to b, each of its lines kept a line (wk_buf_oneline): no
 * value quoted in it can add one. */
static void
put_lines(struct wk_buf *b, const char *text)
{
	const char *nl;
	char *line;

	for (; text != NULL && *text != '\0'; text = nl + 1) {
		if ((nl = strchr(text, '\n')) == NULL)
			nl = text + strlen(text);
		if ((line = strndup(text, (size_t)(nl - text))) == NULL) {
			b->failed = 1;
			return;
		}
		wk_buf_oneline(b, line);
		wk_buf_putc(b, '\n');
		free(line);
		if (*nl == '\0')
			break;
	}
}

/*
 * The plain-text summary of a run (malloc'd, NUL-terminated): a first line
 * with the station, date, exit status and counts, then n->causes or,
 * without it, one line per error and warning of d, in the user's language.
 * Values from outside (paths, messages that quote feeds) stay on their
 * line. NULL when out of memory.
 */
static char *
wk_notify_summary(const struct wk_notify_run *n, const struct wk_diags *d)
{
	static const char *const sev[] = { "note", "warning", "error" };
	struct wk_buf b = WK_BUF_INIT, line = WK_BUF_INIT;
	char date[11];
	size_t i;

	wk_date_format(n->date, date);
	wk_buf_printf(&line, _("willakuy build for %s in %s: exit status %d"),
	    date, n->outdir, n->exit_code);
	put_lines(&b, wk_buf_str(&line));
	wk_buf_clear(&line);
	if (n->res != NULL) {
		wk_buf_printf(&b, ngettext("%zu bulletin file published",
		    "%zu bulletin files published", n->res->built),
		    n->res->built);
		wk_buf_printf(&b, _(", %zu with fallbacks, %zu failed"),
		    n->res->with_fallbacks, n->res->failed);
		wk_buf_puts(&b, "\n");
	}
	if (n->error != NULL) {
		wk_buf_printf(&line, _("the build did not run: %s"), n->error);
		wk_buf_oneline(&b, wk_buf_str(&line));
		wk_buf_clear(&line);
		wk_buf_puts(&b, "\n");
	}
	if (n->causes != NULL) {
		put_lines(&b, n->causes);
		d = NULL;
	}
	for (i = 0; d != NULL && i < d->n; i++) {
		const struct wk_diag *g = &d->v[i];

		if (g->sev == WK_NOTE)
			continue;
		if (g->file != NULL) {
			wk_buf_oneline(&b, g->file);
			if (g->line > 0)
				wk_buf_printf(&b, ":%d", g->line);
			if (g->line > 0 && g->col > 0)
				wk_buf_printf(&b, ":%d", g->col);
			wk_buf_puts(&b, ": ");
		}
		wk_buf_printf(&b, "%s: ", gettext(sev[g->sev]));
		wk_buf_oneline(&b, g->msg);
		wk_buf_putc(&b, '\n');
	}
	if (line.failed)
		b.failed = 1;
	wk_buf_free(&line);
	return wk_buf_steal(&b);
}

int
wk_notify_build(const struct wk_notify_run *n, const struct wk_diags *d)
{
	struct wk_site *site = NULL;
	const struct wk_station *s;
	struct wk_hook h;
	struct wk_hook_result r;
	struct wk_err err;
	char *text = NULL, date[11];
	char status[32], built[48], fb[48], failed[48], dvar[32];
	char *outdir = NULL, *station = NULL, *env[8];
	int rc = -1;

	/* The build has read and reported the station file already; its
	 * catalogue is not needed (and may be what failed). */
	if (wk_site_open(n->station, WK_SITE_SETTINGS, NULL, &site, &err) !=
	    WK_OK || site->station->notify_command == NULL) {
		rc = 0;		/* no hook to run */
		goto out;
	}
	s = site->station;
	wk_date_format(n->date, date);
	snprintf(dvar, sizeof dvar, "WILLAKUY_DATE=%s", date);
	snprintf(status, sizeof status, "WILLAKUY_STATUS=%d", n->exit_code);
	snprintf(built, sizeof built, "WILLAKUY_BUILT=%zu",
	    n->res ? n->res->built : 0);
	snprintf(fb, sizeof fb, "WILLAKUY_FALLBACKS=%zu",
	    n->res ? n->res->with_fallbacks : 0);
	snprintf(failed, sizeof failed, "WILLAKUY_FAILED=%zu",
	    n->res ? n->res->failed : 0);
	text = wk_notify_summary(n, d);
	outdir = malloc(strlen(n->outdir) + 17);
	station = malloc(strlen(s->id) + 18);
	if (text == NULL || outdir == NULL || station == NULL) {
		wk_diag_print(stderr, WK_ERROR, s->path, 0, 0, _("out of memory"));
		goto out;
	}
	sprintf(outdir, "WILLAKUY_OUTDIR=%s", n->outdir);
	sprintf(station, "WILLAKUY_STATION=%s", s->id);
	env[0] = status;
	env[1] = outdir;
	env[2] = station;
	env[3] = built;
	env[4] = fb;
	env[5] = failed;
	env[6] = dvar;
	env[7] = NULL;
	h.command = s->notify_command;
	h.env = env;
	h.input = text;
	h.input_len = strlen(text);
	h.timeout_s = s->notify_timeout_s;
	if (wk_hook_run(&h, &r, &err) != WK_OK) {
		wk_diag_print(stderr, WK_ERROR, s->path, 0, 0, err.msg);
		goto out;
	}
	if (r.timed_out) {
		char msg[512];

		snprintf(msg, sizeof msg, _("<notify> command '%s' did not end "
		    "within %u s and was stopped; the bulletins were published"),
		    s->notify_command, s->notify_timeout_s);
		wk_diag_print(stderr, WK_ERROR, s->path, 0, 0, msg);
	} else if (!r.exited || r.status != 0) {
		char msg[512];

		snprintf(msg, sizeof msg, r.exited
		    ? _("<notify> command '%s' failed with exit status %d; the "
		    "bulletins were published")
		    : _("<notify> command '%s' was killed by signal %d; the "
		    "bulletins were published"), s->notify_command, r.status);
		wk_diag_print(stderr, WK_ERROR, s->path, 0, 0, msg);
	} else
		rc = 0;
out:
	free(text);
	free(outdir);
	free(station);
	wk_site_free(site);
	return rc;
}
