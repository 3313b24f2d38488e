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
-- whole)
PRAGMA analysis_limit = 1000;
ANALYZE;

-- The district's consolidated list: each file's count of other files that
-- share an ID number with it (as employee or member) kept in a column, so
-- that the list reads it instead of a join per row on every redraw. Kept
-- by triggers as persons come and go (a package imported, a file
-- superseded): the files sharing that number are counted again, through
-- the index on id_bidx. Derived bookkeeping: not audited.
ALTER TABLE dist_case ADD COLUMN dups INTEGER NOT NULL DEFAULT 0 CHECK (dups >= 0);
UPDATE dist_case SET dups = (SELECT count(DISTINCT q.case_id) FROM dist_person p
	JOIN dist_person q ON q.id_bidx = p.id_bidx AND q.case_id <> p.case_id
	WHERE p.case_id = dist_case.id AND p.id_bidx IS NOT NULL);
CREATE INDEX dist_case_dups ON dist_case (unit_code, number) WHERE dups > 0;

CREATE TRIGGER dist_person_dups_insert AFTER INSERT ON dist_person
WHEN NEW.id_bidx IS NOT NULL
BEGIN
	UPDATE dist_case SET dups = (SELECT count(DISTINCT q.case_id) FROM dist_person p
		JOIN dist_person q ON q.id_bidx = p.id_bidx AND q.case_id <> p.case_id
		WHERE p.case_id = dist_case.id AND p.id_bidx IS NOT NULL)
	WHERE id IN (SELECT case_id FROM dist_person WHERE id_bidx = NEW.id_bidx);
END;
CREATE TRIGGER dist_person_dups_delete AFTER DELETE ON dist_person
WHEN OLD.id_bidx IS NOT NULL
BEGIN
	UPDATE dist_case SET dups = (SELECT count(DISTINCT q.case_id) FROM dist_person p
		JOIN dist_person q ON q.id_bidx = p.id_bidx AND q.case_id <> p.case_id
		WHERE p.case_id = dist_case.id AND p.id_bidx IS NOT NULL)
	WHERE id IN (SELECT case_id FROM dist_person WHERE id_bidx = OLD.id_bidx)
		OR id = OLD.case_id;
END;
CREATE TRIGGER dist_person_dups_update AFTER UPDATE OF id_bidx, case_id ON dist_person
WHEN OLD.id_bidx IS NOT NEW.id_bidx OR OLD.case_id IS NOT NEW.case_id
BEGIN
	UPDATE dist_case SET dups = (SELECT count(DISTINCT q.case_id) FROM dist_person p
		JOIN dist_person q ON q.id_bidx = p.id_bidx AND q.case_id <> p.case_id
		WHERE p.case_id = dist_case.id AND p.id_bidx IS NOT NULL)
	WHERE id IN (SELECT case_id FROM dist_person WHERE id_bidx IN (OLD.id_bidx, NEW.id_bidx))
		OR id IN (OLD.case_id, NEW.case_id);
END;
