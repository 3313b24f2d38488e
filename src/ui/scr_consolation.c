/* scr_consolation.c — consolation events (慰问) on screen: the events of
 * this year, newest first (date, file, employee, event, member, amount,
 * status); n records one for a file (the event type and, for a relative,
 * the household member); an event the rules leave to the union is
 * recorded as pending and decided with e (approve or decline, with the
 * reason); p pays an approved one (signer, relation, phone). The store
 * (campaign_store.h) applies the rules; its refusals are shown as they
 * are. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/campaign_store.h"
#include "bangfu/money.h"
#include "bangfu/store.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_list.h"
#include "bangfu/ui_screens.h"

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
	bf_db *db;
	int year;
	struct bf_consolation_rec *r;
	size_t n;
	bool loaded;
};

static bf_date today_of(struct bf_app *app)
{
	return app->ctx->today ? app->ctx->today : bf_date_today();
}

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
	            _("n: record an event.  e: decide one left to the union.  p: payment."), A_DIM);
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
	bf_date_format(today_of(app), dbuf);
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
	bf_date_format(today_of(app), today);
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

static const enum bf_action events_actions[] = {BF_ACT_NEW, BF_ACT_CONS_DECIDE, BF_ACT_CAMP_PAY,
                                                BF_ACT_NONE};

static const struct bf_screen_ops events_ops = {
    .name = "consolation",
    .actions = events_actions,
    .draw = events_draw,
    .action = events_action,
    .input = events_input,
    .on_close = events_close,
};

int bf_consolation_open(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return -1;
	bf_db *db = &app->ctx->db;
	if (!bf_store_can(db, BF_PERM_CASE_VIEW)) {
		char msg[256];
		bf_perm_denied(db->role, BF_PERM_CASE_VIEW, msg, sizeof msg);
		bf_app_msg(app, BF_MSG_ERROR, "%s", msg);
		return -1;
	}
	struct events *u = calloc(1, sizeof *u);
	if (!u)
		return -1;
	u->base.ops = &events_ops;
	u->db = db;
	char today[BF_DATE_SZ];
	bf_date_format(today_of(app), today);
	u->year = atoi(today);
	bf_strlcpy(u->base.title, _("Consolation events"), sizeof u->base.title);
	struct bf_list_source src = {events_count, events_fetch, NULL, NULL, u};
	bf_list_init(&u->list, app, ev_cols, EC_COUNT, src);
	u->list.empty_text = N_("No consolation event this year; n records one.");
	return bf_app_push(app, &u->base);
}
