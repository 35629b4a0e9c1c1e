#ifndef WK_RULES_H
#define WK_RULES_H
/*
 * The rules a bulletin must satisfy, in one place, so that `check` and
 * `build` agree: what check calls an error in a bulletin, build reports
 * with the same words (and exits non-zero), even when it can still
 * publish the rest. A segment that says nothing in one of the bulletin's
 * languages, an xml:lang that names no language, a language without a
 * voice, a market, product or network the station's catalogue does not
 * know, a clip or bed that cannot be read.
 */

#include <stddef.h>

#include "base/err.h"
#include "feed.h"

struct wk_bulletin;
struct wk_diags;
struct wk_entry;
struct wk_site;

/*
 * Adds to d an error for each rule b breaks, and returns how many: with
 * site NULL only those that need no station (silent segments, unknown
 * xml:lang), with a site also its voices, catalogue and b's clips and
 * beds. A
 * text in a language with a voice that the bulletin does not list is a
 * warning (never spoken).
 */
size_t wk_rules_bulletin(const struct wk_bulletin *b, struct wk_site *site,
    struct wk_diags *d);

/* The error for an id (of kind what: "market", "product", "network")
 * that the catalogue entries v[0..n) do not have, with the closest one
 * when there is one, at file:pos. */
void wk_rules_unknown_id(struct wk_diags *d, const char *file,
    struct wk_pos pos, const char *what, const char *id,
    const struct wk_entry *v, size_t n);

/* The code that the language name or tag lang was probably meant to be
 * ("quechua" -> "qu", "es-PE" -> "es", "qi" -> "qu" when "qu" is known),
 * or NULL. known lists the codes to pick from. */
const char *wk_rules_suggest_lang(const char *lang, char *const *known,
    size_t nknown);

#endif
