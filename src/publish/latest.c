/*
 * latest/ kept true (see latest.h): the manifest read at the start of a
 * run, given to each publication that moves a file of latest/ (publish.c
 * puts both in place with one journal), and at the end the run's outcome
 * settled in one journal too: stale files of bulletin-languages removed,
 * the station's clip put in place of a failed bulletin, a file built
 * earlier for the date put back, and the manifest that says so. Every
 * name below OUTDIR is reached from the output folder's descriptors with
 * O_NOFOLLOW or AT_SYMLINK_NOFOLLOW; a link planted in latest/ is removed
 * or replaced, never followed. Temporaries are ".NAME.tmp.<random>",
 * which the next run removes if this one is killed.
 */

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "failclip.h"
#include "journal.h"
#include "latest.h"
#include "base/paths.h"
#include "publish.h"
#include "base/safedir.h"
#include "read/station.h"

#define MANIFEST WK_LATEST_MANIFEST
#define MAGIC "willakuy-latest 1"
#define MANIFEST_MAX (1 << 20)

enum kind { BUILT, CLIP, FAILED };

/* A bulletin-language: as the manifest had it, or as this run left it. */
struct rec {
	char *name;
	char *src;		/* the bulletin file, absolute; "" unknown */
	char date[11];
	enum kind kind;
};

struct recs {
	struct rec *v;
	size_t n;
};

struct wk_latest {
	struct wk_outdir *o;
	struct recs old;	/* from the manifest */
	struct recs cur;	/* what the manifest says now: old, then what
				 * each publication of the run moved */
	struct recs now;	/* this run's outcomes (BUILT or FAILED) */
	char *src;		/* the bulletin file published next */
	char **failed_files;	/* bulletin files that could not be read */
	size_t nfailed_files;
	int held;		/* latest/ is left alone */
	int future;		/* ... since the run's date is after today */
	char unpinned[11];	/* the date after today latest/ held, moved
				 * back by this run; "" */
	char later[11];		/* the later date latest/ is kept at; "" */
	int broken;		/* out of memory while recording */
};

static void
recs_free(struct recs *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].name);
		free(r->v[i].src);
	}
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

static struct rec *
recs_find(const struct recs *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].name, name) == 0)
			return &r->v[i];
	return NULL;
}

/* Adds (or, for a name already there, replaces) a record; -1 when out of
 * memory. */
static int
recs_put(struct recs *r, const char *name, const char *src, const char *date,
    enum kind kind)
{
	struct rec *e = recs_find(r, name), *v;
	char *n2, *s2;

	/* Dates come from the output folder's or from parse(), checked;
	 * gather() keeps names only, with "". */
	assert(date[0] == '\0' || wk_safe_is_date(date));
	if ((n2 = strdup(name)) == NULL || (s2 = strdup(src)) == NULL) {
		free(n2);
		return -1;
	}
	if (e == NULL) {
		if ((v = realloc(r->v, (r->n + 1) * sizeof *v)) == NULL) {
			free(n2);
			free(s2);
			return -1;
		}
		r->v = v;
		e = &v[r->n++];
	} else {
		free(e->name);
		free(e->src);
	}
	e->name = n2;
	e->src = s2;
	snprintf(e->date, sizeof e->date, "%s", date);
	e->kind = kind;
	return 0;
}

/* A bulletin file's path as the manifest keeps it: absolute, its folder
 * resolved, so that runs from other folders name it alike. "" when it
 * cannot be told or cannot be written on one line. */
static char *
canon(const char *path)
{
	struct wk_buf b = WK_BUF_INIT;
	const char *slash = strrchr(path, '/');
	char *dir, *real;

	if (slash == NULL)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (dir == NULL)
		return NULL;
	real = realpath(dir, NULL);
	free(dir);
	if (real == NULL)
		return strdup("");
	wk_buf_printf(&b, "%s/%s", strcmp(real, "/") == 0 ? "" : real,
	    slash ? slash + 1 : path);
	free(real);
	if (!b.failed && strpbrk(wk_buf_str(&b), "\t\n") != NULL) {
		wk_buf_free(&b);
		return strdup("");
	}
	return wk_buf_steal(&b);
}

