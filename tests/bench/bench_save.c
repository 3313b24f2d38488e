/* bench_save.c — what one saved file costs in a database of any size.
 *
 * Opens a database that bench_list filled (10,000, 100,000 or 1,000,000
 * files; run it on a copy: the saves stay in it) and saves R new files one
 * by one, each in its own transaction as the intake screen saves them
 * (bf_case_save: number allocation, the one-open-file check, the assessment,
 * the checklist, the members and causes, sealed ID numbers, the audit log and
 * its chain through the schema's triggers). Beside each save, bare SQLite
 * does the same inserts: the rows that save stored (case_file, member,
 * case_cause, checklist_item, read back outside the timing) inserted again
 * with plain prepared INSERTs in one BEGIN IMMEDIATE … COMMIT on the same
 * connection (the schema's triggers fire as they do for the save), under
 * another number and with the persons' blind indexes changed (one open file
 * per person). Prints median and p95 of the wall time, the CPU time and the
 * minor page faults per save, each beside the bare figure, and the ratio.
 *
 * Built by `make`, not run by `make check`:
 *   ./tests/bench/bench_save --db PATH [--runs R]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bangfu/ctx.h"
#include "bangfu/accounts.h"
#include "bangfu/perm.h"
#include "bangfu/sample.h"
#include "bangfu/store.h"
#include "bangfu/vault.h"
#include "bench_util.h"

static long minflt(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return v[(int)((n - 1) * p + 0.5)];
}

/* The rows of one table that belong to case id (or are that case), each
 * with its column values as sqlite3_value copies. */
struct rows {
	int ncols, nrows;
	char cols[64][64];
	sqlite3_value **vals; /* nrows * ncols */
};

static void rows_read(sqlite3 *h, const char *table, sqlite3_int64 id, struct rows *r)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE %s = ?1 ORDER BY rowid", table,
	         strcmp(table, "case_file") ? "case_id" : "id");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		die(table, sqlite3_errmsg(h));
	sqlite3_bind_int64(st, 1, id);
	r->ncols = sqlite3_column_count(st);
	if (r->ncols > 64)
		die(table, "too many columns");
	for (int c = 0; c < r->ncols; c++)
		snprintf(r->cols[c], sizeof r->cols[c], "%s", sqlite3_column_name(st, c));
	r->nrows = 0;
	r->vals = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		r->vals = realloc(r->vals, sizeof *r->vals * (size_t)(r->nrows + 1) * r->ncols);
		for (int c = 0; c < r->ncols; c++)
			r->vals[r->nrows * r->ncols + c] =
			    sqlite3_value_dup(sqlite3_column_value(st, c));
		r->nrows++;
	}
	sqlite3_finalize(st);
}

static void rows_free(struct rows *r)
{
	for (int i = 0; i < r->nrows * r->ncols; i++)
		sqlite3_value_free(r->vals[i]);
	free(r->vals);
}

/* The INSERT of r's columns but id into table, prepared once (bangfu keeps
 * its statements prepared too). */
static sqlite3_stmt *rows_prepare(sqlite3 *h, const char *table, struct rows *r)
{
	char sql[4096], vals[1024];
	int n = snprintf(sql, sizeof sql, "INSERT INTO %s (", table);
	int m = 0;
	for (int c = 0; c < r->ncols; c++) {
		if (!strcmp(r->cols[c], "id"))
			continue;
		n += snprintf(sql + n, sizeof sql - (size_t)n, "%s%s", m ? ", " : "", r->cols[c]);
		m += snprintf(vals + m, sizeof vals - (size_t)m, "%s?%d", m ? ", " : "", c + 1);
	}
	snprintf(sql + n, sizeof sql - (size_t)n, ") VALUES (%s)", vals);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		die(table, sqlite3_errmsg(h));
	return st;
}

/* Insert r's rows again: id new, case_id = newcase, number and blind
 * indexes changed by tag. The new case_file row's id, or -1. */
