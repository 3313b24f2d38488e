/* scr_district.c — the district's side on screen (a database made with
 * `bangfu init --district-mode`): the consolidation list of every file the
 * units sent (the home screen there), a file's detail with the persons it
 * shares with other files, the district's decisions (accept with the final
 * amount, return with the reason and the step it goes back to, undo),
 * importing a unit's package, the units with their keys and the reply
 * packages, and the summary by unit and category.
 *
 * The store (district_store.h, submission_store.h) says yes or no; its
 * refusals are shown as they are. ID numbers are only ever shown masked;
 * the reveal key shows one in full after recording it in the audit log. */
#include "config.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bangfu/clock.h"
#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/case_query.h"
#include "bangfu/casefile.h"
#include "bangfu/code.h"
#include "bangfu/district_store.h"
#include "bangfu/eligibility.h"
#include "bangfu/ident.h"
#include "bangfu/money.h"
#include "bangfu/package.h"
#include "bangfu/store.h"
#include "bangfu/submission_export.h"
#include "bangfu/submission_store.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_list.h"
#include "bangfu/ui_progress.h"
#include "bangfu/listkit.h"
#include "bangfu/ui_screens.h"
#include "bangfu/workflow.h"

static bf_date today_of(struct bf_app *app)
{
	return app->ctx && app->ctx->today ? app->ctx->today : bf_clock_today();
}

static bool allowed(struct bf_app *app, enum bf_perm p)
{
	return bf_store_can(&app->ctx->db, p);
}

/* The refusal of the role, on the message line; false when refused. */
static bool require(struct bf_app *app, enum bf_perm p)
{
	if (allowed(app, p))
		return true;
	char msg[512];
	bf_perm_denied_at(app->ctx->db.role, p, bf_store_is_district(&app->ctx->db), msg,
	                  sizeof msg);
	bf_app_msg(app, BF_MSG_ERROR, "%s", msg);
	return false;
}

static const char *decision_label(const char *code)
{
	if (!strcmp(code, "accept"))
		return _("accepted");
	if (!strcmp(code, "return"))
		return _("returned");
	return _("pending");
}

static const char *category_text(int cat, char *buf, size_t n)
{
	if (cat >= 1 && cat <= 5)
		snprintf(buf, n, "%d", cat);
	else
		bf_strlcpy(buf, "-", n);
	return buf;
}

/* "2026-11-28T21:29:28Z" as "2026-11-28 21:29" (UTC, as recorded). */
static const char *when(const char *iso, char out[24])
{
	bf_strlcpy(out, iso, 17);
	if (strlen(out) > 10 && out[10] == 'T')
		out[10] = ' ';
	return out;
}

static const char *relation_label(const char *code)
{
	int r = bf_enum_parse(BF_ENUM_RELATION, code);
	return r >= 0 ? bf_enum_label(BF_ENUM_RELATION, r) : code;
}

/* The steps a returned file can go back to, in the workflow's order. */
static const enum bf_state back_states[] = {BF_STATE_DRAFT, BF_STATE_DOCS_COMPLETE,
                                            BF_STATE_APPROVED, BF_STATE_PUBLICITY_PASSED};

/* ---- decisions (from the list and from a file's detail) --------------------------------- */

/* A decision on c was recorded (gen0: the database's generation before it):
 * the consolidation list, if open, updates that row and its totals. */
static void decided(struct bf_app *app, const struct bf_dist_case *c, uint64_t gen0);

static bool decide_accept(struct bf_app *app, const struct bf_dist_case *c)
{
	if (!require(app, BF_PERM_DISTRICT_DECIDE))
		return false;
	char buf[40], label[512], m[40];
	bf_money_format_plain(c->final_amount > 0 ? c->final_amount : c->amount, buf, sizeof buf);
	snprintf(label, sizeof label, _("%s %s %s, proposed %s yuan.\nAccepted amount (yuan):"),
	         c->unit_code, c->number, c->name, bf_money_format(c->amount, m, sizeof m));
	for (;;) {
		if (!bf_dlg_prompt(app, _("Accept"), label, buf, sizeof buf, 16))
			return false;
		bf_error err = {{0}};
		bf_fen v = 0;
		if (!bf_money_parse(buf, 0, &v, &err)) {
			bf_dlg_message(app, _("Accept"), err.msg);
			continue;
		}
		if (v <= 0) {
			bf_dlg_message(app, _("Accept"),
			               _("The accepted amount must be more than 0."));
			continue;
		}
		uint64_t gen0 = bf_db_generation(&app->ctx->db);
		if (bf_dist_decide(&app->ctx->db, c->id, "accept", v, NULL, NULL, &err) != 0) {
			bf_dlg_message(app, _("Not recorded"), err.msg);
			return false;
		}
		decided(app, c, gen0);
		bf_app_msg(app, BF_MSG_INFO, _("%s %s %s accepted: %s yuan."), c->unit_code,
		           c->number, c->name, bf_money_format(v, m, sizeof m));
		return true;
	}
}

static bool decide_return(struct bf_app *app, const struct bf_dist_case *c)
{
	if (!require(app, BF_PERM_DISTRICT_DECIDE))
		return false;
	char reason[512], label[512];
	bf_strlcpy(reason, !strcmp(c->decision, "return") ? c->reason : "", sizeof reason);
	snprintf(label, sizeof label, _("%s %s %s goes back to its unit.\nThe reason:"),
	         c->unit_code, c->number, c->name);
	for (;;) {
		if (!bf_dlg_prompt(app, _("Return"), label, reason, sizeof reason, 200))
			return false;
		bf_trim(reason);
		if (reason[0])
			break;
		bf_dlg_message(app, _("Return"), _("A return needs the reason, for the unit."));
	}
	const char *items[BF_ARRAY_LEN(back_states)];
	int initial = 0;
	for (size_t i = 0; i < BF_ARRAY_LEN(back_states); i++) {
		items[i] = bf_state_label(back_states[i]);
		if (!strcmp(c->back_to, bf_state_code(back_states[i])))
			initial = (int)i;
	}
	int k = bf_dlg_choose(app, _("Back to which step?"), items, BF_ARRAY_LEN(items), initial);
	if (k < 0)
		return false;
	bf_error err = {{0}};
	uint64_t gen0 = bf_db_generation(&app->ctx->db);
	if (bf_dist_decide(&app->ctx->db, c->id, "return", 0, reason, bf_state_code(back_states[k]),
	                   &err) != 0) {
		bf_dlg_message(app, _("Not recorded"), err.msg);
		return false;
	}
	decided(app, c, gen0);
	bf_app_msg(app, BF_MSG_INFO, _("%s %s %s returned: back to %s."), c->unit_code, c->number,
	           c->name, items[k]);
	return true;
}

static bool decide_pending(struct bf_app *app, const struct bf_dist_case *c)
{
	if (!require(app, BF_PERM_DISTRICT_DECIDE))
		return false;
	if (!strcmp(c->decision, "pending")) {
		bf_app_msg(app, BF_MSG_INFO, _("%s %s is pending already."), c->unit_code,
		           c->number);
		return false;
	}
	char q[512];
	snprintf(q, sizeof q, _("Undo the decision on %s %s %s (%s)? It goes back to pending."),
	         c->unit_code, c->number, c->name, decision_label(c->decision));
	if (!bf_dlg_confirm(app, q, false))
		return false;
	bf_error err = {{0}};
	uint64_t gen0 = bf_db_generation(&app->ctx->db);
	if (bf_dist_decide(&app->ctx->db, c->id, "pending", 0, NULL, NULL, &err) != 0) {
		bf_dlg_message(app, _("Not recorded"), err.msg);
		return false;
	}
	decided(app, c, gen0);
	bf_app_msg(app, BF_MSG_INFO, _("%s %s is pending again."), c->unit_code, c->number);
	return true;
}

/* a, t, p on a file; true when the action was one of them. */
static bool decide_action(struct bf_app *app, const struct bf_dist_case *c, enum bf_action a)
{
	switch (a) {
	case BF_ACT_DIST_ACCEPT:
		decide_accept(app, c);
		return true;
	case BF_ACT_DIST_RETURN:
		decide_return(app, c);
		return true;
	case BF_ACT_DIST_PENDING:
		decide_pending(app, c);
		return true;
	default:
		return false;
	}
}

/* ---- import --------------------------------------------------------------------------- */

