/* check_campaign_store.c — consolation and campaigns against real SQLite
 * files, each test in a fresh temporary folder (opened inside the test). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bangfu/accounts.h"
#include "bangfu/campaign_export.h"
#include "bangfu/campaign_store.h"
#include "bangfu/sample.h"
#include "bangfu/schema.h"
#include "bangfu/store.h"
#include "testutil.h"

/* ---- fixture -------------------------------------------------------------------- */

static char tmpdir[512];

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bf-camp-XXXXXX", base && base[0] ? base : "/tmp");
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

static const char *in_tmp(const char *name)
{
	static char buf[4][1024];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "%s/%s", tmpdir, name);
	return buf[i];
}

static void open_db(bf_db *db)
{
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(db, in_tmp("t.db"), BF_DB_CREATE, &err) == 0, "%s", err.msg);
	tu_key(db);
	bf_db_set_actor(db, "tester");
}

static int64_t q_int(bf_db *db, const char *sql)
{
	int64_t v = -12345;
	ck_assert_msg(bf_db_int(db, sql, &v) == 0, "%s", db->errmsg);
	return v;
}

static struct bf_sample rng;

/* A file: employee name, status, department; spouse (and a child) when
 * size >= 2 (3). */
struct spec {
	const char *name, *status, *dept;
	int size;
	const char *model_worker;
	bool migrant;
	enum bf_cause cause;
	int year;
};

static void make_case(bf_db *db, const struct spec *s, char number[32], char id[BF_ID_SZ])
{
	struct bf_case *c = malloc(sizeof *c);
	ck_assert_ptr_nonnull(c);
	bf_case_init(c, s->year ? s->year : 2026);
	bf_strlcpy(c->status, s->status, sizeof c->status);
	bf_strlcpy(c->department, s->dept, sizeof c->department);
	if (s->model_worker)
		bf_strlcpy(c->model_worker, s->model_worker, sizeof c->model_worker);
	c->primary_cause = (int)s->cause;
	struct bf_member *e = &c->members[0];
	bf_strlcpy(e->name, s->name, sizeof e->name);
	bf_sample_id(&rng, 1980, 3, 3, 1, e->id_number);
	e->marital = s->size >= 2 ? BF_MAR_MARRIED : BF_MAR_UNMARRIED;
	e->status = s->migrant ? BF_ST_MIGRANT : BF_ST_EMPLOYED;
	e->monthly_income = 100000;
	e->proof = BF_PROOF_EMPLOYER;
	if (s->size >= 2) {
		struct bf_member *m = bf_case_add_member(c, BF_REL_SPOUSE);
		snprintf(m->name, sizeof m->name, "%s妻", s->name);
		m->marital = BF_MAR_MARRIED;
		m->status = BF_ST_EMPLOYED;
		m->proof = BF_PROOF_EMPLOYER;
	}
	if (s->size >= 3) {
		struct bf_member *m = bf_case_add_member(c, BF_REL_CHILD);
		snprintf(m->name, sizeof m->name, "%s子", s->name);
		m->status = BF_ST_STUDENT;
	}
	bf_error err = {{0}};
	ck_assert_msg(bf_case_save(db, c, &err) == 0, "%s", err.msg);
	if (number)
		bf_strlcpy(number, c->number, 32);
	if (id)
		bf_strlcpy(id, e->id_number, BF_ID_SZ);
	free(c);
}

static int64_t new_campaign(bf_db *db, const char *name, int year)
{
	struct bf_campaign *c = calloc(1, sizeof *c);
	bf_campaign_init(c, year);
	bf_strlcpy(c->name, name, sizeof c->name);
	snprintf(c->start_date, sizeof c->start_date, "%d-01-10", year);
	snprintf(c->end_date, sizeof c->end_date, "%d-02-10", year);
	/* hardship 500; national model workers 800 without a file; migrants
	 * 600; special hardship by household size 550/900/1100 */
	bf_campaign_group_init(&c->groups[0], BF_GROUP_HARDSHIP, -1);
	bf_campaign_group_init(&c->groups[1], BF_GROUP_MODEL_WORKER, BF_LEVEL_NATIONAL);
	c->groups[1].cash[0] = 80000;
	bf_campaign_group_init(&c->groups[2], BF_GROUP_MIGRANT, -1);
	c->groups[2].cash[0] = 50000;
	c->groups[2].goods[0] = 10000;
	bf_campaign_group_init(&c->groups[3], BF_GROUP_SPECIAL, -1);
	c->groups[3].basis = BF_BASIS_SIZE;
	c->groups[3].cash[0] = 55000;
	c->groups[3].cash[1] = 90000;
	c->groups[3].cash[2] = 110000;
	c->ngroups = 4;
	bf_error err = {{0}};
	ck_assert_msg(bf_campaign_save(db, c, &err) == 0, "%s", err.msg);
	int64_t id = c->id;
	free(c);
	return id;
}

static struct bf_recipient find(bf_db *db, int64_t k, const char *num)
{
	struct bf_recipient r;
	bf_error err = {{0}};
	ck_assert_msg(bf_recipient_find(db, k, num, &r, &err) == 0, "%s: %s", num, err.msg);
	return r;
}

static struct bf_payment_in pay_in(const char *signer, int rel, const char *date)
{
	struct bf_payment_in p = {.paid = true,
	                          .paid_on = date,
	                          .signer = signer,
	                          .relation = rel,
	                          .phone = "13812345678",
	                          .amount = -1};
	return p;
}

/* ---- standards ----------------------------------------------------------------------- */

START_TEST(test_standards_per_year)
{
	bf_db db;
	open_db(&db);
	struct bf_consolation_standard s[BF_EV_COUNT];
	int from[BF_EV_COUNT];
	bf_error err = {{0}};
	ck_assert_int_eq(bf_consolation_standards(&db, 2026, s, from, &err), 0);
	ck_assert_int_eq(s[BF_EV_HOSPITAL].cash, 50000);
	ck_assert_int_eq(from[BF_EV_HOSPITAL], 0);
	struct bf_consolation_standard x = s[BF_EV_HOSPITAL];
	x.year = 2025;
	x.cash = 60000;
	ck_assert_int_eq(bf_consolation_standard_save(&db, &x, &err), 0);
	/* a later year takes the latest earlier year's */
	ck_assert_int_eq(bf_consolation_standards(&db, 2026, s, from, &err), 0);
	ck_assert_int_eq(s[BF_EV_HOSPITAL].cash, 60000);
	ck_assert_int_eq(from[BF_EV_HOSPITAL], 2025);
	ck_assert_int_eq(s[BF_EV_WEDDING].cash, 50000);
	/* an earlier year still has the seed's */
	ck_assert_int_eq(bf_consolation_standards(&db, 2024, s, from, &err), 0);
	ck_assert_int_eq(s[BF_EV_HOSPITAL].cash, 50000);
	/* saving the same again writes no audit row */
	int64_t before = q_int(&db, "SELECT count(*) FROM audit_log");
	ck_assert_int_eq(bf_consolation_standard_save(&db, &x, &err), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log"), before);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl ="
	                            " 'consolation_standard' AND actor = 'tester'"),
	                 1);
	bf_db_close(&db);
}
END_TEST

