/* check_district_store.c — the district's side against real SQLite files:
 * packages of three units made here (bf_pkg_seal over content written with
 * jansson), a duplicate between two units flagged on both files, every
 * refusal triggered on purpose and checked to have written nothing (a dump
 * of every row of every table, audit log included), the same package twice
 * changing nothing, a newer revision superseding with the differences and
 * keeping unchanged decisions, the decision rules, the reply package read
 * back and verified with the district's key, the summary and its XLSX. */
#define _POSIX_C_SOURCE 200809L
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <ctype.h>
#include <ftw.h>
#include <jansson.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bangfu/accounts.h"
#include "bangfu/case_query.h"
#include "bangfu/district_store.h"
#include "bangfu/package.h"
#include "bangfu/store.h"
#include "bangfu/submission_export.h"
#include "bangfu/submission_store.h"
#include "testutil.h"

#define assert_has(text, needle)                                                         \
	ck_assert_msg((text) && strstr((text), (needle)) != NULL, "\"%s\" lacks \"%s\"", \
	              (text) ? (text) : "(null)", (needle))

static char tmpdir[512];

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bf-dist-XXXXXX", base && base[0] ? base : "/tmp");
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

/* ---- the content dump: every row of every table, ordered, as text ------------------ */

static char *dump(bf_db *db)
{
	size_t cap = 1 << 16, len = 0;
	char *out = malloc(cap);
	ck_assert_ptr_nonnull(out);
	out[0] = '\0';
	bf_stmt tables;
	ck_assert(bf_db_prepare(db, &tables,
	                        "SELECT name FROM sqlite_master WHERE type = 'table'"
	                        " AND name NOT LIKE 'sqlite_%' ORDER BY name") == 0);
	while (bf_step(&tables) == SQLITE_ROW) {
		char table[128], sql[8192];
		bf_col_copy(&tables, 0, table, sizeof table);
		/* SELECT quote(c1) || '|' || quote(c2) ... ordered by that text */
		bf_stmt cols;
		snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s') ORDER BY cid",
		         table);
		ck_assert(bf_db_prepare(db, &cols, sql) == 0);
		char expr[4096] = "";
		while (bf_step(&cols) == SQLITE_ROW) {
			size_t el = strlen(expr);
			snprintf(expr + el, sizeof expr - el, "%squote(\"%s\")",
			         el ? " || '|' || " : "", bf_col_text(&cols, 0));
		}
		bf_finalize(&cols);
		snprintf(sql, sizeof sql, "SELECT %s AS line FROM \"%s\" ORDER BY line", expr,
		         table);
		bf_stmt rows;
		ck_assert_msg(bf_db_prepare(db, &rows, sql) == 0, "%s", db->errmsg);
		while (bf_step(&rows) == SQLITE_ROW) {
			const char *line = bf_col_text(&rows, 0);
			size_t need = len + strlen(table) + strlen(line) + 4;
			if (need > cap) {
				while (cap < need)
					cap *= 2;
				out = realloc(out, cap);
				ck_assert_ptr_nonnull(out);
			}
			len += (size_t)sprintf(out + len, "%s: %s\n", table, line);
		}
		bf_finalize(&rows);
	}
	bf_finalize(&tables);
	return out;
}

/* ---- the district database ------------------------------------------------------- */

struct unit_key {
	const char *code, *name;
	uint8_t pk[32], sk[64];
};
static struct unit_key units[3] = {
    {"U001", "第一机械厂", {0}, {0}},
    {"U002", "红星纺织公司", {0}, {0}},
    {"U003", "城东供电所", {0}, {0}},
};

static void login(bf_db *db, const char *name, const char *pw)
{
	struct bf_login_result res;
	bf_error err = {{0}};
	ck_assert_msg(bf_account_login(db, name, pw, NULL, &res, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(res.status, BF_LOGIN_OK);
}

/* A district database (code D01) with an administrator "boss", district
 * staff "zhao" (logged in) and a clerk "qian" (an account with no district
 * permission), the three units' keys registered. */
/* the district database's key: packages are sealed to it */
static uint8_t dist_pk[32];

static void open_district(bf_db *db, const char *file)
{
	char path[700];
	snprintf(path, sizeof path, "%s/%s", tmpdir, file);
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(db, path, BF_DB_CREATE, &err) == 0, "%s", err.msg);
	tu_key(db);
	struct bf_account_new seed[] = {
	    {"boss", NULL, BF_ROLE_ADMIN, "boss-password"},
	    {"zhao", "赵科长", BF_ROLE_DISTRICT, "zhao-password"},
	    {"qian", NULL, BF_ROLE_CLERK, "qian-password"},
	};
	ck_assert_msg(bf_account_seed(db, seed, BF_ARRAY_LEN(seed), &err) == 0, "%s", err.msg);
	/* the unit's details are the administrator's (settings) */
	login(db, "boss", "boss-password");
	struct bf_unit u = {.name = "某某区总工会", .code = "D01", .district_mode = true};
	ck_assert_msg(bf_unit_save(db, &u, &err) == 0, "%s", err.msg);
	login(db, "zhao", "zhao-password");
	ck_assert_msg(bf_key_public(db, dist_pk, &err) == 0, "%s", err.msg);
	for (size_t i = 0; i < BF_ARRAY_LEN(units); i++) {
		if (units[i].pk[0] == 0 && units[i].pk[1] == 0)
			bf_pkg_keygen(units[i].pk, units[i].sk);
		struct bf_pkg_keyfile k = {0};
		bf_strlcpy(k.code, units[i].code, sizeof k.code);
		bf_strlcpy(k.name, units[i].name, sizeof k.name);
		bf_strlcpy(k.kind, "unit", sizeof k.kind);
		memcpy(k.pk, units[i].pk, 32);
		ck_assert_msg(bf_key_trust(db, &k, false, &err) == 0, "%s", err.msg);
	}
}

/* ---- package fixtures ----------------------------------------------------------------- */

struct fx_case {
	const char *number, *name, *id;
	const char *member_id; /* a spouse, NULL = none */
	int category;
	bf_fen amount;
	const char *note; /* form.note: change it to change the file */
};

static json_t *case_json(const struct fx_case *c)
{
	json_t *members = json_pack("[{s:s, s:s, s:s, s:i}]", "name", c->name, "relation", "self",
	                            "id_number", c->id, "monthly_income", 120000);
	if (c->member_id)
		json_array_append_new(members, json_pack("{s:s, s:s, s:s, s:i}", "name", "配偶",
		                                         "relation", "spouse", "id_number",
		                                         c->member_id, "monthly_income", 0));
	json_t *form = json_pack("{s:s, s:s, s:s, s:s, s:s}", "number", c->number, "phone",
	                         "13812345678", "bank_card", "6222021234567890128", "address",
	                         "幸福路1号", "note", c->note ? c->note : "");
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:I, s:I, s:i, s:s, s:o, s:o, s:[],"
	                 " s:{s:s, s:i, s:I}}",
	                 "number", c->number, "name", c->name, "id_number", c->id, "department",
	                 "一车间", "employer", "本单位", "category", c->category, "amount",
	                 (json_int_t)c->amount, "per_capita", (json_int_t)40000, "household_size",
	                 (int)json_array_size(members), "status", "submitted", "form", form,
	                 "members", members, "causes", "review", "decision", "approve", "category",
	                 c->category, "amount", (json_int_t)c->amount);
}

/* How content is written: compact, or (to check that the same JSON written
 * differently is no change) indented with its keys sorted. */
static size_t dump_flags = JSON_COMPACT;

static char *content_of(const struct unit_key *u, const char *batch, int rev,
                        const struct fx_case *cs, size_t n)
{
	json_t *cases = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(cases, case_json(&cs[i]));
	json_t *root =
	    json_pack("{s:s, s:i, s:{s:s, s:s, s:s, s:s}, s:{s:s, s:i, s:s, s:s},"
	              " s:[{s:i, s:s, s:s, s:s, s:s}], s:o}",
	              "format", "bangfu-submission", "version", 1, "unit", "code", u->code, "name",
	              u->name, "contact", "王干事", "phone", "0571-88888888", "batch", "id", batch,
	              "revision", rev, "created", "2026-12-20T09:30:00Z", "created_by", "boss",
	              "reports", "round", 1, "start", "2026-12-01", "end", "2026-12-07", "place",
	              "厂务公开栏", "text", "公示期间无异议。", "cases", cases);
	char *s = json_dumps(root, dump_flags);
	json_decref(root);
	ck_assert_ptr_nonnull(s);
	return s;
}

/* whom the packages are made for */
static const char *to_code = "D01";

