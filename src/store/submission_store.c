/* submission_store.c — the unit's side of the submission to the district
 * union (submission_store.h): batches, exporting a batch as a signed
 * package with its attachments, and importing the district's reply. The
 * keys are keys.c's. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "bangfu/holiday_store.h"
#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/code.h"
#include "bangfu/coldesc.h"
#include "bangfu/jsonw.h"
#include "bangfu/money.h"
#include "bangfu/perm.h"
#include "bangfu/print_publicity.h"
#include "bangfu/publicity_store.h"
#include "bangfu/store.h"
#include "bangfu/submission.h"
#include "bangfu/submission_store.h"
#include "bangfu/workflow_store.h"

/* bf_store_require, with a refusal as 1 (the words are in err). */
static int require(bf_db *db, enum bf_perm perm, bf_error *err)
{
	return bf_store_require(db, perm, err) == 0 ? 0 : 1;
}

static int need_actor(bf_db *db, bf_error *err)
{
	if (!db->actor[0]) {
		bf_error_set(err, "%s", _("no operator set: every change records who made it"));
		return -1;
	}
	return 0;
}

/* Roll back and hand back ret (err already set, or taken from the db). */
static int fail_txn(bf_db *db, int ret, bf_error *err)
{
	if (ret < 0 && !err->msg[0])
		bf_db_error(db, err);
	bf_db_rollback(db);
	return ret;
}

static int commit(bf_db *db, bf_error *err)
{
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		bf_db_rollback(db);
		return -1;
	}
	return 0;
}

/* ---- batches ------------------------------------------------------------------------- */

#define BATCH_COLS                                                                         \
	"SELECT b.id, b.number, b.revision, b.status, b.note, b.created_at, b.created_by," \
	" b.exported_at, b.exported_by, b.package_sha256,"                                 \
	" (SELECT count(*) FROM submission_case s WHERE s.batch_id = b.id),"               \
	" (SELECT coalesce(sum((SELECT r.amount FROM review r WHERE r.case_id = s.case_id" \
	"   AND r.decision = 'approve' ORDER BY r.id DESC LIMIT 1)), 0)"                   \
	"   FROM submission_case s WHERE s.batch_id = b.id)"                               \
	" FROM submission_batch b"

/* BATCH_COLS as struct bf_batch holds them (coldesc.h) */
#define SB(kind, member) kind(struct bf_batch, member)
static const struct bf_field batch_fields[] = {
    SB(BF_NUM, id),           SB(BF_TEXT, number),
    SB(BF_NUM, revision),     SB(BF_TEXT, status),
    SB(BF_TEXT, note),        SB(BF_TEXT, created_at),
    SB(BF_TEXT, created_by),  SB(BF_TEXT, exported_at),
    SB(BF_TEXT, exported_by), SB(BF_TEXT, package_sha256),
    SB(BF_NUM, n_cases),      SB(BF_NUM, total)};
#undef SB

static void read_batch(bf_stmt *st, struct bf_batch *b)
{
	memset(b, 0, sizeof *b);
	bf_fields_read(st, batch_fields, BF_ARRAY_LEN(batch_fields), b);
}

int bf_batch_list(bf_db *db, struct bf_batch **out, size_t *n, bf_error *err)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st, BATCH_COLS " ORDER BY b.id DESC") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		if (!bf_grow(out, &cap, *n + 1, sizeof **out)) {
			rc = SQLITE_NOMEM;
			break;
		}
		read_batch(&st, &(*out)[(*n)++]);
	}
	return bf_rows_end(db, &st, rc, out, n, err);
}

int bf_batch_load(bf_db *db, int64_t id, const char *number, struct bf_batch *b, bf_error *err)
{
	memset(b, 0, sizeof *b);
	bf_stmt st;
	int rc = bf_db_prepare(
	    db, &st, number ? BATCH_COLS " WHERE b.number = :k" : BATCH_COLS " WHERE b.id = :k");
	if (rc == 0) {
		char key[32];
		bf_strlcpy(key, number ? number : "", sizeof key);
		rc = number ? bf_bind_text(&st, ":k", bf_trim(key)) : bf_bind_int(&st, ":k", id);
	}
	if (rc != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		read_batch(&st, b);
	else if (rc != SQLITE_DONE)
		bf_db_error(db, err);
	bf_finalize(&st);
	if (rc == SQLITE_DONE) {
		if (number)
			bf_error_set(err, _("There is no batch %s."), number);
		else
			bf_error_set(err, _("There is no batch with id %lld."), (long long)id);
		return 1;
	}
	return rc == SQLITE_ROW ? 0 : -1;
}

#define CASE_COLS                                                                              \
	"SELECT c.id, c.number, c.name, c.id_mask, c.department, c.status, r.category,"        \
	" r.amount, (SELECT CASE WHEN d.decision = 'accept' THEN d.amount END"                 \
	"   FROM district_decision d WHERE d.case_id = c.id ORDER BY d.id DESC LIMIT 1)"       \
	" FROM case_file c"                                                                    \
	" LEFT JOIN review r ON r.id = (SELECT max(x.id) FROM review x WHERE x.case_id = c.id" \
	"   AND x.decision = 'approve')"

/* a batch's files' columns as struct bf_batch_case holds them */
#define SC(kind, member) kind(struct bf_batch_case, member)
static const struct bf_field batch_case_fields[] = {
    SC(BF_NUM, case_id),    SC(BF_TEXT, number),     SC(BF_TEXT, name),
    SC(BF_TEXT, id_number), SC(BF_TEXT, department), SC(BF_TEXT, status),
    SC(BF_NUM, category),   SC(BF_NUM, amount),      SC(BF_NUM, accepted)};
#undef SC

static int read_cases(bf_db *db, const char *sql, int64_t batch_id, struct bf_batch_case **out,
                      size_t *n, bf_error *err)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0 || (batch_id && bf_bind_int(&st, ":b", batch_id))) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		struct bf_batch_case *c = bf_push(out, &cap, n, sizeof **out);
		if (!c) {
			rc = SQLITE_NOMEM;
			break;
		}
		bf_fields_read(&st, batch_case_fields, BF_ARRAY_LEN(batch_case_fields), c);
	}
	return bf_rows_end(db, &st, rc, out, n, err);
}

int bf_batch_cases(bf_db *db, int64_t batch_id, struct bf_batch_case **out, size_t *n,
                   bf_error *err)
{
	return read_cases(db,
	                  CASE_COLS " JOIN submission_case s ON s.case_id = c.id"
	                            " WHERE s.batch_id = :b ORDER BY c.year, c.number",
	                  batch_id, out, n, err);
}

