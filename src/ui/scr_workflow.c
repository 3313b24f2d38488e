/* scr_workflow.c — the workflow screens of a saved case, opened from the
 * intake form (workflow_ui.h):
 *
 * - the checklist (材料清单): the documents the file's facts require,
 *   grouped by member, ticked with the keyboard alone — Space received
 *   (today, by the operator) or back to missing, w waived (asks why),
 *   u missing again, a the disaster proof's alternative pair; p prints the
 *   handout as a PDF (and offers lp when CUPS is there). Items the facts no
 *   longer require are shown dimmed, as history.
 * - the review (审核): approve (category, amount, 会议纪要, date) or
 *   reject (reason), saved with bf_case_review; a refusal is shown as the
 *   store words it.
 * - the history: every move of the file, and m to move it on (each
 *   possible move marked ready or with what is missing).
 *
 * The store decides everything (workflow_store.h); these screens only ask
 * and show. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/audit.h"
#include "bangfu/clock.h"
#include "bangfu/accounts.h"
#include "bangfu/code.h"
#include "bangfu/eligibility.h"
#include "bangfu/money.h"
#include "bangfu/pdf.h"
#include "bangfu/print.h"
#include "bangfu/store.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_form.h"
#include "bangfu/workflow_store.h"
#include "workflow_ui.h"

/* ---- shared -------------------------------------------------------------------------- */

struct wf_common {
	struct bf_screen base;
	struct bf_app *app;
	struct bf_ctx *ctx;
	bf_db *db;
	int64_t case_id;
	char number[32];
	char name[BF_NAME_SZ];
	void (*on_change)(void *ud);
	void *ud;
};

static int wf_common_init(struct wf_common *w, struct bf_app *app, int64_t case_id,
                          void (*on_change)(void *ud), void *ud)
{
	struct bf_ctx *ctx = app->ctx;
	if (!ctx || !ctx->db_open) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", _("No database is open."));
		return -1;
	}
	if (case_id == 0) {
		bf_app_msg(app, BF_MSG_WARN, "%s",
		           _("Save the file first: the checklist, the review and the history "
		             "belong to a saved file."));
		return -1;
	}
	w->app = app;
	w->ctx = ctx;
	w->db = &ctx->db;
	w->case_id = case_id;
	w->on_change = on_change;
	w->ud = ud;
	struct bf_case *c = malloc(sizeof *c);
	bf_error err = {{0}};
	if (!c) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", _("out of memory"));
		return -1;
	}
	if (bf_case_load(w->db, case_id, c, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, _("Could not open the file: %s"), err.msg);
		free(c);
		return -1;
	}
	bf_strlcpy(w->number, c->number, sizeof w->number);
	bf_strlcpy(w->name, c->n_members ? c->members[0].name : "", sizeof w->name);
	free(c);
	return 0;
}

static void changed(struct wf_common *w)
{
	if (w->on_change)
		w->on_change(w->ud);
}

static bf_date today_of(const struct wf_common *w)
{
	return w->ctx->today ? w->ctx->today : bf_clock_today();
}

/* Move a selection over n rows with the usual keys; true if used. */
static bool move_sel(bf_key k, size_t *sel, size_t n, int page)
{
	if (n == 0)
		return false;
	size_t p = page > 1 ? (size_t)page - 1 : 1;
	if (k == BF_KC(KEY_DOWN))
		*sel = *sel + 1 < n ? *sel + 1 : *sel;
	else if (k == BF_KC(KEY_UP))
		*sel = *sel > 0 ? *sel - 1 : 0;
	else if (k == BF_KC(KEY_NPAGE))
		*sel = *sel + p < n ? *sel + p : n - 1;
	else if (k == BF_KC(KEY_PPAGE))
		*sel = *sel > p ? *sel - p : 0;
	else if (k == BF_KC(KEY_HOME))
		*sel = 0;
	else if (k == BF_KC(KEY_END))
		*sel = n - 1;
	else
		return false;
	return true;
}

/* ---- the checklist ------------------------------------------------------------------- */

/* A row on screen: a group heading (item -1) or an item. */
struct ck_row {
	int item;
	int member; /* heading: the member index, -1 household, -2 no longer required */
};

struct checklist_scr {
	struct wf_common w;
	struct bf_checklist cl;
	struct bf_checklist_summary sum;
	struct ck_row *rows;
	size_t n_rows;
	size_t sel; /* index into rows, always an item when there is one */
	size_t top;
	int page;
	char member_names[BF_MAX_MEMBERS][BF_NAME_SZ];
	size_t n_members;
	/* with every document in: what else keeps the file from "documents
	 * complete" (the five clears, the bank card), "" when nothing */
	char blocked[1024];
};

static void ck_build_rows(struct checklist_scr *k)
{
	free(k->rows);
	k->rows = calloc(k->cl.n * 2 + 2, sizeof *k->rows);
	k->n_rows = 0;
	if (!k->rows)
		return;
	/* required items by member: the household first, then each member in
	 * the file's order; then the items no longer required */
	for (int m = -1; m < (int)BF_MAX_MEMBERS; m++) {
		bool head = false;
		for (size_t i = 0; i < k->cl.n; i++) {
			const struct bf_checklist_item *it = &k->cl.items[i];
			int im = it->member < 0 ? -1 : it->member;
			if (!it->required || im != m)
				continue;
			if (!head) {
				k->rows[k->n_rows++] = (struct ck_row){-1, m};
				head = true;
			}
			k->rows[k->n_rows++] = (struct ck_row){(int)i, m};
		}
	}
	bool head = false;
	for (size_t i = 0; i < k->cl.n; i++) {
		if (k->cl.items[i].required)
			continue;
		if (!head) {
			k->rows[k->n_rows++] = (struct ck_row){-1, -2};
			head = true;
		}
		k->rows[k->n_rows++] = (struct ck_row){(int)i, -2};
	}
}

