/* schema_rebuild.c — schema/026: the tables whose CHECKs list constants
 * (`x IN ('a', 'b', 'c')`) rebuilt with the same checks written as
 * comparisons. SQLite builds a temporary table for a list of more than two
 * constants on every statement that evaluates it (issue 17); SQLite cannot
 * alter a CHECK, so each table is made again the way
 * sqlite.org/lang_altertable.html ("Making Other Kinds Of Table Schema
 * Changes") says, driven by the table's own SQL in sqlite_schema: whatever
 * indexes and triggers earlier steps made are saved and made again as they
 * were, the rows are copied with their rowids. schema/029: the tables 026
 * left alone (the audit log, too large to copy) get the same rewrite in
 * their SQL in sqlite_schema, in place: a change that touches nothing
 * stored. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bangfu/schema.h"
#include "bangfu/store.h"

/* ---- the rewrite of the SQL text ---------------------------------------------- */

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* past white space and comments */
static size_t skip_space(const char *s, size_t i)
{
	for (;;) {
		if (isspace((unsigned char)s[i]))
			i++;
		else if (s[i] == '-' && s[i + 1] == '-')
			while (s[i] && s[i] != '\n')
				i++;
		else if (s[i] == '/' && s[i + 1] == '*') {
			const char *end = strstr(s + i + 2, "*/");
			i = end ? (size_t)(end - s) + 2 : strlen(s);
		} else
			return i;
	}
}

/* the end of a quoted token starting at s[i] ('...', "...", `...`, [...]) */
static size_t skip_quoted(const char *s, size_t i)
{
	char close = s[i] == '[' ? ']' : s[i];
	for (i++; s[i]; i++) {
		if (s[i] != close)
			continue;
		if (close != ']' && s[i + 1] == close) {
			i++; /* a doubled quote */
			continue;
		}
		return i + 1;
	}
	return i;
}

/* the keyword `kw` at s[i] as a whole word: its end, or 0 */
static size_t keyword(const char *s, size_t i, const char *kw)
{
	size_t n = strlen(kw);
	return strncasecmp(s + i, kw, n) == 0 && !ident_char(s[i + n]) ? i + n : 0;
}

struct literal {
	size_t at, len;
	bool integer;
	long long value;
};

/* `( literal, literal ... )` at s[i]: the literals (at most max) and the end
 * past `)`, or 0 when the list holds anything but plain constants */
