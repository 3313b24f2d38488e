/* check_holiday.c — the shipped holiday calendar against the State Council's
 * notices (data kept here, transcribed from each year's 国务院办公厅关于部分
 * 节假日安排的通知, independent of data/holidays.txt and its generator), the
 * file formats, the store's import and the district's newer years, and the
 * "no arrangement" warnings. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bangfu/holiday.h"
#include "bangfu/holiday_store.h"
#include "bangfu/publicity.h"
#include "bangfu/schema.h"
#include "bangfu/store.h"
#include "bangfu/submission.h"
#include "testutil.h"

/* ---- the notices ------------------------------------------------------------------
 * Per year: the days off as MMDD or MMDD-MMDD (YYYYMMDD where the notice
 * reaches into the year before or after), the make-up working days prefixed
 * with w. Weekends inside a holiday need not be listed: the comparison is of
 * working days. */
static const struct {
	int year;
	const char *days;
} notices[] = {
    {2004, "0101 0122-0128 w0117 w0118 0501-0507 w0508 w0509 1001-1007 w1009 w1010"},
    {2005, "0101-0103 0209-0215 w0205 w0206 0501-0507 w0430 w0508 1001-1007 w1008 w1009"},
    {2006, "0101-0103 w20051231 0129-0204 w0128 w0205 0501-0507 w0429 w0430 1001-1007 w0930 "
           "w1008 w20061230 w20061231"},
    {2007, "0101-0103 0218-0224 w0217 w0225 0501-0507 w0428 w0429 1001-1007 w0929 w0930 "
           "w20071229 20071230-20071231"},
    {2008, "0101 0206-0212 w0202 w0203 0404-0406 0501-0503 w0504 0607-0609 0913-0915 "
           "0929-1005 w0927 w0928"},
    {2009, "0101-0103 w0104 0125-0131 w0124 w0201 0404-0406 0501-0503 0528-0530 w0531 "
           "1001-1008 w0927 w1010"},
    {2010, "0101-0103 0213-0219 w0220 w0221 0403-0405 0501-0503 0614-0616 w0612 w0613 "
           "0922-0924 w0919 w0925 1001-1007 w0926 w1009"},
    {2011, "0101-0103 0202-0208 w0130 w0212 0403-0405 w0402 0430-0502 0604-0606 0910-0912 "
           "1001-1007 w1008 w1009 w20111231"},
    {2012, "0101-0103 0122-0128 w0121 w0129 0402-0404 w0331 w0401 0429-0501 w0428 0622-0624 "
           "0930-1007 w0929"},
    {2013, "0101-0103 w0105 w0106 0209-0215 w0216 w0217 0404-0406 w0407 0429-0501 w0427 "
           "w0428 0610-0612 w0608 w0609 0919-0921 w0922 1001-1007 w0929 w1012"},
    {2014, "0101 0131-0206 w0126 w0208 0405-0407 0501-0503 w0504 0602 0908 1001-1007 w0928 "
           "w1011"},
    {2015, "0101-0103 w0104 0218-0224 w0215 w0228 0405-0406 0501 0620-0622 0903-0905 w0906 "
           "0927 1001-1007 w1010"},
    {2016, "0101 0207-0213 w0206 w0214 0404 0501-0502 0609-0611 w0612 0915-0917 w0918 "
           "1001-1007 w1008 w1009"},
    {2017, "0101-0102 0127-0202 w0122 w0204 0402-0404 w0401 0501 0528-0530 w0527 1001-1008 "
           "w0930"},
    {2018, "0101 0215-0221 w0211 w0224 0405-0407 w0408 0429-0501 w0428 0618 0924 1001-1007 "
           "w0929 w0930 w20181229 20181230-20181231"},
    /* 2019: 劳动节 as adjusted by the later notice (5月1日至4日, 4月28日、5月5日上班) */
    {2019, "0101 0204-0210 w0202 w0203 0405 0501-0504 w0428 w0505 0607 0913 1001-1007 w0929 "
           "w1012"},
    /* 2020: 春节 as extended to 2月2日 */
    {2020, "0101 0124-0202 w0119 0404-0406 0501-0505 w0426 w0509 0625-0627 w0628 1001-1008 "
           "w0927 w1010"},
    {2021, "0101-0103 0211-0217 w0207 w0220 0403-0405 0501-0505 w0425 w0508 0612-0614 "
           "0919-0921 w0918 1001-1007 w0926 w1009"},
    {2022, "0101-0103 0131-0206 w0129 w0130 0403-0405 w0402 0430-0504 w0424 w0507 0603-0605 "
           "0910-0912 1001-1007 w1008 w1009 20221231"},
    {2023, "0101-0102 0121-0127 w0128 w0129 0405 0429-0503 w0423 w0506 0622-0624 w0625 "
           "0929-1006 w1007 w1008"},
    {2024, "0101 0210-0217 w0204 w0218 0404-0406 w0407 0501-0505 w0428 w0511 0610 0915-0917 "
           "w0914 1001-1007 w0929 w1012"},
    {2025, "0101 0128-0204 w0126 w0208 0404-0406 0501-0505 w0427 0531-0602 1001-1008 w0928 "
           "w1011"},
    {2026, "0101-0103 w0104 0215-0223 w0214 w0228 0404-0406 0501-0505 w0509 0619-0621 "
           "0925-0927 1001-1007 w0920 w1010"},
};

