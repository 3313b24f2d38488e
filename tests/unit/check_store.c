/* check_store.c — the storage layer against real SQLite files, each test in
 * a fresh temporary folder (SQLite is opened only inside the tests). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bangfu/case_text.h"
#include "bangfu/coldesc.h"
#include "bangfu/documents.h"
#include "bangfu/schema.h"
#include "bangfu/store.h"
#include "bangfu/workflow_store.h"
#include "testutil.h"

/* ---- fixture: a fresh folder per test ------------------------------------------ */

static char tmpdir[512];

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bf-store-XXXXXX", base && base[0] ? base : "/tmp");
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

static void open_db(bf_db *db, const char *name, const char *actor)
{
	bf_error err = {{0}};
	int rc = bf_store_open(db, in_tmp(name), BF_DB_CREATE, &err);
	ck_assert_msg(rc == 0, "open %s: %s", name, err.msg);
	tu_key(db);
	if (actor)
		bf_db_set_actor(db, actor);
}

static int64_t q_int(bf_db *db, const char *sql)
{
	int64_t v = -12345;
	ck_assert_msg(bf_db_int(db, sql, &v) == 0, "%s", db->errmsg);
	return v;
}

/* The first column of the first row as text ("" for none), copied. */
static const char *q_text(bf_db *db, const char *sql)
{
	static char buf[4][4096];
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

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	*len = n;
	return buf;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Open must fail with a message containing `expect` and leave the file's
 * bytes as they were. */
static void assert_refused_unchanged(const char *path, const char *expect)
{
	size_t len0, len1;
	char *before = slurp(path, &len0);
	bf_db db;
	bf_error err = {{0}};
	ck_assert_int_ne(bf_store_open(&db, path, BF_DB_CREATE, &err), 0);
	tu_key(&db);
	ck_assert_msg(strstr(err.msg, expect) != NULL, "message '%s' lacks '%s'", err.msg, expect);
	ck_assert_ptr_null(db.h);
	bf_db_close(&db);
	char *after = slurp(path, &len1);
	ck_assert_uint_eq(len0, len1);
	ck_assert_msg(memcmp(before, after, len0) == 0, "%s was changed", path);
	free(before);
	free(after);
}

/* A household of four with Chinese text everywhere. */
static void sample_case(struct bf_case *c)
{
	bf_case_init(c, 2026);
	struct bf_member *m = &c->members[0];
	strcpy(m->name, "张三");
	strcpy(m->id_number, "11010519491231002X");
	strcpy(m->birth_date, "1949-12-31");
	m->marital = BF_MAR_MARRIED;
	m->status = BF_ST_LAID_OFF;
	strcpy(m->school_or_employer, "红星机械厂");
	m->health = BF_HEALTH_MAJOR;
	strcpy(m->disease, "尿毒症");
	m->diagnosis_year = 2026;
	m->disability = BF_DIS_PHYSICAL;
	m->disability_grade = 3;
	m->insurance = BF_INS_EMPLOYEE;
	m->hukou = BF_HUKOU_AGRI;
	m->monthly_income = 150000;
	m->proof = BF_PROOF_EMPLOYER;

	m = bf_case_add_member(c, BF_REL_SPOUSE);
	strcpy(m->name, "李四");
	strcpy(m->id_number, "110105195003030021");
	m->marital = BF_MAR_MARRIED;
	m->status = BF_ST_UNEMPLOYED;

	m = bf_case_add_member(c, BF_REL_CHILD);
	strcpy(m->name, "张小明");
	strcpy(m->birth_date, "2010-05-01");
	m->status = BF_ST_STUDENT;
	strcpy(m->school_or_employer, "第一中学");
	m->insurance = BF_INS_RESIDENT;

	m = bf_case_add_member(c, BF_REL_FATHER);
	strcpy(m->name, "买买提·艾力");
	m->marital = BF_MAR_WIDOWED;
	m->status = BF_ST_RETIRED;
	m->monthly_income = 200000;
	m->proof = BF_PROOF_PENSION;
	m->count_override = -1;
	strcpy(m->count_reason, "已单独立户");

	strcpy(c->ethnicity, "汉族");
	strcpy(c->political_status, "群众");
	strcpy(c->phone, "13812345678");
	strcpy(c->postcode, "100020");
	strcpy(c->address, "北京市朝阳区幸福路1号院3号楼2单元101室");
	strcpy(c->work_start, "1995-07-01");
	strcpy(c->industry, "制造业");
	strcpy(c->department, "二车间");
	strcpy(c->employer, "红星机械厂");
	strcpy(c->employer_type, "国有企业");
	strcpy(c->enterprise_status, "生产经营困难");
	strcpy(c->housing_type, "自有住房");
	c->housing_area_m2 = 45;
	c->zero_employment = true;
	c->other_income_year = 120000;
	c->accident_year = 2026;
	c->medical_cost_year = 1500000;
	c->primary_cause = BF_CAUSE_MAJOR_ILLNESS;
	c->secondary_causes[0] = BF_CAUSE_SCHOOLING;
	c->secondary_causes[2] = BF_CAUSE_OTHER; /* a gap in slot 1 survives */
	strcpy(c->family_situation, "一家四口，妻子失业，儿子上初中。");
	strcpy(c->hardship_cause_text, "本人今年确诊尿毒症，需长期透析。");
	strcpy(c->state_of_mind, "情绪稳定");
	strcpy(c->skills, "钳工");
	strcpy(c->employment_wish, "希望妻子能找到保洁工作");
	strcpy(c->bank_name, "中国工商银行");
	strcpy(c->bank_branch, "北京朝阳支行");
	strcpy(c->bank_card, "6222021234567890123");
	strcpy(c->created_by, "王干事");
	strcpy(c->keyed_by, "赵录入");
	strcpy(c->unit_opinion, "情况属实，同意上报。");
}

/* Other people with the same birth dates: every ID number of c gets the
 * sequence digits k (0–99) and a new check character. One person, one open
 * file (schema/015_open_person.sql): a second open file needs its own. */
static void fresh_people(struct bf_case *c, int k)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	for (size_t i = 0; i < c->n_members; i++) {
		char *id = c->members[i].id_number;
		if (strlen(id) != 18)
			continue;
		id[14] = (char)('0' + k / 10 % 10);
		id[15] = (char)('0' + k % 10);
		int sum = 0;
		for (int d = 0; d < 17; d++)
			sum += (id[d] - '0') * w[d];
		id[17] = "10X98765432"[sum % 11];
	}
}

static void save_ok(bf_db *db, struct bf_case *c)
{
	bf_error err = {{0}};
	int rc = bf_case_save(db, c, &err);
	ck_assert_msg(rc == 0, "save: %s", err.msg);
	assert_no_txn(db);
}

static void load_ok(bf_db *db, int64_t id, struct bf_case *c)
{
	bf_error err = {{0}};
	int rc = bf_case_load(db, id, c, &err);
	ck_assert_msg(rc == 0, "load: %s", err.msg);
}

static void assert_same_case(const struct bf_case *a, const struct bf_case *b)
{
	char *ta = bf_case_to_text(a), *tb = bf_case_to_text(b);
	ck_assert_ptr_nonnull(ta);
	ck_assert_ptr_nonnull(tb);
	ck_assert_str_eq(ta, tb);
	free(ta);
	free(tb);
	ck_assert_int_eq(a->id, b->id);
	ck_assert_uint_eq(a->n_members, b->n_members);
	for (size_t i = 0; i < a->n_members; i++)
		ck_assert_int_eq(a->members[i].id, b->members[i].id);
	ck_assert_msg(memcmp(a, b, sizeof *a) == 0, "cases differ byte for byte");
}

/* ---- opening and migration ------------------------------------------------------ */

/* A row read into a struct by its description (coldesc.h): each size of
 * number, text cut to fit, NULL as "" and 0, a skipped column; and the end
 * of a list that ran out of memory frees it and says so. */
struct fields_row {
	int64_t big;
	int small;
	bool flag;
	char text[4];
	char none[8];
	int64_t zero;
	int untouched;
};

START_TEST(test_fields_read)
{
	bf_db db;
	open_db(&db, "fields.db", "tester");
	static const struct bf_field f[] = {BF_NUM(struct fields_row, big),
	                                    BF_NUM(struct fields_row, small),
	                                    BF_NUM(struct fields_row, flag),
	                                    BF_TEXT(struct fields_row, text),
	                                    BF_TEXT(struct fields_row, none),
	                                    BF_NUM(struct fields_row, zero),
	                                    BF_SKIP};
	bf_stmt st;
	ck_assert_int_eq(
	    bf_db_prepare(&db, &st, "SELECT 5000000000, -7, 2, '张三丰', NULL, NULL, 99"), 0);
	ck_assert_int_eq(bf_step(&st), SQLITE_ROW);
	struct fields_row r = {.none = "x", .zero = 3, .untouched = 42};
	bf_fields_read(&st, f, BF_ARRAY_LEN(f), &r);
	ck_assert_int_eq(r.big, 5000000000LL);
	ck_assert_int_eq(r.small, -7);
	ck_assert(r.flag);
	ck_assert_int_lt(strlen(r.text), sizeof r.text);
	ck_assert_str_eq(r.none, "");
	ck_assert_int_eq(r.zero, 0);
	ck_assert_int_eq(r.untouched, 42);
	/* a list that could not grow: freed, emptied, told */
	struct fields_row *list = calloc(2, sizeof *list);
	size_t n = 2;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_rows_end(&db, &st, SQLITE_NOMEM, &list, &n, &err), -1);
	ck_assert_ptr_null(list);
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(err.msg, "out of memory");
	ck_assert_ptr_null(st.s);
	/* a list read to its end is kept */
	ck_assert_int_eq(bf_db_prepare(&db, &st, "SELECT 1"), 0);
	ck_assert_int_eq(bf_step(&st), SQLITE_ROW);
	ck_assert_int_eq(bf_step(&st), SQLITE_DONE);
	list = calloc(1, sizeof *list);
	n = 1;
	ck_assert_int_eq(bf_rows_end(&db, &st, SQLITE_DONE, &list, &n, &err), 0);
	ck_assert_ptr_nonnull(list);
	ck_assert_uint_eq(n, 1);
	free(list);
	bf_db_close(&db);
}
END_TEST

/* a row of a description (coldesc.h) */
struct desc_row {
	int64_t id, case_id;
	char phone[16];
	char note[16];
	const char *grp;
	int count;
	bool flag;
};

static void desc_fix(bf_stmt *st, void *row)
{
	struct desc_row *r = row;
	r->count = (int)bf_col_int(st, 3) * 10; /* the code's own column */
}

