/* workflow_store.c — checklist items, moves between states, history and the
 * union's review, in the database. The rules are the domain's (workflow.h,
 * checklist.h); this file gathers the facts and writes under one lock. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/store.h"
#include "bangfu/workflow_store.h"

/* store.c: the year's thresholds inside an open write transaction. */
int bf_store_year_settings_in_txn(bf_db *db, int year, struct bf_year_settings *s);

/* ---- the recorded checklist items ------------------------------------------------ */

static int load_stored(bf_db *db, int64_t case_id, struct bf_checklist *out)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT key, doc, member_id, status, received_date, copies, received_by,"
	                  " note, waive_reason, waived_by FROM checklist_item"
	                  " WHERE case_id = :c ORDER BY id") != 0)
		return -1;
	if (bf_bind_int(&st, ":c", case_id) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		int kind = bf_doc_parse(bf_col_text(&st, 1));
		int status = bf_item_status_parse(bf_col_text(&st, 3));
		if (kind < 0 || status < 0)
			continue; /* the schema's CHECKs make this impossible */
		struct bf_checklist_item *it = bf_checklist_add(out);
		if (!it) {
			snprintf(db->errmsg, sizeof db->errmsg, "%s", _("out of memory"));
			bf_finalize(&st);
			return -1;
		}
		bf_col_copy(&st, 0, it->key, sizeof it->key);
		it->kind = (enum bf_doc_kind)kind;
		it->member_id = bf_col_int(&st, 2);
		it->status = (enum bf_item_status)status;
		bf_col_copy(&st, 4, it->received_date, sizeof it->received_date);
		it->copies = (int)bf_col_int(&st, 5);
		bf_col_copy(&st, 6, it->received_by, sizeof it->received_by);
		bf_col_copy(&st, 7, it->note, sizeof it->note);
		bf_col_copy(&st, 8, it->waive_reason, sizeof it->waive_reason);
		bf_col_copy(&st, 9, it->waived_by, sizeof it->waived_by);
		it->stored = true;
	}
	bf_finalize(&st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int bf_checklist_sync_in_txn(bf_db *db, int64_t case_id)
{
	struct row {
		int64_t id;
		char key[64];
		bool required;
	} *rows = NULL;
	size_t n = 0, cap = 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT id, key, required FROM checklist_item WHERE case_id = :c") != 0)
		return -1;
	if (bf_bind_int(&st, ":c", case_id) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			struct row *p = realloc(rows, cap * sizeof *p);
			if (!p) {
				rc = SQLITE_NOMEM;
				break;
			}
			rows = p;
		}
		rows[n].id = bf_col_int(&st, 0);
		bf_col_copy(&st, 1, rows[n].key, sizeof rows[n].key);
		rows[n].required = bf_col_int(&st, 2) != 0;
		n++;
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_NOMEM)
			snprintf(db->errmsg, sizeof db->errmsg, "%s", _("out of memory"));
		free(rows);
		return -1;
	}
	if (n == 0)
		return 0; /* nothing recorded: nothing to keep in step */

	int ret = -1;
	struct bf_case *c = malloc(sizeof *c);
	struct bf_assessment *a = malloc(sizeof *a);
	enum { MAX_DOCS = 8 + 8 * BF_MAX_MEMBERS };
	struct bf_required_doc *docs = malloc(MAX_DOCS * sizeof *docs);
	struct bf_year_settings ys;
	bf_error err = {{0}};
	if (!c || !a || !docs) {
		snprintf(db->errmsg, sizeof db->errmsg, "%s", _("out of memory"));
		goto out;
	}
	if (bf_case_load(db, case_id, c, &err) != 0) {
		snprintf(db->errmsg, sizeof db->errmsg, "%s", err.msg);
		goto out;
	}
	if (bf_store_year_settings_in_txn(db, c->year, &ys) != 0)
		goto out;
	bf_assess(c, &ys, a);
	size_t nd = bf_required_documents(c, a, docs, MAX_DOCS);
	if (bf_db_prepare(db, &st, "UPDATE checklist_item SET required = :r WHERE id = :id") != 0)
		goto out;
	ret = 0;
	for (size_t i = 0; i < n && ret == 0; i++) {
		bool want = false;
		for (size_t k = 0; k < nd && !want; k++)
			want = !strcmp(docs[k].key, rows[i].key);
		if (want == rows[i].required)
			continue;
		if (bf_bind_int(&st, ":r", want) != 0 || bf_bind_int(&st, ":id", rows[i].id) != 0 ||
		    bf_step(&st) != SQLITE_DONE)
			ret = -1;
		bf_reset(&st);
	}
	bf_finalize(&st);
