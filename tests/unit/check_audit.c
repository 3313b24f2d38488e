/* check_audit.c — the hash-chained audit log. The tampering is done as an
 * attacker would: a plain sqlite3 connection without bangfu's functions,
 * dropping the triggers that stand in the way. Also: the chain over rows
 * written before the chain existed, reveals, the list and its filters, and
 * the purge (the planted ID number gone from the database and WAL files). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/purge.h"
#include "bangfu/schema.h"
#include "bangfu/store.h"
#include "bangfu/vault.h"
#include "testutil.h"

static char tmpdir[512];
static char dbpath[600];

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bf-audit-XXXXXX", base && base[0] ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(dbpath, sizeof dbpath, "%s/a.db", tmpdir);
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

static void q_copy(bf_db *db, const char *sql, char *out, size_t n)
{
	bf_stmt st;
	ck_assert_msg(bf_db_prepare(db, &st, sql) == 0, "%s", db->errmsg);
	ck_assert_int_eq(bf_step(&st), SQLITE_ROW);
	bf_col_copy(&st, 0, out, n);
	bf_finalize(&st);
}

static int64_t q_int(bf_db *db, const char *sql)
{
	int64_t v = -12345;
	ck_assert_msg(bf_db_int(db, sql, &v) == 0, "%s", db->errmsg);
	return v;
}

static void minimal_case(struct bf_case *c, const char *id)
{
	bf_case_init(c, 2026);
	struct bf_member *m = &c->members[0];
	strcpy(m->name, "赵六");
	strcpy(m->id_number, id);
	m->marital = BF_MAR_MARRIED;
	m->status = BF_ST_LAID_OFF;
	strcpy(c->phone, "13812345678");
	strcpy(c->bank_card, "6222021234567890128");
}

/* A database with an administrator "boss" logged in and a few changes. */
static void open_db(bf_db *db)
{
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(db, dbpath, BF_DB_CREATE, &err) == 0, "%s", err.msg);
	tu_key(db);
	struct bf_account_new seed[] = {
	    {"boss", NULL, BF_ROLE_ADMIN, "boss-password"},
	    {"li", NULL, BF_ROLE_CLERK, "li-passphrase"},
	};
	ck_assert_msg(bf_account_seed(db, seed, 2, &err) == 0, "%s", err.msg);
	struct bf_login_result res;
	ck_assert_int_eq(bf_account_login(db, "boss", "boss-password", NULL, &res, &err), 0);
	ck_assert_int_eq(res.status, BF_LOGIN_OK);
	for (int i = 0; i < 5; i++) {
		char v[16];
		snprintf(v, sizeof v, "%d", i + 3);
		ck_assert_int_eq(bf_setting_set(db, "publicity_days", v, &err), 0);
	}
}

static int verify(bf_db *db, struct bf_audit_report *rep, const char *known)
{
	bf_error err = {{0}};
	int rc = bf_audit_verify(db, known, rep, &err);
	ck_assert_msg(rc >= 0, "%s", err.msg);
	return rc;
}

/* The attacker's connection: plain SQLite, none of bangfu's functions. */
static void raw(const char *sql)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(dbpath, &h), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "");
	sqlite3_close(h);
}

