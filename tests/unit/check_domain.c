/* check_domain.c — unit tests of the pure domain layer: dates and money here;
 * the other suites live in check_domain_*.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"

#include "bangfu/date.h"
#include "bangfu/money.h"

Suite *domain_ident_suite(void);
Suite *domain_case_suite(void);
Suite *domain_elig_suite(void);

static bf_date D(const char *s)
{
	bf_date d = BF_DATE_NONE;
	ck_assert_msg(bf_date_parse(s, &d), "bad test date %s", s);
	return d;
}

static const char *F(bf_date d)
{
	static char buf[4][11];
	static int k;
	k = (k + 1) % 4;
	bf_date_format(d, buf[k]);
	return buf[k];
}

/* ---- dates ------------------------------------------------------------------ */

/* bf_push: each new element zeroed and counted, the array growing past its
 * first capacity, earlier elements kept. */
START_TEST(test_push_grows_and_zeroes)
{
	struct item {
		int64_t a;
		char s[16];
	} *v = NULL;
	size_t cap = 0, n = 0;
	for (int i = 0; i < 100; i++) {
		struct item *it = bf_push(&v, &cap, &n, sizeof *v);
		ck_assert_ptr_nonnull(it);
		ck_assert_int_eq(it->a, 0);
		ck_assert_str_eq(it->s, "");
		it->a = i;
		snprintf(it->s, sizeof it->s, "x%d", i);
	}
	ck_assert_uint_eq(n, 100);
	ck_assert_uint_ge(cap, 100);
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(v[i].a, i);
	ck_assert_str_eq(v[99].s, "x99");
	free(v);
}
END_TEST

START_TEST(test_date_parse_valid)
{
	bf_date d;
	ck_assert(bf_date_parse("1970-01-01", &d));
	ck_assert_int_eq(d, 0);
	ck_assert(bf_date_parse("1970-01-02", &d));
	ck_assert_int_eq(d, 1);
	ck_assert(bf_date_parse("1969-12-31", &d));
	ck_assert_int_eq(d, -1);
	ck_assert(bf_date_parse("2024-02-29", &d));
	ck_assert_str_eq(F(d), "2024-02-29");
	ck_assert(bf_date_parse("2000-02-29", &d));
	ck_assert(bf_date_parse("1900-01-01", &d));
	ck_assert(bf_date_parse("2199-12-31", &d));
	ck_assert(bf_date_parse("2024-12-31", NULL));
}
END_TEST

START_TEST(test_date_parse_invalid)
{
	const char *bad[] = {
	    "2023-02-29", "1900-02-29", "2100-02-29",  "2024-04-31",  "2024-13-01",  "2024-00-10",
	    "2024-01-00", "2024-01-32", "1899-12-31",  "2200-01-01",  "2024-1-01",   "2024-01-1",
	    "24-01-01",   "2024/01/01", " 2024-01-01", "2024-01-01 ", "2024-01-01x", "",
	    "abcd-ef-gh", "2024-0a-01", "+024-01-01",  "2024--1-01"};
	for (size_t i = 0; i < BF_ARRAY_LEN(bad); i++) {
		bf_date d = 12345;
		ck_assert_msg(!bf_date_parse(bad[i], &d), "accepted %s", bad[i]);
		ck_assert_int_eq(d, 12345); /* untouched */
	}
	bf_date d = 7;
	ck_assert(!bf_date_parse(NULL, &d));
	ck_assert_int_eq(d, 7);
}
END_TEST

