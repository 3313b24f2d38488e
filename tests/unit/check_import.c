/* check_import.c — CSV reading, encodings, and cases from CSV rows. */
#include "config.h"

#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "bangfu/case_import.h"
#include "bangfu/csv.h"
#include "testutil.h"

START_TEST(test_csv_quotes_and_crlf)
{
	struct bf_csv csv;
	bf_error err = {{0}};
	const char *text =
	    "a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\"two\nlines\"\r\n\r\n 1 , 2 ,3\n";
	ck_assert_int_eq(bf_csv_parse(text, &csv, &err), 0);
	ck_assert_uint_eq(csv.nrows, 3);
	ck_assert_str_eq(csv.rows[1].fields[0], "x, y");
	ck_assert_str_eq(csv.rows[1].fields[1], "he said \"hi\"");
	ck_assert_str_eq(csv.rows[1].fields[2], "two\nlines");
	ck_assert_uint_eq(csv.rows[1].line, 2);
	ck_assert_uint_eq(csv.rows[2].line, 5); /* the quoted newline and the blank line count */
	ck_assert_str_eq(csv.rows[2].fields[0], "1");
	ck_assert_uint_eq(csv.rows[2].nfields, 3);
	bf_csv_free(&csv);
}
END_TEST

START_TEST(test_csv_unclosed_quote)
{
	struct bf_csv csv;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_csv_parse("a,b\n1,\"open\n2,3\n", &csv, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "line 2"));
}
END_TEST

