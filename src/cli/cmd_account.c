/* cmd_account.c — bangfu user ..., bangfu audit verify|list, bangfu purge.
 *
 * Passwords are asked on the terminal without echo, or read one a line
 * from --password-fd N: first the operator's own (the login), then any new
 * one. Never from the command line. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/cli.h"
#include "bangfu/jsonw.h"
#include "bangfu/progress.h"
#include "bangfu/purge.h"
#include "bangfu/store.h"

/* Refuse a password given in ARGS. */
static bool no_password_arg(struct bf_ctx *ctx, const char *cmd, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strncmp(argv[i], "--password", 10) && strncmp(argv[i], "--password-fd", 13)) {
			fprintf(ctx->err,
			        _("bangfu %s: a password is never given on the command line: it is "
			          "asked on the terminal, or read from --password-fd N\n"),
			        cmd);
			return false;
		}
	return true;
}

/* Log in unless someone is, or the database has no account yet (set-up
 * mode: the store decides). */
static int need_login(struct bf_ctx *ctx)
{
	if (ctx->db.role)
		return 0;
	int64_t n = bf_account_count(&ctx->db);
	if (n < 0) {
		fprintf(ctx->err, "bangfu: %s\n", ctx->db.errmsg);
		return -1;
	}
	if (n == 0)
		return 0;
	return bf_ctx_login(ctx);
}

/* The first argument after argv[0] that is not an option (or an option's
 * value, for the options listed in with_value). */
static const char *positional(int argc, char **argv, int skip, const char *const *with_value)
{
	int seen = 0;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-') {
			for (const char *const *w = with_value; w && *w; w++)
				if (!strcmp(argv[i], *w)) {
					i++;
					break;
				}
			continue;
		}
		if (seen++ == skip)
			return argv[i];
	}
	return NULL;
}

/* ---- bangfu user ------------------------------------------------------------------ */

static void user_usage(FILE *f)
{
	fprintf(f, _("Usage: bangfu --user ADMIN user list\n"
	             "       bangfu --user ADMIN user add NAME --role clerk|reviewer|admin|district"
	             " [--display NAME]\n"
	             "       bangfu --user ADMIN user disable|enable|unlock|reset NAME\n"
	             "       bangfu --user NAME user passwd\n"));
}

static const char *account_state(const struct bf_account *a)
{
	if (a->disabled)
		return _("disabled");
	if (a->locked)
		return _("locked");
	if (a->must_change)
		return _("must change password");
	return _("active");
}

static int user_list(struct bf_ctx *ctx)
{
	bf_error err = {{0}};
	struct bf_account *list;
	size_t n;
	if (need_login(ctx) != 0)
		return 1;
	if (bf_account_list(&ctx->db, &list, &n, &err) != 0) {
		fprintf(ctx->err, "bangfu user list: %s\n", err.msg);
		return 1;
	}
	FILE *o = ctx->out;
	bf_put_col(o, _("Name"), 14);
	bf_put_col(o, _("Display name"), 14);
	bf_put_col(o, _("Role"), 28);
	bf_put_col(o, _("State"), 22);
	fprintf(o, "%s\n", _("Last login"));
	for (size_t i = 0; i < n; i++) {
		bf_put_col(o, list[i].name, 14);
		bf_put_col(o, list[i].display_name[0] ? list[i].display_name : "-", 14);
		bf_put_col(o, bf_role_label(list[i].role), 28);
		bf_put_col(o, account_state(&list[i]), 22);
		fprintf(o, "%s\n", list[i].last_login[0] ? list[i].last_login : "-");
	}
	free(list);
	return 0;
}

/* A new password for name: two lines on the terminal, one from the fd. */
static bool read_new_password(struct bf_ctx *ctx, const char *name, char *pw, size_t n)
{
	char prompt[160];
	snprintf(prompt, sizeof prompt, _("New password for %s: "), name);
	return bf_ctx_read_password(ctx, prompt, _("The same password again: "), pw, n);
}

