/* submission_store.h — the unit's side of the submission to the district
 * union (报送): the signing key, trusted keys, batches, exporting a batch as
 * a package sealed to the district and signed (package.h), and importing
 * the district's reply. Storage layer.
 *
 * Permissions (perm.h through bf_store_require): batches, exports and
 * replies need "submit"; exporting needs "export_full" too (the package
 * carries full ID, bank and phone numbers, and says so); registering a key
 * "settings" (on a unit) or "district_import" (on a district).
 * Functions that can refuse return 1 with err in the user's words, -1 on a
 * database error, 0 when done. Every write is one BEGIN IMMEDIATE. */
#ifndef BANGFU_SUBMISSION_STORE_H
#define BANGFU_SUBMISSION_STORE_H

#include "bangfu/db.h"
#include "bangfu/package.h"

/* ---- keys (both sides) -------------------------------------------------------- */

/* Make this database's key pair if it has none (called by bf_unit_save at
 * set-up). 0 when it exists or was made. */
int bf_key_ensure(bf_db *db, bf_error *err);
/* The public key file of this database (its unit or district), malloc'd. */
int bf_key_export(bf_db *db, char **text, bf_error *err);
/* Register the other side's key. A different key for a code already
 * registered is refused unless replace (then the old key is audited). */
int bf_key_trust(bf_db *db, const struct bf_pkg_keyfile *k, bool replace, bf_error *err);
/* 0 found (*pk filled), 1 none registered, -1 error. */
int bf_key_trusted(bf_db *db, const char *code, uint8_t pk[32], char *name, size_t n,
                   bf_error *err);

/* This database's key pair, for signing (made when missing). */
int bf_key_secret(bf_db *db, uint8_t pk[32], uint8_t sk[64], bf_error *err);
/* This database's public key (made when missing). */
int bf_key_public(bf_db *db, uint8_t pk[32], bf_error *err);

/* ---- batches (the unit) --------------------------------------------------------- */

struct bf_batch {
	int64_t id;
	char number[16]; /* YYYY-NN */
	int revision;    /* packages exported so far */
	char status[12]; /* open, exported */
	char note[256];
	char created_at[32], created_by[64];
	char exported_at[32], exported_by[64];
	char package_sha256[65];
	size_t n_cases;
	bf_fen total; /* sum of the proposed amounts */
};

/* A new open batch holding case_ids (each must be publicity_passed and in no
 * other batch); n 0 = every such file. *id may be NULL. */
int bf_batch_create(bf_db *db, const int64_t *case_ids, size_t n, const char *note, int64_t *id,
                    bf_error *err);
/* Add or take out files while the batch is open (before it is exported
 * again, a batch already exported may change too: its next export is a new
 * revision). */
int bf_batch_add(bf_db *db, int64_t batch_id, int64_t case_id, bf_error *err);
int bf_batch_remove(bf_db *db, int64_t batch_id, int64_t case_id, bf_error *err);
/* Newest first; *out malloc'd. */
int bf_batch_list(bf_db *db, struct bf_batch **out, size_t *n, bf_error *err);
/* 0 found, 1 none, -1 error. number or id (number NULL). */
int bf_batch_load(bf_db *db, int64_t id, const char *number, struct bf_batch *b, bf_error *err);

struct bf_batch_case {
	int64_t case_id;
	char number[32];
	char name[64];
	char id_number[24]; /* full: mask before showing */
	char department[128];
	char status[24];
	int category;
	bf_fen amount;   /* proposed (the union's review) */
	bf_fen accepted; /* the district's final amount, once its reply accepted it; else 0 */
};
int bf_batch_cases(bf_db *db, int64_t batch_id, struct bf_batch_case **out, size_t *n,
                   bf_error *err);
/* publicity_passed files in no batch (candidates), same row shape. */
int bf_batch_candidates(bf_db *db, struct bf_batch_case **out, size_t *n, bf_error *err);

/* Export a batch, in two steps around the writing of its files (the
 * export layer's bf_submission_export: submission_export.h).
 * bf_batch_export_begin opens one transaction in which the files move
 * publicity_passed → submitted (frozen: bf_case_save refuses them until the
 * district returns them), the revision goes up, and the package is made:
 * its content sealed to the district's registered key (none registered:
 * refused, 1) and signed with this database's. On 0 the transaction stays
 * open and x holds what to write: the package's bytes, its header, and the
 * content as parsed (attachment 2, the publicity result reports, is made
 * from it; attachment 1, with full numbers, is the district's to make from
 * the imported package). Then exactly one of bf_batch_export_commit (the
 * files are written: the database is committed) or bf_batch_export_abort
 * (rolled back, nothing changed); both free x. On non-zero nothing is open
 * and x holds nothing. */
struct bf_batch_export {
	struct bf_pkg_header header; /* the package's header as written */
	char number[16];             /* the batch, YYYY-NN */
	char *package;               /* the package's bytes, malloc'd */
	size_t package_len;
	struct bf_pkg_submission content; /* what was sealed, parsed */
	size_t steps_done, steps_total;   /* bf_batch_export_begin_progress's */
};
int bf_batch_export_begin(bf_db *db, int64_t batch_id, struct bf_batch_export *x, bf_error *err);
/* The same; restored true says in the header (restored-from-backup: yes)
 * that this database was restored from a backup, so its audit chain may not
 * extend the one the district holds from the previous package. */
int bf_batch_export_begin_opts(bf_db *db, int64_t batch_id, bool restored,
                               struct bf_batch_export *x, bf_error *err);
/* The same, telling progress (may be NULL) how far it has got in units of
 * x->steps_total: two per file of the batch (checked and moved, then
 * packed), then `after` more that are the caller's (the files written, the
 * export recorded; x->steps_done says where they start). When progress says
 * stop, everything is rolled back and nothing is open (-1, err says it was
 * cancelled). */
int bf_batch_export_begin_progress(bf_db *db, int64_t batch_id, bool restored, size_t after,
                                   struct bf_batch_export *x, bf_progress_fn progress, void *ud,
                                   bf_error *err);
int bf_batch_export_commit(bf_db *db, struct bf_batch_export *x, bf_error *err);
void bf_batch_export_abort(bf_db *db, struct bf_batch_export *x);

/* ---- the district's reply (the unit) --------------------------------------------------- */

struct bf_reply_result {
	bool already;     /* this very file was imported before: nothing changed */
	size_t accepted;  /* files marked accepted */
	size_t returned;  /* files reopened with the district's reason */
	size_t unchanged; /* decisions already applied, or files not in "submitted" */
	size_t years_taken; /* holiday calendar years taken from the district (newer) */
	char lines[4096]; /* one line per file: number, decision, amount or reason */
	size_t more;      /* files whose line did not fit (a last line says how many) */
};
/* Verify (the district's key must be registered unless require_signature is
 * 0) and apply a reply package: accepted files move submitted → accepted
 * with the final amount recorded, returned ones submitted → returned with
 * the reason and the state they go back to. All or nothing. Refusals
 * return 1 and write nothing. */
int bf_reply_import(bf_db *db, const char *buf, size_t len, struct bf_reply_result *r,
                    bf_error *err);

/* The district's latest decision on a unit's file: 0 found, 1 none. */
struct bf_case_decision {
	char decision[8]; /* accept, return */
	bf_fen amount;
	char reason[512];
	char back_to[24];
	char decided_at[32], decided_by[64];
};
int bf_case_district_decision(bf_db *db, int64_t case_id, struct bf_case_decision *d,
                              bf_error *err);

#endif
