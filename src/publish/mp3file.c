/*
 * ID3v2.3 tags, MPEG frame headers and the Xing/Info frame. Layer III only,
 * which is all LAME writes. The Xing frame carries the frame count, the byte
 * count (Xing frame included), a 100-entry seek table whose offsets are
 * relative to the Xing frame and a quality, then LAME's 36-byte extension
 * (encoder delay, padding, music length and CRCs), as LAME 3.100 writes
 * them.
 */

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mp3file.h"
#include "base/text.h"

static void
be32(struct wk_buf *b, unsigned long v)
{
	char o[4] = { (char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v };

	wk_buf_append(b, o, 4);
}

static int
is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* One string in the frame's encoding; term adds the terminator. */
static void
id3_string(struct wk_buf *b, const char *s, int utf16, int term)
{
	if (!utf16) {
		wk_buf_append(b, s, strlen(s) + (term ? 1 : 0));
		return;
	}
	wk_buf_append(b, "\xFF\xFE", 2);
	while (*s) {
		uint32_t cp;
		char u[4];

		s += wk_utf8_next(s, &cp);
		if (cp >= 0x10000) {
			uint32_t v = cp - 0x10000, hi = 0xD800 | (v >> 10),
			    lo = 0xDC00 | (v & 0x3FF);

			u[0] = (char)(hi & 0xFF);
			u[1] = (char)(hi >> 8);
			u[2] = (char)(lo & 0xFF);
			u[3] = (char)(lo >> 8);
			wk_buf_append(b, u, 4);
		} else {
			u[0] = (char)(cp & 0xFF);
			u[1] = (char)(cp >> 8);
			wk_buf_append(b, u, 2);
		}
	}
	if (term)
		wk_buf_append(b, "\0\0", 2);
}

static void
frame(struct wk_buf *b, const char *id, const struct wk_buf *body)
{
	wk_buf_append(b, id, 4);
	be32(b, (unsigned long)body->len);
	wk_buf_append(b, "\0\0", 2);
	wk_buf_append(b, wk_buf_str(body), body->len);
}

/* A text frame; desc != NULL makes it TXXX/COMM style (lang for COMM). */
static void
text_frame(struct wk_buf *b, const char *id, const char *lang,
    const char *desc, const char *text)
{
	struct wk_buf body = WK_BUF_INIT, one = WK_BUF_INIT;
	int utf16;

	if (text == NULL)
		return;
	/* Every text frame is one line: no separator or control character
	 * from a title or a station name. The comment (the transcript, one
	 * line a sentence) and TXXX (our figures and the RDXL document, whose
	 * fields are one line each) keep their line breaks. */
	if (strcmp(id, "COMM") != 0 && strcmp(id, "TXXX") != 0) {
		wk_buf_oneline(&one, text);
		if (one.failed)
			b->failed = 1;
		text = wk_buf_str(&one);
	}
	utf16 = !is_ascii(text) || (desc != NULL && !is_ascii(desc));
	wk_buf_putc(&body, utf16 ? 1 : 0);
	if (lang != NULL)
		wk_buf_append(&body, lang, 3);
	if (desc != NULL)
		id3_string(&body, desc, utf16, 1);
	id3_string(&body, text, utf16, 0);
	if (body.failed)
		b->failed = 1;
	frame(b, id, &body);
	wk_buf_free(&body);
	wk_buf_free(&one);
}

void
wk_id3_build(const struct wk_tags *t, struct wk_buf *out)
{
	struct wk_buf f = WK_BUF_INIT;
	char tmp[32];
	size_t i, n;
	unsigned long sz;

	text_frame(&f, "TIT2", NULL, NULL, t->title);
	text_frame(&f, "TPE1", NULL, NULL, t->artist);
	text_frame(&f, "TALB", NULL, NULL, t->album);
	text_frame(&f, "TCON", NULL, NULL, t->genre);
	if (t->date != NULL && strlen(t->date) == 10) {
		snprintf(tmp, sizeof tmp, "%.4s", t->date);
		text_frame(&f, "TYER", NULL, NULL, tmp);
		snprintf(tmp, sizeof tmp, "%.2s%.2s", t->date + 8, t->date + 5);
		text_frame(&f, "TDAT", NULL, NULL, tmp);
	}
	text_frame(&f, "TLAN", NULL, NULL, t->lang);
	text_frame(&f, "TRCK", NULL, NULL, t->track);
	if (t->length_ms > 0) {
		snprintf(tmp, sizeof tmp, "%lu", t->length_ms);
		text_frame(&f, "TLEN", NULL, NULL, tmp);
	}
	if (t->comment != NULL)
		text_frame(&f, "COMM", t->lang ? t->lang : "und", "", t->comment);
	for (i = 0; i < t->ntxxx && i < 8; i++)
		text_frame(&f, "TXXX", NULL, t->txxx_desc[i], t->txxx_value[i]);
	sz = (unsigned long)f.len;
	wk_buf_append(out, "ID3\x03\x00\x00", 6);
	/* The tag size is "syncsafe": 7 bits per byte. */
	for (n = 0; n < 4; n++)
		wk_buf_putc(out, (char)((sz >> (21 - 7 * n)) & 0x7F));
	wk_buf_append(out, wk_buf_str(&f), f.len);
	if (f.failed || sz >= (1UL << 28))
		out->failed = 1;
	wk_buf_free(&f);
}

static const int br_mpeg1[16] = { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128,
	160, 192, 224, 256, 320, 0 };
static const int br_mpeg2[16] = { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96,
	112, 128, 144, 160, 0 };
static const int rates[3] = { 44100, 48000, 32000 };

size_t
wk_mp3_frame_len(const unsigned char *h, int *spf, int *rate_hz)
{
	int ver, layer, bri, sri, pad, br, sr;

	if (h[0] != 0xFF || (h[1] & 0xE0) != 0xE0)
		return 0;
	ver = (h[1] >> 3) & 3;
	layer = (h[1] >> 1) & 3;
	bri = h[2] >> 4;
	sri = (h[2] >> 2) & 3;
	pad = (h[2] >> 1) & 1;
	if (ver == 1 || layer != 1 || bri == 0 || bri == 15 || sri == 3)
		return 0;
	br = (ver == 3 ? br_mpeg1 : br_mpeg2)[bri] * 1000;
	sr = rates[sri] >> (ver == 3 ? 0 : ver == 2 ? 1 : 2);
	*spf = ver == 3 ? 1152 : 576;
	*rate_hz = sr;
	return (size_t)((ver == 3 ? 144 : 72) * br / sr + pad);
}

/* CRC-16 as LAME computes it for its tag (polynomial 0x8005, reflected,
 * starting from 0: CRC-16/ARC), a byte at a time from a table: the music
 * CRC covers every byte of a bulletin, and a rebuild that changes nothing
 * is mostly this. */
static unsigned short crc16_table[8][256];
static pthread_once_t crc16_once = PTHREAD_ONCE_INIT;

static void
crc16_init(void)
{
	unsigned i, crc;
	int k;

	for (i = 0; i < 256; i++) {
		crc = i;
		for (k = 0; k < 8; k++)
			crc = crc & 1 ? (crc >> 1) ^ 0xA001 : crc >> 1;
		crc16_table[0][i] = (unsigned short)crc;
	}
	for (k = 1; k < 8; k++)	/* slicing by eight */
		for (i = 0; i < 256; i++)
			crc16_table[k][i] = (unsigned short)((crc16_table[k - 1][i]
			    >> 8) ^ crc16_table[0][crc16_table[k - 1][i] & 0xFF]);
}

static unsigned
crc16(unsigned crc, const unsigned char *p, size_t n)
{
	unsigned short (*t)[256] = crc16_table;

	pthread_once(&crc16_once, crc16_init);
	crc &= 0xFFFF;
	for (; n >= 8; n -= 8, p += 8)
		crc = t[7][(crc ^ p[0]) & 0xFF] ^ t[6][((crc >> 8) ^ p[1]) & 0xFF] ^
		    t[5][p[2]] ^ t[4][p[3]] ^ t[3][p[4]] ^ t[2][p[5]] ^
		    t[1][p[6]] ^ t[0][p[7]];
	while (n-- > 0)
		crc = (crc >> 8) ^ t[0][(crc ^ *p++) & 0xFF];
	return crc & 0xFFFF;
}

static void
put32(unsigned char *p, unsigned long long v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

void
wk_mp3_enc_init(struct wk_mp3_enc *e, const struct wk_audio_params *p,
    unsigned long long last_pcm_frames)
{
	memset(e, 0, sizeof *e);
	e->vbr = p->vbr;
	e->vbr_quality = p->vbr_quality;
	e->bitrate_kbps = p->bitrate_kbps;
	e->delay = WK_MP3_ENC_DELAY;
	e->last_pcm_frames = last_pcm_frames;
}

/* The bit rate index of the Info frame: the stream's own for CBR, as LAME
 * and ffmpeg write it, so that readers that take the bit rate from the
 * first frame (eyeD3, Rivendell's size/frame-size formula) compute the
 * right duration; for VBR LAME's choice (128 kb/s for MPEG-1, 64 for
 * MPEG-2, 8 for MPEG-2.5). A larger one when that frame cannot hold the
 * tags. */
static int
info_bitrate_index(const unsigned char *h, int vbr)
{
	int ver = (h[1] >> 3) & 3;

	if (!vbr)
		return h[2] >> 4;
	return ver == 3 ? 9 : ver == 2 ? 8 : 1;
}

/*
 * A Xing/Info frame in the format of the audio frame header h, with the
 * LAME extension: encoder delay and padding (for gapless decoding), the
 * length of the music, the CRC-16 of the audio frames and of the tag.
 */
static size_t
xing_frame(const unsigned char *h, const struct wk_mp3_enc *e,
    const struct wk_mp3_summary *s, const unsigned char toc[100],
    unsigned music_crc, unsigned char *out, size_t cap)
{
	unsigned char hdr[4], *l;
	int ver = (h[1] >> 3) & 3, mode = h[3] >> 6, mono = mode == 3, spf, rate,
	    bri, sri = (h[2] >> 2) & 3, q;
	size_t side = ver == 3 ? (mono ? 17 : 32) : (mono ? 9 : 17), len = 0, o;
	unsigned delay = e->delay, pad = (unsigned)s->padding;

	memcpy(hdr, h, 4);
	hdr[1] |= 1;			/* no CRC */
	for (bri = info_bitrate_index(h, e->vbr); bri < 15; bri++) {
		hdr[2] = (unsigned char)((bri << 4) | (h[2] & 0x0C));
		len = wk_mp3_frame_len(hdr, &spf, &rate);
		if (len >= 4 + side + 120 + 36)
			break;
	}
	/* A CBR stream's frames average 144 x bit rate / rate bytes (417.96
	 * at 128 kb/s and 44.1 kHz): the Info frame takes the padding byte
	 * when that is nearer, so readers that divide the file's size by the
	 * first frame's length (eyeD3, Rivendell) are off by under a frame
	 * in an hour rather than by 0.2 %. */
	if (!e->vbr && len >= 4 + side + 120 + 36) {
		int bps = (ver == 3 ? br_mpeg1 : br_mpeg2)[bri] * 1000;
		double avg = (double)(ver == 3 ? 144 : 72) * bps / rate;

		if (avg - (double)len >= 0.5) {
			hdr[2] |= 0x02;
			len++;
		}
	}
	if (len < 4 + side + 120 + 36 || len > cap)
		return 0;
	memset(out, 0, len);
	memcpy(out, hdr, 4);
	o = 4 + side;
	memcpy(out + o, e->vbr ? "Xing" : "Info", 4);
	out[o + 7] = 0x0F;		/* frames, bytes, TOC, quality */
	put32(out + o + 8, s->frames);
	put32(out + o + 12, s->bytes);
	memcpy(out + o + 16, toc, 100);
	q = 100 - 10 * (e->vbr ? e->vbr_quality : 4) - 3;
	put32(out + o + 116, (unsigned long long)(q < 0 ? 0 : q));
	/* The LAME extension, as LAME 3.100 lays it out. */
	l = out + o + 120;
	memcpy(l, "LAME3.100", 9);
	l[9] = e->vbr ? 4 : 1;	/* revision 0; VBR "mtrh" or CBR */
	l[10] = (unsigned char)(e->lowpass_hz / 100 > 255 ? 255 :
	    e->lowpass_hz / 100);
	/* l[11..18]: peak and ReplayGain, not set (ID3 TXXX has them). */
	l[19] = 0;		/* flags and ATH type */
	l[20] = (unsigned char)(e->vbr ? 0 : e->bitrate_kbps > 255 ? 255 :
	    e->bitrate_kbps);
	if (delay > 0xFFF)
		delay = 0xFFF;
	if (pad > 0xFFF)
		pad = 0xFFF;
	l[21] = (unsigned char)(delay >> 4);
	l[22] = (unsigned char)(((delay & 0xF) << 4) | (pad >> 8));
	l[23] = (unsigned char)(pad & 0xFF);
	/* Source rate 44.1 kHz (1) or 48 kHz (2); stereo mode: mono (0),
	 * joint stereo (3). */
	l[24] = (unsigned char)(((ver == 3 && sri == 0 ? 1 : ver == 3 &&
	    sri == 1 ? 2 : 0) << 6) | ((mono ? 0 : 3) << 2));
	put32(l + 28, s->bytes);
	l[32] = (unsigned char)(music_crc >> 8);
	l[33] = (unsigned char)music_crc;
	{
		unsigned c = crc16(0, out, (size_t)(l + 34 - out));

		l[34] = (unsigned char)(c >> 8);
		l[35] = (unsigned char)c;
	}
	return len;
}

size_t
wk_mp3_frames(const unsigned char *p, size_t n, unsigned long k,
    unsigned long *nframes, int *spf)
{
	size_t at = 0, len;
	int s, rate;

	*nframes = 0;
	*spf = 0;
	while (*nframes < k && n - at >= 4 &&
	    (len = wk_mp3_frame_len(p + at, &s, &rate)) >= 4 && len <= n - at) {
		at += len;
		*spf = s;
		++*nframes;
	}
	return at;
}

unsigned long long
wk_mp3_join_plan(const unsigned long *in_frames,
    const unsigned long long *pcm_frames, size_t nin, int spf,
    unsigned long gap_avail, unsigned long long pause_pcm,
    unsigned long *gap_frames)
{
	/* at: where input i + 1's PCM starts in what a gapless decoder
	 * gives back (the first input's delay dropped: input i's PCM
	 * starts where its stream does, plus the delay); want: where it
	 * should, after the PCM and pauses before it. */
	unsigned long long at = 0, want = 0, k, half = (unsigned)spf / 2;
	size_t i;

	if (nin == 0 || spf <= 0)
		return 0;
	for (i = 0; i + 1 < nin; i++) {
		at += (unsigned long long)in_frames[i] * (unsigned)spf;
		want += pcm_frames[i] + pause_pcm;
		k = want > at ? (want - at + half) / (unsigned)spf : 0;
		if (k > gap_avail)
			k = gap_avail;
		gap_frames[i] = (unsigned long)k;
		at += k * (unsigned)spf;
	}
	return at + pcm_frames[nin - 1];
}

struct copier {
	FILE *out;
	uint32_t *offs;		/* offset of each audio frame from the Xing frame */
	size_t noffs, cap;
	unsigned long long pos;	/* bytes written since the Xing frame */
	unsigned char first[4];	/* header of the first audio frame */
	int have_first;
	unsigned crc;		/* CRC-16 of the audio frames */
	unsigned long last_frames;	/* frames of the current input */
	struct wk_mp3_summary *sum;
	struct wk_err *err;
};

/* Takes note of the whole frames at the start of p[0..n): their offsets
 * (for the TOC), count and samples; *used is the bytes they fill. A frame
 * cut off by the end of p is left for the next call; a byte that does not
 * start a frame is an error. */
static enum wk_status
walk(struct copier *c, const unsigned char *p, size_t n, size_t *used,
    const char *what)
{
	size_t len, at = 0;
	int spf, rate;

	while (n - at >= 4) {
		if ((len = wk_mp3_frame_len(p + at, &spf, &rate)) < 4)
			return wk_err_set(c->err, WK_EAUDIO, NULL, 0, 0, "%s", what);
		if (len > n - at)
			break;
		if (c->noffs == c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 4096;
			uint32_t *v = realloc(c->offs, cap * sizeof *v);

			if (v == NULL)
				return wk_err_nomem(c->err);
			c->offs = v;
			c->cap = cap;
		}
		c->offs[c->noffs++] = (uint32_t)(c->pos + at);
		if (!c->have_first) {
			memcpy(c->first, p + at, 4);
			c->have_first = 1;
			c->sum->rate_hz = rate;
		}
		c->sum->frames++;
		c->last_frames++;
		c->sum->samples += (unsigned long long)spf;
		at += len;
	}
	*used = at;
	return WK_OK;
}

static enum wk_status
put(struct copier *c, const unsigned char *p, size_t n)
{
	if (n > 0 && fwrite(p, 1, n, c->out) != n)
		return wk_err_set(c->err, WK_EIO, NULL, 0, 0, _("cannot write: %s"),
		    strerror(errno));
	c->crc = crc16(c->crc, p, n);
	c->pos += n;
	return WK_OK;
}

/* Copies a stream of frames in large blocks (a bulletin is tens of
 * megabytes; frame-sized reads and writes would cost a system call per
 * few frames). */
#define COPY_BLOCK (256 * 1024)

static enum wk_status
copy_stream(struct copier *c, FILE *in)
{
	unsigned char *b = malloc(COPY_BLOCK);
	size_t have = 0, got, used;
	enum wk_status st = WK_OK;

	if (b == NULL)
		return wk_err_nomem(c->err);
	while ((got = fread(b + have, 1, COPY_BLOCK - have, in)) > 0) {
		have += got;
		if ((st = walk(c, b, have, &used, _("encoded audio is not a stream "
		    "of MPEG frames"))) != WK_OK || (st = put(c, b, used)) != WK_OK)
			break;
		memmove(b, b + used, have - used);
		have -= used;
	}
	if (st == WK_OK && ferror(in))
		st = wk_err_set(c->err, WK_EIO, NULL, 0, 0,
		    _("cannot read encoded audio: %s"), strerror(errno));
	else if (st == WK_OK && have > 0)
		st = wk_err_set(c->err, WK_EAUDIO, NULL, 0, 0, "%s",
		    _("encoded audio ends inside a frame"));
	free(b);
	return st;
}

static enum wk_status
copy_mem(struct copier *c, const unsigned char *p, size_t n)
{
	size_t used;
	enum wk_status st;

	if ((st = walk(c, p, n, &used, _("encoded silence is not a stream of "
	    "MPEG frames"))) != WK_OK)
		return st;
	if (used != n)
		return wk_err_set(c->err, WK_EAUDIO, NULL, 0, 0, "%s",
		    _("encoded silence is not a stream of MPEG frames"));
	return put(c, p, n);
}

enum wk_status
wk_mp3_assemble(FILE *out, const struct wk_buf *tag, const struct wk_mp3_enc *e,
    FILE **ins, size_t nin, const unsigned char *gap, size_t gaplen,
    struct wk_mp3_summary *sum, struct wk_err *err)
{
	struct copier c;
	unsigned char xing[2048], toc[100];
	long xing_at;
	size_t i, xlen = 0;
	int spf = 1152, rate;
	enum wk_status st = WK_OK;

	memset(sum, 0, sizeof *sum);
	memset(&c, 0, sizeof c);
	c.out = out;
	c.sum = sum;
	c.err = err;
	if (tag != NULL && tag->len > 0 &&
	    fwrite(tag->data, 1, tag->len, out) != tag->len)
		return wk_err_set(err, WK_EIO, NULL, 0, 0, _("cannot write: %s"),
		    strerror(errno));
	if ((xing_at = ftell(out)) < 0)
		return wk_err_set(err, WK_EIO, NULL, 0, 0, "%s",
		    _("the output is not seekable"));
	/* The Xing frame copies the format of the first audio frame, so that
	 * header is peeked first; the frame goes out with zero counts now and
	 * is filled in at the end. */
	for (i = 0; i < nin && st == WK_OK; i++) {
		if (i == 0) {
			unsigned char h[4];
			long at = ftell(ins[0]);

			if (fread(h, 1, 4, ins[0]) != 4 ||
			    wk_mp3_frame_len(h, &spf, &rate) == 0 ||
			    fseek(ins[0], at, SEEK_SET) != 0) {
				st = wk_err_set(err, WK_EAUDIO, NULL, 0, 0, "%s",
				    _("the encoder produced no audio"));
				break;
			}
			memset(toc, 0, sizeof toc);
			xlen = xing_frame(h, e, sum, toc, 0, xing, sizeof xing);
			if (xlen == 0 || fwrite(xing, 1, xlen, out) != xlen) {
				st = wk_err_set(err, WK_EIO, NULL, 0, 0,
				    _("cannot write: %s"), strerror(errno));
				break;
			}
			c.pos = xlen;
		} else if (gaplen > 0) {
			size_t len = gaplen;
			unsigned long nf;
			int gspf;

			if (e->gap_frames != NULL)
				len = wk_mp3_frames(gap, gaplen, e->gap_frames[i - 1],
				    &nf, &gspf);
			if (len > 0)
				st = copy_mem(&c, gap, len);
		}
		c.last_frames = 0;
		if (st == WK_OK)
			st = copy_stream(&c, ins[i]);
	}
	if (st == WK_OK && sum->frames == 0)
		st = wk_err_set(err, WK_EAUDIO, NULL, 0, 0, "%s",
		    _("the encoder produced no audio"));
	if (st == WK_OK) {
		unsigned long long last = (unsigned long long)c.last_frames *
		    (unsigned)spf;

		sum->bytes = c.pos;
		/* Every input is a stream of its own encoder: its frames hold
		 * the encoder's delay, its PCM and padding. A gapless decoder
		 * drops the first input's delay and the last one's padding. */
		if (e->last_pcm_frames > 0 && last >= e->last_pcm_frames + e->delay)
			sum->padding = last - e->last_pcm_frames - e->delay;
		sum->spf = spf;
		sum->decoded = sum->samples >= e->delay + sum->padding ?
		    sum->samples - e->delay - sum->padding : 0;
		for (i = 0; i < 100; i++) {
			size_t k = (size_t)((unsigned long long)i * sum->frames / 100);

			toc[i] = (unsigned char)((unsigned long long)c.offs[k] * 256 /
			    sum->bytes);
		}
		if (xing_frame(c.first, e, sum, toc, c.crc, xing, sizeof xing) !=
		    xlen || fseek(out, xing_at, SEEK_SET) != 0 ||
		    fwrite(xing, 1, xlen, out) != xlen ||
		    fseek(out, 0, SEEK_END) != 0)
			st = wk_err_set(err, WK_EIO, NULL, 0, 0, _("cannot write: %s"),
			    strerror(errno));
	}
	free(c.offs);
	return st;
}

/* Appends the text of an ID3v2.3 text frame body (encoding byte first) to
 * out as UTF-8. */
static void
id3_text(const unsigned char *p, size_t n, struct wk_buf *out)
{
	size_t i;

	if (n == 0)
		return;
	if (p[0] == 0) {		/* ISO-8859-1 */
		for (i = 1; i < n && p[i] != 0; i++)
			wk_buf_put_cp(out, p[i]);
		return;
	}
	if (p[0] != 1 || n < 3)
		return;
	{
		int le = !(p[1] == 0xFE && p[2] == 0xFF);

		for (i = 3; i + 1 < n; i += 2) {
			uint32_t u = le ? p[i] | (uint32_t)p[i + 1] << 8 :
			    (uint32_t)p[i] << 8 | p[i + 1];

			if (u == 0)
				break;
			if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
				uint32_t lo = le ? p[i + 2] | (uint32_t)p[i + 3] << 8
				    : (uint32_t)p[i + 2] << 8 | p[i + 3];

				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
			wk_buf_put_cp(out, u);
		}
	}
}

int
wk_mp3_probe(FILE *f, char **title, double *seconds)
{
	unsigned char h[10], fr[4 + 32 + 160];
	unsigned char *tag = NULL;
	size_t tagsize = 0, o, side, n;
	struct wk_buf t = WK_BUF_INIT;
	int spf, rate, rc = -1;

	*title = NULL;
	*seconds = 0;
	if (fread(h, 1, 10, f) != 10)
		return -1;
	if (memcmp(h, "ID3", 3) == 0) {
		tagsize = (size_t)(h[6] & 0x7F) << 21 | (size_t)(h[7] & 0x7F) <<
		    14 | (size_t)(h[8] & 0x7F) << 7 | (h[9] & 0x7F);
		if ((tag = malloc(tagsize + 1)) == NULL ||
		    fread(tag, 1, tagsize, f) != tagsize)
			goto out;
		for (o = 0; h[3] == 3 && o + 10 <= tagsize && tag[o] != 0;) {
			size_t len = (size_t)tag[o + 4] << 24 |
			    (size_t)tag[o + 5] << 16 | (size_t)tag[o + 6] << 8 |
			    tag[o + 7];

			if (len > tagsize - o - 10)
				break;
			if (memcmp(tag + o, "TIT2", 4) == 0)
				id3_text(tag + o + 10, len, &t);
			o += 10 + len;
		}
		tagsize += 10;
	} else
		tagsize = 0;
	if (fseeko(f, (off_t)tagsize, SEEK_SET) != 0 ||
	    (n = fread(fr, 1, sizeof fr, f)) < 4 ||
	    wk_mp3_frame_len(fr, &spf, &rate) == 0)
		goto out;
	side = ((fr[1] >> 3) & 3) == 3 ? (fr[3] >> 6 == 3 ? 17 : 32) :
	    (fr[3] >> 6 == 3 ? 9 : 17);
	o = 4 + side;
	if (o + 12 <= n && (memcmp(fr + o, "Info", 4) == 0 ||
	    memcmp(fr + o, "Xing", 4) == 0) && (fr[o + 7] & 1)) {
		double frames = (double)((unsigned long)fr[o + 8] << 24 |
		    (unsigned long)fr[o + 9] << 16 | (unsigned long)fr[o + 10] <<
		    8 | fr[o + 11]), trim = 0;
		const unsigned char *l = fr + o + 120;

		if ((fr[o + 7] & 0x0F) == 0x0F && o + 144 <= n &&
		    memcmp(l, "LAME", 4) == 0)
			trim = (l[21] << 4 | l[22] >> 4) +
			    ((l[22] & 0x0F) << 8 | l[23]);
		*seconds = (frames * spf - trim) / rate;
		if (*seconds < 0)
			*seconds = 0;
	}
	if (t.failed)
		goto out;
	if (t.len > 0)
		*title = wk_buf_steal(&t);
	rc = 0;
out:
	wk_buf_free(&t);
	free(tag);
	return rc;
}
