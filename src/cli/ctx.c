/* ctx.c — the context: database path, operator, language, today. */
#include "config.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bangfu/ctx.h"
#include "bangfu/store.h"

void bf_ctx_init(struct bf_ctx *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->out = stdout;
	ctx->err = stderr;
	const char *env = getenv("BANGFU_DB");
	if (env && env[0])
		bf_strlcpy(ctx->db_path, env, sizeof ctx->db_path);
	else
		bf_store_default_path(ctx->db_path, sizeof ctx->db_path);

	env = getenv("BANGFU_USER");
	if (!env || !env[0]) {
		struct passwd *pw = getpwuid(getuid());
		env = pw ? pw->pw_name : getenv("USER");
	}
	bf_strlcpy(ctx->operator, env ? env : "operator", sizeof ctx->operator);

	ctx->today = bf_date_today();
	env = getenv("BANGFU_TODAY");
	if (env && env[0]) {
		bf_date d;
		if (bf_date_parse(env, &d))
			ctx->today = d;
	}

	bf_strlcpy(ctx->lang, "zh", sizeof ctx->lang);
	env = getenv("BANGFU_LANG");
	if (env && (strcmp(env, "en") == 0 || strcmp(env, "zh") == 0)) {
		bf_strlcpy(ctx->lang, env, sizeof ctx->lang);
		ctx->lang_given = true;
	}
}

void bf_ctx_apply_lang(struct bf_ctx *ctx)
{
	/* Chinese is the default on any UTF-8 locale, C.UTF-8 included: the
	 * catalogue is chosen through LANGUAGE, which glibc honours for every
	 * locale but plain "C". */
	setenv("LANGUAGE", strcmp(ctx->lang, "en") == 0 ? "en" : "zh_CN", 1);
	textdomain(PACKAGE); /* flushes gettext's cache of translations */
}

int bf_ctx_open_db(struct bf_ctx *ctx, bool create)
{
	if (ctx->db_open)
		return 0;
	bf_error err = {{0}};
	if (bf_store_open(&ctx->db, ctx->db_path, create ? BF_DB_CREATE : 0, &err) != 0) {
		fprintf(ctx->err, "bangfu: %s\n", err.msg);
		return -1;
	}
	ctx->db_open = true;
	bf_db_set_actor(&ctx->db, ctx->operator);
	if (!ctx->lang_given) {
		char lang[8];
		bf_setting_text(&ctx->db, "lang", ctx->lang, lang, sizeof lang);
		if (strcmp(lang, ctx->lang) != 0 && (!strcmp(lang, "en") || !strcmp(lang, "zh"))) {
			bf_strlcpy(ctx->lang, lang, sizeof ctx->lang);
			bf_ctx_apply_lang(ctx);
		}
	}
	return 0;
}

void bf_ctx_close(struct bf_ctx *ctx)
{
	if (ctx->db_open) {
		bf_db_close(&ctx->db);
		ctx->db_open = false;
	}
}
