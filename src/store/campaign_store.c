/* campaign_store.c — consolation standards and events, campaigns, drawn
 * lists, payments, spot checks and the ledger. */
#include "config.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bangfu/accounts.h"
#include "bangfu/campaign_store.h"
#include "bangfu/coldesc.h"
#include "bangfu/money.h"
#include "bangfu/purge.h"
#include "bangfu/store.h"
#include "bangfu/workflow.h"

/* ---- helpers -------------------------------------------------------------------- */

/* The unit a household belongs to: in a district database the employer
 * (each file's unit), in a unit's own database the department. */
#define UNIT_EXPR                                                              \
	"CASE WHEN coalesce((SELECT district_mode FROM unit WHERE id = 1), 0)" \
	" THEN coalesce(f.employer, f.department) ELSE coalesce(f.department, f.employer) END"

static int step_done(bf_stmt *st)
{
	int rc = bf_step(st);
	bf_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int64_t q_int1(bf_db *db, const char *sql, const char *name, int64_t v, int64_t dflt)
{
	bf_stmt st;
	int64_t out = dflt;
	if (bf_db_prepare(db, &st, sql) != 0)
		return dflt;
	if (bf_bind_int(&st, name, v) == 0 && bf_step(&st) == SQLITE_ROW && !bf_col_is_null(&st, 0))
		out = bf_col_int(&st, 0);
	bf_finalize(&st);
	return out;
}

static bool valid_date(const char *s)
{
	bf_date d;
	return s && bf_date_parse(s, &d);
}

static int case_id_of(bf_db *db, const char *number, int64_t *id, bf_error *err)
{
	int rc = bf_case_lookup(db, number, id, err);
	if (rc > 0)
		bf_error_set(err, _("there is no file %s"), number ? number : "");
	return rc;
}

/* ---- consolation standards ------------------------------------------------------ */

int bf_consolation_standards(bf_db *db, int year, struct bf_consolation_standard out[BF_EV_COUNT],
                             int *from_year, bf_error *err)
{
	for (int e = 0; e < BF_EV_COUNT; e++) {
		bf_consolation_standard_seed((enum bf_event)e, year, &out[e]);
		if (from_year)
			from_year[e] = 0;
	}
	bf_stmt st;
	if (bf_db_prepare(
	        db, &st,
	        "SELECT year, event, cash, goods, goods_note, manual"
	        " FROM consolation_standard s WHERE year = (SELECT max(year)"
	        " FROM consolation_standard t WHERE t.event = s.event AND t.year <= :y)") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (bf_bind_int(&st, ":y", year) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		int e = bf_event_parse(bf_col_text(&st, 1));
		if (e < 0)
			continue;
		struct bf_consolation_standard *s = &out[e];
		s->cash = bf_col_int(&st, 2);
		s->goods = bf_col_int(&st, 3);
		bf_col_copy(&st, 4, s->goods_note, sizeof s->goods_note);
		s->manual = bf_col_int(&st, 5) != 0;
		if (from_year)
			from_year[e] = (int)bf_col_int(&st, 0);
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

int bf_consolation_standard_save(bf_db *db, const struct bf_consolation_standard *s, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_SETTINGS, err) != 0)
		return -1;
	if ((unsigned)s->event >= BF_EV_COUNT || s->year < 1900 || s->year > 2199) {
		bf_error_set(err, "%s",
		             _("a standard needs an event and a year from 1900 to 2199"));
		return -1;
	}
	if (s->cash < 0 || s->goods < 0 || s->cash > BF_FEN_MAX || s->goods > BF_FEN_MAX) {
		bf_error_set(err, "%s", _("amounts may not be negative or that large"));
		return -1;
	}
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	bf_stmt st;
	int rc = -1;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO consolation_standard (year, event, cash, goods, goods_note,"
	                  " manual) VALUES (:y, :e, :c, :g, :n, :m) ON CONFLICT (year, event) DO"
	                  " UPDATE SET cash = excluded.cash, goods = excluded.goods,"
	                  " goods_note = excluded.goods_note, manual = excluded.manual"
	                  " WHERE cash IS NOT excluded.cash OR goods IS NOT excluded.goods"
	                  " OR goods_note IS NOT excluded.goods_note"
	                  " OR manual IS NOT excluded.manual") == 0) {
		if (bf_bind_int(&st, ":y", s->year) == 0 &&
		    bf_bind_text(&st, ":e", bf_event_code(s->event)) == 0 &&
		    bf_bind_int(&st, ":c", s->cash) == 0 && bf_bind_int(&st, ":g", s->goods) == 0 &&
		    bf_bind_text_or_null(&st, ":n", s->goods_note) == 0 &&
		    bf_bind_int(&st, ":m", s->manual ? 1 : 0) == 0)
			rc = step_done(&st);
		else
			bf_finalize(&st);
	}
	if (rc != 0)
		bf_db_error(db, err);
	return bf_db_finish(db, own, rc, err);
}

/* ---- consolation events --------------------------------------------------------- */

/* consolation k as struct bf_consolation_rec holds it (coldesc.h), with its
 * file's number and name and the day it was paid; the event and relation
 * are kept as their codes */
#define KC(col, kind, member, flags) BF_COL(col, kind, struct bf_consolation_rec, member, flags)
static const struct bf_col cons_cols[] = {
    KC("id", BF_FIELD_NUM, id, BF_COL_RO),
    KC("case_id", BF_FIELD_NUM, case_id, 0),
    KC("f.number", BF_FIELD_TEXT, case_number, BF_COL_RO),
    KC("f.name", BF_FIELD_TEXT, employee, BF_COL_RO),
    BF_COL_CODE("event", 0),
    KC("date", BF_FIELD_TEXT, date, 0),
    KC("year", BF_FIELD_NUM, year, 0),
    KC("member", BF_FIELD_TEXT, member, BF_COL_NULL),
    BF_COL_CODE("relation", 0),
    KC("cash", BF_FIELD_NUM, cash, 0),
    KC("goods", BF_FIELD_NUM, goods, 0),
    KC("goods_note", BF_FIELD_TEXT, goods_note, BF_COL_NULL),
    KC("status", BF_FIELD_TEXT, status, 0),
    KC("discretion", BF_FIELD_TEXT, discretion, BF_COL_NULL),
    KC("decision_reason", BF_FIELD_TEXT, decision_reason, BF_COL_NULL),
    KC("decided_by", BF_FIELD_TEXT, decided_by, BF_COL_NULL),
    KC("p.paid_on", BF_FIELD_TEXT, paid_on, BF_COL_RO),
};
#undef KC
static const struct bf_table cons_table = BF_TABLE("consolation", cons_cols);

#define CONS_FROM                                                                     \
	"FROM consolation k JOIN case_file f ON f.id = k.case_id LEFT JOIN payment p" \
	" ON p.consolation_id = k.id "

static void cons_fix(bf_stmt *st, void *row)
{
	struct bf_consolation_rec *r = row;
	int e = bf_event_parse(bf_col_text(st, 4));
	r->event = e < 0 ? BF_EV_HOSPITAL : (enum bf_event)e;
	r->relation =
	    bf_col_is_null(st, 8) ? -1 : bf_enum_parse(BF_ENUM_RELATION, bf_col_text(st, 8));
	bf_purged_show(r->employee, sizeof r->employee);
	bf_purged_show(r->discretion, sizeof r->discretion);
	bf_purged_show(r->decision_reason, sizeof r->decision_reason);
}

static void cons_row(bf_stmt *st, struct bf_consolation_rec *r)
{
	memset(r, 0, sizeof *r);
	bf_table_read(st, &cons_table, 0, r);
	cons_fix(st, r);
}

/* Earlier events of the same person (this file and the person's other
 * files, by ID number). *out malloc'd. */
static int load_priors(bf_db *db, const struct bf_case *c, struct bf_consolation_prior **out,
                       size_t *n, bf_error *err)
{
	*out = NULL;
	*n = 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT event, member, date, status FROM consolation WHERE case_id = :c"
	                  " OR case_id IN (SELECT id FROM case_file WHERE id_bidx = bf_bidx(:idn, 'id'))") !=
	        0 ||
	    bf_bind_int(&st, ":c", c->id) != 0 ||
	    bf_bind_text(&st, ":idn", c->n_members ? c->members[0].id_number : "") != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	size_t cap = 0;
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		struct bf_consolation_prior *p = bf_push(out, &cap, n, sizeof **out);
		if (!p) {
			bf_finalize(&st);
			bf_error_set(err, "%s", _("out of memory"));
			return -1;
		}
		int e = bf_event_parse(bf_col_text(&st, 0));
		p->event = e < 0 ? BF_EV_COUNT : (enum bf_event)e;
		bf_col_copy(&st, 1, p->member, sizeof p->member);
		if (!bf_date_parse(bf_col_text(&st, 2), &p->date))
			p->date = BF_DATE_NONE;
		p->declined = strcmp(bf_col_text(&st, 3), "declined") == 0;
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

int bf_consolation_record(bf_db *db, const char *case_number, enum bf_event event,
                          const char *member, int relation, bf_date date, bf_fen manual_amount,
                          bool as_goods, int decide, const char *reason, const char *note,
                          int64_t *id, struct bf_consolation_result *res, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_CASE_EDIT, err) != 0 ||
	    (decide != 0 && bf_store_require(db, BF_PERM_REVIEW, err) != 0))
		return -1;
	memset(res, 0, sizeof *res);
	if ((unsigned)event >= BF_EV_COUNT) {
		bf_error_set(err, "%s", _("unknown consolation event"));
		return 1;
	}
	int64_t cid;
	int rc = case_id_of(db, case_number, &cid, err);
	if (rc != 0)
		return rc < 0 ? -1 : 1;
	struct bf_case *c = malloc(sizeof *c);
	struct bf_consolation_prior *prior = NULL;
	size_t nprior = 0;
	if (!c) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	rc = -1;
	bool own = false, began = false;
	if (bf_db_join(db, &own, err) != 0)
		goto out;
	began = true;
	if (bf_case_load(db, cid, c, err) != 0)
		goto out;

	/* who: the employee, a member on the file, or someone named with a relation */
	char who[BF_NAME_SZ] = "";
	bf_strlcpy(who, member ? member : "", sizeof who);
	bf_trim(who);
	enum bf_relation rel = BF_REL_SELF;
	if (bf_event_subject(event) == BF_SUBJECT_EMPLOYEE) {
		if (who[0] && strcmp(who, c->members[0].name) != 0) {
			bf_error_set(err, _("%s concerns the employee (%s), not %s"),
			             bf_event_label(event), c->members[0].name, who);
			rc = 1;
			goto out;
		}
		who[0] = '\0';
	} else if (who[0]) {
		const struct bf_member *m = NULL;
		for (size_t i = 0; i < c->n_members; i++)
			if (strcmp(c->members[i].name, who) == 0)
				m = &c->members[i];
		if (m) {
			if (relation >= 0 && relation != (int)m->relation) {
				bf_error_set(err, _("file %s lists %s as %s"), c->number, who,
				             bf_enum_label(BF_ENUM_RELATION, (int)m->relation));
				rc = 1;
				goto out;
			}
			rel = m->relation;
		} else if (relation >= 0 && relation < BF_REL_COUNT) {
			rel = (enum bf_relation)relation;
		} else {
			bf_error_set(
			    err,
			    _("%s is not a household member on file %s: give the relation "
			      "(spouse, father, mother, father_in_law, mother_in_law, child, "
			      "child_in_law, ...)"),
			    who, c->number);
			rc = 1;
			goto out;
		}
	}

	int year = 0;
	if (date != BF_DATE_NONE)
		bf_date_to_ymd(date, &year, NULL, NULL);
	struct bf_consolation_standard stds[BF_EV_COUNT];
	if (bf_consolation_standards(db, year ? year : c->year, stds, NULL, err) != 0)
		goto out;
	if (load_priors(db, c, &prior, &nprior, err) != 0)
		goto out;
	struct bf_consolation_request req = {.event = event,
	                                     .member = who,
	                                     .relation = rel,
	                                     .date = date,
	                                     .manual_amount = manual_amount,
	                                     .as_goods = as_goods};
	enum bf_consolation_verdict v =
	    bf_consolation_assess(&stds[event], &req, prior, nprior, res);
	if (v == BF_CONS_REFUSED) {
		bf_error_set(err, "%s", res->reason);
		rc = 1;
		goto out;
	}
	char rbuf[256] = "";
	bf_strlcpy(rbuf, reason ? reason : "", sizeof rbuf);
	bf_trim(rbuf);
	const char *status = "approved";
	if (decide < 0 || (v == BF_CONS_DISCRETION && decide > 0)) {
		if (!rbuf[0]) {
			bf_error_set(err, "%s", _("a decision needs a reason"));
			rc = 1;
			goto out;
		}
		status = decide < 0 ? "declined" : "approved";
	} else if (v == BF_CONS_DISCRETION) {
		status = "pending";
	}
	bool decided = strcmp(status, "pending") != 0 && rbuf[0];
	char dbuf[BF_DATE_SZ];
	bf_date_format(date, dbuf);
	struct bf_consolation_rec k = {
	    .case_id = cid, .year = year, .cash = res->cash, .goods = res->goods};
	bf_strlcpy(k.date, dbuf, sizeof k.date);
	bf_strlcpy(k.member, who, sizeof k.member);
	bf_strlcpy(k.goods_note, res->goods_note, sizeof k.goods_note);
	bf_strlcpy(k.status, status, sizeof k.status);
	bf_strlcpy(k.discretion, v == BF_CONS_DISCRETION ? res->reason : "", sizeof k.discretion);
	bf_strlcpy(k.decision_reason, rbuf, sizeof k.decision_reason);
	bf_strlcpy(k.decided_by, decided ? db->actor : "", sizeof k.decided_by);
	char sql[2048];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_insert(&cons_table, ":case_id",
	                                  "decided_at, note, created_at, created_by",
	                                  "CASE WHEN :decided THEN bf_now() END,"
	                                  " bf_seal(:note, 'consolation.note', :case_id), bf_now(),"
	                                  " bf_actor()",
	                                  sql, sizeof sql)) != 0) {
		bf_db_error(db, err);
		goto out;
	}
	if (bf_table_bind(&st, &cons_table, &k) ||
	    bf_bind_text(&st, ":event", bf_event_code(event)) ||
	    bf_bind_text(&st, ":relation", bf_enum_code(BF_ENUM_RELATION, (int)rel)) ||
	    bf_bind_int(&st, ":decided", decided) || bf_bind_text_or_null(&st, ":note", note)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		goto out;
	}
	if (step_done(&st) != 0) {
		bf_db_error(db, err);
		goto out;
	}
	if (id)
		*id = sqlite3_last_insert_rowid(db->h);
	rc = 0;
