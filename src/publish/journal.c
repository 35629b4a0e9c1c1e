/*
 * The publication journal (journal.h). DAY/.<name>.journal holds a magic
 * line, then "run\t<id>", "dir\t<staging>\t<final>", "file\t<tmp>\t<final>",
 * "latest\t<tmp>\t<final>" and "drop\t<name>\t<identity>", every
 * name a single component of the date folder (latest/ for "latest" and
 * "drop" lines). Replaying is safe at any point: a temporary whose name is
 * gone was moved already; the segment folder carries a .willakuy-run
 * marker with the run id, which tells whether the swap happened; a file
 * dropped is removed only while it is the very file the journal names. A
 * journal is trusted only when it is a plain file of the running user
 * with the magic line and nothing but plain names (the one hidden name it
 * may move to is latest/'s manifest); others are left alone.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "base/buf.h"
#include "journal.h"
#include "base/paths.h"
#include "base/safedir.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
/* glibc declares it only under _GNU_SOURCE. */
int renameat2(int, const char *, int, const char *, unsigned int);
#endif

#define MAGIC "willakuy-journal 2"
#define MAX_BYTES (1 << 20)

struct move {
	enum wk_jkind kind;
	char *from, *to;
};

struct wk_journal {
	char run[64];
	struct move *v;
	size_t n;
};

struct wk_journal *
wk_journal_new(const char *runid)
{
	struct wk_journal *j = calloc(1, sizeof *j);

	if (j != NULL)
		snprintf(j->run, sizeof j->run, "%s", runid);
	return j;
}

void
wk_journal_free(struct wk_journal *j)
{
	size_t i;

	if (j == NULL)
		return;
	for (i = 0; i < j->n; i++) {
		free(j->v[i].from);
		free(j->v[i].to);
	}
	free(j->v);
	free(j);
}

int
wk_journal_add(struct wk_journal *j, enum wk_jkind kind, const char *from,
    const char *to)
{
	struct move *v = realloc(j->v, (j->n + 1) * sizeof *v);

	if (v == NULL)
		return -1;
	j->v = v;
	v[j->n].kind = kind;
	v[j->n].from = strdup(from);
	v[j->n].to = strdup(to);
	if (v[j->n].from == NULL || v[j->n].to == NULL) {
		free(v[j->n].from);
		free(v[j->n].to);
		return -1;
	}
	j->n++;
	return 0;
}

/* 1 for a temporary name of ours (".*.tmp.*", ".*.new.*"). */
static int
wk_journal_is_temp(const char *name)
{
	return name[0] == '.' && (strstr(name, ".tmp.") != NULL ||
	    strstr(name, ".new.") != NULL);
}

static const char *const kinds[] = { "dir", "file", "latest", "drop" };
#define NKINDS (sizeof kinds / sizeof kinds[0])

static char *
journal_name(const char *name)
{
	struct wk_buf b = WK_BUF_INIT;

	wk_buf_printf(&b, ".%s.journal", name);
	return wk_buf_steal(&b);
}

enum wk_status
wk_journal_write(const struct wk_journal *j, int dayfd, const char *day,
    const char *name, struct wk_err *err)
{
	struct wk_buf b = WK_BUF_INIT;
	char *fin = journal_name(name);
	enum wk_status st = WK_OK;
	size_t i;

	wk_buf_printf(&b, "%s\nrun\t%s\n", MAGIC, j->run);
	for (i = 0; i < j->n; i++)
		wk_buf_printf(&b, "%s\t%s\t%s\n", kinds[j->v[i].kind],
		    j->v[i].from, j->v[i].to);
	if (b.failed || fin == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	/* The temporary is .NAME.journal.tmp.<random>, as before. */
	if (wk_safe_replace(dayfd, fin, b.data, b.len) != 0) {
		int e = errno;
		char *p = wk_path_join(day, fin);

		st = wk_err_set(err, WK_EIO, p ? p : day, 0, 0, "%s: %s",
		    _("cannot write the journal"), strerror(e));
		free(p);
	}
out:
	free(fin);
	wk_buf_free(&b);
	return st;
}

void
wk_journal_remove(int dayfd, const char *name)
{
	char *p = journal_name(name);

	if (p != NULL && unlinkat(dayfd, p, 0) == 0)
		fsync(dayfd);
	free(p);
}

/* The run id in the marker of the segment folder name; NULL if none. */
static char *
read_marker(int dayfd, const char *name)
{
	int dfd = wk_safe_opendir(dayfd, name), fd;
	char buf[64];
	ssize_t n;

	if (dfd < 0)
		return NULL;
	fd = wk_safe_open_read(dfd, WK_JOURNAL_MARKER);
	close(dfd);
	if (fd < 0)
		return NULL;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return strdup(buf);
}

static int
is_file(int dfd, const char *name)
{
	struct stat st;

	return fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode);
}

