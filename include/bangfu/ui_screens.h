/* ui_screens.h — the application's screens and how they open each other. */
#ifndef BANGFU_UI_SCREENS_H
#define BANGFU_UI_SCREENS_H

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

#endif
