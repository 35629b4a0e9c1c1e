#ifndef WK_HISTORY_H
#define WK_HISTORY_H
/*
 * The price history: every price feed a run reads is archived in an SQLite
 * database (one row per date, market, product and unit; reading a day again
 * replaces its rows), so that bulletins can speak the week's trend and the
 * report can draw a month of prices. SQLite stays inside history.c.
 */

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"

struct wk_prices;
struct wk_history;

/* One stored price. Strings point into the query's row and are valid only
 * during the callback. */
struct wk_history_row {
	struct wk_date date;
	const char *market, *product, *unit, *feed;
	const char *market_name;	/* as the feed named it; NULL when not
					 * archived (before it was kept) */
	long long value;	/* céntimos */
	long long previous;	/* céntimos, -1 when not given */
};

/* What `willakuy history` lists; NULL strings and has_from/has_to 0 do not
 * filter. */
struct wk_history_filter {
	const char *market, *product;
	struct wk_date from, to;
	int has_from, has_to;
};

/*
 * Opens (creating it when missing) the archive at path: WAL journal, a busy
 * timeout of timeout_ms for another run's write. Its folder must be the
 * running user's and not writable by others, unless shared is 1 (the
 * station's <output shared="yes"/>); a link at the archive's name, at its
 * -wal, -shm or -journal, or anywhere on its path is refused, never
 * followed (WK_EIO). A file that is not a database, a damaged one or one
 * locked past the timeout gives WK_EINPUT or WK_EIO with err saying so and
 * how to recover. *out is the caller's (wk_history_close).
 */
enum wk_status wk_history_open(const char *path, int timeout_ms, int shared,
    struct wk_history **out, struct wk_err *err);
void wk_history_close(struct wk_history *h);

/* The same, connecting only when first used (archive or query), so that a
 * run that reads no price feed leaves no archive; then open's errors come
 * from that first use. Its folder is not shared until wk_history_share
 * says so. NULL when out of memory. */
struct wk_history *wk_history_new(const char *path, int timeout_ms);

/* Lets the archive's folder belong to or be writable by others, as
 * wk_history_open's shared; call before the first use. */
void wk_history_share(struct wk_history *h, int shared);

/* The path the archive was opened with. */
const char *wk_history_path(const struct wk_history *h);

/* Archives every price of p under p's date in one transaction: all of it
 * or nothing. */
enum wk_status wk_history_archive(struct wk_history *h,
    const struct wk_prices *p, struct wk_err *err);

/*
 * The price of market/product/unit on the latest archived date from
 * `from` to `to` (both included). *found is 0 when there is none; then
 * *value and *date are untouched.
 */
enum wk_status wk_history_value(struct wk_history *h, const char *market,
    const char *product, const char *unit, struct wk_date from,
    struct wk_date to, long long *value, struct wk_date *date, int *found,
    struct wk_err *err);

/*
 * Calls fn for each stored row that f lets through, by date, market,
 * product and unit; stops early when fn returns non-zero.
 */
enum wk_status wk_history_query(struct wk_history *h,
    const struct wk_history_filter *f,
    int (*fn)(const struct wk_history_row *, void *), void *arg,
    struct wk_err *err);

/* How many prices are archived under date, in *n. */
enum wk_status wk_history_count(struct wk_history *h, struct wk_date date,
    size_t *n, struct wk_err *err);

/* Calls fn for each market of the archive, by id, with the name a feed
 * gave it (NULL when none was archived); stops when fn returns non-zero.
 * The strings are valid only during the call. */
enum wk_status wk_history_markets(struct wk_history *h,
    int (*fn)(const char *id, const char *name, void *), void *arg,
    struct wk_err *err);

#endif
