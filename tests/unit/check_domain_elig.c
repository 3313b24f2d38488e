/* check_domain_elig.c — household counting, income, categories, documents. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "testutil.h"

#include "bangfu/documents.h"
#include "bangfu/eligibility.h"
#include "bangfu/money.h"

Suite *domain_elig_suite(void);

static struct bf_case C;
static struct bf_year_settings S;
static struct bf_assessment A;

static void household(enum bf_marital marital, bf_fen income)
{
	bf_case_init(&C, 2026);
	bf_year_settings_seed(&S, 2026);
	strcpy(C.members[0].name, "本人");
	C.members[0].marital = marital;
	C.members[0].monthly_income = income;
	C.members[0].proof = BF_PROOF_EMPLOYER;
}

static struct bf_member *add(enum bf_relation rel, const char *name, enum bf_marital marital,
                             enum bf_status status, bf_fen income)
{
	struct bf_member *m = bf_case_add_member(&C, rel);
	ck_assert_ptr_nonnull(m);
	strcpy(m->name, name);
	m->marital = marital;
	m->status = status;
	m->monthly_income = income;
	if (status != BF_ST_UNEMPLOYED)
		m->proof = BF_PROOF_EMPLOYER;
	return m;
}

static void assess(void)
{
	memset(&A, 0x5a, sizeof A);
	bf_assess(&C, &S, &A);
}

static void expect_counted(size_t i, bool counted, const char *reason_part)
{
	ck_assert_msg(A.members[i].counted == counted, "member %zu (%s): %s", i, C.members[i].name,
	              A.members[i].reason);
	ck_assert_msg(strstr(A.members[i].reason, reason_part) != NULL,
	              "member %zu: \"%s\" lacks \"%s\"", i, A.members[i].reason, reason_part);
}

static char buf[64];
static const char *money(bf_fen v)
{
	return bf_money_format(v, buf, sizeof buf);
}

/* ---- settings, labels ---------------------------------------------------------- */

START_TEST(test_seed_and_labels)
{
	struct bf_year_settings s;
	memset(&s, 0x7f, sizeof s);
	bf_year_settings_seed(&s, 2025);
	ck_assert_int_eq(s.year, 2025);
	ck_assert_int_eq(s.min_living, 86000);
	ck_assert_int_eq(s.cat1_percent, 150);
	ck_assert_int_eq(s.cat2_percent, 200);
	ck_assert_int_eq(s.cat3_percent, 300);
	ck_assert_int_eq(s.cat4_medical, 1000000);
	ck_assert_int_eq(s.cat5_loss, 2000000);
	ck_assert_int_eq(s.min_wage, 218000);
	ck_assert_str_eq(bf_category_label(BF_CAT_1), "Category 1");
	ck_assert_str_eq(bf_category_label(BF_CAT_5), "Category 5");
	ck_assert_str_eq(bf_category_code(BF_CAT_1), "1");
	ck_assert_str_eq(bf_category_code(BF_CAT_5), "5");
	ck_assert_str_eq(bf_category_code(BF_CAT_COUNT), "");
	ck_assert_str_eq(bf_category_label((enum bf_category) - 1), "");
}
END_TEST

/* ---- household size (the seed's examples) ---------------------------------------- */

START_TEST(test_count_married)
{
	/* married couple with one child: 3 */
	household(BF_MAR_MARRIED, 300000);
	add(BF_REL_SPOUSE, "配偶", BF_MAR_MARRIED, BF_ST_EMPLOYED, 200000);
	add(BF_REL_CHILD, "孩子", BF_MAR_UNMARRIED, BF_ST_STUDENT, 0);
	assess();
	ck_assert_int_eq(A.household_size, 3);
	expect_counted(0, true, "The employee is always counted.");
	expect_counted(1, true, "Spouse of a married employee: counted.");
	expect_counted(2, true, "Unmarried child: counted.");
	ck_assert_int_eq(A.monthly_total, 500000);
	ck_assert_int_eq(A.yearly_total, 6000000);
	ck_assert_int_eq(A.per_capita, 166667); /* 1666.666… */
	ck_assert(!A.any_imputed);

	/* married without children: 2 */
	household(BF_MAR_MARRIED, 100000);
	add(BF_REL_SPOUSE, "配偶", BF_MAR_MARRIED, BF_ST_RETIRED, 100000);
	assess();
	ck_assert_int_eq(A.household_size, 2);
	ck_assert_int_eq(A.per_capita, 100000);

	/* married with three children (one pre-school, one divorced back home): 5 */
	household(BF_MAR_MARRIED, 100000);
	add(BF_REL_SPOUSE, "配偶", BF_MAR_MARRIED, BF_ST_EMPLOYED, 100000);
	add(BF_REL_CHILD, "老大", BF_MAR_DIVORCED, BF_ST_EMPLOYED, 100000);
	add(BF_REL_CHILD, "老二", BF_MAR_UNMARRIED, BF_ST_STUDENT, 0);
	add(BF_REL_CHILD, "老三", BF_MAR_UNMARRIED, BF_ST_PRESCHOOL, 0);
	assess();
	ck_assert_int_eq(A.household_size, 5);
	ck_assert_int_eq(A.per_capita, 60000);

	/* a married child and the employee's parents are listed but not counted */
	household(BF_MAR_MARRIED, 150000);
	add(BF_REL_SPOUSE, "配偶", BF_MAR_MARRIED, BF_ST_EMPLOYED, 100000);
	add(BF_REL_CHILD, "女儿", BF_MAR_UNMARRIED, BF_ST_STUDENT, 0);
	add(BF_REL_CHILD, "儿子", BF_MAR_MARRIED, BF_ST_EMPLOYED, 500000);
	add(BF_REL_FATHER, "父亲", BF_MAR_MARRIED, BF_ST_RETIRED, 300000);
	add(BF_REL_MOTHER, "母亲", BF_MAR_MARRIED, BF_ST_RETIRED, 200000);
	add(BF_REL_MOTHER_IN_LAW, "婆婆", BF_MAR_WIDOWED, BF_ST_RETIRED, 200000);
	add(BF_REL_SIBLING, "弟弟", BF_MAR_UNMARRIED, BF_ST_EMPLOYED, 200000);
	add(BF_REL_GRANDCHILD, "孙子", BF_MAR_UNMARRIED, BF_ST_PRESCHOOL, 0);
	assess();
	ck_assert_int_eq(A.household_size, 3);
	expect_counted(3, false, "Married child: has their own household.");
	expect_counted(4, false, "Parent of a married employee: not counted");
	expect_counted(5, false, "Parent of a married employee: not counted");
	expect_counted(6, false, "Parent-in-law of a married employee: not counted");
	expect_counted(7, false, "Brother or sister of a married employee: not counted");
	expect_counted(8, false, "Not part of a married employee's household");
	ck_assert_int_eq(A.monthly_total, 250000); /* the uncounted incomes stay out */
	ck_assert_int_eq(A.members[4].income, 0);
}
END_TEST

