-- 002_workflow.sql — the workflow: closure reasons and district returns on
-- the transitions, and the union's review (审核).
--
-- Conventions as in 001_init.sql: STRICT, money in fen, ISO dates, NULL
-- for empty text, audit triggers refusing writes without an operator.
--
-- The checklist (checklist_item, 001) holds a row only for an item something
-- was recorded for (received, waived, or set back to missing); a required
-- document without a row is missing. bf_case_save re-derives the required
-- documents and keeps checklist_item.required in step: a recorded item the
-- facts no longer require stays, with required = 0, as history.

-- Closing a file (退档) records why; a district's return names the state the
-- file goes back to. Both live on the transition that made the change.
ALTER TABLE case_transition ADD COLUMN closure TEXT
	CHECK (closure IN ('escaped', 'retired', 'moved', 'died', 'other'));
ALTER TABLE case_transition ADD COLUMN back_to TEXT
	CHECK (back_to IN ('draft', 'docs_complete', 'approved', 'publicity_passed'));

-- The union's review: approve (with the aid category and amount proposed) or
-- reject (with the reason); who reviewed, the meeting's date and minutes
-- reference (会议纪要). transition_id is the move the review made.
CREATE TABLE review (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES case_file (id) ON DELETE CASCADE,
	transition_id INTEGER REFERENCES case_transition (id) ON DELETE CASCADE,
	decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
	category INTEGER CHECK (category BETWEEN 1 AND 5),
	amount INTEGER CHECK (amount > 0),                     -- fen
	reason TEXT CHECK (reason <> ''),
	reviewer TEXT NOT NULL CHECK (reviewer <> ''),
	date TEXT NOT NULL CHECK (date(date) IS date),         -- the meeting's date
	meeting_ref TEXT CHECK (meeting_ref <> ''),
	at TEXT NOT NULL,                                      -- when it was recorded
	CHECK (decision <> 'approve' OR (category IS NOT NULL AND amount IS NOT NULL)),
	CHECK (decision <> 'reject' OR reason IS NOT NULL)
) STRICT;
CREATE INDEX review_case ON review (case_id, id);
CREATE INDEX review_transition ON review (transition_id) WHERE transition_id IS NOT NULL;

-- ---- triggers ----------------------------------------------------------------

-- case_transition: the audit triggers of 001, now with the new columns.
DROP TRIGGER case_transition_audit_insert;
DROP TRIGGER case_transition_audit_delete;
DROP TRIGGER case_transition_audit_update;

CREATE TRIGGER case_transition_audit_insert AFTER INSERT ON case_transition
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'case_transition', NEW.id, NEW.case_id,
		bf_json_object(
			'id', NEW.id, 'case_id', NEW.case_id, 'at', NEW.at, 'actor', NEW.actor,
			'from_status', NEW.from_status, 'to_status', NEW.to_status,
			'reason', NEW.reason, 'closure', NEW.closure, 'back_to', NEW.back_to));
END;

CREATE TRIGGER case_transition_audit_delete AFTER DELETE ON case_transition
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'case_transition', OLD.id, OLD.case_id,
		bf_json_object(
			'id', OLD.id, 'case_id', OLD.case_id, 'at', OLD.at, 'actor', OLD.actor,
			'from_status', OLD.from_status, 'to_status', OLD.to_status,
			'reason', OLD.reason, 'closure', OLD.closure, 'back_to', OLD.back_to));
END;

