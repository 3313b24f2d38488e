/* app.c — the screen stack, the frame around screens, key dispatch and the
 * main loop. */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "bangfu/ui.h"
#include "bangfu/ui_dialog.h"

#define BF_READ_POLL_MS 1000

/* Waiting for another operator's write lock: who holds it, on the message
 * line, while the wait goes on (db.h: bf_db_begin_long). */
static void busy_notice(bf_db *db, const char *msg, void *ud)
{
	(void)db;
	struct bf_app *app = ud;
	bf_app_msg(app, BF_MSG_WARN, _("Waiting: %s"), msg);
	bf_app_frame(app);
}

void bf_app_init(struct bf_app *app, struct bf_ctx *ctx)
{
	memset(app, 0, sizeof *app);
	app->ctx = ctx;
	app->keys = bf_term_keysrc();
	app->confirm_quit = true;
	if (ctx) {
		ctx->db.busy_notify = busy_notice;
		ctx->db.busy_ud = app;
	}
}

int bf_app_push(struct bf_app *app, struct bf_screen *s)
{
	s->app = app;
	if (app->depth >= BF_APP_MAX_SCREENS) {
		if (s->ops->on_close)
			s->ops->on_close(s);
		bf_app_msg(app, BF_MSG_ERROR, "%s",
		           _("Too many screens are open; close some first."));
		return -1;
	}
	app->stack[app->depth++] = s;
	/* the screen has just read its rows */
	s->seen_gen = app->ctx && app->ctx->db_open ? bf_db_generation(&app->ctx->db) : 0;
	return 0;
}

void bf_screen_reread(struct bf_screen *s)
{
	if (s->ops->action)
		s->ops->action(s, BF_ACT_REDRAW);
}

void bf_app_refresh(struct bf_app *app)
{
	struct bf_screen *s = bf_app_top(app);
	if (!s || !s->ops->on_data_change || !app->ctx || !app->ctx->db_open)
		return;
	uint64_t gen = bf_db_generation(&app->ctx->db);
	if (gen == s->seen_gen)
		return;
	s->ops->on_data_change(s);
	/* what the refresh itself wrote (a reveal's audit row) does not count */
	s->seen_gen = bf_db_generation(&app->ctx->db);
}

void bf_app_pop(struct bf_app *app)
{
	if (app->depth == 0)
		return;
	struct bf_screen *s = app->stack[--app->depth];
	app->stack[app->depth] = NULL;
	if (s->ops->on_close)
		s->ops->on_close(s);
}

struct bf_screen *bf_app_top(struct bf_app *app)
{
	return app->depth > 0 ? app->stack[app->depth - 1] : NULL;
}

void bf_app_finish(struct bf_app *app)
{
	while (app->depth > 0)
		bf_app_pop(app);
	if (app->ctx && app->ctx->db.busy_ud == app) {
		app->ctx->db.busy_notify = NULL;
		app->ctx->db.busy_ud = NULL;
	}
}

int bf_app_save_drafts(struct bf_app *app)
{
	int failed = 0;
	for (int i = app->depth - 1; i >= 0; i--) {
		struct bf_screen *s = app->stack[i];
		if (s->ops->save_draft && s->ops->save_draft(s) != 0)
			failed++;
	}
	return failed;
}

struct bf_action_set bf_screen_actions(struct bf_screen *s)
{
	struct bf_action_set set = {s->ops->actions, false};
	if (s->ops->typing)
		set.typing = s->ops->typing(s);
	return set;
}

void bf_app_msg(struct bf_app *app, enum bf_msg_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->msg, sizeof app->msg, fmt, ap);
	va_end(ap);
	app->msg_level = level;
}

struct bf_rect bf_app_body(const struct bf_app *app)
{
	(void)app;
	return (struct bf_rect){1, 0, LINES - 3, COLS};
}

/* ---- drawing ------------------------------------------------------------------ */

