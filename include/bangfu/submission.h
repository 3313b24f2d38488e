/* submission.h — the submission deadline (报送截止时间) and the district's
 * decisions, as rules (pure domain code).
 *
 * The deadline is a setting, "YYYY-MM-DD HH:MM" in local time (the seed's
 * example: 12-26 17:30). The screens show the time left and warn in the last
 * three working days (the holiday calendar decides what a working day is). */
#ifndef BANGFU_SUBMISSION_H
#define BANGFU_SUBMISSION_H

#include <time.h>

#include "bangfu/common.h"
#include "bangfu/date.h"

/* The setting key and how many working days before the deadline warn. */
#define BF_DEADLINE_SETTING "submission_deadline"
#define BF_DEADLINE_WARN_DAYS 3

struct bf_deadline {
	bf_date date;
	int hour, minute;
};

/* "2026-12-26 17:30", "2026-12-26T17:30" or "2026-12-26" (17:30 assumed,
 * the seed's hour). false with msg naming what is wrong. */
bool bf_deadline_parse(const char *text, struct bf_deadline *d, char *msg, size_t n);
/* "2026-12-26 17:30" */
void bf_deadline_format(const struct bf_deadline *d, char out[24]);

enum bf_deadline_level {
	BF_DEADLINE_NONE = 0, /* no deadline set */
	BF_DEADLINE_OK,       /* more than three working days left */
	BF_DEADLINE_WARN,     /* in the last three working days */
	BF_DEADLINE_PASSED,   /* past the deadline */
};

struct bf_deadline_status {
	enum bf_deadline_level level;
	int64_t minutes_left; /* negative when passed */
	int working_days_left; /* working days from today to the deadline's day, both counted */
	int no_arrangement;    /* a year from today to the deadline with no holiday
	                        * arrangement loaded (counted Monday to Friday), or 0 */
};

/* Where `now` (local date and minutes since midnight) stands against the
 * deadline. cal may be NULL (Monday–Friday). */
void bf_deadline_status(const struct bf_deadline *d, bf_date today, int now_minutes,
                        const struct bf_calendar *cal, struct bf_deadline_status *s);

/* The status line, translated: "Submission deadline 2026-12-26 17:30: 3
 * days 4 hours left", "...: 45 minutes left", "Submission deadline
 * 2026-12-26 17:30 has passed". "" when level is NONE. */
void bf_deadline_describe(const struct bf_deadline *d, const struct bf_deadline_status *s,
                          char *out, size_t n);

/* ---- the district's decision on one case ------------------------------------------ */

/* Is a decision complete? accept needs a final amount > 0; return needs a
 * reason and a state to go back to (bf_return_target_ok). msg says what is
 * missing. decision: "accept" or "return". */
bool bf_district_decision_check(const char *decision, bf_fen amount, const char *reason,
                                const char *back_to, char *msg, size_t n);

#endif
