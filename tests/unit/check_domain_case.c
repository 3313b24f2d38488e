/* check_domain_case.c — enum tables, the case form, validation, case text. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "bangfu/case_text.h"
#include "bangfu/casefile.h"
#include "bangfu/ident.h"
#include "bangfu/money.h"

Suite *domain_case_suite(void);

static bf_date D(const char *s)
{
	bf_date d = BF_DATE_NONE;
	ck_assert(bf_date_parse(s, &d));
	return d;
}

static void make_id(char out[19], const char *first17)
{
	memcpy(out, first17, 17);
	out[17] = bf_idcard_check_char(first17);
	out[18] = '\0';
}

/* ---- enums ------------------------------------------------------------------- */

static const size_t enum_counts[BF_ENUM_KIND_COUNT] = {
    [BF_ENUM_RELATION] = BF_REL_COUNT,   [BF_ENUM_MARITAL] = BF_MAR_COUNT,
    [BF_ENUM_STATUS] = BF_ST_COUNT,      [BF_ENUM_HEALTH] = BF_HEALTH_COUNT,
    [BF_ENUM_DISABILITY] = BF_DIS_COUNT, [BF_ENUM_HUKOU] = BF_HUKOU_COUNT,
    [BF_ENUM_INSURANCE] = BF_INS_COUNT,  [BF_ENUM_PROOF] = BF_PROOF_COUNT,
    [BF_ENUM_CAUSE] = BF_CAUSE_COUNT,
};

START_TEST(test_enum_tables)
{
	for (int k = 0; k < BF_ENUM_KIND_COUNT; k++) {
		size_t n = 0;
		const struct bf_enum_info *t = bf_enum_table((enum bf_enum_kind)k, &n);
		ck_assert_ptr_nonnull(t);
		ck_assert_uint_eq(n, enum_counts[k]);
		for (size_t i = 0; i < n; i++) {
			ck_assert(t[i].code && t[i].code[0]);
			ck_assert(t[i].label && t[i].label[0]);
			ck_assert(t[i].zh && t[i].zh[0]);
			ck_assert_str_eq(bf_enum_code((enum bf_enum_kind)k, (int)i), t[i].code);
			ck_assert_str_eq(bf_enum_label((enum bf_enum_kind)k, (int)i), t[i].label);
			/* every spelling parses back to the same value */
			ck_assert_int_eq(bf_enum_parse((enum bf_enum_kind)k, t[i].code), (int)i);
			ck_assert_int_eq(bf_enum_parse((enum bf_enum_kind)k, t[i].label), (int)i);
			ck_assert_int_eq(bf_enum_parse((enum bf_enum_kind)k, t[i].zh), (int)i);
			/* codes are unique and never collide with another row's label */
			for (size_t j = 0; j < n; j++) {
				if (j == i)
					continue;
				ck_assert_str_ne(t[i].code, t[j].code);
				ck_assert_str_ne(t[i].label, t[j].label);
				ck_assert_str_ne(t[i].zh, t[j].zh);
			}
		}
		ck_assert_str_eq(bf_enum_code((enum bf_enum_kind)k, -1), "");
		ck_assert_str_eq(bf_enum_code((enum bf_enum_kind)k, (int)n), "");
		ck_assert_str_eq(bf_enum_label((enum bf_enum_kind)k, (int)n), "");
		ck_assert_int_eq(bf_enum_parse((enum bf_enum_kind)k, "no-such-value"), -1);
		ck_assert_int_eq(bf_enum_parse((enum bf_enum_kind)k, ""), -1);
		ck_assert_int_eq(bf_enum_parse((enum bf_enum_kind)k, "  "), -1);
		ck_assert_int_eq(bf_enum_parse((enum bf_enum_kind)k, NULL), -1);
	}
	size_t n = 99;
	ck_assert_ptr_null(bf_enum_table(BF_ENUM_KIND_COUNT, &n));
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(test_enum_parse_spellings)
{
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_RELATION, "岳父/公公"), BF_REL_FATHER_IN_LAW);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_RELATION, "岳父"), BF_REL_FATHER_IN_LAW);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_RELATION, "公公"), BF_REL_FATHER_IN_LAW);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_RELATION, "岳母"), BF_REL_MOTHER_IN_LAW);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_RELATION, "婆婆"), BF_REL_MOTHER_IN_LAW);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_RELATION, "儿媳"), BF_REL_CHILD_IN_LAW);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_RELATION, "女婿"), BF_REL_CHILD_IN_LAW);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_RELATION, "岳"), -1);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_RELATION, "/"), -1);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_RELATION, " 配偶 "), BF_REL_SPOUSE);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_RELATION, "\u3000配偶"), BF_REL_SPOUSE);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_RELATION, "SPOUSE"), BF_REL_SPOUSE);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_RELATION, "brother or sister"), BF_REL_SIBLING);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_RELATION, "Employee (self)"), BF_REL_SELF);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_STATUS, "无劳动能力"), BF_ST_NO_CAPACITY);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_CAUSE, "无劳动能力"), BF_CAUSE_NO_CAPACITY);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_CAUSE, "因灾"), BF_CAUSE_NATURAL_DISASTER);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_DISABILITY, "无"), BF_DIS_NONE);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_MARITAL, "离异"), BF_MAR_DIVORCED);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_HEALTH, "major"), BF_HEALTH_MAJOR);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_PROOF, "无证明"), BF_PROOF_NONE);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_HUKOU, "农转居"), BF_HUKOU_CONVERTED);
	ck_assert_int_eq(bf_enum_parse(BF_ENUM_INSURANCE, "职工医保"), BF_INS_EMPLOYEE);
	ck_assert_str_eq(bf_enum_code(BF_ENUM_CAUSE, BF_CAUSE_NONE), "");
}
END_TEST

