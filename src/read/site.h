#ifndef WK_SITE_H
#define WK_SITE_H
/*
 * A station's world as one value: its file read (station.h), its
 * vocabulary folders (local.h), its catalogue (the shipped one with its
 * own on top), the maps from feed categories to networks (its own, then
 * the catalogue's), the folders its feeds may be quoted from in messages,
 * and its voices (each with its own lexicons and recordings on top).
 * Whatever works for a station is handed its site, as curl hands a
 * transfer its OperationConfig: no module keeps a station's settings
 * anywhere else, so the stations of one run cannot see each other's words
 * nor hear each other's recordings.
 */

#include <stddef.h>

#include "base/err.h"
#include "voice.h"

struct wk_catalog;
struct wk_diags;
struct wk_news_item;
struct wk_station;

struct wk_site {
	struct wk_station *station;	/* its file, read */
	char **dirs;		/* its vocabulary folders, in order,
				 * NULL-terminated (local.h) */
	struct wk_catalog *cat;	/* shipped + its folders'; NULL when opened
				 * with WK_SITE_SETTINGS */
	struct wk_voiceset voices;	/* loaded on first use (wk_site_voice) */
	char *roots[2];		/* its feed folder and the data folder,
				 * resolved; NULL when they do not exist */
	int scanned;		/* every voice of the data folder that can
				 * be read is in voices */
	int all_voices;		/* ... and those that cannot were reported
				 * (wk_site_all_voices) */
};

/* What wk_site_open reads. */
enum wk_site_flags {
	WK_SITE_SETTINGS = 1,	/* the station file and its folders only:
				 * no catalogue (a notify hook, the price
				 * archive's place) */
};

/*
 * Opens the site of the station file path, or of the default station
 * (bulletins/station/default.xml in the data folder) when path is NULL:
 * reads the file, finds its vocabulary folders and, unless flags has
 * WK_SITE_SETTINGS, loads its catalogue. Problems of the files go to d
 * or, when they stop it, err; *out belongs to the caller (wk_site_free).
 */
enum wk_status wk_site_open(const char *path, unsigned flags,
    struct wk_diags *d, struct wk_site **out, struct wk_err *err);
void wk_site_free(struct wk_site *s);

/* The voice of bulletins in lang (voices/<lang>/, with the site's
 * lexicons on top and the site's recordings, wk_voice_add_prompts), loaded
 * once; NULL with err set when there is none or it cannot be read (its
 * problems also in d). */
struct wk_voice *wk_site_voice(struct wk_site *s, const char *lang,
    struct wk_diags *d, struct wk_err *err);

/* The voice that reads a text tagged tag ("es-PE", "quy", "quz"): among
 * every voice of the data folder, the one whose accepted ranges match it
 * best (wk_voice_accepts; the first by tag on a tie); NULL when none
 * does. Voices that cannot be read are passed over here (and reported
 * when a bulletin asks for them). */
struct wk_voice *wk_site_voice_for(struct wk_site *s, const char *tag);

/* Loads every voice of the data folder (voices/<tag>/voice.xml), in the
 * order of their tags, reporting those that cannot be read in d; then
 * s->voices holds them all (for checks about every language). */
void wk_site_all_voices(struct wk_site *s, struct wk_diags *d);

/* The network of news item it for this station: of its categories as
 * written (RSS, Atom), the first that the station's <category> map or else
 * the catalogue's knows; else its network as read (feed.h). Points into
 * the site or the item. */
const char *wk_site_network(const struct wk_site *s,
    const struct wk_news_item *it);

/* 1 when messages may quote the feed at path for this station: it lies in
 * the station's feed folder or the data folder. */
int wk_site_quotable(const struct wk_site *s, const char *path);

#endif
