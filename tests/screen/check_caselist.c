/* check_caselist.c — the case list (home screen) and the first-start set-up
 * screen, driven in-process: a temporary database filled with generated
 * cases, curses on an "xterm" over /dev/null at 80x24, keys from a script,
 * the screen read back as text and compared with what the database holds. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bangfu/case_query.h"
#include "bangfu/ident.h"
#include "bangfu/money.h"
#include "bangfu/pinyin.h"
#include "bangfu/sample.h"
#include "bangfu/store.h"
#include "bangfu/ui.h"
#include "bangfu/ui_screens.h"
#include "bangfu/workflow.h"
#include "fresh.h"
#include "../unit/testutil.h"

/* ---- the file form, faked ---------------------------------------------------------------
 * The list opens the intake form through bf_intake_open. These tests check
 * what the list asks of it and what it does when a save is reported, so a
 * stand-in records the call. Weak: the real form (src/ui/scr_intake.c) in
 * libbangfu.a is then not linked into this program at all. */
static struct {
	int calls;
	int64_t case_id;
	void (*on_saved)(void *ud, int64_t case_id);
	void *ud;
} fake;

__attribute__((weak)) int bf_intake_open(struct bf_app *app, int64_t case_id,
                                         void (*on_saved)(void *ud, int64_t case_id), void *ud)
{
	(void)app;
	fake.calls++;
	fake.case_id = case_id;
	fake.on_saved = on_saved;
	fake.ud = ud;
	return 0;
}

/* ---- fixture ------------------------------------------------------------------------------ */

static FILE *null_out, *null_in;
static struct bf_ctx ctx;
static struct bf_app app;
/* every dialog closed in a test, checked against a fresh draw */
static struct fresh_log dialogs;
static struct bf_keyscript ks;
static char dir[256];

#define SNAP BF_KC(KEY_MAX + 1)
static char snaps[4][65536];
static int n_snaps;
/* Half a wide character on screen at a SNAP (a dialog over Chinese text). */
static bool snap_split;

static bf_key snap_read(void *data, int timeout_ms)
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

