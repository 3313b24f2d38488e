/* main.c — bangfu's entry point: global options, then the subcommand table. */
#include "config.h"

#include "bf_commit.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bangfu/clock.h"
#include "bangfu/cli.h"
#include "bangfu/ctx.h"
#include "bangfu/sanitize.h"

struct bf_command {
	const char *name;
	int (*fn)(struct bf_ctx *, int, char **);
	const char *usage;
	const char *summary;
};

#define BF_CMD_ROW(name, fn, usage, summary) {name, fn, usage, summary},
static const struct bf_command commands[] = {BF_COMMANDS(BF_CMD_ROW)};
#undef BF_CMD_ROW

#define BF_PERM_ROW(command, sub, perms) {command, sub, perms},
static const struct bf_cli_perm cli_perms[] = {BF_CLI_PERMS(BF_PERM_ROW)};
#undef BF_PERM_ROW

const struct bf_cli_perm *bf_cli_perm_rows(size_t *n)
{
	*n = BF_ARRAY_LEN(cli_perms);
	return cli_perms;
}

static const struct bf_cli_perm *perm_row(const char *command, const char *sub)
{
	for (size_t i = 0; i < BF_ARRAY_LEN(cli_perms); i++)
		if (!strcmp(cli_perms[i].command, command) && !strcmp(cli_perms[i].sub, sub))
			return &cli_perms[i];
	return NULL;
}

const struct bf_cli_perm *bf_cli_perm_find(int argc, char **argv)
{
	/* the first word after the command that is not an option, and the next */
	const char *w[2] = {NULL, NULL};
	int k = 0;
	for (int i = 1; i < argc && k < 2; i++) {
		if (argv[i][0] == '-' && k == 0)
			continue;
		if (argv[i][0] == '-')
			break;
		w[k++] = argv[i];
	}
	const struct bf_cli_perm *row = NULL;
	if (w[0] && w[1]) {
		char two[128];
		snprintf(two, sizeof two, "%s %s", w[0], w[1]);
		row = perm_row(argv[0], two);
	}
	if (!row && w[0])
		row = perm_row(argv[0], w[0]);
	if (!row)
		row = perm_row(argv[0], "");
	return row;
}

/* bangfu help permissions: the table, one row a line, tab-separated:
 * command line, permission codes (any one will do), roles that may. */
static void print_permissions(FILE *f)
{
	for (size_t i = 0; i < BF_ARRAY_LEN(cli_perms); i++) {
		const struct bf_cli_perm *r = &cli_perms[i];
		fprintf(f, "%s%s%s\t", r->command, r->sub[0] ? " " : "", r->sub);
		if (r->perms == BF_CLI_OPEN) {
			fprintf(f, "-\t%s\n", _("no login"));
			continue;
		}
		const char *sep = "";
		for (int p = 0; p < BF_PERM_COUNT; p++)
			if (r->perms & (1u << p)) {
				fprintf(f, "%s%s", sep, bf_perm_code((enum bf_perm)p));
				sep = ",";
			}
		fputc('\t', f);
		sep = "";
		for (int role = BF_ROLE_NONE + 1; role < BF_ROLE_END; role++)
			if (bf_perm_any((enum bf_role)role, r->perms)) {
				fprintf(f, "%s%s", sep, bf_role_code((enum bf_role)role));
				sep = ",";
			}
		fputc('\n', f);
	}
	/* bf_perm_allowed_at: the district's own administrator */
	fprintf(f, "# %s\n",
	        _("in a district's database (init --district-mode) the administrator may also "
	          "run what district staff may"));
}

static void usage(FILE *f)
{
	fputs(_("Usage: bangfu [--db PATH] [--lang zh|en] [--user NAME] [COMMAND [ARGS]]\n"), f);
	fputs(_("Hardship-assistance casework for trade unions (困难职工帮扶).\n\n"), f);
	fputs(_("Without a command, bangfu opens the full-screen application.\n\n"), f);
	fputs(_("Commands:\n"), f);
	for (size_t i = 0; i < BF_ARRAY_LEN(commands); i++)
		fprintf(f, "  %-10s %s\n             bangfu %s\n", commands[i].name,
		        _(commands[i].summary), commands[i].usage);
	fputs(_("\nOptions:\n"
	        "  --db PATH      the database file (also BANGFU_DB); default:\n"
	        "                 $XDG_DATA_HOME/bangfu/bangfu.db or "
	        "~/.local/share/bangfu/bangfu.db\n"
	        "  --lang zh|en   language of the interface (also BANGFU_LANG); default Chinese\n"
	        "  --user NAME    who you are: every command but init and check logs in\n"
	        "                 (also BANGFU_USER); the password is asked on the terminal\n"
	        "  --help         this text; `bangfu help permissions`: who may run what\n"
	        "  --version      the version\n"),
	      f);
	fputs(_("  --force        a file written (export, backup, key, PDF) may replace one\n"
	        "                 that exists; without it an existing file is refused\n"),
	      f);
	fputs(_("  --password-fd N  read passwords from file descriptor N, one a line, instead\n"
	        "                   of asking on the terminal (never put a password in ARGS)\n"),
	      f);
	fputs(_("\nBANGFU_SAVE_DIR: the folder every screen offers to save exports in; default\n"
	        "the documents folder (XDG_DOCUMENTS_DIR, ~/文档, ~/Documents), else home\n"),
	      f);
}