static size_t literal_list(const char *s, size_t i, struct literal *lit, size_t max, size_t *n)
{
	*n = 0;
	if (s[i] != '(')
		return 0;
	for (i++;;) {
		i = skip_space(s, i);
		if (*n == max)
			return 0;
		struct literal *l = &lit[(*n)++];
		l->at = i;
		if (s[i] == '\'') {
			i = skip_quoted(s, i);
			if (s[i - 1] != '\'')
				return 0;
			l->integer = false;
		} else {
			size_t j = i + (s[i] == '-' || s[i] == '+');
			if (!isdigit((unsigned char)s[j]))
				return 0;
			while (isdigit((unsigned char)s[j]))
				j++;
			if (ident_char(s[j]) || s[j] == '.' || j - i > 15)
				return 0;
			l->integer = true;
			l->value = strtoll(s + i, NULL, 10);
			i = j;
		}
		l->len = i - l->at;
		i = skip_space(s, i);
		if (s[i] == ')')
			return i + 1;
		if (s[i] != ',')
			return 0;
		i++;
	}
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* integers that make one run lo..hi (repeats allowed) */
static bool integer_run(const struct literal *lit, size_t n, long long *lo, long long *hi)
{
	long long v[64];
	for (size_t k = 0; k < n; k++) {
		if (!lit[k].integer)
			return false;
		v[k] = lit[k].value;
	}
	qsort(v, n, sizeof v[0], cmp_ll);
	for (size_t k = 1; k < n; k++)
		if (v[k] != v[k - 1] && v[k] != v[k - 1] + 1)
			return false;
	*lo = v[0];
	*hi = v[n - 1];
	return n > 1;
}

/* the words after which a name begins an operand of its own (so that the
 * name alone is the left side of a following IN) */
static bool starts_operand(const char *s, size_t i, size_t end)
{
	static const char *const words[] = {"AND",  "OR",    "NOT",  "CHECK",
	                                    "WHEN", "WHERE", "THEN", "ELSE"};
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (end - i == strlen(words[k]) && keyword(s, i, words[k]))
			return true;
	return false;
}

char *bf_schema_rewrite_in(const char *sql)
{
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	if (!f)
		return NULL;
	bool operand = true; /* the next token may begin an operand */
	size_t i = 0;
	while (sql[i]) {
		size_t start = i;
		char c = sql[i];
		if (isspace((unsigned char)c) || (c == '-' && sql[i + 1] == '-') ||
		    (c == '/' && sql[i + 1] == '*')) {
			i = skip_space(sql, i);
			fwrite(sql + start, 1, i - start, f);
			continue;
		}
		if (c == '\'') {
			i = skip_quoted(sql, i);
			fwrite(sql + start, 1, i - start, f);
			operand = false;
			continue;
		}
		bool name = c == '"' || c == '`' || c == '[' || ident_char(c);
		if (!name) {
			fputc(c, f);
			i++;
			operand = c == '(' || c == ',';
			continue;
		}
		if (ident_char(c))
			while (ident_char(sql[i]))
				i++;
		else
			i = skip_quoted(sql, i);
		size_t end = i;
		struct literal lit[64];
		size_t n = 0, past = 0;
		bool neg = false;
		if (operand && !starts_operand(sql, start, end)) {
			size_t j = skip_space(sql, end), k;
			if ((k = keyword(sql, j, "NOT")) != 0) {
				neg = true;
				j = skip_space(sql, k);
			}
			if ((k = keyword(sql, j, "IN")) != 0)
				past = literal_list(sql, skip_space(sql, k), lit, 64, &n);
		}
		if (!past) {
			fwrite(sql + start, 1, end - start, f);
			operand = starts_operand(sql, start, end);
			continue;
		}
		int nl = (int)(end - start);
		long long lo, hi;
		if (integer_run(lit, n, &lo, &hi))
			fprintf(f, "(%.*s %sBETWEEN %lld AND %lld)", nl, sql + start,
			        neg ? "NOT " : "", lo, hi);
		else {
			fputc('(', f);
			for (size_t k = 0; k < n; k++)
				fprintf(f, "%s%.*s %s %.*s", k ? (neg ? " AND " : " OR ") : "", nl,
				        sql + start, neg ? "<>" : "=", (int)lit[k].len,
				        sql + lit[k].at);
			fputc(')', f);
		}
		i = past;
		operand = false;
	}
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* ---- the rebuild ------------------------------------------------------------------ */

/* Not rebuilt: the audit trail's own tables (their triggers belong to the
 * audit, which a later step replaces; 029 rewrites their checks in place). */
static bool left_alone(const char *table)
{
	return !strcmp(table, "audit_log") || !strcmp(table, "audit_chain");
}

/* The tables every save, import and draw writes: rebuilt first. */
static const char *const hot_tables[] = {
    "case_file", "member",      "case_cause", "checklist_item", "campaign_recipient",
    "payment",   "consolation", "dist_case",  "dist_person",
};

struct rebuild {
	char name[64];
	char *sql; /* the rewritten CREATE TABLE */
	int order;
};

static int hot_rank(const char *name)
{
	for (size_t k = 0; k < sizeof hot_tables / sizeof hot_tables[0]; k++)
		if (!strcmp(hot_tables[k], name))
			return (int)k;
	return (int)(sizeof hot_tables / sizeof hot_tables[0]);
}

static int cmp_rebuild(const void *a, const void *b)
{
	const struct rebuild *x = a, *y = b;
	int rx = hot_rank(x->name), ry = hot_rank(y->name);
	return rx != ry ? rx - ry : x->order - y->order;
}

/* `CREATE TABLE name` at the head of sql with the name replaced */
static char *renamed(const char *sql, const char *to)
{
	size_t i = skip_space(sql, 0), k;
	if (!(k = keyword(sql, i, "CREATE")))
		return NULL;
	i = skip_space(sql, k);
	if (!(k = keyword(sql, i, "TABLE")))
		return NULL;
	i = skip_space(sql, k);
	size_t end = i;
	if (ident_char(sql[i]))
		while (ident_char(sql[end]))
			end++;
	else if (sql[i] == '"' || sql[i] == '`' || sql[i] == '[')
		end = skip_quoted(sql, i);
	if (end == i)
		return NULL;
	size_t len = strlen(sql) + strlen(to) + 8;
	char *s = malloc(len);
	if (s)
		snprintf(s, len, "%.*s\"%s\"%s", (int)i, sql, to, sql + end);
	return s;
}

static int add_text(char **buf, size_t *len, size_t *cap, const char *text)
{
	size_t n = strlen(text);
	if (*len + n + 1 > *cap) {
		size_t cap2 = (*len + n + 1) * 2;
		char *b = realloc(*buf, cap2);
		if (!b)
			return -1;
		*buf = b;
		*cap = cap2;
	}
	memcpy(*buf + *len, text, n + 1);
	*len += n;
	return 0;
}

/* the table's columns as a list of quoted names, with its rowid first when
 * it has one */
static char *column_list(bf_db *db, const char *table)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT rowid FROM \"%s\" LIMIT 0", table);
	sqlite3_stmt *probe = NULL;
	bool rowid = sqlite3_prepare_v2(db->h, sql, -1, &probe, NULL) == SQLITE_OK;
	sqlite3_finalize(probe);
	if (add_text(&buf, &len, &cap, rowid ? "rowid" : "") != 0)
		return NULL;
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT name FROM pragma_table_info(:t) ORDER BY cid") != 0 ||
	    bf_bind_text(&st, ":t", table) != 0) {
		free(buf);
		return NULL;
	}
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		char col[96];
		snprintf(col, sizeof col, "%s\"%s\"", len ? ", " : "", bf_col_text(&st, 0));
		if (add_text(&buf, &len, &cap, col) != 0)
			break;
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The table's index and trigger SQL, in the order they were made, as one
 * script. */
