#ifndef WK_STATION_H
#define WK_STATION_H
/*
 * A station's configuration as its file (STATION.xml) says it: its name,
 * where the day's feeds are, the audio it wants (sample rate, channels,
 * MP3 bit rate or VBR quality, loudness target, true-peak ceiling, pauses,
 * the formats written), its ID3 genre, Rivendell cart data, the size of
 * the segment cache, whether others share its output folder, what latest/
 * holds for a failed bulletin, the commands run after each run (<notify>)
 * and after each bulletin is published (<hook>), how many dated folders
 * are kept, the price archive, how far a price may move before it is held
 * as suspect, where and when its files are served, and the feed
 * categories it maps to networks. The rest of a station's world
 * (its vocabulary folders, catalogue and voices) is opened with it by
 * wk_site_open (site.h), which also picks the default station file.
 */

#include "base/err.h"
#include "catmap.h"

struct wk_diags;

/* A Rivendell cart: <cart bulletin="ID" lang="LANG" number="N"/>. */
struct wk_cart {
	char *bulletin, *lang;
	unsigned number;	/* 1 to 999999 */
};

struct wk_station {
	char *path;
	char *id, *name;
	char *feeds_dir;	/* resolved against the file's directory */
	char *genre;		/* ID3 TCON */
	int rate_hz;		/* 44100 or 48000 */
	int channels;		/* 1 or 2 */
	int bitrate_kbps;	/* CBR bit rate */
	int vbr;		/* 1: VBR at vbr_quality instead of CBR */
	int vbr_quality;	/* 0 (best) to 9 */
	double target_lufs;	/* integrated loudness of every file */
	double peak_dbtp;	/* true-peak ceiling */
	int verify;		/* decode and measure every file written */
	unsigned item_pause_ms;		/* between lines of a segment */
	unsigned segment_pause_ms;	/* between segments of a bulletin */
	int expire_days;	/* Rivendell end date: days after the broadcast */
	int rivendell;		/* write Rivendell cart data (RDXL, sidecar) */
	int cache_mb;		/* segment cache size; 0: no cache */
	/* What latest/ holds for a bulletin whose build failed: nothing
	 * (WK_LATEST_REMOVE, the default) or the station's clip. */
	enum wk_latest_policy { WK_LATEST_REMOVE, WK_LATEST_CLIP } on_failure;
	char *failure_clip;	/* on-failure="clip": resolved path, else NULL */
	char *notify_command;	/* run with /bin/sh -c after a run; NULL: none */
	unsigned notify_timeout_s;	/* the command is killed after this */
	unsigned retention_days;	/* dated folders kept; 0: all */
	int output_shared;	/* OUTDIR may belong to or be writable by others */
	char *history_db;	/* price archive; NULL: OUTDIR/history.sqlite */
	int opus;		/* <audio formats="mp3 opus">: Ogg Opus too */
	int opus_kbps;		/* its bit rate, 24 to 32 */
	char *base_url;		/* <publish base-url>: public URL of OUTDIR,
				 * ending in '/'; NULL: relative URLs */
	char time[6];		/* <publish time>: HH:MM of the broadcast */
	int podcast;		/* <publish podcast="no">: 0, no feeds */
	char *artwork_url;	/* <publish artwork="https://...">, or NULL */
	char *artwork_file;	/* <publish artwork="FILE">: resolved, or NULL */
	char *email;		/* <publish email>: the feeds' owner, or NULL */
	char *rivendell_group;	/* <rivendell group>: RDXL groupName, or NULL */
	struct wk_cart *carts;	/* <cart> children of <rivendell> */
	size_t ncarts;
	char decimal_mark;	/* decimal-mark: '.', ',' or 0 (not declared) */
	char *hook_command;	/* <hook command>: after each bulletin-language
				 * is published; NULL: none */
	unsigned hook_timeout_s;	/* it is stopped after this */
	struct wk_catmap categories;	/* <category name network>: searched
					 * before the catalogue's */
	double price_factor;	/* <prices max-change>: a price more than
				 * this many times above or below its
				 * previous or archived one is suspect
				 * (read/plausible.h) */
};

/* The cart number of bulletin in lang, or 0 when the station gives none. */
unsigned wk_station_cart(const struct wk_station *s, const char *bulletin,
    const char *lang);

/* Reads path into *out (caller frees with wk_station_free). */
enum wk_status wk_station_load(const char *path, struct wk_station **out,
    struct wk_diags *d, struct wk_err *err);
void wk_station_free(struct wk_station *s);

#endif
