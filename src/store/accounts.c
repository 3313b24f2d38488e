/* accounts.c — operator accounts, logging in, and bf_store_require. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/clock.h"
#include "bangfu/coldesc.h"
#include "bangfu/store.h"
#include "bangfu/vault.h"

/* ---- the permission check ------------------------------------------------------ */

bool bf_store_is_district(const bf_db *db)
{
	sqlite3_stmt *st = NULL;
	bool yes = false;
	if (db->h &&
	    sqlite3_prepare_v2(db->h, "SELECT district_mode FROM unit WHERE id = 1", -1, &st,
	                       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		yes = sqlite3_column_int(st, 0) != 0;
	sqlite3_finalize(st);
	return yes;
}

/* The district is asked only when the table's cell says no to an
 * administrator, so it costs nothing on the common path. */
static bool allowed(const bf_db *db, enum bf_perm perm)
{
	enum bf_role role = (enum bf_role)db->role;
	if (bf_perm_allowed(role, perm))
		return true;
	return role == BF_ROLE_ADMIN && bf_perm_allowed_at(role, perm, bf_store_is_district(db));
}

bool bf_store_can(const bf_db *db, enum bf_perm perm)
{
	if (db->must_change && perm != BF_PERM_OWN_PASSWORD)
		return false;
	return allowed(db, perm);
}

int bf_store_require(bf_db *db, enum bf_perm perm, bf_error *err)
{
	/* Set-up mode: no account exists yet, so nobody can log in; the
	 * operator named is taken at their word, as before accounts existed.
	 * Accounts themselves start with the administrator (bf_account_seed). */
	if (!db->role && db->actor[0] && !db->actor_pending && perm != BF_PERM_USERS &&
	    bf_account_count(db) == 0)
		return 0;
	if (!db->role && db->login_hook && !db->in_login && !db->txn_where) {
		db->errmsg[0] = '\0';
		db->in_login = true;
		int rc = db->login_hook(db, db->login_ud);
		db->in_login = false;
		if (rc != 0) {
			if (db->errmsg[0])
				bf_error_set(err, "%s", db->errmsg);
			else
				bf_error_set(err, "%s", _("Not logged in: nothing was changed."));
			return -1;
		}
	}
	if (!db->role && !db->actor[0]) {
		bf_error_set(err, _("no operator set: log in first (to %s)"), bf_perm_label(perm));
		return -1;
	}
	if (!allowed(db, perm)) {
		char msg[512];
		bf_perm_denied_at((enum bf_role)db->role, perm, bf_store_is_district(db), msg,
		                  sizeof msg);
		bf_error_set(err, "%s", msg);
		return -1;
	}
	if (db->must_change && perm != BF_PERM_OWN_PASSWORD) {
		bf_error_set(err, "%s",
		             _("Your password was reset: change it before anything else "
		               "(bangfu user passwd)."));
		return -1;
	}
	return 0;
}

void bf_store_set_session(bf_db *db, const char *actor, enum bf_role role)
{
	bf_db_set_actor(db, actor);
	db->actor_pending = false;
	db->role = (int)role;
	db->must_change = false;
}

void bf_account_logout(bf_db *db)
{
	bf_vault_lock(db);
	bf_db_set_actor(db, "");
	db->actor_pending = false;
	db->role = BF_ROLE_NONE;
	db->must_change = false;
}

/* ---- password hashing -------------------------------------------------------------- */

static int sodium_ready(bf_error *err)
{
	if (sodium_init() < 0) {
		bf_error_set(err, "%s",
		             _("libsodium could not start: passwords cannot be checked"));
		return -1;
	}
	return 0;
}

static bool test_cheap(void)
{
	const char *e = bf_test_hook("BANGFU_TEST_PWHASH_MIN");
	return e && !strcmp(e, "1");
}

void bf_pwhash_cost_get(bf_db *db, struct bf_pwhash_cost *c)
{
	bool cheap = test_cheap();
	int64_t ops_floor =
	    (int64_t)(cheap ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE);
	int64_t kib_floor =
	    (int64_t)((cheap ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) /
	              1024);
	int64_t ops = bf_setting_int(db, "pwhash_ops", ops_floor);
	int64_t kib = bf_setting_int(db, "pwhash_mem_kib", kib_floor);
	if (ops < ops_floor)
		ops = ops_floor;
	if (ops > 64)
		ops = 64;
	if (kib < kib_floor)
		kib = kib_floor;
	if (kib > 1024 * 1024) /* 1 GiB: more would not fit the machines this runs on */
		kib = 1024 * 1024;
	c->ops = (unsigned long long)ops;
	c->mem = (size_t)kib * 1024;
}

bool bf_pwhash_weaker(const char *hash, const struct bf_pwhash_cost *c)
{
	const char *p = hash ? strstr(hash, "$m=") : NULL;
	unsigned long m = 0, t = 0;
	if (!p || sscanf(p, "$m=%lu,t=%lu", &m, &t) != 2)
		return true;
	return (unsigned long long)m * 1024 < c->mem || t < c->ops;
}

static int hash_password(const struct bf_pwhash_cost *c, const char *pw,
                         char out[crypto_pwhash_STRBYTES], bf_error *err)
{
	if (sodium_ready(err) != 0)
		return -1;
	if (crypto_pwhash_str(out, pw, strlen(pw), c->ops, c->mem) != 0) {
		bf_error_set(err, "%s", _("Not enough memory to hash the password."));
		return -1;
	}
	return 0;
}

/* An unknown name is checked against this, so that it takes as long as a
 * known one. */
static void dummy_verify(bf_db *db, const char *pw)
{
	static char dummy[crypto_pwhash_STRBYTES];
	if (!dummy[0]) {
		struct bf_pwhash_cost c;
		bf_pwhash_cost_get(db, &c);
		bf_error ignored;
		if (hash_password(&c, "bangfu: no such account", dummy, &ignored) != 0)
			return;
	}
	if (crypto_pwhash_str_verify(dummy, pw, strlen(pw)) == 0)
		return; /* no one types that */
}

/* ---- reading accounts --------------------------------------------------------------- */

struct acct_row {
	struct bf_account a;
	char pwhash[crypto_pwhash_STRBYTES];
	int64_t last_failed_ms;
};

/* operator as struct acct_row holds it (coldesc.h): a new account writes
 * its name, display name, role (kept as its code) and hash; the flags and
 * counters change by their own updates. The hash and the last failure come
 * last: the list (account_list_table) reads struct bf_account only. */
#define AC(col, kind, member, flags) BF_COL(col, kind, struct acct_row, member, flags)
static const struct bf_col account_cols[] = {
    AC("id", BF_FIELD_NUM, a.id, BF_COL_RO),
    AC("name", BF_FIELD_TEXT, a.name, 0),
    AC("display_name", BF_FIELD_TEXT, a.display_name, BF_COL_NULL),
    BF_COL_CODE("role", 0),
    AC("disabled", BF_FIELD_NUM, a.disabled, BF_COL_RO),
    AC("locked", BF_FIELD_NUM, a.locked, BF_COL_RO),
    AC("must_change", BF_FIELD_NUM, a.must_change, BF_COL_RO),
    AC("failed_count", BF_FIELD_NUM, a.failed_count, BF_COL_RO),
    AC("last_login", BF_FIELD_TEXT, a.last_login, BF_COL_RO),
    AC("created_at", BF_FIELD_TEXT, a.created_at, BF_COL_RO),
    AC("created_by", BF_FIELD_TEXT, a.created_by, BF_COL_RO),
    AC("pwhash", BF_FIELD_TEXT, pwhash, 0),
    AC("last_failed_ms", BF_FIELD_NUM, last_failed_ms, BF_COL_RO),
};
#undef AC
static const struct bf_table account_table = BF_TABLE("operator", account_cols);
/* the same but the hash and the last failure: struct bf_account, the first
 * member of struct acct_row */
static const struct bf_table account_list_table = {"operator", account_cols,
                                                   BF_ARRAY_LEN(account_cols) - 2};

static void account_fix(bf_stmt *st, void *row)
{
	struct bf_account *a = row;
	a->role = bf_role_parse(bf_col_text(st, 3));
}

static void read_row(bf_stmt *st, struct acct_row *r)
{
	memset(r, 0, sizeof *r);
	bf_table_read(st, &account_table, 0, r);
	account_fix(st, &r->a);
}

/* 0 found, 1 not found, -1 error (db->errmsg). */
static int load(bf_db *db, const char *name, struct acct_row *r)
{
	char sql[640];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_query(&account_table, NULL, "FROM operator WHERE name = :n", sql,
	                                 sizeof sql)) != 0)
		return -1;
	if (bf_bind_text(&st, ":n", name ? name : "") != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		read_row(&st, r);
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int64_t bf_account_count(bf_db *db)
{
	int64_t n;
	return bf_db_int(db, "SELECT count(*) FROM operator", &n) == 0 ? n : -1;
}

int bf_account_get(bf_db *db, const char *name, struct bf_account *a, bf_error *err)
{
	struct acct_row r;
	int rc = load(db, name, &r);
	if (rc < 0)
		bf_db_error(db, err);
	else if (rc == 0)
		*a = r.a;
	sodium_memzero(r.pwhash, sizeof r.pwhash);
	return rc;
}

void bf_account_display(bf_db *db, char *who, size_t n)
{
	struct bf_account a;
	bf_error ignored = {{0}};
	if (who[0] && bf_account_get(db, who, &a, &ignored) == 0 && a.display_name[0])
		bf_strlcpy(who, a.display_name, n);
}

int bf_account_list(bf_db *db, struct bf_account **out, size_t *n, bf_error *err)
{
	*out = NULL;
	*n = 0;
	if (bf_store_require(db, BF_PERM_USERS, err) != 0)
		return -1;
	char sql[640];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_query(&account_list_table, NULL, "FROM operator ORDER BY name",
	                                 sql, sizeof sql)) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	return bf_table_rows(db, &st, &account_list_table, sizeof **out, account_fix, out, n, err);
}

/* Administrators other than id who are enabled and not locked. */
static int64_t other_active_admins(bf_db *db, int64_t id)
{
	bf_stmt st;
	int64_t n = -1;
	if (bf_db_prepare(db, &st,
	                  "SELECT count(*) FROM operator WHERE role = 'admin' AND disabled = 0"
	                  " AND locked = 0 AND id <> :id") != 0)
		return -1;
	if (bf_bind_int(&st, ":id", id) == 0 && bf_step(&st) == SQLITE_ROW)
		n = bf_col_int(&st, 0);
	bf_finalize(&st);
	return n;
}

/* ---- logging in ------------------------------------------------------------------------ */

/* Run one UPDATE on operator row id inside its own transaction, recorded as
 * actor. binds: ":id" plus up to three more named ints/texts set by fn. */
struct upd {
	const char *sql;
	int64_t id;
	const char *names[4];
	int64_t ints[4];
	const char *texts[4]; /* used instead of ints[i] when not NULL */
};

static int run_update(bf_db *db, const struct upd *u)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, u->sql) != 0)
		return -1;
	int rc = bf_bind_int(&st, ":id", u->id);
	for (int i = 0; rc == 0 && i < 4 && u->names[i]; i++)
		rc = u->texts[i] ? bf_bind_text(&st, u->names[i], u->texts[i])
		                 : bf_bind_int(&st, u->names[i], u->ints[i]);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	return rc;
}