out:
	if (began)
		rc = bf_db_finish(db, own, rc, err);
	free(prior);
	free(c);
	return rc;
}

int bf_consolation_decide(bf_db *db, int64_t id, bool approve, const char *reason, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_REVIEW, err) != 0)
		return -1;
	if (bf_blank(reason)) {
		bf_error_set(err, "%s", _("a decision needs a reason"));
		return -1;
	}
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	int rc = -1;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "UPDATE consolation SET status = :s,"
	                  " decision_reason = bf_seal(:r, 'consolation.decision_reason', case_id),"
	                  " decided_by = bf_actor(), decided_at = bf_now()"
	                  " WHERE id = :id AND status = 'pending'") == 0 &&
	    bf_bind_text(&st, ":s", approve ? "approved" : "declined") == 0 &&
	    bf_bind_text(&st, ":r", reason) == 0 && bf_bind_int(&st, ":id", id) == 0) {
		rc = step_done(&st);
		if (rc != 0)
			bf_db_error(db, err);
		else if (sqlite3_changes(db->h) == 0) {
			bf_error_set(err, _("consolation %lld is not waiting for a decision"),
			             (long long)id);
			rc = -1;
		}
	} else {
		bf_db_error(db, err);
		bf_finalize(&st);
	}
	return bf_db_finish(db, own, rc, err);
}

int bf_consolation_list(bf_db *db, int year, const char *case_number,
                        struct bf_consolation_rec **out, size_t *n, bf_error *err)
{
	*out = NULL;
	*n = 0;
	char sql[3072];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_query(&cons_table, "k",
	                                 CONS_FROM
	                                 "WHERE (:y = 0 OR k.year = :y) AND (:num IS NULL"
	                                 " OR f.number = :num) ORDER BY k.date DESC, k.id DESC",
	                                 sql, sizeof sql)) != 0 ||
	    bf_bind_int(&st, ":y", year) != 0 || bf_bind_text_or_null(&st, ":num", case_number)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	return bf_table_rows(db, &st, &cons_table, sizeof **out, cons_fix, out, n, err);
}

int bf_consolation_get(bf_db *db, int64_t id, struct bf_consolation_rec *r, bf_error *err)
{
	char sql[3072];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_query(&cons_table, "k", CONS_FROM "WHERE k.id = :id", sql,
	                                 sizeof sql)) != 0 ||
	    bf_bind_int(&st, ":id", id) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		cons_row(&st, r);
	else if (rc == SQLITE_DONE)
		bf_error_set(err, _("there is no consolation %lld"), (long long)id);
	else
		bf_db_error(db, err);
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* ---- payments ----------------------------------------------------------------- */

struct pay_row {
	int64_t recipient_id, consolation_id, campaign_id, case_id;
	const char *paid_on;
	int year;
	bf_fen cash, goods;
	const char *payee, *unit, *grp, *signer, *relation, *phone;
};

/* payment as a payment being recorded holds it (coldesc.h); the ledger
 * reads it as ledger_cols */
#define YC(col, kind, member, flags) BF_COL(col, kind, struct pay_row, member, flags)
static const struct bf_col pay_cols[] = {
    YC("recipient_id", BF_FIELD_NUM, recipient_id, BF_COL_NULL),
    YC("consolation_id", BF_FIELD_NUM, consolation_id, BF_COL_NULL),
    YC("campaign_id", BF_FIELD_NUM, campaign_id, BF_COL_NULL),
    YC("case_id", BF_FIELD_NUM, case_id, 0),
    YC("paid_on", BF_FIELD_CSTR, paid_on, 0),
    YC("year", BF_FIELD_NUM, year, 0),
    YC("cash", BF_FIELD_NUM, cash, 0),
    YC("goods", BF_FIELD_NUM, goods, 0),
    YC("payee", BF_FIELD_CSTR, payee, 0),
    YC("unit", BF_FIELD_CSTR, unit, BF_COL_NULL),
    YC("grp", BF_FIELD_CSTR, grp, 0),
    YC("signer", BF_FIELD_CSTR, signer, 0),
    YC("signer_relation", BF_FIELD_CSTR, relation, 0),
    YC("phone", BF_FIELD_CSTR, phone, 0),
};
#undef YC
static const struct bf_table pay_table = BF_TABLE("payment", pay_cols);

static int insert_payment(bf_db *db, const struct pay_row *p)
{
	char sql[1152];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_insert(&pay_table, ":case_id", "created_at, created_by",
	                                  "bf_now(), bf_actor()", sql, sizeof sql)) != 0)
		return -1;
	if (bf_table_bind(&st, &pay_table, p)) {
		bf_finalize(&st);
		return -1;
	}
	return step_done(&st);
}

/* Checks shared by both kinds of payment: date, amount in full, signer. */
static int check_payment_in(const struct bf_case *c, const struct bf_payment_in *p, bf_fen cash,
                            bf_fen goods, char phone[BF_PHONE_SZ], bf_error *err)
{
	char a[32], b[32];
	if (!valid_date(p->paid_on)) {
		bf_error_set(err, _("the date paid \"%s\" is not a date (YYYY-MM-DD)"),
		             p->paid_on ? p->paid_on : "");
		return -1;
	}
	if (p->amount >= 0 && p->amount != cash + goods) {
		bf_error_set(err,
		             _("amount %s differs from the standard %s: a payment is made in full "
		               "or not at all, never split"),
		             bf_money_format(p->amount, a, sizeof a),
		             bf_money_format(cash + goods, b, sizeof b));
		return -1;
	}
	if (p->relation < 0 || p->relation >= BF_REL_COUNT) {
		bf_error_set(err, "%s", _("give the signer's relation to the employee"));
		return -1;
	}
	return bf_signer_check(c, p->signer, (enum bf_relation)p->relation, p->phone, phone, err);
}

static int case_unit(bf_db *db, int64_t case_id, char *buf, size_t n)
{
	bf_stmt st;
	buf[0] = '\0';
	if (bf_db_prepare(db, &st, "SELECT " UNIT_EXPR " FROM case_file f WHERE f.id = :id") != 0)
		return -1;
	if (bf_bind_int(&st, ":id", case_id) == 0 && bf_step(&st) == SQLITE_ROW)
		bf_col_copy(&st, 0, buf, n);
	bf_finalize(&st);
	return 0;
}

int bf_consolation_pay(bf_db *db, int64_t id, const struct bf_payment_in *p, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_CASE_EDIT, err) != 0)
		return -1;
	struct bf_consolation_rec r;
	if (bf_consolation_get(db, id, &r, err) != 0)
		return -1;
	if (!p->paid) {
		bf_error_set(err, "%s", _("a consolation is recorded when it is paid"));
		return -1;
	}
	if (strcmp(r.status, "approved") != 0) {
		bf_error_set(
		    err,
		    strcmp(r.status, "pending") == 0
		        ? _("consolation %lld waits for a decision: decide it before paying")
		        : _("consolation %lld was declined"),
		    (long long)id);
		return -1;
	}
	if (r.paid_on[0]) {
		bf_error_set(err, _("consolation %lld was already paid on %s"), (long long)id,
		             r.paid_on);
		return -1;
	}
	struct bf_case *c = malloc(sizeof *c);
	if (!c) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	bool own = false;
	int rc = -1;
	if (bf_db_join(db, &own, err) != 0) {
		free(c);
		return -1;
	}
	char phone[BF_PHONE_SZ], unit[BF_TEXT_SZ];
	if (bf_case_load(db, r.case_id, c, err) != 0 ||
	    check_payment_in(c, p, r.cash, r.goods, phone, err) != 0)
		goto out;
	case_unit(db, r.case_id, unit, sizeof unit);
	struct pay_row row = {.consolation_id = id,
	                      .case_id = r.case_id,
	                      .paid_on = p->paid_on,
	                      .year = r.year,
	                      .cash = r.cash,
	                      .goods = r.goods,
	                      .payee = c->members[0].name,
	                      .unit = unit,
	                      .grp = bf_event_code(r.event),
	                      .signer = p->signer,
	                      .relation = bf_enum_code(BF_ENUM_RELATION, p->relation),
	                      .phone = phone};
	if (insert_payment(db, &row) != 0) {
		bf_db_error(db, err);
		goto out;
	}
	rc = 0;
out:
	free(c);
	return bf_db_finish(db, own, rc, err);
}

/* ---- campaigns -------------------------------------------------------------------- */

void bf_campaign_init(struct bf_campaign *c, int year)
{
	memset(c, 0, sizeof *c);
	c->year = year;
	bf_strlcpy(c->place_by, "unit", sizeof c->place_by);
	bf_strlcpy(c->status, "planning", sizeof c->status);
}

int bf_campaign_validate(const struct bf_campaign *c, bf_error *err)
{
	if (bf_blank(c->name)) {
		bf_error_set(err, "%s", _("the campaign needs a name"));
		return -1;
	}
	if (c->year < 1900 || c->year > 2199) {
		bf_error_set(err, "%s", _("the campaign's year must be from 1900 to 2199"));
		return -1;
	}
	bf_date a, b;
	if (!bf_date_parse(c->start_date, &a) || !bf_date_parse(c->end_date, &b)) {
		bf_error_set(err, "%s",
		             _("the campaign needs a start and an end date (YYYY-MM-DD)"));
		return -1;
	}
	if (b < a) {
		bf_error_set(err, "%s", _("the campaign ends before it starts"));
		return -1;
	}
	if (strcmp(c->place_by, "unit") != 0 && strcmp(c->place_by, "community") != 0) {
		bf_error_set(err, "%s", _("sheets and spot checks go by unit or by community"));
		return -1;
	}
	if (c->ngroups > BF_MAX_GROUPS) {
		bf_error_set(err, _("at most %d target groups"), BF_MAX_GROUPS);
		return -1;
	}
	for (size_t i = 0; i < c->ngroups; i++) {
		bf_error e = {{0}};
		char name[BF_TEXT_SZ];
		bf_campaign_group_name(&c->groups[i], name, sizeof name);
		if (bf_campaign_group_validate(&c->groups[i], &e) != 0) {
			bf_error_set(err, _("group %zu (%s): %s"), i + 1, name, e.msg);
			return -1;
		}
		/* groups are told apart by their labels: any number of one kind */
		for (size_t j = 0; j < i; j++)
			if (strcmp(c->groups[j].label, c->groups[i].label) == 0) {
				bf_error_set(
				    err,
				    _("group %zu: the label \"%s\" is already group %zu's; "
				      "give each group its own label"),
				    i + 1, name, j + 1);
				return -1;
			}
	}
	return 0;
}

static bool same_standards(const struct bf_campaign *a, const struct bf_campaign *b)
{
	if (a->ngroups != b->ngroups)
		return false;
	for (size_t i = 0; i < a->ngroups; i++) {
		const struct bf_campaign_group *x = &a->groups[i], *y = &b->groups[i];
		if (x->id != y->id || x->kind != y->kind || x->level != y->level ||
		    x->basis != y->basis || x->requires_file != y->requires_file)
			return false;
		for (int t = 0; t < BF_TIERS; t++)
			if (x->cash[t] != y->cash[t] || x->goods[t] != y->goods[t])
				return false;
	}
	return true;
}

/* campaign_group as struct bf_campaign_group holds it (coldesc.h); kind,
 * level and basis are kept as their codes */