static void header_for(struct bf_pkg_header *h, const struct unit_key *u, const char *kind,
                       const char *batch, int rev, size_t n)
{
	memset(h, 0, sizeof *h);
	h->version = BF_PKG_VERSION;
	bf_strlcpy(h->kind, kind, sizeof h->kind);
	bf_strlcpy(h->from_code, u->code, sizeof h->from_code);
	bf_strlcpy(h->from_name, u->name, sizeof h->from_name);
	bf_strlcpy(h->to_code, to_code, sizeof h->to_code);
	bf_strlcpy(h->to_name, "某某区总工会", sizeof h->to_name);
	bf_strlcpy(h->batch, batch, sizeof h->batch);
	h->revision = rev;
	bf_strlcpy(h->created, "2026-12-20T09:30:00Z", sizeof h->created);
	h->cases = (int64_t)n;
	h->full_numbers = true;
	h->audit_rows = 42;
}

struct pkg {
	char *buf;
	size_t len;
};

/* A unit's package of the cases cs, signed with sk (NULL: unsigned). */
static struct pkg make_pkg_opt(const struct unit_key *u, const char *kind, const char *batch,
                               int rev, const struct fx_case *cs, size_t n, const uint8_t *sk)
{
	char *content = content_of(u, batch, rev, cs, n);
	struct bf_pkg_header h;
	header_for(&h, u, kind, batch, rev, n);
	struct pkg p;
	bf_error err = {{0}};
	ck_assert_msg(bf_pkg_seal(&h, content, strlen(content), sk, dist_pk, &p.buf, &p.len, &err) == 0,
	              "%s", err.msg);
	free(content);
	return p;
}

static struct pkg make_pkg(const struct unit_key *u, const char *batch, int rev,
                           const struct fx_case *cs, size_t n)
{
	return make_pkg_opt(u, "submission", batch, rev, cs, n, u->sk);
}

static int import(bf_db *db, struct pkg p, struct bf_import_result *r, bf_error *err)
{
	return bf_district_import(db, p.buf, p.len, r, err);
}