static void ck_fix_sel(struct checklist_scr *k, int dir)
{
	if (k->n_rows == 0)
		return;
	if (k->sel >= k->n_rows)
		k->sel = k->n_rows - 1;
	size_t s = k->sel;
	while (k->rows[s].item < 0) {
		if (dir >= 0 && s + 1 < k->n_rows)
			s++;
		else if (dir < 0 && s > 0)
			s--;
		else if (dir >= 0) {
			dir = -1;
		} else
			return;
	}
	k->sel = s;
}

static int ck_load(struct checklist_scr *k)
{
	bf_error err = {{0}};
	char key[64] = "";
	if (k->n_rows && k->rows[k->sel].item >= 0)
		bf_strlcpy(key, k->cl.items[k->rows[k->sel].item].key, sizeof key);
	if (bf_checklist_load(k->w.db, k->w.case_id, &k->cl, &err) != 0) {
		bf_app_msg(k->w.app, BF_MSG_ERROR, _("Could not read the checklist: %s"), err.msg);
		return -1;
	}
	bf_checklist_summarize(&k->cl, &k->sum);
	k->blocked[0] = 0;
	struct bf_case_wf *wf = malloc(sizeof *wf);
	if (wf && bf_case_workflow(k->w.db, k->w.case_id, today_of(&k->w), wf, &err) == 0)
		for (size_t i = 0; i < wf->n_next; i++)
			if (wf->next[i].to == BF_STATE_DOCS_COMPLETE && !wf->next[i].ready)
				bf_strlcpy(k->blocked, wf->next[i].why, sizeof k->blocked);
	free(wf);
	ck_build_rows(k);
	k->sel = 0;
	for (size_t r = 0; r < k->n_rows; r++)
		if (k->rows[r].item >= 0 && key[0] &&
		    !strcmp(k->cl.items[k->rows[r].item].key, key))
			k->sel = r;
	ck_fix_sel(k, 1);
	return 0;
}

static struct bf_checklist_item *ck_current(struct checklist_scr *k)
{
	if (k->n_rows == 0 || k->rows[k->sel].item < 0)
		return NULL;
	return &k->cl.items[k->rows[k->sel].item];
}

static void ck_heading(struct checklist_scr *k, int m, char *buf, size_t n)
{
	if (m == -2)
		snprintf(buf, n, "%s", _("No longer required (kept as history)"));
	else if (m == -1)
		snprintf(buf, n, "%s", _("Household"));
	else {
		const char *name = (size_t)m < k->n_members ? k->member_names[m] : "";
		if (m == 0)
			snprintf(buf, n, _("%s (the employee)"), name[0] ? name : "?");
		else
			snprintf(buf, n, _("Member %d: %s"), m + 1, name[0] ? name : "?");
	}
}

/* The selected item's details, for the last line. */
static void ck_item_detail(const struct bf_checklist_item *it, char *buf, size_t n)
{
	switch (it->status) {
	case BF_ITEM_RECEIVED:
		snprintf(buf, n, _("Received %s by %s."), it->received_date, it->received_by);
		break;
	case BF_ITEM_WAIVED:
		snprintf(buf, n, _("Waived by %s: %s."), it->waived_by, it->waive_reason);
		break;
	default:
		buf[0] = 0;
		break;
	}
}

static void ck_draw(struct bf_screen *s, WINDOW *win, struct bf_rect r)
{
	struct checklist_scr *k = (struct checklist_scr *)s;
	char line[2048];
	if (k->sum.missing)
		snprintf(line, sizeof line, _("%zu of %zu documents missing"), k->sum.missing,
		         k->sum.required);
	else
		snprintf(line, sizeof line, _("All %zu documents received or waived"),
		         k->sum.required);
	bf_fill(win, r.y, r.x, r.w, bf_attr(BF_ATTR_HEADER));
	bf_draw_str(win, r.y, r.x + 1, r.w - 2, line,
	            bf_attr(k->sum.missing ? BF_ATTR_WARN : BF_ATTR_HEADER) |
	                (k->sum.missing ? 0 : A_BOLD));
	int y0 = r.y + 1, rows = r.h - 2;
	if (!k->sum.missing && k->blocked[0] && rows > 4) {
		/* all in, but the move is still refused: say why, whole */
		char more[1200];
		snprintf(more, sizeof more, _("Not yet “%s”: %s"),
		         bf_state_label(BF_STATE_DOCS_COMPLETE), k->blocked);
		wchar_t wm[1200];
		size_t n = bf_utf8_decode(more, wm, BF_ARRAY_LEN(wm));
		for (size_t i = 0; i < n && rows > 4; y0++, rows--) {
			size_t len = bf_wrap_len(wm + i, n - i, r.w - 2);
			bf_draw_wcs(win, y0, r.x + 1, r.w - 2, wm + i, len, bf_attr(BF_ATTR_WARN));
			i += len;
		}
	}
	k->page = rows;
	if (k->n_rows == 0) {
		bf_draw_str(win, y0 + 1, r.x + 2, r.w - 4,
		            _("The file's facts require no documents yet."), A_NORMAL);
	}
	if (k->sel < k->top)
		k->top = k->sel > 0 && k->rows[k->sel - 1].item < 0 ? k->sel - 1 : k->sel;
	if (rows > 0 && k->sel >= k->top + (size_t)rows)
		k->top = k->sel - (size_t)rows + 1;
	for (int i = 0; i < rows && k->top + (size_t)i < k->n_rows; i++) {
		const struct ck_row *row = &k->rows[k->top + (size_t)i];
		int y = y0 + i;
		if (row->item < 0) {
			ck_heading(k, row->member, line, sizeof line);
			bf_draw_str(win, y, r.x + 1, r.w - 2, line, A_BOLD);
			continue;
		}
		const struct bf_checklist_item *it = &k->cl.items[row->item];
		char title[512];
		bf_item_title(it, title, sizeof title);
		const char *mark = it->status == BF_ITEM_RECEIVED ? "[x]"
		                   : it->status == BF_ITEM_WAIVED ? "[-]"
		                                                  : "[ ]";
		snprintf(line, sizeof line, "%s %s", mark, title);
		bool selected = k->top + (size_t)i == k->sel;
		attr_t a = selected ? bf_attr(BF_ATTR_FOCUS) : A_NORMAL;
		if (!it->required)
			a |= A_DIM;
		if (selected)
			bf_fill(win, y, r.x + 1, r.w - 2, a);
		const char *st = bf_item_status_label(it->status);
		int sw = bf_str_width(st);
		bf_draw_str(win, y, r.x + 3, r.w - 6 - sw, line, a);
		bf_draw_str(win, y, r.x + r.w - 2 - sw, sw, st,
		            a | (it->status == BF_ITEM_MISSING && it->required ? A_BOLD : 0));
	}
	/* the last line: why the selected item is needed */
	const struct bf_checklist_item *cur = ck_current(k);
	if (cur && r.h > 2) {
		char detail[512];
		ck_item_detail(cur, detail, sizeof detail);
		char why[512];
		snprintf(why, sizeof why, _("Why: %s"), cur->why);
		if (cur->required)
			snprintf(line, sizeof line, "%s%s%s", detail, detail[0] ? "  " : "", why);
		else
			snprintf(
			    line, sizeof line, "%s",
			    _("The file's facts no longer require this; it cannot be changed."));
		bf_draw_str(win, r.y + r.h - 1, r.x + 1, r.w - 2, line, A_DIM);
	}
	bf_term_cursor_hide();
}