out:
	free(rows);
	free(c);
	free(a);
	free(docs);
	return ret;
}

/* ---- gathering the facts of a case ------------------------------------------------ */

struct wf {
	struct bf_case *c;
	struct bf_assessment *a;
	struct bf_checklist cl;
	struct bf_checklist_summary sum;
	struct bf_wf_facts f;
	enum bf_state state;
	char entered_by[64];
	char created_at[32];
	int returned_to;
	char return_reason[BF_LONG_SZ];
	bf_date pub_start, pub_end;
	int closure;
	char closure_note[BF_LONG_SZ];
	bf_date today;
};

static void wf_free(struct wf *w)
{
	free(w->c);
	free(w->a);
	bf_checklist_free(&w->cl);
	memset(w, 0, sizeof *w);
}

static int last_transition(bf_db *db, struct wf *w, int publicity_days)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT to_status, bf_open(reason, 'case_transition.reason', case_id), closure,"
	                  " back_to, date(at, 'localtime')"
	                  " FROM case_transition WHERE case_id = :c ORDER BY id DESC LIMIT 1") != 0)
		return -1;
	if (bf_bind_int(&st, ":c", w->c->id) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW && bf_state_parse(bf_col_text(&st, 0)) == (int)w->state) {
		switch (w->state) {
		case BF_STATE_RETURNED:
			w->returned_to = bf_state_parse(bf_col_text(&st, 3));
			bf_col_copy(&st, 1, w->return_reason, sizeof w->return_reason);
			break;
		case BF_STATE_CLOSED:
			w->closure = bf_closure_parse(bf_col_text(&st, 2));
			bf_col_copy(&st, 1, w->closure_note, sizeof w->closure_note);
			break;
		case BF_STATE_IN_PUBLICITY: {
			bf_date d;
			if (bf_date_parse(bf_col_text(&st, 4), &d))
				w->pub_start = d;
			break;
		}
		default:
			break;
		}
	}
	bf_finalize(&st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	if (w->state == BF_STATE_IN_PUBLICITY) {
		/* listed in a publicity round: the round's period */
		if (bf_db_prepare(db, &st,
		                  "SELECT r.start_date, r.end_date FROM publicity_case p"
		                  " JOIN publicity_round r ON r.id = p.round_id"
		                  " WHERE p.case_id = :c AND p.status = 'listed'"
		                  " ORDER BY r.id DESC LIMIT 1") != 0)
			return -1;
		if (bf_bind_int(&st, ":c", w->c->id) != 0) {
			bf_finalize(&st);
			return -1;
		}
		rc = bf_step(&st);
		bf_date s, e;
		bool found = rc == SQLITE_ROW && bf_date_parse(bf_col_text(&st, 0), &s) &&
		             bf_date_parse(bf_col_text(&st, 1), &e);
		bf_finalize(&st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return -1;
		if (found) {
			w->pub_start = s;
			w->pub_end = e;
			return 0;
		}
	}
	if (w->pub_start != BF_DATE_NONE) {
		struct bf_calendar cal;
		bf_error err = {{0}};
		if (bf_calendar_load(db, &cal, &err) != 0) {
			snprintf(db->errmsg, sizeof db->errmsg, "%s", err.msg);
			return -1;
		}
		w->pub_end = bf_working_period_end(&cal, w->pub_start, publicity_days);
		bf_calendar_free(&cal);
	}
	return 0;
}

/* Load the case, its checklist and where it stands, and fill the facts a
 * move is judged on. in_txn: inside a write transaction (settings are read
 * with the lock held). */
static int wf_gather(bf_db *db, int64_t case_id, bool in_txn, bf_date today, struct wf *w,
                     bf_error *err)
{
	memset(w, 0, sizeof *w);
	bf_checklist_init(&w->cl);
	w->returned_to = -1;
	w->closure = BF_CLOSE_NONE;
	w->pub_start = w->pub_end = BF_DATE_NONE;
	w->today = today == BF_DATE_NONE ? bf_date_today() : today;
	w->c = malloc(sizeof *w->c);
	w->a = malloc(sizeof *w->a);
	if (!w->c || !w->a) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	if (bf_case_load(db, case_id, w->c, err) != 0)
		return -1;
	struct bf_year_settings ys;
	if (in_txn) {
		if (bf_store_year_settings_in_txn(db, w->c->year, &ys) != 0) {
			bf_db_error(db, err);
			return -1;
		}
	} else if (bf_settings_year(db, w->c->year, &ys, err) != 0) {
		return -1;
	}
	bf_assess(w->c, &ys, w->a);

	struct bf_checklist stored;
	bf_checklist_init(&stored);
	if (load_stored(db, case_id, &stored) != 0) {
		bf_checklist_free(&stored);
		bf_db_error(db, err);
		return -1;
	}
	bool ok = bf_checklist_merge(w->c, w->a, &stored, &w->cl);
	bf_checklist_free(&stored);
	if (!ok) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	bf_checklist_summarize(&w->cl, &w->sum);

	int s = bf_state_parse(w->c->status);
	if (s < 0) {
		bf_error_set(err, _("file %s has an unknown status \"%s\""), w->c->number,
		             w->c->status);
		return -1;
	}
	w->state = (enum bf_state)s;

	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT created_by, created_at FROM case_file WHERE id = :id") !=
	    0) {
		bf_db_error(db, err);
		return -1;
	}
	if (bf_bind_int(&st, ":id", case_id) == 0 && bf_step(&st) == SQLITE_ROW) {
		bf_col_copy(&st, 0, w->entered_by, sizeof w->entered_by);
		bf_col_copy(&st, 1, w->created_at, sizeof w->created_at);
	}
	bf_finalize(&st);
	int days = (int)bf_setting_int(db, "publicity_days", 5);
	if (last_transition(db, w, days) != 0) {
		bf_db_error(db, err);
		return -1;
	}

	bf_wf_facts_init(&w->f);
	bf_wf_facts_from_case(&w->f, w->c);
	w->f.docs_missing = w->sum.missing;
	w->f.docs_missing_text = w->sum.missing_text;
	w->f.returned_to = w->returned_to;
	w->f.today = w->today;
	w->f.publicity_end = w->pub_end;
	return 0;
}

