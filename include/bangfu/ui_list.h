/* ui_list.h — a scrolling list over a data source that is asked only for
 * the rows on screen: count() and fetch(offset, limit), so a table of
 * 100,000 rows is never loaded whole (fetch maps to LIMIT/OFFSET or a keyset
 * query).
 *
 * Keys: Up/Down, PgUp/PgDn, Home/End move the selection. Actions (forward
 * them from the screen): SEARCH opens a search line at the bottom; every
 * keystroke calls source.search(text), Enter keeps the result, Esc cancels.
 * SORT cycles through the columns, ascending then descending. */
#ifndef BANGFU_UI_LIST_H
#define BANGFU_UI_LIST_H

#include "bangfu/ui.h"
#include "bangfu/ui_edit.h"

/* Rows handed to fetch, filled with bf_list_page_set. */
struct bf_list_page;
void bf_list_page_set(struct bf_list_page *pg, size_t row, int col, const char *utf8);
/* The caller's id of a row (a case id), for bf_list_selected_id. */
void bf_list_page_set_id(struct bf_list_page *pg, size_t row, int64_t id);

struct bf_list_source {
	/* Rows in the list as it stands (after search/filter). */
	size_t (*count)(void *data);
	/* Fill rows offset .. offset+limit-1 as page rows 0 .. limit-1; return
	 * how many were filled. */
	size_t (*fetch)(void *data, size_t offset, size_t limit, struct bf_list_page *pg);
	/* Optional: order by column col (descending if desc). */
	void (*sort)(void *data, int col, bool desc);
	/* Optional: called on each keystroke of the search line ("" when it is
	 * cancelled). Either filters (count changes) or finds; returns the row
	 * to select, or -1 for no match. */
	long (*search)(void *data, const char *text);
	void *data;
};

enum bf_col_flags {
	BF_COL_FLEX = 1 << 0,   /* takes the width left over */
	BF_COL_RIGHT = 1 << 1,  /* right-aligned (amounts) */
	BF_COL_NOSORT = 1 << 2, /* not offered by Sort */
};

struct bf_list_col {
	const char *title; /* msgid */
	int width;         /* columns (minimum for FLEX) */
	unsigned flags;
};

struct bf_list {
	struct bf_app *app;
	const struct bf_list_col *cols;
	int ncols;
	struct bf_list_source src;
	const char *empty_text; /* msgid shown when there are no rows */
	size_t count;
	size_t sel, top;
	int page;     /* rows shown at the last draw */
	int sort_col; /* -1: the source's own order */
	bool sort_desc;
	bool searching;
	bool no_match;
	size_t saved_sel;
	struct bf_edit search;
	/* The rows on screen. */
	char **cells; /* cache_cap * ncols */
	int64_t *ids;
	size_t cache_cap, cache_off, cache_n;
	bool cache_valid, count_valid;
	/* How much was fetched (tests). */
	size_t fetch_calls, fetched_rows;
};

void bf_list_init(struct bf_list *l, struct bf_app *app, const struct bf_list_col *cols, int ncols,
                  struct bf_list_source src);
void bf_list_free(struct bf_list *l);
/* The data changed: count and rows are asked again at the next draw. */
void bf_list_reload(struct bf_list *l);

bool bf_list_input(struct bf_list *l, bf_key k);
bool bf_list_action(struct bf_list *l, enum bf_action a);
bool bf_list_typing(const struct bf_list *l);
void bf_list_draw(struct bf_list *l, WINDOW *w, struct bf_rect r);
/* The search line on row y of r (bf_list_draw draws it on its last row). */
void bf_list_draw_search(struct bf_list *l, WINDOW *w, int y, struct bf_rect r);

size_t bf_list_count(struct bf_list *l);
/* The selected row's index / id; false when the list is empty. */
bool bf_list_selected(struct bf_list *l, size_t *index);
bool bf_list_selected_id(struct bf_list *l, int64_t *id);
/* Text of a cached (visible) cell, or NULL. */
const char *bf_list_cell(const struct bf_list *l, size_t row, int col);

/* The list-screen kit's choosing, one way on every screen that picks rows
 * (a publicity round's files, a batch's): chosen[] has a flag per row, n
 * rows, *n_chosen how many are set. all false: the selected row flips and
 * the selection moves to the next; all true: every row chosen, or none
 * when all were. The list is drawn again. */
void bf_list_choose(struct bf_list *l, bool *chosen, size_t n, size_t *n_chosen, bool all);
/* The mark of a row's choice column: "[x]" or "[ ]". */
const char *bf_list_choice_mark(bool chosen);

#endif
