/* schema.c — apply schema/NNN_*.sql steps by PRAGMA user_version. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bangfu/holiday_store.h"
#include "bangfu/schema.h"

int bf_schema_latest(void)
{
	return bf_schema_nsteps ? bf_schema_steps[bf_schema_nsteps - 1].version : 0;
}

static int read_ids(bf_db *db, int64_t *app, int64_t *ver, int64_t *tables)
{
	if (bf_db_int(db, "PRAGMA application_id", app) != 0 ||
	    bf_db_int(db, "PRAGMA user_version", ver) != 0 ||
	    bf_db_int(db, "SELECT count(*) FROM sqlite_schema", tables) != 0)
		return -1;
	return 0;
}

/* Ours, or brand new and empty; and not newer than this program. */
static int check_ours(bf_db *db, bf_error *err)
{
	int64_t app, ver, tables;
	if (read_ids(db, &app, &ver, &tables) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (app == 0 && ver == 0 && tables == 0)
		return 0;
	if (app != BF_APPLICATION_ID) {
		bf_error_set(err,
		             "%s is a SQLite database of another program, not a bangfu database; "
		             "it was not changed",
		             db->path);
		return -1;
	}
	if (ver > bf_schema_latest()) {
		bf_error_set(
		    err,
		    "%s was written by a newer version of bangfu (schema %lld; this program "
		    "knows up to %d). Use the newer bangfu; the file was not changed",
		    db->path, (long long)ver, bf_schema_latest());
		return -1;
	}
	return 0;
}

int bf_schema_check(bf_db *db, bf_error *err)
{
	return check_ours(db, err);
}

/* WAL is a property of the file: set it once. Switching needs a lock that
 * SQLite does not wait for (no busy handler), so when another process holds
 * the file (two people starting at once) try again for a while. */
static int set_wal(bf_db *db)
{
	for (int tries = 0;; tries++) {
		bf_stmt st;
		if (bf_db_prepare(db, &st, "PRAGMA journal_mode") != 0)
			return -1;
		int rc = bf_step(&st);
		bool wal = rc == SQLITE_ROW && !strcmp(bf_col_text(&st, 0), "wal");
		bf_finalize(&st);
		if (rc != SQLITE_ROW)
			return -1;
		if (wal)
			return 0;
		rc = sqlite3_exec(db->h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			continue; /* read it back */
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			return bf_db_exec(db, "PRAGMA journal_mode=WAL");
		if (tries >= 200)
			return bf_db_exec(db, "PRAGMA journal_mode=WAL");
		sqlite3_sleep(50);
	}
}

int bf_schema_migrate(bf_db *db, bf_error *err)
{
	if (check_ours(db, err) != 0)
		return -1;
	if (set_wal(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	/* Up to date (the usual case): no need to wait for the write lock. */
	int64_t current;
	if (bf_db_int(db, "PRAGMA user_version", &current) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (current >= bf_schema_latest())
		return 0;
	for (size_t i = 0; i < bf_schema_nsteps; i++) {
		const struct bf_schema_step *step = &bf_schema_steps[i];
		if (bf_db_begin(db) != 0) {
			bf_db_error(db, err);
			return -1;
		}
		/* Read again inside the write lock: another process may have
		 * migrated meanwhile. */
		if (check_ours(db, err) != 0) {
			bf_db_rollback(db);
			return -1;
		}
		int64_t ver;
		if (bf_db_int(db, "PRAGMA user_version", &ver) != 0)
			goto fail;
		if (ver >= step->version) {
			bf_db_rollback(db);
			continue;
		}
		/* Audit triggers refuse writes without an operator; a step that
		 * changes audited rows records them as the upgrade's. */
		char actor[sizeof db->actor];
		bf_strlcpy(actor, db->actor, sizeof actor);
		if (!actor[0])
			bf_db_set_actor(db, "(schema upgrade)");
		int rc = bf_db_exec(db, step->sql);
		/* 008 made the calendar's years table: load the shipped calendar */
		bf_error seed_err = {0};
		if (rc == 0 && step->version == 8 && bf_holiday_seed_shipped(db, &seed_err) != 0) {
			bf_strlcpy(db->errmsg, seed_err.msg, sizeof db->errmsg);
			rc = -1;
		}
		bf_db_set_actor(db, actor);
		if (rc != 0)
			goto fail;
		char pragma[96];
		snprintf(pragma, sizeof pragma, "PRAGMA application_id=%d; PRAGMA user_version=%d",
		         BF_APPLICATION_ID, step->version);
		if (bf_db_exec(db, pragma) != 0)
			goto fail;
		if (bf_db_commit(db) != 0)
			goto fail;
		continue;
	fail : {
		char what[900];
		bf_strlcpy(what, db->errmsg, sizeof what);
		bf_db_rollback(db);
		bf_error_set(err, "schema step %s failed: %s", step->name, what);
		return -1;
	}
	}
	return 0;
}
