/* check_workflow_ui.c — the workflow screens of a saved case (the
 * checklist, the review, the history and its moves) driven in-process: a
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
#include "../../src/ui/intake.h"
#include "../../src/ui/workflow_ui.h"
#include "../unit/testutil.h"

#include "screen_fixture.h"

/* A saved sample case that matches an aid category, with the five clears
 * and the bank recorded: only the documents stand between it and
 * "documents complete". */
static int64_t saved_case(int *category)
{
	struct bf_case *c = malloc(sizeof *c);
	struct bf_assessment *a = malloc(sizeof *a);
	ck_assert(c && a);
	struct bf_year_settings ys;
	bf_year_settings_seed(&ys, 2026);
	struct bf_sample s;
	bf_sample_seed(&s, 7);
	for (int kind = 0;; kind++) {
		ck_assert_int_lt(kind, 64);
		bf_sample_case(&s, 2026, kind % 8, c);
		bf_assess(c, &ys, a);
		if (a->first_match >= 0)
			break;
	}
	if (category)
		*category = a->first_match + 1;
	bf_strlcpy(c->family_situation, "夫妻二人，一子上学", sizeof c->family_situation);
	bf_strlcpy(c->hardship_cause_text, "配偶失业", sizeof c->hardship_cause_text);
	bf_strlcpy(c->state_of_mind, "积极", sizeof c->state_of_mind);
	bf_strlcpy(c->skills, "车工", sizeof c->skills);
	bf_strlcpy(c->employment_wish, "希望配偶再就业", sizeof c->employment_wish);
	bf_strlcpy(c->bank_name, "中国工商银行", sizeof c->bank_name);
	bf_strlcpy(c->bank_branch, "朝阳支行", sizeof c->bank_branch);
	bf_strlcpy(c->bank_card, "6222020200112233445", sizeof c->bank_card);
	c->id = 0;
	bf_error err = {{0}};
	ck_assert_msg(bf_case_save(&ctx.db, c, &err) == 0, "%s", err.msg);
	int64_t id = c->id;
	free(c);
	free(a);
	return id;
}

static void load_checklist(int64_t id, struct bf_checklist *cl)
{
	bf_error err = {{0}};
	bf_checklist_init(cl);
	ck_assert_msg(bf_checklist_load(&ctx.db, id, cl, &err) == 0, "%s", err.msg);
}

