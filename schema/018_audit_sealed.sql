-- 018_audit_sealed.sql — issue 12: the audit log's old entries sealed too.
--
-- Entries written before a table's columns were sealed (a database made
-- before the vault, or before 017) hold personal data in their detail as
-- plain JSON: ID, bank and phone numbers, diseases, the five clears. The
-- sealing pass (audit.c, bf_audit_seal_old: the next login that opens the
-- key) keeps each such detail whole in detail_sealed, sealed with the
-- vault ('audit_log.detail', bound to the entry's id), and leaves in detail
-- the same JSON with those values replaced by "***" (what lists and the
-- replay read). The chain is not touched: audit_chain.detail_hash is the
-- hash of the original detail, which `audit verify` checks, with the key,
-- against the opened detail (and the detail against its redaction); one
-- new entry says how many were sealed.
ALTER TABLE audit_log ADD COLUMN detail_sealed TEXT CHECK (detail_sealed LIKE 'bf1:%');

-- The log stays append-only but for a purge (003) and that one change:
-- a plain detail sealed, once, nothing else changing. (coalesce: a NULL
-- from a comparison with NULL must refuse, not let through.)
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT coalesce(NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor
          AND NEW.action IS OLD.action AND NEW.tbl IS OLD.tbl AND NEW.row_id IS OLD.row_id
          AND NEW.case_id IS OLD.case_id
          AND ((bf_purging() AND NEW.detail = '{"purged":true}' AND NEW.detail_sealed IS NULL
                AND OLD.case_id IN (SELECT case_id FROM purged_case))
               OR (OLD.detail_sealed IS NULL AND NEW.detail_sealed LIKE 'bf1:%'
                   AND OLD.detail <> '{"purged":true}')), 0)
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- a database with a data key already: its old entries are sealed at the
-- next login that opens the key (as 017's columns)
INSERT INTO setting (key, value)
SELECT 'vault_reseal', '1' WHERE EXISTS (SELECT 1 FROM keyring)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
