-- 004_campaigns.sql — consolation standards and events (慰问), Spring
-- Festival campaigns (送温暖), payments, spot checks.
--
-- Conventions as in 001_init.sql: STRICT tables, money in INTEGER fen, ISO
-- dates as TEXT, optional text NULL (never ''), every change audited by the
-- triggers at the end with bf_actor() and bf_json_object().
--
-- Rules kept by the database itself, beside the C code (campaign.h,
-- consolation.h, campaign_store.h):
--   * a recipient is either on the list (included = 1, no exclusion) or off
--     it with a reason; only someone on the list can be paid;
--   * a payment is made in full, once: one payment per recipient or
--     consolation event, and payments are never changed or deleted (the
--     ledger, 资金台账, is append-only);
--   * a spot-check draw keeps its seed and is never changed, so the sample
--     can be drawn again and compared.
-- Settings used (table setting): campaign_cap_payment and campaign_cap_year
-- (fen, 0 = no cap), spotcheck_percent (default 10).

-- Consolation standards per year (慰问标准). A year without rows uses the
-- latest earlier year's, else the seed's (consolation.h).
CREATE TABLE consolation_standard (
	year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2199),
	event TEXT NOT NULL CHECK (event IN ('hospital', 'wedding', 'birthday',
		'relative_death', 'death', 'family_hospital')),
	cash INTEGER NOT NULL DEFAULT 0 CHECK (cash >= 0),     -- fen
	goods INTEGER NOT NULL DEFAULT 0 CHECK (goods >= 0),   -- fen
	goods_note TEXT CHECK (goods_note <> ''),              -- 生日蛋糕, 花圈
	manual INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)), -- amount entered each time
	PRIMARY KEY (year, event)
) STRICT;

-- One consolation event of an employee. status: approved (to be paid),
-- pending (the rules leave it to discretion: discretion says why, a
-- decision is needed), declined (decided against).
CREATE TABLE consolation (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES case_file (id),
	event TEXT NOT NULL CHECK (event IN ('hospital', 'wedding', 'birthday',
		'relative_death', 'death', 'family_hospital')),
	date TEXT NOT NULL CHECK (date(date) IS date),
	year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2199),
	member TEXT CHECK (member <> ''),           -- the relative, NULL = the employee
	relation TEXT CHECK (relation IN (
		'self', 'spouse', 'child', 'father', 'mother', 'father_in_law',
		'mother_in_law', 'sibling', 'child_in_law', 'grandchild', 'grandparent',
		'other')),
	cash INTEGER NOT NULL CHECK (cash >= 0),
	goods INTEGER NOT NULL CHECK (goods >= 0),
	goods_note TEXT CHECK (goods_note <> ''),
	status TEXT NOT NULL CHECK (status IN ('approved', 'pending', 'declined')),
	discretion TEXT CHECK (discretion <> ''),
	decision_reason TEXT CHECK (decision_reason <> ''),
	decided_by TEXT CHECK (decided_by <> ''),
	decided_at TEXT,
	note TEXT CHECK (note <> ''),
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	CHECK (status <> 'pending' OR discretion IS NOT NULL),
	CHECK (status = 'pending' OR discretion IS NULL OR decision_reason IS NOT NULL),
	CHECK (cash + goods > 0)
) STRICT;
CREATE INDEX consolation_case ON consolation (case_id, year);
CREATE INDEX consolation_date ON consolation (date);

-- A campaign (送温暖). place_by: spot checks and sheets go by unit or by
-- community. status: planning (no list yet), drawn, closed.
CREATE TABLE campaign (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL CHECK (name <> ''),
	year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2199),
	start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),
	end_date TEXT NOT NULL CHECK (date(end_date) IS end_date),
	place_by TEXT NOT NULL DEFAULT 'unit' CHECK (place_by IN ('unit', 'community')),
	status TEXT NOT NULL DEFAULT 'planning' CHECK (status IN ('planning', 'drawn', 'closed')),
	drawn_at TEXT,
	drawn_by TEXT CHECK (drawn_by <> ''),
	note TEXT CHECK (note <> ''),
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	UNIQUE (year, name),
	CHECK (end_date >= start_date)
) STRICT;

-- Target groups with their standards, in order (position). Tier 1 is the
-- flat standard (basis person / household); basis size uses all three
-- tiers: 1, 2, 3 or more persons. planned* = people planned per tier, for
-- the budget before the list is drawn.
CREATE TABLE campaign_group (
	id INTEGER PRIMARY KEY,
	campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
	position INTEGER NOT NULL CHECK (position >= 0),
	kind TEXT NOT NULL CHECK (kind IN ('hardship', 'model_worker', 'migrant', 'special')),
	level TEXT CHECK (level IN ('national', 'provincial', 'municipal')),
	label TEXT CHECK (label <> ''),
	basis TEXT NOT NULL CHECK (basis IN ('person', 'household', 'size')),
	cash1 INTEGER NOT NULL DEFAULT 0 CHECK (cash1 >= 0),
	goods1 INTEGER NOT NULL DEFAULT 0 CHECK (goods1 >= 0),
	cash2 INTEGER NOT NULL DEFAULT 0 CHECK (cash2 >= 0),
	goods2 INTEGER NOT NULL DEFAULT 0 CHECK (goods2 >= 0),
	cash3 INTEGER NOT NULL DEFAULT 0 CHECK (cash3 >= 0),
	goods3 INTEGER NOT NULL DEFAULT 0 CHECK (goods3 >= 0),
	requires_file INTEGER NOT NULL DEFAULT 1 CHECK (requires_file IN (0, 1)),
	planned1 INTEGER NOT NULL DEFAULT 0 CHECK (planned1 >= 0),
	planned2 INTEGER NOT NULL DEFAULT 0 CHECK (planned2 >= 0),
	planned3 INTEGER NOT NULL DEFAULT 0 CHECK (planned3 >= 0),
	UNIQUE (campaign_id, position),
	CHECK (level IS NULL OR kind = 'model_worker')
) STRICT;

