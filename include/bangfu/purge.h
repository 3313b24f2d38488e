/* purge.h — removing closed files past the retention period (storage
 * layer, BF_PERM_PURGE).
 *
 * A file is due when it was closed (its last change to 'closed' in
 * case_transition, else its last save) before today minus the setting
 * retention_years (default 10). The purge deletes the files with everything
 * that hangs off them (but the ledger's rows, see BF_PURGED_MARK), blanks
 * their rows in the audit log (the chain still verifies, see
 * 003_accounts.sql), keeps only their numbers (purged_case), and then
 * checkpoints the WAL with TRUNCATE: with secure_delete on, the deleted text
 * is then in neither the database nor its -wal file. */
#ifndef BANGFU_PURGE_H
#define BANGFU_PURGE_H

#include "bangfu/date.h"
#include "bangfu/db.h"
#include "bangfu/progress.h"

#define BF_RETENTION_YEARS_DEFAULT 10
/* New-case drafts (the form as typed, never saved: draft.case_id 0) not
 * touched for this many days go with the purge (setting draft_purge_days). */
#define BF_DRAFT_PURGE_DAYS_DEFAULT 90

/* A purged file with consolation, payment or campaign rows stays as a
 * tombstone (number, year, 'closed', name this mark, no other personal
 * value) and those rows keep date, amount, campaign and group; their
 * personal text fields hold this mark or NULL (schema/024_purge_ledger.sql). */
#define BF_PURGED_MARK "(purged)"
/* For showing: buf (n bytes) holding the mark gets the translated
 * "(purged)" instead. */
void bf_purged_show(char *buf, size_t n);

struct bf_purge_candidate {
	int64_t case_id;
	char number[32];
	char closed_on[11]; /* YYYY-MM-DD */
};

/* The files due on `today`, oldest first; *out malloc'd (free it). cutoff
 * (may be NULL) gets the date before which a file must have been closed.
 * Needs BF_PERM_PURGE. */
int bf_purge_candidates(bf_db *db, bf_date today, struct bf_purge_candidate **out, size_t *n,
                        char cutoff[11], bf_error *err);

/* New-case drafts due on `today` (*n), saved before *cutoff (may be NULL).
 * Needs BF_PERM_PURGE. */
int bf_purge_drafts_due(bf_db *db, bf_date today, int64_t *n, char cutoff[11], bf_error *err);

struct bf_purge_result {
	int64_t cases;      /* files purged (a district's: its consolidated files) */
	int64_t audit_rows; /* audit rows blanked */
	int64_t drafts;     /* new-case drafts removed */
	bool checkpointed;  /* the WAL was copied back and emptied */
	/* when not: where the deleted text still is until the next start of
	 * bangfu finishes the checkpoint (purge_pending) */
	bool left_in_main, left_in_wal;
	char cutoff[11], draft_cutoff[11];
};
/* Purge every file due on `today` and the new-case drafts due, all or
 * nothing. In a district's database the files are the consolidated ones
 * (dist_case and their persons) decided, or else imported, before the
 * cutoff. checkpointed is false when another connection kept the WAL from
 * being copied back and emptied: the data is deleted, and left_in_main /
 * left_in_wal say where its text still is; the next bf_store_open finishes
 * the checkpoint (bf_purge_finish_pending). */
int bf_purge_run(bf_db *db, bf_date today, struct bf_purge_result *res, bf_error *err);
/* The same, calling progress (when not NULL) as each of its BF_PURGE_STEPS
 * steps ends: the files noted, deleted, their audit rows blanked and
 * committed, the WAL emptied. */
enum { BF_PURGE_STEPS = 4 };
int bf_purge_run_progress(bf_db *db, bf_date today, struct bf_purge_result *res,
                          bf_progress_fn progress, void *ud, bf_error *err);

/* At open: a purge's unfinished checkpoint, finished now when no other
 * connection is reading. 0 nothing pending or done, 1 still pending, -1
 * error. */
int bf_purge_finish_pending(bf_db *db, bf_error *err);

#endif
