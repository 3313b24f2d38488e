/* check_submission.c — the submission deadline: its forms and the messages
 * for bad ones, where today stands against it (the last three working days
 * counted across a weekend, the National Day holiday and its make-up working
 * day), the status line in English and Chinese; the district's decision
 * rules. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/submission.h"
#include "testutil.h"

#define assert_has(text, needle) \
	ck_assert_msg(strstr((text), (needle)) != NULL, "\"%s\" lacks \"%s\"", (text), (needle))

static bf_date D(const char *s)
{
	bf_date d;
	ck_assert_msg(bf_date_parse(s, &d), "%s", s);
	return d;
}

/* National Day 2026: Thursday 1 to Wednesday 7 October off, Saturday 10
 * October a make-up working day. */
static struct bf_calendar_entry entries[6];
static int cal_years[] = {2026, 2027};
static struct bf_calendar cal = {.entries = entries, .n = 6, .years = cal_years, .nyears = 2};

static void cal_setup(void)
{
	const char *days[] = {"2026-10-01", "2026-10-02", "2026-10-05",
	                      "2026-10-06", "2026-10-07", "2026-10-10"};
	for (size_t i = 0; i < 6; i++) {
		entries[i].date = D(days[i]);
		entries[i].kind = i == 5 ? BF_DAY_WORKDAY : BF_DAY_HOLIDAY;
	}
	bf_calendar_normalize(&cal);
}

static struct bf_deadline DL(const char *text) {
	struct bf_deadline d;
	char msg[256];
	ck_assert_msg(bf_deadline_parse(text, &d, msg, sizeof msg), "%s: %s", text, msg);
	return d;
}

START_TEST(parse_forms)
{
	char out[24];
	struct bf_deadline d = DL("2026-12-26 17:30");
	bf_deadline_format(&d, out);
	ck_assert_str_eq(out, "2026-12-26 17:30");
	ck_assert_int_eq(d.date, D("2026-12-26"));
	d = DL("2026-12-26T08:05");
	ck_assert_int_eq(d.hour, 8);
	ck_assert_int_eq(d.minute, 5);
	d = DL("2026-12-26");
	bf_deadline_format(&d, out);
	ck_assert_str_eq(out, "2026-12-26 17:30");
	d = DL("  2026-12-31 23:59 ");
	bf_deadline_format(&d, out);
	ck_assert_str_eq(out, "2026-12-31 23:59");
	d = DL("2026-01-01 00:00");
	ck_assert_int_eq(d.hour * 60 + d.minute, 0);
}
END_TEST

static void expect_bad(const char *text, const char *words)
{
	struct bf_deadline d = {D("2026-01-01"), 9, 9};
	char msg[256];
	ck_assert_msg(!bf_deadline_parse(text, &d, msg, sizeof msg), "%s accepted", text);
	assert_has(msg, words);
	/* a refused text leaves the deadline as it was */
	ck_assert_int_eq(d.date, D("2026-01-01"));
	ck_assert_int_eq(d.hour, 9);
}

START_TEST(parse_refusals)
{
	expect_bad("", "No deadline given");
	expect_bad("   ", "No deadline given");
	expect_bad("2026-02-30 17:30", "\"2026-02-30 17:30\" does not begin with a real date");
	expect_bad("26-12-2026 17:30", "does not begin with a real date");
	expect_bad("2026-12", "does not begin with a real date");
	expect_bad("2026-12-26 24:00", "\"2026-12-26 24:00\" has no proper time of day");
	expect_bad("2026-12-26 17:60", "has no proper time of day");
	expect_bad("2026-12-26 5:30", "HH:MM, from 00:00 to 23:59");
	expect_bad("2026-12-26 17:30:00", "has no proper time of day");
	expect_bad("2026-12-26/17:30", "has no proper time of day");
	expect_bad("2026-12-26 17:3x", "has no proper time of day");
	char msg[8];
	struct bf_deadline d;
	ck_assert(!bf_deadline_parse(NULL, &d, msg, sizeof msg)); /* a short buffer is fine */
	ck_assert_uint_eq(strlen(msg), sizeof msg - 1);
}
END_TEST

