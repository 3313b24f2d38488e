-- 027_audit_lean.sql — a leaner audit log (issue 17, item 6).
--
-- What an entry keeps from here on:
--   insert  the new row, with every sealed value ("bf1:..." ciphertext,
--           60–200 characters) as its digest (bf_sealed_digest, db.h:
--           "bf1#" and 22 characters);
--   update  only the columns that changed, old and new values, sealed
--           ones as they are ({"old":{...},"new":{...}});
--   delete  the row as it was, sealed values as they are.
-- No value is lost by the digest: the inserted ciphertext is the row's own
-- until an update changes it, and that update's "old" keeps it; a delete
-- keeps the last one. So the log still holds, sealed, every value a
-- sealed column ever had (a bank card changed and changed back), while the
-- bulk of it, the inserts, shrinks by the ciphertexts. The replay compares
-- a digest with the column's digest (audit.c, same_value). The chain is
-- unchanged: detail_hash is the salted hash of the detail as stored, the
-- link hashes it with the entry's fields and the previous link.
--
-- The update triggers below wrote fixed sets of columns whether or not
-- they changed; they now write what changed, and nothing when nothing did
-- (the others did so already). Every insert trigger (*_audit_insert) is
-- re-created after this file by the program (audit.c,
-- bf_audit_lean_triggers) from its own SQL as it stands in the database,
-- with bf_json_object( replaced by bf_audit_image( (the same object,
-- sealed values as digests), so that a table rebuilt by an earlier step
-- keeps its columns and no trigger is copied by hand. Entries written
-- before this step keep their images and stay verifiable: the replay
-- compares a ciphertext with a ciphertext and a digest with a digest.
DROP TRIGGER IF EXISTS trusted_key_audit_update;
CREATE TRIGGER trusted_key_audit_update AFTER UPDATE ON trusted_key
WHEN OLD.name IS NOT NEW.name OR OLD.public_key IS NOT NEW.public_key
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'update', 'trusted_key', NEW.rowid, NULL,
		'{"old":' || bf_json_object(
			CASE WHEN OLD.name IS NOT NEW.name THEN 'name' END, OLD.name,
			CASE WHEN OLD.public_key IS NOT NEW.public_key THEN 'public_key' END,
			hex(OLD.public_key)) ||
		',"new":' || bf_json_object(
			CASE WHEN OLD.name IS NOT NEW.name THEN 'name' END, NEW.name,
			CASE WHEN OLD.public_key IS NOT NEW.public_key THEN 'public_key' END,
			hex(NEW.public_key)) || '}');
END;

DROP TRIGGER IF EXISTS submission_batch_audit_update;
CREATE TRIGGER submission_batch_audit_update AFTER UPDATE ON submission_batch
WHEN OLD.revision IS NOT NEW.revision OR OLD.status IS NOT NEW.status
  OR OLD.note IS NOT NEW.note OR OLD.package_sha256 IS NOT NEW.package_sha256
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'update', 'submission_batch', NEW.id, NULL,
		'{"old":' || bf_json_object(
			CASE WHEN OLD.revision IS NOT NEW.revision THEN 'revision' END, OLD.revision,
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, OLD.status,
			CASE WHEN OLD.note IS NOT NEW.note THEN 'note' END, OLD.note,
			CASE WHEN OLD.package_sha256 IS NOT NEW.package_sha256 THEN 'package_sha256' END,
			OLD.package_sha256) ||
		',"new":' || bf_json_object(
			CASE WHEN OLD.revision IS NOT NEW.revision THEN 'revision' END, NEW.revision,
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, NEW.status,
			CASE WHEN OLD.note IS NOT NEW.note THEN 'note' END, NEW.note,
			CASE WHEN OLD.package_sha256 IS NOT NEW.package_sha256 THEN 'package_sha256' END,
			NEW.package_sha256) || '}');
END;

DROP TRIGGER IF EXISTS dist_package_audit_update;
CREATE TRIGGER dist_package_audit_update AFTER UPDATE ON dist_package
WHEN OLD.superseded_by IS NOT NEW.superseded_by
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'update', 'dist_package', NEW.id, NULL,
		'{"old":' || bf_json_object('superseded_by', OLD.superseded_by) ||
		',"new":' || bf_json_object('superseded_by', NEW.superseded_by) || '}');
END;

-- a decision names its case by the row (the package's entry lists its
-- cases); the unit and number no longer ride along on every decision
DROP TRIGGER IF EXISTS dist_case_audit_update;
CREATE TRIGGER dist_case_audit_update AFTER UPDATE ON dist_case
WHEN OLD.decision IS NOT NEW.decision OR OLD.final_amount IS NOT NEW.final_amount
  OR OLD.reason IS NOT NEW.reason OR OLD.back_to IS NOT NEW.back_to
  OR OLD.package_id IS NOT NEW.package_id OR OLD.replied_at IS NOT NEW.replied_at
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'update', 'dist_case', NEW.id, NULL,
		'{"old":' || bf_json_object(
			CASE WHEN OLD.package_id IS NOT NEW.package_id THEN 'package_id' END, OLD.package_id,
			CASE WHEN OLD.decision IS NOT NEW.decision THEN 'decision' END, OLD.decision,
			CASE WHEN OLD.final_amount IS NOT NEW.final_amount THEN 'final_amount' END,
			OLD.final_amount,
			CASE WHEN OLD.reason IS NOT NEW.reason THEN 'reason' END, OLD.reason,
			CASE WHEN OLD.back_to IS NOT NEW.back_to THEN 'back_to' END, OLD.back_to,
			CASE WHEN OLD.replied_at IS NOT NEW.replied_at THEN 'replied_at' END,
			OLD.replied_at) ||
		',"new":' || bf_json_object(
			CASE WHEN OLD.package_id IS NOT NEW.package_id THEN 'package_id' END, NEW.package_id,
			CASE WHEN OLD.decision IS NOT NEW.decision THEN 'decision' END, NEW.decision,
			CASE WHEN OLD.final_amount IS NOT NEW.final_amount THEN 'final_amount' END,
			NEW.final_amount,
			CASE WHEN OLD.reason IS NOT NEW.reason THEN 'reason' END, NEW.reason,
			CASE WHEN OLD.back_to IS NOT NEW.back_to THEN 'back_to' END, NEW.back_to,
			CASE WHEN OLD.replied_at IS NOT NEW.replied_at THEN 'replied_at' END,
			NEW.replied_at) || '}');
END;

DROP TRIGGER IF EXISTS holiday_year_audit_update;
CREATE TRIGGER holiday_year_audit_update AFTER UPDATE ON holiday_year
WHEN OLD.source IS NOT NEW.source OR OLD.updated_at IS NOT NEW.updated_at
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'update', 'holiday_year', NEW.year, NULL,
		'{"old":' || bf_json_object(
			CASE WHEN OLD.source IS NOT NEW.source THEN 'source' END, OLD.source,
			CASE WHEN OLD.updated_at IS NOT NEW.updated_at THEN 'updated_at' END,
			OLD.updated_at) ||
		',"new":' || bf_json_object(
			CASE WHEN OLD.source IS NOT NEW.source THEN 'source' END, NEW.source,
			CASE WHEN OLD.updated_at IS NOT NEW.updated_at THEN 'updated_at' END,
			NEW.updated_at) || '}');
END;