int bf_district_import_run(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return -1;
	if (!require(app, BF_PERM_DISTRICT_IMPORT))
		return -1;
	char path[1024] = "";
	if (!bf_lk_ask_path(app, _("Import a package"), _("File:"), path, sizeof path))
		return 0;
	bf_error err = {{0}};
	char *buf = NULL;
	size_t len = 0;
	if (bf_pkg_read_file(path, &buf, &len, &err) != 0) {
		bf_dlg_message(app, _("Not imported"), err.msg);
		return 0;
	}
	struct bf_import_result r;
	memset(&r, 0, sizeof r);
	struct bf_ui_progress pr;
	bf_ui_progress_start(&pr, app, _("Importing the package (files)"));
	int rc =
	    bf_district_import_progress(&app->ctx->db, buf, len, &r, bf_ui_progress_cb, &pr, &err);
	free(buf);
	if (bf_ui_progress_end(&pr)) {
		bf_import_result_free(&r);
		return 0;
	}
	if (rc != 0) {
		char text[1024];
		snprintf(text, sizeof text, _("%s\n\nNothing was imported."), err.msg);
		bf_dlg_message(app, _("Not imported"), text);
		bf_import_result_free(&r);
		return 0;
	}
	const struct bf_pkg_header *h = &r.header;
	if (r.already) {
		char text[1024];
		snprintf(text, sizeof text,
		         _("%s %s, batch %s revision %d, was imported before: nothing changed."),
		         h->from_code, h->from_name, h->batch, h->revision);
		bf_dlg_message(app, _("Already imported"), text);
		bf_import_result_free(&r);
		return 0;
	}
	struct bf_tlines lines = {0}, *L = &lines;
	bf_tl_add(L, A_BOLD, _("%s %s: batch %s, revision %d"), h->from_code, h->from_name,
	          h->batch, h->revision);
	char made[24];
	bf_tl_add(L, A_NORMAL, _("Made %s; %zu files."), when(h->created, made), r.n_cases);
	if (!h->is_signed)
		bf_tl_add(L, bf_attr(BF_ATTR_WARN), "%s",
		          _("The package is not signed: it was taken because signatures are not "
		            "required here."));
	if (r.restored) {
		char warn[512];
		bf_import_restored_warning(&r, warn, sizeof warn);
		bf_tl_add(L, bf_attr(BF_ATTR_WARN), "%s", warn);
	}
	if (r.n_duplicates)
		bf_tl_add(L, bf_attr(BF_ATTR_WARN),
		          ngettext("%zu person of this package is also in another file: see the "
		                   "duplicates on the consolidation list.",
		                   "%zu persons of this package are also in other files: see the "
		                   "duplicates on the consolidation list.",
		                   (unsigned long)r.n_duplicates),
		          r.n_duplicates);
	else
		bf_tl_add(L, A_NORMAL, "%s", _("No person of this package is in another file."));
	if (r.superseded) {
		bf_tl_add(L, A_NORMAL, "%s", "");
		bf_tl_add(L, A_BOLD,
		          _("It replaces revision %d: %zu added, %zu removed, %zu changed, %zu "
		            "unchanged."),
		          r.old_revision, r.added, r.removed, r.changed, r.unchanged);
		bf_tl_add(
		    L, A_DIM, "%s",
		    _("Changed files go back to pending; decisions on unchanged files are kept."));
		if (r.diff && r.diff[0]) {
			char *save = NULL;
			for (char *line = strtok_r(r.diff, "\n", &save); line;
			     line = strtok_r(NULL, "\n", &save))
				bf_tl_add(L, A_NORMAL, "  %s", line);
		}
	}
	bf_import_result_free(&r);
	return bf_lk_text_open(app, "district_text", _("Package imported"), L);
}

/* ---- a file's detail --------------------------------------------------------------------- */

struct detail {
	struct bf_screen base;
	bf_db *db;
	int64_t id;
	struct bf_dist_case c;
	bool loaded;
	struct bf_tlines lines;
	size_t scroll;
	int page;
};

static const char *jtext(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : "";
}

static bool jint(json_t *o, const char *key, int64_t *out)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_integer(v))
		return false;
	*out = json_integer_value(v);
	return true;
}

static void detail_members(struct bf_tlines *L, json_t *root)
{
	json_t *members = json_object_get(root, "members");
	size_t n = json_is_array(members) ? json_array_size(members) : 0;
	bf_tl_add(L, A_BOLD | A_UNDERLINE,
	          ngettext("Household: %zu member", "Household: %zu members", (unsigned long)n), n);
	/* columns by display width: Chinese names are two columns a character */
	int wn = 6, wr = 4;
	for (size_t i = 0; i < n; i++) {
		json_t *m = json_array_get(members, i);
		int a = bf_str_width(jtext(m, "name"));
		int b = bf_str_width(relation_label(jtext(m, "relation")));
		wn = a > wn ? a : wn;
		wr = b > wr ? b : wr;
	}
	bf_fen total = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *m = json_array_get(members, i);
		char id[32], money[40], line[512];
		bf_mask_id(jtext(m, "id_number"), id, sizeof id);
		int64_t income = 0;
		bool has_income = jint(m, "monthly_income", &income);
		total += has_income ? income : 0;
		const char *name = jtext(m, "name");
		const char *rel = relation_label(jtext(m, "relation"));
		snprintf(line, sizeof line, "  %s", name);
		for (int w = bf_str_width(name); w < wn + 1; w++)
			strncat(line, " ", sizeof line - strlen(line) - 1);
		strncat(line, " ", sizeof line - strlen(line) - 1);
		strncat(line, rel, sizeof line - strlen(line) - 1);
		for (int w = bf_str_width(rel); w < wr + 1; w++)
			strncat(line, " ", sizeof line - strlen(line) - 1);
		strncat(line, " ", sizeof line - strlen(line) - 1);
		strncat(line, id[0] ? id : "-", sizeof line - strlen(line) - 1);
		if (has_income) {
			char inc[80];
			snprintf(inc, sizeof inc, _("  income %s/month"),
			         bf_money_format(income, money, sizeof money));
			strncat(line, inc, sizeof line - strlen(line) - 1);
		}
		bf_tl_add(L, A_NORMAL, "%s", line);
	}
	json_t *form = json_object_get(root, "form");
	int64_t other = 0;
	char money[40];
	if (json_is_object(form) && jint(form, "other_income_year", &other) && other > 0)
		bf_tl_add(L, A_NORMAL, _("  Other income per year: %s"),
		          bf_money_format(other, money, sizeof money));
	if (n)
		bf_tl_add(L, A_NORMAL, _("  Members' incomes together: %s a month"),
		          bf_money_format(total, money, sizeof money));
}

static void detail_causes(struct bf_tlines *L, json_t *root)
{
	json_t *causes = json_object_get(root, "causes");
	if (!json_is_array(causes) || !json_array_size(causes))
		return;
	char line[512] = "";
	for (size_t i = 0; i < json_array_size(causes); i++) {
		const char *code = jtext(json_array_get(causes, i), "cause");
		int c = bf_enum_parse(BF_ENUM_CAUSE, code);
		if (line[0])
			/* TRANSLATORS: between the causes of hardship listed on one line */
			strncat(line, _(", "), sizeof line - strlen(line) - 1);
		strncat(line, c >= 0 ? bf_enum_label(BF_ENUM_CAUSE, c) : code,
		        sizeof line - strlen(line) - 1);
	}
	bf_tl_add(L, A_NORMAL, _("Causes of hardship: %s"), line);
}

static void detail_review(struct bf_tlines *L, json_t *root)
{
	json_t *rv = json_object_get(root, "review");
	if (!json_is_object(rv))
		return;
	char money[40] = "", line[1024];
	int64_t amount = 0, cat = 0;
	if (jint(rv, "amount", &amount))
		bf_money_format(amount, money, sizeof money);
	jint(rv, "category", &cat);
	const char *dec = jtext(rv, "decision");
	bf_tl_add(L, A_BOLD | A_UNDERLINE, "%s", _("The unit's review"));
	if (!strcmp(dec, "approve"))
		snprintf(line, sizeof line, _("  Approved: category %lld, %s yuan"), (long long)cat,
		         money);
	else
		snprintf(line, sizeof line, "  %s", dec);
	bf_tl_add(L, A_NORMAL, "%s", line);
	const char *who = jtext(rv, "reviewer"), *date = jtext(rv, "date");
	const char *ref = jtext(rv, "meeting_ref"), *why = jtext(rv, "reason");
	if ((who[0] || date[0]) && ref[0])
		bf_tl_add(L, A_NORMAL, _("  By %s on %s, meeting record %s"), who, date, ref);
	else if (who[0] || date[0])
		bf_tl_add(L, A_NORMAL, _("  By %s on %s"), who, date);
	if (why[0])
		bf_tl_add(L, A_NORMAL, "  %s", why);
}

static void detail_publicity(struct bf_tlines *L, json_t *root)
{
	json_t *p = json_object_get(root, "publicity");
	bf_tl_add(L, A_BOLD | A_UNDERLINE, "%s", _("Publicity"));
	if (!json_is_object(p)) {
		bf_tl_add(L, bf_attr(BF_ATTR_WARN), "%s",
		          _("  The package names no publicity round."));
		return;
	}
	int64_t round = 0;
	jint(p, "round", &round);
	const char *st = jtext(p, "status");
	st = !strcmp(st, "passed")      ? _("passed")
	     : !strcmp(st, "withdrawn") ? _("withdrawn")
	     : !strcmp(st, "listed")    ? _("listed")
	                                : st;
	bf_tl_add(L, A_NORMAL, _("  Round %lld: %s to %s, %s"), (long long)round, jtext(p, "start"),
	          jtext(p, "end"), st);
}

static void detail_dups(struct detail *d)
{
	struct bf_tlines *L = &d->lines;
	struct bf_dist_dup *dups = NULL;
	size_t n = 0;
	bf_error err = {{0}};
	if (bf_dist_duplicates(d->db, d->id, &dups, &n, &err) != 0) {
		bf_tl_add(L, bf_attr(BF_ATTR_ERROR), _("Could not read the duplicates: %s"),
		          err.msg);
		return;
	}
	if (!n) {
		bf_tl_add(L, A_NORMAL, "%s", _("No person of this file is in another file."));
		free(dups);
		return;
	}
	bf_tl_add(L, bf_attr(BF_ATTR_WARN) | A_BOLD,
	          ngettext("%zu person shared with another file",
	                   "%zu persons shared with other files", (unsigned long)n),
	          n);
	for (size_t i = 0; i < n; i++) {
		const struct bf_dist_dup *p = &dups[i];
		bool here_a = p->case_a == d->id;
		const char *unit = here_a ? p->unit_b : p->unit_a;
		const char *number = here_a ? p->number_b : p->number_a;
		const char *person = here_a ? p->person_b : p->person_a;
		const char *rel = here_a ? p->relation_b : p->relation_a;
		const char *my_person = here_a ? p->person_a : p->person_b;
		const char *my_rel = here_a ? p->relation_a : p->relation_b;
		char id[32];
		bf_mask_id(p->id_number, id, sizeof id);
		bf_tl_add(L, A_NORMAL, _("  %s  %s, %s"), id, my_person, relation_label(my_rel));
		bf_tl_add(L, A_NORMAL,
		          p->same_unit ? _("      also in %s %s (same unit): %s, %s")
		                       : _("      also in %s %s: %s, %s"),
		          unit, number, person, relation_label(rel));
	}
	free(dups);
}

