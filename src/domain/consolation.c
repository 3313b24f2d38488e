/* consolation.c — consolation standards and the rules for recording one
 * event (慰问). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bangfu/campaign.h"
#include "bangfu/consolation.h"
#include "bangfu/money.h"

#define ROW(id, code, en, zh) {code, en, zh},
static const struct bf_enum_info events[] = {BF_CONSOLATION_EVENTS(ROW)};
#undef ROW

const char *bf_event_code(enum bf_event e)
{
	return (unsigned)e < BF_EV_COUNT ? events[e].code : "";
}

const char *bf_event_label(enum bf_event e)
{
	return (unsigned)e < BF_EV_COUNT ? _(events[e].label) : "";
}

const char *bf_event_zh(enum bf_event e)
{
	return (unsigned)e < BF_EV_COUNT ? events[e].zh : "";
}

int bf_event_parse(const char *text)
{
	return bf_table_parse(events, BF_EV_COUNT, text);
}

enum bf_event_subject bf_event_subject(enum bf_event e)
{
	switch (e) {
	case BF_EV_RELATIVE_DEATH:
		return BF_SUBJECT_IMMEDIATE;
	case BF_EV_FAMILY_HOSPITAL:
		return BF_SUBJECT_FAMILY;
	default:
		return BF_SUBJECT_EMPLOYEE;
	}
}

bool bf_relation_is_immediate(enum bf_relation r)
{
	switch (r) {
	case BF_REL_SPOUSE:
	case BF_REL_FATHER:
	case BF_REL_MOTHER:
	case BF_REL_FATHER_IN_LAW:
	case BF_REL_MOTHER_IN_LAW:
	case BF_REL_CHILD:
	case BF_REL_CHILD_IN_LAW:
		return true;
	default:
		return false;
	}
}

void bf_consolation_standard_seed(enum bf_event e, int year, struct bf_consolation_standard *s)
{
	memset(s, 0, sizeof *s);
	s->year = year;
	s->event = e;
	switch (e) {
	case BF_EV_HOSPITAL:
	case BF_EV_WEDDING:
	case BF_EV_FAMILY_HOSPITAL:
		s->cash = 50000;
		break;
	case BF_EV_BIRTHDAY:
		s->goods = 10000;
		bf_strlcpy(s->goods_note, "生日蛋糕", sizeof s->goods_note);
		break;
	case BF_EV_RELATIVE_DEATH:
		s->cash = 50000;
		bf_strlcpy(s->goods_note, "花圈", sizeof s->goods_note);
		break;
	case BF_EV_DEATH:
		s->manual = true;
		break;
	default:
		break;
	}
}

static int year_of(bf_date d)
{
	int y = 0;
	if (d != BF_DATE_NONE)
		bf_date_to_ymd(d, &y, NULL, NULL);
	return y;
}

/* Prior events that count: not declined, same event kind (hospital stays of
 * the employee or of the family), and, when same_year, in the same year. */
static size_t count_prior(const struct bf_consolation_prior *prior, size_t n, enum bf_event ev,
                          int year, const char *member, bf_date *last)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct bf_consolation_prior *p = &prior[i];
		if (p->declined || p->event != ev)
			continue;
		if (year && year_of(p->date) != year)
			continue;
		if (member && strcmp(member, p->member) != 0)
			continue;
		if (last)
			*last = p->date;
		k++;
	}
	return k;
}