static char *saved_objects(bf_db *db, const char *table)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT sql FROM sqlite_schema WHERE tbl_name = :t AND sql IS NOT NULL"
	                  " AND (type = 'index' OR type = 'trigger') ORDER BY rowid") != 0 ||
	    bf_bind_text(&st, ":t", table) != 0)
		return NULL;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc;
	if (add_text(&buf, &len, &cap, "") != 0) {
		bf_finalize(&st);
		return NULL;
	}
	while ((rc = bf_step(&st)) == SQLITE_ROW)
		if (add_text(&buf, &len, &cap, bf_col_text(&st, 0)) != 0 ||
		    add_text(&buf, &len, &cap, ";\n") != 0)
			break;
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* whether the schema holds a table of that name */
static int has_table(bf_db *db, const char *name, bool *yes)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT count(*) FROM sqlite_schema WHERE name = :n") != 0 ||
	    bf_bind_text(&st, ":n", name) != 0)
		return -1;
	int rc = bf_step(&st);
	*yes = rc == SQLITE_ROW && bf_col_int(&st, 0) > 0;
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int rebuild_one(bf_db *db, const struct rebuild *t)
{
	char tmp[96];
	snprintf(tmp, sizeof tmp, "bf_rebuild_%s", t->name);
	char *create = renamed(t->sql, tmp);
	char *cols = column_list(db, t->name);
	char *objects = saved_objects(db, t->name);
	char *script = NULL;
	int64_t seq = -1;
	bool counters = false, stats = false;
	bf_stmt st;
	int rc = -1;
	if (!create || !cols || !objects) {
		if (!db->errmsg[0])
			snprintf(db->errmsg, sizeof db->errmsg, "%s: cannot read its schema",
			         t->name);
		goto out;
	}
	if (has_table(db, "sqlite_sequence", &counters) != 0 ||
	    has_table(db, "sqlite_stat1", &stats) != 0)
		goto out;
	/* AUTOINCREMENT's counter: kept, not lowered to the highest rowid */
	if (counters) {
		if (bf_db_prepare(db, &st, "SELECT seq FROM sqlite_sequence WHERE name = :t") != 0)
			goto out;
		if (bf_bind_text(&st, ":t", t->name) == 0 && bf_step(&st) == SQLITE_ROW)
			seq = bf_col_int(&st, 0);
		bf_finalize(&st);
	}
	/* The planner's statistics of the table (DROP TABLE drops them) are
	 * kept aside and put back. legacy_alter_table: the rename must not
	 * rewrite (or trip over) the views and other tables' triggers that
	 * name the table being replaced. */
	/* An empty table (every table of a new file) is made again in place:
	 * nothing to copy, and no rename, which re-reads the whole schema
	 * (0.4 s of CPU for a new file's 45 tables). The same words result. */
	bool empty = false;
	char probe[160];
	snprintf(probe, sizeof probe, "SELECT NOT EXISTS (SELECT 1 FROM \"%s\")", t->name);
	if (bf_db_prepare(db, &st, probe) != 0)
		goto out;
	empty = bf_step(&st) == SQLITE_ROW && bf_col_int(&st, 0) == 1;
	bf_finalize(&st);
	char *in_place = empty ? renamed(t->sql, t->name) : NULL;
	char *keep = stats ? sqlite3_mprintf("CREATE TEMP TABLE bf_rebuild_stat AS"
	                                     " SELECT tbl, idx, stat FROM sqlite_stat1"
	                                     " WHERE tbl = %Q;\n",
	                                     t->name)
	                   : sqlite3_mprintf("%s", "");
	if (keep && in_place)
		script = sqlite3_mprintf("%sDROP TABLE \"%w\";\n%s;\n", keep, t->name, in_place);
	else if (keep && !empty)
		script =
		    sqlite3_mprintf("%s%s;\n"
		                    "INSERT INTO \"%w\" (%s) SELECT %s FROM \"%w\";\n"
		                    "DROP TABLE \"%w\";\n"
		                    "PRAGMA legacy_alter_table=ON;\n"
		                    "ALTER TABLE \"%w\" RENAME TO \"%w\";\n"
		                    "PRAGMA legacy_alter_table=OFF;\n",
		                    keep, create, tmp, cols, cols, t->name, t->name, tmp, t->name);
	sqlite3_free(keep);
	free(in_place);
	if (!script) {
		bf_strlcpy(db->errmsg, "out of memory", sizeof db->errmsg);
		goto out;
	}
	rc = bf_db_exec(db, script);
	if (rc != 0) {
		sqlite3_exec(db->h, "PRAGMA legacy_alter_table=OFF", NULL, NULL, NULL);
		goto out;
	}
	if ((rc = bf_db_exec(db, objects)) != 0)
		goto out;
	if (stats && (rc = bf_db_exec(db, "INSERT INTO sqlite_stat1 (tbl, idx, stat)"
	                                  " SELECT tbl, idx, stat FROM temp.bf_rebuild_stat;"
	                                  " DROP TABLE temp.bf_rebuild_stat")) != 0)
		goto out;
	if (seq >= 0) {
		if ((rc = bf_db_prepare(
		         db, &st, "UPDATE sqlite_sequence SET seq = :s WHERE name = :t")) != 0)
			goto out;
		rc = bf_bind_int(&st, ":s", seq) == 0 && bf_bind_text(&st, ":t", t->name) == 0 &&
		             bf_step(&st) == SQLITE_DONE
		         ? 0
		         : -1;
		bf_finalize(&st);
	}
out:
	sqlite3_free(script);
	free(create);
	free(cols);
	free(objects);
	return rc;
}

