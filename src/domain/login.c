/* login.c — delays, lockout, idle lock, names and passwords. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bangfu/login.h"
#include "bangfu/password.h"

int64_t bf_clock_now(const struct bf_clock *c)
{
	if (c && c->now_ms)
		return c->now_ms(c->ud);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- failed logins ------------------------------------------------------------ */

void bf_login_policy_init(struct bf_login_policy *p, int max_failures)
{
	p->max_failures = max_failures > 0 ? max_failures : BF_LOGIN_MAX_FAILURES_DEFAULT;
	p->base_delay_ms = 1000;
	p->max_delay_ms = 15 * 60 * 1000;
}

int64_t bf_login_delay_ms(const struct bf_login_policy *p, int failures)
{
	if (failures <= 1)
		return 0;
	int64_t d = p->base_delay_ms;
	for (int i = 2; i < failures && d < p->max_delay_ms; i++)
		d *= 2;
	return d < p->max_delay_ms ? d : p->max_delay_ms;
}

enum bf_login_gate bf_login_gate(const struct bf_login_policy *p, const struct bf_login_state *s,
                                 int64_t now_ms, int64_t *wait_ms)
{
	if (wait_ms)
		*wait_ms = 0;
	if (s->locked)
		return BF_GATE_LOCKED;
	if (s->failures <= 0 || s->last_failure_ms <= 0 || now_ms < s->last_failure_ms)
		return BF_GATE_OPEN;
	int64_t until = s->last_failure_ms + bf_login_delay_ms(p, s->failures);
	if (now_ms >= until)
		return BF_GATE_OPEN;
	if (wait_ms)
		*wait_ms = until - now_ms;
	return BF_GATE_WAIT;
}

bool bf_login_record_failure(const struct bf_login_policy *p, struct bf_login_state *s,
                             int64_t now_ms, bool may_lock)
{
	if (s->failures < 1000000)
		s->failures++;
	s->last_failure_ms = now_ms;
	if (may_lock && !s->locked && s->failures >= p->max_failures) {
		s->locked = true;
		return true;
	}
	return false;
}

void bf_login_record_success(struct bf_login_state *s)
{
	s->failures = 0;
	s->last_failure_ms = 0;
	s->locked = false;
}

void bf_login_message(enum bf_login_status st, int64_t wait_ms, char *buf, size_t n)
{
	switch (st) {
	case BF_LOGIN_OK:
		snprintf(buf, n, "%s", _("Logged in."));
		break;
	case BF_LOGIN_FAILED:
		snprintf(buf, n, "%s", _("Wrong name or password."));
		break;
	case BF_LOGIN_WAIT: {
		long long secs = (long long)((wait_ms + 999) / 1000);
		snprintf(buf, n, _("Too many failed attempts: try again in %lld s."), secs);
		break;
	}
	case BF_LOGIN_LOCKED:
		snprintf(
		    buf, n, "%s",
		    _("This account is locked after too many failed attempts; an administrator "
		      "can unlock it."));
		break;
	case BF_LOGIN_DISABLED:
		snprintf(buf, n, "%s", _("This account is disabled; ask an administrator."));
		break;
	case BF_LOGIN_NO_ACCOUNTS:
		snprintf(
		    buf, n, "%s",
		    _("There are no accounts yet: create the administrator first (bangfu init)."));
		break;
	default:
		snprintf(buf, n, "?");
	}
}

/* ---- idle lock ------------------------------------------------------------------ */

void bf_idle_start(struct bf_idle *i, int64_t timeout_ms, int64_t now_ms)
{
	i->timeout_ms = timeout_ms > 0 ? timeout_ms : 0;
	i->last_key_ms = now_ms;
}

void bf_idle_key(struct bf_idle *i, int64_t now_ms)
{
	i->last_key_ms = now_ms;
}

bool bf_idle_due(const struct bf_idle *i, int64_t now_ms)
{
	return i->timeout_ms > 0 && now_ms - i->last_key_ms >= i->timeout_ms;
}

int64_t bf_idle_left_ms(const struct bf_idle *i, int64_t now_ms)
{
	if (i->timeout_ms <= 0)
		return INT64_MAX;
	int64_t left = i->last_key_ms + i->timeout_ms - now_ms;
	return left > 0 ? left : 0;
}

/* ---- names and passwords ---------------------------------------------------------- */

bool bf_account_name_ok(const char *name, bf_error *err)
{
	if (!name || !name[0]) {
		bf_error_set(err, "%s", _("A login name is needed."));
		return false;
	}
	if (strlen(name) > BF_ACCOUNT_NAME_MAX) {
		bf_error_set(err,
		             _("A login name has at most %d bytes (about 10 Chinese characters)."),
		             BF_ACCOUNT_NAME_MAX);
		return false;
	}
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		unsigned char c = *p;
		if (c >= 0x80)
			continue; /* UTF-8 of a non-ASCII character: Chinese names are fine */
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-')
			continue;
		if (c == ' ' || c == '\t')
			bf_error_set(err, "%s", _("A login name has no spaces."));
		else if (c < 0x20 || c == 0x7f)
			bf_error_set(err, "%s", _("A login name has no control characters."));
		else
			bf_error_set(err,
			             _("A login name has only letters, digits, Chinese, '.', '_' "
			               "and '-', not '%c'."),
			             c);
		return false;
	}
	return true;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

bool bf_password_ok(const char *password, const char *name, bf_error *err)
{
	if (!password || utf8_chars(password) < BF_PASSWORD_MIN) {
		bf_error_set(err, _("A password has at least %d characters."), BF_PASSWORD_MIN);
		return false;
	}
	if (strlen(password) > BF_PASSWORD_MAX) {
		bf_error_set(err, _("A password has at most %d bytes."), BF_PASSWORD_MAX);
		return false;
	}
	for (const unsigned char *p = (const unsigned char *)password; *p; p++)
		if (*p < 0x20 || *p == 0x7f) {
			bf_error_set(err, "%s", _("A password has no control characters."));
			return false;
		}
	if (name && !strcmp(password, name)) {
		bf_error_set(err, "%s", _("The password may not be the login name."));
		return false;
	}
	return !bf_password_guessable(password, name, err);
}
