/*
 * Source positions and encodings for xmlio.c (see xmlpos.h). Start tags
 * appear in the source in document order, and a raw '<' can only stand in
 * markup, comments, CDATA sections and processing instructions, so one
 * forward scan that skips the latter three meets every element in the
 * order a depth-first walk of the tree does. The conversion to UTF-8 uses
 * iconv, as libxml2 itself does.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>

#include "base/safedir.h"
#include "xmlpos.h"

/* The encoding of the bytes at s, from a byte order mark, the shape of
 * "<?" or the XML declaration; *skip gets the length of a BOM. NULL for
 * UTF-8 (or ASCII). */
static const char *
sniff(const unsigned char *s, size_t n, size_t *skip, char *decl, size_t cap)
{
	const char *p, *end, *q;
	size_t k;

	*skip = 0;
	if (n >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)
		return *skip = 4, "UTF-32LE";
	if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)
		return *skip = 4, "UTF-32BE";
	if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		return *skip = 2, "UTF-16LE";
	if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		return *skip = 2, "UTF-16BE";
	if (n >= 4 && s[0] == '<' && s[1] == 0 && s[2] == 0 && s[3] == 0)
		return "UTF-32LE";
	if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] == '<')
		return "UTF-32BE";
	if (n >= 2 && s[0] == '<' && s[1] == 0)
		return "UTF-16LE";
	if (n >= 2 && s[0] == 0 && s[1] == '<')
		return "UTF-16BE";
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return NULL;
	if (n < 5 || memcmp(s, "<?xml", 5) != 0)
		return NULL;
	p = (const char *)s;
	end = memchr(p, '>', n < 512 ? n : 512);
	if (end == NULL)
		return NULL;
	for (q = p; q + 8 < end && strncmp(q, "encoding", 8) != 0; q++)
		;
	if (q + 8 >= end)
		return NULL;
	q += 8;
	while (q < end && (*q == ' ' || *q == '=' || *q == '\t'))
		q++;
	if (q >= end || (*q != '"' && *q != '\''))
		return NULL;
	for (k = 0, q++; q < end && *q != '"' && *q != '\'' && k + 1 < cap; q++)
		decl[k++] = *q;
	decl[k] = '\0';
	if (strcasecmp(decl, "UTF-8") == 0 || strcasecmp(decl, "UTF8") == 0)
		return NULL;
	return decl;
}

static int
count_lines(const char *s, size_t n)
{
	int line = 1;
	const char *p;

	while ((p = memchr(s, '\n', n)) != NULL) {
		line++;
		n -= (size_t)(p - s) + 1;
		s = p + 1;
	}
	return line;
}

enum wk_status
wk_xmlpos_to_utf8(struct wk_xmlfile *f, struct wk_err *err)
{
	char decl[64];
	size_t skip, inleft, outleft, cap;
	const char *from = sniff((const unsigned char *)f->src, f->srclen, &skip,
	    decl, sizeof decl);
	char *in, *out, *buf;
	iconv_t cd;

	if (from == NULL)
		return WK_OK;
	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return wk_err_set(err, WK_EINPUT, f->path, 1, 1,
		    _("the file is in encoding \"%s\", which this system cannot "
		    "convert; convert it to UTF-8 (iconv -t UTF-8)"), from);
	cap = f->srclen * 2 + 16;	/* a byte becomes at most 3, two 4 */
	if (cap < f->srclen * 3 / 2 + 16)
		cap = f->srclen * 3 / 2 + 16;
	if (strncmp(from, "UTF-16", 6) != 0 && strncmp(from, "UTF-32", 6) != 0)
		cap = f->srclen * 4 + 16;	/* single-byte encodings */
	if ((buf = malloc(cap)) == NULL) {
		iconv_close(cd);
		return wk_err_nomem(err);
	}
	in = f->src + skip;
	inleft = f->srclen - skip;
	out = buf;
	outleft = cap - 1;
	if (iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &out, &outleft) == (size_t)-1) {
		int line = count_lines(buf, (size_t)(out - buf));

		iconv_close(cd);
		free(buf);
		return wk_err_set(err, WK_EINPUT, f->path, line, 0,
		    _("the file is not valid %s (as its start or its declaration "
		    "says): %s"), from, strerror(errno));
	}
	iconv_close(cd);
	*out = '\0';
	if ((f->encoding = strdup(from)) == NULL) {
		free(buf);
		return wk_err_nomem(err);
	}
	free(f->src);
	f->src = buf;
	f->srclen = (size_t)(out - buf);
	return WK_OK;
}

