/* cli.h — subcommands. One table (BF_COMMANDS) drives dispatch and --help. */
#ifndef BANGFU_CLI_H
#define BANGFU_CLI_H

#include "bangfu/ctx.h"

/* X(name, function, usage, summary). Summaries are gettext msgids. */
#define BF_COMMANDS(X)                                                                           \
	X("init", bf_cmd_init,                                                                   \
	  "init [--unit NAME] [--code CODE] [--union NAME] [--district NAME] [--district-mode]", \
	  N_("create a database and record the unit's details"))                                 \
	X("check", bf_cmd_check, "check",                                                        \
	  N_("check the database file is sound (integrity and foreign keys)"))                   \
	X("backup", bf_cmd_backup, "backup PATH",                                                \
	  N_("write a consistent copy of the database while it is in use"))                      \
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
	  "publicity create|list|show|notice|object|investigate|resolve|close|report|template "      \
	  "...",                                                                                     \
	  N_("publicity rounds (公示): the notice, objections, closing with the result report"))     \
	X("purge", bf_cmd_purge, "purge [--dry-run]",                                                \
	  N_("delete closed files past the retention period for good"))                              \
	X("key", bf_cmd_key, "key show|export [FILE]|import FILE [--replace]",                       \
	  N_("this database's signing key for packages; register the other side's key"))             \
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
	X("district", bf_cmd_district, "district list|show|dups|decide|reply|summary|units ...",     \
	  N_("the district: all units' files, duplicates, decisions, replies, summaries"))           \
	X("holiday", bf_cmd_holiday,                                                                 \
	  "holiday list [YEAR] | set DATE off|work [--name NAME] | clear DATE | import FILE",        \
	  N_("the holiday calendar (节假日安排): the years known, a day off or worked, a file"))     \
	X("ui", bf_cmd_ui, "ui", N_("open the full-screen application (the default)"))

#define BF_CMD_DECL(name, fn, usage, summary) int fn(struct bf_ctx *ctx, int argc, char **argv);
BF_COMMANDS(BF_CMD_DECL)
#undef BF_CMD_DECL

/* Small helpers for subcommands. */
/* Find "--name VALUE" or "--name=VALUE" in argv; returns VALUE or NULL. */
const char *bf_arg_value(int argc, char **argv, const char *name);
bool bf_arg_flag(int argc, char **argv, const char *name);
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
