#ifndef WK_NOTIFY_H
#define WK_NOTIFY_H
/*
 * Station hooks: a command of the station file, run with /bin/sh -c, that
 * reads a text on its standard input and finds facts in its environment,
 * bounded by a timeout. wk_hook_run is the general part (also for a hook run
 * after each bulletin is published); wk_notify_build is the <notify> hook
 * run after every build, with the run's summary.
 */

#include <stddef.h>

#include "date.h"
#include "err.h"

struct wk_diags;
struct wk_build_result;

struct wk_hook {
	const char *command;	/* shell command line, run with /bin/sh -c */
	char *const *env;	/* NAME=VALUE strings added to the environment,
				 * NULL-terminated; NULL for none */
	const char *input;	/* written to its stdin (then closed); NULL: none */
	size_t input_len;
	unsigned timeout_s;	/* whole run, writing stdin included; 0: 30 s */
};

struct wk_hook_result {
	int exited;		/* 1: it exited, code in status */
	int status;		/* exit code, or the signal that ended it */
	int timed_out;		/* 1: cut off at timeout_s (process group killed) */
};

/*
 * Runs h in its own process group and waits for it at most h->timeout_s
 * seconds; on expiry the whole group gets SIGTERM, then SIGKILL a second
 * later. Its stdout and stderr are ours; no other descriptor is passed on.
 * A command that stops reading early is not an error. Returns WK_OK when the
 * command ran (r says how it ended), or an error when it could not be
 * started (err says why).
 */
enum wk_status wk_hook_run(const struct wk_hook *h, struct wk_hook_result *r,
    struct wk_err *err);

/* What a build did, for the <notify> hook. */
struct wk_notify_run {
	const char *station;	/* station file (NULL: the default one) */
	const char *outdir;
	struct wk_date date;
	int exit_code;		/* the exit status of willakuy build */
	const struct wk_build_result *res;	/* NULL when the build did not run */
	const char *error;	/* the error that stopped the build, or NULL */
	const char *causes;	/* the problems, a line per cause (causes.h),
				 * or NULL: then a line per diagnostic */
};

/*
 * When the station file has <notify command="...">, runs it with the
 * summary on stdin and WILLAKUY_STATUS, WILLAKUY_DATE, WILLAKUY_OUTDIR,
 * WILLAKUY_STATION, WILLAKUY_BUILT, WILLAKUY_FALLBACKS and WILLAKUY_FAILED in
 * its environment. A command that fails, hangs (cut off at its timeout) or
 * cannot start is reported on stderr; it never changes the run's outcome.
 * Returns 0 when there was no hook or it succeeded, -1 otherwise.
 */
int wk_notify_build(const struct wk_notify_run *n, const struct wk_diags *d);

#endif
