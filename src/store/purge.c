/* purge.c — closed files past the retention period leave the database. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/coldesc.h"
#include "bangfu/purge.h"
#include "bangfu/store.h"

static void cutoff_date(bf_db *db, bf_date today, char out[11], int64_t *years)
{
	int64_t y = bf_setting_int(db, "retention_years", BF_RETENTION_YEARS_DEFAULT);
	if (y < 1)
		y = 1;
	if (y > 100)
		y = 100;
	*years = y;
	int ty, tm, td;
	bf_date_to_ymd(today, &ty, &tm, &td);
	int cy = ty - (int)y;
	if (cy < 1900)
		cy = 1900;
	if (!bf_ymd_valid(cy, tm, td)) /* 29 February */
		td = 28;
	bf_date_format(bf_date_from_ymd(cy, tm, td), out);
}

/* The day before which a new-case draft was last saved to be due. */
static void draft_cutoff(bf_db *db, bf_date today, char out[11])
{
	int64_t days = bf_setting_int(db, "draft_purge_days", BF_DRAFT_PURGE_DAYS_DEFAULT);
	if (days < 1)
		days = 1;
	if (days > 36500)
		days = 36500;
	bf_date_format(today - (bf_date)days, out);
}

/* A candidate as struct bf_purge_candidate holds it (coldesc.h): the file,
 * its number ("unit:number" at a district) and the day it was closed. */
#define PC(col, kind, member) BF_COL(col, kind, struct bf_purge_candidate, member, BF_COL_RO)
static const struct bf_col candidate_cols[] = {
    PC("c.id", BF_FIELD_NUM, case_id),
    PC("c.number", BF_FIELD_TEXT, number),
    PC("closed_on", BF_FIELD_TEXT, closed_on),
};
#undef PC
static const struct bf_table candidate_table = BF_TABLE("case_file", candidate_cols);

/* Inside or outside a transaction. A unit's closed files; a district's
 * consolidated files, by the day they were decided (else imported). */
static int load_candidates(bf_db *db, const char *cutoff, struct bf_purge_candidate **out,
                           size_t *n)
{
	*out = NULL;
	*n = 0;
	bf_stmt st;
	if (bf_db_prepare(
	        db, &st,
	        bf_store_is_district(db)
	            ? "SELECT c.id, c.unit_code || ':' || c.number, substr(coalesce(c.decided_at,"
	              " p.imported_at), 1, 10) AS closed_on FROM dist_case c JOIN dist_package p"
	              " ON p.id = c.package_id WHERE closed_on < :cutoff"
	              " ORDER BY closed_on, c.unit_code, c.number"
	            : "SELECT c.id, c.number, substr(coalesce((SELECT max(t.at) FROM"
	              " case_transition t WHERE t.case_id = c.id AND t.to_status = 'closed'),"
	              " c.updated_at), 1, 10) AS closed_on"
	              " FROM case_file c WHERE c.status = 'closed' AND closed_on < :cutoff"
	              " AND c.id NOT IN (SELECT case_id FROM purged_case)" /* tombstones */
	              " ORDER BY closed_on, c.number") != 0)
		return -1;
	if (bf_bind_text(&st, ":cutoff", cutoff) != 0) {
		bf_finalize(&st);
		return -1;
	}
	return bf_table_rows(db, &st, &candidate_table, sizeof **out, NULL, out, n, NULL);
}

int bf_purge_candidates(bf_db *db, bf_date today, struct bf_purge_candidate **out, size_t *n,
                        char cutoff[11], bf_error *err)
{
	*out = NULL;
	*n = 0;
	if (bf_store_require(db, BF_PERM_PURGE, err) != 0)
		return -1;
	char cut[11];
	int64_t years;
	cutoff_date(db, today, cut, &years);
	if (cutoff)
		memcpy(cutoff, cut, sizeof cut);
	if (load_candidates(db, cut, out, n) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

int bf_purge_drafts_due(bf_db *db, bf_date today, int64_t *n, char cutoff[11], bf_error *err)
{
	*n = 0;
	if (bf_store_require(db, BF_PERM_PURGE, err) != 0)
		return -1;
	char cut[11];
	draft_cutoff(db, today, cut);
	if (cutoff)
		memcpy(cutoff, cut, sizeof cut);
	bf_stmt st;
	int rc = bf_db_prepare(db, &st,
	                       "SELECT count(*) FROM draft WHERE case_id = 0 AND saved_at < :c");
	if (rc == 0 && bf_bind_text(&st, ":c", cut) == 0 && bf_step(&st) == SQLITE_ROW)
		*n = bf_col_int(&st, 0);
	else
		rc = -1;
	bf_finalize(&st);
	if (rc != 0)
		bf_db_error(db, err);
	return rc;
}

static int exec_bound(bf_db *db, const char *sql, const char *name, int64_t v)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0)
		return -1;
	int rc = bf_bind_int(&st, name, v);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	return rc;
}

