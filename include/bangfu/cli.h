/* cli.h — subcommands. One table (BF_COMMANDS) drives dispatch and --help. */
#ifndef BANGFU_CLI_H
#define BANGFU_CLI_H

#include "bangfu/ctx.h"
#include "bangfu/perm.h"
#include "bangfu/outfile.h"

/* X(name, function, usage, summary). Summaries are gettext msgids. */
#define BF_COMMANDS(X)                                                                       \
	X("init", bf_cmd_init,                                                               \
	  "init [--admin NAME] [--display NAME] [--unit NAME] [--code CODE] [--union NAME] " \
	  "[--district NAME] [--district-mode]",                                             \
	  N_("create a database with its administrator and record the unit's details"))      \
	X("check", bf_cmd_check, "check",                                                    \
	  N_("check the database file is sound (integrity and foreign keys)"))               \
	X("backup", bf_cmd_backup, "backup PATH",                                            \
	  N_("write a consistent copy of the database while it is in use"))                  \
	X("recover", bf_cmd_recover, "recover --user ADMIN",                                 \
	  N_("the recovery code opens the data and sets a new password for an administrator")) \
	BF_COMMANDS_MORE(X)

/* Commands of later layers (cases, demo, the full-screen UI). */
#define BF_COMMANDS_MORE(X)                                                                          \
	X("case", bf_cmd_case, "case list|show|import|advance|history|close ...",                    \
	  N_("list, show and import cases; move them through the workflow"))                         \
	X("checklist", bf_cmd_checklist,                                                             \
	  "checklist NUMBER [--json|--text|--pdf FILE [--lp]] | checklist receive|waive|unset "      \
	  "NUMBER KEY...",                                                                           \
	  N_("the documents a case needs: show, tick as received or waived, print for the "          \
	     "applicant"))                                                                           \
	X("review", bf_cmd_review,                                                                   \
	  "review NUMBER --approve --category N --amount YUAN --meeting REF | --reject --reason "    \
	  "TEXT --meeting REF",                                                                      \
	  N_("record the union's review of a case (approve or reject)"))                             \
	X("print", bf_cmd_print, "print form|checklist NUMBER --pdf FILE [--lp]",                    \
	  N_("print the file form for signatures or the checklist handout as PDF"))                  \
	X("demo", bf_cmd_demo, "demo [--cases N] | --district",                                      \
	  N_("fill a new database with realistic sample data to explore"))                           \
	X("standard", bf_cmd_standard, "standard list|set ...",                                      \
	  N_("consolation standards per year (慰问标准)"))                                           \
	X("consolation", bf_cmd_consolation, "consolation record|list|decide|pay ...",               \
	  N_("record, decide and pay consolation events (慰问)"))                                    \
	X("campaign", bf_cmd_campaign,                                                               \
	  "campaign create|groups|draw|people|budget|sheet|pay|spotcheck|ledger ...",                \
	  N_("Spring Festival campaigns (送温暖): list, budget, sign-off sheets, payments, spot " \
	     "checks, ledger"))                                                                      \
	X("user", bf_cmd_user, "user list|add|disable|enable|unlock|reset|passwd ...",               \
	  N_("operator accounts: add, disable, reset, unlock; change your password"))                \
	X("audit", bf_cmd_audit, "audit verify|list ...",                                            \
	  N_("check the audit log's hash chain; list and filter the log"))                           \
	X("publicity", bf_cmd_publicity,                                                             \
	  "publicity create|list|show|notice|object|investigate|resolve|close|report|template|"      \
	  "id-digits ...",                                                                           \
	  N_("publicity rounds (公示): the notice, objections, closing with the result report"))     \
	X("purge", bf_cmd_purge, "purge [--dry-run] [--retention-years N] [--draft-days N]",         \
	  N_("delete closed files past the retention period for good"))                              \
	X("key", bf_cmd_key, "key show|export [FILE]|import FILE|sign FILE|verify FILE",             \
	  N_("this database's signing key for packages; register the other side's key; sign and "    \
	     "verify an offline bundle's manifest"))                                                 \
	X("batch", bf_cmd_batch, "batch new|list|show|add|remove|export ...",                        \
	  N_("submission batches (报送): files that passed the publicity, exported as a signed "   \
	     "package with its attachments"))                                                        \
	X("reply", bf_cmd_reply, "reply import FILE",                                                \
	  N_("import the district union's reply: its decisions on the files submitted"))             \
	X("deadline", bf_cmd_deadline, "deadline show|set \"YYYY-MM-DD HH:MM\"|clear",               \
	  N_("the submission deadline (报送截止时间) and the time left"))                            \
	X("package", bf_cmd_package, "package import FILE...",                                       \
	  N_("the district: import units' submission packages (verified before anything is "         \
	     "written)"))                                                                            \
	X("district", bf_cmd_district, "district list|show|dups|decide|reply|attachment|summary|units ...",     \
	  N_("the district: all units' files, duplicates, decisions, replies, summaries"))           \
	X("holiday", bf_cmd_holiday,                                                                 \
	  "holiday list [YEAR] | set DATE off|work [--name NAME] | clear DATE | import FILE",        \
	  N_("the holiday calendar (节假日安排): the years known, a day off or worked, a file"))     \
	X("ui", bf_cmd_ui, "ui", N_("open the full-screen application (the default)"))

