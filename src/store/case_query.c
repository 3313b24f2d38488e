/* case_query.c — the case list: count and fetch a window of rows. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/case_query.h"
#include "bangfu/casefile.h"
#include "bangfu/pinyin.h"

_Static_assert(BF_PINYIN_QUERY_MAX >= BF_NAME_SZ - 1, "a whole name's initials are a query");
#include "bangfu/workflow.h"

/* Statuses sort in workflow order, not by their codes. */
#define STATE_CODE(id, code, label) code ","
#define STATE_ORDER "instr('," BF_STATES(STATE_CODE) "', ',' || status || ',')"

static const char *const sort_sql[BF_SORT_COUNT][2] = {
    [BF_SORT_NUMBER] = {"number", "number DESC"},
    [BF_SORT_NAME] = {"name_key, name, number", "name_key DESC, name DESC, number DESC"},
    [BF_SORT_DEPARTMENT] = {"department IS NULL, department, number",
                            "department IS NULL, department DESC, number DESC"},
    [BF_SORT_STATUS] = {STATE_ORDER ", number", STATE_ORDER " DESC, number DESC"},
    [BF_SORT_CATEGORY] = {"first_category IS NULL, first_category, number",
                          "first_category IS NULL, first_category DESC, number DESC"},
    [BF_SORT_PER_CAPITA] = {"per_capita, number", "per_capita DESC, number DESC"},
};

static bool all_id_chars(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || *s == 'x' || *s == 'X' || *s == '-'))
			return false;
	return true;
}

/* A whole ID number is looked up by its blind index, not among what its
 * first digits matched (the mask shows none past the fourth). */
bool bf_case_search_whole_id(const char *s)
{
	return strlen(s) == 18 && all_id_chars(s);
}

