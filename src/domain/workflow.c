/* workflow.c — case states, the transition table and what each move needs. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "bangfu/money.h"
#include "bangfu/workflow.h"

struct state_info {
	const char *code;
	const char *label;
};

#define BF_STATE_ROW(id, code, label) {code, label},
static const struct state_info states[] = {BF_STATES(BF_STATE_ROW)};
#undef BF_STATE_ROW

const char *bf_state_code(enum bf_state s)
{
	return (unsigned)s < BF_STATE_COUNT ? states[s].code : "";
}

const char *bf_state_label(enum bf_state s)
{
	return (unsigned)s < BF_STATE_COUNT ? _(states[s].label) : "";
}

int bf_state_parse(const char *code)
{
	for (int i = 0; i < BF_STATE_COUNT; i++)
		if (code && !strcmp(states[i].code, code))
			return i;
	return -1;
}

const char *bf_state_label_of(const char *code)
{
	int s = bf_state_parse(code);
	return s < 0 ? code : bf_state_label((enum bf_state)s);
}

/* ---- the transition table ------------------------------------------------------- */

#define BF_TRANSITION_ROW(from, to, action, label, reqs) \
	{BF_STATE_##from, BF_STATE_##to, action, label, (unsigned)(reqs)},
static const struct bf_transition transitions[] = {BF_TRANSITIONS(BF_TRANSITION_ROW)};
#undef BF_TRANSITION_ROW

const struct bf_transition *bf_transitions(size_t *count)
{
	if (count)
		*count = BF_ARRAY_LEN(transitions);
	return transitions;
}

const struct bf_transition *bf_transition_find(enum bf_state from, enum bf_state to)
{
	for (size_t i = 0; i < BF_ARRAY_LEN(transitions); i++)
		if (transitions[i].from == from && transitions[i].to == to)
			return &transitions[i];
	return NULL;
}

size_t bf_workflow_targets(enum bf_state from, enum bf_state *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < BF_ARRAY_LEN(transitions) && n < max; i++) {
		if (transitions[i].from != from)
			continue;
		bool seen = false;
		for (size_t k = 0; k < n && !seen; k++)
			seen = out[k] == transitions[i].to;
		if (!seen)
			out[n++] = transitions[i].to;
	}
	return n;
}

bool bf_return_target_ok(enum bf_state s)
{
	return s == BF_STATE_DRAFT || s == BF_STATE_DOCS_COMPLETE || s == BF_STATE_APPROVED ||
	       s == BF_STATE_PUBLICITY_PASSED;
}

/* ---- closure reasons ---------------------------------------------------------------- */

#define BF_CLOSE_ROW(id, code, en, zh) {code, en, zh},
static const struct bf_enum_info closures[] = {BF_CLOSURES(BF_CLOSE_ROW)};
#undef BF_CLOSE_ROW

const char *bf_closure_code(int c)
{
	return c >= 0 && c < BF_CLOSE_COUNT ? closures[c].code : "";
}

const char *bf_closure_label(int c)
{
	return c >= 0 && c < BF_CLOSE_COUNT ? _(closures[c].label) : "";
}

const char *bf_closure_zh(int c)
{
	return c >= 0 && c < BF_CLOSE_COUNT ? closures[c].zh : "";
}

int bf_closure_parse(const char *text)
{
	if (!text)
		return -1;
	char buf[128];
	bf_strlcpy(buf, text, sizeof buf);
	const char *s = bf_trim(buf);
	for (int i = 0; i < BF_CLOSE_COUNT; i++)
		if (!strcasecmp(closures[i].code, s) || !strcmp(closures[i].zh, s) ||
		    !strcasecmp(closures[i].label, s) || !strcmp(_(closures[i].label), s))
			return i;
	return -1;
}

/* ---- review ---------------------------------------------------------------------------- */

const char *bf_review_decision_code(enum bf_review_decision d)
{
	switch (d) {
	case BF_REVIEW_APPROVE:
		return "approve";
	case BF_REVIEW_REJECT:
		return "reject";
	default:
		return "";
	}
}

int bf_review_decision_parse(const char *code)
{
	if (code && !strcmp(code, "approve"))
		return BF_REVIEW_APPROVE;
	if (code && !strcmp(code, "reject"))
		return BF_REVIEW_REJECT;
	return -1;
}

