/* date.h — calendar dates and working days (pure domain code). */
#ifndef BANGFU_DATE_H
#define BANGFU_DATE_H

#include "bangfu/common.h"

/* A civil date as days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t bf_date;

#define BF_DATE_NONE INT32_MIN

/* Parse "YYYY-MM-DD" strictly (real day of month, years 1900..2199).
 * Returns false and leaves *out untouched on bad input. */
bool bf_date_parse(const char *s, bf_date *out);
/* Format as "YYYY-MM-DD"; buf must hold 11 bytes. */
void bf_date_format(bf_date d, char buf[11]);
bf_date bf_date_from_ymd(int y, int m, int d);
void bf_date_to_ymd(bf_date d, int *y, int *m, int *day);
/* A real calendar date with the year in 1900..2199. */
bool bf_ymd_valid(int y, int m, int d);
/* 1 = Monday ... 7 = Sunday (ISO). */
int bf_date_weekday(bf_date d);
/* Today in local time. */
bf_date bf_date_today(void);

/* Holiday calendar: official holidays on weekdays, and make-up working days
 * (调休) on weekends. Dates not listed follow the Monday–Friday rule. */
enum bf_day_kind { BF_DAY_HOLIDAY = 1, BF_DAY_WORKDAY = 2 };

struct bf_calendar_entry {
	bf_date date;
	enum bf_day_kind kind;
};

struct bf_calendar {
	struct bf_calendar_entry *entries; /* sorted by date, no duplicates */
	size_t n;
	/* The years whose official arrangement is known (sorted): a period that
	 * touches another year is counted Monday to Friday there, and says so
	 * (holiday.h, bf_calendar_missing_year). NULL/0: none known. */
	int *years;
	size_t nyears;
};

bool bf_is_working_day(const struct bf_calendar *cal, bf_date d);
/* The date that is n working days after d (n >= 1): the n-th working day
 * strictly after d. n == 0 returns d; n < 0 counts backwards. BF_DATE_NONE
 * only if a corrupt calendar leaves no working day within reach. cal may be
 * NULL (Monday to Friday). */
bf_date bf_add_working_days(const struct bf_calendar *cal, bf_date d, int n);
/* The last day of a period of n working days that starts on d: if d is a
 * working day it is day 1. Used for publicity periods (公示期). n <= 0
 * returns start. */
bf_date bf_working_period_end(const struct bf_calendar *cal, bf_date start, int n);
/* Working days in [from, to], both inclusive. */
int bf_working_days_between(const struct bf_calendar *cal, bf_date from, bf_date to);
/* Sort entries and drop duplicates (the later one wins). */
void bf_calendar_normalize(struct bf_calendar *cal);

#endif
