/* cmd_recover.c — bangfu recover --user NAME: the union chair's recovery
 * code (shown once at set-up, kept on paper) opens the encrypted data when
 * every administrator's password is lost, and sets a new password for an
 * administrator's account; nothing is lost. A new recovery code replaces
 * the one used. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "bangfu/accounts.h"
#include "bangfu/cli.h"
#include "bangfu/store.h"
#include "bangfu/vault.h"

int bf_cmd_recover(struct bf_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (!ctx->operator_given) {
		fprintf(ctx->err, "%s\n",
		        _("bangfu recover: name the administrator's account to give a new password "
		          "with --user NAME"));
		return 2;
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	struct bf_account a;
	int rc = bf_account_get(&ctx->db, ctx->operator, &a, &err);
	if (rc != 0 || a.role != BF_ROLE_ADMIN || a.disabled) {
		fprintf(ctx->err, _("bangfu recover: %s is not an administrator's account that can "
		                    "log in\n"),
		        ctx->operator);
		return 1;
	}
	char code[BF_RECOVERY_CODE_SZ + 16], pw[BF_PASSWORD_MAX + 2];
	if (!bf_ctx_read_password(ctx, _("Recovery code: "), NULL, code, sizeof code))
		return 1;
	rc = bf_vault_unlock_recovery(&ctx->db, code, &err);
	sodium_memzero(code, sizeof code);
	if (rc != 0) {
		fprintf(ctx->err, "bangfu recover: %s\n", err.msg);
		return 1;
	}
	char prompt[160];
	snprintf(prompt, sizeof prompt, _("New password for %s: "), a.name);
	if (!bf_ctx_read_password(ctx, prompt, _("The same again: "), pw, sizeof pw)) {
		bf_vault_lock(&ctx->db);
		return 1;
	}
	/* the recovery acts as the administrator for this one change, recorded
	 * in the audit log as "(recovery)" */
	bf_store_set_session(&ctx->db, "(recovery)", BF_ROLE_ADMIN);
	rc = bf_account_reset(&ctx->db, a.name, pw, &err);
	sodium_memzero(pw, sizeof pw);
	bool own = false;
	if (rc == 0 && bf_db_join(&ctx->db, &own, &err) == 0) {
		rc = bf_vault_new_recovery(&ctx->db, ctx->db.new_recovery, &err);
		rc = bf_db_finish(&ctx->db, own, rc, &err);
	}
	bf_account_logout(&ctx->db);
	if (rc != 0) {
		fprintf(ctx->err, "bangfu recover: %s\n", err.msg);
		return 1;
	}
	fprintf(ctx->out,
	        _("%s has a new password (to be changed at the next login). The old recovery "
	          "code no longer works.\n"),
	        a.name);
	fflush(ctx->out);
	bf_ctx_show_recovery(ctx);
	return 0;
}