static void detail_load(struct detail *d)
{
	bf_tl_free(&d->lines);
	struct bf_tlines *L = &d->lines;
	char *json = NULL;
	bf_error err = {{0}};
	if (bf_dist_case_load(d->db, d->id, &d->c, &json, &err) != 0) {
		bf_tl_add(L, bf_attr(BF_ATTR_ERROR), _("Could not read the file: %s"), err.msg);
		free(json);
		d->loaded = false;
		return;
	}
	d->loaded = true;
	const struct bf_dist_case *c = &d->c;
	char id[32], m1[40], m2[40], cat[8], at[24];
	bf_mask_id(c->id_number, id, sizeof id);
	snprintf(d->base.title, sizeof d->base.title, "%s %s %s", c->unit_code, c->number, c->name);

	bf_tl_add(L, A_BOLD, "%s %s  %s  %s  %s", c->unit_code, c->unit_name, c->number, c->name,
	          id);
	if (c->department[0])
		bf_tl_add(L, A_NORMAL, _("Department: %s;  batch %s"), c->department, c->batch);
	else
		bf_tl_add(L, A_NORMAL, _("Batch %s"), c->batch);
	bf_tl_add(
	    L, A_NORMAL, _("Category %s;  proposed %s yuan;  per capita %s a month (%d counted)"),
	    category_text(c->category, cat, sizeof cat), bf_money_format(c->amount, m1, sizeof m1),
	    bf_money_format(c->per_capita, m2, sizeof m2), c->household_size);
	if (!strcmp(c->decision, "accept"))
		bf_tl_add(L, A_BOLD, _("Decision: accepted, %s yuan (%s, %s)"),
		          bf_money_format(c->final_amount, m1, sizeof m1), c->decided_by,
		          when(c->decided_at, at));
	else if (!strcmp(c->decision, "return"))
		bf_tl_add(L, A_BOLD, _("Decision: returned to %s (%s, %s): %s"),
		          bf_state_label_of(c->back_to), c->decided_by, when(c->decided_at, at),
		          c->reason);
	else
		bf_tl_add(L, A_BOLD, "%s", _("Decision: pending"));
	bf_tl_add(L, A_NORMAL, "%s", "");
	detail_dups(d);
	bf_tl_add(L, A_NORMAL, "%s", "");

	json_error_t jerr;
	json_t *root = json ? json_loads(json, 0, &jerr) : NULL;
	free(json);
	if (!root) {
		bf_tl_add(L, bf_attr(BF_ATTR_ERROR), "%s",
		          _("The file's details as the unit sent them cannot be read."));
		return;
	}
	detail_members(L, root);
	detail_causes(L, root);
	json_t *form = json_object_get(root, "form");
	if (json_is_object(form)) {
		const char *why = jtext(form, "hardship_cause_text");
		if (why[0])
			bf_tl_add(L, A_NORMAL, _("In the unit's words: %s"), why);
	}
	bf_tl_add(L, A_NORMAL, "%s", "");
	detail_review(L, root);
	bf_tl_add(L, A_NORMAL, "%s", "");
	detail_publicity(L, root);
	json_decref(root);
}

static void detail_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct detail *d = (struct detail *)s;
	if (r.h < 4)
		return;
	struct bf_rect body = {r.y, r.x + 1, r.h - 1, r.w - 2};
	d->page = body.h;
	bf_tl_clamp(&d->lines, &d->scroll, body.w, body.h);
	size_t next = bf_tl_draw(&d->lines, d->scroll, w, body);
	bf_tl_more(w, r.y + r.h - 1, r.x + 1, r.w - 2, d->scroll > 0, next < d->lines.n);
}

static bool detail_input(struct bf_screen *s, bf_key k)
{
	struct detail *d = (struct detail *)s;
	return bf_tl_scroll_key(&d->scroll, d->lines.n, d->page, k);
}

static bool detail_action(struct bf_screen *s, enum bf_action a)
{
	struct detail *d = (struct detail *)s;
	if (a == BF_ACT_REDRAW) {
		detail_load(d);
		return false;
	}
	if (!d->loaded)
		return false;
	if (decide_action(s->app, &d->c, a)) {
		detail_load(d);
		return true;
	}
	return false;
}

static void detail_close(struct bf_screen *s)
{
	struct detail *d = (struct detail *)s;
	bf_tl_free(&d->lines);
	free(d);
}

static const enum bf_action detail_actions[] = {BF_ACT_DIST_ACCEPT, BF_ACT_DIST_RETURN,
                                                BF_ACT_DIST_PENDING, BF_ACT_NONE};
static const enum bf_action detail_actions_view[] = {BF_ACT_NONE};

static const struct bf_screen_ops detail_ops = {
    .name = "district_file",
    .actions = detail_actions,
    .draw = detail_draw,
    .action = detail_action,
    .on_data_change = bf_screen_reread,
    .input = detail_input,
    .on_close = detail_close,
};

static const struct bf_screen_ops detail_ops_view = {
    .name = "district_file",
    .actions = detail_actions_view,
    .draw = detail_draw,
    .action = detail_action,
    .on_data_change = bf_screen_reread,
    .input = detail_input,
    .on_close = detail_close,
};

static int detail_open(struct bf_app *app, int64_t id)
{
	struct detail *d = calloc(1, sizeof *d);
	if (!d)
		return -1;
	d->base.ops = allowed(app, BF_PERM_DISTRICT_DECIDE) ? &detail_ops : &detail_ops_view;
	d->base.app = app;
	d->db = &app->ctx->db;
	d->id = id;
	bf_strlcpy(d->base.title, _("File"), sizeof d->base.title);
	detail_load(d);
	return bf_app_push(app, &d->base);
}

/* ---- the consolidation list ------------------------------------------------------------- */

enum {
	DC_UNIT,
	DC_NUMBER,
	DC_NAME,
	DC_ID,
	DC_CAT,
	DC_PROPOSED,
	DC_DECISION,
	DC_FINAL,
	DC_DUP,
	DC_COUNT
};

static const struct bf_lk_col dist_cols[DC_COUNT] = {
    [DC_UNIT] = {{N_("Unit"), 5, BF_COL_NOSORT}, 0},
    [DC_NUMBER] = {{N_("No."), 9, BF_COL_NOSORT}, 0},
    [DC_NAME] = {{N_("Name"), 8, BF_COL_FLEX | BF_COL_NOSORT}, 0},
    [DC_ID] = {{N_("ID number"), 18, BF_COL_NOSORT}, 3},
    [DC_CAT] = {{N_("Cat."), 2, BF_COL_NOSORT}, 1},
    [DC_PROPOSED] = {{N_("Proposed"), 9, BF_COL_RIGHT | BF_COL_NOSORT}, 0},
    [DC_DECISION] = {{N_("Decision"), 8, BF_COL_NOSORT}, 0},
    [DC_FINAL] = {{N_("Final"), 9, BF_COL_RIGHT | BF_COL_NOSORT}, 2},
    [DC_DUP] = {{N_("Dup."), 4, BF_COL_NOSORT}, 0},
};

struct dist {
	struct bf_screen base;
	struct bf_list list;
	struct bf_lk_fit fit;
	bf_db *db;
	/* the filter */
	char unit[32];
	int category;
	char decision[12];
	bool dups;
	char text[160];
	/* counted once per filter (issue 17): the count and the totals */
	struct bf_dist_totals tot;
	bool loaded;
	uint64_t seen; /* the data's generation when read (bf_lk_gen) */
	/* the rows on screen, rows win_off .. win_off+win_n-1 of the list: a
	 * page continues from a key of the last (keyset, never OFFSET) */
	struct bf_dist_case *win;
	int win_cap, win_n;
	size_t win_off;
	bool win_valid;
	/* the width of the longest file number (at least 9) */
	int number_width;
	struct bf_lk_col cols[DC_COUNT];
};

static bool dist_filtered(const struct dist *d)
{
	return d->unit[0] || d->category || d->decision[0] || d->dups || d->text[0];
}

static struct bf_dist_filter dist_filter_of(const struct dist *d)
{
	return (struct bf_dist_filter){d->unit, d->category, d->decision, d->dups, d->text};
}

static void dist_failed(struct dist *d, const bf_error *err)
{
	bf_app_msg(d->base.app, BF_MSG_ERROR, _("Could not read the files: %s"), err->msg);
}

/* The Number column as wide as the longest number imported, as the case
 * list's: "2026-10000" is not cut. */
static void dist_number_width(struct dist *d)
{
	int w = 9;
	bf_error err = {{0}};
	if (bf_dist_number_width(d->db, &w, &err) != 0)
		dist_failed(d, &err);
	if (w < 9)
		w = 9;
	if (w != d->number_width) {
		d->number_width = w;
		d->cols[DC_NUMBER].col.width = w;
		d->fit.shown = ~0u; /* the columns fitted again at the next draw */
	}
}

/* The count and the totals of the filter, once; the rows are fetched as
 * the list shows them. */
static void dist_load(struct dist *d)
{
	struct bf_dist_filter f = dist_filter_of(d);
	bf_error err = {{0}};
	d->win_valid = false;
	if (bf_dist_totals(d->db, &f, &d->tot, &err) != 0) {
		dist_failed(d, &err);
		memset(&d->tot, 0, sizeof d->tot);
	}
	if (d->seen != bf_lk_gen(d->base.app) || !d->number_width)
		dist_number_width(d);
	d->loaded = true;
	d->seen = bf_lk_gen(d->base.app);
}

static void dist_reload(struct dist *d)
{
	d->loaded = false;
	d->win_valid = false;
	bf_list_reload(&d->list);
}

static size_t dist_count(void *data)
{
	struct dist *d = data;
	if (!d->loaded || d->seen != bf_lk_gen(d->base.app))
		dist_load(d);
	return d->tot.n;
}

