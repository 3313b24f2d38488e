/* check_submission_ui.c — the unit's screens for the submission to the
 * district (报送): the deadline line (on the batches and on the case list)
 * in its levels, a new batch from the files that passed publicity, a
 * batch's files, export with its confirmation and the two files, and the
 * district's reply — driven in-process: a fresh database in a temporary
 * folder per test, curses on an "xterm" over /dev/null at 80x24, keys from a
 * script, the screen read back and the database checked. The files reach
 * "publicity passed" the way they do in use: documents, review, a
 * publicity round closed after its last day. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bangfu/accounts.h"
#include "bangfu/casefile.h"
#include "bangfu/checklist.h"
#include "bangfu/ident.h"
#include "bangfu/package.h"
#include "bangfu/publicity_store.h"
#include "bangfu/store.h"
#include "bangfu/submission.h"
#include "bangfu/submission_export.h"
#include "bangfu/submission_store.h"
#include "bangfu/ui.h"
#include "bangfu/ui_screens.h"
#include "bangfu/workflow_store.h"
#include "../../src/ui/workflow_ui.h"
#include "../unit/testutil.h"

#include "screen_fixture.h"

static const char *const ids_of[3] = {"11010519491231002X", "110105196001010017",
                                      "11010519620101002X"};
static const char *const names_of[3] = {"张三丰", "王五", "赵六"};

/* An approved file (category 1, 2,000 yuan): every document in, the
 * union's review. */
static int64_t approved_file(int i)
{
	static struct bf_case c;
	bf_case_init(&c, 2026);
	struct bf_member *m = &c.members[0];
	bf_strlcpy(m->name, names_of[i], sizeof m->name);
	bf_strlcpy(m->id_number, ids_of[i], sizeof m->id_number);
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
	ck_assert_msg(bf_case_save(&ctx.db, &c, &err) == 0, "%s", err.msg);
	struct bf_checklist cl;
	bf_checklist_init(&cl);
	ck_assert_msg(bf_checklist_load(&ctx.db, c.id, &cl, &err) == 0, "%s", err.msg);
	for (size_t k = 0; k < cl.n; k++)
		if (cl.items[k].required && !cl.items[k].pair_member)
			ck_assert_msg(bf_checklist_receive(&ctx.db, c.id, cl.items[k].key, NULL,
			                                   bf_date_from_ymd(2026, 11, 2),
			                                   &err) == 0,
			              "%s", err.msg);
	bf_checklist_free(&cl);
	struct bf_move mv;
	bf_move_init(&mv, BF_STATE_DOCS_COMPLETE);
	mv.today = bf_date_from_ymd(2026, 11, 2);
	ck_assert_msg(bf_case_advance(&ctx.db, c.id, &mv, &err) == 0, "%s", err.msg);
	struct bf_review r;
	memset(&r, 0, sizeof r);
	r.decision = BF_REVIEW_APPROVE;
	r.category = 1;
	r.amount = 200000;
	strcpy(r.meeting_ref, "2026年第11次");
	ck_assert_msg(bf_case_review(&ctx.db, c.id, &r, bf_date_from_ymd(2026, 11, 3), &err) == 0,
	              "%s", err.msg);
	return c.id;
}

/* The unit's details (its code names the package files), and n files that
 * passed publicity (a round from 2026-11-04, closed 2026-11-16). */
static void passed_files(int n, int64_t *ids)
{
	struct bf_unit u;
	memset(&u, 0, sizeof u);
	bf_strlcpy(u.name, "红星机械厂", sizeof u.name);
	bf_strlcpy(u.code, "U001", sizeof u.code);
	bf_strlcpy(u.union_name, "红星机械厂工会", sizeof u.union_name);
	bf_strlcpy(u.district, "朝阳区总工会", sizeof u.district);
	bf_strlcpy(u.contact, "李工会", sizeof u.contact);
	bf_strlcpy(u.phone, "010-12345678", sizeof u.phone);
	bf_error err = {{0}};
	ck_assert_msg(bf_unit_save(&ctx.db, &u, &err) == 0, "%s", err.msg);
	ck_assert_msg(bf_key_ensure(&ctx.db, &err) == 0, "%s", err.msg);
	for (int i = 0; i < n; i++)
		ids[i] = approved_file(i);
	struct bf_round_new rn = {0};
	rn.case_ids = ids;
	rn.n = (size_t)n;
	rn.start = bf_date_from_ymd(2026, 11, 4);
	rn.place = "厂区公告栏";
	rn.contact = "李工会";
	rn.phone = "010-12345678";
	rn.office = "工会办公室";
	rn.today = bf_date_from_ymd(2026, 11, 4);
	int64_t rid = 0;
	ck_assert_msg(bf_round_create(&ctx.db, &rn, &rid, &err) == 0, "%s", err.msg);
	ck_assert_msg(bf_round_close(&ctx.db, rid, bf_date_from_ymd(2026, 11, 16), &err) == 0, "%s",
	              err.msg);
}

