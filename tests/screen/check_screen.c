/* check_screen.c — the terminal UI driven in-process: curses on an "xterm"
 * over /dev/null at 80x24, keys from a script, the screen read back as
 * text and compared. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bangfu/ui.h"
#include "fresh.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_form.h"
#include "bangfu/ui_list.h"
#include "../unit/testutil.h"

/* ---- fixture ---------------------------------------------------------------------- */

static FILE *null_out, *null_in;
static struct bf_app app;
/* every dialog closed in a test, checked against a fresh draw */
static struct fresh_log dialogs;
static struct bf_keyscript ks;

/* A key source over the script that also takes snapshots: when the
 * script reaches SNAP, the screen as shown at that moment is kept (a dialog
 * is on screen only while it waits for a key). */
#define SNAP BF_KC(KEY_MAX + 1)
static char snaps[4][65536];
static int n_snaps;

static bf_key snap_read(void *data, int timeout_ms)
{
	for (;;) {
		bf_key k = bf_keyscript_src(data).read(data, timeout_ms);
		if (k != SNAP)
			return k;
		if (n_snaps < 4)
			bf_term_dump(snaps[n_snaps++], sizeof snaps[0]);
	}
}

static void snap(void)
{
	bf_keyscript_key(&ks, SNAP);
}

static struct sigaction pre_term, pre_segv; /* before curses started */

static void setup(void)
{
	sigaction(SIGTERM, NULL, &pre_term);
	sigaction(SIGSEGV, NULL, &pre_segv);
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	setenv("LANGUAGE", "", 1);
	null_out = fopen("/dev/null", "w");
	null_in = fopen("/dev/null", "r");
	bf_error err = {{0}};
	ck_assert_int_eq(bf_term_init_on("xterm", null_out, null_in, 24, 80, &err), 0);
	ck_assert_int_eq(LINES, 24);
	ck_assert_int_eq(COLS, 80);
	bf_app_init(&app, NULL);
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
	fresh_verify(&dialogs);
}

/* Run the app on the keys queued so far. */
static enum bf_run_result run(void)
{
	app.stop_eof = false;
	return bf_app_run(&app);
}

static void key(bf_key k)
{
	bf_keyscript_key(&ks, k);
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

/* The row that contains s, or -1. */
static int find_row(const char *s)
{
	for (int y = 0; y < LINES; y++)
		if (strstr(row(y), s))
			return y;
	return -1;
}

static void resize(int rows, int cols)
{
	resizeterm(rows, cols);
	key(BF_KEY_RESIZE);
}

/* ---- a screen with a form ---------------------------------------------------------- */

static const enum bf_action form_actions[] = {BF_ACT_SAVE, BF_ACT_NEXT_FIELD, BF_ACT_PREV_FIELD,
                                              BF_ACT_NONE};

struct form_screen {
	struct bf_screen base;
	struct bf_form form;
	int drafts, saves, leaves;
};

static void fs_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	bf_form_draw(&((struct form_screen *)s)->form, w, r);
}

static bool fs_input(struct bf_screen *s, bf_key k)
{
	if (k == BF_KF(12)) { /* the test's stand-in for a signal arriving mid-edit */
		raise(SIGTERM);
		return true;
	}
	return bf_form_input(&((struct form_screen *)s)->form, k);
}

static bool fs_action(struct bf_screen *s, enum bf_action a)
{
	struct form_screen *fs = (struct form_screen *)s;
	if (a == BF_ACT_SAVE) {
		if (bf_form_validate_all(&fs->form) < 0) {
			fs->saves++;
			bf_app_msg(s->app, BF_MSG_INFO, "Saved.");
		}
		return true;
	}
	return bf_form_action(&fs->form, a);
}

static bool fs_typing(struct bf_screen *s)
{
	return bf_form_typing(&((struct form_screen *)s)->form);
}

static int fs_save_draft(struct bf_screen *s)
{
	((struct form_screen *)s)->drafts++;
	return 0;
}

static void fs_close(struct bf_screen *s)
{
	bf_form_free(&((struct form_screen *)s)->form);
}

static const struct bf_screen_ops form_ops = {
    .name = "test-form",
    .actions = form_actions,
    .draw = fs_draw,
    .action = fs_action,
    .input = fs_input,
    .typing = fs_typing,
    .save_draft = fs_save_draft,
    .on_close = fs_close,
};

static void leave_count(struct bf_form *f, int idx, void *user)
{
	(void)f;
	(void)idx;
	((struct form_screen *)user)->leaves++;
}

static struct form_screen fs;

static struct bf_form *push_form(const struct bf_field_spec *specs, size_t n)
{
	memset(&fs, 0, sizeof fs);
	fs.base.ops = &form_ops;
	snprintf(fs.base.title, sizeof fs.base.title, "Test form");
	bf_form_init(&fs.form, &app, bf_date_from_ymd(2024, 6, 1));
	bf_form_add_all(&fs.form, specs, n);
	fs.form.on_leave = leave_count;
	fs.form.user = &fs;
	bf_app_push(&app, &fs.base);
	return &fs.form;
}

static const char *field_text(struct bf_form *f, const char *k)
{
	static char buf[512];
	ck_assert(bf_form_get(f, bf_form_find(f, k), buf, sizeof buf));
	return buf;
}

static const struct bf_field_spec person_fields[] = {
    {.key = "name", .label = "Name", .type = BF_FIELD_TEXT, .width = 16, .max_chars = 20},
    {.key = "id", .label = "ID number", .type = BF_FIELD_IDCARD},
    {.key = "phone", .label = "Mobile", .type = BF_FIELD_PHONE},
    {.key = "income", .label = "Monthly income", .type = BF_FIELD_MONEY},
    {.key = "date", .label = "Applied on", .type = BF_FIELD_DATE},
    {.key = "card", .label = "Bank card", .type = BF_FIELD_BANKCARD},
    {.key = "size", .label = "Household", .type = BF_FIELD_INT, .min = 1, .max = 20},
};

/* ---- line editor ------------------------------------------------------------------- */

START_TEST(edit_chinese_keys)
{
	struct bf_form *f = push_form(person_fields, 1);
	type("张三丰");
	ck_assert_int_eq(run(), BF_RUN_EOF);
	ck_assert_str_eq(field_text(f, "name"), "张三丰");
	ck_assert_ptr_nonnull(strstr(row(1), "Name  张三丰"));

	key(BF_KC(KEY_HOME));
	key(BF_CTRL('K'));
	run();
	ck_assert_str_eq(field_text(f, "name"), "");

	type("张丰");
	key(BF_KC(KEY_LEFT));
	type("三");
	run();
	ck_assert_str_eq(field_text(f, "name"), "张三丰");

	key(BF_CTRL('A'));
	key(BF_KC(KEY_DC)); /* delete 张 */
	key(BF_CTRL('E'));
	key(0x7f); /* Backspace as DEL: delete 丰 */
	type("峰");
	run();
	ck_assert_str_eq(field_text(f, "name"), "三峰");

	type("abc");
	key(BF_KC(KEY_LEFT));
	key(BF_KC(KEY_LEFT));
	key(BF_CTRL('U')); /* kill to start: leaves "bc" */
	run();
	ck_assert_str_eq(field_text(f, "name"), "bc");
	ck_assert_ptr_nonnull(strstr(row(1), "Name  bc"));
}
END_TEST