enum bf_consolation_verdict bf_consolation_assess(const struct bf_consolation_standard *std,
                                                  const struct bf_consolation_request *req,
                                                  const struct bf_consolation_prior *prior,
                                                  size_t nprior, struct bf_consolation_result *out)
{
	memset(out, 0, sizeof *out);
	out->verdict = BF_CONS_OK;
	bf_strlcpy(out->goods_note, std->goods_note, sizeof out->goods_note);
	const char *member = req->member && req->member[0] ? req->member : NULL;
	int year = year_of(req->date);
	char dbuf[11] = "";

#define REFUSE(...)                                                     \
	do {                                                            \
		snprintf(out->reason, sizeof out->reason, __VA_ARGS__); \
		out->verdict = BF_CONS_REFUSED;                         \
		return out->verdict;                                    \
	} while (0)

	if (req->date == BF_DATE_NONE)
		REFUSE("%s", _("the event needs a date"));

	/* the amount */
	if (std->manual) {
		if (req->manual_amount <= 0)
			REFUSE(_("%s: the amount follows the superior union's rules and must be "
			         "entered by hand"),
			       bf_event_label(req->event));
		out->cash = req->manual_amount;
	} else {
		out->cash = std->cash;
		out->goods = std->goods;
	}
	if (out->cash + out->goods <= 0)
		REFUSE(_("there is no standard amount for \"%s\" in %d: set it first"),
		       bf_event_label(req->event), year);
	if (req->as_goods) {
		out->goods += out->cash;
		out->cash = 0;
	}

	/* who it is about */
	switch (bf_event_subject(req->event)) {
	case BF_SUBJECT_EMPLOYEE:
		if (member && req->relation != BF_REL_SELF)
			REFUSE(_("%s concerns the employee, not a relative"),
			       bf_event_label(req->event));
		member = NULL;
		break;
	case BF_SUBJECT_IMMEDIATE:
		if (!member)
			REFUSE(_("%s: name the relative who died"), bf_event_label(req->event));
		if (!bf_relation_is_immediate(req->relation))
			REFUSE(
			    _("%s (%s) is not an immediate relative: immediate relatives are the "
			      "spouse, parents or parents-in-law, children and children-in-law"),
			    member, bf_enum_label(BF_ENUM_RELATION, (int)req->relation));
		break;
	case BF_SUBJECT_FAMILY:
		if (!member)
			REFUSE(_("%s: name the family member"), bf_event_label(req->event));
		if (req->relation == BF_REL_SELF)
			REFUSE("%s",
			       _("the employee's own hospital stay is the event \"hospital\""));
		break;
	}

	/* once-only events */
	bf_date last = BF_DATE_NONE;
	switch (req->event) {
	case BF_EV_WEDDING:
	case BF_EV_BIRTHDAY:
		if (count_prior(prior, nprior, req->event, year, NULL, &last) > 0) {
			bf_date_format(last, dbuf);
			REFUSE(_("%s is already recorded for %d (on %s)"),
			       bf_event_label(req->event), year, dbuf);
		}
		break;
	case BF_EV_DEATH:
		if (count_prior(prior, nprior, req->event, 0, NULL, &last) > 0) {
			bf_date_format(last, dbuf);
			REFUSE(_("the employee's death is already recorded (on %s)"), dbuf);
		}
		break;
	case BF_EV_RELATIVE_DEATH:
		if (count_prior(prior, nprior, req->event, 0, member, &last) > 0) {
			bf_date_format(last, dbuf);
			REFUSE(_("the death of %s is already recorded (on %s)"), member, dbuf);
		}
		break;
	default:
		break;
	}
#undef REFUSE

	/* what the rules leave to the union's discretion */
	size_t n = 0;
	char why[2][190] = {"", ""};
	if (req->event == BF_EV_HOSPITAL || req->event == BF_EV_FAMILY_HOSPITAL) {
		size_t k = count_prior(prior, nprior, req->event, year, NULL, &last);
		if (k > 0) {
			bf_date_format(last, dbuf);
			snprintf(why[n++], sizeof why[0],
			         _("hospital stay number %zu in %d (the last on %s): several stays "
			           "in one year are at the union's discretion"),
			         k + 1, year, dbuf);
		}
	}
	if (req->event == BF_EV_FAMILY_HOSPITAL && !bf_relation_is_immediate(req->relation))
		snprintf(why[n++], sizeof why[0],
		         _("%s (%s) is a family member but not an immediate relative"), member,
		         bf_enum_label(BF_ENUM_RELATION, (int)req->relation));
	if (n > 0) {
		out->verdict = BF_CONS_DISCRETION;
		if (n == 1)
			snprintf(out->reason, sizeof out->reason, "%s", why[0]);
		else
			snprintf(out->reason, sizeof out->reason, "%s; %s", why[0], why[1]);
	}
	return out->verdict;
}
