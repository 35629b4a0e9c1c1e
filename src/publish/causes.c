/*
 * Causes: the diagnostics of a run grouped by what caused them, with what
 * each cause affected (bulletins kept off the air, segments that say the
 * fallback phrase). Feeds are told apart by their state (absent, not
 * readable, dated too old or in the future, read but lacking what a
 * segment asked for), clips by their paths in the bulletin, each suspect
 * price left out by its feed's line; the rest is grouped by file and
 * message. Lines are written in the locale's language.
 */

#include <assert.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "read/bulletin.h"
#include "bundle.h"
#include "causes.h"
#include "say/compose.h"
#include "read/feed.h"

/* A bulletin-language a cause affected. */
struct affected {
	char *name;		/* "<bulletin>-<lang>" */
	size_t nsegs;		/* segments that fell back because of it */
	int failed;		/* not published because of it */
};

struct cause {
	int kind;
	enum wk_severity sev;
	char *file;		/* the file at fault, or NULL */
	char *msg;		/* the first message (kinds not worded here) */
	int line, col;
	char date[11];		/* stale or future feeds: their date */
	struct affected *aff;
	size_t naff;
	size_t ndiags;		/* diagnostics grouped here */
	size_t order;		/* when it was first seen */
	size_t onair;		/* fallen-back segments in published
				 * bulletins, for sorting */
};

/* What a feed was found to be. */
enum feed_state { FEED_UNKNOWN, FEED_MISSING, FEED_INVALID, FEED_READ };

struct feedinfo {
	char *path;
	enum feed_state state;
	char date[11];		/* its date, when read and dated */
	char *msg;		/* invalid: its first error */
	int line, col;
};

struct wk_causes {
	struct wk_date today;
	struct cause *v;
	size_t n;
	struct feedinfo *f;
	size_t nf;
	char **failed;		/* bulletin-languages not published */
	size_t nfailed;
};

struct wk_causes *
wk_causes_new(struct wk_date today)
{
	struct wk_causes *c = calloc(1, sizeof *c);

	if (c != NULL)
		c->today = today;
	return c;
}

void
wk_causes_free(struct wk_causes *c)
{
	size_t i, k;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		for (k = 0; k < c->v[i].naff; k++)
			free(c->v[i].aff[k].name);
		free(c->v[i].aff);
		free(c->v[i].file);
		free(c->v[i].msg);
	}
	for (i = 0; i < c->nf; i++) {
		free(c->f[i].path);
		free(c->f[i].msg);
	}
	for (i = 0; i < c->nfailed; i++)
		free(c->failed[i]);
	free(c->failed);
	free(c->f);
	free(c->v);
	free(c);
}

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL &&
	    strcmp(a, b) == 0);
}

/* The cause of kind for file (and msg, for kinds keyed by message), added
 * when new; NULL when out of memory. */
static struct cause *
cause(struct wk_causes *c, int kind, const char *file, const char *msg,
    enum wk_severity sev)
{
	int by_msg = kind == WK_CAUSE_OTHER || kind == WK_CAUSE_PRICE;
	struct cause *v, *k;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->v[i].kind == kind && same(c->v[i].file, file) &&
		    (!by_msg || same(c->v[i].msg, msg))) {
			if (sev > c->v[i].sev)
				c->v[i].sev = sev;
			return &c->v[i];
		}
	if ((v = realloc(c->v, (c->n + 1) * sizeof *v)) == NULL)
		return NULL;
	c->v = v;
	k = &v[c->n];
	memset(k, 0, sizeof *k);
	k->kind = kind;
	k->sev = sev;
	k->order = c->n;
	k->file = file ? strdup(file) : NULL;
	k->msg = msg ? strdup(msg) : NULL;
	if ((file && k->file == NULL) || (msg && k->msg == NULL)) {
		free(k->file);
		free(k->msg);
		return NULL;
	}
	c->n++;
	return k;
}

/* Counts nsegs fallen-back segments (or the failure) of bulletin-language
 * name against k. */