START_TEST(test_count_unmarried_and_single)
{
	/* unmarried employee with parents and an unmarried brother: 4 */
	household(BF_MAR_UNMARRIED, 200000);
	add(BF_REL_FATHER, "父亲", BF_MAR_MARRIED, BF_ST_RETIRED, 150000);
	add(BF_REL_MOTHER, "母亲", BF_MAR_MARRIED, BF_ST_NO_CAPACITY, 0);
	add(BF_REL_SIBLING, "弟弟", BF_MAR_UNMARRIED, BF_ST_STUDENT, 0);
	add(BF_REL_SIBLING, "姐姐", BF_MAR_MARRIED, BF_ST_EMPLOYED, 400000);
	assess();
	ck_assert_int_eq(A.household_size, 4);
	expect_counted(1, true, "Parent of an unmarried employee: counted.");
	expect_counted(2, true, "Parent of an unmarried employee: counted.");
	expect_counted(3, true, "Unmarried brother or sister of an unmarried employee: counted.");
	expect_counted(4, false, "Married brother or sister: has their own household.");
	ck_assert_int_eq(A.monthly_total, 350000);

	/* single parent (divorced) with one child: 2; own parents not counted */
	household(BF_MAR_DIVORCED, 180000);
	C.single_parent = true;
	add(BF_REL_CHILD, "孩子", BF_MAR_UNMARRIED, BF_ST_STUDENT, 0);
	add(BF_REL_MOTHER, "母亲", BF_MAR_WIDOWED, BF_ST_RETIRED, 300000);
	add(BF_REL_SPOUSE, "前夫", BF_MAR_DIVORCED, BF_ST_EMPLOYED, 500000);
	assess();
	ck_assert_int_eq(A.household_size, 2);
	expect_counted(1, true, "Unmarried child: counted.");
	expect_counted(2, false, "Parent of a divorced or widowed employee: not counted");
	expect_counted(3, false, "Former spouse");
	ck_assert_int_eq(A.per_capita, 90000);

	/* widowed, alone */
	household(BF_MAR_WIDOWED, 100000);
	add(BF_REL_CHILD, "儿子", BF_MAR_MARRIED, BF_ST_EMPLOYED, 500000);
	assess();
	ck_assert_int_eq(A.household_size, 1);
	expect_counted(1, false, "Married child: has their own household.");

	/* a spouse listed for an unmarried employee is inconsistent: not counted */
	household(BF_MAR_UNMARRIED, 100000);
	add(BF_REL_SPOUSE, "配偶", BF_MAR_MARRIED, BF_ST_EMPLOYED, 100000);
	assess();
	ck_assert_int_eq(A.household_size, 1);
	expect_counted(1, false, "not married");
}
END_TEST

START_TEST(test_count_override)
{
	household(BF_MAR_MARRIED, 100000);
	struct bf_member *k = add(BF_REL_CHILD, "儿子", BF_MAR_MARRIED, BF_ST_EMPLOYED, 50000);
	k->count_override = 1;
	strcpy(k->count_reason, "离婚后与父母共同生活");
	struct bf_member *s = add(BF_REL_SPOUSE, "配偶", BF_MAR_MARRIED, BF_ST_EMPLOYED, 900000);
	s->count_override = -1;
	strcpy(s->count_reason, "长期分居");
	assess();
	ck_assert_int_eq(A.household_size, 2);
	expect_counted(1, true, "Counted by decision: 离婚后与父母共同生活");
	expect_counted(2, false, "Not counted by decision: 长期分居");
	ck_assert_int_eq(A.monthly_total, 150000);

	/* nobody counted: no category by income */
	household(BF_MAR_MARRIED, 0);
	C.members[0].count_override = -1;
	strcpy(C.members[0].count_reason, "test");
	C.disaster_loss = 3000000;
	C.accident_year = 2026;
	assess();
	ck_assert_int_eq(A.household_size, 0);
	ck_assert_int_eq(A.per_capita, 0);
	for (int k2 = BF_CAT_1; k2 <= BF_CAT_4; k2++)
		ck_assert(!A.cat[k2].match);
	ck_assert_str_eq(A.cat[BF_CAT_1].reason,
	                 "no household member is counted, so there is no per-capita income");
	ck_assert_ptr_nonnull(strstr(A.cat[BF_CAT_3].reason, "no household member is counted"));
	ck_assert(A.cat[BF_CAT_5].match);
	ck_assert_int_eq(A.first_match, BF_CAT_5);
}
END_TEST

