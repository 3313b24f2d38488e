/* workflow_store.h — the workflow in the database: the checklist of a case,
 * its moves between states (each checked against the transition table of
 * workflow.h and recorded in case_transition), its history, and the union's
 * review. Storage layer.
 *
 * Every write runs in one BEGIN IMMEDIATE: the facts are read, judged by the
 * domain and written under the same lock, so two operators cannot both
 * move a file. Functions that can refuse return 1 with err saying why in
 * the user's words, -1 on a database error, 0 when done.
 *
 * Permissions (perm.h, asked through bf_store_require): ticking the
 * checklist needs "checklist"; a review "review"; a move what its target
 * needs — draft and docs_complete "case_edit", approved and rejected
 * "review", the publicity states "publicity", submitted / accepted /
 * returned / aided "submit", closed "close" — and reopening a closed file
 * also "close", withdrawing an approval also "review". */
#ifndef BANGFU_WORKFLOW_STORE_H
#define BANGFU_WORKFLOW_STORE_H

#include "bangfu/checklist.h"
#include "bangfu/db.h"
#include "bangfu/workflow.h"

/* ---- checklist ----------------------------------------------------------------- */

/* Called by bf_case_save inside its write transaction: re-derives the
 * case's required documents from the facts just saved and keeps
 * checklist_item.required in step (recorded items that no longer apply are
 * kept with required = 0). Errors are left in db->errmsg. */
int bf_checklist_sync_in_txn(bf_db *db, int64_t case_id);

/* The checklist of a stored case: derived from its facts, merged with the
 * recorded items (checklist.h). cl must have been set up with
 * bf_checklist_init; its old items are freed. Free with bf_checklist_free. */
int bf_checklist_load(bf_db *db, int64_t case_id, struct bf_checklist *cl, bf_error *err);

/* Receiving a document. date "" = today; copies 0 = 1. */
struct bf_receipt {
	char date[BF_DATE_SZ];
	int copies;
	char note[BF_TEXT_SZ];
};

/* Tick items (key as bf_checklist_resolve takes it: key, number, code,
 * "code:name", or BF_PAIR_KEY for the alternative pair) as received, waived
 * (a reason is required) or missing again. The operator is recorded as who
 * took or waived it. today (BF_DATE_NONE = the clock) refuses receipt dates
 * in the future. Items the facts no longer require cannot be changed. */
int bf_checklist_receive(bf_db *db, int64_t case_id, const char *key, const struct bf_receipt *r,
                         bf_date today, bf_error *err);
int bf_checklist_waive(bf_db *db, int64_t case_id, const char *key, const char *reason,
                       bf_error *err);
int bf_checklist_unset(bf_db *db, int64_t case_id, const char *key, bf_error *err);
/* The same for several keys at once, all or nothing: every key is resolved
 * and checked before any item is written, in one transaction; an unknown key
 * is named in err ("KEY: why (nothing was changed)"). status
 * BF_ITEM_RECEIVED takes r, BF_ITEM_WAIVED takes reason, BF_ITEM_MISSING
 * neither. */
int bf_checklist_change(bf_db *db, int64_t case_id, enum bf_item_status status,
                        const char *const *keys, size_t nkeys, const struct bf_receipt *r,
                        const char *reason, bf_date today, bf_error *err);

/* ---- moves ----------------------------------------------------------------------- */

struct bf_move {
	enum bf_state to;
	const char *reason; /* may be NULL */
	int closure;        /* enum bf_closure when closing, else BF_CLOSE_NONE */
	int back_to;        /* a district's return: the state named, else -1 */
	bf_date today;      /* BF_DATE_NONE = the clock */
};
void bf_move_init(struct bf_move *m, enum bf_state to);

/* Move the file. Moves into "approved" and "rejected" are made by
 * bf_case_review (they need the review); asked for here they are refused
 * with the words that say so. */
int bf_case_advance(bf_db *db, int64_t case_id, const struct bf_move *m, bf_error *err);

/* The same move inside a write transaction the caller opened (a publicity
 * round moves its files together with its own rows). publicity_end, unless
 * BF_DATE_NONE, is the last day of the round, used instead of the one
 * derived from the date of the move into publicity. On refusal err names
 * the file. The caller rolls back on anything but 0. */
int bf_case_advance_in_txn(bf_db *db, int64_t case_id, const struct bf_move *m,
                           bf_date publicity_end, bf_error *err);

/* Record the union's review and make its move (docs_complete → approved or
 * rejected) in one transaction. r->reviewer "" = the operator; r->date "" =
 * today. With the setting reviewer_must_differ on, the operator who entered
 * the file may not review it. On success r->id is set. */
int bf_case_review(bf_db *db, int64_t case_id, struct bf_review *r, bf_date today, bf_error *err);

/* ---- where a file stands --------------------------------------------------------- */

struct bf_next_move {
	enum bf_state to;
	const struct bf_transition *t;
	bool ready;     /* the facts allow it now (inputs like a reason assumed given) */
	char why[1024]; /* when not ready: what is missing */
};

struct bf_case_wf {
	enum bf_state state;
	char entered_by[64]; /* the operator who entered the file */
	char created_at[32];
	struct bf_checklist_summary docs;
	/* when returned: the state the district named (-1 unknown) and its reason */
	int returned_to;
	char return_reason[BF_LONG_SZ];
	/* when in publicity: its first and last day (BF_DATE_NONE unknown) */
	bf_date publicity_start, publicity_end;
	/* the latest review, if any */
	bool has_review;
	struct bf_review review;
	/* when closed: why */
	int closure;
	char closure_note[BF_LONG_SZ];
	size_t n_next;
	struct bf_next_move next[BF_STATE_COUNT];
};

/* today BF_DATE_NONE = the clock. */
int bf_case_workflow(bf_db *db, int64_t case_id, bf_date today, struct bf_case_wf *w,
                     bf_error *err);

/* One line of a file's history. The first entry (id 0) is the file's
 * creation: from "" to the state it was created in. */
struct bf_history_entry {
	int64_t id;
	char at[32]; /* UTC, ISO 8601 */
	char actor[64];
	char from[24], to[24]; /* state codes */
	char reason[BF_LONG_SZ];
	int closure; /* BF_CLOSE_NONE unless a closure */
	int back_to; /* -1 unless a return */
	bool has_review;
	struct bf_review review;
};
/* *out is malloc'd (free it); *n entries, oldest first. */
int bf_case_history(bf_db *db, int64_t case_id, struct bf_history_entry **out, size_t *n,
                    bf_error *err);

/* The latest review: 0 found, 1 none, -1 error. */
int bf_review_latest(bf_db *db, int64_t case_id, struct bf_review *r, bf_error *err);

#endif
