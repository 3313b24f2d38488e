/* bench_list.c — how fast the case list is on a large database.
 *
 * Fills a database with generated cases (100,000 by default), then measures,
 * as medians and 95th percentiles over repeated runs:
 *   - opening the database and drawing the first list screen;
 *   - a search keystroke to the redrawn list, by name, by ID digits and by
 *     pinyin initials;
 *   - the sort switched (s) to status, to category and to department (each
 *     the list offers at 80 columns) and redrawn, PgDn in each (the next
 *     page, from the last row's key), End in each (the last page), then PgUp
 *     and PgDn there (pages that continue from a key near the end);
 *   - the status filter (f, a status, Enter, Enter) to the redrawn list,
 *     its count not cached;
 *   - and, for reading those ratios, drawing the list without a query;
 * and beside each, the time plain SQLite takes for the equivalent bare
 * query (same SQL, no UI; for a keystroke the same capped work: at most
 * 2,000 matches, see bare_search), with the ratio; and the peak RSS of the process
 * that did the measuring (the fill runs in a child process). For the sorts
 * and the filter, CPU times beside wall times. Then the database's size:
 * the file, bytes per file and the audit log's share (dbstat).
 *
 * Built by `make`, not run by `make check`:
 *   ./tests/bench/bench_list [--cases N] [--runs R] [--db PATH]
 *                            [--only first,search,sort,filter,size]
 *                            [--status CODE]
 * --only measures only those parts (all by default); --status the status
 * the filter shows (by default the commonest in the file).
 *
 * From 100,000 cases on the fill is faster (issue 17: a million files saved
 * one by one take hours on two shared cores): 10,000 files are generated
 * and saved as the application saves them, then the list's table is filled
 * up with copies of their case_file rows under other years (2027, 2028, ...
 * with the same sequence numbers), one INSERT ... SELECT per year. The
 * copies have no members, and their sealed columns do not open (a sealed
 * value is bound to its row): the list reads neither.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "bangfu/ctx.h"
#include "bangfu/pinyin.h"
#include "bangfu/sample.h"
#include "bangfu/store.h"
#include "bangfu/ui.h"
#include "bangfu/ui_screens.h"
#include "bangfu/vault.h"
#include "bangfu/accounts.h"
#include "bangfu/perm.h"
#include "bangfu/workflow.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

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
	struct stats s = {v[n / 2], v[(int)((n - 1) * 0.95 + 0.5)]};
	return s;
}

/* ---- fill ------------------------------------------------------------------ */

/* ncopies more years of the first ncases files' case_file rows. */
static int copy_rows(bf_db *db, int ncases, int ncopies)
{
	char cols[4096] = "", sel[4096] = "";
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT name FROM pragma_table_info('case_file') ORDER BY cid") != 0)
		return -1;
	while (bf_step(&st) == SQLITE_ROW) {
		const char *c = bf_col_text(&st, 0);
		if (!strcmp(c, "id"))
			continue;
		const char *v = !strcmp(c, "number") ? "printf('%04d', :y) || substr(number, 5)"
		                : !strcmp(c, "year") ? ":y"
		                                     : c;
		snprintf(cols + strlen(cols), sizeof cols - strlen(cols), "%s%s",
		         cols[0] ? ", " : "", c);
		snprintf(sel + strlen(sel), sizeof sel - strlen(sel), "%s%s", sel[0] ? ", " : "",
		         v);
	}
	bf_finalize(&st);
	char sql[9000];
	snprintf(sql, sizeof sql,
	         "INSERT INTO case_file (%s) SELECT %s FROM case_file WHERE id <= %d", cols, sel,
	         ncases);
	for (int k = 1; k <= ncopies; k++) {
		double t0 = now_ms();
		if (bf_db_begin(db) != 0 || bf_db_prepare(db, &st, sql) != 0 ||
		    bf_bind_int(&st, ":y", 2026 + k) != 0 || bf_step(&st) != SQLITE_DONE) {
			fprintf(stderr, "copy %d: %s\n", k, db->errmsg);
			return -1;
		}
		bf_finalize(&st);
		if (bf_db_commit(db) != 0)
			return -1;
		fprintf(stderr, "copied year %d in %.1f s\n", 2026 + k, (now_ms() - t0) / 1e3);
	}
	return 0;
}