/* ---- case init and member edits ----------------------------------------------- */

START_TEST(test_case_init)
{
	struct bf_case c;
	memset(&c, 0x5a, sizeof c);
	bf_case_init(&c, 2026);
	ck_assert_int_eq(c.year, 2026);
	ck_assert_str_eq(c.status, "draft");
	ck_assert_uint_eq(c.n_members, 1);
	ck_assert_int_eq(c.members[0].relation, BF_REL_SELF);
	ck_assert_int_eq(c.members[0].disability, BF_DIS_NONE);
	ck_assert_int_eq(c.members[0].disability_grade, 0);
	ck_assert_int_eq(c.members[0].count_override, 0);
	ck_assert_int_eq(c.primary_cause, BF_CAUSE_NONE);
	for (int k = 0; k < BF_MAX_SECONDARY_CAUSES; k++)
		ck_assert_int_eq(c.secondary_causes[k], BF_CAUSE_NONE);
	ck_assert_str_eq(c.number, "");
	ck_assert_int_eq(c.id, 0);
	ck_assert(!c.single_parent);
	ck_assert_int_eq(c.other_income_year, 0);
}
END_TEST

static void names(const struct bf_case *c, char *out)
{
	out[0] = '\0';
	for (size_t i = 0; i < c->n_members; i++)
		strcat(out, c->members[i].name);
}

START_TEST(test_case_members)
{
	struct bf_case c;
	bf_case_init(&c, 2026);
	strcpy(c.members[0].name, "A");
	const char *nm[] = {"B", "C", "D"};
	for (int i = 0; i < 3; i++) {
		struct bf_member *m = bf_case_add_member(&c, BF_REL_CHILD);
		ck_assert_ptr_nonnull(m);
		ck_assert_int_eq(m->relation, BF_REL_CHILD);
		strcpy(m->name, nm[i]);
	}
	char buf[64];
	names(&c, buf);
	ck_assert_str_eq(buf, "ABCD");

	/* the employee stays first */
	ck_assert(!bf_case_move_member(&c, 0, 1));
	ck_assert(!bf_case_move_member(&c, 1, -1));
	ck_assert(!bf_case_move_member(&c, 3, 1));
	ck_assert(!bf_case_move_member(&c, 4, -1));
	ck_assert(!bf_case_move_member(&c, 2, 0));
	ck_assert(bf_case_move_member(&c, 2, -1));
	names(&c, buf);
	ck_assert_str_eq(buf, "ACBD");
	ck_assert(bf_case_move_member(&c, 2, 1));
	names(&c, buf);
	ck_assert_str_eq(buf, "ACDB");
	ck_assert(bf_case_move_member(&c, 3, -2));
	names(&c, buf);
	ck_assert_str_eq(buf, "ABCD");
	ck_assert(bf_case_move_member(&c, 1, 2));
	names(&c, buf);
	ck_assert_str_eq(buf, "ACDB");

	ck_assert(!bf_case_remove_member(&c, 0));
	ck_assert(!bf_case_remove_member(&c, 4));
	ck_assert(bf_case_remove_member(&c, 1));
	names(&c, buf);
	ck_assert_str_eq(buf, "ADB");
	ck_assert(bf_case_remove_member(&c, 2));
	names(&c, buf);
	ck_assert_str_eq(buf, "AD");
	ck_assert_str_eq(c.members[2].name, ""); /* cleared */
	ck_assert_int_eq(c.members[0].relation, BF_REL_SELF);

	while (c.n_members < BF_MAX_MEMBERS)
		ck_assert_ptr_nonnull(bf_case_add_member(&c, BF_REL_OTHER));
	ck_assert_ptr_null(bf_case_add_member(&c, BF_REL_OTHER));
	ck_assert_uint_eq(c.n_members, BF_MAX_MEMBERS);
	ck_assert(bf_case_remove_member(&c, BF_MAX_MEMBERS - 1));
	ck_assert_uint_eq(c.n_members, BF_MAX_MEMBERS - 1);
}
END_TEST

