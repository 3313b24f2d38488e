/* check_import.c — CSV reading, encodings, and cases from CSV rows. */
#include "config.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* A file of n bytes at least, of rows that test the chunk boundaries:
 * quoted commas, quoted line feeds, doubled quotes, CRLF, blank lines. */
static char *big_csv(size_t n, size_t *len)
{
	size_t cap = n + 4096, o = 0;
	char *t = malloc(cap);
	ck_assert_ptr_nonnull(t);
	o += (size_t)snprintf(t, cap, "户号,名字,说明\r\n");
	for (unsigned i = 0; o < n; i++)
		o += (size_t)snprintf(
		    t + o, cap - o,
		    i % 7 == 3 ? "H%u,\"张三, 李四\",\"第一行\n第二行 \"\"引\"\"\"\r\n\r\n"
		               : "H%u,王五%u,说明文字\n",
		    i, i);
	*len = o;
	return t;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

/* Rows of a 2.3 MB file read a chunk at a time are the rows the whole file
 * parses to: fields, line numbers; twice over (rewind). */
START_TEST(test_csv_stream_same_rows)
{
	size_t len;
	char *text = big_csv(2300u << 10, &len);
	char path[] = "/tmp/check_import_XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	write_file(path, text, len);
	struct bf_csv whole;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_csv_parse_n(text, len, &whole, &err), 0);
	struct bf_csv_stream cs;
	ck_assert_int_eq(bf_csv_stream_open(&cs, path, BF_ENC_AUTO, &err), 0);
	ck_assert_int_eq(cs.enc, BF_ENC_UTF8);
	for (int pass = 0; pass < 2; pass++) {
		size_t r = 0, chunks = 0;
		struct bf_csv c;
		int rc;
		while ((rc = bf_csv_stream_next(&cs, &c, &err)) == 1) {
			chunks++;
			for (size_t k = 0; k < c.nrows; k++, r++) {
				ck_assert_uint_lt(r, whole.nrows);
				ck_assert_uint_eq(c.rows[k].line, whole.rows[r].line);
				ck_assert_uint_eq(c.rows[k].nfields, whole.rows[r].nfields);
				for (size_t f = 0; f < c.rows[k].nfields; f++)
					ck_assert_str_eq(c.rows[k].fields[f],
					                 whole.rows[r].fields[f]);
			}
			bf_csv_free(&c);
		}
		ck_assert_int_eq(rc, 0);
		ck_assert_uint_eq(r, whole.nrows);
		ck_assert_uint_ge(chunks, 3); /* it did go in pieces */
		ck_assert_int_eq(bf_csv_stream_rewind(&cs, &err), 0);
	}
	bf_csv_stream_close(&cs);
	bf_csv_free(&whole);
	/* a stray byte far in: the same message as the whole file gives */
	text[len - 10] = (char)0xFF;
	write_file(path, text, len);
	bf_error whole_err = {{0}};
	char *u = bf_to_utf8_n(text, len, BF_ENC_AUTO, NULL, &len, &whole_err);
	ck_assert_ptr_null(u);
	ck_assert_int_eq(bf_csv_stream_open(&cs, path, BF_ENC_AUTO, &err), -1);
	ck_assert_str_eq(err.msg, whole_err.msg);
	unlink(path);
	free(text);
}
END_TEST

/* GB18030 read a chunk at a time; a control character in a later chunk
 * named by line and column (the header's name). */