-- The drawn list: one row per household that meets some group, on the list
-- or off it with the reason. Name, ID, file number, unit and amounts are a
-- snapshot taken at the draw (the sheet shows what was decided).
-- also_groups: positions of the other groups the household meets
-- (comma-separated), aided once at the highest standard.
CREATE TABLE campaign_recipient (
	id INTEGER PRIMARY KEY,
	campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
	case_id INTEGER NOT NULL REFERENCES case_file (id),
	group_id INTEGER NOT NULL REFERENCES campaign_group (id),
	also_groups TEXT CHECK (also_groups <> ''),
	case_number TEXT NOT NULL,
	name TEXT NOT NULL CHECK (name <> ''),
	id_number TEXT CHECK (id_number <> ''),
	unit TEXT CHECK (unit <> ''),
	community TEXT CHECK (community <> ''),
	household_size INTEGER NOT NULL CHECK (household_size >= 0),
	standard INTEGER NOT NULL CHECK (standard >= 0),  -- cash + goods before caps
	cash INTEGER NOT NULL CHECK (cash >= 0),
	goods INTEGER NOT NULL CHECK (goods >= 0),
	capped INTEGER NOT NULL DEFAULT 0 CHECK (capped IN (0, 1)),
	included INTEGER NOT NULL CHECK (included IN (0, 1)),
	exclusion TEXT CHECK (exclusion IN ('no_file', 'last_year', 'cap', 'manual')),
	exclusion_note TEXT CHECK (exclusion_note <> ''),
	add_back_reason TEXT CHECK (add_back_reason <> ''),
	paid_status TEXT NOT NULL DEFAULT 'pending'
		CHECK (paid_status IN ('pending', 'paid', 'not_paid')),
	not_paid_reason TEXT CHECK (not_paid_reason <> ''),
	UNIQUE (campaign_id, case_id),
	CHECK ((included = 1) = (exclusion IS NULL)),
	CHECK (exclusion IS NOT 'manual' OR exclusion_note IS NOT NULL),
	CHECK (paid_status = 'pending' OR included = 1),
	CHECK (paid_status <> 'not_paid' OR not_paid_reason IS NOT NULL)
) STRICT;
CREATE INDEX campaign_recipient_case ON campaign_recipient (case_id);
CREATE INDEX campaign_recipient_group ON campaign_recipient (group_id);

-- Every payment (资金台账): a campaign recipient's or a consolation
-- event's, exactly one of the two. grp is the group kind (hardship,
-- model_worker, ...) or the consolation event code. payee = the employee.
CREATE TABLE payment (
	id INTEGER PRIMARY KEY,
	recipient_id INTEGER UNIQUE REFERENCES campaign_recipient (id),
	consolation_id INTEGER UNIQUE REFERENCES consolation (id),
	campaign_id INTEGER REFERENCES campaign (id),
	case_id INTEGER NOT NULL REFERENCES case_file (id),
	paid_on TEXT NOT NULL CHECK (date(paid_on) IS paid_on),
	year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2199),
	cash INTEGER NOT NULL CHECK (cash >= 0),
	goods INTEGER NOT NULL CHECK (goods >= 0),
	payee TEXT NOT NULL CHECK (payee <> ''),
	unit TEXT CHECK (unit <> ''),
	grp TEXT NOT NULL CHECK (grp <> ''),
	signer TEXT NOT NULL CHECK (signer <> ''),
	signer_relation TEXT NOT NULL CHECK (signer_relation IN (
		'self', 'spouse', 'child', 'father', 'mother', 'father_in_law',
		'mother_in_law', 'sibling', 'child_in_law', 'grandchild', 'grandparent',
		'other')),
	phone TEXT NOT NULL CHECK (phone <> ''),
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	CHECK ((recipient_id IS NULL) <> (consolation_id IS NULL)),
	CHECK ((recipient_id IS NULL) = (campaign_id IS NULL)),
	CHECK (cash + goods > 0)
) STRICT;
CREATE INDEX payment_paid_on ON payment (paid_on);
CREATE INDEX payment_campaign ON payment (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX payment_case ON payment (case_id, year);

-- Spot checks after payment (抽查): one draw per campaign, reproducible from
-- its seed (a decimal unsigned 64-bit number; campaign.h documents the
-- generator), then one row per household drawn with the call or visit.
CREATE TABLE spotcheck_draw (
	id INTEGER PRIMARY KEY,
	campaign_id INTEGER NOT NULL UNIQUE REFERENCES campaign (id) ON DELETE CASCADE,
	seed TEXT NOT NULL CHECK (seed <> '' AND seed NOT GLOB '*[^0-9]*'),
	percent INTEGER NOT NULL CHECK (percent BETWEEN 1 AND 100),
	place_by TEXT NOT NULL CHECK (place_by IN ('unit', 'community')),
	population INTEGER NOT NULL CHECK (population >= 0),
	drawn INTEGER NOT NULL CHECK (drawn >= 0),
	drawn_at TEXT NOT NULL,
	drawn_by TEXT NOT NULL
) STRICT;

CREATE TABLE spotcheck_item (
	id INTEGER PRIMARY KEY,
	draw_id INTEGER NOT NULL REFERENCES spotcheck_draw (id) ON DELETE CASCADE,
	recipient_id INTEGER NOT NULL REFERENCES campaign_recipient (id),
	place TEXT NOT NULL,
	method TEXT CHECK (method IN ('call', 'visit')),
	checked_on TEXT CHECK (date(checked_on) IS checked_on),
	reached INTEGER CHECK (reached IN (0, 1)),
	amount_confirmed INTEGER CHECK (amount_confirmed IN (0, 1)),
	problem TEXT CHECK (problem <> ''),
	checked_by TEXT CHECK (checked_by <> ''),
	UNIQUE (draw_id, recipient_id),
	CHECK ((method IS NULL) = (checked_on IS NULL))
) STRICT;

-- ---- triggers ----------------------------------------------------------------

CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment
BEGIN
	SELECT RAISE(ABORT, 'payments are never changed (the ledger is append-only)');
END;

CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment
BEGIN
	SELECT RAISE(ABORT, 'payments are never deleted (the ledger is append-only)');
END;

CREATE TRIGGER spotcheck_draw_no_update BEFORE UPDATE ON spotcheck_draw
BEGIN
	SELECT RAISE(ABORT, 'a spot-check draw is never changed');
END;

-- Audit triggers, the same shape as 001's.

-- consolation_standard

CREATE TRIGGER consolation_standard_audit_insert AFTER INSERT ON consolation_standard
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'consolation_standard', NEW.rowid, NULL,
		bf_json_object(
			'year', NEW.year, 'event', NEW.event, 'cash', NEW.cash,
			'goods', NEW.goods, 'goods_note', NEW.goods_note,
			'manual', NEW.manual));