/* The files of purge p that consolation, payment or campaign rows refer to
 * come back as tombstones (number, year, closed; no personal value), and
 * those rows keep date, amount, campaign and group but lose every personal
 * field. Their audit rows are blanked with the files' (the updates' too). */
static int keep_ledger(bf_db *db, int64_t p)
{
	static const char *const sql[] = {
	    "INSERT INTO case_file (id, number, year, status, name, created_at, created_by,"
	    " updated_at, updated_by) SELECT c.case_id, c.number,"
	    " CAST(substr(c.number, 1, 4) AS INTEGER), 'closed', '" BF_PURGED_MARK "',"
	    " bf_now(), bf_actor(), bf_now(), bf_actor() FROM purged_case c"
	    " WHERE c.purge_id = :p AND (EXISTS (SELECT 1 FROM consolation k"
	    " WHERE k.case_id = c.case_id) OR EXISTS (SELECT 1 FROM payment y"
	    " WHERE y.case_id = c.case_id) OR EXISTS (SELECT 1 FROM campaign_recipient r"
	    " WHERE r.case_id = c.case_id))",
	    "UPDATE payment SET payee = '" BF_PURGED_MARK "', signer = '" BF_PURGED_MARK "',"
	    " phone = '" BF_PURGED_MARK "' WHERE case_id IN"
	    " (SELECT case_id FROM purged_case WHERE purge_id = :p)",
	    "UPDATE consolation SET member = NULL, relation = NULL, note = NULL,"
	    " discretion = CASE WHEN discretion IS NULL THEN NULL ELSE '" BF_PURGED_MARK "' END,"
	    " decision_reason = CASE WHEN decision_reason IS NULL THEN NULL"
	    " ELSE '" BF_PURGED_MARK "' END"
	    " WHERE case_id IN (SELECT case_id FROM purged_case WHERE purge_id = :p)",
	    "UPDATE campaign_recipient SET name = '" BF_PURGED_MARK "', id_number = NULL,"
	    " id_bidx = NULL, id_mask = NULL, community = NULL,"
	    " exclusion_note = CASE WHEN exclusion_note IS NULL THEN NULL"
	    " ELSE '" BF_PURGED_MARK "' END,"
	    " add_back_reason = CASE WHEN add_back_reason IS NULL THEN NULL"
	    " ELSE '" BF_PURGED_MARK "' END,"
	    " not_paid_reason = CASE WHEN not_paid_reason IS NULL THEN NULL"
	    " ELSE '" BF_PURGED_MARK "' END"
	    " WHERE case_id IN (SELECT case_id FROM purged_case WHERE purge_id = :p)",
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(sql); i++)
		if (exec_bound(db, sql[i], ":p", p) != 0)
			return -1;
	return 0;
}

/* The spot checks of purge p's campaign rows: the reviewer's note about the
 * household and, where the sample was drawn by community, its community
 * become the mark. Each such row is listed in purged_row for blank_listed
 * (schema/025_purged_row.sql): their audit rows carry no case_id. */
