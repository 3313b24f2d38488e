-- 003_accounts.sql — operator accounts, the hash chain over the audit log,
-- reveal events, and the purge of closed files past the retention period.
--
--   * operator: one row per account. Accounts are disabled, never deleted:
--     the audit log names them for ever. pwhash is libsodium's
--     crypto_pwhash_str (argon2id) and never appears in the audit log.
--   * audit_chain: one row per audit_log row, written by the trigger
--     audit_log_chain below for every row that is added, so no write can
--     escape it. hash = bf_sha256(prev, id, at, actor, action, tbl, row_id,
--     case_id, detail_hash) with detail_hash = bf_sha256(salt, detail) and
--     prev the hash of the row before (64 zeros for the first): an edited,
--     deleted, inserted or reordered row breaks the chain, and
--     `bangfu audit verify` (audit.c) names it. The detail is hashed on its
--     own, with a random salt, so that a purge can blank the detail and drop
--     the salt (the hash then tells nothing about the text) while the chain
--     still verifies.
--   * bf_sha256(...) hashes its arguments with their types and lengths, so
--     ('ab', 'c') and ('a', 'bc') differ; bf_purging() is true only inside
--     bf_purge_run (purge.c). Both are innocuous C functions (db.c).
--   * A purge deletes the files (members, causes, checklist, history go by
--     ON DELETE CASCADE), then blanks the detail of every audit row of those
--     files to '{"purged":true}' and drops its salt — the only change
--     audit_log and audit_chain accept, and only for files listed in
--     purged_case, only while bf_purging().

CREATE TABLE operator (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE COLLATE NOCASE
		CHECK (name <> '' AND length(CAST(name AS BLOB)) <= 32 AND substr(name, 1, 1) <> '('),
	display_name TEXT CHECK (display_name <> ''),
	role TEXT NOT NULL CHECK (role IN ('clerk', 'reviewer', 'admin', 'district')),
	pwhash TEXT NOT NULL CHECK (pwhash LIKE '$argon2%'),
	must_change INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1)), -- after a reset
	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
	last_failed_ms INTEGER NOT NULL DEFAULT 0, -- ms since the epoch; 0 = none
	locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
	last_login TEXT,
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL
) STRICT;

CREATE TABLE audit_chain (
	id INTEGER PRIMARY KEY, -- = audit_log.id (no foreign key: a deleted row leaves its link)
	salt BLOB,              -- 16 random bytes; NULL once the row's detail was purged
	detail_hash TEXT,       -- bf_sha256(salt, detail)
	prev TEXT,              -- the hash of the row before
	hash TEXT               -- see above
) STRICT;

-- A full ID, bank card or phone number was shown (a deliberate key on a
-- screen, --reveal on the command line) or exported ('all').
CREATE TABLE reveal_event (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	actor TEXT NOT NULL CHECK (actor <> ''),
	case_id INTEGER, -- no foreign key: the record outlives the file
	member_id INTEGER,
	field TEXT NOT NULL CHECK (field IN ('id_number', 'bank_card', 'phone', 'all')),
	purpose TEXT CHECK (purpose <> '')
) STRICT;
CREATE INDEX reveal_event_case ON reveal_event (case_id) WHERE case_id IS NOT NULL;

CREATE TABLE purge_run (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	actor TEXT NOT NULL CHECK (actor <> ''),
	cutoff TEXT NOT NULL CHECK (date(cutoff) IS cutoff), -- files closed before this date
	retention_years INTEGER NOT NULL CHECK (retention_years > 0),
	cases INTEGER NOT NULL CHECK (cases >= 0)
) STRICT;

-- What is left of a purged file: its number, never a name or an ID.
CREATE TABLE purged_case (
	case_id INTEGER PRIMARY KEY,
	number TEXT NOT NULL,
	closed_on TEXT,
	purge_id INTEGER NOT NULL REFERENCES purge_run (id)
) STRICT;