static void import_ok(bf_db *db, struct pkg p, struct bf_import_result *r)
{
	bf_error err = {{0}};
	ck_assert_msg(import(db, p, r, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(r->verdict, BF_PKG_OK);
}

/* U001 and U002 share a person: U001's 2026-0002 has a spouse whose ID is
 * U002's 2026-0001's employee. U003's two files are one household (the
 * husband's file lists the wife, and the wife has her own file). */
static const struct fx_case u1_cases[] = {
    {"2026-0001", "张三", "110105198001010011", NULL, 1, 200000, NULL},
    {"2026-0002", "李四", "110105198002020022", "110105198505050055", 2, 150000, NULL},
};
static const struct fx_case u2_cases[] = {
    {"2026-0001", "王芳", "110105198505050055", NULL, 3, 100000, NULL},
    {"2026-0002", "赵六", "110105197003030033", NULL, 1, 300000, NULL},
};
static const struct fx_case u3_cases[] = {
    {"2026-0001", "孙七", "110105197504040044", "110105197606060066", 4, 80000, NULL},
    {"2026-0002", "周八", "110105197606060066", NULL, 5, 50000, NULL},
};

static int64_t case_id(bf_db *db, const char *unit, const char *number)
{
	char sql[256];
	snprintf(sql, sizeof sql,
	         "SELECT coalesce((SELECT id FROM dist_case WHERE unit_code = '%s'"
	         " AND number = '%s'), 0)",
	         unit, number);
	return q_int(db, sql);
}

static void three_units(bf_db *db)
{
	struct bf_import_result r;
	struct pkg p = make_pkg(&units[0], "2026-01", 1, u1_cases, 2);
	import_ok(db, p, &r);
	ck_assert_int_eq(r.n_duplicates, 0);
	bf_import_result_free(&r);
	free(p.buf);
	p = make_pkg(&units[1], "2026-01", 1, u2_cases, 2);
	import_ok(db, p, &r);
	ck_assert_int_eq(r.n_cases, 2);
	ck_assert_int_eq(r.n_duplicates, 1); /* 王芳, in U001's file */
	ck_assert(!r.superseded && !r.already && !r.unverified);
	bf_import_result_free(&r);
	free(p.buf);
	p = make_pkg(&units[2], "2026-03", 1, u3_cases, 2);
	import_ok(db, p, &r);
	ck_assert_int_eq(r.n_duplicates, 0); /* only within its own unit */
	bf_import_result_free(&r);
	free(p.buf);
}

/* ---- tests ------------------------------------------------------------------------------ */

START_TEST(three_units_with_duplicates)
{
	bf_db db;
	open_district(&db, "d.db");
	three_units(&db);
	bf_error err = {{0}};
	struct bf_dist_case *rows;
	size_t n;
	ck_assert_int_eq(bf_dist_list(&db, NULL, &rows, &n, &err), 0);
	ck_assert_uint_eq(n, 6);
	/* sorted by unit, then number; the duplicate flagged on both files */
	ck_assert_str_eq(rows[0].unit_code, "U001");
	ck_assert_str_eq(rows[1].number, "2026-0002");
	ck_assert_str_eq(rows[1].unit_name, "第一机械厂");
	ck_assert_int_eq(rows[0].n_duplicates, 0);
	ck_assert_int_eq(rows[1].n_duplicates, 1);
	ck_assert_str_eq(rows[2].unit_code, "U002");
	ck_assert_int_eq(rows[2].n_duplicates, 1);
	ck_assert_int_eq(rows[3].n_duplicates, 0);
	ck_assert_int_eq(rows[4].n_duplicates, 1); /* one household in two files */
	ck_assert_int_eq(rows[5].n_duplicates, 1);
	/* the counts are a column kept at import (issue 17): it says what
	 * the join over the persons says, for every file, also after a file
	 * loses its persons */
	static const char differ[] =
	    "SELECT count(*) FROM dist_case c WHERE dups <> (SELECT count(DISTINCT q.case_id)"
	    " FROM dist_person p JOIN dist_person q ON q.id_bidx = p.id_bidx"
	    " AND q.case_id <> p.case_id WHERE p.case_id = c.id AND p.id_bidx IS NOT NULL)";
	int64_t wrong = -1;
	ck_assert_int_eq(bf_db_int(&db, differ, &wrong), 0);
	ck_assert_int_eq(wrong, 0);
	char del[96];
	snprintf(del, sizeof del, "DELETE FROM dist_person WHERE case_id = %lld",
	         (long long)rows[4].id);
	ck_assert_int_eq(bf_db_begin(&db), 0);
	ck_assert_msg(bf_db_exec(&db, del) == 0, "%s", db.errmsg);
	ck_assert_int_eq(bf_db_int(&db, differ, &wrong), 0);
	ck_assert_int_eq(wrong, 0);
	ck_assert_int_eq(bf_db_int(&db, "SELECT count(*) FROM dist_case WHERE dups > 0", &wrong), 0);
	ck_assert_int_eq(wrong, 2); /* only the pair of rows 1 and 2 left */
	bf_db_rollback(&db);
	ck_assert_str_eq(rows[0].decision, "pending");
	ck_assert_int_eq(rows[0].amount, 200000);
	ck_assert_int_eq(rows[0].household_size, 1);
	ck_assert_str_eq(rows[0].id_number, "1101**********001*"); /* lists: the mask */
	{
		/* one file's load opens the number; the file on disk never holds it */
		struct bf_dist_case one;
		ck_assert_int_eq(bf_dist_case_load(&db, rows[0].id, &one, NULL, &err), 0);
		ck_assert_str_eq(one.id_number, "110105198001010011");
		ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM dist_case WHERE instr(data,"
		                            " '110105198001010011') OR instr(id_number,"
		                            " '110105198001010011')"),
		                 0);
	}
	free(rows);

	struct bf_dist_filter f = {.duplicates_only = true};
	ck_assert_int_eq(bf_dist_list(&db, &f, &rows, &n, &err), 0);
	ck_assert_uint_eq(n, 4);
	free(rows);
	f = (struct bf_dist_filter){.unit_code = "U002"};
	ck_assert_int_eq(bf_dist_list(&db, &f, &rows, &n, &err), 0);
	ck_assert_uint_eq(n, 2);
	free(rows);
	f = (struct bf_dist_filter){.category = 1};
	ck_assert_int_eq(bf_dist_list(&db, &f, &rows, &n, &err), 0);
	ck_assert_uint_eq(n, 2);
	free(rows);
	/* birth-date digits find nothing (no search oracle: issue 12); the whole
	 * number finds the spouse in U001's file and U002's employee */
	f = (struct bf_dist_filter){.text = "198505050"};
	ck_assert_int_eq(bf_dist_list(&db, &f, &rows, &n, &err), 0);
	ck_assert_uint_eq(n, 0);
	free(rows);
	f = (struct bf_dist_filter){.text = "110105198505050055"};
	ck_assert_int_eq(bf_dist_list(&db, &f, &rows, &n, &err), 0);
	ck_assert_uint_eq(n, 2);
	free(rows);
	f = (struct bf_dist_filter){.text = "赵六"};
	ck_assert_int_eq(bf_dist_list(&db, &f, &rows, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(rows[0].unit_code, "U002");
	free(rows);
	f = (struct bf_dist_filter){.decision = "accept"};
	ck_assert_int_eq(bf_dist_list(&db, &f, &rows, &n, &err), 0);
	ck_assert_uint_eq(n, 0);
	free(rows);
	f = (struct bf_dist_filter){.decision = "maybe"};
	ck_assert_int_eq(bf_dist_list(&db, &f, &rows, &n, &err), 1);

	struct bf_dist_dup *d;
	ck_assert_int_eq(bf_dist_duplicates(&db, 0, &d, &n, &err), 0);
	ck_assert_uint_eq(n, 2);
	/* in the order of the first file's unit and number */
	ck_assert_str_eq(d[1].id_number, "110105197606060066");
	ck_assert(d[1].same_unit);
	ck_assert_str_eq(d[1].unit_a, "U003");
	ck_assert_str_eq(d[0].id_number, "110105198505050055");
	ck_assert(!d[0].same_unit);
	ck_assert_str_eq(d[0].unit_a, "U001");
	ck_assert_str_eq(d[0].number_a, "2026-0002");
	ck_assert_str_eq(d[0].relation_a, "spouse");
	ck_assert_str_eq(d[0].unit_b, "U002");
	ck_assert_str_eq(d[0].relation_b, "self");
	ck_assert_str_eq(d[0].person_b, "王芳");
	free(d);
	ck_assert_int_eq(bf_dist_duplicates(&db, case_id(&db, "U002", "2026-0001"), &d, &n, &err),
	                 0);
	ck_assert_uint_eq(n, 1);
	free(d);
	ck_assert_int_eq(bf_dist_duplicates(&db, case_id(&db, "U002", "2026-0002"), &d, &n, &err),
	                 0);
	ck_assert_uint_eq(n, 0);
	free(d);

	struct bf_dist_case c;
	char *json = NULL;
	ck_assert_int_eq(bf_dist_case_load(&db, case_id(&db, "U001", "2026-0002"), &c, &json, &err),
	                 0);
	ck_assert_str_eq(c.name, "李四");
	ck_assert_int_eq(c.household_size, 2);
	assert_has(json, "\"members\"");
	assert_has(json, "110105198505050055");
	free(json);
	ck_assert_int_eq(bf_dist_case_load(&db, 999999, &c, NULL, &err), 1);

	struct bf_dist_unit *u;
	ck_assert_int_eq(bf_dist_units(&db, &u, &n, &err), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(u[0].code, "U001");
	ck_assert_str_eq(u[0].contact, "王干事");
	ck_assert(u[0].key_registered);
	ck_assert_uint_eq(u[0].n_packages, 1);
	ck_assert_str_eq(u[2].last_batch, "2026-03");
	ck_assert_int_eq(u[2].last_revision, 1);
	ck_assert_uint_eq(u[1].n_cases, 2);
	ck_assert_uint_eq(u[1].n_pending, 2);
	free(u);
	/* the package row carries the report and the audit figures */
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM dist_package WHERE reports LIKE"
	                            " '%公示期间无异议%' AND audit_rows = 42 AND signed = 1"),
	                 3);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'dist_package'"),
	                 3);
	bf_db_close(&db);
}
END_TEST

/* The list's query before issue 17's search rework (the persons' names and
 * ID numbers as an IN list): the oracle the faster one must agree with. */
static size_t old_query(bf_db *db, const struct bf_dist_filter *f, int64_t *ids,
                        struct bf_dist_totals *t)
{
	char sql[2048] = "SELECT c.id, c.decision, c.amount, c.final_amount FROM dist_case c"
	                 " WHERE 1";
	char part[512], up[64] = "";
	if (f->unit_code)
		strcat(sql, " AND c.unit_code = :unit");
	if (f->category)
		strcat(sql, " AND c.category = :cat");
	if (f->decision)
		strcat(sql, " AND c.decision = :dec");
	if (f->duplicates_only)
		strcat(sql, " AND c.dups > 0");
	if (f->text) {
		bool id = strspn(f->text, "0123456789xX-") == strlen(f->text);
		bool wide = false;
		for (const char *c = f->text; *c; c++)
			wide |= (unsigned char)*c >= 0x80;
		for (size_t i = 0; f->text[i] && i < sizeof up - 1; i++)
			up[i] = (char)toupper((unsigned char)f->text[i]);
		snprintf(
		    part, sizeof part,
		    id     ? " AND (instr(c.number, :text) > 0 OR instr(c.id_mask, :textu) > 0"
		             " OR c.id IN (SELECT case_id FROM dist_person"
		             " WHERE id_bidx = bf_bidx(:text, 'id')))"
		    : wide ? " AND (instr(c.name, :text) > 0 OR c.id IN (SELECT case_id FROM"
		             " dist_person WHERE name >= :text AND name < :text || char(1114111)))"
		           : " AND (instr(c.number, :text) > 0 OR instr(c.name, :text) > 0"
		             " OR c.id IN (SELECT case_id FROM dist_person WHERE name >= :text"
		             " AND name < :text || char(1114111)))");
		strcat(sql, part);
	}
	strcat(sql, " ORDER BY c.unit_code, c.number");
	bf_stmt st;
	ck_assert_msg(bf_db_prepare(db, &st, sql) == 0, "%s", db->errmsg);
	static const char *const names[] = {":unit", ":dec", ":text", ":textu"};
	const char *values[] = {f->unit_code, f->decision, f->text, up};
	for (size_t i = 0; i < BF_ARRAY_LEN(names); i++)
		if (sqlite3_bind_parameter_index(st.s, names[i]))
			ck_assert_int_eq(bf_bind_text(&st, names[i], values[i]), 0);
	if (f->category)
		ck_assert_int_eq(bf_bind_int(&st, ":cat", f->category), 0);
	memset(t, 0, sizeof *t);
	size_t n = 0;
	while (bf_step(&st) == SQLITE_ROW) {
		struct bf_dist_case c = {.amount = sqlite3_column_int64(st.s, 2),
		                         .final_amount = sqlite3_column_int64(st.s, 3)};
		bf_strlcpy(c.decision, (const char *)sqlite3_column_text(st.s, 1),
		           sizeof c.decision);
		bf_dist_totals_add(t, &c, 1);
		ids[n++] = sqlite3_column_int64(st.s, 0);
	}
	bf_finalize(&st);
	return n;
}

/* The search (issue 17) finds what the old query found: the same files in
 * the same order, the same totals, for every kind of text (a name's part, a
 * member's name's beginning and not its middle, number and mask digits, a
 * whole ID number, lower-case x, nothing) under every other filter; the
 * list, the totals, the pages forward and back, and the one-file test. */
START_TEST(search_as_the_old_query)
{
	bf_db db;
	open_district(&db, "d.db");
	three_units(&db);
	bf_error err = {{0}};
	ck_assert_int_eq(
	    bf_dist_decide(&db, case_id(&db, "U001", "2026-0001"), "accept", 0, NULL, NULL, &err),
	    0);
	ck_assert_int_eq(bf_dist_decide(&db, case_id(&db, "U002", "2026-0002"), "accept", 250000,
	                                NULL, NULL, &err),
	                 0);
	ck_assert_int_eq(bf_dist_decide(&db, case_id(&db, "U003", "2026-0001"), "return", 0,
	                                "材料不全", "draft", &err),
	                 0);
	static const char *const texts[] = {
	    "张",   "三",        "配",   "配偶", "偶", "2026", "0002", "001",
	    "1101", "2026-0001", "李四", "x",    "zz", "a",    "王芳", "110105198505050055",
	    "0055"};
	const struct bf_dist_filter filters[] = {
	    {0},
	    {.unit_code = "U002"},
	    {.decision = "accept"},
	    {.decision = "pending"},
	    {.category = 1},
	    {.duplicates_only = true},
	    {.unit_code = "U003", .decision = "return"},
	};
	size_t found = 0;
	int64_t all = q_int(&db, "SELECT max(id) FROM dist_case");
	for (size_t i = 0; i < BF_ARRAY_LEN(filters); i++)
		for (size_t j = 0; j <= BF_ARRAY_LEN(texts); j++) {
			struct bf_dist_filter f = filters[i];
			f.text = j < BF_ARRAY_LEN(texts) ? texts[j] : NULL;
			const char *what = f.text ? f.text : "(none)";
			int64_t want_ids[16];
			struct bf_dist_totals want, tot;
			size_t n = old_query(&db, &f, want_ids, &want);
			struct bf_dist_case *rows;
			size_t nl;
			ck_assert_int_eq(bf_dist_list(&db, &f, &rows, &nl, &err), 0);
			ck_assert_msg(nl == n, "filter %zu, \"%s\": list %zu, old %zu", i, what, nl,
			              n);
			ck_assert_int_eq(bf_dist_totals(&db, &f, &tot, &err), 0);
			ck_assert_msg(!memcmp(&tot, &want, sizeof tot),
			              "filter %zu, \"%s\": totals %zu, old %zu", i, what, tot.n,
			              want.n);
			struct bf_dist_case page[16], back[16];
			int np = 0, nb = 0;
			ck_assert_int_eq(bf_dist_page(&db, &f, 0, 0, 16, page, &np, &err), 0);
			ck_assert_int_eq(
			    bf_dist_page(&db, &f, 0, BF_PAGE_BACKWARD, 16, back, &nb, &err), 0);
			ck_assert_int_eq(np, (int)n);
			ck_assert_int_eq(nb, (int)n);
			for (size_t k = 0; k < n; k++) {
				ck_assert_msg(rows[k].id == want_ids[k] &&
				                  page[k].id == want_ids[k] &&
				                  back[k].id == want_ids[k],
				              "filter %zu, \"%s\": row %zu", i, what, k);
				/* one page after another, from each row's key */
				int one = 0;
				struct bf_dist_case next;
				ck_assert_int_eq(
				    bf_dist_page(&db, &f, want_ids[k], 0, 1, &next, &one, &err), 0);
				ck_assert_int_eq(one, k + 1 < n);
				if (one)
					ck_assert_int_eq(next.id, want_ids[k + 1]);
			}
			for (int64_t id = 1; id <= all; id++) {
				bool match = false, in_old = false;
				ck_assert_int_eq(bf_dist_matches(&db, &f, id, &match, &err), 0);
				for (size_t k = 0; k < n; k++)
					in_old |= want_ids[k] == id;
				ck_assert_msg(match == in_old, "filter %zu, \"%s\": file %lld", i,
				              what, (long long)id);
			}
			found += n;
			free(rows);
		}
	ck_assert_uint_gt(found, 40); /* the texts do find files */
	/* a few by name: a member's name by its beginning only; the whole ID
	 * number of U001's spouse and U002's employee */
	struct bf_dist_totals t;
	struct bf_dist_filter f = {.text = "配"};
	ck_assert_int_eq(bf_dist_totals(&db, &f, &t, &err), 0);
	ck_assert_uint_eq(t.n, 2);
	ck_assert_uint_eq(t.n_returned, 1);
	f.text = "偶";
	ck_assert_int_eq(bf_dist_totals(&db, &f, &t, &err), 0);
	ck_assert_uint_eq(t.n, 0);
	f.text = "110105198505050055";
	ck_assert_int_eq(bf_dist_totals(&db, &f, &t, &err), 0);
	ck_assert_uint_eq(t.n, 2);
	f = (struct bf_dist_filter){.text = "2026", .decision = "accept"};
	ck_assert_int_eq(bf_dist_totals(&db, &f, &t, &err), 0);
	ck_assert_uint_eq(t.n, 2);
	ck_assert_int_eq(t.accepted, 200000 + 250000);
	ck_assert_int_eq(t.proposed, 200000 + 300000);
	int w = 0;
	ck_assert_int_eq(bf_dist_number_width(&db, &w, &err), 0);
	ck_assert_int_eq(w, 9);
	bf_db_close(&db);
}
END_TEST

/* Every refusal: rc 1, the verdict named, and not a row written. */
static void expect_refused(bf_db *db, const char *what, const char *buf, size_t len,
                           enum bf_pkg_result verdict, const char *words)
{
	char *before = dump(db);
	struct bf_import_result r;
	bf_error err = {{0}};
	int rc = bf_district_import(db, buf, len, &r, &err);
	ck_assert_msg(rc == 1, "%s: rc %d (%s)", what, rc, err.msg);
	ck_assert_msg(r.verdict == verdict, "%s: verdict %s, wanted %s (%s)", what,
	              bf_pkg_result_code(r.verdict), bf_pkg_result_code(verdict), err.msg);
	ck_assert_msg(strstr(err.msg, words) != NULL, "%s: \"%s\" lacks \"%s\"", what, err.msg,
	              words);
	ck_assert_ptr_null(r.diff);
	char *after = dump(db);
	ck_assert_msg(strcmp(before, after) == 0, "%s wrote something", what);
	free(before);
	free(after);
	bf_import_result_free(&r);
}

static struct pkg copy_pkg(struct pkg p)
{
	struct pkg c = {malloc(p.len + 1), p.len};
	ck_assert_ptr_nonnull(c.buf);
	memcpy(c.buf, p.buf, p.len);
	c.buf[p.len] = '\0';
	return c;
}

START_TEST(refusals_write_nothing)
{
	bf_db db;
	open_district(&db, "d.db");
	three_units(&db);
	/* a revision 2 of U001's batch is here, so revision 1 is older */
	struct fx_case rev2[] = {u1_cases[0], u1_cases[1]};
	rev2[0].note = "修改";
	struct pkg good = make_pkg(&units[0], "2026-01", 2, rev2, 2);
	struct bf_import_result r;
	import_ok(&db, good, &r);
	bf_import_result_free(&r);
	struct pkg fresh = make_pkg(&units[0], "2026-02", 1, u1_cases, 1);

	expect_refused(&db, "not a package", "hello, world\n", 13, BF_PKG_NOT_PACKAGE,
	               "not a bangfu package");
	struct pkg p = copy_pkg(fresh);
	p.buf[strlen(BF_PKG_MAGIC) + 1] = '1'; /* version 1: content in plain, refused */
	expect_refused(&db, "wrong version", p.buf, p.len, BF_PKG_WRONG_VERSION, "version 1");
	free(p.buf);
	expect_refused(&db, "truncated", fresh.buf, fresh.len - 40, BF_PKG_TRUNCATED, "truncated");
	expect_refused(&db, "truncated in the content", fresh.buf, fresh.len / 2, BF_PKG_TRUNCATED,
	               "truncated");
	p = copy_pkg(fresh);
	/* the sealed content shows no name: a byte of it changed */
	ck_assert_ptr_null(memmem(p.buf, p.len, "张三", strlen("张三")));
	char *at = strstr(p.buf, "\n\n");
	ck_assert_ptr_nonnull(at);
	at[60] ^= 0x10;
	expect_refused(&db, "corrupted", p.buf, p.len, BF_PKG_CORRUPTED, "corrupted");
	free(p.buf);
	/* tampered: the header changed after signing (the content still matches) */
	p = copy_pkg(fresh);
	at = strstr(p.buf, "created: 2026");
	ck_assert_ptr_nonnull(at);
	at[strlen("created: 202")] = '7';
	expect_refused(&db, "tampered", p.buf, p.len, BF_PKG_TAMPERED, "tampered");
	free(p.buf);
	p = make_pkg_opt(&units[0], "submission", "2026-02", 1, u1_cases, 1, NULL);
	expect_refused(&db, "unsigned", p.buf, p.len, BF_PKG_UNSIGNED, "unsigned");
	free(p.buf);
	/* signed with a key that is not U001's */
	struct unit_key stranger = units[0];
	bf_pkg_keygen(stranger.pk, stranger.sk);
	p = make_pkg(&stranger, "2026-02", 1, u1_cases, 1);
	expect_refused(&db, "another key", p.buf, p.len, BF_PKG_UNKNOWN_KEY, "unknown key");
	free(p.buf);
	/* a unit nobody registered */
	struct unit_key u9 = {"U009", "不知名单位", {0}, {0}};
	bf_pkg_keygen(u9.pk, u9.sk);
	p = make_pkg(&u9, "2026-01", 1, u1_cases, 1);
	expect_refused(&db, "unknown key", p.buf, p.len, BF_PKG_UNKNOWN_KEY, "U009");
	free(p.buf);
	p = make_pkg_opt(&units[0], "reply", "2026-02", 1, u1_cases, 1, units[0].sk);
	expect_refused(&db, "wrong kind", p.buf, p.len, BF_PKG_WRONG_KIND, "kind");
	free(p.buf);
	/* signed by a registered unit, but made for another district union */
	to_code = "D02";
	p = make_pkg(&units[0], "2026-02", 1, u1_cases, 1);
	to_code = "D01";
	expect_refused(&db, "another district", p.buf, p.len, BF_PKG_WRONG_RECIPIENT, "D02");
	free(p.buf);
	/* addressed here but sealed to another key (the unit holds an old key
	 * of the district's): refused, naming it */
	{
		uint8_t keep[32], other_sk[64];
		memcpy(keep, dist_pk, 32);
		bf_pkg_keygen(dist_pk, other_sk);
		p = make_pkg(&units[0], "2026-02", 1, u1_cases, 1);
		memcpy(dist_pk, keep, 32);
		expect_refused(&db, "sealed to another key", p.buf, p.len, BF_PKG_WRONG_RECIPIENT,
		               "sealed to another key");
		free(p.buf);
	}
	/* header and content disagree (the content says revision 1, the header 2) */
	{
		char *content = content_of(&units[0], "2026-02", 1, u1_cases, 1);
		struct bf_pkg_header h;
		header_for(&h, &units[0], "submission", "2026-02", 2, 1);
		bf_error err = {{0}};
		ck_assert(bf_pkg_seal(&h, content, strlen(content), units[0].sk, dist_pk, &p.buf,
		                      &p.len, &err) == 0);
		free(content);
		expect_refused(&db, "header and content", p.buf, p.len, BF_PKG_MALFORMED,
		               "revision");
		free(p.buf);
	}
	/* malformed content: a case without an amount */
	{
		const char *content =
		    "{\"format\":\"bangfu-submission\",\"version\":1,\"unit\":{\"code\":\"U001\","
		    "\"name\":\"x\"},\"batch\":{\"id\":\"2026-02\",\"revision\":1},\"cases\":[{"
		    "\"number\":\"1\",\"name\":\"a\",\"id_number\":\"1\",\"category\":1,"
		    "\"members\":[{\"name\":\"a\",\"relation\":\"self\"}]}]}";
		struct bf_pkg_header h;
		header_for(&h, &units[0], "submission", "2026-02", 1, 1);
		bf_error err = {{0}};
		ck_assert(bf_pkg_seal(&h, content, strlen(content), units[0].sk, dist_pk, &p.buf,
		                      &p.len, &err) == 0);
		expect_refused(&db, "malformed content", p.buf, p.len, BF_PKG_MALFORMED, "amount");
		free(p.buf);
	}
	/* an older revision than the one imported (not the very file imported
	 * before: that would be "already imported") */
	struct fx_case rev1[] = {u1_cases[0], u1_cases[1]};
	rev1[1].note = "另一份";
	p = make_pkg(&units[0], "2026-01", 1, rev1, 2);
	expect_refused(&db, "older revision", p.buf, p.len, BF_PKG_OK, "older revision");
	{
		/* several at once, all or nothing (issue 18): a good package given
		 * before the older revision is not imported either, and the
		 * refused one is named */
		char *before = dump(&db);
		const char *bufs[] = {fresh.buf, p.buf};
		size_t lens[] = {fresh.len, p.len}, refused = 9;
		struct bf_import_result rs[2];
		bf_error err = {{0}};
		ck_assert_int_eq(bf_district_import_many(&db, bufs, lens, 2, rs, &refused, &err),
		                 1);
		ck_assert_uint_eq(refused, 1);
		ck_assert_msg(strstr(err.msg, "older revision"), "%s", err.msg);
		char *after = dump(&db);
		ck_assert_msg(strcmp(before, after) == 0, "the good package was imported");
		free(before);
		free(after);
		bf_import_result_free(&rs[0]);
		bf_import_result_free(&rs[1]);
	}
	free(p.buf);
	/* the same revision from another file */
	rev2[1].note = "又改";
	p = make_pkg(&units[0], "2026-01", 2, rev2, 2);
	expect_refused(&db, "same revision, other file", p.buf, p.len, BF_PKG_OK, "different file");
	free(p.buf);
	/* without the permission (a clerk; the district database's administrator
	 * does the district's work) */
	bf_account_logout(&db);
	login(&db, "qian", "qian-password");
	expect_refused(&db, "no permission", fresh.buf, fresh.len, BF_PKG_OK, "may not");
	bf_account_logout(&db);
	login(&db, "zhao", "zhao-password");
	/* and the good one goes in after all that */
	import_ok(&db, fresh, &r);
	bf_import_result_free(&r);

	/* require_signature 0: unsigned and unregistered are let in, and say so */
	bf_error err = {{0}};
	ck_assert_int_ne(bf_setting_set(&db, "require_signature", "0", &err), 0); /* not staff's */
	login(&db, "boss", "boss-password");
	ck_assert_int_eq(bf_setting_set(&db, "require_signature", "0", &err), 0);
	login(&db, "zhao", "zhao-password");
	p = make_pkg_opt(&units[1], "submission", "2026-02", 1, u2_cases + 1, 1, NULL);
	import_ok(&db, p, &r);
	ck_assert(r.unverified);
	ck_assert(!r.header.is_signed);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM dist_package WHERE unit_code = 'U002'"
	                            " AND batch = '2026-02' AND signed = 0 AND public_key IS NULL"),
	                 1);
	bf_import_result_free(&r);
	free(p.buf);
	p = make_pkg(&u9, "2026-01", 1, u1_cases, 1);
	import_ok(&db, p, &r);
	ck_assert(r.unverified);
	ck_assert(r.header.is_signed);
	bf_import_result_free(&r);
	free(p.buf);
	/* a key other than the registered one is refused even so */
	p = make_pkg(&stranger, "2026-05", 1, u1_cases, 1);
	expect_refused(&db, "another key, signatures optional", p.buf, p.len, BF_PKG_UNKNOWN_KEY,
	               "unknown key");
	free(p.buf);
	free(good.buf);
	free(fresh.buf);
	bf_db_close(&db);

	/* a unit's database refuses, writing nothing */
	char path[700];
	snprintf(path, sizeof path, "%s/unit.db", tmpdir);
	ck_assert_int_eq(bf_store_open(&db, path, BF_DB_CREATE, &err), 0);
	tu_key(&db);
	struct bf_account_new seed[] = {{"boss", NULL, BF_ROLE_ADMIN, "boss-password"}};
	ck_assert_int_eq(bf_account_seed(&db, seed, 1, &err), 0);
	login(&db, "boss", "boss-password");
	struct bf_unit u = {.name = "第一机械厂", .code = "U001"};
	ck_assert_msg(bf_unit_save(&db, &u, &err) == 0, "%s", err.msg);
	p = make_pkg(&units[0], "2026-01", 1, u1_cases, 2);
	expect_refused(&db, "a unit's database", p.buf, p.len, BF_PKG_OK, "--district-mode");
	free(p.buf);
	bf_db_close(&db);
}
END_TEST

