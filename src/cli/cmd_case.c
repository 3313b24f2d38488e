/* cmd_case.c — bangfu case list | show | import */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/case_query.h"
#include "bangfu/cli.h"
#include "bangfu/documents.h"
#include "bangfu/eligibility.h"
#include "bangfu/ident.h"
#include "bangfu/jsonw.h"
#include "bangfu/money.h"
#include "bangfu/store.h"
#include "bangfu/submission_store.h"
#include "bangfu/workflow.h"

int bf_cmd_case_import(struct bf_ctx *ctx, int argc, char **argv);
/* cmd_workflow.c */
int bf_cmd_case_advance(struct bf_ctx *ctx, int argc, char **argv);
int bf_cmd_case_history(struct bf_ctx *ctx, int argc, char **argv);
int bf_cmd_case_close(struct bf_ctx *ctx, int argc, char **argv);

static void print_row(FILE *f, const char *number, const char *name, const char *id,
                      const char *dept, const char *status, const char *cat, const char *pc)
{
	bf_put_col(f, number, 11);
	bf_put_col(f, name, 11);
	bf_put_col(f, id, 19);
	bf_put_col(f, dept, 13);
	bf_put_col(f, status, 13);
	bf_put_col_right(f, cat, 4);
	bf_put_col_right(f, pc, 13);
	fputc('\n', f);
}

/* `case list --reveal`: the ids of a page of the list. */
struct listed_page {
	struct bf_ctx *ctx;
	const struct bf_case_filter *f;
	struct bf_case_row *rows;
	int64_t last; /* the last file of the previous page: the next continues after it */
};

static int listed_ids(void *ud, int64_t off, int64_t *ids, int *k, bf_error *err)
{
	struct listed_page *p = ud;
	(void)off; /* pages come in order: keyset, not offset */
	if (bf_case_page(&p->ctx->db, p->f, p->last, 0, BF_REVEAL_PAGE, p->rows, k, err) != 0)
		return -1;
	for (int i = 0; i < *k; i++)
		ids[i] = p->rows[i].id;
	if (*k > 0)
		p->last = ids[*k - 1];
	return 0;
}

static int case_list(struct bf_ctx *ctx, int argc, char **argv)
{
	struct bf_case_filter f;
	memset(&f, 0, sizeof f);
	const char *v;
	if ((v = bf_arg_value(argc, argv, "--search")))
		bf_strlcpy(f.search, v, sizeof f.search);
	if ((v = bf_arg_value(argc, argv, "--status"))) {
		if (bf_state_parse(v) < 0) {
			fprintf(ctx->err, _("bangfu case list: unknown status \"%s\"\n"), v);
			return 2;
		}
		bf_strlcpy(f.status, v, sizeof f.status);
	}
	if ((v = bf_arg_value(argc, argv, "--category"))) {
		f.category = !strcmp(v, "none") ? -1 : atoi(v);
		if (f.category == 0 || f.category > 5) {
			fprintf(ctx->err, _("bangfu case list: --category takes 1 to 5 or none\n"));
			return 2;
		}
	}
	bool json = bf_arg_flag(argc, argv, "--json");
	bool full = bf_arg_flag(argc, argv, "--reveal");
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	/* Full numbers are shown only to who may, each file's reveal recorded
	 * in the audit log before its row is printed. */
	if (full && bf_store_require(&ctx->db, BF_PERM_REVEAL, &err) != 0) {
		fprintf(ctx->err, "bangfu case list: %s\n", err.msg);
		return 1;
	}
	struct bf_case_row rows[256];
	int64_t *shown = NULL; /* --reveal: the files whose reveal was recorded */
	size_t nshown = 0;
	struct listed_page lp = {ctx, &f, rows, 0};
	if (full && bf_cli_reveal_pages(ctx, listed_ids, &lp, "id_number", "case list", &shown,
	                                &nshown, &err) != 0) {
		fprintf(ctx->err, "bangfu case list: %s\n", err.msg);
		return 1;
	}
	struct bf_json j;
	if (json) {
		bf_json_init(&j, ctx->out, true);
		bf_json_array(&j, NULL);
	} else {
		print_row(ctx->out, _("Number"), _("Name"), _("ID number"), _("Department"),
		          _("Status"), _("Cat."), _("Per capita"));
	}
	int64_t last = 0; /* each page continues after the last file printed */
	for (;;) {
		int n;
		if (bf_case_page(&ctx->db, &f, last, 0, 256, rows, &n, &err) != 0) {
			fprintf(ctx->err, "bangfu case list: %s\n", err.msg);
			free(shown);
			return 1;
		}
		for (int i = 0; i < n; i++) {
			struct bf_case_row *r = &rows[i];
			char id[40], money[32];
			/* a file that joined the list meanwhile stays masked; lists carry
			 * the mask, so a revealed number is opened from its file */
			if (full && bsearch(&r->id, shown, nshown, sizeof *shown, bf_cmp_i64)) {
				if (bf_case_employee_id(&ctx->db, r->id, id, sizeof id, &err) !=
				    0) {
					fprintf(ctx->err, "bangfu case list: %s\n", err.msg);
					return 1;
				}
			} else
				bf_mask_id(r->id_number, id, sizeof id);
			if (json) {
				bf_json_object(&j, NULL);
				bf_json_str(&j, "number", r->number);
				bf_json_str(&j, "name", r->name);
				bf_json_str(&j, "id_number", id);
				bf_json_str(&j, "department", r->department);
				bf_json_str(&j, "status", r->status);
				if (r->category)
					bf_json_int(&j, "category", r->category);
				else
					bf_json_str(&j, "category", NULL);
				bf_json_int(&j, "household_size", r->household_size);
				bf_json_int(&j, "per_capita_fen", r->per_capita);
				bf_json_object_end(&j);
			} else {
				char cat[8];
				snprintf(cat, sizeof cat, "%d", r->category);
				print_row(ctx->out, r->number, r->name, id, r->department,
				          bf_state_label_of(r->status), r->category ? cat : "-",
				          bf_money_format(r->per_capita, money, sizeof money));
			}
		}
		if (n < 256)
			break;
		last = rows[n - 1].id;
	}
	if (json) {
		bf_json_array_end(&j);
		bf_json_finish(&j);
	}
	free(shown);
	return 0;
}

