/* listkit.c — the list-screen kit (listkit.h). */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/case_query.h"
#include "bangfu/listkit.h"
#include "bangfu/outfile.h"
#include "bangfu/ui_dialog.h"

/* ---- rows that follow the data ---------------------------------------------------- */

uint64_t bf_lk_gen(struct bf_app *app)
{
	return app && app->ctx && app->ctx->db_open ? bf_db_generation(&app->ctx->db) : 0;
}

bool bf_lk_stale(struct bf_app *app, const struct bf_lk_rows *r)
{
	return !r->loaded || r->gen != bf_lk_gen(app);
}

void bf_lk_read(struct bf_app *app, struct bf_lk_rows *r)
{
	r->loaded = true;
	r->gen = bf_lk_gen(app);
}

void bf_lk_reload(struct bf_lk_rows *r, struct bf_list *l)
{
	r->loaded = false;
	if (l)
		bf_list_reload(l);
}

int bf_lk_number_width(bf_db *db)
{
	int w = 9;
	bf_error err = {{0}};
	if (bf_case_number_width(db, &w, &err) != 0)
		w = 9;
	return w;
}

/* ---- a list screen over rows read whole -------------------------------------------------- */

int bf_lk_screen_load(struct bf_lk_screen *s)
{
	free(s->rows);
	s->rows = NULL;
	s->n = 0;
	bf_error err = {{0}};
	int rc = s->load(s, &s->rows, &s->n, &err);
	if (rc != 0) {
		bf_app_msg(s->base.app, BF_MSG_ERROR, s->load_error ? _(s->load_error) : "%s",
		           err.msg);
		free(s->rows);
		s->rows = NULL;
		s->n = 0;
	}
	bf_lk_read(s->base.app, &s->fresh);
	return rc ? -1 : 0;
}

static size_t screen_count(void *data)
{
	struct bf_lk_screen *s = data;
	if (!s->fresh.loaded)
		bf_lk_screen_load(s);
	return s->n;
}

static size_t screen_fetch(void *data, size_t offset, size_t limit, struct bf_list_page *pg)
{
	struct bf_lk_screen *s = data;
	if (!s->fresh.loaded)
		bf_lk_screen_load(s);
	size_t got = 0;
	for (size_t i = offset; i < s->n && got < limit; i++, got++)
		s->row(s, i, pg, got);
	return got;
}

void bf_lk_screen_init(struct bf_lk_screen *s, struct bf_app *app, const struct bf_list_col *cols,
                       int ncols, const char *empty_text)
{
	s->base.app = app;
	struct bf_list_source src = {screen_count, screen_fetch, NULL, NULL, s};
	bf_list_init(&s->list, app, cols, ncols, src);
	s->list.empty_text = empty_text;
}

int bf_lk_choose_open(struct bf_lk_screen *s, struct bf_app *app, const struct bf_list_col *cols,
                      int ncols, const char *none, bool on,
                      int64_t (*id_of)(const struct bf_lk_screen *s, size_t i))
{
	bf_lk_screen_init(s, app, cols, ncols, NULL);
	int rc = bf_lk_screen_load(s); /* an error is on the message line */
	if (rc == 0 && s->n == 0)
		bf_app_msg(app, BF_MSG_INFO, "%s", _(none));
	if (rc != 0 || s->n == 0 || bf_lk_marks_init(&s->marks, s->n, on) != 0) {
		bf_lk_screen_close(&s->base);
		return -1;
	}
	for (size_t i = 0; i < s->n; i++)
		s->marks.id[i] = id_of(s, i);
	return bf_app_push(app, &s->base);
}

bool bf_lk_choose_action(struct bf_lk_screen *s, enum bf_action a, enum bf_action one,
                         enum bf_action all, enum bf_action done,
                         bool (*finish)(struct bf_lk_screen *s))
{
	if (a == one || a == all) {
		bf_lk_mark(&s->marks, &s->list, a == all);
		return true;
	}
	if (a == done) {
		if (finish(s))
			bf_app_pop(s->base.app); /* frees s */
		return true;
	}
	return false;
}

void bf_lk_screen_reload(struct bf_lk_screen *s)
{
	bf_lk_reload(&s->fresh, &s->list);
}

void bf_lk_screen_fresh(struct bf_lk_screen *s)
{
	if (bf_lk_stale(s->base.app, &s->fresh))
		bf_lk_screen_reload(s);
}

