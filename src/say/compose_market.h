#ifndef WK_COMPOSE_MARKET_H
#define WK_COMPOSE_MARKET_H
/*
 * The price archive of a run: opened once by the build and handed to the
 * run's feed cache, which archives every price feed it reads; and the
 * weekly change of a price, as the bulletins and the report say it.
 */

#include "base/date.h"
#include "base/err.h"

struct wk_diags;
struct wk_feedcache;
struct wk_history;
struct wk_station;

/*
 * Opens the station's price archive (<history db="..."/>, or
 * OUTDIR/history.sqlite) and gives it to fc. An archive that cannot be
 * opened (damaged, locked, unwritable) is reported as an error in d (exit
 * status 1) and the run goes on without history.
 */
void wk_market_attach(struct wk_feedcache *fc, const struct wk_station *s,
    const char *outdir, struct wk_diags *d);

/* The run's archive, for the report: NULL when there is none or it failed
 * (then it is closed). Owned by fc. */
struct wk_history *wk_feedcache_history(const struct wk_feedcache *fc);

/* The archive's path for station s and outdir; malloc'd, NULL when out of
 * memory. */
char *wk_market_history_path(const struct wk_station *s, const char *outdir);

/*
 * The change of market/product/unit's price `now` on date today against
 * its latest archived price from 2 * days to days before today (both
 * included), in whole percent rounded half away from zero: the rule of
 * <trends> and of the report's weekly change. *found is 0 (and *pct
 * untouched) when the archive has no such price.
 */
enum wk_status wk_market_change(struct wk_history *h, const char *market,
    const char *product, const char *unit, struct wk_date today,
    unsigned days, long long now, long long *pct, int *found,
    struct wk_err *err);

#endif