static int
is_dir(int dfd, const char *name)
{
	struct stat st;

	return fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISDIR(st.st_mode);
}

/* Moves staging to final in one step; the old final ends at staging. A
 * link or a file at final is refused (ENOTDIR): it is not ours. */
static int
swap_dir(int dfd, const char *staging, const char *final)
{
	struct stat st;
	struct wk_buf old = WK_BUF_INIT;
	int rc;

	if (fstatat(dfd, final, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? renameat(dfd, staging, dfd, final) : -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	if (renameat2(dfd, staging, dfd, final, RENAME_EXCHANGE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* File systems without RENAME_EXCHANGE: three renames. */
	wk_buf_printf(&old, "%s.old", staging);
	if (old.failed) {
		errno = ENOMEM;
		return -1;
	}
	rc = renameat(dfd, final, dfd, wk_buf_str(&old));
	if (rc == 0 && (rc = renameat(dfd, staging, dfd, final)) == 0)
		rc = renameat(dfd, wk_buf_str(&old), dfd, staging);
	wk_buf_free(&old);
	return rc;
}

/* Undoes a publication whose folder could not be swapped. */
static void
undo(const struct wk_journal *j, int dayfd, int latestfd)
{
	size_t i;

	for (i = 0; i < j->n; i++)
		if (j->v[i].kind == WK_JDIR)
			wk_safe_remove_dir(dayfd, j->v[i].from);
		else if (j->v[i].kind == WK_JFILE)
			unlinkat(dayfd, j->v[i].from, 0);
		else if (j->v[i].kind == WK_JLATEST && latestfd >= 0)
			unlinkat(latestfd, j->v[i].from, 0);
	fsync(dayfd);
}

int
wk_journal_ident(const struct stat *st, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%llu:%llu:%lld:%ld",
	    (unsigned long long)st->st_dev, (unsigned long long)st->st_ino,
	    (long long)st->st_ctim.tv_sec, (long)st->st_ctim.tv_nsec);

	return n > 0 && (size_t)n < cap ? 0 : -1;
}

/* Removes name from dfd while it is the file ident (wk_journal_ident, as
 * lstat sees it) names; 0 when it is gone or is another file. */
static int
drop(int dfd, const char *name, const char *ident)
{
	struct stat st;
	char now[96];

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? 0 : -1;
	if (wk_journal_ident(&st, now, sizeof now) != 0)
		return 0;
	if (strcmp(now, ident) != 0 || S_ISDIR(st.st_mode))
		return 0;
	return unlinkat(dfd, name, 0) == 0 || errno == ENOENT ? 0 : -1;
}

int
wk_journal_run(const struct wk_journal *j, int dayfd, int latestfd,
    const char *day, struct wk_err *err)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < j->n; i++) {
		const struct move *m = &j->v[i];
		char *p = NULL, *mark;
		int dfd = m->kind == WK_JLATEST || m->kind == WK_JDROP ?
		    latestfd : dayfd;

		if (m->kind == WK_JDROP) {
			if (dfd >= 0 && drop(dfd, m->from, m->to) != 0) {
				if (rc == 0)
					wk_err_set(err, WK_EIO, day, 0, 0,
					    _("cannot remove latest/%s: %s (the next "
					    "run will finish)"), m->from,
					    strerror(errno));
				rc = -1;
			}
		} else if (m->kind == WK_JDIR) {
			mark = read_marker(dayfd, m->to);
			if (mark == NULL || strcmp(mark, j->run) != 0) {
				int e = is_dir(dayfd, m->from) ? 0 : ENOENT;

				if (e == 0 && swap_dir(dayfd, m->from, m->to) != 0)
					e = errno;
				if (e != 0) {
					p = wk_path_join(day, m->to);
					wk_err_set(err, WK_EIO, p ? p : day, 0, 0,
					    e == ENOTDIR ? _("not a folder willakuy "
					    "made (a symbolic link or a file): move it "
					    "away; the previous bulletin stays") :
					    _("cannot put the new segments in place "
					    "(%s); the previous bulletin stays"),
					    strerror(e));
					free(p);
					free(mark);
					undo(j, dayfd, latestfd);
					return 1;
				}
			}
			free(mark);
			/* The old folder, now under the staging name. */
			wk_safe_remove_dir(dayfd, m->from);
			fsync(dayfd);
		} else if (dfd >= 0 && is_file(dfd, m->from) &&
		    renameat(dfd, m->from, dfd, m->to) != 0) {
			if (rc == 0) {
				p = wk_path_join(day, m->to);
				wk_err_set(err, WK_EIO, p ? p : day, 0, 0,
				    _("cannot put the new file in place: %s (the "
				    "next run will finish)"), strerror(errno));
				free(p);
			}
			rc = -1;
		}
	}
	fsync(dayfd);
	if (latestfd >= 0)
		fsync(latestfd);
	return rc;
}

/* A name that may stand in a journal line of this kind: a temporary of
 * ours moved to a final name (in latest/, the manifest's too), or a final
 * name of latest/ dropped with its identity. */
static int
valid(enum wk_jkind kind, const char *from, const char *to)
{
	if (!wk_safe_plain(from) || !wk_safe_plain(to))
		return 0;
	if (kind == WK_JDROP)
		return from[0] != '.' && strspn(to, "0123456789:") == strlen(to);
	return wk_journal_is_temp(from) && (to[0] != '.' ||
	    (kind == WK_JLATEST && strcmp(to, WK_LATEST_MANIFEST) == 0));
}

/* Reads the journal name in dayfd; NULL unless it is one of ours. */
static struct wk_journal *
load(int dayfd, const char *name)
{
	int fd = wk_safe_open_read(dayfd, name);
	struct wk_journal *j = NULL;
	char *text = NULL, *line, *next;
	struct stat st;
	ssize_t n;
	int ok = 0;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || st.st_uid != geteuid() || st.st_nlink != 1 ||
	    st.st_size <= 0 || st.st_size > MAX_BYTES ||
	    (text = malloc((size_t)st.st_size + 1)) == NULL)
		goto out;
	if ((n = read(fd, text, (size_t)st.st_size)) != st.st_size)
		goto out;
	text[n] = '\0';
	if (strncmp(text, MAGIC "\n", strlen(MAGIC) + 1) != 0 ||
	    (j = wk_journal_new("")) == NULL)
		goto out;
	ok = 1;
	for (line = text + strlen(MAGIC) + 1; ok && *line; line = next) {
		char *a, *b;
		int k;

		if ((next = strchr(line, '\n')) == NULL) {
			ok = 0;	/* a journal always ends with a newline */
			break;
		}
		*next++ = '\0';
		if ((a = strchr(line, '\t')) == NULL) {
			ok = 0;
			break;
		}
		*a++ = '\0';
		if (strcmp(line, "run") == 0) {
			snprintf(j->run, sizeof j->run, "%s", a);
			continue;
		}
		if ((b = strchr(a, '\t')) == NULL) {
			ok = 0;
			break;
		}
		*b++ = '\0';
		for (k = 0; k < (int)NKINDS && strcmp(line, kinds[k]) != 0; k++)
			;
		ok = k < (int)NKINDS && valid((enum wk_jkind)k, a, b) &&
		    wk_journal_add(j, (enum wk_jkind)k, a, b) == 0;
	}
	if (j->run[0] == '\0')
		ok = 0;
out:
	free(text);
	close(fd);
	if (!ok) {
		wk_journal_free(j);
		return NULL;
	}
	return j;
}

