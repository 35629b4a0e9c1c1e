#ifndef WK_LINES_H
#define WK_LINES_H
/*
 * The one reader of willakuy's line-based text files (a voice's
 * lexicon.txt, gender.txt, prompts/index.txt and vocabulary files): the
 * file as an editor saves it on any system. A UTF-8 byte order mark at its
 * start is skipped (Notepad writes one), a line ends at LF, CR LF or a
 * lone CR, and each line is checked to be UTF-8 without control
 * characters, so that what a reader splits into fields is what the editor
 * sees. XML files are libxml2's.
 */

#include <stddef.h>

#include "err.h"

/* The longest line of a voice's text files, in bytes: the shipped ones
 * stay under 120. */
#define WK_TEXT_LINE_MAX 4096

struct wk_lines {
	const char *path;	/* for messages; not owned */
	int fd;
	size_t max;		/* the longest line, in bytes */
	int lineno;		/* of the line last read, 1-based */
	char *line;		/* that line, NUL-terminated */
	size_t cap;
	unsigned char buf[4096];
	size_t have, at;	/* bytes in buf, the next one */
	int eof, cr;		/* at the end; the last line ended at a CR */
};

/*
 * Opens path for reading lines of at most max bytes. Returns WK_OK; or,
 * with *missing set and WK_OK, when there is no such file (whose absence
 * the caller may accept: missing NULL makes it an error); else WK_EINPUT
 * with err set (not a regular file, cannot be read).
 */
enum wk_status wk_lines_open(struct wk_lines *l, const char *path,
    size_t max, int *missing, struct wk_err *err);

/*
 * Reads the next line into l->line (its end taken off, a BOM at the start
 * of the file too) and sets *line to it, or to NULL at the end of the
 * file. A line longer than l->max bytes, not UTF-8, holding a NUL or
 * another control character but a tab, or a file in UTF-16 (a BOM that
 * says so) is WK_EINPUT with err at the line.
 */
enum wk_status wk_lines_next(struct wk_lines *l, char **line,
    struct wk_err *err);

/* Closes the file; the struct may be opened again. */
void wk_lines_close(struct wk_lines *l);

#endif