static size_t missing_now(int64_t id)
{
	struct bf_checklist cl;
	load_checklist(id, &cl);
	struct bf_checklist_summary sum;
	bf_checklist_summarize(&cl, &sum);
	bf_checklist_free(&cl);
	return sum.missing;
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

/* Tick every required document in the store. */
static void receive_all(int64_t id)
{
	struct bf_checklist cl;
	load_checklist(id, &cl);
	bf_error err = {{0}};
	for (size_t i = 0; i < cl.n; i++) {
		if (!cl.items[i].required)
			continue;
		struct bf_receipt r = {.date = "2026-11-20", .copies = 1};
		ck_assert_msg(
		    bf_checklist_receive(&ctx.db, id, cl.items[i].key, &r, ctx.today, &err) == 0,
		    "%s: %s", cl.items[i].key, err.msg);
	}
	bf_checklist_free(&cl);
	ck_assert_int_eq(missing_now(id), 0);
}

/* Tick every document in the store and move the file to docs_complete. */
static void to_docs_complete(int64_t id)
{
	receive_all(id);
	bf_error err = {{0}};
	struct bf_move m;
	bf_move_init(&m, BF_STATE_DOCS_COMPLETE);
	m.today = ctx.today;
	ck_assert_msg(bf_case_advance(&ctx.db, id, &m, &err) == 0, "%s", err.msg);
}

static int changes;
static void on_change(void *ud)
{
	(void)ud;
	changes++;
}

/* ---- the checklist ------------------------------------------------------------------- */

START_TEST(checklist_space_and_w_change_store_and_count)
{
	int64_t id = saved_case(NULL);
	size_t total = missing_now(id);
	ck_assert_uint_ge(total, 3);
	ck_assert_int_eq(bf_checklist_open(&app, id, on_change, NULL), 0);
	run();
	char want[64];
	snprintf(want, sizeof want, "%zu of %zu documents missing", total, total);
	assert_on_screen(want);
	assert_on_screen("Household");
	assert_on_screen("(the employee)");
	assert_on_screen("Space Received");

	/* Space: the first item received today by the operator */
	key(' ');
	run();
	struct bf_checklist cl;
	load_checklist(id, &cl);
	ck_assert_int_eq(cl.items[0].status, BF_ITEM_RECEIVED);
	ck_assert_str_eq(cl.items[0].received_date, "2026-11-28");
	ck_assert_str_eq(cl.items[0].received_by, "tester");
	bf_checklist_free(&cl);
	ck_assert_uint_eq(missing_now(id), total - 1);
	snprintf(want, sizeof want, "%zu of %zu documents missing", total - 1, total);
	assert_on_screen(want);
	assert_on_screen("[x]");
	assert_on_screen("Received 2026-11-28 by tester.");

	/* w on the next one: asks the reason, waives it */
	key(BF_KC(KEY_DOWN));
	key('w');
	snap();
	type("原件已在档");
	key('\n');
	run();
	assert_in(snaps[0], "Waived because:");
	load_checklist(id, &cl);
	int waived = 0;
	for (size_t i = 0; i < cl.n; i++)
		if (cl.items[i].status == BF_ITEM_WAIVED) {
			waived++;
			ck_assert_str_eq(cl.items[i].waive_reason, "原件已在档");
			ck_assert_str_eq(cl.items[i].waived_by, "tester");
		}
	bf_checklist_free(&cl);
	ck_assert_int_eq(waived, 1);
	ck_assert_uint_eq(missing_now(id), total - 2);
	snprintf(want, sizeof want, "%zu of %zu documents missing", total - 2, total);
	assert_on_screen(want);
	assert_on_screen("[-]");

	/* u: missing again; Space on a received item: missing again too */
	key('u');
	key(BF_KC(KEY_UP));
	key(' ');
	run();
	ck_assert_uint_eq(missing_now(id), total);
	snprintf(want, sizeof want, "%zu of %zu documents missing", total, total);
	assert_on_screen(want);
	ck_assert_int_ge(changes, 4);

	/* a waiver without a reason changes nothing */
	key('w');
	key('\n');
	run();
	ck_assert_uint_eq(missing_now(id), total);
	ck_assert_msg(strstr(app.msg, "needs a reason"), "%s", app.msg);
	assert_same_as_fresh();
}
END_TEST

START_TEST(checklist_print_writes_pdf)
{
	int64_t id = saved_case(NULL);
	ck_assert_int_eq(bf_checklist_open(&app, id, NULL, NULL), 0);
	char path[600];
	snprintf(path, sizeof path, "%s/handout.pdf", tmpdir);
	key('p');
	snap();
	key(BF_CTRL('U'));
	type(path);
	key('\n'); /* lp, when offered, is not confirmed: the script ends */
	run();
	assert_in(snaps[0], "bangfu-");
	assert_in(snaps[0], "材料清单.pdf");
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_gt(st.st_size, 500);
	ck_assert_msg(strstr(app.msg, "handout.pdf"), "%s", app.msg);
	assert_same_as_fresh();
}
END_TEST

START_TEST(checklist_pair_key_ticks_both)
{
	int64_t id = saved_case(NULL);
	struct bf_case *c = malloc(sizeof *c);
	bf_error err = {{0}};
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(bf_case_load(&ctx.db, id, c, &err), 0);
	c->accident_year = 2026;
	c->disaster_loss = 3000000;
	ck_assert_msg(bf_case_save(&ctx.db, c, &err) == 0, "%s", err.msg);
	free(c);
	size_t before = missing_now(id);
	ck_assert_int_eq(bf_checklist_open(&app, id, NULL, NULL), 0);
	key('a');
	run();
	struct bf_checklist cl;
	load_checklist(id, &cl);
	int pair = 0;
	for (size_t i = 0; i < cl.n; i++)
		if (cl.items[i].pair_member) {
			ck_assert_int_eq(cl.items[i].status, BF_ITEM_RECEIVED);
			pair++;
		}
	bf_checklist_free(&cl);
	ck_assert_int_eq(pair, 2);
	ck_assert_uint_eq(missing_now(id), before - 1);
	assert_same_as_fresh();
}
END_TEST

/* ---- moves --------------------------------------------------------------------------- */

START_TEST(refused_move_shows_missing_documents)
{
	int64_t id = saved_case(NULL);
	ck_assert_int_eq(bf_history_open(&app, id, NULL, NULL), 0);
	run();
	assert_on_screen("Status: Draft");
	assert_on_screen("created as Draft");
	key('m');
	snap();
	key('\n'); /* the first: documents complete, not ready */
	snap();
	key('\n');
	run();
	assert_in(snaps[0], "Move the file to");
	assert_in(snaps[0], "missing:");
	assert_in(snaps[1], "documents still missing");
	ck_assert_int_eq(state_of(id), BF_STATE_DRAFT);

	/* ticked everything: the move is ready and made */
	receive_all(id);
	key('m');
	snap();
	key('\n');
	key('y');
	run();
	assert_in(snaps[2], "Documents complete — ready");
	ck_assert_int_eq(state_of(id), BF_STATE_DOCS_COMPLETE);
	assert_on_screen("Status: Documents complete");
	assert_on_screen("Draft → Documents complete");
	assert_same_as_fresh();
}
END_TEST

/* Every document in but the five clears not: the checklist's "all in" line
 * says what still keeps the file from "documents complete", and the move
 * list shows the selected move's reasons whole (not cut). */
START_TEST(all_in_names_what_else_blocks)
{
	int64_t id = saved_case(NULL);
	struct bf_case *c = malloc(sizeof *c);
	bf_error err = {{0}};
	ck_assert_msg(bf_case_load(&ctx.db, id, c, &err) == 0, "%s", err.msg);
	c->family_situation[0] = 0;
	c->state_of_mind[0] = 0;
	c->employment_wish[0] = 0;
	ck_assert_msg(bf_case_save(&ctx.db, c, &err) == 0, "%s", err.msg);
	free(c);
	receive_all(id);
	ck_assert_int_eq(bf_checklist_open(&app, id, NULL, NULL), 0);
	run();
	assert_on_screen("documents received or waived");
	assert_on_screen("Not yet “Documents complete”: The five clears are not all recorded:");
	assert_on_screen("employment wishes");
	bf_app_finish(&app);
	ck_assert_int_eq(bf_history_open(&app, id, NULL, NULL), 0);
	key('m');
	snap();
	key(BF_ESC);
	run();
	/* the option is cut with "…", the whole reason below it */
	assert_in(snaps[0], "…");
	assert_in(snaps[0], "employment wishes");
	ck_assert_int_eq(state_of(id), BF_STATE_DRAFT);
	assert_same_as_fresh();
}
END_TEST

START_TEST(close_asks_reason)
{
	int64_t id = saved_case(NULL);
	ck_assert_int_eq(bf_history_open(&app, id, NULL, NULL), 0);
	key('m');
	key(BF_KC(KEY_END)); /* closing is the last move */
	key('\n');
	snap();
	key('2'); /* retired */
	key('\n');
	type("今年退休");
	key('\n');
	run();
	assert_in(snaps[0], "Why is the file closed?");
	ck_assert_int_eq(state_of(id), BF_STATE_CLOSED);
	assert_on_screen("closure reason: Retired");
	assert_same_as_fresh();
}
END_TEST

/* ---- the review ----------------------------------------------------------------------- */

START_TEST(review_approve)
{
	int cat = 0;
	int64_t id = saved_case(&cat);
	to_docs_complete(id);
	ck_assert_int_eq(bf_review_open(&app, id, NULL, NULL), 0);
	run();
	char want[64];
	snprintf(want, sizeof want, "matches Category %d first", cat);
	assert_on_screen(want);
	struct bf_form *f = review_form(bf_app_top(&app));
	ck_assert_ptr_nonnull(f);
	char buf[64];
	bf_form_get(f, bf_form_find(f, "category"), buf, sizeof buf);
	ck_assert_int_eq(atoi(buf), cat);
	bf_form_get(f, bf_form_find(f, "date"), buf, sizeof buf);
	ck_assert_str_eq(buf, "2026-11-28");
	key('\t'); /* category */
	key('\t');
	type("800");
	key('\t');
	type("工会〔2026〕12号");
	key(BF_CTRL('S'));
	run();
	ck_assert_int_eq(state_of(id), BF_STATE_APPROVED);
	struct bf_review r;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_review_latest(&ctx.db, id, &r, &err), 0);
	ck_assert_int_eq(r.decision, BF_REVIEW_APPROVE);
	ck_assert_int_eq(r.category, cat);
	ck_assert_int_eq(r.amount, 80000);
	ck_assert_str_eq(r.meeting_ref, "工会〔2026〕12号");
	ck_assert_int_eq(app.depth, 0);
	ck_assert_msg(strstr(app.msg, "Approved"), "%s", app.msg);
}
END_TEST

