/* scr_intake.c — the intake screen: the hardship file form (困难职工档案表)
 * as one scrolling form in sections, the household members as rows inside
 * it, and a live panel with the household count, the per-capita income and
 * the five aid categories.
 *
 * Nothing typed is lost: whenever a field is left (and after a pause in
 * typing) the form is copied into the case and kept as a draft; text that
 * cannot be stored in the case as typed (an amount like "12.345") travels in
 * the draft beside it ("ui.raw.*" lines, which bf_case_from_text ignores). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/case_text.h"
#include "bangfu/ident.h"
#include "bangfu/money.h"
#include "bangfu/store.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_screens.h"
#include "bangfu/workflow.h"
#include "intake.h"
#include "workflow_ui.h"

/* ---- choices from the enum tables ---------------------------------------------- */

static struct bf_choice enum_choices[BF_ENUM_KIND_COUNT][24];
static struct bf_choice relation_noself[24];
static struct bf_choice cause_choices[BF_CAUSE_COUNT + 2];
static bool choices_ready;

static const struct bf_choice bool_choices[] = {{"0", N_("No")}, {"1", N_("Yes")}, {NULL, NULL}};
static const struct bf_choice override_choices[] = {
    {"0", N_("By the rules")}, {"1", N_("Count")}, {"-1", N_("Do not count")}, {NULL, NULL}};

static void build_choices(void)
{
	if (choices_ready)
		return;
	for (int k = 0; k < BF_ENUM_KIND_COUNT; k++) {
		size_t n;
		const struct bf_enum_info *t = bf_enum_table((enum bf_enum_kind)k, &n);
		size_t o = 0;
		for (size_t i = 0; i < n && o + 1 < BF_ARRAY_LEN(enum_choices[k]); i++)
			enum_choices[k][o++] = (struct bf_choice){t[i].code, t[i].label};
		enum_choices[k][o] = (struct bf_choice){NULL, NULL};
	}
	size_t o = 0;
	for (size_t i = 0; enum_choices[BF_ENUM_RELATION][i].code; i++)
		if (i != BF_REL_SELF)
			relation_noself[o++] = enum_choices[BF_ENUM_RELATION][i];
	relation_noself[o] = (struct bf_choice){NULL, NULL};
	/* causes keep their numbers for the digit keys; "none" comes last */
	o = 0;
	for (size_t i = 0; enum_choices[BF_ENUM_CAUSE][i].code; i++)
		cause_choices[o++] = enum_choices[BF_ENUM_CAUSE][i];
	cause_choices[o++] = (struct bf_choice){"none", N_("None")};
	cause_choices[o] = (struct bf_choice){NULL, NULL};
	choices_ready = true;
}

/* ---- field definitions: form <-> struct ------------------------------------------ */

void idef_spec(const struct idef *d, struct bf_field_spec *sp)
{
	build_choices();
	memset(sp, 0, sizeof *sp);
	sp->key = d->key;
	sp->label = d->label;
	sp->width = d->width;
	sp->max_chars = d->max_chars;
	sp->flags = d->flags;
	switch (d->kind) {
	case IK_HEAD:
		sp->type = BF_FIELD_HEADING;
		break;
	case IK_STR:
	case IK_PHONE:
	case IK_POSTCODE:
		sp->type = BF_FIELD_TEXT;
		break;
	case IK_INFO:
		sp->type = BF_FIELD_TEXT;
		sp->flags |= BF_FIELD_READONLY;
		break;
	case IK_INT:
		sp->type = BF_FIELD_INT;
		sp->min = d->lo;
		sp->max = d->hi;
		break;
	case IK_MONEY:
		sp->type = BF_FIELD_MONEY;
		break;
	case IK_DATE:
		sp->type = BF_FIELD_DATE;
		break;
	case IK_ID:
		sp->type = BF_FIELD_IDCARD;
		break;
	case IK_CARD:
		sp->type = BF_FIELD_BANKCARD;
		break;
	case IK_ENUM:
		sp->type = BF_FIELD_CHOICE;
		sp->choices = d->no_self ? relation_noself : enum_choices[d->ek];
		break;
	case IK_CAUSE:
		sp->type = BF_FIELD_CHOICE;
		sp->choices = cause_choices;
		break;
	case IK_BOOL:
		sp->type = BF_FIELD_CHOICE;
		sp->choices = bool_choices;
		break;
	case IK_OVERRIDE:
		sp->type = BF_FIELD_CHOICE;
		sp->choices = override_choices;
		break;
	}
}

/* Typed-character filters for the text fields that take digits. */
static wchar_t fullwidth_ascii(wchar_t c)
{
	if (c >= 0xff01 && c <= 0xff5e)
		return c - 0xfee0;
	return c == 0x3000 ? L' ' : c;
}

static wchar_t phone_filter(wchar_t c, void *data)
{
	(void)data;
	c = fullwidth_ascii(c);
	return (c >= '0' && c <= '9') || c == '-' || c == ' ' || c == '+' ? c : 0;
}

static wchar_t digit_filter(wchar_t c, void *data)
{
	(void)data;
	c = fullwidth_ascii(c);
	return c >= '0' && c <= '9' ? c : 0;
}

void idef_setup(const struct idef *d, struct bf_form *f, int idx)
{
	struct bf_field *fd = bf_form_field(f, idx);
	if (!fd)
		return;
	if (d->kind == IK_PHONE)
		fd->edit.filter = phone_filter;
	else if (d->kind == IK_POSTCODE)
		fd->edit.filter = digit_filter;
}

static void *field_ptr(const struct idef *d, const struct bf_case *cs, const struct bf_member *m)
{
	const void *base = d->base == IB_CASE ? (const void *)cs : (const void *)m;
	return (char *)base + d->off;
}

bool idef_get(const struct idef *d, const struct bf_form *f, int idx, struct bf_case *cs,
              struct bf_member *m)
{
	char text[1024];
	if (d->kind == IK_HEAD || d->kind == IK_INFO)
		return true;
	bool whole = bf_form_get(f, idx, text, sizeof text);
	bf_trim(text);
	void *p = field_ptr(d, cs, m);
	bf_error err;
	switch (d->kind) {
	case IK_STR:
	case IK_PHONE:
	case IK_POSTCODE:
	case IK_DATE:
		return bf_strlcpy(p, text, d->size) && whole;
	case IK_ID: {
		struct bf_idcard_info info;
		if (text[0] && bf_idcard_validate(text, BF_DATE_NONE, &info, &err))
			return bf_strlcpy(p, info.normalized, d->size);
		return bf_strlcpy(p, text, d->size);
	}
	case IK_CARD: {
		char norm[20] = "";
		if (text[0] && bf_bankcard_check(text, norm, &err) != BF_CARD_INVALID)
			return bf_strlcpy(p, norm, d->size);
		return bf_strlcpy(p, text, d->size);
	}
	case IK_INT: {
		int *ip = p;
		*ip = 0;
		if (!text[0])
			return true;
		char *end;
		errno = 0;
		long v = strtol(text, &end, 10);
		if (end == text || *end || errno || v < -2000000000L || v > 2000000000L)
			return false;
		*ip = (int)v;
		return true;
	}
	case IK_MONEY: {
		bf_fen *fp = p;
		*fp = 0;
		if (!text[0])
			return true;
		return bf_money_parse(text, 0, fp, &err);
	}
	case IK_ENUM: {
		int v = bf_enum_parse((enum bf_enum_kind)d->ek, text);
		if (v >= 0)
			*(int *)p = v;
		return true;
	}
	case IK_CAUSE: {
		int v = text[0] && strcmp(text, "none") != 0 ? bf_enum_parse(BF_ENUM_CAUSE, text)
		                                             : BF_CAUSE_NONE;
		*(int *)p = v < 0 ? BF_CAUSE_NONE : v;
		return true;
	}
	case IK_BOOL:
		*(bool *)p = strcmp(text, "1") == 0;
		return true;
	case IK_OVERRIDE:
		*(int *)p = atoi(text);
		return true;
	default:
		return true;
	}
}

void idef_put(const struct idef *d, struct bf_form *f, int idx, const struct bf_case *cs,
              const struct bf_member *m)
{
	const void *p = field_ptr(d, cs, m);
	char buf[64];
	switch (d->kind) {
	case IK_STR:
	case IK_PHONE:
	case IK_POSTCODE:
	case IK_DATE:
	case IK_ID:
	case IK_CARD:
		bf_form_set(f, idx, p);
		break;
	case IK_INT: {
		int v = *(const int *)p;
		if (v)
			snprintf(buf, sizeof buf, "%d", v);
		else
			buf[0] = 0;
		bf_form_set(f, idx, buf);
		break;
	}
	case IK_MONEY: {
		bf_fen v = *(const bf_fen *)p;
		bf_form_set(f, idx, v ? bf_money_format_plain(v, buf, sizeof buf) : "");
		break;
	}
	case IK_ENUM:
		bf_form_set(f, idx, bf_enum_code((enum bf_enum_kind)d->ek, *(const int *)p));
		break;
	case IK_CAUSE: {
		int v = *(const int *)p;
		bf_form_set(f, idx, v == BF_CAUSE_NONE ? "none" : bf_enum_code(BF_ENUM_CAUSE, v));
		break;
	}
	case IK_BOOL:
		bf_form_set(f, idx, *(const bool *)p ? "1" : "0");
		break;
	case IK_OVERRIDE:
		snprintf(buf, sizeof buf, "%d", *(const int *)p);
		bf_form_set(f, idx, buf);
		break;
	default:
		break;
	}
}

/* ---- raw texts ---------------------------------------------------------------- */

void raw_add(struct raw_set *rs, const char *key, const char *text, const char *msg)
{
	int i = 0;
	while (i < rs->n && strcmp(rs->e[i].key, key) != 0)
		i++;
	if (i == rs->n) {
		if (rs->n >= RAW_MAX)
			return;
		rs->n++;
	}
	bf_strlcpy(rs->e[i].key, key, sizeof rs->e[i].key);
	bf_strlcpy(rs->e[i].text, text, sizeof rs->e[i].text);
	bf_strlcpy(rs->e[i].msg, msg ? msg : "", sizeof rs->e[i].msg);
}

void raw_apply(const struct raw_set *rs, struct bf_form *f)
{
	for (int i = 0; i < rs->n; i++) {
		int idx = bf_form_find(f, rs->e[i].key);
		if (idx < 0)
			continue;
		bf_form_set(f, idx, rs->e[i].text);
		bf_form_check_field(f, idx);
	}
}

/* ---- the main form's fields ---------------------------------------------------- */

#define NAME_MAX_CHARS 21  /* BF_NAME_SZ bytes of Chinese */
#define TEXT_MAX_CHARS 42  /* BF_TEXT_SZ */
#define LONG_MAX_CHARS 170 /* BF_LONG_SZ */

#define EMP(k, l, kd, f, ...) IDEF_MEM(k, l, kd, f, __VA_ARGS__)
#define CASE(k, l, kd, f, ...) IDEF_CASE(k, l, kd, f, __VA_ARGS__)

