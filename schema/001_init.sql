-- 001_init.sql — the initial bangfu schema.
--
-- Conventions
--   * STRICT tables. Money is INTEGER fen (分). Dates are ISO 'YYYY-MM-DD'
--     TEXT (checked with date(x) IS x); timestamps are ISO 8601 UTC TEXT from
--     bf_now(). Enums are TEXT codes, the X-macro codes of casefile.h and
--     documents.h, checked by CHECK ... IN (...). Adding a code to an enum
--     therefore needs a migration that rebuilds the table.
--   * Optional text is NULL when empty, never '' (CHECK (x <> '')); the C
--     side binds with bf_bind_text_or_null and reads NULL back as "".
--   * Every change to the tables that hold casework or configuration is
--     written to audit_log by the triggers at the end of this file, with
--     actor = bf_actor() and at = bf_now(). A write while no operator is set
--     (bf_actor() IS NULL) is refused with 'no operator set'. audit_log is
--     append-only. Drafts are scratch and not audited.
--   * Seed rows are inserted before the triggers are created, so that the
--     migration itself needs no operator (later steps run with the operator
--     '(schema upgrade)' when none is set, see schema.c).
--   * trusted_schema is OFF, so triggers and constraints may only call
--     innocuous functions: SQLite 3.40's json_*() are not, hence our own
--     bf_json_object() (db.c), which also leaves out pairs whose key is NULL.

-- The unit that owns this database (one row).
CREATE TABLE unit (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	name TEXT NOT NULL CHECK (name <> ''),         -- 单位名称
	code TEXT CHECK (code <> ''),                  -- used in file numbers and packages
	union_name TEXT CHECK (union_name <> ''),      -- 基层工会
	district TEXT CHECK (district <> ''),          -- the district union it reports to
	address TEXT CHECK (address <> ''),
	contact TEXT CHECK (contact <> ''),
	phone TEXT CHECK (phone <> ''),
	district_mode INTEGER NOT NULL DEFAULT 0 CHECK (district_mode IN (0, 1)),
	created_at TEXT NOT NULL
) STRICT;

-- Simple key/value settings (publicity_days, reviewer_must_differ, lang, ...).
CREATE TABLE setting (
	key TEXT PRIMARY KEY CHECK (key <> ''),
	value TEXT NOT NULL
) STRICT;

-- Per-year thresholds (see eligibility.h, struct bf_year_settings).
CREATE TABLE year_setting (
	year INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2199),
	min_living INTEGER NOT NULL CHECK (min_living > 0),     -- fen per month (低保线)
	cat1_percent INTEGER NOT NULL CHECK (cat1_percent > 0), -- 150
	cat2_percent INTEGER NOT NULL CHECK (cat2_percent > 0), -- 200
	cat3_percent INTEGER NOT NULL CHECK (cat3_percent > 0), -- 300 (categories 3 and 4)
	cat4_medical INTEGER NOT NULL CHECK (cat4_medical >= 0), -- fen, out-of-pocket medical cost
	cat5_loss INTEGER NOT NULL CHECK (cat5_loss >= 0),       -- fen, direct disaster loss
	min_wage INTEGER NOT NULL CHECK (min_wage >= 0)          -- fen per month
) STRICT;

-- Holiday calendar: official holidays on weekdays and make-up working days
-- (调休) on weekends. Other dates follow the Monday–Friday rule.
CREATE TABLE holiday (
	date TEXT PRIMARY KEY CHECK (date(date) IS date),
	kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
	name TEXT CHECK (name <> '')
) STRICT;

