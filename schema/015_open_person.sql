-- 015: one person, one open file (一户一档), held by the schema. open_person
-- has one row per ID number (its blind index, member.id_bidx) of a member of
-- a file that is not closed; its primary key is the unique index that makes
-- a second open file with the same person fail inside any transaction, the
-- import's included, whoever got there first. Kept by the triggers below:
--   * a member written into an open file takes its row (the same file may
--     hold it already: a swap of two members' numbers within one save);
--   * a member removed, or its number changed, gives its row back unless
--     another member of the same file still has that number;
--   * a file closed gives back all its rows; a file reopened takes them
--     again, and fails when one of its people has an open file meanwhile.
-- Derived bookkeeping, not casework: not audited (the members' rows are).
-- Files that already share a person when this step runs (two imports raced
-- before it) keep the person with the older file; `bangfu check` names the
-- others (open files whose people are not theirs here).
CREATE TABLE open_person (
	id_bidx TEXT PRIMARY KEY CHECK (id_bidx <> ''),
	case_id INTEGER NOT NULL REFERENCES case_file (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX open_person_case ON open_person (case_id);

INSERT OR IGNORE INTO open_person (id_bidx, case_id)
	SELECT m.id_bidx, m.case_id FROM member m JOIN case_file c ON c.id = m.case_id
	WHERE m.id_bidx IS NOT NULL AND c.status <> 'closed'
	ORDER BY m.case_id, m.position;

CREATE TRIGGER open_person_member_insert AFTER INSERT ON member
WHEN NEW.id_bidx IS NOT NULL
	AND (SELECT status FROM case_file WHERE id = NEW.case_id) IS NOT 'closed'
BEGIN
	DELETE FROM open_person WHERE id_bidx = NEW.id_bidx AND case_id = NEW.case_id;
	INSERT INTO open_person (id_bidx, case_id) VALUES (NEW.id_bidx, NEW.case_id);
END;

CREATE TRIGGER open_person_member_update AFTER UPDATE OF id_bidx, case_id ON member
WHEN OLD.id_bidx IS NOT NEW.id_bidx OR OLD.case_id IS NOT NEW.case_id
BEGIN
	DELETE FROM open_person WHERE id_bidx = OLD.id_bidx AND case_id = OLD.case_id
		AND NOT EXISTS (SELECT 1 FROM member WHERE case_id = OLD.case_id
			AND id_bidx = OLD.id_bidx AND id <> OLD.id);
	DELETE FROM open_person WHERE NEW.id_bidx IS NOT NULL
		AND id_bidx = NEW.id_bidx AND case_id = NEW.case_id;
	INSERT INTO open_person (id_bidx, case_id)
		SELECT NEW.id_bidx, NEW.case_id WHERE NEW.id_bidx IS NOT NULL
		AND (SELECT status FROM case_file WHERE id = NEW.case_id) IS NOT 'closed';
END;

CREATE TRIGGER open_person_member_delete AFTER DELETE ON member
WHEN OLD.id_bidx IS NOT NULL
BEGIN
	DELETE FROM open_person WHERE id_bidx = OLD.id_bidx AND case_id = OLD.case_id
		AND NOT EXISTS (SELECT 1 FROM member WHERE case_id = OLD.case_id
			AND id_bidx = OLD.id_bidx);
END;

CREATE TRIGGER open_person_case_closed AFTER UPDATE OF status ON case_file
WHEN NEW.status = 'closed' AND OLD.status <> 'closed'
BEGIN
	DELETE FROM open_person WHERE case_id = NEW.id;
END;

CREATE TRIGGER open_person_case_reopened AFTER UPDATE OF status ON case_file
WHEN OLD.status = 'closed' AND NEW.status <> 'closed'
BEGIN
	INSERT INTO open_person (id_bidx, case_id)
		SELECT DISTINCT id_bidx, NEW.id FROM member
		WHERE case_id = NEW.id AND id_bidx IS NOT NULL;
END;
