/* scr_caselist.c — the case list, the home screen.
 *
 * A bf_list over the case_file table through bf_case_count/bf_case_page:
 * only the rows on screen are fetched, each page continuing from a row of
 * the last one (keyset, never OFFSET), and the count is cached per filter.
 * Above the list: a header line (how many files, the active filter and
 * search, the position) and the notice line (drafts waiting; later the
 * publicity deadlines). ID numbers are only ever shown masked.
 *
 * Keys: Enter opens the file, n starts a new one, / searches as you type
 * (file number, name, ID digits, pinyin initials), f filters by status and
 * category, s sorts (next column, again to reverse), Esc clears the search
 * and filter, q quits. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/clock.h"
#include "bangfu/holiday_store.h"
#include "bangfu/audit.h"
#include "bangfu/accounts.h"
#include "bangfu/case_query.h"
#include "bangfu/publicity.h"
#include "bangfu/publicity_store.h"
#include "bangfu/ident.h"
#include "bangfu/money.h"
#include "bangfu/store.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_list.h"
#include "bangfu/ui_screens.h"
#include "bangfu/workflow.h"
#include "workflow_ui.h"

/* ---- columns ---------------------------------------------------------------------- */

enum col_id {
	COL_NUMBER,
	COL_NAME,
	COL_DEPARTMENT,
	COL_STATUS,
	COL_CATEGORY,
	COL_PER_CAPITA,
	COL_ID,
	COL_COUNT
};

struct col_def {
	struct bf_list_col col;
	int sort; /* enum bf_case_sort, -1 = not sortable */
};

static const struct col_def col_defs[COL_COUNT] = {
    [COL_NUMBER] = {{N_("Number"), 9, 0}, BF_SORT_NUMBER},
    [COL_NAME] = {{N_("Name"), 10, BF_COL_FLEX}, BF_SORT_NAME},
    [COL_DEPARTMENT] = {{N_("Department"), 10, BF_COL_FLEX}, BF_SORT_DEPARTMENT},
    [COL_STATUS] = {{N_("Status"), 12, BF_COL_FLEX}, BF_SORT_STATUS},
    [COL_CATEGORY] = {{N_("Cat."), 2, 0}, BF_SORT_CATEGORY},
    [COL_PER_CAPITA] = {{N_("Per capita"), 9, BF_COL_RIGHT}, BF_SORT_PER_CAPITA},
    [COL_ID] = {{N_("ID number"), 18, BF_COL_NOSORT}, -1},
};

/* When the terminal is too narrow for every column, these go first, in
 * this order (file number, name and the masked ID always stay). */
static const enum col_id drop_order[] = {COL_DEPARTMENT, COL_CATEGORY, COL_PER_CAPITA, COL_STATUS};

#define COUNT_CACHE 8

struct count_entry {
	bool used;
	char search[96];
	char status[24];
	int category;
	int64_t count;
	unsigned age;
};

struct caselist {
	struct bf_screen base;
	struct bf_list list;
	bf_db *db;
	struct bf_case_filter filter;
	/* Counts per filter (search, status, category), the least recently
	 * used making room; and the number of files without any filter. */
	struct count_entry counts[COUNT_CACHE];
	unsigned clock;
	int64_t total;
	bool total_valid;
	/* The columns shown now: list column i is col_of[i]. */
	struct bf_list_col cols[COL_COUNT];
	enum col_id col_of[COL_COUNT];
	int ncols;
	unsigned shown;   /* bit per enum col_id */
	int number_width; /* the longest file number (bf_case_number_width) */
	/* Rows fetched for the page on screen: rows[0..win_n-1] are rows
	 * win_off.. of win_filter's list; the next page continues from them. */
	struct bf_case_row *rows;
	int rows_cap;
	size_t win_off;
	int win_n;
	bool win_valid;
	struct bf_case_filter win_filter;
	/* While searching: the matching ids in list order, found in one pass
	 * per keystroke (bf_case_match_ids), at most MATCH_CAP of them. */
	int64_t *match_ids;
	size_t match_n;
	bool match_more, match_valid;
	struct bf_case_filter match_filter;
};

#define MATCH_CAP 2000
#define NARROW_MAX 2000

static bool filter_active(const struct caselist *cl)
{
	return cl->filter.search[0] || cl->filter.status[0] || cl->filter.category != 0;
}

static void db_failed(struct caselist *cl, const bf_error *err)
{
	bf_app_msg(cl->base.app, BF_MSG_ERROR, _("Could not read the files: %s"), err->msg);
}

/* ---- counting (cached per filter) ---------------------------------------------------- */

static void forget_counts(struct caselist *cl)
{
	memset(cl->counts, 0, sizeof cl->counts);
	cl->total_valid = false;
	cl->match_valid = false;
}

