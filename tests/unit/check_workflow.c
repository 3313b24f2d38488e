/* check_workflow.c — the transition table (every allowed and every refused
 * move, and the words of each refusal), the union's review, and the
 * checklist: merging recorded items into the derived documents, re-deriving
 * when facts change, and the disaster proof's alternative pair. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/checklist.h"
#include "bangfu/workflow.h"
#include "testutil.h"

#define assert_has(text, needle) \
	ck_assert_msg(strstr((text), (needle)) != NULL, "\"%s\" lacks \"%s\"", (text), (needle))

/* ---- the transition table ------------------------------------------------------------ */

/* The moves the workflow allows, written out independently of the table. */
static const char *const allowed[] = {
    "draft>docs_complete",
    "docs_complete>draft",
    "docs_complete>approved",
    "docs_complete>rejected",
    "approved>in_publicity",
    "approved>docs_complete",
    "rejected>draft",
    "in_publicity>publicity_passed",
    "in_publicity>objection_upheld",
    "objection_upheld>draft",
    "publicity_passed>submitted",
    "submitted>accepted",
    "submitted>returned",
    "returned>draft",
    "returned>docs_complete",
    "returned>approved",
    "returned>publicity_passed",
    "accepted>aided",
    "aided>draft",
    "closed>draft",
    /* every state but closed can be closed */
    "draft>closed",
    "docs_complete>closed",
    "approved>closed",
    "rejected>closed",
    "in_publicity>closed",
    "publicity_passed>closed",
    "objection_upheld>closed",
    "submitted>closed",
    "accepted>closed",
    "returned>closed",
    "aided>closed",
};

static bool expect_allowed(enum bf_state from, enum bf_state to)
{
	char pair[64];
	snprintf(pair, sizeof pair, "%s>%s", bf_state_code(from), bf_state_code(to));
	for (size_t i = 0; i < BF_ARRAY_LEN(allowed); i++)
		if (!strcmp(allowed[i], pair))
			return true;
	return false;
}

/* Facts under which every requirement of from → to is met. */
static void facts_all_met(struct bf_wf_facts *f, enum bf_state from, enum bf_state to)
{
	bf_wf_facts_init(f);
	f->docs_missing = 0;
	f->five_clears_missing[0] = '\0';
	f->bank_ok = true;
	f->review = to == BF_STATE_REJECTED ? BF_REVIEW_REJECT : BF_REVIEW_APPROVE;
	f->reason = "理由";
	f->closure = BF_CLOSE_ESCAPED;
	f->back_to = BF_STATE_DRAFT;
	f->returned_to = from == BF_STATE_RETURNED ? (int)to : -1;
	f->today = bf_date_from_ymd(2026, 3, 20);
	f->publicity_end = bf_date_from_ymd(2026, 3, 13);
}

START_TEST(test_every_move)
{
	size_t n_allowed = 0;
	for (int from = 0; from < BF_STATE_COUNT; from++) {
		for (int to = 0; to < BF_STATE_COUNT; to++) {
			struct bf_wf_facts f;
			facts_all_met(&f, (enum bf_state)from, (enum bf_state)to);
			char msg[2048];
			bool ok = bf_workflow_check((enum bf_state)from, (enum bf_state)to, &f, msg,
			                            sizeof msg);
			bool want = expect_allowed((enum bf_state)from, (enum bf_state)to);
			ck_assert_msg(ok == want, "%s → %s: %s (%s)", bf_state_code(from),
			              bf_state_code(to), ok ? "allowed" : "refused", msg);
			ck_assert_int_eq(
			    bf_transition_find((enum bf_state)from, (enum bf_state)to) != NULL,
			    want);
			if (want) {
				n_allowed++;
				ck_assert_str_eq(msg, "");
			} else if (from == to) {
				assert_has(msg, "already");
			} else {
				/* a refused move names the states and what is possible */
				assert_has(msg, "cannot go to");
				assert_has(msg, bf_state_label((enum bf_state)from));
				assert_has(msg, bf_state_label((enum bf_state)to));
			}
		}
	}
	ck_assert_uint_eq(n_allowed, BF_ARRAY_LEN(allowed));
	size_t count;
	bf_transitions(&count);
	ck_assert_uint_eq(count, BF_ARRAY_LEN(allowed));
}
END_TEST

START_TEST(test_refusal_lists_the_possible_moves)
{
	char msg[1024];
	ck_assert(!bf_workflow_check(BF_STATE_DRAFT, BF_STATE_SUBMITTED, NULL, msg, sizeof msg));
	ck_assert_str_eq(msg, "A file in state “Draft” cannot go to “Submitted”; from “Draft” it "
	                      "can go to: Documents complete, Closed");
	enum bf_state t[BF_STATE_COUNT];
	ck_assert_uint_eq(bf_workflow_targets(BF_STATE_CLOSED, t, BF_STATE_COUNT), 1);
	ck_assert_int_eq(t[0], BF_STATE_DRAFT);
	size_t n = bf_workflow_targets(BF_STATE_RETURNED, t, BF_STATE_COUNT);
	ck_assert_uint_eq(n, 5); /* four resume targets and closed, each once */
	ck_assert_uint_eq(bf_workflow_targets(BF_STATE_RETURNED, t, 2), 2);
	ck_assert(bf_transition_find(BF_STATE_DRAFT, BF_STATE_DOCS_COMPLETE) != NULL);
	ck_assert_str_eq(bf_transition_find(BF_STATE_DRAFT, BF_STATE_DOCS_COMPLETE)->action,
	                 "complete");
	ck_assert_ptr_null(bf_transition_find(BF_STATE_DRAFT, BF_STATE_APPROVED));
	ck_assert(!bf_workflow_check((enum bf_state)99, BF_STATE_DRAFT, NULL, msg, sizeof msg));
}
END_TEST

