/* store.c — opening the database, the unit, settings and the holiday
 * calendar. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bangfu/accounts.h"
#include "bangfu/code.h"
#include "bangfu/holiday_store.h"
#include "bangfu/purge.h"
#include "bangfu/schema.h"
#include "bangfu/store.h"
#include "bangfu/submission_store.h"

void bf_store_default_path(char *buf, size_t n)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	/* The XDG spec: a relative XDG_DATA_HOME is invalid and ignored. */
	if (xdg && xdg[0] == '/') {
		snprintf(buf, n, "%s/bangfu/bangfu.db", xdg);
		return;
	}
	const char *home = getenv("HOME");
	if (!home || !home[0])
		home = ".";
	snprintf(buf, n, "%s/.local/share/bangfu/bangfu.db", home);
}

/* A file that was there before we opened it and holds nothing (0 bytes, or
 * an empty SQLite file): not ours, unless init or demo was asked for. */
static int refuse_empty(bf_db *db, const char *path, bool existed, int flags, bf_error *err)
{
	if (!existed || (flags & BF_DB_INIT))
		return 0;
	int64_t app, ver, tables;
	if (bf_schema_read_ids(db, &app, &ver, &tables) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (app != 0 || ver != 0 || tables != 0)
		return 0;
	bf_error_set(err,
	             _("%s is an empty file, not a bangfu database; nothing was written to "
	               "it. If it held your data, restore it from a backup; to make a new "
	               "database there, run: bangfu --db %s init"),
	             path, path);
	return -1;
}

int bf_store_open(bf_db *db, const char *path, int flags, bf_error *err)
{
	return bf_store_open_progress(db, path, flags, NULL, NULL, err);
}

int bf_store_open_progress(bf_db *db, const char *path, int flags, bf_progress_fn progress,
                           void *ud, bf_error *err)
{
	struct stat st;
	bool existed = stat(path, &st) == 0;
	if (bf_db_open(db, path, flags, err) != 0)
		return -1;
	db->upgrade_progress = progress;
	db->upgrade_ud = ud;
	if (refuse_empty(db, path, existed, flags, err) != 0)
		goto fail;
	if (flags & BF_DB_READONLY) {
		/* Nothing may be written: check, and require the current schema. */
		int64_t ver = 0;
		if (bf_schema_check(db, err) != 0)
			goto fail;
		if (bf_db_int(db, "PRAGMA user_version", &ver) != 0) {
			bf_db_error(db, err);
			goto fail;
		}
		if (ver != bf_schema_latest()) {
			bf_error_set(err,
			             _("%s needs an upgrade (schema %lld, this program writes "
			               "%d); open it once for writing to upgrade it"),
			             path, (long long)ver, bf_schema_latest());
			goto fail;
		}
		return 0;
	}
	if (bf_schema_migrate(db, err) != 0)
		goto fail;
	/* Temporaries left by an interrupted write (a kill, a power cut) go
	 * now; a folder that cannot be looked into does not stop the start. */
	bf_error ignored = {{0}};
	(void)bf_store_outdir_sweep(db, &db->swept_at_open, &ignored);
	/* a purge's checkpoint a reader kept from finishing: now, if it can */
	(void)bf_purge_finish_pending(db, &ignored);
	return 0;
fail:
	bf_db_close(db);
	return -1;
}

/* ---- helpers --------------------------------------------------------------- */

/* Run fn inside one BEGIN IMMEDIATE; roll back and report on any error. */
static int in_txn(bf_db *db, bf_error *err, int (*fn)(bf_db *, const void *), const void *arg)
{
	/* The audit triggers would refuse it too, in less plain words. */
	if (!db->actor[0]) {
		bf_error_set(err, _("no operator set: every change records who made it"));
		return -1;
	}
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (fn(db, arg) != 0) {
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

/* The same, for the logged-in operator holding perm (bf_store_require). */
static int in_txn_as(bf_db *db, enum bf_perm perm, bf_error *err,
                     int (*fn)(bf_db *, const void *), const void *arg)
{
	if (bf_store_require(db, perm, err) != 0)
		return -1;
	return in_txn(db, err, fn, arg);
}

/* Step a statement that returns no rows, and finalize it. */
static int step_done(bf_stmt *st)
{
	int rc = bf_step(st);
	bf_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- the unit --------------------------------------------------------------- */

bool bf_store_is_initialized(bf_db *db)
{
	int64_t n = 0;
	if (bf_db_int(db, "SELECT count(*) FROM unit", &n) != 0)
		return false;
	return n > 0;
}

static int unit_save_fn(bf_db *db, const void *arg)
{
	const struct bf_unit *u = arg;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO unit (id, name, code, union_name, district, address,"
	                  " contact, phone, district_mode, created_at)"
	                  " VALUES (1, :name, :code, :union_name, :district, :address,"
	                  " :contact, :phone, :district_mode, bf_now())"
	                  " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
	                  " code = excluded.code, union_name = excluded.union_name,"
	                  " district = excluded.district, address = excluded.address,"
	                  " contact = excluded.contact, phone = excluded.phone,"
	                  " district_mode = excluded.district_mode") != 0)
		return -1;
	if (bf_bind_text(&st, ":name", u->name) || bf_bind_text_or_null(&st, ":code", u->code) ||
	    bf_bind_text_or_null(&st, ":union_name", u->union_name) ||
	    bf_bind_text_or_null(&st, ":district", u->district) ||
	    bf_bind_text_or_null(&st, ":address", u->address) ||
	    bf_bind_text_or_null(&st, ":contact", u->contact) ||
	    bf_bind_text_or_null(&st, ":phone", u->phone) ||
	    bf_bind_int(&st, ":district_mode", u->district_mode ? 1 : 0)) {
		bf_finalize(&st);
		return -1;
	}
	return step_done(&st);
}

int bf_unit_save(bf_db *db, const struct bf_unit *u, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_SETTINGS, err) != 0)
		return -1;
	if (bf_blank(u->name)) {
		bf_error_set(err, _("the unit name is required"));
		return -1;
	}
	/* file names and packages are made from it */
	if (!bf_blank(u->code) && !bf_code_ok(u->code, _("Unit code"), err))
		return -1;
	if (in_txn_as(db, BF_PERM_SETTINGS, err, unit_save_fn, u) != 0)
		return -1;
	/* the key that signs this database's packages is made at set-up */
	return bf_key_ensure(db, err);
}

int bf_unit_load(bf_db *db, struct bf_unit *u, bf_error *err)
{
	memset(u, 0, sizeof *u);
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT name, code, union_name, district, address, contact, phone,"
	                  " district_mode FROM unit WHERE id = 1") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		bf_col_copy(&st, 0, u->name, sizeof u->name);
		bf_col_copy(&st, 1, u->code, sizeof u->code);
		bf_col_copy(&st, 2, u->union_name, sizeof u->union_name);
		bf_col_copy(&st, 3, u->district, sizeof u->district);
		bf_col_copy(&st, 4, u->address, sizeof u->address);
		bf_col_copy(&st, 5, u->contact, sizeof u->contact);
		bf_col_copy(&st, 6, u->phone, sizeof u->phone);
		u->district_mode = bf_col_int(&st, 7) != 0;
	} else if (rc == SQLITE_DONE) {
		bf_error_set(err, _("%s is not set up yet: run bangfu init first"), db->path);
	} else {
		bf_db_error(db, err);
	}
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* ---- key/value settings ----------------------------------------------------- */