START_TEST(test_utf8_bom_and_gb18030)
{
	bf_error err = {{0}};
	enum bf_encoding used;
	char *s = bf_to_utf8("\xEF\xBB\xBF张三", 9, BF_ENC_AUTO, &used, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(used, BF_ENC_UTF8);
	ck_assert_str_eq(s, "张三");
	free(s);

	/* 张三 in GB18030 is D5 C5 C8 FD */
	s = bf_to_utf8("\xD5\xC5\xC8\xFD,1\n", 7, BF_ENC_AUTO, &used, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(used, BF_ENC_GB18030);
	ck_assert_str_eq(s, "张三,1\n");
	free(s);

	/* forced UTF-8 on GB18030 bytes names the line */
	s = bf_to_utf8("ok\n\xD5\xC5\xC8\xFD\n", 8, BF_ENC_UTF8, &used, &err);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(err.msg, "line 2"));
	ck_assert_int_eq(bf_encoding_parse("GBK"), BF_ENC_GB18030);
	ck_assert_int_eq(bf_encoding_parse("latin1"), -1);
}
END_TEST

/* Issue 18 item 3: a NUL (or any control byte) is an error naming the line
 * and the column, and nothing is returned. */
START_TEST(test_csv_control_bytes_refused)
{
	struct bf_csv csv;
	bf_error err = {{0}};
	const char nul[] = "户号,关系\nH1,本人\n\0H2,本人\nH3,本人\n";
	ck_assert_int_eq(bf_csv_parse_n(nul, sizeof nul - 1, &csv, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "line 3, column 1 (户号), character 1"));
	ck_assert_ptr_nonnull(strstr(err.msg, "0x00"));
	ck_assert_uint_eq(csv.nrows, 0);
	ck_assert_ptr_null(csv.rows);

	/* inside a quoted field too, and DEL */
	const char ctl[] = "a,b\n1,\"x\x01y\"\n";
	ck_assert_int_eq(bf_csv_parse_n(ctl, sizeof ctl - 1, &csv, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "line 2, column 2 (b), character 5"));
	ck_assert_ptr_nonnull(strstr(err.msg, "0x01"));
	ck_assert_int_eq(bf_csv_parse("a\n\x7f\n", &csv, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "0x7F"));
	/* no header yet: the column by number only */
	ck_assert_int_eq(bf_csv_parse("a,\x1b", &csv, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "line 1, column 2, character 3"));

	/* TAB, CR and LF where the grammar has them are fine */
	ck_assert_int_eq(bf_csv_parse("a\tb,c\r\n\"x\r\ny\",\t2\r\n", &csv, &err), 0);
	ck_assert_uint_eq(csv.nrows, 2);
	ck_assert_str_eq(csv.rows[0].fields[0], "a\tb");
	ck_assert_str_eq(csv.rows[1].fields[0], "x\r\ny");
	bf_csv_free(&csv);

	/* the length is what counts: the NUL reaches the parser through the decoder */
	enum bf_encoding used;
	size_t n;
	char *t = bf_to_utf8_n("a\n\0b\n", 5, BF_ENC_AUTO, &used, &n, &err);
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(n, 5);
	ck_assert_int_eq(bf_csv_parse_n(t, n, &csv, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "line 2, column 1 (a)"));
	free(t);
}
END_TEST

/* Issue 18 items 10 and 11: a UTF-8 file with a stray byte is UTF-8 and
 * refused, naming the byte and its line; never read as GB18030. */
START_TEST(test_utf8_stray_byte_refused)
{
	bf_error err = {{0}};
	enum bf_encoding used;
	const char stray[] = "户号,姓名\nH1,何伟\nH2,张\xe9三\n";
	char *s = bf_to_utf8(stray, sizeof stray - 1, BF_ENC_AUTO, &used, &err);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(used, BF_ENC_UTF8);
	ck_assert_ptr_nonnull(strstr(err.msg, "line 3"));
	ck_assert_ptr_nonnull(strstr(err.msg, "0xE9"));
	ck_assert_ptr_null(strstr(err.msg, "--encoding utf-8"));
	ck_assert_ptr_nonnull(strstr(err.msg, "--encoding gb18030"));

	/* --encoding overrides the guess: GB18030 asked for is what is used */
	s = bf_to_utf8(stray, sizeof stray - 1, BF_ENC_GB18030, &used, &err);
	ck_assert_int_eq(used, BF_ENC_GB18030);
	free(s);

	/* a real GB18030 file (何伟 = BA CE CE B0, 张三 = D5 C5 C8 FD) is still read */
	const char gb[] =
	    "\xbb\xa7\xba\xc5,\xd0\xd5\xc3\xfb\nH1,\xba\xce\xce\xb0\nH2,\xd5\xc5\xc8\xfd\n";
	s = bf_to_utf8(gb, sizeof gb - 1, BF_ENC_AUTO, &used, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(used, BF_ENC_GB18030);
	ck_assert_str_eq(s, "户号,姓名\nH1,何伟\nH2,张三\n");
	free(s);
	/* and --encoding utf-8 on it is refused naming the first byte */
	s = bf_to_utf8(gb, sizeof gb - 1, BF_ENC_UTF8, &used, &err);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(err.msg, "line 1: byte 0xBB (byte 1"));

	/* GB18030 asked for, bytes that are not: the byte named, no --encoding hint */
	s = bf_to_utf8("ok\n\x81,\n", 6, BF_ENC_GB18030, &used, &err);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(err.msg, "line 2"));
	ck_assert_ptr_nonnull(strstr(err.msg, "0x81"));
	ck_assert_ptr_null(strstr(err.msg, "--encoding utf-8"));
}
END_TEST

/* Issue 18 item 10, the rest: ASCII with one stray byte before a letter
 * (Latin-1 é in "Renee") decodes as a GB18030 character (0xE9 0x65), and one
 * stray byte beside the only Chinese character is as many bad bytes as good
 * characters: both were read as GB18030 without a word. They are UTF-8 and
 * refused naming the byte and its line; real GB18030 is still read, and
 * --encoding overrides. */