/* While a search is on: the matches of the current filter, one scan. */
static bool searching_matches(struct caselist *cl)
{
	if (!cl->filter.search[0])
		return false;
	if (cl->match_valid && !memcmp(&cl->match_filter, &cl->filter, sizeof cl->filter))
		return true;
	if (!cl->match_ids && !(cl->match_ids = malloc(MATCH_CAP * sizeof *cl->match_ids)))
		return false;
	bf_error err = {{0}};
	/* One more character typed: the new matches are among the old ones
	 * (when those were complete), so only they need checking. */
	const struct bf_case_filter *o = &cl->match_filter, *f = &cl->filter;
	bool narrows = cl->match_valid && !cl->match_more && cl->match_n <= NARROW_MAX &&
	               !strcmp(o->status, f->status) && o->category == f->category &&
	               o->sort == f->sort && o->desc == f->desc && o->search[0] &&
	               !strncmp(f->search, o->search, strlen(o->search)) &&
	               !bf_case_search_whole_id(f->search);
	int rc = narrows ? bf_case_match_ids_within(cl->db, f, cl->match_ids, cl->match_n,
	                                            cl->match_ids, &cl->match_n, &err)
	                 : bf_case_match_ids(cl->db, f, cl->match_ids, MATCH_CAP, &cl->match_n,
	                                     &cl->match_more, &err);
	if (rc != 0) {
		db_failed(cl, &err);
		cl->match_n = 0;
		cl->match_more = false;
	}
	cl->match_filter = cl->filter;
	cl->match_valid = true;
	return true;
}

static int64_t count_files(struct caselist *cl, const struct bf_case_filter *f)
{
	if (f == &cl->filter && searching_matches(cl))
		return (int64_t)cl->match_n;
	struct count_entry *slot = &cl->counts[0];
	for (int i = 0; i < COUNT_CACHE; i++) {
		struct count_entry *e = &cl->counts[i];
		if (e->used && e->category == f->category && !strcmp(e->search, f->search) &&
		    !strcmp(e->status, f->status)) {
			e->age = ++cl->clock;
			return e->count;
		}
		if (!e->used || (slot->used && e->age < slot->age))
			slot = e;
	}
	int64_t n = 0;
	bf_error err = {{0}};
	if (bf_case_count(cl->db, f, &n, &err) != 0) {
		db_failed(cl, &err);
		return 0; /* not cached: asked again next time */
	}
	slot->used = true;
	bf_strlcpy(slot->search, f->search, sizeof slot->search);
	bf_strlcpy(slot->status, f->status, sizeof slot->status);
	slot->category = f->category;
	slot->count = n;
	slot->age = ++cl->clock;
	return n;
}

static int64_t total_files(struct caselist *cl)
{
	if (!cl->total_valid) {
		struct bf_case_filter all;
		memset(&all, 0, sizeof all);
		cl->total = count_files(cl, &all);
		cl->total_valid = true;
	}
	return cl->total;
}

/* ---- the list's data source ------------------------------------------------------------ */

static size_t src_count(void *data)
{
	struct caselist *cl = data;
	int64_t n = count_files(cl, &cl->filter);
	return n > 0 ? (size_t)n : 0;
}

static void format_cell(const struct bf_case_row *r, enum col_id c, char *buf, size_t n)
{
	switch (c) {
	case COL_NUMBER:
		bf_strlcpy(buf, r->number, n);
		break;
	case COL_NAME:
		bf_strlcpy(buf, r->name, n);
		break;
	case COL_DEPARTMENT:
		bf_strlcpy(buf, r->department, n);
		break;
	case COL_STATUS:
		if (r->accepted > 0) {
			/* the district's final amount, with a word short enough for
			 * the column ("区总工会已同意" and the amount would be cut) */
			char money[32];
			bf_money_format(r->accepted, money, sizeof money);
			if (!strcmp(r->status, "accepted"))
				/* TRANSLATORS: the case list's status of a file the
				 * district accepted, with its final amount; short */
				snprintf(buf, n, _("%s accepted"), money);
			else
				snprintf(buf, n, "%s %s", bf_state_label_of(r->status), money);
		} else {
			bf_strlcpy(buf, bf_state_label_of(r->status), n);
		}
		break;
	case COL_CATEGORY:
		/* ASCII '-': the dash U+2014 is drawn two columns wide by
		 * terminals set to "ambiguous = wide" and would shift the row */
		if (r->category >= 1 && r->category <= 5)
			snprintf(buf, n, "%d", r->category);
		else
			bf_strlcpy(buf, "-", n);
		break;
	case COL_PER_CAPITA:
		if (r->household_size > 0)
			bf_money_format(r->per_capita, buf, n);
		else
			bf_strlcpy(buf, "-", n);
		break;
	case COL_ID:
		bf_mask_id(r->id_number, buf, n);
		break;
	default:
		buf[0] = 0;
	}
}

/* Walk from the window's end (or the first row) to row `offset` in pages
 * after the last row seen, then fetch limit rows there: for a jump no key
 * on screen reaches (the keys Home, End, PgUp and PgDn never need it). */
