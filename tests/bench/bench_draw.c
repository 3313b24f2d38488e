/* bench_draw.c — how fast a campaign's list is drawn over many files.
 *
 * Fills a database with `bangfu demo --cases N` (10,000 by default), then
 * times, each as the bangfu program run as the demo's administrator:
 *   - creating a campaign with the standard groups and drawing its list;
 *   - drawing it again (the redraw keeps the decisions taken by hand);
 *   - a second campaign of the same year, drawn (it looks at the first's
 *     recipients: what they had this year, their communities);
 * and beside each the bare single-statement equivalent in plain SQLite
 * (timed on the same database, rolled back): the old list deleted, and
 * one INSERT … SELECT of the candidates, latest file per person, with the
 * same look-ups (last year's recipients, this year's other amounts, the
 * latest community), as stored values (sealed ID numbers, blind indexes);
 * and the ratio (target: at most 3); the bare side once more with the
 * schema's triggers dropped (no audit log). The first program run includes the
 * start-up of bangfu (opening, the login), as a clerk sees it. After each
 * draw, how many files the list holds and how many of them are included.
 *
 * From 100,000 files on the fill is faster (`bangfu demo` saves each file
 * the slow way): 10,000 files (--base) are made by `bangfu demo`, then
 * copied by one INSERT … SELECT per table and copy (case_file, member,
 * case_cause) until there are N. A copy is a candidate like any file:
 * another person (its people's ID numbers made anew, see copy_id: sealed
 * for its own row, with their blind indexes and masks, so the draw opens
 * them), its members and causes (which the draw reads), the same year,
 * status and category as the file it copies, a number of that year after
 * the demo's (2026-10001 ...). The copies are written through the schema's
 * triggers: the audit log holds them (actor "bench") and one open file per
 * person holds for them. Their documents, reviews and history are not
 * copied: the draw reads none of them.
 *
 * Built by `make`, not run by `make check`; run from the build directory:
 *   ./tests/bench/bench_draw [--cases N] [--base B] [--bangfu PATH] [--dir PATH]
 *                            [--reuse] [--fill-only]
 * (--base: files made by the demo before copying, default N below 100,000,
 * else 10,000; --reuse: DIR already holds a demo database without these
 * campaigns; when it holds fewer than N files, copies of them fill it up:
 * one demo of 10,000 files copied aside serves every size; --fill-only:
 * fill, or top up, and stop, to measure later with --reuse).
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/coldesc.h"
#include "bangfu/ident.h"
#include "bangfu/store.h"
#include "bangfu/vault.h"
#include "bench_util.h"

/* The draw as one statement, on campaign k: what bare SQLite takes. */
static const char bare_sql[] =
    "INSERT INTO campaign_recipient (campaign_id, case_id, group_id, case_number, name,"
    " id_number, id_bidx, id_mask, unit, community, household_size, standard, cash, goods,"
    " capped, included)"
    " WITH cand AS (SELECT f.*, row_number() OVER (PARTITION BY coalesce(f.id_bidx,"
    "  'case:' || f.id) ORDER BY f.year DESC, f.id DESC) AS rn FROM case_file f"
    "  WHERE f.status <> 'closed' AND f.year <= :year),"
    " last AS (SELECT r.case_id, r.id_bidx FROM campaign_recipient r"
    "  JOIN campaign k ON k.id = r.campaign_id WHERE k.year = :year - 1 AND r.included = 1"
    "  AND r.paid_status <> 'not_paid'),"
    " other AS (SELECT coalesce(r.id_bidx, 'case:' || r.case_id) AS pkey,"
    "  sum(r.cash + r.goods) AS amount FROM campaign_recipient r"
    "  JOIN campaign k ON k.id = r.campaign_id WHERE k.year = :year AND k.id <> :k"
    "  AND r.included = 1 AND r.paid_status <> 'not_paid' GROUP BY 1)"
    " SELECT :k, f.id, (SELECT min(id) FROM campaign_group WHERE campaign_id = :k), f.number,"
    "  f.name, f.id_number, f.id_bidx, f.id_mask, NULL,"
    "  (SELECT community FROM campaign_recipient WHERE id = (SELECT max(id) FROM"
    "   (SELECT r.id FROM campaign_recipient r WHERE r.case_id = f.id"
    "    AND r.community IS NOT NULL AND r.campaign_id <> :k UNION ALL"
    "    SELECT r.id FROM campaign_recipient r WHERE r.id_bidx = f.id_bidx"
    "    AND r.community IS NOT NULL AND r.campaign_id <> :k))),"
    "  f.household_size, 50000, 50000, 0, 0,"
    "  NOT (f.id IN (SELECT case_id FROM last) OR f.id_bidx IN (SELECT id_bidx FROM last"
    "   WHERE id_bidx IS NOT NULL)) AND coalesce(o.amount, 0) < 500000"
    "  AND (EXISTS (SELECT 1 FROM member m WHERE m.case_id = f.id AND m.position = 0"
    "   AND m.status = 'migrant') OR coalesce(f.first_category, 0) IN (3, 4, 5)"
    "   OR EXISTS (SELECT 1 FROM case_cause z WHERE z.case_id = f.id AND z.cause IN"
    "   ('major_illness', 'schooling', 'accident', 'natural_disaster')) OR 1)"
    " FROM cand f LEFT JOIN other o ON o.pkey = coalesce(f.id_bidx, 'case:' || f.id)"
    " WHERE f.rn = 1 ORDER BY f.number";

