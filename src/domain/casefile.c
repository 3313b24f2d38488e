/* casefile.c — enum tables, a fresh case, member list edits, validation. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "bangfu/casefile.h"
#include "bangfu/ident.h"
#include "bangfu/money.h"
#include "bangfu/sanitize.h"

/* ---- enum tables ---------------------------------------------------------- */

#define BF_ENUM_ROW(id, code, en, zh) {code, N_(en), zh},
static const struct bf_enum_info relations[] = {BF_RELATIONS(BF_ENUM_ROW)};
static const struct bf_enum_info maritals[] = {BF_MARITALS(BF_ENUM_ROW)};
static const struct bf_enum_info statuses[] = {BF_STATUSES(BF_ENUM_ROW)};
static const struct bf_enum_info healths[] = {BF_HEALTHS(BF_ENUM_ROW)};
static const struct bf_enum_info disabilities[] = {BF_DISABILITIES(BF_ENUM_ROW)};
static const struct bf_enum_info hukous[] = {BF_HUKOUS(BF_ENUM_ROW)};
static const struct bf_enum_info insurances[] = {BF_INSURANCES(BF_ENUM_ROW)};
static const struct bf_enum_info proofs[] = {BF_PROOFS(BF_ENUM_ROW)};
static const struct bf_enum_info causes[] = {BF_CAUSES(BF_ENUM_ROW)};
#undef BF_ENUM_ROW

static const struct {
	const struct bf_enum_info *rows;
	size_t n;
} tables[BF_ENUM_KIND_COUNT] = {
    [BF_ENUM_RELATION] = {relations, BF_ARRAY_LEN(relations)},
    [BF_ENUM_MARITAL] = {maritals, BF_ARRAY_LEN(maritals)},
    [BF_ENUM_STATUS] = {statuses, BF_ARRAY_LEN(statuses)},
    [BF_ENUM_HEALTH] = {healths, BF_ARRAY_LEN(healths)},
    [BF_ENUM_DISABILITY] = {disabilities, BF_ARRAY_LEN(disabilities)},
    [BF_ENUM_HUKOU] = {hukous, BF_ARRAY_LEN(hukous)},
    [BF_ENUM_INSURANCE] = {insurances, BF_ARRAY_LEN(insurances)},
    [BF_ENUM_PROOF] = {proofs, BF_ARRAY_LEN(proofs)},
    [BF_ENUM_CAUSE] = {causes, BF_ARRAY_LEN(causes)},
};

const struct bf_enum_info *bf_enum_table(enum bf_enum_kind kind, size_t *count)
{
	if ((int)kind < 0 || kind >= BF_ENUM_KIND_COUNT) {
		if (count)
			*count = 0;
		return NULL;
	}
	if (count)
		*count = tables[kind].n;
	return tables[kind].rows;
}

static const struct bf_enum_info *enum_row(enum bf_enum_kind kind, int value)
{
	size_t n;
	const struct bf_enum_info *t = bf_enum_table(kind, &n);
	if (!t || value < 0 || (size_t)value >= n)
		return NULL;
	return &t[value];
}

const char *bf_enum_code(enum bf_enum_kind kind, int value)
{
	const struct bf_enum_info *r = enum_row(kind, value);
	return r ? r->code : "";
}

const char *bf_enum_label(enum bf_enum_kind kind, int value)
{
	const struct bf_enum_info *r = enum_row(kind, value);
	return r ? _(r->label) : "";
}

static bool ascii_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return *a == *b;
}

/* "岳父/公公" matches "岳父/公公", "岳父" and "公公". */
static bool zh_match(const char *zh, const char *text)
{
	if (strcmp(zh, text) == 0)
		return true;
	size_t tl = strlen(text);
	const char *p = zh;
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		if (len == tl && strncmp(p, text, tl) == 0)
			return true;
		if (!slash)
			return false;
		p = slash + 1;
	}
}

int bf_enum_parse(enum bf_enum_kind kind, const char *text)
{
	size_t n;
	const struct bf_enum_info *t = bf_enum_table(kind, &n);
	if (!t || !text)
		return -1;
	char buf[256];
	bf_strlcpy(buf, text, sizeof buf);
	char *s = bf_trim(buf);
	if (!*s)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].code, s) == 0)
			return (int)i;
	for (size_t i = 0; i < n; i++)
		if (ascii_ieq(t[i].code, s) || ascii_ieq(t[i].label, s))
			return (int)i;
	for (size_t i = 0; i < n; i++)
		if (zh_match(t[i].zh, s) || strcmp(_(t[i].label), s) == 0)
			return (int)i;
	return -1;
}

