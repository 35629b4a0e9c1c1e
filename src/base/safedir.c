/*
 * Directory-descriptor helpers for the output folder and the cache (see
 * safedir.h). Nothing here follows a symbolic link below the descriptor it
 * is given, and nothing is read back that the running user did not write.
 */

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "buf.h"
#include "err.h"
#include "paths.h"
#include "safedir.h"

int
wk_safe_plain(const char *name)
{
	return name[0] != '\0' && strcmp(name, ".") != 0 &&
	    strcmp(name, "..") != 0 && strpbrk(name, "/\t\n") == NULL;
}

int
wk_safe_is_date(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i;

	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
			return 0;
	return s[i] == '\0';
}

/* Makes pre<random>post in dirfd with make(); retries on EEXIST. */
static int
create(int dirfd, const char *pre, const char *post, char **name, int dir)
{
	struct wk_buf b = WK_BUF_INIT;
	char r[17];
	int fd = -1, tries;

	*name = NULL;
	for (tries = 0; tries < 100; tries++) {
		wk_random_hex(r);
		wk_buf_clear(&b);
		wk_buf_printf(&b, "%s%s%s", pre, r, post);
		if (b.failed) {
			errno = ENOMEM;
			break;
		}
		if (!dir)
			fd = openat(dirfd, wk_buf_str(&b), O_RDWR | O_CREAT |
			    O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		else if (mkdirat(dirfd, wk_buf_str(&b), 0755) == 0)
			fd = wk_safe_opendir(dirfd, wk_buf_str(&b));
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd >= 0 && (*name = wk_buf_steal(&b)) == NULL) {
		close(fd);
		fd = -1;
		errno = ENOMEM;
	}
	wk_buf_free(&b);
	return fd;
}

int
wk_safe_create(int dirfd, const char *pre, const char *post, char **name)
{
	return create(dirfd, pre, post, name, 0);
}

int
wk_safe_mkdir(int dirfd, const char *pre, const char *post, char **name)
{
	return create(dirfd, pre, post, name, 1);
}

int
wk_safe_opendir(int dirfd, const char *name)
{
	return openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
}

int
wk_safe_open_own(int dirfd, const char *name, unsigned links)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	struct stat st;
	int e = 0;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || fcntl(fd, F_SETFL, 0) != 0)
		e = errno;
	else if (!S_ISREG(st.st_mode))
		e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	else if (st.st_uid != geteuid())
		e = EPERM;
	else if (st.st_nlink > links)
		e = EMLINK;
	if (e != 0) {
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int
wk_safe_open_read(int dirfd, const char *name)
{
	return wk_safe_open_own(dirfd, name, 1);
}

/* 1 when the folder fd can be written by someone other than us. */
static int
shared_folder(int fd)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return 1;
	/* Root's folders (the installed data) are not another user's: root
	 * could replace this program itself. */
	return (st.st_mode & (S_IWGRP | S_IWOTH)) != 0 ||
	    (st.st_uid != geteuid() && st.st_uid != 0);
}

/* 0 when no folder on the way to path is a link owned by another user
 * (root aside, who could do anything anyway); else -1 with ELOOP. */
static int
check_links_on_path(const char *path)
{
	struct wk_buf b = WK_BUF_INIT;
	struct stat st;
	const char *p = path;
	int r = 0;

	while ((p = strchr(p + 1, '/')) != NULL) {
		wk_buf_clear(&b);
		wk_buf_append(&b, path, (size_t)(p - path));
		if (b.failed) {
			errno = ENOMEM;
			r = -1;
			break;
		}
		if (b.len == 0 || lstat(wk_buf_str(&b), &st) != 0)
			continue;
		if (S_ISLNK(st.st_mode) && st.st_uid != geteuid() &&
		    st.st_uid != 0) {
			errno = ELOOP;
			r = -1;
			break;
		}
	}
	wk_buf_free(&b);
	return r;
}