static int walk_to(struct caselist *cl, size_t offset, int limit, int *got, bf_error *err)
{
	size_t pos = 0;
	int64_t anchor = 0;
	if (cl->win_valid && cl->win_n > 0 && cl->win_off + (size_t)cl->win_n <= offset) {
		pos = cl->win_off + (size_t)cl->win_n;
		anchor = cl->rows[cl->win_n - 1].id;
	}
	while (pos < offset) {
		size_t need = offset - pos;
		int k = need < (size_t)cl->rows_cap ? (int)need : cl->rows_cap;
		int rc = bf_case_page(cl->db, &cl->filter, anchor, 0, k, cl->rows, got, err);
		if (rc != 0)
			return rc;
		if (*got == 0)
			return 0; /* the list is shorter than that */
		pos += (size_t)*got;
		anchor = cl->rows[*got - 1].id;
	}
	return bf_case_page(cl->db, &cl->filter, anchor, 0, limit, cl->rows, got, err);
}

/* Rows offset .. offset+limit-1 into cl->rows, each page from a key of the
 * last: the next one after its last row (Down, PgDn), the rows before its
 * first (Up, PgUp), the last rows backward from the end (End). */
static int fetch_window(struct caselist *cl, size_t offset, int limit, int *got, bf_error *err)
{
	bool valid = cl->win_valid && cl->win_n > 0 &&
	             !memcmp(&cl->win_filter, &cl->filter, sizeof cl->filter);
	int64_t count = count_files(cl, &cl->filter);
	int rc;
	*got = 0;
	if (offset == 0) {
		rc = bf_case_page(cl->db, &cl->filter, 0, 0, limit, cl->rows, got, err);
	} else if (valid && offset > cl->win_off && offset <= cl->win_off + (size_t)cl->win_n) {
		rc = bf_case_page(cl->db, &cl->filter, cl->rows[offset - cl->win_off - 1].id, 0,
		                  limit, cl->rows, got, err);
	} else if (valid && offset == cl->win_off) {
		rc = bf_case_page(cl->db, &cl->filter, cl->rows[0].id, BF_PAGE_INCLUSIVE, limit,
		                  cl->rows, got, err);
	} else if ((int64_t)offset < count && (int64_t)offset + limit >= count) {
		rc = bf_case_page(cl->db, &cl->filter, 0, BF_PAGE_BACKWARD,
		                  (int)(count - (int64_t)offset), cl->rows, got, err);
	} else if (valid && offset < cl->win_off && cl->win_off - offset <= (size_t)limit) {
		int want = (int)(cl->win_off - offset);
		rc = bf_case_page(cl->db, &cl->filter, cl->rows[0].id, BF_PAGE_BACKWARD, want,
		                  cl->rows, got, err);
		if (rc == 0 && *got == want)
			rc = bf_case_page(cl->db, &cl->filter, cl->rows[0].id, BF_PAGE_INCLUSIVE,
			                  limit, cl->rows, got, err);
		else if (rc == 0)
			rc = walk_to(cl, offset, limit, got, err);
	} else {
		cl->win_valid = valid;
		rc = walk_to(cl, offset, limit, got, err);
	}
	if (rc == BF_PAGE_GONE) { /* the row we continued from was deleted */
		cl->win_valid = false;
		rc = walk_to(cl, offset, limit, got, err);
	}
	cl->win_valid = rc == 0;
	cl->win_off = offset;
	cl->win_n = rc == 0 ? *got : 0;
	cl->win_filter = cl->filter;
	return rc;
}

static size_t src_fetch(void *data, size_t offset, size_t limit, struct bf_list_page *pg)
{
	struct caselist *cl = data;
	if (limit > 10000)
		limit = 10000;
	if ((int)limit > cl->rows_cap || cl->rows_cap < 500) {
		size_t cap = limit > 500 ? limit : 500;
		struct bf_case_row *r = realloc(cl->rows, cap * sizeof *r);
		if (!r)
			return 0;
		cl->rows = r;
		cl->rows_cap = (int)cap;
	}
	int got = 0;
	bf_error err = {{0}};
	int rc;
	if (searching_matches(cl)) {
		size_t n = offset < cl->match_n ? cl->match_n - offset : 0;
		cl->win_valid = false;
		rc = bf_case_rows_by_id(cl->db, cl->match_ids + offset,
		                        (int)(n < limit ? n : limit), cl->rows, &got, &err);
	} else {
		rc = fetch_window(cl, offset, (int)limit, &got, &err);
	}
	if (rc != 0) {
		db_failed(cl, &err);
		return 0;
	}
	for (int i = 0; i < got; i++) {
		const struct bf_case_row *r = &cl->rows[i];
		for (int c = 0; c < cl->ncols; c++) {
			char cell[BF_TEXT_SZ + 8];
			format_cell(r, cl->col_of[c], cell, sizeof cell);
			bf_list_page_set(pg, (size_t)i, c, cell);
		}
		bf_list_page_set_id(pg, (size_t)i, r->id);
	}
	return (size_t)got;
}

static void src_sort(void *data, int col, bool desc)
{
	struct caselist *cl = data;
	if (col >= 0 && col < cl->ncols && col_defs[cl->col_of[col]].sort >= 0) {
		cl->filter.sort = (enum bf_case_sort)col_defs[cl->col_of[col]].sort;
		cl->filter.desc = desc;
	}
}