static const struct idef employee_defs[] = {
    IDEF_HEAD(N_("Employee")),
    EMP("name", N_("Name"), IK_STR, name, .width = 16, .max_chars = NAME_MAX_CHARS,
        .flags = BF_FIELD_REQUIRED),
    EMP("id_number", N_("ID number"), IK_ID, id_number, .flags = BF_FIELD_REQUIRED),
    {.key = "sex_birth",
     .label = N_("Sex and birth"),
     .kind = IK_INFO,
     .width = 40,
     .max_chars = 80},
    CASE("ethnicity", N_("Ethnicity"), IK_STR, ethnicity, .width = 12, .max_chars = NAME_MAX_CHARS,
         .flags = BF_FIELD_EXTRA),
    CASE("political_status", N_("Political status"), IK_STR, political_status, .width = 16,
         .max_chars = NAME_MAX_CHARS, .flags = BF_FIELD_EXTRA),
    EMP("marital", N_("Marital status"), IK_ENUM, marital, .ek = BF_ENUM_MARITAL),
    EMP("status", N_("Work status"), IK_ENUM, status, .ek = BF_ENUM_STATUS),
    EMP("health", N_("Health"), IK_ENUM, health, .ek = BF_ENUM_HEALTH, .flags = BF_FIELD_EXTRA),
    EMP("disease", N_("Disease"), IK_STR, disease, .width = 30, .max_chars = TEXT_MAX_CHARS,
        .flags = BF_FIELD_EXTRA),
    EMP("diagnosis_year", N_("Diagnosis year"), IK_INT, diagnosis_year, .width = 6, .max_chars = 4,
        .lo = 1900, .hi = 2199, .flags = BF_FIELD_EXTRA),
    EMP("disability", N_("Disability"), IK_ENUM, disability, .ek = BF_ENUM_DISABILITY,
        .flags = BF_FIELD_EXTRA),
    EMP("disability_grade", N_("Disability grade"), IK_INT, disability_grade, .width = 3,
        .max_chars = 1, .lo = 1, .hi = 4, .flags = BF_FIELD_EXTRA),
    EMP("hukou", N_("Hukou type"), IK_ENUM, hukou, .ek = BF_ENUM_HUKOU, .flags = BF_FIELD_EXTRA),
    EMP("insurance", N_("Medical insurance"), IK_ENUM, insurance, .ek = BF_ENUM_INSURANCE,
        .flags = BF_FIELD_EXTRA),
    CASE("phone", N_("Phone"), IK_PHONE, phone, .width = 16, .max_chars = 16),
    CASE("department", N_("Department"), IK_STR, department, .width = 30,
         .max_chars = TEXT_MAX_CHARS),
    CASE("employer", N_("Employer"), IK_STR, employer, .width = 40, .max_chars = TEXT_MAX_CHARS,
         .flags = BF_FIELD_EXTRA),
    CASE("employer_type", N_("Employer type"), IK_STR, employer_type, .width = 20,
         .max_chars = NAME_MAX_CHARS, .flags = BF_FIELD_EXTRA),
    CASE("industry", N_("Industry"), IK_STR, industry, .width = 20, .max_chars = NAME_MAX_CHARS,
         .flags = BF_FIELD_EXTRA),
    CASE("enterprise_status", N_("Enterprise status"), IK_STR, enterprise_status, .width = 20,
         .max_chars = NAME_MAX_CHARS, .flags = BF_FIELD_EXTRA),
    CASE("model_worker", N_("Model worker level"), IK_STR, model_worker, .width = 20,
         .max_chars = NAME_MAX_CHARS, .flags = BF_FIELD_EXTRA),
    CASE("housing_type", N_("Housing type"), IK_STR, housing_type, .width = 20,
         .max_chars = NAME_MAX_CHARS, .flags = BF_FIELD_EXTRA),
    CASE("housing_area", N_("Floor area (m2)"), IK_INT, housing_area_m2, .width = 6, .max_chars = 5,
         .lo = 0, .hi = 99999, .flags = BF_FIELD_EXTRA),
    CASE("postcode", N_("Postcode"), IK_POSTCODE, postcode, .width = 8, .max_chars = 6,
         .flags = BF_FIELD_EXTRA),
    CASE("address", N_("Address"), IK_STR, address, .width = 50, .max_chars = LONG_MAX_CHARS,
         .flags = BF_FIELD_EXTRA),
    CASE("work_start", N_("Start of work"), IK_DATE, work_start, .flags = BF_FIELD_EXTRA),
    EMP("income", N_("Monthly income"), IK_MONEY, monthly_income),
    EMP("proof", N_("Income proof"), IK_ENUM, proof, .ek = BF_ENUM_PROOF),
};

static const struct idef members_head = IDEF_HEAD(N_("Household members"));
/* the five clears' heading, replaced on screen by what is missing */
static const char clears_label[] = N_("Five clears");

static const struct idef case_defs[] = {
    IDEF_HEAD(N_("Hardship")),
    CASE("primary_cause", N_("Primary cause"), IK_CAUSE, primary_cause),
    CASE("secondary_cause.0", N_("Secondary cause 1"), IK_CAUSE, secondary_causes[0],
         .flags = BF_FIELD_EXTRA),
    CASE("secondary_cause.1", N_("Secondary cause 2"), IK_CAUSE, secondary_causes[1],
         .flags = BF_FIELD_EXTRA),
    CASE("secondary_cause.2", N_("Secondary cause 3"), IK_CAUSE, secondary_causes[2],
         .flags = BF_FIELD_EXTRA),
    CASE("single_parent", N_("Single parent"), IK_BOOL, single_parent, .flags = BF_FIELD_EXTRA),
    CASE("zero_employment", N_("Zero-employment family"), IK_BOOL, zero_employment,
         .flags = BF_FIELD_EXTRA),
    CASE("accident_year", N_("Accident/disaster year"), IK_INT, accident_year, .width = 6,
         .max_chars = 4, .lo = 1900, .hi = 2199, .flags = BF_FIELD_EXTRA),
    CASE("medical_cost_year", N_("Medical cost this year"), IK_MONEY, medical_cost_year,
         .flags = BF_FIELD_EXTRA),
    CASE("disaster_loss", N_("Disaster loss"), IK_MONEY, disaster_loss, .flags = BF_FIELD_EXTRA),
    CASE("other_income_year", N_("Other income per year"), IK_MONEY, other_income_year,
         .flags = BF_FIELD_EXTRA),
    IDEF_HEAD(clears_label),
    CASE("family_situation", N_("Family situation"), IK_STR, family_situation, .width = 50,
         .max_chars = LONG_MAX_CHARS),
    CASE("hardship_cause_text", N_("Cause of hardship"), IK_STR, hardship_cause_text, .width = 50,
         .max_chars = LONG_MAX_CHARS),
    CASE("state_of_mind", N_("State of mind"), IK_STR, state_of_mind, .width = 50,
         .max_chars = LONG_MAX_CHARS),
    CASE("skills", N_("Skills"), IK_STR, skills, .width = 50, .max_chars = LONG_MAX_CHARS),
    CASE("employment_wish", N_("Employment wishes"), IK_STR, employment_wish, .width = 50,
         .max_chars = LONG_MAX_CHARS),
    IDEF_HEAD(N_("Bank (aid is paid to the employee's own card)")),
    CASE("bank_name", N_("Bank"), IK_STR, bank_name, .width = 30, .max_chars = TEXT_MAX_CHARS),
    CASE("bank_branch", N_("Branch"), IK_STR, bank_branch, .width = 30,
         .max_chars = TEXT_MAX_CHARS),
    CASE("bank_card", N_("Card number"), IK_CARD, bank_card),
    IDEF_HEAD(N_("Sign-off")),
    CASE("created_by", N_("Filed by"), IK_STR, created_by, .width = 16, .max_chars = NAME_MAX_CHARS,
         .flags = BF_FIELD_EXTRA),
    CASE("keyed_by", N_("Keyed in by"), IK_STR, keyed_by, .width = 16, .max_chars = NAME_MAX_CHARS,
         .flags = BF_FIELD_EXTRA),
    CASE("unit_opinion", N_("Unit opinion"), IK_STR, unit_opinion, .width = 50,
         .max_chars = LONG_MAX_CHARS, .flags = BF_FIELD_EXTRA),
    CASE("union_opinion", N_("Union opinion"), IK_STR, union_opinion, .width = 50,
         .max_chars = LONG_MAX_CHARS, .flags = BF_FIELD_EXTRA),
};

/* ---- the screen's state --------------------------------------------------------- */

#define MAX_FIELDS 128
#define ROW_HEAD (-2)
#define ROW_HINT (-3)
#define ROW_NONE (-1)

struct intake {
	struct bf_screen base;
	struct bf_app *app;
	struct bf_ctx *ctx;
	bf_db *db;
	struct bf_case c; /* the case as typed */
	/* the file as loaded or last saved here (NULL while new): what a save
	 * that meets another operator's change is merged against */
	struct bf_case *loaded;
	struct bf_year_settings settings;
	struct bf_assessment as;
	struct bf_form form;
	/* per form index: its definition (NULL for member rows), its member row */
	const struct idef *fdef[MAX_FIELDS];
	int frow[MAX_FIELDS];
	char row_key[BF_MAX_MEMBERS][32];
	char row_label[BF_MAX_MEMBERS][64];
	struct raw_set raw;                  /* main form text not in the case */
	struct raw_set mraw[BF_MAX_MEMBERS]; /* per member, from the sub-form */
	bool dirty;                          /* changed since loaded or saved */
	bool draft_pending;                  /* changed since the last draft */
	bool jumped;      /* a section jump: its title to the top at the next draw */
	bool idle_failed; /* a draft failed on a pause: wait for the next change */
	bool draft_warned;
	char note[96]; /* "Draft kept 14:03:22" */
	/* a new file's employee: the status and income proof suggested (see
	 * member_suggest); "" for a file saved before */
	char auto_status[24], auto_proof[24];
	char clears_head[320]; /* "Five clears (missing: ...)" */
	struct bf_screen *member_scr;
	size_t member_idx;
	void (*on_saved)(void *ud, int64_t case_id);
	void *ud;
	struct bf_keysrc inner_keys;
	bool keys_wrapped;
	/* this operator's copies of form_ops and row_ops: the workflow actions
	 * the role may not take are left out */
	struct bf_screen_ops fops, rops;
	enum bf_action facts[24], racts[24];
};

static const struct bf_screen_ops form_ops, row_ops;
static void intake_draw(struct bf_screen *s, WINDOW *w, struct bf_rect body);

struct bf_case *intake_case(struct intake *in)
{
	return &in->c;
}

struct raw_set *intake_mraw(struct intake *in, size_t m)
{
	return &in->mraw[m < BF_MAX_MEMBERS ? m : 0];
}

bf_date intake_today(const struct intake *in)
{
	return in->ctx->today;
}

struct intake *intake_of(struct bf_screen *s)
{
	return s && s->ops && s->ops->draw == intake_draw ? (struct intake *)s : NULL;
}

struct bf_form *intake_form(struct bf_screen *s)
{
	struct intake *in = intake_of(s);
	return in ? &in->form : NULL;
}

/* ---- small text helpers ------------------------------------------------------- */

/* Append text cut to `width` columns (never a wide character in half), padded
 * to exactly width (right-aligned if right). */
static void put_col(char *buf, size_t n, const char *text, int width, bool right)
{
	wchar_t w[256];
	size_t len = bf_utf8_decode(text, w, BF_ARRAY_LEN(w));
	int used = 0;
	size_t k = 0;
	while (k < len && used + bf_wc_width(w[k]) <= width)
		used += bf_wc_width(w[k++]);
	char piece[1024];
	bf_utf8_encode(w, k, piece, sizeof piece);
	size_t o = strlen(buf);
	int pad = width - used;
	if (right)
		for (; pad > 0 && o + 1 < n; pad--)
			buf[o++] = ' ';
	buf[o] = 0;
	bf_strlcpy(buf + o, piece, n - o);
	o = strlen(buf);
	for (; pad > 0 && o + 1 < n; pad--)
		buf[o++] = ' ';
	buf[o] = 0;
}

/* Text shortened to width columns, ending in "…" when cut (as everywhere). */
static void shorten(const char *text, int width, char *out, size_t n)
{
	out[0] = 0;
	if (bf_str_width(text) <= width) {
		bf_strlcpy(out, text, n);
		return;
	}
	if (width <= 1) {
		put_col(out, n, "…", width, false);
		return;
	}
	put_col(out, n, text, width - 1, false);
	/* put_col pads; strip the padding before the sign */
	size_t l = strlen(out);
	while (l > 0 && out[l - 1] == ' ')
		out[--l] = 0;
	bf_strlcpy(out + l, "…", n - l);
}

static int maxi(int a, int b)
{
	return a > b ? a : b;
}

static int mini(int a, int b)
{
	return a < b ? a : b;
}

static const char *member_display_name(const struct bf_case *c, size_t i)
{
	const char *name = c->members[i].name;
	if (!bf_blank(name))
		return name;
	return bf_enum_label(BF_ENUM_RELATION, c->members[i].relation);
}

/* The same words as the domain's problems: "Employee (张三)", "Member 2 (李四)". */
static void member_label(const struct bf_case *c, size_t i, char *buf, size_t n)
{
	const char *name = c->members[i].name;
	if (i == 0 && bf_blank(name))
		snprintf(buf, n, "%s", _("Employee"));
	else if (i == 0)
		snprintf(buf, n, _("Employee (%s)"), name);
	else if (bf_blank(name))
		snprintf(buf, n, _("Member %zu"), i + 1);
	else
		snprintf(buf, n, _("Member %zu (%s)"), i + 1, name);
}

