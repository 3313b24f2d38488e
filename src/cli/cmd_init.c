/* cmd_init.c — bangfu init: create the database and record the unit. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bangfu/cli.h"
#include "bangfu/store.h"

struct init_field {
	const char *flag;
	const char *question; /* msgid */
	char *dst;
	size_t n;
	bool required;
};

int bf_cmd_init(struct bf_ctx *ctx, int argc, char **argv)
{
	struct bf_unit u;
	memset(&u, 0, sizeof u);
	struct init_field fields[] = {
	    {"--unit", N_("Unit name (单位名称)"), u.name, sizeof u.name, true},
	    {"--code", N_("Unit code, used in file numbers"), u.code, sizeof u.code, false},
	    {"--union", N_("Unit union (基层工会)"), u.union_name, sizeof u.union_name, false},
	    {"--district", N_("District union it reports to (区总工会)"), u.district,
	     sizeof u.district, false},
	    {"--address", N_("Address"), u.address, sizeof u.address, false},
	    {"--contact", N_("Contact person"), u.contact, sizeof u.contact, false},
	    {"--phone", N_("Contact phone"), u.phone, sizeof u.phone, false},
	};
	bool interactive = isatty(STDIN_FILENO) && !bf_arg_flag(argc, argv, "--yes");
	for (size_t i = 0; i < BF_ARRAY_LEN(fields); i++) {
		const char *v = bf_arg_value(argc, argv, fields[i].flag);
		if (v) {
			if (!bf_strlcpy(fields[i].dst, v, fields[i].n)) {
				fprintf(ctx->err, _("bangfu init: %s is too long (at most %zu bytes)\n"),
				        fields[i].flag, fields[i].n - 1);
				return 2;
			}
			bf_trim(fields[i].dst);
		} else if (interactive) {
			if (!bf_prompt(ctx, _(fields[i].question), "", fields[i].dst, fields[i].n))
				return 2;
		}
		if (fields[i].required && !fields[i].dst[0]) {
			fprintf(ctx->err, _("bangfu init: the unit name is required (%s NAME)\n"),
			        fields[i].flag);
			return 2;
		}
	}
	u.district_mode = bf_arg_flag(argc, argv, "--district-mode");

	if (bf_ctx_open_db(ctx, true) != 0)
		return 1;
	if (bf_store_is_initialized(&ctx->db)) {
		fprintf(ctx->err, _("bangfu init: %s is already set up; nothing was changed\n"),
		        ctx->db_path);
		return 1;
	}
	bf_error err = {{0}};
	if (bf_unit_save(&ctx->db, &u, &err) != 0) {
		fprintf(ctx->err, "bangfu init: %s\n", err.msg);
		return 1;
	}
	fprintf(ctx->out, _("Created %s for %s.\n"), ctx->db_path, u.name);
	return 0;
}
