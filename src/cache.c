/*
 * The segment cache, in OUTDIR/.cache: <key>.mp3 holds raw MP3 frames and
 * <key>.meta a line of measurements. Both are written under ".tmp." names
 * and renamed, the frames last, so an entry exists only when complete.
 * Hits touch the entry; on close, entries past the size limit are removed,
 * oldest first. Keys are two independent 64-bit hashes (FNV-1a and a
 * multiply-rotate mix) side by side: an accidental collision between
 * segment descriptions is not a practical concern, and nothing hostile
 * chooses them.
 */

#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "buf.h"
#include "cache.h"
#include "paths.h"

struct wk_cache {
	char *dir;
	unsigned long long max_bytes;
};

void
wk_key_of(const void *s, size_t n, wk_key key)
{
	const unsigned char *p = s;
	uint64_t a = 0xcbf29ce484222325ULL, b = 0x9e3779b97f4a7c15ULL ^ n;
	size_t i;

	for (i = 0; i < n; i++) {
		a = (a ^ p[i]) * 0x100000001b3ULL;
		b = (b ^ p[i]) * 0xff51afd7ed558ccdULL;
		b = (b << 29) | (b >> 35);
	}
	b ^= b >> 33;
	b *= 0xc4ceb9fe1a85ec53ULL;
	b ^= b >> 33;
	snprintf(key, sizeof(wk_key), "%016llx%016llx", (unsigned long long)a,
	    (unsigned long long)b);
}

enum wk_status
wk_cache_open(const char *dir, unsigned long long max_bytes,
    struct wk_cache **out, struct wk_err *err)
{
	struct wk_cache *c;

	*out = NULL;
	if ((c = calloc(1, sizeof *c)) == NULL || (c->dir = strdup(dir)) == NULL) {
		free(c);
		return wk_err_nomem(err);
	}
	c->max_bytes = max_bytes;
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		enum wk_status st = wk_err_set(err, WK_EIO, dir, 0, 0,
		    _("cannot create the cache folder: %s"), strerror(errno));

		free(c->dir);
		free(c);
		return st;
	}
	*out = c;
	return WK_OK;
}

static char *
entry(const struct wk_cache *c, const wk_key key, const char *ext, int tmp)
{
	struct wk_buf b = WK_BUF_INIT;

	if (tmp)
		wk_buf_printf(&b, "%s/.tmp.%s.%ld%s", c->dir, key, (long)getpid(), ext);
	else
		wk_buf_printf(&b, "%s/%s%s", c->dir, key, ext);
	return wk_buf_steal(&b);
}

int
wk_cache_get(struct wk_cache *c, const wk_key key, FILE **frames,
    struct wk_audio_stats *stats)
{
	char *mp3 = entry(c, key, ".mp3", 0), *meta = entry(c, key, ".meta", 0);
	FILE *m = NULL, *f = NULL;
	int limited = 0, verified = 0, hit = 0;
	double dtp;

	*frames = NULL;
	memset(stats, 0, sizeof *stats);
	if (mp3 == NULL || meta == NULL || (m = fopen(meta, "r")) == NULL)
		goto out;
	if (fscanf(m, "frames %llu duration %lf lufs %lf peak %lf truepeak %lf "
	    "gain %lf codec %lf limited %d verified %d", &stats->frames,
	    &stats->duration_s, &stats->lufs, &stats->peak_db, &dtp,
	    &stats->gain_db, &stats->codec_loss_db, &limited, &verified) != 9)
		goto out;
	if ((f = fopen(mp3, "rb")) == NULL)
		goto out;
	stats->peak_dbtp = verified ? dtp : NAN;
	stats->limited = limited;
	stats->verified = verified;
	/* Recently used: pruning keeps it. */
	utimensat(AT_FDCWD, mp3, NULL, 0);
	*frames = f;
	hit = 1;
out:
	if (m != NULL)
		fclose(m);
	free(mp3);
	free(meta);
	return hit;
}