static void
affect(struct cause *k, const char *name, size_t nsegs, int failed)
{
	struct affected *v;
	size_t i;

	if (k == NULL || name == NULL)
		return;
	for (i = 0; i < k->naff; i++)
		if (strcmp(k->aff[i].name, name) == 0)
			break;
	if (i == k->naff) {
		if ((v = realloc(k->aff, (k->naff + 1) * sizeof *v)) == NULL)
			return;
		k->aff = v;
		memset(&v[i], 0, sizeof *v);
		if ((v[i].name = strdup(name)) == NULL)
			return;
		k->naff++;
	}
	k->aff[i].nsegs += nsegs;
	k->aff[i].failed |= failed;
}

/* Reads the feed at path for its date (a feed the run has not read);
 * as wk_feed_state. */
static int
read_feed(const char *path, int prices, char date[11], struct wk_err *e)
{
	struct wk_prices *p = NULL;
	struct wk_news *n = NULL;
	int ok;

	if (prices) {
		ok = wk_prices_load(path, &p, NULL, e) == WK_OK && p != NULL;
		if (ok)
			wk_date_format(p->date, date);
		wk_prices_free(p);
	} else {
		ok = wk_news_load(path, &n, NULL, e) == WK_OK && n != NULL;
		if (ok && n->has_date)
			wk_date_format(n->date, date);
		wk_news_free(n);
	}
	return ok;
}

/* What the feed at path is: from the run's diagnostics, else as the
 * composer's feed cache holds it (cc), read again (without diagnostics:
 * the composer reported them) only when the run never read it. */
static struct feedinfo *
feed_info(struct wk_causes *c, const struct wk_diags *d,
    const struct wk_compose *cc, const char *path, int prices)
{
	struct feedinfo *v, *f;
	struct stat sb;
	struct wk_err e;
	size_t i;
	int rc;

	for (i = 0; i < c->nf; i++)
		if (strcmp(c->f[i].path, path) == 0)
			return &c->f[i];
	if ((v = realloc(c->f, (c->nf + 1) * sizeof *v)) == NULL)
		return NULL;
	c->f = v;
	f = &v[c->nf];
	memset(f, 0, sizeof *f);
	if ((f->path = strdup(path)) == NULL)
		return NULL;
	c->nf++;
	if (stat(path, &sb) != 0 && errno == ENOENT) {
		f->state = FEED_MISSING;
		return f;
	}
	for (i = 0; d != NULL && i < d->n; i++)
		if (d->v[i].sev == WK_ERROR && d->v[i].file != NULL &&
		    strcmp(d->v[i].file, path) == 0) {
			f->state = FEED_INVALID;
			f->msg = strdup(d->v[i].msg);
			f->line = d->v[i].line;
			f->col = d->v[i].col;
			return f;
		}
	/* The feed as the composer read it: parsed once per run. */
	rc = wk_feed_state(cc, path, prices, f->date, &e);
	if (rc < 0)
		rc = read_feed(path, prices, f->date, &e);
	if (rc > 0)
		f->state = FEED_READ;
	else {
		f->state = FEED_INVALID;
		f->msg = strdup(e.msg);
		f->line = e.line;
		f->col = e.col;
	}
	return f;
}

/* The cause kind of a fallback that read feed f for a bulletin that
 * accepts prices max_age days old. */
static int
feed_kind(const struct wk_causes *c, const struct feedinfo *f, int prices,
    int max_age)
{
	struct wk_date fd;
	long age;

	switch (f->state) {
	case FEED_MISSING:
		return WK_CAUSE_FEED_MISSING;
	case FEED_INVALID:
		return WK_CAUSE_FEED_INVALID;
	default:
		break;
	}
	if (prices && f->date[0] != '\0' && wk_date_parse(f->date, &fd) == 0) {
		age = wk_date_days(c->today) - wk_date_days(fd);
		if (age < 0)
			return WK_CAUSE_FEED_FUTURE;
		if (age > max_age)
			return WK_CAUSE_FEED_STALE;
	}
	return WK_CAUSE_FEED_LACKS;
}