static bf_date token_date(int year, const char *s, size_t len)
{
	char buf[16];
	int y = year, m, d;
	if (len == 8) {
		ck_assert(sscanf(s, "%4d%2d%2d", &y, &m, &d) == 3);
	} else {
		ck_assert_msg(len == 4, "bad token %.*s", (int)len, s);
		memcpy(buf, s, 4);
		buf[4] = 0;
		ck_assert(sscanf(buf, "%2d%2d", &m, &d) == 2);
	}
	ck_assert_msg(bf_ymd_valid(y, m, d), "bad date in %d: %.*s", year, (int)len, s);
	return bf_date_from_ymd(y, m, d);
}

/* The notices as a calendar (entries allocated; free them). */
static struct bf_calendar notices_calendar(void)
{
	struct bf_calendar cal = {0};
	size_t cap = 0;
	for (size_t i = 0; i < BF_ARRAY_LEN(notices); i++) {
		const char *p = notices[i].days;
		while (*p) {
			while (*p == ' ')
				p++;
			if (!*p)
				break;
			bool work = *p == 'w';
			if (work)
				p++;
			size_t n = strspn(p, "0123456789");
			bf_date from = token_date(notices[i].year, p, n), to = from;
			p += n;
			if (*p == '-') {
				p++;
				n = strspn(p, "0123456789");
				to = token_date(notices[i].year, p, n);
				p += n;
			}
			for (bf_date d = from; d <= to; d++) {
				struct bf_calendar_entry *e =
				    bf_push(&cal.entries, &cap, &cal.n, sizeof *e);
				ck_assert_ptr_nonnull(e);
				e->date = d;
				e->kind = work ? BF_DAY_WORKDAY : BF_DAY_HOLIDAY;
			}
		}
	}
	bf_calendar_normalize(&cal);
	return cal;
}

/* ---- fixture ---------------------------------------------------------------------- */

static char tmpdir[512];

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bf-hol-XXXXXX", base && base[0] ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void teardown(void)
{
	if (tmpdir[0])
		nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void open_db(bf_db *db, const char *name, const char *actor)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(db, path, BF_DB_CREATE, &err) == 0, "%s", err.msg);
	if (actor)
		bf_db_set_actor(db, actor);
}

static int64_t q_int(bf_db *db, const char *sql)
{
	int64_t v = -1;
	ck_assert_msg(bf_db_int(db, sql, &v) == 0, "%s", db->errmsg);
	return v;
}

static bf_date D(const char *s)
{
	bf_date d;
	ck_assert_msg(bf_date_parse(s, &d), "bad date %s", s);
	return d;
}

static void assert_date(bf_date d, const char *want)
{
	char got[11];
	bf_date_format(d, got);
	ck_assert_str_eq(got, want);
}

