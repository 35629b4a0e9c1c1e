/*
 * After a run's publications: the podcast feeds, latest/index.html and
 * latest/latest.m3u (texts from podcast.c) are made from the files the
 * output folder holds now, read from directory descriptors without
 * following a link at any step, and only when they are the running
 * user's; then the station's per-bulletin hook
 * runs through notify.c's wk_hook_run. Durations and titles come from the
 * MP3s themselves (mp3file.c), so bulletins of earlier runs are listed
 * like this run's.
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
#include "base/text.h"
#include "say/compose.h"
#include "mp3file.h"
#include "hook.h"
#include "playout.h"
#include "podcast.h"
#include "base/safedir.h"
#include "read/station.h"

/* A transcript longer than this is left out of feeds and the page. */
#define MAX_TRANSCRIPT (1 << 20)

/* The podcast's picture is at most this large (directories ask for
 * 3000 x 3000 pixels at most, a few hundred kilobytes). */
#define MAX_ARTWORK (8 << 20)

/* A bulletin-language this run published. */
struct pub {
	char *bulletin, *lang, *title;
	char *locale;		/* the feed's language tag */
};

struct wk_playout {
	const struct wk_station *st;
	char *outdir;
	char date[11];
	char today[11];		/* no episode after it */
	struct pub *v;
	size_t n;
};

/* An episode and the strings it points to. */
struct item {
	struct wk_episode e;
	char *file, *txt, *opus, *transcript, *title;
};

struct wk_playout *
wk_playout_new(const struct wk_station *station, const char *outdir,
    struct wk_date date, struct wk_date today)
{
	struct wk_playout *p = calloc(1, sizeof *p);

	if (p == NULL || (p->outdir = strdup(outdir)) == NULL) {
		free(p);
		return NULL;
	}
	p->st = station;
	wk_date_format(date, p->date);
	wk_date_format(today.y > 0 ? today : date, p->today);
	return p;
}

void
wk_playout_free(struct wk_playout *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->v[i].bulletin);
		free(p->v[i].lang);
		free(p->v[i].title);
		free(p->v[i].locale);
	}
	free(p->v);
	free(p->outdir);
	free(p);
}

int
wk_playout_add(struct wk_playout *p, const struct wk_script *s,
    const char *locale)
{
	struct pub *v = realloc(p->v, (p->n + 1) * sizeof *v);

	if (v == NULL)
		return -1;
	p->v = v;
	v = &v[p->n];
	v->bulletin = strdup(s->bulletin);
	v->lang = strdup(s->lang);
	v->title = strdup(s->title);
	v->locale = strdup(locale ? locale : s->lang);
	if (v->bulletin == NULL || v->lang == NULL || v->title == NULL ||
	    v->locale == NULL) {
		free(v->bulletin);
		free(v->lang);
		free(v->title);
		free(v->locale);
		return -1;
	}
	p->n++;
	return 0;
}

/* Opens rel under fd (a name of latest/ or DATE/NAME) when it is a file
 * of willakuy's: every folder on the way and the file itself reached
 * without following a link, the file the running user's (wk_safe_open_path;
 * latest/ may share it with its dated folder). A file planted by another
 * account that may write the output folder is not read. */
static int
open_own(int fd, const char *rel)
{
	return wk_safe_open_path(fd, rel, 2);
}

/* The size of the file rel under fd (open_own), or -1. */
static long long
file_size(int fd, const char *rel)
{
	struct stat sb;
	int k = open_own(fd, rel);
	long long n = -1;

	if (k < 0)
		return -1;
	if (fstat(k, &sb) == 0)
		n = (long long)sb.st_size;
	close(k);
	return n;
}

/* Opens the file rel under fd for reading (open_own), or NULL. */
static FILE *
open_file(int fd, const char *rel)
{
	FILE *f;
	int k = open_own(fd, rel);

	if (k < 0)
		return NULL;
	if ((f = fdopen(k, "rb")) == NULL)
		close(k);
	return f;
}

/* The text of rel under fd (malloc'd), or NULL when it is missing, too
 * long or not UTF-8 text we wrote. */
static char *
read_text(int fd, const char *rel)
{
	FILE *f = open_file(fd, rel);
	char *s = NULL;
	size_t n;

	if (f == NULL)
		return NULL;
	if ((s = malloc(MAX_TRANSCRIPT + 1)) != NULL) {
		n = fread(s, 1, MAX_TRANSCRIPT + 1, f);
		if (n > MAX_TRANSCRIPT || ferror(f) || memchr(s, 0, n) != NULL) {
			free(s);
			s = NULL;
		} else {
			s[n] = '\0';
			while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
				s[--n] = '\0';
		}
	}
	fclose(f);
	return s;
}

