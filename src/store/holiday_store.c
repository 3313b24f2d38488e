/* holiday_store.c — the holiday calendar in the database (see
 * bangfu/holiday_store.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/holiday_store.h"

static int year_of(bf_date d)
{
	int y, m, day;
	bf_date_to_ymd(d, &y, &m, &day);
	return y;
}

int bf_holiday_touch_year(bf_db *db, int year, const char *source)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO holiday_year (year, source, updated_at)"
	                  " VALUES (:y, :s, bf_now())"
	                  " ON CONFLICT (year) DO UPDATE SET updated_at = excluded.updated_at") !=
	    0)
		return -1;
	if (bf_bind_int(&st, ":y", year) != 0 || bf_bind_text(&st, ":s", source) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	bf_finalize(&st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Set one day; *changed += 1 when the row is new or different. keep: leave a
 * day already stored as it is. */
static int put_day(bf_db *db, bf_stmt *st, const struct bf_holiday_day *d, int *changed)
{
	char date[11];
	bf_date_format(d->date, date);
	bf_reset(st);
	if (bf_bind_text(st, ":date", date) != 0 ||
	    bf_bind_text(st, ":kind", d->kind == BF_DAY_WORKDAY ? "workday" : "holiday") != 0 ||
	    bf_bind_text_or_null(st, ":name", d->name) != 0)
		return -1;
	if (bf_step(st) != SQLITE_DONE)
		return -1;
	*changed += sqlite3_changes(db->h) > 0;
	return 0;
}

#define UPSERT_DAY                                                                     \
	"INSERT INTO holiday (date, kind, name) VALUES (:date, :kind, :name)"          \
	" ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name" \
	" WHERE kind IS NOT excluded.kind OR name IS NOT excluded.name"
#define INSERT_DAY_KEEP                                                       \
	"INSERT INTO holiday (date, kind, name) VALUES (:date, :kind, :name)" \
	" ON CONFLICT (date) DO NOTHING"

static int year_known(bf_db *db, int year, char *updated_at, size_t n)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT updated_at FROM holiday_year WHERE year = :y") != 0)
		return -1;
	if (bf_bind_int(&st, ":y", year) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW && updated_at)
		bf_col_copy(&st, 0, updated_at, n);
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Insert the year with its source and stamp. */
static int add_year_row(bf_db *db, int year, const char *source, const char *updated_at)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO holiday_year (year, source, updated_at)"
	                  " VALUES (:y, :s, coalesce(:u, bf_now()))"
	                  " ON CONFLICT (year) DO UPDATE SET source = excluded.source,"
	                  " updated_at = excluded.updated_at") != 0)
		return -1;
	int rc = -1;
	if (bf_bind_int(&st, ":y", year) == 0 && bf_bind_text(&st, ":s", source) == 0 &&
	    bf_bind_text_or_null(&st, ":u", updated_at) == 0)
		rc = bf_step(&st) == SQLITE_DONE ? 0 : -1;
	bf_finalize(&st);
	return rc;
}

/* The days of f within year, by index range [*lo, *hi). */
static void days_of_year(const struct bf_holiday_file *f, int year, size_t *lo, size_t *hi)
{
	bf_date first = bf_date_from_ymd(year, 1, 1), last = bf_date_from_ymd(year, 12, 31);
	size_t i = 0;
	while (i < f->n && f->days[i].date < first)
		i++;
	*lo = i;
	while (i < f->n && f->days[i].date <= last)
		i++;
	*hi = i;
}

static const char *year_source(const struct bf_holiday_year *y, const char *fallback)
{
	return y && y->note[0] ? y->note : fallback;
}

int bf_holiday_year_due(bf_db *db, bf_date today)
{
	if (today == BF_DATE_NONE)
		return 0;
	int y = year_of(today), known[2];
	struct bf_calendar cal = {.years = known, .nyears = 0};
	for (int k = 0; k < 2; k++) {
		int r = year_known(db, y + k, NULL, 0);
		if (r < 0)
			return 0;
		if (r)
			known[cal.nyears++] = y + k;
	}
	return bf_calendar_year_due(&cal, today);
}

