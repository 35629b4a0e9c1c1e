#ifndef WK_FEED_H
#define WK_FEED_H
/*
 * The daily feeds: market prices (<prices>) and network news (<news>, or an
 * RSS 2.0 / Atom 1.0 feed read by rss.c into the same structure). Values
 * are checked as they are read: a price is a plain amount in soles below
 * ten million, a date is a real calendar date; every problem names the file,
 * line and column.
 */

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"

struct wk_diags;

struct wk_pos {
	int line, col;
};

/*
 * The most characters (code points) a feed may give for a text that is
 * said on the air; a longer one leaves its element out with an error. At
 * the stations' 150 words a minute espeak-ng says about 16 characters a
 * second, so a 9 KB market name would take over nine minutes of a
 * comparison meant to last twenty seconds.
 *  - a market's name: the longest in the network's lists is under 70
 *    ("Mercado Mayorista de Productores ... de Huamanga"): 100, 6 s;
 *  - a market's town: Peru's longest district names are under 40: 60;
 *  - a price's unit: "kg", "arroba", "saco de 50 kg": 40;
 *  - a news headline: a sentence, as radio writes them (under 150): 300,
 *    about 20 s;
 *  - a news text: a radio item runs 30 to 90 s, 500 to 1 500 characters;
 *    3 000 (about 3 minutes) leaves room for a long one and keeps a whole
 *    web article out of a bulletin.
 */
#define WK_FEED_NAME_MAX 100
#define WK_FEED_TOWN_MAX 60
#define WK_FEED_UNIT_MAX 40
#define WK_FEED_HEADLINE_MAX 300
#define WK_FEED_TEXT_MAX 3000

/* Largest price accepted, in céntimos (S/ 9 999 999.99). */
#define WK_PRICE_MAX 999999999LL

struct wk_price {
	char *product, *unit;
	long long value;		/* céntimos */
	long long previous;		/* céntimos, -1 when not given */
	int confirmed;			/* confirmed="yes": the network vouches
					 * for a price that looks like a typo
					 * (plausible.h) */
	struct wk_pos pos, product_pos, unit_pos, value_pos;
};

struct wk_market {
	char *id, *name, *town;
	struct wk_price *prices;
	size_t nprices;
	struct wk_pos pos;
};

struct wk_prices {
	char *path;
	struct wk_date date;
	char *currency, *source;
	struct wk_market *markets;
	size_t nmarkets;
	struct wk_pos date_pos;
};

/* Longest language tag kept from a feed, with its NUL. */
#define WK_LANG_MAX 36

struct wk_news_text {
	char *lang;		/* its language tag, as the feed writes it */
	char *headline, *text;
	struct wk_pos pos;
};

struct wk_news_item {
	char *id;
	char *network;		/* <news>: the network's id; RSS and Atom: the
				 * first category as written, "" when none
				 * (a station's maps choose: wk_site_network) */
	char **categories;	/* RSS and Atom: every category as written,
				 * in order, NULL-terminated; else NULL */
	size_t ncategories;
	struct wk_date date, expires;
	int has_date, has_expires;
	struct wk_news_text *texts;
	size_t ntexts;
	struct wk_pos pos, network_pos;
	char decimal_mark;	/* the feed's decimal-mark: '.', ',' or 0 */
};

struct wk_news {
	char *path;
	struct wk_date date;
	int has_date;
	int categories;		/* RSS or Atom: networks come from categories */
	struct wk_news_item *items;
	size_t nitems;
	struct wk_pos date_pos;
};

/* Reads a price feed, as a stream: memory for the prices it keeps, not
 * for the file. A bad <market> or <price> is an error in d and is left
 * out; a problem of the file as a whole returns WK_EINPUT with err set.
 * *out belongs to the caller on success (wk_prices_free). */
enum wk_status wk_prices_load(const char *path, struct wk_prices **out,
    struct wk_diags *d, struct wk_err *err);
void wk_prices_free(struct wk_prices *p);

/* Reads a news feed: our <news> format, RSS 2.0 or Atom 1.0, told apart by
 * the root element. Same contract as wk_prices_load. */
enum wk_status wk_news_load(const char *path, struct wk_news **out,
    struct wk_diags *d, struct wk_err *err);
void wk_news_free(struct wk_news *n);

/* The market with id, or NULL. */
const struct wk_market *wk_prices_market(const struct wk_prices *p,
    const char *id);

/* The item's first text whose tag lang matches (wk_lang_match), or NULL. */
const struct wk_news_text *wk_news_text(const struct wk_news_item *it,
    const char *lang);

/* How well the language range matches tag, by RFC 4647's basic filtering
 * (ignoring case): the length of range when tag is range itself or starts
 * with range and '-' ("es" matches "es", "es-PE" and "es-419", not
 * "est"), else 0. "*" matches every tag, with 1. */
size_t wk_lang_match(const char *range, const char *tag);

/* Parses an amount in soles ("2.50", "25", "1234.5") into céntimos; -1 when
 * it is not one, or is above WK_PRICE_MAX. */
long long wk_parse_amount(const char *s);

#endif
