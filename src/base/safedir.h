#ifndef WK_SAFEDIR_H
#define WK_SAFEDIR_H
/*
 * Files in folders others may write into: every name is reached from a
 * directory descriptor, one component at a time, and a link is never
 * followed; new files get unpredictable names and O_EXCL, so nothing
 * planted in advance is written through.
 */

#include <stddef.h>

/* 1 when name is one path component: not empty, no '/', not "." or "..",
 * no tab or newline. */
int wk_safe_plain(const char *name);

/* 1 when name is a date folder's: YYYY-MM-DD. */
int wk_safe_is_date(const char *name);

/* Creates the file pre<16 random hex digits>post in dirfd, never an
 * existing name (retries on EEXIST); *name gets the name (malloc'd,
 * caller frees). Returns a read-write descriptor, or -1 with errno. */
int wk_safe_create(int dirfd, const char *pre, const char *post, char **name);

/* The same for a folder: returns its descriptor, or -1 with errno. */
int wk_safe_mkdir(int dirfd, const char *pre, const char *post, char **name);

/* Opens the folder name in dirfd, refusing a link (ELOOP or ENOTDIR). */
int wk_safe_opendir(int dirfd, const char *name);

/* Opens the plain file name in dirfd for reading, refusing links, FIFOs,
 * devices and folders (-1 with errno ELOOP, EINVAL or EISDIR). */
int wk_safe_open_read(int dirfd, const char *name);

/* Writes all of data and syncs the file; 0 or -1 with errno. */
int wk_safe_write_all(int fd, const void *data, size_t len);

/* Replaces the file name in dirfd with data, all or nothing: writes a new
 * file .NAME.tmp.<random> beside it (a leading dot of name is not doubled),
 * syncs it, renames it over name and syncs the folder. On failure the new
 * file is removed and name is left as it was; 0, or -1 with errno. */
int wk_safe_replace(int dirfd, const char *name, const void *data,
    size_t len);

/* Removes the folder name in dirfd and the files directly in it, without
 * following links; a link or a file at name is itself removed. */
void wk_safe_remove_dir(int dirfd, const char *name);

#endif
