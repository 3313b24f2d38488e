-- Free text about a household sealed at rest too (issue 12): review and
-- move reasons, the district's decisions and return reasons, objections
-- (who raised them, the claim, the investigation, the resolution) and
-- consolations' discretion, decision reason and note. The columns stay
-- TEXT; their values become "bf1:..." (vault.h, coldesc.c), bound to the
-- file's id (or the district's unit:number).
--
-- A database that has a data key already gets its plain values sealed at
-- the next login that opens the key (setting vault_reseal, cleared then);
-- one from before the vault is sealed whole by the first administrator's
-- login, as before.

INSERT INTO setting (key, value)
SELECT 'vault_reseal', '1' WHERE EXISTS (SELECT 1 FROM keyring)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;

-- district decisions are never changed, but for sealing a reason written
-- before this step (nothing else may change)
DROP TRIGGER district_decision_no_change;
CREATE TRIGGER district_decision_no_change BEFORE UPDATE ON district_decision
WHEN NOT (OLD.reason NOT LIKE 'bf1:%' AND NEW.reason LIKE 'bf1:%'
	AND NEW.id IS OLD.id AND NEW.case_id IS OLD.case_id AND NEW.reply_id IS OLD.reply_id
	AND NEW.decision IS OLD.decision AND NEW.amount IS OLD.amount
	AND NEW.back_to IS OLD.back_to AND NEW.decided_at IS OLD.decided_at
	AND NEW.decided_by IS OLD.decided_by)
BEGIN
	SELECT RAISE(ABORT, 'a recorded district decision cannot be changed');
END;