START_TEST(same_package_twice)
{
	bf_db db;
	open_district(&db, "d.db");
	struct pkg p = make_pkg(&units[0], "2026-01", 1, u1_cases, 2);
	struct bf_import_result r;
	import_ok(&db, p, &r);
	ck_assert(!r.already);
	bf_import_result_free(&r);
	bf_error err = {{0}};
	ck_assert_int_eq(
	    bf_dist_decide(&db, case_id(&db, "U001", "2026-0001"), "accept", 0, NULL, NULL, &err),
	    0);
	char *before = dump(&db);
	import_ok(&db, p, &r);
	ck_assert(r.already);
	ck_assert_ptr_null(r.diff);
	bf_import_result_free(&r);
	char *after = dump(&db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	free(p.buf);
	bf_db_close(&db);
}
END_TEST

/* A dist_case row's ID number and data, opened (SQL). */
#define OPEN_ID "bf_open(id_number, 'dist_case.id_number', unit_code || ':' || number)"
#define OPEN_DATA "bf_open(data, 'dist_case.data', unit_code || ':' || number)"

START_TEST(newer_revision_supersedes)
{
	bf_db db;
	open_district(&db, "d.db");
	struct fx_case v1[] = {
	    {"2026-0001", "张三", "110105198001010011", NULL, 1, 200000, NULL},
	    {"2026-0002", "李四", "110105198002020022", NULL, 2, 150000, NULL},
	    {"2026-0003", "王五", "110105198003030033", NULL, 3, 100000, NULL},
	    {"2026-0004", "钱六", "110105198004040044", NULL, 4, 90000, NULL},
	    {"2026-0006", "周八", "110105198006060066", NULL, 1, 120000, NULL},
	};
	struct pkg p1 = make_pkg(&units[0], "2026-01", 1, v1, 5);
	struct bf_import_result r;
	import_ok(&db, p1, &r);
	bf_import_result_free(&r);
	bf_error err = {{0}};
	int64_t id1 = case_id(&db, "U001", "2026-0001"), id2 = case_id(&db, "U001", "2026-0002");
	ck_assert_int_eq(bf_dist_decide(&db, id1, "accept", 180000, NULL, NULL, &err), 0);
	ck_assert_int_eq(bf_dist_decide(&db, id2, "accept", 0, NULL, NULL, &err), 0);
	/* 0006 is accepted and settled: the unit leaves it out of revision 2 */
	int64_t id6 = case_id(&db, "U001", "2026-0006");
	ck_assert_int_eq(bf_dist_decide(&db, id6, "accept", 0, NULL, NULL, &err), 0);
	ck_assert_int_eq(bf_dist_decide(&db, case_id(&db, "U001", "2026-0004"), "return", 0,
	                                "收入证明不全", "docs_complete", &err),
	                 0);
	/* revision 2: 0001 the same, 0002 a new amount and a spouse, 0003 and 0004
	 * gone, 0005 new */
	struct fx_case v2[] = {
	    v1[0],
	    {"2026-0002", "李四", "110105198002020022", "110105198502020022", 2, 160000, NULL},
	    {"2026-0005", "孙七", "110105198005050055", NULL, 5, 70000, NULL},
	};
	struct pkg p2 = make_pkg(&units[0], "2026-01", 2, v2, 3);
	struct bf_dist_case c6;
	import_ok(&db, p2, &r);
	ck_assert(r.superseded);
	ck_assert_int_eq(r.old_revision, 1);
	ck_assert_uint_eq(r.added, 1);
	ck_assert_uint_eq(r.removed, 2);
	ck_assert_uint_eq(r.changed, 1);
	ck_assert_uint_eq(r.unchanged, 1);
	ck_assert_uint_eq(r.n_cases, 3);
	assert_has(r.diff, "+ 2026-0005 孙七");
	assert_has(r.diff, "- 2026-0003 王五");
	assert_has(r.diff, "- 2026-0004 钱六 (was returned)");
	assert_has(r.diff, "~ 2026-0002 李四: amount, household_size, members (1 → 2), review");
	assert_has(r.diff, "(was accepted: back to pending)");
	ck_assert_ptr_null(strstr(r.diff, "2026-0001"));
	assert_has(r.diff, "= 2026-0006 周八 (accepted already: kept)");
	bf_import_result_free(&r);
	/* every row written (added and changed ones, sealed on the second core)
	 * holds its own ID number and data, sealed to its unit and number, with
	 * the ID's blind index and mask */
	ck_assert_int_eq(q_int(&db,
	                       "SELECT count(*) FROM dist_case WHERE id_number LIKE 'bf1:%'"
	                       " AND data LIKE 'bf1:%' AND id_bidx = bf_bidx(" OPEN_ID ", 'id')"
	                       " AND id_mask = bf_id_mask(" OPEN_ID ") AND " OPEN_ID " ="
	                       " json_extract(" OPEN_DATA ", '$.id_number')"
	                       " AND json_extract(" OPEN_DATA ", '$.number') = number"
	                       " AND json_extract(" OPEN_DATA ", '$.amount') = amount"),
	                 4);
	ck_assert_int_eq(q_int(&db, "SELECT json_extract(" OPEN_DATA ", '$.amount') FROM dist_case"
	                            " WHERE number = '2026-0002'"),
	                 160000);
	ck_assert_int_eq(bf_dist_case_load(&db, id6, &c6, NULL, &err), 0);
	ck_assert_str_eq(c6.decision, "accept"); /* not in the revision, kept */
	ck_assert_int_eq(c6.final_amount, 120000);

	struct bf_dist_case c;
	ck_assert_int_eq(bf_dist_case_load(&db, id1, &c, NULL, &err), 0);
	ck_assert_str_eq(c.decision, "accept"); /* unchanged: kept */
	ck_assert_int_eq(c.final_amount, 180000);
	ck_assert_int_eq(bf_dist_case_load(&db, id2, &c, NULL, &err), 0);
	ck_assert_str_eq(c.decision, "pending"); /* changed: back to pending */
	ck_assert_int_eq(c.amount, 160000);
	ck_assert_int_eq(c.final_amount, 0);
	ck_assert_int_eq(c.household_size, 2);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM dist_person p JOIN dist_case c"
	                            " ON c.id = p.case_id WHERE c.number = '2026-0002'"),
	                 2);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM dist_case"), 4);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM dist_person"), 5);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM dist_package p1 JOIN dist_package p2"
	                            " ON p1.superseded_by = p2.id WHERE p1.revision = 1"
	                            " AND p2.revision = 2"),
	                 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM dist_case WHERE package_id ="
	                            " (SELECT id FROM dist_package WHERE revision = 2)"),
	                 3);
	/* the deletions and the move back to pending are in the audit log */
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'dist_case'"
	                            " AND action = 'delete'"),
	                 2);
	/* revision 3: a file moves to another form value only */
	v2[2].note = "补充说明";
	struct pkg p3 = make_pkg(&units[0], "2026-01", 3, v2, 3);
	import_ok(&db, p3, &r);
	ck_assert_uint_eq(r.changed, 1);
	assert_has(r.diff, "~ 2026-0005 孙七: form.note");
	bf_import_result_free(&r);
	/* revision 4: the same files, written differently (indented, keys
	 * sorted): nothing changed, the decision on 0001 kept */
	dump_flags = JSON_INDENT(2) | JSON_SORT_KEYS;
	struct pkg p4 = make_pkg(&units[0], "2026-01", 4, v2, 3);
	dump_flags = JSON_COMPACT;
	import_ok(&db, p4, &r);
	ck_assert(r.superseded);
	ck_assert_uint_eq(r.changed, 0);
	ck_assert_uint_eq(r.unchanged, 3);
	ck_assert_ptr_null(r.diff);
	bf_import_result_free(&r);
	ck_assert_int_eq(bf_dist_case_load(&db, id1, &c, NULL, &err), 0);
	ck_assert_str_eq(c.decision, "accept");
	free(p4.buf);
	free(p1.buf);
	free(p2.buf);
	free(p3.buf);
	bf_db_close(&db);
}
END_TEST