/* ---- validation -------------------------------------------------------------- */

#define TODAY D("2026-03-01")

/* A household that passes validation. */
static void good_case(struct bf_case *c)
{
	bf_case_init(c, 2026);
	struct bf_member *e = &c->members[0];
	strcpy(e->name, "张三");
	make_id(e->id_number, "11010519800101001");
	strcpy(e->birth_date, "1980-01-01");
	e->marital = BF_MAR_MARRIED;
	e->monthly_income = 200000;
	e->proof = BF_PROOF_EMPLOYER;
	struct bf_member *s = bf_case_add_member(c, BF_REL_SPOUSE);
	strcpy(s->name, "李四");
	make_id(s->id_number, "11010519820202002");
	s->marital = BF_MAR_MARRIED;
	s->status = BF_ST_UNEMPLOYED;
	struct bf_member *k = bf_case_add_member(c, BF_REL_CHILD);
	strcpy(k->name, "张小");
	k->status = BF_ST_STUDENT;
	strcpy(c->phone, "13812345678");
	strcpy(c->bank_card, "4111 1111 1111 1111");
	strcpy(c->postcode, "100000");
	strcpy(c->work_start, "2000-07-01");
	c->primary_cause = BF_CAUSE_MAJOR_ILLNESS;
	c->secondary_causes[0] = BF_CAUSE_SCHOOLING;
}

static size_t validate(const struct bf_case *c, char (*msgs)[256])
{
	return bf_case_validate(c, TODAY, msgs, 32);
}

/* Exactly one problem, equal to want. */
static void one_problem(const struct bf_case *c, const char *want)
{
	char msgs[32][256];
	size_t n = validate(c, msgs);
	for (size_t i = 0; n != 1 && i < n; i++)
		fprintf(stderr, "  problem: %s\n", msgs[i]);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(msgs[0], want);
}

START_TEST(test_validate_good)
{
	struct bf_case c;
	good_case(&c);
	char msgs[32][256];
	size_t n = validate(&c, msgs);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "unexpected: %s\n", msgs[i]);
	ck_assert_uint_eq(n, 0);
	/* a bare new case only lacks the employee's name and ID */
	bf_case_init(&c, 2026);
	n = validate(&c, msgs);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(msgs[0], "Employee: Name is required");
	ck_assert_str_eq(msgs[1], "Employee: ID number is required");
}
END_TEST

START_TEST(test_validate_names_ids)
{
	struct bf_case c;
	good_case(&c);
	c.members[0].name[0] = '\0';
	one_problem(&c, "Employee: Name is required");

	good_case(&c);
	c.members[0].id_number[0] = '\0';
	one_problem(&c, "Employee (张三): ID number is required");

	good_case(&c);
	strcpy(c.members[0].id_number, "1101051980010100");
	one_problem(&c, "Employee (张三): ID number must be 18 characters, got 16");

	good_case(&c);
	strcpy(c.members[1].id_number, "110105194912310021");
	one_problem(&c, "Member 2 (李四): ID number: check character should be X");

	good_case(&c);
	make_id(c.members[1].id_number, "11010519490230002");
	one_problem(&c, "Member 2 (李四): ID number: birth date 1949-02-30 does not exist");

	good_case(&c);
	make_id(c.members[2].id_number, "11010520260302001");
	one_problem(&c, "Member 3 (张小): ID number: birth date 2026-03-02 is in the future");

	good_case(&c);
	c.members[2].name[0] = '\0';
	one_problem(&c, "Member 3: Name is required");

	good_case(&c);
	strcpy(c.members[2].name, "  ");
	one_problem(&c, "Member 3: Name is required");

	/* a member's ID is optional */
	good_case(&c);
	c.members[1].id_number[0] = '\0';
	char msgs[32][256];
	ck_assert_uint_eq(validate(&c, msgs), 0);

	/* the same ID twice in the household, whatever the case of the X */
	good_case(&c);
	strcpy(c.members[0].id_number, "11010519491231002X");
	strcpy(c.members[0].birth_date, "1949-12-31");
	strcpy(c.members[2].id_number, "11010519491231002x");
	one_problem(&c, "Member 3 (张小): ID number is the same as Employee (张三)");

	good_case(&c);
	strcpy(c.members[2].id_number, c.members[1].id_number);
	one_problem(&c, "Member 3 (张小): ID number is the same as Member 2 (李四)");

	/* birth date must agree with the ID */
	good_case(&c);
	strcpy(c.members[0].birth_date, "1980-01-02");
	one_problem(&c, "Employee (张三): Birth date does not match the ID number (1980-01-01)");
	good_case(&c);
	strcpy(c.members[2].birth_date, "2010-02-30");
	one_problem(&c, "Member 3 (张小): Birth date: \"2010-02-30\" is not a date (YYYY-MM-DD)");
}
END_TEST

