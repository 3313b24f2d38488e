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

/* The administrator's name (admin, asked when empty on a terminal) and
 * password (pw, from the terminal twice or --password-fd), checked. 0, or
 * -1 with the reason printed. */
static int get_admin(struct bf_ctx *ctx, bool interactive, char *admin, size_t admin_n, char *pw,
                     size_t pw_n)
{
	bf_error err = {{0}};
	if (!admin[0] && interactive &&
	    !bf_prompt(ctx, _("Administrator's login name"), "", admin, admin_n))
		return -1;
	if (!admin[0]) {
		fprintf(ctx->err, _("bangfu init: name the administrator's account with --admin "
		                    "NAME or --user NAME (its password is then asked, or read from "
		                    "--password-fd N)\n"));
		return -1;
	}
	if (!bf_account_name_ok(admin, &err)) {
		fprintf(ctx->err, "bangfu init: %s\n", err.msg);
		return -1;
	}
	if (!bf_ctx_can_ask_password(ctx)) {
		fprintf(ctx->err, _("bangfu init: the administrator's password is needed: there is "
		                    "no terminal to ask it on, give it with --password-fd N (nothing "
		                    "was created)\n"));
		return -1;
	}
	char prompt[160], again[160];
	snprintf(prompt, sizeof prompt, _("New password for the administrator %s: "), admin);
	snprintf(again, sizeof again, "%s", _("The same password again: "));
	if (!bf_ctx_read_password(ctx, prompt, again, pw, pw_n))
		return -1;
	if (!bf_password_ok(pw, admin, &err)) {
		sodium_memzero(pw, pw_n);
		fprintf(ctx->err, "bangfu init: %s\n", err.msg);
		return -1;
	}
	return 0;
}

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

	/* The administrator's account comes with the database, never after it:
	 * named with --admin (or --user, BANGFU_USER), else asked; the password
	 * as for a login. For a new file both are had before it is created. */
	char admin[64] = "", pw[BF_PASSWORD_MAX + 2] = "";
	bool have_pw = false;
	bf_error err = {{0}};
	const char *admin_arg = bf_arg_value(argc, argv, "--admin");
	bf_strlcpy(admin, admin_arg ? admin_arg : ctx->operator_given ? ctx->operator : "",
	           sizeof admin);
	bool exists = access(ctx->db_path, F_OK) == 0;
	if (!exists && get_admin(ctx, interactive, admin, sizeof admin, pw, sizeof pw) != 0)
		return 2;
	have_pw = !exists;

	int ret = 1;
	ctx->init_asked = true;
	if (bf_ctx_open_db(ctx, true) != 0)
		goto out;
	bool initialized = bf_store_is_initialized(&ctx->db);
	int64_t accounts = bf_account_count(&ctx->db);
	if (accounts < 0) {
		fprintf(ctx->err, "bangfu init: %s\n", ctx->db.errmsg);
		goto out;
	}
	if (initialized && accounts > 0) {
		fprintf(ctx->err, _("bangfu init: %s is already set up; nothing was changed\n"),
		        ctx->db_path);
		goto out;
	}
	if (accounts == 0) {
		if (!have_pw && get_admin(ctx, interactive, admin, sizeof admin, pw, sizeof pw) != 0) {
			ret = 2;
			goto out;
		}
		struct bf_account_new a = {admin, bf_arg_value(argc, argv, "--display"),
		                           BF_ROLE_ADMIN, pw};
		int rc = bf_account_seed(&ctx->db, &a, 1, &err);
		struct bf_login_result res = {0};
		if (rc == 0)
			rc = bf_account_login(&ctx->db, admin, pw, NULL, &res, &err) != 0 ? -1 : 0;
		if (rc < 0) {
			fprintf(ctx->err, "bangfu init: %s\n", err.msg);
			goto out;
		}
		if (rc == 1) {
			/* another terminal created one meanwhile */
			fprintf(ctx->err,
			        _("bangfu init: %s is already set up; nothing was changed\n"),
			        ctx->db_path);
			goto out;
		}
		if (res.status != BF_LOGIN_OK) {
			char msg[256];
			bf_login_message(res.status, res.wait_ms, msg, sizeof msg);
			fprintf(ctx->err, "bangfu init: %s\n", msg);
			goto out;
		}
		bf_strlcpy(ctx->operator, admin, sizeof ctx->operator);
		fprintf(ctx->out, _("Created the administrator's account %s.\n"), admin);
		bf_ctx_show_recovery(ctx);
		if (initialized) {
			ret = 0;
			goto out;
		}
	} else if (bf_ctx_login(ctx) != 0) {
		/* accounts, but no unit yet: an administrator records it */
		goto out;
	}
	if (bf_store_require(&ctx->db, BF_PERM_SETTINGS, &err) != 0) {
		fprintf(ctx->err, "bangfu init: %s\n", err.msg);
		goto out;
	}
	if (bf_unit_save(&ctx->db, &u, &err) != 0) {
		fprintf(ctx->err, "bangfu init: %s\n", err.msg);
		goto out;
	}
	fprintf(ctx->out, _("Created %s for %s.\n"), ctx->db_path, u.name);
	ret = 0;
out:
	sodium_memzero(pw, sizeof pw);
	return ret;
}