/* Each requirement, when unmet, refuses the move and says what is missing. */
START_TEST(test_requirements_say_what_is_missing)
{
	struct bf_wf_facts f;
	char msg[2048];

	/* documents */
	facts_all_met(&f, BF_STATE_DRAFT, BF_STATE_DOCS_COMPLETE);
	f.docs_missing = 3;
	f.docs_missing_text =
	    "Household register copy; ID card copy (李四); Student ID card (张小明)";
	ck_assert(!bf_workflow_check(BF_STATE_DRAFT, BF_STATE_DOCS_COMPLETE, &f, msg, sizeof msg));
	ck_assert_str_eq(msg, "3 documents still missing: Household register copy; ID card copy "
	                      "(李四); Student ID card (张小明)");
	f.docs_missing = 1;
	f.docs_missing_text = "Household register copy";
	ck_assert(!bf_workflow_check(BF_STATE_DRAFT, BF_STATE_DOCS_COMPLETE, &f, msg, sizeof msg));
	ck_assert_str_eq(msg, "1 document still missing: Household register copy");
	/* the same holds at review, publicity and submission */
	ck_assert(
	    !bf_workflow_check(BF_STATE_DOCS_COMPLETE, BF_STATE_APPROVED, &f, msg, sizeof msg));
	ck_assert(
	    !bf_workflow_check(BF_STATE_APPROVED, BF_STATE_IN_PUBLICITY, &f, msg, sizeof msg));
	ck_assert(
	    !bf_workflow_check(BF_STATE_PUBLICITY_PASSED, BF_STATE_SUBMITTED, &f, msg, sizeof msg));
	/* but not for rejecting or closing */
	f.review = BF_REVIEW_REJECT;
	ck_assert(
	    bf_workflow_check(BF_STATE_DOCS_COMPLETE, BF_STATE_REJECTED, &f, msg, sizeof msg));
	ck_assert(bf_workflow_check(BF_STATE_DRAFT, BF_STATE_CLOSED, &f, msg, sizeof msg));

	/* five clears and bank, all problems in one message */
	facts_all_met(&f, BF_STATE_DRAFT, BF_STATE_DOCS_COMPLETE);
	snprintf(f.five_clears_missing, sizeof f.five_clears_missing, "state of mind, skills");
	f.bank_ok = false;
	f.docs_missing = 2;
	f.docs_missing_text = "A; B";
	ck_assert(!bf_workflow_check(BF_STATE_DRAFT, BF_STATE_DOCS_COMPLETE, &f, msg, sizeof msg));
	assert_has(msg, "2 documents still missing: A; B");
	assert_has(msg, "The five clears are not all recorded: state of mind, skills");
	assert_has(msg, "bank card");

	/* a reason */
	facts_all_met(&f, BF_STATE_IN_PUBLICITY, BF_STATE_OBJECTION_UPHELD);
	f.reason = "  ";
	ck_assert(!bf_workflow_check(BF_STATE_IN_PUBLICITY, BF_STATE_OBJECTION_UPHELD, &f, msg,
	                             sizeof msg));
	ck_assert_str_eq(msg, "“Objection upheld after investigation” needs a reason");

	/* approval and rejection only through the review */
	facts_all_met(&f, BF_STATE_DOCS_COMPLETE, BF_STATE_APPROVED);
	f.review = BF_REVIEW_NONE;
	ck_assert(
	    !bf_workflow_check(BF_STATE_DOCS_COMPLETE, BF_STATE_APPROVED, &f, msg, sizeof msg));
	assert_has(msg, "union's review");
	f.review = BF_REVIEW_REJECT;
	ck_assert(
	    !bf_workflow_check(BF_STATE_DOCS_COMPLETE, BF_STATE_APPROVED, &f, msg, sizeof msg));
	f.review = BF_REVIEW_APPROVE;
	ck_assert(
	    !bf_workflow_check(BF_STATE_DOCS_COMPLETE, BF_STATE_REJECTED, &f, msg, sizeof msg));
	assert_has(msg, "Rejection");

	/* the publicity period: passes only after its last day */
	facts_all_met(&f, BF_STATE_IN_PUBLICITY, BF_STATE_PUBLICITY_PASSED);
	f.today = f.publicity_end;
	ck_assert(!bf_workflow_check(BF_STATE_IN_PUBLICITY, BF_STATE_PUBLICITY_PASSED, &f, msg,
	                             sizeof msg));
	ck_assert_str_eq(msg, "The publicity period runs until 2026-03-13; it can pass only after "
	                      "that day");
	f.today = f.publicity_end + 1;
	ck_assert(bf_workflow_check(BF_STATE_IN_PUBLICITY, BF_STATE_PUBLICITY_PASSED, &f, msg,
	                            sizeof msg));
	f.publicity_end = BF_DATE_NONE; /* unknown: not held up */
	ck_assert(bf_workflow_check(BF_STATE_IN_PUBLICITY, BF_STATE_PUBLICITY_PASSED, &f, msg,
	                            sizeof msg));

	/* a district's return names where the file goes back, and only there */
	facts_all_met(&f, BF_STATE_SUBMITTED, BF_STATE_RETURNED);
	f.back_to = -1;
	ck_assert(!bf_workflow_check(BF_STATE_SUBMITTED, BF_STATE_RETURNED, &f, msg, sizeof msg));
	assert_has(msg, "must name the state");
	f.back_to = BF_STATE_SUBMITTED; /* not a state a return can name */
	ck_assert(!bf_workflow_check(BF_STATE_SUBMITTED, BF_STATE_RETURNED, &f, msg, sizeof msg));
	f.back_to = BF_STATE_DOCS_COMPLETE;
	ck_assert(bf_workflow_check(BF_STATE_SUBMITTED, BF_STATE_RETURNED, &f, msg, sizeof msg));
	facts_all_met(&f, BF_STATE_RETURNED, BF_STATE_DOCS_COMPLETE);
	ck_assert(
	    bf_workflow_check(BF_STATE_RETURNED, BF_STATE_DOCS_COMPLETE, &f, msg, sizeof msg));
	ck_assert(!bf_workflow_check(BF_STATE_RETURNED, BF_STATE_DRAFT, &f, msg, sizeof msg));
	ck_assert_str_eq(msg,
	                 "The district returned this file to “Documents complete”; it can only go "
	                 "back there");
	f.returned_to = -1; /* unknown (set outside the workflow): any resume target */
	ck_assert(bf_workflow_check(BF_STATE_RETURNED, BF_STATE_DRAFT, &f, msg, sizeof msg));

	/* closing needs the reason; "other" needs a note */
	facts_all_met(&f, BF_STATE_AIDED, BF_STATE_CLOSED);
	f.closure = BF_CLOSE_NONE;
	ck_assert(!bf_workflow_check(BF_STATE_AIDED, BF_STATE_CLOSED, &f, msg, sizeof msg));
	assert_has(msg, "escaped, retired, moved, died or other");
	f.closure = BF_CLOSE_OTHER;
	f.reason = NULL;
	ck_assert(!bf_workflow_check(BF_STATE_AIDED, BF_STATE_CLOSED, &f, msg, sizeof msg));
	assert_has(msg, "note");
	f.closure = BF_CLOSE_DIED;
	ck_assert(bf_workflow_check(BF_STATE_AIDED, BF_STATE_CLOSED, &f, msg, sizeof msg));

	/* judging only the facts: inputs given with the move are assumed */
	bf_wf_facts_init(&f);
	f.assume_inputs = true;
	ck_assert(bf_workflow_check(BF_STATE_AIDED, BF_STATE_CLOSED, &f, msg, sizeof msg));
	ck_assert(
	    bf_workflow_check(BF_STATE_DOCS_COMPLETE, BF_STATE_APPROVED, &f, msg, sizeof msg));
	f.docs_missing = 1;
	ck_assert(
	    !bf_workflow_check(BF_STATE_DOCS_COMPLETE, BF_STATE_APPROVED, &f, msg, sizeof msg));
}
END_TEST