static void ck_after_write(struct checklist_scr *k, int rc, const bf_error *err, const char *done)
{
	if (rc != 0) {
		bf_dlg_message(k->w.app, _("Not changed"), err->msg);
		return;
	}
	ck_load(k);
	changed(&k->w);
	if (k->sum.missing)
		bf_app_msg(k->w.app, BF_MSG_INFO, _("%s — %zu still missing."), done,
		           k->sum.missing);
	else
		bf_app_msg(k->w.app, BF_MSG_INFO, _("%s — nothing is missing now."), done);
}

static bool ck_writable(struct checklist_scr *k, struct bf_checklist_item *it)
{
	if (!it)
		return false;
	if (!it->required) {
		bf_app_msg(k->w.app, BF_MSG_WARN, "%s",
		           _("The file's facts no longer require this; it cannot be changed."));
		return false;
	}
	return true;
}

static void ck_receive_key(struct checklist_scr *k, const char *key)
{
	struct bf_receipt rc;
	memset(&rc, 0, sizeof rc);
	bf_date_format(today_of(&k->w), rc.date);
	rc.copies = 1;
	bf_error err = {{0}};
	int r = bf_checklist_receive(k->w.db, k->w.case_id, key, &rc, today_of(&k->w), &err);
	ck_after_write(k, r, &err, _("Received"));
}

static void ck_toggle(struct checklist_scr *k)
{
	struct bf_checklist_item *it = ck_current(k);
	if (!ck_writable(k, it))
		return;
	if (it->status == BF_ITEM_MISSING) {
		ck_receive_key(k, it->key);
		return;
	}
	bf_error err = {{0}};
	int r = bf_checklist_unset(k->w.db, k->w.case_id, it->key, &err);
	ck_after_write(k, r, &err, _("Missing again"));
}

static void ck_waive(struct checklist_scr *k)
{
	struct bf_checklist_item *it = ck_current(k);
	if (!ck_writable(k, it))
		return;
	char reason[BF_TEXT_SZ] = "", title[512];
	bf_item_title(it, title, sizeof title);
	if (!bf_dlg_prompt(k->w.app, title, _("Waived because:"), reason, sizeof reason, 60))
		return;
	bf_trim(reason);
	if (!reason[0]) {
		bf_app_msg(k->w.app, BF_MSG_WARN, "%s",
		           _("A waiver needs a reason; nothing changed."));
		return;
	}
	bf_error err = {{0}};
	int r = bf_checklist_waive(k->w.db, k->w.case_id, it->key, reason, &err);
	ck_after_write(k, r, &err, _("Waived"));
}

static void ck_unset(struct checklist_scr *k)
{
	struct bf_checklist_item *it = ck_current(k);
	if (!ck_writable(k, it))
		return;
	bf_error err = {{0}};
	int r = bf_checklist_unset(k->w.db, k->w.case_id, it->key, &err);
	ck_after_write(k, r, &err, _("Missing again"));
}

static void ck_pair(struct checklist_scr *k)
{
	bool any = false;
	for (size_t i = 0; i < k->cl.n; i++)
		any = any || (k->cl.items[i].pair_member && k->cl.items[i].required);
	if (!any) {
		bf_app_msg(k->w.app, BF_MSG_WARN, "%s",
		           _("This file has no disaster proof with an alternative pair."));
		return;
	}
	ck_receive_key(k, BF_PAIR_KEY);
}

