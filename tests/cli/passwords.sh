#!/bin/sh
# Passwords per NIST SP 800-63B through the real binary (issue 13, item 3):
# the common ones (12345678, password, 11111111, qwertyui; the common Chinese
# ones) are refused with the reason, in English and in Chinese; a long plain
# one is fine.
. "${top_srcdir:-.}/tests/cli/lib.sh"
export BANGFU_DB="$T/pw.db"
bf init --unit "测试单位" </dev/null >/dev/null 2>&1 || fail "init"
add() { # add LANG NAME PASSWORD — as the administrator tester
	printf 'tester-password\n%s\n' "$3" >"$T/add.pw"
	"$BANGFU" --lang "$1" --password-fd 3 user add "$2" --role clerk 3<"$T/add.pw" 2>&1
}
for pw in 12345678 password 11111111 qwertyui woaini1314 qq123456 a1b2c3d4 Password1; do
	out=$(add en li "$pw"); rc=$?
	expect_rc 1 $rc "$pw is refused"
	case "$out" in
	*"among the most common"* | *"too easy to guess"*) ok "and says why ($pw)" ;;
	*) fail "$pw: no reason: $out" ;;
	esac
done
out=$(add en li "li-password"); rc=$?
expect_rc 1 $rc "a dictionary word with the name is refused"
expect_contains "$out" "too easy to guess (it is based on a dictionary word)" "cracklib's reason"
out=$(LANGUAGE=zh_CN add zh li 5201314a); rc=$?
expect_rc 1 $rc "refused in Chinese too"
expect_contains "$out" "最常见的密码" "the reason in Chinese"
out=$(LANGUAGE=zh_CN add zh li "li-password")
expect_contains "$out" "太容易被猜到（它以字典中的单词为基础）" "cracklib's reason in Chinese"
out=$(add en li "correct horse battery staple"); rc=$?
expect_rc 0 $rc "a few unrelated words are fine (no composition rules)"
finish