START_TEST(test_income_imputed)
{
	/* an unemployed spouse without proof: the minimum wage */
	household(BF_MAR_MARRIED, 200000);
	add(BF_REL_SPOUSE, "配偶", BF_MAR_MARRIED, BF_ST_UNEMPLOYED, 0);
	add(BF_REL_CHILD, "孩子", BF_MAR_UNMARRIED, BF_ST_UNEMPLOYED, 30000);
	assess();
	ck_assert_int_eq(A.household_size, 3);
	ck_assert(A.members[1].imputed);
	ck_assert_int_eq(A.members[1].income, 218000);
	ck_assert_ptr_nonnull(strstr(A.members[1].reason, "minimum wage"));
	ck_assert_ptr_nonnull(strstr(A.members[1].reason, "2,180.00"));
	ck_assert(A.members[2].imputed);
	ck_assert_int_eq(A.members[2].income, 218000);
	ck_assert(A.any_imputed);
	ck_assert_int_eq(A.monthly_total, 200000 + 2 * 218000);
	ck_assert(!A.members[0].imputed);

	/* with an unemployment certificate the stated income counts */
	C.members[1].proof = BF_PROOF_UNEMPLOYMENT;
	C.members[2].proof = BF_PROOF_OTHER;
	assess();
	ck_assert(!A.members[1].imputed);
	ck_assert(!A.any_imputed);
	ck_assert_int_eq(A.monthly_total, 230000);
	ck_assert_ptr_null(strstr(A.members[1].reason, "minimum wage"));

	/* the figure comes from the settings */
	C.members[1].proof = BF_PROOF_NONE;
	S.min_wage = 250000;
	assess();
	ck_assert_int_eq(A.members[1].income, 250000);

	/* only a spouse or child, and only when counted */
	household(BF_MAR_UNMARRIED, 100000);
	add(BF_REL_SIBLING, "弟弟", BF_MAR_UNMARRIED, BF_ST_UNEMPLOYED, 0);
	assess();
	ck_assert(!A.members[1].imputed);
	ck_assert_int_eq(A.monthly_total, 100000);
	household(BF_MAR_DIVORCED, 100000);
	add(BF_REL_SPOUSE, "前妻", BF_MAR_DIVORCED, BF_ST_UNEMPLOYED, 0);
	add(BF_REL_CHILD, "儿子", BF_MAR_MARRIED, BF_ST_UNEMPLOYED, 0);
	assess();
	ck_assert(!A.members[1].imputed);
	ck_assert(!A.members[2].imputed);
	ck_assert(!A.any_imputed);
}
END_TEST

/* ---- income thresholds, exact boundaries ----------------------------------------- */

START_TEST(test_cat1_boundaries)
{
	household(BF_MAR_UNMARRIED, 129000);
	assess();
	ck_assert_int_eq(A.household_size, 1);
	ck_assert(A.cat[BF_CAT_1].match);
	ck_assert_str_eq(A.cat[BF_CAT_1].reason,
	                 "per-capita monthly income 1,290.00 yuan ≤ 1,290.00 yuan (150% of the "
	                 "minimum living standard)");
	ck_assert_int_eq(A.first_match, BF_CAT_1);

	C.members[0].monthly_income = 129001;
	assess();
	ck_assert(!A.cat[BF_CAT_1].match);
	ck_assert_str_eq(A.cat[BF_CAT_1].reason,
	                 "per-capita monthly income 1,290.01 yuan > 1,290.00 yuan (150% of the "
	                 "minimum living standard)");
	ck_assert_int_eq(A.first_match, -1);

	/* 3 persons: a total of exactly 3 × 1,290.00 matches, one fen more does not */
	household(BF_MAR_MARRIED, 187000);
	add(BF_REL_SPOUSE, "配偶", BF_MAR_MARRIED, BF_ST_EMPLOYED, 200000);
	add(BF_REL_CHILD, "孩子", BF_MAR_UNMARRIED, BF_ST_PRESCHOOL, 0);
	assess();
	ck_assert_int_eq(A.monthly_total, 387000);
	ck_assert_int_eq(A.per_capita, 129000);
	ck_assert(A.cat[BF_CAT_1].match);
	C.members[0].monthly_income = 187001;
	assess();
	ck_assert_int_eq(A.monthly_total, 387001);
	ck_assert_int_eq(A.per_capita, 129000); /* 1290.0033… shows as 1,290.00 */
	ck_assert(!A.cat[BF_CAT_1].match);
	ck_assert_str_eq(A.cat[BF_CAT_1].reason,
	                 "per-capita monthly income is just above 1,290.00 yuan (150% of the "
	                 "minimum living standard): 46,440.12 yuan a year for 3 persons");

	/* other income per year counts: 1,200.00 a month + 1,080.00 a year */
	household(BF_MAR_UNMARRIED, 120000);
	C.other_income_year = 108000;
	assess();
	ck_assert_int_eq(A.yearly_total, 1548000);
	ck_assert_int_eq(A.per_capita, 129000);
	ck_assert(A.cat[BF_CAT_1].match);
	C.other_income_year = 108001;
	assess();
	ck_assert(!A.cat[BF_CAT_1].match);

	/* thresholds follow the settings */
	household(BF_MAR_UNMARRIED, 129000);
	S.min_living = 90000;
	assess();
	ck_assert(A.cat[BF_CAT_1].match);
	ck_assert_ptr_nonnull(strstr(A.cat[BF_CAT_1].reason, "≤ 1,350.00 yuan"));
	S.cat1_percent = 140;
	assess();
	ck_assert(!A.cat[BF_CAT_1].match);
	ck_assert_ptr_nonnull(
	    strstr(A.cat[BF_CAT_1].reason, "1,290.00 yuan > 1,260.00 yuan (140%"));
	/* a limit that is not a whole fen: 86001 × 150% = 1,290.015 yuan */
	S.min_living = 86001;
	S.cat1_percent = 150;
	C.members[0].monthly_income = 129001;
	assess();
	ck_assert(A.cat[BF_CAT_1].match);
	C.members[0].monthly_income = 129002;
	assess();
	ck_assert(!A.cat[BF_CAT_1].match);
}
END_TEST

