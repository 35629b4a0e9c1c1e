/*
 * The files of one bulletin-language. Each segment's raw MP3 frames (from
 * mastering) are copied into the segment's file and, joined with the
 * frames of the pause, into the whole bulletin's (mp3file.c adds the tags
 * and the Xing frame); the playlist, transcript and Rivendell cart data
 * are written beside them, and publish.c makes them appear at once. With
 * Opus, each segment's mastered PCM (kept by mastering) is encoded again
 * by libopusenc (oggopus.c) into the segment's .opus file and, with the
 * pauses, into the whole bulletin's.
 */

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "bundle.h"
#include "say/compose.h"
#include "sound/master.h"
#include "mp3file.h"
#include "sound/oggopus.h"
#include "podcast.h"
#include "publish.h"
#include "read/station.h"

/* Frames of PCM read at a time for Opus. */
#define OPUS_CHUNK 4096

void
wk_bundle_name_of(const char *bulletin, const char *lang, struct wk_buf *out)
{
	wk_buf_printf(out, "%s-%s", bulletin, lang);
}

void
wk_bundle_name(const struct wk_script *s, struct wk_buf *out)
{
	wk_bundle_name_of(s->bulletin, s->lang, out);
}

void
wk_bundle_seg_file(const struct wk_script *s, size_t i, struct wk_buf *out)
{
	assert(i < s->nsegs);
	wk_buf_printf(out, "%s-%s/%02zu-%s.mp3", s->bulletin, s->lang, i + 1,
	    s->segs[i].id);
}

static void
wk_bundle_seg_opus(const struct wk_script *s, size_t i, struct wk_buf *out)
{
	assert(i < s->nsegs);
	wk_buf_printf(out, "%s-%s/%02zu-%s.opus", s->bulletin, s->lang, i + 1,
	    s->segs[i].id);
}

/* Appends the file name in b to the list v of *n; -1 when out of
 * memory. */
static int
files_add(char ***v, size_t *n, struct wk_buf *b)
{
	char **t;

	if (b->failed || (t = realloc(*v, (*n + 2) * sizeof *t)) == NULL)
		return -1;
	*v = t;
	if ((t[*n] = strdup(wk_buf_str(b))) == NULL)
		return -1;
	t[++*n] = NULL;
	wk_buf_clear(b);
	return 0;
}

char **
wk_bundle_files(const struct wk_script *s, const struct wk_station *st,
    size_t *n)
{
	static const char *const tops[] = { "mp3", "opus", "xml", "m3u", "txt" };
	struct wk_buf b = WK_BUF_INIT;
	char **v = calloc(1, sizeof *v);
	size_t i;
	int rc = v == NULL ? -1 : 0;

	*n = 0;
	for (i = 0; i < s->nsegs && rc == 0; i++) {
		wk_bundle_seg_file(s, i, &b);
		rc = files_add(&v, n, &b);
		if (rc == 0 && st->opus) {
			wk_bundle_seg_opus(s, i, &b);
			rc = files_add(&v, n, &b);
		}
	}
	for (i = 0; i < sizeof tops / sizeof *tops && rc == 0; i++) {
		if ((i == 1 && !st->opus) || (i == 2 && !st->rivendell))
			continue;
		wk_bundle_name(s, &b);
		wk_buf_printf(&b, ".%s", tops[i]);
		rc = files_add(&v, n, &b);
	}
	wk_buf_free(&b);
	if (rc != 0) {
		wk_bundle_files_free(v);
		return NULL;
	}
	return v;
}

void
wk_bundle_files_free(char **v)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* One publication on its way. */
struct out {
	const struct wk_bundle *b;
	struct wk_pub *pub;
	struct wk_buf name;		/* NAME */
	struct wk_buf rel;		/* the file being written */
	struct wk_buf txt, m3u, cart;
	char date[11];
	unsigned long *seg_frames;	/* MPEG frames of each segment's file */
	int spf;			/* their samples per frame */
};

