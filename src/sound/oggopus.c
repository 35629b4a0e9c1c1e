/*
 * The libopusenc wrapper: libopusenc resamples to 48 kHz, packs Opus
 * packets into Ogg pages with the right pre-skip and end granule (so the
 * decoded length is the input's), and writes the OpusTags header from an
 * OggOpusComments. Pages go to a stdio stream through its callbacks.
 */

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <opusenc.h>

#include "oggopus.h"

#define CHUNK 4096

struct wk_opus {
	OggOpusEnc *enc;
	FILE *out;
	int channels;
	int failed;		/* a write to out failed */
	int saved_errno;
};

static int
write_cb(void *ud, const unsigned char *ptr, opus_int32 len)
{
	struct wk_opus *o = ud;

	if (len > 0 && fwrite(ptr, 1, (size_t)len, o->out) != (size_t)len) {
		o->failed = 1;
		o->saved_errno = errno;
		return 1;
	}
	return 0;
}

static int
close_cb(void *ud)
{
	(void)ud;
	return 0;
}

static int
add(OggOpusComments *c, const char *tag, const char *v)
{
	return v == NULL || *v == '\0' ? 0 : ope_comments_add(c, tag, v);
}

enum wk_status
wk_opus_new(const struct wk_audio_params *p, int kbps,
    const struct wk_opus_tags *t, FILE *out, struct wk_opus **op,
    struct wk_err *err)
{
	OpusEncCallbacks cb = { write_cb, close_cb };
	OggOpusComments *c = NULL;
	struct wk_opus *o;
	char gain[32];
	int e = 0, r = 0;
	enum wk_status st = WK_OK;

	*op = NULL;
	if (kbps < WK_OPUS_KBPS_MIN || kbps > WK_OPUS_KBPS_MAX ||
	    p->channels < 1 || p->channels > 2)
		return wk_err_set(err, WK_EAUDIO, NULL, 0, 0,
		    _("Opus: %d kb/s and %d channels are not offered; use %d "
		    "to %d kb/s, mono or stereo input"), kbps, p->channels,
		    WK_OPUS_KBPS_MIN, WK_OPUS_KBPS_MAX);
	if ((o = calloc(1, sizeof *o)) == NULL || (c = ope_comments_create()) ==
	    NULL) {
		free(o);
		return wk_err_nomem(err);
	}
	o->out = out;
	o->channels = p->channels;
	/* Q7.8 dB to -23 LUFS, the reference of R128_TRACK_GAIN. */
	snprintf(gain, sizeof gain, "%ld", lround((-23.0 - p->target_lufs) * 256));
	r |= add(c, "TITLE", t->title);
	r |= add(c, "ARTIST", t->artist);
	r |= add(c, "ALBUM", t->album);
	r |= add(c, "DATE", t->date);
	r |= add(c, "LANGUAGE", t->lang);
	r |= add(c, "TRACKNUMBER", t->track);
	r |= add(c, "LYRICS", t->transcript);
	r |= add(c, "DESCRIPTION", t->transcript);
	r |= add(c, "R128_TRACK_GAIN", gain);
	if (r != 0) {
		st = wk_err_nomem(err);
		goto out;
	}
	o->enc = ope_encoder_create_callbacks(&cb, o, c, p->rate_hz, p->channels,
	    0, &e);
	if (o->enc == NULL) {
		st = e == OPE_ALLOC_FAIL ? wk_err_nomem(err) : wk_err_set(err,
		    WK_EAUDIO, NULL, 0, 0, _("Opus: libopusenc refuses %d Hz: %s"),
		    p->rate_hz, ope_strerror(e));
		goto out;
	}
	if (ope_encoder_ctl(o->enc, OPUS_SET_BITRATE(kbps * 1000)) != OPE_OK ||
	    ope_encoder_ctl(o->enc, OPUS_SET_COMPLEXITY(10)) != OPE_OK) {
		st = wk_err_set(err, WK_EAUDIO, NULL, 0, 0,
		    _("Opus: libopusenc refuses %d kb/s"), kbps);
		goto out;
	}
out:
	ope_comments_destroy(c);
	if (st != WK_OK)
		wk_opus_free(o);
	else
		*op = o;
	return st;
}

static enum wk_status
check(struct wk_opus *o, int r, struct wk_err *err)
{
	if (o->failed)
		return wk_err_set(err, WK_EIO, NULL, 0, 0,
		    _("cannot write the encoded audio: %s"),
		    strerror(o->saved_errno));
	if (r == OPE_ALLOC_FAIL)
		return wk_err_nomem(err);
	if (r != OPE_OK)
		return wk_err_set(err, WK_EAUDIO, NULL, 0, 0,
		    _("Opus: libopusenc failed: %s"), ope_strerror(r));
	return WK_OK;
}

enum wk_status
wk_opus_write(struct wk_opus *o, const float *pcm, size_t n,
    struct wk_err *err)
{
	enum wk_status st;

	while (n > 0) {
		size_t k = n > CHUNK ? CHUNK : n;

		if ((st = check(o, ope_encoder_write_float(o->enc, pcm, (int)k),
		    err)) != WK_OK)
			return st;
		pcm += wk_items(k, o->channels);
		n -= k;
	}
	return WK_OK;
}

enum wk_status
wk_opus_finish(struct wk_opus *o, struct wk_err *err)
{
	return check(o, ope_encoder_drain(o->enc), err);
}

void
wk_opus_free(struct wk_opus *o)
{
	if (o == NULL)
		return;
	if (o->enc != NULL)
		ope_encoder_destroy(o->enc);
	free(o);
}

const char *
wk_opus_version(void)
{
	return ope_get_version_string();
}