START_TEST(test_facts_from_case)
{
	struct bf_case *c = malloc(sizeof *c);
	bf_case_init(c, 2026);
	struct bf_wf_facts f;
	bf_wf_facts_init(&f);
	bf_wf_facts_from_case(&f, c);
	ck_assert_str_eq(f.five_clears_missing, "family situation, cause of hardship, state of "
	                                        "mind, skills, employment wishes");
	ck_assert(!f.bank_ok);
	strcpy(c->family_situation, "一家三口");
	strcpy(c->hardship_cause_text, "患病");
	strcpy(c->state_of_mind, "稳定");
	strcpy(c->skills, "无");
	strcpy(c->bank_card, "6222021234567890128");
	bf_wf_facts_from_case(&f, c);
	ck_assert_str_eq(f.five_clears_missing, "employment wishes");
	ck_assert(!f.bank_ok); /* the card without the bank */
	strcpy(c->employment_wish, "无");
	strcpy(c->bank_branch, "朝阳支行");
	bf_wf_facts_from_case(&f, c);
	ck_assert_str_eq(f.five_clears_missing, "");
	ck_assert(f.bank_ok);
	free(c);
}
END_TEST

START_TEST(test_closure_reasons)
{
	ck_assert_int_eq(bf_closure_parse("escaped"), BF_CLOSE_ESCAPED);
	ck_assert_int_eq(bf_closure_parse(" Retired "), BF_CLOSE_RETIRED);
	ck_assert_int_eq(bf_closure_parse("迁出"), BF_CLOSE_MOVED);
	ck_assert_int_eq(bf_closure_parse("死亡"), BF_CLOSE_DIED);
	ck_assert_int_eq(bf_closure_parse("other"), BF_CLOSE_OTHER);
	ck_assert_int_eq(bf_closure_parse("gone"), -1);
	ck_assert_int_eq(bf_closure_parse(NULL), -1);
	ck_assert_str_eq(bf_closure_code(BF_CLOSE_DIED), "died");
	ck_assert_str_eq(bf_closure_code(-1), "");
	ck_assert_str_eq(bf_closure_zh(BF_CLOSE_ESCAPED), "解困脱困");
	/* the codes the schema accepts (002_workflow.sql) */
	const char *codes[] = {"escaped", "retired", "moved", "died", "other"};
	ck_assert_int_eq(BF_CLOSE_COUNT, 5);
	for (int i = 0; i < BF_CLOSE_COUNT; i++)
		ck_assert_str_eq(bf_closure_code(i), codes[i]);
	ck_assert(bf_return_target_ok(BF_STATE_DRAFT));
	ck_assert(bf_return_target_ok(BF_STATE_PUBLICITY_PASSED));
	ck_assert(!bf_return_target_ok(BF_STATE_SUBMITTED));
	ck_assert(!bf_return_target_ok(BF_STATE_CLOSED));
}
END_TEST

