/* scr_login.c — who is at the keyboard: the administrator's account at the
 * first start, the login that starts every session, a new password after a
 * reset, and the lock screen (idle or ^L).
 *
 * The lock screen is the only thing drawn while the screen is locked: the
 * screens below it (and their personal data) are not drawn, the message
 * line is emptied. What was typed into open forms is kept as a draft
 * first. It takes the same user's password, or F2 for another user: then
 * the session ends (everything open is closed, drafts kept) and the new
 * user logs in and starts afresh — bf_login_switched() tells cmd_ui.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/vault.h"
#include "bangfu/store.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_edit.h"
#include "bangfu/ui_progress.h"
#include "bangfu/ui_screens.h"

enum login_mode {
	M_FIRST,  /* no account yet: the administrator's */
	M_LOGIN,  /* name and password */
	M_CHANGE, /* a new password after a reset */
	M_LOCK,   /* the same user's password */
};

enum { F_NAME, F_DISPLAY, F_PW, F_PW2, F_COUNT };

struct login_screen {
	struct bf_screen base;
	enum login_mode mode;
	struct bf_edit f[F_COUNT];
	int focus;                        /* F_* */
	char user[64];                    /* M_LOCK, M_CHANGE: whose password */
	char display[64];                 /* shown on the lock screen */
	char old_pw[BF_PASSWORD_MAX + 8]; /* M_CHANGE: the reset one, typed at the login */
	char msg[256];                    /* under the fields */
	bf_progress_fn seal_was;          /* the db's seal_progress outside a login */
	void *seal_was_ud;
	bool msg_error;
	int *result; /* 0 logged in, 1 left, 2 another user (lock) */
};

static struct {
	bool locked;   /* the lock screen is up (no second one) */
	bool switched; /* the lock screen was left for another user */
} lock_state;

/* ---- fields ---------------------------------------------------------------------- */

static const int mode_fields[][F_COUNT + 1] = {
    [M_FIRST] = {F_NAME, F_DISPLAY, F_PW, F_PW2, -1},
    [M_LOGIN] = {F_NAME, F_PW, -1},
    [M_CHANGE] = {F_PW, F_PW2, -1},
    [M_LOCK] = {F_PW, -1},
};

static bool is_secret(int f)
{
	return f == F_PW || f == F_PW2;
}

static const char *field_label(const struct login_screen *ls, int f)
{
	switch (f) {
	case F_NAME:
		return _("Login name");
	case F_DISPLAY:
		return _("Your name (shown)");
	case F_PW:
		return ls->mode == M_FIRST || ls->mode == M_CHANGE ? _("New password")
		                                                   : _("Password");
	default:
		return _("Password again");
	}
}

static int field_pos(const struct login_screen *ls, int f)
{
	for (int i = 0; mode_fields[ls->mode][i] >= 0; i++)
		if (mode_fields[ls->mode][i] == f)
			return i;
	return -1;
}

static int n_fields(const struct login_screen *ls)
{
	int n = 0;
	while (mode_fields[ls->mode][n] >= 0)
		n++;
	return n;
}

static void wipe(struct bf_edit *e)
{
	if (e->buf)
		memset(e->buf, 0, (e->max + 1) * sizeof *e->buf);
	bf_edit_set(e, "");
}

static void set_mode(struct login_screen *ls, enum login_mode m)
{
	ls->mode = m;
	for (int i = 0; i < F_COUNT; i++)
		if (is_secret(i))
			wipe(&ls->f[i]);
	ls->focus = mode_fields[m][0];
	if (m == M_LOGIN && !bf_edit_empty(&ls->f[F_NAME]))
		ls->focus = F_PW;
	static const char *const titles[] = {
	    [M_FIRST] = N_("The administrator's account"),
	    [M_LOGIN] = N_("Log in"),
	    [M_CHANGE] = N_("Choose a new password"),
	    [M_LOCK] = N_("Locked"),
	};
	bf_strlcpy(ls->base.title, _(titles[m]), sizeof ls->base.title);
}