START_TEST(decision_rules)
{
	bf_db db;
	open_district(&db, "d.db");
	three_units(&db);
	bf_error err = {{0}};
	int64_t a = case_id(&db, "U001", "2026-0001"), b = case_id(&db, "U001", "2026-0002");
	struct bf_dist_case c;
	/* accept with 0: the proposed amount */
	ck_assert_int_eq(bf_dist_decide(&db, a, "accept", 0, NULL, NULL, &err), 0);
	ck_assert_int_eq(bf_dist_case_load(&db, a, &c, NULL, &err), 0);
	ck_assert_str_eq(c.decision, "accept");
	ck_assert_int_eq(c.final_amount, 200000);
	ck_assert_str_eq(c.decided_by, "zhao");
	ck_assert(c.decided_at[0]);
	/* return needs a reason and a state the district may send it back to */
	ck_assert_int_eq(bf_dist_decide(&db, b, "return", 0, "", "draft", &err), 1);
	ck_assert_int_eq(bf_dist_decide(&db, b, "return", 0, "材料不全", NULL, &err), 1);
	ck_assert_int_eq(bf_dist_decide(&db, b, "return", 0, "材料不全", "submitted", &err), 1);
	ck_assert_int_eq(bf_dist_decide(&db, b, "accept", -5, NULL, NULL, &err), 1);
	ck_assert_int_eq(bf_dist_decide(&db, b, "maybe", 0, NULL, NULL, &err), 1);
	ck_assert_int_eq(bf_dist_decide(&db, 999999, "accept", 0, NULL, NULL, &err), 1);
	ck_assert_int_eq(bf_dist_case_load(&db, b, &c, NULL, &err), 0);
	ck_assert_str_eq(c.decision, "pending");
	ck_assert_int_eq(bf_dist_decide(&db, b, "return", 0, " 材料不全 ", "docs_complete", &err),
	                 0);
	ck_assert_int_eq(bf_dist_case_load(&db, b, &c, NULL, &err), 0);
	ck_assert_str_eq(c.decision, "return");
	ck_assert_str_eq(c.reason, "材料不全");
	ck_assert_str_eq(c.back_to, "docs_complete");
	/* undo before any reply */
	ck_assert_int_eq(bf_dist_decide(&db, b, "pending", 0, NULL, NULL, &err), 0);
	ck_assert_int_eq(bf_dist_case_load(&db, b, &c, NULL, &err), 0);
	ck_assert_str_eq(c.decision, "pending");
	ck_assert_str_eq(c.reason, "");
	ck_assert_str_eq(c.decided_by, "");
	/* a reply sent: no undo, but a change is allowed */
	char *out;
	size_t len, n;
	ck_assert_msg(bf_dist_reply(&db, "U001", &out, &len, &n, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(n, 1);
	free(out);
	ck_assert_int_eq(bf_dist_decide(&db, a, "pending", 0, NULL, NULL, &err), 1);
	assert_has(err.msg, "cannot be undone");
	ck_assert_int_eq(bf_dist_decide(&db, a, "accept", 150000, NULL, NULL, &err), 0);
	ck_assert_int_eq(bf_dist_case_load(&db, a, &c, NULL, &err), 0);
	ck_assert_int_eq(c.final_amount, 150000);
	/* each decision is in the audit log */
	ck_assert_int_ge(q_int(&db, "SELECT count(*) FROM audit_log WHERE tbl = 'dist_case'"
	                            " AND action = 'update'"),
	                 5);
	/* a clerk may not decide; the district database's administrator may */
	bf_account_logout(&db);
	login(&db, "qian", "qian-password");
	ck_assert_int_eq(bf_dist_decide(&db, b, "accept", 0, NULL, NULL, &err), 1);
	ck_assert_int_eq(bf_dist_reply(&db, "U001", &out, &len, &n, &err), 1);
	bf_account_logout(&db);
	login(&db, "boss", "boss-password");
	ck_assert_int_eq(bf_dist_decide(&db, b, "pending", 0, NULL, NULL, &err), 0);
	bf_db_close(&db);
}
END_TEST

START_TEST(reply_package)
{
	bf_db db;
	open_district(&db, "d.db");
	three_units(&db);
	bf_error err = {{0}};
	char *out = NULL;
	size_t len, n;
	/* nothing decided yet */
	ck_assert_int_eq(bf_dist_reply(&db, "U002", &out, &len, &n, &err), 1);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(bf_dist_reply(&db, "U404", &out, &len, &n, &err), 1);
	ck_assert_int_eq(bf_dist_decide(&db, case_id(&db, "U002", "2026-0001"), "accept", 120000,
	                                NULL, NULL, &err),
	                 0);
	ck_assert_int_eq(bf_dist_decide(&db, case_id(&db, "U002", "2026-0002"), "return", 0,
	                                "与第一机械厂重复申报", "approved", &err),
	                 0);
	ck_assert_int_eq(
	    bf_dist_decide(&db, case_id(&db, "U001", "2026-0001"), "accept", 0, NULL, NULL, &err),
	    0);
	ck_assert_msg(bf_dist_reply(&db, "U002", &out, &len, &n, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(n, 2);
	struct bf_pkg_header h;
	const char *content;
	size_t clen;
	ck_assert_int_eq(bf_pkg_open(out, len, &h, &content, &clen, &err), BF_PKG_OK);
	ck_assert_str_eq(h.kind, "reply");
	ck_assert_str_eq(h.from_code, "D01");
	ck_assert_str_eq(h.to_code, "U002");
	ck_assert_str_eq(h.to_name, "红星纺织公司");
	ck_assert_int_eq(h.cases, 2);
	ck_assert(h.is_signed);
	uint8_t pk[32], sk[64];
	ck_assert_int_eq(bf_key_secret(&db, pk, sk, &err), 0);
	ck_assert_mem_eq(h.public_key, pk, 32);
	/* sealed to the unit's registered key: only it opens the reply */
	ck_assert_mem_eq(h.sealed_to, units[1].pk, 32);
	char *plain;
	size_t plen;
	ck_assert_int_eq(bf_pkg_unseal(&h, content, clen, sk, &plain, &plen, &err),
	                 BF_PKG_WRONG_RECIPIENT);
	ck_assert_int_eq(bf_pkg_unseal(&h, content, clen, units[1].sk, &plain, &plen, &err),
	                 BF_PKG_OK);
	struct bf_pkg_reply rep;
	ck_assert_msg(bf_pkg_parse_reply(plain, plen, &rep, &err) == BF_PKG_OK, "%s", err.msg);
	bf_pkg_content_free(plain, plen);
	ck_assert_str_eq(rep.district_code, "D01");
	ck_assert_str_eq(rep.unit_code, "U002");
	ck_assert_uint_eq(rep.n, 2);
	ck_assert_str_eq(rep.decisions[0].number, "2026-0001");
	ck_assert_str_eq(rep.decisions[0].batch, "2026-01");
	ck_assert_int_eq(rep.decisions[0].decision, BF_PKG_ACCEPT);
	ck_assert_int_eq(rep.decisions[0].amount, 120000);
	ck_assert_str_eq(rep.decisions[0].decided_by, "zhao");
	ck_assert_int_eq(rep.decisions[1].decision, BF_PKG_RETURN);
	ck_assert_str_eq(rep.decisions[1].reason, "与第一机械厂重复申报");
	ck_assert_str_eq(rep.decisions[1].back_to, "approved");
	bf_pkg_reply_free(&rep);
	free(out);
	/* a change after the reply: the next reply carries it */
	ck_assert_int_eq(
	    bf_dist_decide(&db, case_id(&db, "U002", "2026-0002"), "accept", 0, NULL, NULL, &err),
	    0);
	ck_assert_int_eq(bf_dist_reply(&db, "U002", &out, &len, &n, &err), 0);
	ck_assert_int_eq(bf_pkg_open(out, len, &h, &content, &clen, &err), BF_PKG_OK);
	ck_assert_int_eq(bf_pkg_unseal(&h, content, clen, units[1].sk, &plain, &plen, &err),
	                 BF_PKG_OK);
	ck_assert_int_eq(bf_pkg_parse_reply(plain, plen, &rep, &err), BF_PKG_OK);
	bf_pkg_content_free(plain, plen);
	ck_assert_int_eq(rep.decisions[1].decision, BF_PKG_ACCEPT);
	ck_assert_int_eq(rep.decisions[1].amount, 300000);
	bf_pkg_reply_free(&rep);
	free(out);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM dist_case WHERE unit_code = 'U002'"
	                            " AND replied_at IS NOT NULL"),
	                 2);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM dist_case WHERE unit_code = 'U001'"
	                            " AND replied_at IS NOT NULL"),
	                 0);
	bf_db_close(&db);
}
END_TEST