/* 0 found (value copied), 1 unset, -1 error. */
static int setting_get(bf_db *db, const char *key, char *buf, size_t n)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT value FROM setting WHERE key = :key") != 0)
		return -1;
	if (bf_bind_text(&st, ":key", key) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		bf_col_copy(&st, 0, buf, n);
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int64_t bf_setting_int(bf_db *db, const char *key, int64_t dflt)
{
	char buf[64];
	if (setting_get(db, key, buf, sizeof buf) != 0)
		return dflt;
	char *end;
	long long v = strtoll(buf, &end, 10);
	if (end == buf || *bf_trim(end) != '\0')
		return dflt;
	return v;
}

void bf_setting_text(bf_db *db, const char *key, const char *dflt, char *buf, size_t n)
{
	if (setting_get(db, key, buf, n) != 0)
		bf_strlcpy(buf, dflt ? dflt : "", n);
}

struct kv {
	const char *key, *value;
};

static int setting_set_fn(bf_db *db, const void *arg)
{
	const struct kv *kv = arg;
	bf_stmt st;
	const char *sql = kv->value ? "INSERT INTO setting (key, value) VALUES (:key, :value)"
	                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
	                              " WHERE value IS NOT excluded.value"
	                            : "DELETE FROM setting WHERE key = :key";
	if (bf_db_prepare(db, &st, sql) != 0)
		return -1;
	if (bf_bind_text(&st, ":key", kv->key) != 0 ||
	    (kv->value && bf_bind_text(&st, ":value", kv->value) != 0)) {
		bf_finalize(&st);
		return -1;
	}
	return step_done(&st);
}

/* value NULL removes the setting (back to the default). */
int bf_setting_set(bf_db *db, const char *key, const char *value, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_SETTINGS, err) != 0)
		return -1;
	if (bf_blank(key)) {
		bf_error_set(err, _("a setting needs a name"));
		return -1;
	}
	struct kv kv = {key, value};
	return in_txn_as(db, BF_PERM_SETTINGS, err, setting_set_fn, &kv);
}