static void say(struct login_screen *ls, bool error, const char *text)
{
	bf_strlcpy(ls->msg, text, sizeof ls->msg);
	ls->msg_error = error;
}

/* ---- drawing ------------------------------------------------------------------------ */

static int draw_wrapped(WINDOW *w, int y, int x, int width, int max_rows, const char *text,
                        attr_t a)
{
	wchar_t buf[512];
	size_t n = bf_utf8_decode(text, buf, BF_ARRAY_LEN(buf));
	int rows = 0;
	for (size_t i = 0; i < n && rows < max_rows; rows++) {
		size_t len = bf_wrap_len(buf + i, n - i, width);
		bf_draw_wcs(w, y + rows, x, width, buf + i, len, a);
		i += len;
		while (i < n && buf[i] == ' ')
			i++;
	}
	return rows;
}

static const char *intro(const struct login_screen *ls, char *buf, size_t n)
{
	switch (ls->mode) {
	case M_FIRST:
		return _(
		    "Welcome to bangfu. First, the administrator's account: the union chair or "
		    "whoever manages the accounts. Everyone else gets theirs from them.");
	case M_LOGIN:
		return _("Who is working? Each person logs in with their own account.");
	case M_CHANGE:
		return _(
		    "Your password was reset by an administrator: choose your own before going "
		    "on.");
	case M_LOCK:
		snprintf(
		    buf, n,
		    _("The screen is locked. %s%s%s can unlock it with their password; F2 lets "
		      "someone else log in (what was typed is kept as a draft)."),
		    ls->display[0] ? ls->display : ls->user, ls->display[0] ? " / " : "",
		    ls->display[0] ? ls->user : "");
		return buf;
	}
	return "";
}

static void login_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct login_screen *ls = (struct login_screen *)s;
	int width = r.w - 8 < 70 ? r.w - 8 : 70;
	if (width < 20)
		width = r.w;
	int x = r.x + (r.w - width) / 2;
	int y = r.y + (r.h > 16 ? 2 : 0);
	char buf[512];
	y += draw_wrapped(w, y, x, width, 4, intro(ls, buf, sizeof buf), A_BOLD) + 1;

	int label_w = 0;
	for (int i = 0; mode_fields[ls->mode][i] >= 0; i++) {
		int lw = bf_str_width(field_label(ls, mode_fields[ls->mode][i]));
		if (lw > label_w)
			label_w = lw;
	}
	int box_w = width - label_w - 2 < 34 ? width - label_w - 2 : 34;
	for (int i = 0; mode_fields[ls->mode][i] >= 0; i++, y += 2) {
		int f = mode_fields[ls->mode][i];
		bool focused = f == ls->focus;
		bf_draw_str(w, y, x, label_w, field_label(ls, f), focused ? A_BOLD : A_NORMAL);
		attr_t a = bf_attr(focused ? BF_ATTR_FOCUS : BF_ATTR_FIELD);
		int fx = x + label_w + 2;
		if (is_secret(f)) {
			/* never the password: one star a character */
			bf_fill(w, y, fx, box_w, a);
			int stars = (int)ls->f[f].len < box_w - 1 ? (int)ls->f[f].len : box_w - 1;
			for (int k = 0; k < stars; k++)
				bf_put_ch(w, y, fx + k, '*' | a);
			if (focused)
				bf_term_cursor(y, fx + stars);
		} else {
			bf_edit_draw(&ls->f[f], w, y, fx, box_w, a, focused);
		}
	}
	if (ls->msg[0])
		y += draw_wrapped(w, y, x, width, 3, ls->msg,
		                  ls->msg_error ? bf_attr(BF_ATTR_ERROR) : A_NORMAL);
	y++;
	const char *keys = ls->mode == M_LOCK
	                       ? _("Enter unlocks.  F2: another user.")
	                       : (ls->mode == M_LOGIN || ls->mode == M_FIRST
	                              ? _("Tab moves between the fields, Enter goes on, Esc leaves "
	                                  "bangfu.")
	                              : _("Tab moves between the fields, Enter goes on, Esc logs "
	                                  "out."));
	if (y < r.y + r.h)
		draw_wrapped(w, y, x, width, r.y + r.h - y, keys, A_DIM);
}