int bf_batch_candidates(bf_db *db, struct bf_batch_case **out, size_t *n, bf_error *err)
{
	/* in no batch of this year (a batch takes this year's number) */
	int y;
	bf_date_to_ymd(bf_date_today(), &y, NULL, NULL);
	return read_cases(db,
	                  CASE_COLS " WHERE c.status = 'publicity_passed' AND NOT EXISTS"
	                            " (SELECT 1 FROM submission_case s JOIN submission_batch b"
	                            " ON b.id = s.batch_id WHERE s.case_id = c.id"
	                            " AND CAST(substr(b.number, 1, 4) AS INTEGER) = :b)"
	                            " ORDER BY c.year, c.number",
	                  y, out, n, err);
}

/* The file's number and stored status: 0, 1 no such file, -1 error. */
static int case_status(bf_db *db, int64_t case_id, char number[32], char status[24])
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT number, status FROM case_file WHERE id = :c") != 0)
		return -1;
	if (bf_bind_int(&st, ":c", case_id) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		bf_col_copy(&st, 0, number, 32);
		bf_col_copy(&st, 1, status, 24);
	}
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

/* The batch of the year of batch_number ("YYYY-NN") holding the file: 0
 * (number and id filled), 1 none, -1 error. A file goes in one batch a
 * year: next year's renewal of an aided file goes in a batch of its own. */
static int batch_of(bf_db *db, int64_t case_id, const char *batch_number, int64_t *batch_id,
                    char number[16])
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT b.id, b.number FROM submission_case s"
	                  " JOIN submission_batch b ON b.id = s.batch_id WHERE s.case_id = :c"
	                  " AND substr(b.number, 1, 5) = substr(:n, 1, 5)") != 0)
		return -1;
	if (bf_bind_int(&st, ":c", case_id) != 0 || bf_bind_text(&st, ":n", batch_number) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		*batch_id = bf_col_int(&st, 0);
		bf_col_copy(&st, 1, number, 16);
	}
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

static int batch_number_of(bf_db *db, int64_t batch_id, char number[16])
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT number FROM submission_batch WHERE id = :b") != 0)
		return -1;
	int rc = bf_bind_int(&st, ":b", batch_id) == 0 ? bf_step(&st) : -1;
	if (rc == SQLITE_ROW)
		bf_col_copy(&st, 0, number, 16);
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Put one file in the batch, checking the rules: 0, 1 refused, -1 error. */
static int add_in_txn(bf_db *db, int64_t batch_id, int64_t case_id, bf_error *err)
{
	char number[32] = "", status[24] = "";
	int rc = case_status(db, case_id, number, status);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		bf_error_set(err, _("There is no file with id %lld."), (long long)case_id);
		return 1;
	}
	char target[16] = "";
	if (batch_number_of(db, batch_id, target) != 0)
		return -1;
	int64_t in = 0;
	char in_number[16] = "";
	rc = batch_of(db, case_id, target, &in, in_number);
	if (rc < 0)
		return -1;
	if (rc == 0 && in == batch_id)
		return 0; /* already there */
	if (rc == 0) {
		bf_error_set(err,
		             _("File %s is already in batch %s: a file goes in one batch a year."),
		             number, in_number);
		return 1;
	}
	if (strcmp(status, "publicity_passed") != 0) {
		bf_error_set(err,
		             _("File %s is %s: only files that passed the publicity go into a "
		               "batch."),
		             number, bf_state_label_of(status));
		return 1;
	}
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO submission_case (batch_id, case_id) VALUES (:b, :c)") != 0)
		return -1;
	rc = bf_bind_int(&st, ":b", batch_id) || bf_bind_int(&st, ":c", case_id);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	return rc;
}

/* A batch changed after its export goes back to open: its next export is a
 * new revision. */
static int reopen(bf_db *db, int64_t batch_id)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "UPDATE submission_batch SET status = 'open' WHERE id = :b"
	                  " AND status <> 'open'") != 0)
		return -1;
	int rc = bf_bind_int(&st, ":b", batch_id);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	return rc;
}

static int next_number(bf_db *db, char out[16])
{
	int y, m, d;
	bf_date_to_ymd(bf_date_today(), &y, &m, &d);
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT coalesce(max(CAST(substr(number, 6) AS INTEGER)), 0)"
	                  " FROM submission_batch WHERE substr(number, 1, 5) = :y") != 0)
		return -1;
	char prefix[16];
	snprintf(prefix, sizeof prefix, "%04d-", y);
	if (bf_bind_text(&st, ":y", prefix) != 0 || bf_step(&st) != SQLITE_ROW) {
		bf_finalize(&st);
		return -1;
	}
	int next = (int)(bf_col_int(&st, 0) % 100000) + 1;
	bf_finalize(&st);
	snprintf(out, 16, "%04d-%02d", y % 10000, next);
	return 0;
}

int bf_batch_create(bf_db *db, const int64_t *case_ids, size_t n, const char *note, int64_t *id,
                    bf_error *err)
{
	bf_error_clear(err);
	if (require(db, BF_PERM_SUBMIT, err) != 0)
		return 1;
	if (need_actor(db, err) != 0)
		return -1;
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	struct bf_batch_case *cands = NULL;
	size_t nc = 0;
	int ret = -1;
	if (n == 0) {
		if (bf_batch_candidates(db, &cands, &nc, err) != 0)
			goto out;
		if (nc == 0) {
			bf_error_set(
			    err, "%s",
			    _("No file is waiting to be submitted: files go into a batch once "
			      "they have passed the publicity, and each in one batch only."));
			ret = 1;
			goto out;
		}
	}
	char number[16];
	if (next_number(db, number) != 0)
		goto out;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO submission_batch (number, note, created_at, created_by)"
	                  " VALUES (:n, :note, bf_now(), bf_actor())") != 0)
		goto out;
	char nt[256];
	bf_strlcpy(nt, note ? note : "", sizeof nt);
	int rc = bf_bind_text(&st, ":n", number) || bf_bind_text_or_null(&st, ":note", bf_trim(nt));
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	if (rc != 0)
		goto out;
	int64_t bid = sqlite3_last_insert_rowid(db->h);
	size_t count = n ? n : nc;
	for (size_t i = 0; i < count; i++) {
		rc = add_in_txn(db, bid, n ? case_ids[i] : cands[i].case_id, err);
		if (rc != 0) {
			ret = rc;
			goto out;
		}
	}
	if (commit(db, err) != 0) {
		free(cands);
		return -1;
	}
	free(cands);
	if (id)
		*id = bid;
	return 0;
out:
	free(cands);
	return fail_txn(db, ret, err);
}

