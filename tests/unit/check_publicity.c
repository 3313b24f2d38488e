/* check_publicity.c — the publicity (公示) domain: the period in working
 * days across a holiday with a make-up working day (调休), the rules for
 * closing a round and for objections, and privacy: a notice built from
 * cases with full ID numbers, bank cards, phones, incomes and diagnoses
 * shows none of them. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bangfu/pdf.h"
#include "bangfu/print_publicity.h"
#include "bangfu/ident.h"
#include "bangfu/publicity.h"
#include "bangfu/publicity_store.h"
#include "bangfu/store.h"
#include "bangfu/workflow_store.h"
#include "testutil.h"

#define assert_has(text, needle) \
	ck_assert_msg(strstr((text), (needle)) != NULL, "\"%s\" lacks \"%s\"", (text), (needle))
#define assert_lacks(text, needle) \
	ck_assert_msg(strstr((text), (needle)) == NULL, "\"%s\" has \"%s\"", (text), (needle))

static bf_date D(const char *s)
{
	bf_date d;
	ck_assert_msg(bf_date_parse(s, &d), "%s", s);
	return d;
}

static void assert_date(bf_date d, const char *want)
{
	char buf[BF_DATE_SZ];
	bf_date_format(d, buf);
	ck_assert_str_eq(buf, want);
}

/* National Day 2026: Thursday 1 to Wednesday 7 October off (the weekend
 * inside counts anyway), Saturday 10 October a make-up working day. */
static struct bf_calendar_entry entries[] = {
    {0, BF_DAY_HOLIDAY}, {0, BF_DAY_HOLIDAY}, {0, BF_DAY_HOLIDAY},
    {0, BF_DAY_HOLIDAY}, {0, BF_DAY_HOLIDAY}, {0, BF_DAY_WORKDAY},
};
static struct bf_calendar cal = {.entries = entries, .n = 6};

static void cal_setup(void)
{
	const char *days[] = {"2026-10-01", "2026-10-02", "2026-10-05",
	                      "2026-10-06", "2026-10-07", "2026-10-10"};
	for (size_t i = 0; i < 6; i++)
		entries[i].date = D(days[i]);
	bf_calendar_normalize(&cal);
}

START_TEST(period_across_holiday_with_makeup_day)
{
	cal_setup();
	/* Wed 30 Sep is day 1; Thu 8, Fri 9, Sat 10 (make-up), Mon 12 */
	assert_date(bf_pub_period_end(&cal, D("2026-09-30"), 5), "2026-10-12");
	/* without the make-up day it would run to Tuesday 13 */
	struct bf_calendar no_makeup = {.entries = entries, .n = 5};
	assert_date(bf_pub_period_end(&no_makeup, D("2026-09-30"), 5), "2026-10-13");
	/* starting on a holiday: the first working day after it is day 1 */
	assert_date(bf_pub_period_end(&cal, D("2026-10-01"), 5), "2026-10-13");
	/* 0 days = the default of 5 */
	assert_date(bf_pub_period_end(&cal, D("2026-09-30"), 0), "2026-10-12");
	/* an ordinary week: Monday to Friday */
	assert_date(bf_pub_period_end(&cal, D("2026-06-01"), 5), "2026-06-05");
	/* days left count today and the last day, skip the holiday and the Sunday */
	ck_assert_int_eq(bf_pub_days_left(&cal, D("2026-10-09"), D("2026-10-12")), 3);
	ck_assert_int_eq(bf_pub_days_left(&cal, D("2026-09-30"), D("2026-10-12")), 5);
	ck_assert_int_eq(bf_pub_days_left(&cal, D("2026-10-13"), D("2026-10-12")), 0);
}
END_TEST

START_TEST(close_rules)
{
	char msg[512];
	bf_date end = D("2026-10-12");
	ck_assert(!bf_round_close_check(D("2026-10-09"), end, 0, msg, sizeof msg));
	assert_has(msg, "2026-10-12");
	ck_assert(!bf_round_close_check(end, end, 0, msg, sizeof msg)); /* the last day itself */
	ck_assert(!bf_round_close_check(D("2026-10-13"), end, 1, msg, sizeof msg));
	assert_has(msg, "1 objection is still open");
	ck_assert(bf_round_close_check(D("2026-10-13"), end, 0, msg, sizeof msg));
	ck_assert_str_eq(msg, "");
}
END_TEST

