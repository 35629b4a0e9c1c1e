/*
 * The output directory: lock, temporary files, journal and the moves that
 * publish a bulletin. Temporary names start with '.' and contain ".tmp." or
 * ".new.", so playout systems that skip hidden files never see them, and
 * the next run can tell them from real output and remove them.
 *
 * The journal (OUTDIR/DATE/.<name>.journal) is written and synced before
 * the first move. Its lines are "run\t<id>", "dir\t<staging>\t<final>" and
 * "file\t<tmp>\t<final>". Replaying it is safe at any point: a file whose
 * temporary name is gone was moved already; the segment folder carries a
 * .willakuy-run marker with the run id, which tells whether the swap
 * happened.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "buf.h"
#include "paths.h"
#include "publish.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

#define MARKER ".willakuy-run"

struct wk_outdir {
	char *path, *day, *latest;
	int lockfd;
};

struct entry {
	char *tmp, *final;
	FILE *f;
	int closed;
};

struct wk_pub {
	struct wk_outdir *o;
	char *name;
	char *staging;		/* the new segment folder */
	char *segdir;		/* its final place */
	char runid[64];
	struct entry *v;
	size_t n;
};

static enum wk_status
io_err(struct wk_err *err, const char *path, const char *what)
{
	return wk_err_set(err, WK_EIO, path, 0, 0, "%s: %s", what,
	    strerror(errno));
}

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
			enum wk_status st = io_err(err, p, _("cannot create folder"));

			free(p);
			return st;
		}
		*s = '/';
	}
	free(p);
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		return io_err(err, path, _("cannot create folder"));
	return WK_OK;
}

static int
sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Removes a folder of our own and the files in it (one level). */
static void
remove_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *f;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((f = wk_path_join(path, e->d_name)) != NULL) {
			unlink(f);
			free(f);
		}
	}
	closedir(d);
	rmdir(path);
}

static char *
read_marker(const char *dir)
{
	char *p = wk_path_join(dir, MARKER), buf[64];
	FILE *f = p ? fopen(p, "r") : NULL;
	size_t n = 0;

	free(p);
	if (f == NULL)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return strdup(buf);
}

/* Moves staging to final in one step; the old final ends at staging. */
static int
swap_dir(const char *staging, const char *final)
{
	struct stat st;
	char *old;
	int rc;

	if (stat(final, &st) != 0)
		return rename(staging, final);
	if (syscall(SYS_renameat2, AT_FDCWD, staging, AT_FDCWD, final,
	    RENAME_EXCHANGE) == 0)
		return 0;
	/* File systems without RENAME_EXCHANGE: two renames. */
	if ((old = malloc(strlen(staging) + 8)) == NULL)
		return -1;
	sprintf(old, "%s.old", staging);
	rc = rename(final, old);
	if (rc == 0 && (rc = rename(staging, final)) == 0)
		rc = rename(old, staging);
	free(old);
	return rc;
}

/* For the crash tests: $WILLAKUY_TEST_PUBLISH_PAUSE_MS slows each move
 * down, so that a test can kill a run between two of them. */
static void
test_pause(void)
{
	const char *s = getenv("WILLAKUY_TEST_PUBLISH_PAUSE_MS");
	long ms = s ? strtol(s, NULL, 10) : 0;
	struct timespec ts;

	if (ms <= 0 || ms > 10000)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/* Replays a journal; returns 0 when everything in it is in place. */
static int
replay(const char *journal)
{
	FILE *f = fopen(journal, "r");
	char line[8192], run[64] = "";
	int rc = 0;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		char *a, *b;

		line[strcspn(line, "\n")] = '\0';
		if ((a = strchr(line, '\t')) == NULL)
			continue;
		*a++ = '\0';
		if (strcmp(line, "run") == 0) {
			snprintf(run, sizeof run, "%s", a);
			continue;
		}
		if ((b = strchr(a, '\t')) == NULL)
			continue;
		*b++ = '\0';
		if (strcmp(line, "dir") == 0) {
			char *m = read_marker(b);

			if (m == NULL || strcmp(m, run) != 0) {
				if (access(a, F_OK) == 0 && swap_dir(a, b) != 0)
					rc = -1;
			}
			free(m);
			remove_dir(a);
			sync_dir(b);
		} else if (strcmp(line, "file") == 0) {
			if (access(a, F_OK) == 0 && rename(a, b) != 0)
				rc = -1;
		}
		test_pause();
	}
	fclose(f);
	return rc;
}