static void load(bf_db *db, struct bf_calendar *cal)
{
	bf_error err = {{0}};
	ck_assert_msg(bf_calendar_load(db, cal, &err) == 0, "%s", err.msg);
}

/* ---- the shipped calendar --------------------------------------------------------- */

START_TEST(shipped_matches_notices_every_day)
{
	bf_db db;
	open_db(&db, "new.db", NULL);
	struct bf_calendar shipped, official = notices_calendar();
	load(&db, &shipped);
	int wrong = 0;
	char first[11] = "";
	for (bf_date d = D("2004-01-01"); d <= D("2026-12-31"); d++)
		if (bf_is_working_day(&shipped, d) != bf_is_working_day(&official, d)) {
			if (!wrong++)
				bf_date_format(d, first);
		}
	ck_assert_msg(wrong == 0, "%d days differ from the notices, the first %s", wrong, first);
	/* and the shipped calendar knows that it covers these years */
	for (int y = 2004; y <= 2026; y++)
		ck_assert_msg(bf_calendar_has_year(&shipped, y), "year %d not known", y);
	ck_assert(!bf_calendar_has_year(&shipped, 2003));
	/* Monday to Friday alone would be wrong on hundreds of days */
	int plain = 0;
	for (bf_date d = D("2004-01-01"); d <= D("2026-12-31"); d++)
		plain += bf_is_working_day(NULL, d) != bf_is_working_day(&official, d);
	ck_assert_int_gt(plain, 500);
	/* a new database's calendar came with it, as reference data: its
	 * audit log is still empty, and the triggers are on again */
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log"), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM holiday_year WHERE source LIKE "
	                            "'国务院办公厅关于%'"),
	                 23);
	bf_db_set_actor(&db, "tester");
	bf_error err = {{0}};
	ck_assert_int_eq(bf_holiday_set(&db, D("2030-01-01"), BF_DAY_HOLIDAY, "元旦", &err), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE actor = 'tester'"), 2);
	bf_calendar_free(&shipped);
	free(official.entries);
	bf_db_close(&db);
}
END_TEST

/* A database made before step 008 (schema 006) gets the calendar when it is
 * opened: every year not known, the days already set by hand kept. */
START_TEST(existing_database_upgraded)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/old.db", tmpdir);
	bf_db db;
	bf_error err = {{0}};
	ck_assert_msg(bf_db_open(&db, path, BF_DB_CREATE, &err) == 0, "%s", err.msg);
	bf_db_set_actor(&db, "old");
	for (size_t i = 0; i < bf_schema_nsteps && bf_schema_steps[i].version <= 6; i++)
		ck_assert_msg(bf_db_exec(&db, bf_schema_steps[i].sql) == 0, "%s", db.errmsg);
	char pragma[96];
	snprintf(pragma, sizeof pragma, "PRAGMA application_id=%d; PRAGMA user_version=6",
	         BF_APPLICATION_ID);
	ck_assert_int_eq(bf_db_exec(&db, pragma), 0);
	ck_assert_int_eq(bf_db_exec(&db, "INSERT INTO holiday (date, kind, name)"
	                                 " VALUES ('2026-10-08', 'workday', '本厂调整')"),
	                 0);
	int64_t audit = q_int(&db, "SELECT count(*) FROM audit_log");
	bf_db_close(&db);

	open_db(&db, "old.db", NULL);
	ck_assert_int_eq(q_int(&db, "PRAGMA user_version"), bf_schema_latest());
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM holiday_year"), 23);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM holiday WHERE date = '2026-10-08'"
	                            " AND kind = 'workday' AND name = '本厂调整'"),
	                 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM holiday WHERE date = '2026-10-10'"
	                            " AND kind = 'workday'"),
	                 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log"), audit);
	bf_db_close(&db);
}
END_TEST

/* Five working days from each Spring Festival and National Day start, and
 * from the make-up days around them. */