static void ck_print(struct checklist_scr *k)
{
	char path[1024], name[128];
	snprintf(name, sizeof name, "bangfu-%s-材料清单.pdf", k->w.number);
	bf_save_path(name, path, sizeof path);
	if (!bf_dlg_prompt(k->w.app, _("Print the checklist handout"), _("PDF file:"), path,
	                   sizeof path, 300) ||
	    !bf_path_expand(path, sizeof path))
		return;
	bf_error err = {{0}};
	bf_outfile *o = bf_dlg_outfile(k->w.app, k->w.db, path, &err);
	if (!o) {
		if (err.msg[0])
			bf_dlg_message(k->w.app, _("Not printed"), err.msg);
		return;
	}
	struct bf_case *c = malloc(sizeof *c);
	struct bf_unit unit;
	if (!c) {
		bf_outfile_abort(o);
		bf_app_msg(k->w.app, BF_MSG_ERROR, "%s", _("out of memory"));
		return;
	}
	int rc = bf_case_load(k->w.db, k->w.case_id, c, &err);
	bool has_unit = rc == 0 && bf_unit_load(k->w.db, &unit, &(bf_error){{0}}) == 0;
	if (has_unit)
		rc = bf_audit_stamp(k->w.db, &unit.stamp, &err);
	if (rc == 0)
		rc = bf_checklist_handout_pdf(o, c, &k->cl, has_unit ? &unit : NULL,
		                              today_of(&k->w), &err);
	rc = bf_outfile_finish(o, rc, &err);
	free(c);
	if (rc != 0) {
		bf_dlg_message(k->w.app, _("Not printed"), err.msg);
		return;
	}
	if (bf_pdf_can_print() &&
	    bf_dlg_confirm(k->w.app, _("Send it to the printer with lp?"), false)) {
		if (bf_pdf_print(path, &err) != 0) {
			bf_dlg_message(k->w.app, _("Not printed"), err.msg);
			return;
		}
		bf_app_msg(k->w.app, BF_MSG_INFO, _("Wrote %s and sent it to the printer."), path);
		return;
	}
	bf_app_msg(k->w.app, BF_MSG_INFO, _("Wrote %s"), path);
}

static bool ck_action(struct bf_screen *s, enum bf_action a)
{
	struct checklist_scr *k = (struct checklist_scr *)s;
	switch (a) {
	case BF_ACT_CK_RECEIVE:
		ck_toggle(k);
		return true;
	case BF_ACT_CK_WAIVE:
		ck_waive(k);
		return true;
	case BF_ACT_CK_UNSET:
		ck_unset(k);
		return true;
	case BF_ACT_CK_PAIR:
		ck_pair(k);
		return true;
	case BF_ACT_PRINT:
		ck_print(k);
		return true;
	case BF_ACT_REDRAW:
		ck_load(k);
		return false;
	default:
		return false;
	}
}

static bool ck_input(struct bf_screen *s, bf_key key)
{
	struct checklist_scr *k = (struct checklist_scr *)s;
	size_t old = k->sel;
	if (!move_sel(key, &k->sel, k->n_rows, k->page))
		return false;
	ck_fix_sel(k, k->sel >= old ? 1 : -1);
	if (k->rows && k->rows[k->sel].item < 0)
		k->sel = old;
	return true;
}

static void ck_close(struct bf_screen *s)
{
	struct checklist_scr *k = (struct checklist_scr *)s;
	bf_checklist_free(&k->cl);
	free(k->rows);
	free(k);
}

static const enum bf_action ck_actions[] = {BF_ACT_CK_RECEIVE, BF_ACT_CK_WAIVE, BF_ACT_CK_UNSET,
                                            BF_ACT_CK_PAIR,    BF_ACT_PRINT,    BF_ACT_NONE};
static const struct bf_screen_ops checklist_ops = {
    .name = "checklist",
    .actions = ck_actions,
    .draw = ck_draw,
    .action = ck_action,
    .input = ck_input,
    .on_close = ck_close,
};

int bf_checklist_open(struct bf_app *app, int64_t case_id, void (*on_change)(void *ud), void *ud)
{
	struct checklist_scr *k = calloc(1, sizeof *k);
	if (!k) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", _("out of memory"));
		return -1;
	}
	if (wf_common_init(&k->w, app, case_id, on_change, ud) != 0) {
		free(k);
		return -1;
	}
	bf_error err = {{0}};
	if (bf_store_require(k->w.db, BF_PERM_CHECKLIST, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		free(k);
		return -1;
	}
	struct bf_case *c = malloc(sizeof *c);
	if (c && bf_case_load(k->w.db, case_id, c, &err) == 0) {
		k->n_members = c->n_members < BF_MAX_MEMBERS ? c->n_members : BF_MAX_MEMBERS;
		for (size_t i = 0; i < k->n_members; i++)
			bf_strlcpy(k->member_names[i], c->members[i].name,
			           sizeof k->member_names[i]);
	}
	free(c);
	bf_checklist_init(&k->cl);
	k->w.base.ops = &checklist_ops;
	snprintf(k->w.base.title, sizeof k->w.base.title, _("Checklist of file %s: %s"),
	         k->w.number, k->w.name);
	if (ck_load(k) != 0) {
		ck_close(&k->w.base);
		return -1;
	}
	return bf_app_push(app, &k->w.base);
}

/* ---- the review ------------------------------------------------------------------------- */

struct review_scr {
	struct wf_common w;
	struct bf_form form;
	int f_decision, f_category, f_amount, f_meeting, f_date, f_reason;
	int first_match; /* 1..5, 0 none */
};

static const struct bf_choice decision_choices[] = {
    {"approve", N_("Approve")}, {"reject", N_("Reject")}, {NULL, NULL}};
static const struct bf_choice category_choices[] = {
    {"1", N_("Category 1")}, {"2", N_("Category 2")}, {"3", N_("Category 3")},
    {"4", N_("Category 4")}, {"5", N_("Category 5")}, {NULL, NULL}};