static long src_search(void *data, const char *text)
{
	struct caselist *cl = data;
	char q[sizeof cl->filter.search];
	bf_strlcpy(q, text, sizeof q);
	bf_trim(q);
	bf_strlcpy(cl->filter.search, q, sizeof cl->filter.search);
	return count_files(cl, &cl->filter) > 0 ? 0 : -1;
}

/* ---- layout ---------------------------------------------------------------------------- */

/* Columns needed by a set of columns, the way bf_list lays them out. */
static int layout_width(const struct caselist *cl, unsigned shown)
{
	int w = 0, n = 0;
	for (int c = 0; c < COL_COUNT; c++) {
		if (!(shown & (1u << c)))
			continue;
		int tw = bf_str_width(_(col_defs[c].col.title)) + 2;
		int cw = c == COL_NUMBER && cl->number_width > col_defs[c].col.width
		             ? cl->number_width
		             : col_defs[c].col.width;
		w += cw > tw ? cw : tw;
		n++;
	}
	return w + 2 * (n > 0 ? n - 1 : 0);
}

/* The list column showing the current sort key, or -1. */
static void sync_sort_col(struct caselist *cl)
{
	cl->list.sort_col = -1;
	for (int i = 0; i < cl->ncols; i++)
		if (col_defs[cl->col_of[i]].sort == (int)cl->filter.sort)
			cl->list.sort_col = i;
	cl->list.sort_desc = cl->filter.desc;
}

/* Choose the columns that fit in `avail` and, when the set changes, rebuild
 * the list around them keeping selection, scroll and search. */
static void fit_columns(struct caselist *cl, int avail)
{
	unsigned shown = (1u << COL_COUNT) - 1;
	for (size_t i = 0; i < BF_ARRAY_LEN(drop_order) && layout_width(cl, shown) > avail; i++)
		shown &= ~(1u << drop_order[i]);
	if (shown == cl->shown)
		return;
	cl->shown = shown;
	cl->ncols = 0;
	for (int c = 0; c < COL_COUNT; c++) {
		if (shown & (1u << c)) {
			cl->cols[cl->ncols] = col_defs[c].col;
			if (c == COL_NUMBER && cl->number_width > cl->cols[cl->ncols].width)
				cl->cols[cl->ncols].width = cl->number_width;
			cl->col_of[cl->ncols++] = (enum col_id)c;
		}
	}
	/* bf_list sizes its cell cache by the column count: start a fresh list
	 * and carry the state over (the search line's editor is moved). */
	struct bf_list *l = &cl->list;
	struct bf_list_source src = l->src;
	size_t sel = l->sel, top = l->top, saved_sel = l->saved_sel;
	bool searching = l->searching, no_match = l->no_match;
	struct bf_edit search = l->search;
	bf_edit_init(&l->search, 1);
	bf_list_free(l);
	bf_list_init(l, cl->base.app, cl->cols, cl->ncols, src);
	bf_edit_free(&l->search);
	l->search = search;
	l->empty_text = N_("No file matches; Esc clears the search and the filter.");
	l->sel = sel;
	l->top = top;
	l->saved_sel = saved_sel;
	l->searching = searching;
	l->no_match = no_match;
	sync_sort_col(cl);
}

/* ---- drawing --------------------------------------------------------------------------- */