static const struct wk_segment *
bulletin_seg(const struct wk_bulletin *b, const char *id)
{
	size_t i;

	for (i = 0; i < b->nsegs; i++)
		if (strcmp(b->segs[i].id, id) == 0)
			return &b->segs[i];
	return NULL;
}

static int
at(const struct wk_diag *g, const struct wk_pos *p)
{
	return g->line == p->line && g->col == p->col;
}

/* The clips and bed of segment bs that the composer left out (it
 * attributed its diagnostic to the clip): one cause per file, counting
 * the segment of bulletin-language name, once, as going to air without
 * it. */
static void
clips_left_out(struct wk_causes *c, const struct wk_diags *d, size_t from,
    const struct wk_segment *bs, const char *name)
{
	size_t j, k;

	for (j = from; d != NULL && j < d->n; j++) {
		const struct wk_diag *g = &d->v[j];
		int mine = bs->bed.path != NULL && same(bs->bed.path,
		    g->cause_file);

		if (g->cause != WK_CAUSE_CLIP || g->cause_file == NULL)
			continue;
		for (k = 0; !mine && k < bs->nitems; k++)
			mine = bs->items[k].kind == WK_ITEM_CLIP &&
			    same(bs->items[k].path, g->cause_file);
		if (mine) {
			struct cause *cs = cause(c, WK_CAUSE_CLIP, g->cause_file,
			    g->msg, g->sev);

			/* No line: the position is the bulletin's, not the
			 * clip's. */
			if (cs != NULL)
				cs->ndiags++;
			affect(cs, name, 1, 0);
			return;		/* the segment is counted once */
		}
	}
}

void
wk_causes_script(struct wk_causes *c, struct wk_diags *d, size_t from,
    const struct wk_compose *cc, const struct wk_bulletin *b,
    const struct wk_script *s)
{
	struct wk_buf name = WK_BUF_INIT;
	size_t i, k, j;

	if (c == NULL || s == NULL)
		return;
	wk_bundle_name(s, &name);
	for (i = 0; i < s->nsegs && !name.failed; i++) {
		const struct wk_seg *sg = &s->segs[i];
		const struct wk_segment *first = bulletin_seg(b, sg->id), *bs;
		const struct wk_segment *end = first ? first + 1 : NULL;

		if (!sg->fallback || first == NULL)
			continue;
		/* It also says the fallback phrase of the segments merged into
		 * it (compose.c), up to the next one said: they count as its
		 * own. */
		if (sg->nmerged > 0)
			end = i + 1 < s->nsegs && bulletin_seg(b, s->segs[i + 1].id)
			    ? bulletin_seg(b, s->segs[i + 1].id)
			    : b->segs + b->nsegs;
		for (bs = first; bs < end; bs++)
		for (k = 0; k < bs->nitems; k++) {
			const struct wk_item *it = &bs->items[k];
			int prices = it->kind == WK_ITEM_PRICES, kind;
			struct feedinfo *f;
			struct cause *cs;
			char *path;

			if (it->kind != WK_ITEM_PRICES && it->kind != WK_ITEM_NEWS)
				continue;
			if ((path = wk_feed_path(cc, it->feed)) == NULL)
				break;
			if ((f = feed_info(c, d, cc, path, prices)) == NULL) {
				free(path);
				break;
			}
			kind = feed_kind(c, f, prices, b->max_age_days);
			cs = cause(c, kind, path, f->msg, WK_WARNING);
			if (cs != NULL) {
				memcpy(cs->date, f->date, sizeof cs->date);
				cs->line = f->line;
				cs->col = f->col;
			}
			affect(cs, wk_buf_str(&name), 1, 0);
			/* The warnings this segment's item gave, and the
			 * feed's own errors (given once, by the first
			 * composition that read it). */
			for (j = from; d != NULL && j < d->n; j++) {
				struct wk_diag *g = &d->v[j];

				if (g->cause == 0 && g->sev != WK_NOTE &&
				    g->file != NULL && strcmp(g->file, b->path) == 0 &&
				    (at(g, &it->pos) || at(g, &it->products_pos)))
					wk_diag_set_cause(d, j, kind, path);
			}
			for (j = 0; d != NULL && j < d->n; j++)
				if (d->v[j].cause == 0 && d->v[j].file != NULL &&
				    strcmp(d->v[j].file, path) == 0)
					wk_diag_set_cause(d, j, kind, path);
			free(path);
		}
		clips_left_out(c, d, from, first, wk_buf_str(&name));
	}
	wk_buf_free(&name);
}