/* ---- the faster fill: copies of the demo's files ------------------------------ */

/* The region codes met so far, numbered in order: copy_id's map. */
struct regions {
	char code[1000][7];
	int n;
};

/* copy_id(id, k): the ID number of copy k (1 .. 99) of the person with ID
 * number id: "9", k in two digits, the number of id's region code among
 * those met in three, then id's birth date and sequence digits and a new
 * check character. A valid ID number (a permanent residence card's
 * shape), distinct for every person and copy, never one of the demo's
 * (theirs start with a province's code). NULL for NULL. */
static void copy_id(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	struct regions *r = sqlite3_user_data(cx);
	const char *id = (const char *)sqlite3_value_text(argv[0]);
	int k = sqlite3_value_int(argv[1]);
	if (!id) {
		sqlite3_result_null(cx);
		return;
	}
	if (strlen(id) != 18 || id[0] == '9' || k < 1 || k > 99) {
		sqlite3_result_error(cx, "copy_id: not a resident's ID number, or copy past 99",
		                     -1);
		return;
	}
	int i = 0;
	while (i < r->n && strncmp(r->code[i], id, 6) != 0)
		i++;
	if (i == r->n) {
		if (r->n == 1000) {
			sqlite3_result_error(cx, "copy_id: more than 1,000 region codes", -1);
			return;
		}
		memcpy(r->code[r->n], id, 6);
		r->code[r->n++][6] = '\0';
	}
	char out[32];
	snprintf(out, sizeof out, "9%02d%03d%.11s", k, i, id + 6);
	out[17] = bf_idcard_check_char(out);
	out[18] = '\0';
	sqlite3_result_text(cx, out, 18, SQLITE_TRANSIENT);
}

/* INSERT INTO table … SELECT of every row of table whose rowkey (id or
 * case_id) is at most :base, as the rows of the files :off further on:
 * rowkey + :off, sealed columns opened and sealed again for the new row,
 * the ID number (person) anew by copy_id with its blind index and mask,
 * a file's number that many sequence numbers further ((:k) * :seqs). A
 * row id other than the file's is left to SQLite. */
