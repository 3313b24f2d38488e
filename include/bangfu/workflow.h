/* workflow.h — the states a case moves through, the one table of allowed
 * moves between them, and the rules each move needs (pure domain code).
 *
 * Storage (workflow_store.h) gathers the facts of a case into a
 * struct bf_wf_facts and asks bf_workflow_check() before it changes
 * case_file.status; the screens and the CLI offer bf_workflow_targets(). */
#ifndef BANGFU_WORKFLOW_H
#define BANGFU_WORKFLOW_H

#include "bangfu/casefile.h"
#include "bangfu/common.h"
#include "bangfu/date.h"
#include "bangfu/eligibility.h"

/* X(ID, "code", "English label") — the codes are what case_file.status holds. */
#define BF_STATES(X)                                                          \
	X(STATE_DRAFT, "draft", N_("Draft"))                                  \
	X(STATE_DOCS_COMPLETE, "docs_complete", N_("Documents complete"))     \
	X(STATE_APPROVED, "approved", N_("Approved"))                         \
	X(STATE_REJECTED, "rejected", N_("Rejected"))                         \
	X(STATE_IN_PUBLICITY, "in_publicity", N_("In publicity"))             \
	X(STATE_PUBLICITY_PASSED, "publicity_passed", N_("Publicity passed")) \
	X(STATE_OBJECTION_UPHELD, "objection_upheld", N_("Objection upheld")) \
	X(STATE_SUBMITTED, "submitted", N_("Submitted"))                      \
	X(STATE_ACCEPTED, "accepted", N_("Accepted by the district"))         \
	X(STATE_RETURNED, "returned", N_("Returned by the district"))         \
	X(STATE_AIDED, "aided", N_("Aided"))                                  \
	X(STATE_CLOSED, "closed", N_("Closed"))

#define BF_STATE_ID(id, code, label) BF_##id,
enum bf_state { BF_STATES(BF_STATE_ID) BF_STATE_COUNT };
#undef BF_STATE_ID

const char *bf_state_code(enum bf_state s);
const char *bf_state_label(enum bf_state s); /* translated */
/* -1 if unknown. */
int bf_state_parse(const char *code);
/* Translated label for a status code ("?" + code when unknown). */
const char *bf_state_label_of(const char *code);

/* ---- what a move needs --------------------------------------------------------- */

enum bf_wf_req {
	BF_REQ_DOCS = 1 << 0,           /* no required document missing */
	BF_REQ_FIVE_CLEARS = 1 << 1,    /* the five clears (五清) recorded */
	BF_REQ_BANK = 1 << 2,           /* the employee's own bank card and bank */
	BF_REQ_REASON = 1 << 3,         /* a reason in words */
	BF_REQ_REVIEW_APPROVE = 1 << 4, /* the union's review says approve */
	BF_REQ_REVIEW_REJECT = 1 << 5,  /* the union's review says reject */
	BF_REQ_PUBLICITY_OVER = 1 << 6, /* the publicity period has ended */
	BF_REQ_BACK_TO = 1 << 7,        /* a return names the state to go back to */
	BF_REQ_RETURN_TARGET = 1 << 8,  /* only to the state the district's return named */
	BF_REQ_CLOSURE = 1 << 9,        /* a closure reason (退档原因) */
};

/* The transition table: X(FROM, TO, "action", N_("label"), requirements).
 * FROM and TO are the state ids without the BF_STATE_ prefix. A move not
 * listed here is refused. Every state but "closed" can also be closed
 * (BF_TRANSITIONS_CLOSE). */