START_TEST(test_validate_relations)
{
	struct bf_case c;
	good_case(&c);
	struct bf_member *m = bf_case_add_member(&c, BF_REL_SPOUSE);
	strcpy(m->name, "王五");
	one_problem(&c, "Member 4 (王五): Relation: only one spouse can be listed");

	good_case(&c);
	c.members[0].relation = BF_REL_CHILD;
	one_problem(&c, "Employee (张三): Relation: the first member must be the employee (self)");

	good_case(&c);
	c.members[2].relation = BF_REL_SELF;
	one_problem(&c,
	            "Member 3 (张小): Relation: only the first member can be the employee (self)");

	good_case(&c);
	c.n_members = 0;
	one_problem(&c, "Household: the employee is missing");

	good_case(&c);
	c.single_parent = true;
	one_problem(&c, "Single parent: the employee is recorded as married");
	c.members[0].marital = BF_MAR_DIVORCED;
	c.members[1].relation = BF_REL_CHILD;
	char msgs[32][256];
	ck_assert_uint_eq(validate(&c, msgs), 0);
}
END_TEST

START_TEST(test_validate_money_health)
{
	struct bf_case c;
	good_case(&c);
	c.members[1].monthly_income = -1;
	one_problem(&c, "Member 2 (李四): Monthly income must not be negative");
	good_case(&c);
	c.members[0].monthly_income = BF_FEN_MAX + 1;
	one_problem(&c, "Employee (张三): Monthly income is too large");
	good_case(&c);
	c.other_income_year = -100;
	one_problem(&c, "Other household income per year must not be negative");
	good_case(&c);
	c.medical_cost_year = -1;
	one_problem(&c, "Medical cost this year must not be negative");
	good_case(&c);
	c.disaster_loss = -1;
	one_problem(&c, "Disaster loss must not be negative");

	/* zero is fine everywhere */
	good_case(&c);
	c.members[0].monthly_income = 0;
	c.other_income_year = 0;
	char msgs[32][256];
	ck_assert_uint_eq(validate(&c, msgs), 0);

	/* disability grade 1-4 iff a disability */
	good_case(&c);
	c.members[2].disability = BF_DIS_PHYSICAL;
	one_problem(&c, "Member 3 (张小): Disability grade must be 1 to 4");
	c.members[2].disability_grade = 5;
	one_problem(&c, "Member 3 (张小): Disability grade must be 1 to 4");
	c.members[2].disability_grade = -1;
	one_problem(&c, "Member 3 (张小): Disability grade must be 1 to 4");
	for (int g = 1; g <= 4; g++) {
		c.members[2].disability_grade = g;
		ck_assert_uint_eq(validate(&c, msgs), 0);
	}
	c.members[2].disability = BF_DIS_NONE;
	one_problem(&c, "Member 3 (张小): Disability grade is set but the disability type is none");

	/* a major illness needs its diagnosis year */
	good_case(&c);
	c.members[1].health = BF_HEALTH_MAJOR;
	one_problem(&c, "Member 2 (李四): Diagnosis year is required for a major illness");
	c.members[1].diagnosis_year = 2025;
	ck_assert_uint_eq(validate(&c, msgs), 0);
	c.members[1].diagnosis_year = 2027;
	one_problem(&c, "Member 2 (李四): Diagnosis year 2027 is not plausible");
	c.members[1].health = BF_HEALTH_ILL;
	c.members[1].diagnosis_year = 0;
	ck_assert_uint_eq(validate(&c, msgs), 0);

	good_case(&c);
	c.accident_year = 2027;
	one_problem(&c, "Accident year: 2027 is not plausible for the assistance year 2026");
	c.accident_year = 2026;
	ck_assert_uint_eq(validate(&c, msgs), 0);

	good_case(&c);
	c.members[1].relation = (enum bf_relation)99;
	one_problem(&c, "Member 2 (李四): Relation: unknown value");
}
END_TEST

