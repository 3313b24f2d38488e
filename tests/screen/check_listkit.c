/* check_listkit.c — the list-screen kit (listkit.h): columns that fit a
 * narrow terminal with Chinese text cut with "…", choosing rows one by one
 * and all at once, and a list screen that shows a change made by another
 * connection without ^R. In-process, curses on an "xterm" over /dev/null at
 * 80x24 (screen_fixture.h). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "screen_fixture.h"

#include "bangfu/campaign_store.h"
#include "bangfu/listkit.h"

/* ---- a list over fixed rows ----------------------------------------------------------- */

enum { K_NAME, K_DEPT, K_AMOUNT, K_COUNT };

static const struct bf_lk_col kit_cols[K_COUNT] = {
    [K_NAME] = {{"Name", 8, BF_COL_NOSORT | BF_COL_FLEX}, 0},
    [K_DEPT] = {{"Department", 16, BF_COL_NOSORT}, 1},
    [K_AMOUNT] = {{"Amount", 10, BF_COL_NOSORT | BF_COL_RIGHT}, 0},
};

static const char *const kit_names[] = {
    "北京红星机械有限公司第一分厂张三丰",
    "王小明",
    "买买提·艾力",
};

struct kit {
	struct bf_list list;
	struct bf_lk_fit fit;
	struct bf_lk_marks marks;
};

static size_t kit_count(void *data)
{
	(void)data;
	return BF_ARRAY_LEN(kit_names);
}

static size_t kit_fetch(void *data, size_t offset, size_t limit, struct bf_list_page *pg)
{
	struct kit *k = data;
	size_t got = 0;
	for (size_t i = offset; i < BF_ARRAY_LEN(kit_names) && got < limit; i++, got++) {
		bf_lk_fit_set(&k->fit, pg, got, K_NAME, kit_names[i]);
		bf_lk_fit_set(&k->fit, pg, got, K_DEPT, "装配车间");
		bf_lk_fit_set(&k->fit, pg, got, K_AMOUNT, "2,000.00");
		bf_list_page_set_id(pg, got, (int64_t)(100 + i));
	}
	return got;
}

static void kit_init(struct kit *k)
{
	memset(k, 0, sizeof *k);
	k->fit.defs = kit_cols;
	k->fit.ndefs = K_COUNT;
	struct bf_list_source src = {kit_count, kit_fetch, NULL, NULL, k};
	bf_list_init(&k->list, &app, k->fit.cols, 0, src);
}

static const char *line_at(int y)
{
	static char buf[1024];
	bf_term_dump_line(y, buf, sizeof buf);
	return buf;
}

START_TEST(fit_narrow_chinese_ends_in_ellipsis)
{
	struct kit k;
	kit_init(&k);
	/* 80 columns: every column, the long name cut with "…" in its column */
	erase();
	bf_lk_fit_draw(&k.fit, &k.list, &app, stdscr, (struct bf_rect){1, 0, 6, 80});
	ck_assert_int_eq(k.fit.ncols, 3);
	ck_assert_ptr_nonnull(strstr(line_at(1), "Department"));
	ck_assert_ptr_nonnull(strstr(line_at(3), "王小明"));
	ck_assert_ptr_nonnull(strstr(line_at(3), "装配车间"));
	ck_assert_ptr_nonnull(strstr(line_at(3), "2,000.00"));
	/* 30 columns: the department goes first; the name ends in "…" where it
	 * is cut, the amount is whole */
	erase();
	bf_lk_fit_draw(&k.fit, &k.list, &app, stdscr, (struct bf_rect){1, 0, 6, 30});
	ck_assert_int_eq(k.fit.ncols, 2);
	ck_assert_int_eq(k.fit.col_of[1], K_AMOUNT);
	ck_assert_ptr_null(strstr(line_at(1), "Department"));
	const char *row = line_at(2);
	ck_assert_msg(strstr(row, "北京红星") && strstr(row, "…"), "row: %s", row);
	ck_assert_msg(strstr(row, "2,000.00") != NULL, "row: %s", row);
	ck_assert_ptr_null(strstr(row, "张三丰"));
	int y, x;
	ck_assert_msg(!bf_term_split_wide(stdscr, &y, &x), "half a wide character at %d,%d", y, x);
	/* 14 columns: the name column narrower than the name's first
	 * characters still ends in "…", no half character */
	erase();
	bf_lk_fit_draw(&k.fit, &k.list, &app, stdscr, (struct bf_rect){1, 0, 6, 14});
	ck_assert_ptr_nonnull(strstr(line_at(2), "…"));
	ck_assert(!bf_term_split_wide(stdscr, &y, &x));
	/* wider again: the department comes back, the selection kept */
	k.list.sel = 2;
	bf_lk_fit_draw(&k.fit, &k.list, &app, stdscr, (struct bf_rect){1, 0, 6, 80});
	ck_assert_int_eq(k.fit.ncols, 3);
	ck_assert_uint_eq(k.list.sel, 2);
	int64_t id = 0;
	ck_assert(bf_list_selected_id(&k.list, &id));
	ck_assert_int_eq(id, 102);
	bf_list_free(&k.list);
}
END_TEST

