/* check_admin_ui.c — the menu, user management, the own-password change,
 * the audit log screen and the reveal key, in-process: a temporary database
 * with an administrator and a clerk, curses on an "xterm" over /dev/null at
 * 80x24, keys from a script, the screen read back as text. */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/case_query.h"
#include "bangfu/sample.h"
#include "bangfu/store.h"
#include "bangfu/ui.h"
#include "bangfu/ui_screens.h"
#include "bangfu/workflow.h"
#include "../unit/testutil.h"
#include "fresh.h"

static FILE *null_out, *null_in;
static struct bf_ctx ctx;
static struct bf_app app;
/* every dialog closed in a test, checked against a fresh draw */
static struct fresh_log dialogs;
static struct bf_keyscript ks;
static char dir[256];

#define SNAP BF_KC(KEY_MAX + 1)
#define MAX_SNAPS 8
static char snaps[MAX_SNAPS][65536];
static int n_snaps;
/* Half a wide character on screen at a SNAP (a dialog over Chinese text). */
static bool snap_split;

static bf_key snap_read(void *data, int timeout_ms)
{
	for (;;) {
		bf_key k = bf_keyscript_src(data).read(data, timeout_ms);
		if (k != SNAP)
			return k;
		int sy, sx;
		if (bf_term_split_wide(stdscr, &sy, &sx))
			snap_split = true;
		if (n_snaps < MAX_SNAPS)
			bf_term_dump(snaps[n_snaps++], sizeof snaps[0]);
	}
}