END;

CREATE TRIGGER consolation_standard_audit_delete AFTER DELETE ON consolation_standard
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'consolation_standard', OLD.rowid, NULL,
		bf_json_object(
			'year', OLD.year, 'event', OLD.event, 'cash', OLD.cash,
			'goods', OLD.goods, 'goods_note', OLD.goods_note,
			'manual', OLD.manual));
END;

CREATE TRIGGER consolation_standard_audit_update AFTER UPDATE ON consolation_standard
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'consolation_standard', NEW.rowid, NULL,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.year IS NOT NEW.year THEN 'year' END, OLD.year,
			CASE WHEN OLD.event IS NOT NEW.event THEN 'event' END, OLD.event,
			CASE WHEN OLD.cash IS NOT NEW.cash THEN 'cash' END, OLD.cash,
			CASE WHEN OLD.goods IS NOT NEW.goods THEN 'goods' END, OLD.goods,
			CASE WHEN OLD.goods_note IS NOT NEW.goods_note THEN 'goods_note' END, OLD.goods_note,
			CASE WHEN OLD.manual IS NOT NEW.manual THEN 'manual' END, OLD.manual) AS o,
	             bf_json_object(
			CASE WHEN OLD.year IS NOT NEW.year THEN 'year' END, NEW.year,
			CASE WHEN OLD.event IS NOT NEW.event THEN 'event' END, NEW.event,
			CASE WHEN OLD.cash IS NOT NEW.cash THEN 'cash' END, NEW.cash,
			CASE WHEN OLD.goods IS NOT NEW.goods THEN 'goods' END, NEW.goods,
			CASE WHEN OLD.goods_note IS NOT NEW.goods_note THEN 'goods_note' END, NEW.goods_note,
			CASE WHEN OLD.manual IS NOT NEW.manual THEN 'manual' END, NEW.manual) AS n)
	WHERE o <> '{}';
END;

-- consolation

CREATE TRIGGER consolation_audit_insert AFTER INSERT ON consolation
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'consolation', NEW.id, NEW.case_id,
		bf_json_object(
			'id', NEW.id, 'case_id', NEW.case_id, 'event', NEW.event,
			'date', NEW.date, 'year', NEW.year, 'member', NEW.member,
			'relation', NEW.relation, 'cash', NEW.cash, 'goods', NEW.goods,
			'goods_note', NEW.goods_note, 'status', NEW.status,
			'discretion', NEW.discretion,
			'decision_reason', NEW.decision_reason,
			'decided_by', NEW.decided_by, 'decided_at', NEW.decided_at,
			'note', NEW.note, 'created_at', NEW.created_at,
			'created_by', NEW.created_by));
END;

CREATE TRIGGER consolation_audit_delete AFTER DELETE ON consolation
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'consolation', OLD.id, OLD.case_id,
		bf_json_object(
			'id', OLD.id, 'case_id', OLD.case_id, 'event', OLD.event,
			'date', OLD.date, 'year', OLD.year, 'member', OLD.member,
			'relation', OLD.relation, 'cash', OLD.cash, 'goods', OLD.goods,
			'goods_note', OLD.goods_note, 'status', OLD.status,
			'discretion', OLD.discretion,
			'decision_reason', OLD.decision_reason,
			'decided_by', OLD.decided_by, 'decided_at', OLD.decided_at,
			'note', OLD.note, 'created_at', OLD.created_at,
			'created_by', OLD.created_by));
END;