START_TEST(test_per_capita_rounding)
{
	household(BF_MAR_MARRIED, 50000);
	add(BF_REL_SPOUSE, "配偶", BF_MAR_MARRIED, BF_ST_EMPLOYED, 50000);
	add(BF_REL_CHILD, "孩子", BF_MAR_UNMARRIED, BF_ST_PRESCHOOL, 0);
	assess();
	ck_assert_int_eq(A.monthly_total, 100000);
	ck_assert_int_eq(A.per_capita, 33333); /* 333.333… */
	ck_assert_str_eq(money(A.per_capita), "333.33");
	C.members[1].monthly_income = 100000; /* 1500.00 / 3 = 500.00 */
	assess();
	ck_assert_int_eq(A.per_capita, 50000);
	C.members[1].monthly_income = 150000; /* 2000.00 / 3 = 666.666… */
	assess();
	ck_assert_int_eq(A.per_capita, 66667);
	/* half a fen rounds up: 0.50 yuan over 4 persons = 0.125 */
	household(BF_MAR_MARRIED, 50);
	add(BF_REL_SPOUSE, "配偶", BF_MAR_MARRIED, BF_ST_EMPLOYED, 0);
	add(BF_REL_CHILD, "甲", BF_MAR_UNMARRIED, BF_ST_PRESCHOOL, 0);
	add(BF_REL_CHILD, "乙", BF_MAR_UNMARRIED, BF_ST_PRESCHOOL, 0);
	assess();
	ck_assert_int_eq(A.per_capita, 13);
	/* with other income per year: (12 × 1000.00 + 0.06) / 12 = 1000.005 → 1000.01 */
	household(BF_MAR_UNMARRIED, 100000);
	C.other_income_year = 6;
	assess();
	ck_assert_int_eq(A.per_capita, 100001);
	C.other_income_year = 5;
	assess();
	ck_assert_int_eq(A.per_capita, 100000);
}
END_TEST