static void setup(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	setenv("LANGUAGE", "", 1);
	snprintf(dir, sizeof dir, "%s/bangfu-admin.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	bf_ctx_init(&ctx);
	snprintf(ctx.db_path, sizeof ctx.db_path, "%s/test.db", dir);
	bf_strlcpy(ctx.lang, "en", sizeof ctx.lang);
	ctx.lang_given = true;
	ctx.operator_given = false;
	ctx.today = bf_date_from_ymd(2026, 11, 28);
	ck_assert_int_eq(bf_ctx_open_db(&ctx, true), 0);
	tu_key(&ctx.db);
	ctx.db.login_hook = NULL; /* as in cmd_ui.c */

	struct bf_account_new a[] = {
	    {"boss", "王主席", BF_ROLE_ADMIN, "boss-password"},
	    {"li", "李干事", BF_ROLE_CLERK, "li-passphrase"},
	};
	bf_error err = {{0}};
	ck_assert_msg(bf_account_seed(&ctx.db, a, 2, &err) == 0, "%s", err.msg);
	ctx.db.new_recovery[0] = '\0'; /* shown by whoever seeded (init, the first-start screen) */

	null_out = fopen("/dev/null", "w");
	null_in = fopen("/dev/null", "r");
	ck_assert_int_eq(bf_term_init_on("xterm", null_out, null_in, 24, 80, &err), 0);
	bf_app_init(&app, &ctx);
	fresh_watch(&app, &dialogs);
	bf_keyscript_init(&ks);
	app.keys = (struct bf_keysrc){snap_read, &ks};
	app.confirm_quit = false;
	n_snaps = 0;
}

static void teardown(void)
{
	bf_app_finish(&app);
	bf_keyscript_free(&ks);
	bf_term_restore();
	fclose(null_out);
	fclose(null_in);
	bf_ctx_close(&ctx);
	const char *ext[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < BF_ARRAY_LEN(ext); i++) {
		char p[1100];
		snprintf(p, sizeof p, "%s%s", ctx.db_path, ext[i]);
		unlink(p);
	}
	rmdir(dir);
	fresh_verify(&dialogs);
}

static void login(const char *name, const char *pw)
{
	bf_error err = {{0}};
	struct bf_login_result res;
	ck_assert_msg(bf_account_login(&ctx.db, name, pw, NULL, &res, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(res.status, BF_LOGIN_OK);
	bf_strlcpy(ctx.operator, name, sizeof ctx.operator);
}

/* n generated cases, saved by whoever is logged in (an administrator). */
static void fill(int n)
{
	struct bf_sample s;
	bf_sample_seed(&s, 2026);
	struct bf_case *c = malloc(sizeof *c);
	ck_assert_ptr_nonnull(c);
	bf_error err = {{0}};
	for (int i = 0; i < n; i++) {
		bf_sample_case(&s, 2026, i, c);
		ck_assert_msg(bf_case_save(&ctx.db, c, &err) == 0, "case %d: %s", i, err.msg);
	}
	free(c);
}

static void keys(const char *text)
{
	bf_keyscript_type(&ks, text);
}

static void key(bf_key k)
{
	bf_keyscript_key(&ks, k);
}

static bool has(int snap, const char *text)
{
	return strstr(snaps[snap], text) != NULL;
}

/* Run the queued keys (again after an earlier run ended with the script). */
static void run_keys(void)
{
	app.stop_eof = false;
	ck_assert_int_eq(bf_app_run(&app), BF_RUN_EOF);
}

static void raw_sql(const char *sql)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(ctx.db_path, &h), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "?");
	sqlite3_close(h);
}

static int64_t raw_count(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_open(ctx.db_path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

/* ---- the menu --------------------------------------------------------------------------- */

START_TEST(test_menu_by_role)
{
	login("li", "li-passphrase");
	ck_assert_int_eq(bf_caselist_open(&app), 0);
	key('m');
	key(SNAP);
	run_keys();
	ck_assert_msg(has(0, "Change my password") && has(0, "Lock the screen") &&
	                  has(0, "About bangfu"),
	              "%s", snaps[0]);
	ck_assert_msg(!has(0, "Users") && !has(0, "Audit log"), "a clerk sees: %s", snaps[0]);
	/* and the screens refuse anyway */
	ck_assert_int_eq(bf_users_open(&app), -1);
	ck_assert_int_eq(bf_audit_open(&app), -1);
	ck_assert_msg(strstr(app.msg, "Clerk"), "%s", app.msg);

	bf_app_finish(&app);
	bf_account_logout(&ctx.db);
	login("boss", "boss-password");
	ck_assert_int_eq(bf_caselist_open(&app), 0);
	key(BF_KF(9)); /* the other key */
	key(SNAP);
	run_keys();
	ck_assert_msg(has(1, "1  Users") && has(1, "2  Audit log") && has(1, "Change my password"),
	              "%s", snaps[1]);
}
END_TEST

/* ---- users -------------------------------------------------------------------------------- */

START_TEST(test_admin_creates_and_disables_clerk)
{
	login("boss", "boss-password");
	ck_assert_int_eq(bf_caselist_open(&app), 0);
	keys("m1"); /* menu, Users */
	key(SNAP);
	key('n');
	keys("wang\t王会计\t\twang-password\twang-password");
	key(SNAP);
	key('\n');
	key(SNAP);
	run_keys();
	ck_assert_msg(has(0, "boss") && has(0, "li") && has(0, "李干事") && has(0, "Clerk"), "%s",
	              snaps[0]);
	ck_assert_msg(has(1, "New account") && has(1, "Clerk"), "%s", snaps[1]);
	ck_assert_msg(!has(1, "wang-password"), "a password on screen: %s", snaps[1]);
	ck_assert_msg(has(2, "wang") && has(2, "王会计") && has(2, "Created the account wang"),
	              "%s", snaps[2]);
	struct bf_account a;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_account_get(&ctx.db, "wang", &a, &err), 0);
	ck_assert_int_eq(a.role, BF_ROLE_CLERK);
	ck_assert(!a.disabled);

	/* wang is the last row (sorted by name): disable, confirm */
	key(BF_KC(KEY_END));
	key('\n');
	key(SNAP);
	key('\n'); /* Disable the account */
	key('y');
	key(SNAP);
	run_keys();
	ck_assert_msg(has(3, "Disable the account") && has(3, "Reset the password"), "%s",
	              snaps[3]);
	ck_assert_msg(has(4, "Disabled") && has(4, "wang is disabled"), "%s", snaps[4]);
	ck_assert_int_eq(bf_account_get(&ctx.db, "wang", &a, &err), 0);
	ck_assert(a.disabled);
	/* never deleted: still listed, and may be enabled again */
	key('\n');
	key('\n'); /* Enable the account */
	key(SNAP);
	run_keys();
	ck_assert_msg(has(5, "wang may log in again"), "%s", snaps[5]);
	ck_assert_int_eq(bf_account_get(&ctx.db, "wang", &a, &err), 0);
	ck_assert(!a.disabled);
}
END_TEST

START_TEST(test_admin_resets_password)
{
	login("boss", "boss-password");
	ck_assert_int_eq(bf_users_open(&app), 0);
	key(BF_KC(KEY_DOWN)); /* li */
	key('\n');
	key(BF_KC(KEY_END)); /* Reset the password */
	key('\n');
	keys("temporary-pass-9\ttemporary-pass-9\n");
	key(SNAP);
	run_keys();
	ck_assert_msg(has(0, "Password reset") && has(0, "The password of li is reset"), "%s",
	              snaps[0]);
	struct bf_account a;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_account_get(&ctx.db, "li", &a, &err), 0);
	ck_assert(a.must_change);
}
END_TEST

START_TEST(test_change_own_password)
{
	login("li", "li-passphrase");
	ck_assert_int_eq(bf_caselist_open(&app), 0);
	keys("m1"); /* a clerk's menu starts with Change my password */
	keys("wrong-password\tli-new-password\tli-new-password\n");
	key(SNAP);
	keys("li-passphrase\tli-new-password\tli-new-passwort\n");
	key(SNAP);
	/* a common password is refused, saying why (issue 13) */
	keys("woaini1314\twoaini1314\n");
	key(SNAP);
	keys("li-new-password\tli-new-password\n");
	key(SNAP);
	run_keys();
	ck_assert_msg(has(0, "Change my password") && has(0, "password is wrong"), "%s", snaps[0]);
	ck_assert_msg(has(1, "The two passwords differ"), "%s", snaps[1]);
	ck_assert_msg(has(2, "among the most common"), "%s", snaps[2]);
	ck_assert_msg(has(3, "Your new password is saved") && has(3, "Case files"), "%s", snaps[3]);
	for (int i = 0; i < 4; i++)
		ck_assert(!has(i, "li-new-password") && !has(i, "li-passphrase"));
	bf_account_logout(&ctx.db);
	login("li", "li-new-password");
}
END_TEST

/* ---- the audit log ------------------------------------------------------------------------ */

START_TEST(test_audit_list_verify_tamper)
{
	login("boss", "boss-password");
	fill(3);
	ck_assert_int_eq(bf_caselist_open(&app), 0);
	keys("m2"); /* Audit log */
	key(SNAP);
	key('v');
	key(SNAP);
	key('\n');
	run_keys();
	ck_assert_msg(has(0, "Audit log") && has(0, "case_file") && has(0, "boss"), "%s", snaps[0]);
	ck_assert_msg(has(0, "insert"), "%s", snaps[0]);
	/* no ID number in full in the list */
	bf_error err = {{0}};
	struct bf_case_filter f;
	memset(&f, 0, sizeof f);
	struct bf_case_row rows[3];
	int got = 0;
	ck_assert_int_eq(bf_case_page(&ctx.db, &f, 0, 0, 3, rows, &got, &err), 0);
	ck_assert_int_eq(got, 3);
	for (int i = 0; i < 3; i++)
		ck_assert_msg(!has(0, rows[i].id_number), "%s in full: %s", rows[i].id_number,
		              snaps[0]);
	ck_assert_msg(has(1, "The audit log is intact"), "%s", snaps[1]);

	/* tampering through a raw connection */
	raw_sql("DROP TRIGGER audit_log_no_update;"
	        "UPDATE audit_log SET actor = 'nobody' WHERE id = 3;");
	key('v');
	key(SNAP);
	key('\n');
	key(SNAP);
	run_keys();
	ck_assert_msg(has(2, "tampered") && has(2, "Row 3 was edited"), "%s", snaps[2]);
	ck_assert_msg(has(2, "audit_log_no_update"), "%s", snaps[2]);
	ck_assert_msg(has(3, "tampered"), "the message line keeps it: %s", snaps[3]);
}
END_TEST

/* issue 17, item 6: an update shows as old → new, in the detail line and
 * in the entry's dialog */
START_TEST(test_audit_update_old_new)
{
	login("boss", "boss-password");
	fill(1);
	ck_assert_int_eq(bf_db_exec(&ctx.db, "UPDATE case_file SET postcode = '100001'"), 0);
	ck_assert_int_eq(bf_caselist_open(&app), 0);
	keys("m2"); /* Audit log: the newest entry first */
	key(SNAP);
	key('\n');
	key(SNAP);
	run_keys();
	ck_assert_msg(has(0, "update case_file") && has(0, "postcode: ") && has(0, " → 100001"),
	              "%s", snaps[0]);
	ck_assert_msg(!has(0, "\"old\""), "no JSON for an update: %s", snaps[0]);
	ck_assert_msg(has(1, "postcode: ") && has(1, " → 100001"), "%s", snaps[1]);
}
END_TEST

START_TEST(test_audit_filter)
{
	login("boss", "boss-password");
	fill(2);
	bf_account_logout(&ctx.db);
	login("li", "li-passphrase");
	struct bf_case_filter f;
	memset(&f, 0, sizeof f);
	struct bf_case_row row;
	int got = 0;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_case_page(&ctx.db, &f, 0, 0, 1, &row, &got, &err), 0);
	ck_assert_int_eq(bf_audit_reveal(&ctx.db, row.id, 0, "id_number", "test", &err), 0);
	bf_account_logout(&ctx.db);
	login("boss", "boss-password");
	ck_assert_int_eq(bf_audit_open(&app), 0);
	key('f');
	key('\n'); /* Operator */
	keys("li\n");
	key(SNAP);
	key(BF_ESC); /* clears the filter */
	key(SNAP);
	key('f');
	key('3'); /* File number */
	key('\n');
	keys(row.number);
	key('\n');
	key(SNAP);
	run_keys();
	ck_assert_msg(has(0, "2 rows") && has(0, "reveal") && !has(0, "case_file"), "%s", snaps[0]);
	ck_assert_msg(!has(1, "2 rows") && has(1, "case_file"), "%s", snaps[1]);
	ck_assert_msg(has(2, row.number) && has(2, "reveal") && has(2, "case_file") &&
	                  !has(2, "operator"),
	              "%s", snaps[2]);
}
END_TEST

