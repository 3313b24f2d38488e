/* scr_audit.c — the audit log for administrators (BF_PERM_AUDIT_VIEW).
 *
 * A bf_list over bf_audit_count/bf_audit_list: only the rows on screen are
 * fetched (by key: bf_audit_seek, never OFFSET), newest first. Details are shown
 * masked, an update's as "field: old → new" (bf_audit_detail_text), also in
 * the row's detail dialog (Enter). f sets a
 * filter (operator, table, file number, date range), Esc clears it; v
 * walks the hash chain (bf_audit_verify) and says where it is broken. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/date.h"
#include "bangfu/listkit.h"
#include "bangfu/store.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_list.h"
#include "bangfu/ui_screens.h"

/* The action and the table share a column ("update case_file"; a reveal is
 * "reveal"). The detail is too long for a column at 80: the selected row's
 * is shown (masked) under the table, and in full-size on Enter. */
enum { AC_ID, AC_AT, AC_ACTOR, AC_WHAT, AC_CASE, AC_DETAIL, AC_COUNT };
#define DETAIL_W 40

static const struct bf_list_col audit_cols[AC_COUNT] = {
    [AC_ID] = {N_("No."), 5, BF_COL_RIGHT | BF_COL_NOSORT},
    [AC_AT] = {N_("Time (UTC)"), 16, BF_COL_NOSORT},
    [AC_ACTOR] = {N_("Operator"), 8, BF_COL_NOSORT},
    [AC_WHAT] = {N_("Change"), 12, BF_COL_FLEX | BF_COL_NOSORT},
    [AC_CASE] = {N_("File"), 9, BF_COL_NOSORT},
    [AC_DETAIL] = {N_("Detail"), DETAIL_W, BF_COL_NOSORT},
};

#define DETAIL_ROWS 3

struct audit_scr {
	struct bf_screen base;
	struct bf_list list;
	/* audit_cols, the File column as wide as the longest case number */
	struct bf_list_col cols[AC_COUNT];
	bf_db *db;
	char actor[64], tbl[64], case_number[32], since[16], until[16];
	int64_t case_id;
	int64_t count;
	bool count_valid;
	/* the entries fetched last: rows win_off.. are ids win[0..win_n-1];
	 * the next page is found from them (keyset, never OFFSET) */
	int64_t win[256];
	size_t win_off, win_n;
	bool win_valid;
};

static void audit_filter(const struct audit_scr *a, struct bf_audit_filter *f)
{
	memset(f, 0, sizeof *f);
	f->actor = a->actor;
	f->tbl = a->tbl;
	f->case_id = a->case_id;
	f->since = a->since;
	f->until = a->until;
}

static bool filter_active(const struct audit_scr *a)
{
	return a->actor[0] || a->tbl[0] || a->case_id || a->since[0] || a->until[0];
}

static size_t audit_src_count(void *data)
{
	struct audit_scr *a = data;
	if (!a->count_valid) {
		struct bf_audit_filter f;
		audit_filter(a, &f);
		bf_error err = {{0}};
		a->count = bf_audit_count(a->db, &f, &err);
		if (a->count < 0) {
			bf_app_msg(a->base.app, BF_MSG_ERROR, _("Could not read the audit log: %s"),
			           err.msg);
			a->count = 0;
		}
		a->count_valid = true;
	}
	return (size_t)a->count;
}

struct fill {
	struct bf_list_page *pg;
	size_t got;
	struct audit_scr *a;
};