START_TEST(test_cat2)
{
	/* 200%: 1,720.00 with a special reason */
	household(BF_MAR_UNMARRIED, 172000);
	C.members[0].health = BF_HEALTH_ILL;
	assess();
	ck_assert(!A.cat[BF_CAT_1].match);
	ck_assert(A.cat[BF_CAT_2].match);
	ck_assert_str_eq(A.cat[BF_CAT_2].reason,
	                 "per-capita monthly income 1,720.00 yuan ≤ 1,720.00 yuan (200% of the "
	                 "minimum living standard); special hardship: 本人 has a general or "
	                 "chronic illness");
	ck_assert_int_eq(A.first_match, BF_CAT_2);
	C.members[0].monthly_income = 172001;
	assess();
	ck_assert(!A.cat[BF_CAT_2].match);
	ck_assert_ptr_nonnull(strstr(A.cat[BF_CAT_2].reason, "1,720.01 yuan > 1,720.00 yuan"));

	/* no special reason: no category 2, and the reason says so */
	household(BF_MAR_UNMARRIED, 150000);
	assess();
	ck_assert(!A.cat[BF_CAT_2].match);
	ck_assert_str_eq(A.cat[BF_CAT_2].reason,
	                 "per-capita monthly income 1,500.00 yuan ≤ 1,720.00 yuan (200% of the "
	                 "minimum living standard); no special hardship (illness, disability, "
	                 "schooling, single parent or similar)");

	/* each special reason on its own */
	household(BF_MAR_UNMARRIED, 150000);
	C.members[0].health = BF_HEALTH_MAJOR;
	C.members[0].diagnosis_year = 2020;
	assess();
	ck_assert(A.cat[BF_CAT_2].match);
	ck_assert_ptr_nonnull(strstr(A.cat[BF_CAT_2].reason, "本人 has a major illness"));

	household(BF_MAR_DIVORCED, 150000);
	C.single_parent = true;
	assess();
	ck_assert(A.cat[BF_CAT_2].match);
	ck_assert_ptr_nonnull(strstr(A.cat[BF_CAT_2].reason, "single-parent family"));

	const int causes[] = {BF_CAUSE_SCHOOLING, BF_CAUSE_OTHER, BF_CAUSE_NO_CAPACITY};
	for (size_t k = 0; k < 3; k++) {
		household(BF_MAR_UNMARRIED, 150000);
		C.primary_cause = causes[k];
		assess();
		ck_assert_msg(A.cat[BF_CAT_2].match, "primary cause %d", causes[k]);
		ck_assert_ptr_nonnull(strstr(A.cat[BF_CAT_2].reason, "cause of hardship: "));
		household(BF_MAR_UNMARRIED, 150000);
		C.primary_cause = BF_CAUSE_LAID_OFF;
		C.secondary_causes[1] = causes[k];
		assess();
		ck_assert_msg(A.cat[BF_CAT_2].match, "secondary cause %d", causes[k]);
		/* a secondary cause without a primary one does not count */
		C.primary_cause = BF_CAUSE_NONE;
		assess();
		ck_assert(!A.cat[BF_CAT_2].match);
	}
	household(BF_MAR_UNMARRIED, 150000);
	C.primary_cause = BF_CAUSE_LAID_OFF;
	assess();
	ck_assert(!A.cat[BF_CAT_2].match);

	/* a counted student */
	household(BF_MAR_MARRIED, 300000);
	add(BF_REL_CHILD, "孩子", BF_MAR_UNMARRIED, BF_ST_STUDENT, 0);
	assess();
	ck_assert(A.cat[BF_CAT_2].match);
	ck_assert_ptr_nonnull(strstr(A.cat[BF_CAT_2].reason, "孩子 is a student"));
	/* ... but not an uncounted one (a married child) */
	C.members[1].marital = BF_MAR_MARRIED;
	C.members[0].monthly_income = 150000;
	assess();
	ck_assert(!A.cat[BF_CAT_2].match);

	/* illness counts only for counted members; disability for anyone listed */
	household(BF_MAR_MARRIED, 150000);
	struct bf_member *f = add(BF_REL_FATHER, "父亲", BF_MAR_MARRIED, BF_ST_RETIRED, 0);
	f->health = BF_HEALTH_ILL;
	assess();
	ck_assert(!A.cat[BF_CAT_2].match);
	f->disability = BF_DIS_VISUAL;
	f->disability_grade = 2;
	assess();
	ck_assert(A.cat[BF_CAT_2].match);
	ck_assert_ptr_nonnull(strstr(A.cat[BF_CAT_2].reason, "父亲 is disabled"));
}
END_TEST

START_TEST(test_cat3)
{
	/* major illness diagnosed this (settings) year, ≤ 300% */
	household(BF_MAR_UNMARRIED, 258000);
	C.members[0].health = BF_HEALTH_MAJOR;
	C.members[0].diagnosis_year = 2026;
	assess();
	ck_assert(A.cat[BF_CAT_3].match);
	ck_assert_str_eq(A.cat[BF_CAT_3].reason,
	                 "major illness of 本人 diagnosed in 2026; per-capita monthly income "
	                 "2,580.00 yuan ≤ 2,580.00 yuan (300% of the minimum living standard)");
	ck_assert(!A.cat[BF_CAT_4].match);
	ck_assert_int_eq(A.first_match, BF_CAT_3);
	C.members[0].monthly_income = 258001;
	assess();
	ck_assert(!A.cat[BF_CAT_3].match);
	ck_assert_ptr_nonnull(strstr(A.cat[BF_CAT_3].reason, "2,580.01 yuan > 2,580.00 yuan"));

	/* "this year" is the settings' year */
	C.members[0].monthly_income = 100000;
	S.year = 2027;
	assess();
	ck_assert(!A.cat[BF_CAT_3].match);
	ck_assert_str_eq(A.cat[BF_CAT_3].reason,
	                 "no major illness diagnosed and no accident or disaster in 2027");

	/* an accident this year, any member's major illness (counted or not) */
	household(BF_MAR_MARRIED, 100000);
	C.accident_year = 2026;
	assess();
	ck_assert(A.cat[BF_CAT_3].match);
	ck_assert_ptr_nonnull(strstr(A.cat[BF_CAT_3].reason, "accident or disaster in 2026"));
	household(BF_MAR_MARRIED, 100000);
	struct bf_member *f = add(BF_REL_FATHER, "父亲", BF_MAR_MARRIED, BF_ST_RETIRED, 0);
	f->health = BF_HEALTH_MAJOR;
	f->diagnosis_year = 2026;
	assess();
	ck_assert(A.cat[BF_CAT_3].match);
	/* a general illness is not enough */
	f->health = BF_HEALTH_ILL;
	assess();
	ck_assert(!A.cat[BF_CAT_3].match);
}
END_TEST

