/* check_perm.c — the permission table, cell by cell, against the issue's
 * words written out again here (so a slip in the X-macro shows), plus the
 * login rules and the idle lock with a fake clock (pure domain code). */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "bangfu/login.h"
#include "bangfu/perm.h"
#include "testutil.h"

/* Who may do what, as the issue says it: clerk (intake, checklist, drafts),
 * reviewer (review decisions, publicity), union chair or administrator
 * (settings, users, submission, closing files — and, in a small union, the
 * casework), district staff (the district's import, consolidation and
 * decisions). Everyone sees cases masked, may reveal a number (audited) and
 * changes their own password. */
static const struct {
	const char *perm;
	const char *roles; /* the roles allowed, by code */
} expected[] = {
    {"case_view", "clerk reviewer admin district"},
    {"reveal", "clerk reviewer admin district"},
    {"case_edit", "clerk admin"},
    {"checklist", "clerk admin"},
    {"draft", "clerk reviewer admin"},
    {"review", "reviewer admin"},
    {"publicity", "reviewer admin"},
    {"submit", "admin"},
    {"close", "admin"},
    {"export_full", "admin district"},
    {"settings", "admin"},
    {"users", "admin"},
    {"audit_view", "admin"},
    {"purge", "admin"},
    {"district_import", "district"},
    {"consolidate", "district"},
    {"district_decide", "district"},
    {"own_password", "clerk reviewer admin district"},
};

static bool listed(const char *roles, const char *code)
{
	char padded[128], word[40];
	snprintf(padded, sizeof padded, " %s ", roles);
	snprintf(word, sizeof word, " %s ", code);
	return strstr(padded, word) != NULL;
}

START_TEST(test_every_permission_is_expected)
{
	ck_assert_int_eq(BF_ARRAY_LEN(expected), BF_PERM_COUNT);
	for (int p = 0; p < BF_PERM_COUNT; p++) {
		bool found = false;
		for (size_t i = 0; i < BF_ARRAY_LEN(expected); i++)
			found = found || !strcmp(expected[i].perm, bf_perm_code((enum bf_perm)p));
		ck_assert_msg(found, "permission %s is not in the test's table",
		              bf_perm_code((enum bf_perm)p));
	}
}
END_TEST

/* One test per row; every cell (each role, and nobody) asserted. */
START_TEST(test_cell)
{
	const char *code = expected[_i].perm;
	int p = bf_perm_parse(code);
	ck_assert_msg(p >= 0, "no permission %s", code);
	ck_assert_str_eq(bf_perm_code((enum bf_perm)p), code);
	for (int r = BF_ROLE_NONE + 1; r < BF_ROLE_END; r++) {
		bool want = listed(expected[_i].roles, bf_role_code((enum bf_role)r));
		ck_assert_msg(bf_perm_allowed((enum bf_role)r, (enum bf_perm)p) == want,
		              "%s / %s: table says %d, expected %d", bf_role_code((enum bf_role)r),
		              code, !want, want);
	}
	ck_assert_msg(!bf_perm_allowed(BF_ROLE_NONE, (enum bf_perm)p), "nobody may %s", code);
}
END_TEST

/* A set of permissions: any one will do. */
START_TEST(test_any_of_a_set)
{
	unsigned edit_or_close = (1u << BF_PERM_CASE_EDIT) | (1u << BF_PERM_CLOSE);
	ck_assert(bf_perm_any(BF_ROLE_CLERK, edit_or_close));
	ck_assert(bf_perm_any(BF_ROLE_ADMIN, edit_or_close));
	ck_assert(!bf_perm_any(BF_ROLE_REVIEWER, edit_or_close));
	ck_assert(!bf_perm_any(BF_ROLE_DISTRICT, edit_or_close));
	ck_assert(!bf_perm_any(BF_ROLE_NONE, edit_or_close));
	ck_assert(!bf_perm_any(BF_ROLE_ADMIN, 0));
	ck_assert(bf_perm_any(BF_ROLE_DISTRICT, 1u << BF_PERM_CONSOLIDATE));
}
END_TEST