START_TEST(test_validate_contact_causes)
{
	struct bf_case c;
	char msgs[32][256];
	good_case(&c);
	strcpy(c.phone, "12345");
	one_problem(&c, "Phone: \"12345\" is neither a mobile (11 digits) nor a landline number");
	const char *ok_phones[] = {"13812345678",
	                           "+86 138 1234 5678",
	                           "010-12345678",
	                           "0571-8888888",
	                           "12345678",
	                           "01012345678",
	                           ""};
	for (size_t i = 0; i < BF_ARRAY_LEN(ok_phones); i++) {
		strcpy(c.phone, ok_phones[i]);
		ck_assert_msg(validate(&c, msgs) == 0, "%s: %s", ok_phones[i], msgs[0]);
	}
	const char *bad_phones[] = {"12812345678", "1-12345678", "010-123456", "abc", "123456"};
	for (size_t i = 0; i < BF_ARRAY_LEN(bad_phones); i++) {
		strcpy(c.phone, bad_phones[i]);
		ck_assert_msg(validate(&c, msgs) == 1, "%s", bad_phones[i]);
	}

	good_case(&c);
	strcpy(c.bank_card, "1234");
	one_problem(&c, "Bank card number must be 16 to 19 digits, got 4");
	strcpy(c.bank_card, "4111111111111112"); /* fails Luhn: only a warning */
	ck_assert_uint_eq(validate(&c, msgs), 0);
	c.bank_card[0] = '\0';
	ck_assert_uint_eq(validate(&c, msgs), 0);

	good_case(&c);
	strcpy(c.postcode, "10000");
	one_problem(&c, "Postcode must be 6 digits");
	good_case(&c);
	strcpy(c.work_start, "2000-13-01");
	one_problem(&c, "Start of work: \"2000-13-01\" is not a date (YYYY-MM-DD)");

	/* causes */
	good_case(&c);
	c.secondary_causes[1] = BF_CAUSE_SCHOOLING;
	one_problem(&c, "Secondary cause 2: \"Children's schooling\" is listed twice");
	good_case(&c);
	c.secondary_causes[2] = BF_CAUSE_MAJOR_ILLNESS;
	one_problem(
	    &c, "Secondary cause 3: \"Major illness in the family\" is already the primary cause");
	good_case(&c);
	c.primary_cause = BF_CAUSE_NONE;
	one_problem(&c, "Secondary causes: choose the primary cause first");
	good_case(&c);
	c.secondary_causes[1] = BF_CAUSE_OTHER;
	c.secondary_causes[2] = BF_CAUSE_ACCIDENT;
	ck_assert_uint_eq(validate(&c, msgs), 0);
	c.secondary_causes[2] = 42;
	one_problem(&c, "Secondary cause 3: unknown value");
	good_case(&c);
	c.primary_cause = 42;
	one_problem(&c, "Primary cause: unknown value");
	good_case(&c);
	c.primary_cause = BF_CAUSE_NONE;
	c.secondary_causes[0] = BF_CAUSE_NONE;
	ck_assert_uint_eq(validate(&c, msgs), 0);

	/* a counting override needs a reason */
	good_case(&c);
	c.members[2].count_override = -1;
	one_problem(&c, "Member 3 (张小): Counted in household: a reason is required when the rule "
	                "is overridden");
	strcpy(c.members[2].count_reason, "在外地独立生活");
	ck_assert_uint_eq(validate(&c, msgs), 0);
	c.members[2].count_override = 2;
	one_problem(&c, "Member 3 (张小): Counted in household: unknown value");

	good_case(&c);
	c.year = 1800;
	one_problem(&c, "Year: 1800 is not a valid assistance year");
}
END_TEST

START_TEST(test_validate_max)
{
	struct bf_case c;
	bf_case_init(&c, 2026);
	for (int i = 0; i < 5; i++)
		bf_case_add_member(&c, BF_REL_CHILD); /* five nameless members */
	char msgs[32][256];
	ck_assert_uint_eq(bf_case_validate(&c, TODAY, msgs, 32), 7);
	ck_assert_uint_eq(bf_case_validate(&c, TODAY, msgs, 3), 3);
	ck_assert_str_eq(msgs[2], "Member 2: Name is required");
	ck_assert_uint_eq(bf_case_validate(&c, TODAY, msgs, 0), 0);
	ck_assert_uint_eq(bf_case_validate(&c, TODAY, NULL, 5), 0);

	/* very long names are cut on a character boundary */
	good_case(&c);
	c.members[1].name[0] = '\0';
	for (int i = 0; i < 21; i++) /* 63 bytes: the longest name that fits */
		strcat(c.members[1].name, "李");
	c.members[1].monthly_income = -1;
	strcpy(c.members[1].count_reason, "");
	c.members[1].count_override = 1;
	size_t n = validate(&c, msgs);
	ck_assert_uint_eq(n, 2);
	for (size_t i = 0; i < n; i++)
		ck_assert_uint_lt(strlen(msgs[i]), 256);
}
END_TEST

/* ---- case text --------------------------------------------------------------- */

static void fill_member(struct bf_member *m, int k)
{
	m->id = 1000 + k;
	snprintf(m->name, sizeof m->name, "成员%d\t名", k);
	make_id(m->id_number, k % 2 ? "11010519800101001" : "44030619750315122");
	strcpy(m->birth_date, "1980-01-01");
	m->marital = BF_MAR_DIVORCED;
	m->status = BF_ST_CUSTODY;
	strcpy(m->school_or_employer, "第一中学\\高二(3)班");
	m->health = BF_HEALTH_MAJOR;
	strcpy(m->disease, "尿毒症\n透析");
	m->diagnosis_year = 2024;
	m->disability = BF_DIS_MULTIPLE;
	m->disability_grade = 3;
	m->insurance = BF_INS_RESIDENT;
	m->hukou = BF_HUKOU_CONVERTED;
	m->monthly_income = 123456 + k;
	m->proof = BF_PROOF_UNEMPLOYMENT;
	m->count_override = k % 2 ? 1 : -1;
	strcpy(m->count_reason, "经研究决定");
}