static void setup(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	setenv("LANGUAGE", "", 1);
	memset(&fake, 0, sizeof fake);

	snprintf(dir, sizeof dir, "%s/bangfu-caselist.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	bf_ctx_init(&ctx);
	snprintf(ctx.db_path, sizeof ctx.db_path, "%s/test.db", dir);
	bf_strlcpy(ctx.operator, "tester", sizeof ctx.operator);
	bf_strlcpy(ctx.lang, "en", sizeof ctx.lang);
	ctx.lang_given = true;
	ctx.today = bf_date_from_ymd(2026, 11, 28);
	ck_assert_int_eq(bf_ctx_open_db(&ctx, true), 0);
	tu_key(&ctx.db);

	null_out = fopen("/dev/null", "w");
	null_in = fopen("/dev/null", "r");
	bf_error err = {{0}};
	ck_assert_int_eq(bf_term_init_on("xterm", null_out, null_in, 24, 80, &err), 0);
	bf_app_init(&app, &ctx);
	fresh_watch(&app, &dialogs);
	bf_keyscript_init(&ks);
	app.keys = (struct bf_keysrc){snap_read, &ks};
	app.confirm_quit = false;
	n_snaps = 0;
}

static void teardown(void)
{
	bf_app_finish(&app);
	bf_keyscript_free(&ks);
	bf_term_restore();
	fclose(null_out);
	fclose(null_in);
	bf_ctx_close(&ctx);
	const char *ext[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < BF_ARRAY_LEN(ext); i++) {
		char p[1100];
		snprintf(p, sizeof p, "%s%s", ctx.db_path, ext[i]);
		unlink(p);
	}
	rmdir(dir);
	fresh_verify(&dialogs);
}

static void set_up_unit(const char *name)
{
	struct bf_unit u;
	memset(&u, 0, sizeof u);
	bf_strlcpy(u.name, name, sizeof u.name);
	bf_error err = {{0}};
	ck_assert_msg(bf_unit_save(&ctx.db, &u, &err) == 0, "%s", err.msg);
}

/* n generated cases (kinds cycling), statuses spread over the workflow. */
static void fill(int n)
{
	struct bf_sample s;
	bf_sample_seed(&s, 2026);
	struct bf_case *c = malloc(sizeof *c);
	ck_assert_ptr_nonnull(c);
	bf_error err = {{0}};
	ck_assert_int_eq(bf_db_begin(&ctx.db), 0);
	for (int i = 0; i < n; i++) {
		bf_sample_case(&s, 2026, i, c);
		bf_strlcpy(c->status, bf_state_code((enum bf_state)((i / 3) % BF_STATE_COUNT)),
		           sizeof c->status);
		ck_assert_msg(bf_case_save(&ctx.db, c, &err) == 0, "case %d: %s", i, err.msg);
	}
	ck_assert_int_eq(bf_db_commit(&ctx.db), 0);
	free(c);
}

/* Rows as the database orders them for a filter. */
static int db_rows(const struct bf_case_filter *f, struct bf_case_row *rows, int max)
{
	int n = 0;
	bf_error err = {{0}};
	ck_assert_msg(bf_case_page(&ctx.db, f, 0, 0, max, rows, &n, &err) == 0, "%s", err.msg);
	return n;
}

static int64_t db_count(const struct bf_case_filter *f)
{
	int64_t n = -1;
	bf_error err = {{0}};
	ck_assert_msg(bf_case_count(&ctx.db, f, &n, &err) == 0, "%s", err.msg);
	return n;
}

static void open_list(void)
{
	ck_assert_int_eq(bf_caselist_open(&app), 0);
}

static enum bf_run_result run(void)
{
	app.stop_eof = false;
	return bf_app_run(&app);
}

static void key(bf_key k)
{
	bf_keyscript_key(&ks, k);
}

static void keys(bf_key k, int times)
{
	for (int i = 0; i < times; i++)
		key(k);
}

static void type(const char *s)
{
	bf_keyscript_type(&ks, s);
}

static const char *row(int y)
{
	static char line[4096];
	bf_term_dump_line(y, line, sizeof line);
	return line;
}

static const char *screen(void)
{
	static char buf[65536];
	bf_term_dump(buf, sizeof buf);
	return buf;
}

static int find_row(const char *s)
{
	for (int y = 0; y < LINES; y++)
		if (strstr(row(y), s))
			return y;
	return -1;
}

static bool on_screen(const char *s)
{
	return strstr(screen(), s) != NULL;
}

static void resize(int rows, int cols)
{
	resizeterm(rows, cols);
	key(BF_KEY_RESIZE);
}

/* The highlighted (selected) row of the table, or -1. */
static int selected_row(void)
{
	int found = -1;
	for (int y = 2; y < LINES - 2; y++) {
		attr_t a = mvwinch(stdscr, y, 1) & A_ATTRIBUTES & ~A_COLOR;
		if (a & A_REVERSE) {
			ck_assert_msg(found < 0, "two rows highlighted: %d and %d", found, y);
			found = y;
		}
	}
	return found;
}

/* Display column where s starts in row y, or -1. */
static int column_of(int y, const char *s)
{
	const char *r = row(y);
	const char *p = strstr(r, s);
	if (!p)
		return -1;
	char prefix[4096];
	memcpy(prefix, r, (size_t)(p - r));
	prefix[p - r] = 0;
	return bf_str_width(prefix);
}

/* ---- the list ----------------------------------------------------------------------------- */

/* The file's full employee ID number (lists carry only the mask). */
static void full_id(int64_t case_id, char *out, size_t n)
{
	struct bf_case *c = malloc(sizeof *c);
	bf_error err = {{0}};
	ck_assert_msg(bf_case_load(&ctx.db, case_id, c, &err) == 0, "%s", err.msg);
	bf_strlcpy(out, c->members[0].id_number, n);
	free(c);
}

START_TEST(columns_and_masked_ids)
{
	set_up_unit("某某机械厂");
	fill(40);
	open_list();
	run();
	const char *head = row(2);
	const char *titles[] = {"Number", "Name", "Status", "Cat.", "Per capita", "ID number"};
	for (size_t i = 0; i < BF_ARRAY_LEN(titles); i++)
		ck_assert_msg(strstr(head, titles[i]), "no column %s in: %s", titles[i], head);
	ck_assert_ptr_nonnull(strstr(row(1), "40 files"));
	ck_assert_ptr_nonnull(strstr(row(0), "某某机械厂"));

	struct bf_case_filter f;
	memset(&f, 0, sizeof f);
	struct bf_case_row rows[40];
	ck_assert_int_eq(db_rows(&f, rows, 40), 40);
	int id_col = -1;
	for (int i = 0; i < 19; i++) {
		int y = 3 + i;
		const char *r = row(y);
		char masked[32], money[32];
		bf_mask_id(rows[i].id_number, masked, sizeof masked);
		ck_assert_msg(strstr(r, rows[i].number), "row %d: %s", i, r);
		ck_assert_msg(strstr(r, rows[i].name), "row %d: %s", i, r);
		ck_assert_msg(strstr(r, masked), "row %d has no %s: %s", i, masked, r);
		char label[10]; /* long English labels are cut to the column */
		bf_strlcpy(label, bf_state_label_of(rows[i].status), sizeof label);
		ck_assert_msg(strstr(r, label), "row %d has no %s: %s", i, label, r);
		if (rows[i].household_size > 0) {
			bf_money_format(rows[i].per_capita, money, sizeof money);
			ck_assert_msg(strstr(r, money), "row %d has no %s: %s", i, money, r);
		}
		/* Chinese names of 2-4 characters: the ID column stays aligned */
		int c = column_of(y, masked);
		if (id_col < 0)
			id_col = c;
		ck_assert_int_eq(c, id_col);
	}
	ck_assert_int_eq(find_row(rows[19].number), -1); /* only what fits is shown */
	/* the masked ID ends the row at the screen's right edge */
	ck_assert_int_le(id_col + 18, 80);
	/* no full ID number anywhere, whatever the scrolling */
	keys(BF_KC(KEY_NPAGE), 2);
	key(BF_KC(KEY_END));
	run();
	ck_assert_int_ge(find_row(rows[39].number), 3);
	char full[32];
	for (int i = 0; i < 40; i++) {
		full_id(rows[i].id, full, sizeof full);
		ck_assert_msg(!on_screen(full), "full ID %s on screen", full);
	}
	char birth[9];
	full_id(rows[39].id, full, sizeof full);
	bf_strlcpy(birth, full + 6, sizeof birth);
	ck_assert(!on_screen(birth)); /* not even the hidden middle part */
}
END_TEST

/* Keyset paging (issue 17): for every order, both directions, with and
 * without a filter, pages of 3 that continue from the last row (forward)
 * or the first (backward) give exactly the rows of one whole fetch, and
 * each row's position is its place in it. Some departments are empty, so
 * the NULLs that sort last are crossed too. */
START_TEST(keyset_pages_every_order)
{
	set_up_unit("单位");
	fill(40);
	ck_assert_int_eq(bf_db_begin(&ctx.db), 0);
	ck_assert_int_eq(bf_db_exec(&ctx.db,
	                            "UPDATE case_file SET department = NULL WHERE id % 3 = 0;"
	                            " UPDATE case_file SET department = 'A', per_capita = 0"
	                            " WHERE id % 5 = 1"),
	                 0);
	ck_assert_int_eq(bf_db_commit(&ctx.db), 0);
	bf_error err = {{0}};
	for (int filt = 0; filt < 2; filt++)
		for (int s = 0; s < BF_SORT_COUNT; s++)
			for (int desc = 0; desc < 2; desc++) {
				struct bf_case_filter f;
				memset(&f, 0, sizeof f);
				f.sort = (enum bf_case_sort)s;
				f.desc = desc;
				if (filt)
					f.category = -1;
				struct bf_case_row all[41], page[3];
				int n = db_rows(&f, all, 41);
				ck_assert_int_eq(n, db_count(&f));
				ck_assert_int_gt(n, 4);
				int k = 0, got;
				int64_t anchor = 0;
				do {
					ck_assert_int_eq(bf_case_page(&ctx.db, &f, anchor, 0, 3,
					                              page, &got, &err),
					                 0);
					for (int i = 0; i < got; i++, k++)
						ck_assert_msg(k < n && page[i].id == all[k].id,
						              "sort %d desc %d filter %d: row %d",
						              s, desc, filt, k);
					if (got)
						anchor = page[got - 1].id;
				} while (got == 3);
				ck_assert_int_eq(k, n);
				k = n, anchor = 0;
				do {
					ck_assert_int_eq(bf_case_page(&ctx.db, &f, anchor,
					                              BF_PAGE_BACKWARD, 3, page,
					                              &got, &err),
					                 0);
					for (int i = got - 1; i >= 0; i--)
						ck_assert_msg(
						    page[i].id == all[--k].id,
						    "backward: sort %d desc %d filter %d: row %d",
						    s, desc, filt, k);
					if (got)
						anchor = page[0].id;
				} while (got == 3);
				ck_assert_int_eq(k, 0);
				for (int i = 0; i < n; i++) {
					int64_t pos;
					ck_assert_int_eq(
					    bf_case_position(&ctx.db, &f, all[i].id, &pos, &err),
					    0);
					ck_assert_int_eq(pos, i);
					ck_assert_int_eq(bf_case_page(&ctx.db, &f, all[i].id,
					                              BF_PAGE_INCLUSIVE, 1, page,
					                              &got, &err),
					                 0);
					ck_assert(got == 1 && page[0].id == all[i].id);
				}
			}
	/* a file that does not match the filter has no position; a deleted
	 * anchor is reported, not taken for the start */
	struct bf_case_filter f;
	memset(&f, 0, sizeof f);
	f.category = -1;
	struct bf_case_row all[41], page[3];
	int n = db_rows(&f, all, 41), got = 0;
	ck_assert_int_gt(n, 0);
	memset(&f, 0, sizeof f);
	f.category = 9; /* no file */
	int64_t pos = 0;
	ck_assert_int_eq(bf_case_position(&ctx.db, &f, all[0].id, &pos, &err), 0);
	ck_assert_int_eq(pos, -1);
	f.category = 0;
	ck_assert_int_eq(bf_case_page(&ctx.db, &f, 999999, 0, 3, page, &got, &err), BF_PAGE_GONE);
}
END_TEST

/* The screen pages by key: PgDn, PgUp, End, Up and Home over 300 files
 * show the rows one whole fetch has at those places. */
START_TEST(scrolling_shows_the_right_rows)
{
	set_up_unit("单位");
	fill(300);
	open_list();
	run();
	struct bf_case_filter f;
	memset(&f, 0, sizeof f);
	static struct bf_case_row rows[300];
	ck_assert_int_eq(db_rows(&f, rows, 300), 300);
	int page = -1;
	for (int y = 3; y < LINES; y++)
		if (strstr(row(y), rows[y - 3].number))
			page = y - 2;
	ck_assert_int_gt(page, 5);
	keys(BF_KC(KEY_NPAGE), 3);
	run();
	int r = find_row(rows[3 * page].number);
	ck_assert_msg(r >= 3, "after 3 PgDn no %s", rows[3 * page].number);
	for (int i = 1; i < 5; i++)
		ck_assert_int_eq(find_row(rows[3 * page + i].number), r + i);
	key(BF_KC(KEY_PPAGE));
	run();
	r = find_row(rows[2 * page].number);
	ck_assert_int_ge(r, 3);
	ck_assert_int_eq(find_row(rows[2 * page + 1].number), r + 1);
	key(BF_KC(KEY_END));
	run();
	r = find_row(rows[299].number);
	ck_assert_int_ge(r, 3);
	for (int i = 1; i < 5; i++)
		ck_assert_int_eq(find_row(rows[299 - i].number), r - i);
	keys(BF_KC(KEY_UP), page + 3);
	run();
	r = find_row(rows[299 - page - 3].number);
	ck_assert_int_ge(r, 3);
	ck_assert_int_eq(find_row(rows[299 - page - 2].number), r + 1);
	key(BF_KC(KEY_HOME));
	run();
	ck_assert_int_eq(find_row(rows[0].number), 3);
}
END_TEST

/* Numbers from the 10,000th of a year on are one character longer: the
 * Number column widens to them instead of cutting "2026-10000". */
START_TEST(long_numbers_fit)
{
	set_up_unit("单位");
	fill(5);
	ck_assert_int_eq(bf_db_begin(&ctx.db), 0);
	ck_assert_int_eq(
	    bf_db_exec(&ctx.db, "UPDATE case_file SET number = '2026-10000' WHERE id = 2"), 0);
	ck_assert_int_eq(bf_db_commit(&ctx.db), 0);
	int w = 0;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_case_number_width(&ctx.db, &w, &err), 0);
	ck_assert_int_eq(w, 10);
	open_list();
	run();
	int r = find_row("2026-10000 ");
	ck_assert_msg(r >= 3, "cut: %s", row(7));
	/* the next column starts after it, lined up with the other rows */
	ck_assert_int_eq(column_of(r, "2026-10000"), column_of(3, "2026-0001"));
	ck_assert_int_gt(column_of(2, "Name"), 11);
}
END_TEST

