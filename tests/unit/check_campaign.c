/* check_campaign.c — the rules of consolation and Spring Festival campaigns
 * (pure domain code): budget arithmetic (the seed's 10,300 yuan), amounts in
 * Chinese capitals, immediate relatives and discretion, highest standard
 * only, last year's exclusion, caps, sign-off, and the reproducible sample. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "testutil.h"

#include "bangfu/campaign.h"
#include "bangfu/consolation.h"
#include "bangfu/money.h"

static bf_date D(const char *s)
{
	bf_date d = BF_DATE_NONE;
	ck_assert_msg(bf_date_parse(s, &d), "bad test date %s", s);
	return d;
}

/* ---- budget ------------------------------------------------------------------ */

/* The seed's worked example (慰问费用预算): 困难党员 4 × (200 + 100) = 1,200,
 * 老党员 3 × (200 + 100) = 900, 贫困家庭 22 × (200 + 100) = 6,600, 五保户
 * 1 × (400 + 100) = 500, 村干部 5 × 200 = 1,000. The seed states the total
 * as "五项总计：慰问经费总支10300元", but its own five lines add up to
 * 10,200 yuan: the stated total is 100 yuan too high — exactly the slip a
 * budget computed from its lines prevents. The lines are checked one by one
 * against the seed, and the total against their true sum. */
START_TEST(test_budget_seed_example)
{
	struct bf_budget_line l[] = {
	    {.label = "困难党员", .count = 4, .cash = 20000, .goods = 10000},
	    {.label = "老党员", .count = 3, .cash = 20000, .goods = 10000},
	    {.label = "贫困家庭", .households = true, .count = 22, .cash = 20000, .goods = 10000},
	    {.label = "五保户", .households = true, .count = 1, .cash = 40000, .goods = 10000},
	    {.label = "村干部", .count = 5, .cash = 20000, .goods = 0},
	};
	struct bf_budget_totals t;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_budget_sum(l, BF_ARRAY_LEN(l), &t, &err), 0);
	ck_assert_int_eq(l[0].subtotal, 120000);
	ck_assert_int_eq(l[1].subtotal, 90000);
	ck_assert_int_eq(l[2].subtotal, 660000);
	ck_assert_int_eq(l[3].subtotal, 50000);
	ck_assert_int_eq(l[4].subtotal, 100000);
	ck_assert_int_eq(t.total, 120000 + 90000 + 660000 + 50000 + 100000);
	ck_assert_int_eq(t.total, 1020000);
	ck_assert_int_ne(t.total, 1030000); /* the seed's stated total is a slip */
	/* people and households apart: 4 + 3 + 5 people, 22 + 1 households */
	ck_assert_int_eq(t.people, 12);
	ck_assert_int_eq(t.households, 23);
	char cnt[96];
	bf_count_text(t.people, t.households, cnt, sizeof cnt);
	ck_assert_str_eq(cnt, "12 people and 23 households");
	bf_count_text_zh(t.people, t.households, cnt, sizeof cnt);
	ck_assert_str_eq(cnt, "12人、23户");
	bf_count_text(0, 1, cnt, sizeof cnt);
	ck_assert_str_eq(cnt, "1 household");
	bf_count_text(1, 0, cnt, sizeof cnt);
	ck_assert_str_eq(cnt, "1 person");
	bf_count_text_zh(0, 23, cnt, sizeof cnt);
	ck_assert_str_eq(cnt, "23户");
	ck_assert_int_eq(t.cash, 4 * 20000 + 3 * 20000 + 22 * 20000 + 40000 + 5 * 20000);
	ck_assert_int_eq(t.goods, 30 * 10000);
	ck_assert_int_eq(t.cash + t.goods, t.total);
	char buf[128];
	ck_assert_str_eq(bf_money_chinese(t.total, buf, sizeof buf), "壹万零贰佰元整");
	ck_assert_str_eq(bf_money_chinese(1030000, buf, sizeof buf), "壹万零叁佰元整");
}
END_TEST

START_TEST(test_budget_rejects_bad_lines)
{
	struct bf_budget_totals t;
	bf_error err = {{0}};
	struct bf_budget_line neg[] = {{.label = "x", .count = -1, .cash = 100}};
	ck_assert_int_eq(bf_budget_sum(neg, 1, &t, &err), -1);
	ck_assert_msg(strstr(err.msg, "x") != NULL, "names the line: %s", err.msg);
	struct bf_budget_line big[] = {{.label = "y", .count = 1000000, .cash = BF_FEN_MAX}};
	ck_assert_int_eq(bf_budget_sum(big, 1, &t, &err), -1);
	struct bf_budget_line none[1];
	ck_assert_int_eq(bf_budget_sum(none, 0, &t, &err), 0);
	ck_assert_int_eq(t.total, 0);
}
END_TEST

