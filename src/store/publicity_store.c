/* publicity_store.c — publicity rounds and objections in the database. The
 * cases' moves go through the transition table (bf_case_advance_in_txn);
 * see publicity_store.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/coldesc.h"
#include "bangfu/holiday.h"
#include "bangfu/ident.h"
#include "bangfu/publicity_store.h"
#include "bangfu/store.h"
#include "bangfu/workflow_store.h"

static int require(bf_db *db, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_PUBLICITY, err) != 0)
		return 1;
	if (!db->actor[0]) {
		bf_error_set(err, "%s", _("no operator set: every change records who made it"));
		return -1;
	}
	return 0;
}

static bf_date col_date(bf_stmt *st, int i)
{
	bf_date d;
	return bf_date_parse(bf_col_text(st, i), &d) ? d : BF_DATE_NONE;
}

static int bind_date(bf_stmt *st, const char *name, bf_date d)
{
	char buf[BF_DATE_SZ];
	bf_date_format(d, buf);
	return bf_bind_text(st, name, buf);
}

static char *trimmed(const char *s, char *buf, size_t n)
{
	bf_strlcpy(buf, s ? s : "", n);
	return bf_trim(buf);
}

/* ---- rounds ----------------------------------------------------------------------- */

#define ROUND_COLS                                                                             \
	"r.id, r.start_date, r.end_date, r.days, r.place, r.contact_name, r.contact_phone,"    \
	" r.contact_office, r.status, r.created_at, r.created_by, r.closed_at, r.closed_by,"   \
	" (SELECT count(*) FROM publicity_case c WHERE c.round_id = r.id),"                    \
	" (SELECT count(*) FROM publicity_case c WHERE c.round_id = r.id"                      \
	"   AND c.status = 'withdrawn'),"                                                      \
	" (SELECT count(*) FROM objection o WHERE o.round_id = r.id),"                         \
	" (SELECT count(*) FROM objection o WHERE o.round_id = r.id"                           \
	"   AND o.status IN ('open', 'investigating')),"                                       \
	" (SELECT count(*) FROM objection o WHERE o.round_id = r.id AND o.status = 'upheld')," \
	" (SELECT count(*) FROM objection o WHERE o.round_id = r.id AND o.status = 'dismissed')"

static void read_round(bf_stmt *st, struct bf_round *r, const struct bf_calendar *cal,
                       bf_date today)
{
	memset(r, 0, sizeof *r);
	r->id = bf_col_int(st, 0);
	r->start = col_date(st, 1);
	r->end = col_date(st, 2);
	r->days = (int)bf_col_int(st, 3);
	bf_col_copy(st, 4, r->place, sizeof r->place);
	bf_col_copy(st, 5, r->contact, sizeof r->contact);
	bf_col_copy(st, 6, r->phone, sizeof r->phone);
	bf_col_copy(st, 7, r->office, sizeof r->office);
	r->status = bf_round_status_parse(bf_col_text(st, 8));
	bf_col_copy(st, 9, r->created_at, sizeof r->created_at);
	bf_col_copy(st, 10, r->created_by, sizeof r->created_by);
	bf_col_copy(st, 11, r->closed_at, sizeof r->closed_at);
	bf_col_copy(st, 12, r->closed_by, sizeof r->closed_by);
	r->n_cases = (size_t)bf_col_int(st, 13);
	r->n_withdrawn = (size_t)bf_col_int(st, 14);
	r->n_objections = (size_t)bf_col_int(st, 15);
	r->n_open = (size_t)bf_col_int(st, 16);
	r->n_upheld = (size_t)bf_col_int(st, 17);
	r->n_dismissed = (size_t)bf_col_int(st, 18);
	r->days_left = r->status == BF_ROUND_OPEN ? bf_pub_days_left(cal, today, r->end) : 0;
	r->no_arrangement = bf_calendar_missing_year(cal, r->start, r->end);
}

