#ifndef WK_REPORT_H
#define WK_REPORT_H
/*
 * The day's report: one self-contained HTML page (no network) that an
 * operator opens at dawn to see at a glance whether today's bulletins are
 * right: every bulletin and language, each segment's duration, loudness
 * and data date, fallbacks and warnings highlighted, the transcript, a
 * player per file and a chart of each market's prices against the
 * previous ones. Written in the operator's language (gettext), problems
 * grouped by cause (causes.h). Files are named as bundle.h says.
 */

#include "sound/audio.h"
#include "base/buf.h"

struct wk_catalog;
struct wk_causes;
struct wk_diags;
struct wk_history;
struct wk_outdir;
struct wk_report;
struct wk_script;
struct wk_seg_source;

/* A report for station on broadcast date; the run starts now (the page
 * says when, and how long it took). Names of markets, networks and
 * products are taken from cat, which must outlive the report (NULL: ids
 * only). pause_ms is the station's pause between segments, which a
 * bulletin's duration includes. */
struct wk_report *wk_report_new(const char *station, const char *date,
    const struct wk_catalog *cat, unsigned pause_ms);
void wk_report_free(struct wk_report *r);

/*
 * Adds a bulletin in one language: its script, the measurements of its
 * segments (stats, s->nsegs of them; NULL when it failed), where their
 * data came from (src, s->nsegs of them; may be NULL) and error, the
 * reason it was not published (NULL when it was). Copies what it keeps.
 * Returns 0, or -1 when out of memory.
 */
int wk_report_add(struct wk_report *r, const struct wk_script *s,
    const struct wk_audio_stats *stats, const char *error,
    const struct wk_seg_source *src);

struct wk_bulletin;
struct wk_compose;
struct wk_voiceset;

/* The same, with where each segment's data came from found here: the feed
 * it read and the date of its data (causes.h, c may be NULL) as composer
 * cc read them for bulletin b, and how much of it the voices vs have
 * recorded (coverage.h). Out of memory is a warning in d. */
void wk_report_add_script(struct wk_report *r, const struct wk_causes *c,
    const struct wk_compose *cc, const struct wk_bulletin *b,
    struct wk_voiceset *vs, const struct wk_script *s,
    const struct wk_audio_stats *stats, const char *error,
    struct wk_diags *d);

/* Appends the page to out, in the locale's language: the run's facts, a
 * line in words of what goes to air, one line per cause of trouble
 * (causes, collected from d; may be NULL), the bulletins worst first, each
 * market and product they priced once with its weekly change and 30-day
 * chart (while wk_report_write gives it the archive), then the
 * bulletin-languages of kept (may be NULL): the sections earlier runs of
 * the day kept for bulletins this run did not make. */
void wk_report_html(const struct wk_report *r, struct wk_diags *d,
    struct wk_causes *causes, const struct wk_report *kept,
    struct wk_buf *out);

/*
 * Writes the day's report, for the operator: OUTDIR/DATE/report.html.
 * What each bulletin-language's section shows is kept beside the files as
 * data (.report-NAME.data), so that a run that makes only some bulletins
 * still shows the others of the day: read back only from files of the
 * running user, never through a link, and rendered escaped like the
 * run's own, so that a file planted in a shared output folder cannot put
 * markup or script in the page. A failure is a warning in d: the report is
 * for reading, the files are what goes to air. With the run's price
 * archive hist (may be NULL), each price has its weekly change and a chart
 * of its last 30 days.
 */
void wk_report_write(struct wk_report *r, struct wk_outdir *out,
    struct wk_diags *d, struct wk_causes *causes, struct wk_history *hist);

#endif