START_TEST(test_ascii_stray_byte_refused)
{
	bf_error err = {{0}};
	enum bf_encoding used = BF_ENC_AUTO;
	const char ascii[] = "household,name\nH1,Smith\nH2,Ren\xe9\x65\n";
	char *s = bf_to_utf8(ascii, sizeof ascii - 1, BF_ENC_AUTO, &used, &err);
	ck_assert_msg(s == NULL, "decoded as %s", s);
	ck_assert_int_eq(used, BF_ENC_UTF8);
	ck_assert_msg(strstr(err.msg, "line 3: byte 0xE9 (byte 31 of the file)"), "%s", err.msg);
	ck_assert_ptr_null(strstr(err.msg, "--encoding utf-8"));

	/* several, each before a letter: the first is named */
	const char latin1[] = "household,name\nH1,Jos\xe9\x61\nH2,Ren\xe9\x65\n";
	s = bf_to_utf8(latin1, sizeof latin1 - 1, BF_ENC_AUTO, &used, &err);
	ck_assert_ptr_null(s);
	ck_assert_msg(strstr(err.msg, "line 2: byte 0xE9"), "%s", err.msg);

	/* UTF-8 Chinese, a stray byte right before its only Chinese character */
	const char one[] = "household,name\nH1,\xe9何\n";
	s = bf_to_utf8(one, sizeof one - 1, BF_ENC_AUTO, &used, &err);
	ck_assert_msg(s == NULL, "decoded as %s", s);
	ck_assert_int_eq(used, BF_ENC_UTF8);
	ck_assert_msg(strstr(err.msg, "line 2: byte 0xE9"), "%s", err.msg);

	/* --encoding gb18030 overrides: read as asked */
	s = bf_to_utf8(ascii, sizeof ascii - 1, BF_ENC_GB18030, &used, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(used, BF_ENC_GB18030);
	free(s);

	/* real GB18030 is still GB18030: two characters (中国 = D6 D0 B9 FA,
	 * whose D0 B9 is a valid UTF-8 sequence), and a rare character with an
	 * ASCII second byte (丂 = 81 40) among common ones */
	s = bf_to_utf8("H1,\xd6\xd0\xb9\xfa\n", 8, BF_ENC_AUTO, &used, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(used, BF_ENC_GB18030);
	ck_assert_str_eq(s, "H1,中国\n");
	free(s);
	s = bf_to_utf8("\x81\x40,\xd5\xc5\xc8\xfd\n", 9, BF_ENC_AUTO, &used, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(used, BF_ENC_GB18030);
	ck_assert_str_eq(s, "丂,张三\n");
	free(s);
}
END_TEST

static const char *good_csv =
    "户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明,部门,电话,银行卡号,主要致困原因,"
    "次要致困原因\n"
    "H1,本人,张三,11010519491231002X,已婚,在岗,\"1,500.00\",单位收入证明,一车间,13812345678,"
    "6222021234567890128,患大病,子女上学、其他\n"
    "H1,配偶,李四,110105195003070027,已婚,失业,0,无证明,,,,,\n"
    "H2,本人,王五,110105198001010016,未婚,在岗,2000,单位收入证明,二车间,,,,\n"
    "H1,子女,张小三,110105201001010010,未婚,学生,0,,,,,,\n";

static struct bf_import build(const char *text)
{
	struct bf_csv csv;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_csv_parse(text, &csv, &err), 0);
	struct bf_import imp;
	ck_assert_int_eq(bf_import_build(&csv, 2026, bf_date_from_ymd(2026, 11, 28), &imp, &err),
	                 0);
	bf_csv_free(&csv);
	return imp;
}

START_TEST(test_import_households)
{
	struct bf_import imp = build(good_csv);
	for (size_t i = 0; i < imp.nproblems; i++)
		fprintf(stderr, "line %zu %s: %s\n", imp.problems[i].line, imp.problems[i].column,
		        imp.problems[i].msg);
	ck_assert_uint_eq(imp.nproblems, 0);
	ck_assert_uint_eq(imp.nhouseholds, 2);
	struct bf_case *c = &imp.households[0].c;
	ck_assert_uint_eq(c->n_members, 3);
	ck_assert_str_eq(c->members[0].name, "张三");
	ck_assert_int_eq(c->members[0].relation, BF_REL_SELF);
	ck_assert_int_eq(c->members[0].monthly_income, 150000);
	ck_assert_str_eq(c->members[0].birth_date, "1949-12-31");
	ck_assert_str_eq(c->department, "一车间");
	ck_assert_str_eq(c->bank_card, "6222021234567890128");
	ck_assert_int_eq(c->primary_cause, BF_CAUSE_MAJOR_ILLNESS);
	ck_assert_int_eq(c->secondary_causes[0], BF_CAUSE_SCHOOLING);
	ck_assert_int_eq(c->secondary_causes[1], BF_CAUSE_OTHER);
	ck_assert_int_eq(c->secondary_causes[2], BF_CAUSE_NONE);
	ck_assert_int_eq(c->members[1].status, BF_ST_UNEMPLOYED);
	ck_assert_str_eq(c->members[2].name, "张小三"); /* a later row of H1 joins H1 */
	ck_assert_int_eq(c->year, 2026);
	bf_import_free(&imp);
}
END_TEST

static bool has_problem(const struct bf_import *imp, size_t line, const char *column,
                        const char *needle)
{
	for (size_t i = 0; i < imp->nproblems; i++)
		if (imp->problems[i].line == line && !strcmp(imp->problems[i].column, column) &&
		    strstr(imp->problems[i].msg, needle))
			return true;
	return false;
}

START_TEST(test_import_problems_name_line_and_column)
{
	const char *text = "户号,关系,姓名,身份证号,月收入,电话,颜色\n"
	                   "H1,本人,张三,110105194912310021,12.345,12345,红\n"
	                   "H1,表哥,李四,11010519491231002X,0,,\n"
	                   "H1,配偶,李四,110105195003070027,0,13812345678,\n"
	                   "H2,配偶,王六,110105195003070027,0,,\n";
	struct bf_import imp = build(text);
	ck_assert(has_problem(&imp, 1, "颜色", "unknown column"));
	ck_assert(has_problem(&imp, 2, "身份证号", "check"));
	ck_assert(has_problem(&imp, 2, "月收入", ""));
	ck_assert(has_problem(&imp, 2, "电话", ""));
	ck_assert(has_problem(&imp, 3, "关系", "表哥"));
	ck_assert(has_problem(&imp, 4, "电话", "employee's row"));
	ck_assert(has_problem(&imp, 5, "relation", "no employee row"));
	ck_assert(imp.households[0].bad);
	bf_import_free(&imp);
}
END_TEST

START_TEST(test_import_requires_grouping_columns)
{
	struct bf_csv csv;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_csv_parse("姓名,身份证号\n张三,11010519491231002X\n", &csv, &err), 0);
	struct bf_import imp;
	ck_assert_int_eq(bf_import_build(&csv, 2026, bf_date_from_ymd(2026, 1, 1), &imp, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "household"));
	bf_csv_free(&csv);
	bf_import_free(&imp);
}
END_TEST

/* Issue 18 item 12: a header without 户号/关系 after unknown columns left
 * the problems allocated (784 bytes under ASan): now nothing is held. */
START_TEST(test_import_fatal_holds_nothing)
{
	struct bf_csv csv;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_csv_parse("foo,bar\n1,2\n", &csv, &err), 0);
	struct bf_import imp;
	ck_assert_int_eq(bf_import_build(&csv, 2026, bf_date_from_ymd(2026, 1, 1), &imp, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "household"));
	ck_assert_uint_eq(imp.nproblems, 0);
	ck_assert_ptr_null(imp.problems);
	bf_csv_free(&csv);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("csv");
	tcase_add_test(tc, test_csv_quotes_and_crlf);
	tcase_add_test(tc, test_csv_unclosed_quote);
	tcase_add_test(tc, test_utf8_bom_and_gb18030);
	tcase_add_test(tc, test_csv_control_bytes_refused);
	tcase_add_test(tc, test_utf8_stray_byte_refused);
	tcase_add_test(tc, test_ascii_stray_byte_refused);
	suite_add_tcase(s, tc);
	tc = tcase_create("cases");
	tcase_add_test(tc, test_import_households);
	tcase_add_test(tc, test_import_problems_name_line_and_column);
	tcase_add_test(tc, test_import_requires_grouping_columns);
	tcase_add_test(tc, test_import_fatal_holds_nothing);
	suite_add_tcase(s, tc);
	Suite *all[] = {s};
	return bf_test_run(all, 1);
}
