/* check_domain_ident.c — resident IDs, bank cards, mobiles, masking. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "testutil.h"

#include "bangfu/ident.h"

Suite *domain_ident_suite(void);

static bf_date D(const char *s)
{
	bf_date d = BF_DATE_NONE;
	ck_assert(bf_date_parse(s, &d));
	return d;
}

/* 17 digits + their check character. */
static const char *make_id(const char *first17)
{
	static char buf[4][19];
	static int k;
	k = (k + 1) % 4;
	ck_assert_uint_eq(strlen(first17), 17);
	memcpy(buf[k], first17, 17);
	buf[k][17] = bf_idcard_check_char(first17);
	buf[k][18] = '\0';
	ck_assert(buf[k][17] != '\0');
	return buf[k];
}

START_TEST(test_id_check_char)
{
	ck_assert_int_eq(bf_idcard_check_char("11010519491231002"), 'X');
	/* every value of the sum mod 11 maps as "10X98765432" */
	const char *map = "10X98765432";
	char first[18] = "00000000000000000";
	/* digit 17 has weight 2; digit 16 has weight 4: walk sums 0..10 */
	for (int sum = 0; sum <= 10; sum++) {
		memset(first, '0', 17);
		/* weight 7 on digit 1: 7*a mod 11 covers all residues */
		for (int a = 0; a <= 9; a++) {
			for (int b = 0; b <= 9; b++) {
				if ((7 * a + 9 * b) % 11 == sum) {
					first[0] = (char)('0' + a);
					first[1] = (char)('0' + b);
					goto found;
				}
			}
		}
		ck_abort_msg("no combination for %d", sum);
	found:
		ck_assert_int_eq(bf_idcard_check_char(first), map[sum]);
	}
	ck_assert_int_eq(bf_idcard_check_char("1101051949123100A"), '\0');
	ck_assert_int_eq(bf_idcard_check_char("110105"), '\0');
	ck_assert_int_eq(bf_idcard_check_char(NULL), '\0');
}
END_TEST

START_TEST(test_id_valid)
{
	bf_date today = D("2024-06-01");
	struct bf_idcard_info info;
	bf_error err = {{0}};
	ck_assert(bf_idcard_validate("11010519491231002X", today, &info, &err));
	ck_assert_str_eq(err.msg, "");
	ck_assert_str_eq(info.normalized, "11010519491231002X");
	ck_assert_int_eq(info.birth, D("1949-12-31"));
	ck_assert_int_eq(info.sex, BF_SEX_FEMALE); /* digit 17 is 2 */
	ck_assert(!info.foreign_permanent);

	/* lower-case x, spaces */
	ck_assert(bf_idcard_validate("11010519491231002x", today, &info, &err));
	ck_assert_str_eq(info.normalized, "11010519491231002X");
	ck_assert(bf_idcard_validate(" 110105 19491231 002x ", today, &info, &err));
	ck_assert_str_eq(info.normalized, "11010519491231002X");
	/* full-width digits and Ｘ from a Chinese input method */
	ck_assert(bf_idcard_validate("１１０１０５１９４９１２３１００２Ｘ", today, &info, &err));
	ck_assert_str_eq(info.normalized, "11010519491231002X");

	/* male: digit 17 odd */
	const char *male = make_id("32010219800101001");
	ck_assert(bf_idcard_validate(male, today, &info, &err));
	ck_assert_int_eq(info.sex, BF_SEX_MALE);
	ck_assert_int_eq(info.birth, D("1980-01-01"));

	/* born today is fine; info may be NULL */
	ck_assert(bf_idcard_validate(make_id("44030620240601002"), today, NULL, &err));
	ck_assert(bf_idcard_validate(make_id("44030620000229002"), today, NULL, NULL));

	/* residence permits for Hong Kong, Macao and Taiwan residents */
	ck_assert(bf_idcard_validate(make_id("81000019900101123"), today, &info, &err));
	ck_assert(!info.foreign_permanent);
	ck_assert(bf_idcard_validate(make_id("82000019900101124"), today, &info, &err));
	ck_assert(bf_idcard_validate(make_id("83000019900101125"), today, &info, &err));
	ck_assert_int_eq(info.sex, BF_SEX_MALE);

	/* foreigner's permanent residence card (2023 format starts with 9) */
	ck_assert(bf_idcard_validate(make_id("93158619850615002"), today, &info, &err));
	ck_assert(info.foreign_permanent);
	ck_assert_int_eq(info.birth, D("1985-06-15"));
	ck_assert_int_eq(info.sex, BF_SEX_FEMALE);
}
END_TEST

