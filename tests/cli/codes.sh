#!/bin/sh
# Codes are codes (issue 13, item 7): `init --code "../../evil"` is refused
# naming the field; a key file for code ../../../x is not registered; a code
# put in behind the program's back makes `batch export` refuse, and no file
# is written outside the folder given.
. "${top_srcdir:-.}/tests/cli/lib.sh"
export BANGFU_DB="$T/u.db"
out=$(bf init --unit "测试单位" --code "../../evil" </dev/null 2>&1); rc=$?
expect_rc 1 $rc "init --code ../../evil is refused"
expect_contains "$out" 'Unit code "../../evil"' "naming the field"
out=$(bf init --unit "测试单位" --code "U01" </dev/null 2>&1); rc=$?
expect_rc 0 $rc "init --code U01"

# ---- a key file whose code is a path ---------------------------------------------
export BANGFU_DB="$T/d.db"
BANGFU_DB="$T/d.db" bf init --unit "某某区总工会" --code D01 --district-mode </dev/null >/dev/null 2>&1 ||
	fail "district init"
BANGFU_DB="$T/u.db" bf key export "$T/u.bfkey" >/dev/null 2>&1 || fail "key export"
sed 's|^code: U01$|code: ../../../x|' "$T/u.bfkey" >"$T/bad.bfkey"
printf 'tester-password\nzhao-district-1\n' >"$T/add.pw"
"$BANGFU" --lang en --password-fd 3 user add zhao --role district 3<"$T/add.pw" >/dev/null 2>&1 ||
	fail "user add zhao"
out=$(bf_as zhao zhao-district-1 key import "$T/bad.bfkey" 2>&1); rc=$?
expect_rc 1 $rc "a key file for code ../../../x is refused"
expect_contains "$out" "The key file's code \"../../../x\"" "naming the field"
if command -v sqlite3 >/dev/null 2>&1; then
	n=$(sqlite3 "$T/d.db" "SELECT count(*) FROM trusted_key")
	expect_rc 0 "$n" "nothing registered"

	# ---- a code put in behind the program: the export refuses -------------------
	export BANGFU_DB="$T/u.db"
	sqlite3 -cmd ".dbconfig enable_trigger off" "$BANGFU_DB" "UPDATE unit SET code = '../../evil'" \
		>/dev/null
	mkdir -p "$T/a/b/out"
	out=$(cd "$T/a/b" && bf batch export 2026-01 --out out 2>&1); rc=$?
	[ "$rc" -ne 0 ] && ok "batch export refuses ($rc)" || fail "batch export went ahead: $out"
	left=$(find "$T" -name '*evil*' | head -3)
	[ -z "$left" ] && ok "no file named from the code was written" || fail "written: $left"
fi
finish