START_TEST(test_roles_and_codes)
{
	ck_assert_int_eq(BF_ROLE_COUNT, 4);
	const char *codes[] = {"clerk", "reviewer", "admin", "district"};
	for (size_t i = 0; i < BF_ARRAY_LEN(codes); i++) {
		enum bf_role r = bf_role_parse(codes[i]);
		ck_assert_int_ne(r, BF_ROLE_NONE);
		ck_assert_str_eq(bf_role_code(r), codes[i]);
		ck_assert(bf_role_label(r)[0]);
	}
	ck_assert_int_eq(bf_role_parse("root"), BF_ROLE_NONE);
	ck_assert_int_eq(bf_role_parse(NULL), BF_ROLE_NONE);
	ck_assert_str_eq(bf_role_code(BF_ROLE_NONE), "");
	ck_assert_str_eq(bf_role_code(BF_ROLE_END), "");
	ck_assert_int_eq(bf_perm_parse("fly"), -1);
	ck_assert(!bf_perm_allowed(BF_ROLE_END, BF_PERM_CASE_VIEW));
	ck_assert(!bf_perm_allowed(BF_ROLE_ADMIN, BF_PERM_COUNT));
	ck_assert(!bf_perm_allowed((enum bf_role) - 1, BF_PERM_CASE_VIEW));
	for (int p = 0; p < BF_PERM_COUNT; p++)
		ck_assert(bf_perm_label((enum bf_perm)p)[0]);
}
END_TEST

/* In a district's database the administrator also does the district staff's
 * work; in a unit's, not; no other role gains anything. */
START_TEST(test_district_administrator)
{
	ck_assert(!bf_perm_allowed_at(BF_ROLE_ADMIN, BF_PERM_DISTRICT_IMPORT, false));
	ck_assert(bf_perm_allowed_at(BF_ROLE_ADMIN, BF_PERM_DISTRICT_IMPORT, true));
	ck_assert(bf_perm_allowed_at(BF_ROLE_ADMIN, BF_PERM_DISTRICT_DECIDE, true));
	ck_assert(bf_perm_allowed_at(BF_ROLE_ADMIN, BF_PERM_CONSOLIDATE, true));
	ck_assert(bf_perm_allowed_at(BF_ROLE_ADMIN, BF_PERM_USERS, true));
	ck_assert(!bf_perm_allowed_at(BF_ROLE_CLERK, BF_PERM_DISTRICT_DECIDE, true));
	ck_assert(!bf_perm_allowed_at(BF_ROLE_REVIEWER, BF_PERM_DISTRICT_IMPORT, true));
	ck_assert(!bf_perm_allowed_at(BF_ROLE_DISTRICT, BF_PERM_USERS, true));
}
END_TEST

START_TEST(test_refusal_words)
{
	char buf[256];
	bf_perm_denied(BF_ROLE_CLERK, BF_PERM_CLOSE, buf, sizeof buf);
	ck_assert_str_eq(buf, "Clerk: may not close files (Union chair / administrator may).");
	bf_perm_denied(BF_ROLE_DISTRICT, BF_PERM_REVIEW, buf, sizeof buf);
	ck_assert_str_eq(buf, "District staff: may not record review decisions (Reviewer, Union "
	                      "chair / administrator may).");
	bf_perm_denied(BF_ROLE_NONE, BF_PERM_CASE_EDIT, buf, sizeof buf);
	ck_assert_str_eq(buf, "Nobody is logged in: to take in and edit case files, log in first.");
}
END_TEST

/* ---- login rules with a fake clock --------------------------------------------------- */

