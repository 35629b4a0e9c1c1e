/*
 * FNV-1a in two widths, and the cache's 128-bit keys (see hash.h).
 */

#include <stdio.h>
#include <string.h>

#include "hash.h"

uint64_t
wk_fnv64(uint64_t h, const void *s, size_t n)
{
	const unsigned char *p = s;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

uint32_t
wk_fnv32(uint32_t h, const void *s, size_t n)
{
	const unsigned char *p = s;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619UL;
	return h;
}

void
wk_key_of(const void *s, size_t n, wk_key key)
{
	const unsigned char *p = s;
	uint64_t a = 0xcbf29ce484222325ULL, b = 0x9e3779b97f4a7c15ULL ^ n, w;
	size_t i = 0;

	/* Eight bytes a step (entries are checksummed whole on every read),
	 * then the tail a byte at a time. */
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		a = (a ^ w) * 0x100000001b3ULL;
		a ^= a >> 29;
		b = (b ^ w) * 0xff51afd7ed558ccdULL;
		b = (b << 29) | (b >> 35);
	}
	for (; i < n; i++) {
		a = (a ^ p[i]) * 0x100000001b3ULL;
		b = (b ^ p[i]) * 0xff51afd7ed558ccdULL;
		b = (b << 29) | (b >> 35);
	}
	a ^= a >> 31;
	a *= 0x9fb21c651e98df25ULL;
	a ^= a >> 28;
	b ^= b >> 33;
	b *= 0xc4ceb9fe1a85ec53ULL;
	b ^= b >> 33;
	snprintf(key, sizeof(wk_key), "%016llx%016llx", (unsigned long long)a,
	    (unsigned long long)b);
}