/* Duration and title of the MP3 rel under fd; 0 or -1. The date that a
 * whole bulletin's title ends with, " (YYYY-MM-DD)", is left out: the
 * page and the playlist name the bulletin as its script does and give
 * the date apart. */
static int
probe(int fd, const char *rel, char **title, double *seconds)
{
	FILE *f = open_file(fd, rel);
	struct wk_date d;
	size_t n;
	int rc;

	*title = NULL;
	*seconds = 0;
	if (f == NULL)
		return -1;
	rc = wk_mp3_probe(f, title, seconds);
	fclose(f);
	if (*title != NULL && (n = strlen(*title)) > 13 &&
	    strcmp(*title + n - 1, ")") == 0 &&
	    strncmp(*title + n - 13, " (", 2) == 0) {
		char day[11];

		memcpy(day, *title + n - 11, 10);
		day[10] = '\0';
		if (wk_date_parse(day, &d) == 0)
			(*title)[n - 13] = '\0';
	}
	return rc;
}

static int
newest_first(const void *a, const void *b)
{
	return strcmp(*(char *const *)b, *(char *const *)a);
}

/* The dated folders of fd (YYYY-MM-DD, real folders) up to today (a
 * date still to come is not on the air), newest first; *n of them. */
static char **
list_days(int fd, const char *today, size_t *n)
{
	char **v = NULL, **t;
	struct dirent *e;
	struct wk_date dt;
	struct stat sb;
	DIR *d;
	int k;

	*n = 0;
	if ((k = dup(fd)) < 0)
		return NULL;
	if ((d = fdopendir(k)) == NULL) {
		close(k);
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		if (strlen(e->d_name) != 10 || wk_date_parse(e->d_name, &dt) != 0 ||
		    strcmp(e->d_name, today) > 0 ||
		    fstatat(fd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISDIR(sb.st_mode))
			continue;
		if ((t = realloc(v, (*n + 1) * sizeof *v)) == NULL)
			break;
		v = t;
		if ((v[*n] = strdup(e->d_name)) == NULL)
			break;
		(*n)++;
	}
	closedir(d);
	if (*n > 0)
		qsort(v, *n, sizeof *v, newest_first);
	return v;
}

static void
free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

static void
free_items(struct item *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++) {
		free(v[i].file);
		free(v[i].txt);
		free(v[i].opus);
		free(v[i].transcript);
		free(v[i].title);
	}
	free(v);
}

static char *
printdup(const char *fmt, const char *a, const char *b)
{
	struct wk_buf s = WK_BUF_INIT;

	wk_buf_printf(&s, fmt, a, b);
	return wk_buf_steal(&s);
}

/*
 * Fills it with the episode of bulletin-language name on day: file is
 * where its MP3 is named from (dir "" for the output folder, "../" for
 * latest/). Returns 0, 1 when day has no MP3 of it, -1 when out of memory.
 */
static int
episode(const struct wk_playout *p, int fd, const char *day, const char *name,
    struct item *it)
{
	struct wk_buf rel = WK_BUF_INIT;
	char *tit2 = NULL;
	long long size;

	memset(it, 0, sizeof *it);
	wk_buf_printf(&rel, "%s/%s.mp3", day, name);
	if (rel.failed)
		return -1;
	if ((size = file_size(fd, wk_buf_str(&rel))) < 0) {
		wk_buf_free(&rel);
		return 1;
	}
	it->e.date = day;
	it->e.time = p->st->time;
	it->e.bytes = (unsigned long long)size;
	probe(fd, wk_buf_str(&rel), &tit2, &it->e.duration_s);
	it->title = tit2;
	it->file = wk_buf_steal(&rel);
	it->txt = printdup("%s/%s.txt", day, name);
	it->opus = printdup("%s/%s.opus", day, name);
	if (it->file == NULL || it->txt == NULL || it->opus == NULL)
		return -1;
	it->e.file = it->file;
	it->transcript = read_text(fd, it->txt);
	it->e.transcript = it->transcript;
	if (it->transcript != NULL)
		it->e.transcript_file = it->txt;
	if ((size = file_size(fd, it->opus)) >= 0) {
		it->e.opus_file = it->opus;
		it->e.opus_bytes = (unsigned long long)size;
		it->e.opus_kbps = p->st->opus_kbps;
	}
	return 0;
}