START_TEST(alert_text)
{
	char buf[512];
	bf_pub_alert_text(0, 0, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "");
	bf_pub_alert_text(1, 0, 2, buf, sizeof buf);
	ck_assert_str_eq(buf, "1 publicity round ends today; 2 objections wait to be resolved");
	bf_pub_alert_text(0, 2, 1, buf, sizeof buf);
	ck_assert_str_eq(buf, "2 publicity rounds are over and wait to be closed; "
	                      "1 objection waits to be resolved");
}
END_TEST

START_TEST(objection_rules)
{
	char msg[512];
	/* a new objection needs the claim, a date not in the future and not
	 * before the publicity began */
	bf_date start = D("2026-09-30"), today = D("2026-10-09");
	ck_assert(!bf_obj_new_check("  ", today, start, today, msg, sizeof msg));
	ck_assert(!bf_obj_new_check("收入不实", D("2026-10-10"), start, today, msg, sizeof msg));
	ck_assert(!bf_obj_new_check("收入不实", D("2026-09-29"), start, today, msg, sizeof msg));
	ck_assert(bf_obj_new_check("收入不实", today, start, today, msg, sizeof msg));
	/* investigate and resolve only while open, with words, in an open round */
	ck_assert(bf_obj_check(BF_OBJ_OPEN, BF_OBJ_INVESTIGATE, "走访核实", true, msg, sizeof msg));
	ck_assert(!bf_obj_check(BF_OBJ_OPEN, BF_OBJ_INVESTIGATE, "", true, msg, sizeof msg));
	ck_assert(bf_obj_check(BF_OBJ_INVESTIGATING, BF_OBJ_INVESTIGATE, "再次核实", true, msg,
	                       sizeof msg));
	ck_assert(
	    bf_obj_check(BF_OBJ_INVESTIGATING, BF_OBJ_UPHOLD, "隐瞒收入", true, msg, sizeof msg));
	ck_assert(bf_obj_check(BF_OBJ_OPEN, BF_OBJ_DISMISS, "经核实属实", true, msg, sizeof msg));
	ck_assert(!bf_obj_check(BF_OBJ_OPEN, BF_OBJ_UPHOLD, NULL, true, msg, sizeof msg));
	assert_has(msg, "reason");
	ck_assert(!bf_obj_check(BF_OBJ_UPHELD, BF_OBJ_DISMISS, "改判", true, msg, sizeof msg));
	ck_assert(!bf_obj_check(BF_OBJ_DISMISSED, BF_OBJ_INVESTIGATE, "x", true, msg, sizeof msg));
	ck_assert(!bf_obj_check(BF_OBJ_OPEN, BF_OBJ_UPHOLD, "x", false, msg, sizeof msg));
	/* open ones block closing */
	ck_assert(bf_obj_is_open(BF_OBJ_OPEN) && bf_obj_is_open(BF_OBJ_INVESTIGATING));
	ck_assert(!bf_obj_is_open(BF_OBJ_UPHELD) && !bf_obj_is_open(BF_OBJ_DISMISSED));
	/* how it was received */
	ck_assert_int_eq(bf_obj_via_parse("letter"), BF_VIA_LETTER);
	ck_assert_int_eq(bf_obj_via_parse("当面"), BF_VIA_IN_PERSON);
	ck_assert_int_eq(bf_obj_via_parse("in_person"), BF_VIA_IN_PERSON);
	ck_assert_int_eq(bf_obj_via_parse("fax"), -1);
	for (int s = 0; s < BF_OBJ_STATUS_COUNT; s++)
		ck_assert_int_eq(bf_obj_status_parse(bf_obj_status_code(s)), s);
}
END_TEST

static void fill(struct bf_case *c, const char *number, const char *name, const char *id,
                 const char *bank, const char *phone, const char *disease)
{
	bf_case_init(c, 2026);
	strcpy(c->number, number);
	strcpy(c->members[0].name, name);
	strcpy(c->members[0].id_number, id);
	c->members[0].monthly_income = 123456; /* 1,234.56 */
	strcpy(c->members[0].disease, disease);
	strcpy(c->department, "一车间");
	strcpy(c->bank_card, bank);
	strcpy(c->phone, phone);
	strcpy(c->address, "幸福路88号");
	struct bf_member *m = bf_case_add_member(c, BF_REL_SPOUSE);
	strcpy(m->name, "配偶某");
	strcpy(m->id_number, "110105195003070027");
	strcpy(m->disease, "尿毒症");
}