static void draw_too_small(void)
{
	char text[512];
	snprintf(text, sizeof text, "%s\n%s %d×%d", _("Terminal too small (need 80×24)."),
	         _("Now:"), COLS, LINES);
	wchar_t wtext[512];
	size_t n = bf_utf8_decode(text, wtext, BF_ARRAY_LEN(wtext));
	int y = LINES / 2 - 1;
	if (y < 0)
		y = 0;
	for (size_t i = 0; i < n && y < LINES; y++) {
		size_t len = bf_wrap_len(wtext + i, n - i, COLS);
		int w = bf_wcs_width(wtext + i, len);
		int x = (COLS - w) / 2;
		bf_draw_wcs(stdscr, y, x < 0 ? 0 : x, COLS, wtext + i, len, A_BOLD);
		i += len;
	}
}

static void draw_title(struct bf_app *app)
{
	attr_t a = bf_attr(BF_ATTR_TITLE);
	bf_fill(stdscr, 0, 0, COLS, a);
	const char *demo = app->demo ? _("DEMO") : "";
	int demo_w = app->demo ? bf_str_width(demo) + 2 : 0;
	int unit_w = bf_str_width(app->unit_name);
	if (unit_w > COLS / 2)
		unit_w = COLS / 2;
	int right = COLS - 1 - demo_w - (unit_w ? unit_w + 1 : 0);

	char left[256];
	struct bf_screen *s = bf_app_top(app);
	snprintf(left, sizeof left, "%s%s%s", _("bangfu"), s && s->title[0] ? " - " : "",
	         s ? s->title : "");
	bf_draw_str(stdscr, 0, 1, right - 2, left, a | A_BOLD);
	if (unit_w)
		bf_draw_str(stdscr, 0, right, unit_w, app->unit_name, a);
	if (app->demo) {
		bf_fill(stdscr, 0, COLS - demo_w, demo_w, bf_attr(BF_ATTR_DEMO));
		bf_draw_str(stdscr, 0, COLS - demo_w + 1, demo_w - 2, demo, bf_attr(BF_ATTR_DEMO));
	}
}

static void draw_status(struct bf_app *app)
{
	attr_t a = bf_attr(BF_ATTR_STATUS);
	int y = LINES - 1;
	bf_fill(stdscr, y, 0, COLS, a);
	struct bf_screen *s = bf_app_top(app);
	if (!s)
		return;
	char hints[1024];
	if (!s->ops->status || !s->ops->status(s, hints, sizeof hints))
		bf_action_hints(bf_screen_actions(s), COLS - 2, hints, sizeof hints);
	bf_draw_str(stdscr, y, 1, COLS - 2, hints, a);
}

static void draw_message(struct bf_app *app)
{
	if (!app->msg[0])
		return;
	attr_t a = app->msg_level == BF_MSG_ERROR  ? bf_attr(BF_ATTR_ERROR)
	           : app->msg_level == BF_MSG_WARN ? bf_attr(BF_ATTR_WARN)
	                                           : A_NORMAL;
	bf_draw_str(stdscr, LINES - 2, 1, COLS - 2, app->msg, a);
}

void bf_app_draw(struct bf_app *app)
{
	werase(stdscr);
	bf_term_cursor_hide();
	if (bf_term_too_small()) {
		draw_too_small();
		return;
	}
	draw_title(app);
	struct bf_screen *s = bf_app_top(app);
	if (s)
		s->ops->draw(s, stdscr, bf_app_body(app));
	draw_message(app);
	draw_status(app);
}

void bf_app_frame(struct bf_app *app)
{
	bf_app_draw(app);
	bf_term_present();
}

/* ---- input ------------------------------------------------------------------------ */

static void handle_resize(struct bf_app *app)
{
	app->last_lines = LINES;
	app->last_cols = COLS;
	clearok(curscr, TRUE);
	struct bf_rect body = bf_app_body(app);
	for (int i = 0; i < app->depth; i++) {
		struct bf_screen *s = app->stack[i];
		if (s->ops->on_resize)
			s->ops->on_resize(s, body);
	}
}