#define BF_TRANSITIONS(X)                                                                        \
	X(DRAFT, DOCS_COMPLETE, "complete",                                                      \
	  N_("Documents complete: ready for the union's review"),                                \
	  BF_REQ_DOCS | BF_REQ_FIVE_CLEARS | BF_REQ_BANK)                                        \
	X(DOCS_COMPLETE, DRAFT, "reopen", N_("Back to collecting documents"), BF_REQ_REASON)     \
	X(DOCS_COMPLETE, APPROVED, "approve", N_("Approved by the union's review"),              \
	  BF_REQ_DOCS | BF_REQ_FIVE_CLEARS | BF_REQ_BANK | BF_REQ_REVIEW_APPROVE)                \
	X(DOCS_COMPLETE, REJECTED, "reject", N_("Rejected by the union's review"),               \
	  BF_REQ_REVIEW_REJECT)                                                                  \
	X(APPROVED, IN_PUBLICITY, "publish", N_("Publicity notice posted in the unit"),          \
	  BF_REQ_DOCS)                                                                           \
	X(APPROVED, DOCS_COMPLETE, "revoke", N_("Approval withdrawn for a new review"),          \
	  BF_REQ_REASON)                                                                         \
	X(REJECTED, DRAFT, "reopen", N_("Reopened for a new application"), BF_REQ_REASON)        \
	X(IN_PUBLICITY, PUBLICITY_PASSED, "pass",                                                \
	  N_("Publicity period over, no objection upheld"), BF_REQ_PUBLICITY_OVER)               \
	X(IN_PUBLICITY, OBJECTION_UPHELD, "uphold", N_("Objection upheld after investigation"),  \
	  BF_REQ_REASON)                                                                         \
	X(OBJECTION_UPHELD, DRAFT, "reopen", N_("Reopened to investigate again"), BF_REQ_REASON) \
	X(PUBLICITY_PASSED, SUBMITTED, "submit", N_("Submitted to the district union"),          \
	  BF_REQ_DOCS | BF_REQ_BANK)                                                             \
	X(SUBMITTED, ACCEPTED, "accept", N_("Accepted by the district union"), 0)                \
	X(SUBMITTED, RETURNED, "return", N_("Returned by the district union"),                   \
	  BF_REQ_REASON | BF_REQ_BACK_TO)                                                        \
	X(RETURNED, DRAFT, "resume", N_("Back to collecting documents, as the district asked"),  \
	  BF_REQ_RETURN_TARGET)                                                                  \
	X(RETURNED, DOCS_COMPLETE, "resume",                                                     \
	  N_("Back to the union's review, as the district asked"),                               \
	  BF_REQ_RETURN_TARGET | BF_REQ_DOCS)                                                    \
	X(RETURNED, APPROVED, "resume", N_("Back to publicity, as the district asked"),          \
	  BF_REQ_RETURN_TARGET | BF_REQ_DOCS)                                                    \
	X(RETURNED, PUBLICITY_PASSED, "resume",                                                  \
	  N_("Ready to submit again, as the district asked"),                                    \
	  BF_REQ_RETURN_TARGET | BF_REQ_DOCS | BF_REQ_BANK)                                      \
	X(ACCEPTED, AIDED, "aid", N_("Aid paid to the employee's own card"), BF_REQ_BANK)        \
	X(AIDED, DRAFT, "renew", N_("Reopened for the yearly review"), BF_REQ_REASON)            \
	X(CLOSED, DRAFT, "reopen", N_("Closed file reopened"), BF_REQ_REASON)                    \
	BF_TRANSITIONS_CLOSE(X)

#define BF_CLOSE_FROM(X, FROM) X(FROM, CLOSED, "close", N_("File closed"), BF_REQ_CLOSURE)
#define BF_TRANSITIONS_CLOSE(X)            \
	BF_CLOSE_FROM(X, DRAFT)            \
	BF_CLOSE_FROM(X, DOCS_COMPLETE)    \
	BF_CLOSE_FROM(X, APPROVED)         \
	BF_CLOSE_FROM(X, REJECTED)         \
	BF_CLOSE_FROM(X, IN_PUBLICITY)     \
	BF_CLOSE_FROM(X, PUBLICITY_PASSED) \
	BF_CLOSE_FROM(X, OBJECTION_UPHELD) \
	BF_CLOSE_FROM(X, SUBMITTED)        \
	BF_CLOSE_FROM(X, ACCEPTED)         \
	BF_CLOSE_FROM(X, RETURNED)         \
	BF_CLOSE_FROM(X, AIDED)

struct bf_transition {
	enum bf_state from, to;
	const char *action; /* "complete", "approve", ... */
	const char *label;  /* English msgid: show with _(label) */
	unsigned reqs;      /* enum bf_wf_req bits */
};

/* The whole table, in table order. */
const struct bf_transition *bf_transitions(size_t *count);
/* The row for from → to, or NULL when the move is not allowed at all. */
const struct bf_transition *bf_transition_find(enum bf_state from, enum bf_state to);
/* The states a file in `from` may move to, in table order (each once).
 * Returns the count (at most max written). */
size_t bf_workflow_targets(enum bf_state from, enum bf_state *out, size_t max);

