/* check_campaign_ui.c — the campaign screens (送温暖): the campaign list, a
 * new campaign, its groups with the live budget — driven in-process: a
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
#include "bangfu/money.h"
#include "bangfu/store.h"
#include "bangfu/sample.h"
#include "bangfu/ui.h"
#include "bangfu/ui_screens.h"
#include "../unit/testutil.h"

#include "screen_fixture.h"

#include "bangfu/campaign_store.h"

/* The seed's worked example (慰问费用预算), first four lines: 困难党员 4 ×
 * (200 + 100), 老党员 3 × (200 + 100), 贫困家庭 22 × (200 + 100), 五保户 1 ×
 * (400 + 100) = 9,200 yuan; the fifth (村干部 5 × 200) is added on screen.
 * Groups as the office names them: 困难党员 and 老党员 of one kind (special),
 * 贫困家庭 without a kind, 贫困家庭 and 五保户 counted in households. */
static int64_t seed_campaign(void)
{
	struct bf_campaign *c = calloc(1, sizeof *c);
	ck_assert_ptr_nonnull(c);
	bf_campaign_init(c, 2027);
	bf_strlcpy(c->name, "2027年春节送温暖", sizeof c->name);
	bf_strlcpy(c->start_date, "2027-01-10", sizeof c->start_date);
	bf_strlcpy(c->end_date, "2027-02-05", sizeof c->end_date);
	static const struct {
		const char *label;
		int kind;
		int level, people;
		bf_fen cash, goods;
		enum bf_basis basis;
	} ex[] = {
	    {"困难党员", BF_GROUP_SPECIAL, -1, 4, 20000, 10000, BF_BASIS_PERSON},
	    {"老党员", BF_GROUP_SPECIAL, -1, 3, 20000, 10000, BF_BASIS_PERSON},
	    {"贫困家庭", -1, -1, 22, 20000, 10000, BF_BASIS_HOUSEHOLD},
	    {"五保户", BF_GROUP_HARDSHIP, -1, 1, 40000, 10000, BF_BASIS_HOUSEHOLD},
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(ex); i++) {
		struct bf_campaign_group *g = &c->groups[c->ngroups++];
		bf_campaign_group_init(g, ex[i].kind, ex[i].level);
		bf_strlcpy(g->label, ex[i].label, sizeof g->label);
		g->basis = ex[i].basis;
		g->cash[0] = ex[i].cash;
		g->goods[0] = ex[i].goods;
		g->planned[0] = ex[i].people;
	}
	bf_error err = {{0}};
	ck_assert_msg(bf_campaign_save(&ctx.db, c, &err) == 0, "%s", err.msg);
	int64_t id = c->id;
	free(c);
	return id;
}

START_TEST(campaign_list_shows_budget)
{
	seed_campaign();
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	run();
	assert_on_screen("1 campaign");
	assert_on_screen("Campaign name"); /* the header names what the column holds */
	assert_on_screen("2027年春节送温暖");
	assert_on_screen("01-10–02-05");
	assert_on_screen("planning");
	assert_on_screen("0/0");
	assert_on_screen("9,200.00");
	assert_same_as_fresh();
}
END_TEST

/* The live budget: 9,200 for the four stored lines; the fifth, 村干部, is
 * entered through the group editor (n: label, kind, basis, cash, goods,
 * planned count, file required), 5 people × 200 cash without goods: the
 * budget becomes the true sum of the seed's lines, 10,200 (壹万零贰佰元整),
 * for 12 people and 23 households — not the seed's "10,300". A label
 * already used is refused and asked again; then 5 × 500 is edited to 200
 * and the goods of a line get what they are. */