static int need_actor(bf_db *db, bf_error *err)
{
	if (!db->actor[0]) {
		bf_error_set(err, "%s", _("no operator set: every change records who made it"));
		return -1;
	}
	return 0;
}

/* The permission (perm.h) a move needs, by where it goes. Two moves need
 * more, checked once the state is known: reopening a closed file (close)
 * and withdrawing an approval (review). */
static enum bf_perm move_perm(enum bf_state to)
{
	switch (to) {
	case BF_STATE_APPROVED:
	case BF_STATE_REJECTED:
		return BF_PERM_REVIEW;
	case BF_STATE_IN_PUBLICITY:
	case BF_STATE_PUBLICITY_PASSED:
	case BF_STATE_OBJECTION_UPHELD:
		return BF_PERM_PUBLICITY;
	case BF_STATE_SUBMITTED:
	case BF_STATE_ACCEPTED:
	case BF_STATE_RETURNED:
	case BF_STATE_AIDED:
		return BF_PERM_SUBMIT;
	case BF_STATE_CLOSED:
		return BF_PERM_CLOSE;
	default:
		return BF_PERM_CASE_EDIT;
	}
}

/* bf_store_require, with a refusal as 1 (the words are in err). */
static int require(bf_db *db, enum bf_perm perm, bf_error *err)
{
	return bf_store_require(db, perm, err) == 0 ? 0 : 1;
}

/* ---- checklist items ------------------------------------------------------------------- */

struct item_change {
	enum bf_item_status status;
	const struct bf_receipt *receipt;
	const char *reason;
};

static int write_item(bf_db *db, int64_t case_id, const struct bf_checklist_item *it,
                      const struct item_change *ch, bf_date today)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO checklist_item (case_id, key, doc, member_id, status,"
	                  " received_date, copies, received_by, note, waive_reason, waived_by,"
	                  " required) VALUES (:c, :key, :doc, :m, :status, :rd, :copies, :rb,"
	                  " :note, :wr, :wb, 1)"
	                  " ON CONFLICT (case_id, key) DO UPDATE SET status = excluded.status,"
	                  " received_date = excluded.received_date, copies = excluded.copies,"
	                  " received_by = excluded.received_by, note = excluded.note,"
	                  " waive_reason = excluded.waive_reason, waived_by = excluded.waived_by,"
	                  " required = 1") != 0)
		return -1;
	char date[BF_DATE_SZ] = "";
	int copies = 0;
	const char *note = it->note;
	if (ch->status == BF_ITEM_RECEIVED) {
		if (ch->receipt && !bf_blank(ch->receipt->date))
			bf_strlcpy(date, ch->receipt->date, sizeof date);
		else
			bf_date_format(today, date);
		copies = ch->receipt && ch->receipt->copies > 0 ? ch->receipt->copies : 1;
		if (ch->receipt && !bf_blank(ch->receipt->note))
			note = ch->receipt->note;
	}
	bool received = ch->status == BF_ITEM_RECEIVED, waived = ch->status == BF_ITEM_WAIVED;
	int rc =
	    bf_bind_int(&st, ":c", case_id) || bf_bind_text(&st, ":key", it->key) ||
	    bf_bind_text(&st, ":doc", bf_doc_code(it->kind)) ||
	    (it->member_id > 0 ? bf_bind_int(&st, ":m", it->member_id) : bf_bind_null(&st, ":m")) ||
	    bf_bind_text(&st, ":status", bf_item_status_code(ch->status)) ||
	    bf_bind_text_or_null(&st, ":rd", received ? date : "") ||
	    bf_bind_int(&st, ":copies", copies) ||
	    bf_bind_text_or_null(&st, ":rb", received ? db->actor : "") ||
	    bf_bind_text_or_null(&st, ":note", note) ||
	    bf_bind_text_or_null(&st, ":wr", waived ? ch->reason : "") ||
	    bf_bind_text_or_null(&st, ":wb", waived ? db->actor : "");
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	return rc;
}

