/* check_login.c — the login, first-start and lock screens, in-process: curses
 * on an "xterm" over /dev/null at 80x24, keys from a script, the screen read
 * back as text. The app's idle clock is driven by the script: each
 * BF_KEY_NONE is one poll period (1 s) without a key. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bangfu/accounts.h"
#include "bangfu/store.h"
#include "bangfu/ui.h"
#include "bangfu/ui_screens.h"
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
static char snaps[6][65536];
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
		if (n_snaps < 6)
			bf_term_dump(snaps[n_snaps++], sizeof snaps[0]);
	}
}

static void setup(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	setenv("LANGUAGE", "", 1);
	snprintf(dir, sizeof dir, "%s/bangfu-login.XXXXXX",
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

	null_out = fopen("/dev/null", "w");
	null_in = fopen("/dev/null", "r");
	bf_error err = {{0}};
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

static void seed(void)
{
	struct bf_account_new a[] = {
	    {"boss", "王主席", BF_ROLE_ADMIN, "boss-password"},
	    {"li", "李干事", BF_ROLE_CLERK, "li-passphrase"},
	};
	bf_error err = {{0}};
	ck_assert_msg(bf_account_seed(&ctx.db, a, 2, &err) == 0, "%s", err.msg);
	ctx.db.new_recovery[0] = '\0'; /* shown by whoever seeded (init, the first-start screen) */
}