START_TEST(test_delays_grow)
{
	struct bf_login_policy p;
	bf_login_policy_init(&p, 5);
	ck_assert_int_eq(p.max_failures, 5);
	ck_assert_int_eq(bf_login_delay_ms(&p, 0), 0);
	ck_assert_int_eq(bf_login_delay_ms(&p, 1), 0); /* a typo costs nothing */
	ck_assert_int_eq(bf_login_delay_ms(&p, 2), 1000);
	ck_assert_int_eq(bf_login_delay_ms(&p, 3), 2000);
	ck_assert_int_eq(bf_login_delay_ms(&p, 4), 4000);
	ck_assert_int_eq(bf_login_delay_ms(&p, 5), 8000);
	ck_assert_int_eq(bf_login_delay_ms(&p, 30), 15 * 60 * 1000); /* capped */
	ck_assert_int_eq(bf_login_delay_ms(&p, 1000000), 15 * 60 * 1000);
	bf_login_policy_init(&p, 0);
	ck_assert_int_eq(p.max_failures, BF_LOGIN_MAX_FAILURES_DEFAULT);
}
END_TEST

START_TEST(test_gate_and_lockout)
{
	struct bf_login_policy p;
	bf_login_policy_init(&p, 5);
	struct bf_login_state s = {0};
	int64_t now = 1000000, wait = -1;
	ck_assert_int_eq(bf_login_gate(&p, &s, now, &wait), BF_GATE_OPEN);
	ck_assert(!bf_login_record_failure(&p, &s, now, true));
	ck_assert_int_eq(bf_login_gate(&p, &s, now, &wait), BF_GATE_OPEN);
	ck_assert(!bf_login_record_failure(&p, &s, now, true)); /* 2 */
	ck_assert_int_eq(bf_login_gate(&p, &s, now, &wait), BF_GATE_WAIT);
	ck_assert_int_eq(wait, 1000);
	ck_assert_int_eq(bf_login_gate(&p, &s, now + 999, &wait), BF_GATE_WAIT);
	ck_assert_int_eq(wait, 1);
	ck_assert_int_eq(bf_login_gate(&p, &s, now + 1000, &wait), BF_GATE_OPEN);
	ck_assert_int_eq(wait, 0);
	now += 1000;
	ck_assert(!bf_login_record_failure(&p, &s, now, true)); /* 3 */
	ck_assert_int_eq(bf_login_gate(&p, &s, now + 1, &wait), BF_GATE_WAIT);
	ck_assert_int_eq(wait, 1999);
	now += 2000;
	ck_assert(!bf_login_record_failure(&p, &s, now, true)); /* 4 */
	ck_assert_int_eq(bf_login_gate(&p, &s, now, &wait), BF_GATE_WAIT);
	ck_assert_int_eq(wait, 4000);
	now += 4000;
	ck_assert(bf_login_record_failure(&p, &s, now, true)); /* 5: locked */
	ck_assert(s.locked);
	ck_assert_int_eq(bf_login_gate(&p, &s, now + 86400000, &wait), BF_GATE_LOCKED);
	bf_login_record_success(&s); /* an administrator unlocks */
	ck_assert_int_eq(bf_login_gate(&p, &s, now, &wait), BF_GATE_OPEN);
	ck_assert_int_eq(s.failures, 0);

	/* may_lock false (the last administrator): never locks, waits grow */
	struct bf_login_state a = {0};
	for (int i = 0; i < 8; i++)
		ck_assert(!bf_login_record_failure(&p, &a, now, false));
	ck_assert(!a.locked);
	ck_assert_int_eq(bf_login_gate(&p, &a, now, &wait), BF_GATE_WAIT);
	ck_assert_int_eq(wait, 64000);
	/* a clock that went back does not lock anyone out for ever */
	ck_assert_int_eq(bf_login_gate(&p, &a, now - 5000, &wait), BF_GATE_OPEN);
}
END_TEST

START_TEST(test_messages_do_not_tell)
{
	char buf[256];
	bf_login_message(BF_LOGIN_FAILED, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "Wrong name or password.");
	bf_login_message(BF_LOGIN_WAIT, 1500, buf, sizeof buf);
	ck_assert_str_eq(buf, "Too many failed attempts: try again in 2 s.");
	bf_login_message(BF_LOGIN_LOCKED, 0, buf, sizeof buf);
	ck_assert(strstr(buf, "locked"));
	bf_login_message(BF_LOGIN_NO_ACCOUNTS, 0, buf, sizeof buf);
	ck_assert(strstr(buf, "bangfu init"));
}
END_TEST

