/* scr_submission.c — the submission to the district union (报送) on screen,
 * the unit's side: the deadline line at the top; the list of batches (its
 * number, revision, status, files, total, when it was exported); a new
 * batch of the files that passed publicity (all ticked, Space unticks,
 * Enter makes it); a batch's files, with adding (a) and taking out (d);
 * exporting a batch (x: a confirmation that the package carries full
 * numbers, sealed to the district, the folder, then the package and
 * attachment 2 written); the district's reply
 * (i); the keys (k: this unit's public key file, the district's key
 * registered after its fingerprint is read); and the deadline itself (t,
 * the administrator). The store (submission_store.h) says yes or no; its
 * refusals are shown as they are.
 *
 * "Now" for the deadline: the date is ctx->today, the time of day
 * bf_clock_now_minutes() (clock.h). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bangfu/clock.h"
#include "bangfu/accounts.h"
#include "bangfu/case_query.h"
#include "bangfu/code.h"
#include "bangfu/ident.h"
#include "bangfu/money.h"
#include "bangfu/package.h"
#include "bangfu/store.h"
#include "bangfu/submission.h"
#include "bangfu/submission_export.h"
#include "bangfu/submission_store.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_list.h"
#include "bangfu/ui_progress.h"
#include "bangfu/listkit.h"
#include "bangfu/ui_screens.h"
#include "bangfu/workflow.h"

static bf_date today_of(struct bf_app *app)
{
	return app->ctx && app->ctx->today ? app->ctx->today : bf_clock_today();
}

enum bf_deadline_level bf_submission_deadline_line(struct bf_app *app, char *out, size_t n)
{
	out[0] = 0;
	if (!app->ctx || !app->ctx->db_open)
		return BF_DEADLINE_NONE;
	bf_db *db = &app->ctx->db;
	char text[64];
	bf_setting_text(db, BF_DEADLINE_SETTING, "", text, sizeof text);
	bf_trim(text);
	if (!text[0])
		return BF_DEADLINE_NONE;
	struct bf_deadline d;
	char msg[256];
	if (!bf_deadline_parse(text, &d, msg, sizeof msg)) {
		snprintf(out, n, _("The submission deadline \"%s\" is not understood: %s"), text,
		         msg);
		return BF_DEADLINE_WARN;
	}
	struct bf_calendar cal = {0};
	bf_error err = {{0}};
	bool have_cal = bf_calendar_load(db, &cal, &err) == 0;
	struct bf_deadline_status st;
	bf_deadline_status(&d, today_of(app), bf_clock_now_minutes(), have_cal ? &cal : NULL, &st);
	if (have_cal)
		bf_calendar_free(&cal);
	bf_deadline_describe(&d, &st, out, n);
	return st.level;
}

/* Draw the deadline line at y; returns the rows used (0 or 1). Without a
 * deadline: a line that says so when `none` (with the key when `hint`). */
static int draw_deadline(struct bf_app *app, WINDOW *w, int y, int x, int width, bool none,
                         bool hint)
{
	char line[512];
	enum bf_deadline_level lv = bf_submission_deadline_line(app, line, sizeof line);
	if (lv == BF_DEADLINE_NONE) {
		if (!none)
			return 0;
		bf_draw_str(w, y, x, width,
		            hint ? _("No submission deadline is set; t sets it.")
		                 : _("No submission deadline is set."),
		            A_DIM);
		return 1;
	}
	bf_draw_str(w, y, x, width, line,
	            lv == BF_DEADLINE_OK ? A_BOLD : (attr_t)bf_attr(BF_ATTR_WARN));
	return 1;
}

/* "2026-11-28T09:15:02Z" (UTC, from the store) as local "2026-11-28 17:15". */
static void local_time_text(const char *utc, char *out, size_t n)
{
	int y, mo, d, h, mi, s;
	bf_strlcpy(out, utc, n);
	if (sscanf(utc, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6 ||
	    !bf_ymd_valid(y, mo, d))
		return;
	time_t t = (time_t)bf_date_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	struct tm tm;
	if (localtime_r(&t, &tm))
		strftime(out, n, "%Y-%m-%d %H:%M", &tm);
}

static const char *batch_status_label(const struct bf_batch *b)
{
	if (!strcmp(b->status, "exported"))
		return _("exported");
	if (!strcmp(b->status, "open"))
		return b->revision > 0 ? _("changed") : _("not exported");
	return b->status;
}

/* A file's status as it matters in a batch. */
static const char *case_status_label(const char *st)
{
	if (!strcmp(st, "publicity_passed"))
		return _("not sent");
	if (!strcmp(st, "submitted"))
		return _("submitted");
	if (!strcmp(st, "accepted"))
		return _("accepted");
	if (!strcmp(st, "returned"))
		return _("returned");
	return bf_state_label_of(st);
}

static void category_cell(int cat, char *buf, size_t n)
{
	if (cat >= 1 && cat <= 5)
		snprintf(buf, n, "%d", cat);
	else
		bf_strlcpy(buf, "-", n);
}

static void amount_cell(bf_fen v, char *buf, size_t n)
{
	if (v > 0)
		bf_money_format(v, buf, n);
	else
		bf_strlcpy(buf, "-", n);
}

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static void refuse(struct bf_app *app, enum bf_perm perm)
{
	char msg[256];
	bf_perm_denied(app->ctx->db.role, perm, msg, sizeof msg);
	bf_app_msg(app, BF_MSG_ERROR, "%s", msg);
}

/* A screen of text, one line per '\n', the first in bold. */
static int textview_open(struct bf_app *app, const char *title, const char *text)
{
	struct bf_tlines t = {0};
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		int len = e ? (int)(e - p) : (int)strlen(p);
		bf_tl_add(&t, t.n ? A_NORMAL : A_BOLD, "%.*s", len, p);
		p += len + (e ? 1 : 0);
	}
	return bf_lk_text_open(app, "submission_text", title, &t);
}