/* Records name among the bulletin-languages not published. */
static void
add_failed(struct wk_causes *c, const char *name)
{
	char **v, *dup;

	if ((v = realloc(c->failed, (c->nfailed + 1) * sizeof *v)) == NULL)
		return;
	c->failed = v;
	if ((dup = strdup(name)) != NULL)
		v[c->nfailed++] = dup;
}

/* True when path is a clip or bed of b. */
static int
clip_of(const struct wk_bulletin *b, const char *path)
{
	size_t i, k;

	for (i = 0; b != NULL && i < b->nsegs; i++) {
		if (b->segs[i].bed.path != NULL &&
		    strcmp(b->segs[i].bed.path, path) == 0)
			return 1;
		for (k = 0; k < b->segs[i].nitems; k++)
			if (b->segs[i].items[k].kind == WK_ITEM_CLIP &&
			    strcmp(b->segs[i].items[k].path, path) == 0)
				return 1;
	}
	return 0;
}

void
wk_causes_failed(struct wk_causes *c, struct wk_diags *d,
    const struct wk_bulletin *b, const char *name, const struct wk_err *err)
{
	const char *file = err->file[0] != '\0' ? err->file : NULL;
	struct cause *k;
	int kind;

	if (c == NULL)
		return;
	if (file != NULL && clip_of(b, file))
		kind = WK_CAUSE_CLIP;
	else if (file != NULL && (b == NULL || strcmp(file, b->path) == 0))
		kind = WK_CAUSE_BULLETIN;
	else
		kind = WK_CAUSE_OTHER;
	if ((k = cause(c, kind, file, err->msg, WK_ERROR)) != NULL) {
		if (k->ndiags == 0) {
			k->line = err->line;
			k->col = err->col;
		}
		k->ndiags++;
	}
	if (name == NULL && b == NULL && file != NULL)
		name = file;
	affect(k, name, 0, 1);
	if (d != NULL && d->n > 0 && d->v[d->n - 1].cause == 0)
		wk_diag_set_cause(d, d->n - 1, kind, file);
	if (name != NULL)
		add_failed(c, name);
}

void
wk_causes_nodata(struct wk_causes *c, struct wk_diags *d, const char *name)
{
	struct cause *first = NULL;
	size_t i, k;

	if (c == NULL || name == NULL)
		return;
	for (i = 0; i < c->n; i++)
		for (k = 0; k < c->v[i].naff; k++) {
			struct affected *a = &c->v[i].aff[k];

			/* The feeds, not a clip: those segments would have
			 * said their fallback phrase. */
			if (a->nsegs == 0 || strcmp(a->name, name) != 0 ||
			    c->v[i].kind < WK_CAUSE_FEED_MISSING ||
			    c->v[i].kind > WK_CAUSE_FEED_LACKS)
				continue;
			/* Its segments are not heard: the bulletin is. */
			a->nsegs = 0;
			a->failed = 1;
			c->v[i].sev = WK_ERROR;
			if (first == NULL)
				first = &c->v[i];
		}
	add_failed(c, name);
	/* Without such a cause, the message stays a cause of its own. */
	if (first != NULL && d != NULL && d->n > 0 &&
	    d->v[d->n - 1].cause == 0)
		wk_diag_set_cause(d, d->n - 1, first->kind, first->file);
}

