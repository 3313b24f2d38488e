-- 019 (issue 13, item 1a): the audit chain anchored at the district.
--
-- The unit keeps, per batch, the row count of the audit log its last package
-- named (audit_rows): the next package names the hash of the row at that
-- count ("audit-prev"), so the district can tell that the new head extends
-- the chain it holds. The district keeps, per unit, the head and row count
-- of the last package it accepted (chain_rows, chain_head), and per package
-- what the header said of the previous head and whether the unit declared a
-- restore from a backup (restored), which the package's audit row records.
ALTER TABLE submission_batch ADD COLUMN audit_rows INTEGER CHECK (audit_rows >= 0);

ALTER TABLE dist_unit ADD COLUMN chain_rows INTEGER CHECK (chain_rows >= 0);
ALTER TABLE dist_unit ADD COLUMN chain_head TEXT CHECK (length(chain_head) = 64);

ALTER TABLE dist_package ADD COLUMN audit_prev TEXT CHECK (length(audit_prev) = 64);
ALTER TABLE dist_package ADD COLUMN audit_prev_rows INTEGER CHECK (audit_prev_rows >= 0);
ALTER TABLE dist_package ADD COLUMN restored INTEGER NOT NULL DEFAULT 0 CHECK (restored IN (0, 1));

DROP TRIGGER dist_package_audit_insert;
CREATE TRIGGER dist_package_audit_insert AFTER INSERT ON dist_package
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'dist_package', NEW.id, NULL,
		bf_json_object('sha256', NEW.sha256, 'unit_code', NEW.unit_code, 'batch', NEW.batch,
			'revision', NEW.revision, 'cases', NEW.cases, 'signed', NEW.signed,
			'audit_head', NEW.audit_head, 'audit_rows', NEW.audit_rows,
			'audit_prev', NEW.audit_prev, 'audit_prev_rows', NEW.audit_prev_rows,
			'restored', NEW.restored));
END;

-- (issue 13, item 8) A purge whose checkpoint another connection kept from
-- finishing: the deleted text is still in the database file or its -wal
-- until a checkpoint copies the WAL back and empties it. bangfu's next
-- start does that and removes the row (purge.c, bf_purge_finish_pending).
-- Not audited: a note about the file, not a change to anyone's data.
CREATE TABLE purge_pending (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	since TEXT NOT NULL
) STRICT;
