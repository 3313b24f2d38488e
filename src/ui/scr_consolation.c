/* scr_consolation.c — consolation events (慰问) on screen: the events of a
 * year (this one first; < and > or y for another), newest first (date,
 * file, employee, event, member, amount, status); n records one for a file
 * (the event type and, for a relative, the household member); an event the
 * rules leave to the union is recorded as pending and decided with e
 * (approve or decline, with the reason); p pays an approved one (signer,
 * relation, phone). a opens the standards (慰问标准) of the year shown:
 * one line per event with its cash and goods, Enter edits a line. The
 * store (campaign_store.h) applies the rules; its refusals are shown as
 * they are, and a standard it refused stays on screen as typed. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/campaign_store.h"
#include "bangfu/money.h"
#include "bangfu/store.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/listkit.h"
#include "bangfu/ui_screens.h"
#include "campaign_ui.h"

enum { EC_DATE, EC_FILE, EC_NAME, EC_EVENT, EC_MEMBER, EC_AMOUNT, EC_STATUS, EC_COUNT };

static const struct bf_list_col ev_cols[EC_COUNT] = {
    [EC_DATE] = {N_("Date"), 10, BF_COL_NOSORT},
    [EC_FILE] = {N_("File"), 9, BF_COL_NOSORT},
    [EC_NAME] = {N_("Name"), 6, BF_COL_NOSORT},
    [EC_EVENT] = {N_("Event"), 8, BF_COL_FLEX | BF_COL_NOSORT},
    [EC_MEMBER] = {N_("Member"), 6, BF_COL_NOSORT},
    [EC_AMOUNT] = {N_("Amount"), 8, BF_COL_NOSORT | BF_COL_RIGHT},
    [EC_STATUS] = {N_("Status"), 8, BF_COL_NOSORT},
};

struct events {
	struct bf_screen base;
	struct bf_list list;
	struct bf_list_col cols[EC_COUNT]; /* ev_cols, the File column as wide as the numbers */
	bf_db *db;
	int year;
	struct bf_consolation_rec *r;
	size_t n;
	bool loaded;
};

static int standards_open(struct bf_app *app, int year);

static void events_load(struct events *u)
{
	free(u->r);
	u->r = NULL;
	u->n = 0;
	bf_error err = {{0}};
	if (bf_consolation_list(u->db, u->year, NULL, &u->r, &u->n, &err) != 0)
		bf_app_msg(u->base.app, BF_MSG_ERROR, "%s", err.msg);
	u->loaded = true;
}

static size_t events_count(void *data)
{
	struct events *u = data;
	if (!u->loaded)
		events_load(u);
	return u->n;
}

static const char *ev_status(const struct bf_consolation_rec *r)
{
	if (r->paid_on[0])
		return _("paid");
	if (!strcmp(r->status, "pending"))
		return _("to decide");
	if (!strcmp(r->status, "declined"))
		return _("declined");
	return _("to pay");
}

static size_t events_fetch(void *data, size_t offset, size_t limit, struct bf_list_page *pg)
{
	struct events *u = data;
	if (!u->loaded)
		events_load(u);
	size_t got = 0;
	for (size_t i = offset; i < u->n && got < limit; i++, got++) {
		const struct bf_consolation_rec *r = &u->r[i];
		char amount[40];
		bf_money_format(r->cash + r->goods, amount, sizeof amount);
		bf_list_page_set(pg, got, EC_DATE, r->date);
		bf_list_page_set(pg, got, EC_FILE, r->case_number);
		bf_list_page_set(pg, got, EC_NAME, r->employee);
		bf_list_page_set(pg, got, EC_EVENT, bf_event_label(r->event));
		bf_list_page_set(pg, got, EC_MEMBER, r->member);
		bf_list_page_set(pg, got, EC_AMOUNT, amount);
		bf_list_page_set(pg, got, EC_STATUS, ev_status(r));
		bf_list_page_set_id(pg, got, r->id);
	}
	return got;
}

static void events_reload(struct events *u)
{
	u->loaded = false;
	bf_list_reload(&u->list);
}

static void events_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct events *u = (struct events *)s;
	if (r.h < 4)
		return;
	char line[256];
	size_t n = bf_list_count(&u->list);
	snprintf(line, sizeof line,
	         ngettext("%zu consolation event in %d", "%zu consolation events in %d",
	                  (unsigned long)n),
	         n, u->year);
	bf_draw_str(w, r.y, r.x + 1, r.w - 2, line, A_BOLD);
	bf_draw_str(w, r.y + 1, r.x + 1, r.w - 2,
	            _("n: record an event.  e: decide.  p: payment.  < >: year.  a: standards."),
	            A_DIM);
	bf_list_draw(&u->list, w, (struct bf_rect){r.y + 2, r.x, r.h - 2, r.w});
}

