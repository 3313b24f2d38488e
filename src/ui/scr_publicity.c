/* scr_publicity.c — publicity rounds (公示) on screen: the list of rounds
 * with their status and working days left; a new round (approved files
 * picked with Space, then where it is posted, who to contact, the start
 * and the working days, with the end date computed before it is made); a
 * round's detail with its cases and objections, and what can be done with
 * it (Enter, or the letter shown): record an objection (o), investigate
 * (i), resolve (u), print the notice (p), close the round (c), print the
 * result report (r). The store (publicity_store.h) says yes or no; its
 * refusals are shown as they are. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/audit.h"
#include "bangfu/clock.h"
#include "bangfu/holiday.h"
#include "bangfu/accounts.h"
#include "bangfu/case_query.h"
#include "bangfu/pdf.h"
#include "bangfu/print_publicity.h"
#include "bangfu/ui_progress.h"
#include "bangfu/publicity_store.h"
#include "bangfu/store.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/listkit.h"
#include "bangfu/ui_screens.h"

/* Append s to line and pad with spaces to `width` display columns. */
static void cat_col(char *line, size_t n, const char *s, int width)
{
	size_t len = strlen(line);
	bf_strlcpy(line + len, s, n - len);
	len = strlen(line);
	for (int w = bf_str_width(s); w < width && len + 1 < n; w++)
		line[len++] = ' ';
	line[len] = '\0';
}

static bf_date today_of(struct bf_app *app)
{
	return app->ctx->today ? app->ctx->today : bf_clock_today();
}

/* ---- the list of rounds ------------------------------------------------------------ */

enum { RC_ID, RC_END, RC_LEFT, RC_CASES, RC_OBJ, RC_STATUS, RC_COUNT };

static const struct bf_list_col round_cols[RC_COUNT] = {
    [RC_ID] = {N_("No."), 3, BF_COL_NOSORT | BF_COL_RIGHT},
    [RC_END] = {N_("Last day"), 10, BF_COL_NOSORT},
    [RC_LEFT] = {N_("Days left"), 9, BF_COL_NOSORT | BF_COL_RIGHT},
    [RC_CASES] = {N_("Cases"), 5, BF_COL_NOSORT | BF_COL_RIGHT},
    [RC_OBJ] = {N_("Objections"), 10, BF_COL_NOSORT | BF_COL_RIGHT},
    [RC_STATUS] = {N_("Status"), 8, BF_COL_FLEX | BF_COL_NOSORT},
};

struct rounds {
	struct bf_lk_screen lk; /* rows: struct bf_round */
	bf_db *db;
};

static int rounds_load(struct bf_lk_screen *s, void **rows, size_t *n, bf_error *err)
{
	struct rounds *u = (struct rounds *)s;
	return bf_round_list(u->db, today_of(s->base.app), (struct bf_round **)rows, n, err);
}

static void rounds_row(struct bf_lk_screen *s, size_t i, struct bf_list_page *pg, size_t got)
{
	const struct bf_round *r = (const struct bf_round *)s->rows + i;
	char id[24], e[BF_DATE_SZ], left[24], cases[24], obj[64], st[128];
	snprintf(id, sizeof id, "%lld", (long long)r->id);
	bf_date_format(r->end, e);
	if (r->status == BF_ROUND_OPEN)
		snprintf(left, sizeof left, "%d", r->days_left);
	else
		bf_strlcpy(left, "-", sizeof left);
	snprintf(cases, sizeof cases, "%zu", r->n_cases);
	if (r->n_open)
		snprintf(obj, sizeof obj, _("%zu open"), r->n_open);
	else
		snprintf(obj, sizeof obj, "%zu", r->n_objections);
	if (r->status == BF_ROUND_OPEN && r->days_left == 0)
		snprintf(st, sizeof st, "%s (%s)", bf_round_status_label(r->status),
		         _("period over"));
	else
		bf_strlcpy(st, bf_round_status_label(r->status), sizeof st);
	bf_list_page_set(pg, got, RC_ID, id);
	bf_list_page_set(pg, got, RC_END, e);
	bf_list_page_set(pg, got, RC_LEFT, left);
	bf_list_page_set(pg, got, RC_CASES, cases);
	bf_list_page_set(pg, got, RC_OBJ, obj);
	bf_list_page_set(pg, got, RC_STATUS, st);
	bf_list_page_set_id(pg, got, r->id);
}

