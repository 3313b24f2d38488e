/* case_query.c — the case list: count and fetch a window of rows. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/case_query.h"
#include "bangfu/casefile.h"
#include "bangfu/pinyin.h"
#include "bangfu/purge.h"

_Static_assert(BF_PINYIN_QUERY_MAX >= BF_NAME_SZ - 1, "a whole name's initials are a query");
#include "bangfu/workflow.h"

/* Statuses sort in workflow order, not by their codes (schema 021 indexes
 * this expression, with the number). */
#define STATE_CODE(id, code, label) code ","
#define STATE_ORDER "instr('," BF_STATES(STATE_CODE) "', ',' || status || ',')"

/* Each order as its columns, the last one the unique number, so that a page
 * can continue from the key of the last row shown (keyset paging: never
 * OFFSET, which re-walks every earlier row). Expressions are written as the
 * schema indexes them. */
struct sort_col {
	const char *expr;
	bool not_null; /* or its NULLs sorted apart by the column before */
	bool fixed; /* ascending in a descending order too (NULLs last) */
};
#define MAX_SORT_COLS 3
static const struct sort_col sort_cols[BF_SORT_COUNT][MAX_SORT_COLS] = {
    [BF_SORT_NUMBER] = {{"number", true}},
    [BF_SORT_NAME] = {{"name_key", false}, {"name", false}, {"number", true}},
    [BF_SORT_DEPARTMENT] = {{"department IS NULL", true, true},
                            {"department", true},
                            {"number", true}},
    [BF_SORT_STATUS] = {{STATE_ORDER, true}, {"number", true}},
    [BF_SORT_CATEGORY] = {{"first_category IS NULL", true, true},
                          {"first_category", true},
                          {"number", true}},
    [BF_SORT_PER_CAPITA] = {{"per_capita", true}, {"number", true}},
};

static int sort_ncols(unsigned s)
{
	int k = 0;
	while (k < MAX_SORT_COLS && sort_cols[s][k].expr)
		k++;
	return k;
}

static unsigned sort_of(const struct bf_case_filter *f)
{
	return (unsigned)f->sort < BF_SORT_COUNT ? (unsigned)f->sort : 0;
}

/* Is column k of sort s descending, in order desc walked backward or not? */
static bool col_desc(unsigned s, int k, bool desc, bool backward)
{
	return (desc && !sort_cols[s][k].fixed) != backward;
}

/* " ORDER BY ..." for sort s. */
static void build_order(unsigned s, bool desc, bool backward, char *buf, size_t n)
{
	size_t len = (size_t)snprintf(buf, n, " ORDER BY ");
	for (int k = 0; k < sort_ncols(s) && len < n; k++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s%s", k ? ", " : "",
		                        sort_cols[s][k].expr,
		                        col_desc(s, k, desc, backward) ? " DESC" : "");
}

/* The condition that a row sorts after the anchor on column i of sort s
 * (before it, backward; or on it too, the last column of an inclusive
 * page), its value bound as :k<i>; false when no row does (nothing sorts
 * below NULL). */
static bool keyset_after(unsigned s, int i, bool desc, bool backward, const bool *vnull,
                         bool inclusive, char *buf, size_t n)
{
	const char *e = sort_cols[s][i].expr;
	bool d = col_desc(s, i, desc, backward), last = i == sort_ncols(s) - 1;
	if (!d && vnull[i])
		snprintf(buf, n, "(%s) IS NOT NULL", e);
	else if (d && vnull[i])
		return false;
	else
		snprintf(buf, n, "(%s) %s%s :k%d%s%s%s", e, d ? "<" : ">",
		         last && inclusive ? "=" : "", i,
		         d && !sort_cols[s][i].not_null ? " OR (" : "",
		         d && !sort_cols[s][i].not_null ? e : "",
		         d && !sort_cols[s][i].not_null ? ") IS NULL" : "");
	return true;
}

/* The rows after the anchor whose sort values are bound as :k0, :k1, ...
 * (vnull[k]: that value is NULL, which sorts first), or from it on when
 * inclusive. Lexicographic: equal on the first i columns and after on the
 * next. A leading row-value range over the columns it is valid for lets
 * SQLite seek in the index instead of walking the earlier rows. */
