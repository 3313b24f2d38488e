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
 * start-up of bangfu (opening, the login), as a clerk sees it.
 *
 * Built by `make`, not run by `make check`; run from the build directory:
 *   ./tests/bench/bench_draw [--cases N] [--bangfu PATH] [--dir PATH] [--reuse]
 * (--reuse: DIR already holds a demo database without these campaigns).
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/store.h"
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
	bool reuse = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--reuse"))
			reuse = true;
		else if (!strcmp(argv[i], "--cases") && i + 1 < argc)
			cases = argv[++i];
		else if (!strcmp(argv[i], "--bangfu") && i + 1 < argc)
			bangfu = argv[++i];
		else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
			dir = argv[++i];
		else {
			fprintf(stderr, "usage: bench_draw [--cases N] [--bangfu PATH] [--dir PATH]"
			                " [--reuse]\n");
			return 2;
		}
	}
	if (!reuse) {
		bench_fresh_dir(dir);
		bench_password(dir, "Qd7-wenjian-2026");
		double secs;
		long kb;
		/* demo data goes only into a new file (no init first) */
		const char *demo[] = {"demo", "--cases", cases, NULL};
		if (bench_run(bangfu, dir, "bench", demo, true, &secs, &kb) != 0)
			die("bangfu demo", dir);
		fprintf(stderr, "filled %s files in %.1f s\n", cases, secs);
	}
	bench_password(dir, "demo-admin");
	char db[1100];
	snprintf(db, sizeof db, "%s/bangfu/bangfu.db", dir);
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
		fflush(stdout);
	}
	return 0;
}
