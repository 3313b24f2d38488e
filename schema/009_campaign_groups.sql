-- 009_campaign_groups.sql — campaign groups as the office names them.
--
-- A group is what the office says it is (困难党员, 老党员, 贫困家庭, 五保户,
-- 村干部 ...): a label, required and unique within its campaign; an
-- optional kind (hardship, model_worker, migrant, special) where a rule
-- depends on it — the draw finds the files of that kind, a model-worker
-- level, the file requirement's default, the national categories of the
-- ledger; the basis (person, household, household size); cash and goods
-- and what the goods are (goods_note); the planned number of people or
-- households; whether an approved file is required. Any number of groups,
-- any number of one kind (004 allowed one per kind and level).
--
-- People are placed in a group by hand (campaign_placement): that is how a
-- group without a kind gets its members, and how a group of a kind gets
-- someone the files alone do not show. A household in several groups is
-- still aided once, at the highest standard (campaign.h).
--
-- campaign_group is rebuilt (kind becomes optional, label required and
-- unique, goods_note added): its rows are carried with their ids, so the
-- drawn lists (campaign_recipient.group_id) keep pointing at them. A row
-- without a label gets its kind's Chinese name (with the model-worker
-- level), and a label already used earlier in the same campaign gets its
-- position added: "困难职工（2）". The audit triggers are made again for
-- the new columns. The foreign keys from campaign_recipient are checked at
-- the end of the step (defer_foreign_keys lasts until the commit).

PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE campaign_group_009 AS
WITH named AS (
	SELECT g.*, coalesce(g.label,
		CASE g.kind WHEN 'hardship' THEN '困难职工'
			WHEN 'model_worker' THEN '劳动模范'
			WHEN 'migrant' THEN '困难农民工'
			ELSE '特别困难职工' END ||
		CASE g.level WHEN 'national' THEN '（全国）'
			WHEN 'provincial' THEN '（省级）'
			WHEN 'municipal' THEN '（市级）'
			ELSE '' END) AS name
	FROM campaign_group g)
SELECT n.*, CASE WHEN EXISTS (SELECT 1 FROM named e WHERE e.campaign_id = n.campaign_id
		AND e.name = n.name AND e.position < n.position)
	THEN n.name || '（' || (n.position + 1) || '）' ELSE n.name END AS new_label
FROM named n;

DROP TABLE campaign_group;

CREATE TABLE campaign_group (
	id INTEGER PRIMARY KEY,
	campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
	position INTEGER NOT NULL CHECK (position >= 0),
	label TEXT NOT NULL CHECK (label <> ''),
	kind TEXT CHECK (kind IN ('hardship', 'model_worker', 'migrant', 'special')),
	level TEXT CHECK (level IN ('national', 'provincial', 'municipal')),
	basis TEXT NOT NULL CHECK (basis IN ('person', 'household', 'size')),
	cash1 INTEGER NOT NULL DEFAULT 0 CHECK (cash1 >= 0),
	goods1 INTEGER NOT NULL DEFAULT 0 CHECK (goods1 >= 0),
	cash2 INTEGER NOT NULL DEFAULT 0 CHECK (cash2 >= 0),
	goods2 INTEGER NOT NULL DEFAULT 0 CHECK (goods2 >= 0),
	cash3 INTEGER NOT NULL DEFAULT 0 CHECK (cash3 >= 0),
	goods3 INTEGER NOT NULL DEFAULT 0 CHECK (goods3 >= 0),
	goods_note TEXT CHECK (goods_note <> ''),       -- what the goods are: 米、油
	requires_file INTEGER NOT NULL DEFAULT 1 CHECK (requires_file IN (0, 1)),
	planned1 INTEGER NOT NULL DEFAULT 0 CHECK (planned1 >= 0),
	planned2 INTEGER NOT NULL DEFAULT 0 CHECK (planned2 >= 0),
	planned3 INTEGER NOT NULL DEFAULT 0 CHECK (planned3 >= 0),
	UNIQUE (campaign_id, position),
	UNIQUE (campaign_id, label),
	CHECK (level IS NULL OR kind = 'model_worker')
) STRICT;

INSERT INTO campaign_group (id, campaign_id, position, label, kind, level, basis, cash1,
	goods1, cash2, goods2, cash3, goods3, goods_note, requires_file, planned1, planned2,
	planned3)