static void format_count(int64_t v, char *buf, size_t n)
{
	char digits[32];
	snprintf(digits, sizeof digits, "%lld", (long long)(v < 0 ? 0 : v));
	size_t len = strlen(digits), o = 0;
	for (size_t i = 0; i < len && o + 2 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = 0;
}

static void category_text(int category, char *buf, size_t n)
{
	static const char *const names[] = {N_("Category 1"), N_("Category 2"), N_("Category 3"),
	                                    N_("Category 4"), N_("Category 5")};
	if (category >= 1 && category <= 5)
		bf_strlcpy(buf, _(names[category - 1]), n);
	else if (category < 0)
		bf_strlcpy(buf, _("No category"), n);
	else
		buf[0] = 0;
}

static bool looks_like_id(const char *s)
{
	size_t n = 0;
	for (; *s; s++, n++)
		if (!((*s >= '0' && *s <= '9') || *s == 'x' || *s == 'X'))
			return false;
	return n >= 15;
}

/* "32 of 1,204 files   Status: Approved   Search: zs" and the position. */
static void draw_header(struct caselist *cl, WINDOW *w, int y, struct bf_rect r)
{
	char line[768], num[32], all[32];
	int64_t total = total_files(cl);
	size_t n = bf_list_count(&cl->list);
	format_count(total, all, sizeof all);
	if (filter_active(cl)) {
		format_count((int64_t)n, num, sizeof num);
		if (cl->filter.search[0] && cl->match_valid && cl->match_more)
			strcat(num, "+"); /* more matches than the search keeps */
		snprintf(line, sizeof line,
		         ngettext("%s of %s file", "%s of %s files", (unsigned long)total), num,
		         all);
	} else {
		snprintf(line, sizeof line, ngettext("%s file", "%s files", (unsigned long)total),
		         all);
	}
	int x = r.x + 1;
	x += bf_draw_str(w, y, x, r.w - 2, line, A_BOLD);

	char part[256];
	if (cl->filter.status[0]) {
		snprintf(part, sizeof part, "   %s %s", _("Status:"),
		         bf_state_label_of(cl->filter.status));
		x += bf_draw_str(w, y, x, r.x + r.w - 1 - x, part, A_NORMAL);
	}
	if (cl->filter.category) {
		char cat[64];
		category_text(cl->filter.category, cat, sizeof cat);
		snprintf(part, sizeof part, "   %s", cat);
		x += bf_draw_str(w, y, x, r.x + r.w - 1 - x, part, A_NORMAL);
	}
	if (cl->filter.search[0] && !cl->list.searching) {
		/* a whole ID number typed to find someone is not left on show */
		char shown[sizeof cl->filter.search];
		if (looks_like_id(cl->filter.search))
			bf_mask_id(cl->filter.search, shown, sizeof shown);
		else
			bf_strlcpy(shown, cl->filter.search, sizeof shown);
		snprintf(part, sizeof part, "   %s %s", _("Search:"), shown);
		x += bf_draw_str(w, y, x, r.x + r.w - 1 - x, part, A_NORMAL);
	}

	/* The position on the right, unless the line is full. */
	char pos[64];
	snprintf(pos, sizeof pos, "%zu/%zu", n ? cl->list.sel + 1 : 0, n);
	int pw = bf_str_width(pos);
	if (n > 0 && x + 3 + pw <= r.x + r.w - 1)
		bf_draw_str(w, y, r.x + r.w - 1 - pw, pw, pos, A_NORMAL);
}

/* Main-screen notices: the line between the header and the list for what
 * needs the caseworker's attention now. Drafts waiting today; publicity
 * deadlines will join them here. Returns the number of rows drawn (0 when
 * there is nothing to say, and the list moves up). */
static int caselist_draw_notices(struct caselist *cl, WINDOW *w, int y, int x, int width)
{
	int lines = 0;
	char *text = NULL;
	bf_error err = {{0}};
	int found = bf_draft_load(cl->db, 0, &text, NULL, 0, &err);
	free(text);
	if (found == 0) {
		bf_fill(w, y, x, width, A_NORMAL);
		bf_draw_str(w, y, x + 1, width - 2,
		            _("Unsaved draft of a new file — press n to continue"),
		            bf_attr(BF_ATTR_WARN));
		lines++;
	}
	/* publicity rounds ending today or overdue, objections waiting */
	struct bf_pub_alerts al;
	const struct bf_ctx *ctx = cl->base.app->ctx;
	if (bf_publicity_alerts(cl->db, ctx ? ctx->today : bf_clock_today(), &al, &err) == 0) {
		char line[512];
		bf_pub_alert_text(al.ending_today, al.overdue, al.objections_waiting, line,
		                  sizeof line);
		if (line[0]) {
			bf_fill(w, y + lines, x, width, A_NORMAL);
			bf_draw_str(w, y + lines, x + 1, width - 2, line, bf_attr(BF_ATTR_WARN));
			lines++;
		}
	}
	/* from 1 December: next year's holiday arrangement not loaded yet */
	int due = bf_holiday_year_due(cl->db, ctx ? ctx->today : bf_clock_today());
	if (due) {
		char line[512];
		snprintf(line, sizeof line,
		         _("No holiday arrangement for %d yet (counted Mon-Fri): menu, Holiday "
		           "calendar"),
		         due);
		bf_fill(w, y + lines, x, width, A_NORMAL);
		bf_draw_str(w, y + lines, x + 1, width - 2, line, bf_attr(BF_ATTR_WARN));
		lines++;
	}
	/* the submission deadline, when one is set: a warning in its last days */
	char dl[512];
	enum bf_deadline_level lv = bf_submission_deadline_line(cl->base.app, dl, sizeof dl);
	if (dl[0]) {
		bf_fill(w, y + lines, x, width, A_NORMAL);
		bf_draw_str(w, y + lines, x + 1, width - 2, dl,
		            lv == BF_DEADLINE_OK ? A_NORMAL : bf_attr(BF_ATTR_WARN));
		lines++;
	}
	return lines;
}

/* The search line, drawn over the one bf_list drew in its wider window. */
static void draw_search_line(struct bf_list *l, WINDOW *w, struct bf_rect r)
{
	int y = r.y + r.h - 1;
	bf_fill(w, y, r.x, r.w, A_NORMAL);
	int lw = bf_draw_str(w, y, r.x + 1, r.w - 2, _("Search:"), A_BOLD);
	const char *nm = l->no_match ? _("no match") : "";
	int nmw = bf_str_width(nm);
	int ew = r.w - 2 - lw - 1 - (nmw ? nmw + 2 : 0);
	bf_edit_draw(&l->search, w, y, r.x + 1 + lw + 1, ew, bf_attr(BF_ATTR_FIELD), true);
	if (nmw)
		bf_draw_str(w, y, r.x + r.w - 1 - nmw, nmw, nm, bf_attr(BF_ATTR_WARN));
}

/* The table. bf_list puts a "12/1204" position at the right end of its
 * header row and takes those columns from the table itself; at 80 columns
 * that costs the table two of its columns. The position is already in our
 * header line, so the list is drawn into a pad that is wider by exactly the
 * position's width and only the table part is copied to the screen. */
static void draw_table(struct caselist *cl, WINDOW *w, struct bf_rect r)
{
	struct bf_list *l = &cl->list;
	fit_columns(cl, r.w - 1);
	size_t n = bf_list_count(l);
	char pos[64];
	snprintf(pos, sizeof pos, "%zu/%zu", n ? l->sel + 1 : 0, n);
	int extra = bf_str_width(pos) + 2;
	WINDOW *pad = newpad(r.y + r.h, r.x + r.w + extra);
	if (!pad) {
		bf_list_draw(l, w, r);
		return;
	}
	bf_list_draw(l, pad, (struct bf_rect){r.y, r.x, r.h, r.w + extra});
	copywin(pad, w, r.y, r.x, r.y, r.x, r.y + r.h - 1, r.x + r.w - 1, FALSE);
	delwin(pad);
	if (l->searching)
		draw_search_line(l, w, r);
	else
		bf_term_cursor_hide();
}

static void cl_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct caselist *cl = (struct caselist *)s;
	if (r.h < 4)
		return;
	int y = r.y;
	draw_header(cl, w, y++, r);
	y += caselist_draw_notices(cl, w, y, r.x, r.w);
	struct bf_rect lr = {y, r.x, r.y + r.h - y, r.w};

	if (total_files(cl) == 0 && !filter_active(cl) && !cl->list.searching) {
		bf_draw_str(w, lr.y + 2, r.x + 4, r.w - 8, _("No files yet — press n to start one"),
		            A_BOLD);
		bf_draw_str(
		    w, lr.y + 4, r.x + 4, r.w - 8,
		    _("Files kept in a spreadsheet can be imported: bangfu case import FILE.csv"),
		    A_NORMAL);
		return;
	}
	draw_table(cl, w, lr);
}

