/* date.c — civil dates as day numbers, strict ISO parsing, working days. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bangfu/date.h"

#define BF_YEAR_MIN 1900
#define BF_YEAR_MAX 2199

/* Howard Hinnant's days_from_civil / civil_from_days. */
bf_date bf_date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int mp = (m + 9) % 12;
	int doy = (153 * mp + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (bf_date)(era * 146097 + doe - 719468);
}

void bf_date_to_ymd(bf_date dd, int *y, int *m, int *day)
{
	int z = dd + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int mm = mp < 10 ? mp + 3 : mp - 9;
	if (y)
		*y = yy + (mm <= 2);
	if (m)
		*m = mm;
	if (day)
		*day = d;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && leap(y))
		return 29;
	return dm[m - 1];
}

bool bf_ymd_valid(int y, int m, int d)
{
	if (y < BF_YEAR_MIN || y > BF_YEAR_MAX || m < 1 || m > 12 || d < 1)
		return false;
	return d <= month_days(y, m);
}

static bool digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool bf_date_parse(const char *s, bf_date *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	int y, m, d;
	if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return false;
	if (!bf_ymd_valid(y, m, d))
		return false;
	if (out)
		*out = bf_date_from_ymd(y, m, d);
	return true;
}

void bf_date_format(bf_date d, char buf[11])
{
	buf[0] = '\0';
	if (d == BF_DATE_NONE)
		return;
	int y, m, day;
	bf_date_to_ymd(d, &y, &m, &day);
	if (y < 0 || y > 9999)
		return;
	const int v[3] = {y, m, day};
	const int width[3] = {4, 2, 2};
	size_t o = 0;
	for (int k = 0; k < 3; k++) {
		if (k > 0)
			buf[o++] = '-';
		for (int i = width[k] - 1, x = v[k]; i >= 0; i--, x /= 10)
			buf[o + (size_t)i] = (char)('0' + x % 10);
		o += (size_t)width[k];
	}
	buf[o] = '\0';
}

int bf_date_weekday(bf_date d)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)((((int64_t)d % 7) + 7 + 3) % 7);
	return w + 1;
}

bf_date bf_date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return bf_date_from_ymd(1970, 1, 1);
	return bf_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ---- working days -------------------------------------------------------- */

static const struct bf_calendar_entry *cal_find(const struct bf_calendar *cal, bf_date d)
{
	if (!cal || !cal->entries)
		return NULL;
	size_t lo = 0, hi = cal->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cal->entries[mid].date < d)
			lo = mid + 1;
		else if (cal->entries[mid].date > d)
			hi = mid;
		else
			return &cal->entries[mid];
	}
	return NULL;
}

bool bf_is_working_day(const struct bf_calendar *cal, bf_date d)
{
	const struct bf_calendar_entry *e = cal_find(cal, d);
	if (e)
		return e->kind == BF_DAY_WORKDAY;
	return bf_date_weekday(d) <= 5;
}

/* A calendar is finite, so working days are never further apart than its
 * length plus a week; this bounds every loop against corrupt data. */
static int64_t step_limit(const struct bf_calendar *cal)
{
	return (cal ? (int64_t)cal->n : 0) + 14;
}

bf_date bf_add_working_days(const struct bf_calendar *cal, bf_date d, int n)
{
	if (n == 0 || d == BF_DATE_NONE)
		return d;
	int dir = n > 0 ? 1 : -1;
	int64_t left = n > 0 ? n : -(int64_t)n;
	int64_t gap = 0;
	while (left > 0) {
		d += dir;
		if (bf_is_working_day(cal, d)) {
			left--;
			gap = 0;
		} else if (++gap > step_limit(cal)) {
			return BF_DATE_NONE;
		}
	}
	return d;
}

bf_date bf_working_period_end(const struct bf_calendar *cal, bf_date start, int n)
{
	if (n <= 0 || start == BF_DATE_NONE)
		return start;
	if (bf_is_working_day(cal, start))
		return bf_add_working_days(cal, start, n - 1);
	return bf_add_working_days(cal, start, n);
}

int bf_working_days_between(const struct bf_calendar *cal, bf_date from, bf_date to)
{
	if (from == BF_DATE_NONE || to == BF_DATE_NONE || to < from)
		return 0;
	int count = 0;
	for (int64_t d = from; d <= to; d++)
		if (bf_is_working_day(cal, (bf_date)d))
			count++;
	return count;
}

struct idx_entry {
	struct bf_calendar_entry e;
	size_t idx;
};

static int idx_entry_cmp(const void *a, const void *b)
{
	const struct idx_entry *x = a, *y = b;
	if (x->e.date != y->e.date)
		return x->e.date < y->e.date ? -1 : 1;
	return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

void bf_calendar_normalize(struct bf_calendar *cal)
{
	if (!cal || !cal->entries || cal->n == 0)
		return;
	struct bf_calendar_entry *e = cal->entries;
	struct idx_entry *tmp = malloc(cal->n * sizeof *tmp);
	if (tmp) {
		/* sort by date, then by original position, so the last entry of a
		 * run of equal dates is the one given later */
		for (size_t i = 0; i < cal->n; i++) {
			tmp[i].e = e[i];
			tmp[i].idx = i;
		}
		qsort(tmp, cal->n, sizeof *tmp, idx_entry_cmp);
		for (size_t i = 0; i < cal->n; i++)
			e[i] = tmp[i].e;
		free(tmp);
	} else {
		/* out of memory: a stable insertion sort in place */
		for (size_t i = 1; i < cal->n; i++) {
			struct bf_calendar_entry x = e[i];
			size_t j = i;
			while (j > 0 && e[j - 1].date > x.date) {
				e[j] = e[j - 1];
				j--;
			}
			e[j] = x;
		}
	}
	size_t out = 0;
	for (size_t i = 0; i < cal->n; i++) {
		if (out > 0 && e[out - 1].date == e[i].date)
			e[out - 1] = e[i];
		else
			e[out++] = e[i];
	}
	cal->n = out;
}
