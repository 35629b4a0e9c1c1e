/*
 * Reads voices/<lang>/style.xml (validated against style.rng): the frames
 * of price lines with their variants, and the punctuation of spoken lists.
 * Picks variants in a deterministic rotation, seeded by the names of what
 * is composed, so that the same bulletin always says the same words and
 * two lines in a row do not share a frame. Only this file and xmlio.c see
 * libxml2 for it.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/paths.h"
#include "style.h"
#include "xmlio.h"

static char *
attr_or(xmlNodePtr n, const char *name, const char *def)
{
	char *s = wk_xml_attr(n, name);

	return s != NULL || !xmlHasProp(n, (const xmlChar *)name) ?
	    (s ? s : strdup(def)) : NULL;
}

static enum wk_status
read_frame(struct wk_xmlfile *f, xmlNodePtr n, struct wk_frame *fr,
    struct wk_err *err)
{
	xmlNodePtr k;
	size_t cap = 0;

	if ((fr->id = wk_xml_req(f, n, "id", err)) == NULL)
		return err->status;
	for (k = wk_xml_elem(n->children); k; k = wk_xml_elem(k->next))
		cap++;
	if ((fr->v = calloc(cap + 1, sizeof *fr->v)) == NULL)
		return wk_err_nomem(err);
	for (k = wk_xml_elem(n->children); k; k = wk_xml_elem(k->next)) {
		struct wk_variant *v = &fr->v[fr->nv++];

		v->style = wk_xml_attr(k, "style");
		if ((v->text = wk_xml_text(k)) == NULL)
			return wk_err_nomem(err);
	}
	return WK_OK;
}

enum wk_status
wk_style_load(const char *dir, const char *lang, struct wk_style **out,
    struct wk_diags *d, struct wk_err *err)
{
	struct wk_xmlfile f;
	struct wk_style *s;
	xmlNodePtr n;
	enum wk_status st;
	size_t cap = 0;

	*out = NULL;
	memset(&f, 0, sizeof f);
	if ((s = calloc(1, sizeof *s)) == NULL)
		return wk_err_nomem(err);
	s->max_items = 4;
	if ((s->path = wk_path_join(dir, "style.xml")) == NULL ||
	    (s->lang = strdup(lang)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	st = wk_xml_load(s->path, WK_XML_UTF8_ONLY, &f, err);
	if (st == WK_OK)
		st = wk_xml_validate(&f, "style", d, err);
	if (st != WK_OK)
		goto out;
	for (n = wk_xml_elem(f.root->children); n; n = wk_xml_elem(n->next))
		cap += wk_xml_is(n, "frame");
	if ((s->frames = calloc(cap + 1, sizeof *s->frames)) == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	for (n = wk_xml_elem(f.root->children); n && st == WK_OK;
	    n = wk_xml_elem(n->next)) {
		if (wk_xml_is(n, "frame"))
			st = read_frame(&f, n, &s->frames[s->nframes++], err);
		else if (wk_xml_is(n, "list")) {
			char *mi = wk_xml_attr(n, "max-items");
			char *gb = wk_xml_attr(n, "group");

			free(s->item_sep);
			free(s->name_sep);
			free(s->name_last);
			s->item_sep = attr_or(n, "item-sep", "; ");
			s->name_sep = attr_or(n, "name-sep", ", ");
			s->name_last = attr_or(n, "name-last", ", ");
			if (mi != NULL && atoi(mi) > 0)
				s->max_items = (unsigned)atoi(mi);
			s->by_family = gb != NULL && strcmp(gb, "family") == 0;
			free(mi);
			free(gb);
		}
	}
	if (st == WK_OK && s->item_sep == NULL) {
		s->item_sep = strdup("; ");
		s->name_sep = strdup(", ");
		s->name_last = strdup(", ");
	}
	if (st == WK_OK && (s->item_sep == NULL || s->name_sep == NULL ||
	    s->name_last == NULL))
		st = wk_err_nomem(err);
out:
	wk_xml_free(&f);
	if (st != WK_OK) {
		wk_style_free(s);
		return st;
	}
	*out = s;
	return WK_OK;
}

void
wk_style_free(struct wk_style *s)
{
	size_t i, j;

	if (s == NULL)
		return;
	for (i = 0; i < s->nframes; i++) {
		for (j = 0; j < s->frames[i].nv; j++) {
			free(s->frames[i].v[j].text);
			free(s->frames[i].v[j].style);
		}
		free(s->frames[i].v);
		free(s->frames[i].id);
	}
	free(s->frames);
	free(s->item_sep);
	free(s->name_sep);
	free(s->name_last);
	free(s->lang);
	free(s->path);
	free(s);
}

/* A stable hash: the rotation must not change between runs. */
static uint32_t
hash(uint32_t h, const char *s)
{
	return s == NULL ? h : wk_fnv32(h, s, strlen(s));
}

void
wk_rotor_init(struct wk_rotor *r, const char *a, const char *b)
{
	memset(r, 0, sizeof *r);
	r->seed = hash(hash(WK_FNV32_INIT, a), b);
}

const char *
wk_style_pick(const struct wk_style *s, const char *id, const char *pin,
    struct wk_rotor *r)
{
	const struct wk_frame *fr = NULL;
	const struct wk_variant *use[16];
	size_t i, n = 0, k, slot;

	for (i = 0; s != NULL && i < s->nframes; i++)
		if (strcmp(s->frames[i].id, id) == 0) {
			fr = &s->frames[i];
			break;
		}
	if (fr == NULL || fr->nv == 0)
		return NULL;
	slot = i % (sizeof r->counts / sizeof r->counts[0]);
	if (pin != NULL)
		for (k = 0; k < fr->nv && n < 16; k++)
			if (fr->v[k].style && strcmp(fr->v[k].style, pin) == 0)
				use[n++] = &fr->v[k];
	if (n == 0)
		for (k = 0; k < fr->nv && n < 16; k++)
			if (fr->v[k].style == NULL)	/* unpinned */
				use[n++] = &fr->v[k];
	if (n == 0)
		use[n++] = &fr->v[0];
	k = (size_t)((hash(r->seed, id) + r->counts[slot]++) % n);
	if (n > 1 && use[k]->text == r->last)
		k = (k + 1) % n;
	r->last = use[k]->text;
	return use[k]->text;
}
