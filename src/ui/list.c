/* list.c — a list that fetches only the rows it shows. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/ui_list.h"

#define SEARCH_MAX 40

struct bf_list_page {
	struct bf_list *l;
	size_t limit;
};

void bf_list_init(struct bf_list *l, struct bf_app *app, const struct bf_list_col *cols, int ncols,
                  struct bf_list_source src)
{
	memset(l, 0, sizeof *l);
	l->app = app;
	l->cols = cols;
	l->ncols = ncols;
	l->src = src;
	l->sort_col = -1;
	l->page = 10;
	bf_edit_init(&l->search, SEARCH_MAX);
}

static void clear_cells(struct bf_list *l)
{
	for (size_t i = 0; i < l->cache_cap * (size_t)l->ncols; i++) {
		free(l->cells[i]);
		l->cells[i] = NULL;
	}
	for (size_t i = 0; i < l->cache_cap; i++)
		l->ids[i] = 0;
}

void bf_list_free(struct bf_list *l)
{
	if (l->cells)
		clear_cells(l);
	free(l->cells);
	free(l->ids);
	l->cells = NULL;
	l->ids = NULL;
	bf_edit_free(&l->search);
}

void bf_list_reload(struct bf_list *l)
{
	l->count_valid = false;
	l->cache_valid = false;
}

void bf_list_page_set(struct bf_list_page *pg, size_t row, int col, const char *utf8)
{
	struct bf_list *l = pg->l;
	if (row >= pg->limit || col < 0 || col >= l->ncols)
		return;
	char **cell = &l->cells[row * (size_t)l->ncols + (size_t)col];
	free(*cell);
	*cell = strdup(utf8 ? utf8 : "");
}

void bf_list_page_set_id(struct bf_list_page *pg, size_t row, int64_t id)
{
	if (row < pg->limit)
		pg->l->ids[row] = id;
}

size_t bf_list_count(struct bf_list *l)
{
	if (!l->count_valid) {
		l->count = l->src.count(l->src.data);
		l->count_valid = true;
		if (l->sel >= l->count)
			l->sel = l->count ? l->count - 1 : 0;
	}
	return l->count;
}

/* Make rows [off, off+n) the cached ones, asking the source once. */
static void load_rows(struct bf_list *l, size_t off, size_t n)
{
	if (l->cache_valid && l->cache_off == off && l->cache_n == n)
		return;
	if (n > l->cache_cap) {
		if (l->cells)
			clear_cells(l);
		free(l->cells);
		free(l->ids);
		l->cells = calloc(n * (size_t)l->ncols, sizeof *l->cells);
		l->ids = calloc(n, sizeof *l->ids);
		if (!l->cells || !l->ids)
			abort();
		l->cache_cap = n;
	} else {
		clear_cells(l);
	}
	struct bf_list_page pg = {l, n};
	size_t got = n ? l->src.fetch(l->src.data, off, n, &pg) : 0;
	l->fetch_calls += n ? 1 : 0;
	l->fetched_rows += got;
	l->cache_off = off;
	l->cache_n = got < n ? got : n;
	l->cache_valid = true;
}

const char *bf_list_cell(const struct bf_list *l, size_t row, int col)
{
	if (!l->cache_valid || row < l->cache_off || row >= l->cache_off + l->cache_n || col < 0 ||
	    col >= l->ncols)
		return NULL;
	const char *s = l->cells[(row - l->cache_off) * (size_t)l->ncols + (size_t)col];
	return s ? s : "";
}

bool bf_list_selected(struct bf_list *l, size_t *index)
{
	if (bf_list_count(l) == 0)
		return false;
	if (index)
		*index = l->sel;
	return true;
}

bool bf_list_selected_id(struct bf_list *l, int64_t *id)
{
	size_t i;
	if (!bf_list_selected(l, &i))
		return false;
	if (!l->cache_valid || i < l->cache_off || i >= l->cache_off + l->cache_n)
		load_rows(l, i, 1);
	if (i < l->cache_off || i >= l->cache_off + l->cache_n)
		return false;
	*id = l->ids[i - l->cache_off];
	return true;
}

/* ---- keys ------------------------------------------------------------------------- */