struct bf_app;
/* The full-screen application's sessions on app (cmd_ui.c; its terminal and
 * key source already set up): the login, the unit's details on the first
 * start, the case list, again after the lock screen hands over to another
 * user. *set_up: the unit's details are there; *logged_in: the last login
 * succeeded. Returns a bf_run_result, or -1 when the list of files could not
 * be opened. The random-keystroke test drives it with its own keys. */
int bf_ui_sessions(struct bf_app *app, bool *set_up, bool *logged_in);

/* Who may run what: X("command", "subcommand", permissions) — every command
 * line bangfu takes has a row here, read commands too. main.c finds the row
 * (two words after the command first, as in "spotcheck draw", then one, then
 * ""), and before the command runs logs the operator in (--user and the
 * password, as accounts.h) and checks the role holds one of the row's
 * permissions (perm.h's table): a refusal comes before anything is printed.
 * BF_CLI_OPEN: runs without a login (only these: init, check, demo, which
 * writes only into a new file or a demo's, the full-screen application,
 * which has its own login screen, and recover, whose recovery code opens
 * the data instead of a password). A command line with no row runs with the
 * database closed to it (it may print its usage, nothing else).
 * `bangfu help permissions` prints this table; tests/cli/permissions.sh runs
 * every row as every role. Adding a command or subcommand: add its rows. */