START_TEST(review_reject)
{
	int64_t id = saved_case(NULL);
	to_docs_complete(id);
	ck_assert_int_eq(bf_review_open(&app, id, NULL, NULL), 0);
	key('2'); /* reject */
	key('\t');
	key('\t');
	key('\t');
	type("会议纪要第5号");
	key('\t');
	key('\t');
	type("家庭收入已超标准");
	key(BF_CTRL('S'));
	run();
	ck_assert_int_eq(state_of(id), BF_STATE_REJECTED);
	struct bf_review r;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_review_latest(&ctx.db, id, &r, &err), 0);
	ck_assert_int_eq(r.decision, BF_REVIEW_REJECT);
	ck_assert_str_eq(r.reason, "家庭收入已超标准");
}
END_TEST

START_TEST(review_refusal_shown_as_is)
{
	int64_t id = saved_case(NULL); /* still a draft */
	ck_assert_int_eq(bf_review_open(&app, id, NULL, NULL), 0);
	key(BF_CTRL('S'));
	snap();
	key('\n');
	run();
	assert_in(snaps[0], "The review was not recorded");
	assert_in(snaps[0], "cannot go to");
	ck_assert_int_eq(state_of(id), BF_STATE_DRAFT);
	ck_assert_ptr_nonnull(review_form(bf_app_top(&app)));
	assert_same_as_fresh();
}
END_TEST