static void events_new(struct events *u)
{
	struct bf_app *app = u->base.app;
	char number[32] = "", member[BF_NAME_SZ] = "";
	if (!bf_dlg_prompt(app, _("Consolation event"), _("File number:"), number, sizeof number,
	                   20) ||
	    !number[0])
		return;
	const char *evs[BF_EV_COUNT];
	for (int i = 0; i < BF_EV_COUNT; i++)
		evs[i] = bf_event_label((enum bf_event)i);
	int e = bf_dlg_choose(app, _("Event"), evs, BF_EV_COUNT, 0);
	if (e < 0)
		return;
	if (bf_event_subject((enum bf_event)e) != BF_SUBJECT_EMPLOYEE &&
	    !bf_dlg_prompt(app, _("Consolation event"), _("Household member (name on the file):"),
	                   member, sizeof member, 20))
		return;
	char dbuf[BF_DATE_SZ];
	bf_date_format(bf_campaign_ui_today(app), dbuf);
	if (!bf_dlg_prompt(app, _("Consolation event"), _("Date of the event (YYYY-MM-DD):"), dbuf,
	                   sizeof dbuf, 10))
		return;
	bf_date date;
	if (!bf_date_parse(dbuf, &date)) {
		bf_app_msg(app, BF_MSG_ERROR, _("Not a date: %s"), dbuf);
		return;
	}
	bf_error err = {{0}};
	bf_fen manual = 0;
	if (e == BF_EV_DEATH) { /* the seed leaves the amount to the union */
		char abuf[32] = "";
		if (!bf_dlg_prompt(app, _("Consolation event"), _("Amount (yuan):"), abuf,
		                   sizeof abuf, 14))
			return;
		if (abuf[0] && !bf_money_parse(abuf, 0, &manual, &err)) {
			bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
			return;
		}
	}
	struct bf_consolation_result res;
	memset(&res, 0, sizeof res);
	int64_t id = 0;
	int rc = bf_consolation_record(u->db, number, (enum bf_event)e, member, -1, date, manual,
	                               false, 0, NULL, NULL, &id, &res, &err);
	if (rc != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", res.reason[0] ? res.reason : err.msg);
		return;
	}
	if (res.verdict == BF_CONS_DISCRETION)
		bf_app_msg(app, BF_MSG_WARN, _("Recorded, to decide (e): %s"), res.reason);
	else
		bf_app_msg(app, BF_MSG_INFO, "%s", _("Consolation event recorded."));
	int y, m, dd; /* show the event's year: the event is there */
	bf_date_to_ymd(date, &y, &m, &dd);
	u->year = y;
	events_reload(u);
}

static struct bf_consolation_rec *events_selected(struct events *u)
{
	size_t i;
	if (!bf_list_selected(&u->list, &i) || i >= u->n) {
		bf_app_msg(u->base.app, BF_MSG_INFO, "%s", _("No event; n records one."));
		return NULL;
	}
	return &u->r[i];
}