static int64_t fake_now;
static int64_t fake_clock(void *ud)
{
	(void)ud;
	return fake_now;
}

START_TEST(test_idle_lock)
{
	struct bf_clock clock = {fake_clock, NULL};
	fake_now = 5000;
	ck_assert_int_eq(bf_clock_now(&clock), 5000);
	ck_assert(bf_clock_now(NULL) > 1600000000000LL); /* the real one: after 2020 */
	struct bf_idle idle;
	bf_idle_start(&idle, BF_IDLE_LOCK_MINUTES_DEFAULT * 60000, bf_clock_now(&clock));
	fake_now += 4 * 60000;
	ck_assert(!bf_idle_due(&idle, bf_clock_now(&clock)));
	ck_assert_int_eq(bf_idle_left_ms(&idle, bf_clock_now(&clock)), 60000);
	bf_idle_key(&idle, bf_clock_now(&clock)); /* a key: counting starts again */
	fake_now += 4 * 60000 + 59999;
	ck_assert(!bf_idle_due(&idle, bf_clock_now(&clock)));
	fake_now += 1;
	ck_assert(bf_idle_due(&idle, bf_clock_now(&clock)));
	ck_assert_int_eq(bf_idle_left_ms(&idle, bf_clock_now(&clock)), 0);
	bf_idle_start(&idle, 0, fake_now); /* 0 = never */
	fake_now += 365LL * 86400000;
	ck_assert(!bf_idle_due(&idle, fake_now));
	ck_assert_int_eq(bf_idle_left_ms(&idle, fake_now), INT64_MAX);
}
END_TEST

START_TEST(test_names_and_passwords)
{
	bf_error err;
	ck_assert(bf_account_name_ok("wang.li_2", &err));
	ck_assert(bf_account_name_ok("王主席", &err));
	ck_assert(!bf_account_name_ok("", &err));
	ck_assert(!bf_account_name_ok("wang li", &err));
	ck_assert(strstr(err.msg, "spaces"));
	ck_assert(!bf_account_name_ok("(demo)", &err));
	ck_assert(!bf_account_name_ok("a;b", &err));
	ck_assert(!bf_account_name_ok("abcdefghijklmnopqrstuvwxyz0123456", &err)); /* 33 bytes */
	ck_assert(bf_account_name_ok("abcdefghijklmnopqrstuvwxyz012345", &err));
	ck_assert(bf_password_ok("correct horse", "wang", &err));
	ck_assert(bf_password_ok("八个汉字的密码啊", "wang", &err)); /* 8 characters */
	ck_assert(!bf_password_ok("七个汉字的密码", "wang", &err));
	ck_assert(!bf_password_ok("short", "wang", &err));
	ck_assert(!bf_password_ok(NULL, "wang", &err));
	ck_assert(!bf_password_ok("wangwang", "wangwang", &err));
	ck_assert(!bf_password_ok("tab\there!", "x", &err));
	char longpw[200];
	memset(longpw, 'x', sizeof longpw - 1);
	longpw[sizeof longpw - 1] = '\0';
	ck_assert(!bf_password_ok(longpw, "x", &err));
}
END_TEST

static Suite *perm_suite(void)
{
	Suite *s = suite_create("perm");
	TCase *tc = tcase_create("table");
	tcase_add_test(tc, test_every_permission_is_expected);
	tcase_add_test(tc, test_any_of_a_set);
	tcase_add_loop_test(tc, test_cell, 0, (int)BF_ARRAY_LEN(expected));
	tcase_add_test(tc, test_roles_and_codes);
	tcase_add_test(tc, test_refusal_words);
	tcase_add_test(tc, test_district_administrator);
	suite_add_tcase(s, tc);
	tc = tcase_create("login");
	tcase_add_test(tc, test_delays_grow);
	tcase_add_test(tc, test_gate_and_lockout);
	tcase_add_test(tc, test_messages_do_not_tell);
	tcase_add_test(tc, test_idle_lock);
	tcase_add_test(tc, test_names_and_passwords);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "", 1);
	Suite *suites[] = {perm_suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