-- ---- the chain over the audit rows already there --------------------------------
INSERT INTO audit_chain (id, salt) SELECT id, randomblob(16) FROM audit_log ORDER BY id;
WITH RECURSIVE r (id, prev, hash) AS (
	SELECT 0, NULL, '0000000000000000000000000000000000000000000000000000000000000000'
	UNION ALL
	SELECT a.id, r.hash,
	       bf_sha256(r.hash, a.id, a.at, a.actor, a.action, a.tbl, a.row_id, a.case_id,
	                 bf_sha256(c.salt, a.detail))
	FROM r
	JOIN audit_log a ON a.id = (SELECT min(id) FROM audit_log WHERE id > r.id)
	JOIN audit_chain c ON c.id = a.id
)
UPDATE audit_chain
SET prev = r.prev,
    detail_hash = bf_sha256(audit_chain.salt, (SELECT detail FROM audit_log WHERE id = r.id)),
    hash = r.hash
FROM r WHERE r.id = audit_chain.id;

-- ---- triggers ----------------------------------------------------------------------

CREATE TRIGGER audit_log_chain AFTER INSERT ON audit_log
BEGIN
	INSERT INTO audit_chain (id, salt, prev)
	VALUES (NEW.id, randomblob(16),
		coalesce((SELECT hash FROM audit_chain ORDER BY id DESC LIMIT 1),
			'0000000000000000000000000000000000000000000000000000000000000000'));
	-- the salt is read back from the row: randomblob() must run only once
	UPDATE audit_chain
	SET detail_hash = bf_sha256(salt, NEW.detail),
	    hash = bf_sha256(prev, NEW.id, NEW.at, NEW.actor, NEW.action, NEW.tbl, NEW.row_id,
	                     NEW.case_id, bf_sha256(salt, NEW.detail))
	WHERE id = NEW.id;
END;

CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN
	SELECT RAISE(ABORT, 'audit_chain is append-only');
END;

-- Allowed: sealing a new link (audit_log_chain), and a purge dropping the
-- salt of a purged file's row.
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
WHEN NOT (OLD.hash IS NULL AND NEW.id IS OLD.id AND NEW.salt IS OLD.salt AND NEW.prev IS OLD.prev)
 AND NOT (bf_purging() AND NEW.salt IS NULL AND NEW.id IS OLD.id
          AND NEW.detail_hash IS OLD.detail_hash AND NEW.prev IS OLD.prev AND NEW.hash IS OLD.hash
          AND OLD.id IN (SELECT a.id FROM audit_log a JOIN purged_case p ON p.case_id = a.case_id))
BEGIN
	SELECT RAISE(ABORT, 'audit_chain is append-only');
END;

DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (bf_purging() AND NEW.detail = '{"purged":true}'
          AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor
          AND NEW.action IS OLD.action AND NEW.tbl IS OLD.tbl AND NEW.row_id IS OLD.row_id
          AND NEW.case_id IS OLD.case_id
          AND OLD.case_id IN (SELECT case_id FROM purged_case))
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- operator

CREATE TRIGGER operator_no_delete BEFORE DELETE ON operator
BEGIN
	SELECT RAISE(ABORT, 'accounts are disabled, never deleted');
END;

CREATE TRIGGER operator_audit_insert AFTER INSERT ON operator
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'operator', NEW.id, NULL,
		bf_json_object(
			'id', NEW.id, 'name', NEW.name, 'display_name', NEW.display_name,
			'role', NEW.role, 'must_change', NEW.must_change, 'disabled', NEW.disabled,
			'created_at', NEW.created_at, 'created_by', NEW.created_by));
END;

