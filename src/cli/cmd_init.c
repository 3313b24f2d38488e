/* cmd_init.c — bangfu init: create the database and record the unit. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "bangfu/accounts.h"
#include "bangfu/cli.h"
#include "bangfu/store.h"

struct init_field {
	const char *flag;
	const char *question;          /* msgid */
	const char *district_question; /* msgid in a district's database; NULL: not asked */
	char *dst;
	size_t n;
	bool required;
};

int bf_cmd_init(struct bf_ctx *ctx, int argc, char **argv)
{
	struct bf_unit u;
	memset(&u, 0, sizeof u);
	/* A district's database asks the district's own questions: it is no
	 * unit, has no unit union and reports to nobody. */
	struct init_field fields[] = {
	    {"--unit", N_("Unit name (单位名称)"), N_("District union's name (区总工会名称)"),
	     u.name, sizeof u.name, true},
	    {"--code", N_("Unit code, used in file numbers"),
	     N_("District code, used in reply file names"), u.code, sizeof u.code, false},
	    {"--union", N_("Unit union (基层工会)"), NULL, u.union_name, sizeof u.union_name,
	     false},
	    {"--district", N_("District union it reports to (区总工会)"), NULL, u.district,
	     sizeof u.district, false},
	    {"--address", N_("Address"), N_("Address"), u.address, sizeof u.address, false},
	    {"--contact", N_("Contact person"), N_("Contact person"), u.contact, sizeof u.contact,
	     false},
	    {"--phone", N_("Contact phone"), N_("Contact phone"), u.phone, sizeof u.phone, false},
	};
	u.district_mode = bf_arg_flag(argc, argv, "--district-mode");
	bool interactive = isatty(STDIN_FILENO) && !bf_arg_flag(argc, argv, "--yes");
	for (size_t i = 0; i < BF_ARRAY_LEN(fields); i++) {
		const char *v = bf_arg_value(argc, argv, fields[i].flag);
		if (u.district_mode && !fields[i].district_question) {
			if (v) {
				fprintf(ctx->err,
				        _("bangfu init: %s is a unit's detail; a district's "
				          "database (--district-mode) has none\n"),
				        fields[i].flag);
				return 2;
			}
			continue;
		}
		const char *question =
		    u.district_mode ? fields[i].district_question : fields[i].question;
		if (v) {
			if (!bf_strlcpy(fields[i].dst, v, fields[i].n)) {
				fprintf(ctx->err,
				        _("bangfu init: %s is too long (at most %zu bytes)\n"),
				        fields[i].flag, fields[i].n - 1);
				return 2;
			}
			bf_trim(fields[i].dst);
		} else if (interactive) {
			if (!bf_prompt(ctx, _(question), "", fields[i].dst, fields[i].n))
				return 2;
		}
		if (fields[i].required && !fields[i].dst[0]) {
			fprintf(ctx->err,
			        u.district_mode
			            ? _("bangfu init: the district union's name is required (%s NAME)\n")
			            : _("bangfu init: the unit name is required (%s NAME)\n"),
			        fields[i].flag);
			return 2;
		}
	}
	if (bf_arg_value(argc, argv, "--password")) {
		fprintf(ctx->err,
		        _("bangfu init: a password is never given on the command line: it "
		          "is asked on the terminal, or read from --password-fd N\n"));
		return 2;
	}

	if (bf_ctx_open_db(ctx, true) != 0)
		return 1;
	bool initialized = bf_store_is_initialized(&ctx->db);
	int64_t accounts = bf_account_count(&ctx->db);
	if (accounts < 0) {
		fprintf(ctx->err, "bangfu init: %s\n", ctx->db.errmsg);
		return 1;
	}
	if (initialized && accounts > 0) {
		fprintf(ctx->err, _("bangfu init: %s is already set up; nothing was changed\n"),
		        ctx->db_path);
		return 1;
	}
	bf_error err = {{0}};
	if (accounts == 0 && !bf_ctx_can_ask_password(ctx)) {
		/* A script without a terminal: the unit now, the administrator at
		 * the first start (which asks for it before anything else). */
		if (initialized) {
			fprintf(ctx->err,
			        _("bangfu init: %s is already set up; nothing was changed\n"),
			        ctx->db_path);
			fprintf(ctx->err,
			        _("bangfu init: it has no administrator yet: give a password "
			          "with --password-fd N to create one\n"));
			return 1;
		}
		if (bf_unit_save(&ctx->db, &u, &err) != 0) {
			fprintf(ctx->err, "bangfu init: %s\n", err.msg);
			return 1;
		}
		fprintf(ctx->out, _("Created %s for %s.\n"), ctx->db_path, u.name);
		fprintf(ctx->err,
		        _("bangfu init: no administrator yet (no terminal to ask a password "
		          "on): bangfu asks for one at the first start, or run bangfu init "
		          "again with --password-fd N\n"));
		return 0;
	}
	if (accounts == 0) {
		/* The administrator's account, the first of all: named with --user
		 * (or BANGFU_USER), else asked; the password as for a login. */
		char admin[64];
		bf_strlcpy(admin, ctx->operator_given ? ctx->operator : "", sizeof admin);
		if (!admin[0] && interactive &&
		    !bf_prompt(ctx, _("Administrator's login name"), "", admin, sizeof admin))
			return 2;
		if (!admin[0]) {
			fprintf(ctx->err,
			        _("bangfu init: name the administrator's account with --user "
			          "NAME (its password is then asked, or read from "
			          "--password-fd N)\n"));
			return 2;
		}
		if (!bf_account_name_ok(admin, &err)) {
			fprintf(ctx->err, "bangfu init: %s\n", err.msg);
			return 2;
		}
		char prompt[160], again[160], pw[BF_PASSWORD_MAX + 2];
		snprintf(prompt, sizeof prompt, _("New password for the administrator %s: "),
		         admin);
		snprintf(again, sizeof again, "%s", _("The same password again: "));
		if (!bf_ctx_read_password(ctx, prompt, again, pw, sizeof pw))
			return 2;
		struct bf_account_new a = {admin, bf_arg_value(argc, argv, "--display"),
		                           BF_ROLE_ADMIN, pw};
		int rc = bf_account_seed(&ctx->db, &a, 1, &err);
		struct bf_login_result res = {0};
		if (rc == 0)
			rc = bf_account_login(&ctx->db, admin, pw, NULL, &res, &err) != 0 ? -1 : 0;
		sodium_memzero(pw, sizeof pw);
		if (rc < 0) {
			fprintf(ctx->err, "bangfu init: %s\n", err.msg);
			return 1;
		}
		if (rc == 1) {
			/* another terminal created one meanwhile */
			fprintf(ctx->err,
			        _("bangfu init: %s is already set up; nothing was changed\n"),
			        ctx->db_path);
			return 1;
		}
		if (res.status != BF_LOGIN_OK) {
			char msg[256];
			bf_login_message(res.status, res.wait_ms, msg, sizeof msg);
			fprintf(ctx->err, "bangfu init: %s\n", msg);
			return 1;
		}
		bf_strlcpy(ctx->operator, admin, sizeof ctx->operator);
		fprintf(ctx->out, _("Created the administrator's account %s.\n"), admin);
		if (initialized)
			return 0;
	} else if (bf_ctx_login(ctx) != 0) {
		/* accounts, but no unit yet: an administrator records it */
		return 1;
	}
	if (bf_store_require(&ctx->db, BF_PERM_SETTINGS, &err) != 0) {
		fprintf(ctx->err, "bangfu init: %s\n", err.msg);
		return 1;
	}
	if (bf_unit_save(&ctx->db, &u, &err) != 0) {
		fprintf(ctx->err, "bangfu init: %s\n", err.msg);
		return 1;
	}
	fprintf(ctx->out, _("Created %s for %s.\n"), ctx->db_path, u.name);
	return 0;
}