START_TEST(test_cat4)
{
	household(BF_MAR_UNMARRIED, 258000);
	C.members[0].health = BF_HEALTH_MAJOR;
	C.members[0].diagnosis_year = 2024;
	C.medical_cost_year = 1000000;
	assess();
	ck_assert(!A.cat[BF_CAT_3].match);
	ck_assert(A.cat[BF_CAT_4].match);
	ck_assert_str_eq(A.cat[BF_CAT_4].reason,
	                 "major illness of 本人 diagnosed in 2024; out-of-pocket medical cost this "
	                 "year 10,000.00 yuan ≥ 10,000.00 yuan; per-capita monthly income 2,580.00 "
	                 "yuan ≤ 2,580.00 yuan (300% of the minimum living standard)");
	C.medical_cost_year = 999999;
	assess();
	ck_assert(!A.cat[BF_CAT_4].match);
	ck_assert_ptr_nonnull(strstr(A.cat[BF_CAT_4].reason, "9,999.99 yuan < 10,000.00 yuan"));
	C.medical_cost_year = 1000000;
	C.members[0].monthly_income = 258001;
	assess();
	ck_assert(!A.cat[BF_CAT_4].match);

	/* diagnosis year unknown: not "an earlier year" */
	C.members[0].monthly_income = 100000;
	C.members[0].diagnosis_year = 0;
	assess();
	ck_assert(!A.cat[BF_CAT_4].match);
	ck_assert_str_eq(A.cat[BF_CAT_4].reason, "no major illness or accident in an earlier year");

	/* an accident in an earlier year */
	household(BF_MAR_UNMARRIED, 100000);
	C.accident_year = 2025;
	C.medical_cost_year = 1500000;
	assess();
	ck_assert(A.cat[BF_CAT_4].match);
	ck_assert(!A.cat[BF_CAT_3].match);
	ck_assert_int_eq(A.first_match, BF_CAT_1); /* 1,000.00 is also ≤ 150% */
	C.accident_year = 2026;
	assess();
	ck_assert(!A.cat[BF_CAT_4].match);
	ck_assert(A.cat[BF_CAT_3].match);
}
END_TEST

START_TEST(test_cat5)
{
	household(BF_MAR_UNMARRIED, 900000); /* income does not matter */
	C.disaster_loss = 2000000;
	assess();
	ck_assert(A.cat[BF_CAT_5].match);
	ck_assert_str_eq(A.cat[BF_CAT_5].reason,
	                 "direct disaster loss 20,000.00 yuan ≥ 20,000.00 yuan");
	ck_assert_int_eq(A.first_match, BF_CAT_5);
	C.disaster_loss = 1999999;
	assess();
	ck_assert(!A.cat[BF_CAT_5].match);
	ck_assert_str_eq(A.cat[BF_CAT_5].reason,
	                 "direct disaster loss 19,999.99 yuan < 20,000.00 yuan");
	ck_assert_int_eq(A.first_match, -1);
	S.cat5_loss = 1000000;
	assess();
	ck_assert(A.cat[BF_CAT_5].match);

	/* several categories at once; first_match is the lowest */
	household(BF_MAR_UNMARRIED, 50000);
	C.members[0].health = BF_HEALTH_MAJOR;
	C.members[0].diagnosis_year = 2026;
	C.disaster_loss = 5000000;
	assess();
	ck_assert(A.cat[BF_CAT_1].match && A.cat[BF_CAT_2].match && A.cat[BF_CAT_3].match);
	ck_assert(!A.cat[BF_CAT_4].match && A.cat[BF_CAT_5].match);
	ck_assert_int_eq(A.first_match, BF_CAT_1);
}
END_TEST

START_TEST(test_count_household_only)
{
	household(BF_MAR_MARRIED, 100000);
	add(BF_REL_SPOUSE, "配偶", BF_MAR_MARRIED, BF_ST_UNEMPLOYED, 0);
	memset(&A, 0x5a, sizeof A);
	bf_count_household(&C, &S, &A);
	ck_assert_int_eq(A.household_size, 2);
	ck_assert(A.members[1].imputed);
	ck_assert_int_eq(A.first_match, -1);
	ck_assert(!A.cat[BF_CAT_1].match);
	/* huge figures do not overflow */
	household(BF_MAR_UNMARRIED, BF_FEN_MAX);
	for (int i = 1; i < BF_MAX_MEMBERS; i++)
		add(BF_REL_SIBLING, "弟", BF_MAR_UNMARRIED, BF_ST_EMPLOYED, BF_FEN_MAX);
	S.min_living = BF_FEN_MAX;
	S.cat1_percent = 1000000;
	assess();
	ck_assert_int_eq(A.household_size, BF_MAX_MEMBERS);
	ck_assert(A.cat[BF_CAT_1].match);
	ck_assert_int_eq(A.per_capita, BF_FEN_MAX);
}
END_TEST

/* ---- documents ------------------------------------------------------------------- */

static struct bf_required_doc docs[128];
static size_t ndocs;

static void derive(void)
{
	bf_assess(&C, &S, &A);
	memset(docs, 0x5a, sizeof docs);
	ndocs = bf_required_documents(&C, &A, docs, BF_ARRAY_LEN(docs));
}

static const struct bf_required_doc *doc(const char *key)
{
	for (size_t i = 0; i < ndocs; i++)
		if (strcmp(docs[i].key, key) == 0)
			return &docs[i];
	return NULL;
}

static void keys(char *out, size_t n)
{
	out[0] = '\0';
	for (size_t i = 0; i < ndocs; i++) {
		if (i)
			strncat(out, " ", n - strlen(out) - 1);
		strncat(out, docs[i].key, n - strlen(out) - 1);
	}
}

START_TEST(test_doc_table)
{
	for (int k = 0; k < BF_DOC_COUNT; k++) {
		ck_assert(bf_doc_code((enum bf_doc_kind)k)[0]);
		ck_assert(bf_doc_label((enum bf_doc_kind)k)[0]);
		ck_assert_int_eq(bf_doc_parse(bf_doc_code((enum bf_doc_kind)k)), k);
	}
	ck_assert_str_eq(bf_doc_code(BF_DOC_FORM), "form");
	ck_assert_str_eq(bf_doc_code(BF_DOC_COUNT), "");
	ck_assert_str_eq(bf_doc_label(BF_DOC_HUKOU), "Household register copy");
	ck_assert_int_eq(bf_doc_parse("nope"), -1);
	ck_assert_int_eq(bf_doc_parse(NULL), -1);
}
END_TEST