/* One page into win[at..]: from the key of file `anchor` (0: an end). */
static int dist_page(struct dist *d, int64_t anchor, unsigned flags, int at, int limit, int *got,
                     bf_error *err)
{
	struct bf_dist_filter f = dist_filter_of(d);
	return bf_dist_page(d->db, &f, anchor, flags, limit, d->win + at, got, err);
}

/* Walk forward from the window's end (or the first row) to row `offset`, a
 * window-full at a time, then fetch limit rows there: for a jump no key on
 * screen reaches (Home, End, PgUp and PgDn never need it). */
static int dist_walk(struct dist *d, size_t offset, int limit, int *got, bf_error *err)
{
	size_t pos = 0;
	int64_t anchor = 0;
	if (d->win_valid && d->win_n > 0 && d->win_off + (size_t)d->win_n <= offset) {
		pos = d->win_off + (size_t)d->win_n;
		anchor = d->win[d->win_n - 1].id;
	}
	while (pos < offset) {
		size_t need = offset - pos;
		int k = need < (size_t)d->win_cap ? (int)need : d->win_cap;
		int rc = dist_page(d, anchor, 0, 0, k, got, err);
		if (rc != 0 || *got == 0)
			return rc;
		pos += (size_t)*got;
		anchor = d->win[*got - 1].id;
	}
	return dist_page(d, anchor, 0, 0, limit, got, err);
}

/* Rows offset .. offset+limit-1 into the window, each page from a key of
 * the last: none asked when the window holds them; the next rows after a
 * row of it (Down, PgDn), the rows before its first (Up, PgUp), the last
 * rows backward from the end (End). */
static int dist_window(struct dist *d, size_t offset, int limit, bf_error *err)
{
	bool valid = d->win_valid && d->win_n > 0;
	size_t end = d->win_off + (size_t)(valid ? d->win_n : 0);
	int got = 0, rc;
	if (valid && offset >= d->win_off && offset + (size_t)limit <= end)
		return 0; /* on screen already */
	if (valid && offset >= d->win_off && offset <= end) {
		/* the window's rows from offset on kept, the next ones after its
		 * last */
		int keep = (int)(end - offset);
		int64_t from = d->win[d->win_n - 1].id;
		memmove(d->win, d->win + (offset - d->win_off), (size_t)keep * sizeof *d->win);
		rc = dist_page(d, from, 0, keep, limit - keep, &got, err);
		got += keep;
	} else if (offset == 0) {
		rc = dist_page(d, 0, 0, 0, limit, &got, err);
	} else if (offset < d->tot.n && offset + (size_t)limit >= d->tot.n) {
		rc = dist_page(d, 0, BF_PAGE_BACKWARD, 0, (int)(d->tot.n - offset), &got, err);
	} else if (valid && offset < d->win_off && d->win_off - offset < (size_t)limit) {
		/* the rows before the window, then the window's first rows */
		int k = (int)(d->win_off - offset), keep = limit - k;
		if (keep > d->win_n)
			keep = d->win_n;
		memmove(d->win + k, d->win, (size_t)keep * sizeof *d->win);
		rc = dist_page(d, d->win[k].id, BF_PAGE_BACKWARD, 0, k, &got, err);
		if (rc == 0 && got == k) {
			got += keep;
		} else if (rc == 0) {
			d->win_valid = false;
			rc = dist_walk(d, offset, limit, &got, err);
		}
	} else {
		d->win_valid = valid;
		rc = dist_walk(d, offset, limit, &got, err);
	}
	if (rc == BF_PAGE_GONE) { /* the row continued from was deleted */
		d->win_valid = false;
		rc = dist_walk(d, offset, limit, &got, err);
	}
	d->win_valid = rc == 0;
	d->win_off = offset;
	d->win_n = rc == 0 ? got : 0;
	return rc;
}

static size_t dist_fetch(void *data, size_t offset, size_t limit, struct bf_list_page *pg)
{
	struct dist *d = data;
	if (!d->loaded || d->seen != bf_lk_gen(d->base.app))
		dist_load(d);
	if (offset >= d->tot.n)
		return 0;
	if (limit > d->tot.n - offset)
		limit = d->tot.n - offset;
	if (limit > 2000)
		limit = 2000;
	if ((int)limit > d->win_cap) {
		struct bf_dist_case *w = realloc(d->win, limit * sizeof *w);
		if (!w)
			return 0;
		d->win = w;
		d->win_cap = (int)limit;
		d->win_valid = false;
	}
	bf_error err = {{0}};
	if (dist_window(d, offset, (int)limit, &err) != 0) {
		dist_failed(d, &err);
		return 0;
	}
	size_t got = 0;
	for (size_t i = offset - d->win_off; i < (size_t)d->win_n && got < limit; i++, got++) {
		const struct bf_dist_case *c = &d->win[i];
		char id[32], cat[8], prop[40], fin[40] = "-", dup[32] = "";
		bf_mask_id(c->id_number, id, sizeof id);
		bf_money_format(c->amount, prop, sizeof prop);
		if (!strcmp(c->decision, "accept"))
			bf_money_format(c->final_amount, fin, sizeof fin);
		if (c->n_duplicates > 0)
			snprintf(dup, sizeof dup, _("DUP %d"), c->n_duplicates);
		const struct bf_lk_fit *f = &d->fit;
		bf_lk_fit_set(f, pg, got, DC_UNIT, c->unit_code);
		bf_lk_fit_set(f, pg, got, DC_NUMBER, c->number);
		bf_lk_fit_set(f, pg, got, DC_NAME, c->name);
		bf_lk_fit_set(f, pg, got, DC_ID, id);
		bf_lk_fit_set(f, pg, got, DC_CAT, category_text(c->category, cat, sizeof cat));
		bf_lk_fit_set(f, pg, got, DC_PROPOSED, prop);
		bf_lk_fit_set(f, pg, got, DC_DECISION, decision_label(c->decision));
		bf_lk_fit_set(f, pg, got, DC_FINAL, fin);
		bf_lk_fit_set(f, pg, got, DC_DUP, dup);
		bf_list_page_set_id(pg, got, c->id);
	}
	return got;
}

static long dist_search(void *data, const char *text)
{
	struct dist *d = data;
	bf_strlcpy(d->text, text, sizeof d->text);
	bf_trim(d->text);
	dist_load(d);
	return d->tot.n ? 0 : -1;
}

/* The selected file, read again (the list's copy may be older). */
static bool dist_selected(struct dist *d, struct bf_dist_case *c)
{
	int64_t id;
	if (!bf_list_selected_id(&d->list, &id)) {
		bf_app_msg(d->base.app, BF_MSG_INFO, "%s",
		           dist_filtered(d) ? _("No file matches; Esc clears the filter.")
		                            : _("No file yet: i imports a unit's package."));
		return false;
	}
	char *json = NULL;
	bf_error err = {{0}};
	int rc = bf_dist_case_load(d->db, id, c, &json, &err);
	free(json);
	if (rc != 0) {
		bf_app_msg(d->base.app, BF_MSG_ERROR, _("Could not read the file: %s"), err.msg);
		return false;
	}
	return true;
}

/* A decision on file `before` was recorded: its row and the totals are
 * brought up to date, the other rows are not read again. Only when the
 * list was current before it (gen0: the database's generation then); else
 * the next draw reads it all again. */
static void dist_decided(struct dist *d, const struct bf_dist_case *before, uint64_t gen0)
{
	if (!d->loaded || d->seen != gen0 || d->base.seen_gen != gen0)
		return;
	struct bf_dist_case after;
	struct bf_dist_filter f = dist_filter_of(d);
	f.decision = NULL; /* the rest of the filter a decision does not change */
	bool rest = false;
	bf_error err = {{0}};
	if (bf_dist_case_load(d->db, before->id, &after, NULL, &err) != 0 ||
	    bf_dist_matches(d->db, &f, before->id, &rest, &err) != 0)
		return; /* read again at the next draw */
	bool was = rest && (!d->decision[0] || !strcmp(before->decision, d->decision));
	bool is = rest && (!d->decision[0] || !strcmp(after.decision, d->decision));
	if (was)
		bf_dist_totals_add(&d->tot, before, -1);
	if (is)
		bf_dist_totals_add(&d->tot, &after, 1);
	bool found = false;
	for (int i = 0; d->win_valid && i < d->win_n && !found; i++) {
		if (d->win[i].id != after.id)
			continue;
		found = true;
		if (is) {
			d->win[i] = after;
		} else { /* it left the list: the rows after it move up */
			memmove(d->win + i, d->win + i + 1,
			        (size_t)(d->win_n - i - 1) * sizeof *d->win);
			d->win_n--;
		}
	}
	if (was != is && !found) /* not on screen: where the window is, unknown */
		d->win_valid = false;
	d->seen = bf_lk_gen(d->base.app);
	d->base.seen_gen = d->seen;
	bf_list_reload(&d->list); /* count and rows: from memory, not the database */
}

static void filter_text(const struct dist *d, char *buf, size_t n)
{
	buf[0] = 0;
	char part[256];
#define ADD(...)                                                 \
	do {                                                     \
		snprintf(part, sizeof part, __VA_ARGS__);        \
		if (buf[0])                                      \
			strncat(buf, ", ", n - strlen(buf) - 1); \
		strncat(buf, part, n - strlen(buf) - 1);         \
	} while (0)
	if (d->unit[0])
		ADD(_("unit %s"), d->unit);
	if (d->category)
		ADD(_("category %d"), d->category);
	if (d->decision[0])
		ADD("%s", decision_label(d->decision));
	if (d->dups)
		ADD("%s", _("duplicates only"));
	if (d->text[0])
		ADD(_("search \"%s\""), d->text);
#undef ADD
}