static int rounds_query(bf_db *db, int64_t id, bf_date today, struct bf_round **out, size_t *n,
                        bf_error *err)
{
	*out = NULL;
	*n = 0;
	if (today == BF_DATE_NONE)
		today = bf_date_today();
	struct bf_calendar cal;
	if (bf_calendar_load(db, &cal, err) != 0)
		return -1;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  id ? "SELECT " ROUND_COLS " FROM publicity_round r WHERE r.id = :id"
	                     : "SELECT " ROUND_COLS
	                       " FROM publicity_round r ORDER BY r.id DESC") != 0) {
		bf_calendar_free(&cal);
		bf_db_error(db, err);
		return -1;
	}
	if (id && bf_bind_int(&st, ":id", id) != 0) {
		bf_finalize(&st);
		bf_calendar_free(&cal);
		bf_db_error(db, err);
		return -1;
	}
	size_t cap = 0;
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		if (!bf_grow(out, &cap, *n + 1, sizeof **out)) {
			rc = SQLITE_NOMEM;
			break;
		}
		read_round(&st, &(*out)[(*n)++], &cal, today);
	}
	bf_calendar_free(&cal);
	return bf_rows_end(db, &st, rc, out, n, err);
}

int bf_round_list(bf_db *db, bf_date today, struct bf_round **out, size_t *n, bf_error *err)
{
	return rounds_query(db, 0, today, out, n, err);
}

int bf_round_load(bf_db *db, int64_t id, bf_date today, struct bf_round *r, bf_error *err)
{
	struct bf_round *rs;
	size_t n;
	if (id <= 0) {
		bf_error_set(err, _("There is no publicity round %lld"), (long long)id);
		return 1;
	}
	if (rounds_query(db, id, today, &rs, &n, err) != 0)
		return -1;
	if (n == 0) {
		free(rs);
		bf_error_set(err, _("There is no publicity round %lld"), (long long)id);
		return 1;
	}
	*r = rs[0];
	free(rs);
	return 0;
}

int bf_round_create(bf_db *db, const struct bf_round_new *r, int64_t *id, bf_error *err)
{
	int rc = require(db, err);
	if (rc != 0)
		return rc;
	char place[256], contact[64], phone[32], office[128];
	trimmed(r->place, place, sizeof place);
	trimmed(r->contact, contact, sizeof contact);
	trimmed(r->phone, phone, sizeof phone);
	trimmed(r->office, office, sizeof office);
	if (r->n == 0) {
		bf_error_set(err, "%s", _("A publicity round needs at least one approved case"));
		return 1;
	}
	if (!place[0] || !contact[0] || !phone[0] || !office[0]) {
		bf_error_set(err, "%s",
		             _("A publicity round needs the place of posting and a contact for "
		               "objections (name, phone and office)"));
		return 1;
	}
	/* the public notice prints it: it must be a number people can call */
	if (!bf_phone_validate(phone, err))
		return 1;
	for (size_t i = 0; i < r->n; i++)
		for (size_t k = 0; k < i; k++)
			if (r->case_ids[i] == r->case_ids[k]) {
				bf_error_set(err, "%s", _("A case is listed twice"));
				return 1;
			}
	bf_date today = r->today == BF_DATE_NONE ? bf_date_today() : r->today;
	bf_date start = r->start == BF_DATE_NONE ? today : r->start;
	int days =
	    r->days > 0 ? r->days : (int)bf_setting_int(db, "publicity_days", BF_PUB_DEFAULT_DAYS);
	if (days < 1 || days > 60) {
		bf_error_set(err, _("%d is not a number of working days for a publicity (1–60)"),
		             days);
		return 1;
	}
	struct bf_calendar cal;
	if (bf_calendar_load(db, &cal, err) != 0)
		return -1;
	bf_date end = bf_pub_period_end(&cal, start, days);
	bf_calendar_free(&cal);

	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	int ret = -1;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO publicity_round (start_date, end_date, days, place,"
	                  " contact_name, contact_phone, contact_office, created_at, created_by)"
	                  " VALUES (:s, :e, :d, :place, :contact, :phone, :office, bf_now(),"
	                  " bf_actor())") != 0)
		goto dberr;
	rc = bind_date(&st, ":s", start) || bind_date(&st, ":e", end) ||
	     bf_bind_int(&st, ":d", days) || bf_bind_text(&st, ":place", place) ||
	     bf_bind_text(&st, ":contact", contact) || bf_bind_text(&st, ":phone", phone) ||
	     bf_bind_text(&st, ":office", office);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	if (rc != 0)
		goto dberr;
	int64_t rid = sqlite3_last_insert_rowid(db->h);
	for (size_t i = 0; i < r->n; i++) {
		struct bf_move m;
		bf_move_init(&m, BF_STATE_IN_PUBLICITY);
		m.today = today;
		int mrc = bf_case_advance_in_txn(db, r->case_ids[i], &m, end, err);
		if (mrc != 0) {
			ret = mrc;
			goto fail;
		}
		struct bf_review rev;
		bf_error rerr = {{0}};
		int lrc = bf_review_latest(db, r->case_ids[i], &rev, &rerr);
		if (lrc < 0) {
			*err = rerr;
			goto fail;
		}
		bool approved = lrc == 0 && rev.decision == BF_REVIEW_APPROVE;
		if (bf_db_prepare(
		        db, &st,
		        "INSERT INTO publicity_case (round_id, case_id, position, category,"
		        " amount) VALUES (:r, :c, :p, :cat, :amount)") != 0)
			goto dberr;
		rc = bf_bind_int(&st, ":r", rid) || bf_bind_int(&st, ":c", r->case_ids[i]) ||
		     bf_bind_int(&st, ":p", (int64_t)i + 1) ||
		     (approved && rev.category >= 1 ? bf_bind_int(&st, ":cat", rev.category)
		                                    : bf_bind_null(&st, ":cat")) ||
		     (approved && rev.amount > 0 ? bf_bind_int(&st, ":amount", rev.amount)
		                                 : bf_bind_null(&st, ":amount"));
		if (rc == 0 && bf_step(&st) != SQLITE_DONE)
			rc = -1;
		bf_finalize(&st);
		if (rc != 0)
			goto dberr;
	}
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (id)
		*id = rid;
	return 0;