-- The hardship file (困难职工档案). Members and causes are in their own
-- tables; the employee's own identity is member position 0.
-- Column names follow struct bf_case, except:
--   filed_by   = bf_case.created_by (建档人, a name typed on the form);
--   created_at/created_by/updated_at/updated_by = who saved the row and
--   when (the operator, bf_actor()).
-- household_size, per_capita and first_category are computed by bf_assess
-- at every save, for fast lists (first_category 1..5, NULL = none).
CREATE TABLE case_file (
	id INTEGER PRIMARY KEY,
	number TEXT NOT NULL UNIQUE CHECK (number <> ''),       -- 'YYYY-NNNN'
	year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2199),
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN (
		'draft', 'docs_complete', 'approved', 'rejected', 'in_publicity',
		'publicity_passed', 'objection_upheld', 'submitted', 'accepted',
		'returned', 'aided', 'closed')),
	ethnicity TEXT CHECK (ethnicity <> ''),
	political_status TEXT CHECK (political_status <> ''),
	phone TEXT CHECK (phone <> ''),
	postcode TEXT CHECK (postcode <> ''),
	address TEXT CHECK (address <> ''),
	work_start TEXT CHECK (date(work_start) IS work_start),
	industry TEXT CHECK (industry <> ''),
	department TEXT CHECK (department <> ''),
	employer TEXT CHECK (employer <> ''),
	employer_type TEXT CHECK (employer_type <> ''),
	enterprise_status TEXT CHECK (enterprise_status <> ''),
	model_worker TEXT CHECK (model_worker <> ''),
	housing_type TEXT CHECK (housing_type <> ''),
	housing_area_m2 INTEGER NOT NULL DEFAULT 0 CHECK (housing_area_m2 >= 0),
	single_parent INTEGER NOT NULL DEFAULT 0 CHECK (single_parent IN (0, 1)),
	zero_employment INTEGER NOT NULL DEFAULT 0 CHECK (zero_employment IN (0, 1)),
	other_income_year INTEGER NOT NULL DEFAULT 0,           -- fen per year
	accident_year INTEGER NOT NULL DEFAULT 0
		CHECK (accident_year = 0 OR accident_year BETWEEN 1900 AND 2199),
	medical_cost_year INTEGER NOT NULL DEFAULT 0 CHECK (medical_cost_year >= 0), -- fen
	disaster_loss INTEGER NOT NULL DEFAULT 0 CHECK (disaster_loss >= 0),         -- fen
	family_situation TEXT CHECK (family_situation <> ''),
	hardship_cause_text TEXT CHECK (hardship_cause_text <> ''),
	state_of_mind TEXT CHECK (state_of_mind <> ''),
	skills TEXT CHECK (skills <> ''),
	employment_wish TEXT CHECK (employment_wish <> ''),
	bank_name TEXT CHECK (bank_name <> ''),
	bank_branch TEXT CHECK (bank_branch <> ''),
	bank_card TEXT CHECK (bank_card <> ''),
	filed_by TEXT CHECK (filed_by <> ''),
	reviewed_by TEXT CHECK (reviewed_by <> ''),
	keyed_by TEXT CHECK (keyed_by <> ''),
	unit_opinion TEXT CHECK (unit_opinion <> ''),
	union_opinion TEXT CHECK (union_opinion <> ''),
	-- the employee's name and ID copied from member 0, and the pinyin initials
	-- of the name, for fast sorted and searched lists (kept by bf_case_save)
	name TEXT,
	id_number TEXT,
	name_key TEXT,
	name_mask INTEGER NOT NULL DEFAULT 0, -- bf_pinyin_name_mask(name): search pre-filter
	household_size INTEGER NOT NULL DEFAULT 0 CHECK (household_size >= 0),
	per_capita INTEGER NOT NULL DEFAULT 0,                  -- fen per month
	first_category INTEGER CHECK (first_category BETWEEN 1 AND 5),
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL
) STRICT;
CREATE INDEX case_file_year ON case_file (year, status);
CREATE INDEX case_file_status ON case_file (status);
-- the next file number of a year: max of the numeric part, found through
-- this index instead of a scan (bf_case_save's allocate_number)
CREATE INDEX case_file_seq ON case_file (substr(number, 1, 5), CAST(substr(number, 6) AS INTEGER));
CREATE INDEX case_file_name ON case_file (name_key, name, number);
-- search as you type scans this narrow index, not the wide rows
CREATE INDEX case_file_search ON case_file (number, name, id_number, name_mask);
CREATE INDEX case_file_department ON case_file (department, number);
CREATE INDEX case_file_per_capita ON case_file (per_capita, number);
CREATE INDEX case_file_category ON case_file (first_category, number);

-- Household members, in form order: position 0 is the employee (relation
-- 'self'). UNIQUE (case_id, position) is kept while reordering by first
-- moving the rows to be renumbered to -1 - position (bf_case_save), which the
-- audit trigger ignores; hence the negative positions allowed here.
CREATE TABLE member (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES case_file (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	name TEXT NOT NULL CHECK (name <> ''),
	relation TEXT NOT NULL CHECK (relation IN (
		'self', 'spouse', 'child', 'father', 'mother', 'father_in_law',
		'mother_in_law', 'sibling', 'child_in_law', 'grandchild', 'grandparent',
		'other')),
	id_number TEXT CHECK (id_number <> ''),
	birth_date TEXT CHECK (date(birth_date) IS birth_date),
	marital TEXT NOT NULL CHECK (marital IN ('unmarried', 'married', 'divorced', 'widowed')),
	status TEXT NOT NULL CHECK (status IN (
		'employed', 'laid_off', 'unemployed', 'retired', 'sick_leave',
		'early_retired', 'migrant', 'custody', 'student', 'preschool',
		'no_capacity')),
	school_or_employer TEXT CHECK (school_or_employer <> ''),
	health TEXT NOT NULL CHECK (health IN ('good', 'ill', 'major')),
	disease TEXT CHECK (disease <> ''),
	diagnosis_year INTEGER NOT NULL DEFAULT 0
		CHECK (diagnosis_year = 0 OR diagnosis_year BETWEEN 1900 AND 2199),
	disability TEXT NOT NULL CHECK (disability IN (
		'none', 'visual', 'hearing', 'speech', 'physical', 'intellectual',
		'mental', 'multiple')),
	disability_grade INTEGER NOT NULL DEFAULT 0 CHECK (disability_grade BETWEEN 0 AND 4),
	insurance TEXT NOT NULL CHECK (insurance IN ('none', 'employee', 'resident', 'other')),
	hukou TEXT NOT NULL CHECK (hukou IN ('nonagri', 'agri', 'converted')),
	monthly_income INTEGER NOT NULL DEFAULT 0 CHECK (monthly_income >= 0), -- fen
	proof TEXT NOT NULL CHECK (proof IN (
		'none', 'employer', 'pension', 'custody', 'unemployment', 'other')),
	count_override INTEGER NOT NULL DEFAULT 0 CHECK (count_override IN (-1, 0, 1)),
	count_reason TEXT CHECK (count_reason <> ''),
	UNIQUE (case_id, position),
	UNIQUE (case_id, id), -- parent key of checklist_item (case_id, member_id)
	CHECK (position <> 0 OR relation = 'self')
) STRICT;
CREATE UNIQUE INDEX member_one_self ON member (case_id) WHERE relation = 'self';
CREATE INDEX member_id_number ON member (id_number) WHERE id_number IS NOT NULL;

-- Causes of hardship: rank 0 = primary, 1..3 = secondary (the slot of
-- bf_case.secondary_causes + 1).
CREATE TABLE case_cause (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES case_file (id) ON DELETE CASCADE,
	rank INTEGER NOT NULL CHECK (rank BETWEEN 0 AND 3),
	cause TEXT NOT NULL CHECK (cause IN (
		'no_capacity', 'unemployed_able', 'laid_off', 'no_insurance',
		'insurance_unpaid', 'major_illness', 'natural_disaster', 'accident',
		'schooling', 'other')),
	UNIQUE (case_id, rank)
) STRICT;

-- The document checklist (材料清单): one row per required document, keyed by
-- the stable key of documents.h. member_id NULL = for the household; a
-- member's documents go when the member is removed.
CREATE TABLE checklist_item (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES case_file (id) ON DELETE CASCADE,
	key TEXT NOT NULL CHECK (key <> ''),
	doc TEXT NOT NULL CHECK (doc IN (
		'form', 'id_copy', 'hukou', 'disaster_proof', 'disaster_statement',
		'disaster_investigation', 'retirement', 'income_employer',
		'income_custody', 'unemployment', 'student_id', 'disability', 'divorce',
		'diagnosis', 'medical_records', 'medical_receipts')),
	member_id INTEGER,
	status TEXT NOT NULL DEFAULT 'missing' CHECK (status IN ('missing', 'received', 'waived')),
	received_date TEXT CHECK (date(received_date) IS received_date),
	copies INTEGER NOT NULL DEFAULT 0 CHECK (copies >= 0),
	received_by TEXT CHECK (received_by <> ''),
	note TEXT CHECK (note <> ''),
	waive_reason TEXT CHECK (waive_reason <> ''),
	waived_by TEXT CHECK (waived_by <> ''),
	required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
	UNIQUE (case_id, key),
	FOREIGN KEY (case_id, member_id) REFERENCES member (case_id, id) ON DELETE CASCADE,
	CHECK (status <> 'waived' OR waive_reason IS NOT NULL)
) STRICT;
CREATE INDEX checklist_item_member ON checklist_item (member_id) WHERE member_id IS NOT NULL;

-- Workflow history: one row per change of case_file.status.
-- (actor = who made the change; "by" is an SQL keyword.)
CREATE TABLE case_transition (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES case_file (id) ON DELETE CASCADE,
	at TEXT NOT NULL,
	actor TEXT NOT NULL CHECK (actor <> ''),
	from_status TEXT CHECK (from_status IN (
		'draft', 'docs_complete', 'approved', 'rejected', 'in_publicity',
		'publicity_passed', 'objection_upheld', 'submitted', 'accepted',
		'returned', 'aided', 'closed')),
	to_status TEXT NOT NULL CHECK (to_status IN (
		'draft', 'docs_complete', 'approved', 'rejected', 'in_publicity',
		'publicity_passed', 'objection_upheld', 'submitted', 'accepted',
		'returned', 'aided', 'closed')),
	reason TEXT CHECK (reason <> '')
) STRICT;
CREATE INDEX case_transition_case ON case_transition (case_id, at);

-- Drafts: the form as typed (case_text.h), one per case per operator.
-- case_id 0 = a new case not yet saved, hence no foreign key; a deleted
-- case's drafts are removed by a trigger. Not audited (scratch).
CREATE TABLE draft (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL CHECK (case_id >= 0),
	operator TEXT NOT NULL CHECK (operator <> ''),
	text TEXT NOT NULL,
	saved_at TEXT NOT NULL,
	UNIQUE (case_id, operator)
) STRICT;

-- The audit trail. detail is JSON: for an insert or a delete, the whole row;
-- for an update, {"old": {...}, "new": {...}} holding only the columns that
-- changed. Append-only: updates and deletes are refused by triggers.
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	actor TEXT NOT NULL CHECK (actor <> ''),
	action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
	tbl TEXT NOT NULL,
	row_id INTEGER,
	case_id INTEGER, -- no foreign key: the trail outlives the case
	detail TEXT NOT NULL CHECK (detail LIKE '{%}') -- JSON written by bf_json_object()
) STRICT;
CREATE INDEX audit_log_case ON audit_log (case_id) WHERE case_id IS NOT NULL;

-- For lists: a case with its employee (member position 0).
CREATE VIEW case_summary AS
SELECT c.id, c.number, c.year, c.status, m.name AS employee_name,
       m.id_number AS employee_id_number, c.department, c.household_size,
       c.per_capita, c.first_category, c.updated_at, c.updated_by
FROM case_file c
LEFT JOIN member m ON m.case_id = c.id AND m.position = 0;

-- ---- seed rows (before the triggers: the migration has no operator) -------
INSERT INTO setting (key, value) VALUES ('publicity_days', '5');
INSERT INTO setting (key, value) VALUES ('reviewer_must_differ', '0');

-- ---- triggers ----------------------------------------------------------------

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_need_actor BEFORE INSERT ON audit_log
WHEN bf_actor() IS NULL
BEGIN
	SELECT RAISE(ABORT, 'no operator set');
END;

CREATE TRIGGER case_file_drop_drafts AFTER DELETE ON case_file
BEGIN
	DELETE FROM draft WHERE case_id = OLD.id;
END;

-- Audit triggers, one set per table: the same shape everywhere. Each first
-- refuses a write without an operator. For member, an update that only
-- parks a row at a negative position (reordering) is not recorded, and the
-- parked position is read back as -1 - position.

-- case_file

CREATE TRIGGER case_file_audit_insert AFTER INSERT ON case_file
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'case_file', NEW.id, NEW.id,
		bf_json_object(
			'id', NEW.id, 'number', NEW.number, 'year', NEW.year, 'status', NEW.status,
			'ethnicity', NEW.ethnicity, 'political_status', NEW.political_status,
			'phone', NEW.phone, 'postcode', NEW.postcode, 'address', NEW.address,
			'work_start', NEW.work_start, 'industry', NEW.industry,
			'department', NEW.department, 'employer', NEW.employer,
			'employer_type', NEW.employer_type,
			'enterprise_status', NEW.enterprise_status,
			'model_worker', NEW.model_worker, 'housing_type', NEW.housing_type,
			'housing_area_m2', NEW.housing_area_m2, 'single_parent', NEW.single_parent,
			'zero_employment', NEW.zero_employment,
			'other_income_year', NEW.other_income_year,
			'accident_year', NEW.accident_year,
			'medical_cost_year', NEW.medical_cost_year,
			'disaster_loss', NEW.disaster_loss,
			'family_situation', NEW.family_situation,
			'hardship_cause_text', NEW.hardship_cause_text,
			'state_of_mind', NEW.state_of_mind, 'skills', NEW.skills,
			'employment_wish', NEW.employment_wish, 'bank_name', NEW.bank_name,
			'bank_branch', NEW.bank_branch, 'bank_card', NEW.bank_card,
			'filed_by', NEW.filed_by, 'reviewed_by', NEW.reviewed_by,
			'keyed_by', NEW.keyed_by, 'unit_opinion', NEW.unit_opinion,
			'union_opinion', NEW.union_opinion, 'household_size', NEW.household_size,
			'per_capita', NEW.per_capita, 'first_category', NEW.first_category,
			'created_at', NEW.created_at, 'created_by', NEW.created_by,
			'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by));
END;

CREATE TRIGGER case_file_audit_delete AFTER DELETE ON case_file
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'case_file', OLD.id, OLD.id,
		bf_json_object(
			'id', OLD.id, 'number', OLD.number, 'year', OLD.year, 'status', OLD.status,
			'ethnicity', OLD.ethnicity, 'political_status', OLD.political_status,
			'phone', OLD.phone, 'postcode', OLD.postcode, 'address', OLD.address,
			'work_start', OLD.work_start, 'industry', OLD.industry,
			'department', OLD.department, 'employer', OLD.employer,
			'employer_type', OLD.employer_type,
			'enterprise_status', OLD.enterprise_status,
			'model_worker', OLD.model_worker, 'housing_type', OLD.housing_type,
			'housing_area_m2', OLD.housing_area_m2, 'single_parent', OLD.single_parent,
			'zero_employment', OLD.zero_employment,
			'other_income_year', OLD.other_income_year,
			'accident_year', OLD.accident_year,
			'medical_cost_year', OLD.medical_cost_year,
			'disaster_loss', OLD.disaster_loss,
			'family_situation', OLD.family_situation,
			'hardship_cause_text', OLD.hardship_cause_text,
			'state_of_mind', OLD.state_of_mind, 'skills', OLD.skills,
			'employment_wish', OLD.employment_wish, 'bank_name', OLD.bank_name,
			'bank_branch', OLD.bank_branch, 'bank_card', OLD.bank_card,
			'filed_by', OLD.filed_by, 'reviewed_by', OLD.reviewed_by,
			'keyed_by', OLD.keyed_by, 'unit_opinion', OLD.unit_opinion,
			'union_opinion', OLD.union_opinion, 'household_size', OLD.household_size,
			'per_capita', OLD.per_capita, 'first_category', OLD.first_category,
			'created_at', OLD.created_at, 'created_by', OLD.created_by,
			'updated_at', OLD.updated_at, 'updated_by', OLD.updated_by));
END;

CREATE TRIGGER case_file_audit_update AFTER UPDATE ON case_file
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'case_file', NEW.id, NEW.id,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.number IS NOT NEW.number THEN 'number' END, OLD.number,
			CASE WHEN OLD.year IS NOT NEW.year THEN 'year' END, OLD.year,
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, OLD.status,
			CASE WHEN OLD.ethnicity IS NOT NEW.ethnicity THEN 'ethnicity' END, OLD.ethnicity,
			CASE WHEN OLD.political_status IS NOT NEW.political_status THEN 'political_status' END, OLD.political_status,
			CASE WHEN OLD.phone IS NOT NEW.phone THEN 'phone' END, OLD.phone,
			CASE WHEN OLD.postcode IS NOT NEW.postcode THEN 'postcode' END, OLD.postcode,
			CASE WHEN OLD.address IS NOT NEW.address THEN 'address' END, OLD.address,
			CASE WHEN OLD.work_start IS NOT NEW.work_start THEN 'work_start' END, OLD.work_start,
			CASE WHEN OLD.industry IS NOT NEW.industry THEN 'industry' END, OLD.industry,
			CASE WHEN OLD.department IS NOT NEW.department THEN 'department' END, OLD.department,
			CASE WHEN OLD.employer IS NOT NEW.employer THEN 'employer' END, OLD.employer,
			CASE WHEN OLD.employer_type IS NOT NEW.employer_type THEN 'employer_type' END, OLD.employer_type,
			CASE WHEN OLD.enterprise_status IS NOT NEW.enterprise_status THEN 'enterprise_status' END, OLD.enterprise_status,
			CASE WHEN OLD.model_worker IS NOT NEW.model_worker THEN 'model_worker' END, OLD.model_worker,
			CASE WHEN OLD.housing_type IS NOT NEW.housing_type THEN 'housing_type' END, OLD.housing_type,
			CASE WHEN OLD.housing_area_m2 IS NOT NEW.housing_area_m2 THEN 'housing_area_m2' END, OLD.housing_area_m2,
			CASE WHEN OLD.single_parent IS NOT NEW.single_parent THEN 'single_parent' END, OLD.single_parent,
			CASE WHEN OLD.zero_employment IS NOT NEW.zero_employment THEN 'zero_employment' END, OLD.zero_employment,
			CASE WHEN OLD.other_income_year IS NOT NEW.other_income_year THEN 'other_income_year' END, OLD.other_income_year,
			CASE WHEN OLD.accident_year IS NOT NEW.accident_year THEN 'accident_year' END, OLD.accident_year,
			CASE WHEN OLD.medical_cost_year IS NOT NEW.medical_cost_year THEN 'medical_cost_year' END, OLD.medical_cost_year,
			CASE WHEN OLD.disaster_loss IS NOT NEW.disaster_loss THEN 'disaster_loss' END, OLD.disaster_loss,
			CASE WHEN OLD.family_situation IS NOT NEW.family_situation THEN 'family_situation' END, OLD.family_situation,
			CASE WHEN OLD.hardship_cause_text IS NOT NEW.hardship_cause_text THEN 'hardship_cause_text' END, OLD.hardship_cause_text,
			CASE WHEN OLD.state_of_mind IS NOT NEW.state_of_mind THEN 'state_of_mind' END, OLD.state_of_mind,
			CASE WHEN OLD.skills IS NOT NEW.skills THEN 'skills' END, OLD.skills,
			CASE WHEN OLD.employment_wish IS NOT NEW.employment_wish THEN 'employment_wish' END, OLD.employment_wish,
			CASE WHEN OLD.bank_name IS NOT NEW.bank_name THEN 'bank_name' END, OLD.bank_name,
			CASE WHEN OLD.bank_branch IS NOT NEW.bank_branch THEN 'bank_branch' END, OLD.bank_branch,
			CASE WHEN OLD.bank_card IS NOT NEW.bank_card THEN 'bank_card' END, OLD.bank_card,
			CASE WHEN OLD.filed_by IS NOT NEW.filed_by THEN 'filed_by' END, OLD.filed_by,
			CASE WHEN OLD.reviewed_by IS NOT NEW.reviewed_by THEN 'reviewed_by' END, OLD.reviewed_by,
			CASE WHEN OLD.keyed_by IS NOT NEW.keyed_by THEN 'keyed_by' END, OLD.keyed_by,
			CASE WHEN OLD.unit_opinion IS NOT NEW.unit_opinion THEN 'unit_opinion' END, OLD.unit_opinion,
			CASE WHEN OLD.union_opinion IS NOT NEW.union_opinion THEN 'union_opinion' END, OLD.union_opinion,
			CASE WHEN OLD.household_size IS NOT NEW.household_size THEN 'household_size' END, OLD.household_size,
			CASE WHEN OLD.per_capita IS NOT NEW.per_capita THEN 'per_capita' END, OLD.per_capita,
			CASE WHEN OLD.first_category IS NOT NEW.first_category THEN 'first_category' END, OLD.first_category,
			CASE WHEN OLD.created_at IS NOT NEW.created_at THEN 'created_at' END, OLD.created_at,
			CASE WHEN OLD.created_by IS NOT NEW.created_by THEN 'created_by' END, OLD.created_by) AS o,
	             bf_json_object(
			CASE WHEN OLD.number IS NOT NEW.number THEN 'number' END, NEW.number,
			CASE WHEN OLD.year IS NOT NEW.year THEN 'year' END, NEW.year,
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, NEW.status,
			CASE WHEN OLD.ethnicity IS NOT NEW.ethnicity THEN 'ethnicity' END, NEW.ethnicity,
			CASE WHEN OLD.political_status IS NOT NEW.political_status THEN 'political_status' END, NEW.political_status,
			CASE WHEN OLD.phone IS NOT NEW.phone THEN 'phone' END, NEW.phone,
			CASE WHEN OLD.postcode IS NOT NEW.postcode THEN 'postcode' END, NEW.postcode,
			CASE WHEN OLD.address IS NOT NEW.address THEN 'address' END, NEW.address,
			CASE WHEN OLD.work_start IS NOT NEW.work_start THEN 'work_start' END, NEW.work_start,
			CASE WHEN OLD.industry IS NOT NEW.industry THEN 'industry' END, NEW.industry,
			CASE WHEN OLD.department IS NOT NEW.department THEN 'department' END, NEW.department,
			CASE WHEN OLD.employer IS NOT NEW.employer THEN 'employer' END, NEW.employer,
			CASE WHEN OLD.employer_type IS NOT NEW.employer_type THEN 'employer_type' END, NEW.employer_type,
			CASE WHEN OLD.enterprise_status IS NOT NEW.enterprise_status THEN 'enterprise_status' END, NEW.enterprise_status,
			CASE WHEN OLD.model_worker IS NOT NEW.model_worker THEN 'model_worker' END, NEW.model_worker,
			CASE WHEN OLD.housing_type IS NOT NEW.housing_type THEN 'housing_type' END, NEW.housing_type,
			CASE WHEN OLD.housing_area_m2 IS NOT NEW.housing_area_m2 THEN 'housing_area_m2' END, NEW.housing_area_m2,
			CASE WHEN OLD.single_parent IS NOT NEW.single_parent THEN 'single_parent' END, NEW.single_parent,
			CASE WHEN OLD.zero_employment IS NOT NEW.zero_employment THEN 'zero_employment' END, NEW.zero_employment,
			CASE WHEN OLD.other_income_year IS NOT NEW.other_income_year THEN 'other_income_year' END, NEW.other_income_year,
			CASE WHEN OLD.accident_year IS NOT NEW.accident_year THEN 'accident_year' END, NEW.accident_year,
			CASE WHEN OLD.medical_cost_year IS NOT NEW.medical_cost_year THEN 'medical_cost_year' END, NEW.medical_cost_year,
			CASE WHEN OLD.disaster_loss IS NOT NEW.disaster_loss THEN 'disaster_loss' END, NEW.disaster_loss,
			CASE WHEN OLD.family_situation IS NOT NEW.family_situation THEN 'family_situation' END, NEW.family_situation,
			CASE WHEN OLD.hardship_cause_text IS NOT NEW.hardship_cause_text THEN 'hardship_cause_text' END, NEW.hardship_cause_text,
			CASE WHEN OLD.state_of_mind IS NOT NEW.state_of_mind THEN 'state_of_mind' END, NEW.state_of_mind,
			CASE WHEN OLD.skills IS NOT NEW.skills THEN 'skills' END, NEW.skills,
			CASE WHEN OLD.employment_wish IS NOT NEW.employment_wish THEN 'employment_wish' END, NEW.employment_wish,
			CASE WHEN OLD.bank_name IS NOT NEW.bank_name THEN 'bank_name' END, NEW.bank_name,
			CASE WHEN OLD.bank_branch IS NOT NEW.bank_branch THEN 'bank_branch' END, NEW.bank_branch,
			CASE WHEN OLD.bank_card IS NOT NEW.bank_card THEN 'bank_card' END, NEW.bank_card,
			CASE WHEN OLD.filed_by IS NOT NEW.filed_by THEN 'filed_by' END, NEW.filed_by,
			CASE WHEN OLD.reviewed_by IS NOT NEW.reviewed_by THEN 'reviewed_by' END, NEW.reviewed_by,
			CASE WHEN OLD.keyed_by IS NOT NEW.keyed_by THEN 'keyed_by' END, NEW.keyed_by,
			CASE WHEN OLD.unit_opinion IS NOT NEW.unit_opinion THEN 'unit_opinion' END, NEW.unit_opinion,
			CASE WHEN OLD.union_opinion IS NOT NEW.union_opinion THEN 'union_opinion' END, NEW.union_opinion,
			CASE WHEN OLD.household_size IS NOT NEW.household_size THEN 'household_size' END, NEW.household_size,
			CASE WHEN OLD.per_capita IS NOT NEW.per_capita THEN 'per_capita' END, NEW.per_capita,
			CASE WHEN OLD.first_category IS NOT NEW.first_category THEN 'first_category' END, NEW.first_category,
			CASE WHEN OLD.created_at IS NOT NEW.created_at THEN 'created_at' END, NEW.created_at,
			CASE WHEN OLD.created_by IS NOT NEW.created_by THEN 'created_by' END, NEW.created_by) AS n)
	WHERE o <> '{}';