/* ---- review ------------------------------------------------------------------------------ */

static void approval(struct bf_review *r)
{
	memset(r, 0, sizeof *r);
	r->decision = BF_REVIEW_APPROVE;
	r->category = 3;
	r->amount = 200000;
	strcpy(r->reviewer, "李审核");
	strcpy(r->date, "2026-03-02");
	strcpy(r->meeting_ref, "2026年第3次工会委员会会议纪要");
}

START_TEST(test_review_check)
{
	struct bf_assessment a;
	memset(&a, 0, sizeof a);
	a.cat[2].match = true;
	snprintf(a.cat[0].reason, sizeof a.cat[0].reason, "人均月收入 1,690.00 元 > 1,290.00 元");
	bf_date today = bf_date_from_ymd(2026, 3, 2);
	struct bf_review r;
	char msg[2048];

	approval(&r);
	ck_assert_msg(bf_review_check(&r, &a, "王干事", true, today, msg, sizeof msg), "%s", msg);
	ck_assert_msg(bf_review_check(&r, NULL, NULL, false, BF_DATE_NONE, msg, sizeof msg), "%s",
	              msg);

	/* the category must be one the file meets */
	r.category = 1;
	ck_assert(!bf_review_check(&r, &a, "王干事", false, today, msg, sizeof msg));
	ck_assert_str_eq(msg,
	                 "The file does not meet category 1: 人均月收入 1,690.00 元 > 1,290.00 元");
	r.category = 0;
	ck_assert(!bf_review_check(&r, &a, "王干事", false, today, msg, sizeof msg));
	assert_has(msg, "aid category");
	r.category = 6;
	ck_assert(!bf_review_check(&r, NULL, "王干事", false, today, msg, sizeof msg));

	/* everything an approval needs, all named at once */
	memset(&r, 0, sizeof r);
	r.decision = BF_REVIEW_APPROVE;
	ck_assert(!bf_review_check(&r, &a, "王干事", false, today, msg, sizeof msg));
	assert_has(msg, "aid category");
	assert_has(msg, "amount");
	assert_has(msg, "reviewer");
	assert_has(msg, "date of the meeting");
	assert_has(msg, "meeting minutes");

	/* the date */
	approval(&r);
	strcpy(r.date, "2026-03-03");
	ck_assert(!bf_review_check(&r, &a, NULL, false, today, msg, sizeof msg));
	assert_has(msg, "in the future");
	strcpy(r.date, "2026-02-30");
	ck_assert(!bf_review_check(&r, &a, NULL, false, today, msg, sizeof msg));
	assert_has(msg, "is not a date");

	/* a rejection needs the reason, not category or amount */
	memset(&r, 0, sizeof r);
	r.decision = BF_REVIEW_REJECT;
	strcpy(r.reviewer, "李审核");
	strcpy(r.date, "2026-03-02");
	strcpy(r.meeting_ref, "第3次");
	ck_assert(!bf_review_check(&r, &a, NULL, false, today, msg, sizeof msg));
	ck_assert_str_eq(msg, "A rejection needs the reason");
	strcpy(r.reason, "家庭人均收入超过标准");
	ck_assert(bf_review_check(&r, &a, NULL, false, today, msg, sizeof msg));

	/* no decision */
	r.decision = BF_REVIEW_NONE;
	ck_assert(!bf_review_check(&r, &a, NULL, false, today, msg, sizeof msg));
}
END_TEST