/* The gate and the failure count of one attempt, in one BEGIN IMMEDIATE
 * transaction before the password is looked at: the attempt is counted as a
 * failure first (a right password takes it back, record_success), so that
 * of any number of attempts made at once no more than the policy allows get
 * an answer. A name that is no account keeps the same count in
 * login_phantom, so that it waits and locks as a real one would and the
 * answers never tell the two apart. *r is the account as read under the
 * lock (found: 0 account, 1 no such account). Returns 0 with res->status
 * BF_LOGIN_WAIT or BF_LOGIN_LOCKED (refused) or BF_LOGIN_FAILED (admitted:
 * the password is to be verified), -1 on a database error. */
static int gate_and_count(bf_db *db, const char *name, int64_t now, struct acct_row *r, int *found,
                          struct bf_login_result *res)
{
	if (bf_db_begin(db) != 0)
		return -1;
	*found = load(db, name, r);
	if (*found < 0)
		goto fail;
	struct bf_login_policy pol;
	bf_login_policy_init(
	    &pol, (int)bf_setting_int(db, "login_max_failures", BF_LOGIN_MAX_FAILURES_DEFAULT));
	struct bf_login_state s = {0, 0, false};
	bool may_lock = true;
	bf_stmt st;
	if (*found == 1) {
		memset(r, 0, sizeof *r);
		if (bf_db_prepare(db, &st,
		                  "SELECT failed_count, last_failed_ms, locked FROM login_phantom"
		                  " WHERE name = substr(:n, 1, 64)") != 0)
			goto fail;
		int rc =
		    bf_bind_text(&st, ":n", name ? name : "") == 0 ? bf_step(&st) : SQLITE_ERROR;
		if (rc == SQLITE_ROW) {
			s.failures = (int)bf_col_int(&st, 0);
			s.last_failure_ms = bf_col_int(&st, 1);
			s.locked = bf_col_int(&st, 2) != 0;
		}
		bf_finalize(&st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			goto fail;
		/* the password is then checked against an account's hash, made at
		 * the cost in force, so that the answer takes as long (never with
		 * success: the name is not that account's) */
		if (bf_db_prepare(db, &st, "SELECT pwhash FROM operator ORDER BY id LIMIT 1") != 0)
			goto fail;
		if (bf_step(&st) == SQLITE_ROW)
			bf_col_copy(&st, 0, r->pwhash, sizeof r->pwhash);
		bf_finalize(&st);
	} else {
		s = (struct bf_login_state){r->a.failed_count, r->last_failed_ms, r->a.locked};
		int64_t others = other_active_admins(db, r->a.id);
		if (others < 0)
			goto fail;
		may_lock = !(r->a.role == BF_ROLE_ADMIN && others == 0);
	}
	int64_t wait = 0;
	enum bf_login_gate gate = bf_login_gate(&pol, &s, now, &wait);
	if (gate != BF_GATE_OPEN) {
		bf_db_rollback(db);
		res->status = gate == BF_GATE_LOCKED ? BF_LOGIN_LOCKED : BF_LOGIN_WAIT;
		res->wait_ms = wait;
		return 0;
	}
	res->locked_now = bf_login_record_failure(&pol, &s, now, may_lock);
	int rc;
	if (*found == 0) {
		struct upd u = {"UPDATE operator SET failed_count = :f, last_failed_ms = :t,"
		                " locked = :l WHERE id = :id",
		                r->a.id,
		                {":f", ":t", ":l", NULL},
		                {s.failures, s.last_failure_ms, s.locked ? 1 : 0, 0},
		                {NULL, NULL, NULL, NULL}};
		rc = run_update(db, &u);
	} else {
		rc = bf_db_prepare(
		    db, &st,
		    "INSERT INTO login_phantom (name, failed_count, last_failed_ms,"
		    " locked) VALUES (substr(:n, 1, 64), :f, :t, :l)"
		    " ON CONFLICT (name) DO UPDATE SET failed_count = excluded.failed_count,"
		    " last_failed_ms = excluded.last_failed_ms, locked = excluded.locked");
		if (rc == 0) {
			rc = bf_bind_text(&st, ":n", name ? name : "") ||
			     bf_bind_int(&st, ":f", s.failures) ||
			     bf_bind_int(&st, ":t", s.last_failure_ms) ||
			     bf_bind_int(&st, ":l", s.locked ? 1 : 0);
			if (rc == 0 && bf_step(&st) != SQLITE_DONE)
				rc = -1;
			bf_finalize(&st);
		}
	}
	if (rc != 0)
		goto fail;
	if (bf_db_commit(db) != 0)
		return -1;
	res->status = BF_LOGIN_FAILED;
	return 0;
fail:
	bf_db_rollback(db);
	return -1;
}

/* The password was right: clear the failures (the one this attempt counted
 * ahead included, and the lock when that count locked it: unlock), note the
 * login (session), rehash at the current cost when the stored hash is
 * weaker. */
static int record_success(bf_db *db, const struct acct_row *r, const char *pw, bool session,
                          bool unlock, bool *rehashed, bf_error *err)
{
	struct bf_pwhash_cost cost;
	bf_pwhash_cost_get(db, &cost);
	char newhash[crypto_pwhash_STRBYTES] = "";
	/* hashed before the write lock is taken: it may take a second */
	if (bf_pwhash_weaker(r->pwhash, &cost) && hash_password(&cost, pw, newhash, err) != 0)
		return -1;
	*rehashed = newhash[0] != '\0';
	int rc = -1;
	if (bf_db_begin(db) == 0) {
		struct upd u = {
		    "UPDATE operator SET failed_count = 0, last_failed_ms = 0,"
		    " locked = CASE WHEN :unlock THEN 0 ELSE locked END,"
		    " last_login = CASE WHEN :session THEN bf_now() ELSE last_login END,"
		    " pwhash = CASE WHEN :h <> '' THEN :h ELSE pwhash END WHERE id = :id",
		    r->a.id,
		    {":session", ":h", ":unlock", NULL},
		    {session ? 1 : 0, 0, unlock ? 1 : 0, 0},
		    {NULL, newhash, NULL, NULL}};
		rc = run_update(db, &u);
		if (rc == 0)
			rc = bf_db_commit(db);
		else
			bf_db_rollback(db);
	}
	sodium_memzero(newhash, sizeof newhash);
	if (rc != 0)
		bf_db_error(db, err);
	return rc;
}

/* After a right password: unwrap the data key. A database written before
 * sealing (no keyring) is upgraded by its first administrator to log in:
 * a new data key wrapped for them and for a new recovery code
 * (db->new_recovery), and every value written before sealed, in one
 * transaction. Other accounts of such a database get their wrap when the
 * administrator resets their password. */
/* A schema step sealed more columns (schema/017): seal what was written
 * before, once, now that the key is open. */
static int reseal_pending(bf_db *db, bf_error *err)
{
	if (bf_setting_int(db, "vault_reseal", 0) == 0)
		return 0;
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (bf_vault_seal_legacy(db, err) != 0 ||
	    bf_db_exec(db, "DELETE FROM setting WHERE key = 'vault_reseal'") != 0) {
		if (!err->msg[0])
			bf_db_error(db, err);
		bf_db_rollback(db);
		return -1;
	}
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

static int open_vault(bf_db *db, const struct acct_row *r, const char *pw, bf_error *err)
{
	int rc = bf_vault_unlock(db, r->a.id, pw, err);
	if (rc == 0 && bf_vault_unlocked(db))
		return reseal_pending(db, err);
	if (rc != 1)
		return rc;
	int has = bf_vault_has_keyring(db);
	if (has < 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (has || r->a.role != BF_ROLE_ADMIN)
		return 0; /* logged in, personal data stays locked */
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (bf_vault_has_keyring(db) == 0 &&
	    (bf_vault_new_key(db, err) != 0 || bf_vault_wrap_for(db, r->a.id, pw, err) != 0 ||
	     bf_vault_new_recovery(db, db->new_recovery, err) != 0 ||
	     bf_vault_seal_legacy(db, err) != 0)) {
		bf_db_rollback(db);
		bf_vault_lock(db);
		db->new_recovery[0] = '\0';
		return -1;
	}
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		bf_vault_lock(db);
		db->new_recovery[0] = '\0';
		return -1;
	}
	return bf_vault_unlocked(db) ? 0 : bf_vault_unlock(db, r->a.id, pw, err) < 0 ? -1 : 0;
}

/* The password was hashed anew at a higher cost (record_success): the
 * account's wrap of the data key (vault.h), made at the cost of its time,
 * is made again at the cost in force. A failure keeps the old wrap, which
 * still opens: the login goes on. */
static void rewrap(bf_db *db, int64_t account_id, const char *pw)
{
	bf_error ignored;
	if (!bf_vault_unlocked(db) || bf_db_begin(db) != 0)
		return;
	if (bf_vault_wrap_for(db, account_id, pw, &ignored) != 0 || bf_db_commit(db) != 0)
		bf_db_rollback(db);
}

/* One attempt at name's password. session: log in (set the operator and
 * role); otherwise only check it (a change of password). */
static int attempt(bf_db *db, const char *name, const char *pw, const struct bf_clock *clock,
                   struct bf_login_result *res, bf_error *err, bool session)
{
	memset(res, 0, sizeof *res);
	if (sodium_ready(err) != 0)
		return -1;
	if (!pw)
		pw = "";
	int64_t now = bf_clock_now(clock);
	char saved_actor[sizeof db->actor];
	bf_strlcpy(saved_actor, db->actor, sizeof saved_actor);
	bool saved_in_login = db->in_login, saved_pending = db->actor_pending;
	db->in_login = true;
	db->actor_pending = false;
	/* who records a failure: "(login)" for a login; the operator for the
	 * check of their own password (a change of password) */
	const char *recorder = (!session && db->role) ? saved_actor : "(login)";
	bf_db_set_actor(db, recorder);
	struct acct_row r;
	int found = 1;
	int rc = gate_and_count(db, name, now, &r, &found, res);
	if (rc != 0) {
		bf_db_error(db, err);
	} else if (res->status != BF_LOGIN_FAILED) {
		/* waiting or locked: refused without looking at the password */
	} else if (found == 1) {
		if (!r.pwhash[0] || crypto_pwhash_str_verify(r.pwhash, pw, strlen(pw)) == 0)
			dummy_verify(db, pw); /* no account yet, or the other's password */
	} else if (crypto_pwhash_str_verify(r.pwhash, pw, strlen(pw)) != 0) {
		/* counted already */
	} else if (r.a.disabled) {
		/* right, but no login: the failure counted ahead is taken back */
		bool ignored;
		rc = record_success(db, &r, pw, false, res->locked_now, &ignored, err);
		res->status = BF_LOGIN_DISABLED;
	} else {
		/* the login is recorded as the account's own */
		bf_db_set_actor(db, session ? r.a.name : recorder);
		rc = record_success(db, &r, pw, session, res->locked_now, &res->rehashed, err);
		if (rc == 0 && session)
			rc = open_vault(db, &r, pw, err);
		if (rc == 0 && session && res->rehashed)
			rewrap(db, r.a.id, pw);
		if (rc == 0 && session) {
			db->role = (int)r.a.role;
			db->must_change = r.a.must_change;
		}
		if (rc == 0) {
			res->status = BF_LOGIN_OK;
			res->locked_now = false;
			res->account = r.a;
			res->account.failed_count = 0;
			res->account.locked = false;
		}
	}
	if (!(rc == 0 && session && res->status == BF_LOGIN_OK)) {
		bf_db_set_actor(db, saved_actor);
		db->actor_pending = saved_pending;
	}
	db->in_login = saved_in_login;
	sodium_memzero(r.pwhash, sizeof r.pwhash);
	return rc;
}

int bf_account_login(bf_db *db, const char *name, const char *password,
                     const struct bf_clock *clock, struct bf_login_result *res, bf_error *err)
{
	memset(res, 0, sizeof *res);
	int64_t count = bf_account_count(db);
	if (count < 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (count == 0) {
		res->status = BF_LOGIN_NO_ACCOUNTS;
		return 0;
	}
	return attempt(db, name, password, clock, res, err, true);
}

/* ---- accounts ------------------------------------------------------------------------ */

static bool check_new(const struct bf_account_new *a, bf_error *err)
{
	if (!bf_account_name_ok(a->name, err))
		return false;
	if (a->role <= BF_ROLE_NONE || a->role >= BF_ROLE_END) {
		bf_error_set(err, "%s", _("Choose a role: clerk, reviewer, admin or district."));
		return false;
	}
	if (a->display_name &&
	    strlen(a->display_name) >= sizeof((struct bf_account *)0)->display_name) {
		bf_error_set(err, "%s", _("The display name is too long."));
		return false;
	}
	return bf_password_ok(a->password, a->name, err);
}

static int insert_account(bf_db *db, const struct bf_account_new *a, const char *hash)
{
	struct acct_row r;
	memset(&r, 0, sizeof r);
	bf_strlcpy(r.a.name, a->name, sizeof r.a.name);
	bf_strlcpy(r.a.display_name, a->display_name ? a->display_name : "",
	           sizeof r.a.display_name);
	bf_strlcpy(r.pwhash, hash, sizeof r.pwhash);
	char sql[640];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_insert(&account_table, ":id", "created_at, created_by",
	                                  "bf_now(), bf_actor()", sql, sizeof sql)) != 0) {
		sodium_memzero(r.pwhash, sizeof r.pwhash);
		return -1;
	}
	int rc = bf_table_bind(&st, &account_table, &r) ||
	         bf_bind_text(&st, ":role", bf_role_code(a->role));
	sodium_memzero(r.pwhash, sizeof r.pwhash);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	return rc;
}

int bf_account_seed(bf_db *db, const struct bf_account_new *list, size_t n, bf_error *err)
{
	if (n == 0)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (!check_new(&list[i], err))
			return -1;
	char(*hashes)[crypto_pwhash_STRBYTES] = calloc(n, sizeof *hashes);
	if (!hashes) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	struct bf_pwhash_cost cost;
	bf_pwhash_cost_get(db, &cost);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = hash_password(&cost, list[i].password, hashes[i], err);
	if (rc != 0) {
		free(hashes);
		return -1;
	}
	char saved_actor[sizeof db->actor];
	bf_strlcpy(saved_actor, db->actor, sizeof saved_actor);
	bool saved_in_login = db->in_login, saved_pending = db->actor_pending;
	db->in_login = true;
	db->actor_pending = false;
	bf_db_set_actor(db, list[0].name);
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		rc = -1;
		goto out;
	}
	/* Counted under the write lock: two terminals at the first start create
	 * one administrator, not two. */
	int64_t count;
	if (bf_db_int(db, "SELECT count(*) FROM operator", &count) != 0)
		goto fail;
	if (count > 0) {
		bf_db_rollback(db);
		rc = 1;
		goto out;
	}
	/* the database's data key is made with its first accounts, wrapped for
	 * each of them and for the recovery code (db->new_recovery, for the
	 * caller to show once) */
	if (!bf_vault_unlocked(db) && bf_vault_new_key(db, err) != 0) {
		bf_db_rollback(db);
		rc = -1;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (insert_account(db, &list[i], hashes[i]) != 0)
			goto fail;
		if (bf_vault_wrap_for(db, sqlite3_last_insert_rowid(db->h), list[i].password, err) !=
		    0) {
			bf_db_rollback(db);
			rc = -1;
			goto out;
		}
	}
	if (bf_vault_new_recovery(db, db->new_recovery, err) != 0 ||
	    bf_vault_seal_legacy(db, err) != 0) {
		bf_db_rollback(db);
		rc = -1;
		goto out;
	}
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		rc = -1;
	}
	goto out;
