/*
 * The libsndfile wrapper. Clips are read in chunks of at most 4096 frames,
 * converted to float and to the channel count the caller wants. A file of
 * float or double samples is read through once when opened: one NaN or
 * infinite sample would make every sample after it in the mix, the
 * loudness and the encoder's input NaN, and the bulletin silent.
 */

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sndfile.h>

#include "base/safedir.h"
#include "clip.h"

#define CHUNK 4096

struct wk_clip {
	SNDFILE *sf;
	SF_INFO info;
	char *path;
	float *buf;		/* CHUNK frames of the file's channels */
	unsigned long long replaced;	/* samples not finite, read as 0 */
};

/* For a file of float or double samples, whether every sample is a
 * finite number within WK_CLIP_MAX_PEAK_DBFS; reads the file through and
 * back to its start. WK_EINPUT with the reason. */
static enum wk_status
scan(struct wk_clip *c, const char *path, struct wk_err *err)
{
	int sub = c->info.format & SF_FORMAT_SUBMASK;
	unsigned long long bad = 0;
	double peak = 0, max = pow(10, WK_CLIP_MAX_PEAK_DBFS / 20.0);
	sf_count_t got;
	size_t i, n;

	if (sub != SF_FORMAT_FLOAT && sub != SF_FORMAT_DOUBLE)
		return WK_OK;
	while ((got = sf_readf_float(c->sf, c->buf, CHUNK)) > 0) {
		n = (size_t)got * (size_t)c->info.channels;
		for (i = 0; i < n; i++)
			if (!isfinite(c->buf[i]))
				bad++;
			else if (fabs(c->buf[i]) > peak)
				peak = fabs(c->buf[i]);
	}
	if (sf_error(c->sf) != SF_ERR_NO_ERROR || sf_seek(c->sf, 0, SEEK_SET) != 0)
		return wk_err_set(err, WK_EINPUT, path, 0, 0,
		    _("cannot read this clip as audio: %s (use WAV, FLAC or Ogg)"),
		    sf_strerror(c->sf));
	if (bad > 0)
		return wk_err_set(err, WK_EINPUT, path, 0, 0,
		    _("%llu of the clip's samples are not numbers (NaN or "
		    "infinite): the file is damaged; export it again from the "
		    "audio editor"), bad);
	if (peak > max)
		return wk_err_set(err, WK_EINPUT, path, 0, 0,
		    _("the clip's samples reach %+.0f dBFS, more than %+d dBFS: "
		    "no recording is that loud, the file is damaged; export it "
		    "again from the audio editor"), 20 * log10(peak),
		    WK_CLIP_MAX_PEAK_DBFS);
	return WK_OK;
}

