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
	const struct wk_price **held;	/* its suspect prices, left out */
	size_t nheld;
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
/* Expands the voice's template id with keys/vals (wk_compose_template),
 * then speaks it. */
enum wk_status wk_compose_phrase(struct wk_compose *c, struct wk_seg *sg,
    const struct wk_voice *v, const char *id, const char *const *keys,
    const char *const *vals, size_t n, struct wk_err *err);

/* compose_name.c: names in sentences. */

/* Separates the names of a list given as one slot's value
 * ("A" WK_NAME_LIST "B"): the template says them as a list. */
#define WK_NAME_LIST "\x1f"

/*
 * The article voice v puts before name: "el", "la", "los", "las" or "".
 * The catalogue's article="" for the name when it gives one (article=
 * "none": no article); else, in a voice with gender (Spanish), the gender
 * of its first word: a lower-case word by the voice's nouns and endings
 * (papa amarilla: la; cuy: el), a capitalized one only when the nouns
 * list it (Mercado: el; Feria: la; Nery: none, a person's name). A name
 * that starts with an article, and any name in a voice without gender,
 * gets none.
 */
const char *wk_name_article(struct wk_compose *c, const struct wk_voice *v,
    const char *name);

/*
 * Expands tmpl into out as wk_template does, and also the name slots
 * "{WORD key}": key's value with WORD before it and the name's article
 * between them (wk_name_article), contracted as Spanish does: {de market}
 * "del Mercado Central", "de la Feria dominical", "de Nery García"; {a
 * market} "al ...", "a la ..."; {el market} "el Mercado", "la Feria",
 * "Nery García"; {en market} "en el ..." (any word). A value holding
 * WK_NAME_LIST is a list, said with the style's name-sep and name-last;
 * with a WORD, names that share their first word share it in the plural
 * ("de los mercados Nery García y Santa Clara").
 */
void wk_compose_template(struct wk_compose *c, const struct wk_voice *v,
    struct wk_buf *out, const char *tmpl, const char *const *keys,
    const char *const *vals, size_t n);
/* Adds a sentence to the segment's note for people (fmt has one %s). */
void wk_compose_note(struct wk_seg *sg, const char *fmt, const char *arg);
/* The catalogue's name for id in v's language, or its fallback's, or
 * fallback. */
const char *wk_compose_name(const struct wk_entry *e, size_t n,
    const char *id, const struct wk_voice *v, const char *fallback);
/* Marks the segment as fallen back and says phrase instead (with key
 * set to val); a segment that says nothing else is merged with the next
 * ones that fell back alike, when the voice has phrase "<phrase>-many"
 * (its slot: key with an "s"). */
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

/* compose_price.c: puts the n unchanged prices of ps in the order they
 * are said: units in the order the feed first gives them and, within a
 * unit, prices in the order first given, the products of one price
 * together; otherwise as given. -1 when out of memory (ps untouched). */
int wk_price_same_order(const struct wk_price **ps, size_t n);

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