CREATE TRIGGER consolation_audit_update AFTER UPDATE ON consolation
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'consolation', NEW.id, NEW.case_id,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, OLD.case_id,
			CASE WHEN OLD.event IS NOT NEW.event THEN 'event' END, OLD.event,
			CASE WHEN OLD.date IS NOT NEW.date THEN 'date' END, OLD.date,
			CASE WHEN OLD.year IS NOT NEW.year THEN 'year' END, OLD.year,
			CASE WHEN OLD.member IS NOT NEW.member THEN 'member' END, OLD.member,
			CASE WHEN OLD.relation IS NOT NEW.relation THEN 'relation' END, OLD.relation,
			CASE WHEN OLD.cash IS NOT NEW.cash THEN 'cash' END, OLD.cash,
			CASE WHEN OLD.goods IS NOT NEW.goods THEN 'goods' END, OLD.goods,
			CASE WHEN OLD.goods_note IS NOT NEW.goods_note THEN 'goods_note' END, OLD.goods_note,
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, OLD.status,
			CASE WHEN OLD.discretion IS NOT NEW.discretion THEN 'discretion' END, OLD.discretion,
			CASE WHEN OLD.decision_reason IS NOT NEW.decision_reason THEN 'decision_reason' END, OLD.decision_reason,
			CASE WHEN OLD.decided_by IS NOT NEW.decided_by THEN 'decided_by' END, OLD.decided_by,
			CASE WHEN OLD.decided_at IS NOT NEW.decided_at THEN 'decided_at' END, OLD.decided_at,
			CASE WHEN OLD.note IS NOT NEW.note THEN 'note' END, OLD.note,
			CASE WHEN OLD.created_at IS NOT NEW.created_at THEN 'created_at' END, OLD.created_at,
			CASE WHEN OLD.created_by IS NOT NEW.created_by THEN 'created_by' END, OLD.created_by) AS o,
	             bf_json_object(
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, NEW.case_id,
			CASE WHEN OLD.event IS NOT NEW.event THEN 'event' END, NEW.event,
			CASE WHEN OLD.date IS NOT NEW.date THEN 'date' END, NEW.date,
			CASE WHEN OLD.year IS NOT NEW.year THEN 'year' END, NEW.year,
			CASE WHEN OLD.member IS NOT NEW.member THEN 'member' END, NEW.member,
			CASE WHEN OLD.relation IS NOT NEW.relation THEN 'relation' END, NEW.relation,
			CASE WHEN OLD.cash IS NOT NEW.cash THEN 'cash' END, NEW.cash,
			CASE WHEN OLD.goods IS NOT NEW.goods THEN 'goods' END, NEW.goods,
			CASE WHEN OLD.goods_note IS NOT NEW.goods_note THEN 'goods_note' END, NEW.goods_note,
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, NEW.status,
			CASE WHEN OLD.discretion IS NOT NEW.discretion THEN 'discretion' END, NEW.discretion,
			CASE WHEN OLD.decision_reason IS NOT NEW.decision_reason THEN 'decision_reason' END, NEW.decision_reason,
			CASE WHEN OLD.decided_by IS NOT NEW.decided_by THEN 'decided_by' END, NEW.decided_by,
			CASE WHEN OLD.decided_at IS NOT NEW.decided_at THEN 'decided_at' END, NEW.decided_at,
			CASE WHEN OLD.note IS NOT NEW.note THEN 'note' END, NEW.note,
			CASE WHEN OLD.created_at IS NOT NEW.created_at THEN 'created_at' END, NEW.created_at,
			CASE WHEN OLD.created_by IS NOT NEW.created_by THEN 'created_by' END, NEW.created_by) AS n)
	WHERE o <> '{}';
END;

-- campaign

CREATE TRIGGER campaign_audit_insert AFTER INSERT ON campaign
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'campaign', NEW.id, NULL,
		bf_json_object(
			'id', NEW.id, 'name', NEW.name, 'year', NEW.year,
			'start_date', NEW.start_date, 'end_date', NEW.end_date,
			'place_by', NEW.place_by, 'status', NEW.status,
			'drawn_at', NEW.drawn_at, 'drawn_by', NEW.drawn_by,
			'note', NEW.note, 'created_at', NEW.created_at,
			'created_by', NEW.created_by));
END;

CREATE TRIGGER campaign_audit_delete AFTER DELETE ON campaign
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'campaign', OLD.id, NULL,
		bf_json_object(
			'id', OLD.id, 'name', OLD.name, 'year', OLD.year,
			'start_date', OLD.start_date, 'end_date', OLD.end_date,
			'place_by', OLD.place_by, 'status', OLD.status,
			'drawn_at', OLD.drawn_at, 'drawn_by', OLD.drawn_by,
			'note', OLD.note, 'created_at', OLD.created_at,
			'created_by', OLD.created_by));
END;

CREATE TRIGGER campaign_audit_update AFTER UPDATE ON campaign
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'campaign', NEW.id, NULL,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.name IS NOT NEW.name THEN 'name' END, OLD.name,
			CASE WHEN OLD.year IS NOT NEW.year THEN 'year' END, OLD.year,
			CASE WHEN OLD.start_date IS NOT NEW.start_date THEN 'start_date' END, OLD.start_date,
			CASE WHEN OLD.end_date IS NOT NEW.end_date THEN 'end_date' END, OLD.end_date,
			CASE WHEN OLD.place_by IS NOT NEW.place_by THEN 'place_by' END, OLD.place_by,
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, OLD.status,
			CASE WHEN OLD.drawn_at IS NOT NEW.drawn_at THEN 'drawn_at' END, OLD.drawn_at,
			CASE WHEN OLD.drawn_by IS NOT NEW.drawn_by THEN 'drawn_by' END, OLD.drawn_by,
			CASE WHEN OLD.note IS NOT NEW.note THEN 'note' END, OLD.note,
			CASE WHEN OLD.created_at IS NOT NEW.created_at THEN 'created_at' END, OLD.created_at,
			CASE WHEN OLD.created_by IS NOT NEW.created_by THEN 'created_by' END, OLD.created_by) AS o,
	             bf_json_object(
			CASE WHEN OLD.name IS NOT NEW.name THEN 'name' END, NEW.name,
			CASE WHEN OLD.year IS NOT NEW.year THEN 'year' END, NEW.year,
			CASE WHEN OLD.start_date IS NOT NEW.start_date THEN 'start_date' END, NEW.start_date,
			CASE WHEN OLD.end_date IS NOT NEW.end_date THEN 'end_date' END, NEW.end_date,
			CASE WHEN OLD.place_by IS NOT NEW.place_by THEN 'place_by' END, NEW.place_by,
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, NEW.status,
			CASE WHEN OLD.drawn_at IS NOT NEW.drawn_at THEN 'drawn_at' END, NEW.drawn_at,
			CASE WHEN OLD.drawn_by IS NOT NEW.drawn_by THEN 'drawn_by' END, NEW.drawn_by,
			CASE WHEN OLD.note IS NOT NEW.note THEN 'note' END, NEW.note,
			CASE WHEN OLD.created_at IS NOT NEW.created_at THEN 'created_at' END, NEW.created_at,
			CASE WHEN OLD.created_by IS NOT NEW.created_by THEN 'created_by' END, NEW.created_by) AS n)
	WHERE o <> '{}';
END;

-- campaign_group

