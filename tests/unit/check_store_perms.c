/* check_store_perms.c — every store function that changes data checks the
 * operator's permission first (issue 13, item 4): with a clerk logged in,
 * each write function a clerk may not use is refused with the table's
 * answer ("Clerk: may not ..."), before it looks at its arguments, and
 * nothing is written (the audit log does not grow). The same for district
 * staff's functions in a district's database, and for a unit's
 * administrator on the district's work. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bangfu/accounts.h"
#include "bangfu/campaign_store.h"
#include "bangfu/district_store.h"
#include "bangfu/holiday_store.h"
#include "bangfu/publicity_store.h"
#include "bangfu/purge.h"
#include "bangfu/store.h"
#include "bangfu/submission_store.h"
#include "bangfu/workflow_store.h"
#include "testutil.h"

static char tmpdir[256];

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bf-perms-XXXXXX", base && base[0] ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

/* A unit's (or a district's) database with an administrator "boss" and a
 * clerk "li", the unit saved; nobody logged in. */
static void open_db(bf_db *db, bool district)
{
	char path[300];
	snprintf(path, sizeof path, "%s/%s.db", tmpdir, district ? "d" : "u");
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(db, path, BF_DB_CREATE, &err) == 0, "%s", err.msg);
	struct bf_account_new seed[] = {
	    {"boss", NULL, BF_ROLE_ADMIN, "boss-password"},
	    {"li", NULL, BF_ROLE_CLERK, "li-passphrase"},
	};
	ck_assert_msg(bf_account_seed(db, seed, BF_ARRAY_LEN(seed), &err) == 0, "%s", err.msg);
	bf_store_set_session(db, "boss", BF_ROLE_ADMIN);
	struct bf_unit u;
	memset(&u, 0, sizeof u);
	bf_strlcpy(u.name, district ? "某某区总工会" : "测试单位", sizeof u.name);
	bf_strlcpy(u.code, district ? "D01" : "U001", sizeof u.code);
	u.district_mode = district;
	ck_assert_msg(bf_unit_save(db, &u, &err) == 0, "%s", err.msg);
}

static int64_t audit_rows(bf_db *db)
{
	int64_t n = -1;
	ck_assert_msg(bf_db_int(db, "SELECT count(*) FROM audit_log", &n) == 0, "%s", db->errmsg);
	return n;
}