START_TEST(test_table_desc)
{
	bf_db db;
	open_db(&db, "desc.db", "tester");
#define DR(col, kind, member, flags) BF_COL(col, kind, struct desc_row, member, flags)
	static const struct bf_col cols[] = {
	    DR("id", BF_FIELD_NUM, id, BF_COL_RO),
	    DR("case_id", BF_FIELD_NUM, case_id, BF_COL_NULL),
	    DR("phone", BF_FIELD_TEXT, phone, 0),
	    BF_COL_CODE("kind", 0),
	    DR("note", BF_FIELD_TEXT, note, BF_COL_NULL | BF_COL_TRIM),
	    DR("grp", BF_FIELD_CSTR, grp, BF_COL_NULL),
	    DR("f.flag", BF_FIELD_NUM, flag, BF_COL_RO),
	};
#undef DR
	static const struct bf_table t = {"payment", cols, BF_ARRAY_LEN(cols)};
	char buf[512];
	/* the sealed column is opened and sealed from the same entry; read-only
	 * columns and expressions are not written */
	ck_assert_str_eq(bf_table_select(&t, "p", buf, sizeof buf),
	                 "p.id, p.case_id, bf_open(p.phone, 'payment.phone', p.case_id), p.kind,"
	                 " p.note, p.grp, f.flag");
	ck_assert_str_eq(bf_table_names(&t, buf, sizeof buf), "case_id, phone, kind, note, grp");
	ck_assert_str_eq(
	    bf_table_params(&t, ":case_id", buf, sizeof buf),
	    ":case_id, bf_seal(:phone, 'payment.phone', :case_id), :kind, :note, :grp");
	ck_assert_str_eq(bf_table_assign(&t, buf, sizeof buf),
	                 "case_id = :case_id, phone = bf_reseal(phone, :phone, 'payment.phone',"
	                 " case_id), kind = :kind, note = :note, grp = :grp");
	ck_assert_ptr_null(bf_table_names(&t, buf, 12)); /* does not fit */
	/* whole statements, with the caller's own columns */
	ck_assert_str_eq(bf_table_insert(&t, ":case_id", "created_at", "bf_now()", buf, sizeof buf),
	                 "INSERT INTO payment (case_id, phone, kind, note, grp, created_at) VALUES"
	                 " (:case_id, bf_seal(:phone, 'payment.phone', :case_id), :kind, :note,"
	                 " :grp, bf_now())");
	ck_assert_str_eq(bf_table_update(&t, NULL, "WHERE id = :id", buf, sizeof buf),
	                 "UPDATE payment SET case_id = :case_id, phone = bf_reseal(phone, :phone,"
	                 " 'payment.phone', case_id), kind = :kind, note = :note, grp = :grp"
	                 " WHERE id = :id");
	ck_assert_str_eq(bf_table_update(&t, "n = 1", "WHERE id = :id", buf, sizeof buf) +
	                     strlen(buf) - strlen(", n = 1 WHERE id = :id"),
	                 ", n = 1 WHERE id = :id");
	ck_assert_str_eq(bf_table_query(&t, NULL, "FROM payment", buf, sizeof buf),
	                 "SELECT id, case_id, bf_open(phone, 'payment.phone', case_id), kind, note,"
	                 " grp, f.flag FROM payment");
	/* too long: no statement, and preparing none says why */
	ck_assert_ptr_null(bf_table_query(&t, "p", "FROM payment p", buf, 40));
	ck_assert_ptr_null(bf_table_insert(&t, ":case_id", NULL, NULL, buf, 40));
	bf_stmt none;
	ck_assert_int_eq(bf_db_prepare(&db, &none, NULL), -1);
	ck_assert_str_eq(db.errmsg, "statement too long");

	/* bound from the struct: 0 and "" as NULL where asked, text trimmed */
	bf_stmt st;
	ck_assert_int_eq(bf_db_prepare(&db, &st,
	                               "SELECT :case_id, :phone, :kind, :note, :grp, typeof(:note),"
	                               " typeof(:case_id), typeof(:grp)"),
	                 0);
	struct desc_row w = {.id = 9, .case_id = 0, .phone = "138", .note = "  hi ", .grp = NULL};
	ck_assert_int_eq(bf_table_bind(&st, &t, &w), 0);
	ck_assert_int_eq(bf_bind_text(&st, ":kind", "k"), 0); /* the code binds its own */
	ck_assert_int_eq(bf_step(&st), SQLITE_ROW);
	ck_assert_str_eq(bf_col_text(&st, 1), "138");
	ck_assert_str_eq(bf_col_text(&st, 3), "hi");
	ck_assert_str_eq(bf_col_text(&st, 6), "null");
	ck_assert_str_eq(bf_col_text(&st, 7), "null");
	ck_assert_str_eq(w.note, "  hi "); /* the struct is left as it is */
	bf_finalize(&st);
	w.case_id = 4;
	w.note[0] = '\0';
	w.grp = "g1";
	ck_assert_int_eq(bf_db_prepare(&db, &st,
	                               "SELECT :case_id, :phone, :kind, :note, :grp,"
	                               " typeof(:note), typeof(:case_id), typeof(:grp)"),
	                 0);
	ck_assert_int_eq(bf_table_bind(&st, &t, &w), 0);
	ck_assert_int_eq(bf_bind_text(&st, ":kind", "k"), 0);
	ck_assert_int_eq(bf_step(&st), SQLITE_ROW);
	ck_assert_str_eq(bf_col_text(&st, 5), "null");
	ck_assert_str_eq(bf_col_text(&st, 6), "integer");
	ck_assert_str_eq(bf_col_text(&st, 4), "g1");
	bf_finalize(&st);

	/* rows read by the description, then by the code's fix */
	ck_assert_int_eq(bf_db_prepare(&db, &st,
	                               "SELECT 1, 2, '139', 3, 'a', 'x', 1 UNION ALL"
	                               " SELECT 2, 5, NULL, 4, NULL, NULL, 0 ORDER BY 1"),
	                 0);
	struct desc_row *rows = NULL;
	size_t n = 0;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_table_rows(&db, &st, &t, sizeof *rows, desc_fix, &rows, &n, &err), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(rows[0].id, 1);
	ck_assert_int_eq(rows[0].case_id, 2);
	ck_assert_str_eq(rows[0].phone, "139");
	ck_assert_str_eq(rows[0].note, "a");
	ck_assert_ptr_null(rows[0].grp); /* a writer's pointer is not read */
	ck_assert(rows[0].flag);
	ck_assert_int_eq(rows[0].count, 30);
	ck_assert_str_eq(rows[1].phone, "");
	ck_assert(!rows[1].flag);
	ck_assert_int_eq(rows[1].count, 40);
	free(rows);
	/* a failing query: nothing kept, the database's error told */
	ck_assert_int_eq(
	    bf_db_prepare(&db, &st, "SELECT 1, 2, 3, 4, 5, 6, abs(-9223372036854775807 - 1)"), 0);
	ck_assert_int_eq(bf_table_rows(&db, &st, &t, sizeof *rows, NULL, &rows, &n, &err), -1);
	ck_assert_ptr_null(rows);
	ck_assert_uint_eq(n, 0);
	ck_assert_str_ne(err.msg, "");
	bf_db_close(&db);
}
END_TEST

START_TEST(test_migrate_from_empty)
{
	bf_db db;
	open_db(&db, "sub/dir/bangfu.db", NULL); /* folders are created */
	ck_assert_int_eq(q_int(&db, "PRAGMA user_version"), bf_schema_latest());
	ck_assert_int_eq(q_int(&db, "PRAGMA application_id"), BF_APPLICATION_ID);
	const char *tables[] = {
	    "unit",       "setting",        "year_setting",    "holiday", "case_file", "member",
	    "case_cause", "checklist_item", "case_transition", "draft",   "audit_log"};
	for (size_t i = 0; i < BF_ARRAY_LEN(tables); i++) {
		char sql[200];
		snprintf(
		    sql, sizeof sql,
		    "SELECT strict FROM pragma_table_list WHERE name = '%s' AND schema = 'main'",
		    tables[i]);
		ck_assert_msg(q_int(&db, sql) == 1, "table %s missing or not STRICT", tables[i]);
	}
	ck_assert_int_eq(bf_setting_int(&db, "publicity_days", 0), 5);
	ck_assert_int_eq(bf_setting_int(&db, "reviewer_must_differ", 7), 0);
	char lang[8];
	bf_setting_text(&db, "lang", "zh", lang, sizeof lang);
	ck_assert_str_eq(lang, "zh");
	ck_assert(!bf_store_is_initialized(&db));
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log"), 0);
	/* the shipped holiday calendar came with it (holiday.h) */
	ck_assert_int_ge(q_int(&db, "SELECT count(*) FROM holiday_year"), 23);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_reopen_idempotent)
{
	bf_db db;
	open_db(&db, "b.db", "tester");
	int64_t objects = q_int(&db, "SELECT count(*) FROM sqlite_schema");
	bf_db_close(&db);
	for (int i = 0; i < 3; i++) {
		open_db(&db, "b.db", "tester");
		ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM sqlite_schema"), objects);
		ck_assert_int_eq(q_int(&db, "PRAGMA user_version"), bf_schema_latest());
		ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM setting"), 2);
		bf_db_close(&db);
	}
}
END_TEST

START_TEST(test_pragmas)
{
	bf_db db;
	open_db(&db, "p.db", NULL);
	ck_assert_str_eq(q_text(&db, "PRAGMA journal_mode"), "wal");
	ck_assert_int_eq(q_int(&db, "PRAGMA foreign_keys"), 1);
	ck_assert_int_eq(q_int(&db, "PRAGMA synchronous"), 2); /* FULL */
	bf_db_close(&db);
	/* and again on a second open of an existing file */
	open_db(&db, "p.db", NULL);
	ck_assert_str_eq(q_text(&db, "PRAGMA journal_mode"), "wal");
	ck_assert_int_eq(q_int(&db, "PRAGMA foreign_keys"), 1);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_refuse_text_file)
{
	const char *p = in_tmp("notes.txt");
	write_file(p, "这不是数据库。\nThis is not a database, just some notes that are long "
	              "enough to look like a file header and then some more text.\n");
	assert_refused_unchanged(p, "not a bangfu database");
}
END_TEST

START_TEST(test_refuse_foreign_sqlite)
{
	const char *p = in_tmp("other.sqlite");
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(p, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h,
	                              "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);"
	                              "INSERT INTO photos (name) VALUES ('cat.jpg');",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(h);
	assert_refused_unchanged(p, "another program");
}
END_TEST

START_TEST(test_refuse_newer)
{
	bf_db db;
	open_db(&db, "new.db", NULL);
	bf_db_close(&db);
	const char *p = in_tmp("new.db");
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(p, &h), SQLITE_OK);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", bf_schema_latest() + 1);
	ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h); /* checkpoints: everything is in the main file now */
	assert_refused_unchanged(p, "newer version of bangfu");
	bf_error err = {{0}};
	ck_assert_int_ne(bf_store_open(&db, p, 0, &err), 0);
	tu_key(&db);
	char expect[64];
	snprintf(expect, sizeof expect, "schema %d", bf_schema_latest() + 1);
	ck_assert_msg(strstr(err.msg, expect) && strstr(err.msg, "not changed"), "%s", err.msg);
}
END_TEST

