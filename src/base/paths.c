/*
 * Finding the data directory and joining paths. The binary must work from
 * the source tree (make demo), after make install, and from a DESTDIR copy,
 * without being told where its data is.
 */

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "paths.h"

#ifndef WK_DATADIR
#define WK_DATADIR "/usr/local/share/willakuy"
#endif

/* The data folder, found once: one for the process, whatever station. */
static char *datadir;

static int
has_voices(const char *dir)
{
	char *p = wk_path_join(dir, "voices/catalog.xml");
	struct stat st;
	int ok;

	ok = p != NULL && stat(p, &st) == 0;
	free(p);
	return ok;
}

static char *
find(void)
{
	const char *env = getenv("WILLAKUY_DATA");
	char exe[PATH_MAX];
	ssize_t n;
	char *dir, *p;

	if (env != NULL && *env != '\0')
		return strdup(env);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		dir = wk_path_dir(exe);
		if (dir != NULL && has_voices(dir))
			return dir;
		/* Build trees keep binaries one or two levels down. */
		p = wk_path_join(dir, "..");
		if (p != NULL && has_voices(p)) {
			free(dir);
			return p;
		}
		free(p);
		p = wk_path_join(dir, "../share/willakuy");
		free(dir);
		if (p != NULL && has_voices(p))
			return p;
		free(p);
	}
	return strdup(WK_DATADIR);
}

const char *
wk_data_dir(void)
{
	if (datadir == NULL)
		datadir = find();
	return datadir != NULL ? datadir : WK_DATADIR;
}

void
wk_paths_cleanup(void)
{
	free(datadir);
	datadir = NULL;
}

char *
wk_path_join(const char *dir, const char *rel)
{
	size_t a, b;
	char *p;

	if (rel[0] == '/' || dir == NULL || dir[0] == '\0')
		return strdup(rel);
	a = strlen(dir);
	b = strlen(rel);
	while (a > 1 && dir[a - 1] == '/')
		a--;
	if ((p = malloc(a + b + 2)) == NULL)
		return NULL;
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, rel, b + 1);
	return p;
}

char *
wk_path_dir(const char *path)
{
	const char *s = strrchr(path, '/');
	char *p;

	if (s == NULL)
		return strdup(".");
	if (s == path)
		return strdup("/");
	if ((p = malloc((size_t)(s - path) + 1)) == NULL)
		return NULL;
	memcpy(p, path, (size_t)(s - path));
	p[s - path] = '\0';
	return p;
}

char *
wk_data_path(const char *rel)
{
	return wk_path_join(wk_data_dir(), rel);
}

char *
wk_path_stem(const char *path, const char *ext)
{
	const char *s = strrchr(path, '/');
	size_t n, e = strlen(ext);
	char *p;

	s = s ? s + 1 : path;
	n = strlen(s);
	if (n > e && strcmp(s + n - e, ext) == 0)
		n -= e;
	if ((p = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
wk_random_hex(char out[17])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[8];
	size_t i;

	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
		/* No entropy source: the clock and the address space still
		 * differ between runs; O_EXCL keeps the name ours anyway. */
		struct timespec ts;
		unsigned long long x;

		clock_gettime(CLOCK_REALTIME, &ts);
		x = (unsigned long long)ts.tv_nsec * 0x9e3779b97f4a7c15ULL ^
		    (unsigned long long)(uintptr_t)&ts ^ (unsigned long long)getpid();
		memcpy(r, &x, sizeof r);
	}
	for (i = 0; i < sizeof r; i++) {
		out[2 * i] = hex[r[i] >> 4];
		out[2 * i + 1] = hex[r[i] & 15];
	}
	out[16] = '\0';
}

const char *
wk_path_of_stream(FILE *f, char *buf, size_t cap)
{
	char link[64];
	ssize_t n = -1;

	if (cap == 0)
		return buf;
	if (f != NULL) {
		snprintf(link, sizeof link, "/proc/self/fd/%d", fileno(f));
		n = readlink(link, buf, cap - 1);
	}
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}