static const struct bf_field_spec review_fields[] = {
    {.key = "decision",
     .label = N_("Decision"),
     .type = BF_FIELD_CHOICE,
     .flags = BF_FIELD_REQUIRED,
     .choices = decision_choices},
    {.key = "category",
     .label = N_("Aid category"),
     .type = BF_FIELD_CHOICE,
     .choices = category_choices},
    {.key = "amount", .label = N_("Proposed amount (yuan)"), .type = BF_FIELD_MONEY},
    {.key = "meeting",
     .label = N_("Meeting minutes (会议纪要)"),
     .type = BF_FIELD_TEXT,
     .width = 40,
     .max_chars = 60},
    {.key = "date", .label = N_("Meeting date"), .type = BF_FIELD_DATE},
    {.key = "reason",
     .label = N_("Reason or note"),
     .type = BF_FIELD_TEXT,
     .width = 40,
     .max_chars = 200},
};

static void rv_draw(struct bf_screen *s, WINDOW *win, struct bf_rect r)
{
	struct review_scr *v = (struct review_scr *)s;
	char line[512], dec[16];
	bf_form_get(&v->form, v->f_decision, dec, sizeof dec);
	if (v->first_match)
		/* TRANSLATORS: %s is "Category 2" (第二类), as everywhere */
		snprintf(line, sizeof line, _("The assessment matches %s first."),
		         bf_category_label((enum bf_category)(v->first_match - 1)));
	else
		snprintf(line, sizeof line, "%s", _("The assessment matches no aid category."));
	bf_draw_str(win, r.y, r.x + 1, r.w - 2, line, bf_attr(BF_ATTR_HEADER));
	struct bf_rect fr = {r.y + 2, r.x, r.h - 4, r.w};
	bf_form_draw(&v->form, win, fr);
	char save[32];
	bf_action_key_label(BF_ACT_SAVE, true, save, sizeof save);
	if (!strcmp(dec, "reject"))
		snprintf(
		    line, sizeof line,
		    _("A rejection needs the reason; %s records the review and rejects the file."),
		    save);
	else
		snprintf(line, sizeof line,
		         _("An approval needs the category, the amount and the meeting; %s records "
		           "it and approves the file."),
		         save);
	bf_draw_str(win, r.y + r.h - 1, r.x + 1, r.w - 2, line, A_DIM);
}

static void rv_save(struct review_scr *v)
{
	int bad = bf_form_validate_all(&v->form);
	if (bad >= 0) {
		bf_app_msg(v->w.app, BF_MSG_ERROR, "%s", _("Please correct the marked field."));
		return;
	}
	struct bf_review r;
	memset(&r, 0, sizeof r);
	char buf[BF_LONG_SZ];
	bf_form_get(&v->form, v->f_decision, buf, sizeof buf);
	r.decision = !strcmp(buf, "reject") ? BF_REVIEW_REJECT : BF_REVIEW_APPROVE;
	if (r.decision == BF_REVIEW_APPROVE) {
		bf_form_get(&v->form, v->f_category, buf, sizeof buf);
		r.category = atoi(buf);
		struct bf_field *fa = bf_form_field(&v->form, v->f_amount);
		bf_form_get(&v->form, v->f_amount, buf, sizeof buf);
		r.amount = buf[0] ? fa->value.money : 0;
	}
	bf_form_get(&v->form, v->f_reason, r.reason, sizeof r.reason);
	bf_form_get(&v->form, v->f_meeting, r.meeting_ref, sizeof r.meeting_ref);
	bf_form_get(&v->form, v->f_date, buf, sizeof buf);
	bf_date d;
	if (buf[0] && bf_date_parse(buf, &d))
		bf_date_format(d, r.date);
	bf_error err = {{0}};
	int rc = bf_case_review(v->w.db, v->w.case_id, &r, today_of(&v->w), &err);
	if (rc != 0) {
		bf_dlg_message(v->w.app, _("The review was not recorded"), err.msg);
		return;
	}
	struct bf_app *app = v->w.app;
	changed(&v->w);
	char number[32];
	bf_strlcpy(number, v->w.number, sizeof number);
	bool approve = r.decision == BF_REVIEW_APPROVE;
	bf_app_pop(app);
	bf_app_msg(app, BF_MSG_INFO, _("File %s: %s."), number,
	           bf_state_label(approve ? BF_STATE_APPROVED : BF_STATE_REJECTED));
}

static bool rv_action(struct bf_screen *s, enum bf_action a)
{
	struct review_scr *v = (struct review_scr *)s;
	switch (a) {
	case BF_ACT_SAVE:
		rv_save(v);
		return true; /* v may be gone */
	case BF_ACT_BACK:
		if (v->form.dirty &&
		    !bf_dlg_confirm(v->w.app, _("Leave without recording the review?"), false))
			return true;
		bf_app_pop(v->w.app);
		return true;
	default:
		return bf_form_action(&v->form, a);
	}
}

static bool rv_input(struct bf_screen *s, bf_key k)
{
	return bf_form_input(&((struct review_scr *)s)->form, k);
}

static bool rv_typing(struct bf_screen *s)
{
	return bf_form_typing(&((struct review_scr *)s)->form);
}

static void rv_close(struct bf_screen *s)
{
	struct review_scr *v = (struct review_scr *)s;
	bf_form_free(&v->form);
	free(v);
}

static const enum bf_action rv_actions[] = {BF_ACT_SAVE, BF_ACT_NEXT_FIELD, BF_ACT_PREV_FIELD,
                                            BF_ACT_NONE};
static const struct bf_screen_ops review_ops = {
    .name = "review",
    .actions = rv_actions,
    .draw = rv_draw,
    .action = rv_action,
    .input = rv_input,
    .typing = rv_typing,
    .on_close = rv_close,
};

