-- 024_purge_ledger.sql — a purged file's ledger rows stay (issue 13, item 8).
--
-- A file with consolation, payment or campaign rows can be purged: the
-- file stays as a tombstone (number, year, 'closed', every personal column
-- NULL, name the mark '(purged)', see purge.h) so those rows keep pointing
-- at it, and they keep date, amount, campaign and group but lose every
-- personal field: payee, signer and phone become the mark (their NOT NULL
-- and <> '' CHECKs cannot change in place). Payments stay append-only but
-- for that blanking, allowed only inside the purge (bf_purging()), and for
-- sealing an old phone as in 007_vault.sql.
DROP TRIGGER payment_no_update;
CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment
WHEN NOT (NEW.id IS OLD.id AND NEW.recipient_id IS OLD.recipient_id
	AND NEW.consolation_id IS OLD.consolation_id AND NEW.campaign_id IS OLD.campaign_id
	AND NEW.case_id IS OLD.case_id AND NEW.paid_on IS OLD.paid_on AND NEW.year IS OLD.year
	AND NEW.cash IS OLD.cash AND NEW.goods IS OLD.goods AND NEW.unit IS OLD.unit
	AND NEW.grp IS OLD.grp AND NEW.signer_relation IS OLD.signer_relation
	AND NEW.created_at IS OLD.created_at AND NEW.created_by IS OLD.created_by
	AND ((OLD.phone NOT LIKE 'bf1:%' AND NEW.phone LIKE 'bf1:%'
	      AND NEW.payee IS OLD.payee AND NEW.signer IS OLD.signer)
	  OR (bf_purging() AND NEW.payee = '(purged)' AND NEW.signer = '(purged)'
	      AND NEW.phone = '(purged)'
	      AND OLD.case_id IN (SELECT case_id FROM purged_case))))
BEGIN
	SELECT RAISE(ABORT, 'payments are never changed (the ledger is append-only)');
END;
