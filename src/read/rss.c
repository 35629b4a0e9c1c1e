/*
 * RSS 2.0 and Atom 1.0 readers. Real feeds are untidy, so this reader is
 * lenient where it can be: titles and descriptions may hold escaped HTML
 * (reduced to plain text here), dates may be RFC 822 or ISO 8601 or
 * missing, language comes from xml:lang, the channel's <language> or
 * dc:language, and the iTunes, Dublin Core and content: extensions fill in
 * what the core elements lack. Links are never followed. Language tags and
 * categories are kept as the feed writes them: which voice reads a tag and
 * which network a category is are the station's to say (site.h), so that
 * one reading of a feed serves every station of a run.
 */

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "base/buf.h"
#include "base/err.h"
#include "rss.h"
#include "base/text.h"

/* The categories of an item as written, in order: of each RSS
 * <category> (or Dublin Core subject) its text, of each Atom <category>
 * its term and then its label; empty ones are left out. The first is the
 * item's network until a map says otherwise (wk_site_network). 0, or -1
 * when out of memory. */
static int
item_categories(xmlNodePtr item, struct wk_news_item *it)
{
	xmlNodePtr c;

	for (c = wk_xml_elem(item->children); c; c = wk_xml_elem(c->next)) {
		char *t[2] = { NULL, NULL };
		int k, rc = 0;

		if (strcmp((const char *)c->name, "category") != 0 &&
		    strcmp((const char *)c->name, "subject") != 0)
			continue;
		t[0] = wk_xml_attr(c, "term");
		t[1] = t[0] == NULL ? wk_xml_text(c) : wk_xml_attr(c, "label");
		for (k = 0; k < 2 && rc == 0; k++) {
			char **v;

			if (t[k] == NULL || t[k][0] == '\0')
				continue;
			if ((v = realloc(it->categories, (it->ncategories + 2) *
			    sizeof *v)) == NULL) {
				rc = -1;
				break;
			}
			it->categories = v;
			v[it->ncategories++] = t[k];
			v[it->ncategories] = NULL;
			t[k] = NULL;
		}
		free(t[0]);
		free(t[1]);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int
is_block(const char *name)
{
	static const char *const blocks[] = { "p", "br", "div", "li", "h1",
	    "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "ul", "ol",
	    "table", "section", "article", "hr", NULL };
	size_t i;

	for (i = 0; blocks[i] != NULL; i++)
		if (strcasecmp(name, blocks[i]) == 0)
			return 1;
	return 0;
}

/* Ends the sentence so far before a block, as a reader would pause. */
static void
sentence_break(struct wk_buf *b)
{
	wk_buf_rtrim(b);
	if (b->len > 0 && strchr(".!?:;", b->data[b->len - 1]) == NULL)
		wk_buf_putc(b, '.');
	wk_buf_putc(b, ' ');
}

/* The text of the HTML tree under n, depth first without recursion;
 * script and style (and comments) are left out. */
static void
collect(xmlNodePtr top, struct wk_buf *b)
{
	xmlNodePtr n = top->children;

	while (n != NULL && n != top) {
		int skip = 0;

		if (n->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)n->name;

			skip = strcasecmp(name, "script") == 0 ||
			    strcasecmp(name, "style") == 0 ||
			    strcasecmp(name, "head") == 0;
			if (!skip && is_block(name))
				sentence_break(b);
		} else if (n->type == XML_TEXT_NODE && n->content != NULL)
			wk_buf_puts(b, (const char *)n->content);
		if (!skip && n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (n->type == XML_ELEMENT_NODE &&
			    is_block((const char *)n->name))
				sentence_break(b);
			if (n->next != NULL || n->parent == NULL ||
			    n->parent == top)
				break;
			n = n->parent;
		}
		n = n->next;
	}
}

char *
wk_html_text(const char *html)
{
	struct wk_buf b = WK_BUF_INIT, o = WK_BUF_INIT;
	htmlDocPtr doc;
	const char *q;
	int sp = 0;

	/* libxml2's HTML parser: tags, entities (decoded once) and stray
	 * '<' as in "Precio < 5 soles" the way browsers read them. Nothing
	 * is fetched. */
	/* The wrapper keeps the parser from implying a paragraph (and a
	 * sentence end) around bare text. */
	wk_buf_printf(&b, "<wk-text>%s</wk-text>", html);
	doc = b.failed ? NULL : htmlReadMemory(b.data, (int)b.len, NULL,
	    "UTF-8", HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
	wk_buf_clear(&b);
	if (doc != NULL)
		collect((xmlNodePtr)doc, &b);
	else if (doc == NULL && html[0] != '\0')
		b.failed = 1;
	xmlFreeDoc(doc);
	/* Fold white space; no space before punctuation. */
	for (q = wk_buf_str(&b); q != NULL && *q; q++) {
		if (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' ||
		    ((unsigned char)*q == 0xC2 && (unsigned char)q[1] == 0xA0)) {
			if ((unsigned char)*q == 0xC2)
				q++;	/* a no-break space */
			sp = o.len > 0;
			continue;
		}
		if (sp && strchr(".,;:!?", *q) == NULL)
			wk_buf_putc(&o, ' ');
		sp = 0;
		wk_buf_putc(&o, *q);
	}
	if (b.failed)
		o.failed = 1;
	wk_buf_free(&b);
	return wk_buf_steal(&o);
}

int
wk_feed_date(const char *s, struct wk_date *out)
{
	static const char *mon[] = { "jan", "feb", "mar", "apr", "may", "jun",
	    "jul", "aug", "sep", "oct", "nov", "dec" };
	int d, y, m;
	char ms[4];
	const char *comma;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (strlen(s) >= 10 && s[4] == '-' && wk_date_parse_n(s, 10, out) == 0)
		return 0;
	if ((comma = strchr(s, ',')) != NULL && comma - s <= 10)
		s = comma + 1;
	if (sscanf(s, "%d %3s %d", &d, ms, &y) != 3)
		return -1;
	for (m = 0; m < 12; m++)
		if (strncasecmp(ms, mon[m], 3) == 0)
			break;
	if (m == 12)
		return -1;
	if (y < 100)
		y += 2000;
	if (!wk_date_valid(y, m + 1, d))
		return -1;
	out->y = y;
	out->m = m + 1;
	out->d = d;
	return 0;
}

/* The language tag at in, as written ("es-PE", "quz"), up to the first
 * character that cannot be part of one ('_' is read as '-'); "" when
 * there is none. Which voice reads it is the site's to say (site.h). */
static void
tag_of(const char *in, char out[WK_LANG_MAX])
{
	size_t n = 0;

	out[0] = '\0';
	if (in == NULL)
		return;
	in += strspn(in, " \t\n\r");
	for (; n + 1 < WK_LANG_MAX && ((in[n] >= 'a' && in[n] <= 'z') ||
	    (in[n] >= 'A' && in[n] <= 'Z') || (in[n] >= '0' && in[n] <= '9') ||
	    ((in[n] == '-' || in[n] == '_') && n > 0)); n++)
		out[n] = in[n] == '_' ? '-' : in[n];
	out[n] = '\0';
	while (n > 0 && out[n - 1] == '-')
		out[--n] = '\0';
}

/* Text of the first child element named name (any namespace), or NULL. */
static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (n = wk_xml_elem(n->children); n; n = wk_xml_elem(n->next))
		if (strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

static char *
child_text(xmlNodePtr n, const char *name)
{
	xmlNodePtr c = child(n, name);
	char *raw, *t;

	if (c == NULL)
		return NULL;
	if ((raw = wk_xml_text(c)) == NULL)
		return NULL;
	/* Over-long descriptions are cut at a word: a bulletin reads news,
	 * not whole articles. */
	if (strlen(raw) > WK_XML_MAX_TEXT) {
		size_t k = WK_XML_MAX_TEXT;

		while (k > 0 && raw[k] != ' ')
			k--;
		raw[k] = '\0';
	}
	t = wk_html_text(raw);
	free(raw);
	if (t != NULL && t[0] == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

/* The first child among names with text. */
static char *
first_text(xmlNodePtr n, const char *const *names)
{
	char *t;

	for (; *names != NULL; names++)
		if ((t = child_text(n, *names)) != NULL)
			return t;
	return NULL;
}

static enum wk_status
read_entry(struct wk_xmlfile *f, xmlNodePtr n, const char *feed_lang,
    struct wk_news *nw, struct wk_diags *d, struct wk_err *err, int atom)
{
	static const char *const titles[] = { "title", NULL };
	static const char *const bodies_rss[] = { "description", "encoded",
	    "summary", "subtitle", NULL };
	static const char *const bodies_atom[] = { "summary", "content", NULL };
	static const char *const dates_rss[] = { "pubDate", "date", NULL };
	static const char *const dates_atom[] = { "published", "updated",
	    "date", NULL };
	static const char *const ids[] = { "guid", "id", "link", NULL };
	static const char *const expiry[] = { "expirationDate", "valid",
	    "expires", NULL };
	struct wk_news_item *it = &nw->items[nw->nitems];
	struct wk_news_text *t;
	char *title, *body, *s, lang[WK_LANG_MAX];
	const char *xl = wk_xml_lang(n);

	title = first_text(n, titles);
	body = first_text(n, atom ? bodies_atom : bodies_rss);
	if (title == NULL && body == NULL) {
		int line, col;

		wk_xml_pos(f, n, NULL, &line, &col);
		wk_diag(d, WK_WARNING, f->path, line, col, "%s",
		    _("this entry has neither a title nor a description; it is "
		    "left out"));
		return WK_OK;
	}
	memset(it, 0, sizeof *it);
	nw->nitems++;
	wk_xml_pos(f, n, NULL, &it->pos.line, &it->pos.col);
	it->network_pos = it->pos;
	s = first_text(n, ids);
	if (s == NULL) {
		struct wk_buf b = WK_BUF_INIT;

		wk_buf_printf(&b, "item-%zu", nw->nitems);
		s = wk_buf_steal(&b);
	}
	it->id = s;
	if (item_categories(n, it) != 0) {
		free(title);
		free(body);
		return wk_err_nomem(err);
	}
	it->network = strdup(it->ncategories > 0 ? it->categories[0] : "");
	if ((s = first_text(n, atom ? dates_atom : dates_rss)) != NULL) {
		it->has_date = wk_feed_date(s, &it->date) == 0;
		free(s);
	}
	if ((s = first_text(n, expiry)) != NULL) {
		it->has_expires = wk_feed_date(s, &it->expires) == 0;
		free(s);
	}
	tag_of(xl ? xl : feed_lang, lang);
	if (lang[0] == '\0')
		strcpy(lang, "es");	/* a feed that names no language */
	if (it->id == NULL || it->network == NULL ||
	    (t = wk_news_text_add(it, lang)) == NULL) {
		free(title);
		free(body);
		return wk_err_nomem(err);
	}
	t->pos = it->pos;
	t->headline = title;
	t->text = body;
	return WK_OK;
}

enum wk_status
wk_rss_read(struct wk_xmlfile *f, struct wk_news *nw, struct wk_diags *d,
    struct wk_err *err)
{
	int atom = wk_xml_is(f->root, "feed");
	xmlNodePtr chan = atom ? f->root : child(f->root, "channel"), n;
	const char *item = atom ? "entry" : "item";
	char *lang = NULL, *s;
	size_t cap = 0;
	enum wk_status st = WK_OK;

	if (chan == NULL)
		return wk_xml_err(f, f->root, NULL, err, "%s",
		    _("an RSS feed needs a <channel>"));
	nw->categories = 1;
	lang = child_text(chan, "language");
	if (lang == NULL && wk_xml_lang(chan) != NULL)
		lang = strdup(wk_xml_lang(chan));
	if (lang == NULL && wk_xml_lang(f->root) != NULL)
		lang = strdup(wk_xml_lang(f->root));
	s = child_text(chan, atom ? "updated" : "lastBuildDate");
	if (s == NULL)
		s = child_text(chan, atom ? "published" : "pubDate");
	if (s != NULL) {
		nw->has_date = wk_feed_date(s, &nw->date) == 0;
		free(s);
	}
	for (n = wk_xml_elem(chan->children); n; n = wk_xml_elem(n->next))
		cap += strcmp((const char *)n->name, item) == 0;
	if ((nw->items = calloc(cap + 1, sizeof *nw->items)) == NULL) {
		free(lang);
		return wk_err_nomem(err);
	}
	for (n = wk_xml_elem(chan->children); n && st == WK_OK;
	    n = wk_xml_elem(n->next))
		if (strcmp((const char *)n->name, item) == 0)
			st = read_entry(f, n, lang, nw, d, err, atom);
	free(lang);
	return st;
}