dberr:
	bf_db_error(db, err);
fail:
	bf_db_rollback(db);
	return ret;
}

/* a round's files' columns as struct bf_round_case holds them (coldesc.h) */
#define RC(kind, member) kind(struct bf_round_case, member)
static const struct bf_field round_case_fields[] = {
    RC(BF_NUM, case_id), RC(BF_TEXT, number),  RC(BF_TEXT, name), RC(BF_TEXT, status),
    RC(BF_TEXT, reason), RC(BF_NUM, category), RC(BF_NUM, amount)};
#undef RC

int bf_round_cases(bf_db *db, int64_t round_id, struct bf_round_case **out, size_t *n,
                   bf_error *err)
{
	*out = NULL;
	*n = 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT p.case_id, c.number, m.name, p.status, p.reason, p.category,"
	                  " p.amount FROM publicity_case p JOIN case_file c ON c.id = p.case_id"
	                  " LEFT JOIN member m ON m.case_id = c.id AND m.position = 0"
	                  " WHERE p.round_id = :r ORDER BY p.position") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	size_t cap = 0;
	int rc = bf_bind_int(&st, ":r", round_id) == 0 ? SQLITE_ROW : SQLITE_ERROR;
	while (rc == SQLITE_ROW && (rc = bf_step(&st)) == SQLITE_ROW) {
		if (!bf_grow(out, &cap, *n + 1, sizeof **out)) {
			rc = SQLITE_NOMEM;
			break;
		}
		struct bf_round_case *c = &(*out)[(*n)++];
		memset(c, 0, sizeof *c);
		bf_fields_read(&st, round_case_fields, BF_ARRAY_LEN(round_case_fields), c);
	}
	return bf_rows_end(db, &st, rc, out, n, err);
}

int bf_pub_notice_id_digits(bf_db *db)
{
	int64_t d = bf_setting_int(db, BF_NOTICE_ID_DIGITS_SETTING, BF_NOTICE_ID_DIGITS_DEFAULT);
	return d < 0 ? 0 : d > BF_NOTICE_ID_DIGITS_MAX ? BF_NOTICE_ID_DIGITS_MAX : (int)d;
}