int bf_batch_add(bf_db *db, int64_t batch_id, int64_t case_id, bf_error *err)
{
	bf_error_clear(err);
	if (require(db, BF_PERM_SUBMIT, err) != 0)
		return 1;
	if (need_actor(db, err) != 0)
		return -1;
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	struct bf_batch b;
	int rc = bf_batch_load(db, batch_id, NULL, &b, err);
	if (rc == 0)
		rc = add_in_txn(db, batch_id, case_id, err);
	if (rc == 0 && reopen(db, batch_id) != 0)
		rc = -1;
	if (rc != 0)
		return fail_txn(db, rc, err);
	return commit(db, err);
}

int bf_batch_remove(bf_db *db, int64_t batch_id, int64_t case_id, bf_error *err)
{
	bf_error_clear(err);
	if (require(db, BF_PERM_SUBMIT, err) != 0)
		return 1;
	if (need_actor(db, err) != 0)
		return -1;
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	struct bf_batch b;
	int rc = bf_batch_load(db, batch_id, NULL, &b, err);
	if (rc != 0)
		return fail_txn(db, rc, err);
	char number[32] = "", status[24] = "";
	rc = case_status(db, case_id, number, status);
	if (rc == 1)
		bf_error_set(err, _("There is no file with id %lld."), (long long)case_id);
	if (rc != 0)
		return fail_txn(db, rc, err);
	int64_t in = 0;
	char in_number[16] = "";
	rc = batch_of(db, case_id, b.number, &in, in_number);
	if (rc < 0)
		return fail_txn(db, -1, err);
	if (rc == 1 || in != batch_id) {
		bf_error_set(err, _("File %s is not in batch %s."), number, b.number);
		return fail_txn(db, 1, err);
	}
	if (!strcmp(status, "submitted") || !strcmp(status, "accepted") ||
	    !strcmp(status, "aided")) {
		bf_error_set(err,
		             _("File %s has been submitted to the district union with batch %s: it "
		               "cannot be taken out (the district may return it)."),
		             number, b.number);
		return fail_txn(db, 1, err);
	}
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "DELETE FROM submission_case WHERE batch_id = :b AND case_id = :c") != 0)
		return fail_txn(db, -1, err);
	rc = bf_bind_int(&st, ":b", batch_id) || bf_bind_int(&st, ":c", case_id);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	if (rc == 0)
		rc = reopen(db, batch_id);
	if (rc != 0)
		return fail_txn(db, -1, err);
	return commit(db, err);
}

/* ---- the package's content ---------------------------------------------------------------- */

/* Every column of the current row as "name": value. */
static void json_columns(struct bf_json *j, bf_stmt *st)
{
	int nc = sqlite3_column_count(st->s);
	for (int i = 0; i < nc; i++) {
		const char *name = sqlite3_column_name(st->s, i);
		switch (sqlite3_column_type(st->s, i)) {
		case SQLITE_INTEGER:
			bf_json_int(j, name, sqlite3_column_int64(st->s, i));
			break;
		case SQLITE_NULL:
			bf_json_str(j, name, NULL);
			break;
		case SQLITE_BLOB:
			break; /* none in the tables sent */
		default:
			bf_json_str(j, name, bf_col_text(st, i));
		}
	}
}

/* The rows of sql (bound :c = case_id) as an array of objects under key, or
 * the first row as one object when !array. */
static int json_rows(bf_db *db, struct bf_json *j, const char *key, const char *sql,
                     int64_t case_id, bool array)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0)
		return -1;
	if (bf_bind_int(&st, ":c", case_id) != 0) {
		bf_finalize(&st);
		return -1;
	}
	if (array)
		bf_json_array(j, key);
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		bf_json_object(j, array ? NULL : key);
		json_columns(j, &st);
		bf_json_object_end(j);
		if (!array)
			break;
	}
	if (array)
		bf_json_array_end(j);
	bf_finalize(&st);
	if (!array && rc == SQLITE_DONE) {
		snprintf(db->errmsg, sizeof db->errmsg, "no row for case %lld", (long long)case_id);
		return -1;
	}
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* The publicity round a file passed in (the latest): 0, 1 none, -1. */
struct passed_in {
	int64_t round;
	char start[11], end[11], status[16];
};
static int passed_round(bf_db *db, int64_t case_id, struct passed_in *p)
{
	memset(p, 0, sizeof *p);
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT r.id, r.start_date, r.end_date, p.status FROM publicity_case p"
	                  " JOIN publicity_round r ON r.id = p.round_id"
	                  " WHERE p.case_id = :c AND p.status = 'passed'"
	                  " ORDER BY r.id DESC LIMIT 1") != 0)
		return -1;
	if (bf_bind_int(&st, ":c", case_id) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		p->round = bf_col_int(&st, 0);
		bf_col_copy(&st, 1, p->start, sizeof p->start);
		bf_col_copy(&st, 2, p->end, sizeof p->end);
		bf_col_copy(&st, 3, p->status, sizeof p->status);
	}
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

struct sent_case {
	int64_t id;
	char number[32];
	char status[24];
	struct passed_in pub;
	bool has_pub;
};

