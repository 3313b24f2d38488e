/* store.h — the bangfu database: opening, the unit, settings, cases, drafts,
 * backup and checks. Storage layer: SQL lives here and in db.c, nowhere else.
 *
 * Every write runs in BEGIN IMMEDIATE. Every change to cases and their parts
 * is recorded by triggers in the append-only audit_log table, with the
 * operator set by bf_db_set_actor(); a write without an operator is refused
 * by the database itself. */
#ifndef BANGFU_STORE_H
#define BANGFU_STORE_H

#include "bangfu/casefile.h"
#include "bangfu/date.h"
#include "bangfu/db.h"
#include "bangfu/outfile.h"
#include "bangfu/eligibility.h"

/* The default database path: $XDG_DATA_HOME/bangfu/bangfu.db, else
 * ~/.local/share/bangfu/bangfu.db. --db and BANGFU_DB override (the CLI
 * decides the order: --db, then BANGFU_DB, then this). */
void bf_store_default_path(char *buf, size_t n);

/* Open (creating the file and its folder with BF_DB_CREATE), refuse files that
 * are not ours or are newer, migrate. */
int bf_store_open(bf_db *db, const char *path, int flags, bf_error *err);
/* The same, telling progress (may be NULL) the schema upgrade's steps done
 * of those to run, if any run (the command line's progress line). */
int bf_store_open_progress(bf_db *db, const char *path, int flags, bf_progress_fn progress,
                           void *ud, bf_error *err);

/* The unit that owns this database. */
struct bf_unit {
	char name[128];       /* unit name (单位名称) */
	char code[32];        /* unit code used in file numbers and packages */
	char union_name[128]; /* unit union (基层工会) */
	char district[128];   /* the district union it reports to */
	char address[256];
	char contact[64];
	char phone[24];
	bool district_mode;          /* this database is the district's */
	struct bf_audit_stamp stamp; /* for printing: set by bf_audit_stamp, not by load */
};
/* Whether `bangfu init` (or the set-up screen) has been done. */
bool bf_store_is_initialized(bf_db *db);
int bf_unit_save(bf_db *db, const struct bf_unit *u, bf_error *err);
int bf_unit_load(bf_db *db, struct bf_unit *u, bf_error *err);

/* Settings. Per-year thresholds: the row for `year`, else the latest earlier
 * year, else the seed's defaults (saved for that year). */
int bf_settings_year(bf_db *db, int year, struct bf_year_settings *s, bf_error *err);
int bf_settings_year_save(bf_db *db, const struct bf_year_settings *s, bf_error *err);
/* Simple key/value settings (publicity_days, reviewer_must_differ, lang, ...). */
int64_t bf_setting_int(bf_db *db, const char *key, int64_t dflt);
/* Returns dflt copied into buf when unset. */
void bf_setting_text(bf_db *db, const char *key, const char *dflt, char *buf, size_t n);
/* value NULL removes the setting (back to its default). */
int bf_setting_set(bf_db *db, const char *key, const char *value, bf_error *err);

/* Holiday calendar. bf_calendar_load allocates entries; free with bf_calendar_free. */
int bf_calendar_load(bf_db *db, struct bf_calendar *cal, bf_error *err);
void bf_calendar_free(struct bf_calendar *cal);
int bf_holiday_set(bf_db *db, bf_date d, enum bf_day_kind kind, const char *name, bf_error *err);
int bf_holiday_remove(bf_db *db, bf_date d, bf_error *err);

/* Cases. bf_case_save inserts or updates the whole form (members, causes) in
 * one transaction, assigns ids and a file number if empty, and stores the
 * computed household size, per-capita income and first matching category
 * for fast lists. Called inside a write transaction the caller opened
 * (bf_db_begin), it joins it and the caller commits or rolls back: that is
 * how a batch (an import) is saved all or nothing.
 *
 * A save of an existing file states the revision it was loaded at
 * (c->revision): when the row has moved on meanwhile (another operator's
 * save, a review, a workflow step) nothing is written and BF_CASE_MOVED is
 * returned, err naming who changed it and when; load the file again and
 * merge (bf_case_merge). The form never writes the workflow state: an
 * update leaves status as it is, and c->status and c->revision get the
 * row's after a save. A new file starts as c->status ("draft" if empty). */
