/* check_pinyin.c — pinyin-initial search (src/domain/pinyin.c + generated table). */
#include "config.h"

#include <string.h>

#include "bangfu/pinyin.h"
#include "testutil.h"

static uint32_t bits(const char *letters)
{
	uint32_t m = 0;
	for (; *letters; letters++)
		m |= BF_PINYIN_BIT(*letters);
	return m;
}

/* First code point of a UTF-8 literal (test helper, assumes valid input). */
static uint32_t cp_of(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80)
		return u[0];
	if (u[0] < 0xE0)
		return (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
	if (u[0] < 0xF0)
		return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	return (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 |
	       (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
}

static const char *initials(const char *s)
{
	static char buf[64];
	memset(buf, 'X', sizeof buf);
	bf_pinyin_initials(s, buf, sizeof buf);
	return buf;
}

/* ---- initials ------------------------------------------------------------ */

START_TEST(test_initials_basic)
{
	ck_assert_str_eq(initials("张三"), "zs");
	ck_assert_str_eq(initials("张三丰"), "zsf");
	ck_assert_str_eq(initials("刘晓明"), "lxm");
	ck_assert_str_eq(initials("王"), "w");
	ck_assert_str_eq(initials("欧阳娜娜"), "oynn");
}
END_TEST

START_TEST(test_initials_minority_names)
{
	ck_assert_str_eq(initials("买买提·艾力"), "mmtal");
	ck_assert_str_eq(initials("买买提・艾力"), "mmtal"); /* katakana dot */
	ck_assert_str_eq(initials("买买提.艾力"), "mmtal");
	ck_assert_str_eq(initials("阿依古丽·吐尔逊"), "aygltex");
}
END_TEST

START_TEST(test_initials_mixed)
{
	ck_assert_str_eq(initials("李A"), "la");
	ck_assert_str_eq(initials("张三(ABC公司)"), "zsabcgs");
	ck_assert_str_eq(initials("Tom 王 2号"), "tomwh");
	ck_assert_str_eq(initials("１２３，。！"), ""); /* full-width punctuation */
	ck_assert_str_eq(initials("김철수"), "");       /* Hangul: no pinyin */
}
END_TEST

START_TEST(test_initials_first_reading)
{
	/* customary (kMandarin) reading of polyphonic characters */
	ck_assert_str_eq(initials("长"), "z"); /* zhǎng */
	ck_assert_str_eq(initials("重"), "z"); /* zhòng */
	ck_assert_str_eq(initials("乐"), "l"); /* lè */
	ck_assert_str_eq(initials("曾"), "c"); /* céng (surname zēng) */
	ck_assert_str_eq(initials("朴"), "p");
}
END_TEST

START_TEST(test_initials_edge)
{
	ck_assert_str_eq(initials(""), "");
	ck_assert_str_eq(initials(NULL), "");
	/* invalid UTF-8 is skipped, valid neighbours survive */
	ck_assert_str_eq(initials("\xff张\x80三\xe5\xbc"), "zs");
	ck_assert_str_eq(initials("\xc0\xaf"
	                          "A"),
	                 "a"); /* overlong '/' */
	ck_assert_str_eq(initials("\xed\xa0\x80"
	                          "b"),
	                 "b"); /* surrogate */

	char small[3] = "??";
	bf_pinyin_initials("张三丰", small, sizeof small);
	ck_assert_str_eq(small, "zs");
	char one[1] = {'?'};
	bf_pinyin_initials("张三", one, sizeof one);
	ck_assert_int_eq(one[0], '\0');
	char untouched = '?';
	bf_pinyin_initials("张三", &untouched, 0);
	ck_assert_int_eq(untouched, '?');
	bf_pinyin_initials("张三", NULL, 10); /* must not crash */
}
END_TEST

/* ---- match ----------------------------------------------------------------- */

START_TEST(test_match_basic)
{
	ck_assert(bf_pinyin_match("张三", "zs"));
	ck_assert(bf_pinyin_match("张三丰", "zsf"));
	ck_assert(bf_pinyin_match("刘晓明", "lxm"));
	ck_assert(bf_pinyin_match("张三", "ZS"));
	ck_assert(bf_pinyin_match("张三丰", "Zs"));
	/* any contiguous run */
	ck_assert(bf_pinyin_match("张三丰", "sf"));
	ck_assert(bf_pinyin_match("张三丰", "f"));
	ck_assert(bf_pinyin_match("刘晓明", "xm"));
	ck_assert(!bf_pinyin_match("刘晓明", "lm")); /* not contiguous */
	ck_assert(!bf_pinyin_match("张三", "sz"));
	ck_assert(!bf_pinyin_match("张三", "zsf"));
	ck_assert(!bf_pinyin_match("张三", "zz"));
	ck_assert(!bf_pinyin_match("李四", "zs"));
	ck_assert(bf_pinyin_match("张张三", "zs")); /* restart after a partial */
	ck_assert(bf_pinyin_match("张张张三", "zzs"));
}
END_TEST

START_TEST(test_match_polyphonic_surnames)
{
	ck_assert(bf_pinyin_match("曾祥林", "zxl"));
	ck_assert(bf_pinyin_match("曾祥林", "cxl"));
	ck_assert(bf_pinyin_match("曾祥林", "zx"));
	ck_assert(bf_pinyin_match("曾祥林", "cx"));
	ck_assert(bf_pinyin_match("单田芳", "stf"));
	ck_assert(bf_pinyin_match("单田芳", "dtf"));
	ck_assert(bf_pinyin_match("单于", "cy"));
	ck_assert(bf_pinyin_match("解晓东", "xxd"));
	ck_assert(bf_pinyin_match("解晓东", "jxd"));
	ck_assert(bf_pinyin_match("仇英", "qy"));
	ck_assert(bf_pinyin_match("仇英", "cy"));
	ck_assert(bf_pinyin_match("区家明", "ojm"));
	ck_assert(bf_pinyin_match("区家明", "qjm"));
	ck_assert(bf_pinyin_match("朴槿惠", "pjh"));
	ck_assert(bf_pinyin_match("长孙无忌", "cswj"));
	ck_assert(bf_pinyin_match("长江", "zj"));
	ck_assert(bf_pinyin_match("乐嘉", "yj"));
	ck_assert(bf_pinyin_match("乐嘉", "lj"));
	ck_assert(bf_pinyin_match("重庆", "cq"));
	ck_assert(bf_pinyin_match("重庆", "zq"));
	ck_assert(!bf_pinyin_match("曾祥林", "sxl"));
}
END_TEST

START_TEST(test_match_separators)
{
	ck_assert(bf_pinyin_match("买买提·艾力", "mmtal"));
	ck_assert(bf_pinyin_match("买买提·艾力", "tal"));
	ck_assert(bf_pinyin_match("买买提·艾力", "al"));
	ck_assert(bf_pinyin_match("买买提・艾力", "mmtal"));
	ck_assert(bf_pinyin_match("买买提 艾力", "mmtal"));
	ck_assert(bf_pinyin_match("张 三", "zs"));
	ck_assert(bf_pinyin_match("张\xe3\x80\x80三", "zs")); /* U+3000 */
	ck_assert(!bf_pinyin_match("买买提·艾力", "mmtl"));
}
END_TEST

START_TEST(test_match_mixed)
{
	ck_assert(bf_pinyin_match("张三(ABC公司)", "zs"));
	ck_assert(bf_pinyin_match("张三(ABC公司)", "gs"));
	ck_assert(!bf_pinyin_match("张三(ABC公司)", "abc")); /* ASCII is not Han */
	ck_assert(!bf_pinyin_match("张三(ABC公司)", "sg"));  /* run broken */
	ck_assert(bf_pinyin_match("张三A李四", "ls"));
	ck_assert(!bf_pinyin_match("张三A李四", "sl"));
	ck_assert(!bf_pinyin_match("张三1李四", "sl"));
	ck_assert(bf_pinyin_match("\xff张三\xff", "zs"));
	ck_assert(!bf_pinyin_match("张\xff三", "zs"));
	ck_assert(!bf_pinyin_match("zhang san", "zs"));
	/* Extension B character (sparse part of the table) */
	char q[2] = {initials("𠀀")[0], '\0'};
	ck_assert(q[0] >= 'a' && q[0] <= 'z');
	ck_assert(bf_pinyin_match("a𠀀b", q));
}
END_TEST

START_TEST(test_match_empty_invalid)
{
	ck_assert(bf_pinyin_match("张三", ""));
	ck_assert(bf_pinyin_match("", ""));
	ck_assert(bf_pinyin_match(NULL, ""));
	ck_assert(bf_pinyin_match("张三", NULL));
	ck_assert(!bf_pinyin_match("", "z"));
	ck_assert(!bf_pinyin_match(NULL, "z"));
	ck_assert(!bf_pinyin_match("张三", "z1"));
	ck_assert(!bf_pinyin_match("张三", "z s"));
	ck_assert(!bf_pinyin_match("张三", "张"));
	ck_assert(!bf_pinyin_match("张三", "z-"));
	ck_assert(!bf_pinyin_match("张三", "\xe5"));
}
END_TEST

/* query: n letters 'z' followed by tail */
static const char *zq(int n, const char *tail)
{
	static char q[128];
	memset(q, 'z', (size_t)n);
	strcpy(q + n, tail);
	return q;
}

START_TEST(test_match_long_query)
{
	/* 70 × 张 then 三: exercises both the 64-bit matcher (<= 64 letters)
	 * and the plain-scan fallback (longer queries) */
	char name[71 * 3 + 4];
	size_t k = 0;
	for (int i = 0; i < 70; i++) {
		memcpy(name + k, "张", 3);
		k += 3;
	}
	memcpy(name + k, "三", 4);
	ck_assert(bf_pinyin_match(name, zq(64, "")));
	ck_assert(bf_pinyin_match(name, zq(63, "s")));
	ck_assert(bf_pinyin_match(name, zq(64, "s")));
	ck_assert(bf_pinyin_match(name, zq(70, "s")));
	ck_assert(bf_pinyin_match(name, zq(70, "")));
	ck_assert(!bf_pinyin_match(name, zq(71, "")));
	ck_assert(!bf_pinyin_match(name, zq(70, "ss")));
	ck_assert(!bf_pinyin_match(name, zq(70, "x")));
	ck_assert(!bf_pinyin_match(name, zq(62, "sz")));
	ck_assert(!bf_pinyin_match(name, zq(66, "sz")));
	ck_assert(!bf_pinyin_match(name, zq(66, "1")));
}
END_TEST

/* ---- query_like / mask ------------------------------------------------------ */

START_TEST(test_query_like)
{
	ck_assert(bf_pinyin_query_like("z"));
	ck_assert(bf_pinyin_query_like("zs"));
	ck_assert(bf_pinyin_query_like("ZSF"));
	ck_assert(bf_pinyin_query_like("abcdefgh"));
	ck_assert(bf_pinyin_query_like("abcdefghi"));
	ck_assert(bf_pinyin_query_like("abdrxtabdrhm"));
	ck_assert(!bf_pinyin_query_like(
	    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl"));
	ck_assert(!bf_pinyin_query_like(""));
	ck_assert(!bf_pinyin_query_like(NULL));
	ck_assert(!bf_pinyin_query_like("z1"));
	ck_assert(!bf_pinyin_query_like("z s"));
	ck_assert(!bf_pinyin_query_like("张三"));
	ck_assert(!bf_pinyin_query_like("2024"));
}
END_TEST

START_TEST(test_mask)
{
	ck_assert_uint_eq(bf_pinyin_initial_mask('a'), BF_PINYIN_BIT('a'));
	ck_assert_uint_eq(bf_pinyin_initial_mask('Z'), BF_PINYIN_BIT('z'));
	ck_assert_uint_eq(bf_pinyin_initial_mask('7'), BF_PINYIN_DIGIT);
	ck_assert_uint_eq(bf_pinyin_initial_mask(' '), 0);
	ck_assert_uint_eq(bf_pinyin_initial_mask(0), 0);
	ck_assert_uint_eq(bf_pinyin_initial_mask(0xB7), 0); /* · */
	ck_assert_uint_eq(bf_pinyin_initial_mask(0xD800), 0);
	ck_assert_uint_eq(bf_pinyin_initial_mask(0x110000), 0);
	ck_assert_uint_eq(bf_pinyin_initial_mask(0xFFFFFFFF), 0);

	ck_assert_uint_eq(bf_pinyin_initial_mask(cp_of("张")), bits("z"));
	uint32_t m = bf_pinyin_initial_mask(cp_of("曾"));
	ck_assert_uint_eq(m & bits("cz"), bits("cz"));
	m = bf_pinyin_initial_mask(cp_of("单"));
	ck_assert_uint_eq(m & bits("dsc"), bits("dsc"));
	m = bf_pinyin_initial_mask(cp_of("解"));
	ck_assert_uint_eq(m & bits("jx"), bits("jx"));
	m = bf_pinyin_initial_mask(cp_of("仇"));
	ck_assert_uint_eq(m & bits("cq"), bits("cq"));
	m = bf_pinyin_initial_mask(cp_of("区"));
	ck_assert_uint_eq(m & bits("qo"), bits("qo"));
	ck_assert_uint_eq(bf_pinyin_initial_mask(cp_of("朴")), bits("p"));
	m = bf_pinyin_initial_mask(cp_of("长"));
	ck_assert_uint_eq(m & bits("cz"), bits("cz"));
	m = bf_pinyin_initial_mask(cp_of("乐"));
	ck_assert_uint_eq(m & bits("ly"), bits("ly"));
	m = bf_pinyin_initial_mask(cp_of("重"));
	ck_assert_uint_eq(m & bits("cz"), bits("cz"));

	/* Extension A 㐀, Extension B 𠀀, compatibility 豈 (= 豈 qǐ/kǎi) */
	ck_assert_uint_ne(bf_pinyin_initial_mask(0x3400), 0);
	ck_assert_uint_ne(bf_pinyin_initial_mask(0x20000), 0);
	ck_assert_uint_eq(bf_pinyin_initial_mask(0xF900), bf_pinyin_initial_mask(0x8C48));
	ck_assert_uint_ne(bf_pinyin_initial_mask(0xF900), 0);
	ck_assert_uint_eq(bf_pinyin_initial_mask(0xFA18), bits("l")); /* 禮 */
}
END_TEST

/* ---- table ------------------------------------------------------------------ */

START_TEST(test_table_surnames)
{
	static const struct {
		const char *han;
		char first;
	} top[] = {
	    {"王", 'w'}, {"李", 'l'}, {"张", 'z'}, {"刘", 'l'}, {"陈", 'c'},
	    {"杨", 'y'}, {"黄", 'h'}, {"赵", 'z'}, {"吴", 'w'}, {"周", 'z'},
	    {"徐", 'x'}, {"孙", 's'}, {"马", 'm'}, {"朱", 'z'}, {"胡", 'h'},
	    {"郭", 'g'}, {"何", 'h'}, {"高", 'g'}, {"林", 'l'}, {"罗", 'l'},
	};
	for (size_t i = 0; i < sizeof top / sizeof top[0]; i++) {
		char buf[4];
		bf_pinyin_initials(top[i].han, buf, sizeof buf);
		ck_assert_msg(buf[0] == top[i].first && buf[1] == '\0', "%s -> \"%s\"", top[i].han,
		              buf);
		uint32_t m = bf_pinyin_initial_mask(cp_of(top[i].han));
		ck_assert_msg(m & BF_PINYIN_BIT(top[i].first), "%s mask %x", top[i].han, m);
		char q[2] = {top[i].first, '\0'};
		ck_assert(bf_pinyin_match(top[i].han, q));
	}
}
END_TEST

START_TEST(test_table_size)
{
	size_t uro = 0, exta = 0, all = 0;
	for (uint32_t cp = 0x4E00; cp <= 0x9FFF; cp++)
		uro += bf_pinyin_initial_mask(cp) != 0;
	for (uint32_t cp = 0x3400; cp <= 0x4DBF; cp++)
		exta += bf_pinyin_initial_mask(cp) != 0;
	for (uint32_t cp = 0x80; cp <= 0x10FFFF; cp++)
		all += bf_pinyin_initial_mask(cp) != 0;
	ck_assert_uint_ge(uro, 20800); /* of 20992 */
	ck_assert_uint_ge(exta, 5500); /* of 6592 */
	ck_assert_uint_ge(bf_pinyin_nchars, 40000);
	ck_assert_uint_eq(all, bf_pinyin_nchars); /* dense + sparse lookups agree */

	/* structural sanity of the generated arrays */
	for (size_t i = 1; i < bf_pinyin_nsparse; i++)
		ck_assert_uint_lt(bf_pinyin_sparse_cp[i - 1], bf_pinyin_sparse_cp[i]);
	ck_assert_uint_eq(bf_pinyin_values[0], 0);
	for (size_t i = 1; i < bf_pinyin_nvalues; i++) {
		uint32_t v = bf_pinyin_values[i];
		uint32_t first = v >> BF_PINYIN_FIRST_SHIFT;
		ck_assert(first >= 1 && first <= 26);
		ck_assert(v & BF_PINYIN_BIT('a' + first - 1)); /* first is in the set */
		ck_assert_uint_eq(v & ~BF_PINYIN_LETTERS & ~(UINT32_C(31) << 27), 0);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pinyin");

	TCase *tc = tcase_create("initials");
	tcase_add_test(tc, test_initials_basic);
	tcase_add_test(tc, test_initials_minority_names);
	tcase_add_test(tc, test_initials_mixed);
	tcase_add_test(tc, test_initials_first_reading);
	tcase_add_test(tc, test_initials_edge);
	suite_add_tcase(s, tc);

	tc = tcase_create("match");
	tcase_add_test(tc, test_match_basic);
	tcase_add_test(tc, test_match_polyphonic_surnames);
	tcase_add_test(tc, test_match_separators);
	tcase_add_test(tc, test_match_mixed);
	tcase_add_test(tc, test_match_empty_invalid);
	tcase_add_test(tc, test_match_long_query);
	tcase_add_test(tc, test_query_like);
	tcase_add_test(tc, test_mask);
	suite_add_tcase(s, tc);

	tc = tcase_create("table");
	tcase_add_test(tc, test_table_surnames);
	tcase_add_test(tc, test_table_size);
	suite_add_tcase(s, tc);

	Suite *all[] = {s};
	return bf_test_run(all, 1);
}
