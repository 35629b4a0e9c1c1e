#ifndef WK_RSS_H
#define WK_RSS_H
/*
 * RSS 2.0 and Atom 1.0 news feeds, read into a struct wk_news (feed.h) for
 * the news segments, with their categories and language tags as written.
 * Private to feed.c and rss.c.
 */

#include "feed.h"
#include "xmlio.h"

/* Reads the parsed feed f (root <rss> or <feed>) into nw. Items lacking a
 * title and a description are skipped with a warning in d. */
enum wk_status wk_rss_read(struct wk_xmlfile *f, struct wk_news *nw,
    struct wk_diags *d, struct wk_err *err);

/* Adds (or finds) the text of lang in an item; NULL when out of memory. */
struct wk_news_text *wk_news_text_add(struct wk_news_item *it,
    const char *lang);

/* Reduces HTML to speakable plain text: tags dropped (script and style with
 * their content), block ends become sentence breaks, entities decoded,
 * white space folded. malloc'd; NULL when out of memory. */
char *wk_html_text(const char *html);

/* Parses an RFC 822 date ("Sun, 29 Nov 2026 06:00:00 -0500") or an ISO 8601
 * one ("2026-11-29T06:00:00Z"); 0 on success. */
int wk_feed_date(const char *s, struct wk_date *out);

#endif