/* Parses the manifest's text into l->old; returns its date ("" when the
 * text is not a manifest). */
static void
parse(struct wk_latest *l, char *text, char date[11])
{
	char *line, *save = NULL;
	size_t k = strlen(MAGIC);

	date[0] = '\0';
	line = strtok_r(text, "\n", &save);
	if (line == NULL || strncmp(line, MAGIC " ", k + 1) != 0 ||
	    !wk_safe_is_date(line + k + 1))
		return;
	memcpy(date, line + k + 1, 11);
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		char *f[4], *p = line;
		size_t i;

		for (i = 0; i < 4; i++) {
			f[i] = p;
			p = strchr(p, '\t');
			if (i < 3 && p == NULL)
				break;
			if (p != NULL)
				*p++ = '\0';
		}
		if (i < 4 || !wk_safe_plain(f[0]) || f[0][0] == '.' ||
		    !wk_safe_is_date(f[1]) ||
		    (strcmp(f[2], "built") != 0 && strcmp(f[2], "clip") != 0))
			continue;	/* not ours: the file is remade below */
		if (recs_put(&l->old, f[0], f[3], f[1],
		    strcmp(f[2], "clip") == 0 ? CLIP : BUILT) != 0)
			l->broken = 1;
	}
}

/* Reads latest/MANIFEST; *date gets its date, "" when there is none. */
static void
read_manifest(struct wk_latest *l, struct wk_diags *d, char date[11])
{
	int fd = wk_safe_open_read(wk_outdir_latestfd(l->o), MANIFEST);
	char *text = NULL;
	ssize_t n;
	size_t len = 0;

	date[0] = '\0';
	if (fd < 0) {
		if (errno != ENOENT)
			wk_diag(d, WK_WARNING, wk_outdir_latest(l->o), 0, 0,
			    _("%s is not willakuy's (a link or not a plain file): "
			    "it is ignored and replaced"), MANIFEST);
		return;
	}
	if ((text = malloc(MANIFEST_MAX + 1)) == NULL) {
		l->broken = 1;
		close(fd);
		return;
	}
	while (len < MANIFEST_MAX &&
	    (n = read(fd, text + len, MANIFEST_MAX - len)) > 0)
		len += (size_t)n;
	close(fd);
	text[len] = '\0';
	parse(l, text, date);
	free(text);
}

/* The manifest's text: the date the run settles for, then each record
 * of v, extra (when not NULL) in place of v's record of its name. */
static char *
manifest_text(struct wk_latest *l, const struct recs *v, const struct rec *extra)
{
	struct wk_buf b = WK_BUF_INIT;
	size_t i;
	int put = 0;

	wk_buf_printf(&b, "%s %s\n", MAGIC, wk_outdir_date(l->o));
	for (i = 0; i <= v->n; i++) {
		const struct rec *e = i < v->n ? &v->v[i] : NULL;

		if (extra != NULL && ((e != NULL && strcmp(e->name,
		    extra->name) == 0) || (e == NULL && !put))) {
			e = extra;
			put = 1;
		}
		if (e != NULL)
			wk_buf_printf(&b, "%s\t%s\t%s\t%s\n", e->name, e->date,
			    e->kind == CLIP ? "clip" : "built", e->src);
	}
	return wk_buf_steal(&b);
}

/* NAME of a base NAME.mp3 (malloc'd), or NULL. */
static char *
name_of(const char *base)
{
	size_t n = strlen(base);

	if (n < 5 || strcmp(base + n - 4, ".mp3") != 0)
		return NULL;
	return strndup(base, n - 4);
}