/* ---- the list of batches --------------------------------------------------------------- */

enum { BC_NUMBER, BC_REV, BC_STATUS, BC_FILES, BC_TOTAL, BC_EXPORTED, BC_COUNT };

static const struct bf_list_col batch_cols[BC_COUNT] = {
    [BC_NUMBER] = {N_("Batch"), 8, BF_COL_NOSORT},
    [BC_REV] = {N_("Rev."), 4, BF_COL_NOSORT | BF_COL_RIGHT},
    [BC_STATUS] = {N_("Status"), 8, BF_COL_NOSORT},
    [BC_FILES] = {N_("Files"), 5, BF_COL_NOSORT | BF_COL_RIGHT},
    [BC_TOTAL] = {N_("Total (yuan)"), 12, BF_COL_NOSORT | BF_COL_RIGHT},
    [BC_EXPORTED] = {N_("Exported at"), 16, BF_COL_FLEX | BF_COL_NOSORT},
};

#define MAX_ACTS 12

struct batches {
	struct bf_lk_screen lk;   /* rows: struct bf_batch */
	struct bf_screen_ops ops; /* this role's keys */
	enum bf_action acts[MAX_ACTS];
	bf_db *db;
};

static int batches_load(struct bf_lk_screen *s, void **rows, size_t *n, bf_error *err)
{
	return bf_batch_list(((struct batches *)s)->db, (struct bf_batch **)rows, n, err);
}

static void batches_row(struct bf_lk_screen *s, size_t i, struct bf_list_page *pg, size_t got)
{
	const struct bf_batch *b = (const struct bf_batch *)s->rows + i;
	char rev[16], files[24], total[32], at[40] = "-";
	snprintf(rev, sizeof rev, "%d", b->revision);
	snprintf(files, sizeof files, "%zu", b->n_cases);
	bf_money_format(b->total, total, sizeof total);
	if (b->exported_at[0])
		local_time_text(b->exported_at, at, sizeof at);
	bf_list_page_set(pg, got, BC_NUMBER, b->number);
	bf_list_page_set(pg, got, BC_REV, rev);
	bf_list_page_set(pg, got, BC_STATUS, batch_status_label(b));
	bf_list_page_set(pg, got, BC_FILES, files);
	bf_list_page_set(pg, got, BC_TOTAL, total);
	bf_list_page_set(pg, got, BC_EXPORTED, at);
	bf_list_page_set_id(pg, got, b->id);
}

static void batches_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct batches *u = (struct batches *)s;
	bf_lk_screen_fresh(&u->lk);
	if (r.h < 5)
		return;
	int y = r.y;
	y += draw_deadline(s->app, w, y, r.x + 1, r.w - 2, true,
	                   bf_store_can(u->db, BF_PERM_SETTINGS));
	char line[256];
	size_t n = bf_list_count(&u->lk.list);
	snprintf(line, sizeof line,
	         ngettext("%zu batch for the district", "%zu batches for the district",
	                  (unsigned long)n),
	         n);
	bf_list_draw(&u->lk.list, w,
	             bf_lk_head(w, (struct bf_rect){y, r.x, r.y + r.h - y, r.w}, line,
	                        bf_store_can(u->db, BF_PERM_SUBMIT)
	                            ? _("Enter: the batch's files.  n: a new batch of the files "
	                                "that passed publicity.")
	                            : _("Enter: the batch's files.")));
}

static int batch_open(struct bf_app *app, int64_t id);
static void batch_new(struct batches *u);
static void batch_export(struct bf_app *app, int64_t id);
static void reply_import(struct bf_app *app);
static void keys_menu(struct bf_app *app);
static void deadline_set(struct bf_app *app);

static bool batches_action(struct bf_screen *s, enum bf_action a)
{
	struct batches *u = (struct batches *)s;
	int64_t id;
	switch (a) {
	case BF_ACT_EDIT:
		if (bf_list_selected_id(&u->lk.list, &id))
			batch_open(s->app, id);
		else
			bf_app_msg(s->app, BF_MSG_INFO, "%s", _("No batch yet."));
		return true;
	case BF_ACT_NEW:
		batch_new(u);
		return true;
	case BF_ACT_SUB_EXPORT:
		if (bf_list_selected_id(&u->lk.list, &id))
			batch_export(s->app, id);
		else
			bf_app_msg(s->app, BF_MSG_INFO, "%s", _("No batch yet."));
		return true;
	case BF_ACT_SUB_REPLY:
		reply_import(s->app);
		return true;
	case BF_ACT_SUB_KEYS:
		keys_menu(s->app);
		return true;
	case BF_ACT_SUB_DEADLINE:
		deadline_set(s->app);
		return true;
	case BF_ACT_REDRAW:
		bf_lk_screen_reload(&u->lk);
		return false;
	default:
		return false;
	}
}

