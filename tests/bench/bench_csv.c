/* bench_csv.c — how fast `bangfu case import` takes a large CSV file.
 *
 * For each size (10,000 and 100,000 households by default; --households N,
 * repeatable, for others such as 1,000,000): writes a CSV of that many
 * households (an employee and a spouse, every other one a child too,
 * valid and distinct resident ID numbers), then
 *   - runs the real import (the bangfu program, in a child process, into a
 *     fresh database) and takes its time and peak RSS;
 *   - does the same inserts in plain SQLite: the rows the import stored
 *     (case_file, member, case_cause: sealed ID numbers, blind indexes and
 *     masks as stored, read beforehand outside the timing, a batch at a
 *     time) inserted with plain prepared INSERTs in one transaction into
 *     another fresh database of the same schema (its triggers: the audit
 *     log, one open file per person), each person's blind index looked up
 *     in the index first as the import's duplicate check does;
 * and prints both times, the ratio (target: at most 3) and the peak RSS
 * (target: at most 64 MB at any size); and the plain inserts once more
 * with the schema's triggers dropped (the rows alone, no audit log).
 *
 * Built by `make`, not run by `make check`; run from the build directory:
 *   ./tests/bench/bench_csv [--households N]... [--bangfu PATH] [--dir PATH]
 */
#include "config.h"

#include <fcntl.h>
#include <stdbool.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bangfu/accounts.h"
#include "bangfu/date.h"
#include "bangfu/store.h"
#include "bench_util.h"

/* The seq-th distinct resident ID number: region, a birth date a day
 * apart every 1,000 numbers, the sequence, the check character. */
static void id_for(unsigned seq, char out[19])
{
	char d[11];
	bf_date_format(bf_date_from_ymd(1950, 1, 1) + (bf_date)(seq / 1000), d);
	snprintf(out, 19, "330106%.4s%.2s%.2s%03u", d, d + 5, d + 8, seq % 1000);
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int s = 0;
	for (int i = 0; i < 17; i++)
		s += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[s % 11];
	out[18] = '\0';
}

static void write_csv(const char *path, unsigned n)
{
	FILE *f = fopen(path, "w");
	if (!f)
		die(path, "cannot write");
	fputs("户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明,部门,电话,住址,"
	      "主要致困原因\n",
	      f);
	unsigned seq = 0;
	char id[19];
	for (unsigned h = 1; h <= n; h++) {
		id_for(seq++, id);
		fprintf(f,
		        "H%u,本人,职工%u,%s,已婚,在岗,1200,单位收入证明,第三车间,138%08u,"
		        "\"某某区某某路%u号\",下岗失业\n",
		        h, h, id, h, h % 500);
		id_for(seq++, id);
		fprintf(f, "H%u,配偶,配偶%u,%s,已婚,失业,0,失业证或社区证明,,,,\n", h, h, id);
		if (h % 2) {
			id_for(seq++, id);
			/* a child born after 2008 (seq's date is not: the
			 * household has a student anyway) */
			fprintf(f, "H%u,子女,子女%u,%s,未婚,学生,0,无证明,,,,\n", h, h, id);
		}
	}
	fclose(f);
}

/* A fresh database in dir (bangfu init): its path in db. */
static void fresh(const char *bangfu, const char *dir, char *db, size_t n)
{
	bench_fresh_dir(dir);
	bench_password(dir, "Qd7-wenjian-2026");
	snprintf(db, n, "%s/bangfu/bangfu.db", dir);
	double s;
	long kb;
	const char *init[] = {"init", "--unit", "某某机械有限公司", NULL};
	if (bench_run(bangfu, dir, "bench", init, true, &s, &kb) != 0)
		die("bangfu init", dir);
}

/* Copy table's rows from src to dst with plain prepared INSERTs, a batch
 * read (untimed) then inserted (timed); for member rows the blind index
 * is looked up first. The seconds spent inserting. */
static double copy_cpu; /* CPU seconds spent inserting, as copy_table's wall seconds */