START_TEST(edit_strips_control_chars)
{
	struct bf_form *f = push_form(person_fields, 1);
	type("张");
	key(BF_CTRL('B'));
	key(0x9b);   /* C1 CSI */
	key(0x200b); /* zero-width space */
	key(BF_CTRL('Y'));
	type("三");
	run();
	ck_assert_str_eq(field_text(f, "name"), "张三");

	/* Pasted or stored text with controls loses them too. */
	struct bf_edit ed;
	bf_edit_init(&ed, 10);
	bf_edit_set(&ed, "a\tb\x01"
	                 "c\n\xe2\x80\x8b"
	                 "d");
	char out[64];
	ck_assert(bf_edit_get(&ed, out, sizeof out));
	ck_assert_str_eq(out, "abcd");
	bf_edit_free(&ed);
}
END_TEST

START_TEST(edit_max_chars)
{
	struct bf_edit ed;
	bf_edit_init(&ed, 3);
	for (const wchar_t *p = L"一二三四"; *p; p++)
		bf_edit_key(&ed, (bf_key)*p);
	ck_assert(ed.refused);
	char out[64];
	bf_edit_get(&ed, out, sizeof out);
	ck_assert_str_eq(out, "一二三");
	/* get into a buffer too small never cuts a character in half */
	char small[5];
	ck_assert(!bf_edit_get(&ed, small, sizeof small));
	ck_assert_str_eq(small, "一");
	bf_edit_free(&ed);
}
END_TEST

/* Text in field columns [x, x+w) of row y, with '|' markers just outside. */
static void draw_narrow(struct bf_edit *ed, int y, int x, int w, int *cx)
{
	werase(stdscr);
	mvwaddch(stdscr, y, x - 1, '|');
	mvwaddch(stdscr, y, x + w, '|');
	*cx = bf_edit_draw(ed, stdscr, y, x, w, A_NORMAL, true);
}

START_TEST(edit_narrow_field_never_splits_wide_chars)
{
	const wchar_t *text = L"a一二三四五六七八b九";
	struct bf_edit ed;
	bf_edit_init(&ed, 40);
	for (const wchar_t *p = text; *p; p++)
		bf_edit_key(&ed, (bf_key)*p);
	int len = (int)wcslen(text);
	/* Walk the cursor from the end to the start and back, in fields of odd
	 * and even widths. */
	for (int w = 3; w <= 8; w++) {
		ed.cur = ed.len;
		ed.scroll = 0;
		for (int step = 0; step <= 2 * len; step++) {
			int cx;
			draw_narrow(&ed, 5, 10, w, &cx);
			const char *line = row(5);
			/* the markers survive: nothing drawn outside the field */
			ck_assert_msg(line[0] == '|' ||
			                  strchr(line, '|') == line + strspn(line, " "),
			              "left marker lost: '%s'", line);
			wchar_t wl[256];
			size_t n = bf_utf8_decode(strchr(line, '|') + 1, wl, 256);
			ck_assert_msg(n >= 1, "no content");
			/* find the right marker: everything in between is the field */
			wchar_t *end = wcschr(wl, L'|');
			ck_assert_msg(end != NULL, "right marker lost (w=%d): '%s'", w, line);
			size_t vis = (size_t)(end - wl);
			ck_assert_int_eq(bf_wcs_width(wl, vis) <= w, 1);
			/* what shows is a contiguous piece of the text, trailing blanks aside */
			size_t k = vis;
			while (k > 0 && wl[k - 1] == ' ')
				k--;
			wl[k] = 0;
			ck_assert_msg(k == 0 || wcsstr(text, wl) != NULL,
			              "'%ls' not in text (w=%d)", wl, w);
			/* the cursor is inside the field, on the character it stands on */
			ck_assert_int_ge(cx, 10);
			ck_assert_int_lt(cx, 10 + w);
			if (ed.cur < ed.len) {
				int ccol = cx - 10;
				int col = 0;
				size_t i = 0;
				while (i < k && col < ccol)
					col += bf_wc_width(wl[i++]);
				ck_assert_msg(col == ccol && i < k && wl[i] == ed.buf[ed.cur],
				              "cursor not on its character (w=%d cur=%zu)", w,
				              ed.cur);
			}
			if (step < len)
				bf_edit_key(&ed, BF_KC(KEY_LEFT));
			else
				bf_edit_key(&ed, BF_KC(KEY_RIGHT));
		}
	}
	/* The exact case: "a一二三" in 6 columns from the start shows "a一二" and
	 * leaves the sixth column blank rather than half of 三. */
	bf_edit_set(&ed, "a一二三四");
	ed.cur = 0;
	int cx;
	draw_narrow(&ed, 5, 10, 6, &cx);
	ck_assert_str_eq(row(5), "         |a一二 |");
	ck_assert_int_eq(cx, 10);
	bf_edit_free(&ed);
}
END_TEST

/* ---- form --------------------------------------------------------------------------- */

START_TEST(form_bad_id_message_beside_field_text_kept)
{
	struct bf_form *f = push_form(person_fields, BF_ARRAY_LEN(person_fields));
	type("张三");
	key('\t');
	type("110105194912310021"); /* the check character should be X */
	key('\t');
	ck_assert_int_eq(run(), BF_RUN_EOF);
	int id = bf_form_find(f, "id");
	ck_assert_int_eq(bf_form_field(f, id)->state, BF_CHECK_ERROR);
	ck_assert_str_eq(field_text(f, "id"), "110105194912310021");
	/* the message is the domain's, next to (or under) the field's row */
	int y = find_row("110105194912310021");
	ck_assert_int_ge(y, 1);
	ck_assert_ptr_nonnull(strstr(bf_form_field(f, id)->msg, "check character"));
	ck_assert_msg(strstr(row(y), "check character") || strstr(row(y + 1), "check character"),
	              "message not shown by the field:\n%s", screen());
	ck_assert_int_eq(f->focus, bf_form_find(f, "phone"));
	ck_assert_int_eq(fs.leaves, 2);

	/* back, fix it with a lower-case x: accepted and normalized */
	key(BF_KC(KEY_BTAB));
	key(BF_KC(KEY_BACKSPACE));
	type("x");
	key('\t');
	run();
	ck_assert_int_eq(bf_form_field(f, id)->state, BF_CHECK_OK);
	ck_assert_str_eq(field_text(f, "id"), "11010519491231002X");
	ck_assert_ptr_null(strstr(screen(), "check character"));
	ck_assert_int_eq(bf_form_field(f, id)->value.date, bf_date_from_ymd(1949, 12, 31));
}
END_TEST

