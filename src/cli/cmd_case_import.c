/* cmd_case_import.c — bangfu case import FILE.csv */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sys/stat.h>

#include "bangfu/case_import.h"
#include "bangfu/cli.h"
#include "bangfu/csv.h"
#include "bangfu/import_index.h"
#include "bangfu/money.h"
#include "bangfu/progress.h"
#include "bangfu/store.h"
#include "bangfu/vault.h"

/* Members of household hh already in an open file of the database: each
 * one a problem of imp, or (imp NULL) a line on ctx->err naming path (the
 * progress line pr erased first). The number of them. */
static int stored_conflicts(struct bf_ctx *ctx, struct bf_import *imp,
                            const struct bf_import_household *hh, const char *path,
                            struct bf_progress *pr)
{
	int found = 0;
	for (size_t m = 0; m < hh->c.n_members; m++) {
		const char *id = hh->c.members[m].id_number;
		struct bf_id_conflict conf[4];
		bf_error err = {{0}};
		int n = id[0] ? bf_case_id_conflicts(&ctx->db, id, 0, conf, 4, &err) : 0;
		for (int k = 0; k < n; k++, found++)
			if (imp)
				bf_import_add_problem(
				    imp, hh->first_line, "id_number",
				    _("household %s: %s (%s) is already in file %s"), hh->key,
				    hh->c.members[m].name, id, conf[k].case_number);
			else {
				bf_progress_end(pr);
				fprintf(
				    ctx->err,
				    _("%s: line %zu: household %s: %s (%s) is already in file %s "
				      "(saved meanwhile by someone else)\n"),
				    path, hh->first_line, hh->key, hh->c.members[m].name, id,
				    conf[k].case_number);
			}
	}
	return found;
}

/* One pass over the file: the rows into households, each handed to fn
 * (with its whole-household checks done) once its last row is in, then
 * forgotten. Households whose rows are apart stay in memory until their
 * last row; one after the other (the usual spreadsheet) only one does. */
struct pass {
	struct bf_ctx *ctx;
	const char *path;
	struct bf_csv_stream cs;
	struct bf_import_index *ix;
	int year;
	/* the validating pass */
	size_t households, bad;
	bool dups_known; /* the people in two households found (else noted) */
	/* the writing pass */
	FILE *done_lines; /* "line → file" lines, printed once committed */
	size_t done, to_write;
	bool failed;
	struct timespec t0;
	struct bf_progress progress;
};

typedef int (*household_fn)(struct pass *p, struct bf_import *imp, struct bf_import_household *hh);

/* Household i of imp has all its rows: checked, handed to fn, forgotten. */
static void household_done(struct pass *p, struct bf_import *imp, household_fn fn, size_t i,
                           bool keep_problems)
{
	bf_import_check_household(imp, &imp->households[i]);
	if (fn(p, imp, &imp->households[i]) != 0)
		p->failed = true;
	bf_import_drop_household(imp, i);
	if (!keep_problems) {
		free(imp->problems);
		free(imp->warnings);
		imp->problems = imp->warnings = NULL;
		imp->nproblems = imp->nwarnings = 0;
	}
}

/* 0 when every household went to fn, -1 on an error (printed). keep_problems:
 * imp gathers the problems for the caller (else they are dropped as each
 * household is done: the writing pass found them all before). fn NULL:
 * the first pass, which only notes where each household's last row is. */