bool bf_lk_screen_input(struct bf_screen *s, bf_key k)
{
	return bf_list_input(&((struct bf_lk_screen *)s)->list, k);
}

void bf_lk_screen_close(struct bf_screen *base)
{
	struct bf_lk_screen *s = (struct bf_lk_screen *)base;
	if (s->free_more)
		s->free_more(s);
	bf_list_free(&s->list);
	bf_lk_marks_free(&s->marks);
	free(s->rows);
	free(s);
}

/* ---- drawing ------------------------------------------------------------------------ */

struct bf_rect bf_lk_head(WINDOW *w, struct bf_rect r, const char *what, const char *keys)
{
	bf_draw_str(w, r.y, r.x + 1, r.w - 2, what, A_BOLD);
	bf_draw_str(w, r.y + 1, r.x + 1, r.w - 2, keys, A_DIM);
	return (struct bf_rect){r.y + 2, r.x, r.h - 2, r.w};
}

void bf_lk_draw_right(WINDOW *w, int y, int x, int width, const char *s, attr_t a)
{
	int sw = bf_str_width(s);
	bf_draw_str(w, y, x + (sw < width ? width - sw : 0), width, s, a);
}

void bf_lk_draw_position(struct bf_list *l, WINDOW *w, int y, struct bf_rect r)
{
	size_t n = bf_list_count(l);
	char pos[64];
	snprintf(pos, sizeof pos, "%zu/%zu", n ? l->sel + 1 : 0, n);
	int pw = bf_str_width(pos);
	bf_fill(w, y, r.x + r.w - pw - 2, pw + 2, A_NORMAL);
	bf_draw_str(w, y, r.x + r.w - pw - 1, pw, pos, A_NORMAL);
}

/* ---- dialogs ------------------------------------------------------------------------ */

bool bf_lk_ask_path(struct bf_app *app, const char *title, const char *label, char *path, size_t n)
{
	return bf_dlg_prompt(app, title, label, path, n, 1000) && bf_path_expand(path, n);
}

/* ---- choosing rows ------------------------------------------------------------------ */

int bf_lk_marks_init(struct bf_lk_marks *m, size_t n, bool on)
{
	memset(m, 0, sizeof *m);
	m->on = calloc(n ? n : 1, sizeof *m->on);
	m->id = calloc(n ? n : 1, sizeof *m->id);
	if (!m->on || !m->id) {
		bf_lk_marks_free(m);
		return -1;
	}
	m->n = n;
	for (size_t i = 0; i < n; i++)
		m->on[i] = on;
	m->n_on = on ? n : 0;
	return 0;
}

void bf_lk_marks_free(struct bf_lk_marks *m)
{
	free(m->on);
	free(m->id);
	memset(m, 0, sizeof *m);
}

void bf_lk_mark(struct bf_lk_marks *m, struct bf_list *l, bool all)
{
	bf_list_choose(l, m->on, m->n, &m->n_on, all);
}

const char *bf_lk_mark_cell(const struct bf_lk_marks *m, size_t i)
{
	return bf_list_choice_mark(i < m->n && m->on[i]);
}

int64_t *bf_lk_marked_ids(const struct bf_lk_marks *m, size_t *k)
{
	*k = 0;
	if (m->n_on == 0)
		return NULL;
	int64_t *ids = calloc(m->n_on, sizeof *ids);
	if (!ids)
		return NULL;
	for (size_t i = 0; i < m->n && *k < m->n_on; i++)
		if (m->on[i])
			ids[(*k)++] = m->id[i];
	return ids;
}

/* ---- columns that fit --------------------------------------------------------------- */

static int col_need(const struct bf_list_col *c)
{
	int tw = bf_str_width(_(c->title)) + 2;
	return c->width > tw ? c->width : tw;
}

unsigned bf_lk_fit_mask(const struct bf_lk_col *defs, int n, int avail)
{
	unsigned shown = (1u << n) - 1;
	for (;;) {
		int total = 0, k = 0;
		for (int c = 0; c < n; c++)
			if (shown & (1u << c)) {
				total += col_need(&defs[c].col) + (k ? 2 : 0);
				k++;
			}
		if (total <= avail)
			return shown;
		int victim = -1;
		for (int c = 0; c < n; c++)
			if ((shown & (1u << c)) && defs[c].drop &&
			    (victim < 0 || defs[c].drop < defs[victim].drop))
				victim = c;
		if (victim < 0)
			return shown;
		shown &= ~(1u << victim);
	}
}

