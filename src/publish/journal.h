#ifndef WK_JOURNAL_H
#define WK_JOURNAL_H
/*
 * The publication journal: the moves that put one bulletin-language in
 * place (or settle latest/ at the end of a run), written and synced
 * before the first of them, so that a run that dies half way is finished
 * (or undone) by the next one. Only journals
 * this program wrote are replayed: a plain file of the running user that
 * starts with a magic line, whose names all lie inside their own folders.
 */

#include "base/err.h"

#define WK_JOURNAL_MARKER ".willakuy-run"
/* latest/'s manifest (latest.h): the one hidden name a journal may move a
 * temporary to. */
#define WK_LATEST_MANIFEST ".willakuy-latest"

enum wk_jkind {
	WK_JDIR,	/* staging folder -> segment folder (one step) */
	WK_JFILE,	/* temporary -> final, in the date folder */
	WK_JLATEST,	/* temporary -> final, in latest/ */
	WK_JDROP	/* a file of latest/ removed: its name, and its
			 * identity (wk_journal_ident): a file put there since
			 * is left */
};

struct stat;

/* The identity of the file whose lstat is st, as a drop line names it:
 * "DEVICE:INODE:CTIME" (a new file on a reused inode has another change
 * time). 0, or -1 when out is too small. */
int wk_journal_ident(const struct stat *st, char *out, size_t cap);

struct wk_journal;

/* A journal for the publication runid; NULL when out of memory. */
struct wk_journal *wk_journal_new(const char *runid);
void wk_journal_free(struct wk_journal *j);

/* Adds a move of the plain name from to the plain name to (for WK_JDROP,
 * the name and the identity of the file to remove); -1 when out of
 * memory. The folder move comes first. */
int wk_journal_add(struct wk_journal *j, enum wk_jkind kind,
    const char *from, const char *to);

/* Writes j as DAY/.<name>.journal, synced (day is dayfd's path, for
 * messages). */
enum wk_status wk_journal_write(const struct wk_journal *j, int dayfd,
    const char *day, const char *name, struct wk_err *err);

/* Makes the moves of j. Returns 0 when everything is in place; 1 when the
 * segment folder could not be swapped and the publication was undone
 * (the previous files stay; err says why); -1 when some file is not in
 * place yet (err says which): the journal must stay for the next run. */
int wk_journal_run(const struct wk_journal *j, int dayfd, int latestfd,
    const char *day, struct wk_err *err);

/* Removes DAY/.<name>.journal and syncs the folder. */
void wk_journal_remove(int dayfd, const char *name);

/* In the output folder outfd: finishes every journal of the date folders,
 * then removes temporary files left by killed runs there and in latest/.
 * Links and files not ours are left alone. */
void wk_journal_recover(int outfd);

#endif
