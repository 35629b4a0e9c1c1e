#ifndef WK_CAUSES_H
#define WK_CAUSES_H
/*
 * What went wrong in a run, by cause rather than by symptom. A missing
 * feed makes every segment that reads it fall back, in every language; a
 * missing jingle stops every bulletin that plays it: one cause, many
 * diagnostics. The conductor (build.c) tells this module, after each
 * composition and each failure, what it made; this module attributes the
 * diagnostics to their causes (wk_diag_set_cause), counts what each cause
 * affected and writes one line per cause, worst first, in the operator's
 * language. The report, the -q summary and the station's hook use the
 * same lines.
 */

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"

struct wk_buf;
struct wk_bulletin;
struct wk_compose;
struct wk_script;
struct wk_seg;

/* How bad a cause is, worst first: it kept bulletins off the air, it made
 * them speak fallback phrases, or neither. */
enum wk_cause_grade { WK_GRADE_FAILED, WK_GRADE_FALLBACK, WK_GRADE_OTHER };

struct wk_causes;

/* A run's causes, for broadcast date today. NULL when out of memory. */
struct wk_causes *wk_causes_new(struct wk_date today);
void wk_causes_free(struct wk_causes *c);

/*
 * After script s of bulletin b was composed (with cc): attributes its
 * fallback segments, and the diagnostics of d from index from on that
 * speak of them, to the feed at fault: missing, unreadable, stale, dated
 * in the future or lacking what the segment asked for.
 */
void wk_causes_script(struct wk_causes *c, struct wk_diags *d, size_t from,
    const struct wk_compose *cc, const struct wk_bulletin *b,
    const struct wk_script *s);

/*
 * A bulletin-language that was not published: name is "<bulletin>-<lang>"
 * (or NULL when the bulletin itself could not be read; b is NULL then),
 * err why. The last diagnostic of d, the one that reports it, is
 * attributed to the clip, the bulletin or the message at fault.
 */
void wk_causes_failed(struct wk_causes *c, struct wk_diags *d,
    const struct wk_bulletin *b, const char *name, const struct wk_err *err);

/*
 * A bulletin-language that was not published because none of its feeds
 * could be used (name "<bulletin>-<lang>", its script already given to
 * wk_causes_script): the causes that made its segments fall back are
 * what kept it off the air, and say so. The last diagnostic of d, the
 * one that reports it, is attributed to the first of them (when there is
 * none, it stays a cause of its own).
 */
void wk_causes_nodata(struct wk_causes *c, struct wk_diags *d,
    const char *name);

/* Groups the diagnostics of d that nothing claimed (warnings and errors;
 * notes are left out), one cause per file and message, and puts the
 * causes in order, worst first. Call before reading them; again after
 * new diagnostics. */
void wk_causes_collect(struct wk_causes *c, struct wk_diags *d);

size_t wk_causes_count(const struct wk_causes *c);
enum wk_cause_grade wk_causes_grade(const struct wk_causes *c, size_t i);
enum wk_severity wk_causes_severity(const struct wk_causes *c, size_t i);

/* Cause i in words, in the locale's language, in two halves: where
 * (the file, with line and column when known; "" when none) and what,
 * with what it affected and how to fix it. */
void wk_causes_where(const struct wk_causes *c, size_t i, struct wk_buf *out);
void wk_causes_what(const struct wk_causes *c, size_t i, struct wk_buf *out);

/* The top line in words: "2 bulletins do not go to air; 4 go to air with
 * fallback phrases; 3 complete". */
void wk_causes_headline(size_t failed, size_t with_fallbacks, size_t ok,
    struct wk_buf *out);

/*
 * The whole summary, plain text, one line each: the headline, then every
 * cause as "FILE: severity: what". Every line starts with prefix (for
 * stderr, "willakuy: "). For the -q summary and the station's hook.
 */
void wk_causes_summary(struct wk_causes *c, struct wk_diags *d,
    size_t failed, size_t with_fallbacks, size_t ok, const char *prefix,
    struct wk_buf *out);

/* Where a segment's data came from, for the report. */
struct wk_seg_source {
	char feed[256];		/* the feed's file name, no folder; "" if none */
	char date[11];		/* the date of its data, or "" */
	int stale;		/* 1: it fell back; date is the feed's date */
	char market[65];	/* the market it reads, or "" */
	char network[65];	/* the network it reads, or "" */
	int recorded;		/* its voice has recorded prompts: then */
	unsigned recorded_ms, spoken_ms;	/* recordings say this much of it
					 * (coverage.h; set by the conductor) */
};

/*
 * The source of segment sg of bulletin b (composed with cc): the feed it
 * reads, the date of the data it read or, when it fell back, the date of
 * the feed it could not use, and the market or network it reads.
 */
void wk_causes_seg_source(const struct wk_causes *c,
    const struct wk_compose *cc, const struct wk_bulletin *b,
    const struct wk_seg *sg, struct wk_seg_source *out);

#endif