/* ---- building the form ---------------------------------------------------------- */

static enum bf_check main_check(struct bf_form *f, int idx, bf_error *err, void *user);
static void main_leave(struct bf_form *f, int idx, void *user);

static int add_def(struct intake *in, const struct idef *d)
{
	struct bf_field_spec sp;
	idef_spec(d, &sp);
	int idx = bf_form_add(&in->form, &sp);
	idef_setup(d, &in->form, idx);
	if (idx < MAX_FIELDS) {
		in->fdef[idx] = d;
		in->frow[idx] = ROW_NONE;
	}
	return idx;
}

static int add_row(struct intake *in, const char *key, const char *label, unsigned flags, int row)
{
	struct bf_field_spec sp = {.key = key,
	                           .label = label,
	                           .type = BF_FIELD_TEXT,
	                           .width = 200,
	                           .max_chars = 250,
	                           .flags = flags};
	int idx = bf_form_add(&in->form, &sp);
	if (idx < MAX_FIELDS) {
		in->fdef[idx] = NULL;
		in->frow[idx] = row;
	}
	return idx;
}

static void refresh_row_labels(struct intake *in)
{
	for (size_t i = 0; i < in->c.n_members; i++) {
		const char *name = in->c.members[i].name;
		if (bf_blank(name))
			shorten(i == 0 ? _("(employee)") : _("(no name)"), 12, in->row_label[i],
			        sizeof in->row_label[i]);
		else
			shorten(name, 12, in->row_label[i], sizeof in->row_label[i]);
	}
}

static void build_form(struct intake *in)
{
	bf_form_init(&in->form, in->app, in->ctx->today);
	in->form.check = main_check;
	in->form.on_leave = main_leave;
	in->form.user = in;
	for (size_t i = 0; i < BF_ARRAY_LEN(employee_defs); i++)
		add_def(in, &employee_defs[i]);
	add_def(in, &members_head);
	refresh_row_labels(in);
	add_row(in, "members.head", N_("Name"), BF_FIELD_READONLY, ROW_HEAD);
	for (size_t i = 0; i < in->c.n_members; i++) {
		snprintf(in->row_key[i], sizeof in->row_key[i], "member.%zu", i);
		add_row(in, in->row_key[i], in->row_label[i], 0, (int)i);
	}
	int hint = add_row(in, "members.hint", " ", BF_FIELD_READONLY, ROW_HINT);
	char add[32], rm[32], up[32], down[32], text[256];
	bf_action_key_label(BF_ACT_MEMBER_ADD, true, add, sizeof add);
	bf_action_key_label(BF_ACT_MEMBER_REMOVE, true, rm, sizeof rm);
	bf_action_key_label(BF_ACT_MEMBER_UP, true, up, sizeof up);
	bf_action_key_label(BF_ACT_MEMBER_DOWN, true, down, sizeof down);
	snprintf(text, sizeof text, _("Enter opens a member  %s adds  %s removes  %s/%s move"), add,
	         rm, up, down);
	bf_form_set(&in->form, hint, text);
	for (size_t i = 0; i < BF_ARRAY_LEN(case_defs); i++)
		add_def(in, &case_defs[i]);
}

static int row_index(const struct intake *in, int row)
{
	for (int i = 0; i < in->form.n && i < MAX_FIELDS; i++)
		if (in->frow[i] == row)
			return i;
	return -1;
}

static int focused_row(const struct intake *in)
{
	int f = in->form.focus;
	return f >= 0 && f < MAX_FIELDS && f < in->form.n && in->fdef[f] == NULL && in->frow[f] >= 0
	           ? in->frow[f]
	           : -1;
}

static void struct_to_form(struct intake *in)
{
	for (int i = 0; i < in->form.n && i < MAX_FIELDS; i++)
		if (in->fdef[i])
			idef_put(in->fdef[i], &in->form, i, &in->c, &in->c.members[0]);
}

/* Rebuild after the member rows changed, keeping every field's text and
 * message. focus_row >= 0 focuses that member's row. */
static void rebuild(struct intake *in, int focus_row)
{
	struct bf_form old = in->form;
	const char *old_key = NULL;
	if (old.focus >= 0 && in->fdef[old.focus])
		old_key = old.fields[old.focus].spec.key;
	build_form(in);
	for (int j = 0; j < in->form.n && j < MAX_FIELDS; j++) {
		if (!in->fdef[j] || !in->fdef[j]->key)
			continue;
		int i = bf_form_find(&old, in->fdef[j]->key);
		if (i < 0)
			continue;
		char text[1024];
		bf_form_get(&old, i, text, sizeof text);
		bf_form_set(&in->form, j, text);
		struct bf_field *nf = &in->form.fields[j], *of = &old.fields[i];
		nf->state = of->state;
		nf->checked = of->checked;
		nf->value = of->value;
		memcpy(nf->msg, of->msg, sizeof nf->msg);
	}
	in->form.top = old.top;
	int fi = -1;
	if (focus_row >= 0)
		fi = row_index(in, focus_row);
	else if (old_key)
		fi = bf_form_find(&in->form, old_key);
	if (fi >= 0)
		in->form.focus = fi;
	bf_form_free(&old);
}

/* ---- form <-> case, assessment ------------------------------------------------- */

static void absorb_dirty(struct intake *in)
{
	if (in->form.dirty) {
		in->dirty = true;
		in->draft_pending = true;
		in->idle_failed = false;
		in->form.dirty = false;
	}
}

void intake_touched(struct intake *in)
{
	in->dirty = true;
	in->draft_pending = true;
	in->idle_failed = false;
}

static void form_to_struct(struct intake *in)
{
	in->raw.n = 0;
	for (int i = 0; i < in->form.n && i < MAX_FIELDS; i++) {
		const struct idef *d = in->fdef[i];
		if (!d || !d->key)
			continue;
		if (!idef_get(d, &in->form, i, &in->c, &in->c.members[0])) {
			char text[1024];
			bf_form_get(&in->form, i, text, sizeof text);
			raw_add(&in->raw, d->key, text, in->form.fields[i].msg);
		}
	}
	in->c.members[0].relation = BF_REL_SELF;
	/* the employee's birth date follows the ID number */
	struct bf_idcard_info info;
	bf_error err;
	if (bf_idcard_validate(in->c.members[0].id_number, BF_DATE_NONE, &info, &err))
		bf_date_format(info.birth, in->c.members[0].birth_date);
}

static void update_sex_birth(struct intake *in)
{
	int idx = bf_form_find(&in->form, "sex_birth");
	struct bf_idcard_info info;
	bf_error err;
	char text[160] = "";
	if (bf_idcard_validate(in->c.members[0].id_number, in->ctx->today, &info, &err)) {
		char d[11];
		bf_date_format(info.birth, d);
		int y, m, day, ty, tm, td;
		bf_date_to_ymd(info.birth, &y, &m, &day);
		bf_date_to_ymd(in->ctx->today, &ty, &tm, &td);
		int age = ty - y - (tm < m || (tm == m && td < day) ? 1 : 0);
		snprintf(text, sizeof text, _("%s, born %s, age %d"),
		         info.sex == BF_SEX_FEMALE ? _("Female") : _("Male"), d, age);
	} else {
		snprintf(text, sizeof text, "%s", _("(from the ID number)"));
	}
	bf_form_set(&in->form, idx, text);
}

/* The five clears' heading says which are still missing: the file cannot
 * go past "documents complete" without them. */
static void clears_heading(struct intake *in)
{
	struct bf_wf_facts f;
	bf_wf_facts_init(&f);
	bf_wf_facts_from_case(&f, &in->c);
	if (f.five_clears_missing[0])
		snprintf(in->clears_head, sizeof in->clears_head, _("Five clears (missing: %s)"),
		         f.five_clears_missing);
	else
		snprintf(in->clears_head, sizeof in->clears_head, "%s", _("Five clears"));
	for (int i = 0; i < in->form.n; i++)
		if (in->fdef[i] && in->fdef[i]->kind == IK_HEAD &&
		    in->fdef[i]->label == clears_label)
			in->form.fields[i].spec.label = in->clears_head;
}

static void recompute(struct intake *in)
{
	absorb_dirty(in);
	form_to_struct(in);
	if (in->member_scr)
		member_sync(in->member_scr);
	bf_assess(&in->c, &in->settings, &in->as);
	update_sex_birth(in);
	refresh_row_labels(in);
	clears_heading(in);
}

/* ---- drafts -------------------------------------------------------------------- */

static void put_escaped(char **buf, size_t *len, size_t *cap, const char *s)
{
	for (; *s; s++) {
		const char *rep = NULL;
		char one[2] = {*s, 0};
		switch (*s) {
		case '\\':
			rep = "\\\\";
			break;
		case '\t':
			rep = "\\t";
			break;
		case '\n':
			rep = "\\n";
			break;
		case '\r':
			rep = "\\r";
			break;
		default:
			rep = one;
		}
		size_t l = strlen(rep);
		if (*len + l + 1 > *cap) {
			size_t nc = (*cap + l + 1) * 2;
			char *nb = realloc(*buf, nc);
			if (!nb)
				abort();
			*buf = nb;
			*cap = nc;
		}
		memcpy(*buf + *len, rep, l);
		*len += l;
		(*buf)[*len] = 0;
	}
}

static void put_raw(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t l = strlen(s);
	if (*len + l + 1 > *cap) {
		size_t nc = (*cap + l + 1) * 2;
		char *nb = realloc(*buf, nc);
		if (!nb)
			abort();
		*buf = nb;
		*cap = nc;
	}
	memcpy(*buf + *len, s, l + 1);
	*len += l;
}

static char *draft_text(struct intake *in)
{
	char *buf = bf_case_to_text(&in->c);
	if (!buf)
		return NULL;
	size_t len = strlen(buf), cap = len + 1;
	if (len && buf[len - 1] != '\n')
		put_raw(&buf, &len, &cap, "\n");
	for (int i = 0; i < in->raw.n; i++) {
		put_raw(&buf, &len, &cap, "ui.raw.");
		put_raw(&buf, &len, &cap, in->raw.e[i].key);
		put_raw(&buf, &len, &cap, "\t");
		put_escaped(&buf, &len, &cap, in->raw.e[i].text);
		put_raw(&buf, &len, &cap, "\n");
	}
	for (size_t m = 0; m < in->c.n_members; m++) {
		for (int i = 0; i < in->mraw[m].n; i++) {
			char key[96];
			snprintf(key, sizeof key, "ui.mraw.%zu.%s\t", m, in->mraw[m].e[i].key);
			put_raw(&buf, &len, &cap, key);
			put_escaped(&buf, &len, &cap, in->mraw[m].e[i].text);
			put_raw(&buf, &len, &cap, "\t");
			put_escaped(&buf, &len, &cap, in->mraw[m].e[i].msg);
			put_raw(&buf, &len, &cap, "\n");
		}
	}
	int f = in->form.focus;
	if (f >= 0 && f < in->form.n && in->form.fields[f].spec.key) {
		put_raw(&buf, &len, &cap, "ui.focus\t");
		put_escaped(&buf, &len, &cap, in->form.fields[f].spec.key);
		put_raw(&buf, &len, &cap, "\n");
	}
	return buf;
}

static bool unescape_in_place(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (*p != '\\') {
			*o++ = *p;
			continue;
		}
		switch (*++p) {
		case '\\':
			*o++ = '\\';
			break;
		case 't':
			*o++ = '\t';
			break;
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		default:
			return false;
		}
	}
	*o = 0;
	return true;
}

/* The "ui.*" lines of a draft: raw texts and the focused field. */
static void parse_draft_extras(struct intake *in, const char *text, char *focus, size_t fn)
{
	focus[0] = 0;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len > 3 && strncmp(p, "ui.", 3) == 0 && len < 2048) {
			char line[2048];
			memcpy(line, p, len);
			line[len] = 0;
			char *tab = strchr(line, '\t');
			if (tab) {
				*tab = 0;
				char *val = tab + 1, *msg = strchr(val, '\t');
				if (msg)
					*msg++ = 0;
				bool ok =
				    unescape_in_place(val) && (!msg || unescape_in_place(msg));
				if (ok && strncmp(line, "ui.raw.", 7) == 0) {
					raw_add(&in->raw, line + 7, val, msg);
				} else if (ok && strncmp(line, "ui.mraw.", 8) == 0) {
					char *end;
					unsigned long m = strtoul(line + 8, &end, 10);
					if (*end == '.' && m < in->c.n_members)
						raw_add(&in->mraw[m], end + 1, val, msg);
				} else if (ok && strcmp(line, "ui.focus") == 0) {
					bf_strlcpy(focus, val, fn);
				}
			}
		}
		p = nl ? nl + 1 : p + len;
	}
}

