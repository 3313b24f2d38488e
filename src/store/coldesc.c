/* coldesc.c — the sealed columns of each table (see coldesc.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/coldesc.h"
#include "bangfu/common.h"
#include "bangfu/db.h"

static const char *const case_file_cols[] = {
    "ethnicity", "political_status", "phone", "postcode", "address",
    "family_situation", "hardship_cause_text", "state_of_mind", "skills", "employment_wish",
    "bank_name", "bank_branch", "bank_card", "unit_opinion", "union_opinion", "id_number",
    NULL};
static const char *const member_cols[] = {"id_number",
                                          "birth_sealed",
                                          "school_or_employer",
                                          "disease",
                                          "count_reason",
                                          "health_sealed",
                                          "disability_sealed",
                                          "diagnosis_year_sealed",
                                          "disability_grade_sealed",
                                          NULL};
static const char *const draft_cols[] = {"text", NULL};
static const char *const signing_key_cols[] = {"secret_sealed", NULL};
static const char *const dist_case_cols[] = {"id_number", "data", "reason", NULL};
/* free text about a household (schema/017): bound to the file's id */
static const char *const reason_cols[] = {"reason", NULL};
static const char *const objection_cols[] = {"raised_by", "claim", "investigation",
                                             "resolution", NULL};
static const char *const consolation_cols[] = {"discretion", "decision_reason", "note", NULL};
static const char *const dist_person_cols[] = {"id_number", NULL};
static const char *const recipient_cols[] = {"id_number", NULL};
static const char *const payment_cols[] = {"phone", NULL};

/* the blind index and mask of a plain id_number, in the upgrade pass */
#define ID_EXTRA                                                                           \
	"id_bidx = CASE WHEN id_number LIKE 'bf1:%' THEN id_bidx ELSE bf_bidx(id_number, 'id')" \
	" END, id_mask = CASE WHEN id_number LIKE 'bf1:%' THEN id_mask ELSE"                    \
	" bf_id_mask(id_number) END"

const struct bf_sealed_table bf_sealed_tables[] = {
    {"case_file", "id", case_file_cols, ID_EXTRA, NULL},
    {"member", "case_id", member_cols,
     ID_EXTRA
     ","
     " birth_sealed = coalesce(birth_sealed, bf_seal(birth_date, 'member.birth_sealed', case_id)),"
     " birth_year = coalesce(birth_year, CAST(substr(birth_date, 1, 4) AS INTEGER)),"
     " birth_date = NULL, health = 'good', disability = 'none', diagnosis_year = 0,"
     " disability_grade = 0",
     "birth_date IS NOT NULL"},
    {"draft", "operator", draft_cols, NULL, NULL},
    {"dist_case", "unit_code || ':' || number", dist_case_cols, ID_EXTRA, NULL},
    {"dist_person", "case_id", dist_person_cols, ID_EXTRA, NULL},
    {"campaign_recipient", "case_id", recipient_cols, ID_EXTRA, NULL},
    {"payment", "case_id", payment_cols, NULL, NULL},
    {"review", "case_id", reason_cols, NULL, NULL},
    {"case_transition", "case_id", reason_cols, NULL, NULL},
    {"district_decision", "case_id", reason_cols, NULL, NULL},
    {"objection", "case_id", objection_cols, NULL, NULL},
    {"consolation", "case_id", consolation_cols, NULL, NULL},
    {"signing_key", "id", signing_key_cols,
     "secret_sealed = coalesce(secret_sealed,"
     " bf_seal(lower(hex(secret_key)), 'signing_key.secret_sealed', id)),"
     " secret_key = zeroblob(64)",
     "secret_sealed IS NULL"},
};
const size_t bf_sealed_table_count = BF_ARRAY_LEN(bf_sealed_tables);

const struct bf_sealed_table *bf_coldesc_table(const char *table)
{
	for (size_t i = 0; i < bf_sealed_table_count; i++)
		if (!strcmp(bf_sealed_tables[i].table, table))
			return &bf_sealed_tables[i];
	return NULL;
}

bool bf_coldesc_sealed(const char *table, const char *col)
{
	const struct bf_sealed_table *t = bf_coldesc_table(table);
	if (!t)
		return false;
	for (const char *const *c = t->cols; *c; c++)
		if (!strcmp(*c, col))
			return true;
	return false;
}

const char *bf_coldesc_read(const char *table, const char *alias, const char *col, char *buf,
                            size_t n)
{
	const struct bf_sealed_table *t = bf_coldesc_table(table);
	const char *a = alias ? alias : "", *dot = alias ? "." : "";
	if (t && bf_coldesc_sealed(table, col))
		snprintf(buf, n, "bf_open(%s%s%s, '%s.%s', %s%s%s)", a, dot, col, table, col, a, dot,
		         t->rowkey);
	else
		snprintf(buf, n, "%s%s%s", a, dot, col);
	return buf;
}

