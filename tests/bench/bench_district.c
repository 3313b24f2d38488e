/* bench_district.c — the district at 100,000 files (issue 17, items 3 and 8).
 *
 * Fills a district database with 200 units' packages of 500 files each
 * (100,000 files; --units, --files), every one made as a unit's package
 * (bench_pkg.h: the form, about three members, causes, checklist, review,
 * publicity, history), signed with the unit's key registered at the
 * district and imported with bf_district_import: verification, parsing,
 * sealing, the duplicate counts, the audit log, no shortcut. The fill runs
 * once into DIR (--data; kept and reused, with each package's import time
 * in DIR/fill.txt); a copy of it with the triggers dropped (DIR/bare.db) is
 * the bare side's. Then, beside bare SQLite doing the equivalent work (the
 * same pragmas, no UI, no audit):
 *   - a package import at that size (the fill's last packages; bare: the
 *     same 500 files' rows as the import stored them, read back, inserted
 *     with prepared INSERTs in one transaction);
 *   - a decision redrawn: a, Enter (accept at the proposed amount) and p, y
 *     (undo) on the consolidation screen at 80x24, from the key to the
 *     screen drawn again (bare: the UPDATE of that row, then the screen's
 *     rows read from its key);
 *   - a search keystroke redrawn, typing a name and ID digits (bare: the
 *     count and totals of the matches and the first screen of rows);
 *   - the summary screen opened (bare: its GROUP BY).
 * Medians and 95th percentiles in ms, CPU beside wall for the import.
 *
 * Built by `make`, not run by `make check`:
 *   ./tests/bench/bench_district [--data DIR] [--units N] [--files N] [--runs R]
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <wchar.h>

#include "bangfu/accounts.h"
#include "bangfu/ctx.h"
#include "bangfu/district_store.h"
#include "bangfu/store.h"
#include "bangfu/submission_store.h"
#include "bangfu/ui.h"
#include "bangfu/ui_screens.h"
#include "bangfu/vault.h"

#include "bench_util.h"
#include "bench_pkg.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct stats {
	double median, p95;
};

static struct stats stats_of(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return (struct stats){v[n / 2], v[(int)((n - 1) * 0.95 + 0.5)]};
}

static void row(const char *label, struct stats a, struct stats b)
{
	printf("%-36s %8.2f %8.2f %8.2f %8.2f %6.2f\n", label, a.median, a.p95, b.median, b.p95,
	       a.median / b.median);
}

/* The CPU times beside (steadier than the wall's on a shared machine). */
static void cpu_row(double *app, int na, double *bare, int nb)
{
	struct stats a = stats_of(app, na), b = stats_of(bare, nb);
	printf("    CPU: median %.2f, p95 %.2f; bare median %.2f, p95 %.2f (ratio %.2f)\n",
	       a.median, a.p95, b.median, b.p95, a.median / b.median);
}

/* ---- the fill --------------------------------------------------------------------- */

/* The data key: the benchmark has no account to log in with (as the
 * tests), so it sets the key it filled the database with. */
static const unsigned char bench_key[BF_VAULT_KEYBYTES] = "bench_district-data-key-0123456";

static void unit_of(int u, char code[16], char name[64])
{
	snprintf(code, 16, "U%03d", u + 1);
	snprintf(name, 64, "第%d机械厂", u + 1);
}