START_TEST(test_budget_from_plan)
{
	struct bf_campaign_group g[2];
	bf_campaign_group_init(&g[0], BF_GROUP_HARDSHIP, -1);
	g[0].cash[0] = 20000;
	g[0].goods[0] = 10000;
	g[0].planned[0] = 22;
	bf_campaign_group_init(&g[1], BF_GROUP_SPECIAL, -1);
	g[1].basis = BF_BASIS_SIZE;
	g[1].cash[0] = 55000;
	g[1].cash[1] = 90000;
	g[1].cash[2] = 110000;
	g[1].planned[0] = 1;
	g[1].planned[1] = 2;
	g[1].planned[2] = 3;
	struct bf_budget_line l[8];
	size_t n = bf_budget_from_plan(g, 2, l, 8);
	ck_assert_uint_eq(n, 4);
	struct bf_budget_totals t;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_budget_sum(l, n, &t, &err), 0);
	ck_assert_int_eq(l[0].subtotal, 660000);
	ck_assert(!l[0].households); /* per person */
	ck_assert(l[1].households);  /* by household size */
	ck_assert_int_eq(t.people, 22);
	ck_assert_int_eq(t.households, 1 + 2 + 3);
	ck_assert_int_eq(l[1].tier, 0);
	ck_assert_int_eq(l[3].tier, 2);
	ck_assert_int_eq(t.total, 660000 + 55000 + 2 * 90000 + 3 * 110000);
	ck_assert_uint_eq(bf_budget_from_plan(g, 2, l, 2), 2);
}
END_TEST

/* ---- amounts in Chinese capitals (bf_money_chinese) ----------------------------- */

START_TEST(test_capitals)
{
	static const struct {
		bf_fen v;
		const char *want;
	} cases[] = {
	    {110000, "壹仟壹佰元整"},
	    {50000, "伍佰元整"},
	    {55000, "伍佰伍拾元整"},
	    {90000, "玖佰元整"},
	    {0, "零元整"},
	    {100500, "壹仟零伍元整"}, /* 零 inside */
	    {100050, "壹仟元零伍角"},
	    {1000500, "壹万零伍元整"}, /* 零 across 万 */
	    {1030000, "壹万零叁佰元整"},
	    {10203, "壹佰零贰元零叁分"},
	    {10000000, "壹拾万元整"},
	    {1010000, "壹万零壹佰元整"},
	    {2000000, "贰万元整"},
	    {10, "壹角"},
	};
	char buf[128];
	for (size_t i = 0; i < BF_ARRAY_LEN(cases); i++)
		ck_assert_str_eq(bf_money_chinese(cases[i].v, buf, sizeof buf), cases[i].want);
}
END_TEST

/* ---- groups, levels, statuses --------------------------------------------------- */

START_TEST(test_model_levels_and_statuses)
{
	ck_assert_int_eq(bf_model_level_of("全国劳模"), BF_LEVEL_NATIONAL);
	ck_assert_int_eq(bf_model_level_of("全国劳动模范"), BF_LEVEL_NATIONAL);
	ck_assert_int_eq(bf_model_level_of("省级劳动模范"), BF_LEVEL_PROVINCIAL);
	ck_assert_int_eq(bf_model_level_of("省劳模"), BF_LEVEL_PROVINCIAL);
	ck_assert_int_eq(bf_model_level_of("市级劳模"), BF_LEVEL_MUNICIPAL);
	ck_assert_int_eq(bf_model_level_of("municipal"), BF_LEVEL_MUNICIPAL);
	ck_assert_int_eq(bf_model_level_of(""), -1);
	ck_assert_int_eq(bf_model_level_of("  "), -1);
	ck_assert_int_eq(bf_model_level_of(NULL), -1);
	const char *ok[] = {"approved",  "in_publicity", "publicity_passed",
	                    "submitted", "accepted",     "aided"};
	const char *no[] = {"draft",    "docs_complete", "rejected", "objection_upheld",
	                    "returned", "closed",        "",         NULL};
	for (size_t i = 0; i < BF_ARRAY_LEN(ok); i++)
		ck_assert_msg(bf_status_is_approved_file(ok[i]), "%s is approved", ok[i]);
	for (size_t i = 0; i < BF_ARRAY_LEN(no); i++)
		ck_assert_msg(!bf_status_is_approved_file(no[i]), "%s is not approved",
		              no[i] ? no[i] : "NULL");
	ck_assert_int_eq(bf_group_kind_parse("劳动模范"), BF_GROUP_MODEL_WORKER);
	ck_assert_int_eq(bf_group_kind_parse("migrant"), BF_GROUP_MIGRANT);
	ck_assert_int_eq(bf_basis_parse("size"), BF_BASIS_SIZE);
	ck_assert_int_eq(bf_size_tier(0), 0);
	ck_assert_int_eq(bf_size_tier(1), 0);
	ck_assert_int_eq(bf_size_tier(2), 1);
	ck_assert_int_eq(bf_size_tier(3), 2);
	ck_assert_int_eq(bf_size_tier(7), 2);
}
END_TEST

