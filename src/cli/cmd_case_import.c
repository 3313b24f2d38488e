/* cmd_case_import.c — bangfu case import FILE.csv */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bangfu/case_import.h"
#include "bangfu/cli.h"
#include "bangfu/csv.h"
#include "bangfu/money.h"
#include "bangfu/store.h"

static char *read_file(const char *path, size_t *len, bf_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		bf_error_set(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n < cap)
			break;
		cap *= 2;
		char *g = realloc(buf, cap);
		if (!g) {
			free(buf);
			buf = NULL;
		}
		buf = g;
	}
	if (!buf || ferror(f)) {
		bf_error_set(err, "%s: %s", path, buf ? strerror(errno) : "out of memory");
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Members of household hh already in an open file of the database: each
 * one a problem of imp, or (imp NULL) a line on ctx->err naming path. The
 * number of them. */
static int stored_conflicts(struct bf_ctx *ctx, struct bf_import *imp,
                            const struct bf_import_household *hh, const char *path)
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
			else
				fprintf(
				    ctx->err,
				    _("%s: line %zu: household %s: %s (%s) is already in file %s "
				      "(saved meanwhile by someone else)\n"),
				    path, hh->first_line, hh->key, hh->c.members[m].name, id,
				    conf[k].case_number);
	}
	return found;
}

/* Same ID twice within the file (across households), and IDs already in
 * another open file: one person, one file. */