int intake_keep_draft(struct intake *in)
{
	recompute(in);
	if (!in->dirty)
		return 0;
	char *text = draft_text(in);
	bf_error err = {{0}};
	int rc = text ? bf_draft_save(in->db, in->c.id, text, &err) : -1;
	free(text);
	if (rc != 0) {
		if (!in->draft_warned)
			bf_app_msg(in->app, BF_MSG_WARN, _("Could not keep a draft: %s"),
			           err.msg[0] ? err.msg : _("out of memory"));
		in->draft_warned = true;
		return -1;
	}
	in->draft_warned = false;
	in->draft_pending = false;
	time_t t = time(NULL);
	struct tm tm;
	char hm[16] = "";
	if (localtime_r(&t, &tm))
		strftime(hm, sizeof hm, "%H:%M:%S", &tm);
	snprintf(in->note, sizeof in->note, _("Draft kept %s"), hm);
	return 0;
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

/* ---- checks and leaving fields ------------------------------------------------------ */

static bool all_digits_n(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* A landline as the domain accepts it: [0 + 2–3 digits -] 7–8 digits, or the
 * area code run together. */
static bool landline_like(const char *text)
{
	char buf[64];
	size_t o = 0;
	for (const char *p = text; *p && o + 1 < sizeof buf; p++)
		if (*p != ' ')
			buf[o++] = *p;
	buf[o] = 0;
	char *dash = strchr(buf, '-');
	if (dash) {
		*dash = 0;
		size_t al = strlen(buf);
		if ((al != 3 && al != 4) || buf[0] != '0' || !all_digits_n(buf, al))
			return false;
		size_t ll = strlen(dash + 1);
		return (ll == 7 || ll == 8) && all_digits_n(dash + 1, ll);
	}
	size_t l = strlen(buf);
	if (l == 7 || l == 8)
		return all_digits_n(buf, l);
	return buf[0] == '0' && l >= 10 && l <= 12 && all_digits_n(buf, l);
}

static void get_text(const struct bf_form *f, const char *key, char *out, size_t n)
{
	bf_form_get(f, bf_form_find(f, key), out, n);
	bf_trim(out);
}

enum bf_check intake_member_check(struct bf_form *f, const char *key, bf_error *err)
{
	char v[64], other[64];
	if (strcmp(key, "birth_date") == 0) {
		bf_date d;
		get_text(f, key, v, sizeof v);
		if (v[0] && f->today && bf_date_parse(v, &d) && d > f->today) {
			bf_error_set(err, "%s", _("The birth date is after today."));
			return BF_CHECK_ERROR;
		}
	} else if (strcmp(key, "diagnosis_year") == 0) {
		get_text(f, "health", other, sizeof other);
		get_text(f, key, v, sizeof v);
		if (strcmp(other, "major") == 0 && !v[0]) {
			bf_error_set(err, "%s",
			             _("Enter the year the major illness was diagnosed."));
			return BF_CHECK_ERROR;
		}
	} else if (strcmp(key, "disability_grade") == 0) {
		get_text(f, "disability", other, sizeof other);
		get_text(f, key, v, sizeof v);
		if (strcmp(other, "none") != 0 && !v[0]) {
			bf_error_set(err, "%s", _("Enter the disability grade, 1 to 4."));
			return BF_CHECK_ERROR;
		}
		if (strcmp(other, "none") == 0 && v[0]) {
			bf_error_set(err, "%s",
			             _("No disability is chosen: choose one or clear the grade."));
			return BF_CHECK_ERROR;
		}
	}
	return BF_CHECK_OK;
}

static enum bf_check main_check(struct bf_form *f, int idx, bf_error *err, void *user)
{
	(void)user;
	const char *key = f->fields[idx].spec.key;
	if (!key)
		return BF_CHECK_OK;
	char v[256];
	get_text(f, key, v, sizeof v);
	if (strcmp(key, "phone") == 0 && v[0]) {
		char norm[12];
		bf_error e;
		if (!bf_mobile_validate(v, norm, &e) && !landline_like(v)) {
			bf_error_set(err, "%s",
			             _("Enter a mobile number (11 digits) or a landline such as "
			               "010-12345678."));
			return BF_CHECK_ERROR;
		}
	} else if (strcmp(key, "postcode") == 0 && v[0] && !all_digits_n(v, 6)) {
		bf_error_set(err, "%s", _("A postcode has 6 digits."));
		return BF_CHECK_ERROR;
	} else if (strncmp(key, "secondary_cause.", 16) == 0 && strcmp(v, "none") != 0) {
		char p[64];
		get_text(f, "primary_cause", p, sizeof p);
		if (strcmp(p, v) == 0) {
			bf_error_set(err, "%s", _("This is already the primary cause."));
			return BF_CHECK_ERROR;
		}
		if (strcmp(p, "none") == 0) {
			bf_error_set(err, "%s", _("Choose the primary cause first."));
			return BF_CHECK_ERROR;
		}
		int k = key[16] - '0';
		for (int j = 0; j < k; j++) {
			char o[64], ok[32];
			snprintf(ok, sizeof ok, "secondary_cause.%d", j);
			get_text(f, ok, o, sizeof o);
			if (strcmp(o, v) == 0) {
				bf_error_set(err, "%s", _("This cause is already listed."));
				return BF_CHECK_ERROR;
			}
		}
	} else {
		return intake_member_check(f, key, err);
	}
	return BF_CHECK_OK;
}

static void main_leave(struct bf_form *f, int idx, void *user)
{
	(void)idx;
	struct intake *in = user;
	member_suggest(f, in->ctx->today, in->auto_status, in->auto_proof, sizeof in->auto_status);
	absorb_dirty(in);
	recompute(in);
	if (in->draft_pending)
		intake_keep_draft(in);
}

void intake_field_left(struct intake *in)
{
	recompute(in);
	if (in->draft_pending)
		intake_keep_draft(in);
}

/* ---- layout and the live panel --------------------------------------------------- */

void intake_split(struct bf_rect body, struct bf_rect *form, struct bf_rect *panel, bool *strip)
{
	if (body.w >= 110) {
		int pw = mini(body.w - 70, 50);
		*panel = (struct bf_rect){body.y, body.x + body.w - pw, body.h, pw};
		*form = (struct bf_rect){body.y, body.x, body.h, body.w - pw - 1};
		*strip = false;
	} else {
		int sh = body.h >= 30 ? body.h / 3 : 7;
		if (sh > body.h - 6)
			sh = maxi(body.h - 6, 1);
		*form = (struct bf_rect){body.y, body.x, body.h - sh, body.w};
		*panel = (struct bf_rect){body.y + body.h - sh, body.x, sh, body.w};
		*strip = true;
	}
}

struct pitem {
	char text[1200];
	attr_t attr;
	int need, give;
	int indent; /* continuation lines */
};

/* Lines text takes at width (continuations indented). */
static int wrap_lines(const char *text, int width, int indent, int limit)
{
	wchar_t w[1200];
	size_t n = bf_utf8_decode(text, w, BF_ARRAY_LEN(w));
	int lines = 0;
	for (size_t i = 0; i < n && lines < limit; lines++) {
		int ww = lines ? width - indent : width;
		if (ww < 1)
			ww = 1;
		size_t len = bf_wrap_len(w + i, n - i, ww);
		i += len;
		while (i < n && w[i] == ' ')
			i++;
	}
	return lines ? lines : 1;
}

/* Draw text in `rows` lines from (y, x); when it needs more, the last line
 * ends with "…". */
static void draw_wrapped(WINDOW *win, int y, int x, int width, int rows, const char *text,
                         int indent, attr_t a)
{
	wchar_t w[1200];
	size_t n = bf_utf8_decode(text, w, BF_ARRAY_LEN(w));
	size_t i = 0;
	for (int line = 0; line < rows && i < n; line++) {
		int lx = x + (line ? indent : 0);
		int ww = width - (line ? indent : 0);
		if (ww < 1)
			break;
		size_t len = bf_wrap_len(w + i, n - i, ww);
		size_t next = i + len;
		while (next < n && w[next] == ' ')
			next++;
		if (line == rows - 1 && next < n) {
			/* the last line and more to come: cut and mark */
			size_t k = 0;
			int used = 0;
			while (i + k < n && w[i + k] != '\n' &&
			       used + bf_wc_width(w[i + k]) <= ww - 1)
				used += bf_wc_width(w[i + k++]);
			bf_draw_wcs(win, y + line, lx, ww, w + i, k, a);
			bf_draw_str(win, y + line, lx + used, 1, "…", a);
			return;
		}
		bf_draw_wcs(win, y + line, lx, ww, w + i, len, a);
		i = next;
	}
}

/* Give rows to items: one each, then the spare rows round by round in the
 * order of `order`. */
static void allot(struct pitem *it, int n, int rows, const int *order)
{
	int spare = rows - n;
	for (int i = 0; i < n; i++)
		it[i].give = 1;
	bool more = true;
	while (spare > 0 && more) {
		more = false;
		for (int k = 0; k < n && spare > 0; k++) {
			struct pitem *p = &it[order[k]];
			if (p->give < p->need) {
				p->give++;
				spare--;
				more = true;
			}
		}
	}
}

static void member_tag(const struct intake *in, size_t i, char *out, size_t n)
{
	const struct bf_member_count *mc = &in->as.members[i];
	snprintf(out, n, "%s %s: %s", mc->counted ? "✓" : "✗", member_display_name(&in->c, i),
	         mc->reason);
}

static void per_capita_text(const struct intake *in, bool brief, char *out, size_t n)
{
	char pc[32], mw[32];
	bf_money_format(in->as.per_capita, pc, sizeof pc);
	if (in->as.household_size <= 0) {
		snprintf(out, n, "%s", _("Per capita: nobody is counted"));
		return;
	}
	if (in->as.yearly_total == 0) {
		snprintf(out, n, "%s", _("Per capita 0.00 (no income yet)"));
		return;
	}
	if (in->as.any_imputed && !brief) {
		bf_money_format(in->settings.min_wage, mw, sizeof mw);
		snprintf(out, n, _("Per capita %s yuan a month (minimum wage %s imputed)"), pc, mw);
	} else {
		snprintf(out, n, _("Per capita %s yuan a month"), pc);
	}
}

/* brief: for category 2 the special hardship (or its absence) comes first,
 * the income comparison (as in category 1) after it. */
static void cat_text(const struct intake *in, int k, bool brief, char *out, size_t n)
{
	const char *reason = in->as.cat[k].reason;
	char re[1024];
	const char *sep = NULL;
	size_t sl = 0;
	if (brief && k == BF_CAT_2) {
		const char *a = strstr(reason, "; "), *b = strstr(reason, "；");
		if (a && (!b || a < b)) {
			sep = a;
			sl = 2;
		} else if (b) {
			sep = b;
			sl = strlen("；");
		}
	}
	if (sep && sep[sl]) {
		snprintf(re, sizeof re, "%s%.*s%.*s", sep + sl, (int)sl, sep, (int)(sep - reason),
		         reason);
		reason = re;
	}
	snprintf(out, n, "%s %s: %s", in->as.cat[k].match ? "✓" : "✗",
	         bf_category_label((enum bf_category)k), reason);
}

void intake_draw_panel(struct intake *in, WINDOW *w, struct bf_rect r, bool strip)
{
	if (r.h <= 0 || r.w <= 4)
		return;
	static struct pitem it[BF_MAX_MEMBERS + 12];
	int n = 0, order[BF_MAX_MEMBERS + 12], no = 0;
	char size_text[128];
	int listed = (int)in->c.n_members;
	if (listed > in->as.household_size)
		snprintf(size_text, sizeof size_text, _("Household %d (of %d listed)"),
		         in->as.household_size, listed);
	else
		snprintf(size_text, sizeof size_text, _("Household %d"), in->as.household_size);
	char pc[256];
	per_capita_text(in, strip, pc, sizeof pc);

	int x = r.x, width = r.w;
	if (!strip) {
		/* a rule between the form and the panel */
		for (int y = r.y; y < r.y + r.h; y++)
			bf_put_ch(w, y, r.x - 1, '|');
		x = r.x + 1;
		width = r.w - 1;
	}

	/* the header: household and per capita (strip), or the year (column) */
	char head[512];
	if (strip)
		snprintf(head, sizeof head, " %s | %s ", size_text, pc);
	else
		snprintf(head, sizeof head, _("Assessment %d"), in->c.year);
	attr_t ha = strip ? bf_attr(BF_ATTR_FOCUS) : A_BOLD;
	if (strip)
		bf_fill(w, r.y, r.x, r.w, ha);
	int nw = in->note[0] ? bf_str_width(in->note) + 2 : 0;
	if (nw > width / 3)
		nw = 0;
	char hs[512];
	shorten(head, width - nw, hs, sizeof hs);
	bf_draw_str(w, r.y, x, width - nw, hs, ha);
	if (nw && strip)
		bf_draw_str(w, r.y, x + width - nw + 1, nw - 1, in->note, ha);
	int y0 = r.y + 1, rows = r.h - 1;
	if (!strip && nw) {
		rows--; /* the note goes on the last row */
		bf_draw_str(w, r.y + r.h - 1, x, width, in->note, A_NORMAL);
	}
	if (rows <= 0)
		return;

	if (!strip) {
		struct pitem *p = &it[n++];
		memset(p, 0, sizeof *p);
		bf_strlcpy(p->text, size_text, sizeof p->text);
		p->attr = A_BOLD;
	}
	/* members: one item each in the column if they fit, else one line */
	int cats = BF_CAT_COUNT + (strip ? 0 : 1);
	bool each = !strip && n + (int)in->c.n_members + cats + 1 <= rows;
	int first_member = n;
	if (each) {
		for (size_t i = 0; i < in->c.n_members; i++) {
			struct pitem *p = &it[n++];
			memset(p, 0, sizeof *p);
			member_tag(in, i, p->text, sizeof p->text);
			p->indent = 2;
		}
	} else {
		struct pitem *p = &it[n++];
		memset(p, 0, sizeof *p);
		for (size_t i = 0; i < in->c.n_members; i++) {
			const struct bf_member_count *mc = &in->as.members[i];
			char one[300];
			if (!mc->counted)
				snprintf(one, sizeof one, "✗%s (%s)",
				         member_display_name(&in->c, i), mc->reason);
			else if (mc->imputed)
				snprintf(one, sizeof one, "✓%s (%s)",
				         member_display_name(&in->c, i), _("minimum wage"));
			else
				snprintf(one, sizeof one, "✓%s", member_display_name(&in->c, i));
			size_t l = strlen(p->text);
			snprintf(p->text + l, sizeof p->text - l, "%s%s", l ? "  " : "", one);
		}
		p->indent = 2;
	}
	int last_member = n;
	if (!strip) {
		struct pitem *p = &it[n++];
		memset(p, 0, sizeof *p);
		bf_strlcpy(p->text, pc, sizeof p->text);
		p->attr = A_BOLD;
		p->indent = 2;
	}
	int first_cat = n;
	for (int k = 0; k < BF_CAT_COUNT; k++) {
		struct pitem *p = &it[n++];
		memset(p, 0, sizeof *p);
		cat_text(in, k, true, p->text, sizeof p->text);
		p->attr = in->as.cat[k].match ? A_BOLD : A_NORMAL;
		p->indent = 2;
	}
	for (int i = 0; i < n; i++)
		it[i].need = wrap_lines(it[i].text, width, it[i].indent, rows);
	/* spare rows: categories first, then the members */
	for (int i = first_cat; i < n; i++)
		order[no++] = i;
	for (int i = first_member; i < last_member; i++)
		order[no++] = i;
	for (int i = 0; i < n; i++)
		if (i < first_member || (i >= last_member && i < first_cat))
			order[no++] = i;
	allot(it, n, rows, order);
	int y = y0;
	for (int i = 0; i < n && y < y0 + rows; i++) {
		int g = mini(it[i].give, y0 + rows - y);
		draw_wrapped(w, y, x, width, g, it[i].text, it[i].indent, it[i].attr);
		y += g;
	}
}

/* ---- the member rows' text --------------------------------------------------------- */

static void format_rows(struct intake *in, struct bf_rect fr)
{
	/* where the form puts its boxes (as ui_form lays them out) */
	int lw = 0;
	for (int i = 0; i < in->form.n; i++) {
		const struct bf_field *fd = &in->form.fields[i];
		if (fd->spec.type == BF_FIELD_HEADING)
			continue;
		lw = maxi(lw, bf_str_width(_(fd->spec.label)) +
		                  ((fd->spec.flags & BF_FIELD_REQUIRED) ? 1 : 0));
	}
	if (lw > fr.w / 3)
		lw = fr.w / 3;
	int avail = fr.x + fr.w - (fr.x + 2 + lw + 2) - 1;

	const char *h_rel = _("Relation"), *h_st = _("Status"), *h_cnt = _("Counted"),
	           *h_inc = _("Income"), *h_id = _("ID number");
	int w_rel = bf_str_width(h_rel), w_st = bf_str_width(h_st);
	for (size_t i = 0; i < in->c.n_members; i++) {
		w_rel =
		    maxi(w_rel,
		         bf_str_width(bf_enum_label(BF_ENUM_RELATION, in->c.members[i].relation)));
		w_st = maxi(w_st,
		            bf_str_width(bf_enum_label(BF_ENUM_STATUS, in->c.members[i].status)));
	}
	w_rel = mini(w_rel, 14);
	w_st = mini(w_st, 14);
	int w_cnt = maxi(bf_str_width(h_cnt), 2), w_inc = maxi(bf_str_width(h_inc), 10);
	int w_id = 18;
	int total = w_rel + 2 + w_st + 2 + w_cnt + 2 + w_inc + 2 + w_id;
	if (total > avail) {
		w_id = 0;
		total = w_rel + 2 + w_st + 2 + w_cnt + 2 + w_inc;
	}
	while (total > avail && (w_rel > 4 || w_st > 4)) {
		if (w_rel >= w_st && w_rel > 4)
			w_rel--;
		else
			w_st--;
		total--;
	}

	char line[512] = "";
	put_col(line, sizeof line, h_rel, w_rel + 2, false);
	put_col(line, sizeof line, h_st, w_st + 2, false);
	put_col(line, sizeof line, h_cnt, w_cnt + 2, false);
	put_col(line, sizeof line, h_inc, w_inc, true);
	if (w_id) {
		put_col(line, sizeof line, "", 2, false);
		put_col(line, sizeof line, h_id, w_id, false);
	}
	int head = row_index(in, ROW_HEAD), hint = row_index(in, ROW_HINT);
	bf_form_set(&in->form, head, line);
	/* show these read-only rows from their start */
	in->form.fields[head].edit.cur = in->form.fields[hint].edit.cur = 0;
	in->form.fields[head].edit.scroll = in->form.fields[hint].edit.scroll = 0;

	for (size_t i = 0; i < in->c.n_members; i++) {
		const struct bf_member *m = &in->c.members[i];
		const struct bf_member_count *mc = &in->as.members[i];
		char mark[16], inc[32], id[32];
		snprintf(mark, sizeof mark, "%s%s", mc->counted ? "✓" : "✗",
		         in->mraw[i].n ? "!"
		         : mc->imputed ? "*"
		                       : "");
		bf_money_format(m->monthly_income, inc, sizeof inc);
		bf_mask_id(m->id_number, id, sizeof id);
		line[0] = 0;
		put_col(line, sizeof line, bf_enum_label(BF_ENUM_RELATION, m->relation), w_rel + 2,
		        false);
		put_col(line, sizeof line, bf_enum_label(BF_ENUM_STATUS, m->status), w_st + 2,
		        false);
		put_col(line, sizeof line, mark, w_cnt + 2, false);
		put_col(line, sizeof line, inc, w_inc, true);
		if (w_id) {
			put_col(line, sizeof line, "", 2, false);
			put_col(line, sizeof line, id, w_id, false);
		}
		int idx = row_index(in, (int)i);
		if (idx >= 0) {
			bf_form_set(&in->form, idx, line);
			in->form.fields[idx].edit.cur = 0;
			in->form.fields[idx].edit.scroll = 0;
		}
	}
}

/* ---- saving ------------------------------------------------------------------------ */

#define MAX_PROBLEMS 24

struct problems {
	char text[MAX_PROBLEMS][300];
	int n;
	int first_field; /* form index to focus, -1 */
};

static void add_problem(struct problems *p, int field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add_problem(struct problems *p, int field, const char *fmt, ...)
{
	if (p->first_field < 0 && field >= 0)
		p->first_field = field;
	if (p->n >= MAX_PROBLEMS)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->text[p->n++], sizeof p->text[0], fmt, ap);
	va_end(ap);
}

static void show_problems(struct intake *in, const char *title, const struct problems *p)
{
	char text[4096] = "";
	size_t used = 0;
	int shown = 0;
	for (int i = 0; i < p->n && shown < 10; i++, shown++) {
		int r = snprintf(text + used, sizeof text - used, "%s- %s", used ? "\n" : "",
		                 p->text[i]);
		if (r < 0 || (size_t)r >= sizeof text - used)
			break;
		used += (size_t)r;
	}
	if (p->n > shown)
		snprintf(text + used, sizeof text - used, _("\n(and %d more)"), p->n - shown);
	bf_dlg_message(in->app, title, text);
	if (p->first_field >= 0)
		in->form.focus = p->first_field;
}

/* Which form field a domain problem is about (its message names it). */
static int problem_field(struct intake *in, const char *msg)
{
	for (size_t i = 0; i < in->c.n_members; i++) {
		char label[200], who[256];
		member_label(&in->c, i, label, sizeof label);
		snprintf(who, sizeof who, _("%s: "), label);
		if (strncmp(msg, who, strlen(who)) != 0)
			continue;
		if (i > 0)
			return row_index(in, (int)i);
		const char *rest = msg + strlen(who);
		static const struct {
			const char *prefix, *key;
		} emp[] = {
		    {N_("Name"), "name"},
		    {N_("ID number"), "id_number"},
		    {N_("Birth date"), "id_number"},
		    {N_("Marital status"), "marital"},
		    {N_("Diagnosis year"), "diagnosis_year"},
		    {N_("Disability grade"), "disability_grade"},
		    {N_("Disability"), "disability"},
		    {N_("Monthly income"), "income"},
		};
		for (size_t k = 0; k < BF_ARRAY_LEN(emp); k++)
			if (strncmp(rest, _(emp[k].prefix), strlen(_(emp[k].prefix))) == 0)
				return bf_form_find(&in->form, emp[k].key);
		return bf_form_find(&in->form, "name");
	}
	static const struct {
		const char *prefix, *key;
	} cs[] = {
	    {N_("Phone"), "phone"},
	    {N_("Postcode"), "postcode"},
	    {N_("Bank card"), "bank_card"},
	    {N_("Start of work"), "work_start"},
	    {N_("Housing area"), "housing_area"},
	    {N_("Other household income per year"), "other_income_year"},
	    {N_("Medical cost this year"), "medical_cost_year"},
	    {N_("Disaster loss"), "disaster_loss"},
	    {N_("Accident year"), "accident_year"},
	    {N_("Primary cause"), "primary_cause"},
	    {N_("Secondary cause 1"), "secondary_cause.0"},
	    {N_("Secondary cause 2"), "secondary_cause.1"},
	    {N_("Secondary cause 3"), "secondary_cause.2"},
	    {N_("Secondary causes"), "primary_cause"},
	    {N_("Single parent"), "single_parent"},
	};
	for (size_t k = 0; k < BF_ARRAY_LEN(cs); k++)
		if (strncmp(msg, _(cs[k].prefix), strlen(_(cs[k].prefix))) == 0)
			return bf_form_find(&in->form, cs[k].key);
	return -1;
}

static bool check_before_save(struct intake *in)
{
	static struct problems p;
	memset(&p, 0, sizeof p);
	p.first_field = -1;
	int bad = bf_form_validate_all(&in->form);
	if (bad >= 0) {
		for (int i = 0; i < in->form.n; i++) {
			const struct bf_field *fd = &in->form.fields[i];
			if (fd->state != BF_CHECK_ERROR)
				continue;
			const char *label = _(fd->spec.label);
			size_t ll = strlen(label);
			if (strncmp(fd->msg, label, ll) == 0 && fd->msg[ll] == ':')
				add_problem(&p, i, "%s", fd->msg);
			else
				add_problem(&p, i, "%s: %s", label, fd->msg);
		}
	}
	for (size_t m = 1; m < in->c.n_members; m++) {
		for (int k = 0; k < in->mraw[m].n; k++) {
			char label[200];
			member_label(&in->c, m, label, sizeof label);
			const struct raw_entry *e = &in->mraw[m].e[k];
			add_problem(&p, row_index(in, (int)m), "%s: \"%s\": %s", label, e->text,
			            e->msg[0] ? e->msg : _("This value is not valid."));
		}
	}
	{
		/* the file's own rules too, in the same first list (a member born
		 * after today, ...), each problem once */
		static char msgs[MAX_PROBLEMS][256];
		size_t n = bf_case_validate(&in->c, in->ctx->today, msgs, MAX_PROBLEMS);
		for (size_t i = 0; i < n; i++) {
			int field = problem_field(in, msgs[i]);
			/* a field whose own check failed is listed once (the phone
			 * "3000": the field's words, not the rule's again) */
			bool seen = field >= 0 && field < in->form.n &&
			            in->form.fields[field].state == BF_CHECK_ERROR;
			for (int k = 0; k < p.n && !seen; k++)
				seen = strstr(p.text[k], msgs[i]) != NULL;
			if (!seen)
				add_problem(&p, field, "%s", msgs[i]);
		}
	}
	if (p.n == 0)
		return true;
	show_problems(in, _("Not saved yet: please correct these"), &p);
	return false;
}

/* One household, one file: nobody of this household may be in another open
 * file. */
static bool check_conflicts(struct intake *in)
{
	static struct problems p;
	memset(&p, 0, sizeof p);
	p.first_field = -1;
	for (size_t i = 0; i < in->c.n_members; i++) {
		const struct bf_member *m = &in->c.members[i];
		if (bf_blank(m->id_number))
			continue;
		struct bf_id_conflict cf[4];
		bf_error err = {{0}};
		int n = bf_case_id_conflicts(in->db, m->id_number, in->c.id, cf, BF_ARRAY_LEN(cf),
		                             &err);
		int field = i == 0 ? bf_form_find(&in->form, "id_number") : row_index(in, (int)i);
		if (n < 0) {
			add_problem(&p, field, "%s", err.msg);
			continue;
		}
		char masked[32];
		bf_mask_id(m->id_number, masked, sizeof masked);
		for (int k = 0; k < n; k++) {
			const char *name = member_display_name(&in->c, i);
			if (cf[k].person[0] && strcmp(cf[k].person, name) != 0)
				add_problem(&p, field, _("%s (%s) is already in file %s, as %s"),
				            name, masked, cf[k].case_number, cf[k].person);
			else
				add_problem(&p, field, _("%s (%s) is already in file %s"), name,
				            masked, cf[k].case_number);
		}
	}
	if (p.n == 0)
		return true;
	show_problems(in, _("Not saved: one household, one file"), &p);
	return false;
}

static bool can_focus(const struct bf_field *fd);

/* What merge_moved returns when the user chose not to reapply. */
#define BF_CASE_DECLINED 3

/* The save met another operator's change (the file's revision moved on):
 * the file as it is now is merged with what was typed (bf_case_merge).
 * Fields only one side changed merge without asking; fields both changed
 * are shown (field: theirs / yours) and what was typed is reapplied on top
 * only when the user says so. The merged file is saved into *copy: 0,
 * BF_CASE_DECLINED (nothing saved, the form as typed), or an error. */
static int merge_moved(struct intake *in, struct bf_case *copy, bf_error *err)
{
	char why[sizeof err->msg];
	bf_strlcpy(why, err->msg, sizeof why);
	struct bf_case *theirs = malloc(sizeof *theirs);
	struct bf_case_change ch[6];
	if (!theirs) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	int rc = -1;
	for (int round = 0; round < 3; round++) {
		if (bf_case_load(in->db, in->c.id, theirs, err) != 0)
			break;
		size_t n =
		    bf_case_merge(in->loaded, &in->c, theirs, false, copy, ch, BF_ARRAY_LEN(ch));
		if (n > 0) {
			char text[3000];
			size_t len = (size_t)snprintf(text, sizeof text, "%s\n\n%s\n", why,
			                              _("Changed on both sides (field: theirs / "
			                                "yours):"));
			for (size_t i = 0; i < n && i < BF_ARRAY_LEN(ch) && len < sizeof text; i++)
				len += (size_t)snprintf(text + len, sizeof text - len,
				                        "  %s: %s / %s\n", ch[i].field,
				                        ch[i].theirs, ch[i].yours);
			if (n > BF_ARRAY_LEN(ch) && len < sizeof text)
				len +=
				    (size_t)snprintf(text + len, sizeof text - len,
				                     _("  and %zu more\n"), n - BF_ARRAY_LEN(ch));
			if (len < sizeof text)
				snprintf(
				    text + len, sizeof text - len, "\n%s",
				    _("Their other changes are kept. Put what you typed on top "
				      "of theirs and save?"));
			if (!bf_dlg_confirm(in->app, text, false)) {
				in->dirty = true;
				intake_keep_draft(in);
				bf_app_msg(in->app, BF_MSG_WARN, "%s",
				           _("Not saved: what you typed is kept on the form and "
				             "as a draft."));
				rc = BF_CASE_DECLINED;
				break;
			}
			bf_case_merge(in->loaded, &in->c, theirs, true, copy, NULL, 0);
		}
		rc = bf_case_save(in->db, copy, err);
		if (rc != BF_CASE_MOVED)
			break;
		/* moved again while the question was open: merge with that too */
		bf_strlcpy(why, err->msg, sizeof why);
	}
	free(theirs);
	return rc;
}

void intake_save(struct intake *in)
{
	recompute(in);
	if (!check_before_save(in))
		return;
	int card = bf_form_find(&in->form, "bank_card");
	if (card >= 0 && in->form.fields[card].state == BF_CHECK_WARN) {
		char masked[40], q[512];
		bf_mask_bank(in->c.bank_card, masked, sizeof masked);
		snprintf(q, sizeof q,
		         _("The card number %s fails the check-digit test (some genuine cards "
		           "do). Save it as typed?"),
		         masked);
		if (!bf_dlg_confirm(in->app, q, false)) {
			in->form.focus = card;
			return;
		}
	}
	if (!check_conflicts(in))
		return;

	struct bf_case *copy = malloc(sizeof *copy);
	if (!copy) {
		bf_app_msg(in->app, BF_MSG_ERROR, "%s", _("out of memory"));
		return;
	}
	*copy = in->c;
	int64_t old_id = in->c.id;
	bf_error err = {{0}};
	int rc = bf_case_save(in->db, copy, &err);
	bool moved = rc == BF_CASE_MOVED && in->loaded;
	if (moved)
		rc = merge_moved(in, copy, &err);
	if (rc == BF_CASE_DECLINED) {
		free(copy);
		return;
	}
	if (rc != 0) {
		free(copy);
		in->dirty = true;
		intake_keep_draft(in);
		char text[1200];
		snprintf(text, sizeof text, "%s\n\n%s", err.msg,
		         _("Nothing typed is lost: it is kept as a draft. Try again, or ask the "
		           "administrator."));
		bf_dlg_message(in->app, _("Could not save"), text);
		return;
	}
	in->c = *copy;
	if (!in->loaded)
		in->loaded = malloc(sizeof *in->loaded);
	if (in->loaded)
		*in->loaded = *copy;
	free(copy);
	if (moved) { /* the other side's changes go on the form too */
		int focus = in->form.focus;
		bf_form_free(&in->form);
		memset(in->mraw, 0, sizeof in->mraw);
		in->raw.n = 0;
		build_form(in);
		struct_to_form(in);
		if (focus >= 0 && focus < in->form.n && can_focus(&in->form.fields[focus]))
			in->form.focus = focus;
		recompute(in);
	}
	bf_error derr;
	bf_draft_delete(in->db, old_id, &derr);
	if (old_id != in->c.id)
		bf_draft_delete(in->db, in->c.id, &derr);
	in->dirty = false;
	in->draft_pending = false;
	in->form.dirty = false;
	snprintf(in->base.title, sizeof in->base.title, _("File %s: %s"), in->c.number,
	         in->c.members[0].name);
	time_t t = time(NULL);
	struct tm tm;
	char hm[16] = "";
	if (localtime_r(&t, &tm))
		strftime(hm, sizeof hm, "%H:%M:%S", &tm);
	snprintf(in->note, sizeof in->note, _("Saved %s"), hm);
	if (moved)
		bf_app_msg(in->app, BF_MSG_INFO,
		           _("Saved as file %s, together with the changes made meanwhile"),
		           in->c.number);
	else
		bf_app_msg(in->app, BF_MSG_INFO, _("Saved as file %s"), in->c.number);
	if (in->on_saved)
		in->on_saved(in->ud, in->c.id);
}

/* ---- household members ---------------------------------------------------------------- */

static void member_add(struct intake *in)
{
	recompute(in);
	size_t n = in->c.n_members;
	if (n >= BF_MAX_MEMBERS) {
		bf_app_msg(in->app, BF_MSG_WARN, _("A household has at most %d members here."),
		           BF_MAX_MEMBERS);
		return;
	}
	int at = focused_row(in);
	size_t pos = at >= 0 ? (size_t)at + 1 : n;
	bool spouse = false;
	for (size_t i = 1; i < n; i++)
		spouse = spouse || in->c.members[i].relation == BF_REL_SPOUSE;
	enum bf_relation rel =
	    !spouse && in->c.members[0].marital == BF_MAR_MARRIED ? BF_REL_SPOUSE : BF_REL_CHILD;
	struct bf_member *nm = bf_case_add_member(&in->c, rel);
	if (!nm)
		return;
	if (rel == BF_REL_SPOUSE)
		nm->marital = BF_MAR_MARRIED;
	for (size_t i = n; i > pos; i--) {
		bf_case_move_member(&in->c, i, -1);
		in->mraw[i] = in->mraw[i - 1];
	}
	memset(&in->mraw[pos], 0, sizeof in->mraw[pos]);
	intake_touched(in);
	rebuild(in, (int)pos);
	recompute(in);
	member_open(in->app, in, pos, true);
}

static void sync_ops(struct intake *in);

void intake_add_member(struct intake *in)
{
	member_add(in);
	sync_ops(in);
}

static void drop_member(struct intake *in, size_t m)
{
	if (!bf_case_remove_member(&in->c, m))
		return;
	for (size_t i = m; i + 1 < BF_MAX_MEMBERS; i++)
		in->mraw[i] = in->mraw[i + 1];
	memset(&in->mraw[BF_MAX_MEMBERS - 1], 0, sizeof in->mraw[0]);
	intake_touched(in);
	rebuild(in, (int)(m < in->c.n_members ? m : in->c.n_members - 1));
	recompute(in);
}

static void member_remove(struct intake *in)
{
	int row = focused_row(in);
	if (row < 0)
		return;
	if (row == 0) {
		bf_app_msg(in->app, BF_MSG_WARN, "%s",
		           _("The employee cannot be removed: the employee is always the first "
		             "member."));
		return;
	}
	char q[300];
	snprintf(q, sizeof q, _("Remove %s (%s) from the household?"),
	         member_display_name(&in->c, (size_t)row),
	         bf_enum_label(BF_ENUM_RELATION, in->c.members[row].relation));
	if (!bf_dlg_confirm(in->app, q, false))
		return;
	drop_member(in, (size_t)row);
	intake_keep_draft(in);
}

static void member_move(struct intake *in, int delta)
{
	int row = focused_row(in);
	if (row < 0)
		return;
	if (row == 0) {
		bf_app_msg(in->app, BF_MSG_WARN, "%s", _("The employee always stays first."));
		return;
	}
	int to = row + delta;
	if (!bf_case_move_member(&in->c, (size_t)row, delta)) {
		bf_app_msg(in->app, BF_MSG_INFO, "%s",
		           to < 1 ? _("Only the employee comes before this member.")
		                  : _("This is the last member."));
		return;
	}
	struct raw_set tmp = in->mraw[row];
	in->mraw[row] = in->mraw[to];
	in->mraw[to] = tmp;
	intake_touched(in);
	rebuild(in, to);
	recompute(in);
	intake_keep_draft(in);
}

static void member_edit(struct intake *in)
{
	int row = focused_row(in);
	if (row < 0)
		return;
	if (row == 0) {
		bf_form_focus(&in->form, bf_form_find(&in->form, "name"));
		bf_app_msg(in->app, BF_MSG_INFO, "%s",
		           _("The employee's details are in the Employee section."));
		return;
	}
	member_open(in->app, in, (size_t)row, false);
}

void intake_member_screen(struct intake *in, struct bf_screen *s, size_t m)
{
	in->member_scr = s;
	in->member_idx = m;
}

void intake_member_closed(struct intake *in, size_t m, bool drop)
{
	in->member_scr = NULL;
	if (drop && m > 0 && m < in->c.n_members) {
		drop_member(in, m);
		bf_app_msg(in->app, BF_MSG_INFO, "%s", _("The empty member was not added."));
	} else {
		rebuild(in, (int)m);
		recompute(in);
	}
	if (in->draft_pending)
		intake_keep_draft(in);
}

/* ---- sections ---------------------------------------------------------------------- */

static bool can_focus(const struct bf_field *fd)
{
	return fd->spec.type != BF_FIELD_HEADING && !(fd->spec.flags & BF_FIELD_READONLY);
}

static int first_in_section(const struct bf_form *f, int heading)
{
	for (int i = heading + 1; i < f->n; i++) {
		if (f->fields[i].spec.type == BF_FIELD_HEADING)
			return -1;
		if (can_focus(&f->fields[i]))
			return i;
	}
	return -1;
}

static void jump_section(struct intake *in, int dir)
{
	struct bf_form *f = &in->form;
	int cur = f->focus < 0 ? 0 : f->focus;
	int to = -1;
	if (dir > 0) {
		for (int h = cur + 1; h < f->n && to < 0; h++)
			if (f->fields[h].spec.type == BF_FIELD_HEADING)
				to = first_in_section(f, h);
		if (to < 0)
			bf_app_msg(in->app, BF_MSG_INFO, "%s", _("This is the last section."));
	} else {
		int h = cur;
		while (h >= 0 && f->fields[h].spec.type != BF_FIELD_HEADING)
			h--;
		int start = h >= 0 ? first_in_section(f, h) : -1;
		if (start >= 0 && start < cur) {
			to = start;
		} else {
			for (h--; h >= 0 && to < 0; h--)
				if (f->fields[h].spec.type == BF_FIELD_HEADING)
					to = first_in_section(f, h);
			if (to < 0)
				bf_app_msg(in->app, BF_MSG_INFO, "%s",
				           _("This is the first section."));
		}
	}
	if (to >= 0)
		bf_form_focus(f, to);
	if (to >= 0)
		in->jumped = true;
}

/* ---- the screen ------------------------------------------------------------------------ */

static void sync_ops(struct intake *in)
{
	in->base.ops = focused_row(in) >= 0 ? &in->rops : &in->fops;
}

static void intake_draw(struct bf_screen *s, WINDOW *w, struct bf_rect body)
{
	struct intake *in = (struct intake *)s;
	sync_ops(in);
	struct bf_rect fr, pr;
	bool strip;
	intake_split(body, &fr, &pr, &strip);
	format_rows(in, fr);
	if (in->jumped) {
		/* after a section jump, the section's title goes to the top: let
		 * the form put the focused field at the top, then one row more */
		in->jumped = false;
		in->form.top = INT_MAX / 4;
		bf_form_draw(&in->form, w, fr);
		int up = 1, h = in->form.focus - 1;
		while (h > 0 && in->form.fields[h].spec.type != BF_FIELD_HEADING) {
			up++; /* a read-only row between the title and the field */
			h--;
		}
		in->form.top = in->form.top > up ? in->form.top - up : 0;
		for (int y = fr.y; y < fr.y + fr.h; y++)
			bf_fill(w, y, fr.x, fr.w, A_NORMAL);
	}
	bf_form_draw(&in->form, w, fr);
	if (focused_row(in) >= 0)
		bf_term_cursor_hide();
	intake_draw_panel(in, w, pr, strip);
}

static bool leave_screen(struct intake *in)
{
	recompute(in);
	if (in->dirty) {
		if (!bf_dlg_confirm(
		        in->app, _("Leave without saving? Your typing is kept as a draft."), false))
			return false;
		intake_keep_draft(in);
	}
	bf_app_pop(in->app);
	return true;
}

static bool intake_input(struct bf_screen *s, bf_key k)
{
	struct intake *in = (struct intake *)s;
	if (focused_row(in) >= 0) {
		if (k == '\n') {
			member_edit(in);
			sync_ops(in);
			return true;
		}
		if (bf_key_is_text(k) || k == BF_KC(KEY_BACKSPACE) || k == BF_KC(KEY_DC) ||
		    k == BF_KC(KEY_LEFT) || k == BF_KC(KEY_RIGHT) || k == BF_KC(KEY_HOME) ||
		    k == BF_KC(KEY_END) || k == BF_CTRL('U') || k == BF_CTRL('K') ||
		    k == BF_CTRL('A') || k == BF_CTRL('E')) {
			bf_app_msg(in->app, BF_MSG_INFO, "%s",
			           _("This is a household member: Enter opens it."));
			return true;
		}
		return false;
	}
	bool used = bf_form_input(&in->form, k);
	absorb_dirty(in);
	sync_ops(in);
	return used;
}

/* Something the workflow screens stored: the list below reloads. */
static void workflow_changed(void *ud)
{
	struct intake *in = ud;
	if (in->on_saved && in->c.id)
		in->on_saved(in->ud, in->c.id);
}

/* The checklist, the review and the history belong to a saved file. */
static void open_workflow(struct intake *in, enum bf_action a)
{
	if (!in->c.id) {
		char save_key[32];
		bf_action_key_label(BF_ACT_SAVE, true, save_key, sizeof save_key);
		bf_app_msg(in->app, BF_MSG_WARN,
		           _("Save the file first (%s): the checklist, the review and the history "
		             "belong to a saved file."),
		           save_key);
		return;
	}
	if (in->dirty)
		bf_app_msg(in->app, BF_MSG_WARN, "%s",
		           _("This file has unsaved changes: the workflow shows the saved file."));
	if (a == BF_ACT_CHECKLIST)
		bf_checklist_open(in->app, in->c.id, workflow_changed, in);
	else if (a == BF_ACT_REVIEW)
		bf_review_open(in->app, in->c.id, workflow_changed, in);
	else
		bf_history_open(in->app, in->c.id, workflow_changed, in);
}

static bool intake_action(struct bf_screen *s, enum bf_action a)
{
	struct intake *in = (struct intake *)s;
	switch (a) {
	case BF_ACT_BACK:
		leave_screen(in);
		return true; /* in may be gone */
	case BF_ACT_SAVE:
		intake_save(in);
		break;
	case BF_ACT_NEXT_SECTION:
		jump_section(in, 1);
		break;
	case BF_ACT_PREV_SECTION:
		jump_section(in, -1);
		break;
	case BF_ACT_ASSESSMENT:
		recompute(in);
		intake_show_assessment(in);
		break;
	case BF_ACT_MEMBER_ADD:
		member_add(in);
		break;
	case BF_ACT_MEMBER_REMOVE:
		member_remove(in);
		break;
	case BF_ACT_MEMBER_UP:
		member_move(in, -1);
		break;
	case BF_ACT_MEMBER_DOWN:
		member_move(in, 1);
		break;
	case BF_ACT_CHECKLIST:
	case BF_ACT_REVIEW:
	case BF_ACT_HISTORY:
		open_workflow(in, a);
		break;
	default:
		if (!bf_form_action(&in->form, a))
			return false;
		break;
	}
	absorb_dirty(in);
	sync_ops(in);
	return true;
}

static bool intake_typing(struct bf_screen *s)
{
	return bf_form_typing(&((struct intake *)s)->form);
}

static int intake_save_draft(struct bf_screen *s)
{
	struct intake *in = (struct intake *)s;
	recompute(in);
	if (!in->dirty)
		return 0;
	return intake_keep_draft(in);
}

static void intake_close(struct bf_screen *s)
{
	struct intake *in = (struct intake *)s;
	if (in->keys_wrapped && in->app->keys.data == in)
		in->app->keys = in->inner_keys;
	bf_form_free(&in->form);
	free(in->loaded);
	free(in);
}

static const enum bf_action form_actions[] = {
    BF_ACT_SAVE,         BF_ACT_NEXT_FIELD, BF_ACT_PREV_FIELD, BF_ACT_NEXT_SECTION,
    BF_ACT_PREV_SECTION, BF_ACT_ASSESSMENT, BF_ACT_MEMBER_ADD, BF_ACT_NONE};
static const enum bf_action row_actions[] = {
    BF_ACT_MEMBER_ADD,   BF_ACT_MEMBER_REMOVE, BF_ACT_MEMBER_UP,  BF_ACT_MEMBER_DOWN,
    BF_ACT_SAVE,         BF_ACT_NEXT_FIELD,    BF_ACT_PREV_FIELD, BF_ACT_NEXT_SECTION,
    BF_ACT_PREV_SECTION, BF_ACT_ASSESSMENT,    BF_ACT_NONE};

static const struct bf_screen_ops form_ops = {
    .name = "intake",
    .actions = form_actions,
    .draw = intake_draw,
    .action = intake_action,
    .input = intake_input,
    .typing = intake_typing,
    .save_draft = intake_save_draft,
    .on_close = intake_close,
};
static const struct bf_screen_ops row_ops = {
    .name = "intake",
    .actions = row_actions,
    .draw = intake_draw,
    .action = intake_action,
    .input = intake_input,
    .typing = intake_typing,
    .save_draft = intake_save_draft,
    .on_close = intake_close,
};

/* The operator's actions: form_actions/row_actions and the workflow's,
 * without those the role may not take. */
static void setup_ops(struct intake *in)
{
	bool ck = bf_store_can(in->db, BF_PERM_CHECKLIST);
	bool rv = bf_store_can(in->db, BF_PERM_REVIEW);
	const enum bf_action wf[] = {ck ? BF_ACT_CHECKLIST : BF_ACT_NONE,
	                             rv ? BF_ACT_REVIEW : BF_ACT_NONE, BF_ACT_HISTORY};
	const enum bf_action *src[2] = {form_actions, row_actions};
	enum bf_action *dst[2] = {in->facts, in->racts};
	for (int v = 0; v < 2; v++) {
		size_t n = 0;
		for (const enum bf_action *p = src[v]; *p != BF_ACT_NONE; p++)
			dst[v][n++] = *p;
		for (size_t i = 0; i < BF_ARRAY_LEN(wf); i++)
			if (wf[i] != BF_ACT_NONE)
				dst[v][n++] = wf[i];
		dst[v][n] = BF_ACT_NONE;
	}
	in->fops = form_ops;
	in->fops.actions = in->facts;
	in->rops = row_ops;
	in->rops.actions = in->racts;
}

/* Keys pass through here while the intake is open: a pause in typing (the
 * app polls every second) keeps a draft, so that even the field being typed
 * survives a killed process or a dropped connection. */
static bf_key idle_read(void *data, int timeout_ms)
{
	struct intake *in = data;
	bf_key k = in->inner_keys.read(in->inner_keys.data, timeout_ms);
	if (k == BF_KEY_NONE && in->draft_pending && !in->idle_failed) {
		if (intake_keep_draft(in) == 0)
			return BF_KEY_RESIZE; /* a redraw shows "Draft kept" */
		in->idle_failed = true;       /* the message says why; no retry every second */
	}
	return k;
}

/* ---- opening ---------------------------------------------------------------------------- */

static void set_title(struct intake *in)
{
	if (in->c.id)
		snprintf(in->base.title, sizeof in->base.title, _("File %s: %s"), in->c.number,
		         in->c.members[0].name);
	else
		snprintf(in->base.title, sizeof in->base.title, "%s", _("New hardship file"));
}

/* A draft exists: continue with it, or (asked twice) throw it away. */
static void offer_draft(struct intake *in, char *text, const char *saved_at)
{
	char when[64], q[300];
	local_time_text(saved_at, when, sizeof when);
	snprintf(q, sizeof q, _("A draft saved at %s exists. Continue with it?"), when);
	bool use = bf_dlg_confirm(in->app, q, true);
	if (!use && !in->app->stop_eof && !bf_term_pending_signal() &&
	    bf_dlg_confirm(in->app, _("Discard the draft? What was typed in it will be lost."),
	                   false)) {
		bf_error err = {{0}};
		if (bf_draft_delete(in->db, in->c.id, &err) != 0)
			bf_app_msg(in->app, BF_MSG_ERROR, "%s", err.msg);
		else
			bf_app_msg(in->app, BF_MSG_INFO, "%s", _("The draft was discarded."));
		return;
	}
	struct bf_case *tmp = malloc(sizeof *tmp);
	bf_error err = {{0}};
	if (!tmp || bf_case_from_text(text, tmp, &err) != 0) {
		bf_app_msg(in->app, BF_MSG_ERROR, _("The draft could not be read: %s"),
		           tmp ? err.msg : _("out of memory"));
		free(tmp);
		return;
	}
	int64_t id = in->c.id, revision = in->c.revision;
	char status[sizeof in->c.status];
	bf_strlcpy(status, in->c.status, sizeof status);
	in->c = *tmp;
	free(tmp);
	/* the draft is what was typed; the file's id, state and revision are
	 * the file's as loaded (a save is checked against them) */
	in->c.id = id;
	in->c.revision = revision;
	bf_strlcpy(in->c.status, status, sizeof in->c.status);
	if (in->c.n_members == 0) {
		in->c.n_members = 1;
		bf_member_init(&in->c.members[0], BF_REL_SELF);
	}
	memset(in->mraw, 0, sizeof in->mraw);
	in->raw.n = 0;
	char focus[64];
	parse_draft_extras(in, text, focus, sizeof focus);
	struct raw_set main_raw = in->raw;
	bf_form_free(&in->form);
	build_form(in);
	struct_to_form(in);
	raw_apply(&main_raw, &in->form);
	int fi = focus[0] ? bf_form_find(&in->form, focus) : -1;
	if (fi >= 0 && can_focus(&in->form.fields[fi]))
		in->form.focus = fi;
	in->form.dirty = false;
	recompute(in);
	in->dirty = true;
	in->draft_pending = false;
	snprintf(in->note, sizeof in->note, "%s", _("Draft restored"));
	char save_key[32];
	bf_action_key_label(BF_ACT_SAVE, true, save_key, sizeof save_key);
	bf_app_msg(in->app, BF_MSG_INFO, _("The draft is back; %s saves it."), save_key);
	set_title(in);
}

int bf_intake_open(struct bf_app *app, int64_t case_id, void (*on_saved)(void *ud, int64_t case_id),
                   void *ud)
{
	struct bf_ctx *ctx = app->ctx;
	if (!ctx || !ctx->db_open) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", _("No database is open."));
		return -1;
	}
	struct intake *in = calloc(1, sizeof *in);
	if (!in) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", _("out of memory"));
		return -1;
	}
	in->app = app;
	in->ctx = ctx;
	in->db = &ctx->db;
	in->on_saved = on_saved;
	in->ud = ud;
	setup_ops(in);
	in->base.ops = &in->fops;
	bf_error err = {{0}};
	/* the store refuses a save anyway; say so before anything is typed */
	if (bf_store_require(in->db, BF_PERM_CASE_EDIT, &err) != 0) {
		bf_app_msg(app, BF_MSG_ERROR, "%s", err.msg);
		free(in);
		return -1;
	}
	if (case_id) {
		if (bf_case_load(in->db, case_id, &in->c, &err) != 0 ||
		    !(in->loaded = malloc(sizeof *in->loaded))) {
			bf_app_msg(app, BF_MSG_ERROR, _("Could not open the file: %s"),
			           err.msg[0] ? err.msg : _("out of memory"));
			free(in);
			return -1;
		}
		*in->loaded = in->c;
		/* the edit fields show ID, bank and phone numbers in full: that is a
		 * reveal, and it is recorded first */
		bool numbers = !bf_blank(in->c.bank_card) || !bf_blank(in->c.phone);
		for (size_t i = 0; i < in->c.n_members; i++)
			numbers = numbers || !bf_blank(in->c.members[i].id_number);
		if (numbers &&
		    bf_audit_reveal(in->db, case_id, 0, "all", "intake form", &err) != 0) {
			bf_app_msg(app, BF_MSG_ERROR, _("Could not open the file: %s"), err.msg);
			free(in->loaded);
			free(in);
			return -1;
		}
	} else {
		int y = 2026;
		bf_date_to_ymd(ctx->today, &y, NULL, NULL);
		bf_case_init(&in->c, y);
		const char *who = in->db->actor[0] ? in->db->actor : ctx->operator;
		bf_strlcpy(in->c.keyed_by, who, sizeof in->c.keyed_by);
		bf_account_display(in->db, in->c.keyed_by, sizeof in->c.keyed_by);
		bf_strlcpy(in->c.created_by, in->c.keyed_by, sizeof in->c.created_by);
		struct bf_member *e = &in->c.members[0];
		e->proof = bf_member_usual_proof(e->status);
		bf_strlcpy(in->auto_status, bf_enum_code(BF_ENUM_STATUS, (int)e->status),
		           sizeof in->auto_status);
		bf_strlcpy(in->auto_proof, bf_enum_code(BF_ENUM_PROOF, (int)e->proof),
		           sizeof in->auto_proof);
	}
	if (bf_settings_year(in->db, in->c.year, &in->settings, &err) != 0) {
		bf_year_settings_seed(&in->settings, in->c.year);
		bf_app_msg(app, BF_MSG_WARN,
		           _("The year's thresholds could not be read (%s); the "
		             "defaults are used."),
		           err.msg);
	}
	set_title(in);
	build_form(in);
	struct_to_form(in);
	in->form.dirty = false;
	recompute(in);
	in->dirty = false;
	in->draft_pending = false;
	if (bf_app_push(app, &in->base) != 0)
		return -1;
	in->inner_keys = app->keys;
	app->keys = (struct bf_keysrc){idle_read, in};
	in->keys_wrapped = true;

	char *text = NULL, saved_at[64] = "";
	int rc = bf_draft_load(in->db, in->c.id, &text, saved_at, sizeof saved_at, &err);
	if (rc == 0)
		offer_draft(in, text, saved_at);
	else if (rc < 0)
		bf_app_msg(app, BF_MSG_WARN, _("Could not look for a draft: %s"), err.msg);
	free(text);
	return 0;
}

