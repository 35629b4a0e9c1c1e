#ifndef WK_STYLE_H
#define WK_STYLE_H
/*
 * A voice's announcing style, read from voices/<lang>/style.xml: the frames
 * the composer builds price lines from, each with variants that rotate
 * deterministically (same bulletin, same words), and the punctuation of
 * spoken lists. A variant may carry a style name that a bulletin's segment
 * pins (<segment style="...">).
 */

#include <stddef.h>

#include "base/err.h"

struct wk_diags;

struct wk_variant {
	char *text;
	char *style;		/* NULL: any style */
};

struct wk_frame {
	char *id;
	struct wk_variant *v;
	size_t nv;
};

struct wk_style {
	char *lang;
	char *path;
	struct wk_frame *frames;
	size_t nframes;
	char *item_sep;		/* between the items of a priced list: "; " */
	char *name_sep;		/* between names of a folded list: ", " */
	char *name_last;	/* before the last name: " y " */
	unsigned max_items;	/* priced items per line */
	int by_family;		/* group units' items by product family */
};

/*
 * Loads voices/<lang>/style.xml from dir (the voice's folder), validated
 * against the style schema. *out belongs to the caller (wk_style_free).
 * WK_EINPUT with the position of the problem when the file is wrong.
 */
enum wk_status wk_style_load(const char *dir, const char *lang,
    struct wk_style **out, struct wk_diags *d, struct wk_err *err);
void wk_style_free(struct wk_style *s);

/* Rotation state of one script: how often each frame was used, and the
 * last variant said, so that two lines in a row do not share it. */
struct wk_rotor {
	unsigned long seed;
	unsigned counts[32];
	const char *last;
};

/* Seeds r from the names of what is composed (bulletin and language). */
void wk_rotor_init(struct wk_rotor *r, const char *a, const char *b);

/*
 * The next variant of frame id: only those of style pin when pin is not
 * NULL and the frame has some; never the one said last when there is
 * another. NULL when the style has no such frame.
 */
const char *wk_style_pick(const struct wk_style *s, const char *id,
    const char *pin, struct wk_rotor *r);

#endif