START_TEST(notice_privacy)
{
	static struct bf_case c[2];
	fill(&c[0], "2026-0001", "张三丰", "11010519491231002X", "6222021234567890128",
	     "13812345678", "肺癌");
	fill(&c[1], "2026-0002", "王五", "110105196001010017", "6217001234567890124", "13987654321",
	     "白血病");
	struct bf_pub_entry e[2];
	bf_pub_entry_from_case(&e[0], &c[0], 1, 200000, BF_NOTICE_ID_DIGITS_DEFAULT);
	bf_pub_entry_from_case(&e[1], &c[1], 3, 150000, BF_NOTICE_ID_DIGITS_DEFAULT);
	/* the setting's range: six digits at most, none of the birth date */
	struct bf_pub_entry six, none, over;
	bf_pub_entry_from_case(&six, &c[0], 1, 200000, 6);
	bf_pub_entry_from_case(&none, &c[0], 1, 200000, 0);
	bf_pub_entry_from_case(&over, &c[0], 1, 200000, 9);
	ck_assert_str_eq(six.id_masked, "110105************");
	ck_assert_str_eq(none.id_masked, "******************");
	ck_assert_str_eq(over.id_masked, "110105************");
	struct bf_pub_notice nt = {0};
	nt.unit_name = "测试单位";
	nt.union_name = "测试单位工会";
	nt.place = "厂区公告栏";
	nt.contact = "刘工会";
	nt.phone = "010-12345678";
	nt.office = "工会办公室201";
	nt.start = D("2026-09-30");
	nt.end = D("2026-10-12");
	nt.signed_on = nt.start;
	nt.days = 5;
	nt.entries = e;
	nt.n = 2;
	char *text = bf_pub_render(NULL, &nt);
	ck_assert_ptr_nonnull(text);
	/* what may show */
	assert_has(text, "张三丰");
	assert_has(text, "王五");
	assert_has(text, "一车间");
	assert_has(text, "第一类");
	assert_has(text, "第三类");
	assert_has(text, "2,000.00");
	assert_has(text, "1101**************");
	assert_has(text, "2026年9月30日至2026年10月12日（5个工作日）");
	assert_has(text, "厂区公告栏");
	assert_has(text, "联系人：刘工会　联系电话：010-12345678　办公地点：工会办公室201");
	assert_has(text, "测试单位工会（盖章）");
	/* what never shows */
	const char *never[] = {"11010519491231002X",
	                       "110105196001010017",
	                       "110105195003070027",
	                       "6222021234567890128",
	                       "6217001234567890124",
	                       "13812345678",
	                       "13987654321",
	                       "肺癌",
	                       "白血病",
	                       "尿毒症",
	                       "1,234.56",
	                       "1234.56",
	                       "幸福路",
	                       "配偶某",
	                       "2026-0001"};
	for (size_t i = 0; i < BF_ARRAY_LEN(never); i++)
		assert_lacks(text, never[i]);
	/* no run of 11 or more digits at all (a full ID, card or mobile) */
	int run = 0;
	for (const char *p = text; *p; p++) {
		run = (*p >= '0' && *p <= '9') ? run + 1 : 0;
		ck_assert_msg(run < 11, "a long digit run in: %s", text);
	}
	free(text);
}
END_TEST