#define GC(col, kind, member, flags) BF_COL(col, kind, struct bf_campaign_group, member, flags)
static const struct bf_col group_cols[] = {
    GC("id", BF_FIELD_NUM, id, BF_COL_RO),
    BF_COL_CODE("kind", 0),
    BF_COL_CODE("level", 0),
    GC("label", BF_FIELD_TEXT, label, BF_COL_NULL),
    BF_COL_CODE("basis", 0),
    GC("cash1", BF_FIELD_NUM, cash[0], 0),
    GC("goods1", BF_FIELD_NUM, goods[0], 0),
    GC("cash2", BF_FIELD_NUM, cash[1], 0),
    GC("goods2", BF_FIELD_NUM, goods[1], 0),
    GC("cash3", BF_FIELD_NUM, cash[2], 0),
    GC("goods3", BF_FIELD_NUM, goods[2], 0),
    GC("requires_file", BF_FIELD_NUM, requires_file, 0),
    GC("planned1", BF_FIELD_NUM, planned[0], 0),
    GC("planned2", BF_FIELD_NUM, planned[1], 0),
    GC("planned3", BF_FIELD_NUM, planned[2], 0),
    GC("goods_note", BF_FIELD_TEXT, goods_note, BF_COL_NULL),
};
#undef GC
static const struct bf_table group_table = BF_TABLE("campaign_group", group_cols);

/* Insert the group (id 0) or update the stored row with its id in place:
 * placements by hand and the drawn list keep pointing at it. */
static int write_group(bf_db *db, int64_t campaign_id, int pos, struct bf_campaign_group *g)
{
	char sql[2560];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  g->id == 0 ? bf_table_insert(&group_table, ":k", "campaign_id, position",
	                                               ":k, :pos", sql, sizeof sql)
	                             : bf_table_update(&group_table, "position = :pos",
	                                               "WHERE id = :id AND campaign_id = :k", sql,
	                                               sizeof sql)) != 0)
		return -1;
	/* a flat standard keeps tier 0 only */
	struct bf_campaign_group w = *g;
	for (int t = g->basis == BF_BASIS_SIZE ? BF_TIERS : 1; t < BF_TIERS; t++)
		w.cash[t] = w.goods[t] = w.planned[t] = 0;
	if (bf_bind_int(&st, ":k", campaign_id) || bf_bind_int(&st, ":pos", pos) ||
	    (g->id != 0 && bf_bind_int(&st, ":id", g->id)) ||
	    bf_table_bind(&st, &group_table, &w) ||
	    bf_bind_text(&st, ":kind",
	                 g->kind >= 0 ? bf_group_kind_code((enum bf_group_kind)g->kind) : NULL) ||
	    bf_bind_text(&st, ":level",
	                 g->level >= 0 ? bf_model_level_code((enum bf_model_level)g->level)
	                               : NULL) ||
	    bf_bind_text(&st, ":basis", bf_basis_code(g->basis))) {
		bf_finalize(&st);
		return -1;
	}
	if (step_done(&st) != 0)
		return -1;
	if (g->id == 0)
		g->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

static int load_groups(bf_db *db, struct bf_campaign *c, bf_error *err)
{
	char sql[4096];
	bf_stmt st;
	if (bf_db_prepare(
	        db, &st,
	        bf_table_query(&group_table, NULL,
	                       "FROM campaign_group WHERE campaign_id = :k ORDER BY position", sql,
	                       sizeof sql)) != 0 ||
	    bf_bind_int(&st, ":k", c->id) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	c->ngroups = 0;
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW && c->ngroups < BF_MAX_GROUPS) {
		struct bf_campaign_group *g = &c->groups[c->ngroups++];
		memset(g, 0, sizeof *g);
		bf_table_read(&st, &group_table, 0, g);
		g->kind = bf_col_is_null(&st, 1) ? -1 : bf_group_kind_parse(bf_col_text(&st, 1));
		g->level = bf_col_is_null(&st, 2) ? -1 : bf_model_level_parse(bf_col_text(&st, 2));
		int b = bf_basis_parse(bf_col_text(&st, 4));
		g->basis = b < 0 ? BF_BASIS_PERSON : (enum bf_basis)b;
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

/* campaign as struct bf_campaign holds it (coldesc.h): status and the draw
 * are set by the draw and the close, not by a save */
#define CC(col, kind, member, flags) BF_COL(col, kind, struct bf_campaign, member, flags)
static const struct bf_col campaign_cols[] = {
    CC("name", BF_FIELD_TEXT, name, 0),
    CC("year", BF_FIELD_NUM, year, 0),
    CC("start_date", BF_FIELD_TEXT, start_date, 0),
    CC("end_date", BF_FIELD_TEXT, end_date, 0),
    CC("place_by", BF_FIELD_TEXT, place_by, 0),
    CC("status", BF_FIELD_TEXT, status, BF_COL_RO),
    CC("note", BF_FIELD_TEXT, note, BF_COL_NULL),
    CC("drawn_at", BF_FIELD_TEXT, drawn_at, BF_COL_RO),
};
#undef CC
static const struct bf_table campaign_table = BF_TABLE("campaign", campaign_cols);

int bf_campaign_load(bf_db *db, int64_t id, struct bf_campaign *c, bf_error *err)
{
	memset(c, 0, sizeof *c);
	char sql[4096];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_query(&campaign_table, NULL, "FROM campaign WHERE id = :id", sql,
	                                 sizeof sql)) != 0 ||
	    bf_bind_int(&st, ":id", id) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		c->id = id;
		bf_table_read(&st, &campaign_table, 0, c);
	} else if (rc == SQLITE_DONE) {
		bf_error_set(err, _("there is no campaign %lld"), (long long)id);
	} else {
		bf_db_error(db, err);
	}
	bf_finalize(&st);
	if (rc != SQLITE_ROW)
		return -1;
	return load_groups(db, c, err);
}

int bf_campaign_find(bf_db *db, const char *key, int64_t *id, bf_error *err)
{
	char k[BF_TEXT_SZ];
	bf_strlcpy(k, key ? key : "", sizeof k);
	bf_trim(k);
	bool digits = k[0] != '\0';
	for (const char *p = k; *p; p++)
		if (*p < '0' || *p > '9')
			digits = false;
	bf_stmt st;
	const char *sql = digits ? "SELECT id FROM campaign WHERE id = :k"
	                         : "SELECT id FROM campaign WHERE name = :k ORDER BY year DESC,"
	                           " id DESC LIMIT 1";
	if (bf_db_prepare(db, &st, sql) != 0 ||
	    (digits ? bf_bind_int(&st, ":k", strtoll(k, NULL, 10)) : bf_bind_text(&st, ":k", k))) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		*id = bf_col_int(&st, 0);
	else if (rc == SQLITE_DONE)
		bf_error_set(err, _("there is no campaign \"%s\""), k);
	else
		bf_db_error(db, err);
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

static int64_t payments_of(bf_db *db, int64_t campaign_id)
{
	return q_int1(db, "SELECT count(*) FROM payment WHERE campaign_id = :k", ":k", campaign_id,
	              0);
}

struct kept;
static int load_kept(bf_db *db, int64_t campaign_id, struct kept **out, size_t *n);
/* kept NULL: read the decisions from the current list. */
static int draw_in_txn(bf_db *db, int64_t campaign_id, struct bf_draw_summary *sum,
                       bf_progress_fn progress, void *ud, const struct kept *kept, size_t nkept,
                       bf_error *err);

int bf_campaign_save(bf_db *db, struct bf_campaign *c, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_CASE_EDIT, err) != 0)
		return -1;
	for (size_t i = 0; i < c->ngroups && i < BF_MAX_GROUPS; i++) {
		struct bf_campaign_group *g = &c->groups[i];
		bf_trim(g->label);
		bf_trim(g->goods_note);
	}
	if (bf_campaign_validate(c, err) != 0)
		return -1;
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	int rc = -1;
	struct bf_campaign *old = NULL;
	bf_stmt st;
	bool redraw = false, replace_groups = true;
	struct kept *kept = NULL;
	size_t nkept = 0;
	char sql[1152];
	if (c->id == 0) {
		if (bf_db_prepare(
		        db, &st,
		        bf_table_insert(&campaign_table, ":id", "status, created_at, created_by",
		                        "'planning', bf_now(), bf_actor()", sql, sizeof sql)) != 0)
			goto sqlfail;
	} else {
		old = malloc(sizeof *old);
		if (!old) {
			bf_error_set(err, "%s", _("out of memory"));
			goto out;
		}
		if (bf_campaign_load(db, c->id, old, err) != 0)
			goto out;
		bool changed = !same_standards(old, c) || old->year != c->year;
		replace_groups = !same_standards(old, c);
		if (changed && payments_of(db, c->id) > 0) {
			bf_error_set(err, "%s",
			             _("payments are recorded: the year and the groups' standards "
			               "can no longer change"));
			goto out;
		}
		redraw = changed && strcmp(old->status, "planning") != 0;
		if (bf_db_prepare(db, &st,
		                  bf_table_update(&campaign_table, NULL, "WHERE id = :id", sql,
		                                  sizeof sql)) != 0)
			goto sqlfail;
		if (bf_bind_int(&st, ":id", c->id) != 0) {
			bf_finalize(&st);
			goto sqlfail;
		}
	}
	if (bf_table_bind(&st, &campaign_table, c)) {
		bf_finalize(&st);
		goto sqlfail;
	}
	if (step_done(&st) != 0)
		goto sqlfail;
	if (c->id == 0) {
		c->id = sqlite3_last_insert_rowid(db->h);
		bf_strlcpy(c->status, "planning", sizeof c->status);
	}
	if (replace_groups) {
		/* the list refers to the groups: it goes, and is drawn again below
		 * with the decisions taken by hand on it */
		if (redraw && load_kept(db, c->id, &kept, &nkept) != 0)
			goto sqlfail;
		if (bf_db_prepare(db, &st,
		                  "DELETE FROM campaign_recipient WHERE campaign_id = :k") ||
		    bf_bind_int(&st, ":k", c->id) || step_done(&st))
			goto sqlfail;
	}
	/* groups no longer there go (with their placements); the others are
	 * updated in place, in order, and new ones added */
	for (size_t j = 0; old && j < old->ngroups; j++) {
		bool gone = true;
		for (size_t i = 0; i < c->ngroups; i++)
			if (c->groups[i].id == old->groups[j].id)
				gone = false;
		if (gone && (bf_db_prepare(db, &st, "DELETE FROM campaign_group WHERE id = :id") ||
		             bf_bind_int(&st, ":id", old->groups[j].id) || step_done(&st)))
			goto sqlfail;
	}
	for (size_t i = 0; i < c->ngroups; i++) {
		bool known = false;
		for (size_t j = 0; old && j < old->ngroups; j++)
			if (c->groups[i].id == old->groups[j].id)
				known = true;
		if (!known)
			c->groups[i].id = 0;
		if (write_group(db, c->id, (int)i, &c->groups[i]) != 0)
			goto sqlfail;
	}
	if (redraw && c->ngroups == 0) {
		/* no groups left: back to planning, with no list */
		if (bf_db_prepare(db, &st,
		                  "UPDATE campaign SET status = 'planning', drawn_at = NULL,"
		                  " drawn_by = NULL WHERE id = :k") ||
		    bf_bind_int(&st, ":k", c->id) || step_done(&st))
			goto sqlfail;
	} else if (redraw) {
		if (draw_in_txn(db, c->id, NULL, NULL, NULL, kept, nkept, err) != 0)
			goto out;
	}
	rc = 0;
	goto out;
sqlfail:
	bf_finalize(&st);
	bf_db_error(db, err);
out:
	free(old);
	free(kept);
	return bf_db_finish(db, own, rc, err);
}

int bf_campaign_delete(bf_db *db, int64_t id, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_CASE_EDIT, err) != 0)
		return -1;
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	int rc = -1;
	if (payments_of(db, id) > 0) {
		bf_error_set(err, "%s",
		             _("payments are recorded: the campaign stays in the ledger"));
		return bf_db_finish(db, own, -1, err);
	}
	static const char *const sql[] = {
	    "DELETE FROM spotcheck_item WHERE draw_id IN (SELECT id FROM spotcheck_draw WHERE"
	    " campaign_id = :k)",
	    "DELETE FROM spotcheck_draw WHERE campaign_id = :k",
	    "DELETE FROM campaign_recipient WHERE campaign_id = :k",
	    "DELETE FROM campaign_group WHERE campaign_id = :k",
	    "DELETE FROM campaign WHERE id = :k"};
	for (size_t i = 0; i < BF_ARRAY_LEN(sql); i++) {
		bf_stmt st;
		if (bf_db_prepare(db, &st, sql[i]) || bf_bind_int(&st, ":k", id) ||
		    step_done(&st)) {
			bf_finalize(&st);
			bf_db_error(db, err);
			return bf_db_finish(db, own, -1, err);
		}
	}
	rc = 0;
	return bf_db_finish(db, own, rc, err);
}

int bf_campaign_set_closed(bf_db *db, int64_t id, bool closed, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_CASE_EDIT, err) != 0)
		return -1;
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	bf_stmt st;
	int rc = -1;
	const char *sql =
	    closed ? "UPDATE campaign SET status = 'closed' WHERE id = :k AND status = 'drawn'"
	           : "UPDATE campaign SET status = CASE WHEN drawn_at IS NULL THEN 'planning'"
	             " ELSE 'drawn' END WHERE id = :k AND status = 'closed'";
	if (bf_db_prepare(db, &st, sql) || bf_bind_int(&st, ":k", id) || step_done(&st)) {
		bf_finalize(&st);
		bf_db_error(db, err);
	} else if (sqlite3_changes(db->h) == 0) {
		bf_error_set(err, closed ? _("only a drawn campaign can be closed")
		                         : _("the campaign is not closed"));
	} else {
		rc = 0;
	}
	return bf_db_finish(db, own, rc, err);
}

