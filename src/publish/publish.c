/*
 * The output directory: lock, temporary files and the moves that publish a
 * bulletin (the journal that makes them survive a crash is in journal.c).
 * Everything below OUTDIR is reached from directory descriptors, one name
 * at a time, without following links (O_NOFOLLOW, AT_SYMLINK_NOFOLLOW):
 * whoever else can write into OUTDIR may plant links, and willakuy often
 * runs as a more privileged user. Temporary names start with '.', contain
 * ".tmp." or ".new." and end in 16 random hex digits; they are created with
 * O_EXCL, so a name planted in advance is never written through.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "base/buf.h"
#include "journal.h"
#include "base/paths.h"
#include "publish.h"
#include "base/safedir.h"

struct wk_outdir {
	char *path, *day, *latest, *date, *today;
	int fd, dayfd, latestfd, lockfd;
	int hold_latest;	/* latest/ holds a later date, or the date
				 * is after today: left alone */
	struct wk_manifest_ops mf;	/* latest.c's, or all NULL */
};

/* OUTDIR/OWNER names the station an output folder belongs to. */
#define OWNER ".willakuy-station"
#define OWNER_MAGIC "willakuy-station 1"
#define OWNER_MAX 4096

struct entry {
	char *tmp, *final;	/* names in the date folder, or in staging */
	int in_staging;
	FILE *f;
	int closed;
};

struct wk_pub {
	struct wk_outdir *o;
	char *name;
	char *staging;		/* the new segment folder's name */
	int stagingfd;
	char runid[64];
	struct entry *v;
	size_t n;
};

static enum wk_status
io_err(struct wk_err *err, const char *dir, const char *name, const char *what)
{
	int e = errno;
	char *p = name ? wk_path_join(dir, name) : NULL;
	enum wk_status st;

	st = wk_err_set(err, WK_EIO, p ? p : dir, 0, 0, "%s: %s", what,
	    strerror(e));
	free(p);
	return st;
}

/* The folders leading to OUTDIR are the operator's: they are created as
 * needed and links in them are followed. */
static enum wk_status
mkdir_p(const char *path, struct wk_err *err)
{
	char *p = strdup(path), *s;

	if (p == NULL)
		return wk_err_nomem(err);
	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			enum wk_status st = io_err(err, p, NULL,
			    _("cannot create folder"));

			free(p);
			return st;
		}
		*s = '/';
	}
	free(p);
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		return io_err(err, path, NULL, _("cannot create folder"));
	return WK_OK;
}

/* Opens (creating) the folder name inside dirfd, refusing a link. */
static int
subdir(int dirfd, const char *dir, const char *name, struct wk_err *err)
{
	int fd;

	if (mkdirat(dirfd, name, 0755) != 0 && errno != EEXIST) {
		io_err(err, dir, name, _("cannot create folder"));
		return -1;
	}
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && (errno == ELOOP || errno == ENOTDIR)) {
		char *p = wk_path_join(dir, name);

		wk_err_set(err, WK_EIO, p ? p : name, 0, 0, "%s",
		    _("not a folder willakuy made (a symbolic link or a file): "
		    "move it away and run again"));
		free(p);
	} else if (fd < 0)
		io_err(err, dir, name, _("cannot open folder"));
	return fd;
}

/* An OUTDIR that others can write into lets them plant links: refused
 * unless the station says the folder is shared. */
static enum wk_status
check_owner(struct wk_outdir *o, int shared, struct wk_err *err)
{
	struct stat st;

	if (fstat(o->fd, &st) != 0)
		return io_err(err, o->path, NULL, _("cannot read"));
	if (shared || (st.st_uid == geteuid() && (st.st_mode & 022) == 0))
		return WK_OK;
	if (st.st_uid != geteuid())
		return wk_err_set(err, WK_EIO, o->path, 0, 0,
		    _("the output folder belongs to another user (uid %ld): it "
		    "could plant links that make this run overwrite other files. "
		    "Use a folder of your own, or say <output shared=\"yes\"/> in "
		    "the station if it is meant to be shared"),
		    (long)st.st_uid);
	return wk_err_set(err, WK_EIO, o->path, 0, 0,
	    _("the output folder is writable by other users (mode %03o): they "
	    "could plant links that make this run overwrite other files. Run "
	    "'chmod go-w' on it, or say <output shared=\"yes\"/> in the station "
	    "if it is meant to be shared"), (unsigned)(st.st_mode & 0777));
}