END;

-- member

CREATE TRIGGER member_audit_insert AFTER INSERT ON member
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'member', NEW.id, NEW.case_id,
		bf_json_object(
			'id', NEW.id, 'case_id', NEW.case_id, 'position', NEW.position,
			'name', NEW.name, 'relation', NEW.relation, 'id_number', NEW.id_number,
			'birth_date', NEW.birth_date, 'marital', NEW.marital, 'status', NEW.status,
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
			'birth_date', OLD.birth_date, 'marital', OLD.marital, 'status', OLD.status,
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
			CASE WHEN OLD.birth_date IS NOT NEW.birth_date THEN 'birth_date' END, OLD.birth_date,
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
			CASE WHEN OLD.birth_date IS NOT NEW.birth_date THEN 'birth_date' END, NEW.birth_date,
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

-- case_cause

CREATE TRIGGER case_cause_audit_insert AFTER INSERT ON case_cause
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'case_cause', NEW.id, NEW.case_id,
		bf_json_object(
			'id', NEW.id, 'case_id', NEW.case_id, 'rank', NEW.rank, 'cause', NEW.cause));
END;

CREATE TRIGGER case_cause_audit_delete AFTER DELETE ON case_cause
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'case_cause', OLD.id, OLD.case_id,
		bf_json_object(
			'id', OLD.id, 'case_id', OLD.case_id, 'rank', OLD.rank, 'cause', OLD.cause));
