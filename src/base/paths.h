#ifndef WK_PATHS_H
#define WK_PATHS_H
/*
 * Where willakuy's data lives, and path helpers. The data directory holds
 * voices/ and bulletins/ (with bulletins/schema and bulletins/station). It
 * is $WILLAKUY_DATA when set, else the directory of the running binary when
 * that is a source tree, else ../share/willakuy next to the binary, else the
 * compiled-in WK_DATADIR.
 */

#include <stdio.h>

/* The data directory, without a trailing slash. Never NULL. */
const char *wk_data_dir(void);

/* Releases what wk_data_dir cached. */
void wk_paths_cleanup(void);

/* rel joined to dir (rel returned as is when absolute or dir is NULL or
 * empty); malloc'd, NULL when out of memory. */
char *wk_path_join(const char *dir, const char *rel);

/* The directory part of path ("." when there is none); malloc'd. */
char *wk_path_dir(const char *path);

/* A path under the data directory; malloc'd. */
char *wk_data_path(const char *rel);

/* The file name without directory and without extension ext (if it ends so);
 * malloc'd. */
char *wk_path_stem(const char *path, const char *ext);

/* The path of the file open as f (from /proc/self/fd), for messages such
 * as a full disk; "" when unknown. Returns buf. */
const char *wk_path_of_stream(FILE *f, char *buf, size_t cap);

/* Fills out with 16 random hex digits and a NUL (getrandom(2)), for
 * temporary names nobody can predict. */
void wk_random_hex(char out[17]);

#endif