static int purge_spotchecks(bf_db *db, int64_t p)
{
	static const char *const sql[] = {
	    "UPDATE spotcheck_item SET problem = CASE WHEN problem IS NULL THEN NULL"
	    " ELSE '" BF_PURGED_MARK "' END,"
	    " place = CASE WHEN place <> '' AND (SELECT d.place_by FROM spotcheck_draw d"
	    " WHERE d.id = draw_id) = 'community' THEN '" BF_PURGED_MARK "' ELSE place END"
	    " WHERE recipient_id IN (SELECT r.id FROM campaign_recipient r JOIN purged_case c"
	    " ON c.case_id = r.case_id WHERE c.purge_id = :p)",
	    "INSERT INTO purged_row (tbl, row_id, audit_upto, purge_id)"
	    " SELECT 'spotcheck_item', i.id, (SELECT max(id) FROM audit_log), :p"
	    " FROM spotcheck_item i WHERE i.recipient_id IN (SELECT r.id FROM"
	    " campaign_recipient r JOIN purged_case c ON c.case_id = r.case_id"
	    " WHERE c.purge_id = :p) ORDER BY i.id",
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(sql); i++)
		if (exec_bound(db, sql[i], ":p", p) != 0)
			return -1;
	return 0;
}

/* A district's purged files (purge p), listed in purged_row after their
 * deletion, with the last audit row written: the deletion's. */
static int list_dist_cases(bf_db *db, int64_t p, const struct bf_purge_candidate *cand, size_t n)
{
	int64_t upto = 0;
	bf_stmt st;
	if (bf_db_int(db, "SELECT coalesce(max(id), 0) FROM audit_log", &upto) != 0 ||
	    bf_db_prepare(db, &st,
	                  "INSERT INTO purged_row (tbl, row_id, audit_upto, purge_id)"
	                  " VALUES ('dist_case', :id, :upto, :p)") != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = bf_bind_int(&st, ":id", cand[i].case_id) || bf_bind_int(&st, ":upto", upto) ||
		     bf_bind_int(&st, ":p", p);
		if (rc == 0 && bf_step(&st) != SQLITE_DONE)
			rc = -1;
		bf_reset(&st);
	}
	bf_finalize(&st);
	return rc;
}

/* The audit rows of the rows purge p listed in purged_row, up to the last
 * one written before each was listed: their detail blanked and its salt
 * dropped, as a purged file's (the triggers allow it for these rows only,
 * and only inside the purge). *blanked counts them. */
static int blank_listed(bf_db *db, int64_t p, int64_t *blanked)
{
#define LISTED                                                                        \
	" EXISTS (SELECT 1 FROM purged_row r WHERE r.purge_id = :p AND r.tbl = a.tbl" \
	" AND r.row_id = a.row_id AND a.id <= r.audit_upto)"
	bool was = db->purging;
	db->purging = true;
	int rc =
	    exec_bound(db,
	               "UPDATE audit_log AS a SET detail = '{\"purged\":true}',"
	               " detail_sealed = NULL WHERE a.detail <> '{\"purged\":true}' AND" LISTED,
	               ":p", p);
	if (rc == 0)
		*blanked += sqlite3_changes64(db->h);
	if (rc == 0)
		rc =
		    exec_bound(db,
		               "UPDATE audit_chain SET salt = NULL WHERE salt IS NOT NULL AND id IN"
		               " (SELECT a.id FROM audit_log a WHERE" LISTED ")",
		               ":p", p);
	db->purging = was;
	return rc;
#undef LISTED
}

void bf_purged_show(char *buf, size_t n)
{
	if (!strcmp(buf, BF_PURGED_MARK))
		bf_strlcpy(buf, _("(purged)"), n);
}

/* After the deletes (foreign keys deferred): tables whose rows still refer
 * to a deleted file. */
static int dangling(bf_db *db, char *tables, size_t n)
{
	tables[0] = '\0';
	bf_stmt st;
	if (bf_db_prepare(db, &st, "PRAGMA foreign_key_check") != 0)
		return -1;
	int rc, found = 0;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		const char *t = bf_col_text(&st, 0);
		char key[80];
		snprintf(key, sizeof key, "%s, ", t);
		if (strstr(tables, key))
			continue;
		strncat(tables, key, n - strlen(tables) - 1);
		found++;
	}
	bf_finalize(&st);
	size_t len = strlen(tables);
	if (len >= 2)
		tables[len - 2] = '\0';
	return rc == SQLITE_DONE ? found : -1;
}