static int user_add(struct bf_ctx *ctx, const char *name, int argc, char **argv)
{
	const char *role_code = bf_arg_value(argc, argv, "--role");
	enum bf_role role = bf_role_parse(role_code);
	if (role == BF_ROLE_NONE) {
		fprintf(ctx->err,
		        _("bangfu user add: --role takes clerk, reviewer, admin or district\n"));
		return 2;
	}
	bf_error err = {{0}};
	if (!bf_account_name_ok(name, &err)) {
		fprintf(ctx->err, "bangfu user add: %s\n", err.msg);
		return 2;
	}
	if (need_login(ctx) != 0)
		return 1;
	/* refused before the new password is asked when the role cannot */
	if (bf_store_require(&ctx->db, BF_PERM_USERS, &err) != 0) {
		fprintf(ctx->err, "bangfu user add: %s\n", err.msg);
		return 1;
	}
	char pw[BF_PASSWORD_MAX + 2];
	if (!read_new_password(ctx, name, pw, sizeof pw))
		return 1;
	struct bf_account_new a = {name, bf_arg_value(argc, argv, "--display"), role, pw};
	int rc = bf_account_create(&ctx->db, &a, &err);
	sodium_memzero(pw, sizeof pw);
	if (rc != 0) {
		fprintf(ctx->err, "bangfu user add: %s\n", err.msg);
		return 1;
	}
	fprintf(ctx->out, _("Created the account %s (%s).\n"), name, bf_role_label(role));
	return 0;
}

static int user_change(struct bf_ctx *ctx, const char *sub, const char *name)
{
	bf_error err = {{0}};
	if (need_login(ctx) != 0)
		return 1;
	int rc;
	const char *done;
	if (!strcmp(sub, "disable")) {
		rc = bf_account_set_disabled(&ctx->db, name, true, &err);
		done = _("The account %s is disabled: it can no longer log in.\n");
	} else if (!strcmp(sub, "enable")) {
		rc = bf_account_set_disabled(&ctx->db, name, false, &err);
		done = _("The account %s is enabled again.\n");
	} else if (!strcmp(sub, "unlock")) {
		rc = bf_account_unlock(&ctx->db, name, &err);
		done = _("The account %s is unlocked.\n");
	} else { /* reset */
		if (bf_store_require(&ctx->db, BF_PERM_USERS, &err) != 0) {
			fprintf(ctx->err, "bangfu user reset: %s\n", err.msg);
			return 1;
		}
		char pw[BF_PASSWORD_MAX + 2];
		if (!read_new_password(ctx, name, pw, sizeof pw))
			return 1;
		rc = bf_account_reset(&ctx->db, name, pw, &err);
		sodium_memzero(pw, sizeof pw);
		done = _("The password of %s is reset: it must be changed at the next login.\n");
	}
	if (rc != 0) {
		fprintf(ctx->err, "bangfu user %s: %s\n", sub, err.msg);
		return 1;
	}
	fprintf(ctx->out, done, name);
	return 0;
}

static int user_passwd(struct bf_ctx *ctx)
{
	if (!ctx->operator_given) {
		fprintf(ctx->err, _("bangfu user passwd: say whose password with --user NAME\n"));
		return 2;
	}
	char prompt[160], old[BF_PASSWORD_MAX + 2], pw[BF_PASSWORD_MAX + 2], name[64];
	bf_error err = {{0}};
	int rc;
	if (ctx->db.role && ctx->login_password[0]) {
		/* logged in before the command ran: that was the current password */
		bf_strlcpy(old, ctx->login_password, sizeof old);
		bf_strlcpy(name, ctx->db.actor, sizeof name);
	} else {
		snprintf(prompt, sizeof prompt, _("Current password for %s: "), ctx->operator);
		if (!bf_ctx_read_password(ctx, prompt, NULL, old, sizeof old))
			return 1;
		struct bf_login_result res;
		rc = bf_account_login(&ctx->db, ctx->operator, old, NULL, &res, &err);
		if (rc != 0 || res.status != BF_LOGIN_OK) {
			char msg[256];
			if (rc != 0)
				bf_strlcpy(msg, err.msg, sizeof msg);
			else
				bf_login_message(res.status, res.wait_ms, msg, sizeof msg);
			fprintf(ctx->err, "bangfu user passwd: %s\n", msg);
			sodium_memzero(old, sizeof old);
			return 1;
		}
		bf_strlcpy(name, res.account.name, sizeof name);
	}
	rc = read_new_password(ctx, name, pw, sizeof pw)
	         ? bf_account_change_password(&ctx->db, old, pw, &err)
	         : 1;
	sodium_memzero(old, sizeof old);
	sodium_memzero(pw, sizeof pw);
	if (rc < 0)
		fprintf(ctx->err, "bangfu user passwd: %s\n", err.msg);
	if (rc != 0)
		return 1;
	fprintf(ctx->out, _("The password of %s is changed.\n"), name);
	return 0;
}