const char *bf_coldesc_insert(const char *table, const char *col, const char *param,
                              const char *rowparam, char *buf, size_t n)
{
	if (bf_coldesc_sealed(table, col))
		snprintf(buf, n, "bf_seal(%s, '%s.%s', %s)", param, table, col, rowparam);
	else
		snprintf(buf, n, "%s", param);
	return buf;
}

const char *bf_coldesc_update(const char *table, const char *col, const char *param, char *buf,
                              size_t n)
{
	const struct bf_sealed_table *t = bf_coldesc_table(table);
	if (t && bf_coldesc_sealed(table, col))
		snprintf(buf, n, "%s = bf_reseal(%s, %s, '%s.%s', %s)", col, col, param, table, col,
		         t->rowkey);
	else
		snprintf(buf, n, "%s = %s", col, param);
	return buf;
}

char *bf_coldesc_legacy_sql(const struct bf_sealed_table *t)
{
	size_t cap = 4096;
	char *s = malloc(cap);
	if (!s)
		return NULL;
	size_t len = (size_t)snprintf(s, cap, "UPDATE %s SET ", t->table);
	/* the extra assignments first read the plain values (an UPDATE's right
	 * hand sides all see the row as it was) */
	if (t->legacy_extra)
		len += (size_t)snprintf(s + len, cap - len, "%s, ", t->legacy_extra);
	for (const char *const *c = t->cols; *c && len < cap; c++) {
		char own[80];
		snprintf(own, sizeof own, "%s = ", *c);
		if (t->legacy_extra && strstr(t->legacy_extra, own))
			continue; /* made in legacy_extra (birth_sealed from birth_date) */
		/* typed text that merely begins like a sealed value is sealed like
		 * any other: only what is sealed already is kept */
		len += (size_t)snprintf(s + len, cap - len,
		                        "%s = CASE WHEN %s LIKE 'bf1:%%' THEN %s ELSE"
		                        " bf_seal(%s, '%s.%s', %s) END, ",
		                        *c, *c, *c, *c, t->table, *c, t->rowkey);
	}
	if (len >= cap) {
		free(s);
		return NULL;
	}
	len -= 2; /* the last ", " */
	/* only the rows that hold a plain value: sealed rows stay untouched
	 * (append-only tables refuse any other change) */
	len += (size_t)snprintf(s + len, cap - len, " WHERE %s", t->legacy_where ? t->legacy_where : "0");
	for (const char *const *c = t->cols; *c && len < cap; c++)
		len += (size_t)snprintf(s + len, cap - len, " OR (%s IS NOT NULL AND %s NOT LIKE 'bf1:%%')",
		                        *c, *c);
	if (len >= cap) {
		free(s);
		return NULL;
	}
	return s;
}


/* Columns that only serve the store (blind index, mask, the readable birth
 * year, the emptied plain birth date): never sent or shown as data. */
static bool derived_col(const char *table, const char *col)
{
	if (!strcmp(col, "id_bidx") || !strcmp(col, "id_mask"))
		return true;
	return !strcmp(table, "member") &&
	       (!strcmp(col, "birth_year") || !strcmp(col, "birth_date") ||
	        !strcmp(col, "health") || !strcmp(col, "disability") ||
	        !strcmp(col, "diagnosis_year") || !strcmp(col, "disability_grade"));
}

char *bf_coldesc_select_all(bf_db *db, const char *table, const char *where)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0)
		return NULL;
	size_t cap = 8192, len = 0;
	char *out = malloc(cap);
	if (!out) {
		bf_finalize(&st);
		return NULL;
	}
	len += (size_t)snprintf(out, cap, "SELECT ");
	int rc;
	bool first = true;
	while ((rc = bf_step(&st)) == SQLITE_ROW && len < cap) {
		const char *col = bf_col_text(&st, 0);
		if (derived_col(table, col))
			continue;
		char frag[256], as[64];
		bf_coldesc_read(table, NULL, col, frag, sizeof frag);
		/* a sealed column reads under its own name (birth_sealed as
		 * birth_date, health_sealed as health), the numbers as numbers */
		size_t cl = strlen(col);
		bool sealed_twin = !strcmp(table, "member") && cl > 7 &&
		                   !strcmp(col + cl - 7, "_sealed") &&
		                   bf_coldesc_sealed(table, col);
		if (!strcmp(col, "birth_sealed"))
			snprintf(as, sizeof as, "birth_date");
		else if (sealed_twin)
			snprintf(as, sizeof as, "%.*s", (int)(cl - 7), col);
		else
			snprintf(as, sizeof as, "%s", col);
		bool number = !strcmp(as, "diagnosis_year") || !strcmp(as, "disability_grade");
		len +=
		    (size_t)snprintf(out + len, cap - len, "%s%s%s%s AS %s", first ? "" : ", ",
		                     number ? "CAST(" : "", frag, number ? " AS INTEGER)" : "", as);
		first = false;
	}
	bf_finalize(&st);
	if (len < cap)
		len += (size_t)snprintf(out + len, cap - len, " FROM %s %s", table, where);
	if (rc != SQLITE_DONE || len >= cap) {
		free(out);
		return NULL;
	}
	return out;
}