void bf_lk_fit_apply(struct bf_lk_fit *f, struct bf_list *l, struct bf_app *app, int avail)
{
	int ndefs = f->ndefs < BF_LK_MAX_COLS ? f->ndefs : BF_LK_MAX_COLS;
	unsigned shown = bf_lk_fit_mask(f->defs, ndefs, avail);
	if (shown == f->shown)
		return;
	f->shown = shown;
	f->ncols = 0;
	for (int c = 0; c < ndefs; c++)
		if (shown & (1u << c)) {
			f->cols[f->ncols] = f->defs[c].col;
			f->col_of[f->ncols++] = c;
		}
	struct bf_list_source src = l->src;
	size_t sel = l->sel, top = l->top, saved_sel = l->saved_sel;
	bool searching = l->searching, no_match = l->no_match;
	struct bf_edit search = l->search;
	bf_edit_init(&l->search, 1);
	bf_list_free(l);
	bf_list_init(l, app, f->cols, f->ncols, src);
	bf_edit_free(&l->search);
	l->search = search;
	l->empty_text = f->empty_text;
	l->sel = sel;
	l->top = top;
	l->saved_sel = saved_sel;
	l->searching = searching;
	l->no_match = no_match;
}

void bf_lk_fit_set(const struct bf_lk_fit *f, struct bf_list_page *pg, size_t row, int c,
                   const char *text)
{
	for (int i = 0; i < f->ncols; i++)
		if (f->col_of[i] == c) {
			bf_list_page_set(pg, row, i, text);
			return;
		}
}

void bf_lk_fit_draw(struct bf_lk_fit *f, struct bf_list *l, struct bf_app *app, WINDOW *w,
                    struct bf_rect r)
{
	bf_lk_fit_apply(f, l, app, r.w - 1);
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
	if (l->searching) {
		/* the search line again, within the screen */
		int y = r.y + r.h - 1;
		bf_fill(w, y, r.x, r.w, A_NORMAL);
		bf_list_draw_search(l, w, y, r);
	} else {
		bf_term_cursor_hide();
	}
}

void bf_lk_fit_draw_head(struct bf_lk_fit *f, struct bf_list *l, struct bf_app *app, WINDOW *w,
                         struct bf_rect r, const char *what, const char *more, attr_t a)
{
	bf_draw_str(w, r.y, r.x + 1, r.w - 2, what, A_BOLD);
	bf_lk_draw_position(l, w, r.y, r);
	bf_draw_str(w, r.y + 1, r.x + 1, r.w - 2, more, a);
	bf_lk_fit_draw(f, l, app, w, (struct bf_rect){r.y + 2, r.x, r.h - 2, r.w});
}

/* ---- lines of text that wrap and scroll ---------------------------------------------- */

void bf_tl_add(struct bf_tlines *t, attr_t attr, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (!bf_grow(&t->v, &t->cap, t->n + 1, sizeof *t->v))
		return;
	t->v[t->n].text = strdup(buf);
	if (!t->v[t->n].text)
		return;
	t->v[t->n++].attr = attr;
}

void bf_tl_free(struct bf_tlines *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
	memset(t, 0, sizeof *t);
}

int bf_tl_line(const struct bf_tline *l, WINDOW *w, int y, int x, int width, int max_rows)
{
	wchar_t wc[2048];
	size_t n = bf_utf8_decode(l->text, wc, BF_ARRAY_LEN(wc));
	size_t ind = 0;
	while (ind < n && wc[ind] == ' ')
		ind++;
	int hang = (int)ind + 2 < width / 2 ? (int)ind + 2 : width / 2;
	int rows = 0;
	size_t j = 0;
	while (j < n && rows < max_rows) {
		int off = rows ? hang : 0;
		if (rows)
			while (j < n && wc[j] == ' ')
				j++;
		if (j >= n)
			break;
		size_t len = bf_wrap_len(wc + j, n - j, width - off);
		size_t shown = len;
		while (shown > 0 && wc[j + shown - 1] == '\n')
			shown--;
		if (w)
			bf_draw_wcs(w, y + rows, x + off, width - off, wc + j, shown, l->attr);
		j += len;
		rows++;
	}
	return rows ? rows : 1;
}

