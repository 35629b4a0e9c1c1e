/*
 * The report's kept sections as data (report_priv.h): each
 * bulletin-language a run made is written beside the day's files as lines
 * of "key value", and read back by a later run of the day, whose page
 * renders it like its own (every text escaped). Nothing of the file is
 * ever pasted into the page: a file that someone else put there can at
 * worst show wrong text, never markup or script.
 */

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "read/feed.h"
#include "report_priv.h"

#define MAGIC "willakuy-report-section 1"

/* The most segments and prices a kept section may have: far more than a
 * bulletin says, so that a planted file cannot make the page huge. */
#define MAX_SEGS 1000
#define MAX_PRICES 2000

/* Appends "key value\n", value escaped: backslash, line breaks and
 * control characters as \\, \n and \xHH. NULL writes nothing. */
static void
field(struct wk_buf *b, const char *key, const char *v)
{
	const unsigned char *p;

	if (v == NULL)
		return;
	wk_buf_printf(b, "%s ", key);
	for (p = (const unsigned char *)v; *p; p++)
		if (*p == '\\')
			wk_buf_puts(b, "\\\\");
		else if (*p == '\n')
			wk_buf_puts(b, "\\n");
		else if (*p < 0x20 || *p == 0x7F)
			wk_buf_printf(b, "\\x%02x", *p);
		else
			wk_buf_putc(b, (char)*p);
	wk_buf_putc(b, '\n');
}

void
wk_report_keep_put(const struct entry *e, struct wk_buf *b)
{
	size_t i, k;

	wk_buf_puts(b, MAGIC "\n");
	field(b, "title", e->title);
	field(b, "lang", e->lang);
	field(b, "error", e->error);
	wk_buf_printf(b, "pause %u\n", e->pause_ms);
	for (i = 0; i < e->nsegs; i++) {
		const struct rseg *sg = &e->segs[i];

		field(b, "seg", sg->id);
		field(b, "name", sg->name);
		field(b, "file", sg->file);
		field(b, "note", sg->note);
		field(b, "transcript", sg->transcript);
		field(b, "date", sg->data_date);
		field(b, "feed", sg->feed);
		wk_buf_printf(b, "stale %d\nfallback %d\nduration %a\nlufs %a\n"
		    "peak %a\nrecorded %d %u %u\n", sg->stale != 0,
		    sg->fallback != 0, sg->duration_s, sg->lufs, sg->peak_db,
		    sg->recorded != 0, sg->recorded_ms, sg->spoken_ms);
		for (k = 0; k < sg->nprices; k++) {
			field(b, "price", sg->prices[k].market);
			field(b, "pid", sg->pids[k]);
			field(b, "product", sg->prices[k].product);
			wk_buf_printf(b, "value %lld\nprevious %lld\n",
			    sg->prices[k].value, sg->prices[k].previous);
		}
	}
	wk_buf_puts(b, "end\n");
}

/* The value of a line, unescaped in place; NULL when an escape is broken
 * or gives a NUL. */
static char *
unescape(char *v)
{
	char *w = v, *p;

	for (p = v; *p; p++) {
		if (*p != '\\') {
			*w++ = *p;
			continue;
		}
		p++;
		if (*p == '\\')
			*w++ = '\\';
		else if (*p == 'n')
			*w++ = '\n';
		else if (*p == 'x' && p[1] && p[2] && strchr("0123456789abcdef",
		    p[1]) && strchr("0123456789abcdef", p[2])) {
			char hex[3] = { p[1], p[2], '\0' };
			long c = strtol(hex, NULL, 16);

			if (c == 0)
				return NULL;
			*w++ = (char)c;
			p += 2;
		} else
			return NULL;
	}
	*w = '\0';
	return v;
}

/* Sets *slot to a copy of v when it was not set; -1 otherwise. */
static int
once(char **slot, const char *v)
{
	if (*slot != NULL || (*slot = strdup(v)) == NULL)
		return -1;
	return 0;
}