START_TEST(test_open_missing_without_create)
{
	bf_db db;
	bf_error err = {{0}};
	ck_assert_int_ne(bf_store_open(&db, in_tmp("nothing.db"), 0, &err), 0);
	tu_key(&db);
	ck_assert_ptr_nonnull(strstr(err.msg, "no such database"));
	ck_assert_int_ne(access(in_tmp("nothing.db"), F_OK), 0);
}
END_TEST

START_TEST(test_readonly_open)
{
	bf_db db;
	open_db(&db, "ro.db", "tester");
	struct bf_unit u = {.name = "红星机械厂"};
	bf_error err = {{0}};
	ck_assert_int_eq(bf_unit_save(&db, &u, &err), 0);
	bf_db_close(&db);
	ck_assert_int_eq(bf_store_open(&db, in_tmp("ro.db"), BF_DB_READONLY, &err), 0);
	bf_db_set_actor(&db, "tester");
	ck_assert(bf_store_is_initialized(&db));
	ck_assert_int_ne(bf_setting_set(&db, "lang", "en", &err), 0);
	assert_no_txn(&db);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_default_path)
{
	char buf[1024];
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	bf_store_default_path(buf, sizeof buf);
	ck_assert_str_eq(buf, "/srv/data/bangfu/bangfu.db");
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/gonghui", 1);
	bf_store_default_path(buf, sizeof buf);
	ck_assert_str_eq(buf, "/home/gonghui/.local/share/bangfu/bangfu.db");
	setenv("XDG_DATA_HOME", "relative/ignored", 1);
	bf_store_default_path(buf, sizeof buf);
	ck_assert_str_eq(buf, "/home/gonghui/.local/share/bangfu/bangfu.db");
}
END_TEST

/* ---- unit, settings, calendar ------------------------------------------------------- */