/* The offset of the next start tag's '<' at or after off, skipping
 * comments, CDATA, processing instructions, declarations and end tags;
 * f->srclen when there is none. */
static size_t
next_tag(const struct wk_xmlfile *f, size_t off)
{
	const char *s = f->src, *p, *e;
	size_t n = f->srclen;

	while (off < n && (p = memchr(s + off, '<', n - off)) != NULL) {
		off = (size_t)(p - s);
		if (off + 1 >= n)
			break;
		if (strncmp(p, "<!--", 4) == 0)
			e = strstr(p + 4, "-->");
		else if (strncmp(p, "<![CDATA[", 9) == 0)
			e = strstr(p + 9, "]]>");
		else if (p[1] == '?')
			e = strstr(p + 2, "?>");
		else if (p[1] == '!' || p[1] == '/')
			e = strchr(p + 1, '>');
		else
			return off;
		if (e == NULL)
			break;
		off = (size_t)(e - s) + 1;
	}
	return n;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

enum wk_status
wk_xmlpos_check_tags(const struct wk_xmlfile *f, struct wk_err *err)
{
	const char *s = f->src;
	size_t n = f->srclen, off = 0, i;

	while ((off = next_tag(f, off)) < n) {
		unsigned attrs = 0;

		for (i = off + 1; i < n && !is_space(s[i]) && s[i] != '>' &&
		    s[i] != '/'; i++)
			;
		for (;;) {
			const char *q;
			size_t vstart;

			while (i < n && is_space(s[i]))
				i++;
			if (i >= n || s[i] == '>' || s[i] == '/' || s[i] == '<')
				break;
			while (i < n && s[i] != '=' && !is_space(s[i]) &&
			    s[i] != '>' && s[i] != '<')
				i++;
			while (i < n && is_space(s[i]))
				i++;
			if (i >= n || s[i] != '=')
				break;
			i++;
			while (i < n && is_space(s[i]))
				i++;
			if (i >= n || (s[i] != '"' && s[i] != '\''))
				break;
			vstart = ++i;
			if ((q = memchr(s + i, s[i - 1], n - i)) == NULL)
				break;	/* the parser says what is wrong */
			i = (size_t)(q - s) + 1;
			if (++attrs > WK_XML_MAX_ATTRS ||
			    i - vstart > WK_XML_MAX_ATTR_BYTES) {
				int line = count_lines(s, vstart), col;
				const char *ls = s + vstart;

				while (ls > s && ls[-1] != '\n')
					ls--;
				col = (int)(s + vstart - ls) + 1;
				return attrs > WK_XML_MAX_ATTRS ?
				    wk_err_set(err, WK_EINPUT, f->path, line, col,
				    _("an element has more than %d attributes; "
				    "this is not a file willakuy reads"),
				    WK_XML_MAX_ATTRS) :
				    wk_err_set(err, WK_EINPUT, f->path, line, col,
				    _("an attribute value is longer than %u bytes; "
				    "this is not a file willakuy reads"),
				    WK_XML_MAX_ATTR_BYTES);
			}
		}
		off = i > off ? i : off + 1;
	}
	return WK_OK;
}

/* True when the start tag at off is element n's (with a prefix,
 * <atom:link> for "link"). */
static int
tag_is(const struct wk_xmlfile *f, size_t off, xmlNodePtr n)
{
	const char *name = (const char *)n->name, *q = f->src + off + 1;
	size_t len = strlen(name);

	if (n->ns != NULL && n->ns->prefix != NULL &&
	    strncmp(q, (const char *)n->ns->prefix,
	    strlen((const char *)n->ns->prefix)) == 0 &&
	    q[strlen((const char *)n->ns->prefix)] == ':')
		q += strlen((const char *)n->ns->prefix) + 1;
	return strncmp(q, name, len) == 0 && strchr(" \t\r\n/>", q[len]) != NULL;
}

int
wk_xmlpos_mark(const struct wk_xmlfile *f, xmlNodePtr n, size_t *off)
{
	size_t at = next_tag(f, *off);

	if (n->type != XML_ELEMENT_NODE || at >= f->srclen || !tag_is(f, at, n))
		return -1;
	n->_private = (void *)(uintptr_t)(at + 1);
	*off = at + 1;
	return 0;
}

enum wk_status
wk_xmlpos_lines(struct wk_xmlfile *f, struct wk_err *err)
{
	size_t i, k;

	if (f->lines != NULL)
		return WK_OK;
	f->nlines = (size_t)count_lines(f->src, f->srclen);
	if ((f->lines = malloc(f->nlines * sizeof *f->lines)) == NULL)
		return wk_err_nomem(err);
	f->lines[0] = 0;
	for (i = 0, k = 1; i < f->srclen; i++)
		if (f->src[i] == '\n')
			f->lines[k++] = i + 1;
	return WK_OK;
}

enum wk_status
wk_xmlpos_index(struct wk_xmlfile *f, struct wk_err *err)
{
	size_t off = 0;
	xmlNodePtr n;
	enum wk_status st;

	if ((st = wk_xmlpos_lines(f, err)) != WK_OK)
		return st;
	/* Depth first, in document order, beside the scan. */
	for (n = f->root; n != NULL;) {
		if (n->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)n->name;
			const char *q;
			size_t len = strlen(name);

			off = next_tag(f, off);
			if (off >= f->srclen)
				break;
			q = f->src + off + 1;
			/* With a prefix, <atom:link> for "link". */
			if (n->ns != NULL && n->ns->prefix != NULL &&
			    strncmp(q, (const char *)n->ns->prefix,
			    strlen((const char *)n->ns->prefix)) == 0 &&
			    q[strlen((const char *)n->ns->prefix)] == ':')
				q += strlen((const char *)n->ns->prefix) + 1;
			if (strncmp(q, name, len) != 0 ||
			    strchr(" \t\r\n/>", q[len]) == NULL)
				break;	/* out of step: positions stay unknown */
			n->_private = (void *)(uintptr_t)(off + 1);
			off++;
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL)
			n = n->children;
		else {
			while (n != NULL && n != f->root && n->next == NULL)
				n = n->parent;
			if (n == NULL || n == f->root)
				break;
			n = n->next;
		}
	}
	return WK_OK;
}