START_TEST(test_date_roundtrip_all_days)
{
	/* 110,000 days: checked with plain comparisons, one assertion at the
	 * end naming the first bad day (ck_assert per day took seconds under
	 * load and ASan) */
	bf_date first = D("1900-01-01"), last = D("2199-12-31"), bad = 0;
	int py = 1899, pm = 12, pd = 31;
	const char *why = NULL;
	for (bf_date d = first; d <= last && !why; d++) {
		int y, m, day;
		bf_date_to_ymd(d, &y, &m, &day);
		char buf[11];
		bf_date back = 0;
		if (!bf_ymd_valid(y, m, day))
			why = "invalid y-m-d";
		else if (bf_date_from_ymd(y, m, day) != d)
			why = "y-m-d does not come back";
		else if (day == 1 ? !(m == pm + 1 || (m == 1 && pm == 12 && y == py + 1))
		                  : (day != pd + 1 || m != pm))
			why = "not the day after the one before";
		else if ((bf_date_format(d, buf), !bf_date_parse(buf, &back)) || back != d)
			why = "text does not come back";
		if (why)
			bad = d;
		py = y;
		pm = m;
		pd = day;
	}
	ck_assert_msg(!why, "day %d: %s", (int)bad, why ? why : "");
}
END_TEST

START_TEST(test_date_ymd_valid)
{
	ck_assert(bf_ymd_valid(2024, 2, 29));
	ck_assert(!bf_ymd_valid(2023, 2, 29));
	ck_assert(!bf_ymd_valid(1900, 2, 29));
	ck_assert(bf_ymd_valid(2000, 2, 29));
	ck_assert(!bf_ymd_valid(2024, 6, 31));
	ck_assert(bf_ymd_valid(2024, 7, 31));
	ck_assert(!bf_ymd_valid(2024, 0, 1));
	ck_assert(!bf_ymd_valid(1899, 12, 31));
	ck_assert(!bf_ymd_valid(2200, 1, 1));
}
END_TEST

START_TEST(test_date_weekday_today)
{
	ck_assert_int_eq(bf_date_weekday(D("1970-01-01")), 4); /* Thursday */
	ck_assert_int_eq(bf_date_weekday(D("1969-12-28")), 7); /* Sunday */
	ck_assert_int_eq(bf_date_weekday(D("1900-01-01")), 1); /* Monday */
	ck_assert_int_eq(bf_date_weekday(D("2024-10-01")), 2); /* Tuesday */
	ck_assert_int_eq(bf_date_weekday(D("2024-09-29")), 7);
	ck_assert_int_eq(bf_date_weekday(D("2024-10-12")), 6);
	ck_assert_int_eq(bf_date_weekday(D("2026-01-01")), 4);

	time_t t = time(NULL);
	struct tm *tm = localtime(&t);
	bf_date today = bf_date_today();
	int y, m, d;
	bf_date_to_ymd(today, &y, &m, &d);
	/* allow midnight passing between the two calls */
	ck_assert(y == tm->tm_year + 1900 || y == tm->tm_year + 1901);
	ck_assert(bf_ymd_valid(y, m, d));

	char buf[11] = "x";
	bf_date_format(BF_DATE_NONE, buf);
	ck_assert_str_eq(buf, "");
}
END_TEST

/* China 2024: Mid-Autumn 09-15..09-17 (09-14 Sat worked), National Day
 * 10-01..10-07 (09-29 Sun and 10-12 Sat worked). Deliberately unsorted. */
static struct bf_calendar_entry cal2024[10];

static struct bf_calendar make_cal(void)
{
	static const struct {
		const char *date;
		enum bf_day_kind kind;
	} src[] = {
	    {"2024-10-12", BF_DAY_WORKDAY}, {"2024-10-01", BF_DAY_HOLIDAY},
	    {"2024-10-02", BF_DAY_HOLIDAY}, {"2024-10-03", BF_DAY_HOLIDAY},
	    {"2024-10-04", BF_DAY_HOLIDAY}, {"2024-10-07", BF_DAY_HOLIDAY},
	    {"2024-09-29", BF_DAY_WORKDAY}, {"2024-09-16", BF_DAY_HOLIDAY},
	    {"2024-09-17", BF_DAY_HOLIDAY}, {"2024-09-14", BF_DAY_WORKDAY},
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(src); i++) {
		cal2024[i].date = D(src[i].date);
		cal2024[i].kind = src[i].kind;
	}
	struct bf_calendar cal = {.entries = cal2024, .n = BF_ARRAY_LEN(src)};
	bf_calendar_normalize(&cal);
	return cal;
}