int bf_submission_open(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return -1;
	bf_db *db = &app->ctx->db;
	if (!bf_store_can(db, BF_PERM_CASE_VIEW)) {
		refuse(app, BF_PERM_CASE_VIEW);
		return -1;
	}
	struct batches *u = calloc(1, sizeof *u);
	if (!u)
		return -1;
	/* the keys this role can use, and only those */
	int k = 0;
	u->acts[k++] = BF_ACT_EDIT;
	if (bf_store_can(db, BF_PERM_SUBMIT)) {
		u->acts[k++] = BF_ACT_NEW;
		if (bf_store_can(db, BF_PERM_EXPORT_FULL))
			u->acts[k++] = BF_ACT_SUB_EXPORT;
		u->acts[k++] = BF_ACT_SUB_REPLY;
	}
	if (bf_store_can(db, BF_PERM_SUBMIT) || bf_store_can(db, BF_PERM_SETTINGS))
		u->acts[k++] = BF_ACT_SUB_KEYS;
	if (bf_store_can(db, BF_PERM_SETTINGS))
		u->acts[k++] = BF_ACT_SUB_DEADLINE;
	u->acts[k] = BF_ACT_NONE;
	u->ops = (struct bf_screen_ops){
	    .name = "batches",
	    .actions = u->acts,
	    .draw = batches_draw,
	    .action = batches_action,
	    .on_data_change = bf_screen_reread,
	    .input = bf_lk_screen_input,
	    .on_close = bf_lk_screen_close,
	};
	u->lk.base.ops = &u->ops;
	u->db = db;
	bf_strlcpy(u->lk.base.title, _("Submission to the district"), sizeof u->lk.base.title);
	u->lk.load = batches_load;
	u->lk.load_error = N_("Could not read the batches: %s");
	u->lk.row = batches_row;
	bf_lk_screen_init(&u->lk, app, batch_cols, BC_COUNT, N_("No batch yet."));
	return bf_app_push(app, &u->lk.base);
}

/* ---- picking files: a new batch, or files to add ---------------------------------------- */

enum { PC_MARK, PC_NUMBER, PC_NAME, PC_DEPT, PC_CAT, PC_AMOUNT, PC_COUNT };

static const struct bf_list_col pick_cols[PC_COUNT] = {
    [PC_MARK] = {"*", 3, BF_COL_NOSORT}, /* not "": _("") is the catalogue header */
    [PC_NUMBER] = {N_("File"), 9, BF_COL_NOSORT},
    [PC_NAME] = {N_("Name"), 8, BF_COL_NOSORT},
    [PC_DEPT] = {N_("Department"), 10, BF_COL_FLEX | BF_COL_NOSORT},
    [PC_CAT] = {N_("Cat."), 4, BF_COL_NOSORT | BF_COL_RIGHT},
    [PC_AMOUNT] = {N_("Amount"), 10, BF_COL_NOSORT | BF_COL_RIGHT},
};

struct pick {
	struct bf_lk_screen lk; /* rows: struct bf_batch_case, the candidates */
	bf_db *db;
	int64_t batch_id; /* 0: a new batch */
	char batch_number[16];
	struct bf_list_col cols[PC_COUNT]; /* the File column as wide as the longest number */
};

static int pick_load(struct bf_lk_screen *s, void **rows, size_t *n, bf_error *err)
{
	return bf_batch_candidates(((struct pick *)s)->db, (struct bf_batch_case **)rows, n, err);
}

static void pick_row(struct bf_lk_screen *s, size_t i, struct bf_list_page *pg, size_t got)
{
	const struct bf_batch_case *c = (const struct bf_batch_case *)s->rows + i;
	char cat[8], amt[32];
	category_cell(c->category, cat, sizeof cat);
	amount_cell(c->amount, amt, sizeof amt);
	bf_list_page_set(pg, got, PC_MARK, bf_lk_mark_cell(&s->marks, i));
	bf_list_page_set(pg, got, PC_NUMBER, c->number);
	bf_list_page_set(pg, got, PC_NAME, c->name);
	bf_list_page_set(pg, got, PC_DEPT, c->department);
	bf_list_page_set(pg, got, PC_CAT, cat);
	bf_list_page_set(pg, got, PC_AMOUNT, amt);
	bf_list_page_set_id(pg, got, c->case_id);
}

static int64_t pick_id(const struct bf_lk_screen *s, size_t i)
{
	return ((const struct bf_batch_case *)s->rows)[i].case_id;
}

/* The chosen files' amounts together. */
static bf_fen pick_total(const struct pick *p)
{
	const struct bf_batch_case *rows = p->lk.rows;
	bf_fen total = 0;
	for (size_t i = 0; i < p->lk.marks.n; i++)
		if (p->lk.marks.on[i])
			total += rows[i].amount;
	return total;
}

static void pick_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct pick *p = (struct pick *)s;
	if (r.h < 4)
		return;
	char line[256], total[32];
	bf_money_format(pick_total(p), total, sizeof total);
	snprintf(line, sizeof line, _("Files that passed publicity: %zu, chosen: %zu, %s yuan"),
	         p->lk.marks.n, p->lk.marks.n_on, total);
	bf_list_draw(&p->lk.list, w,
	             bf_lk_head(w, r, line,
	                        p->batch_id ? _("Space chooses a file (again: not), * all or "
	                                        "none; Enter adds them.")
	                                    : _("Space unticks a file (again: ticks), * all or "
	                                        "none; Enter makes the batch.")));
}