START_TEST(category_and_dash)
{
	set_up_unit("单位");
	fill(24);
	open_list();
	run();
	struct bf_case_filter f;
	memset(&f, 0, sizeof f);
	struct bf_case_row rows[24];
	db_rows(&f, rows, 24);
	int cat_col = column_of(2, "Cat.");
	ck_assert_int_gt(cat_col, 0);
	bool some = false, none = false;
	for (int i = 0; i < 19; i++) {
		const char *r = row(3 + i);
		char want[8];
		snprintf(want, sizeof want, "%d", rows[i].category);
		const char *cell = rows[i].category ? want : "-";
		/* the category cell starts under the title */
		ck_assert_msg(column_of(3 + i, rows[i].number) == 1, "%s", r);
		wchar_t w[1024];
		size_t n = bf_utf8_decode(r, w, 1024);
		int col = 0;
		size_t k = 0;
		while (k < n && col < cat_col)
			col += bf_wc_width(w[k++]);
		ck_assert_msg(col == cat_col && w[k] == (wchar_t)cell[0], "row %d: %s", i, r);
		some = some || rows[i].category;
		none = none || !rows[i].category;
	}
	ck_assert(some && none);
}
END_TEST

START_TEST(sort_by_name_changes_order)
{
	set_up_unit("单位");
	fill(30);
	open_list();
	run();
	struct bf_case_filter f;
	memset(&f, 0, sizeof f);
	struct bf_case_row by_number[30], by_name[30];
	db_rows(&f, by_number, 30);
	f.sort = BF_SORT_NAME;
	db_rows(&f, by_name, 30);
	ck_assert_ptr_nonnull(strstr(row(2), "Number ^"));
	ck_assert_int_eq(find_row(by_number[0].number), 3);

	key('s'); /* the same column again: reversed */
	run();
	ck_assert_ptr_nonnull(strstr(row(2), "Number v"));
	ck_assert_int_eq(find_row(by_number[29].number), 3);

	key('s'); /* the next column: name, ascending */
	run();
	ck_assert_ptr_nonnull(strstr(row(2), "Name ^"));
	ck_assert_ptr_nonnull(strstr(row(LINES - 2), "Sorted by Name"));
	for (int i = 0; i < 19; i++)
		ck_assert_msg(strstr(row(3 + i), by_name[i].number), "row %d: %s, want %s", i,
		              row(3 + i), by_name[i].number);
	ck_assert_str_ne(by_name[0].number, by_number[0].number);

	key('s');
	run();
	ck_assert_ptr_nonnull(strstr(row(2), "Name v"));
	ck_assert_ptr_nonnull(strstr(row(3), by_name[29].number));
}
END_TEST