fail:
	bf_db_error(db, err);
	bf_db_rollback(db);
	rc = -1;
out:
	bf_db_set_actor(db, saved_actor);
	db->in_login = saved_in_login;
	db->actor_pending = saved_pending;
	sodium_memzero(hashes, n * sizeof *hashes);
	free(hashes);
	return rc;
}

int bf_account_create(bf_db *db, const struct bf_account_new *a, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_USERS, err) != 0)
		return -1;
	if (!check_new(a, err))
		return -1;
	struct bf_pwhash_cost cost;
	bf_pwhash_cost_get(db, &cost);
	char hash[crypto_pwhash_STRBYTES];
	if (hash_password(&cost, a->password, hash, err) != 0)
		return -1;
	int rc = -1;
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		goto out;
	}
	struct acct_row r;
	int found = load(db, a->name, &r);
	if (found == 0) {
		bf_db_rollback(db);
		bf_error_set(err, _("An account named %s already exists."), r.a.name);
		goto out;
	}
	if (found < 0 || insert_account(db, a, hash) != 0) {
		bf_db_error(db, err);
		bf_db_rollback(db);
		goto out;
	}
	if (bf_vault_wrap_for(db, sqlite3_last_insert_rowid(db->h), a->password, err) != 0) {
		bf_db_rollback(db);
		goto out;
	}
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(hash, sizeof hash);
	return rc;
}