static int round_detail_open(struct bf_app *app, int64_t id, struct rounds *parent);
static void round_new(struct rounds *u);

static void rounds_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct rounds *u = (struct rounds *)s;
	if (r.h < 4)
		return;
	bf_lk_screen_fresh(&u->lk);
	char line[256];
	size_t n = bf_list_count(&u->lk.list);
	snprintf(line, sizeof line,
	         ngettext("%zu publicity round", "%zu publicity rounds", (unsigned long)n), n);
	bf_list_draw(&u->lk.list, w,
	             bf_lk_head(w, r, line,
	                        _("Enter: the round's cases and objections.  n: a new round of "
	                          "approved files.")));
}

static bool rounds_action(struct bf_screen *s, enum bf_action a)
{
	struct rounds *u = (struct rounds *)s;
	int64_t id;
	switch (a) {
	case BF_ACT_EDIT:
		if (bf_list_selected_id(&u->lk.list, &id))
			round_detail_open(s->app, id, u);
		else
			bf_app_msg(s->app, BF_MSG_INFO, "%s",
			           _("No publicity round; n starts one."));
		return true;
	case BF_ACT_NEW:
		round_new(u);
		return true;
	case BF_ACT_REDRAW:
		bf_lk_screen_reload(&u->lk);
		return false;
	default:
		return false;
	}
}

static const enum bf_action rounds_actions[] = {BF_ACT_EDIT, BF_ACT_NEW, BF_ACT_NONE};

static const struct bf_screen_ops rounds_ops = {
    .name = "rounds",
    .actions = rounds_actions,
    .draw = rounds_draw,
    .action = rounds_action,
    .on_data_change = bf_screen_reread,
    .input = bf_lk_screen_input,
    .on_close = bf_lk_screen_close,
};

int bf_publicity_open(struct bf_app *app)
{
	if (!app->ctx || !app->ctx->db_open)
		return -1;
	bf_db *db = &app->ctx->db;
	if (!bf_store_can(db, BF_PERM_PUBLICITY) && !bf_store_can(db, BF_PERM_CASE_VIEW)) {
		char msg[256];
		bf_perm_denied(db->role, BF_PERM_CASE_VIEW, msg, sizeof msg);
		bf_app_msg(app, BF_MSG_ERROR, "%s", msg);
		return -1;
	}
	struct rounds *u = calloc(1, sizeof *u);
	if (!u)
		return -1;
	u->lk.base.ops = &rounds_ops;
	u->db = db;
	bf_strlcpy(u->lk.base.title, _("Publicity rounds"), sizeof u->lk.base.title);
	u->lk.load = rounds_load;
	u->lk.load_error = N_("Could not read the publicity rounds: %s");
	u->lk.row = rounds_row;
	bf_lk_screen_init(&u->lk, app, round_cols, RC_COUNT, N_("No publicity round yet."));
	return bf_app_push(app, &u->lk.base);
}

/* ---- a new round: pick the approved files ---------------------------------------------- */

enum { PC_MARK, PC_NUMBER, PC_NAME, PC_DEPT, PC_COUNT };

static const struct bf_list_col pick_cols[PC_COUNT] = {
    [PC_MARK] = {"*", 3, BF_COL_NOSORT}, /* not "": _("") is the catalogue header */
    [PC_NUMBER] = {N_("File"), 12, BF_COL_NOSORT},
    [PC_NAME] = {N_("Name"), 8, BF_COL_NOSORT},
    [PC_DEPT] = {N_("Department"), 10, BF_COL_FLEX | BF_COL_NOSORT},
};

#define PICK_MAX 2000

struct pick {
	struct bf_lk_screen lk; /* rows: struct bf_case_row, the approved files */
	struct rounds *parent;
	bf_db *db;
	struct bf_list_col cols[PC_COUNT]; /* pick_cols, File widened for longer numbers */
};

static int pick_load(struct bf_lk_screen *s, void **rows, size_t *n, bf_error *err)
{
	struct bf_case_row *r = calloc(PICK_MAX, sizeof *r);
	if (!r)
		return -1;
	*rows = r;
	struct bf_case_filter f = {0};
	bf_strlcpy(f.status, "approved", sizeof f.status);
	f.sort = BF_SORT_NUMBER;
	int got = 0;
	int rc = bf_case_page(((struct pick *)s)->db, &f, 0, 0, PICK_MAX, r, &got, err);
	*n = rc == 0 && got > 0 ? (size_t)got : 0;
	return rc;
}