#define BF_CASE_MOVED 2
int bf_case_save(bf_db *db, struct bf_case *c, bf_error *err);
int bf_case_load(bf_db *db, int64_t id, struct bf_case *c, bf_error *err);
/* Sample data only (`bangfu demo`): put a file in a workflow state without a
 * transition, as if it had got there. Every other state change goes through
 * the workflow (workflow_store.h). */
int bf_case_demo_state(bf_db *db, int64_t id, const char *status, bf_error *err);
/* 0 and *id set; 1 when not found; -1 on error. */
int bf_case_lookup(bf_db *db, const char *number, int64_t *id, bf_error *err);

/* Another open file holding the same ID number (as employee or member). */
struct bf_id_conflict {
	int64_t case_id;
	char case_number[32];
	char person[BF_NAME_SZ];
	char relation[24]; /* code of the relation in that file */
};
/* Finds files (other than exclude_case_id) that are not closed and list
 * id_number. Returns the count found (up to max) or -1. */
int bf_case_id_conflicts(bf_db *db, const char *id_number, int64_t exclude_case_id,
                         struct bf_id_conflict *out, size_t max, bf_error *err);
/* Whether none of c's people is in another open file (one person, one open
 * file: schema/015_open_person.sql refuses the save otherwise). For the
 * generators of sample files (demo, benchmarks), which draw again. */
bool bf_case_people_free(bf_db *db, const struct bf_case *c);

/* Drafts: the form as typed, saved as each field is left, so nothing is lost
 * after a crash. case_id 0 = a new case not yet saved. One draft per case per
 * operator. text is opaque to the store (see case_text.h). */
int bf_draft_save(bf_db *db, int64_t case_id, const char *text, bf_error *err);
/* 0 found (*text malloc'd), 1 none, -1 error. */
int bf_draft_load(bf_db *db, int64_t case_id, char **text, char *saved_at, size_t n, bf_error *err);
int bf_draft_delete(bf_db *db, int64_t case_id, bf_error *err);

/* Online, consistent copy with the SQLite backup API, while others may write.
 * Written to a private temporary beside dest_path (outfile.h), synced, then
 * renamed into place; an existing dest_path only with BF_OUTFILE_FORCE in
 * flags. */
int bf_store_backup(bf_db *db, const char *dest_path, unsigned flags, bf_error *err);
/* The same, copying `pages` pages per step (<= 0: all in one step) and calling
 * progress (may be NULL) between steps with the pages remaining and the total,
 * and once with (0, 0) when done. A write by another connection between steps
 * restarts the copy; after a few restarts the rest is copied in one step. */
int bf_store_backup_progress(bf_db *db, const char *dest_path, unsigned flags, int pages,
                             void (*progress)(void *ud, int remaining, int total), void *ud,
                             bf_error *err);
/* integrity_check + foreign_key_check; report gets a plain summary.
 * Returns 0 when sound, 1 when problems were found, -1 on error. */
int bf_store_check(bf_db *db, char *report, size_t n, bf_error *err);

/* ---- files written (outfile.h) ---------------------------------------------------- */

/* Record target's folder as one bangfu writes to (so leftover temporaries of
 * an interrupted write there are swept later), then bf_outfile_open it. Use
 * it for every file written; the folder is recorded before the temporary is
 * made (best effort: a database that cannot be written now does not stop the
 * export). NULL with err as bf_outfile_open. */
bf_outfile *bf_store_outfile_open(bf_db *db, const char *target, unsigned flags, bf_error *err);
/* Only the recording (program bookkeeping: needs no login, not audited; in
 * the caller's transaction when one is open). */
int bf_store_outdir_note(bf_db *db, const char *target, bf_error *err);
/* Remove leftover temporaries of ours from every recorded folder
 * (bf_outfile_sweep); *removed gets how many. Done by bf_store_open and by
 * `bangfu check`. A folder that is not there now (a stick) is skipped. */
int bf_store_outdir_sweep(bf_db *db, int *removed, bf_error *err);

#endif