static int json_case(bf_db *db, struct bf_json *j, const struct sent_case *sc, bf_error *err)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT c.number, c.name, bf_open(c.id_number, 'case_file.id_number', c.id),"
	                  " c.department, c.employer,"
	                  " c.per_capita, c.household_size, c.status"
	                  " FROM case_file c WHERE c.id = :c") != 0)
		goto db_fail;
	if (bf_bind_int(&st, ":c", sc->id) != 0 || bf_step(&st) != SQLITE_ROW) {
		bf_finalize(&st);
		goto db_fail;
	}
	struct bf_review rv;
	memset(&rv, 0, sizeof rv);
	int has_review = bf_review_latest(db, sc->id, &rv, err);
	if (has_review < 0) {
		bf_finalize(&st);
		return -1;
	}
	bf_json_object(j, NULL);
	bf_json_str(j, "number", bf_col_text(&st, 0));
	bf_json_str(j, "name", bf_col_text(&st, 1));
	bf_json_str(j, "id_number", bf_col_is_null(&st, 2) ? NULL : bf_col_text(&st, 2));
	bf_json_str(j, "department", bf_col_text(&st, 3));
	bf_json_str(j, "employer", bf_col_text(&st, 4));
	bf_json_int(j, "category", has_review == 0 ? rv.category : 0);
	bf_json_int(j, "amount", has_review == 0 ? rv.amount : 0);
	bf_json_int(j, "per_capita", bf_col_int(&st, 5));
	bf_json_int(j, "household_size", bf_col_int(&st, 6));
	bf_json_str(j, "status", bf_col_text(&st, 7));
	bf_finalize(&st);

	/* the rows as data: sealed columns opened, derived ones left out */
	char *form_sql = bf_coldesc_select_all(db, "case_file", "WHERE id = :c");
	char *member_sql = bf_coldesc_select_all(db, "member", "WHERE case_id = :c ORDER BY position");
	int jr = !form_sql || !member_sql ||
	         json_rows(db, j, "form", form_sql, sc->id, false) != 0 ||
	         json_rows(db, j, "members", member_sql, sc->id, true) != 0 ||
	         json_rows(db, j, "causes", "SELECT * FROM case_cause WHERE case_id = :c ORDER BY id",
	                   sc->id, true) != 0;
	free(form_sql);
	free(member_sql);
	if (jr)
		goto db_fail;

	struct bf_checklist cl;
	bf_checklist_init(&cl);
	if (bf_checklist_load(db, sc->id, &cl, err) != 0) {
		bf_checklist_free(&cl);
		return -1;
	}
	bf_json_array(j, "checklist");
	for (size_t i = 0; i < cl.n; i++) {
		const struct bf_checklist_item *it = &cl.items[i];
		if (!it->required && !it->stored)
			continue;
		char title[256];
		bf_item_title_zh(it, title, sizeof title);
		bf_json_object(j, NULL);
		bf_json_str(j, "key", it->key);
		bf_json_str(j, "name", title);
		bf_json_str(j, "status", bf_item_status_code(it->status));
		bf_json_str(j, "date", it->received_date[0] ? it->received_date : NULL);
		bf_json_int(j, "copies", it->copies);
		bf_json_str(j, "note", it->note[0] ? it->note : NULL);
		bf_json_str(j, "reason", it->waive_reason[0] ? it->waive_reason : NULL);
		bf_json_object_end(j);
	}
	bf_json_array_end(j);
	bf_checklist_free(&cl);

	if (has_review == 0) {
		bf_json_object(j, "review");
		bf_json_str(j, "decision", bf_review_decision_code(rv.decision));
		bf_json_int(j, "category", rv.category);
		bf_json_int(j, "amount", rv.amount);
		bf_json_str(j, "reviewer", rv.reviewer);
		bf_json_str(j, "date", rv.date);
		bf_json_str(j, "meeting_ref", rv.meeting_ref[0] ? rv.meeting_ref : NULL);
		bf_json_str(j, "reason", rv.reason[0] ? rv.reason : NULL);
		bf_json_object_end(j);
	}
	if (sc->has_pub) {
		bf_json_object(j, "publicity");
		bf_json_int(j, "round", sc->pub.round);
		bf_json_str(j, "start", sc->pub.start);
		bf_json_str(j, "end", sc->pub.end);
		bf_json_str(j, "status", sc->pub.status);
		bf_json_object_end(j);
	}
	struct bf_history_entry *h = NULL;
	size_t nh = 0;
	if (bf_case_history(db, sc->id, &h, &nh, err) != 0)
		return -1;
	bf_json_array(j, "history");
	for (size_t i = 0; i < nh; i++) {
		bf_json_object(j, NULL);
		bf_json_str(j, "at", h[i].at);
		bf_json_str(j, "actor", h[i].actor);
		bf_json_str(j, "from", h[i].from);
		bf_json_str(j, "to", h[i].to);
		bf_json_str(j, "reason", h[i].reason[0] ? h[i].reason : NULL);
		bf_json_object_end(j);
	}
	bf_json_array_end(j);
	free(h);
	bf_json_object_end(j);
	return 0;
db_fail:
	bf_db_error(db, err);
	return -1;
}

/* The result report of round rid as text (print_publicity.h), malloc'd. */
static int report_text(bf_db *db, const struct bf_unit *u, int64_t rid, struct bf_round *r,
                       char **text, bf_error *err)
{
	*text = NULL;
	int rc = bf_round_load(db, rid, BF_DATE_NONE, r, err);
	if (rc != 0)
		return -1;
	struct bf_pub_entry *e = NULL;
	size_t n = 0;
	if (bf_round_entries(db, rid, true, &e, &n, err) != 0)
		return -1;
	struct bf_pub_result res;
	memset(&res, 0, sizeof res);
	res.unit_name = u->name;
	res.union_name = u->union_name;
	res.place = r->place;
	res.start = r->start;
	res.end = r->end;
	res.days = r->days;
	char day[BF_DATE_SZ];
	bf_strlcpy(day, r->closed_at, sizeof day);
	if (!bf_date_parse(day, &res.reported_on))
		res.reported_on = r->end;
	res.n_publicized = r->n_cases;
	res.n_objections = r->n_objections;
	res.n_upheld = r->n_upheld;
	res.passed = e;
	res.n_passed = n;
	size_t len = 0;
	FILE *f = open_memstream(text, &len);
	if (!f) {
		free(e);
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	bf_pub_result_text(f, &res);
	int bad = ferror(f);
	fclose(f);
	free(e);
	if (bad) {
		free(*text);
		*text = NULL;
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

static void json_unit(struct bf_json *j, const struct bf_unit *u)
{
	bf_json_object(j, "unit");
	bf_json_str(j, "code", u->code);
	bf_json_str(j, "name", u->name);
	bf_json_str(j, "union_name", u->union_name);
	bf_json_str(j, "district", u->district);
	bf_json_str(j, "address", u->address);
	bf_json_str(j, "contact", u->contact);
	bf_json_str(j, "phone", u->phone);
	bf_json_object_end(j);
}

struct content_in {
	const struct bf_unit *u;
	const struct bf_batch *b; /* revision already the new one */
	const char *created;
	const struct sent_case *cases;
	size_t n;
	struct bf_batch_export *x; /* its steps_done go up a file at a time */
	bf_progress_fn progress;
	void *ud;
};

static int build_content(bf_db *db, const struct content_in *in, char **out, size_t *len,
                         bf_error *err)
{
	*out = NULL;
	*len = 0;
	FILE *f = open_memstream(out, len);
	if (!f) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	struct bf_json j;
	bf_json_init(&j, f, false);
	bf_json_object(&j, NULL);
	bf_json_str(&j, "format", "bangfu-submission");
	bf_json_int(&j, "version", 1);
	json_unit(&j, in->u);
	bf_json_object(&j, "batch");
	bf_json_str(&j, "id", in->b->number);
	bf_json_int(&j, "revision", in->b->revision);
	bf_json_str(&j, "created", in->created);
	bf_json_str(&j, "created_by", db->actor);
	bf_json_object_end(&j);

	int rc = 0;
	/* each round's report once, in the order of its first file: the rounds
	 * seen so far are few (a round holds many files), so they are looked up
	 * among themselves, not among every earlier file (that grew with the
	 * square of the batch's files) */
	int64_t *seen = NULL;
	size_t nseen = 0, seen_cap = 0;
	bf_json_array(&j, "reports");
	for (size_t i = 0; i < in->n && rc == 0; i++) {
		if (!in->cases[i].has_pub)
			continue;
		int64_t round = in->cases[i].pub.round;
		size_t k = 0;
		while (k < nseen && seen[k] != round)
			k++;
		if (k < nseen)
			continue;
		int64_t *slot = bf_push(&seen, &seen_cap, &nseen, sizeof *seen);
		if (!slot) {
			bf_error_set(err, "%s", _("out of memory"));
			rc = -1;
			break;
		}
		*slot = round;
		struct bf_round r;
		char *text = NULL;
		rc = report_text(db, in->u, in->cases[i].pub.round, &r, &text, err);
		if (rc != 0)
			break;
		char s[BF_DATE_SZ], e[BF_DATE_SZ];
		bf_date_format(r.start, s);
		bf_date_format(r.end, e);
		bf_json_object(&j, NULL);
		bf_json_int(&j, "round", r.id);
		bf_json_str(&j, "start", s);
		bf_json_str(&j, "end", e);
		bf_json_str(&j, "place", r.place);
		bf_json_str(&j, "text", text);
		bf_json_object_end(&j);
		free(text);
	}
	free(seen);
	bf_json_array_end(&j);
	if (rc == 0) {
		bf_json_array(&j, "cases");
		for (size_t i = 0; i < in->n && rc == 0; i++) {
			rc = json_case(db, &j, &in->cases[i], err);
			if (rc == 0 && !bf_progress_tell(in->progress, in->ud, ++in->x->steps_done,
			                                 in->x->steps_total, err))
				rc = -1;
		}
		bf_json_array_end(&j);
	}
	bf_json_object_end(&j);
	bool bad = ferror(f) != 0;
	fclose(f);
	if (rc == 0 && bad) {
		bf_error_set(err, "%s", _("out of memory"));
		rc = -1;
	}
	if (rc != 0) {
		free(*out);
		*out = NULL;
		*len = 0;
	}
	return rc;
}

/* ---- export -------------------------------------------------------------------------------- */

static int now_iso(bf_db *db, char out[32])
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT bf_now()") != 0)
		return -1;
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		bf_col_copy(&st, 0, out, 32);
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* The district this unit reports to: its registered key's code and name,
 * else no code and the unit's district name. */
static int district_of(bf_db *db, const struct bf_unit *u, char code[32], char name[128])
{
	code[0] = '\0';
	bf_strlcpy(name, u->district, 128);
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT code, name FROM trusted_key WHERE kind = 'district'"
	                  " ORDER BY added_at DESC, rowid DESC LIMIT 1") != 0)
		return -1;
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		/* the district whose key is registered: its code and its own name */
		bf_col_copy(&st, 0, code, 32);
		bf_col_copy(&st, 1, name, 128);
	}
	bf_finalize(&st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int exec_bound(bf_db *db, const char *sql, int64_t id, const char *text)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0)
		return -1;
	int rc = bf_bind_int(&st, ":id", id) || (text && bf_bind_text(&st, ":t", text));
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	return rc;
}