size_t
wk_xmlpos_of(xmlNodePtr n)
{
	uintptr_t v = (uintptr_t)n->_private;

	return v == 0 ? (size_t)-1 : (size_t)(v - 1);
}

void
wk_xmlpos_line_col(const struct wk_xmlfile *f, size_t off, int *line,
    int *col)
{
	size_t lo = 0, hi = f->nlines;

	if (f->lines == NULL || f->nlines == 0) {
		*line = 0;
		*col = 0;
		return;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	*col = (int)(off - f->lines[lo]) + 1;
}

static const char *const feeds[] = { "prices", "news", "rss", "feed", "RDF",
    NULL };

void
wk_xmlpos_allow_excerpt(const struct wk_xmlfile *f)
{
	const char *root = (const char *)f->root->name;
	size_t i;
	int feed = 0;

	for (i = 0; feeds[i] != NULL; i++)
		feed |= strcmp(root, feeds[i]) == 0;
	wk_err_allow_excerpt(f->path, f->encoding ? f->src : NULL,
	    f->encoding ? f->srclen : 0, feed);
}

void
wk_xmlpos_allow_broken_excerpt(const struct wk_xmlfile *f)
{
	static const char *const others[] = { "bulletin", "station", "voice",
	    "catalog", "style", NULL };
	char name[16];
	size_t off = next_tag(f, 0), k, i;
	int feed = 0, known = 0;

	if (f->src == NULL || off >= f->srclen)
		return;
	for (k = 0; k + 1 < sizeof name && off + 1 + k < f->srclen &&
	    strchr(" \t\r\n/>", f->src[off + 1 + k]) == NULL; k++)
		name[k] = f->src[off + 1 + k];
	name[k] = '\0';
	if (strchr(name, ':') != NULL)
		memmove(name, strchr(name, ':') + 1, strlen(strchr(name, ':')));
	for (i = 0; feeds[i] != NULL; i++)
		feed |= strcmp(name, feeds[i]) == 0;
	for (i = 0; others[i] != NULL; i++)
		known |= strcmp(name, others[i]) == 0;
	if (feed || known)
		wk_err_allow_excerpt(f->path, f->encoding ? f->src : NULL,
		    f->encoding ? f->srclen : 0, feed);
}

size_t
wk_xmlpos_offset(const struct wk_xmlfile *f, int line, int col)
{
	size_t from, to;

	if (f->lines == NULL || line <= 0 || (size_t)line > f->nlines)
		return f->srclen;
	from = f->lines[line - 1];
	to = (size_t)line < f->nlines ? f->lines[line] - 1 : f->srclen;
	if (col <= 0)
		return from;
	return (size_t)col - 1 < to - from ? from + (size_t)col - 1 : to;
}

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	    c == ':' || (c & 0x80);
}

