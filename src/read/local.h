#ifndef WK_LOCAL_H
#define WK_LOCAL_H
/*
 * A station's own vocabulary, kept apart from the shipped data so that
 * `make install` never overwrites it and `make uninstall` never deletes it:
 * folders laid out like the shipped voices/ (catalog.xml, LANG/lexicon.txt)
 * that are read on top of it, and the station's recordings
 * (LANG/prompts/index.txt, voice.h), which nothing shipped has. They are
 * $WILLAKUY_LOCAL (when set) or /etc/willakuy/voices, then voices/ beside
 * the station file; a later folder's entries win over an earlier one's
 * and over the shipped ones.
 * Each station has its list (the site's, site.h); nothing here is kept
 * between calls.
 */

#include <stddef.h>

#include "base/err.h"

struct wk_catalog;
struct wk_diags;

/*
 * The vocabulary folders of a station whose file is in folder station_dir
 * (NULL: the system's folder only), in order, into *out: NULL-terminated,
 * without duplicates or empty strings, freed by the caller with
 * wk_local_dirs_free. WK_ENOMEM only.
 */
enum wk_status wk_local_dirs(const char *station_dir, char ***out,
    struct wk_err *err);
void wk_local_dirs_free(char **dirs);

/*
 * Loads the catalogue as a station sees it: the data directory's
 * voices/catalog.xml, then catalog.xml of each of its folders dirs
 * (NULL-terminated; NULL: none) that has one on top. A local entry whose
 * id is already there replaces it, a new one is added, and its categories
 * are mapped after the shipped ones (so they win); a local catalogue that
 * cannot be read is reported in d and skipped. *out belongs to the caller
 * (wk_catalog_free).
 */
enum wk_status wk_local_catalog_load(const char *const *dirs,
    struct wk_catalog **out, struct wk_diags *d, struct wk_err *err);

#endif
