/* case_store.c — cases (case_file, member, case_cause), ID conflicts and
 * drafts. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/coldesc.h"
#include "bangfu/ident.h"
#include "bangfu/pinyin.h"
#include "bangfu/store.h"
#include "bangfu/workflow_store.h"

/* store.c: the year's thresholds inside an open write transaction. */
int bf_store_year_settings_in_txn(bf_db *db, int year, struct bf_year_settings *s);

/* ---- one description per table (coldesc.h) ---------------------------------
 * The columns of case_file and member as struct bf_case and struct
 * bf_member hold them: the SELECT, INSERT and UPDATE are made from these,
 * the rows read into the structs and bound from them by the same entries.
 * Texts are written trimmed, "" as NULL. */

#define CT(col, field) BF_COL(col, BF_FIELD_TEXT, struct bf_case, field, BF_COL_NULL | BF_COL_TRIM)
#define CN(col, field) BF_COL(col, BF_FIELD_NUM, struct bf_case, field, 0)
static const struct bf_col case_cols[] = {
    /* the number, status and revision are written by the code's own
     * assignments (write_case_row) */
    BF_COL("number", BF_FIELD_TEXT, struct bf_case, number, BF_COL_RO),
    CN("year", year),
    BF_COL("status", BF_FIELD_TEXT, struct bf_case, status, BF_COL_RO),
    BF_COL("revision", BF_FIELD_NUM, struct bf_case, revision, BF_COL_RO),
    CT("ethnicity", ethnicity),
    CT("political_status", political_status),
    CT("phone", phone),
    CT("postcode", postcode),
    CT("address", address),
    CT("work_start", work_start),
    CT("industry", industry),
    CT("department", department),
    CT("employer", employer),
    CT("employer_type", employer_type),
    CT("enterprise_status", enterprise_status),
    CT("model_worker", model_worker),
    CT("housing_type", housing_type),
    CT("family_situation", family_situation),
    CT("hardship_cause_text", hardship_cause_text),
    CT("state_of_mind", state_of_mind),
    CT("skills", skills),
    CT("employment_wish", employment_wish),
    CT("bank_name", bank_name),
    CT("bank_branch", bank_branch),
    CT("bank_card", bank_card),
    CT("filed_by", created_by), /* 建档人: see schema/001_init.sql */
    CT("reviewed_by", reviewed_by),
    CT("keyed_by", keyed_by),
    CT("unit_opinion", unit_opinion),
    CT("union_opinion", union_opinion),
    CN("housing_area_m2", housing_area_m2),
    CN("single_parent", single_parent),
    CN("zero_employment", zero_employment),
    CN("other_income_year", other_income_year),
    CN("accident_year", accident_year),
    CN("medical_cost_year", medical_cost_year),
    CN("disaster_loss", disaster_loss),
};
#undef CT
#undef CN
static const struct bf_table case_table = BF_TABLE("case_file", case_cols);

/* the member's enums are kept as their codes (member_enum, in this order
 * after the texts): read and bound by the code below */
#define MT(col, field) \
	BF_COL(col, BF_FIELD_TEXT, struct bf_member, field, BF_COL_NULL | BF_COL_TRIM)
#define MN(col, field) BF_COL(col, BF_FIELD_NUM, struct bf_member, field, 0)
static const struct bf_col member_cols[] = {
    BF_COL("id", BF_FIELD_NUM, struct bf_member, id, BF_COL_RO),
    MT("name", name),
    MT("id_number", id_number),
    MT("birth_sealed", birth_date), /* sealed: see schema/007 */
    MT("school_or_employer", school_or_employer),
    MT("disease", disease),
    MT("count_reason", count_reason),
    BF_COL_CODE("relation", 0),
    BF_COL_CODE("marital", 0),
    BF_COL_CODE("status", 0),
    /* sealed (schema/017): the old plain columns keep neutral values */
    BF_COL_CODE("health_sealed", 0),
    BF_COL_CODE("disability_sealed", 0),
    BF_COL_CODE("insurance", 0),
    BF_COL_CODE("hukou", 0),
    BF_COL_CODE("proof", 0),
    MN("diagnosis_year_sealed", diagnosis_year), /* sealed (schema/017): read back as integers */
    MN("disability_grade_sealed", disability_grade),
    MN("monthly_income", monthly_income),
    MN("count_override", count_override),
};
#undef MT
#undef MN
static const struct bf_table member_table = BF_TABLE("member", member_cols);
enum { MEMBER_FIRST_ENUM = 7 };

