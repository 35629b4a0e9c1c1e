#ifndef WK_COMPOSE_PRIV_H
#define WK_COMPOSE_PRIV_H
/*
 * What the composer's files (compose.c, compose_price.c) share and nothing
 * else sees: the per-run feed cache, the per-script state (the rotation of
 * phrase variants, whether the date was said), and the helpers that turn
 * a written line into a verbalized speech part.
 */

#include "compose.h"
#include "style.h"

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

/* The style of voice v (voices/<lang>/style.xml), loaded once per run;
 * NULL when the voice has none or it cannot be read (a warning). */
const struct wk_style *wk_compose_style(struct wk_compose *c,
    const struct wk_voice *v);

/* Verbalizes text in v and adds it to sg as a speech part. */
enum wk_status wk_compose_speak(struct wk_seg *sg, const struct wk_voice *v,
    const char *text, struct wk_err *err);
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

#endif