END;

CREATE TRIGGER case_cause_audit_update AFTER UPDATE ON case_cause
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'case_cause', NEW.id, NEW.case_id,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, OLD.case_id,
			CASE WHEN OLD.rank IS NOT NEW.rank THEN 'rank' END, OLD.rank,
			CASE WHEN OLD.cause IS NOT NEW.cause THEN 'cause' END, OLD.cause) AS o,
	             bf_json_object(
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, NEW.case_id,
			CASE WHEN OLD.rank IS NOT NEW.rank THEN 'rank' END, NEW.rank,
			CASE WHEN OLD.cause IS NOT NEW.cause THEN 'cause' END, NEW.cause) AS n)
	WHERE o <> '{}';
END;

-- checklist_item

CREATE TRIGGER checklist_item_audit_insert AFTER INSERT ON checklist_item
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'checklist_item', NEW.id, NEW.case_id,
		bf_json_object(
			'id', NEW.id, 'case_id', NEW.case_id, 'key', NEW.key, 'doc', NEW.doc,
			'member_id', NEW.member_id, 'status', NEW.status,
			'received_date', NEW.received_date, 'copies', NEW.copies,
			'received_by', NEW.received_by, 'note', NEW.note,
			'waive_reason', NEW.waive_reason, 'waived_by', NEW.waived_by,
			'required', NEW.required));
