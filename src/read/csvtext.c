/*
 * The text of spreadsheets' CSV files: a file read into UTF-8 (valid UTF-8,
 * or a file wholly in Windows-1252 or Latin-1 converted with iconv; a file
 * that mixes them is refused at the first offending byte), amounts and
 * dates as spreadsheets write them, the keys names are matched by, cells
 * quoted for messages without driving the terminal, and cells written for
 * a spreadsheet without formulas (OWASP's CSV injection).
 */

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/safedir.h"
#include "base/text.h"
#include "catalog.h"
#include "csvtext.h"
#include "feed.h"

/* Largest CSV read (a day's prices are a few kilobytes; a million rows
 * about 60 MB). */
#define CSV_MAX_BYTES (128L << 20)

long long
wk_csv_amount(const char *s)
{
	char digits[64];
	const char *last = NULL, *p;
	size_t n = 0, after = 0;

	while (*s == ' ')
		s++;
	if (strncmp(s, "S/.", 3) == 0)
		s += 3;
	else if (strncmp(s, "S/", 2) == 0)
		s += 2;
	while (*s == ' ')
		s++;
	for (p = s; *p; p++)
		if (*p == ',' || *p == '.')
			last = p;
	if (last != NULL) {
		for (p = last + 1; *p >= '0' && *p <= '9'; p++)
			after++;
		/* One separator followed by three digits groups thousands
		 * (1,250 or 1.250); otherwise the last one is the decimal
		 * mark. */
		if (after == 3 && strchr(s, ',') == strrchr(s, ',') &&
		    strchr(s, '.') == strrchr(s, '.') &&
		    !(strchr(s, ',') && strchr(s, '.')))
			last = NULL;
	}
	for (p = s; *p && *p != ' '; p++) {
		if (n + 2 >= sizeof digits)
			return -1;
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
		else if (p == last)
			digits[n++] = '.';
		else if (*p == ',' || *p == '.') {
			/* A thousands separator: exactly three digits follow. */
			if (p == s || strspn(p + 1, "0123456789") < 3)
				return -1;
		} else
			return -1;
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return -1;
	digits[n] = '\0';
	return wk_parse_amount(digits);
}

int
wk_csv_date(const char *s, struct wk_date *dt)
{
	int v[3] = { 0, 0, 0 }, nd[3] = { 0, 0, 0 }, i = 0;
	char sep = 0;
	const char *p;

	if (wk_date_parse(s, dt) == 0)
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			if (nd[i] == 4)
				return -1;
			v[i] = v[i] * 10 + (*p - '0');
			nd[i]++;
		} else if (i < 2 && nd[i] > 0 && (*p == '/' || *p == '-' ||
		    *p == '.') && (sep == 0 || *p == sep)) {
			sep = *p;
			i++;
		} else
			return -1;
	}
	if (i != 2 || nd[0] > 2 || nd[1] > 2 || nd[2] != 4 || v[2] < 1900 ||
	    !wk_date_valid(v[2], v[1], v[0]))
		return -1;
	dt->y = v[2];
	dt->m = v[1];
	dt->d = v[0];
	return 0;
}

/* The key of s into b (emptied first): see wk_csv_key. */
void
wk_csv_key_into(struct wk_buf *b, const char *s)
{
	/* U+00C0 to U+00FF without their accents; '_' for none. */
	static const char latin1[] = "aaaaaaaceeeeiiiidnooooo_ouuuuyts"
	    "aaaaaaaceeeeiiiidnooooo_ouuuuyty";
	int dash = 0;

	wk_buf_clear(b);
	wk_buf_puts(b, "");
	while (*s) {
		uint32_t cp;
		size_t k = wk_utf8_next(s, &cp);
		char c = 0;

		if (cp >= 'A' && cp <= 'Z')
			c = (char)(cp - 'A' + 'a');
		else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			c = (char)cp;
		else if (cp >= 0xC0 && cp <= 0xFF && latin1[cp - 0xC0] != '_')
			c = latin1[cp - 0xC0];
		if (c != 0) {
			if (dash && b->len > 0)
				wk_buf_putc(b, '-');
			wk_buf_putc(b, c);
			dash = 0;
		} else
			dash = 1;
		s += k;
	}
}