START_TEST(periods_across_spring_festival_and_national_day)
{
	bf_db db;
	open_db(&db, "p.db", NULL);
	struct bf_calendar cal;
	load(&db, &cal);
	static const struct {
		const char *start, *end;
	} cases[] = {
	    /* 2024: off 2-10..2-17, Sunday 2-4 and Sunday 2-18 worked */
	    {"2024-02-03", "2024-02-08"}, /* Sat, then Sun 2-4 is day 1 */
	    {"2024-02-08", "2024-02-20"}, /* Thu 8, Fri 9 (除夕 worked), Sun 18, Mon 19, Tue 20 */
	    {"2024-02-18", "2024-02-22"},
	    /* 2024 National Day: Sunday 9-29 and Saturday 10-12 worked */
	    {"2024-09-28", "2024-10-10"}, /* Sun 29, Mon 30, 10-8, 9, 10 */
	    {"2024-09-30", "2024-10-11"},
	    /* 2025: off 1-28..2-4, Sunday 1-26 and Saturday 2-8 worked */
	    {"2025-01-24", "2025-02-06"}, /* 24, Sun 26, 27, 2-5, 2-6 */
	    {"2025-01-26", "2025-02-07"},
	    {"2025-02-05", "2025-02-10"},
	    /* 2025 National Day with mid-autumn: off 10-1..10-8, 9-28 and 10-11 worked */
	    {"2025-09-26", "2025-10-09"}, /* 26, Sun 28, 29, 30, 10-9 */
	    {"2025-09-30", "2025-10-13"},
	    /* 2026: off 2-15..2-23, Saturdays 2-14 and 2-28 worked */
	    {"2026-02-12", "2026-02-25"},
	    {"2026-02-14", "2026-02-27"},
	    {"2026-02-24", "2026-02-28"}, /* the Saturday worked is day 5 */
	    /* 2026 National Day: Sunday 9-20 and Saturday 10-10 worked */
	    {"2026-09-19", "2026-09-24"}, /* Sunday 20 is day 1 */
	    {"2026-09-30", "2026-10-12"},
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(cases); i++) {
		char got[11];
		bf_date_format(bf_pub_period_end(&cal, D(cases[i].start), 5), got);
		ck_assert_msg(!strcmp(got, cases[i].end), "from %s: %s, want %s", cases[i].start,
		              got, cases[i].end);
	}
	/* days left count the make-up Saturday */
	ck_assert_int_eq(bf_pub_days_left(&cal, D("2026-10-09"), D("2026-10-12")), 3);
	/* the deadline warning counts working days on the calendar */
	struct bf_deadline dl = {D("2026-10-09"), 17, 30};
	struct bf_deadline_status s;
	bf_deadline_status(&dl, D("2026-09-30"), 9 * 60, &cal, &s);
	ck_assert_int_eq(s.working_days_left, 3); /* 9-30, 10-8, 10-9 */
	ck_assert_int_eq(s.level, BF_DEADLINE_WARN);
	bf_calendar_free(&cal);
	bf_db_close(&db);
}
END_TEST

START_TEST(missing_year_warnings)
{
	bf_db db;
	open_db(&db, "w.db", NULL);
	struct bf_calendar cal;
	load(&db, &cal);
	ck_assert_int_eq(bf_calendar_missing_year(&cal, D("2026-12-20"), D("2027-01-05")), 2027);
	ck_assert_int_eq(bf_calendar_missing_year(&cal, D("2026-01-20"), D("2026-02-05")), 0);
	ck_assert_int_eq(bf_calendar_missing_year(&cal, D("2027-01-05"), D("2026-12-20")), 2027);
	ck_assert_int_eq(bf_calendar_missing_year(NULL, D("2026-01-20"), D("2026-02-05")), 2026);
	char msg[160];
	setenv("LANGUAGE", "", 1);
	bf_calendar_warning(2027, msg, sizeof msg);
	ck_assert_str_eq(msg, "no holiday arrangement for 2027: counted Monday to Friday");
	bf_calendar_warning(0, msg, sizeof msg);
	ck_assert_str_eq(msg, "");
	/* the case list's notice: from 1 December of the year before */
	ck_assert_int_eq(bf_calendar_year_due(&cal, D("2026-11-30")), 0);
	ck_assert_int_eq(bf_calendar_year_due(&cal, D("2026-12-01")), 2027);
	ck_assert_int_eq(bf_calendar_year_due(&cal, D("2027-03-01")), 2027);
	ck_assert_int_eq(bf_calendar_year_due(&cal, D("2025-12-01")), 0);
	bf_calendar_free(&cal);
	bf_db_close(&db);
}
END_TEST