static void show_text(struct bf_ctx *ctx, const struct bf_case *c, const struct bf_assessment *a,
                      const struct bf_required_doc *docs, size_t ndocs, bool full, bf_fen accepted)
{
	FILE *o = ctx->out;
	char buf[64], money[32];
	fprintf(o, _("File %s (%d) — %s\n"), c->number, c->year, bf_state_label_of(c->status));
	if (accepted > 0)
		fprintf(o, _("Accepted by the district: %s yuan\n"),
		        bf_money_format(accepted, money, sizeof money));
	const struct bf_member *e = &c->members[0];
	if (full)
		bf_strlcpy(buf, e->id_number, sizeof buf);
	else
		bf_mask_id(e->id_number, buf, sizeof buf);
	fprintf(o, _("Employee: %s  ID %s  department %s\n"), e->name, buf, c->department);
	if (c->phone[0]) {
		if (!full)
			bf_mask_phone(c->phone, buf, sizeof buf);
		fprintf(o, _("Phone: %s\n"), full ? c->phone : buf);
	}
	if (c->bank_card[0]) {
		if (!full)
			bf_mask_bank(c->bank_card, buf, sizeof buf);
		fprintf(o, _("Bank: %s %s  card %s\n"), c->bank_name, c->bank_branch,
		        full ? c->bank_card : buf);
	}
	fprintf(o, _("Household (%d counted):\n"), a->household_size);
	for (size_t i = 0; i < c->n_members; i++) {
		const struct bf_member *m = &c->members[i];
		const struct bf_member_count *mc = &a->members[i];
		fprintf(o, "  %zu. %s  %s  %s  %s  %s %s%s\n     %s\n", i + 1, m->name,
		        bf_enum_label(BF_ENUM_RELATION, m->relation),
		        bf_enum_label(BF_ENUM_STATUS, m->status),
		        mc->counted ? _("counted") : _("not counted"),
		        bf_money_format(mc->income, money, sizeof money), _("yuan/month"),
		        mc->imputed ? _(" (minimum wage imputed)") : "", mc->reason);
	}
	fprintf(o, _("Per-capita monthly income: %s yuan\n"),
	        bf_money_format(a->per_capita, money, sizeof money));
	if (c->primary_cause >= 0) {
		fprintf(o, _("Cause of hardship: %s"),
		        bf_enum_label(BF_ENUM_CAUSE, c->primary_cause));
		for (int i = 0; i < BF_MAX_SECONDARY_CAUSES; i++)
			if (c->secondary_causes[i] >= 0)
				fprintf(o, "; %s",
				        bf_enum_label(BF_ENUM_CAUSE, c->secondary_causes[i]));
		fputc('\n', o);
	}
	fprintf(o, _("Aid categories:\n"));
	for (int k = 0; k < BF_CAT_COUNT; k++)
		fprintf(o, "  [%s] %s: %s\n", a->cat[k].match ? "✓" : " ",
		        bf_category_label((enum bf_category)k), a->cat[k].reason);
	fprintf(o, _("Required documents (%zu):\n"), ndocs);
	for (size_t i = 0; i < ndocs; i++)
		fprintf(o, "  - %s%s%s — %s\n", bf_doc_label(docs[i].kind),
		        docs[i].member >= 0 ? ": " : "",
		        docs[i].member >= 0 ? c->members[docs[i].member].name : "", docs[i].why);
}