static int
number(const char *v, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(v, &end);
	return end == v || *end != '\0' || errno == ERANGE ? -1 : 0;
}

/* A pause between segments: whole milliseconds, at most a minute. */
static int
pause(const char *v, unsigned *out)
{
	char *end;
	unsigned long ms;

	if (*v < '0' || *v > '9')
		return -1;
	errno = 0;
	ms = strtoul(v, &end, 10);
	if (*end != '\0' || errno == ERANGE || ms > 60000)
		return -1;
	*out = (unsigned)ms;
	return 0;
}

static int
flag(const char *v, int *out)
{
	if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
		return -1;
	*out = v[0] == '1';
	return 0;
}

static int
amount(const char *v, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(v, &end, 10);
	return end == v || *end != '\0' || errno != 0 || *out < -1 ||
	    *out > WK_PRICE_MAX ? -1 : 0;
}

/* One field of segment sg; -1 when it is not one of its fields, or
 * wrong. */
static int
seg_field(struct rseg *sg, const char *key, const char *v)
{
	struct wk_date dt;
	unsigned long a, b;
	char *end;
	int r;

	if (strcmp(key, "name") == 0)
		return once(&sg->name, v);
	if (strcmp(key, "file") == 0)
		return once(&sg->file, v);
	if (strcmp(key, "note") == 0)
		return once(&sg->note, v);
	if (strcmp(key, "transcript") == 0)
		return once(&sg->transcript, v);
	if (strcmp(key, "date") == 0) {
		if (v[0] != '\0' && wk_date_parse(v, &dt) != 0)
			return -1;
		memcpy(sg->data_date, v, sizeof sg->data_date);
		return 0;
	}
	if (strcmp(key, "feed") == 0) {
		if (strlen(v) >= sizeof sg->feed)
			return -1;
		strcpy(sg->feed, v);
		return 0;
	}
	if (strcmp(key, "stale") == 0)
		return flag(v, &sg->stale);
	if (strcmp(key, "fallback") == 0)
		return flag(v, &sg->fallback);
	if (strcmp(key, "duration") == 0)
		return number(v, &sg->duration_s) != 0 ||
		    !isfinite(sg->duration_s) || sg->duration_s < 0 ? -1 : 0;
	if (strcmp(key, "lufs") == 0)
		return number(v, &sg->lufs);
	if (strcmp(key, "peak") == 0)
		return number(v, &sg->peak_db);
	if (strcmp(key, "recorded") == 0) {
		if ((v[0] != '0' && v[0] != '1') || v[1] != ' ')
			return -1;
		r = v[0] == '1';
		errno = 0;
		a = strtoul(v + 2, &end, 10);
		if (*end != ' ' || errno != 0 || a > 0xFFFFFFFFul)
			return -1;
		b = strtoul(end + 1, &end, 10);
		if (*end != '\0' || errno != 0 || b > 0xFFFFFFFFul)
			return -1;
		sg->recorded = r;
		sg->recorded_ms = (unsigned)a;
		sg->spoken_ms = (unsigned)b;
		return 0;
	}
	return -1;
}

/* A price field of segment sg: "price" starts one. */
static int
price_field(struct rseg *sg, const char *key, const char *v)
{
	struct wk_price_note *p;

	if (strcmp(key, "price") == 0) {
		struct wk_price_note *np;
		char **ids;

		if (sg->nprices >= MAX_PRICES ||
		    (np = realloc(sg->prices, (sg->nprices + 1) *
		    sizeof *np)) == NULL)
			return -1;
		sg->prices = np;
		if ((ids = realloc(sg->pids, (sg->nprices + 1) *
		    sizeof *ids)) == NULL)
			return -1;
		sg->pids = ids;
		memset(&np[sg->nprices], 0, sizeof *np);
		np[sg->nprices].previous = -1;
		ids[sg->nprices] = NULL;
		sg->nprices++;
		return once(&np[sg->nprices - 1].market, v);
	}
	if (sg->nprices == 0)
		return -1;
	p = &sg->prices[sg->nprices - 1];
	if (strcmp(key, "pid") == 0)
		return once(&sg->pids[sg->nprices - 1], v);
	if (strcmp(key, "product") == 0)
		return once(&p->product, v);
	if (strcmp(key, "value") == 0)
		return amount(v, &p->value) != 0 || p->value < 0 ? -1 : 0;
	if (strcmp(key, "previous") == 0)
		return amount(v, &p->previous);
	return -1;
}