#define BF_P(p) (1u << BF_PERM_##p)
#define BF_CLI_OPEN 0u
/* clang-format off */
#define BF_CLI_PERMS(X) \
	X("init",        "",               BF_CLI_OPEN) \
	X("check",       "",               BF_CLI_OPEN) \
	X("demo",        "",               BF_CLI_OPEN) \
	X("ui",          "",               BF_CLI_OPEN) \
	X("recover",     "",               BF_CLI_OPEN) \
	X("backup",      "",               BF_P(EXPORT_FULL)) \
	X("case",        "list",           BF_P(CASE_VIEW)) \
	X("case",        "show",           BF_P(CASE_VIEW)) \
	X("case",        "history",        BF_P(CASE_VIEW)) \
	X("case",        "import",         BF_P(CASE_EDIT)) \
	X("case",        "advance",        BF_P(CASE_EDIT) | BF_P(REVIEW) | BF_P(PUBLICITY) | BF_P(SUBMIT) | BF_P(CLOSE)) \
	X("case",        "close",          BF_P(CLOSE)) \
	X("checklist",   "",               BF_P(CASE_VIEW)) \
	X("checklist",   "show",           BF_P(CASE_VIEW)) \
	X("checklist",   "receive",        BF_P(CHECKLIST)) \
	X("checklist",   "waive",          BF_P(CHECKLIST)) \
	X("checklist",   "unset",          BF_P(CHECKLIST)) \
	X("review",      "",               BF_P(REVIEW)) \
	X("print",       "form",           BF_P(REVEAL)) \
	X("print",       "checklist",      BF_P(CASE_VIEW)) \
	X("standard",    "list",           BF_P(CASE_VIEW)) \
	X("standard",    "set",            BF_P(SETTINGS)) \
	X("consolation", "record",         BF_P(CASE_EDIT)) \
	X("consolation", "list",           BF_P(CASE_VIEW)) \
	X("consolation", "decide",         BF_P(REVIEW)) \
	X("consolation", "pay",            BF_P(CASE_EDIT)) \
	X("campaign",    "list",           BF_P(CASE_VIEW)) \
	X("campaign",    "show",           BF_P(CASE_VIEW)) \
	X("campaign",    "people",         BF_P(CASE_VIEW)) \
	X("campaign",    "groups",         BF_P(CASE_VIEW)) \
	X("campaign",    "budget",         BF_P(CASE_VIEW)) \
	X("campaign",    "sheet",          BF_P(CASE_VIEW)) \
	X("campaign",    "ledger",         BF_P(CASE_VIEW)) \
	X("campaign",    "caps",           BF_P(CASE_VIEW)) \
	X("campaign",    "create",         BF_P(CASE_EDIT)) \
	X("campaign",    "draw",           BF_P(CASE_EDIT)) \
	X("campaign",    "close",          BF_P(CASE_EDIT)) \
	X("campaign",    "reopen",         BF_P(CASE_EDIT)) \
	X("campaign",    "remove",         BF_P(CASE_EDIT)) \
	X("campaign",    "restore",        BF_P(CASE_EDIT)) \
	X("campaign",    "place",          BF_P(CASE_EDIT)) \
	X("campaign",    "pay",            BF_P(CASE_EDIT)) \
	X("campaign",    "addback",        BF_P(REVIEW)) \
	X("campaign",    "spotcheck list", BF_P(CASE_VIEW)) \
	X("campaign",    "spotcheck draw", BF_P(REVIEW)) \
	X("campaign",    "spotcheck record", BF_P(REVIEW)) \
	X("user",        "list",           BF_P(USERS)) \
	X("user",        "add",            BF_P(USERS)) \
	X("user",        "disable",        BF_P(USERS)) \
	X("user",        "enable",         BF_P(USERS)) \
	X("user",        "unlock",         BF_P(USERS)) \
	X("user",        "reset",          BF_P(USERS)) \
	X("user",        "passwd",         BF_P(OWN_PASSWORD)) \
	X("audit",       "verify",         BF_P(CASE_VIEW)) \
	X("audit",       "list",           BF_P(AUDIT_VIEW)) \
	X("publicity",   "list",           BF_P(CASE_VIEW)) \
	X("publicity",   "show",           BF_P(CASE_VIEW)) \
	X("publicity",   "notice",         BF_P(CASE_VIEW)) \
	X("publicity",   "report",         BF_P(CASE_VIEW)) \
	X("publicity",   "template",       BF_P(CASE_VIEW)) \
	X("publicity",   "id-digits",      BF_P(CASE_VIEW)) \
	X("publicity",   "create",         BF_P(PUBLICITY)) \
	X("publicity",   "object",         BF_P(PUBLICITY)) \
	X("publicity",   "investigate",    BF_P(PUBLICITY)) \
	X("publicity",   "resolve",        BF_P(PUBLICITY)) \
	X("publicity",   "close",          BF_P(PUBLICITY)) \
	X("purge",       "",               BF_P(PURGE)) \
	X("key",         "show",           BF_P(CASE_VIEW)) \
	X("key",         "export",         BF_P(CASE_VIEW)) \
	X("key",         "import",         BF_P(SETTINGS) | BF_P(DISTRICT_IMPORT)) \
	X("key",         "sign",           BF_P(EXPORT_FULL)) \
	X("key",         "verify",         BF_CLI_OPEN) \
	X("batch",       "list",           BF_P(CASE_VIEW)) \
	X("batch",       "show",           BF_P(CASE_VIEW)) \
	X("batch",       "new",            BF_P(SUBMIT)) \
	X("batch",       "add",            BF_P(SUBMIT)) \
	X("batch",       "remove",         BF_P(SUBMIT)) \
	X("batch",       "export",         BF_P(SUBMIT)) \
	X("reply",       "import",         BF_P(SUBMIT)) \
	X("deadline",    "",               BF_P(CASE_VIEW)) \
	X("deadline",    "show",           BF_P(CASE_VIEW)) \
	X("deadline",    "set",            BF_P(SETTINGS)) \
	X("deadline",    "clear",          BF_P(SETTINGS)) \
	X("package",     "import",         BF_P(DISTRICT_IMPORT)) \
	X("district",    "list",           BF_P(CONSOLIDATE)) \
	X("district",    "show",           BF_P(CONSOLIDATE)) \
	X("district",    "dups",           BF_P(CONSOLIDATE)) \
	X("district",    "summary",        BF_P(CONSOLIDATE)) \
	X("district",    "units",          BF_P(CONSOLIDATE)) \
	X("district",    "reply",          BF_P(CONSOLIDATE)) \
	X("district",    "attachment",     BF_P(EXPORT_FULL)) \
	X("holiday",     "list",           BF_P(CASE_VIEW)) \
	X("holiday",     "set",            BF_P(SETTINGS)) \
	X("holiday",     "clear",          BF_P(SETTINGS)) \
	X("holiday",     "import",         BF_P(SETTINGS)) \
	X("holiday",     "",               BF_P(CASE_VIEW)) \
	X("district",    "decide",         BF_P(DISTRICT_DECIDE))
