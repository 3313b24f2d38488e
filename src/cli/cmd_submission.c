/* cmd_submission.c — the submission to the district union (报送) on the
 * command line:
 *   bangfu batch new [NUMBER...] [--note T]   a batch of files that passed the
 *                                             publicity (all waiting without numbers)
 *   bangfu batch list [--json] | show BATCH [--json]
 *   bangfu batch add|remove BATCH NUMBER...
 *   bangfu batch export BATCH --out DIR       the sealed, signed package and attachment 2
 *         [--restored-from-backup]            the header says the database was restored
 *   bangfu reply import FILE                  the district's decisions
 *   bangfu deadline show | set "YYYY-MM-DD HH:MM" | clear */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bangfu/accounts.h"
#include "bangfu/cli.h"
#include "bangfu/clock.h"
#include "bangfu/code.h"
#include "bangfu/ident.h"
#include "bangfu/jsonw.h"
#include "bangfu/money.h"
#include "bangfu/print.h"
#include "bangfu/store.h"
#include "bangfu/submission.h"
#include "bangfu/submission_export.h"
#include "bangfu/submission_store.h"
#include "bangfu/workflow.h"

static const char *const value_opts[] = {"--note", "--out", NULL};

/* The k-th (0-based) positional argument after argv[0] (the subcommand). */
static const char *positional(int argc, char **argv, int k)
{
	return bf_arg_positional(argc, argv, k, value_opts);
}

static void usage_batch(struct bf_ctx *ctx)
{
	fprintf(ctx->err, "%s",
	        _("Usage: bangfu batch new [NUMBER...] [--note TEXT]\n"
	          "       bangfu batch list [--json]\n"
	          "       bangfu batch show BATCH [--json]\n"
	          "       bangfu batch add BATCH NUMBER...\n"
	          "       bangfu batch remove BATCH NUMBER...\n"
	          "       bangfu batch export BATCH --out DIR [--restored-from-backup]\n"));
}

static int report(struct bf_ctx *ctx, const char *cmd, int rc, const bf_error *err)
{
	if (rc != 0)
		fprintf(ctx->err, "bangfu %s: %s\n", cmd, err->msg);
	return rc == 0 ? 0 : 1;
}

static int open_db(struct bf_ctx *ctx)
{
	return bf_ctx_open_db(ctx, false) != 0 ? 1 : 0;
}

/* Look up file numbers into *ids (malloc'd); 0, or 1 with the message printed. */
static int lookup_numbers(struct bf_ctx *ctx, const char *cmd, int argc, char **argv, int from,
                          int64_t **ids, size_t *n)
{
	*ids = calloc((size_t)argc + 1, sizeof **ids);
	*n = 0;
	if (!*ids) {
		fprintf(ctx->err, "bangfu %s: %s\n", cmd, _("out of memory"));
		return 1;
	}
	for (const char *num; (num = positional(argc, argv, from + (int)*n));) {
		bf_error err = {{0}};
		int rc = bf_case_lookup(&ctx->db, num, &(*ids)[*n], &err);
		if (rc > 0) {
			fprintf(ctx->err, _("bangfu %s: there is no file %s\n"), cmd, num);
			free(*ids);
			*ids = NULL;
			return 1;
		}
		if (rc < 0) {
			free(*ids);
			*ids = NULL;
			return report(ctx, cmd, rc, &err);
		}
		(*n)++;
	}
	return 0;
}

static int load_batch(struct bf_ctx *ctx, const char *cmd, const char *arg, struct bf_batch *b)
{
	if (!arg) {
		usage_batch(ctx);
		return 2;
	}
	bf_error err = {{0}};
	return report(ctx, cmd, bf_batch_load(&ctx->db, 0, arg, b, &err), &err);
}

static const char *status_label(const char *status)
{
	return !strcmp(status, "exported") ? _("exported") : _("open");
}

/* ---- new / add / remove ------------------------------------------------------------------ */