START_TEST(search_by_pinyin_initials)
{
	set_up_unit("单位");
	fill(60);
	open_list();
	struct bf_case_filter f;
	memset(&f, 0, sizeof f);
	struct bf_case_row rows[60];
	db_rows(&f, rows, 60);
	/* a name from the data, as initials: 张三 -> zs */
	const struct bf_case_row *who = &rows[37];
	char q[16];
	bf_pinyin_initials(who->name, q, sizeof q);
	ck_assert_int_ge(strlen(q), 2);
	bf_strlcpy(f.search, q, sizeof f.search);
	int64_t want = db_count(&f);
	ck_assert_int_ge(want, 1);
	ck_assert_int_lt(want, 60);

	key('/');
	type(q);
	run();
	char line[128];
	snprintf(line, sizeof line, "%lld of 60 files", (long long)want);
	ck_assert_msg(strstr(row(1), line), "want %s: %s", line, row(1));
	ck_assert_int_ge(find_row(who->number), 3);
	for (int y = 3; y < 3 + want && y < 3 + 19; y++) {
		/* every row shown matches */
		bool ok = false;
		for (int i = 0; i < 60; i++)
			if (strstr(row(y), rows[i].number))
				ok = bf_pinyin_match(rows[i].name, q);
		ck_assert_msg(ok, "row %d does not match %s: %s", y, q, row(y));
	}
	ck_assert_int_ge(find_row("Search: "), LINES - 4);

	/* each keystroke re-queries: one letter finds more */
	key(BF_KC(KEY_BACKSPACE));
	run();
	char one[2] = {q[0], 0};
	bf_strlcpy(f.search, one, sizeof f.search);
	snprintf(line, sizeof line, "%lld of 60 files", (long long)db_count(&f));
	ck_assert_msg(strstr(row(1), line), "want %s: %s", line, row(1));

	/* Enter keeps the search (and shows it in the header); Esc clears */
	type(q + 1);
	key('\n');
	run();
	snprintf(line, sizeof line, "%lld of 60 files   Search: %s", (long long)want, q);
	ck_assert_msg(strstr(row(1), line), "want %s: %s", line, row(1));
	ck_assert_int_lt(find_row("Search: "), 3); /* the search line is closed */
	key(BF_ESC);
	run();
	ck_assert_ptr_nonnull(strstr(row(1), "60 files"));
	ck_assert_ptr_null(strstr(row(1), " of "));
	ck_assert_int_eq(app.depth, 1);

	/* Esc while typing cancels at once */
	key('/');
	type(q);
	key(BF_ESC);
	run();
	ck_assert_ptr_nonnull(strstr(row(1), "60 files"));
	ck_assert_ptr_null(strstr(row(1), " of "));

	/* no match says so */
	key('/');
	type("qqqqqq");
	run();
	ck_assert_ptr_nonnull(strstr(row(1), "0 of 60 files"));
	ck_assert_ptr_nonnull(strstr(screen(), "no match"));
	ck_assert_ptr_nonnull(strstr(screen(), "No file matches"));
}
END_TEST