/* The accounts, li's password reset by boss (li must choose a new one). */
static void seed_li_reset(void)
{
	seed();
	bf_error err = {{0}};
	struct bf_login_result res;
	ck_assert_int_eq(bf_account_login(&ctx.db, "boss", "boss-password", NULL, &res, &err), 0);
	ck_assert_int_eq(bf_account_reset(&ctx.db, "li", "temporary-pass-1", &err), 0);
	bf_account_logout(&ctx.db);
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

/* ---- the first start ------------------------------------------------------------------- */

START_TEST(test_first_start)
{
	keys("boss\t王主席\tboss-password\tboss-password");
	key(SNAP);
	key('\n');
	key(SNAP); /* the recovery code, shown once */
	key('\n');
	ck_assert_int_eq(bf_login_run(&app), 0);
	ck_assert_int_eq(n_snaps, 2);
	ck_assert_msg(has(1, "Recovery code") && has(1, "keep locked away"), "%s", snaps[1]);
	ck_assert_msg(strchr(snaps[1], '-'), "%s", snaps[1]);
	ck_assert_str_eq(ctx.db.new_recovery, ""); /* forgotten once shown */
	ck_assert_msg(has(0, "The administrator's account"), "%s", snaps[0]);
	ck_assert(has(0, "王主席"));
	ck_assert_msg(!has(0, "boss-password"), "the password is shown: %s", snaps[0]);
	ck_assert(has(0, "*************")); /* 13 characters, 13 stars */
	ck_assert_int_eq(bf_account_count(&ctx.db), 1);
	ck_assert_int_eq(ctx.db.role, BF_ROLE_ADMIN);
	ck_assert_str_eq(ctx.db.actor, "boss");
	ck_assert_str_eq(ctx.operator, "boss");
	ck_assert(strstr(app.msg, "Logged in as 王主席"));
}
END_TEST

START_TEST(test_first_start_checks)
{
	keys("boss\t\tboss-password\tboss-passwort\n");
	key(SNAP);
	keys("short\tshort\n");
	key(SNAP);
	ck_assert_int_eq(bf_login_run(&app), 1); /* the script ends */
	ck_assert_msg(has(0, "The two passwords differ"), "%s", snaps[0]);
	ck_assert_msg(has(1, "at least 8 characters"), "%s", snaps[1]);
	ck_assert_int_eq(bf_account_count(&ctx.db), 0);
	ck_assert_int_eq(ctx.db.role, BF_ROLE_NONE);
}
END_TEST

/* An old database's personal data in its audit entries (written before
 * sealing at rest): the first administrator's account seals them under a
 * progress box (issue 17), and Esc there stops it with nothing made. */
START_TEST(test_first_start_seal_cancelled)
{
	ck_assert_int_eq(
	    bf_db_exec(&ctx.db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
	                        " WHERE i < 600) INSERT INTO audit_log (at, actor, action, tbl,"
	                        " row_id, detail) SELECT '2025-06-01T09:00:00', 'old', 'insert',"
	                        " 'member', i, json_object('id_number', '11010519491231002X')"
	                        " FROM n"),
	    0);
	const char *plain = "SELECT count(*) FROM audit_log WHERE tbl = 'member'"
	                    " AND detail_sealed IS NULL AND instr(detail, '11010519491231002X')";
	int64_t n = 0;
	ck_assert_int_eq(bf_db_int(&ctx.db, plain, &n), 0);
	ck_assert_int_eq(n, 600);
	bf_progress_fn outside = ctx.db.seal_progress; /* the command line's line */
	setenv("BANGFU_TEST_PROGRESS_EVERY", "1", 1);
	keys("boss\t王主席\tboss-password\tboss-password\n");
	key(SNAP); /* read by the box's poll, after the first 500 entries */
	key(BF_ESC);
	key(SNAP);
	ck_assert_int_eq(bf_login_run(&app), 1); /* the script ends */
	unsetenv("BANGFU_TEST_PROGRESS_EVERY");
	ck_assert_int_eq(n_snaps, 2);
	ck_assert_msg(has(0, "Sealing the personal data stored before"), "%s", snaps[0]);
	ck_assert_msg(has(0, "Esc cancel"), "%s", snaps[0]);
	ck_assert_msg(has(1, "cancelled"), "%s", snaps[1]);
	ck_assert_int_eq(bf_account_count(&ctx.db), 0);
	ck_assert_int_eq(ctx.db.role, BF_ROLE_NONE);
	ck_assert_int_eq(bf_db_int(&ctx.db, plain, &n), 0);
	ck_assert_int_eq(n, 600);                   /* rolled back: nothing sealed, nothing made */
	ck_assert(ctx.db.seal_progress == outside); /* put back after the login */
}
END_TEST

/* ---- the login ------------------------------------------------------------------------------ */

START_TEST(test_login_wrong_then_right)
{
	seed();
	keys("li\tnot-my-password\n");
	key(SNAP);
	keys("li-passphrase\n"); /* the name stays, the password field is emptied */
	ck_assert_int_eq(bf_login_run(&app), 0);
	ck_assert_msg(has(0, "Wrong name or password."), "%s", snaps[0]);
	ck_assert_msg(has(0, "Log in"), "%s", snaps[0]);
	ck_assert(!has(0, "not-my-password"));
	ck_assert_int_eq(ctx.db.role, BF_ROLE_CLERK);
	ck_assert_str_eq(ctx.db.actor, "li");
}
END_TEST

START_TEST(test_login_unknown_name_same_words)
{
	seed();
	keys("ghost\tli-passphrase\n");
	key(SNAP);
	ck_assert_int_eq(bf_login_run(&app), 1);
	ck_assert_msg(has(0, "Wrong name or password."), "%s", snaps[0]);
}
END_TEST

START_TEST(test_login_delay_after_failures)
{
	seed();
	keys("li\tbad-one\n");
	keys("bad-two\n");
	keys("li-passphrase\n"); /* at once: the second failure asks for a second */
	key(SNAP);
	ck_assert_int_eq(bf_login_run(&app), 1);
	ck_assert_msg(has(0, "try again in 1 s"), "%s", snaps[0]);
	ck_assert_int_eq(ctx.db.role, BF_ROLE_NONE);
}
END_TEST

START_TEST(test_login_esc_leaves)
{
	seed();
	key(BF_ESC);
	ck_assert_int_eq(bf_login_run(&app), 1);
	ck_assert_int_eq(app.depth, 0);
}
END_TEST

START_TEST(test_reset_password_is_changed_first)
{
	seed_li_reset();
	bf_error err = {{0}};
	struct bf_login_result res;
	keys("li\ttemporary-pass-1\n");
	key(SNAP);
	keys("li-second-password\tli-second-password\n");
	ck_assert_int_eq(bf_login_run(&app), 0);
	ck_assert_msg(has(0, "Choose a new password"), "%s", snaps[0]);
	ck_assert(!ctx.db.must_change);
	ck_assert_int_eq(ctx.db.role, BF_ROLE_CLERK);
	bf_account_logout(&ctx.db);
	ck_assert_int_eq(bf_account_login(&ctx.db, "li", "li-second-password", NULL, &res, &err),
	                 0);
	ck_assert_int_eq(res.status, BF_LOGIN_OK);
}
END_TEST

/* The login screen in Chinese: the recovery code's message over it (an
 * older database's upgrade made the code), closed, leaves the screen as
 * drawn fresh (^R); its help shows the editing keys whole (issue 15). */
START_TEST(test_login_dialog_zh)
{
	chinese(&ctx);
	seed_li_reset();
	bf_strlcpy(ctx.db.new_recovery, "ABCD-EFGH-JKLM-NPQR", sizeof ctx.db.new_recovery);
	key(BF_KF(1));
	key(SNAP);
	key(BF_ESC);
	keys("li\ttemporary-pass-1\n");
	key(SNAP); /* the recovery code */
	key('\n');
	key(SNAP); /* the new password's form, the message gone */
	key(BF_CTRL('R'));
	key(SNAP);
	key(BF_ESC);
	ck_assert_int_eq(bf_login_run(&app), 1);
	ck_assert_int_eq(n_snaps, 4);
	ck_assert_msg(has(0, "Left, Right") && has(0, "Home, ^A") && has(0, "End, ^E"), "%s",
	              snaps[0]);
	ck_assert_msg(has(1, "恢复码") && has(1, "ABCD-EFGH-JKLM-NPQR"), "%s", snaps[1]);
	ck_assert_msg(!has(2, "ABCD-EFGH") && has(2, "设置新密码"), "%s", snaps[2]);
	ck_assert(!snap_split);
	ck_assert_str_eq(snaps[2], snaps[3]);
}
END_TEST

/* ---- the lock --------------------------------------------------------------------------- */

/* A screen with personal data on it and a form's unsaved text. */
static int drafts_saved;
static void pd_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	(void)s;
	bf_draw_str(w, r.y + 1, 2, 60, "张三丰  11010519491231002X  13812345678", A_NORMAL);
}
static int pd_save_draft(struct bf_screen *s)
{
	(void)s;
	drafts_saved++;
	return 0;
}
static const enum bf_action pd_actions[] = {BF_ACT_NONE};
static const struct bf_screen_ops pd_ops = {
    .name = "personal",
    .actions = pd_actions,
    .draw = pd_draw,
    .save_draft = pd_save_draft,
};
static struct bf_screen pd_screen = {.ops = &pd_ops, .title = "Files"};

