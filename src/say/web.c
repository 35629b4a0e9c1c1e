/*
 * Web addresses, e-mails and handles as words: https://www.agro.gob.pe,
 * www.unsch.edu.pe/admision, mesadepartes@regionayacucho.gob.pe, @radio.
 * The marks are said with the voice's words (punto, arroba, barra, dos
 * puntos, guion, guion bajo); a run of letters is said as a word when the
 * voice lists it (<list id="web-words">: com, gob, gmail) or when it is
 * long enough and can be read as one (regionayacucho), and spelled
 * otherwise (unsch, pe, www); digits one by one. A full stop that ends the
 * sentence stays punctuation.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "verbal_priv.h"

/* The characters an address may hold. */
static int
addr_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    vs_is_digit(c) || (c != '\0' && strchr("._-@/:%+~#=?&|^", c) != NULL);
}

/* True when the letters at p (n bytes) are one of the voice's top-level
 * domains (<list id="web-tld">). */
static int
tld(const struct vs *s, const char *p, size_t n)
{
	return n >= 2 && vs_in_list(s, "web-tld", p, n);
}

/* The bytes of the address at p, or 0 when p starts none. */
static size_t
address_len(const struct vs *s, const char *p)
{
	size_t n = 0, at = 0, dot = 0, i, last;
	int ok;

	if (!addr_char(*p) || *p == '.' || *p == '-' || *p == '/')
		return 0;
	while (addr_char(p[n]))
		n++;
	/* Marks that end the sentence are not the address's. */
	while (n > 0 && strchr(".,;:?)", p[n - 1]) != NULL)
		n--;
	for (i = 0; i < n; i++) {
		at += p[i] == '@';
		dot += p[i] == '.';
	}
	ok = strncmp(p, "http://", 7) == 0 || strncmp(p, "https://", 8) == 0 ||
	    strncmp(p, "www.", 4) == 0 || strncmp(p, "WWW.", 4) == 0;
	/* @handle */
	if (!ok && p[0] == '@' && n > 1 && at == 1 &&
	    ((p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'z'))
		ok = 1;
	/* user@host.tld */
	if (!ok && at == 1 && dot >= 1 && p[0] != '@' && p[n - 1] != '@') {
		const char *a = memchr(p, '@', n);

		ok = memchr(a, '.', n - (size_t)(a - p)) != NULL;
	}
	/* name.tld, name.gob.pe/path */
	if (!ok && dot >= 1 && at == 0) {
		for (i = 0; i < n && p[i] != '/'; i++)
			;
		last = i;
		while (i > 0 && p[i - 1] != '.')
			i--;
		ok = i > 1 && tld(s, p + i, last - i) &&
		    ((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z');
	}
	return ok ? n : 0;
}

static void
mark(struct vs *s, char c)
{
	static const struct {
		char c;
		const char *id;
	} marks[] = {
		{ '.', "dot" }, { '@', "at" }, { '/', "slash" }, { ':', "colon" },
		{ '-', "dash" }, { '_', "underscore" }, { '|', "bar" },
		{ '^', "caret" }, { '~', "tilde" }, { '#', "number" },
		{ '%', "percent-sign" }, { '+', "plus" }, { '=', "equals" },
		{ '?', "question-mark" }, { '&', "and" },
	};
	size_t i;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (marks[i].c == c && *wk_voice_word(s->v, marks[i].id) != '\0') {
			vs_puts(s, wk_voice_word(s->v, marks[i].id));
			return;
		}
}

size_t
vs_try_web(struct vs *s, const char *p)
{
	size_t n = address_len(s, p), i = 0;

	if (n == 0)
		return 0;
	while (i < n) {
		size_t j = i;

		if (vs_is_digit(p[i])) {
			struct wk_buf t = WK_BUF_INIT;

			wk_digit_words(s->v, p + i, 1, &t);
			vs_take(s, &t);
			i++;
			continue;
		}
		while (j < n && ((p[j] | 0x20) >= 'a' && (p[j] | 0x20) <= 'z'))
			j++;
		if (j == i) {
			mark(s, p[i]);
			i++;
			continue;
		}
		{
			char *f = wk_fold(p + i, j - i);

			if (f == NULL) {
				s->out->failed = 1;
				return n;
			}
			if (vs_in_list(s, "web-words", f, strlen(f)))
				vs_puts(s, f);
			else if (j - i >= 4 && vs_pronounceable(f, j - i)) {
				struct wk_buf t = WK_BUF_INIT;

				vs_respell(s, f, strlen(f), &t);
				vs_take(s, &t);
			} else
				vs_spell(s, f, j - i);
			free(f);
		}
		i = j;
	}
	return n;
}