static int
is_failed(const struct wk_causes *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nfailed; i++)
		if (strcmp(c->failed[i], name) == 0)
			return 1;
	return 0;
}

static enum wk_cause_grade
grade(const struct cause *k)
{
	size_t i;
	int fb = 0;

	for (i = 0; i < k->naff; i++) {
		if (k->aff[i].failed)
			return WK_GRADE_FAILED;
		fb |= k->aff[i].nsegs > 0;
	}
	return fb ? WK_GRADE_FALLBACK : WK_GRADE_OTHER;
}

/* Sums of a cause's effects: bulletins it kept off the air, segments
 * that fell back (and in how many bulletins), of which in bulletins that
 * are off the air anyway. */
struct sums {
	size_t failed, segs, bulletins, segs_off, bulletins_off;
};

static struct sums
sums(const struct wk_causes *c, const struct cause *k)
{
	struct sums s;
	size_t i;

	memset(&s, 0, sizeof s);
	for (i = 0; i < k->naff; i++) {
		const struct affected *a = &k->aff[i];

		s.failed += a->failed;
		if (a->nsegs == 0)
			continue;
		if (is_failed(c, a->name)) {
			s.segs_off += a->nsegs;
			s.bulletins_off++;
		} else {
			s.segs += a->nsegs;
			s.bulletins++;
		}
	}
	return s;
}

static int
worse_first(const void *a, const void *b)
{
	const struct cause *x = a, *y = b;
	enum wk_cause_grade gx = grade(x), gy = grade(y);

	if (gx != gy)
		return gx < gy ? -1 : 1;
	if (x->onair != y->onair)
		return x->onair > y->onair ? -1 : 1;
	if (x->naff != y->naff)
		return x->naff > y->naff ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

void
wk_causes_collect(struct wk_causes *c, struct wk_diags *d)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; d != NULL && i < d->n; i++) {
		struct wk_diag *g = &d->v[i];
		struct cause *k;

		/* A suspect price left out: a cause of its own, named with
		 * its feed's line (once however often collected). */
		if (g->cause == WK_CAUSE_PRICE) {
			k = cause(c, WK_CAUSE_PRICE, g->file, g->msg, g->sev);
			if (k != NULL && k->ndiags == 0) {
				k->ndiags = 1;
				k->line = g->line;
				k->col = g->col;
			}
			continue;
		}
		if (g->cause != 0 || g->sev == WK_NOTE)
			continue;
		k = cause(c, WK_CAUSE_OTHER, g->file, g->msg, g->sev);
		if (k != NULL && k->ndiags++ == 0) {
			k->line = g->line;
			k->col = g->col;
		}
		wk_diag_set_cause(d, i, WK_CAUSE_OTHER, g->file);
	}
	for (i = 0; i < c->n; i++)
		c->v[i].onair = sums(c, &c->v[i]).segs;
	if (c->n > 1)
		qsort(c->v, c->n, sizeof *c->v, worse_first);
}

size_t
wk_causes_count(const struct wk_causes *c)
{
	return c ? c->n : 0;
}

enum wk_cause_grade
wk_causes_grade(const struct wk_causes *c, size_t i)
{
	assert(c != NULL && i < c->n);
	return grade(&c->v[i]);
}

enum wk_severity
wk_causes_severity(const struct wk_causes *c, size_t i)
{
	assert(c != NULL && i < c->n);
	return c->v[i].sev;
}

void
wk_causes_where(const struct wk_causes *c, size_t i, struct wk_buf *out)
{
	const struct cause *k;

	assert(c != NULL && i < c->n);
	k = &c->v[i];
	if (k->file == NULL)
		return;
	wk_buf_puts(out, k->file);
	if (k->line > 0)
		wk_buf_printf(out, ":%d", k->line);
	if (k->line > 0 && k->col > 0)
		wk_buf_printf(out, ":%d", k->col);
}