static int item_set(bf_db *db, int64_t case_id, const char *const *keys, size_t nkeys,
                    const struct item_change *ch, bf_date today, bf_error *err)
{
	if (require(db, BF_PERM_CHECKLIST, err) != 0)
		return 1;
	if (need_actor(db, err) != 0)
		return -1;
	if (today == BF_DATE_NONE)
		today = bf_date_today();
	if (ch->status == BF_ITEM_RECEIVED && ch->receipt) {
		bf_date d;
		const char *ds = ch->receipt->date;
		if (!bf_blank(ds) && !bf_date_parse(ds, &d)) {
			bf_error_set(err, _("Date received '%s' is not a date (YYYY-MM-DD)"), ds);
			return 1;
		}
		if (!bf_blank(ds) && d > today) {
			bf_error_set(err, _("Date received %s is in the future"), ds);
			return 1;
		}
		if (ch->receipt->copies < 0 || ch->receipt->copies > 99) {
			bf_error_set(err, _("Copies: %d is not a number of copies (1–99)"),
			             ch->receipt->copies);
			return 1;
		}
	}
	if (ch->status == BF_ITEM_WAIVED && bf_blank(ch->reason)) {
		bf_error_set(err, "%s", _("Waiving a document needs the reason"));
		return 1;
	}
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	struct wf w;
	int ret = -1;
	if (wf_gather(db, case_id, true, today, &w, err) != 0)
		goto fail;
	if (w.state == BF_STATE_SUBMITTED || w.state == BF_STATE_ACCEPTED) {
		bf_error_set(
		    err,
		    _("File %s has been submitted to the district union: it can be changed "
		      "only after the district returns it."),
		    w.c->number);
		ret = 1;
		goto fail;
	}
	/* Every key resolved and checked before any is written: all or nothing. */
	size_t(*idx)[4] = calloc(nkeys ? nkeys : 1, sizeof *idx);
	int *nidx = calloc(nkeys ? nkeys : 1, sizeof *nidx);
	if (!idx || !nidx) {
		bf_error_set(err, _("out of memory"));
		goto fail_free;
	}
	for (size_t q = 0; q < nkeys; q++) {
		char msg[1024];
		int k = bf_checklist_resolve(&w.cl, keys[q], idx[q], BF_ARRAY_LEN(idx[q]), msg,
		                             sizeof msg);
		if (k < 0) {
			if (nkeys > 1)
				bf_error_set(err, _("%s: %s (nothing was changed)"), keys[q], msg);
			else
				bf_error_set(err, "%s", msg);
			ret = 1;
			goto fail_free;
		}
		nidx[q] = k;
		for (int i = 0; i < k; i++) {
			const struct bf_checklist_item *it = &w.cl.items[idx[q][i]];
			if (!it->required) {
				char title[256];
				bf_item_title(it, title, sizeof title);
				bf_error_set(err,
				             _("“%s” is no longer required by the file's facts"),
				             title);
				ret = 1;
				goto fail_free;
			}
		}
	}
	for (size_t q = 0; q < nkeys; q++)
		for (int i = 0; i < nidx[q]; i++)
			if (write_item(db, case_id, &w.cl.items[idx[q][i]], ch, today) != 0) {
				bf_db_error(db, err);
				goto fail_free;
			}
	free(idx);
	free(nidx);
	wf_free(&w);
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
fail_free:
	free(idx);
	free(nidx);
fail:
	wf_free(&w);
	bf_db_rollback(db);
	return ret;
}