/* Make the batch, or add the chosen files; true when done. */
static bool pick_finish(struct bf_lk_screen *s)
{
	struct pick *p = (struct pick *)s;
	struct bf_app *app = p->lk.base.app;
	const struct bf_batch_case *rows = p->lk.rows;
	if (p->lk.marks.n_on == 0) {
		bf_app_msg(app, BF_MSG_WARN, "%s", _("Choose at least one file with Space first."));
		return false;
	}
	bf_error err = {{0}};
	char total[32], q[512];
	bf_money_format(pick_total(p), total, sizeof total);
	if (!p->batch_id) {
		snprintf(q, sizeof q,
		         ngettext("Make a batch of %zu file, %s yuan in all?",
		                  "Make a batch of %zu files, %s yuan in all?",
		                  (unsigned long)p->lk.marks.n_on),
		         p->lk.marks.n_on, total);
		if (!bf_dlg_confirm(app, q, true))
			return false;
		size_t k = 0;
		int64_t *ids = bf_lk_marked_ids(&p->lk.marks, &k);
		if (!ids)
			return false;
		int64_t id = 0;
		int rc = bf_batch_create(p->db, ids, k, NULL, &id, &err);
		free(ids);
		if (rc != 0) {
			bf_dlg_message(app, _("No batch made"), err.msg);
			return false;
		}
		struct bf_batch b;
		if (bf_batch_load(p->db, id, NULL, &b, &err) == 0) {
			bf_money_format(b.total, total, sizeof total);
			bf_app_msg(app, BF_MSG_INFO,
			           ngettext("Batch %s: %zu file, %s yuan.",
			                    "Batch %s: %zu files, %s yuan.",
			                    (unsigned long)b.n_cases),
			           b.number, b.n_cases, total);
		}
		return true;
	}
	size_t added = 0;
	for (size_t i = 0; i < p->lk.marks.n; i++) {
		if (!p->lk.marks.on[i])
			continue;
		if (bf_batch_add(p->db, p->batch_id, rows[i].case_id, &err) != 0) {
			char msg[768];
			snprintf(msg, sizeof msg, _("File %s was not added: %s"), rows[i].number,
			         err.msg);
			bf_dlg_message(app, _("Not added"), msg);
			break;
		}
		added++;
	}
	if (added) {
		bf_app_msg(app, BF_MSG_INFO,
		           ngettext("%zu file added to batch %s.", "%zu files added to batch %s.",
		                    (unsigned long)added),
		           added, p->batch_number);
	}
	return added > 0;
}

static bool pick_action(struct bf_screen *s, enum bf_action a)
{
	return bf_lk_choose_action((struct bf_lk_screen *)s, a, BF_ACT_SUB_PICK,
	                           BF_ACT_SUB_PICK_ALL, BF_ACT_SUB_DONE, pick_finish);
}

static const enum bf_action pick_actions[] = {BF_ACT_SUB_PICK, BF_ACT_SUB_PICK_ALL, BF_ACT_SUB_DONE,
                                              BF_ACT_NONE};

static const struct bf_screen_ops pick_ops = {
    .name = "batch_pick",
    .actions = pick_actions,
    .draw = pick_draw,
    .action = pick_action,
    .input = bf_lk_screen_input,
    .on_close = bf_lk_screen_close,
};

/* The candidates on a screen: all ticked for a new batch, none to add. */
static int pick_open(struct bf_app *app, int64_t batch_id, const char *batch_number)
{
	bf_db *db = &app->ctx->db;
	if (!bf_store_can(db, BF_PERM_SUBMIT)) {
		refuse(app, BF_PERM_SUBMIT);
		return -1;
	}
	struct pick *p = calloc(1, sizeof *p);
	if (!p)
		return -1;
	p->db = db;
	p->batch_id = batch_id;
	if (batch_number)
		bf_strlcpy(p->batch_number, batch_number, sizeof p->batch_number);
	p->lk.base.ops = &pick_ops;
	if (batch_id)
		snprintf(p->lk.base.title, sizeof p->lk.base.title, _("Add files to batch %s"),
		         batch_number);
	else
		bf_strlcpy(p->lk.base.title, _("New batch"), sizeof p->lk.base.title);
	p->lk.load = pick_load;
	p->lk.load_error = N_("Could not read the files: %s");
	p->lk.row = pick_row;
	memcpy(p->cols, pick_cols, sizeof p->cols);
	p->cols[PC_NUMBER].width = bf_lk_number_width(db);
	/* all ticked for a new batch, none to add */
	return bf_lk_choose_open(&p->lk, app, p->cols, PC_COUNT,
	                         N_("No file that passed publicity waits to be submitted."),
	                         batch_id == 0, pick_id);
}

static void batch_new(struct batches *u)
{
	pick_open(u->lk.base.app, 0, NULL);
}

/* ---- a batch's files ---------------------------------------------------------------------- */

enum { DC_NUMBER, DC_NAME, DC_ID, DC_DEPT, DC_CAT, DC_AMOUNT, DC_STATUS, DC_COUNT };

/* the department goes when the terminal is narrow */
static const struct bf_lk_col detail_cols_all[DC_COUNT] = {
    [DC_NUMBER] = {{N_("File"), 9, BF_COL_NOSORT}, 0},
    [DC_NAME] = {{N_("Name"), 8, BF_COL_NOSORT | BF_COL_FLEX}, 0},
    [DC_ID] = {{N_("ID number"), 18, BF_COL_NOSORT}, 0},
    [DC_DEPT] = {{N_("Department"), 8, BF_COL_NOSORT | BF_COL_FLEX}, 1},
    [DC_CAT] = {{N_("Cat."), 4, BF_COL_NOSORT | BF_COL_RIGHT}, 0},
    [DC_AMOUNT] = {{N_("Amount"), 10, BF_COL_NOSORT | BF_COL_RIGHT}, 0},
    [DC_STATUS] = {{N_("Status"), 8, BF_COL_NOSORT | BF_COL_FLEX}, 0},
};

struct detail {
	struct bf_lk_screen lk; /* rows: struct bf_batch_case, the batch's files */
	struct bf_screen_ops ops;
	enum bf_action acts[MAX_ACTS];
	bf_db *db;
	int64_t id;
	struct bf_batch b;
	struct bf_lk_fit fit; /* the columns shown */
	struct bf_lk_col cols[DC_COUNT]; /* the File column as wide as the longest number */
};

