-- 006_submission.sql — submission to the district union (报送) on the unit's
-- side, and the district's side: imported packages, the consolidated cases,
-- the district's decisions. The package format is package.h's.
--
-- Conventions as in 001_init.sql: STRICT, money in fen, ISO dates, NULL for
-- empty text, audit triggers refusing writes without an operator.

-- This database's own Ed25519 key pair, made at set-up (bangfu init, the
-- first-start screen) or, for databases made before this step, the first
-- time it is needed. The secret part never leaves the file; the public part
-- is exported as a key file (package.h) for the other side.
CREATE TABLE signing_key (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	public_key BLOB NOT NULL CHECK (length(public_key) = 32),
	secret_key BLOB NOT NULL CHECK (length(secret_key) = 64),
	created_at TEXT NOT NULL
) STRICT;

-- Keys of the other side: on a district's database the units' keys, on a
-- unit's the district's. A package is accepted only with the key registered
-- for its sender's code (setting require_signature, default on).
CREATE TABLE trusted_key (
	code TEXT PRIMARY KEY CHECK (code <> ''),
	name TEXT NOT NULL CHECK (name <> ''),
	kind TEXT NOT NULL CHECK (kind IN ('unit', 'district')),
	public_key BLOB NOT NULL CHECK (length(public_key) = 32),
	added_at TEXT NOT NULL,
	added_by TEXT NOT NULL CHECK (added_by <> '')
) STRICT;

-- ---- the unit's side -----------------------------------------------------------

-- A submission batch (报送批次): publicity-passed files sent together with
-- their publicity result reports. number 'YYYY-NN'. revision counts the
-- exports: each export writes a new package revision; the district keeps the
-- newest. status: open (files may be added or taken out), exported.
CREATE TABLE submission_batch (
	id INTEGER PRIMARY KEY,
	number TEXT NOT NULL UNIQUE CHECK (number <> ''),
	revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'exported')),
	note TEXT CHECK (note <> ''),
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL CHECK (created_by <> ''),
	exported_at TEXT,
	exported_by TEXT CHECK (exported_by <> ''),
	package_sha256 TEXT CHECK (length(package_sha256) = 64)
) STRICT;

CREATE TABLE submission_case (
	batch_id INTEGER NOT NULL REFERENCES submission_batch (id) ON DELETE CASCADE,
	case_id INTEGER NOT NULL REFERENCES case_file (id) ON DELETE CASCADE,
	PRIMARY KEY (batch_id, case_id)
) STRICT;
CREATE INDEX submission_case_case ON submission_case (case_id);

-- Reply packages the unit imported (the same file twice changes nothing),
-- and the district's decision on each file.
CREATE TABLE reply_import (
	id INTEGER PRIMARY KEY,
	sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
	district_code TEXT NOT NULL,
	created TEXT NOT NULL,
	decisions INTEGER NOT NULL,
	applied INTEGER NOT NULL,
	imported_at TEXT NOT NULL,
	imported_by TEXT NOT NULL
) STRICT;

CREATE TABLE district_decision (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES case_file (id) ON DELETE CASCADE,
	reply_id INTEGER NOT NULL REFERENCES reply_import (id),
	decision TEXT NOT NULL CHECK (decision IN ('accept', 'return')),
	amount INTEGER CHECK (amount > 0),
	reason TEXT CHECK (reason <> ''),
	back_to TEXT CHECK (back_to IN ('draft', 'docs_complete', 'approved', 'publicity_passed')),
	decided_at TEXT NOT NULL,
	decided_by TEXT NOT NULL,
	CHECK (decision <> 'accept' OR amount IS NOT NULL),
	CHECK (decision <> 'return' OR (reason IS NOT NULL AND back_to IS NOT NULL))
) STRICT;
CREATE INDEX district_decision_case ON district_decision (case_id, id);

-- ---- the district's side ---------------------------------------------------------

-- Every package imported. sha256 is the whole file's digest: the same file
-- twice is recognised and changes nothing. A newer revision of the same
-- unit's batch supersedes the older (superseded_by).
CREATE TABLE dist_package (
	id INTEGER PRIMARY KEY,
	sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
	unit_code TEXT NOT NULL CHECK (unit_code <> ''),
	unit_name TEXT NOT NULL CHECK (unit_name <> ''),
	batch TEXT NOT NULL CHECK (batch <> ''),
	revision INTEGER NOT NULL CHECK (revision >= 1),
	created TEXT NOT NULL,
	cases INTEGER NOT NULL CHECK (cases >= 0),
	signed INTEGER NOT NULL CHECK (signed IN (0, 1)),
	public_key BLOB CHECK (public_key IS NULL OR length(public_key) = 32),
	audit_head TEXT,
	audit_rows INTEGER,
	content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
	reports TEXT,                               -- the result reports, as text
	imported_at TEXT NOT NULL,
	imported_by TEXT NOT NULL CHECK (imported_by <> ''),
	superseded_by INTEGER REFERENCES dist_package (id),
	UNIQUE (unit_code, batch, revision)
) STRICT;