START_TEST(form_field_types)
{
	struct bf_form *f = push_form(person_fields, BF_ARRAY_LEN(person_fields));
	key('\t');
	key('\t');
	type("１３８ 1234 ５６７８"); /* full-width digits from an input method */
	type("a");                    /* refused, with a message */
	run();
	ck_assert_str_eq(field_text(f, "phone"), "138 1234 5678");
	ck_assert_ptr_nonnull(strstr(row(LINES - 2), "digits only"));
	key('\t');
	type("1,290.5");
	key('\t');
	type("2024.3.5");
	key('\t');
	type("6222021234567890124"); /* fails Luhn: a warning, kept */
	key('\t');
	type("25");
	key('\t');
	run();
	ck_assert_str_eq(field_text(f, "phone"), "13812345678");
	ck_assert_str_eq(field_text(f, "income"), "1290.50");
	ck_assert_int_eq(bf_form_field(f, bf_form_find(f, "income"))->value.money, 129050);
	ck_assert_str_eq(field_text(f, "date"), "2024-03-05");
	struct bf_field *card = bf_form_field(f, bf_form_find(f, "card"));
	ck_assert_int_eq(card->state, BF_CHECK_WARN);
	ck_assert_str_eq(field_text(f, "card"), "6222021234567890124");
	ck_assert_ptr_nonnull(strstr(screen(), "check-digit"));
	struct bf_field *size = bf_form_field(f, bf_form_find(f, "size"));
	ck_assert_int_eq(size->state, BF_CHECK_ERROR);
	ck_assert_ptr_nonnull(strstr(screen(), "from 1 to 20"));
	/* the last field: Enter stays and says how to save */
	ck_assert_ptr_nonnull(strstr(row(LINES - 2), "last field"));

	/* bad date: message, text kept */
	key(BF_KC(KEY_UP));
	key(BF_KC(KEY_UP));
	key(BF_CTRL('U'));
	type("2023-02-29");
	key('\n');
	run();
	ck_assert_str_eq(field_text(f, "date"), "2023-02-29");
	ck_assert_int_eq(bf_form_field(f, bf_form_find(f, "date"))->state, BF_CHECK_ERROR);
	ck_assert_ptr_nonnull(strstr(screen(), "YYYY-MM-DD"));
}
END_TEST

static const struct bf_choice sexes[] = {{"1", "Male"}, {"2", "Female"}, {NULL, NULL}};
static const struct bf_choice relations[] = {
    {"self", "Self"}, {"spouse", "Spouse"}, {"child", "Child"}, {"parent", "Parent"}, {NULL, NULL}};

START_TEST(form_choice_cycle_and_pick_list)
{
	const struct bf_field_spec specs[] = {
	    {.key = "sex", .label = "Sex", .type = BF_FIELD_CHOICE, .choices = sexes},
	    {.key = "rel", .label = "Relation", .type = BF_FIELD_CHOICE, .choices = relations},
	    {.key = "name", .label = "Name", .type = BF_FIELD_TEXT},
	};
	struct bf_form *f = push_form(specs, BF_ARRAY_LEN(specs));
	key(BF_KC(KEY_RIGHT));
	run();
	ck_assert_str_eq(field_text(f, "sex"), "1");
	ck_assert_ptr_nonnull(strstr(row(1), "< Male >"));
	key(' ');
	run();
	ck_assert_str_eq(field_text(f, "sex"), "2");
	key(BF_KC(KEY_RIGHT)); /* wraps */
	key(BF_KC(KEY_LEFT));
	key(BF_KC(KEY_LEFT));
	run();
	ck_assert_str_eq(field_text(f, "sex"), "1");
	key('q'); /* a letter neither types nor quits on a choice */
	run();
	ck_assert_int_eq(app.depth, 1);
	ck_assert_str_eq(field_text(f, "sex"), "1");

	/* Enter on the second field opens the list; the script ends while it is
	 * open, so the screen shows it */
	key('\t');
	key('\n');
	key(BF_KC(KEY_DOWN));
	key(BF_KC(KEY_DOWN));
	snap();
	key(BF_ESC);
	run();
	ck_assert_int_eq(n_snaps, 1);
	ck_assert_ptr_nonnull(strstr(snaps[0], " 1 Self"));
	ck_assert_ptr_nonnull(strstr(snaps[0], " 4 Parent"));
	ck_assert_ptr_nonnull(strstr(snaps[0], "Relation"));
	ck_assert_str_eq(field_text(f, "rel"), ""); /* Esc cancelled */
	ck_assert_int_eq(f->focus, bf_form_find(f, "rel"));

	key('\n');
	key(BF_KC(KEY_DOWN));
	key(BF_KC(KEY_DOWN));
	key('\n');
	run();
	ck_assert_str_eq(field_text(f, "rel"), "child");
	ck_assert_int_eq(f->focus, bf_form_find(f, "name")); /* and moved on */
	ck_assert_int_lt(find_row(" 4 Parent"), 0);

	/* a digit picks directly */
	key(BF_KC(KEY_BTAB));
	key('4');
	run();
	ck_assert_str_eq(field_text(f, "rel"), "parent");
}
END_TEST

START_TEST(form_scrolls_to_focus)
{
	static char labels[40][32];
	struct bf_field_spec specs[40];
	memset(specs, 0, sizeof specs);
	for (int i = 0; i < 40; i++) {
		snprintf(labels[i], sizeof labels[i], "字段%02d", i);
		specs[i].key = labels[i];
		specs[i].label = labels[i];
		specs[i].type = BF_FIELD_TEXT;
	}
	struct bf_form *f = push_form(specs, 40);
	run();
	ck_assert_int_ge(find_row("字段00"), 1);
	ck_assert_int_lt(find_row("字段30"), 0);
	for (int i = 0; i < 30; i++)
		key('\t');
	type("第三十");
	run();
	ck_assert_int_eq(f->focus, 30);
	int y = find_row("字段30");
	ck_assert_int_ge(y, 1);
	ck_assert_int_le(y, LINES - 3);
	ck_assert_ptr_nonnull(strstr(row(y), "第三十"));
	ck_assert_int_lt(find_row("字段00"), 0);
	ck_assert_int_eq(row(1)[strlen(row(1)) - 1], '^');
}
END_TEST