/* Load name under the write lock (opened here) for a change by an
 * administrator; on success the transaction stays open. */
static int begin_change(bf_db *db, const char *name, struct acct_row *r, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_USERS, err) != 0)
		return -1;
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	int found = load(db, name, r);
	if (found == 0) {
		sodium_memzero(r->pwhash, sizeof r->pwhash);
		return 0;
	}
	if (found < 0)
		bf_db_error(db, err);
	else
		bf_error_set(err, _("There is no account named %s."), name ? name : "");
	bf_db_rollback(db);
	return -1;
}

/* Run u, then (password given) wrap the data key for the account anew, or
 * (unwrap) delete its wrap, and commit; all or nothing. */
static int finish_change_key(bf_db *db, const struct upd *u, const char *password, bool unwrap,
                             bf_error *err)
{
	if (run_update(db, u) != 0) {
		bf_db_error(db, err);
		bf_db_rollback(db);
		return -1;
	}
	if ((password && bf_vault_wrap_for(db, u->id, password, err) != 0) ||
	    (unwrap && bf_vault_unwrap_delete(db, u->id, err) != 0)) {
		bf_db_rollback(db);
		return -1;
	}
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		bf_db_rollback(db);
		return -1;
	}
	return 0;
}

static int finish_change(bf_db *db, const struct upd *u, bf_error *err)
{
	return finish_change_key(db, u, NULL, false, err);
}