START_TEST(test_calendar_working_days)
{
	struct bf_calendar cal = make_cal();
	ck_assert_uint_eq(cal.n, 10);
	for (size_t i = 1; i < cal.n; i++)
		ck_assert(cal.entries[i - 1].date < cal.entries[i].date);

	ck_assert(bf_is_working_day(&cal, D("2024-09-27")));  /* Fri */
	ck_assert(!bf_is_working_day(&cal, D("2024-09-28"))); /* Sat */
	ck_assert(bf_is_working_day(&cal, D("2024-09-29")));  /* Sun, make-up */
	ck_assert(bf_is_working_day(&cal, D("2024-09-30")));
	const char *off[] = {"2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04",
	                     "2024-10-05", "2024-10-06", "2024-10-07", "2024-10-13"};
	for (size_t i = 0; i < BF_ARRAY_LEN(off); i++)
		ck_assert_msg(!bf_is_working_day(&cal, D(off[i])), "%s", off[i]);
	ck_assert(bf_is_working_day(&cal, D("2024-10-08")));
	ck_assert(bf_is_working_day(&cal, D("2024-10-12"))); /* Sat, make-up */

	/* no calendar: Monday to Friday */
	ck_assert(bf_is_working_day(NULL, D("2024-10-01")));
	ck_assert(!bf_is_working_day(NULL, D("2024-09-29")));
}
END_TEST

START_TEST(test_calendar_add_working_days)
{
	struct bf_calendar cal = make_cal();
	ck_assert_str_eq(F(bf_add_working_days(&cal, D("2024-09-27"), 0)), "2024-09-27");
	ck_assert_str_eq(F(bf_add_working_days(&cal, D("2024-09-27"), 1)), "2024-09-29");
	ck_assert_str_eq(F(bf_add_working_days(&cal, D("2024-09-27"), 2)), "2024-09-30");
	ck_assert_str_eq(F(bf_add_working_days(&cal, D("2024-09-27"), 3)), "2024-10-08");
	ck_assert_str_eq(F(bf_add_working_days(&cal, D("2024-09-30"), 1)), "2024-10-08");
	ck_assert_str_eq(F(bf_add_working_days(&cal, D("2024-09-30"), 5)), "2024-10-12");
	ck_assert_str_eq(F(bf_add_working_days(&cal, D("2024-09-30"), 6)), "2024-10-14");
	ck_assert_str_eq(F(bf_add_working_days(&cal, D("2024-10-03"), 1)), "2024-10-08");
	/* backwards */
	ck_assert_str_eq(F(bf_add_working_days(&cal, D("2024-10-08"), -1)), "2024-09-30");
	ck_assert_str_eq(F(bf_add_working_days(&cal, D("2024-10-08"), -3)), "2024-09-27");
	/* Mid-Autumn: 09-14 Sat worked, 09-16/17 off */
	ck_assert_str_eq(F(bf_add_working_days(&cal, D("2024-09-13"), 1)), "2024-09-14");
	ck_assert_str_eq(F(bf_add_working_days(&cal, D("2024-09-14"), 1)), "2024-09-18");
	/* without a calendar */
	ck_assert_str_eq(F(bf_add_working_days(NULL, D("2024-09-27"), 1)), "2024-09-30");
	ck_assert_str_eq(F(bf_add_working_days(NULL, D("2024-09-30"), 5)), "2024-10-07");
}
END_TEST