/* A district's consolidated files: the files and their persons go (the
 * cases' audit rows name no person: unit, number, decision), and the
 * publicity result reports of the packages imported before the cutoff that
 * no file refers to any more. */
static int purge_district(bf_db *db, const char *cutoff, const struct bf_purge_candidate *cand,
                          size_t n)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, "DELETE FROM dist_case WHERE id = :id") != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = bf_bind_int(&st, ":id", cand[i].case_id);
		if (rc == 0 && bf_step(&st) != SQLITE_DONE)
			rc = -1;
		bf_reset(&st);
	}
	bf_finalize(&st);
	if (rc != 0)
		return -1;
	if (bf_db_prepare(db, &st,
	                  "UPDATE dist_package SET reports = NULL WHERE reports IS NOT NULL"
	                  " AND imported_at < :c AND NOT EXISTS (SELECT 1 FROM dist_case c"
	                  " WHERE c.package_id = dist_package.id)") != 0)
		return -1;
	rc = bf_bind_text(&st, ":c", cutoff);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	return rc;
}

/* Copy the WAL back into the file and empty it: the deleted text was in the
 * file's pages and the WAL's older frames. When a reader keeps it from
 * finishing, say where the text still is and leave a note for the next
 * start (purge_pending). */
static void checkpoint_after(bf_db *db, struct bf_purge_result *res)
{
	bool main = false, wal = false;
	int rc = bf_db_checkpoint_now(db, &main, &wal);
	res->checkpointed = rc == 0;
	if (rc != 1)
		return;
	res->left_in_main = main;
	res->left_in_wal = wal;
	if (bf_db_begin(db) != 0)
		return;
	if (bf_db_exec(
	        db, "INSERT OR REPLACE INTO purge_pending (id, since) VALUES (1, bf_now())") != 0 ||
	    bf_db_commit(db) != 0)
		bf_db_rollback(db);
}