/* a campaign's line in the list (coldesc.h), with its counts */
#define CR(col, kind, member) BF_COL(col, kind, struct bf_campaign_row, member, BF_COL_RO)
static const struct bf_col campaign_row_cols[] = {
    CR("id", BF_FIELD_NUM, id),
    CR("name", BF_FIELD_TEXT, name),
    CR("year", BF_FIELD_NUM, year),
    CR("start_date", BF_FIELD_TEXT, start_date),
    CR("end_date", BF_FIELD_TEXT, end_date),
    CR("status", BF_FIELD_TEXT, status),
    CR("(SELECT count(*) FROM campaign_recipient r WHERE r.campaign_id = k.id AND r.included)",
       BF_FIELD_NUM, listed),
    CR("(SELECT count(*) FROM payment p WHERE p.campaign_id = k.id)", BF_FIELD_NUM, paid),
    CR("(SELECT coalesce(sum(p.cash + p.goods), 0) FROM payment p WHERE p.campaign_id = k.id)",
       BF_FIELD_NUM, paid_total),
};
#undef CR
static const struct bf_table campaign_row_table = BF_TABLE("campaign", campaign_row_cols);

int bf_campaign_list(bf_db *db, struct bf_campaign_row **rows, size_t *n, bf_error *err)
{
	*rows = NULL;
	*n = 0;
	char sql[4096];
	bf_stmt st;
	if (bf_db_prepare(
	        db, &st,
	        bf_table_query(&campaign_row_table, "k",
	                       "FROM campaign k ORDER BY k.year DESC, k.start_date DESC, k.id DESC",
	                       sql, sizeof sql)) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (bf_table_rows(db, &st, &campaign_row_table, sizeof **rows, NULL, rows, n, err) != 0)
		return -1;
	for (size_t i = 0; i < *n; i++) {
		struct bf_budget_line lines[BF_MAX_GROUPS * BF_TIERS * 4];
		size_t nl;
		struct bf_budget_totals t;
		bool plan;
		if (bf_campaign_budget(db, (*rows)[i].id, lines, BF_ARRAY_LEN(lines), &nl, &t,
		                       &plan, err) == 0)
			(*rows)[i].budget = t.total;
	}
	return 0;
}

void bf_campaign_caps_load(bf_db *db, struct bf_campaign_caps *caps)
{
	caps->per_payment = bf_setting_int(db, BF_SETTING_CAP_PAYMENT, 0);
	caps->per_year = bf_setting_int(db, BF_SETTING_CAP_YEAR, 0);
	if (caps->per_payment < 0)
		caps->per_payment = 0;
	if (caps->per_year < 0)
		caps->per_year = 0;
}

/* ---- the draw ----------------------------------------------------------------- */

/* Decisions taken by hand on the previous list, kept through a new draw. */
struct kept {
	int64_t case_id;
	char add_back[256];
	char removed[256];
	char community[BF_TEXT_SZ];
};

static int kept_cmp(const void *a, const void *b)
{
	const struct kept *x = a, *y = b;
	return x->case_id < y->case_id ? -1 : x->case_id > y->case_id;
}

/* the recipient's columns a new draw keeps (coldesc.h) */
#define KP(col, kind, member) BF_COL(col, kind, struct kept, member, BF_COL_RO)
static const struct bf_col kept_cols[] = {
    KP("case_id", BF_FIELD_NUM, case_id),
    KP("add_back_reason", BF_FIELD_TEXT, add_back),
    KP("CASE WHEN exclusion = 'manual' THEN exclusion_note END", BF_FIELD_TEXT, removed),
    KP("community", BF_FIELD_TEXT, community),
};
#undef KP
static const struct bf_table kept_table = BF_TABLE("campaign_recipient", kept_cols);

static int load_kept(bf_db *db, int64_t campaign_id, struct kept **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	char sql[4096];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_query(&kept_table, NULL,
	                                 "FROM campaign_recipient WHERE campaign_id = :k AND"
	                                 " (add_back_reason IS NOT NULL OR exclusion = 'manual' OR "
	                                 "community IS NOT NULL)"
	                                 " ORDER BY case_id",
	                                 sql, sizeof sql)) ||
	    bf_bind_int(&st, ":k", campaign_id)) {
		bf_finalize(&st);
		return -1;
	}
	return bf_table_rows(db, &st, &kept_table, sizeof **out, NULL, out, n, NULL);
}

/* Placements by hand: case id and the groups (bit = position). */
struct placed {
	int64_t case_id;
	uint32_t groups;
};

static int placed_cmp(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;
	return x->case_id < y->case_id ? -1 : x->case_id > y->case_id;
}

static int load_placed(bf_db *db, int64_t campaign_id, struct placed **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT p.case_id, g.position FROM campaign_placement p"
	                  " JOIN campaign_group g ON g.id = p.group_id WHERE p.campaign_id = :k"
	                  " ORDER BY p.case_id") ||
	    bf_bind_int(&st, ":k", campaign_id)) {
		bf_finalize(&st);
		return -1;
	}
	size_t cap = 0;
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		int64_t id = bf_col_int(&st, 0);
		int pos = (int)bf_col_int(&st, 1);
		struct placed *p = *n && (*out)[*n - 1].case_id == id ? &(*out)[*n - 1] : NULL;
		if (!p && !(p = bf_push(out, &cap, n, sizeof **out))) {
			bf_finalize(&st);
			return -1;
		}
		p->case_id = id;
		if (pos >= 0 && pos < 32)
			p->groups |= 1u << pos;
	}
	bf_finalize(&st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* campaign_recipient r as struct bf_recipient holds it (coldesc.h), with its
 * group's place and name and its payment: the draw writes the row (with the
 * ID number's blind index and mask), the payment its paid status */
#define RC(col, kind, member, flags) BF_COL(col, kind, struct bf_recipient, member, flags)
#define RC_NULL(col, member) RC(col, BF_FIELD_TEXT, member, BF_COL_NULL)
#define RC_NUM(col, member) RC(col, BF_FIELD_NUM, member, 0)
static const struct bf_col recip_cols[] = {
    RC("id", BF_FIELD_NUM, id, BF_COL_RO),
    RC_NUM("case_id", case_id),
    RC_NUM("group_id", group_id),
    RC("g.position", BF_FIELD_NUM, group_pos, BF_COL_RO),
    BF_COL_CODE("g.kind", BF_COL_RO),
    BF_COL_CODE("g.level", BF_COL_RO),
    BF_COL_CODE("g.label", BF_COL_RO),
    RC_NULL("also_groups", also_groups),
    RC("case_number", BF_FIELD_TEXT, case_number, 0),
    RC("name", BF_FIELD_TEXT, name, 0),
    RC_NULL("id_number", id_number),
    RC_NULL("unit", unit),
    RC_NULL("community", community),
    RC_NUM("household_size", household_size),
    RC_NUM("standard", standard),
    RC_NUM("cash", cash),
    RC_NUM("goods", goods),
    RC_NUM("capped", capped),
    RC_NUM("included", included),
    RC_NULL("exclusion", exclusion),
    RC_NULL("exclusion_note", exclusion_note),
    RC_NULL("add_back_reason", add_back_reason),
    RC("paid_status", BF_FIELD_TEXT, paid_status, BF_COL_RO),
    RC("not_paid_reason", BF_FIELD_TEXT, not_paid_reason, BF_COL_RO),
    RC("p.paid_on", BF_FIELD_TEXT, paid_on, BF_COL_RO),
    RC("p.signer", BF_FIELD_TEXT, signer, BF_COL_RO),
    RC("p.signer_relation", BF_FIELD_TEXT, signer_relation, BF_COL_RO),
    RC("bf_open(p.phone, 'payment.phone', p.case_id)", BF_FIELD_TEXT, phone, BF_COL_RO),
};
#undef RC
#undef RC_NULL
#undef RC_NUM
static const struct bf_table recip_table = BF_TABLE("campaign_recipient", recip_cols);

/* Candidates: the latest file (by year, then id) of each person up to the
 * campaign's year, not closed. Person = employee ID number, else the file. */
static const char candidates_sql[] =
    "WITH cand AS (SELECT f.*, bf_open(f.id_number, 'case_file.id_number', f.id) AS pid,"
    "  row_number() OVER (PARTITION BY coalesce(f.id_bidx,"
    "  'case:' || f.id) ORDER BY f.year DESC, f.id DESC) AS rn FROM case_file f"
    "  WHERE f.status <> 'closed' AND f.year <= :year),"
    " last AS (SELECT r.case_id, r.id_bidx FROM campaign_recipient r"
    "  JOIN campaign k ON k.id = r.campaign_id WHERE k.year = :year - 1 AND r.included = 1"
    "  AND r.paid_status <> 'not_paid'),"
    " other AS (SELECT coalesce(r.id_bidx, 'case:' || r.case_id) AS pkey,"
    "  sum(r.cash + r.goods) AS amount FROM campaign_recipient r"
    "  JOIN campaign k ON k.id = r.campaign_id WHERE k.year = :year AND k.id <> :k"
    "  AND r.included = 1 AND r.paid_status <> 'not_paid' GROUP BY 1)"
    " SELECT f.id, f.number, f.status, f.household_size, f.model_worker, f.name, f.pid,"
    "  " UNIT_EXPR ","
    "  EXISTS (SELECT 1 FROM member m WHERE m.case_id = f.id AND m.position = 0"
    "   AND m.status = 'migrant'),"
    "  (coalesce(f.first_category, 0) IN (3, 4, 5) OR EXISTS (SELECT 1 FROM case_cause z"
    "   WHERE z.case_id = f.id AND z.cause IN ('major_illness', 'schooling', 'accident',"
    "   'natural_disaster'))),"
    "  (f.id IN (SELECT case_id FROM last) OR f.id_bidx IN (SELECT id_bidx FROM last"
    "   WHERE id_bidx IS NOT NULL)),"
    "  coalesce(o.amount, 0),"
    /* the latest community given in another campaign: two index look-ups
     * (by file, by person), not a scan of every recipient per candidate */
    "  (SELECT community FROM campaign_recipient WHERE id = (SELECT max(id) FROM"
    "   (SELECT r.id FROM campaign_recipient r WHERE r.case_id = f.id"
    "    AND r.community IS NOT NULL AND r.campaign_id <> :k UNION ALL"
    "    SELECT r.id FROM campaign_recipient r WHERE r.id_bidx = f.id_bidx"
    "    AND r.community IS NOT NULL AND r.campaign_id <> :k)))"
    " FROM cand f LEFT JOIN other o ON o.pkey = coalesce(f.id_bidx, 'case:' || f.id)"
    " WHERE f.rn = 1 ORDER BY f.number";

static int draw_in_txn(bf_db *db, int64_t campaign_id, struct bf_draw_summary *sum_out,
                       bf_progress_fn progress, void *ud, const struct kept *given, size_t ngiven,
                       bf_error *err)
{
	struct bf_draw_summary sum;
	memset(&sum, 0, sizeof sum);
	struct bf_campaign *c = malloc(sizeof *c);
	struct kept *owned = NULL;
	const struct kept *kept = given;
	size_t nkept = ngiven;
	struct placed *placed = NULL;
	size_t nplaced = 0;
	int rc = -1;
	bf_stmt st = {0}, ins = {0};
	if (!c) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	if (bf_campaign_load(db, campaign_id, c, err) != 0)
		goto out;
	if (strcmp(c->status, "closed") == 0) {
		bf_error_set(err, "%s", _("the campaign is closed"));
		goto out;
	}
	if (payments_of(db, campaign_id) > 0) {
		bf_error_set(err, "%s",
		             _("payments are recorded: the list can no longer be drawn again"));
		goto out;
	}
	if (c->ngroups == 0) {
		bf_error_set(err, "%s", _("the campaign has no target groups yet"));
		goto out;
	}
	if (!given) {
		if (load_kept(db, campaign_id, &owned, &nkept) != 0)
			goto sqlfail;
		kept = owned;
	}
	if (load_placed(db, campaign_id, &placed, &nplaced) != 0)
		goto sqlfail;
	if (bf_db_prepare(db, &st, "DELETE FROM campaign_recipient WHERE campaign_id = :k") ||
	    bf_bind_int(&st, ":k", campaign_id) || step_done(&st))
		goto sqlfail;
	struct bf_campaign_caps caps;
	bf_campaign_caps_load(db, &caps);

	if (bf_db_prepare(db, &st, candidates_sql) || bf_bind_int(&st, ":year", c->year) ||
	    bf_bind_int(&st, ":k", campaign_id))
		goto sqlfail;
	char sql[2304];
	if (bf_db_prepare(db, &ins,
	                  bf_table_insert(&recip_table, ":case_id", "campaign_id, id_bidx, id_mask",
	                                  ":k, bf_bidx(:id_number, 'id'), bf_id_mask(:id_number)",
	                                  sql, sizeof sql)))
		goto sqlfail;
	int r;
	while ((r = bf_step(&st)) == SQLITE_ROW) {
		sum.candidates++;
		if (!bf_progress_tell(progress, ud, (size_t)sum.candidates, 0, err))
			goto out; /* stopped: bf_db_finish rolls back */
		struct bf_candidate cand;
		memset(&cand, 0, sizeof cand);
		cand.case_id = bf_col_int(&st, 0);
		bf_col_copy(&st, 2, cand.status, sizeof cand.status);
		cand.household_size = (int)bf_col_int(&st, 3);
		cand.model_level = bf_model_level_of(bf_col_text(&st, 4));
		cand.migrant = bf_col_int(&st, 8) != 0;
		cand.special = bf_col_int(&st, 9) != 0;
		cand.aided_last_year = bf_col_int(&st, 10) != 0;
		cand.committed_this_year = bf_col_int(&st, 11);
		struct placed pkey = {.case_id = cand.case_id};
		const struct placed *pl =
		    nplaced ? bsearch(&pkey, placed, nplaced, sizeof *placed, placed_cmp) : NULL;
		cand.placed = pl ? pl->groups : 0;
		struct bf_draw_result d;
		bf_campaign_draw_one(c->groups, c->ngroups, &caps, &cand, &d);
		if (!d.matched)
			continue;
		struct kept key = {.case_id = cand.case_id};
		const struct kept *k = NULL;
		if (nkept)
			k = bsearch(&key, kept, nkept, sizeof *kept, kept_cmp);
		const char *add_back = NULL, *note = NULL;
		if (k && k->add_back[0] && d.reason == BF_EXCL_LAST_YEAR) {
			d.included = true;
			d.reason = BF_EXCL_NONE;
			add_back = k->add_back;
			sum.added_back++;
		}
		if (k && k->removed[0] && d.included) {
			d.included = false;
			d.reason = BF_EXCL_MANUAL;
			note = k->removed;
			add_back = NULL;
		}
		char also[128] = "";
		int nmet = 0;
		for (size_t i = 0; i < c->ngroups && i < 32; i++)
			if (d.groups & (1u << i)) {
				nmet++;
				if ((int)i != d.group) {
					size_t len = strlen(also);
					snprintf(also + len, sizeof also - len, "%s%zu",
					         len ? "," : "", i + 1);
				}
			}
		if (nmet > 1)
			sum.multiple++;
		sum.listed++;
		if (d.included) {
			sum.included++;
			if (d.capped)
				sum.capped++;
		} else if (d.reason == BF_EXCL_NO_FILE)
			sum.no_file++;
		else if (d.reason == BF_EXCL_LAST_YEAR)
			sum.last_year++;
		else if (d.reason == BF_EXCL_CAP)
			sum.cap++;
		else if (d.reason == BF_EXCL_MANUAL)
			sum.manual++;
		struct bf_recipient w = {.case_id = cand.case_id,
		                         .group_id = c->groups[d.group].id,
		                         .household_size = cand.household_size,
		                         .standard = d.standard,
		                         .cash = d.cash,
		                         .goods = d.goods,
		                         .capped = d.capped,
		                         .included = d.included};
		bf_strlcpy(w.also_groups, also, sizeof w.also_groups);
		bf_strlcpy(w.case_number, bf_col_text(&st, 1), sizeof w.case_number);
		bf_strlcpy(w.name, bf_col_text(&st, 5), sizeof w.name);
		bf_strlcpy(w.id_number, bf_col_text(&st, 6), sizeof w.id_number);
		bf_strlcpy(w.unit, bf_col_text(&st, 7), sizeof w.unit);
		bf_strlcpy(w.community, k && k->community[0] ? k->community : bf_col_text(&st, 12),
		           sizeof w.community);
		bf_strlcpy(w.exclusion, d.included ? "" : bf_exclusion_code(d.reason),
		           sizeof w.exclusion);
		bf_strlcpy(w.exclusion_note, note ? note : "", sizeof w.exclusion_note);
		bf_strlcpy(w.add_back_reason, add_back ? add_back : "", sizeof w.add_back_reason);
		if (bf_bind_int(&ins, ":k", campaign_id) || bf_table_bind(&ins, &recip_table, &w))
			goto sqlfail;
		if (bf_step(&ins) != SQLITE_DONE)
			goto sqlfail;
		bf_reset(&ins);
	}
	if (r != SQLITE_DONE)
		goto sqlfail;
	bf_finalize(&st);
	if (bf_db_prepare(db, &st,
	                  "UPDATE campaign SET status = 'drawn', drawn_at = bf_now(),"
	                  " drawn_by = bf_actor() WHERE id = :k") ||
	    bf_bind_int(&st, ":k", campaign_id) || step_done(&st))
		goto sqlfail;
	if (sum_out)
		*sum_out = sum;
	rc = 0;
	goto out;
sqlfail:
	bf_db_error(db, err);
out:
	bf_finalize(&st);
	bf_finalize(&ins);
	free(owned);
	free(placed);
	free(c);
	return rc;
}

int bf_campaign_draw(bf_db *db, int64_t campaign_id, struct bf_draw_summary *sum, bf_error *err)
{
	return bf_campaign_draw_progress(db, campaign_id, sum, NULL, NULL, err);
}

int bf_campaign_draw_progress(bf_db *db, int64_t campaign_id, struct bf_draw_summary *sum,
                              bf_progress_fn progress, void *ud, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_CASE_EDIT, err) != 0)
		return -1;
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	int rc = draw_in_txn(db, campaign_id, sum, progress, ud, NULL, 0, err);
	return bf_db_finish(db, own, rc, err);
}