struct bf_form *review_form(struct bf_screen *s)
{
	return s && s->ops == &review_ops ? &((struct review_scr *)s)->form : NULL;
}

int bf_review_open(struct bf_app *app, int64_t case_id, void (*on_change)(void *ud), void *ud)
{
	struct review_scr *v = calloc(1, sizeof *v);
	if (!v) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", _("out of memory"));
		return -1;
	}
	if (wf_common_init(&v->w, app, case_id, on_change, ud) != 0) {
		free(v);
		return -1;
	}
	bf_error err = {{0}};
	if (bf_store_require(v->w.db, BF_PERM_REVIEW, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		free(v);
		return -1;
	}
	/* the category the assessment matches first */
	struct bf_case *c = malloc(sizeof *c);
	struct bf_assessment *as = malloc(sizeof *as);
	if (c && as && bf_case_load(v->w.db, case_id, c, &err) == 0) {
		struct bf_year_settings ys;
		if (bf_settings_year(v->w.db, c->year, &ys, &err) != 0)
			bf_year_settings_seed(&ys, c->year);
		bf_assess(c, &ys, as);
		v->first_match = as->first_match >= 0 ? as->first_match + 1 : 0;
	}
	free(c);
	free(as);
	bf_form_init(&v->form, app, today_of(&v->w));
	bf_form_add_all(&v->form, review_fields, BF_ARRAY_LEN(review_fields));
	v->f_decision = bf_form_find(&v->form, "decision");
	v->f_category = bf_form_find(&v->form, "category");
	v->f_amount = bf_form_find(&v->form, "amount");
	v->f_meeting = bf_form_find(&v->form, "meeting");
	v->f_date = bf_form_find(&v->form, "date");
	v->f_reason = bf_form_find(&v->form, "reason");
	bf_form_set(&v->form, v->f_decision, "approve");
	if (v->first_match) {
		char cat[4];
		snprintf(cat, sizeof cat, "%d", v->first_match);
		bf_form_set(&v->form, v->f_category, cat);
	}
	char today[BF_DATE_SZ];
	bf_date_format(today_of(&v->w), today);
	bf_form_set(&v->form, v->f_date, today);
	bf_form_clean(&v->form);
	v->w.base.ops = &review_ops;
	snprintf(v->w.base.title, sizeof v->w.base.title, _("Review of file %s: %s"), v->w.number,
	         v->w.name);
	return bf_app_push(app, &v->w.base);
}

/* ---- the history and the moves ---------------------------------------------------------- */

struct history_scr {
	struct wf_common w;
	struct bf_case_wf *wf;
	struct bf_history_entry *h;
	size_t n_h;
	char **lines; /* what is shown, one per entry line */
	size_t n_lines;
	size_t top;
	int page;
	void (*outer_change)(void *ud);
	void *outer_ud;
};

static void hs_free_lines(struct history_scr *hs)
{
	for (size_t i = 0; i < hs->n_lines; i++)
		free(hs->lines[i]);
	free(hs->lines);
	hs->lines = NULL;
	hs->n_lines = 0;
}

static void hs_add(struct history_scr *hs, size_t *cap, const char *text)
{
	if (hs->n_lines == *cap) {
		size_t nc = *cap ? *cap * 2 : 32;
		char **l = realloc(hs->lines, nc * sizeof *l);
		if (!l)
			return;
		hs->lines = l;
		*cap = nc;
	}
	char *d = strdup(text);
	if (d)
		hs->lines[hs->n_lines++] = d;
}

static void utc_short(const char *at, char *out, size_t n)
{
	/* "2026-11-28T10:00:00Z" -> "2026-11-28 10:00" */
	bf_strlcpy(out, at, n);
	if (strlen(out) >= 16) {
		out[10] = ' ';
		out[16] = 0;
	}
}

static int hs_load(struct history_scr *hs)
{
	bf_error err = {{0}};
	free(hs->h);
	hs->h = NULL;
	hs->n_h = 0;
	if (bf_case_workflow(hs->w.db, hs->w.case_id, today_of(&hs->w), hs->wf, &err) != 0 ||
	    bf_case_history(hs->w.db, hs->w.case_id, &hs->h, &hs->n_h, &err) != 0) {
		bf_app_msg(hs->w.app, BF_MSG_ERROR, _("Could not read the file's history: %s"),
		           err.msg);
		return -1;
	}
	hs_free_lines(hs);
	size_t cap = 0;
	char line[2048], when[32], money[32];
	for (size_t i = 0; i < hs->n_h; i++) {
		const struct bf_history_entry *e = &hs->h[i];
		utc_short(e->at, when, sizeof when);
		if (!e->from[0])
			snprintf(line, sizeof line, _("%s  %s  created as %s"), when, e->actor,
			         bf_state_label_of(e->to));
		else
			snprintf(line, sizeof line, "%s  %s  %s → %s", when, e->actor,
			         bf_state_label_of(e->from), bf_state_label_of(e->to));
		hs_add(hs, &cap, line);
		if (e->has_review) {
			if (e->review.decision == BF_REVIEW_APPROVE)
				snprintf(
				    line, sizeof line,
				    /* TRANSLATORS: the second %s is "Category 2" (第二类) */
				    _("      review: approved, %s, %s yuan; %s, %s"),
				    bf_category_label((enum bf_category)(e->review.category - 1)),
				    bf_money_format(e->review.amount, money, sizeof money),
				    e->review.meeting_ref, e->review.date);
			else
				snprintf(line, sizeof line,
				         _("      review: rejected (%s); %s, %s"), e->review.reason,
				         e->review.meeting_ref, e->review.date);
			hs_add(hs, &cap, line);
		}
		if (e->closure >= 0) {
			snprintf(line, sizeof line, _("      closure reason: %s"),
			         bf_closure_label(e->closure));
			hs_add(hs, &cap, line);
		}
		if (e->back_to >= 0) {
			snprintf(line, sizeof line, _("      back to: %s"),
			         bf_state_label((enum bf_state)e->back_to));
			hs_add(hs, &cap, line);
		}
		if (e->reason[0] && !(e->has_review && e->review.decision == BF_REVIEW_REJECT)) {
			snprintf(line, sizeof line, _("      reason: %s"), e->reason);
			hs_add(hs, &cap, line);
		}
	}
	if (hs->n_lines > 0 && hs->top + 1 > hs->n_lines)
		hs->top = hs->n_lines - 1;
	return 0;
}