/* The pid written in s when that process is alive (ours aside), else 0:
 * a run killed with SIGKILL leaves its pid in the lock file, and a later
 * holder may not have written its own yet. */
static long
alive(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v <= 0 || v > INT_MAX ||
	    v == (long)getpid())
		return 0;
	return kill((pid_t)v, 0) == 0 || errno == EPERM ? v : 0;
}

/* Who holds the flock on fd as far as the system says (Linux's
 * /proc/locks: the pid that took it), when alive; 0 when not known. */
static long
holder(int fd)
{
	char line[256], pid[32];
	unsigned maj, min;
	unsigned long ino;
	struct stat st;
	long found = 0;
	FILE *f;

	if (fstat(fd, &st) != 0 || (f = fopen("/proc/locks", "re")) == NULL)
		return 0;
	while (!found && fgets(line, sizeof line, f) != NULL) {
		/* "1: FLOCK  ADVISORY  WRITE 123 08:01:4567 0 EOF"; a line
		 * with "->" is a waiter. */
		if (strstr(line, "->") != NULL || sscanf(line,
		    "%*s FLOCK %*s %*s %31s %x:%x:%lu", pid, &maj, &min,
		    &ino) != 4)
			continue;
		if (maj == major(st.st_dev) && min == minor(st.st_dev) &&
		    ino == (unsigned long)st.st_ino)
			found = alive(pid);
	}
	fclose(f);
	return found;
}

/* The name of process pid (/proc/PID/comm) in out, or "" when unknown. */
static void
comm(long pid, char *out, size_t cap)
{
	char path[64];
	FILE *f;

	out[0] = '\0';
	snprintf(path, sizeof path, "/proc/%ld/comm", pid);
	if ((f = fopen(path, "re")) == NULL)
		return;
	if (fgets(out, (int)cap, f) == NULL)
		out[0] = '\0';
	out[strcspn(out, "\n")] = '\0';
	fclose(f);
}

/* The error of a lock still held after the wait: the holder the system
 * names (/proc/locks), said to be a willakuy run when the lock file names
 * it too; without it, the pid of the lock file only when that process is
 * alive; else no pid at all. */
static enum wk_status
lock_busy(struct wk_outdir *o, unsigned wait_s, struct wk_err *err)
{
	char pid[32], name[32];
	ssize_t n = pread(o->lockfd, pid, sizeof pid - 1, 0);
	long who = holder(o->lockfd), written;

	pid[n > 0 ? n : 0] = '\0';
	pid[strcspn(pid, "\n")] = '\0';
	written = alive(pid);
	if (who > 0 && who != written) {
		comm(who, name, sizeof name);
		return wk_err_set(err, WK_ELOCK, NULL, 0, 0,
		    _("another willakuy run or program (pid %ld, %s) holds the "
		    "lock of %s; waited %u s. Try again when it ends"), who,
		    name[0] ? name : "?", o->path, wait_s);
	}
	if (written > 0)
		return wk_err_set(err, WK_ELOCK, NULL, 0, 0,
		    _("another willakuy run (pid %ld) is writing to %s; waited "
		    "%u s. Try again when it ends"), written, o->path, wait_s);
	return wk_err_set(err, WK_ELOCK, NULL, 0, 0,
	    _("another willakuy run is writing to %s; waited %u s. Try again "
	    "when it ends"), o->path, wait_s);
}

