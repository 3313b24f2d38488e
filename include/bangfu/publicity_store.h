/* publicity_store.h — publicity rounds (公示) and objections in the
 * database. Storage layer; the rules are publicity.h's and workflow.h's.
 *
 * A round's cases move through the transition table (workflow_store.h's
 * bf_case_advance_in_txn), so their history and the audit log are the
 * same as for any other move: approved → in_publicity when the round is
 * created, in_publicity → objection_upheld when an objection against the
 * case is upheld (the case leaves the round and goes back for review with
 * the reason), in_publicity → publicity_passed for the rest when the round
 * is closed. Each write is one BEGIN IMMEDIATE: all or nothing.
 *
 * Everything that writes needs the permission "publicity" (perm.h, asked
 * through bf_store_require). Functions that can refuse return 1 with err
 * saying why in the user's words, -1 on a database error, 0 when done.
 * today BF_DATE_NONE = the clock. */
#ifndef BANGFU_PUBLICITY_STORE_H
#define BANGFU_PUBLICITY_STORE_H

#include "bangfu/db.h"
#include "bangfu/publicity.h"

struct bf_round {
	int64_t id;
	bf_date start, end;
	int days;
	char place[256];
	char contact[64], phone[32], office[128];
	int status; /* enum bf_round_status */
	char created_at[32], created_by[64];
	char closed_at[32], closed_by[64];
	size_t n_cases;     /* listed when the round began */
	size_t n_withdrawn; /* left after an upheld objection */
	size_t n_objections, n_open, n_upheld, n_dismissed;
	int days_left; /* working days left, today counted; 0 when over */
	int no_arrangement; /* a year of the period with no holiday arrangement
	                     * loaded (counted Monday to Friday), or 0 */
};

struct bf_round_new {
	const int64_t *case_ids;
	size_t n;
	bf_date start; /* BF_DATE_NONE = today */
	int days;      /* 0 = the setting publicity_days (default 5) */
	const char *place, *contact, *phone, *office;
	bf_date today;
};
/* Lists approved cases: each moves approved → in_publicity. *id (may be
 * NULL) gets the new round. */
int bf_round_create(bf_db *db, const struct bf_round_new *r, int64_t *id, bf_error *err);

/* All rounds, newest first. *out malloc'd. */
int bf_round_list(bf_db *db, bf_date today, struct bf_round **out, size_t *n, bf_error *err);
/* 0 found, 1 no such round, -1 error. */
int bf_round_load(bf_db *db, int64_t id, bf_date today, struct bf_round *r, bf_error *err);

/* A case of a round, as the office sees it (the notice sees less: see
 * bf_round_entries). */
struct bf_round_case {
	int64_t case_id;
	char number[32];
	char name[64];
	char status[16]; /* listed, passed, withdrawn */
	char reason[512];
	int category;
	bf_fen amount;
};
int bf_round_cases(bf_db *db, int64_t round_id, struct bf_round_case **out, size_t *n,
                   bf_error *err);
/* The notice lines (publicity.h: privacy built in), in list order. With
 * passed_only only the cases that passed (the result report); otherwise
 * every case the round listed. *out malloc'd. */
/* How many digits of an ID number the notice shows: the setting
 * notice_id_digits (publicity id-digits), 0 to BF_NOTICE_ID_DIGITS_MAX,
 * BF_NOTICE_ID_DIGITS_DEFAULT when unset. */
#define BF_NOTICE_ID_DIGITS_SETTING "notice_id_digits"
int bf_pub_notice_id_digits(bf_db *db);

int bf_round_entries(bf_db *db, int64_t round_id, bool passed_only, struct bf_pub_entry **out,
                     size_t *n, bf_error *err);

struct bf_objection {
	int64_t id, round_id, case_id;
	char case_number[32], person[64];
	bf_date received;
	int via;            /* enum bf_obj_via */
	char raised_by[64]; /* "" = anonymous */
	char claim[512];
	int status; /* enum bf_obj_status */
	char investigation[512], investigated_by[64];
	char resolution[512], resolved_by[64], resolved_at[32];
	char created_at[32], created_by[64];
};
/* round_id 0 = every round; open_only: recorded or under investigation. */
int bf_objection_list(bf_db *db, int64_t round_id, bool open_only, struct bf_objection **out,
                      size_t *n, bf_error *err);
/* 0 found, 1 none, -1 error. */
int bf_objection_load(bf_db *db, int64_t id, struct bf_objection *o, bf_error *err);

struct bf_objection_new {
	int64_t case_id;       /* a case the round lists */
	bf_date received;      /* BF_DATE_NONE = today */
	int via;               /* enum bf_obj_via */
	const char *raised_by; /* NULL or "" = anonymous */
	const char *claim;
	bf_date today;
};
int bf_objection_record(bf_db *db, int64_t round_id, const struct bf_objection_new *o, int64_t *id,
                        bf_error *err);
/* Record what the investigation found; the operator is who investigated. */
int bf_objection_investigate(bf_db *db, int64_t id, const char *note, bf_error *err);
/* Upheld: the case leaves the round (in_publicity → objection_upheld with
 * the reason); dismissed: the case stays. */
int bf_objection_resolve(bf_db *db, int64_t id, bool uphold, const char *reason, bf_date today,
                         bf_error *err);

/* After the last day, with no objection open: every case still listed
 * moves to publicity_passed and the round is closed. */
int bf_round_close(bf_db *db, int64_t id, bf_date today, bf_error *err);

/* For the main screen's warning. */
struct bf_pub_alerts {
	size_t ending_today;       /* open rounds whose last day is today */
	size_t overdue;            /* open rounds past their last day, not closed yet */
	size_t objections_waiting; /* recorded or under investigation */
};
int bf_publicity_alerts(bf_db *db, bf_date today, struct bf_pub_alerts *a, bf_error *err);

#endif
