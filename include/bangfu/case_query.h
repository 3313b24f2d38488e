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
/* Keyset paging (issue 17): a page continues from the key of a row the
 * caller has, never from an offset (which re-walks every earlier row).
 * Up to limit rows in the filter's order: from the first when anchor is 0,
 * else after file `anchor` (from it on with BF_PAGE_INCLUSIVE); with
 * BF_PAGE_BACKWARD the `limit` rows before it (before the end when anchor
 * is 0), still written in the filter's order. *n gets how many were
 * written. Returns BF_PAGE_GONE (rows untouched) when the anchor file is no
 * longer there: start again from a known row. */
enum { BF_PAGE_INCLUSIVE = 1, BF_PAGE_BACKWARD = 2 };
enum { BF_PAGE_GONE = 1 };
int bf_case_page(bf_db *db, const struct bf_case_filter *f, int64_t anchor, unsigned flags,
                 int limit, struct bf_case_row *rows, int *n, bf_error *err);
/* The row number (from 0) of file id in the filter's order: one counting
 * pass over the rows before it; -1 when it does not match the filter. */
int bf_case_position(bf_db *db, const struct bf_case_filter *f, int64_t id, int64_t *pos,
                     bf_error *err);

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

/* The width of the longest file number the allocator has made (at least
 * 9, "2026-0001"; "2026-10000" is 10): a few index seeks per year. */
int bf_case_number_width(bf_db *db, int *width, bf_error *err);

/* The file's employee ID number in full (lists carry only the mask): for a
 * reveal the caller has recorded. "" when there is none. */
int bf_case_employee_id(bf_db *db, int64_t case_id, char *out, size_t n, bf_error *err);

/* Is the search text a whole 18-character ID number (found through the
 * blind index; a shorter run of ID digits matches only what masks show)? */
bool bf_case_search_whole_id(const char *s);

#endif