START_TEST(test_unit_round_trip)
{
	bf_db db;
	open_db(&db, "u.db", "管理员");
	struct bf_unit u, back;
	memset(&u, 0, sizeof u);
	bf_error err = {{0}};
	ck_assert_int_ne(bf_unit_load(&db, &back, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "not set up"));
	strcpy(u.name, "红星机械厂");
	strcpy(u.code, "HX01");
	strcpy(u.union_name, "红星机械厂工会");
	strcpy(u.district, "朝阳区总工会");
	strcpy(u.phone, "010-12345678");
	u.district_mode = true;
	ck_assert_int_eq(bf_unit_save(&db, &u, &err), 0);
	ck_assert(bf_store_is_initialized(&db));
	ck_assert_int_eq(bf_unit_load(&db, &back, &err), 0);
	ck_assert_int_eq(memcmp(&u, &back, sizeof u), 0);
	strcpy(u.contact, "王干事");
	u.district_mode = false;
	ck_assert_int_eq(bf_unit_save(&db, &u, &err), 0);
	ck_assert_int_eq(bf_unit_load(&db, &back, &err), 0);
	ck_assert_int_eq(memcmp(&u, &back, sizeof u), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM unit"), 1);
	ck_assert_int_eq(
	    q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'unit' AND actor = '管理员'"),
	    2);
	memset(&u, 0, sizeof u);
	ck_assert_int_ne(bf_unit_save(&db, &u, &err), 0); /* a name is required */
	assert_no_txn(&db);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_settings_kv)
{
	bf_db db;
	open_db(&db, "s.db", "tester");
	bf_error err = {{0}};
	ck_assert_int_eq(bf_setting_set(&db, "publicity_days", "7", &err), 0);
	ck_assert_int_eq(bf_setting_int(&db, "publicity_days", 5), 7);
	ck_assert_int_eq(bf_setting_set(&db, "lang", "en", &err), 0);
	char buf[16];
	bf_setting_text(&db, "lang", "zh", buf, sizeof buf);
	ck_assert_str_eq(buf, "en");
	ck_assert_int_eq(bf_setting_set(&db, "publicity_days", "seven", &err), 0);
	ck_assert_int_eq(bf_setting_int(&db, "publicity_days", 5), 5); /* not a number */
	ck_assert_int_eq(bf_setting_set(&db, "lang", NULL, &err), 0);
	bf_setting_text(&db, "lang", "zh", buf, sizeof buf);
	ck_assert_str_eq(buf, "zh");
	bf_db_close(&db);
}
END_TEST

START_TEST(test_settings_year_fallback)
{
	bf_db db;
	open_db(&db, "y.db", "tester");
	bf_error err = {{0}};
	struct bf_year_settings s, seed;
	bf_year_settings_seed(&seed, 2025);

	/* nothing yet: the seed, saved for that year */
	ck_assert_int_eq(bf_settings_year(&db, 2025, &s, &err), 0);
	ck_assert_int_eq(memcmp(&s, &seed, sizeof s), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM year_setting WHERE year = 2025"), 1);

	/* 2027 has its own figures */
	struct bf_year_settings y27 = seed;
	y27.year = 2027;
	y27.min_living = 90000;
	y27.min_wage = 230000;
	y27.cat4_medical = 1200000;
	ck_assert_int_eq(bf_settings_year_save(&db, &y27, &err), 0);

	/* 2026 falls back to 2025; 2030 to 2027 (without copying) */
	ck_assert_int_eq(bf_settings_year(&db, 2026, &s, &err), 0);
	ck_assert_int_eq(s.year, 2026);
	ck_assert_int_eq(s.min_living, seed.min_living);
	ck_assert_int_eq(bf_settings_year(&db, 2030, &s, &err), 0);
	ck_assert_int_eq(s.year, 2030);
	ck_assert_int_eq(s.min_living, 90000);
	ck_assert_int_eq(s.min_wage, 230000);
	ck_assert_int_eq(s.cat4_medical, 1200000);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM year_setting"), 2);

	/* an earlier year with nothing before it: the seed again, saved */
	ck_assert_int_eq(bf_settings_year(&db, 2020, &s, &err), 0);
	ck_assert_int_eq(s.year, 2020);
	ck_assert_int_eq(s.min_living, seed.min_living);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM year_setting"), 3);

	/* no operator: still answers, saves nothing */
	bf_db_set_actor(&db, "");
	ck_assert_int_eq(bf_settings_year(&db, 2010, &s, &err), 0);
	ck_assert_int_eq(s.min_living, seed.min_living);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM year_setting"), 3);
	ck_assert_int_ne(bf_settings_year(&db, 1800, &s, &err), 0);
	assert_no_txn(&db);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_calendar_round_trip)
{
	bf_db db;
	open_db(&db, "c.db", "tester");
	bf_error err = {{0}};
	/* a year the shipped calendar leaves alone, after its days */
	size_t shipped = (size_t)q_int(&db, "SELECT count(*) FROM holiday");
	int64_t audited = q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'holiday'");
	struct {
		const char *date;
		enum bf_day_kind kind;
		const char *name;
	} days[] = {
	    {"2036-10-01", BF_DAY_HOLIDAY, "国庆节"},
	    {"2036-01-01", BF_DAY_HOLIDAY, "元旦"},
	    {"2036-02-14", BF_DAY_WORKDAY, "春节调休"},
	    {"2036-02-17", BF_DAY_HOLIDAY, "春节"},
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(days); i++) {
		bf_date d;
		ck_assert(bf_date_parse(days[i].date, &d));
		ck_assert_int_eq(bf_holiday_set(&db, d, days[i].kind, days[i].name, &err), 0);
	}
	struct bf_calendar cal;
	ck_assert_int_eq(bf_calendar_load(&db, &cal, &err), 0);
	ck_assert_uint_eq(cal.n, shipped + 4);
	const char *sorted[] = {"2036-01-01", "2036-02-14", "2036-02-17", "2036-10-01"};
	for (size_t i = 0; i < 4; i++) {
		char buf[11];
		bf_date_format(cal.entries[shipped + i].date, buf);
		ck_assert_str_eq(buf, sorted[i]);
	}
	ck_assert_int_eq(cal.entries[shipped + 1].kind, BF_DAY_WORKDAY);
	ck_assert_int_eq(cal.entries[shipped].kind, BF_DAY_HOLIDAY);
	bf_calendar_free(&cal);

	bf_date d;
	ck_assert(bf_date_parse("2036-02-14", &d));
	ck_assert_int_eq(bf_holiday_set(&db, d, BF_DAY_HOLIDAY, "改了", &err), 0);
	ck_assert_str_eq(q_text(&db, "SELECT kind || name FROM holiday WHERE date = '2036-02-14'"),
	                 "holiday改了");
	ck_assert(bf_date_parse("2036-01-01", &d));
	ck_assert_int_eq(bf_holiday_remove(&db, d, &err), 0);
	ck_assert_int_eq(bf_calendar_load(&db, &cal, &err), 0);
	ck_assert_uint_eq(cal.n, shipped + 3);
	ck_assert_int_eq(cal.entries[shipped].kind, BF_DAY_HOLIDAY);
	bf_calendar_free(&cal);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'holiday'"),
	                 audited + 6);
	bf_db_close(&db);
}
END_TEST

/* ---- cases -------------------------------------------------------------------------- */

START_TEST(test_case_round_trip)
{
	bf_db db;
	open_db(&db, "case.db", "王干事");
	struct bf_case *c = malloc(sizeof *c), *back = malloc(sizeof *back);
	sample_case(c);
	save_ok(&db, c);
	ck_assert_int_gt(c->id, 0);
	ck_assert_str_eq(c->number, "2026-0001");
	ck_assert_uint_eq(c->n_members, 4);
	for (size_t i = 0; i < c->n_members; i++)
		ck_assert_int_gt(c->members[i].id, 0);
	load_ok(&db, c->id, back);
	assert_same_case(c, back);
	ck_assert_int_eq(back->primary_cause, BF_CAUSE_MAJOR_ILLNESS);
	ck_assert_int_eq(back->secondary_causes[1], BF_CAUSE_NONE);
	ck_assert_int_eq(back->secondary_causes[2], BF_CAUSE_OTHER);

	/* the stored figures are bf_assess's with the year's settings */
	struct bf_year_settings ys;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_settings_year(&db, 2026, &ys, &err), 0);
	struct bf_assessment *a = malloc(sizeof *a);
	bf_assess(c, &ys, a);
	char sql[200];
	snprintf(
	    sql, sizeof sql,
	    "SELECT household_size * 1000000000000 + per_capita FROM case_file WHERE id = %lld",
	    (long long)c->id);
	ck_assert_int_eq(q_int(&db, sql),
	                 (int64_t)a->household_size * 1000000000000 + a->per_capita);
	snprintf(sql, sizeof sql,
	         "SELECT coalesce(first_category, 0) FROM case_file WHERE id = %lld",
	         (long long)c->id);
	ck_assert_int_eq(q_int(&db, sql), a->first_match + 1);
	ck_assert_str_eq(q_text(&db, "SELECT created_by || '/' || updated_by FROM case_file"),
	                 "王干事/王干事");
	ck_assert_str_eq(q_text(&db, "SELECT employee_name FROM case_summary"), "张三");

	/* saving again without changes keeps everything */
	save_ok(&db, c);
	load_ok(&db, c->id, back);
	assert_same_case(c, back);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM member"), 4);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM case_cause"), 3);

	/* causes change: primary cleared, a secondary replaced */
	c->primary_cause = BF_CAUSE_NONE;
	c->secondary_causes[0] = BF_CAUSE_ACCIDENT;
	save_ok(&db, c);
	load_ok(&db, c->id, back);
	assert_same_case(c, back);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM case_cause"), 2);

	int64_t id = 0;
	ck_assert_int_eq(bf_case_lookup(&db, "2026-0001", &id, &err), 0);
	ck_assert_int_eq(id, c->id);
	ck_assert_int_eq(bf_case_lookup(&db, " 2026-0001 ", &id, &err), 0);
	ck_assert_int_eq(bf_case_lookup(&db, "2026-0099", &id, &err), 1);
	ck_assert_int_ne(bf_case_load(&db, 999, back, &err), 0);
	free(a);
	free(c);
	free(back);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_member_reorder_and_removal)
{
	bf_db db;
	open_db(&db, "m.db", "tester");
	struct bf_case *c = malloc(sizeof *c), *back = malloc(sizeof *back);
	sample_case(c);
	save_ok(&db, c);
	int64_t ids[4];
	for (size_t i = 0; i < 4; i++)
		ids[i] = c->members[i].id;

	/* 李四 (1) moves below 张小明 (2); 买买提·艾力 (3) moves to the top */
	ck_assert(bf_case_move_member(c, 1, +1));
	ck_assert(bf_case_move_member(c, 3, -1));
	ck_assert(bf_case_move_member(c, 2, -1));
	ck_assert_str_eq(c->members[1].name, "买买提·艾力");
	ck_assert_str_eq(c->members[2].name, "张小明");
	ck_assert_str_eq(c->members[3].name, "李四");
	int64_t audit0 = q_int(&db, "SELECT count(*) FROM audit_log");
	save_ok(&db, c);
	load_ok(&db, c->id, back);
	assert_same_case(c, back);
	ck_assert_int_eq(back->members[1].id, ids[3]);
	ck_assert_int_eq(back->members[2].id, ids[2]);
	ck_assert_int_eq(back->members[3].id, ids[1]);
	ck_assert_int_eq(q_int(&db, "SELECT min(position) FROM member"), 0);
	/* the audit shows each real move once, with true old positions */
	/* 张小明 stays third and the case row does not change: two rows */
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log") - audit0, 2);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'member' AND"
	                            " (json_extract(detail, '$.old.position') < 0 OR"
	                            "  json_extract(detail, '$.new.position') < 0)"),
	                 0);
	char sql[256];
	snprintf(sql, sizeof sql,
	         "SELECT json_extract(detail, '$.old.position') || '>' ||"
	         " json_extract(detail, '$.new.position') FROM audit_log"
	         " WHERE tbl = 'member' AND row_id = %lld AND action = 'update'",
	         (long long)ids[3]);
	ck_assert_str_eq(q_text(&db, sql), "3>1");

	/* remove 张小明 (now 2) and add a new member */
	ck_assert(bf_case_remove_member(c, 2));
	struct bf_member *m = bf_case_add_member(c, BF_REL_GRANDCHILD);
	strcpy(m->name, "张小小");
	m->status = BF_ST_PRESCHOOL;
	save_ok(&db, c);
	load_ok(&db, c->id, back);
	assert_same_case(c, back);
	ck_assert_uint_eq(back->n_members, 4);
	ck_assert_str_eq(back->members[2].name, "李四");
	ck_assert_str_eq(back->members[3].name, "张小小");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM member WHERE id = %lld", (long long)ids[2]);
	ck_assert_int_eq(q_int(&db, sql), 0);
	ck_assert_int_eq(
	    q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'member' AND action = 'delete'"
	               " AND json_extract(detail, '$.name') = '张小明'"),
	    1);

	/* a member id that is not this file's is refused, nothing changes */
	bf_error err = {{0}};
	struct bf_case *other = malloc(sizeof *other);
	sample_case(other);
	other->members[1].id = c->members[1].id; /* stolen */
	ck_assert_int_ne(bf_case_save(&db, other, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "not (or no longer) in this file"));
	ck_assert_int_eq(other->id, 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM case_file"), 1);
	assert_no_txn(&db);

	/* the employee stays first */
	c->members[1].relation = BF_REL_SELF;
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "only the first member"));
	assert_no_txn(&db);
	free(other);
	free(c);
	free(back);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_number_allocation)
{
	bf_db db;
	open_db(&db, "n.db", "tester");
	struct bf_case *c = malloc(sizeof *c);
	const char *expect[] = {"2026-0001", "2026-0002", "2025-0001", "2026-0003"};
	int years[] = {2026, 2026, 2025, 2026};
	for (size_t i = 0; i < 4; i++) {
		sample_case(c);
		fresh_people(c, (int)i);
		c->year = years[i];
		save_ok(&db, c);
		ck_assert_str_eq(c->number, expect[i]);
	}
	/* a number typed by hand is kept; numbering continues after it */
	sample_case(c);
	fresh_people(c, 4);
	strcpy(c->number, "2026-0041");
	save_ok(&db, c);
	ck_assert_str_eq(c->number, "2026-0041");
	sample_case(c);
	fresh_people(c, 5);
	save_ok(&db, c);
	ck_assert_str_eq(c->number, "2026-0042");
	sample_case(c);
	fresh_people(c, 6);
	strcpy(c->number, "2026-旧档");
	save_ok(&db, c);
	sample_case(c);
	fresh_people(c, 7);
	save_ok(&db, c);
	ck_assert_str_eq(c->number, "2026-0043");
	/* a number in use is refused in plain words */
	bf_error err = {{0}};
	sample_case(c);
	fresh_people(c, 8);
	strcpy(c->number, "2026-0002");
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "already used"));
	ck_assert_int_eq(c->id, 0);
	assert_no_txn(&db);
	/* the number of an existing file can be changed */
	int64_t id;
	ck_assert_int_eq(bf_case_lookup(&db, "2026-0002", &id, &err), 0);
	load_ok(&db, id, c);
	strcpy(c->number, "2026-0100");
	save_ok(&db, c);
	ck_assert_int_eq(bf_case_lookup(&db, "2026-0002", &id, &err), 1);
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_id_conflicts)
{
	bf_db db;
	open_db(&db, "x.db", "tester");
	struct bf_case *a = malloc(sizeof *a), *b = malloc(sizeof *b);
	sample_case(a);
	save_ok(&db, a);
	/* another household lists 张三 as its father (ID with a lower-case x) */
	sample_case(b);
	strcpy(b->members[0].name, "张大");
	strcpy(b->members[0].id_number, "110105198001010019");
	strcpy(b->members[3].name, "张三");
	strcpy(b->members[3].id_number, "11010519491231002x");
	/* one person, one open file: the schema refuses b while 李四 and 张三
	 * are in a (schema/015_open_person.sql), naming a person and the file */
	bf_error err = {{0}};
	ck_assert_int_ne(bf_case_save(&db, b, &err), 0);
	char want[96];
	snprintf(want, sizeof want, "(1101**********002*) is already in file %s", a->number);
	ck_assert_msg(strstr(err.msg, "one person, one open file: 李四 ") && strstr(err.msg, want),
	              "%s", err.msg);
	ck_assert_int_eq(b->id, 0);
	assert_no_txn(&db);
	/* closed, a's people may have another file; reopened, a is refused */
	struct bf_move mv;
	bf_move_init(&mv, BF_STATE_CLOSED);
	mv.closure = BF_CLOSE_MOVED;
	ck_assert_int_eq(bf_case_advance(&db, a->id, &mv, &err), 0);
	save_ok(&db, b);
	bf_move_init(&mv, BF_STATE_DRAFT);
	mv.reason = "重新申请";
	ck_assert_int_ne(bf_case_advance(&db, a->id, &mv, &err), 0);
	ck_assert_msg(strstr(err.msg, "one person, one open file"), "%s", err.msg);
	ck_assert_ptr_null(strstr(err.msg, "SQL"));
	/* within one file, two members may swap numbers in one save */
	char t[sizeof b->members[1].id_number];
	strcpy(t, b->members[1].id_number);
	strcpy(b->members[1].id_number, b->members[0].id_number);
	strcpy(b->members[0].id_number, t);
	save_ok(&db, b);
	/* the lookup still finds a closed file's person in the open one only */
	struct bf_id_conflict out[8];
	int n = bf_case_id_conflicts(&db, "11010519491231002X", a->id, out, 8, &err);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(out[0].case_id, b->id);
	ck_assert_str_eq(out[0].case_number, b->number);
	ck_assert_str_eq(out[0].person, "张三");
	ck_assert_str_eq(out[0].relation, "father");
	n = bf_case_id_conflicts(&db, " 11010519491231002X ", 0, out, 8, &err);
	ck_assert_int_eq(n, 1); /* a is closed */
	ck_assert_str_eq(out[0].relation, "father");
	ck_assert_int_eq(bf_case_id_conflicts(&db, "11010519491231002X", 0, out, 1, &err), 1);
	ck_assert_int_eq(bf_case_id_conflicts(&db, "", 0, out, 8, &err), 0);
	ck_assert_int_eq(bf_case_id_conflicts(&db, "110105195003030021", a->id, out, 8, &err), 1);

	/* a closed file does not count */
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE case_file SET status = 'closed' WHERE id = %lld",
	         (long long)b->id);
	ck_assert_msg(bf_db_exec(&db, sql) == 0, "%s", db.errmsg);
	ck_assert_int_eq(bf_case_id_conflicts(&db, "11010519491231002X", a->id, out, 8, &err), 0);
	free(a);
	free(b);
	bf_db_close(&db);
}
END_TEST

/* Issue 18 item 1: a save states the revision it was loaded at. Two
 * operators open one file; the second saves first; the first one's save is
 * refused (nothing written, who and when named), and the file as it is now
 * carries a new revision. The form never writes the workflow state: a
 * review that moved the file on stays, whatever the form's copy says. */