START_TEST(template_placeholders)
{
	struct bf_pub_entry e;
	static struct bf_case c;
	fill(&c, "2026-0001", "张三丰", "11010519491231002X", "6222021234567890128", "13812345678",
	     "肺癌");
	bf_pub_entry_from_case(&e, &c, 2, 100000, BF_NOTICE_ID_DIGITS_DEFAULT);
	struct bf_pub_notice nt = {0};
	nt.unit_name = "单位甲";
	nt.union_name = "";
	nt.place = "食堂门口";
	nt.contact = "李";
	nt.phone = "123";
	nt.office = "二楼";
	nt.start = D("2026-06-01");
	nt.end = D("2026-06-05");
	nt.signed_on = BF_DATE_NONE;
	nt.days = 5;
	nt.entries = &e;
	nt.n = 1;
	char *t =
	    bf_pub_render("{union}:{count}人,{days}天,{start}-{end},{place},{nope},{list}", &nt);
	ck_assert_ptr_nonnull(t);
	/* the unit stands in for a union without a name; unknown ones stay */
	assert_has(t, "单位甲:1人,5天,2026年6月1日-2026年6月5日,食堂门口,{nope},序号");
	assert_has(t, "1　张三丰　一车间　1101**************　第二类　1,000.00");
	free(t);
	/* an unclosed brace is kept as text */
	t = bf_pub_render("至{end", &nt);
	ck_assert_str_eq(t, "至{end");
	free(t);
}
END_TEST

/* ---- the store: rounds and objections against a real SQLite file ---------------- */

static char tmpdir[512];

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bf-pub-XXXXXX", base && base[0] ? base : "/tmp");
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

static int64_t q_int(bf_db *db, const char *sql)
{
	int64_t v = -12345;
	ck_assert_msg(bf_db_int(db, sql, &v) == 0, "%s", db->errmsg);
	return v;
}

static const char *status_of(bf_db *db, int64_t id)
{
	static char buf[64];
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT status FROM case_file WHERE id = %lld", (long long)id);
	bf_stmt st;
	ck_assert_msg(bf_db_prepare(db, &st, sql) == 0, "%s", db->errmsg);
	ck_assert_int_eq(bf_step(&st), SQLITE_ROW);
	bf_col_copy(&st, 0, buf, sizeof buf);
	bf_finalize(&st);
	return buf;
}

/* An approved case (category 1, 2,000 yuan): the five clears, the bank, every
 * document received, the union's review. */
static int64_t approved_case(bf_db *db, const char *name, const char *id_number, bool approve)
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
	ck_assert_msg(bf_case_save(db, &c, &err) == 0, "%s", err.msg);
	if (!approve)
		return c.id;
	struct bf_checklist cl;
	bf_checklist_init(&cl);
	ck_assert_msg(bf_checklist_load(db, c.id, &cl, &err) == 0, "%s", err.msg);
	for (size_t i = 0; i < cl.n; i++)
		if (cl.items[i].required && !cl.items[i].pair_member)
			ck_assert_msg(bf_checklist_receive(db, c.id, cl.items[i].key, NULL,
			                                   D("2026-09-01"), &err) == 0,
			              "%s", err.msg);
	bf_checklist_free(&cl);
	struct bf_move mv;
	bf_move_init(&mv, BF_STATE_DOCS_COMPLETE);
	mv.today = D("2026-09-01");
	ck_assert_msg(bf_case_advance(db, c.id, &mv, &err) == 0, "%s", err.msg);
	struct bf_review r;
	memset(&r, 0, sizeof r);
	r.decision = BF_REVIEW_APPROVE;
	r.category = 1;
	r.amount = 200000;
	strcpy(r.meeting_ref, "2026年第9次");
	ck_assert_msg(bf_case_review(db, c.id, &r, D("2026-09-02"), &err) == 0, "%s", err.msg);
	return c.id;
}