int
wk_safe_open_input(const char *path)
{
	struct wk_buf b = WK_BUF_INIT;
	const char *slash = strrchr(path, '/'), *base;
	struct stat st;
	int dfd, fd = -1, e = 0, flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC;

	if (check_links_on_path(path) != 0)
		return -1;
	if (slash == NULL) {
		dfd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		base = path;
	} else {
		wk_buf_append(&b, path, slash == path ? 1 : (size_t)(slash - path));
		if (b.failed) {
			errno = ENOMEM;
			return -1;
		}
		dfd = open(wk_buf_str(&b), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		wk_buf_free(&b);
		base = slash + 1;
	}
	if (dfd < 0)
		return -1;
	if (*base == '\0') {
		close(dfd);
		errno = EISDIR;
		return -1;
	}
	if (shared_folder(dfd))
		flags |= O_NOFOLLOW;
	else if (fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(st.st_mode) && st.st_uid != geteuid() && st.st_uid != 0)
		flags |= O_NOFOLLOW;
	fd = openat(dfd, base, flags);
	e = errno;
	/* O_NOFOLLOW on a link: ELOOP (some systems say EMLINK or EFTYPE). */
	if (fd < 0 && (flags & O_NOFOLLOW) && e != ENOENT &&
	    fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(st.st_mode))
		e = ELOOP;
	if (fd >= 0 && fcntl(fd, F_SETFL, 0) != 0) {
		e = errno;
		close(fd);
		fd = -1;
	}
	close(dfd);
	errno = e;
	return fd;
}

const char *
wk_safe_link_refusal(void)
{
	return _("it is a symbolic link in a folder that other users can "
	    "write (or a link made by another user), and willakuy does not "
	    "follow such links: copy the file itself there, or link from a "
	    "folder only you can write");
}

int
wk_safe_open_path(int dirfd, const char *rel, unsigned links)
{
	const char *slash;
	char part[256];
	int fd = dirfd, next;

	while ((slash = strchr(rel, '/')) != NULL) {
		size_t n = (size_t)(slash - rel);

		if (n == 0 || n >= sizeof part) {
			next = -1;
			errno = ENAMETOOLONG;
		} else {
			memcpy(part, rel, n);
			part[n] = '\0';
			next = wk_safe_opendir(fd, part);
		}
		if (fd != dirfd)
			close(fd);
		if (next < 0)
			return -1;
		fd = next;
		rel = slash + 1;
	}
	next = wk_safe_open_own(fd, rel, links);
	if (fd != dirfd) {
		int e = errno;

		close(fd);
		errno = e;
	}
	return next;
}

char *
wk_safe_slurp(int dirfd, const char *name, size_t max, size_t *len)
{
	int fd = wk_safe_open_read(dirfd, name), e;
	struct stat st;
	char *text = NULL;
	size_t n = 0;
	ssize_t got;

	*len = 0;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0)
		goto fail;
	if ((unsigned long long)st.st_size > max) {
		errno = EFBIG;
		goto fail;
	}
	if ((text = malloc((size_t)st.st_size + 1)) == NULL)
		goto fail;
	/* The size may change while it is read: no more than it said. */
	while (n < (size_t)st.st_size &&
	    (got = read(fd, text + n, (size_t)st.st_size - n)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			goto fail;
		n += (size_t)got;
	}
	close(fd);
	text[n] = '\0';
	*len = n;
	return text;
fail:
	e = errno;
	free(text);
	close(fd);
	errno = e;
	return NULL;
}

int
wk_safe_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = ENOSPC;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return fsync(fd);
}

int
wk_safe_replace(int dirfd, const char *name, const void *data, size_t len)
{
	struct wk_buf pre = WK_BUF_INIT;
	char *tmp = NULL;
	int fd, rc = -1, e;

	assert(wk_safe_plain(name));
	wk_buf_printf(&pre, ".%s.tmp.", name + (name[0] == '.'));
	if (pre.failed) {
		errno = ENOMEM;
		return -1;
	}
	fd = wk_safe_create(dirfd, wk_buf_str(&pre), "", &tmp);
	wk_buf_free(&pre);
	if (fd < 0)
		return -1;
	if (wk_safe_write_all(fd, data, len) == 0)
		rc = 0;
	if (close(fd) != 0)
		rc = -1;
	if (rc == 0 && (renameat(dirfd, tmp, dirfd, name) != 0 ||
	    fsync(dirfd) != 0))
		rc = -1;
	if (rc != 0) {
		e = errno;
		unlinkat(dirfd, tmp, 0);
		errno = e;
	}
	free(tmp);
	return rc;
}

void
wk_safe_remove_dir(int dirfd, const char *name)
{
	int fd = wk_safe_opendir(dirfd, name);
	struct dirent *e;
	DIR *d;

	if (fd < 0) {
		if (errno == ELOOP || errno == ENOTDIR)
			unlinkat(dirfd, name, 0);
		return;
	}
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlinkat(fd, e->d_name, 0);
	closedir(d);
	unlinkat(dirfd, name, AT_REMOVEDIR);
}