START_TEST(test_calendar_period_end)
{
	struct bf_calendar cal = make_cal();
	/* start on a working day: it is day 1 */
	ck_assert_str_eq(F(bf_working_period_end(&cal, D("2024-09-30"), 1)), "2024-09-30");
	ck_assert_str_eq(F(bf_working_period_end(&cal, D("2024-09-30"), 2)), "2024-10-08");
	ck_assert_str_eq(F(bf_working_period_end(&cal, D("2024-09-30"), 5)), "2024-10-11");
	ck_assert_str_eq(F(bf_working_period_end(&cal, D("2024-09-29"), 1)), "2024-09-29");
	ck_assert_str_eq(F(bf_working_period_end(&cal, D("2024-09-29"), 5)), "2024-10-10");
	/* start on a holiday: the first working day is day 1 */
	ck_assert_str_eq(F(bf_working_period_end(&cal, D("2024-10-01"), 1)), "2024-10-08");
	ck_assert_str_eq(F(bf_working_period_end(&cal, D("2024-10-01"), 5)), "2024-10-12");
	ck_assert_str_eq(F(bf_working_period_end(&cal, D("2024-10-01"), 7)), "2024-10-15");
	ck_assert_str_eq(F(bf_working_period_end(&cal, D("2024-09-28"), 1)), "2024-09-29");
	ck_assert_str_eq(F(bf_working_period_end(&cal, D("2024-10-01"), 0)), "2024-10-01");
	/* the period's length in working days is n */
	for (int n = 1; n <= 20; n++) {
		bf_date s = D("2024-09-25");
		for (int k = 0; k < 20; k++, s++) {
			bf_date e = bf_working_period_end(&cal, s, n);
			ck_assert_int_eq(bf_working_days_between(&cal, s, e), n);
			ck_assert(bf_is_working_day(&cal, e));
		}
	}
}
END_TEST

START_TEST(test_calendar_between)
{
	struct bf_calendar cal = make_cal();
	ck_assert_int_eq(bf_working_days_between(&cal, D("2024-09-28"), D("2024-10-13")), 7);
	ck_assert_int_eq(bf_working_days_between(&cal, D("2024-10-01"), D("2024-10-07")), 0);
	ck_assert_int_eq(bf_working_days_between(&cal, D("2024-09-29"), D("2024-09-29")), 1);
	ck_assert_int_eq(bf_working_days_between(&cal, D("2024-09-28"), D("2024-09-28")), 0);
	ck_assert_int_eq(bf_working_days_between(&cal, D("2024-10-13"), D("2024-09-28")), 0);
	ck_assert_int_eq(bf_working_days_between(NULL, D("2024-09-28"), D("2024-10-13")), 10);
	/* a whole year: 2024 had 251 working days in mainland China if fully
	 * listed; here only two holidays are, so just check consistency */
	bf_date a = D("2024-01-01"), b = D("2024-12-31");
	int n = bf_working_days_between(&cal, a, b);
	ck_assert_int_eq(n, bf_working_days_between(NULL, a, b) - 5 - 2 + 3);
}
END_TEST

START_TEST(test_calendar_normalize)
{
	struct bf_calendar_entry e[] = {
	    {D("2024-10-03"), BF_DAY_HOLIDAY}, {D("2024-10-01"), BF_DAY_HOLIDAY},
	    {D("2024-10-03"), BF_DAY_WORKDAY}, {D("2024-09-29"), BF_DAY_WORKDAY},
	    {D("2024-10-01"), BF_DAY_HOLIDAY}, {D("2024-10-03"), BF_DAY_HOLIDAY},
	};
	struct bf_calendar cal = {.entries = e, .n = BF_ARRAY_LEN(e)};
	bf_calendar_normalize(&cal);
	ck_assert_uint_eq(cal.n, 3);
	ck_assert_str_eq(F(e[0].date), "2024-09-29");
	ck_assert_str_eq(F(e[1].date), "2024-10-01");
	ck_assert_str_eq(F(e[2].date), "2024-10-03");
	ck_assert_int_eq(e[2].kind, BF_DAY_HOLIDAY); /* the later entry wins */

	struct bf_calendar_entry f[] = {{D("2024-10-05"), BF_DAY_HOLIDAY},
	                                {D("2024-10-05"), BF_DAY_WORKDAY}};
	struct bf_calendar cal2 = {.entries = f, .n = 2};
	bf_calendar_normalize(&cal2);
	ck_assert_uint_eq(cal2.n, 1);
	ck_assert_int_eq(f[0].kind, BF_DAY_WORKDAY);
	ck_assert(bf_is_working_day(&cal2, D("2024-10-05")));

	struct bf_calendar empty = {.entries = NULL, .n = 0};
	bf_calendar_normalize(&empty);
	bf_calendar_normalize(NULL);
	ck_assert(bf_is_working_day(&empty, D("2024-10-04")));
}
END_TEST

