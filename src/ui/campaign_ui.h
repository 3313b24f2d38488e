/* campaign_ui.h — what the campaign screens (scr_campaign.c: campaigns,
 * their lists, spot checks, the ledger) and the consolation screens
 * (scr_consolation.c: events, standards) share. Defined in scr_campaign.c. */
#ifndef BANGFU_UI_CAMPAIGN_UI_H
#define BANGFU_UI_CAMPAIGN_UI_H

#include "bangfu/common.h"
#include "bangfu/date.h"
#include "bangfu/ui.h"

/* Listing needs case_view: false (with the refusal shown) without it, or
 * without a database. */
bool bf_campaign_ui_may_view(struct bf_app *app);
/* Today (the context's fake day in tests) and its year. */
bf_date bf_campaign_ui_today(struct bf_app *app);
int bf_campaign_ui_year(struct bf_app *app);
/* The year actions (YEAR_PREV, YEAR_NEXT, YEAR: a year typed) of a screen
 * showing one year: true when *year changed. */
bool bf_campaign_ui_year_action(struct bf_app *app, enum bf_action a, int *year);
/* Ask an amount in yuan into *v (a prompt starting from *v); a mistyped
 * one is asked again with the text as typed. False on Esc. */
bool bf_campaign_ui_ask_yuan(struct bf_app *app, const char *title, const char *label, bf_fen *v);

#endif