static int fill(const char *path, int ncases, int ncopies)
{
	struct bf_ctx ctx;
	bf_ctx_init(&ctx);
	bf_strlcpy(ctx.db_path, path, sizeof ctx.db_path);
	bf_strlcpy(ctx.operator, "bench", sizeof ctx.operator);
	if (bf_ctx_open_db(&ctx, true) != 0)
		return -1;
	bf_error err = {{0}};
	/* sealed at rest like any database (the list itself reads no sealed
	 * column: names, masks and per-capita stay readable) */
	bf_store_set_session(&ctx.db, "bench", BF_ROLE_ADMIN);
	if (bf_vault_new_key(&ctx.db, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	struct bf_unit u = {.name = "基准测试单位", .code = "BENCH"};
	if (!bf_store_is_initialized(&ctx.db) && bf_unit_save(&ctx.db, &u, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	struct bf_sample s;
	bf_sample_seed(&s, 42);
	static struct bf_case c;
	double t0 = now_ms();
	for (int i = 0; i < ncases; i++) {
		if (i % 5000 == 0 && bf_db_begin(&ctx.db) != 0)
			return -1;
		do /* one person, one open file: drawn again when taken */
			bf_sample_case(&s, 2026, i, &c);
		while (!bf_case_people_free(&ctx.db, &c));
		if (bf_case_save(&ctx.db, &c, &err) != 0) {
			fprintf(stderr, "case %d: %s\n", i, err.msg);
			return -1;
		}
		if ((i % 5000 == 4999 || i == ncases - 1) && bf_db_commit(&ctx.db) != 0)
			return -1;
	}
	if (ncopies > 0 && copy_rows(&ctx.db, ncases, ncopies) != 0)
		return -1;
	fprintf(stderr, "filled %d cases in %.1f s\n", ncases * (ncopies + 1),
	        (now_ms() - t0) / 1e3);
	bf_ctx_close(&ctx);
	return 0;
}

/* ---- the bare queries ------------------------------------------------------- */

static const char *const cols =
    "id, number, name, id_number, department, status, first_category, per_capita, "
    "household_size";

static void bare_pinyin(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	const char *q = (const char *)sqlite3_value_text(argv[1]);
	sqlite3_result_int(cx, name && q && bf_pinyin_match(name, q));
}

/* One screenful and the count, as the list does. */
static void bare_query(sqlite3 *h, const char *where, const char *q, int rows)
{
	char sql[1024];
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM case_file %s", where);
	sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	if (q)
		sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql, "SELECT %s FROM case_file %s ORDER BY number LIMIT %d", cols,
	         where, rows);
	sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	if (q)
		sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int i = 0; i < 9; i++)
			(void)sqlite3_column_text(st, i);
	sqlite3_finalize(st);
}

/* A search keystroke done bare with the list's capped work (issue 17): the
 * matches' ids in list order, at most BARE_CAP and one more to know there
 * are more (the list's MATCH_CAP in scr_caselist.c), then the screenful
 * read by id. The bare side used to count every match, while the list stops
 * at 2,000: its ratios compared different work. The list's one advantage
 * left is its own: a keystroke that narrows fewer than 2,000 matches
 * re-checks only those. */
#define BARE_CAP 2000
static void bare_search(sqlite3 *h, const char *where, const char *q, int rows)
{
	static int64_t ids[BARE_CAP];
	char sql[1024];
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql, "SELECT id FROM case_file %s ORDER BY number", where);
	sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW && n < BARE_CAP)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql, "SELECT %s FROM case_file WHERE id = ?1", cols);
	sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	for (int i = 0; i < n && i < rows; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		if (sqlite3_step(st) == SQLITE_ROW)
			for (int c = 0; c < 9; c++)
				(void)sqlite3_column_text(st, c);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
}

static sqlite3 *bare_open(const char *path)
{
	sqlite3 *h;
	sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL);
	sqlite3_create_function(h, "bf_pinyin_match", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        bare_pinyin, NULL, NULL);
	return h;
}

/* ---- the app ---------------------------------------------------------------- */

struct session {
	struct bf_ctx ctx;
	struct bf_app app;
	struct bf_keyscript ks;
	FILE *out, *in;
};