START_TEST(store_round_end_to_end)
{
	bf_db db;
	char path[1024];
	snprintf(path, sizeof path, "%s/pub.db", tmpdir);
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(&db, path, BF_DB_CREATE, &err) == 0, "%s", err.msg);
	tu_key(&db);
	bf_db_set_actor(&db, "王干事");
	cal_setup();
	for (size_t i = 0; i < 6; i++)
		ck_assert_msg(bf_holiday_set(&db, entries[i].date, entries[i].kind, "国庆", &err) ==
		                  0,
		              "%s", err.msg);
	int64_t a = approved_case(&db, "张三丰", "11010519491231002X", true);
	int64_t b = approved_case(&db, "王五", "110105196001010017", true);
	int64_t draft = approved_case(&db, "赵六", "11010519620101002X", false);

	struct bf_round_new rn = {0};
	int64_t ids[] = {a, b, draft};
	rn.case_ids = ids;
	rn.n = 3;
	rn.start = D("2026-09-30");
	rn.place = "厂区公告栏";
	rn.contact = "刘工会";
	rn.phone = "010-12345678";
	rn.office = "工会办公室201";
	rn.today = D("2026-09-30");
	/* a case not approved: refused, nothing written */
	ck_assert_int_eq(bf_round_create(&db, &rn, NULL, &err), 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM publicity_round"), 0);
	ck_assert_str_eq(status_of(&db, a), "approved");
	/* no contact: refused */
	rn.n = 2;
	rn.office = " ";
	ck_assert_int_eq(bf_round_create(&db, &rn, NULL, &err), 1);
	rn.office = "工会办公室201";
	int64_t rid = 0;
	ck_assert_msg(bf_round_create(&db, &rn, &rid, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(status_of(&db, a), "in_publicity");
	ck_assert_str_eq(status_of(&db, b), "in_publicity");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM case_transition"
	                            " WHERE to_status = 'in_publicity' AND actor = '王干事'"),
	                 2);
	struct bf_round r;
	ck_assert_int_eq(bf_round_load(&db, rid, D("2026-10-09"), &r, &err), 0);
	assert_date(r.end, "2026-10-12"); /* across the holiday, with the make-up Saturday */
	ck_assert_int_eq(r.days, 5);
	ck_assert_int_eq(r.days_left, 3);
	ck_assert_uint_eq(r.n_cases, 2);
	/* the file's own view of its publicity is the round's period */
	static struct bf_case_wf w;
	ck_assert_msg(bf_case_workflow(&db, a, D("2026-10-09"), &w, &err) == 0, "%s", err.msg);
	assert_date(w.publicity_start, "2026-09-30");
	assert_date(w.publicity_end, "2026-10-12");

	/* objections */
	struct bf_objection_new on = {0};
	on.case_id = a;
	on.received = BF_DATE_NONE;
	on.via = BF_VIA_LETTER;
	on.claim = "家中有门面出租收入";
	on.today = D("2026-10-08");
	int64_t o1 = 0, o2 = 0, o3 = 0;
	ck_assert_msg(bf_objection_record(&db, rid, &on, &o1, &err) == 0, "%s", err.msg);
	on.case_id = b;
	on.raised_by = "某职工";
	on.claim = "收入不实";
	ck_assert_msg(bf_objection_record(&db, rid, &on, &o2, &err) == 0, "%s", err.msg);
	on.case_id = draft; /* not listed */
	ck_assert_int_eq(bf_objection_record(&db, rid, &on, NULL, &err), 1);
	on.case_id = a;
	on.claim = "另有房产";
	ck_assert_msg(bf_objection_record(&db, rid, &on, &o3, &err) == 0, "%s", err.msg);
	struct bf_objection o;
	ck_assert_int_eq(bf_objection_load(&db, o1, &o, &err), 0);
	ck_assert_str_eq(o.raised_by, ""); /* anonymous */
	ck_assert_int_eq(o.status, BF_OBJ_OPEN);

	struct bf_pub_alerts al;
	ck_assert_int_eq(bf_publicity_alerts(&db, D("2026-10-12"), &al, &err), 0);
	ck_assert_uint_eq(al.ending_today, 1);
	ck_assert_uint_eq(al.objections_waiting, 3);
	ck_assert_uint_eq(al.overdue, 0);

	/* not before the end, not with objections open */
	ck_assert_int_eq(bf_round_close(&db, rid, D("2026-10-12"), &err), 1);
	ck_assert_int_eq(bf_round_close(&db, rid, D("2026-10-13"), &err), 1);
	assert_has(err.msg, "3 objections");

	ck_assert_int_eq(bf_objection_investigate(&db, o1, "", &err), 1);
	ck_assert_msg(bf_objection_investigate(&db, o1, "走访核实", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_objection_resolve(&db, o1, true, " ", D("2026-10-09"), &err), 1);
	ck_assert_msg(bf_objection_resolve(&db, o1, true, "隐瞒出租收入", D("2026-10-09"), &err) ==
	                  0,
	              "%s", err.msg);
	ck_assert_str_eq(status_of(&db, a), "objection_upheld");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM case_transition WHERE to_status ="
	                            " 'objection_upheld' AND bf_open(reason, 'case_transition.reason', case_id) = '隐瞒出租收入'"),
	                 1);
	/* the other objection against the same case has nothing left to decide */
	ck_assert_int_eq(bf_objection_load(&db, o3, &o, &err), 0);
	ck_assert_int_eq(o.status, BF_OBJ_DISMISSED);
	ck_assert_int_eq(bf_objection_resolve(&db, o1, false, "改判", D("2026-10-09"), &err), 1);
	on.case_id = a;
	ck_assert_int_eq(bf_objection_record(&db, rid, &on, NULL, &err), 1);
	assert_has(err.msg, "left the round");
	ck_assert_msg(bf_objection_resolve(&db, o2, false, "经核实属实", D("2026-10-09"), &err) ==
	                  0,
	              "%s", err.msg);
	ck_assert_str_eq(status_of(&db, b), "in_publicity");

	ck_assert_int_eq(bf_publicity_alerts(&db, D("2026-10-13"), &al, &err), 0);
	ck_assert_uint_eq(al.objections_waiting, 0);
	ck_assert_uint_eq(al.overdue, 1);
	ck_assert_msg(bf_round_close(&db, rid, D("2026-10-13"), &err) == 0, "%s", err.msg);
	ck_assert_str_eq(status_of(&db, b), "publicity_passed");
	ck_assert_str_eq(status_of(&db, a), "objection_upheld");
	ck_assert_int_eq(bf_round_load(&db, rid, D("2026-10-13"), &r, &err), 0);
	ck_assert_int_eq(r.status, BF_ROUND_CLOSED);
	ck_assert_uint_eq(r.n_objections, 3);
	ck_assert_uint_eq(r.n_upheld, 1);
	ck_assert_uint_eq(r.n_withdrawn, 1);
	ck_assert_int_eq(bf_round_close(&db, rid, D("2026-10-14"), &err), 1);
	ck_assert_int_eq(bf_objection_record(&db, rid, &on, NULL, &err), 1);

	struct bf_pub_entry *e;
	size_t n;
	ck_assert_int_eq(bf_round_entries(&db, rid, true, &e, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(e[0].name, "王五");
	ck_assert_str_eq(e[0].id_masked, "1101**************");
	ck_assert_int_eq(e[0].amount, 200000);
	free(e);
	/* every change is in the audit log */
	ck_assert_int_ge(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'publicity_round'"),
	                 2);
	ck_assert_int_ge(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'objection'"), 6);
	ck_assert_int_ge(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'publicity_case'"),
	                 4);
	/* a file closed outside a round leaves it when the round closes */
	int64_t c3 = approved_case(&db, "孙七", "110105195003070027", true);
	int64_t ids2[] = {c3};
	rn.case_ids = ids2;
	rn.n = 1;
	rn.start = D("2026-10-13");
	rn.today = D("2026-10-13");
	int64_t rid2 = 0;
	ck_assert_msg(bf_round_create(&db, &rn, &rid2, &err) == 0, "%s", err.msg);
	struct bf_move mv;
	bf_move_init(&mv, BF_STATE_CLOSED);
	mv.closure = BF_CLOSE_MOVED;
	mv.reason = "调离";
	mv.today = D("2026-10-14");
	ck_assert_msg(bf_case_advance(&db, c3, &mv, &err) == 0, "%s", err.msg);
	ck_assert_msg(bf_round_close(&db, rid2, D("2026-10-30"), &err) == 0, "%s", err.msg);
	ck_assert_str_eq(status_of(&db, c3), "closed");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM publicity_case WHERE status = 'withdrawn'"
	                            " AND reason LIKE 'Moved on outside the round%'"),
	                 1);
	/* no operator, no change */
	bf_db_set_actor(&db, NULL);
	ck_assert_int_ne(bf_round_create(&db, &rn, NULL, &err), 0);
	bf_db_close(&db);
}
END_TEST