static bool navigate(struct bf_list *l, bf_key k)
{
	size_t n = bf_list_count(l);
	size_t page = l->page > 1 ? (size_t)l->page - 1 : 1;
	switch (k) {
	case BF_KC(KEY_UP):
		if (l->sel > 0)
			l->sel--;
		return true;
	case BF_KC(KEY_DOWN):
		if (l->sel + 1 < n)
			l->sel++;
		return true;
	case BF_KC(KEY_PPAGE):
		l->sel = l->sel > page ? l->sel - page : 0;
		if (l->top > page)
			l->top -= page;
		else
			l->top = 0;
		return true;
	case BF_KC(KEY_NPAGE):
		l->sel = l->sel + page < n ? l->sel + page : (n ? n - 1 : 0);
		l->top += page;
		return true;
	case BF_KC(KEY_HOME):
		l->sel = 0;
		return true;
	case BF_KC(KEY_END):
		l->sel = n ? n - 1 : 0;
		return true;
	default:
		return false;
	}
}

static void run_search(struct bf_list *l)
{
	char text[SEARCH_MAX * 4 + 1];
	bf_edit_get(&l->search, text, sizeof text);
	long r = l->src.search(l->src.data, text);
	bf_list_reload(l);
	size_t n = bf_list_count(l);
	l->no_match = r < 0 && text[0];
	if (r >= 0 && (size_t)r < n)
		l->sel = (size_t)r;
	else if (l->sel >= n)
		l->sel = n ? n - 1 : 0;
}

bool bf_list_input(struct bf_list *l, bf_key k)
{
	if (l->searching) {
		if (k == BF_ESC) {
			l->searching = false;
			l->no_match = false;
			l->src.search(l->src.data, "");
			bf_list_reload(l);
			bf_list_count(l);
			l->sel = l->saved_sel < l->count ? l->saved_sel : 0;
			return true;
		}
		if (k == '\n') {
			l->searching = false;
			return true;
		}
		l->search.changed = false;
		if (bf_edit_key(&l->search, k)) {
			if (l->search.changed)
				run_search(l);
			return true;
		}
	}
	return navigate(l, k);
}

static bool sortable(const struct bf_list *l, int c)
{
	return c >= 0 && c < l->ncols && !(l->cols[c].flags & BF_COL_NOSORT);
}

bool bf_list_action(struct bf_list *l, enum bf_action a)
{
	if (a == BF_ACT_SEARCH) {
		if (!l->src.search)
			return false;
		l->searching = true;
		l->no_match = false;
		l->saved_sel = l->sel;
		bf_edit_set(&l->search, "");
		return true;
	}
	if (a == BF_ACT_SORT) {
		if (!l->src.sort)
			return false;
		int c = l->sort_col;
		bool desc = false;
		if (sortable(l, c) && !l->sort_desc) {
			desc = true;
		} else {
			do
				c = c + 1 >= l->ncols ? 0 : c + 1;
			while (!sortable(l, c) && c != l->sort_col);
		}
		if (!sortable(l, c))
			return false;
		l->sort_col = c;
		l->sort_desc = desc;
		l->src.sort(l->src.data, c, desc);
		bf_list_reload(l);
		l->sel = l->top = 0;
		return true;
	}
	return false;
}

bool bf_list_typing(const struct bf_list *l)
{
	return l->searching;
}

/* ---- drawing ---------------------------------------------------------------------- */

static void column_widths(const struct bf_list *l, int avail, int *w)
{
	int gap = 2, fixed = 0, nflex = 0;
	for (int c = 0; c < l->ncols; c++) {
		int tw = bf_str_width(_(l->cols[c].title)) + 2;
		w[c] = l->cols[c].width > tw ? l->cols[c].width : tw;
		fixed += w[c] + (c ? gap : 0);
		if (l->cols[c].flags & BF_COL_FLEX)
			nflex++;
	}
	int extra = avail - fixed;
	for (int c = 0; c < l->ncols && extra > 0 && nflex > 0; c++) {
		if (l->cols[c].flags & BF_COL_FLEX) {
			int add = extra / nflex;
			w[c] += add;
			extra -= add;
			nflex--;
		}
	}
}

static void draw_cell(WINDOW *w, int y, int x, int width, const char *text, unsigned flags,
                      attr_t a)
{
	if (width <= 0)
		return;
	int tw = bf_str_width(text);
	int dx = (flags & BF_COL_RIGHT) && tw < width ? width - tw : 0;
	bf_draw_str(w, y, x + dx, width - dx, text, a);
}

