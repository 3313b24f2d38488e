/* bench_import.c — how fast the district imports a large package.
 *
 * Makes one unit's signed package of 10,000 cases (by default) with
 * realistic content (the form, about three members, causes, the checklist,
 * review, publicity and history), then, in fresh district databases:
 *   - imports it with bf_district_import (verification, parsing and all);
 *   - inserts the same rows as the import stores them (dist_unit,
 *     dist_package, dist_case, dist_person: the sealed ID numbers and data,
 *     blind indexes and masks, made beforehand outside the timing) with
 *     plain prepared INSERTs in one transaction, into the same schema;
 * and prints cases per second for each, as the median of the runs, and the
 * ratio (the target is at most 2).
 *
 * Built by `make`, not run by `make check`:
 *   ./tests/bench/bench_import [--cases N] [--runs R] [--dir PATH]
 */
#include "config.h"

#include <jansson.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bangfu/accounts.h"
#include "bangfu/ident.h"
#include "bangfu/vault.h"
#include "bangfu/district_store.h"
#include "bangfu/package.h"
#include "bangfu/store.h"
#include "bangfu/submission_store.h"

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

static void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench_import: %s: %s\n", what, msg);
	exit(1);
}

#include "bench_pkg.h"

/* ---- a fresh district database ------------------------------------------------------ */

/* A new district database at path trusting the unit's key pk; its own
 * public key (which packages are sealed to) in dist_pk. */
static void fresh_db(bf_db *db, const char *path, const uint8_t pk[32], uint8_t dist_pk[32])
{
	unlink(path);
	char side[1100];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	bf_error err = {{0}};
	if (bf_store_open(db, path, BF_DB_CREATE, &err) != 0)
		die(path, err.msg);
	if (bf_vault_new_key(db, &err) != 0)
		die(path, err.msg);
	/* the district's details are the administrator's; the import its staff's */
	bf_store_set_session(db, "bench", BF_ROLE_ADMIN);
	struct bf_unit u = {.name = "某某区总工会", .code = "D01", .district_mode = true};
	if (bf_unit_save(db, &u, &err) != 0)
		die("unit", err.msg);
	bf_store_set_session(db, "bench", BF_ROLE_DISTRICT);
	struct bf_pkg_keyfile k = {.code = "U001", .name = "某某机械有限公司", .kind = "unit"};
	memcpy(k.pk, pk, 32);
	if (bf_key_trust(db, &k, false, &err) != 0)
		die("key", err.msg);
	if (bf_key_public(db, dist_pk, &err) != 0)
		die("key", err.msg);
}

/* ---- plain SQLite, the same rows -------------------------------------------------------- */

struct row {
	const struct bf_pkg_case *c;
	char sha[65];
	/* as stored: sealed (vault.h), blind index, mask; per person too */
	char *id, *data, bidx[33], mask[32];
	char **pid, (*pbidx)[33], (*pmask)[32];
};

static void stored_id(bf_db *db, const char *v, const char *ad, const char *rowkey, char **sealed,
                      char bidx[33], char mask[32])
{
	bf_error err = {{0}};
	free(*sealed);
	*sealed = NULL;
	bidx[0] = mask[0] = '\0';
	if (!v || !v[0])
		return;
	if (bf_vault_seal(db, v, ad, rowkey, sealed, &err) != 0 || bf_vault_bidx(db, v, bidx) != 0)
		die("seal", err.msg);
	bf_mask_id(v, mask, 32);
}

/* The rows as the import stores them, under this database's key (outside
 * the timing: the plain side is SQLite writing those bytes). */