START_TEST(test_docs_basic)
{
	household(BF_MAR_MARRIED, 100000);
	derive();
	char k[1024];
	keys(k, sizeof k);
	ck_assert_str_eq(k, "form hukou id_copy:i0 income_employer:i0");
	ck_assert_int_eq(docs[0].kind, BF_DOC_FORM);
	ck_assert_int_eq(docs[0].member, -1);
	ck_assert_int_eq(docs[0].alt_group, 0);
	ck_assert(!docs[0].pair_member);
	ck_assert_int_eq(docs[2].kind, BF_DOC_ID_COPY);
	ck_assert_int_eq(docs[2].member, 0);
	ck_assert_str_eq(docs[2].why, "本人 is listed in the household.");

	/* the assessment may be omitted */
	size_t n2 = bf_required_documents(&C, NULL, docs, BF_ARRAY_LEN(docs));
	ck_assert_uint_eq(n2, 4);
	/* max is respected */
	ck_assert_uint_eq(bf_required_documents(&C, &A, docs, 2), 2);
	ck_assert_uint_eq(bf_required_documents(&C, &A, NULL, 0), 0);
}
END_TEST

START_TEST(test_docs_disaster)
{
	for (int variant = 0; variant < 5; variant++) {
		household(BF_MAR_MARRIED, 100000);
		switch (variant) {
		case 0:
			C.accident_year = 2025;
			break;
		case 1:
			C.disaster_loss = 1;
			break;
		case 2:
			C.primary_cause = BF_CAUSE_NATURAL_DISASTER;
			break;
		case 3:
			C.primary_cause = BF_CAUSE_LAID_OFF;
			C.secondary_causes[2] = BF_CAUSE_ACCIDENT;
			break;
		case 4:
			C.primary_cause = BF_CAUSE_ACCIDENT;
			break;
		}
		derive();
		char k[1024];
		keys(k, sizeof k);
		ck_assert_str_eq(k, "form hukou disaster_proof disaster_statement "
		                    "disaster_investigation id_copy:i0 income_employer:i0");
		const struct bf_required_doc *p = doc("disaster_proof");
		const struct bf_required_doc *s = doc("disaster_statement");
		const struct bf_required_doc *i = doc("disaster_investigation");
		ck_assert_int_eq(p->alt_group, 1);
		ck_assert_int_eq(s->alt_group, 1);
		ck_assert_int_eq(i->alt_group, 1);
		ck_assert(!p->pair_member);
		ck_assert(s->pair_member && i->pair_member);
		ck_assert_int_eq(p->member, -1);
		ck_assert_int_eq(s->member, -1);
	}
	household(BF_MAR_MARRIED, 100000);
	C.primary_cause = BF_CAUSE_MAJOR_ILLNESS;
	C.medical_cost_year = 5000000;
	derive();
	ck_assert_ptr_null(doc("disaster_proof"));
}
END_TEST

START_TEST(test_docs_members)
{
	/* a married employee (laid off) with a full house */
	household(BF_MAR_MARRIED, 100000);
	C.members[0].status = BF_ST_LAID_OFF;
	struct bf_member *sp = add(BF_REL_SPOUSE, "配偶", BF_MAR_MARRIED, BF_ST_UNEMPLOYED, 0);
	sp->health = BF_HEALTH_MAJOR;
	sp->diagnosis_year = 2025;
	add(BF_REL_CHILD, "大学生", BF_MAR_UNMARRIED, BF_ST_STUDENT, 0);
	add(BF_REL_CHILD, "托管", BF_MAR_UNMARRIED, BF_ST_CUSTODY, 30000);
	add(BF_REL_CHILD, "病休", BF_MAR_UNMARRIED, BF_ST_SICK_LEAVE, 30000);
	add(BF_REL_CHILD, "打工", BF_MAR_UNMARRIED, BF_ST_MIGRANT, 30000);
	add(BF_REL_CHILD, "内退", BF_MAR_UNMARRIED, BF_ST_EARLY_RETIRED, 30000);
	add(BF_REL_CHILD, "幼儿", BF_MAR_UNMARRIED, BF_ST_PRESCHOOL, 0);
	struct bf_member *f = add(BF_REL_FATHER, "父亲", BF_MAR_MARRIED, BF_ST_RETIRED, 300000);
	f->disability = BF_DIS_PHYSICAL;
	f->disability_grade = 2;
	struct bf_member *mc =
	    add(BF_REL_CHILD, "已婚", BF_MAR_MARRIED, BF_ST_UNEMPLOYED, 0); /* not counted */
	mc->health = BF_HEALTH_MAJOR;
	mc->diagnosis_year = 2026;
	add(BF_REL_CHILD, "已婚学生", BF_MAR_MARRIED, BF_ST_STUDENT, 0);
	derive();
	char k[2048];
	keys(k, sizeof k);
	ck_assert_str_eq(k, "form hukou "
	                    "id_copy:i0 income_employer:i0 "
	                    "id_copy:i1 unemployment:i1 diagnosis:i1 medical_records:i1 "
	                    "medical_receipts:i1 "
	                    "id_copy:i2 student_id:i2 "
	                    "id_copy:i3 income_custody:i3 "
	                    "id_copy:i4 income_employer:i4 "
	                    "id_copy:i5 income_employer:i5 "
	                    "id_copy:i6 retirement:i6 "
	                    "id_copy:i7 "
	                    "id_copy:i8 disability:i8 "
	                    "id_copy:i9 diagnosis:i9 medical_records:i9 medical_receipts:i9 "
	                    "id_copy:i10");
	ck_assert_str_eq(doc("unemployment:i1")->why,
	                 "配偶 is unemployed; without this certificate the income is taken at "
	                 "the minimum wage.");
	ck_assert_str_eq(doc("retirement:i6")->why, "内退 is in internal early retirement.");
	ck_assert_str_eq(doc("disability:i8")->why, "父亲 is disabled.");
	ck_assert_int_eq(doc("disability:i8")->member, 8);

	/* an unmarried employee's retired father is counted: retirement proof */
	household(BF_MAR_UNMARRIED, 100000);
	add(BF_REL_FATHER, "父亲", BF_MAR_MARRIED, BF_ST_RETIRED, 300000);
	add(BF_REL_SIBLING, "弟弟", BF_MAR_UNMARRIED, BF_ST_UNEMPLOYED, 0);
	derive();
	keys(k, sizeof k);
	ck_assert_str_eq(k, "form hukou id_copy:i0 income_employer:i0 id_copy:i1 retirement:i1 "
	                    "id_copy:i2");

	/* divorce certificate: a divorced single parent only */
	household(BF_MAR_DIVORCED, 100000);
	C.single_parent = true;
	add(BF_REL_CHILD, "孩子", BF_MAR_UNMARRIED, BF_ST_PRESCHOOL, 0);
	derive();
	ck_assert_ptr_nonnull(doc("divorce:i0"));
	ck_assert_str_eq(doc("divorce:i0")->why, "The employee is a divorced single parent.");
	C.members[0].marital = BF_MAR_WIDOWED;
	derive();
	ck_assert_ptr_null(doc("divorce:i0"));
	C.members[0].marital = BF_MAR_DIVORCED;
	C.single_parent = false;
	derive();
	ck_assert_ptr_null(doc("divorce:i0"));
}
END_TEST