int bf_checklist_change(bf_db *db, int64_t case_id, enum bf_item_status status,
                        const char *const *keys, size_t nkeys, const struct bf_receipt *r,
                        const char *reason, bf_date today, bf_error *err)
{
	struct item_change ch = {status, status == BF_ITEM_RECEIVED ? r : NULL,
	                         status == BF_ITEM_WAIVED ? reason : NULL};
	return item_set(db, case_id, keys, nkeys, &ch, today, err);
}

int bf_checklist_receive(bf_db *db, int64_t case_id, const char *key, const struct bf_receipt *r,
                         bf_date today, bf_error *err)
{
	return bf_checklist_change(db, case_id, BF_ITEM_RECEIVED, &key, 1, r, NULL, today, err);
}

int bf_checklist_waive(bf_db *db, int64_t case_id, const char *key, const char *reason,
                       bf_error *err)
{
	return bf_checklist_change(db, case_id, BF_ITEM_WAIVED, &key, 1, NULL, reason, BF_DATE_NONE,
	                           err);
}

int bf_checklist_unset(bf_db *db, int64_t case_id, const char *key, bf_error *err)
{
	return bf_checklist_change(db, case_id, BF_ITEM_MISSING, &key, 1, NULL, NULL, BF_DATE_NONE,
	                           err);
}

int bf_checklist_load(bf_db *db, int64_t case_id, struct bf_checklist *cl, bf_error *err)
{
	struct wf w;
	if (wf_gather(db, case_id, false, BF_DATE_NONE, &w, err) != 0) {
		wf_free(&w);
		return -1;
	}
	bf_checklist_free(cl);
	*cl = w.cl; /* hand the items over */
	bf_checklist_init(&w.cl);
	wf_free(&w);
	return 0;
}

/* ---- moves ------------------------------------------------------------------------------ */

void bf_move_init(struct bf_move *m, enum bf_state to)
{
	memset(m, 0, sizeof *m);
	m->to = to;
	m->closure = BF_CLOSE_NONE;
	m->back_to = -1;
	m->today = BF_DATE_NONE;
}

/* Change the status and record the transition; *tid gets its id. */
static int do_move(bf_db *db, const struct wf *w, enum bf_state to, const char *reason, int closure,
                   int back_to, int64_t *tid)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "UPDATE case_file SET status = :to, updated_at = bf_now(),"
	                  " updated_by = bf_actor() WHERE id = :id AND status = :from") != 0)
		return -1;
	int rc = bf_bind_text(&st, ":to", bf_state_code(to)) || bf_bind_int(&st, ":id", w->c->id) ||
	         bf_bind_text(&st, ":from", bf_state_code(w->state));
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	if (rc != 0)
		return -1;
	if (sqlite3_changes(db->h) != 1) {
		snprintf(db->errmsg, sizeof db->errmsg,
		         _("file %s changed meanwhile; look at it again"), w->c->number);
		return -1;
	}
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO case_transition (case_id, at, actor, from_status, to_status,"
	                  " reason, closure, back_to) VALUES (:c, bf_now(), bf_actor(), :from, :to,"
	                  " bf_seal(:reason, 'case_transition.reason', :c), :closure, :back_to)") != 0)
		return -1;
	char why[BF_LONG_SZ];
	bf_strlcpy(why, reason ? reason : "", sizeof why);
	rc = bf_bind_int(&st, ":c", w->c->id) ||
	     bf_bind_text(&st, ":from", bf_state_code(w->state)) ||
	     bf_bind_text(&st, ":to", bf_state_code(to)) ||
	     bf_bind_text_or_null(&st, ":reason", bf_trim(why)) ||
	     bf_bind_text_or_null(&st, ":closure", closure >= 0 ? bf_closure_code(closure) : "") ||
	     bf_bind_text_or_null(&st, ":back_to",
	                          back_to >= 0 ? bf_state_code((enum bf_state)back_to) : "");
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	if (rc == 0 && tid)
		*tid = sqlite3_last_insert_rowid(db->h);
	return rc;
}

/* Moves to and from the district are made only by exporting a batch and by
 * importing the district's reply (submission_store.h, through
 * bf_case_advance_in_txn): by hand they would freeze a file no batch
 * carries, or unfreeze one the district has not decided. msg gets why. */
static bool district_move(enum bf_state to, char *msg, size_t n)
{
	if (to == BF_STATE_SUBMITTED) {
		snprintf(msg, n, "%s",
		         _("A file goes to the district union by exporting its batch (menu → "
		           "Submission to the district, or bangfu batch export)."));
		return true;
	}
	if (to == BF_STATE_ACCEPTED || to == BF_STATE_RETURNED) {
		snprintf(msg, n, "%s",
		         _("The district union's decision comes with its reply package (menu → "
		           "Submission to the district, or bangfu reply import)."));
		return true;
	}
	return false;
}