/* ---- per-year thresholds ---------------------------------------------------- */

static int year_save(bf_db *db, const struct bf_year_settings *s)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO year_setting (year, min_living, cat1_percent, cat2_percent,"
	                  " cat3_percent, cat4_medical, cat5_loss, min_wage)"
	                  " VALUES (:year, :min_living, :cat1, :cat2, :cat3, :cat4, :cat5,"
	                  " :min_wage)"
	                  " ON CONFLICT (year) DO UPDATE SET min_living = excluded.min_living,"
	                  " cat1_percent = excluded.cat1_percent,"
	                  " cat2_percent = excluded.cat2_percent,"
	                  " cat3_percent = excluded.cat3_percent,"
	                  " cat4_medical = excluded.cat4_medical,"
	                  " cat5_loss = excluded.cat5_loss, min_wage = excluded.min_wage") != 0)
		return -1;
	if (bf_bind_int(&st, ":year", s->year) || bf_bind_int(&st, ":min_living", s->min_living) ||
	    bf_bind_int(&st, ":cat1", s->cat1_percent) ||
	    bf_bind_int(&st, ":cat2", s->cat2_percent) ||
	    bf_bind_int(&st, ":cat3", s->cat3_percent) ||
	    bf_bind_int(&st, ":cat4", s->cat4_medical) || bf_bind_int(&st, ":cat5", s->cat5_loss) ||
	    bf_bind_int(&st, ":min_wage", s->min_wage)) {
		bf_finalize(&st);
		return -1;
	}
	return step_done(&st);
}

static int year_save_fn(bf_db *db, const void *arg)
{
	return year_save(db, arg);
}

int bf_settings_year_save(bf_db *db, const struct bf_year_settings *s, bf_error *err)
{
	return in_txn_as(db, BF_PERM_SETTINGS, err, year_save_fn, s);
}

/* The row for year, else the latest earlier year: 0 found, 1 none, -1 error. */
static int year_find(bf_db *db, int year, struct bf_year_settings *s)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT year, min_living, cat1_percent, cat2_percent, cat3_percent,"
	                  " cat4_medical, cat5_loss, min_wage FROM year_setting"
	                  " WHERE year <= :year ORDER BY year DESC LIMIT 1") != 0)
		return -1;
	if (bf_bind_int(&st, ":year", year) != 0) {
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		s->year = year;
		s->min_living = bf_col_int(&st, 1);
		s->cat1_percent = (int)bf_col_int(&st, 2);
		s->cat2_percent = (int)bf_col_int(&st, 3);
		s->cat3_percent = (int)bf_col_int(&st, 4);
		s->cat4_medical = bf_col_int(&st, 5);
		s->cat5_loss = bf_col_int(&st, 6);
		s->min_wage = bf_col_int(&st, 7);
	}
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

/* For callers already inside a write transaction (bf_case_save): reads, and
 * saves the seed's figures for the year when there is nothing to fall back
 * on. Internal to the storage layer (see case_store.c). */
int bf_store_year_settings_in_txn(bf_db *db, int year, struct bf_year_settings *s);
int bf_store_year_settings_in_txn(bf_db *db, int year, struct bf_year_settings *s)
{
	int rc = year_find(db, year, s);
	if (rc != 1)
		return rc;
	bf_year_settings_seed(s, year);
	s->year = year;
	return year_save(db, s);
}

int bf_settings_year(bf_db *db, int year, struct bf_year_settings *s, bf_error *err)
{
	memset(s, 0, sizeof *s);
	if (year < 1900 || year > 2199) {
		bf_error_set(err, _("year %d is out of range (1900–2199)"), year);
		return -1;
	}
	int rc = year_find(db, year, s);
	if (rc == 0)
		return 0;
	if (rc < 0) {
		bf_db_error(db, err);
		return -1;
	}
	bf_year_settings_seed(s, year);
	s->year = year;
	/* Without an operator (a read-only look) the figures are not saved:
	 * saving needs one, and reading must not fail for want of it. */
	if (!db->actor[0] || sqlite3_db_readonly(db->h, "main") == 1)
		return 0;
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	/* Read again inside the write lock: another process may have saved. */
	rc = bf_store_year_settings_in_txn(db, year, s);
	if (rc != 0 || bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		bf_db_rollback(db);
		return -1;
	}
	return 0;
}

/* ---- holiday calendar ------------------------------------------------------- */