/* The tables (all, or all but the audit's) whose SQL the rewrite changes,
 * with the rewritten SQL, in the schema's order; on failure db->errmsg says
 * why. */
static int changed_tables(bf_db *db, bool skip_audit, struct rebuild **out, size_t *nout)
{
	struct rebuild *list = NULL;
	size_t n = 0, cap = 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
	                  " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid") != 0)
		return -1;
	int step;
	while ((step = bf_step(&st)) == SQLITE_ROW) {
		const char *name = bf_col_text(&st, 0), *sql = bf_col_text(&st, 1);
		if ((skip_audit && left_alone(name)) || strlen(name) >= sizeof list[0].name)
			continue;
		char *rewritten = bf_schema_rewrite_in(sql);
		if (!rewritten)
			break;
		if (!strcmp(rewritten, sql)) {
			free(rewritten);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			struct rebuild *l = realloc(list, cap * sizeof *l);
			if (!l) {
				free(rewritten);
				break;
			}
			list = l;
		}
		bf_strlcpy(list[n].name, name, sizeof list[n].name);
		list[n].sql = rewritten;
		list[n].order = (int)n;
		n++;
	}
	bf_finalize(&st);
	*out = list;
	*nout = n;
	if (step != SQLITE_DONE) {
		if (!db->errmsg[0])
			bf_strlcpy(db->errmsg, "out of memory", sizeof db->errmsg);
		return -1;
	}
	return 0;
}

static void free_tables(struct rebuild *list, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(list[k].sql);
	free(list);
}