/* ---- file formats -------------------------------------------------------------------- */

static const char text_2027[] = "\xEF\xBB\xBF# a test arrangement\r\n"
                                "year 2027 国务院办公厅关于2027年部分节假日安排的通知\n"
                                "\n"
                                "2027-01-01 off 元旦\n"
                                "2027-02-06..2027-02-12 off 春节\n"
                                "2027-02-14 work 春节\n"
                                "2027-02-20 班\n";

START_TEST(parse_text_format)
{
	struct bf_holiday_file f;
	bf_error err = {{0}};
	ck_assert_msg(bf_holiday_parse(text_2027, strlen(text_2027), "a.txt", &f, &err) == 0, "%s",
	              err.msg);
	ck_assert_uint_eq(f.n, 10);
	ck_assert_uint_eq(f.nyears, 1);
	ck_assert_int_eq(f.years[0].year, 2027);
	ck_assert_str_eq(f.years[0].note, "国务院办公厅关于2027年部分节假日安排的通知");
	assert_date(f.days[1].date, "2027-02-06");
	ck_assert_str_eq(f.days[1].name, "春节");
	ck_assert_int_eq(f.days[8].kind, BF_DAY_WORKDAY);
	ck_assert_str_eq(f.days[9].name, "");
	bf_holiday_file_free(&f);

	static const struct {
		const char *text, *msg;
	} bad[] = {
	    {"2027-01-01 off\n2027-02-30 off\n", "b.txt: line 2: expected a date"},
	    {"# x\nyear 27\n", "b.txt: line 2: year: expected a year"},
	    {"2027-01-01 rest\n", "b.txt: line 1: after the date: expected 'off' or 'work'"},
	    {"2027-01-05..2027-01-01 off\n", "b.txt: line 1: the range must run forward"},
	    {"# only a comment\n\n", "b.txt: no days and no year in the file"},
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(bad); i++) {
		ck_assert_int_eq(
		    bf_holiday_parse(bad[i].text, strlen(bad[i].text), "b.txt", &f, &err), -1);
		ck_assert_msg(strstr(err.msg, bad[i].msg), "%s", err.msg);
		ck_assert_ptr_null(f.days);
	}
}
END_TEST

static const char ics_2027[] = "BEGIN:VCALENDAR\r\n"
                               "VERSION:2.0\r\n"
                               "BEGIN:VEVENT\r\n"
                               "DTSTART;VALUE=DATE:20270206\r\n"
                               "DTEND;VALUE=DATE:20270213\r\n"
                               "SUMMARY:春节(休)\r\n"
                               "END:VEVENT\r\n"
                               "BEGIN:VEVENT\r\n"
                               "DTSTART;VALUE=DATE:20270214\r\n"
                               "DTEND;VALUE=DATE:20270215\r\n"
                               "SUMMARY:春节(班)\r\n"
                               "X-APPLE-SPECIAL-DAY:ALTERNATE-WORK\r\n"
                               " DAY\r\n"
                               "END:VEVENT\r\n"
                               "BEGIN:VEVENT\r\n"
                               "DTSTART;VALUE=DATE:20270101\r\n"
                               "SUMMARY:New Year's Day(Holiday)\r\n"
                               "END:VEVENT\r\n"
                               "END:VCALENDAR\r\n";