static void dist_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct dist *d = (struct dist *)s;
	if (r.h < 5)
		return;
	if (!d->loaded || d->seen != bf_lk_gen(d->base.app))
		dist_reload(d);
	size_t n = bf_list_count(&d->list);
	char line[1024], f[512], m1[40], m2[40];
	filter_text(d, f, sizeof f);
	if (f[0])
		snprintf(line, sizeof line,
		         ngettext("%zu file (%s); Esc clears", "%zu files (%s); Esc clears",
		                  (unsigned long)n),
		         n, f);
	else
		snprintf(line, sizeof line,
		         ngettext("%zu file from the units", "%zu files from the units",
		                  (unsigned long)n),
		         n);
	d->list.empty_text = d->fit.empty_text =
	    dist_filtered(d) ? N_("No file matches; Esc clears the filter.")
	                     : N_("No file yet: i imports a unit's package (its key registered "
	                          "first: m, Units).");
	char sums[512];
	snprintf(
	    sums, sizeof sums, _("Proposed %s;  accepted %zu, %s;  returned %zu;  pending %zu"),
	    bf_money_format(d->tot.proposed, m1, sizeof m1), d->tot.n_accepted,
	    bf_money_format(d->tot.accepted, m2, sizeof m2), d->tot.n_returned, d->tot.n_pending);
	bf_lk_fit_draw_head(&d->fit, &d->list, s->app, w, r, line, sums, A_NORMAL);
}

/* The codes of the units heard from (or registered), for the unit filter. */
static size_t unit_codes(struct dist *d, char (**codes)[32], char (**names)[128])
{
	struct bf_dist_unit *u = NULL;
	size_t n = 0;
	bf_error err = {{0}};
	*codes = NULL;
	*names = NULL;
	if (bf_dist_units(d->db, &u, &n, &err) != 0) {
		bf_app_msg(d->base.app, BF_MSG_ERROR, _("Could not read the units: %s"), err.msg);
		free(u);
		return 0;
	}
	if (n) {
		*codes = calloc(n, sizeof **codes);
		*names = calloc(n, sizeof **names);
		if (!*codes || !*names) {
			free(*codes);
			free(*names);
			*codes = NULL;
			*names = NULL;
			n = 0;
		}
	}
	for (size_t i = 0; i < n; i++) {
		bf_strlcpy((*codes)[i], u[i].code, sizeof **codes);
		bf_strlcpy((*names)[i], u[i].name, sizeof **names);
	}
	free(u);
	return n;
}

static void set_unit(struct dist *d, const char *code, const char *name)
{
	bf_strlcpy(d->unit, code ? code : "", sizeof d->unit);
	dist_reload(d);
	d->list.sel = d->list.top = 0;
	if (code && code[0])
		bf_app_msg(d->base.app, BF_MSG_INFO, _("Unit %s %s; u: the next unit."), code,
		           name ? name : "");
	else
		bf_app_msg(d->base.app, BF_MSG_INFO, "%s", _("All units."));
}

/* u: all -> first unit -> ... -> last unit -> all. */
static void dist_next_unit(struct dist *d)
{
	char(*codes)[32], (*names)[128];
	size_t n = unit_codes(d, &codes, &names);
	if (!n) {
		bf_app_msg(d->base.app, BF_MSG_INFO, "%s", _("No unit has sent a package yet."));
		return;
	}
	size_t next = 0;
	if (d->unit[0]) {
		next = n; /* all, unless the current one is found before the last */
		for (size_t i = 0; i < n; i++)
			if (!strcmp(codes[i], d->unit)) {
				next = i + 1;
				break;
			}
	}
	if (next < n)
		set_unit(d, codes[next], names[next]);
	else
		set_unit(d, NULL, NULL);
	free(codes);
	free(names);
}

static void pick_unit(struct dist *d)
{
	char(*codes)[32], (*names)[128];
	size_t n = unit_codes(d, &codes, &names);
	if (!n) {
		bf_app_msg(d->base.app, BF_MSG_INFO, "%s", _("No unit has sent a package yet."));
		return;
	}
	const char **items = calloc(n + 1, sizeof *items);
	char(*text)[200] = calloc(n, sizeof *text);
	if (items && text) {
		items[0] = _("All units");
		int initial = 0;
		for (size_t i = 0; i < n; i++) {
			snprintf(text[i], sizeof text[i], "%s %s", codes[i], names[i]);
			items[i + 1] = text[i];
			if (!strcmp(codes[i], d->unit))
				initial = (int)i + 1;
		}
		int k = bf_dlg_choose(d->base.app, _("Which unit?"), items, n + 1, initial);
		if (k == 0)
			set_unit(d, NULL, NULL);
		else if (k > 0)
			set_unit(d, codes[k - 1], names[k - 1]);
	}
	free(items);
	free(text);
	free(codes);
	free(names);
}

static void dist_filter(struct dist *d)
{
	struct bf_app *app = d->base.app;
	const char *what[] = {_("Unit"), _("Category"), _("Decision"),
	                      d->dups ? _("All files, not only duplicates")
	                              : _("Only files with duplicates"),
	                      _("Clear the filter")};
	int k = bf_dlg_choose(app, _("Filter"), what, BF_ARRAY_LEN(what), 0);
	switch (k) {
	case 0:
		pick_unit(d);
		return;
	case 1: {
		const char *items[6];
		char labels[5][64];
		items[0] = _("All categories");
		for (int c = 0; c < 5; c++) {
			snprintf(labels[c], sizeof labels[c], "%s",
			         bf_category_label((enum bf_category)c));
			items[c + 1] = labels[c];
		}
		int c = bf_dlg_choose(app, _("Which category?"), items, 6, d->category);
		if (c < 0)
			return;
		d->category = c;
		break;
	}
	case 2: {
		static const char *const codes[] = {"", "pending", "accept", "return"};
		const char *items[4] = {_("All decisions"), decision_label("pending"),
		                        decision_label("accept"), decision_label("return")};
		int initial = 0;
		for (int i = 1; i < 4; i++)
			if (!strcmp(d->decision, codes[i]))
				initial = i;
		int c = bf_dlg_choose(app, _("Which decision?"), items, 4, initial);
		if (c < 0)
			return;
		bf_strlcpy(d->decision, codes[c], sizeof d->decision);
		break;
	}
	case 3:
		d->dups = !d->dups;
		break;
	case 4:
		d->unit[0] = 0;
		d->category = 0;
		d->decision[0] = 0;
		d->dups = false;
		d->text[0] = 0;
		break;
	default:
		return;
	}
	dist_reload(d);
	d->list.sel = d->list.top = 0;
}

/* r: the selected file's ID number in full, recorded in the audit log first
 * and shown only when that worked. */
static void dist_reveal(struct dist *d)
{
	struct bf_app *app = d->base.app;
	struct bf_dist_case c;
	if (!dist_selected(d, &c))
		return;
	char purpose[128];
	snprintf(purpose, sizeof purpose, "district list %s %s", c.unit_code, c.number);
	bf_error err = {{0}};
	if (bf_audit_reveal(d->db, 0, 0, "id_number", purpose, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, _("The number is not shown: %s"), err.msg);
		return;
	}
	char text[512];
	snprintf(text, sizeof text,
	         _("%s %s  %s\nID number: %s\n(This was recorded in the audit log.)"), c.unit_code,
	         c.number, c.name, c.id_number);
	bf_dlg_message(app, _("ID number"), text);
	memset(&c, 0, sizeof c);
	memset(text, 0, sizeof text);
}

static bool dist_action(struct bf_screen *s, enum bf_action a)
{
	struct dist *d = (struct dist *)s;
	struct bf_dist_case c;
	switch (a) {
	case BF_ACT_EDIT: {
		int64_t id;
		if (bf_list_selected_id(&d->list, &id))
			detail_open(s->app, id);
		else
			dist_selected(d, &c); /* says why there is none */
		return true;
	}
	case BF_ACT_SEARCH:
		bf_list_action(&d->list, BF_ACT_SEARCH);
		bf_edit_set(&d->list.search, d->text);
		return true;
	case BF_ACT_FILTER:
		dist_filter(d);
		return true;
	case BF_ACT_DIST_UNIT:
		dist_next_unit(d);
		return true;
	case BF_ACT_REVEAL:
		dist_reveal(d);
		return true;
	case BF_ACT_DIST_IMPORT:
		d->list.searching = false;
		bf_district_import_run(s->app);
		return true;
	case BF_ACT_DIST_ACCEPT:
	case BF_ACT_DIST_RETURN:
	case BF_ACT_DIST_PENDING:
		if (dist_selected(d, &c))
			decide_action(s->app, &c, a);
		return true;
	case BF_ACT_MENU:
		d->list.searching = false;
		bf_menu_open(s->app);
		return true;
	case BF_ACT_REDRAW:
		dist_reload(d);
		return false;
	case BF_ACT_BACK:
		if (dist_filtered(d)) {
			d->unit[0] = 0;
			d->category = 0;
			d->decision[0] = 0;
			d->dups = false;
			d->text[0] = 0;
			dist_reload(d);
			bf_app_msg(s->app, BF_MSG_INFO, "%s", _("The filter is cleared."));
			return true;
		}
		return false;
	default:
		return false;
	}
}

static bool dist_input(struct bf_screen *s, bf_key k)
{
	return bf_list_input(&((struct dist *)s)->list, k);
}

static bool dist_typing(struct bf_screen *s)
{
	return bf_list_typing(&((struct dist *)s)->list);
}

static void dist_close(struct bf_screen *s)
{
	struct dist *d = (struct dist *)s;
	bf_list_free(&d->list);
	free(d->win);
	free(d);
}

static const enum bf_action dist_actions[] = {
    BF_ACT_EDIT,         BF_ACT_DIST_IMPORT, BF_ACT_DIST_ACCEPT, BF_ACT_DIST_RETURN,
    BF_ACT_FILTER,       BF_ACT_MENU,        BF_ACT_DIST_UNIT,   BF_ACT_SEARCH,
    BF_ACT_DIST_PENDING, BF_ACT_REVEAL,      BF_ACT_NONE};