/* The tags every file of the bulletin-language carries. */
static void
base_tags(const struct out *o, struct wk_tags *t)
{
	memset(t, 0, sizeof *t);
	t->artist = o->b->station->name;
	t->album = o->b->s->title;
	t->genre = o->b->station->genre;
	t->date = o->date;
	t->lang = o->b->iso639_2;
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
	struct wk_buf one = WK_BUF_INIT;

	/* One line: no separator or control character of a title or a
	 * station name reaches the cart's fields. */
	wk_buf_oneline(&one, v);
	if (one.failed)
		b->failed = 1;
	wk_buf_printf(b, "%s<%s>", indent, name);
	wk_buf_xml(b, wk_buf_str(&one));
	wk_buf_printf(b, "</%s>\n", name);
	wk_buf_free(&one);
}

/* Cart data for Rivendell (RDXL, as rdimport --xml reads it): the cut is
 * valid from the broadcast date to the end of the day expire_days later,
 * so that it leaves the air by itself. */
static void
rdxl(const struct out *o, unsigned long length_ms, struct wk_buf *b)
{
	const struct wk_script *s = o->b->s;
	struct wk_date end = wk_date_from_days(wk_date_days(o->b->date) +
	    o->b->station->expire_days);
	char e[11], tmp[64];
	unsigned cart = wk_station_cart(o->b->station, s->bulletin, s->lang);

	wk_date_format(end, e);
	wk_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<RDXL>\n"
	    "  <cart>\n");
	/* In the order rdxport writes them: a dropbox set to "To Cart"
	 * replaces this cart's audio every day. */
	if (cart > 0) {
		snprintf(tmp, sizeof tmp, "%u", cart);
		field(b, "    ", "number", tmp);
	}
	field(b, "    ", "type", "audio");
	if (o->b->station->rivendell_group != NULL)
		field(b, "    ", "groupName", o->b->station->rivendell_group);
	field(b, "    ", "title", s->title);
	field(b, "    ", "artist", o->b->station->name);
	field(b, "    ", "album", s->title);
	snprintf(tmp, sizeof tmp, "%.4s", o->date);
	field(b, "    ", "year", tmp);
	snprintf(tmp, sizeof tmp, "willakuy %s-%s", s->bulletin, s->lang);
	field(b, "    ", "userDefined", tmp);
	wk_buf_puts(b, "    <cutList>\n      <cut>\n");
	field(b, "        ", "cutNumber", "1");
	/* The day, so that RDLibrary shows which day's cut the cart holds. */
	{
		struct wk_buf d = WK_BUF_INIT;

		wk_buf_printf(&d, "%s (%s)", s->title, o->date);
		field(b, "        ", "description", wk_buf_str(&d));
		if (d.failed)
			b->failed = 1;
		wk_buf_free(&d);
	}
	snprintf(tmp, sizeof tmp, "%lu", length_ms);
	field(b, "        ", "length", tmp);
	field(b, "        ", "evergreen", "false");
	snprintf(tmp, sizeof tmp, "%sT00:00:00", o->date);
	field(b, "        ", "startDatetime", tmp);
	snprintf(tmp, sizeof tmp, "%sT23:59:59", e);
	field(b, "        ", "endDatetime", tmp);
	wk_buf_puts(b, "      </cut>\n    </cutList>\n  </cart>\n</RDXL>\n");
}

/* Writes the MP3 file o->rel from raw frame streams, joined with the
 * first gap[i] frames of the pause after input i when gap is set. */
static enum wk_status
write_mp3(struct out *o, const struct wk_tags *t, FILE **ins, size_t nin,
    const unsigned long *gap, unsigned long long last_pcm,
    struct wk_mp3_summary *sum, struct wk_err *err)
{
	struct wk_buf tag = WK_BUF_INIT;
	struct wk_mp3_enc enc;
	enum wk_status st;
	size_t i;
	FILE *f;

