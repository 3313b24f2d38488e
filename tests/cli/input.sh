#!/bin/sh
# Issue 18 (part A), through the real binary: CSV input read whole or
# refused (a NUL or control byte, a UTF-8 file with a stray byte), commands
# taking several items are all or nothing, one open file per person held by
# the schema (two imports of one CSV at once), files that are not ours
# refused, and messages that say what happened. Each check failed on main
# at f233ae2.
. "${top_srcdir:-.}/tests/cli/lib.sh"
export BANGFU_DB="$T/in.db"
bf init --unit "测试单位" --union "测试单位工会" </dev/null >/dev/null 2>&1 || fail "init"
count() { bf case list --json | grep -c '"number"'; }

ten_households "$T/ten.csv"

# ---- item 3: a NUL at the start of line 3 -------------------------------------
{ head -2 "$T/ten.csv"; printf '\000'; tail -n +3 "$T/ten.csv"; } > "$T/nul.csv"
out=$(bf case import "$T/nul.csv" 2>&1); rc=$?
expect_rc 1 $rc "a NUL byte: the import is refused"
expect_contains "$out" "line 3, column 1 (户号), character 1: control character 0x00" \
	"the NUL is named by line and column"
expect_contains "$out" "nothing was imported" "says nothing was imported"
[ "$(count)" = 0 ] && ok "nothing imported after the NUL" || fail "households imported: $(count)"
# another control byte inside a cell
sed '4s/职工3/职\x01工3/' "$T/ten.csv" > "$T/ctl.csv"
out=$(bf case import "$T/ctl.csv" 2>&1); rc=$?
expect_rc 1 $rc "a control byte: refused"
expect_contains "$out" "line 4, column 3 (姓名), character 8: control character 0x01" \
	"the control byte is named by line and column"

# ---- items 10 and 11: a UTF-8 file with one stray 0xE9 -------------------------
sed '5s/职工4/何\xe9伟/' "$T/ten.csv" > "$T/stray.csv"
out=$(bf case import "$T/stray.csv" 2>&1); rc=$?
expect_rc 1 $rc "a stray byte in a UTF-8 file: refused"
expect_contains "$out" "line 5: byte 0xE9" "names the byte in hex and its line"
case "$out" in *"--encoding utf-8"*) fail "suggests --encoding utf-8: $out" ;;
*) ok "does not suggest --encoding utf-8" ;; esac
case "$out" in *浣*) fail "decoded as GB18030: $out" ;; *) ok "not decoded as GB18030" ;; esac
[ "$(count)" = 0 ] && ok "nothing imported after the stray byte" || fail "imported: $(count)"
# an ASCII file with one stray 0xE9 before a letter (Latin-1 é) is UTF-8 too
printf 'household,relation,name,id_number\nH1,self,Ren\351e,11010519491231002X\n' > "$T/latin1.csv"
out=$(bf case import "$T/latin1.csv" 2>&1); rc=$?
expect_rc 1 $rc "ASCII with a stray byte: refused"
expect_contains "$out" "line 2: byte 0xE9" "names the byte in hex and its line"
case "$out" in *閑*) fail "decoded as GB18030: $out" ;; *) ok "ASCII not decoded as GB18030" ;; esac
[ "$(count)" = 0 ] && ok "nothing imported after the stray byte in ASCII" || fail "imported: $(count)"
# a file that really is GB18030 is still read; --encoding overrides
if iconv -f UTF-8 -t GB18030 "$T/ten.csv" > "$T/gb.csv" 2>/dev/null; then
	out=$(bf case import "$T/gb.csv" --dry-run 2>&1) || fail "GB18030 dry run: $out"
	expect_contains "$out" "10 household(s) would be imported" "a GB18030 file is read"
	out=$(bf case import "$T/gb.csv" --encoding utf-8 --dry-run 2>&1); rc=$?
	expect_rc 1 $rc "--encoding utf-8 overrides the detection"
	expect_contains "$out" "line 1: byte 0xBB" "and names the first bad byte"
fi

