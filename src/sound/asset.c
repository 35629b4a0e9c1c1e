/*
 * Shared assets: each clip, bed and recorded prompt of a run decoded
 * (clip.c), measured at its own rate as BS.1770 wants and resampled
 * (dsp.c) once into a file of float frames, looked up by path, file
 * identity and audio settings. With a cache the file is a cache entry
 * (cache.c: the frames where a segment keeps its MP3 frames, the frame
 * count and loudness in its measurements), so the next run reuses it.
 */

#include <assert.h>
#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sndfile.h>
#include <soxr.h>

#include "asset.h"
#include "audio.h"
#include "base/buf.h"
#include "base/cache.h"
#include "read/clip.h"
#include "dsp.h"
#include "spool.h"

struct entry {
	struct wk_asset as;
	char *path;
	struct stat id;		/* dev, ino, size, mtime when prepared */
	FILE *f;
};

struct wk_assets {
	struct entry **v;
	size_t n, cap;
	struct wk_cache *cache;
	struct wk_diags *d;
	size_t prepared, reused;
};

struct wk_assets *
wk_assets_new(struct wk_cache *cache, struct wk_diags *d)
{
	struct wk_assets *a = calloc(1, sizeof *a);

	if (a != NULL) {
		a->cache = cache;
		a->d = d;
	}
	return a;
}

void
wk_assets_free(struct wk_assets *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++) {
		if (a->v[i]->f != NULL)
			fclose(a->v[i]->f);
		free(a->v[i]->path);
		free(a->v[i]);
	}
	free(a->v);
	free(a);
}

struct wk_cache *
wk_assets_cache(const struct wk_assets *a)
{
	return a->cache;
}

void
wk_assets_counts(const struct wk_assets *a, size_t *prepared, size_t *reused)
{
	*prepared = a->prepared;
	*reused = a->reused;
}

static int
same_file(const struct stat *x, const struct stat *y)
{
	return x->st_dev == y->st_dev && x->st_ino == y->st_ino &&
	    x->st_size == y->st_size &&
	    x->st_mtim.tv_sec == y->st_mtim.tv_sec &&
	    x->st_mtim.tv_nsec == y->st_mtim.tv_nsec;
}

/* The cache key: the file's identity, the audio settings and the versions
 * of the code that decodes and resamples. */
static void
asset_key(const char *path, const struct stat *id, int rate_hz, int channels,
    wk_key key)
{
	struct wk_buf b = WK_BUF_INIT;

	wk_buf_printf(&b, "willakuy asset %s\nsndfile %s\nsoxr %s\n%s\n"
	    "%llu %llu %lld %lld.%09ld\n%d %d\n", WK_AUDIO_VERSION,
	    sf_version_string(), soxr_version(), path,
	    (unsigned long long)id->st_dev, (unsigned long long)id->st_ino,
	    (long long)id->st_size, (long long)id->st_mtim.tv_sec,
	    id->st_mtim.tv_nsec, rate_hz, channels);
	/* On allocation failure the key is of a partial text: a miss. */
	wk_key_of(wk_buf_str(&b), b.len, key);
	wk_buf_free(&b);
}

/* Where the resampled frames go. */
struct sink {
	FILE *f;
	unsigned long long frames;
	int channels;
};

static int
to_file(void *ud, const float *pcm, size_t n)
{
	struct sink *k = ud;

	if (fwrite(pcm, sizeof *pcm * (size_t)k->channels, n, k->f) != n)
		return 1;
	k->frames += n;
	return 0;
}

/* Decodes path, measures it (at its own rate) and writes it to f at
 * rate_hz and channels. */
static enum wk_status
prepare(const char *path, int rate_hz, int channels, FILE *f,
    struct wk_asset *as, struct wk_err *err)
{
	struct wk_clip *c = NULL;
	struct wk_meter *m = NULL;
	struct wk_resampler *rs = NULL;
	struct sink k = { f, 0, channels };
	float *buf = NULL, *keep = NULL;
	unsigned long long fed = 0, nkeep = 0;
	enum wk_status st;
	long got;
	int crate;