START_TEST(parse_ics)
{
	struct bf_holiday_file f;
	bf_error err = {{0}};
	ck_assert_msg(bf_holiday_parse(ics_2027, strlen(ics_2027), "c.ics", &f, &err) == 0, "%s",
	              err.msg);
	ck_assert_uint_eq(f.n, 9);
	ck_assert_uint_eq(f.nyears, 1);
	ck_assert_int_eq(f.years[0].year, 2027);
	assert_date(f.days[0].date, "2027-01-01");
	ck_assert_str_eq(f.days[0].name, "New Year's Day");
	assert_date(f.days[7].date, "2027-02-12"); /* DTEND is exclusive */
	ck_assert_str_eq(f.days[7].name, "春节");
	ck_assert_int_eq(f.days[8].kind, BF_DAY_WORKDAY); /* the folded line */
	bf_holiday_file_free(&f);

	/* another publisher's words: 补班, 假期 第1天 */
	const char *other = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270424\n"
	                    "SUMMARY:劳动节 补班\nEND:VEVENT\nBEGIN:VEVENT\n"
	                    "DTSTART;VALUE=DATE:20270501\nSUMMARY:劳动节 假期 第1天/共5天\n"
	                    "END:VEVENT\nEND:VCALENDAR\n";
	ck_assert_int_eq(bf_holiday_parse(other, strlen(other), "e.ics", &f, &err), 0);
	ck_assert_uint_eq(f.n, 2);
	ck_assert_int_eq(f.days[0].kind, BF_DAY_WORKDAY);
	ck_assert_str_eq(f.days[0].name, "劳动节");
	ck_assert_int_eq(f.days[1].kind, BF_DAY_HOLIDAY);
	ck_assert_str_eq(f.days[1].name, "劳动节");
	bf_holiday_file_free(&f);

	const char *bad = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2027\nEND:VEVENT\n";
	ck_assert_int_eq(bf_holiday_parse(bad, strlen(bad), "d.ics", &f, &err), -1);
	ck_assert_msg(strstr(err.msg, "d.ics: line 3: DTSTART: expected a date"), "%s", err.msg);
	bad = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\nSUMMARY:party\nEND:VEVENT\n";
	ck_assert_int_eq(bf_holiday_parse(bad, strlen(bad), "d.ics", &f, &err), -1);
	ck_assert_msg(strstr(err.msg, "d.ics: line 2: cannot tell"), "%s", err.msg);
}
END_TEST

/* The shipped ics of chinese-days says the same as its text: a sample. */
START_TEST(shipped_text_parses)
{
	struct bf_holiday_file f;
	bf_error err = {{0}};
	ck_assert_msg(bf_holiday_parse(bf_holiday_shipped, bf_holiday_shipped_len, "holidays.txt",
	                               &f, &err) == 0,
	              "%s", err.msg);
	ck_assert_uint_eq(f.nyears, 23);
	ck_assert_int_eq(f.years[0].year, 2004);
	ck_assert_int_eq(f.years[22].year, 2026);
	ck_assert(strstr(f.years[22].note, "国务院办公厅关于2026年部分节假日安排的通知"));
	bf_holiday_file_free(&f);
}
END_TEST

/* ---- the store ------------------------------------------------------------------------ */

START_TEST(import_set_and_audit)
{
	bf_db db;
	open_db(&db, "i.db", "王主席");
	struct bf_holiday_file f;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_holiday_parse(text_2027, strlen(text_2027), "a.txt", &f, &err), 0);
	int changed, added;
	int64_t audit = q_int(&db, "SELECT count(*) FROM audit_log");
	ck_assert_msg(bf_holiday_import(&db, &f, "a.txt", &changed, &added, &err) == 0, "%s",
	              err.msg);
	ck_assert_int_eq(changed, 10);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE actor = '王主席'"), 11);
	/* the same file again changes nothing */
	ck_assert_int_eq(bf_holiday_import(&db, &f, "a.txt", &changed, &added, &err), 0);
	ck_assert_int_eq(changed + added, 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log"), audit + 11);
	bf_holiday_file_free(&f);
	struct bf_calendar cal;
	load(&db, &cal);
	ck_assert(bf_calendar_has_year(&cal, 2027));
	ck_assert_int_eq(bf_calendar_missing_year(&cal, D("2026-12-20"), D("2027-01-05")), 0);
	ck_assert(!bf_is_working_day(&cal, D("2027-02-08")));
	ck_assert(bf_is_working_day(&cal, D("2027-02-14")));
	bf_calendar_free(&cal);
	/* a day set by hand makes its year known */
	ck_assert_int_eq(bf_holiday_set(&db, D("2028-01-03"), BF_DAY_HOLIDAY, "元旦", &err), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM holiday_year WHERE year = 2028"
	                            " AND source = 'by hand'"),
	                 1);
	/* without an operator nothing is written */
	bf_db_set_actor(&db, NULL);
	ck_assert_int_eq(bf_holiday_parse(text_2027, strlen(text_2027), "a.txt", &f, &err), 0);
	ck_assert_int_eq(bf_holiday_import(&db, &f, "a.txt", &changed, &added, &err), -1);
	bf_holiday_file_free(&f);
	bf_db_close(&db);
}
END_TEST

