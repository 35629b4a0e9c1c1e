/*
 * The replacement clip of a failed bulletin, made like a segment: read
 * (clip.c), resampled (dsp.c) into a spool, mastered (master.c) and
 * written as one MP3 file with its tag and Xing frame (mp3file.c).
 */

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "read/clip.h"
#include "sound/dsp.h"
#include "failclip.h"
#include "sound/master.h"
#include "mp3file.h"
#include "sound/spool.h"

/* Reads the whole clip into sp at its rate and channels. */
static enum wk_status
fill(const char *path, struct wk_spool *sp, struct wk_err *err)
{
	struct wk_clip *c = NULL;
	struct wk_resampler *rs = NULL;
	enum wk_status st;
	float *buf = NULL;
	long got = 0;

	if ((st = wk_clip_open(path, &c, err)) != WK_OK)
		return st;
	if ((buf = malloc(WK_CHUNK * sizeof *buf * (size_t)sp->channels)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if (wk_clip_rate_hz(c) != sp->rate_hz &&
	    (st = wk_resampler_new(wk_clip_rate_hz(c), sp->rate_hz,
	    sp->channels, &rs, err)) != WK_OK)
		goto out;
	while (!sp->failed &&
	    (got = wk_clip_read(c, buf, WK_CHUNK, sp->channels, err)) > 0)
		if (rs != NULL ? wk_resample(rs, buf, (size_t)got,
		    wk_spool_write, sp) : wk_spool_write(sp, buf, (size_t)got))
			break;
	if (got == 0 && rs != NULL && !sp->failed)
		wk_resample(rs, NULL, 0, wk_spool_write, sp);
	if (got < 0)
		st = err->status;
	else if (sp->failed) {
		*err = sp->err;
		st = sp->err.status;
	}
out:
	free(buf);
	wk_resampler_free(rs);
	wk_clip_close(c);
	return st;
}

enum wk_status
wk_failclip_encode(const char *path, const struct wk_audio_params *p,
    const char *artist, FILE *out, double *seconds, struct wk_err *err)
{
	struct wk_spool *sp = NULL;
	struct wk_audio_stats stats;
	struct wk_mp3_summary sum;
	struct wk_mp3_enc enc;
	struct wk_buf tag = WK_BUF_INIT, title = WK_BUF_INIT;
	struct wk_tags t;
	const char *base = strrchr(path, '/'), *dot;
	double loss = 0;
	enum wk_status st;
	FILE *frames = NULL;

	*seconds = 0;
	memset(&stats, 0, sizeof stats);
	if ((st = wk_spool_new(p->rate_hz, p->channels, &sp, err)) != WK_OK)
		return st;
	if ((st = fill(path, sp, err)) != WK_OK ||
	    (st = wk_spool_finish(sp, err)) != WK_OK ||
	    (st = wk_spool_measure(sp, err)) != WK_OK ||
	    (st = wk_master_codec_loss(sp, p, &loss, err)) != WK_OK)
		goto out;
	if ((frames = tmpfile()) == NULL) {
		st = wk_err_set(err, WK_EIO, NULL, 0, 0, "%s",
		    _("cannot create a temporary file (TMPDIR)"));
		goto out;
	}
	if ((st = wk_master_segment(sp, p, loss, frames, &stats, err)) != WK_OK)
		goto out;
	if (fflush(frames) != 0 || ferror(frames)) {
		st = wk_err_set(err, WK_EIO, NULL, 0, 0, "%s",
		    _("cannot write a temporary file (TMPDIR)"));
		goto out;
	}
	/* The title is the clip's file name, without folder or extension. */
	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	wk_buf_append(&title, base, dot != NULL && dot > base ?
	    (size_t)(dot - base) : strlen(base));
	memset(&t, 0, sizeof t);
	t.title = wk_buf_str(&title);
	t.artist = artist;
	t.length_ms = (unsigned long)(stats.duration_s * 1000 + 0.5);
	wk_id3_build(&t, &tag);
	if (tag.failed || title.failed) {
		st = wk_err_nomem(err);
		goto out;
	}
	rewind(frames);
	wk_mp3_enc_init(&enc, p, stats.frames);
	if ((st = wk_mp3_assemble(out, &tag, &enc, &frames, 1, NULL, 0, &sum,
	    err)) == WK_OK)
		*seconds = (double)sum.samples / sum.rate_hz;
out:
	if (frames != NULL)
		fclose(frames);
	wk_buf_free(&tag);
	wk_buf_free(&title);
	wk_spool_free(sp);
	return st;
}