/* A long list continues over pages with its header repeated, pages numbered. */
/* PDF table cells (issue 15): lines break between words, not inside
 * "北京红星机械有限公司" or "第二类"; a word wider than the column shrinks
 * the cell's font, and only one wider still breaks between characters. */
START_TEST(pdf_cell_breaks)
{
	char out[512];
	double size;
	/* 10 ideographs at 10.5 pt are 37 mm: at 33 mm the cell shrinks */
	ck_assert_uint_eq(
	    bf_pdf_cell_lines("北京红星机械有限公司", 33, false, out, sizeof out, &size), 1);
	ck_assert_str_eq(out, "北京红星机械有限公司");
	ck_assert(size < 10.5 && size >= 10.5 * 0.7);
	/* room for five or six: the break comes after 、, keeping 第二类 whole */
	for (double w = 20; w < 27; w += 2.5) {
		ck_assert_uint_eq(
		    bf_pdf_cell_lines("第一类、第二类", w, false, out, sizeof out, &size), 2);
		ck_assert_str_eq(out, "第一类、\n第二类");
		ck_assert(size == 10.5);
	}
	ck_assert_uint_eq(
	    bf_pdf_cell_lines("北京红星机械有限公司 一车间", 45, false, out, sizeof out, &size), 2);
	ck_assert_str_eq(out, "北京红星机械有限公司 \n一车间");
	/* a word wider than the column even at 70 %: between characters */
	ck_assert_uint_gt(bf_pdf_cell_lines("因病致困家庭收入微薄子女上学负担重", 20, false, out,
	                                    sizeof out, &size),
	                  2);
	ck_assert(size == 10.5);
	/* what fits stays on one line at full size */
	ck_assert_uint_eq(bf_pdf_cell_lines("张三", 30, true, out, sizeof out, &size), 1);
	ck_assert(size == 10.5);
}
END_TEST

