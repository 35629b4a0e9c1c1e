#ifndef WK_PODCAST_H
#define WK_PODCAST_H
/*
 * What podcast clients and playout systems read besides the MP3s: an RSS
 * 2.0 feed per bulletin and language with the iTunes and Podcasting 2.0
 * elements (LibreTime and AzuraCast subscribe to it), the page
 * latest/index.html with a player per current bulletin, latest/latest.m3u,
 * and the #EXTINF line of a playlist in the "Artist - Title" form that
 * players split. Pure functions from lists to text; XML and HTML go
 * through libxml2's xmlTextWriter, which escapes.
 */

#include "base/buf.h"
#include "base/err.h"

/* One published bulletin in one language on one day. */
struct wk_episode {
	const char *bulletin;		/* bulletin id */
	const char *lang;		/* "es", "qu" */
	const char *date;		/* YYYY-MM-DD: the broadcast date */
	const char *time;		/* HH:MM broadcast time; NULL: 06:00 */
	const char *title;		/* the bulletin's title in lang */
	const char *file;		/* MP3, relative to the output folder */
	unsigned long long bytes;	/* its size */
	double duration_s;
	const char *mime;		/* NULL: audio/mpeg */
	const char *transcript;		/* the words spoken; NULL: none */
	const char *transcript_file;	/* relative, text/plain; NULL: none */
	const char *opus_file;		/* Ogg Opus alternate, or NULL */
	unsigned long long opus_bytes;
	int opus_kbps;
};

/* The feed's channel. */
struct wk_channel {
	const char *station_id;		/* part of every guid */
	const char *station;		/* the station's name */
	const char *title;		/* the bulletin's title */
	const char *lang;		/* RSS language: "es-PE", "qu" */
	const char *image;		/* URL or relative path; NULL: none */
	const char *base_url;		/* public URL of the output folder
					 * ("https://.../willakuy/"); NULL:
					 * URLs relative to feed_dir */
	const char *feed_dir;		/* the feed's folder, relative to the
					 * output folder: "podcast" */
	const char *utc_offset;		/* "-0500" (Peru); NULL: "-0500" */
	const char *feed_file;		/* the feed itself, relative to the
					 * output folder ("podcast/x.xml"),
					 * for atom:link rel="self" and
					 * podcast:guid; NULL: neither */
	const char *email;		/* itunes:owner's e-mail; NULL: the
					 * owner has the station's name only */
};

/* The length of a UUID's text, without its NUL. */
#define WK_UUID_LEN 36

/*
 * The Podcast Namespace's podcast:guid of the feed at url: a UUIDv5
 * (SHA-1) in the namespace ead4c236-bf58-58c6-a2c6-a6b28d128cb6 of the
 * URL without its scheme ("https://") and trailing slashes, written in
 * lower case into out.
 */
void wk_podcast_guid(const char *url, char out[WK_UUID_LEN + 1]);

/*
 * Appends to out an RSS 2.0 feed of eps[0..n) (newest first is best; the
 * order is kept). The channel has itunes:owner (the station, and its
 * e-mail when given), itunes:image when c->image is set, and, with a
 * public base URL, atom:link rel="self" and podcast:guid (the feed's
 * URL; relative URLs would not name it). Each item's guid is
 * "<station_id>:<bulletin>-<lang>:<date>", stable across runs; pubDate
 * is the broadcast date and time; the enclosure is the MP3, the
 * description the transcript, and an Opus file an alternate enclosure.
 * WK_EINPUT (err says which) when a date or time is malformed;
 * WK_ENOMEM.
 */
enum wk_status wk_podcast_feed(const struct wk_channel *c,
    const struct wk_episode *eps, size_t n, struct wk_buf *out,
    struct wk_err *err);

/*
 * Appends latest/index.html: a small page with no scripts and nothing
 * from elsewhere, one <audio> player (MP3, and Opus when there is one)
 * and the transcript per episode. Files are relative to the page's
 * folder.
 */
enum wk_status wk_podcast_index(const char *station,
    const struct wk_episode *eps, size_t n, struct wk_buf *out,
    struct wk_err *err);

/* Appends latest/latest.m3u: one entry per episode, titled as
 * wk_m3u_extinf does. */
void wk_podcast_m3u(const char *station, const struct wk_episode *eps,
    size_t n, struct wk_buf *out);

/*
 * Appends "#EXTINF:<seconds>,<station> - <title>[: <name>]\n<path>\n".
 * Players (Liquidsoap among them) split the title at " - " into artist
 * and title, so hyphens in the station and title become U+2010 HYPHEN
 * and those in name (a segment's id, "santa-clara") spaces ("santa
 * clara"); name NULL leaves it out. Every text, path included, stays
 * on its line (wk_buf_oneline), so that no reader, whichever characters
 * it splits lines at, sees an entry that is not one.
 */
void wk_m3u_extinf(struct wk_buf *b, double seconds, const char *station,
    const char *title, const char *name, const char *path);

#endif