static enum wk_status
lock(struct wk_outdir *o, unsigned wait_s, struct wk_err *err)
{
	static const char name[] = ".willakuy.lock";
	struct timespec nap = { 0, 200 * 1000 * 1000 }, now;
	double until;
	char pid[32] = "";
	struct stat st;

	o->lockfd = openat(o->fd, name, O_RDWR | O_CREAT | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC, 0644);
	if (o->lockfd < 0 && (errno == ELOOP || (fstatat(o->fd, name, &st,
	    AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))))
		return wk_err_set(err, WK_EIO, o->path, 0, 0,
		    _("%s is a symbolic link, not willakuy's lock file: remove it"),
		    name);
	if (o->lockfd < 0)
		return io_err(err, o->path, name, _("cannot open the lock file"));
	/* Another account that may write a shared OUTDIR could make it
	 * first, and hold it. */
	if (fstat(o->lockfd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_nlink != 1 || st.st_uid != geteuid())
		return wk_err_set(err, WK_EIO, o->path, 0, 0,
		    _("%s is not willakuy's lock file (not a plain file of this "
		    "user, or linked elsewhere): remove it"), name);
	/* A deadline on the monotonic clock: -w 2 waits two whole seconds
	 * (whole-second wall time gave up after one). */
	clock_gettime(CLOCK_MONOTONIC, &now);
	until = (double)now.tv_sec + now.tv_nsec / 1e9 + wait_s;
	while (flock(o->lockfd, LOCK_EX | LOCK_NB) != 0) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (errno != EWOULDBLOCK ||
		    (double)now.tv_sec + now.tv_nsec / 1e9 >= until)
			return lock_busy(o, wait_s, err);
		nanosleep(&nap, NULL);
	}
	snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(o->lockfd, 0) == 0 &&
	    pwrite(o->lockfd, pid, strlen(pid), 0) < 0) {
		/* The pid is only for messages. */
	}
	return WK_OK;
}

/* 1 when OUTDIR holds something of an earlier run: latest/ or a date
 * folder. */
static int
used_before(int fd)
{
	int k = dup(fd), found = 0;
	DIR *d = k >= 0 ? fdopendir(k) : NULL;
	struct dirent *e;

	if (d == NULL) {
		if (k >= 0)
			close(k);
		return 0;
	}
	rewinddir(d);	/* the duplicate shares the offset */
	while (!found && (e = readdir(d)) != NULL)
		found = strcmp(e->d_name, "latest") == 0 ||
		    wk_safe_is_date(e->d_name);
	closedir(d);
	return found;
}

/* The station OUTDIR/OWNER names, read without following a link: 0 and
 * id[] set; 1 when there is no record; -1 when OWNER is not willakuy's (a
 * link, not a plain file, not our text). */