size_t bf_tl_draw(const struct bf_tlines *t, size_t first, WINDOW *w, struct bf_rect r)
{
	int y = r.y;
	size_t i = first;
	for (; i < t->n && y < r.y + r.h; i++) {
		int need = bf_tl_line(&t->v[i], NULL, 0, 0, r.w, r.h);
		int got = bf_tl_line(&t->v[i], w, y, r.x, r.w, r.y + r.h - y);
		y += got;
		if (got < need)
			break;
	}
	return i;
}

void bf_tl_more(WINDOW *w, int y, int x, int width, bool above, bool below)
{
	const char *text = below && above ? _("(more below and above: Down/PgDn, Up/PgUp)")
	                   : below        ? _("(more below: Down/PgDn)")
	                   : above        ? _("(the end; more above: Up/PgUp)")
	                                  : "";
	bf_draw_str(w, y, x, width, text, A_DIM);
}

bool bf_tl_scroll_key(size_t *scroll, size_t n, int page, bf_key k)
{
	size_t last = n > 0 ? n - 1 : 0;
	size_t step = page > 2 ? (size_t)page - 1 : 1;
	switch (k) {
	case BF_KC(KEY_DOWN):
		if (*scroll < last)
			(*scroll)++;
		return true;
	case BF_KC(KEY_UP):
		if (*scroll > 0)
			(*scroll)--;
		return true;
	case BF_KC(KEY_NPAGE):
	case ' ':
		*scroll = *scroll + step < last ? *scroll + step : last;
		return true;
	case BF_KC(KEY_PPAGE):
		*scroll = *scroll > step ? *scroll - step : 0;
		return true;
	case BF_KC(KEY_HOME):
		*scroll = 0;
		return true;
	case BF_KC(KEY_END):
		*scroll = last;
		return true;
	default:
		return false;
	}
}

void bf_tl_clamp(const struct bf_tlines *t, size_t *scroll, int width, int height)
{
	int rows = 0;
	size_t first = t->n;
	while (first > 0) {
		int h = bf_tl_line(&t->v[first - 1], NULL, 0, 0, width, height + 1);
		if (rows + h > height)
			break;
		rows += h;
		first--;
	}
	if (*scroll > first)
		*scroll = first;
}

/* ---- a screen of text ------------------------------------------------------------------- */

struct textview {
	struct bf_screen base;
	struct bf_screen_ops ops;
	struct bf_tlines lines;
	size_t scroll;
	int page;
};

static void tv_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct textview *t = (struct textview *)s;
	if (r.h < 3)
		return;
	struct bf_rect body = {r.y + 1, r.x + 2, r.h - 2, r.w - 4};
	t->page = body.h;
	bf_tl_clamp(&t->lines, &t->scroll, body.w, body.h);
	size_t next = bf_tl_draw(&t->lines, t->scroll, w, body);
	bf_tl_more(w, r.y + r.h - 1, r.x + 2, r.w - 4, t->scroll > 0, next < t->lines.n);
}

static bool tv_input(struct bf_screen *s, bf_key k)
{
	struct textview *t = (struct textview *)s;
	return bf_tl_scroll_key(&t->scroll, t->lines.n, t->page, k);
}

static void tv_close(struct bf_screen *s)
{
	struct textview *t = (struct textview *)s;
	bf_tl_free(&t->lines);
	free(t);
}

static const enum bf_action tv_actions[] = {BF_ACT_BACK, BF_ACT_NONE};

int bf_lk_text_open(struct bf_app *app, const char *name, const char *title,
                    struct bf_tlines *lines)
{
	struct textview *t = calloc(1, sizeof *t);
	if (!t) {
		bf_tl_free(lines);
		return -1;
	}
	t->ops = (struct bf_screen_ops){
	    .name = name,
	    .actions = tv_actions,
	    .draw = tv_draw,
	    .input = tv_input,
	    .on_close = tv_close,
	};
	t->base.ops = &t->ops;
	bf_strlcpy(t->base.title, title, sizeof t->base.title);
	t->lines = *lines;
	memset(lines, 0, sizeof *lines);
	return bf_app_push(app, &t->base);
}
