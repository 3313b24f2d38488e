/* check_submission_store.c — the unit's side of the submission: the batch
 * rules (only files that passed the publicity, each in one batch, numbers
 * YYYY-NN), the export (a signed package the district can open, with the
 * audit head, full numbers and the right cases; the files frozen; nothing
 * left behind when a file cannot be written; a new revision after a
 * change), and the district's reply (accept, return, the same file twice,
 * another unit's, unsigned, an unknown key, a file the unit does not have). */
#define _POSIX_C_SOURCE 200809L
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <ftw.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/package.h"
#include "bangfu/publicity_store.h"
#include "bangfu/store.h"
#include "bangfu/submission_export.h"
#include "bangfu/submission_store.h"
#include "bangfu/workflow_store.h"
#include "testutil.h"

#define assert_has(text, needle) \
	ck_assert_msg(strstr((text), (needle)) != NULL, "\"%s\" lacks \"%s\"", (text), (needle))

static char tmpdir[512];
static bf_db db;
static int64_t ids[4]; /* three passed the publicity, the fourth is a draft */
static char nums[4][32];

static bf_date D(const char *s)
{
	bf_date d;
	ck_assert_msg(bf_date_parse(s, &d), "%s", s);
	return d;
}

static int64_t q_int(const char *sql)
{
	int64_t v = -12345;
	ck_assert_msg(bf_db_int(&db, sql, &v) == 0, "%s", db.errmsg);
	return v;
}

static const char *status_of(int64_t id)
{
	static char buf[64];
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT status FROM case_file WHERE id = %lld", (long long)id);
	bf_stmt st;
	ck_assert_msg(bf_db_prepare(&db, &st, sql) == 0, "%s", db.errmsg);
	ck_assert_int_eq(bf_step(&st), SQLITE_ROW);
	bf_col_copy(&st, 0, buf, sizeof buf);
	bf_finalize(&st);
	return buf;
}