/* ---- money ------------------------------------------------------------------ */

static bf_fen P(const char *s, int flags)
{
	bf_fen v = -424242;
	bf_error err = {{0}};
	ck_assert_msg(bf_money_parse(s, flags, &v, &err), "rejected \"%s\": %s", s, err.msg);
	ck_assert_str_eq(err.msg, "");
	return v;
}

static void reject(const char *s, int flags, const char *want_substr)
{
	bf_fen v = 777;
	bf_error err = {{0}};
	ck_assert_msg(!bf_money_parse(s, flags, &v, &err), "accepted \"%s\"", s ? s : "(null)");
	ck_assert_int_eq(v, 777);
	ck_assert_msg(strstr(err.msg, "Amount") != NULL, "no field in \"%s\"", err.msg);
	if (want_substr)
		ck_assert_msg(strstr(err.msg, want_substr) != NULL, "\"%s\" lacks \"%s\"", err.msg,
		              want_substr);
}

START_TEST(test_money_parse_ok)
{
	ck_assert_int_eq(P("1290", 0), 129000);
	ck_assert_int_eq(P("1290.5", 0), 129050);
	ck_assert_int_eq(P("1290.50", 0), 129050);
	ck_assert_int_eq(P("1290.05", 0), 129005);
	ck_assert_int_eq(P("1,290.00", 0), 129000);
	ck_assert_int_eq(P("￥1,290.00", 0), 129000);
	ck_assert_int_eq(P("¥1,290.00", 0), 129000);
	ck_assert_int_eq(P("￥ 1290", 0), 129000);
	ck_assert_int_eq(P(" 12.3 ", 0), 1230);
	ck_assert_int_eq(P("\u30001290\u3000", 0), 129000);
	ck_assert_int_eq(P("0", 0), 0);
	ck_assert_int_eq(P("0.01", 0), 1);
	ck_assert_int_eq(P("0.1", 0), 10);
	ck_assert_int_eq(P("007", 0), 700);
	ck_assert_int_eq(P("1,234,567.89", 0), 123456789);
	ck_assert_int_eq(P("123,456", 0), 12345600);
	ck_assert_int_eq(P("１２９０", 0), 129000);
	ck_assert_int_eq(P("１，２９０．５", 0), 129050);
	ck_assert_int_eq(P("1290元", 0), 129000);
	ck_assert_int_eq(P("+5", 0), 500);
	ck_assert_int_eq(P("￥1,290.00元", 0), 129000);
	ck_assert_int_eq(P("999,999,999.99", 0), BF_FEN_MAX);
	ck_assert_int_eq(P("999999999.99", 0), BF_FEN_MAX);
	ck_assert_int_eq(P("-5", BF_MONEY_ALLOW_NEGATIVE), -500);
	ck_assert_int_eq(P("-1,290.50", BF_MONEY_ALLOW_NEGATIVE), -129050);
	ck_assert_int_eq(P("-￥5", BF_MONEY_ALLOW_NEGATIVE), -500);
	ck_assert_int_eq(P("￥-5", BF_MONEY_ALLOW_NEGATIVE), -500);
	ck_assert_int_eq(P("－5", BF_MONEY_ALLOW_NEGATIVE), -500);
	ck_assert_int_eq(P("-999999999.99", BF_MONEY_ALLOW_NEGATIVE), -BF_FEN_MAX);
	bf_error err;
	ck_assert(bf_money_parse("12", 0, NULL, &err)); /* out may be NULL */
}
END_TEST

