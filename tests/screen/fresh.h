/* fresh.h — one check for every screen test: the screen as it stands, then
 * as drawn from nothing (what ^R shows). A dialog that closed must have left
 * nothing behind, half characters included (issue 15). split_seen: a SNAP
 * while a dialog was up found half a wide character. */
#ifndef BANGFU_TESTS_FRESH_H
#define BANGFU_TESTS_FRESH_H

#include <check.h>
#include <execinfo.h>
#include <stdio.h>
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

/* The same check on every dialog that closes (app->dialog_closed): the
 * screen under it as drawn on closing, then drawn fresh. The first mismatch
 * is kept (the dialog's title and both screens) and fails the test at
 * fresh_verify (the fixture's teardown). checked counts the dialogs. The
 * fresh draw is what the next frame draws anyway (nothing is presented), so
 * the test sees the same screens. BANGFU_DIALOG_LOG=1 prints each title. */
struct fresh_log {
	int checked;
	bool bad;
	char title[256];
	char now[65536], fresh[65536];
};

static inline void fresh_dialog_closed(struct bf_app *a, const char *title, void *data)
{
	struct fresh_log *l = data;
	static char now[65536], fresh[65536];
	int y, x;
	l->checked++;
	if (getenv("BANGFU_DIALOG_LOG")) {
		/* the callers' offsets in the test program, for addr2line -e
		 * (which call site opened the dialog) */
		extern char __executable_start;
		void *pc[8];
		int n = backtrace(pc, 8);
		fputs("# dialog closed: ", stderr);
		for (const char *c = title; *c; c++) /* one line a dialog */
			fputc(*c == '\n' ? ' ' : *c, stderr);
		fputs(" @", stderr);
		for (int i = 1; i < n; i++)
			fprintf(stderr, " %#lx",
			        (unsigned long)((char *)pc[i] - &__executable_start - 1));
		fputc('\n', stderr);
	}
	bf_term_dump(now, sizeof now);
	bool split = bf_term_split_wide(stdscr, &y, &x);
	bf_app_draw(a);
	split = bf_term_split_wide(stdscr, &y, &x) || split;
	bf_term_dump(fresh, sizeof fresh);
	if (l->bad || (!split && strcmp(now, fresh) == 0))
		return;
	l->bad = true;
	snprintf(l->title, sizeof l->title, "%s%s", title, split ? " (half a wide character)" : "");
	memcpy(l->now, now, sizeof now);
	memcpy(l->fresh, fresh, sizeof fresh);
}

static inline void fresh_watch(struct bf_app *a, struct fresh_log *l)
{
	l->checked = 0;
	l->bad = false;
	a->dialog_closed = fresh_dialog_closed;
	a->dialog_closed_data = l;
}

static inline void fresh_verify(const struct fresh_log *l)
{
	fprintf(stderr, "# fresh: %d dialog closes checked\n", l->checked);
	ck_assert_msg(!l->bad, "after the dialog \"%s\" closed the screen was\n%s\ndrawn fresh:\n%s",
	              l->title, l->now, l->fresh);
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
