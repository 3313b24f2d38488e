-- 030 (issue 17): the consolidated list's search keystroke. The count and
-- the totals of a search read every file's name, number and ID mask (any
-- part matches) and, for the files that match, the decision and amounts:
-- this index holds just those, the searched columns first, so the scan
-- decodes less of each entry than dist_case_list's (whose order the pages
-- keep using). The unit, category and duplicates filters still read
-- dist_case_list, which holds their columns.
CREATE INDEX dist_case_search ON dist_case (name, number, id_mask, decision, amount,
	final_amount);
PRAGMA analysis_limit = 1000;
ANALYZE dist_case;