static void copy_sql(bf_db *db, const char *table, const char *rowkey, char *sql, size_t n)
{
	char cols[4096] = "", sel[8192] = "", e[512], rd[256], newkey[64];
	snprintf(newkey, sizeof newkey, "t.%s + :off", rowkey);
	bf_stmt st;
	char q[128];
	snprintf(q, sizeof q, "SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
	if (bf_db_prepare(db, &st, q) != 0)
		die(table, db->errmsg);
	while (bf_step(&st) == SQLITE_ROW) {
		const char *c = bf_col_text(&st, 0);
		if (!strcmp(c, "id") && strcmp(rowkey, "id") != 0)
			continue; /* a member's, a cause's own id */
		if (!strcmp(c, rowkey))
			snprintf(e, sizeof e, "%s", newkey);
		else if (!strcmp(c, "number"))
			snprintf(
			    e, sizeof e,
			    "substr(t.number, 1, 5) || printf('%%04d', CAST(substr(t.number, 6)"
			    " AS INTEGER) + :k * :seqs)");
		else if (!strcmp(c, "id_number"))
			bf_coldesc_insert(table, c, "t.bench_pid", newkey, e, sizeof e);
		else if (!strcmp(c, "id_bidx"))
			snprintf(e, sizeof e, "bf_bidx(t.bench_pid, 'id')");
		else if (!strcmp(c, "id_mask"))
			snprintf(e, sizeof e, "bf_id_mask(t.bench_pid)");
		else if (bf_coldesc_sealed(table, c))
			bf_coldesc_insert(table, c, bf_coldesc_read(table, "t", c, rd, sizeof rd),
			                  newkey, e, sizeof e);
		else
			snprintf(e, sizeof e, "t.%s", c);
		snprintf(cols + strlen(cols), sizeof cols - strlen(cols), "%s%s",
		         cols[0] ? ", " : "", c);
		snprintf(sel + strlen(sel), sizeof sel - strlen(sel), "%s%s", sel[0] ? ", " : "",
		         e);
	}
	bf_finalize(&st);
	char pid[320] = "NULL";
	bf_coldesc_read(table, "s", "id_number", rd, sizeof rd);
	if (strstr(cols, "id_number"))
		snprintf(pid, sizeof pid, "copy_id(%s, :k)", rd);
	snprintf(sql, n,
	         "INSERT INTO %s (%s) SELECT %s FROM (SELECT s.*, %s AS bench_pid FROM %s s"
	         " WHERE s.%s <= :base ORDER BY s.%s) t",
	         table, cols, sel, pid, table, rowkey, rowkey);
}

/* Fill db (made by the demo, its files' ids 1 .. base) up to ncases files
 * with copies (see the top); nothing when it holds that many. How many
 * files were copied. */
static int64_t copy_files(const char *db, int ncases)
{
	bf_db d;
	bf_error err = {{0}};
	struct bf_account a;
	if (bf_store_open(&d, db, 0, &err) != 0)
		die(db, err.msg);
	static struct regions reg;
	sqlite3_create_function(d.h, "copy_id", 2, SQLITE_UTF8, &reg, copy_id, NULL, NULL);
	int64_t base = 0, files = 0, seqs = 0;
	if (bf_db_int(&d, "SELECT max(id) FROM case_file", &base) != 0 ||
	    bf_db_int(&d, "SELECT count(*) FROM case_file", &files) != 0 ||
	    bf_db_int(&d, "SELECT max(CAST(substr(number, 6) AS INTEGER)) FROM case_file", &seqs) !=
	        0 ||
	    files == 0 || (files < ncases && files != base))
		die(db, "the demo's files are not numbered 1 .. N");
	int64_t start = files;
	if (files >= ncases) {
		bf_db_close(&d);
		return 0;
	}
	bf_store_set_session(&d, "bench", BF_ROLE_ADMIN);
	if (bf_account_get(&d, "admin", &a, &err) != 0 ||
	    bf_vault_unlock(&d, a.id, "demo-admin", &err) != 0)
		die("the demo's key", err.msg);
	static const char *const tables[][2] = {
	    {"case_file", "id"}, {"member", "case_id"}, {"case_cause", "case_id"}};
	static char sql[3][16384];
	for (int t = 0; t < 3; t++)
		copy_sql(&d, tables[t][0], tables[t][1], sql[t], sizeof sql[t]);
	for (int k = 1; files < ncases; k++) {
		double t0 = now_s();
		if (bf_db_begin(&d) != 0)
			die("begin", d.errmsg);
		int64_t take = ncases - files < base ? ncases - files : base;
		for (int t = 0; t < 3; t++) {
			bf_stmt st;
			if (bf_db_prepare(&d, &st, sql[t]) != 0 ||
			    (t < 2 && bf_bind_int(&st, ":k", k) != 0) ||
			    bf_bind_int(&st, ":off", k * base) != 0 ||
			    bf_bind_int(&st, ":base", take) != 0 ||
			    (t == 0 && bf_bind_int(&st, ":seqs", seqs) != 0) ||
			    bf_step(&st) != SQLITE_DONE)
				die(tables[t][0], d.errmsg);
			bf_finalize(&st);
		}
		if (bf_db_commit(&d) != 0)
			die("commit", d.errmsg);
		files += take;
		fprintf(stderr, "copy %d: %lld files in %.1f s\n", k, (long long)take,
		        now_s() - t0);
	}
	bf_db_close(&d);
	return files - start;
}

/* The bare draw of campaign name (year 2026) on db, rolled back: seconds.
 * triggers false: the schema's triggers dropped first (the audit log). */
static double bare_cpu; /* the CPU seconds of the last bare draw */

static double bare(const char *db, const char *name, bool triggers)
{
	/* bangfu's connection set-up: its SQL functions (the triggers call
	 * bf_now, bf_actor), its pragmas */
	bf_db d;
	bf_error err = {{0}};
	if (bf_store_open(&d, db, 0, &err) != 0)
		die(db, err.msg);
	bf_store_set_session(&d, "bench", BF_ROLE_ADMIN);
	sqlite3 *h = d.h;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "SELECT id FROM campaign WHERE name = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		die("campaign", sqlite3_errmsg(h));
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		die(name, "no such campaign");
	sqlite3_int64 k = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		die("begin", sqlite3_errmsg(h));
	if (!triggers)
		bench_drop_triggers(h);
	double t0 = now_s(), c0 = cpu_s();
	char del[128];
	snprintf(del, sizeof del, "DELETE FROM campaign_recipient WHERE campaign_id = %lld",
	         (long long)k);
	if (sqlite3_exec(h, del, NULL, NULL, NULL) != SQLITE_OK)
		die("delete", sqlite3_errmsg(h));
	if (sqlite3_prepare_v2(h, bare_sql, -1, &st, NULL) != SQLITE_OK)
		die("bare draw", sqlite3_errmsg(h));
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":k"), k);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":year"), 2026);
	if (sqlite3_step(st) != SQLITE_DONE)
		die("bare draw", sqlite3_errmsg(h));
	sqlite3_finalize(st);
	double secs = now_s() - t0;
	bare_cpu = cpu_s() - c0;
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	bf_db_close(&d);
	return secs;
}

