/* scr_users.c — accounts on screen: the administrator's user management
 * (list, create, disable/enable, unlock, reset a password) and everyone's
 * own password change. Accounts are never deleted, only disabled.
 *
 * The small entry screens (new account, reset, own password) share one
 * screen type: a few labelled fields, passwords shown as stars, a role
 * chosen with Left/Right/Space. Tab/Down and Shift-Tab/Up move, Enter goes
 * to the next empty field or submits, Esc goes back without saving. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_edit.h"
#include "bangfu/ui_list.h"
#include "bangfu/ui_screens.h"

/* ---- the entry screen ----------------------------------------------------------- */

#define ENTRY_MAX 6

struct entry;
/* true: done, the entry closes (it is freed after the callback returns). */
typedef bool (*entry_submit_fn)(struct entry *e);

struct entry_field {
	const char *label; /* translated */
	bool secret;
	bool choice; /* the role */
	int value;   /* choice: an enum bf_role */
	struct bf_edit ed;
};

struct entry {
	struct bf_screen base;
	struct entry_field f[ENTRY_MAX];
	int n, focus;
	char intro[384];
	char msg[256];
	bool msg_error;
	entry_submit_fn submit;
	void *ud;
	char who[64]; /* the account it is about */
};

static void entry_say(struct entry *e, bool error, const char *text)
{
	bf_strlcpy(e->msg, text, sizeof e->msg);
	e->msg_error = error;
}

static void wipe_edit(struct bf_edit *ed)
{
	if (ed->buf)
		memset(ed->buf, 0, (ed->max + 1) * sizeof *ed->buf);
	bf_edit_set(ed, "");
}

static void entry_text(struct entry *e, int i, char *out, size_t n)
{
	if (!bf_edit_get(&e->f[i].ed, out, n))
		out[0] = '\0';
}

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

static void entry_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct entry *e = (struct entry *)s;
	int width = r.w - 8 < 70 ? r.w - 8 : 70;
	if (width < 20)
		width = r.w;
	int x = r.x + (r.w - width) / 2;
	int y = r.y + 1;
	if (e->intro[0])
		y += draw_wrapped(w, y, x, width, 4, e->intro, A_BOLD) + 1;
	int label_w = 0;
	for (int i = 0; i < e->n; i++) {
		int lw = bf_str_width(e->f[i].label);
		if (lw > label_w)
			label_w = lw;
	}
	int box_w = width - label_w - 2 < 34 ? width - label_w - 2 : 34;
	for (int i = 0; i < e->n && y < r.y + r.h; i++, y += 2) {
		struct entry_field *f = &e->f[i];
		bool focused = i == e->focus;
		bf_draw_str(w, y, x, label_w, f->label, focused ? A_BOLD : A_NORMAL);
		attr_t a = bf_attr(focused ? BF_ATTR_FOCUS : BF_ATTR_FIELD);
		int fx = x + label_w + 2;
		if (f->choice) {
			char t[128];
			snprintf(t, sizeof t, "< %s >", bf_role_label((enum bf_role)f->value));
			bf_fill(w, y, fx, box_w, a);
			bf_draw_str(w, y, fx, box_w, t, a);
		} else if (f->secret) {
			bf_fill(w, y, fx, box_w, a);
			int stars = (int)f->ed.len < box_w - 1 ? (int)f->ed.len : box_w - 1;
			for (int k = 0; k < stars; k++)
				bf_put_ch(w, y, fx + k, '*' | a);
			if (focused)
				bf_term_cursor(y, fx + stars);
		} else {
			bf_edit_draw(&f->ed, w, y, fx, box_w, a, focused);
		}
	}
	if (e->msg[0] && y < r.y + r.h)
		y += draw_wrapped(w, y, x, width, 3, e->msg,
		                  e->msg_error ? bf_attr(BF_ATTR_ERROR) : A_NORMAL);
	y++;
	if (y < r.y + r.h)
		draw_wrapped(w, y, x, width, r.y + r.h - y,
		             _("Tab moves between the fields, Enter saves, Esc goes back without "
		               "saving."),
		             A_DIM);
}