static int fill(const char *dir, int units, int files)
{
	char path[1100], tmp[1100];
	snprintf(path, sizeof path, "%s/district.db", dir);
	snprintf(tmp, sizeof tmp, "%s/district.db.part", dir);
	unlink(tmp);
	bf_db db;
	bf_error err = {{0}};
	if (bf_store_open(&db, tmp, BF_DB_CREATE, &err) != 0 ||
	    bf_vault_set_key(&db, bench_key, &err) != 0)
		die(tmp, err.msg);
	bf_store_set_session(&db, "bench", BF_ROLE_ADMIN);
	struct bf_unit d = {.name = "某某区总工会", .code = "D01", .district_mode = true};
	if (bf_unit_save(&db, &d, &err) != 0)
		die("district", err.msg);
	bf_store_set_session(&db, "bench", BF_ROLE_DISTRICT);
	uint8_t dist_pk[32];
	if (bf_key_public(&db, dist_pk, &err) != 0)
		die("key", err.msg);
	char times[1100];
	snprintf(times, sizeof times, "%s/fill.txt", dir);
	FILE *tf = fopen(times, "w");
	if (!tf)
		die(times, "cannot write");
	double t_all = now_s();
	for (int u = 0; u < units; u++) {
		char code[16], name[64];
		unit_of(u, code, name);
		struct bf_pkg_keyfile k = {.kind = "unit"};
		uint8_t sk[64];
		bf_pkg_keygen(k.pk, sk);
		bf_strlcpy(k.code, code, sizeof k.code);
		bf_strlcpy(k.name, name, sizeof k.name);
		if (bf_key_trust(&db, &k, false, &err) != 0)
			die("key", err.msg);
		char *content = make_content(code, name, (unsigned)(u * files), (unsigned)files);
		size_t len;
		char *pkg = make_package(content, code, name, (unsigned)files, sk, dist_pk, &len);
		struct bf_import_result r;
		double t0 = now_s(), c0 = cpu_s();
		if (bf_district_import(&db, pkg, len, &r, &err) != 0)
			die("import", err.msg);
		fprintf(tf, "%d %.3f %.3f\n", u + 1, (now_s() - t0) * 1e3, (cpu_s() - c0) * 1e3);
		if (r.n_cases != (size_t)files)
			die("import", "not every file was imported");
		bf_import_result_free(&r);
		free(pkg);
		free(content);
		if ((u + 1) % 20 == 0)
			fprintf(stderr, "filled %d units (%d files) in %.0f s\n", u + 1,
			        (u + 1) * files, now_s() - t_all);
	}
	fclose(tf);
	bf_db_close(&db);
	if (rename(tmp, path) != 0)
		die(path, "cannot rename");
	/* the bare side's copy, without the audit log's and the duplicate
	 * counts' triggers */
	char cmd[2400];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s/bare.db'", path, dir);
	if (system(cmd) != 0)
		die(cmd, "failed");
	sqlite3 *h;
	snprintf(tmp, sizeof tmp, "%s/bare.db", dir);
	if (sqlite3_open(tmp, &h) != SQLITE_OK ||
	    sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		die(tmp, "cannot open");
	for (int i = 0; i < 8; i++) /* 64 at a time */
		bench_drop_triggers(h);
	if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die(tmp, sqlite3_errmsg(h));
	sqlite3_close(h);
	return 0;
}

/* ---- bare SQLite ------------------------------------------------------------------ */

static sqlite3_stmt *bare_prepare(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql, sqlite3_errmsg(h));
	return st;
}

static sqlite3 *bare_open(const char *dir)
{
	char path[1100];
	snprintf(path, sizeof path, "%s/bare.db", dir);
	sqlite3 *h;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die(path, "cannot open");
	/* the storage settings bangfu's connections use */
	if (sqlite3_exec(h,
	                 "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA cache_size=-8192;"
	                 " PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY;",
	                 NULL, NULL, NULL) != SQLITE_OK)
		die(path, sqlite3_errmsg(h));
	/* the search's index (schema 030) in a copy filled before it: the bare
	 * side reads the same indexes as bangfu */
	sqlite3_stmt *st = bare_prepare(h, "SELECT 1 FROM sqlite_schema WHERE type = 'index'"
	                                   " AND name = 'dist_case_search'");
	bool have = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!have &&
	    sqlite3_exec(h,
	                 "CREATE INDEX dist_case_search ON dist_case (name, number, id_mask,"
	                 " decision, amount, final_amount); PRAGMA analysis_limit = 1000;"
	                 " ANALYZE dist_case;",
	                 NULL, NULL, NULL) != SQLITE_OK)
		die(path, sqlite3_errmsg(h));
	return h;
}

static void bare_exec(sqlite3 *h, const char *sql)
{
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql, sqlite3_errmsg(h));
}

/* Step st to its end, reading every column of every row. */
static void bare_drain(sqlite3_stmt *st)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (int i = 0; i < sqlite3_column_count(st); i++)
			(void)sqlite3_column_text(st, i);
	if (rc != SQLITE_DONE)
		die("bare", sqlite3_errmsg(sqlite3_db_handle(st)));
	sqlite3_reset(st);
}

