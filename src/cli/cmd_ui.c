/* cmd_ui.c — bangfu ui (the default without a command): the full-screen
 * application. Opens the database (creating the file when missing), asks
 * for the unit's details on the first start, then shows the case list. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bangfu/cli.h"
#include "bangfu/store.h"
#include "bangfu/ui.h"
#include "bangfu/ui_screens.h"

/* The sessions of the full-screen application on app (its terminal and key
 * source set up): the login, the unit's details on the first start, the
 * case list, and again after the lock screen hands over to another user.
 * *set_up: the unit's details are there; *logged_in: the last login
 * succeeded. -1 when the list of files could not be opened. */
int bf_ui_sessions(struct bf_app *app, bool *set_up, bool *logged_in)
{
	enum bf_run_result r = BF_RUN_QUIT;
	*set_up = bf_store_is_initialized(&app->ctx->db);
	*logged_in = false;
	/* Every session starts with a login (the first one with the
	 * administrator's account); the lock screen may hand over to another
	 * user, which ends the session and starts the next one here. */
	for (;;) {
		*logged_in = bf_login_run(app) == 0;
		if (!*logged_in || app->signal)
			break;
		if (!*set_up && bf_setup_run(app) == 0)
			*set_up = true;
		if (!*set_up || app->signal)
			break;
		bf_login_arm(app);
		if (bf_home_open(app) != 0)
			return -1;
		r = bf_app_run(app);
		if (!bf_login_switched(app) || app->signal)
			break;
		bf_app_finish(app);
		app->stop_eof = false;
		app->quit = false;
		app->idle_lock_ms = 0;
	}
	return (int)r;
}

int bf_cmd_ui(struct bf_ctx *ctx, int argc, char **argv)
{
	if (argc > 1) {
		fprintf(ctx->err, _("bangfu ui: unexpected argument \"%s\" (see bangfu --help)\n"),
		        argv[1]);
		return 2;
	}
	if (bf_ctx_open_db(ctx, true) != 0)
		return 1;
	/* the screens log in themselves (scr_login.c), never on the terminal
	 * under curses */
	ctx->db.login_hook = NULL;

	bf_error err = {{0}};
	if (bf_term_init(&err) != 0) {
		fprintf(ctx->err, "bangfu: %s\n", err.msg);
		return 1;
	}
	struct bf_app app;
	bf_app_init(&app, ctx);
	char note[1400];
	if (bf_ctx_upgrade_note(ctx, true, note, sizeof note))
		bf_app_msg(&app, BF_MSG_WARN, "%s", note);

	bool set_up = false, logged_in = false;
	int r = bf_ui_sessions(&app, &set_up, &logged_in);
	if (r < 0) {
		bf_app_finish(&app);
		bf_term_restore();
		fprintf(ctx->err, _("bangfu: could not open the list of files\n"));
		return 1;
	}
	bf_app_finish(&app);
	bf_term_restore();
	if (!logged_in && !app.signal)
		return 0; /* left at the login: nothing to say */

	if (app.signal || r == BF_RUN_SIGNAL) {
		if (set_up)
			fprintf(ctx->err,
			        _("bangfu: stopped by signal %d; what was typed was kept as a "
			          "draft.\n"),
			        app.signal);
		else
			fprintf(ctx->err, _("bangfu: stopped by signal %d; nothing was set up.\n"),
			        app.signal);
		return 128 + app.signal;
	}
	if (!set_up) {
		fprintf(
		    ctx->err,
		    _("bangfu needs the name of your unit before it can keep files; nothing was "
		      "set up.\nStart bangfu again to enter it, or run: bangfu init --unit "
		      "NAME\n"));
		return 1;
	}
	return 0;
}