/* ---- doing --------------------------------------------------------------------------- */

static void field_text(const struct login_screen *ls, int f, char *out, size_t n)
{
	if (!bf_edit_get(&ls->f[f], out, n))
		out[0] = '\0';
}

static void finish(struct login_screen *ls, int result)
{
	*ls->result = result;
	bf_app_pop(ls->base.app); /* frees ls */
}

static bf_db *db_of(struct login_screen *ls)
{
	return &ls->base.app->ctx->db;
}

/* The seal of old values a login may run (db.h's seal_progress): a box
 * with Esc while it does, instead of the command line's line, which would
 * write over the screen. start: the box set up; else the old callback put
 * back, and whether Esc stopped the seal (its login then rolled back). */
static bool seal_box(struct login_screen *ls, struct bf_ui_progress *pr, bool start)
{
	bf_db *db = db_of(ls);
	if (start) {
		bf_ui_progress_start(pr, ls->base.app,
		                     _("Sealing the personal data stored before (audit entries)"));
		ls->seal_was = db->seal_progress;
		ls->seal_was_ud = db->seal_ud;
		db->seal_progress = bf_ui_progress_cb;
		db->seal_ud = pr;
		return false;
	}
	db->seal_progress = ls->seal_was;
	db->seal_ud = ls->seal_was_ud;
	return bf_ui_progress_end(pr);
}

/* Logged in as res: the session is theirs (or a new password first). */
static void logged_in(struct login_screen *ls, const struct bf_login_result *res)
{
	struct bf_app *app = ls->base.app;
	bf_strlcpy(app->ctx->operator, res->account.name, sizeof app->ctx->operator);
	bf_db *db = db_of(ls);
	if (db->new_recovery[0]) {
		/* made by the first account's seed or an older database's upgrade:
		 * shown once, for the union chair to keep on paper */
		char text[512];
		snprintf(text, sizeof text,
		         _("The personal data are encrypted. If every administrator's password is "
		           "lost, this recovery code opens them:\n\n    %s\n\nWrite it on paper for "
		           "the union chair to keep locked away. It is shown only now."),
		         db->new_recovery);
		memset(db->new_recovery, 0, sizeof db->new_recovery);
		bf_dlg_message(app, _("Recovery code"), text);
		memset(text, 0, sizeof text);
	}
	if (res->account.must_change) {
		bf_strlcpy(ls->user, res->account.name, sizeof ls->user);
		set_mode(ls, M_CHANGE);
		say(ls, false, "");
		return;
	}
	if (!bf_vault_unlocked(db))
		bf_app_msg(app, BF_MSG_ERROR, "%s",
		           _("Your account has no key to the personal data yet (it was made before "
		             "they were encrypted): ask the administrator to reset your password "
		             "once."));
	else
		bf_app_msg(app, BF_MSG_INFO, _("Logged in as %s (%s)."),
		           res->account.display_name[0] ? res->account.display_name
		                                        : res->account.name,
		           bf_role_label(res->account.role));
	finish(ls, 0);
}