/* ---- rows read into structs ------------------------------------------------------------ */

static void field_read(struct bf_stmt *st, int i, const struct bf_field *f, void *obj)
{
	char *dst = (char *)obj + f->offset;
	if (f->kind == BF_FIELD_TEXT) {
		bf_col_copy(st, i, dst, f->size);
	} else if (f->kind == BF_FIELD_NUM) {
		int64_t v = bf_col_int(st, i);
		if (f->size == sizeof(int64_t)) {
			memcpy(dst, &v, sizeof v);
		} else if (f->size == sizeof(int32_t)) {
			int32_t w = (int32_t)v;
			memcpy(dst, &w, sizeof w);
		} else if (f->size == sizeof(bool)) {
			bool b = v != 0;
			memcpy(dst, &b, sizeof b);
		}
	}
}

static int64_t field_int(const struct bf_field *f, const void *obj)
{
	const char *src = (const char *)obj + f->offset;
	if (f->size == sizeof(int64_t)) {
		int64_t v;
		memcpy(&v, src, sizeof v);
		return v;
	}
	if (f->size == sizeof(int32_t)) {
		int32_t w;
		memcpy(&w, src, sizeof w);
		return w;
	}
	bool b;
	memcpy(&b, src, sizeof b);
	return b ? 1 : 0;
}

void bf_fields_read(struct bf_stmt *st, const struct bf_field *f, size_t n, void *obj)
{
	for (size_t i = 0; i < n; i++)
		field_read(st, (int)i, &f[i], obj);
}

int bf_rows_end(struct bf_db *db, struct bf_stmt *st, int rc, void *pout, size_t *n,
                struct bf_error *err)
{
	bf_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc == SQLITE_NOMEM)
		bf_error_set(err, "%s", _("out of memory"));
	else
		bf_db_error(db, err);
	if (rc == SQLITE_NOMEM)
		snprintf(db->errmsg, sizeof db->errmsg, "%s", _("out of memory"));
	void **out = pout;
	free(*out);
	*out = NULL;
	*n = 0;
	return -1;
}

/* ---- one description per table -------------------------------------------------------- */

/* a name that is an SQL expression (x.col, a function, a sub-query) */
static bool col_expr(const char *name)
{
	return strpbrk(name, ".( ") != NULL;
}

static bool col_written(const struct bf_col *c)
{
	return !(c->flags & BF_COL_RO) && !col_expr(c->name);
}

/* Append one piece to buf (n bytes, *len used); false once it does not fit. */
static bool put(char *buf, size_t n, size_t *len, const char *sep, const char *piece)
{
	int w = snprintf(buf + *len, n - *len, "%s%s", *len ? sep : "", piece);
	if (w < 0 || (size_t)w >= n - *len)
		return false;
	*len += (size_t)w;
	return true;
}

enum col_sql { COL_SELECT, COL_NAMES, COL_PARAMS, COL_ASSIGN };

static const char *table_sql(const struct bf_table *t, enum col_sql kind, const char *arg,
                             char *buf, size_t n)
{
	size_t len = 0;
	if (n)
		buf[0] = '\0';
	for (size_t i = 0; i < t->n; i++) {
		const struct bf_col *c = &t->cols[i];
		char frag[512], param[72];
		snprintf(param, sizeof param, ":%s", c->name);
		if (kind == COL_SELECT) {
			if (col_expr(c->name))
				snprintf(frag, sizeof frag, "%s", c->name);
			else
				bf_coldesc_read(t->table, arg, c->name, frag, sizeof frag);
		} else if (!col_written(c)) {
			continue;
		} else if (kind == COL_NAMES) {
			snprintf(frag, sizeof frag, "%s", c->name);
		} else if (kind == COL_PARAMS) {
			bf_coldesc_insert(t->table, c->name, param, arg, frag, sizeof frag);
		} else {
			bf_coldesc_update(t->table, c->name, param, frag, sizeof frag);
		}
		if (!put(buf, n, &len, ", ", frag))
			return NULL;
	}
	return buf;
}

