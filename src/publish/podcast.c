/*
 * Podcast feeds, the latest/ page and playlists, written with libxml2's
 * xmlTextWriter into a memory buffer and copied to a struct wk_buf. The
 * feed follows RSS 2.0 with the iTunes elements (itunes:duration, author,
 * owner, image, explicit), Atom's self link and Podcasting 2.0's
 * (podcast:guid, podcast:transcript, podcast:alternateEnclosure), as
 * podcast clients, directories, LibreTime and AzuraCast read them. The
 * guid's UUIDv5 needs SHA-1, which is here (FIPS 180-4), short.
 */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/text.h"
#include "podcast.h"

#define NS_ITUNES "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_PODCAST "https://podcastindex.org/namespace/1.0"
#define NS_ATOM "http://www.w3.org/2005/Atom"

/* SHA-1 of a message small enough to hold in memory. */
struct sha1 {
	uint32_t h[5];
	unsigned char block[64];
	size_t used;
	uint64_t bytes;
};

static uint32_t
rol(uint32_t x, int k)
{
	return (x << k) | (x >> (32 - k));
}

static void
sha1_block(struct sha1 *c, const unsigned char *p)
{
	uint32_t w[80], a = c->h[0], b = c->h[1], d3 = c->h[2], d = c->h[3],
	    e = c->h[4], f, k, t;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (b & d3) | (~b & d);
			k = 0x5A827999;
		} else if (i < 40) {
			f = b ^ d3 ^ d;
			k = 0x6ED9EBA1;
		} else if (i < 60) {
			f = (b & d3) | (b & d) | (d3 & d);
			k = 0x8F1BBCDC;
		} else {
			f = b ^ d3 ^ d;
			k = 0xCA62C1D6;
		}
		t = rol(a, 5) + f + e + k + w[i];
		e = d;
		d = d3;
		d3 = rol(b, 30);
		b = a;
		a = t;
	}
	c->h[0] += a;
	c->h[1] += b;
	c->h[2] += d3;
	c->h[3] += d;
	c->h[4] += e;
}

static void
sha1_init(struct sha1 *c)
{
	static const uint32_t h0[5] = { 0x67452301, 0xEFCDAB89, 0x98BADCFE,
		0x10325476, 0xC3D2E1F0 };

	memset(c, 0, sizeof *c);
	memcpy(c->h, h0, sizeof h0);
}

static void
sha1_add(struct sha1 *c, const void *data, size_t n)
{
	const unsigned char *p = data;

	c->bytes += n;
	while (n > 0) {
		size_t k = 64 - c->used < n ? 64 - c->used : n;

		memcpy(c->block + c->used, p, k);
		c->used += k;
		p += k;
		n -= k;
		if (c->used == 64) {
			sha1_block(c, c->block);
			c->used = 0;
		}
	}
}

static void
sha1_end(struct sha1 *c, unsigned char out[20])
{
	uint64_t bits = c->bytes * 8;
	unsigned char len[8];
	int i;

	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_add(c, "\x80", 1);
	while (c->used != 56)
		sha1_add(c, "", 1);
	sha1_add(c, len, 8);
	for (i = 0; i < 20; i++)
		out[i] = (unsigned char)(c->h[i / 4] >> (24 - 8 * (i % 4)));
}

void
wk_podcast_guid(const char *url, char out[WK_UUID_LEN + 1])
{
	/* ead4c236-bf58-58c6-a2c6-a6b28d128cb6 */
	static const unsigned char ns[16] = { 0xea, 0xd4, 0xc2, 0x36, 0xbf,
		0x58, 0x58, 0xc6, 0xa2, 0xc6, 0xa6, 0xb2, 0x8d, 0x12, 0x8c, 0xb6 };
	const char *s = strstr(url, "://");
	unsigned char d[20];
	struct sha1 c;
	size_t n;
	int i, o = 0;

	s = s != NULL ? s + 3 : url;
	for (n = strlen(s); n > 0 && s[n - 1] == '/'; n--)
		;
	sha1_init(&c);
	sha1_add(&c, ns, sizeof ns);
	sha1_add(&c, s, n);
	sha1_end(&c, d);
	d[6] = (unsigned char)((d[6] & 0x0F) | 0x50);	/* version 5 */
	d[8] = (unsigned char)((d[8] & 0x3F) | 0x80);	/* RFC 4122 variant */
	for (i = 0; i < 16; i++) {
		o += snprintf(out + o, (size_t)(WK_UUID_LEN + 1 - o), "%02x", d[i]);
		if (i == 3 || i == 5 || i == 7 || i == 9)
			out[o++] = '-';
	}
	out[WK_UUID_LEN] = '\0';
}