/* without the decisions and the import, for roles that may only look */
static const enum bf_action dist_actions_view[] = {BF_ACT_EDIT,      BF_ACT_FILTER, BF_ACT_MENU,
                                                   BF_ACT_DIST_UNIT, BF_ACT_SEARCH, BF_ACT_REVEAL,
                                                   BF_ACT_NONE};

static const struct bf_screen_ops dist_ops = {
    .name = "consolidation",
    .actions = dist_actions,
    .draw = dist_draw,
    .action = dist_action,
    .on_data_change = bf_screen_reread,
    .input = dist_input,
    .typing = dist_typing,
    .on_close = dist_close,
};

static const struct bf_screen_ops dist_ops_view = {
    .name = "consolidation",
    .actions = dist_actions_view,
    .draw = dist_draw,
    .action = dist_action,
    .on_data_change = bf_screen_reread,
    .input = dist_input,
    .typing = dist_typing,
    .on_close = dist_close,
};

static void decided(struct bf_app *app, const struct bf_dist_case *c, uint64_t gen0)
{
	for (int i = 0; i < app->depth; i++)
		if (app->stack[i]->ops == &dist_ops || app->stack[i]->ops == &dist_ops_view)
			dist_decided((struct dist *)app->stack[i], c, gen0);
}

int bf_district_open(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return -1;
	if (!require(app, BF_PERM_CASE_VIEW))
		return -1;
	/* already on the stack (the home screen): go back to it */
	for (int i = 0; i < app->depth; i++)
		if (app->stack[i]->ops == &dist_ops || app->stack[i]->ops == &dist_ops_view) {
			while (app->depth > i + 1)
				bf_app_pop(app);
			return 0;
		}
	struct dist *d = calloc(1, sizeof *d);
	if (!d)
		return -1;
	bool full = allowed(app, BF_PERM_DISTRICT_DECIDE) || allowed(app, BF_PERM_DISTRICT_IMPORT);
	d->base.ops = full ? &dist_ops : &dist_ops_view;
	d->db = &app->ctx->db;
	bf_strlcpy(d->base.title, _("Consolidation"), sizeof d->base.title);

	/* The title bar: the district's name, and DEMO on a demo database. */
	struct bf_unit u;
	bf_error err = {{0}};
	if (bf_unit_load(d->db, &u, &err) == 0 && u.name[0])
		bf_strlcpy(app->unit_name, u.name, sizeof app->unit_name);
	app->demo = d->db->demo || bf_setting_int(d->db, "demo", 0) != 0;

	memcpy(d->cols, dist_cols, sizeof d->cols);
	d->fit.defs = d->cols;
	d->fit.ndefs = DC_COUNT;
	d->fit.empty_text = N_("No file matches; Esc clears the filter.");
	struct bf_list_source src = {dist_count, dist_fetch, NULL, dist_search, d};
	bf_list_init(&d->list, app, d->fit.cols, 0, src);
	d->base.app = app;
	bf_lk_fit_apply(&d->fit, &d->list, app, COLS - 1);
	return bf_app_push(app, &d->base);
}

int bf_home_open(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return -1;
	struct bf_unit u;
	bf_error err = {{0}};
	if (bf_unit_load(&app->ctx->db, &u, &err) == 0 && u.district_mode)
		return bf_district_open(app);
	return bf_caselist_open(app);
}

/* ---- the units -------------------------------------------------------------------------- */

enum {
	UC_CODE,
	UC_NAME,
	UC_KEY,
	UC_PACKAGES,
	UC_BATCH,
	UC_PENDING,
	UC_ACCEPTED,
	UC_RETURNED,
	UC_COUNT
};

static const struct bf_lk_col unit_cols[UC_COUNT] = {
    [UC_CODE] = {{N_("Code"), 5, BF_COL_NOSORT}, 0},
    [UC_NAME] = {{N_("Unit name"), 8, BF_COL_FLEX | BF_COL_NOSORT}, 0},
    [UC_KEY] = {{N_("Key"), 3, BF_COL_NOSORT}, 0},
    [UC_PACKAGES] = {{N_("Packages"), 3, BF_COL_RIGHT | BF_COL_NOSORT}, 1},
    [UC_BATCH] = {{N_("Last batch"), 16, BF_COL_NOSORT}, 0}, /* "2026-01 第 10 版" */
    [UC_PENDING] = {{N_("Pending"), 4, BF_COL_RIGHT | BF_COL_NOSORT}, 0},
    [UC_ACCEPTED] = {{N_("Accepted"), 4, BF_COL_RIGHT | BF_COL_NOSORT}, 0},
    [UC_RETURNED] = {{N_("Returned"), 4, BF_COL_RIGHT | BF_COL_NOSORT}, 0},
};

struct units {
	struct bf_screen base;
	struct bf_list list;
	struct bf_lk_fit fit;
	bf_db *db;
	struct bf_dist_unit *u;
	size_t n;
	bool loaded;
	uint64_t seen; /* the data's generation when read (bf_lk_gen) */
	char own_fp[24];
};

static void units_load(struct units *u)
{
	free(u->u);
	u->u = NULL;
	u->n = 0;
	bf_error err = {{0}};
	if (bf_dist_units(u->db, &u->u, &u->n, &err) != 0) {
		bf_app_msg(u->base.app, BF_MSG_ERROR, _("Could not read the units: %s"), err.msg);
		free(u->u);
		u->u = NULL;
		u->n = 0;
	}
	u->loaded = true;
	u->seen = bf_lk_gen(u->base.app);
}

static size_t units_count(void *data)
{
	struct units *u = data;
	if (!u->loaded || u->seen != bf_lk_gen(u->base.app))
		units_load(u);
	return u->n;
}

static size_t units_fetch(void *data, size_t offset, size_t limit, struct bf_list_page *pg)
{
	struct units *u = data;
	if (!u->loaded || u->seen != bf_lk_gen(u->base.app))
		units_load(u);
	size_t got = 0;
	for (size_t i = offset; i < u->n && got < limit; i++, got++) {
		const struct bf_dist_unit *x = &u->u[i];
		char pk[24], batch[64] = "-", p[24], a[24], r[24];
		snprintf(pk, sizeof pk, "%zu", x->n_packages);
		if (x->last_batch[0])
			snprintf(batch, sizeof batch, _("%s rev. %d"), x->last_batch,
			         x->last_revision);
		snprintf(p, sizeof p, "%zu", x->n_pending);
		snprintf(a, sizeof a, "%zu", x->n_accepted);
		snprintf(r, sizeof r, "%zu", x->n_returned);
		const struct bf_lk_fit *f = &u->fit;
		bf_lk_fit_set(f, pg, got, UC_CODE, x->code);
		bf_lk_fit_set(f, pg, got, UC_NAME, x->name);
		bf_lk_fit_set(f, pg, got, UC_KEY, x->key_registered ? _("yes") : _("no"));
		bf_lk_fit_set(f, pg, got, UC_PACKAGES, pk);
		bf_lk_fit_set(f, pg, got, UC_BATCH, batch);
		bf_lk_fit_set(f, pg, got, UC_PENDING, p);
		bf_lk_fit_set(f, pg, got, UC_ACCEPTED, a);
		bf_lk_fit_set(f, pg, got, UC_RETURNED, r);
		bf_list_page_set_id(pg, got, (int64_t)i);
	}
	return got;
}

static void units_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct units *u = (struct units *)s;
	if (r.h < 5)
		return;
	if (!u->loaded || u->seen != bf_lk_gen(u->base.app)) {
		u->loaded = false;
		bf_list_reload(&u->list);
	}
	size_t n = bf_list_count(&u->list);
	char line[512], keys[512];
	snprintf(line, sizeof line, ngettext("%zu unit", "%zu units", (unsigned long)n), n);
	snprintf(keys, sizeof keys, _("Our key: %s.  k registers a unit's key; w writes a reply."),
	         u->own_fp[0] ? u->own_fp : "-");
	bf_lk_fit_draw_head(&u->fit, &u->list, s->app, w, r, line, keys, A_DIM);
}

/* k: read a unit's key file, show who it says it is and its fingerprint (to
 * check on the phone), and register it after a yes. */
static void units_register(struct units *u)
{
	struct bf_app *app = u->base.app;
	if (!require(app, BF_PERM_DISTRICT_IMPORT))
		return;
	char path[1024] = "";
	if (!bf_lk_ask_path(app, _("Register a unit's key"), _("File:"), path, sizeof path))
		return;
	bf_error err = {{0}};
	char *buf = NULL;
	size_t len = 0;
	if (bf_pkg_read_file(path, &buf, &len, &err) != 0) {
		bf_dlg_message(app, _("Not registered"), err.msg);
		return;
	}
	struct bf_pkg_keyfile k;
	memset(&k, 0, sizeof k);
	int rc = bf_pkg_keyfile_read(buf, len, &k, &err);
	free(buf);
	if (rc != 0) {
		char text[2048];
		snprintf(text, sizeof text, "%s: %s", path, err.msg);
		bf_dlg_message(app, _("Not registered"), text);
		return;
	}
	if (strcmp(k.kind, "unit") != 0) {
		char text[2048];
		snprintf(text, sizeof text,
		         _("%s is the key file of %s %s, a district: the district registers its "
		           "units' keys."),
		         path, k.code, k.name);
		bf_dlg_message(app, _("Not registered"), text);
		return;
	}
	char fp[24], q[1024];
	bf_pkg_fingerprint(k.pk, fp);
	uint8_t old[32];
	char old_name[128] = "";
	bool replace = false;
	rc = bf_key_trusted(u->db, k.code, old, old_name, sizeof old_name, &err);
	if (rc < 0) {
		bf_dlg_message(app, _("Not registered"), err.msg);
		return;
	}
	if (rc == 0 && !memcmp(old, k.pk, sizeof old)) {
		bf_app_msg(app, BF_MSG_INFO, _("The key of %s %s is registered already (%s)."),
		           k.code, k.name, fp);
		return;
	}
	if (rc == 0) {
		char ofp[24];
		bf_pkg_fingerprint(old, ofp);
		snprintf(q, sizeof q,
		         _("%s %s has a key registered already.\nOld fingerprint: %s\nNew "
		           "fingerprint: %s\nReplace it? Check with the unit first: a package "
		           "signed with the old key will be refused."),
		         k.code, old_name, ofp, fp);
		replace = true;
	} else {
		snprintf(q, sizeof q,
		         _("Register the key of %s %s?\nFingerprint: %s\nCheck the fingerprint "
		           "with the unit on the phone first."),
		         k.code, k.name, fp);
	}
	if (!bf_dlg_confirm(app, q, false))
		return;
	if (bf_key_trust(u->db, &k, replace, &err) != 0) {
		bf_dlg_message(app, _("Not registered"), err.msg);
		return;
	}
	bf_app_msg(app, BF_MSG_INFO, _("Registered the key of %s %s (%s)."), k.code, k.name, fp);
}