START_TEST(test_group_validate)
{
	struct bf_campaign_group g;
	bf_error err = {{0}};
	bf_campaign_group_init(&g, BF_GROUP_MODEL_WORKER, BF_LEVEL_NATIONAL);
	ck_assert(!g.requires_file);
	ck_assert_int_eq(bf_campaign_group_validate(&g, &err), 0);
	char name[128];
	bf_campaign_group_name_zh(&g, name, sizeof name);
	ck_assert_str_eq(name, "劳动模范（全国）");
	g.cash[0] = 0;
	ck_assert_int_eq(bf_campaign_group_validate(&g, &err), -1);
	g.goods[0] = 10000; /* goods alone are a standard too */
	ck_assert_int_eq(bf_campaign_group_validate(&g, &err), 0);
	g.cash[0] = -1;
	ck_assert_int_eq(bf_campaign_group_validate(&g, &err), -1);
	bf_campaign_group_init(&g, BF_GROUP_HARDSHIP, BF_LEVEL_NATIONAL);
	ck_assert_int_eq(g.level, -1);
	ck_assert(g.requires_file);
	g.level = BF_LEVEL_NATIONAL;
	ck_assert_int_eq(bf_campaign_group_validate(&g, &err), -1);
	/* a group without a kind: the office names it, a file required by default */
	bf_campaign_group_init(&g, -1, -1);
	ck_assert_int_eq(g.kind, -1);
	ck_assert(g.requires_file);
	ck_assert_str_eq(g.label, "");
	ck_assert_int_eq(bf_campaign_group_validate(&g, &err), -1);
	ck_assert_msg(strstr(err.msg, "label") != NULL, "names the label: %s", err.msg);
	bf_strlcpy(g.label, "老党员", sizeof g.label);
	ck_assert_int_eq(bf_campaign_group_validate(&g, &err), 0);
	g.level = BF_LEVEL_NATIONAL; /* a level only with the model-worker kind */
	ck_assert_int_eq(bf_campaign_group_validate(&g, &err), -1);
}
END_TEST

/* The union's standard groups (--standard-groups, u on screen): the seed's
 * four kinds, model workers at each level, named in Chinese. */
START_TEST(test_standard_groups)
{
	struct bf_campaign_group g[BF_MAX_GROUPS];
	size_t n = bf_campaign_standard_groups(g, BF_MAX_GROUPS);
	ck_assert_uint_eq(n, 6);
	ck_assert_str_eq(g[0].label, "困难职工");
	ck_assert_str_eq(g[1].label, "劳动模范（全国）");
	ck_assert_str_eq(g[3].label, "劳动模范（市级）");
	ck_assert_str_eq(g[4].label, "困难农民工");
	ck_assert_str_eq(g[5].label, "特别困难职工");
	ck_assert_int_eq(g[2].level, BF_LEVEL_PROVINCIAL);
	ck_assert(!g[1].requires_file);
	ck_assert(g[5].requires_file);
	ck_assert_uint_eq(bf_campaign_standard_groups(g, 2), 2);
}
END_TEST

/* ---- the draw ------------------------------------------------------------------ */

static struct bf_candidate cand(const char *status, int size)
{
	struct bf_candidate c;
	memset(&c, 0, sizeof c);
	c.case_id = 1;
	bf_strlcpy(c.status, status, sizeof c.status);
	c.household_size = size;
	c.model_level = -1;
	return c;
}

/* hardship 500/person; special by household size 550/900/1100 */
static void two_groups(struct bf_campaign_group g[2])
{
	bf_campaign_group_init(&g[0], BF_GROUP_HARDSHIP, -1);
	bf_campaign_group_init(&g[1], BF_GROUP_SPECIAL, -1);
	g[1].basis = BF_BASIS_SIZE;
	g[1].cash[0] = 55000;
	g[1].cash[1] = 90000;
	g[1].cash[2] = 110000;
}

START_TEST(test_highest_standard_only)
{
	struct bf_campaign_group g[2];
	two_groups(g);
	struct bf_draw_result d;
	struct bf_candidate c = cand("approved", 3);
	c.special = true;
	bf_campaign_draw_one(g, 2, NULL, &c, &d);
	ck_assert(d.matched && d.included);
	ck_assert_uint_eq(d.groups, 3u); /* meets both */
	ck_assert_int_eq(d.group, 1);    /* aided once, at the highest */
	ck_assert_int_eq(d.cash, 110000);
	ck_assert_int_eq(d.standard, 110000);

	c.household_size = 1; /* 550 still beats 500 */
	bf_campaign_draw_one(g, 2, NULL, &c, &d);
	ck_assert_int_eq(d.group, 1);
	ck_assert_int_eq(d.cash, 55000);

	g[0].goods[0] = 10000; /* 500 + 100 gift beats 550 */
	bf_campaign_draw_one(g, 2, NULL, &c, &d);
	ck_assert_int_eq(d.group, 0);
	ck_assert_int_eq(d.cash + d.goods, 60000);

	g[0].goods[0] = 5000; /* a tie: the first group */
	bf_campaign_draw_one(g, 2, NULL, &c, &d);
	ck_assert_int_eq(d.group, 0);

	c.special = false; /* only the hardship group */
	c.household_size = 3;
	g[0].goods[0] = 0;
	bf_campaign_draw_one(g, 2, NULL, &c, &d);
	ck_assert_uint_eq(d.groups, 1u);
	ck_assert_int_eq(d.group, 0);
	ck_assert_int_eq(d.cash, 50000);
}
END_TEST

/* Groups as the office names them: two groups of one kind (困难党员 per
 * person 200 + 100, 五保户 per household 400 + 100, both "special") and one
 * without a kind (村干部, people placed by hand). A household in both
 * special groups is aided once, at the higher standard; the group without a
 * kind takes only those placed in it; a placement counts like a kind. */