	wk_id3_build(t, &tag);
	if (tag.failed || o->rel.failed) {
		wk_buf_free(&tag);
		return wk_err_nomem(err);
	}
	if ((f = wk_pub_create(o->pub, wk_buf_str(&o->rel), err)) == NULL) {
		wk_buf_free(&tag);
		return err->status;
	}
	for (i = 0; i < nin; i++)
		rewind(ins[i]);
	wk_mp3_enc_init(&enc, o->b->params, last_pcm);
	enc.gap_frames = gap;
	st = wk_mp3_assemble(f, &tag, &enc, ins, nin,
	    gap ? o->b->gap : NULL, gap ? o->b->gaplen : 0, sum, err);
	wk_buf_free(&tag);
	if (st == WK_OK)
		st = wk_pub_close(o->pub, f, err);
	else {
		struct wk_err e2;

		wk_pub_close(o->pub, f, &e2);
	}
	return st;
}

/* The gain that takes segment i's mastered PCM from the loudness that
 * LAME was given (the target plus what MP3 coding loses) to the target;
 * only down, so the true-peak ceiling holds. Linear. */
static float
opus_gain(const struct wk_bundle *b, size_t i)
{
	double g = b->params->target_lufs - b->stats[i].pcm_lufs;

	return isfinite(g) && g < 0 ? (float)pow(10.0, g / 20.0) : 1.0f;
}

/* Appends segment i's PCM to the Opus stream; buf holds OPUS_CHUNK
 * frames. */
static enum wk_status
opus_segment(struct out *o, struct wk_opus *enc, size_t i, float *buf,
    struct wk_err *err)
{
	int ch = o->b->params->channels;
	float g = opus_gain(o->b, i);
	FILE *in = o->b->pcm[i];
	enum wk_status st = WK_OK;
	size_t n, k;

	rewind(in);
	while (st == WK_OK && (n = fread(buf, sizeof *buf * (size_t)ch,
	    OPUS_CHUNK, in)) > 0) {
		for (k = 0; k < wk_items(n, ch); k++)
			buf[k] *= g;
		st = wk_opus_write(enc, buf, n, err);
	}
	if (st == WK_OK && ferror(in))
		st = wk_err_set(err, WK_EIO, NULL, 0, 0, "%s",
		    _("cannot read a temporary file (TMPDIR)"));
	return st;
}

/* Writes the Ogg Opus file o->rel from the PCM of segments [from, to),
 * with the pause between them. */
static enum wk_status
write_opus(struct out *o, const struct wk_opus_tags *t, size_t from,
    size_t to, struct wk_err *err)
{
	const struct wk_audio_params *p = o->b->params;
	unsigned long long pause = (unsigned long long)p->rate_hz *
	    o->b->station->segment_pause_ms / 1000, left;
	struct wk_opus *enc = NULL;
	enum wk_status st;
	float *buf;
	size_t i;
	FILE *f;

	if (o->rel.failed || (buf = calloc(wk_items(OPUS_CHUNK,
	    p->channels), sizeof *buf)) == NULL)
		return wk_err_nomem(err);
	if ((f = wk_pub_create(o->pub, wk_buf_str(&o->rel), err)) == NULL) {
		free(buf);
		return err->status;
	}
	st = wk_opus_new(p, o->b->station->opus_kbps, t, f, &enc, err);
	for (i = from; i < to && st == WK_OK; i++) {
		for (left = i > from ? pause : 0; left > 0 && st == WK_OK;) {
			size_t k = left > OPUS_CHUNK ? OPUS_CHUNK :
			    (size_t)left;

			memset(buf, 0, wk_items(k, p->channels) * sizeof *buf);
			st = wk_opus_write(enc, buf, k, err);
			left -= k;
		}
		if (st == WK_OK)
			st = opus_segment(o, enc, i, buf, err);
	}
	if (st == WK_OK)
		st = wk_opus_finish(enc, err);
	wk_opus_free(enc);
	free(buf);
	if (st == WK_OK)
		return wk_pub_close(o->pub, f, err);
	else {
		struct wk_err e2;

		wk_pub_close(o->pub, f, &e2);
	}
	return st;
}

