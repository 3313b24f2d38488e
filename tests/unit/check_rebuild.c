/* check_rebuild.c — schema/026: CHECKs that list constants rewritten as
 * comparisons, the tables rebuilt keeping rows, rowids, indexes, triggers,
 * statistics and counters (issue 17, item 4). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bangfu/audit.h"
#include "bangfu/casefile.h"
#include "bangfu/schema.h"
#include "bangfu/store.h"
#include "testutil.h"

static char tmpdir[512];

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bf-rebuild-XXXXXX", base && base[0] ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void teardown(void)
{
	if (tmpdir[0])
		nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *in_tmp(const char *name)
{
	static char buf[2][1024];
	static int i;
	i = (i + 1) % 2;
	snprintf(buf[i], sizeof buf[i], "%s/%s", tmpdir, name);
	return buf[i];
}

static int64_t q_int(bf_db *db, const char *sql)
{
	int64_t v = -12345;
	ck_assert_msg(bf_db_int(db, sql, &v) == 0, "%s: %s", sql, db->errmsg);
	return v;
}

/* Every row of every statement's result, as text (malloc'd). */
static char *dump(bf_db *db, const char *sql)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(f);
	sqlite3_stmt *st;
	ck_assert_msg(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
	              sqlite3_errmsg(db->h));
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			const unsigned char *v = sqlite3_column_text(st, c);
			fprintf(f, "%s%s", c ? "|" : "", v ? (const char *)v : "<null>");
		}
		fputc('\n', f);
	}
	sqlite3_finalize(st);
	fclose(f);
	return out;
}

/* The schema as text: what a new file and an upgraded one must share. */
static char *schema_text(bf_db *db)
{
	return dump(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL"
	                " ORDER BY type, name");
}

