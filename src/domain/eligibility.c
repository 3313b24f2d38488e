/* eligibility.c — household size, income and the five aid categories.
 *
 * Comparisons are exact in integers: "per-capita ≤ pct% × min_living" is
 * yearly_total × 100 ≤ pct × min_living × 12 × size, computed in 128 bits so
 * that no figure an administrator can type overflows. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bangfu/eligibility.h"
#include "bangfu/money.h"

__extension__ typedef __int128 i128;

void bf_year_settings_seed(struct bf_year_settings *s, int year)
{
	memset(s, 0, sizeof *s);
	s->year = year;
	s->min_living = 86000; /* 860 yuan a month */
	s->cat1_percent = 150;
	s->cat2_percent = 200;
	s->cat3_percent = 300;
	s->cat4_medical = 1000000; /* 10,000 yuan */
	s->cat5_loss = 2000000;    /* 20,000 yuan */
	s->min_wage = 218000;      /* 2,180 yuan a month: a plausible default only */
}

static const char *const cat_labels[BF_CAT_COUNT] = {
    N_("Category 1"), N_("Category 2"), N_("Category 3"), N_("Category 4"), N_("Category 5"),
};
static const char *const cat_codes[BF_CAT_COUNT] = {"1", "2", "3", "4", "5"};

const char *bf_category_label(enum bf_category cat)
{
	if ((int)cat < 0 || cat >= BF_CAT_COUNT)
		return "";
	return _(cat_labels[cat]);
}

const char *bf_category_code(enum bf_category cat)
{
	if ((int)cat < 0 || cat >= BF_CAT_COUNT)
		return "";
	return cat_codes[cat];
}

static bf_fen clamp_fen(i128 v)
{
	if (v > INT64_MAX)
		return INT64_MAX;
	if (v < INT64_MIN)
		return INT64_MIN;
	return (bf_fen)v;
}

/* Round num/den half away from zero (den > 0). */
static bf_fen div_round(i128 num, i128 den)
{
	i128 q = (num >= 0 ? num * 2 + den : num * 2 - den) / (den * 2);
	return clamp_fen(q);
}

