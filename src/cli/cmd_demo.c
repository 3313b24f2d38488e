/* cmd_demo.c — bangfu demo: a database full of realistic sample cases. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/cli.h"
#include "bangfu/sample.h"
#include "bangfu/checklist.h"
#include "bangfu/store.h"
#include "bangfu/workflow_store.h"
#include "bangfu/workflow.h"

/* A file past the draft has its documents in: tick them, so the demo's
 * files can move on through the workflow as real ones would. */
static int receive_all(struct bf_ctx *ctx, int64_t case_id, bf_error *err)
{
	struct bf_checklist cl;
	bf_checklist_init(&cl);
	int rc = bf_checklist_load(&ctx->db, case_id, &cl, err);
	struct bf_receipt r;
	memset(&r, 0, sizeof r);
	for (size_t i = 0; rc == 0 && i < cl.n; i++)
		if (cl.items[i].required && cl.items[i].status == BF_ITEM_MISSING &&
		    !cl.items[i].pair_member)
			rc = bf_checklist_receive(&ctx->db, case_id, cl.items[i].key, &r,
			                          ctx->today, err);
	bf_checklist_free(&cl);
	return rc;
}

int bf_cmd_demo(struct bf_ctx *ctx, int argc, char **argv)
{
	int ncases = 60;
	const char *v = bf_arg_value(argc, argv, "--cases");
	if (v) {
		ncases = atoi(v);
		if (ncases < 1 || ncases > 200000) {
			fprintf(ctx->err,
			        _("bangfu demo: --cases takes a number from 1 to 200000\n"));
			return 2;
		}
	}
	if (bf_ctx_open_db(ctx, true) != 0)
		return 1;
	bf_error err = {{0}};
	int64_t existing = 0;
	bf_db_int(&ctx->db, "SELECT count(*) FROM case_file", &existing);
	if (existing > 0 && !bf_setting_int(&ctx->db, "demo", 0)) {
		fprintf(
		    ctx->err,
		    _("bangfu demo: %s already holds %lld real case(s); demo data goes only into a "
		      "new file (use --db PATH)\n"),
		    ctx->db_path, (long long)existing);
		return 1;
	}
	/* Demo accounts, one per role, with passwords printed for all to see:
	 * never on a database with real accounts. */
	int64_t accounts = bf_account_count(&ctx->db);
	if (accounts != 0 && !bf_setting_int(&ctx->db, "demo", 0)) {
		fprintf(ctx->err,
		        _("bangfu demo: %s has real accounts; demo data goes only into a new file "
		          "(use --db PATH)\n"),
		        ctx->db_path);
		return 1;
	}
	/* The one exception to logging in: the demo generator writes as
	 * "(demo)" with an administrator's rights. */
	bf_store_set_session(&ctx->db, "(demo)", BF_ROLE_ADMIN);
	if (!bf_store_is_initialized(&ctx->db)) {
		struct bf_unit u;
		memset(&u, 0, sizeof u);
		bf_strlcpy(u.name, "演示机械制造有限公司", sizeof u.name);
		bf_strlcpy(u.code, "DEMO", sizeof u.code);
		bf_strlcpy(u.union_name, "演示机械制造有限公司工会", sizeof u.union_name);
		bf_strlcpy(u.district, "某某区总工会", sizeof u.district);
		bf_strlcpy(u.address, "某某区开华道7号", sizeof u.address);
		bf_strlcpy(u.contact, "王主席", sizeof u.contact);
		bf_strlcpy(u.phone, "022-12345678", sizeof u.phone);
		if (bf_unit_save(&ctx->db, &u, &err) != 0) {
			fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
			return 1;
		}
	}
	if (bf_setting_set(&ctx->db, "demo", "1", &err) != 0) {
		fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
		return 1;
	}
	static const struct {
		const char *name, *display, *password;
		enum bf_role role;
	} demo_accounts[] = {
	    {"admin", "王主席", "demo-admin", BF_ROLE_ADMIN},
	    {"clerk", "李干事", "demo-clerk", BF_ROLE_CLERK},
	    {"reviewer", "张审核", "demo-reviewer", BF_ROLE_REVIEWER},
	    {"district", "赵区工会", "demo-district", BF_ROLE_DISTRICT},
	};
	struct bf_account_new seed[BF_ARRAY_LEN(demo_accounts)];
	for (size_t i = 0; i < BF_ARRAY_LEN(demo_accounts); i++)
		seed[i] = (struct bf_account_new){demo_accounts[i].name, demo_accounts[i].display,
		                                  demo_accounts[i].role, demo_accounts[i].password};
	if (bf_account_seed(&ctx->db, seed, BF_ARRAY_LEN(seed), &err) < 0) {
		fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
		return 1;
	}
	fprintf(ctx->out, _("Demo accounts (for exploring only: these passwords are public):\n"));
	for (size_t i = 0; i < BF_ARRAY_LEN(demo_accounts); i++) {
		fputs("  ", ctx->out);
		bf_put_col(ctx->out, demo_accounts[i].name, 10);
		bf_put_col(ctx->out, demo_accounts[i].password, 15);
		fprintf(ctx->out, "%s\n", bf_role_label(demo_accounts[i].role));
	}
	int year;
	bf_date_to_ymd(ctx->today, &year, NULL, NULL);
	struct bf_sample s;
	bf_sample_seed(&s, (uint64_t)existing + 2026);
	struct bf_case *c = malloc(sizeof *c);
	if (!c)
		return 1;
	int saved = 0;
	for (int i = 0; i < ncases; i++) {
		bf_sample_case(&s, year, i, c);
		/* spread the files over every state of the workflow */
		bf_strlcpy(c->status, bf_state_code((enum bf_state)((i / 8) % BF_STATE_COUNT)),
		           sizeof c->status);
		/* a file with the district is frozen (bf_case_save, the checklist):
		 * its documents are taken in before it gets there */
		char want[24];
		bf_strlcpy(want, c->status, sizeof want);
		bool frozen = !strcmp(want, "submitted") || !strcmp(want, "accepted");
		if (frozen)
			bf_strlcpy(c->status, "publicity_passed", sizeof c->status);
		if (bf_case_save(&ctx->db, c, &err) != 0 ||
		    (strcmp(c->status, "draft") != 0 && receive_all(ctx, c->id, &err) != 0) ||
		    (frozen && (bf_strlcpy(c->status, want, sizeof c->status),
		                bf_case_save(&ctx->db, c, &err) != 0))) {
			fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
			break;
		}
		saved++;
	}
	free(c);
	fprintf(ctx->out, _("Demo database %s: %d sample case(s) added.\n"), ctx->db_path, saved);
	return saved == ncases ? 0 : 1;
}
