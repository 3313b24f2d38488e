/* progress_bar.c — the progress box of long work started from a screen
 * (ui_progress.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bangfu/clock.h"
#include "bangfu/money.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_progress.h"

static double mono(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void bf_ui_progress_start(struct bf_ui_progress *p, struct bf_app *app, const char *what)
{
	memset(p, 0, sizeof *p);
	p->app = app;
	bf_strlcpy(p->what, what, sizeof p->what);
	p->t0 = mono();
	p->drawn = p->polled = -1.0;
	p->every = bf_test_hook("BANGFU_TEST_PROGRESS_EVERY") != NULL;
	/* test builds poll only when told to (every call), so a scripted key
	 * is read where the script says, however slow the machine */
	p->quiet = bf_test_hooks_enabled() && !p->every;
}

/* n with thousands separators: "1,200" */
static const char *count(size_t n, char *out, size_t size)
{
	bf_money_format((bf_fen)n * 100, out, size);
	char *dot = strchr(out, '.');
	if (dot)
		*dot = '\0';
	return out;
}

static void draw(const struct bf_ui_progress *p, size_t done, size_t total)
{
	bf_app_draw(p->app);
	int w = COLS - 12 > 50 ? 50 : COLS - 12;
	if (w < 10)
		w = 10;
	struct bf_rect r = bf_dlg_box(4, w, _("Please wait"), _("Esc cancel"));
	bf_draw_str(stdscr, r.y, r.x, r.w, p->what, A_BOLD);
	char line[128], d[32], t[32];
	if (total) {
		if (done > total)
			done = total;
		snprintf(line, sizeof line, _("%s of %s (%d%%)"), count(done, d, sizeof d),
		         count(total, t, sizeof t), (int)(100.0 * (double)done / (double)total));
	} else {
		snprintf(line, sizeof line, _("%s so far"), count(done, d, sizeof d));
	}
	bf_draw_str(stdscr, r.y + 1, r.x, r.w, line, A_NORMAL);
	/* the bar: '#' for what is done, '.' for the rest (unknown total: none) */
	int bar = r.w - 2, full = total ? (int)((double)bar * (double)done / (double)total) : 0;
	bf_put_ch(stdscr, r.y + 2, r.x, '[');
	for (int i = 0; i < bar; i++)
		bf_put_ch(stdscr, r.y + 2, r.x + 1 + i, i < full ? '#' : total ? '.' : ' ');
	bf_put_ch(stdscr, r.y + 2, r.x + 1 + bar, ']');
	bf_draw_str(stdscr, r.y + 3, r.x, r.w, _("Esc cancel: nothing is changed."), A_DIM);
	bf_term_cursor_hide();
	bf_term_present();
}

bool bf_ui_progress_cb(void *ud, size_t done, size_t total)
{
	struct bf_ui_progress *p = ud;
	if (p->cancelled)
		return false;
	double t = mono();
	if (p->every || p->drawn < 0 || t - p->drawn >= 0.05) {
		p->drawn = t;
		draw(p, done, total);
	}
	/* the keyboard, without waiting; not in the first 50 ms, so keys typed
	 * ahead of quick work reach the screen as before */
	struct bf_app *app = p->app;
	if (!app->has_unread && !p->quiet &&
	    (p->every || (t - p->t0 >= 0.05 && t - p->polled >= 0.05))) {
		p->polled = t;
		bf_key k = app->keys.read(app->keys.data, 0);
		if (k == BF_ESC)
			p->cancelled = true;
		else if (k != BF_KEY_NONE) {
			app->unread = k;
			app->has_unread = true;
		}
	}
	return !p->cancelled;
}

bool bf_ui_progress_end(struct bf_ui_progress *p)
{
	if (p->cancelled)
		bf_app_msg(p->app, BF_MSG_WARN, _("%s: cancelled, nothing was changed."), p->what);
	return p->cancelled;
}
