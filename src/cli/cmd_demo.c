/* cmd_demo.c — bangfu demo: a database full of realistic sample cases. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/cli.h"
#include "bangfu/sample.h"
#include "bangfu/store.h"
#include "bangfu/workflow.h"

int bf_cmd_demo(struct bf_ctx *ctx, int argc, char **argv)
{
	int ncases = 60;
	const char *v = bf_arg_value(argc, argv, "--cases");
	if (v) {
		ncases = atoi(v);
		if (ncases < 1 || ncases > 200000) {
			fprintf(ctx->err, _("bangfu demo: --cases takes a number from 1 to 200000\n"));
			return 2;
		}
	}
	if (bf_ctx_open_db(ctx, true) != 0)
		return 1;
	bf_error err = {{0}};
	int64_t existing = 0;
	bf_db_int(&ctx->db, "SELECT count(*) FROM case_file", &existing);
	if (existing > 0 && !bf_setting_int(&ctx->db, "demo", 0)) {
		fprintf(ctx->err,
		        _("bangfu demo: %s already holds %lld real case(s); demo data goes only into a "
		          "new file (use --db PATH)\n"),
		        ctx->db_path, (long long)existing);
		return 1;
	}
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
		if (bf_case_save(&ctx->db, c, &err) != 0) {
			fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
			break;
		}
		saved++;
	}
	free(c);
	fprintf(ctx->out, _("Demo database %s: %d sample case(s) added.\n"), ctx->db_path, saved);
	return saved == ncases ? 0 : 1;
}
