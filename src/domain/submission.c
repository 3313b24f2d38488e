/* submission.c — the submission deadline and the district's decision on a
 * case, as rules (pure domain code; see submission.h). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "bangfu/holiday.h"
#include "bangfu/submission.h"
#include "bangfu/workflow.h"

static void set_msg(char *msg, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_msg(char *msg, size_t n, const char *fmt, ...)
{
	if (!msg || n == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, n, fmt, ap);
	va_end(ap);
}

static bool two_digits(const char *s, int *out)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return false;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return true;
}

bool bf_deadline_parse(const char *text, struct bf_deadline *d, char *msg, size_t n)
{
	char buf[64];
	if (msg && n)
		msg[0] = '\0';
	if (!text || bf_blank(text)) {
		set_msg(msg, n,
		        _("No deadline given: write it as YYYY-MM-DD HH:MM, for example "
		          "2026-12-26 17:30."));
		return false;
	}
	if (!bf_strlcpy(buf, text, sizeof buf)) {
		set_msg(msg, n,
		        _("The deadline is too long: write it as YYYY-MM-DD HH:MM, for "
		          "example 2026-12-26 17:30."));
		return false;
	}
	bf_trim(buf);
	size_t len = strlen(buf);
	char day[11];
	bf_strlcpy(day, buf, sizeof day);
	bf_date date;
	if (len < 10 || !bf_date_parse(day, &date)) {
		set_msg(msg, n,
		        _("\"%s\" does not begin with a real date: write the deadline as "
		          "YYYY-MM-DD HH:MM, for example 2026-12-26 17:30."),
		        buf);
		return false;
	}
	int hour = 17, minute = 30; /* a date alone: the seed's hour */
	if (len > 10) {
		const char *t = buf + 11;
		bool ok = (buf[10] == ' ' || buf[10] == 'T') && len == 16 && two_digits(t, &hour) &&
		          t[2] == ':' && two_digits(t + 3, &minute) && hour <= 23 && minute <= 59;
		if (!ok) {
			set_msg(msg, n,
			        _("\"%s\" has no proper time of day after the date: write it as "
			          "HH:MM, from 00:00 to 23:59 (for example 2026-12-26 17:30)."),
			        buf);
			return false;
		}
	}
	d->date = date;
	d->hour = hour;
	d->minute = minute;
	return true;
}

void bf_deadline_format(const struct bf_deadline *d, char out[24])
{
	char day[11];
	bf_date_format(d->date, day);
	snprintf(out, 24, "%s %02d:%02d", day, d->hour % 100, d->minute % 100);
}

void bf_deadline_status(const struct bf_deadline *d, bf_date today, int now_minutes,
                        const struct bf_calendar *cal, struct bf_deadline_status *s)
{
	memset(s, 0, sizeof *s);
	if (!d || d->date == BF_DATE_NONE || today == BF_DATE_NONE) {
		s->level = BF_DEADLINE_NONE;
		return;
	}
	s->minutes_left =
	    ((int64_t)d->date - today) * 1440 + (d->hour * 60 + d->minute) - now_minutes;
	if (s->minutes_left <= 0) {
		/* at the deadline's minute the time is up */
		s->level = BF_DEADLINE_PASSED;
		return;
	}
	s->working_days_left = bf_working_days_between(cal, today, d->date);
	s->no_arrangement = bf_calendar_missing_year(cal, today, d->date);
	s->level =
	    s->working_days_left <= BF_DEADLINE_WARN_DAYS ? BF_DEADLINE_WARN : BF_DEADLINE_OK;
}

void bf_deadline_describe(const struct bf_deadline *d, const struct bf_deadline_status *s,
                          char *out, size_t n)
{
	if (!out || n == 0)
		return;
	out[0] = '\0';
	if (!d || s->level == BF_DEADLINE_NONE)
		return;
	char when[24];
	bf_deadline_format(d, when);
	if (s->level == BF_DEADLINE_PASSED) {
		snprintf(out, n, _("Submission deadline %s has passed"), when);
		return;
	}
	int64_t m = s->minutes_left;
	long days = (long)(m / 1440);
	int hours = (int)(m % 1440 / 60), minutes = (int)(m % 60);
	char a[48] = "", b[48] = "", left[112];
	if (days > 0) {
		snprintf(a, sizeof a, ngettext("%ld day", "%ld days", (unsigned long)days), days);
		if (hours > 0)
			snprintf(b, sizeof b, ngettext("%d hour", "%d hours", (unsigned long)hours),
			         hours);
	} else if (hours > 0) {
		snprintf(a, sizeof a, ngettext("%d hour", "%d hours", (unsigned long)hours), hours);
		if (minutes > 0)
			snprintf(b, sizeof b,
			         ngettext("%d minute", "%d minutes", (unsigned long)minutes),
			         minutes);
	} else {
		snprintf(a, sizeof a, ngettext("%d minute", "%d minutes", (unsigned long)minutes),
		         minutes);
	}
	if (b[0])
		/* TRANSLATORS: two spans of time, "3 days" and "4 hours" */
		snprintf(left, sizeof left, _("%s %s"), a, b);
	else
		snprintf(left, sizeof left, "%s", a);
	/* TRANSLATORS: the deadline, then a span of time ("3 days 4 hours") */
	snprintf(out, n, _("Submission deadline %s: %s left"), when, left);
	if (s->no_arrangement) {
		char warn[160];
		bf_calendar_warning(s->no_arrangement, warn, sizeof warn);
		size_t l = strlen(out);
		snprintf(out + l, n - l, " (%s)", warn);
	}
}

bool bf_district_decision_check(const char *decision, bf_fen amount, const char *reason,
                                const char *back_to, char *msg, size_t n)
{
	if (msg && n)
		msg[0] = '\0';
	if (decision && strcmp(decision, "accept") == 0) {
		if (amount <= 0) {
			set_msg(msg, n,
			        _("Accepting a case needs the final amount of aid, more "
			          "than 0 yuan."));
			return false;
		}
		return true;
	}
	if (decision && strcmp(decision, "return") == 0) {
		if (bf_blank(reason)) {
			set_msg(msg, n,
			        _("Returning a case needs the reason, for the unit to read."));
			return false;
		}
		int s = back_to ? bf_state_parse(back_to) : -1;
		if (s < 0 || !bf_return_target_ok((enum bf_state)s)) {
			set_msg(msg, n,
			        _("Returning a case needs the state it goes back to: %s, %s, %s or "
			          "%s."),
			        bf_state_label(BF_STATE_DRAFT),
			        bf_state_label(BF_STATE_DOCS_COMPLETE),
			        bf_state_label(BF_STATE_APPROVED),
			        bf_state_label(BF_STATE_PUBLICITY_PASSED));
			return false;
		}
		return true;
	}
	set_msg(msg, n, _("A decision is either accept or return."));
	return false;
}
