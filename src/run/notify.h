#ifndef WK_NOTIFY_H
#define WK_NOTIFY_H
/*
 * The <notify> hook of the station file, run after every build with the
 * run's summary (a command run by publish/hook.h).
 */

#include "base/date.h"
#include "base/err.h"

struct wk_diags;
struct wk_build_result;

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
