/* check_accounts.c — accounts against real SQLite files: login, growing
 * delays and lockout with a fake clock, rehash when the cost rises,
 * disable/enable/reset/unlock, the store refusing what a role may not do,
 * set-up mode, and the login hook. Hashing uses libsodium's MIN limits
 * (BANGFU_TEST_PWHASH_MIN=1, set in main). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ftw.h>
#include <pthread.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bangfu/accounts.h"
#include "bangfu/vault.h"
#include "bangfu/audit.h"
#include "bangfu/password.h"
#include "bangfu/purge.h"
#include "bangfu/store.h"
#include "testutil.h"

static char tmpdir[512];

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bf-acct-XXXXXX", base && base[0] ? base : "/tmp");
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

static int64_t fake_now;
static int64_t fake_clock(void *ud)
{
	(void)ud;
	return fake_now;
}
static const struct bf_clock clock_ = {fake_clock, NULL};

static int64_t q_int(bf_db *db, const char *sql)
{
	int64_t v = -12345;
	ck_assert_msg(bf_db_int(db, sql, &v) == 0, "%s", db->errmsg);
	return v;
}

static const char *q_text(bf_db *db, const char *sql)
{
	static char buf[1024];
	buf[0] = '\0';
	bf_stmt st;
	ck_assert_msg(bf_db_prepare(db, &st, sql) == 0, "%s", db->errmsg);
	if (bf_step(&st) == SQLITE_ROW)
		bf_col_copy(&st, 0, buf, sizeof buf);
	bf_finalize(&st);
	return buf;
}

/* A database with an administrator "boss", a clerk "li", a reviewer "zhang"
 * and district staff "zhao" (passwords NAME-password), nobody logged in. */
static void open_db(bf_db *db)
{
	char path[600];
	snprintf(path, sizeof path, "%s/a.db", tmpdir);
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(db, path, BF_DB_CREATE, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_account_count(db), 0);
	struct bf_account_new seed[] = {
	    {"boss", "王主席", BF_ROLE_ADMIN, "boss-password"},
	    {"li", "李干事", BF_ROLE_CLERK, "li-passphrase"},
	    {"zhang", NULL, BF_ROLE_REVIEWER, "zhang-password"},
	    {"zhao", NULL, BF_ROLE_DISTRICT, "zhao-password"},
	};
	ck_assert_msg(bf_account_seed(db, seed, BF_ARRAY_LEN(seed), &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_account_count(db), 4);
	ck_assert_str_eq(db->actor, "");
	ck_assert_int_eq(db->role, BF_ROLE_NONE);
	fake_now = 1700000000000LL;
}

static enum bf_login_status login(bf_db *db, const char *name, const char *pw)
{
	struct bf_login_result res;
	bf_error err = {{0}};
	ck_assert_msg(bf_account_login(db, name, pw, &clock_, &res, &err) == 0, "%s", err.msg);
	return res.status;
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

START_TEST(test_seed_only_once)
{
	bf_db db;
	open_db(&db);
	bf_error err = {{0}};
	struct bf_account_new again = {"other", NULL, BF_ROLE_ADMIN, "other-password"};
	ck_assert_int_eq(bf_account_seed(&db, &again, 1, &err), 1);
	ck_assert_int_eq(bf_account_count(&db), 4);
	/* recorded as the first account's own doing; no hash in the log */
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'operator'"
	                            " AND actor = 'boss'"),
	                 4);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE detail LIKE '%argon%'"),
	                 0);
	ck_assert(strncmp(q_text(&db, "SELECT pwhash FROM operator WHERE name = 'li'"),
	                  "$argon2id$", 10) == 0);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_login_ok_and_wrong)
{
	bf_db db;
	open_db(&db);
	ck_assert_int_eq(login(&db, "li", "wrong-password"), BF_LOGIN_FAILED);
	ck_assert_int_eq(db.role, BF_ROLE_NONE);
	ck_assert_str_eq(db.actor, "");
	/* an unknown name says exactly the same */
	ck_assert_int_eq(login(&db, "nobody", "li-passphrase"), BF_LOGIN_FAILED);
	struct bf_login_result res;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_account_login(&db, "LI", "li-passphrase", &clock_, &res, &err), 0);
	ck_assert_int_eq(res.status, BF_LOGIN_OK);
	ck_assert_str_eq(res.account.name, "li"); /* the stored spelling */
	ck_assert_str_eq(res.account.display_name, "李干事");
	ck_assert_str_eq(db.actor, "li");
	ck_assert_int_eq(db.role, BF_ROLE_CLERK);
	ck_assert_int_eq(q_int(&db, "SELECT failed_count FROM operator WHERE name = 'li'"), 0);
	ck_assert(q_text(&db, "SELECT last_login FROM operator WHERE name = 'li'")[0]);
	/* each attempt is counted ahead as "(login)" (the wrong one and the
	 * right one, before its password was checked), the login as li's own */
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE actor = '(login)'"
	                            " AND detail LIKE '%failed_count%'"),
	                 2);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE actor = 'li'"
	                            " AND detail LIKE '%last_login%'"),
	                 1);
	bf_account_logout(&db);
	ck_assert_int_eq(db.role, BF_ROLE_NONE);
	ck_assert_str_eq(db.actor, "");
	bf_db_close(&db);
}
END_TEST

