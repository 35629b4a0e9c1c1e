/*
 * Error records and the diagnostics list. Messages are printed as compilers
 * print them ("willakuy: file:line:col: error: ..."), followed by the source
 * line and a caret when the position is known, so that an editor can jump to
 * the place and see it at once. Every message is escaped on its way in, so
 * a value quoted from a feed never adds a line to cron's mail; the
 * diagnostics of one kind in one file are capped, and quoting a line costs
 * the same however long it is, so that reporting stays linear in the input.
 */

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hash.h"

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
		size_t n, cap = 0;
		char *t;

		e->failed = 1;
		if (f == NULL)
			return -1;
		/* The buffer doubles: reading stays linear in the size. */
		for (;;) {
			if (e->len + 1 >= cap) {
				if (cap >= (64u << 20) ||
				    (t = realloc(e->text, cap ? 2 * cap : 1 << 16)) ==
				    NULL)
					break;
				e->text = t;
				cap = cap ? 2 * cap : 1 << 16;
			}
			if ((n = fread(e->text + e->len, 1, cap - 1 - e->len, f)) == 0)
				break;
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

/* How much of a long line an excerpt shows around the column, in bytes. */
#define EXCERPT_BEFORE 50
#define EXCERPT_WIDTH 100

/*
 * Copies into buf (cap bytes) a window of line `line` of file around byte
 * column col: at most EXCERPT_WIDTH bytes, cut between characters, found
 * through the line index without reading the rest of the line, so that
 * quoting a 15 MB line costs the same as quoting a short one. *at gets the
 * offset of col in buf, *left and *right whether the line goes on beyond
 * the window. Returns -1 when the file may not be quoted.
 */
static int
excerpt_window(const char *file, int line, int col, char *buf, size_t cap,
    size_t *at, int *left, int *right)
{
	const struct excerpt *e;
	size_t i, from, to, pos, wfrom, wto;
	int rc = -1;

	pthread_mutex_lock(&excerpt_lock);
	for (i = 0; i < nexcerpts; i++)
		if (strcmp(excerpts[i].path, file) == 0)
			break;
	if (i == nexcerpts || !excerpts[i].allowed || (excerpts[i].feed &&
	    !excerpts[i].trusted) || load_excerpt(&excerpts[i]) != 0 ||
	    (size_t)line > excerpts[i].nlines)
		goto out;
	e = &excerpts[i];
	from = e->lines[line - 1];
	to = (size_t)line < e->nlines ? e->lines[line] - 1 : e->len;
	while (to > from && (e->text[to - 1] == '\r' || e->text[to - 1] == '\n'))
		to--;
	pos = col > 0 && (size_t)col - 1 < to - from ? from + (size_t)col - 1
	    : col > 0 ? to : from;
	wfrom = to - from > EXCERPT_WIDTH && pos - from > EXCERPT_BEFORE ?
	    pos - EXCERPT_BEFORE : from;
	while (wfrom > from && (e->text[wfrom] & 0xC0) == 0x80)
		wfrom--;
	wto = to - wfrom > EXCERPT_WIDTH ? wfrom + EXCERPT_WIDTH : to;
	while (wto < to && wto > wfrom && (e->text[wto] & 0xC0) == 0x80)
		wto--;
	if (wto - wfrom + 1 > cap)
		wto = wfrom + cap - 1;
	memcpy(buf, e->text + wfrom, wto - wfrom);
	buf[wto - wfrom] = '\0';
	*at = pos - wfrom;
	*left = wfrom > from;
	*right = wto < to;
	rc = 0;
out:
	pthread_mutex_unlock(&excerpt_lock);
	return rc;
}

/* The length of the UTF-8 sequence at s (n bytes left) when it is well
 * formed, else 0; *cp gets the character. */
static size_t
utf8_char(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t k, i;
	unsigned long c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		k = 2, c = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		k = 3, c = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		k = 4, c = s[0] & 0x07;
	else
		return 0;
	if (k > n)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((k == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (k == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	*cp = c;
	return k;
}

/* True when character c must be escaped: it breaks a line for some
 * reader, or moves a terminal's cursor or the direction of the text. */
static int
unsafe(unsigned long c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
	    c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F ||
	    c == 0x061C;
}

size_t
wk_escape_line(const char *s, char *out, size_t cap, int flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), o = 0, k;

	while (n > 0) {
		unsigned long c;
		char esc[24];
		const char *put;
		size_t len;

		k = utf8_char(p, n, &c);
		if (k == 0) {
			snprintf(esc, sizeof esc, "\\x%02X", p[0]);
			put = esc;
			k = 1;
		} else if (c == '\t' && (flags & WK_ESC_KEEP_TAB))
			put = "\t";
		else if (!unsafe(c)) {
			put = NULL;
		} else if (c == '\n')
			put = "\\n";
		else if (c == '\r')
			put = "\\r";
		else if (c == '\t')
			put = "\\t";
		else if (c < 0x80) {
			snprintf(esc, sizeof esc, "\\x%02lX", c);
			put = esc;
		} else {
			snprintf(esc, sizeof esc, "\\u%04lX", c);
			put = esc;
		}
		len = put != NULL ? strlen(put) : k;
		if (o + len + 1 > cap)
			break;
		memcpy(out + o, put != NULL ? put : (const char *)p, len);
		o += len;
		p += k;
		n -= k;
	}
	if (cap > 0)
		out[o] = '\0';
	return o;
}

unsigned
wk_err_kind(const char *fmt, const char *msg)
{
	const char *s = strcmp(fmt, "%s") == 0 && msg != NULL ? msg : fmt;

	return wk_fnv32(WK_FNV32_INIT, s, strlen(s));
}

enum wk_status
wk_err_set(struct wk_err *e, enum wk_status st, const char *file, int line,
    int col, const char *fmt, ...)
{
	char msg[sizeof e->msg];
	va_list ap;

	if (e == NULL)
		return st;
	e->status = st;
	snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	e->line = line;
	e->col = col;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	wk_escape_line(msg, e->msg, sizeof e->msg, 0);
	e->kind = wk_err_kind(fmt, e->msg);
	e->listed = 0;
	return st;
}

enum wk_status
wk_err_nomem(struct wk_err *e)
{
	return wk_err_set(e, WK_ENOMEM, NULL, 0, 0, "%s", _("out of memory"));
}

/* One kind of diagnostic in one file (see WK_DIAG_CAP). Past the cap, a
 * summary diagnostic ("and 299 950 more...") is kept in d->v in their
 * place, its count kept up to date, so that whoever reads d (the run's
 * summary by cause, the notify text) sees it too. */
struct wk_diag_group {
	uint64_t key;		/* 0: an empty slot */
	size_t shown;		/* kept (and printed) */
	size_t more;		/* only counted */
	size_t summary;		/* its summary in d->v, or (size_t)-1 */
	char *sample;		/* the last one shown, cut */
};

/* Room for a summary's message, rewritten as its count grows. */
#define SUMMARY_BYTES 512

void
wk_diags_init(struct wk_diags *d, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->out = out;
}

static uint64_t
group_key(const char *file, unsigned kind)
{
	uint64_t h = wk_fnv64(WK_FNV64_INIT, file, strlen(file) + 1);

	h = wk_fnv64(h, &kind, sizeof kind);
	return h ? h : 1;
}

/* The group of key in d, or NULL; added when add is set (NULL when out of
 * memory). */
static struct wk_diag_group *
group_of(struct wk_diags *d, uint64_t key, int add)
{
	size_t i;

	if (add && 2 * (d->ngroups + 1) > d->groups_cap) {
		size_t cap = d->groups_cap ? 2 * d->groups_cap : 64, j;
		struct wk_diag_group *v = calloc(cap, sizeof *v);

		if (v == NULL)
			return NULL;
		for (j = 0; j < d->groups_cap; j++) {
			if (d->groups[j].key == 0)
				continue;
			for (i = d->groups[j].key & (cap - 1); v[i].key != 0;
			    i = (i + 1) & (cap - 1))
				;
			v[i] = d->groups[j];
		}
		free(d->groups);
		d->groups = v;
		d->groups_cap = cap;
	}
	if (d->groups_cap == 0)
		return NULL;
	for (i = key & (d->groups_cap - 1); d->groups[i].key != 0;
	    i = (i + 1) & (d->groups_cap - 1))
		if (d->groups[i].key == key)
			return &d->groups[i];
	if (!add)
		return NULL;
	d->groups[i].key = key;
	d->groups[i].summary = (size_t)-1;
	d->ngroups++;
	return &d->groups[i];
}

/* "299 950": digits in groups of three, as both languages read them. */
static void
grouped(size_t v, char *out, size_t cap)
{
	char digits[32];
	size_t n, i, o = 0;

	n = (size_t)snprintf(digits, sizeof digits, "%zu", v);
	for (i = 0; i < n && o + 2 < cap; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ' ';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

/* Writes the summary of group gr into diagnostic g. */
static void
summarize(struct wk_diag *g, const struct wk_diag_group *gr)
{
	char num[40];

	grouped(gr->more, num, sizeof num);
	snprintf(g->msg, SUMMARY_BYTES, g->sev == WK_ERROR ?
	    ngettext("and %s more error like this one, not shown: %s",
	    "and %s more errors like this one, not shown: %s", gr->more) :
	    ngettext("and %s more warning like this one, not shown: %s",
	    "and %s more warnings like this one, not shown: %s", gr->more),
	    num, gr->sample ? gr->sample : "");
}

/* Prints diagnostic g of d when d prints (a summary once, at the end). */
static void
print_one(struct wk_diags *d, struct wk_diag *g)
{
	if (d->out != NULL && (g->sev != WK_NOTE || d->verbose) &&
	    !g->printed)
		wk_diag_print(d->out, g->sev, g->file, g->line, g->col, g->msg);
	g->printed = 1;
}

void
wk_diags_flush(struct wk_diags *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		if (d->v[i].group != 0)
			print_one(d, &d->v[i]);
}

void
wk_diags_free(struct wk_diags *d)
{
	size_t i;

	if (d == NULL)
		return;
	if (d->held)
		wk_diags_release(d);
	wk_diags_flush(d);
	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
		free(d->v[i].cause_file);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
	for (i = 0; i < d->groups_cap; i++)
		free(d->groups[i].sample);
	free(d->groups);
	d->groups = NULL;
	d->ngroups = d->groups_cap = 0;
}

/* Prints the line'th line of file (a window of it when it is long) and a
 * caret under column col. */
static void
print_context(FILE *out, const char *file, int line, int col)
{
	char raw[EXCERPT_WIDTH + 1], shown[8 * EXCERPT_WIDTH + 1];
	size_t at, i;
	int left, right;

	if (line <= 0 || excerpt_window(file, line, col, raw, sizeof raw, &at,
	    &left, &right) != 0)
		return;
	wk_escape_line(raw, shown, sizeof shown, WK_ESC_KEEP_TAB);
	fprintf(out, " %5d | %s%s%s\n", line, left ? "..." : "", shown,
	    right ? "..." : "");
	if (col <= 0)
		return;
	fputs("       | ", out);
	if (left)
		fputs("   ", out);
	/* One space per character shown before the column (an escape is as
	 * wide as it is written); tabs are kept so that the caret lines up. */
	for (i = 0; i < at && raw[i] != '\0';) {
		char one[8], esc[16];
		unsigned long c;
		size_t k = utf8_char((const unsigned char *)raw + i,
		    strlen(raw + i), &c), w;

		if (k == 0)
			k = 1;
		memcpy(one, raw + i, k);
		one[k] = '\0';
		w = wk_escape_line(one, esc, sizeof esc, WK_ESC_KEEP_TAB);
		if (strcmp(esc, "\t") == 0)
			putc('\t', out);
		else
			fprintf(out, "%*s", (int)(strcmp(esc, one) == 0 ? 1 : w), "");
		i += k;
	}
	fputs("^\n", out);
}

void
wk_diag_print(FILE *out, enum wk_severity sev, const char *file, int line,
    int col, const char *msg)
{
	const char *what = sev == WK_ERROR ? _("error")
	    : sev == WK_WARNING ? _("warning") : _("note");
	char safe[2048];

	fputs("willakuy: ", out);
	if (file != NULL && *file != '\0') {
		wk_escape_line(file, safe, sizeof safe, 0);
		fputs(safe, out);
		if (line > 0)
			fprintf(out, ":%d", line);
		if (line > 0 && col > 0)
			fprintf(out, ":%d", col);
		fputs(": ", out);
	}
	wk_escape_line(msg, safe, sizeof safe, 0);
	fprintf(out, "%s: %s\n", what, safe);
	if (file != NULL && *file != '\0' && sev != WK_NOTE)
		print_context(out, file, line, col);
}

/* A new slot at the end of d->v, or NULL when out of memory. */
static struct wk_diag *
slot(struct wk_diags *d)
{
	struct wk_diag *v;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;

		if ((v = realloc(d->v, cap * sizeof *v)) == NULL)
			return NULL;
		d->v = v;
		d->cap = cap;
	}
	memset(&d->v[d->n], 0, sizeof d->v[d->n]);
	return &d->v[d->n];
}

/* Counts a diagnostic of gr past the cap: its summary is made the first
 * time, its count rewritten every time. */
static void
count_more(struct wk_diags *d, struct wk_diag_group *gr, uint64_t key,
    enum wk_severity sev, const char *file)
{
	struct wk_diag *g;

	gr->more++;
	if (gr->summary == (size_t)-1) {
		if ((g = slot(d)) == NULL)
			return;
		g->sev = sev;
		g->group = key;
		g->file = strdup(file);
		if ((g->msg = malloc(SUMMARY_BYTES)) == NULL) {
			free(g->file);
			return;
		}
		gr->summary = d->n++;
	}
	summarize(&d->v[gr->summary], gr);
}

static void
add(struct wk_diags *d, enum wk_severity sev, const char *file, int line,
    int col, const char *raw, unsigned kind)
{
	struct wk_diag *g;
	char msg[1024];

	if (d == NULL)
		return;
	if (sev == WK_ERROR)
		d->nerrors++;
	else if (sev == WK_WARNING)
		d->nwarnings++;
	wk_escape_line(raw, msg, sizeof msg, 0);
	d->dropped = 1;
	/* Problems at places in a file: at most WK_DIAG_CAP of a kind are
	 * kept. Notes (-v) are all listed: one per recorded prompt, segment
	 * or clip, they do not grow with a feed. */
	if (file != NULL && *file != '\0' && line > 0 && sev != WK_NOTE) {
		uint64_t key = group_key(file, kind);
		struct wk_diag_group *gr = group_of(d, key, 1);

		if (gr != NULL && gr->shown >= WK_DIAG_CAP) {
			count_more(d, gr, key, sev, file);
			return;
		}
		if (gr != NULL && ++gr->shown == WK_DIAG_CAP) {
			char cut[160];
			size_t k = sizeof cut - 4;

			memcpy(cut, msg, sizeof cut - 1);
			cut[sizeof cut - 1] = '\0';
			if (strlen(msg) >= sizeof cut) {
				while (k > 0 && (cut[k] & 0xC0) == 0x80)
					k--;
				memcpy(cut + k, "...", 4);
			}
			free(gr->sample);
			gr->sample = strdup(cut);
		}
	}
	if ((g = slot(d)) == NULL) {
		/* Not kept, but still said. */
		if (d->out != NULL && !d->held && (sev != WK_NOTE || d->verbose))
			wk_diag_print(d->out, sev, file, line, col, msg);
		return;
	}
	g->sev = sev;
	g->line = line;
	g->col = col;
	g->kind = kind;
	g->file = (file != NULL && *file != '\0') ? strdup(file) : NULL;
	g->msg = strdup(msg);
	if (g->msg == NULL) {
		free(g->file);
		if (d->out != NULL && !d->held && (sev != WK_NOTE || d->verbose))
			wk_diag_print(d->out, sev, file, line, col, msg);
		return;
	}
	d->n++;
	d->dropped = 0;
	if (!d->held)
		print_one(d, g);
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
	add(d, sev, file, line, col, msg, wk_err_kind(fmt, msg));
}

int
wk_diags_capped(struct wk_diags *d, const char *file, const char *fmt)
{
	struct wk_diag_group *gr;

	if (d == NULL || file == NULL || strcmp(fmt, "%s") == 0)
		return 0;
	gr = group_of(d, group_key(file, wk_err_kind(fmt, NULL)), 0);
	return gr != NULL && gr->shown >= WK_DIAG_CAP;
}

void
wk_diag_set_cause(struct wk_diags *d, size_t i, enum wk_cause_kind kind,
    const char *file)
{
	struct wk_diag *g;

	if (d == NULL || i >= d->n || (d->dropped && i + 1 == d->n))
		return;
	g = &d->v[i];
	g->cause = kind;
	free(g->cause_file);
	g->cause_file = file != NULL ? strdup(file) : NULL;
}

void
wk_diag_err(struct wk_diags *d, const struct wk_err *e)
{
	add(d, WK_ERROR, e->file, e->line, e->col, e->msg,
	    e->kind ? e->kind : wk_err_kind("%s", e->msg));
}

void
wk_diags_hold(struct wk_diags *d)
{
	if (d == NULL || d->held)
		return;
	d->held = 1;
	d->held_from = d->n;
}

/* The order of wk_diags_release: the file's rank (the order files came
 * in), then line (unknown and summaries last), column and arrival. */
struct held {
	size_t rank, idx;
	const struct wk_diag *g;
};

static int
cmp_held(const void *pa, const void *pb)
{
	const struct held *a = pa, *b = pb;
	long la = a->g->line > 0 ? a->g->line : 0x7FFFFFFF;
	long lb = b->g->line > 0 ? b->g->line : 0x7FFFFFFF;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (la != lb)
		return la < lb ? -1 : 1;
	if (a->g->col != b->g->col)
		return a->g->col < b->g->col ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

void
wk_diags_release(struct wk_diags *d)
{
	struct held *h = NULL;
	struct wk_diag *sorted = NULL;
	size_t n, i, j;

	if (d == NULL || !d->held)
		return;
	d->held = 0;
	n = d->n - d->held_from;
	if (n > 0 && ((h = calloc(n, sizeof *h)) == NULL ||
	    (sorted = calloc(n, sizeof *sorted)) == NULL)) {
		/* Out of memory: in the order they came. */
		free(h);
		h = NULL;
	}
	for (i = 0; h != NULL && i < n; i++) {
		const struct wk_diag *g = &d->v[d->held_from + i];

		h[i].g = g;
		h[i].idx = i;
		h[i].rank = i;
		for (j = 0; j < i; j++)
			if ((g->file == NULL) == (h[j].g->file == NULL) &&
			    (g->file == NULL || strcmp(g->file, h[j].g->file) == 0)) {
				h[i].rank = h[j].rank;
				break;
			}
	}
	if (h != NULL) {
		qsort(h, n, sizeof *h, cmp_held);
		for (i = 0; i < n; i++)
			sorted[i] = *h[i].g;
		memcpy(d->v + d->held_from, sorted, n * sizeof *sorted);
		/* The summaries moved: their groups follow them. */
		for (i = d->held_from; i < d->n; i++) {
			struct wk_diag_group *gr;

			if (d->v[i].group != 0 &&
			    (gr = group_of(d, d->v[i].group, 0)) != NULL)
				gr->summary = i;
		}
	}
	for (i = d->held_from; i < d->n; i++)
		print_one(d, &d->v[i]);
	free(h);
	free(sorted);
}
