/*
 * Error records and the diagnostics list. Messages are printed as compilers
 * print them ("willakuy: file:line:col: error: ..."), followed by the source
 * line and a caret when the position is known, so that an editor can jump to
 * the place and see it at once.
 */

#include <stdlib.h>
#include <string.h>

#include "err.h"

enum wk_status
wk_err_set(struct wk_err *e, enum wk_status st, const char *file, int line,
    int col, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return st;
	e->status = st;
	snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	e->line = line;
	e->col = col;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return st;
}

enum wk_status
wk_err_nomem(struct wk_err *e)
{
	return wk_err_set(e, WK_ENOMEM, NULL, 0, 0, "%s", _("out of memory"));
}

void
wk_diags_init(struct wk_diags *d, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->out = out;
}

void
wk_diags_free(struct wk_diags *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
		free(d->v[i].cause_file);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

/* Prints the line'th line of file and a caret under column col; a long
 * line is cut to a window around the column. */
static void
print_context(FILE *out, const char *file, int line, int col)
{
	FILE *f;
	char *buf = NULL;
	size_t cap = 0, from = 0, to, i;
	ssize_t len;
	int n = 1, c;

	if (line <= 0 || (f = fopen(file, "r")) == NULL)
		return;
	while (n < line && (c = getc(f)) != EOF)
		if (c == '\n')
			n++;
	if (n == line && (len = getline(&buf, &cap, f)) > 0) {
		to = strcspn(buf, "\r\n");
		if (col > 0 && (size_t)col - 1 > to)
			col = (int)to + 1;
		if (to > 100) {
			size_t at = col > 0 ? (size_t)col - 1 : 0;

			from = at > 50 ? at - 50 : 0;
			while (from > 0 && (buf[from] & 0xC0) == 0x80)
				from--;
			if (to - from > 100) {
				to = from + 100;
				while (to > from && (buf[to] & 0xC0) == 0x80)
					to--;
			}
		}
		fprintf(out, " %5d | %s%.*s%s\n", line, from > 0 ? "..." : "",
		    (int)(to - from), buf + from, buf[to] != '\0' &&
		    buf[to] != '\n' && buf[to] != '\r' ? "..." : "");
		if (col > 0) {
			fputs("       | ", out);
			if (from > 0)
				fputs("   ", out);
			/* Columns count bytes; keep tabs so the caret lines up. */
			for (i = from; i < (size_t)col - 1 && i < to; i++) {
				if ((buf[i] & 0xC0) == 0x80)
					continue;
				putc(buf[i] == '\t' ? '\t' : ' ', out);
			}
			fputs("^\n", out);
		}
	}
	free(buf);
	fclose(f);
}

void
wk_diag_print(FILE *out, enum wk_severity sev, const char *file, int line,
    int col, const char *msg)
{
	const char *what = sev == WK_ERROR ? _("error")
	    : sev == WK_WARNING ? _("warning") : _("note");

	fputs("willakuy: ", out);
	if (file != NULL && *file != '\0') {
		fputs(file, out);
		if (line > 0)
			fprintf(out, ":%d", line);
		if (line > 0 && col > 0)
			fprintf(out, ":%d", col);
		fputs(": ", out);
	}
	fprintf(out, "%s: %s\n", what, msg);
	if (file != NULL && *file != '\0' && sev != WK_NOTE)
		print_context(out, file, line, col);
}

static void
add(struct wk_diags *d, enum wk_severity sev, const char *file, int line,
    int col, const char *msg)
{
	struct wk_diag *v, *g;

	if (d == NULL)
		return;
	if (sev == WK_ERROR)
		d->nerrors++;
	else if (sev == WK_WARNING)
		d->nwarnings++;
	if (d->out != NULL && (sev != WK_NOTE || d->verbose))
		wk_diag_print(d->out, sev, file, line, col, msg);
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;

		if ((v = realloc(d->v, cap * sizeof *v)) == NULL)
			return;
		d->v = v;
		d->cap = cap;
	}
	g = &d->v[d->n];
	g->sev = sev;
	g->line = line;
	g->col = col;
	g->cause = 0;
	g->cause_file = NULL;
	g->file = (file != NULL && *file != '\0') ? strdup(file) : NULL;
	g->msg = strdup(msg);
	if (g->msg == NULL) {
		free(g->file);
		return;
	}
	d->n++;
}

void
wk_diag(struct wk_diags *d, enum wk_severity sev, const char *file, int line,
    int col, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	add(d, sev, file, line, col, msg);
}

void
wk_diag_set_cause(struct wk_diags *d, size_t i, int kind, const char *file)
{
	struct wk_diag *g;

	if (d == NULL || i >= d->n)
		return;
	g = &d->v[i];
	g->cause = kind;
	free(g->cause_file);
	g->cause_file = file != NULL ? strdup(file) : NULL;
}

void
wk_diag_err(struct wk_diags *d, const struct wk_err *e)
{
	add(d, WK_ERROR, e->file, e->line, e->col, e->msg);
}