int bf_case_advance(bf_db *db, int64_t case_id, const struct bf_move *m, bf_error *err)
{
	if (require(db, move_perm(m->to), err) != 0)
		return 1;
	char why[256];
	if (district_move(m->to, why, sizeof why)) {
		bf_error_set(err, "%s", why);
		return 1;
	}
	if (need_actor(db, err) != 0)
		return -1;
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	struct wf w;
	int ret = -1;
	if (wf_gather(db, case_id, true, m->today, &w, err) != 0)
		goto fail;
	w.f.reason = m->reason;
	w.f.closure = m->to == BF_STATE_CLOSED ? m->closure : BF_CLOSE_NONE;
	w.f.back_to = m->to == BF_STATE_RETURNED ? m->back_to : -1;
	if ((w.state == BF_STATE_CLOSED && require(db, BF_PERM_CLOSE, err) != 0) ||
	    (w.state == BF_STATE_APPROVED && require(db, BF_PERM_REVIEW, err) != 0)) {
		ret = 1;
		goto fail;
	}
	char msg[2048];
	if (!bf_workflow_check(w.state, m->to, &w.f, msg, sizeof msg)) {
		bf_error_set(err, "%s", msg);
		ret = 1;
		goto fail;
	}
	if (do_move(db, &w, m->to, m->reason, w.f.closure, w.f.back_to, NULL) != 0) {
		bf_db_error(db, err);
		goto fail;
	}
	wf_free(&w);
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
fail:
	wf_free(&w);
	bf_db_rollback(db);
	return ret;
}

/* The move inside an open write transaction: 0 done, 1 refused, -1 error. */
static int advance_in_txn(bf_db *db, int64_t case_id, const struct bf_move *m,
                          bf_date publicity_end, bf_error *err)
{
	struct wf w;
	int ret = -1;
	if (wf_gather(db, case_id, true, m->today, &w, err) != 0)
		goto out;
	w.f.reason = m->reason;
	w.f.closure = m->to == BF_STATE_CLOSED ? m->closure : BF_CLOSE_NONE;
	w.f.back_to = m->to == BF_STATE_RETURNED ? m->back_to : -1;
	if (publicity_end != BF_DATE_NONE)
		w.f.publicity_end = publicity_end;
	if ((w.state == BF_STATE_CLOSED && require(db, BF_PERM_CLOSE, err) != 0) ||
	    (w.state == BF_STATE_APPROVED && require(db, BF_PERM_REVIEW, err) != 0)) {
		ret = 1;
		goto out;
	}
	char msg[2048];
	if (!bf_workflow_check(w.state, m->to, &w.f, msg, sizeof msg)) {
		bf_error_set(err, _("File %s: %s"), w.c->number, msg);
		ret = 1;
		goto out;
	}
	if (do_move(db, &w, m->to, m->reason, w.f.closure, w.f.back_to, NULL) != 0) {
		bf_db_error(db, err);
		goto out;
	}
	ret = 0;
out:
	wf_free(&w);
	return ret;
}

int bf_case_advance_in_txn(bf_db *db, int64_t case_id, const struct bf_move *m,
                           bf_date publicity_end, bf_error *err)
{
	if (require(db, move_perm(m->to), err) != 0)
		return 1;
	if (need_actor(db, err) != 0)
		return -1;
	return advance_in_txn(db, case_id, m, publicity_end, err);
}

static int insert_review(bf_db *db, int64_t case_id, int64_t tid, struct bf_review *r)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO review (case_id, transition_id, decision, category, amount,"
	                  " reason, reviewer, date, meeting_ref, at) VALUES (:c, :t, :decision,"
	                  " :category, :amount, bf_seal(:reason, 'review.reason', :c), :reviewer, :date,"
	                  " :meeting, bf_now())") !=
	    0)
		return -1;
	bool approve = r->decision == BF_REVIEW_APPROVE;
	int rc =
	    bf_bind_int(&st, ":c", case_id) || bf_bind_int(&st, ":t", tid) ||
	    bf_bind_text(&st, ":decision", bf_review_decision_code(r->decision)) ||
	    (approve ? bf_bind_int(&st, ":category", r->category)
	             : bf_bind_null(&st, ":category")) ||
	    (approve ? bf_bind_int(&st, ":amount", r->amount) : bf_bind_null(&st, ":amount")) ||
	    bf_bind_text_or_null(&st, ":reason", bf_trim(r->reason)) ||
	    bf_bind_text(&st, ":reviewer", bf_trim(r->reviewer)) ||
	    bf_bind_text(&st, ":date", bf_trim(r->date)) ||
	    bf_bind_text_or_null(&st, ":meeting", bf_trim(r->meeting_ref));
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	if (rc == 0)
		r->id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

