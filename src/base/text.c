/*
 * UTF-8 decoding and case folding. The verbalizer walks text code point by
 * code point; the lexicons compare words without regard to case. Only the
 * Latin letters that Spanish and Quechua writing uses need folding, so the
 * tables stop at Latin Extended-B.
 */

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"

size_t
wk_utf8_next(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	size_t n, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		c = u[0] & 0x1F;
		n = 2;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		c = u[0] & 0x0F;
		n = 3;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		c = u[0] & 0x07;
		n = 4;
	} else
		goto bad;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return n;
bad:
	*cp = 0xFFFD;
	return 1;
}

size_t
wk_utf8_check(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;
	char tmp[5];

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		/* Copy so that decoding never reads past n. */
		memset(tmp, 0, sizeof tmp);
		memcpy(tmp, s + i, n - i < 4 ? n - i : 4);
		k = wk_utf8_next(tmp, &cp);
		if (cp == 0xFFFD && !(k == 3 && memcmp(tmp, "\xEF\xBF\xBD", 3) == 0))
			return i;
		i += k;
	}
	return n;
}

void
wk_buf_put_cp(struct wk_buf *b, uint32_t cp)
{
	char o[4];

	if (cp < 0x80) {
		o[0] = (char)cp;
		wk_buf_append(b, o, 1);
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		wk_buf_append(b, o, 2);
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		wk_buf_append(b, o, 3);
	} else {
		o[0] = (char)(0xF0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (char)(0x80 | (cp & 0x3F));
		wk_buf_append(b, o, 4);
	}
}

int
wk_is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	if (cp >= 0xC0 && cp <= 0x24F)
		return cp != 0xD7 && cp != 0xF7;
	return 0;
}

int
wk_is_upper(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	if (cp >= 0xC0 && cp <= 0xDE)
		return cp != 0xD7;
	if (cp >= 0x100 && cp <= 0x17F)
		return wk_lower(cp) != cp;
	return 0;
}

uint32_t
wk_lower(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	/* Latin Extended-A pairs upper and lower case as even and odd, except
	 * in the block U+0139..U+0148 and U+0179..U+017E where it is odd/even. */
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return (cp & 1) ? cp + 1 : cp;
	if (cp >= 0x100 && cp <= 0x177 && cp != 0x138)
		return (cp & 1) ? cp : cp + 1;
	return cp;
}

char *
wk_fold(const char *s, size_t n)
{
	struct wk_buf b = WK_BUF_INIT;
	char *tmp;
	size_t i = 0;
	uint32_t cp;

	if ((tmp = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	while (i < n) {
		i += wk_utf8_next(tmp + i, &cp);
		wk_buf_put_cp(&b, wk_lower(cp));
	}
	free(tmp);
	return wk_buf_steal(&b);
}

int
wk_eq_fold(const char *a, size_t n, const char *b)
{
	size_t i = 0, j = 0;
	uint32_t ca, cb;

	while (i < n && b[j] != '\0') {
		i += wk_utf8_next(a + i, &ca);
		j += wk_utf8_next(b + j, &cb);
		if (wk_lower(ca) != wk_lower(cb))
			return 0;
	}
	return i >= n && b[j] == '\0';
}

char **
wk_split_words(const char *s, size_t *n)
{
	char **v = NULL, **nv;
	size_t k = 0;

	*n = 0;
	for (;;) {
		size_t len;

		s += strspn(s, " \t\r\n");
		if ((len = strcspn(s, " \t\r\n")) == 0)
			break;
		if ((nv = realloc(v, (k + 2) * sizeof *v)) == NULL)
			goto fail;
		v = nv;
		if ((v[k] = strndup(s, len)) == NULL)
			goto fail;
		v[++k] = NULL;
		s += len;
	}
	*n = k;
	return v ? v : calloc(1, sizeof *v);
fail:
	wk_free_words(v, k);
	return NULL;
}

void
wk_free_words(char **v, size_t n)
{
	while (v != NULL && n > 0)
		free(v[--n]);
	free(v);
}

size_t
wk_group_space(const char *s)
{
	uint32_t cp;
	size_t n = wk_utf8_next(s, &cp);
	int i;

	if (cp != ' ' && cp != 0xA0 && cp != 0x2009 && cp != 0x202F)
		return 0;
	for (i = 0; i < 3; i++)
		if (s[n + i] < '0' || s[n + i] > '9')
			return 0;
	return s[n + 3] >= '0' && s[n + 3] <= '9' ? 0 : n;
}

size_t
wk_utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int
wk_speech_s(size_t n)
{
	return (int)((n + 15) / 16);
}

int
wk_breaks_line(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 ||
	    cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

void
wk_buf_oneline(struct wk_buf *b, const char *s)
{
	const char *run;
	uint32_t cp;
	size_t k;

	if (s == NULL)
		return;
	/* Runs of plain characters are copied whole. */
	for (run = s; *s != '\0'; s += k) {
		k = wk_utf8_next(s, &cp);
		if (cp == 0xFFFD && !(k == 3 &&
		    memcmp(s, "\xEF\xBF\xBD", 3) == 0)) {
			wk_buf_append(b, run, (size_t)(s - run));
			wk_buf_puts(b, "\xEF\xBF\xBD");
			run = s + k;
		} else if (wk_breaks_line(cp)) {
			wk_buf_append(b, run, (size_t)(s - run));
			wk_buf_putc(b, ' ');
			run = s + k;
		}
	}
	wk_buf_append(b, run, (size_t)(s - run));
}
