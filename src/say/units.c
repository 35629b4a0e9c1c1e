/*
 * Units written after a figure, as the voice's tables give them: the feed
 * units of voice.xml (kg, qq, @) and the units of text in units.txt, which
 * may take an SI prefix (k + m: kilómetro; c + m: centímetro), a power
 * (m², km2, m^3: metros cuadrados, cúbicos), a product (kW·h: kilovatios
 * hora) and a per-unit (km/h: kilómetros por hora; m³/s; /s alone: por
 * segundo). A composed unit is made once per use, with its singular and
 * plural names and the gender of its head, and lives until the text is
 * done. In a voice that borrows units from its fallback language (Quechua
 * from Spanish) the borrowed name is said in the singular and respelled
 * (centímetro -> sintimitru), so that a unit is never heard as another.
 * A symbol marked "spaced" (K, A, B) is a unit only written apart from
 * its figure; glued to it (10K, lote 10A) it is read as the letter it is.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "verbal_priv.h"

/* One unit as written: its table entry, prefix and power. */
struct part {
	const struct wk_unit *u;
	unsigned flags;
	const struct wk_prefix *pre;
	const struct wk_power *pow;
	size_t len;
};

/* Compares a unit's written form with the text at q: '_' in the form
 * stands for white space ("m_s._n._m."). Returns the bytes of text, or 0. */
static size_t
written_at(const char *q, const char *w)
{
	size_t i = 0, j = 0, sp;

	for (; w[j] != '\0'; j++) {
		if (w[j] == '_') {
			if ((sp = vs_skip_space(q + i)) == 0)
				return 0;
			i += sp;
		} else if (q[i] == w[j])
			i++;
		else
			return 0;
	}
	return i;
}

/* The power written at q, its bytes in *n. */
static const struct wk_power *
power_at(const struct vs *s, const char *q, size_t *n)
{
	const struct wk_vocab *vc = s->v->vocab;
	const struct wk_power *best = NULL;
	size_t i, j, bl = 0;

	for (i = 0; vc != NULL && i < vc->npowers; i++)
		for (j = 0; j < vc->powers[i].nwritten; j++) {
			const char *w = vc->powers[i].written[j];
			size_t k = strlen(w);

			if (k >= bl && strncmp(q, w, k) == 0 && !vs_is_digit(q[k])) {
				best = &vc->powers[i];
				bl = k;
			}
		}
	*n = bl;
	return best;
}

/* What may follow a unit: a boundary, a power, a per or product sign. */
static int
unit_end(const struct vs *s, const char *q, const char *w)
{
	size_t n;

	if (w[strlen(w) - 1] == '.' || vs_boundary(q) || *q == '/' ||
	    strncmp(q, "\xC2\xB7", 2) == 0)
		return 1;
	return power_at(s, q, &n) != NULL;
}

/* The longest unit at q: the feed units first on a tie, then the text
 * units read last (a station's), then prefixed ones. */
static int
head_at(const struct vs *s, const char *q, struct part *best)
{
	const struct wk_vocab *vc = s->v->vocab;
	size_t i, j, k, n, score = 0;

	memset(best, 0, sizeof *best);
	for (i = 0; i < s->v->nunits; i++)
		for (j = 0; j < s->v->units[i].nwritten; j++) {
			const char *w = s->v->units[i].written[j];

			n = written_at(q, w);
			if (n > 0 && n * 8 + 7 > score && unit_end(s, q + n, w)) {
				score = n * 8 + 7;
				best->u = &s->v->units[i];
				best->flags = 0;
				best->pre = NULL;
				best->len = n;
			}
		}
	for (i = 0; vc != NULL && i < vc->nunits; i++) {
		const struct wk_tunit *t = &vc->units[i];
		size_t rank = t->flags & WK_UNIT_BORROWED ? 4 : 5;

		for (j = 0; j < t->u.nwritten; j++) {
			const char *w = t->u.written[j];

			n = written_at(q, w);
			if (n > 0 && n * 8 + rank >= score && unit_end(s, q + n, w)) {
				score = n * 8 + rank;
				best->u = &t->u;
				best->flags = t->flags;
				best->pre = NULL;
				best->len = n;
			}
			if (!(t->flags & WK_UNIT_PREFIX))
				continue;
			for (k = 0; k < vc->nprefixes; k++) {
				const struct wk_prefix *pr = &vc->prefixes[k];
				size_t pl = strlen(pr->sym);

				if (strncmp(q, pr->sym, pl) != 0 ||
				    (n = written_at(q + pl, w)) == 0 ||
				    (pl + n) * 8 + 2 < score ||
				    !unit_end(s, q + pl + n, w))
					continue;
				score = (pl + n) * 8 + 2;
				best->u = &t->u;
				best->flags = t->flags;
				best->pre = pr;
				best->len = pl + n;
			}
		}
	}
	return best->u != NULL;
}