CREATE TRIGGER campaign_group_audit_insert AFTER INSERT ON campaign_group
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'campaign_group', NEW.id, NULL,
		bf_json_object(
			'id', NEW.id, 'campaign_id', NEW.campaign_id,
			'position', NEW.position, 'kind', NEW.kind, 'level', NEW.level,
			'label', NEW.label, 'basis', NEW.basis, 'cash1', NEW.cash1,
			'goods1', NEW.goods1, 'cash2', NEW.cash2, 'goods2', NEW.goods2,
			'cash3', NEW.cash3, 'goods3', NEW.goods3,
			'requires_file', NEW.requires_file, 'planned1', NEW.planned1,
			'planned2', NEW.planned2, 'planned3', NEW.planned3));
END;

CREATE TRIGGER campaign_group_audit_delete AFTER DELETE ON campaign_group
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'campaign_group', OLD.id, NULL,
		bf_json_object(
			'id', OLD.id, 'campaign_id', OLD.campaign_id,
			'position', OLD.position, 'kind', OLD.kind, 'level', OLD.level,
			'label', OLD.label, 'basis', OLD.basis, 'cash1', OLD.cash1,
			'goods1', OLD.goods1, 'cash2', OLD.cash2, 'goods2', OLD.goods2,
			'cash3', OLD.cash3, 'goods3', OLD.goods3,
			'requires_file', OLD.requires_file, 'planned1', OLD.planned1,
			'planned2', OLD.planned2, 'planned3', OLD.planned3));
END;

CREATE TRIGGER campaign_group_audit_update AFTER UPDATE ON campaign_group
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'campaign_group', NEW.id, NULL,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.campaign_id IS NOT NEW.campaign_id THEN 'campaign_id' END, OLD.campaign_id,
			CASE WHEN OLD.position IS NOT NEW.position THEN 'position' END, OLD.position,
			CASE WHEN OLD.kind IS NOT NEW.kind THEN 'kind' END, OLD.kind,
			CASE WHEN OLD.level IS NOT NEW.level THEN 'level' END, OLD.level,
			CASE WHEN OLD.label IS NOT NEW.label THEN 'label' END, OLD.label,
			CASE WHEN OLD.basis IS NOT NEW.basis THEN 'basis' END, OLD.basis,
			CASE WHEN OLD.cash1 IS NOT NEW.cash1 THEN 'cash1' END, OLD.cash1,
			CASE WHEN OLD.goods1 IS NOT NEW.goods1 THEN 'goods1' END, OLD.goods1,
			CASE WHEN OLD.cash2 IS NOT NEW.cash2 THEN 'cash2' END, OLD.cash2,
			CASE WHEN OLD.goods2 IS NOT NEW.goods2 THEN 'goods2' END, OLD.goods2,
			CASE WHEN OLD.cash3 IS NOT NEW.cash3 THEN 'cash3' END, OLD.cash3,
			CASE WHEN OLD.goods3 IS NOT NEW.goods3 THEN 'goods3' END, OLD.goods3,
			CASE WHEN OLD.requires_file IS NOT NEW.requires_file THEN 'requires_file' END, OLD.requires_file,
			CASE WHEN OLD.planned1 IS NOT NEW.planned1 THEN 'planned1' END, OLD.planned1,
			CASE WHEN OLD.planned2 IS NOT NEW.planned2 THEN 'planned2' END, OLD.planned2,
			CASE WHEN OLD.planned3 IS NOT NEW.planned3 THEN 'planned3' END, OLD.planned3) AS o,
	             bf_json_object(
			CASE WHEN OLD.campaign_id IS NOT NEW.campaign_id THEN 'campaign_id' END, NEW.campaign_id,
			CASE WHEN OLD.position IS NOT NEW.position THEN 'position' END, NEW.position,
			CASE WHEN OLD.kind IS NOT NEW.kind THEN 'kind' END, NEW.kind,
			CASE WHEN OLD.level IS NOT NEW.level THEN 'level' END, NEW.level,
			CASE WHEN OLD.label IS NOT NEW.label THEN 'label' END, NEW.label,
			CASE WHEN OLD.basis IS NOT NEW.basis THEN 'basis' END, NEW.basis,
			CASE WHEN OLD.cash1 IS NOT NEW.cash1 THEN 'cash1' END, NEW.cash1,
			CASE WHEN OLD.goods1 IS NOT NEW.goods1 THEN 'goods1' END, NEW.goods1,
			CASE WHEN OLD.cash2 IS NOT NEW.cash2 THEN 'cash2' END, NEW.cash2,
			CASE WHEN OLD.goods2 IS NOT NEW.goods2 THEN 'goods2' END, NEW.goods2,
			CASE WHEN OLD.cash3 IS NOT NEW.cash3 THEN 'cash3' END, NEW.cash3,
			CASE WHEN OLD.goods3 IS NOT NEW.goods3 THEN 'goods3' END, NEW.goods3,
			CASE WHEN OLD.requires_file IS NOT NEW.requires_file THEN 'requires_file' END, NEW.requires_file,
			CASE WHEN OLD.planned1 IS NOT NEW.planned1 THEN 'planned1' END, NEW.planned1,
			CASE WHEN OLD.planned2 IS NOT NEW.planned2 THEN 'planned2' END, NEW.planned2,
			CASE WHEN OLD.planned3 IS NOT NEW.planned3 THEN 'planned3' END, NEW.planned3) AS n)
	WHERE o <> '{}';
END;

-- campaign_recipient

CREATE TRIGGER campaign_recipient_audit_insert AFTER INSERT ON campaign_recipient
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'campaign_recipient', NEW.id, NEW.case_id,
		bf_json_object(
			'id', NEW.id, 'campaign_id', NEW.campaign_id,
			'case_id', NEW.case_id, 'group_id', NEW.group_id,
			'also_groups', NEW.also_groups, 'case_number', NEW.case_number,
			'name', NEW.name, 'id_number', NEW.id_number, 'unit', NEW.unit,
			'community', NEW.community, 'household_size', NEW.household_size,
			'standard', NEW.standard, 'cash', NEW.cash, 'goods', NEW.goods,
			'capped', NEW.capped, 'included', NEW.included,
			'exclusion', NEW.exclusion, 'exclusion_note', NEW.exclusion_note,
			'add_back_reason', NEW.add_back_reason,
			'paid_status', NEW.paid_status,
			'not_paid_reason', NEW.not_paid_reason));
