/* check_publicity.c — the publicity (公示) domain: the period in working
 * days across a holiday with a make-up working day (调休), the rules for
 * closing a round and for objections, and privacy: a notice built from
 * cases with full ID numbers, bank cards, phones, incomes and diagnoses
 * shows none of them. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/publicity.h"
#include "testutil.h"

#define assert_has(text, needle) \
	ck_assert_msg(strstr((text), (needle)) != NULL, "\"%s\" lacks \"%s\"", (text), (needle))
#define assert_lacks(text, needle) \
	ck_assert_msg(strstr((text), (needle)) == NULL, "\"%s\" has \"%s\"", (text), (needle))

static bf_date D(const char *s)
{
	bf_date d;
	ck_assert_msg(bf_date_parse(s, &d), "%s", s);
	return d;
}

static void assert_date(bf_date d, const char *want)
{
	char buf[BF_DATE_SZ];
	bf_date_format(d, buf);
	ck_assert_str_eq(buf, want);
}

/* National Day 2026: Thursday 1 to Wednesday 7 October off (the weekend
 * inside counts anyway), Saturday 10 October a make-up working day. */
static struct bf_calendar_entry entries[] = {
    {0, BF_DAY_HOLIDAY}, {0, BF_DAY_HOLIDAY}, {0, BF_DAY_HOLIDAY},
    {0, BF_DAY_HOLIDAY}, {0, BF_DAY_HOLIDAY}, {0, BF_DAY_WORKDAY},
};
static struct bf_calendar cal = {entries, 6};

static void cal_setup(void)
{
	const char *days[] = {"2026-10-01", "2026-10-02", "2026-10-05",
	                      "2026-10-06", "2026-10-07", "2026-10-10"};
	for (size_t i = 0; i < 6; i++)
		entries[i].date = D(days[i]);
	bf_calendar_normalize(&cal);
}

START_TEST(period_across_holiday_with_makeup_day)
{
	cal_setup();
	/* Wed 30 Sep is day 1; Thu 8, Fri 9, Sat 10 (make-up), Mon 12 */
	assert_date(bf_pub_period_end(&cal, D("2026-09-30"), 5), "2026-10-12");
	/* without the make-up day it would run to Tuesday 13 */
	struct bf_calendar no_makeup = {entries, 5};
	assert_date(bf_pub_period_end(&no_makeup, D("2026-09-30"), 5), "2026-10-13");
	/* starting on a holiday: the first working day after it is day 1 */
	assert_date(bf_pub_period_end(&cal, D("2026-10-01"), 5), "2026-10-13");
	/* 0 days = the default of 5 */
	assert_date(bf_pub_period_end(&cal, D("2026-09-30"), 0), "2026-10-12");
	/* an ordinary week: Monday to Friday */
	assert_date(bf_pub_period_end(&cal, D("2026-06-01"), 5), "2026-06-05");
	/* days left count today and the last day, skip the holiday and the Sunday */
	ck_assert_int_eq(bf_pub_days_left(&cal, D("2026-10-09"), D("2026-10-12")), 3);
	ck_assert_int_eq(bf_pub_days_left(&cal, D("2026-09-30"), D("2026-10-12")), 5);
	ck_assert_int_eq(bf_pub_days_left(&cal, D("2026-10-13"), D("2026-10-12")), 0);
}
END_TEST

START_TEST(close_rules)
{
	char msg[512];
	bf_date end = D("2026-10-12");
	ck_assert(!bf_round_close_check(D("2026-10-09"), end, 0, msg, sizeof msg));
	assert_has(msg, "2026-10-12");
	ck_assert(!bf_round_close_check(end, end, 0, msg, sizeof msg)); /* the last day itself */
	ck_assert(!bf_round_close_check(D("2026-10-13"), end, 1, msg, sizeof msg));
	assert_has(msg, "1 objection is still open");
	ck_assert(bf_round_close_check(D("2026-10-13"), end, 0, msg, sizeof msg));
	ck_assert_str_eq(msg, "");
}
END_TEST