/* A unit with its power at q. */
static int
part_at(const struct vs *s, const char *q, struct part *pt)
{
	size_t n;

	if (!head_at(s, q, pt))
		return 0;
	if ((pt->pow = power_at(s, q + pt->len, &n)) != NULL)
		pt->len += n;
	return 1;
}

/* Appends the name of pt, singular or plural, to out. */
static void
part_name(const struct vs *s, const struct part *pt, int plural,
    struct wk_buf *out)
{
	const char *name = plural ? pt->u->many : pt->u->one;

	if (pt->pre != NULL) {
		wk_buf_puts(out, pt->flags & WK_UNIT_ACCENT ? pt->pre->accented
		    : pt->pre->word);
		/* The accent moves to the prefix: kiló + metro. */
		wk_buf_puts(out, name);
	} else
		wk_buf_puts(out, name);
	if (pt->pow != NULL) {
		wk_buf_putc(out, ' ');
		wk_buf_puts(out, pt->pow->forms[(pt->u->gender == WK_FEM) +
		    2 * (plural != 0)]);
	}
	(void)s;
}

/* A unit made for this text (a ring of a few, freed at its end). */
static struct wk_unit *
made(const struct vs *s)
{
	struct vs_ctx *c = s->ctx;
	struct wk_unit *u;

	if (c == NULL)
		return NULL;
	u = &c->made[c->nmade++ % (sizeof c->made / sizeof c->made[0])];
	free(u->one);
	free(u->many);
	memset(u, 0, sizeof *u);
	return u;
}

/* Whether the names of pt need composing or respelling. */
static int
plain(const struct part *pt)
{
	return pt->pre == NULL && pt->pow == NULL &&
	    !(pt->flags & WK_UNIT_BORROWED);
}

const struct wk_unit *
vs_unit_borrow(const struct vs *s, const struct wk_unit *u)
{
	struct wk_unit *m = made(s);
	struct wk_buf r = WK_BUF_INIT;

	if (m == NULL)
		return u;
	vs_respell(s, u->one, strlen(u->one), &r);
	m->id = (char *)"";
	m->gender = u->gender;
	m->one = r.failed ? NULL : strdup(wk_buf_str(&r));
	m->many = m->one != NULL ? strdup(m->one) : NULL;
	wk_buf_free(&r);
	if (m->one == NULL || m->many == NULL) {
		free(m->one);
		free(m->many);
		m->one = m->many = NULL;
		if (s->ctx != NULL)
			s->ctx->nomem = 1;
		return u;
	}
	return m;
}