struct enum_col {
	enum bf_enum_kind kind;
	const char *what; /* for messages */
};
static const struct enum_col member_enum[] = {
    {BF_ENUM_RELATION, N_("relation")},     {BF_ENUM_MARITAL, N_("marital status")},
    {BF_ENUM_STATUS, N_("status")},         {BF_ENUM_HEALTH, N_("health")},
    {BF_ENUM_DISABILITY, N_("disability")}, {BF_ENUM_INSURANCE, N_("medical insurance")},
    {BF_ENUM_HUKOU, N_("hukou type")},      {BF_ENUM_PROOF, N_("income proof")},
};
enum { N_MEMBER_ENUM = 8 };

static void member_enums(const struct bf_member *m, int v[N_MEMBER_ENUM])
{
	v[0] = (int)m->relation;
	v[1] = (int)m->marital;
	v[2] = (int)m->status;
	v[3] = (int)m->health;
	v[4] = (int)m->disability;
	v[5] = (int)m->insurance;
	v[6] = (int)m->hukou;
	v[7] = (int)m->proof;
}

static void member_set_enums(struct bf_member *m, const int v[N_MEMBER_ENUM])
{
	m->relation = (enum bf_relation)v[0];
	m->marital = (enum bf_marital)v[1];
	m->status = (enum bf_status)v[2];
	m->health = (enum bf_health)v[3];
	m->disability = (enum bf_disability)v[4];
	m->insurance = (enum bf_insurance)v[5];
	m->hukou = (enum bf_hukou)v[6];
	m->proof = (enum bf_proof)v[7];
}

/* ---- checks before writing ----------------------------------------------------- */

/* bf_enum_code gives "" (or NULL) for a value outside the table. */
static bool has_code(enum bf_enum_kind kind, int value)
{
	const char *code = bf_enum_code(kind, value);
	return code && code[0];
}

static bool date_ok(const char *s)
{
	bf_date d;
	return bf_blank(s) || bf_date_parse(s, &d);
}

static const char *member_label(const struct bf_case *c, size_t i, char *buf, size_t n)
{
	if (c->members[i].name[0])
		snprintf(buf, n, _("Member %zu (%s)"), i + 1, c->members[i].name);
	else
		snprintf(buf, n, _("Member %zu"), i + 1);
	return buf;
}

/* What the database needs to store the form at all; the domain validation
 * (bf_case_validate) is the caller's. */
static int precheck(const struct bf_case *c, bf_error *err)
{
	char who[128];
	if (c->year < 1900 || c->year > 2199) {
		bf_error_set(err, _("Assistance year: %d is not a year (1900–2199)"), c->year);
		return -1;
	}
	if (c->n_members < 1 || c->n_members > BF_MAX_MEMBERS) {
		bf_error_set(err, _("The household has %zu members; it needs 1 to %d"),
		             c->n_members, BF_MAX_MEMBERS);
		return -1;
	}
	if (!date_ok(c->work_start)) {
		bf_error_set(err, _("Start of work: '%s' is not a date (YYYY-MM-DD)"),
		             c->work_start);
		return -1;
	}
	for (size_t i = 0; i < c->n_members; i++) {
		const struct bf_member *m = &c->members[i];
		member_label(c, i, who, sizeof who);
		if (bf_blank(m->name)) {
			bf_error_set(err, _("%s: the name is empty"), who);
			return -1;
		}
		if ((i == 0) != (m->relation == BF_REL_SELF)) {
			bf_error_set(err,
			             i == 0 ? _("%s: the first member must be the employee")
			                    : _("%s: only the first member can be the employee"),
			             who);
			return -1;
		}
		int ev[N_MEMBER_ENUM];
		member_enums(m, ev);
		for (size_t k = 0; k < N_MEMBER_ENUM; k++) {
			if (!has_code(member_enum[k].kind, ev[k])) {
				bf_error_set(err, _("%s: %s has no valid value (%d)"), who,
				             _(member_enum[k].what), ev[k]);
				return -1;
			}
		}
		if (!date_ok(m->birth_date)) {
			bf_error_set(err, _("%s: birth date '%s' is not a date (YYYY-MM-DD)"), who,
			             m->birth_date);
			return -1;
		}
		for (size_t j = 0; m->id && j < i; j++) {
			if (c->members[j].id == m->id) {
				bf_error_set(err, _("%s: listed twice in the household"), who);
				return -1;
			}
		}
	}
	if (c->primary_cause != BF_CAUSE_NONE && !has_code(BF_ENUM_CAUSE, c->primary_cause)) {
		bf_error_set(err, _("Primary cause of hardship: no valid value (%d)"),
		             c->primary_cause);
		return -1;
	}
	for (size_t k = 0; k < BF_MAX_SECONDARY_CAUSES; k++) {
		int v = c->secondary_causes[k];
		if (v != BF_CAUSE_NONE && !has_code(BF_ENUM_CAUSE, v)) {
			bf_error_set(err, _("Secondary cause %zu: no valid value (%d)"), k + 1, v);
			return -1;
		}
	}
	return 0;
}