START_TEST(test_groups_of_one_kind)
{
	struct bf_campaign_group g[3];
	bf_campaign_group_init(&g[0], BF_GROUP_SPECIAL, -1);
	bf_strlcpy(g[0].label, "困难党员", sizeof g[0].label);
	g[0].cash[0] = 20000;
	g[0].goods[0] = 10000;
	bf_campaign_group_init(&g[1], BF_GROUP_SPECIAL, -1);
	bf_strlcpy(g[1].label, "五保户", sizeof g[1].label);
	g[1].basis = BF_BASIS_HOUSEHOLD;
	g[1].cash[0] = 40000;
	g[1].goods[0] = 10000;
	bf_campaign_group_init(&g[2], -1, -1);
	bf_strlcpy(g[2].label, "村干部", sizeof g[2].label);
	g[2].cash[0] = 20000;
	g[2].requires_file = false;
	struct bf_draw_result d;
	struct bf_candidate c = cand("approved", 2);
	c.special = true;
	bf_campaign_draw_one(g, 3, NULL, &c, &d);
	ck_assert(d.included);
	ck_assert_uint_eq(d.groups, 3u); /* both special groups, not the kindless one */
	ck_assert_int_eq(d.group, 1);    /* once, at the higher standard */
	ck_assert_int_eq(d.cash, 40000);
	ck_assert_int_eq(d.goods, 10000);
	/* the order of the groups does not matter */
	struct bf_campaign_group r[2] = {g[1], g[0]};
	bf_campaign_draw_one(r, 2, NULL, &c, &d);
	ck_assert_int_eq(d.group, 0);
	ck_assert_int_eq(d.standard, 50000);
	/* nobody is in a group without a kind unless placed there */
	c.special = false;
	bf_campaign_draw_one(g, 3, NULL, &c, &d);
	ck_assert(!d.matched);
	c.placed = 1u << 2;
	bf_campaign_draw_one(g, 3, NULL, &c, &d);
	ck_assert(d.included);
	ck_assert_int_eq(d.group, 2);
	ck_assert_int_eq(d.cash, 20000);
	/* placed in a special group and meeting the other one: the higher, once */
	c.special = true;
	c.placed = 1u << 2;
	bf_campaign_draw_one(g, 3, NULL, &c, &d);
	ck_assert_uint_eq(d.groups, 7u);
	ck_assert_int_eq(d.group, 1);
	/* last year's exclusion and the caps work the same across them */
	c.aided_last_year = true;
	bf_campaign_draw_one(g, 3, NULL, &c, &d);
	ck_assert(!d.included);
	ck_assert_int_eq(d.reason, BF_EXCL_LAST_YEAR);
	c.aided_last_year = false;
	struct bf_campaign_caps caps = {.per_payment = 30000, .per_year = 0};
	bf_campaign_draw_one(g, 3, &caps, &c, &d);
	ck_assert(d.included && d.capped);
	ck_assert_int_eq(d.group, 1);
	ck_assert_int_eq(d.cash + d.goods, 30000);
}
END_TEST

START_TEST(test_file_first_then_aid)
{
	struct bf_campaign_group g[3];
	two_groups(g);
	bf_campaign_group_init(&g[2], BF_GROUP_MODEL_WORKER, BF_LEVEL_PROVINCIAL);
	g[2].cash[0] = 80000;
	struct bf_draw_result d;
	/* a draft file: no aid where a file is required */
	struct bf_candidate c = cand("draft", 2);
	c.special = true;
	bf_campaign_draw_one(g, 3, NULL, &c, &d);
	ck_assert(d.matched);
	ck_assert(!d.included);
	ck_assert_int_eq(d.reason, BF_EXCL_NO_FILE);
	/* a provincial model worker needs no file for the model-worker group */
	c.model_level = BF_LEVEL_PROVINCIAL;
	bf_campaign_draw_one(g, 3, NULL, &c, &d);
	ck_assert(d.included);
	ck_assert_int_eq(d.group, 2);
	ck_assert_int_eq(d.cash, 80000);
	/* a national model worker is not in a provincial group */
	c.model_level = BF_LEVEL_NATIONAL;
	bf_campaign_draw_one(g, 3, NULL, &c, &d);
	ck_assert(!d.included);
	/* a model-worker group of any level */
	g[2].level = -1;
	bf_campaign_draw_one(g, 3, NULL, &c, &d);
	ck_assert(d.included);
	/* with an approved file the special standard for two persons (900)
	 * beats the model workers' (800) */
	bf_strlcpy(c.status, "aided", sizeof c.status);
	bf_campaign_draw_one(g, 3, NULL, &c, &d);
	ck_assert_int_eq(d.group, 1);
	ck_assert_int_eq(d.cash, 90000);
	ck_assert_uint_eq(d.groups, 7u);
	/* a migrant group: only migrants */
	struct bf_campaign_group m;
	bf_campaign_group_init(&m, BF_GROUP_MIGRANT, -1);
	struct bf_candidate e = cand("approved", 2);
	bf_campaign_draw_one(&m, 1, NULL, &e, &d);
	ck_assert(!d.matched);
	e.migrant = true;
	bf_campaign_draw_one(&m, 1, NULL, &e, &d);
	ck_assert(d.matched && d.included);
}
END_TEST

