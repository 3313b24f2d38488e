/* scr_holiday.c — the holiday calendar (节假日安排): a year as month grids,
 * six months at a time, with the days off (*) and the weekend days worked
 * (+) of the official arrangement. Arrows move by day and week, PgUp/PgDn by
 * month, < > by year; Space (t) makes the day off or worked, or as usual
 * again; e names it. The store checks the settings permission and the
 * audit triggers record every change. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/clock.h"
#include "bangfu/holiday_store.h"
#include "bangfu/store.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_screens.h"

#define MONTH_W 21 /* 7 days of 3 columns */
#define MONTH_GAP 3
#define MONTH_H 8 /* title, weekdays, 6 weeks */

struct holiday_scr {
	struct bf_screen base;
	bf_db *db;
	int year;
	bf_date sel;
	struct bf_holiday_file f; /* the year's days and its source */
};

static const char *month_name(int m)
{
	static const char *const names[] = {N_("January"), N_("February"), N_("March"),
	                                    N_("April"),   N_("May"),      N_("June"),
	                                    N_("July"),    N_("August"),   N_("September"),
	                                    N_("October"), N_("November"), N_("December")};
	return m >= 1 && m <= 12 ? _(names[m - 1]) : "";
}

static int year_of(bf_date d)
{
	int y, m, day;
	bf_date_to_ymd(d, &y, &m, &day);
	return y;
}

static void reload(struct holiday_scr *h)
{
	bf_holiday_file_free(&h->f);
	bf_error err = {{0}};
	if (bf_holiday_list(h->db, h->year, &h->f, &err) != 0)
		bf_app_msg(h->base.app, BF_MSG_ERROR, "%s", err.msg);
}

static const struct bf_holiday_day *day_entry(const struct holiday_scr *h, bf_date d)
{
	for (size_t i = 0; i < h->f.n; i++)
		if (h->f.days[i].date == d)
			return &h->f.days[i];
	return NULL;
}

static void select_day(struct holiday_scr *h, bf_date d)
{
	h->sel = d;
	if (year_of(d) != h->year) {
		h->year = year_of(d);
		reload(h);
	}
}

static void draw_month(struct holiday_scr *h, WINDOW *w, int y, int x, int month, int bottom)
{
	char title[64];
	snprintf(title, sizeof title, "%s", month_name(month));
	int tw = bf_str_width(title);
	if (y < bottom)
		bf_draw_str(w, y, x + (MONTH_W - tw) / 2, MONTH_W, title, A_BOLD);
	y++;
	if (y < bottom)
		for (int wd = 1; wd <= 7; wd++)
			bf_draw_str(w, y, x + (wd - 1) * 3, 2, bf_weekday_label(wd),
			            wd >= 6 ? A_DIM : A_NORMAL);
	y++;
	bf_date first = bf_date_from_ymd(h->year, month, 1);
	int col = bf_date_weekday(first) - 1, row = 0;
	for (bf_date d = first; year_of(d) == h->year; d++) {
		int yy, mm, dd;
		bf_date_to_ymd(d, &yy, &mm, &dd);
		if (mm != month)
			break;
		if (y + row < bottom) {
			const struct bf_holiday_day *e = day_entry(h, d);
			bool weekend = bf_date_weekday(d) >= 6;
			attr_t a = weekend ? A_DIM : A_NORMAL;
			char cell[8];
			snprintf(cell, sizeof cell, "%2d%s", dd,
			         !e                          ? " "
			         : e->kind == BF_DAY_WORKDAY ? "+"
			                                     : "*");
			if (e)
				a = e->kind == BF_DAY_WORKDAY ? (attr_t)(A_BOLD | A_UNDERLINE)
				                              : (attr_t)bf_attr(BF_ATTR_WARN);
			if (d == h->sel)
				a = bf_attr(BF_ATTR_FOCUS);
			bf_draw_str(w, y + row, x + col * 3, 3, cell, a);
		}
		if (++col == 7) {
			col = 0;
			row++;
		}
	}
}

static void holiday_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct holiday_scr *h = (struct holiday_scr *)s;
	int bottom = r.y + r.h, x0 = r.x + 2, y = r.y;
	char line[512];
	if (h->f.nyears) {
		snprintf(line, sizeof line, "%d  %s", h->year, h->f.years[0].note);
		bf_draw_str(w, y++, x0, r.w - 4, line, A_BOLD);
	} else {
		char warn[256];
		bf_calendar_warning(h->year, warn, sizeof warn);
		snprintf(line, sizeof line, "%d  %s", h->year, warn);
		bf_draw_str(w, y++, x0, r.w - 4, line, bf_attr(BF_ATTR_WARN));
	}
	y++;
	int yy, mm, dd;
	bf_date_to_ymd(h->sel, &yy, &mm, &dd);
	int first_month = mm <= 6 ? 1 : 7;
	for (int block = 0; block < 2; block++, y += MONTH_H + 1)
		for (int c = 0; c < 3; c++)
			draw_month(h, w, y, x0 + c * (MONTH_W + MONTH_GAP),
			           first_month + block * 3 + c, bottom);
	y--;
	if (y < bottom) {
		char date[11];
		bf_date_format(h->sel, date);
		const struct bf_holiday_day *e = day_entry(h, h->sel);
		bool working = e ? e->kind == BF_DAY_WORKDAY : bf_date_weekday(h->sel) <= 5;
		snprintf(line, sizeof line, "%s %s  %s%s%s%s", date,
		         bf_weekday_label(bf_date_weekday(h->sel)),
		         working ? _("working day") : _("day off"), e && e->name[0] ? "  " : "",
		         e ? e->name : "", e ? "" : _("  (as usual)"));
		bf_draw_str(w, y++, x0, r.w - 4, line, A_BOLD);
	}
	if (y < bottom)
		bf_draw_str(w, y, x0, r.w - 4,
		            _("* day off  + working day (调休)   Space: off/worked  e: name  "
		              "PgUp/PgDn: month"),
		            A_DIM);
}