START_TEST(test_csv_stream_gb18030_and_errors)
{
	size_t len;
	char *text = big_csv(2u << 20, &len);
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	ck_assert(cd != (iconv_t)-1);
	size_t cap = len * 2, inleft = len, outleft = cap;
	char *gb = malloc(cap), *in = text, *o = gb;
	ck_assert(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	size_t gblen = cap - outleft;
	char path[] = "/tmp/check_import_XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	write_file(path, gb, gblen);
	struct bf_csv whole, c;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_csv_parse_n(text, len, &whole, &err), 0);
	struct bf_csv_stream cs;
	ck_assert_int_eq(bf_csv_stream_open(&cs, path, BF_ENC_AUTO, &err), 0);
	ck_assert_int_eq(cs.enc, BF_ENC_GB18030);
	size_t r = 0;
	while (bf_csv_stream_next(&cs, &c, &err) == 1) {
		for (size_t k = 0; k < c.nrows; k++, r++)
			ck_assert_str_eq(c.rows[k].fields[1], whole.rows[r].fields[1]);
		bf_csv_free(&c);
	}
	ck_assert_uint_eq(r, whole.nrows);
	bf_csv_stream_close(&cs);
	/* a control character near the end, at the start of the last row */
	size_t at = len - 2;
	while (text[at - 1] != '\n')
		at--;
	text[at] = 0x01;
	size_t line = 1;
	for (size_t i = 0; i < at; i++)
		line += text[i] == '\n';
	write_file(path, text, len);
	bf_error whole_err = {{0}};
	bf_csv_free(&whole);
	ck_assert_int_eq(bf_csv_parse_n(text, len, &whole, &whole_err), -1);
	ck_assert_int_eq(bf_csv_stream_open(&cs, path, BF_ENC_UTF8, &err), 0);
	int rc;
	while ((rc = bf_csv_stream_next(&cs, &c, &err)) == 1)
		bf_csv_free(&c);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(err.msg, whole_err.msg);
	char want[32];
	snprintf(want, sizeof want, "line %zu,", line);
	ck_assert_ptr_nonnull(strstr(err.msg, want));
	ck_assert_ptr_nonnull(strstr(err.msg, "(户号)")); /* the column's header */
	bf_csv_stream_close(&cs);
	unlink(path);
	free(gb);
	free(text);
}
END_TEST

/* Rows a household at a time (the streaming import's way): households
 * whose rows are apart are one household; the checks are those of
 * bf_import_build. */
START_TEST(test_import_row_at_a_time)
{
	struct bf_csv csv;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_csv_parse("household,relation,name,id_number\n"
	                              "A,本人,张三,11010519491231002X\n"
	                              "B,本人,李四,\n"
	                              "A,配偶,王芳,110105195001010020\n",
	                              &csv, &err),
	                 0);
	struct bf_import imp;
	ck_assert_int_eq(
	    bf_import_start(&imp, &csv.rows[0], 2026, bf_date_from_ymd(2026, 11, 28), &err), 0);
	ck_assert_int_eq(bf_import_add_row(&imp, &csv.rows[1], &err), 0);
	ck_assert_int_eq(bf_import_add_row(&imp, &csv.rows[2], &err), 1);
	ck_assert(imp.households[1].bad); /* no ID number */
	ck_assert_int_eq(bf_import_add_row(&imp, &csv.rows[3], &err), 0);
	ck_assert_uint_eq(imp.households[0].c.n_members, 2);
	ck_assert_str_eq(bf_import_row_key(&imp, &csv.rows[3]), "A");
	bf_import_check_household(&imp, &imp.households[0]);
	ck_assert(!imp.households[0].bad);
	bf_import_drop_household(&imp, 0);
	ck_assert_uint_eq(imp.nhouseholds, 1);
	ck_assert_str_eq(imp.households[0].key, "B");
	ck_assert_uint_eq(imp.nproblems, 1);
	ck_assert_uint_eq(imp.problems[0].line, 3);
	bf_import_free(&imp);
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
	tcase_add_test(tc, test_csv_stream_same_rows);
	tcase_set_timeout(tc, 30); /* files of megabytes, on a shared machine */
	tcase_add_test(tc, test_csv_stream_gb18030_and_errors);
	tcase_add_test(tc, test_ascii_stray_byte_refused);
	suite_add_tcase(s, tc);
	tc = tcase_create("cases");
	tcase_add_test(tc, test_import_households);
	tcase_add_test(tc, test_import_problems_name_line_and_column);
	tcase_add_test(tc, test_import_requires_grouping_columns);
	tcase_add_test(tc, test_import_fatal_holds_nothing);
	tcase_add_test(tc, test_import_row_at_a_time);
	suite_add_tcase(s, tc);
	Suite *all[] = {s};
	return bf_test_run(all, 1);
}