/* ---- placements by hand --------------------------------------------------------- */

int bf_campaign_group_find(const struct bf_campaign *c, const char *key, bf_error *err)
{
	char k[BF_TEXT_SZ];
	bf_strlcpy(k, key ? key : "", sizeof k);
	bf_trim(k);
	for (size_t i = 0; i < c->ngroups; i++)
		if (strcmp(c->groups[i].label, k) == 0)
			return (int)i;
	char *end;
	long v = strtol(k, &end, 10);
	if (k[0] && !*end && v >= 1 && (size_t)v <= c->ngroups)
		return (int)v - 1;
	bf_error_set(err, _("campaign %s has no group \"%s\" (give its number or its label)"),
	             c->name, k);
	return -1;
}

int bf_campaign_place(bf_db *db, int64_t campaign_id, int group_pos, const char *case_number,
                      const char *reason, bool remove, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_CASE_EDIT, err) != 0)
		return -1;
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	int rc = -1;
	bf_stmt st = {0};
	struct bf_campaign *c = malloc(sizeof *c);
	int64_t case_id;
	if (!c) {
		bf_error_set(err, "%s", _("out of memory"));
		goto out;
	}
	if (bf_campaign_load(db, campaign_id, c, err) != 0)
		goto out;
	if (strcmp(c->status, "closed") == 0) {
		bf_error_set(err, _("campaign %s is closed"), c->name);
		goto out;
	}
	if (group_pos < 0 || (size_t)group_pos >= c->ngroups) {
		bf_error_set(err, _("campaign %s has no group %d"), c->name, group_pos + 1);
		goto out;
	}
	int found = case_id_of(db, case_number, &case_id, err);
	if (found != 0)
		goto out;
	const struct bf_campaign_group *g = &c->groups[group_pos];
	if (bf_db_prepare(db, &st,
	                  remove ? "DELETE FROM campaign_placement WHERE group_id = :g AND"
	                           " case_id = :c"
	                         : "INSERT INTO campaign_placement (campaign_id, group_id, case_id,"
	                           " reason, created_at, created_by) VALUES (:k, :g, :c, :r,"
	                           " bf_now(), bf_actor()) ON CONFLICT DO NOTHING") ||
	    bf_bind_int(&st, ":g", g->id) || bf_bind_int(&st, ":c", case_id) ||
	    (!remove &&
	     (bf_bind_int(&st, ":k", campaign_id) ||
	      bf_bind_text_or_null(&st, ":r", reason && !bf_blank(reason) ? reason : NULL))) ||
	    step_done(&st)) {
		bf_finalize(&st);
		bf_db_error(db, err);
		goto out;
	}
	if (sqlite3_changes(db->h) == 0) {
		bf_error_set(err,
		             remove ? _("file %s is not placed in group %d (%s)")
		                    : _("file %s is already placed in group %d (%s)"),
		             case_number, group_pos + 1, g->label);
		rc = 1;
		goto out;
	}
	/* a drawn list follows at once */
	if (strcmp(c->status, "drawn") == 0 &&
	    draw_in_txn(db, campaign_id, NULL, NULL, NULL, NULL, 0, err) != 0)
		goto out;
	rc = 0;
out:
	free(c);
	return bf_db_finish(db, own, rc, err);
}

/* campaign_placement p as struct bf_placement holds it (coldesc.h), with
 * its group and file */
#define PC(col, kind, member) BF_COL(col, kind, struct bf_placement, member, BF_COL_RO)
static const struct bf_col placement_cols[] = {
    PC("id", BF_FIELD_NUM, id),
    PC("group_id", BF_FIELD_NUM, group_id),
    PC("case_id", BF_FIELD_NUM, case_id),
    PC("g.position", BF_FIELD_NUM, group_pos),
    PC("g.label", BF_FIELD_TEXT, group_label),
    PC("f.number", BF_FIELD_TEXT, case_number),
    PC("f.name", BF_FIELD_TEXT, name),
    PC("reason", BF_FIELD_TEXT, reason),
};
#undef PC
static const struct bf_table placement_table = BF_TABLE("campaign_placement", placement_cols);

int bf_campaign_placements(bf_db *db, int64_t campaign_id, struct bf_placement **out, size_t *n,
                           bf_error *err)
{
	*out = NULL;
	*n = 0;
	char sql[4096];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_query(
	                      &placement_table, "p",
	                      "FROM campaign_placement p JOIN campaign_group g ON g.id = p.group_id"
	                      " JOIN case_file f ON f.id = p.case_id WHERE p.campaign_id = :k"
	                      " ORDER BY g.position, f.number",
	                      sql, sizeof sql)) ||
	    bf_bind_int(&st, ":k", campaign_id)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	return bf_table_rows(db, &st, &placement_table, sizeof **out, NULL, out, n, err);
}

/* ---- the list ------------------------------------------------------------------- */

void bf_recipient_filter_init(struct bf_recipient_filter *f)
{
	memset(f, 0, sizeof *f);
	f->included = -1;
}

#define RECIP_FROM                                                              \
	" FROM campaign_recipient r JOIN campaign_group g ON g.id = r.group_id" \
	" JOIN campaign k ON k.id = r.campaign_id"                              \
	" LEFT JOIN payment p ON p.recipient_id = r.id"
#define RECIP_WHERE                                                                           \
	" WHERE r.campaign_id = :k AND (:inc < 0 OR r.included = :inc)"                       \
	" AND (:unit IS NULL OR r.unit IS :unit) AND (:comm IS NULL OR r.community IS :comm)" \
	" AND (:paid IS NULL OR r.paid_status = :paid) AND (:q IS NULL OR"                    \
	" instr(r.name, :q) OR instr(r.case_number, :q) OR instr(r.id_mask, upper(:q))"        \
	" OR r.id_bidx = bf_bidx(:q, 'id'))"
#define RECIP_PLACE(comm, unit)                                                            \
	"CASE k.place_by WHEN 'community' THEN coalesce(" comm ", '') ELSE coalesce(" unit \
	", '') END"
#define RECIP_ORDER " ORDER BY " RECIP_PLACE("r.community", "r.unit") ", r.case_number"
/* the rows after (before) the anchor's key, and the order walked backward */
#define RECIP_AFTER(op)                                                                        \
	" AND (" RECIP_PLACE("r.community", "r.unit") ", r.case_number) " op " (" RECIP_PLACE( \
	    ":acomm", ":aunit") ", :anum)"
#define RECIP_ORDER_BACK \
	" ORDER BY " RECIP_PLACE("r.community", "r.unit") " DESC, r.case_number DESC"

static void recip_row(bf_stmt *st, struct bf_recipient *r)
{
	memset(r, 0, sizeof *r);
	bf_table_read(st, &recip_table, 0, r);
	struct bf_campaign_group g;
	int k = bf_group_kind_parse(bf_col_text(st, 4));
	bf_campaign_group_init(
	    &g, k, bf_col_is_null(st, 5) ? -1 : bf_model_level_parse(bf_col_text(st, 5)));
	bf_col_copy(st, 6, g.label, sizeof g.label);
	bf_campaign_group_name(&g, r->group_name, sizeof r->group_name);
	bf_purged_show(r->name, sizeof r->name);
	bf_purged_show(r->exclusion_note, sizeof r->exclusion_note);
	bf_purged_show(r->add_back_reason, sizeof r->add_back_reason);
	bf_purged_show(r->not_paid_reason, sizeof r->not_paid_reason);
	bf_purged_show(r->signer, sizeof r->signer);
	bf_purged_show(r->phone, sizeof r->phone);
}