static void pick_row(struct bf_lk_screen *s, size_t i, struct bf_list_page *pg, size_t got)
{
	const struct bf_case_row *r = (const struct bf_case_row *)s->rows + i;
	bf_list_page_set(pg, got, PC_MARK, bf_lk_mark_cell(&s->marks, i));
	bf_list_page_set(pg, got, PC_NUMBER, r->number);
	bf_list_page_set(pg, got, PC_NAME, r->name);
	bf_list_page_set(pg, got, PC_DEPT, r->department);
	bf_list_page_set_id(pg, got, r->id);
}

static int64_t pick_id(const struct bf_lk_screen *s, size_t i)
{
	return ((const struct bf_case_row *)s->rows)[i].id;
}

static void pick_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct pick *p = (struct pick *)s;
	if (r.h < 4)
		return;
	char line[256];
	snprintf(line, sizeof line, _("Approved files: %zu, chosen: %zu"), p->lk.marks.n,
	         p->lk.marks.n_on);
	bf_list_draw(
	    &p->lk.list, w,
	    bf_lk_head(w, r, line,
	               _("Space chooses a file (again: not), * all or none; Enter goes on.")));
}

static bool ask_text(struct bf_app *app, const char *label, char *buf, size_t n, size_t max)
{
	for (;;) {
		if (!bf_dlg_prompt(app, _("New publicity round"), label, buf, n, max))
			return false;
		bf_trim(buf);
		if (buf[0])
			return true;
		bf_dlg_message(app, _("New publicity round"), _("This is needed."));
	}
}

/* The details of the round, asked one by one; the end date is shown before
 * the round is made. true when it was made. */
static bool pick_finish(struct bf_lk_screen *s)
{
	struct pick *p = (struct pick *)s;
	struct bf_app *app = p->lk.base.app;
	if (p->lk.marks.n_on == 0) {
		bf_app_msg(app, BF_MSG_WARN, "%s", _("Choose at least one file with Space first."));
		return false;
	}
	char place[256] = "", contact[64] = "", phone[32] = "", office[128] = "";
	char start[BF_DATE_SZ + 8], days[16];
	bf_date today = today_of(app);
	bf_date_format(today, start);
	snprintf(days, sizeof days, "%lld",
	         (long long)bf_setting_int(p->db, "publicity_days", BF_PUB_DEFAULT_DAYS));
	if (!ask_text(app, _("Place of posting"), place, sizeof place, 100) ||
	    !ask_text(app, _("Contact name"), contact, sizeof contact, 20) ||
	    !ask_text(app, _("Contact phone"), phone, sizeof phone, 20) ||
	    !ask_text(app, _("Contact office"), office, sizeof office, 40))
		return false;
	bf_date d_start;
	for (;;) {
		if (!ask_text(app, _("Start date (YYYY-MM-DD)"), start, sizeof start, 10))
			return false;
		if (bf_date_parse(start, &d_start))
			break;
		bf_dlg_message(app, _("New publicity round"),
		               _("That is not a date: type it as YYYY-MM-DD."));
	}
	long n_days;
	for (;;) {
		if (!ask_text(app, _("Working days"), days, sizeof days, 2))
			return false;
		char *end;
		n_days = strtol(days, &end, 10);
		if (end != days && !*end && n_days >= 1 && n_days <= 60)
			break;
		bf_dlg_message(app, _("New publicity round"), _("Type 1 to 60 working days."));
	}
	struct bf_calendar cal = {0};
	bf_error err = {{0}};
	bool have_cal = bf_calendar_load(p->db, &cal, &err) == 0;
	bf_date d_end = bf_pub_period_end(have_cal ? &cal : NULL, d_start, (int)n_days);
	char warn[160];
	bf_calendar_warning(bf_calendar_missing_year(have_cal ? &cal : NULL, d_start, d_end), warn,
	                    sizeof warn);
	if (have_cal)
		bf_calendar_free(&cal);
	char e[BF_DATE_SZ], q[768];
	bf_date_format(d_end, e);
	snprintf(q, sizeof q,
	         ngettext("Publicize %zu file from %s to %s (%ld working days)?",
	                  "Publicize %zu files from %s to %s (%ld working days)?",
	                  (unsigned long)p->lk.marks.n_on),
	         p->lk.marks.n_on, start, e, n_days);
	if (warn[0]) {
		size_t l = strlen(q);
		snprintf(q + l, sizeof q - l, "\n%s", warn);
	}
	if (!bf_dlg_confirm(app, q, true))
		return false;
	size_t k = 0;
	int64_t *ids = bf_lk_marked_ids(&p->lk.marks, &k);
	if (!ids)
		return false;
	struct bf_round_new rn = {ids,     k,     d_start, (int)n_days, place,
	                          contact, phone, office,  today};
	int64_t id = 0;
	int rc = bf_round_create(p->db, &rn, &id, &err);
	free(ids);
	if (rc != 0) {
		bf_dlg_message(app, _("No round made"), err.msg);
		return false;
	}
	bf_lk_screen_reload(&p->parent->lk);
	bf_app_msg(app, BF_MSG_INFO,
	           ngettext("Publicity round %lld: %zu file, %s to %s.",
	                    "Publicity round %lld: %zu files, %s to %s.", (unsigned long)k),
	           (long long)id, k, start, e);
	return true;
}