-- The password hash is never written to the log: a change shows as "***".
CREATE TRIGGER operator_audit_update AFTER UPDATE ON operator
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'operator', NEW.id, NULL,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.name IS NOT NEW.name THEN 'name' END, OLD.name,
			CASE WHEN OLD.display_name IS NOT NEW.display_name THEN 'display_name' END, OLD.display_name,
			CASE WHEN OLD.role IS NOT NEW.role THEN 'role' END, OLD.role,
			CASE WHEN OLD.pwhash IS NOT NEW.pwhash THEN 'password' END, '***',
			CASE WHEN OLD.must_change IS NOT NEW.must_change THEN 'must_change' END, OLD.must_change,
			CASE WHEN OLD.disabled IS NOT NEW.disabled THEN 'disabled' END, OLD.disabled,
			CASE WHEN OLD.failed_count IS NOT NEW.failed_count THEN 'failed_count' END, OLD.failed_count,
			CASE WHEN OLD.last_failed_ms IS NOT NEW.last_failed_ms THEN 'last_failed_ms' END, OLD.last_failed_ms,
			CASE WHEN OLD.locked IS NOT NEW.locked THEN 'locked' END, OLD.locked,
			CASE WHEN OLD.last_login IS NOT NEW.last_login THEN 'last_login' END, OLD.last_login) AS o,
	             bf_json_object(
			CASE WHEN OLD.name IS NOT NEW.name THEN 'name' END, NEW.name,
			CASE WHEN OLD.display_name IS NOT NEW.display_name THEN 'display_name' END, NEW.display_name,
			CASE WHEN OLD.role IS NOT NEW.role THEN 'role' END, NEW.role,
			CASE WHEN OLD.pwhash IS NOT NEW.pwhash THEN 'password' END, '***',
			CASE WHEN OLD.must_change IS NOT NEW.must_change THEN 'must_change' END, NEW.must_change,
			CASE WHEN OLD.disabled IS NOT NEW.disabled THEN 'disabled' END, NEW.disabled,
			CASE WHEN OLD.failed_count IS NOT NEW.failed_count THEN 'failed_count' END, NEW.failed_count,
			CASE WHEN OLD.last_failed_ms IS NOT NEW.last_failed_ms THEN 'last_failed_ms' END, NEW.last_failed_ms,
			CASE WHEN OLD.locked IS NOT NEW.locked THEN 'locked' END, NEW.locked,
			CASE WHEN OLD.last_login IS NOT NEW.last_login THEN 'last_login' END, NEW.last_login) AS n)
	WHERE o <> '{}';
END;

-- reveal_event: append-only, recorded in the log against the file

CREATE TRIGGER reveal_event_no_change BEFORE UPDATE ON reveal_event
BEGIN
	SELECT RAISE(ABORT, 'reveal_event is append-only');
END;

CREATE TRIGGER reveal_event_no_delete BEFORE DELETE ON reveal_event
BEGIN
	SELECT RAISE(ABORT, 'reveal_event is append-only');
END;

CREATE TRIGGER reveal_event_audit_insert AFTER INSERT ON reveal_event
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'reveal_event', NEW.id, NEW.case_id,
		bf_json_object(
			'id', NEW.id, 'case_id', NEW.case_id, 'member_id', NEW.member_id,
			'field', NEW.field, 'purpose', NEW.purpose));
END;

-- purges: append-only; their log rows carry no case_id, so they stay

CREATE TRIGGER purge_run_no_change BEFORE UPDATE ON purge_run
BEGIN
	SELECT RAISE(ABORT, 'purge_run is append-only');
END;

CREATE TRIGGER purge_run_no_delete BEFORE DELETE ON purge_run
BEGIN
	SELECT RAISE(ABORT, 'purge_run is append-only');
END;

CREATE TRIGGER purge_run_audit_insert AFTER INSERT ON purge_run
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'purge_run', NEW.id, NULL,
		bf_json_object(
			'id', NEW.id, 'cutoff', NEW.cutoff, 'retention_years', NEW.retention_years,
			'cases', NEW.cases));
END;

CREATE TRIGGER purged_case_no_change BEFORE UPDATE ON purged_case
BEGIN
	SELECT RAISE(ABORT, 'purged_case is append-only');
END;

CREATE TRIGGER purged_case_no_delete BEFORE DELETE ON purged_case
BEGIN
	SELECT RAISE(ABORT, 'purged_case is append-only');
END;

CREATE TRIGGER purged_case_audit_insert AFTER INSERT ON purged_case
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'purged_case', NEW.case_id, NULL,
		bf_json_object(
			'case_id', NEW.case_id, 'number', NEW.number, 'closed_on', NEW.closed_on,
			'purge_id', NEW.purge_id));
END;
