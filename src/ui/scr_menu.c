/* scr_menu.c — the menu opened from the case list (m, F9): what the
 * operator's role may open besides the files. One table below: a row per
 * entry with the permission it needs (or none) and what opens it, so later
 * screens (campaigns, publicity) add a row. Up/Down and Enter, or the
 * entry's number; Esc goes back. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/store.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_screens.h"

#define NO_PERM (-1)

static int open_lock(struct bf_app *app)
{
	if (!app->lock) {
		bf_app_msg(app, BF_MSG_WARN, "%s", _("Screen locking is not set up."));
		return -1;
	}
	app->lock(app);
	return 0;
}

static int open_about(struct bf_app *app)
{
	char text[512];
	snprintf(text, sizeof text,
	         _("bangfu %s — casework for the trade union's hardship assistance.\n"
	           "Every change and every full number shown is recorded in the audit log."),
	         PACKAGE_VERSION);
	bf_dlg_message(app, _("About bangfu"), text);
	return 0;
}

struct menu_entry {
	const char *label; /* msgid */
	int perm;          /* enum bf_perm, or NO_PERM */
	int (*open)(struct bf_app *app);
};

/* Offered on every database (as the role allows). */
static const struct menu_entry common_table[] = {
    {N_("Users"), BF_PERM_USERS, bf_users_open},
    {N_("Audit log"), BF_PERM_AUDIT_VIEW, bf_audit_open},
    {N_("Change my password"), BF_PERM_OWN_PASSWORD, bf_password_change_open},
    {N_("Lock the screen"), NO_PERM, open_lock},
    {N_("About bangfu"), NO_PERM, open_about},
};

/* A district's database (unit.district_mode) has no casework of its own:
 * these come first there, and the unit's casework below is not offered. */
static const struct menu_entry district_table[] = {
    {N_("Import a package"), BF_PERM_DISTRICT_IMPORT, bf_district_import_run},
    {N_("Consolidation"), BF_PERM_CASE_VIEW, bf_district_open},
    {N_("Units"), BF_PERM_CONSOLIDATE, bf_district_units_open},
    {N_("Summary"), BF_PERM_CASE_VIEW, bf_district_summary_open},
};

/* The unit's casework, after the common entries. */
static const struct menu_entry menu_table[] = {
    {N_("Publicity rounds"), BF_PERM_CASE_VIEW, bf_publicity_open},
    {N_("Campaigns"), BF_PERM_CASE_VIEW, bf_campaign_open},
    {N_("Consolation events"), BF_PERM_CASE_VIEW, bf_consolation_open},
    {N_("Consolation standards"), BF_PERM_CASE_VIEW, bf_standards_open},
    {N_("Ledger"), BF_PERM_CASE_VIEW, bf_ledger_open},
    {N_("Holiday calendar"), BF_PERM_SETTINGS, bf_holiday_open},
    {N_("Submission to the district"), BF_PERM_CASE_VIEW, bf_submission_open},
};

struct menu {
	struct bf_screen base;
	const struct menu_entry *shown[BF_ARRAY_LEN(common_table) + BF_ARRAY_LEN(district_table) +
	                               BF_ARRAY_LEN(menu_table)];
	int n, sel;
};

/* The key that opens entry i: 1..9, then 0, then a, b, c, ... (q stays
 * Quit: the menu never gets that long). */
static int menu_key(int i)
{
	return i < 9 ? '1' + i : i == 9 ? '0' : 'a' + (i - 10);
}

static void menu_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct menu *m = (struct menu *)s;
	int x = r.x + 4, y = r.y + 1;
	for (int i = 0; i < m->n && y < r.y + r.h; i++, y++) {
		char line[256];
		snprintf(line, sizeof line, " %c  %s ", menu_key(i), _(m->shown[i]->label));
		attr_t a = i == m->sel ? bf_attr(BF_ATTR_FOCUS) : A_NORMAL;
		if (i == m->sel)
			bf_fill(w, y, x, 40, a);
		bf_draw_str(w, y, x, r.w - 8, line, a);
	}
	if (y + 1 < r.y + r.h)
		bf_draw_str(w, y + 1, x, r.w - 8,
		            _("Up/Down and Enter, or the key before the entry; Esc goes back."), A_DIM);
}

static void menu_open(struct menu *m, int i)
{
	struct bf_app *app = m->base.app;
	const struct menu_entry *e = m->shown[i];
	/* the menu goes away first: Back from what it opened leads home */
	bf_app_pop(app); /* frees m */
	e->open(app);
}

static bool menu_input(struct bf_screen *s, bf_key k)
{
	struct menu *m = (struct menu *)s;
	if (k == BF_KC(KEY_UP)) {
		m->sel = (m->sel + m->n - 1) % m->n;
		return true;
	}
	if (k == BF_KC(KEY_DOWN)) {
		m->sel = (m->sel + 1) % m->n;
		return true;
	}
	if (k == BF_KC(KEY_HOME)) {
		m->sel = 0;
		return true;
	}
	if (k == BF_KC(KEY_END)) {
		m->sel = m->n - 1;
		return true;
	}
	for (int i = 0; i < m->n && i < 26; i++)
		if (k == (bf_key)menu_key(i)) {
			menu_open(m, i);
			return true;
		}
	return false;
}

static bool menu_action(struct bf_screen *s, enum bf_action a)
{
	struct menu *m = (struct menu *)s;
	if (a == BF_ACT_EDIT) {
		menu_open(m, m->sel);
		return true;
	}
	return false;
}

static void menu_close(struct bf_screen *s)
{
	free(s);
}

static const enum bf_action menu_actions[] = {BF_ACT_EDIT, BF_ACT_NONE};

static const struct bf_screen_ops menu_ops = {
    .name = "menu",
    .actions = menu_actions,
    .draw = menu_draw,
    .action = menu_action,
    .input = menu_input,
    .on_close = menu_close,
};

static void menu_add(struct menu *m, const bf_db *db, const struct menu_entry *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].perm == NO_PERM || bf_store_can(db, (enum bf_perm)t[i].perm))
			m->shown[m->n++] = &t[i];
}

int bf_menu_open(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return -1;
	struct menu *m = calloc(1, sizeof *m);
	if (!m)
		return -1;
	m->base.ops = &menu_ops;
	bf_strlcpy(m->base.title, _("Menu"), sizeof m->base.title);
	bf_db *db = &app->ctx->db;
	struct bf_unit u;
	bf_error err = {{0}};
	bool district = bf_unit_load(db, &u, &err) == 0 && u.district_mode;
	if (district)
		menu_add(m, db, district_table, BF_ARRAY_LEN(district_table));
	menu_add(m, db, common_table, BF_ARRAY_LEN(common_table));
	if (!district)
		menu_add(m, db, menu_table, BF_ARRAY_LEN(menu_table));
	return bf_app_push(app, &m->base);
}