/* ---- actions --------------------------------------------------------------------------- */

/* The row of case `id` under the current filter and order, or -1; the
 * window is set on it, so the page around it continues from its key. */
static long find_row(struct caselist *cl, int64_t id)
{
	if (searching_matches(cl)) {
		for (size_t i = 0; i < cl->match_n; i++)
			if (cl->match_ids[i] == id)
				return (long)i;
		return -1;
	}
	int64_t pos = -1;
	bf_error err = {{0}};
	if (bf_case_position(cl->db, &cl->filter, id, &pos, &err) != 0) {
		db_failed(cl, &err);
		return -1;
	}
	int got = 0;
	if (pos >= 0 && cl->rows_cap > 0 &&
	    bf_case_page(cl->db, &cl->filter, id, BF_PAGE_INCLUSIVE, 1, cl->rows, &got, &err) ==
	        0 &&
	    got == 1) {
		cl->win_valid = true;
		cl->win_off = (size_t)pos;
		cl->win_n = 1;
		cl->win_filter = cl->filter;
	}
	return (long)pos;
}

/* The Number column as wide as the longest number (a save may have made
 * the first of a year's 10,000th); the columns laid out again if it grew. */
static void fit_numbers(struct caselist *cl)
{
	int w = 9;
	bf_error err = {{0}};
	if (bf_case_number_width(cl->db, &w, &err) != 0)
		db_failed(cl, &err);
	if (w != cl->number_width) {
		cl->number_width = w;
		cl->shown = 0; /* lay the columns out again */
		if (cl->base.app)
			fit_columns(cl, COLS - 1);
	}
}

static void reload_all(struct caselist *cl)
{
	fit_numbers(cl);
	forget_counts(cl);
	bf_list_reload(&cl->list);
}

/* After the file form saved case `id`: show it selected. */
static void on_case_saved(void *ud, int64_t id)
{
	struct caselist *cl = ud;
	reload_all(cl);
	long row = find_row(cl, id);
	if (row < 0 && filter_active(cl)) {
		/* the saved file is not among those shown: show them all */
		memset(cl->filter.search, 0, sizeof cl->filter.search);
		cl->filter.status[0] = 0;
		cl->filter.category = 0;
		bf_edit_set(&cl->list.search, "");
		reload_all(cl);
		row = find_row(cl, id);
	}
	bf_list_count(&cl->list);
	if (row >= 0)
		cl->list.sel = (size_t)row;
}

static void open_case(struct caselist *cl, int64_t id)
{
	struct bf_app *app = cl->base.app;
	cl->list.searching = false; /* keep what the search found */
	app->msg[0] = 0;
	if (bf_intake_open(app, id, on_case_saved, cl) != 0 && !app->msg[0])
		bf_app_msg(app, BF_MSG_ERROR, "%s", _("The file form could not be opened."));
}