START_TEST(test_chain_intact)
{
	bf_db db;
	open_db(&db);
	struct bf_audit_report rep;
	ck_assert_int_eq(verify(&db, &rep, NULL), 0);
	int64_t rows = q_int(&db, "SELECT count(*) FROM audit_log");
	ck_assert(rows >= 8);
	ck_assert_int_eq(rep.rows, rows);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_chain WHERE hash IS NULL"), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_chain"), rows);
	char latest[65];
	int64_t id;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_audit_latest_hash(&db, latest, &id, &err), 0);
	ck_assert_str_eq(latest, rep.latest_hash);
	ck_assert_int_eq(id, q_int(&db, "SELECT max(id) FROM audit_log"));
	ck_assert_int_eq(strlen(latest), 64);
	/* the first link starts from zeros; each salt is its own */
	ck_assert_int_eq(
	    q_int(&db, "SELECT count(*) FROM audit_chain WHERE prev = '" BF_AUDIT_GENESIS "'"), 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(DISTINCT salt) FROM audit_chain"), rows);
	/* a hash taken earlier is still in the chain after more writes */
	ck_assert_int_eq(bf_setting_set(&db, "lang", "en", &err), 0);
	ck_assert_int_eq(verify(&db, &rep, latest), 0);
	ck_assert_int_eq(verify(&db, &rep, "ab12"), 1);
	ck_assert_int_eq(rep.breaks[0].kind, BF_AUDIT_UNKNOWN_HASH);
	/* the app itself cannot rewrite or drop a link */
	ck_assert_int_ne(bf_db_exec(&db, "UPDATE audit_chain SET hash = 'x' WHERE id = 3"), 0);
	ck_assert_int_ne(bf_db_exec(&db, "DELETE FROM audit_chain WHERE id = 3"), 0);
	ck_assert_int_ne(bf_db_exec(&db, "UPDATE audit_log SET detail = '{\"purged\":true}'"
	                                 " WHERE id = 3"),
	                 0);
	/* sealing an old entry (schema/018) changes nothing else */
	ck_assert_int_ne(bf_db_exec(&db, "UPDATE audit_log SET detail_sealed = 'bf1:AAAA',"
	                                 " actor = 'x' WHERE id = 3"),
	                 0);
	ck_assert_int_ne(bf_db_exec(&db, "UPDATE audit_log SET detail = '{}' WHERE id = 3"), 0);
	/* the SQL hash tells types and boundaries apart */
	ck_assert_int_ne(q_int(&db, "SELECT bf_sha256('ab', 'c') = bf_sha256('a', 'bc')"), 1);
	ck_assert_int_ne(q_int(&db, "SELECT bf_sha256(1) = bf_sha256('1')"), 1);
	ck_assert_int_ne(q_int(&db, "SELECT bf_sha256(NULL) = bf_sha256('')"), 1);
	char hex[65];
	bf_sha256_hex("abc", 3, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	bf_db_close(&db);
}
END_TEST

/* An old entry's detail sealed (schema/018): a sealing that is not of its
 * own detail is caught with the key; a true one verifies. */
START_TEST(test_sealed_old_entry)
{
	bf_db db;
	open_db(&db);
	bf_error err = {{0}};
	int64_t id = q_int(&db, "SELECT min(id) FROM audit_log WHERE tbl = 'setting'");
	char *sealed = NULL;
	bf_stmt st;
	ck_assert_int_eq(bf_db_prepare(&db, &st, "SELECT detail FROM audit_log WHERE id = :id"), 0);
	ck_assert_int_eq(bf_bind_int(&st, ":id", id), 0);
	ck_assert_int_eq(bf_step(&st), SQLITE_ROW);
	char *detail = strdup(bf_col_text(&st, 0));
	bf_finalize(&st);
	/* sealed under another entry's id: does not open as this one's */
	ck_assert_int_eq(bf_vault_seal(&db, detail, "audit_log.detail", "1", &sealed, &err), 0);
	char sql[1024];
	snprintf(sql, sizeof sql, "UPDATE audit_log SET detail_sealed = '%s' WHERE id = %lld",
	         sealed, (long long)id);
	ck_assert_int_eq(bf_db_exec(&db, sql), 0);
	struct bf_audit_report rep;
	ck_assert_int_eq(verify(&db, &rep, NULL), 1);
	ck_assert_int_eq(rep.breaks[0].kind, BF_AUDIT_EDITED);
	ck_assert_int_eq(rep.breaks[0].row_id, id);
	/* without the key only the chain's links are checked */
	bf_vault_lock(&db);
	ck_assert_int_eq(verify(&db, &rep, NULL), 0);
	free(sealed);
	free(detail);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_edit_detected)
{
	bf_db db;
	open_db(&db);
	bf_db_close(&db);
	/* edit the detail of the row that set publicity_days to 4 (to 9); the
	 * trigger is put back afterwards */
	raw("CREATE TEMP TABLE t AS SELECT sql FROM sqlite_schema WHERE name = "
	    "'audit_log_no_update';"
	    "DROP TRIGGER audit_log_no_update;"
	    "UPDATE audit_log SET detail = replace(detail, '\"4\"', '\"9\"') WHERE id = (SELECT"
	    " min(id) FROM audit_log WHERE tbl = 'setting' AND instr(detail, '\"4\"') > 0);");
	bf_error err = {{0}};
	ck_assert_int_eq(bf_store_open(&db, dbpath, 0, &err), 0);
	tu_key(&db);
	struct bf_audit_report rep;
	ck_assert_int_eq(verify(&db, &rep, NULL), 1);
	int64_t edited = q_int(&db, "SELECT min(id) FROM audit_log WHERE tbl = 'setting'"
	                            " AND instr(detail, '\"9\"') > 0");
	/* the dropped trigger is reported, and the row named */
	bool named = false, trig = false;
	for (int i = 0; i < rep.nbreaks; i++) {
		named = named ||
		        (rep.breaks[i].kind == BF_AUDIT_EDITED && rep.breaks[i].row_id == edited);
		trig = trig || (rep.breaks[i].kind == BF_AUDIT_TRIGGER_MISSING &&
		                !strcmp(rep.breaks[i].what, "audit_log_no_update"));
	}
	ck_assert(named && trig);
	ck_assert_int_eq(rep.problems, 2);
	char line[256];
	for (int i = 0; i < rep.nbreaks; i++)
		if (rep.breaks[i].kind == BF_AUDIT_EDITED)
			bf_audit_break_text(&rep.breaks[i], line, sizeof line);
	{
		char want[96];
		snprintf(want, sizeof want, "Row %lld was edited: it no longer matches its hash.",
		         (long long)edited);
		ck_assert_str_eq(line, want);
	}
	bf_db_close(&db);
}
END_TEST

/* Sealed values changed behind the triggers (issue 13 with issue 12): the
 * attacker has the data key (logged in: bf_seal and bf_bidx work on the
 * connection) and writes well-formed ciphertext with the triggers off. The
 * replay compares the sealed columns' ciphertext with the log's (a save that
 * changes nothing keeps it), and the derived columns (blind index, mask,
 * birth year) with what their sealed source opens to. */
static bool has_change(const struct bf_audit_report *rep, int64_t row, const char *what)
{
	for (int i = 0; i < rep->nbreaks; i++)
		if (rep->breaks[i].kind == BF_AUDIT_ROW_CHANGED && rep->breaks[i].row_id == row &&
		    !strcmp(rep->breaks[i].what, what))
			return true;
	return false;
}

static void triggers(bf_db *db, int on)
{
	ck_assert_int_eq(sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, on, NULL),
	                 SQLITE_OK);
}

