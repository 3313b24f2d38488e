#!/bin/sh
# A database made by the previous release (tests/fixtures/previous-release.db,
# made by tests/fixtures/make-previous-db.sh from commit 770540d, version
# 0.1.0, schema 6) opened by this binary: the data is all there, the audit
# chain verifies, and, when this binary's schema is newer, the file was
# copied beside itself as DB.before-N first (N the first step run), the copy
# is the file as it was (mode 0600), and the command said so. When the
# schema is the same, nothing is copied and nothing is said.
. "${top_srcdir:-.}/tests/cli/lib.sh"
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "sqlite3 not installed: skipped"
	exit 77
fi
fixture="${top_srcdir:-.}/tests/fixtures/previous-release.db"
db="$T/bangfu.db"
cp "$fixture" "$db"
chmod 0600 "$db"
q() { sqlite3 "$1" "$2"; }
old_ver=$(q "$db" 'PRAGMA user_version')
counts="SELECT (SELECT count(*) FROM case_file) || ' ' || (SELECT count(*) FROM member) || ' '
 || (SELECT count(*) FROM audit_log) || ' ' || (SELECT count(*) FROM operator) || ' '
 || (SELECT count(*) FROM campaign_recipient) || ' ' || (SELECT count(*) FROM publicity_case)"
before=$(q "$db" "$counts")
first=$(q "$db" "SELECT number || ' ' || name FROM case_file ORDER BY id LIMIT 1")

adm() { bf_as admin demo-admin --db "$db" "$@"; }
out=$(adm case list 2>&1)
rc=$?
expect_rc 0 $rc "the previous release's database opens"
expect_contains "$out" "${first%% *}" "its first file is listed"
expect_contains "$out" "recovery code" "the upgrade shows the recovery code once"
after_ver=$(q "$db" 'PRAGMA user_version')
latest=$after_ver
if [ "$old_ver" -lt "$latest" ]; then
	copy="$db.before-$((old_ver + 1))"
	expect_contains "$out" "upgraded from schema $old_ver to $latest" "the upgrade is said"
	expect_contains "$out" "$copy" "the message names the copy"
	[ -f "$copy" ] && ok "the copy is there" || fail "no $copy"
	expect_contains "$(stat -c %a "$copy" 2>&1)" 600 "the copy is private (0600)"
	expect_contains "$(q "$copy" 'PRAGMA user_version')" "$old_ver" "the copy is the file as it was"
	expect_contains "$(q "$copy" "$counts")" "$before" "the copy holds all the data"
	out=$(adm case list 2>&1)
	case "$out" in *upgraded*) fail "said again on the next start" ;; *) ok "said once" ;; esac
else
	expect_contains "$old_ver" "$latest" "same schema: nothing to migrate"
	case "$out" in *upgraded*) fail "an upgrade was said: $out" ;; *) ok "nothing said" ;; esac
	ls "$db".before-* >/dev/null 2>&1 && fail "a copy was made for nothing" || ok "no copy made"
fi
# every row survived (the counts of the previous release's tables; the audit
# log only grows: the upgrade's sealing of every value is recorded)
kept="SELECT (SELECT count(*) FROM case_file) || ' ' || (SELECT count(*) FROM member) || ' '
 || (SELECT count(*) FROM operator) || ' ' || (SELECT count(*) FROM campaign_recipient) || ' '
 || (SELECT count(*) FROM publicity_case)"
set -- $before
expect_contains "$(q "$db" "$kept")" "$1 $2 $4 $5 $6" "cases, members, accounts, recipients, publicity kept"
[ "$(q "$db" 'SELECT count(*) FROM audit_log')" -ge "$3" ] && ok "no audit row lost" || fail "audit rows lost"
# issue 12: the administrator's first login sealed every number; nothing plain is left
plain="SELECT (SELECT count(*) FROM member WHERE id_number NOT LIKE 'bf1:%' OR birth_date IS NOT NULL)
 + (SELECT count(*) FROM case_file WHERE bank_card NOT LIKE 'bf1:%' OR phone NOT LIKE 'bf1:%')
 + (SELECT count(*) FROM signing_key WHERE secret_sealed IS NULL)
 + (SELECT count(*) FROM member WHERE health_sealed NOT LIKE 'bf1:%' OR disability_sealed NOT LIKE 'bf1:%'
    OR diagnosis_year_sealed NOT LIKE 'bf1:%' OR disability_grade_sealed NOT LIKE 'bf1:%'
    OR health <> 'good' OR disability <> 'none' OR diagnosis_year <> 0 OR disability_grade <> 0)"