/* How many files campaign name's list holds, and how many it includes. */
static void listed_of(const char *db, const char *name, int64_t *listed, int64_t *included)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(
	        h,
	        "SELECT count(*), coalesce(sum(r.included), 0) FROM campaign_recipient r"
	        " JOIN campaign k ON k.id = r.campaign_id WHERE k.name = ?1",
	        -1, &st, NULL) != SQLITE_OK)
		die(db, sqlite3_errmsg(h));
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		die(name, sqlite3_errmsg(h));
	*listed = sqlite3_column_int64(st, 0);
	*included = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* Run bangfu: its wall seconds; its CPU seconds in bench_child_cpu. */
static double timed(const char *bangfu, const char *dir, const char *const *args)
{
	double secs;
	long kb;
	if (bench_run(bangfu, dir, "admin", args, false, &secs, &kb) != 0)
		die(args[0], args[1]);
	return secs;
}

int main(int argc, char **argv)
{
	const char *bangfu = "./bangfu", *dir = "/tmp/bench_draw", *cases = "10000";
	const char *base = NULL;
	bool reuse = false, fill_only = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--reuse"))
			reuse = true;
		else if (!strcmp(argv[i], "--fill-only"))
			fill_only = true;
		else if (!strcmp(argv[i], "--cases") && i + 1 < argc)
			cases = argv[++i];
		else if (!strcmp(argv[i], "--base") && i + 1 < argc)
			base = argv[++i];
		else if (!strcmp(argv[i], "--bangfu") && i + 1 < argc)
			bangfu = argv[++i];
		else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
			dir = argv[++i];
		else {
			fprintf(stderr, "usage: bench_draw [--cases N] [--base B] [--bangfu PATH]"
			                " [--dir PATH] [--reuse] [--fill-only]\n");
			return 2;
		}
	}
	int ncases = atoi(cases), nbase = base ? atoi(base) : ncases >= 100000 ? 10000 : ncases;
	if (ncases < 1 || nbase < 1 || nbase > ncases || ncases > nbase * 100) {
		fprintf(stderr,
		        "bench_draw: --cases from 1, --base from 1 to N (N at most 100 B)\n");
		return 2;
	}
	char db[1100];
	snprintf(db, sizeof db, "%s/bangfu/bangfu.db", dir);
	double t0 = now_s();
	if (!reuse) {
		bench_fresh_dir(dir);
		bench_password(dir, "Qd7-wenjian-2026");
		double secs;
		long kb;
		char nb[16];
		snprintf(nb, sizeof nb, "%d", nbase);
		/* demo data goes only into a new file (no init first) */
		const char *demo[] = {"demo", "--cases", nb, NULL};
		if (bench_run(bangfu, dir, "bench", demo, true, &secs, &kb) != 0)
			die("bangfu demo", dir);
		fprintf(stderr, "filled %d files with bangfu demo in %.1f s\n", nbase, secs);
	}
	/* the copies (also onto a reused demo database of fewer files) */
	double t1 = now_s();
	if (copy_files(db, ncases) > 0)
		fprintf(stderr, "filled %d files in %.1f s (the copies %.1f s)\n", ncases,
		        now_s() - t0, now_s() - t1);
	if (fill_only)
		return 0;
	bench_password(dir, "demo-admin");
	/* names of this run's own (a reused database keeps earlier ones) */
	char n1[64], n2[64];
	snprintf(n1, sizeof n1, "春节送温暖%d", (int)getpid());
	snprintf(n2, sizeof n2, "金秋助学%d", (int)getpid());
	const char *create1[] = {"campaign",
	                         "create",
	                         "--name",
	                         n1,
	                         "--year",
	                         "2026",
	                         "--from",
	                         "2026-01-10",
	                         "--to",
	                         "2026-02-10",
	                         "--standard-groups",
	                         NULL};
	const char *create2[] = {"campaign",
	                         "create",
	                         "--name",
	                         n2,
	                         "--year",
	                         "2026",
	                         "--from",
	                         "2026-08-01",
	                         "--to",
	                         "2026-09-10",
	                         "--standard-groups",
	                         NULL};
	const char *draw1[] = {"campaign", "draw", n1, NULL};
	const char *draw2[] = {"campaign", "draw", n2, NULL};
	timed(bangfu, dir, create1);
	const char *const *draws[] = {draw1, draw1, create2, draw2};
	const char *names[] = {n1, n1, NULL, n2};
	static const char *const what[] = {"draw", "redraw", NULL, "second campaign"};
	printf("campaign draw over %s files; bare: one INSERT … SELECT with the schema's "
	       "triggers, then without them:\n",
	       cases);
	for (int i = 0; i < 4; i++) {
		double d = timed(bangfu, dir, draws[i]), dc = bench_child_cpu;
		if (!names[i])
			continue; /* the second campaign's creation */
		double b = bare(db, names[i], true), bc = bare_cpu;
		double r = bare(db, names[i], false), rc = bare_cpu;
		printf("  %-16s %6.2f s (CPU %5.2f)  bare %6.2f s (CPU %5.2f): ratio %.2f (CPU "
		       "%.2f)  no triggers %6.2f s (CPU %5.2f): ratio %.2f (CPU %.2f)\n",
		       what[i], d, dc, b, bc, d / b, dc / bc, r, rc, d / r, dc / rc);
		int64_t listed, included;
		listed_of(db, names[i], &listed, &included);
		printf("  %-16s listed %lld files, %lld included\n", "", (long long)listed,
		       (long long)included);
		fflush(stdout);
	}
	return 0;
}
