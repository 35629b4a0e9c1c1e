/*
 * Removes old dated folders of the output folder. Everything is done
 * relative to directory descriptors opened with O_NOFOLLOW (openat,
 * fstatat and unlinkat with AT_SYMLINK_NOFOLLOW), so a symbolic link
 * planted in OUTDIR, or swapped in while we work, is never followed: a
 * link is at most removed itself, its target is never touched.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"
#include "retention.h"

/* Deepest folder nesting removed; ours is two levels (day/bulletin-lang). */
#define MAX_DEPTH 8

/* True when name is YYYY-MM-DD, a real date, stored in *dt. */
static int
dated(const char *name, struct wk_date *dt)
{
	return strlen(name) == 10 && wk_date_parse(name, dt) == 0;
}

/*
 * Empties and removes the folder name of dirfd, whose lstat is st. Returns
 * 0 when it is gone; -1 with errno otherwise (EPERM when something inside
 * belongs to another user and was left).
 */
static int
remove_tree(int dirfd, const char *name, const struct stat *st, int depth)
{
	struct stat in;
	struct dirent *e;
	DIR *dir;
	int fd, rc = 0, saved = 0;

	if (depth > MAX_DEPTH) {
		errno = ELOOP;
		return -1;
	}
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd < 0)
		return -1;
	/* The folder opened must be the one looked at (no swap in between). */
	if (fstat(fd, &in) != 0 || in.st_dev != st->st_dev ||
	    in.st_ino != st->st_ino) {
		close(fd);
		errno = ESTALE;
		return -1;
	}
	if ((dir = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((e = readdir(dir)) != NULL) {
		struct stat s;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (fstatat(fd, e->d_name, &s, AT_SYMLINK_NOFOLLOW) != 0) {
			saved = errno;
			rc = -1;
			continue;
		}
		if (s.st_uid != geteuid()) {
			saved = EPERM;
			rc = -1;
			continue;
		}
		if (S_ISDIR(s.st_mode)) {
			if (remove_tree(fd, e->d_name, &s, depth + 1) != 0) {
				saved = errno;
				rc = -1;
			}
		} else if (unlinkat(fd, e->d_name, 0) != 0) {
			/* A link is removed as a link: unlinkat never follows. */
			saved = errno;
			rc = -1;
		}
	}
	closedir(dir);
	if (rc == 0 && unlinkat(dirfd, name, AT_REMOVEDIR) != 0)
		return -1;
	errno = saved;
	return rc;
}

size_t
wk_retention_apply(const char *outdir, struct wk_date today, unsigned days,
    struct wk_diags *d)
{
	long now = wk_date_days(today);
	struct dirent *e;
	size_t removed = 0;
	DIR *dir;
	int fd;

	if (days == 0)
		return 0;
	/* OUTDIR itself is the station's choice and may be a link; nothing
	 * inside it is followed. */
	if ((fd = open(outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		wk_diag(d, WK_WARNING, outdir, 0, 0,
		    _("old folders were not removed: %s"), strerror(errno));
		return 0;
	}
	if ((dir = fdopendir(fd)) == NULL) {
		close(fd);
		return 0;
	}
	while ((e = readdir(dir)) != NULL) {
		struct wk_date dt;
		struct stat st;
		long age;

		if (!dated(e->d_name, &dt))
			continue;
		age = now - wk_date_days(dt);
		if (age <= (long)days)
			continue;	/* recent, today's, or a later date */
		if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid()) {
			wk_diag(d, WK_WARNING, outdir, 0, 0,
			    ngettext("%s is older than %u day but was left alone: "
			    "it is %s", "%s is older than %u days but was left "
			    "alone: it is %s", days), e->d_name, days,
			    S_ISLNK(st.st_mode)
			    ? _("a symbolic link") : !S_ISDIR(st.st_mode)
			    ? _("not a folder") : _("another user's"));
			continue;
		}
		if (remove_tree(fd, e->d_name, &st, 0) != 0) {
			wk_diag(d, WK_WARNING, outdir, 0, 0,
			    _("old folder %s could not be removed entirely: %s"),
			    e->d_name, errno == EPERM
			    ? _("it holds files of another user")
			    : strerror(errno));
			continue;
		}
		removed++;
		wk_diag(d, WK_NOTE, outdir, 0, 0,
		    ngettext("removed %s, older than the %u day kept "
		    "(<retention>)", "removed %s, older than the %u days kept "
		    "(<retention>)", days), e->d_name, days);
	}
	closedir(dir);
	return removed;
}