static int session_open(struct session *s, const char *path)
{
	bf_ctx_init(&s->ctx);
	bf_strlcpy(s->ctx.db_path, path, sizeof s->ctx.db_path);
	if (bf_ctx_open_db(&s->ctx, false) != 0)
		return -1;
	s->out = fopen("/dev/null", "w");
	s->in = fopen("/dev/null", "r");
	bf_error err = {{0}};
	if (bf_term_init_on("xterm", s->out, s->in, 24, 80, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	bf_app_init(&s->app, &s->ctx);
	bf_keyscript_init(&s->ks);
	s->app.keys = bf_keyscript_src(&s->ks);
	if (bf_caselist_open(&s->app) != 0)
		return -1;
	bf_app_frame(&s->app);
	return 0;
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

/* Type q one character at a time into the list's search line; time each
 * keystroke to the redrawn screen. */
static int time_search(struct session *s, const char *q, double *out, int max)
{
	bf_app_dispatch(&s->app, '/');
	bf_app_frame(&s->app);
	int n = 0;
	wchar_t wq[64];
	size_t len = mbstowcs(wq, q, 64);
	for (size_t i = 0; i < len && n < max; i++) {
		double t0 = now_ms();
		bf_app_dispatch(&s->app, (bf_key)wq[i]);
		bf_app_frame(&s->app);
		out[n++] = now_ms() - t0;
	}
	bf_app_dispatch(&s->app, 27); /* Esc: clear the search */
	bf_app_frame(&s->app);
	return n;
}

/* ---- sorts, the status filter, paging (issue 17) ------------------------------- */

/* The list's row as src/store/case_query.c reads it (ROW_COLS): the bare
 * side reads the same columns, the district's accepted amount included. */
#define BARE_ROW_COLS                                                                \
	"id, number, name, id_mask, department, status, first_category, per_capita," \
	" household_size, (SELECT CASE WHEN d.decision = 'accept' THEN d.amount END" \
	" FROM district_decision d WHERE d.case_id = case_file.id ORDER BY d.id DESC LIMIT 1)"
#define BARE_NCOLS 10
/* The rows the list shows at 80x24, and fetches per page (24 lines less the
 * title, header, notice, column titles, message and status lines); PgDn
 * moves a page less one row. (The first-screen and search rows above read
 * 21, as they always have.) */
#define SCREEN_ROWS 18

/* The status order as case_query.c writes it, letter for letter (schema 021
 * indexes this expression). */
#define STATE_CODE(id, code, label) code ","
#define STATE_ORDER "instr('," BF_STATES(STATE_CODE) "', ',' || status || ',')"

/* A sort the list offers: the column's title (as its message names it) and
 * the order's keys, ascending, the last one the unique number. */
struct sort_case {
	const char *title;
	const char *keys[3];
	int nkeys;
};

static const struct sort_case sorts[] = {
    {"Status", {STATE_ORDER, "number"}, 2},
    {"Cat.", {"first_category IS NULL", "first_category", "number"}, 3},
    {"Department", {"department IS NULL", "department", "number"}, 3},
};
#define NSORTS ((int)BF_ARRAY_LEN(sorts))
enum { M_FIRST, M_PGDN, M_END, M_PGUP, M_PGDN_END, NMEASURES };

/* A bare statement; a mistake in one would time nothing: stop. */
static sqlite3_stmt *bare_prepare(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bare: %s: %s\n", sqlite3_errmsg(h), sql);
		exit(1);
	}
	return st;
}

/* Read a screenful; it must be a whole one (the benchmark's files fill
 * many screens). */
static void read_rows(sqlite3_stmt *st, int rows)
{
	int n = 0;
	for (; sqlite3_step(st) == SQLITE_ROW; n++)
		for (int c = 0; c < BARE_NCOLS; c++)
			(void)sqlite3_column_text(st, c);
	if (n != rows) {
		fprintf(stderr, "bare: %d rows, not %d: %s\n", n, rows, sqlite3_sql(st));
		exit(1);
	}
}

/* Read a screenful of rows that carry sc's keys after BARE_NCOLS; the keys
 * of row `at` into key[] (copies, for the next page). */
static void read_keyed(sqlite3_stmt *st, const struct sort_case *sc, int rows, int at,
                       sqlite3_value **key)
{
	int got = 0;
	for (; sqlite3_step(st) == SQLITE_ROW; got++) {
		for (int c = 0; c < BARE_NCOLS; c++)
			(void)sqlite3_column_text(st, c);
		if (got == at)
			for (int k = 0; k < sc->nkeys; k++) {
				sqlite3_value_free(key[k]);
				key[k] =
				    sqlite3_value_dup(sqlite3_column_value(st, BARE_NCOLS + k));
			}
	}
	if (got != rows) {
		fprintf(stderr, "bare: %d rows, not %d: %s\n", got, rows, sqlite3_sql(st));
		exit(1);
	}
}

/* `rows` rows from the first (key NULL) or after the row whose keys are
 * key[] (before it, backward: read in reverse order), in sc's ascending
 * order; the keys of row `at` read into key[]. The rows after a key are
 * one index seek per key column, UNION ALL: equal on the keys before it,
 * after it on this one, in index order, limited; the union sorted again and
 * limited. (SQLite 3.40 seeks with a row value, (k0, k1) > (?, ?), only
 * over plain columns: over the status order's expression it reads the
 * index from its start.) */
static void bare_page(sqlite3 *h, const struct sort_case *sc, sqlite3_value **key, bool backward,
                      int rows, int at)
{
	char sql[8192], keys[256] = "";
	size_t len = 0, kl = 0;
	for (int k = 0; k < sc->nkeys; k++)
		kl += (size_t)snprintf(keys + kl, sizeof keys - kl, ", %s", sc->keys[k]);
	const char *dir = backward ? " DESC" : "";
	if (!key[0]) {
		len += (size_t)snprintf(sql, sizeof sql,
		                        "SELECT " BARE_ROW_COLS "%s FROM case_file", keys);
	} else {
		for (int j = sc->nkeys - 1; j >= 0; j--) {
			len += (size_t)snprintf(sql + len, sizeof sql - len,
			                        "%sSELECT * FROM (SELECT " BARE_ROW_COLS
			                        "%s FROM case_file WHERE ",
			                        j < sc->nkeys - 1 ? " UNION ALL " : "", keys);
			for (int k = 0; k < j; k++)
				len += (size_t)snprintf(sql + len, sizeof sql - len,
				                        "(%s) IS ?%d AND ", sc->keys[k], k + 1);
			len +=
			    (size_t)snprintf(sql + len, sizeof sql - len, "(%s) %s ?%d ORDER BY ",
			                     sc->keys[j], backward ? "<" : ">", j + 1);
			for (int k = j; k < sc->nkeys; k++)
				len += (size_t)snprintf(sql + len, sizeof sql - len, "%s%s%s",
				                        k > j ? ", " : "", sc->keys[k], dir);
			len += (size_t)snprintf(sql + len, sizeof sql - len, " LIMIT %d)", rows);
		}
	}
	len += (size_t)snprintf(sql + len, sizeof sql - len, " ORDER BY ");
	for (int k = 0; k < sc->nkeys; k++)
		len += (size_t)snprintf(sql + len, sizeof sql - len, "%s%d%s", k ? ", " : "",
		                        BARE_NCOLS + 1 + k, dir);
	snprintf(sql + len, sizeof sql - len, " LIMIT %d", rows);
	sqlite3_stmt *st = bare_prepare(h, sql);
	for (int k = 0; key[0] && k < sc->nkeys; k++)
		sqlite3_bind_value(st, k + 1, key[k]);
	read_keyed(st, sc, rows, at, key);
	sqlite3_finalize(st);
}

/* What the list does in sort sc, done bare, each timed into wall/cpu[M_*]:
 * the first screenful in that order (a sort switch: the count is the
 * list's cached one, a sort does not change it); PgDn: the screenful after
 * its second-to-last row (PgDn moves a page less a row and the list
 * continues from that row's key); End: the last screenful, the order
 * read backward; PgUp there: the rows before the last screenful's first;
 * and PgDn from there: the screenful after the second-to-last row of that
 * page. */
static void bare_sort(sqlite3 *h, const struct sort_case *sc, int rows, double *wall, double *cpu)
{
	sqlite3_value *key[3] = {NULL, NULL, NULL};
	for (int m = 0; m < NMEASURES; m++) {
		double t0 = now_ms(), c0 = cpu_ms();
		switch (m) {
		case M_FIRST:
			bare_page(h, sc, key, false, rows, rows - 2);
			break;
		case M_PGDN:
			bare_page(h, sc, key, false, rows, 0);
			break;
		case M_END:
			for (int k = 0; k < sc->nkeys; k++) {
				sqlite3_value_free(key[k]);
				key[k] = NULL;
			}
			/* read backward: the last row read is the page's first */
			bare_page(h, sc, key, true, rows, rows - 1);
			break;
		case M_PGUP:
			/* the rows before it; the first read is the new page's
			 * second-to-last */
			bare_page(h, sc, key, true, rows - 1, 0);
			break;
		case M_PGDN_END:
			bare_page(h, sc, key, false, rows, 0);
			break;
		}
		wall[m] = now_ms() - t0;
		cpu[m] = cpu_ms() - c0;
	}
	for (int k = 0; k < sc->nkeys; k++)
		sqlite3_value_free(key[k]);
}

/* The status filter done bare: the count the list's header shows (not
 * cached: a new filter) and the first screenful in number order. */
static void bare_filter(sqlite3 *h, const char *status, int rows)
{
	sqlite3_stmt *st;
	st = bare_prepare(h, "SELECT count(*) FROM case_file WHERE status = ?1");
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	char sql[768];
	snprintf(sql, sizeof sql,
	         "SELECT " BARE_ROW_COLS
	         " FROM case_file WHERE status = ?1 ORDER BY number LIMIT %d",
	         rows);
	st = bare_prepare(h, sql);
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	read_rows(st, n < rows ? (int)n : rows);
	sqlite3_finalize(st);
}

/* One key to the redrawn screen, wall and CPU time. */
static void press(struct session *s, bf_key k, double *wall, double *cpu)
{
	double t0 = now_ms(), c0 = cpu_ms();
	bf_app_dispatch(&s->app, k);
	bf_app_frame(&s->app);
	*wall = now_ms() - t0;
	*cpu = cpu_ms() - c0;
}

/* One run of s through the list's sort cycle (Number, Name, ... each
 * ascending, then descending) back to Number ascending: the press that
 * switches to each sort of `sorts` ascending is timed, then PgDn, End, PgUp
 * and PgDn in it. wall/cpu[(k * NMEASURES + m) * runs + r]; found[k] when the list
 * offers sort k (a column too narrow for 80 columns is not shown and not
 * offered). Returns -1 when the cycle does not come back. */
static int time_sorts(struct session *s, int r, int runs, double *wall, double *cpu, bool *found)
{
	char want[NSORTS][128];
	for (int k = 0; k < NSORTS; k++)
		snprintf(want[k], sizeof want[k], "Sorted by %s, ascending; s again to reverse.",
		         sorts[k].title);
	for (int p = 0; p < 4 * NSORTS + 16; p++) {
		double w, c;
		press(s, 's', &w, &c);
		if (!strcmp(s->app.msg, "Sorted by Number, ascending; s again to reverse."))
			return 0;
		for (int k = 0; k < NSORTS; k++) {
			if (strcmp(s->app.msg, want[k]))
				continue;
			found[k] = true;
			size_t at = (size_t)(k * NMEASURES) * runs + r;
			wall[at] = w;
			cpu[at] = c;
			at += runs;
			press(s, BF_KC(KEY_NPAGE), &wall[at], &cpu[at]);
			at += runs;
			press(s, BF_KC(KEY_END), &wall[at], &cpu[at]);
			at += runs;
			press(s, BF_KC(KEY_PPAGE), &wall[at], &cpu[at]);
			at += runs;
			press(s, BF_KC(KEY_NPAGE), &wall[at], &cpu[at]);
		}
	}
	fprintf(stderr, "the sort cycle did not come back to Number (last: %s)\n", s->app.msg);
	return -1;
}

/* The status filter chosen as a user does (f, Down to the status, Enter;
 * Enter for any category) to the redrawn list. Its count is not cached:
 * ^R (read again) first, untimed; Esc clears it afterwards. */
static int time_filter(struct session *s, const char *status, double *wall, double *cpu)
{
	int idx = bf_state_parse(status);
	if (idx < 0) {
		fprintf(stderr, "no such status: %s\n", status);
		return -1;
	}
	bf_app_dispatch(&s->app, BF_CTRL('R'));
	bf_app_frame(&s->app);
	for (int i = 0; i <= idx; i++)
		bf_keyscript_key(&s->ks, BF_KC(KEY_DOWN));
	bf_keyscript_key(&s->ks, '\n');
	bf_keyscript_key(&s->ks, '\n');
	press(s, 'f', wall, cpu);
	if (strcmp(s->app.msg, "Filter set; Esc shows all files again.")) {
		fprintf(stderr, "the filter was not set (%s)\n", s->app.msg);
		return -1;
	}
	bf_app_dispatch(&s->app, BF_ESC);
	bf_app_frame(&s->app);
	return 0;
}

static void print_row(const char *label, double *wall, double *bwall, double *cpu, double *bcpu,
                      int n)
{
	struct stats a = stats_of(wall, n), b = stats_of(bwall, n);
	printf("%-34s %9.2f %9.2f %9.2f %9.2f %7.2f\n", label, a.median, a.p95, b.median, b.p95,
	       a.median / b.median);
	struct stats ac = stats_of(cpu, n), bc = stats_of(bcpu, n);
	printf("    CPU median / p95: %.2f / %.2f ms, bare %.2f / %.2f ms, ratio %.2f\n", ac.median,
	       ac.p95, bc.median, bc.p95, ac.median / bc.median);
}

static int measure_sorts(const char *path, int runs)
{
	size_t n = (size_t)NSORTS * NMEASURES * runs;
	double *wall = calloc(n, sizeof *wall), *cpu = calloc(n, sizeof *cpu);
	double *bwall = calloc(n, sizeof *bwall), *bcpu = calloc(n, sizeof *bcpu);
	bool found[NSORTS] = {false};
	struct session s;
	if (!wall || !cpu || !bwall || !bcpu || session_open(&s, path) != 0)
		return -1;
	int rc = 0;
	for (int r = 0; r < runs && rc == 0; r++)
		rc = time_sorts(&s, r, runs, wall, cpu, found);
	/* what drawing the screen costs without a query (Down within the page
	 * on screen; Up back), which the bare side does not do: bwall, bcpu
	 * are free until the bare runs */
	for (int r = 0; r < runs && rc == 0; r++) {
		double w;
		press(&s, BF_KC(KEY_DOWN), &bwall[r], &bcpu[r]);
		press(&s, BF_KC(KEY_UP), &w, &w);
	}
	struct stats dw = stats_of(bwall, runs), dc = stats_of(bcpu, runs);
	session_close(&s);
	sqlite3 *h = bare_open(path);
	for (int r = 0; r < runs && rc == 0; r++)
		for (int k = 0; k < NSORTS; k++) {
			if (!found[k])
				continue;
			double w[NMEASURES], c[NMEASURES];
			bare_sort(h, &sorts[k], SCREEN_ROWS, w, c);
			for (int m = 0; m < NMEASURES; m++) {
				bwall[(size_t)(k * NMEASURES + m) * runs + r] = w[m];
				bcpu[(size_t)(k * NMEASURES + m) * runs + r] = c[m];
			}
		}
	sqlite3_close(h);
	if (rc == 0)
		printf("drawing the list alone (Down within the page, no query): median %.2f ms, "
		       "CPU %.2f ms\n",
		       dw.median, dc.median);
	static const char *const what[NMEASURES] = {"first page", "PgDn", "End", "PgUp after End",
	                                            "PgDn near the end"};
	for (int k = 0; k < NSORTS && rc == 0; k++) {
		if (!found[k]) {
			printf("sort by %s: not offered at 80 columns (the column is not shown)\n",
			       sorts[k].title);
			continue;
		}
		for (int m = 0; m < NMEASURES; m++) {
			char label[80];
			size_t at = (size_t)(k * NMEASURES + m) * runs;
			snprintf(label, sizeof label, "sort by %s: %s", sorts[k].title, what[m]);
			print_row(label, wall + at, bwall + at, cpu + at, bcpu + at, runs);
		}
	}
	free(wall);
	free(cpu);
	free(bwall);
	free(bcpu);
	return rc;
}

static int measure_filter(const char *path, int runs, const char *status)
{
	double *v = calloc((size_t)runs * 4, sizeof *v);
	struct session s;
	if (!v || session_open(&s, path) != 0)
		return -1;
	char common[24] = "";
	if (!status[0]) { /* the commonest status in the file */
		bf_stmt q;
		bf_db_prepare(&s.ctx.db, &q,
		              "SELECT status FROM case_file GROUP BY status ORDER BY count(*) DESC"
		              " LIMIT 1");
		if (bf_step(&q) == SQLITE_ROW)
			bf_col_copy(&q, 0, common, sizeof common);
		bf_finalize(&q);
		status = common;
	}
	int rc = 0;
	for (int r = 0; r < runs && rc == 0; r++)
		rc = time_filter(&s, status, &v[r], &v[runs + r]);
	session_close(&s);
	sqlite3 *h = bare_open(path);
	for (int r = 0; r < runs && rc == 0; r++) {
		double t0 = now_ms(), c0 = cpu_ms();
		bare_filter(h, status, SCREEN_ROWS);
		v[2 * runs + r] = now_ms() - t0;
		v[3 * runs + r] = cpu_ms() - c0;
	}
	sqlite3_close(h);
	if (rc == 0) {
		char label[80];
		snprintf(label, sizeof label, "status filter \"%s\"", status);
		print_row(label, v, v + 2 * runs, v + runs, v + 3 * runs, runs);
	}
	free(v);
	return rc;
}

/* ---- the file's size ------------------------------------------------------------ */

static int64_t bare_int(sqlite3 *h, const char *sql, const char *arg)
{
	sqlite3_stmt *st;
	int64_t v = -1;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The database's size as README's "The audit log's size" reports it: the
 * file's used pages (dbstat, free pages not counted), bytes per file, and
 * the audit log with its indexes and the audit chain as a share of them. */
static int measure_size(const char *path)
{
	struct stat fst;
	sqlite3 *h;
	if (stat(path, &fst) != 0 ||
	    sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	int64_t files = bare_int(h, "SELECT count(*) FROM case_file", NULL);
	int64_t psize = bare_int(h, "PRAGMA page_size", NULL);
	int64_t pages = bare_int(h, "PRAGMA page_count", NULL);
	int64_t freep = bare_int(h, "PRAGMA freelist_count", NULL);
	int64_t used = bare_int(h, "SELECT sum(pgsize) FROM dbstat WHERE aggregate = TRUE", NULL);
	printf("database file: %lld bytes on disk, %lld pages of %lld bytes, %lld free\n",
	       (long long)fst.st_size, (long long)pages, (long long)psize, (long long)freep);
	if (used <= 0) {
		/* no dbstat in this SQLite: the pages in use, not by table */
		used = (pages - freep) * psize;
		printf("database size: %.1f MB in use, %lld files, %.0f bytes per file; "
		       "the audit share needs dbstat, which this SQLite lacks\n",
		       used / 1e6, (long long)files, files > 0 ? (double)used / files : 0.0);
		sqlite3_close(h);
		return 0;
	}
	static const char *const by_table =
	    "SELECT sum(pgsize) FROM dbstat WHERE aggregate = TRUE AND name IN"
	    " (SELECT name FROM sqlite_schema WHERE tbl_name = ?1)";
	int64_t log = bare_int(h, by_table, "audit_log");
	int64_t chain = bare_int(h, by_table, "audit_chain");
	sqlite3_close(h);
	printf("database size: %.1f MB in use (dbstat), %lld files, %.0f bytes per file\n",
	       used / 1e6, (long long)files, files > 0 ? (double)used / files : 0.0);
	printf("audit log + its indexes %.1f MB, audit chain %.1f MB: audit share %.1f%%\n",
	       log / 1e6, chain / 1e6, 100.0 * (double)(log + chain) / (double)used);
	return 0;
}

static int measure_searches(const char *path, int runs, double *app_t, double *bare_t);

int main(int argc, char **argv)
{
	int ncases = 100000, runs = 30;
	char path[512] = "", status[24] = "";
	/* what to measure (--only) */
	static const char *const parts[] = {"first", "search", "sort", "filter", "size"};
	enum { P_FIRST = 1, P_SEARCH = 2, P_SORT = 4, P_FILTER = 8, P_SIZE = 16 };
	unsigned only = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--cases") && i + 1 < argc)
			ncases = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--db") && i + 1 < argc)
			bf_strlcpy(path, argv[++i], sizeof path);
		else if (!strcmp(argv[i], "--status") && i + 1 < argc)
			bf_strlcpy(status, argv[++i], sizeof status);
		else if (!strcmp(argv[i], "--only") && i + 1 < argc) {
			char list[128];
			bf_strlcpy(list, argv[++i], sizeof list);
			for (char *save, *w = strtok_r(list, ",", &save); w;
			     w = strtok_r(NULL, ",", &save)) {
				size_t k = 0;
				while (k < BF_ARRAY_LEN(parts) && strcmp(w, parts[k]))
					k++;
				if (k == BF_ARRAY_LEN(parts)) {
					fprintf(stderr,
					        "--only: no part \"%s\" (first, search, sort, "
					        "filter, size)\n",
					        w);
					return 2;
				}
				only |= 1u << k;
			}
		} else {
			fprintf(stderr,
			        "usage: bench_list [--cases N] [--runs R] [--db PATH]"
			        " [--only first,search,sort,filter,size] [--status CODE]\n");
			return 2;
		}
	}
	if (!only)
		only = P_FIRST | P_SEARCH | P_SORT | P_FILTER | P_SIZE;
	if (status[0] && bf_state_parse(status) < 0) {
		fprintf(stderr, "--status: no such status \"%s\"\n", status);
		return 2;
	}
	if (ncases < 1 || runs < 3)
		return 2;
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	setenv("LANGUAGE", "en", 1);
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/bangfu-bench-%d.db", ncases);

	/* fill in a child, so its memory does not count in the peak RSS */
	struct stat st;
	if (stat(path, &st) != 0) {
		pid_t pid = fork();
		if (pid == 0) {
			/* from 100,000 on: 10,000 saved, the rest copies (see the top) */
			int base = ncases >= 100000 ? 10000 : ncases;
			_exit(fill(path, base,
			           ncases >= 100000 ? (ncases + base - 1) / base - 1 : 0) == 0
			          ? 0
			          : 1);
		}
		int status;
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "fill failed\n");
			unlink(path);
			return 1;
		}
	}

	double *app_t = calloc((size_t)runs * 16, sizeof(double));
	double *bare_t = calloc((size_t)runs * 16, sizeof(double));

	printf("bangfu list benchmark: %d cases, %d runs, 80x24, %s\n", ncases, runs, path);
	printf("%-34s %9s %9s %9s %9s %7s\n", "measure (ms)", "median", "p95", "bare med",
	       "bare p95", "ratio");

	/* 1. open + first screen */
	for (int r = 0; r < runs && (only & P_FIRST); r++) {
		struct session s;
		double t0 = now_ms();
		if (session_open(&s, path) != 0) {
			fprintf(stderr, "cannot open the list\n");
			return 1;
		}
		app_t[r] = now_ms() - t0;
		session_close(&s);
		t0 = now_ms();
		sqlite3 *h = bare_open(path);
		bare_query(h, "", NULL, 21);
		sqlite3_close(h);
		bare_t[r] = now_ms() - t0;
	}
	if (only & P_FIRST) {
		struct stats a = stats_of(app_t, runs), b = stats_of(bare_t, runs);
		printf("%-34s %9.2f %9.2f %9.2f %9.2f %7.2f\n", "open database + first list screen",
		       a.median, a.p95, b.median, b.p95, a.median / b.median);
	}
	if ((only & P_SEARCH) && measure_searches(path, runs, app_t, bare_t) != 0)
		return 1;
	/* 3. sorts, PgDn and End in each; 4. the status filter; 5. the size */
	if ((only & P_SORT) && measure_sorts(path, runs) != 0)
		return 1;
	if ((only & P_FILTER) && measure_filter(path, runs, status) != 0)
		return 1;
	if ((only & P_SIZE) && measure_size(path) != 0) {
		fprintf(stderr, "cannot read the size of %s\n", path);
		return 1;
	}

	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS of the measuring process: %.1f MB\n", ru.ru_maxrss / 1024.0);
	printf(
	    "targets: first screen <= 100 ms, keystroke p95 <= 16 ms, RSS <= 32 MB, ratio <= 2\n");
	free(app_t);
	free(bare_t);
	return 0;
}

/* 2. search keystrokes: take a real name, ID digits and pinyin from the data */
static int measure_searches(const char *path, int runs, double *app_t, double *bare_t)
{
	struct stats a, b;
	struct session s;
	if (session_open(&s, path) != 0)
		return 1;
	char name[64] = "", idpart[16] = "", py[16] = "";
	{
		bf_stmt q;
		bf_db_prepare(&s.ctx.db, &q,
		              "SELECT name, id_mask FROM case_file WHERE id = (SELECT max(id) / 2 "
		              "FROM case_file)");
		if (bf_step(&q) == SQLITE_ROW) {
			bf_col_copy(&q, 0, name, sizeof name);
			const char *id = bf_col_text(&q, 1);
			/* what a search may match: the digits the mask shows (issue 12):
			 * the sequence digits of 1101**********002* */
			if (strlen(id) >= 18)
				memcpy(idpart, id + 14, 3);
		}
		bf_finalize(&q);
		bf_pinyin_initials(name, py, sizeof py);
	}
	struct {
		const char *label, *q, *where;
	} searches[] = {
	    {"search keystroke: name", name, "WHERE instr(name, ?1) > 0 OR instr(number, ?1) > 0"},
	    {"search keystroke: ID digits", idpart,
	     "WHERE instr(number, ?1) > 0 OR instr(id_mask, ?1) > 0"},
	    {"search keystroke: pinyin initials", py, NULL},
	    {"search keystroke: x's (pinyin)", "xx", NULL},
	};
	/* the same pre-filter on the stored initials mask as the list uses */
	char pinyin_where[256];
	snprintf(
	    pinyin_where, sizeof pinyin_where,
	    "WHERE ((name_mask & %u) = %u AND bf_pinyin_match(name, ?1)) OR instr(number, ?1) > 0",
	    (unsigned)bf_pinyin_name_mask(py), (unsigned)bf_pinyin_name_mask(py));
	searches[2].where = pinyin_where;
	/* a query of x's: pinyin initials (no ID digit a search may match is an
	 * x: the masks star the check character) */
	char x_where[320];
	snprintf(
	    x_where, sizeof x_where,
	    "WHERE ((name_mask & %u) = %u AND bf_pinyin_match(name, ?1)) OR instr(number, ?1) > 0",
	    (unsigned)bf_pinyin_name_mask("xx"), (unsigned)bf_pinyin_name_mask("xx"));
	searches[3].where = x_where;
	for (size_t k = 0; k < BF_ARRAY_LEN(searches); k++) {
		int n = 0;
		for (int r = 0; r < runs; r++)
			n += time_search(&s, searches[k].q, app_t + n, runs * 16 - n);
		/* the bare query for each prefix the user typed */
		int m = 0;
		sqlite3 *h = bare_open(path);
		wchar_t wq[64];
		size_t len = mbstowcs(wq, searches[k].q, 64);
		for (int r = 0; r < runs; r++)
			for (size_t i = 1; i <= len && m < runs * 16; i++) {
				char prefix[64];
				wchar_t save = wq[i];
				wq[i] = 0;
				wcstombs(prefix, wq, sizeof prefix);
				wq[i] = save;
				double t0 = now_ms();
				bare_search(h, searches[k].where, prefix, 21);
				bare_t[m++] = now_ms() - t0;
			}
		sqlite3_close(h);
		/* per keystroke position (1st character, 2nd, ...) */
		size_t per = n / runs;
		char positions[256] = "";
		for (size_t i = 0; per > 0 && i < per && i < 16; i++) {
			double col[64];
			int k = 0;
			for (int r = 0; r < runs && k < 64; r++)
				col[k++] = app_t[(size_t)r * per + i];
			char one[32];
			snprintf(one, sizeof one, "%s%.1f", i ? " / " : "",
			         stats_of(col, k).median);
			strncat(positions, one, sizeof positions - strlen(positions) - 1);
		}
		a = stats_of(app_t, n);
		b = stats_of(bare_t, m);
		char label[80];
		snprintf(label, sizeof label, "%s \"%s\"", searches[k].label, searches[k].q);
		printf("%-34s %9.2f %9.2f %9.2f %9.2f %7.2f\n", label, a.median, a.p95, b.median,
		       b.p95, a.median / b.median);
		printf("    median by keystroke: %s ms\n", positions);
	}
	session_close(&s);
	return 0;
}