int bf_holiday_seed_shipped(bf_db *db, bf_error *err)
{
	struct bf_holiday_file f;
	if (bf_holiday_parse(bf_holiday_shipped, bf_holiday_shipped_len, "holidays.txt", &f, err) !=
	    0)
		return -1;
	/* Reference data loaded by the upgrade, like 001's seed rows: not the
	 * operators' changes, so not in the audit log (the years' source says
	 * where the days came from). Triggers are off for these statements
	 * only, prepared and finalized here; no other statement runs meanwhile. */
	int triggers = 1;
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &triggers);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
	bf_stmt st;
	int rc = bf_db_prepare(db, &st, INSERT_DAY_KEEP);
	for (size_t y = 0; rc == 0 && y < f.nyears; y++) {
		int known = year_known(db, f.years[y].year, NULL, 0);
		if (known != 0) {
			rc = known < 0 ? -1 : 0;
			continue;
		}
		size_t lo, hi;
		int changed = 0;
		days_of_year(&f, f.years[y].year, &lo, &hi);
		for (size_t i = lo; rc == 0 && i < hi; i++)
			rc = put_day(db, &st, &f.days[i], &changed);
		if (rc == 0)
			rc = add_year_row(db, f.years[y].year,
			                  year_source(&f.years[y], "holidays.txt"), NULL);
	}
	bf_finalize(&st);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, triggers, (int *)NULL);
	bf_holiday_file_free(&f);
	if (rc != 0)
		bf_db_error(db, err);
	return rc;
}

int bf_holiday_list(bf_db *db, int year, struct bf_holiday_file *out, bf_error *err)
{
	memset(out, 0, sizeof *out);
	bf_stmt st;
	const char *sql = year ? "SELECT date, kind, name FROM holiday"
	                         " WHERE date BETWEEN :from AND :to ORDER BY date"
	                       : "SELECT date, kind, name FROM holiday ORDER BY date";
	if (bf_db_prepare(db, &st, sql) != 0)
		goto fail;
	char from[16], to[16];
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	if (year && (bf_bind_text(&st, ":from", from) != 0 || bf_bind_text(&st, ":to", to) != 0))
		goto fail_st;
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		bf_date d;
		if (!bf_date_parse(bf_col_text(&st, 0), &d))
			continue; /* the table's CHECK keeps dates sound */
		struct bf_holiday_day *day = bf_push(&out->days, &out->cap, &out->n, sizeof *day);
		if (!day)
			goto oom;
		day->date = d;
		day->kind =
		    strcmp(bf_col_text(&st, 1), "workday") == 0 ? BF_DAY_WORKDAY : BF_DAY_HOLIDAY;
		bf_col_copy(&st, 2, day->name, sizeof day->name);
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE)
		goto fail;
	if (bf_db_prepare(
	        db, &st,
	        year ? "SELECT year, source, updated_at FROM holiday_year WHERE year = :y"
	             : "SELECT year, source, updated_at FROM holiday_year ORDER BY year") != 0)
		goto fail;
	if (year && bf_bind_int(&st, ":y", year) != 0)
		goto fail_st;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		struct bf_holiday_year *y =
		    bf_push(&out->years, &out->capyears, &out->nyears, sizeof *y);
		if (!y)
			goto oom;
		y->year = (int)bf_col_int(&st, 0);
		bf_col_copy(&st, 1, y->note, sizeof y->note);
		bf_col_copy(&st, 2, y->updated_at, sizeof y->updated_at);
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
oom:
	bf_finalize(&st);
	bf_holiday_file_free(out);
	bf_error_set(err, _("out of memory"));
	return -1;
fail_st:
	bf_finalize(&st);
fail:
	bf_db_error(db, err);
	bf_holiday_file_free(out);
	return -1;
}

static const struct bf_holiday_year *file_year(const struct bf_holiday_file *f, int year)
{
	for (size_t i = 0; i < f->nyears; i++)
		if (f->years[i].year == year)
			return &f->years[i];
	return NULL;
}