/* clang-format on */

struct bf_cli_perm {
	const char *command, *sub;
	unsigned perms; /* BF_P bits: any one of them will do; BF_CLI_OPEN none needed */
};
/* The row for a command line (argv[0] the command), or NULL. */
const struct bf_cli_perm *bf_cli_perm_find(int argc, char **argv);
/* Every row, in order; *n their number. */
const struct bf_cli_perm *bf_cli_perm_rows(size_t *n);

#define BF_CMD_DECL(name, fn, usage, summary) int fn(struct bf_ctx *ctx, int argc, char **argv);
BF_COMMANDS(BF_CMD_DECL)
#undef BF_CMD_DECL

/* The whole command line, as main() (tests run it in-process). */
int bf_main(int argc, char **argv);

/* Small helpers for subcommands. */
/* Find "--name VALUE" or "--name=VALUE" in argv; returns VALUE or NULL. */
const char *bf_arg_value(int argc, char **argv, const char *name);
bool bf_arg_flag(int argc, char **argv, const char *name);
/* Open path for writing (outfile.h) on the open database: its folder is
 * recorded, and an existing file is replaced only with the global --force.
 * Write into it, then bf_outfile_finish. NULL with err. */
bf_outfile *bf_cli_outfile(struct bf_ctx *ctx, const char *path, bf_error *err);
/* qsort/bsearch order of int64_t (file ids recorded by a bulk reveal). */
int bf_cmp_i64(const void *a, const void *b);
/* A bulk reveal of a list read in pages: page(ud, offset, ids, &k, err)
 * puts the file ids of up to BF_REVEAL_PAGE rows from offset into ids (k of
 * them; fewer means the end). One reveal row per file (field, purpose) in one
 * transaction, before any is shown; *ids (sorted, malloc'd) gets the files
 * recorded, for bsearch with bf_cmp_i64 while printing: a row that joined
 * the list meanwhile is not among them and stays masked. 0 / -1. */
enum { BF_REVEAL_PAGE = 256 };
typedef int (*bf_page_ids_fn)(void *ud, int64_t off, int64_t *ids, int *k, bf_error *err);
int bf_cli_reveal_pages(struct bf_ctx *ctx, bf_page_ids_fn page, void *ud, const char *field,
                        const char *purpose, int64_t **ids, size_t *nids, bf_error *err);
/* The k-th (0-based) positional argument after argv[0] (the subcommand):
 * "--name" options are skipped, with the value that follows those listed
 * in value_opts (NULL-ended) unless given as "--name=VALUE". NULL if none. */
const char *bf_arg_positional(int argc, char **argv, int k, const char *const *value_opts);
/* Print s padded with spaces to `width` display columns (wide characters
 * count two), so Chinese text lines up in columns. */
void bf_put_col(FILE *f, const char *s, int width);
/* The same, right-aligned. */
void bf_put_col_right(FILE *f, const char *s, int width);
/* Ask on the terminal (stdin), with a default; returns false at EOF. */
bool bf_prompt(struct bf_ctx *ctx, const char *question, const char *dflt, char *buf, size_t n);

#endif
