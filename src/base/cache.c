/*
 * The cache of a run's products, in OUTDIR/.cache: <key>.mp3 holds frames
 * (raw MP3 frames of a segment, float PCM of a prepared clip, nothing for
 * a voice's calibration) and <key>.meta one line: the frames' size and
 * checksum, then the record its writer gave (its measurements, in a form
 * of the writer's own).
 * Both are written under unpredictable ".tmp." names (O_EXCL), synced and
 * renamed, the frames last, so an entry exists only when complete; an
 * entry whose frames do not match their checksum is dropped with a
 * warning and made again. Hits touch the entry; on close, entries past the
 * size limit are removed, oldest first. Everything is reached from the
 * folder's descriptor without following links. Keys are wk_key_of's
 * (hash.h): an accidental collision between segment descriptions is not a
 * practical concern, and nothing hostile chooses them.
 */

#include <assert.h>
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "buf.h"
#include "cache.h"
#include "paths.h"
#include "safedir.h"

/* The longest record an entry's measurements may hold. */
#define RECORD_MAX 384

/* A file being written for an entry, by its stream. */
struct pending {
	FILE *f;
	char *name;
};

struct wk_cache {
	char *dir;
	int fd;
	unsigned long long max_bytes;
	struct wk_diags *d;
	struct pending *v;
	size_t n;
};

/* The checksum of the n bytes of fd from its start: keys chained over
 * blocks. Returns 0, or -1 when the file cannot be read whole. */
static int
checksum(int fd, unsigned long long n, wk_key sum)
{
	enum { BLOCK = 1 << 16 };
	unsigned char *buf = malloc(sizeof(wk_key) + BLOCK);
	unsigned long long off = 0;
	ssize_t got;
	int rc = 0;

	if (buf == NULL)
		return -1;
	wk_key_of("", 0, sum);
	while (off < n) {
		size_t want = n - off < BLOCK ? (size_t)(n - off) : BLOCK;

		memcpy(buf, sum, sizeof(wk_key));
		got = pread(fd, buf + sizeof(wk_key), want, (off_t)off);
		if (got <= 0) {
			rc = -1;
			break;
		}
		wk_key_of(buf, sizeof(wk_key) + (size_t)got, sum);
		off += (unsigned long long)got;
	}
	free(buf);
	return rc;
}

/* Whether the cache folder is the running user's alone. One that another
 * account owns or may write (a shared output folder where it made .cache
 * first) could hold entries it made, or ours renamed to other keys: the
 * run then goes without a cache, with a warning. */
static int
ours(struct wk_cache *c)
{
	struct stat st;

	if (fstat(c->fd, &st) != 0)
		return 0;
	if (st.st_uid == geteuid() && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0)
		return 1;
	wk_diag(c->d, WK_WARNING, c->dir, 0, 0,
	    _("the cache folder is not willakuy's alone (owner uid %ld, mode "
	    "%03o): this run makes every segment again; remove the folder, or "
	    "run 'chmod go-w' on it if it is yours"), (long)st.st_uid,
	    (unsigned)(st.st_mode & 0777));
	return 0;
}

enum wk_status
wk_cache_open(const char *dir, unsigned long long max_bytes,
    struct wk_diags *d, struct wk_cache **out, struct wk_err *err)
{
	struct wk_cache *c;

