-- 007_vault.sql — personal data sealed at rest (see include/bangfu/vault.h).
--
--   * keyring: the data key wrapped once per operator (under a key derived
--     from the password) and once under the recovery code. Rows hold only
--     wrapped keys; changes are audited without them.
--   * Sealed columns (include/bangfu/coldesc.h lists them) keep their TEXT
--     type and hold "bf1:<base64>" values written by bf_seal(). A member's
--     birth date moves to birth_sealed (birth_date keeps its date CHECK and
--     is NULL from now on); birth_year stays readable for ages and lists.
--   * id_bidx: keyed BLAKE2b of the ID number (the blind index: one-household
--     -one-file checks and whole-number searches); id_mask: the mask that
--     may be shown to anyone (no birth-date digits, no check character).
--   * Rows written before this step are sealed at the first administrator's
--     login, which creates the data key (bf_vault_seal_legacy).

CREATE TABLE keyring (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('operator', 'recovery')),
	account_id INTEGER NOT NULL, -- operator.id; 0 for the recovery code
	salt BLOB NOT NULL,
	ops INTEGER NOT NULL CHECK (ops >= 0),
	mem INTEGER NOT NULL CHECK (mem >= 0),
	nonce BLOB NOT NULL,
	wrapped BLOB NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (kind, account_id)
) STRICT;

CREATE TRIGGER keyring_audit_insert AFTER INSERT ON keyring
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'keyring', NEW.id, NULL,
		bf_json_object('kind', NEW.kind, 'account_id', NEW.account_id));
END;
CREATE TRIGGER keyring_audit_update AFTER UPDATE ON keyring
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'update', 'keyring', NEW.id, NULL,
		bf_json_object('kind', NEW.kind, 'account_id', NEW.account_id, 'rewrapped', 1));
END;
CREATE TRIGGER keyring_audit_delete AFTER DELETE ON keyring
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'keyring', OLD.id, NULL,
		bf_json_object('kind', OLD.kind, 'account_id', OLD.account_id));
END;

-- the signing key's secret half, sealed (secret_key keeps 64 zero bytes)
ALTER TABLE signing_key ADD COLUMN secret_sealed TEXT CHECK (secret_sealed <> '');

ALTER TABLE case_file ADD COLUMN id_bidx TEXT;
ALTER TABLE case_file ADD COLUMN id_mask TEXT;
ALTER TABLE member ADD COLUMN id_bidx TEXT;
ALTER TABLE member ADD COLUMN id_mask TEXT;
ALTER TABLE member ADD COLUMN birth_sealed TEXT CHECK (birth_sealed <> '');
ALTER TABLE member ADD COLUMN birth_year INTEGER
	CHECK (birth_year IS NULL OR birth_year BETWEEN 1850 AND 2199);

-- a campaign's recipients carry the number sealed too (payments: the phone)
ALTER TABLE campaign_recipient ADD COLUMN id_bidx TEXT;
ALTER TABLE campaign_recipient ADD COLUMN id_mask TEXT;
CREATE INDEX campaign_recipient_bidx ON campaign_recipient (id_bidx) WHERE id_bidx IS NOT NULL;

-- the district's copies: the same, for its cross-unit duplicate checks
ALTER TABLE dist_case ADD COLUMN id_bidx TEXT;
ALTER TABLE dist_case ADD COLUMN id_mask TEXT;
ALTER TABLE dist_person ADD COLUMN id_bidx TEXT;
ALTER TABLE dist_person ADD COLUMN id_mask TEXT;
DROP INDEX dist_person_id;
CREATE INDEX dist_person_id_bidx ON dist_person (id_bidx) WHERE id_bidx IS NOT NULL;

-- search and duplicate checks go through the blind index and the mask
DROP INDEX case_file_search;
CREATE INDEX case_file_search ON case_file (number, name, id_mask, name_mask);
CREATE INDEX case_file_id_bidx ON case_file (id_bidx) WHERE id_bidx IS NOT NULL;
DROP INDEX member_id_number;
CREATE INDEX member_id_bidx ON member (id_bidx) WHERE id_bidx IS NOT NULL;

DROP VIEW case_summary;
CREATE VIEW case_summary AS
SELECT c.id, c.number, c.year, c.status, m.name AS employee_name,
       m.id_mask AS employee_id_mask, c.department, c.household_size,
       c.per_capita, c.first_category, c.updated_at, c.updated_by
FROM case_file c
LEFT JOIN member m ON m.case_id = c.id AND m.position = 0;

-- the member's audit images name birth_sealed instead of birth_date
DROP TRIGGER member_audit_insert;
DROP TRIGGER member_audit_delete;
DROP TRIGGER member_audit_update;
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
			'count_override', NEW.count_override, 'count_reason', NEW.count_reason));
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
			'count_override', OLD.count_override, 'count_reason', OLD.count_reason));
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
			CASE WHEN OLD.count_reason IS NOT NEW.count_reason THEN 'count_reason' END, OLD.count_reason) AS o,
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
			CASE WHEN OLD.count_reason IS NOT NEW.count_reason THEN 'count_reason' END, NEW.count_reason) AS n)
	WHERE o <> '{}' AND NEW.position >= 0;
END;

-- the signing key may change once: its secret half sealed (at the upgrade)
DROP TRIGGER signing_key_no_change;
CREATE TRIGGER signing_key_no_change BEFORE UPDATE ON signing_key
WHEN NOT (NEW.public_key = OLD.public_key AND NEW.created_at IS OLD.created_at
	AND ((OLD.secret_sealed IS NULL AND NEW.secret_sealed IS NOT NULL
	      AND NEW.secret_key = zeroblob(64))
	  OR (NEW.secret_sealed IS OLD.secret_sealed AND NEW.secret_key = OLD.secret_key)))
BEGIN
	SELECT RAISE(ABORT, 'the signing key cannot be changed');
END;

-- payments are append-only, but for sealing the phone of a payment made
-- before the upgrade (nothing else may change)
DROP TRIGGER payment_no_update;
CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment
WHEN NOT (OLD.phone NOT LIKE 'bf1:%' AND NEW.phone LIKE 'bf1:%'
	AND NEW.id IS OLD.id AND NEW.recipient_id IS OLD.recipient_id
	AND NEW.consolation_id IS OLD.consolation_id AND NEW.campaign_id IS OLD.campaign_id
	AND NEW.case_id IS OLD.case_id AND NEW.paid_on IS OLD.paid_on AND NEW.year IS OLD.year
	AND NEW.cash IS OLD.cash AND NEW.goods IS OLD.goods AND NEW.payee IS OLD.payee
	AND NEW.unit IS OLD.unit AND NEW.grp IS OLD.grp AND NEW.signer IS OLD.signer
	AND NEW.signer_relation IS OLD.signer_relation AND NEW.created_at IS OLD.created_at
	AND NEW.created_by IS OLD.created_by)
BEGIN
	SELECT RAISE(ABORT, 'payments are never changed (the ledger is append-only)');
END;
