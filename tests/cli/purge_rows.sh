#!/bin/sh
# The purge blanks what no file's audit rows name (issue 13, item 8;
# schema/025_purged_row.sql), through the real binary: a spot check's note
# about a paid household and its community, and a district's consolidated
# file. Before the purge the note and the community, and the district
# file's number, name and decided amount, are in the database file (as
# UTF-8 or as hex); after it they are in neither the file nor its WAL,
# audit verify and check pass, the ledger's totals are unchanged, and an
# audit row the purge did not list still cannot be changed.
. "${top_srcdir:-.}/tests/cli/lib.sh"
need_sqlite3
q() { sqlite3 "$1" "$2"; }
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }
# found TEXT DB — TEXT is in DB or its WAL, as UTF-8 or as hex digits
found() {
	_h=$(hex "$1")
	_H=$(printf '%s' "$_h" | tr a-f A-F)
	for _f in "$2" "$2-wal"; do
		[ -f "$_f" ] || continue
		grep -qaF -e "$1" -e "$_h" -e "$_H" "$_f" && return 0
	done
	return 1
}
# expect_found TEXT DB WHAT, expect_gone TEXT DB WHAT — before and after
expect_found() {
	if found "$1" "$2"; then ok "$3 is in the database before the purge"
	else fail "$3 ($1) is not in $2 before the purge: the test proves nothing"; fi
}
expect_gone() {
	if found "$1" "$2"; then fail "$3 ($1) is still in $2 or its WAL"
	else ok "$3 is in neither the database nor its WAL"; fi
}
# refused DB — a direct update of an audit row the purge did not list
refused() {
	_row=$(q "$1" "SELECT min(id) FROM audit_log WHERE detail <> '{\"purged\":true}'
		AND tbl NOT IN ('spotcheck_item', 'dist_case')")
	if q "$1" "UPDATE audit_log SET detail = '{\"purged\":true}' WHERE id = $_row" 2>/dev/null
	then fail "audit row $_row of $1 was changed directly"
	else ok "a direct update of audit row $_row is refused"; fi
	if q "$1" "INSERT INTO purged_row (tbl, row_id, audit_upto, purge_id)
		VALUES ('audit_log', $_row, $_row, 1)" 2>/dev/null
	then fail "purged_row took another table's row"
	else ok "purged_row lists only spot checks and district files"; fi
}

# ---- a unit: a paid household's spot check notes a problem, then its file is closed ---------
U="$T/unit.db"
export BANGFU_TODAY=2026-12-01
"$BANGFU" --lang en demo --db "$U" --cases 96 >/dev/null 2>&1 || fail "demo --cases 96"
adm --db "$U" campaign create --name 送温暖 --year 2026 --from 2026-11-01 --to 2026-12-31 \
	--by community --standard-groups >/dev/null 2>&1 || fail "campaign create"
adm --db "$U" campaign draw 1 >/dev/null 2>&1 || fail "campaign draw"
N=$(q "$U" "SELECT f.number FROM campaign_recipient r JOIN case_file f ON f.id = r.case_id
	WHERE f.status = 'aided' AND r.included = 1 ORDER BY f.number LIMIT 1")
[ -n "$N" ] && ok "aided file $N is on the list" || fail "no aided file on the list"
name=$(q "$U" "SELECT name FROM case_file WHERE number = '$N'")
comm="幸福里北三社区"
out=$(adm --db "$U" campaign place 1 --case "$N" --community "$comm" 2>&1); rc=$?
expect_rc 0 $rc "its community is recorded (the sample is drawn by community): $out"
out=$(adm --db "$U" campaign pay 1 --case "$N" --signer "$name" --phone 13900000001 \
	--date 2026-12-01 2>&1); rc=$?
expect_rc 0 $rc "the campaign pays $N: $out"
out=$(adm --db "$U" campaign spotcheck draw 1 --percent 100 2>&1); rc=$?
expect_rc 0 $rc "the spot check is drawn: $out"
note="邻居说他家老人住院后欠款三万"
out=$(adm --db "$U" campaign spotcheck record 1 --case "$N" --method visit --reached yes \
	--confirmed no --problem "$note" --date 2026-12-01 2>&1); rc=$?
expect_rc 0 $rc "the visit is recorded with a note: $out"
out=$(adm --db "$U" campaign spotcheck list 1 --problems 2>&1)
expect_contains "$out" "$note" "the note is listed"
out=$(adm --db "$U" case close "$N" --reason retired 2>&1); rc=$?
expect_rc 0 $rc "the file is closed: $out"
item=$(q "$U" "SELECT i.id FROM spotcheck_item i JOIN campaign_recipient r
	ON r.id = i.recipient_id JOIN case_file f ON f.id = r.case_id WHERE f.number = '$N'")
expect_rc 2 "$(q "$U" "SELECT count(*) FROM audit_log WHERE tbl = 'spotcheck_item'
	AND row_id = $item AND case_id IS NULL")" "its audit rows (insert, visit) name no file"
q "$U" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
expect_found "$note" "$U" "the note"
expect_found "$comm" "$U" "the community"
totals() { adm --db "$U" campaign ledger 2>&1 | sed -n '/^By unit/,$p'; }
before=$(totals)
spot_before=$(q "$U" "SELECT method, checked_on, reached, amount_confirmed, checked_by
	FROM spotcheck_item WHERE id = $item")

out=$(BANGFU_TODAY=2037-06-01 adm --db "$U" purge 2>&1); rc=$?
expect_rc 0 $rc "the purge runs: $out"
expect_contains "$(q "$U" "SELECT number FROM purged_case")" "$N" "the paid file is purged"
expect_gone "$note" "$U" "the note"
expect_gone "$comm" "$U" "the community"
expect_rc "(purged)|(purged)" "$(q "$U" "SELECT problem, place FROM spotcheck_item
	WHERE id = $item")" "the note and the community become the mark"
expect_rc "$spot_before" "$(q "$U" "SELECT method, checked_on, reached, amount_confirmed,
	checked_by FROM spotcheck_item WHERE id = $item")" "the check itself is kept"
expect_rc "spotcheck_item|$item" "$(q "$U" "SELECT tbl, row_id FROM purged_row")" \
	"the purge lists the spot check's row"
expect_rc 0 "$(q "$U" "SELECT count(*) FROM audit_log WHERE tbl = 'spotcheck_item'
	AND row_id = $item AND detail <> '{\"purged\":true}'")" \
	"its audit rows, the purge's own update included, are blanked"
expect_rc 0 "$(q "$U" "SELECT count(*) FROM audit_chain c JOIN audit_log a ON a.id = c.id
	WHERE a.tbl = 'spotcheck_item' AND a.row_id = $item AND c.salt IS NOT NULL")" \
	"and their salts dropped"
expect_rc 0 "$(q "$U" "SELECT count(*) FROM audit_log WHERE tbl = 'spotcheck_item'
	AND row_id <> $item AND detail = '{\"purged\":true}'")" "no other spot check's row is"
after=$(BANGFU_TODAY=2037-06-01 totals)
[ -n "$before" ] && [ "$before" = "$after" ] && ok "the ledger's totals are unchanged" ||
	fail "the ledger's totals changed: $before // $after"
export BANGFU_TODAY=2037-06-01
out=$(adm --db "$U" campaign spotcheck list 1 --problems 2>&1); rc=$?
expect_rc 0 $rc "the spot check lists"
expect_contains "$out" "$N  (purged)" "showing (purged) for the household"
expect_contains "$out" "; (purged)" "and for its note"
expect_contains "$out" "  (purged)    $N" "and its community"
out=$(adm --db "$U" campaign spotcheck record 1 --case "$N" --method call --reached yes \
	--confirmed yes --problem "又欠款了" 2>&1); rc=$?
expect_rc 1 $rc "a purged household's spot check takes no new note"
expect_contains "$out" "file $N was purged: its spot check can no longer be recorded" "saying why"
out=$(adm --db "$U" audit verify 2>&1); rc=$?
expect_rc 0 $rc "the chain verifies after the purge: $out"
out=$(adm --db "$U" check 2>&1); rc=$?
expect_rc 0 $rc "check passes: $out"
refused "$U"
unset BANGFU_TODAY

# ---- the district: a decided file past the retention ---------------------------------------
V="$T/unit2.db"
demo_for_district "$V"
package_to_district "$V"
D=$DISTRICT_DB
n=$(q "$D" "SELECT count(*) FROM dist_case")
[ "$n" -gt 1 ] && ok "the district holds $n files" || fail "the district holds $n files"
set -- $(q "$D" "SELECT unit_code, number FROM dist_case ORDER BY number LIMIT 1" | tr '|' ' ')
code=${1:-none} dn=${2:-none}
dname=$(q "$V" "SELECT name FROM case_file WHERE number = '$dn'")
out=$(qian district decide "$code:$dn" --accept --amount 1234.56 2>&1); rc=$?
expect_rc 0 $rc "the district decides $dn: $out"
q "$D" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
expect_found "$dn" "$D" "the file's number (its row; since schema 027 a decision's audit row holds only the changed columns)"
expect_found "$dname" "$D" "the employee's name"
expect_found "\"final_amount\":123456" "$D" "the decided amount"
expect_rc 1 "$(q "$D" "SELECT count(*) FROM audit_log WHERE tbl = 'dist_case'
	AND case_id IS NULL")" "the decision's audit row names no file"
out=$(BANGFU_TODAY=2040-01-01 bf --db "$D" purge 2>&1); rc=$?
expect_rc 0 $rc "the district's administrator purges: $out"
expect_contains "$out" "Purged $n file(s) decided before" "every file past the retention"
expect_contains "$out" "Only their count is kept" "saying what is kept"
expect_rc "$n|$n|$n" "$(q "$D" "SELECT count(*), count(DISTINCT row_id),
	sum(tbl = 'dist_case') FROM purged_row")" "each purged file is listed in purged_row"
expect_rc "$n" "$(q "$D" "SELECT cases FROM purge_run")" "the purge is recorded"
expect_gone "\"number\":\"$dn\"" "$D" "the file's number"
expect_gone "$dn" "$D" "the file's number itself"
expect_gone "$dname" "$D" "the employee's name"
expect_gone "\"final_amount\":123456" "$D" "the decided amount"
expect_rc 0 "$(q "$D" "SELECT count(*) FROM audit_log WHERE tbl = 'dist_case'
	AND detail <> '{\"purged\":true}'")" "the files' audit rows (decision, deletion) are blanked"
out=$(bf --db "$D" audit verify 2>&1); rc=$?
expect_rc 0 $rc "the district's chain verifies after the purge: $out"
out=$(bf --db "$D" check 2>&1); rc=$?
expect_rc 0 $rc "the district's check passes: $out"
refused "$D"
# a listing added behind the log (to pass a blanked row off as purged) is named
sqlite3 -cmd ".dbconfig enable_trigger off" "$D" "INSERT INTO purged_row (tbl, row_id,
	audit_upto, purge_id) VALUES ('dist_case', 999, 1, 1)" >/dev/null 2>&1 ||
	fail "plant a purged_row behind the log"
out=$(bf --db "$D" audit verify 2>&1); rc=$?
expect_rc 1 $rc "audit verify fails with a listing added behind the log"
expect_contains "$out" "purged_row" "naming the table"
finish
