/*
 * The price history in SQLite (libsqlite3): one table of prices, one row
 * per (date, market, product, unit), written with INSERT ... ON CONFLICT DO
 * UPDATE so that a day read again replaces its rows. The journal is WAL and
 * each feed is one transaction, so a run killed at any moment leaves either
 * the feed's rows or none. The archive's folder is checked as the output
 * folder is, and SQLite never follows a link to it (SQLITE_OPEN_NOFOLLOW).
 * Everything SQLite stays in this file.
 */

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "base/buf.h"
#include "base/paths.h"
#include "feed.h"
#include "history.h"

struct wk_history {
	sqlite3 *db;
	char *path;
	char *real;	/* path through the folder checked, without links
			 * (the operator's own path may hold some); or NULL */
	int timeout_ms;
	int shared;	/* its folder may be others' (<output shared="yes"/>) */
};

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS price ("
    " date TEXT NOT NULL,"		/* YYYY-MM-DD */
    " market TEXT NOT NULL,"
    " product TEXT NOT NULL,"
    " unit TEXT NOT NULL,"
    " value INTEGER NOT NULL,"		/* céntimos */
    " previous INTEGER,"		/* céntimos, NULL when not given */
    " feed TEXT NOT NULL,"		/* the feed it came from */
    " market_name TEXT,"		/* as the feed names the market */
    " UNIQUE (date, market, product, unit));"
    "CREATE INDEX IF NOT EXISTS price_series"
    " ON price (market, product, unit, date);";

/* Turns SQLite's result code rc into a status and a sentence in err. */
static enum wk_status
fail(struct wk_history *h, const char *path, int rc, struct wk_err *err)
{
	const char *why = h && h->db ? sqlite3_errmsg(h->db) : sqlite3_errstr(rc);

	switch (rc & 0xff) {
	case SQLITE_NOMEM:
		return wk_err_nomem(err);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return wk_err_set(err, WK_EINPUT, path, 0, 0,
		    _("the price history is damaged or not an SQLite database "
		    "(%s); move it aside to start a new one (or restore a "
		    "copy), then import past feeds with `willakuy history "
		    "import`"), why);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return wk_err_set(err, WK_EIO, path, 0, 0,
		    _("the price history is locked by another program after "
		    "waiting %d ms (%s); try again when it has finished"),
		    h ? h->timeout_ms : 0, why);
	default:
		return wk_err_set(err, WK_EIO, path, 0, 0,
		    _("the price history cannot be used: %s"), why);
	}
}

/* Reports the entry name of the archive's folder dir that is not safe. */
static enum wk_status
unsafe(const char *dir, const char *name, const char *why,
    struct wk_err *err)
{
	char *p = name ? wk_path_join(dir, name) : NULL;
	enum wk_status st = wk_err_set(err, WK_EIO, p ? p : dir, 0, 0, "%s",
	    why);

	free(p);
	return st;
}

/* The archive's path through the folder fd that was checked, with the
 * links of the operator's own path (/srv -> /data) resolved, so that
 * SQLITE_OPEN_NOFOLLOW, which refuses a link anywhere in a path, refuses
 * only links planted where the archive is. Left NULL when the system
 * cannot say (no /proc): then the path as given is used. */
static void
real_path(struct wk_history *h, int fd, const char *base)
{
	char proc[64], dir[4096];
	struct wk_buf b = WK_BUF_INIT;
	ssize_t n;

	free(h->real);
	h->real = NULL;
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	if ((n = readlink(proc, dir, sizeof dir - 1)) <= 0 ||
	    (size_t)n >= sizeof dir - 1 || dir[0] != '/')
		return;
	dir[n] = '\0';
	wk_buf_printf(&b, "%s%s%s", dir, n > 1 ? "/" : "", base);
	h->real = wk_buf_steal(&b);
}

/*
 * The folder the archive is in, checked as the output folder is before
 * SQLite opens anything there: a folder (not a link to one) of the running
 * user that no one else may write into, unless h->shared; and the database
 * and its -wal, -shm and -journal files, when they exist, plain files of
 * one name each (of the running user, unless shared), never links. Whoever
 * could plant a link there could make this run write into another file.
 */
static enum wk_status
check_place(struct wk_history *h, struct wk_err *err)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	char *dir = wk_path_dir(h->path), *base = wk_path_stem(h->path, "");
	struct wk_buf name = WK_BUF_INIT;
	enum wk_status st = WK_OK;
	struct stat sb;
	size_t i;
	int fd = -1;

	if (dir == NULL || base == NULL) {
		st = wk_err_nomem(err);
		goto out;
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0) {
		if (errno == ELOOP || errno == ENOTDIR)
			st = unsafe(dir, NULL, _("the folder of the price history "
			    "is a symbolic link or not a folder; willakuy does not "
			    "follow links to its archive: give the real folder"),
			    err);
		else
			st = wk_err_set(err, WK_EIO, dir, 0, 0,
			    _("cannot open the folder of the price history: %s"),
			    strerror(errno));
		goto out;
	}
	if (fstat(fd, &sb) != 0) {
		st = wk_err_set(err, WK_EIO, dir, 0, 0,
		    _("cannot open the folder of the price history: %s"),
		    strerror(errno));
		goto out;
	}
	if (!h->shared && sb.st_uid != geteuid()) {
		st = wk_err_set(err, WK_EIO, dir, 0, 0,
		    _("the folder of the price history belongs to another user "
		    "(uid %ld): it could plant links that make this run write "
		    "into other files. Use a folder of your own, or say <output "
		    "shared=\"yes\"/> in the station if it is meant to be "
		    "shared"), (long)sb.st_uid);
		goto out;
	}
	if (!h->shared && (sb.st_mode & 022) != 0) {
		st = wk_err_set(err, WK_EIO, dir, 0, 0,
		    _("the folder of the price history is writable by other "
		    "users (mode %03o): they could plant links that make this "
		    "run write into other files. Run 'chmod go-w' on it, or say "
		    "<output shared=\"yes\"/> in the station if it is meant to "
		    "be shared"), (unsigned)(sb.st_mode & 0777));
		goto out;
	}
	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		wk_buf_clear(&name);
		wk_buf_printf(&name, "%s%s", base, ext[i]);
		if (name.failed) {
			st = wk_err_nomem(err);
			goto out;
		}
		if (fstatat(fd, wk_buf_str(&name), &sb, AT_SYMLINK_NOFOLLOW) != 0) {
			if (errno == ENOENT)
				continue;
			st = wk_err_set(err, WK_EIO, h->path, 0, 0,
			    _("the price history cannot be used: %s"),
			    strerror(errno));
			goto out;
		}
		if (S_ISLNK(sb.st_mode))
			st = unsafe(dir, wk_buf_str(&name), _("a symbolic link "
			    "where the price history is kept: willakuy never "
			    "follows one there (it could make this run write into "
			    "another file); remove it"), err);
		else if (!S_ISREG(sb.st_mode))
			st = unsafe(dir, wk_buf_str(&name), _("not a plain file, "
			    "where the price history is kept; move it away"), err);
		else if (sb.st_nlink != 1)
			st = unsafe(dir, wk_buf_str(&name), _("a file with other "
			    "names (hard links) where the price history is kept: "
			    "writing it would change them too; move it away"), err);
		else if (!h->shared && sb.st_uid != geteuid())
			st = unsafe(dir, wk_buf_str(&name), _("a file of another "
			    "user where the price history is kept; move it away, "
			    "or say <output shared=\"yes\"/> in the station if "
			    "the folder is meant to be shared"), err);
		if (st != WK_OK)
			goto out;
	}
	real_path(h, fd, base);
