/* ctx.h — the context passed to every command and screen. No global state
 * beyond the terminal: what a command needs travels in here. */
#ifndef BANGFU_CTX_H
#define BANGFU_CTX_H

#include <stdio.h>

#include "bangfu/date.h"
#include "bangfu/db.h"

struct bf_ctx {
	char db_path[1024];
	bf_db db; /* open once bf_ctx_open_db succeeded */
	bool db_open;
	char operator[64]; /* who is working: --user, BANGFU_USER, or the login name */
	/* Accounts: operator_given when named by --user or BANGFU_USER (not
	 * guessed). Passwords are read one a line from password_fd
	 * (--password-fd N) when password_from_fd, else asked on the terminal.
	 * login_failed: a login was tried and failed, it is not asked again. */
	bool operator_given;
	bool password_from_fd;
	int password_fd;
	bool login_failed;
	char lang[8];    /* "zh" or "en" */
	bool lang_given; /* chosen by --lang or BANGFU_LANG (not by the setting) */
	bf_date today;   /* bf_clock_today() (clock.h) */
	FILE *out;
	FILE *err;
};

/* Fill defaults from the environment: db path (BANGFU_DB or the default),
 * operator, today, language. */
void bf_ctx_init(struct bf_ctx *ctx);
/* Open the database at ctx->db_path, creating it when create is true. On
 * failure prints a clear message to ctx->err and returns non-zero.
 * Accounts (accounts.h): nobody is logged in after opening. The first write
 * (or bf_store_require) logs ctx->operator in, asking for the password then
 * (bf_ctx_login), so commands that only read never ask. A database that has
 * no account yet is in set-up mode: ctx->operator is recorded as before,
 * unchecked, until `bangfu init` (or the first start) creates the
 * administrator. */
int bf_ctx_open_db(struct bf_ctx *ctx, bool create);
/* Log ctx->operator in on the open database now: the password from
 * --password-fd or the terminal (without echo). A too-early retry after a
 * failure waits out a short delay first. Prints why it failed on ctx->err;
 * 0 when logged in. */
int bf_ctx_login(struct bf_ctx *ctx);
/* Whether a password can be had: --password-fd, or a terminal. */
bool bf_ctx_can_ask_password(struct bf_ctx *ctx);
/* Read one password: a line from --password-fd, or from the terminal
 * without echo after prompt. false (and a message on ctx->err) when there
 * is none. confirm (terminal only, may be NULL): ask twice, must match. */
bool bf_ctx_read_password(struct bf_ctx *ctx, const char *prompt, const char *confirm, char *buf,
                          size_t n);
void bf_ctx_close(struct bf_ctx *ctx);
/* Apply ctx->lang to gettext (LANGUAGE=zh_CN or en). */
void bf_ctx_apply_lang(struct bf_ctx *ctx);

#endif