/* Each call is refused naming the role, and writes nothing. */
#define REFUSED(db, who, call)                                                               \
	do {                                                                                 \
		bf_error err = {{0}};                                                        \
		int64_t before = audit_rows(db);                                             \
		int rc_ = (call);                                                            \
		ck_assert_msg(rc_ != 0, "%s: not refused", #call);                           \
		ck_assert_msg(strstr(err.msg, who ": may not"), "%s: refused otherwise: %s", \
		              #call, err.msg);                                               \
		ck_assert_int_eq(audit_rows(db), before);                                    \
	} while (0)

START_TEST(clerk_refused_in_unit)
{
	bf_db db;
	open_db(&db, false);
	bf_store_set_session(&db, "li", BF_ROLE_CLERK);
	/* settings: the unit, the settings (caps included), thresholds, holidays */
	struct bf_unit u;
	memset(&u, 0, sizeof u);
	REFUSED(&db, "Clerk", bf_unit_save(&db, &u, &err));
	REFUSED(&db, "Clerk", bf_setting_set(&db, "", "1", &err));
	REFUSED(&db, "Clerk", bf_setting_set(&db, "campaign_cap_payment", "0", &err));
	REFUSED(&db, "Clerk", bf_setting_set(&db, "retention_years", "1", &err));
	struct bf_year_settings ys;
	memset(&ys, 0, sizeof ys);
	REFUSED(&db, "Clerk", bf_settings_year_save(&db, &ys, &err));
	REFUSED(&db, "Clerk",
	        bf_holiday_set(&db, bf_date_from_ymd(2030, 1, 2), BF_DAY_HOLIDAY, "x", &err));
	REFUSED(&db, "Clerk", bf_holiday_remove(&db, bf_date_from_ymd(2030, 1, 1), &err));
	struct bf_holiday_file hf;
	memset(&hf, 0, sizeof hf);
	int changed, added;
	REFUSED(&db, "Clerk", bf_holiday_import(&db, &hf, "x", &changed, &added, &err));
	struct bf_consolation_standard cs;
	memset(&cs, 0, sizeof cs);
	REFUSED(&db, "Clerk", bf_consolation_standard_save(&db, &cs, &err));
	struct bf_pkg_keyfile kf;
	memset(&kf, 0, sizeof kf);
	REFUSED(&db, "Clerk", bf_key_trust(&db, &kf, false, &err));
	/* accounts */
	struct bf_account_new a = {"wu", NULL, BF_ROLE_ADMIN, "wu-password-1"};
	REFUSED(&db, "Clerk", bf_account_create(&db, &a, &err));
	REFUSED(&db, "Clerk", bf_account_set_disabled(&db, "boss", true, &err));
	REFUSED(&db, "Clerk", bf_account_unlock(&db, "boss", &err));
	REFUSED(&db, "Clerk", bf_account_reset(&db, "boss", "taken-over-1", &err));
	/* review and its consequences */
	struct bf_review r;
	memset(&r, 0, sizeof r);
	REFUSED(&db, "Clerk", bf_case_review(&db, 1, &r, bf_date_from_ymd(2030, 1, 1), &err));
	REFUSED(&db, "Clerk", bf_consolation_decide(&db, 1, true, "", &err));
	REFUSED(&db, "Clerk", bf_recipient_add_back(&db, 1, "2030-0001", "", &err));
	struct bf_spotcheck sc;
	REFUSED(&db, "Clerk", bf_spotcheck_draw_campaign(&db, 1, 10, false, 0, &sc, &err));
	REFUSED(&db, "Clerk",
	        bf_spotcheck_record(&db, 1, "2030-0001", "", "", true, 1, NULL, &err));
	/* publicity */
	struct bf_round_new rn;
	memset(&rn, 0, sizeof rn);
	REFUSED(&db, "Clerk", bf_round_create(&db, &rn, NULL, &err));
	struct bf_objection_new on;
	memset(&on, 0, sizeof on);
	REFUSED(&db, "Clerk", bf_objection_record(&db, 1, &on, NULL, &err));
	REFUSED(&db, "Clerk", bf_objection_investigate(&db, 1, "", &err));
	REFUSED(&db, "Clerk",
	        bf_objection_resolve(&db, 1, true, "", bf_date_from_ymd(2030, 1, 1), &err));
	REFUSED(&db, "Clerk", bf_round_close(&db, 1, bf_date_from_ymd(2030, 1, 1), &err));
	/* submission, closing, purging */
	int64_t ids[] = {1};
	REFUSED(&db, "Clerk", bf_batch_create(&db, ids, 1, NULL, NULL, &err));
	REFUSED(&db, "Clerk", bf_batch_add(&db, 1, 1, &err));
	REFUSED(&db, "Clerk", bf_batch_remove(&db, 1, 1, &err));
	struct bf_batch_export x;
	REFUSED(&db, "Clerk", bf_batch_export_begin(&db, 1, &x, &err));
	REFUSED(&db, "Clerk", bf_batch_export_begin_opts(&db, 1, true, &x, &err));
	struct bf_reply_result rr;
	REFUSED(&db, "Clerk", bf_reply_import(&db, "", 0, &rr, &err));
	int taken[4];
	size_t nt;
	REFUSED(&db, "Clerk", bf_holiday_take_newer(&db, &hf, "x", taken, 4, &nt, &err));
	struct bf_move mv;
	bf_move_init(&mv, BF_STATE_CLOSED);
	REFUSED(&db, "Clerk", bf_case_advance(&db, 1, &mv, &err));
	struct bf_purge_result pr;
	REFUSED(&db, "Clerk", bf_purge_run(&db, bf_date_from_ymd(2040, 1, 1), &pr, &err));
	/* the district's work, in a unit's database: not the clerk's either */
	REFUSED(&db, "Clerk", bf_dist_decide(&db, 1, "accept", 100, NULL, NULL, &err));
	bf_db_close(&db);
}
END_TEST

START_TEST(clerk_refused_in_district)
{
	bf_db db;
	open_db(&db, true);
	bf_store_set_session(&db, "li", BF_ROLE_CLERK);
	struct bf_import_result ir;
	REFUSED(&db, "Clerk", bf_district_import(&db, "", 0, &ir, &err));
	REFUSED(&db, "Clerk", bf_dist_decide(&db, 1, "accept", 100, NULL, NULL, &err));
	char *out = NULL;
	size_t len = 0, n = 0;
	REFUSED(&db, "Clerk", bf_dist_reply(&db, "U001", &out, &len, &n, &err));
	ck_assert_ptr_null(out);
	struct bf_pkg_keyfile kf;
	memset(&kf, 0, sizeof kf);
	REFUSED(&db, "Clerk", bf_key_trust(&db, &kf, false, &err));
	REFUSED(&db, "Clerk", bf_setting_set(&db, "require_signature", "0", &err));
	bf_db_close(&db);
}
END_TEST

int main(void)
{
	setenv("BANGFU_TEST_PWHASH_MIN", "1", 1);
	Suite *s = suite_create("store permissions");
	TCase *tc = tcase_create("refusals");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, clerk_refused_in_unit);
	tcase_add_test(tc, clerk_refused_in_district);
	suite_add_tcase(s, tc);
	return bf_test_run(&s, 1);
}