static int each_household(struct pass *p, struct bf_import *imp, household_fn fn,
                          bool keep_problems)
{
	bf_error err = {{0}};
	if (bf_csv_stream_rewind(&p->cs, &err) != 0) {
		fprintf(p->ctx->err, "bangfu case import: %s: %s\n", p->path, err.msg);
		return -1;
	}
	struct bf_csv chunk;
	bool started = false;
	int rc;
	while ((rc = bf_csv_stream_next(&p->cs, &chunk, &err)) == 1) {
		size_t r = 0;
		if (!started) {
			if (bf_import_start(imp, &p->cs.header, p->year, p->ctx->today, &err) !=
			    0) {
				bf_csv_free(&chunk);
				fprintf(p->ctx->err, "bangfu case import: %s: %s\n", p->path,
				        err.msg);
				return -1;
			}
			started = true;
			r = 1;
		}
		for (; r < chunk.nrows && !p->failed; r++) {
			const struct bf_csv_row *row = &chunk.rows[r];
			const char *key = bf_import_row_key(imp, row);
			if (!fn) {
				if (key[0] &&
				    bf_import_index_row(p->ix, key, row->line, &err) != 0) {
					fprintf(p->ctx->err, "bangfu case import: %s\n", err.msg);
					p->failed = true;
				}
				continue;
			}
			int i = bf_import_add_row(imp, row, &err);
			if (i == -2) {
				bf_csv_free(&chunk);
				fprintf(p->ctx->err, "bangfu case import: %s\n", err.msg);
				return -1;
			}
			if (i < 0)
				continue;
			struct bf_import_household *hh = &imp->households[i];
			if (!hh->last_line)
				hh->last_line = bf_import_index_last_line(p->ix, hh->key);
			if (row->line >= hh->last_line)
				household_done(p, imp, fn, (size_t)i, keep_problems);
		}
		bf_csv_free(&chunk);
	}
	/* households whose last row was refused (an unknown relation): done
	 * at the end, in the order they began */
	while (rc == 0 && fn && imp->nhouseholds > 0 && !p->failed)
		household_done(p, imp, fn, 0, keep_problems);
	if (rc < 0) {
		fprintf(p->ctx->err, "bangfu case import: %s: %s\n", p->path, err.msg);
		return -1;
	}
	if (!started) {
		fprintf(p->ctx->err, "bangfu case import: %s: %s\n", p->path,
		        _("the file is empty: the first row must name the columns"));
		return -1;
	}
	return p->failed ? -1 : 0;
}

/* The second pass: the same person twice within the file (across
 * households: the household first seen with them keeps them), and people
 * already in another open file: one person, one file. Each person is
 * noted; if the notes, sorted once at the end, show someone in two
 * households, the pass runs again to name them (p->dups_known). */
static int check_household(struct pass *p, struct bf_import *imp, struct bf_import_household *hh)
{
	bf_error err = {{0}};
	for (size_t m = 0; m < hh->c.n_members; m++) {
		const char *id = hh->c.members[m].id_number;
		char bidx[33], other[64];
		if (!id[0])
			continue;
		if (bf_vault_bidx(&p->ctx->db, id, bidx) != 0) {
			fprintf(p->ctx->err, "bangfu case import: %s\n",
			        _("the database's key is not open"));
			return -1;
		}
		if (!p->dups_known) {
			if (bf_import_index_seen(p->ix, bidx, hh->key, &err) != 0) {
				fprintf(p->ctx->err, "bangfu case import: %s\n", err.msg);
				return -1;
			}
		} else if (bf_import_index_owner(p->ix, bidx, other, sizeof other) &&
		           strcmp(other, hh->key) != 0) {
			bf_import_add_problem(imp, hh->first_line, "id_number",
			                      _("household %s: %s (%s) is also in household "
			                        "%s of this file"),
			                      hh->key, hh->c.members[m].name, id, other);
			hh->bad = true;
		}
	}
	if (stored_conflicts(p->ctx, imp, hh, NULL, NULL) != 0)
		hh->bad = true;
	p->households++;
	p->bad += hh->bad;
	bf_progress_update(&p->progress, p->households);
	return 0;
}

/* The third pass, under the write lock: the good households saved. */
static int write_household(struct pass *p, struct bf_import *imp, struct bf_import_household *hh)
{
	(void)imp;
	if (hh->bad)
		return 0;
	for (size_t m = 0; m < hh->c.n_members; m++) {
		char bidx[33], owner[64];
		const char *id = hh->c.members[m].id_number;
		if (id[0] && bf_vault_bidx(&p->ctx->db, id, bidx) == 0 &&
		    bf_import_index_owner(p->ix, bidx, owner, sizeof owner) &&
		    strcmp(owner, hh->key) != 0)
			return 0; /* also in an earlier household: left out */
	}
	/* again under the write lock: another import or screen may have
	 * saved one of these people since the check above (the schema
	 * refuses it too: schema/015_open_person.sql) */
	if (stored_conflicts(p->ctx, NULL, hh, p->path, &p->progress) != 0)
		return -1;
	bf_error err = {{0}};
	if (bf_case_save(&p->ctx->db, &hh->c, &err) != 0) {
		bf_progress_end(&p->progress);
		fprintf(p->ctx->err, _("%s: line %zu: household %s: %s\n"), p->path, hh->first_line,
		        hh->key, err.msg);
		return -1;
	}
	fprintf(p->done_lines, _("line %zu: household %s → file %s (%s)\n"), hh->first_line,
	        hh->key, hh->c.number, hh->c.members[0].name);
	bf_progress_update(&p->progress, ++p->done);
	if (p->done % 250 == 0) {
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		double spent =
		    (double)(t.tv_sec - p->t0.tv_sec) + (double)(t.tv_nsec - p->t0.tv_nsec) / 1e9;
		bf_db_long_progress(&p->ctx->db,
		                    spent / (double)p->done * (double)(p->to_write - p->done));
	}
	return 0;
}

