/* check_publicity_ui.c — the publicity screens (公示): the round list, a
 * new round, objections, closing — driven in-process: a
 * fresh database in a temporary folder per test, curses on an "xterm" over
 * /dev/null at 80x24, keys from a script, the screen read back and the
 * database checked. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bangfu/accounts.h"
#include "bangfu/eligibility.h"
#include "bangfu/sample.h"
#include "bangfu/store.h"
#include "bangfu/ui.h"
#include "bangfu/ui_screens.h"
#include "bangfu/workflow_store.h"
#include "bangfu/pdf.h"
#include "bangfu/publicity_store.h"
#include "bangfu/checklist.h"
#include "bangfu/casefile.h"
#include "../unit/testutil.h"

#include "screen_fixture.h"

/* An approved sample file with its documents in (as `bangfu demo` makes them). */
static int64_t approved_case(int seed)
{
	struct bf_case *c = malloc(sizeof *c);
	ck_assert_ptr_nonnull(c);
	struct bf_sample s;
	bf_sample_seed(&s, (uint64_t)seed);
	bf_sample_case(&s, 2026, seed % 8, c);
	c->id = 0;
	bf_strlcpy(c->status, "approved", sizeof c->status);
	bf_error err = {{0}};
	ck_assert_msg(bf_case_save(&ctx.db, c, &err) == 0, "%s", err.msg);
	int64_t id = c->id;
	free(c);
	struct bf_checklist cl;
	bf_checklist_init(&cl);
	ck_assert_msg(bf_checklist_load(&ctx.db, id, &cl, &err) == 0, "%s", err.msg);
	for (size_t i = 0; i < cl.n; i++) {
		if (!cl.items[i].required || cl.items[i].status != BF_ITEM_MISSING)
			continue;
		struct bf_receipt r = {.date = "2026-11-20", .copies = 1};
		ck_assert_msg(
		    bf_checklist_receive(&ctx.db, id, cl.items[i].key, &r, ctx.today, &err) == 0,
		    "%s: %s", cl.items[i].key, err.msg);
	}
	bf_checklist_free(&cl);
	return id;
}

/* A round of two approved files made through the store; returns its id. */
static int64_t store_round(int64_t *cases)
{
	int64_t ids[2] = {approved_case(3), approved_case(5)};
	if (cases) {
		cases[0] = ids[0];
		cases[1] = ids[1];
	}
	struct bf_round_new rn = {ids,          2,        BF_DATE_NONE,   0,
	                          "厂区公告栏", "李工会", "010-12345678", "工会办公室",
	                          ctx.today};
	bf_error err = {{0}};
	int64_t id = 0;
	ck_assert_msg(bf_round_create(&ctx.db, &rn, &id, &err) == 0, "%s", err.msg);
	return id;
}

static struct bf_round load_round(int64_t id)
{
	struct bf_round r;
	bf_error err = {{0}};
	ck_assert_msg(bf_round_load(&ctx.db, id, ctx.today, &r, &err) == 0, "%s", err.msg);
	return r;
}

static enum bf_state state_of(int64_t id)
{
	struct bf_case_wf *w = calloc(1, sizeof *w);
	bf_error err = {{0}};
	ck_assert_msg(bf_case_workflow(&ctx.db, id, ctx.today, w, &err) == 0, "%s", err.msg);
	enum bf_state s = w->state;
	free(w);
	return s;
}

/* ---- tests ------------------------------------------------------------------------------ */

START_TEST(round_list_shows_days_left)
{
	int64_t id = store_round(NULL);
	struct bf_round r = load_round(id);
	ck_assert_int_gt(r.days_left, 0);
	ck_assert_int_eq(bf_publicity_open(&app), 0);
	run();
	assert_on_screen("1 publicity round");
	assert_on_screen("Days left");
	char end[BF_DATE_SZ], want[64];
	bf_date_format(r.end, end);
	assert_on_screen(end);
	snprintf(want, sizeof want, " %d ", r.days_left);
	assert_on_screen(want);
	assert_on_screen("In publicity");
	assert_same_as_fresh();
}
END_TEST