START_TEST(notice_pdf_pages)
{
	if (system("command -v pdftotext >/dev/null 2>&1") != 0)
		return; /* poppler-utils not installed */
	enum { N = 90 };
	static struct bf_pub_entry e[N];
	for (int i = 0; i < N; i++) {
		memset(&e[i], 0, sizeof e[i]);
		snprintf(e[i].name, sizeof e[i].name, "职工%d", i + 1);
		strcpy(e[i].department, "一车间");
		strcpy(e[i].id_masked, "1101**************");
		e[i].category = 1;
		e[i].amount = 200000;
	}
	struct bf_pub_notice nt = {0};
	nt.unit_name = "测试单位";
	nt.union_name = "测试单位工会";
	nt.place = "厂区公告栏";
	nt.contact = "刘工会";
	nt.phone = "010-12345678";
	nt.office = "工会办公室201";
	nt.start = D("2026-09-30");
	nt.end = D("2026-10-12");
	nt.signed_on = nt.start;
	nt.days = 5;
	nt.entries = e;
	nt.n = N;
	char pdf[600], cmd[1400];
	snprintf(pdf, sizeof pdf, "%s/notice.pdf", tmpdir);
	bf_error err = {{0}};
	bf_outfile *o = bf_outfile_open(pdf, 0, &err);
	ck_assert_msg(o && bf_outfile_finish(o, bf_pub_notice_pdf(o, NULL, &nt, &err), &err) == 0,
	              "%s", err.msg);
	snprintf(cmd, sizeof cmd, "pdftotext %s - | tr -d ' '", pdf);
	FILE *f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	static char text[1 << 18];
	size_t len = fread(text, 1, sizeof text - 1, f);
	text[len] = '\0';
	pclose(f);
	assert_has(text, "第1页共");
	assert_has(text, "第2页共");
	assert_has(text, "职工90");
	int headers = 0;
	for (const char *p = text; (p = strstr(p, "身份证号")); p++)
		headers++;
	ck_assert_int_ge(headers, 2);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("publicity");
	TCase *tc = tcase_create("domain");
	tcase_add_test(tc, period_across_holiday_with_makeup_day);
	tcase_add_test(tc, close_rules);
	tcase_add_test(tc, alert_text);
	tcase_add_test(tc, objection_rules);
	tcase_add_test(tc, notice_privacy);
	tcase_add_test(tc, template_placeholders);
	suite_add_tcase(s, tc);
	TCase *st = tcase_create("store");
	tcase_add_checked_fixture(st, setup, teardown);
	tcase_set_timeout(st, 60);
	tcase_add_test(st, store_round_end_to_end);
	tcase_add_test(st, notice_pdf_pages);
	tcase_add_test(st, pdf_cell_breaks);
	suite_add_tcase(s, st);
	return bf_test_run(&s, 1);
}