START_TEST(search_by_id_digits)
{
	set_up_unit("单位");
	fill(40);
	open_list();
	struct bf_case_filter f;
	memset(&f, 0, sizeof f);
	struct bf_case_row rows[40];
	db_rows(&f, rows, 40);
	const struct bf_case_row *who = &rows[23];
	char id[32];
	full_id(who->id, id, sizeof id);
	/* the birth date in the middle of the number is no search key: typing
	 * digits cannot step through a number the mask hides */
	char digits[16];
	memcpy(digits, id + 6, 8);
	digits[8] = 0;
	bf_strlcpy(f.search, digits, sizeof f.search);
	ck_assert_int_eq(db_count(&f), 0);
	/* the sequence digits the mask shows do find it */
	memcpy(digits, id + 14, 3);
	digits[3] = 0;
	bf_strlcpy(f.search, digits, sizeof f.search);
	int64_t want = db_count(&f);
	ck_assert_int_ge(want, 1);
	key('/');
	type(digits);
	run();
	char line[64];
	snprintf(line, sizeof line, "%lld of 40 files", (long long)want);
	ck_assert_msg(strstr(row(1), line), "want %s: %s", line, row(1));
	ck_assert_int_ge(find_row(who->number), 3);

	/* the whole number finds exactly that file and is not left on show */
	keys(BF_KC(KEY_BACKSPACE), 3);
	type(id);
	key('\n');
	run();
	ck_assert_msg(strstr(row(1), "1 of 40 files"), "%s", row(1));
	ck_assert_int_eq(find_row(who->number), 3);
	ck_assert(!on_screen(id));
	char masked[32];
	bf_mask_id(id, masked, sizeof masked);
	ck_assert_ptr_nonnull(strstr(row(1), masked));
	/* Enter on it opens that file */
	key('\n');
	run();
	ck_assert_int_eq(fake.calls, 1);
	ck_assert_int_eq(fake.case_id, who->id);
}
END_TEST

START_TEST(filter_by_status_and_category)
{
	set_up_unit("单位");
	fill(60);
	open_list();
	key('f');
	key(SNAP);
	key(BF_KC(KEY_HOME));
	keys(BF_KC(KEY_DOWN), 1 + BF_STATE_APPROVED);
	key('\n');
	key(SNAP);
	key('7'); /* "Any category" */
	key('\n');
	run();
	ck_assert_ptr_nonnull(strstr(snaps[0], "Any status"));
	ck_assert_ptr_nonnull(strstr(snaps[0], "Accepted by the district"));
	ck_assert_ptr_nonnull(strstr(snaps[1], "Category 5"));
	ck_assert_ptr_nonnull(strstr(snaps[1], "Any category"));

	struct bf_case_filter f;
	memset(&f, 0, sizeof f);
	bf_strlcpy(f.status, "approved", sizeof f.status);
	int64_t want = db_count(&f);
	ck_assert_int_ge(want, 2);
	char line[64];
	snprintf(line, sizeof line, "%lld of 60 files   Status: Approved", (long long)want);
	ck_assert_msg(strstr(row(1), line), "want %s: %s", line, row(1));
	for (int y = 3; y < 3 + want; y++)
		ck_assert_msg(strstr(row(y), "Approved"), "row %d: %s", y, row(y));
	ck_assert_str_eq(row(3 + (int)want), "");
	/* the list after the pop-up closed is the list drawn fresh (issue 15:
	 * each row's last character was pushed onto the next line) */
	same_as_fresh(&app, false);

	/* category 2 of any status */
	key('f');
	key('1'); /* "Any status" */
	key('\n');
	key('2');
	key('\n');
	run();
	memset(&f, 0, sizeof f);
	f.category = 2;
	want = db_count(&f);
	ck_assert_int_ge(want, 1);
	snprintf(line, sizeof line, "%lld of 60 files   Category 2", (long long)want);
	ck_assert_msg(strstr(row(1), line), "want %s: %s", line, row(1));

	/* Esc in the dialog changes nothing; Esc on the list shows all */
	key('f');
	key(BF_ESC);
	run();
	ck_assert_msg(strstr(row(1), line), "%s", row(1));
	key(BF_ESC);
	run();
	ck_assert_ptr_nonnull(strstr(row(1), "60 files"));
	ck_assert_ptr_null(strstr(row(1), "Category"));
	ck_assert_int_eq(app.depth, 1);
}
END_TEST

