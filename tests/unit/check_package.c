/* check_package.c — the package codec: the signed envelope round trip (both
 * kinds, signed and unsigned), every refusal in the documented order with a
 * message that names the check, a cut at every byte, the JSON content
 * (missing fields, wrong types, duplicates, overlong text, amounts,
 * categories), key files and fingerprints, and the file helpers. */
#define _POSIX_C_SOURCE 200809L
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <jansson.h>
#include <sodium.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bangfu/package.h"
#include "testutil.h"

#define assert_has(text, needle) \
	ck_assert_msg(strstr((text), (needle)) != NULL, "\"%s\" lacks \"%s\"", (text), (needle))

/* the sender's key pair, and the addressee's (the content is sealed to it) */
static uint8_t pk[32], sk[64], to_pk[32], to_sk[64];

static void keys_setup(void)
{
	bf_pkg_keygen(pk, sk);
	bf_pkg_keygen(to_pk, to_sk);
}

static struct bf_pkg_header header(const char *kind)
{
	struct bf_pkg_header h;
	memset(&h, 0, sizeof h);
	snprintf(h.kind, sizeof h.kind, "%s", kind);
	snprintf(h.from_code, sizeof h.from_code, "U001");
	snprintf(h.from_name, sizeof h.from_name, "某某公司");
	snprintf(h.to_code, sizeof h.to_code, "D01");
	snprintf(h.to_name, sizeof h.to_name, "某某区总工会");
	snprintf(h.batch, sizeof h.batch, "2026-01");
	h.revision = 2;
	snprintf(h.created, sizeof h.created, "2026-12-20T09:30:00Z");
	h.cases = 1;
	h.full_numbers = true;
	memset(h.audit_head, 'a', 64);
	h.audit_rows = 5321;
	return h;
}

/* A valid case object; callers change it to make it wrong. */
static json_t *good_case(const char *number)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:I, s:I, s:i, s:s, "
	                 "s:[{s:s, s:s, s:s}, {s:s, s:s, s:n}], s:{s:s}}",
	                 "number", number, "name", "张三", "id_number", "110101199003070019",
	                 "department", "车间", "employer", "某某公司", "category", 2, "amount",
	                 (json_int_t)300000, "per_capita", (json_int_t)85000, "household_size", 3,
	                 "status", "submitted", "members", "name", "张三", "relation", "self",
	                 "id_number", "110101199003070019", "name", "李四", "relation", "spouse",
	                 "id_number", "form", "phone", "13800000000");
}

static json_t *good_submission(void)
{
	json_t *cases = json_array();
	json_array_append_new(cases, good_case("2026-0001"));
	json_array_append_new(cases, good_case("2026-0002"));
	return json_pack("{s:s, s:i, s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s}, "
	                 "s:{s:s, s:i, s:s, s:s}, s:[{s:i, s:s, s:s, s:s, s:s}], s:o}",
	                 "format", "bangfu-submission", "version", 1, "unit", "code", "U001",
	                 "name", "某某公司", "union_name", "某某公司工会", "district", "某某区",
	                 "address", "某某路1号", "contact", "王五", "phone", "010-1234567", "batch",
	                 "id", "2026-01", "revision", 1, "created", "2026-12-20T09:30:00Z",
	                 "created_by", "clerk", "reports", "round", 1, "start", "2026-12-01", "end",
	                 "2026-12-07", "place", "食堂门口", "text", "公示结果报告……", "cases",
	                 cases);
}

static json_t *good_reply(void)
{
	return json_pack("{s:s, s:i, s:{s:s, s:s}, s:{s:s, s:s}, s:s, s:["
	                 "{s:s, s:s, s:s, s:I, s:s, s:s},"
	                 "{s:s, s:s, s:s, s:s, s:s, s:s, s:s}]}",
	                 "format", "bangfu-reply", "version", 1, "district", "code", "D01", "name",
	                 "某某区总工会", "unit", "code", "U001", "name", "某某公司", "created",
	                 "2026-12-28T10:00:00Z", "decisions", "number", "2026-0001", "batch",
	                 "2026-01", "decision", "accept", "amount", (json_int_t)250000,
	                 "decided_at", "2026-12-28T09:00:00Z", "decided_by", "district", "number",
	                 "2026-0002", "batch", "2026-01", "decision", "return", "reason",
	                 "缺少收入证明", "back_to", "docs_complete", "decided_at",
	                 "2026-12-28T09:05:00Z", "decided_by", "district");
}

static char *dump(json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	ck_assert_ptr_nonnull(s);
	json_decref(j);
	return s;
}

/* Seal content to to_pk, signed with key (or unsigned); the package,
 * malloc'd. */
static char *seal(const char *kind, const char *content, const uint8_t *key, size_t *len)
{
	struct bf_pkg_header h = header(kind);
	char *out;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_pkg_seal(&h, content, strlen(content), key, to_pk, &out, len, &err), 0);
	return out;
}

/* The sealed span opened with to_sk (malloc'd, as bf_pkg_unseal gives it). */
static char *unseal(const struct bf_pkg_header *h, const char *c, size_t cl, size_t *plen)
{
	char *plain;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_pkg_unseal(h, c, cl, to_sk, &plain, plen, &err), BF_PKG_OK);
	ck_assert_str_eq(err.msg, "");
	return plain;
}

static enum bf_pkg_result open_pkg(const char *buf, size_t len, bf_error *err)
{
	struct bf_pkg_header h;
	const char *c;
	size_t cl;
	/* a copy of exactly len bytes, so ASan sees any read past the end */
	char *copy = malloc(len ? len : 1);
	memcpy(copy, buf, len);
	enum bf_pkg_result r = bf_pkg_open(copy, len, &h, &c, &cl, err);
	free(copy);
	return r;
}