/* ---- a fresh case, member edits ------------------------------------------- */

void bf_member_init(struct bf_member *m, enum bf_relation rel)
{
	memset(m, 0, sizeof *m);
	m->relation = rel;
	m->marital = BF_MAR_UNMARRIED;
	m->status = BF_ST_EMPLOYED;
	m->health = BF_HEALTH_GOOD;
	m->disability = BF_DIS_NONE;
	m->insurance = BF_INS_NONE;
	m->hukou = BF_HUKOU_NONAGRI;
	m->proof = BF_PROOF_NONE;
}

void bf_case_init(struct bf_case *c, int year)
{
	memset(c, 0, sizeof *c);
	c->year = year;
	bf_strlcpy(c->status, "draft", sizeof c->status);
	c->primary_cause = BF_CAUSE_NONE;
	for (size_t i = 0; i < BF_MAX_SECONDARY_CAUSES; i++)
		c->secondary_causes[i] = BF_CAUSE_NONE;
	c->n_members = 1;
	bf_member_init(&c->members[0], BF_REL_SELF);
}

enum bf_status bf_member_usual_status(const char *birth_date, bf_date today)
{
	bf_date b;
	if (!birth_date || !bf_date_parse(birth_date, &b) || b > today)
		return BF_ST_COUNT;
	int by, bm, bd, ty, tm, td;
	bf_date_to_ymd(b, &by, &bm, &bd);
	bf_date_to_ymd(today, &ty, &tm, &td);
	int age = ty - by - ((tm < bm || (tm == bm && td < bd)) ? 1 : 0);
	if (age >= 16)
		return BF_ST_COUNT;
	return age >= 6 ? BF_ST_STUDENT : BF_ST_PRESCHOOL;
}

enum bf_proof bf_member_usual_proof(enum bf_status status)
{
	switch (status) {
	case BF_ST_EMPLOYED:
	case BF_ST_SICK_LEAVE:
	case BF_ST_EARLY_RETIRED:
	case BF_ST_MIGRANT:
		return BF_PROOF_EMPLOYER;
	case BF_ST_RETIRED:
		return BF_PROOF_PENSION;
	case BF_ST_CUSTODY:
		return BF_PROOF_CUSTODY;
	case BF_ST_LAID_OFF:
	case BF_ST_UNEMPLOYED:
		return BF_PROOF_UNEMPLOYMENT;
	default:
		return BF_PROOF_NONE;
	}
}

struct bf_member *bf_case_add_member(struct bf_case *c, enum bf_relation rel)
{
	if (c->n_members >= BF_MAX_MEMBERS)
		return NULL;
	struct bf_member *m = &c->members[c->n_members++];
	bf_member_init(m, rel);
	return m;
}

bool bf_case_remove_member(struct bf_case *c, size_t i)
{
	if (i < 1 || i >= c->n_members)
		return false;
	memmove(&c->members[i], &c->members[i + 1], (c->n_members - i - 1) * sizeof c->members[0]);
	c->n_members--;
	memset(&c->members[c->n_members], 0, sizeof c->members[0]);
	return true;
}

bool bf_case_move_member(struct bf_case *c, size_t i, int delta)
{
	if (i < 1 || i >= c->n_members || delta == 0)
		return false;
	long j = (long)i + delta;
	if (j < 1 || j >= (long)c->n_members)
		return false;
	struct bf_member m = c->members[i];
	if ((size_t)j < i)
		memmove(&c->members[j + 1], &c->members[j], (i - (size_t)j) * sizeof m);
	else
		memmove(&c->members[i], &c->members[i + 1], ((size_t)j - i) * sizeof m);
	c->members[j] = m;
	return true;
}

/* ---- validation ------------------------------------------------------------ */

struct problems {
	char (*msgs)[256];
	size_t max, n;
};

static void problem(struct problems *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct problems *p, const char *fmt, ...)
{
	if (!p->msgs || p->n >= p->max)
		return;
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	bf_strlcpy(p->msgs[p->n++], tmp, sizeof p->msgs[0]);
}

/* A problem prefixed with "Member 2 (李四): ", so that translators see the
 * field's message alone. */