static void setf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* snprintf through a large buffer, then cut at a UTF-8 boundary. */
static void setf(char *buf, size_t n, const char *fmt, ...)
{
	char tmp[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	bf_strlcpy(buf, tmp, n);
}

/* ---- household counting ---------------------------------------------------- */

static bool is_married(enum bf_marital m)
{
	return m == BF_MAR_MARRIED;
}

/* Decide by the rules; returns counted and writes the reason. */
static bool count_rule(const struct bf_case *c, size_t i, char *reason, size_t n)
{
	const struct bf_member *m = &c->members[i];
	enum bf_marital emp = c->members[0].marital;
	enum bf_relation rel = m->relation;

	if (i == 0) {
		setf(reason, n, "%s", _("The employee is always counted."));
		return true;
	}
	if (emp == BF_MAR_MARRIED) {
		switch (rel) {
		case BF_REL_SPOUSE:
			setf(reason, n, "%s", _("Spouse of a married employee: counted."));
			return true;
		case BF_REL_CHILD:
			if (is_married(m->marital)) {
				setf(reason, n, "%s", _("Married child: has their own household."));
				return false;
			}
			setf(reason, n, "%s", _("Unmarried child: counted."));
			return true;
		case BF_REL_FATHER:
		case BF_REL_MOTHER:
			setf(reason, n, "%s",
			     _("Parent of a married employee: not counted (self, spouse and "
			       "unmarried children only)."));
			return false;
		case BF_REL_FATHER_IN_LAW:
		case BF_REL_MOTHER_IN_LAW:
			setf(reason, n, "%s",
			     _("Parent-in-law of a married employee: not counted (self, spouse and "
			       "unmarried children only)."));
			return false;
		case BF_REL_SIBLING:
			setf(reason, n, "%s",
			     _("Brother or sister of a married employee: not counted (self, spouse "
			       "and unmarried children only)."));
			return false;
		default:
			setf(reason, n, "%s",
			     _("Not part of a married employee's household (self, spouse and "
			       "unmarried children)."));
			return false;
		}
	}
	if (emp == BF_MAR_DIVORCED || emp == BF_MAR_WIDOWED) {
		switch (rel) {
		case BF_REL_CHILD:
			if (is_married(m->marital)) {
				setf(reason, n, "%s", _("Married child: has their own household."));
				return false;
			}
			setf(reason, n, "%s", _("Unmarried child: counted."));
			return true;
		case BF_REL_SPOUSE:
			setf(reason, n, "%s",
			     _("Former spouse of a divorced or widowed employee: not counted."));
			return false;
		case BF_REL_FATHER:
		case BF_REL_MOTHER:
		case BF_REL_FATHER_IN_LAW:
		case BF_REL_MOTHER_IN_LAW:
			setf(reason, n, "%s",
			     _("Parent of a divorced or widowed employee: not counted (self and "
			       "unmarried children only)."));
			return false;
		default:
			setf(reason, n, "%s",
			     _("Not part of a divorced or widowed employee's household (self and "
			       "unmarried children)."));
			return false;
		}
	}
	/* unmarried employee: parents, self and other unmarried family members */
	switch (rel) {
	case BF_REL_FATHER:
	case BF_REL_MOTHER:
		setf(reason, n, "%s", _("Parent of an unmarried employee: counted."));
		return true;
	case BF_REL_SPOUSE:
		setf(reason, n, "%s",
		     _("A spouse is listed but the employee is not married: not counted."));
		return false;
	case BF_REL_SIBLING:
		if (is_married(m->marital)) {
			setf(reason, n, "%s",
			     _("Married brother or sister: has their own household."));
			return false;
		}
		setf(reason, n, "%s",
		     _("Unmarried brother or sister of an unmarried employee: counted."));
		return true;
	default:
		if (is_married(m->marital)) {
			setf(reason, n, "%s", _("Married family member: has their own household."));
			return false;
		}
		setf(reason, n, "%s",
		     _("Unmarried family member of an unmarried employee: counted."));
		return true;
	}
}

void bf_count_household(const struct bf_case *c, const struct bf_year_settings *s,
                        struct bf_assessment *a)
{
	memset(a, 0, sizeof *a);
	a->first_match = -1;
	size_t n = c->n_members <= BF_MAX_MEMBERS ? c->n_members : BF_MAX_MEMBERS;
	i128 monthly = 0;
	for (size_t i = 0; i < n; i++) {
		const struct bf_member *m = &c->members[i];
		struct bf_member_count *mc = &a->members[i];
		char rule[256];
		bool counted = count_rule(c, i, rule, sizeof rule);
		if (m->count_override == 1) {
			counted = true;
			setf(rule, sizeof rule, _("Counted by decision: %s"), m->count_reason);
		} else if (m->count_override == -1) {
			counted = false;
			setf(rule, sizeof rule, _("Not counted by decision: %s"), m->count_reason);
		}
		mc->counted = counted;
		if (!counted) {
			bf_strlcpy(mc->reason, rule, sizeof mc->reason);
			continue;
		}
		a->household_size++;
		mc->income = m->monthly_income;
		if ((m->relation == BF_REL_SPOUSE || m->relation == BF_REL_CHILD) &&
		    m->status == BF_ST_UNEMPLOYED && m->proof == BF_PROOF_NONE) {
			char mw[32];
			mc->imputed = true;
			a->any_imputed = true;
			mc->income = s ? s->min_wage : 0;
			bf_money_format(mc->income, mw, sizeof mw);
			char tmp[512];
			snprintf(tmp, sizeof tmp,
			         _("%s Unemployed without proof: income taken at the minimum wage, "
			           "%s yuan a month."),
			         rule, mw);
			bf_strlcpy(mc->reason, tmp, sizeof mc->reason);
		} else {
			bf_strlcpy(mc->reason, rule, sizeof mc->reason);
		}
		monthly += mc->income;
	}
	a->monthly_total = clamp_fen(monthly);
	i128 yearly = (i128)a->monthly_total * 12 + c->other_income_year;
	a->yearly_total = clamp_fen(yearly);
	if (a->household_size > 0)
		a->per_capita = div_round(a->yearly_total, (i128)12 * a->household_size);
}

/* ---- categories --------------------------------------------------------------- */

/* per-capita ≤ pct% of the minimum living standard, exactly */
static bool income_within(const struct bf_assessment *a, const struct bf_year_settings *s, int pct)
{
	if (a->household_size <= 0)
		return false;
	i128 lhs = (i128)a->yearly_total * 100;
	i128 rhs = (i128)pct * s->min_living * 12 * a->household_size;
	return lhs <= rhs;
}

/* The income half of a reason, in caseworker words. */
static void income_phrase(char *buf, size_t n, const struct bf_assessment *a,
                          const struct bf_year_settings *s, int pct, bool within)
{
	if (a->household_size <= 0) {
		setf(buf, n, "%s",
		     _("no household member is counted, so there is no per-capita income"));
		return;
	}
	bf_fen limit = div_round((i128)s->min_living * pct, 100);
	char pc[32], lim[32];
	bf_money_format(a->per_capita, pc, sizeof pc);
	bf_money_format(limit, lim, sizeof lim);
	if (within) {
		/* TRANSLATORS: per-capita amount, limit, percentage */
		setf(buf, n,
		     _("per-capita monthly income %s yuan ≤ %s yuan (%d%% of the minimum living "
		       "standard)"),
		     pc, lim, pct);
	} else if (a->per_capita > limit) {
		setf(buf, n,
		     _("per-capita monthly income %s yuan > %s yuan (%d%% of the minimum living "
		       "standard)"),
		     pc, lim, pct);
	} else {
		/* above the limit only by a fraction of a fen, which rounding hides */
		char tot[32];
		bf_money_format(a->yearly_total, tot, sizeof tot);
		setf(buf, n,
		     _("per-capita monthly income is just above %s yuan (%d%% of the minimum "
		       "living standard): %s yuan a year for %d persons"),
		     lim, pct, tot, a->household_size);
	}
}

static const char *member_name(const struct bf_case *c, size_t i)
{
	const char *name = c->members[i].name;
	if (!bf_blank(name))
		return name;
	return i == 0 ? _("the employee") : bf_enum_label(BF_ENUM_RELATION, c->members[i].relation);
}

static void append(char *buf, size_t n, const char *sep, const char *s)
{
	size_t len = strlen(buf);
	if (len >= n)
		return;
	if (len > 0) {
		bf_strlcpy(buf + len, sep, n - len);
		len = strlen(buf);
	}
	if (len + 1 < n)
		bf_strlcpy(buf + len, s, n - len);
}

static bool cause_set(const struct bf_case *c, int cause)
{
	if (c->primary_cause == cause)
		return true;
	if (c->primary_cause == BF_CAUSE_NONE)
		return false;
	for (size_t k = 0; k < BF_MAX_SECONDARY_CAUSES; k++)
		if (c->secondary_causes[k] == cause)
			return true;
	return false;
}

/* Between the items of a list inside a reason: "; " (Chinese "；"). */
#define LIST_SEP _("; ")

/* Special reasons for category 2, joined with LIST_SEP. Returns whether any. */
static bool special_reasons(const struct bf_case *c, const struct bf_assessment *a, char *buf,
                            size_t n)
{
	buf[0] = '\0';
	char one[256];
	size_t nm = c->n_members <= BF_MAX_MEMBERS ? c->n_members : BF_MAX_MEMBERS;
	for (size_t i = 0; i < nm; i++) {
		const struct bf_member *m = &c->members[i];
		if (a->members[i].counted && m->health == BF_HEALTH_ILL) {
			setf(one, sizeof one, _("%s has a general or chronic illness"),
			     member_name(c, i));
			append(buf, n, LIST_SEP, one);
		} else if (a->members[i].counted && m->health == BF_HEALTH_MAJOR) {
			setf(one, sizeof one, _("%s has a major illness"), member_name(c, i));
			append(buf, n, LIST_SEP, one);
		}
		if (m->disability != BF_DIS_NONE) {
			setf(one, sizeof one, _("%s is disabled"), member_name(c, i));
			append(buf, n, LIST_SEP, one);
		}
		if (a->members[i].counted && m->status == BF_ST_STUDENT) {
			setf(one, sizeof one, _("%s is a student"), member_name(c, i));
			append(buf, n, LIST_SEP, one);
		}
	}
	if (c->single_parent)
		append(buf, n, LIST_SEP, _("single-parent family"));
	static const int special_causes[] = {BF_CAUSE_SCHOOLING, BF_CAUSE_NO_CAPACITY,
	                                     BF_CAUSE_OTHER};
	for (size_t k = 0; k < BF_ARRAY_LEN(special_causes); k++) {
		if (cause_set(c, special_causes[k])) {
			setf(one, sizeof one, _("cause of hardship: %s"),
			     bf_enum_label(BF_ENUM_CAUSE, special_causes[k]));
			append(buf, n, LIST_SEP, one);
		}
	}
	return buf[0] != '\0';
}

void bf_assess(const struct bf_case *c, const struct bf_year_settings *s, struct bf_assessment *a)
{
	bf_count_household(c, s, a);
	size_t nm = c->n_members <= BF_MAX_MEMBERS ? c->n_members : BF_MAX_MEMBERS;
	char inc[512], extra[1024], amt1[32], amt2[32];

	/* 1: per-capita ≤ cat1% */
	struct bf_category_result *r = &a->cat[BF_CAT_1];
	r->match = income_within(a, s, s->cat1_percent);
	income_phrase(r->reason, sizeof r->reason, a, s, s->cat1_percent, r->match);

	/* 2: per-capita ≤ cat2% and a special reason */
	r = &a->cat[BF_CAT_2];
	bool within = income_within(a, s, s->cat2_percent);
	bool special = special_reasons(c, a, extra, sizeof extra);
	r->match = within && special;
	income_phrase(inc, sizeof inc, a, s, s->cat2_percent, within);
	if (special)
		setf(r->reason, sizeof r->reason, _("%s; special hardship: %s"), inc, extra);
	else
		setf(r->reason, sizeof r->reason,
		     _("%s; no special hardship (illness, disability, schooling, single parent "
		       "or similar)"),
		     inc);

	/* 3: major illness or accident this year, per-capita ≤ cat3% */
	r = &a->cat[BF_CAT_3];
	within = income_within(a, s, s->cat3_percent);
	income_phrase(inc, sizeof inc, a, s, s->cat3_percent, within);
	extra[0] = '\0';
	for (size_t i = 0; i < nm; i++) {
		const struct bf_member *m = &c->members[i];
		if (m->health == BF_HEALTH_MAJOR && m->diagnosis_year == s->year) {
			char one[256];
			setf(one, sizeof one, _("major illness of %s diagnosed in %d"),
			     member_name(c, i), m->diagnosis_year);
			append(extra, sizeof extra, LIST_SEP, one);
		}
	}
	if (c->accident_year != 0 && c->accident_year == s->year) {
		char one[256];
		setf(one, sizeof one, _("accident or disaster in %d"), c->accident_year);
		append(extra, sizeof extra, LIST_SEP, one);
	}
	r->match = extra[0] && within;
	if (extra[0])
		setf(r->reason, sizeof r->reason, "%s; %s", extra, inc);
	else
		setf(r->reason, sizeof r->reason,
		     _("no major illness diagnosed and no accident or disaster in %d"), s->year);

	/* 4: major illness or accident in an earlier year, medical cost, ≤ cat3% */
	r = &a->cat[BF_CAT_4];
	extra[0] = '\0';
	for (size_t i = 0; i < nm; i++) {
		const struct bf_member *m = &c->members[i];
		if (m->health == BF_HEALTH_MAJOR && m->diagnosis_year != 0 &&
		    m->diagnosis_year < s->year) {
			char one[256];
			setf(one, sizeof one, _("major illness of %s diagnosed in %d"),
			     member_name(c, i), m->diagnosis_year);
			append(extra, sizeof extra, LIST_SEP, one);
		}
	}
	if (c->accident_year != 0 && c->accident_year < s->year) {
		char one[256];
		setf(one, sizeof one, _("accident or disaster in %d"), c->accident_year);
		append(extra, sizeof extra, LIST_SEP, one);
	}
	bool medical = c->medical_cost_year >= s->cat4_medical;
	bf_money_format(c->medical_cost_year, amt1, sizeof amt1);
	bf_money_format(s->cat4_medical, amt2, sizeof amt2);
	char med[256];
	if (medical)
		setf(med, sizeof med, _("out-of-pocket medical cost this year %s yuan ≥ %s yuan"),
		     amt1, amt2);
	else
		setf(med, sizeof med, _("out-of-pocket medical cost this year %s yuan < %s yuan"),
		     amt1, amt2);
	r->match = extra[0] && medical && within;
	if (extra[0])
		setf(r->reason, sizeof r->reason, "%s; %s; %s", extra, med, inc);
	else
		setf(r->reason, sizeof r->reason, "%s",
		     _("no major illness or accident in an earlier year"));

	/* 5: direct disaster loss ≥ cat5 */
	r = &a->cat[BF_CAT_5];
	r->match = c->disaster_loss >= s->cat5_loss;
	bf_money_format(c->disaster_loss, amt1, sizeof amt1);
	bf_money_format(s->cat5_loss, amt2, sizeof amt2);
	if (r->match)
		setf(r->reason, sizeof r->reason, _("direct disaster loss %s yuan ≥ %s yuan"), amt1,
		     amt2);
	else
		setf(r->reason, sizeof r->reason, _("direct disaster loss %s yuan < %s yuan"), amt1,
		     amt2);

	a->first_match = -1;
	for (int k = 0; k < BF_CAT_COUNT; k++) {
		if (a->cat[k].match) {
			a->first_match = k;
			break;
		}
	}
}