END;

CREATE TRIGGER checklist_item_audit_delete AFTER DELETE ON checklist_item
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'checklist_item', OLD.id, OLD.case_id,
		bf_json_object(
			'id', OLD.id, 'case_id', OLD.case_id, 'key', OLD.key, 'doc', OLD.doc,
			'member_id', OLD.member_id, 'status', OLD.status,
			'received_date', OLD.received_date, 'copies', OLD.copies,
			'received_by', OLD.received_by, 'note', OLD.note,
			'waive_reason', OLD.waive_reason, 'waived_by', OLD.waived_by,
			'required', OLD.required));
END;

CREATE TRIGGER checklist_item_audit_update AFTER UPDATE ON checklist_item
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'checklist_item', NEW.id, NEW.case_id,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, OLD.case_id,
			CASE WHEN OLD.key IS NOT NEW.key THEN 'key' END, OLD.key,
			CASE WHEN OLD.doc IS NOT NEW.doc THEN 'doc' END, OLD.doc,
			CASE WHEN OLD.member_id IS NOT NEW.member_id THEN 'member_id' END, OLD.member_id,
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, OLD.status,
			CASE WHEN OLD.received_date IS NOT NEW.received_date THEN 'received_date' END, OLD.received_date,
			CASE WHEN OLD.copies IS NOT NEW.copies THEN 'copies' END, OLD.copies,
			CASE WHEN OLD.received_by IS NOT NEW.received_by THEN 'received_by' END, OLD.received_by,
			CASE WHEN OLD.note IS NOT NEW.note THEN 'note' END, OLD.note,
			CASE WHEN OLD.waive_reason IS NOT NEW.waive_reason THEN 'waive_reason' END, OLD.waive_reason,
			CASE WHEN OLD.waived_by IS NOT NEW.waived_by THEN 'waived_by' END, OLD.waived_by,
			CASE WHEN OLD.required IS NOT NEW.required THEN 'required' END, OLD.required) AS o,
	             bf_json_object(
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, NEW.case_id,
			CASE WHEN OLD.key IS NOT NEW.key THEN 'key' END, NEW.key,
			CASE WHEN OLD.doc IS NOT NEW.doc THEN 'doc' END, NEW.doc,
			CASE WHEN OLD.member_id IS NOT NEW.member_id THEN 'member_id' END, NEW.member_id,
			CASE WHEN OLD.status IS NOT NEW.status THEN 'status' END, NEW.status,
			CASE WHEN OLD.received_date IS NOT NEW.received_date THEN 'received_date' END, NEW.received_date,
			CASE WHEN OLD.copies IS NOT NEW.copies THEN 'copies' END, NEW.copies,
			CASE WHEN OLD.received_by IS NOT NEW.received_by THEN 'received_by' END, NEW.received_by,
			CASE WHEN OLD.note IS NOT NEW.note THEN 'note' END, NEW.note,
			CASE WHEN OLD.waive_reason IS NOT NEW.waive_reason THEN 'waive_reason' END, NEW.waive_reason,
			CASE WHEN OLD.waived_by IS NOT NEW.waived_by THEN 'waived_by' END, NEW.waived_by,
			CASE WHEN OLD.required IS NOT NEW.required THEN 'required' END, NEW.required) AS n)
	WHERE o <> '{}';