START_TEST(test_reviewer_must_differ)
{
	struct bf_review r;
	char msg[1024];
	approval(&r);
	bf_date today = bf_date_from_ymd(2026, 3, 2);
	/* off (the default): the one who entered the file may review it */
	ck_assert(bf_review_check(&r, NULL, "李审核", false, today, msg, sizeof msg));
	/* on: not the same operator */
	ck_assert(!bf_review_check(&r, NULL, "李审核", true, today, msg, sizeof msg));
	ck_assert_str_eq(msg, "李审核 entered this file and may not also review it (setting "
	                      "reviewer_must_differ)");
	ck_assert(bf_review_check(&r, NULL, "王干事", true, today, msg, sizeof msg));
	/* the one who entered it unknown: nothing to compare */
	ck_assert(bf_review_check(&r, NULL, "", true, today, msg, sizeof msg));
}
END_TEST

/* ---- checklist ------------------------------------------------------------------------------ */

/* 张三 (employed), 李四 (unemployed spouse), 张小明 (student); stored ids
 * 11, 12, 13. */
static struct bf_case *family(void)
{
	struct bf_case *c = malloc(sizeof *c);
	bf_case_init(c, 2026);
	struct bf_member *m = &c->members[0];
	m->id = 11;
	strcpy(m->name, "张三");
	m->marital = BF_MAR_MARRIED;
	m->status = BF_ST_EMPLOYED;
	m->monthly_income = 120000;
	m->proof = BF_PROOF_EMPLOYER;
	m = bf_case_add_member(c, BF_REL_SPOUSE);
	m->id = 12;
	strcpy(m->name, "李四");
	m->marital = BF_MAR_MARRIED;
	m->status = BF_ST_UNEMPLOYED;
	m = bf_case_add_member(c, BF_REL_CHILD);
	m->id = 13;
	strcpy(m->name, "张小明");
	m->status = BF_ST_STUDENT;
	return c;
}

static const struct bf_checklist_item *find_key(const struct bf_checklist *cl, const char *key)
{
	for (size_t i = 0; i < cl->n; i++)
		if (!strcmp(cl->items[i].key, key))
			return &cl->items[i];
	return NULL;
}

static struct bf_checklist_item *record(struct bf_checklist *stored, const char *key,
                                        enum bf_item_status st)
{
	struct bf_checklist_item *it = bf_checklist_add(stored);
	ck_assert_ptr_nonnull(it);
	strcpy(it->key, key);
	char code[64];
	strcpy(code, key);
	char *colon = strchr(code, ':');
	if (colon) {
		*colon = '\0';
		it->member_id = atoll(colon + 1);
	}
	it->kind = (enum bf_doc_kind)bf_doc_parse(code);
	it->status = st;
	it->stored = true;
	if (st == BF_ITEM_RECEIVED) {
		strcpy(it->received_date, "2026-03-01");
		it->copies = 2;
		strcpy(it->received_by, "王干事");
	} else if (st == BF_ITEM_WAIVED) {
		strcpy(it->waive_reason, "社区已电话核实");
		strcpy(it->waived_by, "王干事");
	}
	return it;
}

START_TEST(test_merge_derives_and_keeps_status)
{
	struct bf_case *c = family();
	struct bf_checklist stored, cl;
	bf_checklist_init(&stored);
	bf_checklist_init(&cl);
	ck_assert(bf_checklist_merge(c, NULL, &stored, &cl));
	/* form, hukou; per member: ID, plus the status proof */
	const char *keys[] = {"form",       "hukou",           "id_copy:11", "income_employer:11",
	                      "id_copy:12", "unemployment:12", "id_copy:13", "student_id:13"};
	ck_assert_uint_eq(cl.n, BF_ARRAY_LEN(keys));
	for (size_t i = 0; i < BF_ARRAY_LEN(keys); i++) {
		ck_assert_str_eq(cl.items[i].key, keys[i]);
		ck_assert(cl.items[i].required);
		ck_assert(!cl.items[i].stored);
		ck_assert_int_eq(cl.items[i].status, BF_ITEM_MISSING);
	}
	ck_assert_str_eq(find_key(&cl, "student_id:13")->member_name, "张小明");
	ck_assert_int_eq(find_key(&cl, "student_id:13")->member, 2);
	ck_assert_int_eq(find_key(&cl, "student_id:13")->member_id, 13);

	struct bf_checklist_summary s;
	bf_checklist_summarize(&cl, &s);
	ck_assert_uint_eq(s.required, 8);
	ck_assert_uint_eq(s.done, 0);
	ck_assert_uint_eq(s.missing, 8);
	assert_has(s.missing_text, "Household register copy; ID card copy (张三); ");

	/* recorded items keep their status and details */
	record(&stored, "hukou", BF_ITEM_RECEIVED);
	strcpy(record(&stored, "unemployment:12", BF_ITEM_WAIVED)->note, "无失业证");
	ck_assert(bf_checklist_merge(c, NULL, &stored, &cl));
	ck_assert_uint_eq(cl.n, BF_ARRAY_LEN(keys));
	const struct bf_checklist_item *it = find_key(&cl, "hukou");
	ck_assert_int_eq(it->status, BF_ITEM_RECEIVED);
	ck_assert(it->stored);
	ck_assert_str_eq(it->received_date, "2026-03-01");
	ck_assert_int_eq(it->copies, 2);
	ck_assert_str_eq(it->received_by, "王干事");
	it = find_key(&cl, "unemployment:12");
	ck_assert_int_eq(it->status, BF_ITEM_WAIVED);
	ck_assert_str_eq(it->waive_reason, "社区已电话核实");
	ck_assert_str_eq(it->note, "无失业证");
	bf_checklist_summarize(&cl, &s);
	ck_assert_uint_eq(s.done, 2);
	ck_assert_uint_eq(s.missing, 6);
	ck_assert_ptr_null(strstr(s.missing_text, "Household register"));

	bf_checklist_free(&stored);
	bf_checklist_free(&cl);
	free(c);
}
END_TEST

