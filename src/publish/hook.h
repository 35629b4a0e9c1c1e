#ifndef WK_HOOK_H
#define WK_HOOK_H
/*
 * Station hooks: a command of the station file, run with /bin/sh -c, that
 * reads a text on its standard input and finds facts in its environment,
 * bounded by a timeout: the <hook> run after each bulletin-language is
 * published and the <notify> run after every build (run/notify.h).
 */

#include <stddef.h>

#include "base/err.h"

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

#endif