END;

-- case_transition

CREATE TRIGGER case_transition_audit_insert AFTER INSERT ON case_transition
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'case_transition', NEW.id, NEW.case_id,
		bf_json_object(
			'id', NEW.id, 'case_id', NEW.case_id, 'at', NEW.at, 'actor', NEW.actor,
			'from_status', NEW.from_status, 'to_status', NEW.to_status,
			'reason', NEW.reason));
END;

CREATE TRIGGER case_transition_audit_delete AFTER DELETE ON case_transition
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'case_transition', OLD.id, OLD.case_id,
		bf_json_object(
			'id', OLD.id, 'case_id', OLD.case_id, 'at', OLD.at, 'actor', OLD.actor,
			'from_status', OLD.from_status, 'to_status', OLD.to_status,
			'reason', OLD.reason));
END;

CREATE TRIGGER case_transition_audit_update AFTER UPDATE ON case_transition
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'case_transition', NEW.id, NEW.case_id,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, OLD.case_id,
			CASE WHEN OLD.at IS NOT NEW.at THEN 'at' END, OLD.at,
			CASE WHEN OLD.actor IS NOT NEW.actor THEN 'actor' END, OLD.actor,
			CASE WHEN OLD.from_status IS NOT NEW.from_status THEN 'from_status' END, OLD.from_status,
			CASE WHEN OLD.to_status IS NOT NEW.to_status THEN 'to_status' END, OLD.to_status,
			CASE WHEN OLD.reason IS NOT NEW.reason THEN 'reason' END, OLD.reason) AS o,
	             bf_json_object(
			CASE WHEN OLD.case_id IS NOT NEW.case_id THEN 'case_id' END, NEW.case_id,
			CASE WHEN OLD.at IS NOT NEW.at THEN 'at' END, NEW.at,
			CASE WHEN OLD.actor IS NOT NEW.actor THEN 'actor' END, NEW.actor,
			CASE WHEN OLD.from_status IS NOT NEW.from_status THEN 'from_status' END, NEW.from_status,
			CASE WHEN OLD.to_status IS NOT NEW.to_status THEN 'to_status' END, NEW.to_status,
			CASE WHEN OLD.reason IS NOT NEW.reason THEN 'reason' END, NEW.reason) AS n)
	WHERE o <> '{}';