bf_key bf_app_read(struct bf_app *app)
{
	for (;;) {
		if (app->stop_eof || bf_term_pending_signal())
			return BF_KEY_EOF;
		bf_key k;
		if (app->has_unread) {
			app->has_unread = false;
			k = app->unread;
		} else {
			k = app->keys.read(app->keys.data, BF_READ_POLL_MS);
		}
		if (k == BF_KEY_EOF) {
			app->stop_eof = true;
			return BF_KEY_EOF;
		}
		if (k == BF_KEY_NONE) {
			app->idle_ms += BF_READ_POLL_MS;
			if (app->idle_lock_ms > 0 && app->lock &&
			    app->idle_ms >= app->idle_lock_ms) {
				app->idle_ms = 0;
				app->lock(app);
				return BF_KEY_NONE; /* redraw */
			}
			continue;
		}
		app->idle_ms = 0;
		k = bf_key_normalize(k);
		if (k == BF_KEY_RESIZE || LINES != app->last_lines || COLS != app->last_cols) {
			handle_resize(app);
			if (k == BF_KEY_RESIZE)
				return k;
		}
		return k;
	}
}

static void app_action(struct bf_app *app, struct bf_screen *s, enum bf_action a)
{
	switch (a) {
	case BF_ACT_HELP:
		bf_help_open(app, s);
		return;
	case BF_ACT_BACK:
	case BF_ACT_QUIT:
		if (a == BF_ACT_BACK && app->depth > 1) {
			bf_app_pop(app);
			return;
		}
		/* Quit, or Back on the first screen. */
		if (!app->confirm_quit || bf_dlg_confirm(app, _("Quit bangfu?"), true)) {
			bf_app_save_drafts(app);
			app->quit = true;
		}
		return;
	case BF_ACT_LOCK:
		if (app->lock)
			app->lock(app);
		else
			bf_app_msg(app, BF_MSG_WARN, "%s", _("Screen locking is not set up."));
		return;
	case BF_ACT_REDRAW:
		clearok(curscr, TRUE);
		return;
	default:
		bf_app_msg(app, BF_MSG_WARN, _("%s is not available here."),
		           _(bf_action_info(a)->label));
		return;
	}
}

void bf_app_dispatch(struct bf_app *app, bf_key k)
{
	struct bf_screen *s = bf_app_top(app);
	if (!s || k == BF_KEY_NONE || k == BF_KEY_EOF || k == BF_KEY_RESIZE)
		return;
	if (bf_term_too_small())
		return; /* nothing is shown to act on */
	app->msg[0] = 0;
	if (s->ops->input && s->ops->input(s, k))
		return;
	enum bf_action a = bf_action_for_key(bf_screen_actions(s), k);
	if (a == BF_ACT_NONE) {
		char name[32];
		bf_key_name(k, name, sizeof name);
		bf_app_msg(app, BF_MSG_INFO, _("The key %s does nothing here; F1 shows the keys."),
		           name);
		return;
	}
	if (s->ops->action && s->ops->action(s, a))
		return;
	app_action(app, s, a);
}

enum bf_run_result bf_app_run(struct bf_app *app)
{
	app->quit = false;
	app->last_lines = LINES;
	app->last_cols = COLS;
	while (!app->quit && app->depth > 0) {
		int sig = bf_term_pending_signal();
		if (sig) {
			app->signal = sig;
			bf_app_save_drafts(app);
			return BF_RUN_SIGNAL;
		}
		bf_app_refresh(app);
		bf_app_frame(app);
		bf_key k = bf_app_read(app);
		if (k == BF_KEY_EOF) {
			if (bf_term_pending_signal())
				continue;
			return BF_RUN_EOF;
		}
		bf_app_dispatch(app, k);
	}
	return BF_RUN_QUIT;
}
