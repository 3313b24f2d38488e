/* accounts.h — operator accounts, logging in, and the store's permission
 * check (storage layer).
 *
 * A login sets the connection's operator (db->actor, what the audit log
 * records) and role (db->role). Store functions that write call
 * bf_store_require(db, perm, err) first, which asks the one permission table
 * (perm.h): a screen hides what a role cannot do, and the store refuses it
 * anyway.
 *
 * Passwords are hashed with libsodium's crypto_pwhash_str (argon2id). The
 * cost is a setting (pwhash_ops, pwhash_mem_kib; default libsodium's
 * INTERACTIVE, never less); a login with a password hashed at a lower cost
 * than the setting now asks for rehashes it. For tests only, the test switch
 * BANGFU_TEST_PWHASH_MIN=1 (honoured by a test build only, clock.h) makes
 * libsodium's MIN limits the default and the floor, so hashing takes
 * milliseconds.
 *
 * Settings read here: login_max_failures (5), pwhash_ops, pwhash_mem_kib. */
#ifndef BANGFU_ACCOUNTS_H
#define BANGFU_ACCOUNTS_H

#include "bangfu/db.h"
#include "bangfu/login.h"
#include "bangfu/perm.h"

struct bf_account {
	int64_t id;
	char name[64];
	char display_name[64];
	enum bf_role role;
	bool disabled;
	bool locked;
	bool must_change; /* reset by an administrator: change at the next login */
	int failed_count;
	char last_login[32]; /* ISO 8601 UTC, "" = never */
	char created_at[32];
	char created_by[64];
};

/* ---- the permission check ------------------------------------------------------ */

/* 0 when the logged-in operator's role may do perm. Otherwise -1 and err
 * says why, in plain words ("Clerk: may not close files."). Nobody logged
 * in: the login hook (db.h) is tried first when there is one and no
 * transaction is open. After a reset only BF_PERM_OWN_PASSWORD is allowed
 * until the password is changed. */
int bf_store_require(bf_db *db, enum bf_perm perm, bf_error *err);
/* The same test without a message or a login attempt: for hiding actions. */
bool bf_store_can(const bf_db *db, enum bf_perm perm);
/* Whether this is a district's database (unit.district_mode), where the
 * administrator also holds the district staff's permissions
 * (bf_perm_allowed_at). False when it cannot be read. */
bool bf_store_is_district(const bf_db *db);

/* ---- logging in ---------------------------------------------------------------- */

/* Number of accounts (disabled ones too); -1 on error. 0 = the first start:
 * the administrator is to be created (bf_account_seed). */
int64_t bf_account_count(bf_db *db);

struct bf_login_result {
	enum bf_login_status status;
	int64_t wait_ms;           /* BF_LOGIN_WAIT: how long */
	bool locked_now;           /* this failure locked the account */
	bool rehashed;             /* the password was rehashed at the current cost */
	struct bf_account account; /* BF_LOGIN_OK: who is now logged in */
};
/* One attempt. Returns 0 when the attempt was judged (res->status says how)
 * and -1 on a database error. On BF_LOGIN_OK the connection's operator and
 * role are the account's (and db->must_change its flag); on anything else
 * they are left as they were. clock NULL = the real one. A wrong password
 * counts a failure (setting login_max_failures, delays in login.h); an
 * unknown name takes as long as a known one and says the same. */
int bf_account_login(bf_db *db, const char *name, const char *password,
                     const struct bf_clock *clock, struct bf_login_result *res, bf_error *err);
/* Nobody is logged in any more (operator "", role none). */
void bf_account_logout(bf_db *db);
/* For the demo generator and tests only: act as actor with role without a
 * login. Everything else logs in. */
void bf_store_set_session(bf_db *db, const char *actor, enum bf_role role);

/* ---- accounts ---------------------------------------------------------------------- */

struct bf_account_new {
	const char *name;
	const char *display_name; /* NULL or "" = none */
	enum bf_role role;
	const char *password;
};
/* The first accounts of a database (the administrator at the first start,
 * or the demo's): all of them in one transaction, only when there is no
 * account yet, with the first one recorded as the operator. 0 created, 1
 * there were accounts already (nothing done), -1 error. Nobody is logged in
 * afterwards. */
int bf_account_seed(bf_db *db, const struct bf_account_new *list, size_t n, bf_error *err);

/* Administrator's work (BF_PERM_USERS). Names are matched ignoring ASCII
 * case. Each returns 0, or -1 with err naming what was wrong. */
int bf_account_create(bf_db *db, const struct bf_account_new *a, bf_error *err);
/* Sorted by name; *out malloc'd (free it). */
int bf_account_list(bf_db *db, struct bf_account **out, size_t *n, bf_error *err);
/* Disable or enable; the last enabled administrator cannot be disabled. */
int bf_account_set_disabled(bf_db *db, const char *name, bool disabled, bf_error *err);
int bf_account_unlock(bf_db *db, const char *name, bf_error *err);
/* A new password chosen by the administrator; the account is unlocked and
 * must change it at the next login. */
int bf_account_reset(bf_db *db, const char *name, const char *new_password, bf_error *err);

/* One account by name, for anyone logged in: 0 found, 1 not found, -1. */
int bf_account_get(bf_db *db, const char *name, struct bf_account *a, bf_error *err);
/* The name a person signs with: when who is an account's login with a
 * display name (wang → 王主席), that name, else who as it is (a name typed
 * on the form). In place; who holds n bytes. */
void bf_account_display(bf_db *db, char *who, size_t n);
/* The logged-in operator changes their own password (BF_PERM_OWN_PASSWORD).
 * A wrong old password counts as a failed login. */
int bf_account_change_password(bf_db *db, const char *old_password, const char *new_password,
                               bf_error *err);

/* ---- password hashing -------------------------------------------------------------- */
struct bf_pwhash_cost {
	unsigned long long ops;
	size_t mem; /* bytes */
};
/* The cost to hash with now (settings, floors, the test variable). */
void bf_pwhash_cost_get(bf_db *db, struct bf_pwhash_cost *c);
/* True when hash was made at a lower cost than c (so a login rehashes). */
bool bf_pwhash_weaker(const char *hash, const struct bf_pwhash_cost *c);

#endif
