/* scr_member.c — the household member sub-form of the intake screen: every
 * field of one member (bf_member), with the live panel below or beside it.
 * It edits the case's member in place: each field left is copied into the
 * case and kept in the intake's draft. Esc goes back to the case form. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/ident.h"
#include "bangfu/ui_dialog.h"
#include "intake.h"

#define M(k, l, kd, f, ...) IDEF_MEM(k, l, kd, f, __VA_ARGS__)

static const struct idef member_defs[] = {
    IDEF_HEAD(N_("Household member")),
    M("name", N_("Name"), IK_STR, name, .width = 16, .max_chars = 21, .flags = BF_FIELD_REQUIRED),
    M("relation", N_("Relation"), IK_ENUM, relation, .ek = BF_ENUM_RELATION, .no_self = true),
    M("id_number", N_("ID number"), IK_ID, id_number),
    M("birth_date", N_("Birth date"), IK_DATE, birth_date),
    M("marital", N_("Marital status"), IK_ENUM, marital, .ek = BF_ENUM_MARITAL),
    M("status", N_("Status"), IK_ENUM, status, .ek = BF_ENUM_STATUS),
    M("school_or_employer", N_("School or employer"), IK_STR, school_or_employer, .width = 40,
      .max_chars = 42, .flags = BF_FIELD_EXTRA),
    M("health", N_("Health"), IK_ENUM, health, .ek = BF_ENUM_HEALTH, .flags = BF_FIELD_EXTRA),
    M("disease", N_("Disease"), IK_STR, disease, .width = 30, .max_chars = 42,
      .flags = BF_FIELD_EXTRA),
    M("diagnosis_year", N_("Diagnosis year"), IK_INT, diagnosis_year, .width = 6, .max_chars = 4,
      .lo = 1900, .hi = 2199, .flags = BF_FIELD_EXTRA),
    M("disability", N_("Disability"), IK_ENUM, disability, .ek = BF_ENUM_DISABILITY,
      .flags = BF_FIELD_EXTRA),
    M("disability_grade", N_("Disability grade"), IK_INT, disability_grade, .width = 3,
      .max_chars = 1, .lo = 1, .hi = 4, .flags = BF_FIELD_EXTRA),
    M("insurance", N_("Medical insurance"), IK_ENUM, insurance, .ek = BF_ENUM_INSURANCE,
      .flags = BF_FIELD_EXTRA),
    M("hukou", N_("Hukou type"), IK_ENUM, hukou, .ek = BF_ENUM_HUKOU, .flags = BF_FIELD_EXTRA),
    M("income", N_("Monthly income"), IK_MONEY, monthly_income),
    M("proof", N_("Income proof"), IK_ENUM, proof, .ek = BF_ENUM_PROOF),
    IDEF_HEAD(N_("Counting in the household")),
    M("count_override", N_("Counted"), IK_OVERRIDE, count_override, .flags = BF_FIELD_EXTRA),
    M("count_reason", N_("Reason for the decision"), IK_STR, count_reason, .width = 40,
      .max_chars = 42, .flags = BF_FIELD_EXTRA),
};

struct member_screen {
	struct bf_screen base;
	struct intake *in;
	size_t m;
	bool is_new;  /* added just now with Ctrl-O */
	bool touched; /* something was typed */
	struct bf_form form;
	const struct idef *fdef[BF_ARRAY_LEN(member_defs)];
	/* the status and proof the form last suggested: replaced by a new
	 * suggestion only while the clerk has not chosen otherwise */
	char auto_status[24], auto_proof[24];
};

static const struct bf_screen_ops member_ops;

static struct member_screen *ms_of(struct bf_screen *s)
{
	return s && s->ops == &member_ops ? (struct member_screen *)s : NULL;
}

struct bf_form *member_form(struct bf_screen *s)
{
	struct member_screen *ms = ms_of(s);
	return ms ? &ms->form : NULL;
}

void member_sync(struct bf_screen *s)
{
	struct member_screen *ms = ms_of(s);
	if (!ms)
		return;
	struct bf_case *c = intake_case(ms->in);
	if (ms->m >= c->n_members)
		return;
	struct bf_member *m = &c->members[ms->m];
	struct raw_set *rs = intake_mraw(ms->in, ms->m);
	rs->n = 0;
	for (int i = 0; i < ms->form.n; i++) {
		const struct idef *d = ms->fdef[i];
		if (!d->key)
			continue;
		if (!idef_get(d, &ms->form, i, c, m)) {
			if (!ms->form.fields[i].checked)
				bf_form_check_field(&ms->form, i);
			char text[1024];
			bf_form_get(&ms->form, i, text, sizeof text);
			raw_add(rs, d->key, text, ms->form.fields[i].msg);
		}
	}
	if (m->relation == BF_REL_SELF)
		m->relation = BF_REL_OTHER;
}

