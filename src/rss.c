/*
 * RSS 2.0 and Atom 1.0 readers. Real feeds are untidy, so this reader is
 * lenient where it can be: titles and descriptions may hold escaped HTML
 * (reduced to plain text here), dates may be RFC 822 or ISO 8601 or
 * missing, language comes from xml:lang, the channel's <language> or
 * dc:language, and the iTunes, Dublin Core and content: extensions fill in
 * what the core elements lack. Links are never followed.
 */

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "err.h"
#include "rss.h"
#include "text.h"

/* Named entities seen in Spanish feeds; numeric ones are decoded too. */
static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", ' ' }, { "aacute", 0xE1 },
	{ "eacute", 0xE9 }, { "iacute", 0xED }, { "oacute", 0xF3 },
	{ "uacute", 0xFA }, { "Aacute", 0xC1 }, { "Eacute", 0xC9 },
	{ "Iacute", 0xCD }, { "Oacute", 0xD3 }, { "Uacute", 0xDA },
	{ "ntilde", 0xF1 }, { "Ntilde", 0xD1 }, { "uuml", 0xFC },
	{ "Uuml", 0xDC }, { "iquest", 0xBF }, { "iexcl", 0xA1 },
	{ "laquo", 0xAB }, { "raquo", 0xBB }, { "ldquo", 0x201C },
	{ "rdquo", 0x201D }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
	{ "hellip", 0x2026 }, { "ndash", 0x2013 }, { "mdash", 0x2014 },
	{ "deg", 0xB0 }, { "ordm", 0xBA }, { "ordf", 0xAA }, { "euro", 0x20AC },
};

/* Decodes the entity at p (just after '&'); returns bytes used, 0 if none. */
static size_t
entity(const char *p, uint32_t *cp)
{
	size_t i, n;

	if (p[0] == '#') {
		char *end;
		unsigned long v = (p[1] == 'x' || p[1] == 'X')
		    ? strtoul(p + 2, &end, 16) : strtoul(p + 1, &end, 10);

		if (*end != ';' || end == p + 1 || v == 0 || v > 0x10FFFF ||
		    (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		*cp = (uint32_t)v;
		return (size_t)(end - p) + 1;
	}
	for (i = 0; i < sizeof entities / sizeof entities[0]; i++) {
		n = strlen(entities[i].name);
		if (strncmp(p, entities[i].name, n) == 0 && p[n] == ';') {
			*cp = entities[i].cp;
			return n + 1;
		}
	}
	return 0;
}

static int
tag_is(const char *p, const char *name)
{
	size_t n = strlen(name);

	if (*p == '/')
		p++;
	return strncasecmp(p, name, n) == 0 &&
	    strchr(" \t\r\n/>", p[n]) != NULL;
}

char *
wk_html_text(const char *html)
{
	struct wk_buf b = WK_BUF_INIT;
	const char *p = html;
	static const char *blocks[] = { "p", "br", "div", "li", "h1", "h2",
	    "h3", "h4", "tr", "blockquote" };

	while (*p != '\0') {
		if (*p == '<') {
			const char *end = strchr(p, '>');
			size_t i;

			if (end == NULL)
				break;
			if (tag_is(p + 1, "script") || tag_is(p + 1, "style")) {
				const char *close = p[1] == '/' ? NULL
				    : strstr(end, tag_is(p + 1, "script")
				    ? "</script" : "</style");

				if (close == NULL)
					close = end;
				end = strchr(close, '>');
				if (end == NULL)
					break;
			}
			for (i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
				if (tag_is(p + 1, blocks[i])) {
					wk_buf_rtrim(&b);
					if (b.len > 0 && strchr(".!?:;",
					    b.data[b.len - 1]) == NULL)
						wk_buf_putc(&b, '.');
					break;
				}
			wk_buf_putc(&b, ' ');
			p = end + 1;
			continue;
		}
		if (*p == '&') {
			uint32_t cp;
			size_t n = entity(p + 1, &cp);

			if (n > 0) {
				wk_buf_put_cp(&b, cp);
				p += n + 1;
				continue;
			}
		}
		wk_buf_putc(&b, *p++);
	}
	/* Fold white space. */
	{
		struct wk_buf o = WK_BUF_INIT;
		const char *q = wk_buf_str(&b);
		int sp = 0;

		for (; *q; q++) {
			if (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r') {
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

/* "es-PE" -> "es"; "quy", "que", "qu-PE" -> "qu". */
static void
norm_lang(const char *in, char out[8])
{
	size_t n = 0;

	out[0] = '\0';
	if (in == NULL)
		return;
	while (*in == ' ')
		in++;
	while (n < 7 && ((in[n] >= 'a' && in[n] <= 'z') ||
	    (in[n] >= 'A' && in[n] <= 'Z'))) {
		out[n] = (char)(in[n] | 0x20);
		n++;
	}
	out[n] = '\0';
	if (strncmp(out, "qu", 2) == 0)
		strcpy(out, "qu");
	else if (n > 2 && strncmp(out, "es", 2) == 0)
		out[2] = '\0';
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
	char *title, *body, *s, lang[8];
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
	s = child_text(n, "category");
	it->network = s ? s : strdup("");
	if ((s = first_text(n, atom ? dates_atom : dates_rss)) != NULL) {
		it->has_date = wk_feed_date(s, &it->date) == 0;
		free(s);
	}
	if ((s = first_text(n, expiry)) != NULL) {
		it->has_expires = wk_feed_date(s, &it->expires) == 0;
		free(s);
	}
	norm_lang(xl ? xl : feed_lang, lang);
	if (lang[0] == '\0')
		strcpy(lang, "es");
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