static double copy_table(sqlite3 *src, bf_db *dst, const char *table)
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE rowid > ?1 ORDER BY rowid LIMIT 2000",
	         table);
	sqlite3_stmt *rd, *ins = NULL, *probe = NULL;
	if (sqlite3_prepare_v2(src, sql, -1, &rd, NULL) != SQLITE_OK)
		die(table, sqlite3_errmsg(src));
	int ncol = sqlite3_column_count(rd), bidx_col = -1;
	char isql[4096];
	size_t o = (size_t)snprintf(isql, sizeof isql, "INSERT INTO %s VALUES (", table);
	for (int c = 0; c < ncol; c++) {
		o += (size_t)snprintf(isql + o, sizeof isql - o, c ? ", ?" : "?");
		if (!strcmp(sqlite3_column_name(rd, c), "id_bidx"))
			bidx_col = c;
	}
	snprintf(isql + o, sizeof isql - o, ")");
	if (sqlite3_prepare_v2(dst->h, isql, -1, &ins, NULL) != SQLITE_OK)
		die(table, sqlite3_errmsg(dst->h));
	if (bidx_col >= 0 &&
	    sqlite3_prepare_v2(dst->h, "SELECT count(*) FROM member WHERE id_bidx = ?1", -1, &probe,
	                       NULL) != SQLITE_OK)
		die(table, sqlite3_errmsg(dst->h));
	sqlite3_value **batch = calloc((size_t)ncol * 2000, sizeof *batch);
	sqlite3_int64 last = 0;
	double spent = 0;
	for (;;) {
		size_t n = 0;
		sqlite3_bind_int64(rd, 1, last);
		while (sqlite3_step(rd) == SQLITE_ROW) {
			for (int c = 0; c < ncol; c++)
				batch[n * (size_t)ncol + (size_t)c] =
				    sqlite3_value_dup(sqlite3_column_value(rd, c));
			last = sqlite3_column_int64(rd, 0);
			n++;
		}
		sqlite3_reset(rd);
		if (n == 0)
			break;
		double t0 = now_s(), c0 = cpu_s();
		for (size_t r = 0; r < n; r++) {
			sqlite3_value **v = &batch[r * (size_t)ncol];
			if (probe) {
				sqlite3_bind_value(probe, 1, v[bidx_col]);
				if (sqlite3_step(probe) != SQLITE_ROW ||
				    sqlite3_column_int(probe, 0) != 0)
					die(table, "a person twice");
				sqlite3_reset(probe);
			}
			for (int c = 0; c < ncol; c++)
				sqlite3_bind_value(ins, c + 1, v[c]);
			if (sqlite3_step(ins) != SQLITE_DONE)
				die(table, sqlite3_errmsg(dst->h));
			sqlite3_reset(ins);
		}
		spent += now_s() - t0;
		copy_cpu += cpu_s() - c0;
		for (size_t k = 0; k < n * (size_t)ncol; k++)
			sqlite3_value_free(batch[k]);
	}
	free(batch);
	sqlite3_finalize(rd);
	sqlite3_finalize(ins);
	sqlite3_finalize(probe);
	return spent;
}

/* triggers: keep the schema's (the audit log, its chain, one open file
 * per person), else drop them first (bare inserts of the rows alone). */
static double bare(const char *imported, const char *target, bool triggers)
{
	sqlite3 *src;
	if (sqlite3_open_v2(imported, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die(imported, "cannot open");
	bf_db db;
	bf_error err = {{0}};
	if (bf_store_open(&db, target, 0, &err) != 0)
		die(target, err.msg);
	bf_store_set_session(&db, "bench", BF_ROLE_ADMIN);
	copy_cpu = 0;
	double t0 = now_s(), c0 = cpu_s();
	if (bf_db_begin(&db) != 0)
		die("begin", db.errmsg);
	double spent = now_s() - t0;
	copy_cpu += cpu_s() - c0;
	if (!triggers)
		bench_drop_triggers(db.h); /* untimed */
	/* parents first: the foreign keys */
	spent += copy_table(src, &db, "case_file");
	spent += copy_table(src, &db, "member");
	spent += copy_table(src, &db, "case_cause");
	t0 = now_s();
	c0 = cpu_s();
	if (bf_db_commit(&db) != 0)
		die("commit", db.errmsg);
	spent += now_s() - t0;
	copy_cpu += cpu_s() - c0;
	bf_db_close(&db);
	sqlite3_close(src);
	return spent;
}

int main(int argc, char **argv)
{
	const char *bangfu = "./bangfu", *dir = "/tmp/bench_csv";
	unsigned sizes[8];
	int nsizes = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--households") && i + 1 < argc && nsizes < 8)
			sizes[nsizes++] = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--bangfu") && i + 1 < argc)
			bangfu = argv[++i];
		else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
			dir = argv[++i];
		else {
			fprintf(stderr, "usage: bench_csv [--households N]... [--bangfu PATH] "
			                "[--dir PATH]\n");
			return 2;
		}
	}
	if (nsizes == 0) {
		sizes[nsizes++] = 10000;
		sizes[nsizes++] = 100000;
	}
	mkdir(dir, 0700);
	for (int k = 0; k < nsizes; k++) {
		unsigned n = sizes[k];
		char csv[1100], a[1100], b[1100], dba[1200], dbb[1200];
		snprintf(csv, sizeof csv, "%s/h%u.csv", dir, n);
		snprintf(a, sizeof a, "%s/import", dir);
		snprintf(b, sizeof b, "%s/bare", dir);
		write_csv(csv, n);
		struct stat st;
		stat(csv, &st);
		fresh(bangfu, a, dba, sizeof dba);
		double secs;
		long kb;
		const char *imp[] = {"case", "import", csv, NULL};
		int rc = bench_run(bangfu, a, "bench", imp, false, &secs, &kb);
		double cpu = bench_child_cpu; /* before fresh runs bangfu init */
		if (rc != 0)
			die("bangfu case import", "failed");
		fresh(bangfu, b, dbb, sizeof dbb);
		double plain = bare(dba, dbb, true), plain_cpu = copy_cpu;
		fresh(bangfu, b, dbb, sizeof dbb);
		double rows = bare(dba, dbb, false), rows_cpu = copy_cpu;
		printf("%u households (%.1f MB of CSV): import %.2f s, CPU %.2f s (%.0f µs a "
		       "household), peak RSS %.1f MB; plain SQLite %.2f s, CPU %.2f s (ratio %.2f, "
		       "CPU %.2f); without the schema's triggers %.2f s, CPU %.2f s (ratio %.2f, "
		       "CPU %.2f)\n",
		       n, (double)st.st_size / 1e6, secs, cpu, cpu / n * 1e6, (double)kb / 1024.0,
		       plain, plain_cpu, secs / plain, cpu / plain_cpu, rows, rows_cpu, secs / rows,
		       cpu / rows_cpu);
		fflush(stdout);
	}
	return 0;
}
