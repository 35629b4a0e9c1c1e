/*
 * make bench: the cost of archiving a price feed in the history, against
 * reading the feed alone. Reads FEED.xml (wk_prices_load), then archives it
 * in a new database DB (wk_history_archive, one transaction), and prints
 * both times and their ratio.
 */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/err.h"
#include "read/feed.h"
#include "read/history.h"
#include "read/xmlio.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct wk_prices *p = NULL;
	struct wk_history *h = NULL;
	struct wk_diags d;
	struct wk_err err;
	double t0, t1, t2;
	size_t i, n = 0;
	int rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: history_bench FEED.xml DB\n");
		return 2;
	}
	wk_diags_init(&d, NULL);
	if (wk_xml_init(&err) != WK_OK)
		goto out;
	t0 = now();
	if (wk_prices_load(argv[1], &p, &d, &err) != WK_OK)
		goto out;
	t1 = now();
	if (wk_history_open(argv[2], 5000, 0, &h, &err) != WK_OK ||
	    wk_history_archive(h, p, &err) != WK_OK)
		goto out;
	t2 = now();
	for (i = 0; i < p->nmarkets; i++)
		n += p->markets[i].nprices;
	printf("%zu prices: read %.2f s, archive %.2f s, archive/read %.2f\n",
	    n, t1 - t0, t2 - t1, (t2 - t1) / (t1 - t0));
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "history_bench: %s: %s\n", err.file, err.msg);
	wk_history_close(h);
	wk_prices_free(p);
	wk_diags_free(&d);
	wk_xml_cleanup();
	return rc;
}