START_TEST(round_trip_submission_signed)
{
	char *content = dump(good_submission());
	size_t len;
	char *pkg = seal("submission", content, sk, &len);
	assert_has(pkg, "BANGFU-PACKAGE 2\nkind: submission\nfrom-code: U001\n");
	assert_has(pkg, "full-numbers: yes\n");
	struct bf_pkg_header h;
	const char *c;
	size_t cl;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_pkg_open(pkg, len, &h, &c, &cl, &err), BF_PKG_OK);
	ck_assert_str_eq(err.msg, "");
	ck_assert(h.is_signed);
	ck_assert_mem_eq(h.public_key, pk, 32);
	ck_assert_str_eq(h.kind, "submission");
	ck_assert_str_eq(h.from_name, "某某公司");
	ck_assert_str_eq(h.to_name, "某某区总工会");
	ck_assert_str_eq(h.batch, "2026-01");
	ck_assert_int_eq(h.revision, 2);
	ck_assert_int_eq(h.cases, 1);
	ck_assert_int_eq(h.audit_rows, 5321);
	ck_assert(h.full_numbers);
	ck_assert_int_eq(h.version, 2);
	ck_assert_mem_eq(h.sealed_to, to_pk, 32);
	/* sealed: the ephemeral key and the tag more than the content, and
	 * nothing of it readable */
	ck_assert_uint_eq(cl, strlen(content) + 48);
	ck_assert_ptr_null(memmem(pkg, len, "张三", strlen("张三")));
	ck_assert_ptr_null(memmem(pkg, len, "110101199003070019", 18));
	ck_assert_ptr_null(memmem(pkg, len, "13800000000", 11));
	char sha[BF_PKG_HASH_HEX];
	bf_pkg_sha256_hex(c, cl, sha);
	ck_assert_str_eq(h.content_sha256, sha);
	size_t plen;
	char *plain = unseal(&h, c, cl, &plen);
	ck_assert_uint_eq(plen, strlen(content));
	ck_assert_str_eq(plain, content);

	struct bf_pkg_submission s;
	ck_assert_int_eq(bf_pkg_parse_submission(plain, plen, &s, &err), BF_PKG_OK);
	bf_pkg_content_free(plain, plen);
	ck_assert_str_eq(s.unit_code, "U001");
	ck_assert_str_eq(s.union_name, "某某公司工会");
	ck_assert_str_eq(s.batch, "2026-01");
	ck_assert_int_eq(s.revision, 1);
	ck_assert_str_eq(s.created_by, "clerk");
	ck_assert_uint_eq(s.n_reports, 1);
	ck_assert_int_eq(s.reports[0].round, 1);
	ck_assert_str_eq(s.reports[0].end, "2026-12-07");
	ck_assert_str_eq(s.reports[0].text, "公示结果报告……");
	ck_assert_uint_eq(s.n_cases, 2);
	ck_assert_str_eq(s.cases[1].number, "2026-0002");
	ck_assert_str_eq(s.cases[0].name, "张三");
	ck_assert_int_eq(s.cases[0].category, 2);
	ck_assert_int_eq(s.cases[0].amount, 300000);
	ck_assert_int_eq(s.cases[0].per_capita, 85000);
	ck_assert_int_eq(s.cases[0].household_size, 3);
	ck_assert_uint_eq(s.cases[0].n_people, 2);
	ck_assert_str_eq(s.cases[0].people[0].relation, "self");
	ck_assert_str_eq(s.cases[0].people[1].name, "李四");
	ck_assert_str_eq(s.cases[0].people[1].id_number, "");
	/* the case's JSON is the compact, sorted dump of the case object */
	json_t *one = good_case("2026-0001");
	char *want = json_dumps(one, JSON_COMPACT | JSON_SORT_KEYS);
	ck_assert_str_eq(s.cases[0].json, want);
	free(want);
	json_decref(one);
	bf_pkg_submission_free(&s);
	ck_assert_ptr_null(s.cases);
	bf_pkg_submission_free(&s); /* twice is harmless */
	free(pkg);
	free(content);
}
END_TEST

START_TEST(round_trip_reply_signed_and_unsigned)
{
	char *content = dump(good_reply());
	size_t len;
	char *pkg = seal("reply", content, sk, &len);
	struct bf_pkg_header h;
	const char *c;
	size_t cl;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_pkg_open(pkg, len, &h, &c, &cl, &err), BF_PKG_OK);
	ck_assert_str_eq(h.kind, "reply");
	struct bf_pkg_reply r;
	size_t plen;
	char *plain = unseal(&h, c, cl, &plen);
	ck_assert_int_eq(bf_pkg_parse_reply(plain, plen, &r, &err), BF_PKG_OK);
	bf_pkg_content_free(plain, plen);
	ck_assert_str_eq(r.district_code, "D01");
	ck_assert_str_eq(r.unit_name, "某某公司");
	ck_assert_str_eq(r.created, "2026-12-28T10:00:00Z");
	ck_assert_uint_eq(r.n, 2);
	ck_assert_int_eq(r.decisions[0].decision, BF_PKG_ACCEPT);
	ck_assert_int_eq(r.decisions[0].amount, 250000);
	ck_assert_int_eq(r.decisions[1].decision, BF_PKG_RETURN);
	ck_assert_str_eq(r.decisions[1].reason, "缺少收入证明");
	ck_assert_str_eq(r.decisions[1].back_to, "docs_complete");
	ck_assert_str_eq(r.decisions[1].decided_by, "district");
	bf_pkg_reply_free(&r);
	free(pkg);

	/* unsigned: the envelope is sound but refused as unsigned */
	pkg = seal("reply", content, NULL, &len);
	assert_has(pkg, "public-key: \n");
	/* the sealed content is binary: look past it by length */
	ck_assert(len > 21 && memcmp(pkg + len - 21, "\nsignature: none\nend\n", 21) == 0);
	ck_assert_int_eq(bf_pkg_open(pkg, len, &h, &c, &cl, &err), BF_PKG_UNSIGNED);
	assert_has(err.msg, "The package is unsigned");
	ck_assert(!h.is_signed);
	/* the content is handed back all the same, for a store that allows it */
	ck_assert_uint_eq(cl, strlen(content) + 48);
	plain = unseal(&h, c, cl, &plen);
	ck_assert_str_eq(plain, content);
	bf_pkg_content_free(plain, plen);
	free(pkg);

	/* an unsigned submission too */
	char *sub = dump(good_submission());
	pkg = seal("submission", sub, NULL, &len);
	ck_assert_int_eq(open_pkg(pkg, len, &err), BF_PKG_UNSIGNED);
	free(pkg);
	free(sub);
	free(content);
}
END_TEST