static int fill_row(void *ud, const struct bf_audit_row *r)
{
	struct fill *fl = ud;
	char buf[1024];
	snprintf(buf, sizeof buf, "%lld", (long long)r->id);
	bf_list_page_set(fl->pg, fl->got, AC_ID, buf);
	/* 2026-11-28T09:15:02Z -> 2026-11-28 09:15 */
	bf_strlcpy(buf, r->at, sizeof buf);
	if (strlen(buf) >= 16) {
		buf[10] = ' ';
		buf[16] = '\0';
	}
	bf_list_page_set(fl->pg, fl->got, AC_AT, buf);
	bf_list_page_set(fl->pg, fl->got, AC_ACTOR, r->actor);
	if (!strcmp(r->tbl, "reveal_event"))
		bf_strlcpy(buf, "reveal", sizeof buf);
	else
		snprintf(buf, sizeof buf, "%s %s", r->action, r->tbl);
	bf_list_page_set(fl->pg, fl->got, AC_WHAT, buf);
	bf_list_page_set(fl->pg, fl->got, AC_CASE, r->case_number);
	bf_audit_detail_text(r->detail, buf, sizeof buf);
	bf_list_page_set(fl->pg, fl->got, AC_DETAIL, buf);
	bf_list_page_set_id(fl->pg, fl->got, r->id);
	if (fl->got < BF_ARRAY_LEN(fl->a->win))
		fl->a->win[fl->got] = r->id;
	fl->got++;
	return 0;
}

static size_t audit_src_fetch(void *data, size_t offset, size_t limit, struct bf_list_page *pg)
{
	struct audit_scr *a = data;
	struct bf_audit_filter f;
	audit_filter(a, &f);
	f.limit = (int64_t)limit;
	struct fill fl = {pg, 0, a};
	bf_error err = {{0}};
	/* the first entry of the page, found from the entries on screen: the
	 * one after the window (Down, PgDn), before it (Up, PgUp), from the
	 * end (End), or a seek that steps over the ids between */
	int64_t count = (int64_t)audit_src_count(a), anchor = 0, steps;
	size_t end = a->win_off + a->win_n;
	bool valid = a->win_valid && a->win_n > 0;
	if (offset == 0)
		anchor = 0, steps = 0;
	else if (valid && offset >= a->win_off && offset < end)
		anchor = a->win[offset - a->win_off], steps = 0;
	else if ((int64_t)offset < count && (int64_t)offset + (int64_t)limit >= count)
		anchor = 0, steps = (int64_t)offset - count;
	else if (valid && offset >= end)
		anchor = a->win[a->win_n - 1], steps = (int64_t)(offset - end + 1);
	else if (valid)
		anchor = a->win[0], steps = -(int64_t)(a->win_off - offset);
	else
		anchor = 0, steps = (int64_t)offset + 1;
	int rc = bf_audit_seek(a->db, &f, anchor, steps, &f.from_id, &err);
	if (rc == 0 && (offset == 0 || f.from_id))
		rc = bf_audit_list(a->db, &f, fill_row, &fl, &err);
	if (rc != 0)
		bf_app_msg(a->base.app, BF_MSG_ERROR, _("Could not read the audit log: %s"),
		           err.msg);
	a->win_valid = rc == 0 && fl.got <= BF_ARRAY_LEN(a->win);
	a->win_off = offset;
	a->win_n = fl.got;
	return fl.got;
}

static void audit_reload(struct audit_scr *a)
{
	a->count_valid = false;
	a->win_valid = false;
	bf_list_reload(&a->list);
	a->list.sel = a->list.top = 0;
}

/* ---- filter ------------------------------------------------------------------------- */

static bool valid_day(const char *s)
{
	bf_date d;
	return bf_date_parse(s, &d);
}

