#!/bin/sh
# The audit chain anchored at the district (issue 13, item 1 (a)), through
# the real binary and the attacker's sqlite3 shell: each package header
# carries the row count, the head and the hash of the row at the previous
# package's head; the district accepts packages that extend the chain it
# holds, refuses one from a truncated chain (rows deleted with the triggers
# off) naming both heads, refuses one with fewer rows, and accepts a unit
# that says it restored a backup with a warning and an audit entry.
. "${top_srcdir:-.}/tests/cli/lib.sh"
need_sqlite3
U="$T/unit.db"
demo_for_district "$U"
adm --db "$U" key export "$T/unit.key" >/dev/null 2>&1 || fail "the unit's key"
qian key import "$T/unit.key" >/dev/null 2>&1 || fail "the district registers the unit's key"
out=$(adm --db "$U" batch new 2>&1) || fail "batch new: $out"
batch=$(echo "$out" | sed -n 's/^Batch \([0-9]*-[0-9]*\):.*/\1/p')
hdr() { sed -n "s/^$2: //p;/^\$/q" "$1"; } # hdr PACKAGE KEY
# export DIR [FLAGS] — the batch exported into DIR; sets pkg
export_to() {
	_d=$1
	shift
	adm --db "$U" batch export "$batch" --out "$_d" "$@" >"$T/export.out" 2>&1 ||
		fail "export into $_d: $(cat "$T/export.out")"
	pkg=$(ls "$_d"/*.bfpkg 2>/dev/null | head -1)
}
held() { sqlite3 "$DISTRICT_DB" "SELECT chain_rows || ' ' || chain_head FROM dist_unit"; }

# ---- two packages in order ---------------------------------------------------------
export_to "$T/o1"
rows1=$(hdr "$pkg" audit-rows)
head1=$(hdr "$pkg" audit-head)
# the demo exported a batch of its own (never sent): this package names the
# head of that export, which the district, holding nothing yet, cannot check
prev1=$(hdr "$pkg" audit-prev-rows)
[ -n "$prev1" ] && [ "$prev1" -lt "$rows1" ] &&
	ok "the first package names the demo's export as its previous head ($prev1 < $rows1)" ||
	fail "the first package's previous head: rows '$prev1', its own $rows1"
expect_rc no "$(hdr "$pkg" restored-from-backup)" "not restored"
# a count of rows, not the last id: the export's own row recording the
# package's digest comes after the head
expect_rc "$rows1" "$(sqlite3 "$U" "SELECT count(*) - 1 FROM audit_chain")" "audit-rows is the count"
expect_rc "$head1" "$(sqlite3 "$U" "SELECT hash FROM audit_chain ORDER BY id LIMIT 1 OFFSET $rows1 - 1")" \
	"audit-head is the hash of that row"
out=$(qian package import "$pkg" 2>&1); rc=$?
expect_rc 0 $rc "the first package is accepted: $out"
expect_rc "$rows1 $head1" "$(held)" "the district holds its head"
adm --db "$U" backup "$T/backup.db" >/dev/null 2>&1 || fail "backup"

export_to "$T/o2"
rows2=$(hdr "$pkg" audit-rows)
head2=$(hdr "$pkg" audit-head)
expect_rc "$rows1 $head1" "$(hdr "$pkg" audit-prev-rows) $(hdr "$pkg" audit-prev)" \
	"the second names the first's head at its row count"
out=$(qian package import "$pkg" 2>&1); rc=$?
expect_rc 0 $rc "the second package, extending the chain, is accepted: $out"
expect_rc "$rows2 $head2" "$(held)" "the district holds the second head"

# ---- a truncated chain: the log's last rows deleted with the triggers off ----------
cp "$U" "$T/before-cut.db"
sqlite3 -cmd ".dbconfig enable_trigger off" "$U" \
	"DELETE FROM audit_log WHERE id > $rows2 - 3; DELETE FROM audit_chain WHERE id > $rows2 - 3" >/dev/null ||
	fail "the attack"
export_to "$T/o3"
out=$(qian package import "$pkg" 2>&1); rc=$?
expect_rc 1 $rc "a package from a truncated chain is refused"
h2=$(printf '%.16s' "$head2")
h3=$(printf '%.16s' "$(hdr "$pkg" audit-head)")
expect_contains "$out" "does not extend the one accepted from unit" "the refusal says why"
expect_contains "$out" "holds head $h2 at row $rows2" "it names the head held"
expect_contains "$out" "(its head $h3 at row" "and the package's head"
expect_rc "$rows2 $head2" "$(held)" "the district still holds the second head"

# ---- fewer rows than the last package ------------------------------------------------
cp "$T/before-cut.db" "$U"
rm -f "$U-wal" "$U-shm"
sqlite3 -cmd ".dbconfig enable_trigger off" "$U" \
	"DELETE FROM audit_log WHERE id > $rows2 - 300; DELETE FROM audit_chain WHERE id > $rows2 - 300" >/dev/null ||
	fail "the attack"
export_to "$T/o4"
rows4=$(hdr "$pkg" audit-rows)
[ "$rows4" -lt "$rows2" ] && ok "the cut package has fewer rows ($rows4 < $rows2)" ||
	fail "the cut package has $rows4 rows, not fewer than $rows2"
out=$(qian package import "$pkg" 2>&1); rc=$?
expect_rc 1 $rc "a package with fewer rows than the last is refused"
expect_contains "$out" "has fewer rows than the last one accepted from unit" "the refusal says why"
expect_contains "$out" "$rows4 rows (head $(printf '%.16s' "$(hdr "$pkg" audit-head)")) after $rows2 (head $h2)" \
	"naming both heads"

# ---- a restored backup, said so ---------------------------------------------------------
cp "$T/backup.db" "$U"
rm -f "$U-wal" "$U-shm"
export_to "$T/o5"
out=$(qian package import "$pkg" 2>&1); rc=$?
expect_rc 1 $rc "the backup's next package, without the flag, is refused"
export_to "$T/o6" --restored-from-backup
expect_contains "$(cat "$T/export.out")" "restored from a backup" "the export says what the header says"
expect_rc yes "$(hdr "$pkg" restored-from-backup)" "the header says restored-from-backup: yes"
out=$(qian package import "$pkg" 2>"$T/err"); rc=$?
expect_rc 0 $rc "the restored package is accepted: $out $(cat "$T/err")"
expect_contains "$(cat "$T/err")" "Warning: unit" "with a warning"
expect_contains "$(cat "$T/err")" "says it restored its database from a backup" "saying what"
expect_contains "$(cat "$T/err")" "head held ($h2 at row $rows2)" "naming the head held before"
expect_rc "$(hdr "$pkg" audit-rows) $(hdr "$pkg" audit-head)" "$(held)" \
	"the district holds the restored head from now on"
expect_rc 1 "$(sqlite3 "$DISTRICT_DB" "SELECT count(*) FROM audit_log WHERE tbl = 'dist_package'
	AND detail LIKE '%\"restored\":1%'")" "the district's audit log records the restore"
out=$(qian audit verify 2>&1); rc=$?
expect_rc 0 $rc "the district's log verifies: $out"
finish