static void seal_rows(bf_db *db, const struct bf_pkg_submission *s, struct row *rows)
{
	bf_error err = {{0}};
	for (size_t i = 0; i < s->n_cases; i++) {
		struct row *r = &rows[i];
		const struct bf_pkg_case *c = r->c;
		char key[128];
		snprintf(key, sizeof key, "%s:%s", s->unit_code, c->number);
		stored_id(db, c->id_number, "dist_case.id_number", key, &r->id, r->bidx, r->mask);
		free(r->data);
		if (bf_vault_seal(db, c->json, "dist_case.data", key, &r->data, &err) != 0)
			die("seal", err.msg);
		if (!r->pid) {
			r->pid = calloc(c->n_people + 1, sizeof *r->pid);
			r->pbidx = calloc(c->n_people + 1, sizeof *r->pbidx);
			r->pmask = calloc(c->n_people + 1, sizeof *r->pmask);
		}
		for (size_t k = 0; k < c->n_people; k++)
			stored_id(db, c->people[k].id_number, "dist_person.id_number", "1",
			          &r->pid[k], r->pbidx[k], r->pmask[k]);
	}
}

static void check(bf_db *db, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE)
		die(what, sqlite3_errmsg(db->h));
}

static void bind_opt(sqlite3_stmt *s, int i, const char *v)
{
	if (v[0])
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static double plain_insert(bf_db *db, const struct bf_pkg_submission *s, const struct row *rows,
                           const char *file_sha, const struct bf_pkg_header *h)
{
	double t0 = now_ms();
	sqlite3 *d = db->h;
	sqlite3_stmt *unit, *pkg, *cs, *ps;
	check(db, sqlite3_exec(d, "BEGIN IMMEDIATE", NULL, NULL, NULL), "begin");
	check(db,
	      sqlite3_prepare_v2(d,
	                         "INSERT INTO dist_package (sha256, unit_code, unit_name, batch,"
	                         " revision, created, cases, signed, public_key, audit_head,"
	                         " audit_rows, content_sha256, reports, imported_at, imported_by)"
	                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, NULL, ?9, ?10, ?11,"
	                         " bf_now(), bf_actor())",
	                         -1, &pkg, NULL),
	      "prepare package");
	sqlite3_bind_text(pkg, 1, file_sha, -1, SQLITE_STATIC);
	sqlite3_bind_text(pkg, 2, s->unit_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(pkg, 3, s->unit_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(pkg, 4, s->batch, -1, SQLITE_STATIC);
	sqlite3_bind_int(pkg, 5, s->revision);
	sqlite3_bind_text(pkg, 6, h->created, -1, SQLITE_STATIC);
	sqlite3_bind_int64(pkg, 7, (sqlite3_int64)s->n_cases);
	sqlite3_bind_blob(pkg, 8, h->public_key, 32, SQLITE_STATIC);
	sqlite3_bind_int64(pkg, 9, h->audit_rows);
	sqlite3_bind_text(pkg, 10, h->content_sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(pkg, 11, s->reports[0].text, -1, SQLITE_STATIC);
	check(db, sqlite3_step(pkg), "insert package");
	sqlite3_int64 pkg_id = sqlite3_last_insert_rowid(d);
	sqlite3_finalize(pkg);
	check(db,
	      sqlite3_prepare_v2(d,
	                         "INSERT INTO dist_unit (code, name, contact, phone, last_package)"
	                         " VALUES (?1, ?2, ?3, ?4, ?5)",
	                         -1, &unit, NULL),
	      "prepare unit");
	sqlite3_bind_text(unit, 1, s->unit_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(unit, 2, s->unit_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(unit, 3, s->contact, -1, SQLITE_STATIC);
	sqlite3_bind_text(unit, 4, s->phone, -1, SQLITE_STATIC);
	sqlite3_bind_int64(unit, 5, pkg_id);
	check(db, sqlite3_step(unit), "insert unit");
	sqlite3_finalize(unit);
	check(db,
	      sqlite3_prepare_v2(
	          d,
	          "INSERT INTO dist_case (package_id, unit_code, batch, number, name,"
	          " id_number, department, employer, category, amount, per_capita,"
	          " household_size, data, data_hash, id_bidx, id_mask) VALUES (?1,"
	          " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
	          -1, &cs, NULL),
	      "prepare case");
	check(
	    db,
	    sqlite3_prepare_v2(d,
	                       "INSERT INTO dist_person (case_id, position, name, relation,"
	                       " id_number, id_bidx, id_mask) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	                       -1, &ps, NULL),
	    "prepare person");
	for (size_t i = 0; i < s->n_cases; i++) {
		const struct bf_pkg_case *c = rows[i].c;
		sqlite3_bind_int64(cs, 1, pkg_id);
		sqlite3_bind_text(cs, 2, s->unit_code, -1, SQLITE_STATIC);
		sqlite3_bind_text(cs, 3, s->batch, -1, SQLITE_STATIC);
		sqlite3_bind_text(cs, 4, c->number, -1, SQLITE_STATIC);
		sqlite3_bind_text(cs, 5, c->name, -1, SQLITE_STATIC);
		bind_opt(cs, 6, rows[i].id ? rows[i].id : "");
		bind_opt(cs, 7, c->department);
		bind_opt(cs, 8, c->employer);
		sqlite3_bind_int(cs, 9, c->category);
		sqlite3_bind_int64(cs, 10, c->amount);
		sqlite3_bind_int64(cs, 11, c->per_capita);
		sqlite3_bind_int(cs, 12, c->household_size);
		sqlite3_bind_text(cs, 13, rows[i].data, -1, SQLITE_STATIC);
		sqlite3_bind_text(cs, 14, rows[i].sha, 64, SQLITE_STATIC);
		bind_opt(cs, 15, rows[i].bidx);
		bind_opt(cs, 16, rows[i].mask);
		check(db, sqlite3_step(cs), "insert case");
		sqlite3_reset(cs);
		sqlite3_int64 case_id = sqlite3_last_insert_rowid(d);
		for (size_t k = 0; k < c->n_people; k++) {
			sqlite3_bind_int64(ps, 1, case_id);
			sqlite3_bind_int64(ps, 2, (sqlite3_int64)k);
			sqlite3_bind_text(ps, 3, c->people[k].name, -1, SQLITE_STATIC);
			sqlite3_bind_text(ps, 4, c->people[k].relation, -1, SQLITE_STATIC);
			bind_opt(ps, 5, rows[i].pid[k] ? rows[i].pid[k] : "");
			bind_opt(ps, 6, rows[i].pbidx[k]);
			bind_opt(ps, 7, rows[i].pmask[k]);
			check(db, sqlite3_step(ps), "insert person");
			sqlite3_reset(ps);
		}
	}
	sqlite3_finalize(cs);
	sqlite3_finalize(ps);
	check(db, sqlite3_exec(d, "COMMIT", NULL, NULL, NULL), "commit");
	return now_ms() - t0;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	unsigned ncases = 10000;
	int runs = 3;
	const char *dir = getenv("TMPDIR") && getenv("TMPDIR")[0] ? getenv("TMPDIR") : "/tmp";
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--cases") && i + 1 < argc)
			ncases = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
			dir = argv[++i];
		else {
			fprintf(stderr,
			        "usage: bench_import [--cases N] [--runs R] [--dir PATH]\n");
			return 2;
		}
	}
	if (ncases == 0 || runs < 1 || runs > 50) {
		fprintf(stderr, "bench_import: --cases must be > 0 and --runs 1 to 50\n");
		return 2;
	}
	uint8_t pk[32], sk[64];
	bf_pkg_keygen(pk, sk);
	char *content = make_content("U001", "某某机械有限公司", 0, ncases);
	bf_error err = {{0}};
	/* the rows for plain SQLite, prepared beforehand (the header as a
	 * package of this content has it) */
	uint8_t to_pk[32];
	bf_pkg_keygen(to_pk, (uint8_t[64]){0});
	size_t len;
	char *pkg = make_package(content, "U001", "某某机械有限公司", ncases, sk, to_pk, &len);
	printf("package: %u cases, %.1f MB\n", ncases, len / 1e6);
	struct bf_pkg_header h;
	const char *sealed;
	size_t sealed_len;
	if (bf_pkg_open(pkg, len, &h, &sealed, &sealed_len, &err) != BF_PKG_OK)
		die("open", err.msg);
	struct bf_pkg_submission s;
	if (bf_pkg_parse_submission(content, strlen(content), &s, &err) != BF_PKG_OK)
		die("parse", err.msg);
	struct row *rows = calloc(s.n_cases, sizeof *rows);
	for (size_t i = 0; i < s.n_cases; i++) {
		rows[i].c = &s.cases[i];
		bf_pkg_case_digest(s.cases[i].json, strlen(s.cases[i].json), rows[i].sha);
	}
	char file_sha[BF_PKG_HASH_HEX];
	bf_pkg_sha256_hex(pkg, len, file_sha);

	char path[1024];
	snprintf(path, sizeof path, "%s/bench_import-%ld.db", dir, (long)getpid());
	/* wall time decides; CPU time is printed beside it, as the machine may
	 * be shared */
	double *ti = calloc((size_t)runs, sizeof *ti), *tp = calloc((size_t)runs, sizeof *tp);
	double *ci = calloc((size_t)runs, sizeof *ci), *cp = calloc((size_t)runs, sizeof *cp);
	for (int r = 0; r < runs; r++) {
		bf_db db;
		uint8_t dist_pk[32];
		fresh_db(&db, path, pk, dist_pk);
		/* sealed to this run's district database (outside the timing) */
		free(pkg);
		pkg = make_package(content, "U001", "某某机械有限公司", ncases, sk, dist_pk, &len);
		struct bf_import_result res;
		double c0 = cpu_ms(), t0 = now_ms();
		if (bf_district_import(&db, pkg, len, &res, &err) != 0)
			die("import", err.msg);
		ti[r] = now_ms() - t0;
		ci[r] = cpu_ms() - c0;
		if (res.n_cases != ncases)
			die("import", "not every case was imported");
		bf_import_result_free(&res);
		bf_db_close(&db);

		fresh_db(&db, path, pk, dist_pk);
		seal_rows(&db, &s, rows);
		c0 = cpu_ms();
		tp[r] = plain_insert(&db, &s, rows, file_sha, &h);
		cp[r] = cpu_ms() - c0;
		bf_db_close(&db);
		printf("run %d: import %.0f ms (CPU %.0f), plain SQLite %.0f ms (CPU %.0f)\n",
		       r + 1, ti[r], ci[r], tp[r], cp[r]);
	}
	qsort(ti, (size_t)runs, sizeof *ti, cmp_double);
	qsort(tp, (size_t)runs, sizeof *tp, cmp_double);
	qsort(ci, (size_t)runs, sizeof *ci, cmp_double);
	qsort(cp, (size_t)runs, sizeof *cp, cmp_double);
	double mi = ti[runs / 2], mp = tp[runs / 2];
	printf("median of %d runs:\n", runs);
	printf("  bf_district_import   %8.0f cases/s  (%.0f ms, CPU %.0f ms)\n",
	       ncases / (mi / 1e3), mi, ci[runs / 2]);
	printf("  plain SQLite inserts %8.0f cases/s  (%.0f ms, CPU %.0f ms)\n",
	       ncases / (mp / 1e3), mp, cp[runs / 2]);
	printf("  ratio %.2f (target <= 2; CPU time ratio %.2f)\n", mi / mp,
	       ci[runs / 2] / cp[runs / 2]);
	for (const char *ext = ""; ext; ext = !*ext                  ? "-wal"
	                                      : !strcmp(ext, "-wal") ? "-shm"
	                                                             : NULL) {
		char p[1100];
		snprintf(p, sizeof p, "%s%s", path, ext);
		unlink(p);
	}
	free(ti);
	free(tp);
	free(ci);
	free(cp);
	free(rows);
	bf_pkg_submission_free(&s);
	free(pkg);
	free(content);
	return mi / mp <= 2.0 ? 0 : 1;
}