/* Take a global option (--name VALUE or --name=VALUE) out of argv. */
static const char *take_option(int *argc, char **argv, const char *name)
{
	size_t len = strlen(name);
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return NULL;
		const char *val = NULL;
		int used = 0;
		if (strcmp(argv[i], name) == 0 && i + 1 < *argc) {
			val = argv[i + 1];
			used = 2;
		} else if (strncmp(argv[i], name, len) == 0 && argv[i][len] == '=') {
			val = argv[i] + len + 1;
			used = 1;
		}
		if (used) {
			memmove(&argv[i], &argv[i + used],
			        (size_t)(*argc - i - used + 1) * sizeof(char *));
			*argc -= used;
			return val;
		}
	}
	return NULL;
}

/* Take a global flag (--name) out of argv; true when it was there. */
static bool take_flag(int *argc, char **argv, const char *name)
{
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], name) == 0) {
			memmove(&argv[i], &argv[i + 1], (size_t)(*argc - i) * sizeof(char *));
			(*argc)--;
			return true;
		}
	}
	return false;
}

/* The context's streams: everything printed goes through the sanitizer
 * (sanitize.h). Closed at exit, which flushes what they hold into stdout and
 * stderr before those are flushed. */
static FILE *sanitized_out, *sanitized_err;

static void close_sanitized(void)
{
	if (sanitized_out)
		fclose(sanitized_out);
	if (sanitized_err)
		fclose(sanitized_err);
	sanitized_out = sanitized_err = NULL;
}

static int main_body(int argc, char **argv)
{
	struct bf_ctx ctx;

	/* Before anything is opened or made: the database, its -wal and -shm,
	 * backups and exports are this account's alone. */
	umask(077);
	/* A file-size limit (ulimit -f) reached: the write fails with EFBIG and
	 * is reported like a full disk, instead of the signal killing us
	 * mid-write. */
	signal(SIGXFSZ, SIG_IGN);
	setlocale(LC_ALL, "");
	/* BANGFU_LOCALEDIR: the catalogues of an uninstalled build (a test
	 * switch: a test build only, clock.h). */
	const char *localedir = bf_test_hook("BANGFU_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir ? localedir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);

	bf_ctx_init(&ctx);
	sanitized_out = bf_sanitized_stream(stdout);
	sanitized_err = bf_sanitized_stream(stderr);
	if (sanitized_out)
		ctx.out = sanitized_out;
	if (sanitized_err)
		ctx.err = sanitized_err;
	atexit(close_sanitized);
	const char *v;
	if ((v = take_option(&argc, argv, "--db")))
		bf_strlcpy(ctx.db_path, v, sizeof ctx.db_path);
	if ((v = take_option(&argc, argv, "--user"))) {
		bf_strlcpy(ctx.operator, v, sizeof ctx.operator);
		ctx.operator_given = true;
	}
	if ((v = take_option(&argc, argv, "--password-fd"))) {
		char *end;
		long fd = strtol(v, &end, 10);
		if (!*v || *end || fd < 0 || fd > 1023) {
			fprintf(ctx.err, "bangfu: --password-fd takes a file descriptor number\n");
			return 2;
		}
		ctx.password_from_fd = true;
		ctx.password_fd = (int)fd;
	}
	if ((v = take_option(&argc, argv, "--lang"))) {
		if (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0) {
			fprintf(ctx.err, "bangfu: --lang takes zh or en, not \"%s\"\n", v);
			return 2;
		}
		bf_strlcpy(ctx.lang, v, sizeof ctx.lang);
		ctx.lang_given = true;
	}
	bf_ctx_apply_lang(&ctx);
	ctx.force = take_flag(&argc, argv, "--force");

	if (argc == 3 && !strcmp(argv[1], "help") && !strcmp(argv[2], "permissions")) {
		print_permissions(stdout);
		return 0;
	}
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	                  strcmp(argv[1], "help") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0)) {
		printf("bangfu %s (commit %s)\n", PACKAGE_VERSION, BF_GIT_COMMIT);
		return 0;
	}

	const char *name = argc >= 2 ? argv[1] : "ui";
	if (name[0] == '-') {
		fprintf(ctx.err, _("bangfu: unknown option \"%s\" (see bangfu --help)\n"), name);
		return 2;
	}
	for (size_t i = 0; i < BF_ARRAY_LEN(commands); i++) {
		if (strcmp(commands[i].name, name) == 0) {
			int sub_argc = argc >= 2 ? argc - 1 : 1;
			char *ui_argv[] = {(char *)"ui", NULL};
			char **sub_argv = argc >= 2 ? argv + 1 : ui_argv;
			/* Who may run it (BF_CLI_PERMS): logged in and allowed before
			 * the command reads or prints anything. */
			const struct bf_cli_perm *row = bf_cli_perm_find(sub_argc, sub_argv);
			if (!row) {
				ctx.gate = BF_CLI_GATE_CLOSED;
			} else if (row->perms != BF_CLI_OPEN) {
				if (bf_ctx_gate(&ctx, row->perms) != 0) {
					bf_ctx_close(&ctx);
					return 1;
				}
			}
			int rc = commands[i].fn(&ctx, sub_argc, sub_argv);
			bf_ctx_close(&ctx);
			return rc;
		}
	}
	fprintf(ctx.err, _("bangfu: unknown command \"%s\" (see bangfu --help)\n"), name);
	return 2;
}

/* The whole command line; the sanitized streams are closed (what they hold
 * written to stdout and stderr) before it returns. */
int bf_main(int argc, char **argv)
{
	int rc = main_body(argc, argv);
	close_sanitized();
	return rc;
}

#ifndef BF_CLI_NO_MAIN
int main(int argc, char **argv)
{
	return bf_main(argc, argv);
}
#endif