static void logged_in_with_data(void)
{
	seed();
	bf_error err = {{0}};
	struct bf_login_result res;
	ck_assert_int_eq(bf_account_login(&ctx.db, "li", "li-passphrase", NULL, &res, &err), 0);
	ck_assert_int_eq(res.status, BF_LOGIN_OK);
	drafts_saved = 0;
	ck_assert_int_eq(bf_app_push(&app, &pd_screen), 0);
	bf_app_msg(&app, BF_MSG_INFO, "%s", "Saved the file of 张三丰.");
	bf_login_arm(&app);
	ck_assert_int_eq(app.idle_lock_ms, 5 * 60 * 1000); /* the default */
	app.idle_lock_ms = 3000;                           /* three polls */
}

START_TEST(test_idle_lock)
{
	logged_in_with_data();
	key(SNAP); /* before */
	key(BF_KEY_NONE);
	key(BF_KEY_NONE);
	key(SNAP); /* 2 s: not yet */
	key(BF_KEY_NONE);
	key(SNAP); /* 3 s: locked */
	keys("wrong-password\n");
	key(SNAP);
	keys("li-passphrase\n");
	key(SNAP); /* unlocked */
	ck_assert_int_eq(bf_app_run(&app), BF_RUN_EOF);
	ck_assert_int_eq(n_snaps, 5);
	ck_assert(has(0, "11010519491231002X"));
	ck_assert(has(1, "11010519491231002X"));
	/* locked: the personal data is gone from the screen, even the message */
	ck_assert_msg(has(2, "Locked"), "%s", snaps[2]);
	ck_assert_msg(has(2, "李干事"), "%s", snaps[2]);
	ck_assert_msg(!has(2, "11010519491231002X") && !has(2, "张三丰") && !has(2, "13812345678"),
	              "personal data on the lock screen: %s", snaps[2]);
	ck_assert_int_eq(drafts_saved, 1); /* unsaved input kept as a draft */
	ck_assert_msg(has(3, "Wrong name or password."), "%s", snaps[3]);
	ck_assert(has(3, "Locked") && !has(3, "11010519491231002X"));
	ck_assert_msg(has(4, "11010519491231002X") && !has(4, "Locked"), "%s", snaps[4]);
	ck_assert_int_eq(ctx.db.role, BF_ROLE_CLERK);
	ck_assert(!bf_login_switched(&app));
}
END_TEST