/* The Vorbis comments that match the ID3 tag t. */
static void
opus_tags(const struct wk_tags *t, struct wk_opus_tags *ot)
{
	memset(ot, 0, sizeof *ot);
	ot->title = t->title;
	ot->artist = t->artist;
	ot->album = t->album;
	ot->date = t->date;
	ot->lang = t->lang;
	ot->track = t->track;
	ot->transcript = t->comment;
}

/* Writes the text file NAME.ext from b. */
static enum wk_status
write_text(struct out *o, const char *ext, const struct wk_buf *b,
    struct wk_err *err)
{
	FILE *f;

	wk_buf_clear(&o->rel);
	wk_buf_printf(&o->rel, "%s.%s", wk_buf_str(&o->name), ext);
	if (o->rel.failed || b->failed)
		return wk_err_nomem(err);
	if ((f = wk_pub_create(o->pub, wk_buf_str(&o->rel), err)) == NULL)
		return err->status;
	if (b->len > 0 && fwrite(b->data, 1, b->len, f) != b->len) {
		struct wk_err e2;

		wk_pub_close(o->pub, f, &e2);
		return wk_err_set(err, WK_EIO, wk_buf_str(&o->rel), 0, 0, "%s",
		    _("cannot write"));
	}
	return wk_pub_close(o->pub, f, err);
}

/* A note on each file's loudness; a warning when a segment still misses
 * the loudness target or the true-peak ceiling after mastering's
 * corrections (reported, not hidden). */
static void
file_notes(const struct out *o, const struct wk_audio_stats *st)
{
	const struct wk_audio_params *p = o->b->params;
	const char *name = wk_buf_str(&o->rel);
	struct wk_diags *d = o->b->d;

	if (st->verified)
		wk_diag(d, WK_NOTE, NULL, 0, 0,
		    _("%s: %.1f s, %.2f LUFS and %.2f dBTP measured on the "
		    "MP3, gain %+.2f dB%s"), name, st->duration_s, st->lufs,
		    st->peak_dbtp, st->gain_db, st->limited ? ", limited" : "");
	else
		wk_diag(d, WK_NOTE, NULL, 0, 0,
		    _("%s: %.1f s, %.2f LUFS (with MP3 coding's %.2f dB "
		    "loss), sample peak %.2f dBFS, gain %+.2f dB%s"), name,
		    st->duration_s, st->lufs, st->codec_loss_db, st->peak_db,
		    st->gain_db, st->limited ? ", limited" : "");
	if (isfinite(st->lufs) && fabs(st->lufs - p->target_lufs) > WK_LUFS_BAR)
		wk_diag(d, WK_WARNING, NULL, 0, 0,
		    _("%s: loudness %.2f LUFS misses the station's target of "
		    "%.1f LUFS by more than %.1f LU"), name, st->lufs,
		    p->target_lufs, WK_LUFS_BAR);
	if (st->verified && st->peak_dbtp > p->peak_dbtp + 0.05)
		wk_diag(d, WK_WARNING, NULL, 0, 0,
		    _("%s: true peak %.2f dBTP is above the station's ceiling "
		    "of %.1f dBTP"), name, st->peak_dbtp, p->peak_dbtp);
}