/* Space: a usual day becomes off (weekday) or worked (weekend); a day the
 * calendar lists goes back to the usual rule. */
static void toggle(struct holiday_scr *h)
{
	const struct bf_holiday_day *e = day_entry(h, h->sel);
	bf_error err = {{0}};
	int rc;
	if (e)
		rc = bf_holiday_remove(h->db, h->sel, &err);
	else
		rc = bf_holiday_set(h->db, h->sel,
		                    bf_date_weekday(h->sel) <= 5 ? BF_DAY_HOLIDAY : BF_DAY_WORKDAY,
		                    NULL, &err);
	if (rc != 0)
		bf_app_msg(h->base.app, BF_MSG_ERROR, "%s", err.msg);
	reload(h);
}

static void name_day(struct holiday_scr *h)
{
	const struct bf_holiday_day *e = day_entry(h, h->sel);
	char name[BF_HOLIDAY_NAME_SZ] = "";
	enum bf_day_kind kind = bf_date_weekday(h->sel) <= 5 ? BF_DAY_HOLIDAY : BF_DAY_WORKDAY;
	if (e) {
		bf_strlcpy(name, e->name, sizeof name);
		kind = e->kind;
	}
	char date[11];
	bf_date_format(h->sel, date);
	if (!bf_dlg_prompt(h->base.app, date, _("Holiday (国庆节)"), name, sizeof name, 20))
		return;
	bf_error err = {{0}};
	if (bf_holiday_set(h->db, h->sel, kind, name, &err) != 0)
		bf_app_msg(h->base.app, BF_MSG_ERROR, "%s", err.msg);
	reload(h);
}

static bool holiday_input(struct bf_screen *s, bf_key k)
{
	struct holiday_scr *h = (struct holiday_scr *)s;
	int y, m, d;
	bf_date_to_ymd(h->sel, &y, &m, &d);
	int step = k == BF_KC(KEY_LEFT)    ? -1
	           : k == BF_KC(KEY_RIGHT) ? 1
	           : k == BF_KC(KEY_UP)    ? -7
	           : k == BF_KC(KEY_DOWN)  ? 7
	                                   : 0;
	if (step) {
		select_day(h, h->sel + step);
		return true;
	}
	if (k == BF_KC(KEY_NPAGE) || k == BF_KC(KEY_PPAGE)) {
		m += k == BF_KC(KEY_NPAGE) ? 1 : -1;
		if (m > 12)
			m = 1, y++;
		if (m < 1)
			m = 12, y--;
		select_day(h, bf_date_from_ymd(y, m, d > 28 ? 28 : d));
		return true;
	}
	return false;
}

static bool holiday_action(struct bf_screen *s, enum bf_action a)
{
	struct holiday_scr *h = (struct holiday_scr *)s;
	int y, m, d;
	bf_date_to_ymd(h->sel, &y, &m, &d);
	switch (a) {
	case BF_ACT_HOL_TOGGLE:
		toggle(h);
		return true;
	case BF_ACT_HOL_NAME:
		name_day(h);
		return true;
	case BF_ACT_YEAR_PREV:
	case BF_ACT_YEAR_NEXT:
		y += a == BF_ACT_YEAR_NEXT ? 1 : -1;
		if (y >= 1900 && y <= 2199)
			select_day(h, bf_date_from_ymd(y, m, m == 2 && d == 29 ? 28 : d));
		return true;
	case BF_ACT_YEAR: {
		char text[8];
		snprintf(text, sizeof text, "%d", h->year);
		if (bf_dlg_prompt(h->base.app, _("Holiday calendar"), _("Year"), text, sizeof text,
		                  4)) {
			int ny = atoi(text);
			if (ny >= 1900 && ny <= 2199)
				select_day(h, bf_date_from_ymd(ny, 1, 1));
			else
				bf_app_msg(h->base.app, BF_MSG_WARN, "%s",
				           _("Type a year from 1900 to 2199."));
		}
		return true;
	}
	default:
		return false;
	}
}

static void holiday_close(struct bf_screen *s)
{
	struct holiday_scr *h = (struct holiday_scr *)s;
	bf_holiday_file_free(&h->f);
	free(h);
}

static const enum bf_action holiday_actions[] = {BF_ACT_HOL_TOGGLE, BF_ACT_HOL_NAME,
                                                 BF_ACT_YEAR_PREV,  BF_ACT_YEAR_NEXT,
                                                 BF_ACT_YEAR,       BF_ACT_NONE};

static const struct bf_screen_ops holiday_ops = {
    .name = "holiday",
    .actions = holiday_actions,
    .draw = holiday_draw,
    .action = holiday_action,
    .input = holiday_input,
    .on_close = holiday_close,
};

int bf_holiday_open(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return -1;
	if (!bf_store_can(&app->ctx->db, BF_PERM_SETTINGS)) {
		char msg[256];
		bf_perm_denied(app->ctx->db.role, BF_PERM_SETTINGS, msg, sizeof msg);
		bf_app_msg(app, BF_MSG_WARN, "%s", msg);
		return -1;
	}
	struct holiday_scr *h = calloc(1, sizeof *h);
	if (!h)
		return -1;
	h->base.ops = &holiday_ops;
	bf_strlcpy(h->base.title, _("Holiday calendar"), sizeof h->base.title);
	h->db = &app->ctx->db;
	h->sel = app->ctx->today ? app->ctx->today : bf_clock_today();
	h->year = year_of(h->sel);
	reload(h);
	return bf_app_push(app, &h->base);
}
