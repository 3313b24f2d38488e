#!/bin/sh
# Issue 12: the audit log of a database made before the vault (the previous
# release's fixture, as upgrade.sh) held the households' ID, bank and phone
# numbers and illnesses in its entries' details. After the upgrade and the
# first administrator's login none of them is left in the file, its WAL or
# a backup (as UTF-8 nor as hex text); the old entries' details are sealed
# (schema/018), the chain still verifies, also against the head printed
# before the upgrade, `bangfu check` replays it, `audit list` shows the
# opened detail to the administrator, and a changed old entry is caught.
. "${top_srcdir:-.}/tests/cli/lib.sh"
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "sqlite3 not installed: skipped"
	exit 77
fi
db="$T/bangfu.db"
cp "${top_srcdir:-.}/tests/fixtures/previous-release.db" "$db"
chmod 0600 "$db"
q() { sqlite3 "$db" "$1"; }
adm() { bf_as admin demo-admin --db "$db" "$@"; }
# what the fixture holds that must not be readable after the upgrade
q "SELECT id_number FROM member WHERE id_number <> ''
 UNION SELECT bank_card FROM case_file WHERE bank_card <> ''
 UNION SELECT phone FROM case_file WHERE phone <> ''
 UNION SELECT disease FROM member WHERE disease <> ''" >"$T/secrets"
n=$(wc -l <"$T/secrets")
[ "$n" -gt 200 ] && ok "$n numbers and illnesses in the fixture" || fail "only $n secrets read"
[ "$(q "SELECT count(*) FROM audit_log WHERE instr(detail, '$(head -1 "$T/secrets")')")" -gt 0 ] &&
	ok "the old audit log holds them in plain text" || fail "the fixture's log holds no number"
head_before=$(q "SELECT hash FROM audit_chain ORDER BY id DESC LIMIT 1")
rows_before=$(q "SELECT count(*) FROM audit_log")

out=$(adm case list 2>&1)
expect_rc 0 $? "the upgrade and the administrator's first login"
sealed=$(q "SELECT count(*) FROM audit_log WHERE detail_sealed LIKE 'bf1:%'")
[ "$sealed" -gt 100 ] && ok "$sealed old entries sealed" || fail "$sealed entries sealed"
expect_contains "$(q "SELECT detail FROM audit_log WHERE tbl = 'audit_log'")" \
	"{\"sealed_entries\":$sealed," "one entry says how many"
expect_contains "$(q "SELECT count(*) FROM audit_log WHERE tbl = 'audit_log'")" 1 "one only"
expect_contains "$(q "SELECT detail FROM audit_log WHERE tbl = 'member' AND action = 'insert'
 ORDER BY id LIMIT 1")" '"id_number":"***"' "the detail left has *** for the number"
out=$(adm backup "$T/backup.db" 2>&1)
expect_rc 0 $? "a backup: $out"

# each secret, as UTF-8 and as hex text (either case), in the file, WAL, backup
for f in "$db" "$db-wal" "$T/backup.db"; do
	[ -f "$f" ] || continue
	od -An -v -tx1 "$f" | tr -d ' \n' >"$T/hex"
	hits=0
	while IFS= read -r s; do
		hx=$(printf '%s' "$s" | od -An -v -tx1 | tr -d ' \n')
		HX=$(printf '%s' "$hx" | tr a-f A-F)
		if grep -qF -- "$s" "$f" || grep -qF -- "$hx" "$f" || grep -qF -- "$HX" "$f"; then
			hits=$((hits + 1))
			echo "  found: $s in $f"
		fi
	done <"$T/secrets"
	expect_contains "$hits" 0 "none of the $n in $(basename "$f")"
done
# the check works: the hex dump of the old copy holds them
od -An -v -tx1 "$db.before-7" | tr -d ' \n' | grep -qF "$(head -1 "$T/secrets" | tr -d '\n' | od -An -v -tx1 | tr -d ' \n')" &&
	ok "the search finds a number where one is (the copy made before the upgrade)" ||
	fail "the search finds nothing even in the copy from before the upgrade"

out=$(adm audit verify 2>&1)
expect_rc 0 $? "audit verify: intact after the upgrade: $out"
out=$(adm audit verify --known "$head_before" 2>&1)
expect_rc 0 $? "the head printed before the upgrade is still in the chain: $out"
out=$(bf --db "$db" check 2>&1)
expect_rc 0 $? "bangfu check (no key) replays the log: $out"
[ "$(q "SELECT count(*) FROM audit_log")" -gt "$rows_before" ] && ok "no entry lost" || fail "entries lost"
# the administrator reads the old entry opened (the numbers masked as ever)
one=$(q "SELECT id FROM audit_log WHERE tbl = 'case_file' AND action = 'insert'
 AND detail_sealed IS NOT NULL ORDER BY id LIMIT 1")
five=$(sqlite3 "$db.before-7" "SELECT family_situation FROM case_file WHERE id =
 (SELECT row_id FROM audit_log WHERE id = $one)")
out=$(adm audit list --table case_file --oldest-first --limit 1 2>&1)
expect_contains "$out" "$five" "audit list shows the old entry opened: $out"
case "$out" in *'"family_situation":"***"'*) fail "audit list shows the redaction to the administrator" ;; *) ok "not the redaction" ;; esac

# the log stays append-only: a sealed entry cannot be sealed again
was=$(q "SELECT detail_sealed FROM audit_log WHERE id = $one")
q "UPDATE audit_log SET detail_sealed = 'bf1:AAAA' WHERE id = $one" >/dev/null 2>&1 &&
	fail "a second sealing was let through" || ok "the triggers refuse a second sealing"
expect_contains "$(q "SELECT detail_sealed FROM audit_log WHERE id = $one")" "$was" "the entry unchanged"
cp "$db" "$T/good.db"
# a changed old entry is caught: its detail left ...
sqlite3 -cmd ".dbconfig enable_trigger off" "$db" \
	"UPDATE audit_log SET detail = replace(detail, '\"status\":\"draft\"', '\"status\":\"closed\"') WHERE id = $one" >/dev/null
out=$(adm audit verify 2>&1)
expect_rc 1 $? "a changed detail left is caught"
expect_contains "$out" "Row $one was edited" "and named: $out"
# ... or its sealed detail, swapped with another's
cp "$T/good.db" "$db"
two=$(q "SELECT id FROM audit_log WHERE detail_sealed IS NOT NULL AND id > $one ORDER BY id LIMIT 1")
sqlite3 -cmd ".dbconfig enable_trigger off" "$db" \
	"UPDATE audit_log SET detail_sealed = (SELECT detail_sealed FROM audit_log WHERE id = $two) WHERE id = $one" >/dev/null
out=$(adm audit verify 2>&1)
expect_rc 1 $? "a sealed detail moved from another entry is caught"
expect_contains "$out" "Row $one was edited" "and named: $out"
finish