FILE *
wk_cache_begin(struct wk_cache *c, const wk_key key, struct wk_err *err)
{
	char *p = entry(c, key, ".mp3", 1);
	FILE *f;

	if (p == NULL) {
		wk_err_nomem(err);
		return NULL;
	}
	if ((f = fopen(p, "w+b")) == NULL)
		wk_err_set(err, WK_EIO, p, 0, 0, _("cannot create: %s"),
		    strerror(errno));
	free(p);
	return f;
}

void
wk_cache_abandon(struct wk_cache *c, const wk_key key, FILE *f)
{
	char *p = entry(c, key, ".mp3", 1);

	if (f != NULL)
		fclose(f);
	if (p != NULL)
		unlink(p);
	free(p);
}

enum wk_status
wk_cache_put(struct wk_cache *c, const wk_key key, FILE *f,
    const struct wk_audio_stats *st, struct wk_err *err)
{
	char *tmp = entry(c, key, ".mp3", 1), *fin = entry(c, key, ".mp3", 0);
	char *mtmp = entry(c, key, ".meta", 1), *mfin = entry(c, key, ".meta", 0);
	enum wk_status rc = WK_OK;
	FILE *m = NULL;

	if (tmp == NULL || fin == NULL || mtmp == NULL || mfin == NULL) {
		rc = wk_err_nomem(err);
		goto out;
	}
	if (fflush(f) != 0 || (m = fopen(mtmp, "w")) == NULL ||
	    fprintf(m, "frames %llu duration %.6f lufs %.4f peak %.4f truepeak %.4f "
	    "gain %.4f codec %.4f limited %d verified %d\n", st->frames,
	    st->duration_s, st->lufs, st->peak_db,
	    isfinite(st->peak_dbtp) ? st->peak_dbtp : 0.0, st->gain_db,
	    st->codec_loss_db, st->limited, st->verified) < 0 ||
	    fclose(m) != 0 || rename(mtmp, mfin) != 0 || rename(tmp, fin) != 0) {
		rc = wk_err_set(err, WK_EIO, c->dir, 0, 0,
		    _("cannot write to the cache: %s"), strerror(errno));
		unlink(mtmp);
		unlink(tmp);
	}
out:
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
 * of killed runs. */
static void
prune(struct wk_cache *c)
{
	DIR *d = opendir(c->dir);
	struct dirent *e;
	struct ent *v = NULL, *nv;
	size_t n = 0, i;
	unsigned long long total = 0;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		char *p;
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.' || len < 4 ||
		    strcmp(e->d_name + len - 4, ".mp3") != 0)
			continue;
		if ((p = wk_path_join(c->dir, e->d_name)) == NULL)
			continue;
		if (stat(p, &st) == 0 && (nv = realloc(v, (n + 1) * sizeof *v)) != NULL) {
			v = nv;
			v[n].name = strndup(e->d_name, len - 4);
			v[n].used = st.st_mtime;
			v[n].bytes = (unsigned long long)st.st_size;
			if (v[n].name != NULL) {
				total += v[n].bytes;
				n++;
			}
		}
		free(p);
	}
	closedir(d);
	if (n > 0)
		qsort(v, n, sizeof *v, by_age);
	for (i = 0; i < n && total > c->max_bytes; i++) {
		struct wk_buf b = WK_BUF_INIT;

		wk_buf_printf(&b, "%s/%s.meta", c->dir, v[i].name);
		if (!b.failed)
			unlink(wk_buf_str(&b));
		wk_buf_clear(&b);
		wk_buf_printf(&b, "%s/%s.mp3", c->dir, v[i].name);
		if (!b.failed && unlink(wk_buf_str(&b)) == 0)
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
	DIR *d;
	struct dirent *e;

	if (c == NULL)
		return;
	/* Half entries of killed runs: ".tmp." files not ours. */
	if ((d = opendir(c->dir)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (strncmp(e->d_name, ".tmp.", 5) == 0) {
				char *p = wk_path_join(c->dir, e->d_name);

				if (p != NULL)
					unlink(p);
				free(p);
			}
		closedir(d);
	}
	prune(c);
	free(c->dir);
	free(c);
}
