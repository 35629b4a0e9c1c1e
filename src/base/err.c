/*
 * Error records and the diagnostics list. Messages are printed as compilers
 * print them ("willakuy: file:line:col: error: ..."), followed by the source
 * line and a caret when the position is known, so that an editor can jump to
 * the place and see it at once.
 */

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

/* Files whose lines messages may quote: they parsed as XML. Any other
 * file named in a message (a feed="/etc/shadow") is never quoted, so its
 * content cannot end up in cron's mail; nor is a feed that no one who
 * read it vouched for (wk_err_trust_excerpt: it lies in a folder of the
 * station that reads it). A converted file keeps its UTF-8 text here. The
 * store is the process's, as the messages it serves are: it holds no
 * station's settings, only what was read and who vouched for it. */
static struct excerpt {
	char *path;
	char *text;
	size_t len;
	size_t *lines;		/* line starts, built at the first quote */
	size_t nlines;
	int failed;
	int allowed;		/* it parsed as XML */
	int feed, trusted;	/* a feed, and vouched for */
} *excerpts;
static size_t nexcerpts;
static pthread_mutex_t excerpt_lock = PTHREAD_MUTEX_INITIALIZER;

/* The entry of path, added when new; NULL when out of memory. Called with
 * the lock held. */
static struct excerpt *
excerpt_of(const char *path)
{
	struct excerpt *v;
	size_t i;

	for (i = 0; i < nexcerpts; i++)
		if (strcmp(excerpts[i].path, path) == 0)
			return &excerpts[i];
	if ((v = realloc(excerpts, (nexcerpts + 1) * sizeof *v)) == NULL)
		return NULL;
	excerpts = v;
	memset(&v[i], 0, sizeof v[i]);
	if ((v[i].path = strdup(path)) == NULL)
		return NULL;
	nexcerpts++;
	return &v[i];
}

void
wk_err_trust_excerpt(const char *path)
{
	struct excerpt *e;

	pthread_mutex_lock(&excerpt_lock);
	if ((e = excerpt_of(path)) != NULL)
		e->trusted = 1;
	pthread_mutex_unlock(&excerpt_lock);
}

void
wk_err_allow_excerpt(const char *path, const char *text, size_t len,
    int feed)
{
	struct excerpt *e;

	pthread_mutex_lock(&excerpt_lock);
	if ((e = excerpt_of(path)) == NULL)
		goto out;
	free(e->text);
	free(e->lines);
	e->text = NULL;
	e->lines = NULL;
	e->len = e->nlines = 0;
	e->failed = 0;
	e->allowed = 1;
	e->feed = feed;
	if (text != NULL && (e->text = malloc(len + 1)) != NULL) {
		memcpy(e->text, text, len);
		e->text[len] = '\0';
		e->len = len;
	}
out:
	pthread_mutex_unlock(&excerpt_lock);
}

void
wk_err_excerpts_free(void)
{
	size_t i;

	pthread_mutex_lock(&excerpt_lock);
	for (i = 0; i < nexcerpts; i++) {
		free(excerpts[i].path);
		free(excerpts[i].text);
		free(excerpts[i].lines);
	}
	free(excerpts);
	excerpts = NULL;
	nexcerpts = 0;
	pthread_mutex_unlock(&excerpt_lock);
}

/* Loads e's text (once) and indexes its lines; 0 when it can be quoted. */
static int
load_excerpt(struct excerpt *e)
{
	size_t i, k;

	if (e->failed)
		return -1;
	if (e->text == NULL) {
		FILE *f = fopen(e->path, "rb");
		char buf[1 << 16];
		size_t n;
		char *t;

		e->failed = 1;
		if (f == NULL)
			return -1;
		while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
			if (e->len + n > (64u << 20) ||
			    (t = realloc(e->text, e->len + n + 1)) == NULL)
				break;
			e->text = t;
			memcpy(e->text + e->len, buf, n);
			e->len += n;
		}
		fclose(f);
		if (e->text == NULL)
			return -1;
		e->text[e->len] = '\0';
		e->failed = 0;
	}
	if (e->lines == NULL) {
		for (i = 0, e->nlines = 1; i < e->len; i++)
			e->nlines += e->text[i] == '\n';
		if ((e->lines = malloc(e->nlines * sizeof *e->lines)) == NULL) {
			e->failed = 1;
			return -1;
		}
		e->lines[0] = 0;
		for (i = 0, k = 1; i < e->len; i++)
			if (e->text[i] == '\n')
				e->lines[k++] = i + 1;
	}
	return 0;
}

/* A copy of line `line` of file (without its end), or NULL when the file
 * may not be quoted. */
static char *
excerpt_line(const char *file, int line)
{
	char *out = NULL;
	size_t i, from, to;

	pthread_mutex_lock(&excerpt_lock);
	for (i = 0; i < nexcerpts; i++)
		if (strcmp(excerpts[i].path, file) == 0)
			break;
	if (i < nexcerpts && excerpts[i].allowed && (!excerpts[i].feed ||
	    excerpts[i].trusted) && load_excerpt(&excerpts[i]) == 0 &&
	    (size_t)line <= excerpts[i].nlines) {
		from = excerpts[i].lines[line - 1];
		to = from + strcspn(excerpts[i].text + from, "\n");
		out = strndup(excerpts[i].text + from, to - from);
	}
	pthread_mutex_unlock(&excerpt_lock);
	return out;
}

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
	char *buf;
	size_t from = 0, to, i;

	if (line <= 0 || (buf = excerpt_line(file, line)) == NULL)
		return;
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
	free(buf);
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
wk_diag_set_cause(struct wk_diags *d, size_t i, enum wk_cause_kind kind,
    const char *file)
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