START_TEST(summary_and_xlsx)
{
	bf_db db;
	open_district(&db, "d.db");
	three_units(&db);
	bf_error err = {{0}};
	ck_assert_int_eq(bf_dist_decide(&db, case_id(&db, "U001", "2026-0001"), "accept", 190000,
	                                NULL, NULL, &err),
	                 0);
	ck_assert_int_eq(bf_dist_decide(&db, case_id(&db, "U001", "2026-0002"), "return", 0, "重复",
	                                "draft", &err),
	                 0);
	struct bf_dist_summary_row *rows;
	size_t n;
	ck_assert_msg(bf_dist_summary(&db, &rows, &n, &err) == 0, "%s", err.msg);
	/* U001: categories 1, 2, total; U002: 1, 3, total; U003: 4, 5, total */
	ck_assert_uint_eq(n, 9);
	ck_assert_str_eq(rows[0].unit_code, "U001");
	ck_assert_int_eq(rows[0].category, 1);
	ck_assert_uint_eq(rows[0].n_accepted, 1);
	ck_assert_int_eq(rows[0].proposed, 200000);
	ck_assert_int_eq(rows[0].final, 190000);
	ck_assert_int_eq(rows[1].category, 2);
	ck_assert_uint_eq(rows[1].n_returned, 1);
	ck_assert_int_eq(rows[1].final, 0);
	ck_assert_int_eq(rows[2].category, 0);
	ck_assert_str_eq(rows[2].unit_code, "U001");
	ck_assert_uint_eq(rows[2].n_cases, 2);
	ck_assert_int_eq(rows[2].proposed, 350000);
	ck_assert_int_eq(rows[2].final, 190000);
	ck_assert_int_eq(rows[5].category, 0);
	ck_assert_str_eq(rows[5].unit_code, "U002");
	ck_assert_uint_eq(rows[5].n_pending, 2);
	ck_assert_int_eq(rows[5].proposed, 400000);
	ck_assert_int_eq(rows[8].category, 0);
	ck_assert_str_eq(rows[8].unit_name, "城东供电所");
	char path[700];
	snprintf(path, sizeof path, "%s/summary.xlsx", tmpdir);
	bf_outfile *o = bf_outfile_open(path, 0, &err);
	ck_assert_msg(
	    o && bf_outfile_finish(o, bf_xlsx_district_summary(o, rows, n, "某某区总工会", &err),
	                           &err) == 0,
	    "%s", err.msg);
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	char magic[2] = {0};
	ck_assert_uint_eq(fread(magic, 1, 2, f), 2);
	fclose(f);
	ck_assert(magic[0] == 'P' && magic[1] == 'K');
	snprintf(path, sizeof path, "%s/no/such/dir/summary.xlsx", tmpdir);
	ck_assert_ptr_null(bf_outfile_open(path, 0, &err));
	assert_has(err.msg, "summary.xlsx");
	free(rows);
	/* summaries need "consolidate" */
	bf_account_logout(&db);
	login(&db, "qian", "qian-password");
	ck_assert_int_eq(bf_dist_summary(&db, &rows, &n, &err), 1);
	bf_db_close(&db);
}
END_TEST