void bf_list_draw(struct bf_list *l, WINDOW *w, struct bf_rect r)
{
	if (r.h < 2 || r.w < 4)
		return;
	size_t n = bf_list_count(l);
	int rows = r.h - 1 - (l->searching ? 1 : 0);
	l->page = rows > 0 ? rows : 1;

	/* Keep the selection on screen; fill the screen at the end. */
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + (size_t)l->page)
		l->top = l->sel - (size_t)l->page + 1;
	size_t max_top = n > (size_t)l->page ? n - (size_t)l->page : 0;
	if (l->top > max_top)
		l->top = max_top;
	size_t shown = n - l->top < (size_t)l->page ? n - l->top : (size_t)l->page;
	load_rows(l, l->top, shown);

	char pos[48];
	snprintf(pos, sizeof pos, "%zu/%zu", n ? l->sel + 1 : 0, n);
	int posw = bf_str_width(pos);
	int avail = r.w - 1 - posw - 2;
	int widths[64];
	int ncols = l->ncols < 64 ? l->ncols : 64;
	column_widths(l, avail, widths);

	/* Header. */
	attr_t ha = bf_attr(BF_ATTR_HEADER);
	int x = r.x + 1;
	for (int c = 0; c < ncols && x < r.x + 1 + avail; c++) {
		char title[160];
		snprintf(title, sizeof title, "%s%s", _(l->cols[c].title),
		         c == l->sort_col ? (l->sort_desc ? " v" : " ^") : "");
		int cw = widths[c] < r.x + 1 + avail - x ? widths[c] : r.x + 1 + avail - x;
		draw_cell(w, r.y, x, cw, title, l->cols[c].flags, ha);
		x += widths[c] + 2;
	}
	bf_draw_str(w, r.y, r.x + r.w - 1 - posw, posw, pos, A_NORMAL);

	if (n == 0) {
		bf_draw_str(w, r.y + 2, r.x + 2, r.w - 3,
		            _(l->empty_text ? l->empty_text : N_("No rows.")), A_NORMAL);
	}
	for (size_t i = 0; i < l->cache_n && (int)i < l->page; i++) {
		size_t row = l->cache_off + i;
		int y = r.y + 1 + (int)i;
		attr_t a = row == l->sel ? bf_attr(BF_ATTR_FOCUS) : A_NORMAL;
		if (a != A_NORMAL)
			bf_fill(w, y, r.x, r.w, a);
		x = r.x + 1;
		for (int c = 0; c < ncols && x < r.x + 1 + avail; c++) {
			int cw = widths[c] < r.x + 1 + avail - x ? widths[c] : r.x + 1 + avail - x;
			draw_cell(w, y, x, cw, bf_list_cell(l, row, c), l->cols[c].flags, a);
			x += widths[c] + 2;
		}
	}

	if (l->searching)
		bf_list_draw_search(l, w, r.y + r.h - 1, r);
}

void bf_list_draw_search(struct bf_list *l, WINDOW *w, int y, struct bf_rect r)
{
	int lw = bf_draw_str(w, y, r.x + 1, r.w - 2, _("Search:"), A_BOLD);
	const char *nm = l->no_match ? _("no match") : "";
	int nmw = bf_str_width(nm);
	int ew = r.w - 2 - lw - 1 - (nmw ? nmw + 2 : 0);
	bf_edit_draw(&l->search, w, y, r.x + 1 + lw + 1, ew, bf_attr(BF_ATTR_FIELD), true);
	if (nmw)
		bf_draw_str(w, y, r.x + r.w - 1 - nmw, nmw, nm, bf_attr(BF_ATTR_WARN));
}

void bf_list_choose(struct bf_list *l, bool *chosen, size_t n, size_t *n_chosen, bool all)
{
	size_t i;
	if (all) {
		bool on = *n_chosen < n;
		for (size_t j = 0; j < n; j++)
			chosen[j] = on;
		*n_chosen = on ? n : 0;
	} else if (bf_list_selected(l, &i) && i < n) {
		chosen[i] = !chosen[i];
		*n_chosen += chosen[i] ? 1 : (size_t)-1;
		if (i + 1 < n)
			bf_list_input(l, BF_KC(KEY_DOWN));
	}
	bf_list_reload(l);
}

const char *bf_list_choice_mark(bool chosen)
{
	return chosen ? "[x]" : "[ ]";
}