/* "1 bulletin" or "N bulletins" and the like: English and Spanish make
 * plurals alike, so two messages do (make-es.py writes no plural forms). */
static void
count(struct wk_buf *out, size_t n, const char *one, const char *many)
{
	wk_buf_printf(out, n == 1 ? one : many, n);
}

/* The names of the bulletin-languages k kept off the air. */
static void
failed_names(const struct cause *k, struct wk_buf *out)
{
	size_t i;
	const char *sep = " (";

	for (i = 0; i < k->naff; i++)
		if (k->aff[i].failed) {
			wk_buf_puts(out, sep);
			wk_buf_puts(out, k->aff[i].name);
			sep = ", ";
		}
	if (strcmp(sep, ", ") == 0)
		wk_buf_putc(out, ')');
}

void
wk_causes_what(const struct wk_causes *c, size_t i, struct wk_buf *out)
{
	const struct cause *k = &c->v[i];
	struct sums s = sums(c, k);
	const char *fix = NULL;

	switch (k->kind) {
	case WK_CAUSE_FEED_MISSING:
		wk_buf_puts(out, _("the feed does not exist"));
		fix = _("Check that the network sent today's file to the feeds "
		    "folder, then build again");
		break;
	case WK_CAUSE_FEED_INVALID:
		wk_buf_printf(out, _("the feed cannot be read: %s"), k->msg ?
		    k->msg : "");
		fix = _("Ask the network for a corrected file; "
		    "`willakuy check` shows every problem");
		break;
	case WK_CAUSE_FEED_STALE:
		wk_buf_printf(out, _("the feed is dated %s, too old for the "
		    "bulletins that read it"), k->date);
		fix = _("Ask the network for today's file");
		break;
	case WK_CAUSE_FEED_FUTURE:
		wk_buf_printf(out, _("the feed is dated %s, after the broadcast "
		    "date"), k->date);
		fix = _("Check the broadcast date (-d) and the feed's date");
		break;
	case WK_CAUSE_FEED_LACKS:
		wk_buf_puts(out, _("the feed lacks what some segments ask for "
		    "(a market, a product or current news)"));
		fix = _("`willakuy preview` shows which; `willakuy build -v` "
		    "lists every segment");
		break;
	case WK_CAUSE_CLIP:
		if (k->file != NULL && access(k->file, F_OK) != 0)
			wk_buf_puts(out, _("the clip does not exist"));
		else
			wk_buf_puts(out, k->msg ? k->msg : "");
		fix = _("Put the file back or correct <clip src> or <bed src> "
		    "in the bulletin");
		break;
	default:
		wk_buf_puts(out, k->msg ? k->msg : "");
		break;
	}
	if (s.failed > 0) {
		wk_buf_puts(out, ": ");
		count(out, s.failed, _("%zu bulletin does not go to air"),
		    _("%zu bulletins do not go to air"));
		failed_names(k, out);
	}
	if (s.segs > 0) {
		wk_buf_puts(out, s.failed > 0 ? "; " : ": ");
		count(out, s.segs, _("%zu segment"), _("%zu segments"));
		wk_buf_putc(out, ' ');
		count(out, s.bulletins, _("of %zu bulletin"), _("of %zu bulletins"));
		wk_buf_putc(out, ' ');
		if (k->kind == WK_CAUSE_CLIP)
			wk_buf_puts(out, s.segs == 1 ? _("goes to air without it")
			    : _("go to air without it"));
		else
			wk_buf_puts(out, s.segs == 1 ? _("says the fallback phrase")
			    : _("say the fallback phrase"));
	}
	if (s.segs_off > 0) {
		wk_buf_puts(out, s.failed + s.segs > 0 ? "; " : ": ");
		count(out, s.segs_off, _("%zu segment"), _("%zu segments"));
		wk_buf_putc(out, ' ');
		count(out, s.bulletins_off, _("of %zu bulletin"),
		    _("of %zu bulletins"));
		wk_buf_putc(out, ' ');
		wk_buf_puts(out, k->kind == WK_CAUSE_CLIP ? _("would go to air "
		    "without it (those bulletins do not go to air)")
		    : _("would say the fallback phrase (those bulletins do not "
		    "go to air)"));
	}
	if (s.failed + s.segs + s.segs_off == 0 && k->ndiags > 1) {
		wk_buf_puts(out, " ");
		count(out, k->ndiags, _("(%zu time)"), _("(%zu times)"));
	}
	if (fix != NULL) {
		wk_buf_puts(out, ". ");
		wk_buf_puts(out, fix);
	}
}