/* Attachment 1 is the district's to make, from the imported package: the
 * files with full numbers, ID and bank numbers as text, the file 0600, its
 * reveal recorded naming it; a unit or batch not imported is refused. */
START_TEST(attachment1_from_the_imported_package)
{
	bf_db db;
	open_district(&db, "d.db");
	three_units(&db);
	bf_error err = {{0}};
	struct bf_pkg_submission s;
	ck_assert_msg(bf_dist_batch_content(&db, "U001", NULL, &s, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(s.unit_code, "U001");
	ck_assert_str_eq(s.batch, "2026-01");
	ck_assert_int_eq(s.revision, 1);
	ck_assert_uint_eq(s.n_cases, 2);
	ck_assert_str_eq(s.cases[1].id_number, "110105198002020022");
	ck_assert_uint_eq(s.cases[1].n_people, 2);
	ck_assert_str_eq(s.cases[1].people[1].id_number, "110105198505050055");
	assert_has(s.cases[0].json, "6222021234567890128");
	bf_pkg_submission_free(&s);
	ck_assert_int_eq(bf_dist_batch_content(&db, "U001", "2026-09", &s, &err), 1);
	assert_has(err.msg, "2026-09");
	ck_assert_int_eq(bf_dist_batch_content(&db, "U404", NULL, &s, &err), 1);
	assert_has(err.msg, "U404");

	char path[700];
	snprintf(path, sizeof path, "%s/U002-attachment1.xlsx", tmpdir);
	int64_t before = q_int(&db, "SELECT count(*) FROM reveal_event");
	ck_assert_msg(bf_dist_attachment1_export(&db, "U002", "2026-01", path, 0, NULL, &err) == 0,
	              "%s", err.msg);
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM reveal_event"), before + 1);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM reveal_event WHERE purpose LIKE"
	                            " '%U002-attachment1.xlsx'"),
	                 1);
	char cmd[1600], line[256];
	snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/sharedStrings.xml", path);
	FILE *f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	bool id = false, card = false;
	while (fgets(line, sizeof line, f)) {
		id = id || strstr(line, u2_cases[0].id) != NULL;
		card = card || strstr(line, "6222021234567890128") != NULL;
	}
	pclose(f);
	ck_assert(id && card);
	/* needs "export_full" and "consolidate": a clerk has neither; the district
	 * database's administrator has the district staff's */
	bf_account_logout(&db);
	login(&db, "qian", "qian-password");
	ck_assert_int_eq(bf_dist_batch_content(&db, "U001", NULL, &s, &err), 1);
	ck_assert_ptr_nonnull(strstr(err.msg, "may not"));
	bf_account_logout(&db);
	login(&db, "boss", "boss-password");
	ck_assert_msg(bf_dist_batch_content(&db, "U001", NULL, &s, &err) == 0, "%s", err.msg);
	bf_pkg_submission_free(&s);
	bf_db_close(&db);
}
END_TEST

