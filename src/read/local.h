#ifndef WK_LOCAL_H
#define WK_LOCAL_H
/*
 * A station's own vocabulary, kept apart from the shipped data so that
 * `make install` never overwrites it and `make uninstall` never deletes it:
 * folders laid out like the shipped voices/ (catalog.xml, LANG/lexicon.txt)
 * that are read on top of it. They are $WILLAKUY_LOCAL (when set) or
 * /etc/willakuy/voices, then voices/ beside the station file; a later
 * folder's entries win over an earlier one's and over the shipped ones.
 */

#include <stddef.h>

#include "base/err.h"

struct wk_catalog;
struct wk_diags;

/* Adds voices/ beside the station file in folder station_dir (once). */
void wk_local_add_station(const char *station_dir);

/* The local folders in order, NULL-terminated; empty strings never. */
const char *const *wk_local_dirs(void);

/* Frees what wk_local_add_station kept. */
void wk_local_cleanup(void);

/*
 * Loads the catalogue as the stations see it: the data directory's
 * voices/catalog.xml, then catalog.xml of each local folder that has one
 * on top (load the stations first: their folders are local folders). A
 * local entry whose id is already there replaces it, a new one is added;
 * a local catalogue that cannot be read is reported in d and skipped.
 * *out belongs to the caller (wk_catalog_free).
 */
enum wk_status wk_local_catalog_load(struct wk_catalog **out,
    struct wk_diags *d, struct wk_err *err);

#endif