END;

-- unit

CREATE TRIGGER unit_audit_insert AFTER INSERT ON unit
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'unit', NEW.id, NULL,
		bf_json_object(
			'id', NEW.id, 'name', NEW.name, 'code', NEW.code,
			'union_name', NEW.union_name, 'district', NEW.district,
			'address', NEW.address, 'contact', NEW.contact, 'phone', NEW.phone,
			'district_mode', NEW.district_mode, 'created_at', NEW.created_at));
END;

CREATE TRIGGER unit_audit_delete AFTER DELETE ON unit
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'unit', OLD.id, NULL,
		bf_json_object(
			'id', OLD.id, 'name', OLD.name, 'code', OLD.code,
			'union_name', OLD.union_name, 'district', OLD.district,
			'address', OLD.address, 'contact', OLD.contact, 'phone', OLD.phone,
			'district_mode', OLD.district_mode, 'created_at', OLD.created_at));
END;

CREATE TRIGGER unit_audit_update AFTER UPDATE ON unit
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'unit', NEW.id, NULL,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.name IS NOT NEW.name THEN 'name' END, OLD.name,
			CASE WHEN OLD.code IS NOT NEW.code THEN 'code' END, OLD.code,
			CASE WHEN OLD.union_name IS NOT NEW.union_name THEN 'union_name' END, OLD.union_name,
			CASE WHEN OLD.district IS NOT NEW.district THEN 'district' END, OLD.district,
			CASE WHEN OLD.address IS NOT NEW.address THEN 'address' END, OLD.address,
			CASE WHEN OLD.contact IS NOT NEW.contact THEN 'contact' END, OLD.contact,
			CASE WHEN OLD.phone IS NOT NEW.phone THEN 'phone' END, OLD.phone,
			CASE WHEN OLD.district_mode IS NOT NEW.district_mode THEN 'district_mode' END, OLD.district_mode,
			CASE WHEN OLD.created_at IS NOT NEW.created_at THEN 'created_at' END, OLD.created_at) AS o,
	             bf_json_object(
			CASE WHEN OLD.name IS NOT NEW.name THEN 'name' END, NEW.name,
			CASE WHEN OLD.code IS NOT NEW.code THEN 'code' END, NEW.code,
			CASE WHEN OLD.union_name IS NOT NEW.union_name THEN 'union_name' END, NEW.union_name,
			CASE WHEN OLD.district IS NOT NEW.district THEN 'district' END, NEW.district,
			CASE WHEN OLD.address IS NOT NEW.address THEN 'address' END, NEW.address,
			CASE WHEN OLD.contact IS NOT NEW.contact THEN 'contact' END, NEW.contact,
			CASE WHEN OLD.phone IS NOT NEW.phone THEN 'phone' END, NEW.phone,
			CASE WHEN OLD.district_mode IS NOT NEW.district_mode THEN 'district_mode' END, NEW.district_mode,
			CASE WHEN OLD.created_at IS NOT NEW.created_at THEN 'created_at' END, NEW.created_at) AS n)
	WHERE o <> '{}';
END;

-- setting

CREATE TRIGGER setting_audit_insert AFTER INSERT ON setting
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'setting', NEW.rowid, NULL,
		bf_json_object(
			'key', NEW.key, 'value', NEW.value));
