-- 012: the folders bangfu has written files to (exports, packages, backups),
-- so that a temporary file left by an interrupted write (.bangfu-tmp-*,
-- outfile.h) is removed at the next start and by `bangfu check`. Program
-- bookkeeping, not casework: written without an operator, not in the audit log.
CREATE TABLE out_folder (
	path TEXT PRIMARY KEY CHECK (path <> ''),
	last_used TEXT NOT NULL
) STRICT;