START_TEST(live_budget_as_groups_are_edited)
{
	int64_t id = seed_campaign();
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	key('\n'); /* the campaign */
	snap();
	key('n');       /* the group editor */
	type("老党员"); /* another group's label */
	key('\n');
	snap();
	key(BF_CTRL('U'));
	type("村干部");
	key('\n');
	key('\n'); /* kind: none (people placed by hand) */
	key('\n'); /* basis: per person */
	key(BF_CTRL('U'));
	type("500"); /* cash */
	key('\n');
	key('\n'); /* goods: 0.00, so no question of what they are */
	key(BF_CTRL('U'));
	type("5"); /* planned people */
	key('\n');
	key(BF_KC(KEY_DOWN)); /* no file needed */
	key('\n');
	snap();
	key('\n');            /* edit the new line */
	key(BF_KC(KEY_DOWN)); /* cash */
	key('\n');
	key(BF_CTRL('U'));
	type("200");
	key('\n');
	snap();
	key(BF_KC(KEY_HOME)); /* 困难党员 */
	key('\n');
	for (int i = 0; i < 3; i++)
		key(BF_KC(KEY_DOWN)); /* what the goods are */
	key('\n');
	type("米、油");
	key('\n');
	run();
	ck_assert_int_eq(n_snaps, 4);
	assert_in(snaps[0], "贫困家庭");
	assert_in(snaps[0], "6,600.00");
	assert_in(snaps[0], "9,200.00");
	assert_in(row_of(snaps[0], "贫困家庭"), "22"); /* households */
	assert_in(snaps[0], "7 people and 23 households");
	assert_in(snaps[1], "Another group is already called 老党员.");
	assert_in(snaps[2], "2,500.00"); /* 5 × 500 as typed */
	assert_in(snaps[2], "11,700.00");
	assert_in(row_of(snaps[3], "村干部"), "1,000.00");
	assert_in(snaps[3], "10,200.00");
	assert_in(snaps[3], "12 people and 23 households");
	ck_assert_ptr_null(strstr(snaps[3], "10,300.00"));

	struct bf_campaign *c = calloc(1, sizeof *c);
	bf_error err = {{0}};
	ck_assert_msg(bf_campaign_load(&ctx.db, id, c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq((int)c->ngroups, 5);
	ck_assert_str_eq(c->groups[4].label, "村干部");
	ck_assert_int_eq(c->groups[4].kind, -1);
	ck_assert_int_eq(c->groups[4].basis, BF_BASIS_PERSON);
	ck_assert_int_eq(c->groups[4].planned[0], 5);
	ck_assert_int_eq(c->groups[4].cash[0], 20000);
	ck_assert_int_eq(c->groups[4].goods[0], 0);
	ck_assert(!c->groups[4].requires_file);
	ck_assert_str_eq(c->groups[0].goods_note, "米、油");
	struct bf_budget_line lines[32];
	size_t nl;
	struct bf_budget_totals t;
	bool plan;
	ck_assert_int_eq(bf_campaign_budget(&ctx.db, id, lines, 32, &nl, &t, &plan, &err), 0);
	ck_assert_int_eq(t.total, 1020000);
	char cap[128];
	ck_assert_str_eq(bf_money_chinese(t.total, cap, sizeof cap), "壹万零贰佰元整");
	free(c);
	assert_same_as_fresh();
}
END_TEST

/* The group editor with goods and a kind: a per-household group of model
 * workers of one level, what the goods are, by household size. */
START_TEST(group_editor_kind_goods_size)
{
	int64_t id = seed_campaign();
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	key('\n');
	key('n');
	type("劳模家庭");
	key('\n');
	for (int i = 0; i < 2; i++)
		key(BF_KC(KEY_DOWN)); /* model workers */
	key('\n');
	key(BF_KC(KEY_DOWN)); /* national */
	key('\n');
	key(BF_KC(KEY_END)); /* by household size */
	key('\n');
	static const char *const cash[] = {"550", "900", "1100"};
	for (int i = 0; i < 3; i++) {
		key(BF_CTRL('U'));
		type(cash[i]);
		key('\n');
	}
	for (int i = 0; i < 3; i++) {
		key(BF_CTRL('U'));
		type("100");
		key('\n');
	}
	type("慰问品");
	key('\n');
	static const char *const planned[] = {"1", "2", "x"};
	for (int i = 0; i < 3; i++) {
		key(BF_CTRL('U'));
		type(planned[i]);
		key('\n');
	}
	snap(); /* "x" refused and asked again */
	key(BF_CTRL('U'));
	type("3");
	key('\n');
	key('\n'); /* the kind's default: no file needed */
	run();
	assert_in(snaps[0], "Type a number");
	struct bf_campaign *c = calloc(1, sizeof *c);
	bf_error err = {{0}};
	ck_assert_msg(bf_campaign_load(&ctx.db, id, c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq((int)c->ngroups, 5);
	const struct bf_campaign_group *g = &c->groups[4];
	ck_assert_str_eq(g->label, "劳模家庭");
	ck_assert_int_eq(g->kind, BF_GROUP_MODEL_WORKER);
	ck_assert_int_eq(g->level, BF_LEVEL_NATIONAL);
	ck_assert_int_eq(g->basis, BF_BASIS_SIZE);
	ck_assert_int_eq(g->cash[2], 110000);
	ck_assert_int_eq(g->goods[1], 10000);
	ck_assert_str_eq(g->goods_note, "慰问品");
	ck_assert_int_eq(g->planned[2], 3);
	ck_assert(!g->requires_file);
	/* 650 + 2 × 1000 + 3 × 1200 = 6,250 more, in households */
	assert_on_screen("15,450.00");
	assert_on_screen("7 people and 29 households");
	free(c);
	assert_same_as_fresh();
}
END_TEST

START_TEST(create_campaign_from_screen)
{
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	key('n');
	type("2027年送温暖");
	key('\n');
	key('\n'); /* year: this one */
	key(BF_CTRL('U'));
	type("2026-12-20");
	key('\n');
	key(BF_CTRL('U'));
	type("2027-01-20");
	key('\n');
	key(BF_KC(KEY_DOWN)); /* by community */
	key('\n');
	run();
	struct bf_campaign_row *rows = NULL;
	size_t n = 0;
	bf_error err = {{0}};
	ck_assert_msg(bf_campaign_list(&ctx.db, &rows, &n, &err) == 0, "%s", err.msg);
	ck_assert_int_eq((int)n, 1);
	ck_assert_str_eq(rows[0].name, "2027年送温暖");
	ck_assert_int_eq(rows[0].year, 2026);
	ck_assert_str_eq(rows[0].start_date, "2026-12-20");
	ck_assert_str_eq(rows[0].end_date, "2027-01-20");
	struct bf_campaign *c = calloc(1, sizeof *c);
	ck_assert_msg(bf_campaign_load(&ctx.db, rows[0].id, c, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(c->place_by, "community");
	free(c);
	free(rows);
	assert_on_screen("No group yet");
	assert_same_as_fresh();
}
END_TEST

/* An approved sample file (as `bangfu demo` makes them). */
static int64_t approved_case(int seed)
{
	struct bf_case *c = malloc(sizeof *c);
	ck_assert_ptr_nonnull(c);
	struct bf_sample sm;
	bf_sample_seed(&sm, (uint64_t)seed);
	bf_sample_case(&sm, 2026, seed % 8, c);
	c->id = 0;
	bf_strlcpy(c->status, "approved", sizeof c->status);
	bf_error err = {{0}};
	ck_assert_msg(bf_case_save(&ctx.db, c, &err) == 0, "%s", err.msg);
	int64_t id = c->id;
	free(c);
	return id;
}

/* The whole way on screen: a new campaign, a group, the draw, the list,
 * one household paid. */
START_TEST(create_draw_pay_from_screen)
{
	approved_case(3);
	approved_case(5);
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	key('n');
	type("2026年送温暖");
	key('\n');
	key('\n'); /* year 2026 */
	key('\n'); /* from today */
	key('\n'); /* to today */
	key('\n'); /* by unit */
	key('u');  /* the union's standard groups, one key away */
	key('w'); /* draw */
	snap();
	key('\n'); /* the summary */
	key('l');  /* recipients */
	key('p');
	key('\n'); /* paid */
	key('\n'); /* signed by the employee */
	key('\n'); /* self */
	type("13800138000");
	key('\n');
	snap();
	key(BF_ESC); /* back to the campaign */
	key('k');    /* the spot check */
	key('k');    /* draw the sample */
	key('\n');   /* yes */
	key('c');
	key('\n'); /* by phone */
	key('\n'); /* reached */
	key('\n'); /* amount confirmed */
	key('\n'); /* no problem */
	snap();
	key(BF_ESC);
	key(BF_ESC); /* the campaign list */
	key('g');    /* the ledger */
	snap();
	key(BF_ESC);
	run();
	ck_assert_int_eq(n_snaps, 4);
	assert_in(snaps[0], "The list is drawn");
	assert_in(snaps[0], "On the drawn list: 2 people, 1,000.00 yuan");
	assert_in(snaps[1], "****"); /* IDs masked */
	assert_in(snaps[1], "payment recorded");
	assert_in(snaps[1], "paid 11-28");
	assert_in(snaps[2], "Spot check: 1 of 1 paid households");
	assert_in(snaps[2], "check recorded");
	assert_in(snaps[2], "call: confirmed");
	assert_in(snaps[3], "Ledger 2026: campaigns and consolation");
	assert_in(snaps[3], "Hardship employees");
	assert_in(snaps[3], "In all");
	assert_in(snaps[3], "500.00");
	assert_on_screen("1/2"); /* back on the list: paid / listed, read again */

	struct bf_campaign_row *rows = NULL;
	size_t n = 0;
	bf_error err = {{0}};
	ck_assert_msg(bf_campaign_list(&ctx.db, &rows, &n, &err) == 0, "%s", err.msg);
	ck_assert_int_eq((int)n, 1);
	ck_assert_int_ge(rows[0].listed, 1);
	ck_assert_int_eq(rows[0].paid, 1);
	free(rows);
	assert_same_as_fresh();
}
END_TEST

/* h: a group without a kind gets its members by hand — a file placed in
 * 村干部 is on the list after the draw, and taken out again it is not. */
START_TEST(place_by_hand_on_screen)
{
	int64_t case_id = approved_case(3);
	struct bf_case *fc = malloc(sizeof *fc);
	bf_error err = {{0}};
	ck_assert_msg(bf_case_load(&ctx.db, case_id, fc, &err) == 0, "%s", err.msg);
	char number[32];
	bf_strlcpy(number, fc->number, sizeof number);
	free(fc);
	struct bf_campaign *c = calloc(1, sizeof *c);
	bf_campaign_init(c, 2026);
	bf_strlcpy(c->name, "村里慰问", sizeof c->name);
	bf_strlcpy(c->start_date, "2026-11-01", sizeof c->start_date);
	bf_strlcpy(c->end_date, "2026-12-31", sizeof c->end_date);
	struct bf_campaign_group *g = &c->groups[c->ngroups++];
	bf_campaign_group_init(g, -1, -1);
	bf_strlcpy(g->label, "村干部", sizeof g->label);
	g->cash[0] = 20000;
	g->requires_file = false;
	ck_assert_msg(bf_campaign_save(&ctx.db, c, &err) == 0, "%s", err.msg);
	int64_t k = c->id;
	free(c);
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	key('\n'); /* the campaign */
	key('h');
	snap();
	key('\n'); /* place a file */
	type(number);
	key('\n');
	type("村两委推荐");
	key('\n');
	snap();
	key('w');
	key('\n'); /* the summary */
	snap();
	key('h');
	key(BF_KC(KEY_DOWN)); /* the file placed */
	key('\n');
	key('y');
	run();
	ck_assert_int_eq(n_snaps, 3);
	assert_in(snaps[0], "村干部: placed by hand");
	assert_in(snaps[0], "Place a file in this group");
	char want[96];
	snprintf(want, sizeof want, "File %s placed in 村干部.", number);
	assert_in(snaps[1], want);
	assert_in(snaps[2], "On the drawn list: 1 person, 200.00 yuan");
	snprintf(want, sizeof want, "File %s taken out of 村干部.", number);
	assert_on_screen(want);
	assert_on_screen("On the drawn list: 0 people, 0.00 yuan");
	struct bf_recipient r;
	ck_assert_int_eq(bf_recipient_find(&ctx.db, k, number, &r, &err), 1);
	struct bf_placement *pl;
	size_t np;
	ck_assert_int_eq(bf_campaign_placements(&ctx.db, k, &pl, &np, &err), 0);
	ck_assert_uint_eq(np, 0);
	free(pl);
	assert_same_as_fresh();
}
END_TEST

/* x: the budget as XLSX, under ~ by default. */
START_TEST(export_budget_xlsx)
{
	seed_campaign();
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	key('\n'); /* the campaign */
	key('x');
	key('\n'); /* the budget */
	key('\n'); /* the file name offered */
	run();
	char path[1024];
	snprintf(path, sizeof path, "%s/慰问预算-2027.xlsx", tmpdir);
	ck_assert_msg(access(path, F_OK) == 0, "%s not written:\n%s", path, screen());
	assert_on_screen("Written:");
	assert_same_as_fresh();
}
END_TEST

/* An export over a file that is there asks first: n keeps the file, y
 * replaces it (mode 0600, never a half-written file). */
START_TEST(export_asks_before_overwriting)
{
	seed_campaign();
	char path[1024];
	snprintf(path, sizeof path, "%s/慰问预算-2027.xlsx", tmpdir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("last year's budget", f);
	fclose(f);
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	key('\n'); /* the campaign */
	for (int i = 0; i < 2; i++) {
		key('x');
		key('\n'); /* the budget */
		key('\n'); /* the file name offered */
		snap();     /* the question */
		key(i == 0 ? 'n' : 'y');
		snap();
	}
	run();
	assert_in(snaps[0], "慰问预算-2027.xlsx already exists.");
	assert_in(snaps[0], "Overwrite it?");
	ck_assert_ptr_null(strstr(snaps[1], "Written:"));
	assert_in(snaps[2], "Overwrite it?");
	assert_in(snaps[3], "Written:");
	char head[3] = {0};
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fread(head, 1, 2, f), 2);
	fclose(f);
	ck_assert_str_eq(head, "PK"); /* replaced by the workbook */
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	assert_same_as_fresh();
}
END_TEST

/* Consolation events: a hospital stay recorded and paid; a second one in
 * the same year is left to the union: pending, then approved with e. */
START_TEST(consolation_record_decide_pay)
{
	approved_case(3);
	ck_assert_int_eq(bf_consolation_open(&app), 0);
	for (int i = 0; i < 2; i++) {
		key('n');
		type("2026-0001");
		key('\n');
		key('\n'); /* hospitalised */
		key('\n'); /* today */
	}
	snap();
	key('e');
	key('\n'); /* the discretion shown */
	key('\n'); /* approve */
	type("住院时间长，经工会研究同意");
	key('\n');
	key('p');
	key('\n'); /* the employee signed */
	key('\n'); /* self */
	type("13800138000");
	key('\n');
	run();
	ck_assert_int_eq(n_snaps, 1);
	assert_in(snaps[0], "2 consolation events in 2026");
	assert_in(snaps[0], "to decide");
	assert_in(snaps[0], "Recorded, to decide");
	assert_on_screen("payment recorded");
	struct bf_consolation_rec *r = NULL;
	size_t n = 0;
	bf_error err = {{0}};
	ck_assert_msg(bf_consolation_list(&ctx.db, 2026, NULL, &r, &n, &err) == 0, "%s", err.msg);
	ck_assert_int_eq((int)n, 2);
	ck_assert_str_eq(r[0].status, "approved");
	ck_assert_str_eq(r[0].paid_on, "2026-11-28");
	ck_assert_str_eq(r[0].decision_reason, "住院时间长，经工会研究同意");
	free(r);
	assert_same_as_fresh();
}
END_TEST

/* Over a Chinese screen: an employee's death asks the amount (the union
 * sets it); a relative's death asks whose (cancelled: nothing recorded). */
START_TEST(consolation_death_prompts_zh)
{
	chinese(&ctx);
	approved_case(3);
	ck_assert_int_eq(bf_consolation_open(&app), 0);
	key('n');
	type("2026-0001");
	key('\n');
	for (int i = 0; i < 4; i++)
		key(BF_KC(KEY_DOWN));
	key('\n'); /* death of the employee */
	key('\n'); /* today */
	snap();
	type("2000");
	key('\n');
	key('n');
	type("2026-0001");
	key('\n');
	for (int i = 0; i < 3; i++)
		key(BF_KC(KEY_DOWN));
	key('\n'); /* death of an immediate relative */
	snap();
	key(BF_ESC);
	run();
	ck_assert_int_eq(n_snaps, 2);
	assert_in(snaps[0], "金额（元）：");
	assert_in(snaps[1], "家庭成员（档案上的姓名）：");
	ck_assert_int_eq(dialogs.checked, 7);
	struct bf_consolation_rec *r = NULL;
	size_t n = 0;
	bf_error err = {{0}};
	ck_assert_msg(bf_consolation_list(&ctx.db, 2026, NULL, &r, &n, &err) == 0, "%s", err.msg);
	ck_assert_int_eq((int)n, 1);
	free(r);
	assert_same_as_fresh();
}
END_TEST

/* The standards of a year: a mistyped amount is asked again as typed; the
 * saved one applies from that year on; the year before keeps its own. */
START_TEST(standards_edit_and_year)
{
	ck_assert_int_eq(bf_standards_open(&app), 0);
	snap();
	key('\n'); /* the first line: hospitalised */
	key('\n'); /* cash */
	key(BF_CTRL('U'));
	type("六百");
	key('\n');
	snap(); /* asked again, as typed */
	key(BF_CTRL('U'));
	type("600");
	key('\n');
	key('>'); /* 2027: the same, set in 2026 */
	snap();
	key('<');
	key('<'); /* 2025: the default */
	run();
	ck_assert_int_eq(n_snaps, 3);
	assert_in(snaps[0], "Consolation standards for 2026");
	assert_in(row_of(snaps[0], "Employee hospitalised"), "500.00");
	assert_in(row_of(snaps[0], "Employee hospitalised"), "default");
	assert_in(row_of(snaps[0], "Death of the employee"), "by hand");
	assert_in(snaps[1], "六百");
	assert_in(snaps[2], "Consolation standards for 2027");
	assert_in(row_of(snaps[2], "Employee hospitalised"), "600.00");
	assert_in(row_of(snaps[2], "Employee hospitalised"), "2026");
	assert_on_screen("Consolation standards for 2025");
	assert_in(row_of(screen(), "Employee hospitalised"), "500.00");

	struct bf_consolation_standard st[BF_EV_COUNT];
	int from[BF_EV_COUNT];
	bf_error err = {{0}};
	ck_assert_msg(bf_consolation_standards(&ctx.db, 2026, st, from, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(st[BF_EV_HOSPITAL].cash, 60000);
	ck_assert_int_eq(from[BF_EV_HOSPITAL], 2026);
	ck_assert_int_eq(from[BF_EV_WEDDING], 0);
	ck_assert_msg(bf_consolation_standards(&ctx.db, 2025, st, from, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(st[BF_EV_HOSPITAL].cash, 50000);
	assert_same_as_fresh();
}
END_TEST

/* A clerk may look but not change them: the store's refusal is shown and
 * the typed line stays on screen, marked not saved. */
START_TEST(standards_refused_keeps_typed)
{
	bf_store_set_session(&ctx.db, "tester", BF_ROLE_CLERK);
	ck_assert_int_eq(bf_standards_open(&app), 0);
	key(BF_KC(KEY_DOWN)); /* wedding */
	key('\n');
	key(BF_KC(KEY_DOWN)); /* goods */
	key('\n');
	key(BF_CTRL('U'));
	type("88");
	key('\n');
	snap();
	key('\n'); /* again: the typed value is where the edit starts */
	key(BF_KC(KEY_DOWN));
	key('\n');
	run();
	ck_assert_int_eq(n_snaps, 1);
	assert_in(snaps[0],
	          "Your role may look at these; changing them needs the settings permission.");
	assert_in(snaps[0], "Not saved:");
	assert_in(snaps[0], "settings");
	assert_in(row_of(snaps[0], "Employee marries"), "88.00");
	assert_in(row_of(snaps[0], "Employee marries"), "not saved");
	assert_on_screen("88.00"); /* the prompt starts from the typed value */
	struct bf_consolation_standard st[BF_EV_COUNT];
	int from[BF_EV_COUNT];
	bf_error err = {{0}};
	ck_assert_msg(bf_consolation_standards(&ctx.db, 2026, st, from, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(st[BF_EV_WEDDING].goods, 0);
	ck_assert_int_eq(from[BF_EV_WEDDING], 0);
	assert_same_as_fresh();
}
END_TEST

/* Over a Chinese screen: the amount's kind (a second choice list), then a
 * year change with a line not saved (a clerk's change is refused): "No"
 * stays, "Yes" drops it. Every dialog is checked against a fresh draw. */
START_TEST(standards_amount_and_year_zh)
{
	chinese(&ctx);
	bf_store_set_session(&ctx.db, "tester", BF_ROLE_CLERK);
	ck_assert_int_eq(bf_standards_open(&app), 0);
	key('\n'); /* the first line: hospitalised */
	key(BF_KC(KEY_DOWN));
	key(BF_KC(KEY_DOWN));
	key(BF_KC(KEY_DOWN));
	key('\n'); /* Amount: fixed (change) */
	snap();
	key(BF_KC(KEY_DOWN));
	key('\n'); /* by hand: refused, kept as typed */
	key('>');
	snap();
	key('n');
	snap();
	key('>');
	key('y');
	run();
	ck_assert_int_eq(n_snaps, 3);
	assert_in(snaps[0], "金额");
	assert_in(snaps[0], "每次手工录入（按上级工会规定）");
	assert_in(snaps[1], "未保存的行将被丢弃。显示其他年度吗？");
	assert_in(snaps[2], "2026 年度慰问标准");
	assert_on_screen("2027 年度慰问标准");
	ck_assert_int_ge(dialogs.checked, 4);
	assert_same_as_fresh();
}
END_TEST

/* Over a Chinese screen: what the goods are, typed in the standards. */
START_TEST(standards_goods_note_zh)
{
	chinese(&ctx);
	ck_assert_int_eq(bf_standards_open(&app), 0);
	key('\n'); /* the first line: hospitalised */
	key(BF_KC(KEY_DOWN));
	key(BF_KC(KEY_DOWN));
	key('\n'); /* what the goods are */
	snap();
	type("水果");
	key('\n');
	run();
	ck_assert_int_eq(n_snaps, 1);
	assert_in(snaps[0], "物品内容（留空：无）：");
	ck_assert_int_eq(dialogs.checked, 2);
	struct bf_consolation_standard st[BF_EV_COUNT];
	int from[BF_EV_COUNT];
	bf_error err = {{0}};
	ck_assert_msg(bf_consolation_standards(&ctx.db, 2026, st, from, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(st[BF_EV_HOSPITAL].goods_note, "水果");
	assert_same_as_fresh();
}
END_TEST

/* The events of other years: an event dated last year shows that year;
 * > and < move between years; a opens that year's standards. */
START_TEST(consolation_other_years)
{
	approved_case(3);
	ck_assert_int_eq(bf_consolation_open(&app), 0);
	key('n');
	type("2026-0001");
	key('\n');
	key(BF_KC(KEY_DOWN)); /* marries */
	key('\n');
	key(BF_CTRL('U'));
	type("2025-06-01");
	key('\n');
	snap();
	key(BF_KC(KEY_RIGHT)); /* the year after, like > */
	snap();
	key('y');
	key(BF_CTRL('U'));
	type("2025");
	key('\n');
	key('a');
	run();
	ck_assert_int_eq(n_snaps, 2);
	assert_in(snaps[0], "1 consolation event in 2025");
	assert_in(snaps[0], "2025-06-01");
	assert_in(snaps[0], "Employee mar…"); /* the column is narrow: cut with a sign */
	assert_in(snaps[1], "0 consolation events in 2026");
	assert_in(snaps[1], "No consolation event in that year");
	assert_on_screen("Consolation standards for 2025");
	assert_same_as_fresh();
}
END_TEST

/* A group's label and its "file required" flag, changed on the campaign. */
START_TEST(group_label_and_file_flag)
{
	int64_t id = seed_campaign();
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	key('\n'); /* the campaign */
	key('\n'); /* edit the first line */
	for (int i = 0; i < 6; i++)
		key(BF_KC(KEY_DOWN));
	key('\n'); /* the label */
	key(BF_CTRL('U'));
	type("困难职工家庭");
	key('\n');
	key('\n');
	for (int i = 0; i < 7; i++)
		key(BF_KC(KEY_DOWN));
	key('\n'); /* file required: no */
	snap();
	key('g'); /* the campaign's ledger */
	run();
	ck_assert_int_eq(n_snaps, 1);
	assert_on_screen("Ledger of 2027年春节送温暖: all its payments");
	assert_on_screen("Reconciliation with the budget");
	assert_on_screen("The ledger reconciles with the budget.");
	assert_in(row_of(screen(), "困难职工家庭"), "0.00"); /* its line, by the new name */
	assert_in(row_of(snaps[0], "困难职工家庭"), "no");
	assert_in(row_of(snaps[0], "贫困家庭"), "yes");
	struct bf_campaign *c = calloc(1, sizeof *c);
	bf_error err = {{0}};
	ck_assert_msg(bf_campaign_load(&ctx.db, id, c, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(c->groups[0].label, "困难职工家庭");
	ck_assert(!c->groups[0].requires_file);
	ck_assert(c->groups[2].requires_file);
	free(c);
	assert_same_as_fresh();
}
END_TEST

/* A campaign of 2026 for hardship employees, its list drawn from the
 * approved files there are. */
static int64_t drawn_campaign(void)
{
	struct bf_campaign *c = calloc(1, sizeof *c);
	ck_assert_ptr_nonnull(c);
	bf_campaign_init(c, 2026);
	bf_strlcpy(c->name, "2026年送温暖", sizeof c->name);
	bf_strlcpy(c->start_date, "2026-11-01", sizeof c->start_date);
	bf_strlcpy(c->end_date, "2026-12-31", sizeof c->end_date);
	bf_campaign_group_init(&c->groups[c->ngroups++], BF_GROUP_HARDSHIP, -1);
	bf_error err = {{0}};
	ck_assert_msg(bf_campaign_save(&ctx.db, c, &err) == 0, "%s", err.msg);
	int64_t k = c->id;
	free(c);
	struct bf_draw_summary sum;
	ck_assert_msg(bf_campaign_draw(&ctx.db, k, &sum, &err) == 0, "%s", err.msg);
	return k;
}

/* Keyset paging of a campaign's list (issue 17): pages of 2 after the last
 * row, and back from the end, give the rows of one whole fetch. */
START_TEST(recipient_pages_by_key)
{
	for (int i = 1; i <= 7; i++)
		approved_case(i);
	int64_t k = drawn_campaign();
	bf_error err = {{0}};
	struct bf_recipient_filter f;
	bf_recipient_filter_init(&f);
	static struct bf_recipient all[16], pg[2], last;
	int n = 0, got = 0, at = 0;
	ck_assert_int_eq(bf_recipient_rows(&ctx.db, k, &f, NULL, false, 16, all, &n, &err), 0);
	ck_assert_int_ge(n, 5);
	const struct bf_recipient *after = NULL;
	do {
		ck_assert_int_eq(bf_recipient_rows(&ctx.db, k, &f, after, false, 2, pg, &got, &err),
		                 0);
		for (int i = 0; i < got; i++, at++)
			ck_assert_str_eq(pg[i].case_number, all[at].case_number);
		if (got) {
			last = pg[got - 1];
			after = &last;
		}
	} while (got == 2);
	ck_assert_int_eq(at, n);
	after = NULL;
	do {
		ck_assert_int_eq(bf_recipient_rows(&ctx.db, k, &f, after, true, 2, pg, &got, &err),
		                 0);
		for (int i = got - 1; i >= 0; i--)
			ck_assert_str_eq(pg[i].case_number, all[--at].case_number);
		if (got) {
			last = pg[0];
			after = &last;
		}
	} while (got == 2);
	ck_assert_int_eq(at, 0);
}
END_TEST

/* The ledger: totals by group, month and unit; one campaign's
 * reconciliation, then a list that no longer matches its payments is
 * marked; the XLSX written under ~. */
/* A campaign of 2026 for hardship employees, its list drawn from two
 * approved files, the first household paid 500 on 2026-11-20 (its file
 * number in paid_number). */
static int64_t paid_campaign(char paid_number[32])
{
	approved_case(3);
	approved_case(5);
	int64_t k = drawn_campaign();
	bf_error err = {{0}};
	struct bf_recipient_filter f;
	bf_recipient_filter_init(&f);
	struct bf_recipient r[2];
	int n = 0;
	ck_assert_int_eq(bf_recipient_rows(&ctx.db, k, &f, NULL, false, 2, r, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	struct bf_payment_in p = {.paid = true,
	                          .paid_on = "2026-11-20",
	                          .signer = r[0].name,
	                          .relation = BF_REL_SELF,
	                          .phone = "13800138000",
	                          .amount = -1};
	ck_assert_msg(bf_campaign_pay(&ctx.db, k, r[0].case_number, &p, &err) == 0, "%s", err.msg);
	bf_strlcpy(paid_number, r[0].case_number, 32);
	return k;
}

START_TEST(ledger_totals_reconcile_export)
{
	char number[32];
	paid_campaign(number);
	ck_assert_int_eq(bf_ledger_open(&app), 0);
	snap();
	key('<'); /* 2025: nothing paid */
	snap();
	key('>');
	key('\t'); /* by month */
	snap();
	key('\t'); /* by unit */
	key('f');
	key(BF_KC(KEY_END)); /* the campaign */
	key('\n');
	snap();
	key('x');
	key('\n'); /* the file name offered */
	run();
	ck_assert_int_eq(n_snaps, 4);
	assert_in(snaps[0], "Ledger 2026: campaigns and consolation");
	assert_in(snaps[0], "By group");
	assert_in(row_of(snaps[0], "Hardship employees"), "500.00");
	assert_in(snaps[1], "Ledger 2025: campaigns and consolation");
	assert_in(row_of(snaps[1], "In all"), " 0 ");
	ck_assert_ptr_null(strstr(snaps[1], "500.00"));
	assert_in(snaps[2], "By month");
	assert_in(row_of(snaps[2], "2026-11"), "500.00");
	assert_in(snaps[3], "Ledger of 2026年送温暖");
	assert_in(snaps[3], "By unit");
	assert_in(snaps[3], "Reconciliation with the budget");
	assert_in(row_of(snaps[3], "Total  "), "1,000.00");
	ck_assert_ptr_null(strstr(snaps[3], "! "));
	assert_in(snaps[3], "The ledger reconciles with the budget.");
	char path[1024];
	snprintf(path, sizeof path, "%s/资金台账-2026年送温暖.xlsx", tmpdir);
	ck_assert_msg(access(path, F_OK) == 0, "%s not written:\n%s", path, screen());
	assert_on_screen("(1 payment)");

	/* the list changed behind the ledger's back: it no longer reconciles */
	ck_assert_int_eq(bf_db_exec(&ctx.db, "UPDATE campaign_recipient SET cash = cash + 100"
	                                     " WHERE paid_status = 'paid'"),
	                 0);
	key(BF_CTRL('R'));
	run();
	assert_on_screen("! 困难职工");
	assert_in(row_of(screen(), "! 困难职工"), "1,001.00");
	assert_on_screen("! Total");
	assert_on_screen(
	    "The ledger does NOT reconcile with the budget: the groups marked ! differ.");
	assert_same_as_fresh();
}
END_TEST

/* Enter on a line of the totals: the payments behind it. */
START_TEST(ledger_line_payments)
{
	char number[32];
	paid_campaign(number);
	bf_error err = {{0}};
	struct bf_consolation_result res;
	int64_t id = 0;
	ck_assert_msg(bf_consolation_record(&ctx.db, number, BF_EV_WEDDING, NULL, -1,
	                                    bf_date_from_ymd(2026, 10, 1), 0, false, 0, NULL, NULL,
	                                    &id, &res, &err) == 0,
	              "%s %s", err.msg, res.reason);
	struct bf_payment_in p = {.paid = true,
	                          .paid_on = "2026-10-08",
	                          .signer = "",
	                          .relation = BF_REL_SELF,
	                          .phone = "13900139000",
	                          .amount = -1};
	struct bf_consolation_rec rec;
	ck_assert_int_eq(bf_consolation_get(&ctx.db, id, &rec, &err), 0);
	p.signer = rec.employee;
	ck_assert_msg(bf_consolation_pay(&ctx.db, id, &p, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_ledger_open(&app), 0);
	key('\n'); /* the first line */
	snap();
	key(BF_ESC);
	key(BF_KC(KEY_DOWN));
	key('\n');
	snap();
	key(BF_ESC);
	key('\t'); /* by month: October */
	key('\n');
	run();
	ck_assert_int_eq(n_snaps, 2);
	/* lines by group code: hardship first, then wedding */
	assert_in(snaps[0], "Hardship employees: 1 payment, 500.00 yuan");
	assert_in(row_of(snaps[0], "2026-11-20"), number);
	assert_in(snaps[1], "Employee marries: 1 payment, 500.00 yuan");
	assert_in(row_of(snaps[1], "2026-10-08"), rec.employee);
	assert_on_screen("2026-10: 1 payment, 500.00 yuan");
	ck_assert_ptr_null(strstr(screen(), "2026-11-20"));
	assert_same_as_fresh();
}
END_TEST

/* ---- issue 17: long work shows a progress box; Esc stops it, changing nothing ---- */

/* A redraw stopped with Esc after the first file read keeps the list drawn
 * before: no row, no audit entry, the campaign's state as it was. */
START_TEST(draw_cancelled_keeps_the_list)
{
	for (int i = 1; i <= 4; i++)
		approved_case(i);
	drawn_campaign();
	for (int i = 5; i <= 8; i++)
		approved_case(i); /* a redraw would list these too */
	int64_t rows = sql_int("SELECT count(*) FROM campaign_recipient");
	int64_t audit = sql_int("SELECT count(*) FROM audit_log");
	ck_assert_int_gt(rows, 0);
	setenv("BANGFU_TEST_PROGRESS_EVERY", "1", 1);
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	key('\n'); /* the campaign */
	key('w');
	key('y'); /* draw again */
	snap();   /* the box */
	key(BF_KEY_NONE);
	key(BF_ESC); /* after the first file */
	run();
	unsetenv("BANGFU_TEST_PROGRESS_EVERY");
	assert_in(snaps[0], "Drawing the list (files read)");
	assert_in(snaps[0], "1 so far");
	assert_in(snaps[0], "Esc cancel");
	assert_on_screen("Drawing the list (files read): cancelled, nothing was changed.");
	ck_assert_int_eq(sql_int("SELECT count(*) FROM campaign_recipient"), rows);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM audit_log"), audit);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM campaign WHERE status = 'drawn'"), 1);
	/* without Esc the redraw goes through */
	key('w');
	key('y');
	snap();
	key('\n');
	run();
	assert_in(snaps[1], "The list is drawn");
	ck_assert_int_gt(sql_int("SELECT count(*) FROM campaign_recipient"), rows);
}
END_TEST

/* The first place's households (the sign-off sheet's rows). */
static int64_t first_place_rows(int64_t k)
{
	char(*places)[BF_TEXT_SZ] = NULL;
	size_t np = 0;
	bf_error err = {{0}};
	ck_assert_msg(bf_recipient_places(&ctx.db, k, "unit", &places, &np, &err) == 0, "%s",
	              err.msg);
	ck_assert_uint_gt(np, 0);
	struct bf_recipient_filter f;
	bf_recipient_filter_init(&f);
	f.included = 1;
	f.unit = places[0];
	int64_t n = 0;
	ck_assert_msg(bf_recipient_count(&ctx.db, k, &f, &n, &err) == 0, "%s", err.msg);
	free(places);
	return n;
}

/* Esc on a sign-off sheet: the XLSX stopped at its last row, the PDF at its
 * first page (every row laid out): neither file, nor a temporary, is left
 * in the folder. */
START_TEST(signoff_cancelled_writes_no_file)
{
	for (int i = 1; i <= 4; i++)
		approved_case(i);
	int64_t k = drawn_campaign();
	int64_t n = first_place_rows(k);
	setenv("BANGFU_TEST_PROGRESS_EVERY", "1", 1);
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	key('\n'); /* the campaign */
	for (int pdf = 0; pdf < 2; pdf++) {
		key('x');
		key(BF_KC(KEY_DOWN));
		if (!pdf)
			key(BF_KC(KEY_DOWN)); /* Sign-off sheet (XLSX) */
		key('\n');
		key('\n'); /* the first unit */
		key('\n'); /* the file name offered */
		snap();
		for (int64_t i = 0; i < (pdf ? n : n - 1); i++)
			key(BF_KEY_NONE);
		key(BF_ESC);
	}
	run();
	unsetenv("BANGFU_TEST_PROGRESS_EVERY");
	assert_in(snaps[0], "Sign-off sheet (rows)");
	assert_in(snaps[1], "Sign-off sheet (rows, then pages)");
	assert_on_screen("Sign-off sheet (rows, then pages): cancelled, nothing was changed.");
	ck_assert(!dir_has(tmpdir, "签收表"));
	ck_assert(!dir_has(tmpdir, BF_OUTFILE_PREFIX));
	/* and without Esc the PDF is written */
	key('x');
	key(BF_KC(KEY_DOWN));
	key('\n');
	key('\n');
	key('\n');
	key('n'); /* not to the printer */
	run();
	ck_assert(dir_has(tmpdir, "签收表"));
	ck_assert(!dir_has(tmpdir, BF_OUTFILE_PREFIX));
}
END_TEST

/* Esc on the ledger's export: no file, no temporary. */
START_TEST(ledger_export_cancelled_writes_no_file)
{
	char number[32];
	paid_campaign(number);
	setenv("BANGFU_TEST_PROGRESS_EVERY", "1", 1);
	ck_assert_int_eq(bf_ledger_open(&app), 0);
	key('x');
	key('\n'); /* the file name offered */
	key(BF_ESC);
	run();
	unsetenv("BANGFU_TEST_PROGRESS_EVERY");
	assert_on_screen("Ledger (payments): cancelled, nothing was changed.");
	ck_assert(!dir_has(tmpdir, "资金台账"));
	ck_assert(!dir_has(tmpdir, BF_OUTFILE_PREFIX));
}
END_TEST

/* issue 17: every File column fits a number of any length the allocator
 * makes ("2026-10000", 10 characters, not cut to "2026-1000…"): the
 * campaign's list, its spot check, the payments behind a line of the ledger
 * and the consolation events, in English and in Chinese, each screen the
 * same as one drawn fresh. */
static void long_number_case(void)
{
	int64_t id = approved_case(3);
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE case_file SET number = '2026-10000' WHERE id = %lld",
	         (long long)id);
	ck_assert_msg(bf_db_exec(&ctx.db, sql) == 0, "%s", ctx.db.errmsg);
}

START_TEST(campaign_long_numbers_whole)
{
	if (_i)
		chinese(&ctx);
	long_number_case();
	int64_t k = drawn_campaign();
	bf_error err = {{0}};
	struct bf_recipient_filter f;
	bf_recipient_filter_init(&f);
	struct bf_recipient r;
	int n = 0;
	ck_assert_int_eq(bf_recipient_rows(&ctx.db, k, &f, NULL, false, 1, &r, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(r.case_number, "2026-10000");
	struct bf_payment_in p = {.paid = true,
	                          .paid_on = "2026-11-20",
	                          .signer = r.name,
	                          .relation = BF_REL_SELF,
	                          .phone = "13800138000",
	                          .amount = -1};
	ck_assert_msg(bf_campaign_pay(&ctx.db, k, r.case_number, &p, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	key('\n'); /* the campaign */
	key('l');  /* its list */
	snap();
	key(BF_ESC);
	key('k'); /* the spot check */
	key('k'); /* draw the sample */
	key('\n');
	snap();
	key(BF_ESC);
	key(BF_ESC);
	key('g');  /* the ledger */
	key('\n'); /* the payments of its first line */
	snap();
	run();
	ck_assert_int_eq(n_snaps, 3);
	for (int i = 0; i < 3; i++) {
		assert_in(snaps[i], "2026-10000");
		ck_assert_ptr_null(strstr(snaps[i], "2026-1000…"));
	}
	assert_same_as_fresh();
}
END_TEST

START_TEST(consolation_long_number_whole)
{
	if (_i)
		chinese(&ctx);
	long_number_case();
	ck_assert_int_eq(bf_consolation_open(&app), 0);
	key('n');
	type("2026-10000");
	key('\n');
	key('\n'); /* hospitalised */
	key('\n'); /* today */
	run();
	assert_on_screen("2026-10000");
	ck_assert_ptr_null(strstr(screen(), "2026-1000…"));
	ck_assert_int_eq(sql_int("SELECT count(*) FROM consolation"), 1);
	assert_same_as_fresh();
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("campaign_ui");
	TCase *tc = tcase_create("screens");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, campaign_list_shows_budget);
	tcase_add_test(tc, live_budget_as_groups_are_edited);
	tcase_add_test(tc, group_editor_kind_goods_size);
	tcase_add_test(tc, place_by_hand_on_screen);
	tcase_add_test(tc, create_campaign_from_screen);
	tcase_add_test(tc, create_draw_pay_from_screen);
	tcase_add_test(tc, export_budget_xlsx);
	tcase_add_test(tc, export_asks_before_overwriting);
	tcase_add_test(tc, consolation_record_decide_pay);
	tcase_add_test(tc, consolation_death_prompts_zh);
	tcase_add_test(tc, standards_edit_and_year);
	tcase_add_test(tc, standards_refused_keeps_typed);
	tcase_add_test(tc, standards_amount_and_year_zh);
	tcase_add_test(tc, standards_goods_note_zh);
	tcase_add_test(tc, consolation_other_years);
	tcase_add_test(tc, group_label_and_file_flag);
	tcase_add_test(tc, ledger_totals_reconcile_export);
	tcase_add_test(tc, recipient_pages_by_key);
	tcase_add_test(tc, ledger_line_payments);
	tcase_add_loop_test(tc, campaign_long_numbers_whole, 0, 2);
	tcase_add_loop_test(tc, consolation_long_number_whole, 0, 2);
	tcase_add_test(tc, draw_cancelled_keeps_the_list);
	tcase_add_test(tc, signoff_cancelled_writes_no_file);
	tcase_add_test(tc, ledger_export_cancelled_writes_no_file);
	suite_add_tcase(s, tc);
	return s;
}
int main(void)
{
	Suite *suites[] = {suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