static void show_json(struct bf_ctx *ctx, const struct bf_case *c, const struct bf_assessment *a,
                      const struct bf_required_doc *docs, size_t ndocs, bool full, bf_fen accepted)
{
	struct bf_json j;
	char buf[64];
	bf_json_init(&j, ctx->out, true);
	bf_json_object(&j, NULL);
	bf_json_str(&j, "number", c->number);
	bf_json_int(&j, "year", c->year);
	bf_json_str(&j, "status", c->status);
	if (accepted > 0)
		bf_json_int(&j, "accepted_amount_fen", accepted);
	bf_json_str(&j, "department", c->department);
	if (full)
		bf_json_str(&j, "phone", c->phone);
	else {
		bf_mask_phone(c->phone, buf, sizeof buf);
		bf_json_str(&j, "phone", buf);
	}
	bf_json_str(&j, "address", c->address);
	bf_json_str(&j, "bank_name", c->bank_name);
	bf_json_str(&j, "bank_branch", c->bank_branch);
	if (full)
		bf_json_str(&j, "bank_card", c->bank_card);
	else {
		bf_mask_bank(c->bank_card, buf, sizeof buf);
		bf_json_str(&j, "bank_card", buf);
	}
	bf_json_bool(&j, "single_parent", c->single_parent);
	bf_json_int(&j, "other_income_year_fen", c->other_income_year);
	bf_json_int(&j, "medical_cost_year_fen", c->medical_cost_year);
	bf_json_int(&j, "disaster_loss_fen", c->disaster_loss);
	bf_json_int(&j, "accident_year", c->accident_year);
	bf_json_str(&j, "primary_cause",
	            c->primary_cause >= 0 ? bf_enum_code(BF_ENUM_CAUSE, c->primary_cause) : NULL);
	bf_json_array(&j, "secondary_causes");
	for (int i = 0; i < BF_MAX_SECONDARY_CAUSES; i++)
		if (c->secondary_causes[i] >= 0)
			bf_json_str(&j, NULL, bf_enum_code(BF_ENUM_CAUSE, c->secondary_causes[i]));
	bf_json_array_end(&j);
	bf_json_object(&j, "five_clears");
	bf_json_str(&j, "family_situation", c->family_situation);
	bf_json_str(&j, "hardship_cause", c->hardship_cause_text);
	bf_json_str(&j, "state_of_mind", c->state_of_mind);
	bf_json_str(&j, "skills", c->skills);
	bf_json_str(&j, "employment_wish", c->employment_wish);
	bf_json_object_end(&j);
	bf_json_array(&j, "members");
	for (size_t i = 0; i < c->n_members; i++) {
		const struct bf_member *m = &c->members[i];
		bf_json_object(&j, NULL);
		bf_json_str(&j, "name", m->name);
		bf_json_str(&j, "relation", bf_enum_code(BF_ENUM_RELATION, m->relation));
		if (full)
			bf_json_str(&j, "id_number", m->id_number);
		else {
			bf_mask_id(m->id_number, buf, sizeof buf);
			bf_json_str(&j, "id_number", buf);
		}
		bf_json_str(&j, "birth_date", m->birth_date);
		bf_json_str(&j, "marital", bf_enum_code(BF_ENUM_MARITAL, m->marital));
		bf_json_str(&j, "status", bf_enum_code(BF_ENUM_STATUS, m->status));
		bf_json_str(&j, "health", bf_enum_code(BF_ENUM_HEALTH, m->health));
		bf_json_str(&j, "disability", bf_enum_code(BF_ENUM_DISABILITY, m->disability));
		bf_json_int(&j, "monthly_income_fen", m->monthly_income);
		bf_json_str(&j, "proof", bf_enum_code(BF_ENUM_PROOF, m->proof));
		bf_json_bool(&j, "counted", a->members[i].counted);
		bf_json_bool(&j, "income_imputed", a->members[i].imputed);
		bf_json_int(&j, "counted_income_fen", a->members[i].income);
		bf_json_str(&j, "count_reason", a->members[i].reason);
		bf_json_object_end(&j);
	}
	bf_json_array_end(&j);
	bf_json_int(&j, "household_size", a->household_size);
	bf_json_int(&j, "per_capita_fen", a->per_capita);
	bf_json_array(&j, "categories");
	for (int k = 0; k < BF_CAT_COUNT; k++) {
		bf_json_object(&j, NULL);
		bf_json_int(&j, "category", k + 1);
		bf_json_bool(&j, "match", a->cat[k].match);
		bf_json_str(&j, "reason", a->cat[k].reason);
		bf_json_object_end(&j);
	}
	bf_json_array_end(&j);
	bf_json_array(&j, "required_documents");
	for (size_t i = 0; i < ndocs; i++) {
		bf_json_object(&j, NULL);
		bf_json_str(&j, "key", docs[i].key);
		bf_json_str(&j, "kind", bf_doc_code(docs[i].kind));
		bf_json_str(&j, "label", bf_doc_label(docs[i].kind));
		bf_json_str(&j, "member",
		            docs[i].member >= 0 ? c->members[docs[i].member].name : NULL);
		if (docs[i].alt_group)
			bf_json_int(&j, "alternative_group", docs[i].alt_group);
		bf_json_str(&j, "why", docs[i].why);
		bf_json_object_end(&j);
	}
	bf_json_array_end(&j);
	bf_json_object_end(&j);
	bf_json_finish(&j);
}

