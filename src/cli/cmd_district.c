/* cmd_district.c — the district's side on the command line:
 *   bangfu package import FILE...
 *   bangfu district list [--unit C] [--category N] [--decision D] [--duplicates]
 *                        [--search TEXT] [--json] [--reveal]
 *   bangfu district show UNIT:NUMBER [--reveal]
 *   bangfu district dups [--reveal]
 *   bangfu district decide UNIT:NUMBER --accept [--amount YUAN]
 *                        | --return --reason TEXT --back-to STATE | --pending
 *   bangfu district reply UNIT --out FILE
 *   bangfu district attachment UNIT [--batch B] --xlsx FILE   attachment 1, from the package
 *   bangfu district summary [--xlsx FILE]
 *   bangfu district units */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/cli.h"
#include "bangfu/district_store.h"
#include "bangfu/ident.h"
#include "bangfu/jsonw.h"
#include "bangfu/money.h"
#include "bangfu/package.h"
#include "bangfu/store.h"
#include "bangfu/submission_export.h"
#include "bangfu/ui_term.h"
#include "bangfu/workflow.h"

/* A column of the tables below: padded to width, and never touching the
 * next one (a name as wide as its column still gets a space). */
static void cell(FILE *f, const char *s, int width)
{
	bf_put_col(f, s, width);
	if (bf_str_width(s) >= width)
		fputc(' ', f);
}

static void cell_right(FILE *f, const char *s, int width)
{
	if (bf_str_width(s) >= width)
		fputc(' ', f);
	bf_put_col_right(f, s, width);
}

static const char *const value_opts[] = {"--unit",   "--category", "--decision", "--search",
                                         "--amount", "--reason",   "--back-to",  "--out",
                                         "--xlsx",   NULL};

/* The k-th (0-based) positional argument after argv[0] (the subcommand). */
static const char *positional(int argc, char **argv, int k)
{
	return bf_arg_positional(argc, argv, k, value_opts);
}

static const char *decision_text(const char *d)
{
	if (!strcmp(d, "accept"))
		return _("accepted");
	if (!strcmp(d, "return"))
		return _("returned");
	return _("pending");
}

/* ---- package import ------------------------------------------------------------------- */

static void package_usage(struct bf_ctx *ctx)
{
	fprintf(ctx->err, "%s", _("Usage: bangfu package import FILE...\n"));
}

/* What importing package path did (r: its result). */
static void print_imported(struct bf_ctx *ctx, const char *path, struct bf_import_result *p)
{
	struct bf_import_result r = *p;
	FILE *o = ctx->out;
	if (r.already) {
		fprintf(o, _("%s: already imported: nothing changed\n"), path);
		return;
	}
	fprintf(o,
	        ngettext("%s: imported: unit %s (%s), batch %s revision %d, %zu case\n",
	                 "%s: imported: unit %s (%s), batch %s revision %d, %zu cases\n",
	                 r.n_cases),
	        path, r.header.from_code, r.header.from_name, r.header.batch, r.header.revision,
	        r.n_cases);
	if (r.unverified)
		fprintf(o, "%s\n",
		        r.header.is_signed
		            ? _("  not verified: no key is registered for this unit (the setting "
		                "require_signature is off)")
		            : _("  not verified: the package is unsigned (the setting "
		                "require_signature is off)"));
	if (r.restored) {
		char warn[512];
		bf_import_restored_warning(&r, warn, sizeof warn);
		fprintf(ctx->err, "  %s\n", warn);
	}
	if (r.superseded) {
		fprintf(o,
		        _("  supersedes revision %d: %zu added, %zu removed, %zu changed, %zu "
		          "unchanged\n"),
		        r.old_revision, r.added, r.removed, r.changed, r.unchanged);
	}
	if (r.diff && r.diff[0]) {
		for (char *line = r.diff, *nl; line && *line; line = nl ? nl + 1 : NULL) {
			nl = strchr(line, '\n');
			fprintf(o, "    %.*s\n", nl ? (int)(nl - line) : (int)strlen(line), line);
		}
	}
	if (r.n_duplicates)
		fprintf(o,
		        ngettext("  %zu person also appears in another unit's file (bangfu "
		                 "district dups)\n",
		                 "  %zu persons also appear in other units' files (bangfu district "
		                 "dups)\n",
		                 r.n_duplicates),
		        r.n_duplicates);
}

