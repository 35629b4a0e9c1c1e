#ifndef WK_ERR_H
#define WK_ERR_H
/*
 * Status codes and diagnostics. Every fallible function returns an enum
 * wk_status and, on failure, fills a caller's struct wk_err with the input
 * position and one sentence for the user. Warnings, and errors that do not
 * stop the run, collect in a struct wk_diags. Only main.c turns a status into
 * an exit code.
 */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <libintl.h>

/* Messages meant for people go through gettext. */
#define _(s) gettext(s)
#define N_(s) (s)

enum wk_status {
	WK_OK = 0,
	WK_EUSAGE,	/* the command line is wrong */
	WK_EINPUT,	/* an input file is missing or invalid */
	WK_EAUDIO,	/* synthesis, a clip or the encoder failed */
	WK_EIO,		/* an output could not be written */
	WK_ELOCK,	/* another run holds the output directory */
	WK_ENOMEM,	/* out of memory */
};

struct wk_err {
	enum wk_status status;
	char file[1024];	/* "" when the error has no input position */
	int line, col;		/* 1-based; 0 when unknown */
	char msg[1024];		/* one line: see wk_escape_line */
	unsigned kind;		/* the message's pattern, for wk_diag_err */
	int listed;		/* it only counts problems already added to a
				 * wk_diags one by one (a reader sets it) */
};

/*
 * Fills *e and returns st, so that a caller can write
 * `return wk_err_set(e, WK_EINPUT, path, line, 0, "...", ...);`.
 * file may be NULL. e may be NULL, then only st is returned. The message
 * is escaped with wk_escape_line, so values quoted from an input never
 * break it into lines; e->kind is set from fmt (see wk_err_kind).
 */