static int detail_rows(struct bf_lk_screen *s, void **rows, size_t *n, bf_error *err)
{
	struct detail *d = (struct detail *)s;
	if (bf_batch_load(d->db, d->id, NULL, &d->b, err) != 0)
		return -1;
	return bf_batch_cases(d->db, d->id, (struct bf_batch_case **)rows, n, err);
}

static void detail_load(struct detail *d)
{
	bf_lk_screen_load(&d->lk);
	snprintf(d->lk.base.title, sizeof d->lk.base.title, _("Batch %s"), d->b.number);
	bf_list_reload(&d->lk.list);
}

static void detail_row(struct bf_lk_screen *s, size_t i, struct bf_list_page *pg, size_t got)
{
	struct detail *d = (struct detail *)s;
	const struct bf_batch_case *c = (const struct bf_batch_case *)s->rows + i;
	char cell[160];
	for (int k = 0; k < d->fit.ncols; k++) {
		switch (d->fit.col_of[k]) {
		case DC_NUMBER:
			bf_strlcpy(cell, c->number, sizeof cell);
			break;
		case DC_NAME:
			bf_strlcpy(cell, c->name, sizeof cell);
			break;
		case DC_ID:
			bf_mask_id(c->id_number, cell, sizeof cell);
			break;
		case DC_DEPT:
			bf_strlcpy(cell, c->department, sizeof cell);
			break;
		case DC_CAT:
			category_cell(c->category, cell, sizeof cell);
			break;
		case DC_AMOUNT:
			/* the district's final amount once it accepted */
			amount_cell(c->accepted > 0 ? c->accepted : c->amount, cell, sizeof cell);
			break;
		default:
			bf_strlcpy(cell, case_status_label(c->status), sizeof cell);
			break;
		}
		bf_list_page_set(pg, got, k, cell);
	}
	bf_list_page_set_id(pg, got, c->case_id);
}

/* The columns for a table of width w (its position column included): all of
 * them when they fit. */
static void detail_fit(struct detail *d, int w)
{
	char pos[48];
	snprintf(pos, sizeof pos, "%zu/%zu", d->lk.n, d->lk.n);
	bf_lk_fit_apply(&d->fit, &d->lk.list, d->lk.base.app, w - 1 - bf_str_width(pos) - 2);
}

static void detail_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct detail *d = (struct detail *)s;
	if (bf_lk_stale(s->app, &d->lk.fresh))
		detail_load(d);
	if (r.h < 6)
		return;
	int y = r.y, x = r.x + 1, wd = r.w - 2;
	char line[512], total[32], at[40];
	bf_money_format(d->b.total, total, sizeof total);
	snprintf(line, sizeof line,
	         ngettext("Batch %s: %zu file, %s yuan", "Batch %s: %zu files, %s yuan",
	                  (unsigned long)d->b.n_cases),
	         d->b.number, d->b.n_cases, total);
	bf_draw_str(w, y++, x, wd, line, A_BOLD);
	if (d->b.exported_at[0]) {
		local_time_text(d->b.exported_at, at, sizeof at);
		if (!strcmp(d->b.status, "exported"))
			snprintf(line, sizeof line, _("Revision %d exported %s by %s."),
			         d->b.revision, at, d->b.exported_by);
		else
			snprintf(
			    line, sizeof line,
			    _("Revision %d exported %s by %s; changed since: the next export is "
			      "revision %d."),
			    d->b.revision, at, d->b.exported_by, d->b.revision + 1);
	} else {
		bf_strlcpy(line, _("Not exported yet."), sizeof line);
	}
	bf_draw_str(w, y++, x, wd, line, A_NORMAL);
	y += draw_deadline(s->app, w, y, x, wd, false, false);
	bf_draw_str(w, y++, x, wd,
	            bf_store_can(d->db, BF_PERM_SUBMIT)
	                ? _("Enter: the district's decision.  a adds a file, d takes one out, "
	                    "x exports.")
	                : _("Enter: the district's decision on the selected file."),
	            A_DIM);
	struct bf_rect lr = {y, r.x, r.y + r.h - y, r.w};
	detail_fit(d, lr.w);
	bf_list_draw(&d->lk.list, w, lr);
}

static void detail_take_out(struct detail *d)
{
	struct bf_app *app = d->lk.base.app;
	size_t i;
	if (!bf_list_selected(&d->lk.list, &i) || i >= d->lk.n) {
		bf_app_msg(app, BF_MSG_INFO, "%s", _("There is no file selected."));
		return;
	}
	const struct bf_batch_case *c = (const struct bf_batch_case *)d->lk.rows + i;
	char q[512];
	snprintf(q, sizeof q, _("Take file %s (%s) out of batch %s?"), c->number, c->name,
	         d->b.number);
	if (!bf_dlg_confirm(app, q, false))
		return;
	char number[32];
	bf_strlcpy(number, c->number, sizeof number);
	bf_error err = {{0}};
	if (bf_batch_remove(d->db, d->id, c->case_id, &err) != 0) {
		bf_dlg_message(app, _("Not taken out"), err.msg);
		return;
	}
	detail_load(d);
	bf_app_msg(app, BF_MSG_INFO, _("File %s is out of batch %s."), number, d->b.number);
}

