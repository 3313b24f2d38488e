/* listkit.h — the list-screen kit: what the list screens (publicity rounds,
 * batches, campaigns, the district's lists) do the same way, done once.
 *
 *   - rows read again when the data changed (PRAGMA data_version and this
 *     connection's own writes, via bf_db_generation): no counters of their
 *     own, no ^R needed after a change made elsewhere;
 *   - the two lines above a list (what it is, bold; its keys, dim);
 *   - choosing rows (Space one, * all or none) with the chosen ids;
 *   - columns that follow the terminal's width (the lowest-priority ones go
 *     first), with the position "3/12" where the caller wants it;
 *   - right-aligned cells (money) and text that ends in "…" when cut;
 *   - lines of text that wrap and scroll (a detail panel, a result), and a
 *     screen that shows such a text. */
#ifndef BANGFU_LISTKIT_H
#define BANGFU_LISTKIT_H

#include "bangfu/ui_list.h"

/* ---- rows that follow the data ---------------------------------------------------- */

/* The database's generation now (bf_db_generation; 0 without a database):
 * a screen that keeps it with its rows reads them again when it moved. */
uint64_t bf_lk_gen(struct bf_app *app);

struct bf_lk_rows {
	bool loaded;
	uint64_t gen; /* the database's generation when the rows were read */
};

/* True when the rows must be read: never read, or the data changed since. */
bool bf_lk_stale(struct bf_app *app, const struct bf_lk_rows *r);
/* The rows were just read. */
void bf_lk_read(struct bf_app *app, struct bf_lk_rows *r);
/* Read the rows again at the next draw (and the list's page, if l). */
void bf_lk_reload(struct bf_lk_rows *r, struct bf_list *l);

/* ---- drawing ------------------------------------------------------------------------ */

/* The two lines above a list: `what` bold on the first row, `keys` dim on
 * the second; returns the rectangle left for the list. */
struct bf_rect bf_lk_head(WINDOW *w, struct bf_rect r, const char *what, const char *keys);
/* s right-aligned in `width` columns from x ("…" when it is wider). */
void bf_lk_draw_right(WINDOW *w, int y, int x, int width, const char *s, attr_t a);
/* The position "3/12" right-aligned at the end of row y of r. */
void bf_lk_draw_position(struct bf_list *l, WINDOW *w, int y, struct bf_rect r);
/* The width of a column of file numbers: the longest number the allocator
 * has made ("2026-10000" is 10, bf_case_number_width), at least 9. A screen
 * copies its column table and sets the width when it opens. */
int bf_lk_number_width(bf_db *db);

/* ---- dialogs ------------------------------------------------------------------------ */

/* Ask for a file or folder name (path holds the proposal, "" for none), "~/"
 * expanded. false when left with Esc. */
bool bf_lk_ask_path(struct bf_app *app, const char *title, const char *label, char *path, size_t n);

/* ---- choosing rows ------------------------------------------------------------------ */

struct bf_lk_marks {
	bool *on;    /* a flag per row */
	int64_t *id; /* the caller's id per row */
	size_t n, n_on;
};

/* n rows, all chosen or none; the caller fills id[]. 0, or -1 out of memory. */
int bf_lk_marks_init(struct bf_lk_marks *m, size_t n, bool on);
void bf_lk_marks_free(struct bf_lk_marks *m);
/* all false: the selected row flips and the selection moves on; all true:
 * every row chosen, or none when all were (bf_list_choose). */
void bf_lk_mark(struct bf_lk_marks *m, struct bf_list *l, bool all);
/* The mark cell of row i: "[x]" or "[ ]". */
const char *bf_lk_mark_cell(const struct bf_lk_marks *m, size_t i);
/* The ids of the chosen rows in order (malloc'd, *k of them), NULL when
 * none or out of memory. */
int64_t *bf_lk_marked_ids(const struct bf_lk_marks *m, size_t *k);

/* ---- a list screen over rows read whole -------------------------------------------------- */

/* The screen's struct starts with this; the rows (an array, malloc'd) are
 * read by load when first needed and again when the data changed, freed
 * with the screen. */
struct bf_lk_screen {
	struct bf_screen base;
	struct bf_list list;
	struct bf_lk_rows fresh;
	void *rows;
	size_t n;
	struct bf_lk_marks marks; /* for screens that choose rows */
	/* Read the rows into *rows, *n (malloc'd). 0, or -1 with err set. */
	int (*load)(struct bf_lk_screen *s, void **rows, size_t *n, bf_error *err);
	const char *load_error; /* msgid with %s for err.msg; NULL: err.msg alone */
	/* Fill page row `got` with row i (ids included). */
	void (*row)(struct bf_lk_screen *s, size_t i, struct bf_list_page *pg, size_t got);
	/* Optional: free what else the screen holds (not s itself). */
	void (*free_more)(struct bf_lk_screen *s);
};

/* A list of cols over s's rows (s->load and s->row set by the caller). */
void bf_lk_screen_init(struct bf_lk_screen *s, struct bf_app *app, const struct bf_list_col *cols,
                       int ncols, const char *empty_text);
