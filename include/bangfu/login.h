/* login.h — the rules of logging in, with an injected clock (pure domain
 * code): growing delays after failed attempts, the lockout, the idle lock,
 * and what names and passwords are acceptable. The store keeps the state
 * (accounts.h); the screens and the CLI show bf_login_message(). */
#ifndef BANGFU_LOGIN_H
#define BANGFU_LOGIN_H

#include "bangfu/common.h"

/* A clock in milliseconds since the epoch. Tests pass a fake one. NULL, or
 * a NULL now_ms, is the real clock. */
struct bf_clock {
	int64_t (*now_ms)(void *ud);
	void *ud;
};
int64_t bf_clock_now(const struct bf_clock *c);

/* ---- failed logins ------------------------------------------------------------
 *
 * After the n-th failure in a row the next attempt waits bf_login_delay_ms(n):
 * nothing after the first (a typo), then base, 2 base, 4 base, ... up to
 * max_delay. At max_failures the account locks until an administrator
 * unlocks it — except the last administrator who could unlock the others,
 * whose delays just keep growing (may_lock false). An attempt made while
 * waiting is refused without looking at the password and is not counted. */
struct bf_login_policy {
	int max_failures;      /* setting login_max_failures, default 5 */
	int64_t base_delay_ms; /* 1000 */
	int64_t max_delay_ms;  /* 15 minutes */
};
#define BF_LOGIN_MAX_FAILURES_DEFAULT 5
void bf_login_policy_init(struct bf_login_policy *p, int max_failures);
int64_t bf_login_delay_ms(const struct bf_login_policy *p, int failures);

struct bf_login_state {
	int failures;            /* in a row, since the last success or unlock */
	int64_t last_failure_ms; /* 0 = none */
	bool locked;
};

enum bf_login_gate { BF_GATE_OPEN, BF_GATE_WAIT, BF_GATE_LOCKED };
/* May an attempt be made now? For BF_GATE_WAIT, *wait_ms (may be NULL) gets
 * the time left. A clock that went back opens the gate. */
enum bf_login_gate bf_login_gate(const struct bf_login_policy *p, const struct bf_login_state *s,
                                 int64_t now_ms, int64_t *wait_ms);
/* Count a failure at now_ms; returns true when this one locked the account. */
bool bf_login_record_failure(const struct bf_login_policy *p, struct bf_login_state *s,
                             int64_t now_ms, bool may_lock);
void bf_login_record_success(struct bf_login_state *s);

/* What an attempt came to. The message for BF_LOGIN_FAILED never says
 * whether the name or the password was wrong. */
enum bf_login_status {
	BF_LOGIN_OK = 0,
	BF_LOGIN_FAILED,      /* wrong name or password */
	BF_LOGIN_WAIT,        /* too soon after a failure: wait_ms */
	BF_LOGIN_LOCKED,      /* locked after too many failures: an administrator unlocks */
	BF_LOGIN_DISABLED,    /* the password was right, the account is disabled */
	BF_LOGIN_NO_ACCOUNTS, /* no account exists yet: create the administrator */
};
/* Translated, one sentence. */
void bf_login_message(enum bf_login_status st, int64_t wait_ms, char *buf, size_t n);

/* ---- the idle lock ---------------------------------------------------------------
 * After timeout_ms without a key the screen locks (setting
 * idle_lock_minutes, default 5; 0 = never). */
#define BF_IDLE_LOCK_MINUTES_DEFAULT 5
struct bf_idle {
	int64_t timeout_ms; /* 0 = never */
	int64_t last_key_ms;
};
void bf_idle_start(struct bf_idle *i, int64_t timeout_ms, int64_t now_ms);
void bf_idle_key(struct bf_idle *i, int64_t now_ms);
bool bf_idle_due(const struct bf_idle *i, int64_t now_ms);
/* Milliseconds until the lock (0 when due; INT64_MAX when never). */
int64_t bf_idle_left_ms(const struct bf_idle *i, int64_t now_ms);

/* ---- names and passwords ------------------------------------------------------ */
#define BF_ACCOUNT_NAME_MAX 32 /* bytes */
#define BF_PASSWORD_MIN 8      /* characters */
#define BF_PASSWORD_MAX 128    /* bytes */
/* A login name: 1..32 bytes of letters, digits, Chinese, '.', '_', '-'; no
 * spaces or other punctuation (names in parentheses are the system's, such
 * as "(schema upgrade)"). The message names the rule broken. */
bool bf_account_name_ok(const char *name, bf_error *err);
/* At least 8 characters, at most 128 bytes, no control characters, not the
 * login name itself, and not easy to guess (password.h: the shipped list of
 * common passwords, cracklib); no composition rules. The one check of every
 * new password; err says why in a translated sentence. */
bool bf_password_ok(const char *password, const char *name, bf_error *err);

#endif