int bf_cmd_package(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "";
	if (strcmp(sub, "import") != 0 || argc < 3) {
		package_usage(ctx);
		return 2;
	}
	/* Several packages, all or nothing: every one read and checked (its
	 * envelope, and what only the database can tell: its unit's key, the
	 * revisions already here) before any is imported, then all imported in
	 * one transaction; one refused refuses them all. */
	size_t n = (size_t)argc - 2, refused = n;
	char **bufs = calloc(n, sizeof *bufs);
	size_t *lens = calloc(n, sizeof *lens);
	struct bf_import_result *r = calloc(n, sizeof *r);
	bf_error err = {{0}};
	int rc = -1;
	if (!bufs || !lens || !r) {
		bf_error_set(&err, _("out of memory"));
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if (bf_pkg_read_file(argv[i + 2], &bufs[i], &lens[i], &err) != 0) {
			refused = i;
			goto out;
		}
	if (bf_ctx_open_db(ctx, false) != 0) {
		rc = 1;
		goto done;
	}
	struct bf_progress pr;
	fflush(ctx->err);
	bf_progress_start(&pr, stderr, _("Importing the packages (files)"), 0);
	rc = bf_district_import_many_progress(&ctx->db, (const char *const *)bufs, lens, n, r,
	                                      &refused, bf_progress_cb, &pr, &err);
	bf_progress_end(&pr);
	if (rc == 0)
		for (size_t i = 0; i < n; i++)
			print_imported(ctx, argv[i + 2], &r[i]);
out:
	if (rc != 0) {
		if (refused < n && r && r[refused].verdict != BF_PKG_OK)
			fprintf(ctx->err, _("bangfu package import: %s: refused (%s): %s\n"),
			        argv[refused + 2], bf_pkg_result_label(r[refused].verdict),
			        err.msg);
		else if (refused < n)
			fprintf(ctx->err, _("bangfu package import: %s: refused: %s\n"),
			        argv[refused + 2], err.msg);
		else
			fprintf(ctx->err, "bangfu package import: %s\n", err.msg);
		if (n > 1)
			fprintf(
			    ctx->err,
			    _("bangfu package import: none of the %zu packages was imported.\n"),
			    n);
	}
done:
	for (size_t i = 0; bufs && i < n; i++) {
		free(bufs[i]);
		if (r)
			bf_import_result_free(&r[i]);
	}
	free(bufs);
	free(lens);
	free(r);
	return rc == 0 ? 0 : 1;
}

/* ---- district ------------------------------------------------------------------------- */

static void usage(struct bf_ctx *ctx)
{
	fprintf(ctx->err, "%s",
	        _("Usage: bangfu district list [--unit CODE] [--category N] [--decision "
	          "pending|accept|return] [--duplicates] [--search TEXT] [--json] [--reveal]\n"
	          "       bangfu district show UNIT:NUMBER [--reveal]\n"
	          "       bangfu district dups [--reveal]\n"
	          "       bangfu district decide UNIT:NUMBER --accept [--amount YUAN] | --return "
	          "--reason TEXT --back-to STATE | --pending\n"
	          "       bangfu district reply UNIT --out FILE\n"
	          "       bangfu district attachment UNIT [--batch BATCH] --xlsx FILE\n"
	          "       bangfu district summary [--xlsx FILE]\n"
	          "       bangfu district units\n"));
}

static int report(struct bf_ctx *ctx, const char *cmd, int rc, const bf_error *err)
{
	if (rc != 0)
		fprintf(ctx->err, "bangfu district %s: %s\n", cmd, err->msg);
	return rc == 0 ? 0 : 1;
}

/* Record the reveal of one file's numbers before showing them (audited like
 * `case list --reveal`). The district's files are named by unit and number
 * in the record. */
static int reveal(struct bf_ctx *ctx, const char *cmd, const struct bf_dist_case *c,
                  const char *field)
{
	char purpose[128];
	snprintf(purpose, sizeof purpose, "district %s %s:%s", cmd, c->unit_code, c->number);
	bf_error err = {{0}};
	if (bf_audit_reveal(&ctx->db, 0, 0, field, purpose, &err) != 0)
		return report(ctx, cmd, 1, &err);
	return 0;
}

/* `district list|dups --reveal`: one reveal row per file listed, in one
 * transaction, before any is shown. */
static int reveal_list(struct bf_ctx *ctx, const char *cmd, const struct bf_dist_case *rows,
                       size_t n)
{
	typedef char purpose_text[128];
	purpose_text *p = malloc((n ? n : 1) * sizeof *p);
	struct bf_reveal *rv = malloc((n ? n : 1) * sizeof *rv);
	bf_error err = {{0}};
	int rc = -1;
	if (!p || !rv) {
		bf_error_set(&err, "%s", _("out of memory"));
	} else {
		for (size_t i = 0; i < n; i++) {
			snprintf(p[i], sizeof p[i], "district %s %s:%s", cmd, rows[i].unit_code,
			         rows[i].number);
			rv[i] = (struct bf_reveal){.field = "id_number", .purpose = p[i]};
		}
		rc = bf_audit_reveal_many(&ctx->db, rv, n, &err);
	}
	free(p);
	free(rv);
	return report(ctx, cmd, rc, &err);
}

/* UNIT:NUMBER to the file. 0 found, else printed and the exit code. */
static int find_case(struct bf_ctx *ctx, const char *cmd, const char *arg, struct bf_dist_case *c)
{
	const char *colon = arg ? strchr(arg, ':') : NULL;
	if (!colon || colon == arg || !colon[1]) {
		fprintf(ctx->err,
		        _("bangfu district %s: name the file as UNIT:NUMBER (e.g. "
		          "U001:2026-0003)\n"),
		        cmd);
		return 2;
	}
	char unit[32];
	bf_strlcpy(unit, arg,
	           (size_t)(colon - arg) + 1 < sizeof unit ? (size_t)(colon - arg) + 1
	                                                   : sizeof unit);
	struct bf_dist_filter f = {.unit_code = unit, .text = colon + 1};
	struct bf_dist_case *rows;
	size_t n;
	bf_error err = {{0}};
	if (bf_dist_list(&ctx->db, &f, &rows, &n, &err) != 0)
		return report(ctx, cmd, 1, &err);
	int rc = 1;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rows[i].number, colon + 1)) {
			*c = rows[i];
			rc = 0;
		}
	free(rows);
	if (rc != 0)
		fprintf(ctx->err,
		        _("bangfu district %s: unit %s has no file %s in the district's "
		          "list\n"),
		        cmd, unit, colon + 1);
	return rc;
}