	*out = NULL;
	if ((c = calloc(1, sizeof *c)) == NULL || (c->dir = strdup(dir)) == NULL) {
		free(c);
		return wk_err_nomem(err);
	}
	c->max_bytes = max_bytes;
	c->d = d;
	/* Only willakuy reads the cache: the folder is its user's alone. */
	if ((mkdir(dir, 0700) != 0 && errno != EEXIST) ||
	    (c->fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0) {
		enum wk_status st = wk_err_set(err, WK_EIO, dir, 0, 0,
		    errno == ELOOP || errno == ENOTDIR ?
		    _("the cache folder is a symbolic link or a file, not a "
		    "folder willakuy made: move it away (%s)") :
		    _("cannot create the cache folder: %s"), strerror(errno));

		free(c->dir);
		free(c);
		return st;
	}
	if (!ours(c)) {
		close(c->fd);
		free(c->dir);
		free(c);
		return WK_OK;
	}
	*out = c;
	return WK_OK;
}

static char *
name_of(const wk_key key, const char *ext)
{
	struct wk_buf b = WK_BUF_INIT;

	wk_buf_printf(&b, "%s%s", key, ext);
	return wk_buf_steal(&b);
}

/* Drops a bad entry and says so. */
static void
drop(struct wk_cache *c, const char *mp3, const char *meta, const char *why)
{
	unlinkat(c->fd, meta, 0);
	unlinkat(c->fd, mp3, 0);
	wk_diag(c->d, WK_WARNING, c->dir, 0, 0,
	    _("cache entry %s is damaged (%s): dropped, the segment is made "
	    "again"), mp3, why);
}

int
wk_cache_get(struct wk_cache *c, const wk_key key, FILE **frames, char *rec,
    size_t recsize)
{
	char *mp3 = name_of(key, ".mp3"), *meta = name_of(key, ".meta");
	char line[RECORD_MAX + 128], sum[64];
	wk_key got;
	unsigned long long size;
	int hit = 0, mfd = -1, fd = -1, at = -1;
	struct stat st;
	ssize_t n;

	*frames = NULL;
	if (recsize > 0)
		rec[0] = '\0';
	if (mp3 == NULL || meta == NULL ||
	    (mfd = wk_safe_open_read(c->fd, meta)) < 0)
		goto out;
	n = read(mfd, line, sizeof line - 1);
	line[n > 0 ? n : 0] = '\0';
	if (strncmp(line, "frames ", 7) == 0) {
		/* An entry of an earlier version, stats in a fixed form. */
		unlinkat(c->fd, meta, 0);
		unlinkat(c->fd, mp3, 0);
		goto out;
	}
	if (sscanf(line, "v2 size %llu sum %40s %n", &size, sum, &at) != 2 ||
	    at < 0 || strlen(sum) != 32 || strchr(line + at, '\n') == NULL) {
		drop(c, mp3, meta, _("unreadable measurements"));
		goto out;
	}
	*strchr(line + at, '\n') = '\0';
	if ((fd = wk_safe_open_read(c->fd, mp3)) < 0) {
		if (errno != ENOENT)
			drop(c, mp3, meta, strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) != 0 || (unsigned long long)st.st_size != size ||
	    checksum(fd, size, got) != 0 || strcmp(got, sum) != 0) {
		drop(c, mp3, meta, _("the frames do not match their checksum"));
		goto out;
	}
	if ((*frames = fdopen(fd, "rb")) == NULL)
		goto out;
	fd = -1;
	if (recsize > 0)
		snprintf(rec, recsize, "%s", line + at);
	/* Recently used: pruning keeps it. */
	utimensat(c->fd, mp3, NULL, AT_SYMLINK_NOFOLLOW);
	hit = 1;
out:
	if (mfd >= 0)
		close(mfd);
	if (fd >= 0)
		close(fd);
	free(mp3);
	free(meta);
	return hit;
}

int
wk_cache_get_record(struct wk_cache *c, const wk_key key, char *rec,
    size_t recsize)
{
	FILE *f;

	if (!wk_cache_get(c, key, &f, rec, recsize))
		return 0;
	fclose(f);
	return 1;
}

enum wk_status
wk_cache_put_record(struct wk_cache *c, const wk_key key, const char *rec,
    struct wk_err *err)
{
	FILE *f = wk_cache_begin(c, key, err);
	enum wk_status st;

	if (f == NULL)
		return err->status;
	st = wk_cache_put(c, key, f, rec, err);
	if (st == WK_OK)
		fclose(f);
	else
		wk_cache_abandon(c, key, f);
	return st;
}

FILE *
wk_cache_begin(struct wk_cache *c, const wk_key key, struct wk_err *err)
{
	struct wk_buf pre = WK_BUF_INIT;
	struct pending *v;
	char *name = NULL;
	FILE *f = NULL;
	int fd = -1;

	wk_buf_printf(&pre, ".tmp.%s.", key);
	if (pre.failed ||
	    (v = realloc(c->v, (c->n + 1) * sizeof *v)) == NULL) {
		wk_buf_free(&pre);
		wk_err_nomem(err);
		return NULL;
	}
	c->v = v;
	fd = wk_safe_create(c->fd, wk_buf_str(&pre), ".mp3", &name);
	wk_buf_free(&pre);
	if (fd < 0 || (f = fdopen(fd, "w+b")) == NULL) {
		wk_err_set(err, WK_EIO, c->dir, 0, 0, _("cannot create: %s"),
		    strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlinkat(c->fd, name, 0);
		}
		free(name);
		return NULL;
	}
	v[c->n].f = f;
	v[c->n].name = name;
	c->n++;
	return f;
}

/* The temporary name of f, taken out of the list (caller frees). */
static char *
take(struct wk_cache *c, FILE *f)
{
	size_t i;
	char *name;

	for (i = 0; i < c->n; i++)
		if (c->v[i].f == f) {
			name = c->v[i].name;
			c->v[i] = c->v[--c->n];
			return name;
		}
	return NULL;
}

void
wk_cache_abandon(struct wk_cache *c, const wk_key key, FILE *f)
{
	char *name = take(c, f);

	(void)key;
	if (f != NULL)
		fclose(f);
	if (name != NULL)
		unlinkat(c->fd, name, 0);
	free(name);
}

const char *
wk_cache_dir(const struct wk_cache *c)
{
	return c->dir;
}

enum wk_status
wk_cache_put(struct wk_cache *c, const wk_key key, FILE *f, const char *rec,
    struct wk_err *err)
{
	char *tmp = take(c, f), *fin = name_of(key, ".mp3");
	char *mfin = name_of(key, ".meta"), *mtmp = NULL;
	struct wk_buf line = WK_BUF_INIT, pre = WK_BUF_INIT;
	enum wk_status rc = WK_OK;
	struct stat sb;
	wk_key sum;
	int mfd = -1;