/* publish.c's question: the manifest once latest/base is the date's. */
static char *
ops_text(void *arg, const char *base)
{
	struct wk_latest *l = arg;
	struct rec e;
	const struct rec *was;
	char *text;

	if ((e.name = name_of(base)) == NULL)
		return NULL;
	was = recs_find(&l->cur, e.name);
	e.src = l->src ? l->src : was ? was->src : "";
	snprintf(e.date, sizeof e.date, "%s", wk_outdir_date(l->o));
	e.kind = BUILT;
	text = manifest_text(l, &l->cur, &e);
	free(e.name);
	return text;
}

/* ... and its news: latest/base is the date's now. */
static void
ops_moved(void *arg, const char *base)
{
	struct wk_latest *l = arg;
	const struct rec *was;
	char *name = name_of(base), *src;

	if (name == NULL) {
		l->broken = 1;
		return;
	}
	was = recs_find(&l->cur, name);
	src = strdup(l->src ? l->src : was ? was->src : "");
	if (src == NULL || recs_put(&l->cur, name, src, wk_outdir_date(l->o),
	    BUILT) != 0)
		l->broken = 1;
	free(src);
	free(name);
}

enum wk_status
wk_latest_open(struct wk_outdir *o, struct wk_diags *d, struct wk_latest **out,
    struct wk_err *err)
{
	const char *run = wk_outdir_date(o), *today = wk_outdir_today(o);
	struct wk_manifest_ops ops = { ops_text, ops_moved, NULL };
	struct wk_latest *l;
	struct stat st;
	char date[11];
	size_t i;

	if ((*out = l = calloc(1, sizeof *l)) == NULL)
		return wk_err_nomem(err);
	l->o = o;
	read_manifest(l, d, date);
	for (i = 0; i < l->old.n; i++)
		if (recs_put(&l->cur, l->old.v[i].name, l->old.v[i].src,
		    l->old.v[i].date, l->old.v[i].kind) != 0)
			l->broken = 1;
	if (strcmp(run, today) > 0) {
		/* Not on the air yet: the next run on or after the date
		 * moves latest/ (and the feeds). */
		l->held = l->future = 1;
		wk_outdir_hold_latest(o);
		wk_diag(d, WK_NOTE, NULL, 0, 0,
		    _("built for %s, after today (%s): latest/, its page and "
		    "playlist and the podcast feeds stay as they are until that "
		    "date; the first run on or after it puts these bulletins "
		    "there"), run, today);
	} else if (date[0] != '\0' && strcmp(date, today) > 0) {
		/* A clock set wrong, or -d mistyped, by a run that moved
		 * latest/ to a date not yet come: today's run takes it back. */
		snprintf(l->unpinned, sizeof l->unpinned, "%s", date);
		wk_diag(d, WK_WARNING, wk_outdir_latest(o), 0, 0,
		    _("latest/ held the bulletins of %s, a date after today "
		    "(%s): a clock set wrong, or a mistyped -d, when they were "
		    "built. It now holds those of %s; the folder %s stays, "
		    "remove it if it was a mistake"), date, today, run, date);
	} else if (date[0] != '\0' && strcmp(date, run) > 0 &&
	    fstatat(wk_outdir_fd(o), date, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISDIR(st.st_mode)) {
		/* A later date whose folder is gone was a mistake undone. */
		l->held = 1;
		snprintf(l->later, sizeof l->later, "%s", date);
		wk_outdir_hold_latest(o);
		wk_diag(d, WK_NOTE, NULL, 0, 0,
		    _("latest/ holds the bulletins of %s, later than %s: it is "
		    "left as it is (latest/ only moves forward)"), date, run);
	}
	if (!l->held) {
		ops.arg = l;
		wk_outdir_set_manifest(o, &ops);
	}
	return WK_OK;
}

void
wk_latest_free(struct wk_latest *l)
{
	size_t i;

	if (l == NULL)
		return;
	wk_outdir_set_manifest(l->o, NULL);
	recs_free(&l->old);
	recs_free(&l->cur);
	recs_free(&l->now);
	free(l->src);
	for (i = 0; i < l->nfailed_files; i++)
		free(l->failed_files[i]);
	free(l->failed_files);
	free(l);
}

void
wk_latest_source(struct wk_latest *l, const char *path)
{
	if (l == NULL)
		return;
	free(l->src);
	if ((l->src = canon(path)) == NULL)
		l->broken = 1;
}

int
wk_latest_future(const struct wk_latest *l)
{
	return l != NULL && l->future;
}

const char *
wk_latest_unpinned(const struct wk_latest *l)
{
	return l != NULL && l->unpinned[0] != '\0' ? l->unpinned : NULL;
}

const char *
wk_latest_later(const struct wk_latest *l)
{
	return l != NULL && l->later[0] != '\0' ? l->later : NULL;
}

static void
record(struct wk_latest *l, const char *path, const char *name, enum kind k)
{
	char *src;

