/* case_import.h — cases from the spreadsheets units already keep: one CSV row
 * per household member, a column grouping rows into households. Pure domain
 * code: builds struct bf_case values and reports every bad cell by line and
 * column; storing them is the caller's business. Columns are listed in
 * README.md ("Importing cases"). */
#ifndef BANGFU_CASE_IMPORT_H
#define BANGFU_CASE_IMPORT_H

#include "bangfu/casefile.h"
#include "bangfu/csv.h"

struct bf_import_problem {
	size_t line;
	char column[64]; /* header text as in the file, or "" for a whole row */
	char msg[320];
};

struct bf_import_household {
	char key[64]; /* the household column's value */
	size_t first_line;
	bool bad; /* has at least one problem */
	size_t last_line; /* the caller's: where its last row is (streaming) */
	struct bf_case c;
};

struct bf_import {
	struct bf_import_household *households;
	size_t nhouseholds, cap_households; /* cap: room allocated */
	struct bf_import_problem *problems;
	size_t nproblems;
	/* Kept, but worth a look (a bank card failing the Luhn test, as the
	 * form warns): by line and column, the row is imported. */
	struct bf_import_problem *warnings;
	size_t nwarnings;
	/* reading the rows (bf_import_start) */
	const struct bf_csv_row *hdr; /* the caller's header row */
	int map[128];                 /* column of the file -> known column */
	size_t ncols;
	int group_col, rel_col;
	int default_year;
	bf_date today;
};

/* One known column: code (English header), Chinese header, description. */
struct bf_import_column_info {
	const char *code;
	const char *zh;
	bool household; /* read from the employee's row */
	const char *help;
};
const struct bf_import_column_info *bf_import_columns(size_t *n);

/* Build households from parsed CSV (first row = header). default_year is used
 * when there is no year column. Returns 0 when parsing ran (problems may still
 * be listed), -1 on a fatal error (no header, out of memory) in err, imp
 * then holding nothing (no bf_import_free needed). */
int bf_import_build(const struct bf_csv *csv, int default_year, bf_date today,
                    struct bf_import *out, bf_error *err);
/* The same a row at a time, for files of any size: bf_import_start reads
 * the header (hdr must outlive imp; -1 as bf_import_build); each
 * bf_import_add_row adds one row to its household, a new one appended to
 * imp->households, and returns that household's index, -1 when the row
 * belongs to none (problem recorded) or -2 when out of memory (in err).
 * When a household's rows are all in, bf_import_check_household runs the
 * whole-household checks; bf_import_drop_household forgets it. */
int bf_import_start(struct bf_import *imp, const struct bf_csv_row *hdr, int default_year,
                    bf_date today, bf_error *err);
int bf_import_add_row(struct bf_import *imp, const struct bf_csv_row *row, bf_error *err);
void bf_import_check_household(struct bf_import *imp, struct bf_import_household *h);
void bf_import_drop_household(struct bf_import *imp, size_t i);
/* The household column's value in row ("" when missing). */
const char *bf_import_row_key(const struct bf_import *imp, const struct bf_csv_row *row);
/* Record a problem found later (e.g. an ID already in another file). */
void bf_import_add_problem(struct bf_import *imp, size_t line, const char *column, const char *fmt,
                           ...) __attribute__((format(printf, 4, 5)));
void bf_import_free(struct bf_import *imp);

#endif