char *
wk_csv_key(const char *s)
{
	struct wk_buf b = WK_BUF_INIT;

	wk_csv_key_into(&b, s);
	return wk_buf_steal(&b);
}

const struct wk_entry *
wk_csv_match(const struct wk_entry *v, size_t n, const char *s, int *ambiguous)
{
	const struct wk_entry *hit = NULL;
	struct wk_buf b = WK_BUF_INIT;
	char *k = wk_csv_key(s);
	size_t i, j;

	*ambiguous = 0;
	if (k == NULL || k[0] == '\0') {	/* no letter or digit: no name */
		free(k);
		return NULL;
	}
	for (i = 0; i < n && hit == NULL; i++) {
		wk_csv_key_into(&b, v[i].id);
		if (strcmp(wk_buf_str(&b), k) == 0)
			hit = &v[i];
	}
	if (hit == NULL)
		for (i = 0; i < n; i++)
			for (j = 0; j < v[i].nnames; j++) {
				wk_csv_key_into(&b, v[i].names[j]);
				if (strcmp(wk_buf_str(&b), k) != 0 ||
				    hit == &v[i])
					continue;
				if (hit != NULL)
					*ambiguous = 1;
				hit = &v[i];
			}
	free(k);
	wk_buf_free(&b);
	return *ambiguous ? NULL : hit;
}

/*
 * s for a message: control and invisible characters written as \n, \t,
 * \x1b or \u2028, so that a cell never drives the terminal; cut after
 * WK_CSV_SHOW_MAX bytes with "...". out holds WK_CSV_SHOWN bytes.
 */
const char *
wk_csv_shown(const char *s, char out[WK_CSV_SHOWN])
{
	size_t o = 0, used = 0;

	while (*s && used < WK_CSV_SHOW_MAX) {
		uint32_t cp;
		size_t k = wk_utf8_next(s, &cp);

		if (cp == '\n' || cp == '\r' || cp == '\t')
			o += (size_t)sprintf(out + o, "\\%c", cp == '\n' ? 'n'
			    : cp == '\r' ? 'r' : 't');
		else if (cp < 0x20 || cp == 0x7F)
			o += (size_t)sprintf(out + o, "\\x%02x", (unsigned)cp);
		else if ((cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFD ||
		    (cp >= 0x200B && cp <= 0x200F) ||
		    (cp >= 0x2028 && cp <= 0x202E) ||
		    (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF)
			o += (size_t)sprintf(out + o, "\\u%04x", (unsigned)cp);
		else {
			memcpy(out + o, s, k);
			o += k;
		}
		s += k;
		used += k;
	}
	if (*s)
		o += (size_t)sprintf(out + o, "...");
	out[o] = '\0';
	return out;
}

/* 1 for a character that a feed must not carry: a control character, a
 * line or paragraph separator, or an invisible formatting one (direction
 * marks and overrides, a BOM). */
int
wk_csv_is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	    cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

/* The first such character of s, or 0. */
uint32_t
wk_csv_control(const char *s)
{
	while (*s) {
		uint32_t cp;
		size_t k = wk_utf8_next(s, &cp);

		if (wk_csv_is_control(cp))
			return cp;
		s += k;
	}
	return 0;
}

/* Length of the valid UTF-8 sequence of two to four bytes at s (n bytes
 * left), or 0. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	char tmp[5] = { 0, 0, 0, 0, 0 };
	uint32_t cp;
	size_t k;

	memcpy(tmp, s, n < 4 ? n : 4);
	k = wk_utf8_next(tmp, &cp);
	if (cp == 0xFFFD && !(k == 3 && memcmp(tmp, "\xEF\xBF\xBD", 3) == 0))
		return 0;
	return k;
}

/* The line and column (in characters) of byte off of s[0..n). */
static void
where(const unsigned char *s, size_t n, size_t off, int *line, int *col)
{
	size_t i = 0, k;

	*line = 1;
	*col = 1;
	while (i < off) {
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n ||
		    s[i + 1] != '\n'))) {
			(*line)++;
			*col = 1;
			i++;
			continue;
		}
		k = s[i] < 0x80 ? 1 : utf8_seq(s + i, n - i);
		i += k ? k : 1;
		if (s[i - 1] != '\r')
			(*col)++;
	}
}