static struct bf_deadline_status at(const struct bf_deadline *d, const char *today,
                                    const char *hhmm, const struct bf_calendar *c)
{
	struct bf_deadline_status s;
	int h = atoi(hhmm), m = atoi(hhmm + 3);
	bf_deadline_status(d, D(today), h * 60 + m, c, &s);
	return s;
}

START_TEST(status_levels_and_minutes)
{
	struct bf_deadline d = DL("2026-12-25 17:30"); /* a Friday */
	struct bf_deadline_status s = at(&d, "2026-12-25", "16:45", NULL);
	ck_assert_int_eq(s.level, BF_DEADLINE_WARN);
	ck_assert_int_eq(s.minutes_left, 45);
	ck_assert_int_eq(s.working_days_left, 1);
	s = at(&d, "2026-12-25", "17:30", NULL);
	ck_assert_int_eq(s.level, BF_DEADLINE_PASSED);
	ck_assert_int_eq(s.minutes_left, 0);
	s = at(&d, "2026-12-26", "09:00", NULL);
	ck_assert_int_eq(s.level, BF_DEADLINE_PASSED);
	ck_assert_int_eq(s.minutes_left, -(6 * 60 + 30 + 9 * 60));
	s = at(&d, "2026-12-22", "13:26", NULL); /* Tuesday: Tue..Fri is four days */
	ck_assert_int_eq(s.level, BF_DEADLINE_OK);
	ck_assert_int_eq(s.working_days_left, 4);
	ck_assert_int_eq(s.minutes_left, 3 * 1440 + 4 * 60 + 4);
	s = at(&d, "2026-12-23", "08:00", NULL); /* Wednesday: the last three */
	ck_assert_int_eq(s.level, BF_DEADLINE_WARN);
	ck_assert_int_eq(s.working_days_left, 3);

	/* across a weekend: a Monday deadline warns from the Thursday before */
	d = DL("2026-12-28 12:00");
	ck_assert_int_eq(at(&d, "2026-12-23", "18:00", NULL).level, BF_DEADLINE_OK);
	s = at(&d, "2026-12-24", "08:00", NULL);
	ck_assert_int_eq(s.level, BF_DEADLINE_WARN);
	ck_assert_int_eq(s.working_days_left, 3); /* Thu, Fri, Mon */
	s = at(&d, "2026-12-26", "08:00", NULL);  /* Saturday */
	ck_assert_int_eq(s.working_days_left, 1);
	ck_assert_int_eq(s.level, BF_DEADLINE_WARN);

	/* no deadline */
	s = at(NULL, "2026-12-24", "08:00", NULL);
	ck_assert_int_eq(s.level, BF_DEADLINE_NONE);
	struct bf_deadline none = {BF_DATE_NONE, 17, 30};
	ck_assert_int_eq(at(&none, "2026-12-24", "08:00", NULL).level, BF_DEADLINE_NONE);
}
END_TEST

