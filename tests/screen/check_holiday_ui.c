/* check_holiday_ui.c — the holiday calendar screen in-process at 80x24: the
 * year's month grids with the shipped days off (*) and make-up working days
 * (+), moving about, a day made off and named and made usual again (each
 * change audited), another year without an arrangement warned of, the menu
 * entry for the administrator only, and the case list's notice from
 * 1 December. */
#include "config.h"

#include "bangfu/holiday_store.h"
#include "screen_fixture.h"

static int64_t q_int(const char *sql)
{
	int64_t v = -1;
	ck_assert_msg(bf_db_int(&ctx.db, sql, &v) == 0, "%s", ctx.db.errmsg);
	return v;
}

START_TEST(year_grid_and_moves)
{
	ck_assert_int_eq(bf_holiday_open(&app), 0);
	snap();
	key(BF_KC(KEY_PPAGE)); /* 2026-10-28 */
	key(BF_KC(KEY_UP));
	key(BF_KC(KEY_UP)); /* 10-14 */
	for (int i = 0; i < 4; i++)
		key(BF_KC(KEY_LEFT)); /* 10-10 */
	snap();
	run();
	/* 2026-11-28: the second half of the year */
	assert_in(snaps[0], "2026  国务院办公厅关于2026年部分节假日安排的通知");
	assert_in(snaps[0], "July");
	assert_in(snaps[0], "December");
	assert_in(snaps[0], "Mo Tu We Th Fr Sa Su");
	assert_in(snaps[0], " 1* 2* 3* 4*"); /* National Day, Thursday 1 to Sunday 4 */
	assert_in(snaps[0], "10+");          /* the Saturday worked */
	assert_in(snaps[0], "2026-11-28 Sa  day off  (as usual)");
	assert_in(snaps[1], "2026-10-10 Sa  working day  国庆节");
	assert_same_as_fresh();
}
END_TEST

START_TEST(toggle_and_name_a_day)
{
	int64_t audit = q_int("SELECT count(*) FROM audit_log");
	ck_assert_int_eq(bf_holiday_open(&app), 0);
	key(BF_KC(KEY_RIGHT));
	key(BF_KC(KEY_RIGHT)); /* Monday 2026-11-30 */
	key(' ');
	snap();
	key('e');
	type("厂庆");
	key('\n');
	snap();
	key('t'); /* as usual again */
	snap();
	run();
	assert_in(snaps[0], "2026-11-30 Mo  day off");
	assert_in(snaps[0], "30*");
	assert_in(snaps[1], "2026-11-30 Mo  day off  厂庆");
	assert_in(snaps[2], "2026-11-30 Mo  working day  (as usual)");
	ck_assert_int_eq(q_int("SELECT count(*) FROM holiday WHERE date = '2026-11-30'"), 0);
	/* insert, update (the name), delete */
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit_log WHERE tbl = 'holiday'"
	                       " AND actor = 'tester'"),
	                 3);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit_log WHERE tbl = 'holiday'"
	                       " AND action = 'update' AND detail LIKE '%厂庆%'"),
	                 1);
	ck_assert_int_ge(q_int("SELECT count(*) FROM audit_log"), audit + 3);
	assert_same_as_fresh();
}
END_TEST

START_TEST(weekend_made_a_working_day)
{
	ck_assert_int_eq(bf_holiday_open(&app), 0);
	key(BF_KC(KEY_RIGHT)); /* Sunday 2026-11-29 */
	key(' ');
	run();
	assert_on_screen("2026-11-29 Su  working day");
	assert_on_screen("29+");
	ck_assert_int_eq(
	    q_int("SELECT count(*) FROM holiday WHERE date = '2026-11-29' AND kind = 'workday'"),
	    1);
	assert_same_as_fresh();
}
END_TEST

START_TEST(year_without_arrangement_warns)
{
	ck_assert_int_eq(bf_holiday_open(&app), 0);
	key('>');
	snap();
	key('y');
	key(BF_CTRL('U'));
	type("2015");
	key('\n');
	snap();
	run();
	assert_in(snaps[0], "2027  no holiday arrangement for 2027: counted Monday to Friday");
	assert_in(snaps[1], "2015  国务院办公厅关于2015年部分节假日安排的通知");
	assert_same_as_fresh();
}
END_TEST

START_TEST(clerk_is_refused)
{
	bf_store_set_session(&ctx.db, "tester", BF_ROLE_CLERK);
	ck_assert_int_eq(bf_holiday_open(&app), -1);
	ck_assert_int_eq(bf_menu_open(&app), 0);
	run();
	ck_assert_ptr_null(strstr(screen(), "Holiday calendar"));
	assert_same_as_fresh();
}
END_TEST

START_TEST(menu_opens_it)
{
	ck_assert_int_eq(bf_menu_open(&app), 0);
	snap();
	key('a');
	run();
	assert_in(snaps[0], "a  Holiday calendar");
	assert_on_screen("Mo Tu We Th Fr Sa Su");
	assert_same_as_fresh();
}
END_TEST

START_TEST(case_list_notice_from_december)
{
	ctx.today = bf_date_from_ymd(2026, 12, 1);
	ck_assert_int_eq(bf_caselist_open(&app), 0);
	run();
	assert_on_screen("No holiday arrangement for 2027 yet (counted Mon-Fri): menu, Holiday "
	                 "calendar");
	assert_same_as_fresh();
}
END_TEST

START_TEST(case_list_quiet_in_november)
{
	ck_assert_int_eq(bf_caselist_open(&app), 0);
	run();
	ck_assert_ptr_null(strstr(screen(), "no holiday arrangement"));
	assert_same_as_fresh();
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("holiday_ui");
	TCase *tc = tcase_create("screen");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, year_grid_and_moves);
	tcase_add_test(tc, toggle_and_name_a_day);
	tcase_add_test(tc, weekend_made_a_working_day);
	tcase_add_test(tc, year_without_arrangement_warns);
	tcase_add_test(tc, clerk_is_refused);
	tcase_add_test(tc, menu_opens_it);
	tcase_add_test(tc, case_list_notice_from_december);
	tcase_add_test(tc, case_list_quiet_in_november);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *suites[] = {suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