static void mproblem(struct problems *p, const char *who, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void mproblem(struct problems *p, const char *who, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	problem(p, "%s%s", who, tmp);
}

/* "Employee (张三)", "Member 2 (李四)", "Member 3" when the name is empty. */
static void member_label(const struct bf_case *c, size_t i, char *buf, size_t n)
{
	const char *name = c->members[i].name;
	if (bf_text_has_control(name, false))
		name = ""; /* refused anyway (validate_controls): not repeated */
	char tmp[256];
	if (i == 0) {
		if (bf_blank(name))
			snprintf(tmp, sizeof tmp, "%s", _("Employee"));
		else
			snprintf(tmp, sizeof tmp, _("Employee (%s)"), name);
	} else {
		if (bf_blank(name))
			snprintf(tmp, sizeof tmp, _("Member %zu"), i + 1);
		else
			snprintf(tmp, sizeof tmp, _("Member %zu (%s)"), i + 1, name);
	}
	bf_strlcpy(buf, tmp, n);
}

static bool all_digits(const char *s, size_t len)
{
	if (strlen(s) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Landline: optional area code (0 and 2–3 digits) with an optional dash,
 * then 7–8 digits. */
static bool landline_ok(const char *s)
{
	char buf[BF_PHONE_SZ + 8];
	size_t o = 0;
	for (const char *p = s; *p; p++) {
		if (*p == ' ')
			continue;
		if (o + 1 >= sizeof buf)
			return false;
		buf[o++] = *p;
	}
	buf[o] = '\0';
	char *dash = strchr(buf, '-');
	const char *local = buf;
	if (dash) {
		size_t al = (size_t)(dash - buf);
		*dash = '\0';
		if ((al != 3 && al != 4) || buf[0] != '0' || !all_digits(buf, al))
			return false;
		local = dash + 1;
		size_t ll = strlen(local);
		return (ll == 7 || ll == 8) && all_digits(local, ll);
	}
	size_t l = strlen(local);
	if (l == 7 || l == 8)
		return all_digits(local, l);
	/* area code run together: 0 + 2–3 digits + 7–8 digits */
	return local[0] == '0' && l >= 10 && l <= 12 && all_digits(local, l);
}

static int current_year(bf_date today)
{
	int y = 0;
	if (today != BF_DATE_NONE)
		bf_date_to_ymd(today, &y, NULL, NULL);
	return y;
}

static void check_money(struct problems *p, const char *who, const char *field, bf_fen v)
{
	if (v < 0)
		mproblem(p, who, _("%s must not be negative"), field);
	else if (v > BF_FEN_MAX)
		mproblem(p, who, _("%s is too large"), field);
}

static void validate_member(const struct bf_case *c, size_t i, bf_date today, struct problems *p)
{
	const struct bf_member *m = &c->members[i];
	char label[200], who[256];
	member_label(c, i, label, sizeof label);
	/* TRANSLATORS: prefix of a problem: "Member 2 (李四): " */
	snprintf(who, sizeof who, _("%s: "), label);

	if (bf_blank(m->name))
		problem(p, "%s%s", who, _("Name is required"));

	if ((int)m->relation < 0 || m->relation >= BF_REL_COUNT)
		problem(p, "%s%s", who, _("Relation: unknown value"));
	else if (i == 0 && m->relation != BF_REL_SELF)
		problem(p, "%s%s", who,
		        _("Relation: the first member must be the employee (self)"));
	else if (i > 0 && m->relation == BF_REL_SELF)
		problem(p, "%s%s", who,
		        _("Relation: only the first member can be the employee (self)"));

	struct bf_idcard_info info;
	bool id_ok = false;
	if (bf_blank(m->id_number)) {
		if (i == 0)
			problem(p, "%s%s", who, _("ID number is required"));
	} else {
		bf_error e;
		if (bf_idcard_validate(m->id_number, today, &info, &e))
			id_ok = true;
		else
			problem(p, "%s%s", who, e.msg);
	}

	if (!bf_blank(m->birth_date)) {
		bf_date bd;
		if (!bf_date_parse(m->birth_date, &bd)) {
			mproblem(p, who, _("Birth date: \"%s\" is not a date (YYYY-MM-DD)"),
			         m->birth_date);
		} else if (today != BF_DATE_NONE && bd > today) {
			problem(p, "%s%s", who, _("Birth date is in the future"));
		} else if (id_ok && bd != info.birth) {
			char s[11];
			bf_date_format(info.birth, s);
			mproblem(p, who, _("Birth date does not match the ID number (%s)"), s);
		}
	}

	if ((int)m->marital < 0 || m->marital >= BF_MAR_COUNT)
		problem(p, "%s%s", who, _("Marital status: unknown value"));
	if ((int)m->status < 0 || m->status >= BF_ST_COUNT)
		problem(p, "%s%s", who, _("Status: unknown value"));
	if ((int)m->insurance < 0 || m->insurance >= BF_INS_COUNT)
		problem(p, "%s%s", who, _("Medical insurance: unknown value"));
	if ((int)m->hukou < 0 || m->hukou >= BF_HUKOU_COUNT)
		problem(p, "%s%s", who, _("Hukou type: unknown value"));
	if ((int)m->proof < 0 || m->proof >= BF_PROOF_COUNT)
		problem(p, "%s%s", who, _("Income proof: unknown value"));

	if ((int)m->health < 0 || m->health >= BF_HEALTH_COUNT) {
		problem(p, "%s%s", who, _("Health: unknown value"));
	} else if (m->health == BF_HEALTH_MAJOR) {
		int cy = current_year(today);
		if (m->diagnosis_year == 0)
			problem(p, "%s%s", who,
			        _("Diagnosis year is required for a major illness"));
		else if (m->diagnosis_year < 1900 || (cy && m->diagnosis_year > cy))
			mproblem(p, who, _("Diagnosis year %d is not plausible"),
			         m->diagnosis_year);
	}

	if ((int)m->disability < 0 || m->disability >= BF_DIS_COUNT)
		problem(p, "%s%s", who, _("Disability: unknown value"));
	else if (m->disability != BF_DIS_NONE &&
	         (m->disability_grade < 1 || m->disability_grade > 4))
		problem(p, "%s%s", who, _("Disability grade must be 1 to 4"));
	else if (m->disability == BF_DIS_NONE && m->disability_grade != 0)
		problem(p, "%s%s", who,
		        _("Disability grade is set but the disability type is none"));

	check_money(p, who, _("Monthly income"), m->monthly_income);

	if (m->count_override < -1 || m->count_override > 1)
		problem(p, "%s%s", who, _("Counted in household: unknown value"));
	else if (m->count_override != 0 && bf_blank(m->count_reason))
		problem(p, "%s%s", who,
		        _("Counted in household: a reason is required when the rule is "
		          "overridden"));
}

static bool cause_ok(int v)
{
	return v >= 0 && v < BF_CAUSE_COUNT;
}

/* No text field holds a control character (ESC, C1, DEL, a bidi control:
 * sanitize.h); each one that does is named. Members are named by position:
 * the name itself may be the field at fault. */
static void validate_controls(const struct bf_case *c, struct problems *p)
{
	const struct {
		const char *label, *text;
		bool multiline;
	} fields[] = {
	    {N_("File number"), c->number, false},
	    {N_("Ethnicity"), c->ethnicity, false},
	    {N_("Political status"), c->political_status, false},
	    {N_("Phone"), c->phone, false},
	    {N_("Postcode"), c->postcode, false},
	    {N_("Address"), c->address, false},
	    {N_("Work start date"), c->work_start, false},
	    {N_("Industry"), c->industry, false},
	    {N_("Department"), c->department, false},
	    {N_("Employer"), c->employer, false},
	    {N_("Employer type"), c->employer_type, false},
	    {N_("Enterprise status"), c->enterprise_status, false},
	    {N_("Model worker level"), c->model_worker, false},
	    {N_("Housing type"), c->housing_type, false},
	    {N_("Family situation"), c->family_situation, true},
	    {N_("Hardship cause"), c->hardship_cause_text, true},
	    {N_("State of mind"), c->state_of_mind, true},
	    {N_("Skills"), c->skills, true},
	    {N_("Employment wishes"), c->employment_wish, true},
	    {N_("Bank name"), c->bank_name, false},
	    {N_("Bank branch"), c->bank_branch, false},
	    {N_("Bank card"), c->bank_card, false},
	    {N_("Filed by"), c->created_by, false},
	    {N_("Reviewed by"), c->reviewed_by, false},
	    {N_("Keyed in by"), c->keyed_by, false},
	    {N_("Unit opinion"), c->unit_opinion, true},
	    {N_("Union opinion"), c->union_opinion, true},
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(fields); i++)
		if (bf_text_has_control(fields[i].text, fields[i].multiline))
			problem(p,
			        _("%s: holds a control character (such as ESC or a direction "
			          "mark): remove it"),
			        _(fields[i].label));
	for (size_t i = 0; i < c->n_members && i < BF_MAX_MEMBERS; i++) {
		const struct bf_member *m = &c->members[i];
		const struct {
			const char *label, *text;
		} mf[] = {
		    {N_("Name"), m->name},
		    {N_("ID number"), m->id_number},
		    {N_("Birth date"), m->birth_date},
		    {N_("School or employer"), m->school_or_employer},
		    {N_("Disease"), m->disease},
		    {N_("Reason counted"), m->count_reason},
		};
		char who[64];
		if (i == 0)
			snprintf(who, sizeof who, "%s", _("Employee"));
		else
			snprintf(who, sizeof who, _("Member %zu"), i + 1);
		for (size_t k = 0; k < BF_ARRAY_LEN(mf); k++)
			if (bf_text_has_control(mf[k].text, false))
				problem(p,
				        _("%s: %s: holds a control character (such as ESC or a "
				          "direction mark): remove it"),
				        who, _(mf[k].label));
	}
}

size_t bf_case_validate(const struct bf_case *c, bf_date today, char (*msgs)[256], size_t max)
{
	struct problems p = {msgs, max, 0};
	char who[8] = "";

	validate_controls(c, &p);

	if (c->year < 1900 || c->year > 2199)
		problem(&p, _("Year: %d is not a valid assistance year"), c->year);

	if (c->n_members == 0 || c->n_members > BF_MAX_MEMBERS) {
		problem(&p, "%s", _("Household: the employee is missing"));
		return p.n;
	}

	size_t spouses = 0;
	for (size_t i = 0; i < c->n_members; i++) {
		validate_member(c, i, today, &p);
		const struct bf_member *m = &c->members[i];
		if (m->relation == BF_REL_SPOUSE && ++spouses == 2) {
			char label[200];
			member_label(c, i, label, sizeof label);
			char who2[256];
			snprintf(who2, sizeof who2, _("%s: "), label);
			problem(&p, "%s%s", who2, _("Relation: only one spouse can be listed"));
		}
		/* duplicate ID numbers within the household */
		if (bf_blank(m->id_number))
			continue;
		for (size_t j = 0; j < i; j++) {
			struct bf_idcard_info a, b;
			const struct bf_member *o = &c->members[j];
			if (bf_blank(o->id_number))
				continue;
			bool same;
			if (bf_idcard_validate(m->id_number, BF_DATE_NONE, &a, NULL) &&
			    bf_idcard_validate(o->id_number, BF_DATE_NONE, &b, NULL))
				same = strcmp(a.normalized, b.normalized) == 0;
			else
				same = strcmp(m->id_number, o->id_number) == 0;
			if (same) {
				char label[200], other[200];
				member_label(c, i, label, sizeof label);
				member_label(c, j, other, sizeof other);
				char who2[256];
				snprintf(who2, sizeof who2, _("%s: "), label);
				mproblem(&p, who2, _("ID number is the same as %s"), other);
				break;
			}
		}
	}

	const struct bf_member *emp = &c->members[0];
	if (c->single_parent && emp->marital == BF_MAR_MARRIED)
		problem(&p, "%s", _("Single parent: the employee is recorded as married"));

	if (!bf_blank(c->phone)) {
		char norm[12];
		if (!bf_mobile_validate(c->phone, norm, NULL) && !landline_ok(c->phone))
			problem(&p,
			        _("Phone: \"%s\" is neither a mobile (11 digits) nor a landline "
			          "number"),
			        c->phone);
	}
	if (!bf_blank(c->bank_card)) {
		char norm[20];
		bf_error e;
		if (bf_bankcard_check(c->bank_card, norm, &e) == BF_CARD_INVALID)
			problem(&p, "%s", e.msg);
	}
	if (!bf_blank(c->postcode) && !all_digits(c->postcode, 6))
		problem(&p, "%s", _("Postcode must be 6 digits"));
	if (!bf_blank(c->work_start)) {
		bf_date d;
		if (!bf_date_parse(c->work_start, &d))
			problem(&p, _("Start of work: \"%s\" is not a date (YYYY-MM-DD)"),
			        c->work_start);
	}
	if (c->housing_area_m2 < 0)
		problem(&p, "%s", _("Housing area must not be negative"));

	check_money(&p, who, _("Other household income per year"), c->other_income_year);
	check_money(&p, who, _("Medical cost this year"), c->medical_cost_year);
	check_money(&p, who, _("Disaster loss"), c->disaster_loss);

	if (c->accident_year != 0 && (c->accident_year < 1900 || c->accident_year > c->year))
		problem(&p, _("Accident year: %d is not plausible for the assistance year %d"),
		        c->accident_year, c->year);

	/* causes */
	if (c->primary_cause != BF_CAUSE_NONE && !cause_ok(c->primary_cause))
		problem(&p, "%s", _("Primary cause: unknown value"));
	bool any_secondary = false;
	for (size_t k = 0; k < BF_MAX_SECONDARY_CAUSES; k++) {
		int v = c->secondary_causes[k];
		if (v == BF_CAUSE_NONE)
			continue;
		any_secondary = true;
		if (!cause_ok(v)) {
			problem(&p, _("Secondary cause %zu: unknown value"), k + 1);
			continue;
		}
		if (v == c->primary_cause) {
			problem(&p, _("Secondary cause %zu: \"%s\" is already the primary cause"),
			        k + 1, bf_enum_label(BF_ENUM_CAUSE, v));
			continue;
		}
		for (size_t j = 0; j < k; j++) {
			if (c->secondary_causes[j] == v) {
				problem(&p, _("Secondary cause %zu: \"%s\" is listed twice"), k + 1,
				        bf_enum_label(BF_ENUM_CAUSE, v));
				break;
			}
		}
	}
	if (any_secondary && c->primary_cause == BF_CAUSE_NONE)
		problem(&p, "%s", _("Secondary causes: choose the primary cause first"));

	return p.n;
}

/* ---- merging a save that met another's change ---------------------------------- */

enum mkind { MK_TEXT, MK_INT, MK_BOOL, MK_MONEY, MK_ENUM, MK_CAUSE, MK_OVERRIDE };

struct mfield {
	const char *label; /* msgid */
	enum mkind kind;
	size_t off, size;
	enum bf_enum_kind ek;
};

#define MC(l, k, f)                                                                    \
	{                                                                              \
		l, k, offsetof(struct bf_case, f), sizeof(((struct bf_case *)0)->f), 0 \
	}
#define MM(l, k, f, e)                                                                     \
	{                                                                                  \
		l, k, offsetof(struct bf_member, f), sizeof(((struct bf_member *)0)->f), e \
	}
/* The form's fields, under the form's labels (workflow state, ids, number
 * and revision are not typed: they come from the file as it is now). */
static const struct mfield case_fields[] = {
    MC(N_("Ethnicity"), MK_TEXT, ethnicity),
    MC(N_("Political status"), MK_TEXT, political_status),
    MC(N_("Phone"), MK_TEXT, phone),
    MC(N_("Postcode"), MK_TEXT, postcode),
    MC(N_("Address"), MK_TEXT, address),
    MC(N_("Start of work"), MK_TEXT, work_start),
    MC(N_("Industry"), MK_TEXT, industry),
    MC(N_("Department"), MK_TEXT, department),
    MC(N_("Employer"), MK_TEXT, employer),
    MC(N_("Employer type"), MK_TEXT, employer_type),
    MC(N_("Enterprise status"), MK_TEXT, enterprise_status),
    MC(N_("Model worker level"), MK_TEXT, model_worker),
    MC(N_("Housing type"), MK_TEXT, housing_type),
    MC(N_("Floor area (m2)"), MK_INT, housing_area_m2),
    MC(N_("Single parent"), MK_BOOL, single_parent),
    MC(N_("Zero-employment family"), MK_BOOL, zero_employment),
    MC(N_("Other income per year"), MK_MONEY, other_income_year),
    MC(N_("Accident/disaster year"), MK_INT, accident_year),
    MC(N_("Medical cost this year"), MK_MONEY, medical_cost_year),
    MC(N_("Disaster loss"), MK_MONEY, disaster_loss),
    MC(N_("Primary cause"), MK_CAUSE, primary_cause),
    MC(N_("Secondary cause 1"), MK_CAUSE, secondary_causes[0]),
    MC(N_("Secondary cause 2"), MK_CAUSE, secondary_causes[1]),
    MC(N_("Secondary cause 3"), MK_CAUSE, secondary_causes[2]),
    MC(N_("Family situation"), MK_TEXT, family_situation),
    MC(N_("Cause of hardship"), MK_TEXT, hardship_cause_text),
    MC(N_("State of mind"), MK_TEXT, state_of_mind),
    MC(N_("Skills"), MK_TEXT, skills),
    MC(N_("Employment wishes"), MK_TEXT, employment_wish),
    MC(N_("Bank"), MK_TEXT, bank_name),
    MC(N_("Branch"), MK_TEXT, bank_branch),
    MC(N_("Card number"), MK_TEXT, bank_card),
    MC(N_("Filed by"), MK_TEXT, created_by),
    MC(N_("Reviewer"), MK_TEXT, reviewed_by),
    MC(N_("Keyed in by"), MK_TEXT, keyed_by),
    MC(N_("Unit opinion"), MK_TEXT, unit_opinion),
    MC(N_("Union opinion"), MK_TEXT, union_opinion),
};
static const struct mfield member_fields[] = {
    MM(N_("Name"), MK_TEXT, name, 0),
    MM(N_("Relation"), MK_ENUM, relation, BF_ENUM_RELATION),
    MM(N_("ID number"), MK_TEXT, id_number, 0),
    MM(N_("Birth date"), MK_TEXT, birth_date, 0),
    MM(N_("Marital status"), MK_ENUM, marital, BF_ENUM_MARITAL),
    MM(N_("Work status"), MK_ENUM, status, BF_ENUM_STATUS),
    MM(N_("School or employer"), MK_TEXT, school_or_employer, 0),
    MM(N_("Health"), MK_ENUM, health, BF_ENUM_HEALTH),
    MM(N_("Disease"), MK_TEXT, disease, 0),
    MM(N_("Diagnosis year"), MK_INT, diagnosis_year, 0),
    MM(N_("Disability"), MK_ENUM, disability, BF_ENUM_DISABILITY),
    MM(N_("Disability grade"), MK_INT, disability_grade, 0),
    MM(N_("Medical insurance"), MK_ENUM, insurance, BF_ENUM_INSURANCE),
    MM(N_("Hukou type"), MK_ENUM, hukou, BF_ENUM_HUKOU),
    MM(N_("Monthly income"), MK_MONEY, monthly_income, 0),
    MM(N_("Income proof"), MK_ENUM, proof, BF_ENUM_PROOF),
    MM(N_("Counted"), MK_OVERRIDE, count_override, 0),
    MM(N_("Reason for the decision"), MK_TEXT, count_reason, 0),
};
#undef MC
#undef MM

static bool field_eq(const struct mfield *f, const void *a, const void *b)
{
	const char *pa = (const char *)a + f->off, *pb = (const char *)b + f->off;
	switch (f->kind) {
	case MK_TEXT:
		return strcmp(pa, pb) == 0;
	case MK_BOOL:
		return *(const bool *)pa == *(const bool *)pb;
	case MK_MONEY:
		return *(const bf_fen *)pa == *(const bf_fen *)pb;
	default: /* int-sized: ints and enums */
		return *(const int *)pa == *(const int *)pb;
	}
}

static void field_show(const struct mfield *f, const void *s, char *out, size_t n)
{
	const char *p = (const char *)s + f->off;
	switch (f->kind) {
	case MK_TEXT:
		bf_strlcpy(out, p, n);
		break;
	case MK_INT:
		snprintf(out, n, "%d", *(const int *)p);
		break;
	case MK_BOOL:
		bf_strlcpy(out, *(const bool *)p ? _("Yes") : _("No"), n);
		break;
	case MK_MONEY:
		bf_money_format(*(const bf_fen *)p, out, n);
		break;
	case MK_ENUM:
		bf_strlcpy(out, bf_enum_label(f->ek, *(const int *)p), n);
		break;
	case MK_OVERRIDE: {
		int v = *(const int *)p;
		bf_strlcpy(out,
		           v > 0   ? _("Count")
		           : v < 0 ? _("Do not count")
		                   : _("By the rules"),
		           n);
		break;
	}
	case MK_CAUSE:
		bf_strlcpy(out,
		           *(const int *)p == BF_CAUSE_NONE
		               ? _("None")
		               : bf_enum_label(BF_ENUM_CAUSE, *(const int *)p),
		           n);
		break;
	}
	if (!out[0])
		bf_strlcpy(out, _("(none)"), n);
}

struct merge {
	bool mine_wins;
	size_t n;
	struct bf_case_change *ch;
	size_t max;
};

/* One field: out (a copy of theirs) takes mine where only mine changed, or
 * where both did and mine wins; a change on both sides is recorded. */
static void merge_field(struct merge *m, const struct mfield *f, const char *who, const void *base,
                        const void *mine, const void *theirs, void *out)
{
	if (field_eq(f, mine, base) || field_eq(f, mine, theirs))
		return; /* not typed, or typed the same: theirs stands */
	bool conflict = !field_eq(f, theirs, base);
	if (!conflict || m->mine_wins)
		memcpy((char *)out + f->off, (const char *)mine + f->off, f->size);
	if (!conflict)
		return;
	if (m->n < m->max) {
		struct bf_case_change *c = &m->ch[m->n];
		if (who)
			snprintf(c->field, sizeof c->field, "%s: %s", who, _(f->label));
		else
			bf_strlcpy(c->field, _(f->label), sizeof c->field);
		field_show(f, theirs, c->theirs, sizeof c->theirs);
		field_show(f, mine, c->yours, sizeof c->yours);
	}
	m->n++;
}

static bool members_eq(const struct bf_case *a, const struct bf_case *b)
{
	if (a->n_members != b->n_members)
		return false;
	for (size_t i = 0; i < a->n_members; i++) {
		if (a->members[i].id != b->members[i].id)
			return false;
		for (size_t k = 0; k < BF_ARRAY_LEN(member_fields); k++)
			if (!field_eq(&member_fields[k], &a->members[i], &b->members[i]))
				return false;
	}
	return true;
}

/* The same members (by row) in the same order. */
static bool same_rows(const struct bf_case *a, const struct bf_case *b)
{
	if (a->n_members != b->n_members)
		return false;
	for (size_t i = 0; i < a->n_members; i++)
		if (a->members[i].id != b->members[i].id)
			return false;
	return true;
}

static void member_names(const struct bf_case *c, char *out, size_t n)
{
	out[0] = '\0';
	for (size_t i = 0; i < c->n_members; i++) {
		size_t len = strlen(out);
		snprintf(out + len, n - len, "%s%s", i ? "、" : "",
		         c->members[i].name[0] ? c->members[i].name : "?");
	}
}

size_t bf_case_merge(const struct bf_case *base, const struct bf_case *mine,
                     const struct bf_case *theirs, bool mine_wins, struct bf_case *out,
                     struct bf_case_change *ch, size_t max)
{
	struct merge m = {.mine_wins = mine_wins, .ch = ch, .max = max};
	if (out != theirs)
		memcpy(out, theirs, sizeof *out);
	for (size_t k = 0; k < BF_ARRAY_LEN(case_fields); k++)
		merge_field(&m, &case_fields[k], NULL, base, mine, theirs, out);

	if (members_eq(mine, base) || members_eq(mine, theirs))
		return m.n; /* the members were not touched here: theirs stand */
	if (same_rows(base, mine) && same_rows(base, theirs)) {
		for (size_t i = 0; i < mine->n_members; i++) {
			const char *who = mine->members[i].name[0] ? mine->members[i].name
			                                           : base->members[i].name;
			for (size_t k = 0; k < BF_ARRAY_LEN(member_fields); k++)
				merge_field(&m, &member_fields[k], who, &base->members[i],
				            &mine->members[i], &theirs->members[i],
				            &out->members[i]);
		}
		return m.n;
	}
	/* rows added, removed or moved: the list is one field */
	bool conflict = !members_eq(theirs, base);
	if (!conflict || mine_wins) {
		out->n_members = mine->n_members;
		memcpy(out->members, mine->members, sizeof out->members);
	}
	if (conflict) {
		if (m.n < max) {
			bf_strlcpy(ch[m.n].field, _("Household members"), sizeof ch[m.n].field);
			member_names(theirs, ch[m.n].theirs, sizeof ch[m.n].theirs);
			member_names(mine, ch[m.n].yours, sizeof ch[m.n].yours);
		}
		m.n++;
	}
	return m.n;
}
