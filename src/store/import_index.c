/* import_index.c — a large import's look-up tables in a temporary file. */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/import_index.h"

struct bf_import_index {
	sqlite3 *h;
	sqlite3_stmt *row, *last, *seen, *owner;
};

static int fail(struct bf_import_index *ix, bf_error *err)
{
	bf_error_set(err, _("the import's temporary index: %s"), sqlite3_errmsg(ix->h));
	return -1;
}

int bf_import_index_open(struct bf_import_index **out, bf_error *err)
{
	struct bf_import_index *ix = calloc(1, sizeof *ix);
	*out = NULL;
	if (!ix) {
		bf_error_set(err, _("out of memory"));
		return -1;
	}
	/* "": a private file in the temporary directory, unlinked at once and
	 * gone at close; temp_store FILE keeps it on disk whatever the build;
	 * a 4 MB cache: its look-ups go by household key, mostly in order, and
	 * the database's WAL index grows with a large import (8 bytes a
	 * page written), so the fixed part is kept small (issue 17) */
	if (sqlite3_open_v2("", &ix->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	        SQLITE_OK ||
	    sqlite3_exec(ix->h,
	                 "PRAGMA temp_store=FILE; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
	                 " PRAGMA cache_size=-4096;"
	                 " CREATE TABLE hh (key TEXT PRIMARY KEY, last INTEGER) WITHOUT ROWID;"
	                 " CREATE TABLE seen (bidx TEXT NOT NULL, key TEXT NOT NULL);"
	                 " CREATE TABLE dup (bidx TEXT PRIMARY KEY, key TEXT) WITHOUT ROWID;",
	                 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ix->h,
	                       "INSERT INTO hh VALUES (?1, ?2)"
	                       " ON CONFLICT (key) DO UPDATE SET last = excluded.last",
	                       -1, &ix->row, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ix->h, "SELECT last FROM hh WHERE key = ?1", -1, &ix->last, NULL) !=
	        SQLITE_OK ||
	    sqlite3_prepare_v2(ix->h, "INSERT INTO seen VALUES (?1, ?2)", -1, &ix->seen, NULL) !=
	        SQLITE_OK ||
	    sqlite3_prepare_v2(ix->h, "SELECT key FROM dup WHERE bidx = ?1", -1, &ix->owner,
	                       NULL) != SQLITE_OK) {
		fail(ix, err);
		bf_import_index_close(ix);
		return -1;
	}
	/* one transaction for the whole import: nothing here needs to last */
	if (sqlite3_exec(ix->h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		fail(ix, err);
		bf_import_index_close(ix);
		return -1;
	}
	*out = ix;
	return 0;
}

void bf_import_index_close(struct bf_import_index *ix)
{
	if (!ix)
		return;
	sqlite3_finalize(ix->row);
	sqlite3_finalize(ix->last);
	sqlite3_finalize(ix->seen);
	sqlite3_finalize(ix->owner);
	sqlite3_close(ix->h);
	free(ix);
}

int bf_import_index_row(struct bf_import_index *ix, const char *key, size_t line, bf_error *err)
{
	sqlite3_bind_text(ix->row, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(ix->row, 2, (sqlite3_int64)line);
	int rc = sqlite3_step(ix->row);
	sqlite3_reset(ix->row);
	return rc == SQLITE_DONE ? 0 : fail(ix, err);
}

size_t bf_import_index_last_line(struct bf_import_index *ix, const char *key)
{
	sqlite3_bind_text(ix->last, 1, key, -1, SQLITE_STATIC);
	size_t line = 0;
	if (sqlite3_step(ix->last) == SQLITE_ROW)
		line = (size_t)sqlite3_column_int64(ix->last, 0);
	sqlite3_reset(ix->last);
	return line;
}

int bf_import_index_seen(struct bf_import_index *ix, const char *bidx, const char *key,
                         bf_error *err)
{
	sqlite3_bind_text(ix->seen, 1, bidx, -1, SQLITE_STATIC);
	sqlite3_bind_text(ix->seen, 2, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(ix->seen);
	sqlite3_reset(ix->seen);
	return rc == SQLITE_DONE ? 0 : fail(ix, err);
}

int bf_import_index_dups(struct bf_import_index *ix, size_t *n, bf_error *err)
{
	/* one sort of everyone seen (sequential, in bounded memory, however
	 * many), instead of a probe into an ever larger random-ordered index
	 * per person: that one did a disk read and write for most people
	 * once it outgrew its cache (issue 17) */
	*n = 0;
	if (sqlite3_exec(ix->h,
	                 "DELETE FROM dup;"
	                 " INSERT INTO dup SELECT bidx, key FROM seen WHERE rowid IN"
	                 " (SELECT min(rowid) FROM seen GROUP BY bidx HAVING min(key) <> max(key));"
	                 " DELETE FROM seen;",
	                 NULL, NULL, NULL) != SQLITE_OK)
		return fail(ix, err);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(ix->h, "SELECT count(*) FROM dup", -1, &st, NULL) != SQLITE_OK)
		return fail(ix, err);
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}

int bf_import_index_owner(struct bf_import_index *ix, const char *bidx, char *owner, size_t n)
{
	sqlite3_bind_text(ix->owner, 1, bidx, -1, SQLITE_STATIC);
	int found = sqlite3_step(ix->owner) == SQLITE_ROW;
	if (found)
		bf_strlcpy(owner, (const char *)sqlite3_column_text(ix->owner, 0), n);
	sqlite3_reset(ix->owner);
	return found;
}