START_TEST(test_lock_key_and_nothing_gets_past)
{
	logged_in_with_data();
	key(BF_CTRL('L')); /* the lock key, shown in the help */
	key(SNAP);
	key(BF_ESC);
	key(BF_KF(1));
	key(BF_CTRL('Q'));
	key('q');
	key(BF_KC(KEY_BACKSPACE));
	key(SNAP);
	keys("li-passphrase\n");
	key(SNAP);
	ck_assert_int_eq(bf_app_run(&app), BF_RUN_EOF);
	ck_assert_msg(has(0, "Locked") && !has(0, "11010519491231002X"), "%s", snaps[0]);
	ck_assert_msg(has(1, "Locked") && !has(1, "11010519491231002X"), "%s", snaps[1]);
	ck_assert(!app.quit);
	ck_assert(has(2, "11010519491231002X"));
	ck_assert_int_eq(drafts_saved, 1);
}
END_TEST

START_TEST(test_lock_then_another_user)
{
	logged_in_with_data();
	key(BF_CTRL('L'));
	key(BF_KF(2)); /* someone else: the session ends */
	ck_assert_int_eq(bf_app_run(&app), BF_RUN_EOF);
	ck_assert(bf_login_switched(&app));
	ck_assert_int_eq(ctx.db.role, BF_ROLE_NONE);
	ck_assert_str_eq(ctx.db.actor, "");
	ck_assert_int_eq(drafts_saved, 1);
	/* cmd_ui.c then closes everything and starts the next session */
	bf_app_finish(&app);
	app.stop_eof = false;
	bf_keyscript_free(&ks);
	bf_keyscript_init(&ks);
	keys("boss\tboss-password\n");
	ck_assert_int_eq(bf_login_run(&app), 0);
	ck_assert_str_eq(ctx.db.actor, "boss");
	ck_assert(!bf_login_switched(&app));
}
END_TEST

START_TEST(test_idle_lock_setting)
{
	seed();
	bf_error err = {{0}};
	struct bf_login_result res;
	ck_assert_int_eq(bf_account_login(&ctx.db, "boss", "boss-password", NULL, &res, &err), 0);
	ck_assert_int_eq(bf_setting_set(&ctx.db, "idle_lock_minutes", "2", &err), 0);
	bf_login_arm(&app);
	ck_assert_int_eq(app.idle_lock_ms, 120000);
	ck_assert(app.lock == bf_login_lock);
	ck_assert_int_eq(bf_setting_set(&ctx.db, "idle_lock_minutes", "0", &err), 0);
	bf_login_arm(&app);
	ck_assert_int_eq(app.idle_lock_ms, 0); /* never */
	/* nobody logged in: nothing to lock */
	bf_account_logout(&ctx.db);
	bf_login_lock(&app);
	ck_assert_int_eq(app.depth, 0);
}
END_TEST

static Suite *login_suite(void)
{
	Suite *s = suite_create("login");
	TCase *tc = tcase_create("login");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_first_start);
	tcase_add_test(tc, test_login_dialog_zh);
	tcase_add_test(tc, test_first_start_checks);
	tcase_add_test(tc, test_first_start_seal_cancelled);
	tcase_add_test(tc, test_login_wrong_then_right);
	tcase_add_test(tc, test_login_unknown_name_same_words);
	tcase_add_test(tc, test_login_delay_after_failures);
	tcase_add_test(tc, test_login_esc_leaves);
	tcase_add_test(tc, test_reset_password_is_changed_first);
	suite_add_tcase(s, tc);
	tc = tcase_create("lock");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_idle_lock);
	tcase_add_test(tc, test_lock_key_and_nothing_gets_past);
	tcase_add_test(tc, test_lock_then_another_user);
	tcase_add_test(tc, test_idle_lock_setting);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	setenv("BANGFU_TEST_PWHASH_MIN", "1", 1); /* tests only: cheap hashing */
	Suite *suites[] = {login_suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