static void clear_filter(struct caselist *cl)
{
	cl->filter.search[0] = 0;
	cl->filter.status[0] = 0;
	cl->filter.category = 0;
	bf_edit_set(&cl->list.search, "");
	bf_list_reload(&cl->list);
	cl->list.sel = cl->list.top = 0;
	bf_app_msg(cl->base.app, BF_MSG_INFO, "%s", _("Showing all files."));
}

static void choose_filter(struct caselist *cl)
{
	struct bf_app *app = cl->base.app;
	const char *status_items[1 + BF_STATE_COUNT];
	status_items[0] = _("Any status");
	for (int i = 0; i < BF_STATE_COUNT; i++)
		status_items[1 + i] = bf_state_label((enum bf_state)i);
	int cur = cl->filter.status[0] ? 1 + bf_state_parse(cl->filter.status) : 0;
	int st = bf_dlg_choose(app, _("Show files with the status"), status_items,
	                       BF_ARRAY_LEN(status_items), cur);
	if (st < 0)
		return;

	/* Categories first, so that typing 1-5 picks category 1-5. */
	char cat_labels[5][64];
	const char *cat_items[7];
	for (int i = 0; i < 5; i++) {
		category_text(i + 1, cat_labels[i], sizeof cat_labels[i]);
		cat_items[i] = cat_labels[i];
	}
	cat_items[5] = _("No category (not eligible as entered)");
	cat_items[6] = _("Any category");
	int c = cl->filter.category;
	cur = c > 0 ? c - 1 : c < 0 ? 5 : 6;
	int ci = bf_dlg_choose(app, _("Show files in the aid category"), cat_items,
	                       BF_ARRAY_LEN(cat_items), cur);
	if (ci < 0)
		return;

	bf_strlcpy(cl->filter.status, st > 0 ? bf_state_code((enum bf_state)(st - 1)) : "",
	           sizeof cl->filter.status);
	cl->filter.category = ci < 5 ? ci + 1 : ci == 5 ? -1 : 0;
	bf_list_reload(&cl->list);
	cl->list.sel = cl->list.top = 0;
	if (filter_active(cl))
		bf_app_msg(app, BF_MSG_INFO, "%s", _("Filter set; Esc shows all files again."));
}

/* Sort: the next column, ascending; again on the same column reverses. */
static void sort_next(struct caselist *cl)
{
	struct bf_case_filter *f = &cl->filter;
	int cur = -1; /* the list column of the sort key (-1: not shown) */
	for (int i = 0; i < cl->ncols; i++)
		if (col_defs[cl->col_of[i]].sort == (int)f->sort)
			cur = i;
	if (!f->desc && cur >= 0) {
		f->desc = true;
	} else {
		/* the next sortable column that is shown */
		int next = cur;
		do
			next = next + 1 >= cl->ncols ? 0 : next + 1;
		while (col_defs[cl->col_of[next]].sort < 0 && next != cur);
		f->sort = (enum bf_case_sort)col_defs[cl->col_of[next]].sort;
		f->desc = false;
	}
	sync_sort_col(cl);
	bf_list_reload(&cl->list);
	cl->list.sel = cl->list.top = 0;
	const char *title = "";
	for (int c = 0; c < COL_COUNT; c++)
		if (col_defs[c].sort == (int)f->sort)
			title = _(col_defs[c].col.title);
	bf_app_msg(cl->base.app, BF_MSG_INFO,
	           f->desc ? _("Sorted by %s, descending; s again for the next column.")
	                   : _("Sorted by %s, ascending; s again to reverse."),
	           title);
}

/* The reveal key: the selected file's ID number in full, recorded in the
 * audit log first (bf_audit_reveal) and shown only when that worked, in a
 * dialog that the next key closes. */
static void reveal_selected(struct caselist *cl)
{
	struct bf_app *app = cl->base.app;
	int64_t id;
	if (!bf_list_selected_id(&cl->list, &id)) {
		bf_app_msg(app, BF_MSG_INFO, "%s", _("There is no file selected."));
		return;
	}
	bf_error err = {{0}};
	if (bf_audit_reveal(cl->db, id, 0, "id_number", "case list", &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, _("The number is not shown: %s"), err.msg);
		return;
	}
	/* lists carry only the mask: the number is opened from the file */
	struct bf_case *c = calloc(1, sizeof *c);
	if (!c || bf_case_load(cl->db, id, c, &err) != 0) {
		free(c);
		db_failed(cl, &err);
		return;
	}
	char text[512];
	snprintf(text, sizeof text,
	         _("%s  %s\nID number: %s\n(This was recorded in the audit log.)"), c->number,
	         c->members[0].name, c->members[0].id_number);
	bf_dlg_message(app, _("ID number"), text);
	memset(c, 0, sizeof *c);
	free(c);
	memset(text, 0, sizeof text);
}

/* A workflow screen stored something: read the list again. */
static void list_changed(void *ud)
{
	reload_all(ud);
}