SELECT id, campaign_id, position, new_label, kind, level, basis, cash1, goods1, cash2,
	goods2, cash3, goods3, NULL, requires_file, planned1, planned2, planned3
FROM campaign_group_009 ORDER BY id;

DROP TABLE campaign_group_009;

-- Someone placed in a group by hand, with the reason (may be NULL).
CREATE TABLE campaign_placement (
	id INTEGER PRIMARY KEY,
	campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
	group_id INTEGER NOT NULL REFERENCES campaign_group (id) ON DELETE CASCADE,
	case_id INTEGER NOT NULL REFERENCES case_file (id) ON DELETE CASCADE,
	reason TEXT CHECK (reason <> ''),
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	UNIQUE (group_id, case_id)
) STRICT;
CREATE INDEX campaign_placement_campaign ON campaign_placement (campaign_id, case_id);
CREATE INDEX campaign_placement_case ON campaign_placement (case_id);

-- ---- audit triggers, the same shape as 004's ----------------------------------

-- campaign_group

CREATE TRIGGER campaign_group_audit_insert AFTER INSERT ON campaign_group
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'campaign_group', NEW.id, NULL,
		bf_json_object(
			'id', NEW.id, 'campaign_id', NEW.campaign_id, 'position', NEW.position,
			'label', NEW.label, 'kind', NEW.kind, 'level', NEW.level,
			'basis', NEW.basis, 'cash1', NEW.cash1, 'goods1', NEW.goods1,
			'cash2', NEW.cash2, 'goods2', NEW.goods2, 'cash3', NEW.cash3,
			'goods3', NEW.goods3, 'goods_note', NEW.goods_note,
			'requires_file', NEW.requires_file, 'planned1', NEW.planned1,
			'planned2', NEW.planned2, 'planned3', NEW.planned3));
END;

CREATE TRIGGER campaign_group_audit_delete AFTER DELETE ON campaign_group
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'campaign_group', OLD.id, NULL,
		bf_json_object(
			'id', OLD.id, 'campaign_id', OLD.campaign_id, 'position', OLD.position,
			'label', OLD.label, 'kind', OLD.kind, 'level', OLD.level,
			'basis', OLD.basis, 'cash1', OLD.cash1, 'goods1', OLD.goods1,
			'cash2', OLD.cash2, 'goods2', OLD.goods2, 'cash3', OLD.cash3,
			'goods3', OLD.goods3, 'goods_note', OLD.goods_note,
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
			CASE WHEN OLD.label IS NOT NEW.label THEN 'label' END, OLD.label,
			CASE WHEN OLD.kind IS NOT NEW.kind THEN 'kind' END, OLD.kind,
			CASE WHEN OLD.level IS NOT NEW.level THEN 'level' END, OLD.level,
			CASE WHEN OLD.basis IS NOT NEW.basis THEN 'basis' END, OLD.basis,
			CASE WHEN OLD.cash1 IS NOT NEW.cash1 THEN 'cash1' END, OLD.cash1,
			CASE WHEN OLD.goods1 IS NOT NEW.goods1 THEN 'goods1' END, OLD.goods1,
			CASE WHEN OLD.cash2 IS NOT NEW.cash2 THEN 'cash2' END, OLD.cash2,
			CASE WHEN OLD.goods2 IS NOT NEW.goods2 THEN 'goods2' END, OLD.goods2,
			CASE WHEN OLD.cash3 IS NOT NEW.cash3 THEN 'cash3' END, OLD.cash3,
			CASE WHEN OLD.goods3 IS NOT NEW.goods3 THEN 'goods3' END, OLD.goods3,
			CASE WHEN OLD.goods_note IS NOT NEW.goods_note THEN 'goods_note' END, OLD.goods_note,
			CASE WHEN OLD.requires_file IS NOT NEW.requires_file THEN 'requires_file' END, OLD.requires_file,
			CASE WHEN OLD.planned1 IS NOT NEW.planned1 THEN 'planned1' END, OLD.planned1,
			CASE WHEN OLD.planned2 IS NOT NEW.planned2 THEN 'planned2' END, OLD.planned2,
			CASE WHEN OLD.planned3 IS NOT NEW.planned3 THEN 'planned3' END, OLD.planned3) AS o,
	             bf_json_object(
			CASE WHEN OLD.campaign_id IS NOT NEW.campaign_id THEN 'campaign_id' END, NEW.campaign_id,
			CASE WHEN OLD.position IS NOT NEW.position THEN 'position' END, NEW.position,
			CASE WHEN OLD.label IS NOT NEW.label THEN 'label' END, NEW.label,
			CASE WHEN OLD.kind IS NOT NEW.kind THEN 'kind' END, NEW.kind,
			CASE WHEN OLD.level IS NOT NEW.level THEN 'level' END, NEW.level,
			CASE WHEN OLD.basis IS NOT NEW.basis THEN 'basis' END, NEW.basis,
			CASE WHEN OLD.cash1 IS NOT NEW.cash1 THEN 'cash1' END, NEW.cash1,
			CASE WHEN OLD.goods1 IS NOT NEW.goods1 THEN 'goods1' END, NEW.goods1,
			CASE WHEN OLD.cash2 IS NOT NEW.cash2 THEN 'cash2' END, NEW.cash2,
			CASE WHEN OLD.goods2 IS NOT NEW.goods2 THEN 'goods2' END, NEW.goods2,
			CASE WHEN OLD.cash3 IS NOT NEW.cash3 THEN 'cash3' END, NEW.cash3,
			CASE WHEN OLD.goods3 IS NOT NEW.goods3 THEN 'goods3' END, NEW.goods3,
			CASE WHEN OLD.goods_note IS NOT NEW.goods_note THEN 'goods_note' END, NEW.goods_note,
			CASE WHEN OLD.requires_file IS NOT NEW.requires_file THEN 'requires_file' END, NEW.requires_file,
			CASE WHEN OLD.planned1 IS NOT NEW.planned1 THEN 'planned1' END, NEW.planned1,
			CASE WHEN OLD.planned2 IS NOT NEW.planned2 THEN 'planned2' END, NEW.planned2,
			CASE WHEN OLD.planned3 IS NOT NEW.planned3 THEN 'planned3' END, NEW.planned3) AS n)
	WHERE o <> '{}';