START_TEST(create_round_from_screen)
{
	int64_t a = approved_case(3), b = approved_case(5);
	approved_case(6); /* a third, not chosen */
	ck_assert_int_eq(bf_publicity_open(&app), 0);
	key('n');
	snap();
	key('*'); /* all, as in the batches; again: none */
	snap();
	key('*');
	key(' ');
	key(' ');
	key('\n');
	type("厂区公告栏");
	key('\n');
	type("李工会");
	key('\n');
	type("010-12345678");
	key('\n');
	type("工会办公室");
	key('\n');
	key('\n'); /* start: today */
	key('\n'); /* working days: the setting */
	snap();
	key('y');
	run();
	assert_in(snaps[0], "Approved files: 3, chosen: 0");
	assert_in(snaps[1], "Approved files: 3, chosen: 3");
	/* 2026-11-28 is a Saturday: five working days are Nov 30 to Dec 4 */
	assert_in(snaps[2], "from 2026-11-28 to 2026-12-04");
	assert_on_screen("Publicity round 1: 2 files");
	struct bf_round *rs = NULL;
	size_t n = 0;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_round_list(&ctx.db, ctx.today, &rs, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(rs[0].n_cases, 2);
	ck_assert_str_eq(rs[0].place, "厂区公告栏");
	ck_assert_str_eq(rs[0].office, "工会办公室");
	ck_assert_int_eq(rs[0].days, 5);
	free(rs);
	ck_assert_int_eq(state_of(a), BF_STATE_IN_PUBLICITY);
	ck_assert_int_eq(state_of(b), BF_STATE_IN_PUBLICITY);
	assert_same_as_fresh();
}
END_TEST

/* issue 17: the pick's File column (12 wide) widens for a number the
 * allocator makes longer ("2026-10000000", 13 characters, not cut to
 * "2026-1000000…"), the screen the same as one drawn fresh. */
START_TEST(pick_long_number_whole)
{
	int64_t id = approved_case(3);
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE case_file SET number = '2026-10000000' WHERE id = %lld",
	         (long long)id);
	ck_assert_msg(bf_db_exec(&ctx.db, sql) == 0, "%s", ctx.db.errmsg);
	ck_assert_int_eq(bf_publicity_open(&app), 0);
	key('n');
	run();
	assert_on_screen("2026-10000000");
	ck_assert_ptr_null(strstr(screen(), "2026-1000000…"));
	assert_same_as_fresh();
}
END_TEST