/* Append one problem to msg, "; "-separated. */
static void add_problem(char *msg, size_t n, size_t *count, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void add_problem(char *msg, size_t n, size_t *count, const char *fmt, ...)
{
	if (!msg || n == 0)
		return;
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	size_t len = strlen(msg);
	if (*count > 0 && len + 2 < n) {
		memcpy(msg + len, "; ", 3);
		len += 2;
	}
	if (len < n)
		bf_strlcpy(msg + len, tmp, n - len);
	(*count)++;
}

bool bf_review_check(const struct bf_review *r, const struct bf_assessment *a,
                     const char *entered_by, bool must_differ, bf_date today, char *msg, size_t n)
{
	size_t problems = 0;
	if (msg && n)
		msg[0] = '\0';
	if (r->decision != BF_REVIEW_APPROVE && r->decision != BF_REVIEW_REJECT) {
		add_problem(msg, n, &problems, "%s",
		            _("The review needs a decision: approve or reject"));
		return false;
	}
	if (r->decision == BF_REVIEW_APPROVE) {
		if (r->category < 1 || r->category > BF_CAT_COUNT) {
			add_problem(msg, n, &problems, "%s",
			            _("An approval needs the aid category proposed (1 to 5)"));
		} else if (a && !a->cat[r->category - 1].match) {
			add_problem(msg, n, &problems, _("The file does not meet category %d: %s"),
			            r->category, a->cat[r->category - 1].reason);
		}
		if (r->amount <= 0)
			add_problem(msg, n, &problems, "%s",
			            _("An approval needs the amount of aid proposed, above zero"));
		else if (r->amount > BF_FEN_MAX)
			add_problem(msg, n, &problems, "%s", _("The amount proposed is too large"));
	} else {
		if (bf_blank(r->reason))
			add_problem(msg, n, &problems, "%s", _("A rejection needs the reason"));
	}
	if (bf_blank(r->reviewer))
		add_problem(msg, n, &problems, "%s", _("The review needs the reviewer"));
	bf_date d;
	if (bf_blank(r->date))
		add_problem(msg, n, &problems, "%s", _("The review needs the date of the meeting"));
	else if (!bf_date_parse(r->date, &d))
		add_problem(msg, n, &problems, _("Review date '%s' is not a date (YYYY-MM-DD)"),
		            r->date);
	else if (today != BF_DATE_NONE && d > today)
		add_problem(msg, n, &problems, _("Review date %s is in the future"), r->date);
	if (bf_blank(r->meeting_ref))
		add_problem(msg, n, &problems, "%s",
		            _("The review needs the reference of the meeting minutes (会议纪要)"));
	if (must_differ && !bf_blank(entered_by) && !bf_blank(r->reviewer) &&
	    !strcmp(entered_by, r->reviewer))
		add_problem(msg, n, &problems,
		            _("%s entered this file and may not also review it (setting "
		              "reviewer_must_differ)"),
		            r->reviewer);
	return problems == 0;
}

/* ---- facts ------------------------------------------------------------------------------- */

void bf_wf_facts_init(struct bf_wf_facts *f)
{
	memset(f, 0, sizeof *f);
	f->bank_ok = true;
	f->review = BF_REVIEW_NONE;
	f->closure = BF_CLOSE_NONE;
	f->back_to = -1;
	f->returned_to = -1;
	f->today = BF_DATE_NONE;
	f->publicity_end = BF_DATE_NONE;
}

void bf_wf_facts_from_case(struct bf_wf_facts *f, const struct bf_case *c)
{
	const struct {
		const char *text;
		const char *what;
	} clears[] = {
	    {c->family_situation, N_("family situation")},
	    {c->hardship_cause_text, N_("cause of hardship")},
	    {c->state_of_mind, N_("state of mind")},
	    {c->skills, N_("skills")},
	    {c->employment_wish, N_("employment wishes")},
	};
	f->five_clears_missing[0] = '\0';
	for (size_t i = 0; i < BF_ARRAY_LEN(clears); i++) {
		if (!bf_blank(clears[i].text))
			continue;
		size_t len = strlen(f->five_clears_missing);
		snprintf(f->five_clears_missing + len, sizeof f->five_clears_missing - len, "%s%s",
		         len ? ", " : "", _(clears[i].what));
	}
	f->bank_ok =
	    !bf_blank(c->bank_card) && (!bf_blank(c->bank_name) || !bf_blank(c->bank_branch));
}

/* "Draft, Documents complete, Closed" */
static void list_targets(enum bf_state from, char *buf, size_t n)
{
	enum bf_state t[BF_STATE_COUNT];
	size_t k = bf_workflow_targets(from, t, BF_STATE_COUNT);
	buf[0] = '\0';
	for (size_t i = 0; i < k; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, "%s%s", i ? ", " : "", bf_state_label(t[i]));
	}
}

