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