int bf_purge_finish_pending(bf_db *db, bf_error *err)
{
	int64_t n = 0;
	if (bf_db_int(db, "SELECT count(*) FROM purge_pending", &n) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (n == 0)
		return 0;
	bool main, wal;
	int rc = bf_db_checkpoint_now(db, &main, &wal);
	if (rc != 0) {
		if (rc < 0)
			bf_db_error(db, err);
		return rc;
	}
	if (bf_db_begin(db) != 0 || bf_db_exec(db, "DELETE FROM purge_pending") != 0 ||
	    bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		bf_db_rollback(db);
		return -1;
	}
	return 0;
}

int bf_purge_run(bf_db *db, bf_date today, struct bf_purge_result *res, bf_error *err)
{
	return bf_purge_run_progress(db, today, res, NULL, NULL, err);
}

/* progress, if any, told that step of the purge's steps is done */
static void step_done(bf_progress_fn progress, void *ud, size_t step)
{
	if (progress)
		progress(ud, step, BF_PURGE_STEPS);
}

int bf_purge_run_progress(bf_db *db, bf_date today, struct bf_purge_result *res,
                          bf_progress_fn progress, void *ud, bf_error *err)
{
	memset(res, 0, sizeof *res);
	if (bf_store_require(db, BF_PERM_PURGE, err) != 0)
		return -1;
	int64_t years;
	cutoff_date(db, today, res->cutoff, &years);
	draft_cutoff(db, today, res->draft_cutoff);
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	struct bf_purge_candidate *cand = NULL;
	size_t n = 0;
	bf_stmt st;
	if (load_candidates(db, res->cutoff, &cand, &n) != 0)
		goto fail;
	/* new-case drafts nobody came back to (not audited: scratch) */
	if (bf_db_prepare(db, &st, "DELETE FROM draft WHERE case_id = 0 AND saved_at < :c") != 0)
		goto fail;
	int drc = bf_bind_text(&st, ":c", res->draft_cutoff);
	if (drc == 0 && bf_step(&st) != SQLITE_DONE)
		drc = -1;
	bf_finalize(&st);
	if (drc != 0)
		goto fail;
	res->drafts = sqlite3_changes64(db->h);
	if (n == 0 && res->drafts == 0) {
		bf_db_rollback(db);
		return 0;
	}
	if (n == 0)
		goto commit;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO purge_run (at, actor, cutoff, retention_years, cases)"
	                  " VALUES (bf_now(), bf_actor(), :cutoff, :years, :n)") != 0)
		goto fail;
	int rc = bf_bind_text(&st, ":cutoff", res->cutoff) || bf_bind_int(&st, ":years", years) ||
	         bf_bind_int(&st, ":n", (int64_t)n);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	if (rc != 0)
		goto fail;
	int64_t purge_id = sqlite3_last_insert_rowid(db->h);
	if (bf_store_is_district(db)) {
		if (purge_district(db, res->cutoff, cand, n) != 0 ||
		    list_dist_cases(db, purge_id, cand, n) != 0 ||
		    blank_listed(db, purge_id, &res->audit_rows) != 0)
			goto fail;
		goto commit;
	}
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO purged_case (case_id, number, closed_on, purge_id)"
	                  " VALUES (:id, :number, :closed, :purge)") != 0)
		goto fail;
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = bf_bind_int(&st, ":id", cand[i].case_id) ||
		     bf_bind_text(&st, ":number", cand[i].number) ||
		     bf_bind_text_or_null(&st, ":closed", cand[i].closed_on) ||
		     bf_bind_int(&st, ":purge", purge_id);
		if (rc == 0 && bf_step(&st) != SQLITE_DONE)
			rc = -1;
		bf_reset(&st);
	}
	bf_finalize(&st);
	if (rc != 0)
		goto fail;
	step_done(progress, ud, 1);

	/* Members, causes, checklist and history go by ON DELETE CASCADE, drafts
	 * by a trigger; ledger rows keep a tombstone (keep_ledger). Anything else
	 * still pointing at the files is named. */
	if (bf_db_exec(db, "PRAGMA defer_foreign_keys = ON") != 0 ||
	    exec_bound(db,
	               "DELETE FROM case_file WHERE id IN"
	               " (SELECT case_id FROM purged_case WHERE purge_id = :p)",
	               ":p", purge_id) != 0)
		goto fail;
	/* Files with ledger rows stay as tombstones; those rows lose every
	 * personal field (schema/024_purge_ledger.sql). */
	db->purging = true;
	rc = keep_ledger(db, purge_id);
	if (rc == 0)
		rc = purge_spotchecks(db, purge_id);
	db->purging = false;
	if (rc != 0)
		goto fail;
	char tables[512];
	int nd = dangling(db, tables, sizeof tables);
	if (nd < 0)
		goto fail;
	if (nd > 0) {
		bf_db_rollback(db);
		free(cand);
		bf_error_set(err,
		             _("Nothing was purged: records in %s still refer to these files and "
		               "are kept longer."),
		             tables);
		return -1;
	}

	step_done(progress, ud, 2);
	/* The audit rows of these files: blank their detail and drop its salt
	 * (the only change the triggers allow, and only now). */
	db->purging = true;
	rc = exec_bound(db,
	                "UPDATE audit_log SET detail = '{\"purged\":true}', detail_sealed = NULL"
	                " WHERE case_id IN"
	                " (SELECT case_id FROM purged_case WHERE purge_id = :p)"
	                " AND detail <> '{\"purged\":true}'",
	                ":p", purge_id);
	res->audit_rows = rc == 0 ? sqlite3_changes64(db->h) : 0;
	if (rc == 0)
		rc =
		    exec_bound(db,
		               "UPDATE audit_chain SET salt = NULL WHERE salt IS NOT NULL AND id IN"
		               " (SELECT id FROM audit_log WHERE case_id IN"
		               " (SELECT case_id FROM purged_case WHERE purge_id = :p))",
		               ":p", purge_id);
	if (rc == 0)
		rc = blank_listed(db, purge_id, &res->audit_rows);
	db->purging = false;
	if (rc != 0)
		goto fail;
commit:
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		free(cand);
		return -1;
	}
	free(cand);
	res->cases = (int64_t)n;
	step_done(progress, ud, 3);
	checkpoint_after(db, res);
	step_done(progress, ud, 4);
	return 0;
fail:
	db->purging = false;
	bf_db_error(db, err);
	bf_db_rollback(db);
	free(cand);
	return -1;
}