static const char *const wday[7] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	"Fri", "Sat" };
static const char *const mon[12] = { "Jan", "Feb", "Mar", "Apr", "May",
	"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* A writer into a memory buffer; every call's result is or-ed into bad. */
struct w {
	xmlBufferPtr buf;
	xmlTextWriterPtr x;
	int bad;
};

static int
w_open(struct w *w)
{
	memset(w, 0, sizeof *w);
	if ((w->buf = xmlBufferCreate()) == NULL)
		return -1;
	if ((w->x = xmlNewTextWriterMemory(w->buf, 0)) == NULL) {
		xmlBufferFree(w->buf);
		return -1;
	}
	xmlTextWriterSetIndent(w->x, 1);
	xmlTextWriterSetIndentString(w->x, BAD_CAST "  ");
	return 0;
}

/* Ends the writer and appends what it wrote to out. */
static enum wk_status
w_close(struct w *w, struct wk_buf *out, struct wk_err *err)
{
	enum wk_status st = WK_OK;

	if (xmlTextWriterEndDocument(w->x) < 0)
		w->bad = 1;
	xmlFreeTextWriter(w->x);
	if (w->bad)
		st = wk_err_nomem(err);
	else {
		wk_buf_append(out, (const char *)xmlBufferContent(w->buf),
		    (size_t)xmlBufferLength(w->buf));
		if (out->failed)
			st = wk_err_nomem(err);
	}
	xmlBufferFree(w->buf);
	return st;
}

static void
start(struct w *w, const char *name)
{
	w->bad |= xmlTextWriterStartElement(w->x, BAD_CAST name) < 0;
}

static void
end(struct w *w)
{
	w->bad |= xmlTextWriterFullEndElement(w->x) < 0;
}

/*
 * Every value of a feed or page is one line: titles, names and paths from
 * outside go through wk_buf_oneline, so that no line or paragraph
 * separator (U+0085, U+2028, U+2029) or control character reaches a reader
 * that splits on it; NULL when out of memory (w->bad is set).
 */
static const xmlChar *
one(struct w *w, struct wk_buf *b, const char *v)
{
	wk_buf_oneline(b, v);
	if (b->failed) {
		w->bad = 1;
		return NULL;
	}
	return BAD_CAST wk_buf_str(b);
}

static void
attr(struct w *w, const char *name, const char *v)
{
	struct wk_buf b = WK_BUF_INIT;
	const xmlChar *s = one(w, &b, v);

	if (s != NULL)
		w->bad |= xmlTextWriterWriteAttribute(w->x, BAD_CAST name, s) < 0;
	wk_buf_free(&b);
}

static void
text(struct w *w, const char *v)
{
	struct wk_buf b = WK_BUF_INIT;
	const xmlChar *s = one(w, &b, v);

	if (s != NULL)
		w->bad |= xmlTextWriterWriteString(w->x, s) < 0;
	wk_buf_free(&b);
}

static void
elem(struct w *w, const char *name, const char *v)
{
	struct wk_buf b = WK_BUF_INIT;
	const xmlChar *s = one(w, &b, v);

	if (s != NULL)
		w->bad |= xmlTextWriterWriteElement(w->x, BAD_CAST name, s) < 0;
	wk_buf_free(&b);
}

/* An element with attributes only: name, then pairs, NULL-terminated. */
static void
empty(struct w *w, const char *name, const char *a1, const char *v1,
    const char *a2, const char *v2, const char *a3, const char *v3)
{
	w->bad |= xmlTextWriterStartElement(w->x, BAD_CAST name) < 0;
	if (a1 != NULL)
		attr(w, a1, v1);
	if (a2 != NULL)
		attr(w, a2, v2);
	if (a3 != NULL)
		attr(w, a3, v3);
	w->bad |= xmlTextWriterEndElement(w->x) < 0;
}

/* The URL of rel (relative to the output folder): base_url + rel, or
 * relative to the feed's folder. Bytes other than unreserved ones and '/'
 * are percent-encoded. */
static void
url(struct wk_buf *b, const struct wk_channel *c, const char *rel)
{
	const char *s;

	wk_buf_clear(b);
	if (c->base_url != NULL) {
		wk_buf_puts(b, c->base_url);
		if (b->len > 0 && b->data[b->len - 1] != '/')
			wk_buf_putc(b, '/');
	} else if (c->feed_dir != NULL && *c->feed_dir != '\0') {
		for (s = c->feed_dir; *s; s++)
			if (*s == '/' && s[1] != '\0')
				wk_buf_puts(b, "../");
		wk_buf_puts(b, "../");
	}
	for (s = rel; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~/", ch) != NULL)
			wk_buf_putc(b, (char)ch);
		else
			wk_buf_printf(b, "%%%02X", ch);
	}
}

/* RFC 822 date of the broadcast: "Sun, 29 Nov 2026 06:00:00 -0500". */
static int
pubdate(const struct wk_episode *e, const char *tz, char out[64])
{
	struct wk_date d;
	int hh = 6, mm = 0;
	const char *t = e->time;

	if (e->date == NULL || wk_date_parse(e->date, &d) != 0)
		return -1;
	if (t != NULL && (strlen(t) != 5 || sscanf(t, "%2d:%2d", &hh, &mm) != 2 ||
	    t[2] != ':' || hh < 0 || hh > 23 || mm < 0 || mm > 59))
		return -1;
	snprintf(out, 64, "%s, %02d %s %04d %02d:%02d:00 %s",
	    wday[wk_date_weekday(d)], d.d, mon[d.m - 1], d.y, hh, mm, tz);
	return 0;
}

static void
hms(double s, char out[32])
{
	unsigned long t = s > 0 ? (unsigned long)(s + 0.5) : 0;

	snprintf(out, 32, "%02lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
}

static void
item(struct w *w, const struct wk_channel *c, const struct wk_episode *e,
    const char *date, struct wk_buf *u)
{
	char tmp[160];

	start(w, "item");
	snprintf(tmp, sizeof tmp, "%s (%s)", e->title, e->date);
	elem(w, "title", tmp);
	start(w, "guid");
	attr(w, "isPermaLink", "false");
	snprintf(tmp, sizeof tmp, "%s:%s-%s:%s", c->station_id, e->bulletin,
	    e->lang, e->date);
	text(w, tmp);
	end(w);
	elem(w, "pubDate", date);
	if (e->transcript != NULL) {
		elem(w, "description", e->transcript);
		elem(w, "itunes:summary", e->transcript);
	}
	url(u, c, e->file);
	snprintf(tmp, sizeof tmp, "%llu", e->bytes);
	empty(w, "enclosure", "url", wk_buf_str(u), "length", tmp, "type",
	    e->mime ? e->mime : "audio/mpeg");
	hms(e->duration_s, tmp);
	elem(w, "itunes:duration", tmp);
	elem(w, "itunes:episodeType", "full");
	elem(w, "itunes:explicit", "false");
	if (e->transcript_file != NULL) {
		url(u, c, e->transcript_file);
		empty(w, "podcast:transcript", "url", wk_buf_str(u), "type",
		    "text/plain", NULL, NULL);
	}
	if (e->opus_file != NULL) {
		start(w, "podcast:alternateEnclosure");
		attr(w, "type", "audio/ogg; codecs=opus");
		snprintf(tmp, sizeof tmp, "%llu", e->opus_bytes);
		attr(w, "length", tmp);
		snprintf(tmp, sizeof tmp, "%d", e->opus_kbps * 1000);
		attr(w, "bitrate", tmp);
		attr(w, "title", "Opus");
		url(u, c, e->opus_file);
		empty(w, "podcast:source", "uri", wk_buf_str(u), NULL, NULL, NULL,
		    NULL);
		end(w);
	}
	end(w);
}

enum wk_status
wk_podcast_feed(const struct wk_channel *c, const struct wk_episode *eps,
    size_t n, struct wk_buf *out, struct wk_err *err)
{
	struct w w;
	struct wk_buf u = WK_BUF_INIT;
	char date[64], title[512];
	const char *tz = c->utc_offset ? c->utc_offset : "-0500";
	size_t i;

	for (i = 0; i < n; i++)
		if (pubdate(&eps[i], tz, date) != 0)
			return wk_err_set(err, WK_EINPUT, NULL, 0, 0,
			    _("podcast: episode %s-%s has no valid date and time "
			    "('%s' '%s'); they are YYYY-MM-DD and HH:MM"),
			    eps[i].bulletin, eps[i].lang, eps[i].date ? eps[i].date :
			    "", eps[i].time ? eps[i].time : "");
	if (w_open(&w) != 0)
		return wk_err_nomem(err);
	w.bad |= xmlTextWriterStartDocument(w.x, NULL, "UTF-8", NULL) < 0;
	if (c->base_url == NULL)
		w.bad |= xmlTextWriterWriteComment(w.x, BAD_CAST
		    " No public base URL is set (<publish base-url=\"https://...\"> "
		    "in the station file): the URLs are relative to this file. ") < 0;
	start(&w, "rss");
	attr(&w, "version", "2.0");
	attr(&w, "xmlns:itunes", NS_ITUNES);
	attr(&w, "xmlns:podcast", NS_PODCAST);
	attr(&w, "xmlns:atom", NS_ATOM);
	start(&w, "channel");
	snprintf(title, sizeof title, "%s: %s", c->station, c->title);
	elem(&w, "title", title);
	url(&u, c, "latest/index.html");
	elem(&w, "link", wk_buf_str(&u));
	if (c->feed_file != NULL && c->base_url != NULL) {
		char guid[WK_UUID_LEN + 1];

		url(&u, c, c->feed_file);
		empty(&w, "atom:link", "href", wk_buf_str(&u), "rel", "self",
		    "type", "application/rss+xml");
		wk_podcast_guid(wk_buf_str(&u), guid);
		elem(&w, "podcast:guid", guid);
	}
	elem(&w, "description", title);
	elem(&w, "language", c->lang);
	elem(&w, "generator", "willakuy " WK_VERSION);
	elem(&w, "itunes:author", c->station);
	start(&w, "itunes:owner");
	elem(&w, "itunes:name", c->station);
	if (c->email != NULL)
		elem(&w, "itunes:email", c->email);
	end(&w);
	elem(&w, "itunes:explicit", "false");
	empty(&w, "itunes:category", "text", "News", NULL, NULL, NULL, NULL);
	if (c->image != NULL) {
		if (strncmp(c->image, "https://", 8) == 0 ||
		    strncmp(c->image, "http://", 7) == 0) {
			wk_buf_clear(&u);
			wk_buf_puts(&u, c->image);
		} else
			url(&u, c, c->image);
		empty(&w, "itunes:image", "href", wk_buf_str(&u), NULL, NULL, NULL,
		    NULL);
		start(&w, "image");
		elem(&w, "url", wk_buf_str(&u));
		elem(&w, "title", title);
		url(&u, c, "latest/index.html");
		elem(&w, "link", wk_buf_str(&u));
		end(&w);
	}
	for (i = 0; i < n; i++) {
		pubdate(&eps[i], tz, date);
		item(&w, c, &eps[i], date, &u);
	}
	end(&w);
	end(&w);
	if (u.failed)
		w.bad = 1;
	wk_buf_free(&u);
	return w_close(&w, out, err);
}

enum wk_status
wk_podcast_index(const char *station, const struct wk_episode *eps, size_t n,
    struct wk_buf *out, struct wk_err *err)
{
	struct w w;
	char tmp[64];
	size_t i;

	if (w_open(&w) != 0)
		return wk_err_nomem(err);
	w.bad |= xmlTextWriterWriteRaw(w.x, BAD_CAST "<!DOCTYPE html>\n") < 0;
	start(&w, "html");
	start(&w, "head");
	empty(&w, "meta", "charset", "utf-8", NULL, NULL, NULL, NULL);
	empty(&w, "meta", "name", "viewport", "content",
	    "width=device-width, initial-scale=1", NULL, NULL);
	elem(&w, "title", station);
	elem(&w, "style", "body{font-family:sans-serif;max-width:40em;"
	    "margin:auto;padding:0 1em}audio{width:100%}"
	    "details{margin-bottom:1em}");
	end(&w);
	start(&w, "body");
	elem(&w, "h1", station);
	for (i = 0; i < n; i++) {
		const struct wk_episode *e = &eps[i];

		start(&w, "section");
		attr(&w, "lang", e->lang);
		elem(&w, "h2", e->title);
		hms(e->duration_s, tmp);
		snprintf(tmp + strlen(tmp), sizeof tmp - strlen(tmp), " · %s",
		    e->date);
		elem(&w, "p", tmp);
		start(&w, "audio");
		attr(&w, "controls", "");
		attr(&w, "preload", "none");
		if (e->opus_file != NULL)
			empty(&w, "source", "src", e->opus_file, "type",
			    "audio/ogg; codecs=opus", NULL, NULL);
		empty(&w, "source", "src", e->file, "type",
		    e->mime ? e->mime : "audio/mpeg", NULL, NULL);
		start(&w, "a");
		attr(&w, "href", e->file);
		text(&w, e->file);
		end(&w);
		end(&w);
		if (e->transcript != NULL) {
			start(&w, "details");
			elem(&w, "summary", "Texto / Qillqa");
			elem(&w, "pre", e->transcript);
			end(&w);
		}
		end(&w);
	}
	end(&w);
	end(&w);
	w.bad |= xmlTextWriterWriteRaw(w.x, BAD_CAST "\n") < 0;
	return w_close(&w, out, err);
}

void
wk_podcast_m3u(const char *station, const struct wk_episode *eps, size_t n,
    struct wk_buf *out)
{
	size_t i;

	wk_buf_puts(out, "#EXTM3U\n");
	for (i = 0; i < n; i++)
		wk_m3u_extinf(out, eps[i].duration_s, station, eps[i].title, NULL,
		    eps[i].file);
}

/* Appends s on one line (wk_buf_oneline: no line break of any kind, no
 * control character), with hyphens as `hy`. */
static void
clean(struct wk_buf *b, const char *s, const char *hy)
{
	struct wk_buf one = WK_BUF_INIT;
	const char *p;

	wk_buf_oneline(&one, s);
	if (one.failed)
		b->failed = 1;
	for (p = wk_buf_str(&one); *p; p++)
		if (*p == '-')
			wk_buf_puts(b, hy);
		else
			wk_buf_putc(b, *p);
	wk_buf_free(&one);
}

void
wk_m3u_extinf(struct wk_buf *b, double seconds, const char *station,
    const char *title, const char *name, const char *path)
{
	wk_buf_printf(b, "#EXTINF:%.0f,", seconds);
	clean(b, station, "\xE2\x80\x90");
	wk_buf_puts(b, " - ");
	clean(b, title, "\xE2\x80\x90");
	if (name != NULL) {
		wk_buf_puts(b, ": ");
		clean(b, name, " ");
	}
	wk_buf_putc(b, '\n');
	wk_buf_oneline(b, path);
	wk_buf_putc(b, '\n');
}