int bf_holiday_import(bf_db *db, const struct bf_holiday_file *f, const char *source,
                      int *days_changed, int *years_added, bf_error *err)
{
	*days_changed = 0;
	*years_added = 0;
	if (bf_store_require(db, BF_PERM_SETTINGS, err) != 0)
		return -1;
	if (!db->actor[0]) {
		bf_error_set(err, _("no operator set: every change records who made it"));
		return -1;
	}
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	bf_stmt st;
	int rc = bf_db_prepare(db, &st, UPSERT_DAY);
	/* years: those declared, and those any day falls in */
	int first = 0, last = -1;
	if (f->nyears) {
		first = f->years[0].year;
		last = f->years[f->nyears - 1].year;
	}
	if (f->n) {
		int a = year_of(f->days[0].date), b = year_of(f->days[f->n - 1].date);
		if (last < first || a < first)
			first = a;
		if (b > last)
			last = b;
	}
	for (int year = first; rc == 0 && year <= last; year++) {
		size_t lo, hi;
		days_of_year(f, year, &lo, &hi);
		const struct bf_holiday_year *fy = file_year(f, year);
		if (lo == hi && !fy)
			continue;
		int changed = 0;
		for (size_t i = lo; rc == 0 && i < hi; i++)
			rc = put_day(db, &st, &f->days[i], &changed);
		int known = rc == 0 ? year_known(db, year, NULL, 0) : -1;
		if (known < 0) {
			rc = -1;
			break;
		}
		if (!known) {
			rc = add_year_row(db, year, year_source(fy, source), NULL);
			++*years_added;
		} else if (changed) {
			rc = bf_holiday_touch_year(db, year, source);
		}
		*days_changed += changed;
	}
	bf_finalize(&st);
	if (rc != 0)
		bf_db_error(db, err);
	return bf_db_finish(db, own, rc, err);
}

/* Do the stored days of year differ from f's? */
static int year_differs(bf_db *db, const struct bf_holiday_file *f, int year, bf_error *err)
{
	struct bf_holiday_file mine;
	if (bf_holiday_list(db, year, &mine, err) != 0)
		return -1;
	size_t lo, hi;
	days_of_year(f, year, &lo, &hi);
	int differs = mine.n != hi - lo;
	for (size_t i = 0; !differs && i < mine.n; i++) {
		const struct bf_holiday_day *a = &mine.days[i], *b = &f->days[lo + i];
		differs = a->date != b->date || a->kind != b->kind || strcmp(a->name, b->name);
	}
	bf_holiday_file_free(&mine);
	return differs;
}

int bf_holiday_take_newer(bf_db *db, const struct bf_holiday_file *f, const char *source,
                          int *taken, size_t cap, size_t *n, bf_error *err)
{
	*n = 0;
	/* part of importing the district's reply (submission_store.c) */
	if (bf_store_require(db, BF_PERM_SUBMIT, err) != 0)
		return -1;
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	int rc = 0;
	bf_stmt ins = {0}, del = {0};
	if (bf_db_prepare(db, &ins, UPSERT_DAY) != 0 ||
	    bf_db_prepare(db, &del, "DELETE FROM holiday WHERE date BETWEEN :from AND :to") != 0) {
		rc = -1;
		goto done;
	}
	for (size_t y = 0; y < f->nyears; y++) {
		const struct bf_holiday_year *fy = &f->years[y];
		char mine[32] = "";
		int known = year_known(db, fy->year, mine, sizeof mine);
		if (known < 0) {
			rc = -1;
			goto done;
		}
		if (known) {
			if (strcmp(fy->updated_at, mine) <= 0)
				continue; /* ours is as new or newer */
			int d = year_differs(db, f, fy->year, err);
			if (d < 0) {
				rc = -2;
				goto done;
			}
			if (!d)
				continue;
		}
		char from[16], to[16];
		snprintf(from, sizeof from, "%04d-01-01", fy->year);
		snprintf(to, sizeof to, "%04d-12-31", fy->year);
		bf_reset(&del);
		if (bf_bind_text(&del, ":from", from) != 0 || bf_bind_text(&del, ":to", to) != 0 ||
		    bf_step(&del) != SQLITE_DONE) {
			rc = -1;
			goto done;
		}
		size_t lo, hi;
		int changed = 0;
		days_of_year(f, fy->year, &lo, &hi);
		for (size_t i = lo; rc == 0 && i < hi; i++)
			rc = put_day(db, &ins, &f->days[i], &changed);
		char src[BF_HOLIDAY_NOTE_SZ];
		snprintf(src, sizeof src, "%s", source);
		if (rc == 0)
			rc = add_year_row(db, fy->year, src,
			                  fy->updated_at[0] ? fy->updated_at : NULL);
		if (rc != 0)
			goto done;
		if (*n < cap)
			taken[*n] = fy->year;
		++*n;
	}
done:
	bf_finalize(&ins);
	bf_finalize(&del);
	if (rc == -1)
		bf_db_error(db, err);
	return bf_db_finish(db, own, rc ? -1 : 0, err);
}