int bf_round_entries(bf_db *db, int64_t round_id, bool passed_only, struct bf_pub_entry **out,
                     size_t *n, bf_error *err)
{
	int digits = bf_pub_notice_id_digits(db);
	struct bf_round_case *rc;
	size_t nc;
	*out = NULL;
	*n = 0;
	if (bf_round_cases(db, round_id, &rc, &nc, err) != 0)
		return -1;
	struct bf_case *c = malloc(sizeof *c);
	*out = calloc(nc ? nc : 1, sizeof **out);
	if (!c || !*out) {
		free(c);
		free(rc);
		free(*out);
		*out = NULL;
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	for (size_t i = 0; i < nc; i++) {
		if (passed_only && strcmp(rc[i].status, "passed") != 0)
			continue;
		if (bf_case_load(db, rc[i].case_id, c, err) != 0) {
			free(c);
			free(rc);
			free(*out);
			*out = NULL;
			*n = 0;
			return -1;
		}
		bf_pub_entry_from_case(&(*out)[(*n)++], c, rc[i].category, rc[i].amount, digits);
	}
	free(c);
	free(rc);
	return 0;
}

/* ---- objections --------------------------------------------------------------------- */

#define OBJ_COLS                                                                               \
	"o.id, o.round_id, o.case_id, c.number, m.name, o.received_date, o.via,"               \
	" bf_open(o.raised_by, 'objection.raised_by', o.case_id),"                             \
	" bf_open(o.claim, 'objection.claim', o.case_id), o.status,"                           \
	" bf_open(o.investigation, 'objection.investigation', o.case_id), o.investigated_by,"  \
	" bf_open(o.resolution, 'objection.resolution', o.case_id), o.resolved_by,"            \
	" o.resolved_at, o.created_at, o.created_by"                                           \
	" FROM objection o JOIN case_file c ON c.id = o.case_id"                               \
	" LEFT JOIN member m ON m.case_id = c.id AND m.position = 0"

/* OBJ_COLS as struct bf_objection holds them (coldesc.h); the date, the
 * channel and the status are parsed below */
#define OB(kind, member) kind(struct bf_objection, member)
static const struct bf_field objection_fields[] = {OB(BF_NUM, id),
                                                   OB(BF_NUM, round_id),
                                                   OB(BF_NUM, case_id),
                                                   OB(BF_TEXT, case_number),
                                                   OB(BF_TEXT, person),
                                                   BF_SKIP,
                                                   BF_SKIP,
                                                   OB(BF_TEXT, raised_by),
                                                   OB(BF_TEXT, claim),
                                                   BF_SKIP,
                                                   OB(BF_TEXT, investigation),
                                                   OB(BF_TEXT, investigated_by),
                                                   OB(BF_TEXT, resolution),
                                                   OB(BF_TEXT, resolved_by),
                                                   OB(BF_TEXT, resolved_at),
                                                   OB(BF_TEXT, created_at),
                                                   OB(BF_TEXT, created_by)};
#undef OB

static void read_objection(bf_stmt *st, struct bf_objection *o)
{
	memset(o, 0, sizeof *o);
	bf_fields_read(st, objection_fields, BF_ARRAY_LEN(objection_fields), o);
	o->received = col_date(st, 5);
	o->via = bf_obj_via_parse(bf_col_text(st, 6));
	o->status = bf_obj_status_parse(bf_col_text(st, 9));
}

static int obj_query(bf_db *db, const char *sql, int64_t key, struct bf_objection **out, size_t *n,
                     bf_error *err)
{
	*out = NULL;
	*n = 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	int rc = SQLITE_ROW;
	if (strstr(sql, ":k") && bf_bind_int(&st, ":k", key) != 0)
		rc = SQLITE_ERROR;
	size_t cap = 0;
	while (rc == SQLITE_ROW && (rc = bf_step(&st)) == SQLITE_ROW) {
		if (!bf_grow(out, &cap, *n + 1, sizeof **out)) {
			rc = SQLITE_NOMEM;
			break;
		}
		read_objection(&st, &(*out)[(*n)++]);
	}
	return bf_rows_end(db, &st, rc, out, n, err);
}

int bf_objection_list(bf_db *db, int64_t round_id, bool open_only, struct bf_objection **out,
                      size_t *n, bf_error *err)
{
	char sql[1024];
	snprintf(sql, sizeof sql, "SELECT " OBJ_COLS " WHERE %s %s ORDER BY o.id",
	         round_id ? "o.round_id = :k" : "1",
	         open_only ? "AND o.status IN ('open', 'investigating')" : "");
	return obj_query(db, sql, round_id, out, n, err);
}

int bf_objection_load(bf_db *db, int64_t id, struct bf_objection *o, bf_error *err)
{
	struct bf_objection *os;
	size_t n;
	if (obj_query(db, "SELECT " OBJ_COLS " WHERE o.id = :k", id, &os, &n, err) != 0)
		return -1;
	if (n == 0) {
		free(os);
		bf_error_set(err, _("There is no objection %lld"), (long long)id);
		return 1;
	}
	*o = os[0];
	free(os);
	return 0;
}

int bf_objection_record(bf_db *db, int64_t round_id, const struct bf_objection_new *o, int64_t *id,
                        bf_error *err)
{
	int rc = require(db, err);
	if (rc != 0)
		return rc;
	bf_date today = o->today == BF_DATE_NONE ? bf_date_today() : o->today;
	bf_date received = o->received == BF_DATE_NONE ? today : o->received;
	char claim[512], by[64];
	trimmed(o->claim, claim, sizeof claim);
	trimmed(o->raised_by, by, sizeof by);
	if (o->via < 0 || o->via >= BF_VIA_COUNT) {
		bf_error_set(err, "%s",
		             _("How the objection was received: phone, letter or in person"));
		return 1;
	}
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	struct bf_round r;
	char msg[512];
	int ret = bf_round_load(db, round_id, today, &r, err);
	if (ret != 0)
		goto fail;
	ret = 1;
	if (r.status != BF_ROUND_OPEN) {
		bf_error_set(err, "%s", _("The round is closed: no objection can be recorded"));
		goto fail;
	}
	if (!bf_obj_new_check(claim, received, r.start, today, msg, sizeof msg)) {
		bf_error_set(err, "%s", msg);
		goto fail;
	}
	bf_stmt st;
	ret = -1;
	if (bf_db_prepare(
	        db, &st,
	        "SELECT status FROM publicity_case WHERE round_id = :r AND case_id = :c") != 0)
		goto dberr;
	rc = bf_bind_int(&st, ":r", round_id) || bf_bind_int(&st, ":c", o->case_id);
	int step = rc == 0 ? bf_step(&st) : SQLITE_ERROR;
	char status[16] = "";
	if (step == SQLITE_ROW)
		bf_col_copy(&st, 0, status, sizeof status);
	bf_finalize(&st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		goto dberr;
	if (strcmp(status, "listed") != 0) {
		bf_error_set(err, "%s",
		             status[0] ? _("That case has left the round after an upheld objection")
		                       : _("That case is not listed in this round"));
		ret = 1;
		goto fail;
	}
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO objection (round_id, case_id, received_date, via, raised_by,"
	                  " claim, created_at, created_by) VALUES (:r, :c, :d, :via,"
	                  " bf_seal(:by, 'objection.raised_by', :c),"
	                  " bf_seal(:claim, 'objection.claim', :c),"
	                  " bf_now(), bf_actor())") != 0)
		goto dberr;
	rc = bf_bind_int(&st, ":r", round_id) || bf_bind_int(&st, ":c", o->case_id) ||
	     bind_date(&st, ":d", received) || bf_bind_text(&st, ":via", bf_obj_via_code(o->via)) ||
	     bf_bind_text_or_null(&st, ":by", by) || bf_bind_text(&st, ":claim", claim);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	if (rc != 0)
		goto dberr;
	int64_t oid = sqlite3_last_insert_rowid(db->h);
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (id)
		*id = oid;
	return 0;
dberr:
	bf_db_error(db, err);
fail:
	bf_db_rollback(db);
	return ret;
}

/* Load the objection and its round inside the open transaction and check
 * the action is allowed. */
static int obj_begin(bf_db *db, int64_t id, enum bf_obj_action a, const char *text,
                     struct bf_objection *o, struct bf_round *r, bf_date today, bf_error *err)
{
	int rc = bf_objection_load(db, id, o, err);
	if (rc != 0)
		return rc;
	rc = bf_round_load(db, o->round_id, today, r, err);
	if (rc != 0)
		return rc;
	char msg[512];
	if (!bf_obj_check(o->status, a, text, r->status == BF_ROUND_OPEN, msg, sizeof msg)) {
		bf_error_set(err, "%s", msg);
		return 1;
	}
	return 0;
}

int bf_objection_investigate(bf_db *db, int64_t id, const char *note, bf_error *err)
{
	int rc = require(db, err);
	if (rc != 0)
		return rc;
	char text[512];
	trimmed(note, text, sizeof text);
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	struct bf_objection o;
	struct bf_round r;
	int ret = obj_begin(db, id, BF_OBJ_INVESTIGATE, text, &o, &r, BF_DATE_NONE, err);
	if (ret != 0)
		goto fail;
	bf_stmt st;
	ret = -1;
	if (bf_db_prepare(db, &st,
	                  "UPDATE objection SET status = 'investigating',"
	                  " investigation = bf_seal(:note, 'objection.investigation', case_id),"
	                  " investigated_by = bf_actor() WHERE id = :id") != 0)
		goto dberr;
	rc = bf_bind_text(&st, ":note", text) || bf_bind_int(&st, ":id", id);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	if (rc != 0)
		goto dberr;
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
dberr:
	bf_db_error(db, err);
fail:
	bf_db_rollback(db);
	return ret;
}

int bf_objection_resolve(bf_db *db, int64_t id, bool uphold, const char *reason, bf_date today,
                         bf_error *err)
{
	int rc = require(db, err);
	if (rc != 0)
		return rc;
	if (today == BF_DATE_NONE)
		today = bf_date_today();
	char text[512];
	trimmed(reason, text, sizeof text);
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	struct bf_objection o;
	struct bf_round r;
	int ret =
	    obj_begin(db, id, uphold ? BF_OBJ_UPHOLD : BF_OBJ_DISMISS, text, &o, &r, today, err);
	if (ret != 0)
		goto fail;
	bf_stmt st;
	if (uphold) {
		struct bf_move m;
		bf_move_init(&m, BF_STATE_OBJECTION_UPHELD);
		m.reason = text;
		m.today = today;
		ret = bf_case_advance_in_txn(db, o.case_id, &m, r.end, err);
		if (ret != 0)
			goto fail;
		ret = -1;
		if (bf_db_prepare(db, &st,
		                  "UPDATE publicity_case SET status = 'withdrawn', reason = :why"
		                  " WHERE round_id = :r AND case_id = :c AND status = 'listed'") !=
		    0)
			goto dberr;
		rc = bf_bind_text(&st, ":why", text) || bf_bind_int(&st, ":r", o.round_id) ||
		     bf_bind_int(&st, ":c", o.case_id);
		if (rc == 0 && bf_step(&st) != SQLITE_DONE)
			rc = -1;
		bf_finalize(&st);
		if (rc != 0)
			goto dberr;
	}
	ret = -1;
	if (bf_db_prepare(db, &st,
	                  "UPDATE objection SET status = :s,"
	                  " resolution = bf_seal(:why, 'objection.resolution', case_id),"
	                  " resolved_by = bf_actor(), resolved_at = bf_now() WHERE id = :id") != 0)
		goto dberr;
	rc = bf_bind_text(&st, ":s",
	                  bf_obj_status_code(uphold ? BF_OBJ_UPHELD : BF_OBJ_DISMISSED)) ||
	     bf_bind_text(&st, ":why", text) || bf_bind_int(&st, ":id", id);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	if (rc != 0)
		goto dberr;
	if (uphold) {
		/* other objections against the same case have nothing left to decide */
		if (bf_db_prepare(db, &st,
		                  "UPDATE objection SET status = 'dismissed',"
		                  " resolution = bf_seal(:why, 'objection.resolution', case_id),"
		                  " resolved_by = bf_actor(), resolved_at = bf_now()"
		                  " WHERE round_id = :r AND case_id = :c"
		                  " AND status IN ('open', 'investigating')") != 0)
			goto dberr;
		char why[600];
		snprintf(why, sizeof why, _("The case left the round: objection %lld was upheld"),
		         (long long)id);
		rc = bf_bind_text(&st, ":why", why) || bf_bind_int(&st, ":r", o.round_id) ||
		     bf_bind_int(&st, ":c", o.case_id);
		if (rc == 0 && bf_step(&st) != SQLITE_DONE)
			rc = -1;
		bf_finalize(&st);
		if (rc != 0)
			goto dberr;
	}
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
dberr:
	bf_db_error(db, err);
fail:
	bf_db_rollback(db);
	return ret;
}

int bf_round_close(bf_db *db, int64_t id, bf_date today, bf_error *err)
{
	int rc = require(db, err);
	if (rc != 0)
		return rc;
	if (today == BF_DATE_NONE)
		today = bf_date_today();
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	struct bf_round r;
	struct bf_round_case *cs = NULL;
	size_t nc = 0;
	int ret = bf_round_load(db, id, today, &r, err);
	if (ret != 0)
		goto fail;
	ret = 1;
	if (r.status != BF_ROUND_OPEN) {
		bf_error_set(err, "%s", _("The round is already closed"));
		goto fail;
	}
	char msg[512];
	if (!bf_round_close_check(today, r.end, r.n_open, msg, sizeof msg)) {
		bf_error_set(err, "%s", msg);
		goto fail;
	}
	ret = -1;
	if (bf_round_cases(db, id, &cs, &nc, err) != 0)
		goto fail;
	bf_stmt st;
	for (size_t i = 0; i < nc; i++) {
		if (strcmp(cs[i].status, "listed") != 0)
			continue;
		/* a file moved on outside the round (closed, say) leaves it */
		char moved[24] = "";
		if (bf_db_prepare(db, &st, "SELECT status FROM case_file WHERE id = :c") != 0)
			goto dberr;
		if (bf_bind_int(&st, ":c", cs[i].case_id) == 0 && bf_step(&st) == SQLITE_ROW)
			bf_col_copy(&st, 0, moved, sizeof moved);
		bf_finalize(&st);
		if (strcmp(moved, bf_state_code(BF_STATE_IN_PUBLICITY)) != 0) {
			char why[256];
			snprintf(why, sizeof why, "%s: %s", _("Moved on outside the round"),
			         bf_state_label_of(moved));
			if (bf_db_prepare(
			        db, &st,
			        "UPDATE publicity_case SET status = 'withdrawn', reason = :why"
			        " WHERE round_id = :r AND case_id = :c") != 0)
				goto dberr;
			rc = bf_bind_text(&st, ":why", why) || bf_bind_int(&st, ":r", id) ||
			     bf_bind_int(&st, ":c", cs[i].case_id);
			if (rc == 0 && bf_step(&st) != SQLITE_DONE)
				rc = -1;
			bf_finalize(&st);
			if (rc != 0)
				goto dberr;
			continue;
		}
		struct bf_move m;
		bf_move_init(&m, BF_STATE_PUBLICITY_PASSED);
		m.today = today;
		ret = bf_case_advance_in_txn(db, cs[i].case_id, &m, r.end, err);
		if (ret != 0)
			goto fail;
		ret = -1;
	}
	if (bf_db_prepare(db, &st,
	                  "UPDATE publicity_case SET status = 'passed'"
	                  " WHERE round_id = :r AND status = 'listed'") != 0)
		goto dberr;
	rc = bf_bind_int(&st, ":r", id);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	if (rc != 0)
		goto dberr;
	if (bf_db_prepare(db, &st,
	                  "UPDATE publicity_round SET status = 'closed', closed_at = bf_now(),"
	                  " closed_by = bf_actor() WHERE id = :r AND status = 'open'") != 0)
		goto dberr;
	rc = bf_bind_int(&st, ":r", id);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	if (rc != 0)
		goto dberr;
	free(cs);
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
dberr:
	bf_db_error(db, err);
fail:
	free(cs);
	bf_db_rollback(db);
	return ret;
}

int bf_publicity_alerts(bf_db *db, bf_date today, struct bf_pub_alerts *a, bf_error *err)
{
	memset(a, 0, sizeof *a);
	if (today == BF_DATE_NONE)
		today = bf_date_today();
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT (SELECT count(*) FROM publicity_round WHERE status = 'open'"
	                  "   AND end_date = :t),"
	                  " (SELECT count(*) FROM publicity_round WHERE status = 'open'"
	                  "   AND end_date < :t),"
	                  " (SELECT count(*) FROM objection WHERE status IN ('open',"
	                  "   'investigating'))") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	int rc = bind_date(&st, ":t", today) == 0 ? bf_step(&st) : SQLITE_ERROR;
	if (rc == SQLITE_ROW) {
		a->ending_today = (size_t)bf_col_int(&st, 0);
		a->overdue = (size_t)bf_col_int(&st, 1);
		a->objections_waiting = (size_t)bf_col_int(&st, 2);
	}
	bf_finalize(&st);
	if (rc != SQLITE_ROW) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}