	if (l == NULL)
		return;
	if ((src = canon(path)) == NULL ||
	    recs_put(&l->now, name, src, wk_outdir_date(l->o), k) != 0)
		l->broken = 1;
	free(src);
}

void
wk_latest_built(struct wk_latest *l, const char *path, const char *name)
{
	record(l, path, name, BUILT);
}

void
wk_latest_failed(struct wk_latest *l, const char *path, const char *name)
{
	/* A language that failed does not undo one built by the same run. */
	struct rec *e = l ? recs_find(&l->now, name) : NULL;

	if (e == NULL || e->kind != BUILT)
		record(l, path, name, FAILED);
}

void
wk_latest_failed_file(struct wk_latest *l, const char *path)
{
	char **v, *src;

	if (l == NULL)
		return;
	if ((src = canon(path)) == NULL ||
	    (v = realloc(l->failed_files, (l->nfailed_files + 1) *
	    sizeof *v)) == NULL) {
		free(src);
		l->broken = 1;
		return;
	}
	l->failed_files = v;
	v[l->nfailed_files++] = src;
}

/* 1 when entry is NAME.EXT for an extension of letters and digits. */
static int
file_of(const char *entry, const char *name)
{
	size_t k = strlen(name);
	const char *p;

	if (strncmp(entry, name, k) != 0 || entry[k] != '.' || entry[k + 1] == '\0')
		return 0;
	for (p = entry + k + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')))
			return 0;
	return 1;
}

/* The names of latest/'s entries, NULL-terminated (caller frees). */
static char **
list_latest(struct wk_latest *l)
{
	int fd = dup(wk_outdir_latestfd(l->o));
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	char **v = NULL, **v2;
	size_t n = 0;

	if (dir == NULL) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	rewinddir(dir);	/* the duplicate shares the offset */
	if ((v = calloc(1, sizeof *v)) == NULL)
		goto fail;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((v2 = realloc(v, (n + 2) * sizeof *v)) == NULL)
			goto fail;
		v = v2;
		if ((v[n] = strdup(e->d_name)) == NULL)
			goto fail;
		v[++n] = NULL;
	}
	closedir(dir);
	return v;
fail:
	while (v != NULL && n > 0)
		free(v[--n]);
	free(v);
	closedir(dir);
	return NULL;
}

static void
free_list(char **v)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* 1 when a date folder holds base: the mark of a bulletin-language's file
 * that latest/ held before it had a manifest. */
static int
some_day_holds(struct wk_latest *l, const char *base)
{
	int fd = dup(wk_outdir_fd(l->o)), found = 0;
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;

	if (dir == NULL) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	rewinddir(dir);
	while (!found && (e = readdir(dir)) != NULL) {
		struct stat st;
		int dfd;

		if (!wk_safe_is_date(e->d_name) ||
		    (dfd = wk_safe_opendir(wk_outdir_fd(l->o), e->d_name)) < 0)
			continue;
		found = fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode);
		close(dfd);
	}
	closedir(dir);
	return found;
}

/* Every bulletin-language latest/ may hold something of: the manifest's,
 * this run's, and files of bulletins published before the manifest. */