/* ---- the assessment in full --------------------------------------------------------------- */

struct assess_screen {
	struct bf_screen base;
	char *text;
	int top, page, total;
};

static int assess_lines(struct assess_screen *a, int width, WINDOW *w, int y0, int rows)
{
	wchar_t *wt = malloc((strlen(a->text) + 1) * sizeof *wt);
	if (!wt)
		return 0;
	size_t n = bf_utf8_decode(a->text, wt, strlen(a->text) + 1);
	int line = 0;
	for (size_t i = 0; i < n; line++) {
		bool cont = i > 0 && wt[i - 1] != '\n';
		int indent = cont ? 4 : 0;
		size_t len = bf_wrap_len(wt + i, n - i, width - indent);
		if (w && line >= a->top && line < a->top + rows)
			bf_draw_wcs(w, y0 + line - a->top, 2 + indent, width - indent, wt + i,
			            len && wt[i + len - 1] == '\n' ? len - 1 : len,
			            wt[i] == L'✓' ? A_BOLD : A_NORMAL);
		i += len;
		while (i < n && wt[i] == ' ')
			i++;
	}
	free(wt);
	return line;
}

static void assess_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct assess_screen *a = (struct assess_screen *)s;
	int width = r.w - 4;
	a->page = r.h;
	a->total = assess_lines(a, width, NULL, 0, 0);
	if (a->top > a->total - a->page)
		a->top = a->total - a->page;
	if (a->top < 0)
		a->top = 0;
	assess_lines(a, width, w, r.y, r.h);
	if (a->top > 0)
		bf_put_ch(w, r.y, r.x + r.w - 1, '^');
	if (a->total - a->top > a->page)
		bf_put_ch(w, r.y + r.h - 1, r.x + r.w - 1, 'v');
}

