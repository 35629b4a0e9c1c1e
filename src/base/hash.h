#ifndef WK_HASH_H
#define WK_HASH_H
/*
 * The hashes of willakuy, in one place: FNV-1a for hash tables and for
 * choices that must not change between runs (a phrase variant's rotation),
 * and the 128-bit key under which the cache keeps a product (cache.h).
 * None of them is meant to resist someone who chooses the input.
 */

#include <stddef.h>
#include <stdint.h>

#define WK_FNV64_INIT 14695981039346656037ULL
#define WK_FNV32_INIT 2166136261UL

/* FNV-1a (64-bit) of the n bytes at s, going on from h (WK_FNV64_INIT to
 * start). */
uint64_t wk_fnv64(uint64_t h, const void *s, size_t n);

/* FNV-1a (32-bit), the same way. */
uint32_t wk_fnv32(uint32_t h, const void *s, size_t n);

/* A 128-bit key, as 32 hex digits and a NUL. */
typedef char wk_key[33];

/* Hashes the n bytes at s into key: two independent 64-bit hashes (an
 * FNV-1a variant and a multiply-rotate mix) side by side. */
void wk_key_of(const void *s, size_t n, wk_key key);

#endif