START_TEST(test_rederive_when_facts_change)
{
	struct bf_case *c = family();
	struct bf_checklist stored, cl;
	bf_checklist_init(&stored);
	bf_checklist_init(&cl);
	record(&stored, "form", BF_ITEM_RECEIVED);
	record(&stored, "id_copy:12", BF_ITEM_RECEIVED);
	record(&stored, "unemployment:12", BF_ITEM_RECEIVED);
	record(&stored, "student_id:13", BF_ITEM_WAIVED);

	/* the spouse found work; the child left school and is now disabled */
	c->members[1].status = BF_ST_EMPLOYED;
	c->members[2].status = BF_ST_NO_CAPACITY;
	c->members[2].disability = BF_DIS_PHYSICAL;
	c->members[2].disability_grade = 2;
	ck_assert(bf_checklist_merge(c, NULL, &stored, &cl));

	/* items that still apply keep their status */
	ck_assert_int_eq(find_key(&cl, "form")->status, BF_ITEM_RECEIVED);
	ck_assert_int_eq(find_key(&cl, "id_copy:12")->status, BF_ITEM_RECEIVED);
	ck_assert(find_key(&cl, "id_copy:12")->required);
	/* new ones appear as missing */
	const struct bf_checklist_item *it = find_key(&cl, "income_employer:12");
	ck_assert_ptr_nonnull(it);
	ck_assert(it->required);
	ck_assert_int_eq(it->status, BF_ITEM_MISSING);
	it = find_key(&cl, "disability:13");
	ck_assert_ptr_nonnull(it);
	ck_assert(it->required);
	ck_assert_int_eq(it->status, BF_ITEM_MISSING);
	/* obsolete ones are kept, with their record, but no longer required */
	it = find_key(&cl, "unemployment:12");
	ck_assert_ptr_nonnull(it);
	ck_assert(!it->required);
	ck_assert_int_eq(it->status, BF_ITEM_RECEIVED);
	ck_assert_str_eq(it->member_name, "李四");
	it = find_key(&cl, "student_id:13");
	ck_assert_ptr_nonnull(it);
	ck_assert(!it->required);
	ck_assert_int_eq(it->status, BF_ITEM_WAIVED);
	/* required items first, history after */
	bool seen_obsolete = false;
	for (size_t i = 0; i < cl.n; i++) {
		if (!cl.items[i].required)
			seen_obsolete = true;
		else
			ck_assert_msg(!seen_obsolete, "required %s after an obsolete item",
			              cl.items[i].key);
	}
	/* they count for nothing: received obsolete items do not make up for
	 * missing ones */
	struct bf_checklist_summary s;
	bf_checklist_summarize(&cl, &s);
	ck_assert_uint_eq(s.required, 8); /* form hukou; 3 IDs; 2 incomes; disability */
	ck_assert_uint_eq(s.done, 2);
	ck_assert_uint_eq(s.missing, 6);
	assert_has(s.missing_text, "Disability certificate (张小明)");
	assert_has(s.missing_text, "Income certificate from the employer (李四)");

	/* and back: the spouse unemployed again finds the old record in force */
	c->members[1].status = BF_ST_UNEMPLOYED;
	ck_assert(bf_checklist_merge(c, NULL, &stored, &cl));
	it = find_key(&cl, "unemployment:12");
	ck_assert(it->required);
	ck_assert_int_eq(it->status, BF_ITEM_RECEIVED);
	ck_assert_ptr_null(find_key(&cl, "income_employer:12"));

	/* a removed member's recorded item (a leftover) is history too */
	record(&stored, "retirement:99", BF_ITEM_RECEIVED);
	ck_assert(bf_checklist_merge(c, NULL, &stored, &cl));
	it = find_key(&cl, "retirement:99");
	ck_assert_ptr_nonnull(it);
	ck_assert(!it->required);
	ck_assert_int_eq(it->member, -1);

	bf_checklist_free(&stored);
	bf_checklist_free(&cl);
	free(c);
}
END_TEST