/* The district's registered key, which the package is sealed to: 0, or 1
 * with err saying to register it. */
static int district_key(bf_db *db, const struct bf_pkg_header *h, uint8_t pk[32], bf_error *err)
{
	char name[128];
	int rc = h->to_code[0] ? bf_key_trusted(db, h->to_code, pk, name, sizeof name, err) : 1;
	if (rc == 1)
		bf_error_set(err, "%s",
		             _("No key of the district union is registered: the package is sealed "
		               "to the district's key, so register its key file first (k on the "
		               "submission screen, or bangfu key import FILE), after checking its "
		               "fingerprint with them."));
	return rc;
}

/* The previous package's row count (the largest any batch's export named:
 * the chain only grows) and the hash of the row at that count now. */
static int chain_prev(bf_db *db, struct bf_pkg_header *h, bf_error *err)
{
	int64_t prev = 0;
	if (bf_db_int(db, "SELECT coalesce(max(audit_rows), 0) FROM submission_batch", &prev) !=
	    0) {
		bf_db_error(db, err);
		return -1;
	}
	int rc = bf_audit_hash_at(db, prev, h->audit_prev, err);
	if (rc < 0)
		return -1;
	/* a chain shorter than the last package said: nothing to name (the
	 * district refuses it, unless it was restored from a backup) */
	h->audit_prev_rows = rc == 0 ? prev : 0;
	return 0;
}

int bf_batch_export_begin(bf_db *db, int64_t batch_id, struct bf_batch_export *x, bf_error *err)
{
	return bf_batch_export_begin_opts(db, batch_id, false, x, err);
}

int bf_batch_export_begin_opts(bf_db *db, int64_t batch_id, bool restored,
                               struct bf_batch_export *x, bf_error *err)
{
	return bf_batch_export_begin_progress(db, batch_id, restored, 0, x, NULL, NULL, err);
}