START_TEST(empty_database)
{
	set_up_unit("单位");
	open_list();
	run();
	ck_assert(on_screen("No files yet — press n to start one"));
	ck_assert_ptr_nonnull(strstr(row(1), "0 files"));
	key('\n');
	run();
	ck_assert_int_eq(fake.calls, 0);
	ck_assert_ptr_nonnull(strstr(row(LINES - 2), "no file to open"));
	key('n');
	run();
	ck_assert_int_eq(fake.calls, 1);
	ck_assert_int_eq(fake.case_id, 0);
}
END_TEST

START_TEST(saved_case_is_selected)
{
	set_up_unit("单位");
	fill(30);
	open_list();
	key('n');
	run();
	ck_assert_int_eq(fake.calls, 1);
	ck_assert_int_eq(fake.case_id, 0);
	ck_assert_ptr_nonnull(fake.on_saved);

	/* the form saves a new file (the fake does it here) and reports it */
	struct bf_sample s;
	bf_sample_seed(&s, 99);
	struct bf_case *c = malloc(sizeof *c);
	bf_sample_case(&s, 2026, 3, c);
	bf_error err = {{0}};
	ck_assert_msg(bf_case_save(&ctx.db, c, &err) == 0, "%s", err.msg);
	fake.on_saved(fake.ud, c->id);
	run();
	ck_assert_ptr_nonnull(strstr(row(1), "31 files"));
	ck_assert_ptr_nonnull(strstr(row(1), "31/31"));
	int y = selected_row();
	ck_assert_int_ge(y, 3);
	ck_assert_msg(strstr(row(y), c->number), "selected: %s, want %s", row(y), c->number);

	/* saved while a filter hides it: the filter goes, the file is shown */
	key('f');
	key('3'); /* Documents complete */
	key('\n');
	key('7');
	key('\n');
	run();
	ck_assert_ptr_nonnull(strstr(row(1), "Status:"));
	bf_strlcpy(c->members[0].name, "欧阳明华", sizeof c->members[0].name);
	ck_assert_msg(bf_case_save(&ctx.db, c, &err) == 0, "%s", err.msg);
	fake.on_saved(fake.ud, c->id);
	run();
	ck_assert_ptr_null(strstr(row(1), "Status:"));
	y = selected_row();
	ck_assert_int_ge(y, 3);
	ck_assert_msg(strstr(row(y), "欧阳明华"), "selected: %s", row(y));
	free(c);
}
END_TEST

START_TEST(resize_keeps_selection)
{
	set_up_unit("单位");
	fill(60);
	open_list();
	struct bf_case_filter f;
	memset(&f, 0, sizeof f);
	struct bf_case_row rows[60];
	db_rows(&f, rows, 60);
	keys(BF_KC(KEY_DOWN), 25);
	run();
	ck_assert_ptr_nonnull(strstr(row(1), "26/60"));
	int y = selected_row();
	ck_assert_msg(y >= 3 && strstr(row(y), rows[25].number), "selected row %d: %s", y,
	              y >= 0 ? row(y) : "");
	ck_assert_int_lt(find_row("Department"), 0); /* no room at 80 columns */

	resize(30, 100);
	run();
	ck_assert_int_eq(COLS, 100);
	ck_assert_ptr_nonnull(strstr(row(1), "26/60"));
	ck_assert_int_eq(find_row("Department"), 2);
	y = selected_row();
	ck_assert_msg(y >= 3 && strstr(row(y), rows[25].number), "selected row %d: %s", y,
	              y >= 0 ? row(y) : "");
	ck_assert_ptr_nonnull(strstr(row(y), rows[25].department));
	ck_assert_ptr_nonnull(strstr(row(29), "F1 Help"));

	/* typing a search while the size changes keeps the text */
	key('/');
	type(rows[25].number);
	resize(24, 80);
	run();
	ck_assert_int_eq(COLS, 80);
	ck_assert_int_lt(find_row("Department"), 0);
	ck_assert_int_eq(find_row(rows[25].number), 3);
	ck_assert_int_ge(find_row("Search: "), LINES - 4);
	key(BF_ESC);
	run();
	ck_assert_ptr_nonnull(strstr(row(1), "26/60"));
	y = selected_row();
	ck_assert_msg(y >= 3 && strstr(row(y), rows[25].number), "selected row %d: %s", y,
	              y >= 0 ? row(y) : "");
	key('\n');
	run();
	ck_assert_int_eq(fake.case_id, rows[25].id);
}
END_TEST

START_TEST(help_lists_list_actions)
{
	set_up_unit("单位");
	fill(5);
	open_list();
	key(BF_KF(1));
	run();
	ck_assert_int_eq(app.depth, 2);
	const char *want[][2] = {
	    {"Enter", "Open the selected row"}, {"n, F3", "Start a new entry"},
	    {"/, ^F", "Search as you type"},    {"f", "Show only some of the rows"},
	    {"s", "Sort by the next column"},   {"^Q, q, F10", "Leave bangfu"},
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(want); i++) {
		int y = find_row(want[i][1]);
		ck_assert_msg(y >= 0, "help has no \"%s\"", want[i][1]);
		ck_assert_msg(strstr(row(y), want[i][0]), "%s: %s", want[i][0], row(y));
	}
	ck_assert_int_lt(find_row("Delete the selected row"), 0); /* not offered here */
	key(BF_ESC);
	key('?');
	run();
	ck_assert_int_eq(app.depth, 2);
	ck_assert_int_ge(find_row("Search as you type"), 0);
	key(BF_ESC);
	run();
	ck_assert_int_eq(app.depth, 1);
	/* the status bar hints fit */
	const char *st = row(LINES - 1);
	ck_assert_ptr_nonnull(strstr(st, "F1 Help  Enter Open  n New  / Search  f Filter  s Sort"));
	ck_assert_int_le(bf_str_width(st), 80);
}
END_TEST