START_TEST(empty_content_lists_are_sound)
{
	const char *content = "{\"format\":\"bangfu-reply\",\"version\":1,\"district\":{\"code\":"
	                      "\"D01\"},\"unit\":{\"code\":\"U001\"},\"decisions\":[]}";
	struct bf_pkg_reply r;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_pkg_parse_reply(content, strlen(content), &r, &err), BF_PKG_OK);
	ck_assert_uint_eq(r.n, 0);
	bf_pkg_reply_free(&r);
}
END_TEST

START_TEST(refuse_not_a_package_and_version)
{
	bf_error err = {{0}};
	const char *a = "PK\x03\x04 a zip file";
	ck_assert_int_eq(open_pkg(a, strlen(a), &err), BF_PKG_NOT_PACKAGE);
	assert_has(err.msg, "not a bangfu package");
	ck_assert_int_eq(open_pkg("", 0, &err), BF_PKG_NOT_PACKAGE);
	const char *b = "BANGFU-PACKAGEX 1\n";
	ck_assert_int_eq(open_pkg(b, strlen(b), &err), BF_PKG_NOT_PACKAGE);

	char *content = dump(good_reply());
	size_t len;
	char *pkg = seal("reply", content, sk, &len);
	pkg[15] = '3'; /* "BANGFU-PACKAGE 3" */
	ck_assert_int_eq(open_pkg(pkg, len, &err), BF_PKG_WRONG_VERSION);
	assert_has(err.msg, "format version 3");
	assert_has(err.msg, "reads version 2");
	/* the version is checked before the end: a cut version-3 package is still version 3 */
	ck_assert_int_eq(open_pkg(pkg, 40, &err), BF_PKG_WRONG_VERSION);
	/* version 1, whose content was plain, is refused naming it */
	const char *v1 = "BANGFU-PACKAGE 1\nkind: submission\nfrom-code: U001\n";
	ck_assert_int_eq(open_pkg(v1, strlen(v1), &err), BF_PKG_WRONG_VERSION);
	ck_assert_str_eq(err.msg,
	                 "The package is format version 1, made by an older bangfu that did not "
	                 "seal its content; this bangfu reads version 2 only. Ask the sender to "
	                 "update bangfu and export it again.");
	pkg[15] = 'x';
	ck_assert_int_eq(open_pkg(pkg, len, &err), BF_PKG_WRONG_VERSION);
	assert_has(err.msg, "unreadable format version");
	free(pkg);
	free(content);
}
END_TEST

START_TEST(refuse_truncated_at_every_byte)
{
	char *content = dump(good_reply());
	size_t len;
	char *pkg = seal("reply", content, sk, &len);
	size_t truncated = 0;
	bf_error err;
	for (size_t cut = 0; cut < len; cut++) {
		enum bf_pkg_result r = open_pkg(pkg, cut, &err);
		ck_assert_msg(r != BF_PKG_OK, "cut at %zu accepted", cut);
		ck_assert_msg(err.msg[0] != '\0', "cut at %zu: no message", cut);
		if (cut > strlen("BANGFU-PACKAGE "))
			ck_assert_msg(r == BF_PKG_TRUNCATED, "cut at %zu: %s", cut,
			              bf_pkg_result_code(r));
		if (r == BF_PKG_TRUNCATED) {
			truncated++;
			assert_has(err.msg, "The package is truncated");
		}
	}
	ck_assert_uint_ge(truncated, len - 16);
	open_pkg(pkg, len - 1, &err);
	ck_assert_str_eq(err.msg, "The package is truncated: it ends before its last line (end).");

	/* the end line is there but content-length promises more than there is */
	char *longer = malloc(len + 64);
	const char *cl = strstr(pkg, "content-length: ");
	ck_assert_ptr_nonnull(cl);
	size_t at = (size_t)(cl - pkg) + strlen("content-length: ");
	memcpy(longer, pkg, at);
	size_t n = at + (size_t)sprintf(longer + at, "99999999");
	const char *rest = strchr(cl, '\n');
	memcpy(longer + n, rest, len - (size_t)(rest - pkg));
	n += len - (size_t)(rest - pkg);
	ck_assert_int_eq(open_pkg(longer, n, &err), BF_PKG_TRUNCATED);
	assert_has(err.msg, "shorter than the 99999999 bytes");
	free(longer);

	/* copied through Windows as text: every \n became \r\n */
	char *crlf = malloc(2 * len);
	size_t m = 0;
	for (size_t i = 0; i < len; i++) {
		if (pkg[i] == '\n')
			crlf[m++] = '\r';
		crlf[m++] = pkg[i];
	}
	ck_assert_int_eq(open_pkg(crlf, m, &err), BF_PKG_CORRUPTED);
	assert_has(err.msg, "Windows line ends (CR LF)");
	ck_assert_int_eq(open_pkg(crlf, m / 2, &err), BF_PKG_CORRUPTED); /* and cut, too */
	assert_has(err.msg, "Windows line ends (CR LF)");
	free(crlf);
	free(pkg);
	free(content);
}
END_TEST

/* pkg with the first occurrence of from replaced by to (a new malloc'd copy). */
static char *replace(const char *pkg, size_t len, const char *from, const char *to, size_t *outlen)
{
	const char *p = memmem(pkg, len, from, strlen(from));
	ck_assert_msg(p != NULL, "no \"%s\"", from);
	size_t at = (size_t)(p - pkg), fl = strlen(from), tl = strlen(to);
	char *out = malloc(len - fl + tl + 1);
	memcpy(out, pkg, at);
	memcpy(out + at, to, tl);
	memcpy(out + at + tl, p + fl, len - at - fl);
	*outlen = len - fl + tl;
	out[*outlen] = '\0';
	return out;
}

