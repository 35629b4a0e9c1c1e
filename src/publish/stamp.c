/*
 * The stamps of published bulletin-languages (stamp.h): written after a
 * publication, read before the next one. The stamp is a small text file;
 * its measurements are kept as C99 hexadecimal floats, so that the report
 * of a run that skips a bulletin-language shows the very numbers of the
 * run that published it. Every name is reached from the output folder's
 * descriptors without following links.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "bundle.h"
#include "say/compose.h"
#include "sound/encode.h"
#include "sound/oggopus.h"
#include "publish.h"
#include "base/safedir.h"
#include "stamp.h"
#include "read/station.h"

#define MAGIC "willakuy-stamp 1"
#define STAMP_MAX (1 << 20)

int
wk_stamp_key(const struct wk_bundle *b, const char *const *segkeys,
    wk_key out)
{
	const struct wk_script *s = b->s;
	const struct wk_station *st = b->station;
	const struct wk_audio_params *p = b->params;
	struct wk_buf t = WK_BUF_INIT;
	char date[11];
	size_t i;
	int rc;

	wk_date_format(b->date, date);
	wk_buf_printf(&t, "%s\nwillakuy %s audio %s\n%s\n%s\n%s\n%s\n", MAGIC,
	    WK_VERSION, WK_AUDIO_VERSION, date, s->bulletin, s->lang,
	    b->iso639_2);
	wk_buf_printf(&t, "bundle %s\n", WK_BUNDLE_VERSION);
	wk_buf_printf(&t, "lame %s\nopusenc %s\n", wk_enc_version(),
	    wk_opus_version());
	wk_buf_printf(&t, "%d %d %d %d %d %a %a %d\n", p->rate_hz,
	    p->channels, p->bitrate_kbps, p->vbr, p->vbr_quality,
	    p->target_lufs, p->peak_dbtp, p->verify);
	wk_buf_printf(&t, "%s\n%s\n%u %d %d %d %d %u\n%s\n", st->name,
	    st->genre ? st->genre : "", st->segment_pause_ms, st->expire_days,
	    st->rivendell, st->opus, st->opus_kbps,
	    wk_station_cart(st, s->bulletin, s->lang),
	    st->rivendell_group ? st->rivendell_group : "");
	wk_buf_printf(&t, "%s\n%zu\n", s->title, s->nsegs);
	for (i = 0; i < s->nsegs; i++) {
		wk_buf_printf(&t, "%s %s\n", segkeys[i], s->segs[i].id);
		wk_seg_transcript(s, &s->segs[i], &t);
		wk_buf_putc(&t, '\n');
	}
	rc = t.failed ? -1 : 0;
	if (rc == 0)
		wk_key_of(wk_buf_str(&t), t.len, out);
	wk_buf_free(&t);
	return rc;
}

/* One line of identity: what a file's inode (st) says of it. A file that
 * is not a plain file (or folder, for dir) of the running user has none. */
static int
ident_st(struct wk_buf *b, const char *what, const struct stat *st,
    const char *name, int dir)
{
	if ((dir ? !S_ISDIR(st->st_mode) : !S_ISREG(st->st_mode)) ||
	    st->st_uid != geteuid())
		return -1;
	wk_buf_printf(b, "%s %llu %llu %lld %lld.%09ld %lu %s\n", what,
	    (unsigned long long)st->st_dev, (unsigned long long)st->st_ino,
	    (long long)st->st_size, (long long)st->st_ctim.tv_sec,
	    st->st_ctim.tv_nsec, (unsigned long)st->st_nlink, name);
	return 0;
}

/* The same for name in dirfd, without following a link. */
static int
ident(struct wk_buf *b, const char *what, int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ? -1 :
	    ident_st(b, what, &st, name, 0);
}

/* The identity of name's files as they are now; -1 when one is missing
 * or not willakuy's (or out of memory). latest/NAME.mp3 counts when a
 * publication would put it there (latest/ not held by a later date, no
 * later date folder with its own). */