static int
is_journal(const char *name)
{
	size_t n = strlen(name);

	return name[0] == '.' && n > 9 && strcmp(name + n - 8, ".journal") == 0;
}

/* Calls fn on every entry of the folder dfd. */
static void
each(int dfd, void (*fn)(int, const char *, void *), void *arg)
{
	int fd = dup(dfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;

	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	rewinddir(d);	/* the duplicate shares the offset */
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			fn(dfd, e->d_name, arg);
	closedir(d);
}

static void
replay_one(int dayfd, const char *name, void *arg)
{
	int latestfd = *(int *)arg;
	struct wk_journal *j;
	struct wk_err err;

	if (!is_journal(name) || (j = load(dayfd, name)) == NULL)
		return;
	if (wk_journal_run(j, dayfd, latestfd, "", &err) >= 0 &&
	    unlinkat(dayfd, name, 0) == 0)
		fsync(dayfd);
	wk_journal_free(j);
}

static void
clean_one(int dfd, const char *name, void *arg)
{
	struct stat st;

	(void)arg;
	if (!wk_journal_is_temp(name) ||
	    fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return;
	if (S_ISDIR(st.st_mode))
		wk_safe_remove_dir(dfd, name);
	else
		unlinkat(dfd, name, 0);
}

struct pass {
	int latestfd;
	int clean;
};

static void
date_folder(int outfd, const char *name, void *arg)
{
	struct pass *ps = arg;
	int fd;

	if (!wk_safe_is_date(name) || (fd = wk_safe_opendir(outfd, name)) < 0)
		return;
	if (ps->clean)
		each(fd, clean_one, NULL);
	else
		each(fd, replay_one, &ps->latestfd);
	close(fd);
}

void
wk_journal_recover(int outfd)
{
	struct pass ps;

	/* Every journal first: they name temporaries in latest/ too. */
	ps.latestfd = wk_safe_opendir(outfd, "latest");
	ps.clean = 0;
	each(outfd, date_folder, &ps);
	ps.clean = 1;
	each(outfd, date_folder, &ps);
	if (ps.latestfd >= 0) {
		each(ps.latestfd, clean_one, NULL);
		close(ps.latestfd);
	}
}