/* Writes b as name in the folder dirfd (path dir, for messages): a
 * temporary name beside it, synced, renamed over it (wk_safe_replace). */
static enum wk_status
put_file(int dirfd, const char *dir, const char *name, const struct wk_buf *b,
    struct wk_err *err)
{
	if (b->failed)
		return wk_err_nomem(err);
	if (wk_safe_replace(dirfd, name, b->data, b->len) != 0)
		return wk_err_set(err, WK_EIO, dir, 0, 0,
		    _("cannot write %s: %s"), name, strerror(errno));
	return WK_OK;
}

/* Opens (making it if need be) the folder name in fd, never through a
 * link. */
static int
subdir(int fd, const char *name)
{
	if (mkdirat(fd, name, 0755) != 0 && errno != EEXIST)
		return -1;
	return wk_safe_opendir(fd, name);
}

/*
 * The station's picture for the feeds (<publish artwork="FILE">), copied
 * into podcast/ as artwork.png or artwork.jpg when it is not there
 * already: its path relative to the output folder (static), or NULL with
 * a warning when it cannot be read or is neither PNG nor JPEG.
 */
static const char *
artwork(const struct wk_playout *p, int feedfd, struct wk_diags *d)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
		0x1A, '\n' };
	const char *file = p->st->artwork_file, *name = NULL, *why = NULL;
	struct wk_buf b = WK_BUF_INIT, old = WK_BUF_INIT;
	struct wk_err err;
	char chunk[65536];
	FILE *f;
	size_t n;

	if ((f = fopen(file, "rb")) == NULL)
		why = strerror(errno);
	else {
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 &&
		    b.len <= MAX_ARTWORK)
			wk_buf_append(&b, chunk, n);
		if (ferror(f))
			why = strerror(errno);
		fclose(f);
	}
	if (why == NULL && b.failed)
		why = _("out of memory");
	else if (why == NULL && b.len > MAX_ARTWORK)
		why = _("larger than 8 MB; podcast directories want a picture "
		    "of a few hundred kilobytes");
	else if (why == NULL && b.len >= 8 && memcmp(b.data, png, 8) == 0)
		name = "artwork.png";
	else if (why == NULL && b.len >= 3 && memcmp(b.data, "\xFF\xD8\xFF",
	    3) == 0)
		name = "artwork.jpg";
	else if (why == NULL)
		why = _("not a PNG or JPEG picture");
	if (name != NULL) {
		/* Written again only when it changed: no sync a day for
		 * nothing. */
		if ((f = open_file(feedfd, name)) != NULL) {
			while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 &&
			    old.len <= b.len)
				wk_buf_append(&old, chunk, n);
			fclose(f);
		}
		if ((old.len != b.len || old.failed || memcmp(old.data, b.data,
		    b.len) != 0) && put_file(feedfd, "podcast", name, &b,
		    &err) != WK_OK)
			why = err.msg;
	}
	if (why != NULL) {
		wk_diag(d, WK_WARNING, file, 0, 0, _("the podcast feeds go without "
		    "their picture (<publish artwork>): %s"), why);
		name = NULL;
	}
	wk_buf_free(&b);
	wk_buf_free(&old);
	return name == NULL ? NULL : strcmp(name, "artwork.png") == 0 ?
	    "podcast/artwork.png" : "podcast/artwork.jpg";
}

/* The feed of p->v[k], from every dated folder that has its MP3, with the
 * picture image (relative to the output folder or a URL; NULL: none). */