static void expect_malformed(const char *pkg, size_t len, const char *from, const char *to,
                             const char *words)
{
	size_t n;
	char *bad = replace(pkg, len, from, to, &n);
	bf_error err;
	ck_assert_int_eq(open_pkg(bad, n, &err), BF_PKG_MALFORMED);
	assert_has(err.msg, "The package is malformed");
	assert_has(err.msg, words);
	free(bad);
}

START_TEST(refuse_malformed_header)
{
	char *content = dump(good_reply());
	size_t len;
	char *pkg = seal("reply", content, sk, &len);
	expect_malformed(pkg, len, "batch: ", "colour: ", "unknown key \"colour\"");
	expect_malformed(pkg, len, "revision: 2", "revision: two", "\"revision\" must be a whole");
	expect_malformed(pkg, len, "cases: 1", "cases: -1", "\"cases\" must be a whole number");
	expect_malformed(pkg, len, "audit-rows: 5321\n", "", "has no \"audit-rows\" line");
	expect_malformed(pkg, len, "full-numbers: yes", "full-numbers: maybe",
	                 "\"full-numbers\" must be \"yes\" or \"no\"");
	expect_malformed(pkg, len, "kind: reply", "kind: letter", "\"kind\" must be");
	expect_malformed(pkg, len, "to-code: D01\n", "to-code: D01\nto-code: D02\n",
	                 "\"to-code\" a second time");
	expect_malformed(pkg, len, "batch: 2026-01", "batch 2026-01", "line 7 is not");
	expect_malformed(pkg, len, "batch: 2026-01", "batch: 2026\x01-01", "control character");
	expect_malformed(pkg, len, "public-key: ", "public-key: 12", "public-key");
	expect_malformed(pkg, len, "sealed-to: ", "sealed-to: 12", "\"sealed-to\" must be 64 hex");
	expect_malformed(pkg, len, "sealed-to: ", "sealed-to-x: ", "unknown key");
	/* a wrong content-length that still fits: the signature line is not where it says */
	char num[64];
	snprintf(num, sizeof num, "content-length: %zu", strlen(content) + 48);
	char shorter[64];
	snprintf(shorter, sizeof shorter, "content-length: %zu", strlen(content) + 45);
	expect_malformed(pkg, len, num, shorter, "not followed by the signature line");
	expect_malformed(pkg, len, "\nsignature: ", "\nsignature: zz", "128 hex digits");
	free(pkg);
	free(content);
}
END_TEST

START_TEST(refuse_corrupted_unsigned_tampered)
{
	char *content = dump(good_submission());
	size_t len;
	char *pkg = seal("submission", content, sk, &len);
	bf_error err;

	/* one byte of content flipped: corrupted */
	struct bf_pkg_header h;
	const char *c;
	size_t cl;
	ck_assert_int_eq(bf_pkg_open(pkg, len, &h, &c, &cl, &err), BF_PKG_OK);
	char *bad = malloc(len);
	memcpy(bad, pkg, len);
	char *body = bad + (c - pkg);
	body[60] ^= 0x01;
	ck_assert_int_eq(open_pkg(bad, len, &err), BF_PKG_CORRUPTED);
	assert_has(err.msg, "The package is corrupted");
	assert_has(err.msg, "content-sha256");

	/* the content changed and its checksum recomputed: the signature catches it */
	char sha_new[BF_PKG_HASH_HEX];
	bf_pkg_sha256_hex(body, cl, sha_new);
	size_t n;
	char *tampered = replace(bad, len, h.content_sha256, sha_new, &n);
	ck_assert_int_eq(open_pkg(tampered, n, &err), BF_PKG_TAMPERED);
	assert_has(err.msg, "The package has been tampered with");
	free(tampered);
	free(bad);

	/* sealed to another key than the one the header names: the signature
	 * catches the header changed */
	char hexto[BF_PKG_KEY_HEX], hexpk[BF_PKG_KEY_HEX];
	bf_pkg_hex(to_pk, 32, hexto);
	bf_pkg_hex(pk, 32, hexpk);
	tampered = replace(pkg, len, hexto, hexpk, &n);
	ck_assert_int_eq(open_pkg(tampered, n, &err), BF_PKG_TAMPERED);
	free(tampered);

	/* a header field changed */
	tampered = replace(pkg, len, "revision: 2", "revision: 3", &n);
	ck_assert_int_eq(open_pkg(tampered, n, &err), BF_PKG_TAMPERED);
	free(tampered);
	tampered = replace(pkg, len, "from-name: 某某公司", "from-name: 别的公司", &n);
	ck_assert_int_eq(open_pkg(tampered, n, &err), BF_PKG_TAMPERED);
	free(tampered);

	/* signed by another key than the one it names */
	uint8_t pk2[32], sk2[64];
	bf_pkg_keygen(pk2, sk2);
	char hex1[BF_PKG_KEY_HEX], hex2[BF_PKG_KEY_HEX];
	bf_pkg_hex(pk, 32, hex1);
	bf_pkg_hex(pk2, 32, hex2);
	tampered = replace(pkg, len, hex1, hex2, &n);
	ck_assert_int_eq(open_pkg(tampered, n, &err), BF_PKG_TAMPERED);
	free(tampered);

	/* the signature replaced by "none": unsigned (checked before the signature) */
	char *sig = (char *)memmem(pkg, len, "\nsignature: ", 12) + strlen("\nsignature: ");
	char sighex[129];
	memcpy(sighex, sig, 128);
	sighex[128] = '\0';
	char *unsigned_pkg = replace(pkg, len, sighex, "none", &n);
	ck_assert_int_eq(open_pkg(unsigned_pkg, n, &err), BF_PKG_UNSIGNED);
	ck_assert_str_eq(err.msg, "The package is unsigned: its signature line says \"none\", so "
	                          "nobody can tell who made it.");
	free(unsigned_pkg);

	/* order: a corrupted unsigned package is corrupted first */
	unsigned_pkg = seal("submission", content, NULL, &n);
	strstr(unsigned_pkg, "\n\n")[5] ^= 0x02;
	c = "x";
	cl = 1;
	ck_assert_int_eq(bf_pkg_open(unsigned_pkg, n, &h, &c, &cl, &err), BF_PKG_CORRUPTED);
	ck_assert_ptr_null(c); /* no content from a refused envelope */
	ck_assert_uint_eq(cl, 0);
	free(unsigned_pkg);
	free(pkg);
	free(content);
}
END_TEST