static bool assess_input(struct bf_screen *s, bf_key k)
{
	struct assess_screen *a = (struct assess_screen *)s;
	switch (k) {
	case BF_KC(KEY_UP):
		a->top--;
		return true;
	case BF_KC(KEY_DOWN):
	case '\n':
		a->top++;
		return true;
	case BF_KC(KEY_PPAGE):
		a->top -= a->page > 1 ? a->page - 1 : 1;
		return true;
	case BF_KC(KEY_NPAGE):
	case ' ':
		a->top += a->page > 1 ? a->page - 1 : 1;
		return true;
	case BF_KC(KEY_HOME):
		a->top = 0;
		return true;
	case BF_KC(KEY_END):
		a->top = a->total;
		return true;
	default:
		return false;
	}
}

static void assess_close(struct bf_screen *s)
{
	free(((struct assess_screen *)s)->text);
	free(s);
}

static const enum bf_action assess_actions[] = {BF_ACT_BACK, BF_ACT_NONE};
static const struct bf_screen_ops assess_ops = {
    .name = "assessment",
    .actions = assess_actions,
    .draw = assess_draw,
    .input = assess_input,
    .on_close = assess_close,
};

static void append_line(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void append_line(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
	char tmp[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	put_raw(buf, len, cap, tmp);
	put_raw(buf, len, cap, "\n");
}

void intake_show_assessment(struct intake *in)
{
	struct assess_screen *a = calloc(1, sizeof *a);
	if (!a)
		return;
	size_t len = 0, cap = 0;
	char *t = NULL;
	put_raw(&t, &len, &cap, "");
	char m1[32], m2[32], m3[32];
	const struct bf_year_settings *st = &in->settings;
	append_line(&t, &len, &cap,
	            _("Assistance year %d: minimum living standard %s yuan a "
	              "month, minimum wage %s yuan a month."),
	            in->c.year, bf_money_format(st->min_living, m1, sizeof m1),
	            bf_money_format(st->min_wage, m2, sizeof m2));
	append_line(&t, &len, &cap, "%s", "");
	append_line(&t, &len, &cap, _("Household: %d counted of %zu listed"), in->as.household_size,
	            in->c.n_members);
	for (size_t i = 0; i < in->c.n_members; i++) {
		const struct bf_member_count *mc = &in->as.members[i];
		bf_money_format(mc->income, m1, sizeof m1);
		if (mc->counted)
			append_line(&t, &len, &cap, _("✓ %s (%s), income %s: %s"),
			            member_display_name(&in->c, i),
			            bf_enum_label(BF_ENUM_RELATION, in->c.members[i].relation), m1,
			            mc->reason);
		else
			append_line(
			    &t, &len, &cap, _("✗ %s (%s): %s"), member_display_name(&in->c, i),
			    bf_enum_label(BF_ENUM_RELATION, in->c.members[i].relation), mc->reason);
	}
	append_line(&t, &len, &cap, "%s", "");
	append_line(&t, &len, &cap,
	            _("Monthly income of the counted members %s yuan; other income %s yuan a "
	              "year; household income %s yuan a year."),
	            bf_money_format(in->as.monthly_total, m1, sizeof m1),
	            bf_money_format(in->c.other_income_year, m2, sizeof m2),
	            bf_money_format(in->as.yearly_total, m3, sizeof m3));
	char pc[256];
	per_capita_text(in, false, pc, sizeof pc);
	append_line(&t, &len, &cap, "%s", pc);
	append_line(&t, &len, &cap, "%s", "");
	for (int k = 0; k < BF_CAT_COUNT; k++) {
		char c[1024];
		cat_text(in, k, false, c, sizeof c);
		append_line(&t, &len, &cap, "%s", c);
	}
	a->text = t;
	a->base.ops = &assess_ops;
	snprintf(a->base.title, sizeof a->base.title, _("Assessment: %s"),
	         member_display_name(&in->c, 0));
	bf_app_push(in->app, &a->base);
}
