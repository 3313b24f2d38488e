/* ui.h — the full-screen application: screens on a stack, the title bar,
 * the message line, the status bar with key hints, and the main loop.
 *
 * A screen is a struct that starts with `struct bf_screen` and a table of
 * operations (after tig's view_ops). Everything on screen is drawn from
 * state on every frame, so a resize at any moment (mid-edit included) only
 * needs a redraw.
 *
 * Layout: row 0 title bar; rows 1..LINES-3 the screen's body; row LINES-2
 * the message line; row LINES-1 the status bar.
 *
 * Key dispatch, for the screen on top:
 *   1. ops->input(screen, key) — widgets take editing keys and typed text;
 *   2. else the key is looked up in the screen's actions plus the global
 *      ones (ui_actions.h) and ops->action(screen, action) is called;
 *   3. else the app handles the global actions: Help, Back (close the
 *      screen), Quit (save drafts, leave), Lock, Redraw. */
#ifndef BANGFU_UI_H
#define BANGFU_UI_H

#include "bangfu/ctx.h"
#include "bangfu/ui_actions.h"
#include "bangfu/ui_term.h"

struct bf_app;
struct bf_screen;

struct bf_rect {
	int y, x, h, w;
};

struct bf_screen_ops {
	const char *name; /* for logs and tests */
	/* This screen's actions in hint order, ending with BF_ACT_NONE. */
	const enum bf_action *actions;
	/* Draw into `body` of w (stdscr). Required. */
	void (*draw)(struct bf_screen *s, WINDOW *w, struct bf_rect body);
	/* An action from the table; true if handled. */
	bool (*action)(struct bf_screen *s, enum bf_action a);
	/* A raw key before action lookup; true if used. */
	bool (*input)(struct bf_screen *s, bf_key k);
	/* True while a text field or search line has the focus: printable keys
	 * then type and never trigger actions. NULL = never. */
	bool (*typing)(struct bf_screen *s);
	/* The data may have changed since the screen last read it (a change
	 * made on another screen, by another terminal, or by this one's own
	 * dialog): read the rows again, keeping the selection where it can.
	 * Called by the main loop, when the screen is on top and the
	 * database's generation (bf_db_generation) moved since it last was,
	 * never inside a dialog. Optional. */
	void (*on_data_change)(struct bf_screen *s);
	/* The terminal changed size (body is the new body). Optional: state
	 * that depends on the size (page length) can be adjusted here. */
	void (*on_resize)(struct bf_screen *s, struct bf_rect body);
	/* Keep what was typed (the app is being closed by a signal or Quit).
	 * 0 on success. Optional. */
	int (*save_draft)(struct bf_screen *s);
	/* The screen leaves the stack: free it. Optional. */
	void (*on_close)(struct bf_screen *s);
	/* The status bar's text instead of the action hints, for a screen that
	 * swallows the global keys (the lock): return false for the hints.
	 * Optional. */
	bool (*status)(struct bf_screen *s, char *buf, size_t n);
};

struct bf_screen {
	const struct bf_screen_ops *ops;
	struct bf_app *app; /* set by bf_app_push */
	char title[128];    /* UTF-8, already translated */
	uint64_t seen_gen;  /* the database's generation its rows were read at */
};

enum bf_msg_level { BF_MSG_INFO = 0, BF_MSG_WARN, BF_MSG_ERROR };

enum bf_run_result {
	BF_RUN_QUIT = 0,   /* the user quit, or the last screen closed */
	BF_RUN_SIGNAL = 1, /* SIGINT/SIGTERM/SIGHUP: drafts saved */
	BF_RUN_EOF = 2,    /* the key source ran out (scripted tests) */
};

#define BF_APP_MAX_SCREENS 16

struct bf_app {
	struct bf_ctx *ctx; /* may be NULL (tests) */
	struct bf_keysrc keys;
	struct bf_screen *stack[BF_APP_MAX_SCREENS];
	int depth;
	/* Title bar: the unit's name on the right, and a DEMO marker when the
	 * database is a demo one. */
	char unit_name[128];
	bool demo;
	/* The message line; cleared by the next key. */
	char msg[512];
	enum bf_msg_level msg_level;
	/* Quit asks "Quit bangfu?" first (tests may turn it off). */
	bool confirm_quit;
	/* Idle lock: after idle_lock_ms without a key, lock() is called (also on
	 * the Lock action). 0 / NULL = off. */
	int idle_lock_ms;
	void (*lock)(struct bf_app *app);
	/* Called after every dialog (ui_dialog.h) closed, once the screen under
	 * it was drawn again: title is the dialog's title (a yes/no question's
	 * text). The screen tests compare that screen with a fresh draw
	 * (tests/screen/fresh.h); NULL in the program. */
	void (*dialog_closed)(struct bf_app *app, const char *title, void *data);
	void *dialog_closed_data;
	/* Internal. */
	int idle_ms;
	bool quit;
	bool stop_eof;
	int signal;
	int last_lines, last_cols;
	/* a key read ahead while long work ran (ui_progress.h), given to the
	 * next bf_app_read */
	bool has_unread;
	bf_key unread;
};

void bf_app_init(struct bf_app *app, struct bf_ctx *ctx);
/* Put a screen on top (it is now shown). Returns 0, or -1 if the stack is
 * full (the screen is closed). */
int bf_app_push(struct bf_app *app, struct bf_screen *s);
/* Close the top screen (calls its on_close). */
void bf_app_pop(struct bf_app *app);
struct bf_screen *bf_app_top(struct bf_app *app);
/* Close every screen. */
void bf_app_finish(struct bf_app *app);

/* The main loop: until Quit, the last screen closes, a signal, or the end of
 * a scripted key source. */
enum bf_run_result bf_app_run(struct bf_app *app);
/* The top screen reads its rows again if the data changed since it last
 * did (ops->on_data_change); the main loop calls it before every frame. */
void bf_app_refresh(struct bf_app *app);
/* A refresh for screens whose ^R (BF_ACT_REDRAW) reads their rows again:
 * the same, when the data changed. */
void bf_screen_reread(struct bf_screen *s);
/* One key through the dispatch rules above (tests, and screens that forward
 * keys). */
void bf_app_dispatch(struct bf_app *app, bf_key k);
/* Save drafts of all screens, top first. Returns the number that failed. */
int bf_app_save_drafts(struct bf_app *app);

/* The next key for any loop, the main one or a dialog's: normalized, with
 * resizes handled (screens told, BF_KEY_RESIZE returned so the caller
 * redraws) and idle locking done. BF_KEY_EOF when the loop must end (the
 * script is over, or a quit signal is pending): dialogs then cancel. */
bf_key bf_app_read(struct bf_app *app);

/* Draw everything on stdscr (title, top screen, message, status), without
 * showing it; dialogs draw on top, then call bf_term_present. */
void bf_app_draw(struct bf_app *app);
/* bf_app_draw and bf_term_present. */
void bf_app_frame(struct bf_app *app);
struct bf_rect bf_app_body(const struct bf_app *app);

void bf_app_msg(struct bf_app *app, enum bf_msg_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The help screen for screen s (F1, ?): its actions with keys and help. */
void bf_help_open(struct bf_app *app, struct bf_screen *s);
/* The action set of a screen now (its actions, typing or not). */
struct bf_action_set bf_screen_actions(struct bf_screen *s);

/* The full-screen application on ctx (opens on the home screen). Returns the
 * process exit status; errors before the screen starts (no UTF-8 locale, no
 * terminal) are printed on ctx->err. */
int bf_ui_run(struct bf_ctx *ctx);

#endif