static int
is_temp(const char *name)
{
	return name[0] == '.' && (strstr(name, ".tmp.") != NULL ||
	    strstr(name, ".new.") != NULL);
}

/* Finishes journals and removes temporary files in dir. */
static void
recover_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *p;
	size_t n;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (e->d_name[0] == '.' && n > 8 &&
		    strcmp(e->d_name + n - 8, ".journal") == 0 &&
		    (p = wk_path_join(dir, e->d_name)) != NULL) {
			if (replay(p) == 0)
				unlink(p);
			free(p);
		}
	}
	rewinddir(d);
	while ((e = readdir(d)) != NULL) {
		struct stat st;

		if (!is_temp(e->d_name) || (p = wk_path_join(dir, e->d_name)) == NULL)
			continue;
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			remove_dir(p);
		else
			unlink(p);
		free(p);
	}
	closedir(d);
}

/* Recovers every date folder of the output directory and latest/. */
static void
recover(struct wk_outdir *o)
{
	DIR *d = opendir(o->path);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *p;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		if ((p = wk_path_join(o->path, e->d_name)) == NULL)
			continue;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			recover_dir(p);
		free(p);
	}
	closedir(d);
}

static enum wk_status
lock(struct wk_outdir *o, unsigned wait_s, struct wk_err *err)
{
	char *p = wk_path_join(o->path, ".willakuy.lock");
	struct timespec nap = { 0, 200 * 1000 * 1000 };
	time_t until = time(NULL) + (time_t)wait_s;
	char pid[32] = "";
	ssize_t n;

	if (p == NULL)
		return wk_err_nomem(err);
	o->lockfd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (o->lockfd < 0) {
		enum wk_status st = io_err(err, p, _("cannot open the lock file"));

		free(p);
		return st;
	}
	while (flock(o->lockfd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK || time(NULL) >= until) {
			n = pread(o->lockfd, pid, sizeof pid - 1, 0);
			pid[n > 0 ? n : 0] = '\0';
			pid[strcspn(pid, "\n")] = '\0';
			wk_err_set(err, WK_ELOCK, NULL, 0, 0,
			    _("another willakuy run (pid %s) is writing to %s; "
			    "waited %u s. Try again when it ends"),
			    pid[0] ? pid : "?", o->path, wait_s);
			free(p);
			return WK_ELOCK;
		}
		nanosleep(&nap, NULL);
	}
	free(p);
	snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(o->lockfd, 0) == 0 &&
	    pwrite(o->lockfd, pid, strlen(pid), 0) < 0) {
		/* The pid is only for messages. */
	}
	return WK_OK;
}

enum wk_status
wk_outdir_open(const char *path, const char *date, unsigned wait_s,
    struct wk_outdir **out, struct wk_err *err)
{
	struct wk_outdir *o;
	enum wk_status st;

	*out = NULL;
	if (strpbrk(path, "\t\n") != NULL)
		return wk_err_set(err, WK_EUSAGE, NULL, 0, 0, "%s",
		    _("the output folder's name may not contain tabs or newlines"));
	if ((o = calloc(1, sizeof *o)) == NULL)
		return wk_err_nomem(err);
	o->lockfd = -1;
	if ((o->path = strdup(path)) == NULL ||
	    (o->day = wk_path_join(path, date)) == NULL ||
	    (o->latest = wk_path_join(path, "latest")) == NULL) {
		wk_outdir_close(o);
		return wk_err_nomem(err);
	}
	if ((st = mkdir_p(path, err)) != WK_OK || (st = lock(o, wait_s, err)) != WK_OK ||
	    (st = mkdir_p(o->day, err)) != WK_OK ||
	    (st = mkdir_p(o->latest, err)) != WK_OK) {
		wk_outdir_close(o);
		return st;
	}
	recover(o);
	*out = o;
	return WK_OK;
}

