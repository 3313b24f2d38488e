-- 014_audit.sql — issue 13: a lockout that holds and tells nothing.
--
-- login_phantom: the failure count of a name that is no account, kept as an
-- account's is (failed_count, last_failed_ms, locked in operator), so that
-- an unknown name waits and locks exactly as a known one does and the
-- answers cannot be used to guess names (accounts.c, gate_and_count). Not
-- audited: it holds only names someone typed, and changes at every failed
-- attempt.
CREATE TABLE login_phantom (
	name TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(CAST(name AS BLOB)) <= 256),
	failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
	last_failed_ms INTEGER NOT NULL DEFAULT 0,
	locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1))
) STRICT;

-- audit_baseline: for the replay of the log (audit.c): the highest row of
-- each audited table when this step ran. Rows up to it may predate their
-- table's audit triggers (the migrations' seed rows, or a database made
-- before the log existed) and are judged only by what the log says of them;
-- a row above it that the log never saw was added behind the log's back.
-- A table audited by a later step and not listed here is not judged for
-- unlogged rows.
CREATE TABLE audit_baseline (
	tbl TEXT PRIMARY KEY,
	max_rowid INTEGER NOT NULL
) STRICT;
INSERT INTO audit_baseline VALUES ('campaign', (SELECT coalesce(max(rowid), 0) FROM campaign));
INSERT INTO audit_baseline VALUES ('campaign_group', (SELECT coalesce(max(rowid), 0) FROM campaign_group));
INSERT INTO audit_baseline VALUES ('campaign_placement', (SELECT coalesce(max(rowid), 0) FROM campaign_placement));
INSERT INTO audit_baseline VALUES ('campaign_recipient', (SELECT coalesce(max(rowid), 0) FROM campaign_recipient));
INSERT INTO audit_baseline VALUES ('case_cause', (SELECT coalesce(max(rowid), 0) FROM case_cause));
INSERT INTO audit_baseline VALUES ('case_file', (SELECT coalesce(max(rowid), 0) FROM case_file));
INSERT INTO audit_baseline VALUES ('case_transition', (SELECT coalesce(max(rowid), 0) FROM case_transition));
INSERT INTO audit_baseline VALUES ('checklist_item', (SELECT coalesce(max(rowid), 0) FROM checklist_item));
INSERT INTO audit_baseline VALUES ('consolation', (SELECT coalesce(max(rowid), 0) FROM consolation));
INSERT INTO audit_baseline VALUES ('consolation_standard', (SELECT coalesce(max(rowid), 0) FROM consolation_standard));
INSERT INTO audit_baseline VALUES ('dist_package', (SELECT coalesce(max(rowid), 0) FROM dist_package));
INSERT INTO audit_baseline VALUES ('district_decision', (SELECT coalesce(max(rowid), 0) FROM district_decision));
INSERT INTO audit_baseline VALUES ('holiday', (SELECT coalesce(max(rowid), 0) FROM holiday));
INSERT INTO audit_baseline VALUES ('holiday_year', (SELECT coalesce(max(rowid), 0) FROM holiday_year));
INSERT INTO audit_baseline VALUES ('keyring', (SELECT coalesce(max(rowid), 0) FROM keyring));
INSERT INTO audit_baseline VALUES ('member', (SELECT coalesce(max(rowid), 0) FROM member));
INSERT INTO audit_baseline VALUES ('objection', (SELECT coalesce(max(rowid), 0) FROM objection));
INSERT INTO audit_baseline VALUES ('operator', (SELECT coalesce(max(rowid), 0) FROM operator));
INSERT INTO audit_baseline VALUES ('payment', (SELECT coalesce(max(rowid), 0) FROM payment));
INSERT INTO audit_baseline VALUES ('publicity_case', (SELECT coalesce(max(rowid), 0) FROM publicity_case));
INSERT INTO audit_baseline VALUES ('publicity_round', (SELECT coalesce(max(rowid), 0) FROM publicity_round));
INSERT INTO audit_baseline VALUES ('purge_run', (SELECT coalesce(max(rowid), 0) FROM purge_run));
INSERT INTO audit_baseline VALUES ('purged_case', (SELECT coalesce(max(rowid), 0) FROM purged_case));
INSERT INTO audit_baseline VALUES ('reply_import', (SELECT coalesce(max(rowid), 0) FROM reply_import));
INSERT INTO audit_baseline VALUES ('reveal_event', (SELECT coalesce(max(rowid), 0) FROM reveal_event));
INSERT INTO audit_baseline VALUES ('review', (SELECT coalesce(max(rowid), 0) FROM review));
INSERT INTO audit_baseline VALUES ('setting', (SELECT coalesce(max(rowid), 0) FROM setting));
INSERT INTO audit_baseline VALUES ('signing_key', (SELECT coalesce(max(rowid), 0) FROM signing_key));
INSERT INTO audit_baseline VALUES ('spotcheck_draw', (SELECT coalesce(max(rowid), 0) FROM spotcheck_draw));
INSERT INTO audit_baseline VALUES ('spotcheck_item', (SELECT coalesce(max(rowid), 0) FROM spotcheck_item));
INSERT INTO audit_baseline VALUES ('submission_batch', (SELECT coalesce(max(rowid), 0) FROM submission_batch));
INSERT INTO audit_baseline VALUES ('submission_case', (SELECT coalesce(max(rowid), 0) FROM submission_case));
INSERT INTO audit_baseline VALUES ('trusted_key', (SELECT coalesce(max(rowid), 0) FROM trusted_key));
INSERT INTO audit_baseline VALUES ('unit', (SELECT coalesce(max(rowid), 0) FROM unit));
INSERT INTO audit_baseline VALUES ('year_setting', (SELECT coalesce(max(rowid), 0) FROM year_setting));
-- the replay reads the log table by table, row by row
CREATE INDEX audit_log_row ON audit_log (tbl, row_id);