static int review_in_txn(bf_db *db, int64_t case_id, struct bf_review *r, bf_date today,
                         bf_error *err);

int bf_case_review(bf_db *db, int64_t case_id, struct bf_review *r, bf_date today, bf_error *err)
{
	/* the defaults are filled in a copy: a refused review leaves r as given */
	struct bf_review copy = *r;
	int rc = review_in_txn(db, case_id, &copy, today, err);
	if (rc == 0)
		*r = copy;
	return rc;
}

static int review_in_txn(bf_db *db, int64_t case_id, struct bf_review *r, bf_date today,
                         bf_error *err)
{
	if (require(db, BF_PERM_REVIEW, err) != 0)
		return 1;
	if (need_actor(db, err) != 0)
		return -1;
	if (today == BF_DATE_NONE)
		today = bf_date_today();
	if (bf_blank(r->reviewer))
		bf_strlcpy(r->reviewer, db->actor, sizeof r->reviewer);
	if (bf_blank(r->date))
		bf_date_format(today, r->date);
	if (r->decision != BF_REVIEW_APPROVE) {
		r->category = 0;
		r->amount = 0;
	}
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	struct wf w;
	int ret = -1;
	char msg[2048];
	if (wf_gather(db, case_id, true, today, &w, err) != 0)
		goto fail;
	enum bf_state to = r->decision == BF_REVIEW_REJECT ? BF_STATE_REJECTED : BF_STATE_APPROVED;
	w.f.review = r->decision;
	w.f.reason = r->reason;
	if (!bf_workflow_check(w.state, to, &w.f, msg, sizeof msg)) {
		bf_error_set(err, "%s", msg);
		ret = 1;
		goto fail;
	}
	bool must_differ = bf_setting_int(db, "reviewer_must_differ", 0) != 0;
	if (!bf_review_check(r, w.a, w.entered_by, must_differ, today, msg, sizeof msg)) {
		bf_error_set(err, "%s", msg);
		ret = 1;
		goto fail;
	}
	int64_t tid = 0;
	if (do_move(db, &w, to, r->decision == BF_REVIEW_REJECT ? r->reason : NULL, BF_CLOSE_NONE,
	            -1, &tid) != 0 ||
	    insert_review(db, case_id, tid, r) != 0) {
		bf_db_error(db, err);
		goto fail;
	}
	wf_free(&w);
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
fail:
	wf_free(&w);
	bf_db_rollback(db);
	return ret;
}

/* ---- reading ------------------------------------------------------------------------------ */

#define REVIEW_COLS                                                                             \
	"r.id, r.decision, r.category, r.amount, bf_open(r.reason, 'review.reason', r.case_id), " \
	"r.reviewer, r.date, r.meeting_ref, "                                                   \
	"r.at"

static void read_review(bf_stmt *st, int first, struct bf_review *r)
{
	memset(r, 0, sizeof *r);
	r->id = bf_col_int(st, first);
	int d = bf_review_decision_parse(bf_col_text(st, first + 1));
	r->decision = d < 0 ? BF_REVIEW_NONE : (enum bf_review_decision)d;
	r->category = (int)bf_col_int(st, first + 2);
	r->amount = bf_col_int(st, first + 3);
	bf_col_copy(st, first + 4, r->reason, sizeof r->reason);
	bf_col_copy(st, first + 5, r->reviewer, sizeof r->reviewer);
	bf_col_copy(st, first + 6, r->date, sizeof r->date);
	bf_col_copy(st, first + 7, r->meeting_ref, sizeof r->meeting_ref);
	bf_col_copy(st, first + 8, r->at, sizeof r->at);
}