-- The units the district has heard from (name, contact, union), kept from
-- their latest package.
CREATE TABLE dist_unit (
	code TEXT PRIMARY KEY CHECK (code <> ''),
	name TEXT NOT NULL CHECK (name <> ''),
	union_name TEXT,
	address TEXT,
	contact TEXT,
	phone TEXT,
	last_package INTEGER REFERENCES dist_package (id)
) STRICT;

-- The consolidated cases: one row per unit and file number, from the newest
-- package that carries it. The list columns are copied out of data (the
-- case's JSON as the unit sent it). decision: pending, accept, return.
CREATE TABLE dist_case (
	id INTEGER PRIMARY KEY,
	package_id INTEGER NOT NULL REFERENCES dist_package (id),
	unit_code TEXT NOT NULL REFERENCES dist_unit (code),
	batch TEXT NOT NULL,
	number TEXT NOT NULL CHECK (number <> ''),
	name TEXT NOT NULL,
	id_number TEXT,
	department TEXT,
	employer TEXT,
	category INTEGER NOT NULL CHECK (category BETWEEN 1 AND 5),
	amount INTEGER NOT NULL CHECK (amount >= 0),         -- proposed by the unit
	per_capita INTEGER NOT NULL DEFAULT 0,
	household_size INTEGER NOT NULL DEFAULT 0,
	data TEXT NOT NULL,
	data_hash TEXT NOT NULL,                             -- BLAKE2b of data: what a revision changed
	decision TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'accept', 'return')),
	final_amount INTEGER CHECK (final_amount > 0),
	reason TEXT CHECK (reason <> ''),
	back_to TEXT CHECK (back_to IN ('draft', 'docs_complete', 'approved', 'publicity_passed')),
	decided_at TEXT,
	decided_by TEXT,
	replied_at TEXT,                                     -- last put in a reply package
	UNIQUE (unit_code, number),
	CHECK (decision <> 'accept' OR final_amount IS NOT NULL),
	CHECK (decision <> 'return' OR (reason IS NOT NULL AND back_to IS NOT NULL))
) STRICT;
CREATE INDEX dist_case_package ON dist_case (package_id);
CREATE INDEX dist_case_decision ON dist_case (decision, unit_code);
CREATE INDEX dist_case_category ON dist_case (category, unit_code);

-- Every person of every consolidated case (position 0 = the employee), for
-- finding the same ID number in two files across units.
CREATE TABLE dist_person (
	case_id INTEGER NOT NULL REFERENCES dist_case (id) ON DELETE CASCADE,
	position INTEGER NOT NULL CHECK (position >= 0),
	name TEXT NOT NULL,
	relation TEXT NOT NULL,
	id_number TEXT,
	PRIMARY KEY (case_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX dist_person_id ON dist_person (id_number) WHERE id_number IS NOT NULL;

-- ---- audit ----------------------------------------------------------------------
-- The same shape as 001's. The district's import is audited per package (one
-- row naming the file's digest and its case count), its decisions per case.

CREATE TRIGGER signing_key_audit_insert AFTER INSERT ON signing_key
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'signing_key', NEW.id, NULL,
		bf_json_object('public_key', hex(NEW.public_key), 'created_at', NEW.created_at));
END;
CREATE TRIGGER signing_key_no_change BEFORE UPDATE ON signing_key
BEGIN
	SELECT RAISE(ABORT, 'the signing key cannot be changed');
END;
CREATE TRIGGER signing_key_no_delete BEFORE DELETE ON signing_key
BEGIN
	SELECT RAISE(ABORT, 'the signing key cannot be deleted');
END;

CREATE TRIGGER trusted_key_audit_insert AFTER INSERT ON trusted_key
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'trusted_key', NEW.rowid, NULL,
		bf_json_object('code', NEW.code, 'name', NEW.name, 'kind', NEW.kind,
			'public_key', hex(NEW.public_key)));
END;
CREATE TRIGGER trusted_key_audit_update AFTER UPDATE ON trusted_key
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'update', 'trusted_key', NEW.rowid, NULL,
		'{"old":' || bf_json_object('name', OLD.name, 'public_key', hex(OLD.public_key)) ||
		',"new":' || bf_json_object('name', NEW.name, 'public_key', hex(NEW.public_key)) || '}');
END;
CREATE TRIGGER trusted_key_audit_delete AFTER DELETE ON trusted_key
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'trusted_key', OLD.rowid, NULL,
		bf_json_object('code', OLD.code, 'public_key', hex(OLD.public_key)));
END;

CREATE TRIGGER submission_batch_audit_insert AFTER INSERT ON submission_batch
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'submission_batch', NEW.id, NULL,
		bf_json_object('number', NEW.number, 'note', NEW.note));
