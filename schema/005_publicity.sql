-- 005_publicity.sql — the workplace publicity notice (公示): rounds, the
-- cases each lists, and objections (异议).
--
-- Conventions as in 001_init.sql: STRICT tables, money in INTEGER fen, ISO
-- dates as TEXT, optional text NULL (never ''), every change audited by the
-- triggers at the end with bf_actor() and bf_json_object().
--
-- A round lists approved cases for N working days. The cases' own moves
-- (approved → in_publicity → publicity_passed or objection_upheld) are
-- made through the transition table and recorded in case_transition; these
-- tables hold what the round adds: its period, place and contact, which
-- cases it listed (and which left it after an upheld objection), and the
-- objections with their investigation and resolution.

CREATE TABLE publicity_round (
	id INTEGER PRIMARY KEY,
	start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),
	end_date TEXT NOT NULL CHECK (date(end_date) IS end_date AND end_date >= start_date),
	days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 60),
	place TEXT NOT NULL CHECK (place <> ''),
	contact_name TEXT NOT NULL CHECK (contact_name <> ''),
	contact_phone TEXT NOT NULL CHECK (contact_phone <> ''),
	contact_office TEXT NOT NULL CHECK (contact_office <> ''),
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL CHECK (created_by <> ''),
	closed_at TEXT,
	closed_by TEXT CHECK (closed_by <> ''),
	CHECK ((status = 'closed') = (closed_at IS NOT NULL))
) STRICT;
CREATE INDEX publicity_round_open ON publicity_round (end_date) WHERE status = 'open';

-- The cases a round listed, with the category and amount the review
-- proposed (what the notice shows). listed → passed when the round closes,
-- or withdrawn (with the reason) when an objection against it is upheld.
CREATE TABLE publicity_case (
	round_id INTEGER NOT NULL REFERENCES publicity_round (id) ON DELETE CASCADE,
	case_id INTEGER NOT NULL REFERENCES case_file (id) ON DELETE CASCADE,
	position INTEGER NOT NULL CHECK (position >= 1),
	category INTEGER CHECK (category BETWEEN 1 AND 5),
	amount INTEGER CHECK (amount > 0),
	status TEXT NOT NULL DEFAULT 'listed' CHECK (status IN ('listed', 'passed', 'withdrawn')),
	reason TEXT CHECK (reason <> ''),
	CHECK (status <> 'withdrawn' OR reason IS NOT NULL),
	PRIMARY KEY (round_id, case_id)
) STRICT;
CREATE INDEX publicity_case_case ON publicity_case (case_id);

CREATE TABLE objection (
	id INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES publicity_round (id) ON DELETE CASCADE,
	case_id INTEGER NOT NULL REFERENCES case_file (id) ON DELETE CASCADE,
	received_date TEXT NOT NULL CHECK (date(received_date) IS received_date),
	via TEXT NOT NULL CHECK (via IN ('phone', 'letter', 'in_person')),
	raised_by TEXT CHECK (raised_by <> ''),               -- NULL: anonymous
	claim TEXT NOT NULL CHECK (claim <> ''),
	status TEXT NOT NULL DEFAULT 'open'
		CHECK (status IN ('open', 'investigating', 'upheld', 'dismissed')),
	investigation TEXT CHECK (investigation <> ''),
	investigated_by TEXT CHECK (investigated_by <> ''),
	resolution TEXT CHECK (resolution <> ''),
	resolved_by TEXT CHECK (resolved_by <> ''),
	resolved_at TEXT,
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL CHECK (created_by <> ''),
	CHECK (status NOT IN ('upheld', 'dismissed') OR (resolution IS NOT NULL AND resolved_at IS NOT NULL)),
	FOREIGN KEY (round_id, case_id) REFERENCES publicity_case (round_id, case_id) ON DELETE CASCADE
) STRICT;
CREATE INDEX objection_round ON objection (round_id, id);
CREATE INDEX objection_open ON objection (round_id) WHERE status IN ('open', 'investigating');

-- Audit triggers, the same shape as 001's.

-- publicity_round

CREATE TRIGGER publicity_round_audit_insert AFTER INSERT ON publicity_round
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'publicity_round', NEW.rowid, NULL,
		bf_json_object(
			'start_date', NEW.start_date, 'end_date', NEW.end_date, 'days', NEW.days,
			'place', NEW.place, 'contact_name', NEW.contact_name,
			'contact_phone', NEW.contact_phone, 'contact_office', NEW.contact_office,
			'status', NEW.status));
END;