/* The '<' of the start tag the parser was in at off: the nearest '<'
 * before off (or at it, for a tag that starts there but is not the one)
 * followed by a name. (size_t)-1 when there is none in the 64 KB before. */
static size_t
tag_before(const struct wk_xmlfile *f, size_t off)
{
	size_t i = off < f->srclen ? off : f->srclen, stop;

	stop = i > 65536 ? i - 65536 : 0;
	while (i-- > stop)
		if (f->src[i] == '<' && i + 1 < f->srclen &&
		    name_char(f->src[i + 1]) && f->src[i + 1] != '-' &&
		    f->src[i + 1] != '.' && !(f->src[i + 1] >= '0' &&
		    f->src[i + 1] <= '9'))
			return i;
	return (size_t)-1;
}

/* One attribute of a start tag: its name [name, name + nlen), the opening
 * quote of its value at *q (or (size_t)-1 when it has none) and the
 * closing one at *e (f->srclen when it never closes). Reads from *i, which
 * it moves past the attribute; 0 when the tag ends there. */
static int
next_attr(const struct wk_xmlfile *f, size_t *i, size_t *name, size_t *nlen,
    size_t *q, size_t *e)
{
	const char *s = f->src;
	size_t n = f->srclen, j = *i;
	const char *c;

	while (j < n && is_space(s[j]))
		j++;
	if (j >= n || s[j] == '>' || s[j] == '/' || s[j] == '<')
		return 0;
	*name = j;
	while (j < n && name_char(s[j]))
		j++;
	*nlen = j - *name;
	if (*nlen == 0)
		return 0;
	while (j < n && is_space(s[j]))
		j++;
	*q = *e = (size_t)-1;
	if (j < n && s[j] == '=') {
		j++;
		while (j < n && is_space(s[j]))
			j++;
		if (j < n && (s[j] == '"' || s[j] == '\'')) {
			*q = j;
			c = memchr(s + j + 1, s[j], n - j - 1);
			*e = c != NULL ? (size_t)(c - s) : n;
			j = *e < n ? *e + 1 : n;
		}
	}
	*i = j;
	return 1;
}

