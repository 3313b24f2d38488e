/* check_workflow_store.c — the workflow against real SQLite files, each test
 * in a fresh temporary folder (SQLite is opened only inside the tests):
 * the checklist kept in step with the facts by bf_case_save, ticking items,
 * moves recorded with who/when/from/to/reason, the review, the district's
 * return, closure, history, and the reviewer_must_differ setting. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bangfu/accounts.h"
#include "bangfu/store.h"
#include "bangfu/workflow_store.h"
#include "testutil.h"

#define assert_has(text, needle) \
	ck_assert_msg(strstr((text), (needle)) != NULL, "\"%s\" lacks \"%s\"", (text), (needle))

static char tmpdir[512];

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bf-wf-XXXXXX", base && base[0] ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
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
	if (tmpdir[0])
		nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void open_db(bf_db *db, const char *actor)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/wf.db", tmpdir);
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(db, path, BF_DB_CREATE, &err) == 0, "%s", err.msg);
	tu_key(db);
	bf_db_set_actor(db, actor);
}

static int64_t q_int(bf_db *db, const char *sql)
{
	int64_t v = -12345;
	ck_assert_msg(bf_db_int(db, sql, &v) == 0, "%s", db->errmsg);
	return v;
}

static const char *q_text(bf_db *db, const char *sql)
{
	static char buf[4][2048];
	static int i;
	i = (i + 1) % 4;
	buf[i][0] = '\0';
	bf_stmt st;
	ck_assert_msg(bf_db_prepare(db, &st, sql) == 0, "%s", db->errmsg);
	int rc = bf_step(&st);
	ck_assert_msg(rc == SQLITE_ROW || rc == SQLITE_DONE, "%s", db->errmsg);
	if (rc == SQLITE_ROW)
		bf_col_copy(&st, 0, buf[i], sizeof buf[i]);
	bf_finalize(&st);
	return buf[i];
}

static void assert_no_txn(bf_db *db)
{
	ck_assert_ptr_null(db->txn_where);
	ck_assert_int_ne(sqlite3_get_autocommit(db->h), 0);
}

/* 张三 (employed, 600 yuan), 李四 (unemployed spouse with a certificate, no
 * income): per capita 300 yuan, category 1. Five clears and bank recorded. */
static struct bf_case *new_case(bf_db *db)
{
	struct bf_case *c = malloc(sizeof *c);
	bf_case_init(c, 2026);
	struct bf_member *m = &c->members[0];
	strcpy(m->name, "张三");
	strcpy(m->id_number, "11010519491231002X");
	m->marital = BF_MAR_MARRIED;
	m->status = BF_ST_EMPLOYED;
	m->monthly_income = 60000;
	m->proof = BF_PROOF_EMPLOYER;
	m = bf_case_add_member(c, BF_REL_SPOUSE);
	strcpy(m->name, "李四");
	m->marital = BF_MAR_MARRIED;
	m->status = BF_ST_UNEMPLOYED;
	m->proof = BF_PROOF_UNEMPLOYMENT;
	strcpy(c->family_situation, "夫妻二人");
	strcpy(c->hardship_cause_text, "妻子失业");
	strcpy(c->state_of_mind, "稳定");
	strcpy(c->skills, "钳工");
	strcpy(c->employment_wish, "希望妻子就业");
	strcpy(c->bank_name, "中国工商银行");
	strcpy(c->bank_branch, "朝阳支行");
	strcpy(c->bank_card, "6222021234567890128");
	c->primary_cause = BF_CAUSE_LAID_OFF;
	bf_error err = {{0}};
	ck_assert_msg(bf_case_save(db, c, &err) == 0, "%s", err.msg);
	return c;
}

static void receive_ok(bf_db *db, int64_t id, const char *key)
{
	bf_error err = {{0}};
	int rc = bf_checklist_receive(db, id, key, NULL, BF_DATE_NONE, &err);
	ck_assert_msg(rc == 0, "receive %s: %s", key, err.msg);
	assert_no_txn(db);
}

