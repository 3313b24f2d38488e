-- 021 (issue 17): the case list's orders on indexes, and statistics.
-- The list sorts by status in workflow order (the expression below is the
-- one src/store/case_query.c writes, letter for letter: an index is used
-- only for the same expression), by category and by department with the
-- files that have none last; each order ends in the unique number, so a
-- page continues from the last row's key with a seek in the index
-- (keyset paging) instead of a sort of every matching row.
CREATE INDEX case_file_status_order ON case_file (
	instr(',draft,docs_complete,approved,rejected,in_publicity,publicity_passed,objection_upheld,submitted,accepted,returned,aided,closed,',
	      ',' || status || ','),
	number);
CREATE INDEX case_file_category_order ON case_file (first_category IS NULL, first_category, number);
CREATE INDEX case_file_department_order ON case_file (department IS NULL, department, number);
-- descending, the files without one still last: an index can be read
-- backward whole, not with one column reversed
CREATE INDEX case_file_category_desc ON case_file (first_category IS NULL, first_category DESC, number DESC);
CREATE INDEX case_file_department_desc ON case_file (department IS NULL, department DESC, number DESC);
-- the old department index served only that sort, which could not use it
DROP INDEX case_file_department;
-- statistics for the planner (bounded: a large file is sampled, not read
-- whole); `PRAGMA optimize` keeps them current when a connection closes
PRAGMA analysis_limit = 1000;
ANALYZE;