static int cmd_new(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *note = bf_arg_value(argc, argv, "--note");
	if (open_db(ctx) != 0)
		return 1;
	int64_t *ids;
	size_t n;
	if (lookup_numbers(ctx, "batch new", argc, argv, 0, &ids, &n) != 0)
		return 1;
	bf_error err = {{0}};
	int64_t id = 0;
	int rc = report(ctx, "batch new", bf_batch_create(&ctx->db, ids, n, note, &id, &err), &err);
	free(ids);
	if (rc != 0)
		return rc;
	struct bf_batch b;
	if (bf_batch_load(&ctx->db, id, NULL, &b, &err) != 0)
		return report(ctx, "batch new", 1, &err);
	char money[32];
	bf_money_format(b.total, money, sizeof money);
	fprintf(ctx->out,
	        ngettext("Batch %s: %zu file, %s yuan proposed\n",
	                 "Batch %s: %zu files, %s yuan proposed\n", b.n_cases),
	        b.number, b.n_cases, money);
	return 0;
}

static int cmd_add_remove(struct bf_ctx *ctx, int argc, char **argv, bool add)
{
	const char *cmd = add ? "batch add" : "batch remove";
	if (!positional(argc, argv, 0) || !positional(argc, argv, 1)) {
		usage_batch(ctx);
		return 2;
	}
	if (open_db(ctx) != 0)
		return 1;
	struct bf_batch b;
	int rc = load_batch(ctx, cmd, positional(argc, argv, 0), &b);
	if (rc != 0)
		return rc;
	int64_t *ids;
	size_t n;
	if (lookup_numbers(ctx, cmd, argc, argv, 1, &ids, &n) != 0)
		return 1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		bf_error err = {{0}};
		rc = report(ctx, cmd,
		            add ? bf_batch_add(&ctx->db, b.id, ids[i], &err)
		                : bf_batch_remove(&ctx->db, b.id, ids[i], &err),
		            &err);
		if (rc == 0)
			fprintf(ctx->out,
			        add ? _("Added %s to batch %s\n") : _("Took %s out of batch %s\n"),
			        positional(argc, argv, 1 + (int)i), b.number);
	}
	free(ids);
	return rc;
}

/* ---- list / show ------------------------------------------------------------------------- */

static void json_batch(struct bf_json *j, const struct bf_batch *b)
{
	bf_json_object(j, NULL);
	bf_json_str(j, "number", b->number);
	bf_json_int(j, "revision", b->revision);
	bf_json_str(j, "status", b->status);
	bf_json_str(j, "note", b->note[0] ? b->note : NULL);
	bf_json_str(j, "created_at", b->created_at);
	bf_json_str(j, "created_by", b->created_by);
	bf_json_str(j, "exported_at", b->exported_at[0] ? b->exported_at : NULL);
	bf_json_str(j, "exported_by", b->exported_by[0] ? b->exported_by : NULL);
	bf_json_str(j, "package_sha256", b->package_sha256[0] ? b->package_sha256 : NULL);
	bf_json_int(j, "cases", (int64_t)b->n_cases);
	bf_json_int(j, "total_fen", b->total);
}

static int cmd_list(struct bf_ctx *ctx, int argc, char **argv)
{
	bool json = bf_arg_flag(argc, argv, "--json");
	if (open_db(ctx) != 0)
		return 1;
	struct bf_batch *bs;
	size_t n;
	bf_error err = {{0}};
	if (bf_batch_list(&ctx->db, &bs, &n, &err) != 0)
		return report(ctx, "batch list", -1, &err);
	if (json) {
		struct bf_json j;
		bf_json_init(&j, ctx->out, true);
		bf_json_array(&j, NULL);
		for (size_t i = 0; i < n; i++) {
			json_batch(&j, &bs[i]);
			bf_json_object_end(&j);
		}
		bf_json_array_end(&j);
		bf_json_finish(&j);
		free(bs);
		return 0;
	}
	if (n == 0)
		fprintf(ctx->out, "%s\n", _("No batches yet."));
	for (size_t i = 0; i < n; i++) {
		char buf[64], money[32];
		bf_put_col(ctx->out, bs[i].number, 10);
		bf_put_col(ctx->out, status_label(bs[i].status), 12);
		snprintf(buf, sizeof buf, _("revision %d"), bs[i].revision);
		bf_put_col(ctx->out, bs[i].revision ? buf : "", 14);
		snprintf(buf, sizeof buf, ngettext("%zu file", "%zu files", bs[i].n_cases),
		         bs[i].n_cases);
		bf_put_col(ctx->out, buf, 12);
		bf_money_format(bs[i].total, money, sizeof money);
		bf_put_col_right(ctx->out, money, 14);
		if (bs[i].note[0])
			fprintf(ctx->out, "  %s", bs[i].note);
		fputc('\n', ctx->out);
	}
	free(bs);
	return 0;
}