/* The submission with case index ci's field key set to v (NULL: removed). */
static void expect_bad_case(size_t ci, const char *key, json_t *v, const char *words)
{
	json_t *root = good_submission();
	json_t *c = json_array_get(json_object_get(root, "cases"), ci);
	if (v)
		json_object_set_new(c, key, v);
	else
		json_object_del(c, key);
	char *text = dump(root);
	struct bf_pkg_submission s;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_pkg_parse_submission(text, strlen(text), &s, &err), BF_PKG_MALFORMED);
	assert_has(err.msg, words);
	bf_pkg_submission_free(&s);
	free(text);
}

static void expect_bad_content(const char *text, bool reply, const char *words)
{
	bf_error err = {{0}};
	if (reply) {
		struct bf_pkg_reply r;
		ck_assert_int_eq(bf_pkg_parse_reply(text, strlen(text), &r, &err),
		                 BF_PKG_MALFORMED);
		bf_pkg_reply_free(&r);
	} else {
		struct bf_pkg_submission s;
		ck_assert_int_eq(bf_pkg_parse_submission(text, strlen(text), &s, &err),
		                 BF_PKG_MALFORMED);
		bf_pkg_submission_free(&s);
	}
	assert_has(err.msg, words);
}

START_TEST(refuse_wrong_submission_content)
{
	expect_bad_case(1, "amount", json_integer(-5),
	                "case 2 (2026-0002): \"amount\" must be an amount of fen from 0 up");
	expect_bad_case(1, "amount", json_real(12.5),
	                "case 2 (2026-0002): \"amount\" must be a whole number of fen");
	expect_bad_case(0, "amount", json_string("300"), "\"amount\" must be a whole number");
	expect_bad_case(0, "amount", NULL, "case 1 (2026-0001): \"amount\" is missing");
	expect_bad_case(0, "category", json_integer(0), "\"category\" must be between 1 and 5");
	expect_bad_case(0, "category", json_integer(6), "\"category\" must be between 1 and 5");
	expect_bad_case(0, "name", NULL, "case 1 (2026-0001): \"name\" is missing");
	expect_bad_case(0, "name", json_integer(7), "\"name\" must be text");
	expect_bad_case(0, "id_number", NULL, "\"id_number\" is missing");
	expect_bad_case(0, "number", NULL, "case 1: \"number\" is missing");
	expect_bad_case(1, "number", json_string("2026-0001"),
	                "case 2 (2026-0001): the same case number as case 1");
	char longname[200];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	expect_bad_case(0, "name", json_string(longname),
	                "case 1 (2026-0001): \"name\" is too long (199 bytes; at most 63)");
	expect_bad_case(0, "employer", json_string(longname), "\"employer\" is too long");
	expect_bad_case(0, "members", NULL, "\"members\" is missing");
	expect_bad_case(0, "members", json_object(), "\"members\" must be a list");
	expect_bad_case(0, "members", json_array(), "\"members\" is empty");
	expect_bad_case(0, "members", json_pack("[{s:s}]", "name", "张三"),
	                "case 1 (2026-0001), member 1: \"relation\" is missing");
	expect_bad_case(0, "members", json_pack("[i]", 3), "member 1 must be an object");
	expect_bad_case(0, "household_size", json_string("3"),
	                "\"household_size\" must be a whole");

	expect_bad_content("", false, "not valid JSON");
	expect_bad_content("{\"format\":\"bangfu-submission\",\"version\":1,\"format\":\"x\"}",
	                   false, "not valid JSON"); /* a duplicate key */
	expect_bad_content("[1,2]", false, "not in the \"bangfu-submission\" format");
	expect_bad_content("{\"format\":\"bangfu-reply\",\"version\":1}", false,
	                   "not in the \"bangfu-submission\" format");
	expect_bad_content("{\"format\":\"bangfu-submission\",\"version\":2}", false,
	                   "not version 1");
	expect_bad_content("{\"format\":\"bangfu-submission\",\"version\":1}", false,
	                   "\"unit\" is missing");
	expect_bad_content("{\"format\":\"bangfu-submission\",\"version\":1,\"unit\":{\"code\":"
	                   "\"U1\",\"name\":\"n\"},\"batch\":{\"id\":\"b\",\"revision\":1}}",
	                   false, "\"cases\" is missing");
	expect_bad_content("{\"format\":\"bangfu-submission\",\"version\":1,\"unit\":{\"code\":"
	                   "\"U1\",\"name\":\"n\",\"phone\":[]},\"batch\":{}}",
	                   false, "the unit: \"phone\" must be text");
	/* deep nesting is refused by the JSON reader, not by a crash */
	char deep[40002];
	memset(deep, '[', 40000);
	deep[40000] = '\0';
	expect_bad_content(deep, false, "not valid JSON");
}
END_TEST

START_TEST(refuse_wrong_reply_content)
{
	json_t *r = good_reply();
	json_t *d = json_array_get(json_object_get(r, "decisions"), 1);
	json_object_set_new(d, "back_to", json_string("closed"));
	char *text = dump(r);
	expect_bad_content(text, true, "decision 2 (2026-0002): \"back_to\" must be draft");
	free(text);

	r = good_reply();
	d = json_array_get(json_object_get(r, "decisions"), 1);
	json_object_set_new(d, "reason", json_string("  "));
	text = dump(r);
	expect_bad_content(text, true, "a returned case needs a \"reason\"");
	free(text);

	r = good_reply();
	d = json_array_get(json_object_get(r, "decisions"), 0);
	json_object_set_new(d, "amount", json_integer(0));
	text = dump(r);
	expect_bad_content(text, true, "decision 1 (2026-0001): an accepted case needs");
	free(text);

	r = good_reply();
	d = json_array_get(json_object_get(r, "decisions"), 0);
	json_object_set_new(d, "decision", json_string("maybe"));
	text = dump(r);
	expect_bad_content(text, true, "\"decision\" must be \"accept\" or \"return\"");
	free(text);

	r = good_reply();
	d = json_array_get(json_object_get(r, "decisions"), 1);
	json_object_set_new(d, "number", json_string("2026-0001"));
	text = dump(r);
	expect_bad_content(text, true, "decision 2 (2026-0001): a second decision on the same");
	free(text);

	expect_bad_content("{\"format\":\"bangfu-reply\",\"version\":1,\"district\":{}}", true,
	                   "the district: \"code\" is missing");
}
END_TEST