static void id_bad(const char *s, bf_date today, const char *want)
{
	bf_error err = {{0}};
	struct bf_idcard_info info;
	ck_assert_msg(!bf_idcard_validate(s, today, &info, &err), "accepted %s", s ? s : "(null)");
	ck_assert_str_eq(err.msg, want);
}

/* first17 with a wrong check character: expect the right one in the error */
static void id_wrong_check(const char *first17, bf_date today)
{
	char id[19], want[64];
	memcpy(id, make_id(first17), 19);
	char right = id[17];
	id[17] = right == '0' ? '1' : '0';
	snprintf(want, sizeof want, "ID number: check character should be %c", right);
	id_bad(id, today, want);
	if (right != 'X') {
		id[17] = 'X';
		id_bad(id, today, want);
	}
}

START_TEST(test_id_invalid)
{
	bf_date today = D("2024-06-01");
	id_bad("11010519491231002", today, "ID number must be 18 characters, got 17");
	id_bad("11010519491231002X1", today, "ID number must be 18 characters, got 19");
	id_bad("110105194912310", today, "ID number must be 18 characters, got 15");
	id_bad("11010519491231002Ｙ", today, "ID number: the last character must be a digit or X");
	id_bad("", today, "ID number is empty");
	id_bad("   ", today, "ID number is empty");
	id_bad(NULL, today, "ID number is empty");
	id_bad("110105194912310021", today, "ID number: check character should be X");
	id_bad("110105194912310020", today, "ID number: check character should be X");
	id_wrong_check("32010219800101001", today);
	id_wrong_check("44030619750315123", today);
	id_wrong_check("93158619850615002", today);
	id_wrong_check("83000019900101125", today);
	/* a single mistyped digit is always caught */
	char id[19];
	memcpy(id, "11010519491231002X", 19);
	for (int pos = 0; pos < 17; pos++) {
		char keep = id[pos];
		for (char d = '0'; d <= '9'; d++) {
			if (d == keep)
				continue;
			id[pos] = d;
			bf_error err;
			ck_assert_msg(!bf_idcard_validate(id, today, NULL, &err), "accepted %s",
			              id);
		}
		id[pos] = keep;
	}

	/* birth date: real, plausible, not in the future */
	id_bad(make_id("11010519490230002"), today,
	       "ID number: birth date 1949-02-30 does not exist");
	id_bad(make_id("11010519491301002"), today,
	       "ID number: birth date 1949-13-01 does not exist");
	id_bad(make_id("11010519490100002"), today,
	       "ID number: birth date 1949-01-00 does not exist");
	id_bad(make_id("11010520230229002"), today,
	       "ID number: birth date 2023-02-29 does not exist");
	id_bad(make_id("11010518500101002"), today, "ID number: birth year 1850 is not plausible");
	id_bad(make_id("11010520240602002"), today,
	       "ID number: birth date 2024-06-02 is in the future");
	/* the future check follows `today` */
	ck_assert(bf_idcard_validate(make_id("11010520240602002"), D("2024-06-02"), NULL, NULL));
	ck_assert(bf_idcard_validate(make_id("11010520240602002"), BF_DATE_NONE, NULL, NULL));

	/* characters */
	id_bad("1101051949123100AX", today, "ID number: character 17 must be a digit");
	id_bad("A1010519491231002X", today, "ID number: character 1 must be a digit");
	id_bad("11010519491231002Y", today, "ID number: the last character must be a digit or X");
	id_bad(make_id("01010519491231002"), today, "ID number: region code 010105 does not exist");
	id_bad("李四李四李四李四李四李四李四李四李四", today,
	       "ID number: character 1 must be a digit");
	id_bad("11010519491231002李", today, "ID number: the last character must be a digit or X");
}
END_TEST