/* The selected file and what the district decided on it. */
static void detail_decision(struct detail *d)
{
	struct bf_app *app = d->lk.base.app;
	size_t i;
	if (!bf_list_selected(&d->lk.list, &i) || i >= d->lk.n) {
		bf_app_msg(app, BF_MSG_INFO, "%s", _("There is no file selected."));
		return;
	}
	const struct bf_batch_case *c = (const struct bf_batch_case *)d->lk.rows + i;
	struct bf_case_decision dec;
	bf_error err = {{0}};
	int rc = bf_case_district_decision(d->db, c->case_id, &dec, &err);
	if (rc < 0) {
		bf_app_msg(app, BF_MSG_ERROR, _("Could not read the batch: %s"), err.msg);
		return;
	}
	char text[2048], masked[32], amt[32], at[40];
	bf_mask_id(c->id_number, masked, sizeof masked);
	int len = snprintf(text, sizeof text, "%s  %s  %s\n%s\n\n", c->number, c->name, masked,
	                   bf_state_label_of(c->status));
	if (len < 0 || (size_t)len >= sizeof text)
		len = 0;
	if (rc == 1) {
		snprintf(text + len, sizeof text - (size_t)len, "%s",
		         _("The district has not decided on this file yet."));
	} else {
		local_time_text(dec.decided_at, at, sizeof at);
		if (!strcmp(dec.decision, "accept")) {
			bf_money_format(dec.amount, amt, sizeof amt);
			snprintf(text + len, sizeof text - (size_t)len,
			         _("Accepted by the district on %s (%s): %s yuan."), at,
			         dec.decided_by, amt);
		} else {
			snprintf(text + len, sizeof text - (size_t)len,
			         _("Returned by the district on %s (%s), back to \"%s\":\n%s"), at,
			         dec.decided_by, bf_state_label_of(dec.back_to), dec.reason);
		}
	}
	bf_dlg_message(app, _("The district's decision"), text);
}

static bool detail_action(struct bf_screen *s, enum bf_action a)
{
	struct detail *d = (struct detail *)s;
	switch (a) {
	case BF_ACT_EDIT:
		detail_decision(d);
		return true;
	case BF_ACT_SUB_ADD:
		pick_open(s->app, d->id, d->b.number);
		return true;
	case BF_ACT_SUB_REMOVE:
		detail_take_out(d);
		return true;
	case BF_ACT_SUB_EXPORT:
		batch_export(s->app, d->id);
		return true;
	case BF_ACT_REDRAW:
		detail_load(d);
		return false;
	default:
		return false;
	}
}

static int batch_open(struct bf_app *app, int64_t id)
{
	struct detail *d = calloc(1, sizeof *d);
	if (!d)
		return -1;
	bf_db *db = &app->ctx->db;
	int k = 0;
	d->acts[k++] = BF_ACT_EDIT;
	if (bf_store_can(db, BF_PERM_SUBMIT)) {
		d->acts[k++] = BF_ACT_SUB_ADD;
		d->acts[k++] = BF_ACT_SUB_REMOVE;
		if (bf_store_can(db, BF_PERM_EXPORT_FULL))
			d->acts[k++] = BF_ACT_SUB_EXPORT;
	}
	d->acts[k] = BF_ACT_NONE;
	d->ops = (struct bf_screen_ops){
	    .name = "batch",
	    .actions = d->acts,
	    .draw = detail_draw,
	    .action = detail_action,
	    .on_data_change = bf_screen_reread,
	    .input = bf_lk_screen_input,
	    .on_close = bf_lk_screen_close,
	};
	d->lk.base.ops = &d->ops;
	d->db = db;
	d->id = id;
	memcpy(d->cols, detail_cols_all, sizeof d->cols);
	d->cols[DC_NUMBER].col.width = bf_lk_number_width(db);
	d->fit.defs = d->cols;
	d->fit.ndefs = DC_COUNT;
	d->fit.empty_text = N_("No file in this batch.");
	d->lk.load = detail_rows;
	d->lk.load_error = N_("Could not read the batch: %s");
	d->lk.row = detail_row;
	bf_lk_screen_init(&d->lk, app, d->fit.cols, 0, NULL);
	detail_fit(d, COLS);
	detail_load(d);
	return bf_app_push(app, &d->lk.base);
}

/* ---- export ----------------------------------------------------------------------------- */