END;

CREATE TRIGGER campaign_recipient_audit_delete AFTER DELETE ON campaign_recipient
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'campaign_recipient', OLD.id, OLD.case_id,
		bf_json_object(
			'id', OLD.id, 'campaign_id', OLD.campaign_id,
			'case_id', OLD.case_id, 'group_id', OLD.group_id,
			'also_groups', OLD.also_groups, 'case_number', OLD.case_number,
			'name', OLD.name, 'id_number', OLD.id_number, 'unit', OLD.unit,
			'community', OLD.community, 'household_size', OLD.household_size,
			'standard', OLD.standard, 'cash', OLD.cash, 'goods', OLD.goods,
			'capped', OLD.capped, 'included', OLD.included,
			'exclusion', OLD.exclusion, 'exclusion_note', OLD.exclusion_note,
			'add_back_reason', OLD.add_back_reason,
			'paid_status', OLD.paid_status,
			'not_paid_reason', OLD.not_paid_reason));
END;

CREATE TRIGGER campaign_recipient_audit_update AFTER UPDATE ON campaign_recipient
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'campaign_recipient', NEW.id, NEW.case_id,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.campaign_id IS NOT NEW.campaign_id THEN 'campaign_id' END, OLD.campaign_id,
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, OLD.case_id,
			CASE WHEN OLD.group_id IS NOT NEW.group_id THEN 'group_id' END, OLD.group_id,
			CASE WHEN OLD.also_groups IS NOT NEW.also_groups THEN 'also_groups' END, OLD.also_groups,
			CASE WHEN OLD.case_number IS NOT NEW.case_number THEN 'case_number' END, OLD.case_number,
			CASE WHEN OLD.name IS NOT NEW.name THEN 'name' END, OLD.name,
			CASE WHEN OLD.id_number IS NOT NEW.id_number THEN 'id_number' END, OLD.id_number,
			CASE WHEN OLD.unit IS NOT NEW.unit THEN 'unit' END, OLD.unit,
			CASE WHEN OLD.community IS NOT NEW.community THEN 'community' END, OLD.community,
			CASE WHEN OLD.household_size IS NOT NEW.household_size THEN 'household_size' END, OLD.household_size,
			CASE WHEN OLD.standard IS NOT NEW.standard THEN 'standard' END, OLD.standard,
			CASE WHEN OLD.cash IS NOT NEW.cash THEN 'cash' END, OLD.cash,
			CASE WHEN OLD.goods IS NOT NEW.goods THEN 'goods' END, OLD.goods,
			CASE WHEN OLD.capped IS NOT NEW.capped THEN 'capped' END, OLD.capped,
			CASE WHEN OLD.included IS NOT NEW.included THEN 'included' END, OLD.included,
			CASE WHEN OLD.exclusion IS NOT NEW.exclusion THEN 'exclusion' END, OLD.exclusion,
			CASE WHEN OLD.exclusion_note IS NOT NEW.exclusion_note THEN 'exclusion_note' END, OLD.exclusion_note,
			CASE WHEN OLD.add_back_reason IS NOT NEW.add_back_reason THEN 'add_back_reason' END, OLD.add_back_reason,
			CASE WHEN OLD.paid_status IS NOT NEW.paid_status THEN 'paid_status' END, OLD.paid_status,
			CASE WHEN OLD.not_paid_reason IS NOT NEW.not_paid_reason THEN 'not_paid_reason' END, OLD.not_paid_reason) AS o,
	             bf_json_object(
			CASE WHEN OLD.campaign_id IS NOT NEW.campaign_id THEN 'campaign_id' END, NEW.campaign_id,
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, NEW.case_id,
			CASE WHEN OLD.group_id IS NOT NEW.group_id THEN 'group_id' END, NEW.group_id,
			CASE WHEN OLD.also_groups IS NOT NEW.also_groups THEN 'also_groups' END, NEW.also_groups,
			CASE WHEN OLD.case_number IS NOT NEW.case_number THEN 'case_number' END, NEW.case_number,
			CASE WHEN OLD.name IS NOT NEW.name THEN 'name' END, NEW.name,
			CASE WHEN OLD.id_number IS NOT NEW.id_number THEN 'id_number' END, NEW.id_number,
			CASE WHEN OLD.unit IS NOT NEW.unit THEN 'unit' END, NEW.unit,
			CASE WHEN OLD.community IS NOT NEW.community THEN 'community' END, NEW.community,
			CASE WHEN OLD.household_size IS NOT NEW.household_size THEN 'household_size' END, NEW.household_size,
			CASE WHEN OLD.standard IS NOT NEW.standard THEN 'standard' END, NEW.standard,
			CASE WHEN OLD.cash IS NOT NEW.cash THEN 'cash' END, NEW.cash,
			CASE WHEN OLD.goods IS NOT NEW.goods THEN 'goods' END, NEW.goods,
			CASE WHEN OLD.capped IS NOT NEW.capped THEN 'capped' END, NEW.capped,
			CASE WHEN OLD.included IS NOT NEW.included THEN 'included' END, NEW.included,
			CASE WHEN OLD.exclusion IS NOT NEW.exclusion THEN 'exclusion' END, NEW.exclusion,
			CASE WHEN OLD.exclusion_note IS NOT NEW.exclusion_note THEN 'exclusion_note' END, NEW.exclusion_note,
			CASE WHEN OLD.add_back_reason IS NOT NEW.add_back_reason THEN 'add_back_reason' END, NEW.add_back_reason,
			CASE WHEN OLD.paid_status IS NOT NEW.paid_status THEN 'paid_status' END, NEW.paid_status,
			CASE WHEN OLD.not_paid_reason IS NOT NEW.not_paid_reason THEN 'not_paid_reason' END, NEW.not_paid_reason) AS n)
	WHERE o <> '{}';
END;

-- payment