static void choose_filter(struct audit_scr *a)
{
	struct bf_app *app = a->base.app;
	char items_buf[6][160];
	const char *items[6];
	snprintf(items_buf[0], sizeof items_buf[0], "%s: %s", _("Operator"),
	         a->actor[0] ? a->actor : _("any"));
	snprintf(items_buf[1], sizeof items_buf[1], "%s: %s", _("Table"),
	         a->tbl[0] ? a->tbl : _("any"));
	snprintf(items_buf[2], sizeof items_buf[2], "%s: %s", _("File number"),
	         a->case_number[0] ? a->case_number : _("any"));
	snprintf(items_buf[3], sizeof items_buf[3], "%s: %s", _("From (YYYY-MM-DD)"),
	         a->since[0] ? a->since : _("any"));
	snprintf(items_buf[4], sizeof items_buf[4], "%s: %s", _("Until (YYYY-MM-DD)"),
	         a->until[0] ? a->until : _("any"));
	bf_strlcpy(items_buf[5], _("Show all rows"), sizeof items_buf[5]);
	for (int i = 0; i < 6; i++)
		items[i] = items_buf[i];
	int c = bf_dlg_choose(app, _("Show only the rows with"), items, 6, 0);
	if (c < 0)
		return;
	char buf[64];
	switch (c) {
	case 0:
		bf_strlcpy(buf, a->actor, sizeof buf);
		if (!bf_dlg_prompt(app, _("Operator"), _("Login name (empty: any)"), buf,
		                   sizeof buf, 32))
			return;
		bf_trim(buf);
		bf_strlcpy(a->actor, buf, sizeof a->actor);
		break;
	case 1:
		bf_strlcpy(buf, a->tbl, sizeof buf);
		if (!bf_dlg_prompt(app, _("Table"),
		                   _("Table, e.g. case_file, member, operator, reveal_event"), buf,
		                   sizeof buf, 40))
			return;
		bf_trim(buf);
		bf_strlcpy(a->tbl, buf, sizeof a->tbl);
		break;
	case 2: {
		bf_strlcpy(buf, a->case_number, sizeof buf);
		if (!bf_dlg_prompt(app, _("File number"), _("File number (empty: any)"), buf,
		                   sizeof buf, 30))
			return;
		bf_trim(buf);
		if (!buf[0]) {
			a->case_number[0] = '\0';
			a->case_id = 0;
			break;
		}
		int64_t id = 0;
		bf_error err = {{0}};
		int rc = bf_case_lookup(a->db, buf, &id, &err);
		if (rc != 0) {
			if (rc > 0)
				bf_app_msg(app, BF_MSG_ERROR, _("There is no file %s."), buf);
			else
				bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
			return;
		}
		bf_strlcpy(a->case_number, buf, sizeof a->case_number);
		a->case_id = id;
		break;
	}
	case 3:
	case 4: {
		char *dst = c == 3 ? a->since : a->until;
		bf_strlcpy(buf, dst, sizeof buf);
		if (!bf_dlg_prompt(app, c == 3 ? _("From date") : _("Until date"),
		                   _("Date YYYY-MM-DD (empty: any)"), buf, sizeof buf, 10))
			return;
		bf_trim(buf);
		if (buf[0] && !valid_day(buf)) {
			bf_app_msg(app, BF_MSG_ERROR, _("\"%s\" is not a date (YYYY-MM-DD)."), buf);
			return;
		}
		if (buf[0]) {
			bf_date d;
			bf_date_parse(buf, &d);
			bf_date_format(d, buf);
		}
		bf_strlcpy(dst, buf, 16);
		break;
	}
	default:
		a->actor[0] = a->tbl[0] = a->case_number[0] = a->since[0] = a->until[0] = '\0';
		a->case_id = 0;
		break;
	}
	audit_reload(a);
}

/* ---- verify ------------------------------------------------------------------------- */