static void hs_draw(struct bf_screen *s, WINDOW *win, struct bf_rect r)
{
	struct history_scr *hs = (struct history_scr *)s;
	const struct bf_case_wf *wf = hs->wf;
	char line[2048];
	snprintf(line, sizeof line, _("Status: %s"), bf_state_label(wf->state));
	bf_fill(win, r.y, r.x, r.w, bf_attr(BF_ATTR_HEADER));
	int used = bf_draw_str(win, r.y, r.x + 1, r.w - 2, line, bf_attr(BF_ATTR_HEADER) | A_BOLD);
	if (wf->docs.missing)
		snprintf(line, sizeof line, _("   %zu of %zu documents missing"), wf->docs.missing,
		         wf->docs.required);
	else
		snprintf(line, sizeof line, _("   documents complete (%zu)"), wf->docs.required);
	bf_draw_str(win, r.y, r.x + 1 + used, r.w - 2 - used, line, bf_attr(BF_ATTR_HEADER));
	/* the moves possible now, one line */
	int y = r.y + 1;
	char moves[1024] = "";
	size_t o = 0;
	for (size_t i = 0; i < wf->n_next && o + 1 < sizeof moves; i++) {
		int k = snprintf(moves + o, sizeof moves - o, "%s%s%s", i ? ", " : "",
		                 bf_state_label(wf->next[i].to), wf->next[i].ready ? "" : " (!)");
		if (k < 0)
			break;
		o += (size_t)k;
	}
	char key[32];
	bf_action_key_label(BF_ACT_MOVE, false, key, sizeof key);
	snprintf(line, sizeof line, _("Moves (%s): %s"), key, moves[0] ? moves : _("none"));
	bf_draw_str(win, y, r.x + 1, r.w - 2, line, A_NORMAL);
	y += 2;
	bf_draw_str(win, y, r.x + 1, r.w - 2, _("History"), A_BOLD);
	y++;
	int rows = r.y + r.h - y;
	hs->page = rows;
	if (hs->n_lines > (size_t)rows && hs->top > hs->n_lines - (size_t)rows)
		hs->top = hs->n_lines - (size_t)rows;
	for (int i = 0; i < rows && hs->top + (size_t)i < hs->n_lines; i++)
		bf_draw_str(win, y + i, r.x + 2, r.w - 3, hs->lines[hs->top + (size_t)i], A_NORMAL);
	bf_term_cursor_hide();
}

/* Ask what the move needs from the user and make it. */
static void hs_do_move(struct history_scr *hs, const struct bf_next_move *nm)
{
	struct bf_app *app = hs->w.app;
	if (nm->to == BF_STATE_APPROVED || nm->to == BF_STATE_REJECTED) {
		/* the review makes these moves */
		if (!nm->ready) {
			bf_dlg_message(app, _("Not possible yet"), nm->why);
			return;
		}
		bf_review_open(app, hs->w.case_id, hs->w.on_change, hs->w.ud);
		return;
	}
	if (!nm->ready) {
		bf_dlg_message(app, _("Not possible yet"), nm->why);
		return;
	}
	struct bf_move m;
	bf_move_init(&m, nm->to);
	m.today = today_of(&hs->w);
	unsigned reqs = nm->t ? nm->t->reqs : 0;
	char reason[BF_LONG_SZ] = "";
	if (reqs & BF_REQ_BACK_TO) {
		const char *items[BF_STATE_COUNT];
		int map[BF_STATE_COUNT], n = 0;
		for (int s = 0; s < BF_STATE_COUNT; s++)
			if (bf_return_target_ok((enum bf_state)s)) {
				items[n] = bf_state_label((enum bf_state)s);
				map[n++] = s;
			}
		int c = bf_dlg_choose(app, _("The district sends the file back to"), items,
		                      (size_t)n, 0);
		if (c < 0)
			return;
		m.back_to = map[c];
	}
	if (reqs & BF_REQ_CLOSURE) {
		const char *items[BF_CLOSE_COUNT];
		for (int i = 0; i < BF_CLOSE_COUNT; i++)
			items[i] = bf_closure_label(i);
		int c = bf_dlg_choose(app, _("Why is the file closed?"), items, BF_CLOSE_COUNT, 0);
		if (c < 0)
			return;
		m.closure = c;
	}
	if (reqs & (BF_REQ_REASON | BF_REQ_BACK_TO | BF_REQ_CLOSURE)) {
		const char *label =
		    (reqs & BF_REQ_CLOSURE) ? _("Note (may be empty):") : _("Reason:");
		if (!bf_dlg_prompt(app, _(nm->t->label), label, reason, sizeof reason, 200))
			return;
		bf_trim(reason);
		if (!reason[0] && !(reqs & BF_REQ_CLOSURE)) {
			bf_app_msg(app, BF_MSG_WARN, "%s",
			           _("This move needs a reason; nothing changed."));
			return;
		}
		m.reason = reason;
	} else {
		char q[600];
		snprintf(q, sizeof q, _("Move the file to “%s”? (%s)"), bf_state_label(nm->to),
		         nm->t ? _(nm->t->label) : "");
		if (!bf_dlg_confirm(app, q, true))
			return;
	}
	bf_error err = {{0}};
	int rc = bf_case_advance(hs->w.db, hs->w.case_id, &m, &err);
	if (rc != 0) {
		bf_dlg_message(app, _("The file was not moved"), err.msg);
		return;
	}
	changed(&hs->w);
	hs_load(hs);
	bf_app_msg(app, BF_MSG_INFO, _("File %s: %s."), hs->w.number, bf_state_label(nm->to));
}