/* The list's dialogs over Chinese names in a Chinese UI: the ID number's
 * message, the quit question (Esc), the filter's two lists (the second left
 * with Esc) and the menu's About; after each the list is the one drawn
 * fresh (issue 15). */
START_TEST(dialogs_zh)
{
	chinese(&ctx);
	set_up_unit("单位");
	fill(20);
	open_list();
	app.confirm_quit = true;
	key('r');
	key(SNAP);
	key('\n');
	run();
	ck_assert_msg(strstr(snaps[0], "身份证号"), "%s", snaps[0]);
	same_as_fresh(&app, snap_split);
	key(BF_CTRL('Q'));
	key(SNAP);
	key(BF_ESC);
	run();
	ck_assert_int_eq(app.depth, 1);
	same_as_fresh(&app, snap_split);
	key('f');
	key('\n');
	key(SNAP);
	key(BF_ESC);
	run();
	same_as_fresh(&app, snap_split);
	key('m');
	key('2'); /* About */
	key(SNAP);
	key('\n');
	run();
	ck_assert_int_eq(n_snaps, 4);
	ck_assert_msg(strstr(snaps[1], "确定退出") && strstr(snaps[2], "全部类别") &&
	                  strstr(snaps[3], "关于困难职工帮扶"),
	              "%s\n%s\n%s", snaps[1], snaps[2], snaps[3]);
	same_as_fresh(&app, snap_split);
}
END_TEST

START_TEST(quit_asks_first)
{
	set_up_unit("单位");
	fill(3);
	open_list();
	app.confirm_quit = true;
	key('q');
	key(SNAP);
	key('n');
	ck_assert_int_eq(run(), BF_RUN_EOF);
	ck_assert_ptr_nonnull(strstr(snaps[0], "Quit bangfu?"));
	ck_assert_int_eq(app.depth, 1);
	key('q');
	key('y');
	ck_assert_int_eq(run(), BF_RUN_QUIT);
}
END_TEST

START_TEST(title_unit_and_demo)
{
	set_up_unit("演示机械制造有限公司");
	bf_error err = {{0}};
	ck_assert_int_eq(bf_setting_set(&ctx.db, "demo", "1", &err), 0);
	fill(2);
	open_list();
	run();
	const char *t = row(0);
	ck_assert_ptr_nonnull(strstr(t, "bangfu - Case files"));
	ck_assert_ptr_nonnull(strstr(t, "演示机械制造有限公司"));
	size_t len = strlen(t);
	ck_assert_str_eq(t + len - 4, "DEMO");
}
END_TEST

START_TEST(notice_for_new_draft)
{
	set_up_unit("单位");
	fill(10);
	open_list();
	run();
	ck_assert(!on_screen("Unsaved draft"));
	ck_assert_int_eq(find_row("Number"), 2);
	bf_error err = {{0}};
	ck_assert_int_eq(bf_draft_save(&ctx.db, 0, "name=张三\n", &err), 0);
	key(BF_CTRL('R'));
	run();
	ck_assert_int_eq(find_row("Unsaved draft of a new file — press n to continue"), 2);
	ck_assert_int_eq(find_row("Number"), 3);
	/* another operator's draft is theirs */
	bf_db_set_actor(&ctx.db, "someone else");
	key(BF_CTRL('R'));
	run();
	ck_assert(!on_screen("Unsaved draft"));
}
END_TEST

START_TEST(redraw_reads_again)
{
	set_up_unit("单位");
	fill(10);
	open_list();
	run();
	ck_assert_ptr_nonnull(strstr(row(1), "10 files"));
	/* another process adds a file meanwhile: ^R shows it */
	struct bf_sample s;
	bf_sample_seed(&s, 5);
	struct bf_case *c = malloc(sizeof *c);
	bf_sample_case(&s, 2026, 1, c);
	bf_error err = {{0}};
	ck_assert_msg(bf_case_save(&ctx.db, c, &err) == 0, "%s", err.msg);
	key(BF_CTRL('R'));
	run();
	ck_assert_ptr_nonnull(strstr(row(1), "11 files"));
	ck_assert_int_ge(find_row(c->number), 3);
	free(c);
}
END_TEST

/* Work done elsewhere (another screen, another terminal) shows when the list
 * is on top again, without ^R: the database's generation moved. */
START_TEST(list_follows_changes_without_redraw)
{
	set_up_unit("单位");
	fill(10);
	open_list();
	run();
	ck_assert_ptr_nonnull(strstr(row(1), "10 files"));
	/* another connection (another terminal) adds a file */
	bf_db other = {0};
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(&other, ctx.db_path, 0, &err) == 0, "%s", err.msg);
	tu_key(&other); /* the other terminal's login unlocked the data key */
	bf_db_set_actor(&other, "tester");
	struct bf_sample s;
	bf_sample_seed(&s, 5);
	struct bf_case *c = malloc(sizeof *c);
	bf_sample_case(&s, 2026, 1, c);
	ck_assert_msg(bf_case_save(&other, c, &err) == 0, "%s", err.msg);
	bf_db_close(&other);
	key(BF_KC(KEY_DOWN));
	run();
	ck_assert_ptr_nonnull(strstr(row(1), "11 files"));
	ck_assert_int_ge(find_row(c->number), 3);
	/* and a key that changes nothing reads nothing again */
	uint64_t gen = bf_app_top(&app)->seen_gen;
	ck_assert_uint_eq(gen, bf_db_generation(&ctx.db));
	key(BF_KC(KEY_DOWN));
	run();
	ck_assert_uint_eq(bf_app_top(&app)->seen_gen, gen);
	/* this connection's own change counts as well */
	bf_sample_case(&s, 2026, 2, c);
	c->id = 0;
	c->number[0] = 0;
	ck_assert_msg(bf_case_save(&ctx.db, c, &err) == 0, "%s", err.msg);
	key(BF_KC(KEY_UP));
	run();
	ck_assert_ptr_nonnull(strstr(row(1), "12 files"));
	free(c);
}
END_TEST