static void list_row(FILE *f, const char *unit, const char *number, const char *name,
                     const char *id, const char *cat, const char *amount, const char *decision,
                     const char *final, const char *dups)
{
	cell(f, unit, 8);
	cell(f, number, 11);
	cell(f, name, 9);
	cell(f, id, 20);
	cell_right(f, cat, 4);
	cell_right(f, amount, 12);
	fputc(' ', f);
	cell(f, decision, 10);
	cell_right(f, final, 12);
	cell_right(f, dups, 5);
	fputc('\n', f);
}

static int cmd_list(struct bf_ctx *ctx, int argc, char **argv)
{
	struct bf_dist_filter f = {0};
	f.unit_code = bf_arg_value(argc, argv, "--unit");
	f.decision = bf_arg_value(argc, argv, "--decision");
	f.text = bf_arg_value(argc, argv, "--search");
	f.duplicates_only = bf_arg_flag(argc, argv, "--duplicates");
	const char *v = bf_arg_value(argc, argv, "--category");
	if (v) {
		char *end;
		long cat = strtol(v, &end, 10);
		if (end == v || *end || cat < 1 || cat > 5) {
			fprintf(ctx->err, "%s",
			        _("bangfu district list: --category takes 1 to 5\n"));
			return 2;
		}
		f.category = (int)cat;
	}
	bool json = bf_arg_flag(argc, argv, "--json");
	bool full = bf_arg_flag(argc, argv, "--reveal");
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	if (full && bf_store_require(&ctx->db, BF_PERM_REVEAL, &err) != 0)
		return report(ctx, "list", 1, &err);
	struct bf_dist_case *rows;
	size_t n;
	int rc = bf_dist_list(&ctx->db, &f, &rows, &n, &err);
	if (rc != 0)
		return report(ctx, "list", rc, &err);
	struct bf_json j;
	if (json) {
		bf_json_init(&j, ctx->out, true);
		bf_json_array(&j, NULL);
	} else {
		list_row(ctx->out, _("Unit"), _("Number"), _("Name"), _("ID number"), _("Cat."),
		         _("Proposed"), _("Decision"), _("Final"), _("Dups"));
	}
	int ret = 0;
	if (full && reveal_list(ctx, "list", rows, n) != 0)
		n = 0, ret = 1; /* nothing shown */
	for (size_t i = 0; i < n; i++) {
		const struct bf_dist_case *c = &rows[i];
		char id[40], amount[32], final[32];
		if (full) {
			/* the list carries the mask: the number is opened from the file */
			struct bf_dist_case one;
			bf_error lerr = {{0}};
			if (bf_dist_case_load(&ctx->db, c->id, &one, NULL, &lerr) != 0) {
				fprintf(ctx->err, "bangfu district list: %s\n", lerr.msg);
				ret = 1;
				break;
			}
			bf_strlcpy(id, one.id_number, sizeof id);
		} else {
			bf_mask_id(c->id_number, id, sizeof id);
		}
		if (json) {
			bf_json_object(&j, NULL);
			bf_json_str(&j, "unit", c->unit_code);
			bf_json_str(&j, "unit_name", c->unit_name);
			bf_json_str(&j, "batch", c->batch);
			bf_json_str(&j, "number", c->number);
			bf_json_str(&j, "name", c->name);
			bf_json_str(&j, "id_number", id);
			bf_json_str(&j, "department", c->department);
			bf_json_int(&j, "category", c->category);
			bf_json_int(&j, "amount_fen", c->amount);
			bf_json_str(&j, "decision", c->decision);
			if (!strcmp(c->decision, "accept"))
				bf_json_int(&j, "final_amount_fen", c->final_amount);
			if (!strcmp(c->decision, "return")) {
				bf_json_str(&j, "reason", c->reason);
				bf_json_str(&j, "back_to", c->back_to);
			}
			bf_json_int(&j, "duplicates", c->n_duplicates);
			bf_json_object_end(&j);
		} else {
			char cat[8], dups[16];
			snprintf(cat, sizeof cat, "%d", c->category);
			snprintf(dups, sizeof dups, "%d", c->n_duplicates);
			list_row(ctx->out, c->unit_code, c->number, c->name, id, cat,
			         bf_money_format(c->amount, amount, sizeof amount),
			         decision_text(c->decision),
			         strcmp(c->decision, "accept")
			             ? "-"
			             : bf_money_format(c->final_amount, final, sizeof final),
			         c->n_duplicates ? dups : "-");
		}
	}
	if (json) {
		bf_json_array_end(&j);
		bf_json_finish(&j);
	}
	free(rows);
	return ret;
}

