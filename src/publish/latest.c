/*
 * latest/ settled after a run (see latest.h): the manifest read and
 * written, the stale files of bulletin-languages removed, the station's
 * clip put in place of a failed bulletin. Every name below OUTDIR is
 * reached from the output folder's descriptors with O_NOFOLLOW or
 * AT_SYMLINK_NOFOLLOW; a link planted in latest/ is removed or replaced,
 * never followed. Temporaries are ".NAME.tmp.<random>", which the next run
 * removes if this one is killed.
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
#include "latest.h"
#include "base/paths.h"
#include "publish.h"
#include "base/safedir.h"
#include "read/station.h"

#define MANIFEST ".willakuy-latest"
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
	struct recs now;	/* this run's outcomes (BUILT or FAILED) */
	char **failed_files;	/* bulletin files that could not be read */
	size_t nfailed_files;
	int held;		/* latest/ is a later date's: left alone */
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

enum wk_status
wk_latest_open(struct wk_outdir *o, struct wk_diags *d, struct wk_latest **out,
    struct wk_err *err)
{
	struct wk_latest *l;
	struct stat st;
	char date[11];

	if ((*out = l = calloc(1, sizeof *l)) == NULL)
		return wk_err_nomem(err);
	l->o = o;
	read_manifest(l, d, date);
	/* A later date whose folder is gone was a mistake undone. */
	if (date[0] != '\0' && strcmp(date, wk_outdir_date(o)) > 0 &&
	    fstatat(wk_outdir_fd(o), date, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISDIR(st.st_mode)) {
		l->held = 1;
		wk_outdir_hold_latest(o);
		wk_diag(d, WK_NOTE, NULL, 0, 0,
		    _("latest/ holds the bulletins of %s, later than %s: it is "
		    "left as it is (latest/ only moves forward)"), date,
		    wk_outdir_date(o));
	}
	return WK_OK;
}

void
wk_latest_free(struct wk_latest *l)
{
	size_t i;

	if (l == NULL)
		return;
	recs_free(&l->old);
	recs_free(&l->now);
	for (i = 0; i < l->nfailed_files; i++)
		free(l->failed_files[i]);
	free(l->failed_files);
	free(l);
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

/* Removes latest/NAME.* (NAME.mp3 too unless keep_mp3); 1 if anything
 * was. A link is removed itself; a folder is left. */
static int
remove_files(struct wk_latest *l, char **entries, const char *name,
    int keep_mp3)
{
	int lfd = wk_outdir_latestfd(l->o), removed = 0;
	size_t i, k = strlen(name);
	struct stat st;

	for (i = 0; entries[i] != NULL; i++) {
		if (!file_of(entries[i], name) ||
		    (keep_mp3 && strcmp(entries[i] + k, ".mp3") == 0) ||
		    fstatat(lfd, entries[i], &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    S_ISDIR(st.st_mode))
			continue;
		if (unlinkat(lfd, entries[i], 0) == 0)
			removed = 1;
	}
	return removed;
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

/* Puts a copy of the clip as latest/NAME.mp3 (a temporary, then renamed
 * over whatever was there). 0, or -1 with errno. */
static int
place_clip(struct wk_latest *l, FILE *clip, const char *name)
{
	int lfd = wk_outdir_latestfd(l->o), fd, rc = 0;
	struct wk_buf pre = WK_BUF_INIT, fin = WK_BUF_INIT;
	char buf[1 << 15], *tmp = NULL;
	size_t n;

	wk_buf_printf(&pre, ".%s.mp3.tmp.", name);
	wk_buf_printf(&fin, "%s.mp3", name);
	if (pre.failed || fin.failed) {
		errno = ENOMEM;
		rc = -1;
	} else if ((fd = wk_safe_create(lfd, wk_buf_str(&pre), "", &tmp)) < 0)
		rc = -1;
	else {
		rewind(clip);
		while (rc == 0 && (n = fread(buf, 1, sizeof buf, clip)) > 0)
			rc = wk_safe_write_all(fd, buf, n);
		if (ferror(clip))
			rc = -1;
		if (close(fd) != 0)
			rc = -1;
		if (rc == 0 && renameat(lfd, tmp, lfd, wk_buf_str(&fin)) != 0)
			rc = -1;
		if (rc != 0)
			unlinkat(lfd, tmp, 0);
	}
	free(tmp);
	wk_buf_free(&pre);
	wk_buf_free(&fin);
	return rc;
}

/* Writes the manifest of the records in v (wk_safe_replace). */
static int
write_manifest(struct wk_latest *l, const struct recs *v)
{
	struct wk_buf b = WK_BUF_INIT;
	size_t i;
	int rc;

	wk_buf_printf(&b, "%s %s\n", MAGIC, wk_outdir_date(l->o));
	for (i = 0; i < v->n; i++)
		wk_buf_printf(&b, "%s\t%s\t%s\t%s\n", v->v[i].name, v->v[i].date,
		    v->v[i].kind == CLIP ? "clip" : "built", v->v[i].src);
	if (b.failed) {
		errno = ENOMEM;
		return -1;
	}
	rc = wk_safe_replace(wk_outdir_latestfd(l->o), MANIFEST, b.data, b.len);
	wk_buf_free(&b);
	return rc;
}

/* What becomes of one bulletin-language; its record (if latest/ keeps
 * something of it) is added to keep. -1 when out of memory. */
static int
settle_one(struct wk_latest *l, char **entries, const char *name,
    struct clip *clip, const struct wk_station *s,
    const struct wk_audio_params *p, struct wk_diags *d, struct recs *keep)
{
	const char *date = wk_outdir_date(l->o);
	const struct rec *old = recs_find(&l->old, name);
	const struct rec *now = recs_find(&l->now, name);
	const char *src = now ? now->src : old ? old->src : "";
	struct wk_buf mp3 = WK_BUF_INIT;
	struct stat st;
	int built_today, failed, rc = 0;
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
	/* Published for the date by this run, or by an earlier one today. */
	built_today = (now != NULL && now->kind == BUILT) ||
	    (fstatat(wk_outdir_dayfd(l->o), wk_buf_str(&mp3), &st,
	    AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode));
	failed = (now != NULL && now->kind == FAILED) || file_failed(l, old);
	if (built_today) {
		rc = recs_put(keep, name, src, date, BUILT);
		goto out;
	}
	if (old != NULL && old->kind == CLIP && strcmp(old->date, date) == 0 &&
	    fstatat(wk_outdir_latestfd(l->o), wk_buf_str(&mp3), &st,
	    AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
		/* The clip put in place earlier today stays. */
		remove_files(l, entries, name, 1);
		rc = recs_put(keep, name, src, date, CLIP);
		goto out;
	}
	if (failed && s->on_failure == WK_LATEST_CLIP &&
	    (f = clip_file(clip, s, p, d)) != NULL) {
		remove_files(l, entries, name, 1);
		if (place_clip(l, f, name) == 0) {
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
	if (remove_files(l, entries, name, 0))
		wk_diag(d, WK_NOTE, NULL, 0, 0,
		    _("latest/%s.*: removed, %s was not built for %s"), name,
		    name, date);
out:
	wk_buf_free(&mp3);
	return rc;
}

void
wk_latest_settle(struct wk_latest *l, const struct wk_station *s,
    const struct wk_audio_params *p, struct wk_diags *d)
{
	struct recs names = { NULL, 0 }, keep = { NULL, 0 };
	struct clip clip = { NULL, 0 };
	char **entries = NULL;
	size_t i;
	int rc = 0;

	if (l == NULL || l->held)
		return;
	if (l->broken || (entries = list_latest(l)) == NULL ||
	    gather(l, entries, &names) != 0) {
		wk_diag(d, WK_ERROR, wk_outdir_latest(l->o), 0, 0, "%s",
		    _("latest/ could not be checked (out of memory, or it cannot "
		    "be read): it may still hold bulletins of an earlier day"));
		goto out;
	}
	for (i = 0; i < names.n && rc == 0; i++)
		rc = settle_one(l, entries, names.v[i].name, &clip, s, p, d, &keep);
	if (rc != 0)
		wk_diag(d, WK_ERROR, wk_outdir_latest(l->o), 0, 0, "%s",
		    _("latest/ could not be settled (out of memory): it may still "
		    "hold bulletins of an earlier day"));
	else if (write_manifest(l, &keep) != 0)
		wk_diag(d, WK_WARNING, wk_outdir_latest(l->o), 0, 0,
		    _("cannot write %s: %s"), MANIFEST, strerror(errno));
out:
	if (clip.f != NULL)
		fclose(clip.f);
	free_list(entries);
	recs_free(&names);
	recs_free(&keep);
}
