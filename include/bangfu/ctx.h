/* ctx.h — the context passed to every command and screen. No global state
 * beyond the terminal: what a command needs travels in here. */
#ifndef BANGFU_CTX_H
#define BANGFU_CTX_H

#include <stdio.h>

#include "bangfu/date.h"
#include "bangfu/db.h"
#include "bangfu/login.h"

struct bf_ctx {
	char db_path[1024];
	bf_db db; /* open once bf_ctx_open_db succeeded */
	bool db_open;
	/* init or demo: an existing empty file may be made a database (any other
	 * command refuses a 0-byte or empty file: it is not ours) */
	bool init_asked;
	char operator[64]; /* who is working: --user, BANGFU_USER, or the login name */
	/* Accounts: operator_given when named by --user or BANGFU_USER (not
	 * guessed). Passwords are read one a line from password_fd
	 * (--password-fd N) when password_from_fd, else asked on the terminal.
	 * login_failed: a login was tried and failed, it is not asked again. */
	bool operator_given;
	bool password_from_fd;
	int password_fd;
	bool login_failed;
	/* The password of the login bf_ctx_login made, for a command that needs
	 * it again (user passwd); zeroed by bf_ctx_close. */
	char login_password[BF_PASSWORD_MAX + 2];
	/* The command line's row in BF_CLI_PERMS (cli.h): BF_CLI_GATE_OPEN none
	 * needed (or not checked yet), BF_CLI_GATE_PASSED logged in and allowed
	 * (bf_ctx_gate), BF_CLI_GATE_CLOSED no row: the database stays closed. */
	enum { BF_CLI_GATE_OPEN, BF_CLI_GATE_PASSED, BF_CLI_GATE_CLOSED } gate;
	char lang[8];    /* "zh" or "en" */
	bool lang_given; /* chosen by --lang or BANGFU_LANG (not by the setting) */
	bf_date today;   /* bf_clock_today() (clock.h) */
	bool force;      /* --force: files written may replace existing ones (outfile.h) */
	FILE *out;
	FILE *err;
	/* the line of the seal of old values (db.seal_progress), while shown */
	struct bf_progress seal_pr;
	bool seal_shown;
};

/* Fill defaults from the environment: db path (BANGFU_DB or the default),
 * operator, today, language. */
void bf_ctx_init(struct bf_ctx *ctx);
/* Open the database at ctx->db_path, creating it when create is true. On
 * failure prints a clear message to ctx->err and returns non-zero.
 * Accounts (accounts.h): the command line's gate (bf_ctx_gate) has logged
 * the operator in already; otherwise the first write (or bf_store_require)
 * does. A database that has no account yet (only `bangfu init`, the demo
 * and the first start of the full-screen application get that far) is in
 * set-up mode: ctx->operator is recorded, unchecked, until the
 * administrator is created. Refused (-1) when the gate is closed. */
int bf_ctx_open_db(struct bf_ctx *ctx, bool create);
/* When opening upgraded the file's schema: the sentence that says so and
 * names the copy made first (bf_ctx_open_db prints it on ctx->err; the
 * full-screen application shows the brief form, with the copy's file name
 * only, on its message line). false when nothing was upgraded. */
bool bf_ctx_upgrade_note(const struct bf_ctx *ctx, bool brief, char *buf, size_t n);
/* Log ctx->operator in on the open database now: the password from
 * --password-fd or the terminal (without echo). A too-early retry after a
 * failure waits out a short delay first. Prints why it failed on ctx->err;
 * 0 when logged in. */
int bf_ctx_login(struct bf_ctx *ctx);
/* Before a command runs: open the database (it must exist and have an
 * administrator), log ctx->operator in (bf_ctx_login) and check the role
 * holds one of perms (BF_P bits of perm.h's permissions). Prints why not on
 * ctx->err, naming the roles that may; 0 when the command may run. */
int bf_ctx_gate(struct bf_ctx *ctx, unsigned perms);
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

/* Show the recovery code a seed or an upgrade just made (db.new_recovery),
 * once, on the error stream, and forget it. */
void bf_ctx_show_recovery(struct bf_ctx *ctx);

#endif