START_TEST(objection_rules)
{
	char msg[512];
	/* a new objection needs the claim, a date not in the future and not
	 * before the publicity began */
	bf_date start = D("2026-09-30"), today = D("2026-10-09");
	ck_assert(!bf_obj_new_check("  ", today, start, today, msg, sizeof msg));
	ck_assert(!bf_obj_new_check("收入不实", D("2026-10-10"), start, today, msg, sizeof msg));
	ck_assert(!bf_obj_new_check("收入不实", D("2026-09-29"), start, today, msg, sizeof msg));
	ck_assert(bf_obj_new_check("收入不实", today, start, today, msg, sizeof msg));
	/* investigate and resolve only while open, with words, in an open round */
	ck_assert(bf_obj_check(BF_OBJ_OPEN, BF_OBJ_INVESTIGATE, "走访核实", true, msg, sizeof msg));
	ck_assert(!bf_obj_check(BF_OBJ_OPEN, BF_OBJ_INVESTIGATE, "", true, msg, sizeof msg));
	ck_assert(bf_obj_check(BF_OBJ_INVESTIGATING, BF_OBJ_INVESTIGATE, "再次核实", true, msg,
	                       sizeof msg));
	ck_assert(bf_obj_check(BF_OBJ_INVESTIGATING, BF_OBJ_UPHOLD, "隐瞒收入", true, msg,
	                       sizeof msg));
	ck_assert(bf_obj_check(BF_OBJ_OPEN, BF_OBJ_DISMISS, "经核实属实", true, msg, sizeof msg));
	ck_assert(!bf_obj_check(BF_OBJ_OPEN, BF_OBJ_UPHOLD, NULL, true, msg, sizeof msg));
	assert_has(msg, "reason");
	ck_assert(!bf_obj_check(BF_OBJ_UPHELD, BF_OBJ_DISMISS, "改判", true, msg, sizeof msg));
	ck_assert(!bf_obj_check(BF_OBJ_DISMISSED, BF_OBJ_INVESTIGATE, "x", true, msg, sizeof msg));
	ck_assert(!bf_obj_check(BF_OBJ_OPEN, BF_OBJ_UPHOLD, "x", false, msg, sizeof msg));
	/* open ones block closing */
	ck_assert(bf_obj_is_open(BF_OBJ_OPEN) && bf_obj_is_open(BF_OBJ_INVESTIGATING));
	ck_assert(!bf_obj_is_open(BF_OBJ_UPHELD) && !bf_obj_is_open(BF_OBJ_DISMISSED));
	/* how it was received */
	ck_assert_int_eq(bf_obj_via_parse("letter"), BF_VIA_LETTER);
	ck_assert_int_eq(bf_obj_via_parse("当面"), BF_VIA_IN_PERSON);
	ck_assert_int_eq(bf_obj_via_parse("in_person"), BF_VIA_IN_PERSON);
	ck_assert_int_eq(bf_obj_via_parse("fax"), -1);
	for (int s = 0; s < BF_OBJ_STATUS_COUNT; s++)
		ck_assert_int_eq(bf_obj_status_parse(bf_obj_status_code(s)), s);
}
END_TEST

static void fill(struct bf_case *c, const char *number, const char *name, const char *id,
                 const char *bank, const char *phone, const char *disease)
{
	bf_case_init(c, 2026);
	strcpy(c->number, number);
	strcpy(c->members[0].name, name);
	strcpy(c->members[0].id_number, id);
	c->members[0].monthly_income = 123456; /* 1,234.56 */
	strcpy(c->members[0].disease, disease);
	strcpy(c->department, "一车间");
	strcpy(c->bank_card, bank);
	strcpy(c->phone, phone);
	strcpy(c->address, "幸福路88号");
	struct bf_member *m = bf_case_add_member(c, BF_REL_SPOUSE);
	strcpy(m->name, "配偶某");
	strcpy(m->id_number, "110105195003070027");
	strcpy(m->disease, "尿毒症");
}