static void batch_export(struct bf_app *app, int64_t id)
{
	bf_db *db = &app->ctx->db;
	if (!bf_store_can(db, BF_PERM_SUBMIT)) {
		refuse(app, BF_PERM_SUBMIT);
		return;
	}
	if (!bf_store_can(db, BF_PERM_EXPORT_FULL)) {
		refuse(app, BF_PERM_EXPORT_FULL);
		return;
	}
	struct bf_batch b;
	bf_error err = {{0}};
	if (bf_batch_load(db, id, NULL, &b, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, _("Could not read the batch: %s"), err.msg);
		return;
	}
	if (b.n_cases == 0) {
		bf_app_msg(app, BF_MSG_WARN, _("Batch %s has no file: a adds files to it."),
		           b.number);
		return;
	}
	char q[1024];
	snprintf(q, sizeof q,
	         ngettext("The package for the district carries full ID, bank card and phone "
	                  "numbers, sealed to the district union's registered key: only its "
	                  "database opens it. Attachment 2 (the publicity result reports) "
	                  "shows none. Export batch %s (revision %d, %zu file)?",
	                  "The package for the district carries full ID, bank card and phone "
	                  "numbers, sealed to the district union's registered key: only its "
	                  "database opens it. Attachment 2 (the publicity result reports) "
	                  "shows none. Export batch %s (revision %d, %zu files)?",
	                  (unsigned long)b.n_cases),
	         b.number, b.revision + 1, b.n_cases);
	if (!bf_dlg_confirm(app, q, false))
		return;

	char dir[PATH_MAX];
	bf_save_dir(dir, sizeof dir);
	struct stat st;
	for (;;) {
		if (!bf_dlg_prompt(app, _("Export"), _("Folder to write the package into"), dir,
		                   sizeof dir, 400))
			return;
		if (!bf_path_expand(dir, sizeof dir))
			bf_strlcpy(dir, ".", sizeof dir);
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			break;
		char msg[PATH_MAX + 128];
		snprintf(msg, sizeof msg, _("There is no folder %s."), dir);
		bf_dlg_message(app, _("Export"), msg);
	}

	struct bf_unit unit;
	if (bf_unit_load(db, &unit, &err) != 0 || !unit.code[0])
		bf_strlcpy(unit.code, "unit", sizeof unit.code);
	/* the files' names are made of these */
	if (!bf_code_ok(unit.code, _("Unit code"), &err) ||
	    !bf_code_ok(b.number, _("Batch number"), &err)) {
		bf_dlg_message(app, _("Export"), err.msg);
		return;
	}
	size_t dl = strlen(dir);
	const char *sep = dl && dir[dl - 1] == '/' ? "" : "/";
	char base[PATH_MAX + 96], pkg[PATH_MAX + 128], pdf[PATH_MAX + 128];
	snprintf(base, sizeof base, "%s%s%s-%s-r%d", dir, sep, unit.code, b.number, b.revision + 1);
	snprintf(pkg, sizeof pkg, "%s.bfpkg", base);
	snprintf(pdf, sizeof pdf, "%s.pdf", base);
	const char *paths[2] = {pkg, pdf};
	unsigned flags = 0;
	for (int i = 0; i < 2; i++)
		if (file_exists(paths[i])) {
			char ask[PATH_MAX + 512];
			snprintf(ask, sizeof ask, _("%s is there already. Write over it?"),
			         paths[i]);
			if (!bf_dlg_confirm(app, ask, false))
				return;
			flags = BF_OUTFILE_FORCE;
			break;
		}

	struct bf_pkg_header h;
	memset(&h, 0, sizeof h);
	struct bf_ui_progress pr;
	bf_ui_progress_start(&pr, app, _("Exporting the batch (files checked, packed)"));
	int rc = bf_submission_export_progress(db, id, pkg, pdf, flags, &h, bf_ui_progress_cb, &pr,
	                                       &err);
	if (bf_ui_progress_end(&pr))
		return;
	if (rc != 0) {
		bf_dlg_message(app, _("Not exported"), err.msg);
		return;
	}
	char text[3 * PATH_MAX + 1024];
	snprintf(text, sizeof text,
	         ngettext("Batch %s, revision %d: %lld file.\n\nPackage: %s\nAttachment 2: "
	                  "%s\n\nThe files are sealed to the district union %s: only its "
	                  "database opens them, and it makes attachment 1 from the package.",
	                  "Batch %s, revision %d: %lld files.\n\nPackage: %s\nAttachment 2: "
	                  "%s\n\nThe files are sealed to the district union %s: only its "
	                  "database opens them, and it makes attachment 1 from the package.",
	                  (unsigned long)h.cases),
	         b.number, h.revision, (long long)h.cases, pkg, pdf, h.to_name);
	bf_dlg_message(app, _("Exported"), text);
	bf_app_msg(app, BF_MSG_INFO, _("Wrote %s"), pkg);
}

/* ---- the district's reply ------------------------------------------------------------------ */

static void reply_import(struct bf_app *app)
{
	bf_db *db = &app->ctx->db;
	if (!bf_store_can(db, BF_PERM_SUBMIT)) {
		refuse(app, BF_PERM_SUBMIT);
		return;
	}
	char path[PATH_MAX] = "";
	if (!bf_lk_ask_path(app, _("The district's reply"), _("Reply package file (.bfpkg)"), path,
	                    sizeof path))
		return;
	char *buf = NULL;
	size_t len = 0;
	bf_error err = {{0}};
	if (bf_pkg_read_file(path, &buf, &len, &err) != 0) {
		bf_dlg_message(app, _("Reply not imported"), err.msg);
		return;
	}
	struct bf_reply_result *r = calloc(1, sizeof *r);
	if (!r) {
		free(buf);
		return;
	}
	int rc = bf_reply_import(db, buf, len, r, &err);
	free(buf);
	if (rc != 0) {
		bf_dlg_message(app, _("Reply not imported"), err.msg);
		free(r);
		return;
	}
	if (r->already) {
		bf_dlg_message(app, _("The district's reply"),
		               _("This reply was imported already: nothing changed."));
		free(r);
		return;
	}
	size_t n = strlen(r->lines) + 512;
	char *text = malloc(n);
	if (text) {
		snprintf(text, n, _("Accepted: %zu, returned: %zu, unchanged: %zu\n\n%s"),
		         r->accepted, r->returned, r->unchanged, r->lines);
		textview_open(app, _("The district's reply"), text);
		free(text);
	}
	bf_app_msg(app, BF_MSG_INFO, _("Reply imported: %zu accepted, %zu returned."), r->accepted,
	           r->returned);
	free(r);
}

/* ---- keys ------------------------------------------------------------------------------------ */