static int cmd_show(struct bf_ctx *ctx, int argc, char **argv)
{
	bool json = bf_arg_flag(argc, argv, "--json");
	if (open_db(ctx) != 0)
		return 1;
	struct bf_batch b;
	int rc = load_batch(ctx, "batch show", positional(argc, argv, 0), &b);
	if (rc != 0)
		return rc;
	struct bf_batch_case *cs;
	size_t n;
	bf_error err = {{0}};
	if (bf_batch_cases(&ctx->db, b.id, &cs, &n, &err) != 0)
		return report(ctx, "batch show", -1, &err);
	if (json) {
		struct bf_json j;
		bf_json_init(&j, ctx->out, true);
		json_batch(&j, &b);
		bf_json_array(&j, "files");
		for (size_t i = 0; i < n; i++) {
			char id[40];
			bf_mask_id(cs[i].id_number, id, sizeof id);
			bf_json_object(&j, NULL);
			bf_json_str(&j, "number", cs[i].number);
			bf_json_str(&j, "name", cs[i].name);
			bf_json_str(&j, "id_number", id);
			bf_json_str(&j, "department", cs[i].department);
			bf_json_str(&j, "status", cs[i].status);
			bf_json_int(&j, "category", cs[i].category);
			bf_json_int(&j, "amount_fen", cs[i].amount);
			bf_json_object_end(&j);
		}
		bf_json_array_end(&j);
		bf_json_object_end(&j);
		bf_json_finish(&j);
		free(cs);
		return 0;
	}
	char money[32];
	fprintf(ctx->out, _("Batch %s: %s\n"), b.number, status_label(b.status));
	if (b.note[0])
		fprintf(ctx->out, _("Note:     %s\n"), b.note);
	fprintf(ctx->out, _("Created:  %s by %s\n"), b.created_at, b.created_by);
	if (b.revision > 0)
		fprintf(ctx->out, _("Exported: revision %d, %s by %s\n"), b.revision, b.exported_at,
		        b.exported_by);
	if (b.package_sha256[0])
		fprintf(ctx->out, _("Package:  SHA-256 %s\n"), b.package_sha256);
	bf_money_format(b.total, money, sizeof money);
	fprintf(
	    ctx->out,
	    ngettext("%zu file, %s yuan proposed\n", "%zu files, %s yuan proposed\n", b.n_cases),
	    b.n_cases, money);
	for (size_t i = 0; i < n; i++) {
		char id[40];
		bf_mask_id(cs[i].id_number, id, sizeof id);
		bf_money_format(cs[i].amount, money, sizeof money);
		fprintf(ctx->out, "  ");
		bf_put_col(ctx->out, cs[i].number, 12);
		bf_put_col(ctx->out, cs[i].name, 10);
		bf_put_col(ctx->out, id, 20);
		bf_put_col(ctx->out, bf_category_zh(cs[i].category), 8);
		bf_put_col_right(ctx->out, money, 12);
		fprintf(ctx->out, "  %s", bf_state_label_of(cs[i].status));
		/* what the district decided, once its reply is in */
		struct bf_case_decision d;
		if (bf_case_district_decision(&ctx->db, cs[i].case_id, &d, &err) == 0) {
			if (!strcmp(d.decision, "accept")) {
				bf_money_format(d.amount, money, sizeof money);
				fprintf(ctx->out, _(" (the district: %s yuan)"), money);
			} else {
				fprintf(ctx->out, _(" (the district: back to “%s”: %s)"),
				        bf_state_label_of(d.back_to), d.reason);
			}
		}
		fputc('\n', ctx->out);
	}
	free(cs);
	return 0;
}

