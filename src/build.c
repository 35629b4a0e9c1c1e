/*
 * The build: read feeds -> compose -> verbalize -> synthesize -> master ->
 * encode -> publish, for each bulletin and language. Synthesis (pass 1)
 * runs on this thread; mastering and encoding (pass 2) run on the worker
 * pool, one LAME instance per segment. Each segment's MP3 frames are
 * encoded once, into an anonymous temporary file, and copied both into the
 * segment's file and, joined with frames of silence, into the whole
 * bulletin's file.
 */

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "build.h"
#include "cache.h"
#include "bulletin.h"
#include "catalog.h"
#include "compose.h"
#include "compose_market.h"
#include "master.h"
#include "mp3file.h"
#include "paths.h"
#include "pool.h"
#include "publish.h"
#include "render.h"
#include "report.h"
#include "station.h"
#include "synth.h"
#include "voice.h"

/* One segment's pass 2, run on the pool. */
struct job {
	wk_key key;
	int cached;			/* frames and stats came from the cache */
	int submitted;			/* handed to the pool */
	struct wk_spool *spool;
	const struct wk_audio_params *params;
	FILE *frames;			/* raw MP3 frames */
	struct wk_audio_stats stats;
	struct wk_err err;
	enum wk_status st;
};

struct run {
	const struct wk_build_opts *o;
	struct wk_diags *d;
	struct wk_station *station;
	struct wk_catalog *cat;
	struct wk_voiceset voices;
	struct wk_feedcache *feeds;
	struct wk_outdir *out;
	struct wk_synth *synth;
	struct wk_renderer *renderer;
	struct wk_pool *pool;
	struct wk_cache *cache;
	struct wk_report *report;
	struct wk_audio_params params;
	unsigned char *gap;		/* MP3 frames of the segment pause */
	size_t gaplen;
	char date[11];
};

char *
wk_default_station(void)
{
	return wk_data_path("bulletins/station/default.xml");
}

static void
encode_job(void *arg)
{
	struct job *j = arg;

	j->st = wk_spool_encode(j->spool, j->params, j->frames, &j->stats,
	    &j->err);
	if (j->st == WK_OK && (fflush(j->frames) != 0 || ferror(j->frames)))
		j->st = wk_err_set(&j->err, WK_EIO, NULL, 0, 0, "%s",
		    _("cannot write a temporary file (TMPDIR)"));
	wk_spool_free(j->spool);
	j->spool = NULL;
}

/* Size and modification time of a file, for cache keys. */
static void
file_sig(struct wk_buf *b, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0)
		wk_buf_printf(b, "%s %lld %lld.%09ld\n", path, (long long)st.st_size,
		    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	else
		wk_buf_printf(b, "%s missing\n", path);
}

/* The key of a segment's audio: everything it depends on. */
static void
seg_key(struct run *r, const struct wk_seg *sg, wk_key key)
{
	struct wk_buf b = WK_BUF_INIT;
	const struct wk_audio_params *p = &r->params;
	size_t i, k;

	wk_buf_printf(&b, "willakuy audio %s\nespeak-ng %s\n", WK_AUDIO_VERSION,
	    wk_synth_version());
	wk_buf_printf(&b, "%d %d %d %d %d %.3f %.3f %d\n", p->rate_hz, p->channels,
	    p->bitrate_kbps, p->vbr, p->vbr_quality, p->target_lufs, p->peak_dbtp,
	    p->verify);
	for (i = 0; i < sg->nparts; i++) {
		const struct wk_part *pt = &sg->parts[i];
		struct wk_err e;
		struct wk_voice *v;

		switch (pt->kind) {
		case WK_PART_SPEECH:
			v = wk_voiceset_get(&r->voices, pt->lang, NULL, &e);
			wk_buf_printf(&b, "say %s %s %d %d\n%s\n", pt->lang,
			    v ? v->espeak : "?", v ? v->rate_wpm : 0,
			    v ? v->pitch : 0, pt->text);
			if (v != NULL && v->nprompts > 0) {
				file_sig(&b, v->prompts_path);
				for (k = 0; k < v->nprompts; k++)
					file_sig(&b, v->prompts[k].path);
			}
			break;
		case WK_PART_PAUSE:
			wk_buf_printf(&b, "pause %u\n", pt->pause_ms);
			break;
		case WK_PART_CLIP:
			wk_buf_puts(&b, "clip ");
			file_sig(&b, pt->path);
			break;
		}
	}
	if (sg->bed.path != NULL) {
		wk_buf_printf(&b, "bed %.3f %u ", sg->bed.duck_db, sg->bed.fade_ms);
		file_sig(&b, sg->bed.path);
	}
	/* On allocation failure the key is of a partial text: a miss. */
	wk_key_of(wk_buf_str(&b), b.len, key);
	wk_buf_free(&b);
}