/* Reads path whole (NUL-terminated); NULL with err set. */
static char *
read_raw(const char *path, size_t *len, struct wk_err *err)
{
	int fd = wk_safe_open_input(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "rb") : NULL;
	char *raw = NULL;
	size_t n = 0, cap = 0;

	if (fp == NULL) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		wk_err_set(err, WK_EINPUT, path, 0, 0, _("cannot read: %s"),
		    e == ELOOP ? wk_safe_link_refusal() : strerror(e));
		return NULL;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			char *t;

			if (cap >= (size_t)CSV_MAX_BYTES) {
				wk_err_set(err, WK_EINPUT, path, 0, 0,
				    _("the file is larger than %ld MB; is it a "
				    "day's prices?"), CSV_MAX_BYTES >> 20);
				goto fail;
			}
			cap = cap ? cap * 2 : 65536;
			if ((t = realloc(raw, cap + 1)) == NULL) {
				wk_err_nomem(err);
				goto fail;
			}
			raw = t;
		}
		if ((got = fread(raw + n, 1, cap - n, fp)) == 0)
			break;
		n += got;
	}
	if (ferror(fp)) {
		wk_err_set(err, WK_EINPUT, path, 0, 0, _("cannot read: %s"),
		    strerror(errno));
		goto fail;
	}
	fclose(fp);
	if (raw == NULL && (raw = malloc(1)) == NULL) {
		wk_err_nomem(err);
		return NULL;
	}
	raw[n] = '\0';
	*len = n;
	return raw;
fail:
	fclose(fp);
	free(raw);
	return NULL;
}

/* raw[0..n) converted from a single-byte encoding (Windows-1252, which
 * leaves five bytes undefined, else Latin-1, which maps every byte), or
 * NULL. */
static char *
from_single_byte(const char *raw, size_t n, size_t *len, int *nomem)
{
	static const char *const encs[] = { "WINDOWS-1252", "ISO-8859-1" };
	size_t k;

	if (n > (SIZE_MAX - 1) / 3) {
		*nomem = 1;
		return NULL;
	}
	for (k = 0; k < 2; k++) {
		iconv_t cd = iconv_open("UTF-8", encs[k]);
		char *in = (char *)raw, *out, *o;
		size_t inleft = n, oleft = n * 3, r;

		if (cd == (iconv_t)-1)
			continue;
		if ((out = malloc(n * 3 + 1)) == NULL) {
			iconv_close(cd);
			*nomem = 1;
			return NULL;
		}
		o = out;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		iconv_close(cd);
		if (r == (size_t)-1) {
			free(out);
			continue;
		}
		*o = '\0';
		*len = (size_t)(o - out);
		return out;
	}
	return NULL;
}

/*
 * The text of raw[0..n) (which this takes) in UTF-8: as it is when it is
 * valid UTF-8, converted when no byte of it is; NULL with err set when it
 * mixes both, holds a NUL or is UTF-16.
 */