static void events_decide(struct events *u)
{
	struct bf_app *app = u->base.app;
	struct bf_consolation_rec *r = events_selected(u);
	if (!r)
		return;
	if (strcmp(r->status, "pending") != 0) {
		bf_app_msg(app, BF_MSG_INFO, "%s", _("This event needs no decision."));
		return;
	}
	if (r->discretion[0])
		bf_dlg_message(app, _("Left to the union"), r->discretion);
	const char *how[2] = {_("Approve"), _("Decline")};
	int k = bf_dlg_choose(app, _("Decision"), how, 2, 0);
	if (k < 0)
		return;
	char reason[256] = "";
	if (!bf_dlg_prompt(app, _("Decision"), _("Reason:"), reason, sizeof reason, 120))
		return;
	bf_error err = {{0}};
	if (bf_consolation_decide(u->db, r->id, k == 0, reason, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		return;
	}
	bf_app_msg(app, BF_MSG_INFO, "%s", k == 0 ? _("Approved.") : _("Declined."));
	events_reload(u);
}

static void events_pay(struct events *u)
{
	struct bf_app *app = u->base.app;
	struct bf_consolation_rec *r = events_selected(u);
	if (!r)
		return;
	char signer[BF_NAME_SZ], phone[BF_PHONE_SZ] = "", today[BF_DATE_SZ];
	bf_strlcpy(signer, r->employee, sizeof signer);
	if (!bf_dlg_prompt(app, _("Payment"), _("Who signed:"), signer, sizeof signer, 20))
		return;
	const char *rel[BF_REL_COUNT];
	for (int i = 0; i < BF_REL_COUNT; i++)
		rel[i] = bf_enum_label(BF_ENUM_RELATION, i);
	int ri = bf_dlg_choose(app, _("Relation of the signer"), rel, BF_REL_COUNT, BF_REL_SELF);
	if (ri < 0)
		return;
	if (!bf_dlg_prompt(app, _("Payment"), _("The signer's phone:"), phone, sizeof phone, 20))
		return;
	bf_date_format(bf_campaign_ui_today(app), today);
	struct bf_payment_in p = {.paid = true,
	                          .paid_on = today,
	                          .signer = signer,
	                          .relation = ri,
	                          .phone = phone,
	                          .amount = -1};
	bf_error err = {{0}};
	if (bf_consolation_pay(u->db, r->id, &p, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		return;
	}
	bf_app_msg(app, BF_MSG_INFO, _("%s: payment recorded."), r->case_number);
	events_reload(u);
}

static bool events_action(struct bf_screen *s, enum bf_action a)
{
	struct events *u = (struct events *)s;
	switch (a) {
	case BF_ACT_NEW:
		events_new(u);
		return true;
	case BF_ACT_CONS_DECIDE:
		events_decide(u);
		return true;
	case BF_ACT_CAMP_PAY:
		events_pay(u);
		return true;
	case BF_ACT_CONS_STANDARDS:
		standards_open(s->app, u->year);
		return true;
	case BF_ACT_YEAR_PREV:
	case BF_ACT_YEAR_NEXT:
	case BF_ACT_YEAR:
		if (bf_campaign_ui_year_action(s->app, a, &u->year))
			events_reload(u);
		return true;
	case BF_ACT_REDRAW:
		events_reload(u);
		return false;
	default:
		return false;
	}
}

static bool events_input(struct bf_screen *s, bf_key k)
{
	return bf_list_input(&((struct events *)s)->list, k);
}

static void events_close(struct bf_screen *s)
{
	struct events *u = (struct events *)s;
	bf_list_free(&u->list);
	free(u->r);
	free(u);
}

static const enum bf_action events_actions[] = {
    BF_ACT_NEW,       BF_ACT_CONS_DECIDE,    BF_ACT_CAMP_PAY, BF_ACT_YEAR_PREV,
    BF_ACT_YEAR_NEXT, BF_ACT_CONS_STANDARDS, BF_ACT_YEAR,     BF_ACT_NONE};

static const struct bf_screen_ops events_ops = {
    .name = "consolation",
    .actions = events_actions,
    .draw = events_draw,
    .action = events_action,
    .on_data_change = bf_screen_reread,
    .input = events_input,
    .on_close = events_close,
};

int bf_consolation_open(struct bf_app *app)
{
	if (!bf_campaign_ui_may_view(app))
		return -1;
	bf_db *db = &app->ctx->db;
	struct events *u = calloc(1, sizeof *u);
	if (!u)
		return -1;
	u->base.ops = &events_ops;
	u->db = db;
	u->year = bf_campaign_ui_year(app);
	bf_strlcpy(u->base.title, _("Consolation events"), sizeof u->base.title);
	struct bf_list_source src = {events_count, events_fetch, NULL, NULL, u};
	memcpy(u->cols, ev_cols, sizeof u->cols);
	u->cols[EC_FILE].width = bf_lk_number_width(u->db);
	bf_list_init(&u->list, app, u->cols, EC_COUNT, src);
	u->list.empty_text = N_("No consolation event in that year; n records one.");
	return bf_app_push(app, &u->base);
}

/* ---- the standards of a year (慰问标准) ----------------------------------------------- */

struct stds {
	struct bf_screen base;
	bf_db *db;
	int year;
	struct bf_consolation_standard s[BF_EV_COUNT];
	int from[BF_EV_COUNT];
	/* typed and refused by the store: shown and edited instead of s[] */
	struct bf_consolation_standard typed[BF_EV_COUNT];
	bool unsaved[BF_EV_COUNT];
	int sel;
};

static void stds_load(struct stds *u)
{
	bf_error err = {{0}};
	if (bf_consolation_standards(u->db, u->year, u->s, u->from, &err) != 0)
		bf_app_msg(u->base.app, BF_MSG_ERROR, "%s", err.msg);
}

static bool stds_any_unsaved(const struct stds *u)
{
	for (int e = 0; e < BF_EV_COUNT; e++)
		if (u->unsaved[e])
			return true;
	return false;
}

static void stds_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct stds *u = (struct stds *)s;
	if (r.h < 5)
		return;
	char line[256];
	snprintf(line, sizeof line, _("Consolation standards for %d"), u->year);
	bf_draw_str(w, r.y, r.x + 1, r.w - 2, line, A_BOLD);
	if (bf_store_can(u->db, BF_PERM_SETTINGS))
		snprintf(line, sizeof line,
		         _("Enter: edit the line (it applies from %d on).  < >: another year."),
		         u->year);
	else
		bf_strlcpy(
		    line,
		    _("Your role may look at these; changing them needs the settings permission."),
		    sizeof line);
	bf_draw_str(w, r.y + 1, r.x + 1, r.w - 2, line, A_DIM);
	/* columns: event (flex) | cash 10 | goods 10 | goods are 12 | from 10 */
	int wm = 10, wn = 12, wf = 10;
	int wl = r.w - 2 - 2 * wm - wn - wf - 4;
	if (wl < 12)
		wl = 12;
	int x = r.x + 1, y = r.y + 3;
	int xc = x + wl + 1, xg = xc + wm + 1, xn = xg + wm + 1, xf = xn + wn + 1;
	bf_draw_str(w, y, x, wl, _("Event"), A_UNDERLINE);
	bf_lk_draw_right(w, y, xc, wm, _("Cash"), A_UNDERLINE);
	bf_lk_draw_right(w, y, xg, wm, _("Goods"), A_UNDERLINE);
	bf_draw_str(w, y, xn, wn, _("Goods are"), A_UNDERLINE);
	bf_draw_str(w, y, xf, wf, _("From"), A_UNDERLINE);
	y++;
	for (int e = 0; e < BF_EV_COUNT && y < r.y + r.h; e++, y++) {
		const struct bf_consolation_standard *st = u->unsaved[e] ? &u->typed[e] : &u->s[e];
		attr_t a = e == u->sel ? bf_attr(BF_ATTR_FOCUS) : A_NORMAL;
		if (e == u->sel)
			bf_fill(w, y, x, r.w - 2, a);
		char b[40];
		bf_draw_str(w, y, x, wl, bf_event_label((enum bf_event)e), a);
		bf_lk_draw_right(w, y, xc, wm,
		                 st->manual ? _("by hand") : bf_money_format(st->cash, b, sizeof b),
		                 a);
		bf_lk_draw_right(w, y, xg, wm, bf_money_format(st->goods, b, sizeof b), a);
		bf_draw_str(w, y, xn, wn, st->goods_note[0] ? st->goods_note : "-", a);
		if (u->unsaved[e])
			bf_strlcpy(b, _("not saved"), sizeof b);
		else if (u->from[e])
			snprintf(b, sizeof b, "%d", u->from[e]);
		else
			bf_strlcpy(b, _("default"), sizeof b);
		bf_draw_str(w, y, xf, wf, b, u->unsaved[e] ? a | bf_attr(BF_ATTR_ERROR) : a);
	}
	if (y + 1 < r.y + r.h)
		bf_draw_str(w, y + 1, x, r.w - 2,
		            _("From: the year the standard was set in; default: the one bangfu "
		              "starts with."),
		            A_DIM);
}

/* Save line e as typed; a refusal keeps it on screen, marked not saved. */
static void stds_save(struct stds *u, int e)
{
	struct bf_app *app = u->base.app;
	struct bf_consolation_standard *t = &u->typed[e];
	t->year = u->year;
	t->event = (enum bf_event)e;
	bf_error err = {{0}};
	if (bf_consolation_standard_save(u->db, t, &err) != 0) {
		u->unsaved[e] = true;
		bf_app_msg(app, BF_MSG_ERROR, _("Not saved: %s"), err.msg);
		return;
	}
	u->unsaved[e] = false;
	stds_load(u);
	char c[40], g[40];
	bf_app_msg(app, BF_MSG_INFO, _("%s from %d on: cash %s, goods %s yuan."),
	           bf_event_label((enum bf_event)e), u->year,
	           t->manual ? _("by hand") : bf_money_format(t->cash, c, sizeof c),
	           bf_money_format(t->goods, g, sizeof g));
}

/* Enter: what to change on the selected line, then save it. */
static void stds_edit(struct stds *u)
{
	struct bf_app *app = u->base.app;
	int e = u->sel;
	if (!u->unsaved[e])
		u->typed[e] = u->s[e];
	struct bf_consolation_standard *t = &u->typed[e];
	const char *title = bf_event_label((enum bf_event)e);
	const char *items[5] = {_("Cash (yuan)"), _("Goods value (yuan)"), _("What the goods are"),
	                        t->manual ? _("Amount: entered by hand each time (change)")
	                                  : _("Amount: fixed (change)"),
	                        _("Save again as shown")};
	int k = bf_dlg_choose(app, title, items, u->unsaved[e] ? 5 : 4, 0);
	bool go = false;
	if (k == 0) {
		go = bf_campaign_ui_ask_yuan(app, title, _("Cash (yuan):"), &t->cash);
	} else if (k == 1) {
		go = bf_campaign_ui_ask_yuan(app, title, _("Goods value (yuan):"), &t->goods);
	} else if (k == 2) {
		char buf[sizeof t->goods_note];
		bf_strlcpy(buf, t->goods_note, sizeof buf);
		go = bf_dlg_prompt(app, title, _("What the goods are (blank: none):"), buf,
		                   sizeof buf, 20);
		if (go)
			bf_strlcpy(t->goods_note, buf, sizeof t->goods_note);
	} else if (k == 3) {
		const char *how[2] = {_("Fixed: the cash above"),
		                      _("Entered by hand each time (as the superior union rules)")};
		int m = bf_dlg_choose(app, _("Amount"), how, 2, t->manual ? 1 : 0);
		go = m >= 0;
		if (go)
			t->manual = m == 1;
	} else if (k == 4) {
		go = true;
	}
	if (go)
		stds_save(u, e);
}

static bool stds_action(struct bf_screen *s, enum bf_action a)
{
	struct stds *u = (struct stds *)s;
	switch (a) {
	case BF_ACT_EDIT:
		stds_edit(u);
		return true;
	case BF_ACT_YEAR_PREV:
	case BF_ACT_YEAR_NEXT:
	case BF_ACT_YEAR: {
		int y = u->year;
		if (!bf_campaign_ui_year_action(s->app, a, &y) || y == u->year)
			return true;
		if (stds_any_unsaved(u) &&
		    !bf_dlg_confirm(
		        s->app, _("Lines not saved will be dropped. Show another year?"), false))
			return true;
		memset(u->unsaved, 0, sizeof u->unsaved);
		u->year = y;
		stds_load(u);
		return true;
	}
	case BF_ACT_REDRAW:
		stds_load(u);
		return false;
	default:
		return false;
	}
}

static bool stds_input(struct bf_screen *s, bf_key k)
{
	struct stds *u = (struct stds *)s;
	if (k == BF_KC(KEY_UP))
		u->sel = u->sel > 0 ? u->sel - 1 : 0;
	else if (k == BF_KC(KEY_DOWN))
		u->sel = u->sel < BF_EV_COUNT - 1 ? u->sel + 1 : BF_EV_COUNT - 1;
	else if (k == BF_KC(KEY_HOME))
		u->sel = 0;
	else if (k == BF_KC(KEY_END))
		u->sel = BF_EV_COUNT - 1;
	else
		return false;
	return true;
}

static void stds_close(struct bf_screen *s)
{
	free(s);
}

static const enum bf_action stds_actions[] = {BF_ACT_EDIT, BF_ACT_YEAR_PREV, BF_ACT_YEAR_NEXT,
                                              BF_ACT_YEAR, BF_ACT_NONE};

static const struct bf_screen_ops stds_ops = {
    .name = "standards",
    .actions = stds_actions,
    .draw = stds_draw,
    .action = stds_action,
    .on_data_change = bf_screen_reread,
    .input = stds_input,
    .on_close = stds_close,
};

static int standards_open(struct bf_app *app, int year)
{
	struct stds *u = calloc(1, sizeof *u);
	if (!u)
		return -1;
	u->base.ops = &stds_ops;
	u->base.app = app;
	u->db = &app->ctx->db;
	u->year = year;
	bf_strlcpy(u->base.title, _("Consolation standards"), sizeof u->base.title);
	stds_load(u);
	return bf_app_push(app, &u->base);
}

int bf_standards_open(struct bf_app *app)
{
	if (!bf_campaign_ui_may_view(app))
		return -1;
	return standards_open(app, bf_campaign_ui_year(app));
}