static const char *
iso639_2(const char *lang)
{
	return strcmp(lang, "es") == 0 ? "spa" : strcmp(lang, "qu") == 0 ? "que"
	    : lang;
}

static void
gain_tags(struct wk_tags *t, double lufs, double peak_db, char *g, char *p)
{
	/* ReplayGain 2 refers to -18 LUFS. */
	snprintf(g, 32, "%+.2f dB", -18.0 - lufs);
	snprintf(p, 32, "%.6f", pow(10.0, peak_db / 20.0));
	t->txxx_desc[t->ntxxx] = "replaygain_track_gain";
	t->txxx_value[t->ntxxx++] = g;
	t->txxx_desc[t->ntxxx] = "replaygain_track_peak";
	t->txxx_value[t->ntxxx++] = p;
}

static void
field(struct wk_buf *b, const char *indent, const char *name, const char *v)
{
	wk_buf_printf(b, "%s<%s>", indent, name);
	wk_buf_xml(b, v);
	wk_buf_printf(b, "</%s>\n", name);
}

/* Cart data for Rivendell (RDXL, as rdimport --xml reads it): the cut is
 * valid from the broadcast date to the end of the day expire_days later,
 * so that it leaves the air by itself. */
static void
rdxl(struct run *r, const struct wk_script *s, unsigned long length_ms,
    struct wk_buf *b)
{
	struct wk_date end = wk_date_from_days(wk_date_days(r->o->date) +
	    r->station->expire_days);
	char e[11], tmp[64];

	wk_date_format(end, e);
	wk_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<RDXL>\n"
	    "  <cart>\n");
	field(b, "    ", "title", s->title);
	field(b, "    ", "artist", r->station->name);
	field(b, "    ", "album", s->title);
	snprintf(tmp, sizeof tmp, "%.4s", r->date);
	field(b, "    ", "year", tmp);
	snprintf(tmp, sizeof tmp, "willakuy %s-%s", s->bulletin, s->lang);
	field(b, "    ", "userDefined", tmp);
	wk_buf_puts(b, "    <cutList>\n      <cut>\n");
	field(b, "        ", "cutNumber", "1");
	field(b, "        ", "description", s->title);
	snprintf(tmp, sizeof tmp, "%lu", length_ms);
	field(b, "        ", "length", tmp);
	field(b, "        ", "evergreen", "false");
	snprintf(tmp, sizeof tmp, "%sT00:00:00", r->date);
	field(b, "        ", "startDatetime", tmp);
	snprintf(tmp, sizeof tmp, "%sT23:59:59", e);
	field(b, "        ", "endDatetime", tmp);
	wk_buf_puts(b, "      </cut>\n    </cutList>\n  </cart>\n</RDXL>\n");
}

/* Writes one MP3 file of the publication from raw frame streams. */
static enum wk_status
write_mp3(struct run *r, struct wk_pub *pub, const char *rel,
    const struct wk_tags *t, FILE **ins, size_t nin, int gap,
    struct wk_mp3_summary *sum, struct wk_err *err)
{
	struct wk_buf tag = WK_BUF_INIT;
	enum wk_status st;
	size_t i;
	FILE *f;

	wk_id3_build(t, &tag);
	if (tag.failed) {
		wk_buf_free(&tag);
		return wk_err_nomem(err);
	}
	if ((f = wk_pub_create(pub, rel, err)) == NULL) {
		wk_buf_free(&tag);
		return err->status;
	}
	for (i = 0; i < nin; i++)
		rewind(ins[i]);
	st = wk_mp3_assemble(f, &tag, r->params.vbr, ins, nin,
	    gap ? r->gap : NULL, gap ? r->gaplen : 0, sum, err);
	wk_buf_free(&tag);
	if (st == WK_OK)
		st = wk_pub_close(pub, f, err);
	else {
		struct wk_err e2;

		wk_pub_close(pub, f, &e2);
	}
	return st;
}

static enum wk_status
write_text(struct wk_pub *pub, const char *rel, const struct wk_buf *b,
    struct wk_err *err)
{
	FILE *f = wk_pub_create(pub, rel, err);