START_TEST(district_newer_years)
{
	bf_db dist, unit;
	open_db(&dist, "d.db", "区管理员");
	open_db(&unit, "u.db", "王主席");
	bf_error err = {{0}};
	struct bf_holiday_file f;
	int changed, added;
	ck_assert_int_eq(bf_holiday_parse(text_2027, strlen(text_2027), "a.txt", &f, &err), 0);
	ck_assert_int_eq(bf_holiday_import(&dist, &f, "a.txt", &changed, &added, &err), 0);
	bf_holiday_file_free(&f);
	/* the district's whole calendar, as a reply would carry it */
	struct bf_holiday_file all;
	ck_assert_int_eq(bf_holiday_list(&dist, 0, &all, &err), 0);
	ck_assert_uint_eq(all.nyears, 24);
	int taken[8];
	size_t n;
	ck_assert_msg(bf_holiday_take_newer(&unit, &all, "区总工会", taken, 8, &n, &err) == 0, "%s",
	              err.msg);
	ck_assert_uint_eq(n, 1); /* only 2027: the shipped years are the same */
	ck_assert_int_eq(taken[0], 2027);
	ck_assert_int_eq(q_int(&unit, "SELECT count(*) FROM holiday WHERE date LIKE '2027-%'"), 10);
	ck_assert_int_eq(q_int(&unit, "SELECT count(*) FROM audit_log WHERE tbl = 'holiday'"
	                              " AND actor = '王主席'"),
	                 10);
	/* again: nothing newer */
	ck_assert_int_eq(bf_holiday_take_newer(&unit, &all, "区总工会", taken, 8, &n, &err), 0);
	ck_assert_uint_eq(n, 0);
	bf_holiday_file_free(&all);
	/* the district corrects a day of 2027 later: the unit takes the year again */
	ck_assert_int_eq(bf_db_exec(&dist, "UPDATE holiday_year SET updated_at = "
	                                   "'2099-01-01 00:00:00' WHERE year = 2027"),
	                 0);
	ck_assert_int_eq(bf_db_exec(&dist, "DELETE FROM holiday WHERE date = '2027-02-20'"), 0);
	ck_assert_int_eq(bf_holiday_list(&dist, 0, &all, &err), 0);
	ck_assert_int_eq(bf_holiday_take_newer(&unit, &all, "区总工会", taken, 8, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(q_int(&unit, "SELECT count(*) FROM holiday WHERE date LIKE '2027-%'"), 9);
	bf_holiday_file_free(&all);
	bf_db_close(&dist);
	bf_db_close(&unit);
}
END_TEST

static Suite *holiday_suite(void)
{
	Suite *s = suite_create("holiday");
	TCase *tc = tcase_create("calendar");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, shipped_matches_notices_every_day);
	tcase_add_test(tc, existing_database_upgraded);
	tcase_add_test(tc, periods_across_spring_festival_and_national_day);
	tcase_add_test(tc, missing_year_warnings);
	tcase_add_test(tc, parse_text_format);
	tcase_add_test(tc, parse_ics);
	tcase_add_test(tc, shipped_text_parses);
	tcase_add_test(tc, import_set_and_audit);
	tcase_add_test(tc, district_newer_years);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *s[] = {holiday_suite()};
	return bf_test_run(s, BF_ARRAY_LEN(s));
}