static char *
decode(const char *path, char *raw, size_t n, size_t *len, struct wk_err *err)
{
	const unsigned char *u = (const unsigned char *)raw, *t;
	size_t i, k, nu = 0, ni = 0, first_u = 0, first_i = 0, start = 0;
	int bom = 0, line, col, nomem = 0;
	char *out, msg[WK_CSV_SHOWN];

	if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
	    (u[0] == 0xFE && u[1] == 0xFF))) {
		wk_err_set(err, WK_EINPUT, path, 0, 0, "%s",
		    _("the file is UTF-16 (\"Unicode text\"), not a CSV that "
		    "import reads; save it from the spreadsheet as \"CSV UTF-8\""));
		goto fail;
	}
	if (n >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
		bom = 1;
		start = 3;
	}
	t = u + start;
	for (i = start; i < n;) {
		if (u[i] == 0) {
			where(t, n - start, i - start, &line, &col);
			wk_err_set(err, WK_EINPUT, path, line, col, "%s",
			    _("a NUL byte: this is not a spreadsheet's text CSV "
			    "(UTF-16, or another kind of file); save it from the "
			    "spreadsheet as \"CSV UTF-8\""));
			goto fail;
		}
		if (u[i] < 0x80) {
			i++;
		} else if ((k = utf8_seq(u + i, n - i)) > 0) {
			if (nu++ == 0)
				first_u = i;
			i += k;
		} else {
			if (ni++ == 0)
				first_i = i;
			i++;
		}
	}
	if (ni == 0) {
		memmove(raw, raw + start, n - start + 1);
		*len = n - start;
		return raw;
	}
	if (nu == 0 && !bom) {
		out = from_single_byte(raw, n, len, &nomem);
		if (out != NULL) {
			free(raw);
			return out;
		}
		if (nomem)
			wk_err_nomem(err);
		else
			wk_err_set(err, WK_EINPUT, path, 0, 0, "%s",
			    _("the file is neither UTF-8 nor Windows-1252/Latin-1 "
			    "text; save it from the spreadsheet as \"CSV UTF-8\""));
		goto fail;
	}
	/* Both: the minority is what is wrong. */
	if (bom || nu >= ni) {
		char alt[40] = "";

		if (u[first_i] >= 0xA0) {
			char ch[3] = { (char)(0xC0 | (u[first_i] >> 6)),
			    (char)(0x80 | (u[first_i] & 0x3F)), '\0' };

			snprintf(alt, sizeof alt, _(" ('%s' in Latin-1)"), ch);
		}
		where(t, n - start, first_i - start, &line, &col);
		wk_err_set(err, WK_EINPUT, path, line, col, _("the byte 0x%02X "
		    "here%s is not UTF-8, while the rest of the file is: the file "
		    "mixes two encodings, and its names would be garbled. Correct "
		    "the cell in the spreadsheet and save the file again as \"CSV "
		    "UTF-8\""), u[first_i], alt);
	} else {
		char seq[5] = "";

		memcpy(seq, u + first_u, utf8_seq(u + first_u, n - first_u));
		where(t, n - start, first_u - start, &line, &col);
		wk_err_set(err, WK_EINPUT, path, line, col, _("'%s' here is "
		    "written in UTF-8, while the rest of the file is in "
		    "Windows-1252/Latin-1: the file mixes two encodings, and its "
		    "names would be garbled. Correct the cell in the spreadsheet "
		    "and save the file again as \"CSV UTF-8\""),
		    wk_csv_shown(seq, msg));
	}
fail:
	free(raw);
	return NULL;
}

char *
wk_csv_read(const char *path, size_t *len, struct wk_err *err)
{
	char *raw = read_raw(path, len, err);

	return raw ? decode(path, raw, *len, len, err) : NULL;
}

void
wk_csv_cell(FILE *out, const char *s, char delim)
{
	struct wk_buf one = WK_BUF_INIT;
	int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' ||
	    s[0] == '@' || s[0] == '\t' || s[0] == '\r';

	/* A cell is one line of the sheet and of a terminal: every line or
	 * paragraph separator and control character becomes a space (when
	 * out of memory, the cell is written as it is, still quoted). */
	wk_buf_oneline(&one, s);
	if (!one.failed)
		s = wk_buf_str(&one);
	if (!formula && strchr(s, delim) == NULL &&
	    strpbrk(s, ",;\"\n\r") == NULL) {
		fputs(s, out);
		wk_buf_free(&one);
		return;
	}
	putc('"', out);
	if (formula)
		putc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	putc('"', out);
	wk_buf_free(&one);
}
