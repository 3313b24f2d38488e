/* schema.c — apply schema/NNN_*.sql steps by PRAGMA user_version. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "bangfu/audit.h"
#include "bangfu/holiday_store.h"
#include "bangfu/schema.h"
#include "bangfu/store.h"

int bf_schema_latest(void)
{
	return bf_schema_nsteps ? bf_schema_steps[bf_schema_nsteps - 1].version : 0;
}

int bf_schema_read_ids(bf_db *db, int64_t *app, int64_t *ver, int64_t *tables)
{
	if (bf_db_int(db, "PRAGMA application_id", app) != 0 ||
	    bf_db_int(db, "PRAGMA user_version", ver) != 0 ||
	    bf_db_int(db, "SELECT count(*) FROM sqlite_schema", tables) != 0)
		return -1;
	return 0;
}

/* Ours, or brand new and empty; and not newer than this program. */
static int check_ours(bf_db *db, int latest, bf_error *err)
{
	int64_t app, ver, tables;
	if (bf_schema_read_ids(db, &app, &ver, &tables) != 0) {
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
	if (ver > latest) {
		bf_error_set(
		    err,
		    "%s was written by a newer version of bangfu (schema %lld; this program "
		    "knows up to %d). Use the newer bangfu; the file was not changed",
		    db->path, (long long)ver, latest);
		return -1;
	}
	return 0;
}

int bf_schema_check(bf_db *db, bf_error *err)
{
	return check_ours(db, bf_schema_latest(), err);
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

/* The copy of the file as it was, beside it, before the first step runs:
 * PATH.before-N (N the first step to run), or PATH.before-N.2, .3, ... when
 * an earlier upgrade's copy is already there (it is never overwritten). */
static int backup_before(bf_db *db, int first_step, bf_error *err)
{
	char dest[sizeof db->upgrade_backup];
	struct stat st;
	for (int i = 1;; i++) {
		int n = i == 1 ? snprintf(dest, sizeof dest, "%s.before-%d", db->path, first_step)
		               : snprintf(dest, sizeof dest, "%s.before-%d.%d", db->path,
		                          first_step, i);
		if (n < 0 || (size_t)n >= sizeof dest) {
			bf_error_set(err, _("backup path is too long: %s"), db->path);
			return -1;
		}
		if (stat(dest, &st) != 0)
			break;
		if (i >= 999) {
			bf_error_set(err, _("too many earlier upgrade copies beside %s"), db->path);
			return -1;
		}
	}
	/* A second, read-only connection copies: SQLite's backup refuses a
	 * source connection that holds the write lock. Its snapshot is exactly
	 * what the steps start from, since nobody else can write meanwhile. */
	bf_error berr = {{0}};
	bf_db src;
	int rc = bf_db_open(&src, db->path, BF_DB_READONLY, &berr);
	if (rc == 0) {
		rc = bf_store_backup(&src, dest, 0, &berr);
		bf_db_close(&src);
	}
	if (rc != 0) {
		bf_error_set(err,
		             _("the upgrade of %s needs a copy of it first, and that failed (%s); "
		               "nothing was changed"),
		             db->path, berr.msg);
		return -1;
	}
	bf_strlcpy(db->upgrade_backup, dest, sizeof db->upgrade_backup);
	return 0;
}

static int migrate_step(bf_db *db, const struct bf_schema_step *step, int latest, bf_error *err);

int bf_schema_migrate(bf_db *db, bf_error *err)
{
	return bf_schema_migrate_steps(db, bf_schema_steps, bf_schema_nsteps, err);
}

int bf_schema_migrate_steps(bf_db *db, const struct bf_schema_step *steps, size_t nsteps,
                            bf_error *err)
{
	int latest = nsteps ? steps[nsteps - 1].version : 0;
	db->upgrade_from = db->upgrade_to = 0;
	db->upgrade_backup[0] = '\0';
	if (check_ours(db, latest, err) != 0)
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
	if (current >= latest)
		return 0;
	size_t to_run = 0, ran = 0;
	for (size_t i = 0; i < nsteps; i++)
		to_run += steps[i].version > current;
	/* told of an upgrade of a file with data (not a new file's schema); a
	 * progress line cannot stop it: each step is whole anyway */
	bf_progress_fn told = current > 0 ? db->upgrade_progress : NULL;
	(void)bf_progress_tell(told, db->upgrade_ud, 0, to_run, NULL);
	for (size_t i = 0; i < nsteps; i++) {
		const struct bf_schema_step *step = &steps[i];
		/* the table rebuild: foreign keys off around its transaction (the
		 * pragma does nothing inside one), on again whatever happens */
		bool fk_off = step->version == BF_SCHEMA_STEP_CHECKS;
		if (fk_off && bf_db_exec(db, "PRAGMA foreign_keys=OFF") != 0) {
			bf_db_error(db, err);
			return -1;
		}
		int rc = migrate_step(db, step, latest, err);
		if (fk_off && bf_db_exec(db, "PRAGMA foreign_keys=ON") != 0 && rc == 0) {
			bf_db_error(db, err);
			return -1;
		}
		if (rc != 0)
			return -1;
		if (step->version > current)
			(void)bf_progress_tell(told, db->upgrade_ud, ++ran, to_run, NULL);
	}
	return 0;
}

/* One step in its own transaction: 0 when done or not needed. */
static int migrate_step(bf_db *db, const struct bf_schema_step *step, int latest, bf_error *err)
{
	{
		if (bf_db_begin(db) != 0) {
			bf_db_error(db, err);
			return -1;
		}
		/* Read again inside the write lock: another process may have
		 * migrated meanwhile. */
		if (check_ours(db, latest, err) != 0) {
			bf_db_rollback(db);
			return -1;
		}
		int64_t ver;
		if (bf_db_int(db, "PRAGMA user_version", &ver) != 0)
			goto fail;
		if (ver >= step->version) {
			bf_db_rollback(db);
			return 0;
		}
		/* The first step to run on a file that holds data: copy the file
		 * as it is first, under the write lock, so the copy is exactly
		 * what the steps start from. A new, empty file needs none. */
		if (!db->upgrade_to) {
			db->upgrade_from = (int)ver;
			if (ver > 0 && backup_before(db, step->version, err) != 0) {
				bf_db_rollback(db);
				db->upgrade_from = 0;
				return -1;
			}
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
		if (rc == 0 && step->version == BF_SCHEMA_STEP_CHECKS &&
		    bf_schema_rebuild_checks(db, &seed_err) != 0) {
			bf_strlcpy(db->errmsg, seed_err.msg, sizeof db->errmsg);
			rc = -1;
		}
		/* 029: the checks 026 left (the audit log's) rewritten in place */
		if (rc == 0 && step->version == BF_SCHEMA_STEP_CHECKS_IN_PLACE &&
		    bf_schema_rewrite_checks_in_place(db, &seed_err) != 0) {
			bf_strlcpy(db->errmsg, seed_err.msg, sizeof db->errmsg);
			rc = -1;
		}
		/* 027: every audit insert trigger writes sealed values as digests */
		if (rc == 0 && step->version == 27 && bf_audit_lean_triggers(db) != 0)
			rc = -1;
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
		db->upgrade_to = step->version;
		return 0;
	fail : {
		char what[900];
		bf_strlcpy(what, db->errmsg, sizeof what);
		bf_db_rollback(db);
		if (db->upgrade_backup[0])
			bf_error_set(err,
			             _("schema step %s failed: %s (the file as it was before the "
			               "upgrade is at %s)"),
			             step->name, what, db->upgrade_backup);
		else
			bf_error_set(err, "schema step %s failed: %s", step->name, what);
		return -1;
	}
	}
}