START_TEST(form_save_checks_required)
{
	const struct bf_field_spec specs[] = {
	    {.key = "name", .label = "Name", .type = BF_FIELD_TEXT, .flags = BF_FIELD_REQUIRED},
	    {.key = "id", .label = "ID number", .type = BF_FIELD_IDCARD},
	};
	struct bf_form *f = push_form(specs, BF_ARRAY_LEN(specs));
	key('\t');
	key(BF_CTRL('S'));
	run();
	ck_assert_int_eq(fs.saves, 0);
	ck_assert_int_eq(f->focus, 0);
	ck_assert_ptr_nonnull(strstr(row(1), "Name*"));
	ck_assert_ptr_nonnull(strstr(row(1), "must be filled in"));
	type("  李四 ");
	key(BF_KF(2)); /* F2 saves too */
	run();
	ck_assert_int_eq(fs.saves, 1);
	ck_assert_str_eq(field_text(f, "name"), "李四"); /* trimmed */
	ck_assert_ptr_nonnull(strstr(row(LINES - 2), "Saved."));
}
END_TEST

/* ---- list ------------------------------------------------------------------------- */

struct fake_source {
	size_t rows;
	size_t max_limit;
	size_t max_end;
	int sort_col;
	bool sort_desc;
	char searched[8][64];
	int n_searched;
};

static size_t fake_count(void *data)
{
	return ((struct fake_source *)data)->rows;
}

static size_t fake_fetch(void *data, size_t off, size_t limit, struct bf_list_page *pg)
{
	struct fake_source *src = data;
	if (limit > src->max_limit)
		src->max_limit = limit;
	size_t n = 0;
	for (size_t i = off; i < off + limit && i < src->rows; i++, n++) {
		size_t v = src->sort_desc ? src->rows - 1 - i : i;
		char buf[64];
		snprintf(buf, sizeof buf, "第%zu行", v + 1);
		bf_list_page_set(pg, n, 0, buf);
		snprintf(buf, sizeof buf, "张三丰%zu", v % 7);
		bf_list_page_set(pg, n, 1, buf);
		snprintf(buf, sizeof buf, "%zu.00", v * 3);
		bf_list_page_set(pg, n, 2, buf);
		bf_list_page_set_id(pg, n, (int64_t)v + 1000);
	}
	if (off + n > src->max_end)
		src->max_end = off + n;
	return n;
}

static void fake_sort(void *data, int col, bool desc)
{
	struct fake_source *src = data;
	src->sort_col = col;
	src->sort_desc = desc;
}

static long fake_search(void *data, const char *text)
{
	struct fake_source *src = data;
	if (src->n_searched < 8)
		bf_strlcpy(src->searched[src->n_searched++], text, sizeof src->searched[0]);
	if (strcmp(text, "第500") == 0)
		return 499;
	return text[0] && strstr("第500", text) == NULL ? -1 : 0;
}

static const struct bf_list_col fake_cols[] = {
    {"Row", 10, 0},
    {"Name", 12, BF_COL_FLEX},
    {"Amount", 12, BF_COL_RIGHT},
};

static const enum bf_action list_actions[] = {
    BF_ACT_EDIT, BF_ACT_NEW, BF_ACT_SEARCH, BF_ACT_SORT, BF_ACT_FILTER, BF_ACT_DELETE, BF_ACT_NONE};

struct list_screen {
	struct bf_screen base;
	struct bf_list list;
	enum bf_action last;
};

static void ls_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	bf_list_draw(&((struct list_screen *)s)->list, w, r);
}

static bool ls_input(struct bf_screen *s, bf_key k)
{
	return bf_list_input(&((struct list_screen *)s)->list, k);
}

static bool ls_action(struct bf_screen *s, enum bf_action a)
{
	struct list_screen *ls = (struct list_screen *)s;
	ls->last = a;
	if (bf_list_action(&ls->list, a))
		return true;
	return a == BF_ACT_EDIT || a == BF_ACT_NEW;
}

static bool ls_typing(struct bf_screen *s)
{
	return bf_list_typing(&((struct list_screen *)s)->list);
}

static void ls_close(struct bf_screen *s)
{
	bf_list_free(&((struct list_screen *)s)->list);
}

static const struct bf_screen_ops list_ops = {
    .name = "test-list",
    .actions = list_actions,
    .draw = ls_draw,
    .action = ls_action,
    .input = ls_input,
    .typing = ls_typing,
    .on_close = ls_close,
};

static struct list_screen ls;
static struct fake_source fake;

static struct bf_list *push_list(size_t rows)
{
	memset(&ls, 0, sizeof ls);
	memset(&fake, 0, sizeof fake);
	fake.rows = rows;
	fake.sort_col = -1;
	ls.base.ops = &list_ops;
	snprintf(ls.base.title, sizeof ls.base.title, "Cases");
	struct bf_list_source src = {fake_count, fake_fetch, fake_sort, fake_search, &fake};
	bf_list_init(&ls.list, &app, fake_cols, 3, src);
	bf_app_push(&app, &ls.base);
	return &ls.list;
}

START_TEST(list_fetches_only_visible_rows)
{
	struct bf_list *l = push_list(100000);
	run();
	int visible = LINES - 3 - 1; /* body minus the header */
	ck_assert_int_eq(l->page, visible);
	ck_assert_uint_eq(l->fetch_calls, 1);
	ck_assert_uint_eq(l->fetched_rows, (size_t)visible);
	ck_assert_ptr_nonnull(strstr(row(2), "第1行"));
	ck_assert_ptr_nonnull(strstr(row(1), "1/100000"));

	for (int i = 0; i < 3; i++)
		key(BF_KC(KEY_NPAGE));
	key(BF_KC(KEY_END));
	run();
	ck_assert_int_ge(find_row("第100000行"), 2);
	ck_assert_ptr_nonnull(strstr(row(1), "100000/100000"));
	size_t sel;
	ck_assert(bf_list_selected(l, &sel));
	ck_assert_uint_eq(sel, 99999);
	int64_t id;
	ck_assert(bf_list_selected_id(l, &id));
	ck_assert_int_eq(id, 99999 + 1000);

	key(BF_KC(KEY_HOME));
	for (int i = 0; i < 5; i++)
		key(BF_KC(KEY_DOWN)); /* moving inside the page fetches nothing */
	run();
	ck_assert_ptr_nonnull(strstr(row(2 + 5), "第6行"));
	/* 1 + 3 pages + End + Home: six fetches of one screenful each */
	ck_assert_uint_eq(l->fetch_calls, 6);
	ck_assert_uint_le(l->fetched_rows, 6 * (size_t)visible);
	ck_assert_uint_eq(fake.max_limit, (size_t)visible);
	ck_assert_uint_le(fake.max_end, 100000);
	/* amounts are right-aligned at the column's end */
	const char *r2 = row(2);
	ck_assert_ptr_nonnull(strstr(r2, "    0.00"));
}
END_TEST

/* Typed choice: letters pick the option whose first letters (pinyin
 * initials of a Chinese label) they are; the same letter again the next one
 * with it. Tab passes an optional detail by, Down stops at it. */
