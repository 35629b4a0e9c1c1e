#ifndef WK_MARKET_CLI_H
#define WK_MARKET_CLI_H
/*
 * `willakuy history [...]`, `willakuy history import FEED.xml...` and
 * `willakuy import [-o FEED.xml] PRICES.csv` (market_cli.c).
 */

#include "base/err.h"

struct wk_diags;

/* Runs command cmd ("history" or "import") with argv[0] its name; prints
 * usage errors itself (WK_EUSAGE). Other failures are in err when
 * err->msg is not empty, else already reported in d. */
enum wk_status wk_market_cli(const char *cmd, int argc, char **argv,
    struct wk_diags *d, struct wk_err *err);

#endif