/* ---- export ------------------------------------------------------------------------------ */

static int cmd_export(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *dir = bf_arg_value(argc, argv, "--out");
	if (!dir || !positional(argc, argv, 0)) {
		usage_batch(ctx);
		return 2;
	}
	if (open_db(ctx) != 0)
		return 1;
	struct bf_batch b;
	int rc = load_batch(ctx, "batch export", positional(argc, argv, 0), &b);
	if (rc != 0)
		return rc;
	struct bf_unit u;
	bf_error err = {{0}};
	if (bf_unit_load(&ctx->db, &u, &err) != 0)
		return report(ctx, "batch export", -1, &err);
	/* the files' names are made of these */
	if (!bf_code_ok(u.code, _("Unit code"), &err) ||
	    !bf_code_ok(b.number, _("Batch number"), &err))
		return report(ctx, "batch export", 1, &err);
	/* a folder made here goes again when the export is refused: a refusal
	 * leaves nothing behind */
	bool made = mkdir(dir, 0700) == 0;
	if (!made && errno != EEXIST) {
		fprintf(ctx->err, _("bangfu batch export: cannot make the folder %s: %s\n"), dir,
		        strerror(errno));
		return 1;
	}
	char base[1200], pkg[1300], pdf[1300];
	snprintf(base, sizeof base, "%s/%s-%s-r%d", dir, u.code, b.number, b.revision + 1);
	snprintf(pkg, sizeof pkg, "%s.bfpkg", base);
	snprintf(pdf, sizeof pdf, "%s.pdf", base);
	bool restored = bf_arg_flag(argc, argv, "--restored-from-backup");
	struct bf_pkg_header h;
	struct bf_progress pr;
	fflush(ctx->err);
	bf_progress_start(&pr, stderr, _("Exporting the batch (files checked, packed)"), 0);
	int xrc = bf_submission_export_progress(&ctx->db, b.id, pkg, pdf,
	                                        (ctx->force ? BF_OUTFILE_FORCE : 0) |
	                                            (restored ? BF_SUBMISSION_RESTORED : 0),
	                                        &h, bf_progress_cb, &pr, &err);
	bf_progress_end(&pr);
	rc = report(ctx, "batch export", xrc, &err);
	if (rc != 0) {
		if (made)
			rmdir(dir);
		return rc;
	}
	char fp[24], to[24];
	bf_pkg_fingerprint(h.public_key, fp);
	bf_pkg_fingerprint(h.sealed_to, to);
	fprintf(ctx->out,
	        ngettext("Batch %s revision %d exported: %lld file, signed with key %s\n",
	                 "Batch %s revision %d exported: %lld files, signed with key %s\n",
	                 (unsigned long)h.cases),
	        h.batch, h.revision, (long long)h.cases, fp);
	if (h.restored)
		fprintf(ctx->out, "%s\n",
		        _("The package says this database was restored from a backup: the district "
		          "sees it, accepts it with a warning and keeps its head from now on."));
	fprintf(ctx->out, _("Package:      %s\n"), pkg);
	fprintf(ctx->out, _("Attachment 2: %s\n"), pdf);
	fprintf(ctx->out,
	        _("The package's files are sealed to the district union %s (key %s): only its "
	          "database opens them, and it makes attachment 1 (the table with full ID, bank "
	          "and phone numbers) from the package. Nothing on the stick shows a full "
	          "number.\n"),
	        h.to_name, to);
	return 0;
}

int bf_cmd_batch(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "";
	int n = argc - 1;
	char **v = argv + 1;
	if (!strcmp(sub, "new"))
		return cmd_new(ctx, n, v);
	if (!strcmp(sub, "list"))
		return cmd_list(ctx, n, v);
	if (!strcmp(sub, "show"))
		return cmd_show(ctx, n, v);
	if (!strcmp(sub, "add"))
		return cmd_add_remove(ctx, n, v, true);
	if (!strcmp(sub, "remove"))
		return cmd_add_remove(ctx, n, v, false);
	if (!strcmp(sub, "export"))
		return cmd_export(ctx, n, v);
	usage_batch(ctx);
	return 2;
}