CREATE TRIGGER publicity_round_audit_update AFTER UPDATE ON publicity_round
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'publicity_round', NEW.rowid, NULL,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.end_date IS NOT NEW.end_date THEN 'end_date' END, OLD.end_date,
			CASE WHEN OLD.place IS NOT NEW.place THEN 'place' END, OLD.place,
			CASE WHEN OLD.contact_name IS NOT NEW.contact_name THEN 'contact_name' END, OLD.contact_name,
			CASE WHEN OLD.contact_phone IS NOT NEW.contact_phone THEN 'contact_phone' END, OLD.contact_phone,
			CASE WHEN OLD.contact_office IS NOT NEW.contact_office THEN 'contact_office' END, OLD.contact_office,
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, OLD.status,
			CASE WHEN OLD.closed_at IS NOT NEW.closed_at THEN 'closed_at' END, OLD.closed_at,
			CASE WHEN OLD.closed_by IS NOT NEW.closed_by THEN 'closed_by' END, OLD.closed_by) AS o,
	             bf_json_object(
			CASE WHEN OLD.end_date IS NOT NEW.end_date THEN 'end_date' END, NEW.end_date,
			CASE WHEN OLD.place IS NOT NEW.place THEN 'place' END, NEW.place,
			CASE WHEN OLD.contact_name IS NOT NEW.contact_name THEN 'contact_name' END, NEW.contact_name,
			CASE WHEN OLD.contact_phone IS NOT NEW.contact_phone THEN 'contact_phone' END, NEW.contact_phone,
			CASE WHEN OLD.contact_office IS NOT NEW.contact_office THEN 'contact_office' END, NEW.contact_office,
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, NEW.status,
			CASE WHEN OLD.closed_at IS NOT NEW.closed_at THEN 'closed_at' END, NEW.closed_at,
			CASE WHEN OLD.closed_by IS NOT NEW.closed_by THEN 'closed_by' END, NEW.closed_by) AS n);
END;

CREATE TRIGGER publicity_round_audit_delete AFTER DELETE ON publicity_round
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'publicity_round', OLD.rowid, NULL,
		bf_json_object('start_date', OLD.start_date, 'end_date', OLD.end_date,
			'status', OLD.status));
END;

-- publicity_case

CREATE TRIGGER publicity_case_audit_insert AFTER INSERT ON publicity_case
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'publicity_case', NEW.rowid, NEW.case_id,
		bf_json_object('round_id', NEW.round_id, 'position', NEW.position,
			'category', NEW.category, 'amount', NEW.amount, 'status', NEW.status));
END;

CREATE TRIGGER publicity_case_audit_update AFTER UPDATE ON publicity_case
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'publicity_case', NEW.rowid, NEW.case_id,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, OLD.status,
			CASE WHEN OLD.reason IS NOT NEW.reason THEN 'reason' END, OLD.reason) AS o,
	             bf_json_object(
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, NEW.status,
			CASE WHEN OLD.reason IS NOT NEW.reason THEN 'reason' END, NEW.reason) AS n);
END;

CREATE TRIGGER publicity_case_audit_delete AFTER DELETE ON publicity_case
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'publicity_case', OLD.rowid, OLD.case_id,
		bf_json_object('round_id', OLD.round_id, 'status', OLD.status));
END;

-- objection

CREATE TRIGGER objection_audit_insert AFTER INSERT ON objection
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'objection', NEW.rowid, NEW.case_id,
		bf_json_object('round_id', NEW.round_id, 'received_date', NEW.received_date,
			'via', NEW.via, 'raised_by', NEW.raised_by, 'claim', NEW.claim,
			'status', NEW.status));
END;

CREATE TRIGGER objection_audit_update AFTER UPDATE ON objection
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'objection', NEW.rowid, NEW.case_id,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, OLD.status,
			CASE WHEN OLD.investigation IS NOT NEW.investigation THEN 'investigation' END, OLD.investigation,
			CASE WHEN OLD.investigated_by IS NOT NEW.investigated_by THEN 'investigated_by' END, OLD.investigated_by,
			CASE WHEN OLD.resolution IS NOT NEW.resolution THEN 'resolution' END, OLD.resolution,
			CASE WHEN OLD.resolved_by IS NOT NEW.resolved_by THEN 'resolved_by' END, OLD.resolved_by) AS o,
	             bf_json_object(
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, NEW.status,
			CASE WHEN OLD.investigation IS NOT NEW.investigation THEN 'investigation' END, NEW.investigation,
			CASE WHEN OLD.investigated_by IS NOT NEW.investigated_by THEN 'investigated_by' END, NEW.investigated_by,
			CASE WHEN OLD.resolution IS NOT NEW.resolution THEN 'resolution' END, NEW.resolution,
			CASE WHEN OLD.resolved_by IS NOT NEW.resolved_by THEN 'resolved_by' END, NEW.resolved_by) AS n);
END;

CREATE TRIGGER objection_audit_delete AFTER DELETE ON objection
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'objection', OLD.rowid, OLD.case_id,
		bf_json_object('round_id', OLD.round_id, 'status', OLD.status));
END;