int bf_batch_export_begin_progress(bf_db *db, int64_t batch_id, bool restored, size_t after,
                                   struct bf_batch_export *x, bf_progress_fn progress, void *ud,
                                   bf_error *err)
{
	memset(x, 0, sizeof *x);
	bf_error_clear(err);
	if (require(db, BF_PERM_SUBMIT, err) != 0 || require(db, BF_PERM_EXPORT_FULL, err) != 0)
		return 1;
	if (need_actor(db, err) != 0)
		return -1;
	struct bf_unit u;
	if (bf_unit_load(db, &u, err) != 0)
		return -1;
	if (bf_blank(u.code)) {
		bf_error_set(err, "%s",
		             _("The unit has no code: set it first (the unit's details, or bangfu "
		               "init --code CODE); packages and keys are known by it."));
		return 1;
	}
	if (u.district_mode) {
		bf_error_set(err, "%s",
		             _("This is a district union's database: batches are exported by "
		               "units."));
		return 1;
	}
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	int ret = -1;
	struct bf_batch b;
	struct bf_batch_case *bc = NULL;
	struct sent_case *sc = NULL;
	size_t nbc = 0, ns = 0;
	char *content = NULL;
	size_t clen = 0;
	uint8_t sk[64];

	int rc = bf_batch_load(db, batch_id, NULL, &b, err);
	if (rc != 0) {
		ret = rc;
		goto fail;
	}
	if (bf_batch_cases(db, batch_id, &bc, &nbc, err) != 0)
		goto fail;
	sc = calloc(nbc ? nbc : 1, sizeof *sc);
	if (!sc) {
		bf_error_set(err, "%s", _("out of memory"));
		goto fail;
	}
	/* what goes: files that passed the publicity (they are submitted now)
	 * and files already submitted; decided files stay out; the rest must
	 * come back first */
	x->steps_total = 2 * nbc + after;
	for (size_t i = 0; i < nbc; i++) {
		x->steps_done = i;
		if (!bf_progress_tell(progress, ud, i, x->steps_total, err))
			goto fail;
		const char *st = bc[i].status;
		if (!strcmp(st, "accepted") || !strcmp(st, "aided") || !strcmp(st, "closed"))
			continue;
		if (strcmp(st, "publicity_passed") != 0 && strcmp(st, "submitted") != 0) {
			bf_error_set(
			    err,
			    _("File %s is %s: bring it back to “Publicity passed” or take it "
			      "out of batch %s before exporting."),
			    bc[i].number, bf_state_label_of(st), b.number);
			ret = 1;
			goto fail;
		}
		if (bc[i].category < 1 || bc[i].amount <= 0) {
			bf_error_set(err,
			             _("File %s has no approving review with a category and an "
			               "amount: it cannot be submitted."),
			             bc[i].number);
			ret = 1;
			goto fail;
		}
		if (!strcmp(st, "publicity_passed")) {
			struct bf_move mv;
			bf_move_init(&mv, BF_STATE_SUBMITTED);
			char why[128];
			snprintf(why, sizeof why, _("Submitted with batch %s"), b.number);
			mv.reason = why;
			rc = bf_case_advance_in_txn(db, bc[i].case_id, &mv, BF_DATE_NONE, err);
			if (rc != 0) {
				ret = rc;
				goto fail;
			}
		}
		struct sent_case *s = &sc[ns++];
		s->id = bc[i].case_id;
		bf_strlcpy(s->number, bc[i].number, sizeof s->number);
		bf_strlcpy(s->status, "submitted", sizeof s->status);
		rc = passed_round(db, s->id, &s->pub);
		if (rc < 0)
			goto fail;
		s->has_pub = rc == 0;
	}
	if (ns == 0) {
		bf_error_set(err,
		             _("Batch %s has no file to send: put files that passed the publicity "
		               "in it first."),
		             b.number);
		ret = 1;
		goto fail;
	}
	struct bf_pkg_header *h = &x->header;
	h->version = BF_PKG_VERSION;
	bf_strlcpy(h->kind, "submission", sizeof h->kind);
	bf_strlcpy(h->from_code, u.code, sizeof h->from_code);
	bf_strlcpy(h->from_name, u.name, sizeof h->from_name);
	if (district_of(db, &u, h->to_code, h->to_name) != 0 || now_iso(db, h->created) != 0)
		goto fail;
	uint8_t to_pk[32];
	if ((rc = district_key(db, h, to_pk, err)) != 0) {
		ret = rc;
		goto fail;
	}
	h->restored = restored;
	if (chain_prev(db, h, err) != 0)
		goto fail;
	if (exec_bound(db,
	               "UPDATE submission_batch SET revision = revision + 1, status = 'exported',"
	               " exported_at = bf_now(), exported_by = bf_actor() WHERE id = :id",
	               batch_id, NULL) != 0)
		goto fail;
	b.revision++;
	char purpose[96];
	snprintf(purpose, sizeof purpose, "submission package %s r%d", b.number, b.revision);
	for (size_t i = 0; i < ns; i++)
		if (exec_bound(db,
		               "INSERT INTO reveal_event (at, actor, case_id, member_id, field,"
		               " purpose) VALUES (bf_now(), bf_actor(), :id, NULL, 'all', :t)",
		               sc[i].id, purpose) != 0)
			goto fail;

	bf_strlcpy(h->batch, b.number, sizeof h->batch);
	bf_strlcpy(x->number, b.number, sizeof x->number);
	h->revision = b.revision;
	h->cases = (int64_t)ns;
	h->full_numbers = true;
	/* the log as it stands with this export's moves in it */
	if (bf_audit_head(db, h->audit_head, &h->audit_rows, err) != 0)
		goto fail;

	/* packed: a step a file (the decided ones left out counted here) */
	x->steps_done = 2 * nbc - ns;
	struct content_in ci = {&u, &b, h->created, sc, ns, x, progress, ud};
	if (build_content(db, &ci, &content, &clen, err) != 0)
		goto fail;
	/* read the content as the district will (attachment 2 is made from it) */
	if (bf_pkg_parse_submission(content, clen, &x->content, err) != BF_PKG_OK)
		goto fail;
	uint8_t pk[32];
	if (bf_key_secret(db, pk, sk, err) != 0)
		goto fail;
	rc = bf_pkg_seal(h, content, clen, sk, to_pk, &x->package, &x->package_len, err);
	sodium_memzero(sk, sizeof sk);
	if (rc != 0)
		goto fail;

	/* the envelope as the district will check it */
	struct bf_pkg_header back;
	const char *sealed = NULL;
	size_t sealed_len = 0;
	if (bf_pkg_open(x->package, x->package_len, &back, &sealed, &sealed_len, err) != BF_PKG_OK)
		goto fail;
	*h = back;
	char sha[BF_PKG_HASH_HEX];
	bf_pkg_identity(x->package, x->package_len, sealed, sealed_len, sha);
	/* and the row count it names, for the next package's audit-prev */
	bf_stmt ast;
	if (bf_db_prepare(db, &ast,
	                  "UPDATE submission_batch SET package_sha256 = :t, audit_rows = :n"
	                  " WHERE id = :id") != 0)
		goto fail;
	rc = bf_bind_text(&ast, ":t", sha) || bf_bind_int(&ast, ":n", h->audit_rows) ||
	     bf_bind_int(&ast, ":id", batch_id);
	if (rc == 0 && bf_step(&ast) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&ast);
	if (rc != 0)
		goto fail;
	x->steps_done = 2 * nbc;
	ret = 0;
	goto done;
fail:
	fail_txn(db, ret, err);
	bf_pkg_submission_free(&x->content);
	free(x->package);
	memset(x, 0, sizeof *x);
done:
	free(bc);
	free(sc);
	bf_pkg_content_free(content, clen);
	return ret;
}

static void export_free(struct bf_batch_export *x)
{
	bf_pkg_submission_free(&x->content);
	free(x->package);
	memset(x, 0, sizeof *x);
}

int bf_batch_export_commit(bf_db *db, struct bf_batch_export *x, bf_error *err)
{
	int rc = commit(db, err);
	export_free(x);
	return rc;
}

void bf_batch_export_abort(bf_db *db, struct bf_batch_export *x)
{
	bf_db_rollback(db);
	export_free(x);
}

/* ---- the district's reply ---------------------------------------------------------------- */