void
wk_causes_headline(size_t failed, size_t with_fallbacks, size_t ok,
    struct wk_buf *out)
{
	const char *sep = "";

	if (failed > 0) {
		count(out, failed, _("%zu bulletin does not go to air"),
		    _("%zu bulletins do not go to air"));
		sep = "; ";
	}
	if (with_fallbacks > 0) {
		wk_buf_puts(out, sep);
		count(out, with_fallbacks, _("%zu goes to air with fallback "
		    "phrases"), _("%zu go to air with fallback phrases"));
		sep = "; ";
	}
	if (failed + with_fallbacks == 0)
		count(out, ok, _("%zu bulletin, complete and fresh"),
		    _("all %zu bulletins complete and fresh"));
	else if (ok > 0) {
		wk_buf_puts(out, sep);
		count(out, ok, _("%zu complete"), _("%zu complete"));
	}
}

void
wk_causes_summary(struct wk_causes *c, struct wk_diags *d, size_t failed,
    size_t with_fallbacks, size_t ok, const char *prefix, struct wk_buf *out)
{
	size_t i;

	wk_causes_collect(c, d);
	wk_buf_puts(out, prefix);
	wk_causes_headline(failed, with_fallbacks, ok, out);
	wk_buf_putc(out, '\n');
	for (i = 0; i < wk_causes_count(c); i++) {
		size_t at = out->len;
		enum wk_severity sev = wk_causes_severity(c, i);

		wk_buf_puts(out, prefix);
		wk_causes_where(c, i, out);
		if (out->len > at + strlen(prefix))
			wk_buf_puts(out, ": ");
		wk_buf_puts(out, sev == WK_ERROR ? _("error") : _("warning"));
		wk_buf_puts(out, ": ");
		wk_causes_what(c, i, out);
		wk_buf_putc(out, '\n');
	}
}

static const char *
base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

void
wk_causes_seg_source(const struct wk_causes *c, const struct wk_compose *cc,
    const struct wk_bulletin *b, const struct wk_seg *sg,
    struct wk_seg_source *o)
{
	const struct wk_segment *bs = b ? bulletin_seg(b, sg->id) : NULL;
	size_t k, i;

	memset(o, 0, sizeof *o);
	memcpy(o->date, sg->data_date, sizeof o->date);
	for (k = 0; bs != NULL && k < bs->nitems; k++) {
		const struct wk_item *it = &bs->items[k];
		char *path;

		if (it->kind != WK_ITEM_PRICES && it->kind != WK_ITEM_NEWS)
			continue;
		if (it->market != NULL)
			snprintf(o->market, sizeof o->market, "%s", it->market);
		if (it->kind == WK_ITEM_NEWS && it->network != NULL)
			snprintf(o->network, sizeof o->network, "%s", it->network);
		if ((path = wk_feed_path(cc, it->feed)) == NULL)
			return;
		snprintf(o->feed, sizeof o->feed, "%s", base(path));
		for (i = 0; c != NULL && sg->fallback && o->date[0] == '\0' &&
		    i < c->nf; i++)
			if (strcmp(c->f[i].path, path) == 0 &&
			    c->f[i].date[0] != '\0') {
				memcpy(o->date, c->f[i].date, sizeof o->date);
				o->stale = 1;
			}
		free(path);
		return;
	}
}