START_TEST(test_sealed_change_detected)
{
	bf_db db;
	open_db(&db);
	bf_error err = {{0}};
	struct bf_case *c = malloc(sizeof *c);
	minimal_case(c, "11010519491231002X");
	strcpy(c->members[0].birth_date, "1949-12-31");
	ck_assert_msg(bf_case_save(&db, c, &err) == 0, "%s", err.msg);
	/* saved again unchanged: the same ciphertext, nothing to report */
	ck_assert_msg(bf_case_save(&db, c, &err) == 0, "%s", err.msg);
	int64_t cid = c->id, mid = q_int(&db, "SELECT max(id) FROM member");
	free(c);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM case_file WHERE bank_card LIKE 'bf1:%'"
	                            " AND id_number LIKE 'bf1:%'"),
	                 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM member WHERE birth_sealed LIKE 'bf1:%'"
	                            " AND birth_year = 1949 AND birth_date IS NULL"),
	                 1);
	struct bf_audit_report rep;
	ck_assert_int_eq(verify(&db, &rep, NULL), 0);

	/* a bank card sealed anew for the same row and column: it opens */
	triggers(&db, 0);
	ck_assert_int_eq(sqlite3_exec(db.h,
	                              "UPDATE case_file SET bank_card = bf_seal("
	                              "'6222020000000000001', 'case_file.bank_card', id)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	triggers(&db, 1);
	ck_assert_int_eq(verify(&db, &rep, NULL), 1);
	ck_assert(has_change(&rep, cid, "case_file.bank_card"));
	char line[300] = "";
	for (int i = 0; i < rep.nbreaks; i++)
		if (rep.breaks[i].kind == BF_AUDIT_ROW_CHANGED)
			bf_audit_break_text(&rep.breaks[i], line, sizeof line);
	ck_assert_msg(strstr(line, "case_file") && strstr(line, "bank_card differs"), "%s", line);

	/* the birth date sealed anew with its readable year to match */
	triggers(&db, 0);
	ck_assert_int_eq(sqlite3_exec(db.h,
	                              "UPDATE member SET birth_sealed = bf_seal('1990-01-01',"
	                              " 'member.birth_sealed', case_id), birth_year = 1990",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	triggers(&db, 1);
	ck_assert_int_eq(verify(&db, &rep, NULL), 1);
	ck_assert(has_change(&rep, mid, "member.birth_sealed"));
	ck_assert(!has_change(&rep, mid, "member.birth_year")); /* it matches its source */

	/* the derived columns the log does not hold: the readable year alone,
	 * another person's blind index and mask on the file */
	triggers(&db, 0);
	ck_assert_int_eq(
	    sqlite3_exec(db.h,
	                 "UPDATE member SET birth_year = 1960;"
	                 "UPDATE case_file SET id_bidx = bf_bidx('320102198001010011', 'id'),"
	                 " id_mask = bf_id_mask('320102198001010011')",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	triggers(&db, 1);
	ck_assert_int_eq(verify(&db, &rep, NULL), 1);
	ck_assert(has_change(&rep, mid, "member.birth_year"));
	ck_assert(has_change(&rep, cid, "case_file.id_bidx"));
	ck_assert(has_change(&rep, cid, "case_file.id_mask"));
	ck_assert(has_change(&rep, cid, "case_file.bank_card"));

	/* a sealed value moved from another column does not open: named too */
	triggers(&db, 0);
	ck_assert_int_eq(sqlite3_exec(db.h,
	                              "UPDATE member SET id_number = (SELECT phone FROM case_file)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	triggers(&db, 1);
	ck_assert_int_eq(verify(&db, &rep, NULL), 1);
	ck_assert(has_change(&rep, mid, "member.id_number"));
	bf_db_close(&db);
}
END_TEST

START_TEST(test_edit_of_any_column_detected)
{
	static const char *const edits[] = {
	    "UPDATE audit_log SET actor = 'li' WHERE id = 6",
	    "UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE id = 6",
	    "UPDATE audit_log SET action = 'insert' WHERE id = 6",
	    "UPDATE audit_log SET row_id = 99 WHERE id = 6",
	    "UPDATE audit_log SET case_id = 1 WHERE id = 6",
	    "UPDATE audit_chain SET detail_hash = '00' WHERE id = 6",
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(edits); i++) {
		teardown();
		setup();
		bf_db db;
		open_db(&db);
		bf_db_close(&db);
		char sql[512];
		snprintf(
		    sql, sizeof sql,
		    "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_chain_no_update; %s;",
		    edits[i]);
		raw(sql);
		bf_error err = {{0}};
		ck_assert_int_eq(bf_store_open(&db, dbpath, 0, &err), 0);
		tu_key(&db);
		struct bf_audit_report rep;
		ck_assert_int_eq(verify(&db, &rep, NULL), 1);
		bool found = false;
		for (int k = 0; k < rep.nbreaks; k++)
			found = found || (rep.breaks[k].row_id == 6 &&
			                  rep.breaks[k].kind == BF_AUDIT_EDITED);
		ck_assert_msg(found, "not detected: %s", edits[i]);
		bf_db_close(&db);
	}
}
END_TEST

START_TEST(test_delete_detected)
{
	bf_db db;
	open_db(&db);
	/* the last change of publicity_days (to 7) */
	int64_t last = q_int(&db, "SELECT max(id) FROM audit_log WHERE tbl = 'setting'");
	ck_assert_int_gt(last, 8);
	bf_db_close(&db);
	/* the row alone: its link is left behind */
	char sql[160];
	snprintf(sql, sizeof sql,
	         "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = %lld;",
	         (long long)last);
	raw(sql);
	bf_error err = {{0}};
	ck_assert_int_eq(bf_store_open(&db, dbpath, 0, &err), 0);
	tu_key(&db);
	struct bf_audit_report rep;
	ck_assert_int_eq(verify(&db, &rep, NULL), 1);
	ck_assert_int_eq(rep.breaks[0].kind, BF_AUDIT_TRIGGER_MISSING);
	ck_assert_int_eq(rep.breaks[1].kind, BF_AUDIT_DELETED);
	ck_assert_int_eq(rep.breaks[1].row_id, last);
	/* and the replay (issue 13): the row the deleted log row recorded no
	 * longer matches its last image */
	for (int k = 2; k < rep.nbreaks; k++)
		ck_assert_int_eq(rep.breaks[k].kind, BF_AUDIT_ROW_CHANGED);
	ck_assert_int_gt(rep.problems, 2);
	bf_db_close(&db);

	/* row and link together: the next row no longer follows */
	raw("DROP TRIGGER audit_chain_no_delete; DELETE FROM audit_log WHERE id = 7;"
	    "DELETE FROM audit_chain WHERE id = 7;");
	ck_assert_int_eq(bf_store_open(&db, dbpath, 0, &err), 0);
	tu_key(&db);
	ck_assert_int_eq(verify(&db, &rep, NULL), 1);
	bool found = false;
	for (int k = 0; k < rep.nbreaks; k++)
		if (rep.breaks[k].kind == BF_AUDIT_OUT_OF_ORDER) {
			ck_assert_int_eq(rep.breaks[k].row_id, 8);
			ck_assert_int_eq(rep.breaks[k].after_id, 6);
			found = true;
		}
	ck_assert(found);
	char line[256];
	struct bf_audit_break b = {BF_AUDIT_OUT_OF_ORDER, 8, 6, ""};
	bf_audit_break_text(&b, line, sizeof line);
	ck_assert(strstr(line, "Row 8 does not follow row 6"));
	bf_db_close(&db);
}
END_TEST

START_TEST(test_tail_cut_needs_a_known_hash)
{
	bf_db db;
	open_db(&db);
	char latest[65];
	bf_error err = {{0}};
	ck_assert_int_eq(bf_audit_latest_hash(&db, latest, NULL, &err), 0);
	int64_t last = q_int(&db, "SELECT max(id) FROM audit_log");
	bf_db_close(&db);
	char sql[512];
	snprintf(
	    sql, sizeof sql,
	    "CREATE TEMP TABLE t (s); INSERT INTO t SELECT sql FROM sqlite_schema WHERE name IN"
	    " ('audit_log_no_delete', 'audit_chain_no_delete');"
	    "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_chain_no_delete;"
	    "DELETE FROM audit_log WHERE id = %lld; DELETE FROM audit_chain WHERE id = %lld;",
	    (long long)last, (long long)last);
	raw(sql);
	/* the attacker puts the triggers back as they were */
	ck_assert_int_eq(bf_store_open(&db, dbpath, 0, &err), 0);
	tu_key(&db);
	ck_assert_int_eq(bf_db_exec(&db, "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON"
	                                 " audit_log BEGIN SELECT RAISE(ABORT, 'x'); END;"
	                                 "CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON"
	                                 " audit_chain BEGIN SELECT RAISE(ABORT, 'x'); END;"),
	                 0);
	struct bf_audit_report rep;
	/* the chain alone cannot tell a cut tail; the replay can (issue 13): the
	 * setting the last row recorded is not what the log now says it is */
	ck_assert_int_eq(verify(&db, &rep, NULL), 1);
	ck_assert_int_eq(rep.breaks[0].kind, BF_AUDIT_ROW_CHANGED);
	ck_assert_str_eq(rep.breaks[0].what, "setting.value");
	char line[256];
	bf_audit_break_text(&rep.breaks[0], line, sizeof line);
	ck_assert_msg(strstr(line, "Table setting, row 1: value differs"), "%s", line);
	/* with the one a submission package carried, the head is missing too */
	ck_assert_int_eq(verify(&db, &rep, latest), 1);
	bool unknown = false;
	for (int k = 0; k < rep.nbreaks; k++)
		unknown = unknown || rep.breaks[k].kind == BF_AUDIT_UNKNOWN_HASH;
	ck_assert(unknown);
	/* a head from paper: its first 16 hex digits */
	char paper[17];
	bf_strlcpy(paper, latest, sizeof paper);
	ck_assert_int_eq(verify(&db, &rep, paper), 1);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_swap_detected)
{
	bf_db db;
	open_db(&db);
	bf_db_close(&db);
	/* swap the contents of rows 5 and 6 */
	raw("DROP TRIGGER audit_log_no_update;"
	    "CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE id IN (5, 6);"
	    "UPDATE audit_log SET (at, actor, action, tbl, row_id, case_id, detail) ="
	    " (SELECT at, actor, action, tbl, row_id, case_id, detail FROM t WHERE t.id = 11 -"
	    " audit_log.id) WHERE id IN (5, 6);");
	bf_error err = {{0}};
	ck_assert_int_eq(bf_store_open(&db, dbpath, 0, &err), 0);
	tu_key(&db);
	struct bf_audit_report rep;
	ck_assert_int_eq(verify(&db, &rep, NULL), 1);
	ck_assert_int_eq(rep.problems, 3); /* the trigger, row 5, row 6 */
	ck_assert_int_eq(rep.breaks[1].row_id, 5);
	ck_assert_int_eq(rep.breaks[2].row_id, 6);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_reorder_detected)
{
	bf_db db;
	open_db(&db);
	bf_db_close(&db);
	/* move whole rows, links and all: 5 becomes 6 and 6 becomes 5 */
	raw("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_chain_no_update;"
	    "UPDATE audit_log SET id = -1 WHERE id = 5; UPDATE audit_log SET id = 5 WHERE id = 6;"
	    "UPDATE audit_log SET id = 6 WHERE id = -1;"
	    "UPDATE audit_chain SET id = -1 WHERE id = 5; UPDATE audit_chain SET id = 5 WHERE id = "
	    "6;"
	    "UPDATE audit_chain SET id = 6 WHERE id = -1;");
	bf_error err = {{0}};
	ck_assert_int_eq(bf_store_open(&db, dbpath, 0, &err), 0);
	tu_key(&db);
	struct bf_audit_report rep;
	ck_assert_int_eq(verify(&db, &rep, NULL), 1);
	int64_t first_row = 0;
	for (int k = 0; k < rep.nbreaks && !first_row; k++)
		first_row = rep.breaks[k].row_id;
	ck_assert_int_eq(first_row, 5);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_unchained_row_detected)
{
	bf_db db;
	open_db(&db);
	bf_db_close(&db);
	raw("DROP TRIGGER audit_log_chain; DROP TRIGGER audit_log_need_actor;"
	    "INSERT INTO audit_log (at, actor, action, tbl, detail)"
	    " VALUES ('2026-01-01T00:00:00Z', 'boss', 'insert', 'setting', '{}');");
	bf_error err = {{0}};
	ck_assert_int_eq(bf_store_open(&db, dbpath, 0, &err), 0);
	tu_key(&db);
	struct bf_audit_report rep;
	ck_assert_int_eq(verify(&db, &rep, NULL), 1);
	bool found = false;
	int64_t last = q_int(&db, "SELECT max(id) FROM audit_log");
	for (int k = 0; k < rep.nbreaks; k++)
		found = found ||
		        (rep.breaks[k].kind == BF_AUDIT_UNCHAINED && rep.breaks[k].row_id == last);
	ck_assert(found);
	bf_db_close(&db);
}
END_TEST

/* A database written before 003 (accounts and the chain) is chained when
 * it is upgraded, rows already there included. */
START_TEST(test_chain_over_older_rows)
{
	bf_db db;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_db_open(&db, dbpath, BF_DB_CREATE, &err), 0);
	tu_key(&db);
	bf_db_set_actor(&db, "old-timer");
	bf_test_schema_before(&db, 3);
	ck_assert_int_eq(bf_db_exec(&db, "INSERT INTO setting VALUES ('a', '1');"
	                                 "INSERT INTO setting VALUES ('b', '2');"
	                                 "UPDATE setting SET value = '3' WHERE key = 'a';"),
	                 0);
	int64_t before = q_int(&db, "SELECT count(*) FROM audit_log");
	ck_assert(before >= 3);
	bf_db_close(&db);
	ck_assert_msg(bf_store_open(&db, dbpath, 0, &err) == 0, "%s", err.msg);
	tu_key(&db);
	int64_t after = q_int(&db, "SELECT count(*) FROM audit_log"); /* later steps may log */
	ck_assert(after >= before);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_chain"), after);
	struct bf_audit_report rep;
	ck_assert_int_eq(verify(&db, &rep, NULL), 0);
	ck_assert_int_eq(rep.rows, after);
	/* and it goes on from there */
	bf_db_set_actor(&db, "old-timer");
	ck_assert_int_eq(bf_setting_set(&db, "c", "3", &err), 0);
	ck_assert_int_eq(verify(&db, &rep, NULL), 0);
	ck_assert_int_eq(rep.rows, after + 1);
	bf_db_close(&db);
}
END_TEST

/* ---- listing, masking, reveals ---------------------------------------------------- */

struct collect {
	int n;
	char first_tbl[32];
	char first_detail[512];
	int64_t ids[64];
};

static int collect_row(void *ud, const struct bf_audit_row *r)
{
	struct collect *c = ud;
	if (c->n++ == 0) {
		bf_strlcpy(c->first_tbl, r->tbl, sizeof c->first_tbl);
		bf_strlcpy(c->first_detail, r->detail, sizeof c->first_detail);
	}
	return 0;
}

/* open_db with one file saved (malloc'd). */
static struct bf_case *open_with_case(bf_db *db)
{
	open_db(db);
	bf_error err = {{0}};
	struct bf_case *c = malloc(sizeof *c);
	ck_assert_ptr_nonnull(c);
	minimal_case(c, "11010519491231002X");
	ck_assert_msg(bf_case_save(db, c, &err) == 0, "%s", err.msg);
	return c;
}

static int collect_ids(void *ud, const struct bf_audit_row *r)
{
	struct collect *c = ud;
	if (c->n < (int)BF_ARRAY_LEN(c->ids))
		c->ids[c->n] = r->id;
	c->n++;
	return 0;
}

/* Keyset paging (issue 17): pages found by bf_audit_seek from the last
 * entry shown (or back from the first, or from the end) are the rows of
 * one whole listing, in both orders, with a filter. */
START_TEST(test_seek_pages)
{
	bf_db db;
	bf_error err = {{0}};
	struct bf_case *c = open_with_case(&db);
	for (int i = 0; i < 12; i++)
		ck_assert_int_eq(
		    bf_audit_reveal(&db, c->id, c->members[0].id, "id_number", "screen", &err), 0);
	for (int filt = 0; filt < 2; filt++)
		for (int old = 0; old < 2; old++) {
			struct bf_audit_filter f = {.oldest_first = old};
			if (filt)
				f.action = "reveal";
			struct collect all = {0};
			ck_assert_int_eq(bf_audit_list(&db, &f, collect_ids, &all, &err), 0);
			ck_assert_int_ge(all.n, 12);
			ck_assert_int_eq(all.n, bf_audit_count(&db, &f, &err));
			/* forward in pages of 5, each from the entry after the last */
			int64_t at = 0, k = 0;
			for (;;) {
				ck_assert_int_eq(
				    bf_audit_seek(&db, &f, at, k ? 1 : 0, &f.from_id, &err), 0);
				if (k && !f.from_id)
					break;
				struct collect pg = {0};
				f.limit = 5;
				ck_assert_int_eq(bf_audit_list(&db, &f, collect_ids, &pg, &err), 0);
				for (int i = 0; i < pg.n; i++, k++)
					ck_assert_int_eq(pg.ids[i], all.ids[k]);
				at = pg.ids[pg.n - 1];
				f.limit = 0;
			}
			ck_assert_int_eq(k, all.n);
			/* from the end, and back from an entry, and a jump */
			for (int back = 1; back <= all.n; back++) {
				ck_assert_int_eq(bf_audit_seek(&db, &f, 0, -back, &f.from_id, &err),
				                 0);
				ck_assert_int_eq(f.from_id, all.ids[all.n - back]);
			}
			ck_assert_int_eq(bf_audit_seek(&db, &f, all.ids[7], -3, &f.from_id, &err),
			                 0);
			ck_assert_int_eq(f.from_id, all.ids[4]);
			ck_assert_int_eq(bf_audit_seek(&db, &f, 0, 4, &f.from_id, &err), 0);
			ck_assert_int_eq(f.from_id, all.ids[3]);
			ck_assert_int_eq(
			    bf_audit_seek(&db, &f, all.ids[2], all.n, &f.from_id, &err), 0);
			ck_assert_int_eq(f.from_id, 0); /* past the end */
		}
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_list_and_reveal)
{
	bf_db db;
	bf_error err = {{0}};
	struct bf_case *c = open_with_case(&db);
	ck_assert_int_ne(bf_audit_reveal(&db, c->id, 0, "password", NULL, &err), 0);
	ck_assert_int_eq(bf_audit_reveal(&db, c->id, c->members[0].id, "id_number", "screen", &err),
	                 0);
	struct bf_audit_filter f = {.action = "reveal"};
	struct collect col = {0};
	ck_assert_int_eq(bf_audit_list(&db, &f, collect_row, &col, &err), 0);
	ck_assert_int_eq(col.n, 1);
	ck_assert_str_eq(col.first_tbl, "reveal_event");
	ck_assert(strstr(col.first_detail, "\"field\":\"id_number\""));
	ck_assert_int_eq(bf_audit_count(&db, &f, &err), 1);
	/* by file, by operator, by text; newest first by default */
	f = (struct bf_audit_filter){.case_id = c->id};
	ck_assert_int_eq(bf_audit_count(&db, &f, &err),
	                 q_int(&db, "SELECT count(*) FROM audit_log WHERE case_id IS NOT NULL"));
	col = (struct collect){0};
	ck_assert_int_eq(bf_audit_list(&db, &f, collect_row, &col, &err), 0);
	ck_assert_str_eq(col.first_tbl, "reveal_event");
	f = (struct bf_audit_filter){.actor = "nobody"};
	ck_assert_int_eq(bf_audit_count(&db, &f, &err), 0);
	/* the log holds the number sealed: searching its text for it finds
	 * nothing (no oracle); the file's number finds its rows */
	f = (struct bf_audit_filter){.text = "11010519491231002X", .limit = 1};
	col = (struct collect){0};
	ck_assert_int_eq(bf_audit_list(&db, &f, collect_row, &col, &err), 0);
	ck_assert_int_eq(col.n, 0);
	f = (struct bf_audit_filter){.text = c->number, .limit = 1};
	col = (struct collect){0};
	ck_assert_int_eq(bf_audit_list(&db, &f, collect_row, &col, &err), 0);
	ck_assert_int_eq(col.n, 1);
	f = (struct bf_audit_filter){.since = "2000-01-01", .until = "2000-12-31"};
	ck_assert_int_eq(bf_audit_count(&db, &f, &err), 0);

	/* masked for lists */
	char out[512];
	bf_audit_mask_detail("{\"id_number\":\"11010519491231002X\",\"phone\":\"13812345678\","
	                     "\"bank_card\":\"6222021234567890128\",\"name\":\"赵六\","
	                     "\"old\":{\"phone\":null}}",
	                     out, sizeof out);
	ck_assert_str_eq(out, "{\"id_number\":\"1101**********002*\",\"phone\":\"*******5678\","
	                      "\"bank_card\":\"***************0128\",\"name\":\"赵六\","
	                      "\"old\":{\"phone\":null}}");
	bf_audit_mask_detail("{\"phone\":\"13", out, 8); /* cut short: still a string */
	ck_assert_int_lt(strlen(out), 8);

	/* an update as old → new: sealed values and their digests as ****,
	 * numbers masked, a column only old has (set to nothing) too */
	bf_audit_detail_text("{\"old\":{\"status\":\"draft\",\"bank_card\":\"bf1:AAAA\","
	                     "\"phone\":\"13812345678\",\"amount\":150000,\"note\":\"x\"},"
	                     "\"new\":{\"status\":\"submitted\",\"bank_card\":\"bf1:BBBB\","
	                     "\"phone\":\"13900001111\",\"amount\":null}}",
	                     out, sizeof out);
	ck_assert_str_eq(out, "status: draft → submitted; bank_card: **** → ****; "
	                      "phone: *******5678 → *******1111; amount: 150000 → null; "
	                      "note: x → null");
	/* anything else: the masked detail */
	bf_audit_detail_text("{\"phone\":\"13812345678\",\"id_number\":\"bf1#abc\"}", out,
	                     sizeof out);
	ck_assert_str_eq(out, "{\"phone\":\"*******5678\",\"id_number\":\"****\"}");
	bf_audit_detail_text("{\"old\":{\"a\":1},\"new\":{\"a\":2}}", out, 12);
	ck_assert_str_eq(out, "a: 1 → 2"); /* 10 bytes: fits */
	bf_audit_detail_text("{\"old\":{\"a\":1},\"new\":{\"a\":2}}", out, 7);
	ck_assert_str_eq(out, "a: 1 "); /* cut short: never inside a character */
	free(c);
	bf_db_close(&db);
}
END_TEST

/* ---- the purge ------------------------------------------------------------------------ */

static bool file_contains(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	size_t nl = strlen(needle), cap = 1 << 20, len = 0;
	char *buf = malloc(cap);
	size_t r;
	while ((r = fread(buf + len, 1, cap - len, f)) > 0) {
		len += r;
		if (len == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	fclose(f);
	bool found = false;
	for (size_t i = 0; i + nl <= len && !found; i++)
		found = memcmp(buf + i, needle, nl) == 0;
	free(buf);
	return found;
}

/* A bulk reveal: one row per file, all in one transaction, all or none;
 * 10,000 rows timed (1,000 under the sanitizers; the figure is printed as a TAP comment). */
START_TEST(test_bulk_reveal)
{
	bf_db db;
	bf_error err = {{0}};
	struct bf_case *c = open_with_case(&db);
	int64_t before = q_int(&db, "SELECT count(*) FROM audit_log");
	/* an unknown field anywhere: nothing is written */
	struct bf_reveal bad[] = {{.case_id = c->id, .field = "all", .purpose = "x"},
	                          {.case_id = c->id, .field = "password", .purpose = "x"}};
	ck_assert_int_eq(bf_audit_reveal_many(&db, bad, 2, &err), -1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log"), before);
	/* a file named by its number is found by it */
	struct bf_reveal one = {
	    .case_number = c->number, .field = "all", .purpose = "ledger x.xlsx"};
	ck_assert_msg(bf_audit_reveal_many(&db, &one, 1, &err) == 0, "%s", err.msg);
	char sql[200];
	snprintf(sql, sizeof sql,
	         "SELECT count(*) FROM audit_log WHERE tbl = 'reveal_event' AND case_id = %lld",
	         (long long)c->id);
	ck_assert_int_eq(q_int(&db, sql), 1);

#if defined(__SANITIZE_ADDRESS__)
	enum { N = 1000 }; /* the sanitizers make each row ten times as slow */
#else
	enum { N = 10000 };
#endif
	struct bf_reveal *rv = malloc(N * sizeof *rv);
	ck_assert_ptr_nonnull(rv);
	for (int i = 0; i < N; i++)
		rv[i] = (struct bf_reveal){
		    .case_id = c->id + i, .field = "all", .purpose = "campaign ledger /tmp/l.xlsx"};
	/* CPU time is what the program costs; the wall clock also shows a
	 * shared machine's load */
	struct timespec t0, t1, c0, c1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	ck_assert_msg(bf_audit_reveal_many(&db, rv, N, &err) == 0, "%s", err.msg);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(c1.tv_sec - c0.tv_sec) * 1e3 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e6;
	double wall =
	    (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	printf("# bulk reveal: %d audit rows in one transaction: %.0f ms CPU, %.0f ms wall\n", N,
	       ms, wall);
	fflush(stdout);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'reveal_event'"),
	                 N + 1);
	ck_assert_int_eq(q_int(&db,
	                       "SELECT count(DISTINCT case_id) FROM reveal_event WHERE purpose = "
	                       "'campaign ledger /tmp/l.xlsx'"),
	                 N);
#if defined(__SANITIZE_ADDRESS__)
	ck_assert_msg(ms < 10000, "%.0f ms", ms);
#else
	ck_assert_msg(ms < 1000, "10,000 reveal rows took %.0f ms", ms);
#endif
	struct bf_audit_report rep;
	ck_assert_int_eq(verify(&db, &rep, NULL), 0); /* the chain holds */
	free(rv);
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_purge)
{
	bf_db db;
	open_db(&db);
	bf_error err = {{0}};
	const char *planted = "11010519491231002X", *kept = "110105195003070027";
	struct bf_case *c = malloc(sizeof *c);
	minimal_case(c, planted);
	ck_assert_msg(bf_case_save(&db, c, &err) == 0, "%s", err.msg);
	int64_t old_id = c->id;
	ck_assert_msg(bf_draft_save(&db, old_id, planted, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_audit_reveal(&db, old_id, 0, "id_number", NULL, &err), 0);
	minimal_case(c, kept);
	ck_assert_msg(bf_case_save(&db, c, &err) == 0, "%s", err.msg);
	int64_t open_id = c->id;
	char sql[256];
	snprintf(sql, sizeof sql, "UPDATE case_file SET status = 'closed' WHERE id = %lld",
	         (long long)old_id);
	ck_assert_int_eq(bf_db_exec(&db, sql), 0);
	char wal[700];
	snprintf(wal, sizeof wal, "%s-wal", dbpath);
	/* the number itself is sealed, never in either file; its sealed text is
	 * what the purge must remove */
	ck_assert(!file_contains(dbpath, planted) && !file_contains(wal, planted));
	char sealed_old[256], sealed_kept[256];
	snprintf(sql, sizeof sql, "SELECT id_number FROM case_file WHERE id = %lld",
	         (long long)old_id);
	q_copy(&db, sql, sealed_old, sizeof sealed_old);
	snprintf(sql, sizeof sql, "SELECT id_number FROM case_file WHERE id <> %lld",
	         (long long)old_id);
	q_copy(&db, sql, sealed_kept, sizeof sealed_kept);
	ck_assert(!strncmp(sealed_old, "bf1:", 4));
	ck_assert(file_contains(dbpath, sealed_old) || file_contains(wal, sealed_old));

	/* not yet due: closed today, kept 10 years */
	bf_date today = bf_date_today();
	struct bf_purge_candidate *cand;
	size_t n;
	char cutoff[11];
	ck_assert_int_eq(bf_purge_candidates(&db, today, &cand, &n, cutoff, &err), 0);
	ck_assert_int_eq(n, 0);
	free(cand);
	int y, m, d;
	bf_date_to_ymd(today, &y, &m, &d);
	bf_date later = bf_date_from_ymd(y + 11, m, d == 29 && m == 2 ? 28 : d);
	ck_assert_int_eq(bf_purge_candidates(&db, later, &cand, &n, cutoff, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(cand[0].case_id, old_id);
	free(cand);

	/* a clerk may not */
	struct bf_login_result res;
	ck_assert_int_eq(bf_account_login(&db, "li", "li-passphrase", NULL, &res, &err), 0);
	struct bf_purge_result pr;
	ck_assert_int_ne(bf_purge_run(&db, later, &pr, &err), 0);
	ck_assert_int_eq(bf_account_login(&db, "boss", "boss-password", NULL, &res, &err), 0);

	ck_assert_msg(bf_purge_run(&db, later, &pr, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(pr.cases, 1);
	ck_assert(pr.audit_rows >= 3);
	ck_assert(pr.checkpointed);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM case_file WHERE id = %lld",
	         (long long)old_id);
	ck_assert_int_eq(q_int(&db, sql), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM member"), 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM draft"), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM purged_case"), 1);
	snprintf(
	    sql, sizeof sql,
	    "SELECT count(*) FROM audit_log WHERE case_id = %lld AND detail <> '{\"purged\":true}'",
	    (long long)old_id);
	ck_assert_int_eq(q_int(&db, sql), 0);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE case_id = %lld",
	         (long long)open_id);
	ck_assert(q_int(&db, sql) > 0);

	/* the chain still holds, with the blanked rows accepted */
	struct bf_audit_report rep;
	ck_assert_int_eq(verify(&db, &rep, NULL), 0);
	ck_assert_int_eq(rep.purged_rows, pr.audit_rows);

	/* the planted number is in neither file; the other file's is */
	ck_assert(!file_contains(dbpath, sealed_old));
	ck_assert(!file_contains(wal, sealed_old));
	ck_assert(file_contains(dbpath, sealed_kept));
	ck_assert(!file_contains(dbpath, kept)); /* sealed, never plain */

	/* nothing more is due; a second run does nothing */
	ck_assert_int_eq(bf_purge_run(&db, later, &pr, &err), 0);
	ck_assert_int_eq(pr.cases, 0);
	free(c);
	bf_db_close(&db);
}
END_TEST

/* schema/025: inside a purge (the purging flag) the audit rows of a row
 * listed in purged_row, up to its audit_upto, may be blanked and lose their
 * salt, and no other; audit verify accepts those. A spot check's rows name
 * no file (case_id NULL), which is why the list exists. */
START_TEST(test_purged_row_rule)
{
	bf_db db;
	open_db(&db);
	char sql[400];
	int64_t ids[3];
	const char *const rows[][2] = {
	    {"insert", "{\"id\":7,\"problem\":\"邻居说欠款\"}"},
	    {"update", "{\"old\":{\"problem\":\"邻居说欠款\"},\"new\":{\"problem\":\"已核实\"}}"},
	    {"update", "{\"old\":{\"problem\":\"已核实\"},\"new\":{\"problem\":\"再访\"}}"}};
	int64_t other = q_int(&db, "SELECT max(id) FROM audit_log WHERE tbl = 'setting'");
	for (int i = 0; i < 3; i++) {
		snprintf(sql, sizeof sql,
		         "INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)"
		         " VALUES (bf_now(), bf_actor(), '%s', 'spotcheck_item', 7, NULL, '%s')",
		         rows[i][0], rows[i][1]);
		ck_assert_msg(bf_db_exec(&db, sql) == 0, "%s", db.errmsg);
		ids[i] = q_int(&db, "SELECT max(id) FROM audit_log");
		if (i == 1) { /* listed up to here: the third row comes after */
			ck_assert_int_eq(
			    bf_db_exec(
			        &db, "INSERT INTO purge_run (at, actor, cutoff, retention_years,"
			             " cases) VALUES (bf_now(), bf_actor(), '2020-01-01', 10, 0)"),
			    0);
			snprintf(sql, sizeof sql,
			         "INSERT INTO purged_row (tbl, row_id, audit_upto, purge_id) VALUES"
			         " ('spotcheck_item', 7, %lld, (SELECT max(id) FROM purge_run))",
			         (long long)ids[1]);
			ck_assert_msg(bf_db_exec(&db, sql) == 0, "%s", db.errmsg);
		}
	}
	ck_assert_int_ne(bf_db_exec(&db,
	                            "INSERT INTO purged_row (tbl, row_id, audit_upto, purge_id)"
	                            " VALUES ('setting', 1, 1, 1)"),
	                 0);
#define BLANK "UPDATE audit_log SET detail = '{\"purged\":true}' WHERE id = %lld"
#define UNSALT "UPDATE audit_chain SET salt = NULL WHERE id = %lld"
	snprintf(sql, sizeof sql, BLANK, (long long)ids[0]);
	ck_assert_int_ne(bf_db_exec(&db, sql), 0); /* outside a purge */
	db.purging = true;
	int64_t refused[] = {other, ids[2]};
	for (int i = 0; i < 2; i++) {
		snprintf(sql, sizeof sql, BLANK, (long long)refused[i]);
		ck_assert_int_ne(bf_db_exec(&db, sql), 0);
		snprintf(sql, sizeof sql, UNSALT, (long long)refused[i]);
		ck_assert_int_ne(bf_db_exec(&db, sql), 0);
	}
	snprintf(sql, sizeof sql,
	         "UPDATE audit_log SET detail = '{\"purged\":true}', actor = 'x' WHERE id = %lld",
	         (long long)ids[0]);
	ck_assert_int_ne(bf_db_exec(&db, sql), 0); /* nothing else changes */
	for (int i = 0; i < 2; i++) {
		snprintf(sql, sizeof sql, BLANK, (long long)ids[i]);
		ck_assert_msg(bf_db_exec(&db, sql) == 0, "%s", db.errmsg);
		snprintf(sql, sizeof sql, UNSALT, (long long)ids[i]);
		ck_assert_msg(bf_db_exec(&db, sql) == 0, "%s", db.errmsg);
	}
	db.purging = false;
#undef BLANK
#undef UNSALT
	struct bf_audit_report rep;
	ck_assert_int_eq(verify(&db, &rep, NULL), 0);
	ck_assert_int_eq(rep.purged_rows, 2);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_blanking_without_purge_detected)
{
	bf_db db;
	bf_error err = {{0}};
	struct bf_case *c = open_with_case(&db);
	char sql[512];
	int64_t row = q_int(&db, "SELECT min(id) FROM audit_log WHERE tbl = 'member'");
	bf_db_close(&db);
	/* pretend a purge: blank a row and drop its salt */
	snprintf(sql, sizeof sql,
	         "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_chain_no_update;"
	         "UPDATE audit_log SET detail = '{\"purged\":true}' WHERE id = %lld;"
	         "UPDATE audit_chain SET salt = NULL WHERE id = %lld;",
	         (long long)row, (long long)row);
	raw(sql);
	ck_assert_int_eq(bf_store_open(&db, dbpath, 0, &err), 0);
	tu_key(&db);
	struct bf_audit_report rep;
	ck_assert_int_eq(verify(&db, &rep, NULL), 1);
	bool found = false;
	for (int k = 0; k < rep.nbreaks; k++)
		found = found ||
		        (rep.breaks[k].kind == BF_AUDIT_BAD_PURGE && rep.breaks[k].row_id == row);
	ck_assert(found);
	free(c);
	bf_db_close(&db);
}
END_TEST

static Suite *audit_suite(void)
{
	Suite *s = suite_create("audit");
	TCase *tc = tcase_create("chain");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_chain_intact);
	tcase_add_test(tc, test_edit_detected);
	tcase_add_test(tc, test_sealed_old_entry);
	tcase_add_test(tc, test_edit_of_any_column_detected);
	tcase_add_test(tc, test_sealed_change_detected);
	tcase_add_test(tc, test_delete_detected);
	tcase_add_test(tc, test_tail_cut_needs_a_known_hash);
	tcase_add_test(tc, test_swap_detected);
	tcase_add_test(tc, test_reorder_detected);
	tcase_add_test(tc, test_unchained_row_detected);
	tcase_add_test(tc, test_chain_over_older_rows);
	tcase_add_test(tc, test_list_and_reveal);
	tcase_add_test(tc, test_seek_pages);
	tcase_add_test(tc, test_bulk_reveal);
	tcase_add_test(tc, test_blanking_without_purge_detected);
	suite_add_tcase(s, tc);
	tc = tcase_create("purge");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_purge);
	tcase_add_test(tc, test_purged_row_rule);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "", 1);
	setenv("BANGFU_TEST_PWHASH_MIN", "1", 1); /* tests only: cheap hashing */
	Suite *suites[] = {audit_suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
