-- 016: every file row carries a revision, raised by every change to the row
-- (a form save, a workflow step, the district's return, anything else), so
-- that a save states the revision it was loaded at and is refused when the
-- row has moved on (issue 18: no lost updates). Not in the audit log: the
-- audit trigger records changed columns, and the revision alone is none.
ALTER TABLE case_file ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);

-- Raised after any UPDATE that did not set it itself (SQLite's triggers do
-- not fire themselves again: the inner UPDATE sets it, so it stops there).
CREATE TRIGGER case_file_revision AFTER UPDATE ON case_file
WHEN NEW.revision IS OLD.revision
BEGIN
	UPDATE case_file SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;