static void add_line(struct bf_reply_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Room kept at the end of r->lines for the line saying how many more. */
#define LINES_RESERVE 160

static void add_line(struct bf_reply_result *r, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	size_t used = strlen(r->lines), n = strlen(line);
	if (r->more || used + n + 2 + LINES_RESERVE > sizeof r->lines) {
		r->more++;
		return;
	}
	memcpy(r->lines + used, line, n);
	r->lines[used + n] = '\n';
	r->lines[used + n + 1] = '\0';
}

/* The last line, when some did not fit. */
static void add_more_line(struct bf_reply_result *r)
{
	if (!r->more)
		return;
	size_t used = strlen(r->lines);
	snprintf(r->lines + used, sizeof r->lines - used,
	         ngettext("… and %zu more file: the batch's files show each decision.\n",
	                  "… and %zu more files: the batch's files show each decision.\n",
	                  (unsigned long)r->more),
	         r->more);
}

struct reply_case {
	int64_t id;
	char status[24];
	bool stale; /* decided no later than a decision already applied */
};

static int insert_decision(bf_db *db, int64_t case_id, int64_t reply_id,
                           const struct bf_pkg_decision_row *d)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO district_decision (case_id, reply_id, decision, amount,"
	                  " reason, back_to, decided_at, decided_by) VALUES (:c, :r, :d, :a,"
	                  " bf_seal(:reason, 'district_decision.reason', :c), :back, :at, :by)") != 0)
		return -1;
	bool accept = d->decision == BF_PKG_ACCEPT;
	int rc = bf_bind_int(&st, ":c", case_id) || bf_bind_int(&st, ":r", reply_id) ||
	         bf_bind_text(&st, ":d", accept ? "accept" : "return") ||
	         (accept ? bf_bind_int(&st, ":a", d->amount) : bf_bind_null(&st, ":a")) ||
	         bf_bind_text_or_null(&st, ":reason", accept ? "" : d->reason) ||
	         bf_bind_text_or_null(&st, ":back", accept ? "" : d->back_to) ||
	         bf_bind_text(&st, ":at", d->decided_at) || bf_bind_text(&st, ":by", d->decided_by);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	return rc;
}

/* Is the package's signature acceptable here? 0 yes, 1 refused (err). */
static int check_signer(bf_db *db, const struct bf_pkg_header *h, bool is_signed, bf_error *err)
{
	bool required = bf_setting_int(db, "require_signature", 1) != 0;
	if (!required)
		return 0;
	if (!is_signed) {
		bf_error_set(err,
		             _("The reply from %s (%s) is not signed: a reply is accepted only "
		               "signed with the district's registered key."),
		             h->from_name, h->from_code);
		return 1;
	}
	uint8_t pk[32];
	char name[128] = "";
	int rc = bf_key_trusted(db, h->from_code, pk, name, sizeof name, err);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		bf_error_set(err,
		             _("No key is registered for the district union %s (%s): register its "
		               "key file first (k on the submission screen, or bangfu key import "
		               "FILE), after checking its fingerprint with them."),
		             h->from_name, h->from_code);
		return 1;
	}
	if (sodium_memcmp(pk, h->public_key, 32) != 0) {
		char a[24], b[24];
		bf_pkg_fingerprint(h->public_key, a);
		bf_pkg_fingerprint(pk, b);
		bf_error_set(err,
		             _("The reply is signed with key %s, not the key registered for %s "
		               "(%s): it was not made by the district union, or its key changed. "
		               "Nothing was imported."),
		             a, h->from_code, b);
		return 1;
	}
	return 0;
}