START_TEST(right_aligned_and_position)
{
	erase();
	bf_lk_draw_right(stdscr, 0, 10, 12, "1,800.00", A_NORMAL);
	ck_assert_str_eq(line_at(0), "              1,800.00");
	erase();
	bf_lk_draw_right(stdscr, 0, 0, 6, "北京红星机械", A_NORMAL);
	ck_assert_str_eq(line_at(0), "北京…");
	struct kit k;
	kit_init(&k);
	k.list.sel = 1;
	erase();
	bf_lk_draw_position(&k.list, stdscr, 0, (struct bf_rect){0, 0, 5, 40});
	/* right-aligned, one column left free at the edge */
	ck_assert_str_eq(line_at(0), "                                    2/3");
	bf_list_free(&k.list);
}
END_TEST

START_TEST(select_one_and_all)
{
	struct kit k;
	kit_init(&k);
	size_t n = BF_ARRAY_LEN(kit_names);
	ck_assert_int_eq(bf_lk_marks_init(&k.marks, n, false), 0);
	for (size_t i = 0; i < n; i++)
		k.marks.id[i] = (int64_t)(100 + i);
	size_t got = 99;
	ck_assert_ptr_null(bf_lk_marked_ids(&k.marks, &got));
	ck_assert_uint_eq(got, 0);
	/* one: the selected row flips, the selection moves on */
	bf_lk_mark(&k.marks, &k.list, false);
	ck_assert(k.marks.on[0]);
	ck_assert_uint_eq(k.marks.n_on, 1);
	ck_assert_uint_eq(k.list.sel, 1);
	ck_assert_str_eq(bf_lk_mark_cell(&k.marks, 0), "[x]");
	ck_assert_str_eq(bf_lk_mark_cell(&k.marks, 1), "[ ]");
	/* all: every row, since not all were */
	bf_lk_mark(&k.marks, &k.list, true);
	ck_assert_uint_eq(k.marks.n_on, n);
	for (size_t i = 0; i < n; i++)
		ck_assert(k.marks.on[i]);
	int64_t *ids = bf_lk_marked_ids(&k.marks, &got);
	ck_assert_uint_eq(got, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(ids[i], (int64_t)(100 + i));
	free(ids);
	/* all again: none */
	bf_lk_mark(&k.marks, &k.list, true);
	ck_assert_uint_eq(k.marks.n_on, 0);
	/* the middle one only, its id */
	k.list.sel = 1;
	bf_lk_mark(&k.marks, &k.list, false);
	ids = bf_lk_marked_ids(&k.marks, &got);
	ck_assert_uint_eq(got, 1);
	ck_assert_int_eq(ids[0], 101);
	free(ids);
	/* the last row flips and the selection stays on it */
	k.list.sel = 2;
	bf_lk_mark(&k.marks, &k.list, false);
	ck_assert_uint_eq(k.list.sel, 2);
	ck_assert_uint_eq(k.marks.n_on, 2);
	bf_lk_marks_free(&k.marks);
	bf_list_free(&k.list);
}
END_TEST

/* ---- rows that follow the data ------------------------------------------------------- */

/* A second connection to the same database file, as another terminal. */
static void other_terminal(bf_db *db2)
{
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(db2, ctx.db_path, 0, &err) == 0, "%s", err.msg);
	tu_key(db2);
	bf_db_set_actor(db2, "other");
	bf_store_set_session(db2, "other", BF_ROLE_ADMIN);
}

static void add_campaign(bf_db *db, const char *name)
{
	struct bf_campaign *c = calloc(1, sizeof *c);
	ck_assert_ptr_nonnull(c);
	bf_campaign_init(c, 2026);
	bf_strlcpy(c->name, name, sizeof c->name);
	bf_strlcpy(c->start_date, "2026-12-01", sizeof c->start_date);
	bf_strlcpy(c->end_date, "2026-12-31", sizeof c->end_date);
	bf_error err = {{0}};
	ck_assert_msg(bf_campaign_save(db, c, &err) == 0, "%s", err.msg);
	free(c);
}

