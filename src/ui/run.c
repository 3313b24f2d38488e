/* run.c — bf_ui_run: start the terminal, open the first screen, run, and
 * give the terminal back. Kept apart from app.c so the screen tests do not
 * link the storage layer. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/store.h"
#include "bangfu/ui.h"

struct home_screen {
	struct bf_screen base;
	struct bf_ctx *ctx;
};

static void home_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct home_screen *h = (struct home_screen *)s;
	int y = r.y + 1;
	bf_draw_str(w, y++, r.x + 2, r.w - 4, _("Hardship-assistance casework (困难职工帮扶)"),
	            A_BOLD);
	y++;
	char line[1200];
	if (h->ctx) {
		snprintf(line, sizeof line, _("Database: %s"), h->ctx->db_path);
		bf_draw_str(w, y++, r.x + 2, r.w - 4, line, A_NORMAL);
		snprintf(line, sizeof line, _("Operator: %s"), h->ctx->operator);
		bf_draw_str(w, y++, r.x + 2, r.w - 4, line, A_NORMAL);
		y++;
	}
	char help[32], quit[32];
	bf_action_key_label(BF_ACT_HELP, false, help, sizeof help);
	bf_action_key_label(BF_ACT_QUIT, false, quit, sizeof quit);
	snprintf(line, sizeof line, _("%s shows the keys of every screen; %s quits."), help, quit);
	bf_draw_str(w, y, r.x + 2, r.w - 4, line, A_NORMAL);
}

static void home_close(struct bf_screen *s)
{
	free(s);
}

static const enum bf_action home_actions[] = {BF_ACT_NONE};

static const struct bf_screen_ops home_ops = {
    .name = "home",
    .actions = home_actions,
    .draw = home_draw,
    .on_close = home_close,
};

int bf_ui_run(struct bf_ctx *ctx)
{
	bf_error err = {{0}};
	if (bf_term_init(&err) != 0) {
		fprintf(ctx->err, "bangfu: %s\n", err.msg);
		return 1;
	}
	struct bf_app app;
	bf_app_init(&app, ctx);
	if (ctx->db_open) {
		struct bf_unit u;
		bf_error uerr = {{0}};
		if (bf_unit_load(&ctx->db, &u, &uerr) == 0)
			bf_strlcpy(app.unit_name, u.name, sizeof app.unit_name);
		app.demo = ctx->db.demo;
	}

	struct home_screen *home = calloc(1, sizeof *home);
	if (!home) {
		bf_term_restore();
		fprintf(ctx->err, "bangfu: %s\n", _("out of memory"));
		return 1;
	}
	home->base.ops = &home_ops;
	home->ctx = ctx;
	bf_strlcpy(home->base.title, _("Home"), sizeof home->base.title);
	bf_app_push(&app, &home->base);

	enum bf_run_result r = bf_app_run(&app);
	bf_app_finish(&app);
	bf_term_restore();
	if (r == BF_RUN_SIGNAL) {
		fprintf(ctx->err,
		        _("bangfu: stopped by signal %d; what was typed was kept as a draft.\n"),
		        app.signal);
		return 128 + app.signal;
	}
	return 0;
}