int bf_reply_import(bf_db *db, const char *buf, size_t len, struct bf_reply_result *r,
                    bf_error *err)
{
	memset(r, 0, sizeof *r);
	bf_error_clear(err);
	if (require(db, BF_PERM_SUBMIT, err) != 0)
		return 1;
	if (need_actor(db, err) != 0)
		return -1;
	struct bf_unit u;
	if (bf_unit_load(db, &u, err) != 0)
		return -1;
	struct bf_pkg_header h;
	memset(&h, 0, sizeof h);
	const char *content = NULL;
	size_t clen = 0;
	enum bf_pkg_result pr = bf_pkg_open(buf, len, &h, &content, &clen, err);
	bool is_signed = pr == BF_PKG_OK && h.is_signed;
	if (pr == BF_PKG_UNSIGNED && content && bf_setting_int(db, "require_signature", 1) == 0) {
		pr = BF_PKG_OK; /* unsigned, and this unit accepts that */
		bf_error_clear(err);
	}
	if (pr == BF_PKG_UNSIGNED) {
		bf_error_set(err, "%s",
		             _("The reply is not signed: a reply is accepted only signed with the "
		               "district's registered key."));
		return 1;
	}
	if (pr != BF_PKG_OK)
		return 1;
	if (!bf_code_ok(h.from_code, _("The package's district code"), err))
		return 1;
	if (strcmp(h.kind, "reply") != 0) {
		bf_error_set(
		    err, _("This is a %s package from %s, not a reply from the district union."),
		    h.kind, h.from_code);
		return 1;
	}
	if (strcmp(h.to_code, u.code) != 0) {
		bf_error_set(err, _("The reply is for unit %s (%s), not for this unit (%s)."),
		             h.to_name, h.to_code, u.code);
		return 1;
	}
	int rc = check_signer(db, &h, is_signed, err);
	if (rc != 0)
		return rc;
	uint8_t pk[32], sk[64];
	if (bf_key_secret(db, pk, sk, err) != 0)
		return -1;
	char *plain = NULL;
	size_t plen = 0;
	pr = bf_pkg_unseal(&h, content, clen, sk, &plain, &plen, err);
	sodium_memzero(sk, sizeof sk);
	if (pr != BF_PKG_OK)
		return 1;
	struct bf_pkg_reply rep;
	memset(&rep, 0, sizeof rep);
	pr = bf_pkg_parse_reply(plain, plen, &rep, err);
	bf_pkg_content_free(plain, plen);
	if (pr != BF_PKG_OK) {
		bf_pkg_reply_free(&rep);
		return 1;
	}
	if (strcmp(rep.district_code, h.from_code) != 0) {
		bf_error_set(err,
		             _("The reply's content is from %s but its envelope from %s: it was "
		               "not made by bangfu. Nothing was imported."),
		             rep.district_code, h.from_code);
		bf_pkg_reply_free(&rep);
		return 1;
	}
	if (!bf_blank(rep.unit_code) && strcmp(rep.unit_code, u.code) != 0) {
		bf_error_set(err, _("The reply is for unit %s (%s), not for this unit (%s)."),
		             rep.unit_name, rep.unit_code, u.code);
		bf_pkg_reply_free(&rep);
		return 1;
	}
	char sha[BF_PKG_HASH_HEX];
	bf_pkg_identity(buf, len, content, clen, sha);

	struct reply_case *rc_ = NULL;
	int ret = -1;
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		bf_pkg_reply_free(&rep);
		return -1;
	}
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT imported_at, imported_by FROM reply_import"
	                  " WHERE sha256 = :s") != 0 ||
	    bf_bind_text(&st, ":s", sha) != 0) {
		bf_finalize(&st);
		goto fail;
	}
	rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		r->already = true;
		add_line(r, _("This reply was imported on %s by %s: nothing changed."),
		         bf_col_text(&st, 0), bf_col_text(&st, 1));
		bf_finalize(&st);
		bf_db_rollback(db);
		bf_pkg_reply_free(&rep);
		return 0;
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE)
		goto fail;

	rc_ = calloc(rep.n ? rep.n : 1, sizeof *rc_);
	if (!rc_) {
		bf_error_set(err, "%s", _("out of memory"));
		goto fail;
	}
	size_t applicable = 0;
	for (size_t i = 0; i < rep.n; i++) {
		const struct bf_pkg_decision_row *d = &rep.decisions[i];
		int k = bf_case_lookup(db, d->number, &rc_[i].id, err);
		if (k < 0)
			goto fail;
		if (k == 1) {
			bf_error_set(
			    err,
			    _("The reply decides on file %s, which this unit does not have: "
			      "nothing was imported."),
			    d->number);
			ret = 1;
			goto fail;
		}
		char msg[512];
		const char *code = d->decision == BF_PKG_ACCEPT   ? "accept"
		                   : d->decision == BF_PKG_RETURN ? "return"
		                                                  : "";
		if (!bf_district_decision_check(code, d->amount, d->reason, d->back_to, msg,
		                                sizeof msg)) {
			bf_error_set(err, _("The reply's decision on file %s: %s"), d->number, msg);
			ret = 1;
			goto fail;
		}
		char number[32];
		if (case_status(db, rc_[i].id, number, rc_[i].status) != 0)
			goto fail;
		/* An older copy of a reply (the district wrote it twice, or a
		 * stick came late) must not decide again on a file the unit has
		 * sent since: a decision no later than the one already applied,
		 * by the district's own clock, is the same decision. */
		struct bf_case_decision prev;
		k = bf_case_district_decision(db, rc_[i].id, &prev, err);
		if (k < 0)
			goto fail;
		rc_[i].stale = k == 0 && d->decided_at[0] && prev.decided_at[0] &&
		               strcmp(d->decided_at, prev.decided_at) <= 0;
		if (!strcmp(rc_[i].status, "submitted") && !rc_[i].stale)
			applicable++;
	}
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO reply_import (sha256, district_code, created, decisions,"
	                  " applied, imported_at, imported_by) VALUES (:s, :d, :c, :n, :a,"
	                  " bf_now(), bf_actor())") != 0)
		goto fail;
	rc = bf_bind_text(&st, ":s", sha) || bf_bind_text(&st, ":d", h.from_code) ||
	     bf_bind_text(&st, ":c", rep.created[0] ? rep.created : h.created) ||
	     bf_bind_int(&st, ":n", (int64_t)rep.n) || bf_bind_int(&st, ":a", (int64_t)applicable);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	if (rc != 0)
		goto fail;
	int64_t reply_id = sqlite3_last_insert_rowid(db->h);

	for (size_t i = 0; i < rep.n; i++) {
		const struct bf_pkg_decision_row *d = &rep.decisions[i];
		if (strcmp(rc_[i].status, "submitted") != 0) {
			r->unchanged++;
			add_line(r, _("%s: unchanged (it is %s)"), d->number,
			         bf_state_label_of(rc_[i].status));
			continue;
		}
		if (rc_[i].stale) {
			r->unchanged++;
			add_line(r,
			         _("%s: unchanged (the district decided this on %s, before a "
			           "decision already imported: it was sent again since)"),
			         d->number, d->decided_at);
			continue;
		}
		struct bf_move mv;
		char money[32];
		if (d->decision == BF_PKG_ACCEPT) {
			bf_move_init(&mv, BF_STATE_ACCEPTED);
			bf_money_format(d->amount, money, sizeof money);
			char why[128];
			snprintf(why, sizeof why, _("Accepted by the district union: %s yuan"),
			         money);
			mv.reason = why;
			rc = bf_case_advance_in_txn(db, rc_[i].id, &mv, BF_DATE_NONE, err);
		} else {
			bf_move_init(&mv, BF_STATE_RETURNED);
			mv.reason = d->reason;
			mv.back_to = bf_state_parse(d->back_to);
			rc = bf_case_advance_in_txn(db, rc_[i].id, &mv, BF_DATE_NONE, err);
		}
		if (rc != 0) {
			ret = rc;
			goto fail;
		}
		if (insert_decision(db, rc_[i].id, reply_id, d) != 0)
			goto fail;
		if (d->decision == BF_PKG_ACCEPT) {
			r->accepted++;
			add_line(r, _("%s: accepted, %s yuan"), d->number, money);
		} else {
			r->returned++;
			add_line(r, _("%s: returned to “%s”: %s"), d->number,
			         bf_state_label_of(d->back_to), d->reason);
		}
	}
	if (rep.calendar.nyears) {
		/* the district hands its calendar down: newer years are taken */
		int taken[64];
		char source[BF_HOLIDAY_NOTE_SZ];
		snprintf(source, sizeof source, _("district reply: %s %s"), rep.district_name,
		         rep.created[0] ? rep.created : h.created);
		if (bf_holiday_take_newer(db, &rep.calendar, source, taken, BF_ARRAY_LEN(taken),
		                          &r->years_taken, err) != 0)
			goto fail;
		for (size_t i = 0; i < r->years_taken && i < BF_ARRAY_LEN(taken); i++)
			add_line(r, _("Holiday calendar %d: taken from the district (newer)"),
			         taken[i]);
	}
	add_more_line(r);
	if (commit(db, err) != 0) {
		free(rc_);
		bf_pkg_reply_free(&rep);
		memset(r, 0, sizeof *r);
		return -1;
	}
	free(rc_);
	bf_pkg_reply_free(&rep);
	return 0;
fail:
	free(rc_);
	bf_pkg_reply_free(&rep);
	memset(r, 0, sizeof *r);
	return fail_txn(db, ret, err);
}

int bf_case_district_decision(bf_db *db, int64_t case_id, struct bf_case_decision *d, bf_error *err)
{
	memset(d, 0, sizeof *d);
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT decision, amount, bf_open(reason, 'district_decision.reason', case_id),"
	                  " back_to, decided_at, decided_by"
	                  " FROM district_decision WHERE case_id = :c ORDER BY id DESC LIMIT 1") !=
	        0 ||
	    bf_bind_int(&st, ":c", case_id) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		bf_col_copy(&st, 0, d->decision, sizeof d->decision);
		d->amount = bf_col_int(&st, 1);
		bf_col_copy(&st, 2, d->reason, sizeof d->reason);
		bf_col_copy(&st, 3, d->back_to, sizeof d->back_to);
		bf_col_copy(&st, 4, d->decided_at, sizeof d->decided_at);
		bf_col_copy(&st, 5, d->decided_by, sizeof d->decided_by);
	} else if (rc != SQLITE_DONE) {
		bf_db_error(db, err);
	}
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}
