#ifndef WK_BULLETIN_H
#define WK_BULLETIN_H
/*
 * A bulletin script, as editors write it in bulletins/ (one .xml file each): an id, its
 * languages, a title per language and an ordered list of segments made of
 * say, prices, news, clip and pause elements. Paths in clip and bed are
 * resolved against the bulletin's directory; feed names stay as written
 * ({date} is filled in by the composer).
 */

#include <stddef.h>

#include "base/err.h"
#include "feed.h"

struct wk_diags;

/* Most segments a bulletin may have (their files are numbered 01..99). */
#define WK_MAX_SEGMENTS 99

/* The most a segment's <pause> elements may add up to, in milliseconds
 * (each is at most 10 s): more silence than this is dead air. */
#define WK_SEGMENT_PAUSE_MAX_MS 60000u

enum wk_item_kind { WK_ITEM_SAY, WK_ITEM_PRICES, WK_ITEM_NEWS, WK_ITEM_CLIP,
	WK_ITEM_PAUSE, WK_ITEM_TRENDS, WK_ITEM_COMPARE };

/* What a Quechua bulletin does with a news item that has no Quechua text
 * (and the other way round). */
enum wk_untranslated { WK_UNTR_SKIP, WK_UNTR_ANNOUNCE };

struct wk_item {
	enum wk_item_kind kind;
	struct wk_pos pos;
	char *lang;		/* say: xml:lang */
	char *text;		/* say: the text as written */
	char *feed;		/* prices, news, trends, compare: feed pattern */
	char *market;		/* prices, trends */
	char **products;	/* prices, trends, compare: NULL = all */
	size_t nproducts;
	struct wk_pos products_pos, market_pos, feed_pos;
	char *network;		/* news: NULL = all networks */
	unsigned max;		/* news: most items, 0 = no limit */
	enum wk_untranslated untranslated;
	char *path;		/* clip: resolved path */
	unsigned pause_ms;	/* pause */
	unsigned days;		/* trends: the span compared, in days */
};

struct wk_bed {
	char *path;		/* NULL when the segment has no bed */
	double duck_db;		/* how far the bed dips under speech */
	unsigned fade_ms;	/* length of its fades */
	struct wk_pos pos;
};

struct wk_segment {
	char *id;
	char *style;		/* the phrase style it pins, or NULL */
	struct wk_item *items;
	size_t nitems;
	struct wk_bed bed;
	struct wk_pos pos;
	int speech_optional;	/* speech="optional": a language may be silent */
};

struct wk_bulletin {
	char *path, *dir;
	char *id;
	char **langs;
	size_t nlangs;
	char **title_langs, **titles;
	size_t ntitles;
	int max_age_days;	/* oldest price feed accepted, in days */
	struct wk_segment *segs;
	size_t nsegs;
	struct wk_pos pos;
};

/* Reads a bulletin; on WK_EINPUT err points at the first problem. *out
 * belongs to the caller on success (wk_bulletin_free). */
enum wk_status wk_bulletin_load(const char *path, struct wk_bulletin **out,
    struct wk_diags *d, struct wk_err *err);
void wk_bulletin_free(struct wk_bulletin *b);

/* One catalogue id a bulletin names: a <prices> market or product, a
 * <news> network. */
struct wk_bulletin_ref {
	const char *what;	/* "market", "product" or "network" */
	const char *id;
	struct wk_pos pos;
};

/*
 * Calls fn(arg, ref) for each catalogue id the bulletin at path names,
 * reading only those attributes, in document order: so that check reports
 * unknown ids with the other problems of a bulletin that does not load.
 * Returns WK_OK, or the status of reading the file (err says why).
 */
enum wk_status wk_bulletin_refs(const char *path,
    void (*fn)(void *arg, const struct wk_bulletin_ref *ref), void *arg,
    struct wk_err *err);

/* The title in lang, else the first title, else the id. */
const char *wk_bulletin_title(const struct wk_bulletin *b, const char *lang);

/* True when s is a valid id: 1 to 64 of a-z, 0-9 and '-', not starting
 * with '-'. Ids become file names. */
int wk_valid_id(const char *s);

#endif
