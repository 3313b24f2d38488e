#!/bin/sh
# The purge without gaps (issue 13, item 8), through the real binary: its
# settings set as other settings are; new-case drafts untouched for the
# setting's days go; a reader holding a read transaction keeps the
# checkpoint from finishing: the message says where the data still is (and
# it is there), and the next start finishes it; the district's database
# purges its consolidated files past the retention.
. "${top_srcdir:-.}/tests/cli/lib.sh"
need_sqlite3
U="$T/unit.db"
demo_for_district "$U"
absent() { # absent TEXT FILE... — TEXT is in none of the files
	_t=$1
	shift
	for _f in "$@"; do [ -f "$_f" ] && grep -qaF "$_t" "$_f" && return 1; done
	return 0
}

# ---- the settings -------------------------------------------------------------------
out=$(bf_as clerk demo-clerk --db "$U" purge --draft-days 30 2>&1); rc=$?
expect_rc 1 $rc "a clerk may not change the purge's settings"
out=$(adm --db "$U" purge --draft-days 0 2>&1); rc=$?
expect_rc 2 $rc "--draft-days 0 is refused"
expect_contains "$out" "--draft-days takes a whole number from 1 to 36500" "naming the option"
out=$(adm --db "$U" purge --draft-days 60 --retention-years 10 2>&1); rc=$?
expect_rc 0 $rc "the administrator sets them"
expect_contains "$out" "kept 10 years; new-case drafts untouched for 60 days" "and sees them"
expect_rc 60 "$(sqlite3 "$U" "SELECT value FROM setting WHERE key = 'draft_purge_days'")" \
	"stored as a setting"
expect_rc 1 "$(sqlite3 "$U" "SELECT count(*) FROM audit_log WHERE tbl = 'setting'
	AND detail LIKE '%draft_purge_days%'")" "and audited as one"

# ---- new-case drafts ----------------------------------------------------------------------
# the screens keep drafts of what was typed (case_id 0: a new file never saved)
sqlite3 "$U" "INSERT INTO draft (case_id, operator, text, saved_at) VALUES
	(0, 'clerk', 'old draft', '2026-09-01T08:00:00Z'),
	(0, 'admin', 'recent draft', '2026-11-20T08:00:00Z')" || fail "plant drafts"
out=$(adm --db "$U" purge --dry-run 2>&1); rc=$?
expect_contains "$out" "1 new-case draft(s) not touched since before 2026-10-02" "dry run counts the old draft"
expect_rc 2 "$(sqlite3 "$U" "SELECT count(*) FROM draft")" "dry run removes nothing"
out=$(adm --db "$U" purge 2>&1); rc=$?
expect_rc 0 $rc "purge: $out"
expect_contains "$out" "Removed 1 new-case draft(s)" "the old draft goes"
expect_rc "recent draft" "$(sqlite3 "$U" "SELECT text FROM draft")" "the recent one stays"

# ---- a reader keeps the checkpoint from finishing ------------------------------------------
# a demo with closed files (dated 2026-12-01), purged as of 2045
U="$T/many.db"
"$BANGFU" --lang en demo --db "$U" --cases 96 >/dev/null 2>&1 || fail "demo --cases 96"
sealed=$(sqlite3 "$U" "SELECT id_number FROM member WHERE id_number IS NOT NULL AND case_id IN
	(SELECT id FROM case_file WHERE status = 'closed') LIMIT 1")
case "$sealed" in bf1:*) ok "a closed file's sealed ID" ;; *) fail "no sealed ID ($sealed)" ;; esac
sqlite3 "$U" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
absent "$sealed" "$U" && fail "the sealed ID is not in the database file" ||
	ok "the sealed ID is in the database file before the purge"
mkfifo "$T/reader"
sqlite3 "$U" <"$T/reader" >"$T/reader.out" 2>&1 &
reader=$!
exec 4>"$T/reader"
printf 'BEGIN;\nSELECT count(*) FROM case_file;\n' >&4
for i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$T/reader.out" ] && break; sleep 0.2; done
[ -s "$T/reader.out" ] && ok "a second connection holds a read transaction" || fail "no reader"
out=$(BANGFU_TODAY=2045-06-01 adm --db "$U" purge 2>&1); rc=$?
expect_rc 0 $rc "the purge runs with a reader: $out"
expect_contains "$out" "Another program is reading this database" "it says the checkpoint waits"
expect_contains "$out" "still in the database file $U" "it names the database file"
expect_contains "$out" "Purged " "and the files were purged"
absent "$sealed" "$U" && fail "the message is wrong: the sealed ID is not in the file" ||
	ok "the purged ID is indeed still in the database file"
expect_rc 1 "$(sqlite3 "$U" "SELECT count(*) FROM purge_pending")" "the purge is marked pending"
exec 4>&-
wait $reader
ok "the reader is gone"
out=$(adm --db "$U" case list 2>&1) || fail "the next start: $out"
expect_rc 0 "$(sqlite3 "$U" "SELECT count(*) FROM purge_pending")" "the next start finished the purge"
if absent "$sealed" "$U" "$U-wal"; then ok "the purged ID is in neither the database nor the WAL"
else fail "the purged ID is still in $U or its WAL after the next start"; fi
out=$(adm --db "$U" audit verify 2>&1); rc=$?
expect_rc 0 $rc "the chain verifies after the purge: $out"

# ---- the district's database purges past its retention -------------------------------------
U="$T/unit.db"
package_to_district "$U"
D=$DISTRICT_DB
n=$(sqlite3 "$D" "SELECT count(*) FROM dist_case")
[ "$n" -gt 0 ] && ok "the district holds $n files" || fail "the district holds no file"
out=$(bf --db "$D" purge 2>&1); rc=$?
expect_contains "$out" "No closed file is older than the retention period" "nothing due yet"
out=$(BANGFU_TODAY=2040-01-01 qian purge 2>&1); rc=$?
expect_rc 1 $rc "district staff may not purge"
out=$(BANGFU_TODAY=2040-01-01 bf --db "$D" purge 2>&1); rc=$?
expect_rc 0 $rc "the district's administrator purges: $out"
expect_contains "$out" "Purged $n file(s)" "every file past the retention"
expect_rc "0|0|0" "$(sqlite3 "$D" "SELECT (SELECT count(*) FROM dist_case), (SELECT count(*)
	FROM dist_person), (SELECT count(*) FROM dist_package WHERE reports IS NOT NULL)")" \
	"no file, person or result report is left"
expect_rc 1 "$(sqlite3 "$D" "SELECT count(*) FROM purge_run")" "the purge is recorded"
out=$(bf --db "$D" audit verify 2>&1); rc=$?
expect_rc 0 $rc "the district's chain verifies after the purge: $out"
finish