static int
gather(struct wk_latest *l, char **entries, struct recs *names)
{
	struct wk_buf stem = WK_BUF_INIT, mp3 = WK_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < l->old.n && rc == 0; i++)
		rc = recs_put(names, l->old.v[i].name, "", "", BUILT);
	for (i = 0; i < l->now.n && rc == 0; i++)
		rc = recs_put(names, l->now.v[i].name, "", "", BUILT);
	for (i = 0; entries[i] != NULL && rc == 0; i++) {
		const char *dot = strrchr(entries[i], '.');

		if (dot == NULL || dot == entries[i])
			continue;
		wk_buf_clear(&stem);
		wk_buf_clear(&mp3);
		wk_buf_append(&stem, entries[i], (size_t)(dot - entries[i]));
		wk_buf_printf(&mp3, "%s.mp3", wk_buf_str(&stem));
		if (stem.failed || mp3.failed)
			rc = -1;
		else if (recs_find(names, wk_buf_str(&stem)) == NULL &&
		    file_of(entries[i], wk_buf_str(&stem)) &&
		    some_day_holds(l, wk_buf_str(&mp3)))
			rc = recs_put(names, wk_buf_str(&stem), "", "", BUILT);
	}
	wk_buf_free(&stem);
	wk_buf_free(&mp3);
	return rc;
}

/* What the end of the run does to latest/, written down before it is
 * done: one journal (DAY/.latest.journal, journal.h) with every file put
 * in place, every file removed and the manifest, so that a run killed
 * half way leaves latest/ and its manifest agreeing once the next run
 * finishes it. */
struct plan {
	struct wk_journal *j;
	char **tmps;		/* temporaries made in latest/ */
	size_t ntmps;
	int broken;		/* out of memory, or a temporary not made */
};

/* Adds a move of the temporary tmp (now the plan's) to latest/to. */
static void
plan_move(struct plan *pl, char *tmp, const char *to)
{
	char **v = realloc(pl->tmps, (pl->ntmps + 1) * sizeof *v);

	if (v == NULL) {
		pl->broken = 1;
		free(tmp);
		return;
	}
	pl->tmps = v;
	v[pl->ntmps++] = tmp;
	if (wk_journal_add(pl->j, WK_JLATEST, tmp, to) != 0)
		pl->broken = 1;
}

/* Plans the removal of latest/NAME.* (NAME.mp3 too unless keep_mp3); 1
 * if there is anything to remove. A link is removed itself; a folder is
 * left. */
