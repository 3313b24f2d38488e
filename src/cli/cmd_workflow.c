/* cmd_workflow.c — the workflow on the command line:
 *   bangfu case advance | history | close ...   (dispatched by cmd_case.c)
 *   bangfu checklist NUMBER | receive | waive | unset ...
 *   bangfu review NUMBER --approve ... | --reject ...
 *   bangfu print form | checklist NUMBER ... */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/cli.h"
#include "bangfu/jsonw.h"
#include "bangfu/money.h"
#include "bangfu/pdf.h"
#include "bangfu/print.h"
#include "bangfu/store.h"
#include "bangfu/workflow_store.h"

int bf_cmd_case_advance(struct bf_ctx *ctx, int argc, char **argv);
int bf_cmd_case_history(struct bf_ctx *ctx, int argc, char **argv);
int bf_cmd_case_close(struct bf_ctx *ctx, int argc, char **argv);

/* ---- helpers ---------------------------------------------------------------------- */

/* Options that take a value: their value is not a positional argument. */
static const char *const value_opts[] = {"--to",     "--reason",  "--back-to", "--note",
                                         "--pdf",    "--copies",  "--date",    "--category",
                                         "--amount", "--meeting", NULL};

/* The k-th (0-based) positional argument after argv[0] (the subcommand). */
static const char *positional(int argc, char **argv, int k)
{
	return bf_arg_positional(argc, argv, k, value_opts);
}

static int positional_count(int argc, char **argv)
{
	int n = 0;
	while (positional(argc, argv, n))
		n++;
	return n;
}

/* Open the database and find the file; prints the problem. */
static int find_case(struct bf_ctx *ctx, const char *cmd, const char *number, int64_t *id)
{
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	int rc = bf_case_lookup(&ctx->db, number, id, &err);
	if (rc > 0) {
		fprintf(ctx->err, _("bangfu %s: there is no file %s\n"), cmd, number);
		return 1;
	}
	if (rc < 0) {
		fprintf(ctx->err, "bangfu %s: %s\n", cmd, err.msg);
		return 1;
	}
	return 0;
}