int bf_account_set_disabled(bf_db *db, const char *name, bool disabled, bf_error *err)
{
	struct acct_row r;
	if (begin_change(db, name, &r, err) != 0)
		return -1;
	if (disabled && r.a.role == BF_ROLE_ADMIN && !r.a.disabled &&
	    other_active_admins(db, r.a.id) == 0) {
		bf_db_rollback(db);
		bf_error_set(err,
		             _("%s is the last administrator who can log in: create or unlock "
		               "another administrator first."),
		             r.a.name);
		return -1;
	}
	struct upd u = {"UPDATE operator SET disabled = :d WHERE id = :id",
	                r.a.id,
	                {":d", NULL, NULL, NULL},
	                {disabled ? 1 : 0, 0, 0, 0},
	                {NULL, NULL, NULL, NULL}};
	/* a disabled operator's copy of the data key goes; enabled again, the
	 * account gets one with the administrator's reset of its password */
	return finish_change_key(db, &u, NULL, disabled, err);
}

int bf_account_unlock(bf_db *db, const char *name, bf_error *err)
{
	struct acct_row r;
	if (begin_change(db, name, &r, err) != 0)
		return -1;
	struct upd u = {"UPDATE operator SET locked = 0, failed_count = 0, last_failed_ms = 0"
	                " WHERE id = :id",
	                r.a.id,
	                {NULL, NULL, NULL, NULL},
	                {0, 0, 0, 0},
	                {NULL, NULL, NULL, NULL}};
	return finish_change(db, &u, err);
}