START_TEST(test_last_year_exclusion)
{
	struct bf_campaign_group g[2];
	two_groups(g);
	struct bf_draw_result d;
	struct bf_candidate c = cand("approved", 2);
	c.aided_last_year = true;
	bf_campaign_draw_one(g, 2, NULL, &c, &d);
	ck_assert(d.matched);
	ck_assert(!d.included);
	ck_assert_int_eq(d.reason, BF_EXCL_LAST_YEAR);
	/* the amount is kept for adding back */
	ck_assert_int_eq(d.group, 0);
	ck_assert_int_eq(d.cash, 50000);
	ck_assert_str_eq(bf_exclusion_code(BF_EXCL_LAST_YEAR), "last_year");
	/* no file weighs more than last year */
	bf_strlcpy(c.status, "draft", sizeof c.status);
	bf_campaign_draw_one(g, 2, NULL, &c, &d);
	ck_assert_int_eq(d.reason, BF_EXCL_NO_FILE);
}
END_TEST

START_TEST(test_caps)
{
	struct bf_campaign_caps caps = {.per_payment = 80000, .per_year = 0};
	bf_fen cash = 110000, goods = 10000;
	bool capped;
	/* per payment: cash is cut first */
	ck_assert_int_eq(bf_apply_caps(&caps, 0, &cash, &goods, &capped), 0);
	ck_assert(capped);
	ck_assert_int_eq(cash, 70000);
	ck_assert_int_eq(goods, 10000);
	/* then goods */
	caps.per_payment = 5000;
	cash = 20000;
	goods = 10000;
	ck_assert_int_eq(bf_apply_caps(&caps, 0, &cash, &goods, &capped), 0);
	ck_assert_int_eq(cash, 0);
	ck_assert_int_eq(goods, 5000);
	/* under the cap: untouched */
	caps.per_payment = 50000;
	cash = 50000;
	goods = 0;
	ck_assert_int_eq(bf_apply_caps(&caps, 0, &cash, &goods, &capped), 0);
	ck_assert(!capped);
	ck_assert_int_eq(cash, 50000);
	/* per year: what is left of it */
	caps.per_payment = 0;
	caps.per_year = 100000;
	cash = 50000;
	ck_assert_int_eq(bf_apply_caps(&caps, 80000, &cash, &goods, &capped), 0);
	ck_assert(capped);
	ck_assert_int_eq(cash, 20000);
	cash = 50000;
	ck_assert_int_eq(bf_apply_caps(&caps, 100000, &cash, &goods, &capped), 1);
	/* no caps at all */
	cash = 99999900;
	ck_assert_int_eq(bf_apply_caps(NULL, 0, &cash, &goods, &capped), 0);
	ck_assert(!capped);

	/* in the draw */
	struct bf_campaign_group g[2];
	two_groups(g);
	struct bf_candidate c = cand("approved", 3);
	c.special = true;
	struct bf_draw_result d;
	caps.per_payment = 100000;
	caps.per_year = 150000;
	bf_campaign_draw_one(g, 2, &caps, &c, &d);
	ck_assert(d.included && d.capped);
	ck_assert_int_eq(d.standard, 110000);
	ck_assert_int_eq(d.cash, 100000);
	c.committed_this_year = 120000;
	bf_campaign_draw_one(g, 2, &caps, &c, &d);
	ck_assert(d.included);
	ck_assert_int_eq(d.cash, 30000);
	c.committed_this_year = 150000;
	bf_campaign_draw_one(g, 2, &caps, &c, &d);
	ck_assert(!d.included);
	ck_assert_int_eq(d.reason, BF_EXCL_CAP);
}
END_TEST

/* ---- sign-off --------------------------------------------------------------------- */

static void household(struct bf_case *c)
{
	bf_case_init(c, 2026);
	bf_strlcpy(c->number, "2026-0001", sizeof c->number);
	bf_strlcpy(c->members[0].name, "张三", sizeof c->members[0].name);
	struct bf_member *m = bf_case_add_member(c, BF_REL_SPOUSE);
	bf_strlcpy(m->name, "李四", sizeof m->name);
	m = bf_case_add_member(c, BF_REL_CHILD);
	bf_strlcpy(m->name, "张小五", sizeof m->name);
}

START_TEST(test_signer)
{
	struct bf_case c;
	household(&c);
	char phone[BF_PHONE_SZ];
	bf_error err = {{0}};
	ck_assert_int_eq(bf_signer_check(&c, "张三", BF_REL_SELF, "138 1234 5678", phone, &err), 0);
	ck_assert_str_eq(phone, "13812345678");
	ck_assert_int_eq(bf_signer_check(&c, "李四", BF_REL_SPOUSE, "022-12345678", phone, &err),
	                 0);
	ck_assert_str_eq(phone, "022-12345678");
	/* someone else signing for the employee */
	ck_assert_int_eq(bf_signer_check(&c, "王五", BF_REL_SELF, "13812345678", phone, &err), -1);
	ck_assert_int_eq(bf_signer_check(&c, "王五", BF_REL_SPOUSE, "13812345678", phone, &err),
	                 -1);
	ck_assert_msg(strstr(err.msg, "王五") != NULL, "%s", err.msg);
	/* a member under the wrong relation */
	ck_assert_int_eq(bf_signer_check(&c, "李四", BF_REL_CHILD, "13812345678", phone, &err), -1);
	/* a phone is required and must look like one */
	ck_assert_int_eq(bf_signer_check(&c, "张三", BF_REL_SELF, "", phone, &err), -1);
	ck_assert_int_eq(bf_signer_check(&c, "张三", BF_REL_SELF, "12345", phone, &err), -1);
	ck_assert_int_eq(bf_signer_check(&c, "张三", BF_REL_SELF, "abc", phone, &err), -1);
	ck_assert_int_eq(bf_signer_check(&c, "", BF_REL_SELF, "13812345678", phone, &err), -1);
	ck_assert(strlen(bf_signoff_rule()) > 20);
	ck_assert(strstr(BF_SIGNOFF_RULE_ZH, "不得代签") != NULL);
	ck_assert(strstr(BF_SIGNOFF_RULE_ZH, "不得拆分") != NULL);
}
END_TEST

