/* campaign_store.h — storage of consolation standards and events,
 * campaigns (送温暖) with their groups, drawn lists, payments, spot checks
 * and the ledger (资金台账). Storage layer: the rules themselves are in
 * consolation.h and campaign.h; this file applies them to the files.
 *
 * Permissions (perm.h, checked here with bf_store_require): standards need
 * settings; recording, paying, planning and drawing need case_edit; a
 * discretion decision, adding someone back and spot checks need review.
 *
 * Every write runs in BEGIN IMMEDIATE and is audited (schema/004). Money is
 * fen. "Approved file" = bf_status_is_approved_file(). Settings (table
 * setting): campaign_cap_payment, campaign_cap_year (fen, 0 = no cap),
 * spotcheck_percent (default 10). */
#ifndef BANGFU_CAMPAIGN_STORE_H
#define BANGFU_CAMPAIGN_STORE_H

#include "bangfu/campaign.h"
#include "bangfu/consolation.h"
#include "bangfu/db.h"
#include "bangfu/progress.h"

#define BF_SETTING_CAP_PAYMENT "campaign_cap_payment"
#define BF_SETTING_CAP_YEAR "campaign_cap_year"
#define BF_SETTING_SPOTCHECK_PERCENT "spotcheck_percent"
#define BF_SPOTCHECK_PERCENT_DEFAULT 10

/* ---- consolation standards ----------------------------------------------------- */

/* The standards that apply in `year`, one per event (indexed by enum
 * bf_event): the year's own row, else the latest earlier year's, else the
 * seed's. from_year[e] (may be NULL) gets the year the row came from, 0 for
 * the seed. */
int bf_consolation_standards(bf_db *db, int year, struct bf_consolation_standard out[BF_EV_COUNT],
                             int *from_year, bf_error *err);
int bf_consolation_standard_save(bf_db *db, const struct bf_consolation_standard *s, bf_error *err);

/* ---- consolation events ------------------------------------------------------- */

struct bf_consolation_rec {
	int64_t id, case_id;
	char case_number[32];
	char employee[BF_NAME_SZ];
	enum bf_event event;
	char date[BF_DATE_SZ];
	int year;
	char member[BF_NAME_SZ]; /* "" = the employee */
	int relation;            /* enum bf_relation, -1 none */
	bf_fen cash, goods;
	char goods_note[64];
	char status[12]; /* approved, pending, declined */
	char discretion[384];
	char decision_reason[256];
	char decided_by[64];
	char paid_on[BF_DATE_SZ]; /* "" = not paid */
};

/* Record an event for the employee of file case_number. member names a
 * household member on the file (its relation is taken from the file), or
 * someone not on it when relation >= 0 is given. decide: 0 none, 1 approve,
 * -1 decline — needed (with a reason) when the rules leave the event to
 * discretion; without it the event is recorded as pending. Returns 0 when
 * recorded (*id, res filled), 1 when the rules refuse it or a decision lacks
 * its reason (res->reason / err say why; nothing written), -1 on error. */
int bf_consolation_record(bf_db *db, const char *case_number, enum bf_event event,
                          const char *member, int relation, bf_date date, bf_fen manual_amount,
                          bool as_goods, int decide, const char *reason, const char *note,
                          int64_t *id, struct bf_consolation_result *res, bf_error *err);
/* Decide a pending event (approve or decline, with a reason). */
int bf_consolation_decide(bf_db *db, int64_t id, bool approve, const char *reason, bf_error *err);
/* Events of a year (0 = any), of one file ("" / NULL = any), newest first.
 * *out is malloc'd (free it). */
int bf_consolation_list(bf_db *db, int year, const char *case_number,
                        struct bf_consolation_rec **out, size_t *n, bf_error *err);
int bf_consolation_get(bf_db *db, int64_t id, struct bf_consolation_rec *r, bf_error *err);

/* ---- payments (shared by campaigns and consolation) ---------------------------- */

struct bf_payment_in {
	bool paid; /* false: recorded as not paid, with not_paid_reason */
	const char *not_paid_reason;
	const char *paid_on; /* ISO date */
	const char *signer;  /* who signed */
	int relation;        /* enum bf_relation of the signer */
	const char *phone;
	bf_fen amount; /* when >= 0 it must equal the full amount */
};

/* Pay an approved consolation event (in full, once). */
int bf_consolation_pay(bf_db *db, int64_t id, const struct bf_payment_in *p, bf_error *err);

/* ---- campaigns -------------------------------------------------------------------- */