START_TEST(test_docs_stable_keys)
{
	household(BF_MAR_MARRIED, 100000);
	C.members[0].id = 11;
	struct bf_member *m = add(BF_REL_SPOUSE, "配偶", BF_MAR_MARRIED, BF_ST_RETIRED, 0);
	m->id = 22;
	m = add(BF_REL_CHILD, "孩子", BF_MAR_UNMARRIED, BF_ST_STUDENT, 0);
	m->id = 33;
	m->disability = BF_DIS_HEARING;
	m->disability_grade = 4;
	m = add(BF_REL_CHILD, "新生", BF_MAR_UNMARRIED, BF_ST_PRESCHOOL, 0); /* unsaved */
	derive();
	char before[1024], after[1024];
	keys(before, sizeof before);
	ck_assert_str_eq(before,
	                 "form hukou id_copy:11 income_employer:11 id_copy:22 retirement:22 "
	                 "id_copy:33 student_id:33 disability:33 id_copy:i3");
	ck_assert_int_eq(doc("student_id:33")->member, 2);

	/* reorder: the same keys, now in the new member order */
	ck_assert(bf_case_move_member(&C, 2, -1));
	derive();
	keys(after, sizeof after);
	ck_assert_str_eq(after, "form hukou id_copy:11 income_employer:11 id_copy:33 student_id:33 "
	                        "disability:33 id_copy:22 retirement:22 id_copy:i3");
	ck_assert_int_eq(doc("student_id:33")->member, 1);
	ck_assert_int_eq(doc("retirement:22")->member, 2);
	/* removing a member leaves the others' keys alone */
	ck_assert(bf_case_remove_member(&C, 1));
	derive();
	keys(after, sizeof after);
	ck_assert_str_eq(after, "form hukou id_copy:11 income_employer:11 id_copy:22 retirement:22 "
	                        "id_copy:i2");
	/* the same facts give the same list twice */
	struct bf_required_doc again[64];
	size_t n = bf_required_documents(&C, &A, again, 64);
	ck_assert_uint_eq(n, ndocs);
	ck_assert(memcmp(again, docs, n * sizeof again[0]) == 0);
}
END_TEST

Suite *domain_elig_suite(void)
{
	Suite *s = suite_create("domain: eligibility and documents");
	TCase *tc = tcase_create("eligibility");
	tcase_add_test(tc, test_seed_and_labels);
	tcase_add_test(tc, test_count_married);
	tcase_add_test(tc, test_count_unmarried_and_single);
	tcase_add_test(tc, test_count_override);
	tcase_add_test(tc, test_income_imputed);
	tcase_add_test(tc, test_cat1_boundaries);
	tcase_add_test(tc, test_per_capita_rounding);
	tcase_add_test(tc, test_cat2);
	tcase_add_test(tc, test_cat3);
	tcase_add_test(tc, test_cat4);
	tcase_add_test(tc, test_cat5);
	tcase_add_test(tc, test_count_household_only);
	suite_add_tcase(s, tc);
	tc = tcase_create("documents");
	tcase_add_test(tc, test_doc_table);
	tcase_add_test(tc, test_docs_basic);
	tcase_add_test(tc, test_docs_disaster);
	tcase_add_test(tc, test_docs_members);
	tcase_add_test(tc, test_docs_stable_keys);
	suite_add_tcase(s, tc);
	return s;
}