START_TEST(test_save_refused_when_file_moved_on)
{
	bf_db one, two;
	open_db(&one, "r.db", "tester");
	open_db(&two, "r.db", "li");
	struct bf_case *c = malloc(sizeof *c), *x = malloc(sizeof *x), *y = malloc(sizeof *y);
	sample_case(c);
	save_ok(&one, c);
	ck_assert_int_eq(c->revision, 1);
	load_ok(&one, c->id, x);
	load_ok(&two, c->id, y);
	ck_assert_int_eq(x->revision, 1);

	strcpy(y->phone, "13900000000");
	save_ok(&two, y);
	ck_assert_int_eq(y->revision, 2);

	strcpy(x->ethnicity, "回族");
	bf_error err = {{0}};
	ck_assert_int_eq(bf_case_save(&one, x, &err), BF_CASE_MOVED);
	ck_assert_msg(strstr(err.msg, "was changed by li at") != NULL, "%s", err.msg);
	ck_assert_ptr_nonnull(strstr(err.msg, "nothing was saved"));
	assert_no_txn(&one);
	ck_assert_int_eq(x->revision, 1);
	load_ok(&one, c->id, c);
	ck_assert_str_eq(c->phone, "13900000000"); /* theirs, kept */
	ck_assert_str_ne(c->ethnicity, "回族");    /* mine, not written */
	ck_assert_int_eq(c->revision, 2);

	/* every change to the row moves the revision, a workflow step's too */
	char sql[160];
	snprintf(sql, sizeof sql, "UPDATE case_file SET status = 'approved' WHERE id = %lld",
	         (long long)c->id);
	ck_assert_msg(bf_db_exec(&two, sql) == 0, "%s", two.errmsg);
	ck_assert_int_eq(bf_case_save(&one, c, &err), BF_CASE_MOVED);
	/* loaded again: saved, the state as the review left it, whatever the
	 * copy says */
	load_ok(&one, c->id, c);
	ck_assert_int_eq(c->revision, 3);
	strcpy(c->status, "docs_complete");
	strcpy(c->ethnicity, "回族");
	save_ok(&one, c);
	ck_assert_str_eq(c->status, "approved");
	ck_assert_int_eq(c->revision, 4);
	snprintf(sql, sizeof sql, "SELECT status FROM case_file WHERE id = %lld", (long long)c->id);
	ck_assert_str_eq(q_text(&one, sql), "approved");
	load_ok(&two, c->id, y); /* sealed: compared opened */
	ck_assert_str_eq(y->ethnicity, "回族");
	free(c);
	free(x);
	free(y);
	bf_db_close(&one);
	bf_db_close(&two);
}
END_TEST

/* Issue 18 item 6: a long write leaves a note beside the database saying
 * who holds the write lock, what for and until about when; commit and
 * rollback remove it; a note whose writer is gone holds nothing. */
START_TEST(test_long_write_holder_note)
{
	bf_db db;
	open_db(&db, "h.db", "tester");
	char note[1100];
	snprintf(note, sizeof note, "%s-writer", in_tmp("h.db"));
	struct bf_db_holder h;
	ck_assert_int_eq(bf_db_holder_read(in_tmp("h.db"), &h), 1);
	ck_assert_int_eq(bf_db_begin_long(&db, "importing 4,000 files", 10), 0);
	struct stat st;
	ck_assert_int_eq(stat(note, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(bf_db_holder_read(in_tmp("h.db"), &h), 0);
	ck_assert_int_eq(h.pid, (long)getpid());
	ck_assert_str_eq(h.who, "tester");
	ck_assert_str_eq(h.what, "importing 4,000 files");
	ck_assert(h.until >= h.since + 9 && h.until <= h.since + 11);
	char text[400];
	bf_db_holder_text(&h, h.until - 10, text, sizeof text);
	ck_assert_str_eq(text, "tester is importing 4,000 files, about 10 s left");
	bf_db_holder_text(&h, h.since + 25, text, sizeof text);
	ck_assert_str_eq(text, "tester is importing 4,000 files, for 25 s now");
	bf_db_long_progress(&db, 100);
	ck_assert_int_eq(bf_db_holder_read(in_tmp("h.db"), &h), 0);
	ck_assert(h.until >= (long long)time(NULL) + 99);
	ck_assert_int_eq(bf_db_commit(&db), 0);
	ck_assert_int_ne(stat(note, &st), 0);
	ck_assert_int_eq(bf_db_begin_long(&db, "importing 3 files", 1), 0);
	bf_db_rollback(&db);
	ck_assert_int_ne(stat(note, &st), 0);

	/* a note left by a writer that was killed */
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	FILE *f = fopen(note, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "%ld\t1\t99999999999\t王会计\timporting 4,000 files\n", (long)child);
	fclose(f);
	ck_assert_int_eq(bf_db_holder_read(in_tmp("h.db"), &h), 1);
	/* and a write goes ahead at once */
	ck_assert_int_eq(bf_db_begin(&db), 0);
	bf_db_rollback(&db);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_every_enum_code_fits_the_schema)
{
	bf_db db;
	open_db(&db, "e.db", "tester");
	struct bf_case *c = malloc(sizeof *c), *back = malloc(sizeof *back);
	bf_case_init(c, 2026);
	strcpy(c->members[0].name, "本人");
	size_t nrel;
	bf_enum_table(BF_ENUM_RELATION, &nrel);
	ck_assert_uint_le(nrel, BF_MAX_MEMBERS);
	for (size_t r = 1; r < nrel; r++) {
		struct bf_member *m = bf_case_add_member(c, (enum bf_relation)r);
		snprintf(m->name, sizeof m->name, "成员%zu", r);
	}
	enum bf_enum_kind kinds[] = {BF_ENUM_MARITAL,    BF_ENUM_STATUS,    BF_ENUM_HEALTH,
	                             BF_ENUM_DISABILITY, BF_ENUM_INSURANCE, BF_ENUM_HUKOU,
	                             BF_ENUM_PROOF};
	for (size_t k = 0; k < BF_ARRAY_LEN(kinds); k++) {
		size_t n;
		bf_enum_table(kinds[k], &n);
		ck_assert_uint_le(n, c->n_members);
		for (size_t i = 0; i < c->n_members; i++) {
			struct bf_member *m = &c->members[i];
			int v = (int)(i % n);
			switch (kinds[k]) {
			case BF_ENUM_MARITAL:
				m->marital = (enum bf_marital)v;
				break;
			case BF_ENUM_STATUS:
				m->status = (enum bf_status)v;
				break;
			case BF_ENUM_HEALTH:
				m->health = (enum bf_health)v;
				break;
			case BF_ENUM_DISABILITY:
				m->disability = (enum bf_disability)v;
				break;
			case BF_ENUM_INSURANCE:
				m->insurance = (enum bf_insurance)v;
				break;
			case BF_ENUM_HUKOU:
				m->hukou = (enum bf_hukou)v;
				break;
			case BF_ENUM_PROOF:
				m->proof = (enum bf_proof)v;
				break;
			default:
				break;
			}
		}
	}
	size_t ncause;
	bf_enum_table(BF_ENUM_CAUSE, &ncause);
	for (size_t v = 0; v < ncause; v++) {
		c->primary_cause = (int)v;
		c->secondary_causes[v % BF_MAX_SECONDARY_CAUSES] = (int)((v + 1) % ncause);
		save_ok(&db, c);
		load_ok(&db, c->id, back);
		assert_same_case(c, back);
	}
	/* every document code and workflow state is accepted by its table */
	char sql[512];
	for (int k = 0; k < BF_DOC_COUNT; k++) {
		snprintf(sql, sizeof sql,
		         "INSERT INTO checklist_item (case_id, key, doc, member_id)"
		         " VALUES (%lld, '%s:%d', '%s', %lld)",
		         (long long)c->id, bf_doc_code((enum bf_doc_kind)k), k,
		         bf_doc_code((enum bf_doc_kind)k),
		         (long long)c->members[k % c->n_members].id);
		ck_assert_msg(bf_db_exec(&db, sql) == 0, "%s", db.errmsg);
	}
	const char *states[] = {"draft",
	                        "docs_complete",
	                        "approved",
	                        "rejected",
	                        "in_publicity",
	                        "publicity_passed",
	                        "objection_upheld",
	                        "submitted",
	                        "accepted",
	                        "returned",
	                        "aided",
	                        "closed"};
	/* the form never writes the state (the workflow does): each state is
	 * put in by hand, and the table takes every one and nothing else */
	for (size_t i = 0; i < BF_ARRAY_LEN(states); i++) {
		snprintf(sql, sizeof sql, "UPDATE case_file SET status = '%s' WHERE id = %lld",
		         states[i], (long long)c->id);
		ck_assert_msg(bf_db_exec(&db, sql) == 0, "%s: %s", states[i], db.errmsg);
	}
	snprintf(sql, sizeof sql, "UPDATE case_file SET status = 'bogus' WHERE id = %lld",
	         (long long)c->id);
	ck_assert_int_ne(bf_db_exec(&db, sql), 0);
	ck_assert_ptr_nonnull(strstr(db.errmsg, "CHECK constraint"));
	assert_no_txn(&db);
	snprintf(sql, sizeof sql, "UPDATE case_file SET status = 'draft' WHERE id = %lld",
	         (long long)c->id);
	ck_assert_msg(bf_db_exec(&db, sql) == 0, "%s", db.errmsg);
	load_ok(&db, c->id, c);
	/* removing a member takes that member's documents with it */
	int64_t docs = q_int(&db, "SELECT count(*) FROM checklist_item");
	strcpy(c->status, "draft");
	ck_assert(bf_case_remove_member(c, 1));
	save_ok(&db, c);
	ck_assert_int_lt(q_int(&db, "SELECT count(*) FROM checklist_item"), docs);
	free(c);
	free(back);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_bad_input_refused_plainly)
{
	bf_db db;
	open_db(&db, "bad.db", "tester");
	struct bf_case *c = malloc(sizeof *c);
	bf_error err = {{0}};
	sample_case(c);
	strcpy(c->members[2].birth_date, "2010-02-30");
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	ck_assert_msg(strstr(err.msg, "Member 3 (张小明): birth date") != NULL, "%s", err.msg);
	sample_case(c);
	c->members[1].name[0] = '\0';
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	ck_assert_msg(strstr(err.msg, "Member 2: the name is empty") != NULL, "%s", err.msg);
	sample_case(c);
	c->members[1].marital = (enum bf_marital)99;
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	ck_assert_msg(strstr(err.msg, "marital status") != NULL, "%s", err.msg);
	sample_case(c);
	c->year = 0;
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	sample_case(c);
	c->id = 77; /* a file that does not exist */
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	ck_assert_msg(strstr(err.msg, "no longer exists") != NULL, "%s", err.msg);
	ck_assert_int_eq(c->id, 77);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM case_file"), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM member"), 0);
	assert_no_txn(&db);
	free(c);
	bf_db_close(&db);
}
END_TEST

/* ---- audit ------------------------------------------------------------------------- */