START_TEST(test_disaster_pair)
{
	struct bf_case *c = family();
	c->accident_year = 2026;
	struct bf_checklist stored, cl;
	bf_checklist_init(&stored);
	bf_checklist_init(&cl);
	/* everything but the disaster proof is in */
	const char *others[] = {"form",       "hukou",           "id_copy:11", "income_employer:11",
	                        "id_copy:12", "unemployment:12", "id_copy:13", "student_id:13"};
	for (size_t i = 0; i < BF_ARRAY_LEN(others); i++)
		record(&stored, others[i], BF_ITEM_RECEIVED);
	ck_assert(bf_checklist_merge(c, NULL, &stored, &cl));
	const struct bf_checklist_item *proof = find_key(&cl, "disaster_proof");
	ck_assert_ptr_nonnull(proof);
	ck_assert_int_ne(proof->alt_group, 0);
	ck_assert(!proof->pair_member);
	ck_assert(find_key(&cl, "disaster_statement")->pair_member);
	ck_assert(find_key(&cl, "disaster_investigation")->pair_member);

	/* the three items are one requirement */
	struct bf_checklist_summary s;
	bf_checklist_summarize(&cl, &s);
	ck_assert_uint_eq(s.required, BF_ARRAY_LEN(others) + 1);
	ck_assert_uint_eq(s.missing, 1);
	ck_assert_str_eq(s.missing_text, "Proof of the accident or disaster from the fire brigade, "
	                                 "police or residents' committee");
	struct bf_wf_facts f;
	bf_wf_facts_init(&f);
	f.docs_missing = s.missing;
	f.docs_missing_text = s.missing_text;
	char msg[2048];
	ck_assert(!bf_workflow_check(BF_STATE_DRAFT, BF_STATE_DOCS_COMPLETE, &f, msg, sizeof msg));
	assert_has(msg, "1 document still missing: Proof of the accident");

	/* half the pair is not enough, and the message says what it lacks */
	record(&stored, "disaster_statement", BF_ITEM_RECEIVED);
	ck_assert(bf_checklist_merge(c, NULL, &stored, &cl));
	ck_assert(!bf_checklist_group_done(&cl, proof->alt_group));
	bf_checklist_summarize(&cl, &s);
	ck_assert_uint_eq(s.missing, 1);
	assert_has(s.missing_text, "or the alternative, which still lacks: Union's investigation "
	                           "note stamped with the company seal (alternative)");

	/* the pair together satisfies it */
	record(&stored, "disaster_investigation", BF_ITEM_WAIVED);
	ck_assert(bf_checklist_merge(c, NULL, &stored, &cl));
	ck_assert(bf_checklist_group_done(&cl, find_key(&cl, "disaster_proof")->alt_group));
	bf_checklist_summarize(&cl, &s);
	ck_assert_uint_eq(s.missing, 0);
	ck_assert_str_eq(s.missing_text, "");

	/* so does the proof alone */
	bf_checklist_free(&stored);
	bf_checklist_init(&stored);
	for (size_t i = 0; i < BF_ARRAY_LEN(others); i++)
		record(&stored, others[i], BF_ITEM_RECEIVED);
	record(&stored, "disaster_proof", BF_ITEM_RECEIVED);
	ck_assert(bf_checklist_merge(c, NULL, &stored, &cl));
	bf_checklist_summarize(&cl, &s);
	ck_assert_uint_eq(s.missing, 0);

	/* the pair is named by one key */
	size_t idx[4];
	ck_assert_int_eq(bf_checklist_resolve(&cl, BF_PAIR_KEY, idx, 4, msg, sizeof msg), 2);
	ck_assert_str_eq(cl.items[idx[0]].key, "disaster_statement");
	ck_assert_str_eq(cl.items[idx[1]].key, "disaster_investigation");

	/* no disaster: no pair */
	c->accident_year = 0;
	ck_assert(bf_checklist_merge(c, NULL, &stored, &cl));
	ck_assert_int_eq(bf_checklist_resolve(&cl, BF_PAIR_KEY, idx, 4, msg, sizeof msg), -1);
	assert_has(msg, "No accident or disaster");
	/* the received proof is now history */
	ck_assert(!find_key(&cl, "disaster_proof")->required);

	bf_checklist_free(&stored);
	bf_checklist_free(&cl);
	free(c);
}
END_TEST

