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

-- A member's health, disability, year of diagnosis and disability grade
-- are sealed too: four TEXT columns beside the old ones, which keep neutral
-- values ('good', 'none', 0, 0) once a row is sealed (their CHECKs and NOT
-- NULLs cannot change in place). The values are copied here as they are;
-- the sealing pass (the next login that opens the key, or the first
-- administrator's login of a database from before the vault) seals them and
-- clears the old columns; bf_open passes an unsealed value through meanwhile.
ALTER TABLE member ADD COLUMN health_sealed TEXT CHECK (health_sealed <> '');
ALTER TABLE member ADD COLUMN disability_sealed TEXT CHECK (disability_sealed <> '');
ALTER TABLE member ADD COLUMN diagnosis_year_sealed TEXT CHECK (diagnosis_year_sealed <> '');
ALTER TABLE member ADD COLUMN disability_grade_sealed TEXT CHECK (disability_grade_sealed <> '');

-- the member's audit images name the new columns
DROP TRIGGER member_audit_insert;
DROP TRIGGER member_audit_delete;
DROP TRIGGER member_audit_update;
UPDATE member SET health_sealed = health, disability_sealed = disability,
	diagnosis_year_sealed = CAST(diagnosis_year AS TEXT),
	disability_grade_sealed = CAST(disability_grade AS TEXT);
CREATE TRIGGER member_audit_insert AFTER INSERT ON member
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'member', NEW.id, NEW.case_id,
		bf_json_object(
			'id', NEW.id, 'case_id', NEW.case_id, 'position', NEW.position,
			'name', NEW.name, 'relation', NEW.relation, 'id_number', NEW.id_number,
			'birth_sealed', NEW.birth_sealed, 'marital', NEW.marital, 'status', NEW.status,
			'school_or_employer', NEW.school_or_employer, 'health', NEW.health,
			'disease', NEW.disease, 'diagnosis_year', NEW.diagnosis_year,
			'disability', NEW.disability, 'disability_grade', NEW.disability_grade,
			'insurance', NEW.insurance, 'hukou', NEW.hukou,
			'monthly_income', NEW.monthly_income, 'proof', NEW.proof,
			'count_override', NEW.count_override, 'count_reason', NEW.count_reason,
			'health_sealed', NEW.health_sealed, 'disability_sealed', NEW.disability_sealed,
			'diagnosis_year_sealed', NEW.diagnosis_year_sealed, 'disability_grade_sealed', NEW.disability_grade_sealed));
END;

CREATE TRIGGER member_audit_delete AFTER DELETE ON member
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'member', OLD.id, OLD.case_id,
		bf_json_object(
			'id', OLD.id, 'case_id', OLD.case_id, 'position', OLD.position,
			'name', OLD.name, 'relation', OLD.relation, 'id_number', OLD.id_number,
			'birth_sealed', OLD.birth_sealed, 'marital', OLD.marital, 'status', OLD.status,
			'school_or_employer', OLD.school_or_employer, 'health', OLD.health,
			'disease', OLD.disease, 'diagnosis_year', OLD.diagnosis_year,
			'disability', OLD.disability, 'disability_grade', OLD.disability_grade,
			'insurance', OLD.insurance, 'hukou', OLD.hukou,
			'monthly_income', OLD.monthly_income, 'proof', OLD.proof,
			'count_override', OLD.count_override, 'count_reason', OLD.count_reason,
			'health_sealed', OLD.health_sealed, 'disability_sealed', OLD.disability_sealed,
			'diagnosis_year_sealed', OLD.diagnosis_year_sealed, 'disability_grade_sealed', OLD.disability_grade_sealed));
END;

