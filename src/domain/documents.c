/* documents.c — the required documents (材料清单) derived from a case. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "bangfu/documents.h"

#define BF_DOC_ROW(id, code, en, zh) {code, N_(en), zh},
static const struct bf_enum_info docs[] = {BF_DOCUMENTS(BF_DOC_ROW)};
#undef BF_DOC_ROW

const char *bf_doc_code(enum bf_doc_kind k)
{
	if ((int)k < 0 || k >= BF_DOC_COUNT)
		return "";
	return docs[k].code;
}

const char *bf_doc_label(enum bf_doc_kind k)
{
	if ((int)k < 0 || k >= BF_DOC_COUNT)
		return "";
	return _(docs[k].label);
}

const char *bf_doc_zh(enum bf_doc_kind k)
{
	if ((int)k < 0 || k >= BF_DOC_COUNT)
		return "";
	return docs[k].zh;
}

int bf_doc_parse(const char *code)
{
	if (!code)
		return -1;
	for (size_t i = 0; i < BF_DOC_COUNT; i++)
		if (strcmp(docs[i].code, code) == 0)
			return (int)i;
	return -1;
}

struct doc_list {
	struct bf_required_doc *out;
	size_t max, n;
	const struct bf_case *c;
};

static void add(struct doc_list *l, enum bf_doc_kind kind, int member, int alt_group, bool pair,
                const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void add(struct doc_list *l, enum bf_doc_kind kind, int member, int alt_group, bool pair,
                const char *fmt, ...)
{
	if (!l->out || l->n >= l->max)
		return;
	struct bf_required_doc *d = &l->out[l->n++];
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->member = member;
	d->alt_group = alt_group;
	d->pair_member = pair;
	if (member < 0)
		snprintf(d->key, sizeof d->key, "%s", bf_doc_code(kind));
	else if (l->c->members[member].id > 0)
		snprintf(d->key, sizeof d->key, "%s:%" PRId64, bf_doc_code(kind),
		         l->c->members[member].id);
	else
		snprintf(d->key, sizeof d->key, "%s:i%d", bf_doc_code(kind), member);
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	bf_strlcpy(d->why, tmp, sizeof d->why);
}

static const char *who(const struct bf_case *c, size_t i)
{
	const char *name = c->members[i].name;
	if (!bf_blank(name))
		return name;
	return i == 0 ? _("The employee") : bf_enum_label(BF_ENUM_RELATION, c->members[i].relation);
}

static bool has_cause(const struct bf_case *c, int cause)
{
	if (c->primary_cause == cause)
		return true;
	for (size_t k = 0; k < BF_MAX_SECONDARY_CAUSES; k++)
		if (c->secondary_causes[k] == cause)
			return true;
	return false;
}

size_t bf_required_documents(const struct bf_case *c, const struct bf_assessment *a,
                             struct bf_required_doc *out, size_t max)
{
	struct doc_list l = {out, max, 0, c};
	struct bf_assessment own;
	if (!a) {
		struct bf_year_settings s;
		bf_year_settings_seed(&s, c->year);
		bf_count_household(c, &s, &own);
		a = &own;
	}
	size_t nm = c->n_members <= BF_MAX_MEMBERS ? c->n_members : BF_MAX_MEMBERS;

	/* household items */
	add(&l, BF_DOC_FORM, -1, 0, false, "%s", _("Always required."));
	add(&l, BF_DOC_HUKOU, -1, 0, false, "%s", _("Always required."));
	if (c->accident_year != 0 || c->disaster_loss > 0 ||
	    has_cause(c, BF_CAUSE_NATURAL_DISASTER) || has_cause(c, BF_CAUSE_ACCIDENT)) {
		add(&l, BF_DOC_DISASTER_PROOF, -1, 1, false, "%s",
		    _("An accident or disaster is recorded."));
		add(&l, BF_DOC_DISASTER_STATEMENT, -1, 1, true, "%s",
		    _("Where no official proof can be had: together with the union's "
		      "investigation note."));
		add(&l, BF_DOC_DISASTER_INVESTIGATION, -1, 1, true, "%s",
		    _("Where no official proof can be had: together with the employee's "
		      "written statement."));
	}

	/* per member, in member order */
	for (size_t i = 0; i < nm; i++) {
		const struct bf_member *m = &c->members[i];
		const char *name = who(c, i);
		int mi = (int)i;
		add(&l, BF_DOC_ID_COPY, mi, 0, false, _("%s is listed in the household."), name);

		if (a->members[i].counted) {
			switch (m->status) {
			case BF_ST_RETIRED:
				add(&l, BF_DOC_RETIREMENT, mi, 0, false, _("%s is retired."), name);
				break;
			case BF_ST_EARLY_RETIRED:
				add(&l, BF_DOC_RETIREMENT, mi, 0, false,
				    _("%s is in internal early retirement."), name);
				break;
			case BF_ST_EMPLOYED:
			case BF_ST_LAID_OFF:
			case BF_ST_SICK_LEAVE:
			case BF_ST_MIGRANT:
				add(&l, BF_DOC_INCOME_EMPLOYER, mi, 0, false,
				    _("%s has an employer (%s)."), name,
				    bf_enum_label(BF_ENUM_STATUS, m->status));
				break;
			case BF_ST_CUSTODY:
				add(&l, BF_DOC_INCOME_CUSTODY, mi, 0, false,
				    _("%s is in a custody centre."), name);
				break;
			case BF_ST_UNEMPLOYED:
				if (m->relation == BF_REL_SPOUSE || m->relation == BF_REL_CHILD)
					add(&l, BF_DOC_UNEMPLOYMENT, mi, 0, false,
					    _("%s is unemployed; without this certificate the "
					      "income is taken at the minimum wage."),
					    name);
				break;
			case BF_ST_STUDENT:
				add(&l, BF_DOC_STUDENT_ID, mi, 0, false, _("%s is a student."),
				    name);
				break;
			default:
				break;
			}
		}
		if (m->disability != BF_DIS_NONE)
			add(&l, BF_DOC_DISABILITY, mi, 0, false, _("%s is disabled."), name);
		if (i == 0 && c->single_parent && m->marital == BF_MAR_DIVORCED)
			add(&l, BF_DOC_DIVORCE, mi, 0, false, "%s",
			    _("The employee is a divorced single parent."));
		if (m->health == BF_HEALTH_MAJOR) {
			add(&l, BF_DOC_DIAGNOSIS, mi, 0, false, _("%s has a major illness."), name);
			add(&l, BF_DOC_MEDICAL_RECORDS, mi, 0, false, _("%s has a major illness."),
			    name);
			add(&l, BF_DOC_MEDICAL_RECEIPTS, mi, 0, false, _("%s has a major illness."),
			    name);
		}
	}
	return l.n;
}