static void absorb(struct member_screen *ms)
{
	if (ms->form.dirty) {
		ms->form.dirty = false;
		ms->touched = true;
		intake_touched(ms->in);
	}
}

static enum bf_check member_check(struct bf_form *f, int idx, bf_error *err, void *user)
{
	(void)user;
	const char *key = f->fields[idx].spec.key;
	if (!key)
		return BF_CHECK_OK;
	if (strcmp(key, "count_reason") == 0) {
		char o[16], r[256];
		bf_form_get(f, bf_form_find(f, "count_override"), o, sizeof o);
		bf_form_get(f, idx, r, sizeof r);
		if (strcmp(o, "0") != 0 && bf_blank(r)) {
			bf_error_set(
			    err, "%s",
			    _("Say why the rule is overridden (it is shown in the file)."));
			return BF_CHECK_ERROR;
		}
		return BF_CHECK_OK;
	}
	return intake_member_check(f, key, err);
}

static void field_text(struct bf_form *f, const char *key, char *out, size_t n)
{
	bf_form_get(f, bf_form_find(f, key), out, n);
}

/* Replace what the form suggested before (still there untouched) with what
 * is usually true now; auto keeps the suggestion. */
static void suggest(struct bf_form *f, const char *key, const char *code, char *auto_code, size_t n)
{
	char now[32];
	field_text(f, key, now, sizeof now);
	if (strcmp(now, auto_code) != 0 || !strcmp(now, code))
		return;
	bf_form_set(f, bf_form_find(f, key), code);
	bf_strlcpy(auto_code, code, n);
}

/* Relation and age decide the usual status (a child under 16 is at school
 * or not yet), the status the usual income proof; an ID number typed makes
 * the birth date an optional detail (it comes from the number). */
void member_suggest(struct bf_form *f, bf_date today, char *auto_status, char *auto_proof, size_t n)
{
	char birth[32], id[32], st[32];
	field_text(f, "birth_date", birth, sizeof birth);
	field_text(f, "id_number", id, sizeof id);
	int bi = bf_form_find(f, "birth_date");
	if (bi >= 0) {
		if (id[0])
			f->fields[bi].spec.flags |= BF_FIELD_EXTRA;
		else
			f->fields[bi].spec.flags &= ~(unsigned)BF_FIELD_EXTRA;
	}
	enum bf_status usual = bf_member_usual_status(birth, today);
	if (usual != BF_ST_COUNT)
		suggest(f, "status", bf_enum_code(BF_ENUM_STATUS, (int)usual), auto_status, n);
	field_text(f, "status", st, sizeof st);
	int status = bf_enum_parse(BF_ENUM_STATUS, st);
	if (status >= 0)
		suggest(
		    f, "proof",
		    bf_enum_code(BF_ENUM_PROOF, (int)bf_member_usual_proof((enum bf_status)status)),
		    auto_proof, n);
}

static void member_leave(struct bf_form *f, int idx, void *user)
{
	struct member_screen *ms = user;
	absorb(ms);
	/* a valid ID number gives the birth date when none was typed */
	if (idx >= 0 && f->fields[idx].spec.key &&
	    strcmp(f->fields[idx].spec.key, "id_number") == 0 &&
	    f->fields[idx].state == BF_CHECK_OK) {
		int bi = bf_form_find(f, "birth_date");
		char id[64], birth[32];
		bf_form_get(f, idx, id, sizeof id);
		bf_form_get(f, bi, birth, sizeof birth);
		struct bf_idcard_info info;
		bf_error err;
		if (!birth[0] && bf_idcard_validate(id, BF_DATE_NONE, &info, &err)) {
			char d[11];
			bf_date_format(info.birth, d);
			bf_form_set(f, bi, d);
		}
	}
	member_suggest(f, intake_today(ms->in), ms->auto_status, ms->auto_proof,
	               sizeof ms->auto_status);
	absorb(ms);
	intake_field_left(ms->in);
}

static void set_title(struct member_screen *ms)
{
	struct bf_case *c = intake_case(ms->in);
	const char *name = c->members[ms->m].name;
	if (ms->is_new && bf_blank(name))
		snprintf(ms->base.title, sizeof ms->base.title, "%s", _("New household member"));
	else
		snprintf(ms->base.title, sizeof ms->base.title, _("Household member %zu: %s"),
		         ms->m + 1, bf_blank(name) ? _("(no name)") : name);
}

static void member_draw(struct bf_screen *s, WINDOW *w, struct bf_rect body)
{
	struct member_screen *ms = (struct member_screen *)s;
	struct bf_rect fr, pr;
	bool strip;
	set_title(ms);
	intake_split(body, &fr, &pr, &strip);
	bf_form_draw(&ms->form, w, fr);
	intake_draw_panel(ms->in, w, pr, strip);
}