static bool pick_action(struct bf_screen *s, enum bf_action a)
{
	return bf_lk_choose_action((struct bf_lk_screen *)s, a, BF_ACT_PUB_PICK,
	                           BF_ACT_PUB_PICK_ALL, BF_ACT_EDIT, pick_finish);
}

static const enum bf_action pick_actions[] = {BF_ACT_PUB_PICK, BF_ACT_PUB_PICK_ALL, BF_ACT_EDIT,
                                              BF_ACT_NONE};

static const struct bf_screen_ops pick_ops = {
    .name = "round_new",
    .actions = pick_actions,
    .draw = pick_draw,
    .action = pick_action,
    .input = bf_lk_screen_input,
    .on_close = bf_lk_screen_close,
};

static void round_new(struct rounds *u)
{
	struct bf_app *app = u->lk.base.app;
	if (!bf_store_can(u->db, BF_PERM_PUBLICITY)) {
		char msg[256];
		bf_perm_denied(u->db->role, BF_PERM_PUBLICITY, msg, sizeof msg);
		bf_app_msg(app, BF_MSG_ERROR, "%s", msg);
		return;
	}
	struct pick *p = calloc(1, sizeof *p);
	if (!p)
		return;
	p->db = u->db;
	p->parent = u;
	p->lk.base.ops = &pick_ops;
	bf_strlcpy(p->lk.base.title, _("New publicity round"), sizeof p->lk.base.title);
	p->lk.load = pick_load;
	p->lk.load_error = N_("Could not read the files: %s");
	p->lk.row = pick_row;
	memcpy(p->cols, pick_cols, sizeof p->cols);
	int nw = bf_lk_number_width(p->db);
	if (nw > p->cols[PC_NUMBER].width)
		p->cols[PC_NUMBER].width = nw;
	bf_lk_choose_open(&p->lk, app, p->cols, PC_COUNT,
	                  N_("No approved file waits for publicity."), false, pick_id);
}

/* ---- a round ------------------------------------------------------------------------------ */

struct detail {
	struct bf_screen base;
	struct rounds *parent;
	bf_db *db;
	int64_t id;
	struct bf_round r;
	struct bf_round_case *cases;
	size_t n_cases;
	struct bf_objection *obj;
	size_t n_obj;
	int scroll;
};

static void detail_load(struct detail *d)
{
	bf_error err = {{0}};
	free(d->cases);
	free(d->obj);
	d->cases = NULL;
	d->obj = NULL;
	d->n_cases = d->n_obj = 0;
	if (bf_round_load(d->db, d->id, today_of(d->base.app), &d->r, &err) != 0 ||
	    bf_round_cases(d->db, d->id, &d->cases, &d->n_cases, &err) != 0 ||
	    bf_objection_list(d->db, d->id, false, &d->obj, &d->n_obj, &err) != 0)
		bf_app_msg(d->base.app, BF_MSG_ERROR, _("Could not read the round: %s"), err.msg);
	if (d->parent)
		bf_lk_screen_reload(&d->parent->lk);
}

static const char *case_state(const char *code)
{
	if (!strcmp(code, "passed"))
		return _("passed");
	if (!strcmp(code, "withdrawn"))
		return _("withdrawn");
	return _("listed");
}

