/* district_store.h — the district's side (a database made with `bangfu init
 * --district-mode`): importing units' submission packages, the consolidated
 * list with duplicates across units, the district's decisions, the reply
 * packages back to the units, and summaries. Storage layer.
 *
 * Permissions: importing needs "district_import", decisions
 * "district_decide", replies and summaries "consolidate". Functions that can
 * refuse return 1 with err in the user's words, -1 on a database error, 0
 * when done. */
#ifndef BANGFU_DISTRICT_STORE_H
#define BANGFU_DISTRICT_STORE_H

#include "bangfu/db.h"
#include "bangfu/package.h"
#include "bangfu/progress.h"

/* Registers the SQL function the consolidated list's search uses
 * (bf_in_set): on every connection, by bf_db_open. */
void bf_dist_register(bf_db *db);

/* ---- import ------------------------------------------------------------------------- */

struct bf_import_result {
	enum bf_pkg_result verdict; /* BF_PKG_OK, or why it was refused */
	bool already;               /* this very file was imported before: nothing changed */
	bool superseded;            /* it replaced an older revision of the same batch */
	/* accepted without the unit's registered key having signed it (unsigned
	 * or no key registered: only when the setting require_signature is 0) */
	bool unverified;
	int old_revision;
	struct bf_pkg_header header;
	size_t n_cases;
	size_t added, removed, changed, unchanged; /* against the revision it replaced */
	/* the differences, one line each ("+ 2026-0003 张三", "- 2026-0004 李四",
	 * "~ 2026-0005 王五: amount, members"), "\n"-separated, malloc'd (may
	 * be NULL) */
	char *diff;
	size_t n_duplicates; /* persons of this package found in other units' files */
	/* the unit said it restored a backup (restored-from-backup: yes) while the
	 * district held a head from it: accepted without the chain check, with a
	 * warning (the package's audit row records it); held_* is what the
	 * district held before (held_rows 0: nothing) */
	bool restored;
	char held_head[65];
	int64_t held_rows;
};
void bf_import_result_free(struct bf_import_result *r);
/* The warning shown (screen and command line) for r->restored, into out. */
void bf_import_restored_warning(const struct bf_import_result *r, char *out, size_t n);

/* Verify the whole package before writing anything (envelope, registered
 * key of the unit unless the setting require_signature is 0, content; a
 * signature by a key other than the one registered is refused always), then
 * in one transaction: record the package, its unit, its cases and persons.
 * A revision older than one already imported is refused; the same file
 * twice changes nothing (r->already). A newer revision replaces the
 * batch's cases: decisions on unchanged files are kept, changed files go
 * back to pending, and files no longer in the batch leave the list.
 * The unit's audit chain must extend the one the district holds from its
 * last accepted package: the header's audit-prev (the hash of the row at
 * audit-prev-rows) must be the head held at that row count, and the row
 * count must not go backwards; a package that says restored-from-backup is
 * accepted without it (r->restored). The head and count then held are the
 * package's.
 * Refused (returns 1, r->verdict and err say why) on anything wrong. */
int bf_district_import(bf_db *db, const char *buf, size_t len, struct bf_import_result *r,
                       bf_error *err);
/* The same, telling progress (may be NULL) the files written so far of the
 * package's; when it says stop, nothing is imported (-1, err says so). */
int bf_district_import_progress(bf_db *db, const char *buf, size_t len, struct bf_import_result *r,
                                bf_progress_fn progress, void *ud, bf_error *err);
/* Several packages, all or nothing: every one verified, then all imported
 * in one transaction (in the order given: a later revision of a batch after
 * an earlier one), so a refusal of any, those only the database can make
 * included (a revision older than one imported, an unknown unit's key),
 * imports none of them. r[i] is package i's result (free each with
 * bf_import_result_free); *refused is the index of the package refused, n
 * when none was or the refusal is not one package's (no permission). Returns
 * as bf_district_import. */
int bf_district_import_many(bf_db *db, const char *const *bufs, const size_t *lens, size_t n,
                            struct bf_import_result *r, size_t *refused, bf_error *err);
/* The same, telling progress (may be NULL) the files written so far of all
 * the packages'; when it says stop, none is imported (-1, err says so). */
int bf_district_import_many_progress(bf_db *db, const char *const *bufs, const size_t *lens,
                                     size_t n, struct bf_import_result *r, size_t *refused,
                                     bf_progress_fn progress, void *ud, bf_error *err);

/* ---- consolidation ---------------------------------------------------------------- */

struct bf_dist_filter {
	const char *unit_code; /* NULL/"" = all */
	int category;          /* 0 = all */
	const char *decision;  /* NULL/"" = all; pending, accept, return */
	bool duplicates_only;
	/* NULL/"" = all; else any part of the file's number, of the
	 * employee's name or of the digits the ID mask shows, the beginning of
	 * a member's name, or a member's whole ID number */
	const char *text;
};

struct bf_dist_case {
	int64_t id;
	char unit_code[32], unit_name[128];
	char batch[32];
	char number[32];
	char name[64];
	char id_number[24]; /* full: mask before showing */
	char department[128];
	int category;
	bf_fen amount;
	bf_fen per_capita;
	int household_size;
	char decision[12]; /* pending, accept, return */
	bf_fen final_amount;
	char reason[512];
	char back_to[24];
	char decided_at[32], decided_by[64];
	int n_duplicates; /* other files (any unit) sharing an ID number with this one */
};