/* ---- the set-up screen -------------------------------------------------------------------- */

START_TEST(setup_saves_unit)
{
	ck_assert(!bf_store_is_initialized(&ctx.db));
	/* ^S with no name: refused, says what is needed */
	key(BF_CTRL('S'));
	key(SNAP);
	type("某某区机械厂");
	key('\t');
	type("JX01");
	key('\t');
	type("某某区机械厂工会");
	key(BF_CTRL('S'));
	ck_assert_int_eq(bf_setup_run(&app), 0);
	ck_assert_ptr_nonnull(strstr(snaps[0], "needs the unit's name"));
	ck_assert_ptr_nonnull(strstr(snaps[0], "Unit name (单位名称)*"));
	ck_assert_ptr_nonnull(strstr(snaps[0], "Contact phone"));
	ck_assert(bf_store_is_initialized(&ctx.db));
	struct bf_unit u;
	bf_error err = {{0}};
	ck_assert_int_eq(bf_unit_load(&ctx.db, &u, &err), 0);
	ck_assert_str_eq(u.name, "某某区机械厂");
	ck_assert_str_eq(u.code, "JX01");
	ck_assert_str_eq(u.union_name, "某某区机械厂工会");
	ck_assert_str_eq(app.unit_name, "某某区机械厂");
	ck_assert_int_eq(app.depth, 0);

	/* then the list, with the unit in the title */
	open_list();
	run();
	ck_assert_ptr_nonnull(strstr(row(0), "某某区机械厂"));
	ck_assert(on_screen("No files yet"));
}
END_TEST

START_TEST(setup_left_without_saving)
{
	type("半个名字");
	key(BF_ESC);
	key(SNAP);
	key('n'); /* stay */
	key(BF_ESC);
	key('y'); /* leave */
	ck_assert_int_eq(bf_setup_run(&app), 1);
	ck_assert_ptr_nonnull(strstr(snaps[0], "Leave without saving?"));
	ck_assert(!bf_store_is_initialized(&ctx.db));
	ck_assert_int_eq(app.depth, 0);
	/* nothing typed: Esc leaves at once */
	key(BF_ESC);
	ck_assert_int_eq(bf_setup_run(&app), 1);
	ck_assert(!bf_store_is_initialized(&ctx.db));
	/* the end of the key script (or a signal) leaves too */
	type("某");
	ck_assert_int_eq(bf_setup_run(&app), 1);
	ck_assert_int_eq(app.depth, 0);
}
END_TEST

/* In a Chinese UI the set-up's leave question, answered Esc (stay), leaves
 * the form as ^R draws it (issue 15). */
START_TEST(setup_question_zh)
{
	chinese(&ctx);
	type("红星机械厂");
	key(BF_ESC);
	key(SNAP);
	key(BF_ESC); /* no: stay */
	key(SNAP);
	key(BF_CTRL('R'));
	key(SNAP);
	key(BF_ESC);
	key('y');
	ck_assert_int_eq(bf_setup_run(&app), 1);
	ck_assert_int_eq(n_snaps, 3);
	ck_assert_msg(strstr(snaps[0], "不保存就离开吗") && strstr(snaps[1], "红星机械厂"),
	              "%s\n%s", snaps[0], snaps[1]);
	ck_assert(!snap_split);
	ck_assert_str_eq(snaps[1], snaps[2]);
}
END_TEST

static Suite *caselist_suite(void)
{
	Suite *s = suite_create("caselist");
	TCase *tc = tcase_create("list");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, columns_and_masked_ids);
	tcase_add_test(tc, category_and_dash);
	tcase_add_test(tc, sort_by_name_changes_order);
	tcase_add_test(tc, keyset_pages_every_order);
	tcase_add_test(tc, long_numbers_fit);
	tcase_add_test(tc, scrolling_shows_the_right_rows);
	tcase_add_test(tc, search_by_pinyin_initials);
	tcase_add_test(tc, search_by_id_digits);
	tcase_add_test(tc, filter_by_status_and_category);
	tcase_add_test(tc, empty_database);
	tcase_add_test(tc, saved_case_is_selected);
	tcase_add_test(tc, resize_keeps_selection);
	tcase_add_test(tc, help_lists_list_actions);
	tcase_add_test(tc, quit_asks_first);
	tcase_add_test(tc, dialogs_zh);
	tcase_add_test(tc, setup_question_zh);
	tcase_add_test(tc, title_unit_and_demo);
	tcase_add_test(tc, notice_for_new_draft);
	tcase_add_test(tc, redraw_reads_again);
	tcase_add_test(tc, list_follows_changes_without_redraw);
	suite_add_tcase(s, tc);
	TCase *tu = tcase_create("setup");
	tcase_add_checked_fixture(tu, setup, teardown);
	tcase_set_timeout(tu, 20); /* a new file's schema steps: seconds under ASan */
	tcase_add_test(tu, setup_saves_unit);
	tcase_add_test(tu, setup_left_without_saving);
	suite_add_tcase(s, tu);
	return s;
}

int main(void)
{
	Suite *suites[] = {caselist_suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
