/* scr_campaign.c — Spring Festival campaigns (送温暖) on screen: the list of
 * campaigns (name, year, period, status, households listed and paid, the
 * budget), a new campaign through prompts (n), and a campaign's detail:
 * its groups with their standards and the budget per line and in total,
 * recomputed (bf_budget_from_plan + bf_budget_sum) each time a group is
 * edited. On the detail: Enter edits the selected line (planned people,
 * cash, goods, basis, the group's label and whether it requires an
 * approved file), n adds a group, d removes one. The ledger (资金台账, g):
 * a year's payments or one campaign's, totalled by group, month or unit
 * (Tab), exported as XLSX (x); for a campaign, its reconciliation with the
 * budget, each group that does not reconcile marked. The store
 * (campaign_store.h) says yes or no; its refusals are shown as they are. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/audit.h"
#include "bangfu/clock.h"
#include "bangfu/accounts.h"
#include "bangfu/campaign_export.h"
#include "bangfu/campaign_store.h"
#include "bangfu/code.h"
#include "bangfu/ident.h"
#include "bangfu/pdf.h"
#include "bangfu/money.h"
#include "bangfu/store.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_list.h"
#include "bangfu/ui_progress.h"
#include "bangfu/listkit.h"
#include "bangfu/ui_screens.h"
#include "campaign_ui.h"

/* Bumped by every change made on these screens: the campaign list reads
 * its rows again when it is drawn next (paid counts change on the list of
 * recipients, opened on top of it). */

bf_date bf_campaign_ui_today(struct bf_app *app)
{
	return app->ctx->today ? app->ctx->today : bf_clock_today();
}

int bf_campaign_ui_year(struct bf_app *app)
{
	int y, m, d;
	bf_date_to_ymd(bf_campaign_ui_today(app), &y, &m, &d);
	return y;
}

bool bf_campaign_ui_year_action(struct bf_app *app, enum bf_action a, int *year)
{
	if (a == BF_ACT_YEAR_PREV && *year > 1900) {
		(*year)--;
		return true;
	}
	if (a == BF_ACT_YEAR_NEXT && *year < 2199) {
		(*year)++;
		return true;
	}
	if (a != BF_ACT_YEAR)
		return false;
	char buf[16];
	snprintf(buf, sizeof buf, "%d", *year);
	if (!bf_dlg_prompt(app, _("Year"), _("Year to show:"), buf, sizeof buf, 4))
		return false;
	char *end;
	long y = strtol(buf, &end, 10);
	if (end == buf || *end || y < 1900 || y > 2199) {
		bf_app_msg(app, BF_MSG_ERROR, _("Not a year from 1900 to 2199: %s"), buf);
		return false;
	}
	*year = (int)y;
	return true;
}

bool bf_campaign_ui_ask_yuan(struct bf_app *app, const char *title, const char *label, bf_fen *v)
{
	char buf[32];
	bf_money_format_plain(*v, buf, sizeof buf);
	for (;;) {
		if (!bf_dlg_prompt(app, title, label, buf, sizeof buf, 14))
			return false;
		bf_error err = {{0}};
		bf_fen f;
		if (bf_money_parse(buf, 0, &f, &err)) {
			*v = f;
			return true;
		}
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
	}
}

bool bf_campaign_ui_may_view(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return false;
	bf_db *db = &app->ctx->db;
	if (bf_store_can(db, BF_PERM_CASE_VIEW))
		return true;
	char msg[256];
	bf_perm_denied(db->role, BF_PERM_CASE_VIEW, msg, sizeof msg);
	bf_app_msg(app, BF_MSG_ERROR, "%s", msg);
	return false;
}

/* campaign_id: 0 every payment of `year`, -1 its consolation events, else
 * one campaign's payments (name: its name). */
static int ledger_open(struct bf_app *app, int year, int64_t campaign_id, const char *name);

static const char *status_label(const char *st)
{
	if (!strcmp(st, "planning"))
		return _("planning");
	if (!strcmp(st, "drawn"))
		return _("drawn");
	if (!strcmp(st, "closed"))
		return _("closed");
	return st;
}

/* ---- the list of campaigns ----------------------------------------------------------- */

enum { CC_NAME, CC_YEAR, CC_PERIOD, CC_STATUS, CC_PAID, CC_BUDGET, CC_COUNT };

static const struct bf_list_col camp_cols[CC_COUNT] = {
    [CC_NAME] = {N_("Campaign name"), 8, BF_COL_FLEX | BF_COL_NOSORT},
    [CC_YEAR] = {N_("Year"), 4, BF_COL_NOSORT},
    [CC_PERIOD] = {N_("Period"), 11, BF_COL_NOSORT},
    [CC_STATUS] = {N_("Status"), 10, BF_COL_NOSORT},
    /* households paid / on the list */
    [CC_PAID] = {N_("Paid/list"), 7, BF_COL_NOSORT | BF_COL_RIGHT},
    [CC_BUDGET] = {N_("Budget"), 10, BF_COL_NOSORT | BF_COL_RIGHT},
};

struct camps {
	struct bf_lk_screen lk; /* rows: struct bf_campaign_row */
	bf_db *db;
};

static int camps_load(struct bf_lk_screen *s, void **rows, size_t *n, bf_error *err)
{
	return bf_campaign_list(((struct camps *)s)->db, (struct bf_campaign_row **)rows, n, err);
}

static void camps_row(struct bf_lk_screen *s, size_t i, struct bf_list_page *pg, size_t got)
{
	const struct bf_campaign_row *r = (const struct bf_campaign_row *)s->rows + i;
	char year[16], period[32], paid[48], budget[40];
	snprintf(year, sizeof year, "%d", r->year);
	/* MM-DD–MM-DD: the year has its own column */
	snprintf(period, sizeof period, "%.5s–%.5s",
	         strlen(r->start_date) >= 10 ? r->start_date + 5 : r->start_date,
	         strlen(r->end_date) >= 10 ? r->end_date + 5 : r->end_date);
	snprintf(paid, sizeof paid, "%lld/%lld", (long long)r->paid, (long long)r->listed);
	bf_money_format(r->budget, budget, sizeof budget);
	bf_list_page_set(pg, got, CC_NAME, r->name);
	bf_list_page_set(pg, got, CC_YEAR, year);
	bf_list_page_set(pg, got, CC_PERIOD, period);
	bf_list_page_set(pg, got, CC_STATUS, status_label(r->status));
	bf_list_page_set(pg, got, CC_PAID, paid);
	bf_list_page_set(pg, got, CC_BUDGET, budget);
	bf_list_page_set_id(pg, got, r->id);
}

static int camp_detail_open(struct bf_app *app, int64_t id, struct camps *parent);

static void camps_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct camps *u = (struct camps *)s;
	if (r.h < 4)
		return;
	bf_lk_screen_fresh(&u->lk);
	char line[256];
	size_t n = bf_list_count(&u->lk.list);
	snprintf(line, sizeof line, ngettext("%zu campaign", "%zu campaigns", (unsigned long)n), n);
	bf_list_draw(&u->lk.list, w,
	             bf_lk_head(w, r, line,
	                        _("Enter: the campaign's groups and budget.  n: a new campaign.  "
	                          "g: ledger.")));
}