const struct wk_unit *
vs_unit_at(const struct vs *s, const char *p, size_t *len)
{
	size_t sp = vs_skip_space(p), n, k;
	struct part head, prod, per;
	const char *q = p + sp;
	int has_head, has_prod = 0, has_per = 0, borrowed;
	struct wk_unit *u;

	*len = 0;
	if (sp > 1)
		return NULL;
	memset(&prod, 0, sizeof prod);
	memset(&per, 0, sizeof per);
	has_head = part_at(s, q, &head);
	/* A symbol that is a unit only apart from its figure: 300 K is
	 * kelvin, 10K (a race) is not; vs_glued_letter says it. */
	if (has_head && sp == 0 && head.pre == NULL &&
	    (head.flags & WK_UNIT_SPACED))
		return NULL;
	if (!has_head && !(sp == 0 && *q == '/'))
		goto alone_word;
	k = has_head ? head.len : 0;
	if (has_head && strncmp(q + k, "\xC2\xB7", 2) == 0 &&
	    part_at(s, q + k + 2, &prod)) {
		has_prod = 1;
		k += 2 + prod.len;
	}
	if (q[k] == '/' && s->v->vocab != NULL && s->v->vocab->per_say != NULL &&
	    part_at(s, q + k + 1, &per) && vs_boundary(q + k + 1 + per.len)) {
		has_per = 1;
		k += 1 + per.len;
	}
	if (!has_head && !has_per)
		return NULL;
	/* "kg." that ends the sentence leaves its full stop to it. */
	if (k > 1 && q[k - 1] == '.') {
		size_t sp2 = vs_skip_space(q + k);
		uint32_t cp;

		wk_utf8_next(q + k + sp2, &cp);
		if (q[k + sp2] == '\0' || (sp2 > 0 && wk_is_upper(cp)))
			k--;
	}
	*len = sp + k;
	if (has_head && !has_prod && !has_per && plain(&head))
		return head.u;
	if ((u = made(s)) == NULL)
		return has_head ? head.u : NULL;
	borrowed = (has_head && (head.flags & WK_UNIT_BORROWED)) ||
	    (has_per && (per.flags & WK_UNIT_BORROWED)) || (has_prod &&
	    (prod.flags & WK_UNIT_BORROWED));
	{
		struct wk_buf one = WK_BUF_INIT, many = WK_BUF_INIT;
		int pl;

		for (pl = 0; pl < 2; pl++) {
			struct wk_buf *b = pl ? &many : &one;

			if (has_head)
				part_name(s, &head, pl && !borrowed, b);
			if (has_prod) {
				wk_buf_putc(b, ' ');
				part_name(s, &prod, 0, b);
			}
			if (has_per) {
				struct wk_buf pn = WK_BUF_INIT;
				const char *key = "unit", *val;

				part_name(s, &per, 0, &pn);
				val = wk_buf_str(&pn);
				if (b->len > 0)
					wk_buf_putc(b, ' ');
				wk_template(b, s->v->vocab->per_say, &key, &val, 1);
				wk_buf_free(&pn);
			}
		}
		if (borrowed) {
			struct wk_buf r = WK_BUF_INIT;

			vs_respell(s, wk_buf_str(&one), one.len, &r);
			wk_buf_clear(&one);
			wk_buf_puts(&one, wk_buf_str(&r));
			wk_buf_clear(&many);
			wk_buf_puts(&many, wk_buf_str(&r));
			wk_buf_free(&r);
		}
		u->id = (char *)"";
		u->gender = has_head ? head.u->gender : WK_MASC;
		u->one = wk_buf_steal(&one);
		u->many = wk_buf_steal(&many);
		wk_buf_free(&one);
		wk_buf_free(&many);
		if (u->one == NULL || u->many == NULL) {
			if (s->ctx != NULL)
				s->ctx->nomem = 1;
			free(u->one);
			free(u->many);
			u->one = u->many = NULL;
			*len = 0;
			return NULL;
		}
	}
	return u;
alone_word:
	/* A unit name written in full, in any case: "3 Kilos". */
	n = vs_word_len(q);
	if (n > 2 && (u = (struct wk_unit *)wk_voice_unit_written(s->v, q, n))
	    != NULL) {
		*len = sp + n;
		return u;
	}
	return NULL;
}

size_t
vs_try_unit_alone(struct vs *s, const char *w, size_t n)
{
	const struct wk_unit *u;
	const struct wk_vocab *vc = s->v->vocab;
	size_t r, i, j;

	/* "la doc." -> "la docena" (the full stop stays when the sentence
	 * ends there). */
	if (w[n] == '.' && (u = wk_voice_unit_written(s->v, w, n + 1)) != NULL) {
		vs_puts(s, u->one);
		r = vs_skip_space(w + n + 1);
		return w[n + 1 + r] == '\0' ? n : n + 1;
	}
	/* "el kg" -> "el kilo"; "Km 15". */
	if (n >= 2 && (u = wk_voice_unit_written(s->v, w, n)) != NULL &&
	    !wk_eq_fold(w, n, u->many) && !wk_eq_fold(w, n, u->one)) {
		vs_puts(s, strlen(u->many) == n && strncmp(w, u->many, n) == 0
		    ? u->many : u->one);
		return n;
	}
	for (i = 0; vc != NULL && i < vc->nunits; i++) {
		if (!(vc->units[i].flags & WK_UNIT_ALONE))
			continue;
		for (j = 0; j < vc->units[i].u.nwritten; j++)
			if (strlen(vc->units[i].u.written[j]) == n &&
			    strncmp(vc->units[i].u.written[j], w, n) == 0) {
				const struct wk_unit *m = vs_unit_at(s, w, &r);

				if (m != NULL && r == n) {
					vs_puts(s, m->one);
					return n;
				}
			}
	}
	return 0;
}

size_t
vs_glued_letter(struct vs *s, const char *p)
{
	const struct wk_vocab *vc = s->v->vocab;
	struct part pt;

	if (vc == NULL || vs_skip_space(p) != 0 || !head_at(s, p, &pt) ||
	    pt.pre != NULL || !(pt.flags & WK_UNIT_SPACED) ||
	    !vs_boundary(p + pt.len))
		return 0;
	vs_spell(s, p, pt.len);
	return pt.len;
}