/* A copy of every column of the rows of a query. */
struct rows {
	sqlite3_value **v;
	int ncol, n;
};

static struct rows bare_rows(sqlite3 *h, const char *sql, const char *unit)
{
	sqlite3_stmt *st = bare_prepare(h, sql);
	sqlite3_bind_text(st, 1, unit, -1, SQLITE_STATIC);
	struct rows r = {NULL, sqlite3_column_count(st), 0};
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (r.n == cap) {
			cap = cap ? cap * 2 : 1024;
			r.v = realloc(r.v, (size_t)cap * (size_t)r.ncol * sizeof *r.v);
			if (!r.v)
				die("memory", "out");
		}
		for (int i = 0; i < r.ncol; i++)
			r.v[r.n * r.ncol + i] = sqlite3_value_dup(sqlite3_column_value(st, i));
		r.n++;
	}
	sqlite3_finalize(st);
	return r;
}

static void rows_free(struct rows *r)
{
	for (int i = 0; i < r->n * r->ncol; i++)
		sqlite3_value_free(r->v[i]);
	free(r->v);
}

/* INSERT INTO tbl of its columns but the first `skip`, as ?1 .. */
static sqlite3_stmt *insert_of(sqlite3 *h, const char *tbl, int ncol)
{
	char sql[1024];
	int k = snprintf(sql, sizeof sql, "INSERT INTO %s VALUES (", tbl);
	for (int i = 1; i <= ncol; i++)
		k += snprintf(sql + k, sizeof sql - (size_t)k, "%s?%d", i > 1 ? ", " : "", i);
	snprintf(sql + k, sizeof sql - (size_t)k, ")");
	return bare_prepare(h, sql);
}

/* The last unit's files as the import stored them, inserted again as unit
 * "BARE" (package, unit, 500 files and their people) in one transaction:
 * ms; then taken out again (not timed). */
static double bare_import(sqlite3 *h, const char *unit)
{
	struct rows pkg = bare_rows(h,
	                            "SELECT * FROM dist_package WHERE unit_code = ?1"
	                            " ORDER BY id DESC LIMIT 1",
	                            unit);
	struct rows un = bare_rows(h, "SELECT * FROM dist_unit WHERE code = ?1", unit);
	struct rows cs =
	    bare_rows(h, "SELECT * FROM dist_case WHERE unit_code = ?1 ORDER BY id", unit);
	struct rows ps =
	    bare_rows(h,
	              "SELECT p.* FROM dist_person p JOIN dist_case c ON c.id = p.case_id"
	              " WHERE c.unit_code = ?1 ORDER BY p.case_id, p.position",
	              unit);
	if (pkg.n != 1 || un.n != 1 || cs.n == 0)
		die("bare import", "the unit's rows are not there");
	double t0 = now_s();
	bare_exec(h, "BEGIN IMMEDIATE");
	sqlite3_stmt *pi = insert_of(h, "dist_package", pkg.ncol);
	for (int i = 0; i < pkg.ncol; i++)
		sqlite3_bind_value(pi, i + 1, pkg.v[i]);
	sqlite3_bind_null(pi, 1); /* id */
	sqlite3_bind_text(pi, 2, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	                  -1, NULL);                /* sha256 */
	sqlite3_bind_text(pi, 3, "BARE", -1, NULL); /* unit_code */
	if (sqlite3_step(pi) != SQLITE_DONE)
		die("bare package", sqlite3_errmsg(h));
	sqlite3_finalize(pi);
	int64_t pkg_id = sqlite3_last_insert_rowid(h);
	sqlite3_stmt *ui = insert_of(h, "dist_unit", un.ncol);
	for (int i = 0; i < un.ncol; i++)
		sqlite3_bind_value(ui, i + 1, un.v[i]);
	sqlite3_bind_text(ui, 1, "BARE", -1, NULL);
	if (sqlite3_step(ui) != SQLITE_DONE)
		die("bare unit", sqlite3_errmsg(h));
	sqlite3_finalize(ui);
	sqlite3_stmt *ci = insert_of(h, "dist_case", cs.ncol);
	sqlite3_stmt *qi = insert_of(h, "dist_person", ps.ncol);
	int p = 0;
	for (int r = 0; r < cs.n; r++) {
		sqlite3_value **c = &cs.v[r * cs.ncol];
		int64_t old = sqlite3_value_int64(c[0]);
		for (int i = 0; i < cs.ncol; i++)
			sqlite3_bind_value(ci, i + 1, c[i]);
		sqlite3_bind_null(ci, 1);
		sqlite3_bind_int64(ci, 2, pkg_id);
		sqlite3_bind_text(ci, 3, "BARE", -1, NULL);
		if (sqlite3_step(ci) != SQLITE_DONE)
			die("bare case", sqlite3_errmsg(h));
		sqlite3_reset(ci);
		int64_t id = sqlite3_last_insert_rowid(h);
		for (; p < ps.n && sqlite3_value_int64(ps.v[p * ps.ncol]) == old; p++) {
			for (int i = 0; i < ps.ncol; i++)
				sqlite3_bind_value(qi, i + 1, ps.v[p * ps.ncol + i]);
			sqlite3_bind_int64(qi, 1, id);
			if (sqlite3_step(qi) != SQLITE_DONE)
				die("bare person", sqlite3_errmsg(h));
			sqlite3_reset(qi);
		}
	}
	sqlite3_finalize(ci);
	sqlite3_finalize(qi);
	bare_exec(h, "COMMIT");
	double ms = (now_s() - t0) * 1e3;
	bare_exec(h, "BEGIN; DELETE FROM dist_person WHERE case_id IN (SELECT id FROM dist_case"
	             " WHERE unit_code = 'BARE'); DELETE FROM dist_case WHERE unit_code = 'BARE';"
	             " DELETE FROM dist_unit WHERE code = 'BARE';"
	             " DELETE FROM dist_package WHERE unit_code = 'BARE'; COMMIT");
	rows_free(&pkg);
	rows_free(&un);
	rows_free(&cs);
	rows_free(&ps);
	return ms;
}