static void submit_login(struct login_screen *ls, const char *name)
{
	char pw[BF_PASSWORD_MAX + 8];
	field_text(ls, F_PW, pw, sizeof pw);
	struct bf_login_result res;
	bf_error err = {{0}};
	struct bf_ui_progress pr;
	seal_box(ls, &pr, true);
	int rc = bf_account_login(db_of(ls), name, pw, NULL, &res, &err);
	if (seal_box(ls, &pr, false))
		rc = -1; /* err: cancelled, nothing was changed */
	if (rc == 0 && res.status == BF_LOGIN_OK && res.account.must_change)
		memcpy(ls->old_pw, pw, sizeof ls->old_pw); /* for the change, then wiped */
	memset(pw, 0, sizeof pw);
	wipe(&ls->f[F_PW]);
	ls->focus = F_PW;
	if (rc != 0) {
		say(ls, true, err.msg);
		return;
	}
	if (res.status != BF_LOGIN_OK) {
		char msg[256];
		bf_login_message(res.status, res.wait_ms, msg, sizeof msg);
		say(ls, true, msg);
		if (res.status == BF_LOGIN_NO_ACCOUNTS)
			set_mode(ls, M_FIRST);
		return;
	}
	logged_in(ls, &res);
}

/* Two new password fields that agree and are acceptable for name. */
static bool new_password(struct login_screen *ls, const char *name, char *pw, size_t n)
{
	char again[BF_PASSWORD_MAX + 8];
	field_text(ls, F_PW, pw, n);
	field_text(ls, F_PW2, again, sizeof again);
	bool same = !strcmp(pw, again);
	memset(again, 0, sizeof again);
	bf_error err = {{0}};
	if (!same) {
		say(ls, true, _("The two passwords differ: type the same one twice."));
	} else if (!bf_password_ok(pw, name, &err)) {
		say(ls, true, err.msg);
	} else {
		return true;
	}
	wipe(&ls->f[F_PW]);
	wipe(&ls->f[F_PW2]);
	ls->focus = F_PW;
	memset(pw, 0, n);
	return false;
}

static void submit_first(struct login_screen *ls)
{
	char name[64], display[64], pw[BF_PASSWORD_MAX + 8];
	field_text(ls, F_NAME, name, sizeof name);
	field_text(ls, F_DISPLAY, display, sizeof display);
	bf_trim(name);
	bf_trim(display);
	bf_error err = {{0}};
	if (!bf_account_name_ok(name, &err)) {
		say(ls, true, err.msg);
		ls->focus = F_NAME;
		return;
	}
	if (!new_password(ls, name, pw, sizeof pw))
		return;
	struct bf_account_new a = {name, display, BF_ROLE_ADMIN, pw};
	struct bf_ui_progress pr;
	seal_box(ls, &pr, true);
	int rc = bf_account_seed(db_of(ls), &a, 1, &err);
	struct bf_login_result res;
	if (rc == 0 && bf_account_login(db_of(ls), name, pw, NULL, &res, &err) != 0)
		rc = -1;
	if (seal_box(ls, &pr, false))
		rc = -1; /* err: cancelled, nothing was changed */
	memset(pw, 0, sizeof pw);
	wipe(&ls->f[F_PW]);
	wipe(&ls->f[F_PW2]);
	if (rc < 0) {
		say(ls, true, err.msg);
		return;
	}
	if (rc == 1) { /* another terminal was first */
		set_mode(ls, M_LOGIN);
		say(ls, false, _("An administrator's account was just made elsewhere: log in."));
		return;
	}
	if (res.status != BF_LOGIN_OK) {
		char msg[256];
		bf_login_message(res.status, res.wait_ms, msg, sizeof msg);
		say(ls, true, msg);
		return;
	}
	logged_in(ls, &res);
}

static void submit_change(struct login_screen *ls)
{
	char pw[BF_PASSWORD_MAX + 8];
	if (!new_password(ls, ls->user, pw, sizeof pw))
		return;
	bf_error err = {{0}};
	int rc = bf_account_change_password(db_of(ls), ls->old_pw, pw, &err);
	memset(pw, 0, sizeof pw);
	wipe(&ls->f[F_PW]);
	wipe(&ls->f[F_PW2]);
	ls->focus = F_PW;
	if (rc != 0) {
		say(ls, true, err.msg);
		return;
	}
	memset(ls->old_pw, 0, sizeof ls->old_pw);
	bf_app_msg(ls->base.app, BF_MSG_INFO, "%s", _("Your new password is saved."));
	finish(ls, 0);
}