END;

-- campaign_placement

CREATE TRIGGER campaign_placement_audit_insert AFTER INSERT ON campaign_placement
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'campaign_placement', NEW.id, NEW.case_id,
		bf_json_object(
			'id', NEW.id, 'campaign_id', NEW.campaign_id, 'group_id', NEW.group_id,
			'case_id', NEW.case_id, 'reason', NEW.reason,
			'created_at', NEW.created_at, 'created_by', NEW.created_by));
END;

CREATE TRIGGER campaign_placement_audit_delete AFTER DELETE ON campaign_placement
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'campaign_placement', OLD.id, OLD.case_id,
		bf_json_object(
			'id', OLD.id, 'campaign_id', OLD.campaign_id, 'group_id', OLD.group_id,
			'case_id', OLD.case_id, 'reason', OLD.reason,
			'created_at', OLD.created_at, 'created_by', OLD.created_by));
END;

CREATE TRIGGER campaign_placement_audit_update AFTER UPDATE ON campaign_placement
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'campaign_placement', NEW.id, NEW.case_id,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.campaign_id IS NOT NEW.campaign_id THEN 'campaign_id' END, OLD.campaign_id,
			CASE WHEN OLD.group_id IS NOT NEW.group_id THEN 'group_id' END, OLD.group_id,
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, OLD.case_id,
			CASE WHEN OLD.reason IS NOT NEW.reason THEN 'reason' END, OLD.reason,
			CASE WHEN OLD.created_at IS NOT NEW.created_at THEN 'created_at' END, OLD.created_at,
			CASE WHEN OLD.created_by IS NOT NEW.created_by THEN 'created_by' END, OLD.created_by) AS o,
	             bf_json_object(
			CASE WHEN OLD.campaign_id IS NOT NEW.campaign_id THEN 'campaign_id' END, NEW.campaign_id,
			CASE WHEN OLD.group_id IS NOT NEW.group_id THEN 'group_id' END, NEW.group_id,
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, NEW.case_id,
			CASE WHEN OLD.reason IS NOT NEW.reason THEN 'reason' END, NEW.reason,
			CASE WHEN OLD.created_at IS NOT NEW.created_at THEN 'created_at' END, NEW.created_at,
			CASE WHEN OLD.created_by IS NOT NEW.created_by THEN 'created_by' END, NEW.created_by) AS n)
	WHERE o <> '{}';
END;
