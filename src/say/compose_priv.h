#ifndef WK_COMPOSE_PRIV_H
#define WK_COMPOSE_PRIV_H
/*
 * What the composer's files (compose.c, compose_price.c, compose_market.c)
 * share and nothing else sees: the entries of the run's feed cache, the
 * per-script state (the rotation of phrase variants, whether the date was
 * said), and the helpers that turn a written line into a verbalized
 * speech part.
 */

#include <stddef.h>

#include "compose.h"
#include "compose_market.h"
#include "read/feed.h"
#include "read/style.h"

struct wk_entry;
struct wk_voice;

enum wk_feed_kind { WK_FEED_PRICES, WK_FEED_NEWS };

struct wk_cached {
	char *path;
	enum wk_feed_kind kind;
	struct wk_prices *prices;
	struct wk_news *news;
	struct wk_err err;	/* why it could not be read */
};

/* The state of composing one script. */
struct wk_cstate {
	struct wk_rotor rotor;
	int date_said;		/* the broadcast date has been spoken */
	const char *pin;	/* the segment's pinned style, or NULL */
};

/* The cached feed for path, read on first use; NULL only when out of
 * memory (err set). */
struct wk_cached *wk_compose_feed(struct wk_compose *c, const char *path,
    enum wk_feed_kind kind, struct wk_err *err);

/* Verbalizes text in v and adds it to sg as a speech part. */
enum wk_status wk_compose_speak(struct wk_seg *sg, const struct wk_voice *v,
    const char *text, struct wk_err *err);
/* The same for text whose decimal mark is declared (verbal.h). */
enum wk_status wk_compose_speak_mark(struct wk_seg *sg,
    const struct wk_voice *v, const char *text, char mark,
    struct wk_err *err);
/* Expands the voice's template id with keys/vals, then speaks it. */
enum wk_status wk_compose_phrase(struct wk_seg *sg, const struct wk_voice *v,
    const char *id, const char *const *keys, const char *const *vals,
    size_t n, struct wk_err *err);
/* Adds a sentence to the segment's note for people (fmt has one %s). */
void wk_compose_note(struct wk_seg *sg, const char *fmt, const char *arg);
/* The catalogue's name for id in v's language, or its fallback's, or
 * fallback. */
const char *wk_compose_name(const struct wk_entry *e, size_t n,
    const char *id, const struct wk_voice *v, const char *fallback);
/* Marks the segment as fallen back and says phrase instead. */
enum wk_status wk_compose_fallback(struct wk_compose *c,
    const struct wk_bulletin *b, const struct wk_item *it, struct wk_seg *sg,
    const struct wk_voice *v, const char *phrase, const char *key,
    const char *val, const char *why, struct wk_err *err);

/* A price segment (compose_price.c). */
enum wk_status wk_compose_prices(struct wk_compose *c,
    const struct wk_bulletin *b, const struct wk_item *it, struct wk_seg *sg,
    const struct wk_voice *v, struct wk_cstate *cs, struct wk_err *err);

/* Between the composer and its market-intelligence part (compose_market.c:
 * <trends> and <compare> segments, the price archive every price feed goes
 * to). */
struct wk_history;

/* The run's feed cache holds the price archive (owning it: closed by
 * wk_feedcache_free; h may be NULL); compose_market.h reads it. */
void wk_feedcache_set_history(struct wk_feedcache *fc, struct wk_history *h);

/* The price feed for pattern through the run's cache; *out is NULL when it
 * cannot be used (already reported). *path (malloc'd, the caller's) is the
 * feed's path. Fails only when out of memory. */
enum wk_status wk_compose_price_feed(struct wk_compose *c, const char *pattern,
    const struct wk_prices **out, char **path, struct wk_err *err);

/* Catalogue names in v's language, or the language it falls back to
 * (product: NULL when unknown). */
const char *wk_compose_product(const struct wk_compose *c, const char *id,
    const struct wk_voice *v);
const char *wk_compose_market_name(const struct wk_compose *c, const char *id,
    const struct wk_voice *v, const char *fallback_name);

/* compose_price.c: one price a line with the day's comparison. */
enum wk_status wk_compose_price_line(struct wk_compose *c, struct wk_seg *sg,
    const struct wk_voice *v, const struct wk_market *m,
    const struct wk_price *p, struct wk_err *err);

/* compose_market.c: composes a <trends> or <compare> item. */
enum wk_status wk_compose_market(struct wk_compose *c,
    const struct wk_bulletin *b, const struct wk_item *it, struct wk_seg *sg,
    const struct wk_voice *v, struct wk_err *err);

/* compose_market.c: archives p in *h; when that fails, reports it as an
 * error (the run then ends with exit status 1), closes the archive and sets
 * *h to NULL so that the rest of the run goes on without history. */
void wk_market_archive(struct wk_history **h, const struct wk_prices *p,
    struct wk_diags *d);

#endif