START_TEST(choice_by_letters_and_optional_details)
{
	static const struct bf_choice st[] = {{"employed", "在岗"}, {"unemployed", "失业"},
	                                      {"student", "学生"},  {"preschool", "学龄前"},
	                                      {"retired", "退休"},  {NULL, NULL}};
	static const struct bf_field_spec specs[] = {
	    {.key = "status", .label = "Status", .type = BF_FIELD_CHOICE, .choices = st},
	    {.key = "ethnicity",
	     .label = "Ethnicity",
	     .type = BF_FIELD_TEXT,
	     .flags = BF_FIELD_EXTRA},
	    {.key = "name", .label = "Name", .type = BF_FIELD_TEXT},
	};
	struct bf_form *f = push_form(specs, 3);
	key('s'); /* 失业 sy */
	run();
	ck_assert_str_eq(field_text(f, "status"), "unemployed");
	key('x'); /* x after s: no option starts "sx": the first with x, 学生 */
	run();
	ck_assert_str_eq(field_text(f, "status"), "student");
	key('x'); /* x again: the next with x, 学龄前 */
	run();
	ck_assert_str_eq(field_text(f, "status"), "preschool");
	key('t');
	key('x'); /* "tx": 退休 */
	run();
	ck_assert_str_eq(field_text(f, "status"), "retired");
	key('q'); /* no option: said, nothing changes */
	run();
	ck_assert_str_eq(field_text(f, "status"), "retired");
	ck_assert_ptr_nonnull(strstr(app.msg, "No option starts with q"));
	key('\t'); /* passes ethnicity by */
	run();
	ck_assert_int_eq(f->focus, bf_form_find(f, "name"));
	key(BF_KC(KEY_UP)); /* Up stops at it */
	run();
	ck_assert_int_eq(f->focus, bf_form_find(f, "ethnicity"));
}
END_TEST

/* The list kit's choosing (the publicity round's and the batch's pick
 * screens): one row flips and the selection moves on; all, then none. */
START_TEST(list_choose_one_and_all)
{
	struct bf_list *l = push_list(3);
	run();
	bool chosen[3] = {false, false, false};
	size_t n = 0, i;
	bf_list_choose(l, chosen, 3, &n, false);
	ck_assert(chosen[0] && !chosen[1] && n == 1);
	ck_assert(bf_list_selected(l, &i));
	ck_assert_uint_eq(i, 1);
	bf_list_choose(l, chosen, 3, &n, true);
	ck_assert(chosen[0] && chosen[1] && chosen[2] && n == 3);
	bf_list_choose(l, chosen, 3, &n, false); /* row 2: off again */
	ck_assert(!chosen[1] && n == 2);
	bf_list_choose(l, chosen, 3, &n, true); /* not all: all */
	ck_assert_uint_eq(n, 3);
	bf_list_choose(l, chosen, 3, &n, true); /* all: none */
	ck_assert(!chosen[0] && !chosen[1] && !chosen[2] && n == 0);
	ck_assert_str_eq(bf_list_choice_mark(true), "[x]");
	ck_assert_str_eq(bf_list_choice_mark(false), "[ ]");
}
END_TEST

START_TEST(list_truncates_without_splitting)
{
	static const struct bf_list_col cols[] = {{"N", 5, 0}, {"Name", 7, 0}};
	struct bf_list *l = push_list(3);
	l->cols = cols;
	l->ncols = 2;
	run();
	/* "第1行" is 5 columns: fits; "张三丰0" is 7 (fits in 7) */
	ck_assert_ptr_nonnull(strstr(row(2), "第1行  张三丰0"));
	static const struct bf_list_col narrow[] = {{"N", 4, 0}, {"M", 5, 0}};
	l->cols = narrow;
	run();
	/* 4 columns take "第1" (3) and the sign that the text goes on, not
	 * half of 行; 5 take "张三" (4) and "…" */
	ck_assert_str_eq(row(2) + 1, "第1…  张三…");
	int y, x;
	ck_assert(!bf_term_split_wide(stdscr, &y, &x));
}
END_TEST

START_TEST(list_search_calls_back_per_keystroke)
{
	struct bf_list *l = push_list(1000);
	key('/');
	type("第50");
	run();
	ck_assert(bf_list_typing(l));
	ck_assert_int_eq(fake.n_searched, 3);
	ck_assert_str_eq(fake.searched[0], "第");
	ck_assert_str_eq(fake.searched[2], "第50");
	ck_assert_ptr_nonnull(strstr(row(LINES - 3), "Search: 第50"));
	/* while typing, letters are text: 's' does not sort, 'q' does not quit */
	type("0");
	run();
	ck_assert_uint_eq(l->sel, 499);
	ck_assert_int_ge(find_row("第500行"), 2);
	key('\n');
	key('s');
	run();
	ck_assert(!bf_list_typing(l));
	ck_assert_int_eq(fake.sort_col, 0);

	/* Esc cancels: the source is told "" and the selection comes back */
	key('/');
	type("x");
	run();
	ck_assert_ptr_nonnull(strstr(row(LINES - 3), "no match"));
	key(BF_ESC);
	run();
	ck_assert(!bf_list_typing(l));
	ck_assert_str_eq(fake.searched[fake.n_searched - 1], "");
	ck_assert_int_eq(app.depth, 1); /* Esc closed the search, not the screen */
}
END_TEST

START_TEST(list_sort_cycles_columns)
{
	struct bf_list *l = push_list(50);
	key('s');
	run();
	ck_assert_int_eq(fake.sort_col, 0);
	ck_assert(!fake.sort_desc);
	ck_assert_ptr_nonnull(strstr(row(1), "Row ^"));
	key('s');
	run();
	ck_assert(fake.sort_desc);
	ck_assert_ptr_nonnull(strstr(row(1), "Row v"));
	ck_assert_ptr_nonnull(strstr(row(2), "第50行"));
	key('s');
	run();
	ck_assert_int_eq(fake.sort_col, 1);
	ck_assert(!fake.sort_desc);
	ck_assert_int_eq(l->sort_col, 1);
}
END_TEST

/* ---- dispatch, help, status bar ------------------------------------------------------- */

START_TEST(enter_means_open_in_list_and_next_in_form)
{
	push_list(10);
	key('\n');
	run();
	ck_assert_int_eq(ls.last, BF_ACT_EDIT);
	key('n');
	run();
	ck_assert_int_eq(ls.last, BF_ACT_NEW);

	struct bf_form *f = push_form(person_fields, 2);
	type("nq"); /* letters type in a form */
	key('\n');
	run();
	ck_assert_str_eq(field_text(f, "name"), "nq");
	ck_assert_int_eq(f->focus, 1);
	ck_assert_int_eq(app.depth, 2);

	/* an unused key says so on the message line */
	key(BF_KF(9));
	run();
	ck_assert_ptr_nonnull(strstr(row(LINES - 2), "F9 does nothing here"));

	/* Esc goes back to the list; q there quits */
	key(BF_ESC);
	run();
	ck_assert_int_eq(app.depth, 1);
	app.confirm_quit = true;
	key('q');
	snap();
	key('n');
	ck_assert_int_eq(run(), BF_RUN_EOF);
	ck_assert_ptr_nonnull(strstr(snaps[0], "Quit bangfu?"));
	key('q');
	key('n');
	ck_assert_int_eq(run(), BF_RUN_EOF);
	ck_assert_int_eq(app.depth, 1);
	key('q');
	key('y');
	ck_assert_int_eq(run(), BF_RUN_QUIT);
}
END_TEST