/* e: the district's own public key file, for its units. */
static void units_export_key(struct units *u)
{
	struct bf_app *app = u->base.app;
	struct bf_unit me;
	bf_error err = {{0}};
	if (bf_unit_load(u->db, &me, &err) != 0)
		memset(&me, 0, sizeof me);
	char path[1024], name[128];
	snprintf(name, sizeof name, "%s.bfkey", me.code[0] ? me.code : "district");
	bf_save_path(name, path, sizeof path);
	if (!bf_lk_ask_path(app, _("Our public key file"), _("File:"), path, sizeof path))
		return;
	char *text = NULL;
	bf_outfile *o = bf_dlg_outfile(app, u->db, path, &err);
	int rc = o ? bf_key_export(u->db, &text, &err) : -1;
	rc = bf_outfile_finish(o, rc == 0 ? bf_outfile_write(o, text, strlen(text)) : rc, &err);
	free(text);
	if (rc != 0) {
		if (err.msg[0])
			bf_dlg_message(app, _("Not written"), err.msg);
		return;
	}
	uint8_t pk[32];
	if (bf_key_public(u->db, pk, &err) == 0)
		bf_pkg_fingerprint(pk, u->own_fp);
	bf_app_msg(app, BF_MSG_INFO, _("Wrote %s (fingerprint %s)."), path, u->own_fp);
}

/* The selected unit, or NULL (and said so) when there is none. */
static const struct bf_dist_unit *units_selected(struct units *u)
{
	size_t i;
	if (!bf_list_selected(&u->list, &i) || i >= u->n) {
		bf_app_msg(u->base.app, BF_MSG_INFO, "%s", _("No unit has sent a package yet."));
		return NULL;
	}
	return &u->u[i];
}

/* w: the reply package for the selected unit. */
static void units_reply(struct units *u)
{
	struct bf_app *app = u->base.app;
	if (!require(app, BF_PERM_CONSOLIDATE))
		return;
	const struct bf_dist_unit *x = units_selected(u);
	if (!x)
		return;
	char code[32], uname[128];
	bf_strlcpy(code, x->code, sizeof code);
	bf_strlcpy(uname, x->name, sizeof uname);
	char path[1024], name[128], date[BF_DATE_SZ];
	bf_date_format(today_of(app), date);
	snprintf(name, sizeof name, "%s-reply-%s.bfpkg", code, date);
	bf_save_path(name, path, sizeof path);
	if (!bf_lk_ask_path(app, _("Reply package"), _("File:"), path, sizeof path))
		return;
	char *buf = NULL;
	size_t len = 0, nd = 0;
	bf_error err = {{0}};
	bf_outfile *o = bf_dlg_outfile(app, u->db, path, &err);
	if (!o) {
		if (err.msg[0])
			bf_dlg_message(app, _("No reply written"), err.msg);
		return;
	}
	if (bf_dist_reply(u->db, code, &buf, &len, &nd, &err) != 0) {
		bf_outfile_abort(o);
		bf_dlg_message(app, _("No reply written"), err.msg);
		free(buf);
		return;
	}
	int rc = bf_outfile_finish(o, bf_outfile_write(o, buf, len), &err);
	free(buf);
	/* the files are marked replied; a failed file is simply written again */
	if (rc != 0) {
		bf_dlg_message(app, _("No reply written"), err.msg);
		return;
	}
	bf_app_msg(app, BF_MSG_INFO,
	           ngettext("Wrote %s: %zu decision for %s %s.",
	                    "Wrote %s: %zu decisions for %s %s.", (unsigned long)nd),
	           path, nd, code, uname);
}

/* 1: attachment 1 of the selected unit's newest batch, from its package. */
static void units_attachment(struct units *u)
{
	struct bf_app *app = u->base.app;
	if (!require(app, BF_PERM_CONSOLIDATE) || !require(app, BF_PERM_EXPORT_FULL))
		return;
	const struct bf_dist_unit *x = units_selected(u);
	if (!x)
		return;
	char code[32], path[1024], name[128];
	bf_strlcpy(code, x->code, sizeof code);
	snprintf(name, sizeof name, "%s-%s-r%d-attachment1.xlsx", code, x->last_batch,
	         x->last_revision);
	bf_save_path(name, path, sizeof path);
	if (!bf_lk_ask_path(app, _("Attachment 1"), _("File:"), path, sizeof path))
		return;
	unsigned flags = 0;
	if (access(path, F_OK) == 0) {
		char ask[1200];
		snprintf(ask, sizeof ask, _("%s is there already. Write over it?"), path);
		if (!bf_dlg_confirm(app, ask, false))
			return;
		flags = BF_OUTFILE_FORCE;
	}
	struct bf_pkg_submission sub;
	bf_error err = {{0}};
	struct bf_ui_progress pr;
	bf_ui_progress_start(&pr, app, _("Attachment 1 (rows: files, then members)"));
	int rc = bf_dist_attachment1_export_progress(u->db, code, x->last_batch, path, flags, &sub,
	                                             bf_ui_progress_cb, &pr, &err);
	if (bf_ui_progress_end(&pr)) /* the message line says it was cancelled */
		return;
	if (rc != 0) {
		bf_dlg_message(app, _("Not written"), err.msg);
		return;
	}
	bf_app_msg(app, BF_MSG_INFO,
	           ngettext("Attachment 1: %zu file with full numbers written to %s (only you "
	                    "can read it).",
	                    "Attachment 1: %zu files with full numbers written to %s (only you "
	                    "can read it).",
	                    (unsigned long)sub.n_cases),
	           sub.n_cases, path);
	bf_pkg_submission_free(&sub);
}

static bool units_action(struct bf_screen *s, enum bf_action a)
{
	struct units *u = (struct units *)s;
	switch (a) {
	case BF_ACT_DIST_KEY_ADD:
		units_register(u);
		return true;
	case BF_ACT_DIST_KEY_EXPORT:
		units_export_key(u);
		return true;
	case BF_ACT_DIST_REPLY:
		units_reply(u);
		return true;
	case BF_ACT_DIST_ATTACHMENT:
		units_attachment(u);
		return true;
	case BF_ACT_EDIT: {
		/* Enter: the unit's files on the consolidation list */
		size_t i;
		if (!bf_list_selected(&u->list, &i) || i >= u->n)
			return true;
		char code[32], name[128];
		bf_strlcpy(code, u->u[i].code, sizeof code);
		bf_strlcpy(name, u->u[i].name, sizeof name);
		struct bf_app *app = s->app;
		if (bf_district_open(app) == 0) {
			struct bf_screen *top = bf_app_top(app);
			if (top && (top->ops == &dist_ops || top->ops == &dist_ops_view)) {
				struct dist *d = (struct dist *)top;
				set_unit(d, code, name);
			}
		}
		return true;
	}
	case BF_ACT_REDRAW:
		u->loaded = false;
		bf_list_reload(&u->list);
		return false;
	default:
		return false;
	}
}

static bool units_input(struct bf_screen *s, bf_key k)
{
	return bf_list_input(&((struct units *)s)->list, k);
}

static void units_close(struct bf_screen *s)
{
	struct units *u = (struct units *)s;
	bf_list_free(&u->list);
	free(u->u);
	free(u);
}

static const enum bf_action units_actions[] = {
    BF_ACT_EDIT,           BF_ACT_DIST_REPLY,      BF_ACT_DIST_ATTACHMENT,
    BF_ACT_DIST_KEY_ADD,   BF_ACT_DIST_KEY_EXPORT, BF_ACT_NONE};

static const struct bf_screen_ops units_ops = {
    .name = "district_units",
    .actions = units_actions,
    .draw = units_draw,
    .action = units_action,
    .on_data_change = bf_screen_reread,
    .input = units_input,
    .on_close = units_close,
};

int bf_district_units_open(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return -1;
	if (!require(app, BF_PERM_CASE_VIEW))
		return -1;
	struct units *u = calloc(1, sizeof *u);
	if (!u)
		return -1;
	u->base.ops = &units_ops;
	u->base.app = app;
	u->db = &app->ctx->db;
	bf_strlcpy(u->base.title, _("Units"), sizeof u->base.title);
	uint8_t pk[32];
	bf_error err = {{0}};
	if (bf_key_public(u->db, pk, &err) == 0)
		bf_pkg_fingerprint(pk, u->own_fp);
	u->fit.defs = unit_cols;
	u->fit.ndefs = UC_COUNT;
	u->fit.empty_text = N_("No package imported yet: k registers a unit's key file first.");
	struct bf_list_source src = {units_count, units_fetch, NULL, NULL, u};
	bf_list_init(&u->list, app, u->fit.cols, 0, src);
	bf_lk_fit_apply(&u->fit, &u->list, app, COLS - 1);
	return bf_app_push(app, &u->base);
}

