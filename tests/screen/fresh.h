/* fresh.h — one check for every screen test: the screen as it stands, then
 * as drawn from nothing (what ^R shows). A dialog that closed must have left
 * nothing behind, half characters included (issue 15). split_seen: a SNAP
 * while a dialog was up found half a wide character. */
#ifndef BANGFU_TESTS_FRESH_H
#define BANGFU_TESTS_FRESH_H

#include <check.h>
#include <libintl.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/ui.h"

static inline void same_as_fresh(struct bf_app *a, bool split_seen)
{
	static char now[65536], fresh[65536];
	bf_term_dump(now, sizeof now);
	int y, x;
	ck_assert_msg(!bf_term_split_wide(stdscr, &y, &x), "half a wide character at %d,%d:\n%s", y,
	              x, now);
	ck_assert_msg(!split_seen, "a dialog left half a wide character on screen");
	bf_app_draw(a);
	ck_assert_msg(!bf_term_split_wide(stdscr, &y, &x), "half a wide character at %d,%d", y, x);
	bf_term_dump(fresh, sizeof fresh);
	ck_assert_str_eq(now, fresh);
}

/* The Chinese catalogue of the build tree (make check exports
 * BANGFU_LOCALEDIR), as a user with LANGUAGE=zh_CN sees it. */
static inline void chinese(struct bf_ctx *ctx)
{
	const char *dir = getenv("BANGFU_LOCALEDIR");
	ck_assert_msg(dir && dir[0], "BANGFU_LOCALEDIR is not set");
	ck_assert_ptr_nonnull(bindtextdomain(PACKAGE, dir));
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	bf_strlcpy(ctx->lang, "zh", sizeof ctx->lang);
	bf_ctx_apply_lang(ctx);
	ck_assert_str_eq(gettext("Users"), "用户管理");
}

#endif