static void check_duplicates(struct bf_ctx *ctx, struct bf_import *imp)
{
	for (size_t h = 0; h < imp->nhouseholds; h++) {
		struct bf_import_household *hh = &imp->households[h];
		for (size_t m = 0; m < hh->c.n_members; m++) {
			const char *id = hh->c.members[m].id_number;
			if (!id[0])
				continue;
			for (size_t h2 = 0; h2 < h; h2++) {
				struct bf_case *o = &imp->households[h2].c;
				for (size_t m2 = 0; m2 < o->n_members; m2++)
					if (!strcmp(o->members[m2].id_number, id)) {
						bf_import_add_problem(
						    imp, hh->first_line, "id_number",
						    _("household %s: %s (%s) is also in household "
						      "%s of this file"),
						    hh->key, hh->c.members[m].name, id,
						    imp->households[h2].key);
						hh->bad = true;
					}
			}
		}
		if (stored_conflicts(ctx, imp, hh, NULL) != 0)
			hh->bad = true;
	}
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
	size_t len;
	char *raw = read_file(path, &len, &err);
	if (!raw) {
		fprintf(ctx->err, "bangfu case import: %s\n", err.msg);
		return 1;
	}
	enum bf_encoding used;
	size_t tlen;
	char *text = bf_to_utf8_n(raw, len, (enum bf_encoding)enc, &used, &tlen, &err);
	free(raw);
	struct bf_csv csv;
	int rc = text ? bf_csv_parse_n(text, tlen, &csv, &err) : -1;
	free(text);
	if (rc != 0) {
		fprintf(ctx->err, "bangfu case import: %s: %s\n", path, err.msg);
		fprintf(ctx->err, _("bangfu case import: nothing was imported.\n"));
		return 1;
	}
	if (bf_ctx_open_db(ctx, true) != 0) {
		bf_csv_free(&csv);
		return 1;
	}
	int year = 0;
	bf_date_to_ymd(ctx->today, &year, NULL, NULL);
	struct bf_import imp;
	rc = bf_import_build(&csv, year, ctx->today, &imp, &err);
	bf_csv_free(&csv);
	if (rc != 0) {
		fprintf(ctx->err, "bangfu case import: %s: %s\n", path, err.msg);
		return 1;
	}
	check_duplicates(ctx, &imp);

	if (imp.nproblems > 1)
		qsort(imp.problems, imp.nproblems, sizeof *imp.problems, cmp_problem);
	for (size_t i = 0; i < imp.nproblems; i++) {
		const struct bf_import_problem *p = &imp.problems[i];
		if (p->column[0])
			fprintf(ctx->err, _("%s: line %zu, column %s: %s\n"), path, p->line,
			        p->column, p->msg);
		else
			fprintf(ctx->err, _("%s: line %zu: %s\n"), path, p->line, p->msg);
	}
	for (size_t i = 0; i < imp.nwarnings; i++) {
		const struct bf_import_problem *p = &imp.warnings[i];
		fprintf(ctx->err, _("%s: line %zu, column %s: warning: %s (the row is kept)\n"),
		        path, p->line, p->column, p->msg);
	}
	size_t bad = 0;
	for (size_t h = 0; h < imp.nhouseholds; h++)
		bad += imp.households[h].bad;
	if (imp.nproblems && !skip_bad) {
		fprintf(
		    ctx->err,
		    _("bangfu case import: %zu problem(s); nothing was imported. Fix the file, or "
		      "use --skip-bad to import only the %zu good household(s).\n"),
		    imp.nproblems, imp.nhouseholds - bad);
		bf_import_free(&imp);
		return 1;
	}
	if (dry) {
		fprintf(ctx->out,
		        _("%zu household(s) would be imported (dry run; nothing written).\n"),
		        imp.nhouseholds - bad);
		if (imp.nwarnings)
			fprintf(ctx->out, _("%zu warning(s) to look at (see above).\n"),
			        imp.nwarnings);
		bf_import_free(&imp);
		return 0;
	}
	/* One transaction: every household is written, or none. Others who
	 * want to write meanwhile wait, told who holds the lock and for how
	 * long (about 5 ms a household here; the estimate follows the pace). */
	size_t to_write = imp.nhouseholds - bad, done = 0;
	char what[160], count[32];
	bf_money_format((bf_fen)to_write * 100, count, sizeof count); /* "4,000.00" */
	char *dot = strchr(count, '.');
	if (dot)
		*dot = '\0';
	snprintf(what, sizeof what, _("importing %s files"), count);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (bf_db_begin_long(&ctx->db, what, 1.0 + 0.005 * (double)to_write) != 0) {
		bf_db_error(&ctx->db, &err);
		fprintf(ctx->err, "bangfu case import: %s\n", err.msg);
		bf_import_free(&imp);
		return 1;
	}
	bool failed = false;
	for (size_t h = 0; h < imp.nhouseholds && !failed; h++) {
		struct bf_import_household *hh = &imp.households[h];
		if (hh->bad)
			continue;
		/* again under the write lock: another import or screen may have
		 * saved one of these people since the check above (the schema
		 * refuses it too: schema/015_open_person.sql) */
		if (stored_conflicts(ctx, NULL, hh, path) != 0) {
			failed = true;
			break;
		}
		if (bf_case_save(&ctx->db, &hh->c, &err) != 0) {
			fprintf(ctx->err, _("%s: line %zu: household %s: %s\n"), path,
			        hh->first_line, hh->key, err.msg);
			failed = true;
			break;
		}
		if (++done % 250 == 0) {
			struct timespec t;
			clock_gettime(CLOCK_MONOTONIC, &t);
			double spent =
			    (double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9;
			bf_db_long_progress(&ctx->db, spent / (double)done * (double)(to_write - done));
		}
	}
	if (failed || bf_db_commit(&ctx->db) != 0) {
		if (!failed) {
			bf_db_error(&ctx->db, &err);
			fprintf(ctx->err, "bangfu case import: %s\n", err.msg);
		}
		bf_db_rollback(&ctx->db);
		fprintf(ctx->err, _("bangfu case import: nothing was imported.\n"));
		bf_import_free(&imp);
		return 1;
	}
	for (size_t h = 0; h < imp.nhouseholds; h++) {
		struct bf_import_household *hh = &imp.households[h];
		if (!hh->bad)
			fprintf(ctx->out, _("line %zu: household %s → file %s (%s)\n"),
			        hh->first_line, hh->key, hh->c.number, hh->c.members[0].name);
	}
	fprintf(ctx->out, _("Imported %zu household(s) from %s (%s).\n"), done, path,
	        used == BF_ENC_GB18030 ? "GB18030" : "UTF-8");
	if (imp.nwarnings)
		fprintf(ctx->out, _("%zu warning(s) to look at (see above).\n"), imp.nwarnings);
	size_t wanted = imp.nhouseholds - bad;
	bf_import_free(&imp);
	return done == wanted ? 0 : 1;
}