int bf_cmd_user(struct bf_ctx *ctx, int argc, char **argv)
{
	if (!no_password_arg(ctx, "user", argc, argv))
		return 2;
	static const char *const with_value[] = {"--role", "--display", NULL};
	const char *sub = positional(argc, argv, 0, with_value);
	if (!sub || bf_arg_flag(argc, argv, "--help")) {
		user_usage(sub ? ctx->out : ctx->err);
		return sub ? 0 : 2;
	}
	const char *name = positional(argc, argv, 1, with_value);
	bool known = !strcmp(sub, "list") || !strcmp(sub, "passwd") || !strcmp(sub, "add") ||
	             !strcmp(sub, "disable") || !strcmp(sub, "enable") || !strcmp(sub, "unlock") ||
	             !strcmp(sub, "reset");
	bool needs_name = known && strcmp(sub, "list") != 0 && strcmp(sub, "passwd") != 0;
	if (!known || (needs_name && !name)) {
		user_usage(ctx->err);
		return 2;
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	if (!strcmp(sub, "list"))
		return user_list(ctx);
	if (!strcmp(sub, "passwd"))
		return user_passwd(ctx);
	if (!strcmp(sub, "add"))
		return user_add(ctx, name, argc, argv);
	return user_change(ctx, sub, name);
}

/* ---- bangfu audit ------------------------------------------------------------------ */

static void audit_usage(FILE *f)
{
	fprintf(f,
	        _("Usage: bangfu audit verify [--known HASH]\n"
	          "       bangfu --user ADMIN audit list [--actor NAME] [--table TABLE]"
	          " [--action insert|update|delete|reveal] [--case NUMBER] [--since DATE]"
	          " [--until DATE] [--text TEXT] [--limit N|--all] [--oldest-first] [--json]\n"));
}

static int audit_verify(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *known = bf_arg_value(argc, argv, "--known");
	bf_error err = {{0}};
	struct bf_audit_report rep;
	int rc = bf_audit_verify(&ctx->db, known, &rep, &err);
	if (rc < 0) {
		fprintf(ctx->err, "bangfu audit verify: %s\n", err.msg);
		return 1;
	}
	if (rc == 0) {
		fprintf(ctx->out, _("Checked %lld row(s) of the audit log: the chain is intact.\n"),
		        (long long)rep.rows);
		if (rep.purged_rows)
			fprintf(ctx->out, _("%lld row(s) were blanked by purges of old files.\n"),
			        (long long)rep.purged_rows);
		if (known && known[0])
			fprintf(ctx->out, _("The hash %s is in the log.\n"), known);
		fprintf(ctx->out, _("Latest hash: %s (row %lld)\n"),
		        rep.latest_hash[0] ? rep.latest_hash : BF_AUDIT_GENESIS,
		        (long long)rep.latest_id);
		return 0;
	}
	fprintf(ctx->out,
	        _("THE AUDIT LOG WAS TAMPERED WITH: %lld problem(s) in %lld row(s) checked.\n"),
	        (long long)rep.problems, (long long)rep.rows);
	for (int i = 0; i < rep.nbreaks; i++) {
		char line[256];
		bf_audit_break_text(&rep.breaks[i], line, sizeof line);
		fprintf(ctx->out, "  %s\n", line);
	}
	if (rep.problems > rep.nbreaks)
		fprintf(ctx->out, _("  … and %lld more.\n"),
		        (long long)(rep.problems - rep.nbreaks));
	return 1;
}

struct list_out {
	FILE *f;
	bool json;
	struct bf_json j;
};

static int print_row(void *ud, const struct bf_audit_row *r)
{
	struct list_out *o = ud;
	size_t n = strlen(r->detail) + 64;
	char *masked = malloc(n);
	if (!masked)
		return 1;
	/* JSON keeps the detail (masked); the text shows an update's changes */
	if (o->json)
		bf_audit_mask_detail(r->detail, masked, n);
	else
		bf_audit_detail_text(r->detail, masked, n);
	bool reveal = !strcmp(r->tbl, "reveal_event");
	if (o->json) {
		bf_json_object(&o->j, NULL);
		bf_json_int(&o->j, "id", r->id);
		bf_json_str(&o->j, "at", r->at);
		bf_json_str(&o->j, "actor", r->actor);
		bf_json_str(&o->j, "action", reveal ? "reveal" : r->action);
		bf_json_str(&o->j, "table", r->tbl);
		if (r->row_id)
			bf_json_int(&o->j, "row_id", r->row_id);
		if (r->case_number[0])
			bf_json_str(&o->j, "case", r->case_number);
		bf_json_str(&o->j, "detail", masked);
		bf_json_object_end(&o->j);
	} else {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)r->id);
		bf_put_col_right(o->f, id, 6);
		fputc(' ', o->f);
		bf_put_col(o->f, r->at, 21);
		bf_put_col(o->f, r->actor, 13);
		bf_put_col(o->f, reveal ? "reveal" : r->action, 7);
		bf_put_col(o->f, r->tbl, 16);
		bf_put_col(o->f, r->case_number[0] ? r->case_number : "-", 10);
		fprintf(o->f, "%s\n", masked);
	}
	free(masked);
	return 0;
}