static int
identity(struct wk_outdir *o, const char *name, char *const *files,
    size_t nfiles, struct wk_buf *b)
{
	struct wk_buf mp3 = WK_BUF_INIT;
	struct stat st;
	size_t i, k = strlen(name);
	int segfd = -1, rc = 0;

	wk_buf_printf(&mp3, "%s.mp3", name);
	if (mp3.failed)
		return -1;
	/* The folder's identity is the one opened (not a name looked up
	 * again). */
	if ((segfd = wk_safe_opendir(wk_outdir_dayfd(o), name)) < 0 ||
	    fstat(segfd, &st) != 0 || ident_st(b, "dir", &st, name, 1) != 0)
		rc = -1;
	for (i = 0; i < nfiles && rc == 0; i++) {
		const char *f = files[i];

		if (strncmp(f, name, k) == 0 && f[k] == '/')
			rc = ident(b, "seg", segfd, f + k + 1);
		else
			rc = ident(b, "file", wk_outdir_dayfd(o), f);
	}
	if (rc == 0) {
		if (wk_outdir_latest_held(o) ||
		    wk_outdir_newer(o, wk_buf_str(&mp3)))
			wk_buf_puts(b, "latest -\n");
		else
			rc = ident(b, "latest", wk_outdir_latestfd(o),
			    wk_buf_str(&mp3));
	}
	if (segfd >= 0)
		close(segfd);
	wk_buf_free(&mp3);
	return rc == 0 && !b->failed ? 0 : -1;
}

/* Whether the date folder is the running user's alone. In a folder that
 * others may write (a shared OUTDIR, a date folder another user made),
 * one could rename an older file of ours over a new one between its
 * publication and the stamp, which would then vouch for it: there every
 * bulletin-language is published again. */