static void hs_move(struct history_scr *hs)
{
	hs_load(hs);
	const struct bf_case_wf *wf = hs->wf;
	if (wf->n_next == 0) {
		bf_app_msg(hs->w.app, BF_MSG_INFO, "%s", _("No move is possible from here."));
		return;
	}
	static char texts[BF_STATE_COUNT][1400];
	const char *items[BF_STATE_COUNT];
	for (size_t i = 0; i < wf->n_next; i++) {
		const struct bf_next_move *nm = &wf->next[i];
		if (nm->ready)
			snprintf(texts[i], sizeof texts[i], _("%s — ready"),
			         bf_state_label(nm->to));
		else
			snprintf(texts[i], sizeof texts[i], _("%s — missing: %s"),
			         bf_state_label(nm->to), nm->why);
		items[i] = texts[i];
	}
	int c = bf_dlg_choose(hs->w.app, _("Move the file to"), items, wf->n_next, 0);
	if (c < 0)
		return;
	struct bf_next_move nm = wf->next[c];
	hs_do_move(hs, &nm);
}

static bool hs_action(struct bf_screen *s, enum bf_action a)
{
	struct history_scr *hs = (struct history_scr *)s;
	switch (a) {
	case BF_ACT_MOVE:
		hs_move(hs);
		return true;
	case BF_ACT_REVIEW:
		bf_review_open(hs->w.app, hs->w.case_id, hs->w.on_change, hs->w.ud);
		return true;
	case BF_ACT_CHECKLIST:
		bf_checklist_open(hs->w.app, hs->w.case_id, hs->w.on_change, hs->w.ud);
		return true;
	case BF_ACT_REDRAW:
		hs_load(hs);
		return false;
	default:
		return false;
	}
}

static bool hs_input(struct bf_screen *s, bf_key k)
{
	struct history_scr *hs = (struct history_scr *)s;
	if (k == BF_KEY_RESIZE)
		return false;
	size_t n = hs->n_lines;
	return move_sel(k, &hs->top, n, hs->page);
}

static void hs_close(struct bf_screen *s)
{
	struct history_scr *hs = (struct history_scr *)s;
	hs_free_lines(hs);
	free(hs->h);
	free(hs->wf);
	free(hs);
}

static const enum bf_action hs_actions_all[] = {BF_ACT_MOVE, BF_ACT_CHECKLIST, BF_ACT_REVIEW,
                                                BF_ACT_NONE};
static const enum bf_action hs_actions_ck[] = {BF_ACT_MOVE, BF_ACT_CHECKLIST, BF_ACT_NONE};
static const enum bf_action hs_actions_rv[] = {BF_ACT_MOVE, BF_ACT_REVIEW, BF_ACT_NONE};
static const enum bf_action hs_actions_none[] = {BF_ACT_MOVE, BF_ACT_NONE};
#define HS_OPS(var, acts)                         \
	static const struct bf_screen_ops var = { \
	    .name = "history",                    \
	    .actions = acts,                      \
	    .draw = hs_draw,                      \
	    .action = hs_action,                  \
	    .input = hs_input,                    \
	    .on_close = hs_close,                 \
	}
HS_OPS(history_ops_all, hs_actions_all);
HS_OPS(history_ops_ck, hs_actions_ck);
HS_OPS(history_ops_rv, hs_actions_rv);
HS_OPS(history_ops_none, hs_actions_none);

bool workflow_screen_is(struct bf_screen *s, const char *name)
{
	return s && s->ops && s->ops->name && !strcmp(s->ops->name, name);
}

/* The history screen reloads whenever it is drawn after another screen
 * closed over it: the checklist or the review may have moved the file. */
static void hs_changed(void *ud)
{
	struct history_scr *hs = ud;
	hs_load(hs);
	if (hs->outer_change)
		hs->outer_change(hs->outer_ud);
}

int bf_history_open(struct bf_app *app, int64_t case_id, void (*on_change)(void *ud), void *ud)
{
	struct history_scr *hs = calloc(1, sizeof *hs);
	if (!hs || !(hs->wf = calloc(1, sizeof *hs->wf))) {
		free(hs);
		bf_app_msg(app, BF_MSG_ERROR, "%s", _("out of memory"));
		return -1;
	}
	if (wf_common_init(&hs->w, app, case_id, on_change, ud) != 0) {
		free(hs->wf);
		free(hs);
		return -1;
	}
	if (hs_load(hs) != 0) {
		hs_close(&hs->w.base);
		return -1;
	}
	bool ck = bf_store_can(hs->w.db, BF_PERM_CHECKLIST);
	bool rv = bf_store_can(hs->w.db, BF_PERM_REVIEW);
	hs->w.base.ops = ck && rv ? &history_ops_all
	                 : ck     ? &history_ops_ck
	                 : rv     ? &history_ops_rv
	                          : &history_ops_none;
	snprintf(hs->w.base.title, sizeof hs->w.base.title, _("History of file %s: %s"),
	         hs->w.number, hs->w.name);
	/* screens opened from here report to the history first */
	hs->w.on_change = hs_changed;
	hs->w.ud = hs;
	hs->outer_change = on_change;
	hs->outer_ud = ud;
	return bf_app_push(app, &hs->w.base);
}