const char *bf_table_select(const struct bf_table *t, const char *alias, char *buf, size_t n)
{
	return table_sql(t, COL_SELECT, alias, buf, n);
}

const char *bf_table_names(const struct bf_table *t, char *buf, size_t n)
{
	return table_sql(t, COL_NAMES, NULL, buf, n);
}

const char *bf_table_params(const struct bf_table *t, const char *rowparam, char *buf, size_t n)
{
	return table_sql(t, COL_PARAMS, rowparam, buf, n);
}

const char *bf_table_assign(const struct bf_table *t, char *buf, size_t n)
{
	return table_sql(t, COL_ASSIGN, NULL, buf, n);
}

/* the end of a statement written into buf: w what snprintf said */
static const char *fits(int w, char *buf, size_t n)
{
	return w < 0 || (size_t)w >= n ? NULL : buf;
}

const char *bf_table_query(const struct bf_table *t, const char *alias, const char *rest, char *buf,
                           size_t n)
{
	char cols[4096];
	if (!bf_table_select(t, alias, cols, sizeof cols))
		return NULL;
	return fits(snprintf(buf, n, "SELECT %s %s", cols, rest), buf, n);
}

const char *bf_table_insert(const struct bf_table *t, const char *rowparam, const char *extra_names,
                            const char *extra_values, char *buf, size_t n)
{
	char names[2048], params[4096];
	if (!bf_table_names(t, names, sizeof names) ||
	    !bf_table_params(t, rowparam, params, sizeof params))
		return NULL;
	const char *sep = extra_names && extra_names[0] ? ", " : "";
	return fits(snprintf(buf, n, "INSERT INTO %s (%s%s%s) VALUES (%s%s%s)", t->table, names,
	                     sep, *sep ? extra_names : "", params, sep, *sep ? extra_values : ""),
	            buf, n);
}

const char *bf_table_update(const struct bf_table *t, const char *extra, const char *where,
                            char *buf, size_t n)
{
	char assign[4096];
	if (!bf_table_assign(t, assign, sizeof assign))
		return NULL;
	const char *sep = extra && extra[0] ? ", " : "";
	return fits(snprintf(buf, n, "UPDATE %s SET %s%s%s %s", t->table, assign, sep,
	                     *sep ? extra : "", where),
	            buf, n);
}

int bf_table_bind(struct bf_stmt *st, const struct bf_table *t, const void *obj)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct bf_col *c = &t->cols[i];
		if (!col_written(c) || c->f.kind == BF_FIELD_SKIP)
			continue;
		char param[72];
		snprintf(param, sizeof param, ":%s", c->name);
		int rc;
		if (c->f.kind == BF_FIELD_NUM) {
			int64_t v = field_int(&c->f, obj);
			rc = v == 0 && (c->flags & BF_COL_NULL) ? bf_bind_null(st, param)
			                                        : bf_bind_int(st, param, v);
		} else if (c->f.kind == BF_FIELD_CSTR) {
			const char *v;
			memcpy(&v, (const char *)obj + c->f.offset, sizeof v);
			rc = (c->flags & BF_COL_NULL) ? bf_bind_text_or_null(st, param, v)
			                              : bf_bind_text(st, param, v);
		} else {
			char buf[2048]; /* every text column of a row struct fits */
			bf_strlcpy(buf, (const char *)obj + c->f.offset,
			           c->f.size < sizeof buf ? c->f.size : sizeof buf);
			if (c->flags & BF_COL_TRIM)
				bf_trim(buf);
			rc = (c->flags & BF_COL_NULL) ? bf_bind_text_or_null(st, param, buf)
			                              : bf_bind_text(st, param, buf);
		}
		if (rc != 0)
			return -1;
	}
	return 0;
}

void bf_table_read(struct bf_stmt *st, const struct bf_table *t, int first, void *obj)
{
	for (size_t i = 0; i < t->n; i++)
		field_read(st, first + (int)i, &t->cols[i].f, obj);
}

int bf_table_rows(struct bf_db *db, struct bf_stmt *st, const struct bf_table *t, size_t size,
                  void (*fix)(struct bf_stmt *st, void *row), void *pout, size_t *n,
                  struct bf_error *err)
{
	size_t cap = 0;
	int rc;
	*n = 0;
	*(void **)pout = NULL;
	while ((rc = bf_step(st)) == SQLITE_ROW) {
		void *row = bf_push(pout, &cap, n, size);
		if (!row) {
			rc = SQLITE_NOMEM;
			break;
		}
		bf_table_read(st, t, 0, row);
		if (fix)
			fix(st, row);
	}
	return bf_rows_end(db, st, rc, pout, n, err);
}
