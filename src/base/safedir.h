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

/*
 * Opens the file name in dirfd for reading when it is one willakuy wrote:
 * a regular file (not a link: ELOOP; not a FIFO or device: EINVAL; not a
 * folder: EISDIR) of the running user (else EPERM) with one name (else
 * EMLINK: a hard link to a file elsewhere). Every file read back from the
 * output folder or the cache, which others may write into, goes through
 * this; what it holds is still data to check. Returns the descriptor, or
 * -1 with errno.
 */
int wk_safe_open_read(int dirfd, const char *name);

/* The same for a file that latest/ may share with its dated folder (a
 * hard link): at most links names. */
int wk_safe_open_own(int dirfd, const char *name, unsigned links);

/* The same for rel, a path under dirfd ("2026-11-29/noticias-es.mp3"):
 * each folder on the way is opened without following a link. */
int wk_safe_open_path(int dirfd, const char *rel, unsigned links);

/* Reads the whole file name in dirfd, opened as wk_safe_open_read does,
 * when it holds at most max bytes (else EFBIG); returns it malloc'd and
 * NUL-terminated with *len bytes, or NULL with errno. */
char *wk_safe_slurp(int dirfd, const char *name, size_t max, size_t *len);

/*
 * Opens path (a file named by a station, bulletin or the command line) for
 * reading without blocking on a FIFO, by the rule for links in shared
 * folders: when the folder holding it can be written by someone other than
 * the running user (group- or world-writable, or owned by another user), a
 * link there is never followed; a link owned by another user (not root)
 * is refused anywhere on the path. A link the running user made in a folder
 * only it writes is followed, so an operator's own links keep working.
 * Returns the descriptor (blocking mode, not yet checked to be a regular
 * file), or -1 with errno: ELOOP for a refused link (wk_safe_link_refusal
 * says why and what to do), or what open() sets.
 */
int wk_safe_open_input(const char *path);

/* The sentence for a link wk_safe_open_input refused (translated). */
const char *wk_safe_link_refusal(void);

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
