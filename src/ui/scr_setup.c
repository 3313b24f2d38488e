/* scr_setup.c — the first start on a database that is not set up: the
 * unit's details (the same as `bangfu init`). Only the unit's name is
 * required; ^S saves, Esc or Quit leaves without setting anything up. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/store.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_form.h"
#include "bangfu/ui_screens.h"

struct setup_screen {
	struct bf_screen base;
	struct bf_form form;
	int *result; /* bf_setup_run's answer: 0 saved, 1 left */
};

enum { F_NAME, F_CODE, F_UNION, F_DISTRICT, F_ADDRESS, F_CONTACT, F_PHONE, F_COUNT };

static const struct bf_field_spec setup_fields[F_COUNT] = {
    [F_NAME] = {.key = "name",
                .label = N_("Unit name (单位名称)"),
                .type = BF_FIELD_TEXT,
                .width = 40,
                .max_chars = 40,
                .flags = BF_FIELD_REQUIRED},
    [F_CODE] = {.key = "code",
                .label = N_("Unit code"),
                .type = BF_FIELD_TEXT,
                .width = 16,
                .max_chars = 16},
    [F_UNION] = {.key = "union",
                 .label = N_("Unit union (基层工会)"),
                 .type = BF_FIELD_TEXT,
                 .width = 40,
                 .max_chars = 40},
    [F_DISTRICT] = {.key = "district",
                    .label = N_("District union"),
                    .type = BF_FIELD_TEXT,
                    .width = 40,
                    .max_chars = 40},
    [F_ADDRESS] = {.key = "address",
                   .label = N_("Address"),
                   .type = BF_FIELD_TEXT,
                   .width = 56,
                   .max_chars = 80},
    [F_CONTACT] = {.key = "contact",
                   .label = N_("Contact person"),
                   .type = BF_FIELD_TEXT,
                   .width = 20,
                   .max_chars = 20},
    [F_PHONE] = {.key = "phone",
                 .label = N_("Contact phone"),
                 .type = BF_FIELD_TEXT,
                 .width = 20,
                 .max_chars = 20},
};

/* Wrapped text from row y; returns the rows used (at most max_rows). */
static int draw_text(WINDOW *w, int y, int x, int width, int max_rows, const char *text, attr_t a)
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

static void setup_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct setup_screen *ss = (struct setup_screen *)s;
	int y = r.y + 1;
	y += draw_text(w, y, r.x + 2, r.w - 4, 2,
	               _("Welcome to bangfu. First, the details of the unit whose files this "
	                 "database keeps."),
	               A_BOLD);
	char keys[160], save[16];
	bf_action_key_label(BF_ACT_SAVE, true, save, sizeof save);
	snprintf(keys, sizeof keys,
	         _("Only the unit's name is required. %s saves; Esc leaves without setting up."),
	         save);
	y += draw_text(w, y, r.x + 2, r.w - 4, 2, keys, A_NORMAL);
	y++;
	bf_form_draw(&ss->form, w, (struct bf_rect){y, r.x, r.y + r.h - y, r.w});
}

static void field_text(struct bf_form *f, int idx, char *out, size_t n)
{
	if (!bf_form_get(f, idx, out, n))
		out[0] = 0;
	bf_trim(out);
}

static void leave(struct setup_screen *ss)
{
	struct bf_app *app = ss->base.app;
	if (ss->form.dirty &&
	    !bf_dlg_confirm(app,
	                    _("Leave without saving? bangfu cannot keep files until the unit's "
	                      "name is saved."),
	                    false))
		return;
	*ss->result = 1;
	bf_app_pop(app); /* frees ss */
}

static void save(struct setup_screen *ss)
{
	struct bf_app *app = ss->base.app;
	struct bf_form *f = &ss->form;
	if (bf_form_validate_all(f) >= 0) {
		if (f->focus == F_NAME)
			bf_app_msg(app, BF_MSG_ERROR, "%s",
			           _("bangfu needs the unit's name: type it in the first field."));
		else
			bf_app_msg(app, BF_MSG_ERROR, "%s",
			           _("Please correct the field marked in red."));
		return;
	}
	struct bf_unit u;
	memset(&u, 0, sizeof u);
	field_text(f, F_NAME, u.name, sizeof u.name);
	field_text(f, F_CODE, u.code, sizeof u.code);
	field_text(f, F_UNION, u.union_name, sizeof u.union_name);
	field_text(f, F_DISTRICT, u.district, sizeof u.district);
	field_text(f, F_ADDRESS, u.address, sizeof u.address);
	field_text(f, F_CONTACT, u.contact, sizeof u.contact);
	field_text(f, F_PHONE, u.phone, sizeof u.phone);
	bf_error err = {{0}};
	if (bf_unit_save(&app->ctx->db, &u, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, _("Could not save: %s"), err.msg);
		return;
	}
	bf_strlcpy(app->unit_name, u.name, sizeof app->unit_name);
	bf_app_msg(app, BF_MSG_INFO, _("Saved. bangfu now keeps the files of %s."), u.name);
	*ss->result = 0;
	bf_app_pop(app); /* frees ss */
}

static bool setup_action(struct bf_screen *s, enum bf_action a)
{
	struct setup_screen *ss = (struct setup_screen *)s;
	switch (a) {
	case BF_ACT_SAVE:
		save(ss);
		return true;
	case BF_ACT_BACK:
	case BF_ACT_QUIT:
		leave(ss);
		return true;
	default:
		return bf_form_action(&ss->form, a);
	}
}

static bool setup_input(struct bf_screen *s, bf_key k)
{
	return bf_form_input(&((struct setup_screen *)s)->form, k);
}

static bool setup_typing(struct bf_screen *s)
{
	return bf_form_typing(&((struct setup_screen *)s)->form);
}

static void setup_close(struct bf_screen *s)
{
	struct setup_screen *ss = (struct setup_screen *)s;
	bf_form_free(&ss->form);
	free(ss);
}

static const enum bf_action setup_actions[] = {BF_ACT_SAVE, BF_ACT_NEXT_FIELD, BF_ACT_PREV_FIELD,
                                               BF_ACT_NONE};

static const struct bf_screen_ops setup_ops = {
    .name = "setup",
    .actions = setup_actions,
    .draw = setup_draw,
    .action = setup_action,
    .input = setup_input,
    .typing = setup_typing,
    .on_close = setup_close,
};

int bf_setup_run(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return 1;
	struct setup_screen *ss = calloc(1, sizeof *ss);
	if (!ss)
		return 1;
	int result = 1;
	ss->base.ops = &setup_ops;
	ss->result = &result;
	bf_strlcpy(ss->base.title, _("Set-up"), sizeof ss->base.title);
	bf_form_init(&ss->form, app, app->ctx->today);
	bf_form_add_all(&ss->form, setup_fields, F_COUNT);

	int depth = app->depth;
	if (bf_app_push(app, &ss->base) != 0)
		return 1;
	/* The main loop, until this screen is closed (saved or left), a quit
	 * signal arrives or a key script ends. */
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