static bool entry_input(struct bf_screen *s, bf_key k)
{
	struct entry *e = (struct entry *)s;
	struct entry_field *f = &e->f[e->focus];
	if (k == '\t' || k == BF_KC(KEY_DOWN)) {
		e->focus = (e->focus + 1) % e->n;
		return true;
	}
	if (k == BF_KC(KEY_BTAB) || k == BF_KC(KEY_UP)) {
		e->focus = (e->focus + e->n - 1) % e->n;
		return true;
	}
	if (k == '\n') {
		int next = e->focus + 1;
		if (next < e->n && !e->f[next].choice && bf_edit_empty(&e->f[next].ed)) {
			e->focus = next;
			return true;
		}
		e->msg[0] = '\0';
		if (e->submit(e))
			bf_app_pop(s->app); /* frees e */
		return true;
	}
	if (k == BF_ESC)
		return false; /* Back */
	if (f->choice) {
		int delta = k == BF_KC(KEY_LEFT) ? -1 : (k == BF_KC(KEY_RIGHT) || k == ' ') ? 1 : 0;
		if (k >= '1' && k <= '0' + BF_ROLE_COUNT) {
			f->value = k - '0';
			return true;
		}
		if (delta) {
			f->value = (f->value - 1 + delta + BF_ROLE_COUNT) % BF_ROLE_COUNT + 1;
			return true;
		}
		return bf_key_is_text(k); /* nothing else types here */
	}
	if (bf_edit_key(&f->ed, k)) {
		e->msg[0] = '\0';
		return true;
	}
	return false;
}

static bool entry_typing(struct bf_screen *s)
{
	(void)s;
	return true;
}

static void entry_close(struct bf_screen *s)
{
	struct entry *e = (struct entry *)s;
	for (int i = 0; i < e->n; i++) {
		wipe_edit(&e->f[i].ed);
		bf_edit_free(&e->f[i].ed);
	}
	free(e);
}

static const enum bf_action entry_actions[] = {BF_ACT_NONE};

static const struct bf_screen_ops entry_ops = {
    .name = "entry",
    .actions = entry_actions,
    .draw = entry_draw,
    .input = entry_input,
    .typing = entry_typing,
    .on_close = entry_close,
};

static struct entry *entry_new(const char *title, const char *intro, entry_submit_fn submit,
                               void *ud)
{
	struct entry *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	e->base.ops = &entry_ops;
	bf_strlcpy(e->base.title, title, sizeof e->base.title);
	bf_strlcpy(e->intro, intro ? intro : "", sizeof e->intro);
	e->submit = submit;
	e->ud = ud;
	return e;
}

static int entry_add(struct entry *e, const char *label, bool secret, size_t max_chars)
{
	struct entry_field *f = &e->f[e->n];
	f->label = label;
	f->secret = secret;
	bf_edit_init(&f->ed, max_chars);
	return e->n++;
}

/* Two new passwords (fields a, b) that agree and suit account name. */
static bool entry_new_password(struct entry *e, int a, int b, const char *name, char *pw, size_t n)
{
	char again[BF_PASSWORD_MAX + 8];
	entry_text(e, a, pw, n);
	entry_text(e, b, again, sizeof again);
	bool same = !strcmp(pw, again);
	memset(again, 0, sizeof again);
	bf_error err = {{0}};
	if (!same)
		entry_say(e, true, _("The two passwords differ: type the same one twice."));
	else if (!bf_password_ok(pw, name, &err))
		entry_say(e, true, err.msg);
	else
		return true;
	wipe_edit(&e->f[a].ed);
	wipe_edit(&e->f[b].ed);
	e->focus = a;
	memset(pw, 0, n);
	return false;
}

static bf_db *db_of_app(struct bf_app *app)
{
	return &app->ctx->db;
}

/* ---- changing one's own password ---------------------------------------------------- */

enum { CP_OLD, CP_NEW, CP_NEW2 };