static void detail_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct detail *d = (struct detail *)s;
	char line[1024], a[BF_DATE_SZ], b[BF_DATE_SZ];
	int y = r.y, x = r.x + 1, wd = r.w - 2, bottom = r.y + r.h - 1;
	bf_date_format(d->r.start, a);
	bf_date_format(d->r.end, b);
	if (d->r.status == BF_ROUND_OPEN)
		snprintf(line, sizeof line, _("%s to %s, %d working days; %d left.  %s"), a, b,
		         d->r.days, d->r.days_left, bf_round_status_label(d->r.status));
	else
		snprintf(line, sizeof line, _("%s to %s, %d working days.  %s"), a, b, d->r.days,
		         bf_round_status_label(d->r.status));
	bf_draw_str(w, y++, x, wd, line, A_BOLD);
	if (d->r.no_arrangement) {
		bf_calendar_warning(d->r.no_arrangement, line, sizeof line);
		bf_draw_str(w, y++, x, wd, line, bf_attr(BF_ATTR_WARN));
	}
	snprintf(line, sizeof line, _("Posted at %s; contact %s, %s, %s"), d->r.place, d->r.contact,
	         d->r.phone, d->r.office);
	bf_draw_str(w, y++, x, wd, line, A_NORMAL);
	bf_draw_str(w, y++, x, wd,
	            _("Enter: actions. o objection i investigate u resolve p notice c close r "
	              "report"),
	            A_DIM);
	/* the rows below scroll together */
	int row = 0;
#define OUT(text, attr)                                             \
	do {                                                        \
		if (row++ >= d->scroll && y <= bottom)              \
			bf_draw_str(w, y++, x, wd, (text), (attr)); \
	} while (0)
	snprintf(line, sizeof line, ngettext("%zu case", "%zu cases", (unsigned long)d->n_cases),
	         d->n_cases);
	OUT(line, A_BOLD | A_UNDERLINE);
	for (size_t i = 0; i < d->n_cases; i++) {
		char amt[32] = "";
		const struct bf_round_case *c = &d->cases[i];
		if (c->amount > 0)
			bf_money_format(c->amount, amt, sizeof amt);
		/* columns by display width: Chinese names are two columns a character */
		bf_strlcpy(line, "  ", sizeof line);
		cat_col(line, sizeof line, c->number, 13);
		cat_col(line, sizeof line, c->name, 9);
		cat_col(line, sizeof line, case_state(c->status), 11);
		cat_col(line, sizeof line, amt, 0);
		OUT(line, A_NORMAL);
	}
	snprintf(line, sizeof line,
	         ngettext("%zu objection", "%zu objections", (unsigned long)d->n_obj), d->n_obj);
	OUT(line, A_BOLD | A_UNDERLINE);
	for (size_t i = 0; i < d->n_obj; i++) {
		const struct bf_objection *o = &d->obj[i];
		char rd[BF_DATE_SZ];
		bf_date_format(o->received, rd);
		snprintf(line, sizeof line, "  #%lld %s %s (%s, %s) %s: %s", (long long)o->id, rd,
		         o->case_number, bf_obj_via_label(o->via),
		         o->raised_by[0] ? o->raised_by : _("anonymous"),
		         bf_obj_status_label(o->status), o->claim);
		OUT(line, bf_obj_is_open(o->status) ? A_BOLD : A_NORMAL);
		if (o->resolution[0]) {
			snprintf(line, sizeof line, "      %s", o->resolution);
			OUT(line, A_DIM);
		} else if (o->investigation[0]) {
			snprintf(line, sizeof line, "      %s", o->investigation);
			OUT(line, A_DIM);
		}
	}
#undef OUT
}