static bool cl_action(struct bf_screen *s, enum bf_action a)
{
	struct caselist *cl = (struct caselist *)s;
	struct bf_list *l = &cl->list;
	switch (a) {
	case BF_ACT_EDIT: {
		int64_t id;
		if (bf_list_selected_id(l, &id))
			open_case(cl, id);
		else
			bf_app_msg(s->app, BF_MSG_INFO, "%s",
			           _("There is no file to open; n starts a new one."));
		return true;
	}
	case BF_ACT_NEW:
		open_case(cl, 0);
		return true;
	case BF_ACT_SEARCH:
		bf_list_action(l, BF_ACT_SEARCH);
		/* go on from the search kept last time; Esc clears it */
		bf_edit_set(&l->search, cl->filter.search);
		return true;
	case BF_ACT_FILTER:
		choose_filter(cl);
		return true;
	case BF_ACT_SORT:
		sort_next(cl);
		return true;
	case BF_ACT_REVEAL:
		reveal_selected(cl);
		return true;
	case BF_ACT_CHECKLIST:
	case BF_ACT_REVIEW:
	case BF_ACT_HISTORY: {
		/* straight from the list: a reviewer reviews without the file form,
		 * which is for those who may edit files */
		int64_t id;
		if (!bf_list_selected_id(l, &id)) {
			bf_app_msg(s->app, BF_MSG_INFO, "%s",
			           _("There is no file to open; n starts a new one."));
			return true;
		}
		if (a == BF_ACT_CHECKLIST && bf_store_can(cl->db, BF_PERM_CHECKLIST))
			bf_checklist_open(s->app, id, list_changed, cl);
		else if (a == BF_ACT_REVIEW && bf_store_can(cl->db, BF_PERM_REVIEW))
			bf_review_open(s->app, id, list_changed, cl);
		else if (a == BF_ACT_HISTORY)
			bf_history_open(s->app, id, list_changed, cl);
		else {
			/* which role may, so the operator knows whom to ask */
			char msg[512];
			bf_perm_denied((enum bf_role)cl->db->role,
			               a == BF_ACT_CHECKLIST ? BF_PERM_CHECKLIST : BF_PERM_REVIEW,
			               msg, sizeof msg);
			bf_app_msg(s->app, BF_MSG_WARN, "%s", msg);
		}
		return true;
	}
	case BF_ACT_MENU:
		cl->list.searching = false;
		bf_menu_open(s->app);
		return true;
	case BF_ACT_REDRAW:
		/* read again what others may have changed meanwhile */
		reload_all(cl);
		return false; /* and the app redraws */
	case BF_ACT_BACK:
		if (filter_active(cl)) {
			clear_filter(cl);
			return true;
		}
		return false; /* the app asks whether to quit */
	default:
		return false;
	}
}

static bool cl_input(struct bf_screen *s, bf_key k)
{
	return bf_list_input(&((struct caselist *)s)->list, k);
}

static bool cl_typing(struct bf_screen *s)
{
	return bf_list_typing(&((struct caselist *)s)->list);
}

static void cl_close(struct bf_screen *s)
{
	struct caselist *cl = (struct caselist *)s;
	bf_list_free(&cl->list);
	free(cl->rows);
	free(cl->match_ids);
	free(cl);
}

static const enum bf_action cl_actions[] = {
    BF_ACT_EDIT,   BF_ACT_NEW,    BF_ACT_SEARCH,  BF_ACT_FILTER,    BF_ACT_SORT, BF_ACT_MENU,
    BF_ACT_REVEAL, BF_ACT_REVIEW, BF_ACT_HISTORY, BF_ACT_CHECKLIST, BF_ACT_NONE};

static const struct bf_screen_ops caselist_ops = {
    .name = "caselist",
    .actions = cl_actions,
    .draw = cl_draw,
    .action = cl_action,
    .on_data_change = bf_screen_reread,
    .input = cl_input,
    .typing = cl_typing,
    .on_close = cl_close,
};

int bf_caselist_open(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return -1;
	struct caselist *cl = calloc(1, sizeof *cl);
	if (!cl)
		return -1;
	cl->base.ops = &caselist_ops;
	cl->db = &app->ctx->db;
	bf_strlcpy(cl->base.title, _("Case files"), sizeof cl->base.title);
	cl->filter.sort = BF_SORT_NUMBER;

	/* The title bar: the unit's name, and DEMO on a demo database. */
	struct bf_unit u;
	bf_error err = {{0}};
	if (bf_unit_load(cl->db, &u, &err) == 0 && u.name[0])
		bf_strlcpy(app->unit_name, u.name, sizeof app->unit_name);
	app->demo = cl->db->demo || bf_setting_int(cl->db, "demo", 0) != 0;

	struct bf_list_source src = {src_count, src_fetch, src_sort, src_search, cl};
	bf_list_init(&cl->list, app, cl->cols, 0, src);
	cl->base.app = app;
	if (bf_case_number_width(cl->db, &cl->number_width, &err) != 0)
		cl->number_width = 9;
	fit_columns(cl, COLS - 1);
	return bf_app_push(app, &cl->base);
}
