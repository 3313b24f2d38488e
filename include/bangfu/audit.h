/* audit.h — the audit log: listing and filtering it, checking its hash
 * chain, its latest hash (carried in submission packages), and recording
 * the reveal of a masked number (storage layer).
 *
 * Every write is logged by triggers (001_init.sql) and every log row is
 * chained by a trigger (003_accounts.sql): see there for the hash. */
#ifndef BANGFU_AUDIT_H
#define BANGFU_AUDIT_H

#include "bangfu/db.h"

/* The "previous hash" of the first row. */
#define BF_AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* ---- listing ------------------------------------------------------------------- */

struct bf_audit_row {
	int64_t id;
	const char *at;          /* ISO 8601 UTC */
	const char *actor;       /* the operator, or "(login)", "(schema upgrade)", "(demo)" */
	const char *action;      /* insert, update, delete */
	const char *tbl;         /* the table; "reveal_event" rows are reveals */
	int64_t row_id;          /* 0 when none */
	int64_t case_id;         /* 0 when none */
	const char *case_number; /* "" when none (purged files keep their number) */
	const char *detail;      /* JSON; {"purged":true} after a purge */
};

/* Empty strings and zeros mean "any". */
struct bf_audit_filter {
	const char *actor;  /* exact operator name */
	const char *tbl;    /* exact table */
	const char *action; /* insert, update, delete, or "reveal" for reveal events */
	int64_t case_id;
	const char *since; /* YYYY-MM-DD, inclusive (UTC days) */
	const char *until; /* YYYY-MM-DD, inclusive */
	const char *text;  /* a substring of the detail */
	bool oldest_first; /* default newest first */
	/* keyset paging (issue 17): the list starts at this entry (0: the
	 * first); bf_audit_seek finds it */
	int64_t from_id;
	int64_t limit; /* 0 = all */
};

/* Calls cb for each row matching f (BF_PERM_AUDIT_VIEW); the row's strings
 * live until cb returns. cb returning non-zero stops the listing (not an
 * error). 0 / -1. */
int bf_audit_list(bf_db *db, const struct bf_audit_filter *f,
                  int (*cb)(void *ud, const struct bf_audit_row *r), void *ud, bf_error *err);
/* How many rows match f (from_id and limit ignored); -1 on error. */
int64_t bf_audit_count(bf_db *db, const struct bf_audit_filter *f, bf_error *err);
/* The entry `steps` rows after entry `anchor` in f's order (before it when
 * steps < 0; anchor 0 is before the first row going forward, after the last
 * going back), reading only the ids it steps over: *id = 0 when the list
 * ends first. 0 / -1. */
int bf_audit_seek(bf_db *db, const struct bf_audit_filter *f, int64_t anchor, int64_t steps,
                  int64_t *id, bf_error *err);

/* A detail with the values of "id_number", "bank_card" and "phone" masked
 * (ident.h), for lists and screens. out is always NUL-terminated. */
void bf_audit_mask_detail(const char *detail, char *out, size_t n);

/* The detail as a reader wants it: an update's changed columns as
 * "field: old → new; ..." (sealed values "****", numbers masked as
 * bf_audit_mask_detail does), any other detail as bf_audit_mask_detail
 * gives it. out is always NUL-terminated. */
void bf_audit_detail_text(const char *detail, char *out, size_t n);

/* Schema 027 (called by the migration, inside its transaction): every
 * audit insert trigger (*_audit_insert) that still calls bf_json_object( is
 * re-created from its own SQL with bf_audit_image( (db.h: sealed values as
 * their digests; an update's "old" keeps the ciphertext when the value
 * changes). 0 / -1 (the message in db->errmsg). */
int bf_audit_lean_triggers(bf_db *db);

/* ---- the chain ---------------------------------------------------------------------- */

enum bf_audit_problem {
	BF_AUDIT_EDITED = 1,      /* the row does not match its hash */
	BF_AUDIT_DELETED,         /* its link is there, the row is gone */
	BF_AUDIT_UNCHAINED,       /* the row has no link (added behind the log's back) */
	BF_AUDIT_OUT_OF_ORDER,    /* its link does not follow the row before: rows before
	                             it were deleted, inserted or moved */
	BF_AUDIT_BAD_PURGE,       /* blanked although its file was never purged */
	BF_AUDIT_TRIGGER_MISSING, /* a protecting trigger was dropped (name in what) */
	BF_AUDIT_UNKNOWN_HASH,    /* a hash given to check against is not in the log */
	/* the replay (issue 13): the tables' rows against their last audited image */
	BF_AUDIT_ROW_CHANGED,  /* row_id of table.field (what) differs from its image */
	BF_AUDIT_ROW_GONE,     /* row_id of the table (what) has an image and no row */
	BF_AUDIT_ROW_UNLOGGED, /* row_id of the table (what) was never in the log */
};