static void build_keyset(unsigned s, bool desc, bool backward, const bool *vnull, bool inclusive,
                         char *buf, size_t n)
{
	int m = sort_ncols(s);
	size_t len = 0;
	buf[0] = 0;
	/* the seekable prefix: one direction, values not NULL, and in a
	 * descending column no NULLs after the anchor either */
	bool d0 = col_desc(s, 0, desc, backward);
	int p = 0;
	while (p < m && col_desc(s, p, desc, backward) == d0 && !vnull[p] &&
	       (!d0 || sort_cols[s][p].not_null))
		p++;
	if (p > 0) {
		len += (size_t)snprintf(buf + len, n - len, "(");
		for (int k = 0; k < p && len < n; k++)
			len += (size_t)snprintf(buf + len, n - len, "%s(%s)", k ? ", " : "",
			                        sort_cols[s][k].expr);
		len += (size_t)snprintf(buf + len, n - len, ") %s (", d0 ? "<=" : ">=");
		for (int k = 0; k < p && len < n; k++)
			len += (size_t)snprintf(buf + len, n - len, "%s:k%d", k ? ", " : "", k);
		len += (size_t)snprintf(buf + len, n - len, ") AND ");
	}
	len += (size_t)snprintf(buf + len, n - len, "(0");
	for (int i = 0; i < m && len < n; i++) {
		char after[512];
		if (!keyset_after(s, i, desc, backward, vnull, inclusive, after, sizeof after))
			continue;
		len += (size_t)snprintf(buf + len, n - len, " OR (");
		for (int j = 0; j < i && len < n; j++)
			len += (size_t)snprintf(buf + len, n - len, "(%s) IS :k%d AND ",
			                        sort_cols[s][j].expr, j);
		len += (size_t)snprintf(buf + len, n - len, "(%s))", after);
	}
	if (len < n)
		snprintf(buf + len, n - len, ")");
}

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
#define ID_MATCH_SQL \
	"(instr(number, :q) > 0 OR instr(id_mask, :qu) > 0 OR id_bidx = bf_bidx(:q, 'id'))"
#define PINYIN_MATCH_SQL "((name_mask & :qmask) = :qmask AND bf_pinyin_match(name, :q))"

static bool has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

/* WHERE clause for the filter (nothing when it is empty: a bare count(*) is
 * SQLite's fast count); binds are :q, :qu (upper-cased), :status, :cat.
 * `also` is one more condition, or NULL. */
