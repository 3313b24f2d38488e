/* case_query.h — the case list: filter, sort and fetch only the rows shown.
 * Storage layer. A list of 100,000 cases is never loaded whole: the screen
 * asks for the count and for the rows it can show. */
#ifndef BANGFU_CASE_QUERY_H
#define BANGFU_CASE_QUERY_H

#include "bangfu/casefile.h"
#include "bangfu/db.h"

enum bf_case_sort {
	BF_SORT_NUMBER = 0,
	BF_SORT_NAME, /* by pinyin initials, then name */
	BF_SORT_DEPARTMENT,
	BF_SORT_STATUS,
	BF_SORT_CATEGORY,
	BF_SORT_PER_CAPITA,
	BF_SORT_COUNT
};

struct bf_case_filter {
	/* case number, name, any part of the employee's ID number, or pinyin
	 * initials of the name ("zs" finds 张三) */
	char search[96];
	char status[24]; /* a workflow code; "" = any */
	int category;    /* 0 = any, 1..5 = that first category, -1 = none matched */
	enum bf_case_sort sort;
	bool desc;
};

struct bf_case_row {
	int64_t id;
	char number[32];
	char name[BF_NAME_SZ];
	char id_number[BF_ID_SZ]; /* full: mask before showing */
	char department[BF_TEXT_SZ];
	char status[24];
	int category; /* 0 = none */
	bf_fen per_capita;
	int household_size;
	bf_fen accepted; /* the district's accepted (final) amount; 0 = none */
};

int bf_case_count(bf_db *db, const struct bf_case_filter *f, int64_t *count, bf_error *err);
/* Fetch up to limit rows starting at offset (in the filter's order); *n gets
 * how many were written. */
int bf_case_rows(bf_db *db, const struct bf_case_filter *f, int64_t offset, int limit,
                 struct bf_case_row *rows, int *n, bf_error *err);

/* The ids of the files matching f, in f's order, found in ONE pass that
 * stops after `cap` matches: the search line uses it so that a keystroke
 * costs one scan (at most) instead of a count plus a fetch. *more is set
 * when there are more than cap matches. */
int bf_case_match_ids(bf_db *db, const struct bf_case_filter *f, int64_t *ids, size_t cap,
                      size_t *n, bool *more, bf_error *err);
/* The same, but only among `within` (the complete matches of a shorter
 * search this one extends: typing one more character only narrows). ids may
 * be the same array as within. */
int bf_case_match_ids_within(bf_db *db, const struct bf_case_filter *f, const int64_t *within,
                             size_t n_within, int64_t *ids, size_t *n, bf_error *err);
/* The rows of files ids[0..n-1], in that order (ids no longer there are
 * skipped); *got is how many were written. */
int bf_case_rows_by_id(bf_db *db, const int64_t *ids, int n, struct bf_case_row *rows, int *got,
                       bf_error *err);

/* The file's employee ID number in full (lists carry only the mask): for a
 * reveal the caller has recorded. "" when there is none. */
int bf_case_employee_id(bf_db *db, int64_t case_id, char *out, size_t n, bf_error *err);

/* Is the search text a whole 18-character ID number (found through the
 * blind index; a shorter run of ID digits matches only what masks show)? */
bool bf_case_search_whole_id(const char *s);

#endif