static enum wk_status
write_feed(const struct wk_playout *p, size_t k, int fd, int feedfd,
    char **days, size_t ndays, const char *image, struct wk_err *err)
{
	const struct pub *b;
	struct wk_channel c;
	struct wk_episode *eps = NULL;
	struct item *items = NULL;
	struct wk_buf name = WK_BUF_INIT, feed = WK_BUF_INIT, self = WK_BUF_INIT;
	enum wk_status st = WK_OK;
	size_t i, n = 0;
	int rc;

	assert(k < p->n);
	b = &p->v[k];
	wk_buf_printf(&name, "%s-%s", b->bulletin, b->lang);
	if (name.failed || (ndays > 0 && ((items = calloc(ndays,
	    sizeof *items)) == NULL || (eps = calloc(ndays, sizeof *eps)) ==
	    NULL))) {
		st = wk_err_nomem(err);
		goto out;
	}
	for (i = 0; i < ndays; i++) {
		rc = episode(p, fd, days[i], wk_buf_str(&name), &items[n]);
		if (rc < 0) {
			free_items(items, n + 1);
			items = NULL;
			st = wk_err_nomem(err);
			goto out;
		}
		if (rc > 0)
			continue;
		/* The title of today's script: a bulletin keeps its name. */
		items[n].e.title = b->title;
		items[n].e.bulletin = b->bulletin;
		items[n].e.lang = b->lang;
		eps[n] = items[n].e;
		n++;
	}
	wk_buf_puts(&name, ".xml");
	wk_buf_printf(&self, "podcast/%s", wk_buf_str(&name));
	if (name.failed || self.failed) {
		st = wk_err_nomem(err);
		goto out;
	}
	memset(&c, 0, sizeof c);
	c.station_id = p->st->id;
	c.station = p->st->name;
	c.title = b->title;
	c.lang = b->locale;
	c.image = image;
	c.base_url = p->st->base_url;
	c.feed_dir = "podcast";
	c.feed_file = wk_buf_str(&self);
	c.email = p->st->email;
	if ((st = wk_podcast_feed(&c, eps, n, &feed, err)) != WK_OK)
		goto out;
	st = put_file(feedfd, "podcast", wk_buf_str(&name), &feed, err);
out:
	free_items(items, n);
	free(eps);
	wk_buf_free(&name);
	wk_buf_free(&feed);
	wk_buf_free(&self);
	return st;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* True for NAME.mp3 (len bytes) where NAME can be a bulletin-language's:
 * a bulletin id and a language tag, letters, digits and '-'. Anything
 * else in latest/ was not published there by willakuy. */
static int
bundle_name(const char *s, size_t len)
{
	size_t i;

	if (len < 5 || strcmp(s + len - 4, ".mp3") != 0 || s[0] == '-')
		return 0;
	for (i = 0; i < len - 4; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* The bulletin-languages in latest/ (NAME of latest/NAME.mp3), by name. */
static char **
list_latest(int latestfd, size_t *n)
{
	char **v = NULL, **t;
	struct dirent *e;
	DIR *d;
	int k;

	*n = 0;
	if ((k = dup(latestfd)) < 0)
		return NULL;
	if ((d = fdopendir(k)) == NULL) {
		close(k);
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (!bundle_name(e->d_name, len) ||
		    file_size(latestfd, e->d_name) < 0)
			continue;
		if ((t = realloc(v, (*n + 1) * sizeof *v)) == NULL)
			break;
		v = t;
		if ((v[*n] = strndup(e->d_name, len - 4)) == NULL)
			break;
		(*n)++;
	}
	closedir(d);
	if (*n > 0)
		qsort(v, *n, sizeof *v, by_name);
	return v;
}

/* latest/index.html and latest/latest.m3u: one entry per MP3 in latest/,
 * with the transcript and Opus file of the newest dated folder that has
 * it. */
static enum wk_status
write_latest(const struct wk_playout *p, int fd, char **days, size_t ndays,
    struct wk_err *err)
{
	struct wk_buf page = WK_BUF_INIT, m3u = WK_BUF_INIT;
	struct wk_episode *eps = NULL;
	struct item *items = NULL;
	enum wk_status st = WK_OK;
	char **names = NULL;
	size_t i, j, n = 0, nnames = 0;
	int latestfd = subdir(fd, "latest");

	if (latestfd < 0)
		return wk_err_set(err, WK_EIO, "latest", 0, 0, "%s: %s",
		    _("cannot open the folder"), strerror(errno));
	names = list_latest(latestfd, &nnames);
	if (nnames > 0 && ((items = calloc(nnames, sizeof *items)) == NULL ||
	    (eps = calloc(nnames, sizeof *eps)) == NULL)) {
		st = wk_err_nomem(err);
		goto out;
	}
	for (i = 0; i < nnames; i++) {
		struct item *it = &items[n];
		int rc = 1;

		for (j = 0; j < ndays && rc > 0; j++)
			rc = episode(p, fd, days[j], names[i], it);
		if (rc < 0) {
			n++;
			st = wk_err_nomem(err);
			goto out;
		}
		if (rc > 0) {
			memset(it, 0, sizeof *it);
			it->e.date = p->date;
		}
		/* From latest/, the MP3 beside the page, the rest one up. */
		free(it->file);
		free(it->title);
		it->file = printdup("%s%s.mp3", "", names[i]);
		if (it->file == NULL) {
			n++;
			st = wk_err_nomem(err);
			goto out;
		}
		it->e.file = it->file;
		probe(latestfd, it->file, &it->title, &it->e.duration_s);
		/* NAME is BULLETIN-LANG; a language tag has no hyphen. */
		it->e.lang = strrchr(names[i], '-') ? strrchr(names[i], '-') + 1
		    : "";
		for (j = 0; j < p->n; j++)
			if (strncmp(names[i], p->v[j].bulletin,
			    strlen(p->v[j].bulletin)) == 0 &&
			    names[i][strlen(p->v[j].bulletin)] == '-' &&
			    strcmp(names[i] + strlen(p->v[j].bulletin) + 1,
			    p->v[j].lang) == 0)
				it->e.title = p->v[j].title;
		if (it->e.title == NULL)
			it->e.title = it->title ? it->title : names[i];
		if (it->e.opus_file != NULL) {
			char *o = printdup("../%s%s", it->opus, "");

			free(it->opus);
			it->opus = o;
			it->e.opus_file = o;
			if (o == NULL) {
				n++;
				st = wk_err_nomem(err);
				goto out;
			}
		}
		it->e.transcript_file = NULL;
		it->e.bulletin = names[i];
		eps[n++] = it->e;
	}
	if ((st = wk_podcast_index(p->st->name, eps, n, &page, err)) != WK_OK)
		goto out;
	wk_podcast_m3u(p->st->name, eps, n, &m3u);
	if ((st = put_file(latestfd, "latest", "index.html", &page, err)) ==
	    WK_OK)
		st = put_file(latestfd, "latest", "latest.m3u", &m3u, err);
out:
	free_items(items, n);
	free(eps);
	free_strings(names, nnames);
	wk_buf_free(&page);
	wk_buf_free(&m3u);
	close(latestfd);
	return st;
}

/* Runs the hook for p->v[k], published in day under the output folder
 * abs. */
static void
run_hook(const struct wk_playout *p, size_t k, int fd, const char *abs,
    struct wk_diags *d)
{
	const struct pub *b = &p->v[k];
	const struct wk_station *st = p->st;
	struct wk_buf v[12];
	char *env[13];
	unsigned cart = wk_station_cart(st, b->bulletin, b->lang);
	struct wk_hook h;
	struct wk_hook_result r;
	struct wk_err err;
	size_t i, n = 0;
	int nomem = 0;
	char rel[PATH_MAX];

	assert(k < p->n && st->hook_command != NULL);
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct wk_buf z = WK_BUF_INIT;

		v[i] = z;
	}
#define FILEVAR(var, ext, cond) do { \
	snprintf(rel, sizeof rel, "%s/%s-%s.%s", p->date, b->bulletin, \
	    b->lang, ext); \
	wk_buf_printf(&v[n], "%s=", var); \
	if ((cond) && file_size(fd, rel) >= 0) \
		wk_buf_printf(&v[n], "%s/%s", abs, rel); \
	n++; \
} while (0)
	FILEVAR("WILLAKUY_MP3", "mp3", 1);
	FILEVAR("WILLAKUY_OPUS", "opus", st->opus);
	FILEVAR("WILLAKUY_TRANSCRIPT", "txt", 1);
	FILEVAR("WILLAKUY_RDXL", "xml", st->rivendell);
	FILEVAR("WILLAKUY_PLAYLIST", "m3u", 1);
#undef FILEVAR
	wk_buf_puts(&v[n], "WILLAKUY_FEED=");
	if (st->podcast)
		wk_buf_printf(&v[n], "%s/podcast/%s-%s.xml", abs, b->bulletin,
		    b->lang);
	n++;
	wk_buf_printf(&v[n++], "WILLAKUY_DATE=%s", p->date);
	wk_buf_printf(&v[n++], "WILLAKUY_LANG=%s", b->lang);
	wk_buf_printf(&v[n++], "WILLAKUY_BULLETIN=%s", b->bulletin);
	wk_buf_puts(&v[n], "WILLAKUY_TITLE=");
	wk_buf_oneline(&v[n++], b->title);
	/* This bulletin-language's Rivendell cart and group (<rivendell>),
	 * empty when the station gives none: rdimport --to-cart. */
	wk_buf_puts(&v[n], "WILLAKUY_CART=");
	if (cart > 0)
		wk_buf_printf(&v[n], "%u", cart);
	n++;
	wk_buf_printf(&v[n++], "WILLAKUY_GROUP=%s", st->rivendell_group ?
	    st->rivendell_group : "");
	/* Every variable above has its buffer, and env its NULL. */
	assert(n == sizeof v / sizeof v[0] && n < sizeof env / sizeof env[0]);
	for (i = 0; i < n; i++) {
		nomem |= v[i].failed;
		env[i] = (char *)wk_buf_str(&v[i]);
	}
	env[n] = NULL;
	memset(&h, 0, sizeof h);
	h.command = st->hook_command;
	h.env = env;
	h.timeout_s = st->hook_timeout_s;
	if (nomem)
		wk_diag(d, WK_ERROR, st->path, 0, 0,
		    _("the hook was not run for %s-%s: %s"), b->bulletin,
		    b->lang, _("out of memory"));
	else if (wk_hook_run(&h, &r, &err) != WK_OK)
		wk_diag(d, WK_ERROR, st->path, 0, 0,
		    _("the hook could not be started for %s-%s: %s (the "
		    "bulletin stays published)"), b->bulletin, b->lang, err.msg);
	else if (r.timed_out)
		wk_diag(d, WK_ERROR, st->path, 0, 0,
		    _("the hook for %s-%s was stopped after %u s (<hook "
		    "timeout>); the bulletin stays published"), b->bulletin,
		    b->lang, h.timeout_s);
	else if (!r.exited)
		wk_diag(d, WK_ERROR, st->path, 0, 0,
		    _("the hook for %s-%s was killed by signal %d; the bulletin "
		    "stays published"), b->bulletin, b->lang, r.status);
	else if (r.status != 0)
		wk_diag(d, WK_ERROR, st->path, 0, 0,
		    _("the hook for %s-%s failed with exit status %d; the "
		    "bulletin stays published"), b->bulletin, b->lang, r.status);
	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		wk_buf_free(&v[i]);
}

void
wk_playout_finish(struct wk_playout *p, struct wk_diags *d)
{
	struct wk_err err;
	char **days = NULL, *abs = NULL;
	const char *image = NULL;
	size_t ndays = 0, k;
	int fd, feedfd = -1;

	if (p == NULL || p->n == 0)
		return;
	fd = open(p->outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		wk_diag(d, WK_ERROR, p->outdir, 0, 0, "%s: %s",
		    _("cannot open the folder"), strerror(errno));
		return;
	}
	days = list_days(fd, p->today, &ndays);
	/* A warning, once a run for each station, on a terminal and in the
	 * report (with -q, cron mails only runs that went wrong): feeds
	 * with relative URLs work for a web server that serves the whole
	 * folder, not for every podcast client. The feed says so too. */
	if (p->st->podcast && p->st->base_url == NULL)
		wk_diag(d, WK_WARNING, p->st->path, 0, 0, "%s",
		    _("the podcast feeds use URLs relative to podcast/: give "
		    "the station a <publish base-url=\"https://...\"/> for "
		    "podcast clients and LibreTime to fetch them, or "
		    "<publish podcast=\"no\"/> when it has no podcast"));
	if (p->st->podcast && (feedfd = subdir(fd, "podcast")) < 0)
		wk_diag(d, WK_ERROR, p->outdir, 0, 0, "%s podcast: %s",
		    _("cannot open the folder"), strerror(errno));
	if (feedfd >= 0 && p->st->artwork_file != NULL)
		image = artwork(p, feedfd, d);
	else if (p->st->artwork_url != NULL)
		image = p->st->artwork_url;
	for (k = 0; feedfd >= 0 && k < p->n; k++)
		if (write_feed(p, k, fd, feedfd, days, ndays, image, &err) !=
		    WK_OK)
			wk_diag_err(d, &err);
	/* latest/ waits for the date, and so do its page and playlist. */
	if (strcmp(p->date, p->today) <= 0 &&
	    write_latest(p, fd, days, ndays, &err) != WK_OK)
		wk_diag_err(d, &err);
	if (p->st->hook_command != NULL) {
		if ((abs = realpath(p->outdir, NULL)) == NULL)
			wk_diag(d, WK_ERROR, p->outdir, 0, 0, "%s: %s",
			    _("the hook was not run"), strerror(errno));
		for (k = 0; abs != NULL && k < p->n; k++)
			run_hook(p, k, fd, abs, d);
	}
	free(abs);
	free_strings(days, ndays);
	if (feedfd >= 0)
		close(feedfd);
	close(fd);
}
