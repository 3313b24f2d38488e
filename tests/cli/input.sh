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

# ten households, one member each (valid IDs made from a fixed list)
ids="110105197001010118 110105197201010139 110105197501010157 110105197801010175
110105198102030198 110105198304050218 110105198506070233 110105198708090259
110105198910110276 110105199112130293"
{
	echo "户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明"
	k=0
	for id in $ids; do
		k=$((k + 1))
		echo "H$k,本人,职工$k,$id,未婚,在岗,800,单位收入证明"
	done
} > "$T/ten.csv"

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
