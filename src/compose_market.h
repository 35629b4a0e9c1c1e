#ifndef WK_COMPOSE_MARKET_H
#define WK_COMPOSE_MARKET_H
/*
 * The price archive of a run: opened once by the build and handed to the
 * run's feed cache, which archives every price feed it reads.
 */

struct wk_diags;
struct wk_feedcache;
struct wk_station;

/*
 * Opens the station's price archive (<history db="..."/>, or
 * OUTDIR/history.sqlite) and gives it to fc. An archive that cannot be
 * opened (damaged, locked, unwritable) is reported as an error in d (exit
 * status 1) and the run goes on without history.
 */
void wk_market_attach(struct wk_feedcache *fc, const struct wk_station *s,
    const char *outdir, struct wk_diags *d);

/* The archive's path for station s and outdir; malloc'd, NULL when out of
 * memory. */
char *wk_market_history_path(const struct wk_station *s, const char *outdir);

#endif
