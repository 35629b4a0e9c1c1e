/*
 * Mastering, pass 2 of a segment: read the spool back in chunks, trim the
 * silence at either end, apply the gain that brings it to the station's
 * loudness target, limit its peaks (dsp.c) and encode it (encode.c, LAME).
 * What goes into the encoder is measured; the loudness listeners get is
 * that minus the MP3 loss the calibration measured (calib.c), or, with
 * verify, the decoded output measured. A file off target is encoded again
 * with the gain corrected. Any thread may run it, on different spools.
 * When Opus is wanted too, the PCM that goes into LAME is also written out
 * as raw floats, for bundle.c to encode with the same loudness.
 */

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dsp.h"
#include "encode.h"
#include "master.h"
#include "spool.h"

/* MP3 coding raises peaks a little; the limiter leaves room for that. */
#define CODEC_MARGIN_DB 1.0
/* How far a true peak may lie above the sample peak, for deciding
 * whether to limit at all (the encoded file's true peak is measured). */
#define INTERSAMPLE_DB 0.5

static int
meter_add(void *ud, const float *pcm, size_t n)
{
	return wk_meter_add(ud, pcm, n);
}

/* One pass over the spool and what it feeds. */
struct pass {
	struct wk_spool *sp;
	double gain;
	struct wk_limiter *lim;
	struct wk_meter *meter;
	struct wk_enc *enc;
	FILE *out;
	FILE *pcm;		/* a copy of what goes to the encoder, or NULL */
	struct wk_err *err;
	float peak;		/* sample peak of what was delivered */
};

static enum wk_status
deliver(struct pass *ps, float *pcm, size_t n)
{
	size_t i;

	for (i = 0; i < wk_items(n, ps->sp->channels); i++)
		if (fabsf(pcm[i]) > ps->peak)
			ps->peak = fabsf(pcm[i]);
	if (ps->meter != NULL && wk_meter_add(ps->meter, pcm, n) != 0)
		return wk_err_nomem(ps->err);
	if (ps->pcm != NULL && fwrite(pcm, sizeof *pcm, wk_items(n,
	    ps->sp->channels), ps->pcm) != wk_items(n, ps->sp->channels))
		return wk_err_set(ps->err, WK_EIO, NULL, 0, 0,
		    _("cannot write a temporary file: %s"), strerror(errno));
	if (ps->enc != NULL)
		return wk_enc_write(ps->enc, pcm, n, ps->out, ps->err);
	return WK_OK;
}

/* Reads frames [from, to) of the spool, scales them by the gain, passes
 * them through the limiter when there is one, and delivers them to the
 * meter and the encoder. */
static enum wk_status
run_pass(struct pass *ps, unsigned long long from, unsigned long long to)
{
	struct wk_spool *sp = ps->sp;
	size_t ch = (size_t)sp->channels, i;
	float *buf = NULL, *lim = NULL;
	unsigned long long unread = to - from;
	/* The limiter delays its output: its first frames out are dropped
	 * and as many frames of silence flush the last ones. */
	size_t drop = ps->lim ? wk_limiter_latency(ps->lim) : 0;
	unsigned long long left = unread + drop;
	enum wk_status st = WK_OK;

	buf = malloc(WK_CHUNK * ch * sizeof *buf);
	lim = malloc(WK_CHUNK * ch * sizeof *lim);
	if (buf == NULL || lim == NULL) {
		st = wk_err_nomem(ps->err);
		goto out;
	}
	if ((st = wk_spool_seek(sp, from, ps->err)) != WK_OK)
		goto out;
	while (left > 0 && st == WK_OK) {
		size_t k = left > WK_CHUNK ? WK_CHUNK : (size_t)left;
		size_t want = unread < k ? (size_t)unread : k, got = 0;
		float *o = buf;

		if (want > 0) {
			got = wk_spool_read(sp, buf, want);
			if (got != want) {
				st = wk_err_set(ps->err, WK_EIO, NULL, 0, 0,
				    _("cannot read a temporary file: %s"),
				    ferror(sp->f) ? strerror(errno) : "short");
				break;
			}
			unread -= got;
		}
		memset(buf + got * ch, 0, (k - got) * ch * sizeof *buf);
		for (i = 0; i < got * ch; i++)
			buf[i] *= (float)ps->gain;
		left -= k;
		if (ps->lim != NULL) {
			size_t d = drop < k ? drop : k;

			wk_limiter_run(ps->lim, buf, k, lim);
			o = lim + d * ch;
			k -= d;
			drop -= d;
		}
		if (k > 0)
			st = deliver(ps, o, k);
	}
out:
	free(buf);
	free(lim);
	return st;
}