struct bf_campaign {
	int64_t id;
	char name[BF_TEXT_SZ];
	int year;
	char start_date[BF_DATE_SZ], end_date[BF_DATE_SZ];
	char place_by[12]; /* unit or community */
	char status[12];   /* planning, drawn, closed */
	char note[BF_LONG_SZ];
	char drawn_at[24];
	size_t ngroups;
	struct bf_campaign_group groups[BF_MAX_GROUPS];
};

/* A fresh campaign of `year` (status planning, place_by unit, no groups). */
void bf_campaign_init(struct bf_campaign *c, int year);
/* Check before saving: name, dates (end not before start), groups valid,
 * each with its own label (any number of groups of one kind). */
int bf_campaign_validate(const struct bf_campaign *c, bf_error *err);
/* Insert (id 0) or update the campaign and its groups in one transaction.
 * Groups are kept by their id (a group with id 0, or one not stored, is
 * added; a stored one missing from c->groups is removed with its
 * placements). Labels and what the goods are are trimmed. The standards can
 * change only while nothing is paid; once the list is drawn, changing them
 * draws it again at once (added-back and removed people keep their
 * decision). */
int bf_campaign_save(bf_db *db, struct bf_campaign *c, bf_error *err);
int bf_campaign_load(bf_db *db, int64_t id, struct bf_campaign *c, bf_error *err);
/* By id ("3") or by name (the latest year's). 0 found, 1 not found, -1 error. */
int bf_campaign_find(bf_db *db, const char *key, int64_t *id, bf_error *err);
/* Only while nothing is paid. */
int bf_campaign_delete(bf_db *db, int64_t id, bf_error *err);
/* Close (no more payments) or reopen. */
int bf_campaign_set_closed(bf_db *db, int64_t id, bool closed, bf_error *err);

struct bf_campaign_row {
	int64_t id;
	char name[BF_TEXT_SZ];
	int year;
	char start_date[BF_DATE_SZ], end_date[BF_DATE_SZ];
	char status[12];
	int64_t listed, paid; /* households on the list, paid */
	bf_fen budget, paid_total;
};
/* All campaigns, newest first; *rows malloc'd. */
int bf_campaign_list(bf_db *db, struct bf_campaign_row **rows, size_t *n, bf_error *err);

void bf_campaign_caps_load(bf_db *db, struct bf_campaign_caps *caps);

/* ---- placing people in a group by hand ------------------------------------------ */

/* Someone placed in a group by hand: how a group without a kind gets its
 * members, or a group of a kind someone the files alone do not show. The
 * draw counts a placed file as meeting the group (an approved file is still
 * needed where the group requires one; highest standard only, last year's
 * exclusion and the caps apply as to everyone). */
struct bf_placement {
	int64_t id, group_id, case_id;
	int group_pos; /* 0-based */
	char group_label[BF_TEXT_SZ];
	char case_number[32];
	char name[BF_NAME_SZ];
	char reason[256];
};

/* Place the file case_number in group group_pos (0-based) of the campaign,
 * or take it out (remove). reason may be NULL. Once the list is drawn it is
 * drawn again at once (refused once anything is paid). 0 done, 1 nothing
 * to do (already placed / not placed: err says so), -1 error. */
int bf_campaign_place(bf_db *db, int64_t campaign_id, int group_pos, const char *case_number,
                      const char *reason, bool remove, bf_error *err);
/* The placements of a campaign by group, then file number; *out malloc'd. */
int bf_campaign_placements(bf_db *db, int64_t campaign_id, struct bf_placement **out, size_t *n,
                           bf_error *err);
/* A group by its number (1-based, "3") or its label; -1 (err set) when none. */
int bf_campaign_group_find(const struct bf_campaign *c, const char *key, bf_error *err);

/* ---- the drawn list ------------------------------------------------------------ */

struct bf_draw_summary {
	int64_t candidates; /* files looked at */
	int64_t listed;     /* meet some group (rows written) */
	int64_t included;
	int64_t no_file, last_year, cap, manual;
	int64_t capped;   /* included with a reduced amount */
	int64_t multiple; /* meet several groups: aided once, at the highest */
	int64_t added_back;
};

/* Draw (or draw again) the list from the files: the latest file of each
 * person up to the campaign's year, except closed ones; the rules of
 * bf_campaign_draw_one; last year = campaigns of year - 1 (people on their
 * list and not recorded as not paid). Refused once anything is paid. */
int bf_campaign_draw(bf_db *db, int64_t campaign_id, struct bf_draw_summary *sum, bf_error *err);
/* The same, calling progress (when not NULL) with the candidates read so
 * far (their number is not known before: total 0). */
int bf_campaign_draw_progress(bf_db *db, int64_t campaign_id, struct bf_draw_summary *sum,
                              bf_progress_fn progress, void *ud, bf_error *err);