CREATE TRIGGER case_transition_audit_update AFTER UPDATE ON case_transition
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'case_transition', NEW.id, NEW.case_id,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, OLD.case_id,
			CASE WHEN OLD.at IS NOT NEW.at THEN 'at' END, OLD.at,
			CASE WHEN OLD.actor IS NOT NEW.actor THEN 'actor' END, OLD.actor,
			CASE WHEN OLD.from_status IS NOT NEW.from_status THEN 'from_status' END, OLD.from_status,
			CASE WHEN OLD.to_status IS NOT NEW.to_status THEN 'to_status' END, OLD.to_status,
			CASE WHEN OLD.reason IS NOT NEW.reason THEN 'reason' END, OLD.reason,
			CASE WHEN OLD.closure IS NOT NEW.closure THEN 'closure' END, OLD.closure,
			CASE WHEN OLD.back_to IS NOT NEW.back_to THEN 'back_to' END, OLD.back_to) AS o,
	             bf_json_object(
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, NEW.case_id,
			CASE WHEN OLD.at IS NOT NEW.at THEN 'at' END, NEW.at,
			CASE WHEN OLD.actor IS NOT NEW.actor THEN 'actor' END, NEW.actor,
			CASE WHEN OLD.from_status IS NOT NEW.from_status THEN 'from_status' END, NEW.from_status,
			CASE WHEN OLD.to_status IS NOT NEW.to_status THEN 'to_status' END, NEW.to_status,
			CASE WHEN OLD.reason IS NOT NEW.reason THEN 'reason' END, NEW.reason,
			CASE WHEN OLD.closure IS NOT NEW.closure THEN 'closure' END, NEW.closure,
			CASE WHEN OLD.back_to IS NOT NEW.back_to THEN 'back_to' END, NEW.back_to) AS n)
	WHERE o <> '{}';
END;

-- review

CREATE TRIGGER review_audit_insert AFTER INSERT ON review
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'review', NEW.id, NEW.case_id,
		bf_json_object(
			'id', NEW.id, 'case_id', NEW.case_id, 'transition_id', NEW.transition_id,
			'decision', NEW.decision, 'category', NEW.category, 'amount', NEW.amount,
			'reason', NEW.reason, 'reviewer', NEW.reviewer, 'date', NEW.date,
			'meeting_ref', NEW.meeting_ref, 'at', NEW.at));
END;

CREATE TRIGGER review_audit_delete AFTER DELETE ON review
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'review', OLD.id, OLD.case_id,
		bf_json_object(
			'id', OLD.id, 'case_id', OLD.case_id, 'transition_id', OLD.transition_id,
			'decision', OLD.decision, 'category', OLD.category, 'amount', OLD.amount,
			'reason', OLD.reason, 'reviewer', OLD.reviewer, 'date', OLD.date,
			'meeting_ref', OLD.meeting_ref, 'at', OLD.at));
END;

CREATE TRIGGER review_audit_update AFTER UPDATE ON review
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'review', NEW.id, NEW.case_id,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, OLD.case_id,
			CASE WHEN OLD.transition_id IS NOT NEW.transition_id THEN 'transition_id' END, OLD.transition_id,
			CASE WHEN OLD.decision IS NOT NEW.decision THEN 'decision' END, OLD.decision,
			CASE WHEN OLD.category IS NOT NEW.category THEN 'category' END, OLD.category,
			CASE WHEN OLD.amount IS NOT NEW.amount THEN 'amount' END, OLD.amount,
			CASE WHEN OLD.reason IS NOT NEW.reason THEN 'reason' END, OLD.reason,
			CASE WHEN OLD.reviewer IS NOT NEW.reviewer THEN 'reviewer' END, OLD.reviewer,
			CASE WHEN OLD.date IS NOT NEW.date THEN 'date' END, OLD.date,
			CASE WHEN OLD.meeting_ref IS NOT NEW.meeting_ref THEN 'meeting_ref' END, OLD.meeting_ref,
			CASE WHEN OLD.at IS NOT NEW.at THEN 'at' END, OLD.at) AS o,
	             bf_json_object(
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, NEW.case_id,
			CASE WHEN OLD.transition_id IS NOT NEW.transition_id THEN 'transition_id' END, NEW.transition_id,
			CASE WHEN OLD.decision IS NOT NEW.decision THEN 'decision' END, NEW.decision,
			CASE WHEN OLD.category IS NOT NEW.category THEN 'category' END, NEW.category,
			CASE WHEN OLD.amount IS NOT NEW.amount THEN 'amount' END, NEW.amount,
			CASE WHEN OLD.reason IS NOT NEW.reason THEN 'reason' END, NEW.reason,
			CASE WHEN OLD.reviewer IS NOT NEW.reviewer THEN 'reviewer' END, NEW.reviewer,
			CASE WHEN OLD.date IS NOT NEW.date THEN 'date' END, NEW.date,
			CASE WHEN OLD.meeting_ref IS NOT NEW.meeting_ref THEN 'meeting_ref' END, NEW.meeting_ref,
			CASE WHEN OLD.at IS NOT NEW.at THEN 'at' END, NEW.at) AS n)
	WHERE o <> '{}';
END;