START_TEST(test_money_parse_reject)
{
	reject("12.345", 0, "two decimals");
	reject("1,29.00", 0, "commas");
	reject("1,2345", 0, "commas");
	reject("1234,567", 0, "commas");
	reject(",123", 0, NULL);
	reject("1,,234", 0, "commas");
	reject("12,34.5", 0, "commas");
	reject("1,234.5,6", 0, NULL);
	reject("", 0, "empty");
	reject("   ", 0, "empty");
	reject("￥", 0, "empty");
	reject(NULL, 0, "empty");
	reject("-5", 0, "negative");
	reject("-0", 0, "negative");
	reject("abc", 0, "not a number");
	reject("12a", 0, "not a number");
	reject("1..2", 0, NULL);
	reject("12.", 0, "decimal point");
	reject(".5", 0, NULL);
	reject("1 290", 0, NULL);
	reject("--5", BF_MONEY_ALLOW_NEGATIVE, NULL);
	reject("1000000000", 0, "too large");
	reject("999999999.991", 0, NULL);
	reject("1,000,000,000.00", 0, "too large");
	reject("99999999999999999999999999", 0, "too large");
	reject("-1000000000", BF_MONEY_ALLOW_NEGATIVE, "too large");
	reject("1e5", 0, NULL);
	reject("0x10", 0, NULL);
}
END_TEST

START_TEST(test_money_format)
{
	char buf[32];
	ck_assert_str_eq(bf_money_format(0, buf, sizeof buf), "0.00");
	ck_assert_str_eq(bf_money_format(5, buf, sizeof buf), "0.05");
	ck_assert_str_eq(bf_money_format(50, buf, sizeof buf), "0.50");
	ck_assert_str_eq(bf_money_format(99999, buf, sizeof buf), "999.99");
	ck_assert_str_eq(bf_money_format(100000, buf, sizeof buf), "1,000.00");
	ck_assert_str_eq(bf_money_format(129000, buf, sizeof buf), "1,290.00");
	ck_assert_str_eq(bf_money_format(-129050, buf, sizeof buf), "-1,290.50");
	ck_assert_str_eq(bf_money_format(-5, buf, sizeof buf), "-0.05");
	ck_assert_str_eq(bf_money_format(100000000, buf, sizeof buf), "1,000,000.00");
	ck_assert_str_eq(bf_money_format(BF_FEN_MAX, buf, sizeof buf), "999,999,999.99");
	ck_assert_str_eq(bf_money_format(INT64_MIN, buf, sizeof buf), "-92,233,720,368,547,758.08");
	ck_assert_str_eq(bf_money_format_plain(129000, buf, sizeof buf), "1290.00");
	ck_assert_str_eq(bf_money_format_plain(-123456789, buf, sizeof buf), "-1234567.89");
	ck_assert_str_eq(bf_money_format_plain(0, buf, sizeof buf), "0.00");
	char small[4];
	ck_assert_str_eq(bf_money_format(129000, small, sizeof small), "1,2");
	/* round trip */
	for (bf_fen v = -100000; v <= 100000; v += 37) {
		bf_fen back;
		bf_money_format(v, buf, sizeof buf);
		ck_assert(bf_money_parse(buf, BF_MONEY_ALLOW_NEGATIVE, &back, NULL));
		ck_assert_int_eq(back, v);
		bf_money_format_plain(v, buf, sizeof buf);
		ck_assert(bf_money_parse(buf, BF_MONEY_ALLOW_NEGATIVE, &back, NULL));
		ck_assert_int_eq(back, v);
	}
}
END_TEST