/* n: name, year, first and last day, by unit or community. */
static void camp_new(struct camps *u)
{
	struct bf_app *app = u->lk.base.app;
	struct bf_campaign *c = calloc(1, sizeof *c);
	if (!c)
		return;
	char today[BF_DATE_SZ];
	bf_date_format(bf_campaign_ui_today(app), today);
	int year = atoi(today);
	bf_campaign_init(c, year);
	char buf[BF_TEXT_SZ] = "";
	char ybuf[16];
	snprintf(ybuf, sizeof ybuf, "%d", year);
	if (!bf_dlg_prompt(app, _("New campaign"), _("Name:"), buf, sizeof buf, 60) || !buf[0])
		goto out;
	bf_strlcpy(c->name, buf, sizeof c->name);
	if (!bf_dlg_prompt(app, _("New campaign"), _("Year:"), ybuf, sizeof ybuf, 4))
		goto out;
	c->year = atoi(ybuf);
	bf_strlcpy(c->start_date, today, sizeof c->start_date);
	if (!bf_dlg_prompt(app, _("New campaign"), _("First day (YYYY-MM-DD):"), c->start_date,
	                   sizeof c->start_date, 10))
		goto out;
	bf_strlcpy(c->end_date, c->start_date, sizeof c->end_date);
	if (!bf_dlg_prompt(app, _("New campaign"), _("Last day (YYYY-MM-DD):"), c->end_date,
	                   sizeof c->end_date, 10))
		goto out;
	const char *by[2] = {_("By unit"), _("By community")};
	int k = bf_dlg_choose(app, _("Sign-off sheets grouped"), by, 2, 0);
	if (k < 0)
		goto out;
	bf_strlcpy(c->place_by, k ? "community" : "unit", sizeof c->place_by);
	bf_error err = {{0}};
	if (bf_campaign_save(u->db, c, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		goto out;
	}
	bf_app_msg(app, BF_MSG_INFO, _("Campaign %lld saved: add its groups."), (long long)c->id);
	bf_lk_screen_reload(&u->lk);
	camp_detail_open(app, c->id, u);
out:
	free(c);
}

static bool camps_action(struct bf_screen *s, enum bf_action a)
{
	struct camps *u = (struct camps *)s;
	int64_t id;
	switch (a) {
	case BF_ACT_EDIT:
		if (bf_list_selected_id(&u->lk.list, &id))
			camp_detail_open(s->app, id, u);
		else
			bf_app_msg(s->app, BF_MSG_INFO, "%s", _("No campaign; n starts one."));
		return true;
	case BF_ACT_NEW:
		camp_new(u);
		return true;
	case BF_ACT_CAMP_LEDGER:
		ledger_open(s->app, bf_campaign_ui_year(s->app), 0, NULL);
		return true;
	case BF_ACT_REDRAW:
		bf_lk_screen_reload(&u->lk);
		return false;
	default:
		return false;
	}
}

static const enum bf_action camps_actions[] = {BF_ACT_EDIT, BF_ACT_NEW, BF_ACT_CAMP_LEDGER,
                                               BF_ACT_NONE};

static const struct bf_screen_ops camps_ops = {
    .name = "campaigns",
    .actions = camps_actions,
    .draw = camps_draw,
    .action = camps_action,
    .on_data_change = bf_screen_reread,
    .input = bf_lk_screen_input,
    .on_close = bf_lk_screen_close,
};

int bf_campaign_open(struct bf_app *app)
{
	if (!bf_campaign_ui_may_view(app))
		return -1;
	bf_db *db = &app->ctx->db;
	struct camps *u = calloc(1, sizeof *u);
	if (!u)
		return -1;
	u->lk.base.ops = &camps_ops;
	u->db = db;
	bf_strlcpy(u->lk.base.title, _("Campaigns"), sizeof u->lk.base.title);
	u->lk.load = camps_load;
	u->lk.load_error = N_("Could not read the campaigns: %s");
	u->lk.row = camps_row;
	bf_lk_screen_init(&u->lk, app, camp_cols, CC_COUNT, N_("No campaign yet."));
	return bf_app_push(app, &u->lk.base);
}

static int recipients_open(struct bf_app *app, int64_t campaign_id, const char *title);
static int spotcheck_open(struct bf_app *app, int64_t campaign_id, const char *title);

/* ---- a campaign: its groups and the live budget --------------------------------------- */

#define MAX_LINES (BF_MAX_GROUPS * BF_TIERS)

struct detail {
	struct bf_screen base;
	struct camps *parent;
	bf_db *db;
	struct bf_campaign c;
	struct bf_budget_line lines[MAX_LINES];
	size_t nlines;
	struct bf_budget_totals tot;
	struct bf_budget_totals drawn; /* of the people on the drawn list */
	bool has_drawn;
	int sel, top;
};

static void detail_budget(struct detail *d)
{
	d->nlines = bf_budget_from_plan(d->c.groups, d->c.ngroups, d->lines, MAX_LINES);
	bf_error err = {{0}};
	memset(&d->tot, 0, sizeof d->tot);
	if (bf_budget_sum(d->lines, d->nlines, &d->tot, &err) != 0)
		bf_app_msg(d->base.app, BF_MSG_ERROR, "%s", err.msg);
	if (d->sel >= (int)d->nlines)
		d->sel = d->nlines ? (int)d->nlines - 1 : 0;
}

static int detail_load(struct detail *d)
{
	bf_error err = {{0}};
	if (bf_campaign_load(d->db, d->c.id, &d->c, &err) != 0) {
		bf_app_msg(d->base.app, BF_MSG_ERROR, "%s", err.msg);
		return -1;
	}
	detail_budget(d);
	d->has_drawn = false;
	if (strcmp(d->c.status, "planning") != 0) {
		struct bf_budget_line lines[MAX_LINES];
		size_t n = 0;
		bool from_plan = true;
		if (bf_campaign_budget(d->db, d->c.id, lines, MAX_LINES, &n, &d->drawn, &from_plan,
		                       &err) == 0 &&
		    !from_plan)
			d->has_drawn = true;
	}
	return 0;
}

/* Save the edited campaign; on a refusal reload what is stored. */
static void detail_save(struct detail *d)
{
	bf_error err = {{0}};
	if (bf_campaign_save(d->db, &d->c, &err) != 0) {
		bf_app_msg(d->base.app, BF_MSG_ERROR, "%s", err.msg);
		detail_load(d);
		return;
	}
	detail_load(d);
	if (d->parent)
		bf_lk_screen_reload(&d->parent->lk);
}

static void detail_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct detail *d = (struct detail *)s;
	if (r.h < 6)
		return;
	const struct bf_campaign *c = &d->c;
	char line[512];
	snprintf(line, sizeof line, "%s  %d  %s – %s  %s", c->name, c->year, c->start_date,
	         c->end_date, status_label(c->status));
	bf_draw_str(w, r.y, r.x + 1, r.w - 2, line, A_BOLD);
	bf_draw_str(
	    w, r.y + 1, r.x + 1, r.w - 2,
	    _("Enter: edit  n: new group  u: the union's standard groups  h: placed by hand  "
	      "d: remove  w: draw  l: list  x: export  k: spot check"),
	    A_DIM);
	if (d->has_drawn) {
		char money[40], count[96];
		bf_count_text(d->drawn.people, d->drawn.households, count, sizeof count);
		snprintf(line, sizeof line, _("On the drawn list: %s, %s yuan (the plan below)."),
		         count, bf_money_format(d->drawn.total, money, sizeof money));
		bf_draw_str(w, r.y + 2, r.x + 1, r.w - 2, line, A_NORMAL);
	}
	/* columns: label (flex) | file required 4 | people or households 7 | cash
	 * 10 | goods 10 | subtotal 12 */
	int wf = 4, wp = 7, wm = 10, ws = 12;
	int wl = r.w - 2 - wf - wp - 2 * wm - ws - 5;
	if (wl < 10)
		wl = 10;
	int x = r.x + 1, y = r.y + 3;
	int xf = x + wl + 1, xp = xf + wf + 1, xc = xp + wp + 1, xg = xc + wm + 1, xs = xg + wm + 1;
	bf_draw_str(w, y, x, wl, _("Group"), A_UNDERLINE);
	/* the group aids only households with an approved file */
	bf_draw_str(w, y, xf, wf, _("File"), A_UNDERLINE);
	/* TRANSLATORS: the column of people or households of a budget line (7 wide) */
	bf_lk_draw_right(w, y, xp, wp, _("Ppl/hh"), A_UNDERLINE);
	bf_lk_draw_right(w, y, xc, wm, _("Cash"), A_UNDERLINE);
	bf_lk_draw_right(w, y, xg, wm, _("Goods"), A_UNDERLINE);
	bf_lk_draw_right(w, y, xs, ws, _("Subtotal"), A_UNDERLINE);
	y++;
	int rows = r.y + r.h - y - 2;
	if (rows < 1)
		rows = 1;
	if (d->sel < d->top)
		d->top = d->sel;
	if (d->sel >= d->top + rows)
		d->top = d->sel - rows + 1;
	if (!d->nlines)
		bf_draw_str(w, y, x, r.w - 2, _("No group yet; n adds one."), A_DIM);
	char b[48];
	for (int i = d->top; i < (int)d->nlines && y < r.y + r.h - 2; i++, y++) {
		const struct bf_budget_line *l = &d->lines[i];
		attr_t a = i == d->sel ? bf_attr(BF_ATTR_FOCUS) : A_NORMAL;
		if (i == d->sel)
			bf_fill(w, y, x, r.w - 2, a);
		bf_draw_str(w, y, x, wl, l->label, a);
		if (l->group >= 0 && (size_t)l->group < d->c.ngroups)
			bf_draw_str(w, y, xf, wf,
			            d->c.groups[l->group].requires_file ? _("yes") : _("no"), a);
		/* TRANSLATORS: short, in a 7-column budget column: 4 people, 22 households */
		snprintf(b, sizeof b, l->households ? _("%lld hh") : _("%lld ppl"),
		         (long long)l->count);
		bf_lk_draw_right(w, y, xp, wp, b, a);
		bf_lk_draw_right(w, y, xc, wm, bf_money_format(l->cash, b, sizeof b), a);
		bf_lk_draw_right(w, y, xg, wm, bf_money_format(l->goods, b, sizeof b), a);
		bf_lk_draw_right(w, y, xs, ws, bf_money_format(l->subtotal, b, sizeof b), a);
	}
	y = r.y + r.h - 1;
	const char *total = _("Budget total");
	bf_draw_str(w, y, x, wl, total, A_BOLD);
	/* people and households apart, right-aligned up to the count column */
	char count[96];
	bf_count_text(d->tot.people, d->tot.households, count, sizeof count);
	int tw = bf_str_width(total) + 2;
	bf_lk_draw_right(w, y, x + tw, xp + wp - x - tw, count, A_BOLD);
	bf_lk_draw_right(w, y, xc, wm, bf_money_format(d->tot.cash, b, sizeof b), A_BOLD);
	bf_lk_draw_right(w, y, xg, wm, bf_money_format(d->tot.goods, b, sizeof b), A_BOLD);
	bf_lk_draw_right(w, y, xs, ws, bf_money_format(d->tot.total, b, sizeof b), A_BOLD);
}

/* ---- the group editor: one question at a time, each checked as it is
 * answered (a refused answer is asked again with the text as typed) ---- */

/* The label: required, and not another group's. */
static bool ask_label(struct detail *d, struct bf_campaign_group *g, const char *title)
{
	struct bf_app *app = d->base.app;
	char buf[BF_TEXT_SZ];
	bf_strlcpy(buf, g->label, sizeof buf);
	for (;;) {
		if (!bf_dlg_prompt(app, title,
		                   _("Label (the group's name on the list and the sheets):"), buf,
		                   sizeof buf, 40))
			return false;
		char t[BF_TEXT_SZ];
		bf_strlcpy(t, buf, sizeof t);
		bf_trim(t);
		bool taken = false;
		for (size_t i = 0; i < d->c.ngroups; i++)
			if (&d->c.groups[i] != g && strcmp(d->c.groups[i].label, t) == 0)
				taken = true;
		if (!t[0])
			bf_app_msg(app, BF_MSG_ERROR, "%s", _("The group needs a label."));
		else if (taken)
			bf_app_msg(app, BF_MSG_ERROR, _("Another group is already called %s."), t);
		else {
			bf_strlcpy(g->label, t, sizeof g->label);
			return true;
		}
	}
}

/* The kind (optional) and, for model workers, the level. */
static bool ask_kind(struct bf_app *app, struct bf_campaign_group *g)
{
	const char *kinds[BF_GROUP_KIND_COUNT + 1];
	kinds[0] = _("No kind: people placed in it by hand");
	for (int i = 0; i < BF_GROUP_KIND_COUNT; i++)
		kinds[i + 1] = bf_group_kind_label((enum bf_group_kind)i);
	int k = bf_dlg_choose(app, _("Kind (who the draw finds in the files)"), kinds,
	                      BF_GROUP_KIND_COUNT + 1, g->kind + 1);
	if (k < 0)
		return false;
	int level = -1;
	if (k - 1 == BF_GROUP_MODEL_WORKER) {
		const char *lv[BF_LEVEL_COUNT + 1];
		lv[0] = _("Any level");
		for (int i = 0; i < BF_LEVEL_COUNT; i++)
			lv[i + 1] = bf_model_level_label((enum bf_model_level)i);
		int l = bf_dlg_choose(app, _("Level"), lv, BF_LEVEL_COUNT + 1, g->level + 1);
		if (l < 0)
			return false;
		level = l - 1;
	}
	if (k - 1 != g->kind)
		g->requires_file = k - 1 != BF_GROUP_MODEL_WORKER; /* the kind's default */
	g->kind = k - 1;
	g->level = level;
	return true;
}

static bool ask_basis(struct bf_app *app, struct bf_campaign_group *g)
{
	const char *b[BF_BASIS_COUNT];
	for (int i = 0; i < BF_BASIS_COUNT; i++)
		b[i] = bf_basis_label((enum bf_basis)i);
	int nb = bf_dlg_choose(app, _("Basis"), b, BF_BASIS_COUNT, (int)g->basis);
	if (nb < 0)
		return false;
	if (nb == BF_BASIS_SIZE && g->basis != BF_BASIS_SIZE)
		for (int i = 1; i < BF_TIERS; i++)
			if (!g->cash[i] && !g->goods[i]) {
				g->cash[i] = g->cash[0];
				g->goods[i] = g->goods[0];
			}
	g->basis = (enum bf_basis)nb;
	return true;
}

static const char *const tier_words[BF_TIERS] = {
    N_("1-person households"), N_("2-person households"), N_("households of 3 or more")};