static int bind_filter(bf_stmt *st, int64_t campaign_id, const struct bf_recipient_filter *f)
{
	struct bf_recipient_filter all;
	if (!f) {
		bf_recipient_filter_init(&all);
		f = &all;
	}
	return bf_bind_int(st, ":k", campaign_id) || bf_bind_int(st, ":inc", f->included) ||
	       bf_bind_text(st, ":unit", f->unit) || bf_bind_text(st, ":comm", f->community) ||
	       bf_bind_text(st, ":paid", f->paid_status) ||
	       bf_bind_text_or_null(st, ":q", f->search);
}

int bf_recipient_count(bf_db *db, int64_t campaign_id, const struct bf_recipient_filter *f,
                       int64_t *count, bf_error *err)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT count(*)" RECIP_FROM RECIP_WHERE) ||
	    bind_filter(&st, campaign_id, f) || bf_step(&st) != SQLITE_ROW) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	*count = bf_col_int(&st, 0);
	bf_finalize(&st);
	return 0;
}

int bf_recipient_rows(bf_db *db, int64_t campaign_id, const struct bf_recipient_filter *f,
                      const struct bf_recipient *after, bool backward, int limit,
                      struct bf_recipient *rows, int *n, bf_error *err)
{
	static const char *const rest[2][2] = {
	    {RECIP_FROM RECIP_WHERE RECIP_ORDER " LIMIT :lim",
	     RECIP_FROM RECIP_WHERE RECIP_ORDER_BACK " LIMIT :lim"},
	    {RECIP_FROM RECIP_WHERE RECIP_AFTER(">") RECIP_ORDER " LIMIT :lim",
	     RECIP_FROM RECIP_WHERE RECIP_AFTER("<") RECIP_ORDER_BACK " LIMIT :lim"},
	};
	*n = 0;
	char sql[4096];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_query(&recip_table, "r", rest[after != NULL][backward], sql,
	                                 sizeof sql)) ||
	    bind_filter(&st, campaign_id, f) || bf_bind_int(&st, ":lim", limit) ||
	    (after && (bf_bind_text(&st, ":acomm", after->community) ||
	               bf_bind_text(&st, ":aunit", after->unit) ||
	               bf_bind_text(&st, ":anum", after->case_number)))) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = SQLITE_DONE;
	while (*n < limit && (rc = bf_step(&st)) == SQLITE_ROW)
		recip_row(&st, &rows[(*n)++]);
	if (*n < limit && rc != SQLITE_DONE) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	bf_finalize(&st);
	for (int i = 0, j = *n - 1; backward && i < j; i++, j--) {
		struct bf_recipient t = rows[i];
		rows[i] = rows[j];
		rows[j] = t;
	}
	return 0;
}

int bf_recipient_find(bf_db *db, int64_t campaign_id, const char *case_number,
                      struct bf_recipient *r, bf_error *err)
{
	char num[64];
	bf_strlcpy(num, case_number ? case_number : "", sizeof num);
	bf_trim(num);
	char sql[3072];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_query(&recip_table, "r",
	                                 RECIP_FROM
	                                 " WHERE r.campaign_id = :k AND r.case_number = :n",
	                                 sql, sizeof sql)) ||
	    bf_bind_int(&st, ":k", campaign_id) || bf_bind_text(&st, ":n", num)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		recip_row(&st, r);
	else if (rc == SQLITE_DONE)
		bf_error_set(err, _("file %s is not on this campaign's list"), num);
	else
		bf_db_error(db, err);
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

/* Update one recipient row with sql (binds :id and :t), after check. */
static int recipient_change(bf_db *db, enum bf_perm perm, int64_t campaign_id,
                            const char *case_number,
                            int (*check)(const struct bf_recipient *, bf_error *), const char *sql,
                            const char *text, bf_error *err)
{
	if (bf_store_require(db, perm, err) != 0)
		return -1;
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	struct bf_recipient r;
	int rc = bf_recipient_find(db, campaign_id, case_number, &r, err);
	if (rc != 0)
		return bf_db_finish(db, own, -1, err);
	if (check && check(&r, err) != 0)
		return bf_db_finish(db, own, -1, err);
	bf_stmt st;
	rc = -1;
	if (bf_db_prepare(db, &st, sql) || bf_bind_int(&st, ":id", r.id) ||
	    (strstr(sql, ":t") && bf_bind_text_or_null(&st, ":t", text)) || step_done(&st)) {
		bf_finalize(&st);
		bf_db_error(db, err);
	} else {
		rc = 0;
	}
	return bf_db_finish(db, own, rc, err);
}

static int check_add_back(const struct bf_recipient *r, bf_error *err)
{
	if (strcmp(r->exclusion, "last_year") != 0) {
		bf_error_set(err, _("%s (%s) was not left out for last year's campaign"), r->name,
		             r->case_number);
		return -1;
	}
	return 0;
}

int bf_recipient_add_back(bf_db *db, int64_t campaign_id, const char *case_number,
                          const char *reason, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_REVIEW, err) != 0)
		return -1;
	if (bf_blank(reason)) {
		bf_error_set(err, "%s", _("adding someone back needs a reason"));
		return -1;
	}
	return recipient_change(db, BF_PERM_REVIEW, campaign_id, case_number, check_add_back,
	                        "UPDATE campaign_recipient SET included = 1, exclusion = NULL,"
	                        " add_back_reason = :t WHERE id = :id",
	                        reason, err);
}

static int check_remove(const struct bf_recipient *r, bf_error *err)
{
	if (!r->included) {
		bf_error_set(err, _("%s (%s) is not on the list"), r->name, r->case_number);
		return -1;
	}
	if (strcmp(r->paid_status, "pending") != 0) {
		bf_error_set(err, _("%s (%s): the payment is already recorded"), r->name,
		             r->case_number);
		return -1;
	}
	return 0;
}

int bf_recipient_remove(bf_db *db, int64_t campaign_id, const char *case_number, const char *reason,
                        bf_error *err)
{
	if (bf_store_require(db, BF_PERM_CASE_EDIT, err) != 0)
		return -1;
	if (bf_blank(reason)) {
		bf_error_set(err, "%s", _("taking someone off the list needs a reason"));
		return -1;
	}
	return recipient_change(db, BF_PERM_CASE_EDIT, campaign_id, case_number, check_remove,
	                        "UPDATE campaign_recipient SET included = 0, exclusion = 'manual',"
	                        " exclusion_note = :t WHERE id = :id",
	                        reason, err);
}

static int check_restore(const struct bf_recipient *r, bf_error *err)
{
	if (strcmp(r->exclusion, "manual") != 0) {
		bf_error_set(err, _("%s (%s) was not taken off the list by hand"), r->name,
		             r->case_number);
		return -1;
	}
	return 0;
}

int bf_recipient_restore(bf_db *db, int64_t campaign_id, const char *case_number, bf_error *err)
{
	return recipient_change(db, BF_PERM_CASE_EDIT, campaign_id, case_number, check_restore,
	                        "UPDATE campaign_recipient SET included = 1, exclusion = NULL,"
	                        " exclusion_note = NULL WHERE id = :id",
	                        NULL, err);
}

int bf_recipient_set_community(bf_db *db, int64_t campaign_id, const char *case_number,
                               const char *community, bf_error *err)
{
	char buf[BF_TEXT_SZ] = "";
	bf_strlcpy(buf, community ? community : "", sizeof buf);
	bf_trim(buf);
	return recipient_change(db, BF_PERM_CASE_EDIT, campaign_id, case_number, NULL,
	                        "UPDATE campaign_recipient SET community = :t WHERE id = :id", buf,
	                        err);
}

int bf_recipient_places(bf_db *db, int64_t campaign_id, const char *by, char (**names)[BF_TEXT_SZ],
                        size_t *n, bf_error *err)
{
	*names = NULL;
	*n = 0;
	bool comm = by && strcmp(by, "community") == 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  comm ? "SELECT DISTINCT coalesce(community, '') FROM campaign_recipient"
	                         " WHERE campaign_id = :k AND included ORDER BY 1"
	                       : "SELECT DISTINCT coalesce(unit, '') FROM campaign_recipient"
	                         " WHERE campaign_id = :k AND included ORDER BY 1") ||
	    bf_bind_int(&st, ":k", campaign_id)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	size_t cap = 0;
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		if (!bf_grow(names, &cap, *n + 1, sizeof **names)) {
			bf_finalize(&st);
			bf_error_set(err, "%s", _("out of memory"));
			return -1;
		}
		bf_col_copy(&st, 0, (*names)[(*n)++], BF_TEXT_SZ);
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

/* ---- budget ------------------------------------------------------------------------ */

int bf_campaign_budget(bf_db *db, int64_t campaign_id, struct bf_budget_line *lines, size_t max,
                       size_t *n, struct bf_budget_totals *t, bool *from_plan, bf_error *err)
{
	*n = 0;
	memset(t, 0, sizeof *t);
	struct bf_campaign *c = malloc(sizeof *c);
	if (!c) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	int rc = -1;
	if (bf_campaign_load(db, campaign_id, c, err) != 0)
		goto out;
	*from_plan = strcmp(c->status, "planning") == 0;
	if (*from_plan) {
		*n = bf_budget_from_plan(c->groups, c->ngroups, lines, max);
		rc = bf_budget_sum(lines, *n, t, err);
		goto out;
	}
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT g.position, CASE WHEN g.basis = 'size' THEN"
	                  " min(max(r.household_size, 1), 3) - 1 ELSE -1 END AS tier, r.cash,"
	                  " r.goods, r.capped, count(*) FROM campaign_recipient r"
	                  " JOIN campaign_group g ON g.id = r.group_id"
	                  " WHERE r.campaign_id = :k AND r.included"
	                  " GROUP BY g.position, tier, r.cash, r.goods, r.capped"
	                  " ORDER BY g.position, tier, r.capped, r.cash + r.goods DESC") ||
	    bf_bind_int(&st, ":k", campaign_id)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		goto out;
	}
	static const char *const tier_fmt[BF_TIERS] = {N_("%s, 1-person households"),
	                                               N_("%s, 2-person households"),
	                                               N_("%s, households of 3 or more")};
	int last_pos = -1, r;
	while ((r = bf_step(&st)) == SQLITE_ROW) {
		int pos = (int)bf_col_int(&st, 0);
		if (pos < 0 || (size_t)pos >= c->ngroups)
			continue;
		/* groups without anyone on the list still get their line */
		for (int p = last_pos + 1; p < pos && *n < max; p++) {
			bf_budget_from_plan(&c->groups[p], 1, &lines[*n], 1);
			lines[*n].group = p;
			lines[*n].count = 0;
			(*n)++;
		}
		last_pos = pos;
		if (*n >= max)
			break;
		struct bf_budget_line *l = &lines[(*n)++];
		memset(l, 0, sizeof *l);
		char name[BF_TEXT_SZ];
		bf_campaign_group_name(&c->groups[pos], name, sizeof name);
		l->group = pos;
		l->households = bf_group_counts_households(&c->groups[pos]);
		l->tier = (int)bf_col_int(&st, 1);
		if (l->tier >= 0 && l->tier < BF_TIERS)
			snprintf(l->label, sizeof l->label, _(tier_fmt[l->tier]), name);
		else
			bf_strlcpy(l->label, name, sizeof l->label);
		l->capped = bf_col_int(&st, 4) != 0;
		if (l->capped) {
			size_t len = strlen(l->label);
			snprintf(l->label + len, sizeof l->label - len, " %s", _("(capped)"));
		}
		l->cash = bf_col_int(&st, 2);
		l->goods = bf_col_int(&st, 3);
		l->count = bf_col_int(&st, 5);
	}
	bf_finalize(&st);
	if (r != SQLITE_DONE && r != SQLITE_ROW) {
		bf_db_error(db, err);
		goto out;
	}
	for (int p = last_pos + 1; p < (int)c->ngroups && *n < max; p++) {
		bf_budget_from_plan(&c->groups[p], 1, &lines[*n], 1);
		lines[*n].group = p;
		lines[*n].count = 0;
		(*n)++;
	}
	rc = bf_budget_sum(lines, *n, t, err);
out:
	free(c);
	return rc;
}

/* ---- campaign payment -------------------------------------------------------------- */