END;

CREATE TRIGGER setting_audit_delete AFTER DELETE ON setting
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'setting', OLD.rowid, NULL,
		bf_json_object(
			'key', OLD.key, 'value', OLD.value));
END;

CREATE TRIGGER setting_audit_update AFTER UPDATE ON setting
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'setting', NEW.rowid, NULL,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.key IS NOT NEW.key THEN 'key' END, OLD.key,
			CASE WHEN OLD.value IS NOT NEW.value THEN 'value' END, OLD.value) AS o,
	             bf_json_object(
			CASE WHEN OLD.key IS NOT NEW.key THEN 'key' END, NEW.key,
			CASE WHEN OLD.value IS NOT NEW.value THEN 'value' END, NEW.value) AS n)
	WHERE o <> '{}';
END;

-- year_setting

CREATE TRIGGER year_setting_audit_insert AFTER INSERT ON year_setting
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'year_setting', NEW.year, NULL,
		bf_json_object(
			'year', NEW.year, 'min_living', NEW.min_living,
			'cat1_percent', NEW.cat1_percent, 'cat2_percent', NEW.cat2_percent,
			'cat3_percent', NEW.cat3_percent, 'cat4_medical', NEW.cat4_medical,
			'cat5_loss', NEW.cat5_loss, 'min_wage', NEW.min_wage));
END;

CREATE TRIGGER year_setting_audit_delete AFTER DELETE ON year_setting
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'year_setting', OLD.year, NULL,
		bf_json_object(
			'year', OLD.year, 'min_living', OLD.min_living,
			'cat1_percent', OLD.cat1_percent, 'cat2_percent', OLD.cat2_percent,
			'cat3_percent', OLD.cat3_percent, 'cat4_medical', OLD.cat4_medical,
			'cat5_loss', OLD.cat5_loss, 'min_wage', OLD.min_wage));
END;

CREATE TRIGGER year_setting_audit_update AFTER UPDATE ON year_setting
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'year_setting', NEW.year, NULL,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.year IS NOT NEW.year THEN 'year' END, OLD.year,
			CASE WHEN OLD.min_living IS NOT NEW.min_living THEN 'min_living' END, OLD.min_living,
			CASE WHEN OLD.cat1_percent IS NOT NEW.cat1_percent THEN 'cat1_percent' END, OLD.cat1_percent,
			CASE WHEN OLD.cat2_percent IS NOT NEW.cat2_percent THEN 'cat2_percent' END, OLD.cat2_percent,
			CASE WHEN OLD.cat3_percent IS NOT NEW.cat3_percent THEN 'cat3_percent' END, OLD.cat3_percent,
			CASE WHEN OLD.cat4_medical IS NOT NEW.cat4_medical THEN 'cat4_medical' END, OLD.cat4_medical,
			CASE WHEN OLD.cat5_loss IS NOT NEW.cat5_loss THEN 'cat5_loss' END, OLD.cat5_loss,
			CASE WHEN OLD.min_wage IS NOT NEW.min_wage THEN 'min_wage' END, OLD.min_wage) AS o,
	             bf_json_object(
			CASE WHEN OLD.year IS NOT NEW.year THEN 'year' END, NEW.year,
			CASE WHEN OLD.min_living IS NOT NEW.min_living THEN 'min_living' END, NEW.min_living,
			CASE WHEN OLD.cat1_percent IS NOT NEW.cat1_percent THEN 'cat1_percent' END, NEW.cat1_percent,
			CASE WHEN OLD.cat2_percent IS NOT NEW.cat2_percent THEN 'cat2_percent' END, NEW.cat2_percent,
			CASE WHEN OLD.cat3_percent IS NOT NEW.cat3_percent THEN 'cat3_percent' END, NEW.cat3_percent,
			CASE WHEN OLD.cat4_medical IS NOT NEW.cat4_medical THEN 'cat4_medical' END, NEW.cat4_medical,
			CASE WHEN OLD.cat5_loss IS NOT NEW.cat5_loss THEN 'cat5_loss' END, NEW.cat5_loss,
			CASE WHEN OLD.min_wage IS NOT NEW.min_wage THEN 'min_wage' END, NEW.min_wage) AS n)
	WHERE o <> '{}';
END;

-- holiday

CREATE TRIGGER holiday_audit_insert AFTER INSERT ON holiday
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'insert', 'holiday', NEW.rowid, NULL,
		bf_json_object(
			'date', NEW.date, 'kind', NEW.kind, 'name', NEW.name));
END;

CREATE TRIGGER holiday_audit_delete AFTER DELETE ON holiday
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	VALUES (bf_now(), bf_actor(), 'delete', 'holiday', OLD.rowid, NULL,
		bf_json_object(
			'date', OLD.date, 'kind', OLD.kind, 'name', OLD.name));
END;

CREATE TRIGGER holiday_audit_update AFTER UPDATE ON holiday
BEGIN
	SELECT RAISE(ABORT, 'no operator set') WHERE bf_actor() IS NULL;
	INSERT INTO audit_log (at, actor, action, tbl, row_id, case_id, detail)
	SELECT bf_now(), bf_actor(), 'update', 'holiday', NEW.rowid, NULL,
	       '{"old":' || o || ',"new":' || n || '}'
	FROM (SELECT bf_json_object(
			CASE WHEN OLD.date IS NOT NEW.date THEN 'date' END, OLD.date,
			CASE WHEN OLD.kind IS NOT NEW.kind THEN 'kind' END, OLD.kind,
			CASE WHEN OLD.name IS NOT NEW.name THEN 'name' END, OLD.name) AS o,
	             bf_json_object(
			CASE WHEN OLD.date IS NOT NEW.date THEN 'date' END, NEW.date,
			CASE WHEN OLD.kind IS NOT NEW.kind THEN 'kind' END, NEW.kind,
			CASE WHEN OLD.name IS NOT NEW.name THEN 'name' END, NEW.name) AS n)
	WHERE o <> '{}';
END;

