#ifndef WK_CACHE_H
#define WK_CACHE_H
/*
 * The cache of a run's products, kept across runs: a file of frames and a
 * record (one line of text, the writer's measurements) under a key that
 * hashes everything they depend on.
 * Three kinds of entry share it: a segment's encoded MP3 frames
 * (wk_render_key in render.h: the words, each voice's settings and
 * recordings, clips, pauses, audio settings, the program's and espeak-ng's
 * versions), so that a segment whose key is in the cache is neither
 * synthesized nor encoded again; a prepared clip, bed or prompt's float
 * frames (asset.c); and a voice's calibration, measurements only
 * (wk_calib_key in calib.h). Entries are written under a
 * temporary name, synced and renamed, so a killed run leaves no half
 * entry; each entry carries a checksum of its frames, and a damaged one is
 * dropped and made again. The cache is pruned to a size limit, least
 * recently used first.
 */

#include <stdio.h>

#include "err.h"
#include "hash.h"

struct wk_cache;

/* Opens (creating) the cache folder dir, holding at most max_bytes;
 * damaged entries are reported to d as warnings. A link at dir is refused.
 * A folder that is not the running user's alone (another owner, or
 * writable by others) is a warning and *out is NULL: no cache. The cache
 * is used from one thread. */
enum wk_status wk_cache_open(const char *dir, unsigned long long max_bytes,
    struct wk_diags *d, struct wk_cache **out, struct wk_err *err);
/* Prunes the cache to its limit and frees c. */
void wk_cache_close(struct wk_cache *c);

/* On a hit returns 1, an open stream of the frames (caller closes) and
 * the record, cut to recsize bytes; 0 on a miss. */
int wk_cache_get(struct wk_cache *c, const wk_key key, FILE **frames,
    char *rec, size_t recsize);

/* An entry of a record alone (no frames): 1 and rec on a hit, 0 on a
 * miss; stored with wk_cache_put_record. */
int wk_cache_get_record(struct wk_cache *c, const wk_key key, char *rec,
    size_t recsize);
enum wk_status wk_cache_put_record(struct wk_cache *c, const wk_key key,
    const char *rec, struct wk_err *err);

/* A new file for the frames of key, in the cache folder; NULL with err. */
FILE *wk_cache_begin(struct wk_cache *c, const wk_key key, struct wk_err *err);

/* Makes the frames written to f (from wk_cache_begin) and rec (one line,
 * no newline, under 384 bytes) the entry for key. f stays open for
 * reading. A failure leaves no entry and is not fatal to the build: the
 * caller may go on with f. */
enum wk_status wk_cache_put(struct wk_cache *c, const wk_key key, FILE *f,
    const char *rec, struct wk_err *err);

/* Drops the file from wk_cache_begin (after a failed encoding); a file
 * that is not the cache's is only closed. */
void wk_cache_abandon(struct wk_cache *c, const wk_key key, FILE *f);

/* The cache folder's path, for messages. */
const char *wk_cache_dir(const struct wk_cache *c);

#endif