/* ---- save ------------------------------------------------------------------------ */

/* Results of a save, copied into the struct only after the commit. */
struct save_out {
	int64_t case_id;
	char number[32];
	int64_t revision;
	char status[24];
	int64_t member_ids[BF_MAX_MEMBERS];
};

static int allocate_number(bf_db *db, int year, char *out, size_t n)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  /* uses the index case_file_seq: no scan of all files */
	                  "SELECT coalesce(max(CAST(substr(number, 6) AS INTEGER)), 0)"
	                  " FROM case_file WHERE substr(number, 1, 5) = :prefix") != 0)
		return -1;
	char prefix[16];
	snprintf(prefix, sizeof prefix, "%04d-", year);
	if (bf_bind_text(&st, ":prefix", prefix) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	int64_t last = rc == SQLITE_ROW ? bf_col_int(&st, 0) : 0;
	bf_finalize(&st);
	if (rc != SQLITE_ROW)
		return -1;
	snprintf(out, n, "%04d-%04lld", year, (long long)(last + 1));
	return 0;
}

/* A file with the district union (submitted, or accepted by it) is frozen
 * until the district returns it: 1 (db->errmsg says so), 0 free, -1 error. */
static int frozen(bf_db *db, int64_t case_id)
{
	if (case_id <= 0)
		return 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT number, status FROM case_file WHERE id = :id") != 0)
		return -1;
	if (bf_bind_int(&st, ":id", case_id) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st), ret = 0;
	if (rc == SQLITE_ROW && (!strcmp(bf_col_text(&st, 1), "submitted") ||
	                         !strcmp(bf_col_text(&st, 1), "accepted"))) {
		snprintf(db->errmsg, sizeof db->errmsg,
		         _("File %s has been submitted to the district union: it can be changed "
		           "only after the district returns it."),
		         bf_col_text(&st, 0));
		ret = 1;
	} else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		ret = -1;
	}
	bf_finalize(&st);
	return ret;
}

/* The save states the revision the form was loaded at: 0 when the row is
 * still there, BF_CASE_MOVED when it moved on (db->errmsg says who changed
 * it and when), -1 on an error or a row gone. */
static int still_at(bf_db *db, int64_t case_id, int64_t revision, const char *number)
{
	if (case_id <= 0)
		return 0;
	bf_stmt st;
	if (bf_db_prepare(
	        db, &st,
	        "SELECT c.revision, strftime('%Y-%m-%d %H:%M', c.updated_at, 'localtime'),"
	        " coalesce(o.display_name, c.updated_by, '?')"
	        " FROM case_file c LEFT JOIN operator o ON o.name = c.updated_by"
	        " WHERE c.id = :id") != 0)
		return -1;
	if (bf_bind_int(&st, ":id", case_id) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st), ret = 0;
	if (rc == SQLITE_ROW && bf_col_int(&st, 0) != revision) {
		snprintf(db->errmsg, sizeof db->errmsg,
		         _("File %s was changed by %s at %s after you opened it; nothing was "
		           "saved."),
		         number, bf_col_text(&st, 2), bf_col_text(&st, 1));
		ret = BF_CASE_MOVED;
	} else if (rc == SQLITE_DONE) {
		snprintf(
		    db->errmsg, sizeof db->errmsg,
		    _("file %s no longer exists (removed by someone else?); nothing was saved"),
		    number);
		ret = -1;
	} else if (rc != SQLITE_ROW) {
		ret = -1;
	}
	bf_finalize(&st);
	return ret;
}

