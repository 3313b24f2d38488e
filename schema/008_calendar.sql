-- 008_calendar.sql — the official holiday calendar, shipped and kept current.
--
-- The days themselves stay in `holiday` (001_init.sql). This step records
-- which years' arrangements are known: a period, a deadline or a days-left
-- count that touches a year not listed here is counted Monday to Friday and
-- says so. After this step's SQL the program loads the calendar it ships
-- (data/holidays.txt, 2004 to the latest published year) for every year not
-- listed yet (schema.c): reference data like 001's seed rows, loaded with
-- the triggers off, so not in the audit log (source names where the days
-- came from). Every later change, by hand, from a file or from a district's
-- reply, is audited.
--
-- source: where the year's arrangement came from (the notice, a file
-- imported, a district's reply, 'by hand'); updated_at: the last change to
-- any day of the year (bf_now()), which a district's reply compares to hand
-- down newer years.
CREATE TABLE holiday_year (
	year INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2199),
	source TEXT NOT NULL CHECK (source <> ''),
	updated_at TEXT NOT NULL CHECK (updated_at <> '')
) STRICT;

CREATE TRIGGER holiday_year_audit_insert AFTER INSERT ON holiday_year
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'holiday_year', NEW.year, NULL,
		bf_json_object('year', NEW.year, 'source', NEW.source,
			'updated_at', NEW.updated_at));
END;

CREATE TRIGGER holiday_year_audit_update AFTER UPDATE ON holiday_year
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'update', 'holiday_year', NEW.year, NULL,
		'{"old":' || bf_json_object('source', OLD.source, 'updated_at', OLD.updated_at) ||
		',"new":' || bf_json_object('source', NEW.source, 'updated_at', NEW.updated_at) || '}');
END;

CREATE TRIGGER holiday_year_audit_delete AFTER DELETE ON holiday_year
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'holiday_year', OLD.year, NULL,
		bf_json_object('year', OLD.year, 'source', OLD.source,
			'updated_at', OLD.updated_at));
END;