static bool change_submit(struct entry *e)
{
	bf_db *db = db_of_app(e->base.app);
	char old[BF_PASSWORD_MAX + 8], pw[BF_PASSWORD_MAX + 8];
	if (!entry_new_password(e, CP_NEW, CP_NEW2, db->actor, pw, sizeof pw))
		return false;
	entry_text(e, CP_OLD, old, sizeof old);
	bf_error err = {{0}};
	int rc = bf_account_change_password(db, old, pw, &err);
	memset(old, 0, sizeof old);
	memset(pw, 0, sizeof pw);
	if (rc != 0) {
		for (int i = 0; i < e->n; i++)
			wipe_edit(&e->f[i].ed);
		e->focus = CP_OLD;
		entry_say(e, true, err.msg);
		return false;
	}
	bf_app_msg(e->base.app, BF_MSG_INFO, "%s", _("Your new password is saved."));
	return true;
}

int bf_password_change_open(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return -1;
	struct entry *e = entry_new(
	    _("Change my password"),
	    _("Type your present password, then the new one twice. Choose one nobody else "
	      "knows."),
	    change_submit, NULL);
	if (!e)
		return -1;
	entry_add(e, _("Present password"), true, BF_PASSWORD_MAX);
	entry_add(e, _("New password"), true, BF_PASSWORD_MAX);
	entry_add(e, _("New password again"), true, BF_PASSWORD_MAX);
	return bf_app_push(app, &e->base);
}

/* ---- the list of accounts ---------------------------------------------------------- */

enum { UC_NAME, UC_DISPLAY, UC_ROLE, UC_STATE, UC_LAST, UC_COUNT };

static const struct bf_list_col user_cols[UC_COUNT] = {
    [UC_NAME] = {N_("Login name"), 10, BF_COL_NOSORT},
    [UC_DISPLAY] = {N_("Shown as"), 8, BF_COL_NOSORT},
    [UC_ROLE] = {N_("Role"), 8, BF_COL_FLEX | BF_COL_NOSORT},
    [UC_STATE] = {N_("State"), 14, BF_COL_NOSORT},
    [UC_LAST] = {N_("Last login"), 16, BF_COL_NOSORT},
};

struct users {
	struct bf_screen base;
	struct bf_list list;
	bf_db *db;
	struct bf_account *acc;
	size_t n;
	bool loaded;
};

static void users_load(struct users *u)
{
	free(u->acc);
	u->acc = NULL;
	u->n = 0;
	bf_error err = {{0}};
	if (bf_account_list(u->db, &u->acc, &u->n, &err) != 0)
		bf_app_msg(u->base.app, BF_MSG_ERROR, _("Could not read the accounts: %s"),
		           err.msg);
	u->loaded = true;
}

static size_t users_count(void *data)
{
	struct users *u = data;
	if (!u->loaded)
		users_load(u);
	return u->n;
}

static const char *account_state(const struct bf_account *a)
{
	if (a->disabled)
		return _("Disabled");
	if (a->locked)
		return _("Locked");
	if (a->must_change)
		return _("Password reset");
	return _("Active");
}

static size_t users_fetch(void *data, size_t offset, size_t limit, struct bf_list_page *pg)
{
	struct users *u = data;
	if (!u->loaded)
		users_load(u);
	size_t got = 0;
	for (size_t i = offset; i < u->n && got < limit; i++, got++) {
		const struct bf_account *a = &u->acc[i];
		char last[32];
		if (a->last_login[0]) {
			/* 2026-11-28T09:15:02Z -> 2026-11-28 09:15 */
			bf_strlcpy(last, a->last_login, sizeof last);
			if (strlen(last) >= 16) {
				last[10] = ' ';
				last[16] = '\0';
			}
		} else {
			bf_strlcpy(last, _("never"), sizeof last);
		}
		bf_list_page_set(pg, got, UC_NAME, a->name);
		bf_list_page_set(pg, got, UC_DISPLAY, a->display_name);
		bf_list_page_set(pg, got, UC_ROLE, bf_role_label(a->role));
		bf_list_page_set(pg, got, UC_STATE, account_state(a));
		bf_list_page_set(pg, got, UC_LAST, last);
		bf_list_page_set_id(pg, got, a->id);
	}
	return got;
}

static void users_reload(struct users *u)
{
	u->loaded = false;
	bf_list_reload(&u->list);
}