/* Cash (goods false) or goods value of each tier the basis uses (only
 * `tier` when it is >= 0). */
static bool ask_money(struct bf_app *app, struct bf_campaign_group *g, const char *title,
                      bool goods, int tier)
{
	int tiers = g->basis == BF_BASIS_SIZE ? BF_TIERS : 1;
	for (int t = tier < 0 ? 0 : tier; t < (tier < 0 ? tiers : tier + 1); t++) {
		char label[160];
		if (tiers > 1)
			/* TRANSLATORS: "Cash (yuan), 2-person households:" */
			snprintf(label, sizeof label, _("%s, %s:"),
			         goods ? _("Goods value (yuan)") : _("Cash (yuan)"),
			         _(tier_words[t]));
		else
			bf_strlcpy(label,
			           goods ? _("Goods value per person or household (yuan):")
			                 : _("Cash per person or household (yuan):"),
			           sizeof label);
		if (!bf_campaign_ui_ask_yuan(app, title, label, goods ? &g->goods[t] : &g->cash[t]))
			return false;
	}
	return true;
}

static bool ask_goods_note(struct bf_app *app, struct bf_campaign_group *g, const char *title)
{
	char buf[64];
	bf_strlcpy(buf, g->goods_note, sizeof buf);
	if (!bf_dlg_prompt(app, title, _("What the goods are (rice, oil ...; may stay empty):"),
	                   buf, sizeof buf, 20))
		return false;
	bf_trim(buf);
	bf_strlcpy(g->goods_note, buf, sizeof g->goods_note);
	return true;
}

static bool ask_planned(struct bf_app *app, struct bf_campaign_group *g, const char *title,
                        int tier)
{
	int tiers = g->basis == BF_BASIS_SIZE ? BF_TIERS : 1;
	for (int t = tier < 0 ? 0 : tier; t < (tier < 0 ? tiers : tier + 1); t++) {
		char label[160], buf[16];
		bool hh = bf_group_counts_households(g);
		if (tiers > 1)
			snprintf(label, sizeof label, _("%s, %s:"),
			         hh ? _("Planned households") : _("Planned people"),
			         _(tier_words[t]));
		else
			bf_strlcpy(label, hh ? _("Planned households:") : _("Planned people:"),
			           sizeof label);
		snprintf(buf, sizeof buf, "%d", g->planned[t]);
		for (;;) {
			if (!bf_dlg_prompt(app, title, label, buf, sizeof buf, 7))
				return false;
			char *end;
			long v = strtol(buf, &end, 10);
			if (end != buf && !*end && v >= 0 && v <= 1000000) {
				g->planned[t] = (int)v;
				break;
			}
			bf_app_msg(app, BF_MSG_ERROR, "%s",
			           _("Type a number from 0 to 1,000,000 (people or households)."));
		}
	}
	return true;
}

static bool ask_file(struct bf_app *app, struct bf_campaign_group *g)
{
	const char *yn[2] = {_("Yes: only with an approved file (file first, then aid)"),
	                     _("No: no file needed")};
	int k = bf_dlg_choose(app, _("Approved file required?"), yn, 2, g->requires_file ? 0 : 1);
	if (k < 0)
		return false;
	g->requires_file = k == 0;
	return true;
}

/* Enter: what to change on the selected line. */
static void detail_edit(struct detail *d)
{
	struct bf_app *app = d->base.app;
	if (!d->nlines) {
		bf_app_msg(app, BF_MSG_INFO, "%s", _("No group yet; n adds one."));
		return;
	}
	const struct bf_budget_line *l = &d->lines[d->sel];
	struct bf_campaign_group *g = &d->c.groups[l->group];
	char title[BF_TEXT_SZ];
	bf_strlcpy(title, l->label, sizeof title);
	int t = l->tier < 0 ? 0 : l->tier;
	char kind[BF_TEXT_SZ], kind_item[BF_TEXT_SZ + 32];
	bf_campaign_group_kind_text(g, kind, sizeof kind);
	snprintf(kind_item, sizeof kind_item, _("Kind: %s"), kind);
	const char *items[8] = {bf_group_counts_households(g) ? _("Planned households")
	                                                      : _("Planned people"),
	                        _("Cash per person or household"),
	                        _("Goods value per person or household"),
	                        _("What the goods are"),
	                        _("Basis"),
	                        kind_item,
	                        _("Label (the name on the list and the sheets)"),
	                        g->requires_file ? _("Approved file required: yes (change)")
	                                         : _("Approved file required: no (change)")};
	int k = bf_dlg_choose(app, title, items, 8, 0);
	bool changed = false;
	if (k == 0)
		changed = ask_planned(app, g, title, t);
	else if (k == 1)
		changed = ask_money(app, g, title, false, l->tier);
	else if (k == 2)
		changed = ask_money(app, g, title, true, l->tier);
	else if (k == 3)
		changed = ask_goods_note(app, g, title);
	else if (k == 4)
		changed = ask_basis(app, g);
	else if (k == 5 || k == 7) {
		changed = strcmp(d->c.status, "planning") == 0 ||
		          bf_dlg_confirm(app,
		                         _("The list is drawn: changing this draws it again "
		                           "(added-back and removed households keep their "
		                           "decision). Go on?"),
		                         false);
		if (changed && k == 5)
			changed = ask_kind(app, g);
		else if (changed)
			g->requires_file = !g->requires_file;
	} else if (k == 6) {
		changed = ask_label(d, g, title);
	}
	if (changed)
		detail_save(d);
	else
		detail_load(d); /* drop what a cancelled question changed */
}

/* n: a new group, as the office names it: label, kind (optional), basis,
 * cash, goods and what they are, planned count, file required. */
static void detail_add(struct detail *d)
{
	struct bf_app *app = d->base.app;
	if (d->c.ngroups >= BF_MAX_GROUPS) {
		bf_app_msg(app, BF_MSG_ERROR, "%s",
		           _("The campaign has as many groups as it can."));
		return;
	}
	const char *title = _("Add a group");
	struct bf_campaign_group *g = &d->c.groups[d->c.ngroups];
	bf_campaign_group_init(g, -1, -1);
	if (!ask_label(d, g, title) || !ask_kind(app, g) || !ask_basis(app, g))
		return;
	for (;;) {
		if (!ask_money(app, g, title, false, -1) || !ask_money(app, g, title, true, -1))
			return;
		bool goods = false;
		for (int t = 0; t < BF_TIERS; t++)
			goods = goods || g->goods[t] > 0;
		if (goods && !ask_goods_note(app, g, title))
			return;
		bf_error err = {{0}};
		if (bf_campaign_group_validate(g, &err) == 0)
			break;
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
	}
	if (!ask_planned(app, g, title, -1) || !ask_file(app, g))
		return;
	d->c.ngroups++;
	detail_save(d);
	for (size_t i = 0; i < d->nlines; i++)
		if (d->lines[i].group == (int)d->c.ngroups - 1) {
			d->sel = (int)i;
			break;
		}
}

/* u: the union's standard groups the campaign does not have yet. */
static void detail_standard(struct detail *d)
{
	struct bf_app *app = d->base.app;
	struct bf_campaign_group std[BF_MAX_GROUPS];
	size_t n = bf_campaign_standard_groups(std, BF_MAX_GROUPS), added = 0;
	for (size_t i = 0; i < n && d->c.ngroups < BF_MAX_GROUPS; i++) {
		bool have = false;
		for (size_t j = 0; j < d->c.ngroups; j++)
			if (strcmp(d->c.groups[j].label, std[i].label) == 0)
				have = true;
		if (!have) {
			d->c.groups[d->c.ngroups++] = std[i];
			added++;
		}
	}
	if (!added) {
		bf_app_msg(app, BF_MSG_INFO, "%s",
		           _("The campaign has every standard group already."));
		return;
	}
	detail_save(d);
	bf_app_msg(app, BF_MSG_INFO,
	           ngettext("%zu standard group added.", "%zu standard groups added.",
	                    (unsigned long)added),
	           added);
}

/* h: the files placed in the selected line's group by hand — how a group
 * without a kind gets its members: add one (file number, reason), or choose
 * one to take it out. A drawn list is drawn again at once. */
