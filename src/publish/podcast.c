/*
 * Podcast feeds, the latest/ page and playlists, written with libxml2's
 * xmlTextWriter into a memory buffer and copied to a struct wk_buf. The
 * feed follows RSS 2.0 with the iTunes elements (itunes:duration, author,
 * image, explicit) and Podcasting 2.0's (podcast:transcript,
 * podcast:alternateEnclosure), as podcast clients, LibreTime and
 * AzuraCast read them.
 */

#include <stdio.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/text.h"
#include "podcast.h"

#define NS_ITUNES "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_PODCAST "https://podcastindex.org/namespace/1.0"

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

static void
attr(struct w *w, const char *name, const char *v)
{
	w->bad |= xmlTextWriterWriteAttribute(w->x, BAD_CAST name, BAD_CAST v) < 0;
}

static void
text(struct w *w, const char *v)
{
	w->bad |= xmlTextWriterWriteString(w->x, BAD_CAST v) < 0;
}

static void
elem(struct w *w, const char *name, const char *v)
{
	w->bad |= xmlTextWriterWriteElement(w->x, BAD_CAST name, BAD_CAST v) < 0;
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
	start(&w, "channel");
	snprintf(title, sizeof title, "%s: %s", c->station, c->title);
	elem(&w, "title", title);
	url(&u, c, "latest/index.html");
	elem(&w, "link", wk_buf_str(&u));
	elem(&w, "description", title);
	elem(&w, "language", c->lang);
	elem(&w, "generator", "willakuy " WK_VERSION);
	elem(&w, "itunes:author", c->station);
	elem(&w, "itunes:explicit", "false");
	empty(&w, "itunes:category", "text", "News", NULL, NULL, NULL, NULL);
	if (c->image != NULL) {
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