int bf_account_reset(bf_db *db, const char *name, const char *new_password, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_USERS, err) != 0)
		return -1;
	if (!bf_password_ok(new_password, name, err))
		return -1;
	struct bf_pwhash_cost cost;
	bf_pwhash_cost_get(db, &cost);
	char hash[crypto_pwhash_STRBYTES];
	if (hash_password(&cost, new_password, hash, err) != 0)
		return -1;
	struct acct_row r;
	int rc = -1;
	if (begin_change(db, name, &r, err) == 0) {
		struct upd u = {"UPDATE operator SET pwhash = :h, must_change = 1, locked = 0,"
		                " failed_count = 0, last_failed_ms = 0 WHERE id = :id",
		                r.a.id,
		                {":h", NULL, NULL, NULL},
		                {0, 0, 0, 0},
		                {hash, NULL, NULL, NULL}};
		rc = finish_change_key(db, &u, new_password, false, err);
	}
	sodium_memzero(hash, sizeof hash);
	return rc;
}

int bf_account_change_password(bf_db *db, const char *old_password, const char *new_password,
                               bf_error *err)
{
	if (bf_store_require(db, BF_PERM_OWN_PASSWORD, err) != 0)
		return -1;
	char name[sizeof db->actor];
	bf_strlcpy(name, db->actor, sizeof name);
	if (!bf_password_ok(new_password, name, err))
		return -1;
	if (old_password && !strcmp(old_password, new_password)) {
		bf_error_set(err, "%s", _("The new password is the same as the old one."));
		return -1;
	}
	struct bf_login_result res;
	if (attempt(db, name, old_password, NULL, &res, err, false) != 0)
		return -1;
	if (res.status != BF_LOGIN_OK) {
		if (res.status == BF_LOGIN_FAILED)
			bf_error_set(err, "%s", _("The current password is wrong."));
		else {
			char msg[256];
			bf_login_message(res.status, res.wait_ms, msg, sizeof msg);
			bf_error_set(err, "%s", msg);
		}
		return -1;
	}
	struct bf_pwhash_cost cost;
	bf_pwhash_cost_get(db, &cost);
	char hash[crypto_pwhash_STRBYTES];
	if (hash_password(&cost, new_password, hash, err) != 0)
		return -1;
	int rc = -1;
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
	} else {
		struct upd u = {"UPDATE operator SET pwhash = :h, must_change = 0 WHERE id = :id",
		                res.account.id,
		                {":h", NULL, NULL, NULL},
		                {0, 0, 0, 0},
		                {hash, NULL, NULL, NULL}};
		rc = finish_change_key(db, &u, new_password, false, err);
	}
	sodium_memzero(hash, sizeof hash);
	if (rc == 0)
		db->must_change = false;
	return rc;
}