static const char *status_of(int64_t case_id)
{
	static char buf[32];
	bf_stmt st;
	ck_assert_int_eq(bf_db_prepare(&ctx.db, &st, "SELECT status FROM case_file WHERE id = :i"),
	                 0);
	ck_assert_int_eq(bf_bind_int(&st, ":i", case_id), 0);
	ck_assert_int_eq(bf_step(&st), SQLITE_ROW);
	bf_col_copy(&st, 0, buf, sizeof buf);
	bf_finalize(&st);
	return buf;
}

static struct bf_batch only_batch(void)
{
	struct bf_batch *b = NULL, one;
	size_t n = 0;
	bf_error err = {{0}};
	ck_assert_msg(bf_batch_list(&ctx.db, &b, &n, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(n, 1);
	one = b[0];
	free(b);
	return one;
}

/* The attributes of the cell at (y, x) (an ASCII character there). */
static attr_t attr_at(int y, int x)
{
	return (attr_t)(mvinch(y, x) & A_ATTRIBUTES);
}

/* The deadline line the domain words for these inputs. */
static void expected_line(const char *setting, bf_date today, int minutes, char *out, size_t n,
                          enum bf_deadline_level *lv)
{
	struct bf_deadline d;
	char msg[128];
	ck_assert(bf_deadline_parse(setting, &d, msg, sizeof msg));
	struct bf_calendar cal = {0};
	bf_error err = {{0}};
	ck_assert_msg(bf_calendar_load(&ctx.db, &cal, &err) == 0, "%s", err.msg);
	struct bf_deadline_status s;
	bf_deadline_status(&d, today, minutes, &cal, &s);
	bf_calendar_free(&cal);
	bf_deadline_describe(&d, &s, out, n);
	*lv = s.level;
}

/* ---- the deadline line ------------------------------------------------------------------ */

START_TEST(deadline_line_ok_warn_passed)
{
	bf_error err = {{0}};
	ck_assert_int_eq(bf_submission_open(&app), 0);
	run();
	assert_on_screen("No submission deadline is set; t sets it.");

	ck_assert_int_eq(bf_setting_set(&ctx.db, BF_DEADLINE_SETTING, "2026-12-25 17:30", &err), 0);
	setenv("BANGFU_NOW", "10:00", 1);
	char want[256];
	enum bf_deadline_level lv;
	expected_line("2026-12-25 17:30", ctx.today, 600, want, sizeof want, &lv);
	ck_assert_int_eq(lv, BF_DEADLINE_OK);
	key(BF_CTRL('R'));
	run();
	assert_in(want, "Submission deadline 2026-12-25 17:30");
	assert_on_screen(want);
	ck_assert_msg(attr_at(1, 1) != bf_attr(BF_ATTR_WARN), "OK is not drawn as a warning");

	/* Thursday before the deadline's Friday: the last working days */
	ctx.today = bf_date_from_ymd(2026, 12, 24);
	setenv("BANGFU_NOW", "09:15", 1);
	expected_line("2026-12-25 17:30", ctx.today, 9 * 60 + 15, want, sizeof want, &lv);
	ck_assert_int_eq(lv, BF_DEADLINE_WARN);
	key(BF_CTRL('R'));
	run();
	assert_on_screen(want);
	ck_assert_int_eq(attr_at(1, 1), bf_attr(BF_ATTR_WARN));

	ctx.today = bf_date_from_ymd(2026, 12, 28);
	expected_line("2026-12-25 17:30", ctx.today, 9 * 60 + 15, want, sizeof want, &lv);
	ck_assert_int_eq(lv, BF_DEADLINE_PASSED);
	key(BF_CTRL('R'));
	run();
	assert_on_screen(want);
	assert_on_screen("has passed");
	ck_assert_int_eq(attr_at(1, 1), bf_attr(BF_ATTR_WARN));
	unsetenv("BANGFU_NOW");
	assert_same_as_fresh();
}
END_TEST

START_TEST(caselist_shows_deadline)
{
	bf_error err = {{0}};
	int64_t ids[1];
	passed_files(1, ids);
	ck_assert_int_eq(bf_caselist_open(&app), 0);
	run();
	ck_assert_ptr_null(strstr(screen(), "Submission deadline"));

	ck_assert_int_eq(bf_setting_set(&ctx.db, BF_DEADLINE_SETTING, "2026-12-25 17:30", &err), 0);
	ctx.today = bf_date_from_ymd(2026, 12, 23);
	setenv("BANGFU_NOW", "08:30", 1);
	char want[256];
	enum bf_deadline_level lv;
	expected_line("2026-12-25 17:30", ctx.today, 8 * 60 + 30, want, sizeof want, &lv);
	ck_assert_int_eq(lv, BF_DEADLINE_WARN);
	key(BF_CTRL('R'));
	run();
	assert_on_screen(want);
	/* the row it is on, drawn as a warning */
	char line[512];
	int row = -1;
	for (int y = 1; y < LINES - 2 && row < 0; y++) {
		bf_term_dump_line(y, line, sizeof line);
		if (strstr(line, "Submission deadline"))
			row = y;
	}
	ck_assert_int_ge(row, 1);
	ck_assert_int_eq(attr_at(row, 1), bf_attr(BF_ATTR_WARN));
	unsetenv("BANGFU_NOW");
}
END_TEST

START_TEST(deadline_set_keeps_what_was_typed)
{
	ck_assert_int_eq(bf_submission_open(&app), 0);
	key('t');
	type("2026-13-26 17:30");
	key('\n');
	snap(); /* the problem named */
	key('\n');
	snap(); /* the prompt again, with the text */
	key(BF_ESC);
	run();
	char msg[256];
	struct bf_deadline d;
	ck_assert(!bf_deadline_parse("2026-13-26 17:30", &d, msg, sizeof msg));
	char head[24];
	bf_strlcpy(head, msg, sizeof head);
	assert_in(snaps[0], head);
	assert_in(snaps[1], "2026-13-26 17:30");
	char buf[64];
	bf_setting_text(&ctx.db, BF_DEADLINE_SETTING, "", buf, sizeof buf);
	ck_assert_str_eq(buf, "");

	key('t');
	type("2026-12-26T17:30");
	key('\n');
	run();
	bf_setting_text(&ctx.db, BF_DEADLINE_SETTING, "", buf, sizeof buf);
	ck_assert_str_eq(buf, "2026-12-26 17:30");
	assert_on_screen("Submission deadline set: 2026-12-26 17:30.");
	assert_same_as_fresh();
}
END_TEST

/* ---- batches ------------------------------------------------------------------------------ */

START_TEST(new_batch_from_candidates)
{
	int64_t ids[3];
	passed_files(3, ids);
	ck_assert_int_eq(bf_submission_open(&app), 0);
	key('n');
	snap();
	key(' '); /* untick the first */
	key('\n');
	snap();
	key('y');
	run();
	assert_in(snaps[0], "Files that passed publicity: 3, chosen: 3, 6,000.00 yuan");
	assert_in(snaps[0], "[x]");
	assert_in(snaps[1], "Make a batch of 2 files, 4,000.00 yuan in all?");
	struct bf_batch b = only_batch();
	ck_assert_uint_eq(b.n_cases, 2);
	ck_assert_int_eq(b.total, 400000);
	char want[128];
	snprintf(want, sizeof want, "Batch %s: 2 files, 4,000.00 yuan.", b.number);
	assert_on_screen(want);
	/* the list shows it */
	assert_on_screen("1 batch for the district");
	assert_on_screen(b.number);
	assert_on_screen("4,000.00");
	struct bf_batch_case *c = NULL;
	size_t n = 0;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_batch_candidates(&ctx.db, &c, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	free(c);
	assert_same_as_fresh();
}
END_TEST

START_TEST(batch_files_take_out_and_add)
{
	int64_t ids[3];
	passed_files(3, ids);
	bf_error err = {{0}};
	int64_t bid = 0;
	ck_assert_msg(bf_batch_create(&ctx.db, ids, 2, NULL, &bid, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_submission_open(&app), 0);
	key('\n');
	run();
	struct bf_batch b = only_batch();
	char want[128], masked[32];
	snprintf(want, sizeof want, "Batch %s: 2 files, 4,000.00 yuan", b.number);
	assert_on_screen(want);
	assert_on_screen("Not exported yet.");
	bf_mask_id(ids_of[0], masked, sizeof masked);
	assert_on_screen(masked);
	assert_on_screen(names_of[1]);
	assert_on_screen("not sent");
	ck_assert_ptr_null(strstr(screen(), ids_of[0]));

	key('d');
	key('y');
	run();
	assert_on_screen("is out of batch");
	ck_assert_uint_eq(only_batch().n_cases, 1);

	key('a');
	snap();
	key(' ');
	key('\n');
	run();
	assert_in(snaps[0], "Files that passed publicity: 2, chosen: 0");
	assert_on_screen("1 file added to batch");
	ck_assert_uint_eq(only_batch().n_cases, 2);
	snprintf(want, sizeof want, "Batch %s: 2 files, 4,000.00 yuan", b.number);
	assert_on_screen(want);
	assert_same_as_fresh();
}
END_TEST

/* Issue 17: the File columns of the batch picker and of a batch's files
 * as wide as the longest number the allocator has made: "2026-10000" and
 * "2026-100000" whole at 80x24, not cut with "…". */
START_TEST(long_numbers_shown_whole)
{
	int64_t ids[3];
	passed_files(3, ids);
	static const char *const numbers[] = {"2026-10000", "2026-100000"};
	for (int i = 0; i < 2; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "UPDATE case_file SET number = '%s' WHERE id = %lld",
		         numbers[i], (long long)ids[i + 1]);
		ck_assert_msg(bf_db_exec(&ctx.db, sql) == 0, "%s", ctx.db.errmsg);
	}
	ck_assert_int_eq(bf_submission_open(&app), 0);
	key('n');
	snap();
	key('\n');
	key('y');
	key('\n'); /* the batch made: its files */
	run();
	for (int i = 0; i < 2; i++) {
		assert_in(snaps[0], numbers[i]);
		assert_on_screen(numbers[i]);
	}
	ck_assert_ptr_null(strstr(snaps[0], "…"));
	ck_assert_ptr_null(strstr(screen(), "…"));
	ck_assert_uint_eq(only_batch().n_cases, 3);
	assert_same_as_fresh();
}
END_TEST

/* The district's key registered on the unit's database (exports are sealed
 * to it); its key pair in pk/sk. */
static void register_district(uint8_t pk[32], uint8_t sk[64])
{
	bf_pkg_keygen(pk, sk);
	struct bf_pkg_keyfile k;
	memset(&k, 0, sizeof k);
	strcpy(k.code, "D01");
	strcpy(k.name, "朝阳区总工会");
	strcpy(k.kind, "district");
	memcpy(k.pk, pk, 32);
	bf_error err = {{0}};
	ck_assert_msg(bf_key_trust(&ctx.db, &k, false, &err) == 0, "%s", err.msg);
}

/* Two files that passed publicity in a batch, the district's key
 * registered, the test folder the current one: a batch ready to export. */
static void exportable_batch(int64_t ids[2])
{
	passed_files(2, ids);
	uint8_t dpk[32], dsk[64];
	register_district(dpk, dsk);
	bf_error err = {{0}};
	ck_assert_msg(bf_batch_create(&ctx.db, ids, 2, NULL, NULL, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(chdir(tmpdir), 0);
}

START_TEST(export_confirms_then_writes_two_files)
{
	int64_t ids[2];
	exportable_batch(ids);
	ck_assert_int_eq(bf_submission_open(&app), 0);
	struct bf_batch b = only_batch();

	/* no at the confirmation: nothing written */
	key('x');
	snap();
	key('n');
	run();
	assert_in(snaps[0], "full ID, bank card");
	assert_in(snaps[0], "sealed");
	ck_assert_str_eq(only_batch().status, "open");

	n_snaps = 0;
	key('x');
	key('y');
	snap(); /* the folder: the current one */
	key('\n');
	snap(); /* the two paths */
	key('\n');
	run();
	assert_in(snaps[0], tmpdir);
	char pkg[1024], xlsx[1024], pdf[1024];
	snprintf(pkg, sizeof pkg, "%s/U001-%s-r1.bfpkg", tmpdir, b.number);
	snprintf(xlsx, sizeof xlsx, "%s/U001-%s-r1.xlsx", tmpdir, b.number);
	snprintf(pdf, sizeof pdf, "%s/U001-%s-r1.pdf", tmpdir, b.number);
	struct stat st;
	ck_assert_msg(stat(pkg, &st) == 0 && st.st_size > 0, "%s", pkg);
	ck_assert_msg(stat(xlsx, &st) != 0, "%s: attachment 1 is the district's to make", xlsx);
	ck_assert_msg(stat(pdf, &st) == 0 && st.st_size > 0, "%s", pdf);
	assert_in(snaps[1], "Exported");
	assert_in(snaps[1], "Package:");
	char name[128];
	snprintf(name, sizeof name, "U001-%s-r1.bfpkg", b.number);
	assert_in(snaps[1], name);
	snprintf(name, sizeof name, "U001-%s-r1.pdf", b.number);
	assert_in(snaps[1], name);
	assert_in(snaps[1], "sealed to the district union");
	struct bf_batch after = only_batch();
	ck_assert_str_eq(after.status, "exported");
	ck_assert_int_eq(after.revision, 1);
	ck_assert_str_eq(status_of(ids[0]), "submitted");
	ck_assert_str_eq(status_of(ids[1]), "submitted");
	/* the list says so */
	assert_on_screen("exported");
	assert_same_as_fresh();
}
END_TEST

/* Longer than a line: the reply screen wraps it. */
#define LONG_REASON                                                                                                                            \
	"缺少收入证明，请补充单位出具的工资证明和配偶的失业证明后重新报送，逾期不再受理本年度的帮" \
	"扶"                                                                                                                                  \
	"申请"

/* The screen's rows run together without their left margin and indent (text wrapped
 * over rows reads whole again). */
static const char *joined(void)
{
	static char out[65536];
	char line[1024];
	size_t len = 0;
	out[0] = 0;
	for (int y = 0; y < LINES; y++) {
		bf_term_dump_line(y, line, sizeof line);
		const char *p = line; /* wrapped rows hang indented (listkit's text screen) */
		while (*p == ' ')
			p++;
		size_t n = strlen(p);
		if (len + n + 1 < sizeof out) {
			memcpy(out + len, p, n + 1);
			len += n;
		}
	}
	return out;
}

/* A reply from district D01 signed with sk: accept the first file, return
 * the second. Written to tmpdir/reply.bfpkg. */
static void write_reply(const uint8_t sk[64], const char *batch, const char *n0, const char *n1,
                        char *path, size_t n)
{
	char content[2048];
	snprintf(content, sizeof content,
	         "{\"format\": \"bangfu-reply\", \"version\": 1,"
	         " \"district\": {\"code\": \"D01\", \"name\": \"朝阳区总工会\"},"
	         " \"unit\": {\"code\": \"U001\", \"name\": \"红星机械厂\"},"
	         " \"created\": \"2026-12-20T02:00:00Z\","
	         " \"decisions\": ["
	         "  {\"number\": \"%s\", \"batch\": \"%s\", \"decision\": \"accept\","
	         "   \"amount\": 180000, \"decided_at\": \"2026-12-19T08:00:00Z\","
	         "   \"decided_by\": \"区审核\"},"
	         "  {\"number\": \"%s\", \"batch\": \"%s\", \"decision\": \"return\","
	         "   \"reason\": \"%s\", \"back_to\": \"approved\","
	         "   \"decided_at\": \"2026-12-19T08:00:00Z\", \"decided_by\": \"区审核\"}]}",
	         n0, batch, n1, batch, LONG_REASON);
	struct bf_pkg_header h;
	memset(&h, 0, sizeof h);
	h.version = BF_PKG_VERSION;
	strcpy(h.kind, "reply");
	strcpy(h.from_code, "D01");
	strcpy(h.from_name, "朝阳区总工会");
	strcpy(h.to_code, "U001");
	strcpy(h.to_name, "红星机械厂");
	bf_strlcpy(h.batch, batch, sizeof h.batch);
	strcpy(h.created, "2026-12-20T02:00:00Z");
	h.cases = 2;
	char *out = NULL;
	size_t len = 0;
	bf_error err = {{0}};
	uint8_t unit_pk[32]; /* sealed to the unit's key */
	ck_assert_msg(bf_key_public(&ctx.db, unit_pk, &err) == 0, "%s", err.msg);
	ck_assert_msg(bf_pkg_seal(&h, content, strlen(content), sk, unit_pk, &out, &len, &err) == 0,
	              "%s", err.msg);
	snprintf(path, n, "%s/reply.bfpkg", tmpdir);
	ck_assert_msg(bf_pkg_write_file(path, out, len, &err) == 0, "%s", err.msg);
	free(out);
}

static void case_number(int64_t id, char out[32])
{
	bf_stmt st;
	ck_assert_int_eq(bf_db_prepare(&ctx.db, &st, "SELECT number FROM case_file WHERE id = :i"),
	                 0);
	ck_assert_int_eq(bf_bind_int(&st, ":i", id), 0);
	ck_assert_int_eq(bf_step(&st), SQLITE_ROW);
	bf_col_copy(&st, 0, out, 32);
	bf_finalize(&st);
}

START_TEST(reply_import_then_again)
{
	int64_t ids[2];
	passed_files(2, ids);
	bf_error err = {{0}};
	int64_t bid = 0;
	ck_assert_msg(bf_batch_create(&ctx.db, ids, 2, NULL, &bid, &err) == 0, "%s", err.msg);
	/* the district's key, registered (the package is sealed to it) */
	uint8_t pk[32], sk[64];
	register_district(pk, sk);
	char pkg[1024];
	snprintf(pkg, sizeof pkg, "%s/out.bfpkg", tmpdir);
	ck_assert_msg(bf_submission_export(&ctx.db, bid, pkg, NULL, 0, NULL, &err) == 0, "%s",
	              err.msg);
	char n0[32], n1[32], path[1024];
	case_number(ids[0], n0);
	case_number(ids[1], n1);
	write_reply(sk, only_batch().number, n0, n1, path, sizeof path);

	ck_assert_int_eq(bf_submission_open(&app), 0);
	key('i');
	type(path);
	key('\n');
	run();
	assert_on_screen("Accepted: 1, returned: 1, unchanged: 0");
	assert_on_screen(n0);
	assert_on_screen(n1);
	assert_in(joined(), LONG_REASON);
	assert_on_screen("Reply imported: 1 accepted, 1 returned.");
	ck_assert_str_eq(status_of(ids[0]), "accepted");
	ck_assert_str_eq(status_of(ids[1]), "returned");

	key(BF_ESC); /* back to the batches */
	key('i');
	type(path);
	key('\n');
	snap();
	key('\n');
	run();
	assert_in(snaps[0], "nothing changed");
	ck_assert_str_eq(status_of(ids[0]), "accepted");

	/* the batch's files: the returned one says why */
	n_snaps = 0;
	key('\n');
	key(BF_KC(KEY_DOWN));
	key('\n');
	snap();
	key('\n');
	run();
	assert_on_screen("returned");
	assert_on_screen("accepted");
	/* the accepted file's row: the district's amount, not the proposed */
	assert_in(row_of(screen(), n0), "1,800.00");
	assert_in(snaps[0], "Returned by the district on");
	assert_in(snaps[0], "区审核");
	assert_in(snaps[0], "缺少收入证明");
	/* and the case list's */
	bf_app_finish(&app);
	ck_assert_int_eq(bf_caselist_open(&app), 0);
	run();
	assert_in(row_of(screen(), n0), "1,800.00");
	assert_same_as_fresh();
}
END_TEST

START_TEST(keys_write_and_register)
{
	int64_t ids[1];
	passed_files(1, ids);
	ck_assert_int_eq(chdir(tmpdir), 0);
	ck_assert_int_eq(bf_submission_open(&app), 0);
	/* this unit's key file, in the current folder */
	key('k');
	key('\n'); /* write */
	key('\n'); /* the path offered */
	snap();
	key('\n');
	run();
	char path[1024];
	snprintf(path, sizeof path, "%s/U001.bfkey", tmpdir);
	char *buf = NULL;
	size_t len = 0;
	bf_error err = {{0}};
	ck_assert_msg(bf_pkg_read_file(path, &buf, &len, &err) == 0, "%s", err.msg);
	struct bf_pkg_keyfile mine;
	ck_assert_msg(bf_pkg_keyfile_read(buf, len, &mine, &err) == 0, "%s", err.msg);
	free(buf);
	char fp[24];
	bf_pkg_fingerprint(mine.pk, fp);
	assert_in(snaps[0], fp);

	/* the district's key file: code, name, fingerprint, then registered */
	struct bf_pkg_keyfile k;
	memset(&k, 0, sizeof k);
	uint8_t sk[64];
	bf_pkg_keygen(k.pk, sk);
	strcpy(k.code, "D01");
	strcpy(k.name, "朝阳区总工会");
	strcpy(k.kind, "district");
	char *text = bf_pkg_keyfile_write(&k);
	ck_assert_ptr_nonnull(text);
	snprintf(path, sizeof path, "%s/D01.bfkey", tmpdir);
	ck_assert_msg(bf_pkg_write_file(path, text, strlen(text), &err) == 0, "%s", err.msg);
	free(text);
	n_snaps = 0;
	key('k');
	key(BF_KC(KEY_DOWN));
	key('\n'); /* register */
	type(path);
	key('\n');
	snap();
	key('y');
	run();
	bf_pkg_fingerprint(k.pk, fp);
	assert_in(snaps[0], "D01");
	assert_in(snaps[0], "朝阳区总工会");
	assert_in(snaps[0], fp);
	assert_on_screen("is registered");
	uint8_t got[32];
	char name[128];
	ck_assert_int_eq(bf_key_trusted(&ctx.db, "D01", got, name, sizeof name, &err), 0);
	ck_assert_int_eq(memcmp(got, k.pk, 32), 0);

	/* a new key for D01: both fingerprints shown, replaced only when confirmed */
	char old_fp[24];
	bf_strlcpy(old_fp, fp, sizeof old_fp);
	bf_pkg_keygen(k.pk, sk);
	text = bf_pkg_keyfile_write(&k);
	ck_assert_ptr_nonnull(text);
	ck_assert_msg(bf_pkg_write_file(path, text, strlen(text), &err) == 0, "%s", err.msg);
	free(text);
	bf_pkg_fingerprint(k.pk, fp);
	n_snaps = 0;
	for (int round = 0; round < 2; round++) {
		key('k');
		key(BF_KC(KEY_DOWN));
		key('\n');
		type(path);
		key('\n');
		snap();
		key(round == 0 ? 'n' : 'y');
		run();
		ck_assert_int_eq(bf_key_trusted(&ctx.db, "D01", got, name, sizeof name, &err), 0);
		ck_assert_int_eq(memcmp(got, k.pk, 32) == 0, round == 1);
	}
	assert_in(snaps[0], "A different key is registered for D01");
	assert_in(snaps[0], old_fp);
	assert_in(snaps[0], fp);
	assert_same_as_fresh();
}
END_TEST

START_TEST(clerk_sees_no_submit_keys)
{
	int64_t ids[2];
	passed_files(2, ids);
	bf_error err = {{0}};
	ck_assert_msg(bf_batch_create(&ctx.db, ids, 2, NULL, NULL, &err) == 0, "%s", err.msg);
	bf_store_set_session(&ctx.db, "tester", BF_ROLE_CLERK);
	ck_assert_int_eq(bf_submission_open(&app), 0);
	key('n'); /* not offered: nothing happens */
	key('x');
	run();
	struct bf_action_set set = bf_screen_actions(bf_app_top(&app));
	for (const enum bf_action *a = set.acts; *a != BF_ACT_NONE; a++)
		ck_assert(*a == BF_ACT_EDIT);
	ck_assert_str_eq(bf_app_top(&app)->ops->name, "batches");
	ck_assert_str_eq(only_batch().status, "open");
	assert_on_screen("No submission deadline is set.");
	/* but the batch opens */
	key('\n');
	run();
	assert_on_screen("Enter: the district's decision on the selected file.");
	assert_same_as_fresh();
}
END_TEST

/* Issue 17: the export shows its steps in the progress box; Esc at the last
 * step before it is recorded (the package and the PDF written as
 * temporaries) records nothing and leaves no file behind. */
/* The export's box counts two steps a file (checked and moved, then
 * packed) and three more (the package written, attachment 2 written,
 * recorded); Esc at step n stops it there. */
static void export_cancelled_at(int steps_before_esc)
{
	int64_t ids[2];
	exportable_batch(ids);
	int64_t audit = sql_int("SELECT count(*) FROM audit_log");
	ck_assert_int_eq(bf_submission_open(&app), 0);
	key('x');
	key('y');
	key('\n'); /* the current folder */
	esc_after_steps(steps_before_esc, "Exporting the batch (files checked, packed)");
	assert_in(snaps[0], "0 of 7 (0%)");
	struct bf_batch after = only_batch();
	ck_assert_str_eq(after.status, "open");
	ck_assert_int_eq(after.revision, 0);
	ck_assert_str_ne(status_of(ids[0]), "submitted");
	ck_assert_str_ne(status_of(ids[1]), "submitted");
	ck_assert_int_eq(sql_int("SELECT count(*) FROM audit_log"), audit);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM reveal_event"), 0);
	ck_assert(!dir_has(tmpdir, "U001-"));
	ck_assert(!dir_has(tmpdir, BF_OUTFILE_PREFIX));
}

/* Esc at the last moment: everything written, nothing recorded. */
START_TEST(export_cancelled_with_esc_changes_nothing)
{
	export_cancelled_at(6);
	assert_in(snaps[1], "6 of 7 (85%)");
}
END_TEST

/* Esc after the first file was moved to "submitted" inside the export's
 * transaction, the second not yet checked: the move is rolled back. */
START_TEST(export_cancelled_between_files_changes_nothing)
{
	export_cancelled_at(1);
	assert_in(snaps[1], "1 of 7 (14%)");
}
END_TEST

/* Over a Chinese screen: a submitted file's history offers the district's
 * return, but only its reply package records it: the move is refused with
 * where to go instead, and the file stays submitted. */
START_TEST(district_return_refused_zh)
{
	chinese(&ctx);
	int64_t ids[1], bid = 0;
	passed_files(1, ids);
	bf_error err = {{0}};
	ck_assert_msg(bf_batch_create(&ctx.db, ids, 1, NULL, &bid, &err) == 0, "%s", err.msg);
	uint8_t pk[32], sk[64];
	register_district(pk, sk);
	char pkg[1024];
	snprintf(pkg, sizeof pkg, "%s/out.bfpkg", tmpdir);
	ck_assert_msg(bf_submission_export(&ctx.db, bid, pkg, NULL, 0, NULL, &err) == 0, "%s",
	              err.msg);
	ck_assert_str_eq(status_of(ids[0]), "submitted");
	ck_assert_int_eq(bf_history_open(&app, ids[0], NULL, NULL), 0);
	key('m');
	key(BF_KC(KEY_DOWN)); /* returned by the district */
	key('\n');
	snap();
	key('\n');
	run();
	ck_assert_int_eq(n_snaps, 1);
	assert_in(snaps[0], "暂不能流转");
	assert_in(snaps[0], "reply import");
	ck_assert_str_eq(status_of(ids[0]), "submitted");
	ck_assert_int_eq(dialogs.checked, 2);
	assert_same_as_fresh();
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("submission_ui");
	TCase *tc = tcase_create("submission_ui");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, deadline_line_ok_warn_passed);
	tcase_add_test(tc, caselist_shows_deadline);
	tcase_add_test(tc, deadline_set_keeps_what_was_typed);
	tcase_add_test(tc, new_batch_from_candidates);
	tcase_add_test(tc, batch_files_take_out_and_add);
	tcase_add_test(tc, long_numbers_shown_whole);
	tcase_add_test(tc, export_confirms_then_writes_two_files);
	tcase_add_test(tc, export_cancelled_with_esc_changes_nothing);
	tcase_add_test(tc, export_cancelled_between_files_changes_nothing);
	tcase_add_test(tc, reply_import_then_again);
	tcase_add_test(tc, keys_write_and_register);
	tcase_add_test(tc, clerk_sees_no_submit_keys);
	tcase_add_test(tc, district_return_refused_zh);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *suites[] = {suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