int bf_case_employee_id(bf_db *db, int64_t case_id, char *out, size_t n, bf_error *err)
{
	out[0] = '\0';
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT bf_open(id_number, 'case_file.id_number', id) FROM case_file"
	                  " WHERE id = :id") != 0 ||
	    bf_bind_int(&st, ":id", case_id) != 0) {
		bf_finalize(&st);
		bf_db_error(db, err);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		bf_col_copy(&st, 0, out, n);
	else if (rc != SQLITE_DONE)
		bf_db_error(db, err);
	bf_finalize(&st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* A query of x's only (xx for 徐欣, x for 徐) is pinyin initials: since the
 * masks star the check character (issue 12), no ID digit a search may
 * match is an x, and file numbers have none. */
static bool x_only(const char *q)
{
	bool x = false;
	for (; *q; q++) {
		if (*q == 'x' || *q == 'X')
			x = true;
		else if (*q != '-')
			return false;
	}
	return x;
}

/* The ID-digit test, and the pinyin test, as the search uses them. */
/* ID digits match only what the mask shows (never the birth date: a
 * search cannot be stepped to rebuild a number), or a whole number through
 * its blind index (issue 12) */
#define ID_MATCH_SQL                                                                        \
	"(instr(number, :q) > 0 OR instr(id_mask, :qu) > 0 OR id_bidx = bf_bidx(:q, 'id'))"
#define PINYIN_MATCH_SQL "((name_mask & :qmask) = :qmask AND bf_pinyin_match(name, :q))"

static bool has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

/* WHERE clause for the filter; binds are :q, :qu (upper-cased), :status, :cat. */
static void build_where(const struct bf_case_filter *f, char *buf, size_t n)
{
	char *p = buf;
	size_t left = n;
	int w = snprintf(p, left, " WHERE 1");
	p += w, left -= (size_t)w;
	if (f->search[0]) {
		/* Only the tests that can match this kind of text: every row of a
		 * search scan pays for each of them. */
		if (all_id_chars(f->search) && !x_only(f->search))
			w = snprintf(p, left, " AND " ID_MATCH_SQL);
		else if (bf_pinyin_query_like(f->search))
			w = snprintf(p, left,
			             " AND (" PINYIN_MATCH_SQL " OR instr(number, :q) > 0)");
		else if (has_non_ascii(f->search))
			w = snprintf(p, left, " AND instr(name, :q) > 0"); /* Chinese: names */
		else
			w = snprintf(p, left,
			             " AND (instr(name, :q) > 0 OR instr(number, :q) > 0)");
		p += w, left -= (size_t)w;
	}
	if (f->status[0]) {
		w = snprintf(p, left, " AND status = :status");
		p += w, left -= (size_t)w;
	}
	if (f->category > 0)
		snprintf(p, left, " AND first_category = :cat");
	else if (f->category < 0)
		snprintf(p, left, " AND first_category IS NULL");
}

static int bind_filter(bf_stmt *st, const struct bf_case_filter *f)
{
	if (f->search[0]) {
		char up[96];
		bf_strlcpy(up, f->search, sizeof up);
		for (char *c = up; *c; c++)
			if (*c == 'x')
				*c = 'X';
		if (sqlite3_bind_parameter_index(st->s, ":q") && bf_bind_text(st, ":q", f->search))
			return -1;
		if (sqlite3_bind_parameter_index(st->s, ":qu") && bf_bind_text(st, ":qu", up))
			return -1;
		if (sqlite3_bind_parameter_index(st->s, ":qmask") &&
		    bf_bind_int(st, ":qmask", bf_pinyin_name_mask(f->search)))
			return -1;
	}
	if (f->status[0] && bf_bind_text(st, ":status", f->status))
		return -1;
	if (f->category > 0 && bf_bind_int(st, ":cat", f->category))
		return -1;
	return 0;
}

/* A row's columns; the district's accepted amount (its latest decision, when
 * that was to accept) read for the rows shown only. */
#define ROW_COLS                                                                     \
	"id, number, name, id_mask, department, status, first_category, per_capita," \
	" household_size, (SELECT CASE WHEN d.decision = 'accept' THEN d.amount END" \
	" FROM district_decision d WHERE d.case_id = case_file.id ORDER BY d.id DESC LIMIT 1)"

static void read_row(bf_stmt *st, struct bf_case_row *r)
{
	r->id = bf_col_int(st, 0);
	bf_col_copy(st, 1, r->number, sizeof r->number);
	bf_col_copy(st, 2, r->name, sizeof r->name);
	bf_col_copy(st, 3, r->id_number, sizeof r->id_number);
	bf_col_copy(st, 4, r->department, sizeof r->department);
	bf_col_copy(st, 5, r->status, sizeof r->status);
	r->category = (int)bf_col_int(st, 6);
	r->per_capita = bf_col_int(st, 7);
	r->household_size = (int)bf_col_int(st, 8);
	r->accepted = bf_col_int(st, 9);
}

int bf_case_count(bf_db *db, const struct bf_case_filter *f, int64_t *count, bf_error *err)
{
	char where[512], sql[768];
	build_where(f, where, sizeof where);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM case_file%s", where);
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0 || bind_filter(&st, f) != 0) {
		bf_finalize(&st);
		bf_db_error(db, err);
		return -1;
	}
	int rc = bf_step(&st);
	*count = rc == SQLITE_ROW ? bf_col_int(&st, 0) : 0;
	bf_finalize(&st);
	if (rc != SQLITE_ROW) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

int bf_case_match_ids(bf_db *db, const struct bf_case_filter *f, int64_t *ids, size_t cap,
                      size_t *n, bool *more, bf_error *err)
{
	char where[512], sql[1024];
	build_where(f, where, sizeof where);
	unsigned s = (unsigned)f->sort < BF_SORT_COUNT ? (unsigned)f->sort : 0;
	snprintf(sql, sizeof sql, "SELECT id FROM case_file%s ORDER BY %s", where,
	         sort_sql[s][f->desc ? 1 : 0]);
	*n = 0;
	*more = false;
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0 || bind_filter(&st, f) != 0) {
		bf_finalize(&st);
		bf_db_error(db, err);
		return -1;
	}
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		if (*n == cap) {
			*more = true;
			break;
		}
		ids[(*n)++] = bf_col_int(&st, 0);
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

int bf_case_match_ids_within(bf_db *db, const struct bf_case_filter *f, const int64_t *within,
                             size_t n_within, int64_t *ids, size_t *n, bf_error *err)
{
	char where[512], sql[768];
	build_where(f, where, sizeof where);
	snprintf(sql, sizeof sql, "SELECT 1 FROM case_file%s AND id = :id", where);
	*n = 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	for (size_t i = 0; i < n_within; i++) {
		if (bind_filter(&st, f) != 0 || bf_bind_int(&st, ":id", within[i]) != 0)
			goto fail;
		int rc = bf_step(&st);
		if (rc == SQLITE_ROW)
			ids[(*n)++] = within[i];
		else if (rc != SQLITE_DONE)
			goto fail;
		bf_reset(&st);
	}
	bf_finalize(&st);
	return 0;
fail:
	bf_finalize(&st);
	bf_db_error(db, err);
	return -1;
}

int bf_case_rows_by_id(bf_db *db, const int64_t *ids, int n, struct bf_case_row *rows, int *got,
                       bf_error *err)
{
	*got = 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT " ROW_COLS " FROM case_file WHERE id = :id") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (bf_bind_int(&st, ":id", ids[i]) != 0)
			goto fail;
		int rc = bf_step(&st);
		if (rc == SQLITE_ROW) {
			struct bf_case_row *r = &rows[(*got)++];
			read_row(&st, r);
		} else if (rc != SQLITE_DONE) {
			goto fail;
		}
		bf_reset(&st);
	}
	bf_finalize(&st);
	return 0;
fail:
	bf_finalize(&st);
	bf_db_error(db, err);
	return -1;
}

int bf_case_rows(bf_db *db, const struct bf_case_filter *f, int64_t offset, int limit,
                 struct bf_case_row *rows, int *n, bf_error *err)
{
	char where[512], sql[1024];
	build_where(f, where, sizeof where);
	unsigned s = (unsigned)f->sort < BF_SORT_COUNT ? (unsigned)f->sort : 0;
	snprintf(sql, sizeof sql,
	         "SELECT " ROW_COLS " FROM case_file%s ORDER BY %s LIMIT :lim OFFSET :off", where,
	         sort_sql[s][f->desc ? 1 : 0]);
	*n = 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0 || bind_filter(&st, f) != 0 ||
	    bf_bind_int(&st, ":lim", limit) != 0 || bf_bind_int(&st, ":off", offset) != 0) {
		bf_finalize(&st);
		bf_db_error(db, err);
		return -1;
	}
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW && *n < limit) {
		read_row(&st, &rows[(*n)++]);
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}