/* Read the rows now (a screen that must know them before it opens): 0, or
 * -1 with the error on the message line. */
int bf_lk_screen_load(struct bf_lk_screen *s);
/* Open s (its load, row and ops set) as a screen that chooses among its
 * rows: they are read now; `none` (a msgid) is shown instead of the screen
 * when there are none; every row chosen when `on`, else none; s->marks.id[i]
 * from id_of. 0, or -1 with s closed. */
int bf_lk_choose_open(struct bf_lk_screen *s, struct bf_app *app, const struct bf_list_col *cols,
                      int ncols, const char *none, bool on,
                      int64_t (*id_of)(const struct bf_lk_screen *s, size_t i));
/* ops->action of such a screen: `one` flips the selected row, `all` chooses
 * every row or none, `done` calls finish and closes the screen when it
 * returns true. True when a was one of them. */
bool bf_lk_choose_action(struct bf_lk_screen *s, enum bf_action a, enum bf_action one,
                         enum bf_action all, enum bf_action done,
                         bool (*finish)(struct bf_lk_screen *s));
/* Read the rows again at the next draw. */
void bf_lk_screen_reload(struct bf_lk_screen *s);
/* Before drawing: read the rows again when the data changed. */
void bf_lk_screen_fresh(struct bf_lk_screen *s);
/* ops->input: the list's keys. */
bool bf_lk_screen_input(struct bf_screen *s, bf_key k);
/* ops->on_close: the list, rows, marks, free_more, the screen. */
void bf_lk_screen_close(struct bf_screen *s);

/* ---- columns that fit --------------------------------------------------------------- */

struct bf_lk_col {
	struct bf_list_col col;
	int drop; /* 0: always shown; else dropped when narrow, lowest first */
};

#define BF_LK_MAX_COLS 16

/* A list whose columns follow the width: cols/col_of hold the shown ones;
 * when the set changes the list is rebuilt (bf_list sizes its cache by the
 * column count) keeping selection, scroll and search. */
struct bf_lk_fit {
	const struct bf_lk_col *defs;
	int ndefs;
	struct bf_list_col cols[BF_LK_MAX_COLS];
	int col_of[BF_LK_MAX_COLS];
	int ncols;
	unsigned shown;
	const char *empty_text;
};

/* The columns of defs that fit in avail columns (two spaces between), as a
 * bit set. */
unsigned bf_lk_fit_mask(const struct bf_lk_col *defs, int n, int avail);
/* Show the columns that fit in avail (rebuilding l when the set changed). */
void bf_lk_fit_apply(struct bf_lk_fit *f, struct bf_list *l, struct bf_app *app, int avail);
/* Set the cell of logical column c when it is shown. */
void bf_lk_fit_set(const struct bf_lk_fit *f, struct bf_list_page *pg, size_t row, int c,
                   const char *text);
/* Fit to r and draw the list with its position column pushed off the right
 * edge (the caller shows the position, bf_lk_draw_position): the columns
 * get the whole width. */
void bf_lk_fit_draw(struct bf_lk_fit *f, struct bf_list *l, struct bf_app *app, WINDOW *w,
                    struct bf_rect r);

/* The fitted list under two lines: `what` bold with the position at the
 * end of its row, `more` in attribute a on the second. */
void bf_lk_fit_draw_head(struct bf_lk_fit *f, struct bf_list *l, struct bf_app *app, WINDOW *w,
                         struct bf_rect r, const char *what, const char *more, attr_t a);

/* ---- lines of text that wrap and scroll ---------------------------------------------- */

struct bf_tline {
	char *text;
	attr_t attr;
};

struct bf_tlines {
	struct bf_tline *v;
	size_t n, cap;
};

void bf_tl_add(struct bf_tlines *t, attr_t attr, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void bf_tl_free(struct bf_tlines *t);
/* Lay out one line in width columns: the rows it takes (at most max_rows),
 * drawn from (y, x) when w is not NULL. Chinese wraps anywhere, Latin at
 * spaces; rows after the first hang two columns in. */
int bf_tl_line(const struct bf_tline *l, WINDOW *w, int y, int x, int width, int max_rows);
/* Draw lines from `first` into r; returns the first line not shown whole. */
size_t bf_tl_draw(const struct bf_tlines *t, size_t first, WINDOW *w, struct bf_rect r);
/* The last row of a text that scrolls: whether there is more. */
void bf_tl_more(WINDOW *w, int y, int x, int width, bool above, bool below);
/* Scrolling keys over n lines, `page` rows high; true if used. */
bool bf_tl_scroll_key(size_t *scroll, size_t n, int page, bf_key k);
/* Keep the last screenful in view: no scrolling past the end. */
void bf_tl_clamp(const struct bf_tlines *t, size_t *scroll, int width, int height);

/* A screen that shows t (taken over, freed with the screen), Esc goes back;
 * name is for logs and tests. 0, or -1 (t freed). */
int bf_lk_text_open(struct bf_app *app, const char *name, const char *title, struct bf_tlines *t);

#endif