static const struct bf_account *users_selected(struct users *u)
{
	size_t i;
	if (!bf_list_selected(&u->list, &i) || i >= u->n)
		return NULL;
	return &u->acc[i];
}

/* new account */
enum { NU_NAME, NU_DISPLAY, NU_ROLE, NU_PW, NU_PW2 };

static bool create_submit(struct entry *e)
{
	struct users *u = e->ud;
	char name[64], display[64], pw[BF_PASSWORD_MAX + 8];
	entry_text(e, NU_NAME, name, sizeof name);
	entry_text(e, NU_DISPLAY, display, sizeof display);
	bf_trim(name);
	bf_trim(display);
	bf_error err = {{0}};
	if (!bf_account_name_ok(name, &err)) {
		entry_say(e, true, err.msg);
		e->focus = NU_NAME;
		return false;
	}
	if (!entry_new_password(e, NU_PW, NU_PW2, name, pw, sizeof pw))
		return false;
	struct bf_account_new a = {name, display, (enum bf_role)e->f[NU_ROLE].value, pw};
	int rc = bf_account_create(u->db, &a, &err);
	memset(pw, 0, sizeof pw);
	wipe_edit(&e->f[NU_PW].ed);
	wipe_edit(&e->f[NU_PW2].ed);
	if (rc != 0) {
		entry_say(e, true, err.msg);
		e->focus = NU_NAME;
		return false;
	}
	users_reload(u);
	bf_app_msg(u->base.app, BF_MSG_INFO, _("Created the account %s (%s)."), name,
	           bf_role_label(a.role));
	return true;
}

static void users_create(struct users *u)
{
	struct entry *e =
	    entry_new(_("New account"),
	              _("One account per person. Tell them the first password in person; they can "
	                "change it from the menu."),
	              create_submit, u);
	if (!e)
		return;
	entry_add(e, _("Login name"), false, 32);
	entry_add(e, _("Shown as"), false, 20);
	int r = entry_add(e, _("Role"), false, 1);
	e->f[r].choice = true;
	e->f[r].value = BF_ROLE_CLERK;
	entry_add(e, _("First password"), true, BF_PASSWORD_MAX);
	entry_add(e, _("Password again"), true, BF_PASSWORD_MAX);
	bf_app_push(u->base.app, &e->base);
}

/* reset */
static bool reset_submit(struct entry *e)
{
	struct users *u = e->ud;
	char pw[BF_PASSWORD_MAX + 8];
	if (!entry_new_password(e, 0, 1, e->who, pw, sizeof pw))
		return false;
	bf_error err = {{0}};
	int rc = bf_account_reset(u->db, e->who, pw, &err);
	memset(pw, 0, sizeof pw);
	if (rc != 0) {
		entry_say(e, true, err.msg);
		return false;
	}
	users_reload(u);
	bf_app_msg(u->base.app, BF_MSG_INFO,
	           _("The password of %s is reset; they choose a new one at their next login."),
	           e->who);
	return true;
}

static void users_reset(struct users *u, const struct bf_account *a)
{
	char intro[384];
	snprintf(intro, sizeof intro,
	         _("A new password for %s. It works once: at the next login they must choose "
	           "their own."),
	         a->name);
	struct entry *e = entry_new(_("Reset a password"), intro, reset_submit, u);
	if (!e)
		return;
	bf_strlcpy(e->who, a->name, sizeof e->who);
	entry_add(e, _("New password"), true, BF_PASSWORD_MAX);
	entry_add(e, _("Password again"), true, BF_PASSWORD_MAX);
	bf_app_push(u->base.app, &e->base);
}