enum wk_status wk_err_set(struct wk_err *e, enum wk_status st,
    const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Records an allocation failure in e and returns WK_ENOMEM. */
enum wk_status wk_err_nomem(struct wk_err *e);

/* The kind of a message written with format fmt: a hash of fmt, or of the
 * message msg itself when fmt is only "%s" (NULL msg: of fmt). Two
 * diagnostics of one file with the same kind say the same thing about
 * different places: wk_diag shows WK_DIAG_CAP of them. */
unsigned wk_err_kind(const char *fmt, const char *msg);

/* Flags of wk_escape_line. */
enum { WK_ESC_KEEP_TAB = 1 };

/*
 * Copies s into out (cap > 0 bytes, always NUL-terminated, cut between
 * characters) with every character that could start a new line or steer a
 * terminal written as a visible escape: \n \r \t (a tab is kept with
 * WK_ESC_KEEP_TAB), \xNN for the other C0 controls, DEL and bytes that are
 * not UTF-8, \uNNNN for the C1 controls (U+0085 among them), U+2028,
 * U+2029 and the bidirectional overrides. A backslash stays as it is, so
 * escaping twice changes nothing. Returns the length written.
 */
size_t wk_escape_line(const char *s, char *out, size_t cap, int flags);

enum wk_severity { WK_NOTE, WK_WARNING, WK_ERROR };

/* What a diagnostic is about, when more than one diagnostic may share the
 * cause: the kinds that publish/causes.c groups, counts and words. */
enum wk_cause_kind {
	WK_CAUSE_NONE = 0,
	WK_CAUSE_FEED_MISSING,	/* a feed file is not there */
	WK_CAUSE_FEED_INVALID,	/* a feed is there but cannot be read */
	WK_CAUSE_FEED_STALE,	/* a feed older than the bulletin accepts */
	WK_CAUSE_FEED_FUTURE,	/* a feed dated after the broadcast date */
	WK_CAUSE_FEED_LACKS,	/* read, but without what a segment asks */
	WK_CAUSE_CLIP,		/* a clip or bed missing or unreadable */
	WK_CAUSE_BULLETIN,	/* a bulletin file that is not valid */
	WK_CAUSE_OTHER,		/* anything else, one cause per message */
	WK_CAUSE_PRICE,		/* a suspect price left out of the bulletins
				 * (read/plausible.h), one cause per price */
};

struct wk_diag {
	enum wk_severity sev;
	char *file;		/* NULL when there is no input position */
	int line, col;
	char *msg;
	unsigned kind;		/* wk_err_kind of its message */
	uint64_t group;		/* a summary of diagnostics not shown (the
				 * kind and file it counts), else 0 */
	int printed;
	enum wk_cause_kind cause;	/* what it is attributed to */
	char *cause_file;	/* the file at fault, or NULL */
};

/* Errors or warnings of one kind (wk_err_kind) shown for one file; the
 * others are counted and summed up in one line. Notes are not capped. */
#define WK_DIAG_CAP 50

/*
 * A list of diagnostics. When out is not NULL each one is also printed there
 * as it arrives, compiler style, with the offending source line and a caret.
 * verbose decides whether notes are printed. Of the errors and warnings
 * at places in one file that share a kind, the first WK_DIAG_CAP are shown
 * and kept; the rest are
 * counted (nerrors, nwarnings) and summed up by wk_diags_flush, so that a
 * file with 300 000 unknown products costs 50 messages, not 300 000.
 */
struct wk_diags {
	struct wk_diag *v;
	size_t n, cap;
	size_t nerrors, nwarnings;
	FILE *out;
	int verbose;
	/* Private: the kinds seen per file (a hash table) and the held part. */
	struct wk_diag_group *groups;
	size_t ngroups, groups_cap;
	size_t held_from;
	int held;
	int dropped;	/* the last one added was counted, not kept */
};

void wk_diags_init(struct wk_diags *d, FILE *out);

/* Flushes d (wk_diags_flush) and frees what it holds. */
void wk_diags_free(struct wk_diags *d);

/* From now on, diagnostics are kept but not printed, until
 * wk_diags_release: for the diagnostics of one input file, which its
 * reader and its checks find in an order of their own. */
void wk_diags_hold(struct wk_diags *d);

/* Prints the diagnostics held since wk_diags_hold, each file's in the
 * order of their position in it (files in the order they first came), the
 * summaries ("and 299 950 more errors like this one") last. */
void wk_diags_release(struct wk_diags *d);

/* Prints the summary of every kind with diagnostics not shown that has not
 * been printed yet. A summary is kept in d->v like a diagnostic (its group
 * set, not counted in nerrors), its count kept up to date. */
void wk_diags_flush(struct wk_diags *d);

/* Adds one diagnostic; file may be NULL; d NULL drops it. Never fails: on
 * allocation failure the message is still printed and counted, only not
 * kept. The message is escaped (wk_escape_line). */
void wk_diag(struct wk_diags *d, enum wk_severity sev, const char *file,
    int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* True when a diagnostic of file written with format fmt would only be
 * counted, WK_DIAG_CAP of its kind having been shown: a caller may then
 * spare the work of a "did you mean". */
int wk_diags_capped(struct wk_diags *d, const char *file, const char *fmt);

/* Attributes diagnostic i of d to a cause: kind and the file at fault
 * (may be NULL). On allocation failure the file is left out. Callers name
 * the diagnostic they just added as d->n - 1: when that one was only
 * counted (WK_DIAG_CAP), the call does nothing. */
void wk_diag_set_cause(struct wk_diags *d, size_t i, enum wk_cause_kind kind,
    const char *file);

/* Adds the error record e as an error diagnostic. */
void wk_diag_err(struct wk_diags *d, const struct wk_err *e);

/* Lets messages about path quote its lines (it parsed as XML); text, when
 * not NULL, is its content in UTF-8 (len bytes), quoted instead of the
 * file. A feed (feed non-zero) is quoted only once wk_err_trust_excerpt
 * vouched for it. Messages about other files print no excerpt. */
void wk_err_allow_excerpt(const char *path, const char *text, size_t len,
    int feed);

/* Vouches for the feed at path: whoever reads it knows it lies in a folder
 * of the station it is read for (wk_site_quotable), or was named by the
 * user. Call it before reading the feed: messages print as they come. */
void wk_err_trust_excerpt(const char *path);

/* Forgets every file allowed above (at exit). */
void wk_err_excerpts_free(void);

/* Prints one message compiler style on out: "willakuy: file:line:col: sev:
 * msg", file and msg escaped, then the line of file quoted (a window of it
 * around col when it is long) with a caret under col. */
void wk_diag_print(FILE *out, enum wk_severity sev, const char *file, int line,
    int col, const char *msg);

#endif