/*
 * One encoding of frames [from, to) at gain_db, limited to ceiling_db when
 * limit is set, with codec_loss_db the MP3 loss to expect. The loudness of what goes into the encoder is the spool's
 * plus the gain, or, limited, measured (a cheap meter: loudness only); the
 * loudness listeners get is that minus the codec's loss, measured once per
 * run. With p->verify the encoder's output is
 * also decoded as it is written and measured, true peak included.
 */
static enum wk_status
encode_once(struct wk_spool *sp, const struct wk_audio_params *p,
    double codec_loss_db, unsigned long long from, unsigned long long to,
    double gain_db, int limit, double ceiling_db, FILE *out, FILE *pcm,
    struct wk_audio_stats *stats, struct wk_err *err)
{
	struct pass ps;
	struct wk_meter *post = NULL;
	enum wk_status st = WK_OK;

	memset(&ps, 0, sizeof ps);
	ps.sp = sp;
	ps.err = err;
	ps.out = out;
	ps.pcm = pcm;
	ps.gain = wk_db_to_lin(gain_db);
	/* Gain alone moves the loudness by exactly gain_db; what the limiter
	 * takes off must be measured. */
	if (limit) {
		ps.meter = wk_meter_new(sp->rate_hz, sp->channels, 0);
		ps.lim = wk_limiter_new(sp->rate_hz, sp->channels, ceiling_db);
	}
	if (p->verify)
		post = wk_meter_new(sp->rate_hz, sp->channels, 1);
	if ((limit && (ps.meter == NULL || ps.lim == NULL)) ||
	    (p->verify && post == NULL))
		st = wk_err_nomem(err);
	else if ((st = wk_enc_new(p, &ps.enc, err)) == WK_OK && p->verify &&
	    wk_enc_monitor(ps.enc, meter_add, post) != 0)
		st = wk_err_nomem(err);
	if (st == WK_OK)
		st = run_pass(&ps, from, to);
	if (st == WK_OK)
		st = wk_enc_finish(ps.enc, out, err);
	if (st == WK_OK) {
		double pcm = limit ? wk_meter_lufs(ps.meter) : sp->lufs + gain_db;

		stats->frames = to - from;
		stats->duration_s = (double)(to - from) / sp->rate_hz;
		stats->codec_loss_db = codec_loss_db;
		stats->verified = p->verify;
		stats->lufs = p->verify ? wk_meter_lufs(post)
		    : pcm - codec_loss_db;
		stats->peak_db = wk_lin_to_db(ps.peak);
		stats->peak_dbtp = p->verify ? wk_meter_peak_dbtp(post) : NAN;
		stats->gain_db = gain_db;
		stats->limited = limit;
		stats->pcm_lufs = pcm;
	}
	wk_enc_free(ps.enc);
	wk_limiter_free(ps.lim);
	wk_meter_free(ps.meter);
	wk_meter_free(post);
	return st;
}

/* How far off the target an encoded file may be before it is encoded
 * again with the gain corrected. */
#define LUFS_TOLERANCE 0.2

/* Empties f (from its start when start is 0) for another attempt. */
static int
rewind_to(FILE *f, off_t start)
{
	return fflush(f) != 0 || ftruncate(fileno(f), start) != 0 ||
	    fseeko(f, start, SEEK_SET) != 0 ? -1 : 0;
}