static void verify(struct audit_scr *a)
{
	struct bf_app *app = a->base.app;
	struct bf_audit_report rep;
	bf_error err = {{0}};
	int rc = bf_audit_verify(a->db, NULL, &rep, &err);
	if (rc < 0) {
		bf_app_msg(app, BF_MSG_ERROR, _("Could not check the audit log: %s"), err.msg);
		return;
	}
	char text[2048];
	if (rc == 0) {
		snprintf(text, sizeof text,
		         ngettext("The audit log is intact: %lld row checked, none changed.",
		                  "The audit log is intact: %lld rows checked, none changed.",
		                  (unsigned long)rep.rows),
		         (long long)rep.rows);
		bf_app_msg(app, BF_MSG_INFO, "%s", text);
		bf_dlg_message(app, _("Audit log check"), text);
		return;
	}
	snprintf(text, sizeof text,
	         ngettext("The audit log was tampered with: %lld problem found.",
	                  "The audit log was tampered with: %lld problems found.",
	                  (unsigned long)rep.problems),
	         (long long)rep.problems);
	size_t len = strlen(text);
	for (int i = 0; i < rep.nbreaks && i < 6 && len + 2 < sizeof text; i++) {
		char line[256];
		bf_audit_break_text(&rep.breaks[i], line, sizeof line);
		snprintf(text + len, sizeof text - len, "\n%s", line);
		len = strlen(text);
	}
	bf_app_msg(app, BF_MSG_ERROR, "%s",
	           _("The audit log was tampered with; see the check's report."));
	bf_dlg_message(app, _("Audit log check"), text);
}

/* ---- the screen ----------------------------------------------------------------------- */

static void show_row(struct audit_scr *a)
{
	size_t i;
	if (!bf_list_selected(&a->list, &i))
		return;
	char text[1400];
	const char *id = bf_list_cell(&a->list, i, AC_ID);
	const char *at = bf_list_cell(&a->list, i, AC_AT);
	const char *who = bf_list_cell(&a->list, i, AC_ACTOR);
	const char *what = bf_list_cell(&a->list, i, AC_WHAT);
	const char *cs = bf_list_cell(&a->list, i, AC_CASE);
	const char *det = bf_list_cell(&a->list, i, AC_DETAIL);
	if (!id)
		return;
	snprintf(text, sizeof text, "%s %s  %s\n%s  %s %s\n%s", id, at ? at : "", who ? who : "",
	         what ? what : "", cs && cs[0] ? _("file") : "", cs ? cs : "", det ? det : "");
	bf_dlg_message(a->base.app, _("Audit log row"), text);
}

static void audit_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct audit_scr *a = (struct audit_scr *)s;
	if (r.h < 4)
		return;
	char line[512];
	size_t n = bf_list_count(&a->list);
	snprintf(line, sizeof line, ngettext("%zu row", "%zu rows", (unsigned long)n), n);
	if (n) {
		char pos[64];
		snprintf(pos, sizeof pos, "%zu/%zu", a->list.sel + 1, n);
		int pw = bf_str_width(pos);
		bf_draw_str(w, r.y, r.x + r.w - 1 - pw, pw, pos, A_NORMAL);
	}
	int x = r.x + 1;
	x += bf_draw_str(w, r.y, x, r.w - 2, line, A_BOLD);
	if (filter_active(a)) {
		char part[384];
		snprintf(part, sizeof part, "   %s%s%s%s%s%s%s%s%s%s%s",
		         a->actor[0] ? _("operator ") : "", a->actor, a->actor[0] ? "  " : "",
		         a->tbl[0] ? _("table ") : "", a->tbl, a->tbl[0] ? "  " : "",
		         a->case_number[0] ? _("file ") : "", a->case_number,
		         a->case_number[0] ? "  " : "", a->since[0] || a->until[0] ? a->since : "",
		         a->since[0] || a->until[0] ? "~" : "");
		x += bf_draw_str(w, r.y, x, r.x + r.w - 12 - x, part, A_NORMAL);
		bf_draw_str(w, r.y, x, r.x + r.w - 12 - x, a->until, A_NORMAL);
	}
	/* the table without the detail column, then the selected row's detail */
	int list_h = r.h - 1 - DETAIL_ROWS;
	struct bf_rect lr = {r.y + 1, r.x, list_h, r.w};
	/* bf_list draws the detail column last and the position at the right:
	 * into a pad wider by both, of which the table part is copied (the
	 * position is in the header line) */
	char pos[64];
	snprintf(pos, sizeof pos, "%zu/%zu", n ? a->list.sel + 1 : 0, n);
	int extra = DETAIL_W + 2 + bf_str_width(pos) + 2;
	WINDOW *pad = newpad(lr.y + lr.h, lr.x + lr.w + extra);
	if (pad) {
		bf_list_draw(&a->list, pad, (struct bf_rect){lr.y, lr.x, lr.h, lr.w + extra});
		copywin(pad, w, lr.y, lr.x, lr.y, lr.x, lr.y + lr.h - 1, lr.x + lr.w - 1, FALSE);
		delwin(pad);
	} else {
		bf_list_draw(&a->list, w, lr);
	}
	size_t sel;
	const char *det = NULL;
	if (bf_list_selected(&a->list, &sel))
		det = bf_list_cell(&a->list, sel, AC_DETAIL);
	if (det && det[0]) {
		int y = r.y + 1 + list_h;
		wchar_t buf[1024];
		size_t n = bf_utf8_decode(det, buf, BF_ARRAY_LEN(buf));
		int lw = bf_draw_str(w, y, r.x + 1, r.w - 2, _("Detail:"), A_BOLD) + 1;
		for (size_t i = 0; i < n && y < r.y + r.h; y++) {
			size_t len = bf_wrap_len(buf + i, n - i, r.w - 2 - lw);
			bf_draw_wcs(w, y, r.x + 1 + lw, r.w - 2 - lw, buf + i, len, A_NORMAL);
			i += len;
		}
	}
}