/* Sorted by unit, then number. *out malloc'd. */
int bf_dist_list(bf_db *db, const struct bf_dist_filter *f, struct bf_dist_case **out, size_t *n,
                 bf_error *err);
int bf_dist_case_load(bf_db *db, int64_t id, struct bf_dist_case *c, char **json, bf_error *err);

/* The consolidated list a screen at a time (issue 17): what it costs is
 * what is shown, not the size of the district.
 *
 * The count and the totals of the files matching f, in one pass over an
 * index (schema 028): a screen asks once per filter. */
struct bf_dist_totals {
	size_t n, n_pending, n_accepted, n_returned;
	bf_fen proposed; /* the units' proposed amounts */
	bf_fen accepted; /* the final amounts of the accepted files */
};
int bf_dist_totals(bf_db *db, const struct bf_dist_filter *f, struct bf_dist_totals *t,
                   bf_error *err);
/* The width of the longest file number imported (at least 9, "2026-0001";
 * the units' allocators make "2026-10000" and longer): one pass over the
 * narrow (unit, number) index, for the list's Number column. */
int bf_dist_number_width(bf_db *db, int *width, bf_error *err);
/* c's part of the totals added to t (sign 1) or taken away (sign -1): a
 * decision changes one file's part, not the others'. */
void bf_dist_totals_add(struct bf_dist_totals *t, const struct bf_dist_case *c, int sign);
/* Keyset paging in the list's order (unit, then number), as bf_case_page
 * (case_query.h): up to limit rows from the first when anchor is 0, else
 * after file `anchor` (from it on with BF_PAGE_INCLUSIVE; the limit rows
 * before it with BF_PAGE_BACKWARD, before the end when anchor is 0),
 * written in the list's order. The anchor need not match f any more (a
 * decision may have taken it out), only still be there: BF_PAGE_GONE
 * (rows untouched) when it is not. Never OFFSET. */
int bf_dist_page(bf_db *db, const struct bf_dist_filter *f, int64_t anchor, unsigned flags,
                 int limit, struct bf_dist_case *rows, int *n, bf_error *err);
/* Whether file id matches f (one lookup by its key). */
int bf_dist_matches(bf_db *db, const struct bf_dist_filter *f, int64_t id, bool *match,
                    bf_error *err);

/* A duplicate: the same ID number in two files (as employee or member). */
struct bf_dist_dup {
	char id_number[24];
	int64_t case_a, case_b;
	char unit_a[32], number_a[32], person_a[64], relation_a[24];
	char unit_b[32], number_b[32], person_b[64], relation_b[24];
	bool same_unit;
};
/* All duplicate pairs (case_id 0), or those involving one case. */
int bf_dist_duplicates(bf_db *db, int64_t case_id, struct bf_dist_dup **out, size_t *n,
                       bf_error *err);

/* ---- decisions ---------------------------------------------------------------------- */

/* decision "accept" (amount: the final amount, 0 = the proposed one) or
 * "return" (reason and back_to required), or "pending" to undo a decision
 * not yet sent in a reply. */
int bf_dist_decide(bf_db *db, int64_t case_id, const char *decision, bf_fen amount,
                   const char *reason, const char *back_to, bf_error *err);

/* ---- replies ------------------------------------------------------------------------ */

/* The reply package for one unit: every decided file of that unit (accept
 * or return), signed with the district's key. Marks them replied. *out
 * malloc'd; *n_decisions (may be NULL) the count. Refused when the unit has
 * no decided file. */
int bf_dist_reply(bf_db *db, const char *unit_code, char **out, size_t *len, size_t *n_decisions,
                  bf_error *err);

/* ---- attachment 1 ------------------------------------------------------------------ */

/* The content of one unit's batch as imported (batch NULL or "": the unit's
 * newest), parsed as the package's (package.h): attachment 1, with full ID,
 * bank and phone numbers, is the district's to make from it (the unit's
 * stick carries only the sealed package). Needs "consolidate" and
 * "export_full". Free s with bf_pkg_submission_free. */
int bf_dist_batch_content(bf_db *db, const char *unit_code, const char *batch,
                          struct bf_pkg_submission *s, bf_error *err);

/* ---- units and summaries ------------------------------------------------------------ */

struct bf_dist_unit {
	char code[32], name[128];
	char contact[64], phone[24];
	bool key_registered;
	size_t n_packages;
	char last_batch[32];
	int last_revision;
	char last_imported[32];
	size_t n_cases, n_pending, n_accepted, n_returned;
};
int bf_dist_units(bf_db *db, struct bf_dist_unit **out, size_t *n, bf_error *err);

/* Counts and amounts by unit and category (1..5): proposed and, for
 * accepted files, final. Sorted by unit; each unit's category rows are
 * followed by its total line. Needs "consolidate". */
struct bf_dist_summary_row {
	char unit_code[32], unit_name[128];
	int category; /* 0 = the unit's total line */
	size_t n_cases, n_accepted, n_returned, n_pending;
	bf_fen proposed, final;
};
int bf_dist_summary(bf_db *db, struct bf_dist_summary_row **out, size_t *n, bf_error *err);

#endif