static void detail_record(struct detail *d)
{
	struct bf_app *app = d->base.app;
	const char *items[64];
	int64_t ids[64];
	size_t n = 0;
	for (size_t i = 0; i < d->n_cases && n < BF_ARRAY_LEN(items); i++)
		if (!strcmp(d->cases[i].status, "listed")) {
			items[n] = d->cases[i].name[0] ? d->cases[i].name : d->cases[i].number;
			ids[n++] = d->cases[i].case_id;
		}
	if (n == 0) {
		bf_app_msg(app, BF_MSG_INFO, "%s", _("No case of this round is still listed."));
		return;
	}
	int c = bf_dlg_choose(app, _("Which case is it about?"), items, n, 0);
	if (c < 0)
		return;
	char date[BF_DATE_SZ + 8];
	bf_date received;
	bf_date_format(today_of(app), date);
	for (;;) {
		if (!bf_dlg_prompt(app, _("Objection"), _("Received on (YYYY-MM-DD)"), date,
		                   sizeof date, 10))
			return;
		bf_trim(date);
		if (bf_date_parse(date, &received))
			break;
		bf_dlg_message(app, _("Objection"),
		               _("That is not a date: type it as YYYY-MM-DD."));
	}
	const char *vias[BF_VIA_COUNT];
	for (int v = 0; v < BF_VIA_COUNT; v++)
		vias[v] = bf_obj_via_label(v);
	int via = bf_dlg_choose(app, _("How was it received?"), vias, BF_VIA_COUNT, 0);
	if (via < 0)
		return;
	char by[64] = "", claim[512] = "";
	if (!bf_dlg_prompt(app, _("Objection"), _("Raised by (empty: anonymous)"), by, sizeof by,
	                   20))
		return;
	bf_trim(by);
	if (!bf_dlg_prompt(app, _("Objection"), _("What is claimed"), claim, sizeof claim, 200))
		return;
	bf_trim(claim);
	struct bf_objection_new o = {ids[c], received, via, by, claim, today_of(app)};
	bf_error err = {{0}};
	int64_t id = 0;
	if (bf_objection_record(d->db, d->id, &o, &id, &err) != 0) {
		bf_dlg_message(app, _("Not recorded"), err.msg);
		return;
	}
	detail_load(d);
	bf_app_msg(app, BF_MSG_INFO, _("Objection #%lld recorded."), (long long)id);
}

/* An open objection of the round, chosen; -1 if none. */
static int64_t choose_open(struct detail *d, const char *title)
{
	const char *items[64];
	char text[64][640];
	int64_t ids[64];
	size_t n = 0;
	for (size_t i = 0; i < d->n_obj && n < BF_ARRAY_LEN(items); i++)
		if (bf_obj_is_open(d->obj[i].status)) {
			snprintf(text[n], sizeof text[n], "#%lld %s: %s", (long long)d->obj[i].id,
			         d->obj[i].case_number, d->obj[i].claim);
			items[n] = text[n];
			ids[n++] = d->obj[i].id;
		}
	if (n == 0) {
		bf_app_msg(d->base.app, BF_MSG_INFO, "%s", _("No objection is open."));
		return -1;
	}
	int c = bf_dlg_choose(d->base.app, title, items, n, 0);
	return c < 0 ? -1 : ids[c];
}

static void detail_investigate(struct detail *d)
{
	int64_t id = choose_open(d, _("Investigate which objection?"));
	if (id < 0)
		return;
	char note[512] = "";
	if (!bf_dlg_prompt(d->base.app, _("Investigation"), _("What the investigation found"), note,
	                   sizeof note, 200))
		return;
	bf_trim(note);
	bf_error err = {{0}};
	if (bf_objection_investigate(d->db, id, note, &err) != 0) {
		bf_dlg_message(d->base.app, _("Not recorded"), err.msg);
		return;
	}
	detail_load(d);
	bf_app_msg(d->base.app, BF_MSG_INFO, _("Investigation of objection #%lld recorded."),
	           (long long)id);
}

static void detail_resolve(struct detail *d)
{
	int64_t id = choose_open(d, _("Resolve which objection?"));
	if (id < 0)
		return;
	const char *items[2] = {_("Dismiss: the case stays in the round"),
	                        _("Uphold: the case leaves the round for review")};
	int c = bf_dlg_choose(d->base.app, _("Resolve"), items, 2, 0);
	if (c < 0)
		return;
	char reason[512] = "";
	if (!bf_dlg_prompt(d->base.app, _("Resolve"), _("Reason"), reason, sizeof reason, 200))
		return;
	bf_trim(reason);
	bf_error err = {{0}};
	if (bf_objection_resolve(d->db, id, c == 1, reason, today_of(d->base.app), &err) != 0) {
		bf_dlg_message(d->base.app, _("Not resolved"), err.msg);
		return;
	}
	detail_load(d);
	bf_app_msg(d->base.app, BF_MSG_INFO,
	           c == 1 ? _("Objection #%lld upheld.") : _("Objection #%lld dismissed."),
	           (long long)id);
}

/* A PDF file name in the save folder, ~ expanded; false when left. */
static bool ask_pdf_path(struct bf_app *app, const char *what, int64_t id, char *path, size_t n)
{
	char name[128];
	snprintf(name, sizeof name, "bangfu-%s-%lld.pdf", what, (long long)id);
	bf_save_path(name, path, n);
	return bf_lk_ask_path(app, _("Print"), _("PDF file"), path, n);
}

