#ifndef WK_BUNDLE_H
#define WK_BUNDLE_H
/*
 * Everything one bulletin-language publishes, from its encoded segments:
 * the segments' MP3 files and the whole bulletin's (ID3 tags with the
 * ISO 639-2 language and ReplayGain), the playlist, the transcript and,
 * for Rivendell, the cart data (RDXL, in a sidecar file and a tag), and
 * when the station asks for it the same audio as Ogg Opus. The files are
 * named by the one rule below, which the report also follows.
 * A new output format of a bulletin-language belongs here.
 */

#include <stdio.h>

#include "sound/audio.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"

/* Part of every stamp's key (stamp.c): raise it when a change here
 * changes the files published from the same segments. 2: the whole
 * bulletin's pauses make up for the encoders' delay and padding, its
 * title and cut description carry the date. */
#define WK_BUNDLE_VERSION "2"

struct wk_diags;
struct wk_outdir;
struct wk_script;
struct wk_station;

/* What a bulletin-language's files are made from. Nothing is owned. */
struct wk_bundle {
	const struct wk_script *s;
	const char *iso639_2;		/* the language's code: "spa" */
	const struct wk_station *station;
	const struct wk_audio_params *params;
	struct wk_date date;		/* the broadcast date */
	FILE **frames;			/* raw MP3 frames, one per segment */
	const struct wk_audio_stats *stats;	/* one per segment */
	const unsigned char *gap;	/* raw MP3 frames of the pause */
	size_t gaplen;			/* between segments */
	FILE **pcm;			/* the mastered PCM of each segment
					 * (wk_master_segment_pcm), for Ogg
					 * Opus; NULL: MP3 only */
	struct wk_diags *d;		/* a note per file, warnings */
};

/* The naming rule. A bulletin-language is NAME = BULLETIN-LANG; it
 * publishes NAME.mp3, NAME.m3u, NAME.txt, NAME.xml (Rivendell) and
 * NAME/NN-SEGMENT.mp3 for its segment NN (from 01); with Opus also
 * NAME.opus and NAME/NN-SEGMENT.opus. Appended to out. */
void wk_bundle_name(const struct wk_script *s, struct wk_buf *out);
/* The same NAME from a bulletin id and a language. */
void wk_bundle_name_of(const char *bulletin, const char *lang,
    struct wk_buf *out);
void wk_bundle_seg_file(const struct wk_script *s, size_t i,
    struct wk_buf *out);
/* Every file s publishes for station st, by that rule, relative to the
 * date folder; NULL-terminated, *n of them. NULL when out of memory.
 * Freed with wk_bundle_files_free. */
char **wk_bundle_files(const struct wk_script *s,
    const struct wk_station *st, size_t *n);
void wk_bundle_files_free(char **v);

/* Writes the files of b into the output folder and publishes them at
 * once (wk_pub_commit), or none of them. *seconds gets the length of the
 * whole bulletin. WK_EIO, WK_ENOMEM. */
enum wk_status wk_bundle_publish(const struct wk_bundle *b,
    struct wk_outdir *out, double *seconds, struct wk_err *err);

#endif