static void full_case(struct bf_case *c)
{
	bf_case_init(c, 2026);
	c->id = 77;
	strcpy(c->number, "2026-0042");
	strcpy(c->status, "submitted");
	strcpy(c->ethnicity, "汉族");
	strcpy(c->political_status, "中共党员");
	strcpy(c->phone, "13812345678");
	strcpy(c->postcode, "100000");
	strcpy(c->address, "北京市东城区\t某街道\n3号楼\\2单元\r");
	strcpy(c->work_start, "1999-07-01");
	strcpy(c->industry, "制造业");
	strcpy(c->department, "二车间");
	strcpy(c->employer, "某某机械厂");
	strcpy(c->employer_type, "国有企业");
	strcpy(c->enterprise_status, "困难企业");
	strcpy(c->model_worker, "市级劳模");
	strcpy(c->housing_type, "公租房");
	c->housing_area_m2 = 45;
	c->single_parent = true;
	c->zero_employment = true;
	c->other_income_year = 1234567;
	c->accident_year = 2025;
	c->medical_cost_year = 2500000;
	c->disaster_loss = -300; /* nonsense, but must round-trip */
	c->primary_cause = BF_CAUSE_MAJOR_ILLNESS;
	c->secondary_causes[0] = BF_CAUSE_SCHOOLING;
	c->secondary_causes[1] = BF_CAUSE_OTHER;
	c->secondary_causes[2] = BF_CAUSE_NO_CAPACITY;
	strcpy(c->family_situation, "一家三口，\n妻子患病");
	strcpy(c->hardship_cause_text, "大病致困");
	strcpy(c->state_of_mind, "积极乐观");
	strcpy(c->skills, "电焊");
	strcpy(c->employment_wish, "希望妻子有灵活就业机会");
	strcpy(c->bank_name, "中国工商银行");
	strcpy(c->bank_branch, "东城支行");
	strcpy(c->bank_card, "6222021234567890123");
	strcpy(c->created_by, "王建档");
	strcpy(c->reviewed_by, "赵审核");
	strcpy(c->keyed_by, "钱录入");
	strcpy(c->unit_opinion, "同意");
	strcpy(c->union_opinion, "同意上报");
	fill_member(&c->members[0], 0);
	c->members[0].relation = BF_REL_SELF;
	const enum bf_relation rels[] = {BF_REL_SPOUSE, BF_REL_FATHER_IN_LAW, BF_REL_GRANDCHILD};
	for (int k = 0; k < 3; k++) {
		struct bf_member *m = bf_case_add_member(c, rels[k]);
		fill_member(m, k + 1);
	}
}

START_TEST(test_case_text_roundtrip)
{
	struct bf_case a, b;
	full_case(&a);
	char *text = bf_case_to_text(&a);
	ck_assert_ptr_nonnull(text);
	/* one line per field, escapes applied */
	ck_assert_ptr_nonnull(
	    strstr(text, "\naddress\t北京市东城区\\t某街道\\n3号楼\\\\2单元\\r\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nmember.3.relation\tgrandchild\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nother_income_year\t12345.67\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nsecondary_cause.2\tno_capacity\n"));
	bf_error err = {{0}};
	memset(&b, 0x33, sizeof b);
	ck_assert_int_eq(bf_case_from_text(text, &b, &err), 0);
	ck_assert_str_eq(err.msg, "");
	ck_assert_str_eq(b.address, a.address);
	ck_assert_str_eq(b.members[2].name, "成员2\t名");
	ck_assert_uint_eq(b.n_members, 4);
	ck_assert_int_eq(b.members[3].relation, BF_REL_GRANDCHILD);
	ck_assert_int_eq(b.disaster_loss, -300);
	ck_assert(memcmp(&a, &b, sizeof a) == 0);
	/* and again: stable text */
	char *text2 = bf_case_to_text(&b);
	ck_assert_str_eq(text, text2);
	free(text2);
	free(text);

	/* a fresh case too (causes none, one member) */
	bf_case_init(&a, 2025);
	text = bf_case_to_text(&a);
	ck_assert_int_eq(bf_case_from_text(text, &b, &err), 0);
	ck_assert(memcmp(&a, &b, sizeof a) == 0);
	ck_assert_int_eq(b.primary_cause, BF_CAUSE_NONE);
	free(text);

	/* every member slot */
	full_case(&a);
	while (a.n_members < BF_MAX_MEMBERS)
		fill_member(bf_case_add_member(&a, BF_REL_OTHER), (int)a.n_members);
	text = bf_case_to_text(&a);
	ck_assert_int_eq(bf_case_from_text(text, &b, &err), 0);
	ck_assert(memcmp(&a, &b, sizeof a) == 0);
	free(text);
}
END_TEST

