-- 031 (issue 17): the case list's status filter, in its default number
-- order, by one index. With only case_file_status (status) the filter's
-- page read every file of that status and sorted them all for one screen
-- (112 ms of CPU at 100,000 files, all in one status; ten times that at
-- a million); on (status, number) the page is a seek and the next rows in
-- order, and the count a range of the same index.
CREATE INDEX case_file_status_number ON case_file (status, number);
-- (status, number) serves every query the old index served
DROP INDEX case_file_status;