int bf_schema_rebuild_checks(bf_db *db, bf_error *err)
{
	struct rebuild *list = NULL;
	size_t n = 0;
	int rc = -1;
	db->errmsg[0] = '\0';
	bf_stmt st;
	if (changed_tables(db, true, &list, &n) != 0)
		goto fail;
	if (n)
		qsort(list, n, sizeof *list, cmp_rebuild);
	for (size_t k = 0; k < n; k++)
		if (rebuild_one(db, &list[k]) != 0)
			goto fail;
	/* every reference still finds its row (foreign keys are off meanwhile) */
	if (bf_db_prepare(db, &st, "PRAGMA foreign_key_check") != 0)
		goto fail;
	if (bf_step(&st) == SQLITE_ROW) {
		snprintf(db->errmsg, sizeof db->errmsg,
		         "after the rebuild, a row of %s refers to a missing row of %s",
		         bf_col_text(&st, 0), bf_col_text(&st, 2));
		bf_finalize(&st);
		goto fail;
	}
	bf_finalize(&st);
	rc = 0;
fail:
	if (rc != 0)
		bf_error_set(err, "%s", db->errmsg);
	free_tables(list, n);
	return rc;
}

/* ---- schema/029: the checks rewritten in place ------------------------------------ */

/* Each table's SQL in sqlite_schema replaced by its rewrite (the stored rows
 * and the root page untouched), and the schema version raised, so that this
 * and every other connection read the schema again. */
static int write_schema(bf_db *db, const struct rebuild *list, size_t n)
{
	int64_t version;
	if (bf_db_int(db, "PRAGMA schema_version", &version) != 0 ||
	    bf_db_exec(db, "PRAGMA writable_schema=ON") != 0)
		return -1;
	int rc = 0;
	for (size_t k = 0; k < n && rc == 0; k++) {
		bf_stmt st;
		if (bf_db_prepare(db, &st,
		                  "UPDATE sqlite_schema SET sql = :s"
		                  " WHERE type = 'table' AND name = :n") != 0)
			rc = -1;
		else {
			bool done = bf_bind_text(&st, ":s", list[k].sql) == 0 &&
			            bf_bind_text(&st, ":n", list[k].name) == 0 &&
			            bf_step(&st) == SQLITE_DONE && sqlite3_changes(db->h) == 1;
			if (!done) {
				snprintf(db->errmsg, sizeof db->errmsg,
				         "%s: its SQL was not replaced (%s)", list[k].name,
				         sqlite3_errmsg(db->h));
				rc = -1;
			}
			bf_finalize(&st);
		}
	}
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA schema_version=%lld", (long long)version + 1);
	if (rc == 0)
		rc = bf_db_exec(db, pragma);
	/* off again whatever happened, and the schema read again */
	if (sqlite3_exec(db->h, "PRAGMA writable_schema=RESET", NULL, NULL, NULL) != SQLITE_OK &&
	    rc == 0) {
		bf_strlcpy(db->errmsg, sqlite3_errmsg(db->h), sizeof db->errmsg);
		rc = -1;
	}
	return rc;
}

/* PRAGMA quick_check of one table (its rows against the new checks too):
 * 0 when it says ok */
static int quick_check(bf_db *db, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "PRAGMA quick_check(\"%s\")", table);
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0)
		return -1;
	int rc = bf_step(&st);
	bool ok = rc == SQLITE_ROW && !strcmp(bf_col_text(&st, 0), "ok");
	if (rc == SQLITE_ROW && !ok)
		snprintf(db->errmsg, sizeof db->errmsg,
		         "after its checks were rewritten, PRAGMA quick_check(%s) says: %s", table,
		         bf_col_text(&st, 0));
	bf_finalize(&st);
	return ok ? 0 : -1;
}

int bf_schema_rewrite_checks_in_place(bf_db *db, bf_error *err)
{
	struct rebuild *list = NULL;
	size_t n = 0;
	int rc = -1;
	db->errmsg[0] = '\0';
	if (changed_tables(db, false, &list, &n) != 0)
		goto out;
	/* Defensive mode refuses writable_schema (and makes the schema_version
	 * pragma do nothing): lifted for the step, put back after. */
	int defensive = 0;
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
	if (defensive)
		sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 0, (int *)NULL);
	rc = n ? write_schema(db, list, n) : 0;
	if (defensive)
		sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	for (size_t k = 0; k < n && rc == 0; k++)
		rc = quick_check(db, list[k].name);
out:
	if (rc != 0)
		bf_error_set(err, "%s", db->errmsg[0] ? db->errmsg : "out of memory");
	free_tables(list, n);
	return rc;
}
