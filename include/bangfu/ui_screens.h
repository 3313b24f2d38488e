/* ui_screens.h — the application's screens and how they open each other. */
#ifndef BANGFU_UI_SCREENS_H
#define BANGFU_UI_SCREENS_H

#include "bangfu/submission.h"
#include "bangfu/ui.h"

/* The case list (the home screen): src/ui/scr_caselist.c. */
int bf_caselist_open(struct bf_app *app);

/* The intake form of the hardship file (困难职工档案表): src/ui/scr_intake.c.
 * case_id 0 starts a new case. Offers a saved draft when there is one.
 * on_saved (may be NULL) is called after each successful save so the list
 * can refresh and select the case. */
int bf_intake_open(struct bf_app *app, int64_t case_id, void (*on_saved)(void *ud, int64_t case_id),
                   void *ud);

/* First start on a database that is not set up: the unit's details
 * (same fields as `bangfu init`). Returns 0 when saved, 1 when the user
 * left without saving. src/ui/scr_setup.c. */
int bf_setup_run(struct bf_app *app);

/* Accounts: src/ui/scr_login.c. The start of every session: the
 * administrator's account on a database that has none yet, else the login.
 * Returns 0 when someone is logged in (db->actor, db->role), 1 when the
 * user left. */
int bf_login_run(struct bf_app *app);
/* The idle lock (app->lock; also ^L): what is typed into open forms is kept
 * as a draft, the screen shows nothing but the lock until the same user's
 * password is typed. F2 there lets another user in: the session then ends
 * (app->stop_eof) and bf_login_switched() is true — close everything and
 * start again with bf_login_run. */
void bf_login_lock(struct bf_app *app);
bool bf_login_switched(struct bf_app *app);
/* Set app->idle_lock_ms from the setting idle_lock_minutes (default 5, 0 =
 * never) and app->lock to bf_login_lock. */
void bf_login_arm(struct bf_app *app);

/* Accounts and the audit log: src/ui/scr_users.c, src/ui/scr_audit.c,
 * src/ui/scr_menu.c. The users screen (BF_PERM_USERS) and the audit log
 * (BF_PERM_AUDIT_VIEW) refuse with a message for other roles; everyone may
 * change their own password. The menu (from the case list) lists what the
 * role may open. Each returns 0 when the screen is open. */
int bf_users_open(struct bf_app *app);
int bf_audit_open(struct bf_app *app);
int bf_password_change_open(struct bf_app *app);
int bf_menu_open(struct bf_app *app);
/* The holiday calendar (src/ui/scr_holiday.c): a year as month grids, a
 * day made off or worked, named. Changes need the settings permission (the
 * store asks) and are audited. */
int bf_holiday_open(struct bf_app *app);

/* Publicity rounds (公示): src/ui/scr_publicity.c. Listing needs case_view
 * or publicity; every change needs publicity (the store asks). */
int bf_publicity_open(struct bf_app *app);

/* Spring Festival campaigns (送温暖): src/ui/scr_campaign.c. The list of
 * campaigns, a new one, and a campaign's groups with the live budget.
 * Listing needs case_view; every change is checked by the store. */
int bf_campaign_open(struct bf_app *app);
/* The ledger (资金台账) of this year's payments, campaigns and consolation
 * alike, totalled by group, month or unit (src/ui/scr_campaign.c). */
int bf_ledger_open(struct bf_app *app);
/* Consolation events (慰问): src/ui/scr_consolation.c. The events of a
 * year; the standards (慰问标准) of a year, to edit (the store asks for the
 * settings permission). */
int bf_consolation_open(struct bf_app *app);
int bf_standards_open(struct bf_app *app);

/* The submission to the district (报送), the unit's side:
 * src/ui/scr_submission.c. The batches with the deadline above them, a
 * batch's files, export, the district's reply, the keys, the deadline.
 * Listing needs case_view; the keys a role cannot use are not offered and
 * the store refuses anyway. */
int bf_submission_open(struct bf_app *app);
/* The deadline line ("Submission deadline 2026-12-26 17:30: 3 days 4 hours
 * left") as the screens show it, into out ("" when no deadline is set);
 * returns its level (WARN and PASSED are drawn in the warning colour). Now
 * is ctx->today and bf_clock_now_minutes() (clock.h). */
enum bf_deadline_level bf_submission_deadline_line(struct bf_app *app, char *out, size_t n);

/* The district's side (a database made with `bangfu init --district-mode`):
 * src/ui/scr_district.c. The consolidation list is the home screen there:
 * every file the units sent, with the persons found in more than one file,
 * filters (unit, category, decision, duplicates, search) and the district's
 * decisions (a accept with the final amount, t return with the reason and
 * the step, p undo; Enter: the file's detail). bf_district_import_run asks
 * for a package file and imports it, showing what it brought or why it was
 * refused. The units screen registers units' keys, writes the district's
 * own key file and the reply package for a unit; the summary counts by unit
 * and category and writes it as XLSX. Each returns 0 when the screen is
 * open (the import: when it ran), -1 when refused (the message line says
 * why). */
int bf_district_open(struct bf_app *app);
/* The home screen after the login: the case list, or on a district's
 * database the consolidation list. */
int bf_home_open(struct bf_app *app);
int bf_district_import_run(struct bf_app *app);
int bf_district_units_open(struct bf_app *app);
int bf_district_summary_open(struct bf_app *app);

#endif