static int audit_list(struct bf_ctx *ctx, int argc, char **argv)
{
	struct bf_audit_filter f;
	memset(&f, 0, sizeof f);
	f.actor = bf_arg_value(argc, argv, "--actor");
	f.tbl = bf_arg_value(argc, argv, "--table");
	f.action = bf_arg_value(argc, argv, "--action");
	f.since = bf_arg_value(argc, argv, "--since");
	f.until = bf_arg_value(argc, argv, "--until");
	f.text = bf_arg_value(argc, argv, "--text");
	f.oldest_first = bf_arg_flag(argc, argv, "--oldest-first");
	f.limit = bf_arg_flag(argc, argv, "--all") ? 0 : 50;
	const char *v = bf_arg_value(argc, argv, "--limit");
	if (v) {
		f.limit = atoll(v);
		if (f.limit < 1) {
			fprintf(ctx->err, _("bangfu audit list: --limit takes a number from 1\n"));
			return 2;
		}
	}
	bf_date d;
	if ((f.since && !bf_date_parse(f.since, &d)) || (f.until && !bf_date_parse(f.until, &d))) {
		fprintf(ctx->err, _("bangfu audit list: dates are written YYYY-MM-DD\n"));
		return 2;
	}
	if (need_login(ctx) != 0)
		return 1;
	bf_error err = {{0}};
	if ((v = bf_arg_value(argc, argv, "--case"))) {
		int rc = bf_case_lookup(&ctx->db, v, &f.case_id, &err);
		if (rc != 0) {
			if (rc > 0)
				fprintf(ctx->err, _("bangfu audit list: there is no file %s\n"), v);
			else
				fprintf(ctx->err, "bangfu audit list: %s\n", err.msg);
			return 1;
		}
	}
	struct list_out o = {ctx->out, bf_arg_flag(argc, argv, "--json"), {0}};
	if (o.json) {
		bf_json_init(&o.j, ctx->out, true);
		bf_json_array(&o.j, NULL);
	}
	int rc = bf_audit_list(&ctx->db, &f, print_row, &o, &err);
	if (o.json) {
		bf_json_array_end(&o.j);
		bf_json_finish(&o.j);
	}
	if (rc != 0) {
		fprintf(ctx->err, "bangfu audit list: %s\n", err.msg);
		return 1;
	}
	return 0;
}