struct bf_recipient {
	int64_t id, case_id, group_id;
	int group_pos;
	char group_name[BF_TEXT_SZ];
	char also_groups[128]; /* positions (1-based) of the other groups met, "2,3" */
	char case_number[32];
	char name[BF_NAME_SZ];
	char id_number[BF_ID_SZ]; /* full: mask before showing */
	char unit[BF_TEXT_SZ];
	char community[BF_TEXT_SZ];
	int household_size;
	bf_fen standard, cash, goods;
	bool capped, included;
	char exclusion[16]; /* "" or a bf_exclusion code */
	char exclusion_note[256];
	char add_back_reason[256];
	char paid_status[12]; /* pending, paid, not_paid */
	char not_paid_reason[256];
	char paid_on[BF_DATE_SZ];
	char signer[BF_NAME_SZ];
	char signer_relation[24];
	char phone[BF_PHONE_SZ]; /* the signer's, once paid */
};

struct bf_recipient_filter {
	int included;     /* -1 any, 0 off the list, 1 on it */
	const char *unit; /* NULL = any */
	const char *community;
	const char *paid_status; /* NULL = any */
	const char *search;      /* name, file number or ID digits */
};
/* A filter that matches everyone. */
void bf_recipient_filter_init(struct bf_recipient_filter *f);

int bf_recipient_count(bf_db *db, int64_t campaign_id, const struct bf_recipient_filter *f,
                       int64_t *count, bf_error *err);
/* Rows in order of unit (or community), then file number: up to limit of
 * them after row `after` (NULL: from the first), or with backward the
 * limit rows before it (NULL: the last ones), written in the list's order
 * all the same. Keyset paging (issue 17): never an OFFSET. */
int bf_recipient_rows(bf_db *db, int64_t campaign_id, const struct bf_recipient_filter *f,
                      const struct bf_recipient *after, bool backward, int limit,
                      struct bf_recipient *rows, int *n, bf_error *err);
/* 0 found, 1 not on this campaign's list, -1 error. */
int bf_recipient_find(bf_db *db, int64_t campaign_id, const char *case_number,
                      struct bf_recipient *r, bf_error *err);
/* Add back someone left out because of last year's campaign (reason
 * required). */
int bf_recipient_add_back(bf_db *db, int64_t campaign_id, const char *case_number,
                          const char *reason, bf_error *err);
/* Take someone off the list by hand (reason required; not once paid). */
int bf_recipient_remove(bf_db *db, int64_t campaign_id, const char *case_number, const char *reason,
                        bf_error *err);
/* Put back someone taken off by hand (the draw's decision applies again). */
int bf_recipient_restore(bf_db *db, int64_t campaign_id, const char *case_number, bf_error *err);
/* The community a household belongs to (for sheets and spot checks by
 * community); NULL or "" clears it. */
int bf_recipient_set_community(bf_db *db, int64_t campaign_id, const char *case_number,
                               const char *community, bf_error *err);
/* The distinct units (by = "unit") or communities of the list, sorted;
 * *names malloc'd as one block of n strings of BF_TEXT_SZ. */
int bf_recipient_places(bf_db *db, int64_t campaign_id, const char *by, char (**names)[BF_TEXT_SZ],
                        size_t *n, bf_error *err);

/* ---- budget ---------------------------------------------------------------------- */

/* Before the draw: the plan (planned count × standard). After: one line
 * per group and amount of the households on the list. Lines of a group per
 * person count people, the others households (t->people, t->households).
 * *from_plan tells which. */
int bf_campaign_budget(bf_db *db, int64_t campaign_id, struct bf_budget_line *lines, size_t max,
                       size_t *n, struct bf_budget_totals *t, bool *from_plan, bf_error *err);

/* ---- payment ---------------------------------------------------------------------- */

/* Record the payment of one household of the list (or that it was not
 * paid). Paid in full or not at all: the amount, when given, must equal
 * cash + goods. Refused: someone not on the list; already recorded; a group
 * that requires an approved file and the file is not approved now; over a
 * cap; a signer who is not the employee or a household member on the file;
 * no phone; a closed campaign. Called inside a write transaction the caller
 * opened (bf_db_begin) it joins it: that is how a file of payments is
 * recorded all or nothing. */
int bf_campaign_pay(bf_db *db, int64_t campaign_id, const char *case_number,
                    const struct bf_payment_in *p, bf_error *err);

/* ---- spot checks ---------------------------------------------------------------- */