static int
plan_drops(struct wk_latest *l, struct plan *pl, char **entries,
    const char *name, int keep_mp3)
{
	int lfd = wk_outdir_latestfd(l->o), any = 0;
	size_t i, k = strlen(name);
	struct stat st;
	char id[96];

	for (i = 0; entries[i] != NULL; i++) {
		if (!file_of(entries[i], name) ||
		    (keep_mp3 && strcmp(entries[i] + k, ".mp3") == 0) ||
		    fstatat(lfd, entries[i], &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    S_ISDIR(st.st_mode))
			continue;
		if (wk_journal_ident(&st, id, sizeof id) != 0 ||
		    wk_journal_add(pl->j, WK_JDROP, entries[i], id) != 0)
			pl->broken = 1;
		any = 1;
	}
	return any;
}

/* 1 when latest/base is the date folder's base: the same file (a hard
 * link), or a copy of it byte for byte. */
static int
same_file(struct wk_latest *l, const char *base)
{
	int dfd = wk_outdir_dayfd(l->o), lfd = wk_outdir_latestfd(l->o);
	int a = -1, b = -1, same = 0;
	struct stat sa, sb;
	char x[1 << 14], y[1 << 14];
	ssize_t n, m;

	if (fstatat(dfd, base, &sa, AT_SYMLINK_NOFOLLOW) != 0 ||
	    fstatat(lfd, base, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
	    !S_ISREG(sa.st_mode) || !S_ISREG(sb.st_mode) ||
	    sa.st_size != sb.st_size)
		return 0;
	if (sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino)
		return 1;
	/* Either may be latest/'s hard link to the other's date. */
	if ((a = wk_safe_open_own(dfd, base, 2)) < 0 ||
	    (b = wk_safe_open_own(lfd, base, 2)) < 0)
		goto out;
	for (;;) {
		n = read(a, x, sizeof x);
		m = n > 0 ? read(b, y, (size_t)n) : 0;
		if (n < 0 || m != n || memcmp(x, y, (size_t)n) != 0)
			break;
		if (n == 0) {
			same = 1;
			break;
		}
	}
out:
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);
	return same;
}

/* Is the failed bulletin-language's bulletin among the unreadable files? */
static int
file_failed(const struct wk_latest *l, const struct rec *old)
{
	size_t i;

	for (i = 0; old != NULL && old->src[0] != '\0' &&
	    i < l->nfailed_files; i++)
		if (strcmp(l->failed_files[i], old->src) == 0)
			return 1;
	return 0;
}

/* The station's clip, encoded once per run into a temporary file. */
struct clip {
	FILE *f;
	int tried;
};

static FILE *
clip_file(struct clip *c, const struct wk_station *s,
    const struct wk_audio_params *p, struct wk_diags *d)
{
	struct wk_err err;
	double secs;

	if (c->tried)
		return c->f;
	c->tried = 1;
	if ((c->f = tmpfile()) == NULL) {
		wk_diag(d, WK_ERROR, NULL, 0, 0, "%s",
		    _("cannot create a temporary file (TMPDIR)"));
		return NULL;
	}
	memset(&err, 0, sizeof err);
	if (wk_failclip_encode(s->failure_clip, p, s->name, c->f, &secs,
	    &err) != WK_OK || fflush(c->f) != 0) {
		if (err.file[0] == '\0')
			snprintf(err.file, sizeof err.file, "%s", s->failure_clip);
		wk_diag(d, WK_ERROR, err.file, err.line, err.col,
		    _("the station's clip for failed bulletins cannot be used: "
		    "%s. latest/ keeps nothing for them; fix the clip, or "
		    "check it with 'willakuy check %s'"), err.msg, s->path);
		fclose(c->f);
		c->f = NULL;
	}
	return c->f;
}

/* Writes a copy of the clip as a temporary of latest/ for NAME.mp3;
 * *tmp gets its name. 0, or -1 with errno. */
static int
clip_tmp(struct wk_latest *l, FILE *clip, const char *name, char **tmp)
{
	int lfd = wk_outdir_latestfd(l->o), fd, rc = 0;
	struct wk_buf pre = WK_BUF_INIT;
	char buf[1 << 15];
	size_t n;

	*tmp = NULL;
	wk_buf_printf(&pre, ".%s.mp3.tmp.", name);
	if (pre.failed) {
		errno = ENOMEM;
		return -1;
	}
	if ((fd = wk_safe_create(lfd, wk_buf_str(&pre), "", tmp)) < 0)
		rc = -1;
	else {
		rewind(clip);
		while (rc == 0 && (n = fread(buf, 1, sizeof buf, clip)) > 0)
			rc = wk_safe_write_all(fd, buf, n);
		if (ferror(clip))
			rc = -1;
		if (close(fd) != 0)
			rc = -1;
		if (rc != 0) {
			unlinkat(lfd, *tmp, 0);
			free(*tmp);
			*tmp = NULL;
		}
	}
	wk_buf_free(&pre);
	return rc;
}

/* Writes the manifest of the records in v as a temporary of latest/ and
 * plans its move. 0, or -1 with errno. */
static int
plan_manifest(struct wk_latest *l, struct plan *pl, const struct recs *v)
{
	char *text = manifest_text(l, v, NULL), *tmp = NULL;
	int fd, rc = 0;

	if (text == NULL) {
		errno = ENOMEM;
		return -1;
	}
	if ((fd = wk_safe_create(wk_outdir_latestfd(l->o), MANIFEST ".tmp.",
	    "", &tmp)) < 0)
		rc = -1;
	else {
		rc = wk_safe_write_all(fd, text, strlen(text));
		if (close(fd) != 0)
			rc = -1;
		if (rc != 0) {
			unlinkat(wk_outdir_latestfd(l->o), tmp, 0);
			free(tmp);
		} else
			plan_move(pl, tmp, MANIFEST);
	}
	free(text);
	return rc;
}

/* What becomes of one bulletin-language: planned in pl, its record (if
 * latest/ keeps something of it) added to keep. -1 when out of memory. */
static int
settle_one(struct wk_latest *l, struct plan *pl, char **entries,
    const char *name, struct clip *clip, const struct wk_station *s,
    const struct wk_audio_params *p, struct wk_diags *d, struct recs *keep)
{
	const char *date = wk_outdir_date(l->o);
	const struct rec *old = recs_find(&l->old, name);
	const struct rec *now = recs_find(&l->now, name);
	const char *src = now ? now->src : old ? old->src : "";
	struct wk_buf mp3 = WK_BUF_INIT;
	struct stat st;
	int built_today, failed, rc = 0;
	char *tmp;
	FILE *f;

	wk_buf_printf(&mp3, "%s.mp3", name);
	if (mp3.failed)
		return -1;
	if (wk_outdir_newer(l->o, wk_buf_str(&mp3))) {
		/* A later date's: not this run's to change. */
		if (old != NULL)
			rc = recs_put(keep, name, old->src, old->date, old->kind);
		goto out;
	}
	/* Published for the date by this run, or by an earlier one. */
	built_today = (now != NULL && now->kind == BUILT) ||
	    (fstatat(wk_outdir_dayfd(l->o), wk_buf_str(&mp3), &st,
	    AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode));
	failed = (now != NULL && now->kind == FAILED) || file_failed(l, old);
	if (built_today) {
		/* latest/ gets the date's file, if it has another: built
		 * when the date was still to come, or put back. */
		if (!same_file(l, wk_buf_str(&mp3))) {
			if (wk_outdir_link_latest(l->o, wk_buf_str(&mp3),
			    &tmp) != 0) {
				wk_diag(d, WK_ERROR, wk_outdir_latest(l->o), 0, 0,
				    _("cannot put %s of %s in latest/: %s"),
				    wk_buf_str(&mp3), date, strerror(errno));
				if (old != NULL)
					rc = recs_put(keep, name, old->src,
					    old->date, old->kind);
				goto out;
			}
			plan_move(pl, tmp, wk_buf_str(&mp3));
			wk_diag(d, WK_NOTE, NULL, 0, 0,
			    _("latest/%s: the one built for %s"),
			    wk_buf_str(&mp3), date);
		}
		rc = recs_put(keep, name, src, date, BUILT);
		goto out;
	}
	if (old != NULL && old->kind == CLIP && strcmp(old->date, date) == 0 &&
	    fstatat(wk_outdir_latestfd(l->o), wk_buf_str(&mp3), &st,
	    AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
		/* The clip put in place earlier today stays. */
		plan_drops(l, pl, entries, name, 1);
		rc = recs_put(keep, name, src, date, CLIP);
		goto out;
	}
	if (failed && s->on_failure == WK_LATEST_CLIP &&
	    (f = clip_file(clip, s, p, d)) != NULL) {
		if (clip_tmp(l, f, name, &tmp) == 0) {
			plan_drops(l, pl, entries, name, 1);
			plan_move(pl, tmp, wk_buf_str(&mp3));
			wk_diag(d, WK_NOTE, NULL, 0, 0,
			    _("latest/%s.mp3: the station's clip %s, since %s "
			    "could not be built for %s"), name, s->failure_clip,
			    name, date);
			rc = recs_put(keep, name, src, date, CLIP);
			goto out;
		}
		wk_diag(d, WK_ERROR, wk_outdir_latest(l->o), 0, 0,
		    _("cannot put the station's clip as %s.mp3: %s; latest/ "
		    "keeps nothing for %s"), name, strerror(errno), name);
	}
	if (plan_drops(l, pl, entries, name, 0))
		wk_diag(d, WK_NOTE, NULL, 0, 0,
		    _("latest/%s.*: removed, %s was not built for %s"), name,
		    name, date);
out:
	wk_buf_free(&mp3);
	return rc;
}

/* Runs the plan: the journal written in the date folder, its moves made,
 * the journal removed. 0 when done; -1 (err set) when the journal could
 * not be written, and nothing was done; -2 (err set) when some move is
 * not done yet: the journal stays, with its temporaries, for the next
 * run to finish. */
static int
plan_run(struct wk_latest *l, struct plan *pl, struct wk_err *err)
{
	struct wk_outdir *o = l->o;
	int rc;

	if (wk_journal_write(pl->j, wk_outdir_dayfd(o), wk_outdir_day(o),
	    "latest", err) != WK_OK)
		return -1;
	rc = wk_journal_run(pl->j, wk_outdir_dayfd(o), wk_outdir_latestfd(o),
	    wk_outdir_day(o), err);
	if (rc >= 0)
		wk_journal_remove(wk_outdir_dayfd(o), "latest");
	return rc == 0 ? 0 : -2;
}

void
wk_latest_settle(struct wk_latest *l, const struct wk_station *s,
    const struct wk_audio_params *p, struct wk_diags *d)
{
	struct recs names = { NULL, 0 }, keep = { NULL, 0 };
	struct clip clip = { NULL, 0 };
	struct plan pl = { NULL, NULL, 0, 0 };
	struct wk_err err;
	char **entries = NULL, r[17], run[40];
	size_t i;
	int rc = 0;

	if (l == NULL || l->held)
		return;
	wk_random_hex(r);
	snprintf(run, sizeof run, "latest-%ld-%s", (long)getpid(), r);
	if (l->broken || (entries = list_latest(l)) == NULL ||
	    gather(l, entries, &names) != 0 ||
	    (pl.j = wk_journal_new(run)) == NULL) {
		wk_diag(d, WK_ERROR, wk_outdir_latest(l->o), 0, 0, "%s",
		    _("latest/ could not be checked (out of memory, or it cannot "
		    "be read): it may still hold bulletins of an earlier day"));
		goto out;
	}
	for (i = 0; i < names.n && rc == 0; i++)
		rc = settle_one(l, &pl, entries, names.v[i].name, &clip, s, p, d,
		    &keep);
	if (rc != 0 || pl.broken) {
		wk_diag(d, WK_ERROR, wk_outdir_latest(l->o), 0, 0, "%s",
		    _("latest/ could not be settled (out of memory): it may still "
		    "hold bulletins of an earlier day"));
		goto out;
	}
	if (plan_manifest(l, &pl, &keep) != 0 || pl.broken) {
		wk_diag(d, WK_ERROR, wk_outdir_latest(l->o), 0, 0,
		    _("cannot write %s: %s; latest/ is left as it was"), MANIFEST,
		    strerror(errno));
		goto out;
	}
	memset(&err, 0, sizeof err);
	if ((rc = plan_run(l, &pl, &err)) != 0)
		wk_diag(d, WK_ERROR, err.file[0] ? err.file :
		    wk_outdir_latest(l->o), 0, 0, "%s", err.msg);
	if (rc != -1) {
		/* Moved, or the journal's for the next run to move. */
		for (i = 0; i < pl.ntmps; i++)
			free(pl.tmps[i]);
		pl.ntmps = 0;
	}
out:
	/* Temporaries of a plan not carried out (the journal's undone ones
	 * are gone already). */
	for (i = 0; i < pl.ntmps; i++) {
		unlinkat(wk_outdir_latestfd(l->o), pl.tmps[i], 0);
		free(pl.tmps[i]);
	}
	free(pl.tmps);
	wk_journal_free(pl.j);
	if (clip.f != NULL)
		fclose(clip.f);
	free_list(entries);
	recs_free(&names);
	recs_free(&keep);
}
