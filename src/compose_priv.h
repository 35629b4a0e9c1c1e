#ifndef WK_COMPOSE_PRIV_H
#define WK_COMPOSE_PRIV_H
/*
 * Between the composer (compose.c) and its market-intelligence part
 * (compose_market.c: <trends> and <compare> segments, the price archive
 * each price feed goes to). Not for other modules.
 */

#include <stddef.h>

#include "compose.h"
#include "feed.h"

struct wk_history;
struct wk_voice;

/* compose.c: the run's feed cache holds the price archive (owning it:
 * closed by wk_feedcache_free; h may be NULL). */
void wk_feedcache_set_history(struct wk_feedcache *fc, struct wk_history *h);
struct wk_history *wk_feedcache_history(const struct wk_feedcache *fc);

/* compose.c: the price feed for pattern through the run's cache; *out is
 * NULL when it cannot be used (already reported). *path (malloc'd, the
 * caller's) is the feed's path. Fails only when out of memory. */
enum wk_status wk_compose_prices(struct wk_compose *c, const char *pattern,
    const struct wk_prices **out, char **path, struct wk_err *err);

/* compose.c: speaks phrase id of v, filled with keys/vals. */
enum wk_status wk_compose_phrase(struct wk_seg *sg, const struct wk_voice *v,
    const char *id, const char *const *keys, const char *const *vals,
    size_t n, struct wk_err *err);

/* compose.c: warns with why, marks sg as a fallback, says phrase. */
enum wk_status wk_compose_fallback(struct wk_compose *c,
    const struct wk_bulletin *b, const struct wk_item *it, struct wk_seg *sg,
    const struct wk_voice *v, const char *phrase, const char *key,
    const char *val, const char *why, struct wk_err *err);

/* compose.c: adds a note on sg for the report. */
void wk_compose_note(struct wk_seg *sg, const char *fmt, const char *arg);

/* compose.c: catalogue names in v's language, or the language it falls
 * back to (product: NULL when unknown). */
const char *wk_compose_product(const struct wk_compose *c, const char *id,
    const struct wk_voice *v);
const char *wk_compose_market_name(const struct wk_compose *c, const char *id,
    const struct wk_voice *v, const char *fallback_name);

/* compose.c: one price line with the day's comparison, as <prices> says. */
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