START_TEST(notice_privacy)
{
	static struct bf_case c[2];
	fill(&c[0], "2026-0001", "张三丰", "11010519491231002X", "6222021234567890128",
	     "13812345678", "肺癌");
	fill(&c[1], "2026-0002", "王五", "110105196001010017", "6217001234567890124",
	     "13987654321", "白血病");
	struct bf_pub_entry e[2];
	bf_pub_entry_from_case(&e[0], &c[0], 1, 200000);
	bf_pub_entry_from_case(&e[1], &c[1], 3, 150000);
	struct bf_pub_notice nt = {0};
	nt.unit_name = "测试单位";
	nt.union_name = "测试单位工会";
	nt.place = "厂区公告栏";
	nt.contact = "刘工会";
	nt.phone = "010-12345678";
	nt.office = "工会办公室201";
	nt.start = D("2026-09-30");
	nt.end = D("2026-10-12");
	nt.signed_on = nt.start;
	nt.days = 5;
	nt.entries = e;
	nt.n = 2;
	char *text = bf_pub_render(NULL, &nt);
	ck_assert_ptr_nonnull(text);
	/* what may show */
	assert_has(text, "张三丰");
	assert_has(text, "王五");
	assert_has(text, "一车间");
	assert_has(text, "第一类");
	assert_has(text, "第三类");
	assert_has(text, "2,000.00");
	assert_has(text, "110105********002X");
	assert_has(text, "2026年9月30日至2026年10月12日（5个工作日）");
	assert_has(text, "厂区公告栏");
	assert_has(text, "联系人：刘工会　联系电话：010-12345678　办公地点：工会办公室201");
	assert_has(text, "测试单位工会（盖章）");
	/* what never shows */
	const char *never[] = {"11010519491231002X", "110105196001010017", "110105195003070027",
	                       "6222021234567890128", "6217001234567890124", "13812345678",
	                       "13987654321", "肺癌", "白血病", "尿毒症", "1,234.56", "1234.56",
	                       "幸福路", "配偶某", "2026-0001"};
	for (size_t i = 0; i < BF_ARRAY_LEN(never); i++)
		assert_lacks(text, never[i]);
	/* no run of 11 or more digits at all (a full ID, card or mobile) */
	int run = 0;
	for (const char *p = text; *p; p++) {
		run = (*p >= '0' && *p <= '9') ? run + 1 : 0;
		ck_assert_msg(run < 11, "a long digit run in: %s", text);
	}
	free(text);
}
END_TEST

START_TEST(template_placeholders)
{
	struct bf_pub_entry e;
	static struct bf_case c;
	fill(&c, "2026-0001", "张三丰", "11010519491231002X", "6222021234567890128",
	     "13812345678", "肺癌");
	bf_pub_entry_from_case(&e, &c, 2, 100000);
	struct bf_pub_notice nt = {0};
	nt.unit_name = "单位甲";
	nt.union_name = "";
	nt.place = "食堂门口";
	nt.contact = "李";
	nt.phone = "123";
	nt.office = "二楼";
	nt.start = D("2026-06-01");
	nt.end = D("2026-06-05");
	nt.signed_on = BF_DATE_NONE;
	nt.days = 5;
	nt.entries = &e;
	nt.n = 1;
	char *t = bf_pub_render("{union}:{count}人,{days}天,{start}-{end},{place},{nope},{list}", &nt);
	ck_assert_ptr_nonnull(t);
	/* the unit stands in for a union without a name; unknown ones stay */
	assert_has(t, "单位甲:1人,5天,2026年6月1日-2026年6月5日,食堂门口,{nope},序号");
	assert_has(t, "1　张三丰　一车间　110105********002X　第二类　1,000.00");
	free(t);
	/* an unclosed brace is kept as text */
	t = bf_pub_render("至{end", &nt);
	ck_assert_str_eq(t, "至{end");
	free(t);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("publicity");
	TCase *tc = tcase_create("domain");
	tcase_add_test(tc, period_across_holiday_with_makeup_day);
	tcase_add_test(tc, close_rules);
	tcase_add_test(tc, objection_rules);
	tcase_add_test(tc, notice_privacy);
	tcase_add_test(tc, template_placeholders);
	suite_add_tcase(s, tc);
	return bf_test_run(&s, 1);
}
