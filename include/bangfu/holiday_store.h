/* holiday_store.h — the holiday calendar in the database: the shipped
 * arrangements, changes by hand or from a file, the district's newer years.
 * Every change goes through the audit triggers (holiday, holiday_year). */
#ifndef BANGFU_HOLIDAY_STORE_H
#define BANGFU_HOLIDAY_STORE_H

#include "bangfu/db.h"
#include "bangfu/holiday.h"

/* Schema step 008: load the shipped calendar (bf_holiday_shipped) for every
 * year holiday_year does not list yet; days already in the table are kept.
 * Runs inside the migration's transaction, with the triggers off for its
 * own statements (reference data, not an operator's change: not audited). */
int bf_holiday_seed_shipped(bf_db *db, bf_error *err);

/* Record a change to year (updated_at = now); a year not listed yet is
 * added with source. Inside the caller's transaction. */
int bf_holiday_touch_year(bf_db *db, int year, const char *source);

/* The year the case list warns of (bf_calendar_year_due) from the years
 * known alone: cheap enough for every redraw. 0: nothing to say (or an
 * error reading). */
int bf_holiday_year_due(bf_db *db, bf_date today);

/* The days of year (0: every year) with their names, and the years known
 * with their source and last change. Free with bf_holiday_file_free. */
int bf_holiday_list(bf_db *db, int year, struct bf_holiday_file *out, bf_error *err);

/* Import a parsed file in one transaction: every day is set (the file wins
 * over what is stored), every year it declares or touches is marked known
 * with source (the year's note when it has one). *days_changed counts the
 * days added or changed, *years_added the years newly known. */
int bf_holiday_import(bf_db *db, const struct bf_holiday_file *f, const char *source,
                      int *days_changed, int *years_added, bf_error *err);

/* A district's calendar (from a reply package, years with updated_at):
 * take each year this database does not know, or knows with an older
 * updated_at and different days; a year taken replaces this database's
 * days of that year. Joins the caller's transaction. taken[] (cap entries)
 * gets the years taken, *n their count. */
int bf_holiday_take_newer(bf_db *db, const struct bf_holiday_file *f, const char *source,
                          int *taken, size_t cap, size_t *n, bf_error *err);

#endif