enum wk_status
wk_master_segment(struct wk_spool *sp, const struct wk_audio_params *p,
    double codec_loss_db, FILE *out, struct wk_audio_stats *stats,
    struct wk_err *err)
{
	return wk_master_segment_pcm(sp, p, codec_loss_db, out, NULL, stats,
	    err);
}

enum wk_status
wk_master_segment_pcm(struct wk_spool *sp, const struct wk_audio_params *p,
    double codec_loss_db, FILE *out, FILE *pcm, struct wk_audio_stats *stats,
    struct wk_err *err)
{
	double gain_db, ceiling_db = p->peak_dbtp - CODEC_MARGIN_DB;
	unsigned long long from, to;
	enum wk_status st = WK_OK;
	off_t start = ftello(out), pstart = pcm ? ftello(pcm) : 0;
	int limit, attempt;

	memset(stats, 0, sizeof *stats);
	if (!isfinite(sp->lufs) || sp->nenv == 0)
		return wk_err_set(err, WK_EAUDIO, NULL, 0, 0, "%s",
		    _("the segment is silent; nothing would go to air"));
	/* MP3 coding loses a little loudness (the run measured how much). */
	gain_db = p->target_lufs - sp->lufs + codec_loss_db;
	if (wk_spool_trim(sp, gain_db, &from, &to) != 0)
		return wk_err_set(err, WK_EAUDIO, NULL, 0, 0, "%s",
		    _("the segment is silent; nothing would go to air"));
	limit = sp->peak_db + INTERSAMPLE_DB + gain_db > ceiling_db;
	for (attempt = 0; attempt < 3; attempt++) {
		double off, over;

		if (attempt > 0 && (rewind_to(out, start) != 0 ||
		    (pcm != NULL && rewind_to(pcm, pstart) != 0)))
			return wk_err_set(err, WK_EIO, NULL, 0, 0,
			    _("cannot rewrite a temporary file: %s"),
			    strerror(errno));
		st = encode_once(sp, p, codec_loss_db, from, to, gain_db, limit,
		    ceiling_db, out, pcm, stats, err);
		if (st != WK_OK)
			return st;
		/* Under 400 ms of sound has no integrated loudness: trust
		 * the gain computed from the spool. */
		off = isfinite(stats->lufs) ? p->target_lufs - stats->lufs : 0;
		over = p->verify ? stats->peak_dbtp - p->peak_dbtp : 0;
		if (fabs(off) <= LUFS_TOLERANCE && over <= 0)
			break;
		/* Correct and encode again: more gain, or a lower ceiling. */
		gain_db += off;
		if (over > 0)
			ceiling_db -= over + 0.2;
		limit = limit || over > 0 ||
		    sp->peak_db + INTERSAMPLE_DB + gain_db > ceiling_db;
	}
	return WK_OK;
}

enum wk_status
wk_master_codec_loss(struct wk_spool *sp, const struct wk_audio_params *p,
    double *loss_db, struct wk_err *err)
{
	double gain = p->target_lufs - sp->lufs;
	unsigned long long from, to;
	struct wk_audio_params vp = *p;
	struct wk_audio_stats stats;
	enum wk_status st = WK_OK;
	FILE *f;

	*loss_db = 0;
	memset(&stats, 0, sizeof stats);
	vp.verify = 1;
	if ((f = tmpfile()) == NULL)
		return wk_err_set(err, WK_EIO, NULL, 0, 0,
		    _("cannot create a temporary file (TMPDIR): %s"),
		    strerror(errno));
	if (wk_spool_trim(sp, gain, &from, &to) == 0 &&
	    (st = encode_once(sp, &vp, 0, from, to, gain,
	    sp->peak_db + INTERSAMPLE_DB + gain > p->peak_dbtp - CODEC_MARGIN_DB,
	    vp.peak_dbtp - CODEC_MARGIN_DB, f, NULL, &stats, err)) == WK_OK &&
	    isfinite(stats.lufs) && isfinite(stats.pcm_lufs))
		*loss_db = stats.pcm_lufs - stats.lufs;
	fclose(f);
	if (*loss_db < 0 || *loss_db > 3)
		*loss_db = 0;
	return st;
}