static void submit(struct login_screen *ls)
{
	switch (ls->mode) {
	case M_FIRST:
		submit_first(ls);
		return;
	case M_LOGIN: {
		char name[64];
		field_text(ls, F_NAME, name, sizeof name);
		bf_trim(name);
		if (!name[0]) {
			say(ls, true, _("Type your login name first."));
			ls->focus = F_NAME;
			return;
		}
		submit_login(ls, name);
		return;
	}
	case M_CHANGE:
		submit_change(ls);
		return;
	case M_LOCK:
		submit_login(ls, ls->user);
		return;
	}
}

static void move_focus(struct login_screen *ls, int delta)
{
	int n = n_fields(ls), i = field_pos(ls, ls->focus);
	i = ((i < 0 ? 0 : i) + delta + n) % n;
	ls->focus = mode_fields[ls->mode][i];
}

static bool login_input(struct bf_screen *s, bf_key k)
{
	struct login_screen *ls = (struct login_screen *)s;
	if (k == '\t' || k == BF_KC(KEY_DOWN)) {
		move_focus(ls, 1);
		return true;
	}
	if (k == BF_KC(KEY_BTAB) || k == BF_KC(KEY_UP)) {
		move_focus(ls, -1);
		return true;
	}
	if (k == '\n') {
		if (field_pos(ls, ls->focus) < n_fields(ls) - 1 &&
		    bf_edit_empty(&ls->f[mode_fields[ls->mode][field_pos(ls, ls->focus) + 1]]))
			move_focus(ls, 1);
		else
			submit(ls); /* may free ls */
		return true;
	}
	if (ls->mode == M_LOCK && k == BF_KF(2)) {
		/* another user: this session ends (drafts are kept) */
		bf_account_logout(db_of(ls));
		finish(ls, 2);
		return true;
	}
	if (k == BF_ESC) {
		if (ls->mode == M_LOCK)
			return true; /* locked stays locked */
		if (ls->mode == M_CHANGE)
			bf_account_logout(db_of(ls));
		finish(ls, 1);
		return true;
	}
	if (bf_edit_key(&ls->f[ls->focus], k)) {
		ls->msg[0] = '\0';
		return true;
	}
	/* On the lock screen no key reaches anything else but a redraw: no
	 * help, Back or Quit, nothing that could show what is behind it. */
	if (ls->mode == M_LOCK)
		return k != BF_CTRL('R');
	return false;
}

static bool login_typing(struct bf_screen *s)
{
	(void)s;
	return true;
}

static void login_close(struct bf_screen *s)
{
	struct login_screen *ls = (struct login_screen *)s;
	for (int i = 0; i < F_COUNT; i++) {
		wipe(&ls->f[i]);
		bf_edit_free(&ls->f[i]);
	}
	memset(ls->old_pw, 0, sizeof ls->old_pw);
	free(ls);
}

/* The lock takes only Enter, F2 and the redraw key: the status bar says so
 * (not Help, Back, Quit and the rest, which it swallows). */
static bool login_status(struct bf_screen *s, char *buf, size_t n)
{
	struct login_screen *ls = (struct login_screen *)s;
	if (ls->mode != M_LOCK)
		return false;
	char redraw[16];
	bf_action_key_label(BF_ACT_REDRAW, false, redraw, sizeof redraw);
	snprintf(buf, n, "Enter %s  F2 %s  %s %s", _("Unlock"), _("Another user"), redraw,
	         _(bf_action_info(BF_ACT_REDRAW)->label));
	return true;
}

static const enum bf_action login_actions[] = {BF_ACT_NONE};

static const struct bf_screen_ops login_ops = {
    .name = "login",
    .actions = login_actions,
    .draw = login_draw,
    .input = login_input,
    .typing = login_typing,
    .on_close = login_close,
    .status = login_status,
};