/* ---- the summary ------------------------------------------------------------------------ */

/* What the summary shows, a line each: a unit's name, its categories, its
 * total; and at the bottom (always shown) the total of all units. */
enum { SL_UNIT, SL_CATEGORY, SL_TOTAL };

struct sum_line {
	int kind;
	const struct bf_dist_summary_row *r;
};

struct summary {
	struct bf_screen base;
	bf_db *db;
	struct bf_dist_summary_row *rows;
	size_t n;
	struct sum_line *lines;
	size_t n_lines;
	bool loaded;
	uint64_t seen; /* the data's generation when read (bf_lk_gen) */
	size_t scroll;
	int page;
	struct bf_dist_summary_row total;
};

static int sum_cmp(const void *a, const void *b)
{
	const struct bf_dist_summary_row *x = a, *y = b;
	int c = strcmp(x->unit_code, y->unit_code);
	return c ? c : x->category - y->category;
}

static void summary_load(struct summary *m)
{
	free(m->rows);
	free(m->lines);
	m->rows = NULL;
	m->lines = NULL;
	m->n = m->n_lines = 0;
	memset(&m->total, 0, sizeof m->total);
	bf_error err = {{0}};
	if (bf_dist_summary(m->db, &m->rows, &m->n, &err) != 0) {
		bf_app_msg(m->base.app, BF_MSG_ERROR, _("Could not read the summary: %s"), err.msg);
		free(m->rows);
		m->rows = NULL;
		m->n = 0;
	}
	m->loaded = true;
	m->seen = bf_lk_gen(m->base.app);
	if (!m->n)
		return;
	/* each unit: its total line (category 0) first */
	qsort(m->rows, m->n, sizeof *m->rows, sum_cmp);
	m->lines = calloc(2 * m->n, sizeof *m->lines);
	if (!m->lines)
		return;
	const struct bf_dist_summary_row *unit_total = NULL;
	for (size_t i = 0; i < m->n; i++) {
		const struct bf_dist_summary_row *r = &m->rows[i];
		if (r->category == 0) {
			if (unit_total)
				m->lines[m->n_lines++] = (struct sum_line){SL_TOTAL, unit_total};
			unit_total = r;
			m->lines[m->n_lines++] = (struct sum_line){SL_UNIT, r};
			m->total.n_cases += r->n_cases;
			m->total.n_pending += r->n_pending;
			m->total.n_accepted += r->n_accepted;
			m->total.n_returned += r->n_returned;
			m->total.proposed += r->proposed;
			m->total.final += r->final;
		} else {
			m->lines[m->n_lines++] = (struct sum_line){SL_CATEGORY, r};
		}
	}
	if (unit_total)
		m->lines[m->n_lines++] = (struct sum_line){SL_TOTAL, unit_total};
}

/* Column layout of the summary table: the label (flex), then fixed columns
 * by the wider of their title and their figures. */
struct sum_layout {
	int x[7], w[7];
};

static const char *const sum_titles[7] = {N_("Category"), N_("Files"),    N_("Pending"),
                                          N_("Accepted"), N_("Returned"), N_("Proposed"),
                                          N_("Final")};

static struct sum_layout sum_layout(struct bf_rect r)
{
	static const int least[7] = {12, 5, 5, 5, 5, 12, 12};
	struct sum_layout L;
	int fixed = 0;
	for (int c = 1; c < 7; c++) {
		int tw = bf_str_width(_(sum_titles[c]));
		L.w[c] = tw > least[c] ? tw : least[c];
		fixed += L.w[c] + 2;
	}
	L.w[0] = r.w - 2 - fixed;
	if (L.w[0] < least[0])
		L.w[0] = least[0];
	L.x[0] = r.x + 1;
	for (int c = 1; c < 7; c++)
		L.x[c] = L.x[c - 1] + L.w[c - 1] + 2;
	return L;
}

static void sum_row(WINDOW *w, int y, const struct sum_layout *L, const char *label,
                    const struct bf_dist_summary_row *r, attr_t a)
{
	char b[6][40];
	snprintf(b[0], sizeof b[0], "%zu", r->n_cases);
	snprintf(b[1], sizeof b[1], "%zu", r->n_pending);
	snprintf(b[2], sizeof b[2], "%zu", r->n_accepted);
	snprintf(b[3], sizeof b[3], "%zu", r->n_returned);
	bf_money_format(r->proposed, b[4], sizeof b[4]);
	bf_money_format(r->final, b[5], sizeof b[5]);
	bf_draw_str(w, y, L->x[0], L->w[0], label, a);
	for (int c = 1; c < 7; c++)
		bf_lk_draw_right(w, y, L->x[c], L->w[c], b[c - 1], a);
}

static void summary_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct summary *m = (struct summary *)s;
	if (r.h < 6)
		return;
	if (!m->loaded || m->seen != bf_lk_gen(m->base.app))
		summary_load(m);
	struct sum_layout L = sum_layout(r);
	bf_draw_str(w, r.y, r.x + 1, r.w - 2,
	            _("Final: the amounts of the accepted files.  x writes the summary as XLSX."),
	            A_DIM);
	int y = r.y + 1;
	for (int c = 0; c < 7; c++) {
		if (c == 0)
			bf_draw_str(w, y, L.x[c], L.w[c], _(sum_titles[c]), A_UNDERLINE);
		else
			bf_lk_draw_right(w, y, L.x[c], L.w[c], _(sum_titles[c]), A_UNDERLINE);
	}
	y++;
	int rows = r.y + r.h - 1 - y; /* the last row is the total of all units */
	m->page = rows;
	if (m->n_lines > (size_t)rows && m->scroll > m->n_lines - (size_t)rows)
		m->scroll = m->n_lines - (size_t)rows;
	if (m->n_lines <= (size_t)rows)
		m->scroll = 0;
	if (!m->n_lines)
		bf_draw_str(w, y, r.x + 2, r.w - 3, _("Nothing imported yet."), A_DIM);
	for (size_t i = m->scroll; i < m->n_lines && y < r.y + r.h - 1; i++, y++) {
		const struct sum_line *l = &m->lines[i];
		char label[200];
		switch (l->kind) {
		case SL_UNIT:
			snprintf(label, sizeof label, "%s %s", l->r->unit_code, l->r->unit_name);
			bf_draw_str(w, y, L.x[0], r.w - 2, label, A_BOLD);
			break;
		case SL_CATEGORY:
			snprintf(label, sizeof label, "  %s",
			         bf_category_label((enum bf_category)(l->r->category - 1)));
			sum_row(w, y, &L, label, l->r, A_NORMAL);
			break;
		default:
			snprintf(label, sizeof label, "  %s", _("Total"));
			sum_row(w, y, &L, label, l->r, A_BOLD);
			break;
		}
	}
	sum_row(w, r.y + r.h - 1, &L, _("All units"), &m->total, A_BOLD | A_REVERSE);
}

static bool summary_input(struct bf_screen *s, bf_key k)
{
	struct summary *m = (struct summary *)s;
	return bf_tl_scroll_key(&m->scroll, m->n_lines, m->page, k);
}

static void summary_export(struct summary *m)
{
	struct bf_app *app = m->base.app;
	if (!require(app, BF_PERM_CONSOLIDATE))
		return;
	struct bf_unit me;
	bf_error err = {{0}};
	if (bf_unit_load(m->db, &me, &err) != 0)
		memset(&me, 0, sizeof me);
	char path[1024], name[160], date[BF_DATE_SZ];
	bf_date_format(today_of(app), date);
	snprintf(name, sizeof name, "%s-summary-%s.xlsx", me.code[0] ? me.code : "district", date);
	bf_save_path(name, path, sizeof path);
	if (!bf_lk_ask_path(app, _("Summary"), _("File:"), path, sizeof path))
		return;
	bf_outfile *o = bf_dlg_outfile(app, m->db, path, &err);
	struct bf_dist_summary_row *rows = NULL;
	size_t n = 0;
	int rc = o ? bf_dist_summary(m->db, &rows, &n, &err) : -1;
	if (rc == 0)
		rc = bf_xlsx_district_summary(o, rows, n, me.name, &err);
	if (bf_outfile_finish(o, rc, &err) != 0) {
		free(rows);
		if (err.msg[0])
			bf_dlg_message(app, _("Not written"), err.msg);
		return;
	}
	free(rows);
	bf_app_msg(app, BF_MSG_INFO, _("Wrote %s"), path);
}

static bool summary_action(struct bf_screen *s, enum bf_action a)
{
	struct summary *m = (struct summary *)s;
	if (a == BF_ACT_DIST_XLSX) {
		summary_export(m);
		return true;
	}
	if (a == BF_ACT_REDRAW)
		m->loaded = false;
	return false;
}

static void summary_close(struct bf_screen *s)
{
	struct summary *m = (struct summary *)s;
	free(m->rows);
	free(m->lines);
	free(m);
}

static const enum bf_action summary_actions[] = {BF_ACT_DIST_XLSX, BF_ACT_NONE};

static const struct bf_screen_ops summary_ops = {
    .name = "district_summary",
    .actions = summary_actions,
    .draw = summary_draw,
    .action = summary_action,
    .on_data_change = bf_screen_reread,
    .input = summary_input,
    .on_close = summary_close,
};

int bf_district_summary_open(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return -1;
	if (!require(app, BF_PERM_CASE_VIEW))
		return -1;
	struct summary *m = calloc(1, sizeof *m);
	if (!m)
		return -1;
	m->base.ops = &summary_ops;
	m->base.app = app;
	m->db = &app->ctx->db;
	bf_strlcpy(m->base.title, _("Summary"), sizeof m->base.title);
	return bf_app_push(app, &m->base);
}