bool bf_workflow_check(enum bf_state from, enum bf_state to, const struct bf_wf_facts *f, char *msg,
                       size_t n)
{
	size_t problems = 0;
	if (msg && n)
		msg[0] = '\0';
	if ((unsigned)from >= BF_STATE_COUNT || (unsigned)to >= BF_STATE_COUNT) {
		add_problem(msg, n, &problems, "%s", _("Unknown workflow state"));
		return false;
	}
	if (from == to) {
		add_problem(msg, n, &problems, _("The file is already “%s”"), bf_state_label(from));
		return false;
	}
	const struct bf_transition *t = bf_transition_find(from, to);
	if (!t) {
		char next[512];
		list_targets(from, next, sizeof next);
		add_problem(msg, n, &problems,
		            _("A file in state “%s” cannot go to “%s”; from “%s” it can go to: %s"),
		            bf_state_label(from), bf_state_label(to), bf_state_label(from), next);
		return false;
	}
	struct bf_wf_facts none;
	if (!f) {
		bf_wf_facts_init(&none);
		f = &none;
	}
	unsigned r = t->reqs;
	if (f->assume_inputs)
		r &= ~(unsigned)(BF_REQ_REASON | BF_REQ_REVIEW_APPROVE | BF_REQ_REVIEW_REJECT |
		                 BF_REQ_BACK_TO | BF_REQ_CLOSURE);
	if ((r & BF_REQ_RETURN_TARGET) && f->returned_to >= 0 && f->returned_to != (int)to)
		add_problem(msg, n, &problems,
		            _("The district returned this file to “%s”; it can only go back there"),
		            bf_state_label((enum bf_state)f->returned_to));
	if ((r & BF_REQ_DOCS) && f->docs_missing > 0)
		add_problem(msg, n, &problems,
		            ngettext("%zu document still missing: %s",
		                     "%zu documents still missing: %s", f->docs_missing),
		            f->docs_missing, f->docs_missing_text ? f->docs_missing_text : "");
	if ((r & BF_REQ_FIVE_CLEARS) && f->five_clears_missing[0])
		add_problem(msg, n, &problems, _("The five clears are not all recorded: %s"),
		            f->five_clears_missing);
	if ((r & BF_REQ_BANK) && !f->bank_ok)
		add_problem(
		    msg, n, &problems, "%s",
		    _("The employee's own bank card number and bank are not recorded (aid is "
		      "paid only to that card)"));
	if ((r & BF_REQ_REVIEW_APPROVE) && f->review != BF_REVIEW_APPROVE)
		add_problem(msg, n, &problems, "%s",
		            _("Approval is given by recording the union's review (decision, aid "
		              "category, amount, meeting minutes)"));
	if ((r & BF_REQ_REVIEW_REJECT) && f->review != BF_REVIEW_REJECT)
		add_problem(
		    msg, n, &problems, "%s",
		    _("Rejection is given by recording the union's review with the reason"));
	if ((r & BF_REQ_PUBLICITY_OVER) && f->publicity_end != BF_DATE_NONE &&
	    f->today != BF_DATE_NONE && f->today <= f->publicity_end) {
		char end[BF_DATE_SZ];
		bf_date_format(f->publicity_end, end);
		add_problem(
		    msg, n, &problems,
		    _("The publicity period runs until %s; it can pass only after that day"), end);
	}
	if ((r & BF_REQ_BACK_TO) &&
	    (f->back_to < 0 || !bf_return_target_ok((enum bf_state)f->back_to)))
		add_problem(msg, n, &problems,
		            _("A return must name the state the file goes back to: %s"),
		            "draft, docs_complete, approved, publicity_passed");
	if ((r & BF_REQ_CLOSURE) && (f->closure < 0 || f->closure >= BF_CLOSE_COUNT))
		add_problem(
		    msg, n, &problems, "%s",
		    _("Closing a file needs the reason: escaped, retired, moved, died or other"));
	else if ((r & BF_REQ_CLOSURE) && f->closure == BF_CLOSE_OTHER && bf_blank(f->reason))
		add_problem(msg, n, &problems, "%s",
		            _("Closing a file for another reason needs a note saying what it is"));
	if ((r & BF_REQ_REASON) && bf_blank(f->reason))
		add_problem(msg, n, &problems, _("“%s” needs a reason"), _(t->label));
	return problems == 0;
}