START_TEST(keys_and_fingerprint)
{
	struct bf_pkg_keyfile k = {0}, back;
	snprintf(k.code, sizeof k.code, "U001");
	snprintf(k.name, sizeof k.name, "某某公司");
	snprintf(k.kind, sizeof k.kind, "unit");
	memcpy(k.pk, pk, 32);
	char *text = bf_pkg_keyfile_write(&k);
	ck_assert_ptr_nonnull(text);
	ck_assert(strncmp(text,
	                  "BANGFU-KEY 1\ncode: U001\nname: 某某公司\nkind: unit\n"
	                  "public-key: ",
	                  strlen("BANGFU-KEY 1\ncode: U001\nname: 某某公司\nkind: unit\n"
	                         "public-key: ")) == 0);
	bf_error err = {{0}};
	ck_assert_int_eq(bf_pkg_keyfile_read(text, strlen(text), &back, &err), 0);
	ck_assert_str_eq(back.code, "U001");
	ck_assert_str_eq(back.name, "某某公司");
	ck_assert_str_eq(back.kind, "unit");
	ck_assert_mem_eq(back.pk, pk, 32);

	/* the same key file with Windows line ends reads the same */
	char crlf[512];
	size_t n = 0;
	for (const char *p = text; *p; p++) {
		if (*p == '\n')
			crlf[n++] = '\r';
		crlf[n++] = *p;
	}
	ck_assert_int_eq(bf_pkg_keyfile_read(crlf, n, &back, &err), 0);
	ck_assert_mem_eq(back.pk, pk, 32);

	size_t bl;
	char *bad = replace(text, strlen(text), "kind: unit", "kind: person", &bl);
	ck_assert_int_eq(bf_pkg_keyfile_read(bad, bl, &back, &err), -1);
	assert_has(err.msg, "line 4");
	assert_has(err.msg, "\"unit\" or \"district\"");
	free(bad);
	bad = replace(text, strlen(text), "public-key: ", "public-key: 00", &bl);
	ck_assert_int_eq(bf_pkg_keyfile_read(bad, bl, &back, &err), -1);
	assert_has(err.msg, "line 5: the public key must be 64 hex digits");
	free(bad);
	bad = replace(text, strlen(text), "code: U001\n", "", &bl);
	ck_assert_int_eq(bf_pkg_keyfile_read(bad, bl, &back, &err), -1);
	assert_has(err.msg, "no \"code\" line");
	free(bad);
	bad = replace(text, strlen(text), "BANGFU-KEY 1", "BANGFU-KEY 2", &bl);
	ck_assert_int_eq(bf_pkg_keyfile_read(bad, bl, &back, &err), -1);
	assert_has(err.msg, "not a bangfu key file");
	free(bad);
	bad = replace(text, strlen(text), "name:", "colour:", &bl);
	ck_assert_int_eq(bf_pkg_keyfile_read(bad, bl, &back, &err), -1);
	assert_has(err.msg, "line 3: unknown key \"colour\"");
	free(bad);
	ck_assert_int_eq(bf_pkg_keyfile_read("", 0, &back, &err), -1);
	/* a byte order mark from Notepad is skipped */
	char bom[512];
	n = (size_t)snprintf(bom, sizeof bom, "\xEF\xBB\xBF%s", text);
	ck_assert_int_eq(bf_pkg_keyfile_read(bom, n, &back, &err), 0);
	ck_assert_str_eq(back.code, "U001");
	free(text);

	/* nothing is written that could not be read back */
	struct bf_pkg_keyfile w = k;
	snprintf(w.name, sizeof w.name, "某某\n公司");
	ck_assert_ptr_null(bf_pkg_keyfile_write(&w));
	w = k;
	w.code[0] = '\0';
	ck_assert_ptr_null(bf_pkg_keyfile_write(&w));
	w = k;
	snprintf(w.kind, sizeof w.kind, "person");
	ck_assert_ptr_null(bf_pkg_keyfile_write(&w));

	/* fingerprint: stable, four groups of four hex digits, differs per key */
	uint8_t fixed[32];
	for (int i = 0; i < 32; i++)
		fixed[i] = (uint8_t)i;
	char fp[24], fp2[24];
	bf_pkg_fingerprint(fixed, fp);
	bf_pkg_fingerprint(fixed, fp2);
	ck_assert_str_eq(fp, fp2);
	/* SHA-256 of bytes 0..31 begins 630dcd2966c4336691125448bbb25b4f */
	ck_assert_str_eq(fp, "630d cd29 66c4 3366");
	fixed[0] = 1;
	bf_pkg_fingerprint(fixed, fp2);
	ck_assert_str_ne(fp, fp2);

	/* hex */
	uint8_t bytes[3];
	ck_assert(bf_pkg_unhex("0aFf10", bytes, 3));
	ck_assert_int_eq(bytes[1], 0xff);
	ck_assert(!bf_pkg_unhex("0aFf1", bytes, 3));
	ck_assert(!bf_pkg_unhex("0aFf1g", bytes, 3));
	ck_assert(!bf_pkg_unhex("0aFf1000", bytes, 3));
	char hex[7];
	bf_pkg_hex(bytes, 3, hex);
	ck_assert_str_eq(hex, "0aff10");
}
END_TEST

