/*
 * LD_PRELOAD shim for the out-of-memory tests: the Nth call of malloc,
 * calloc or realloc made by willakuy's own code (N from $WK_FAIL_AT)
 * returns NULL, as when memory runs out; every other call succeeds.
 * Only calls from the program itself count: libxml2 2.9 does not survive
 * every allocation failure inside its RELAX NG code, and that is not what
 * this test is about. $WK_FAIL_COUNT, when set, is written the number of
 * calls counted, so the test knows how far to go.
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static long calls, fail_at = -2;
static void *program;		/* base address of the executable */
static int busy;

/* True when the call came from the executable, and it is the Nth. */
static int
fail(void *caller)
{
	Dl_info info;
	int ours;

	if (busy)
		return 0;
	busy = 1;		/* dladdr may allocate */
	if (fail_at == -2) {
		const char *s = getenv("WK_FAIL_AT");
		Dl_info self;

		fail_at = s ? strtol(s, NULL, 10) : -1;
		if (dladdr((void *)getauxval(AT_ENTRY), &self) != 0)
			program = self.dli_fbase;
	}
	ours = program != NULL && dladdr(caller, &info) != 0 &&
	    info.dli_fbase == program;
	busy = 0;
	return ours && ++calls == fail_at;
}

void *
malloc(size_t n)
{
	return fail(__builtin_return_address(0)) ? NULL : __libc_malloc(n);
}

void *
calloc(size_t a, size_t b)
{
	return fail(__builtin_return_address(0)) ? NULL : __libc_calloc(a, b);
}

void *
realloc(void *p, size_t n)
{
	return fail(__builtin_return_address(0)) ? NULL : __libc_realloc(p, n);
}

char *
strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p;

	if (fail(__builtin_return_address(0)) || (p = __libc_malloc(n)) == NULL)
		return NULL;
	return memcpy(p, s, n);
}

char *
strndup(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	char *p;

	if (fail(__builtin_return_address(0)) || (p = __libc_malloc(n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

__attribute__((destructor)) static void
report(void)
{
	const char *path = getenv("WK_FAIL_COUNT");
	FILE *f;

	if (path != NULL && (f = fopen(path, "w")) != NULL) {
		fprintf(f, "%ld\n", calls);
		fclose(f);
	}
}