START_TEST(test_delays_and_lockout)
{
	bf_db db;
	open_db(&db);
	struct bf_login_result res;
	bf_error err = {{0}};
	/* 1: no delay after a single typo */
	ck_assert_int_eq(login(&db, "li", "bad-1"), BF_LOGIN_FAILED);
	ck_assert_int_eq(login(&db, "li", "bad-2"), BF_LOGIN_FAILED);
	/* 2 failures: the next try waits 1 s, even with the right password */
	ck_assert_int_eq(bf_account_login(&db, "li", "li-passphrase", &clock_, &res, &err), 0);
	ck_assert_int_eq(res.status, BF_LOGIN_WAIT);
	ck_assert_int_eq(res.wait_ms, 1000);
	ck_assert_int_eq(q_int(&db, "SELECT failed_count FROM operator WHERE name = 'li'"), 2);
	fake_now += 999;
	ck_assert_int_eq(login(&db, "li", "bad-3"), BF_LOGIN_WAIT); /* not counted */
	fake_now += 1;
	ck_assert_int_eq(login(&db, "li", "bad-3"), BF_LOGIN_FAILED);
	ck_assert_int_eq(bf_account_login(&db, "li", "bad-4", &clock_, &res, &err), 0);
	ck_assert_int_eq(res.status, BF_LOGIN_WAIT);
	ck_assert_int_eq(res.wait_ms, 2000);
	fake_now += 2000;
	ck_assert_int_eq(login(&db, "li", "bad-4"), BF_LOGIN_FAILED);
	ck_assert_int_eq(bf_account_login(&db, "li", "bad-5", &clock_, &res, &err), 0);
	ck_assert_int_eq(res.wait_ms, 4000);
	fake_now += 4000;
	ck_assert_int_eq(bf_account_login(&db, "li", "bad-5", &clock_, &res, &err), 0);
	ck_assert_int_eq(res.status, BF_LOGIN_FAILED);
	ck_assert(res.locked_now);
	/* locked: even the right password, a day later */
	fake_now += 86400000;
	ck_assert_int_eq(login(&db, "li", "li-passphrase"), BF_LOGIN_LOCKED);
	ck_assert_int_eq(q_int(&db, "SELECT locked FROM operator WHERE name = 'li'"), 1);
	/* the clerk cannot unlock; the administrator can */
	ck_assert_int_eq(login(&db, "zhang", "zhang-password"), BF_LOGIN_OK);
	ck_assert_int_ne(bf_account_unlock(&db, "li", &err), 0);
	ck_assert_msg(strstr(err.msg, "Reviewer: may not"), "%s", err.msg);
	ck_assert_int_eq(login(&db, "boss", "boss-password"), BF_LOGIN_OK);
	ck_assert_int_eq(bf_account_unlock(&db, "li", &err), 0);
	ck_assert_int_eq(login(&db, "li", "li-passphrase"), BF_LOGIN_OK);
	/* the limit is a setting */
	ck_assert_int_eq(login(&db, "boss", "boss-password"), BF_LOGIN_OK);
	ck_assert_int_eq(bf_setting_set(&db, "login_max_failures", "2", &err), 0);
	ck_assert_int_eq(login(&db, "zhang", "bad"), BF_LOGIN_FAILED);
	ck_assert_int_eq(bf_account_login(&db, "zhang", "bad", &clock_, &res, &err), 0);
	ck_assert(res.locked_now);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_last_admin_never_locks)
{
	bf_db db;
	open_db(&db);
	bf_error err = {{0}};
	struct bf_login_result res;
	for (int i = 0; i < 7; i++) {
		ck_assert_int_eq(bf_account_login(&db, "boss", "bad", &clock_, &res, &err), 0);
		ck_assert_int_eq(res.status, BF_LOGIN_FAILED);
		ck_assert(!res.locked_now);
		fake_now += 60 * 60 * 1000;
	}
	ck_assert_int_eq(q_int(&db, "SELECT locked FROM operator WHERE name = 'boss'"), 0);
	ck_assert_int_eq(bf_account_login(&db, "boss", "boss-password", &clock_, &res, &err), 0);
	ck_assert_int_eq(res.status, BF_LOGIN_OK);
	/* with a second administrator, the first can be locked */
	struct bf_account_new a = {"deputy", NULL, BF_ROLE_ADMIN, "deputy-password"};
	ck_assert_int_eq(bf_account_create(&db, &a, &err), 0);
	bf_account_logout(&db);
	for (int i = 0; i < 5; i++) {
		ck_assert_int_eq(bf_account_login(&db, "boss", "bad", &clock_, &res, &err), 0);
		fake_now += 60 * 60 * 1000;
	}
	ck_assert(res.locked_now);
	/* ... but then the deputy is the last one who can log in */
	for (int i = 0; i < 6; i++) {
		ck_assert_int_eq(bf_account_login(&db, "deputy", "bad", &clock_, &res, &err), 0);
		fake_now += 60 * 60 * 1000;
	}
	ck_assert_int_eq(q_int(&db, "SELECT locked FROM operator WHERE name = 'deputy'"), 0);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_rehash_when_cost_rises)
{
	bf_db db;
	open_db(&db);
	bf_error err = {{0}};
	struct bf_login_result res;
	ck_assert_int_eq(login(&db, "boss", "boss-password"), BF_LOGIN_OK);
	ck_assert(strstr(q_text(&db, "SELECT pwhash FROM operator WHERE name = 'li'"), ",t=1,"));
	const char *li_wrap = "SELECT ops FROM keyring WHERE kind = 'operator' AND account_id ="
	                      " (SELECT id FROM operator WHERE name = 'li')";
	ck_assert_int_eq(q_int(&db, li_wrap), 1);
	ck_assert_int_eq(bf_setting_set(&db, "pwhash_ops", "3", &err), 0);
	struct bf_pwhash_cost cost;
	bf_pwhash_cost_get(&db, &cost);
	ck_assert_int_eq((int)cost.ops, 3);
	ck_assert(
	    bf_pwhash_weaker(q_text(&db, "SELECT pwhash FROM operator WHERE name = 'li'"), &cost));
	ck_assert_int_eq(bf_account_login(&db, "li", "li-passphrase", &clock_, &res, &err), 0);
	ck_assert_int_eq(res.status, BF_LOGIN_OK);
	ck_assert(res.rehashed);
	ck_assert(strstr(q_text(&db, "SELECT pwhash FROM operator WHERE name = 'li'"), ",t=3,"));
	/* the wrap of the data key follows: made again at the new cost, and it opens */
	ck_assert_int_eq(q_int(&db, li_wrap), 3);
	ck_assert(bf_vault_unlocked(&db));
	ck_assert_int_eq(bf_account_login(&db, "li", "li-passphrase", &clock_, &res, &err), 0);
	ck_assert(!res.rehashed);
	ck_assert(bf_vault_unlocked(&db));
	/* a lower setting does not weaken a stored hash */
	ck_assert_int_eq(login(&db, "boss", "boss-password"), BF_LOGIN_OK);
	ck_assert_int_eq(bf_setting_set(&db, "pwhash_ops", "1", &err), 0);
	ck_assert_int_eq(bf_account_login(&db, "li", "li-passphrase", &clock_, &res, &err), 0);
	ck_assert(!res.rehashed);
	ck_assert(strstr(q_text(&db, "SELECT pwhash FROM operator WHERE name = 'li'"), ",t=3,"));
	/* and never below the floor: without the test variable, INTERACTIVE */
	unsetenv("BANGFU_TEST_PWHASH_MIN");
	bf_pwhash_cost_get(&db, &cost);
	ck_assert(cost.ops >= 2 && cost.mem >= 64u * 1024 * 1024);
	setenv("BANGFU_TEST_PWHASH_MIN", "1", 1);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_disable_reset_change)
{
	bf_db db;
	open_db(&db);
	bf_error err = {{0}};
	ck_assert_int_eq(login(&db, "boss", "boss-password"), BF_LOGIN_OK);
	ck_assert_int_eq(bf_account_set_disabled(&db, "li", true, &err), 0);
	/* disabled: the right password says so, a wrong one does not */
	ck_assert_int_eq(login(&db, "li", "li-passphrase"), BF_LOGIN_DISABLED);
	ck_assert_int_eq(login(&db, "li", "nope-nope"), BF_LOGIN_FAILED);
	ck_assert_int_eq(login(&db, "boss", "boss-password"), BF_LOGIN_OK);
	/* never deleted, and the last administrator cannot be disabled */
	ck_assert_int_ne(bf_db_exec(&db, "DELETE FROM operator WHERE name = 'li'"), 0);
	ck_assert_int_ne(bf_account_set_disabled(&db, "boss", true, &err), 0);
	ck_assert_msg(strstr(err.msg, "last administrator"), "%s", err.msg);
	ck_assert_int_ne(bf_account_set_disabled(&db, "ghost", true, &err), 0);
	ck_assert_msg(strstr(err.msg, "no account named ghost"), "%s", err.msg);
	ck_assert_int_eq(bf_account_set_disabled(&db, "li", false, &err), 0);

	/* reset: must change before anything else */
	ck_assert_int_ne(bf_account_reset(&db, "li", "short", &err), 0);
	ck_assert_int_eq(bf_account_reset(&db, "li", "temporary-pass-1", &err), 0);
	struct bf_account a;
	ck_assert_int_eq(bf_account_get(&db, "li", &a, &err), 0);
	ck_assert(a.must_change);
	ck_assert_int_eq(login(&db, "li", "li-passphrase"), BF_LOGIN_FAILED);
	ck_assert_int_eq(login(&db, "li", "temporary-pass-1"), BF_LOGIN_OK);
	ck_assert(db.must_change);
	struct bf_case *c = malloc(sizeof *c);
	minimal_case(c, "11010519491231002X");
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	ck_assert_msg(strstr(err.msg, "change it"), "%s", err.msg);
	ck_assert(!bf_store_can(&db, BF_PERM_CASE_EDIT));
	ck_assert(bf_store_can(&db, BF_PERM_OWN_PASSWORD));
	ck_assert_int_ne(bf_account_change_password(&db, "wrong-old", "li-new-password", &err), 0);
	ck_assert_msg(strstr(err.msg, "current password is wrong"), "%s", err.msg);
	ck_assert_int_ne(
	    bf_account_change_password(&db, "temporary-pass-1", "temporary-pass-1", &err), 0);
	ck_assert_int_eq(
	    bf_account_change_password(&db, "temporary-pass-1", "li-new-password", &err), 0);
	ck_assert(!db.must_change);
	ck_assert_msg(bf_case_save(&db, c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(login(&db, "li", "li-new-password"), BF_LOGIN_OK);
	ck_assert_int_eq(bf_account_get(&db, "li", &a, &err), 0);
	ck_assert(!a.must_change);

	/* create: names are unique ignoring case; the password is checked */
	ck_assert_int_eq(login(&db, "boss", "boss-password"), BF_LOGIN_OK);
	struct bf_account_new n = {"LI", NULL, BF_ROLE_CLERK, "another-password"};
	ck_assert_int_ne(bf_account_create(&db, &n, &err), 0);
	ck_assert_msg(strstr(err.msg, "already exists"), "%s", err.msg);
	n.name = "wu";
	n.password = "wu";
	ck_assert_int_ne(bf_account_create(&db, &n, &err), 0);
	n.password = "wu-passphrase";
	n.role = BF_ROLE_NONE;
	ck_assert_int_ne(bf_account_create(&db, &n, &err), 0);
	n.role = BF_ROLE_REVIEWER;
	ck_assert_int_eq(bf_account_create(&db, &n, &err), 0);
	struct bf_account *list;
	size_t count;
	ck_assert_int_eq(bf_account_list(&db, &list, &count, &err), 0);
	ck_assert_int_eq(count, 5);
	ck_assert_str_eq(list[0].name, "boss");
	ck_assert_str_eq(list[2].name, "wu"); /* by name */
	ck_assert_int_eq(list[2].role, BF_ROLE_REVIEWER);
	free(list);
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_store_refuses_by_role)
{
	bf_db db;
	open_db(&db);
	bf_error err = {{0}};
	struct bf_case *c = malloc(sizeof *c);
	minimal_case(c, "11010519491231002X");
	/* nobody logged in */
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	ck_assert_msg(strstr(err.msg, "no operator set"), "%s", err.msg);

	/* the clerk takes in a file, but may not manage accounts, purge, read
	 * the log or change settings */
	ck_assert_int_eq(login(&db, "li", "li-passphrase"), BF_LOGIN_OK);
	ck_assert_msg(bf_case_save(&db, c, &err) == 0, "%s", err.msg);
	struct bf_account_new n = {"wu", NULL, BF_ROLE_ADMIN, "wu-passphrase"};
	ck_assert_int_ne(bf_account_create(&db, &n, &err), 0);
	ck_assert_str_eq(err.msg,
	                 "Clerk: may not create, disable, reset and unlock accounts (Union "
	                 "chair / administrator may).");
	ck_assert_int_eq(bf_account_count(&db), 4);
	struct bf_purge_result pr;
	ck_assert_int_ne(bf_purge_run(&db, bf_date_from_ymd(2099, 1, 1), &pr, &err), 0);
	ck_assert_str_eq(err.msg, "Clerk: may not purge closed files past the retention period "
	                          "(Union chair / administrator may).");
	struct bf_account *list;
	size_t count;
	ck_assert_int_ne(bf_account_list(&db, &list, &count, &err), 0);
	ck_assert_int_ne(bf_audit_count(&db, &(struct bf_audit_filter){0}, &err), 0);
	ck_assert_int_ne(bf_account_reset(&db, "boss", "new-password", &err), 0);
	ck_assert(!bf_store_can(&db, BF_PERM_SETTINGS));
	ck_assert(bf_store_can(&db, BF_PERM_CASE_EDIT));
	ck_assert_int_eq(bf_audit_reveal(&db, c->id, 0, "id_number", "test", &err), 0);

	/* the reviewer and the district may not edit a file */
	ck_assert_int_eq(login(&db, "zhang", "zhang-password"), BF_LOGIN_OK);
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	ck_assert_str_eq(err.msg, "Reviewer: may not take in and edit case files (Clerk, Union "
	                          "chair / administrator may).");
	ck_assert_int_eq(login(&db, "zhao", "zhao-password"), BF_LOGIN_OK);
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	ck_assert_str_eq(err.msg, "District staff: may not take in and edit case files (Clerk, "
	                          "Union chair / administrator may).");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM case_file"), 1);
	free(c);
	bf_db_close(&db);
}
END_TEST

/* Settings (the caps a clerk could once set to nothing), the year's
 * thresholds, the holiday calendar and the unit's details are the
 * administrator's; drafts anyone's who keeps files but the district's.
 * Refused changes leave nothing behind. */
START_TEST(test_settings_need_the_permission)
{
	bf_db db;
	open_db(&db);
	bf_error err = {{0}};
	ck_assert_int_eq(login(&db, "boss", "boss-password"), BF_LOGIN_OK);
	ck_assert_msg(bf_setting_set(&db, "campaign_cap_payment", "100000", &err) == 0, "%s",
	              err.msg);
	struct bf_unit u = {.name = "测试单位", .code = "T01"};
	ck_assert_msg(bf_unit_save(&db, &u, &err) == 0, "%s", err.msg);
	static const struct {
		const char *name, *role, *pw;
	} others[] = {{"li", "Clerk", "li-passphrase"},
	              {"zhang", "Reviewer", "zhang-password"},
	              {"zhao", "District staff", "zhao-password"}};
	for (size_t i = 0; i < BF_ARRAY_LEN(others); i++) {
		char want[200];
		ck_assert_int_eq(login(&db, others[i].name, others[i].pw), BF_LOGIN_OK);
		snprintf(want, sizeof want,
		         "%s: may not change the unit's details and settings (Union chair / "
		         "administrator may).",
		         others[i].role);
		ck_assert_int_ne(bf_setting_set(&db, "campaign_cap_payment", "0", &err), 0);
		ck_assert_str_eq(err.msg, want);
		ck_assert_int_ne(bf_setting_set(&db, "campaign_cap_payment", NULL, &err), 0);
		struct bf_year_settings y;
		ck_assert_int_eq(bf_settings_year(&db, 2026, &y, &err), 0);
		y.min_living = 1;
		ck_assert_int_ne(bf_settings_year_save(&db, &y, &err), 0);
		ck_assert_str_eq(err.msg, want);
		ck_assert_int_ne(bf_holiday_set(&db, bf_date_from_ymd(2026, 6, 8), BF_DAY_HOLIDAY,
		                                "劳动节", &err),
		                 0);
		ck_assert_str_eq(err.msg, want);
		ck_assert_int_ne(bf_holiday_remove(&db, bf_date_from_ymd(2026, 5, 1), &err), 0);
		struct bf_unit v = {.name = "改了", .code = "T01"};
		ck_assert_int_ne(bf_unit_save(&db, &v, &err), 0);
		ck_assert_str_eq(err.msg, want);
	}
	ck_assert_str_eq(q_text(&db, "SELECT value FROM setting WHERE key = 'campaign_cap_payment'"),
	                 "100000");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM year_setting WHERE min_living = 1"), 0);
	/* nothing set, nothing removed from the shipped calendar */
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM holiday WHERE date = '2026-06-08'"), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM holiday WHERE date = '2026-05-01'"), 1);
	ck_assert_str_eq(q_text(&db, "SELECT name FROM unit"), "测试单位");
	/* drafts: the district keeps none; a clerk does */
	ck_assert_int_ne(bf_draft_save(&db, 0, "name\t张三\n", &err), 0);
	ck_assert_str_eq(err.msg, "District staff: may not keep drafts of unsaved input (Clerk, "
	                          "Reviewer, Union chair / administrator may).");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM draft"), 0);
	ck_assert_int_eq(login(&db, "li", "li-passphrase"), BF_LOGIN_OK);
	ck_assert_msg(bf_draft_save(&db, 0, "name\t张三\n", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM draft"), 1);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_setup_mode)
{
	/* no account yet: nothing personal can be written (there is no data key
	 * before the administrator exists), and creating accounts starts with
	 * seeding */
	char path[600];
	snprintf(path, sizeof path, "%s/s.db", tmpdir);
	bf_db db;
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(&db, path, BF_DB_CREATE, &err) == 0, "%s", err.msg);
	bf_db_set_actor(&db, "tester");
	struct bf_case *c = malloc(sizeof *c);
	minimal_case(c, "11010519491231002X");
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	ck_assert_msg(strstr(err.msg, "locked"), "%s", err.msg);
	struct bf_account_new n = {"wu", NULL, BF_ROLE_CLERK, "wu-passphrase"};
	ck_assert_int_ne(bf_account_create(&db, &n, &err), 0);
	struct bf_login_result res;
	ck_assert_int_eq(bf_account_login(&db, "wu", "wu-passphrase", NULL, &res, &err), 0);
	ck_assert_int_eq(res.status, BF_LOGIN_NO_ACCOUNTS);
	/* once an account exists, the named operator counts for nothing */
	n.role = BF_ROLE_ADMIN;
	ck_assert_int_eq(bf_account_seed(&db, &n, 1, &err), 0);
	c->id = 0;
	c->number[0] = '\0';
	strcpy(c->members[0].id_number, "110105195003070027");
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	free(c);
	bf_db_close(&db);
}
END_TEST

/* ---- the login hook: the CLI logs in at the first write -------------------------- */

static int hook_calls;
static int test_hook(bf_db *db, void *ud)
{
	hook_calls++;
	struct bf_login_result res;
	bf_error err;
	if (bf_account_login(db, (const char *)ud, "li-passphrase", &clock_, &res, &err) != 0 ||
	    res.status != BF_LOGIN_OK)
		return -1;
	return 0;
}

START_TEST(test_login_hook)
{
	bf_db db;
	open_db(&db);
	bf_error err = {{0}};
	db.login_hook = test_hook;
	db.login_ud = (void *)"li";
	hook_calls = 0;
	/* a read does not log in */
	ck_assert_int_eq(bf_account_count(&db), 4);
	ck_assert_int_eq(hook_calls, 0);
	/* a write does, before its transaction */
	struct bf_case *c = malloc(sizeof *c);
	minimal_case(c, "11010519491231002X");
	ck_assert_msg(bf_case_save(&db, c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(hook_calls, 1);
	ck_assert_str_eq(db.actor, "li");
	ck_assert_msg(bf_case_save(&db, c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(hook_calls, 1);
	/* a hook that fails: nothing written */
	bf_account_logout(&db);
	db.login_ud = (void *)"zhang";
	ck_assert_int_ne(bf_db_begin(&db), 0);
	ck_assert_ptr_null(db.txn_where);
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	ck_assert_int_eq(hook_calls, 3);
	free(c);
	bf_db_close(&db);
}
END_TEST

/* ---- the lockout holds in parallel (issue 13) ---------------------------------- */

/* A clock an hour later at every reading: no delay ever holds an attempt
 * back, only the count and the lock do. */
static int64_t hour_now;
static int64_t hour_clock(void *ud)
{
	(void)ud;
	return __atomic_add_fetch(&hour_now, 3600000LL, __ATOMIC_SEQ_CST);
}
static const struct bf_clock hour_clock_ = {hour_clock, NULL};

#define BURST 24
struct burst_one {
	const char *name;
	const char *pw;
	pthread_barrier_t *go;
	enum bf_login_status status;
	int rc;
};

/* One attempt on a connection of its own, all started at once. */
static void *burst_thread(void *arg)
{
	struct burst_one *b = arg;
	char path[600];
	snprintf(path, sizeof path, "%s/a.db", tmpdir);
	bf_db db;
	bf_error err = {{0}};
	b->rc = -1;
	if (bf_store_open(&db, path, 0, &err) != 0) {
		pthread_barrier_wait(b->go);
		return NULL;
	}
	struct bf_login_result res;
	pthread_barrier_wait(b->go);
	b->rc = bf_account_login(&db, b->name, b->pw, &hour_clock_, &res, &err);
	b->status = res.status;
	bf_db_close(&db);
	return NULL;
}

/* n attempts at name at once; right (-1 = none) gets the right password.
 * Counts the answers "wrong" and whether the right one logged in. */
static void burst(const char *name, int n, int right, const char *right_pw, int *wrong, int *locked,
                  bool *right_ok)
{
	pthread_t th[BURST];
	struct burst_one b[BURST];
	pthread_barrier_t go;
	ck_assert_int_le(n, BURST);
	pthread_barrier_init(&go, NULL, (unsigned)n);
	for (int i = 0; i < n; i++) {
		b[i] =
		    (struct burst_one){name, i == right ? right_pw : "wrong-password", &go, 0, 0};
		ck_assert_int_eq(pthread_create(&th[i], NULL, burst_thread, &b[i]), 0);
	}
	*wrong = *locked = 0;
	*right_ok = false;
	for (int i = 0; i < n; i++) {
		pthread_join(th[i], NULL);
		ck_assert_int_eq(b[i].rc, 0);
		*wrong += b[i].status == BF_LOGIN_FAILED;
		*locked += b[i].status == BF_LOGIN_LOCKED;
		if (i == right)
			*right_ok = b[i].status == BF_LOGIN_OK;
	}
	pthread_barrier_destroy(&go);
}

START_TEST(test_lockout_holds_in_parallel)
{
	bf_db db;
	open_db(&db);
	bf_db_close(&db);
	hour_now = 1700000000000LL;
	/* 24 wrong passwords at once: no more than the policy's 5 are judged */
	int wrong, locked;
	bool right_ok;
	burst("li", BURST, -1, NULL, &wrong, &locked, &right_ok);
	ck_assert_int_eq(wrong, BF_LOGIN_MAX_FAILURES_DEFAULT);
	ck_assert_int_eq(locked, BURST - BF_LOGIN_MAX_FAILURES_DEFAULT);
	char path[600];
	snprintf(path, sizeof path, "%s/a.db", tmpdir);
	bf_error err = {{0}};
	ck_assert_int_eq(bf_store_open(&db, path, 0, &err), 0);
	ck_assert_int_eq(q_int(&db, "SELECT failed_count FROM operator WHERE name = 'li'"),
	                 BF_LOGIN_MAX_FAILURES_DEFAULT);
	ck_assert_int_eq(q_int(&db, "SELECT locked FROM operator WHERE name = 'li'"), 1);
	bf_db_close(&db);
	/* the right password once the burst locked it is refused */
	burst("li", 1, 0, "li-passphrase", &wrong, &locked, &right_ok);
	ck_assert(!right_ok);
	ck_assert_int_eq(locked, 1);

	/* 15 wrong and the right one at once: the right one gets in only when it
	 * was among the 5 let through before the lock (its success then starts
	 * the count afresh: at most 4 wrong before it, 5 after) */
	burst("zhang", 16, 7, "zhang-password", &wrong, &locked, &right_ok);
	ck_assert_int_le(wrong, right_ok ? 2 * BF_LOGIN_MAX_FAILURES_DEFAULT - 1
	                                 : BF_LOGIN_MAX_FAILURES_DEFAULT);
	ck_assert_int_eq(wrong + locked + (right_ok ? 1 : 0), 16);
	/* an unknown name the same: 5 answers, then locked */
	burst("nobody", BURST, -1, NULL, &wrong, &locked, &right_ok);
	ck_assert_int_eq(wrong, BF_LOGIN_MAX_FAILURES_DEFAULT);
	ck_assert_int_eq(locked, BURST - BF_LOGIN_MAX_FAILURES_DEFAULT);
}
END_TEST

/* Known and unknown names get the same answers, delays included, so the
 * answers cannot be used to find the names. */
START_TEST(test_unknown_names_answer_the_same)
{
	bf_db db;
	open_db(&db);
	const char *names[] = {"li", "nobody"};
	struct bf_login_result res[2];
	bf_error err = {{0}};
	for (int step = 0; step < 12; step++) {
		for (int k = 0; k < 2; k++) {
			ck_assert_int_eq(bf_account_login(&db, names[k], "wrong-password", &clock_,
			                                  &res[k], &err),
			                 0);
		}
		ck_assert_msg(res[0].status == res[1].status && res[0].wait_ms == res[1].wait_ms,
		              "step %d: li %d (%lld ms), nobody %d (%lld ms)", step, res[0].status,
		              (long long)res[0].wait_ms, res[1].status, (long long)res[1].wait_ms);
		fake_now += step % 2 ? 4000 : 300;
	}
	ck_assert_int_eq(res[1].status, BF_LOGIN_LOCKED);
	/* a new account's name starts afresh, whatever was tried under it */
	ck_assert_int_eq(login(&db, "boss", "boss-password"), BF_LOGIN_OK);
	struct bf_account_new a = {"nobody", NULL, BF_ROLE_CLERK, "nobody-password"};
	ck_assert_int_eq(bf_account_create(&db, &a, &err), 0);
	bf_account_logout(&db);
	ck_assert_int_eq(login(&db, "nobody", "nobody-password"), BF_LOGIN_OK);
	bf_db_close(&db);
}
END_TEST

/* ---- passwords per NIST SP 800-63B (issue 13) ------------------------------------ */

START_TEST(test_common_passwords_refused)
{
	/* the attack: all of these were accepted */
	const char *weak[] = {"12345678", "password",   "11111111",   "qwertyui",
	                      "PassWord", "woaini1314", "qq123456",   "a1b2c3d4",
	                      "5201314a", "1q2w3e4r5t", "li-password"};
	for (size_t i = 0; i < BF_ARRAY_LEN(weak); i++) {
		bf_error err = {{0}};
		ck_assert_msg(!bf_password_ok(weak[i], "li", &err), "%s accepted", weak[i]);
		ck_assert_msg(strstr(err.msg, "common") || strstr(err.msg, "easy to guess"),
		              "%s: %s", weak[i], err.msg);
	}
	/* the short ones of the list are on it too */
	ck_assert(bf_password_common("123456"));
	ck_assert(bf_password_common("5201314"));
	ck_assert(bf_password_common("a1b2c3"));
	/* no composition rules: long and plain is fine */
	const char *good[] = {"correct horse battery", "他的密码很长很长", "boss-password"};
	for (size_t i = 0; i < BF_ARRAY_LEN(good); i++) {
		bf_error err = {{0}};
		ck_assert_msg(bf_password_ok(good[i], "li", &err), "%s: %s", good[i], err.msg);
	}
	/* the store refuses it for a new account, a reset and one's own change */
	bf_db db;
	open_db(&db);
	bf_error err = {{0}};
	ck_assert_int_eq(login(&db, "boss", "boss-password"), BF_LOGIN_OK);
	struct bf_account_new a = {"wu", NULL, BF_ROLE_CLERK, "qwertyuiop"};
	ck_assert_int_ne(bf_account_create(&db, &a, &err), 0);
	ck_assert_msg(strstr(err.msg, "common"), "%s", err.msg);
	ck_assert_int_ne(bf_account_reset(&db, "li", "password1", &err), 0);
	ck_assert_int_eq(login(&db, "li", "li-passphrase"), BF_LOGIN_OK);
	ck_assert_int_ne(bf_account_change_password(&db, "li-passphrase", "88888888", &err), 0);
	ck_assert_int_eq(login(&db, "li", "li-passphrase"), BF_LOGIN_OK);
	bf_db_close(&db);
}
END_TEST

static Suite *accounts_suite(void)
{
	Suite *s = suite_create("accounts");
	TCase *tc = tcase_create("accounts");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_seed_only_once);
	tcase_add_test(tc, test_login_ok_and_wrong);
	tcase_add_test(tc, test_delays_and_lockout);
	tcase_add_test(tc, test_last_admin_never_locks);
	tcase_add_test(tc, test_rehash_when_cost_rises);
	tcase_add_test(tc, test_disable_reset_change);
	tcase_add_test(tc, test_store_refuses_by_role);
	tcase_add_test(tc, test_settings_need_the_permission);
	tcase_add_test(tc, test_setup_mode);
	tcase_add_test(tc, test_login_hook);
	tcase_add_test(tc, test_lockout_holds_in_parallel);
	tcase_add_test(tc, test_unknown_names_answer_the_same);
	tcase_add_test(tc, test_common_passwords_refused);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "", 1);
	setenv("BANGFU_TEST_PWHASH_MIN", "1", 1); /* tests only: cheap hashing */
	Suite *suites[] = {accounts_suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