static void text_error(const char *text, const char *want)
{
	struct bf_case c;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_case_from_text(text, &c, &err), -1);
	ck_assert_str_eq(err.msg, want);
}

START_TEST(test_case_text_reading)
{
	struct bf_case c;
	bf_error err = {{0}};
	/* unknown keys are ignored; comments, blank lines, CRLF are fine */
	const char *text = "# bangfu case 1\r\n"
	                   "number\t2026-0001\r\n"
	                   "\n"
	                   "future_field\tsomething\n"
	                   "year\t2026\n"
	                   "members\t2\n"
	                   "member.0.name\t张三\n"
	                   "member.0.future\tx\n"
	                   "member.x.name\ty\n"
	                   "member.1.name\t李四\n"
	                   "member.1.relation\t配偶\n"
	                   "member.1.monthly_income\t1,290.50\n"
	                   "single_parent\ttrue\n"
	                   "primary_cause\tschooling";
	ck_assert_int_eq(bf_case_from_text(text, &c, &err), 0);
	ck_assert_str_eq(c.number, "2026-0001");
	ck_assert_int_eq(c.year, 2026);
	ck_assert_uint_eq(c.n_members, 2);
	ck_assert_str_eq(c.members[0].name, "张三");
	ck_assert_int_eq(c.members[0].relation, BF_REL_SELF);
	ck_assert_str_eq(c.members[1].name, "李四");
	ck_assert_int_eq(c.members[1].relation, BF_REL_SPOUSE);
	ck_assert_int_eq(c.members[1].monthly_income, 129050);
	ck_assert(c.single_parent);
	ck_assert_int_eq(c.primary_cause, BF_CAUSE_SCHOOLING);
	ck_assert_str_eq(c.status, "draft");
	ck_assert_int_eq(bf_case_from_text("", &c, &err), 0);
	ck_assert_uint_eq(c.n_members, 1);

	/* errors name the line */
	text_error("number\t1\nyear\tabc\n", "Line 2: \"abc\" is not a valid value for year");
	text_error("number\t1\nyear 2026\n", "Line 2: expected a key, a tab and a value");
	text_error("# c\n\naddress\ta\\qb\n",
	           "Line 3: a backslash must be followed by \\, t, n or r");
	text_error("address\tends with \\",
	           "Line 1: a backslash must be followed by \\, t, n or r");
	text_error("members\t2\nmember.2.name\tx\n",
	           "Line 2: member 2 is not in the list (the \"members\" line gives 2)");
	text_error("member.1.name\tx\n",
	           "Line 1: member 1 is not in the list (the \"members\" line gives 1)");
	text_error("members\t17\n", "Line 1: the number of members must be 1 to 16");
	text_error("members\t0\n", "Line 1: the number of members must be 1 to 16");
	text_error("postcode\t1234567890\n",
	           "Line 1: the value of postcode is too long (at most 7 bytes)");
	text_error("members\t2\nmember.1.relation\tcousin\n",
	           "Line 2: \"cousin\" is not a valid value for relation");
	text_error("secondary_cause.3\tother\n", "Line 1: there are at most 3 secondary causes");
	text_error("primary_cause\tbad luck\n",
	           "Line 1: \"bad luck\" is not a valid value for primary_cause");
	text_error("single_parent\tmaybe\n",
	           "Line 1: \"maybe\" is not a valid value for single_parent");
	text_error("other_income_year\t12.345\n",
	           "Line 1: \"12.345\" is not a valid value for other_income_year");
	text_error("year\t99999999999\n", "Line 1: \"99999999999\" is not a valid value for year");
	text_error(NULL, "The case text is empty");
}
END_TEST

/* Issue 18 item 1: the three-way merge of a save that met another's change.
 * Fields one side changed merge without asking; fields both changed are the
 * conflicts, listed as field: theirs / yours, and taken from the typist only
 * when asked; members merge field by field while the rows are the same. */