/* In a Chinese UI: the history's "not possible yet" message, then the
 * review's "leave without recording?" (Esc, then y); after each the screen
 * is the one drawn fresh (issue 15). */
START_TEST(dialogs_zh)
{
	chinese(&ctx);
	int64_t id = saved_case(NULL);
	ck_assert_int_eq(bf_history_open(&app, id, NULL, NULL), 0);
	key('m');
	key('\n'); /* documents complete, not ready */
	snap();
	key('\n');
	run();
	assert_in(snaps[0], "暂不能流转");
	assert_same_as_fresh();

	to_docs_complete(id);
	ck_assert_int_eq(bf_review_open(&app, id, NULL, NULL), 0);
	key('2'); /* reject */
	key(BF_ESC);
	snap();
	key(BF_ESC); /* no: stays */
	run();
	ck_assert_ptr_nonnull(review_form(bf_app_top(&app)));
	assert_same_as_fresh();
	key(BF_ESC);
	key('y');
	run();
	ck_assert_ptr_null(review_form(bf_app_top(&app)));
	assert_in(snaps[1], "不记录审核结论就离开吗");
	assert_same_as_fresh();

	/* the checklist's print: the file name's prompt (Esc), then a file
	 * that is there already: "overwrite?" (Esc) */
	char path[600];
	snprintf(path, sizeof path, "%s/已有.pdf", tmpdir);
	FILE *fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fclose(fp);
	ck_assert_int_eq(bf_checklist_open(&app, id, NULL, NULL), 0);
	key('p');
	snap();
	key(BF_ESC);
	run();
	assert_in(snaps[2], "材料清单.pdf");
	assert_same_as_fresh();
	key('p');
	key(BF_CTRL('U'));
	type(path);
	key('\n');
	snap();
	key(BF_ESC);
	run();
	assert_in(snaps[3], "已有.pdf");
	assert_same_as_fresh();
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_size, 0); /* not replaced */
}
END_TEST

/* Over a Chinese screen: the checklist's print into a folder that is not
 * there: "Not printed" names why, and nothing is written. */