/* ---- the sample ------------------------------------------------------------------ */

START_TEST(test_rng_documented)
{
	/* SplitMix64's published reference output for seed 0 */
	struct bf_rng r;
	bf_rng_seed(&r, 0);
	ck_assert_uint_eq(bf_rng_next(&r), 0xE220A8397B1DCDAFULL);
	ck_assert_uint_eq(bf_rng_next(&r), 0x6E789E6AA1B965F4ULL);
	ck_assert_uint_eq(bf_rng_next(&r), 0x06C45D188009454FULL);
	bf_rng_seed(&r, 12345);
	for (int i = 0; i < 10000; i++)
		ck_assert_uint_lt(bf_rng_below(&r, 7), 7);
	ck_assert_uint_eq(bf_rng_below(&r, 1), 0);
}
END_TEST

START_TEST(test_sample_size)
{
	ck_assert_uint_eq(bf_spotcheck_count(0, 10), 0);
	ck_assert_uint_eq(bf_spotcheck_count(1, 10), 1);
	ck_assert_uint_eq(bf_spotcheck_count(9, 10), 1);
	ck_assert_uint_eq(bf_spotcheck_count(10, 10), 1);
	ck_assert_uint_eq(bf_spotcheck_count(11, 10), 2);
	ck_assert_uint_eq(bf_spotcheck_count(100, 10), 10);
	ck_assert_uint_eq(bf_spotcheck_count(5, 100), 5);
	ck_assert_uint_eq(bf_spotcheck_count(5, 0), 1);
}
END_TEST

START_TEST(test_sample_reproducible)
{
	/* 25 households in 一车间, 5 in 二车间, 1 in 三车间, interleaved */
	const char *places[31];
	for (int i = 0; i < 31; i++)
		places[i] = i == 30 ? "三车间" : (i % 6 == 5 ? "二车间" : "一车间");
	bool a[31], b[31], c[31];
	size_t na = bf_spotcheck_draw(20260115, 10, places, 31, a);
	size_t nb = bf_spotcheck_draw(20260115, 10, places, 31, b);
	ck_assert_uint_eq(na, 3 + 1 + 1); /* ceil(10% of 25), at least one each */
	ck_assert_uint_eq(na, nb);
	ck_assert(memcmp(a, b, sizeof a) == 0); /* the same seed, the same sample */
	size_t per[3] = {0, 0, 0};
	for (int i = 0; i < 31; i++)
		if (a[i])
			per[!strcmp(places[i], "一车间")   ? 0
			    : !strcmp(places[i], "二车间") ? 1
			                                   : 2]++;
	ck_assert_uint_eq(per[0], 3);
	ck_assert_uint_eq(per[1], 1);
	ck_assert_uint_eq(per[2], 1);
	/* other seeds draw other samples (some of 20 differ) */
	bool differs = false;
	for (uint64_t s = 1; s <= 20 && !differs; s++) {
		bf_spotcheck_draw(s, 10, places, 31, c);
		differs = memcmp(a, c, sizeof a) != 0;
	}
	ck_assert(differs);
	/* the order of the input within a place matters, not the order of places */
	ck_assert_uint_eq(bf_spotcheck_draw(1, 10, places, 0, c), 0);
}
END_TEST

START_TEST(test_sample_uniform)
{
	/* each of 10 households of one place is drawn about as often */
	const char *places[10];
	for (int i = 0; i < 10; i++)
		places[i] = "P";
	int hits[10] = {0};
	bool ch[10];
	for (uint64_t s = 0; s < 5000; s++) {
		ck_assert_uint_eq(bf_spotcheck_draw(s, 10, places, 10, ch), 1);
		for (int i = 0; i < 10; i++)
			hits[i] += ch[i];
	}
	for (int i = 0; i < 10; i++)
		ck_assert_msg(hits[i] > 380 && hits[i] < 620, "household %d drawn %d of 5000", i,
		              hits[i]);
}
END_TEST

/* ---- consolation ------------------------------------------------------------------- */

static struct bf_consolation_standard std_of(enum bf_event e)
{
	struct bf_consolation_standard s;
	bf_consolation_standard_seed(e, 2026, &s);
	return s;
}

START_TEST(test_immediate_relatives)
{
	const enum bf_relation yes[] = {BF_REL_SPOUSE,        BF_REL_FATHER,        BF_REL_MOTHER,
	                                BF_REL_FATHER_IN_LAW, BF_REL_MOTHER_IN_LAW, BF_REL_CHILD,
	                                BF_REL_CHILD_IN_LAW};
	const enum bf_relation no[] = {BF_REL_SELF, BF_REL_SIBLING, BF_REL_GRANDCHILD,
	                               BF_REL_GRANDPARENT, BF_REL_OTHER};
	for (size_t i = 0; i < BF_ARRAY_LEN(yes); i++)
		ck_assert(bf_relation_is_immediate(yes[i]));
	for (size_t i = 0; i < BF_ARRAY_LEN(no); i++)
		ck_assert(!bf_relation_is_immediate(no[i]));
}
END_TEST

