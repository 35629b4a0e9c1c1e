#ifndef WK_PLAUSIBLE_H
#define WK_PLAUSIBLE_H
/*
 * Price plausibility: the one rule that `check`, `import` and the composer
 * apply before a price goes on air. A price is suspect when it is zero or
 * negative, or when it is more than a factor (the station's <prices
 * max-change>, 3 by default) above or below its reference: the feed's
 * previous="" price, or the last archived price of the same market,
 * product and unit. A suspect price is most likely a typo (a slipped
 * decimal point, another unit's price); it is reported with both figures
 * and the likely cause, and kept off the air unless the feed confirms it
 * (confirmed="yes").
 */

#include "base/date.h"
#include "base/err.h"

struct wk_buf;
struct wk_history;
struct wk_market;
struct wk_price;
struct wk_prices;

/* The factor a station's <prices max-change> sets when it says none. */
#define WK_PLAUSIBLE_FACTOR 3.0

/* How far back the archive is searched for a price to compare with. */
#define WK_PLAUSIBLE_LOOKBACK_DAYS 366

enum wk_suspect {
	WK_PRICE_PLAUSIBLE = 0,
	WK_PRICE_ZERO,		/* zero or negative */
	WK_PRICE_PREVIOUS,	/* too far from the feed's previous="" */
	WK_PRICE_ARCHIVE,	/* too far from the last archived price */
};

/* Why a price is suspect. */
struct wk_suspicion {
	enum wk_suspect kind;
	long long value;	/* the price, céntimos */
	long long other;	/* what it was compared with, céntimos */
	struct wk_date other_date;	/* WK_PRICE_ARCHIVE: its date */
};

/*
 * Judges value (céntimos) against previous and archived (céntimos, -1 when
 * there is none) with factor (above 1): fills *s and returns its kind, or
 * WK_PRICE_PLAUSIBLE. The feed's previous price is compared first.
 */
enum wk_suspect wk_plausible(long long value, long long previous,
    long long archived, double factor, struct wk_suspicion *s);

/*
 * Judges price p of market m in feed f: as wk_plausible, with the last
 * price that the archive h (may be NULL) holds for m, p's product and
 * unit up to WK_PLAUSIBLE_LOOKBACK_DAYS before f's date. A confirmed price
 * (confirmed="yes") is plausible. When the archive cannot be read, *s is
 * judged without it and its error is returned (err set): the caller
 * leaves the archive aside for the next prices rather than wait for it
 * again.
 */
enum wk_status wk_plausible_price(struct wk_history *h,
    const struct wk_prices *f, const struct wk_market *m,
    const struct wk_price *p, double factor, struct wk_suspicion *s,
    struct wk_err *err);

/*
 * Appends one sentence, in the locale's language, about the suspect price
 * of product per unit in market: both figures, how far apart, and the
 * likely cause ("is the decimal point missing?"), which ends it. The
 * caller adds what is done with it and how to fix it.
 */
void wk_suspicion_describe(const struct wk_suspicion *s, const char *market,
    const char *product, const char *unit, struct wk_buf *out);

/* The likely cause of s as a question (locale's language): a decimal
 * point missing or misplaced (the figures differ about 10, 100 or 1000
 * times), another unit's price (about 12, 11.5, 46 or 50 times: docena,
 * arroba, quintal, saco), a missing value (zero), or a figure to check. */
const char *wk_suspicion_cause(const struct wk_suspicion *s);

#endif