int bf_campaign_pay(bf_db *db, int64_t campaign_id, const char *case_number,
                    const struct bf_payment_in *p, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_CASE_EDIT, err) != 0)
		return -1;
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	int rc = -1;
	struct bf_campaign *camp = malloc(sizeof *camp);
	struct bf_case *c = malloc(sizeof *c);
	struct bf_recipient r;
	char a[32], b[32];
	if (!camp || !c) {
		bf_error_set(err, "%s", _("out of memory"));
		goto out;
	}
	if (bf_campaign_load(db, campaign_id, camp, err) != 0)
		goto out;
	if (strcmp(camp->status, "closed") == 0) {
		bf_error_set(err, _("campaign %s is closed"), camp->name);
		goto out;
	}
	if (bf_recipient_find(db, campaign_id, case_number, &r, err) != 0)
		goto out;
	if (!r.included) {
		bf_error_set(
		    err, _("%s (%s) is not on the list: %s"), r.name, r.case_number,
		    bf_exclusion_label((enum bf_exclusion)bf_exclusion_parse(r.exclusion)));
		goto out;
	}
	if (strcmp(r.paid_status, "paid") == 0) {
		bf_error_set(err, _("%s (%s) was already paid on %s"), r.name, r.case_number,
		             r.paid_on);
		goto out;
	}
	if (strcmp(r.paid_status, "not_paid") == 0) {
		bf_error_set(err, _("%s (%s) is already recorded as not paid: %s"), r.name,
		             r.case_number, r.not_paid_reason);
		goto out;
	}
	bf_stmt st;
	if (!p->paid) {
		if (bf_blank(p->not_paid_reason)) {
			bf_error_set(err, "%s", _("say why the household was not paid"));
			goto out;
		}
		if (bf_db_prepare(db, &st,
		                  "UPDATE campaign_recipient SET paid_status = 'not_paid',"
		                  " not_paid_reason = :t WHERE id = :id") ||
		    bf_bind_text(&st, ":t", p->not_paid_reason) || bf_bind_int(&st, ":id", r.id) ||
		    step_done(&st)) {
			bf_finalize(&st);
			bf_db_error(db, err);
			goto out;
		}
		rc = 0;
		goto out;
	}
	if (bf_case_load(db, r.case_id, c, err) != 0)
		goto out;
	/* file first, then aid: the file must still be approved now */
	const struct bf_campaign_group *g = NULL;
	for (size_t i = 0; i < camp->ngroups; i++)
		if (camp->groups[i].id == r.group_id)
			g = &camp->groups[i];
	if (g && g->requires_file && !bf_status_is_approved_file(c->status)) {
		bf_error_set(err,
		             _("file %s of %s is \"%s\", not approved: no aid without an approved "
		               "file (file first, then aid)"),
		             c->number, r.name, bf_state_label_of(c->status));
		goto out;
	}
	char phone[BF_PHONE_SZ];
	if (check_payment_in(c, p, r.cash, r.goods, phone, err) != 0)
		goto out;
	struct bf_campaign_caps caps;
	bf_campaign_caps_load(db, &caps);
	bf_fen amount = r.cash + r.goods;
	if (caps.per_payment > 0 && amount > caps.per_payment) {
		bf_error_set(err, _("%s is over the cap of %s per payment"),
		             bf_money_format(amount, a, sizeof a),
		             bf_money_format(caps.per_payment, b, sizeof b));
		goto out;
	}
	if (caps.per_year > 0) {
		int64_t before = 0;
		if (bf_db_prepare(
		        db, &st,
		        "SELECT coalesce(sum(p.cash + p.goods), 0) FROM payment p"
		        " JOIN case_file f ON f.id = p.case_id WHERE p.campaign_id IS NOT"
		        " NULL AND p.year = :y AND (p.case_id = :c OR f.id_bidx = bf_bidx(:idn, 'id'))") ||
		    bf_bind_int(&st, ":y", camp->year) || bf_bind_int(&st, ":c", r.case_id) ||
		    bf_bind_text(&st, ":idn", c->members[0].id_number) ||
		    bf_step(&st) != SQLITE_ROW) {
			bf_finalize(&st);
			bf_db_error(db, err);
			goto out;
		}
		before = bf_col_int(&st, 0);
		bf_finalize(&st);
		if (before + amount > caps.per_year) {
			char d[32];
			bf_error_set(
			    err,
			    _("%s (%s) already received %s in %d: %s more is over the yearly "
			      "cap of %s"),
			    r.name, r.case_number, bf_money_format(before, a, sizeof a), camp->year,
			    bf_money_format(amount, b, sizeof b),
			    bf_money_format(caps.per_year, d, sizeof d));
			goto out;
		}
	}
	struct pay_row row = {.recipient_id = r.id,
	                      .campaign_id = campaign_id,
	                      .case_id = r.case_id,
	                      .paid_on = p->paid_on,
	                      .year = camp->year,
	                      .cash = r.cash,
	                      .goods = r.goods,
	                      .payee = r.name,
	                      .unit = r.unit,
	                      /* the national category, or the office's own group */
	                      .grp = !g ? "hardship"
	                             : g->kind >= 0
	                                 ? bf_group_kind_code((enum bf_group_kind)g->kind)
	                                 : g->label,
	                      .signer = p->signer,
	                      .relation = bf_enum_code(BF_ENUM_RELATION, p->relation),
	                      .phone = phone};
	char signer[BF_NAME_SZ];
	bf_strlcpy(signer, p->signer, sizeof signer);
	row.signer = bf_trim(signer);
	if (insert_payment(db, &row) != 0) {
		bf_db_error(db, err);
		goto out;
	}
	if (bf_db_prepare(db, &st,
	                  "UPDATE campaign_recipient SET paid_status = 'paid' WHERE id = :id") ||
	    bf_bind_int(&st, ":id", r.id) || step_done(&st)) {
		bf_finalize(&st);
		bf_db_error(db, err);
		goto out;
	}
	rc = 0;
out:
	free(camp);
	free(c);
	return bf_db_finish(db, own, rc, err);
}

/* ---- spot checks ------------------------------------------------------------------ */

static uint64_t fresh_seed(void)
{
	uint64_t s = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (read(fd, &s, sizeof s) != (ssize_t)sizeof s)
			s = 0;
		close(fd);
	}
	if (!s) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		s = (uint64_t)ts.tv_sec * 1000000007ULL ^ (uint64_t)ts.tv_nsec ^
		    ((uint64_t)getpid() << 32);
	}
	return s;
}

/* spotcheck_draw as struct bf_spotcheck holds it (coldesc.h) */
#define SC(col, kind, member) BF_COL(col, kind, struct bf_spotcheck, member, BF_COL_RO)
static const struct bf_col spot_cols[] = {
    SC("id", BF_FIELD_NUM, id),
    SC("seed", BF_FIELD_TEXT, seed),
    SC("percent", BF_FIELD_NUM, percent),
    SC("place_by", BF_FIELD_TEXT, place_by),
    SC("population", BF_FIELD_NUM, population),
    SC("drawn", BF_FIELD_NUM, drawn),
    SC("drawn_at", BF_FIELD_TEXT, drawn_at),
    SC("drawn_by", BF_FIELD_TEXT, drawn_by),
};
#undef SC
static const struct bf_table spot_table = BF_TABLE("spotcheck_draw", spot_cols);

/* spotcheck_item i as struct bf_spotcheck_item holds it, with its
 * recipient's file and payment */
#define SI(col, kind, member) BF_COL(col, kind, struct bf_spotcheck_item, member, BF_COL_RO)
static const struct bf_col item_cols[] = {
    SI("id", BF_FIELD_NUM, id),
    SI("recipient_id", BF_FIELD_NUM, recipient_id),
    SI("r.case_number", BF_FIELD_TEXT, case_number),
    SI("r.name", BF_FIELD_TEXT, name),
    SI("place", BF_FIELD_TEXT, place),
    SI("r.cash + r.goods", BF_FIELD_NUM, amount),
    SI("p.signer", BF_FIELD_TEXT, signer),
    SI("bf_open(p.phone, 'payment.phone', p.case_id)", BF_FIELD_TEXT, phone),
    SI("method", BF_FIELD_TEXT, method),
    SI("checked_on", BF_FIELD_TEXT, checked_on),
    SI("coalesce(i.reached, -1)", BF_FIELD_NUM, reached),
    SI("coalesce(i.amount_confirmed, -1)", BF_FIELD_NUM, amount_confirmed),
    SI("problem", BF_FIELD_TEXT, problem),
    SI("checked_by", BF_FIELD_TEXT, checked_by),
};
#undef SI
static const struct bf_table item_table = BF_TABLE("spotcheck_item", item_cols);

static int spot_load_head(bf_db *db, int64_t campaign_id, struct bf_spotcheck *sc, bf_error *err)
{
	char sql[4096];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_query(&spot_table, NULL,
	                                 "FROM spotcheck_draw WHERE campaign_id = :k", sql,
	                                 sizeof sql)) ||
	    bf_bind_int(&st, ":k", campaign_id)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		memset(sc, 0, sizeof *sc);
		bf_table_read(&st, &spot_table, 0, sc);
	} else if (rc != SQLITE_DONE) {
		bf_db_error(db, err);
	}
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int bf_spotcheck_draw_campaign(bf_db *db, int64_t campaign_id, int percent, bool seed_given,
                               uint64_t seed, struct bf_spotcheck *out, bf_error *err)
{
	if (percent <= 0)
		percent = (int)bf_setting_int(db, BF_SETTING_SPOTCHECK_PERCENT,
		                              BF_SPOTCHECK_PERCENT_DEFAULT);
	if (percent < 1 || percent > 100) {
		bf_error_set(err, "%s", _("the spot-check share must be from 1 to 100 percent"));
		return -1;
	}
	if (bf_store_require(db, BF_PERM_REVIEW, err) != 0)
		return -1;
	if (!seed_given)
		seed = fresh_seed();
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	int rc = -1;
	struct bf_campaign camp;
	int64_t *ids = NULL;
	char(*places)[BF_TEXT_SZ] = NULL;
	const char **pp = NULL;
	bool *chosen = NULL;
	size_t n = 0, cap = 0;
	bf_stmt st = {0};
	struct bf_spotcheck sc;
	if (bf_campaign_load(db, campaign_id, &camp, err) != 0)
		goto out;
	int have = spot_load_head(db, campaign_id, &sc, err);
	if (have < 0)
		goto out;
	if (have == 0) {
		bf_error_set(err, _("the spot check of %s was already drawn on %s (seed %s)"),
		             camp.name, sc.drawn_at, sc.seed);
		goto out;
	}
	bool comm = strcmp(camp.place_by, "community") == 0;
	if (bf_db_prepare(db, &st,
	                  comm ? "SELECT id, coalesce(community, '') FROM campaign_recipient"
	                         " WHERE campaign_id = :k AND paid_status = 'paid' ORDER BY id"
	                       : "SELECT id, coalesce(unit, '') FROM campaign_recipient"
	                         " WHERE campaign_id = :k AND paid_status = 'paid' ORDER BY id") ||
	    bf_bind_int(&st, ":k", campaign_id))
		goto sqlfail;
	int r;
	while ((r = bf_step(&st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			void *a = realloc(ids, cap * sizeof *ids);
			if (a)
				ids = a;
			void *b = realloc(places, cap * sizeof *places);
			if (b)
				places = b;
			if (!a || !b) {
				bf_error_set(err, "%s", _("out of memory"));
				goto out;
			}
		}
		ids[n] = bf_col_int(&st, 0);
		bf_col_copy(&st, 1, places[n], BF_TEXT_SZ);
		n++;
	}
	if (r != SQLITE_DONE)
		goto sqlfail;
	bf_finalize(&st);
	if (n == 0) {
		bf_error_set(
		    err, "%s",
		    _("no household is recorded as paid yet: spot checks come after payment"));
		goto out;
	}
	pp = malloc(n * sizeof *pp);
	chosen = malloc(n * sizeof *chosen);
	if (!pp || !chosen) {
		bf_error_set(err, "%s", _("out of memory"));
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		pp[i] = places[i];
	size_t k = bf_spotcheck_draw(seed, percent, pp, n, chosen);
	char seedtxt[24];
	snprintf(seedtxt, sizeof seedtxt, "%" PRIu64, seed);
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO spotcheck_draw (campaign_id, seed, percent, place_by,"
	                  " population, drawn, drawn_at, drawn_by) VALUES (:k, :s, :p, :by, :n,"
	                  " :d, bf_now(), bf_actor())") ||
	    bf_bind_int(&st, ":k", campaign_id) || bf_bind_text(&st, ":s", seedtxt) ||
	    bf_bind_int(&st, ":p", percent) || bf_bind_text(&st, ":by", camp.place_by) ||
	    bf_bind_int(&st, ":n", (int64_t)n) || bf_bind_int(&st, ":d", (int64_t)k) ||
	    step_done(&st))
		goto sqlfail;
	int64_t draw_id = sqlite3_last_insert_rowid(db->h);
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO spotcheck_item (draw_id, recipient_id, place)"
	                  " VALUES (:d, :r, :p)"))
		goto sqlfail;
	for (size_t i = 0; i < n; i++) {
		if (!chosen[i])
			continue;
		if (bf_bind_int(&st, ":d", draw_id) || bf_bind_int(&st, ":r", ids[i]) ||
		    bf_bind_text(&st, ":p", places[i]) || bf_step(&st) != SQLITE_DONE)
			goto sqlfail;
		bf_reset(&st);
	}
	bf_finalize(&st);
	if (out && spot_load_head(db, campaign_id, out, err) != 0)
		goto out;
	rc = 0;
	goto out;
sqlfail:
	bf_db_error(db, err);
out:
	bf_finalize(&st);
	free(ids);
	free(places);
	free(pp);
	free(chosen);
	return bf_db_finish(db, own, rc, err);
}

/* A purged file's spot check (purge.c): its texts show the marker, its
 * phone nothing (no phone to mask or call). */
static void item_fix(bf_stmt *st, void *row)
{
	(void)st;
	struct bf_spotcheck_item *it = row;
	bf_purged_show(it->name, sizeof it->name);
	bf_purged_show(it->place, sizeof it->place);
	bf_purged_show(it->signer, sizeof it->signer);
	if (!strcmp(it->phone, BF_PURGED_MARK))
		it->phone[0] = '\0';
	bf_purged_show(it->problem, sizeof it->problem);
}