int bf_calendar_load(bf_db *db, struct bf_calendar *cal, bf_error *err)
{
	memset(cal, 0, sizeof *cal);
	int64_t count = 0;
	if (bf_db_int(db, "SELECT count(*) FROM holiday", &count) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT date, kind FROM holiday ORDER BY date") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	size_t cap = (size_t)count + 1;
	struct bf_calendar_entry *e = calloc(cap, sizeof *e);
	if (!e) {
		bf_finalize(&st);
		bf_error_set(err, _("out of memory"));
		return -1;
	}
	size_t n = 0;
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		if (n == cap) {
			/* rows added by another connection since the count */
			struct bf_calendar_entry *bigger = realloc(e, 2 * cap * sizeof *e);
			if (!bigger) {
				rc = SQLITE_NOMEM;
				bf_error_set(err, _("out of memory"));
				break;
			}
			e = bigger;
			cap *= 2;
		}
		bf_date d;
		const char *text = bf_col_text(&st, 0);
		if (!bf_date_parse(text, &d)) {
			bf_error_set(err, _("holiday calendar: bad date '%s' in the database"),
			             text);
			rc = SQLITE_CORRUPT;
			break;
		}
		e[n].date = d;
		e[n].kind =
		    strcmp(bf_col_text(&st, 1), "workday") == 0 ? BF_DAY_WORKDAY : BF_DAY_HOLIDAY;
		n++;
	}
	if (rc != SQLITE_DONE) {
		if (rc != SQLITE_NOMEM && rc != SQLITE_CORRUPT)
			bf_db_error(db, err);
		bf_finalize(&st);
		free(e);
		return -1;
	}
	bf_finalize(&st);
	cal->entries = e;
	cal->n = n;
	/* the years whose arrangement is known */
	size_t ycap = 0;
	int *y;
	if (bf_db_prepare(db, &st, "SELECT year FROM holiday_year ORDER BY year") != 0)
		goto years_fail;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		if (!(y = bf_push(&cal->years, &ycap, &cal->nyears, sizeof *y)))
			break;
		*y = (int)bf_col_int(&st, 0);
	}
	bf_finalize(&st);
	if (rc == SQLITE_DONE)
		return 0;
years_fail:
	bf_db_error(db, err);
	bf_calendar_free(cal);
	return -1;
}

void bf_calendar_free(struct bf_calendar *cal)
{
	if (!cal)
		return;
	free(cal->entries);
	free(cal->years);
	cal->entries = NULL;
	cal->n = 0;
	cal->years = NULL;
	cal->nyears = 0;
}

struct holiday_arg {
	int year;
	const char *date;
	const char *kind; /* NULL: remove */
	const char *name;
};

static int holiday_fn(bf_db *db, const void *arg)
{
	const struct holiday_arg *h = arg;
	bf_stmt st;
	const char *sql = h->kind ? "INSERT INTO holiday (date, kind, name)"
	                            " VALUES (:date, :kind, :name)"
	                            " ON CONFLICT (date) DO UPDATE SET kind = excluded.kind,"
	                            " name = excluded.name"
	                            " WHERE kind IS NOT excluded.kind OR name IS NOT excluded.name"
	                          : "DELETE FROM holiday WHERE date = :date";
	if (bf_db_prepare(db, &st, sql) != 0)
		return -1;
	if (bf_bind_text(&st, ":date", h->date) != 0 ||
	    (h->kind && (bf_bind_text(&st, ":kind", h->kind) != 0 ||
	                 bf_bind_text_or_null(&st, ":name", h->name) != 0))) {
		bf_finalize(&st);
		return -1;
	}
	/* a change by hand makes the year known, and newer for the district */
	if (step_done(&st) != 0)
		return -1;
	if (sqlite3_changes(db->h) == 0)
		return 0;
	return bf_holiday_touch_year(db, h->year, "by hand");
}

int bf_holiday_set(bf_db *db, bf_date d, enum bf_day_kind kind, const char *name, bf_error *err)
{
	if (kind != BF_DAY_HOLIDAY && kind != BF_DAY_WORKDAY) {
		bf_error_set(err, "unknown kind of day %d", (int)kind);
		return -1;
	}
	if (bf_store_require(db, BF_PERM_SETTINGS, err) != 0)
		return -1;
	char date[11];
	bf_date_format(d, date);
	char trimmed[128] = "";
	if (name)
		bf_strlcpy(trimmed, name, sizeof trimmed);
	bf_trim(trimmed);
	int y, m, day;
	bf_date_to_ymd(d, &y, &m, &day);
	struct holiday_arg h = {y, date, kind == BF_DAY_WORKDAY ? "workday" : "holiday", trimmed};
	return in_txn_as(db, BF_PERM_SETTINGS, err, holiday_fn, &h);
}

int bf_holiday_remove(bf_db *db, bf_date d, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_SETTINGS, err) != 0)
		return -1;
	char date[11];
	bf_date_format(d, date);
	int y, m, day;
	bf_date_to_ymd(d, &y, &m, &day);
	struct holiday_arg h = {y, date, NULL, NULL};
	return in_txn_as(db, BF_PERM_SETTINGS, err, holiday_fn, &h);
}
