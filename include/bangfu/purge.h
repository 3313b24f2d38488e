/* purge.h — removing closed files past the retention period (storage
 * layer, BF_PERM_PURGE).
 *
 * A file is due when it was closed (its last change to 'closed' in
 * case_transition, else its last save) before today minus the setting
 * retention_years (default 10). The purge deletes the files with everything
 * that hangs off them, blanks their rows in the audit log (the chain still
 * verifies, see 003_accounts.sql), keeps only their numbers (purged_case),
 * and then checkpoints the WAL with TRUNCATE: with secure_delete on, the
 * deleted text is then in neither the database nor its -wal file. */
#ifndef BANGFU_PURGE_H
#define BANGFU_PURGE_H

#include "bangfu/date.h"
#include "bangfu/db.h"
#include "bangfu/progress.h"

#define BF_RETENTION_YEARS_DEFAULT 10

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

struct bf_purge_result {
	int64_t cases;      /* files purged */
	int64_t audit_rows; /* audit rows blanked */
	bool checkpointed;  /* the WAL was copied back and emptied */
	char cutoff[11];
};
/* Purge every file due on `today`, all or nothing. checkpointed is false
 * when another connection kept the WAL from being emptied (the data is
 * deleted; it leaves the -wal file at the next checkpoint): say so. */
int bf_purge_run(bf_db *db, bf_date today, struct bf_purge_result *res, bf_error *err);
/* The same, calling progress (when not NULL) as each of its BF_PURGE_STEPS
 * steps ends: the files noted, deleted, their audit rows blanked and
 * committed, the WAL emptied. */
enum { BF_PURGE_STEPS = 4 };
int bf_purge_run_progress(bf_db *db, bf_date today, struct bf_purge_result *res,
                          bf_progress_fn progress, void *ud, bf_error *err);

#endif
