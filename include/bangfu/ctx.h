/* ctx.h — the context passed to every command and screen. No global state
 * beyond the terminal: what a command needs travels in here. */
#ifndef BANGFU_CTX_H
#define BANGFU_CTX_H

#include <stdio.h>

#include "bangfu/date.h"
#include "bangfu/db.h"

struct bf_ctx {
	char db_path[1024];
	bf_db db;           /* open once bf_ctx_open_db succeeded */
	bool db_open;
	char operator[64];  /* who is working: --user, BANGFU_USER, or the login name */
	char lang[8];       /* "zh" or "en" */
	bool lang_given;    /* chosen by --lang or BANGFU_LANG (not by the setting) */
	bf_date today;      /* BANGFU_TODAY=YYYY-MM-DD overrides (tests) */
	FILE *out;
	FILE *err;
};

/* Fill defaults from the environment: db path (BANGFU_DB or the default),
 * operator, today, language. */
void bf_ctx_init(struct bf_ctx *ctx);
/* Open the database at ctx->db_path, creating it when create is true, and
 * set the operator as audit actor. On failure prints a clear message to
 * ctx->err and returns non-zero. */
int bf_ctx_open_db(struct bf_ctx *ctx, bool create);
void bf_ctx_close(struct bf_ctx *ctx);
/* Apply ctx->lang to gettext (LANGUAGE=zh_CN or en). */
void bf_ctx_apply_lang(struct bf_ctx *ctx);

#endif