static void after_pdf(struct bf_app *app, int rc, const char *path, bf_error *err)
{
	if (rc != 0 && !err->msg[0])
		return; /* the user would not overwrite a file */
	if (rc != 0) {
		bf_dlg_message(app, _("Not printed"), err->msg);
		return;
	}
	if (bf_pdf_can_print() &&
	    bf_dlg_confirm(app, _("Send it to the printer with lp?"), false)) {
		if (bf_pdf_print(path, err) != 0) {
			bf_dlg_message(app, _("Not printed"), err->msg);
			return;
		}
		bf_app_msg(app, BF_MSG_INFO, _("Wrote %s and sent it to the printer."), path);
		return;
	}
	bf_app_msg(app, BF_MSG_INFO, _("Wrote %s"), path);
}

static void detail_print(struct detail *d, bool result)
{
	struct bf_app *app = d->base.app;
	char path[1024];
	if (!ask_pdf_path(app, result ? "公示结果" : "公示", d->id, path, sizeof path))
		return;
	bf_error err = {{0}};
	bf_outfile *o = bf_dlg_outfile(app, d->db, path, &err);
	if (!o) {
		after_pdf(app, -1, path, &err);
		return;
	}
	struct bf_unit *unit = calloc(1, sizeof *unit);
	char *tpl = malloc(8192);
	struct bf_pub_entry *e = NULL;
	size_t n = 0;
	int rc = -1;
	struct bf_ui_progress pr;
	bf_ui_progress_start(&pr, app,
	                     result ? _("Result report (rows, then pages)")
	                            : _("Publicity notice (rows, then pages)"));
	if (!unit || !tpl) {
		bf_error_set(&err, "%s", _("out of memory"));
		goto out;
	}
	if (bf_unit_load(d->db, unit, &err) != 0)
		memset(unit, 0, sizeof *unit);
	rc = bf_round_entries(d->db, d->id, result, &e, &n, &err);
	if (rc != 0)
		goto out;
	if (result) {
		struct bf_pub_result res = {0};
		res.unit_name = unit->name;
		res.union_name = unit->union_name;
		res.place = d->r.place;
		res.start = d->r.start;
		res.end = d->r.end;
		res.days = d->r.days;
		res.reported_on = today_of(app);
		res.n_publicized = d->r.n_cases;
		res.n_objections = d->r.n_objections;
		res.n_upheld = d->r.n_upheld;
		res.passed = e;
		res.n_passed = n;
		res.progress = bf_ui_progress_cb;
		res.progress_ud = &pr;
		rc = bf_audit_stamp(d->db, &res.stamp, &err);
		if (rc == 0)
			rc = bf_pub_result_pdf(o, &res, &err);
	} else {
		bf_setting_text(d->db, "publicity_template", bf_pub_default_template(), tpl, 8192);
		struct bf_pub_notice nt = {0};
		nt.unit_name = unit->name;
		nt.union_name = unit->union_name;
		nt.place = d->r.place;
		nt.contact = d->r.contact;
		nt.phone = d->r.phone;
		nt.office = d->r.office;
		nt.start = d->r.start;
		nt.end = d->r.end;
		nt.days = d->r.days;
		nt.signed_on = d->r.start;
		nt.entries = e;
		nt.n = n;
		nt.progress = bf_ui_progress_cb;
		nt.progress_ud = &pr;
		rc = bf_audit_stamp(d->db, &nt.stamp, &err);
		if (rc == 0)
			rc = bf_pub_notice_pdf(o, tpl, &nt, &err);
	}
out:
	rc = bf_outfile_finish(o, rc, &err);
	free(unit);
	free(tpl);
	free(e);
	if (!bf_ui_progress_end(&pr)) /* else the message line says it was cancelled */
		after_pdf(app, rc, path, &err);
}