enum wk_status
wk_clip_open(const char *path, struct wk_clip **out, struct wk_err *err)
{
	struct wk_clip *c;
	struct stat st;
	int fd;

	*out = NULL;
	/* O_NONBLOCK: a FIFO must not hang the run; it is refused below. */
	if ((fd = wk_safe_open_input(path)) < 0)
		return wk_err_set(err, WK_EINPUT, path, 0, 0,
		    _("cannot open the clip: %s"), errno == ELOOP ?
		    wk_safe_link_refusal() : strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    fcntl(fd, F_SETFL, 0) != 0) {
		close(fd);
		return wk_err_set(err, WK_EINPUT, path, 0, 0, "%s",
		    _("the clip is not a regular file (a FIFO, device or "
		    "folder); give the path of an audio file"));
	}
	if ((c = calloc(1, sizeof *c)) == NULL || (c->path = strdup(path)) == NULL) {
		close(fd);
		free(c);
		return wk_err_nomem(err);
	}
	c->sf = sf_open_fd(fd, SFM_READ, &c->info, 1);
	if (c->sf == NULL)
		close(fd);
	if (c->sf == NULL) {
		wk_err_set(err, WK_EINPUT, path, 0, 0,
		    _("cannot read this clip as audio: %s (use WAV, FLAC or Ogg)"),
		    sf_strerror(NULL));
		wk_clip_close(c);
		return WK_EINPUT;
	}
	if (c->info.frames <= 0 || c->info.samplerate <= 0 ||
	    c->info.channels <= 0 || c->info.channels > 8) {
		wk_clip_close(c);
		return wk_err_set(err, WK_EINPUT, path, 0, 0, "%s",
		    _("the clip holds no audio (or more than 8 channels)"));
	}
	if (c->info.samplerate < WK_CLIP_MIN_RATE_HZ ||
	    c->info.samplerate > WK_CLIP_MAX_RATE_HZ) {
		int hz = c->info.samplerate;

		wk_clip_close(c);
		return wk_err_set(err, WK_EINPUT, path, 0, 0,
		    _("the clip's sample rate is %d Hz; clips are read from %d "
		    "to %d Hz (resample it, for example with sox)"), hz,
		    WK_CLIP_MIN_RATE_HZ, WK_CLIP_MAX_RATE_HZ);
	}
	/* Fewer than 8 bits a second: a truncated or damaged file whose
	 * header promises what is not there. */
	if (c->info.frames / c->info.samplerate > (long long)st.st_size) {
		wk_clip_close(c);
		return wk_err_set(err, WK_EINPUT, path, 0, 0, "%s",
		    _("the clip's length cannot be right for its size (the file "
		    "is truncated or damaged); export it again"));
	}
	if (c->info.frames / c->info.samplerate > WK_CLIP_MAX_SECONDS) {
		long long min = c->info.frames / c->info.samplerate / 60;

		wk_clip_close(c);
		return wk_err_set(err, WK_EINPUT, path, 0, 0,
		    _("the clip lasts %lld minutes; clips may last %d minutes at "
		    "most"), min, WK_CLIP_MAX_SECONDS / 60);
	}
	if ((c->buf = malloc(sizeof *c->buf * CHUNK * (size_t)c->info.channels)) == NULL) {
		wk_clip_close(c);
		return wk_err_nomem(err);
	}
	if (scan(c, path, err) != WK_OK) {
		wk_clip_close(c);
		return WK_EINPUT;
	}
	*out = c;
	return WK_OK;
}

void
wk_clip_close(struct wk_clip *c)
{
	if (c == NULL)
		return;
	if (c->sf != NULL)
		sf_close(c->sf);
	free(c->buf);
	free(c->path);
	free(c);
}

int
wk_clip_rate_hz(const struct wk_clip *c)
{
	return c->info.samplerate;
}

long long
wk_clip_frames(const struct wk_clip *c)
{
	return (long long)c->info.frames;
}

long
wk_clip_read(struct wk_clip *c, float *out, size_t n, int channels,
    struct wk_err *err)
{
	int ch = c->info.channels, k;
	sf_count_t got;
	size_t i;

	if (n > CHUNK)
		n = CHUNK;
	got = sf_readf_float(c->sf, c->buf, (sf_count_t)n);
	if (got < 0 || (got == 0 && sf_error(c->sf) != SF_ERR_NO_ERROR)) {
		wk_err_set(err, WK_EAUDIO, c->path, 0, 0, _("cannot read: %s"),
		    sf_strerror(c->sf));
		return -1;
	}
	for (i = 0; i < (size_t)got * (size_t)ch; i++)
		if (!isfinite(c->buf[i])) {
			c->buf[i] = 0;
			c->replaced++;
		}
	for (i = 0; i < (size_t)got; i++) {
		const float *f = c->buf + i * (size_t)ch;

		if (channels == 1) {
			float sum = 0;

			for (k = 0; k < ch; k++)
				sum += f[k];
			out[i] = sum / (float)ch;
		} else {
			out[2 * i] = f[0];
			out[2 * i + 1] = ch > 1 ? f[1] : f[0];
		}
	}
	return (long)got;
}

unsigned long long
wk_clip_replaced(const struct wk_clip *c)
{
	return c->replaced;
}