CREATE TRIGGER member_audit_update AFTER UPDATE ON member
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'member', NEW.id, NEW.case_id,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, OLD.case_id,
			CASE WHEN (CASE WHEN OLD.position < 0 THEN -1 - OLD.position ELSE OLD.position END) IS NOT NEW.position THEN 'position' END, (CASE WHEN OLD.position < 0 THEN -1 - OLD.position ELSE OLD.position END),
			CASE WHEN OLD.name IS NOT NEW.name THEN 'name' END, OLD.name,
			CASE WHEN OLD.relation IS NOT NEW.relation THEN 'relation' END, OLD.relation,
			CASE WHEN OLD.id_number IS NOT NEW.id_number THEN 'id_number' END, OLD.id_number,
			CASE WHEN OLD.birth_sealed IS NOT NEW.birth_sealed THEN 'birth_sealed' END, OLD.birth_sealed,
			CASE WHEN OLD.marital IS NOT NEW.marital THEN 'marital' END, OLD.marital,
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, OLD.status,
			CASE WHEN OLD.school_or_employer IS NOT NEW.school_or_employer THEN 'school_or_employer' END, OLD.school_or_employer,
			CASE WHEN OLD.health IS NOT NEW.health THEN 'health' END, OLD.health,
			CASE WHEN OLD.disease IS NOT NEW.disease THEN 'disease' END, OLD.disease,
			CASE WHEN OLD.diagnosis_year IS NOT NEW.diagnosis_year THEN 'diagnosis_year' END, OLD.diagnosis_year,
			CASE WHEN OLD.disability IS NOT NEW.disability THEN 'disability' END, OLD.disability,
			CASE WHEN OLD.disability_grade IS NOT NEW.disability_grade THEN 'disability_grade' END, OLD.disability_grade,
			CASE WHEN OLD.insurance IS NOT NEW.insurance THEN 'insurance' END, OLD.insurance,
			CASE WHEN OLD.hukou IS NOT NEW.hukou THEN 'hukou' END, OLD.hukou,
			CASE WHEN OLD.monthly_income IS NOT NEW.monthly_income THEN 'monthly_income' END, OLD.monthly_income,
			CASE WHEN OLD.proof IS NOT NEW.proof THEN 'proof' END, OLD.proof,
			CASE WHEN OLD.count_override IS NOT NEW.count_override THEN 'count_override' END, OLD.count_override,
			CASE WHEN OLD.count_reason IS NOT NEW.count_reason THEN 'count_reason' END, OLD.count_reason,
			CASE WHEN OLD.health_sealed IS NOT NEW.health_sealed THEN 'health_sealed' END, OLD.health_sealed,
			CASE WHEN OLD.disability_sealed IS NOT NEW.disability_sealed THEN 'disability_sealed' END, OLD.disability_sealed,
			CASE WHEN OLD.diagnosis_year_sealed IS NOT NEW.diagnosis_year_sealed THEN 'diagnosis_year_sealed' END, OLD.diagnosis_year_sealed,
			CASE WHEN OLD.disability_grade_sealed IS NOT NEW.disability_grade_sealed THEN 'disability_grade_sealed' END, OLD.disability_grade_sealed) AS o,
	             bf_json_object(
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, NEW.case_id,
			CASE WHEN (CASE WHEN OLD.position < 0 THEN -1 - OLD.position ELSE OLD.position END) IS NOT NEW.position THEN 'position' END, NEW.position,
			CASE WHEN OLD.name IS NOT NEW.name THEN 'name' END, NEW.name,
			CASE WHEN OLD.relation IS NOT NEW.relation THEN 'relation' END, NEW.relation,
			CASE WHEN OLD.id_number IS NOT NEW.id_number THEN 'id_number' END, NEW.id_number,
			CASE WHEN OLD.birth_sealed IS NOT NEW.birth_sealed THEN 'birth_sealed' END, NEW.birth_sealed,
			CASE WHEN OLD.marital IS NOT NEW.marital THEN 'marital' END, NEW.marital,
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, NEW.status,
			CASE WHEN OLD.school_or_employer IS NOT NEW.school_or_employer THEN 'school_or_employer' END, NEW.school_or_employer,
			CASE WHEN OLD.health IS NOT NEW.health THEN 'health' END, NEW.health,
			CASE WHEN OLD.disease IS NOT NEW.disease THEN 'disease' END, NEW.disease,
			CASE WHEN OLD.diagnosis_year IS NOT NEW.diagnosis_year THEN 'diagnosis_year' END, NEW.diagnosis_year,
			CASE WHEN OLD.disability IS NOT NEW.disability THEN 'disability' END, NEW.disability,
			CASE WHEN OLD.disability_grade IS NOT NEW.disability_grade THEN 'disability_grade' END, NEW.disability_grade,
			CASE WHEN OLD.insurance IS NOT NEW.insurance THEN 'insurance' END, NEW.insurance,
			CASE WHEN OLD.hukou IS NOT NEW.hukou THEN 'hukou' END, NEW.hukou,
			CASE WHEN OLD.monthly_income IS NOT NEW.monthly_income THEN 'monthly_income' END, NEW.monthly_income,
			CASE WHEN OLD.proof IS NOT NEW.proof THEN 'proof' END, NEW.proof,
			CASE WHEN OLD.count_override IS NOT NEW.count_override THEN 'count_override' END, NEW.count_override,
			CASE WHEN OLD.count_reason IS NOT NEW.count_reason THEN 'count_reason' END, NEW.count_reason,
			CASE WHEN OLD.health_sealed IS NOT NEW.health_sealed THEN 'health_sealed' END, NEW.health_sealed,
			CASE WHEN OLD.disability_sealed IS NOT NEW.disability_sealed THEN 'disability_sealed' END, NEW.disability_sealed,
			CASE WHEN OLD.diagnosis_year_sealed IS NOT NEW.diagnosis_year_sealed THEN 'diagnosis_year_sealed' END, NEW.diagnosis_year_sealed,
			CASE WHEN OLD.disability_grade_sealed IS NOT NEW.disability_grade_sealed THEN 'disability_grade_sealed' END, NEW.disability_grade_sealed) AS n)
	WHERE o <> '{}' AND NEW.position >= 0;
END;