/* issue 17: the File column fits a number of any length the allocator makes
 * ("2026-10000", 10 characters, not cut to "2026-1000…"), in English and in
 * Chinese, the screen the same as one drawn fresh. */
START_TEST(test_audit_long_number_whole)
{
	if (_i)
		chinese(&ctx);
	login("boss", "boss-password");
	fill(1);
	ck_assert_int_eq(bf_db_exec(&ctx.db, "UPDATE case_file SET number = '2026-10000'"), 0);
	ck_assert_int_eq(bf_audit_open(&app), 0);
	key(SNAP);
	run_keys();
	/* in the table's row of the file's insert (the detail line under the
	 * table names the new number too) */
	const char *row = strstr(snaps[0], "insert case_file");
	ck_assert_msg(row != NULL, "%s", snaps[0]);
	const char *num = strstr(row, "2026-10000");
	ck_assert_msg(num && !memchr(row, '\n', (size_t)(num - row)), "%s", snaps[0]);
	ck_assert_msg(!has(0, "2026-1000…"), "%s", snaps[0]);
	same_as_fresh(&app, snap_split);
}
END_TEST

/* ---- the reveal key ------------------------------------------------------------------------ */

START_TEST(test_reveal_key)
{
	login("boss", "boss-password");
	fill(3);
	bf_account_logout(&ctx.db);
	login("li", "li-passphrase");
	struct bf_case_filter f;
	memset(&f, 0, sizeof f);
	f.sort = BF_SORT_NUMBER;
	struct bf_case_row row;
	int got = 0;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_case_page(&ctx.db, &f, 0, 0, 1, &row, &got, &err), 0);
	ck_assert_int_eq(got, 1);
	/* the list row holds the mask; the full number is the file's */
	struct bf_case *full = malloc(sizeof *full);
	ck_assert_int_eq(bf_case_load(&ctx.db, row.id, full, &err), 0);
	bf_strlcpy(row.id_number, full->members[0].id_number, sizeof row.id_number);
	free(full);
	ck_assert_int_eq(bf_caselist_open(&app), 0);
	int64_t before = raw_count("SELECT count(*) FROM reveal_event");
	key(SNAP);
	key('r');
	key(SNAP);
	key('\n');
	key(SNAP);
	run_keys();
	ck_assert_msg(!has(0, row.id_number), "in full before the reveal: %s", snaps[0]);
	ck_assert_msg(has(1, row.id_number) && has(1, "recorded in the audit log"), "%s", snaps[1]);
	ck_assert_msg(!has(2, row.id_number), "in full after the dialog: %s", snaps[2]);
	ck_assert_int_eq(raw_count("SELECT count(*) FROM reveal_event"), before + 1);
	char q[128];
	snprintf(q, sizeof q,
	         "SELECT count(*) FROM reveal_event WHERE case_id = %lld AND actor = 'li'",
	         (long long)row.id);
	ck_assert_int_eq(raw_count(q), 1);
	ck_assert_int_eq(raw_count("SELECT count(*) FROM audit_log WHERE tbl = 'reveal_event'"),
	                 before + 1);

	/* nobody logged in (the store refuses): nothing recorded, nothing shown */
	bf_account_logout(&ctx.db);
	key(BF_CTRL('E')); /* the other key */
	key(SNAP);
	run_keys();
	ck_assert_msg(!has(3, row.id_number), "%s", snaps[3]);
	ck_assert_msg(has(3, "not shown"), "%s", snaps[3]);
	ck_assert_int_eq(raw_count("SELECT count(*) FROM reveal_event"), before + 1);
}
END_TEST