/* ---- reply ------------------------------------------------------------------------------- */

int bf_cmd_reply(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "";
	const char *file = argc >= 3 ? argv[2] : NULL;
	if (strcmp(sub, "import") != 0 || !file || argc > 3) {
		fprintf(ctx->err, "%s", _("Usage: bangfu reply import FILE\n"));
		return 2;
	}
	if (open_db(ctx) != 0)
		return 1;
	char *buf = NULL;
	size_t len = 0;
	bf_error err = {{0}};
	if (bf_pkg_read_file(file, &buf, &len, &err) != 0)
		return report(ctx, "reply import", -1, &err);
	struct bf_reply_result *r = malloc(sizeof *r);
	if (!r) {
		free(buf);
		fprintf(ctx->err, "bangfu reply import: %s\n", _("out of memory"));
		return 1;
	}
	int rc = report(ctx, "reply import", bf_reply_import(&ctx->db, buf, len, r, &err), &err);
	free(buf);
	if (rc == 0) {
		fputs(r->lines, ctx->out);
		if (!r->already)
			fprintf(ctx->out, _("Accepted: %zu, returned: %zu, unchanged: %zu\n"),
			        r->accepted, r->returned, r->unchanged);
	}
	free(r);
	return rc;
}

/* ---- deadline ---------------------------------------------------------------------------- */

static int deadline_show(struct bf_ctx *ctx)
{
	char text[64];
	bf_setting_text(&ctx->db, BF_DEADLINE_SETTING, "", text, sizeof text);
	if (!text[0]) {
		fprintf(ctx->out, "%s\n", _("No submission deadline is set."));
		return 0;
	}
	struct bf_deadline d;
	char msg[256];
	if (!bf_deadline_parse(text, &d, msg, sizeof msg)) {
		fprintf(ctx->err, _("bangfu deadline: the stored deadline is wrong: %s\n"), msg);
		return 1;
	}
	struct bf_calendar cal;
	bf_error err = {{0}};
	if (bf_calendar_load(&ctx->db, &cal, &err) != 0)
		return report(ctx, "deadline", -1, &err);
	struct bf_deadline_status s;
	bf_deadline_status(&d, ctx->today, bf_clock_now_minutes(), &cal, &s);
	bf_calendar_free(&cal);
	char line[512];
	bf_deadline_describe(&d, &s, line, sizeof line);
	fprintf(ctx->out, "%s\n", line);
	return 0;
}

int bf_cmd_deadline(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "show";
	bool set = !strcmp(sub, "set"), clear = !strcmp(sub, "clear");
	if ((!set && !clear && strcmp(sub, "show") != 0) || (set && argc != 3) ||
	    (!set && argc > 2)) {
		fprintf(ctx->err, "%s",
		        _("Usage: bangfu deadline show\n"
		          "       bangfu deadline set \"YYYY-MM-DD HH:MM\"\n"
		          "       bangfu deadline clear\n"));
		return 2;
	}
	struct bf_deadline d;
	char value[24] = "";
	if (set) {
		char msg[256];
		if (!bf_deadline_parse(argv[2], &d, msg, sizeof msg)) {
			fprintf(ctx->err, "bangfu deadline set: %s\n", msg);
			return 2;
		}
		bf_deadline_format(&d, value);
	}
	if (open_db(ctx) != 0)
		return 1;
	if (!set && !clear)
		return deadline_show(ctx);
	bf_error err = {{0}};
	if (bf_store_require(&ctx->db, BF_PERM_SETTINGS, &err) != 0)
		return report(ctx, "deadline", 1, &err);
	int rc =
	    report(ctx, "deadline",
	           bf_setting_set(&ctx->db, BF_DEADLINE_SETTING, set ? value : NULL, &err), &err);
	if (rc != 0)
		return rc;
	if (clear) {
		fprintf(ctx->out, "%s\n", _("The submission deadline is cleared."));
		return 0;
	}
	return deadline_show(ctx);
}