struct bf_audit_break {
	enum bf_audit_problem kind;
	int64_t row_id;   /* the row that broke the chain */
	int64_t after_id; /* BF_AUDIT_OUT_OF_ORDER: the row it should follow (0 = start) */
	char what[64];    /* BF_AUDIT_TRIGGER_MISSING: the trigger */
};

#define BF_AUDIT_MAX_BREAKS 16
struct bf_audit_report {
	int64_t rows;        /* rows checked */
	int64_t purged_rows; /* blanked by a purge (and accepted) */
	int64_t latest_id;
	char latest_hash[65]; /* "" for an empty log */
	int64_t problems;     /* all found; the first BF_AUDIT_MAX_BREAKS are in breaks */
	int nbreaks;
	struct bf_audit_break breaks[BF_AUDIT_MAX_BREAKS];
};

/* Walk the whole chain, then replay it: every audited table's rows must
 * equal their last audited image, or the row is named (changed, deleted or
 * added behind the log: BF_AUDIT_ROW_*). known_hash (NULL = none) is a hash
 * taken earlier (from a submission package, or the first 16 hex digits
 * printed in a document's footer): it must still be in the chain, or the
 * log was rewritten. Returns 0 intact, 1 broken (rep says where), -1 on
 * error. Needs no permission: it shows no personal data. */
int bf_audit_verify(bf_db *db, const char *known_hash, struct bf_audit_report *rep, bf_error *err);
/* One line, translated: "Row 17 was edited: it no longer matches its hash." */
void bf_audit_break_text(const struct bf_audit_break *b, char *buf, size_t n);

/* The stamp for a printed document's footer (common.h): the first 16 hex
 * digits of the latest hash and the number of rows. */
int bf_audit_stamp(bf_db *db, struct bf_audit_stamp *s, bf_error *err);

/* The hash of the last row and its id (BF_AUDIT_GENESIS and 0 when the log
 * is empty): what submission packages carry. */
int bf_audit_latest_hash(bf_db *db, char out[65], int64_t *row_id, bf_error *err);
/* The chain as a package header names it: the number of rows (a count, not
 * the last id) and the hash of the last one (BF_AUDIT_GENESIS and 0 when the
 * log is empty). */
int bf_audit_head(bf_db *db, char out[65], int64_t *rows, bf_error *err);
/* The hash of the nth row of the chain (1 = the first, in id order): 0, or
 * 1 when the chain has fewer rows (out ""). */
int bf_audit_hash_at(bf_db *db, int64_t nth, char out[65], bf_error *err);

/* ---- old entries sealed (the upgrade) -------------------------------------------- */

/* Entries written before their table's columns were sealed hold personal
 * data in their detail: keep each such detail whole, sealed (vault.h), in
 * detail_sealed (schema/018) and leave the detail with those values
 * replaced by "***"; then one entry saying how many were sealed. The chain
 * is untouched (its detail hash is the original detail's: bf_audit_verify
 * checks it with the key). In the caller's write transaction, with the key
 * open (vault.c runs it after sealing the tables). 0 / -1. */
int bf_audit_seal_old(bf_db *db, bf_error *err);

/* ---- reveals ------------------------------------------------------------------------- */

/* Record that the full number was shown (BF_PERM_REVEAL): call it before
 * showing it, and show it only on 0. field: "id_number", "bank_card",
 * "phone", or "all" (a document or export with full numbers). member_id 0 =
 * the household; purpose (may be NULL) e.g. "case show", "export FILE". */
int bf_audit_reveal(bf_db *db, int64_t case_id, int64_t member_id, const char *field,
                    const char *purpose, bf_error *err);

/* One reveal of a bulk reveal: the file (case_id, or when 0 its number
 * case_number: a file of the ledger), the member (0 = household), field as
 * above, and purpose naming what it went to ("campaign ledger
 * /media/usb/ledger.xlsx", "district list U001:2026-0003"). */
struct bf_reveal {
	int64_t case_id;
	const char *case_number;
	int64_t member_id;
	const char *field;
	const char *purpose;
};
/* A bulk reveal: one row per file revealed, all in one transaction (all or
 * none; about 10,000 rows in well under a second). Call it before showing
 * or writing any of them, and show them only on 0. */
int bf_audit_reveal_many(bf_db *db, const struct bf_reveal *r, size_t n, bf_error *err);

#endif