START_TEST(status_across_national_day)
{
	/* Thursday 8 October, right after the holiday */
	struct bf_deadline d = DL("2026-10-08 17:30");
	/* Monday 28 September: 28, 29, 30 September and 8 October */
	struct bf_deadline_status s = at(&d, "2026-09-28", "09:00", &cal);
	ck_assert_int_eq(s.level, BF_DEADLINE_OK);
	ck_assert_int_eq(s.working_days_left, 4);
	/* Tuesday 29 September: nine days away, but only three working days */
	s = at(&d, "2026-09-29", "09:00", &cal);
	ck_assert_int_eq(s.level, BF_DEADLINE_WARN);
	ck_assert_int_eq(s.working_days_left, 3);
	ck_assert_int_eq(s.minutes_left, 9 * 1440 + 8 * 60 + 30);
	/* without the holiday calendar the same day is far from the deadline */
	s = at(&d, "2026-09-29", "09:00", NULL);
	ck_assert_int_eq(s.level, BF_DEADLINE_OK);
	ck_assert_int_eq(s.working_days_left, 8);

	/* Monday 12 October: the make-up Saturday 10 October counts */
	d = DL("2026-10-12 17:30");
	s = at(&d, "2026-10-08", "09:00", &cal); /* Thu, Fri, Sat (make-up), Mon */
	ck_assert_int_eq(s.working_days_left, 4);
	ck_assert_int_eq(s.level, BF_DEADLINE_OK);
	s = at(&d, "2026-10-08", "09:00", NULL); /* Thu, Fri, Mon */
	ck_assert_int_eq(s.level, BF_DEADLINE_WARN);
	s = at(&d, "2026-10-09", "09:00", &cal);
	ck_assert_int_eq(s.working_days_left, 3);
	ck_assert_int_eq(s.level, BF_DEADLINE_WARN);
	/* on a holiday, a week before: 8, 9, 10, 12 October */
	s = at(&d, "2026-10-05", "09:00", &cal);
	ck_assert_int_eq(s.working_days_left, 4);
	ck_assert_int_eq(s.level, BF_DEADLINE_OK);
}
END_TEST

static void describe(const char *deadline, const char *today, const char *now, char *out, size_t n)
{
	struct bf_deadline d = DL(deadline);
	struct bf_deadline_status s = at(&d, today, now, &cal);
	bf_deadline_describe(&d, &s, out, n);
}

START_TEST(describe_english)
{
	char out[160];
	describe("2026-12-26 17:30", "2026-12-23", "13:30", out, sizeof out);
	ck_assert_str_eq(out, "Submission deadline 2026-12-26 17:30: 3 days 4 hours left");
	describe("2026-12-26 17:30", "2026-12-26", "16:45", out, sizeof out);
	ck_assert_str_eq(out, "Submission deadline 2026-12-26 17:30: 45 minutes left");
	describe("2026-12-26 17:30", "2026-12-26", "17:29", out, sizeof out);
	ck_assert_str_eq(out, "Submission deadline 2026-12-26 17:30: 1 minute left");
	describe("2026-12-26 17:30", "2026-12-25", "17:30", out, sizeof out);
	ck_assert_str_eq(out, "Submission deadline 2026-12-26 17:30: 1 day left");
	describe("2026-12-26 17:30", "2026-12-24", "16:30", out, sizeof out);
	ck_assert_str_eq(out, "Submission deadline 2026-12-26 17:30: 2 days 1 hour left");
	describe("2026-12-26 17:30", "2026-12-26", "15:25", out, sizeof out);
	ck_assert_str_eq(out, "Submission deadline 2026-12-26 17:30: 2 hours 5 minutes left");
	describe("2026-12-26 17:30", "2026-12-26", "16:30", out, sizeof out);
	ck_assert_str_eq(out, "Submission deadline 2026-12-26 17:30: 1 hour left");
	describe("2026-12-26 17:30", "2026-12-26", "17:30", out, sizeof out);
	ck_assert_str_eq(out, "Submission deadline 2026-12-26 17:30 has passed");
	describe("2026-12-26 17:30", "2027-01-04", "09:00", out, sizeof out);
	ck_assert_str_eq(out, "Submission deadline 2026-12-26 17:30 has passed");

	struct bf_deadline_status none = {.level = BF_DEADLINE_NONE};
	struct bf_deadline d = DL("2026-12-26");
	strcpy(out, "x");
	bf_deadline_describe(&d, &none, out, sizeof out);
	ck_assert_str_eq(out, "");
	/* a short buffer is cut, never overrun */
	char small[12];
	describe("2026-12-26 17:30", "2026-12-23", "13:30", small, sizeof small);
	ck_assert_str_eq(small, "Submission ");
}
END_TEST

