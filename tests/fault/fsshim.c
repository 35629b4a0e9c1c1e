/*
 * LD_PRELOAD shim for the publication tests, so that no test hook lives in
 * the program. It interposes the calls willakuy's publishing makes:
 *   WK_RENAME_PAUSE_MS=N   sleeps N ms before each renameat/renameat2, so
 *                          that a test can kill a run between two moves;
 *   WK_FAIL_EXCHANGE=1     makes a folder swap (renameat2 with
 *                          RENAME_EXCHANGE) fail with EPERM, as on an
 *                          immutable folder;
 *   WK_LINK_EXDEV=1        makes linkat fail with EXDEV, as when latest/ is
 *                          on another file system.
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void
pause_ms(void)
{
	const char *s = getenv("WK_RENAME_PAUSE_MS");
	long ms = s ? strtol(s, NULL, 10) : 0;
	struct timespec ts;

	if (ms <= 0 || ms > 10000)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

int
renameat(int a, const char *from, int b, const char *to)
{
	int (*real)(int, const char *, int, const char *) =
	    (int (*)(int, const char *, int, const char *))dlsym(RTLD_NEXT,
	    "renameat");

	pause_ms();
	return real(a, from, b, to);
}

int
renameat2(int a, const char *from, int b, const char *to, unsigned flags)
{
	int (*real)(int, const char *, int, const char *, unsigned) =
	    (int (*)(int, const char *, int, const char *, unsigned))dlsym(
	    RTLD_NEXT, "renameat2");

	pause_ms();
	if ((flags & RENAME_EXCHANGE) && getenv("WK_FAIL_EXCHANGE") != NULL) {
		errno = EPERM;
		return -1;
	}
	return real(a, from, b, to, flags);
}

int
linkat(int a, const char *from, int b, const char *to, int flags)
{
	int (*real)(int, const char *, int, const char *, int) =
	    (int (*)(int, const char *, int, const char *, int))dlsym(RTLD_NEXT,
	    "linkat");

	if (getenv("WK_LINK_EXDEV") != NULL) {
		errno = EXDEV;
		return -1;
	}
	return real(a, from, b, to, flags);
}
