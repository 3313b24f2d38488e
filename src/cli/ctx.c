/* ctx.c — the context: database path, operator, language, today. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "bangfu/accounts.h"
#include "bangfu/clock.h"
#include "bangfu/ctx.h"
#include "bangfu/store.h"
#include "bangfu/vault.h"

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
	ctx->operator_given = env && env[0];
	ctx->password_fd = -1;
	if (!env || !env[0]) {
		struct passwd *pw = getpwuid(getuid());
		env = pw ? pw->pw_name : getenv("USER");
	}
	bf_strlcpy(ctx->operator, env ? env : "operator", sizeof ctx->operator);

	ctx->today = bf_clock_today();

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

/* ---- passwords ------------------------------------------------------------------ */

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* One line from fd, byte by byte so that the next line stays for the next
 * read. -1 on error, 0 at EOF with nothing read, else 1. */
static int read_line(int fd, char *buf, size_t n, bool *too_long)
{
	size_t len = 0;
	bool any = false;
	*too_long = false;
	for (;;) {
		char c;
		ssize_t r = read(fd, &c, 1);
		if (r < 0) {
			if (errno == EINTR && !interrupted)
				continue;
			return -1;
		}
		if (r == 0)
			break;
		any = true;
		if (c == '\n')
			break;
		if (len + 1 < n)
			buf[len++] = c;
		else
			*too_long = true;
	}
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	buf[len] = '\0';
	return any ? 1 : 0;
}

/* Ask on the terminal without echo. */
static bool ask_tty(struct bf_ctx *ctx, const char *prompt, char *buf, size_t n)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY);
	if (fd < 0) {
		fprintf(ctx->err,
		        _("bangfu: there is no terminal to ask for the password on: give it on a "
		          "file descriptor with --password-fd N\n"));
		return false;
	}
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	struct termios old, quiet;
	bool have_termios = tcgetattr(fd, &old) == 0;
	if (have_termios) {
		quiet = old;
		quiet.c_lflag &= (tcflag_t) ~(ECHO | ECHOE | ECHOK);
		quiet.c_lflag |= ECHONL;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	struct sigaction sa, old_int, old_term, old_quit;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGQUIT, &sa, &old_quit);
	if (write(fd, prompt, strlen(prompt)) < 0) {
		/* nothing to do: the read below fails too */
	}
	bool too_long;
	int r = read_line(fd, buf, n, &too_long);
	if (have_termios)
		tcsetattr(fd, TCSAFLUSH, &old);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (interrupted && write(fd, "\n", 1) < 0) {
		/* the terminal went away */
	}
	close(fd);
	if (interrupted) {
		sodium_memzero(buf, n);
		raise(SIGINT);
		return false;
	}
	if (r <= 0 || too_long) {
		sodium_memzero(buf, n);
		if (too_long)
			fprintf(ctx->err, _("bangfu: the password is too long\n"));
		return false;
	}
	return true;
}