/* Enter on an account: what can be done with it. */
static void users_row_menu(struct users *u)
{
	const struct bf_account *sel = users_selected(u);
	if (!sel) {
		bf_app_msg(u->base.app, BF_MSG_INFO, "%s", _("No account; n creates one."));
		return;
	}
	struct bf_account a = *sel; /* the list may be reloaded below */
	enum { DO_TOGGLE, DO_UNLOCK, DO_RESET };
	const char *items[3];
	int what[3], n = 0;
	items[n] = a.disabled ? _("Enable the account") : _("Disable the account");
	what[n++] = DO_TOGGLE;
	if (a.locked) {
		items[n] = _("Unlock the account");
		what[n++] = DO_UNLOCK;
	}
	items[n] = _("Reset the password");
	what[n++] = DO_RESET;
	char title[160];
	snprintf(title, sizeof title, "%s%s%s", a.name, a.display_name[0] ? " / " : "",
	         a.display_name);
	int c = bf_dlg_choose(u->base.app, title, items, (size_t)n, 0);
	if (c < 0)
		return;
	bf_error err = {{0}};
	switch (what[c]) {
	case DO_TOGGLE:
		if (!a.disabled) {
			char q[256];
			snprintf(q, sizeof q, _("Disable %s? They can no longer log in."), a.name);
			if (!bf_dlg_confirm(u->base.app, q, false))
				return;
		}
		if (bf_account_set_disabled(u->db, a.name, !a.disabled, &err) != 0) {
			bf_app_msg(u->base.app, BF_MSG_ERROR, "%s", err.msg);
			return;
		}
		users_reload(u);
		bf_app_msg(u->base.app, BF_MSG_INFO,
		           a.disabled ? _("%s may log in again.") : _("%s is disabled."), a.name);
		return;
	case DO_UNLOCK:
		if (bf_account_unlock(u->db, a.name, &err) != 0) {
			bf_app_msg(u->base.app, BF_MSG_ERROR, "%s", err.msg);
			return;
		}
		users_reload(u);
		bf_app_msg(u->base.app, BF_MSG_INFO, _("%s is unlocked."), a.name);
		return;
	case DO_RESET:
		users_reset(u, &a);
		return;
	}
}

static void users_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct users *u = (struct users *)s;
	if (r.h < 4)
		return;
	char line[256];
	size_t n = bf_list_count(&u->list);
	snprintf(line, sizeof line, ngettext("%zu account", "%zu accounts", (unsigned long)n), n);
	bf_draw_str(w, r.y, r.x + 1, r.w - 2, line, A_BOLD);
	bf_draw_str(w, r.y + 1, r.x + 1, r.w - 2,
	            _("Enter: disable, enable, unlock or reset the selected account.  n: a new "
	              "one."),
	            A_DIM);
	bf_list_draw(&u->list, w, (struct bf_rect){r.y + 2, r.x, r.h - 2, r.w});
}

static bool users_action(struct bf_screen *s, enum bf_action a)
{
	struct users *u = (struct users *)s;
	switch (a) {
	case BF_ACT_EDIT:
		users_row_menu(u);
		return true;
	case BF_ACT_NEW:
		users_create(u);
		return true;
	case BF_ACT_REDRAW:
		users_reload(u);
		return false;
	default:
		return false;
	}
}

static bool users_input(struct bf_screen *s, bf_key k)
{
	return bf_list_input(&((struct users *)s)->list, k);
}

static void users_close(struct bf_screen *s)
{
	struct users *u = (struct users *)s;
	bf_list_free(&u->list);
	free(u->acc);
	free(u);
}

static const enum bf_action users_actions[] = {BF_ACT_EDIT, BF_ACT_NEW, BF_ACT_NONE};

static const struct bf_screen_ops users_ops = {
    .name = "users",
    .actions = users_actions,
    .draw = users_draw,
    .action = users_action,
    .on_data_change = bf_screen_reread,
    .input = users_input,
    .on_close = users_close,
};

int bf_users_open(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return -1;
	bf_db *db = &app->ctx->db;
	if (!bf_store_can(db, BF_PERM_USERS)) {
		char msg[256];
		bf_perm_denied(db->role, BF_PERM_USERS, msg, sizeof msg);
		bf_app_msg(app, BF_MSG_ERROR, "%s", msg);
		return -1;
	}
	struct users *u = calloc(1, sizeof *u);
	if (!u)
		return -1;
	u->base.ops = &users_ops;
	u->db = db;
	bf_strlcpy(u->base.title, _("Users"), sizeof u->base.title);
	struct bf_list_source src = {users_count, users_fetch, NULL, NULL, u};
	bf_list_init(&u->list, app, user_cols, UC_COUNT, src);
	u->list.empty_text = N_("No account yet.");
	return bf_app_push(app, &u->base);
}