static sqlite3_int64 rows_insert(sqlite3 *h, const char *table, sqlite3_stmt **cached,
                                 struct rows *r, sqlite3_int64 newcase, int tag)
{
	if (r->nrows == 0)
		return 0;
	sqlite3_stmt *st = *cached;
	if (!st)
		st = *cached = rows_prepare(h, table, r);
	sqlite3_int64 last = -1;
	for (int i = 0; i < r->nrows; i++) {
		for (int c = 0; c < r->ncols; c++) {
			sqlite3_value *v = r->vals[i * r->ncols + c];
			const char *col = r->cols[c];
			char buf[128];
			if (!strcmp(col, "id"))
				continue;
			if (!strcmp(col, "case_id"))
				sqlite3_bind_int64(st, c + 1, newcase);
			else if ((!strcmp(col, "number") || !strcmp(col, "id_bidx")) &&
			         sqlite3_value_type(v) == SQLITE_TEXT) {
				snprintf(buf, sizeof buf, "%s~%d",
				         (const char *)sqlite3_value_text(v), tag);
				sqlite3_bind_text(st, c + 1, buf, -1, SQLITE_TRANSIENT);
			} else
				sqlite3_bind_value(st, c + 1, v);
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			die(table, sqlite3_errmsg(h));
		last = sqlite3_last_insert_rowid(h);
		sqlite3_reset(st);
	}
	return last;
}

static const char *const tables[] = {"case_file", "member", "case_cause", "checklist_item"};
#define NTABLES (sizeof tables / sizeof tables[0])

int main(int argc, char **argv)
{
	const char *path = NULL;
	int runs = 50;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			path = argv[++i];
		else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else
			path = NULL, i = argc;
	}
	if (!path || runs < 3) {
		fprintf(stderr, "usage: bench_save --db PATH [--runs R]\n");
		return 2;
	}
	struct bf_ctx ctx;
	bf_ctx_init(&ctx);
	bf_strlcpy(ctx.db_path, path, sizeof ctx.db_path);
	bf_strlcpy(ctx.operator, "bench", sizeof ctx.operator);
	if (bf_ctx_open_db(&ctx, false) != 0)
		die(path, "cannot open");
	bf_error err = {{0}};
	bf_store_set_session(&ctx.db, "bench", BF_ROLE_ADMIN);
	/* bench_list's fill keeps no key: a fresh one seals the new files (the
	 * old ones are not opened) */
	if (bf_vault_new_key(&ctx.db, &err) != 0)
		die("key", err.msg);
	sqlite3 *h = ctx.db.h;
	sqlite3_int64 files = 0;
	{
		sqlite3_stmt *st;
		sqlite3_prepare_v2(h, "SELECT count(*) FROM case_file", -1, &st, NULL);
		if (sqlite3_step(st) == SQLITE_ROW)
			files = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	double *t = calloc((size_t)runs * 6, sizeof *t);
	double *app_wall = t, *app_cpu = t + runs, *app_flt = t + 2 * runs;
	double *bare_wall = t + 3 * runs, *bare_cpu = t + 4 * runs, *bare_flt = t + 5 * runs;
	struct bf_sample s;
	bf_sample_seed(&s, 4242);
	static struct bf_case c;
	sqlite3_stmt *ins[NTABLES] = {NULL};
	for (int r = 0; r < runs; r++) {
		do
			bf_sample_case(&s, 2026, 900000 + r, &c);
		while (!bf_case_people_free(&ctx.db, &c));
		c.id = 0;
		c.number[0] = '\0';
		long f0 = minflt();
		double w0 = now_s(), c0 = cpu_s();
		if (bf_case_save(&ctx.db, &c, &err) != 0)
			die("save", err.msg);
		app_wall[r] = (now_s() - w0) * 1e3;
		app_cpu[r] = (cpu_s() - c0) * 1e3;
		app_flt[r] = (double)(minflt() - f0);

		struct rows rw[NTABLES];
		for (size_t k = 0; k < NTABLES; k++)
			rows_read(h, tables[k], c.id, &rw[k]);
		f0 = minflt();
		w0 = now_s(), c0 = cpu_s();
		if (sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			die("begin", sqlite3_errmsg(h));
		sqlite3_int64 nc = rows_insert(h, tables[0], &ins[0], &rw[0], 0, r);
		for (size_t k = 1; k < NTABLES; k++)
			rows_insert(h, tables[k], &ins[k], &rw[k], nc, r);
		if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			die("commit", sqlite3_errmsg(h));
		bare_wall[r] = (now_s() - w0) * 1e3;
		bare_cpu[r] = (cpu_s() - c0) * 1e3;
		bare_flt[r] = (double)(minflt() - f0);
		for (size_t k = 0; k < NTABLES; k++)
			rows_free(&rw[k]);
	}
	printf("bangfu save benchmark: %lld files, %d saves, %s\n", (long long)files, runs, path);
	printf("%-24s %9s %9s %9s %9s %7s\n", "per save", "median", "p95", "bare med", "bare p95",
	       "ratio");
	struct {
		const char *label;
		double *a, *b;
	} rows[] = {{"wall (ms)", app_wall, bare_wall},
	            {"CPU (ms)", app_cpu, bare_cpu},
	            {"minor page faults", app_flt, bare_flt}};
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		double am = pct(rows[k].a, runs, 0.5), ap = pct(rows[k].a, runs, 0.95);
		double bm = pct(rows[k].b, runs, 0.5), bp = pct(rows[k].b, runs, 0.95);
		printf("%-24s %9.2f %9.2f %9.2f %9.2f %7.2f\n", rows[k].label, am, ap, bm, bp,
		       bm > 0 ? am / bm : 0.0);
	}
	free(t);
	for (size_t k = 0; k < NTABLES; k++)
		sqlite3_finalize(ins[k]);
	bf_ctx_close(&ctx);
	return 0;
}