/* True when the entry read is whole: the fields the page needs. */
static int
complete(const struct entry *e)
{
	size_t i, k;

	if (e->title == NULL || e->lang == NULL)
		return 0;
	for (i = 0; i < e->nsegs; i++) {
		const struct rseg *sg = &e->segs[i];

		if (sg->id == NULL || sg->file == NULL || sg->transcript == NULL)
			return 0;
		for (k = 0; k < sg->nprices; k++)
			if (sg->prices[k].market == NULL ||
			    sg->prices[k].product == NULL || sg->pids[k] == NULL)
				return 0;
	}
	return 1;
}

int
wk_report_keep_get(const char *text, const char *name, struct entry *e)
{
	char *copy = strdup(text), *line, *next, *v;
	int ok = 0, ended = 0;

	memset(e, 0, sizeof *e);
	if (copy == NULL || strncmp(copy, MAGIC "\n", strlen(MAGIC) + 1) != 0 ||
	    (e->name = strdup(name)) == NULL)
		goto out;
	ok = 1;
	for (line = copy + strlen(MAGIC) + 1; ok && *line; line = next) {
		struct rseg *sg = e->nsegs ? &e->segs[e->nsegs - 1] : NULL;

		if ((next = strchr(line, '\n')) == NULL) {
			ok = 0;		/* cut short */
			break;
		}
		*next++ = '\0';
		if (ended) {
			ok = 0;		/* something after the end */
			break;
		}
		if (strcmp(line, "end") == 0) {
			ended = 1;
			continue;
		}
		if ((v = strchr(line, ' ')) == NULL) {
			ok = 0;
			break;
		}
		*v++ = '\0';
		if ((v = unescape(v)) == NULL)
			ok = 0;
		else if (strcmp(line, "title") == 0 && sg == NULL)
			ok = once(&e->title, v) == 0;
		else if (strcmp(line, "lang") == 0 && sg == NULL)
			ok = once(&e->lang, v) == 0;
		else if (strcmp(line, "error") == 0 && sg == NULL)
			ok = once(&e->error, v) == 0;
		else if (strcmp(line, "pause") == 0 && sg == NULL)
			ok = pause(v, &e->pause_ms) == 0;
		else if (strcmp(line, "seg") == 0) {
			struct rseg *t;

			if (e->nsegs >= MAX_SEGS || (t = realloc(e->segs,
			    (e->nsegs + 1) * sizeof *t)) == NULL) {
				ok = 0;
				break;
			}
			e->segs = t;
			memset(&t[e->nsegs], 0, sizeof *t);
			t[e->nsegs].lufs = t[e->nsegs].peak_db = NAN;
			ok = once(&t[e->nsegs++].id, v) == 0;
		} else if (sg == NULL)
			ok = 0;
		else if (strcmp(line, "price") == 0 || strcmp(line, "pid") == 0 ||
		    strcmp(line, "product") == 0 || strcmp(line, "value") == 0 ||
		    strcmp(line, "previous") == 0)
			ok = price_field(sg, line, v) == 0;
		else
			ok = seg_field(sg, line, v) == 0;
	}
	ok = ok && ended && complete(e);
out:
	free(copy);
	if (!ok)
		wk_report_entry_clear(e);
	return ok ? 0 : -1;
}