	if ((st = wk_clip_open(path, &c, err)) != WK_OK)
		return st == WK_EINPUT ? (err->status = WK_EAUDIO) : st;
	crate = wk_clip_rate_hz(c);
	buf = malloc(wk_items(WK_CHUNK, channels) * sizeof *buf);
	/* A clip under a second (a recorded word) is measured played over
	 * and over for a second: BS.1770 needs 400 ms blocks. */
	if (wk_clip_frames(c) < crate)
		keep = malloc(wk_items((size_t)wk_clip_frames(c), channels) *
		    sizeof *keep);
	if (buf == NULL || (wk_clip_frames(c) < crate && keep == NULL) ||
	    (m = wk_meter_new(crate, channels, 0)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if (crate != rate_hz && (st = wk_resampler_new(crate, rate_hz, channels,
	    &rs, err)) != WK_OK)
		goto out;
	while ((got = wk_clip_read(c, buf, WK_CHUNK, channels, err)) > 0) {
		if (wk_meter_add(m, buf, (size_t)got) != 0) {
			st = wk_err_nomem(err);
			goto out;
		}
		if (keep != NULL && nkeep + (unsigned long long)got <=
		    (unsigned long long)wk_clip_frames(c)) {
			memcpy(keep + wk_items((size_t)nkeep, channels), buf,
			    wk_items((size_t)got, channels) * sizeof *buf);
			nkeep += (unsigned long long)got;
		}
		fed += (unsigned long long)got;
		if ((rs != NULL ? wk_resample(rs, buf, (size_t)got, to_file, &k)
		    : to_file(&k, buf, (size_t)got)) != 0)
			goto write_failed;
	}
	if (got < 0) {
		st = err->status;
		goto out;
	}
	if (rs != NULL && wk_resample(rs, NULL, 0, to_file, &k) != 0)
		goto write_failed;
	while (nkeep > 0 && fed < (unsigned long long)crate) {
		if (wk_meter_add(m, keep, (size_t)nkeep) != 0) {
			st = wk_err_nomem(err);
			goto out;
		}
		fed += nkeep;
	}
	if (fflush(f) != 0)
		goto write_failed;
	as->frames = k.frames;
	as->rate_hz = rate_hz;
	as->channels = channels;
	as->lufs = wk_meter_lufs(m);
	as->replaced = wk_clip_replaced(c);
	goto out;
write_failed:
	st = wk_err_set(err, WK_EIO, NULL, 0, 0,
	    _("cannot write a temporary file (TMPDIR): %s"), strerror(errno));
out:
	free(buf);
	free(keep);
	wk_resampler_free(rs);
	wk_meter_free(m);
	wk_clip_close(c);
	return st;
}

/* The entry of key in the cache, if it is whole. */
static FILE *
from_cache(struct wk_assets *a, const wk_key key, int rate_hz, int channels,
    struct wk_asset *as)
{
	char rec[128];
	unsigned long long frames, replaced;
	double lufs;
	struct stat fs;
	FILE *f;

	if (a->cache == NULL || !wk_cache_get(a->cache, key, &f, rec, sizeof rec))
		return NULL;
	if (sscanf(rec, "asset frames %llu lufs %lf replaced %llu", &frames,
	    &lufs, &replaced) != 3 ||
	    fstat(fileno(f), &fs) != 0 || (unsigned long long)fs.st_size !=
	    frames * (unsigned long long)channels * sizeof(float)) {
		fclose(f);
		return NULL;
	}
	as->frames = frames;
	as->rate_hz = rate_hz;
	as->channels = channels;
	as->lufs = lufs;
	as->replaced = replaced;
	return f;
}

/* Prepares path into a new cache entry (or temporary file). */
static enum wk_status
make(struct wk_assets *a, const char *path, const wk_key key, int rate_hz,
    int channels, struct wk_asset *as, FILE **out, struct wk_err *err)
{
	struct wk_err e2;
	enum wk_status st;
	FILE *f;

	*out = NULL;
	f = a->cache ? wk_cache_begin(a->cache, key, err) : tmpfile();
	if (f == NULL)
		return a->cache ? err->status : wk_err_set(err, WK_EIO, NULL, 0,
		    0, _("cannot create a temporary file (TMPDIR): %s"),
		    strerror(errno));
	st = prepare(path, rate_hz, channels, f, as, err);
	if (st == WK_EIO && a->cache != NULL) {
		/* The cache only saves work: its disk full, the clip is
		 * prepared again into a temporary file, uncached. */
		wk_diag(a->d, WK_WARNING, wk_cache_dir(a->cache), 0, 0, "%s",
		    _("the cache cannot take a prepared clip (is its disk "
		    "full?): the run goes on without storing it; free some "
		    "space"));
		wk_cache_abandon(a->cache, key, f);
		if ((f = tmpfile()) == NULL)
			return wk_err_set(err, WK_EIO, NULL, 0, 0,
			    _("cannot create a temporary file (TMPDIR): %s"),
			    strerror(errno));
		if ((st = prepare(path, rate_hz, channels, f, as, err)) ==
		    WK_OK) {
			*out = f;
			return WK_OK;
		}
		fclose(f);
		return st;
	}
	if (st != WK_OK) {
		if (a->cache)
			wk_cache_abandon(a->cache, key, f);
		else
			fclose(f);
		return st;
	}
	if (a->cache != NULL) {
		char rec[128];

		snprintf(rec, sizeof rec, "asset frames %llu lufs %.6f replaced "
		    "%llu", (unsigned long long)as->frames, as->lufs,
		    as->replaced);
		if (wk_cache_put(a->cache, key, f, rec, &e2) != WK_OK)
			wk_diag(a->d, WK_WARNING, NULL, 0, 0, "%s", e2.msg);
	}
	/* prepare() wrote every frame it counted, at this many channels. */
	assert(as->rate_hz == rate_hz && as->channels == channels);
	*out = f;
	return WK_OK;
}

enum wk_status
wk_assets_get(struct wk_assets *a, const char *path, int rate_hz,
    int channels, const struct wk_asset **out, struct wk_err *err)
{
	struct entry *e;
	struct stat id;
	wk_key key;
	enum wk_status st;
	size_t i;

	/* The station file allows only these rates and channel counts. */
	assert(rate_hz > 0 && (channels == 1 || channels == 2));
	*out = NULL;
	if (stat(path, &id) != 0)
		return wk_err_set(err, WK_EAUDIO, path, 0, 0,
		    _("cannot open the clip: %s"), strerror(errno));
	for (i = 0; i < a->n; i++) {
		e = a->v[i];
		if (e->as.rate_hz == rate_hz && e->as.channels == channels &&
		    same_file(&e->id, &id) && strcmp(e->path, path) == 0) {
			a->reused++;
			*out = &e->as;
			return WK_OK;
		}
	}
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 8;
		struct entry **v = realloc(a->v, cap * sizeof *v);

		if (v == NULL)
			return wk_err_nomem(err);
		a->v = v;
		a->cap = cap;
	}
	if ((e = calloc(1, sizeof *e)) == NULL ||
	    (e->path = strdup(path)) == NULL) {
		free(e);
		return wk_err_nomem(err);
	}
	e->id = id;
	asset_key(path, &id, rate_hz, channels, key);
	if ((e->f = from_cache(a, key, rate_hz, channels, &e->as)) != NULL) {
		a->reused++;
		wk_diag(a->d, WK_NOTE, path, 0, 0, "%s",
		    _("clip taken prepared from the cache"));
	} else if ((st = make(a, path, key, rate_hz, channels, &e->as, &e->f,
	    err)) != WK_OK) {
		free(e->path);
		free(e);
		return st;
	} else {
		a->prepared++;
		wk_diag(a->d, WK_NOTE, path, 0, 0,
		    _("clip prepared once for the run: decoded, resampled to "
		    "%d Hz, %.1f LUFS"), rate_hz, e->as.lufs);
	}
	/* Said each run that uses it, prepared now or before. */
	if (e->as.replaced > 0)
		wk_diag(a->d, WK_WARNING, path, 0, 0, _("%llu of the clip's "
		    "samples were not numbers (NaN or infinite) and are played "
		    "as silence: the file is damaged; export it again"),
		    e->as.replaced);
	e->as.fd = fileno(e->f);
	a->v[a->n++] = e;
	*out = &e->as;
	return WK_OK;
}

long
wk_asset_read(const struct wk_asset *as, unsigned long long at, float *buf,
    size_t n)
{
	size_t fsz = sizeof *buf * (size_t)as->channels;
	ssize_t got;
	size_t have = 0;

	assert(as->channels > 0 && as->fd >= 0);
	if (at >= as->frames)
		return 0;
	if (n > as->frames - at)
		n = (size_t)(as->frames - at);
	while (have < n * fsz) {
		got = pread(as->fd, (char *)buf + have, n * fsz - have,
		    (off_t)(at * fsz + have));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		have += (size_t)got;
	}
	return (long)n;
}