	if (f == NULL)
		return err->status;
	if (b->len > 0 && fwrite(b->data, 1, b->len, f) != b->len) {
		struct wk_err e2;

		wk_pub_close(pub, f, &e2);
		return wk_err_set(err, WK_EIO, rel, 0, 0, "%s", _("cannot write"));
	}
	return wk_pub_close(pub, f, err);
}

static void
progress(struct run *r, const struct wk_script *s, size_t i, size_t done,
    size_t total)
{
	if (!r->o->progress)
		return;
	fprintf(stderr, "\rwillakuy: %s-%s: segment %zu/%zu (%3zu%%) %-24.24s",
	    s->bulletin, s->lang, done + 1, total, (done + 1) * 100 / total,
	    s->segs[i].id);
	fflush(stderr);
}

/* The segments of s whose audio is in the cache are taken from it. */
static void
lookup_script(struct run *r, const struct wk_script *s, struct job *jobs)
{
	size_t i;

	for (i = 0; i < s->nsegs; i++) {
		struct job *j = &jobs[i];

		j->params = &r->params;
		seg_key(r, &s->segs[i], j->key);
		if (r->cache != NULL &&
		    wk_cache_get(r->cache, j->key, &j->frames, &j->stats))
			j->cached = 1;
	}
}

/* Pass 1 of one segment, handed to the pool for pass 2 once spooled. */
static enum wk_status
start_job(struct run *r, const struct wk_seg *sg, struct job *j,
    struct wk_err *err)
{
	enum wk_status st;

	j->frames = r->cache ? wk_cache_begin(r->cache, j->key, err) : tmpfile();
	if (j->frames == NULL)
		return r->cache ? err->status : wk_err_set(err, WK_EIO, NULL, 0, 0,
		    "%s", _("cannot create a temporary file (TMPDIR)"));
	if ((st = wk_render_segment(r->renderer, sg, &j->spool, err)) != WK_OK)
		return st;
	j->submitted = 1;
	wk_pool_submit(r->pool, encode_job, j);
	return WK_OK;
}

/* About how long a segment takes to make: its words and pauses, and a
 * guess for a clip. */
static size_t
seg_weight(const struct wk_seg *sg)
{
	size_t i, w = 0;

	for (i = 0; i < sg->nparts; i++)
		switch (sg->parts[i].kind) {
		case WK_PART_SPEECH:
			w += strlen(sg->parts[i].text);
			break;
		case WK_PART_PAUSE:
			w += sg->parts[i].pause_ms / 60;	/* ~15 chars/s */
			break;
		case WK_PART_CLIP:
			w += 300;
			break;
		}
	return w;
}

/* After the pool is idle: the first failure of s's jobs, and the new
 * segments stored in the cache (or dropped). */
static enum wk_status
collect_script(struct run *r, const struct wk_script *s, struct job *jobs,
    enum wk_status st, struct wk_err *err)
{
	size_t i;

	for (i = 0; i < s->nsegs; i++) {
		struct job *j = &jobs[i];
		struct wk_err e2;

		if (j->cached || j->frames == NULL)
			continue;
		if (st == WK_OK && j->submitted && j->st != WK_OK) {
			*err = j->err;
			st = j->st;
			if (err->file[0] == '\0')
				snprintf(err->msg + strlen(err->msg),
				    sizeof err->msg - strlen(err->msg),
				    " (segment '%s')", s->segs[i].id);
		}
		if (r->cache == NULL)
			continue;
		if (st == WK_OK && j->submitted && j->st == WK_OK) {
			if (wk_cache_put(r->cache, j->key, j->frames, &j->stats,
			    &e2) != WK_OK)
				wk_diag(r->d, WK_WARNING, NULL, 0, 0, "%s", e2.msg);
		} else {
			wk_cache_abandon(r->cache, j->key, j->frames);
			j->frames = NULL;
		}
	}
	return st;
}

static void
free_jobs(struct job *jobs, size_t n)
{
	size_t i;

	for (i = 0; jobs != NULL && i < n; i++) {
		if (jobs[i].frames != NULL)
			fclose(jobs[i].frames);
		wk_spool_free(jobs[i].spool);
	}
	free(jobs);
}

/* A segment that still misses the loudness target or the true-peak
 * ceiling after the encoder's corrections is reported, not hidden. */