bool bf_ctx_can_ask_password(struct bf_ctx *ctx)
{
	if (ctx->password_from_fd)
		return true;
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

bool bf_ctx_read_password(struct bf_ctx *ctx, const char *prompt, const char *confirm, char *buf,
                          size_t n)
{
	if (ctx->password_from_fd) {
		bool too_long;
		int r = read_line(ctx->password_fd, buf, n, &too_long);
		if (r <= 0 || too_long) {
			sodium_memzero(buf, n);
			fprintf(ctx->err,
			        too_long
			            ? _("bangfu: the password on file descriptor %d is too long\n")
			            : _("bangfu: no password (line) left on file descriptor %d\n"),
			        ctx->password_fd);
			return false;
		}
		return true;
	}
	if (!ask_tty(ctx, prompt, buf, n))
		return false;
	if (!confirm)
		return true;
	char again[BF_PASSWORD_MAX + 2];
	if (!ask_tty(ctx, confirm, again, sizeof again)) {
		sodium_memzero(buf, n);
		return false;
	}
	bool same = !strcmp(buf, again);
	sodium_memzero(again, sizeof again);
	if (!same) {
		sodium_memzero(buf, n);
		fprintf(ctx->err, _("bangfu: the two passwords differ; nothing was changed\n"));
		return false;
	}
	return true;
}

/* ---- logging in ---------------------------------------------------------------- */

void bf_ctx_show_recovery(struct bf_ctx *ctx)
{
	if (!ctx->db.new_recovery[0])
		return;
	fprintf(ctx->err,
	        _("bangfu: the personal data in this database are now encrypted. The recovery "
	          "code below opens them when every administrator's password is lost. Write it "
	          "on paper for the union chair to keep locked away; it is shown only now:\n\n"
	          "    %s\n\n"),
	        ctx->db.new_recovery);
	sodium_memzero(ctx->db.new_recovery, sizeof ctx->db.new_recovery);
}

/* Waiting out a delay longer than this is left to the user. */
#define BF_CLI_WAIT_MAX_MS 10000

int bf_ctx_login(struct bf_ctx *ctx)
{
	if (!ctx->db_open)
		return -1;
	if (ctx->login_failed)
		return -1;
	if (!ctx->operator_given) {
		fprintf(ctx->err,
		        _("bangfu: log in first: say who you are with --user NAME (the password is "
		          "then asked on the terminal, or read from --password-fd N)\n"));
		ctx->login_failed = true;
		return -1;
	}
	char prompt[160];
	snprintf(prompt, sizeof prompt, _("Password for %s: "), ctx->operator);
	char pw[BF_PASSWORD_MAX + 2];
	if (!bf_ctx_read_password(ctx, prompt, NULL, pw, sizeof pw)) {
		ctx->login_failed = true;
		return -1;
	}
	bf_error err = {{0}};
	struct bf_login_result res;
	int rc = bf_account_login(&ctx->db, ctx->operator, pw, NULL, &res, &err);
	if (rc == 0 && res.status == BF_LOGIN_WAIT && res.wait_ms <= BF_CLI_WAIT_MAX_MS) {
		/* the growing delay after a failure: wait it out, then try */
		fprintf(ctx->err, _("bangfu: waiting %lld s after the last failed attempt…\n"),
		        (long long)((res.wait_ms + 999) / 1000));
		struct timespec ts = {(time_t)(res.wait_ms / 1000 + 1), 0};
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
		rc = bf_account_login(&ctx->db, ctx->operator, pw, NULL, &res, &err);
	}
	if (rc == 0 && res.status == BF_LOGIN_OK)
		bf_strlcpy(ctx->login_password, pw, sizeof ctx->login_password);
	sodium_memzero(pw, sizeof pw);
	if (rc != 0) {
		fprintf(ctx->err, "bangfu: %s\n", err.msg);
		ctx->login_failed = true;
		return -1;
	}
	if (res.status != BF_LOGIN_OK) {
		char msg[256];
		bf_login_message(res.status, res.wait_ms, msg, sizeof msg);
		fprintf(ctx->err, "bangfu: %s\n", msg);
		ctx->login_failed = true;
		return -1;
	}
	bf_strlcpy(ctx->operator, res.account.name, sizeof ctx->operator);
	bf_ctx_show_recovery(ctx);
	if (!bf_vault_unlocked(&ctx->db))
		fprintf(ctx->err,
		        _("bangfu: your account has no key to the personal data yet (it was made "
		          "before the data were encrypted): ask the administrator to reset your "
		          "password once\n"));
	if (res.account.must_change)
		fprintf(ctx->err, _("bangfu: your password was reset by an administrator: choose a "
		                    "new one with `bangfu user passwd` before anything else\n"));
	return 0;
}

/* bf_db_begin and bf_store_require call this when a write needs an
 * operator and nobody is logged in. */
/* Waiting for another operator's write lock: said on the first notice and
 * every few seconds after (db.h: bf_db_begin_long). */
static void busy_notice(bf_db *db, const char *msg, void *ud)
{
	struct bf_ctx *ctx = ud;
	double waited = db->busy_told_ms - db->busy_since_ms;
	if (waited < 1 || (long long)(waited / 1000) % 5 == 0)
		fprintf(ctx->err, _("bangfu: waiting: %s\n"), msg);
}

static int login_hook(bf_db *db, void *ud)
{
	struct bf_ctx *ctx = ud;
	int64_t accounts = bf_account_count(db);
	if (accounts < 0)
		return -1;
	if (accounts == 0) {
		/* set-up mode */
		if (!db->actor[0])
			bf_db_set_actor(db, ctx->operator);
		return 0;
	}
	if (bf_ctx_login(ctx) != 0) {
		snprintf(db->errmsg, sizeof db->errmsg, "%s",
		         _("not logged in: nothing was changed"));
		return -1;
	}
	return 0;
}

/* The seal of what an old database holds unsealed (a first login or init
 * on a database written before sealing at rest, or after a step that seals
 * more columns): a line on the terminal while it runs, erased at its end. */
static bool seal_line(void *ud, size_t done, size_t total)
{
	struct bf_ctx *ctx = ud;
	if (!ctx->seal_shown) {
		fflush(ctx->err);
		bf_progress_start(&ctx->seal_pr, stderr,
		                  _("Sealing the personal data stored before (audit entries)"),
		                  total);
		ctx->seal_shown = true;
	}
	bf_progress_cb(&ctx->seal_pr, done, total);
	if (total && done >= total) {
		bf_progress_end(&ctx->seal_pr);
		ctx->seal_shown = false;
	}
	return true;
}

int bf_ctx_gate(struct bf_ctx *ctx, unsigned perms)
{
	if (bf_ctx_open_db(ctx, false) != 0)
		return -1;
	int64_t accounts = bf_account_count(&ctx->db);
	if (accounts < 0) {
		fprintf(ctx->err, "bangfu: %s\n", ctx->db.errmsg);
		return -1;
	}
	if (accounts == 0) {
		fprintf(ctx->err,
		        _("bangfu: %s has no administrator yet: create one with bangfu init "
		          "--admin NAME (or at the first start of bangfu)\n"),
		        ctx->db_path);
		return -1;
	}
	if (!ctx->db.role && bf_ctx_login(ctx) != 0)
		return -1;
	int first = -1;
	for (int p = 0; p < BF_PERM_COUNT; p++) {
		if (!(perms & (1u << p)))
			continue;
		if (bf_store_can(&ctx->db, (enum bf_perm)p)) {
			ctx->gate = BF_CLI_GATE_PASSED;
			return 0;
		}
		if (first < 0)
			first = p;
	}
	/* who may: the roles holding any one of the permissions here (in a
	 * district's database its administrator too) */
	bool district = bf_store_is_district(&ctx->db);
	enum bf_role role = (enum bf_role)ctx->db.role;
	char who[256];
	bf_perm_who(perms, district, who, sizeof who);
	if (first >= 0 && who[0] && !bf_perm_any_at(role, perms, district)) {
		fprintf(ctx->err, "bangfu: ");
		/* TRANSLATORS: "Clerk: may not close files." */
		fprintf(ctx->err, _("%s: may not %s."), bf_role_label(role),
		        bf_perm_label((enum bf_perm)first));
		fprintf(ctx->err, _(" Who may: %s"), who);
		fputc('\n', ctx->err);
		return -1;
	}
	/* a role that may, refused after a password reset, is told only that */
	bf_error err = {{0}};
	if (first < 0 || bf_store_require(&ctx->db, (enum bf_perm)first, &err) == 0)
		bf_error_set(&err, "%s", _("this command needs a permission no role has"));
	fprintf(ctx->err, "bangfu: %s\n", err.msg);
	return -1;
}

int bf_ctx_open_db(struct bf_ctx *ctx, bool create)
{
	if (ctx->db_open)
		return 0;
	if (ctx->gate == BF_CLI_GATE_CLOSED) {
		fprintf(ctx->err,
		        _("bangfu: this command line is not in the table of who may run what "
		          "(bangfu help permissions): put the subcommand right after the "
		          "command\n"));
		return -1;
	}
	bf_error err = {{0}};
	int flags = (create ? BF_DB_CREATE : 0) | (ctx->init_asked ? BF_DB_INIT : 0);
	struct bf_progress pr;
	fflush(ctx->err);
	bf_progress_start(&pr, stderr, _("Upgrading the database (steps)"), 0);
	int orc = bf_store_open_progress(&ctx->db, ctx->db_path, flags, bf_progress_cb, &pr, &err);
	bf_progress_end(&pr);
	if (orc != 0) {
		fprintf(ctx->err, "bangfu: %s\n", err.msg);
		return -1;
	}
	ctx->db_open = true;
	ctx->db.seal_progress = seal_line;
	ctx->db.seal_ud = ctx;
	char note[1400];
	if (bf_ctx_upgrade_note(ctx, false, note, sizeof note))
		fprintf(ctx->err, "bangfu: %s\n", note);
	/* Set-up mode (no account yet): the operator is taken at their word,
	 * as before accounts existed. Otherwise the first write logs in; until
	 * then the name given is only pending (bf_actor() is NULL). */
	if (bf_account_count(&ctx->db) == 0) {
		bf_db_set_actor(&ctx->db, ctx->operator);
	} else if (ctx->operator_given) {
		bf_db_set_actor(&ctx->db, ctx->operator);
		ctx->db.actor_pending = true;
	}
	ctx->db.login_hook = login_hook;
	ctx->db.login_ud = ctx;
	ctx->db.busy_notify = busy_notice;
	ctx->db.busy_ud = ctx;
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

bool bf_ctx_upgrade_note(const struct bf_ctx *ctx, bool brief, char *buf, size_t n)
{
	const bf_db *db = &ctx->db;
	if (!ctx->db_open || !db->upgrade_to || !db->upgrade_backup[0])
		return false;
	if (brief) {
		const char *slash = strrchr(db->upgrade_backup, '/');
		snprintf(buf, n, _("Database upgraded (schema %d to %d); the copy as it was: %s"),
		         db->upgrade_from, db->upgrade_to, slash ? slash + 1 : db->upgrade_backup);
	} else {
		snprintf(buf, n,
		         _("%s was upgraded from schema %d to %d; a copy of it as it was is at %s"),
		         db->path, db->upgrade_from, db->upgrade_to, db->upgrade_backup);
	}
	return true;
}

void bf_ctx_close(struct bf_ctx *ctx)
{
	sodium_memzero(ctx->login_password, sizeof ctx->login_password);
	if (ctx->seal_shown) { /* a seal that failed half-way: its line erased */
		bf_progress_end(&ctx->seal_pr);
		ctx->seal_shown = false;
	}
	if (ctx->db_open) {
		bf_db_close(&ctx->db);
		ctx->db_open = false;
	}
}
