#ifndef WK_BUF_H
#define WK_BUF_H
/*
 * A growable byte string, always NUL-terminated. An allocation failure is
 * sticky: later appends do nothing and `failed` stays set, so a caller builds
 * a whole string and checks once at the end (like ferror on a stream).
 */

#include <stddef.h>

struct wk_buf {
	char *data;	/* NULL until the first append */
	size_t len, cap;
	int failed;
};

#define WK_BUF_INIT { NULL, 0, 0, 0 }

void wk_buf_append(struct wk_buf *b, const char *s, size_t n);
void wk_buf_puts(struct wk_buf *b, const char *s);
void wk_buf_putc(struct wk_buf *b, char c);
void wk_buf_printf(struct wk_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends s with the XML special characters (& < > " ') escaped. */
void wk_buf_xml(struct wk_buf *b, const char *s);
/* Removes trailing spaces. */
void wk_buf_rtrim(struct wk_buf *b);
/* Empties b, keeping its storage. */
void wk_buf_clear(struct wk_buf *b);
/* The contents, "" when empty; valid until the next append. */
const char *wk_buf_str(const struct wk_buf *b);
/* Hands the string to the caller (who frees it) and empties b. Returns NULL
 * if any append failed. */
char *wk_buf_steal(struct wk_buf *b);
void wk_buf_free(struct wk_buf *b);

#endif