/* Segment i's file, its playlist entry and its part of the transcript. */
static enum wk_status
publish_segment(struct out *o, size_t i, struct wk_err *err)
{
	const struct wk_script *s = o->b->s;
	const struct wk_audio_stats *st = &o->b->stats[i];
	struct wk_buf one = WK_BUF_INIT;
	struct wk_mp3_summary sum;
	struct wk_tags t;
	char g[32], p[32], title[512], track[48];
	enum wk_status rc;

	wk_seg_transcript(s, &s->segs[i], &one);
	wk_buf_puts(&o->txt, wk_buf_str(&one));
	if (i + 1 < s->nsegs)
		wk_buf_putc(&o->txt, '\n');
	snprintf(title, sizeof title, "%s: %s", s->title, s->segs[i].id);
	base_tags(o, &t);
	t.title = title;
	t.length_ms = (unsigned long)(st->duration_s * 1000 + 0.5);
	t.comment = wk_buf_str(&one);
	gain_tags(&t, st->lufs, st->peak_db, g, p);
	snprintf(track, sizeof track, "%zu/%zu", i + 1, s->nsegs);
	t.track = track;
	wk_buf_clear(&o->rel);
	wk_bundle_seg_file(s, i, &o->rel);
	if (one.failed) {
		wk_buf_free(&one);
		return wk_err_nomem(err);
	}
	rc = write_mp3(o, &t, &o->b->frames[i], 1, NULL, st->frames, &sum, err);
	if (rc == WK_OK) {
		o->seg_frames[i] = sum.frames;
		o->spf = sum.spf;
		wk_m3u_extinf(&o->m3u, st->duration_s, o->b->station->name,
		    s->title, s->segs[i].id, wk_buf_str(&o->rel));
		file_notes(o, st);
	}
	if (rc == WK_OK && o->b->pcm != NULL) {
		struct wk_opus_tags ot;

		opus_tags(&t, &ot);
		wk_buf_clear(&o->rel);
		wk_bundle_seg_opus(s, i, &o->rel);
		rc = write_opus(o, &ot, i, i + 1, err);
	}
	wk_buf_free(&one);
	return rc;
}

/* The loudness of the whole: the power average of the segments, over
 * their length. */
static double
whole_lufs(const struct wk_bundle *b)
{
	double e = 0, d = 0;
	size_t i;

	for (i = 0; i < b->s->nsegs; i++)
		if (isfinite(b->stats[i].lufs)) {
			e += b->stats[i].duration_s * pow(10, b->stats[i].lufs / 10);
			d += b->stats[i].duration_s;
		}
	return d > 0 ? 10 * log10(e / d) : -HUGE_VAL;
}

/* How many of the pause's frames follow each segment in the whole
 * bulletin (gap, nsegs - 1 of them), so that it lasts as long as its
 * segments and the station's pauses (wk_mp3_join_plan); returns the PCM
 * frames it decodes to. */
static unsigned long long
join_plan(const struct out *o, unsigned long *gap, struct wk_err *err,
    enum wk_status *st)
{
	const struct wk_bundle *b = o->b;
	size_t i, n = b->s->nsegs;
	unsigned long long *pcm = calloc(n, sizeof *pcm), decoded = 0;
	unsigned long avail = 0;
	int spf = 0;

	*st = WK_OK;
	if (pcm == NULL) {
		*st = wk_err_nomem(err);
		return 0;
	}
	for (i = 0; i < n; i++)
		pcm[i] = b->stats[i].frames;
	if (b->gaplen > 0)
		wk_mp3_frames(b->gap, b->gaplen, (unsigned long)-1, &avail, &spf);
	decoded = wk_mp3_join_plan(o->seg_frames, pcm, n, o->spf, avail,
	    (unsigned long long)b->station->segment_pause_ms *
	    (unsigned)b->params->rate_hz / 1000, gap);
	free(pcm);
	return decoded;
}

