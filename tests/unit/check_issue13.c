/* check_issue13.c — codes are codes, file names made from data, the output
 * sanitizer and the control check at intake (issue 13, items 6 and 7). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/casefile.h"
#include "bangfu/code.h"
#include "bangfu/sanitize.h"
#include "testutil.h"

START_TEST(test_codes)
{
	const char *good[] = {"U001", "a", "D-01_x", "ABCDEFGHIJKLMNOP"};
	for (size_t i = 0; i < BF_ARRAY_LEN(good); i++)
		ck_assert_msg(bf_code_ok(good[i], "Unit code", NULL), "%s refused", good[i]);
	const char *bad[] = {"",     "../../evil",        "../../../x", "a/b",
	                     "a b",  "ABCDEFGHIJKLMNOPQ", "单位",       "a.b",
	                     "U1\n", "U\x1b[2J"};
	for (size_t i = 0; i < BF_ARRAY_LEN(bad); i++) {
		bf_error err = {{0}};
		ck_assert_msg(!bf_code_ok(bad[i], "Unit code", &err), "%s accepted", bad[i]);
		ck_assert_msg(strstr(err.msg, "Unit code \""), "%s", err.msg);
		ck_assert_msg(!strchr(err.msg, '\x1b') && !strchr(err.msg, '\n'), "%s", err.msg);
	}
}
END_TEST

START_TEST(test_filename_part)
{
	char out[64];
	bf_filename_part("../../evil", out, sizeof out);
	ck_assert_str_eq(out, "_._.._evil"); /* no separator left */
	bf_filename_part("一车间/二班", out, sizeof out);
	ck_assert_str_eq(out, "一车间_二班");
	bf_filename_part("", out, sizeof out);
	ck_assert_str_eq(out, "_");
	bf_filename_part("a\x1b\\b", out, sizeof out);
	ck_assert_str_eq(out, "a__b");
	/* cut at a character boundary */
	char small[5];
	bf_filename_part("一二三", small, sizeof small);
	ck_assert_str_eq(small, "一");
}
END_TEST

static char *sanitized(const char *s)
{
	static char buf[512];
	FILE *f = fmemopen(buf, sizeof buf, "w");
	ck_assert_ptr_nonnull(f);
	bf_sanitize(f, s, strlen(s), true);
	fclose(f);
	return buf;
}

START_TEST(test_sanitize)
{
	/* the attack's names */
	ck_assert_str_eq(sanitized("张\x1b[2J\x1b[H伪造"), "张␛[2J␛[H伪造");
	ck_assert_str_eq(sanitized("李\x1b]52;c;ZWNobyBwd25lZA==\a四"),
	                 "李␛]52;c;ZWNobyBwd25lZA==␇四");
	ck_assert_str_eq(sanitized("王\u202e三四"), "王\xef\xbf\xbd三四");
	/* C1 (U+009B is CSI), DEL, the other bidi controls, not UTF-8 */
	ck_assert_str_eq(sanitized("a\xc2\x9b"
	                           "2Jb"),
	                 "a\xef\xbf\xbd"
	                 "2Jb");
	ck_assert_str_eq(sanitized("x\x7fy\r"), "x␡y␍");
	ck_assert_str_eq(sanitized("\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069"),
	                 "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
	                 "\xef\xbf\xbd\xef\xbf\xbd");
	ck_assert_str_eq(sanitized("a\x9b"
	                           "b\xff"),
	                 "a\xef\xbf\xbd"
	                 "b\xef\xbf\xbd");
	/* what is fine passes as it is */
	ck_assert_str_eq(sanitized("张三\t2026-0001 ‹›…·\n"), "张三\t2026-0001 ‹›…·\n");
}
END_TEST

/* A write cut in the middle of a character is put together again. */
START_TEST(test_sanitized_stream_split)
{
	char buf[256] = "";
	FILE *to = fmemopen(buf, sizeof buf, "w");
	ck_assert_ptr_nonnull(to);
	FILE *f = bf_sanitized_stream(to);
	ck_assert_ptr_nonnull(f);
	setvbuf(f, NULL, _IONBF, 0);
	const char *s = "王\u202e三\x1b[2J";
	for (size_t i = 0; s[i]; i++)
		fputc(s[i], f);
	fputs("\xe5", f); /* the start of 张, never finished */
	fclose(f);
	fclose(to);
	ck_assert_str_eq(buf, "王\xef\xbf\xbd三␛[2J\xef\xbf\xbd");
}
END_TEST

START_TEST(test_intake_refuses_controls)
{
	ck_assert(bf_text_has_control("a\x1b", false));
	ck_assert(bf_text_has_control("a\nb", false));
	ck_assert(!bf_text_has_control("a\nb", true));
	ck_assert(bf_text_has_control("王\u202e三", true));
	ck_assert(!bf_text_has_control("王三 · 买买提", false));
	struct bf_case *c = calloc(1, sizeof *c);
	ck_assert_ptr_nonnull(c);
	bf_case_init(c, 2026);
	strcpy(c->members[0].name, "张\x1b[2J伪造");
	strcpy(c->address, "某路\u202e1号");
	char msgs[32][256];
	size_t n = bf_case_validate(c, bf_date_from_ymd(2026, 12, 1), msgs, 32);
	bool name = false, address = false;
	for (size_t i = 0; i < n; i++) {
		name = name || strstr(msgs[i], "Employee: Name: holds a control character");
		address = address || strstr(msgs[i], "Address: holds a control character");
		ck_assert_msg(!strchr(msgs[i], '\x1b'), "%s", msgs[i]);
	}
	ck_assert_msg(name && address, "%zu problems, first: %s", n, n ? msgs[0] : "");
	free(c);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "", 1);
	Suite *s = suite_create("issue13");
	TCase *tc = tcase_create("codes and controls");
	tcase_add_test(tc, test_codes);
	tcase_add_test(tc, test_filename_part);
	tcase_add_test(tc, test_sanitize);
	tcase_add_test(tc, test_sanitized_stream_split);
	tcase_add_test(tc, test_intake_refuses_controls);
	suite_add_tcase(s, tc);
	Suite *suites[] = {s};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