/* Codes are codes (issue 13): a key file or a package whose codes are not
 * 1..16 of [A-Za-z0-9_-] is refused, naming the field. */
START_TEST(bad_codes_refused)
{
	bf_db db;
	open_district(&db, "d.db");
	bf_error err = {{0}};
	struct unit_key evil = {"../../x", "某厂", {0}, {0}};
	bf_pkg_keygen(evil.pk, evil.sk);
	struct bf_pkg_keyfile k = {0};
	bf_strlcpy(k.code, evil.code, sizeof k.code);
	bf_strlcpy(k.name, evil.name, sizeof k.name);
	bf_strlcpy(k.kind, "unit", sizeof k.kind);
	memcpy(k.pk, evil.pk, 32);
	ck_assert_int_eq(bf_key_trust(&db, &k, false, &err), 1);
	ck_assert_msg(strstr(err.msg, "The key file's code \"../../x\""), "%s", err.msg);
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM trusted_key WHERE code = '../../x'"), 0);
	/* registered behind the program's back, its package is refused all the same */
	bf_stmt st;
	ck_assert_int_eq(bf_db_prepare(&db, &st,
	                               "INSERT INTO trusted_key (code, name, kind, public_key,"
	                               " added_at, added_by) VALUES ('../../x', 'x', 'unit', :pk,"
	                               " 'now', 'zhao')"),
	                 0);
	ck_assert_int_eq(bf_bind_blob(&st, ":pk", evil.pk, 32), 0);
	ck_assert_int_eq(bf_step(&st), SQLITE_DONE);
	bf_finalize(&st);
	struct pkg p = make_pkg(&evil, "2026-01", 1, u1_cases, 1);
	expect_refused(&db, "a unit code with ../", p.buf, p.len, BF_PKG_MALFORMED,
	               "The package's unit code \"../../x\"");
	free(p.buf);
	p = make_pkg(&units[0], "../2026", 1, u1_cases, 1);
	expect_refused(&db, "a batch number with ../", p.buf, p.len, BF_PKG_MALFORMED,
	               "The package's batch number \"../2026\"");
	free(p.buf);
	/* the district's own code at set-up (by the administrator: staff may not
	 * change the unit's details at all) */
	bf_store_set_session(&db, "tester", BF_ROLE_ADMIN);
	struct bf_unit u = {.name = "某某区总工会", .code = "D01/../..", .district_mode = true};
	ck_assert_int_ne(bf_unit_save(&db, &u, &err), 0);
	ck_assert_msg(strstr(err.msg, "Unit code"), "%s", err.msg);
	bf_db_close(&db);
}
END_TEST

/* Control characters in a package's text (issue 13): refused, naming the
 * case and the field, whether raw (a bidi control) or escaped (ESC). */
START_TEST(controls_refused)
{
	bf_db db;
	open_district(&db, "d.db");
	struct fx_case bad[] = {u1_cases[0]};
	bad[0].name = "王\u202e三四";
	struct pkg p = make_pkg(&units[0], "2026-01", 1, bad, 1);
	expect_refused(&db, "a bidi control in a name", p.buf, p.len, BF_PKG_MALFORMED,
	               "\"name\" holds a control character");
	free(p.buf);
	bad[0] = u1_cases[0];
	bad[0].note = "李\x1b]52;c;ZWNobyBwd25lZA==\a四";
	p = make_pkg(&units[0], "2026-01", 1, bad, 1);
	expect_refused(&db, "ESC in the form's note", p.buf, p.len, BF_PKG_MALFORMED,
	               "\"note\" holds a control character");
	free(p.buf);
	bf_db_close(&db);
}
END_TEST

static Suite *district_suite(void)
{
	Suite *s = suite_create("district_store");
	TCase *tc = tcase_create("district");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, three_units_with_duplicates);
	tcase_add_test(tc, search_as_the_old_query);
	tcase_add_test(tc, refusals_write_nothing);
	tcase_add_test(tc, same_package_twice);
	tcase_add_test(tc, newer_revision_supersedes);
	tcase_add_test(tc, decision_rules);
	tcase_add_test(tc, reply_package);
	tcase_add_test(tc, summary_and_xlsx);
	tcase_add_test(tc, attachment1_from_the_imported_package);
	tcase_add_test(tc, bad_codes_refused);
	tcase_add_test(tc, controls_refused);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "", 1);
	setenv("BANGFU_TEST_PWHASH_MIN", "1", 1); /* tests only: cheap hashing */
	Suite *suites[] = {district_suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