START_TEST(test_case_merge)
{
	struct bf_case *base = calloc(1, sizeof *base), *mine = malloc(sizeof *mine),
	               *theirs = malloc(sizeof *theirs), *out = malloc(sizeof *out);
	bf_case_init(base, 2026);
	base->id = 7;
	base->revision = 3;
	strcpy(base->number, "2026-0013");
	strcpy(base->status, "docs_complete");
	strcpy(base->members[0].name, "张三");
	base->members[0].id = 70;
	struct bf_member *m = bf_case_add_member(base, BF_REL_SPOUSE);
	strcpy(m->name, "李梅");
	m->id = 71;
	strcpy(base->phone, "13800000000");
	strcpy(base->bank_card, "6222021234567890128");
	*mine = *base;
	*theirs = *base;
	/* theirs: a review moved it on, and someone changed the department and
	 * the spouse's income */
	theirs->revision = 5;
	strcpy(theirs->status, "approved");
	strcpy(theirs->department, "二车间");
	theirs->members[1].monthly_income = 150000;
	/* mine: the phone, the employee's disease, the spouse's school */
	strcpy(mine->phone, "13911112222");
	strcpy(mine->members[0].disease, "尿毒症");
	strcpy(mine->members[1].school_or_employer, "某某小学");

	struct bf_case_change ch[4];
	ck_assert_uint_eq(bf_case_merge(base, mine, theirs, false, out, ch, 4), 0);
	ck_assert_int_eq(out->revision, 5);
	ck_assert_str_eq(out->status, "approved");
	ck_assert_str_eq(out->department, "二车间");
	ck_assert_str_eq(out->phone, "13911112222");
	ck_assert_str_eq(out->bank_card, "6222021234567890128");
	ck_assert_str_eq(out->members[0].disease, "尿毒症");
	ck_assert_str_eq(out->members[1].school_or_employer, "某某小学");
	ck_assert_int_eq(out->members[1].monthly_income, 150000);

	/* both changed the phone and the spouse's income: two conflicts */
	strcpy(theirs->phone, "13700000000");
	mine->members[1].monthly_income = 90000;
	ck_assert_uint_eq(bf_case_merge(base, mine, theirs, false, out, ch, 4), 2);
	ck_assert_str_eq(ch[0].field, "Phone");
	ck_assert_str_eq(ch[0].theirs, "13700000000");
	ck_assert_str_eq(ch[0].yours, "13911112222");
	ck_assert_str_eq(ch[1].field, "李梅: Monthly income");
	ck_assert_str_eq(ch[1].theirs, "1,500.00");
	ck_assert_str_eq(ch[1].yours, "900.00");
	ck_assert_str_eq(out->phone, "13700000000"); /* theirs, until asked */
	ck_assert_int_eq(out->members[1].monthly_income, 150000);
	ck_assert_str_eq(out->members[0].disease, "尿毒症"); /* the rest merges */
	/* reapplied on top */
	ck_assert_uint_eq(bf_case_merge(base, mine, theirs, true, out, NULL, 0), 2);
	ck_assert_str_eq(out->phone, "13911112222");
	ck_assert_int_eq(out->members[1].monthly_income, 90000);
	ck_assert_str_eq(out->department, "二车间");
	ck_assert_str_eq(out->status, "approved");
	/* typed the same as theirs: no conflict */
	strcpy(mine->phone, "13700000000");
	mine->members[1].monthly_income = 150000;
	ck_assert_uint_eq(bf_case_merge(base, mine, theirs, false, out, ch, 4), 0);

	/* a member added here while theirs changed a member: the list is one
	 * field, in conflict */
	struct bf_member *kid = bf_case_add_member(mine, BF_REL_CHILD);
	strcpy(kid->name, "张小明");
	ck_assert_uint_eq(bf_case_merge(base, mine, theirs, false, out, ch, 4), 1);
	ck_assert_str_eq(ch[0].field, "Household members");
	ck_assert_str_eq(ch[0].theirs, "张三、李梅");
	ck_assert_str_eq(ch[0].yours, "张三、李梅、张小明");
	ck_assert_uint_eq(out->n_members, 2);
	bf_case_merge(base, mine, theirs, true, out, NULL, 0);
	ck_assert_uint_eq(out->n_members, 3);
	/* added while theirs left the members alone: taken without asking */
	theirs->members[1].monthly_income = base->members[1].monthly_income;
	ck_assert_uint_eq(bf_case_merge(base, mine, theirs, false, out, ch, 4), 0);
	ck_assert_uint_eq(out->n_members, 3);
	ck_assert_str_eq(out->members[2].name, "张小明");
	free(base);
	free(mine);
	free(theirs);
	free(out);
}
END_TEST

Suite *domain_case_suite(void)
{
	Suite *s = suite_create("domain: case file");
	TCase *tc = tcase_create("case");
	tcase_add_test(tc, test_enum_tables);
	tcase_add_test(tc, test_enum_parse_spellings);
	tcase_add_test(tc, test_case_init);
	tcase_add_test(tc, test_case_members);
	tcase_add_test(tc, test_validate_good);
	tcase_add_test(tc, test_validate_names_ids);
	tcase_add_test(tc, test_validate_relations);
	tcase_add_test(tc, test_validate_money_health);
	tcase_add_test(tc, test_validate_contact_causes);
	tcase_add_test(tc, test_validate_max);
	tcase_add_test(tc, test_case_text_roundtrip);
	tcase_add_test(tc, test_case_text_reading);
	tcase_add_test(tc, test_case_merge);
	suite_add_tcase(s, tc);
	return s;
}
