/*
 * The audio settings a station asks for, and the measurements of an
 * encoded stream as one line of text, the form in which the cache
 * (base/cache.h) keeps them beside a segment's frames.
 */

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "audio.h"
#include "read/station.h"

void
wk_audio_params_of(const struct wk_station *s, struct wk_audio_params *p)
{
	memset(p, 0, sizeof *p);
	p->rate_hz = s->rate_hz;
	p->channels = s->channels;
	p->bitrate_kbps = s->bitrate_kbps;
	p->vbr = s->vbr;
	p->vbr_quality = s->vbr_quality;
	p->target_lufs = s->target_lufs;
	p->peak_dbtp = s->peak_dbtp;
	p->verify = s->verify;
}

void
wk_stats_record(const struct wk_audio_stats *st, char *rec, size_t size)
{
	snprintf(rec, size, "frames %llu duration %.6f lufs %.4f peak %.4f "
	    "truepeak %.4f gain %.4f codec %.4f limited %d verified %d",
	    st->frames, st->duration_s, st->lufs, st->peak_db,
	    isfinite(st->peak_dbtp) ? st->peak_dbtp : 0.0, st->gain_db,
	    st->codec_loss_db, st->limited, st->verified);
}

int
wk_stats_parse(const char *rec, struct wk_audio_stats *st)
{
	double dtp;
	int limited, verified;

	memset(st, 0, sizeof *st);
	if (sscanf(rec, "frames %llu duration %lf lufs %lf peak %lf "
	    "truepeak %lf gain %lf codec %lf limited %d verified %d",
	    &st->frames, &st->duration_s, &st->lufs, &st->peak_db, &dtp,
	    &st->gain_db, &st->codec_loss_db, &limited, &verified) != 9)
		return -1;
	st->peak_dbtp = verified ? dtp : NAN;
	st->limited = limited != 0;
	st->verified = verified != 0;
	return 0;
}