/* Row 23 (the status bar) of a snapshot. */
static void status_line(int snap, char *out, size_t n)
{
	const char *p = snaps[snap];
	for (int row = 0; row < 23 && p; row++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	ck_assert_ptr_nonnull(p);
	size_t len = strcspn(p, "\n");
	if (len >= n)
		len = n - 1;
	memcpy(out, p, len);
	out[len] = '\0';
}

/* ---- the lock from the menu: its status bar offers only what it takes ------------------- */

START_TEST(test_lock_from_menu)
{
	login("li", "li-passphrase");
	ck_assert_int_eq(bf_caselist_open(&app), 0);
	bf_login_arm(&app);
	key(SNAP);
	keys("m2"); /* a clerk's menu: Change my password, Lock the screen, About */
	key(SNAP);
	keys("li-passphrase\n");
	key(SNAP);
	run_keys();
	char status[512];
	status_line(0, status, sizeof status);
	ck_assert_msg(strstr(status, "Help") && strstr(status, "Menu"), "%s", status);
	ck_assert_msg(has(1, "Locked"), "%s", snaps[1]);
	status_line(1, status, sizeof status);
	ck_assert_msg(strstr(status, "Enter Unlock") && strstr(status, "F2 Another user"), "%s",
	              status);
	ck_assert_msg(!strstr(status, "Help") && !strstr(status, "Quit") &&
	                  !strstr(status, "Back") && !strstr(status, "Lock"),
	              "the lock advertises keys it swallows: %s", status);
	ck_assert_msg(has(2, "Case files") && !has(2, "Locked"), "%s", snaps[2]);
}
END_TEST

/* ---- dialogs over Chinese screens (issue 15) ------------------------------------------------ */

/* User admin: the row's menu (Esc, then a choice), the disable question
 * (Esc, then y); each time the screen is the one drawn fresh. */
START_TEST(test_users_dialogs_zh)
{
	chinese(&ctx);
	login("boss", "boss-password");
	ck_assert_int_eq(bf_users_open(&app), 0);
	key(SNAP);
	key(BF_KC(KEY_DOWN)); /* li 李干事 */
	key('\n');
	key(SNAP);
	key(BF_ESC);
	run_keys();
	ck_assert_msg(has(0, "李干事") && has(1, "li / 李干事"), "%s", snaps[1]);
	same_as_fresh(&app, snap_split);

	key('\n');
	key('\n'); /* Disable the account */
	key(SNAP);
	key(BF_ESC); /* no */
	run_keys();
	ck_assert_msg(has(2, "li"), "%s", snaps[2]);
	same_as_fresh(&app, snap_split);
	struct bf_account a;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_account_get(&ctx.db, "li", &a, &err), 0);
	ck_assert(!a.disabled);

	key('\n');
	key('\n');
	key('y');
	run_keys();
	same_as_fresh(&app, snap_split);
	ck_assert_int_eq(bf_account_get(&ctx.db, "li", &a, &err), 0);
	ck_assert(a.disabled);

	/* the help of the new-account form: the editing keys whole (issue 15
	 * quotes "Left, R", "Home, ^") */
	key('n');
	key(BF_KF(1));
	key(SNAP);
	key(BF_ESC);
	key(BF_ESC);
	run_keys();
	ck_assert_msg(has(3, "Left, Right") && has(3, "Home, ^A") && has(3, "End, ^E"), "%s",
	              snaps[3]);
	same_as_fresh(&app, snap_split);
}
END_TEST