START_TEST(help_lists_actions_with_keys)
{
	push_list(10);
	key(BF_KF(1));
	run();
	ck_assert_int_eq(app.depth, 2);
	ck_assert_int_ge(find_row("Keys on the screen \"Cases\""), 0);
	int y = find_row("Search");
	ck_assert_int_ge(y, 0);
	ck_assert_ptr_nonnull(strstr(row(y), "/, ^F"));
	ck_assert_ptr_nonnull(strstr(row(y), "Search as you type"));
	y = find_row("Help");
	ck_assert_ptr_nonnull(strstr(row(find_row("Show the keys")), "F1, ?, ^G"));
	ck_assert_ptr_nonnull(strstr(row(find_row("Start a new entry")), "n, F3"));
	ck_assert_ptr_nonnull(strstr(row(find_row("Leave bangfu")), "^Q, q, F10"));
	key(BF_KC(KEY_END));
	run();
	ck_assert_ptr_nonnull(strstr(row(find_row("first / last row")), "Home, End"));
	ck_assert_int_lt(find_row("Typing in a field"), 0);
	key('q'); /* closes help, does not quit */
	run();
	ck_assert_int_eq(app.depth, 1);

	/* In a form, printable keys type: help shows only keys that work there,
	 * and the editing keys. */
	struct bf_form *f = push_form(person_fields, 2);
	type("王");
	key(BF_CTRL('G'));
	run();
	ck_assert_int_eq(app.depth, 3);
	ck_assert_ptr_nonnull(strstr(row(find_row("Show the keys")), "F1, ^G"));
	ck_assert_ptr_null(strstr(row(find_row("Show the keys")), "?"));
	ck_assert_ptr_nonnull(strstr(row(find_row("Check the form and save")), "^S, F2"));
	ck_assert_ptr_nonnull(strstr(row(find_row("Check this field and go")), "Tab, Down, Enter"));
	ck_assert_int_ge(find_row("Typing in a field"), 0);
	/* scroll to the end: the last editing key is on screen */
	key(BF_KC(KEY_END));
	run();
	ck_assert_ptr_nonnull(strstr(row(find_row("from the cursor on")), "^K"));
	/* a choice field's keys too, the key column wide enough for them */
	ck_assert_ptr_nonnull(strstr(row(find_row("The list of options")), "Enter"));
	ck_assert_ptr_nonnull(strstr(row(find_row("previous / next option")), "Left, Right"));
	ck_assert_ptr_nonnull(strstr(row(find_row("Move the cursor in the field")), "Left, Right"));
	key(BF_ESC);
	run();
	ck_assert_int_eq(app.depth, 2);
	ck_assert_str_eq(field_text(f, "name"), "王");
}
END_TEST

START_TEST(status_bar_hints_fit)
{
	push_list(10);
	run();
	const char *st = row(LINES - 1);
	ck_assert_int_le(bf_str_width(st), 80);
	ck_assert_ptr_nonnull(strstr(st, "F1 Help  Enter Open  n New  / Search"));
	push_form(person_fields, 2);
	run();
	st = row(LINES - 1);
	ck_assert_ptr_nonnull(strstr(st, "F1 Help  ^S Save  Tab Next field"));
	ck_assert_ptr_null(strstr(st, " q ")); /* not while typing */

	/* Fitting counts display width and never cuts a hint in half. */
	enum bf_action acts[] = {BF_ACT_SAVE, BF_ACT_NEXT_FIELD, BF_ACT_NONE};
	struct bf_action_set set = {acts, true};
	char buf[512];
	for (int w = 0; w <= 200; w++) {
		int used = bf_action_hints(set, w, buf, sizeof buf);
		ck_assert_int_le(used, w);
		ck_assert_int_eq(used, bf_str_width(buf));
		size_t len = strlen(buf);
		ck_assert(len == 0 || buf[len - 1] != ' ');
	}
	bf_action_hints(set, 14, buf, sizeof buf);
	ck_assert_str_eq(buf, "F1 Help");
}
END_TEST

START_TEST(action_table_keys_are_consistent)
{
	const unsigned ctxs[] = {BF_AC_FORM,
	                         BF_AC_LIST,
	                         BF_AC_MEMBERS,
	                         BF_AC_FORM | BF_AC_MEMBERS,
	                         BF_AC_CASEWORK,
	                         BF_AC_PUBLICITY,
	                         BF_AC_CAMPAIGN,
	                         BF_AC_CAMPAIGN | BF_AC_LIST,
	                         BF_AC_SUBMISSION,
	                         BF_AC_DISTRICT,
	                         BF_AC_DISTRICT | BF_AC_LIST,
	                         BF_AC_CALENDAR};
	for (size_t c = 0; c < BF_ARRAY_LEN(ctxs); c++) {
		unsigned mask = ctxs[c] | BF_AC_GLOBAL;
		for (int a = 1; a < BF_ACT_COUNT; a++) {
			if (!(bf_action_table[a].ctx & mask))
				continue;
			for (const bf_key *k = bf_action_table[a].keys; *k; k++)
				for (int b = a + 1; b < BF_ACT_COUNT; b++)
					if (bf_action_table[b].ctx & mask)
						for (const bf_key *j = bf_action_table[b].keys; *j;
						     j++)
							ck_assert_msg(*j != *k,
							              "%s and %s share a key",
							              bf_action_table[a].name,
							              bf_action_table[b].name);
		}
	}
	for (int a = 1; a < BF_ACT_COUNT; a++) {
		const struct bf_action_info *ai = bf_action_info((enum bf_action)a);
		ck_assert_int_eq(ai->id, a);
		ck_assert_msg(ai->keys[0] != 0, "%s has no key", ai->name);
		bool fkey = false, other = false;
		for (const bf_key *k = ai->keys; *k; k++) {
			int code = *k & ~BF_KEY_CODE;
			if (bf_key_is_code(*k) && code >= KEY_F(1) && code <= KEY_F(63))
				fkey = true;
			else
				other = true;
		}
		ck_assert_msg(!fkey || other, "%s has only function keys", ai->name);
		ck_assert(ai->label[0] && ai->help[0]);
		/* a form must be usable while typing: every form/global action has a
		 * key that is not a printable character */
		if (ai->ctx & (BF_AC_GLOBAL | BF_AC_FORM | BF_AC_MEMBERS)) {
			char k[32];
			bf_action_key_label((enum bf_action)a, true, k, sizeof k);
			ck_assert_msg(k[0], "%s cannot be reached while typing", ai->name);
		}
	}
}
END_TEST

