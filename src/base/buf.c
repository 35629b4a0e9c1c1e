/*
 * Growable strings. Used to build spoken text, file names and XML output
 * without fixed limits; sizes are checked for overflow before they grow.
 */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static int
grow(struct wk_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->failed)
		return -1;
	if (extra > SIZE_MAX - b->len - 1)
		goto fail;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if ((p = realloc(b->data, cap)) == NULL)
		goto fail;
	b->data = p;
	b->cap = cap;
	return 0;
fail:
	b->failed = 1;
	return -1;
}

void
wk_buf_append(struct wk_buf *b, const char *s, size_t n)
{
	if (grow(b, n) < 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
wk_buf_puts(struct wk_buf *b, const char *s)
{
	wk_buf_append(b, s, strlen(s));
}

void
wk_buf_putc(struct wk_buf *b, char c)
{
	wk_buf_append(b, &c, 1);
}

void
wk_buf_printf(struct wk_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if (grow(b, (size_t)n) < 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
wk_buf_xml(struct wk_buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&':
			wk_buf_puts(b, "&amp;");
			break;
		case '<':
			wk_buf_puts(b, "&lt;");
			break;
		case '>':
			wk_buf_puts(b, "&gt;");
			break;
		case '"':
			wk_buf_puts(b, "&quot;");
			break;
		case '\'':
			wk_buf_puts(b, "&#39;");
			break;
		default:
			wk_buf_putc(b, *s);
		}
}

void
wk_buf_rtrim(struct wk_buf *b)
{
	while (b->len > 0 && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
}

void
wk_buf_clear(struct wk_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

const char *
wk_buf_str(const struct wk_buf *b)
{
	return b->data != NULL ? b->data : "";
}

char *
wk_buf_steal(struct wk_buf *b)
{
	char *s;

	if (b->failed) {
		wk_buf_free(b);
		return NULL;
	}
	s = b->data != NULL ? b->data : strdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void
wk_buf_free(struct wk_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}