static bool member_input(struct bf_screen *s, bf_key k)
{
	struct member_screen *ms = (struct member_screen *)s;
	bool used = bf_form_input(&ms->form, k);
	absorb(ms);
	return used;
}

/* Back to the case form (on_close tells the intake; a member added and
 * left empty is not kept). */
static void close_member(struct member_screen *ms)
{
	member_sync(&ms->base);
	bf_app_pop(ms->base.app); /* frees ms */
}

static bool member_action(struct bf_screen *s, enum bf_action a)
{
	struct member_screen *ms = (struct member_screen *)s;
	switch (a) {
	case BF_ACT_BACK: {
		bf_form_check_field(&ms->form, ms->form.focus);
		close_member(ms);
		return true;
	}
	case BF_ACT_SAVE: {
		struct intake *in = ms->in;
		bf_form_check_field(&ms->form, ms->form.focus);
		close_member(ms);
		intake_save(in);
		return true;
	}
	case BF_ACT_ASSESSMENT:
		member_sync(s);
		intake_field_left(ms->in);
		intake_show_assessment(ms->in);
		return true;
	case BF_ACT_NEXT_FIELD:
		if (bf_form_next(&ms->form, 1) < 0) {
			/* past the member's last field: the next member, as ^O would */
			struct intake *in = ms->in;
			bf_form_check_field(&ms->form, ms->form.focus);
			close_member(ms);
			intake_add_member(in);
			return true;
		}
		/* fall through */
	default: {
		bool r = bf_form_action(&ms->form, a);
		absorb(ms);
		return r;
	}
	}
}

static bool member_typing(struct bf_screen *s)
{
	return bf_form_typing(&((struct member_screen *)s)->form);
}

static int member_save_draft(struct bf_screen *s)
{
	struct member_screen *ms = (struct member_screen *)s;
	absorb(ms);
	member_sync(s);
	return 0; /* the intake screen below keeps the draft, this member included */
}

static void member_close(struct bf_screen *s)
{
	struct member_screen *ms = (struct member_screen *)s;
	absorb(ms);
	member_sync(s);
	struct bf_case *c = intake_case(ms->in);
	bool drop = false;
	if (ms->m < c->n_members) {
		const struct bf_member *m = &c->members[ms->m];
		drop = ms->is_new && !ms->touched && bf_blank(m->name) && bf_blank(m->id_number);
	}
	struct intake *in = ms->in;
	size_t idx = ms->m;
	bf_form_free(&ms->form);
	free(ms);
	intake_member_closed(in, idx, drop);
}

static const enum bf_action member_actions[] = {
    BF_ACT_BACK, BF_ACT_SAVE, BF_ACT_NEXT_FIELD, BF_ACT_PREV_FIELD, BF_ACT_ASSESSMENT, BF_ACT_NONE};

static const struct bf_screen_ops member_ops = {
    .name = "member",
    .actions = member_actions,
    .draw = member_draw,
    .action = member_action,
    .input = member_input,
    .typing = member_typing,
    .save_draft = member_save_draft,
    .on_close = member_close,
};

int member_open(struct bf_app *app, struct intake *in, size_t m, bool is_new)
{
	struct bf_case *c = intake_case(in);
	if (m == 0 || m >= c->n_members)
		return -1;
	struct member_screen *ms = calloc(1, sizeof *ms);
	if (!ms)
		return -1;
	ms->base.ops = &member_ops;
	ms->in = in;
	ms->m = m;
	ms->is_new = is_new;
	bf_form_init(&ms->form, app, intake_today(in));
	ms->form.check = member_check;
	ms->form.on_leave = member_leave;
	ms->form.user = ms;
	for (size_t i = 0; i < BF_ARRAY_LEN(member_defs); i++) {
		struct bf_field_spec sp;
		idef_spec(&member_defs[i], &sp);
		int idx = bf_form_add(&ms->form, &sp);
		idef_setup(&member_defs[i], &ms->form, idx);
		ms->fdef[idx] = &member_defs[i];
		if (member_defs[i].key)
			idef_put(&member_defs[i], &ms->form, idx, c, &c->members[m]);
	}
	raw_apply(intake_mraw(in, m), &ms->form);
	if (is_new) {
		/* a new member starts from suggestions; a member typed before
		 * keeps what was chosen */
		field_text(&ms->form, "status", ms->auto_status, sizeof ms->auto_status);
		field_text(&ms->form, "proof", ms->auto_proof, sizeof ms->auto_proof);
	}
	member_suggest(&ms->form, intake_today(in), ms->auto_status, ms->auto_proof,
	               sizeof ms->auto_status);
	ms->form.dirty = false;
	set_title(ms);
	intake_member_screen(in, &ms->base, m);
	if (bf_app_push(app, &ms->base) != 0)
		return -1;
	return 0;
}