int
wk_xmlpos_open_quote(const struct wk_xmlfile *f, size_t off, size_t *qoff,
    char *name, size_t cap, char *next, size_t ncap)
{
	size_t lt = tag_before(f, off), i, an, al, q, e, k;
	const char *s = f->src;

	if (lt == (size_t)-1 || cap == 0 || ncap == 0)
		return 0;
	for (i = lt + 1; i < f->srclen && name_char(s[i]); i++)
		;
	while (next_attr(f, &i, &an, &al, &q, &e)) {
		const char *v, *tail;
		size_t vlen;
		int runs;

		/* A value that opens after the error is not its cause; one
		 * that never closes, or takes in a line break and a tag, is. */
		if (q == (size_t)-1 || q >= off)
			continue;
		v = s + q + 1;
		vlen = (e < f->srclen ? e : f->srclen) - (q + 1);
		runs = e >= f->srclen || (memchr(v, '\n', vlen) != NULL &&
		    memchr(v, '<', vlen) != NULL);
		/* "papa-amarilla unit=": the next attribute's name and '='. */
		tail = NULL;
		if (vlen > 1 && v[vlen - 1] == '=') {
			k = vlen - 1;
			while (k > 0 && name_char(v[k - 1]))
				k--;
			if (k > 0 && k < vlen - 1 && is_space(v[k - 1]))
				tail = v + k;
		}
		if (!runs && tail == NULL)
			continue;
		*qoff = q;
		snprintf(name, cap, "%.*s", (int)(al < cap ? al : cap - 1), s + an);
		next[0] = '\0';
		if (!runs)
			snprintf(next, ncap, "%.*s", (int)(v + vlen - 1 - tail),
			    tail);
		return 1;
	}
	return 0;
}

size_t
wk_xmlpos_attr_before(const struct wk_xmlfile *f, size_t off,
    const char *name)
{
	size_t lt = tag_before(f, off), i, an, al, q, e, found = (size_t)-1;
	size_t len = strlen(name);

	if (lt == (size_t)-1)
		return found;
	for (i = lt + 1; i < f->srclen && name_char(f->src[i]); i++)
		;
	/* The last one of that name before off (a second one, redefined). */
	while (i < off + 1 && next_attr(f, &i, &an, &al, &q, &e))
		if (al == len && strncmp(f->src + an, name, len) == 0 &&
		    an <= off)
			found = q != (size_t)-1 ? q + 1 : an;
	return found;
}

size_t
wk_xmlpos_doctype(const struct wk_xmlfile *f)
{
	const char *s = f->src, *e;
	size_t i = 0, n = f->srclen;

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n) {
		while (i < n && is_space(s[i]))
			i++;
		if (i + 9 <= n && memcmp(s + i, "<!DOCTYPE", 9) == 0)
			return i;
		if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
			if ((e = strstr(s + i + 4, "-->")) == NULL)
				return (size_t)-1;
			i = (size_t)(e - s) + 3;
		} else if (i + 2 <= n && memcmp(s + i, "<?", 2) == 0) {
			if ((e = strstr(s + i + 2, "?>")) == NULL)
				return (size_t)-1;
			i = (size_t)(e - s) + 2;
		} else
			return (size_t)-1;
	}
	return (size_t)-1;
}

FILE *
wk_xml_open_head(const char *path)
{
	char head[4096], decl[64], conv[3 * sizeof head], *in, *out;
	size_t n, skip, inleft, outleft;
	const char *from;
	struct stat st;
	ssize_t got;
	FILE *f;
	iconv_t cd;
	int fd = wk_safe_open_input(path);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (got = read(fd, head, sizeof head)) < 0) {
		close(fd);
		return NULL;
	}
	close(fd);
	n = (size_t)got;
	from = sniff((const unsigned char *)head, n, &skip, decl, sizeof decl);
	in = head + skip;
	inleft = n - skip;
	out = conv;
	outleft = sizeof conv;
	if (from == NULL) {
		memcpy(conv, head, n);
		out = conv + n;
	} else if ((cd = iconv_open("UTF-8", from)) != (iconv_t)-1) {
		/* The head may end inside a character: keep what converted. */
		iconv(cd, &in, &inleft, &out, &outleft);
		iconv_close(cd);
	}
	if ((f = fmemopen(NULL, (size_t)(out - conv) + 1, "w+")) == NULL)
		return NULL;
	if (fwrite(conv, 1, (size_t)(out - conv), f) != (size_t)(out - conv)) {
		fclose(f);
		return NULL;
	}
	rewind(f);
	return f;
}
