/*
 * What `check` and `preview` find in a bulletin beyond what the reader
 * refuses: the rules build applies too (read/rules.h: a segment that says
 * nothing in one of the bulletin's languages, an xml:lang that names no
 * language), and dates typed in <say> text that cannot be read as dates
 * (31/11/2026) or can be read two ways (2026/12/04), which only warn.
 * Results go to a struct wk_diags.
 */

#include <string.h>

#include "read/bulletin.h"
#include "base/date.h"
#include "lint.h"
#include "read/rules.h"

/* Reads up to 4 digits at s into *v; returns how many were read. */
static size_t
digits(const char *s, int *v)
{
	size_t n = 0;

	*v = 0;
	while (n < 5 && s[n] >= '0' && s[n] <= '9')
		*v = *v * 10 + (s[n++] - '0');
	return n;
}

int
wk_lint_date(const char *s, size_t *len)
{
	int a, b, c;
	size_t na, nb, nc;
	char sep;

	na = digits(s, &a);
	if (na == 0 || na == 3 || na > 4)
		return WK_LINT_NOT_DATE;
	sep = s[na];
	if (sep != '/' && sep != '-' && sep != '.')
		return WK_LINT_NOT_DATE;
	nb = digits(s + na + 1, &b);
	if (nb == 0 || nb > 2 || s[na + 1 + nb] != sep)
		return WK_LINT_NOT_DATE;
	nc = digits(s + na + nb + 2, &c);
	*len = na + nb + nc + 2;
	if (na == 4) {
		/* Year first. 2026-12-04 is ISO and means 4 December; with
		 * slashes or points the order of the other two is a guess. */
		if (nc == 0 || nc > 2)
			return WK_LINT_NOT_DATE;
		if (sep == '-')
			return wk_date_valid(a, b, c) ? WK_LINT_OK : WK_LINT_BAD;
		if (!wk_date_valid(a, b, c) && !wk_date_valid(a, c, b))
			return WK_LINT_BAD;
		if (b != c && b <= 12 && c <= 12)
			return WK_LINT_AMBIGUOUS;
		return WK_LINT_OK;
	}
	/* Day first, as in Peru: 29/11/2026. */
	if (nc != 4)
		return WK_LINT_NOT_DATE;
	return wk_date_valid(c, b, a) ? WK_LINT_OK : WK_LINT_BAD;
}

static void
check_dates(const struct wk_bulletin *b, const struct wk_item *it,
    struct wk_diags *d)
{
	const char *s = it->text;
	size_t len;

	while (*s != '\0') {
		int r;

		if (!(*s >= '0' && *s <= '9') ||
		    (s > it->text && strchr("0123456789/-.", s[-1]) != NULL)) {
			s++;
			continue;
		}
		len = 0;
		r = wk_lint_date(s, &len);
		/* 1/2/3/4 or 2026-12-04-05: a longer run is not a date. */
		if (len > 0 && strchr("/-", s[len]) != NULL && s[len] != '\0' &&
		    s[len + 1] >= '0' && s[len + 1] <= '9')
			r = WK_LINT_NOT_DATE;
		if (r == WK_LINT_BAD)
			wk_diag(d, WK_WARNING, b->path, it->pos.line, it->pos.col,
			    _("'%.*s' cannot be read as a date (there is no such "
			    "day); write the date in words, for example \"29 de "
			    "noviembre\""), (int)len, s);
		else if (r == WK_LINT_AMBIGUOUS)
			wk_diag(d, WK_WARNING, b->path, it->pos.line, it->pos.col,
			    _("'%.*s' can be read as two dates (month and day "
			    "are both 12 or less); write it as YYYY-MM-DD or in "
			    "words"), (int)len, s);
		s += len > 0 ? len : 1;
	}
}

void
wk_lint_dates(const struct wk_bulletin *b, struct wk_diags *d)
{
	size_t i, j;

	for (i = 0; i < b->nsegs; i++)
		for (j = 0; j < b->segs[i].nitems; j++)
			if (b->segs[i].items[j].kind == WK_ITEM_SAY)
				check_dates(b, &b->segs[i].items[j], d);
}

void
wk_lint_bulletin(const struct wk_bulletin *b, struct wk_diags *d)
{
	wk_rules_bulletin(b, NULL, d);
	wk_lint_dates(b, d);
}
