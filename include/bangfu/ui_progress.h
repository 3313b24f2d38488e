/* ui_progress.h — the progress box of long work started from a screen: what
 * is being done, "n of N", a bar, and "Esc cancel". The work runs in the
 * same thread and calls bf_ui_progress_cb (a bf_progress_fn) now and then;
 * the callback repaints the screen with the box and polls the keyboard
 * without waiting. Esc makes it return false: the work stops and leaves
 * nothing half-done (progress.h), and bf_ui_progress_end says so on the
 * message line. Any other key typed meanwhile is kept for the screen.
 *
 *	struct bf_ui_progress pr;
 *	bf_ui_progress_start(&pr, app, _("Drawing the list"));
 *	int rc = bf_campaign_draw_progress(db, id, &sum, bf_ui_progress_cb, &pr, &err);
 *	if (bf_ui_progress_end(&pr))
 *		return;                     // cancelled, and the screen said so
 */
#ifndef BANGFU_UI_PROGRESS_H
#define BANGFU_UI_PROGRESS_H

#include "bangfu/progress.h"
#include "bangfu/ui.h"

struct bf_ui_progress {
	struct bf_app *app;
	char what[128];
	double t0, drawn, polled; /* monotonic seconds: start, last repaint, last poll */
	bool every;               /* tests: repaint and poll on every call */
	bool quiet;               /* tests without that: never poll */
	bool cancelled;
};

void bf_ui_progress_start(struct bf_ui_progress *p, struct bf_app *app, const char *what);
/* The bf_progress_fn (ud: a struct bf_ui_progress). Repaints at most 20
 * times a second and polls the keyboard from 50 ms into the work on, at
 * most every 50 ms. Test builds poll on every call when the test hook
 * BANGFU_TEST_PROGRESS_EVERY is set, and never otherwise (scripted keys are
 * then read where the script means them). */
bool bf_ui_progress_cb(void *ud, size_t done, size_t total);
/* After the work: true when Esc stopped it (the message line then says it
 * was cancelled and nothing was changed). */
bool bf_ui_progress_end(struct bf_ui_progress *p);

#endif