static void cn(bf_fen v, const char *want)
{
	char buf[256];
	ck_assert_str_eq(bf_money_chinese(v, buf, sizeof buf), want);
}

START_TEST(test_money_chinese)
{
	/* the brief's cases */
	cn(110000, "壹仟壹佰元整");
	cn(100050, "壹仟元零伍角");
	cn(100005, "壹仟元零伍分");
	cn(1000000, "壹万元整");
	cn(10010000, "壹拾万零壹佰元整");
	cn(0, "零元整");
	cn(1005, "壹拾元零伍分");
	/* whole yuan: 整 */
	cn(100, "壹元整");
	cn(1000, "壹拾元整");
	cn(2000, "贰拾元整");
	cn(1100, "壹拾壹元整");
	cn(10000, "壹佰元整");
	cn(10100, "壹佰零壹元整");
	cn(11000, "壹佰壹拾元整");
	cn(1100000, "壹万壹仟元整");
	cn(20000000, "贰拾万元整");
	cn(100000000, "壹佰万元整");
	cn(100000100, "壹佰万零壹元整");
	cn(1001000000, "壹仟零壹万元整");
	cn(10000000000, "壹亿元整");
	cn(10000100000, "壹亿零壹仟元整");
	cn(10100000000, "壹亿零壹佰万元整");
	cn(86000, "捌佰陆拾元整");
	cn(129000, "壹仟贰佰玖拾元整");
	/* fractions: no 整 after 角 or 分; 零 where the 元 or 角 digit is 0 */
	cn(5, "伍分");
	cn(50, "伍角");
	cn(55, "伍角伍分");
	cn(150, "壹元伍角");
	cn(155, "壹元伍角伍分");
	cn(105, "壹元零伍分");
	cn(10010, "壹佰元零壹角");
	cn(140950, "壹仟肆佰零玖元伍角");
	cn(600714, "陆仟零柒元壹角肆分");
	cn(168032, "壹仟陆佰捌拾元零叁角贰分");
	cn(10700053, "壹拾万柒仟元零伍角叁分");
	cn(1640902, "壹万陆仟肆佰零玖元零贰分");
	cn(32504, "叁佰贰拾伍元零肆分");
	cn(100055, "壹仟元零伍角伍分");
	cn(BF_FEN_MAX, "玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分");
	cn(-150, "负壹元伍角");
	cn(-100, "负壹元整");
	/* a tiny buffer: no crash, a whole character */
	char small[5];
	ck_assert_str_eq(bf_money_chinese(110000, small, sizeof small), "壹");
	char none[1];
	ck_assert_str_eq(bf_money_chinese(110000, none, sizeof none), "");
}
END_TEST

static Suite *domain_date_money_suite(void)
{
	Suite *s = suite_create("domain: dates and money");
	TCase *tc = tcase_create("date");
	tcase_add_test(tc, test_push_grows_and_zeroes);
	tcase_add_test(tc, test_date_parse_valid);
	tcase_add_test(tc, test_date_parse_invalid);
	tcase_add_test(tc, test_date_roundtrip_all_days);
	tcase_add_test(tc, test_date_ymd_valid);
	tcase_add_test(tc, test_date_weekday_today);
	tcase_add_test(tc, test_calendar_working_days);
	tcase_add_test(tc, test_calendar_add_working_days);
	tcase_add_test(tc, test_calendar_period_end);
	tcase_add_test(tc, test_calendar_between);
	tcase_add_test(tc, test_calendar_normalize);
	suite_add_tcase(s, tc);
	tc = tcase_create("money");
	tcase_add_test(tc, test_money_parse_ok);
	tcase_add_test(tc, test_money_parse_reject);
	tcase_add_test(tc, test_money_format);
	tcase_add_test(tc, test_money_chinese);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *all[] = {domain_date_money_suite(), domain_ident_suite(), domain_case_suite(),
	                domain_elig_suite()};
	return bf_test_run(all, BF_ARRAY_LEN(all));
}
