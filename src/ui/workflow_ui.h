/* workflow_ui.h — the workflow screens of a saved case (scr_workflow.c),
 * opened from the intake form: the document checklist (材料清单), the
 * union's review (审核) and the file's history with its moves. */
#ifndef BANGFU_UI_WORKFLOW_UI_H
#define BANGFU_UI_WORKFLOW_UI_H

#include "bangfu/ui.h"

/* Each returns 0 when the screen is open, -1 (with a message) otherwise.
 * on_change (may be NULL) is called after anything was stored, so the
 * screen below can reload. */
int bf_checklist_open(struct bf_app *app, int64_t case_id, void (*on_change)(void *ud), void *ud);
int bf_review_open(struct bf_app *app, int64_t case_id, void (*on_change)(void *ud), void *ud);
int bf_history_open(struct bf_app *app, int64_t case_id, void (*on_change)(void *ud), void *ud);

/* Tests: the screen on top, if it is one of these. */
struct bf_form *review_form(struct bf_screen *s);
bool workflow_screen_is(struct bf_screen *s, const char *name);

#endif
