/* screen_fixture.h — the fixture the workflow, publicity and campaign screen
 * tests share: a fresh database in a temporary folder per test, an operator
 * logged in, curses on an "xterm" over /dev/null at 80x24, keys from a
 * script, snapshots of the screen. Included once, by each test program
 * (it defines static state and functions). */
#ifndef BANGFU_SCREEN_FIXTURE_H
#define BANGFU_SCREEN_FIXTURE_H

#include <dirent.h>
#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bangfu/accounts.h"
#include "../testkey.h"
#include "fresh.h"
#include "bangfu/store.h"
#include "bangfu/ui.h"
#include "bangfu/ui_screens.h"
#include "../unit/testutil.h"

/* ---- fixture ------------------------------------------------------------------------ */

static char tmpdir[512];
static FILE *null_out, *null_in;
static struct bf_ctx ctx;
static struct bf_app app;
/* every dialog closed in a test, checked against a fresh draw */
static struct fresh_log dialogs;
static struct bf_keyscript ks;

/* SNAP keeps the screen as shown at that moment (dialogs are on screen only
 * while they wait for a key). */
#define SNAP BF_KC(KEY_MAX + 1)
static char snaps[4][65536];
static int n_snaps;
/* Whether the screen held half of a wide character at any SNAP (a dialog
 * drawn over Chinese text must blank the other half: bf_draw_wcs's rule). */
static bool snap_split;

static bf_key script_read(void *data, int timeout_ms)
{
	for (;;) {
		bf_key k = bf_keyscript_src(data).read(data, timeout_ms);
		if (k != SNAP)
			return k;
		int sy, sx;
		if (bf_term_split_wide(stdscr, &sy, &sx))
			snap_split = true;
		if (n_snaps < 4)
			bf_term_dump(snaps[n_snaps++], sizeof snaps[0]);
	}
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bf-screen-XXXXXX", base && base[0] ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	setenv("LANGUAGE", "", 1);
	setenv("HOME", tmpdir, 1);

	memset(&ctx, 0, sizeof ctx);
	snprintf(ctx.db_path, sizeof ctx.db_path, "%s/t.db", tmpdir);
	bf_strlcpy(ctx.operator, "tester", sizeof ctx.operator);
	bf_strlcpy(ctx.lang, "en", sizeof ctx.lang);
	ctx.today = bf_date_from_ymd(2026, 11, 28);
	ctx.out = stdout;
	ctx.err = stderr;
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(&ctx.db, ctx.db_path, BF_DB_CREATE, &err) == 0, "%s", err.msg);
	tu_key(&ctx.db);
	bf_db_set_actor(&ctx.db, ctx.operator);
	bf_store_set_session(&ctx.db, "tester", BF_ROLE_ADMIN);
	ctx.db_open = true;

	null_out = fopen("/dev/null", "w");
	null_in = fopen("/dev/null", "r");
	ck_assert_int_eq(bf_term_init_on("xterm", null_out, null_in, 24, 80, &err), 0);
	bf_app_init(&app, &ctx);
	fresh_watch(&app, &dialogs);
	bf_keyscript_init(&ks);
	app.keys = (struct bf_keysrc){script_read, &ks};
	app.confirm_quit = false;
	n_snaps = 0;
	snap_split = false;
}

static void teardown(void)
{
	bf_app_finish(&app);
	bf_keyscript_free(&ks);
	bf_term_restore();
	fclose(null_out);
	fclose(null_in);
	bf_db_close(&ctx.db);
	if (tmpdir[0])
		nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	fresh_verify(&dialogs);
}

/* ---- helpers ---------------------------------------------------------------------- */

static void run(void)
{
	app.stop_eof = false;
	bf_app_run(&app);
}

static void key(bf_key k)
{
	bf_keyscript_key(&ks, k);
}

static void type(const char *s)
{
	bf_keyscript_type(&ks, s);
}

static void snap(void)
{
	bf_keyscript_key(&ks, SNAP);
}

static const char *screen(void)
{
	static char buf[65536];
	bf_term_dump(buf, sizeof buf);
	return buf;
}

static inline void assert_same_as_fresh(void)
{
	same_as_fresh(&app, snap_split);
}

/* The one integer sql gives. */
static inline int64_t sql_int(const char *sql)
{
	int64_t v = -1;
	ck_assert_msg(bf_db_int(&ctx.db, sql, &v) == 0, "%s", ctx.db.errmsg);
	return v;
}

/* Whether folder dir holds a file whose name starts with prefix (an
 * export's temporary left behind, a file written). */
static inline bool dir_has(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	bool found = false;
	for (struct dirent *e; !found && (e = readdir(d));)
		found = strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return found;
}

/* The rest of the line of text that starts with label (a table's row). */
static inline const char *row_of(const char *text, const char *label)
{
	static char line[1024];
	const char *p = strstr(text, label);
	ck_assert_msg(p != NULL, "\"%s\" not in:\n%s", label, text);
	const char *e = strchr(p, '\n');
	size_t n = e ? (size_t)(e - p) : strlen(p);
	if (n >= sizeof line)
		n = sizeof line - 1;
	memcpy(line, p, n);
	line[n] = '\0';
	return line;
}

#define assert_on_screen(s) \
	ck_assert_msg(strstr(screen(), (s)) != NULL, "\"%s\" not on screen:\n%s", (s), screen())
#define assert_in(text, s) \
	ck_assert_msg(strstr((text), (s)) != NULL, "\"%s\" not in:\n%s", (s), (text))

/* Long work on screen stopped with Esc (issue 17): with the keys that start
 * it queued, run with the progress box polling at every step, let it go
 * steps steps, then press Esc. snaps[0] is the box at its start, snaps[1]
 * where it was stopped; the box named label and the message line says it
 * was cancelled. */
static inline void esc_after_steps(int steps, const char *label)
{
	n_snaps = 0;
	setenv("BANGFU_TEST_PROGRESS_EVERY", "1", 1);
	snap();
	for (int i = 0; i < steps; i++)
		key(BF_KEY_NONE);
	snap();
	key(BF_ESC);
	run();
	unsetenv("BANGFU_TEST_PROGRESS_EVERY");
	assert_in(snaps[0], label);
	assert_in(snaps[0], "Esc cancel");
	char msg[256];
	snprintf(msg, sizeof msg, "%s: cancelled, nothing was changed.", label);
	assert_on_screen(msg);
}

#endif