/* Every row of every table (rowid first where there is one), table by table. */
static char *all_rows(bf_db *db)
{
	char *names = dump(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	for (char *save = NULL, *t = strtok_r(names, "\n", &save); t;
	     t = strtok_r(NULL, "\n", &save)) {
		char sql[256];
		/* SQLite's own tables: their rowids are not kept, their rows are */
		if (!strncmp(t, "sqlite_", 7))
			snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY 1, 2", t);
		else
			snprintf(sql, sizeof sql, "SELECT rowid, * FROM \"%s\" ORDER BY rowid", t);
		sqlite3_stmt *probe = NULL;
		if (sqlite3_prepare_v2(db->h, sql, -1, &probe, NULL) != SQLITE_OK)
			snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", t); /* WITHOUT ROWID */
		sqlite3_finalize(probe);
		char *rows = dump(db, sql);
		fprintf(f, "== %s\n%s", t, rows);
		free(rows);
	}
	fclose(f);
	free(names);
	return out;
}

static void assert_sound(bf_db *db)
{
	char *ic = dump(db, "PRAGMA integrity_check");
	ck_assert_str_eq(ic, "ok\n");
	free(ic);
	char *fk = dump(db, "PRAGMA foreign_key_check");
	ck_assert_str_eq(fk, "");
	free(fk);
}

/* a statement refused by a CHECK, nothing written */
static void assert_refused(bf_db *db, const char *sql)
{
	int64_t changes = sqlite3_total_changes64(db->h);
	ck_assert_msg(bf_db_exec(db, sql) != 0, "accepted: %s", sql);
	ck_assert_msg(strstr(db->errmsg, "CHECK constraint failed") != NULL, "%s: %s", sql,
	              db->errmsg);
	ck_assert_int_eq(sqlite3_total_changes64(db->h), changes);
}

/* A new, empty file brought up to the steps before `version` as this
 * program makes them (their C parts too: 026's rebuild, 027's triggers). */
static void migrate_before(bf_db *db, int version)
{
	size_t n = 0;
	while (n < bf_schema_nsteps && bf_schema_steps[n].version < version)
		n++;
	bf_error err = {{0}};
	ck_assert_msg(bf_schema_migrate_steps(db, bf_schema_steps, n, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(q_int(db, "PRAGMA user_version"), bf_schema_steps[n - 1].version);
}

/* whether writing an audit row builds a temporary table for its checks: an
 * OpenEphemeral in the statement's own program (the CHECKs are coded there;
 * the programs of the triggers follow it, each from address 0 again) */
static bool audit_insert_ephemeral(bf_db *db)
{
	char *plan = dump(db, "EXPLAIN INSERT INTO audit_log (at, actor, action, tbl, detail)"
	                      " VALUES ('2026-12-07', 'tester', 'update', 'case_file', '{}')");
	char *triggers = strstr(plan, "\n0|");
	if (triggers)
		*triggers = '\0';
	ck_assert_ptr_nonnull(strstr(plan, "|Halt|275|")); /* a CHECK's halt */
	bool yes = strstr(plan, "OpenEphemeral") != NULL;
	free(plan);
	return yes;
}

/* ---- the rewrite ------------------------------------------------------------------ */

static void rewrites(const char *in, const char *want)
{
	char *got = bf_schema_rewrite_in(in);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_rewrite)
{
	/* text: equalities joined by OR */
	rewrites("a TEXT CHECK (a IN ('x', 'y''s', 'z'))",
	         "a TEXT CHECK ((a = 'x' OR a = 'y''s' OR a = 'z'))");
	/* a run of integers, in any order, with repeats: BETWEEN */
	rewrites("n INTEGER CHECK (n IN (1, -1, 0, 0))", "n INTEGER CHECK ((n BETWEEN -1 AND 1))");
	/* integers with a gap: equalities */
	rewrites("CHECK (n in (0,2))", "CHECK ((n = 0 OR n = 2))");
	/* NOT IN: inequalities joined by AND, and NOT BETWEEN */
	rewrites("CHECK (s NOT IN ('u', 'd') OR r IS NOT NULL)",
	         "CHECK ((s <> 'u' AND s <> 'd') OR r IS NOT NULL)");
	rewrites("CHECK (k NOT IN (3,4,5))", "CHECK ((k NOT BETWEEN 3 AND 5))");
	/* quoted names, after AND */
	rewrites("CHECK (a > 0 AND \"b c\" IN ('p','q','r'))",
	         "CHECK (a > 0 AND (\"b c\" = 'p' OR \"b c\" = 'q' OR \"b c\" = 'r'))");
	/* left alone: comments, strings, subqueries, lists that are not all
	 * constants, a left side that is more than a name, qualified names */
	const char *same[] = {
	    "x TEXT, -- y IN ('a', 'b', 'c')\n z INT /* w IN (1,2,3) */",
	    "d TEXT DEFAULT 'v IN (1,2,3)'",
	    "CHECK (id IN (SELECT id FROM t))",
	    "WHERE id IN (OLD.a, NEW.b, 3)",
	    "CHECK (a + b IN (1, 2, 3))",
	    "WHERE t.a IN (1, 2, 3)",
	    "CHECK (a IN (1.5, 2, 3))",
	    "CHECK (a IN ())",
	    "CHECK (a IN ('x'",
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(same); i++)
		rewrites(same[i], same[i]);
}
END_TEST

/* ---- the rebuild, on a table made for it -------------------------------------------- */

START_TEST(test_rebuild_keeps_everything)
{
	bf_db db;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_db_open(&db, in_tmp("t.db"), BF_DB_CREATE, &err), 0);
	ck_assert_int_eq(
	    bf_db_exec(
	        &db,
	        "CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT,"
	        " kind TEXT NOT NULL CHECK (kind IN ('a', 'b', 'c')),"
	        " flag INTEGER NOT NULL DEFAULT 0 CHECK (flag IN (-1, 0, 1)),"
	        " opt TEXT CHECK (opt IN ('p', 'q', 'r')),"
	        " state TEXT NOT NULL DEFAULT 'open' CHECK (state NOT IN ('x', 'y', 'z'))) STRICT;"
	        "CREATE TABLE child (id INTEGER PRIMARY KEY,"
	        " parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE,"
	        " grade INTEGER NOT NULL CHECK (grade IN (1, 2, 3))) STRICT;"
	        "CREATE TABLE pair (a INTEGER NOT NULL, b TEXT NOT NULL CHECK (b IN ('m','n','o')),"
	        " PRIMARY KEY (a, b)) STRICT, WITHOUT ROWID;"
	        "CREATE TABLE plain (v TEXT) STRICT;"
	        "CREATE INDEX parent_kind ON parent (kind, flag);"
	        "CREATE UNIQUE INDEX child_one ON child (parent_id, grade);"
	        "CREATE TABLE log (what TEXT) STRICT;"
	        "CREATE TRIGGER parent_logged AFTER INSERT ON parent"
	        " BEGIN INSERT INTO log VALUES ('parent ' || NEW.kind); END;"
	        "CREATE TRIGGER child_logged AFTER UPDATE ON child"
	        " BEGIN INSERT INTO log SELECT 'child of ' || kind FROM parent"
	        " WHERE id = NEW.parent_id; END;"
	        "CREATE VIEW family AS SELECT p.kind, c.grade FROM parent p JOIN child c"
	        " ON c.parent_id = p.id;"
	        "INSERT INTO parent (kind, flag, opt) VALUES ('a', 1, NULL), ('b', -1, 'q'),"
	        " ('c', 0, 'r'), ('a', 0, NULL);"
	        "DELETE FROM parent WHERE id = 4;" /* the counter stays at 4 */
	        "DELETE FROM parent WHERE id = 1;" /* a gap in the rowids */
	        "INSERT INTO child (id, parent_id, grade) VALUES (10, 2, 1), (20, 3, 3);"
	        "INSERT INTO pair VALUES (1, 'm'), (2, 'o');"
	        "INSERT INTO plain VALUES ('one'), ('two');"
	        "DELETE FROM plain WHERE v = 'one';"
	        "ANALYZE;"),
	    0);
	char *rows = all_rows(&db);
	char *others = dump(&db, "SELECT type, name, sql FROM sqlite_schema WHERE type <> 'table'"
	                         " OR name IN ('plain', 'log') ORDER BY name");
	ck_assert_int_eq(bf_db_exec(&db, "PRAGMA foreign_keys=OFF"), 0);
	ck_assert_int_eq(bf_db_begin(&db), 0);
	ck_assert_msg(bf_schema_rebuild_checks(&db, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_db_commit(&db), 0);
	ck_assert_int_eq(bf_db_exec(&db, "PRAGMA foreign_keys=ON"), 0);
	/* the same rows, rowids, statistics and counter; the same indexes,
	 * triggers and view; untouched tables as they were */
	char *rows2 = all_rows(&db);
	ck_assert_str_eq(rows2, rows);
	char *others2 = dump(&db, "SELECT type, name, sql FROM sqlite_schema WHERE type <> 'table'"
	                          " OR name IN ('plain', 'log') ORDER BY name");
	ck_assert_str_eq(others2, others);
	free(rows);
	free(rows2);
	free(others);
	free(others2);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'parent'"), 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '% IN (%'"),
	                 0);
	assert_sound(&db);
	/* no temporary table for the checks any more */
	char *plan = dump(&db, "EXPLAIN INSERT INTO parent (kind, opt) VALUES ('a', 'p')");
	ck_assert_ptr_null(strstr(plan, "OpenEphemeral"));
	free(plan);
	/* it all works: the counter goes on from 4, the trigger logs, the
	 * foreign key cascades, the view reads, the unique index refuses */
	ck_assert_int_eq(bf_db_exec(&db, "INSERT INTO parent (kind) VALUES ('b')"), 0);
	ck_assert_int_eq(sqlite3_last_insert_rowid(db.h), 5);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM log WHERE what = 'parent b'"), 2);
	ck_assert_int_eq(bf_db_exec(&db, "UPDATE child SET grade = 2 WHERE id = 10"), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM log WHERE what = 'child of b'"), 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM family"), 2);
	ck_assert_int_ne(bf_db_exec(&db, "INSERT INTO child (parent_id, grade) VALUES (2, 2)"), 0);
	ck_assert_int_ne(bf_db_exec(&db, "INSERT INTO child (parent_id, grade) VALUES (99, 1)"), 0);
	ck_assert_int_eq(bf_db_exec(&db, "DELETE FROM parent WHERE id = 2"), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM child"), 1);
	/* every kind of rewritten check still refuses what it refused */
	ck_assert_int_eq(bf_db_exec(&db, "INSERT INTO parent (kind, opt) VALUES ('c', NULL)"), 0);
	assert_refused(&db, "INSERT INTO parent (kind) VALUES ('d')");  /* text list */
	assert_refused(&db, "UPDATE parent SET flag = 2 WHERE id = 3"); /* integer run */
	assert_refused(&db, "UPDATE parent SET flag = -2 WHERE id = 3");
	assert_refused(&db, "UPDATE parent SET opt = 's' WHERE id = 3");           /* nullable */
	assert_refused(&db, "UPDATE parent SET state = 'y' WHERE id = 3");         /* NOT IN */
	assert_refused(&db, "INSERT INTO child (parent_id, grade) VALUES (3, 4)"); /* 1..3 */
	assert_refused(&db, "INSERT INTO pair VALUES (3, 'p')"); /* WITHOUT ROWID */
	ck_assert_int_eq(bf_db_exec(&db, "UPDATE parent SET flag = -1, opt = 'p', state = 'w'"
	                                 " WHERE id = 3"),
	                 0);
	bf_db_close(&db);
}
END_TEST

/* ---- the real schema ----------------------------------------------------------------- */

/* A file at each earlier version upgrades to the same schema as a new file,
 * sound, with no table but the audit's listing constants in a check. */
START_TEST(test_every_version_upgrades)
{
	bf_db db;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_store_open(&db, in_tmp("new.db"), BF_DB_CREATE, &err), 0);
	char *want = schema_text(&db);
	/* no table's checks list constants, the audit's included (029) */
	sqlite3_stmt *st;
	ck_assert_int_eq(
	    sqlite3_prepare_v2(db.h,
	                       "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
	                       " AND name NOT LIKE 'sqlite%'",
	                       -1, &st, NULL),
	    SQLITE_OK);
	int tables = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *sql = (const char *)sqlite3_column_text(st, 1);
		char *plain = bf_schema_rewrite_in(sql);
		ck_assert_ptr_nonnull(plain);
		ck_assert_msg(!strcmp(plain, sql), "%s: a check lists constants",
		              sqlite3_column_text(st, 0));
		free(plain);
		tables++;
	}
	sqlite3_finalize(st);
	ck_assert_int_ge(tables, 40);
	ck_assert_msg(!audit_insert_ephemeral(&db), "an audit row builds a temporary table");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM sqlite_schema WHERE name = 'case_file'"
	                            " AND sql LIKE '%status = ''draft'' OR%'"),
	                 1);
	bf_db_close(&db);
	int n = 0;
	for (size_t i = 0; i < bf_schema_nsteps; i++) {
		int v = bf_schema_steps[i].version;
		if (v >= bf_schema_latest())
			break;
		char name[32];
		snprintf(name, sizeof name, "v%d.db", v);
		ck_assert_int_eq(bf_db_open(&db, in_tmp(name), BF_DB_CREATE, &err), 0);
		/* not synced to the disk: 22 upgrades in the test's time */
		ck_assert_int_eq(bf_db_exec(&db, "PRAGMA synchronous=OFF"), 0);
		/* as the bangfu of that schema left it: before 026 the steps'
		 * SQL alone; from 026 on, their C parts too */
		if (v < BF_SCHEMA_STEP_CHECKS)
			bf_test_schema_before(&db, v + 1);
		else
			migrate_before(&db, v + 1);
		ck_assert_msg(bf_schema_migrate(&db, &err) == 0, "from %d: %s", v, err.msg);
		ck_assert_int_eq(db.upgrade_from, v);
		char *got = schema_text(&db);
		ck_assert_msg(!strcmp(got, want), "upgraded from %d: the schema differs", v);
		free(got);
		assert_sound(&db);
		bf_db_close(&db);
		n++;
	}
	ck_assert_int_ge(n, 18);
	free(want);
}
END_TEST

