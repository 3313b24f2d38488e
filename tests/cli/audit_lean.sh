#!/bin/sh
# Issue 17, item 6: a leaner audit log (schema 027). An insert's entry keeps
# sealed values as digests (no ciphertext), an update's only the changed
# columns, old and new; `audit list` shows an update as old → new; the
# replay folds the changes per row and still names a field changed behind
# the triggers after an update-only history; a database of the previous
# release upgrades with its old entries (full images, ciphertexts)
# verifiable and its new ones lean.
. "${top_srcdir:-.}/tests/cli/lib.sh"
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "sqlite3 not installed: skipped"
	exit 77
fi
export BANGFU_DB="$T/demo.db"
"$BANGFU" --lang en demo --db "$BANGFU_DB" >/dev/null 2>&1 || fail "demo"
q() { sqlite3 "$BANGFU_DB" "$1"; }
adm() { bf_as admin demo-admin "$@"; }
attack() { sqlite3 -cmd ".dbconfig enable_trigger off" "$BANGFU_DB" "$1" >/dev/null; }

v=$(q "PRAGMA user_version"); [ "$v" -ge 27 ] && ok "the schema is at 027 or later ($v)" || fail "the schema is at $v, not 027 or later"
expect_contains "$(q "SELECT count(*) FROM audit_log WHERE action = 'insert'
 AND instr(detail, '\"bf1:') > 0")" 0 "no insert entry holds a ciphertext"
expect_contains "$(q "SELECT count(*) FROM audit_log a JOIN case_file c ON c.id = a.row_id
 WHERE a.tbl = 'case_file' AND a.action = 'insert' AND c.bank_card LIKE 'bf1:%'
 AND json_extract(a.detail, '$.bank_card') LIKE 'bf1#%'")" \
	"$(q "SELECT count(*) FROM case_file WHERE bank_card LIKE 'bf1:%'")" \
	"every file's insert entry holds its bank card's digest"

# ---- an update-only history: the checklist ticked, the file advanced ------------------
n=$(q "SELECT number FROM case_file WHERE status = 'draft' ORDER BY id LIMIT 1")
id=$(q "SELECT id FROM case_file WHERE number = '$n'")
for k in 1 2 3 4 5 6 7 8 9 10; do adm checklist receive "$n" $k >/dev/null 2>&1; done
out=$(adm case advance "$n" --to docs_complete 2>&1)
expect_rc 0 $? "the file advances: $out"
expect_contains "$(q "SELECT detail FROM audit_log WHERE tbl = 'case_file' AND row_id = $id
 ORDER BY id DESC LIMIT 1")" '{"old":{"status":"draft"},"new":{"status":"docs_complete"}}' \
	"a change of one column writes only that column, old and new"
adm checklist unset "$n" 1 >/dev/null 2>&1
item=$(q "SELECT id FROM checklist_item WHERE case_id = $id AND status = 'missing'
 ORDER BY id LIMIT 1")
expect_contains "$(q "SELECT action || ' ' || json_extract(detail, '$.new.status')
 FROM audit_log WHERE tbl = 'checklist_item' AND row_id = $item ORDER BY id DESC LIMIT 1")" \
	"update missing" "the unticked item's entry is an update"
out=$(adm audit list --table case_file --limit 1 2>&1)
expect_contains "$out" "status: draft → docs_complete" "audit list shows the update as old → new"
out=$(adm audit verify 2>&1)
expect_rc 0 $? "the lean log verifies: $out"
cp "$BANGFU_DB" "$T/clean.db"

# ---- behind the triggers, after that history ------------------------------------------
attack "UPDATE case_file SET status = 'approved' WHERE id = $id;"
out=$(adm audit verify 2>&1); rc=$?
expect_rc 1 $rc "a status changed behind the triggers fails"
expect_contains "$out" "Table case_file, row $id: status differs" "the status (last set by an update) is named"
cp "$T/clean.db" "$BANGFU_DB"
attack "UPDATE checklist_item SET status = 'received' WHERE id = $item;"
expect_contains "$(adm audit verify 2>&1)" "Table checklist_item, row $item: status differs" \
	"the unticked item ticked again behind the log is named"
cp "$T/clean.db" "$BANGFU_DB"
# another file's genuine ciphertext: the digest the insert kept tells them apart
attack "UPDATE case_file SET bank_card = (SELECT bank_card FROM case_file WHERE id <> $id
        AND bank_card LIKE 'bf1:%' LIMIT 1) WHERE id = $id;"
expect_contains "$(adm audit verify 2>&1)" "Table case_file, row $id: bank_card differs" \
	"a sealed value swapped behind the log is named (its digest in the insert entry)"
cp "$T/clean.db" "$BANGFU_DB"

# ---- the previous release upgraded ---------------------------------------------------------
db="$T/old.db"
cp "${top_srcdir:-.}/tests/fixtures/previous-release.db" "$db"
chmod 0600 "$db"
old_full=$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'insert'")
out=$(adm --db "$db" audit verify 2>&1)
expect_rc 0 $? "the upgraded database verifies, its old entries too: $out"
v=$(sqlite3 "$db" "PRAGMA user_version"); [ "$v" -ge 27 ] && ok "upgraded to 027 or later ($v)" || fail "upgraded to $v, not 027 or later"
expect_contains "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'
 AND name LIKE '%\_audit\_insert' ESCAPE '\' AND instr(sql, 'bf_audit_image(') = 0")" 0 \
	"every insert trigger writes digests"
[ "$old_full" -gt 100 ] && ok "$old_full old insert entries kept as they were" ||
	fail "only $old_full old entries"
n=$(sqlite3 "$db" "SELECT number FROM case_file WHERE status = 'draft' ORDER BY id LIMIT 1")
adm --db "$db" checklist receive "$n" 1 >/dev/null 2>&1
out=$(adm --db "$db" audit verify 2>&1)
expect_rc 0 $? "old and new entries verify together: $out"
cid=$(sqlite3 "$db" "SELECT id FROM case_file WHERE number = '$n'")
sqlite3 -cmd ".dbconfig enable_trigger off" "$db" \
	"UPDATE case_file SET per_capita = per_capita + 1 WHERE id = $cid;" >/dev/null
expect_contains "$(adm --db "$db" audit verify 2>&1)" "Table case_file, row $cid: per_capita differs" \
	"a change behind the log to a row only the old entries describe is named"
finish