out:
	if (fd >= 0)
		close(fd);
	wk_buf_free(&name);
	free(dir);
	free(base);
	return st;
}

/* Adds the column market_name to an archive made before it existed. */
static int
migrate(sqlite3 *db)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT market_name FROM price LIMIT 0",
	    -1, &q, NULL);

	sqlite3_finalize(q);
	if (rc == SQLITE_OK)
		return SQLITE_OK;
	rc = sqlite3_exec(db, "ALTER TABLE price ADD COLUMN market_name TEXT",
	    NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		/* Another run may have added it in the meantime. */
		q = NULL;
		if (sqlite3_prepare_v2(db, "SELECT market_name FROM price "
		    "LIMIT 0", -1, &q, NULL) == SQLITE_OK)
			rc = SQLITE_OK;
		sqlite3_finalize(q);
	}
	return rc;
}

/* Connects h to its file (once): the folder checked, WAL, busy timeout,
 * the schema. */
static enum wk_status
connect(struct wk_history *h, struct wk_err *err)
{
	int rc;

	if (h->db != NULL)
		return WK_OK;
	if (check_place(h, err) != WK_OK)
		return err->status;
	rc = sqlite3_open_v2(h->real ? h->real : h->path, &h->db,
	    SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW,
	    NULL);
	if (rc != SQLITE_OK && h->db != NULL &&
	    sqlite3_extended_errcode(h->db) == SQLITE_CANTOPEN_SYMLINK) {
		sqlite3_close(h->db);
		h->db = NULL;
		return wk_err_set(err, WK_EIO, h->path, 0, 0, "%s",
		    _("the path of the price history goes through a symbolic "
		    "link; willakuy does not follow links to its archive: give "
		    "the folder's real path"));
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(h->db, h->timeout_ms);
	/* WAL: readers do not block the writer, and a killed writer leaves
	 * the last committed state. NORMAL sync is safe in WAL mode. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h->db, "PRAGMA journal_mode=WAL;"
		    "PRAGMA synchronous=NORMAL;", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h->db, schema, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = migrate(h->db);
	if (rc != SQLITE_OK) {
		enum wk_status st = fail(h, h->path, rc, err);

		sqlite3_close(h->db);
		h->db = NULL;
		return st;
	}
	return WK_OK;
}

struct wk_history *
wk_history_new(const char *path, int timeout_ms)
{
	struct wk_history *h = calloc(1, sizeof *h);

	if (h == NULL || (h->path = strdup(path)) == NULL) {
		free(h);
		return NULL;
	}
	h->timeout_ms = timeout_ms;
	return h;
}

void
wk_history_share(struct wk_history *h, int shared)
{
	h->shared = shared;
}

enum wk_status
wk_history_open(const char *path, int timeout_ms, int shared,
    struct wk_history **out, struct wk_err *err)
{
	struct wk_history *h;
	enum wk_status st;

	*out = NULL;
	if ((h = wk_history_new(path, timeout_ms)) == NULL)
		return wk_err_nomem(err);
	h->shared = shared;
	if ((st = connect(h, err)) != WK_OK) {
		wk_history_close(h);
		return st;
	}
	*out = h;
	return WK_OK;
}

void
wk_history_close(struct wk_history *h)
{
	if (h == NULL)
		return;
	sqlite3_close(h->db);
	free(h->path);
	free(h->real);
	free(h);
}

const char *
wk_history_path(const struct wk_history *h)
{
	return h->path;
}

enum wk_status
wk_history_archive(struct wk_history *h, const struct wk_prices *p,
    struct wk_err *err)
{
	static const char sql[] =
	    "INSERT INTO price (date, market, product, unit, value, previous,"
	    " feed, market_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	    " ON CONFLICT (date, market, product, unit) DO UPDATE SET"
	    " value = excluded.value, previous = excluded.previous,"
	    " feed = excluded.feed, market_name = excluded.market_name";
	sqlite3_stmt *ins = NULL;
	char date[11];
	size_t i, j;
	int rc;

	if (connect(h, err) != WK_OK)
		return err->status;
	assert(h->db != NULL);
	wk_date_format(p->date, date);
	assert(strlen(date) == 10);	/* bound with that length below */
	/* IMMEDIATE: take the write lock now, waiting up to the timeout,
	 * rather than failing halfway through the feed. */
	rc = sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h->db, sql, -1, &ins, NULL);
	for (i = 0; rc == SQLITE_OK && i < p->nmarkets; i++) {
		const struct wk_market *m = &p->markets[i];

		for (j = 0; rc == SQLITE_OK && j < m->nprices; j++) {
			const struct wk_price *pr = &m->prices[j];

			sqlite3_reset(ins);
			sqlite3_bind_text(ins, 1, date, 10, SQLITE_STATIC);
			sqlite3_bind_text(ins, 2, m->id, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 3, pr->product, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 4, pr->unit, -1, SQLITE_STATIC);
			sqlite3_bind_int64(ins, 5, pr->value);
			if (pr->previous >= 0)
				sqlite3_bind_int64(ins, 6, pr->previous);
			else
				sqlite3_bind_null(ins, 6);
			sqlite3_bind_text(ins, 7, p->path ? p->path : "", -1,
			    SQLITE_STATIC);
			if (m->name != NULL)
				sqlite3_bind_text(ins, 8, m->name, -1,
				    SQLITE_STATIC);
			else
				sqlite3_bind_null(ins, 8);
			rc = sqlite3_step(ins);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(ins);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		enum wk_status st = fail(h, h->path, rc, err);

		if (!sqlite3_get_autocommit(h->db))
			sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		return st;
	}
	return WK_OK;
}

enum wk_status
wk_history_value(struct wk_history *h, const char *market,
    const char *product, const char *unit, struct wk_date from,
    struct wk_date to, long long *value, struct wk_date *date, int *found,
    struct wk_err *err)
{
	static const char sql[] =
	    "SELECT date, value FROM price WHERE market = ?1 AND product = ?2"
	    " AND unit = ?3 AND date >= ?4 AND date <= ?5"
	    " ORDER BY date DESC LIMIT 1";
	sqlite3_stmt *q = NULL;
	char f[11], t[11];
	int rc;

	*found = 0;
	if (connect(h, err) != WK_OK)
		return err->status;
	assert(h->db != NULL);
	wk_date_format(from, f);
	wk_date_format(to, t);
	rc = sqlite3_prepare_v2(h->db, sql, -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, market, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, product, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, unit, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, f, 10, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, t, 10, SQLITE_STATIC);
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(q, 0);

			if (d != NULL && wk_date_parse(d, date) == 0) {
				*value = sqlite3_column_int64(q, 1);
				*found = 1;
			}
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_OK ? WK_OK : fail(h, h->path, rc, err);
}

enum wk_status
wk_history_query(struct wk_history *h, const struct wk_history_filter *f,
    int (*fn)(const struct wk_history_row *, void *), void *arg,
    struct wk_err *err)
{
	static const char sql[] =
	    "SELECT date, market, product, unit, value, previous, feed,"
	    " market_name FROM price WHERE (?1 IS NULL OR market = ?1)"
	    " AND (?2 IS NULL OR product = ?2)"
	    " AND (?3 IS NULL OR date >= ?3) AND (?4 IS NULL OR date <= ?4)"
	    " ORDER BY date, market, product, unit";
	sqlite3_stmt *q = NULL;
	char from[11], to[11];
	int rc;

	if (connect(h, err) != WK_OK)
		return err->status;
	assert(h->db != NULL);
	wk_date_format(f->from, from);
	wk_date_format(f->to, to);
	rc = sqlite3_prepare_v2(h->db, sql, -1, &q, NULL);
	if (rc == SQLITE_OK) {
		if (f->market != NULL)
			sqlite3_bind_text(q, 1, f->market, -1, SQLITE_STATIC);
		if (f->product != NULL)
			sqlite3_bind_text(q, 2, f->product, -1, SQLITE_STATIC);
		if (f->has_from)
			sqlite3_bind_text(q, 3, from, 10, SQLITE_STATIC);
		if (f->has_to)
			sqlite3_bind_text(q, 4, to, 10, SQLITE_STATIC);
	}
	while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct wk_history_row r;
		const char *d = (const char *)sqlite3_column_text(q, 0);

		rc = SQLITE_OK;
		if (d == NULL || wk_date_parse(d, &r.date) != 0)
			continue;	/* not ours: a row someone typed in */
		r.market = (const char *)sqlite3_column_text(q, 1);
		r.product = (const char *)sqlite3_column_text(q, 2);
		r.unit = (const char *)sqlite3_column_text(q, 3);
		r.value = sqlite3_column_int64(q, 4);
		r.previous = sqlite3_column_type(q, 5) == SQLITE_NULL ? -1
		    : sqlite3_column_int64(q, 5);
		r.feed = (const char *)sqlite3_column_text(q, 6);
		r.market_name = (const char *)sqlite3_column_text(q, 7);
		if (r.market == NULL || r.product == NULL || r.unit == NULL)
			continue;
		if (r.feed == NULL)
			r.feed = "";
		if (fn(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE || rc == SQLITE_OK ? WK_OK
	    : fail(h, h->path, rc, err);
}

enum wk_status
wk_history_count(struct wk_history *h, struct wk_date date, size_t *n,
    struct wk_err *err)
{
	sqlite3_stmt *q = NULL;
	char d[11];
	int rc;

	*n = 0;
	if (connect(h, err) != WK_OK)
		return err->status;
	wk_date_format(date, d);
	rc = sqlite3_prepare_v2(h->db, "SELECT count(*) FROM price WHERE "
	    "date = ?1", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, d, 10, SQLITE_STATIC);
		if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			*n = (size_t)sqlite3_column_int64(q, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(q);
	return rc == SQLITE_OK ? WK_OK : fail(h, h->path, rc, err);
}

enum wk_status
wk_history_markets(struct wk_history *h,
    int (*fn)(const char *id, const char *name, void *), void *arg,
    struct wk_err *err)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (connect(h, err) != WK_OK)
		return err->status;
	rc = sqlite3_prepare_v2(h->db, "SELECT market, max(market_name) FROM "
	    "price GROUP BY market ORDER BY market", -1, &q, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(q, 0);
		const char *name = (const char *)sqlite3_column_text(q, 1);

		rc = SQLITE_OK;
		if (id != NULL && fn(id, name, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE || rc == SQLITE_OK ? WK_OK
	    : fail(h, h->path, rc, err);
}