static int
read_owner(struct wk_outdir *o, char *id, size_t cap)
{
	int fd = wk_safe_open_read(o->fd, OWNER);
	char buf[OWNER_MAX + 1], *nl;
	size_t k = strlen(OWNER_MAGIC), len = 0;
	ssize_t n;

	if (fd < 0)
		return errno == ENOENT ? 1 : -1;
	while (len < OWNER_MAX &&
	    (n = read(fd, buf + len, OWNER_MAX - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	if (strncmp(buf, OWNER_MAGIC "\n", k + 1) != 0 ||
	    (nl = strchr(buf + k + 1, '\n')) == NULL ||
	    (size_t)(nl - (buf + k + 1)) >= cap || nl == buf + k + 1)
		return -1;
	memcpy(id, buf + k + 1, (size_t)(nl - (buf + k + 1)));
	id[nl - (buf + k + 1)] = '\0';
	return 0;
}

/* One output folder, one station: OWNER is checked, or written at the
 * first run. */
static enum wk_status
check_station(struct wk_outdir *o, const char *station, struct wk_diags *d,
    struct wk_err *err)
{
	struct wk_buf b = WK_BUF_INIT;
	char id[256];
	int rc, before;

	if (station == NULL)
		return WK_OK;
	if ((rc = read_owner(o, id, sizeof id)) == 0) {
		if (strcmp(id, station) == 0)
			return WK_OK;
		return wk_err_set(err, WK_EUSAGE, o->path, 0, 0,
		    _("this output folder belongs to station '%s' (%s), not to "
		    "'%s': a run of '%s' would replace its latest/, podcast "
		    "feeds and report. Give each station an output folder of its "
		    "own (-o), or build both in one run (one -c each: every "
		    "station then gets OUTDIR/<station id>/)"), id, OWNER,
		    station, station);
	}
	if (rc < 0)
		return wk_err_set(err, WK_EIO, o->path, 0, 0,
		    _("%s is not willakuy's record of the station this folder "
		    "belongs to (a link, not a plain file, or not its text): "
		    "remove it, and the next run records its station"), OWNER);
	before = used_before(o->fd);
	wk_buf_printf(&b, "%s\n%s\n", OWNER_MAGIC, station);
	if (b.failed) {
		wk_buf_free(&b);
		return wk_err_nomem(err);
	}
	rc = wk_safe_replace(o->fd, OWNER, b.data, b.len);
	wk_buf_free(&b);
	if (rc != 0)
		return io_err(err, o->path, OWNER, _("cannot write"));
	if (before)
		wk_diag(d, WK_NOTE, o->path, 0, 0,
		    _("this output folder had no record of its station: it now "
		    "belongs to '%s' (%s); a run of another station into it is "
		    "refused"), station, OWNER);
	return WK_OK;
}

/* SIGTERM and SIGINT during a commit wait for it to end. Signal handlers
 * are the process's, so their state is kept here for every station. */
static volatile sig_atomic_t in_commit, pending;
static struct sigaction old_term, old_int;
static int handlers;

static void
on_signal(int sig)
{
	pending = sig;
	if (!in_commit) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
}

static void
catch_signals(void)
{
	struct sigaction sa;

	if (handlers++ > 0)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGINT, &sa, &old_int);
}

static void
release_signals(void)
{
	if (handlers == 0 || --handlers > 0)
		return;
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGINT, &old_int, NULL);
}

static void
end_commit(void)
{
	int sig = pending;

	in_commit = 0;
	if (sig != 0) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
}

enum wk_status
wk_outdir_open(const char *path, const struct wk_outdir_opts *op,
    struct wk_diags *d, struct wk_outdir **out, struct wk_err *err)
{
	const char *date = op->date;
	struct wk_outdir *o;
	enum wk_status st;

	*out = NULL;
	if (path[0] == '\0')
		return wk_err_set(err, WK_EUSAGE, NULL, 0, 0, "%s",
		    _("the output folder's name is empty"));
	if (strpbrk(path, "\t\n") != NULL)
		return wk_err_set(err, WK_EUSAGE, NULL, 0, 0, "%s",
		    _("the output folder's name may not contain tabs or newlines"));
	if (!wk_safe_is_date(date) ||
	    (op->today != NULL && !wk_safe_is_date(op->today)))
		return wk_err_set(err, WK_EUSAGE, NULL, 0, 0, "%s",
		    _("the date must be written YYYY-MM-DD"));
	if ((o = calloc(1, sizeof *o)) == NULL)
		return wk_err_nomem(err);
	o->fd = o->dayfd = o->latestfd = o->lockfd = -1;
	if ((o->path = strdup(path)) == NULL || (o->date = strdup(date)) == NULL ||
	    (o->today = strdup(op->today ? op->today : date)) == NULL ||
	    (o->day = wk_path_join(path, date)) == NULL ||
	    (o->latest = wk_path_join(path, "latest")) == NULL) {
		wk_outdir_close(o);
		return wk_err_nomem(err);
	}
	if ((st = mkdir_p(path, err)) != WK_OK)
		goto fail;
	if ((o->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		st = io_err(err, path, NULL, _("cannot open folder"));
		goto fail;
	}
	if ((st = check_owner(o, op->shared, err)) != WK_OK ||
	    (st = lock(o, op->wait_s, err)) != WK_OK ||
	    (st = check_station(o, op->station, d, err)) != WK_OK)
		goto fail;
	if ((o->dayfd = subdir(o->fd, path, date, err)) < 0 ||
	    (o->latestfd = subdir(o->fd, path, "latest", err)) < 0) {
		st = err->status;
		goto fail;
	}
	catch_signals();
	wk_journal_recover(o->fd);
	*out = o;
	return WK_OK;
fail:
	wk_outdir_close(o);
	return st;
}

void
wk_outdir_close(struct wk_outdir *o)
{
	if (o == NULL)
		return;
	if (o->dayfd >= 0)
		release_signals();
	if (o->dayfd >= 0)
		close(o->dayfd);
	if (o->latestfd >= 0)
		close(o->latestfd);
	if (o->lockfd >= 0)
		close(o->lockfd);
	if (o->fd >= 0)
		close(o->fd);
	free(o->path);
	free(o->date);
	free(o->today);
	free(o->day);
	free(o->latest);
	free(o);
}

const char *
wk_outdir_day(const struct wk_outdir *o)
{
	return o->day;
}

const char *
wk_outdir_latest(const struct wk_outdir *o)
{
	return o->latest;
}

int
wk_outdir_fd(const struct wk_outdir *o)
{
	return o->fd;
}

int
wk_outdir_dayfd(const struct wk_outdir *o)
{
	return o->dayfd;
}

int
wk_outdir_latestfd(const struct wk_outdir *o)
{
	return o->latestfd;
}

const char *
wk_outdir_date(const struct wk_outdir *o)
{
	return o->date;
}

const char *
wk_outdir_today(const struct wk_outdir *o)
{
	return o->today;
}

void
wk_outdir_set_manifest(struct wk_outdir *o, const struct wk_manifest_ops *ops)
{
	if (ops != NULL)
		o->mf = *ops;
	else
		memset(&o->mf, 0, sizeof o->mf);
}

void
wk_outdir_hold_latest(struct wk_outdir *o)
{
	o->hold_latest = 1;
}

int
wk_outdir_latest_held(const struct wk_outdir *o)
{
	return o->hold_latest;
}

/* Creates ".<base>.<infix>.<random>" in dirfd; see wk_safe_create. */
static int
create_tmp(int dirfd, const char *base, const char *infix, char **name)
{
	struct wk_buf pre = WK_BUF_INIT;
	int fd;

	wk_buf_printf(&pre, ".%s.%s.", base, infix);
	if (pre.failed) {
		errno = ENOMEM;
		return -1;
	}
	fd = wk_safe_create(dirfd, wk_buf_str(&pre), "", name);
	wk_buf_free(&pre);
	return fd;
}

enum wk_status
wk_outdir_write(struct wk_outdir *o, const char *rel, const char *data,
    size_t len, struct wk_err *err)
{
	enum wk_status st = WK_OK;
	char *tmp = NULL;
	int fd;

	if (!wk_safe_plain(rel))
		return wk_err_set(err, WK_EIO, o->day, 0, 0,
		    "wk_outdir_write: '%s' is not a plain name", rel);
	if ((fd = create_tmp(o->dayfd, rel, "tmp", &tmp)) < 0)
		return io_err(err, o->day, rel, _("cannot create"));
	if (wk_safe_write_all(fd, data, len) != 0) {
		st = io_err(err, o->day, rel, _("cannot write"));
		close(fd);
	} else if (close(fd) != 0 ||
	    renameat(o->dayfd, tmp, o->dayfd, rel) != 0)
		st = io_err(err, o->day, rel, _("cannot write"));
	if (st != WK_OK)
		unlinkat(o->dayfd, tmp, 0);
	free(tmp);
	return st;
}

/* Writes the run id into the staging folder's marker, synced. */
static enum wk_status
write_marker(struct wk_pub *p, struct wk_err *err)
{
	int fd = openat(p->stagingfd, WK_JOURNAL_MARKER, O_WRONLY | O_CREAT |
	    O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	char line[80];
	int bad;

	snprintf(line, sizeof line, "%s\n", p->runid);
	if (fd < 0)
		return io_err(err, p->o->day, p->staging, _("cannot write"));
	bad = wk_safe_write_all(fd, line, strlen(line)) != 0;
	if (close(fd) != 0 || bad || fsync(p->stagingfd) != 0)
		return io_err(err, p->o->day, p->staging, _("cannot write"));
	return WK_OK;
}

enum wk_status
wk_pub_begin(struct wk_outdir *o, const char *name, struct wk_pub **out,
    struct wk_err *err)
{
	struct wk_pub *p;
	struct wk_buf b = WK_BUF_INIT;
	enum wk_status st;
	char r[17];

	*out = NULL;
	if (!wk_safe_plain(name) || name[0] == '.')
		return wk_err_set(err, WK_EIO, o->day, 0, 0,
		    "wk_pub_begin: '%s' is not a plain name", name);
	if ((p = calloc(1, sizeof *p)) == NULL)
		return wk_err_nomem(err);
	p->o = o;
	p->stagingfd = -1;
	wk_random_hex(r);
	{
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		snprintf(p->runid, sizeof p->runid, "%lld.%09ld-%ld-%s",
		    (long long)ts.tv_sec, ts.tv_nsec, (long)getpid(), r);
	}
	if ((p->name = strdup(name)) == NULL) {
		wk_pub_abort(p);
		return wk_err_nomem(err);
	}
	wk_buf_printf(&b, ".%s.new.", name);
	if (b.failed)
		st = wk_err_nomem(err);
	else if ((p->stagingfd = wk_safe_mkdir(o->dayfd, wk_buf_str(&b), "",
	    &p->staging)) < 0)
		st = io_err(err, o->day, name, _("cannot create folder"));
	else
		st = write_marker(p, err);
	wk_buf_free(&b);
	if (st != WK_OK) {
		wk_pub_abort(p);
		return st;
	}
	*out = p;
	return WK_OK;
}

FILE *
wk_pub_create(struct wk_pub *p, const char *rel, struct wk_err *err)
{
	struct entry *v, *e;
	size_t k = strlen(p->name);
	int fd;

	if ((v = realloc(p->v, (p->n + 1) * sizeof *v)) == NULL) {
		wk_err_nomem(err);
		return NULL;
	}
	p->v = v;
	e = &v[p->n];
	memset(e, 0, sizeof *e);
	if (strncmp(rel, p->name, k) == 0 && rel[k] == '/' &&
	    wk_safe_plain(rel + k + 1)) {
		/* A segment file: straight into the staging folder. */
		e->in_staging = 1;
		if ((e->tmp = strdup(rel + k + 1)) == NULL) {
			wk_err_nomem(err);
			return NULL;
		}
		fd = openat(p->stagingfd, e->tmp, O_RDWR | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0644);
	} else if (wk_safe_plain(rel) && rel[0] != '.') {
		if ((e->final = strdup(rel)) == NULL) {
			wk_err_nomem(err);
			return NULL;
		}
		fd = create_tmp(p->o->dayfd, rel, "tmp", &e->tmp);
	} else {
		wk_err_set(err, WK_EIO, p->o->day, 0, 0,
		    "wk_pub_create: '%s' is not a file of %s", rel, p->name);
		return NULL;
	}
	if (fd < 0 || (e->f = fdopen(fd, "w+b")) == NULL) {
		io_err(err, p->o->day, rel, _("cannot create"));
		if (fd >= 0) {
			close(fd);
			unlinkat(e->in_staging ? p->stagingfd : p->o->dayfd,
			    e->tmp, 0);
		}
		free(e->tmp);
		free(e->final);
		return NULL;
	}
	p->n++;
	return e->f;
}

enum wk_status
wk_pub_close(struct wk_pub *p, FILE *f, struct wk_err *err)
{
	size_t i;
	int bad;

	for (i = 0; i < p->n; i++)
		if (p->v[i].f == f && !p->v[i].closed)
			break;
	if (i == p->n)
		return wk_err_set(err, WK_EIO, NULL, 0, 0, "%s",
		    "wk_pub_close: not a file of this publication");
	p->v[i].closed = 1;
	bad = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
	if (fclose(f) != 0)
		bad = 1;
	p->v[i].f = NULL;
	if (bad)
		return io_err(err, p->o->day,
		    p->v[i].final ? p->v[i].final : p->v[i].tmp,
		    _("cannot write"));
	return WK_OK;
}

static void
pub_free(struct wk_pub *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].tmp);
		free(p->v[i].final);
	}
	if (p->stagingfd >= 0)
		close(p->stagingfd);
	free(p->v);
	free(p->name);
	free(p->staging);
	free(p);
}