/* "2026-03-02T03:04:05Z" (UTC) as local "2026-03-02 11:04". */
static const char *local_time(const char *utc, char *buf, size_t n)
{
	int y, mo, d, h, mi, s;
	if (sscanf(utc, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6 ||
	    !bf_ymd_valid(y, mo, d)) {
		bf_strlcpy(buf, utc, n);
		return buf;
	}
	time_t t = (time_t)bf_date_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	struct tm tm;
	if (!localtime_r(&t, &tm) || !strftime(buf, n, "%Y-%m-%d %H:%M", &tm))
		bf_strlcpy(buf, utc, n);
	return buf;
}

static void print_review(FILE *o, const struct bf_review *r, const char *indent)
{
	char money[32];
	if (r->decision == BF_REVIEW_APPROVE) {
		fprintf(o,
		        _("%sReview: approved, category %d, %s yuan proposed; meeting %s on %s; "
		          "reviewer %s\n"),
		        indent, r->category, bf_money_format(r->amount, money, sizeof money),
		        r->meeting_ref, r->date, r->reviewer);
		if (r->reason[0])
			fprintf(o, _("%s  note: %s\n"), indent, r->reason);
	} else
		fprintf(o, _("%sReview: rejected (%s); meeting %s on %s; reviewer %s\n"), indent,
		        r->reason, r->meeting_ref, r->date, r->reviewer);
}

/* ---- case advance / close --------------------------------------------------------------- */

static int report_move(struct bf_ctx *ctx, const char *cmd, const char *number, int rc,
                       const bf_error *err, enum bf_state from, enum bf_state to)
{
	if (rc > 0) {
		fprintf(ctx->err, _("bangfu %s: file %s was not moved: %s\n"), cmd, number,
		        err->msg);
		return 1;
	}
	if (rc < 0) {
		fprintf(ctx->err, "bangfu %s: %s\n", cmd, err->msg);
		return 1;
	}
	fprintf(ctx->out, _("File %s: %s → %s\n"), number, bf_state_label(from),
	        bf_state_label(to));
	return 0;
}

static int current_state(struct bf_ctx *ctx, int64_t id, enum bf_state *s)
{
	struct bf_case_wf *w = malloc(sizeof *w);
	bf_error err = {{0}};
	if (!w || bf_case_workflow(&ctx->db, id, ctx->today, w, &err) != 0) {
		fprintf(ctx->err, "bangfu: %s\n", w ? err.msg : "out of memory");
		free(w);
		return -1;
	}
	*s = w->state;
	free(w);
	return 0;
}

int bf_cmd_case_advance(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *number = positional(argc, argv, 0);
	const char *to = bf_arg_value(argc, argv, "--to");
	if (!number || !to) {
		fprintf(ctx->err, _("Usage: bangfu case advance NUMBER --to STATE [--reason TEXT] "
		                    "[--back-to STATE]\n"));
		return 2;
	}
	int s = bf_state_parse(to);
	if (s < 0) {
		fprintf(ctx->err, _("bangfu case advance: unknown state \"%s\"; the states are:"),
		        to);
		for (int i = 0; i < BF_STATE_COUNT; i++)
			fprintf(ctx->err, " %s", bf_state_code((enum bf_state)i));
		fputc('\n', ctx->err);
		return 2;
	}
	struct bf_move m;
	bf_move_init(&m, (enum bf_state)s);
	m.reason = bf_arg_value(argc, argv, "--reason");
	m.today = ctx->today;
	const char *back = bf_arg_value(argc, argv, "--back-to");
	if (back) {
		m.back_to = bf_state_parse(back);
		if (m.back_to < 0) {
			fprintf(ctx->err, _("bangfu case advance: unknown state \"%s\"\n"), back);
			return 2;
		}
	}
	if (s == BF_STATE_CLOSED) {
		fprintf(ctx->err, "%s",
		        _("bangfu case advance: close a file with bangfu case close NUMBER "
		          "--reason escaped|retired|moved|died|other\n"));
		return 2;
	}
	int64_t id;
	if (find_case(ctx, "case advance", number, &id) != 0)
		return 1;
	enum bf_state from;
	if (current_state(ctx, id, &from) != 0)
		return 1;
	bf_error err = {{0}};
	int rc = bf_case_advance(&ctx->db, id, &m, &err);
	return report_move(ctx, "case advance", number, rc, &err, from, (enum bf_state)s);
}

int bf_cmd_case_close(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *number = positional(argc, argv, 0);
	const char *why = bf_arg_value(argc, argv, "--reason");
	if (!number || !why) {
		fprintf(ctx->err, _("Usage: bangfu case close NUMBER --reason "
		                    "escaped|retired|moved|died|other [--note TEXT]\n"));
		return 2;
	}
	int closure = bf_closure_parse(why);
	if (closure < 0) {
		fprintf(ctx->err,
		        _("bangfu case close: unknown reason \"%s\"; give escaped, retired, moved, "
		          "died or other\n"),
		        why);
		return 2;
	}
	int64_t id;
	if (find_case(ctx, "case close", number, &id) != 0)
		return 1;
	enum bf_state from;
	if (current_state(ctx, id, &from) != 0)
		return 1;
	struct bf_move m;
	bf_move_init(&m, BF_STATE_CLOSED);
	m.closure = closure;
	m.reason = bf_arg_value(argc, argv, "--note");
	m.today = ctx->today;
	bf_error err = {{0}};
	int rc = bf_case_advance(&ctx->db, id, &m, &err);
	return report_move(ctx, "case close", number, rc, &err, from, BF_STATE_CLOSED);
}

/* ---- case history ------------------------------------------------------------------------ */

static void history_text(struct bf_ctx *ctx, const char *number, const struct bf_case_wf *w,
                         const struct bf_history_entry *h, size_t n)
{
	FILE *o = ctx->out;
	char t[32];
	fprintf(o, _("File %s — %s\n"), number, bf_state_label(w->state));
	if (w->state == BF_STATE_RETURNED) {
		if (w->returned_to >= 0)
			fprintf(o, _("Returned by the district to “%s”: %s\n"),
			        bf_state_label((enum bf_state)w->returned_to), w->return_reason);
		else
			fprintf(o, _("Returned by the district: %s\n"), w->return_reason);
	}
	if (w->state == BF_STATE_IN_PUBLICITY && w->publicity_end != BF_DATE_NONE) {
		char a[BF_DATE_SZ], b[BF_DATE_SZ];
		bf_date_format(w->publicity_start, a);
		bf_date_format(w->publicity_end, b);
		fprintf(o, _("Publicity from %s to %s\n"), a, b);
	}
	if (w->state == BF_STATE_CLOSED && w->closure >= 0)
		fprintf(o, _("Closed: %s%s%s\n"), bf_closure_label(w->closure),
		        w->closure_note[0] ? " — " : "", w->closure_note);
	fprintf(o, _("Documents: %zu required, %zu done, %zu missing\n"), w->docs.required,
	        w->docs.done, w->docs.missing);
	fprintf(o, "\n%s\n", _("History:"));
	for (size_t i = 0; i < n; i++) {
		const struct bf_history_entry *e = &h[i];
		local_time(e->at, t, sizeof t);
		fputs("  ", o);
		bf_put_col(o, t, 18);
		bf_put_col(o, e->actor, 12);
		if (!e->from[0])
			fprintf(o, _("created as “%s”\n"), bf_state_label_of(e->to));
		else
			fprintf(o, "%s → %s\n", bf_state_label_of(e->from),
			        bf_state_label_of(e->to));
		if (e->closure >= 0)
			fprintf(o, _("      closure reason: %s\n"), bf_closure_label(e->closure));
		if (e->back_to >= 0)
			fprintf(o, _("      back to: %s\n"),
			        bf_state_label((enum bf_state)e->back_to));
		if (e->reason[0] && !(e->has_review && e->review.decision == BF_REVIEW_REJECT))
			fprintf(o, _("      reason: %s\n"), e->reason);
		if (e->has_review)
			print_review(o, &e->review, "      ");
	}
	fprintf(o, "\n%s\n", _("Next:"));
	if (w->n_next == 0)
		fprintf(o, "  %s\n", _("(none)"));
	for (size_t i = 0; i < w->n_next; i++) {
		const struct bf_next_move *m = &w->next[i];
		fprintf(o, "  %-17s %s", bf_state_code(m->to), _(m->t->label));
		if (!m->ready)
			fprintf(o, _(" — not yet: %s"), m->why);
		fputc('\n', o);
	}
}

static void history_json(struct bf_ctx *ctx, const char *number, const struct bf_case_wf *w,
                         const struct bf_history_entry *h, size_t n)
{
	struct bf_json j;
	bf_json_init(&j, ctx->out, true);
	bf_json_object(&j, NULL);
	bf_json_str(&j, "number", number);
	bf_json_str(&j, "status", bf_state_code(w->state));
	if (w->state == BF_STATE_RETURNED) {
		bf_json_str(&j, "returned_to",
		            w->returned_to >= 0 ? bf_state_code((enum bf_state)w->returned_to)
		                                : NULL);
		bf_json_str(&j, "return_reason", w->return_reason);
	}
	bf_json_int(&j, "documents_required", (int64_t)w->docs.required);
	bf_json_int(&j, "documents_missing", (int64_t)w->docs.missing);
	bf_json_array(&j, "history");
	for (size_t i = 0; i < n; i++) {
		const struct bf_history_entry *e = &h[i];
		bf_json_object(&j, NULL);
		bf_json_str(&j, "at", e->at);
		bf_json_str(&j, "actor", e->actor);
		bf_json_str(&j, "from", e->from[0] ? e->from : NULL);
		bf_json_str(&j, "to", e->to);
		bf_json_str(&j, "reason", e->reason[0] ? e->reason : NULL);
		bf_json_str(&j, "closure", e->closure >= 0 ? bf_closure_code(e->closure) : NULL);
		bf_json_str(&j, "back_to",
		            e->back_to >= 0 ? bf_state_code((enum bf_state)e->back_to) : NULL);
		if (e->has_review) {
			bf_json_object(&j, "review");
			bf_json_str(&j, "decision", bf_review_decision_code(e->review.decision));
			if (e->review.decision == BF_REVIEW_APPROVE) {
				bf_json_int(&j, "category", e->review.category);
				bf_json_int(&j, "amount_fen", e->review.amount);
			}
			bf_json_str(&j, "reason", e->review.reason[0] ? e->review.reason : NULL);
			bf_json_str(&j, "reviewer", e->review.reviewer);
			bf_json_str(&j, "date", e->review.date);
			bf_json_str(&j, "meeting_ref", e->review.meeting_ref);
			bf_json_object_end(&j);
		}
		bf_json_object_end(&j);
	}
	bf_json_array_end(&j);
	bf_json_array(&j, "next");
	for (size_t i = 0; i < w->n_next; i++) {
		bf_json_object(&j, NULL);
		bf_json_str(&j, "to", bf_state_code(w->next[i].to));
		bf_json_str(&j, "action", w->next[i].t->action);
		bf_json_bool(&j, "ready", w->next[i].ready);
		bf_json_str(&j, "missing", w->next[i].ready ? NULL : w->next[i].why);
		bf_json_object_end(&j);
	}
	bf_json_array_end(&j);
	bf_json_object_end(&j);
	bf_json_finish(&j);
}

int bf_cmd_case_history(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *number = positional(argc, argv, 0);
	if (!number) {
		fprintf(ctx->err, _("Usage: bangfu case history NUMBER [--json]\n"));
		return 2;
	}
	int64_t id;
	if (find_case(ctx, "case history", number, &id) != 0)
		return 1;
	struct bf_case_wf *w = malloc(sizeof *w);
	struct bf_history_entry *h = NULL;
	size_t n = 0;
	bf_error err = {{0}};
	if (!w || bf_case_workflow(&ctx->db, id, ctx->today, w, &err) != 0 ||
	    bf_case_history(&ctx->db, id, &h, &n, &err) != 0) {
		fprintf(ctx->err, "bangfu case history: %s\n", w ? err.msg : "out of memory");
		free(w);
		return 1;
	}
	if (bf_arg_flag(argc, argv, "--json"))
		history_json(ctx, number, w, h, n);
	else
		history_text(ctx, number, w, h, n);
	free(h);
	free(w);
	return 0;
}

/* ---- checklist ----------------------------------------------------------------------------- */

/* Load what the printouts need. */
struct printable {
	struct bf_case *c;
	struct bf_assessment *a;
	struct bf_checklist cl;
	struct bf_unit unit;
	bool has_unit;
	bool has_review;
	struct bf_review review;
};

static void printable_free(struct printable *pr)
{
	free(pr->c);
	free(pr->a);
	bf_checklist_free(&pr->cl);
}

static int printable_load(struct bf_ctx *ctx, const char *cmd, int64_t id, struct printable *pr)
{
	memset(pr, 0, sizeof *pr);
	bf_checklist_init(&pr->cl);
	pr->c = malloc(sizeof *pr->c);
	pr->a = malloc(sizeof *pr->a);
	bf_error err = {{0}};
	struct bf_year_settings ys;
	if (!pr->c || !pr->a) {
		fprintf(ctx->err, "bangfu %s: out of memory\n", cmd);
		return -1;
	}
	if (bf_case_load(&ctx->db, id, pr->c, &err) != 0 ||
	    bf_settings_year(&ctx->db, pr->c->year, &ys, &err) != 0 ||
	    bf_checklist_load(&ctx->db, id, &pr->cl, &err) != 0) {
		fprintf(ctx->err, "bangfu %s: %s\n", cmd, err.msg);
		return -1;
	}
	bf_assess(pr->c, &ys, pr->a);
	pr->has_unit = bf_unit_load(&ctx->db, &pr->unit, &err) == 0;
	int rc = bf_review_latest(&ctx->db, id, &pr->review, &err);
	if (rc < 0) {
		fprintf(ctx->err, "bangfu %s: %s\n", cmd, err.msg);
		return -1;
	}
	pr->has_review = rc == 0;
	/* the form's signature boxes: 王主席, not the login wang */
	bf_account_display(&ctx->db, pr->c->created_by, sizeof pr->c->created_by);
	bf_account_display(&ctx->db, pr->c->reviewed_by, sizeof pr->c->reviewed_by);
	bf_account_display(&ctx->db, pr->c->keyed_by, sizeof pr->c->keyed_by);
	if (pr->has_review)
		bf_account_display(&ctx->db, pr->review.reviewer, sizeof pr->review.reviewer);
	return 0;
}

static int write_pdf_and_print(struct bf_ctx *ctx, const char *cmd, const char *path, bool lp,
                               int rc, const bf_error *err)
{
	if (rc != 0) {
		fprintf(ctx->err, "bangfu %s: %s\n", cmd, err->msg);
		return 1;
	}
	fprintf(ctx->out, _("Wrote %s\n"), path);
	if (lp) {
		bf_error perr = {{0}};
		if (bf_pdf_print(path, &perr) != 0) {
			fprintf(ctx->err, "bangfu %s: %s\n", cmd, perr.msg);
			return 1;
		}
		fprintf(ctx->out, _("Sent %s to the printer\n"), path);
	}
	return 0;
}

static void checklist_text(struct bf_ctx *ctx, const struct printable *pr)
{
	FILE *o = ctx->out;
	struct bf_checklist_summary s;
	bf_checklist_summarize(&pr->cl, &s);
	fprintf(o, _("File %s %s — %s\n"), pr->c->number, pr->c->members[0].name,
	        bf_state_label_of(pr->c->status));
	fprintf(o, _("Documents: %zu required, %zu done, %zu missing\n"), s.required, s.done,
	        s.missing);
	if (s.missing)
		fprintf(o, _("Missing: %s\n"), s.missing_text);
	fputc('\n', o);
	size_t k = 0;
	bool obsolete = false;
	for (size_t i = 0; i < pr->cl.n; i++) {
		const struct bf_checklist_item *it = &pr->cl.items[i];
		if (!it->required) {
			obsolete = true;
			continue;
		}
		char num[16], title[256];
		snprintf(num, sizeof num, "%2zu.", ++k);
		bf_item_title(it, title, sizeof title);
		fprintf(o, "%s ", num);
		const char *st = bf_item_status_label(it->status);
		if (it->status == BF_ITEM_MISSING && it->alt_group &&
		    bf_checklist_group_done(&pr->cl, it->alt_group))
			st = _("not needed");
		bf_put_col(o, st, 10);
		fprintf(o, "%s  [%s]", title, it->key);
		if (it->status == BF_ITEM_RECEIVED)
			fprintf(o,
			        ngettext(" — %s, %d copy, by %s", " — %s, %d copies, by %s",
			                 (unsigned long)it->copies),
			        it->received_date, it->copies, it->received_by);
		else if (it->status == BF_ITEM_WAIVED)
			fprintf(o, _(" — waived by %s: %s"), it->waived_by, it->waive_reason);
		if (it->note[0])
			fprintf(o, _(" (note: %s)"), it->note);
		fputc('\n', o);
	}
	for (size_t i = 0; i < pr->cl.n; i++) {
		const struct bf_checklist_item *it = &pr->cl.items[i];
		if (it->required && it->pair_member &&
		    !bf_checklist_group_done(&pr->cl, it->alt_group)) {
			fprintf(o,
			        _("\nThe disaster proof may be replaced by the employee's "
			          "statement together with the union's investigation note: "
			          "tick both with the key %s.\n"),
			        BF_PAIR_KEY);
			break;
		}
	}
	if (obsolete) {
		fprintf(o, "\n%s\n", _("No longer required (kept as history):"));
		for (size_t i = 0; i < pr->cl.n; i++) {
			const struct bf_checklist_item *it = &pr->cl.items[i];
			if (it->required)
				continue;
			char title[256];
			bf_item_title(it, title, sizeof title);
			fprintf(o, "    ");
			bf_put_col(o, bf_item_status_label(it->status), 10);
			fprintf(o, "%s  [%s]\n", title, it->key);
		}
	}
}

static void checklist_json(struct bf_ctx *ctx, const struct printable *pr)
{
	struct bf_checklist_summary s;
	bf_checklist_summarize(&pr->cl, &s);
	struct bf_json j;
	bf_json_init(&j, ctx->out, true);
	bf_json_object(&j, NULL);
	bf_json_str(&j, "number", pr->c->number);
	bf_json_str(&j, "status", pr->c->status);
	bf_json_int(&j, "required", (int64_t)s.required);
	bf_json_int(&j, "done", (int64_t)s.done);
	bf_json_int(&j, "missing", (int64_t)s.missing);
	bf_json_array(&j, "items");
	for (size_t i = 0; i < pr->cl.n; i++) {
		const struct bf_checklist_item *it = &pr->cl.items[i];
		bf_json_object(&j, NULL);
		bf_json_str(&j, "key", it->key);
		bf_json_str(&j, "kind", bf_doc_code(it->kind));
		bf_json_str(&j, "label", bf_doc_label(it->kind));
		bf_json_str(&j, "member", it->member_name[0] ? it->member_name : NULL);
		bf_json_bool(&j, "required", it->required);
		if (it->alt_group) {
			bf_json_int(&j, "alternative_group", it->alt_group);
			bf_json_bool(&j, "pair", it->pair_member);
		}
		bf_json_str(&j, "status", bf_item_status_code(it->status));
		if (it->status == BF_ITEM_RECEIVED) {
			bf_json_str(&j, "received_date", it->received_date);
			bf_json_int(&j, "copies", it->copies);
			bf_json_str(&j, "received_by", it->received_by);
		}
		if (it->status == BF_ITEM_WAIVED) {
			bf_json_str(&j, "waive_reason", it->waive_reason);
			bf_json_str(&j, "waived_by", it->waived_by);
		}
		bf_json_str(&j, "note", it->note[0] ? it->note : NULL);
		bf_json_str(&j, "why", it->why[0] ? it->why : NULL);
		bf_json_object_end(&j);
	}
	bf_json_array_end(&j);
	bf_json_object_end(&j);
	bf_json_finish(&j);
}

static int checklist_show(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *number = positional(argc, argv, 0);
	if (!number) {
		fprintf(
		    ctx->err, "%s",
		    _("Usage: bangfu checklist NUMBER [--json | --text | --pdf FILE [--lp]]\n"));
		return 2;
	}
	int64_t id;
	if (find_case(ctx, "checklist", number, &id) != 0)
		return 1;
	struct printable pr;
	int rc = 1;
	if (printable_load(ctx, "checklist", id, &pr) != 0)
		goto out;
	const char *pdf = bf_arg_value(argc, argv, "--pdf");
	if (pdf) {
		bf_error err = {{0}};
		bf_outfile *o = bf_cli_outfile(ctx, pdf, &err);
		/* the footer's audit head and row count (issue 13) */
		int r = !o ? -1 : pr.has_unit ? bf_audit_stamp(&ctx->db, &pr.unit.stamp, &err) : 0;
		if (r == 0)
			r = bf_checklist_handout_pdf(o, pr.c, &pr.cl, pr.has_unit ? &pr.unit : NULL,
			                             ctx->today, &err);
		r = bf_outfile_finish(o, r, &err);
		rc = write_pdf_and_print(ctx, "checklist", pdf, bf_arg_flag(argc, argv, "--lp"), r,
		                         &err);
		goto out;
	}
	if (bf_arg_flag(argc, argv, "--text"))
		bf_checklist_handout_text(ctx->out, pr.c, &pr.cl, pr.has_unit ? &pr.unit : NULL,
		                          ctx->today);
	else if (bf_arg_flag(argc, argv, "--json"))
		checklist_json(ctx, &pr);
	else
		checklist_text(ctx, &pr);
	rc = 0;
out:
	printable_free(&pr);
	return rc;
}

static int checklist_change(struct bf_ctx *ctx, const char *sub, int argc, char **argv)
{
	char cmd[64];
	snprintf(cmd, sizeof cmd, "checklist %s", sub);
	const char *number = positional(argc, argv, 0);
	int nkeys = positional_count(argc, argv) - 1;
	const char *reason = bf_arg_value(argc, argv, "--reason");
	if (!number || nkeys < 1 || (!strcmp(sub, "waive") && !reason)) {
		if (!strcmp(sub, "receive"))
			fprintf(ctx->err, "%s",
			        _("Usage: bangfu checklist receive NUMBER KEY... [--copies N] "
			          "[--date YYYY-MM-DD] [--note TEXT]\n"));
		else if (!strcmp(sub, "waive"))
			fprintf(ctx->err, "%s",
			        _("Usage: bangfu checklist waive NUMBER KEY... --reason TEXT\n"));
		else
			fprintf(ctx->err, "%s", _("Usage: bangfu checklist unset NUMBER KEY...\n"));
		return 2;
	}
	struct bf_receipt r;
	memset(&r, 0, sizeof r);
	const char *v;
	if ((v = bf_arg_value(argc, argv, "--copies"))) {
		char *end;
		long n = strtol(v, &end, 10);
		if (end == v || *end || n < 1 || n > 99) {
			fprintf(ctx->err, _("bangfu %s: --copies takes a number from 1 to 99\n"),
			        cmd);
			return 2;
		}
		r.copies = (int)n;
	}
	if ((v = bf_arg_value(argc, argv, "--date")))
		bf_strlcpy(r.date, v, sizeof r.date);
	if ((v = bf_arg_value(argc, argv, "--note")))
		bf_strlcpy(r.note, v, sizeof r.note);
	int64_t id;
	if (find_case(ctx, cmd, number, &id) != 0)
		return 1;
	/* all keys in one go: validated together, written together or not at all */
	const char **keys = calloc((size_t)nkeys, sizeof *keys);
	if (!keys) {
		fprintf(ctx->err, "bangfu %s: %s\n", cmd, _("out of memory"));
		return 1;
	}
	for (int k = 1; k <= nkeys; k++)
		keys[k - 1] = positional(argc, argv, k);
	enum bf_item_status st = !strcmp(sub, "receive") ? BF_ITEM_RECEIVED
	                         : !strcmp(sub, "waive") ? BF_ITEM_WAIVED
	                                                 : BF_ITEM_MISSING;
	bf_error cerr = {{0}};
	int crc = bf_checklist_change(&ctx->db, id, st, keys, (size_t)nkeys, &r, reason, ctx->today,
	                              &cerr);
	free(keys);
	if (crc != 0) {
		if (nkeys == 1)
			fprintf(ctx->err, "bangfu %s: %s: %s\n", cmd, positional(argc, argv, 1),
			        cerr.msg);
		else
			fprintf(ctx->err, "bangfu %s: %s\n", cmd, cerr.msg);
		return 1;
	}
	struct bf_checklist cl;
	bf_checklist_init(&cl);
	bf_error err = {{0}};
	if (bf_checklist_load(&ctx->db, id, &cl, &err) == 0) {
		struct bf_checklist_summary s;
		bf_checklist_summarize(&cl, &s);
		if (s.missing)
			fprintf(ctx->out,
			        ngettext("File %s: %zu document still missing: %s\n",
			                 "File %s: %zu documents still missing: %s\n", s.missing),
			        number, s.missing, s.missing_text);
		else
			fprintf(ctx->out, _("File %s: all %zu required documents are in\n"), number,
			        s.required);
	}
	bf_checklist_free(&cl);
	return 0;
}

int bf_cmd_checklist(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "";
	if (!strcmp(sub, "receive") || !strcmp(sub, "waive") || !strcmp(sub, "unset"))
		return checklist_change(ctx, sub, argc - 1, argv + 1);
	if (!strcmp(sub, "show"))
		return checklist_show(ctx, argc - 1, argv + 1);
	if (!sub[0] || sub[0] == '-') {
		fprintf(ctx->err, "%s",
		        _("Usage: bangfu checklist NUMBER [--json | --text | --pdf FILE [--lp]]\n"
		          "       bangfu checklist receive NUMBER KEY... [--copies N] [--date D] "
		          "[--note TEXT]\n"
		          "       bangfu checklist waive NUMBER KEY... --reason TEXT\n"
		          "       bangfu checklist unset NUMBER KEY...\n"
		          "KEY is the key or number the checklist lists, a document code, "
		          "CODE:NAME, or disaster_pair.\n"));
		return 2;
	}
	return checklist_show(ctx, argc, argv);
}

/* ---- review ------------------------------------------------------------------------------- */

int bf_cmd_review(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *number = positional(argc, argv, 0);
	bool approve = bf_arg_flag(argc, argv, "--approve");
	bool reject = bf_arg_flag(argc, argv, "--reject");
	if (!number || approve == reject) {
		fprintf(ctx->err, "%s",
		        _("Usage: bangfu review NUMBER --approve --category N --amount YUAN "
		          "--meeting REF [--date D] [--note TEXT]\n"
		          "       bangfu review NUMBER --reject --reason TEXT --meeting REF "
		          "[--date D]\n"));
		return 2;
	}
	struct bf_review r;
	memset(&r, 0, sizeof r);
	r.decision = approve ? BF_REVIEW_APPROVE : BF_REVIEW_REJECT;
	const char *v;
	if (approve) {
		if ((v = bf_arg_value(argc, argv, "--category"))) {
			char *end;
			long n = strtol(v, &end, 10);
			if (end == v || *end || n < 1 || n > 5) {
				fprintf(ctx->err, "%s",
				        _("bangfu review: --category takes 1 to 5\n"));
				return 2;
			}
			r.category = (int)n;
		}
		if ((v = bf_arg_value(argc, argv, "--amount"))) {
			bf_error err = {{0}};
			if (!bf_money_parse(v, 0, &r.amount, &err)) {
				fprintf(ctx->err, _("bangfu review: --amount: %s\n"), err.msg);
				return 2;
			}
		}
		if ((v = bf_arg_value(argc, argv, "--note")))
			bf_strlcpy(r.reason, v, sizeof r.reason);
	} else if ((v = bf_arg_value(argc, argv, "--reason"))) {
		bf_strlcpy(r.reason, v, sizeof r.reason);
	}
	if ((v = bf_arg_value(argc, argv, "--meeting")))
		bf_strlcpy(r.meeting_ref, v, sizeof r.meeting_ref);
	if ((v = bf_arg_value(argc, argv, "--date")))
		bf_strlcpy(r.date, v, sizeof r.date);
	int64_t id;
	if (find_case(ctx, "review", number, &id) != 0)
		return 1;
	enum bf_state from;
	if (current_state(ctx, id, &from) != 0)
		return 1;
	bf_error err = {{0}};
	int rc = bf_case_review(&ctx->db, id, &r, ctx->today, &err);
	int ret = report_move(ctx, "review", number, rc, &err, from,
	                      approve ? BF_STATE_APPROVED : BF_STATE_REJECTED);
	if (ret == 0)
		print_review(ctx->out, &r, "");
	return ret;
}

/* ---- print ---------------------------------------------------------------------------------- */

int bf_cmd_print(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *what = positional(argc, argv, 0);
	const char *number = positional(argc, argv, 1);
	const char *pdf = bf_arg_value(argc, argv, "--pdf");
	bool form = what && !strcmp(what, "form");
	bool checklist = what && !strcmp(what, "checklist");
	if ((!form && !checklist) || !number ||
	    (!pdf && !(checklist && bf_arg_flag(argc, argv, "--text")))) {
		fprintf(ctx->err, "%s",
		        _("Usage: bangfu print form NUMBER --pdf FILE [--lp]\n"
		          "       bangfu print checklist NUMBER (--pdf FILE [--lp] | --text)\n"
		          "--lp sends the PDF to the default printer (needs CUPS).\n"));
		return 2;
	}
	int64_t id;
	if (find_case(ctx, "print", number, &id) != 0)
		return 1;
	struct printable pr;
	int rc = 1;
	if (printable_load(ctx, "print", id, &pr) != 0)
		goto out;
	bf_error err = {{0}};
	const struct bf_unit *u = pr.has_unit ? &pr.unit : NULL;
	if (checklist && !pdf) {
		bf_checklist_handout_text(ctx->out, pr.c, &pr.cl, u, ctx->today);
		rc = 0;
		goto out;
	}
	/* The form carries every full ID, bank and phone number of the household:
	 * written whole to a private temporary, then recorded as a reveal naming
	 * the file it goes to, then put in place. A failure at any step (a full
	 * stick) leaves neither the file nor the record. */
	char purpose[1100];
	snprintf(purpose, sizeof purpose, "print form %s", pdf);
	bf_outfile *o = bf_cli_outfile(ctx, pdf, &err);
	/* The form's reveal, its footer's audit head and row count (issue 13:
	 * the log as it is with the reveal) and the file whole, in one
	 * transaction: committed only when the file is written and flushed. */
	bool txn = false;
	int r = !o ? -1 : 0;
	if (r == 0 && form) {
		txn = bf_db_begin(&ctx->db) == 0;
		if (!txn) {
			bf_db_error(&ctx->db, &err);
			r = -1;
		}
	}
	if (r == 0 && form)
		r = bf_audit_reveal(&ctx->db, id, 0, "all", purpose, &err);
	if (r == 0 && pr.has_unit)
		r = bf_audit_stamp(&ctx->db, &pr.unit.stamp, &err);
	if (r == 0)
		r = form ? bf_form_pdf(o, pr.c, pr.a, pr.has_review ? &pr.review : NULL, u, &err)
		         : bf_checklist_handout_pdf(o, pr.c, &pr.cl, u, ctx->today, &err);
	if (r == 0 && form)
		r = bf_outfile_flush(o, &err);
	if (txn && r == 0 && bf_db_commit(&ctx->db) != 0) {
		bf_db_error(&ctx->db, &err);
		r = -1;
	}
	if (txn && r != 0)
		bf_db_rollback(&ctx->db);
	r = bf_outfile_finish(o, r, &err);
	rc = write_pdf_and_print(ctx, "print", pdf, bf_arg_flag(argc, argv, "--lp"), r, &err);
out:
	printable_free(&pr);
	return rc;
}