static void detail_place(struct detail *d)
{
	struct bf_app *app = d->base.app;
	if (!d->nlines) {
		bf_app_msg(app, BF_MSG_INFO, "%s", _("No group yet; n adds one."));
		return;
	}
	int gi = d->lines[d->sel].group;
	const struct bf_campaign_group *g = &d->c.groups[gi];
	struct bf_placement *p = NULL, *mine = NULL;
	size_t np = 0, n = 0;
	const char **items = NULL;
	char(*texts)[BF_TEXT_SZ + 48] = NULL;
	bf_error err = {{0}};
	if (bf_campaign_placements(d->db, d->c.id, &p, &np, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		return;
	}
	mine = calloc(np + 1, sizeof *mine);
	items = calloc(np + 1, sizeof *items);
	texts = calloc(np + 1, sizeof *texts);
	if (!mine || !items || !texts)
		goto out;
	items[0] = _("Place a file in this group...");
	for (size_t i = 0; i < np; i++)
		if (p[i].group_id == g->id) {
			mine[n] = p[i];
			snprintf(texts[n], sizeof texts[n], _("Take out: %s %s"), p[i].case_number,
			         p[i].name);
			n++;
			items[n] = texts[n - 1];
		}
	char title[BF_TEXT_SZ + 64];
	snprintf(title, sizeof title, _("%s: placed by hand"), g->label);
	int k = bf_dlg_choose(app, title, items, n + 1, 0);
	int rc = -1;
	if (k < 0)
		goto out;
	if (k == 0) {
		char num[32] = "", reason[256] = "";
		if (!bf_dlg_prompt(app, title, _("File number:"), num, sizeof num, 20) ||
		    bf_blank(num) ||
		    !bf_dlg_prompt(app, title, _("Why (may stay empty):"), reason, sizeof reason,
		                   120))
			goto out;
		bf_trim(num);
		rc = bf_campaign_place(d->db, d->c.id, gi, num, reason, false, &err);
		if (rc == 0)
			bf_app_msg(app, BF_MSG_INFO, _("File %s placed in %s."), num, g->label);
	} else {
		char q[BF_TEXT_SZ * 2];
		snprintf(q, sizeof q, _("Take file %s (%s) out of %s?"), mine[k - 1].case_number,
		         mine[k - 1].name, g->label);
		if (!bf_dlg_confirm(app, q, false))
			goto out;
		rc = bf_campaign_place(d->db, d->c.id, gi, mine[k - 1].case_number, NULL, true,
		                       &err);
		if (rc == 0)
			bf_app_msg(app, BF_MSG_INFO, _("File %s taken out of %s."),
			           mine[k - 1].case_number, g->label);
	}
	if (rc != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		goto out;
	}
	detail_load(d);
	if (d->parent)
		bf_lk_screen_reload(&d->parent->lk);
out:
	free(p);
	free(mine);
	free(items);
	free(texts);
}

/* d: remove the selected line's group (asks first). */
static void detail_remove(struct detail *d)
{
	struct bf_app *app = d->base.app;
	if (!d->nlines)
		return;
	int gi = d->lines[d->sel].group;
	char name[BF_TEXT_SZ], q[BF_TEXT_SZ + 64];
	bf_campaign_group_name(&d->c.groups[gi], name, sizeof name);
	snprintf(q, sizeof q, _("Remove the group %s?"), name);
	if (!bf_dlg_confirm(app, q, false))
		return;
	memmove(&d->c.groups[gi], &d->c.groups[gi + 1],
	        (d->c.ngroups - (size_t)gi - 1) * sizeof d->c.groups[0]);
	d->c.ngroups--;
	detail_save(d);
}

/* w: draw the list (asks first when it was drawn before), show the summary. */
static void detail_draw_list(struct detail *d)
{
	struct bf_app *app = d->base.app;
	if (strcmp(d->c.status, "planning") != 0 &&
	    !bf_dlg_confirm(
	        app,
	        _("Draw the list again? Added-back and removed households keep their decision."),
	        false))
		return;
	struct bf_draw_summary sum;
	memset(&sum, 0, sizeof sum);
	bf_error err = {{0}};
	struct bf_ui_progress pr;
	bf_ui_progress_start(&pr, app, _("Drawing the list (files read)"));
	int drc = bf_campaign_draw_progress(d->db, d->c.id, &sum, bf_ui_progress_cb, &pr, &err);
	if (bf_ui_progress_end(&pr))
		return;
	if (drc != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		return;
	}
	detail_load(d);
	if (d->parent)
		bf_lk_screen_reload(&d->parent->lk);
	char text[1024];
	snprintf(
	    text, sizeof text,
	    _("Files looked at: %lld\n"
	      "Meeting a group: %lld\n"
	      "On the list: %lld (reduced by a cap: %lld; in several groups, aided once: %lld)\n"
	      "Left out: %lld without an approved file, %lld aided last year, %lld over the "
	      "yearly cap, %lld taken off by hand\n"
	      "Added back: %lld"),
	    (long long)sum.candidates, (long long)sum.listed, (long long)sum.included,
	    (long long)sum.capped, (long long)sum.multiple, (long long)sum.no_file,
	    (long long)sum.last_year, (long long)sum.cap, (long long)sum.manual,
	    (long long)sum.added_back);
	bf_dlg_message(app, _("The list is drawn"), text);
}

static void offer_print(struct bf_app *app, const char *path)
{
	if (!bf_pdf_can_print() || !bf_dlg_confirm(app, _("Send it to the printer (lp)?"), false))
		return;
	bf_error err = {{0}};
	if (bf_pdf_print(path, &err) != 0)
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
	else
		bf_app_msg(app, BF_MSG_INFO, _("Sent to the printer: %s"), path);
}

static void export_signoff(struct detail *d, bool pdf)
{
	struct bf_app *app = d->base.app;
	const char *by = d->c.place_by;
	char(*places)[BF_TEXT_SZ] = NULL;
	size_t np = 0;
	struct bf_recipient *rows = NULL;
	const char **items = NULL;
	bf_error err = {{0}};
	if (bf_recipient_places(d->db, d->c.id, by, &places, &np, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		goto out;
	}
	if (!np) {
		bf_app_msg(app, BF_MSG_INFO, "%s", _("Nobody is on the list yet: w draws it."));
		goto out;
	}
	items = calloc(np, sizeof *items);
	if (!items)
		goto out;
	for (size_t i = 0; i < np; i++)
		items[i] = places[i][0] ? places[i] : _("(not recorded)");
	int k = bf_dlg_choose(
	    app, !strcmp(by, "community") ? _("Which community") : _("Which unit"), items, np, 0);
	if (k < 0)
		goto out;
	struct bf_recipient_filter f;
	bf_recipient_filter_init(&f);
	f.included = 1;
	if (!strcmp(by, "community"))
		f.community = places[k];
	else
		f.unit = places[k];
	int64_t count = 0;
	if (bf_recipient_count(d->db, d->c.id, &f, &count, &err) != 0 || count <= 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s",
		           err.msg[0] ? err.msg : _("Nobody on the list there."));
		goto out;
	}
	rows = calloc((size_t)count, sizeof *rows);
	int n = 0;
	if (!rows ||
	    bf_recipient_rows(d->db, d->c.id, &f, NULL, false, (int)count, rows, &n, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", rows ? err.msg : "out of memory");
		goto out;
	}
	char path[1024], name[256];
	snprintf(name, sizeof name, "签收表-%d-%s.%s", d->c.year,
	         places[k][0] ? places[k] : "未登记", pdf ? "pdf" : "xlsx");
	bf_save_path(name, path, sizeof path);
	if (!bf_dlg_prompt(app, _("Sign-off sheet"), _("File:"), path, sizeof path, 1000))
		goto out;
	struct bf_unit u;
	bf_error ignore = {{0}};
	if (bf_unit_load(d->db, &u, &ignore) != 0)
		memset(&u, 0, sizeof u);
	struct bf_ui_progress pr;
	bf_ui_progress_start(
	    &pr, app, pdf ? _("Sign-off sheet (rows, then pages)") : _("Sign-off sheet (rows)"));
	struct bf_signoff so = {.campaign = &d->c,
	                        .union_name = u.union_name[0] ? u.union_name : u.name,
	                        .place_kind = by,
	                        .place = places[k],
	                        .rows = rows,
	                        .n = (size_t)n,
	                        .progress = bf_ui_progress_cb,
	                        .progress_ud = &pr};
	bf_outfile *o = bf_dlg_outfile(app, d->db, path, &err);
	int rc = !o                                            ? -1
	         : !pdf                                        ? bf_xlsx_signoff_sheet(o, &so, &err)
	         : bf_audit_stamp(d->db, &so.stamp, &err) != 0 ? -1
	                                                       : bf_pdf_signoff_sheet(o, &so, &err);
	if (bf_outfile_finish(o, rc, &err) != 0) {
		if (bf_ui_progress_end(&pr))
			goto out;
		if (err.msg[0])
			bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		goto out;
	}
	int64_t people, households;
	char cnt[96];
	bf_signoff_counts(&so, &people, &households);
	bf_count_text(people, households, cnt, sizeof cnt);
	bf_app_msg(app, BF_MSG_INFO, _("Written: %s (%s)"), path, cnt);
	if (pdf)
		offer_print(app, path);
out:
	free(items);
	free(rows);
	free(places);
}

/* x: the budget as XLSX, or a unit's or community's sign-off sheet. */
static void detail_export(struct detail *d)
{
	struct bf_app *app = d->base.app;
	const char *items[3] = {_("Budget (XLSX)"), _("Sign-off sheet (PDF)"),
	                        _("Sign-off sheet (XLSX)")};
	int k = bf_dlg_choose(app, _("Export"), items, 3, 0);
	if (k == 1 || k == 2) {
		export_signoff(d, k == 1);
		return;
	}
	if (k != 0)
		return;
	struct bf_budget_line lines[MAX_LINES];
	size_t n = 0;
	struct bf_budget_totals t;
	bool from_plan = true;
	bf_error err = {{0}};
	if (bf_campaign_budget(d->db, d->c.id, lines, MAX_LINES, &n, &t, &from_plan, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		return;
	}
	char path[1024], name[256];
	snprintf(name, sizeof name, "慰问预算-%d.xlsx", d->c.year);
	bf_save_path(name, path, sizeof path);
	if (!bf_dlg_prompt(app, _("Budget"), _("File:"), path, sizeof path, 1000))
		return;
	bf_outfile *o = bf_dlg_outfile(app, d->db, path, &err);
	int rc = o ? bf_xlsx_campaign_budget(o, &d->c, lines, n, &t, from_plan, &err) : -1;
	if (bf_outfile_finish(o, rc, &err) != 0) {
		if (err.msg[0])
			bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		return;
	}
	bf_app_msg(app, BF_MSG_INFO, _("Written: %s"), path);
}

static bool detail_action(struct bf_screen *s, enum bf_action a)
{
	struct detail *d = (struct detail *)s;
	switch (a) {
	case BF_ACT_EDIT:
		detail_edit(d);
		return true;
	case BF_ACT_NEW:
		detail_add(d);
		return true;
	case BF_ACT_CAMP_STANDARD_GROUPS:
		detail_standard(d);
		return true;
	case BF_ACT_CAMP_PLACE:
		detail_place(d);
		return true;
	case BF_ACT_DELETE:
		detail_remove(d);
		return true;
	case BF_ACT_CAMP_DRAW:
		detail_draw_list(d);
		return true;
	case BF_ACT_CAMP_LIST:
		recipients_open(s->app, d->c.id, d->c.name);
		return true;
	case BF_ACT_CAMP_EXPORT:
		detail_export(d);
		return true;
	case BF_ACT_CAMP_SPOTCHECK:
		spotcheck_open(s->app, d->c.id, d->c.name);
		return true;
	case BF_ACT_CAMP_LEDGER:
		ledger_open(s->app, d->c.year, d->c.id, d->c.name);
		return true;
	case BF_ACT_REDRAW:
		detail_load(d);
		return false;
	default:
		return false;
	}
}

static bool detail_input(struct bf_screen *s, bf_key k)
{
	struct detail *d = (struct detail *)s;
	int n = (int)d->nlines;
	if (!n)
		return false;
	if (k == BF_KC(KEY_UP)) {
		if (d->sel > 0)
			d->sel--;
		return true;
	}
	if (k == BF_KC(KEY_DOWN)) {
		if (d->sel < n - 1)
			d->sel++;
		return true;
	}
	if (k == BF_KC(KEY_HOME)) {
		d->sel = 0;
		return true;
	}
	if (k == BF_KC(KEY_END)) {
		d->sel = n - 1;
		return true;
	}
	return false;
}

static void detail_close(struct bf_screen *s)
{
	free(s);
}

static const enum bf_action detail_actions[] = {
    BF_ACT_EDIT,        BF_ACT_NEW,         BF_ACT_CAMP_STANDARD_GROUPS,
    BF_ACT_CAMP_PLACE,  BF_ACT_DELETE,      BF_ACT_CAMP_DRAW,
    BF_ACT_CAMP_LIST,   BF_ACT_CAMP_EXPORT, BF_ACT_CAMP_SPOTCHECK,
    BF_ACT_CAMP_LEDGER, BF_ACT_NONE};

static const struct bf_screen_ops detail_ops = {
    .name = "campaign",
    .actions = detail_actions,
    .draw = detail_draw,
    .action = detail_action,
    .input = detail_input,
    .on_close = detail_close,
};

static int camp_detail_open(struct bf_app *app, int64_t id, struct camps *parent)
{
	struct detail *d = calloc(1, sizeof *d);
	if (!d)
		return -1;
	d->base.ops = &detail_ops;
	d->base.app = app;
	d->parent = parent;
	d->db = &app->ctx->db;
	d->c.id = id;
	if (detail_load(d) != 0) {
		free(d);
		return -1;
	}
	bf_strlcpy(d->base.title, _("Campaign"), sizeof d->base.title);
	return bf_app_push(app, &d->base);
}

/* ---- the recipients: only the rows on screen are read ------------------------------------ */

enum { RC_FILE, RC_NAME, RC_ID, RC_PLACE, RC_AMOUNT, RC_STATE, RC_COUNT };

static const struct bf_list_col rec_cols[RC_COUNT] = {
    [RC_FILE] = {N_("File"), 9, BF_COL_NOSORT},
    [RC_NAME] = {N_("Name"), 6, BF_COL_NOSORT},
    [RC_ID] = {N_("ID number"), 18, BF_COL_NOSORT},
    [RC_PLACE] = {N_("Unit"), 8, BF_COL_NOSORT},
    [RC_AMOUNT] = {N_("Amount"), 8, BF_COL_NOSORT | BF_COL_RIGHT},
    [RC_STATE] = {N_("State"), 10, BF_COL_FLEX | BF_COL_NOSORT},
};

struct recips {
	struct bf_screen base;
	struct bf_list list;
	struct bf_list_col cols[RC_COUNT]; /* rec_cols, the File column as wide as the numbers */
	bf_db *db;
	int64_t campaign_id;
	struct bf_recipient_filter f;
	struct bf_recipient cur; /* the selected row, as fetched */
	char (*numbers)[32];     /* file numbers of the rows in the cache */
	size_t numbers_off, numbers_n;
	/* the rows fetched last (rows numbers_off..): the next page is found
	 * from their keys (keyset paging, never OFFSET) */
	struct bf_recipient *win;
};

static size_t recips_count(void *data)
{
	struct recips *u = data;
	int64_t n = 0;
	bf_error err = {{0}};
	if (bf_recipient_count(u->db, u->campaign_id, &u->f, &n, &err) != 0) {
		bf_app_msg(u->base.app, BF_MSG_ERROR, "%s", err.msg);
		return 0;
	}
	return (size_t)n;
}

static const char *recip_state(const struct bf_recipient *r, char *buf, size_t n)
{
	if (!r->included) {
		int e = r->exclusion[0] ? bf_exclusion_parse(r->exclusion) : -1;
		if (e > 0) /* why: no file, last year, cap, by hand */
			bf_strlcpy(buf, bf_exclusion_label((enum bf_exclusion)e), n);
		else
			bf_strlcpy(buf, r->exclusion[0] ? _("left out") : _("not listed"), n);
		return buf;
	}
	if (!strcmp(r->paid_status, "paid"))
		snprintf(buf, n, "%s %s", _("paid"), /* MM-DD: the campaign is one season */
		         strlen(r->paid_on) >= 10 ? r->paid_on + 5 : r->paid_on);
	else if (!strcmp(r->paid_status, "not_paid"))
		bf_strlcpy(buf, _("not paid"), n);
	else
		bf_strlcpy(buf, _("to pay"), n);
	return buf;
}

/* Rows offset.. into rows, found from the keys of the rows on screen: after
 * one of them (Down, PgDn), back from the first (Up, PgUp) or from the end
 * (End); otherwise by pages from the nearest known row. */
static int recips_window(struct recips *u, size_t offset, int limit, struct bf_recipient *rows,
                         int *n, bf_error *err)
{
	const struct bf_recipient_filter *f = &u->f;
	size_t off = u->numbers_off, end = off + u->numbers_n;
	bool have = u->win && u->numbers_n > 0;
	int64_t count = 0;
	struct bf_recipient *before = NULL; /* the row just before offset */
	int rc = 0;
	if (offset == 0)
		return bf_recipient_rows(u->db, u->campaign_id, f, NULL, false, limit, rows, n,
		                         err);
	if (have && offset > off && offset <= end)
		return bf_recipient_rows(u->db, u->campaign_id, f, &u->win[offset - off - 1], false,
		                         limit, rows, n, err);
	if (bf_recipient_count(u->db, u->campaign_id, f, &count, err) != 0)
		return -1;
	if ((int64_t)offset >= count) {
		*n = 0;
		return 0;
	}
	/* the rows before offset (and the one before it): back from the
	 * window's first row, or from the end */
	bool back_from_win = have && offset <= off && off - offset < (size_t)limit;
	if (back_from_win || (int64_t)offset + limit >= count) {
		int want =
		    back_from_win ? (int)(off - offset) + 1 : (int)(count - (int64_t)offset) + 1;
		struct bf_recipient *b = calloc((size_t)want, sizeof *b);
		int got = 0;
		if (!b)
			return -1;
		rc = bf_recipient_rows(u->db, u->campaign_id, f, back_from_win ? &u->win[0] : NULL,
		                       true, want, b, &got, err);
		if (rc == 0 && got == want)
			rc = bf_recipient_rows(u->db, u->campaign_id, f, &b[0], false, limit, rows,
			                       n, err);
		else if (rc == 0) /* fewer before it than counted: from the first */
			rc = bf_recipient_rows(u->db, u->campaign_id, f, NULL, false, limit, rows,
			                       n, err);
		free(b);
		return rc;
	}
	/* a jump no key makes: forward by pages from the window's end or the start */
	size_t pos = have && end <= offset ? end : 0;
	struct bf_recipient last;
	if (pos)
		last = u->win[u->numbers_n - 1];
	before = pos ? &last : NULL;
	while (rc == 0 && pos < offset) {
		int k = offset - pos < (size_t)limit ? (int)(offset - pos) : limit;
		rc = bf_recipient_rows(u->db, u->campaign_id, f, before, false, k, rows, n, err);
		if (rc != 0 || *n == 0)
			return rc;
		pos += (size_t)*n;
		last = rows[*n - 1];
		before = &last;
	}
	return rc ? rc
	          : bf_recipient_rows(u->db, u->campaign_id, f, before, false, limit, rows, n, err);
}

static size_t recips_fetch(void *data, size_t offset, size_t limit, struct bf_list_page *pg)
{
	struct recips *u = data;
	struct bf_recipient *rows = calloc(limit ? limit : 1, sizeof *rows);
	char(*nums)[32] = calloc(limit ? limit : 1, sizeof *nums);
	if (!rows || !nums) {
		free(rows);
		free(nums);
		return 0;
	}
	int n = 0;
	bf_error err = {{0}};
	if (recips_window(u, offset, (int)limit, rows, &n, &err) != 0) {
		bf_app_msg(u->base.app, BF_MSG_ERROR, "%s", err.msg);
		n = 0;
	}
	for (int i = 0; i < n; i++) {
		const struct bf_recipient *r = &rows[i];
		char id[BF_ID_SZ + 8], amount[40], st[64];
		bf_mask_id(r->id_number, id, sizeof id);
		bf_money_format(r->cash + r->goods, amount, sizeof amount);
		bf_list_page_set(pg, (size_t)i, RC_FILE, r->case_number);
		bf_list_page_set(pg, (size_t)i, RC_NAME, r->name);
		bf_list_page_set(pg, (size_t)i, RC_ID, id);
		bf_list_page_set(pg, (size_t)i, RC_PLACE, r->community[0] ? r->community : r->unit);
		bf_list_page_set(pg, (size_t)i, RC_AMOUNT, amount);
		bf_list_page_set(pg, (size_t)i, RC_STATE, recip_state(r, st, sizeof st));
		bf_list_page_set_id(pg, (size_t)i, r->id);
		bf_strlcpy(nums[i], r->case_number, sizeof nums[i]);
	}
	free(u->numbers);
	u->numbers = nums;
	u->numbers_off = offset;
	u->numbers_n = (size_t)n;
	free(u->win);
	u->win = rows;
	return (size_t)n;
}

/* The selected household, read again from the store. */
static bool recips_selected(struct recips *u, struct bf_recipient *r)
{
	size_t i;
	if (!bf_list_selected(&u->list, &i) || i < u->numbers_off ||
	    i >= u->numbers_off + u->numbers_n) {
		bf_app_msg(u->base.app, BF_MSG_INFO, "%s", _("Nobody on the list: w draws it."));
		return false;
	}
	bf_error err = {{0}};
	if (bf_recipient_find(u->db, u->campaign_id, u->numbers[i - u->numbers_off], r, &err) !=
	    0) {
		bf_app_msg(u->base.app, BF_MSG_ERROR, "%s", err.msg);
		return false;
	}
	return true;
}

static void recips_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct recips *u = (struct recips *)s;
	if (r.h < 4)
		return;
	char line[256];
	size_t n = bf_list_count(&u->list);
	snprintf(line, sizeof line, ngettext("%zu household", "%zu households", (unsigned long)n),
	         n);
	bf_list_draw(&u->list, w,
	             bf_lk_head(w, r, line,
	                        _("p: payment.  t: take off the list.  b: add back.  (reasons "
	                          "asked)")));
}

static void recips_pay(struct recips *u)
{
	struct bf_app *app = u->base.app;
	struct bf_recipient r;
	if (!recips_selected(u, &r))
		return;
	char title[256], amount[40];
	bf_money_format(r.cash + r.goods, amount, sizeof amount);
	snprintf(title, sizeof title, "%s  %s  %s", r.case_number, r.name, amount);
	const char *how[2] = {_("Paid: the household signed"), _("Not paid (with the reason)")};
	int k = bf_dlg_choose(app, title, how, 2, 0);
	if (k < 0)
		return;
	struct bf_payment_in p;
	memset(&p, 0, sizeof p);
	p.amount = -1;
	char today[BF_DATE_SZ], reason[256] = "", signer[BF_NAME_SZ], phone[BF_PHONE_SZ] = "";
	bf_date_format(bf_campaign_ui_today(app), today);
	p.paid_on = today;
	if (k == 1) {
		if (!bf_dlg_prompt(app, title, _("Why not paid:"), reason, sizeof reason, 120))
			return;
		p.paid = false;
		p.not_paid_reason = reason;
	} else {
		bf_strlcpy(signer, r.name, sizeof signer);
		if (!bf_dlg_prompt(app, title, _("Who signed:"), signer, sizeof signer, 20))
			return;
		const char *rel[BF_REL_COUNT];
		for (int i = 0; i < BF_REL_COUNT; i++)
			rel[i] = bf_enum_label(BF_ENUM_RELATION, i);
		int ri =
		    bf_dlg_choose(app, _("Relation of the signer"), rel, BF_REL_COUNT, BF_REL_SELF);
		if (ri < 0)
			return;
		if (!bf_dlg_prompt(app, title, _("The signer's phone:"), phone, sizeof phone, 20))
			return;
		p.paid = true;
		p.signer = signer;
		p.relation = ri;
		p.phone = phone;
	}
	bf_error err = {{0}};
	if (bf_campaign_pay(u->db, u->campaign_id, r.case_number, &p, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		return;
	}
	bf_app_msg(app, BF_MSG_INFO,
	           k ? _("%s: recorded as not paid.") : _("%s: payment recorded."), r.case_number);
	bf_list_reload(&u->list);
}

static void recips_reason(struct recips *u, bool add_back)
{
	struct bf_app *app = u->base.app;
	struct bf_recipient r;
	if (!recips_selected(u, &r))
		return;
	char title[256], reason[256] = "";
	snprintf(title, sizeof title, "%s  %s", r.case_number, r.name);
	if (!bf_dlg_prompt(app, title, add_back ? _("Why add back:") : _("Why take off the list:"),
	                   reason, sizeof reason, 120))
		return;
	bf_error err = {{0}};
	int rc = add_back
	             ? bf_recipient_add_back(u->db, u->campaign_id, r.case_number, reason, &err)
	             : bf_recipient_remove(u->db, u->campaign_id, r.case_number, reason, &err);
	if (rc != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		return;
	}
	bf_app_msg(app, BF_MSG_INFO, add_back ? _("%s: added back.") : _("%s: taken off the list."),
	           r.case_number);
	bf_list_reload(&u->list);
}

static bool recips_action(struct bf_screen *s, enum bf_action a)
{
	struct recips *u = (struct recips *)s;
	switch (a) {
	case BF_ACT_CAMP_PAY:
		recips_pay(u);
		return true;
	case BF_ACT_CAMP_TAKE_OFF:
		recips_reason(u, false);
		return true;
	case BF_ACT_CAMP_ADD_BACK:
		recips_reason(u, true);
		return true;
	case BF_ACT_REDRAW:
		bf_list_reload(&u->list);
		return false;
	default:
		return false;
	}
}

static bool recips_input(struct bf_screen *s, bf_key k)
{
	return bf_list_input(&((struct recips *)s)->list, k);
}

static void recips_close(struct bf_screen *s)
{
	struct recips *u = (struct recips *)s;
	bf_list_free(&u->list);
	free(u->numbers);
	free(u->win);
	free(u);
}

static const enum bf_action recips_actions[] = {BF_ACT_CAMP_PAY, BF_ACT_CAMP_TAKE_OFF,
                                                BF_ACT_CAMP_ADD_BACK, BF_ACT_NONE};

static const struct bf_screen_ops recips_ops = {
    .name = "recipients",
    .actions = recips_actions,
    .draw = recips_draw,
    .action = recips_action,
    .input = recips_input,
    .on_close = recips_close,
};

static int recipients_open(struct bf_app *app, int64_t campaign_id, const char *title)
{
	struct recips *u = calloc(1, sizeof *u);
	if (!u)
		return -1;
	u->base.ops = &recips_ops;
	u->db = &app->ctx->db;
	u->campaign_id = campaign_id;
	bf_recipient_filter_init(&u->f);
	bf_strlcpy(u->base.title, title, sizeof u->base.title);
	struct bf_list_source src = {recips_count, recips_fetch, NULL, NULL, u};
	memcpy(u->cols, rec_cols, sizeof u->cols);
	u->cols[RC_FILE].width = bf_lk_number_width(u->db);
	bf_list_init(&u->list, app, u->cols, RC_COUNT, src);
	u->list.empty_text = N_("Nobody on the list: w on the campaign draws it.");
	return bf_app_push(app, &u->base);
}

/* ---- spot checks: the sample of paid households and the calls ---------------------------- */

enum { SC_FILE, SC_NAME, SC_PLACE, SC_PHONE, SC_RESULT, SC_COUNT };

static const struct bf_list_col sc_cols[SC_COUNT] = {
    [SC_FILE] = {N_("File"), 9, BF_COL_NOSORT},
    [SC_NAME] = {N_("Name"), 6, BF_COL_NOSORT},
    [SC_PLACE] = {N_("Unit"), 8, BF_COL_NOSORT},
    [SC_PHONE] = {N_("Phone"), 11, BF_COL_NOSORT},
    [SC_RESULT] = {N_("Result"), 10, BF_COL_FLEX | BF_COL_NOSORT},
};

struct spot {
	struct bf_lk_screen lk; /* rows: struct bf_spotcheck_item */
	/* sc_cols, the File column as wide as the numbers */
	struct bf_list_col cols[SC_COUNT];
	bf_db *db;
	int64_t campaign_id;
	struct bf_spotcheck sc;
	bool drawn;
};

static int spot_load(struct bf_lk_screen *s, void **rows, size_t *n, bf_error *err)
{
	struct spot *u = (struct spot *)s;
	int rc = bf_spotcheck_load(u->db, u->campaign_id, &u->sc, (struct bf_spotcheck_item **)rows,
	                           n, err);
	u->drawn = rc == 0; /* 1: none drawn yet */
	return rc < 0 ? -1 : 0;
}

static void spot_row(struct bf_lk_screen *s, size_t i, struct bf_list_page *pg, size_t got)
{
	const struct bf_spotcheck_item *it = (const struct bf_spotcheck_item *)s->rows + i;
	char res[320];
	if (!it->method[0])
		bf_strlcpy(res, _("not yet"), sizeof res);
	else if (bf_spotcheck_item_has_problem(it))
		snprintf(res, sizeof res, "%s %s: %s", it->checked_on,
		         !strcmp(it->method, "visit") ? _("visit") : _("call"),
		         it->problem[0]     ? it->problem
		         : it->reached == 0 ? _("not reached")
		                            : _("not confirmed"));
	else
		snprintf(res, sizeof res, "%s %s: %s", it->checked_on,
		         !strcmp(it->method, "visit") ? _("visit") : _("call"), _("confirmed"));
	bf_list_page_set(pg, got, SC_FILE, it->case_number);
	bf_list_page_set(pg, got, SC_NAME, it->name);
	bf_list_page_set(pg, got, SC_PLACE, it->place);
	bf_list_page_set(pg, got, SC_PHONE, it->phone);
	bf_list_page_set(pg, got, SC_RESULT, res);
	bf_list_page_set_id(pg, got, it->id);
}

static void spot_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct spot *u = (struct spot *)s;
	if (r.h < 4)
		return;
	bf_lk_screen_fresh(&u->lk);
	if (!u->lk.fresh.loaded)
		bf_lk_screen_load(&u->lk);
	char line[256];
	if (u->drawn)
		snprintf(line, sizeof line, _("Spot check: %lld of %lld paid households (%d%%)."),
		         (long long)u->sc.drawn, (long long)u->sc.population, u->sc.percent);
	else
		bf_strlcpy(line, _("No spot check drawn yet: k draws the sample."), sizeof line);
	bf_list_draw(&u->lk.list, w, bf_lk_head(w, r, line, _("c: record the call or visit.")));
}

static void spot_draw_sample(struct spot *u)
{
	struct bf_app *app = u->lk.base.app;
	if (u->drawn) {
		bf_app_msg(app, BF_MSG_INFO, "%s", _("The sample is drawn once per campaign."));
		return;
	}
	if (!bf_dlg_confirm(app, _("Draw the spot-check sample of the paid households now?"), true))
		return;
	struct bf_spotcheck sc;
	bf_error err = {{0}};
	if (bf_spotcheck_draw_campaign(u->db, u->campaign_id, 0, false, 0, &sc, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		return;
	}
	bf_lk_screen_reload(&u->lk);
}

static void spot_record(struct spot *u)
{
	struct bf_app *app = u->lk.base.app;
	size_t i;
	if (!bf_list_selected(&u->lk.list, &i) || i >= u->lk.n) {
		bf_app_msg(app, BF_MSG_INFO, "%s",
		           _("No spot check drawn yet: k draws the sample."));
		return;
	}
	const struct bf_spotcheck_item *it = (const struct bf_spotcheck_item *)u->lk.rows + i;
	char title[256];
	snprintf(title, sizeof title, "%s  %s  %s", it->case_number, it->name, it->phone);
	const char *how[2] = {_("call"), _("visit")};
	int m = bf_dlg_choose(app, title, how, 2, 0);
	if (m < 0)
		return;
	bool reached = bf_dlg_confirm(app, _("Reached the household?"), true);
	int confirmed = -1;
	if (reached)
		confirmed = bf_dlg_confirm(app, _("Did they confirm the amount received?"), true);
	char problem[256] = "";
	if (!bf_dlg_prompt(app, title, _("Problem found (blank: none):"), problem, sizeof problem,
	                   120))
		return;
	char today[BF_DATE_SZ];
	bf_date_format(bf_campaign_ui_today(app), today);
	char number[32];
	bf_strlcpy(number, it->case_number, sizeof number);
	bf_error err = {{0}};
	if (bf_spotcheck_record(u->db, u->campaign_id, number, m ? "visit" : "call", today, reached,
	                        confirmed, problem, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		return;
	}
	bf_app_msg(app, BF_MSG_INFO, _("%s: check recorded."), number);
	bf_lk_screen_reload(&u->lk);
}

static bool spot_action(struct bf_screen *s, enum bf_action a)
{
	struct spot *u = (struct spot *)s;
	switch (a) {
	case BF_ACT_CAMP_SPOTCHECK:
		spot_draw_sample(u);
		return true;
	case BF_ACT_CAMP_CHECK_RECORD:
		spot_record(u);
		return true;
	case BF_ACT_REDRAW:
		bf_lk_screen_reload(&u->lk);
		return false;
	default:
		return false;
	}
}

static const enum bf_action spot_actions[] = {BF_ACT_CAMP_SPOTCHECK, BF_ACT_CAMP_CHECK_RECORD,
                                              BF_ACT_NONE};

static const struct bf_screen_ops spot_ops = {
    .name = "spotcheck",
    .actions = spot_actions,
    .draw = spot_draw,
    .action = spot_action,
    .input = bf_lk_screen_input,
    .on_close = bf_lk_screen_close,
};

static int spotcheck_open(struct bf_app *app, int64_t campaign_id, const char *title)
{
	struct spot *u = calloc(1, sizeof *u);
	if (!u)
		return -1;
	u->lk.base.ops = &spot_ops;
	u->db = &app->ctx->db;
	u->campaign_id = campaign_id;
	bf_strlcpy(u->lk.base.title, title, sizeof u->lk.base.title);
	u->lk.load = spot_load;
	u->lk.row = spot_row;
	memcpy(u->cols, sc_cols, sizeof u->cols);
	u->cols[SC_FILE].width = bf_lk_number_width(u->db);
	bf_lk_screen_init(&u->lk, app, u->cols, SC_COUNT,
	                  N_("No spot check drawn yet: k draws the sample."));
	return bf_app_push(app, &u->lk.base);
}

/* ---- the ledger (资金台账): totals and a campaign's reconciliation ------------------------ */

struct ledger {
	struct bf_screen base;
	bf_db *db;
	int year;
	int64_t campaign_id; /* 0 every payment of the year, -1 consolation only */
	char name[BF_TEXT_SZ];
	enum bf_ledger_by by;
	struct bf_ledger_total *t;
	size_t n;
	struct bf_ledger_total all;
	struct bf_reconcile_line recon[BF_MAX_GROUPS], recon_total;
	size_t nrecon;
	bool ok;
	int sel;       /* the totals row selected */
	int top, page; /* first line shown, lines that fit */
};

static void ledger_filter(const struct ledger *u, struct bf_ledger_filter *f)
{
	memset(f, 0, sizeof *f);
	f->campaign_id = u->campaign_id;
	if (u->campaign_id > 0) /* a campaign's payments, whatever their year */
		return;
	snprintf(f->from, sizeof f->from, "%04d-01-01", u->year);
	snprintf(f->to, sizeof f->to, "%04d-12-31", u->year);
}

static void ledger_load(struct ledger *u)
{
	free(u->t);
	u->t = NULL;
	u->n = 0;
	u->nrecon = 0;
	u->ok = true;
	u->sel = 0;
	memset(&u->all, 0, sizeof u->all);
	struct bf_ledger_filter f;
	ledger_filter(u, &f);
	bf_error err = {{0}};
	if (bf_ledger_totals(u->db, &f, u->by, &u->t, &u->n, &err) != 0 ||
	    (u->campaign_id > 0 &&
	     bf_campaign_reconcile(u->db, u->campaign_id, u->recon, BF_MAX_GROUPS, &u->nrecon,
	                           &u->recon_total, &u->ok, &err) != 0))
		bf_app_msg(u->base.app, BF_MSG_ERROR, "%s", err.msg);
	for (size_t i = 0; i < u->n; i++) {
		u->all.count += u->t[i].count;
		u->all.cash += u->t[i].cash;
		u->all.goods += u->t[i].goods;
	}
}

/* Content lines below the two fixed ones: the totals (a header, the rows,
 * "in all"), then for a campaign a blank line, the reconciliation's title
 * and header, its rows and total, and the verdict. */
static int ledger_lines(const struct ledger *u)
{
	return (int)u->n + 2 + (u->campaign_id > 0 ? (int)u->nrecon + 5 : 0);
}

static bool recon_line_ok(const struct bf_reconcile_line *l)
{
	return l->budget == l->paid + l->not_paid + l->pending && l->ledger == l->paid;
}

static const char *by_title(enum bf_ledger_by by)
{
	return by == BF_LEDGER_BY_MONTH  ? _("By month")
	       : by == BF_LEDGER_BY_UNIT ? _("By unit")
	                                 : _("By group");
}

static void ledger_total_line(WINDOW *w, int y, int x, int width, const char *key,
                              const struct bf_ledger_total *t, attr_t a)
{
	/* key (flex) | payments 8 | cash 12 | goods 12 | total 12 */
	int wk = width - 8 - 3 * 12 - 4;
	char b[48];
	bf_draw_str(w, y, x, wk, key, a);
	x += wk + 1;
	if (!t) {
		bf_lk_draw_right(w, y, x, 8, _("Payments"), a);
		bf_lk_draw_right(w, y, x + 9, 12, _("Cash"), a);
		bf_lk_draw_right(w, y, x + 22, 12, _("Goods"), a);
		bf_lk_draw_right(w, y, x + 35, 12, _("Total"), a);
		return;
	}
	snprintf(b, sizeof b, "%lld", (long long)t->count);
	bf_lk_draw_right(w, y, x, 8, b, a);
	bf_lk_draw_right(w, y, x + 9, 12, bf_money_format(t->cash, b, sizeof b), a);
	bf_lk_draw_right(w, y, x + 22, 12, bf_money_format(t->goods, b, sizeof b), a);
	bf_lk_draw_right(w, y, x + 35, 12, bf_money_format(t->cash + t->goods, b, sizeof b), a);
}

static void recon_row(WINDOW *w, int y, int x, int width, const struct bf_reconcile_line *l,
                      attr_t a)
{
	/* group (flex) | budget, paid, not paid, pending, ledger 10 each; a
	 * group that does not reconcile is marked "!" before its name */
	int wg = width - 5 * 11;
	char g[BF_TEXT_SZ + 4];
	snprintf(g, sizeof g, "%s%s", l && !recon_line_ok(l) ? "! " : "",
	         l ? l->group : _("Group"));
	bf_draw_str(w, y, x, wg, g, a);
	x += wg + 1;
	const char *head[5] = {_("Budget"), _("Paid"), _("Not paid"), _("Pending"), _("Ledger")};
	const bf_fen v[5] = {l ? l->budget : 0, l ? l->paid : 0, l ? l->not_paid : 0,
	                     l ? l->pending : 0, l ? l->ledger : 0};
	for (int i = 0; i < 5; i++) {
		char b[40];
		bf_lk_draw_right(w, y, x + 11 * i, 10,
		                 l ? bf_money_format(v[i], b, sizeof b) : head[i], a);
	}
}

static void ledger_draw_line(struct ledger *u, WINDOW *w, int i, int y, int x, int width)
{
	if (i == 0) {
		ledger_total_line(w, y, x, width, by_title(u->by), NULL, A_UNDERLINE);
		return;
	}
	if (i <= (int)u->n) {
		const struct bf_ledger_total *t = &u->t[i - 1];
		const char *key =
		    u->by == BF_LEDGER_BY_GROUP ? bf_ledger_group_label(t->key) : t->key;
		attr_t a = i - 1 == u->sel ? bf_attr(BF_ATTR_FOCUS) : A_NORMAL;
		if (a != A_NORMAL)
			bf_fill(w, y, x, width, a);
		ledger_total_line(w, y, x, width, key[0] ? key : _("(not recorded)"), t, a);
		return;
	}
	if (i == (int)u->n + 1) {
		ledger_total_line(w, y, x, width, _("In all"), &u->all, A_BOLD);
		return;
	}
	i -= (int)u->n + 2; /* the reconciliation */
	attr_t bad = bf_attr(BF_ATTR_ERROR) | A_BOLD;
	if (i == 1)
		bf_draw_str(w, y, x, width, _("Reconciliation with the budget"), A_BOLD);
	else if (i == 2)
		recon_row(w, y, x, width, NULL, A_UNDERLINE);
	else if (i >= 3 && i < 3 + (int)u->nrecon)
		recon_row(w, y, x, width, &u->recon[i - 3],
		          recon_line_ok(&u->recon[i - 3]) ? A_NORMAL : bad);
	else if (i == 3 + (int)u->nrecon)
		recon_row(w, y, x, width, &u->recon_total,
		          recon_line_ok(&u->recon_total) ? A_BOLD : bad);
	else if (i == 4 + (int)u->nrecon)
		bf_draw_str(w, y, x, width,
		            u->ok ? _("The ledger reconciles with the budget.")
		                  : _("The ledger does NOT reconcile with the budget: the groups "
		                      "marked ! differ."),
		            u->ok ? A_BOLD : bad);
}

static void ledger_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct ledger *u = (struct ledger *)s;
	if (r.h < 5)
		return;
	char line[256];
	if (u->campaign_id > 0)
		snprintf(line, sizeof line, _("Ledger of %s: all its payments"), u->name);
	else if (u->campaign_id < 0)
		snprintf(line, sizeof line, _("Ledger %d: consolation events"), u->year);
	else
		snprintf(line, sizeof line, _("Ledger %d: campaigns and consolation"), u->year);
	bf_draw_str(w, r.y, r.x + 1, r.w - 2, line, A_BOLD);
	bf_draw_str(w, r.y + 1, r.x + 1, r.w - 2,
	            _("Enter: the payments of the line.  Tab: totals by group, month or unit."),
	            A_DIM);
	bf_draw_str(w, r.y + 2, r.x + 1, r.w - 2,
	            _("< >: year.  f: the year's, consolation only, or one campaign.  x: XLSX."),
	            A_DIM);
	u->page = r.h - 3;
	int n = ledger_lines(u);
	if (u->top > n - u->page)
		u->top = n - u->page;
	if (u->top < 0)
		u->top = 0;
	for (int i = u->top, y = r.y + 3; i < n && y < r.y + r.h; i++, y++)
		ledger_draw_line(u, w, i, y, r.x + 1, r.w - 2);
}

/* f: every payment of the year, its consolation events, or one campaign. */
static void ledger_choose(struct ledger *u)
{
	struct bf_app *app = u->base.app;
	struct bf_campaign_row *rows = NULL;
	size_t n = 0;
	bf_error err = {{0}};
	if (bf_campaign_list(u->db, &rows, &n, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		return;
	}
	const char **items = calloc(n + 2, sizeof *items);
	char(*names)[BF_TEXT_SZ + 16] = calloc(n ? n : 1, sizeof *names);
	if (items && names) {
		items[0] = _("Every payment of the year");
		items[1] = _("Consolation events of the year");
		for (size_t i = 0; i < n; i++) {
			snprintf(names[i], sizeof names[i], "%s (%d)", rows[i].name, rows[i].year);
			items[i + 2] = names[i];
		}
		int cur = 0;
		for (size_t i = 0; i < n; i++)
			if (rows[i].id == u->campaign_id)
				cur = (int)i + 2;
		int k = bf_dlg_choose(app, _("Which payments"), items, n + 2,
		                      u->campaign_id < 0 ? 1 : cur);
		if (k >= 2) {
			u->campaign_id = rows[k - 2].id;
			u->year = rows[k - 2].year;
			bf_strlcpy(u->name, rows[k - 2].name, sizeof u->name);
		} else if (k >= 0) {
			u->campaign_id = k == 0 ? 0 : -1;
		}
		if (k >= 0) {
			u->top = 0;
			ledger_load(u);
		}
	}
	free(items);
	free(names);
	free(rows);
}

/* x: the payments, the three totals and (for a campaign) the
 * reconciliation as XLSX, IDs masked. */
static void ledger_export(struct ledger *u)
{
	struct bf_app *app = u->base.app;
	struct bf_ledger_filter f;
	ledger_filter(u, &f);
	char path[1024], name[BF_TEXT_SZ + 64], title[BF_TEXT_SZ + 64];
	if (u->campaign_id > 0) { /* documents are in Chinese (campaign_export.h) */
		snprintf(title, sizeof title, "资金台账（%s）", u->name);
		snprintf(name, sizeof name, "资金台账-%s.xlsx", u->name);
	} else {
		snprintf(title, sizeof title, "资金台账（%d年%s）", u->year,
		         u->campaign_id < 0 ? "慰问" : "");
		snprintf(name, sizeof name, "资金台账-%d%s.xlsx", u->year,
		         u->campaign_id < 0 ? "-慰问" : "");
	}
	bf_save_path(name, path, sizeof path);
	if (!bf_dlg_prompt(app, _("Ledger"), _("File:"), path, sizeof path, 1000))
		return;
	struct bf_ledger_export x = {.title = title};
	struct bf_ledger_total *t[3] = {NULL, NULL, NULL};
	size_t nt[3] = {0, 0, 0};
	struct bf_ledger_row *rows = NULL;
	bf_error err = {{0}};
	bf_outfile *o = bf_dlg_outfile(app, u->db, path, &err);
	if (!o) {
		if (err.msg[0])
			bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		return;
	}
	struct bf_ui_progress pr;
	bf_ui_progress_start(&pr, app, _("Ledger (payments)"));
	int rc = bf_ledger_rows(u->db, &f, &rows, &x.n, &err);
	for (int b = 0; b < 3 && rc == 0; b++)
		rc = bf_ledger_totals(u->db, &f, (enum bf_ledger_by)b, &t[b], &nt[b], &err);
	if (rc == 0) {
		x.rows = rows;
		x.by_month = t[BF_LEDGER_BY_MONTH];
		x.n_month = nt[BF_LEDGER_BY_MONTH];
		x.by_unit = t[BF_LEDGER_BY_UNIT];
		x.n_unit = nt[BF_LEDGER_BY_UNIT];
		x.by_group = t[BF_LEDGER_BY_GROUP];
		x.n_group = nt[BF_LEDGER_BY_GROUP];
		if (u->campaign_id > 0) {
			x.recon = u->recon;
			x.n_recon = u->nrecon;
			x.recon_total = &u->recon_total;
		}
		x.progress = bf_ui_progress_cb;
		x.progress_ud = &pr;
		rc = bf_xlsx_ledger(o, &x, &err);
	}
	rc = bf_outfile_finish(o, rc, &err);
	if (bf_ui_progress_end(&pr)) {
		/* the message line says it was cancelled */
	} else if (rc != 0)
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
	else
		bf_app_msg(app, BF_MSG_INFO,
		           ngettext("Written: %s (%zu payment)", "Written: %s (%zu payments)",
		                    (unsigned long)x.n),
		           path, x.n);
	free(rows);
	for (int b = 0; b < 3; b++)
		free(t[b]);
}

/* ---- the payments behind one line of the ledger's totals ------------------------------- */

enum { PC_DATE, PC_FILE, PC_PAYEE, PC_WHAT, PC_AMOUNT, PC_SIGNER, PC_COUNT };

static const struct bf_list_col pay_cols[PC_COUNT] = {
    [PC_DATE] = {N_("Date"), 10, BF_COL_NOSORT},
    [PC_FILE] = {N_("File"), 9, BF_COL_NOSORT},
    [PC_PAYEE] = {N_("Name"), 6, BF_COL_NOSORT},
    [PC_WHAT] = {N_("For"), 10, BF_COL_FLEX | BF_COL_NOSORT},
    [PC_AMOUNT] = {N_("Amount"), 10, BF_COL_NOSORT | BF_COL_RIGHT},
    [PC_SIGNER] = {N_("Signed by"), 9, BF_COL_NOSORT},
};

struct pays {
	struct bf_screen base;
	struct bf_list list;
	struct bf_list_col cols[PC_COUNT]; /* pay_cols, the File column as wide as the numbers */
	struct bf_ledger_row *r;
	size_t n;
	char head[BF_TEXT_SZ * 2];
};

static size_t pays_count(void *data)
{
	return ((struct pays *)data)->n;
}

static size_t pays_fetch(void *data, size_t offset, size_t limit, struct bf_list_page *pg)
{
	struct pays *u = data;
	size_t got = 0;
	for (size_t i = offset; i < u->n && got < limit; i++, got++) {
		const struct bf_ledger_row *r = &u->r[i];
		char amount[40];
		bf_money_format(r->cash + r->goods, amount, sizeof amount);
		bf_list_page_set(pg, got, PC_DATE, r->paid_on);
		bf_list_page_set(pg, got, PC_FILE, r->case_number);
		bf_list_page_set(pg, got, PC_PAYEE, r->payee);
		bf_list_page_set(pg, got, PC_WHAT, r->what);
		bf_list_page_set(pg, got, PC_AMOUNT, amount);
		bf_list_page_set(pg, got, PC_SIGNER, r->signer);
		bf_list_page_set_id(pg, got, r->id);
	}
	return got;
}

static void pays_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct pays *u = (struct pays *)s;
	if (r.h < 3)
		return;
	bf_draw_str(w, r.y, r.x + 1, r.w - 2, u->head, A_BOLD);
	bf_list_draw(&u->list, w, (struct bf_rect){r.y + 1, r.x, r.h - 1, r.w});
}

static bool pays_input(struct bf_screen *s, bf_key k)
{
	return bf_list_input(&((struct pays *)s)->list, k);
}

static void pays_close(struct bf_screen *s)
{
	struct pays *u = (struct pays *)s;
	bf_list_free(&u->list);
	free(u->r);
	free(u);
}

static const enum bf_action pays_actions[] = {BF_ACT_NONE};

static const struct bf_screen_ops pays_ops = {
    .name = "payments",
    .actions = pays_actions,
    .draw = pays_draw,
    .input = pays_input,
    .on_close = pays_close,
};

/* The key of a payment in the ledger's totals by `by`. */
static bool ledger_row_has_key(const struct bf_ledger_row *r, enum bf_ledger_by by, const char *key)
{
	if (by == BF_LEDGER_BY_MONTH)
		return !strncmp(r->paid_on, key, 7);
	return !strcmp(by == BF_LEDGER_BY_UNIT ? r->unit : r->grp, key);
}

/* Enter: the payments behind the selected line, in date order. */
static void ledger_open_line(struct ledger *u)
{
	struct bf_app *app = u->base.app;
	if (u->sel < 0 || (size_t)u->sel >= u->n) {
		bf_app_msg(app, BF_MSG_INFO, "%s", _("No payment here."));
		return;
	}
	const struct bf_ledger_total *t = &u->t[u->sel];
	struct bf_ledger_filter f;
	ledger_filter(u, &f);
	struct pays *p = calloc(1, sizeof *p);
	if (!p)
		return;
	bf_error err = {{0}};
	if (bf_ledger_rows(u->db, &f, &p->r, &p->n, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		free(p);
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < p->n; i++)
		if (ledger_row_has_key(&p->r[i], u->by, t->key))
			p->r[n++] = p->r[i];
	p->n = n;
	const char *key = u->by == BF_LEDGER_BY_GROUP ? bf_ledger_group_label(t->key) : t->key;
	char money[40];
	snprintf(
	    p->head, sizeof p->head,
	    ngettext("%s: %zu payment, %s yuan", "%s: %zu payments, %s yuan", (unsigned long)n),
	    key[0] ? key : _("(not recorded)"), n,
	    bf_money_format(t->cash + t->goods, money, sizeof money));
	p->base.ops = &pays_ops;
	bf_strlcpy(p->base.title, _("Payments"), sizeof p->base.title);
	struct bf_list_source src = {pays_count, pays_fetch, NULL, NULL, p};
	memcpy(p->cols, pay_cols, sizeof p->cols);
	p->cols[PC_FILE].width = bf_lk_number_width(u->db);
	bf_list_init(&p->list, app, p->cols, PC_COUNT, src);
	p->list.empty_text = N_("No payment here.");
	bf_app_push(app, &p->base);
}

static bool ledger_action(struct bf_screen *s, enum bf_action a)
{
	struct ledger *u = (struct ledger *)s;
	switch (a) {
	case BF_ACT_EDIT:
		ledger_open_line(u);
		return true;
	case BF_ACT_LEDGER_BY:
		u->by = u->by == BF_LEDGER_BY_GROUP   ? BF_LEDGER_BY_MONTH
		        : u->by == BF_LEDGER_BY_MONTH ? BF_LEDGER_BY_UNIT
		                                      : BF_LEDGER_BY_GROUP;
		u->top = 0;
		ledger_load(u);
		return true;
	case BF_ACT_YEAR_PREV:
	case BF_ACT_YEAR_NEXT:
	case BF_ACT_YEAR:
		if (u->campaign_id > 0) {
			bf_app_msg(s->app, BF_MSG_INFO, "%s",
			           _("A campaign's ledger is shown whole; f: the payments of a "
			             "year."));
			return true;
		}
		if (bf_campaign_ui_year_action(s->app, a, &u->year)) {
			u->top = 0;
			ledger_load(u);
		}
		return true;
	case BF_ACT_FILTER:
		ledger_choose(u);
		return true;
	case BF_ACT_CAMP_EXPORT:
		ledger_export(u);
		return true;
	case BF_ACT_REDRAW:
		ledger_load(u);
		return false;
	default:
		return false;
	}
}

static bool ledger_input(struct bf_screen *s, bf_key k)
{
	struct ledger *u = (struct ledger *)s;
	int last = (int)u->n - 1;
	if (k == BF_KC(KEY_UP)) {
		if (u->sel > 0)
			u->sel--;
		else
			u->top = 0; /* the header too */
	} else if (k == BF_KC(KEY_DOWN)) {
		if (u->sel < last)
			u->sel++;
		else
			u->top++; /* what is below: the reconciliation */
	} else if (k == BF_KC(KEY_PPAGE) || k == BF_KC(KEY_NPAGE)) {
		u->top += k == BF_KC(KEY_PPAGE) ? -u->page : u->page;
		return true; /* kept in range when drawn */
	} else {
		return false;
	}
	/* keep the selected row (line sel + 1) in view */
	if (u->sel + 1 < u->top)
		u->top = u->sel + 1;
	if (u->page > 0 && u->sel + 1 >= u->top + u->page && u->sel < last)
		u->top = u->sel + 2 - u->page;
	return true;
}

static void ledger_close(struct bf_screen *s)
{
	free(((struct ledger *)s)->t);
	free(s);
}

static const enum bf_action ledger_actions[] = {
    BF_ACT_EDIT,   BF_ACT_LEDGER_BY,   BF_ACT_YEAR_PREV, BF_ACT_YEAR_NEXT,
    BF_ACT_FILTER, BF_ACT_CAMP_EXPORT, BF_ACT_YEAR,      BF_ACT_NONE};

static const struct bf_screen_ops ledger_ops = {
    .name = "ledger",
    .actions = ledger_actions,
    .draw = ledger_draw,
    .action = ledger_action,
    .input = ledger_input,
    .on_close = ledger_close,
};

static int ledger_open(struct bf_app *app, int year, int64_t campaign_id, const char *name)
{
	struct ledger *u = calloc(1, sizeof *u);
	if (!u)
		return -1;
	u->base.ops = &ledger_ops;
	u->base.app = app;
	u->db = &app->ctx->db;
	u->year = year;
	u->campaign_id = campaign_id;
	bf_strlcpy(u->name, name ? name : "", sizeof u->name);
	u->by = BF_LEDGER_BY_GROUP;
	bf_strlcpy(u->base.title, _("Ledger"), sizeof u->base.title);
	ledger_load(u);
	return bf_app_push(app, &u->base);
}

int bf_ledger_open(struct bf_app *app)
{
	if (!bf_campaign_ui_may_view(app))
		return -1;
	return ledger_open(app, bf_campaign_ui_year(app), 0, NULL);
}