void
wk_outdir_close(struct wk_outdir *o)
{
	if (o == NULL)
		return;
	if (o->lockfd >= 0)
		close(o->lockfd);
	free(o->path);
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

enum wk_status
wk_outdir_write(struct wk_outdir *o, const char *rel, const char *data,
    size_t len, struct wk_err *err)
{
	struct wk_buf tmp = WK_BUF_INIT;
	char *fin = wk_path_join(o->day, rel);
	enum wk_status st = WK_OK;
	FILE *f;
	int bad;

	wk_buf_printf(&tmp, "%s/.%s.tmp.%ld", o->day, rel, (long)getpid());
	if (fin == NULL || tmp.failed) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((f = fopen(wk_buf_str(&tmp), "wb")) == NULL) {
		st = io_err(err, wk_buf_str(&tmp), _("cannot create"));
		goto out;
	}
	bad = fwrite(data, 1, len, f) != len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0;
	if (fclose(f) != 0 || bad || rename(wk_buf_str(&tmp), fin) != 0) {
		st = io_err(err, fin, _("cannot write"));
		unlink(wk_buf_str(&tmp));
	}
out:
	free(fin);
	wk_buf_free(&tmp);
	return st;
}

enum wk_status
wk_pub_begin(struct wk_outdir *o, const char *name, struct wk_pub **out,
    struct wk_err *err)
{
	struct wk_pub *p;
	struct wk_buf b = WK_BUF_INIT;
	FILE *f;
	char *m;

	*out = NULL;
	if ((p = calloc(1, sizeof *p)) == NULL)
		return wk_err_nomem(err);
	p->o = o;
	{
		/* Unique per publication, even twice in one second. */
		static unsigned long serial;
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		snprintf(p->runid, sizeof p->runid, "%lld.%09ld-%ld-%lu",
		    (long long)ts.tv_sec, ts.tv_nsec, (long)getpid(), ++serial);
	}
	wk_buf_printf(&b, ".%s.new.%ld", name, (long)getpid());
	if (b.failed || (p->name = strdup(name)) == NULL ||
	    (p->staging = wk_path_join(o->day, wk_buf_str(&b))) == NULL ||
	    (p->segdir = wk_path_join(o->day, name)) == NULL) {
		wk_buf_free(&b);
		wk_pub_abort(p);
		return wk_err_nomem(err);
	}
	wk_buf_free(&b);
	remove_dir(p->staging);
	if (mkdir(p->staging, 0755) != 0) {
		enum wk_status st = io_err(err, p->staging,
		    _("cannot create folder"));

		wk_pub_abort(p);
		return st;
	}
	if ((m = wk_path_join(p->staging, MARKER)) == NULL) {
		wk_pub_abort(p);
		return wk_err_nomem(err);
	}
	f = fopen(m, "w");
	if (f == NULL || fprintf(f, "%s\n", p->runid) < 0 || fclose(f) != 0) {
		enum wk_status st = io_err(err, m, _("cannot write"));

		free(m);
		wk_pub_abort(p);
		return st;
	}
	free(m);
	*out = p;
	return WK_OK;
}

FILE *
wk_pub_create(struct wk_pub *p, const char *rel, struct wk_err *err)
{
	struct entry *v, *e;
	struct wk_buf tmp = WK_BUF_INIT;
	size_t k = strlen(p->name);
	const char *base;
	char *dir;

	if ((v = realloc(p->v, (p->n + 1) * sizeof *v)) == NULL) {
		wk_err_nomem(err);
		return NULL;
	}
	p->v = v;
	e = &v[p->n];
	memset(e, 0, sizeof *e);
	if (strncmp(rel, p->name, k) == 0 && rel[k] == '/') {
		/* A segment file: straight into the staging folder. */
		e->tmp = wk_path_join(p->staging, rel + k + 1);
		e->final = NULL;
	} else {
		base = strrchr(rel, '/');
		base = base ? base + 1 : rel;
		dir = wk_path_dir(rel);
		wk_buf_printf(&tmp, "%s/.%s.tmp.%ld", dir ? dir : ".", base,
		    (long)getpid());
		free(dir);
		e->tmp = tmp.failed ? NULL : wk_path_join(p->o->day, wk_buf_str(&tmp));
		e->final = wk_path_join(p->o->day, rel);
		wk_buf_free(&tmp);
		if (e->final == NULL) {
			free(e->tmp);
			wk_err_nomem(err);
			return NULL;
		}
	}
	if (e->tmp == NULL) {
		free(e->final);
		wk_err_nomem(err);
		return NULL;
	}
	if ((e->f = fopen(e->tmp, "w+b")) == NULL) {
		io_err(err, e->tmp, _("cannot create"));
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
		return io_err(err, p->v[i].tmp, _("cannot write"));
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
	free(p->v);
	free(p->name);
	free(p->staging);
	free(p->segdir);
	free(p);
}

static enum wk_status
write_journal(struct wk_pub *p, const char *jpath, const char *latest_tmp,
    const char *latest_final, struct wk_err *err)
{
	struct wk_buf tmp = WK_BUF_INIT;
	FILE *f;
	size_t i;
	int bad;

	wk_buf_printf(&tmp, "%s.tmp.%ld", jpath, (long)getpid());
	if (tmp.failed)
		return wk_err_nomem(err);
	if ((f = fopen(wk_buf_str(&tmp), "w")) == NULL) {
		enum wk_status st = io_err(err, wk_buf_str(&tmp), _("cannot create"));

		wk_buf_free(&tmp);
		return st;
	}
	fprintf(f, "run\t%s\ndir\t%s\t%s\n", p->runid, p->staging, p->segdir);
	/* The whole-bulletin file goes last: it is what playout reads first. */
	for (i = 0; i < p->n; i++)
		if (p->v[i].final != NULL && strstr(p->v[i].final, ".mp3") == NULL)
			fprintf(f, "file\t%s\t%s\n", p->v[i].tmp, p->v[i].final);
	for (i = 0; i < p->n; i++)
		if (p->v[i].final != NULL && strstr(p->v[i].final, ".mp3") != NULL)
			fprintf(f, "file\t%s\t%s\n", p->v[i].tmp, p->v[i].final);
	if (latest_tmp != NULL)
		fprintf(f, "file\t%s\t%s\n", latest_tmp, latest_final);
	bad = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
	if (fclose(f) != 0 || bad || rename(wk_buf_str(&tmp), jpath) != 0) {
		enum wk_status st = io_err(err, jpath, _("cannot write the journal"));

		unlink(wk_buf_str(&tmp));
		wk_buf_free(&tmp);
		return st;
	}
	wk_buf_free(&tmp);
	sync_dir(p->o->day);
	return WK_OK;
}

enum wk_status
wk_pub_commit(struct wk_pub *p, const char *rel_latest, struct wk_err *err)
{
	struct wk_buf jb = WK_BUF_INIT, lt = WK_BUF_INIT, lf = WK_BUF_INIT;
	char *jpath = NULL, *src = NULL;
	enum wk_status st = WK_OK;
	size_t i;

	for (i = 0; i < p->n; i++)
		if (!p->v[i].closed) {
			st = wk_err_set(err, WK_EIO, p->v[i].tmp, 0, 0, "%s",
			    "wk_pub_commit: a file is still open");
			goto fail;
		}
	sync_dir(p->staging);
	/* latest/<name>.mp3: a hard link to the new whole-bulletin file. */
	if (rel_latest != NULL) {
		const char *base = strrchr(rel_latest, '/');

		base = base ? base + 1 : rel_latest;
		for (i = 0; i < p->n; i++)
			if (p->v[i].final != NULL &&
			    strcmp(p->v[i].final + strlen(p->o->day) + 1, rel_latest) == 0)
				src = p->v[i].tmp;
		wk_buf_printf(&lt, "%s/.%s.tmp.%ld", p->o->latest, base,
		    (long)getpid());
		wk_buf_printf(&lf, "%s/%s", p->o->latest, base);
		if (lt.failed || lf.failed) {
			st = wk_err_nomem(err);
			goto fail;
		}
		unlink(wk_buf_str(&lt));
		if (src == NULL || link(src, wk_buf_str(&lt)) != 0) {
			st = io_err(err, wk_buf_str(&lt), _("cannot create"));
			goto fail;
		}
	}
	wk_buf_printf(&jb, "%s/.%s.journal", p->o->day, p->name);
	if (jb.failed || (jpath = strdup(wk_buf_str(&jb))) == NULL) {
		st = wk_err_nomem(err);
		goto fail;
	}
	if ((st = write_journal(p, jpath, rel_latest ? wk_buf_str(&lt) : NULL,
	    wk_buf_str(&lf), err)) != WK_OK)
		goto fail;
	/* From here on the journal makes the publication happen, now or in
	 * the next run. */
	if (replay(jpath) != 0)
		st = io_err(err, p->o->day, _("cannot put the new files in place "
		    "(the next run will finish)"));
	else {
		sync_dir(p->o->day);
		sync_dir(p->o->latest);
		unlink(jpath);
	}
	free(jpath);
	wk_buf_free(&jb);
	wk_buf_free(&lt);
	wk_buf_free(&lf);
	pub_free(p);
	return st;
fail:
	if (lt.len > 0)
		unlink(wk_buf_str(&lt));
	free(jpath);
	wk_buf_free(&jb);
	wk_buf_free(&lt);
	wk_buf_free(&lf);
	wk_pub_abort(p);
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
		if (p->v[i].final != NULL)
			unlink(p->v[i].tmp);
	}
	if (p->staging != NULL)
		remove_dir(p->staging);
	pub_free(p);
}