/* latest/ only moves forward: a later date folder that has its own copy
 * of base keeps latest/base, unless it is after today (not on the air
 * yet). */
static int
newer_exists(struct wk_outdir *o, const char *base)
{
	int fd = dup(o->fd), found = 0;
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;

	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	rewinddir(d);	/* the duplicate shares the offset */
	while (!found && (e = readdir(d)) != NULL) {
		struct stat st;
		int dfd;

		if (!wk_safe_is_date(e->d_name) ||
		    strcmp(e->d_name, o->date) <= 0 ||
		    strcmp(e->d_name, o->today) > 0)
			continue;
		dfd = openat(o->fd, e->d_name, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
		if (dfd < 0)
			continue;
		found = fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode);
		close(dfd);
	}
	closedir(d);
	return found;
}

int
wk_outdir_newer(struct wk_outdir *o, const char *base)
{
	return newer_exists(o, base);
}

static int latest_tmp(struct wk_outdir *o, const char *src, const char *base,
    char **ltmp);

int
wk_outdir_link_latest(struct wk_outdir *o, const char *name, char **tmp)
{
	return latest_tmp(o, name, name, tmp);
}

/* Copies name in sfd to a new temporary in dfd (latest/ on another file
 * system). Returns the descriptor-less result: 0 and *out set, or -1. */