/* ---- resize, too small, signals ----------------------------------------------------- */

START_TEST(resize_mid_edit_keeps_text)
{
	struct bf_form *f = push_form(person_fields, 2);
	type("张三丰");
	resize(30, 100);
	type("李");
	run();
	ck_assert_int_eq(COLS, 100);
	ck_assert_ptr_nonnull(strstr(row(1), "张三丰李"));
	ck_assert_ptr_nonnull(strstr(row(29), "F1 Help"));

	resize(20, 60);
	type("X"); /* ignored while nothing can be shown */
	run();
	ck_assert_int_ge(find_row("Terminal too small (need 80×24)"), 0);
	ck_assert_ptr_nonnull(strstr(screen(), "60×20"));

	resize(24, 80);
	type("四");
	run();
	ck_assert_str_eq(field_text(f, "name"), "张三丰李四");
	ck_assert_ptr_nonnull(strstr(row(1), "Name  张三丰李四"));
	ck_assert_int_lt(find_row("too small"), 0);
}
END_TEST

START_TEST(resize_while_dialog_open_redraws_both)
{
	push_form(person_fields, 2);
	type("张三");
	run();
	resize(30, 100);
	char buf[64] = "初始";
	bool ok = bf_dlg_prompt(&app, "Note", "Type a note", buf, sizeof buf, 20);
	ck_assert(!ok); /* the script ended: cancelled, buf untouched */
	ck_assert_str_eq(buf, "初始");
	ck_assert_int_ge(find_row("Type a note"), 0);
	ck_assert_ptr_nonnull(strstr(row(1), "张三"));
	ck_assert_ptr_nonnull(strstr(screen(), "初始"));
	app.stop_eof = false;
	key(BF_KC(KEY_END));
	type("文字");
	key('\n');
	ok = bf_dlg_prompt(&app, "Note", "Type a note", buf, sizeof buf, 20);
	ck_assert(ok);
	ck_assert_str_eq(buf, "初始文字");
}
END_TEST

START_TEST(signal_saves_draft_and_stops)
{
	struct bf_form *f = push_form(person_fields, 2);
	type("张三");
	key(BF_KF(12)); /* raises SIGTERM */
	type("丰");
	ck_assert_int_eq(run(), BF_RUN_SIGNAL);
	ck_assert_int_eq(app.signal, SIGTERM);
	ck_assert_int_eq(fs.drafts, 1);
	ck_assert_str_eq(field_text(f, "name"), "张三");
	ck_assert(bf_term_active()); /* the caller restores */
}
END_TEST

START_TEST(signal_during_dialog_cancels_it)
{
	push_form(person_fields, 1);
	raise(SIGINT);
	ck_assert(!bf_dlg_confirm(&app, "Really?", true));
	ck_assert_int_eq(run(), BF_RUN_SIGNAL);
	ck_assert_int_eq(fs.drafts, 1);
}
END_TEST

START_TEST(crash_restores_terminal)
{
	char path[] = "/tmp/bf-screen-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	char errpath[] = "/tmp/bf-screen-err-XXXXXX";
	int efd = mkstemp(errpath);
	ck_assert_int_ge(efd, 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct rlimit no_core = {0, 0};
		setrlimit(RLIMIT_CORE, &no_core);
		dup2(efd, STDERR_FILENO);
		bf_term_restore(); /* the fixture's terminal */
		FILE *out = fdopen(fd, "w");
		bf_error err = {{0}};
		if (bf_term_init_on("xterm", out, null_in, 24, 80, &err) != 0)
			_exit(3);
		mvaddstr(3, 3, "hello");
		refresh();
		raise(SIGSEGV);
		_exit(4);
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "status %d", status);

	static char out[65536];
	FILE *in = fopen(path, "r");
	size_t n = fread(out, 1, sizeof out - 1, in);
	fclose(in);
	out[n] = 0;
	char *smcup = strstr(out, "\033[?1049h");
	ck_assert_ptr_nonnull(smcup);
	char *hello = strstr(out, "hello");
	ck_assert_ptr_nonnull(hello);
	/* after the drawing: attributes reset, cursor shown, screen left */
	char *rmcup = strstr(hello, "\033[?1049l");
	ck_assert_ptr_nonnull(rmcup);
	ck_assert_ptr_nonnull(strstr(hello, "\033[?25h"));

	in = fopen(errpath, "r");
	n = fread(out, 1, sizeof out - 1, in);
	fclose(in);
	out[n] = 0;
	ck_assert_ptr_nonnull(strstr(out, "internal error"));
	ck_assert_ptr_nonnull(strstr(out, "(signal 11)"));
	unlink(path);
	unlink(errpath);
}
END_TEST

START_TEST(restore_twice_is_safe)
{
	bf_term_restore();
	ck_assert(!bf_term_active());
	/* the handlers from before curses are back (not ours, not ncurses') */
	struct sigaction sa;
	sigaction(SIGTERM, NULL, &sa);
	ck_assert(sa.sa_handler == pre_term.sa_handler);
	sigaction(SIGSEGV, NULL, &sa);
	ck_assert(sa.sa_handler == pre_segv.sa_handler);
	bf_term_restore();
	ck_assert(!bf_term_active());
	bf_error err = {{0}};
	ck_assert_int_eq(bf_term_init_on("xterm", null_out, null_in, 24, 80, &err), 0);
	ck_assert(bf_term_active());
}
END_TEST

START_TEST(init_refuses_non_utf8_locale)
{
	bf_term_restore();
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
	bf_error err = {{0}};
	ck_assert_int_ne(bf_term_init(&err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "UTF-8"));
	ck_assert_ptr_nonnull(strstr(err.msg, "LANG=C.UTF-8"));
	ck_assert(!bf_term_active());
	setlocale(LC_ALL, "C.UTF-8");
}
END_TEST

/* ---- frame and dialogs ------------------------------------------------------------ */

START_TEST(title_shows_unit_and_demo)
{
	bf_strlcpy(app.unit_name, "某某机械厂工会", sizeof app.unit_name);
	app.demo = true;
	push_list(1);
	run();
	const char *t = row(0);
	ck_assert_ptr_nonnull(strstr(t, "bangfu - Cases"));
	ck_assert_ptr_nonnull(strstr(t, "某某机械厂工会"));
	size_t len = strlen(t);
	ck_assert_str_eq(t + len - 4, "DEMO");
	ck_assert_int_le(bf_str_width(t), 80);
}
END_TEST