/* An approved case (category 1, 2,000 yuan), as in check_publicity.c. */
static int64_t approved_case(const char *name, const char *id_number, bool approve, char *number)
{
	static struct bf_case c;
	bf_case_init(&c, 2026);
	struct bf_member *m = &c.members[0];
	strcpy(m->name, name);
	strcpy(m->id_number, id_number);
	m->marital = BF_MAR_MARRIED;
	m->status = BF_ST_EMPLOYED;
	m->monthly_income = 60000;
	m->proof = BF_PROOF_EMPLOYER;
	m = bf_case_add_member(&c, BF_REL_SPOUSE);
	strcpy(m->name, "配偶");
	m->marital = BF_MAR_MARRIED;
	m->status = BF_ST_UNEMPLOYED;
	m->proof = BF_PROOF_UNEMPLOYMENT;
	strcpy(c.family_situation, "夫妻二人");
	strcpy(c.hardship_cause_text, "妻子失业");
	strcpy(c.state_of_mind, "稳定");
	strcpy(c.skills, "钳工");
	strcpy(c.employment_wish, "希望妻子就业");
	strcpy(c.bank_name, "中国工商银行");
	strcpy(c.bank_branch, "朝阳支行");
	strcpy(c.bank_card, "6222021234567890128");
	strcpy(c.phone, "13812345678");
	strcpy(c.department, "一车间");
	c.primary_cause = BF_CAUSE_LAID_OFF;
	bf_error err = {{0}};
	ck_assert_msg(bf_case_save(&db, &c, &err) == 0, "%s", err.msg);
	strcpy(number, c.number);
	if (!approve)
		return c.id;
	struct bf_checklist cl;
	bf_checklist_init(&cl);
	ck_assert_msg(bf_checklist_load(&db, c.id, &cl, &err) == 0, "%s", err.msg);
	for (size_t i = 0; i < cl.n; i++)
		if (cl.items[i].required && !cl.items[i].pair_member)
			ck_assert_msg(bf_checklist_receive(&db, c.id, cl.items[i].key, NULL,
			                                   D("2026-09-01"), &err) == 0,
			              "%s", err.msg);
	bf_checklist_free(&cl);
	struct bf_move mv;
	bf_move_init(&mv, BF_STATE_DOCS_COMPLETE);
	mv.today = D("2026-09-01");
	ck_assert_msg(bf_case_advance(&db, c.id, &mv, &err) == 0, "%s", err.msg);
	struct bf_review r;
	memset(&r, 0, sizeof r);
	r.decision = BF_REVIEW_APPROVE;
	r.category = 1;
	r.amount = 200000;
	strcpy(r.meeting_ref, "2026年第9次");
	ck_assert_msg(bf_case_review(&db, c.id, &r, D("2026-09-02"), &err) == 0, "%s", err.msg);
	return c.id;
}

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bf-sub-XXXXXX", base && base[0] ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	char path[600];
	snprintf(path, sizeof path, "%s/unit.db", tmpdir);
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(&db, path, BF_DB_CREATE, &err) == 0, "%s", err.msg);
	tu_key(&db);
	bf_db_set_actor(&db, "王主席");
	struct bf_unit u;
	memset(&u, 0, sizeof u);
	strcpy(u.name, "测试机械厂");
	strcpy(u.code, "U001");
	strcpy(u.union_name, "测试机械厂工会");
	strcpy(u.district, "某某区总工会");
	ck_assert_msg(bf_unit_save(&db, &u, &err) == 0, "%s", err.msg);
	const char *names[] = {"张三丰", "王五", "李四", "赵六"};
	const char *idn[] = {"11010519491231002X", "110105196001010017", "110105195003070027",
	                     "11010519620101002X"};
	for (int i = 0; i < 4; i++)
		ids[i] = approved_case(names[i], idn[i], i < 3, nums[i]);
	struct bf_round_new rn = {0};
	rn.case_ids = ids;
	rn.n = 3;
	rn.start = D("2026-09-03");
	rn.place = "厂区公告栏";
	rn.contact = "刘工会";
	rn.phone = "010-12345678";
	rn.office = "工会办公室201";
	rn.today = D("2026-09-03");
	int64_t rid = 0;
	ck_assert_msg(bf_round_create(&db, &rn, &rid, &err) == 0, "%s", err.msg);
	ck_assert_msg(bf_round_close(&db, rid, D("2026-09-20"), &err) == 0, "%s", err.msg);
	for (int i = 0; i < 3; i++)
		ck_assert_str_eq(status_of(ids[i]), "publicity_passed");
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void teardown(void)
{
	bf_db_close(&db);
	if (tmpdir[0])
		nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void batch_number(int n, char out[16])
{
	int y, m, d;
	bf_date_to_ymd(bf_date_today(), &y, &m, &d);
	snprintf(out, 16, "%04d-%02d", y, n);
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* ---- batches ------------------------------------------------------------------------- */

START_TEST(batch_rules)
{
	bf_error err = {{0}};
	struct bf_batch_case *cs;
	size_t n;
	ck_assert_int_eq(bf_batch_candidates(&db, &cs, &n, &err), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(cs[0].number, nums[0]);
	ck_assert_str_eq(cs[0].id_number, "1101**********002*"); /* lists carry the mask */
	ck_assert_int_eq(cs[0].amount, 200000);
	ck_assert_int_eq(cs[0].category, 1);
	free(cs);

	/* a draft is refused, naming it; nothing is written */
	ck_assert_int_eq(bf_batch_create(&db, &ids[3], 1, NULL, NULL, &err), 1);
	assert_has(err.msg, nums[3]);
	ck_assert_int_eq(q_int("SELECT count(*) FROM submission_batch"), 0);

	int64_t b1 = 0, b2 = 0;
	ck_assert_msg(bf_batch_create(&db, ids, 2, "第一批", &b1, &err) == 0, "%s", err.msg);
	struct bf_batch b;
	char want[16];
	ck_assert_int_eq(bf_batch_load(&db, b1, NULL, &b, &err), 0);
	batch_number(1, want);
	ck_assert_str_eq(b.number, want);
	ck_assert_str_eq(b.status, "open");
	ck_assert_str_eq(b.note, "第一批");
	ck_assert_int_eq(b.revision, 0);
	ck_assert_uint_eq(b.n_cases, 2);
	ck_assert_int_eq(b.total, 400000);
	/* one batch only: refused, naming the file and its batch */
	ck_assert_int_eq(bf_batch_create(&db, &ids[1], 1, NULL, NULL, &err), 1);
	assert_has(err.msg, nums[1]);
	assert_has(err.msg, want);
	ck_assert_int_eq(q_int("SELECT count(*) FROM submission_batch"), 1);
	/* all waiting: the third file */
	ck_assert_msg(bf_batch_create(&db, NULL, 0, NULL, &b2, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_batch_load(&db, 0, "  ", &b, &err), 1);
	batch_number(2, want);
	ck_assert_int_eq(bf_batch_load(&db, 0, want, &b, &err), 0);
	ck_assert_int_eq(b.id, b2);
	ck_assert_uint_eq(b.n_cases, 1);
	/* none left */
	ck_assert_int_eq(bf_batch_create(&db, NULL, 0, NULL, NULL, &err), 1);
	ck_assert_int_eq(bf_batch_candidates(&db, &cs, &n, &err), 0);
	ck_assert_uint_eq(n, 0);
	free(cs);

	/* moving the third file from batch 2 to batch 1 */
	ck_assert_int_eq(bf_batch_add(&db, b1, ids[2], &err), 1);
	assert_has(err.msg, nums[2]);
	ck_assert_int_eq(bf_batch_remove(&db, b1, ids[2], &err), 1);
	assert_has(err.msg, nums[2]);
	ck_assert_msg(bf_batch_remove(&db, b2, ids[2], &err) == 0, "%s", err.msg);
	ck_assert_msg(bf_batch_add(&db, b1, ids[2], &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_batch_add(&db, b1, ids[3], &err), 1); /* the draft */
	assert_has(err.msg, nums[3]);
	ck_assert_int_eq(bf_batch_cases(&db, b1, &cs, &n, &err), 0);
	ck_assert_uint_eq(n, 3);
	free(cs);
	ck_assert_int_eq(bf_batch_load(&db, b1, NULL, &b, &err), 0);
	ck_assert_int_eq(b.total, 600000);

	struct bf_batch *bs;
	ck_assert_int_eq(bf_batch_list(&db, &bs, &n, &err), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(bs[0].id, b2); /* newest first */
	ck_assert_uint_eq(bs[0].n_cases, 0);
	free(bs);

	/* a file goes in one batch a year: last year's batch does not hold back
	 * this year's renewal (batch 1 becomes last year's) */
	char last[16];
	int y;
	bf_date_to_ymd(bf_date_today(), &y, NULL, NULL);
	snprintf(last, sizeof last, "%04d-01", y - 1);
	bf_stmt st;
	ck_assert_int_eq(bf_db_prepare(&db, &st,
	                               "UPDATE submission_batch SET number = :n"
	                               " WHERE id = :b"),
	                 0);
	ck_assert_int_eq(bf_bind_text(&st, ":n", last) || bf_bind_int(&st, ":b", b1), 0);
	ck_assert_int_eq(bf_step(&st), SQLITE_DONE);
	bf_finalize(&st);
	ck_assert_int_eq(bf_batch_candidates(&db, &cs, &n, &err), 0);
	ck_assert_uint_eq(n, 3);
	free(cs);
	int64_t b3 = 0;
	ck_assert_msg(bf_batch_create(&db, &ids[0], 1, NULL, &b3, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_batch_cases(&db, b1, &cs, &n, &err), 0);
	ck_assert_uint_eq(n, 3); /* last year's batch keeps its record */
	free(cs);
	ck_assert_int_eq(bf_batch_add(&db, b3, ids[0], &err), 0); /* already there */
	ck_assert_int_eq(bf_batch_add(&db, b2, ids[0], &err), 1); /* not twice this year */
	assert_has(err.msg, "one batch a year");

	/* a clerk may not submit */
	bf_store_set_session(&db, "小王", BF_ROLE_CLERK);
	ck_assert_int_eq(bf_batch_create(&db, NULL, 0, NULL, NULL, &err), 1);
	ck_assert_int_eq(bf_batch_remove(&db, b1, ids[2], &err), 1);
	ck_assert_int_eq(q_int("SELECT count(*) FROM submission_case"), 4);
}
END_TEST

/* ---- export -------------------------------------------------------------------------- */

/* The district's key pair, registered once per test: packages are sealed
 * to it. */
static uint8_t dpk[32], dsk[64];
static bool district_registered;

static void register_district(void)
{
	if (district_registered)
		return;
	district_registered = true;
	bf_pkg_keygen(dpk, dsk);
	struct bf_pkg_keyfile k;
	memset(&k, 0, sizeof k);
	strcpy(k.code, "D01");
	strcpy(k.name, "某某区总工会");
	strcpy(k.kind, "district");
	memcpy(k.pk, dpk, 32);
	bf_error err = {{0}};
	ck_assert_msg(bf_key_trust(&db, &k, false, &err) == 0, "%s", err.msg);
}

static char *read_all(const char *path, size_t *len)
{
	char *buf = NULL;
	bf_error err = {{0}};
	ck_assert_msg(bf_pkg_read_file(path, &buf, len, &err) == 0, "%s", err.msg);
	return buf;
}

static int64_t export_all(const char *stem, struct bf_pkg_header *h)
{
	bf_error err = {{0}};
	int64_t b = 0;
	register_district();
	ck_assert_msg(bf_batch_create(&db, ids, 2, NULL, &b, &err) == 0, "%s", err.msg);
	char pkg[700], pdf[700];
	snprintf(pkg, sizeof pkg, "%s/%s.bfpkg", tmpdir, stem);
	snprintf(pdf, sizeof pdf, "%s/%s.pdf", tmpdir, stem);
	ck_assert_msg(bf_submission_export(&db, b, pkg, pdf, 0, h, &err) == 0, "%s", err.msg);
	return b;
}

/* Does the file hold s, as UTF-8 or as hex (either case)? */
static bool file_has(const char *path, const char *s)
{
	size_t len;
	char *buf = read_all(path, &len);
	char hex[256], HEX[256];
	bf_pkg_hex((const uint8_t *)s, strlen(s), hex);
	for (size_t i = 0; hex[i]; i++)
		HEX[i] = (char)(hex[i] >= 'a' && hex[i] <= 'f' ? hex[i] - 32 : hex[i]);
	HEX[strlen(hex)] = '\0';
	bool found = memmem(buf, len, s, strlen(s)) || memmem(buf, len, hex, strlen(hex)) ||
	             memmem(buf, len, HEX, strlen(HEX));
	free(buf);
	return found;
}

/* The text of a PDF (pdftotext), malloc'd. */
static char *pdf_text(const char *path)
{
	char cmd[900];
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
	FILE *f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	size_t cap = 1 << 16, n = 0;
	char *out = malloc(cap);
	size_t r;
	while ((r = fread(out + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (n + 1 == cap)
			out = realloc(out, cap *= 2);
	}
	out[n] = '\0';
	ck_assert_int_eq(pclose(f), 0);
	return out;
}

START_TEST(export_package)
{
	bf_error err = {{0}};
	struct bf_pkg_header h;
	int64_t rows_before = q_int("SELECT count(*) FROM audit_log");
	int64_t b = export_all("one", &h);
	char pkg[700], xlsx[700], pdf[700];
	snprintf(pkg, sizeof pkg, "%s/one.bfpkg", tmpdir);
	snprintf(xlsx, sizeof xlsx, "%s/one.xlsx", tmpdir);
	snprintf(pdf, sizeof pdf, "%s/one.pdf", tmpdir);
	/* the package and attachment 2; attachment 1 (full numbers) is the
	 * district's to make */
	ck_assert(exists(pkg) && exists(pdf) && !exists(xlsx));
	struct stat sb;
	ck_assert_int_eq(stat(pkg, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	/* a lost stick: neither file shows a full ID, bank card or phone
	 * number, as UTF-8 or as hex, nor in the PDF's text */
	static const char *const secrets[] = {"11010519491231002X", "110105196001010017",
	                                      "6222021234567890128", "13812345678", "张三丰"};
	char *text = pdf_text(pdf);
	assert_has(text, "公示结果报告");
	for (size_t i = 0; i < BF_ARRAY_LEN(secrets); i++) {
		ck_assert_msg(!file_has(pkg, secrets[i]), "the package shows %s", secrets[i]);
		if (i < 4) {
			ck_assert_msg(!file_has(pdf, secrets[i]), "the PDF shows %s", secrets[i]);
			ck_assert_msg(!strstr(text, secrets[i]), "the PDF's text shows %s",
			              secrets[i]);
		}
	}
	free(text);

	size_t len;
	char *buf = read_all(pkg, &len);
	struct bf_pkg_header ph;
	const char *content;
	size_t clen;
	ck_assert_int_eq(bf_pkg_open(buf, len, &ph, &content, &clen, &err), BF_PKG_OK);
	ck_assert(ph.is_signed);
	ck_assert_int_eq(ph.version, 2);
	ck_assert_mem_eq(ph.sealed_to, dpk, 32);
	uint8_t pk[32];
	ck_assert_int_eq(bf_key_public(&db, pk, &err), 0);
	ck_assert_mem_eq(ph.public_key, pk, 32);
	ck_assert_str_eq(ph.kind, "submission");
	ck_assert_str_eq(ph.from_code, "U001");
	ck_assert_str_eq(ph.from_name, "测试机械厂");
	ck_assert_str_eq(ph.to_name, "某某区总工会");
	ck_assert(ph.full_numbers);
	ck_assert_int_eq(ph.revision, 1);
	ck_assert_int_eq(ph.cases, 2);
	ck_assert_str_eq(ph.content_sha256, h.content_sha256);
	/* the audit head: the log at export time, the files' moves in it; only
	 * the batch's own row recording the package's digest comes after */
	char sql[256];
	snprintf(sql, sizeof sql,
	         "SELECT count(*) FROM audit_chain WHERE id = %lld AND hash = '%s'",
	         (long long)ph.audit_rows, ph.audit_head);
	ck_assert_int_eq(q_int(sql), 1);
	snprintf(sql, sizeof sql,
	         "SELECT count(*) FROM audit_log WHERE id > %lld AND tbl = 'case_transition'",
	         (long long)ph.audit_rows);
	ck_assert_int_eq(q_int(sql), 0);
	char head[65];
	int64_t last;
	ck_assert_int_eq(bf_audit_latest_hash(&db, head, &last, &err), 0);
	ck_assert_int_eq(last, ph.audit_rows + 1);
	ck_assert_int_gt(ph.audit_rows, rows_before);
	struct bf_audit_report rep;
	int vrc = bf_audit_verify(&db, ph.audit_head, &rep, &err);
	char first[256] = "";
	if (rep.nbreaks)
		bf_audit_break_text(&rep.breaks[0], first, sizeof first);
	ck_assert_msg(vrc == 0, "%s", first);

	/* the content reads back with the right cases and full numbers */
	struct bf_pkg_submission s;
	char *plain;
	size_t plen;
	uint8_t upk[32], usk[64];
	ck_assert_int_eq(bf_key_secret(&db, upk, usk, &err), 0);
	ck_assert_int_eq(bf_pkg_unseal(&ph, content, clen, usk, &plain, &plen, &err),
	                 BF_PKG_WRONG_RECIPIENT); /* not even the unit opens it */
	ck_assert_int_eq(bf_pkg_unseal(&ph, content, clen, dsk, &plain, &plen, &err), BF_PKG_OK);
	ck_assert_int_eq(bf_pkg_parse_submission(plain, plen, &s, &err), BF_PKG_OK);
	bf_pkg_content_free(plain, plen);
	ck_assert_str_eq(s.unit_code, "U001");
	ck_assert_int_eq(s.revision, 1);
	ck_assert_uint_eq(s.n_cases, 2);
	ck_assert_str_eq(s.cases[0].number, nums[0]);
	ck_assert_str_eq(s.cases[1].number, nums[1]);
	ck_assert_str_eq(s.cases[0].id_number, "11010519491231002X");
	ck_assert_int_eq(s.cases[0].amount, 200000);
	ck_assert_int_eq(s.cases[0].category, 1);
	ck_assert_uint_eq(s.cases[0].n_people, 2);
	ck_assert_str_eq(s.cases[0].people[1].relation, "spouse");
	assert_has(s.cases[0].json, "6222021234567890128"); /* the bank card, in full */
	assert_has(s.cases[0].json, "\"checklist\"");
	assert_has(s.cases[0].json, "\"meeting_ref\":\"2026年第9次\"");
	assert_has(s.cases[0].json, "\"to\":\"submitted\"");
	assert_has(s.cases[0].json, "\"status\":\"submitted\"");
	ck_assert_uint_eq(s.n_reports, 1);
	assert_has(s.reports[0].text, "公示结果报告");
	assert_has(s.reports[0].text, "张三丰");
	ck_assert_str_eq(s.reports[0].start, "2026-09-03");
	bf_pkg_submission_free(&s);

	/* the package's identity, the same the district will record */
	char sha[BF_PKG_HASH_HEX];
	bf_pkg_identity(buf, len, content, clen, sha);
	free(buf);
	struct bf_batch bt;
	ck_assert_int_eq(bf_batch_load(&db, b, NULL, &bt, &err), 0);
	ck_assert_str_eq(bt.status, "exported");
	ck_assert_int_eq(bt.revision, 1);
	ck_assert_str_eq(bt.package_sha256, sha);
	ck_assert_str_eq(bt.exported_by, "王主席");
	ck_assert_int_eq(q_int("SELECT count(*) FROM reveal_event WHERE field = 'all'"), 2);

	/* the files are with the district: frozen */
	ck_assert_str_eq(status_of(ids[0]), "submitted");
	ck_assert_str_eq(status_of(ids[2]), "publicity_passed");
	static struct bf_case c;
	ck_assert_int_eq(bf_case_load(&db, ids[0], &c, &err), 0);
	strcpy(c.phone, "13900000000");
	ck_assert_int_ne(bf_case_save(&db, &c, &err), 0);
	char want[256];
	snprintf(want, sizeof want,
	         "File %s has been submitted to the district union: it can be changed only after "
	         "the district returns it.",
	         nums[0]);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(bf_checklist_unset(&db, ids[0], "1", &err), 1);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(bf_batch_remove(&db, b, ids[0], &err), 1);
	/* a file not submitted still saves */
	ck_assert_int_eq(bf_case_load(&db, ids[2], &c, &err), 0);
	strcpy(c.phone, "13900000000");
	ck_assert_msg(bf_case_save(&db, &c, &err) == 0, "%s", err.msg);

	/* a change reopens the batch; the next export is revision 2, the files
	 * already submitted stay submitted */
	ck_assert_msg(bf_batch_add(&db, b, ids[2], &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_batch_load(&db, b, NULL, &bt, &err), 0);
	ck_assert_str_eq(bt.status, "open");
	snprintf(pkg, sizeof pkg, "%s/two.bfpkg", tmpdir);
	ck_assert_msg(bf_submission_export(&db, b, pkg, NULL, 0, &h, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(h.revision, 2);
	ck_assert_int_eq(h.cases, 3);
	for (int i = 0; i < 3; i++)
		ck_assert_str_eq(status_of(ids[i]), "submitted");
	ck_assert_int_eq(q_int("SELECT count(*) FROM case_transition WHERE to_status = "
	                       "'submitted'"),
	                 3);
}
END_TEST

/* The files in tmpdir, one name a line. */
static char *listing(void)
{
	char cmd[700];
	snprintf(cmd, sizeof cmd, "ls -A '%s'", tmpdir);
	FILE *f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	static char out[4096];
	size_t n = fread(out, 1, sizeof out - 1, f);
	out[n] = '\0';
	pclose(f);
	return out;
}

START_TEST(export_failure_leaves_nothing)
{
	bf_error err = {{0}};
	int64_t b = 0;
	ck_assert_msg(bf_batch_create(&db, ids, 3, NULL, &b, &err) == 0, "%s", err.msg);
	int64_t audit = q_int("SELECT count(*) FROM audit_log");
	char pkg[700], pdf[700];
	snprintf(pkg, sizeof pkg, "%s/p.bfpkg", tmpdir);
	snprintf(pdf, sizeof pdf, "%s/p.pdf", tmpdir);
	/* no district key registered: nothing to seal to, refused */
	ck_assert_int_eq(bf_submission_export(&db, b, pkg, pdf, 0, NULL, &err), 1);
	assert_has(err.msg, "No key of the district union is registered");
	register_district();
	char before[4096];
	snprintf(before, sizeof before, "%s", listing());
	/* the package cannot be written */
	snprintf(pkg, sizeof pkg, "%s/no/such/folder/p.bfpkg", tmpdir);
	ck_assert_int_ne(bf_submission_export(&db, b, pkg, pdf, 0, NULL, &err), 0);
	ck_assert_str_ne(err.msg, "");
	/* the package is written, attachment 2 cannot be: the package goes too */
	snprintf(pkg, sizeof pkg, "%s/p.bfpkg", tmpdir);
	snprintf(pdf, sizeof pdf, "%s/no/such/folder/p.pdf", tmpdir);
	ck_assert_int_ne(bf_submission_export(&db, b, pkg, pdf, 0, NULL, &err), 0);
	ck_assert(!exists(pkg));
	/* no temporary file left either */
	ck_assert_str_eq(listing(), before);
	for (int i = 0; i < 3; i++)
		ck_assert_str_eq(status_of(ids[i]), "publicity_passed");
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit_log"), audit + 1); /* the key */
	ck_assert_int_eq(q_int("SELECT count(*) FROM reveal_event"), 0);
	struct bf_batch bt;
	ck_assert_int_eq(bf_batch_load(&db, b, NULL, &bt, &err), 0);
	ck_assert_int_eq(bt.revision, 0);
	ck_assert_str_eq(bt.status, "open");
	ck_assert_str_eq(bt.package_sha256, "");
	/* a reviewer may not export */
	bf_store_set_session(&db, "审核员", BF_ROLE_REVIEWER);
	ck_assert_int_eq(bf_submission_export(&db, b, pkg, NULL, 0, NULL, &err), 1);
	ck_assert(!exists(pkg));
}
END_TEST

/* A full stick, with the file size limit standing in for it (150 KiB: the
 * database's small writes and the package fit, attachment 2 of about
 * 200 KiB does not). The export fails naming the PDF, nothing is
 * left in the folder (not the package, not a temporary) and the database
 * is as it was. */
START_TEST(export_to_a_full_stick_changes_nothing)
{
	bf_error err = {{0}};
	int64_t b = 0;
	register_district();
	ck_assert_msg(bf_batch_create(&db, ids, 2, NULL, &b, &err) == 0, "%s", err.msg);
	char stick[700], pkg[800], pdf[800];
	snprintf(stick, sizeof stick, "%s/stick", tmpdir);
	ck_assert_int_eq(mkdir(stick, 0700), 0);
	snprintf(pkg, sizeof pkg, "%s/p.bfpkg", stick);
	snprintf(pdf, sizeof pdf, "%s/p.pdf", stick);
	int64_t audit = q_int("SELECT count(*) FROM audit_log");
	/* the log's writes stay small below the limit: start it empty */
	ck_assert_int_eq(sqlite3_exec(db.h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
	                 SQLITE_OK);
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit rl = {.rlim_cur = 150 * 1024, .rlim_max = RLIM_INFINITY};
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	ck_assert_int_ne(bf_submission_export(&db, b, pkg, pdf, 0, NULL, &err), 0);
	rl.rlim_cur = RLIM_INFINITY;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	assert_has(err.msg, "p.pdf");
	char cmd[800];
	snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", stick);
	ck_assert_msg(system(cmd) == 0, "files left on the full stick");
	for (int i = 0; i < 2; i++)
		ck_assert_str_eq(status_of(ids[i]), "publicity_passed");
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit_log"), audit);
	ck_assert_int_eq(q_int("SELECT count(*) FROM reveal_event"), 0);
	struct bf_batch bt;
	ck_assert_int_eq(bf_batch_load(&db, b, NULL, &bt, &err), 0);
	ck_assert_int_eq(bt.revision, 0);
	/* with room again, the same export goes through */
	ck_assert_msg(bf_submission_export(&db, b, pkg, pdf, 0, NULL, &err) == 0, "%s", err.msg);
	ck_assert(exists(pkg) && exists(pdf));
}
END_TEST

/* ---- the reply ----------------------------------------------------------------------- */

/* A reply package with decisions (JSON objects, comma-separated) for the
 * unit to_code, signed with sk (NULL: unsigned). *len set; free it. */
static char *make_reply(const char *to_code, const char *from_code, const char *decisions,
                        const char *created, const uint8_t *sk, size_t *len)
{
	char content[4096];
	snprintf(content, sizeof content,
	         "{\"format\":\"bangfu-reply\",\"version\":1,"
	         "\"district\":{\"code\":\"%s\",\"name\":\"某某区总工会\"},"
	         "\"unit\":{\"code\":\"%s\",\"name\":\"测试机械厂\"},"
	         "\"created\":\"%s\",\"decisions\":[%s]}",
	         from_code, to_code, created, decisions);
	struct bf_pkg_header h;
	memset(&h, 0, sizeof h);
	h.version = BF_PKG_VERSION;
	strcpy(h.kind, "reply");
	strcpy(h.from_code, from_code);
	strcpy(h.from_name, "某某区总工会");
	strcpy(h.to_code, to_code);
	strcpy(h.to_name, "测试机械厂");
	strcpy(h.created, created);
	h.revision = 1;
	h.cases = 1;
	char *out = NULL;
	bf_error err = {{0}};
	uint8_t unit_pk[32]; /* sealed to the unit's key */
	ck_assert_int_eq(bf_key_public(&db, unit_pk, &err), 0);
	ck_assert_msg(bf_pkg_seal(&h, content, strlen(content), sk, unit_pk, &out, len, &err) == 0,
	              "%s", err.msg);
	return out;
}

static void accept_json(char *buf, size_t n, const char *number, bf_fen amount)
{
	snprintf(buf, n,
	         "{\"number\":\"%s\",\"batch\":\"\",\"decision\":\"accept\",\"amount\":%lld,"
	         "\"decided_at\":\"2026-12-20T09:00:00Z\",\"decided_by\":\"区干事\"}",
	         number, (long long)amount);
}

START_TEST(reply_import)
{
	bf_error err = {{0}};
	struct bf_pkg_header h;
	export_all("sent", &h); /* files 0 and 1 submitted */
	register_district();
	struct bf_reply_result r;
	char d0[512], d1[512], d2[512], all[2048];
	accept_json(d0, sizeof d0, nums[0], 180000);
	snprintf(d1, sizeof d1,
	         "{\"number\":\"%s\",\"batch\":\"\",\"decision\":\"return\","
	         "\"reason\":\"配偶收入证明不全\",\"back_to\":\"docs_complete\","
	         "\"decided_at\":\"2026-12-20T09:05:00Z\",\"decided_by\":\"区干事\"}",
	         nums[1]);
	snprintf(all, sizeof all, "%s,%s", d0, d1);
	size_t len;
	int64_t decisions = q_int("SELECT count(*) FROM district_decision");

	/* for another unit: refused */
	char *pkg = make_reply("U999", "D01", all, "2026-12-20T10:00:00Z", dsk, &len);
	ck_assert_int_eq(bf_reply_import(&db, pkg, len, &r, &err), 1);
	assert_has(err.msg, "U999");
	free(pkg);
	/* unsigned: refused while a signature is required */
	pkg = make_reply("U001", "D01", all, "2026-12-20T10:00:00Z", NULL, &len);
	ck_assert_int_eq(bf_reply_import(&db, pkg, len, &r, &err), 1);
	free(pkg);
	/* signed with a key that is not the one registered */
	uint8_t opk[32], osk[64];
	bf_pkg_keygen(opk, osk);
	pkg = make_reply("U001", "D01", all, "2026-12-20T10:00:00Z", osk, &len);
	ck_assert_int_eq(bf_reply_import(&db, pkg, len, &r, &err), 1);
	assert_has(err.msg, "D01");
	free(pkg);
	/* from a district whose key is not registered */
	pkg = make_reply("U001", "D02", all, "2026-12-20T10:00:00Z", osk, &len);
	ck_assert_int_eq(bf_reply_import(&db, pkg, len, &r, &err), 1);
	assert_has(err.msg, "D02");
	free(pkg);
	/* a file this unit does not have: the whole reply is refused */
	accept_json(d2, sizeof d2, "2026-9999", 100000);
	char bad[3000];
	snprintf(bad, sizeof bad, "%s,%s", all, d2);
	pkg = make_reply("U001", "D01", bad, "2026-12-20T10:00:00Z", dsk, &len);
	ck_assert_int_eq(bf_reply_import(&db, pkg, len, &r, &err), 1);
	assert_has(err.msg, "2026-9999");
	free(pkg);
	/* a submission package is not a reply */
	char path[700];
	snprintf(path, sizeof path, "%s/sent.bfpkg", tmpdir);
	char *sub = read_all(path, &len);
	ck_assert_int_eq(bf_reply_import(&db, sub, len, &r, &err), 1);
	free(sub);
	ck_assert_str_eq(status_of(ids[0]), "submitted");
	ck_assert_str_eq(status_of(ids[1]), "submitted");
	ck_assert_int_eq(q_int("SELECT count(*) FROM district_decision"), decisions);
	ck_assert_int_eq(q_int("SELECT count(*) FROM reply_import"), 0);

	/* the district's own reply: one accepted, one returned */
	pkg = make_reply("U001", "D01", all, "2026-12-20T10:00:00Z", dsk, &len);
	ck_assert_msg(bf_reply_import(&db, pkg, len, &r, &err) == 0, "%s", err.msg);
	ck_assert(!r.already);
	ck_assert_uint_eq(r.accepted, 1);
	ck_assert_uint_eq(r.returned, 1);
	ck_assert_uint_eq(r.unchanged, 0);
	assert_has(r.lines, nums[0]);
	assert_has(r.lines, "1,800.00");
	assert_has(r.lines, "配偶收入证明不全");
	ck_assert_str_eq(status_of(ids[0]), "accepted");
	ck_assert_str_eq(status_of(ids[1]), "returned");
	struct bf_case_decision dd;
	ck_assert_int_eq(bf_case_district_decision(&db, ids[0], &dd, &err), 0);
	ck_assert_str_eq(dd.decision, "accept");
	ck_assert_int_eq(dd.amount, 180000);
	ck_assert_str_eq(dd.decided_by, "区干事");
	ck_assert_int_eq(bf_case_district_decision(&db, ids[1], &dd, &err), 0);
	ck_assert_str_eq(dd.decision, "return");
	ck_assert_str_eq(dd.back_to, "docs_complete");
	ck_assert_str_eq(dd.reason, "配偶收入证明不全");
	ck_assert_int_eq(bf_case_district_decision(&db, ids[2], &dd, &err), 1);
	static struct bf_case_wf w;
	ck_assert_int_eq(bf_case_workflow(&db, ids[1], BF_DATE_NONE, &w, &err), 0);
	ck_assert_int_eq(w.returned_to, BF_STATE_DOCS_COMPLETE);

	/* the same file again changes nothing */
	int64_t audit = q_int("SELECT count(*) FROM audit_log");
	ck_assert_int_eq(bf_reply_import(&db, pkg, len, &r, &err), 0);
	ck_assert(r.already);
	ck_assert_uint_eq(r.accepted + r.returned + r.unchanged, 0);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit_log"), audit);
	free(pkg);

	/* the returned file is the unit's again; the accepted one stays frozen */
	static struct bf_case c;
	ck_assert_int_eq(bf_case_load(&db, ids[1], &c, &err), 0);
	ck_assert_msg(bf_case_save(&db, &c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_case_load(&db, ids[0], &c, &err), 0);
	ck_assert_int_ne(bf_case_save(&db, &c, &err), 0);

	/* a later reply repeating the acceptance: counted unchanged; unsigned is
	 * taken when the unit does not require a signature */
	ck_assert_int_eq(bf_setting_set(&db, "require_signature", "0", &err), 0);
	pkg = make_reply("U001", "D01", d0, "2026-12-21T10:00:00Z", NULL, &len);
	ck_assert_msg(bf_reply_import(&db, pkg, len, &r, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(r.unchanged, 1);
	ck_assert_uint_eq(r.accepted, 0);
	free(pkg);
	ck_assert_int_eq(q_int("SELECT count(*) FROM reply_import"), 2);
	ck_assert_int_eq(q_int("SELECT count(*) FROM district_decision"), decisions + 2);
}
END_TEST

/* A second copy of an old reply (the district wrote it twice, or a stick
 * came late) does not return again a file the unit has sent since; a new
 * decision on it does. */
START_TEST(stale_reply_changes_nothing)
{
	bf_error err = {{0}};
	struct bf_pkg_header h;
	int64_t b = export_all("sent", &h);
	register_district();
	char d1[512], d1b[512];
	snprintf(d1, sizeof d1,
	         "{\"number\":\"%s\",\"batch\":\"\",\"decision\":\"return\","
	         "\"reason\":\"配偶收入证明不全\",\"back_to\":\"publicity_passed\","
	         "\"decided_at\":\"2026-12-20T09:05:00Z\",\"decided_by\":\"区干事\"}",
	         nums[1]);
	struct bf_reply_result r;
	size_t len;
	char *pkg = make_reply("U001", "D01", d1, "2026-12-20T10:00:00Z", dsk, &len);
	ck_assert_msg(bf_reply_import(&db, pkg, len, &r, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(r.returned, 1);
	free(pkg);
	ck_assert_str_eq(status_of(ids[1]), "returned");

	/* the unit puts it right and sends the batch again */
	struct bf_move mv;
	bf_move_init(&mv, BF_STATE_PUBLICITY_PASSED);
	ck_assert_msg(bf_case_advance(&db, ids[1], &mv, &err) == 0, "%s", err.msg);
	char path[700];
	snprintf(path, sizeof path, "%s/again.bfpkg", tmpdir);
	ck_assert_msg(bf_submission_export(&db, b, path, NULL, 0, &h, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(h.revision, 2);
	ck_assert_str_eq(status_of(ids[1]), "submitted");

	/* the same decision in a copy written later: nothing changes */
	int64_t decisions = q_int("SELECT count(*) FROM district_decision");
	pkg = make_reply("U001", "D01", d1, "2026-12-20T10:30:00Z", dsk, &len);
	ck_assert_msg(bf_reply_import(&db, pkg, len, &r, &err) == 0, "%s", err.msg);
	free(pkg);
	ck_assert_uint_eq(r.returned, 0);
	ck_assert_uint_eq(r.unchanged, 1);
	assert_has(r.lines, nums[1]);
	ck_assert_str_eq(status_of(ids[1]), "submitted");
	ck_assert_int_eq(q_int("SELECT count(*) FROM district_decision"), decisions);

	/* the district's new decision on the revision is applied */
	snprintf(d1b, sizeof d1b,
	         "{\"number\":\"%s\",\"batch\":\"\",\"decision\":\"accept\","
	         "\"amount\":150000,\"decided_at\":\"2026-12-22T09:00:00Z\","
	         "\"decided_by\":\"区干事\"}",
	         nums[1]);
	pkg = make_reply("U001", "D01", d1b, "2026-12-22T10:00:00Z", dsk, &len);
	ck_assert_msg(bf_reply_import(&db, pkg, len, &r, &err) == 0, "%s", err.msg);
	free(pkg);
	ck_assert_uint_eq(r.accepted, 1);
	ck_assert_str_eq(status_of(ids[1]), "accepted");
}
END_TEST

/* One key signs for one sender: the district's key offered again under
 * another code is refused, and nothing is written. */
START_TEST(key_one_sender)
{
	register_district();
	int64_t keys = q_int("SELECT count(*) FROM trusted_key");
	int64_t audit = q_int("SELECT count(*) FROM audit_log");
	struct bf_pkg_keyfile k;
	memset(&k, 0, sizeof k);
	strcpy(k.code, "D02");
	strcpy(k.name, "另一区总工会");
	strcpy(k.kind, "district");
	memcpy(k.pk, dpk, 32);
	bf_error err = {{0}};
	ck_assert_int_eq(bf_key_trust(&db, &k, false, &err), 1);
	ck_assert_msg(strstr(err.msg, "D01") && strstr(err.msg, "D02"), "%s", err.msg);
	ck_assert_int_eq(bf_key_trust(&db, &k, true, &err), 1);
	ck_assert_int_eq(q_int("SELECT count(*) FROM trusted_key"), keys);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit_log"), audit);
	/* nor may D01's key replace a key already registered for D02 */
	uint8_t pk2[32], sk2[64];
	bf_pkg_keygen(pk2, sk2);
	memcpy(k.pk, pk2, 32);
	ck_assert_msg(bf_key_trust(&db, &k, false, &err) == 0, "%s", err.msg);
	memcpy(k.pk, dpk, 32);
	ck_assert_int_eq(bf_key_trust(&db, &k, true, &err), 1);
	uint8_t got[32];
	ck_assert_int_eq(bf_key_trusted(&db, "D02", got, NULL, 0, &err), 0);
	ck_assert_mem_eq(got, pk2, 32);
	/* the same key again for its own code is still fine */
	strcpy(k.code, "D01");
	strcpy(k.name, "某某区总工会");
	ck_assert_msg(bf_key_trust(&db, &k, false, &err) == 0, "%s", err.msg);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("submission_store");
	TCase *tc = tcase_create("unit");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, batch_rules);
	tcase_add_test(tc, export_package);
	tcase_add_test(tc, export_failure_leaves_nothing);
	tcase_add_test(tc, export_to_a_full_stick_changes_nothing);
	tcase_add_test(tc, reply_import);
	tcase_add_test(tc, key_one_sender);
	tcase_add_test(tc, stale_reply_changes_nothing);
	suite_add_tcase(s, tc);
	return bf_test_run(&s, 1);
}