static int
copy_tmp(int sfd, const char *name, int dfd, const char *base, char **out)
{
	char buf[1 << 16];
	/* A file of this run's (never a FIFO or another user's file swapped
	 * in a dated folder another account made). */
	int in = wk_safe_open_own(sfd, name, 2), fd;
	ssize_t n;
	int rc = 0;

	if (in < 0)
		return -1;
	if ((fd = create_tmp(dfd, base, "tmp", out)) < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (wk_safe_write_all(fd, buf, (size_t)n) != 0) {
			rc = -1;
			break;
		}
	if (n < 0 || fsync(fd) != 0)
		rc = -1;
	if (close(fd) != 0)
		rc = -1;
	close(in);
	if (rc != 0) {
		unlinkat(dfd, *out, 0);
		free(*out);
		*out = NULL;
	}
	return rc;
}

/* Puts a new name for the day's file src into latest/ (a hard link, or a
 * copy when latest/ is on another file system); *ltmp gets its name. */
static int
latest_tmp(struct wk_outdir *o, const char *src, const char *base,
    char **ltmp)
{
	struct wk_buf b = WK_BUF_INIT;
	char r[17];
	int tries, rc = -1;

	*ltmp = NULL;
	for (tries = 0; tries < 100; tries++) {
		wk_random_hex(r);
		wk_buf_clear(&b);
		wk_buf_printf(&b, ".%s.tmp.%s", base, r);
		if (b.failed) {
			errno = ENOMEM;
			break;
		}
		if ((rc = linkat(o->dayfd, src, o->latestfd, wk_buf_str(&b), 0)) == 0 ||
		    errno != EEXIST)
			break;
	}
	if (rc == 0)
		*ltmp = wk_buf_steal(&b);
	else if (errno == EXDEV || errno == EPERM || errno == EMLINK ||
	    errno == ENOTSUP)
		rc = copy_tmp(o->dayfd, src, o->latestfd, base, ltmp);
	wk_buf_free(&b);
	return rc;
}

/* Writes the manifest latest.c gives for latest/base into a new temporary
 * of latest/, synced; *mtmp gets its name. */
static enum wk_status
manifest_tmp(struct wk_outdir *o, const char *base, char **mtmp,
    struct wk_err *err)
{
	char *text = o->mf.text(o->mf.arg, base);
	int fd, bad;

	*mtmp = NULL;
	if (text == NULL)
		return wk_err_nomem(err);
	/* .willakuy-latest.tmp.<random>, removed by the next run if this
	 * one is killed before the journal names it. */
	if ((fd = create_tmp(o->latestfd, WK_LATEST_MANIFEST + 1, "tmp",
	    mtmp)) < 0) {
		free(text);
		return io_err(err, o->latest, WK_LATEST_MANIFEST,
		    _("cannot create"));
	}
	bad = wk_safe_write_all(fd, text, strlen(text)) != 0;
	if (close(fd) != 0)
		bad = 1;
	free(text);
	if (bad) {
		unlinkat(o->latestfd, *mtmp, 0);
		free(*mtmp);
		*mtmp = NULL;
		return io_err(err, o->latest, WK_LATEST_MANIFEST,
		    _("cannot write"));
	}
	return WK_OK;
}

enum wk_status
wk_pub_commit(struct wk_pub *p, const char *rel_latest, struct wk_err *err)
{
	struct wk_outdir *o = p->o;
	struct wk_journal *j = NULL;
	const char *src = NULL, *base = NULL;
	char *ltmp = NULL, *mtmp = NULL;
	enum wk_status st = WK_OK;
	size_t i;
	int rc;

	for (i = 0; i < p->n; i++)
		if (!p->v[i].closed) {
			st = wk_err_set(err, WK_EIO, p->v[i].tmp, 0, 0, "%s",
			    "wk_pub_commit: a file is still open");
			goto fail;
		}
	if (fsync(p->stagingfd) != 0) {
		st = io_err(err, o->day, p->staging, _("cannot write"));
		goto fail;
	}
	in_commit = 1;
	if (rel_latest != NULL && !o->hold_latest) {
		base = strrchr(rel_latest, '/');
		base = base ? base + 1 : rel_latest;
		for (i = 0; i < p->n; i++)
			if (p->v[i].final != NULL &&
			    strcmp(p->v[i].final, rel_latest) == 0)
				src = p->v[i].tmp;
		if (src != NULL && !newer_exists(o, base) &&
		    latest_tmp(o, src, base, &ltmp) != 0) {
			st = io_err(err, o->latest, base, _("cannot create"));
			goto fail;
		}
		/* The manifest that says so, in the same journal. */
		if (ltmp != NULL && o->mf.text != NULL &&
		    (st = manifest_tmp(o, base, &mtmp, err)) != WK_OK)
			goto fail;
	}
	if ((j = wk_journal_new(p->runid)) == NULL ||
	    wk_journal_add(j, WK_JDIR, p->staging, p->name) != 0) {
		st = wk_err_nomem(err);
		goto fail;
	}
	/* The whole-bulletin file goes last: it is what playout reads first. */
	for (i = 0; i < p->n && st == WK_OK; i++)
		if (p->v[i].final != NULL && strstr(p->v[i].final, ".mp3") == NULL &&
		    wk_journal_add(j, WK_JFILE, p->v[i].tmp, p->v[i].final) != 0)
			st = wk_err_nomem(err);
	for (i = 0; i < p->n && st == WK_OK; i++)
		if (p->v[i].final != NULL && strstr(p->v[i].final, ".mp3") != NULL &&
		    wk_journal_add(j, WK_JFILE, p->v[i].tmp, p->v[i].final) != 0)
			st = wk_err_nomem(err);
	if (st == WK_OK && ltmp != NULL &&
	    wk_journal_add(j, WK_JLATEST, ltmp, base) != 0)
		st = wk_err_nomem(err);
	if (st == WK_OK && mtmp != NULL &&
	    wk_journal_add(j, WK_JLATEST, mtmp, WK_LATEST_MANIFEST) != 0)
		st = wk_err_nomem(err);
	if (st != WK_OK)
		goto fail;
	if ((st = wk_journal_write(j, o->dayfd, o->day, p->name, err)) != WK_OK)
		goto fail;
	/* From here on the journal makes the publication happen, now or in
	 * the next run, or undoes it when it cannot. */
	rc = wk_journal_run(j, o->dayfd, o->latestfd, o->day, err);
	if (rc >= 0)
		wk_journal_remove(o->dayfd, p->name);
	if (rc == 0 && mtmp != NULL && o->mf.moved != NULL)
		o->mf.moved(o->mf.arg, base);
	st = rc == 0 ? WK_OK : WK_EIO;
	wk_journal_free(j);
	free(ltmp);
	free(mtmp);
	pub_free(p);
	end_commit();
	return st;
fail:
	if (ltmp != NULL)
		unlinkat(o->latestfd, ltmp, 0);
	if (mtmp != NULL)
		unlinkat(o->latestfd, mtmp, 0);
	free(ltmp);
	free(mtmp);
	wk_journal_free(j);
	wk_pub_abort(p);
	end_commit();
	return st;
}

void
wk_pub_abort(struct wk_pub *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		if (p->v[i].f != NULL)
			fclose(p->v[i].f);
		if (!p->v[i].in_staging)
			unlinkat(p->o->dayfd, p->v[i].tmp, 0);
	}
	if (p->staging != NULL)
		wk_safe_remove_dir(p->o->dayfd, p->staging);
	pub_free(p);
}