/* The whole bulletin's file, and the cart data that goes in its tag. */
static enum wk_status
publish_whole(struct out *o, double *seconds, struct wk_err *err)
{
	const struct wk_bundle *b = o->b;
	const struct wk_script *s = b->s;
	struct wk_mp3_summary sum;
	struct wk_tags t;
	double peak = -HUGE_VAL;
	char g[32], p[32], title[512];
	unsigned long *gap = NULL;
	unsigned long long decoded;
	enum wk_status st;
	size_t i;

	for (i = 0; i < s->nsegs; i++)
		if (b->stats[i].peak_db > peak)
			peak = b->stats[i].peak_db;
	base_tags(o, &t);
	/* The date in the title: on a USB stick or a phone every day's
	 * file has the same name. */
	snprintf(title, sizeof title, "%s (%s)", s->title, o->date);
	t.title = title;
	t.comment = wk_buf_str(&o->txt);
	gain_tags(&t, whole_lufs(b), peak, g, p);
	/* The segments' files are written: their frames say how the pause
	 * joins them, and so how long the whole decodes to (TLEN, the RDXL
	 * length and the Info frame agree with it). */
	if ((gap = calloc(s->nsegs, sizeof *gap)) == NULL)
		return wk_err_nomem(err);
	decoded = join_plan(o, gap, err, &st);
	if (st != WK_OK)
		goto out;
	t.length_ms = (unsigned long)((decoded * 1000 +
	    (unsigned)b->params->rate_hz / 2) / (unsigned)b->params->rate_hz);
	if (b->station->rivendell) {
		rdxl(o, t.length_ms, &o->cart);
		t.txxx_desc[t.ntxxx] = "RDXL";
		t.txxx_value[t.ntxxx++] = wk_buf_str(&o->cart);
	}
	wk_buf_clear(&o->rel);
	wk_buf_printf(&o->rel, "%s.mp3", wk_buf_str(&o->name));
	st = write_mp3(o, &t, b->frames, s->nsegs, gap,
	    b->stats[s->nsegs - 1].frames, &sum, err);
	/* The plan and the file agree, or the tags would lie. */
	assert(st != WK_OK || b->stats[s->nsegs - 1].frames == 0 ||
	    sum.decoded == decoded);
	if (st == WK_OK)
		*seconds += (double)sum.decoded / sum.rate_hz;
	if (st == WK_OK && b->pcm != NULL) {
		struct wk_opus_tags ot;

		opus_tags(&t, &ot);
		wk_buf_clear(&o->rel);
		wk_buf_printf(&o->rel, "%s.opus", wk_buf_str(&o->name));
		st = write_opus(o, &ot, 0, s->nsegs, err);
	}
out:
	free(gap);
	return st;
}

enum wk_status
wk_bundle_publish(const struct wk_bundle *b, struct wk_outdir *dir,
    double *seconds, struct wk_err *err)
{
	struct out o;
	enum wk_status st;
	size_t i;

	assert(b->s->nsegs > 0);
	memset(&o, 0, sizeof o);
	o.b = b;
	wk_date_format(b->date, o.date);
	wk_bundle_name(b->s, &o.name);
	if (o.name.failed) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((st = wk_pub_begin(dir, wk_buf_str(&o.name), &o.pub, err)) != WK_OK)
		goto out;
	if ((o.seg_frames = calloc(b->s->nsegs, sizeof *o.seg_frames)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	wk_buf_puts(&o.m3u, "#EXTM3U\n");
	for (i = 0; i < b->s->nsegs && st == WK_OK; i++)
		st = publish_segment(&o, i, err);
	if (st == WK_OK)
		st = publish_whole(&o, seconds, err);
	if (st == WK_OK && b->station->rivendell)
		st = write_text(&o, "xml", &o.cart, err);
	if (st == WK_OK)
		st = write_text(&o, "m3u", &o.m3u, err);
	if (st == WK_OK)
		st = write_text(&o, "txt", &o.txt, err);
	if (st == WK_OK) {
		wk_buf_clear(&o.rel);
		wk_buf_printf(&o.rel, "%s.mp3", wk_buf_str(&o.name));
		st = o.rel.failed ? wk_err_nomem(err)
		    : wk_pub_commit(o.pub, wk_buf_str(&o.rel), err);
		o.pub = NULL;
	}
out:
	if (o.pub != NULL)
		wk_pub_abort(o.pub);
	wk_buf_free(&o.name);
	wk_buf_free(&o.rel);
	wk_buf_free(&o.txt);
	wk_buf_free(&o.m3u);
	wk_buf_free(&o.cart);
	free(o.seg_frames);
	return st;
}
