#!/bin/sh
# Test switches only in test builds (issue 13, item 5): the program built
# without --enable-test-hooks (tests/bangfu-plain, linked from the same
# objects as bangfu) ignores BANGFU_TODAY, BANGFU_NOW and
# BANGFU_TEST_PWHASH_MIN; the test build (bangfu) honours them, which shows
# each check can fail.
. "${top_srcdir:-.}/tests/cli/lib.sh"
: "${BANGFU_PLAIN:?BANGFU_PLAIN must point to the program built without test switches}"
export BANGFU_DB="$T/hooks.db"
plain() { "$BANGFU_PLAIN" --lang en --password-fd 3 "$@" 3<"$PWFILE"; }

bf init --unit "测试单位" --union "测试单位工会" </dev/null >/dev/null 2>&1 || fail "init"
wrapmem() { # wrapmem NAME — the cost of NAME's wrap of the data key (vault.h)
	sqlite3 "$BANGFU_DB" "SELECT mem FROM keyring WHERE kind = 'operator' AND
		account_id = (SELECT id FROM operator WHERE name = '$1')"
}
# the test build wraps the data key cheaply (the last checks below can fail)
! command -v sqlite3 >/dev/null 2>&1 ||
	expect_rc 8192 "$(wrapmem tester)" "the test build's wrap of the data key is cheap"

# ---- BANGFU_TODAY: a publicity round closed before its end -------------------------
# a round from Monday 3 June 2030 runs to Friday 7 June
export BANGFU_TODAY=2030-06-03
import_household
n=$household
bf checklist receive "$n" 1 2 3 4 5 6 >/dev/null 2>&1 || fail "receive"
bf case advance "$n" --to docs_complete >/dev/null 2>&1 || fail "docs_complete"
bf review "$n" --approve --category 1 --amount 2000 --meeting "2030年第1次" >/dev/null 2>&1 ||
	fail "review"
bf publicity create --cases "$n" --place 公告栏 --contact 刘 --phone 010-12345678 --office 工会 >/dev/null 2>&1 ||
	fail "publicity create"
# the real today is years before the round ends: the plain program refuses
out=$(BANGFU_TODAY=2030-06-10 plain publicity close 1 2>&1); rc=$?
expect_rc 1 $rc "without test hooks BANGFU_TODAY does not close a round before its end"
out=$(bf publicity show 1 2>&1)
case "$out" in *closed*|*Closed*) fail "the round was closed: $out" ;; *) ok "the round is still open" ;; esac
out=$(BANGFU_TODAY=2030-06-10 bf publicity close 1 2>&1); rc=$?
expect_rc 0 $rc "the test build honours BANGFU_TODAY (the check above can fail)"
unset BANGFU_TODAY

# ---- BANGFU_NOW with BANGFU_TODAY: the time left to the deadline -------------------
bf deadline set "2030-06-03 17:30" >/dev/null 2>&1 || fail "deadline set"
out=$(BANGFU_TODAY=2030-06-03 BANGFU_NOW=17:00 bf deadline show 2>&1)
expect_contains "$out" "30 minutes left" "the test build honours BANGFU_NOW"
out=$(BANGFU_TODAY=2030-06-03 BANGFU_NOW=17:00 plain deadline show 2>&1)
case "$out" in
*"30 minutes left"*) fail "the plain program took BANGFU_NOW: $out" ;;
*"days"*) ok "without test hooks BANGFU_TODAY and BANGFU_NOW are ignored" ;;
*) fail "deadline show: $out" ;;
esac

# ---- BANGFU_TODAY and the holiday calendar: the year it warns of -------------------
out=$(BANGFU_TODAY=2040-12-10 bf holiday list 2>&1)
expect_contains "$out" "no holiday arrangement for 2040" "the test build's calendar takes BANGFU_TODAY"
out=$(BANGFU_TODAY=2040-12-10 plain holiday list 2>&1)
case "$out" in
*2040*) fail "the plain program's calendar took BANGFU_TODAY: $out" ;;
*) ok "without test hooks the calendar ignores BANGFU_TODAY" ;;
esac

# ---- BANGFU_TEST_PWHASH_MIN: a weak hash stored ------------------------------------
if command -v sqlite3 >/dev/null 2>&1; then
	printf 'tester-password\nweak-hash-one\n' >"$T/li.pw"
	BANGFU_TEST_PWHASH_MIN=1 "$BANGFU_PLAIN" --lang en --password-fd 3 user add li --role clerk \
		3<"$T/li.pw" >/dev/null 2>&1 || fail "user add li"
	h=$(sqlite3 "$BANGFU_DB" "SELECT pwhash FROM operator WHERE name = 'li'")
	case "$h" in
	*'$m=8,'*) fail "without test hooks BANGFU_TEST_PWHASH_MIN stored a weak hash: $h" ;;
	*'$m=65536,'* | *'$m=262144,'*) ok "without test hooks the password is hashed at full cost" ;;
	*) fail "no hash for li: $h" ;;
	esac
	# the data key is wrapped at the password-hashing cost too
	for who in li tester; do
		mem=$(wrapmem $who)
		if [ "${mem:-0}" -ge 67108864 ]; then
			ok "without test hooks $who's wrap of the data key is made at full cost"
		else
			fail "without test hooks $who's wrap of the data key costs $mem bytes"
		fi
	done
	h=$(sqlite3 "$BANGFU_DB" "SELECT pwhash FROM operator WHERE name = 'tester'")
	case "$h" in
	*'$m=65536,'*) ok "and the administrator's cheap hash was rehashed at the login" ;;
	*) fail "tester's hash after a plain login: $h" ;;
	esac
else
	echo "sqlite3 not installed: the hash cost is not checked"
fi
finish