START_TEST(objection_record_then_resolve)
{
	int64_t id = store_round(NULL);
	ck_assert_int_eq(bf_publicity_open(&app), 0);
	key('\n'); /* the round */
	key('o');
	key('\n'); /* the first case */
	key('\n'); /* received today */
	key('\n'); /* by phone */
	key('\n'); /* anonymous */
	type("家中另有住房");
	key('\n');
	run();
	assert_on_screen("Objection #1 recorded");
	assert_on_screen("Recorded: 家中另有住房");
	struct bf_objection *o = NULL;
	size_t n = 0;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_objection_list(&ctx.db, id, false, &o, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(o[0].status, BF_OBJ_OPEN);
	ck_assert_str_eq(o[0].raised_by, "");
	free(o);

	key('u');
	key('\n'); /* the objection */
	key('\n'); /* dismiss */
	type("经核实住房为租住");
	key('\n');
	run();
	assert_on_screen("Objection #1 dismissed");
	ck_assert_int_eq(bf_objection_list(&ctx.db, id, false, &o, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(o[0].status, BF_OBJ_DISMISSED);
	ck_assert_str_eq(o[0].resolution, "经核实住房为租住");
	free(o);
	ck_assert_uint_eq(load_round(id).n_open, 0);
	assert_same_as_fresh();
}
END_TEST

/* The notice (p) and the result report (r) as PDFs: a box counting the
 * rows (the two files), then the pages; Esc after the first row writes no
 * file, and without Esc the file is written. */
static void print_cancelled(bf_key what, const char *label, const char *file)
{
	key('\n'); /* the round */
	key(what);
	key('\n'); /* the offered file name */
	esc_after_steps(1, label);
	assert_in(snaps[0], "0 of 2 (0%)");
	assert_in(snaps[1], "1 of 2 (50%)");
	ck_assert(!dir_has(tmpdir, file));
	ck_assert(!dir_has(tmpdir, BF_OUTFILE_PREFIX));
	key(what);
	key('\n');
	if (bf_pdf_can_print())
		key('n'); /* not to the printer */
	run();
	ck_assert(dir_has(tmpdir, file));
}

START_TEST(notice_and_report_cancelled_with_esc_write_nothing)
{
	int64_t id = store_round(NULL);
	ck_assert_int_eq(bf_publicity_open(&app), 0);
	print_cancelled('p', "Publicity notice (rows, then pages)", "bangfu-公示-");
	key(BF_ESC); /* back to the rounds */
	run();
	ctx.today = bf_date_from_ymd(2026, 12, 10);
	bf_error err = {{0}};
	ck_assert_msg(bf_round_close(&ctx.db, id, ctx.today, &err) == 0, "%s", err.msg);
	print_cancelled('r', "Result report (rows, then pages)", "bangfu-公示结果-");
}
END_TEST

START_TEST(close_refused_while_objection_open)
{
	int64_t cases[2];
	int64_t id = store_round(cases);
	struct bf_objection_new on = {cases[0], BF_DATE_NONE, BF_VIA_PHONE,
	                              "",       "收入不实",   ctx.today};
	bf_error err = {{0}};
	ck_assert_msg(bf_objection_record(&ctx.db, id, &on, NULL, &err) == 0, "%s", err.msg);
	/* past the last day: only the objection stands in the way */
	ctx.today = bf_date_from_ymd(2026, 12, 10);
	ck_assert_int_eq(bf_publicity_open(&app), 0);
	key('\n');
	key('c'); /* refused at once: no "Close round?" first */
	snap();
	key('\n');
	run();
	char msg[256];
	bf_round_close_check(ctx.today, load_round(id).end, 1, msg, sizeof msg);
	assert_in(snaps[0], "The round stays open");
	ck_assert_ptr_null(strstr(snaps[0], "Close round"));
	/* the store's words, as they are (the start of them: the box wraps) */
	char head[24];
	bf_strlcpy(head, msg, sizeof head);
	assert_in(snaps[0], head);
	ck_assert_int_eq(load_round(id).status, BF_ROUND_OPEN);
	ck_assert_int_eq(state_of(cases[0]), BF_STATE_IN_PUBLICITY);
	assert_same_as_fresh();
}
END_TEST

START_TEST(objection_investigate_then_uphold)
{
	int64_t cases[2];
	int64_t id = store_round(cases);
	struct bf_objection_new on = {cases[0], BF_DATE_NONE, BF_VIA_LETTER,
	                              "王某",   "收入不实",   ctx.today};
	bf_error err = {{0}};
	ck_assert_msg(bf_objection_record(&ctx.db, id, &on, NULL, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_publicity_open(&app), 0);
	key('\n');
	key('i');
	key('\n'); /* the objection */
	type("配偶有经营收入");
	key('\n');
	run();
	assert_on_screen("Under investigation");
	assert_on_screen("配偶有经营收入");
	assert_on_screen("王某");
	key('u');
	key('\n');
	key(BF_KC(KEY_DOWN)); /* uphold */
	key('\n');
	type("收入超标");
	key('\n');
	run();
	assert_on_screen("Objection #1 upheld");
	assert_on_screen("withdrawn");
	ck_assert_int_eq(state_of(cases[0]), BF_STATE_OBJECTION_UPHELD);
	ck_assert_int_eq(state_of(cases[1]), BF_STATE_IN_PUBLICITY);
	ck_assert_uint_eq(load_round(id).n_upheld, 1);
	assert_same_as_fresh();
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("publicity_ui");
	TCase *tc = tcase_create("publicity_ui");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, round_list_shows_days_left);
	tcase_add_test(tc, create_round_from_screen);
	tcase_add_test(tc, pick_long_number_whole);
	tcase_add_test(tc, objection_record_then_resolve);
	tcase_add_test(tc, close_refused_while_objection_open);
	tcase_add_test(tc, objection_investigate_then_uphold);
	tcase_add_test(tc, notice_and_report_cancelled_with_esc_write_nothing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *suites[] = {suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