START_TEST(test_audit_rows)
{
	bf_db db;
	open_db(&db, "a.db", "王干事");
	struct bf_case *c = malloc(sizeof *c);
	sample_case(c);
	save_ok(&db, c);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE action = 'insert'"
	                            " AND actor = '王干事' AND at LIKE '20__-__-__T__:__:__Z'"),
	                 1 + 4 + 3 + 1); /* case, members, causes, seeded year settings */
	/* the insert's image holds the sealed value's digest (schema 027), never
	 * the card (vault.h), nor any ciphertext */
	char digest[BF_SEALED_DIGEST_SIZE];
	const char *card = q_text(&db, "SELECT bank_card FROM case_file");
	bf_sealed_digest(card, strlen(card), digest);
	ck_assert_str_eq(q_text(&db, "SELECT json_extract(detail, '$.bank_card')"
	                             " FROM audit_log WHERE tbl = 'case_file'"),
	                 digest);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE action = 'insert'"
	                            " AND instr(detail, '\"bf1:') > 0"),
	                 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log"
	                            " WHERE instr(detail, '6222021234567890123') > 0"),
	                 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'member'"
	                            " AND case_id = (SELECT id FROM case_file)"),
	                 4);

	/* one field changes: one row, holding only that field */
	bf_db_set_actor(&db, "李审核");
	int64_t before = q_int(&db, "SELECT max(id) FROM audit_log");
	strcpy(c->phone, "13900001111");
	save_ok(&db, c);
	ck_assert_int_eq(q_int(&db, "SELECT max(id) FROM audit_log") - before, 1);
	ck_assert_str_eq(
	    q_text(&db, "SELECT actor || ' ' || action || ' ' || tbl || ' '"
	                " || bf_open(json_extract(detail, '$.old.phone'), 'case_file.phone', row_id)"
	                " || ' ' || bf_open(json_extract(detail, '$.new.phone'), 'case_file.phone',"
	                " row_id) || ' ' || (SELECT group_concat(key) FROM json_each(detail, '$.new'))"
	                " FROM audit_log ORDER BY id DESC LIMIT 1"),
	    "李审核 update case_file 13812345678 13900001111 phone");

	/* a field set to empty records null */
	before = q_int(&db, "SELECT max(id) FROM audit_log");
	c->skills[0] = '\0';
	save_ok(&db, c);
	ck_assert_str_eq(q_text(&db, "SELECT bf_open(json_extract(detail, '$.old.skills'),"
	                             " 'case_file.skills', row_id) || ' '"
	                             " || json_type(detail, '$.new.skills')"
	                             " FROM audit_log ORDER BY id DESC LIMIT 1"),
	                 "钳工 null");

	/* a member's income: the member row, and the case's per-capita figure */
	before = q_int(&db, "SELECT max(id) FROM audit_log");
	c->members[0].monthly_income = 180000;
	save_ok(&db, c);
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT detail FROM audit_log WHERE id > %lld AND tbl = 'member'",
	         (long long)before);
	ck_assert_str_eq(
	    q_text(&db, sql),
	    "{\"old\":{\"monthly_income\":150000},\"new\":{\"monthly_income\":180000}}");
	/* the case row: only computed figures (per-capita, maybe the category) */
	snprintf(sql, sizeof sql,
	         "SELECT sum(key = 'per_capita') * 10 + sum(key NOT IN ('per_capita',"
	         " 'first_category')) FROM audit_log, json_each(detail, '$.new')"
	         " WHERE audit_log.id > %lld AND tbl = 'case_file'",
	         (long long)before);
	ck_assert_int_eq(q_int(&db, sql), 10);

	/* deleting the file records it and each part it takes along */
	before = q_int(&db, "SELECT max(id) FROM audit_log");
	ck_assert_msg(bf_db_exec(&db, "DELETE FROM case_file") == 0, "%s", db.errmsg);
	snprintf(sql, sizeof sql,
	         "SELECT group_concat(tbl, ',') FROM (SELECT tbl FROM audit_log"
	         " WHERE id > %lld AND action = 'delete' AND actor = '李审核'"
	         " GROUP BY tbl ORDER BY tbl)",
	         (long long)before);
	ck_assert_str_eq(q_text(&db, sql), "case_cause,case_file,member");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE id > %lld",
	         (long long)before);
	ck_assert_int_eq(q_int(&db, sql), 1 + 4 + 3);
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_audit_json_is_valid)
{
	bf_db db;
	open_db(&db, "j.db", "O'Brien \"引号\"");
	struct bf_case *c = malloc(sizeof *c);
	sample_case(c);
	const char *tricky = "引号\"和\\反斜杠\n换行\t制表\r\x01控制 'single'";
	strcpy(c->family_situation, tricky);
	save_ok(&db, c);
	strcpy(c->family_situation, "新的");
	save_ok(&db, c);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE NOT json_valid(detail)"),
	                 0);
	/* sealed values in an update's image open back to what was typed: the
	 * insert's digest names the same ciphertext as the update's old value */
	char digest[BF_SEALED_DIGEST_SIZE];
	const char *old =
	    q_text(&db, "SELECT json_extract(detail, '$.old.family_situation')"
	                " FROM audit_log WHERE tbl = 'case_file' AND action = 'update'");
	bf_sealed_digest(old, strlen(old), digest);
	ck_assert_str_eq(q_text(&db,
	                        "SELECT json_extract(detail, '$.family_situation')"
	                        " FROM audit_log WHERE tbl = 'case_file' AND action = 'insert'"),
	                 digest);
	ck_assert_str_eq(q_text(&db,
	                        "SELECT bf_open(json_extract(detail, '$.old.family_situation'),"
	                        " 'case_file.family_situation', row_id)"
	                        " FROM audit_log WHERE tbl = 'case_file' AND action = 'update'"),
	                 tricky);
	ck_assert_int_eq(q_int(&db,
	                       "SELECT json_extract(detail, '$.old.family_situation') IS NULL"
	                       " FROM audit_log WHERE tbl = 'case_file' AND action = 'update'"),
	                 0);
	ck_assert_str_eq(q_text(&db, "SELECT DISTINCT actor FROM audit_log"), "O'Brien \"引号\"");
	ck_assert_str_eq(q_text(&db, "SELECT bf_json_object('a', 1, NULL, 2, 'b', NULL, 'c', 1.5)"),
	                 "{\"a\":1,\"b\":null,\"c\":1.5}");
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_write_without_actor_refused)
{
	bf_db db;
	open_db(&db, "na.db", NULL);
	bf_error err = {{0}};
	ck_assert_int_ne(bf_setting_set(&db, "lang", "en", &err), 0);
	ck_assert_msg(strstr(err.msg, "no operator set") != NULL, "%s", err.msg);
	assert_no_txn(&db);
	struct bf_unit u = {.name = "红星"};
	ck_assert_int_ne(bf_unit_save(&db, &u, &err), 0);
	ck_assert_msg(strstr(err.msg, "no operator set") != NULL, "%s", err.msg);
	assert_no_txn(&db);
	bf_date d;
	ck_assert(bf_date_parse("2031-05-01", &d));
	ck_assert_int_ne(bf_holiday_set(&db, d, BF_DAY_HOLIDAY, "劳动节", &err), 0);
	struct bf_case *c = malloc(sizeof *c);
	sample_case(c);
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	ck_assert_msg(strstr(err.msg, "no operator set") != NULL, "%s", err.msg);
	ck_assert_int_ne(bf_draft_save(&db, 0, "x", &err), 0);
	/* the database itself refuses, whatever the code does */
	ck_assert_int_ne(bf_db_exec(&db, "UPDATE setting SET value = '9'"), 0);
	ck_assert_msg(strstr(db.errmsg, "no operator set") != NULL, "%s", db.errmsg);
	ck_assert_int_ne(bf_db_exec(&db, "DELETE FROM setting"), 0);
	ck_assert_int_ne(bf_db_exec(&db, "INSERT INTO audit_log (at, actor, action, tbl, detail)"
	                                 " VALUES ('x', 'forger', 'insert', 't', '{}')"),
	                 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM setting"), 2);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM unit"), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM holiday WHERE date LIKE '2031%'"), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log"), 0);
	assert_no_txn(&db);
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_audit_log_append_only)
{
	bf_db db;
	open_db(&db, "ao.db", "tester");
	bf_error err = {{0}};
	ck_assert_int_eq(bf_setting_set(&db, "lang", "en", &err), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log"), 1);
	ck_assert_int_ne(bf_db_exec(&db, "UPDATE audit_log SET actor = 'someone else'"), 0);
	ck_assert_msg(strstr(db.errmsg, "audit_log is append-only") != NULL, "%s", db.errmsg);
	ck_assert_int_ne(bf_db_exec(&db, "DELETE FROM audit_log"), 0);
	ck_assert_msg(strstr(db.errmsg, "audit_log is append-only") != NULL, "%s", db.errmsg);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE actor = 'tester'"), 1);
	bf_db_close(&db);
}
END_TEST

/* ---- drafts -------------------------------------------------------------------------- */

START_TEST(test_drafts_per_operator)
{
	bf_db db;
	open_db(&db, "d.db", "甲");
	bf_error err = {{0}};
	char *text = NULL, at[32] = "";
	ck_assert_int_eq(bf_draft_load(&db, 0, &text, at, sizeof at, &err), 1);
	ck_assert_ptr_null(text);
	ck_assert_int_eq(bf_draft_save(&db, 0, "name\t张三\n", &err), 0);
	ck_assert_int_eq(bf_draft_save(&db, 0, "name\t张三丰\n", &err), 0); /* replaces */
	bf_db_set_actor(&db, "乙");
	ck_assert_int_eq(bf_draft_load(&db, 0, &text, at, sizeof at, &err), 1);
	ck_assert_int_eq(bf_draft_save(&db, 0, "name\t李四\n", &err), 0);
	ck_assert_int_eq(bf_draft_save(&db, 5, "case five", &err), 0);

	bf_db_set_actor(&db, "甲");
	ck_assert_int_eq(bf_draft_load(&db, 0, &text, at, sizeof at, &err), 0);
	ck_assert_str_eq(text, "name\t张三丰\n");
	ck_assert_uint_eq(strlen(at), 20);
	free(text);
	bf_db_set_actor(&db, "乙");
	ck_assert_int_eq(bf_draft_load(&db, 0, &text, NULL, 0, &err), 0);
	ck_assert_str_eq(text, "name\t李四\n");
	free(text);
	ck_assert_int_eq(bf_draft_delete(&db, 0, &err), 0);
	ck_assert_int_eq(bf_draft_load(&db, 0, &text, at, sizeof at, &err), 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM draft"), 2);
	/* drafts are not audited */
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log"), 0);

	/* a saved case's drafts go when the case goes */
	struct bf_case *c = malloc(sizeof *c);
	sample_case(c);
	save_ok(&db, c);
	ck_assert_int_eq(bf_draft_save(&db, c->id, "edit", &err), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM draft"), 3);
	ck_assert_msg(bf_db_exec(&db, "DELETE FROM case_file") == 0, "%s", db.errmsg);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM draft"), 2);
	free(c);
	bf_db_close(&db);
}
END_TEST

/* ---- backup, check ------------------------------------------------------------------- */

struct writer {
	bf_db *other;
	int calls;
	int written;
	char err[512];
};

static void write_between_steps(void *ud, int remaining, int total)
{
	struct writer *w = ud;
	(void)total;
	w->calls++;
	if (remaining > 0 && w->written < 2 && w->calls % 3 == 1) {
		struct bf_case c;
		sample_case(&c);
		fresh_people(&c, 10 + w->written);
		snprintf(c.members[0].name, sizeof c.members[0].name, "备份中写入%d", w->written);
		bf_error err = {{0}};
		if (bf_case_save(w->other, &c, &err) != 0)
			snprintf(w->err, sizeof w->err, "%s", err.msg);
		else
			w->written++;
	}
}

START_TEST(test_backup_while_writing)
{
	bf_db db, other;
	open_db(&db, "live.db", "tester");
	struct bf_case *c = malloc(sizeof *c);
	sample_case(c);
	save_ok(&db, c);
	open_db(&other, "live.db", "另一人");
	struct writer w = {.other = &other};
	bf_error err = {{0}};
	const char *dest = in_tmp("backups/today.db");
	mkdir(in_tmp("backups"), 0700);
	write_file(dest, "an old backup that gets replaced");
	/* an existing file is replaced only when asked to */
	ck_assert_int_eq(bf_store_backup_progress(&db, dest, 0, 1, NULL, NULL, &err), -1);
	ck_assert_msg(strstr(err.msg, "already exists"), "%s", err.msg);
	int rc =
	    bf_store_backup_progress(&db, dest, BF_OUTFILE_FORCE, 1, write_between_steps, &w, &err);
	ck_assert_msg(rc == 0, "backup: %s", err.msg);
	ck_assert_msg(w.err[0] == '\0', "writer: %s", w.err);
	ck_assert_int_eq(w.written, 2);
	ck_assert_int_gt(w.calls, 3);
	bf_db_close(&other);
	bf_db_close(&db);

	/* no temporary files are left beside it */
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | wc -l) -eq 1", in_tmp("backups"));
	ck_assert_int_eq(system(cmd), 0);

	bf_db b;
	ck_assert_msg(bf_store_open(&b, dest, 0, &err) == 0, "%s", err.msg);
	tu_key(&b);
	bf_db_set_actor(&b, "tester");
	ck_assert_int_eq(q_int(&b, "SELECT count(*) FROM case_file"), 3);
	ck_assert_int_eq(q_int(&b, "SELECT count(*) FROM member WHERE name LIKE '备份中写入%'"), 2);
	struct bf_case *back = malloc(sizeof *back);
	load_ok(&b, c->id, back);
	assert_same_case(c, back);
	char report[2048];
	ck_assert_int_eq(bf_store_check(&b, report, sizeof report, &err), 0);
	bf_db_close(&b);

	/* plain one-step backup; the database itself is refused as destination */
	open_db(&db, "live.db", "tester");
	umask(022); /* even so, the copy is this account's alone */
	ck_assert_int_eq(bf_store_backup(&db, in_tmp("plain.db"), 0, &err), 0);
	struct stat st;
	ck_assert_int_eq(stat(in_tmp("plain.db"), &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_ne(bf_store_backup(&db, in_tmp("plain.db"), 0, &err), 0);
	ck_assert_int_ne(bf_store_backup(&db, in_tmp("live.db"), BF_OUTFILE_FORCE, &err), 0);
	ck_assert_int_ne(bf_store_backup(&db, in_tmp("backups"), BF_OUTFILE_FORCE, &err), 0);
	ck_assert_int_ne(bf_store_backup(&db, in_tmp("no/such/folder/x.db"), 0, &err), 0);
	/* a link planted where the backup goes is refused, its target untouched */
	ck_assert_int_eq(symlink(in_tmp("victim"), in_tmp("link.db")), 0);
	ck_assert_int_ne(bf_store_backup(&db, in_tmp("link.db"), BF_OUTFILE_FORCE, &err), 0);
	ck_assert_msg(strstr(err.msg, "symbolic link"), "%s", err.msg);
	ck_assert_int_eq(access(in_tmp("victim"), F_OK), -1);
	bf_db_close(&db);
	ck_assert_msg(bf_store_open(&b, in_tmp("plain.db"), 0, &err) == 0, "%s", err.msg);
	tu_key(&b);
	ck_assert_int_eq(q_int(&b, "SELECT count(*) FROM case_file"), 3);
	bf_db_close(&b);
	free(c);
	free(back);
}
END_TEST

START_TEST(test_check)
{
	bf_db db;
	open_db(&db, "chk.db", "tester");
	struct bf_case *c = malloc(sizeof *c);
	sample_case(c);
	save_ok(&db, c);
	char report[4096];
	bf_error err = {{0}};
	ck_assert_int_eq(bf_store_check(&db, report, sizeof report, &err), 0);
	ck_assert_msg(strstr(report, "Structure: sound") && strstr(report, "Links: sound"), "%s",
	              report);

	/* a cause pointing to a missing file, slipped in with foreign keys off */
	ck_assert_int_eq(bf_db_exec(&db, "PRAGMA foreign_keys = OFF;"
	                                 " INSERT INTO case_cause (case_id, rank, cause)"
	                                 " VALUES (999, 0, 'other');"
	                                 " PRAGMA foreign_keys = ON;"),
	                 0);
	ck_assert_int_eq(bf_store_check(&db, report, sizeof report, &err), 1);
	ck_assert_msg(strstr(report, "case_cause row") && strstr(report, "missing case_file"), "%s",
	              report);
	char tiny[16];
	ck_assert_int_eq(bf_store_check(&db, tiny, sizeof tiny, &err), 1);
	ck_assert_uint_lt(strlen(tiny), sizeof tiny);
	free(c);
	bf_db_close(&db);
}
END_TEST

/* ---- two processes writing ------------------------------------------------------------ */

enum { ROUNDS = 25 };

static int writer_process(const char *path, const char *who, int rounds)
{
	bf_db db;
	bf_error err = {{0}};
	if (bf_store_open(&db, path, 0, &err) != 0) {
		fprintf(stderr, "%s: %s\n", who, err.msg);
		return 1;
	}
	tu_key(&db);
	bf_db_set_actor(&db, who);
	for (int i = 0; i < rounds; i++) {
		char key[64], val[16];
		snprintf(key, sizeof key, "%s-%d", who, i);
		snprintf(val, sizeof val, "%d", i);
		if (bf_setting_set(&db, key, val, &err) != 0) {
			fprintf(stderr, "%s: %s\n", who, err.msg);
			return 1;
		}
		if (i % 5 == 0) {
			struct bf_case c;
			sample_case(&c);
			fresh_people(&c, (who[0] == 'c' ? 50 : 0) + i / 5);
			if (bf_case_save(&db, &c, &err) != 0) {
				fprintf(stderr, "%s: %s\n", who, err.msg);
				return 1;
			}
		}
	}
	bf_db_close(&db);
	return 0;
}

/* Both tests fork before anything opens SQLite: a process must not inherit
 * open connections (SQLite's per-process lock bookkeeping would be shared). */
START_TEST(test_two_processes_write)
{
	const char *path = in_tmp("two.db");
	int go[2];
	ck_assert_int_eq(pipe(go), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char ch;
		close(go[1]);
		if (read(go[0], &ch, 1) != 1)
			_exit(3);
		_exit(writer_process(path, "child", ROUNDS));
	}
	close(go[0]);
	bf_db db;
	open_db(&db, "two.db", "parent"); /* create it */
	bf_db_close(&db);
	ck_assert_int_eq(write(go[1], "x", 1), 1);
	int rc = writer_process(path, "parent", ROUNDS);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(rc, 0);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	close(go[1]);

	open_db(&db, "two.db", "parent");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM setting"), 2 + 2 * ROUNDS);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM case_file"), 2 * (ROUNDS / 5));
	/* numbers were allocated without clashing */
	ck_assert_int_eq(q_int(&db, "SELECT count(DISTINCT number) FROM case_file"),
	                 2 * (ROUNDS / 5));
	bf_db_close(&db);
}
END_TEST

START_TEST(test_waits_for_the_lock)
{
	const char *path = in_tmp("lock.db");
	int go[2], opened[2];
	ck_assert_int_eq(pipe(go), 0);
	ck_assert_int_eq(pipe(opened), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char ch;
		close(go[1]);
		close(opened[0]);
		if (read(go[0], &ch, 1) != 1)
			_exit(2);
		bf_db other;
		bf_error err = {{0}};
		if (bf_store_open(&other, path, 0, &err) != 0) {
			fprintf(stderr, "waiter: %s\n", err.msg);
			_exit(3);
		}
		tu_key(&other);
		bf_db_set_actor(&other, "waiter");
		if (write(opened[1], "o", 1) != 1)
			_exit(4);
		int rc = bf_setting_set(&other, "waited", "1", &err);
		if (rc != 0)
			fprintf(stderr, "waiter: %s\n", err.msg);
		bf_db_close(&other);
		_exit(rc == 0 ? 0 : 1);
	}
	close(go[0]);
	close(opened[1]);
	bf_db db;
	open_db(&db, "lock.db", "holder");
	ck_assert_int_eq(bf_db_begin(&db), 0); /* hold the write lock */
	ck_assert_int_eq(bf_db_exec(&db, "INSERT INTO setting VALUES ('held', '1')"), 0);
	ck_assert_int_eq(write(go[1], "g", 1), 1);
	char ch;
	ck_assert_int_eq(read(opened[0], &ch, 1), 1);
	struct timespec pause = {0, 400 * 1000 * 1000};
	nanosleep(&pause, NULL); /* the child is now waiting on BEGIN IMMEDIATE */
	ck_assert_int_eq(bf_db_commit(&db), 0);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM setting WHERE key IN ('held', 'waited')"),
	                 2);
	close(go[1]);
	close(opened[0]);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_nested_begin_refused)
{
	bf_db db;
	open_db(&db, "nest.db", "tester");
	ck_assert_int_eq(bf_db_begin(&db), 0);
	bf_error err = {{0}};
	/* a store call inside an open transaction fails and names where it began */
	ck_assert_int_ne(bf_setting_set(&db, "lang", "en", &err), 0);
	ck_assert_msg(strstr(err.msg, "already open") != NULL, "%s", err.msg);
	bf_db_rollback(&db);
	assert_no_txn(&db);
	ck_assert_int_eq(bf_setting_set(&db, "lang", "en", &err), 0);
	bf_db_close(&db);
}
END_TEST

/* ---- the copy made before an upgrade (schema.h) ------------------------------ */

/* The compiled-in steps followed by up to three more (numbered after the
 * latest, as the next releases' 007, 008, 009 will be); extra[i] NULL stops. */
static size_t steps_plus(struct bf_schema_step *out, const char *const extra[3])
{
	size_t n = 0;
	for (; n < bf_schema_nsteps; n++)
		out[n] = bf_schema_steps[n];
	static const char *const names[] = {"n1_extra.sql", "n2_extra.sql", "n3_extra.sql"};
	for (int i = 0; i < 3 && extra[i]; i++, n++)
		out[n] = (struct bf_schema_step){bf_schema_latest() + 1 + i, names[i], extra[i]};
	return n;
}

static int64_t file_user_version(const char *path)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* A database of today's schema with a unit and a setting in it. */
static void make_current_db(const char *name)
{
	bf_db db;
	open_db(&db, name, "tester");
	struct bf_unit u = {.name = "红星机械厂", .code = "U001"};
	bf_error err = {{0}};
	ck_assert_int_eq(bf_unit_save(&db, &u, &err), 0);
	ck_assert_int_eq(bf_setting_set(&db, "publicity_days", "7", &err), 0);
	bf_db_close(&db);
}

START_TEST(test_upgrade_backup_any_number_of_steps)
{
	int latest = bf_schema_latest();
	make_current_db("up.db");
	const char *path = in_tmp("up.db");
	struct bf_schema_step steps[64];
	const char *const extra[3] = {"CREATE TABLE n1 (x INTEGER) STRICT;",
	                              "INSERT INTO n1 VALUES (2);",
	                              "CREATE TABLE n3 (y TEXT) STRICT;"};
	size_t n = steps_plus(steps, extra);
	bf_db db;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_db_open(&db, path, 0, &err), 0);
	ck_assert_msg(bf_schema_migrate_steps(&db, steps, n, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(db.upgrade_from, latest);
	ck_assert_int_eq(db.upgrade_to, latest + 3);
	char want[1200];
	snprintf(want, sizeof want, "%s.before-%d", path, latest + 1);
	ck_assert_str_eq(db.upgrade_backup, want);
	ck_assert_int_eq(q_int(&db, "PRAGMA user_version"), latest + 3);
	ck_assert_int_eq(q_int(&db, "SELECT x FROM n1"), 2);
	ck_assert_str_eq(q_text(&db, "SELECT name FROM unit"), "红星机械厂");
	bf_db_close(&db);
	/* the copy: the file as it was, private, and opened by today's program */
	struct stat st;
	ck_assert_int_eq(stat(want, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(file_user_version(want), latest);
	ck_assert_int_eq(bf_store_open(&db, want, 0, &err), 0);
	ck_assert_int_eq(db.upgrade_to, 0);
	ck_assert_str_eq(q_text(&db, "SELECT name FROM unit"), "红星机械厂");
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM sqlite_schema WHERE name = 'n1'"), 0);
	bf_db_close(&db);
	/* opened again: nothing to do, no second copy */
	ck_assert_int_eq(bf_db_open(&db, path, 0, &err), 0);
	ck_assert_int_eq(bf_schema_migrate_steps(&db, steps, n, &err), 0);
	ck_assert_int_eq(db.upgrade_to, 0);
	ck_assert_str_eq(db.upgrade_backup, "");
	bf_db_close(&db);
	snprintf(want, sizeof want, "%s.before-%d.2", path, latest + 1);
	ck_assert_int_ne(access(want, F_OK), 0);
}
END_TEST

START_TEST(test_upgrade_failed_step_keeps_copy)
{
	int latest = bf_schema_latest();
	make_current_db("fail.db");
	const char *path = in_tmp("fail.db");
	struct bf_schema_step steps[64];
	const char *const bad[3] = {"CREATE TABLE n1 (x INTEGER) STRICT;",
	                            "INSERT INTO no_such_table VALUES (1);", NULL};
	size_t n = steps_plus(steps, bad);
	bf_db db;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_db_open(&db, path, 0, &err), 0);
	ck_assert_int_ne(bf_schema_migrate_steps(&db, steps, n, &err), 0);
	char copy1[1200];
	snprintf(copy1, sizeof copy1, "%s.before-%d", path, latest + 1);
	ck_assert_msg(strstr(err.msg, "n2_extra.sql") && strstr(err.msg, copy1), "%s", err.msg);
	/* the good step stays done, the bad one left nothing behind */
	ck_assert_int_eq(q_int(&db, "PRAGMA user_version"), latest + 1);
	assert_no_txn(&db);
	bf_db_close(&db);
	ck_assert_int_eq(file_user_version(copy1), latest);

	/* the fixed program: the copy is taken before its first step (n2), and
	 * an earlier copy of that name is never overwritten */
	const char *const good[3] = {"CREATE TABLE n1 (x INTEGER) STRICT;",
	                             "INSERT INTO n1 VALUES (5);", NULL};
	n = steps_plus(steps, good);
	char copy2[1200];
	snprintf(copy2, sizeof copy2, "%s.before-%d", path, latest + 2);
	FILE *f = fopen(copy2, "w");
	ck_assert_ptr_nonnull(f);
	fputs("an earlier copy", f);
	fclose(f);
	ck_assert_int_eq(bf_db_open(&db, path, 0, &err), 0);
	ck_assert_msg(bf_schema_migrate_steps(&db, steps, n, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(db.upgrade_from, latest + 1);
	ck_assert_int_eq(db.upgrade_to, latest + 2);
	char want[1300];
	snprintf(want, sizeof want, "%s.2", copy2);
	ck_assert_str_eq(db.upgrade_backup, want);
	ck_assert_int_eq(q_int(&db, "SELECT x FROM n1"), 5);
	bf_db_close(&db);
	ck_assert_int_eq(file_user_version(want), latest + 1);
	f = fopen(copy2, "r");
	char buf[32] = "";
	ck_assert_ptr_nonnull(fgets(buf, sizeof buf, f));
	fclose(f);
	ck_assert_str_eq(buf, "an earlier copy");
}
END_TEST

START_TEST(test_upgrade_copy_refused_changes_nothing)
{
	int latest = bf_schema_latest();
	make_current_db("nocopy.db");
	const char *path = in_tmp("nocopy.db");
	struct bf_schema_step steps[64];
	const char *const extra[3] = {"CREATE TABLE n1 (x INTEGER) STRICT;", NULL, NULL};
	size_t n = steps_plus(steps, extra);
	/* a folder where the copy would go: the copy fails, so no step runs */
	char where[1200];
	snprintf(where, sizeof where, "%s.before-%d", path, latest + 1);
	ck_assert_int_eq(mkdir(where, 0700), 0);
	for (int i = 2; i <= 999; i++) {
		char more[1300];
		snprintf(more, sizeof more, "%s.%d", where, i);
		ck_assert_int_eq(mkdir(more, 0700), 0);
	}
	bf_db db;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_db_open(&db, path, 0, &err), 0);
	ck_assert_int_ne(bf_schema_migrate_steps(&db, steps, n, &err), 0);
	ck_assert_msg(strstr(err.msg, "too many"), "%s", err.msg);
	ck_assert_int_eq(q_int(&db, "PRAGMA user_version"), latest);
	assert_no_txn(&db);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_new_file_needs_no_copy)
{
	bf_db db;
	open_db(&db, "fresh.db", NULL);
	ck_assert_int_eq(db.upgrade_from, 0);
	ck_assert_int_eq(db.upgrade_to, bf_schema_latest());
	ck_assert_str_eq(db.upgrade_backup, "");
	bf_db_close(&db);
	char p[1200];
	snprintf(p, sizeof p, "%s.before-1", in_tmp("fresh.db"));
	ck_assert_int_ne(access(p, F_OK), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("store");
	TCase *open = tcase_create("open");
	tcase_add_checked_fixture(open, setup, teardown);
	tcase_add_test(open, test_migrate_from_empty);
	tcase_add_test(open, test_fields_read);
	tcase_add_test(open, test_table_desc);
	tcase_add_test(open, test_reopen_idempotent);
	tcase_add_test(open, test_pragmas);
	tcase_add_test(open, test_refuse_text_file);
	tcase_add_test(open, test_refuse_foreign_sqlite);
	tcase_add_test(open, test_refuse_newer);
	tcase_add_test(open, test_open_missing_without_create);
	tcase_add_test(open, test_readonly_open);
	tcase_add_test(open, test_default_path);
	suite_add_tcase(s, open);

	TCase *conf = tcase_create("settings");
	tcase_add_checked_fixture(conf, setup, teardown);
	tcase_add_test(conf, test_unit_round_trip);
	tcase_add_test(conf, test_settings_kv);
	tcase_add_test(conf, test_settings_year_fallback);
	tcase_add_test(conf, test_calendar_round_trip);
	suite_add_tcase(s, conf);

	TCase *cases = tcase_create("cases");
	tcase_add_checked_fixture(cases, setup, teardown);
	tcase_set_timeout(cases, 20);
	tcase_add_test(cases, test_case_round_trip);
	tcase_add_test(cases, test_member_reorder_and_removal);
	tcase_add_test(cases, test_number_allocation);
	tcase_add_test(cases, test_id_conflicts);
	tcase_add_test(cases, test_every_enum_code_fits_the_schema);
	tcase_add_test(cases, test_save_refused_when_file_moved_on);
	tcase_add_test(cases, test_long_write_holder_note);
	tcase_add_test(cases, test_bad_input_refused_plainly);
	tcase_add_test(cases, test_drafts_per_operator);
	suite_add_tcase(s, cases);

	TCase *audit = tcase_create("audit");
	tcase_add_checked_fixture(audit, setup, teardown);
	tcase_add_test(audit, test_audit_rows);
	tcase_add_test(audit, test_audit_json_is_valid);
	tcase_add_test(audit, test_write_without_actor_refused);
	tcase_add_test(audit, test_audit_log_append_only);
	suite_add_tcase(s, audit);

	/* the copy before an upgrade: whole-file copies, fsynced */
	TCase *upgrade = tcase_create("upgrade");
	tcase_add_checked_fixture(upgrade, setup, teardown);
	tcase_set_timeout(upgrade, 30);
	tcase_add_test(upgrade, test_upgrade_backup_any_number_of_steps);
	tcase_add_test(upgrade, test_upgrade_failed_step_keeps_copy);
	tcase_add_test(upgrade, test_upgrade_copy_refused_changes_nothing);
	tcase_add_test(upgrade, test_new_file_needs_no_copy);
	suite_add_tcase(s, upgrade);

	TCase *maint = tcase_create("maint");
	tcase_add_checked_fixture(maint, setup, teardown);
	tcase_set_timeout(maint, 30);
	tcase_add_test(maint, test_backup_while_writing);
	tcase_add_test(maint, test_check);
	tcase_add_test(maint, test_two_processes_write);
	tcase_add_test(maint, test_waits_for_the_lock);
	tcase_add_test(maint, test_nested_begin_refused);
	suite_add_tcase(s, maint);

	Suite *all[] = {s};
	return bf_test_run(all, 1);
}