static void
off_target(struct run *r, const char *name, const struct wk_audio_stats *st)
{
	const struct wk_audio_params *p = &r->params;

	if (isfinite(st->lufs) && fabs(st->lufs - p->target_lufs) > WK_LUFS_BAR)
		wk_diag(r->d, WK_WARNING, NULL, 0, 0,
		    _("%s: loudness %.2f LUFS misses the station's target of "
		    "%.1f LUFS by more than %.1f LU"), name, st->lufs,
		    p->target_lufs, WK_LUFS_BAR);
	if (st->verified && st->peak_dbtp > p->peak_dbtp + 0.05)
		wk_diag(r->d, WK_WARNING, NULL, 0, 0,
		    _("%s: true peak %.2f dBTP is above the station's ceiling "
		    "of %.1f dBTP"), name, st->peak_dbtp, p->peak_dbtp);
}

/* Writes and publishes the files of script s from its encoded segments. */
static enum wk_status
publish_script(struct run *r, const struct wk_script *s, struct job *jobs,
    double *seconds, struct wk_err *err)
{
	struct wk_pub *pub = NULL;
	struct wk_buf name = WK_BUF_INIT, rel = WK_BUF_INIT, txt = WK_BUF_INIT,
	    m3u = WK_BUF_INIT, one = WK_BUF_INIT, cart = WK_BUF_INIT;
	FILE **ins = NULL;
	enum wk_status st = WK_OK;
	size_t i;
	double peak = -HUGE_VAL, lufs;
	char g[32], p[32], title[512];
	struct wk_mp3_summary sum;

	wk_buf_printf(&name, "%s-%s", s->bulletin, s->lang);
	if (name.failed || (ins = calloc(s->nsegs, sizeof *ins)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((st = wk_pub_begin(r->out, wk_buf_str(&name), &pub, err)) != WK_OK)
		goto out;
	wk_buf_puts(&m3u, "#EXTM3U\n");
	for (i = 0; i < s->nsegs && st == WK_OK; i++) {
		struct wk_tags t;

		memset(&t, 0, sizeof t);
		wk_buf_clear(&one);
		wk_seg_transcript(s, &s->segs[i], &one);
		wk_buf_puts(&txt, wk_buf_str(&one));
		if (i + 1 < s->nsegs)
			wk_buf_putc(&txt, '\n');
		snprintf(title, sizeof title, "%s: %s", s->title, s->segs[i].id);
		t.title = title;
		t.artist = r->station->name;
		t.album = s->title;
		t.genre = r->station->genre;
		t.date = r->date;
		t.lang = iso639_2(s->lang);
		t.length_ms = (unsigned long)(jobs[i].stats.duration_s * 1000 + 0.5);
		t.comment = wk_buf_str(&one);
		gain_tags(&t, jobs[i].stats.lufs, jobs[i].stats.peak_db, g, p);
		wk_buf_clear(&rel);
		wk_buf_printf(&rel, "%s/%02zu-%s.mp3", wk_buf_str(&name), i + 1,
		    s->segs[i].id);
		if (rel.failed || one.failed) {
			st = wk_err_nomem(err);
			break;
		}
		st = write_mp3(r, pub, wk_buf_str(&rel), &t, &jobs[i].frames, 1, 0,
		    &sum, err);
		wk_buf_printf(&m3u, "#EXTINF:%.0f,%s\n%s\n",
		    jobs[i].stats.duration_s, title, wk_buf_str(&rel));
		if (jobs[i].stats.verified)
			wk_diag(r->d, WK_NOTE, NULL, 0, 0,
			    _("%s: %.1f s, %.2f LUFS and %.2f dBTP measured on the "
			    "MP3, gain %+.2f dB%s"), wk_buf_str(&rel),
			    jobs[i].stats.duration_s, jobs[i].stats.lufs,
			    jobs[i].stats.peak_dbtp, jobs[i].stats.gain_db,
			    jobs[i].stats.limited ? ", limited" : "");
		else
			wk_diag(r->d, WK_NOTE, NULL, 0, 0,
			    _("%s: %.1f s, %.2f LUFS (with MP3 coding's %.2f dB "
			    "loss), sample peak %.2f dBFS, gain %+.2f dB%s"),
			    wk_buf_str(&rel), jobs[i].stats.duration_s,
			    jobs[i].stats.lufs, jobs[i].stats.codec_loss_db,
			    jobs[i].stats.peak_db, jobs[i].stats.gain_db,
			    jobs[i].stats.limited ? ", limited" : "");
		off_target(r, wk_buf_str(&rel), &jobs[i].stats);
		ins[i] = jobs[i].frames;
		if (jobs[i].stats.peak_db > peak)
			peak = jobs[i].stats.peak_db;
	}
	if (st == WK_OK) {
		struct wk_tags t;

		memset(&t, 0, sizeof t);
		/* The power average of the segments, over their length. */
		{
			double e = 0, d = 0;

			for (i = 0; i < s->nsegs; i++)
				if (isfinite(jobs[i].stats.lufs)) {
					e += jobs[i].stats.duration_s *
					    pow(10, jobs[i].stats.lufs / 10);
					d += jobs[i].stats.duration_s;
				}
			lufs = d > 0 ? 10 * log10(e / d) : -HUGE_VAL;
		}
		t.title = s->title;
		t.artist = r->station->name;
		t.album = s->title;
		t.genre = r->station->genre;
		t.date = r->date;
		t.lang = iso639_2(s->lang);
		t.comment = wk_buf_str(&txt);
		gain_tags(&t, lufs, peak, g, p);
		/* The length is known only from the frames: a first pass
		 * writes it into the tag of the second. */
		wk_buf_clear(&rel);
		wk_buf_printf(&rel, "%s.mp3", wk_buf_str(&name));
		t.length_ms = 0;
		for (i = 0; i < s->nsegs; i++)
			t.length_ms += (unsigned long)(jobs[i].stats.duration_s * 1000);
		t.length_ms += (unsigned long)(s->nsegs - 1) *
		    r->station->segment_pause_ms;
		if (r->station->rivendell) {
			rdxl(r, s, t.length_ms, &cart);
			t.txxx_desc[t.ntxxx] = "RDXL";
			t.txxx_value[t.ntxxx++] = wk_buf_str(&cart);
		}
		st = write_mp3(r, pub, wk_buf_str(&rel), &t, ins, s->nsegs, 1, &sum,
		    err);
		if (st == WK_OK)
			*seconds += (double)sum.samples / sum.rate_hz;
	}
	if (st == WK_OK && r->station->rivendell) {
		wk_buf_clear(&rel);
		wk_buf_printf(&rel, "%s.xml", wk_buf_str(&name));
		st = cart.failed ? wk_err_nomem(err)
		    : write_text(pub, wk_buf_str(&rel), &cart, err);
	}
	if (st == WK_OK) {
		wk_buf_clear(&rel);
		wk_buf_printf(&rel, "%s.m3u", wk_buf_str(&name));
		st = write_text(pub, wk_buf_str(&rel), &m3u, err);
	}
	if (st == WK_OK) {
		wk_buf_clear(&rel);
		wk_buf_printf(&rel, "%s.txt", wk_buf_str(&name));
		st = write_text(pub, wk_buf_str(&rel), &txt, err);
	}
	if (st == WK_OK && (m3u.failed || txt.failed))
		st = wk_err_nomem(err);
	if (st == WK_OK) {
		wk_buf_clear(&rel);
		wk_buf_printf(&rel, "%s.mp3", wk_buf_str(&name));
		st = wk_pub_commit(pub, wk_buf_str(&rel), err);
		pub = NULL;
	}
out:
	if (pub != NULL)
		wk_pub_abort(pub);
	free(ins);
	wk_buf_free(&name);
	wk_buf_free(&rel);
	wk_buf_free(&txt);
	wk_buf_free(&m3u);
	wk_buf_free(&one);
	wk_buf_free(&cart);
	return st;
}

/* Adds a bulletin-language to the day's report. */
static void
report(struct run *r, const struct wk_script *s, const struct job *jobs,
    const char *error)
{
	struct wk_audio_stats *st = NULL;
	size_t i;

	if (r->report == NULL)
		return;
	if (error == NULL && (st = calloc(s->nsegs + 1, sizeof *st)) != NULL)
		for (i = 0; i < s->nsegs; i++)
			st[i] = jobs[i].stats;
	if (wk_report_add(r->report, s, st, error) != 0)
		wk_diag(r->d, WK_WARNING, NULL, 0, 0, "%s",
		    _("out of memory: the report will lack a bulletin"));
	free(st);
}

/* Sections kept by a run beside the day's files: .report-NAME.html. */
#define KEPT_PREFIX ".report-"
#define KEPT_SUFFIX ".html"
#define KEPT_MAX (4 << 20)

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct wk_report_kept *)a)->name,
	    ((const struct wk_report_kept *)b)->name);
}