START_TEST(test_consolation_standards)
{
	struct bf_consolation_standard s = std_of(BF_EV_HOSPITAL);
	ck_assert_int_eq(s.cash, 50000);
	s = std_of(BF_EV_WEDDING);
	ck_assert_int_eq(s.cash, 50000);
	s = std_of(BF_EV_BIRTHDAY);
	ck_assert_int_eq(s.cash, 0);
	ck_assert_int_eq(s.goods, 10000);
	ck_assert_str_eq(s.goods_note, "生日蛋糕");
	s = std_of(BF_EV_RELATIVE_DEATH);
	ck_assert_int_eq(s.cash, 50000);
	ck_assert_str_eq(s.goods_note, "花圈");
	s = std_of(BF_EV_DEATH);
	ck_assert(s.manual);
	s = std_of(BF_EV_FAMILY_HOSPITAL);
	ck_assert_int_eq(s.cash, 50000);
	ck_assert_int_eq(bf_event_parse("hospital"), BF_EV_HOSPITAL);
	ck_assert_int_eq(bf_event_parse("直系亲属去世"), BF_EV_RELATIVE_DEATH);
	ck_assert_int_eq(bf_event_parse("nonsense"), -1);
}
END_TEST

START_TEST(test_relative_death)
{
	struct bf_consolation_standard s = std_of(BF_EV_RELATIVE_DEATH);
	struct bf_consolation_result r;
	struct bf_consolation_request q = {.event = BF_EV_RELATIVE_DEATH,
	                                   .member = "王父",
	                                   .relation = BF_REL_FATHER_IN_LAW,
	                                   .date = D("2026-03-01")};
	ck_assert_int_eq(bf_consolation_assess(&s, &q, NULL, 0, &r), BF_CONS_OK);
	ck_assert_int_eq(r.cash, 50000);
	ck_assert_str_eq(r.goods_note, "花圈");
	/* a brother is not an immediate relative */
	q.relation = BF_REL_SIBLING;
	ck_assert_int_eq(bf_consolation_assess(&s, &q, NULL, 0, &r), BF_CONS_REFUSED);
	ck_assert_msg(strstr(r.reason, "王父") != NULL, "%s", r.reason);
	/* a grandparent neither */
	q.relation = BF_REL_GRANDPARENT;
	ck_assert_int_eq(bf_consolation_assess(&s, &q, NULL, 0, &r), BF_CONS_REFUSED);
	/* without a name */
	q.relation = BF_REL_MOTHER;
	q.member = NULL;
	ck_assert_int_eq(bf_consolation_assess(&s, &q, NULL, 0, &r), BF_CONS_REFUSED);
	/* the same person's death twice */
	q.member = "王母";
	struct bf_consolation_prior p = {.event = BF_EV_RELATIVE_DEATH, .date = D("2025-05-05")};
	bf_strlcpy(p.member, "王母", sizeof p.member);
	ck_assert_int_eq(bf_consolation_assess(&s, &q, &p, 1, &r), BF_CONS_REFUSED);
	bf_strlcpy(p.member, "王父", sizeof p.member);
	ck_assert_int_eq(bf_consolation_assess(&s, &q, &p, 1, &r), BF_CONS_OK);
}
END_TEST

START_TEST(test_second_hospital_is_discretion)
{
	struct bf_consolation_standard s = std_of(BF_EV_HOSPITAL);
	struct bf_consolation_result r;
	struct bf_consolation_request q = {
	    .event = BF_EV_HOSPITAL, .relation = BF_REL_SELF, .date = D("2026-06-01")};
	struct bf_consolation_prior p[2] = {{.event = BF_EV_HOSPITAL, .date = D("2026-02-01")},
	                                    {.event = BF_EV_HOSPITAL, .date = D("2025-11-01")}};
	ck_assert_int_eq(bf_consolation_assess(&s, &q, NULL, 0, &r), BF_CONS_OK);
	ck_assert_int_eq(bf_consolation_assess(&s, &q, &p[1], 1, &r), BF_CONS_OK); /* last year */
	ck_assert_int_eq(bf_consolation_assess(&s, &q, p, 2, &r), BF_CONS_DISCRETION);
	ck_assert_int_eq(r.cash, 50000); /* the standard is still proposed */
	ck_assert_msg(strstr(r.reason, "2026-02-01") != NULL, "%s", r.reason);
	/* a declined stay does not count */
	p[0].declined = true;
	ck_assert_int_eq(bf_consolation_assess(&s, &q, p, 2, &r), BF_CONS_OK);
	/* a family member's stay is another event */
	p[0].declined = false;
	p[0].event = BF_EV_FAMILY_HOSPITAL;
	ck_assert_int_eq(bf_consolation_assess(&s, &q, p, 2, &r), BF_CONS_OK);
	/* the employee's stay is not recorded under a relative */
	q.member = "李四";
	q.relation = BF_REL_SPOUSE;
	ck_assert_int_eq(bf_consolation_assess(&s, &q, NULL, 0, &r), BF_CONS_REFUSED);
}
END_TEST