/* The audit log: the filter's list and prompt (OK and Esc), the row's detail
 * and the check's report, over rows naming Chinese households. */
START_TEST(test_audit_dialogs_zh)
{
	chinese(&ctx);
	login("boss", "boss-password");
	fill(3);
	ck_assert_int_eq(bf_audit_open(&app), 0);
	key(SNAP);
	key('f');
	key(SNAP);
	key(BF_ESC); /* no filter */
	run_keys();
	ck_assert_msg(has(0, "审计日志") && has(1, "操作员"), "%s", snaps[1]);
	same_as_fresh(&app, snap_split);

	key('f');
	key('\n'); /* Operator */
	key(SNAP);
	key(BF_ESC);
	run_keys();
	same_as_fresh(&app, snap_split);

	key('f');
	key('\n');
	keys("boss\n");
	run_keys();
	same_as_fresh(&app, snap_split);

	key('\n'); /* the row's detail */
	key(SNAP);
	key('\n');
	run_keys();
	same_as_fresh(&app, snap_split);

	key('v'); /* the check */
	key(SNAP);
	key(BF_ESC);
	run_keys();
	ck_assert_msg(n_snaps == 5, "%d", n_snaps);
	same_as_fresh(&app, snap_split);

	/* the table's and the first date's prompts (Esc: unchanged) */
	key('f');
	key(BF_KC(KEY_DOWN));
	key('\n');
	key(SNAP);
	key(BF_ESC);
	key('f');
	for (int i = 0; i < 3; i++)
		key(BF_KC(KEY_DOWN));
	key('\n');
	key(SNAP);
	key(BF_ESC);
	run_keys();
	ck_assert_msg(n_snaps == 7, "%d", n_snaps);
	ck_assert_msg(has(5, "数据表") && has(6, "起始日期"), "%s\n%s", snaps[5], snaps[6]);
	ck_assert_int_ge(dialogs.checked, 11);
	same_as_fresh(&app, snap_split);
}
END_TEST

static Suite *admin_suite(void)
{
	Suite *s = suite_create("admin_ui");
	TCase *tc = tcase_create("admin_ui");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_menu_by_role);
	tcase_add_test(tc, test_admin_creates_and_disables_clerk);
	tcase_add_test(tc, test_admin_resets_password);
	tcase_add_test(tc, test_change_own_password);
	tcase_add_test(tc, test_audit_list_verify_tamper);
	tcase_add_test(tc, test_audit_update_old_new);
	tcase_add_test(tc, test_audit_filter);
	tcase_add_loop_test(tc, test_audit_long_number_whole, 0, 2);
	tcase_add_test(tc, test_reveal_key);
	tcase_add_test(tc, test_lock_from_menu);
	tcase_add_test(tc, test_users_dialogs_zh);
	tcase_add_test(tc, test_audit_dialogs_zh);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	setenv("BANGFU_TEST_PWHASH_MIN", "1", 1); /* tests only: cheap hashing */
	Suite *suites[] = {admin_suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