static void key_write(struct bf_app *app)
{
	bf_db *db = &app->ctx->db;
	struct bf_unit unit;
	bf_error err = {{0}};
	if (bf_unit_load(db, &unit, &err) != 0 || !unit.code[0])
		bf_strlcpy(unit.code, "unit", sizeof unit.code);
	char path[PATH_MAX], name[sizeof unit.code + 8];
	snprintf(name, sizeof name, "%s.bfkey", unit.code);
	bf_save_path(name, path, sizeof path);
	if (!bf_lk_ask_path(app, _("This unit's public key"), _("Key file to write"), path,
	                    sizeof path))
		return;
	unsigned flags = 0;
	if (file_exists(path)) {
		char ask[PATH_MAX + 512];
		snprintf(ask, sizeof ask, _("%s is there already. Write over it?"), path);
		if (!bf_dlg_confirm(app, ask, false))
			return;
		flags = BF_OUTFILE_FORCE;
	}
	char *text = NULL;
	struct bf_pkg_keyfile k;
	bf_outfile *o = NULL;
	if (bf_key_export(db, &text, &err) != 0 ||
	    bf_pkg_keyfile_read(text, strlen(text), &k, &err) != 0 ||
	    !(o = bf_store_outfile_open(db, path, flags, &err)) ||
	    bf_outfile_finish(o, bf_outfile_write(o, text, strlen(text)), &err) != 0) {
		free(text);
		bf_dlg_message(app, _("No key file written"), err.msg);
		return;
	}
	free(text);
	char fp[24], msg[PATH_MAX + 512];
	bf_pkg_fingerprint(k.pk, fp);
	snprintf(msg, sizeof msg,
	         _("Wrote %s\n\nFingerprint: %s\nGive the file to the district union; when they "
	           "register it, read them the fingerprint on the phone."),
	         path, fp);
	bf_dlg_message(app, _("This unit's public key"), msg);
}

static void key_register(struct bf_app *app)
{
	bf_db *db = &app->ctx->db;
	if (!bf_store_can(db, BF_PERM_SETTINGS)) {
		refuse(app, BF_PERM_SETTINGS);
		return;
	}
	char path[PATH_MAX] = "";
	if (!bf_lk_ask_path(app, _("The district's key"), _("The district's key file"), path,
	                    sizeof path))
		return;
	char *buf = NULL;
	size_t len = 0;
	bf_error err = {{0}};
	struct bf_pkg_keyfile k;
	memset(&k, 0, sizeof k);
	int rc = bf_pkg_read_file(path, &buf, &len, &err);
	if (rc == 0)
		rc = bf_pkg_keyfile_read(buf, len, &k, &err);
	free(buf);
	if (rc != 0) {
		bf_dlg_message(app, _("Key not registered"), err.msg);
		return;
	}
	char fp[24], old_fp[24] = "", q[1024], name[128];
	bf_pkg_fingerprint(k.pk, fp);
	uint8_t old[32];
	int have = bf_key_trusted(db, k.code, old, name, sizeof name, &err);
	if (have < 0) {
		bf_dlg_message(app, _("Key not registered"), err.msg);
		return;
	}
	bool replace = false;
	if (have == 0) {
		if (!memcmp(old, k.pk, sizeof old)) {
			snprintf(q, sizeof q, _("This key of %s (%s) is registered already."),
			         k.name, k.code);
			bf_dlg_message(app, _("The district's key"), q);
			return;
		}
		bf_pkg_fingerprint(old, old_fp);
		replace = true;
	}
	const char *kind = !strcmp(k.kind, "district") ? _("district union") : _("unit");
	if (replace)
		snprintf(q, sizeof q,
		         _("Code: %s\nName: %s (%s)\nNew fingerprint: %s\nRegistered now: %s\n\n"
		           "A different key is registered for %s. Check the new fingerprint with "
		           "the district union on the phone. Replace the key?"),
		         k.code, k.name, kind, fp, old_fp, k.code);
	else
		snprintf(
		    q, sizeof q,
		    _("Code: %s\nName: %s (%s)\nFingerprint: %s\n\nCheck the fingerprint with the "
		      "district union on the phone. Register this key?"),
		    k.code, k.name, kind, fp);
	if (!bf_dlg_confirm(app, q, false))
		return;
	if (bf_key_trust(db, &k, replace, &err) != 0) {
		bf_dlg_message(app, _("Key not registered"), err.msg);
		return;
	}
	bf_app_msg(app, BF_MSG_INFO, _("The key of %s (%s) is registered: %s."), k.name, k.code,
	           fp);
}

static void keys_menu(struct bf_app *app)
{
	const char *items[2] = {_("Write this unit's public key file"),
	                        _("Register the district's key file")};
	int c = bf_dlg_choose(app, _("Keys"), items, 2, 0);
	if (c == 0)
		key_write(app);
	else if (c == 1)
		key_register(app);
}

/* ---- the deadline --------------------------------------------------------------------------- */

static void deadline_set(struct bf_app *app)
{
	bf_db *db = &app->ctx->db;
	bf_error err = {{0}};
	if (bf_store_require(db, BF_PERM_SETTINGS, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		return;
	}
	char text[64];
	bf_setting_text(db, BF_DEADLINE_SETTING, "", text, sizeof text);
	struct bf_deadline d;
	char msg[256];
	for (;;) {
		if (!bf_dlg_prompt(app, _("Submission deadline"),
		                   _("Date and time, YYYY-MM-DD HH:MM (empty: no deadline)"), text,
		                   sizeof text, 20))
			return;
		bf_trim(text);
		if (!text[0])
			break;
		if (bf_deadline_parse(text, &d, msg, sizeof msg))
			break;
		bf_dlg_message(app, _("Submission deadline"), msg);
	}
	char value[24] = "";
	if (text[0])
		bf_deadline_format(&d, value);
	if (bf_setting_set(db, BF_DEADLINE_SETTING, value[0] ? value : NULL, &err) != 0) {
		bf_dlg_message(app, _("Submission deadline"), err.msg);
		return;
	}
	if (value[0])
		bf_app_msg(app, BF_MSG_INFO, _("Submission deadline set: %s."), value);
	else
		bf_app_msg(app, BF_MSG_INFO, "%s", _("There is no submission deadline now."));
}