START_TEST(checklist_print_refused_zh)
{
	chinese(&ctx);
	int64_t id = saved_case(NULL);
	char path[600];
	snprintf(path, sizeof path, "%s/无此目录/清单.pdf", tmpdir);
	ck_assert_int_eq(bf_checklist_open(&app, id, NULL, NULL), 0);
	key('p');
	key(BF_CTRL('U'));
	type(path);
	key('\n');
	snap();
	key('\n');
	run();
	ck_assert_int_eq(n_snaps, 1);
	assert_in(snaps[0], "未打印");
	ck_assert_int_eq(dialogs.checked, 2);
	struct stat st;
	ck_assert_int_ne(stat(path, &st), 0);
	assert_same_as_fresh();
}
END_TEST

/* ---- entry points from the intake form ------------------------------------------------ */

static void ignore_saved(void *ud, int64_t id)
{
	(void)ud;
	(void)id;
}

START_TEST(intake_entry_points)
{
	/* a new file: not yet */
	ck_assert_int_eq(bf_intake_open(&app, 0, ignore_saved, NULL), 0);
	run();
	struct bf_action_set set = bf_screen_actions(bf_app_top(&app));
	ck_assert_int_eq(bf_action_for_key(set, BF_KF(6)), BF_ACT_CHECKLIST);
	ck_assert_int_eq(bf_action_for_key(set, BF_KF(7)), BF_ACT_REVIEW);
	ck_assert_int_eq(bf_action_for_key(set, BF_CTRL('Y')), BF_ACT_HISTORY);
	key(BF_KF(6));
	run();
	ck_assert_msg(strstr(app.msg, "Save the file first"), "%s", app.msg);
	ck_assert_int_eq(app.depth, 1);
	key(BF_ESC);
	run();
	ck_assert_int_eq(app.depth, 0);

	int64_t id = saved_case(NULL);
	ck_assert_int_eq(bf_intake_open(&app, id, ignore_saved, NULL), 0);
	key(BF_CTRL('W'));
	run();
	ck_assert(workflow_screen_is(bf_app_top(&app), "checklist"));
	key(BF_ESC);
	key(BF_KF(8));
	run();
	ck_assert(workflow_screen_is(bf_app_top(&app), "history"));
	key(BF_ESC);
	key(BF_CTRL('V'));
	run();
	ck_assert_ptr_nonnull(review_form(bf_app_top(&app)));
	key(BF_ESC);
	key(BF_ESC);
	run();
	ck_assert_int_eq(app.depth, 0);

	/* a clerk keeps the checklist but does not review: F7 is not offered */
	bf_store_set_session(&ctx.db, "clerk1", BF_ROLE_CLERK);
	ck_assert_int_eq(bf_intake_open(&app, id, ignore_saved, NULL), 0);
	run();
	set = bf_screen_actions(bf_app_top(&app));
	ck_assert_int_eq(bf_action_for_key(set, BF_KF(7)), BF_ACT_NONE);
	ck_assert_int_eq(bf_action_for_key(set, BF_KF(6)), BF_ACT_CHECKLIST);
	key(BF_KF(7));
	run();
	ck_assert_ptr_null(review_form(bf_app_top(&app)));
	assert_same_as_fresh();
}
END_TEST

static Suite *workflow_ui_suite(void)
{
	Suite *s = suite_create("workflow_ui");
	TCase *tc = tcase_create("workflow_ui");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, checklist_space_and_w_change_store_and_count);
	tcase_add_test(tc, checklist_print_writes_pdf);
	tcase_add_test(tc, checklist_pair_key_ticks_both);
	tcase_add_test(tc, refused_move_shows_missing_documents);
	tcase_add_test(tc, all_in_names_what_else_blocks);
	tcase_add_test(tc, close_asks_reason);
	tcase_add_test(tc, review_approve);
	tcase_add_test(tc, review_reject);
	tcase_add_test(tc, review_refusal_shown_as_is);
	tcase_add_test(tc, dialogs_zh);
	tcase_add_test(tc, checklist_print_refused_zh);
	tcase_add_test(tc, intake_entry_points);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *suites[] = {workflow_ui_suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