int bf_review_latest(bf_db *db, int64_t case_id, struct bf_review *r, bf_error *err)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT " REVIEW_COLS " FROM review r WHERE r.case_id = :c"
	                  " ORDER BY r.id DESC LIMIT 1") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (bf_bind_int(&st, ":c", case_id) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		read_review(&st, 0, r);
	else if (rc != SQLITE_DONE)
		bf_db_error(db, err);
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int bf_case_workflow(bf_db *db, int64_t case_id, bf_date today, struct bf_case_wf *out,
                     bf_error *err)
{
	memset(out, 0, sizeof *out);
	struct wf w;
	if (wf_gather(db, case_id, false, today, &w, err) != 0) {
		wf_free(&w);
		return -1;
	}
	out->state = w.state;
	bf_strlcpy(out->entered_by, w.entered_by, sizeof out->entered_by);
	bf_strlcpy(out->created_at, w.created_at, sizeof out->created_at);
	out->docs = w.sum;
	out->returned_to = w.returned_to;
	bf_strlcpy(out->return_reason, w.return_reason, sizeof out->return_reason);
	out->publicity_start = w.pub_start;
	out->publicity_end = w.pub_end;
	out->closure = w.closure;
	bf_strlcpy(out->closure_note, w.closure_note, sizeof out->closure_note);
	int rc = bf_review_latest(db, case_id, &out->review, err);
	if (rc < 0) {
		wf_free(&w);
		return -1;
	}
	out->has_review = rc == 0;

	enum bf_state next[BF_STATE_COUNT];
	size_t n = bf_workflow_targets(w.state, next, BF_STATE_COUNT);
	struct bf_wf_facts f = w.f;
	f.docs_missing_text = w.sum.missing_text;
	f.assume_inputs = true;
	for (size_t i = 0; i < n; i++) {
		struct bf_next_move *m = &out->next[out->n_next++];
		m->to = next[i];
		m->t = bf_transition_find(w.state, next[i]);
		m->ready = !district_move(next[i], m->why, sizeof m->why) &&
		           bf_workflow_check(w.state, next[i], &f, m->why, sizeof m->why);
		if (m->ready)
			m->why[0] = '\0';
	}
	wf_free(&w);
	return 0;
}

int bf_case_history(bf_db *db, int64_t case_id, struct bf_history_entry **out, size_t *n,
                    bf_error *err)
{
	*out = NULL;
	*n = 0;
	bf_stmt st;
	int64_t count = 0;
	if (bf_db_prepare(db, &st, "SELECT count(*) FROM case_transition WHERE case_id = :c") !=
	        0 ||
	    bf_bind_int(&st, ":c", case_id) != 0 || bf_step(&st) != SQLITE_ROW) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	count = bf_col_int(&st, 0);
	bf_finalize(&st);
	size_t cap = (size_t)count + 2; /* creation, and rows added meanwhile */
	struct bf_history_entry *h = calloc(cap, sizeof *h);
	if (!h) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	/* the creation */
	if (bf_db_prepare(db, &st,
	                  "SELECT c.created_at, c.created_by, coalesce((SELECT from_status FROM"
	                  " case_transition t WHERE t.case_id = c.id ORDER BY t.id LIMIT 1),"
	                  " c.status) FROM case_file c WHERE c.id = :c") != 0 ||
	    bf_bind_int(&st, ":c", case_id) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		free(h);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			bf_error_set(err, _("no file with id %lld"), (long long)case_id);
		else
			bf_db_error(db, err);
		bf_finalize(&st);
		free(h);
		return -1;
	}
	size_t k = 0;
	h[k].closure = BF_CLOSE_NONE;
	h[k].back_to = -1;
	bf_col_copy(&st, 0, h[k].at, sizeof h[k].at);
	bf_col_copy(&st, 1, h[k].actor, sizeof h[k].actor);
	bf_col_copy(&st, 2, h[k].to, sizeof h[k].to);
	k++;
	bf_finalize(&st);

	if (bf_db_prepare(db, &st,
	                  "SELECT t.id, t.at, t.actor, t.from_status, t.to_status,"
	                  " bf_open(t.reason, 'case_transition.reason', t.case_id),"
	                  " t.closure, t.back_to, " REVIEW_COLS
	                  " FROM case_transition t LEFT JOIN review r ON r.transition_id = t.id"
	                  " WHERE t.case_id = :c ORDER BY t.id") != 0 ||
	    bf_bind_int(&st, ":c", case_id) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		free(h);
		return -1;
	}
	while ((rc = bf_step(&st)) == SQLITE_ROW && k < cap) {
		struct bf_history_entry *e = &h[k++];
		e->id = bf_col_int(&st, 0);
		bf_col_copy(&st, 1, e->at, sizeof e->at);
		bf_col_copy(&st, 2, e->actor, sizeof e->actor);
		bf_col_copy(&st, 3, e->from, sizeof e->from);
		bf_col_copy(&st, 4, e->to, sizeof e->to);
		bf_col_copy(&st, 5, e->reason, sizeof e->reason);
		e->closure = bf_closure_parse(bf_col_text(&st, 6));
		e->back_to = bf_state_parse(bf_col_text(&st, 7));
		e->has_review = !bf_col_is_null(&st, 8);
		if (e->has_review)
			read_review(&st, 8, &e->review);
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		bf_db_error(db, err);
		free(h);
		return -1;
	}
	*out = h;
	*n = k;
	return 0;
}