	assert(strlen(rec) < RECORD_MAX && strchr(rec, '\n') == NULL);
	if (tmp == NULL || fin == NULL || mfin == NULL) {
		rc = tmp == NULL ? wk_err_set(err, WK_EIO, c->dir, 0, 0, "%s",
		    "wk_cache_put: not a file of the cache") : wk_err_nomem(err);
		goto out;
	}
	if (fflush(f) != 0 || fsync(fileno(f)) != 0 ||
	    fstat(fileno(f), &sb) != 0 ||
	    checksum(fileno(f), (unsigned long long)sb.st_size, sum) != 0)
		goto fail;
	wk_buf_printf(&line, "v2 size %llu sum %s %s\n",
	    (unsigned long long)sb.st_size, sum, rec);
	wk_buf_printf(&pre, ".tmp.%s.", key);
	if (line.failed || pre.failed) {
		rc = wk_err_nomem(err);
		goto out;
	}
	if ((mfd = wk_safe_create(c->fd, wk_buf_str(&pre), ".meta", &mtmp)) < 0 ||
	    wk_safe_write_all(mfd, line.data, line.len) != 0)
		goto fail;
	if (close(mfd) != 0) {
		mfd = -1;
		goto fail;
	}
	mfd = -1;
	if (renameat(c->fd, mtmp, c->fd, mfin) != 0 ||
	    renameat(c->fd, tmp, c->fd, fin) != 0 || fsync(c->fd) != 0)
		goto fail;
	goto out;
fail:
	rc = wk_err_set(err, WK_EIO, c->dir, 0, 0,
	    _("cannot write to the cache: %s"), strerror(errno));
	if (mfd >= 0)
		close(mfd);
	if (mtmp != NULL)
		unlinkat(c->fd, mtmp, 0);
	unlinkat(c->fd, tmp, 0);
out:
	wk_buf_free(&line);
	wk_buf_free(&pre);
	free(tmp);
	free(fin);
	free(mtmp);
	free(mfin);
	return rc;
}

struct ent {
	char *name;
	time_t used;
	unsigned long long bytes;
};

static int
by_age(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;

	return (x->used > y->used) - (x->used < y->used);
}

/* Removes the oldest entries until the cache fits its limit, and leftovers
 * of killed runs. Only plain files are counted or removed; a link is
 * removed, never followed. */
static void
prune(struct wk_cache *c)
{
	int fd = dup(c->fd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	struct ent *v = NULL, *nv;
	size_t n = 0, i;
	unsigned long long total = 0;

	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	rewinddir(d);
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		size_t len = strlen(e->d_name);

		if (strncmp(e->d_name, ".tmp.", 5) == 0) {
			unlinkat(c->fd, e->d_name, 0);
			continue;
		}
		if (e->d_name[0] == '.' || len < 4 ||
		    strcmp(e->d_name + len - 4, ".mp3") != 0 ||
		    fstatat(c->fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (!S_ISREG(st.st_mode)) {
			if (S_ISLNK(st.st_mode))
				unlinkat(c->fd, e->d_name, 0);
			continue;
		}
		if ((nv = realloc(v, (n + 1) * sizeof *v)) != NULL) {
			v = nv;
			v[n].name = strndup(e->d_name, len - 4);
			v[n].used = st.st_mtime;
			v[n].bytes = (unsigned long long)st.st_size;
			if (v[n].name != NULL) {
				total += v[n].bytes;
				n++;
			}
		}
	}
	closedir(d);
	if (n > 0)
		qsort(v, n, sizeof *v, by_age);
	for (i = 0; i < n && total > c->max_bytes; i++) {
		struct wk_buf b = WK_BUF_INIT;

		wk_buf_printf(&b, "%s.meta", v[i].name);
		if (!b.failed)
			unlinkat(c->fd, wk_buf_str(&b), 0);
		wk_buf_clear(&b);
		wk_buf_printf(&b, "%s.mp3", v[i].name);
		if (!b.failed && unlinkat(c->fd, wk_buf_str(&b), 0) == 0)
			total -= v[i].bytes;
		wk_buf_free(&b);
	}
	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

void
wk_cache_close(struct wk_cache *c)
{
	if (c == NULL)
		return;
	while (c->n > 0) {
		FILE *f = c->v[c->n - 1].f;
		char *name = take(c, f);

		fclose(f);
		unlinkat(c->fd, name, 0);
		free(name);
	}
	prune(c);
	close(c->fd);
	free(c->v);
	free(c->dir);
	free(c);
}