CREATE TRIGGER payment_audit_insert AFTER INSERT ON payment
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'payment', NEW.id, NEW.case_id,
		bf_json_object(
			'id', NEW.id, 'recipient_id', NEW.recipient_id,
			'consolation_id', NEW.consolation_id,
			'campaign_id', NEW.campaign_id, 'case_id', NEW.case_id,
			'paid_on', NEW.paid_on, 'year', NEW.year, 'cash', NEW.cash,
			'goods', NEW.goods, 'payee', NEW.payee, 'unit', NEW.unit,
			'grp', NEW.grp, 'signer', NEW.signer,
			'signer_relation', NEW.signer_relation, 'phone', NEW.phone,
			'created_at', NEW.created_at, 'created_by', NEW.created_by));
END;

CREATE TRIGGER payment_audit_delete AFTER DELETE ON payment
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'payment', OLD.id, OLD.case_id,
		bf_json_object(
			'id', OLD.id, 'recipient_id', OLD.recipient_id,
			'consolation_id', OLD.consolation_id,
			'campaign_id', OLD.campaign_id, 'case_id', OLD.case_id,
			'paid_on', OLD.paid_on, 'year', OLD.year, 'cash', OLD.cash,
			'goods', OLD.goods, 'payee', OLD.payee, 'unit', OLD.unit,
			'grp', OLD.grp, 'signer', OLD.signer,
			'signer_relation', OLD.signer_relation, 'phone', OLD.phone,
			'created_at', OLD.created_at, 'created_by', OLD.created_by));
END;

CREATE TRIGGER payment_audit_update AFTER UPDATE ON payment
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'payment', NEW.id, NEW.case_id,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.recipient_id IS NOT NEW.recipient_id THEN 'recipient_id' END, OLD.recipient_id,
			CASE WHEN OLD.consolation_id IS NOT NEW.consolation_id THEN 'consolation_id' END, OLD.consolation_id,
			CASE WHEN OLD.campaign_id IS NOT NEW.campaign_id THEN 'campaign_id' END, OLD.campaign_id,
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, OLD.case_id,
			CASE WHEN OLD.paid_on IS NOT NEW.paid_on THEN 'paid_on' END, OLD.paid_on,
			CASE WHEN OLD.year IS NOT NEW.year THEN 'year' END, OLD.year,
			CASE WHEN OLD.cash IS NOT NEW.cash THEN 'cash' END, OLD.cash,
			CASE WHEN OLD.goods IS NOT NEW.goods THEN 'goods' END, OLD.goods,
			CASE WHEN OLD.payee IS NOT NEW.payee THEN 'payee' END, OLD.payee,
			CASE WHEN OLD.unit IS NOT NEW.unit THEN 'unit' END, OLD.unit,
			CASE WHEN OLD.grp IS NOT NEW.grp THEN 'grp' END, OLD.grp,
			CASE WHEN OLD.signer IS NOT NEW.signer THEN 'signer' END, OLD.signer,
			CASE WHEN OLD.signer_relation IS NOT NEW.signer_relation THEN 'signer_relation' END, OLD.signer_relation,
			CASE WHEN OLD.phone IS NOT NEW.phone THEN 'phone' END, OLD.phone,
			CASE WHEN OLD.created_at IS NOT NEW.created_at THEN 'created_at' END, OLD.created_at,
			CASE WHEN OLD.created_by IS NOT NEW.created_by THEN 'created_by' END, OLD.created_by) AS o,
	             bf_json_object(
			CASE WHEN OLD.recipient_id IS NOT NEW.recipient_id THEN 'recipient_id' END, NEW.recipient_id,
			CASE WHEN OLD.consolation_id IS NOT NEW.consolation_id THEN 'consolation_id' END, NEW.consolation_id,
			CASE WHEN OLD.campaign_id IS NOT NEW.campaign_id THEN 'campaign_id' END, NEW.campaign_id,
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, NEW.case_id,
			CASE WHEN OLD.paid_on IS NOT NEW.paid_on THEN 'paid_on' END, NEW.paid_on,
			CASE WHEN OLD.year IS NOT NEW.year THEN 'year' END, NEW.year,
			CASE WHEN OLD.cash IS NOT NEW.cash THEN 'cash' END, NEW.cash,
			CASE WHEN OLD.goods IS NOT NEW.goods THEN 'goods' END, NEW.goods,
			CASE WHEN OLD.payee IS NOT NEW.payee THEN 'payee' END, NEW.payee,
			CASE WHEN OLD.unit IS NOT NEW.unit THEN 'unit' END, NEW.unit,
			CASE WHEN OLD.grp IS NOT NEW.grp THEN 'grp' END, NEW.grp,
			CASE WHEN OLD.signer IS NOT NEW.signer THEN 'signer' END, NEW.signer,
			CASE WHEN OLD.signer_relation IS NOT NEW.signer_relation THEN 'signer_relation' END, NEW.signer_relation,
			CASE WHEN OLD.phone IS NOT NEW.phone THEN 'phone' END, NEW.phone,
			CASE WHEN OLD.created_at IS NOT NEW.created_at THEN 'created_at' END, NEW.created_at,
			CASE WHEN OLD.created_by IS NOT NEW.created_by THEN 'created_by' END, NEW.created_by) AS n)
	WHERE o <> '{}';
END;

-- spotcheck_draw

CREATE TRIGGER spotcheck_draw_audit_insert AFTER INSERT ON spotcheck_draw
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'spotcheck_draw', NEW.id, NULL,
		bf_json_object(
			'id', NEW.id, 'campaign_id', NEW.campaign_id, 'seed', NEW.seed,
			'percent', NEW.percent, 'place_by', NEW.place_by,
			'population', NEW.population, 'drawn', NEW.drawn,
			'drawn_at', NEW.drawn_at, 'drawn_by', NEW.drawn_by));
END;