/* The Chinese catalogue built for the tests (tests/locale, from po/zh_CN.po). */
START_TEST(describe_chinese)
{
	const char *dir = getenv("BANGFU_LOCALEDIR");
	ck_assert_msg(dir && *dir, "BANGFU_LOCALEDIR is not set (run under make check)");
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	setenv("LANGUAGE", "zh_CN", 1);
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	char out[160];
	describe("2026-12-26 17:30", "2026-12-23", "13:30", out, sizeof out);
	ck_assert_str_eq(out, "报送截止时间 2026-12-26 17:30：还剩 3 天 4 小时");
	describe("2026-12-26 17:30", "2026-12-25", "17:30", out, sizeof out);
	ck_assert_str_eq(out, "报送截止时间 2026-12-26 17:30：还剩 1 天");
	describe("2026-12-26 17:30", "2026-12-26", "15:29", out, sizeof out);
	ck_assert_str_eq(out, "报送截止时间 2026-12-26 17:30：还剩 2 小时 1 分钟");
	describe("2026-12-26 17:30", "2026-12-26", "17:30", out, sizeof out);
	ck_assert_str_eq(out, "报送截止时间 2026-12-26 17:30 已过");
	unsetenv("LANGUAGE");
}
END_TEST

START_TEST(district_decisions)
{
	char msg[256];
	ck_assert(bf_district_decision_check("accept", 250000, NULL, NULL, msg, sizeof msg));
	ck_assert_str_eq(msg, "");
	ck_assert(!bf_district_decision_check("accept", 0, NULL, NULL, msg, sizeof msg));
	assert_has(msg, "final amount");
	ck_assert(!bf_district_decision_check("accept", -100, "x", "draft", msg, sizeof msg));
	assert_has(msg, "final amount");
	ck_assert(bf_district_decision_check("return", 0, "缺少收入证明", "docs_complete", msg,
	                                     sizeof msg));
	ck_assert(bf_district_decision_check("return", 0, "x", "draft", msg, sizeof msg));
	ck_assert(bf_district_decision_check("return", 0, "x", "approved", msg, sizeof msg));
	ck_assert(
	    bf_district_decision_check("return", 0, "x", "publicity_passed", msg, sizeof msg));
	ck_assert(!bf_district_decision_check("return", 0, " \t", "draft", msg, sizeof msg));
	assert_has(msg, "needs the reason");
	ck_assert(!bf_district_decision_check("return", 0, NULL, "draft", msg, sizeof msg));
	assert_has(msg, "needs the reason");
	ck_assert(!bf_district_decision_check("return", 0, "x", "closed", msg, sizeof msg));
	assert_has(msg, "the state it goes back to: Draft, Documents complete, Approved or "
	                "Publicity passed");
	ck_assert(!bf_district_decision_check("return", 0, "x", "submitted", msg, sizeof msg));
	ck_assert(!bf_district_decision_check("return", 0, "x", "", msg, sizeof msg));
	ck_assert(!bf_district_decision_check("return", 0, "x", NULL, msg, sizeof msg));
	ck_assert(!bf_district_decision_check("pending", 1, "x", "draft", msg, sizeof msg));
	assert_has(msg, "either accept or return");
	ck_assert(!bf_district_decision_check(NULL, 1, "x", "draft", msg, sizeof msg));
}
END_TEST

static Suite *submission_suite(void)
{
	Suite *s = suite_create("submission");
	TCase *tc = tcase_create("deadline");
	tcase_add_checked_fixture(tc, cal_setup, NULL);
	tcase_add_test(tc, parse_forms);
	tcase_add_test(tc, parse_refusals);
	tcase_add_test(tc, status_levels_and_minutes);
	tcase_add_test(tc, status_across_national_day);
	tcase_add_test(tc, describe_english);
	tcase_add_test(tc, describe_chinese);
	suite_add_tcase(s, tc);
	TCase *td = tcase_create("district");
	tcase_add_test(td, district_decisions);
	suite_add_tcase(s, td);
	return s;
}

int main(void)
{
	Suite *s[] = {submission_suite()};
	return bf_test_run(s, 1);
}