int bf_cmd_audit(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *sub =
	    positional(argc, argv, 0,
	               (const char *const[]){"--known", "--actor", "--table", "--action", "--case",
	                                     "--since", "--until", "--text", "--limit", NULL});
	if (!sub || (strcmp(sub, "verify") != 0 && strcmp(sub, "list") != 0)) {
		audit_usage(ctx->err);
		return 2;
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	return !strcmp(sub, "verify") ? audit_verify(ctx, argc, argv) : audit_list(ctx, argc, argv);
}

/* ---- bangfu purge ---------------------------------------------------------------------- */

/* bangfu purge --retention-years N --draft-days N: the purge's settings,
 * set as the other settings are (the store checks who may), then shown. */
static int purge_settings(struct bf_ctx *ctx, int argc, char **argv)
{
	static const struct {
		const char *opt, *key;
		long lo, hi;
	} opts[] = {{"--retention-years", "retention_years", 1, 100},
	            {"--draft-days", "draft_purge_days", 1, 36500}};
	const char *val[BF_ARRAY_LEN(opts)];
	for (size_t i = 0; i < BF_ARRAY_LEN(opts); i++) {
		val[i] = bf_arg_value(argc, argv, opts[i].opt);
		char *end = NULL;
		long v = val[i] ? strtol(val[i], &end, 10) : 0;
		if (val[i] && (end == val[i] || *end || v < opts[i].lo || v > opts[i].hi)) {
			fprintf(ctx->err,
			        _("bangfu purge: %s takes a whole number from %ld to %ld\n"),
			        opts[i].opt, opts[i].lo, opts[i].hi);
			return 2;
		}
	}
	bf_error err = {{0}};
	for (size_t i = 0; i < BF_ARRAY_LEN(opts); i++)
		if (val[i] && bf_setting_set(&ctx->db, opts[i].key, val[i], &err) != 0) {
			fprintf(ctx->err, "bangfu purge: %s\n", err.msg);
			return 1;
		}
	fprintf(
	    ctx->out,
	    _("Closed files are kept %lld years; new-case drafts untouched for %lld days "
	      "are purged.\n"),
	    (long long)bf_setting_int(&ctx->db, "retention_years", BF_RETENTION_YEARS_DEFAULT),
	    (long long)bf_setting_int(&ctx->db, "draft_purge_days", BF_DRAFT_PURGE_DAYS_DEFAULT));
	return 0;
}

int bf_cmd_purge(struct bf_ctx *ctx, int argc, char **argv)
{
	bool dry = bf_arg_flag(argc, argv, "--dry-run");
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	if (need_login(ctx) != 0)
		return 1;
	if (bf_arg_value(argc, argv, "--retention-years") ||
	    bf_arg_value(argc, argv, "--draft-days"))
		return purge_settings(ctx, argc, argv);
	bf_error err = {{0}};
	struct bf_purge_candidate *cand;
	size_t n;
	char cutoff[11], dcut[11];
	int64_t drafts = 0;
	if (bf_purge_candidates(&ctx->db, ctx->today, &cand, &n, cutoff, &err) != 0 ||
	    bf_purge_drafts_due(&ctx->db, ctx->today, &drafts, dcut, &err) != 0) {
		fprintf(ctx->err, "bangfu purge: %s\n", err.msg);
		return 1;
	}
	if (n == 0)
		fprintf(ctx->out,
		        _("No closed file is older than the retention period (closed "
		          "before %s).\n"),
		        cutoff);
	else
		fprintf(ctx->out, _("Closed before %s, past the retention period:\n"), cutoff);
	for (size_t i = 0; i < n; i++) {
		fputs("  ", ctx->out);
		/* a district's numbers carry the unit's code */
		size_t w = strlen(cand[i].number);
		bf_put_col(ctx->out, cand[i].number, w < 12 ? 12 : (int)w + 1);
		fprintf(ctx->out, _("closed %s\n"), cand[i].closed_on);
	}
	free(cand);
	if (drafts)
		fprintf(ctx->out, _("%lld new-case draft(s) not touched since before %s.\n"),
		        (long long)drafts, dcut);
	if (n == 0 && drafts == 0)
		return 0;
	if (dry) {
		fprintf(ctx->out,
		        _("%zu file(s) would be purged (--dry-run: nothing was changed).\n"), n);
		return 0;
	}
	if (isatty(STDIN_FILENO) && !bf_arg_flag(argc, argv, "--yes")) {
		char answer[16];
		if (!bf_prompt(ctx, _("Delete these files for good? Type yes"), "", answer,
		               sizeof answer) ||
		    strcmp(answer, "yes") != 0) {
			fprintf(ctx->out, _("Nothing was purged.\n"));
			return 1;
		}
	}
	struct bf_purge_result res;
	struct bf_progress pr;
	fflush(ctx->err);
	bf_progress_start(&pr, stderr, _("Purging (steps)"), BF_PURGE_STEPS);
	int purged = bf_purge_run_progress(&ctx->db, ctx->today, &res, bf_progress_cb, &pr, &err);
	bf_progress_end(&pr);
	if (purged != 0) {
		fprintf(ctx->err, "bangfu purge: %s\n", err.msg);
		return 1;
	}
	if (bf_store_is_district(&ctx->db))
		fprintf(ctx->out,
		        _("Purged %lld file(s) decided before %s; %lld audit row(s) blanked. Only "
		          "their count is kept.\n"),
		        (long long)res.cases, res.cutoff, (long long)res.audit_rows);
	else
		fprintf(ctx->out,
		        _("Purged %lld file(s) closed before %s; %lld audit row(s) blanked. Only "
		          "their numbers are kept.\n"),
		        (long long)res.cases, res.cutoff, (long long)res.audit_rows);
	if (res.drafts)
		fprintf(ctx->out,
		        _("Removed %lld new-case draft(s) not touched since before %s.\n"),
		        (long long)res.drafts, res.draft_cutoff);
	if (!res.checkpointed) {
		const char *where = res.left_in_main && res.left_in_wal
		                        ? _("in the database file %s and in its -wal file")
		                    : res.left_in_main ? _("in the database file %s")
		                                       : _("in the -wal file of %s");
		char place[1200];
		snprintf(place, sizeof place, where, ctx->db.path);
		fprintf(ctx->out,
		        _("Another program is reading this database: until it stops, the purged "
		          "data is still %s. The purge finishes at the next start of bangfu.\n"),
		        place);
	}
	fprintf(ctx->out, _("Backups made before today still hold these files.\n"));
	return 0;
}