static void detail_close_round(struct detail *d)
{
	struct bf_app *app = d->base.app;
	/* refused before it is asked: too early, or an objection open */
	detail_load(d);
	char why[512];
	if (d->r.status == BF_ROUND_OPEN &&
	    !bf_round_close_check(today_of(app), d->r.end, d->r.n_open, why, sizeof why)) {
		bf_dlg_message(app, _("The round stays open"), why);
		return;
	}
	char q[256];
	snprintf(q, sizeof q, _("Close round %lld? Every case still listed passes publicity."),
	         (long long)d->id);
	if (!bf_dlg_confirm(app, q, false))
		return;
	bf_error err = {{0}};
	int rc = bf_round_close(d->db, d->id, today_of(app), &err);
	if (rc != 0) {
		bf_dlg_message(app, _("The round stays open"), err.msg);
		return;
	}
	detail_load(d);
	bf_app_msg(app, BF_MSG_INFO, _("Round %lld is closed."), (long long)d->id);
	if (bf_dlg_confirm(app, _("Print the publicity result report now?"), true))
		detail_print(d, true);
}

enum { DO_RECORD, DO_INVESTIGATE, DO_RESOLVE, DO_NOTICE, DO_CLOSE, DO_REPORT };

static void detail_do(struct detail *d, int what)
{
	switch (what) {
	case DO_RECORD:
		detail_record(d);
		break;
	case DO_INVESTIGATE:
		detail_investigate(d);
		break;
	case DO_RESOLVE:
		detail_resolve(d);
		break;
	case DO_NOTICE:
		detail_print(d, false);
		break;
	case DO_CLOSE:
		detail_close_round(d);
		break;
	case DO_REPORT:
		detail_print(d, true);
		break;
	}
}

static void detail_menu(struct detail *d)
{
	const char *items[] = {_("Record an objection"),  _("Investigate an objection"),
	                       _("Resolve an objection"), _("Print the notice"),
	                       _("Close the round"),      _("Print the result report")};
	int c = bf_dlg_choose(d->base.app, _("Publicity round"), items, BF_ARRAY_LEN(items), 0);
	if (c >= 0)
		detail_do(d, c);
}

static bool detail_input(struct bf_screen *s, bf_key k)
{
	struct detail *d = (struct detail *)s;
	if (k == BF_KC(KEY_DOWN)) {
		d->scroll++;
		return true;
	}
	if (k == BF_KC(KEY_UP)) {
		if (d->scroll > 0)
			d->scroll--;
		return true;
	}
	return false;
}

static bool detail_action(struct bf_screen *s, enum bf_action a)
{
	struct detail *d = (struct detail *)s;
	static const struct {
		enum bf_action a;
		int what;
	} acts[] = {{BF_ACT_PUB_OBJECTION, DO_RECORD}, {BF_ACT_PUB_INVESTIGATE, DO_INVESTIGATE},
	            {BF_ACT_PUB_RESOLVE, DO_RESOLVE},  {BF_ACT_PUB_NOTICE, DO_NOTICE},
	            {BF_ACT_PUB_CLOSE, DO_CLOSE},      {BF_ACT_PUB_REPORT, DO_REPORT}};
	for (size_t i = 0; i < BF_ARRAY_LEN(acts); i++)
		if (a == acts[i].a) {
			detail_do(d, acts[i].what);
			return true;
		}
	if (a == BF_ACT_EDIT) {
		detail_menu(d);
		return true;
	}
	if (a == BF_ACT_REDRAW)
		detail_load(d);
	return false;
}

static void detail_close(struct bf_screen *s)
{
	struct detail *d = (struct detail *)s;
	free(d->cases);
	free(d->obj);
	free(d);
}

static const enum bf_action detail_actions[] = {
    BF_ACT_EDIT,       BF_ACT_PUB_OBJECTION, BF_ACT_PUB_RESOLVE,     BF_ACT_PUB_CLOSE,
    BF_ACT_PUB_NOTICE, BF_ACT_PUB_REPORT,    BF_ACT_PUB_INVESTIGATE, BF_ACT_NONE};

static const struct bf_screen_ops detail_ops = {
    .name = "round",
    .actions = detail_actions,
    .draw = detail_draw,
    .action = detail_action,
    .on_data_change = bf_screen_reread,
    .input = detail_input,
    .on_close = detail_close,
};

static int round_detail_open(struct bf_app *app, int64_t id, struct rounds *parent)
{
	struct detail *d = calloc(1, sizeof *d);
	if (!d)
		return -1;
	d->base.ops = &detail_ops;
	d->db = &app->ctx->db;
	d->id = id;
	d->parent = parent;
	d->base.app = app; /* detail_load needs it before the push */
	snprintf(d->base.title, sizeof d->base.title, _("Publicity round %lld"), (long long)id);
	detail_load(d);
	return bf_app_push(app, &d->base);
}