static int case_show(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *number = NULL;
	for (int i = 1; i < argc; i++)
		if (argv[i][0] != '-') {
			number = argv[i];
			break;
		}
	if (!number) {
		fprintf(ctx->err, _("Usage: bangfu case show NUMBER [--json] [--reveal]\n"));
		return 2;
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	int64_t id;
	int rc = bf_case_lookup(&ctx->db, number, &id, &err);
	if (rc != 0) {
		if (rc > 0)
			fprintf(ctx->err, _("bangfu case show: there is no file %s\n"), number);
		else
			fprintf(ctx->err, "bangfu case show: %s\n", err.msg);
		return 1;
	}
	struct bf_case *c = malloc(sizeof *c);
	struct bf_assessment *a = malloc(sizeof *a);
	struct bf_required_doc *docs = malloc(128 * sizeof *docs);
	struct bf_year_settings ys;
	rc = 1;
	if (!c || !a || !docs) {
		fprintf(ctx->err, "bangfu case show: out of memory\n");
		goto out;
	}
	if (bf_case_load(&ctx->db, id, c, &err) != 0 ||
	    bf_settings_year(&ctx->db, c->year, &ys, &err) != 0) {
		fprintf(ctx->err, "bangfu case show: %s\n", err.msg);
		goto out;
	}
	bf_assess(c, &ys, a);
	size_t ndocs = bf_required_documents(c, a, docs, 128);
	bool full = bf_arg_flag(argc, argv, "--reveal");
	/* every full number of the file (ID, bank card, phone) is about to be
	 * shown: recorded first, and refused to who may not */
	if (full && bf_audit_reveal(&ctx->db, id, 0, "all", "case show", &err) != 0) {
		fprintf(ctx->err, "bangfu case show: %s\n", err.msg);
		goto out;
	}
	/* the district's final amount, once its reply accepted the file */
	struct bf_case_decision dec;
	bf_fen accepted = 0;
	if (bf_case_district_decision(&ctx->db, id, &dec, &err) == 0 &&
	    !strcmp(dec.decision, "accept"))
		accepted = dec.amount;
	if (bf_arg_flag(argc, argv, "--json"))
		show_json(ctx, c, a, docs, ndocs, full, accepted);
	else
		show_text(ctx, c, a, docs, ndocs, full, accepted);
	rc = 0;
out:
	free(c);
	free(a);
	free(docs);
	return rc;
}

int bf_cmd_case(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "";
	if (!strcmp(sub, "list"))
		return case_list(ctx, argc - 1, argv + 1);
	if (!strcmp(sub, "show"))
		return case_show(ctx, argc - 1, argv + 1);
	if (!strcmp(sub, "import"))
		return bf_cmd_case_import(ctx, argc - 1, argv + 1);
	if (!strcmp(sub, "advance"))
		return bf_cmd_case_advance(ctx, argc - 1, argv + 1);
	if (!strcmp(sub, "history"))
		return bf_cmd_case_history(ctx, argc - 1, argv + 1);
	if (!strcmp(sub, "close"))
		return bf_cmd_case_close(ctx, argc - 1, argv + 1);
	fprintf(ctx->err,
	        _("Usage: bangfu case list [--search TEXT] [--status CODE] [--category N] "
	          "[--json]\n"
	          "       bangfu case show NUMBER [--json]\n"
	          "       bangfu case import FILE.csv [--encoding utf-8|gb18030] "
	          "[--dry-run] [--skip-bad]\n"
	          "       bangfu case advance NUMBER --to STATE [--reason TEXT] "
	          "[--back-to STATE]\n"
	          "       bangfu case history NUMBER [--json]\n"
	          "       bangfu case close NUMBER --reason "
	          "escaped|retired|moved|died|other [--note TEXT]\n"));
	return 2;
}