START_TEST(stale_after_another_connection_writes)
{
	struct bf_lk_rows rows = {0};
	ck_assert(bf_lk_stale(&app, &rows)); /* never read */
	bf_lk_read(&app, &rows);
	ck_assert(!bf_lk_stale(&app, &rows));
	ck_assert(!bf_lk_stale(&app, &rows)); /* reading changes nothing */
	bf_db db2 = {0};
	other_terminal(&db2);
	add_campaign(&db2, "元旦慰问");
	ck_assert(bf_lk_stale(&app, &rows));
	bf_lk_read(&app, &rows);
	ck_assert(!bf_lk_stale(&app, &rows));
	/* and this connection's own writes */
	add_campaign(&ctx.db, "春节送温暖");
	ck_assert(bf_lk_stale(&app, &rows));
	bf_lk_reload(&rows, NULL);
	ck_assert(!rows.loaded);
	bf_db_close(&db2);
}
END_TEST

START_TEST(list_screen_shows_other_terminals_change)
{
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	run();
	ck_assert_ptr_nonnull(strstr(screen(), "No campaign yet."));
	bf_db db2 = {0};
	other_terminal(&db2);
	add_campaign(&db2, "元旦慰问困难职工");
	/* drawn again, without ^R and without the main loop's refresh */
	bf_app_draw(&app);
	ck_assert_msg(strstr(screen(), "元旦慰问困难职工") != NULL, "%s", screen());
	ck_assert_ptr_nonnull(strstr(screen(), "1 campaign"));
	/* and through the main loop, after a key */
	add_campaign(&db2, "春节送温暖");
	key(BF_KC(KEY_DOWN));
	run();
	ck_assert_ptr_nonnull(strstr(screen(), "春节送温暖"));
	ck_assert_ptr_nonnull(strstr(screen(), "2 campaigns"));
	bf_db_close(&db2);
}
END_TEST

/* A dialog over the list's Chinese rows leaves nothing behind. */
START_TEST(dialog_over_chinese_list_leaves_nothing)
{
	add_campaign(&ctx.db, "二〇二六年元旦春节困难职工送温暖慰问活动（第一批）");
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	key('n');
	type("送温暖");
	snap();
	key(BF_ESC);
	run();
	ck_assert_ptr_nonnull(strstr(snaps[0], "Name:"));
	ck_assert_ptr_nonnull(strstr(screen(), "…"));
	assert_same_as_fresh();
}
END_TEST

/* ---- a screen of text ------------------------------------------------------------------ */

START_TEST(text_screen_wraps_and_scrolls)
{
	struct bf_tlines t = {0};
	bf_tl_add(&t, A_BOLD, "%s", "标题");
	for (int i = 1; i <= 40; i++)
		bf_tl_add(&t, A_NORMAL,
		          "第%d行：退回，缺少收入证明，请补充单位出具的工资证明和配偶的失业"
		          "证明后重新报送",
		          i);
	ck_assert_int_eq(bf_campaign_open(&app), 0);
	ck_assert_int_eq(bf_lk_text_open(&app, "kit_text", "Text", &t), 0);
	ck_assert_ptr_null(t.v); /* taken over */
	run();
	ck_assert_ptr_nonnull(strstr(screen(), "标题"));
	ck_assert_ptr_nonnull(strstr(screen(), "(more below: Down/PgDn)"));
	key(BF_KC(KEY_END));
	run();
	ck_assert_ptr_nonnull(strstr(screen(), "第40行"));
	ck_assert_ptr_nonnull(strstr(screen(), "(the end; more above: Up/PgUp)"));
	ck_assert_str_eq(bf_app_top(&app)->ops->name, "kit_text");
	key(BF_ESC);
	run();
	ck_assert_str_eq(bf_app_top(&app)->ops->name, "campaigns");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("listkit");
	TCase *tc = tcase_create("kit");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, fit_narrow_chinese_ends_in_ellipsis);
	tcase_add_test(tc, right_aligned_and_position);
	tcase_add_test(tc, select_one_and_all);
	tcase_add_test(tc, stale_after_another_connection_writes);
	tcase_add_test(tc, list_screen_shows_other_terminals_change);
	tcase_add_test(tc, dialog_over_chinese_list_leaves_nothing);
	tcase_add_test(tc, text_screen_wraps_and_scrolls);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *suites[] = {suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