/* The contents of a kept section, or NULL. */
static char *
read_kept(const char *dir, const char *file)
{
	char *path = wk_path_join(dir, file), *html = NULL;
	FILE *f = path ? fopen(path, "rb") : NULL;
	struct stat sb;
	size_t n;

	if (f != NULL && fstat(fileno(f), &sb) == 0 && sb.st_size <= KEPT_MAX &&
	    (html = malloc((size_t)sb.st_size + 1)) != NULL) {
		n = fread(html, 1, (size_t)sb.st_size, f);
		if (ferror(f) || n != (size_t)sb.st_size) {
			free(html);
			html = NULL;
		} else
			html[n] = '\0';
	}
	if (f != NULL)
		fclose(f);
	free(path);
	return html;
}

/* The sections that earlier runs of the day kept for bulletin-languages
 * this run did not make, by name; *n of them. Unreadable ones are skipped:
 * the report is for reading, the files are what goes to air. */
static struct wk_report_kept *
earlier_sections(struct run *r, size_t *n)
{
	const char *dir = wk_outdir_day(r->out);
	struct wk_report_kept *v = NULL, *t;
	size_t cap = 0, i, pl = strlen(KEPT_PREFIX), sl = strlen(KEPT_SUFFIX);
	struct dirent *e;
	DIR *dp;

	*n = 0;
	if ((dp = opendir(dir)) == NULL)
		return NULL;
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);
		char *name;

		if (len <= pl + sl || strncmp(e->d_name, KEPT_PREFIX, pl) != 0 ||
		    strcmp(e->d_name + len - sl, KEPT_SUFFIX) != 0)
			continue;
		for (i = 0; i < wk_report_count(r->report); i++)
			if (strlen(wk_report_name(r->report, i)) == len - pl - sl &&
			    strncmp(wk_report_name(r->report, i), e->d_name + pl,
			    len - pl - sl) == 0)
				break;
		if (i < wk_report_count(r->report))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			if ((t = realloc(v, cap * sizeof *v)) == NULL)
				break;
			v = t;
		}
		if ((name = strndup(e->d_name + pl, len - pl - sl)) == NULL)
			break;
		if ((v[*n].html = read_kept(dir, e->d_name)) == NULL) {
			free(name);
			continue;
		}
		v[(*n)++].name = name;
	}
	closedir(dp);
	if (*n > 0)
		qsort(v, *n, sizeof *v, by_name);
	return v;
}