expect_contains "$(q "$db" "$plain")" "0" "every ID, birth date, card, phone, health and disability and the signing secret sealed"
[ "$(q "$db" 'SELECT count(*) FROM keyring')" -ge 2 ] && ok "the keyring: the administrator and the recovery code" || fail "no keyring"
out=$(adm audit verify 2>&1)
expect_rc 0 $? "the audit chain verifies after the upgrade: $out"
out=$(adm case show "${first%% *}" 2>&1)
expect_contains "$out" "${first#* }" "a file shows in full"
# the demo's accounts log in with their old passwords
out=$(bf_as clerk demo-clerk --db "$db" case list 2>&1)
expect_rc 0 $? "the clerk logs in with the old password"
expect_contains "$out" "no key to the personal data yet" "and is told to ask for a reset (no key of their own yet)"
# a database that had its key before a later step sealed more columns
# (schema/017: free-text reasons): the next login that opens the key seals
# what was written plain before, once
sqlite3 -cmd ".dbconfig enable_trigger off" "$db" "UPDATE case_transition SET reason = '旧版明文理由' WHERE id = (SELECT max(id) FROM case_transition);
 INSERT INTO setting (key, value) VALUES ('vault_reseal', '1')
 ON CONFLICT (key) DO UPDATE SET value = '1'" >/dev/null
num=$(q "$db" "SELECT number FROM case_file WHERE id = (SELECT case_id FROM case_transition ORDER BY id DESC LIMIT 1)")
out=$(adm case history "$num" 2>&1)
expect_contains "$out" "旧版明文理由" "the plain reason still reads"
expect_contains "$(q "$db" "SELECT count(*) FROM case_transition WHERE reason NOT LIKE 'bf1:%'")" "0" "sealed at that login"
expect_contains "$(q "$db" "SELECT count(*) FROM setting WHERE key = 'vault_reseal'")" "0" "and only once"
out=$(adm audit verify 2>&1)
expect_rc 0 $? "the audit chain verifies after the resealing: $out"
# issue 17 (schema/021): the list's status, category and department orders
# are read from indexes (no sort of every row), and the planner has statistics
states=',draft,docs_complete,approved,rejected,in_publicity,publicity_passed,objection_upheld,submitted,accepted,returned,aided,closed,'
plan=$(q "$db" "EXPLAIN QUERY PLAN SELECT id FROM case_file
 ORDER BY instr('$states', ',' || status || ','), number LIMIT 20")
expect_contains "$plan" "case_file_status_order" "the status order uses its index"
case "$plan" in *"TEMP B-TREE"*) fail "the status order sorts: $plan" ;; *) ok "no sort for the status order" ;; esac
plan=$(q "$db" "EXPLAIN QUERY PLAN SELECT id FROM case_file
 ORDER BY first_category IS NULL, first_category DESC, number DESC LIMIT 20")
case "$plan" in *"TEMP B-TREE"*) fail "the category order sorts: $plan" ;; *) ok "no sort for the category order" ;; esac
expect_contains "$(q "$db" "SELECT count(*) > 0 FROM sqlite_stat1 WHERE tbl = 'case_file'")" 1 \
	"statistics for the planner"
# issue 17 (schema/026): the tables were rebuilt with checks that build no
# temporary table; the upgraded file has every table, index, trigger and
# view a new file has, in the same words, it is sound, and a bad code is
# still refused
bf --db "$T/new.db" init --unit "新单位" </dev/null >/dev/null 2>&1 || fail "a new file to compare with"
objects="SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY 1, 2"
q "$db" "$objects" > "$T/upgraded.schema"
q "$T/new.db" "$objects" > "$T/new.schema"
if cmp -s "$T/upgraded.schema" "$T/new.schema"; then
	ok "the same schema as a new file"
else
	fail "the schema differs from a new file's: $(diff "$T/upgraded.schema" "$T/new.schema" | head -20)"
fi
expect_contains "$(q "$db" 'PRAGMA integrity_check')" ok "PRAGMA integrity_check"
expect_contains "[$(q "$db" 'PRAGMA foreign_key_check')]" "[]" "no dangling reference"
expect_contains "$(q "$db" "SELECT count(*) FROM sqlite_schema WHERE type = 'table'
 AND sql LIKE '% IN (''%'")" 0 "no check lists constants, the audit log's included (schema/029)"
expect_contains "$(q "$db" "SELECT sql FROM sqlite_schema WHERE name = 'audit_log'")" \
	"CHECK ((action = 'insert' OR action = 'update' OR action = 'delete'))" \
	"the audit log's action check as comparisons"
out=$(adm check 2>&1)
expect_rc 0 $? "bangfu check: $out"
nocheck() { sqlite3 -cmd ".dbconfig enable_trigger off" "$db" "$1" 2>&1; }
expect_contains "$(nocheck "UPDATE member SET marital = 'bogus' WHERE id = (SELECT min(id) FROM member)")" \
	"CHECK constraint failed" "a text code outside its list is refused"
expect_contains "$(nocheck "UPDATE member SET count_override = 2 WHERE id = (SELECT min(id) FROM member)")" \
	"CHECK constraint failed" "an integer code outside its run is refused"
expect_contains "$(nocheck "INSERT INTO audit_log (at, actor, action, tbl, detail)
 VALUES ('2026-12-07', 'x', 'erase', 'member', '{}')")" \
	"CHECK constraint failed" "an audit entry of no known action is refused"
expect_contains "$(q "$db" "SELECT count(*) FROM member WHERE marital = 'bogus' OR count_override = 2")" 0 \
	"and nothing was written"
expect_contains "$(q "$db" "SELECT count(*) FROM audit_log WHERE action = 'erase'")" 0 \
	"nor to the audit log"
finish