/* A file at the step before, with files in it: every row kept as it was,
 * the audit chain intact, and the rewritten checks still refuse. */
START_TEST(test_rows_kept)
{
	bf_db db;
	bf_error err = {{0}};
	const char *path = in_tmp("old.db");
	ck_assert_int_eq(bf_db_open(&db, path, BF_DB_CREATE, &err), 0);
	tu_key(&db);
	bf_db_set_actor(&db, "tester");
	bf_test_schema_before(&db, BF_SCHEMA_STEP_CHECKS);
	struct bf_case *c = malloc(sizeof *c);
	for (int k = 0; k < 3; k++) {
		bf_case_init(c, 2026);
		snprintf(c->members[0].name, sizeof c->members[0].name, "职工%d", k);
		struct bf_member *m = bf_case_add_member(c, BF_REL_CHILD);
		ck_assert_ptr_nonnull(m);
		strcpy(m->name, "孩子");
		m->count_override = k - 1;
		c->primary_cause = k;
		ck_assert_msg(bf_case_save(&db, c, &err) == 0, "%s", err.msg);
	}
	free(c);
	ck_assert_int_eq(bf_db_exec(&db, "DELETE FROM case_file WHERE id = 2"), 0);
	char *rows = all_rows(&db);
	int64_t cases = q_int(&db, "SELECT count(*) FROM case_file");
	int64_t members = q_int(&db, "SELECT count(*) FROM member");
	ck_assert_int_eq(cases, 2);
	bf_db_close(&db);

	ck_assert_msg(bf_store_open(&db, path, 0, &err) == 0, "%s", err.msg);
	tu_key(&db);
	ck_assert_int_eq(db.upgrade_to, bf_schema_latest());
	char *rows2 = all_rows(&db);
	/* later steps (027 on) may add rows or tables of their own: the
	 * rows that were there are there, byte for byte */
	ck_assert_msg(db.upgrade_to != BF_SCHEMA_STEP_CHECKS || !strcmp(rows, rows2),
	              "rows changed by the rebuild");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM case_file"), cases);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM member"), members);
	ck_assert_int_eq(q_int(&db, "SELECT max(id) FROM case_file"), 3);
	free(rows);
	free(rows2);
	assert_sound(&db);
	struct bf_audit_report rep;
	ck_assert_msg(bf_audit_verify(&db, NULL, &rep, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(rep.problems, 0);
	/* the rewritten checks of the hot tables refuse as before */
	bf_db_set_actor(&db, "tester");
	assert_refused(&db, "UPDATE member SET marital = 'bogus' WHERE id = 1");
	assert_refused(&db, "UPDATE member SET count_override = 2 WHERE id = 1");
	assert_refused(&db, "UPDATE case_file SET status = 'bogus' WHERE id = 1");
	assert_refused(&db, "UPDATE case_file SET single_parent = 2 WHERE id = 1");
	ck_assert_int_eq(bf_db_exec(&db, "UPDATE member SET marital = 'widowed' WHERE id = 1"), 0);
	ck_assert_msg(bf_audit_verify(&db, NULL, &rep, &err) == 0, "%s", err.msg);
	bf_db_close(&db);
}
END_TEST

/* ---- schema/029: the audit log's checks, in place ---------------------------------- */

static char *audit_sql(bf_db *db)
{
	return dump(db, "SELECT rootpage, sql FROM sqlite_schema WHERE name = 'audit_log'");
}

/* A file at the step before 029 (every earlier step as this program makes
 * it), with two files saved: the audit log's check is rewritten without a
 * row or page of it copied, on a connection in defensive mode too. */
START_TEST(test_audit_checks_in_place)
{
	bf_db db;
	bf_error err = {{0}};
	const char *path = in_tmp("v28.db");
	ck_assert_int_eq(bf_db_open(&db, path, BF_DB_CREATE, &err), 0);
	migrate_before(&db, BF_SCHEMA_STEP_CHECKS_IN_PLACE);
	int64_t from = q_int(&db, "PRAGMA user_version");
	tu_key(&db);
	bf_db_set_actor(&db, "tester");
	struct bf_case *c = malloc(sizeof *c);
	for (int k = 0; k < 2; k++) {
		bf_case_init(c, 2026);
		snprintf(c->members[0].name, sizeof c->members[0].name, "职工%d", k);
		ck_assert_msg(bf_case_save(&db, c, &err) == 0, "%s", err.msg);
	}
	char *before = audit_sql(&db);
	/* the trouble: the list of three builds a temporary table */
	ck_assert_ptr_nonnull(strstr(before, "CHECK (action IN ('insert', 'update', 'delete'))"));
	ck_assert(audit_insert_ephemeral(&db));
	int64_t version = q_int(&db, "PRAGMA schema_version");
	int64_t last = q_int(&db, "SELECT max(id) FROM audit_log");
	ck_assert_int_gt(last, 2);
	char *rows = dump(&db, "SELECT * FROM audit_log ORDER BY id");
	char *chain = dump(&db, "SELECT * FROM audit_chain ORDER BY id");
	bf_db_close(&db);

	ck_assert_int_eq(bf_db_open(&db, path, 0, &err), 0);
	int defensive = -1;
	sqlite3_db_config(db.h, SQLITE_DBCONFIG_DEFENSIVE, 1, &defensive);
	ck_assert_int_eq(defensive, 1);
	ck_assert_msg(bf_schema_migrate(&db, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(db.upgrade_from, from);
	ck_assert_int_eq(db.upgrade_to, bf_schema_latest());
	/* the check as comparisons, the same root page (nothing copied), the
	 * schema version raised, the same rows and chain */
	char *after = audit_sql(&db);
	ck_assert_ptr_nonnull(
	    strstr(after, "CHECK ((action = 'insert' OR action = 'update' OR action = 'delete'))"));
	ck_assert_int_eq(atoll(after), atoll(before));
	ck_assert_int_gt(q_int(&db, "PRAGMA schema_version"), version);
	char *rows2 = dump(&db, "SELECT * FROM audit_log ORDER BY id");
	char *chain2 = dump(&db, "SELECT * FROM audit_chain ORDER BY id");
	ck_assert_str_eq(rows2, rows);
	ck_assert_str_eq(chain2, chain);
	ck_assert(!audit_insert_ephemeral(&db));
	/* defensive mode as it was, writable_schema off */
	sqlite3_db_config(db.h, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
	ck_assert_int_eq(defensive, 1);
	ck_assert_int_eq(q_int(&db, "PRAGMA writable_schema"), 0);
	assert_sound(&db);
	/* the chain verifies; the check refuses what it refused; writing goes on */
	struct bf_audit_report rep;
	ck_assert_msg(bf_audit_verify(&db, NULL, &rep, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(rep.problems, 0);
	bf_db_set_actor(&db, "tester");
	assert_refused(&db, "INSERT INTO audit_log (at, actor, action, tbl, detail)"
	                    " VALUES ('2026-12-07', 'tester', 'erase', 'case_file', '{}')");
	tu_key(&db);
	bf_case_init(c, 2026);
	strcpy(c->members[0].name, "职工新");
	ck_assert_msg(bf_case_save(&db, c, &err) == 0, "%s", err.msg);
	free(c);
	ck_assert_int_gt(q_int(&db, "SELECT max(id) FROM audit_log"), last);
	ck_assert_msg(bf_audit_verify(&db, NULL, &rep, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(rep.problems, 0);
	bf_db_close(&db);
	free(before);
	free(after);
	free(rows);
	free(rows2);
	free(chain);
	free(chain2);
}
END_TEST

/* A row the new check refuses (it cannot happen: the same set; made here
 * with the checks ignored): PRAGMA quick_check finds it after the rewrite,
 * and the step refuses, the file left as it was. */
START_TEST(test_audit_checks_refused)
{
	bf_db db;
	bf_error err = {{0}};
	const char *path = in_tmp("bad.db");
	ck_assert_int_eq(bf_db_open(&db, path, BF_DB_CREATE, &err), 0);
	migrate_before(&db, BF_SCHEMA_STEP_CHECKS_IN_PLACE);
	int64_t from = q_int(&db, "PRAGMA user_version");
	bf_db_set_actor(&db, "tester");
	ck_assert_int_eq(bf_db_exec(&db, "PRAGMA ignore_check_constraints=ON;"
	                                 " INSERT INTO audit_log (at, actor, action, tbl, detail)"
	                                 " VALUES ('2026-12-07', 'tester', 'erase', 't', '{}');"
	                                 " PRAGMA ignore_check_constraints=OFF"),
	                 0);
	char *before = audit_sql(&db);
	char *schema = schema_text(&db);
	int64_t version = q_int(&db, "PRAGMA schema_version");
	bf_db_close(&db);

	ck_assert_int_eq(bf_db_open(&db, path, 0, &err), 0);
	ck_assert_int_ne(bf_schema_migrate(&db, &err), 0);
	ck_assert_msg(strstr(err.msg, "029_audit_checks.sql") &&
	                  strstr(err.msg, "quick_check(audit_log)") &&
	                  strstr(err.msg, "CHECK constraint failed in audit_log") &&
	                  strstr(err.msg, ".before-29"),
	              "%s", err.msg);
	ck_assert_int_eq(q_int(&db, "PRAGMA user_version"), from);
	ck_assert_int_eq(q_int(&db, "PRAGMA schema_version"), version);
	ck_assert_int_eq(q_int(&db, "PRAGMA writable_schema"), 0);
	char *after = audit_sql(&db);
	ck_assert_str_eq(after, before);
	char *schema2 = schema_text(&db);
	ck_assert_str_eq(schema2, schema);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE action = 'erase'"), 1);
	bf_db_close(&db);
	/* and a new connection reads the file's schema as it was */
	ck_assert_int_eq(bf_db_open(&db, path, 0, &err), 0);
	char *again = audit_sql(&db);
	ck_assert_str_eq(again, before);
	ck_assert(audit_insert_ephemeral(&db));
	bf_db_close(&db);
	free(before);
	free(after);
	free(again);
	free(schema);
	free(schema2);
}
END_TEST

static Suite *rebuild_suite(void)
{
	Suite *s = suite_create("rebuild");
	TCase *tc = tcase_create("rewrite");
	tcase_add_test(tc, test_rewrite);
	suite_add_tcase(s, tc);
	tc = tcase_create("rebuild");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_rebuild_keeps_everything);
	tcase_add_test(tc, test_rows_kept);
	tcase_add_test(tc, test_audit_checks_in_place);
	tcase_add_test(tc, test_audit_checks_refused);
	suite_add_tcase(s, tc);
	/* twenty-two upgrades: slow on a shared machine, slower under ASan */
	tc = tcase_create("every version");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_every_version_upgrades);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *s[] = {rebuild_suite()};
	return bf_test_run(s, 1);
}
