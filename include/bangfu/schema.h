/* schema.h — numbered schema files compiled into the binary, applied by
 * PRAGMA user_version. */
#ifndef BANGFU_SCHEMA_H
#define BANGFU_SCHEMA_H

#include "bangfu/db.h"

/* 'BFU1' — marks a SQLite file as a bangfu database. */
#define BF_APPLICATION_ID 0x42465531

struct bf_schema_step {
	int version;      /* NNN of schema/NNN_name.sql */
	const char *name; /* "001_init.sql" */
	const char *sql;
};
/* Generated at build time from schema/NNN_*.sql (tools/embed-schema.sh). */
extern const struct bf_schema_step bf_schema_steps[];
extern const size_t bf_schema_nsteps;

/* The version this binary writes. */
int bf_schema_latest(void);

/* Check that the file is ours and not newer than we know; an empty database
 * is stamped with the application id. Applies each missing step inside its
 * own BEGIN IMMEDIATE, atomically. A file that is not ours, or from a newer
 * version, is refused with a clear message and left untouched. */
int bf_schema_migrate(bf_db *db, bf_error *err);
/* The same over any list of steps (ascending versions); bf_schema_migrate
 * passes the compiled-in ones. Before the first step that runs on a file
 * that already holds a schema, the whole file is copied beside itself as
 * PATH.before-N (N = that step's number; PATH.before-N.2, .3... when such a
 * copy is already there, never overwritten), mode 0600, under the write lock.
 * db->upgrade_from, upgrade_to and upgrade_backup tell what was done, for the
 * caller to say so; upgrade_to is 0 when no step ran. A failing step rolls
 * back itself; the copy stays, and the message names it. */
int bf_schema_migrate_steps(bf_db *db, const struct bf_schema_step *steps, size_t nsteps,
                            bf_error *err);

/* Only the check of bf_schema_migrate (ours, or empty; not newer); writes
 * nothing. For read-only opens. */
int bf_schema_check(bf_db *db, bf_error *err);
/* The step after whose SQL bf_schema_rebuild_checks runs (schema/026),
 * with foreign keys off around its transaction. */
#define BF_SCHEMA_STEP_CHECKS 26
/* The constant lists `x IN (c1, c2...)` and `x NOT IN (...)` of sql, where x
 * is a column name alone, written as comparisons: `(x BETWEEN lo AND hi)`
 * when the constants are a run of integers, else `(x = c1 OR x = c2...)`
 * (`<>` joined by AND for NOT IN); comments and string literals untouched.
 * Malloc'd; NULL when out of memory. */
char *bf_schema_rewrite_in(const char *sql);
/* Inside a write transaction with foreign keys off: every table but
 * audit_log and audit_chain whose SQL bf_schema_rewrite_in changes is made
 * again with the rewritten SQL (rows with their rowids, its indexes and
 * triggers from sqlite_schema, its AUTOINCREMENT counter), the hot tables
 * first; then PRAGMA foreign_key_check must find nothing. */
int bf_schema_rebuild_checks(bf_db *db, bf_error *err);
/* The step after whose SQL bf_schema_rewrite_checks_in_place runs
 * (schema/029). */
#define BF_SCHEMA_STEP_CHECKS_IN_PLACE 29
/* Inside a write transaction: every table whose SQL bf_schema_rewrite_in
 * changes (after 026, only audit_log) gets the rewritten SQL straight in
 * sqlite_schema, nothing copied (sqlite.org/lang_altertable.html, changes
 * that do not affect the on-disk content): writable_schema on (the
 * connection's defensive mode lifted meanwhile and put back), schema_version
 * raised, writable_schema reset; then PRAGMA quick_check of each such table
 * must say ok, or -1 with the first thing it found (the caller rolls back). */
int bf_schema_rewrite_checks_in_place(bf_db *db, bf_error *err);
/* The file's application_id, user_version and number of schema objects. */
int bf_schema_read_ids(bf_db *db, int64_t *app, int64_t *ver, int64_t *tables);

#endif