#define BARE_COLS                                                                            \
	"c.id, c.unit_code, u.name, c.batch, c.number, c.name, c.id_mask, c.department,"     \
	" c.category, c.amount, c.per_capita, c.household_size, c.decision, c.final_amount," \
	" c.reason, c.back_to, c.decided_at, c.decided_by, c.dups"

/* ---- the application ---------------------------------------------------------------- */

struct session {
	struct bf_ctx ctx;
	struct bf_app app;
	struct bf_keyscript ks;
	FILE *out, *in;
	double cpu_ms; /* the CPU time of the last press */
};

static void session_open(struct session *s, const char dir[900])
{
	bf_ctx_init(&s->ctx);
	snprintf(s->ctx.db_path, sizeof s->ctx.db_path, "%s/district.db", dir);
	bf_strlcpy(s->ctx.operator, "bench", sizeof s->ctx.operator);
	if (bf_ctx_open_db(&s->ctx, false) != 0)
		die(s->ctx.db_path, "cannot open");
	bf_store_set_session(&s->ctx.db, "bench", BF_ROLE_DISTRICT);
	bf_error err = {{0}};
	if (bf_vault_set_key(&s->ctx.db, bench_key, &err) != 0)
		die("key", err.msg);
	s->out = fopen("/dev/null", "w");
	s->in = fopen("/dev/null", "r");
	if (bf_term_init_on("xterm", s->out, s->in, 24, 80, &err) != 0)
		die("terminal", err.msg);
	bf_app_init(&s->app, &s->ctx);
	bf_keyscript_init(&s->ks);
	s->app.keys = bf_keyscript_src(&s->ks);
	if (bf_district_open(&s->app) != 0)
		die("district", "the consolidation screen does not open");
	bf_app_refresh(&s->app);
	bf_app_frame(&s->app);
}

static void session_close(struct session *s)
{
	bf_app_finish(&s->app);
	bf_keyscript_free(&s->ks);
	bf_term_restore();
	fclose(s->out);
	fclose(s->in);
	bf_ctx_close(&s->ctx);
}

/* One key as the application's loop takes it: dispatched (its dialogs
 * reading the keys queued before), then the screen refreshed and drawn:
 * ms. */