static void receive_all(bf_db *db, int64_t id)
{
	struct bf_checklist cl;
	bf_checklist_init(&cl);
	bf_error err = {{0}};
	ck_assert_msg(bf_checklist_load(db, id, &cl, &err) == 0, "%s", err.msg);
	for (size_t i = 0; i < cl.n; i++)
		if (cl.items[i].required && !cl.items[i].pair_member)
			receive_ok(db, id, cl.items[i].key);
	bf_checklist_free(&cl);
}

static int advance(bf_db *db, int64_t id, enum bf_state to, const char *reason, bf_date today,
                   bf_error *err)
{
	struct bf_move m;
	bf_move_init(&m, to);
	m.reason = reason;
	m.today = today;
	if (to == BF_STATE_RETURNED)
		m.back_to = BF_STATE_DOCS_COMPLETE;
	int rc = bf_case_advance(db, id, &m, err);
	assert_no_txn(db);
	return rc;
}

static void advance_ok(bf_db *db, int64_t id, enum bf_state to, const char *reason, bf_date today)
{
	bf_error err = {{0}};
	int rc = advance(db, id, to, reason, today, &err);
	ck_assert_msg(rc == 0, "→ %s: %s", bf_state_code(to), err.msg);
}

static void approval(struct bf_review *r)
{
	memset(r, 0, sizeof *r);
	r->decision = BF_REVIEW_APPROVE;
	r->category = 1;
	r->amount = 200000;
	strcpy(r->meeting_ref, "2026年第3次工会委员会");
}

static const char *status_of(bf_db *db, int64_t id)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT status FROM case_file WHERE id = %lld", (long long)id);
	return q_text(db, sql);
}

/* ---- checklist ---------------------------------------------------------------------------- */