static bool audit_action(struct bf_screen *s, enum bf_action act)
{
	struct audit_scr *a = (struct audit_scr *)s;
	switch (act) {
	case BF_ACT_EDIT:
		show_row(a);
		return true;
	case BF_ACT_FILTER:
		choose_filter(a);
		return true;
	case BF_ACT_VERIFY:
		verify(a);
		return true;
	case BF_ACT_REDRAW:
		audit_reload(a);
		return false;
	case BF_ACT_BACK:
		if (filter_active(a)) {
			a->actor[0] = a->tbl[0] = a->case_number[0] = a->since[0] = a->until[0] =
			    '\0';
			a->case_id = 0;
			audit_reload(a);
			bf_app_msg(s->app, BF_MSG_INFO, "%s", _("Showing all rows."));
			return true;
		}
		return false;
	default:
		return false;
	}
}

static bool audit_input(struct bf_screen *s, bf_key k)
{
	return bf_list_input(&((struct audit_scr *)s)->list, k);
}

static void audit_close(struct bf_screen *s)
{
	struct audit_scr *a = (struct audit_scr *)s;
	bf_list_free(&a->list);
	free(a);
}

static const enum bf_action audit_actions[] = {BF_ACT_EDIT, BF_ACT_FILTER, BF_ACT_VERIFY,
                                               BF_ACT_NONE};

static const struct bf_screen_ops audit_ops = {
    .name = "audit",
    .actions = audit_actions,
    .draw = audit_draw,
    .action = audit_action,
    .input = audit_input,
    .on_close = audit_close,
};

int bf_audit_open(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return -1;
	bf_db *db = &app->ctx->db;
	if (!bf_store_can(db, BF_PERM_AUDIT_VIEW)) {
		char msg[256];
		bf_perm_denied(db->role, BF_PERM_AUDIT_VIEW, msg, sizeof msg);
		bf_app_msg(app, BF_MSG_ERROR, "%s", msg);
		return -1;
	}
	struct audit_scr *a = calloc(1, sizeof *a);
	if (!a)
		return -1;
	a->base.ops = &audit_ops;
	a->db = db;
	bf_strlcpy(a->base.title, _("Audit log"), sizeof a->base.title);
	struct bf_list_source src = {audit_src_count, audit_src_fetch, NULL, NULL, a};
	memcpy(a->cols, audit_cols, sizeof a->cols);
	a->cols[AC_CASE].width = bf_lk_number_width(a->db);
	bf_list_init(&a->list, app, a->cols, AC_COUNT, src);
	a->list.empty_text = N_("No row matches; Esc clears the filter.");
	return bf_app_push(app, &a->base);
}