# ---- items 7 and "all-or-nothing commands": checklist receive ---------------------
bf case import "$T/ten.csv" >/dev/null 2>&1 || fail "import the ten"
num=$(bf case list --json | sed -n 's/.*"number": "\([^"]*\)".*/\1/p' | head -1)
before=$(bf checklist "$num" --json | grep -c '"status": "received"')
out=$(bf checklist receive "$num" form hukou bogus id_copy:1 2>&1); rc=$?
expect_rc 1 $rc "checklist receive with a bad key: refused"
expect_contains "$out" "bogus" "names the bad key"
expect_contains "$out" "nothing was changed" "says nothing was changed"
after=$(bf checklist "$num" --json | grep -c '"status": "received"')
[ "$before" = "$after" ] && ok "no item received" || fail "items received: $before -> $after"
out=$(bf checklist waive "$num" form nonsense --reason "x" 2>&1); rc=$?
expect_rc 1 $rc "checklist waive with a bad key: refused"
after=$(bf checklist "$num" --json | grep -c '"status": "waived"')
[ "$after" = 0 ] && ok "no item waived" || fail "items waived: $after"
bf checklist receive "$num" form hukou >/dev/null 2>&1 || fail "receive two good keys"
out=$(bf checklist unset "$num" form zzz 2>&1); rc=$?
expect_rc 1 $rc "checklist unset with a bad key: refused"
after=$(bf checklist "$num" --json | grep -c '"status": "received"')
[ "$after" = 2 ] && ok "no item unset" || fail "received now: $after"

# ---- item 2: one open file per person, held by the schema -----------------------
# two imports of one CSV started at once: one succeeds, the other refuses
# naming the duplicate; nothing of it is imported
export BANGFU_DB="$T/race.db"
bf init --unit "测试单位" --union "测试单位工会" </dev/null >/dev/null 2>&1 || fail "init race.db"
wins=0 refusals=0
for trial in 1 2 3; do
	rm -f "$T/race.db" "$T/race.db-wal" "$T/race.db-shm"
	bf init --unit "测试单位" --union "测试单位工会" </dev/null >/dev/null 2>&1 || fail "init"
	bf case import "$T/ten.csv" >"$T/a.out" 2>&1 &
	pa=$!
	bf case import "$T/ten.csv" >"$T/b.out" 2>&1 &
	pb=$!
	wait $pa; ra=$?
	wait $pb; rb=$?
	n=$(count)
	[ "$n" = 10 ] || fail "trial $trial: $n files after two imports of ten households"
	dup=$(sqlite3 "$T/race.db" "SELECT count(*) FROM (SELECT m.id_bidx FROM member m
		JOIN case_file c ON c.id = m.case_id WHERE c.status <> 'closed'
		GROUP BY m.id_bidx HAVING count(*) > 1)" 2>/dev/null)
	[ "${dup:-0}" = 0 ] || fail "trial $trial: $dup people in two open files"
	if [ "$ra$rb" = 01 ] || [ "$ra$rb" = 10 ]; then
		wins=$((wins + 1))
		loser=$T/b.out
		[ "$ra" = 1 ] && loser=$T/a.out
		grep -q "is already in file" "$loser" && refusals=$((refusals + 1)) ||
			fail "trial $trial: the refusal does not name the duplicate: $(cat "$loser")"
	else
		fail "trial $trial: exit codes $ra and $rb (want one 0, one 1)"
	fi
done
[ "$wins" = 3 ] && ok "two imports at once: one succeeded, the other refused (3 of 3)"
[ "$refusals" = 3 ] && ok "the refused import named the duplicate (3 of 3)"

# the store refuses too: a screen save racing an import (the schema's index)
num=$(bf case list --json | sed -n 's/.*"number": "\([^"]*\)".*/\1/p' | head -1)
head -2 "$T/ten.csv" | sed 's/^H1,/X1,/' > "$T/one.csv"
out=$(bf case import "$T/one.csv" 2>&1); rc=$?
expect_rc 1 $rc "a person with an open file: import refused"
expect_contains "$out" "is already in file $num" "names the file"
# closing the file frees its people; reopening is refused while they have another
bf case close "$num" --reason moved --note "迁往外省" >/dev/null 2>&1 || fail "close $num"
out=$(bf case import "$T/one.csv" 2>&1) || fail "a closed file's person applies again: $out"
expect_contains "$out" "Imported 1 household(s)" "a closed file's person applies again"
out=$(bf case advance "$num" --to draft --reason "重新申请" 2>&1); rc=$?
expect_rc 1 $rc "reopening a file whose person has another open file: refused"
expect_contains "$out" "one person, one open file" "says why"
case "$out" in *SQL*|*open_person*) fail "raw SQL shown: $out" ;; *) ok "no raw SQL" ;; esac
finish