static int
ours(int dayfd)
{
	struct stat st;

	return fstat(dayfd, &st) == 0 && st.st_uid == geteuid() &&
	    (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

static void
stamp_name(const char *name, struct wk_buf *b)
{
	wk_buf_printf(b, ".%s.stamp", name);
}

/* Reads the stamp; NULL when there is none of willakuy's (a file of the
 * running user with one name: wk_safe_slurp). */
static char *
read_stamp(struct wk_outdir *o, const char *name)
{
	struct wk_buf fn = WK_BUF_INIT;
	char *text = NULL;
	size_t len;

	stamp_name(name, &fn);
	if (!fn.failed)
		text = wk_safe_slurp(wk_outdir_dayfd(o), wk_buf_str(&fn),
		    STAMP_MAX - 1, &len);
	wk_buf_free(&fn);
	if (text != NULL && strlen(text) != len) {
		free(text);
		text = NULL;
	}
	return text;
}

/* Reads one segment's line "stats FRAMES DUR LUFS PEAK TRUEPEAK VERIFIED
 * GAIN LIMITED PCMLUFS LOSS" at *p; 0 and *p past it, or -1. */
static int
parse_seg(char **p, struct wk_audio_stats *a)
{
	static const char kinds[] = "ddddididd";
	double *d[] = { &a->duration_s, &a->lufs, &a->peak_db, &a->peak_dbtp,
	    NULL, &a->gain_db, NULL, &a->pcm_lufs, &a->codec_loss_db };
	int *n[] = { NULL, NULL, NULL, NULL, &a->verified, NULL, &a->limited,
	    NULL, NULL };
	char *e, *s = *p;
	size_t i;

	if (strncmp(s, "stats ", 6) != 0)
		return -1;
	s += 6;
	errno = 0;
	a->frames = strtoull(s, &e, 10);
	if (e == s || errno != 0)
		return -1;
	for (i = 0, s = e; kinds[i] != '\0'; i++, s = e)
		if (kinds[i] == 'd') {
			*d[i] = strtod(s, &e);
			if (e == s)
				return -1;
		} else {
			*n[i] = (int)strtol(s, &e, 10);
			if (e == s)
				return -1;
		}
	if (*s != '\n')
		return -1;
	*p = s + 1;
	return 0;
}

int
wk_stamp_check(struct wk_outdir *o, const char *name, const wk_key key,
    char *const *files, size_t nfiles, struct wk_audio_stats *stats,
    size_t nsegs, double *seconds)
{
	struct wk_buf head = WK_BUF_INIT, now = WK_BUF_INIT;
	struct wk_audio_stats *got = NULL;
	char *text, *p, *e;
	double secs;
	size_t i;
	int ok = 0;

	if (!ours(wk_outdir_dayfd(o)) || (text = read_stamp(o, name)) == NULL)
		return 0;
	wk_buf_printf(&head, "%s %s\nseconds ", MAGIC, key);
	if (head.failed || strncmp(text, wk_buf_str(&head), head.len) != 0 ||
	    (got = calloc(nsegs ? nsegs : 1, sizeof *got)) == NULL)
		goto out;
	p = text + head.len;
	secs = strtod(p, &e);
	if (e == p || *e != '\n')
		goto out;
	p = e + 1;
	for (i = 0; i < nsegs; i++)
		if (parse_seg(&p, &got[i]) != 0)
			goto out;
	if (identity(o, name, files, nfiles, &now) != 0 ||
	    strcmp(p, wk_buf_str(&now)) != 0)
		goto out;
	memcpy(stats, got, nsegs * sizeof *stats);
	*seconds = secs;
	ok = 1;
out:
	free(got);
	free(text);
	wk_buf_free(&head);
	wk_buf_free(&now);
	return ok;
}

int
wk_stamp_write(struct wk_outdir *o, const char *name, const wk_key key,
    char *const *files, size_t nfiles, const struct wk_audio_stats *stats,
    size_t nsegs, double seconds)
{
	struct wk_buf b = WK_BUF_INIT, fn = WK_BUF_INIT;
	size_t i;
	int rc = -1;

	stamp_name(name, &fn);
	wk_buf_printf(&b, "%s %s\nseconds %a\n", MAGIC, key, seconds);
	for (i = 0; i < nsegs; i++) {
		const struct wk_audio_stats *a = &stats[i];

		wk_buf_printf(&b, "stats %llu %a %a %a %a %d %a %d %a %a\n",
		    a->frames, a->duration_s, a->lufs, a->peak_db, a->peak_dbtp,
		    a->verified, a->gain_db, a->limited, a->pcm_lufs,
		    a->codec_loss_db);
	}
	if (fn.failed) {
		errno = ENOMEM;
		goto out;
	}
	if (identity(o, name, files, nfiles, &b) != 0)
		errno = b.failed ? ENOMEM : ENOENT;
	else {
		struct wk_err err;

		rc = wk_outdir_write(o, wk_buf_str(&fn), b.data, b.len,
		    &err) == WK_OK ? 0 : -1;
	}
	/* Without a new stamp, none: the next run publishes again. */
	if (rc != 0) {
		int e = errno;

		unlinkat(wk_outdir_dayfd(o), wk_buf_str(&fn), 0);
		errno = e;
	}
out:
	wk_buf_free(&b);
	wk_buf_free(&fn);
	return rc;
}

int
wk_stamp_lookup(struct wk_outdir *o, const struct wk_bundle *b,
    const char *const *segkeys, struct wk_stamped *st,
    struct wk_audio_stats *stats, double *seconds)
{
	struct wk_buf name = WK_BUF_INIT;
	int same;

	memset(st, 0, sizeof *st);
	st->keyed = wk_stamp_key(b, segkeys, st->key) == 0;
	st->files = wk_bundle_files(b->s, b->station, &st->nfiles);
	wk_bundle_name(b->s, &name);
	same = st->keyed && st->files != NULL && !name.failed &&
	    wk_stamp_check(o, wk_buf_str(&name), st->key, st->files,
	    st->nfiles, stats, b->s->nsegs, seconds);
	wk_buf_free(&name);
	return same;
}

void
wk_stamp_published(struct wk_outdir *o, const struct wk_bundle *b,
    const struct wk_stamped *st, const struct wk_audio_stats *stats,
    double seconds, struct wk_diags *d)
{
	struct wk_buf name = WK_BUF_INIT;

	if (!st->keyed || st->files == NULL)
		return;
	wk_bundle_name(b->s, &name);
	if (name.failed || wk_stamp_write(o, wk_buf_str(&name), st->key,
	    st->files, st->nfiles, stats, b->s->nsegs, seconds) != 0)
		wk_diag(d, WK_NOTE, NULL, 0, 0, _("%s-%s: no stamp (%s): the "
		    "next run publishes it again"), b->s->bulletin, b->s->lang,
		    strerror(errno));
	wk_buf_free(&name);
}

void
wk_stamped_free(struct wk_stamped *st)
{
	wk_bundle_files_free(st->files);
	memset(st, 0, sizeof *st);
}