START_TEST(test_nothing_stored_until_recorded)
{
	bf_db db;
	open_db(&db, "王干事");
	struct bf_case *c = new_case(&db);
	/* a required document without a row is missing: no rows, no audit noise */
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM checklist_item"), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'checklist_item'"),
	                 0);
	struct bf_checklist cl;
	bf_checklist_init(&cl);
	bf_error err = {{0}};
	ck_assert_int_eq(bf_checklist_load(&db, c->id, &cl, &err), 0);
	ck_assert_uint_eq(cl.n, 6); /* form hukou; 2 IDs; income; unemployment */
	struct bf_checklist_summary s;
	bf_checklist_summarize(&cl, &s);
	ck_assert_uint_eq(s.missing, 6);

	/* receiving records who took it, when and how many */
	struct bf_receipt r = {"2026-03-01", 2, "原件已核对"};
	ck_assert_int_eq(
	    bf_checklist_receive(&db, c->id, "hukou", &r, bf_date_from_ymd(2026, 3, 2), &err), 0);
	ck_assert_str_eq(q_text(&db,
	                        "SELECT status || ' ' || received_date || ' ' || copies || ' ' "
	                        "|| received_by || ' ' || note || ' ' || required"
	                        " FROM checklist_item WHERE key = 'hukou'"),
	                 "received 2026-03-01 2 王干事 原件已核对 1");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'checklist_item'"
	                            " AND action = 'insert' AND actor = '王干事'"),
	                 1);
	/* a receipt in the future, a bad date and silly copies are refused */
	strcpy(r.date, "2026-03-03");
	ck_assert_int_eq(
	    bf_checklist_receive(&db, c->id, "form", &r, bf_date_from_ymd(2026, 3, 2), &err), 1);
	assert_has(err.msg, "in the future");
	strcpy(r.date, "2026-02-30");
	ck_assert_int_eq(bf_checklist_receive(&db, c->id, "form", &r, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "not a date");
	struct bf_receipt many = {"", 500, ""};
	ck_assert_int_eq(bf_checklist_receive(&db, c->id, "form", &many, BF_DATE_NONE, &err), 1);
	/* waiving needs a reason; records who waived */
	ck_assert_int_eq(bf_checklist_waive(&db, c->id, "form", "  ", &err), 1);
	assert_has(err.msg, "reason");
	ck_assert_int_eq(bf_checklist_waive(&db, c->id, "unemployment", "社区电话核实", &err), 0);
	ck_assert_str_eq(q_text(&db, "SELECT status || ' ' || waive_reason || ' ' || waived_by ||"
	                             " ' ' || coalesce(received_by, '-') FROM checklist_item"
	                             " WHERE key LIKE 'unemployment:%'"),
	                 "waived 社区电话核实 王干事 -");
	/* back to missing */
	ck_assert_int_eq(bf_checklist_unset(&db, c->id, "hukou", &err), 0);
	ck_assert_str_eq(q_text(&db, "SELECT status || ' ' || copies || ' ' ||"
	                             " coalesce(received_date, '-') FROM checklist_item"
	                             " WHERE key = 'hukou'"),
	                 "missing 0 -");
	/* unknown keys are refused in words */
	ck_assert_int_eq(bf_checklist_receive(&db, c->id, "passport", NULL, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "Unknown document");
	ck_assert_int_eq(bf_checklist_receive(&db, c->id, "id_copy", NULL, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "matches 2 documents");
	assert_no_txn(&db);
	bf_checklist_free(&cl);
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_save_keeps_checklist_in_step)
{
	bf_db db;
	open_db(&db, "王干事");
	struct bf_case *c = new_case(&db);
	bf_error err = {{0}};
	char key[64];
	snprintf(key, sizeof key, "unemployment:%lld", (long long)c->members[1].id);
	receive_ok(&db, c->id, key);
	receive_ok(&db, c->id, "form");

	/* the spouse finds work: the certificate is no longer required, but kept */
	c->members[1].status = BF_ST_EMPLOYED;
	c->members[1].monthly_income = 50000;
	c->members[1].proof = BF_PROOF_EMPLOYER;
	int64_t before = q_int(&db, "SELECT max(id) FROM audit_log");
	ck_assert_msg(bf_case_save(&db, c, &err) == 0, "%s", err.msg);
	char sql[256];
	snprintf(sql, sizeof sql,
	         "SELECT status || ' ' || required FROM checklist_item WHERE key = '%s'", key);
	ck_assert_str_eq(q_text(&db, sql), "received 0");
	ck_assert_str_eq(q_text(&db, "SELECT required FROM checklist_item WHERE key = 'form'"),
	                 "1");
	/* the change is in the audit trail */
	snprintf(sql, sizeof sql,
	         "SELECT detail FROM audit_log WHERE id > %lld AND tbl = 'checklist_item'",
	         (long long)before);
	ck_assert_str_eq(q_text(&db, sql), "{\"old\":{\"required\":1},\"new\":{\"required\":0}}");
	/* the loaded checklist: a new item missing, the old one history */
	struct bf_checklist cl;
	bf_checklist_init(&cl);
	ck_assert_int_eq(bf_checklist_load(&db, c->id, &cl, &err), 0);
	bool found_new = false, found_old = false;
	for (size_t i = 0; i < cl.n; i++) {
		if (!strcmp(cl.items[i].key, key)) {
			found_old = true;
			ck_assert(!cl.items[i].required);
			ck_assert_int_eq(cl.items[i].status, BF_ITEM_RECEIVED);
		}
		if (cl.items[i].kind == BF_DOC_INCOME_EMPLOYER && cl.items[i].member == 1) {
			found_new = true;
			ck_assert(cl.items[i].required);
			ck_assert_int_eq(cl.items[i].status, BF_ITEM_MISSING);
		}
	}
	ck_assert(found_new && found_old);
	/* history cannot be ticked */
	ck_assert_int_eq(bf_checklist_waive(&db, c->id, key, "不需要", &err), 1);
	assert_has(err.msg, "no longer required");

	/* a save that changes nothing writes nothing to the checklist */
	before = q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'checklist_item'");
	ck_assert_int_eq(bf_case_save(&db, c, &err), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'checklist_item'"),
	                 before);

	/* unemployed again: the old record is in force again */
	c->members[1].status = BF_ST_UNEMPLOYED;
	c->members[1].monthly_income = 0;
	c->members[1].proof = BF_PROOF_UNEMPLOYMENT;
	ck_assert_int_eq(bf_case_save(&db, c, &err), 0);
	snprintf(sql, sizeof sql,
	         "SELECT status || ' ' || required FROM checklist_item WHERE key = '%s'", key);
	ck_assert_str_eq(q_text(&db, sql), "received 1");

	/* removing the member takes the member's items along */
	ck_assert(bf_case_remove_member(c, 1));
	ck_assert_int_eq(bf_case_save(&db, c, &err), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM checklist_item"), 1);
	bf_checklist_free(&cl);
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_disaster_pair_in_store)
{
	bf_db db;
	open_db(&db, "王干事");
	struct bf_case *c = new_case(&db);
	bf_error err = {{0}};
	c->accident_year = 2026;
	ck_assert_int_eq(bf_case_save(&db, c, &err), 0);
	receive_all(&db, c->id); /* everything but the pair; the proof too */
	ck_assert_int_eq(bf_checklist_unset(&db, c->id, "disaster_proof", &err), 0);
	ck_assert_int_eq(advance(&db, c->id, BF_STATE_DOCS_COMPLETE, NULL, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "1 document still missing: Proof of the accident");
	/* the statement and the investigation note, ticked as a pair */
	ck_assert_int_eq(bf_checklist_receive(&db, c->id, BF_PAIR_KEY, NULL, BF_DATE_NONE, &err),
	                 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM checklist_item WHERE status = 'received'"
	                            " AND key IN ('disaster_statement', 'disaster_investigation')"),
	                 2);
	advance_ok(&db, c->id, BF_STATE_DOCS_COMPLETE, NULL, BF_DATE_NONE);
	free(c);
	bf_db_close(&db);
}
END_TEST

/* ---- moves --------------------------------------------------------------------------------- */

START_TEST(test_moves_are_checked_and_recorded)
{
	bf_db db;
	open_db(&db, "王干事");
	struct bf_case *c = new_case(&db);
	bf_error err = {{0}};
	/* not with documents missing */
	ck_assert_int_eq(advance(&db, c->id, BF_STATE_DOCS_COMPLETE, NULL, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "6 documents still missing: Completed hardship file form");
	ck_assert_str_eq(status_of(&db, c->id), "draft");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM case_transition"), 0);
	/* nor a move the table does not have */
	ck_assert_int_eq(advance(&db, c->id, BF_STATE_AIDED, NULL, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "cannot go to");
	/* nor approval without the review */
	receive_all(&db, c->id);
	advance_ok(&db, c->id, BF_STATE_DOCS_COMPLETE, NULL, BF_DATE_NONE);
	ck_assert_int_eq(advance(&db, c->id, BF_STATE_APPROVED, NULL, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "union's review");
	ck_assert_str_eq(status_of(&db, c->id), "docs_complete");
	/* the move: status, and who/when/from/to/reason, audited */
	ck_assert_str_eq(q_text(&db, "SELECT actor || ' ' || from_status || ' ' || to_status ||"
	                             " ' ' || coalesce(reason, '-') FROM case_transition"),
	                 "王干事 draft docs_complete -");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM case_transition"
	                            " WHERE at LIKE '20__-__-__T__:__:__Z'"),
	                 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'case_transition'"),
	                 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log, json_each(detail, '$.new')"
	                            " WHERE tbl = 'case_file' AND key = 'status'"),
	                 1);
	/* reopening needs a reason */
	ck_assert_int_eq(advance(&db, c->id, BF_STATE_DRAFT, "", BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "needs a reason");
	advance_ok(&db, c->id, BF_STATE_DRAFT, "补充材料", BF_DATE_NONE);
	ck_assert_str_eq(q_text(&db, "SELECT bf_open(reason, 'case_transition.reason', case_id) FROM case_transition ORDER BY id DESC LIMIT 1"),
	                 "补充材料");
	/* no operator, no move */
	bf_db_set_actor(&db, NULL);
	ck_assert_int_ne(advance(&db, c->id, BF_STATE_DOCS_COMPLETE, NULL, BF_DATE_NONE, &err), 0);
	assert_has(err.msg, "no operator");
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_review_approve_and_reject)
{
	bf_db db;
	open_db(&db, "王干事");
	struct bf_case *c = new_case(&db);
	bf_error err = {{0}};
	struct bf_review r;
	approval(&r);
	/* not from draft */
	ck_assert_int_eq(bf_case_review(&db, c->id, &r, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "cannot go to");
	receive_all(&db, c->id);
	advance_ok(&db, c->id, BF_STATE_DOCS_COMPLETE, NULL, BF_DATE_NONE);
	/* a category the file does not meet */
	r.category = 3;
	ck_assert_int_eq(bf_case_review(&db, c->id, &r, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "does not meet category 3");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM review"), 0);
	assert_no_txn(&db);
	r.category = 1;
	ck_assert_msg(bf_case_review(&db, c->id, &r, bf_date_from_ymd(2026, 3, 2), &err) == 0, "%s",
	              err.msg);
	ck_assert_int_gt(r.id, 0);
	ck_assert_str_eq(status_of(&db, c->id), "approved");
	ck_assert_str_eq(q_text(&db, "SELECT decision || ' ' || category || ' ' || amount || ' ' ||"
	                             " reviewer || ' ' || date || ' ' || meeting_ref FROM review"),
	                 "approve 1 200000 王干事 2026-03-02 2026年第3次工会委员会");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM review r JOIN case_transition t"
	                            " ON t.id = r.transition_id WHERE t.to_status = 'approved'"),
	                 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'review'"), 1);
	struct bf_review back;
	ck_assert_int_eq(bf_review_latest(&db, c->id, &back, &err), 0);
	ck_assert_int_eq(back.decision, BF_REVIEW_APPROVE);
	ck_assert_int_eq(back.amount, 200000);

	/* withdrawn, then rejected */
	advance_ok(&db, c->id, BF_STATE_DOCS_COMPLETE, "复核收入", BF_DATE_NONE);
	memset(&r, 0, sizeof r);
	r.decision = BF_REVIEW_REJECT;
	strcpy(r.meeting_ref, "第4次");
	ck_assert_int_eq(bf_case_review(&db, c->id, &r, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "A rejection needs the reason");
	strcpy(r.reason, "收入超标");
	ck_assert_int_eq(bf_case_review(&db, c->id, &r, BF_DATE_NONE, &err), 0);
	ck_assert_str_eq(status_of(&db, c->id), "rejected");
	ck_assert_int_eq(bf_review_latest(&db, c->id, &back, &err), 0);
	ck_assert_int_eq(back.decision, BF_REVIEW_REJECT);
	ck_assert_str_eq(back.reason, "收入超标");
	ck_assert_int_eq(back.category, 0);
	/* the reasons are sealed at rest (schema/017): not in the row */
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM review WHERE reason IS NOT NULL"
	                            " AND reason NOT LIKE 'bf1:%'"),
	                 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM case_transition WHERE reason IS NOT NULL"
	                            " AND reason NOT LIKE 'bf1:%'"),
	                 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM review WHERE reason LIKE 'bf1:%'"), 1);
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_reviewer_must_differ_setting)
{
	bf_db db;
	open_db(&db, "王干事");
	struct bf_case *c = new_case(&db);
	receive_all(&db, c->id);
	advance_ok(&db, c->id, BF_STATE_DOCS_COMPLETE, NULL, BF_DATE_NONE);
	bf_error err = {{0}};
	ck_assert_int_eq(bf_setting_int(&db, "reviewer_must_differ", 7), 0); /* off by default */
	ck_assert_int_eq(bf_setting_set(&db, "reviewer_must_differ", "1", &err), 0);
	struct bf_review r;
	approval(&r);
	ck_assert_int_eq(bf_case_review(&db, c->id, &r, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "王干事 entered this file and may not also review it");
	ck_assert_str_eq(status_of(&db, c->id), "docs_complete");
	bf_db_set_actor(&db, "李审核");
	approval(&r);
	ck_assert_msg(bf_case_review(&db, c->id, &r, BF_DATE_NONE, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(q_text(&db, "SELECT reviewer FROM review"), "李审核");
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_publicity_return_close_and_history)
{
	bf_db db;
	open_db(&db, "王干事");
	struct bf_case *c = new_case(&db);
	bf_error err = {{0}};
	receive_all(&db, c->id);
	advance_ok(&db, c->id, BF_STATE_DOCS_COMPLETE, NULL, BF_DATE_NONE);
	struct bf_review r;
	approval(&r);
	ck_assert_int_eq(bf_case_review(&db, c->id, &r, BF_DATE_NONE, &err), 0);
	advance_ok(&db, c->id, BF_STATE_IN_PUBLICITY, NULL, BF_DATE_NONE);

	/* the publicity period (5 working days from today) must be over */
	struct bf_case_wf *w = malloc(sizeof *w);
	ck_assert_int_eq(bf_case_workflow(&db, c->id, BF_DATE_NONE, w, &err), 0);
	ck_assert_int_eq(w->state, BF_STATE_IN_PUBLICITY);
	ck_assert_int_eq(w->publicity_start, bf_date_today());
	ck_assert_int_ge(w->publicity_end, w->publicity_start + 4);
	ck_assert_int_eq(advance(&db, c->id, BF_STATE_PUBLICITY_PASSED, NULL, BF_DATE_NONE, &err),
	                 1);
	assert_has(err.msg, "The publicity period runs until");
	advance_ok(&db, c->id, BF_STATE_PUBLICITY_PASSED, NULL, w->publicity_end + 1);
	/* to the district and back only through a batch and a reply, which
	 * move the file inside their own transaction */
	ck_assert_int_eq(advance(&db, c->id, BF_STATE_SUBMITTED, NULL, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "by exporting its batch");
	struct bf_move m;
	bf_move_init(&m, BF_STATE_SUBMITTED);
	ck_assert_int_eq(bf_db_begin(&db), 0);
	ck_assert_int_eq(bf_case_advance_in_txn(&db, c->id, &m, BF_DATE_NONE, &err), 0);
	ck_assert_int_eq(bf_db_commit(&db), 0);

	/* the district returns it, naming where it goes back */
	bf_move_init(&m, BF_STATE_RETURNED);
	m.reason = "收入证明未盖章";
	ck_assert_int_eq(bf_case_advance(&db, c->id, &m, &err), 1);
	assert_has(err.msg, "reply package");
	ck_assert_int_eq(bf_db_begin(&db), 0);
	ck_assert_int_eq(bf_case_advance_in_txn(&db, c->id, &m, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "must name the state");
	bf_db_rollback(&db);
	m.back_to = BF_STATE_DOCS_COMPLETE;
	ck_assert_int_eq(bf_db_begin(&db), 0);
	ck_assert_int_eq(bf_case_advance_in_txn(&db, c->id, &m, BF_DATE_NONE, &err), 0);
	ck_assert_int_eq(bf_db_commit(&db), 0);
	ck_assert_int_eq(bf_case_workflow(&db, c->id, BF_DATE_NONE, w, &err), 0);
	ck_assert_int_eq(w->state, BF_STATE_RETURNED);
	ck_assert_int_eq(w->returned_to, BF_STATE_DOCS_COMPLETE);
	ck_assert_str_eq(w->return_reason, "收入证明未盖章");
	/* what may come next, and whether it is ready */
	bool saw_draft = false;
	for (size_t i = 0; i < w->n_next; i++) {
		if (w->next[i].to == BF_STATE_DRAFT) {
			saw_draft = true;
			ck_assert(!w->next[i].ready);
			assert_has(w->next[i].why, "returned this file to “Documents complete”");
		}
		if (w->next[i].to == BF_STATE_CLOSED)
			ck_assert(w->next[i].ready); /* the closure reason is assumed given */
	}
	ck_assert(saw_draft);
	ck_assert_int_eq(advance(&db, c->id, BF_STATE_DRAFT, NULL, BF_DATE_NONE, &err), 1);
	advance_ok(&db, c->id, BF_STATE_DOCS_COMPLETE, NULL, BF_DATE_NONE);

	/* closing needs the reason, and records it */
	bf_move_init(&m, BF_STATE_CLOSED);
	ck_assert_int_eq(bf_case_advance(&db, c->id, &m, &err), 1);
	m.closure = BF_CLOSE_MOVED;
	m.reason = "迁往外省";
	ck_assert_int_eq(bf_case_advance(&db, c->id, &m, &err), 0);
	ck_assert_int_eq(bf_case_workflow(&db, c->id, BF_DATE_NONE, w, &err), 0);
	ck_assert_int_eq(w->state, BF_STATE_CLOSED);
	ck_assert_int_eq(w->closure, BF_CLOSE_MOVED);
	ck_assert_str_eq(w->closure_note, "迁往外省");
	ck_assert(w->has_review);

	/* the history: creation, then every move in order */
	struct bf_history_entry *h;
	size_t n;
	ck_assert_int_eq(bf_case_history(&db, c->id, &h, &n, &err), 0);
	const char *path[][2] = {
	    {"", "draft"},
	    {"draft", "docs_complete"},
	    {"docs_complete", "approved"},
	    {"approved", "in_publicity"},
	    {"in_publicity", "publicity_passed"},
	    {"publicity_passed", "submitted"},
	    {"submitted", "returned"},
	    {"returned", "docs_complete"},
	    {"docs_complete", "closed"},
	};
	ck_assert_uint_eq(n, BF_ARRAY_LEN(path));
	for (size_t i = 0; i < n; i++) {
		ck_assert_str_eq(h[i].from, path[i][0]);
		ck_assert_str_eq(h[i].to, path[i][1]);
		ck_assert_str_eq(h[i].actor, "王干事");
		ck_assert_int_eq(h[i].has_review, i == 2);
	}
	ck_assert_int_eq(h[2].review.category, 1);
	ck_assert_int_eq(h[6].back_to, BF_STATE_DOCS_COMPLETE);
	ck_assert_str_eq(h[6].reason, "收入证明未盖章");
	ck_assert_int_eq(h[8].closure, BF_CLOSE_MOVED);
	free(h);

	/* a closed file's ID numbers no longer block another file */
	struct bf_id_conflict conf[2];
	ck_assert_int_eq(bf_case_id_conflicts(&db, "11010519491231002X", 0, conf, 2, &err), 0);
	/* it can be reopened, with a reason */
	ck_assert_int_eq(advance(&db, c->id, BF_STATE_DRAFT, NULL, BF_DATE_NONE, &err), 1);
	advance_ok(&db, c->id, BF_STATE_DRAFT, "误操作退档", BF_DATE_NONE);
	free(w);
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_failed_move_changes_nothing)
{
	bf_db db;
	open_db(&db, "王干事");
	struct bf_case *c = new_case(&db);
	bf_error err = {{0}};
	int64_t audit = q_int(&db, "SELECT count(*) FROM audit_log");
	for (int to = 0; to < BF_STATE_COUNT; to++)
		ck_assert_int_ne(advance(&db, c->id, (enum bf_state)to, NULL, BF_DATE_NONE, &err),
		                 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log"), audit);
	ck_assert_str_eq(status_of(&db, c->id), "draft");
	/* a file that does not exist */
	ck_assert_int_eq(advance(&db, 999, BF_STATE_CLOSED, NULL, BF_DATE_NONE, &err), -1);
	assert_has(err.msg, "no file with id 999");
	free(c);
	bf_db_close(&db);
}
END_TEST

/* The permission table decides who may do what (perm.h). */
START_TEST(test_permissions)
{
	bf_db db;
	open_db(&db, "王干事");
	struct bf_case *c = new_case(&db);
	bf_error err = {{0}};
	/* a clerk keeps the checklist and completes the file, but may not review */
	bf_store_set_session(&db, "王干事", BF_ROLE_CLERK);
	receive_all(&db, c->id);
	advance_ok(&db, c->id, BF_STATE_DOCS_COMPLETE, NULL, BF_DATE_NONE);
	struct bf_review r;
	approval(&r);
	ck_assert_int_eq(bf_case_review(&db, c->id, &r, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "may not");
	ck_assert_str_eq(status_of(&db, c->id), "docs_complete");
	/* a reviewer reviews and runs the publicity, but neither keeps the
	 * checklist nor submits */
	bf_store_set_session(&db, "李审核", BF_ROLE_REVIEWER);
	ck_assert_int_eq(bf_checklist_unset(&db, c->id, "form", &err), 1);
	assert_has(err.msg, "may not");
	ck_assert_int_eq(bf_case_review(&db, c->id, &r, BF_DATE_NONE, &err), 0);
	advance_ok(&db, c->id, BF_STATE_IN_PUBLICITY, NULL, BF_DATE_NONE);
	advance_ok(&db, c->id, BF_STATE_PUBLICITY_PASSED, NULL, bf_date_from_ymd(2199, 1, 1));
	ck_assert_int_eq(advance(&db, c->id, BF_STATE_SUBMITTED, NULL, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "may not");
	/* the administrator submits (with a batch, not by hand) and closes */
	bf_store_set_session(&db, "张主席", BF_ROLE_ADMIN);
	ck_assert_int_eq(advance(&db, c->id, BF_STATE_SUBMITTED, NULL, BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "by exporting its batch");
	struct bf_move m;
	bf_move_init(&m, BF_STATE_CLOSED);
	m.closure = BF_CLOSE_ESCAPED;
	ck_assert_int_eq(bf_case_advance(&db, c->id, &m, &err), 0);
	/* reopening a closed file needs the right to close */
	bf_store_set_session(&db, "王干事", BF_ROLE_CLERK);
	ck_assert_int_eq(advance(&db, c->id, BF_STATE_DRAFT, "误操作", BF_DATE_NONE, &err), 1);
	assert_has(err.msg, "may not");
	ck_assert_str_eq(status_of(&db, c->id), "closed");
	bf_store_set_session(&db, "张主席", BF_ROLE_ADMIN);
	advance_ok(&db, c->id, BF_STATE_DRAFT, "误操作", BF_DATE_NONE);
	/* closed and reopened (the submission was refused) */
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM case_transition WHERE actor = '张主席'"),
	                 2);
	free(c);
	bf_db_close(&db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("workflow_store");
	TCase *cl = tcase_create("checklist");
	tcase_add_checked_fixture(cl, setup, teardown);
	tcase_set_timeout(cl, 20);
	tcase_add_test(cl, test_nothing_stored_until_recorded);
	tcase_add_test(cl, test_save_keeps_checklist_in_step);
	tcase_add_test(cl, test_disaster_pair_in_store);
	suite_add_tcase(s, cl);

	TCase *mv = tcase_create("moves");
	tcase_add_checked_fixture(mv, setup, teardown);
	tcase_set_timeout(mv, 20);
	tcase_add_test(mv, test_moves_are_checked_and_recorded);
	tcase_add_test(mv, test_review_approve_and_reject);
	tcase_add_test(mv, test_reviewer_must_differ_setting);
	tcase_add_test(mv, test_publicity_return_close_and_history);
	tcase_add_test(mv, test_failed_move_changes_nothing);
	tcase_add_test(mv, test_permissions);
	suite_add_tcase(s, mv);

	Suite *all[] = {s};
	return bf_test_run(all, 1);
}