START_TEST(test_resolve_keys)
{
	struct bf_case *c = family();
	struct bf_checklist stored, cl;
	bf_checklist_init(&stored);
	bf_checklist_init(&cl);
	record(&stored, "retirement:12", BF_ITEM_RECEIVED); /* obsolete */
	ck_assert(bf_checklist_merge(c, NULL, &stored, &cl));
	size_t idx[4];
	char msg[1024];
	/* the exact key, required or not */
	ck_assert_int_eq(bf_checklist_resolve(&cl, "id_copy:12", idx, 4, msg, sizeof msg), 1);
	ck_assert_str_eq(cl.items[idx[0]].key, "id_copy:12");
	ck_assert_int_eq(bf_checklist_resolve(&cl, " retirement:12 ", idx, 4, msg, sizeof msg), 1);
	ck_assert(!cl.items[idx[0]].required);
	/* the number in the list */
	ck_assert_int_eq(bf_checklist_resolve(&cl, "2", idx, 4, msg, sizeof msg), 1);
	ck_assert_str_eq(cl.items[idx[0]].key, "hukou");
	ck_assert_int_eq(bf_checklist_resolve(&cl, "9", idx, 4, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "There is no document number 9 (the list has 8)");
	/* a code only one required item has */
	ck_assert_int_eq(bf_checklist_resolve(&cl, "student_id", idx, 4, msg, sizeof msg), 1);
	ck_assert_str_eq(cl.items[idx[0]].key, "student_id:13");
	/* a code several have: ambiguous, listing the keys */
	ck_assert_int_eq(bf_checklist_resolve(&cl, "id_copy", idx, 4, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "\"id_copy\" matches 3 documents; give one of: id_copy:11, "
	                      "id_copy:12, id_copy:13");
	/* code:name */
	ck_assert_int_eq(bf_checklist_resolve(&cl, "id_copy:李四", idx, 4, msg, sizeof msg), 1);
	ck_assert_str_eq(cl.items[idx[0]].key, "id_copy:12");
	ck_assert_int_eq(bf_checklist_resolve(&cl, "id_copy:王五", idx, 4, msg, sizeof msg), -1);
	assert_has(msg, "No required document matches");
	/* unknown */
	ck_assert_int_eq(bf_checklist_resolve(&cl, "passport", idx, 4, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "Unknown document \"passport\"");
	ck_assert_int_eq(bf_checklist_resolve(&cl, "", idx, 4, msg, sizeof msg), -1);
	bf_checklist_free(&stored);
	bf_checklist_free(&cl);
	free(c);
}
END_TEST

START_TEST(test_missing_text_is_cut_safely)
{
	struct bf_case *c = malloc(sizeof *c);
	bf_case_init(c, 2026);
	strcpy(c->members[0].name, "买买提·艾力");
	c->members[0].health = BF_HEALTH_MAJOR;
	for (int i = 1; i < BF_MAX_MEMBERS; i++) {
		struct bf_member *m = bf_case_add_member(c, BF_REL_CHILD);
		ck_assert_ptr_nonnull(m);
		m->id = 100 + i;
		snprintf(m->name, sizeof m->name, "很长很长的名字第%d号成员", i);
		m->status = BF_ST_STUDENT;
		m->health = BF_HEALTH_MAJOR;
		m->disability = BF_DIS_MULTIPLE;
	}
	struct bf_checklist cl;
	bf_checklist_init(&cl);
	ck_assert(bf_checklist_merge(c, NULL, NULL, &cl));
	struct bf_checklist_summary s;
	bf_checklist_summarize(&cl, &s);
	ck_assert_uint_gt(s.missing, 50);
	ck_assert_uint_lt(strlen(s.missing_text), sizeof s.missing_text);
	size_t len = strlen(s.missing_text);
	ck_assert_str_eq(s.missing_text + len - strlen("…"), "…");
	bf_checklist_free(&cl);
	free(c);
}
END_TEST

START_TEST(test_item_status_codes)
{
	/* the codes the schema accepts (checklist_item.status, 001_init.sql) */
	ck_assert_str_eq(bf_item_status_code(BF_ITEM_MISSING), "missing");
	ck_assert_str_eq(bf_item_status_code(BF_ITEM_RECEIVED), "received");
	ck_assert_str_eq(bf_item_status_code(BF_ITEM_WAIVED), "waived");
	ck_assert_int_eq(bf_item_status_parse("waived"), BF_ITEM_WAIVED);
	ck_assert_int_eq(bf_item_status_parse("lost"), -1);
	ck_assert_str_eq(bf_doc_zh(BF_DOC_HUKOU), "户口本复印件");
	struct bf_checklist_item it;
	memset(&it, 0, sizeof it);
	it.kind = BF_DOC_ID_COPY;
	strcpy(it.member_name, "李四");
	char buf[256];
	bf_item_title(&it, buf, sizeof buf);
	ck_assert_str_eq(buf, "ID card copy (李四)");
	bf_item_title_zh(&it, buf, sizeof buf);
	ck_assert_str_eq(buf, "身份证复印件（李四）");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("workflow");
	TCase *t = tcase_create("transitions");
	tcase_add_test(t, test_every_move);
	tcase_add_test(t, test_refusal_lists_the_possible_moves);
	tcase_add_test(t, test_requirements_say_what_is_missing);
	tcase_add_test(t, test_facts_from_case);
	tcase_add_test(t, test_closure_reasons);
	suite_add_tcase(s, t);

	TCase *r = tcase_create("review");
	tcase_add_test(r, test_review_check);
	tcase_add_test(r, test_reviewer_must_differ);
	suite_add_tcase(s, r);

	TCase *c = tcase_create("checklist");
	tcase_add_test(c, test_merge_derives_and_keeps_status);
	tcase_add_test(c, test_rederive_when_facts_change);
	tcase_add_test(c, test_disaster_pair);
	tcase_add_test(c, test_resolve_keys);
	tcase_add_test(c, test_missing_text_is_cut_safely);
	tcase_add_test(c, test_item_status_codes);
	suite_add_tcase(s, c);

	Suite *all[] = {s};
	return bf_test_run(all, 1);
}