/* A card number with a valid Luhn digit appended. */
static const char *luhn_card(const char *body)
{
	static char buf[32];
	size_t n = strlen(body);
	memcpy(buf, body, n);
	for (char c = '0'; c <= '9'; c++) {
		buf[n] = c;
		buf[n + 1] = '\0';
		if (bf_luhn_ok(buf))
			return buf;
	}
	ck_abort_msg("no Luhn digit");
	return NULL;
}

START_TEST(test_bankcard)
{
	char norm[20];
	bf_error err = {{0}};
	ck_assert(bf_luhn_ok("4111111111111111"));
	ck_assert(!bf_luhn_ok("4111111111111112"));
	ck_assert(bf_luhn_ok("79927398713"));
	ck_assert(!bf_luhn_ok(""));
	ck_assert(!bf_luhn_ok(NULL));
	ck_assert(!bf_luhn_ok("4111-1111"));

	char card19[20];
	bf_strlcpy(card19, luhn_card("622202123456789012"), sizeof card19);
	ck_assert_uint_eq(strlen(card19), 19);
	ck_assert_int_eq(bf_bankcard_check(card19, norm, &err), BF_CARD_OK);
	ck_assert_str_eq(norm, card19);
	ck_assert_str_eq(err.msg, "");

	char spaced[40];
	snprintf(spaced, sizeof spaced, " %.4s %.4s-%.4s %.4s %.3s ", card19, card19 + 4,
	         card19 + 8, card19 + 12, card19 + 16);
	ck_assert_int_eq(bf_bankcard_check(spaced, norm, &err), BF_CARD_OK);
	ck_assert_str_eq(norm, card19);

	ck_assert_int_eq(bf_bankcard_check("4111 1111 1111 1111", norm, &err), BF_CARD_OK);
	ck_assert_str_eq(norm, "4111111111111111");
	ck_assert_int_eq(bf_bankcard_check(luhn_card("621700000000000000"), norm, NULL),
	                 BF_CARD_OK);

	/* Luhn failure: a warning, not a refusal */
	ck_assert_int_eq(bf_bankcard_check("4111111111111112", norm, &err), BF_CARD_LUHN_WARNING);
	ck_assert_str_eq(norm, "4111111111111112");
	ck_assert_ptr_nonnull(strstr(err.msg, "Bank card number"));

	/* length and characters */
	ck_assert_int_eq(bf_bankcard_check("411111111111111", norm, &err), BF_CARD_INVALID);
	ck_assert_str_eq(err.msg, "Bank card number must be 16 to 19 digits, got 15");
	ck_assert_str_eq(norm, "");
	ck_assert_int_eq(bf_bankcard_check("41111111111111111111", norm, &err), BF_CARD_INVALID);
	ck_assert_str_eq(err.msg, "Bank card number must be 16 to 19 digits, got 20");
	ck_assert_int_eq(bf_bankcard_check("4111a11111111111", norm, &err), BF_CARD_INVALID);
	ck_assert_str_eq(err.msg, "Bank card number: only digits are allowed");
	ck_assert_int_eq(bf_bankcard_check("", norm, &err), BF_CARD_INVALID);
	ck_assert_str_eq(err.msg, "Bank card number is empty");
	ck_assert_int_eq(bf_bankcard_check(NULL, norm, &err), BF_CARD_INVALID);
	char longtext[200];
	memset(longtext, '1', sizeof longtext - 1);
	longtext[sizeof longtext - 1] = '\0';
	ck_assert_int_eq(bf_bankcard_check(longtext, norm, &err), BF_CARD_INVALID);
	ck_assert_int_eq(bf_bankcard_check("4111111111111111", NULL, NULL), BF_CARD_OK);
}
END_TEST