START_TEST(seal_refuses_bad_header)
{
	struct bf_pkg_header h = header("submission");
	char *out;
	size_t len;
	bf_error err = {{0}};
	snprintf(h.batch, sizeof h.batch, "2026\n-01");
	ck_assert_int_eq(bf_pkg_seal(&h, "{}", 2, sk, to_pk, &out, &len, &err), -1);
	assert_has(err.msg, "\"batch\" holds a line break");
	ck_assert_ptr_null(out);
	h = header("letter");
	ck_assert_int_eq(bf_pkg_seal(&h, "{}", 2, sk, to_pk, &out, &len, &err), -1);
	assert_has(err.msg, "\"submission\" or \"reply\"");
	/* no addressee's key: nothing to seal to */
	h = header("reply");
	ck_assert_int_eq(bf_pkg_seal(&h, "{}", 2, sk, NULL, &out, &len, &err), -1);
	assert_has(err.msg, "no addressee's key");
}
END_TEST

START_TEST(files_read_write)
{
	char dir[] = "/tmp/check_package_XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/a.bfpkg", dir);
	bf_error err = {{0}};
	ck_assert_int_eq(bf_pkg_write_file(path, "hello\0world", 11, &err), 0);
	char *buf;
	size_t len;
	ck_assert_int_eq(bf_pkg_read_file(path, &buf, &len, &err), 0);
	ck_assert_uint_eq(len, 11);
	ck_assert_mem_eq(buf, "hello\0world", 11);
	free(buf);
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600); /* personal data: the owner only */
	/* overwrite in place, no temporary file left behind */
	ck_assert_int_eq(bf_pkg_write_file(path, "x", 1, &err), 0);
	ck_assert_int_eq(bf_pkg_read_file(path, &buf, &len, &err), 0);
	ck_assert_uint_eq(len, 1);
	free(buf);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "test $(ls %s | wc -l) -eq 1", dir);
	ck_assert_int_eq(system(cmd), 0);

	char missing[160];
	snprintf(missing, sizeof missing, "%s/none.bfpkg", dir);
	ck_assert_int_eq(bf_pkg_read_file(missing, &buf, &len, &err), -1);
	assert_has(err.msg, missing);
	ck_assert_ptr_null(buf);
	ck_assert_int_eq(bf_pkg_read_file(dir, &buf, &len, &err), -1);
	assert_has(err.msg, "not a regular file");
	snprintf(missing, sizeof missing, "%s/no/such/dir.bfpkg", dir);
	ck_assert_int_eq(bf_pkg_write_file(missing, "x", 1, &err), -1);
	assert_has(err.msg, missing);

	/* a sparse file over the limit is refused before it is read */
	char big[160];
	snprintf(big, sizeof big, "%s/big.bfpkg", dir);
	FILE *f = fopen(big, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(ftruncate(fileno(f), (off_t)BF_PKG_MAX_SIZE + 1), 0);
	fclose(f);
	ck_assert_int_eq(bf_pkg_read_file(big, &buf, &len, &err), -1);
	assert_has(err.msg, "too big");
	assert_has(err.msg, big);
	unlink(big);
	unlink(path);
	rmdir(dir);
}
END_TEST

/* The identity tells packages apart like the whole file's digest: the same
 * file the same, another content (hence another header) another. */
START_TEST(identity_of_a_package)
{
	char *content = dump(good_submission());
	size_t len;
	char *pkg = seal("submission", content, sk, &len);
	struct bf_pkg_header h;
	const char *c;
	size_t cl;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_pkg_open(pkg, len, &h, &c, &cl, &err), BF_PKG_OK);
	char a[BF_PKG_HASH_HEX], b[BF_PKG_HASH_HEX], whole[BF_PKG_HASH_HEX];
	bf_pkg_identity(pkg, len, c, cl, a);
	bf_pkg_identity(pkg, len, c, cl, b);
	ck_assert_str_eq(a, b);
	/* the file without its content */
	size_t head = (size_t)(c - pkg);
	char *rest = malloc(len - cl);
	memcpy(rest, pkg, head);
	memcpy(rest + head, c + cl, len - head - cl);
	bf_pkg_sha256_hex(rest, len - cl, whole);
	ck_assert_str_eq(a, whole);
	free(rest);
	/* no content: the whole buffer */
	bf_pkg_identity(pkg, len, NULL, 0, b);
	bf_pkg_sha256_hex(pkg, len, whole);
	ck_assert_str_eq(b, whole);
	/* one character more in the content: a different package */
	char *content2 = malloc(strlen(content) + 2);
	memcpy(content2, content, strlen(content) - 1);
	strcpy(content2 + strlen(content) - 1, " }");
	size_t len2;
	char *pkg2 = seal("submission", content2, sk, &len2);
	ck_assert_int_eq(bf_pkg_open(pkg2, len2, &h, &c, &cl, &err), BF_PKG_OK);
	bf_pkg_identity(pkg2, len2, c, cl, b);
	ck_assert_str_ne(a, b);
	free(pkg2);
	free(content2);
	free(pkg);
	free(content);
}
END_TEST

/* The sealed content opens only with the addressee's key; a package sealed
 * to another key, or whose sealed bytes do not open, is refused naming
 * which; the construction is crypto_box_seal's; a seeded seal is
 * repeatable. */
