/* holiday.h — the official holiday calendar as data (pure domain code).
 *
 * The State Council publishes each year's arrangement (国务院办公厅关于部分
 * 节假日安排的通知): the days off (放假) and the weekend days worked instead
 * (调休上班). bangfu ships 2004 to the latest published year in
 * data/holidays.txt (made by tools/gen-holidays.sh, compiled in, loaded by
 * schema step 008); `bangfu holiday import` reads the same text format or an
 * iCalendar file.
 *
 * Text format, one item a line; blank lines and lines starting with # are
 * skipped:
 *   year 2027 NOTE            this file holds the whole arrangement of 2027
 *   2027-01-01 off 元旦        a day off (also: 休)
 *   2027-02-06..2027-02-12 off 春节   a run of days, both ends counted
 *   2027-02-14 work 春节       a make-up working day (also: 班)
 * iCalendar: each VEVENT's DTSTART (and DTEND, exclusive, for all-day
 * events) gives its days; X-APPLE-SPECIAL-DAY or the SUMMARY's 班/休
 * (Work/Holiday) tells the kind; every year an event touches counts as
 * arranged.
 */
#ifndef BANGFU_HOLIDAY_H
#define BANGFU_HOLIDAY_H

#include "bangfu/common.h"
#include "bangfu/date.h"

#define BF_HOLIDAY_NAME_SZ 128
#define BF_HOLIDAY_NOTE_SZ 256

struct bf_holiday_day {
	bf_date date;
	enum bf_day_kind kind;
	char name[BF_HOLIDAY_NAME_SZ]; /* "" when none */
};

struct bf_holiday_year {
	int year;
	char note[BF_HOLIDAY_NOTE_SZ]; /* "" when none; from a database: its source */
	char updated_at[32];           /* from a database or a package: the last change */
};

/* A parsed calendar file: days sorted by date (a date given twice: the later
 * line wins), years sorted and distinct. */
struct bf_holiday_file {
	struct bf_holiday_day *days;
	size_t n, cap;
	struct bf_holiday_year *years;
	size_t nyears, capyears;
};

/* Parse text or iCalendar (told apart by BEGIN:VCALENDAR). fname names the
 * file in messages ("holidays.txt: line 7: ..."). On error nothing is kept. */
int bf_holiday_parse(const char *text, size_t len, const char *fname, struct bf_holiday_file *out,
                     bf_error *err);
void bf_holiday_file_free(struct bf_holiday_file *f);

/* The shipped calendar (data/holidays.txt, compiled in). */
extern const char bf_holiday_shipped[];
extern const size_t bf_holiday_shipped_len;

/* "off" / "work", and back ("off", "work", 休, 班, 放假, 上班). */
const char *bf_day_kind_code(enum bf_day_kind kind);
bool bf_day_kind_parse(const char *s, enum bf_day_kind *kind);

/* Two-column weekday label, 1 = Monday: "Mo".."Su" (一..日). */
const char *bf_weekday_label(int weekday);
/* "day off" / "working day" (translated). */
const char *bf_day_kind_label(enum bf_day_kind kind);

/* Is the official arrangement of year known to cal? */
bool bf_calendar_has_year(const struct bf_calendar *cal, int year);
/* The first year from `from` to `to` (dates, either order) whose arrangement
 * cal does not know, or 0 when all are known (or a date is BF_DATE_NONE). */
int bf_calendar_missing_year(const struct bf_calendar *cal, bf_date from, bf_date to);
/* "no holiday arrangement for 2027: counted Monday to Friday" (translated);
 * "" when year is 0. */
void bf_calendar_warning(int year, char *out, size_t n);
/* The case list's early notice: from 1 December, when next year's
 * arrangement is not loaded, that year; otherwise 0 (or the current year
 * itself when even that one is missing). */
int bf_calendar_year_due(const struct bf_calendar *cal, bf_date today);

#endif