/* A contact phone for a public notice: a mobile or a landline, not "12345". */
START_TEST(test_phone_mobile_or_landline)
{
	bf_error err = {{0}};
	ck_assert(bf_phone_validate("13812345678", &err));
	ck_assert(bf_phone_validate("022-23456781", &err));
	ck_assert(bf_phone_validate("010 12345678", &err));
	ck_assert(bf_phone_validate("02223456781", &err));
	ck_assert(bf_phone_validate("87654321", &err));
	ck_assert(bf_phone_validate("010-12345678-8021", &err));
	ck_assert(!bf_phone_validate("12345", &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "landline"));
	ck_assert(!bf_phone_validate("", &err));
	ck_assert(!bf_phone_validate("010-1234", &err));
	ck_assert(!bf_phone_validate("abc-12345678", &err));
	ck_assert(!bf_phone_validate("1-12345678", &err));
}
END_TEST

START_TEST(test_mobile)
{
	char norm[12];
	bf_error err = {{0}};
	ck_assert(bf_mobile_validate("13812345678", norm, &err));
	ck_assert_str_eq(norm, "13812345678");
	ck_assert(bf_mobile_validate("+86 138 1234 5678", norm, &err));
	ck_assert_str_eq(norm, "13812345678");
	ck_assert(bf_mobile_validate("+86-138-1234-5678", norm, &err));
	ck_assert(bf_mobile_validate("8613812345678", norm, &err));
	ck_assert_str_eq(norm, "13812345678");
	ck_assert(bf_mobile_validate("008619912345678", norm, &err));
	ck_assert_str_eq(norm, "19912345678");
	ck_assert(bf_mobile_validate("15012345678", NULL, NULL));
	for (char c = '3'; c <= '9'; c++) {
		char num[12] = "1x012345678";
		num[1] = c;
		ck_assert(bf_mobile_validate(num, norm, &err));
	}
	ck_assert(!bf_mobile_validate("12812345678", norm, &err));
	ck_assert_str_eq(err.msg, "Mobile number must start with 13 to 19");
	ck_assert_str_eq(norm, "");
	ck_assert(!bf_mobile_validate("23812345678", norm, &err));
	ck_assert(!bf_mobile_validate("1381234567", norm, &err));
	ck_assert_str_eq(err.msg, "Mobile number must be 11 digits, got 10");
	ck_assert(!bf_mobile_validate("138123456789", norm, &err));
	ck_assert_str_eq(err.msg, "Mobile number must be 11 digits, got 12");
	ck_assert(!bf_mobile_validate("1381234567a", norm, &err));
	ck_assert_str_eq(err.msg, "Mobile number: only digits are allowed");
	ck_assert(!bf_mobile_validate("+85 13812345678", norm, &err));
	ck_assert(!bf_mobile_validate("", norm, &err));
	ck_assert_str_eq(err.msg, "Mobile number is empty");
	ck_assert(!bf_mobile_validate(NULL, norm, &err));
	ck_assert(!bf_mobile_validate("+86", norm, &err));
}
END_TEST

