#ifndef WK_COMPOSE_H
#define WK_COMPOSE_H
/*
 * The composer: bulletin + feeds + a station's site (its catalogue,
 * category maps and voices, with their phrase variants,
 * voices/<lang>/style.xml) -> the script of one bulletin in one language; <trends> and <compare> segments also read the price archive
 * that the feed cache holds (compose_market.h). A script is a list of
 * segments; a segment is a list of parts: speech (already verbalized:
 * words only), pauses and clips. The price, news and market composers
 * share compose_priv.h. Feeds that are missing, invalid or stale affect
 * only the segments that use them, which then speak the voice's fallback
 * phrase and are marked; a run of such segments says one phrase for all
 * ("no fresh prices from the markets A and B"). Suspect prices
 * (read/plausible.h) are left out, with a warning.
 */

#include <stddef.h>

#include "read/bulletin.h"
#include "base/date.h"
#include "base/err.h"

struct wk_buf;
struct wk_catalog;
struct wk_diags;
struct wk_site;
struct wk_station;
struct wk_style;
struct wk_voice;
struct wk_feedcache;
struct wk_price;

enum wk_part_kind { WK_PART_SPEECH, WK_PART_PAUSE, WK_PART_CLIP };

struct wk_part {
	enum wk_part_kind kind;
	char *lang;		/* speech: the voice that reads it */
	char *text;		/* speech: words only */
	unsigned pause_ms;	/* pause */
	char *path;		/* clip */
};

/* One price as spoken, for the day's report. */
struct wk_price_note {
	char *product;		/* catalogue id */
	char *market;
	long long value, previous;	/* céntimos; previous -1 when unknown */
};

struct wk_seg {
	char *id;
	struct wk_part *parts;
	size_t nparts;
	struct wk_bed bed;	/* path NULL when none */
	char data_date[11];	/* date of the feed the segment read, or "" */
	int fallback;		/* 1 when a feed could not be used */
	char *note;		/* why, for people; NULL when all went well */
	struct wk_price_note *prices;
	size_t nprices;
	unsigned ndata;		/* its items that read a feed (prices, news,
				 * trends, compare) */
	unsigned nfell;		/* ... of which said only a fallback phrase */
	size_t nheld;		/* suspect prices left out (read/plausible.h) */
	size_t nmerged;		/* the fallback phrases of this many segments
				 * after it are said here, as one */
	/* The fallback phrase said alone (the composer merges a run of
	 * them): its id, its slot and the name said in it, else NULL. */
	const char *fb_phrase, *fb_key;
	char *fb_name;
};

/* True when segment sg reads feeds and none could be used: all it says
 * is fallback phrases. */
#define WK_SEG_NODATA(sg) ((sg)->ndata > 0 && (sg)->nfell == (sg)->ndata)

struct wk_script {
	char *bulletin;		/* bulletin id */
	char *lang;
	char *title;
	struct wk_seg *segs;
	size_t nsegs;
	size_t nfallbacks;	/* segments that fell back or left parts out */
	size_t ndata;		/* segments that read feeds */
	size_t nodata;		/* ... of which none could be used: when that
				 * is all of them, the bulletin has nothing
				 * new to say and must not air (the
				 * conductor fails it) */
};

/* What a script is composed with: a station's site (its settings,
 * catalogue, category maps and voices), a broadcast date and the run's
 * feed cache. Set up by wk_compose_open only. */
struct wk_compose {
	struct wk_site *site;
	const struct wk_catalog *cat;		/* the site's */
	const struct wk_station *station;	/* the site's */
	struct wk_date date;		/* the broadcast date */
	struct wk_feedcache *feeds;	/* from wk_feedcache_new */
	int own_feeds;			/* feeds is freed by wk_compose_close */
	struct wk_diags *d;		/* warnings: fallbacks, left-out items */
};

/*
 * Sets c up to compose for site (opened with its catalogue) on date,
 * reading feeds through fc, the run's cache shared by its stations, or
 * through a cache of its own when fc is NULL. Nothing of site is copied:
 * it must outlive c. WK_ENOMEM only; c needs wk_compose_close either way.
 */
enum wk_status wk_compose_open(struct wk_compose *c, struct wk_site *site,
    struct wk_date date, struct wk_feedcache *fc, struct wk_diags *d,
    struct wk_err *err);
void wk_compose_close(struct wk_compose *c);

/*
 * Composes bulletin b in lang. Problems with feeds become fallbacks and
 * warnings in c->d; only a missing voice or out of memory fail (err set).
 * *out belongs to the caller (wk_script_free).
 */
enum wk_status wk_compose(struct wk_compose *c, const struct wk_bulletin *b,
    const char *lang, struct wk_script **out, struct wk_err *err);
void wk_script_free(struct wk_script *s);

/* Appends the words of segment sg of s, one spoken part a line (its text
 * kept on it: wk_buf_oneline); passages read by another language's voice
 * start with "[xx] ". */
void wk_seg_transcript(const struct wk_script *s, const struct wk_seg *sg,
    struct wk_buf *b);

/* The language of segment sg of s: that of its first spoken part, or the
 * script's when it says nothing (then its clips are matched to the
 * script's voice). */
const char *wk_seg_lang(const struct wk_script *s, const struct wk_seg *sg);

/* The style of voice v (voices/<lang>/style.xml), loaded once per feed
 * cache; NULL when the voice has none or it cannot be read (a warning). */
const struct wk_style *wk_compose_style(struct wk_compose *c,
    const struct wk_voice *v);

/* A cache of the feeds read in one run, so that each is read (and each
 * problem reported) once, whichever station reads it: what the readers
 * return does not depend on the station (categories and language tags
 * are kept as written and mapped when items are chosen). */
struct wk_feedcache *wk_feedcache_new(void);
void wk_feedcache_free(struct wk_feedcache *fc);

/* The feed path for pattern: {date} replaced by the broadcast date, joined
 * to the station's feed directory; malloc'd. */
char *wk_feed_path(const struct wk_compose *c, const char *pattern);

/* What the run made of the price (prices set) or news feed at path, as
 * c's feed cache read it, without reading it again: 1 when it was read
 * (date gets its date, or "" when a news feed has none), 0 when it could
 * not be (err gets why), -1 when the run has not read it. */
int wk_feed_state(const struct wk_compose *c, const char *path, int prices,
    char date[11], struct wk_err *err);

/* True when the run holds price p of a feed back as suspect (zero, or too
 * far from its previous or archived price; read/plausible.h): the
 * bulletins do not say it. */
int wk_compose_held(const struct wk_compose *c, const struct wk_price *p);

/* Estimated speaking time of the words in text at rate_wpm, in ms. */
unsigned wk_speech_ms(const char *text, int rate_wpm);

#endif