/*
 * The day's report, for the operator: OUTDIR/DATE/report.html. Each
 * bulletin-language's section is kept beside the files, so that a run
 * that makes only some bulletins still shows the others of the day.
 */
static void
write_report(struct run *r)
{
	struct wk_buf page = WK_BUF_INIT, sec = WK_BUF_INIT, rel = WK_BUF_INIT;
	struct wk_report_kept *kept;
	size_t i, nkept;
	struct wk_err e2;
	const char *why = NULL;

	for (i = 0; i < wk_report_count(r->report) && why == NULL; i++) {
		wk_buf_clear(&sec);
		wk_buf_clear(&rel);
		wk_report_section(r->report, i, &sec);
		wk_buf_printf(&rel, KEPT_PREFIX "%s" KEPT_SUFFIX,
		    wk_report_name(r->report, i));
		if (sec.failed || rel.failed)
			why = _("out of memory");
		else if (wk_outdir_write(r->out, wk_buf_str(&rel), sec.data,
		    sec.len, &e2) != WK_OK)
			why = e2.msg;
	}
	kept = earlier_sections(r, &nkept);
	wk_report_html(r->report, r->d, kept, nkept, &page);
	if (why == NULL && page.failed)
		why = _("out of memory");
	if (why == NULL && wk_outdir_write(r->out, "report.html", page.data,
	    page.len, &e2) != WK_OK)
		why = e2.msg;
	if (why != NULL)
		wk_diag(r->d, WK_WARNING, NULL, 0, 0,
		    _("the report could not be written: %s"), why);
	for (i = 0; i < nkept; i++) {
		free(kept[i].name);
		free(kept[i].html);
	}
	free(kept);
	wk_buf_free(&page);
	wk_buf_free(&sec);
	wk_buf_free(&rel);
}

/* One language of a bulletin on its way through the stages. */
struct lang {
	struct wk_script *s;
	struct job *jobs;
	enum wk_status st;
	struct wk_err err;
};