static double press(struct session *s, bf_key k)
{
	double t0 = now_s(), c0 = cpu_s();
	bf_app_dispatch(&s->app, k);
	bf_app_refresh(&s->app);
	bf_app_frame(&s->app);
	s->cpu_ms = (cpu_s() - c0) * 1e3;
	return (now_s() - t0) * 1e3;
}

static int64_t count_where(bf_db *db, const char *sql)
{
	int64_t n = -1;
	if (bf_db_int(db, sql, &n) != 0)
		die(sql, db->errmsg);
	return n;
}

int main(int argc, char **argv)
{
	const char *tmp = getenv("TMPDIR") && getenv("TMPDIR")[0] ? getenv("TMPDIR") : "/tmp";
	char dir[900];
	snprintf(dir, sizeof dir, "%s/bangfu-bench-district", tmp);
	int units = 200, files = 500, runs = 40;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--data") && i + 1 < argc)
			bf_strlcpy(dir, argv[++i], sizeof dir);
		else if (!strcmp(argv[i], "--units") && i + 1 < argc)
			units = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--files") && i + 1 < argc)
			files = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else {
			fprintf(stderr, "usage: bench_district [--data DIR] [--units N] [--files N]"
			                " [--runs R]\n");
			return 2;
		}
	}
	if (units < 2 || files < 40 || runs < 5 || runs > 1000) {
		fprintf(stderr, "bench_district: --units >= 2, --files >= 40, --runs 5 to 1000\n");
		return 2;
	}
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	setenv("LANGUAGE", "en", 1);
	char path[1100];
	snprintf(path, sizeof path, "%s/district.db", dir);
	struct stat sb;
	if (stat(path, &sb) != 0) {
		mkdir(dir, 0700);
		fprintf(stderr, "filling %s: %d units x %d files\n", dir, units, files);
		fill(dir, units, files);
	}

	/* 1. the import, from the fill */
	snprintf(path, sizeof path, "%s/fill.txt", dir);
	FILE *tf = fopen(path, "r");
	if (!tf)
		die(path, "missing: remove the folder to fill it again");
	double *imp = calloc(100000, sizeof *imp), *impc = calloc(100000, sizeof *impc);
	int n_imp = 0, u;
	double ms, cms;
	while (n_imp < 100000 && fscanf(tf, "%d %lf %lf", &u, &ms, &cms) == 3) {
		imp[n_imp] = ms;
		impc[n_imp++] = cms;
	}
	fclose(tf);
	int ten = n_imp < 10 ? n_imp : 10; /* the first and the last ten */
	if (n_imp < 2)
		die(path, "too few packages");
	double first[10], last[10], lastc[10];
	for (int i = 0; i < ten; i++) {
		first[i] = imp[i];
		last[i] = imp[n_imp - ten + i];
		lastc[i] = impc[n_imp - ten + i];
	}
	sqlite3 *h = bare_open(dir);
	int64_t n_files = 0;
	{
		sqlite3_stmt *st = bare_prepare(h, "SELECT count(*) FROM dist_case");
		if (sqlite3_step(st) == SQLITE_ROW)
			n_files = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	char last_unit[16], name[64];
	unit_of(n_imp - 1, last_unit, name);
	double bimp[10];
	for (int i = 0; i < 10; i++)
		bimp[i] = bare_import(h, last_unit);
	struct stats sf = stats_of(first, ten), sl = stats_of(last, ten),
	             slc = stats_of(lastc, ten);
	struct stats sb_imp = stats_of(bimp, 10);
	printf(
	    "bangfu district benchmark: %lld files from %d units' packages, %d runs, 80x24, %s\n",
	    (long long)n_files, n_imp, runs, dir);
	printf("%-36s %8s %8s %8s %8s %6s\n", "measure (ms)", "median", "p95", "bare med",
	       "bare p95", "ratio");
	printf("package import (%lld files), the first %d %8.2f %8.2f\n",
	       (long long)(n_files / n_imp), ten, sf.median, sf.p95);
	char label[64];
	snprintf(label, sizeof label, "package import, the last %d units", ten);
	row(label, sl, sb_imp);
	double firstc[10];
	for (int i = 0; i < ten; i++)
		firstc[i] = impc[i];
	printf("    CPU of those imports: median %.1f ms (the first %d: %.1f ms)\n", slc.median,
	       ten, stats_of(firstc, ten).median);

	/* 2. a decision redrawn */
	double *app_t = calloc((size_t)runs * 2 + 8, sizeof(double));
	double *bare_t = calloc((size_t)runs * 2 + 8, sizeof(double));
	double *app_c = calloc((size_t)runs * 2 + 8, sizeof(double));
	double *bare_c = calloc((size_t)runs * 2 + 8, sizeof(double));
	struct session s;
	session_open(&s, dir);
	int64_t accepted0 = count_where(&s.ctx.db, "SELECT count(*) FROM dist_case"
	                                           " WHERE decision = 'accept'");
	int k = 0;
	for (int r = 0; r < runs; r++) {
		for (int j = 0; j <= r % 7; j++) /* somewhere else on the list */
			press(&s, BF_KC(KEY_NPAGE));
		bf_keyscript_key(&s.ks, '\n'); /* the proposed amount, as it is */
		app_c[k] = (app_t[k] = press(&s, 'a'), s.cpu_ms);
		k++;
		if (count_where(&s.ctx.db,
		                "SELECT count(*) FROM dist_case WHERE decision = 'accept'") !=
		    accepted0 + 1) {
			static char text[65536];
			bf_term_dump(text, sizeof text);
			fprintf(stderr, "%s\n", text);
			die("decision", "the accept was not recorded");
		}
		bf_keyscript_key(&s.ks, 'y'); /* undo it: p, y */
		app_c[k] = (app_t[k] = press(&s, 'p'), s.cpu_ms);
		k++;
	}
	if (count_where(&s.ctx.db, "SELECT count(*) FROM dist_case WHERE decision = 'accept'") !=
	    accepted0)
		die("decision", "an undo was not recorded");
	sqlite3_stmt *upd =
	    bare_prepare(h, "UPDATE dist_case SET decision = ?2,"
	                    " final_amount = CASE WHEN ?2 = 'accept' THEN amount END,"
	                    " decided_at = CASE WHEN ?2 = 'accept' THEN"
	                    " strftime('%Y-%m-%dT%H:%M:%SZ') END,"
	                    " decided_by = CASE WHEN ?2 = 'accept' THEN 'bench' END"
	                    " WHERE id = ?1");
	sqlite3_stmt *page = bare_prepare(h, "SELECT " BARE_COLS " FROM dist_case c"
	                                     " LEFT JOIN dist_unit u ON u.code = c.unit_code"
	                                     " WHERE (c.unit_code, c.number) >= (SELECT unit_code,"
	                                     " number FROM dist_case WHERE id = ?1)"
	                                     " ORDER BY c.unit_code, c.number LIMIT 19");
	for (int r = 0; r < runs * 2; r++) {
		int64_t id = 1 + (r / 2 * 7919) % n_files; /* accepted, then undone */
		double t0 = now_s(), c0 = cpu_s();
		sqlite3_bind_int64(upd, 1, id);
		sqlite3_bind_text(upd, 2, r % 2 ? "pending" : "accept", -1, SQLITE_STATIC);
		if (sqlite3_step(upd) != SQLITE_DONE)
			die("bare decision", sqlite3_errmsg(h));
		sqlite3_reset(upd);
		sqlite3_bind_int64(page, 1, id);
		bare_drain(page);
		bare_t[r] = (now_s() - t0) * 1e3;
		bare_c[r] = (cpu_s() - c0) * 1e3;
	}
	sqlite3_finalize(upd);
	sqlite3_finalize(page);
	row("decision redrawn (a / p)", stats_of(app_t, runs * 2), stats_of(bare_t, runs * 2));
	cpu_row(app_c, runs * 2, bare_c, runs * 2);

	/* 3. search keystrokes: a name and ID digits, one character at a time */
	static const struct {
		const char *label, *text;
		bool name;
	} searches[] = {{"search keystroke: name", "张伟强", true},
	                {"search keystroke: ID digits", "0123", false}};
	for (size_t q = 0; q < BF_ARRAY_LEN(searches); q++) {
		wchar_t wq[16];
		size_t len = mbstowcs(wq, searches[q].text, 16);
		int na = 0, nb = 0;
		for (int r = 0; r < runs / 2 + 1; r++) {
			press(&s, BF_KC(KEY_HOME));
			press(&s, '/');
			for (size_t i = 0; i < len; i++) {
				app_t[na] = press(&s, (bf_key)wq[i]);
				app_c[na++] = s.cpu_ms;
			}
			press(&s, 27); /* Esc: the search cancelled */
		}
		const char *where =
		    searches[q].name
		        ? "instr(c.name, ?1) > 0 OR c.id IN (SELECT case_id FROM dist_person"
		          " WHERE name >= ?1 AND name < ?1 || char(1114111))"
		        : "instr(c.number, ?1) > 0 OR instr(c.id_mask, ?1) > 0";
		char sql[1024];
		snprintf(
		    sql, sizeof sql,
		    "SELECT count(*), total(c.decision = 'accept'), total(c.decision = 'return'),"
		    " total(c.amount), total(CASE WHEN c.decision = 'accept' THEN c.final_amount"
		    " END) FROM dist_case c WHERE %s",
		    where);
		sqlite3_stmt *cnt = bare_prepare(h, sql);
		snprintf(sql, sizeof sql,
		         "SELECT " BARE_COLS " FROM dist_case c LEFT JOIN dist_unit u ON u.code ="
		         " c.unit_code WHERE %s ORDER BY c.unit_code, c.number LIMIT 19",
		         where);
		sqlite3_stmt *pg = bare_prepare(h, sql);
		for (int r = 0; r < runs / 2 + 1; r++) {
			/* the text so far, a character more each time */
			const char *text = searches[q].text;
			size_t bytes = 0, total = strlen(text);
			while (bytes < total) {
				int l = mblen(text + bytes, total - bytes);
				if (l <= 0)
					die(text, "not UTF-8");
				bytes += (size_t)l;
				char so_far[64];
				bf_strlcpy(so_far, text, bytes + 1);
				double t0 = now_s(), c0 = cpu_s();
				sqlite3_bind_text(cnt, 1, so_far, -1, SQLITE_TRANSIENT);
				bare_drain(cnt);
				sqlite3_bind_text(pg, 1, so_far, -1, SQLITE_TRANSIENT);
				bare_drain(pg);
				bare_t[nb] = (now_s() - t0) * 1e3;
				bare_c[nb++] = (cpu_s() - c0) * 1e3;
			}
		}
		sqlite3_finalize(cnt);
		sqlite3_finalize(pg);
		row(searches[q].label, stats_of(app_t, na), stats_of(bare_t, nb));
		cpu_row(app_c, na, bare_c, nb);
	}

	/* 4. the summary screen */
	for (int r = 0; r < runs / 4 + 3; r++) {
		double t0 = now_s();
		if (bf_district_summary_open(&s.app) != 0)
			die("summary", "does not open");
		bf_app_refresh(&s.app);
		bf_app_frame(&s.app);
		app_t[r] = (now_s() - t0) * 1e3;
		bf_app_pop(&s.app);
		bf_app_frame(&s.app);
	}
	sqlite3_stmt *sum = bare_prepare(
	    h, "SELECT c.unit_code, u.name, c.category, count(*), total(c.decision = 'accept'),"
	       " total(c.decision = 'return'), total(c.decision = 'pending'), total(c.amount),"
	       " total(CASE WHEN c.decision = 'accept' THEN c.final_amount END) FROM dist_case c"
	       " LEFT JOIN dist_unit u ON u.code = c.unit_code GROUP BY c.unit_code, c.category");
	for (int r = 0; r < runs / 4 + 3; r++) {
		double t0 = now_s();
		bare_drain(sum);
		bare_t[r] = (now_s() - t0) * 1e3;
	}
	sqlite3_finalize(sum);
	row("summary screen", stats_of(app_t, runs / 4 + 3), stats_of(bare_t, runs / 4 + 3));
	session_close(&s);
	sqlite3_close(h);
	printf("targets: decision and keystroke p95 <= 50 ms at 100,000 files\n");
	free(imp);
	free(impc);
	free(app_t);
	free(bare_t);
	free(app_c);
	free(bare_c);
	return 0;
}