START_TEST(test_family_hospital)
{
	struct bf_consolation_standard s = std_of(BF_EV_FAMILY_HOSPITAL);
	struct bf_consolation_result r;
	struct bf_consolation_request q = {.event = BF_EV_FAMILY_HOSPITAL,
	                                   .member = "李四",
	                                   .relation = BF_REL_SPOUSE,
	                                   .date = D("2026-06-01")};
	ck_assert_int_eq(bf_consolation_assess(&s, &q, NULL, 0, &r), BF_CONS_OK);
	/* a grandparent in the household: the union decides */
	q.relation = BF_REL_GRANDPARENT;
	ck_assert_int_eq(bf_consolation_assess(&s, &q, NULL, 0, &r), BF_CONS_DISCRETION);
	/* the employee is the "hospital" event */
	q.relation = BF_REL_SELF;
	ck_assert_int_eq(bf_consolation_assess(&s, &q, NULL, 0, &r), BF_CONS_REFUSED);
	/* a second one in the year */
	q.relation = BF_REL_CHILD;
	struct bf_consolation_prior p = {.event = BF_EV_FAMILY_HOSPITAL, .date = D("2026-01-09")};
	ck_assert_int_eq(bf_consolation_assess(&s, &q, &p, 1, &r), BF_CONS_DISCRETION);
}
END_TEST

START_TEST(test_once_only_and_manual)
{
	struct bf_consolation_result r;
	struct bf_consolation_standard s = std_of(BF_EV_BIRTHDAY);
	struct bf_consolation_request q = {.event = BF_EV_BIRTHDAY, .date = D("2026-04-04")};
	struct bf_consolation_prior p = {.event = BF_EV_BIRTHDAY, .date = D("2026-04-01")};
	ck_assert_int_eq(bf_consolation_assess(&s, &q, &p, 1, &r), BF_CONS_REFUSED);
	p.date = D("2025-04-01");
	ck_assert_int_eq(bf_consolation_assess(&s, &q, &p, 1, &r), BF_CONS_OK);
	ck_assert_int_eq(r.goods, 10000);
	ck_assert_str_eq(r.goods_note, "生日蛋糕");

	s = std_of(BF_EV_DEATH);
	q.event = BF_EV_DEATH;
	ck_assert_int_eq(bf_consolation_assess(&s, &q, NULL, 0, &r), BF_CONS_REFUSED);
	q.manual_amount = 200000;
	ck_assert_int_eq(bf_consolation_assess(&s, &q, NULL, 0, &r), BF_CONS_OK);
	ck_assert_int_eq(r.cash, 200000);
	p.event = BF_EV_DEATH;
	ck_assert_int_eq(bf_consolation_assess(&s, &q, &p, 1, &r), BF_CONS_REFUSED);

	/* as gifts of the same value */
	s = std_of(BF_EV_WEDDING);
	q = (struct bf_consolation_request){
	    .event = BF_EV_WEDDING, .date = D("2026-05-01"), .as_goods = true};
	ck_assert_int_eq(bf_consolation_assess(&s, &q, NULL, 0, &r), BF_CONS_OK);
	ck_assert_int_eq(r.cash, 0);
	ck_assert_int_eq(r.goods, 50000);

	/* a standard set to nothing */
	s.cash = 0;
	ck_assert_int_eq(bf_consolation_assess(&s, &q, NULL, 0, &r), BF_CONS_REFUSED);
	/* no date */
	s = std_of(BF_EV_WEDDING);
	q.date = BF_DATE_NONE;
	ck_assert_int_eq(bf_consolation_assess(&s, &q, NULL, 0, &r), BF_CONS_REFUSED);
}
END_TEST

static Suite *campaign_suite(void)
{
	Suite *s = suite_create("domain: consolation and campaigns");
	TCase *tc = tcase_create("budget and capitals");
	tcase_add_test(tc, test_budget_seed_example);
	tcase_add_test(tc, test_budget_rejects_bad_lines);
	tcase_add_test(tc, test_budget_from_plan);
	tcase_add_test(tc, test_capitals);
	suite_add_tcase(s, tc);
	tc = tcase_create("draw");
	tcase_add_test(tc, test_model_levels_and_statuses);
	tcase_add_test(tc, test_group_validate);
	tcase_add_test(tc, test_highest_standard_only);
	tcase_add_test(tc, test_groups_of_one_kind);
	tcase_add_test(tc, test_standard_groups);
	tcase_add_test(tc, test_file_first_then_aid);
	tcase_add_test(tc, test_last_year_exclusion);
	tcase_add_test(tc, test_caps);
	tcase_add_test(tc, test_signer);
	suite_add_tcase(s, tc);
	tc = tcase_create("sample");
	tcase_add_test(tc, test_rng_documented);
	tcase_add_test(tc, test_sample_size);
	tcase_add_test(tc, test_sample_reproducible);
	tcase_add_test(tc, test_sample_uniform);
	suite_add_tcase(s, tc);
	tc = tcase_create("consolation");
	tcase_add_test(tc, test_immediate_relatives);
	tcase_add_test(tc, test_consolation_standards);
	tcase_add_test(tc, test_relative_death);
	tcase_add_test(tc, test_second_hospital_is_discretion);
	tcase_add_test(tc, test_family_hospital);
	tcase_add_test(tc, test_once_only_and_manual);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *all[] = {campaign_suite()};
	return bf_test_run(all, BF_ARRAY_LEN(all));
}