int bf_spotcheck_load(bf_db *db, int64_t campaign_id, struct bf_spotcheck *sc,
                      struct bf_spotcheck_item **items, size_t *n, bf_error *err)
{
	*items = NULL;
	*n = 0;
	int rc = spot_load_head(db, campaign_id, sc, err);
	if (rc != 0)
		return rc;
	char sql[4096];
	bf_stmt st;
	if (bf_db_prepare(
	        db, &st,
	        bf_table_query(
	            &item_table, "i",
	            "FROM spotcheck_item i JOIN campaign_recipient r ON r.id = i.recipient_id"
	            " LEFT JOIN payment p ON p.recipient_id = r.id WHERE i.draw_id = :d"
	            " ORDER BY i.place, r.case_number",
	            sql, sizeof sql)) ||
	    bf_bind_int(&st, ":d", sc->id)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	return bf_table_rows(db, &st, &item_table, sizeof **items, item_fix, items, n, err);
}

int bf_spotcheck_record(bf_db *db, int64_t campaign_id, const char *case_number, const char *method,
                        const char *date, bool reached, int amount_confirmed, const char *problem,
                        bf_error *err)
{
	if (bf_store_require(db, BF_PERM_REVIEW, err) != 0)
		return -1;
	if (!method || (strcmp(method, "call") != 0 && strcmp(method, "visit") != 0)) {
		bf_error_set(err, "%s", _("a spot check is a call or a visit"));
		return -1;
	}
	if (!valid_date(date)) {
		bf_error_set(err, _("\"%s\" is not a date (YYYY-MM-DD)"), date ? date : "");
		return -1;
	}
	/* a purged file's note would outlive its purge (purge.c) */
	int64_t purged = 0;
	bf_stmt pq;
	if (bf_db_prepare(db, &pq, "SELECT count(*) FROM purged_case WHERE number = :n") != 0 ||
	    bf_bind_text(&pq, ":n", case_number ? case_number : "") != 0 ||
	    bf_step(&pq) != SQLITE_ROW) {
		bf_finalize(&pq);
		bf_db_error(db, err);
		return -1;
	}
	purged = bf_col_int(&pq, 0);
	bf_finalize(&pq);
	if (purged) {
		bf_error_set(err, _("file %s was purged: its spot check can no longer be recorded"),
		             case_number);
		return -1;
	}
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	int rc = -1;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "UPDATE spotcheck_item SET method = :m, checked_on = :d, reached = :r,"
	                  " amount_confirmed = :a, problem = :p, checked_by = bf_actor()"
	                  " WHERE draw_id = (SELECT id FROM spotcheck_draw WHERE campaign_id = :k)"
	                  " AND recipient_id = (SELECT id FROM campaign_recipient WHERE"
	                  " campaign_id = :k AND case_number = :n)") ||
	    bf_bind_text(&st, ":m", method) || bf_bind_text(&st, ":d", date) ||
	    bf_bind_int(&st, ":r", reached ? 1 : 0) ||
	    (reached && amount_confirmed >= 0 ? bf_bind_int(&st, ":a", amount_confirmed ? 1 : 0)
	                                      : bf_bind_null(&st, ":a")) ||
	    bf_bind_text_or_null(&st, ":p", problem) || bf_bind_int(&st, ":k", campaign_id) ||
	    bf_bind_text(&st, ":n", case_number ? case_number : "") || step_done(&st)) {
		bf_finalize(&st);
		bf_db_error(db, err);
	} else if (sqlite3_changes(db->h) == 0) {
		bf_error_set(err, _("file %s is not in this campaign's spot-check sample"),
		             case_number ? case_number : "");
	} else {
		rc = 0;
	}
	return bf_db_finish(db, own, rc, err);
}

bool bf_spotcheck_item_has_problem(const struct bf_spotcheck_item *it)
{
	return it->reached == 0 || it->amount_confirmed == 0 || it->problem[0] != '\0';
}

/* ---- ledger --------------------------------------------------------------------- */

#define LEDGER_WHERE                                                                         \
	" WHERE (:from IS NULL OR p.paid_on >= :from) AND (:to IS NULL OR p.paid_on <= :to)" \
	" AND (:camp = 0 OR (:camp < 0 AND p.campaign_id IS NULL) OR p.campaign_id = :camp)" \
	" AND (:unit IS NULL OR p.unit = :unit) AND (:grp IS NULL OR p.grp = :grp)"

static int bind_ledger(bf_stmt *st, const struct bf_ledger_filter *f)
{
	struct bf_ledger_filter none;
	if (!f) {
		memset(&none, 0, sizeof none);
		f = &none;
	}
	return bf_bind_text_or_null(st, ":from", f->from) ||
	       bf_bind_text_or_null(st, ":to", f->to) || bf_bind_int(st, ":camp", f->campaign_id) ||
	       bf_bind_text_or_null(st, ":unit", f->unit) ||
	       bf_bind_text_or_null(st, ":grp", f->grp);
}

const char *bf_ledger_group_label(const char *grp)
{
	int k = bf_group_kind_parse(grp);
	if (k >= 0)
		return bf_group_kind_label((enum bf_group_kind)k);
	int e = bf_event_parse(grp);
	if (e >= 0)
		return bf_event_label((enum bf_event)e);
	return grp ? grp : "";
}

/* payment p as a ledger line holds it (coldesc.h), with the file's number
 * and ID number and the campaign's name */
#define LC(col, kind, member) BF_COL(col, kind, struct bf_ledger_row, member, BF_COL_RO)
static const struct bf_col ledger_cols[] = {
    LC("id", BF_FIELD_NUM, id),
    LC("paid_on", BF_FIELD_TEXT, paid_on),
    LC("coalesce(p.campaign_id, 0)", BF_FIELD_NUM, campaign_id),
    LC("k.name", BF_FIELD_TEXT, what),
    LC("grp", BF_FIELD_TEXT, grp),
    LC("f.number", BF_FIELD_TEXT, case_number),
    LC("payee", BF_FIELD_TEXT, payee),
    LC("bf_open(f.id_number, 'case_file.id_number', f.id)", BF_FIELD_TEXT, id_number),
    LC("unit", BF_FIELD_TEXT, unit),
    LC("signer", BF_FIELD_TEXT, signer),
    LC("signer_relation", BF_FIELD_TEXT, signer_relation),
    LC("phone", BF_FIELD_TEXT, phone),
    LC("cash", BF_FIELD_NUM, cash),
    LC("goods", BF_FIELD_NUM, goods),
};
#undef LC
static const struct bf_table ledger_table = BF_TABLE("payment", ledger_cols);

static void ledger_fix(bf_stmt *st, void *row)
{
	(void)st;
	struct bf_ledger_row *r = row;
	if (!r->campaign_id)
		bf_strlcpy(r->what, bf_ledger_group_label(r->grp), sizeof r->what);
	bf_purged_show(r->payee, sizeof r->payee);
	bf_purged_show(r->signer, sizeof r->signer);
	bf_purged_show(r->phone, sizeof r->phone);
}

int bf_ledger_rows(bf_db *db, const struct bf_ledger_filter *f, struct bf_ledger_row **rows,
                   size_t *n, bf_error *err)
{
	*rows = NULL;
	*n = 0;
	char sql[4096];
	bf_stmt st;
	if (bf_db_prepare(
	        db, &st,
	        bf_table_query(&ledger_table, "p",
	                       "FROM payment p JOIN case_file f ON f.id = p.case_id"
	                       " LEFT JOIN campaign k ON k.id = p.campaign_id" LEDGER_WHERE
	                       " ORDER BY p.paid_on, p.id",
	                       sql, sizeof sql)) ||
	    bind_ledger(&st, f)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	return bf_table_rows(db, &st, &ledger_table, sizeof **rows, ledger_fix, rows, n, err);
}

/* a total's row (the key is chosen by bf_ledger_totals) */
#define TC(col, kind, member) BF_COL(col, kind, struct bf_ledger_total, member, BF_COL_RO)
static const struct bf_col total_cols[] = {
    TC("key", BF_FIELD_TEXT, key),
    TC("count(*)", BF_FIELD_NUM, count),
    TC("sum(p.cash)", BF_FIELD_NUM, cash),
    TC("sum(p.goods)", BF_FIELD_NUM, goods),
};
#undef TC
static const struct bf_table total_table = BF_TABLE("payment", total_cols);

int bf_ledger_totals(bf_db *db, const struct bf_ledger_filter *f, enum bf_ledger_by by,
                     struct bf_ledger_total **out, size_t *n, bf_error *err)
{
	*out = NULL;
	*n = 0;
	const char *key = by == BF_LEDGER_BY_MONTH  ? "substr(p.paid_on, 1, 7)"
	                  : by == BF_LEDGER_BY_UNIT ? "coalesce(p.unit, '')"
	                                            : "p.grp";
	char sql[1024];
	snprintf(sql, sizeof sql,
	         "SELECT %s AS key, count(*), sum(p.cash), sum(p.goods) FROM payment p" LEDGER_WHERE
	         " GROUP BY key ORDER BY key",
	         key);
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) || bind_ledger(&st, f)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	return bf_table_rows(db, &st, &total_table, sizeof **out, NULL, out, n, err);
}

int bf_campaign_reconcile(bf_db *db, int64_t campaign_id, struct bf_reconcile_line *lines,
                          size_t max, size_t *n, struct bf_reconcile_line *total, bool *ok,
                          bf_error *err)
{
	*n = 0;
	*ok = true;
	memset(total, 0, sizeof *total);
	bf_strlcpy(total->group, _("Total"), sizeof total->group);
	struct bf_campaign *c = malloc(sizeof *c);
	if (!c) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	if (bf_campaign_load(db, campaign_id, c, err) != 0) {
		free(c);
		return -1;
	}
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT g.position, count(r.id), coalesce(sum(r.cash + r.goods), 0),"
	                  " coalesce(sum(r.paid_status = 'paid'), 0),"
	                  " coalesce(sum(CASE WHEN r.paid_status = 'paid' THEN r.cash + r.goods"
	                  "  END), 0),"
	                  " coalesce(sum(r.paid_status = 'not_paid'), 0),"
	                  " coalesce(sum(CASE WHEN r.paid_status = 'not_paid' THEN r.cash +"
	                  "  r.goods END), 0),"
	                  " coalesce(sum(r.paid_status = 'pending'), 0),"
	                  " coalesce(sum(CASE WHEN r.paid_status = 'pending' THEN r.cash + r.goods"
	                  "  END), 0),"
	                  " (SELECT coalesce(sum(p.cash + p.goods), 0) FROM payment p JOIN"
	                  "  campaign_recipient q ON q.id = p.recipient_id WHERE q.group_id = g.id)"
	                  " FROM campaign_group g LEFT JOIN campaign_recipient r ON"
	                  " r.group_id = g.id AND r.included = 1 WHERE g.campaign_id = :k"
	                  " GROUP BY g.id ORDER BY g.position") ||
	    bf_bind_int(&st, ":k", campaign_id)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		free(c);
		return -1;
	}
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		struct bf_reconcile_line l;
		memset(&l, 0, sizeof l);
		int pos = (int)bf_col_int(&st, 0);
		if (pos >= 0 && (size_t)pos < c->ngroups)
			bf_campaign_group_name(&c->groups[pos], l.group, sizeof l.group);
		l.people = bf_col_int(&st, 1);
		l.budget = bf_col_int(&st, 2);
		l.n_paid = bf_col_int(&st, 3);
		l.paid = bf_col_int(&st, 4);
		l.n_not_paid = bf_col_int(&st, 5);
		l.not_paid = bf_col_int(&st, 6);
		l.n_pending = bf_col_int(&st, 7);
		l.pending = bf_col_int(&st, 8);
		l.ledger = bf_col_int(&st, 9);
		if (l.budget != l.paid + l.not_paid + l.pending || l.ledger != l.paid)
			*ok = false;
		total->people += l.people;
		total->budget += l.budget;
		total->n_paid += l.n_paid;
		total->paid += l.paid;
		total->n_not_paid += l.n_not_paid;
		total->not_paid += l.not_paid;
		total->n_pending += l.n_pending;
		total->pending += l.pending;
		total->ledger += l.ledger;
		if (*n < max)
			lines[(*n)++] = l;
	}
	bf_finalize(&st);
	free(c);
	if (rc != SQLITE_DONE) {
		bf_db_error(db, err);
		return -1;
	}
	/* every payment equals its household's amount, and only paid households
	 * have one; the ledger's campaign total equals the groups' */
	int64_t bad = q_int1(db,
	                     "SELECT count(*) FROM payment p JOIN campaign_recipient r ON"
	                     " r.id = p.recipient_id WHERE p.campaign_id = :k AND (p.cash <> r.cash"
	                     " OR p.goods <> r.goods OR r.paid_status <> 'paid' OR r.included = 0"
	                     " OR r.campaign_id <> p.campaign_id)",
	                     ":k", campaign_id, -1);
	int64_t ledger = q_int1(db,
	                        "SELECT coalesce(sum(cash + goods), 0) FROM payment"
	                        " WHERE campaign_id = :k",
	                        ":k", campaign_id, -1);
	if (bad != 0 || ledger != total->ledger)
		*ok = false;
	return 0;
}