struct bf_spotcheck {
	int64_t id;
	char seed[24]; /* decimal */
	int percent;
	char place_by[12];
	int64_t population, drawn;
	char drawn_at[24], drawn_by[64];
};

struct bf_spotcheck_item {
	int64_t id, recipient_id;
	char case_number[32];
	char name[BF_NAME_SZ];
	char place[BF_TEXT_SZ];
	bf_fen amount;
	char signer[BF_NAME_SZ];
	char phone[BF_PHONE_SZ];
	char method[8]; /* "" (not yet), call, visit */
	char checked_on[BF_DATE_SZ];
	int reached;          /* -1 not yet, 0, 1 */
	int amount_confirmed; /* -1 not asked, 0, 1 */
	char problem[256];
	char checked_by[64];
};

/* Draw the spot-check sample of a campaign's paid households, per unit or
 * community (the campaign's place_by): percent <= 0 takes the setting.
 * seed_given false: a fresh seed from the system. Once per campaign. */
int bf_spotcheck_draw_campaign(bf_db *db, int64_t campaign_id, int percent, bool seed_given,
                               uint64_t seed, struct bf_spotcheck *out, bf_error *err);
/* 0 and the draw with its items (*items malloc'd, by place then file
 * number); 1 when none was drawn; -1 error. */
int bf_spotcheck_load(bf_db *db, int64_t campaign_id, struct bf_spotcheck *sc,
                      struct bf_spotcheck_item **items, size_t *n, bf_error *err);
/* Record a call or visit: method "call" or "visit"; amount_confirmed -1
 * when not reached; problem NULL/"" when none. */
int bf_spotcheck_record(bf_db *db, int64_t campaign_id, const char *case_number, const char *method,
                        const char *date, bool reached, int amount_confirmed, const char *problem,
                        bf_error *err);
/* An item that found a problem: not reached, amount not confirmed, or a
 * problem written down. */
bool bf_spotcheck_item_has_problem(const struct bf_spotcheck_item *it);

/* ---- ledger (资金台账) ------------------------------------------------------------ */

struct bf_ledger_row {
	int64_t id;
	char paid_on[BF_DATE_SZ];
	int64_t campaign_id;   /* 0 for consolation */
	char what[BF_TEXT_SZ]; /* the campaign's name, or the event's label */
	char grp[BF_TEXT_SZ];  /* group kind code, event code, or a kindless group's label */
	char case_number[32];
	char payee[BF_NAME_SZ];
	char id_number[BF_ID_SZ];
	char unit[BF_TEXT_SZ];
	char signer[BF_NAME_SZ];
	char signer_relation[24];
	char phone[BF_PHONE_SZ];
	bf_fen cash, goods;
};

struct bf_ledger_filter {
	char from[BF_DATE_SZ], to[BF_DATE_SZ]; /* "" = open */
	int64_t campaign_id;                   /* 0 any, -1 consolation only */
	char unit[BF_TEXT_SZ];                 /* "" any */
	char grp[BF_TEXT_SZ];                  /* "" any */
};

/* Payments in date order; *rows malloc'd. */
int bf_ledger_rows(bf_db *db, const struct bf_ledger_filter *f, struct bf_ledger_row **rows,
                   size_t *n, bf_error *err);

enum bf_ledger_by { BF_LEDGER_BY_MONTH = 0, BF_LEDGER_BY_UNIT, BF_LEDGER_BY_GROUP };
struct bf_ledger_total {
	char key[BF_TEXT_SZ]; /* "2026-01", a unit, or a group/event code */
	int64_t count;
	bf_fen cash, goods;
};
/* Totals by month, unit or group (sorted by key); *out malloc'd. */
int bf_ledger_totals(bf_db *db, const struct bf_ledger_filter *f, enum bf_ledger_by by,
                     struct bf_ledger_total **out, size_t *n, bf_error *err);
/* A group code's label: a group kind's or an event's (translated). */
const char *bf_ledger_group_label(const char *grp);

/* Budget against the ledger, per group of a campaign. */
struct bf_reconcile_line {
	char group[BF_TEXT_SZ];
	int64_t people;
	bf_fen budget; /* the list: cash + goods of everyone on it */
	int64_t n_paid, n_not_paid, n_pending;
	bf_fen paid, not_paid, pending;
	bf_fen ledger; /* the payments in the ledger */
};
/* ok: every group's budget = paid + not paid + pending, the ledger equals
 * what the list says was paid, and every payment equals its household's
 * amount. */
int bf_campaign_reconcile(bf_db *db, int64_t campaign_id, struct bf_reconcile_line *lines,
                          size_t max, size_t *n, struct bf_reconcile_line *total, bool *ok,
                          bf_error *err);

#endif