/* States a district's return may send a file back to. */
bool bf_return_target_ok(enum bf_state s);

/* ---- closure reasons (退档原因) ------------------------------------------------- */

#define BF_CLOSURES(X)                                                  \
	X(CLOSE_ESCAPED, "escaped", N_("Escaped hardship"), "解困脱困") \
	X(CLOSE_RETIRED, "retired", N_("Retired"), "退休")              \
	X(CLOSE_MOVED, "moved", N_("Moved away"), "迁出")               \
	X(CLOSE_DIED, "died", N_("Died"), "死亡")                       \
	X(CLOSE_OTHER, "other", N_("Other reason"), "其他")

#define BF_CLOSE_ID(id, code, en, zh) BF_##id,
enum bf_closure { BF_CLOSURES(BF_CLOSE_ID) BF_CLOSE_COUNT };
#undef BF_CLOSE_ID
#define BF_CLOSE_NONE (-1)

const char *bf_closure_code(int c);  /* "" outside the table */
const char *bf_closure_label(int c); /* translated */
const char *bf_closure_zh(int c);
/* The code, the Chinese or the English label; -1 if unknown. */
int bf_closure_parse(const char *text);

/* ---- the union's review (审核) ---------------------------------------------------- */

enum bf_review_decision { BF_REVIEW_NONE = 0, BF_REVIEW_APPROVE, BF_REVIEW_REJECT };
const char *bf_review_decision_code(enum bf_review_decision d); /* "approve", "reject", "" */
int bf_review_decision_parse(const char *code);                 /* -1 if unknown */

struct bf_review {
	int64_t id; /* storage id; 0 while unsaved */
	enum bf_review_decision decision;
	int category;  /* 1..5 when approved, 0 otherwise */
	bf_fen amount; /* proposed aid in fen when approved, 0 otherwise */
	char reason[BF_LONG_SZ];
	char reviewer[64];            /* the operator who recorded the review */
	char date[BF_DATE_SZ];        /* date of the review meeting, ISO */
	char meeting_ref[BF_TEXT_SZ]; /* 会议纪要 reference */
	char at[32];                  /* when it was recorded (UTC, read back) */
};

/* Is the review complete and allowed? a (may be NULL: no category check)
 * is the case's assessment: an approval must propose a category the case
 * matches. entered_by is the operator who entered the case; with
 * must_differ the reviewer may not be that operator. today may be
 * BF_DATE_NONE (no "in the future" check). On refusal msg says why (all
 * problems, "; "-separated). */
bool bf_review_check(const struct bf_review *r, const struct bf_assessment *a,
                     const char *entered_by, bool must_differ, bf_date today, char *msg, size_t n);

/* ---- the facts a move is judged on ---------------------------------------------- */

struct bf_wf_facts {
	size_t docs_missing;            /* requirements not met (checklist.h) */
	const char *docs_missing_text;  /* their names, "; "-separated (may be NULL) */
	char five_clears_missing[256];  /* names of the five clears not recorded, "" = all */
	bool bank_ok;                   /* bank card number and bank recorded */
	enum bf_review_decision review; /* the review recorded with this move */
	const char *reason;             /* reason given with the move (may be NULL) */
	int closure;                    /* enum bf_closure, or BF_CLOSE_NONE */
	int back_to;                    /* a return: the state named, or -1 */
	int returned_to;                /* the state the last return named, or -1 unknown */
	bf_date today;                  /* BF_DATE_NONE: no date checks */
	bf_date publicity_end;          /* last day of the publicity period, or BF_DATE_NONE */
	/* Judge only the facts of the file: treat what the user gives with the
	 * move (reason, review, closure reason, return target) as given. For
	 * showing which moves are ready. */
	bool assume_inputs;
};

/* Everything unknown or empty: nothing missing, no review, no reason. */
void bf_wf_facts_init(struct bf_wf_facts *f);
/* Fill the facts that come from the form itself (five clears, bank). */
void bf_wf_facts_from_case(struct bf_wf_facts *f, const struct bf_case *c);

/* May a file in `from` move to `to` given the facts? On refusal msg says
 * what is missing, e.g. "3 documents still missing: ...", or which moves
 * the state allows. */
bool bf_workflow_check(enum bf_state from, enum bf_state to, const struct bf_wf_facts *f, char *msg,
                       size_t n);

#endif