static void show_dups(struct bf_ctx *ctx, const struct bf_dist_dup *d, size_t n, bool full)
{
	for (size_t i = 0; i < n; i++) {
		char id[40];
		if (full)
			bf_strlcpy(id, d[i].id_number, sizeof id);
		else
			bf_mask_id(d[i].id_number, id, sizeof id);
		fprintf(ctx->out, "  %s  %s:%s %s (%s)  ↔  %s:%s %s (%s)%s\n", id, d[i].unit_a,
		        d[i].number_a, d[i].person_a, d[i].relation_a, d[i].unit_b, d[i].number_b,
		        d[i].person_b, d[i].relation_b, d[i].same_unit ? _("  [same unit]") : "");
	}
}

static int cmd_show(struct bf_ctx *ctx, int argc, char **argv)
{
	bool full = bf_arg_flag(argc, argv, "--reveal");
	const char *arg = positional(argc, argv, 0);
	if (!arg) {
		usage(ctx);
		return 2;
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	struct bf_dist_case c;
	int rc = find_case(ctx, "show", arg, &c);
	if (rc != 0)
		return rc;
	bf_error err = {{0}};
	char *data = NULL;
	if ((rc = bf_dist_case_load(&ctx->db, c.id, &c, &data, &err)) != 0)
		return report(ctx, "show", rc, &err);
	if (full && reveal(ctx, "show", &c, "all") != 0) {
		free(data);
		return 1;
	}
	FILE *o = ctx->out;
	char id[40], money[32];
	if (full)
		bf_strlcpy(id, c.id_number, sizeof id);
	else
		bf_mask_id(c.id_number, id, sizeof id);
	fprintf(o, "%s:%s  %s  %s\n", c.unit_code, c.number, c.name, id);
	fprintf(o, _("Unit: %s %s, batch %s\n"), c.unit_code, c.unit_name, c.batch);
	if (c.department[0])
		fprintf(o, _("Department: %s\n"), c.department);
	fprintf(o, _("Category %d, household of %d, per capita %s\n"), c.category, c.household_size,
	        bf_money_format(c.per_capita, money, sizeof money));
	fprintf(o, _("Proposed aid: %s\n"), bf_money_format(c.amount, money, sizeof money));
	fprintf(o, _("Decision: %s"), decision_text(c.decision));
	if (!strcmp(c.decision, "accept"))
		fprintf(o, _(", final amount %s"),
		        bf_money_format(c.final_amount, money, sizeof money));
	if (!strcmp(c.decision, "return"))
		fprintf(o, _(", back to %s: %s"), bf_state_label_of(c.back_to), c.reason);
	if (c.decided_at[0])
		fprintf(o, _(" (%s, %s)"), c.decided_by, c.decided_at);
	fputc('\n', o);
	json_t *root = json_loads(data, 0, NULL);
	free(data);
	json_t *members = json_object_get(root, "members");
	if (json_array_size(members)) {
		fprintf(o, "%s\n", _("Members:"));
		size_t i;
		json_t *m;
		json_array_foreach(members, i, m)
		{
			const char *mid = json_string_value(json_object_get(m, "id_number"));
			char mid_shown[40] = "";
			if (mid && full)
				bf_strlcpy(mid_shown, mid, sizeof mid_shown);
			else if (mid)
				bf_mask_id(mid, mid_shown, sizeof mid_shown);
			const char *name = json_string_value(json_object_get(m, "name"));
			const char *rel = json_string_value(json_object_get(m, "relation"));
			fprintf(o, "  %zu. %s (%s) %s\n", i + 1, name ? name : "", rel ? rel : "",
			        mid_shown);
		}
	}
	json_decref(root);
	struct bf_dist_dup *d;
	size_t n;
	if ((rc = bf_dist_duplicates(&ctx->db, c.id, &d, &n, &err)) != 0)
		return report(ctx, "show", rc, &err);
	if (n) {
		fprintf(o, "%s\n", _("The same ID number in other files:"));
		show_dups(ctx, d, n, full);
	}
	free(d);
	return 0;
}

static int cmd_dups(struct bf_ctx *ctx, int argc, char **argv)
{
	bool full = bf_arg_flag(argc, argv, "--reveal");
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	if (full && bf_store_require(&ctx->db, BF_PERM_REVEAL, &err) != 0)
		return report(ctx, "dups", 1, &err);
	struct bf_dist_dup *d;
	size_t n;
	int rc = bf_dist_duplicates(&ctx->db, 0, &d, &n, &err);
	if (rc != 0)
		return report(ctx, "dups", rc, &err);
	if (full) {
		/* both files of each pair, one reveal row each, in one transaction */
		struct bf_dist_case *both = calloc(2 * n + 1, sizeof *both);
		for (size_t i = 0; both && i < n; i++) {
			bf_strlcpy(both[2 * i].unit_code, d[i].unit_a, sizeof both->unit_code);
			bf_strlcpy(both[2 * i].number, d[i].number_a, sizeof both->number);
			bf_strlcpy(both[2 * i + 1].unit_code, d[i].unit_b, sizeof both->unit_code);
			bf_strlcpy(both[2 * i + 1].number, d[i].number_b, sizeof both->number);
		}
		rc = both ? reveal_list(ctx, "dups", both, 2 * n) : 1;
		free(both);
		if (rc != 0) {
			free(d);
			return 1;
		}
	}
	if (n == 0)
		fprintf(ctx->out, "%s\n", _("No ID number appears in two files."));
	else
		fprintf(ctx->out,
		        ngettext("%zu pair of files share an ID number:\n",
		                 "%zu pairs of files share an ID number:\n", n),
		        n);
	show_dups(ctx, d, n, full);
	free(d);
	return 0;
}

static int cmd_decide(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *arg = positional(argc, argv, 0);
	bool accept = bf_arg_flag(argc, argv, "--accept");
	bool ret = bf_arg_flag(argc, argv, "--return");
	bool pending = bf_arg_flag(argc, argv, "--pending");
	const char *amount_s = bf_arg_value(argc, argv, "--amount");
	const char *reason = bf_arg_value(argc, argv, "--reason");
	const char *back_to = bf_arg_value(argc, argv, "--back-to");
	if (!arg || accept + ret + pending != 1) {
		usage(ctx);
		return 2;
	}
	bf_fen amount = 0;
	bf_error err = {{0}};
	if (amount_s && !bf_money_parse(amount_s, 0, &amount, &err)) {
		fprintf(ctx->err, _("bangfu district decide: --amount: %s\n"), err.msg);
		return 2;
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	struct bf_dist_case c;
	int rc = find_case(ctx, "decide", arg, &c);
	if (rc != 0)
		return rc;
	const char *decision = accept ? "accept" : ret ? "return" : "pending";
	rc = bf_dist_decide(&ctx->db, c.id, decision, amount, reason, back_to, &err);
	if (rc != 0)
		return report(ctx, "decide", rc, &err);
	if (bf_dist_case_load(&ctx->db, c.id, &c, NULL, &err) != 0)
		return report(ctx, "decide", 1, &err);
	char money[32];
	if (accept)
		fprintf(ctx->out, _("%s:%s %s: accepted, final amount %s\n"), c.unit_code, c.number,
		        c.name, bf_money_format(c.final_amount, money, sizeof money));
	else if (ret)
		fprintf(ctx->out, _("%s:%s %s: returned to %s: %s\n"), c.unit_code, c.number,
		        c.name, bf_state_label_of(c.back_to), c.reason);
	else
		fprintf(ctx->out, _("%s:%s %s: pending\n"), c.unit_code, c.number, c.name);
	return 0;
}

static int cmd_reply(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *unit = positional(argc, argv, 0);
	const char *out = bf_arg_value(argc, argv, "--out");
	if (!unit || !out) {
		usage(ctx);
		return 2;
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	char *buf;
	size_t len, n;
	/* the file first: one that is there (without --force) changes nothing */
	bf_outfile *o = bf_cli_outfile(ctx, out, &err);
	if (!o)
		return report(ctx, "reply", 1, &err);
	int rc = bf_dist_reply(&ctx->db, unit, &buf, &len, &n, &err);
	if (rc != 0) {
		bf_outfile_abort(o);
		return report(ctx, "reply", rc, &err);
	}
	rc = bf_outfile_finish(o, bf_outfile_write(o, buf, len), &err);
	free(buf);
	if (rc != 0)
		return report(ctx, "reply", 1, &err);
	fprintf(ctx->out,
	        ngettext("Reply for unit %s: %zu decision written to %s\n",
	                 "Reply for unit %s: %zu decisions written to %s\n", n),
	        unit, n, out);
	return 0;
}

/* Attachment 1 (the files with full ID, bank and phone numbers) from a
 * unit's imported package: the unit's stick carries it only sealed. */
static int cmd_attachment(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *unit = positional(argc, argv, 0);
	const char *xlsx = bf_arg_value(argc, argv, "--xlsx");
	const char *batch = bf_arg_value(argc, argv, "--batch");
	if (!unit || !xlsx) {
		usage(ctx);
		return 2;
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	struct bf_pkg_submission s;
	struct bf_progress pr;
	fflush(ctx->err);
	bf_progress_start(&pr, stderr, _("Attachment 1 (rows: files, then members)"), 0);
	int rc = bf_dist_attachment1_export_progress(&ctx->db, unit, batch, xlsx,
	                                             ctx->force ? BF_OUTFILE_FORCE : 0, &s,
	                                             bf_progress_cb, &pr, &err);
	bf_progress_end(&pr);
	if (rc != 0)
		return report(ctx, "attachment", rc, &err);
	fprintf(ctx->out,
	        ngettext("Attachment 1 of unit %s, batch %s revision %d: %zu file written to %s\n",
	                 "Attachment 1 of unit %s, batch %s revision %d: %zu files written to %s\n",
	                 (unsigned long)s.n_cases),
	        s.unit_code, s.batch, s.revision, s.n_cases, xlsx);
	fprintf(ctx->out, "%s\n",
	        _("It carries full ID, bank card and phone numbers (the file is readable by you "
	          "only): keep it locked away."));
	bf_pkg_submission_free(&s);
	return 0;
}

static void summary_row(FILE *f, const char *unit, const char *name, const char *cat, const char *n,
                        const char *acc, const char *ret, const char *pend, const char *proposed,
                        const char *final)
{
	cell(f, unit, 8);
	cell(f, name, 20);
	cell(f, cat, 6);
	cell_right(f, n, 6);
	cell_right(f, acc, 6);
	cell_right(f, ret, 6);
	cell_right(f, pend, 6);
	cell_right(f, proposed, 15);
	cell_right(f, final, 15);
	fputc('\n', f);
}

static int cmd_summary(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *xlsx = bf_arg_value(argc, argv, "--xlsx");
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	struct bf_dist_summary_row *rows;
	size_t n;
	int rc = bf_dist_summary(&ctx->db, &rows, &n, &err);
	if (rc != 0)
		return report(ctx, "summary", rc, &err);
	summary_row(ctx->out, _("Unit"), _("Unit name"), _("Cat."), _("Files"), _("Acc."),
	            _("Ret."), _("Pend."), _("Proposed"), _("Final"));
	for (size_t i = 0; i < n; i++) {
		const struct bf_dist_summary_row *s = &rows[i];
		char cat[16], c1[16], c2[16], c3[16], c4[16], p[32], fi[32];
		if (s->category)
			snprintf(cat, sizeof cat, "%d", s->category);
		else
			bf_strlcpy(cat, _("total"), sizeof cat);
		snprintf(c1, sizeof c1, "%zu", s->n_cases);
		snprintf(c2, sizeof c2, "%zu", s->n_accepted);
		snprintf(c3, sizeof c3, "%zu", s->n_returned);
		snprintf(c4, sizeof c4, "%zu", s->n_pending);
		summary_row(ctx->out, s->category ? s->unit_code : "",
		            s->category ? s->unit_name : "", cat, c1, c2, c3, c4,
		            bf_money_format(s->proposed, p, sizeof p),
		            bf_money_format(s->final, fi, sizeof fi));
	}
	if (xlsx) {
		struct bf_unit u;
		bf_outfile *o = NULL;
		if (bf_unit_load(&ctx->db, &u, &err) != 0 ||
		    !(o = bf_cli_outfile(ctx, xlsx, &err)) ||
		    bf_outfile_finish(o, bf_xlsx_district_summary(o, rows, n, u.name, &err),
		                      &err) != 0) {
			free(rows);
			return report(ctx, "summary", 1, &err);
		}
		fprintf(ctx->out, _("Summary written to %s\n"), xlsx);
	}
	free(rows);
	return 0;
}

static int cmd_units(struct bf_ctx *ctx)
{
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	struct bf_dist_unit *u;
	size_t n;
	int rc = bf_dist_units(&ctx->db, &u, &n, &err);
	if (rc != 0)
		return report(ctx, "units", rc, &err);
	FILE *f = ctx->out;
	cell(f, _("Unit"), 8);
	cell(f, _("Unit name"), 20);
	cell(f, _("Key"), 5);
	cell(f, _("Last package"), 20);
	cell_right(f, _("Files"), 6);
	cell_right(f, _("Pend."), 6);
	cell_right(f, _("Acc."), 6);
	cell_right(f, _("Ret."), 6);
	fputc('\n', f);
	for (size_t i = 0; i < n; i++) {
		char last[64], a[16], b[16], c[16], d[16];
		if (u[i].last_batch[0])
			snprintf(last, sizeof last, _("%s rev. %d"), u[i].last_batch,
			         u[i].last_revision);
		else
			bf_strlcpy(last, "-", sizeof last); /* a key registered, nothing sent yet */
		snprintf(a, sizeof a, "%zu", u[i].n_cases);
		snprintf(b, sizeof b, "%zu", u[i].n_pending);
		snprintf(c, sizeof c, "%zu", u[i].n_accepted);
		snprintf(d, sizeof d, "%zu", u[i].n_returned);
		cell(f, u[i].code, 8);
		cell(f, u[i].name, 20);
		cell(f, u[i].key_registered ? _("yes") : _("no"), 5);
		cell(f, last, 20);
		cell_right(f, a, 6);
		cell_right(f, b, 6);
		cell_right(f, c, 6);
		cell_right(f, d, 6);
		fputc('\n', f);
	}
	free(u);
	return 0;
}

int bf_cmd_district(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "";
	int n = argc - 1;
	char **v = argv + 1;
	if (!strcmp(sub, "list"))
		return cmd_list(ctx, n, v);
	if (!strcmp(sub, "show"))
		return cmd_show(ctx, n, v);
	if (!strcmp(sub, "dups"))
		return cmd_dups(ctx, n, v);
	if (!strcmp(sub, "decide"))
		return cmd_decide(ctx, n, v);
	if (!strcmp(sub, "reply"))
		return cmd_reply(ctx, n, v);
	if (!strcmp(sub, "summary"))
		return cmd_summary(ctx, n, v);
	if (!strcmp(sub, "attachment"))
		return cmd_attachment(ctx, n, v);
	if (!strcmp(sub, "units"))
		return cmd_units(ctx);
	usage(ctx);
	return 2;
}