END;
CREATE TRIGGER submission_batch_audit_update AFTER UPDATE ON submission_batch
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'update', 'submission_batch', NEW.id, NULL,
		'{"old":' || bf_json_object('revision', OLD.revision, 'status', OLD.status,
			'note', OLD.note, 'package_sha256', OLD.package_sha256) ||
		',"new":' || bf_json_object('revision', NEW.revision, 'status', NEW.status,
			'note', NEW.note, 'package_sha256', NEW.package_sha256) || '}');
END;
CREATE TRIGGER submission_batch_audit_delete AFTER DELETE ON submission_batch
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'submission_batch', OLD.id, NULL,
		bf_json_object('number', OLD.number));
END;

CREATE TRIGGER submission_case_audit_insert AFTER INSERT ON submission_case
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'submission_case', NEW.batch_id, NEW.case_id,
		bf_json_object('batch_id', NEW.batch_id, 'case_id', NEW.case_id));
END;
CREATE TRIGGER submission_case_audit_delete AFTER DELETE ON submission_case
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'submission_case', OLD.batch_id, OLD.case_id,
		bf_json_object('batch_id', OLD.batch_id, 'case_id', OLD.case_id));
END;

CREATE TRIGGER reply_import_audit_insert AFTER INSERT ON reply_import
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'reply_import', NEW.id, NULL,
		bf_json_object('sha256', NEW.sha256, 'district_code', NEW.district_code,
			'decisions', NEW.decisions, 'applied', NEW.applied));
END;
CREATE TRIGGER reply_import_no_change BEFORE UPDATE ON reply_import
BEGIN
	SELECT RAISE(ABORT, 'an imported reply cannot be changed');
END;
CREATE TRIGGER reply_import_no_delete BEFORE DELETE ON reply_import
BEGIN
	SELECT RAISE(ABORT, 'an imported reply cannot be deleted');
END;

CREATE TRIGGER district_decision_audit_insert AFTER INSERT ON district_decision
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'district_decision', NEW.id, NEW.case_id,
		bf_json_object('decision', NEW.decision, 'amount', NEW.amount, 'reason', NEW.reason,
			'back_to', NEW.back_to, 'decided_at', NEW.decided_at,
			'decided_by', NEW.decided_by));
END;
CREATE TRIGGER district_decision_no_change BEFORE UPDATE ON district_decision
BEGIN
	SELECT RAISE(ABORT, 'a recorded district decision cannot be changed');
END;

CREATE TRIGGER dist_package_audit_insert AFTER INSERT ON dist_package
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'dist_package', NEW.id, NULL,
		bf_json_object('sha256', NEW.sha256, 'unit_code', NEW.unit_code, 'batch', NEW.batch,
			'revision', NEW.revision, 'cases', NEW.cases, 'signed', NEW.signed,
			'audit_head', NEW.audit_head, 'audit_rows', NEW.audit_rows));
END;
CREATE TRIGGER dist_package_audit_update AFTER UPDATE ON dist_package
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'update', 'dist_package', NEW.id, NULL,
		'{"old":' || bf_json_object('superseded_by', OLD.superseded_by) ||
		',"new":' || bf_json_object('superseded_by', NEW.superseded_by) || '}');
END;
CREATE TRIGGER dist_package_no_delete BEFORE DELETE ON dist_package
BEGIN
	SELECT RAISE(ABORT, 'an imported package cannot be deleted');
END;

-- dist_case: inserts are covered by the package's row; decisions and
-- supersession are audited per case.
CREATE TRIGGER dist_case_audit_update AFTER UPDATE ON dist_case
WHEN OLD.decision IS NOT NEW.decision OR OLD.final_amount IS NOT NEW.final_amount
  OR OLD.reason IS NOT NEW.reason OR OLD.back_to IS NOT NEW.back_to
  OR OLD.package_id IS NOT NEW.package_id OR OLD.replied_at IS NOT NEW.replied_at
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'update', 'dist_case', NEW.id, NULL,
		'{"old":' || bf_json_object('unit_code', OLD.unit_code, 'number', OLD.number,
			'package_id', OLD.package_id, 'decision', OLD.decision,
			'final_amount', OLD.final_amount, 'reason', OLD.reason, 'back_to', OLD.back_to,
			'replied_at', OLD.replied_at) ||
		',"new":' || bf_json_object('package_id', NEW.package_id, 'decision', NEW.decision,
			'final_amount', NEW.final_amount, 'reason', NEW.reason, 'back_to', NEW.back_to,
			'replied_at', NEW.replied_at) || '}');
END;
CREATE TRIGGER dist_case_audit_delete AFTER DELETE ON dist_case
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'dist_case', OLD.id, NULL,
		bf_json_object('unit_code', OLD.unit_code, 'number', OLD.number,
			'package_id', OLD.package_id, 'decision', OLD.decision));
END;