static void build_where(const struct bf_case_filter *f, const char *also, char *buf, size_t n)
{
	const char *cond[4];
	int k = 0;
	if (f->search[0]) {
		/* Only the tests that can match this kind of text: every row of a
		 * search scan pays for each of them. */
		if (all_id_chars(f->search) && !x_only(f->search))
			cond[k++] = ID_MATCH_SQL;
		else if (bf_pinyin_query_like(f->search))
			cond[k++] = "(" PINYIN_MATCH_SQL " OR instr(number, :q) > 0)";
		else if (has_non_ascii(f->search))
			cond[k++] = "instr(name, :q) > 0"; /* Chinese: names */
		else
			cond[k++] = "(instr(name, :q) > 0 OR instr(number, :q) > 0)";
	}
	if (f->status[0])
		cond[k++] = "status = :status";
	if (f->category > 0)
		cond[k++] = "first_category = :cat";
	else if (f->category < 0)
		cond[k++] = "first_category IS NULL";
	if (also)
		cond[k++] = also;
	bf_sql_where(cond, k, buf, n);
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

#define ROW_NCOLS 10

static void read_row(bf_stmt *st, struct bf_case_row *r)
{
	r->id = bf_col_int(st, 0);
	bf_col_copy(st, 1, r->number, sizeof r->number);
	bf_col_copy(st, 2, r->name, sizeof r->name);
	bf_purged_show(r->name, sizeof r->name); /* a purged file's tombstone */
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
	build_where(f, NULL, where, sizeof where);
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

/* A page after the anchor (before it, backward) as one index seek per sort
 * column, UNION ALL: equal to the anchor on the columns before it and after
 * it on this one (keyset_after), each in the order's index order and
 * limited; the union sorted again by the keys its rows carry after the
 * ROW_COLS, and limited. SQLite 3.40 seeks with a row value, (k0, k1) >=
 * (:k0, :k1), only over plain columns: over an expression (the status
 * order, the category's and department's IS NULL) build_keyset's row value
 * read the index from its start, so that a page near the end of 100,000
 * files sorted by status cost 7 ms, not 0.5 (bench_list). */
static void build_seeks(const struct bf_case_filter *f, const bool *vnull, bool backward,
                        bool inclusive, char *buf, size_t n)
{
	unsigned s = sort_of(f);
	int m = sort_ncols(s), branches = 0;
	char keys[256] = "";
	size_t len = 0, kl = 0;
	for (int k = 0; k < m; k++)
		kl += (size_t)snprintf(keys + kl, sizeof keys - kl, ", %s", sort_cols[s][k].expr);
	buf[0] = 0;
	for (int j = m - 1; j >= 0 && len < n; j--) {
		char also[1024], after[512], where[2600], order[512];
		if (!keyset_after(s, j, f->desc, backward, vnull, inclusive, after, sizeof after))
			continue;
		size_t al = 0, ol = (size_t)snprintf(order, sizeof order, " ORDER BY ");
		for (int k = 0; k < j; k++)
			al += (size_t)snprintf(also + al, sizeof also - al, "(%s) IS :k%d AND ",
			                       sort_cols[s][k].expr, k);
		snprintf(also + al, sizeof also - al, "(%s)", after);
		build_where(f, also, where, sizeof where);
		for (int k = j; k < m; k++)
			ol += (size_t)snprintf(order + ol, sizeof order - ol, "%s%s%s",
			                       k > j ? ", " : "", sort_cols[s][k].expr,
			                       col_desc(s, k, f->desc, backward) ? " DESC" : "");
		len += (size_t)snprintf(buf + len, n - len,
		                        "%sSELECT * FROM (SELECT " ROW_COLS "%s FROM case_file%s%s"
		                        " LIMIT :lim)",
		                        branches++ ? " UNION ALL " : "", keys, where, order);
	}
	if (!branches) /* nothing sorts after the anchor */
		len =
		    (size_t)snprintf(buf, n, "SELECT " ROW_COLS "%s FROM case_file WHERE 0", keys);
	if (len < n)
		len += (size_t)snprintf(buf + len, n - len, " ORDER BY ");
	for (int k = 0; k < m && len < n; k++)
		len +=
		    (size_t)snprintf(buf + len, n - len, "%s%d%s", k ? ", " : "", ROW_NCOLS + 1 + k,
		                     col_desc(s, k, f->desc, backward) ? " DESC" : "");
	if (len < n)
		snprintf(buf + len, n - len, " LIMIT :lim");
}

/* Prepare `SELECT <cols> FROM case_file WHERE <filter> [AND <keyset>]
 * [ORDER BY ...] [LIMIT :lim]` with the anchor file's sort values bound
 * (an ordered page after an anchor, cols ROW_COLS: build_seeks). *gone is
 * set when the anchor is no longer there. */
static int prepare_page(bf_db *db, const struct bf_case_filter *f, const char *cols, int64_t anchor,
                        unsigned flags, bool order, bf_stmt *st, bool *gone, bf_error *err)
{
	unsigned s = sort_of(f);
	bool backward = flags & BF_PAGE_BACKWARD;
	bool vnull[MAX_SORT_COLS] = {false};
	bf_stmt an = {0};
	char keyset[2048] = "";
	*gone = false;
	if (anchor > 0) {
		char q[512];
		size_t len = (size_t)snprintf(q, sizeof q, "SELECT ");
		for (int k = 0; k < sort_ncols(s); k++)
			len += (size_t)snprintf(q + len, sizeof q - len, "%s%s", k ? ", " : "",
			                        sort_cols[s][k].expr);
		snprintf(q + len, sizeof q - len, " FROM case_file WHERE id = :id");
		if (bf_db_prepare(db, &an, q) != 0 || bf_bind_int(&an, ":id", anchor) != 0)
			goto fail;
		int rc = bf_step(&an);
		if (rc == SQLITE_DONE) {
			*gone = true;
			bf_finalize(&an);
			return 0;
		}
		if (rc != SQLITE_ROW)
			goto fail;
		for (int k = 0; k < sort_ncols(s); k++)
			vnull[k] = sqlite3_column_type(an.s, k) == SQLITE_NULL;
		if (!order)
			build_keyset(s, f->desc, backward, vnull, flags & BF_PAGE_INCLUSIVE, keyset,
			             sizeof keyset);
	}
	char where[2600], orderby[512] = "", sql[12288];
	if (anchor > 0 && order) {
		build_seeks(f, vnull, backward, flags & BF_PAGE_INCLUSIVE, sql, sizeof sql);
	} else {
		build_where(f, keyset[0] ? keyset : NULL, where, sizeof where);
		if (order)
			build_order(s, f->desc, backward, orderby, sizeof orderby);
		snprintf(sql, sizeof sql, "SELECT %s FROM case_file%s%s%s", cols, where, orderby,
		         order ? " LIMIT :lim" : "");
	}
	if (bf_db_prepare(db, st, sql) != 0 || bind_filter(st, f) != 0)
		goto fail;
	for (int k = 0; anchor > 0 && k < sort_ncols(s); k++) {
		char name[16];
		snprintf(name, sizeof name, ":k%d", k);
		int i = sqlite3_bind_parameter_index(st->s, name);
		if (i > 0 &&
		    sqlite3_bind_value(st->s, i, sqlite3_column_value(an.s, k)) != SQLITE_OK)
			goto fail;
	}
	bf_finalize(&an);
	return 0;
fail:
	bf_db_error(db, err);
	bf_finalize(&an);
	bf_finalize(st);
	return -1;
}

int bf_case_page(bf_db *db, const struct bf_case_filter *f, int64_t anchor, unsigned flags,
                 int limit, struct bf_case_row *rows, int *n, bf_error *err)
{
	*n = 0;
	bf_stmt st = {0};
	bool gone;
	if (prepare_page(db, f, ROW_COLS, anchor, flags, true, &st, &gone, err) != 0)
		return -1;
	if (gone)
		return BF_PAGE_GONE;
	if (bf_bind_int(&st, ":lim", limit) != 0) {
		bf_finalize(&st);
		bf_db_error(db, err);
		return -1;
	}
	int rc = SQLITE_DONE;
	while (*n < limit && (rc = bf_step(&st)) == SQLITE_ROW)
		read_row(&st, &rows[(*n)++]);
	if (*n < limit && rc != SQLITE_DONE) {
		bf_finalize(&st);
		bf_db_error(db, err);
		return -1;
	}
	bf_finalize(&st);
	if (flags & BF_PAGE_BACKWARD)
		for (int i = 0, j = *n - 1; i < j; i++, j--) {
			struct bf_case_row t = rows[i];
			rows[i] = rows[j];
			rows[j] = t;
		}
	return 0;
}

int bf_case_position(bf_db *db, const struct bf_case_filter *f, int64_t id, int64_t *pos,
                     bf_error *err)
{
	*pos = -1;
	char where[512], sql[768];
	build_where(f, "id = :id", where, sizeof where);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM case_file%s", where);
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0 || bind_filter(&st, f) != 0 ||
	    bf_bind_int(&st, ":id", id) != 0) {
		bf_finalize(&st);
		bf_db_error(db, err);
		return -1;
	}
	int rc = bf_step(&st);
	bool there = rc == SQLITE_ROW && bf_col_int(&st, 0) > 0;
	bf_finalize(&st);
	if (rc != SQLITE_ROW) {
		bf_db_error(db, err);
		return -1;
	}
	if (!there)
		return 0;
	bool gone;
	if (prepare_page(db, f, "count(*)", id, BF_PAGE_BACKWARD, false, &st, &gone, err) != 0)
		return -1;
	rc = gone ? SQLITE_DONE : bf_step(&st);
	if (rc == SQLITE_ROW)
		*pos = bf_col_int(&st, 0);
	bf_finalize(&st);
	if (rc != SQLITE_ROW && !gone) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

int bf_case_match_ids(bf_db *db, const struct bf_case_filter *f, int64_t *ids, size_t cap,
                      size_t *n, bool *more, bf_error *err)
{
	char where[512], orderby[512], sql[1100];
	build_where(f, NULL, where, sizeof where);
	build_order(sort_of(f), f->desc, false, orderby, sizeof orderby);
	snprintf(sql, sizeof sql, "SELECT id FROM case_file%s%s", where, orderby);
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
	build_where(f, "id = :id", where, sizeof where);
	snprintf(sql, sizeof sql, "SELECT 1 FROM case_file%s", where);
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

int bf_case_number_width(bf_db *db, int *width, bf_error *err)
{
	/* the allocator writes YYYY-N...: per year (found by seeks on the year
	 * index, not a scan) the longest is its highest sequence number, found
	 * by a seek on case_file_seq */
	static const char sql[] =
	    "WITH RECURSIVE y(v) AS (SELECT min(year) FROM case_file UNION ALL"
	    " SELECT (SELECT min(year) FROM case_file WHERE year > v) FROM y WHERE v IS NOT NULL)"
	    " SELECT max(5 + length((SELECT max(CAST(substr(number, 6) AS INTEGER)) FROM case_file"
	    " WHERE substr(number, 1, 5) = printf('%04d-', v)))) FROM y WHERE v IS NOT NULL";
	bf_stmt st;
	*width = 9; /* 2026-0001 */
	if (bf_db_prepare(db, &st, sql) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW && bf_col_int(&st, 0) > *width)
		*width = (int)bf_col_int(&st, 0);
	bf_finalize(&st);
	if (rc != SQLITE_ROW) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}