CREATE TRIGGER spotcheck_draw_audit_delete AFTER DELETE ON spotcheck_draw
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'spotcheck_draw', OLD.id, NULL,
		bf_json_object(
			'id', OLD.id, 'campaign_id', OLD.campaign_id, 'seed', OLD.seed,
			'percent', OLD.percent, 'place_by', OLD.place_by,
			'population', OLD.population, 'drawn', OLD.drawn,
			'drawn_at', OLD.drawn_at, 'drawn_by', OLD.drawn_by));
END;

CREATE TRIGGER spotcheck_draw_audit_update AFTER UPDATE ON spotcheck_draw
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'spotcheck_draw', NEW.id, NULL,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.campaign_id IS NOT NEW.campaign_id THEN 'campaign_id' END, OLD.campaign_id,
			CASE WHEN OLD.seed IS NOT NEW.seed THEN 'seed' END, OLD.seed,
			CASE WHEN OLD.percent IS NOT NEW.percent THEN 'percent' END, OLD.percent,
			CASE WHEN OLD.place_by IS NOT NEW.place_by THEN 'place_by' END, OLD.place_by,
			CASE WHEN OLD.population IS NOT NEW.population THEN 'population' END, OLD.population,
			CASE WHEN OLD.drawn IS NOT NEW.drawn THEN 'drawn' END, OLD.drawn,
			CASE WHEN OLD.drawn_at IS NOT NEW.drawn_at THEN 'drawn_at' END, OLD.drawn_at,
			CASE WHEN OLD.drawn_by IS NOT NEW.drawn_by THEN 'drawn_by' END, OLD.drawn_by) AS o,
	             bf_json_object(
			CASE WHEN OLD.campaign_id IS NOT NEW.campaign_id THEN 'campaign_id' END, NEW.campaign_id,
			CASE WHEN OLD.seed IS NOT NEW.seed THEN 'seed' END, NEW.seed,
			CASE WHEN OLD.percent IS NOT NEW.percent THEN 'percent' END, NEW.percent,
			CASE WHEN OLD.place_by IS NOT NEW.place_by THEN 'place_by' END, NEW.place_by,
			CASE WHEN OLD.population IS NOT NEW.population THEN 'population' END, NEW.population,
			CASE WHEN OLD.drawn IS NOT NEW.drawn THEN 'drawn' END, NEW.drawn,
			CASE WHEN OLD.drawn_at IS NOT NEW.drawn_at THEN 'drawn_at' END, NEW.drawn_at,
			CASE WHEN OLD.drawn_by IS NOT NEW.drawn_by THEN 'drawn_by' END, NEW.drawn_by) AS n)
	WHERE o <> '{}';
END;

-- spotcheck_item

CREATE TRIGGER spotcheck_item_audit_insert AFTER INSERT ON spotcheck_item
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'spotcheck_item', NEW.id, NULL,
		bf_json_object(
			'id', NEW.id, 'draw_id', NEW.draw_id,
			'recipient_id', NEW.recipient_id, 'place', NEW.place,
			'method', NEW.method, 'checked_on', NEW.checked_on,
			'reached', NEW.reached, 'amount_confirmed', NEW.amount_confirmed,
			'problem', NEW.problem, 'checked_by', NEW.checked_by));
END;

CREATE TRIGGER spotcheck_item_audit_delete AFTER DELETE ON spotcheck_item
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'spotcheck_item', OLD.id, NULL,
		bf_json_object(
			'id', OLD.id, 'draw_id', OLD.draw_id,
			'recipient_id', OLD.recipient_id, 'place', OLD.place,
			'method', OLD.method, 'checked_on', OLD.checked_on,
			'reached', OLD.reached, 'amount_confirmed', OLD.amount_confirmed,
			'problem', OLD.problem, 'checked_by', OLD.checked_by));
END;

CREATE TRIGGER spotcheck_item_audit_update AFTER UPDATE ON spotcheck_item
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'spotcheck_item', NEW.id, NULL,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.draw_id IS NOT NEW.draw_id THEN 'draw_id' END, OLD.draw_id,
			CASE WHEN OLD.recipient_id IS NOT NEW.recipient_id THEN 'recipient_id' END, OLD.recipient_id,
			CASE WHEN OLD.place IS NOT NEW.place THEN 'place' END, OLD.place,
			CASE WHEN OLD.method IS NOT NEW.method THEN 'method' END, OLD.method,
			CASE WHEN OLD.checked_on IS NOT NEW.checked_on THEN 'checked_on' END, OLD.checked_on,
			CASE WHEN OLD.reached IS NOT NEW.reached THEN 'reached' END, OLD.reached,
			CASE WHEN OLD.amount_confirmed IS NOT NEW.amount_confirmed THEN 'amount_confirmed' END, OLD.amount_confirmed,
			CASE WHEN OLD.problem IS NOT NEW.problem THEN 'problem' END, OLD.problem,
			CASE WHEN OLD.checked_by IS NOT NEW.checked_by THEN 'checked_by' END, OLD.checked_by) AS o,
	             bf_json_object(
			CASE WHEN OLD.draw_id IS NOT NEW.draw_id THEN 'draw_id' END, NEW.draw_id,
			CASE WHEN OLD.recipient_id IS NOT NEW.recipient_id THEN 'recipient_id' END, NEW.recipient_id,
			CASE WHEN OLD.place IS NOT NEW.place THEN 'place' END, NEW.place,
			CASE WHEN OLD.method IS NOT NEW.method THEN 'method' END, NEW.method,
			CASE WHEN OLD.checked_on IS NOT NEW.checked_on THEN 'checked_on' END, NEW.checked_on,
			CASE WHEN OLD.reached IS NOT NEW.reached THEN 'reached' END, NEW.reached,
			CASE WHEN OLD.amount_confirmed IS NOT NEW.amount_confirmed THEN 'amount_confirmed' END, NEW.amount_confirmed,
			CASE WHEN OLD.problem IS NOT NEW.problem THEN 'problem' END, NEW.problem,
			CASE WHEN OLD.checked_by IS NOT NEW.checked_by THEN 'checked_by' END, NEW.checked_by) AS n)
	WHERE o <> '{}';
END;