/* After the write: the row's revision and state, for the caller's copy. */
static int read_back(bf_db *db, int64_t case_id, int64_t *revision, char *status, size_t n)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT revision, status FROM case_file WHERE id = :id") != 0)
		return -1;
	int rc = bf_bind_int(&st, ":id", case_id) != 0 ? -1 : bf_step(&st);
	if (rc == SQLITE_ROW) {
		*revision = bf_col_int(&st, 0);
		bf_col_copy(&st, 1, status, n);
	}
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* A new row: revision 1 (the column's default), in the state it was given. */
static int new_row(const struct bf_case *c, struct save_out *out)
{
	out->revision = 1;
	bf_strlcpy(out->status, bf_blank(c->status) ? "draft" : c->status, sizeof out->status);
	return 0;
}

/* 1 when number belongs to a file other than case_id, 0 if free, -1 error. */
static int number_taken(bf_db *db, const char *number, int64_t case_id)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT 1 FROM case_file WHERE number = :n AND id <> :id") != 0)
		return -1;
	if (bf_bind_text(&st, ":n", number) != 0 || bf_bind_int(&st, ":id", case_id) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int write_case_row(bf_db *db, const struct bf_case *c, const char *number,
                          const struct bf_assessment *a, struct save_out *out)
{
	char sql[6144];
	bool insert = out->case_id == 0;
	/* a new row's id is chosen here: it is the row key its sealed columns
	 * are bound to (under the write lock, so nobody else takes it) */
	int64_t new_id = 0;
	if (insert && bf_db_int(db, "SELECT coalesce(max(id), 0) + 1 FROM case_file", &new_id) != 0)
		return -1;
	const char *q;
	if (insert)
		q = bf_table_insert(
		    &case_table, ":id",
		    "id, number, status, name, id_number, id_bidx, id_mask, name_key,"
		    " name_mask, household_size, per_capita, first_category, created_at,"
		    " created_by, updated_at, updated_by",
		    ":id, :number, :status, :name,"
		    " bf_seal(:id_number, 'case_file.id_number', :id),"
		    " bf_bidx(:id_number, 'id'), bf_id_mask(:id_number), :name_key,"
		    " :name_mask, :household_size, :per_capita, :first_category, bf_now(),"
		    " bf_actor(), bf_now(), bf_actor()",
		    sql, sizeof sql);
	else
		q = bf_table_update(
		    &case_table,
		    "number = :number, name = :name,"
		    " id_number = bf_reseal(id_number, :id_number, 'case_file.id_number', id),"
		    " id_bidx = bf_bidx(:id_number, 'id'), id_mask = bf_id_mask(:id_number),"
		    " name_key = :name_key, name_mask = :name_mask,"
		    " household_size = :household_size, per_capita = :per_capita,"
		    " first_category = :first_category, updated_at = bf_now(),"
		    " updated_by = bf_actor()",
		    "WHERE id = :id", sql, sizeof sql);
	bf_stmt st;
	if (bf_db_prepare(db, &st, q) != 0)
		return -1;
	char name_key[BF_NAME_SZ];
	bf_pinyin_initials(c->members[0].name, name_key, sizeof name_key);
	int rc =
	    bf_bind_text(&st, ":number", number) ||
	    bf_bind_text_or_null(&st, ":name", c->members[0].name) ||
	    bf_bind_text_or_null(&st, ":id_number", c->members[0].id_number) ||
	    bf_bind_text_or_null(&st, ":name_key", name_key) ||
	    bf_bind_int(&st, ":name_mask", bf_pinyin_name_mask(c->members[0].name)) ||
	    (insert && bf_bind_text(&st, ":status", bf_blank(c->status) ? "draft" : c->status)) ||
	    bf_table_bind(&st, &case_table, c) ||
	    bf_bind_int(&st, ":household_size", a->household_size) ||
	    bf_bind_int(&st, ":per_capita", a->per_capita) ||
	    (a->first_match >= 0 ? bf_bind_int(&st, ":first_category", a->first_match + 1)
	                         : bf_bind_null(&st, ":first_category")) ||
	    bf_bind_int(&st, ":id", insert ? new_id : out->case_id);
	if (rc == 0)
		rc = bf_step(&st) == SQLITE_DONE ? 0 : -1;
	bf_finalize(&st);
	if (rc != 0)
		return -1;
	if (insert) {
		out->case_id = new_id;
	} else if (sqlite3_changes(db->h) != 1) {
		snprintf(
		    db->errmsg, sizeof db->errmsg,
		    _("file %s no longer exists (removed by someone else?); nothing was saved"),
		    number);
		return -1;
	}
	return 0;
}

static int write_members(bf_db *db, const struct bf_case *c, struct save_out *out)
{
	int64_t cid = out->case_id;
	bf_stmt st;
	/* Members the form no longer lists; and the ids it lists must be ours. */
	int64_t existing[4 * BF_MAX_MEMBERS];
	size_t n_existing = 0;
	if (bf_db_prepare(db, &st, "SELECT id FROM member WHERE case_id = :c") != 0)
		return -1;
	if (bf_bind_int(&st, ":c", cid) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW && n_existing < BF_ARRAY_LEN(existing))
		existing[n_existing++] = bf_col_int(&st, 0);
	bf_finalize(&st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	for (size_t i = 0; i < c->n_members; i++) {
		if (!c->members[i].id)
			continue;
		bool found = false;
		for (size_t k = 0; k < n_existing && !found; k++)
			found = existing[k] == c->members[i].id;
		if (!found) {
			char who[128];
			snprintf(
			    db->errmsg, sizeof db->errmsg,
			    "%s is not (or no longer) in this file; reload the file and try again",
			    member_label(c, i, who, sizeof who));
			return -1;
		}
	}
	if (bf_db_prepare(db, &st, "DELETE FROM member WHERE id = :id") != 0)
		return -1;
	for (size_t k = 0; k < n_existing; k++) {
		bool keep = false;
		for (size_t i = 0; i < c->n_members && !keep; i++)
			keep = c->members[i].id == existing[k];
		if (keep)
			continue;
		if (bf_bind_int(&st, ":id", existing[k]) != 0 || bf_step(&st) != SQLITE_DONE) {
			bf_finalize(&st);
			return -1;
		}
		bf_reset(&st);
	}
	bf_finalize(&st);

	/* Park the remaining rows at negative positions so that renumbering
	 * cannot collide with UNIQUE (case_id, position). */
	if (bf_db_prepare(db, &st,
	                  "UPDATE member SET position = -1 - position"
	                  " WHERE case_id = :c AND position >= 0") != 0)
		return -1;
	if (bf_bind_int(&st, ":c", cid) != 0 || bf_step(&st) != SQLITE_DONE) {
		bf_finalize(&st);
		return -1;
	}
	bf_finalize(&st);

	char ins_sql[4096], upd_sql[4096];
	/* health and disability: their plain columns hold neutral values, the
	 * sealed ones the data (schema/017) */
	const char *ins = bf_table_insert(
	    &member_table, ":case_id",
	    "case_id, position, id_bidx, id_mask, birth_year, health, disability",
	    ":case_id, :position, bf_bidx(:id_number, 'id'), bf_id_mask(:id_number),"
	    " :birth_year, 'good', 'none'",
	    ins_sql, sizeof ins_sql);
	const char *upd =
	    bf_table_update(&member_table,
	                    "position = :position, id_bidx = bf_bidx(:id_number, 'id'),"
	                    " id_mask = bf_id_mask(:id_number), birth_year = :birth_year",
	                    "WHERE id = :id AND case_id = :case_id", upd_sql, sizeof upd_sql);
	bf_stmt si, su;
	if (bf_db_prepare(db, &si, ins) != 0)
		return -1;
	if (bf_db_prepare(db, &su, upd) != 0) {
		bf_finalize(&si);
		return -1;
	}
	rc = 0;
	for (size_t i = 0; i < c->n_members && rc == 0; i++) {
		const struct bf_member *m = &c->members[i];
		bf_stmt *s = m->id ? &su : &si;
		int ev[N_MEMBER_ENUM];
		member_enums(m, ev);
		int by = atoi(m->birth_date);
		rc = bf_bind_int(s, ":case_id", cid) || bf_bind_int(s, ":position", (int64_t)i) ||
		     (by >= 1850 && by <= 2199 ? bf_bind_int(s, ":birth_year", by)
		                               : bf_bind_null(s, ":birth_year")) ||
		     bf_table_bind(s, &member_table, m) || (m->id && bf_bind_int(s, ":id", m->id));
		for (size_t k = 0; k < N_MEMBER_ENUM && rc == 0; k++) {
			char name[32];
			snprintf(name, sizeof name, ":%s", member_cols[MEMBER_FIRST_ENUM + k].name);
			rc = bf_bind_text(s, name, bf_enum_code(member_enum[k].kind, ev[k]));
		}
		if (rc == 0 && bf_step(s) != SQLITE_DONE)
			rc = -1;
		if (rc == 0)
			out->member_ids[i] = m->id ? m->id : sqlite3_last_insert_rowid(db->h);
		bf_reset(s);
	}
	bf_finalize(&si);
	bf_finalize(&su);
	return rc;
}

static int write_causes(bf_db *db, const struct bf_case *c, int64_t cid)
{
	bf_stmt up, del;
	if (bf_db_prepare(db, &up,
	                  "INSERT INTO case_cause (case_id, rank, cause) VALUES (:c, :rank, :cause)"
	                  " ON CONFLICT (case_id, rank) DO UPDATE SET cause = excluded.cause"
	                  " WHERE cause IS NOT excluded.cause") != 0)
		return -1;
	if (bf_db_prepare(db, &del, "DELETE FROM case_cause WHERE case_id = :c AND rank = :rank") !=
	    0) {
		bf_finalize(&up);
		return -1;
	}
	int rc = 0;
	for (int rank = 0; rank <= BF_MAX_SECONDARY_CAUSES && rc == 0; rank++) {
		int v = rank == 0 ? c->primary_cause : c->secondary_causes[rank - 1];
		bf_stmt *s = v == BF_CAUSE_NONE ? &del : &up;
		rc = bf_bind_int(s, ":c", cid) || bf_bind_int(s, ":rank", rank) ||
		     (v != BF_CAUSE_NONE &&
		      bf_bind_text(s, ":cause", bf_enum_code(BF_ENUM_CAUSE, v)));
		if (rc == 0 && bf_step(s) != SQLITE_DONE)
			rc = -1;
		bf_reset(s);
	}
	bf_finalize(&up);
	bf_finalize(&del);
	return rc;
}

/* The schema's one-open-file rule (schema/015_open_person.sql) refused the
 * save: name the person and the file, in the clerk's words. */
static bool one_open_file_message(bf_db *db, const struct bf_case *c, int64_t case_id,
                                  bf_error *err)
{
	if (db->errkind != BF_DBERR_ONE_OPEN_FILE)
		return false;
	for (size_t i = 0; i < c->n_members; i++) {
		struct bf_id_conflict cf;
		bf_error e = {{0}};
		if (bf_case_id_conflicts(db, c->members[i].id_number, case_id, &cf, 1, &e) != 1)
			continue;
		char masked[32];
		bf_mask_id(c->members[i].id_number, masked, sizeof masked);
		bf_error_set(err,
		             _("one person, one open file: %s (%s) is already in file %s; "
		               "nothing was saved"),
		             c->members[i].name, masked, cf.case_number);
		return true;
	}
	bf_error_set(err, "%s",
	             _("one person, one open file: someone in this file is already in "
	               "another open file; nothing was saved"));
	return true;
}

int bf_case_save(bf_db *db, struct bf_case *c, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_CASE_EDIT, err) != 0)
		return -1;
	if (precheck(c, err) != 0)
		return -1;
	if (!db->actor[0]) {
		bf_error_set(err, _("no operator set: cannot save without knowing who is working"));
		return -1;
	}
	struct save_out out;
	memset(&out, 0, sizeof out);
	out.case_id = c->id;
	db->errkind = BF_DBERR_OTHER; /* one_open_file_message reads it */
	bf_strlcpy(out.number, c->number, sizeof out.number);
	bf_trim(out.number);

	/* Inside a write transaction the caller opened (a batch import), the
	 * save joins it: the caller commits or rolls back the whole batch. */
	bool joined = db->txn_where != NULL;
	if (!joined && bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	int moved = 0;
	struct bf_year_settings ys;
	if (bf_store_year_settings_in_txn(db, c->year, &ys) != 0)
		goto fail;
	/* large: keep it off the stack */
	struct bf_assessment *a = calloc(1, sizeof *a);
	if (!a) {
		snprintf(db->errmsg, sizeof db->errmsg, _("out of memory"));
		goto fail;
	}
	bf_assess(c, &ys, a);

	/* a file with the district: refused, db->errmsg says why; so is a file
	 * that moved on since the form was loaded */
	int taken = frozen(db, out.case_id);
	moved = taken == 0 ? still_at(db, out.case_id, c->revision, out.number) : 0;
	if (moved != 0)
		taken = moved;
	if (taken == 0 && !out.number[0])
		taken = allocate_number(db, c->year, out.number, sizeof out.number);
	else if (taken == 0 && (taken = number_taken(db, out.number, out.case_id)) == 1)
		snprintf(db->errmsg, sizeof db->errmsg,
		         _("File number %s is already used by another file"), out.number);
	int rc = taken != 0 || write_case_row(db, c, out.number, a, &out) ||
	         write_members(db, c, &out) || write_causes(db, c, out.case_id) ||
	         /* the checklist follows the facts just saved */
	         bf_checklist_sync_in_txn(db, out.case_id) ||
	         (c->id ? read_back(db, out.case_id, &out.revision, out.status, sizeof out.status)
	                : new_row(c, &out));
	free(a);
	if (rc != 0)
		goto fail;
	if (!joined && bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	c->id = out.case_id;
	c->revision = out.revision;
	bf_strlcpy(c->status, out.status, sizeof c->status);
	bf_strlcpy(c->number, out.number, sizeof c->number);
	for (size_t i = 0; i < c->n_members; i++)
		c->members[i].id = out.member_ids[i];
	if (bf_blank(c->status))
		bf_strlcpy(c->status, "draft", sizeof c->status);
	return 0;
fail:
	if (!one_open_file_message(db, c, out.case_id, err))
		bf_db_error(db, err);
	if (!joined)
		bf_db_rollback(db);
	return moved == BF_CASE_MOVED ? BF_CASE_MOVED : -1;
}

int bf_case_demo_state(bf_db *db, int64_t id, const char *status, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_CASE_EDIT, err) != 0)
		return -1;
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	bf_stmt st;
	int rc = bf_db_prepare(db, &st,
	                       "UPDATE case_file SET status = :s, updated_at = bf_now(),"
	                       " updated_by = bf_actor() WHERE id = :id");
	if (rc == 0) {
		rc = bf_bind_text(&st, ":s", status) || bf_bind_int(&st, ":id", id);
		if (rc == 0 && bf_step(&st) != SQLITE_DONE)
			rc = -1;
		bf_finalize(&st);
	}
	if (rc != 0 || bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		bf_db_rollback(db);
		return -1;
	}
	return 0;
}

/* ---- load ------------------------------------------------------------------------- */

static int load_members(bf_db *db, struct bf_case *c, bf_error *err)
{
	char sql[4096];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_query(&member_table, NULL,
	                                 "FROM member WHERE case_id = :c ORDER BY position", sql,
	                                 sizeof sql)) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (bf_bind_int(&st, ":c", c->id) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc;
	c->n_members = 0;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		if (c->n_members == BF_MAX_MEMBERS) {
			bf_error_set(err, _("file %s has more than %d household members"),
			             c->number, BF_MAX_MEMBERS);
			bf_finalize(&st);
			return -1;
		}
		struct bf_member *m = &c->members[c->n_members];
		memset(m, 0, sizeof *m);
		bf_table_read(&st, &member_table, 0, m);
		int ev[N_MEMBER_ENUM];
		for (int k = 0; k < N_MEMBER_ENUM; k++) {
			const char *code = bf_col_text(&st, MEMBER_FIRST_ENUM + k);
			ev[k] = bf_enum_parse(member_enum[k].kind, code);
			if (ev[k] < 0) {
				bf_error_set(err, _("file %s, member %zu: unknown %s code '%s'"),
				             c->number, c->n_members + 1, _(member_enum[k].what),
				             code);
				bf_finalize(&st);
				return -1;
			}
		}
		member_set_enums(m, ev);
		c->n_members++;
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

static int load_causes(bf_db *db, struct bf_case *c, bf_error *err)
{
	c->primary_cause = BF_CAUSE_NONE;
	for (size_t k = 0; k < BF_MAX_SECONDARY_CAUSES; k++)
		c->secondary_causes[k] = BF_CAUSE_NONE;
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT rank, cause FROM case_cause WHERE case_id = :c") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (bf_bind_int(&st, ":c", c->id) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		int64_t rank = bf_col_int(&st, 0);
		int v = bf_enum_parse(BF_ENUM_CAUSE, bf_col_text(&st, 1));
		if (v < 0 || rank < 0 || rank > BF_MAX_SECONDARY_CAUSES) {
			bf_error_set(err, _("file %s: unknown cause of hardship '%s'"), c->number,
			             bf_col_text(&st, 1));
			bf_finalize(&st);
			return -1;
		}
		if (rank == 0)
			c->primary_cause = v;
		else
			c->secondary_causes[rank - 1] = v;
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

int bf_case_load(bf_db *db, int64_t id, struct bf_case *c, bf_error *err)
{
	memset(c, 0, sizeof *c);
	char sql[4096];
	bf_stmt st;
	/* a purged file's tombstone (purge.h) is not a file to open */
	if (bf_db_prepare(db, &st,
	                  bf_table_query(&case_table, NULL,
	                                 "FROM case_file WHERE id = :id AND id NOT IN"
	                                 " (SELECT case_id FROM purged_case)",
	                                 sql, sizeof sql)) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (bf_bind_int(&st, ":id", id) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc != SQLITE_ROW) {
		int64_t purged = 0;
		char q[96];
		snprintf(q, sizeof q, "SELECT count(*) FROM purged_case WHERE case_id = %lld",
		         (long long)id);
		if (rc == SQLITE_DONE && bf_db_int(db, q, &purged) == 0 && purged)
			bf_error_set(err, "%s",
			             _("this file was purged: only its number and its payments "
			               "are kept"));
		else if (rc == SQLITE_DONE)
			bf_error_set(err, _("no file with id %lld"), (long long)id);
		else
			bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	c->id = id;
	bf_table_read(&st, &case_table, 0, c);
	bf_finalize(&st);
	if (load_members(db, c, err) != 0 || load_causes(db, c, err) != 0)
		return -1;
	return 0;
}

int bf_case_lookup(bf_db *db, const char *number, int64_t *id, bf_error *err)
{
	char n[64];
	bf_strlcpy(n, number ? number : "", sizeof n);
	bf_trim(n);
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT id FROM case_file WHERE number = :n") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (bf_bind_text(&st, ":n", n) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		*id = bf_col_int(&st, 0);
	else if (rc != SQLITE_DONE)
		bf_db_error(db, err);
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

/* ---- ID conflicts -------------------------------------------------------------- */

/* another file listing the same person (coldesc.h) */
#define XC(col, kind, member) BF_COL(col, kind, struct bf_id_conflict, member, BF_COL_RO)
static const struct bf_col conflict_cols[] = {
    XC("c.id", BF_FIELD_NUM, case_id),
    XC("c.number", BF_FIELD_TEXT, case_number),
    XC("m.name", BF_FIELD_TEXT, person),
    XC("m.relation", BF_FIELD_TEXT, relation),
};
#undef XC
static const struct bf_table conflict_table = BF_TABLE("member", conflict_cols);

int bf_case_id_conflicts(bf_db *db, const char *id_number, int64_t exclude_case_id,
                         struct bf_id_conflict *out, size_t max, bf_error *err)
{
	char idn[64];
	bf_strlcpy(idn, id_number ? id_number : "", sizeof idn);
	bf_trim(idn);
	if (!idn[0] || max == 0)
		return 0;
	char sql[640];
	bf_stmt st;
	/* through the blind index (the check character's case is normalised) */
	if (bf_db_prepare(db, &st,
	                  bf_table_query(&conflict_table, NULL,
	                                 "FROM member m JOIN case_file c ON c.id = m.case_id"
	                                 " WHERE m.id_bidx = bf_bidx(:idn, 'id') AND c.status <>"
	                                 " 'closed' AND c.id <> :ex ORDER BY c.number, m.position"
	                                 " LIMIT :max",
	                                 sql, sizeof sql)) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (bf_bind_text(&st, ":idn", idn) != 0 || bf_bind_int(&st, ":ex", exclude_case_id) != 0 ||
	    bf_bind_int(&st, ":max", (int64_t)max) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc;
	size_t n = 0;
	while ((rc = bf_step(&st)) == SQLITE_ROW && n < max) {
		struct bf_id_conflict *x = &out[n++];
		memset(x, 0, sizeof *x);
		bf_table_read(&st, &conflict_table, 0, x);
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		bf_db_error(db, err);
		return -1;
	}
	return (int)n;
}

bool bf_case_people_free(bf_db *db, const struct bf_case *c)
{
	for (size_t i = 0; i < c->n_members; i++) {
		struct bf_id_conflict cf;
		bf_error err = {{0}};
		if (bf_case_id_conflicts(db, c->members[i].id_number, c->id, &cf, 1, &err) != 0)
			return false;
	}
	return true;
}

/* ---- drafts ------------------------------------------------------------------------ */

static int need_operator(bf_db *db, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_DRAFT, err) != 0)
		return -1;
	if (!db->actor[0]) {
		bf_error_set(err, _("no operator set: drafts are kept per operator"));
		return -1;
	}
	return 0;
}

int bf_draft_save(bf_db *db, int64_t case_id, const char *text, bf_error *err)
{
	if (need_operator(db, err) != 0)
		return -1;
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	bf_stmt st;
	int rc = bf_db_prepare(db, &st,
	                       "INSERT INTO draft (case_id, operator, text, saved_at)"
	                       " VALUES (:c, :op, coalesce(bf_seal(:text, 'draft.text', :op), ''), bf_now())"
	                       " ON CONFLICT (case_id, operator) DO UPDATE"
	                       " SET text = excluded.text, saved_at = excluded.saved_at");
	if (rc == 0) {
		rc = bf_bind_int(&st, ":c", case_id) || bf_bind_text(&st, ":op", db->actor) ||
		     bf_bind_text(&st, ":text", text ? text : "");
		if (rc == 0 && bf_step(&st) != SQLITE_DONE)
			rc = -1;
		bf_finalize(&st);
	}
	if (rc != 0 || bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		bf_db_rollback(db);
		return -1;
	}
	return 0;
}

int bf_draft_load(bf_db *db, int64_t case_id, char **text, char *saved_at, size_t n, bf_error *err)
{
	*text = NULL;
	if (need_operator(db, err) != 0)
		return -1;
	bf_stmt st;
	if (bf_db_prepare(
	        db, &st,
	        "SELECT bf_open(text, 'draft.text', operator), saved_at FROM draft"
	        " WHERE case_id = :c AND operator = :op") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (bf_bind_int(&st, ":c", case_id) != 0 || bf_bind_text(&st, ":op", db->actor) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	int ret = rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
	if (rc == SQLITE_ROW) {
		const char *t = bf_col_text(&st, 0);
		size_t len = strlen(t);
		*text = malloc(len + 1);
		if (!*text) {
			bf_error_set(err, _("out of memory"));
			ret = -1;
		} else {
			memcpy(*text, t, len + 1);
			if (saved_at && n)
				bf_col_copy(&st, 1, saved_at, n);
		}
	} else if (rc != SQLITE_DONE) {
		bf_db_error(db, err);
	}
	bf_finalize(&st);
	return ret;
}

int bf_draft_delete(bf_db *db, int64_t case_id, bf_error *err)
{
	if (need_operator(db, err) != 0)
		return -1;
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	bf_stmt st;
	int rc = bf_db_prepare(db, &st, "DELETE FROM draft WHERE case_id = :c AND operator = :op");
	if (rc == 0) {
		rc = bf_bind_int(&st, ":c", case_id) || bf_bind_text(&st, ":op", db->actor);
		if (rc == 0 && bf_step(&st) != SQLITE_DONE)
			rc = -1;
		bf_finalize(&st);
	}
	if (rc != 0 || bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		bf_db_rollback(db);
		return -1;
	}
	return 0;
}