/* Show a login screen in mode m and run keys until it closes. 0 logged in,
 * 1 left, 2 another user; 1 also on a signal or the end of a key script. */
static int run(struct bf_app *app, enum login_mode m, const char *user, const char *display)
{
	struct login_screen *ls = calloc(1, sizeof *ls);
	if (!ls)
		return 1;
	int result = 1;
	ls->base.ops = &login_ops;
	ls->result = &result;
	bf_edit_init(&ls->f[F_NAME], 32);
	bf_edit_init(&ls->f[F_DISPLAY], 20);
	bf_edit_init(&ls->f[F_PW], BF_PASSWORD_MAX);
	bf_edit_init(&ls->f[F_PW2], BF_PASSWORD_MAX);
	bf_strlcpy(ls->user, user ? user : "", sizeof ls->user);
	bf_strlcpy(ls->display, display ? display : "", sizeof ls->display);
	if (m == M_LOGIN && user && user[0])
		bf_edit_set(&ls->f[F_NAME], user);
	set_mode(ls, m);
	int depth = app->depth;
	if (bf_app_push(app, &ls->base) != 0)
		return 1;
	while (app->depth > depth && !app->quit) {
		int sig = bf_term_pending_signal();
		if (sig) {
			app->signal = sig;
			break;
		}
		bf_app_frame(app);
		bf_key k = bf_app_read(app);
		if (k == BF_KEY_EOF) {
			if (bf_term_pending_signal())
				continue;
			break;
		}
		bf_app_dispatch(app, k);
	}
	while (app->depth > depth)
		bf_app_pop(app);
	return result;
}

int bf_login_run(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return 1;
	lock_state.switched = false;
	bf_db *db = &app->ctx->db;
	bf_account_logout(db);
	int64_t n = bf_account_count(db);
	if (n < 0)
		return 1;
	/* the name is typed, never taken from BANGFU_USER: at a shared
	 * terminal it would be the last person's */
	return run(app, n == 0 ? M_FIRST : M_LOGIN, NULL, NULL) == 0 ? 0 : 1;
}

void bf_login_lock(struct bf_app *app)
{
	if (lock_state.locked || !app->ctx || !app->ctx->db_open || !app->ctx->db.role)
		return;
	lock_state.locked = true;
	bf_db *db = &app->ctx->db;
	char user[64], display[64] = "";
	bf_strlcpy(user, db->actor, sizeof user);
	struct bf_account a;
	bf_error err = {{0}};
	if (bf_account_get(db, user, &a, &err) == 0)
		bf_strlcpy(display, a.display_name, sizeof display);
	int failed = bf_app_save_drafts(app);
	app->msg[0] = '\0'; /* it may name a person */
	int r = run(app, M_LOCK, user, display);
	lock_state.locked = false;
	if (r != 0) {
		/* Not unlocked (another user, a signal, the end of a key script):
		 * the session ends here and every loop below unwinds, so nothing
		 * behind the lock is shown again. cmd_ui.c starts the next. */
		bf_account_logout(db);
		lock_state.switched = r == 2;
		app->stop_eof = true;
		return;
	}
	clearok(curscr, TRUE);
	if (failed)
		bf_app_msg(app, BF_MSG_WARN,
		           _("Unlocked. %d form(s) could not be kept as a draft while locked."),
		           failed);
}

bool bf_login_switched(struct bf_app *app)
{
	(void)app;
	return lock_state.switched;
}

void bf_login_arm(struct bf_app *app)
{
	int64_t minutes = BF_IDLE_LOCK_MINUTES_DEFAULT;
	if (app->ctx && app->ctx->db_open)
		minutes = bf_setting_int(&app->ctx->db, "idle_lock_minutes", minutes);
	if (minutes < 0)
		minutes = 0;
	if (minutes > 24 * 60)
		minutes = 24 * 60;
	app->idle_lock_ms = (int)(minutes * 60 * 1000);
	app->lock = bf_login_lock;
}