START_TEST(dialogs_answer_by_key)
{
	push_list(5);
	run();
	app.stop_eof = false;
	key('y');
	ck_assert(bf_dlg_confirm(&app, "Delete?", false));
	key('n');
	ck_assert(!bf_dlg_confirm(&app, "Delete?", true));
	key('\n');
	ck_assert(bf_dlg_confirm(&app, "Delete?", true));
	key('\n');
	ck_assert(!bf_dlg_confirm(&app, "Delete?", false));
	key(BF_KC(KEY_RIGHT));
	key('\n');
	ck_assert(!bf_dlg_confirm(&app, "Delete?", true));
	key(BF_ESC);
	ck_assert(!bf_dlg_confirm(&app, "删除这条记录吗？", true));
	ck_assert_int_ge(find_row("删除这条记录吗？"), 0);
	ck_assert_int_ge(find_row("[ Yes (y) ]"), 0);

	const char *items[] = {"甲", "乙", "丙"};
	key(BF_KC(KEY_END));
	key('\n');
	ck_assert_int_eq(bf_dlg_choose(&app, "Pick", items, 3, 0), 2);
	key(BF_ESC);
	ck_assert_int_eq(bf_dlg_choose(&app, "Pick", items, 3, 1), -1);

	char buf[64] = "";
	type("张三");
	key(BF_KC(KEY_LEFT));
	type("小");
	key('\n');
	ck_assert(bf_dlg_prompt(&app, "Name", "Who?", buf, sizeof buf, 10));
	ck_assert_str_eq(buf, "张小三");

	key('\n');
	bf_dlg_message(&app, "Done", "It is saved.");
	ck_assert_int_ge(find_row("It is saved."), 0);
}
END_TEST

START_TEST(key_names)
{
	char b[32];
	struct {
		bf_key k;
		const char *name;
	} cases[] = {
	    {BF_KF(1), "F1"},
	    {BF_CTRL('S'), "^S"},
	    {BF_ESC, "Esc"},
	    {'\n', "Enter"},
	    {'\t', "Tab"},
	    {BF_KC(KEY_BTAB), "S-Tab"},
	    {'?', "?"},
	    {BF_KC(KEY_NPAGE), "PgDn"},
	    {(bf_key)L'张', "张"},
	    {BF_KC(KEY_DC), "Del"},
	    {BF_KC(KEY_IC), "Ins"},
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(cases); i++) {
		bf_key_name(cases[i].k, b, sizeof b);
		ck_assert_str_eq(b, cases[i].name);
	}
	ck_assert_int_eq(bf_key_normalize('\r'), '\n');
	ck_assert_int_eq(bf_key_normalize(BF_KC(KEY_ENTER)), '\n');
	ck_assert_int_eq(bf_key_normalize(0x7f), BF_KC(KEY_BACKSPACE));
	/* a wide character above 0x100 is not mistaken for a key code */
	ck_assert(!bf_key_is_code((bf_key)L'ĉ'));
	ck_assert(bf_key_is_text((bf_key)L'ĉ'));
	ck_assert(!bf_key_is_text(0x85));
}
END_TEST

/* A screen whose draw changes what it shows (a count of its draws): the
 * dialog hook of every screen test must catch it (fresh.h). */
struct counting_screen {
	struct bf_screen base;
	int draws;
};

static void cs_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	char t[64];
	snprintf(t, sizeof t, "drawn %d times", ++((struct counting_screen *)s)->draws);
	bf_draw_str(w, r.y, r.x, r.w, t, A_NORMAL);
}

static const struct bf_screen_ops counting_ops = {.name = "test-counting", .draw = cs_draw};

START_TEST(dialog_hook_catches_a_screen_changed_by_drawing)
{
	static struct counting_screen cs;
	memset(&cs, 0, sizeof cs);
	cs.base.ops = &counting_ops;
	bf_app_push(&app, &cs.base);
	push_list(5);
	run();
	app.stop_eof = false;
	key('\n');
	bf_dlg_message(&app, "Pick", "甲乙丙");
	ck_assert(!dialogs.bad); /* the list draws the same each time */
	ck_assert_int_eq(dialogs.checked, 1);
	bf_app_pop(&app);
	bf_app_frame(&app);
	key('\n');
	bf_dlg_message(&app, "Counted", "甲乙丙");
	ck_assert_int_eq(dialogs.checked, 2);
	ck_assert(dialogs.bad);
	ck_assert_str_eq(dialogs.title, "Counted");
	ck_assert_ptr_nonnull(strstr(dialogs.now, "drawn"));
	ck_assert_str_ne(dialogs.now, dialogs.fresh);
	/* the caller still sees the window the dialog left */
	ck_assert_int_ge(find_row("Counted"), 0);
	dialogs.bad = false;
}
END_TEST

static Suite *screen_suite(void)
{
	Suite *s = suite_create("screen");
	TCase *tc = tcase_create("ui");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, edit_chinese_keys);
	tcase_add_test(tc, edit_strips_control_chars);
	tcase_add_test(tc, edit_max_chars);
	tcase_add_test(tc, edit_narrow_field_never_splits_wide_chars);
	tcase_add_test(tc, form_bad_id_message_beside_field_text_kept);
	tcase_add_test(tc, form_field_types);
	tcase_add_test(tc, form_choice_cycle_and_pick_list);
	tcase_add_test(tc, form_scrolls_to_focus);
	tcase_add_test(tc, form_save_checks_required);
	tcase_add_test(tc, list_fetches_only_visible_rows);
	tcase_add_test(tc, list_truncates_without_splitting);
	tcase_add_test(tc, list_choose_one_and_all);
	tcase_add_test(tc, choice_by_letters_and_optional_details);
	tcase_add_test(tc, list_search_calls_back_per_keystroke);
	tcase_add_test(tc, list_sort_cycles_columns);
	tcase_add_test(tc, enter_means_open_in_list_and_next_in_form);
	tcase_add_test(tc, help_lists_actions_with_keys);
	tcase_add_test(tc, status_bar_hints_fit);
	tcase_add_test(tc, action_table_keys_are_consistent);
	tcase_add_test(tc, resize_mid_edit_keeps_text);
	tcase_add_test(tc, resize_while_dialog_open_redraws_both);
	tcase_add_test(tc, signal_saves_draft_and_stops);
	tcase_add_test(tc, signal_during_dialog_cancels_it);
	tcase_add_test(tc, crash_restores_terminal);
	tcase_add_test(tc, restore_twice_is_safe);
	tcase_add_test(tc, init_refuses_non_utf8_locale);
	tcase_add_test(tc, title_shows_unit_and_demo);
	tcase_add_test(tc, dialogs_answer_by_key);
	tcase_add_test(tc, key_names);
	tcase_add_test(tc, dialog_hook_catches_a_screen_changed_by_drawing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *suites[] = {screen_suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
