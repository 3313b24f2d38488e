-- 025_purged_row.sql — the purge blanks rows whose audit rows name no file
-- (issue 13, item 8).
--
-- A spot check's note about a purged recipient (spotcheck_item) and a
-- district's consolidated file (dist_case) are audited with case_id NULL,
-- so 018's rule (the file in purged_case) cannot let the purge blank their
-- audit rows. The purge lists each row it blanked or deleted here, by table
-- and row id, with the last audit row written before (audit_upto): the
-- audit rows of that row up to that one, and only those, may be blanked
-- (detail '{"purged":true}', its salt dropped), inside the purge
-- (bf_purging()) as 018 allows for a purged file's rows. `audit verify`
-- accepts such a blanked row when its (tbl, row_id) is listed here
-- (audit.c). Append-only and audited: a row added behind the log is named
-- by the replay (audit_baseline).
CREATE TABLE purged_row (
	id INTEGER PRIMARY KEY,
	tbl TEXT NOT NULL CHECK (tbl IN ('spotcheck_item', 'dist_case')),
	row_id INTEGER NOT NULL,
	audit_upto INTEGER NOT NULL CHECK (audit_upto > 0),
	purge_id INTEGER NOT NULL REFERENCES purge_run (id)
) STRICT;
CREATE INDEX purged_row_key ON purged_row (tbl, row_id);
INSERT INTO audit_baseline VALUES ('purged_row', 0);

CREATE TRIGGER purged_row_no_change BEFORE UPDATE ON purged_row
BEGIN
	SELECT RAISE(ABORT, 'purged_row is append-only');
END;

CREATE TRIGGER purged_row_no_delete BEFORE DELETE ON purged_row
BEGIN
	SELECT RAISE(ABORT, 'purged_row is append-only');
END;

CREATE TRIGGER purged_row_audit_insert AFTER INSERT ON purged_row
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'purged_row', NEW.id, NULL,
		bf_json_object(
			'id', NEW.id, 'tbl', NEW.tbl, 'row_id', NEW.row_id,
			'audit_upto', NEW.audit_upto, 'purge_id', NEW.purge_id));
END;

-- 018's rule, and a listed row's audit rows too.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT coalesce(NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor
          AND NEW.action IS OLD.action AND NEW.tbl IS OLD.tbl AND NEW.row_id IS OLD.row_id
          AND NEW.case_id IS OLD.case_id
          AND ((bf_purging() AND NEW.detail = '{"purged":true}' AND NEW.detail_sealed IS NULL
                AND (OLD.case_id IN (SELECT case_id FROM purged_case)
                     OR EXISTS (SELECT 1 FROM purged_row p WHERE p.tbl = OLD.tbl
                                AND p.row_id = OLD.row_id AND OLD.id <= p.audit_upto)))
               OR (OLD.detail_sealed IS NULL AND NEW.detail_sealed LIKE 'bf1:%'
                   AND OLD.detail <> '{"purged":true}')), 0)
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- 003's rule for the chain (a purge drops a blanked row's salt), and for a
-- listed row's audit rows too.
DROP TRIGGER audit_chain_no_update;
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
WHEN NOT (OLD.hash IS NULL AND NEW.id IS OLD.id AND NEW.salt IS OLD.salt AND NEW.prev IS OLD.prev)
 AND NOT coalesce(bf_purging() AND NEW.salt IS NULL AND NEW.id IS OLD.id
          AND NEW.detail_hash IS OLD.detail_hash AND NEW.prev IS OLD.prev AND NEW.hash IS OLD.hash
          AND (OLD.id IN (SELECT a.id FROM audit_log a JOIN purged_case p ON p.case_id = a.case_id)
               OR EXISTS (SELECT 1 FROM audit_log a JOIN purged_row p ON p.tbl = a.tbl
                          AND p.row_id = a.row_id WHERE a.id = OLD.id AND a.id <= p.audit_upto)), 0)
BEGIN
	SELECT RAISE(ABORT, 'audit_chain is append-only');
END;