START_TEST(unseal_checks_the_addressee_and_the_bytes)
{
	char *content = dump(good_submission());
	size_t len;
	char *pkg = seal("submission", content, sk, &len);
	struct bf_pkg_header h;
	const char *c;
	size_t cl;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_pkg_open(pkg, len, &h, &c, &cl, &err), BF_PKG_OK);
	char *plain = NULL;
	size_t plen = 99;
	/* the sender's own key is not the addressee's */
	ck_assert_int_eq(bf_pkg_unseal(&h, c, cl, sk, &plain, &plen, &err), BF_PKG_WRONG_RECIPIENT);
	assert_has(err.msg, "sealed to another key");
	ck_assert_ptr_null(plain);
	ck_assert_uint_eq(plen, 0);
	/* crypto_box_seal_open opens it: the same construction */
	uint8_t xpk[32], xsk[32];
	ck_assert_int_eq(crypto_sign_ed25519_pk_to_curve25519(xpk, to_pk), 0);
	ck_assert_int_eq(crypto_sign_ed25519_sk_to_curve25519(xsk, to_sk), 0);
	unsigned char *m = malloc(cl);
	ck_assert_int_eq(crypto_box_seal_open(m, (const unsigned char *)c, cl, xpk, xsk), 0);
	ck_assert_mem_eq(m, content, strlen(content));
	free(m);
	/* a byte of the sealed content changed, the envelope made sound again
	 * (a sender that sealed garbage): the content does not open */
	char *bad = malloc(len);
	memcpy(bad, pkg, len);
	bad[(c - pkg) + 100] ^= 0x40;
	char sha[BF_PKG_HASH_HEX];
	bf_pkg_sha256_hex(bad + (c - pkg), cl, sha);
	memcpy(h.content_sha256, sha, 64);
	ck_assert_int_eq(bf_pkg_unseal(&h, bad + (c - pkg), cl, to_sk, &plain, &plen, &err),
	                 BF_PKG_NOT_OPENED);
	assert_has(err.msg, "cannot be opened");
	ck_assert_ptr_null(plain);
	/* the unchecked half decrypts all the same, the check refuses it */
	ck_assert_int_eq(bf_pkg_unseal_check(&h, bad + (c - pkg), cl, to_sk, &err),
	                 BF_PKG_NOT_OPENED);
	ck_assert_int_eq(bf_pkg_unseal_check(&h, c, cl, to_sk, &err), BF_PKG_OK);
	ck_assert_int_eq(bf_pkg_unseal_unchecked(c, cl, to_sk, &plain, &plen, &err), BF_PKG_OK);
	ck_assert_str_eq(plain, content);
	bf_pkg_content_free(plain, plen);
	/* too short to be sealed content */
	ck_assert_int_eq(bf_pkg_unseal(&h, c, 20, to_sk, &plain, &plen, &err), BF_PKG_NOT_OPENED);
	free(bad);

	/* random ephemeral keys: two seals differ; a seeded one is repeatable */
	size_t len2;
	char *pkg2 = seal("submission", content, sk, &len2);
	ck_assert(len2 == len && memcmp(pkg, pkg2, len) != 0);
	free(pkg2);
	struct bf_pkg_header hs = header("submission");
	uint8_t seed[32] = {1};
	char *a, *b;
	size_t la, lb;
	ck_assert_int_eq(
	    bf_pkg_seal_seeded(&hs, content, strlen(content), sk, to_pk, seed, &a, &la, &err), 0);
	ck_assert_int_eq(
	    bf_pkg_seal_seeded(&hs, content, strlen(content), sk, to_pk, seed, &b, &lb, &err), 0);
	ck_assert(la == lb && memcmp(a, b, la) == 0);
	ck_assert_int_eq(open_pkg(a, la, &err), BF_PKG_OK);
	free(a);
	free(b);
	free(pkg);
	free(content);
}
END_TEST

START_TEST(result_codes_and_labels)
{
	ck_assert_str_eq(bf_pkg_result_code(BF_PKG_OK), "ok");
	ck_assert_str_eq(bf_pkg_result_code(BF_PKG_TAMPERED), "tampered");
	ck_assert_str_eq(bf_pkg_result_code(BF_PKG_WRONG_KIND), "wrong_kind");
	ck_assert_str_eq(bf_pkg_result_label(BF_PKG_UNKNOWN_KEY), "signed by an unknown key");
	ck_assert_str_eq(bf_pkg_result_code(BF_PKG_RESULT_COUNT), "unknown");
}
END_TEST

/* The Chinese catalogue built for the tests (tests/locale, from po/zh_CN.po). */
START_TEST(messages_in_chinese)
{
	const char *dir = getenv("BANGFU_LOCALEDIR");
	ck_assert_msg(dir && *dir, "BANGFU_LOCALEDIR is not set (run under make check)");
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	setenv("LANGUAGE", "zh_CN", 1);
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	char *content = dump(good_reply());
	size_t len;
	char *pkg = seal("reply", content, sk, &len);
	bf_error err;
	ck_assert_int_eq(open_pkg(pkg, len - 1, &err), BF_PKG_TRUNCATED);
	ck_assert_str_eq(err.msg, "数据包不完整：文件在最后一行（end）之前就结束了。");
	ck_assert_str_eq(bf_pkg_result_label(BF_PKG_TAMPERED), "已被篡改");
	expect_bad_case(1, "amount", json_integer(-5),
	                "第 2 个档案（2026-0002）：“amount”应为不小于 0 的金额（单位：分）。");
	unsetenv("LANGUAGE");
	free(pkg);
	free(content);
}
END_TEST

static Suite *package_suite(void)
{
	Suite *s = suite_create("package");
	TCase *tc = tcase_create("envelope");
	tcase_add_checked_fixture(tc, keys_setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, round_trip_submission_signed);
	tcase_add_test(tc, round_trip_reply_signed_and_unsigned);
	tcase_add_test(tc, empty_content_lists_are_sound);
	tcase_add_test(tc, refuse_not_a_package_and_version);
	tcase_add_test(tc, unseal_checks_the_addressee_and_the_bytes);
	tcase_add_test(tc, refuse_truncated_at_every_byte);
	tcase_add_test(tc, refuse_malformed_header);
	tcase_add_test(tc, refuse_corrupted_unsigned_tampered);
	tcase_add_test(tc, refuse_wrong_submission_content);
	tcase_add_test(tc, refuse_wrong_reply_content);
	tcase_add_test(tc, keys_and_fingerprint);
	tcase_add_test(tc, seal_refuses_bad_header);
	tcase_add_test(tc, files_read_write);
	tcase_add_test(tc, identity_of_a_package);
	tcase_add_test(tc, result_codes_and_labels);
	tcase_add_test(tc, messages_in_chinese);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *s[] = {package_suite()};
	return bf_test_run(s, 1);
}
