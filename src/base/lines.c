/*
 * Line-based text files (see lines.h): read through a small buffer, one
 * line at a time into a buffer that grows up to the limit, so that a file
 * of any size costs the longest line it may have. A file is opened without
 * blocking (a FIFO is never waited on) and must be a regular file.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "lines.h"
#include "safedir.h"
#include "text.h"

enum wk_status
wk_lines_open(struct wk_lines *l, const char *path, size_t max, int *missing,
    struct wk_err *err)
{
	struct stat st;
	int e;

	memset(l, 0, sizeof *l);
	l->path = path;
	l->max = max;
	l->fd = wk_safe_open_input(path);
	if (missing != NULL)
		*missing = 0;
	if (l->fd < 0) {
		e = errno;
		if (e == ENOENT && missing != NULL) {
			*missing = 1;
			return WK_OK;
		}
		return wk_err_set(err, WK_EINPUT, path, 0, 0, _("cannot open: %s"),
		    e == ELOOP ? wk_safe_link_refusal() : strerror(e));
	}
	if (fstat(l->fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    fcntl(l->fd, F_SETFL, 0) != 0) {
		wk_lines_close(l);
		return wk_err_set(err, WK_EINPUT, path, 0, 0, "%s",
		    _("not a regular file (a FIFO, device or folder); give the "
		    "path of a text file"));
	}
	return WK_OK;
}

/* The next byte of the file, or -1 at its end (*failed on an error). */
static int
next_byte(struct wk_lines *l, int *failed)
{
	ssize_t n;

	if (l->at == l->have) {
		if (l->eof)
			return -1;
		do
			n = read(l->fd, l->buf, sizeof l->buf);
		while (n < 0 && errno == EINTR);
		if (n <= 0) {
			*failed = n < 0;
			l->eof = 1;
			return -1;
		}
		l->have = (size_t)n;
		l->at = 0;
	}
	return l->buf[l->at++];
}

/* Checks l->line (len bytes): UTF-8, no NUL, no control character. */
static enum wk_status
check_line(struct wk_lines *l, size_t len, struct wk_err *err)
{
	const char *s = l->line;
	size_t i, k;
	uint32_t cp;

	if (memchr(s, '\0', len) != NULL)
		return wk_err_set(err, WK_EINPUT, l->path, l->lineno,
		    (int)((const char *)memchr(s, '\0', len) - s) + 1, "%s",
		    _("the line holds a NUL byte; is this a text file saved as "
		    "UTF-8?"));
	if ((i = wk_utf8_check(s, len)) != len)
		return wk_err_set(err, WK_EINPUT, l->path, l->lineno, (int)i + 1,
		    "%s", _("the line is not valid UTF-8; save the file as "
		    "UTF-8"));
	for (i = 0; i < len; i += k) {
		k = wk_utf8_next(s + i, &cp);
		if (cp != '\t' && wk_breaks_line(cp))
			return wk_err_set(err, WK_EINPUT, l->path, l->lineno,
			    (int)i + 1, _("the line holds a control character "
			    "(U+%04X); save the file as plain text"),
			    (unsigned)cp);
	}
	return WK_OK;
}

enum wk_status
wk_lines_next(struct wk_lines *l, char **line, struct wk_err *err)
{
	size_t len = 0;
	int c, failed = 0, any = 0;

	*line = NULL;
	for (;;) {
		c = next_byte(l, &failed);
		/* A CR LF is one end of line. */
		if (l->cr) {
			l->cr = 0;
			if (c == '\n')
				continue;
		}
		if (c < 0 || c == '\n' || c == '\r') {
			l->cr = c == '\r';
			break;
		}
		any = 1;
		if (len + 1 >= l->cap) {
			size_t cap = l->cap ? 2 * l->cap : 128;
			char *v;

			if (cap > l->max + 2)
				cap = l->max + 2;
			if ((v = realloc(l->line, cap)) == NULL)
				return wk_err_nomem(err);
			l->line = v;
			l->cap = cap;
		}
		if (len >= l->max)
			return wk_err_set(err, WK_EINPUT, l->path, l->lineno + 1,
			    (int)len + 1, _("line too long (over %zu bytes)"),
			    l->max);
		l->line[len++] = (char)c;
	}
	if (failed)
		return wk_err_set(err, WK_EINPUT, l->path, l->lineno + 1, 0,
		    _("cannot read: %s"), strerror(errno));
	if (c < 0 && !any)
		return WK_OK;
	if (l->line == NULL && (l->line = malloc(l->cap = 1)) == NULL)
		return wk_err_nomem(err);
	l->line[len] = '\0';
	l->lineno++;
	if (l->lineno == 1 && len >= 2 && ((l->line[0] == '\xFF' &&
	    l->line[1] == '\xFE') || (l->line[0] == '\xFE' &&
	    l->line[1] == '\xFF')))
		return wk_err_set(err, WK_EINPUT, l->path, 1, 1, "%s",
		    _("the file is in UTF-16; save it as UTF-8"));
	if (l->lineno == 1 && len >= 3 && memcmp(l->line, "\xEF\xBB\xBF", 3) == 0) {
		memmove(l->line, l->line + 3, len - 2);
		len -= 3;
	}
	if (check_line(l, len, err) != WK_OK)
		return WK_EINPUT;
	*line = l->line;
	return WK_OK;
}

void
wk_lines_close(struct wk_lines *l)
{
	if (l->fd >= 0)
		close(l->fd);
	free(l->line);
	l->fd = -1;
	l->line = NULL;
	l->cap = 0;
}