/* A segment to make: which language, which segment, how heavy. */
struct todo {
	size_t lang, seg, weight;
};

static int
heavier(const void *a, const void *b)
{
	const struct todo *x = a, *y = b;

	return x->weight < y->weight ? 1 : x->weight > y->weight ? -1 : 0;
}

static void
failed(struct run *r, const struct wk_bulletin *b, const char *lang,
    enum wk_status st, const struct wk_err *err, struct wk_build_result *res)
{
	if (err->file[0] == '\0')
		wk_diag(r->d, WK_ERROR, b->path, 0, 0, _("%s-%s not published: %s"),
		    b->id, lang, err->msg);
	else
		wk_diag_err(r->d, err);
	res->failed++;
	if (res->worst == WK_OK || st == WK_EIO || st == WK_ENOMEM)
		res->worst = st;
}

/*
 * Composes every language of the bulletin, renders all their segments
 * (encoders working meanwhile on the pool), then publishes each language.
 */
static enum wk_status
build_bulletin(struct run *r, const char *path, struct wk_build_result *res)
{
	struct wk_bulletin *b = NULL;
	struct wk_compose c;
	struct wk_err err;
	struct lang *l = NULL;
	struct todo *todo = NULL;
	enum wk_status st, worst = WK_OK;
	size_t i, k, n = 0, total = 0;

	if ((st = wk_bulletin_load(path, &b, r->d, &err)) != WK_OK) {
		wk_diag_err(r->d, &err);
		res->failed++;
		return st;
	}
	memset(&c, 0, sizeof c);
	c.cat = r->cat;
	c.station = r->station;
	c.date = r->o->date;
	c.voices = &r->voices;
	c.feeds = r->feeds;
	c.d = r->d;
	if ((l = calloc(b->nlangs, sizeof *l)) == NULL) {
		wk_bulletin_free(b);
		return WK_ENOMEM;
	}
	for (i = 0; i < b->nlangs; i++) {
		l[i].st = wk_compose(&c, b, b->langs[i], &l[i].s, &l[i].err);
		if (l[i].st == WK_OK && l[i].s->nsegs == 0)
			l[i].st = wk_err_set(&l[i].err, WK_EINPUT, b->path,
			    b->pos.line, b->pos.col,
			    _("bulletin '%s' has nothing to say in '%s'"), b->id,
			    b->langs[i]);
		if (l[i].st == WK_OK && (l[i].jobs = calloc(l[i].s->nsegs,
		    sizeof *l[i].jobs)) == NULL)
			l[i].st = wk_err_nomem(&l[i].err);
		if (l[i].st == WK_OK) {
			lookup_script(r, l[i].s, l[i].jobs);
			for (k = 0; k < l[i].s->nsegs; k++)
				total += !l[i].jobs[k].cached;
		}
	}
	/* The segments to make, longest first in every language, so that
	 * the encoding of the long ones overlaps the synthesis of the rest
	 * rather than trailing it. */
	if (total > 0 && (todo = calloc(total, sizeof *todo)) == NULL)
		for (i = 0; i < b->nlangs; i++)
			if (l[i].st == WK_OK)
				l[i].st = wk_err_nomem(&l[i].err);
	for (i = 0; todo != NULL && i < b->nlangs; i++)
		for (k = 0; l[i].st == WK_OK && k < l[i].s->nsegs; k++)
			if (!l[i].jobs[k].cached) {
				todo[n].lang = i;
				todo[n].seg = k;
				todo[n++].weight = seg_weight(&l[i].s->segs[k]);
			}
	if (n > 0)
		qsort(todo, n, sizeof *todo, heavier);
	for (k = 0; k < n; k++) {
		struct lang *li = &l[todo[k].lang];

		if (li->st != WK_OK)
			continue;
		progress(r, li->s, todo[k].seg, k, n);
		li->st = start_job(r, &li->s->segs[todo[k].seg],
		    &li->jobs[todo[k].seg], &li->err);
	}
	free(todo);
	wk_pool_wait(r->pool);
	if (r->o->progress)
		fputs("\r\033[K", stderr);
	for (i = 0; i < b->nlangs; i++) {
		double secs = 0;

		if (l[i].jobs != NULL)
			l[i].st = collect_script(r, l[i].s, l[i].jobs, l[i].st,
			    &l[i].err);
		if (l[i].st == WK_OK)
			l[i].st = publish_script(r, l[i].s, l[i].jobs, &secs,
			    &l[i].err);
		if (l[i].s != NULL)
			report(r, l[i].s, l[i].jobs, l[i].st == WK_OK ? NULL
			    : l[i].err.msg);
		if (l[i].st == WK_OK) {
			res->built++;
			res->audio_s += secs;
			if (l[i].s->nfallbacks > 0)
				res->with_fallbacks++;
		} else {
			failed(r, b, b->langs[i], l[i].st, &l[i].err, res);
			if (worst == WK_OK || l[i].st == WK_EIO || l[i].st == WK_ENOMEM)
				worst = l[i].st;
		}
		free_jobs(l[i].jobs, l[i].s ? l[i].s->nsegs : 0);
		wk_script_free(l[i].s);
	}
	free(l);
	wk_bulletin_free(b);
	return worst;
}