static int cmp_problem(const void *a, const void *b)
{
	const struct bf_import_problem *x = a, *y = b;
	return x->line < y->line ? -1 : x->line > y->line;
}

int bf_cmd_case_import(struct bf_ctx *ctx, int argc, char **argv)
{
	if (bf_arg_flag(argc, argv, "--columns")) {
		size_t n;
		const struct bf_import_column_info *ci = bf_import_columns(&n);
		fprintf(
		    ctx->out,
		    _("Columns of a case import file (header row; English or Chinese names):\n"));
		for (size_t i = 0; i < n; i++) {
			fputs("  ", ctx->out);
			bf_put_col(ctx->out, ci[i].code, 20);
			bf_put_col(ctx->out, ci[i].zh, 14);
			fprintf(ctx->out, "%s%s\n", _(ci[i].help),
			        ci[i].household ? _(" [employee's row]") : "");
		}
		return 0;
	}
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--encoding")) {
			i++;
			continue;
		}
		if (argv[i][0] != '-' && !path)
			path = argv[i];
	}
	if (!path) {
		fprintf(ctx->err, _("Usage: bangfu case import FILE.csv [--encoding utf-8|gb18030] "
		                    "[--dry-run] [--skip-bad]\n"));
		return 2;
	}
	const char *encname = bf_arg_value(argc, argv, "--encoding");
	int enc = bf_encoding_parse(encname);
	if (enc < 0) {
		fprintf(ctx->err,
		        _("bangfu case import: --encoding takes utf-8 or gb18030, not \"%s\"\n"),
		        encname);
		return 2;
	}
	bool dry = bf_arg_flag(argc, argv, "--dry-run");
	bool skip_bad = bf_arg_flag(argc, argv, "--skip-bad");

	bf_error err = {{0}};
	struct pass p = {.ctx = ctx, .path = path};
	bf_date_to_ymd(ctx->today, &p.year, NULL, NULL);
	/* Three passes over the file, so memory stays flat in its size: where
	 * each household ends; every check (nothing written); then, if all is
	 * well (or --skip-bad), the writing, in one transaction: all or
	 * nothing. The look-ups go through indexes in a temporary file. */
	if (bf_csv_stream_open(&p.cs, path, (enum bf_encoding)enc, &err) != 0) {
		fprintf(ctx->err, "bangfu case import: %s: %s\n", path, err.msg);
		fprintf(ctx->err, _("bangfu case import: nothing was imported.\n"));
		return 1;
	}
	struct stat before;
	int rc = 1;
	struct bf_import imp = {0};
	if (fstat(fileno(p.cs.f), &before) != 0 || bf_import_index_open(&p.ix, &err) != 0) {
		fprintf(ctx->err, "bangfu case import: %s: %s\n", path,
		        err.msg[0] ? err.msg : strerror(errno));
		goto out;
	}
	if (each_household(&p, &imp, NULL, false) != 0) {
		fprintf(ctx->err, _("bangfu case import: nothing was imported.\n"));
		goto out;
	}
	bf_import_free(&imp);
	if (bf_ctx_open_db(ctx, true) != 0)
		goto out;
	fflush(ctx->err);
	bf_progress_start(&p.progress, stderr, _("Checking"), 0);
	int checked = each_household(&p, &imp, check_household, true);
	bf_progress_end(&p.progress);
	size_t ndups = 0;
	if (checked == 0 && bf_import_index_dups(p.ix, &ndups, &err) != 0) {
		fprintf(ctx->err, "bangfu case import: %s\n", err.msg);
		checked = -1;
	}
	if (checked == 0 && ndups > 0) { /* again, naming who is in two households */
		bf_import_free(&imp);
		p.households = p.bad = 0;
		p.dups_known = true;
		bf_progress_start(&p.progress, stderr, _("Checking"), 0);
		checked = each_household(&p, &imp, check_household, true);
		bf_progress_end(&p.progress);
	}
	if (checked != 0)
		goto out;

	if (imp.nproblems > 1)
		qsort(imp.problems, imp.nproblems, sizeof *imp.problems, cmp_problem);
	for (size_t i = 0; i < imp.nproblems; i++) {
		const struct bf_import_problem *q = &imp.problems[i];
		if (q->column[0])
			fprintf(ctx->err, _("%s: line %zu, column %s: %s\n"), path, q->line,
			        q->column, q->msg);
		else
			fprintf(ctx->err, _("%s: line %zu: %s\n"), path, q->line, q->msg);
	}
	for (size_t i = 0; i < imp.nwarnings; i++) {
		const struct bf_import_problem *q = &imp.warnings[i];
		fprintf(ctx->err, _("%s: line %zu, column %s: warning: %s (the row is kept)\n"),
		        path, q->line, q->column, q->msg);
	}
	if (imp.nproblems && !skip_bad) {
		fprintf(
		    ctx->err,
		    _("bangfu case import: %zu problem(s); nothing was imported. Fix the file, or "
		      "use --skip-bad to import only the %zu good household(s).\n"),
		    imp.nproblems, p.households - p.bad);
		goto out;
	}
	if (dry) {
		fprintf(ctx->out,
		        _("%zu household(s) would be imported (dry run; nothing written).\n"),
		        p.households - p.bad);
		if (imp.nwarnings)
			fprintf(ctx->out, _("%zu warning(s) to look at (see above).\n"),
			        imp.nwarnings);
		rc = 0;
		goto out;
	}
	size_t nwarnings = imp.nwarnings;
	bf_import_free(&imp);
	/* One transaction: every household is written, or none. Others who
	 * want to write meanwhile wait, told who holds the lock and for how
	 * long (about 5 ms a household here; the estimate follows the pace). */
	p.to_write = p.households - p.bad;
	p.done_lines = tmpfile();
	if (!p.done_lines) {
		fprintf(ctx->err, "bangfu case import: %s\n", strerror(errno));
		goto out;
	}
	char what[160], count[32];
	bf_money_format((bf_fen)p.to_write * 100, count, sizeof count); /* "4,000.00" */
	char *dot = strchr(count, '.');
	if (dot)
		*dot = '\0';
	snprintf(what, sizeof what, _("importing %s files"), count);
	clock_gettime(CLOCK_MONOTONIC, &p.t0);
	if (bf_db_begin_long(&ctx->db, what, 1.0 + 0.005 * (double)p.to_write) != 0) {
		bf_db_error(&ctx->db, &err);
		fprintf(ctx->err, "bangfu case import: %s\n", err.msg);
		goto out;
	}
	fflush(ctx->err);
	bf_progress_start(&p.progress, stderr, _("Importing"), p.to_write);
	bool failed = each_household(&p, &imp, write_household, false) != 0;
	bf_progress_end(&p.progress);
	struct stat after;
	if (!failed && (fstat(fileno(p.cs.f), &after) != 0 || after.st_size != before.st_size ||
	                after.st_mtim.tv_sec != before.st_mtim.tv_sec ||
	                after.st_mtim.tv_nsec != before.st_mtim.tv_nsec || p.done != p.to_write)) {
		fprintf(ctx->err, _("bangfu case import: %s changed while it was read\n"), path);
		failed = true;
	}
	/* the planner's statistics of the tables that grew, in the same
	 * transaction (a refused import leaves them as they were) */
	static const char *const grown[] = {"case_file", "member", "case_cause"};
	if (failed || bf_db_analyze(&ctx->db, grown, BF_ARRAY_LEN(grown)) != 0 ||
	    bf_db_commit(&ctx->db) != 0) {
		if (!failed) {
			bf_db_error(&ctx->db, &err);
			fprintf(ctx->err, "bangfu case import: %s\n", err.msg);
		}
		bf_db_rollback(&ctx->db);
		fprintf(ctx->err, _("bangfu case import: nothing was imported.\n"));
		goto out;
	}
	rewind(p.done_lines);
	char buf[4096];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, p.done_lines)) > 0)
		fwrite(buf, 1, got, ctx->out);
	fprintf(ctx->out, _("Imported %zu household(s) from %s (%s).\n"), p.done, path,
	        p.cs.enc == BF_ENC_GB18030 ? "GB18030" : "UTF-8");
	if (nwarnings)
		fprintf(ctx->out, _("%zu warning(s) to look at (see above).\n"), nwarnings);
	rc = 0;
out:
	bf_import_free(&imp);
	if (p.done_lines)
		fclose(p.done_lines);
	bf_import_index_close(p.ix);
	bf_csv_stream_close(&p.cs);
	return rc;
}
