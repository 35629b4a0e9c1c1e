#ifndef WK_REPORT_PRIV_H
#define WK_REPORT_PRIV_H
/*
 * What the report keeps of one bulletin-language (report.c), shared with
 * reportkeep.c, which stores it beside the day's files as data and reads
 * it back for the report of a later run. Only these two include this.
 */

#include <stddef.h>

#include "base/buf.h"
#include "say/compose.h"

struct rseg {
	char *id, *name, *file, *note, *transcript;
	char data_date[11];
	char feed[256];		/* the feed it read, no folder */
	int stale;		/* data_date is of a feed it could not use */
	double duration_s, lufs, peak_db;
	int recorded;			/* its voice has recorded prompts: */
	unsigned recorded_ms, spoken_ms;	/* the share they say */
	int fallback;
	struct wk_price_note *prices;	/* product: the operator's name */
	char **pids;			/* the products' ids */
	size_t nprices;
};

struct entry {
	char *name, *title, *lang, *error;
	struct rseg *segs;
	size_t nsegs;
	unsigned pause_ms;	/* between segments */
};

/* Frees what e holds and empties it. */
void wk_report_entry_clear(struct entry *e);

/* Appends e to out as a kept section: one field a line, every value
 * escaped so that it stays on its line. */
void wk_report_keep_put(const struct entry *e, struct wk_buf *out);

/*
 * Reads a kept section (text, NUL-terminated) of the bulletin-language
 * name into *e. What it holds is data from a file others may have
 * written: every field is checked (numbers are numbers, dates dates) and
 * the page escapes every text it shows. Returns 0, or -1 when text is not
 * a kept section of name (e is left empty).
 */
int wk_report_keep_get(const char *text, const char *name, struct entry *e);

#endif
