/*
 * The price history in SQLite (libsqlite3): one table of prices, one row
 * per (date, market, product, unit), written with INSERT ... ON CONFLICT DO
 * UPDATE so that a day read again replaces its rows. The journal is WAL and
 * each feed is one transaction, so a run killed at any moment leaves either
 * the feed's rows or none. Everything SQLite stays in this file.
 */

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "feed.h"
#include "history.h"

struct wk_history {
	sqlite3 *db;
	char *path;
	int timeout_ms;
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

/* Connects h to its file (once): WAL, busy timeout, the schema. */
static enum wk_status
connect(struct wk_history *h, struct wk_err *err)
{
	int rc;

	if (h->db != NULL)
		return WK_OK;
	rc = sqlite3_open_v2(h->path, &h->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(h->db, h->timeout_ms);
	/* WAL: readers do not block the writer, and a killed writer leaves
	 * the last committed state. NORMAL sync is safe in WAL mode. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h->db, "PRAGMA journal_mode=WAL;"
		    "PRAGMA synchronous=NORMAL;", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h->db, schema, NULL, NULL, NULL);
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

enum wk_status
wk_history_open(const char *path, int timeout_ms, struct wk_history **out,
    struct wk_err *err)
{
	struct wk_history *h;
	enum wk_status st;

	*out = NULL;
	if ((h = wk_history_new(path, timeout_ms)) == NULL)
		return wk_err_nomem(err);
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
	    " feed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT (date, market, product, unit) DO UPDATE SET"
	    " value = excluded.value, previous = excluded.previous,"
	    " feed = excluded.feed";
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
	    "SELECT date, market, product, unit, value, previous, feed"
	    " FROM price WHERE (?1 IS NULL OR market = ?1)"
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