/* ---- consolation events ---------------------------------------------------------------- */

START_TEST(test_consolation_record_and_pay)
{
	bf_db db;
	open_db(&db);
	bf_sample_seed(&rng, 1);
	char num[32];
	struct spec s = {.name = "张三", .status = "draft", .dept = "一车间", .size = 3};
	make_case(&db, &s, num, NULL);
	bf_error err = {{0}};
	struct bf_consolation_result res;
	int64_t id1, id2, id3;
	bf_date d;
	bf_date_parse("2026-03-01", &d);
	/* the spouse is on the file: the relation comes from it */
	ck_assert_int_eq(bf_consolation_record(&db, num, BF_EV_FAMILY_HOSPITAL, "张三妻", -1, d, 0,
	                                       false, 0, NULL, NULL, &id1, &res, &err),
	                 0);
	struct bf_consolation_rec r;
	ck_assert_int_eq(bf_consolation_get(&db, id1, &r, &err), 0);
	ck_assert_str_eq(r.status, "approved");
	ck_assert_int_eq(r.relation, BF_REL_SPOUSE);
	ck_assert_int_eq(r.cash, 50000);
	/* a relative not on the file needs the relation; a sibling is refused */
	ck_assert_int_eq(bf_consolation_record(&db, num, BF_EV_RELATIVE_DEATH, "张大哥", -1, d, 0,
	                                       false, 0, NULL, NULL, &id2, &res, &err),
	                 1);
	ck_assert_int_eq(bf_consolation_record(&db, num, BF_EV_RELATIVE_DEATH, "张大哥",
	                                       BF_REL_SIBLING, d, 0, false, 0, NULL, NULL, &id2,
	                                       &res, &err),
	                 1);
	ck_assert_msg(strstr(err.msg, "immediate") != NULL, "%s", err.msg);
	ck_assert_int_eq(bf_consolation_record(&db, num, BF_EV_RELATIVE_DEATH, "张老父",
	                                       BF_REL_FATHER, d, 0, false, 0, NULL, NULL, &id2,
	                                       &res, &err),
	                 0);
	/* the spouse is on file as spouse: another relation is refused */
	ck_assert_int_eq(bf_consolation_record(&db, num, BF_EV_RELATIVE_DEATH, "张三妻",
	                                       BF_REL_MOTHER, d, 0, false, 0, NULL, NULL, &id3,
	                                       &res, &err),
	                 1);
	/* two hospital stays: the second waits for a decision */
	ck_assert_int_eq(bf_consolation_record(&db, num, BF_EV_HOSPITAL, NULL, -1, d, 0, false, 0,
	                                       NULL, NULL, &id3, &res, &err),
	                 0);
	bf_date_parse("2026-07-01", &d);
	int64_t id4;
	ck_assert_int_eq(bf_consolation_record(&db, num, BF_EV_HOSPITAL, NULL, -1, d, 0, false, 0,
	                                       NULL, NULL, &id4, &res, &err),
	                 0);
	ck_assert_int_eq(res.verdict, BF_CONS_DISCRETION);
	ck_assert_int_eq(bf_consolation_get(&db, id4, &r, &err), 0);
	ck_assert_str_eq(r.status, "pending");
	ck_assert(r.discretion[0]);
	/* a pending one cannot be paid */
	struct bf_payment_in p = pay_in("张三", BF_REL_SELF, "2026-07-02");
	ck_assert_int_eq(bf_consolation_pay(&db, id4, &p, &err), -1);
	/* a decision needs a reason */
	ck_assert_int_eq(bf_consolation_decide(&db, id4, true, "", &err), -1);
	ck_assert_int_eq(bf_consolation_decide(&db, id4, true, "病情严重，工会研究同意", &err), 0);
	ck_assert_int_eq(bf_consolation_decide(&db, id4, true, "again", &err), -1);
	ck_assert_int_eq(bf_consolation_pay(&db, id4, &p, &err), 0);
	ck_assert_int_eq(bf_consolation_pay(&db, id4, &p, &err), -1); /* once */
	/* a third stay decided on recording: declined */
	bf_date_parse("2026-09-01", &d);
	int64_t id5;
	ck_assert_int_eq(bf_consolation_record(&db, num, BF_EV_HOSPITAL, NULL, -1, d, 0, false, -1,
	                                       NULL, NULL, &id5, &res, &err),
	                 1); /* no reason */
	ck_assert_int_eq(bf_consolation_record(&db, num, BF_EV_HOSPITAL, NULL, -1, d, 0, false, -1,
	                                       "本年度已慰问两次", NULL, &id5, &res, &err),
	                 0);
	ck_assert_int_eq(bf_consolation_get(&db, id5, &r, &err), 0);
	ck_assert_str_eq(r.status, "declined");
	/* signed by someone outside the household: refused */
	p = pay_in("路人甲", BF_REL_SPOUSE, "2026-03-02");
	ck_assert_int_eq(bf_consolation_pay(&db, id1, &p, &err), -1);
	p = pay_in("张三妻", BF_REL_SPOUSE, "2026-03-02");
	ck_assert_int_eq(bf_consolation_pay(&db, id1, &p, &err), 0);
	struct bf_consolation_rec *list;
	size_t n;
	ck_assert_int_eq(bf_consolation_list(&db, 2026, num, &list, &n, &err), 0);
	ck_assert_uint_eq(n, 5);
	free(list);
	ck_assert_int_eq(
	    q_int(&db, "SELECT count(*) FROM payment WHERE consolation_id IS NOT NULL"), 2);
	/* the ledger has them, by event */
	struct bf_ledger_total *t;
	struct bf_ledger_filter f;
	memset(&f, 0, sizeof f);
	f.campaign_id = -1;
	ck_assert_int_eq(bf_ledger_totals(&db, &f, BF_LEDGER_BY_GROUP, &t, &n, &err), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(t[0].key, "family_hospital");
	ck_assert_str_eq(t[1].key, "hospital");
	free(t);
	/* payments never change */
	ck_assert_int_ne(bf_db_exec(&db, "UPDATE payment SET cash = 1"), 0);
	ck_assert_int_ne(bf_db_exec(&db, "DELETE FROM payment"), 0);
	bf_db_close(&db);
}
END_TEST

/* ---- campaigns ------------------------------------------------------------------------ */

START_TEST(test_draw_rules)
{
	bf_db db;
	open_db(&db);
	bf_sample_seed(&rng, 2);
	char a[32], b[32], c[32], d[32], e[32], f[32], ea[32];
	char eid[BF_ID_SZ];
	make_case(&db,
	          &(struct spec){.name = "张一",
	                         .status = "approved",
	                         .dept = "一车间",
	                         .size = 3,
	                         .cause = BF_CAUSE_MAJOR_ILLNESS},
	          a, NULL);
	make_case(&db,
	          &(struct spec){.name = "王二", .status = "draft", .dept = "一车间", .size = 1}, b,
	          NULL);
	make_case(&db,
	          &(struct spec){.name = "李三",
	                         .status = "aided",
	                         .dept = "二车间",
	                         .size = 2,
	                         .model_worker = "全国劳模"},
	          c, NULL);
	make_case(
	    &db,
	    &(struct spec){
	        .name = "赵四", .status = "approved", .dept = "二车间", .size = 2, .migrant = true},
	    d, NULL);
	make_case(
	    &db,
	    &(struct spec){
	        .name = "刘五", .status = "approved", .dept = "二车间", .size = 1, .year = 2025},
	    ea, eid);
	make_case(&db,
	          &(struct spec){.name = "钱六", .status = "closed", .dept = "一车间", .size = 1},
	          f, NULL);

	/* last year's campaign paid 刘五 */
	bf_error err = {{0}};
	int64_t k25 = new_campaign(&db, "2025年春节送温暖", 2025);
	struct bf_draw_summary sum;
	ck_assert_int_eq(bf_campaign_draw(&db, k25, &sum, &err), 0);
	struct bf_payment_in p = pay_in("刘五", BF_REL_SELF, "2025-01-20");
	ck_assert_msg(bf_campaign_pay(&db, k25, ea, &p, &err) == 0, "%s", err.msg);

	/* this year 刘五 has a new file (same person, same ID); last year's is
	 * closed */
	struct bf_case *x = malloc(sizeof *x);
	int64_t eid_case;
	ck_assert_int_eq(bf_case_lookup(&db, ea, &eid_case, &err), 0);
	/* closed as the workflow closes it (a form save never writes the state) */
	char close_sql[96];
	snprintf(close_sql, sizeof close_sql, "UPDATE case_file SET status = 'closed' WHERE id = %lld",
	         (long long)eid_case);
	ck_assert_msg(bf_db_exec(&db, close_sql) == 0, "%s", db.errmsg);
	ck_assert_int_eq(bf_case_load(&db, eid_case, x, &err), 0);
	bf_strlcpy(x->status, "approved", sizeof x->status);
	x->id = 0;
	x->number[0] = '\0';
	x->year = 2026;
	for (size_t i = 0; i < x->n_members; i++)
		x->members[i].id = 0;
	ck_assert_msg(bf_case_save(&db, x, &err) == 0, "%s", err.msg);
	bf_strlcpy(e, x->number, sizeof e);
	free(x);

	int64_t k = new_campaign(&db, "2026年春节送温暖", 2026);
	struct bf_budget_line lines[64];
	size_t nl;
	struct bf_budget_totals t;
	bool plan;
	ck_assert_int_eq(bf_campaign_budget(&db, k, lines, 64, &nl, &t, &plan, &err), 0);
	ck_assert(plan);
	ck_assert_int_eq(t.total, 0);
	ck_assert_int_eq(bf_campaign_draw(&db, k, &sum, &err), 0);
	ck_assert_int_eq(sum.listed, 5); /* 钱六's file is closed; 刘五 once (latest file) */
	ck_assert_int_eq(sum.included, 3);
	ck_assert_int_eq(sum.no_file, 1);
	ck_assert_int_eq(sum.last_year, 1);
	ck_assert_int_eq(sum.multiple, 3); /* 张一, 李三, 赵四 */
	ck_assert_str_eq(eid, find(&db, k, e).id_number);

	struct bf_recipient r = find(&db, k, a); /* special, 3 persons: 1100 over 500 */
	ck_assert(r.included);
	ck_assert_int_eq(r.group_pos, 3);
	ck_assert_int_eq(r.cash, 110000);
	ck_assert_str_eq(r.also_groups, "1");
	ck_assert_str_eq(r.unit, "一车间");
	r = find(&db, k, b);
	ck_assert(!r.included);
	ck_assert_str_eq(r.exclusion, "no_file");
	r = find(&db, k, c); /* a national model worker: 800 over 500 */
	ck_assert(r.included);
	ck_assert_int_eq(r.group_pos, 1);
	ck_assert_int_eq(r.cash, 80000);
	r = find(&db, k, d); /* a migrant: 500 + 100 over 500 */
	ck_assert_int_eq(r.group_pos, 2);
	ck_assert_int_eq(r.cash + r.goods, 60000);
	r = find(&db, k, e);
	ck_assert(!r.included);
	ck_assert_str_eq(r.exclusion, "last_year");
	struct bf_recipient none;
	ck_assert_int_eq(bf_recipient_find(&db, k, f, &none, &err), 1);

	/* budget from the list: 1100 + 800 + 600 */
	ck_assert_int_eq(bf_campaign_budget(&db, k, lines, 64, &nl, &t, &plan, &err), 0);
	ck_assert(!plan);
	ck_assert_int_eq(t.total, 250000);
	ck_assert_int_eq(t.people, 2);     /* model worker, migrant: per person */
	ck_assert_int_eq(t.households, 1); /* special hardship by household size */

	/* added back with a reason; the reason survives a new draw */
	ck_assert_int_eq(bf_recipient_add_back(&db, k, e, "", &err), -1);
	ck_assert_int_eq(bf_recipient_add_back(&db, k, a, "x", &err), -1);
	ck_assert_int_eq(bf_recipient_add_back(&db, k, e, "今年新患大病", &err), 0);
	ck_assert_int_eq(bf_recipient_remove(&db, k, c, "已由市总工会慰问", &err), 0);
	ck_assert_int_eq(bf_recipient_set_community(&db, k, d, "幸福社区", &err), 0);
	ck_assert_int_eq(bf_campaign_draw(&db, k, &sum, &err), 0);
	ck_assert_int_eq(sum.added_back, 1);
	r = find(&db, k, e);
	ck_assert(r.included);
	ck_assert_str_eq(r.add_back_reason, "今年新患大病");
	r = find(&db, k, c);
	ck_assert(!r.included);
	ck_assert_str_eq(r.exclusion, "manual");
	ck_assert_str_eq(find(&db, k, d).community, "幸福社区");
	ck_assert_int_eq(bf_recipient_restore(&db, k, c, &err), 0);
	ck_assert(find(&db, k, c).included);

	/* changing a standard draws again, keeping the decisions */
	struct bf_campaign *cp = malloc(sizeof *cp);
	ck_assert_int_eq(bf_campaign_load(&db, k, cp, &err), 0);
	cp->groups[1].cash[0] = 100000;
	ck_assert_int_eq(bf_campaign_save(&db, cp, &err), 0);
	ck_assert_int_eq(find(&db, k, c).cash, 100000);
	ck_assert(find(&db, k, e).included);
	/* two groups of the same kind and level are refused */
	cp->groups[2] = cp->groups[1];
	ck_assert_int_eq(bf_campaign_save(&db, cp, &err), -1);
	free(cp);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_payment_rules_and_caps)
{
	bf_db db;
	open_db(&db);
	bf_sample_seed(&rng, 3);
	char a[32], b[32], c[32];
	make_case(&db,
	          &(struct spec){.name = "张一",
	                         .status = "approved",
	                         .dept = "一车间",
	                         .size = 3,
	                         .cause = BF_CAUSE_MAJOR_ILLNESS},
	          a, NULL);
	make_case(&db,
	          &(struct spec){.name = "王二", .status = "approved", .dept = "一车间", .size = 2},
	          b, NULL);
	make_case(&db,
	          &(struct spec){.name = "李三", .status = "approved", .dept = "二车间", .size = 1},
	          c, NULL);
	bf_error err = {{0}};
	/* caps: 1,000 a payment, 1,200 a year */
	ck_assert_int_eq(bf_setting_set(&db, BF_SETTING_CAP_PAYMENT, "100000", &err), 0);
	ck_assert_int_eq(bf_setting_set(&db, BF_SETTING_CAP_YEAR, "120000", &err), 0);
	int64_t k = new_campaign(&db, "春节", 2026);
	struct bf_draw_summary sum;
	ck_assert_int_eq(bf_campaign_draw(&db, k, &sum, &err), 0);
	struct bf_recipient r = find(&db, k, a);
	ck_assert(r.capped);
	ck_assert_int_eq(r.standard, 110000);
	ck_assert_int_eq(r.cash, 100000);
	ck_assert_int_eq(sum.capped, 1);

	/* in full or not at all */
	struct bf_payment_in p = pay_in("张一", BF_REL_SELF, "2026-01-20");
	p.amount = 50000;
	ck_assert_int_eq(bf_campaign_pay(&db, k, a, &p, &err), -1);
	ck_assert_msg(strstr(err.msg, "split") != NULL, "%s", err.msg);
	p.amount = 100000;
	/* a relative signs under their own relation, and is on the file */
	p.signer = "张一妻";
	p.relation = BF_REL_SELF;
	ck_assert_int_eq(bf_campaign_pay(&db, k, a, &p, &err), -1);
	p.relation = BF_REL_SPOUSE;
	p.phone = "";
	ck_assert_int_eq(bf_campaign_pay(&db, k, a, &p, &err), -1);
	p.phone = "13912345678";
	ck_assert_msg(bf_campaign_pay(&db, k, a, &p, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_campaign_pay(&db, k, a, &p, &err), -1); /* once */

	/* the file is no longer approved: no payment */
	int64_t bid;
	ck_assert_int_eq(bf_case_lookup(&db, b, &bid, &err), 0);
	/* (the workflow's move, by hand: the form's save never writes the state) */
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE case_file SET status = 'returned' WHERE id = %lld",
	         (long long)bid);
	ck_assert_msg(bf_db_exec(&db, sql) == 0, "%s", db.errmsg);
	p = pay_in("王二", BF_REL_SELF, "2026-01-20");
	ck_assert_int_eq(bf_campaign_pay(&db, k, b, &p, &err), -1);
	ck_assert_msg(strstr(err.msg, "file first") != NULL, "%s", err.msg);
	snprintf(sql, sizeof sql, "UPDATE case_file SET status = 'approved' WHERE id = %lld",
	         (long long)bid);
	ck_assert_msg(bf_db_exec(&db, sql) == 0, "%s", db.errmsg);

	/* not paid needs a reason, and is final */
	p.paid = false;
	ck_assert_int_eq(bf_campaign_pay(&db, k, b, &p, &err), -1);
	p.not_paid_reason = "联系不上";
	ck_assert_int_eq(bf_campaign_pay(&db, k, b, &p, &err), 0);
	p.paid = true;
	ck_assert_int_eq(bf_campaign_pay(&db, k, b, &p, &err), -1);

	/* a second campaign the same year: 李三 has 500 from the first, and
	 * 500 more stays under the year's 1,200 */
	p = pay_in("李三", BF_REL_SELF, "2026-01-21");
	ck_assert_int_eq(bf_campaign_pay(&db, k, c, &p, &err), 0);
	int64_t k2 = new_campaign(&db, "端午", 2026);
	ck_assert_int_eq(bf_campaign_draw(&db, k2, &sum, &err), 0);
	r = find(&db, k2, c);
	ck_assert(r.included && !r.capped);
	ck_assert_int_eq(r.cash + r.goods, 50000);
	r = find(&db, k2, b); /* not paid in the first: nothing counted */
	ck_assert_int_eq(r.cash + r.goods, 50000);
	r = find(&db, k2, a); /* 张一 got 1,000: 200 left */
	ck_assert_int_eq(r.cash + r.goods, 20000);
	/* raise the year's cap's use elsewhere: the cap is checked again at payment */
	ck_assert_int_eq(bf_setting_set(&db, BF_SETTING_CAP_YEAR, "110000", &err), 0);
	p = pay_in("张一", BF_REL_SELF, "2026-06-01");
	ck_assert_int_eq(bf_campaign_pay(&db, k2, a, &p, &err), -1);
	ck_assert_msg(strstr(err.msg, "cap") != NULL, "%s", err.msg);

	/* paid: the groups can no longer change, the campaign cannot go */
	struct bf_campaign *cp = malloc(sizeof *cp);
	ck_assert_int_eq(bf_campaign_load(&db, k, cp, &err), 0);
	cp->groups[0].cash[0] = 1;
	ck_assert_int_eq(bf_campaign_save(&db, cp, &err), -1);
	ck_assert_int_eq(bf_campaign_load(&db, k, cp, &err), 0);
	bf_strlcpy(cp->note, "说明", sizeof cp->note); /* the note still can */
	cp->groups[0].planned[0] = 3;
	ck_assert_int_eq(bf_campaign_save(&db, cp, &err), 0);
	free(cp);
	ck_assert_int_eq(bf_campaign_draw(&db, k, &sum, &err), -1);
	ck_assert_int_eq(bf_campaign_delete(&db, k, &err), -1);
	ck_assert_int_eq(bf_campaign_delete(&db, k2, &err), 0);

	/* the ledger reconciles with the budget */
	struct bf_reconcile_line lines[16], tot;
	size_t n;
	bool ok;
	ck_assert_int_eq(bf_campaign_reconcile(&db, k, lines, 16, &n, &tot, &ok, &err), 0);
	ck_assert(ok);
	ck_assert_int_eq(tot.budget, 100000 + 50000 + 50000);
	ck_assert_int_eq(tot.paid, 150000);
	ck_assert_int_eq(tot.not_paid, 50000);
	ck_assert_int_eq(tot.ledger, 150000);
	ck_assert_int_eq(tot.pending, 0);
	/* closed: no more payments */
	ck_assert_int_eq(bf_campaign_set_closed(&db, k, true, &err), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM campaign WHERE status = 'closed'"), 1);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_spotcheck_and_exports)
{
	bf_db db;
	open_db(&db);
	bf_sample_seed(&rng, 4);
	char nums[30][32];
	for (int i = 0; i < 30; i++) {
		char name[32];
		snprintf(name, sizeof name, "职工%02d", i);
		make_case(&db,
		          &(struct spec){.name = name,
		                         .status = "approved",
		                         .dept = i < 22 ? "一车间" : "二车间",
		                         .size = 1},
		          nums[i], NULL);
	}
	bf_error err = {{0}};
	int64_t k = new_campaign(&db, "春节", 2026);
	struct bf_draw_summary sum;
	ck_assert_int_eq(bf_campaign_draw(&db, k, &sum, &err), 0);
	struct bf_spotcheck sc;
	/* nothing paid yet */
	ck_assert_int_eq(bf_spotcheck_draw_campaign(&db, k, 0, true, 7, &sc, &err), -1);
	for (int i = 0; i < 30; i++) {
		char signer[32];
		snprintf(signer, sizeof signer, "职工%02d", i);
		struct bf_payment_in p = pay_in(signer, BF_REL_SELF, "2026-01-25");
		ck_assert_msg(bf_campaign_pay(&db, k, nums[i], &p, &err) == 0, "%s", err.msg);
	}
	ck_assert_int_eq(bf_spotcheck_draw_campaign(&db, k, 0, true, 20260201, &sc, &err), 0);
	ck_assert_int_eq(sc.population, 30);
	ck_assert_int_eq(sc.drawn, 3 + 1); /* ceil(10% of 22), and at least one of 8 */
	ck_assert_str_eq(sc.seed, "20260201");
	/* once per campaign */
	ck_assert_int_eq(bf_spotcheck_draw_campaign(&db, k, 0, true, 1, &sc, &err), -1);
	struct bf_spotcheck_item *items;
	size_t n;
	ck_assert_int_eq(bf_spotcheck_load(&db, k, &sc, &items, &n, &err), 0);
	ck_assert_uint_eq(n, 4);
	/* reproducible: the same draw from the recorded seed */
	const char *places[30];
	for (int i = 0; i < 30; i++)
		places[i] = i < 22 ? "一车间" : "二车间";
	bool chosen[30];
	bf_spotcheck_draw(strtoull(sc.seed, NULL, 10), sc.percent, places, 30, chosen);
	size_t same = 0;
	for (int i = 0; i < 30; i++)
		for (size_t j = 0; j < n; j++)
			if (chosen[i] && !strcmp(items[j].case_number, nums[i]))
				same++;
	ck_assert_uint_eq(same, 4);
	ck_assert_int_eq(items[0].reached, -1);
	/* record a call and a visit */
	ck_assert_int_eq(bf_spotcheck_record(&db, k, items[0].case_number, "call", "2026-02-05",
	                                     true, 1, NULL, &err),
	                 0);
	ck_assert_int_eq(bf_spotcheck_record(&db, k, items[1].case_number, "visit", "2026-02-06",
	                                     true, 0, "只收到300元", &err),
	                 0);
	ck_assert_int_eq(bf_spotcheck_record(&db, k, items[2].case_number, "phone", "2026-02-06",
	                                     true, 1, NULL, &err),
	                 -1);
	ck_assert_int_eq(
	    bf_spotcheck_record(&db, k, nums[29], "call", "2026-02-06", false, -1, NULL, &err) == 0,
	    chosen[29]);
	char first[32];
	bf_strlcpy(first, items[1].case_number, sizeof first);
	free(items);
	ck_assert_int_eq(bf_spotcheck_load(&db, k, &sc, &items, &n, &err), 0);
	size_t problems = 0;
	for (size_t j = 0; j < n; j++)
		if (bf_spotcheck_item_has_problem(&items[j])) {
			problems++;
			if (items[j].reached == 1) {
				ck_assert_str_eq(items[j].case_number, first);
				ck_assert_str_eq(items[j].problem, "只收到300元");
				ck_assert_int_eq(items[j].amount_confirmed, 0);
			}
		}
	ck_assert_uint_eq(problems, 1 + (chosen[29] ? 1 : 0)); /* not reached is one too */
	free(items);
	ck_assert_int_ne(bf_db_exec(&db, "UPDATE spotcheck_draw SET seed = '1'"), 0);

	/* exports: IDs are text cells in the XLSX */
	struct bf_campaign *c = malloc(sizeof *c);
	ck_assert_int_eq(bf_campaign_load(&db, k, c, &err), 0);
	struct bf_recipient *rows = malloc(30 * sizeof *rows);
	struct bf_recipient_filter f;
	bf_recipient_filter_init(&f);
	f.unit = "二车间";
	int nr;
	ck_assert_int_eq(bf_recipient_rows(&db, k, &f, NULL, false, 30, rows, &nr, &err), 0);
	ck_assert_int_eq(nr, 8);
	struct bf_signoff s = {.campaign = c,
	                       .union_name = "测试工会",
	                       .place_kind = "unit",
	                       .place = "二车间",
	                       .rows = rows,
	                       .n = (size_t)nr};
	bf_outfile *o = bf_outfile_open(in_tmp("sheet.xlsx"), 0, &err);
	ck_assert_msg(o && bf_outfile_finish(o, bf_xlsx_signoff_sheet(o, &s, &err), &err) == 0,
	              "%s", err.msg);
	struct stat st;
	ck_assert_int_eq(stat(in_tmp("sheet.xlsx"), &st), 0);
	ck_assert_int_gt(st.st_size, 1000);
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
	         "unzip -p '%s' xl/sharedStrings.xml | grep -q '伍佰元整' && "
	         "unzip -p '%s' xl/sharedStrings.xml | grep -q '不得代签' && "
	         "! unzip -p '%s' xl/worksheets/sheet1.xml | grep -q 'E+17'",
	         in_tmp("sheet.xlsx"), in_tmp("sheet.xlsx"), in_tmp("sheet.xlsx"));
	if (system("command -v unzip >/dev/null 2>&1") == 0)
		ck_assert_msg(system(cmd) == 0, "sheet content");
	struct bf_budget_line lines[64];
	size_t nl;
	struct bf_budget_totals t;
	bool plan;
	ck_assert_int_eq(bf_campaign_budget(&db, k, lines, 64, &nl, &t, &plan, &err), 0);
	ck_assert_int_eq(t.total, 30 * 50000);
	o = bf_outfile_open(in_tmp("budget.xlsx"), 0, &err);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(
	    bf_outfile_finish(o, bf_xlsx_campaign_budget(o, c, lines, nl, &t, plan, &err), &err),
	    0);
	struct bf_ledger_row *lr;
	size_t nlr;
	struct bf_ledger_filter lf;
	memset(&lf, 0, sizeof lf);
	ck_assert_int_eq(bf_ledger_rows(&db, &lf, &lr, &nlr, &err), 0);
	ck_assert_uint_eq(nlr, 30);
	struct bf_ledger_total *tu;
	size_t ntu;
	ck_assert_int_eq(bf_ledger_totals(&db, &lf, BF_LEDGER_BY_UNIT, &tu, &ntu, &err), 0);
	ck_assert_uint_eq(ntu, 2);
	ck_assert_str_eq(tu[0].key, "一车间");
	ck_assert_int_eq(tu[0].cash, 22 * 50000);
	ck_assert_int_eq(tu[1].count, 8);
	struct bf_ledger_export lx = {.rows = lr, .n = nlr, .by_unit = tu, .n_unit = ntu};
	o = bf_outfile_open(in_tmp("ledger.xlsx"), 0, &err);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(bf_outfile_finish(o, bf_xlsx_ledger(o, &lx, &err), &err), 0);
	ck_assert_int_eq(stat(in_tmp("ledger.xlsx"), &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	/* a folder that does not exist: an error, no file */
	ck_assert_ptr_null(bf_outfile_open(in_tmp("nowhere/ledger.xlsx"), 0, &err));
	ck_assert_msg(strstr(err.msg, "ledger.xlsx"), "%s", err.msg);
	free(lr);
	free(tu);
	free(rows);
	free(c);
	bf_db_close(&db);
}
END_TEST

/* A group's label can change at any time (audited); whether it requires an
 * approved file changes the list: drawn again at once while nothing is
 * paid, refused once something is. */
START_TEST(test_group_label_and_file_flag)
{
	bf_db db;
	open_db(&db);
	bf_sample_seed(&rng, 7);
	char a[32], b[32];
	make_case(&db, &(struct spec){.name = "张一", .status = "approved", .dept = "一车间"}, a,
	          NULL);
	make_case(&db, &(struct spec){.name = "王二", .status = "draft", .dept = "一车间"}, b,
	          NULL);
	int64_t k = new_campaign(&db, "春节", 2026);
	bf_error err = {{0}};
	struct bf_draw_summary sum;
	ck_assert_int_eq(bf_campaign_draw(&db, k, &sum, &err), 0);
	ck_assert(!find(&db, k, b).included); /* no approved file */
	ck_assert_str_eq(find(&db, k, b).exclusion, "no_file");

	struct bf_campaign *c = malloc(sizeof *c);
	ck_assert_int_eq(bf_campaign_load(&db, k, c, &err), 0);
	ck_assert(c->groups[0].requires_file);
	c->groups[0].requires_file = false;
	ck_assert_msg(bf_campaign_save(&db, c, &err) == 0, "%s", err.msg);
	ck_assert(find(&db, k, b).included); /* drawn again */
	c->groups[0].requires_file = true;
	ck_assert_msg(bf_campaign_save(&db, c, &err) == 0, "%s", err.msg);
	ck_assert(!find(&db, k, b).included);

	struct bf_payment_in p = pay_in("张一", BF_REL_SELF, "2026-01-20");
	ck_assert_msg(bf_campaign_pay(&db, k, a, &p, &err) == 0, "%s", err.msg);
	int64_t audited = q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'campaign_group'"
	                             " AND action = 'update'");
	ck_assert_int_eq(bf_campaign_load(&db, k, c, &err), 0);
	bf_strlcpy(c->groups[0].label, "困难职工家庭", sizeof c->groups[0].label);
	ck_assert_msg(bf_campaign_save(&db, c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'campaign_group'"
	                            " AND action = 'update'"),
	                 audited + 1);
	ck_assert_str_eq(find(&db, k, a).paid_status, "paid"); /* the list stays */
	c->groups[0].requires_file = false;
	ck_assert_int_eq(bf_campaign_save(&db, c, &err), -1);
	ck_assert_msg(strstr(err.msg, "payments are recorded") != NULL, "%s", err.msg);
	ck_assert_int_eq(bf_campaign_load(&db, k, c, &err), 0);
	ck_assert_str_eq(c->groups[0].label, "困难职工家庭");
	ck_assert(c->groups[0].requires_file);
	char name[BF_TEXT_SZ];
	bf_campaign_group_name(&c->groups[0], name, sizeof name);
	ck_assert_str_eq(name, "困难职工家庭");
	/* without the right, nothing changes */
	bf_store_set_session(&db, "tester", BF_ROLE_DISTRICT);
	bf_strlcpy(c->groups[0].label, "x", sizeof c->groups[0].label);
	ck_assert_int_eq(bf_campaign_save(&db, c, &err), -1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM campaign_group WHERE label = 'x'"), 0);
	free(c);
	bf_db_close(&db);
}
END_TEST

/* ---- groups as the office names them --------------------------------------------- */

/* The notice's five groups (六、慰问费用预算): 困难党员 4 × (200 + 100),
 * 老党员 3 × (200 + 100), 贫困家庭 22 households × (200 + 100), 五保户 1
 * household × (400 + 100), 村干部 5 × 200. Three are of one kind (special),
 * two have none. */
static void notice_groups(struct bf_campaign *c)
{
	static const struct {
		const char *label;
		int kind;
		enum bf_basis basis;
		int planned;
		bf_fen cash, goods;
	} ex[] = {
	    {"困难党员", BF_GROUP_SPECIAL, BF_BASIS_PERSON, 4, 20000, 10000},
	    {"老党员", BF_GROUP_SPECIAL, BF_BASIS_PERSON, 3, 20000, 10000},
	    {"贫困家庭", -1, BF_BASIS_HOUSEHOLD, 22, 20000, 10000},
	    {"五保户", BF_GROUP_SPECIAL, BF_BASIS_HOUSEHOLD, 1, 40000, 10000},
	    {"村干部", -1, BF_BASIS_PERSON, 5, 20000, 0},
	};
	c->ngroups = 0;
	for (size_t i = 0; i < BF_ARRAY_LEN(ex); i++) {
		struct bf_campaign_group *g = &c->groups[c->ngroups++];
		bf_campaign_group_init(g, ex[i].kind, -1);
		bf_strlcpy(g->label, ex[i].label, sizeof g->label);
		g->basis = ex[i].basis;
		g->cash[0] = ex[i].cash;
		g->goods[0] = ex[i].goods;
		g->planned[0] = ex[i].planned;
		if (ex[i].goods)
			bf_strlcpy(g->goods_note, "米、油", sizeof g->goods_note);
	}
	c->groups[4].requires_file = false; /* 村干部: no hardship file needed */
}

START_TEST(test_groups_as_named)
{
	bf_db db;
	open_db(&db);
	bf_sample_seed(&rng, 9);
	bf_error err = {{0}};
	struct bf_campaign *c = calloc(1, sizeof *c);
	bf_campaign_init(c, 2027);
	bf_strlcpy(c->name, "春节慰问", sizeof c->name);
	bf_strlcpy(c->start_date, "2027-02-09", sizeof c->start_date);
	bf_strlcpy(c->end_date, "2027-02-10", sizeof c->end_date);
	notice_groups(c);
	/* a label twice is refused, naming it; nothing is written */
	bf_strlcpy(c->groups[1].label, " 困难党员 ", sizeof c->groups[1].label);
	ck_assert_int_eq(bf_campaign_save(&db, c, &err), -1);
	ck_assert_msg(strstr(err.msg, "困难党员") && strstr(err.msg, "group 2"), "%s", err.msg);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM campaign"), 0);
	bf_strlcpy(c->groups[1].label, "老党员", sizeof c->groups[1].label);
	c->groups[4].label[0] = '\0'; /* a group without a kind needs its label */
	ck_assert_int_eq(bf_campaign_save(&db, c, &err), -1);
	ck_assert_msg(strstr(err.msg, "label"), "%s", err.msg);
	bf_strlcpy(c->groups[4].label, "村干部", sizeof c->groups[4].label);
	ck_assert_msg(bf_campaign_save(&db, c, &err) == 0, "%s", err.msg);
	int64_t k = c->id;

	/* the budget: each line as in the notice, 10,200 for 12 people and 23 households */
	struct bf_budget_line lines[64];
	size_t nl;
	struct bf_budget_totals t;
	bool plan;
	ck_assert_int_eq(bf_campaign_budget(&db, k, lines, 64, &nl, &t, &plan, &err), 0);
	ck_assert(plan);
	ck_assert_uint_eq(nl, 5);
	static const bf_fen sub[] = {120000, 90000, 660000, 50000, 100000};
	for (size_t i = 0; i < nl; i++)
		ck_assert_int_eq(lines[i].subtotal, sub[i]);
	ck_assert_str_eq(lines[2].label, "贫困家庭");
	ck_assert(lines[2].households && lines[3].households && !lines[4].households);
	ck_assert_int_eq(t.total, 1020000);
	ck_assert_int_eq(t.people, 12);
	ck_assert_int_eq(t.households, 23);
	bf_outfile *nf = bf_outfile_open(in_tmp("notice.xlsx"), 0, &err);
	ck_assert_msg(nf && bf_outfile_finish(
	                        nf, bf_xlsx_campaign_budget(nf, c, lines, nl, &t, plan, &err), &err) == 0,
	              "%s", err.msg);
	if (system("command -v unzip >/dev/null 2>&1") == 0) {
		char cmd[2048];
		snprintf(cmd, sizeof cmd,
		         "unzip -p '%s' xl/sharedStrings.xml | grep -q '12人、23户，10,200.00元"
		         "（大写：壹万零贰佰元整）' && unzip -p '%s' xl/sharedStrings.xml | grep -q"
		         " '五保户' && unzip -p '%s' xl/sharedStrings.xml | grep -q '米、油' &&"
		         " unzip -p '%s' xl/worksheets/sheet1.xml | grep -q '<v>6600</v>' &&"
		         " unzip -p '%s' xl/worksheets/sheet1.xml | grep -q '<v>10200</v>'",
		         in_tmp("notice.xlsx"), in_tmp("notice.xlsx"), in_tmp("notice.xlsx"),
		         in_tmp("notice.xlsx"), in_tmp("notice.xlsx"));
		ck_assert_msg(system(cmd) == 0, "the budget XLSX has the notice's lines");
	}

	/* the draw: a special-hardship file meets 困难党员, 老党员 and 五保户 and
	 * is aided once, at 五保户's 500; a file placed in 村干部 (no kind, no
	 * file needed) gets 200; the same file placed in 贫困家庭 too: 300 beats
	 * 200, once */
	char sp[32], cadre[32], plain[32];
	make_case(&db,
	          &(struct spec){.name = "特困",
	                         .status = "approved",
	                         .dept = "一村",
	                         .cause = BF_CAUSE_MAJOR_ILLNESS},
	          sp, NULL);
	make_case(&db, &(struct spec){.name = "村干", .status = "draft", .dept = "一村"}, cadre,
	          NULL);
	make_case(&db, &(struct spec){.name = "普通", .status = "approved", .dept = "一村"}, plain,
	          NULL);
	struct bf_draw_summary sum;
	ck_assert_int_eq(bf_campaign_draw(&db, k, &sum, &err), 0);
	struct bf_recipient r = find(&db, k, sp);
	ck_assert_msg(r.included, "%s: %s", r.case_number, r.exclusion);
	ck_assert_int_eq(r.group_pos, 3);
	ck_assert_int_eq(r.cash + r.goods, 50000);
	ck_assert_str_eq(r.also_groups, "1,2");
	ck_assert_int_eq(bf_recipient_find(&db, k, cadre, &r, &err), 1); /* in no group */
	ck_assert_int_eq(bf_campaign_place(&db, k, 4, cadre, "村两委推荐", false, &err), 0);
	ck_assert_int_eq(bf_campaign_place(&db, k, 4, cadre, NULL, false, &err), 1);
	ck_assert_msg(strstr(err.msg, "already"), "%s", err.msg);
	r = find(&db, k, cadre); /* drawn again at once */
	ck_assert_msg(r.included, "%s: %s", r.case_number, r.exclusion);
	ck_assert_int_eq(r.group_pos, 4);
	ck_assert_int_eq(r.cash, 20000);
	ck_assert_int_eq(bf_campaign_place(&db, k, 2, cadre, NULL, false, &err), 0);
	r = find(&db, k, cadre); /* 贫困家庭 needs an approved file: still 村干部 */
	ck_assert_int_eq(r.group_pos, 4);
	ck_assert_int_eq(bf_campaign_place(&db, k, 2, plain, NULL, false, &err), 0);
	ck_assert_int_eq(bf_campaign_place(&db, k, 4, plain, NULL, false, &err), 0);
	r = find(&db, k, plain);
	ck_assert_msg(r.included, "%s: %s", r.case_number, r.exclusion);
	ck_assert_int_eq(r.group_pos, 2); /* 300 over 200, once */
	ck_assert_str_eq(r.also_groups, "5");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM campaign_recipient WHERE case_id ="
	                            " (SELECT id FROM case_file WHERE name = '普通')"),
	                 1);
	ck_assert_int_eq(bf_campaign_budget(&db, k, lines, 64, &nl, &t, &plan, &err), 0);
	ck_assert(!plan);
	ck_assert_int_eq(t.people, 1);     /* 村干部 */
	ck_assert_int_eq(t.households, 2); /* 贫困家庭, 五保户 */
	ck_assert_int_eq(t.total, 50000 + 30000 + 20000);
	struct bf_placement *pl;
	size_t np;
	ck_assert_int_eq(bf_campaign_placements(&db, k, &pl, &np, &err), 0);
	ck_assert_uint_eq(np, 4);
	ck_assert_str_eq(pl[0].group_label, "贫困家庭");
	ck_assert_str_eq(pl[2].reason, "村两委推荐");
	free(pl);

	/* editing keeps the groups' ids and so the placements; removing a group
	 * takes its placements with it */
	ck_assert_int_eq(bf_campaign_load(&db, k, c, &err), 0);
	int64_t cadre_group = c->groups[4].id;
	bf_strlcpy(c->groups[4].label, "村组干部", sizeof c->groups[4].label);
	memmove(&c->groups[0], &c->groups[1], 4 * sizeof c->groups[0]); /* 困难党员 goes */
	c->ngroups = 4;
	ck_assert_msg(bf_campaign_save(&db, c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_campaign_load(&db, k, c, &err), 0);
	ck_assert_uint_eq(c->ngroups, 4);
	ck_assert_int_eq(c->groups[3].id, cadre_group);
	ck_assert_str_eq(c->groups[3].label, "村组干部");
	ck_assert_str_eq(c->groups[0].label, "老党员");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM campaign_placement"), 4);
	r = find(&db, k, cadre);
	ck_assert_int_eq(r.group_pos, 3);
	ck_assert_int_eq(bf_campaign_place(&db, k, 3, cadre, NULL, true, &err), 0);
	r = find(&db, k, cadre); /* still placed in 贫困家庭, which needs a file */
	ck_assert(!r.included);
	ck_assert_str_eq(r.exclusion, "no_file");
	ck_assert_int_eq(r.group_pos, 1);
	memmove(&c->groups[1], &c->groups[2], 2 * sizeof c->groups[0]); /* 贫困家庭 goes */
	c->ngroups = 3;
	ck_assert_msg(bf_campaign_save(&db, c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM campaign_placement"), 1);
	ck_assert_int_eq(bf_recipient_find(&db, k, cadre, &r, &err), 1); /* in no group now */
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl ="
	                            " 'campaign_placement' AND action = 'delete'"),
	                 3);
	ck_assert_int_eq(find(&db, k, plain).group_pos, 2); /* 村组干部 now */

	/* a group is found by number or label */
	ck_assert_int_eq(bf_campaign_group_find(c, "五保户", &err), 1);
	ck_assert_int_eq(bf_campaign_group_find(c, "3", &err), 2);
	ck_assert_int_eq(bf_campaign_group_find(c, "4", &err), -1);
	ck_assert_int_eq(bf_campaign_group_find(c, "贫困家庭", &err), -1);
	ck_assert_msg(strstr(err.msg, "贫困家庭"), "%s", err.msg);

	/* paid to a group without a kind: the ledger keeps its label */
	struct bf_payment_in p = pay_in("普通", BF_REL_SELF, "2027-02-09");
	ck_assert_msg(bf_campaign_pay(&db, k, plain, &p, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM payment WHERE grp = '村组干部'"), 1);
	free(c);
	bf_db_close(&db);
}
END_TEST

/* A database of schema 006 with groups unique by kind, labels left empty,
 * and a drawn list: schema 009 carries every row with its id, names each
 * group (a label used twice gets its position), and keeps the audit. */
START_TEST(test_groups_migrate)
{
	bf_db db;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_db_open(&db, in_tmp("old.db"), BF_DB_CREATE, &err), 0);
	tu_key(&db);
	bf_db_set_actor(&db, "old-timer");
	bf_test_schema_before(&db, 9);
	/* a file as that schema held it (today's store writes columns of later
	 * steps) */
	char num[32] = "2026-0001";
	ck_assert_msg(
	    bf_db_exec(
	        &db,
	        "INSERT INTO case_file (number, year, status, department, created_at,"
	        " created_by, updated_at, updated_by) VALUES ('2026-0001', 2026, 'approved',"
	        " '一车间', '2026-01-01', 'old-timer', '2026-01-01', 'old-timer');"
	        "INSERT INTO campaign (id, name, year, start_date, end_date, status,"
	        " created_at, created_by) VALUES (1, '春节', 2026, '2026-01-10',"
	        " '2026-02-10', 'drawn', '2026-01-01', 'old-timer');"
	        "INSERT INTO campaign_group (id, campaign_id, position, kind, level, label,"
	        " basis, cash1, cash2, cash3) VALUES (10, 1, 0, 'hardship', NULL, NULL,"
	        " 'person', 50000, 0, 0),"
	        " (11, 1, 1, 'model_worker', 'national', NULL, 'person', 80000, 0, 0),"
	        " (12, 1, 2, 'special', NULL, '困难职工', 'size', 55000, 90000, 110000),"
	        " (13, 1, 3, 'migrant', NULL, '农民工', 'person', 60000, 0, 0);"
	        "INSERT INTO campaign_recipient (campaign_id, case_id, group_id,"
	        " case_number, name, household_size, standard, cash, goods, included)"
	        " SELECT 1, id, 11, number, '老张', 1, 80000, 80000, 0, 1 FROM case_file;") == 0,
	    "%s", db.errmsg);
	bf_db_close(&db);
	ck_assert_msg(bf_store_open(&db, in_tmp("old.db"), 0, &err) == 0, "%s", err.msg);
	tu_key(&db);
	bf_db_set_actor(&db, "tester");
	ck_assert_int_eq(q_int(&db, "PRAGMA user_version"), bf_schema_latest());
	struct bf_campaign *c = calloc(1, sizeof *c);
	ck_assert_int_eq(bf_campaign_load(&db, 1, c, &err), 0);
	ck_assert_uint_eq(c->ngroups, 4);
	ck_assert_int_eq(c->groups[0].id, 10);
	ck_assert_str_eq(c->groups[0].label, "困难职工");
	ck_assert_int_eq(c->groups[0].kind, BF_GROUP_HARDSHIP);
	ck_assert_str_eq(c->groups[1].label, "劳动模范（全国）");
	ck_assert_int_eq(c->groups[1].level, BF_LEVEL_NATIONAL);
	ck_assert_str_eq(c->groups[2].label, "困难职工（3）");
	ck_assert_int_eq(c->groups[2].basis, BF_BASIS_SIZE);
	ck_assert_str_eq(c->groups[3].label, "农民工");
	ck_assert_int_eq(c->groups[3].cash[0], 60000);
	struct bf_recipient r = find(&db, 1, num);
	ck_assert_int_eq(r.group_id, 11);
	ck_assert_str_eq(r.group_name, "劳动模范（全国）");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
	                            " AND name GLOB 'campaign_group_audit_*'"),
	                 3);
	/* the audit goes on: a label edited is recorded */
	bf_strlcpy(c->groups[2].label, "特别困难职工", sizeof c->groups[2].label);
	ck_assert_msg(bf_campaign_save(&db, c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'campaign_group'"
	                            " AND action = 'update' AND row_id = 12"),
	                 1);
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_audited)
{
	bf_db db;
	open_db(&db);
	bf_sample_seed(&rng, 5);
	char a[32];
	make_case(&db, &(struct spec){.name = "张一", .status = "approved", .dept = "一车间"}, a,
	          NULL);
	int64_t k = new_campaign(&db, "春节", 2026);
	bf_error err = {{0}};
	struct bf_draw_summary sum;
	ck_assert_int_eq(bf_campaign_draw(&db, k, &sum, &err), 0);
	static const char *const tables[] = {"campaign", "campaign_group", "campaign_recipient"};
	for (size_t i = 0; i < BF_ARRAY_LEN(tables); i++) {
		char sql[256];
		snprintf(sql, sizeof sql,
		         "SELECT count(*) FROM audit_log WHERE tbl = '%s' AND actor = 'tester'",
		         tables[i]);
		ck_assert_msg(q_int(&db, sql) > 0, "%s audited", tables[i]);
	}
	/* without an operator nothing is written */
	bf_db_set_actor(&db, "");
	ck_assert_int_ne(bf_recipient_remove(&db, k, a, "x", &err), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM campaign_recipient WHERE included = 0"),
	                 0);
	bf_db_close(&db);
}
END_TEST

static Suite *store_suite(void)
{
	Suite *s = suite_create("store: consolation and campaigns");
	TCase *tc = tcase_create("campaign store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_standards_per_year);
	tcase_add_test(tc, test_consolation_record_and_pay);
	tcase_add_test(tc, test_draw_rules);
	tcase_add_test(tc, test_payment_rules_and_caps);
	tcase_add_test(tc, test_spotcheck_and_exports);
	tcase_add_test(tc, test_group_label_and_file_flag);
	tcase_add_test(tc, test_audited);
	tcase_add_test(tc, test_groups_as_named);
	tcase_add_test(tc, test_groups_migrate);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *all[] = {store_suite()};
	return bf_test_run(all, BF_ARRAY_LEN(all));
}