enum wk_status
wk_build(const struct wk_build_opts *o, struct wk_diags *d,
    struct wk_build_result *res, struct wk_err *err)
{
	struct run r;
	char *station = NULL, *catalog = NULL;
	enum wk_status st;
	FILE *gap;
	size_t i;

	memset(&r, 0, sizeof r);
	memset(res, 0, sizeof *res);
	r.o = o;
	r.d = d;
	wk_date_format(o->date, r.date);
	station = o->station ? strdup(o->station) : wk_default_station();
	catalog = wk_data_path("voices/catalog.xml");
	if (station == NULL || catalog == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((st = wk_station_load(station, &r.station, d, err)) != WK_OK ||
	    (st = wk_catalog_load(catalog, &r.cat, d, err)) != WK_OK)
		goto out;
	r.params.rate_hz = r.station->rate_hz;
	r.params.channels = r.station->channels;
	r.params.bitrate_kbps = r.station->bitrate_kbps;
	r.params.vbr = r.station->vbr;
	r.params.vbr_quality = r.station->vbr_quality;
	r.params.target_lufs = r.station->target_lufs;
	r.params.peak_dbtp = r.station->peak_dbtp;
	r.params.verify = r.station->verify;
	if ((r.feeds = wk_feedcache_new()) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((st = wk_outdir_open(o->outdir, r.date, o->lock_wait_s, &r.out,
	    err)) != WK_OK)
		goto out;
	wk_market_attach(r.feeds, r.station, o->outdir, d);	/* price archive */
	if (r.station->cache_mb > 0) {
		char *dir = wk_path_join(o->outdir, ".cache");

		st = dir ? wk_cache_open(dir, (unsigned long long)r.station->cache_mb
		    << 20, &r.cache, err) : wk_err_nomem(err);
		free(dir);
		if (st != WK_OK)
			goto out;
	}
	if ((st = wk_synth_new(&r.synth, err)) != WK_OK ||
	    (st = wk_renderer_new(&r.params, r.synth, &r.voices, d, &r.renderer,
	    err)) != WK_OK)
		goto out;
	if ((r.pool = wk_pool_new(o->jobs)) == NULL) {
		st = wk_err_set(err, WK_ENOMEM, NULL, 0, 0, "%s",
		    _("cannot start the encoder threads"));
		goto out;
	}
	/* The pause between segments, encoded once. */
	if ((gap = open_memstream((char **)&r.gap, &r.gaplen)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	st = wk_encode_silence(&r.params, r.station->segment_pause_ms, gap, err);
	if (fclose(gap) != 0 && st == WK_OK)
		st = wk_err_nomem(err);
	if (st != WK_OK)
		goto out;
	if ((r.report = wk_report_new(r.station->name, r.date)) == NULL)
		wk_diag(d, WK_WARNING, NULL, 0, 0,
		    _("the report could not be written: %s"), _("out of memory"));
	for (i = 0; i < o->nbulletins; i++) {
		st = build_bulletin(&r, o->bulletins[i], res);
		if (st == WK_EIO || st == WK_ENOMEM)
			break;
		if (st != WK_OK && res->worst == WK_OK)
			res->worst = st;
	}
	if (r.report != NULL)
		write_report(&r);
	st = WK_OK;
out:
	wk_pool_free(r.pool);
	wk_report_free(r.report);
	wk_cache_close(r.cache);
	wk_renderer_free(r.renderer);
	wk_synth_free(r.synth);
	wk_outdir_close(r.out);
	wk_feedcache_free(r.feeds);
	wk_voiceset_free(&r.voices);
	wk_catalog_free(r.cat);
	wk_station_free(r.station);
	free(r.gap);
	free(station);
	free(catalog);
	return st;
}