START_TEST(test_masks)
{
	char out[64];
	/* never the birth date (7–14) nor the check character (18): a mask and
	 * the birth date together must not give the number back */
	bf_mask_id("11010519491231002X", out, sizeof out);
	ck_assert_str_eq(out, "1101**********002*");
	ck_assert_ptr_null(strstr(out, "1949"));
	ck_assert_ptr_null(strstr(out, "1231"));
	ck_assert_ptr_null(strchr(out, 'X'));
	bf_mask_id("110105 19491231 002X", out, sizeof out);
	ck_assert_str_eq(out, "1101**********002*");
	bf_mask_id("110105491231002", out, sizeof out); /* old 15-digit number */
	ck_assert_str_eq(out, "1101***********");
	bf_mask_id("12345", out, sizeof out);
	ck_assert_str_eq(out, "*****");
	bf_mask_id("1234567890", out, sizeof out);
	ck_assert_str_eq(out, "1234******");
	bf_mask_id("", out, sizeof out);
	ck_assert_str_eq(out, "");
	bf_mask_id(NULL, out, sizeof out);
	ck_assert_str_eq(out, "");
	/* masking a mask or a sealed value reveals nothing more */
	bf_mask_id("1101**********002*", out, sizeof out);
	ck_assert_str_eq(out, "1101**********002*");
	bf_mask_id("bf1:AAAA", out, sizeof out);
	ck_assert_str_eq(out, "****");
	/* the public notice: the first digits only, at most six, default four */
	bf_mask_id_notice("11010519491231002X", BF_NOTICE_ID_DIGITS_DEFAULT, out, sizeof out);
	ck_assert_str_eq(out, "1101**************");
	bf_mask_id_notice("11010519491231002X", 9, out, sizeof out);
	ck_assert_str_eq(out, "110105************");

	/* bank cards and phones: the last four only */
	bf_mask_bank("6222021234567890123", out, sizeof out);
	ck_assert_str_eq(out, "***************0123");
	bf_mask_bank("6222 0212 3456 7890 123", out, sizeof out);
	ck_assert_str_eq(out, "***************0123");
	bf_mask_bank("4111-1111-1111-1111", out, sizeof out);
	ck_assert_str_eq(out, "************1111");
	bf_mask_bank("12345678", out, sizeof out);
	ck_assert_str_eq(out, "****5678");
	bf_mask_bank("", out, sizeof out);
	ck_assert_str_eq(out, "");
	bf_mask_bank(NULL, out, sizeof out);
	ck_assert_str_eq(out, "");

	bf_mask_phone("13812345678", out, sizeof out);
	ck_assert_str_eq(out, "*******5678");
	bf_mask_phone("+86 138 1234 5678", out, sizeof out);
	ck_assert_str_eq(out, "*******5678");
	bf_mask_phone("12", out, sizeof out);
	ck_assert_str_eq(out, "**");
	bf_mask_phone("", out, sizeof out);
	ck_assert_str_eq(out, "");
	bf_mask_phone(NULL, out, sizeof out);
	ck_assert_str_eq(out, "");

	/* small buffers and odd text never crash and stay NUL-terminated */
	char small[5] = "zzzz";
	bf_mask_id("11010519491231002X", small, sizeof small);
	ck_assert_str_eq(small, "1101");
	bf_mask_id("11010519491231002X", small, 0);
	ck_assert_str_eq(small, "1101");
	bf_mask_phone("13812345678", small, 1);
	ck_assert_str_eq(small, "");
	bf_mask_id("张三李四王五赵六钱七孙八", out, sizeof out);
	ck_assert_str_eq(out, "张三李四********");
	char huge[400];
	memset(huge, '9', sizeof huge - 1);
	huge[sizeof huge - 1] = '\0';
	bf_mask_bank(huge, out, sizeof out);
	ck_assert_uint_lt(strlen(out), sizeof out);
}
END_TEST

Suite *domain_ident_suite(void)
{
	Suite *s = suite_create("domain: identity numbers");
	TCase *tc = tcase_create("ident");
	tcase_add_test(tc, test_id_check_char);
	tcase_add_test(tc, test_id_valid);
	tcase_add_test(tc, test_id_invalid);
	tcase_add_test(tc, test_bankcard);
	tcase_add_test(tc, test_mobile);
	tcase_add_test(tc, test_phone_mobile_or_landline);
	tcase_add_test(tc, test_masks);
	suite_add_tcase(s, tc);
	return s;
}
