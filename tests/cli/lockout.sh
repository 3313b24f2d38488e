#!/bin/sh
# The lockout through the real binary (issue 13, item 2): 24 wrong passwords
# sent at once by 24 processes get at most the policy's 5 "wrong" answers,
# the rest are refused as locked, and the right password afterwards too; an
# unknown name gets the same answers as a known one, waits included.
. "${top_srcdir:-.}/tests/cli/lib.sh"
export BANGFU_DB="$T/lock.db"
bf init --unit "测试单位" </dev/null >/dev/null 2>&1 || fail "init"
for u in li wang; do
	printf 'tester-password\n%s-password-1\n' "$u" >"$T/add.pw"
	"$BANGFU" --lang en --password-fd 3 user add "$u" --role clerk 3<"$T/add.pw" >/dev/null 2>&1 ||
		fail "user add $u"
done
printf 'not-the-password\n' >"$T/wrong.pw"
try() { # try NAME PASSWORDFILE OUT — one write as NAME
	BANGFU_USER=$1 "$BANGFU" --lang en --password-fd 3 deadline set "2030-06-03 17:30" \
		3<"$2" >"$3" 2>&1
}

# ---- 24 at once ------------------------------------------------------------------
i=0
while [ $i -lt 24 ]; do
	try li "$T/wrong.pw" "$T/burst.$i" &
	i=$((i + 1))
done
wait
wrong=$(cat "$T"/burst.* | grep -c "Wrong name or password")
refused=$(cat "$T"/burst.* | grep -c "is locked\|Too many failed attempts")
if [ "$wrong" -le 5 ]; then ok "24 at once: $wrong answered wrong"; else fail "24 at once: $wrong answered wrong (policy 5)"; fi
expect_rc 24 $((wrong + refused)) "every other one is refused (waiting or locked) without a look at the password"
# then one at a time until the account locks (the CLI waits out the delays)
k=0
while [ $k -lt 6 ] && ! grep -q "is locked" "$T/more.out" 2>/dev/null; do
	try li "$T/wrong.pw" "$T/more.out"
	k=$((k + 1))
done
expect_contains "$(cat "$T/more.out")" "is locked" "the account locks"
if command -v sqlite3 >/dev/null 2>&1; then
	n=$(sqlite3 "$BANGFU_DB" "SELECT failed_count || ' ' || locked FROM operator WHERE name = 'li'")
	expect_contains "$n" "5 1" "five failures counted in all and the account locked"
fi
printf 'li-password-1\n' >"$T/li.pw"
try li "$T/li.pw" "$T/right.out"
expect_contains "$(cat "$T/right.out")" "is locked" "the right password after the lock is refused"

# ---- unknown and known names answer alike -----------------------------------------
for k in 1 2 3 4; do
	# side by side, so that both have waited as long since their last failure
	try wang "$T/wrong.pw" "$T/known.$k" &
	try nobody "$T/wrong.pw" "$T/unknown.$k" &
	wait
	# the seconds left may differ by one between two processes started apart
	kn=$(sed 's/[0-9][0-9]* s/N s/' "$T/known.$k") un=$(sed 's/[0-9][0-9]* s/N s/' "$T/unknown.$k")
	if [ "$kn" = "$un" ]; then
		ok "attempt $k: the same answer ($(tail -1 "$T/known.$k"))"
	else
		fail "attempt $k: known '$(cat "$T/known.$k")' unknown '$(cat "$T/unknown.$k")'"
	fi
done
# (whether an attempt had to wait depends on how fast the machine is: the
# store's test with a fake clock checks the delays; here, the counts)
if command -v sqlite3 >/dev/null 2>&1; then
	k=$(sqlite3 "$BANGFU_DB" "SELECT failed_count FROM operator WHERE name = 'wang'")
	u=$(sqlite3 "$BANGFU_DB" "SELECT failed_count FROM login_phantom WHERE name = 'nobody'")
	expect_rc "$k" "$u" "an unknown name is counted as a known one is ($k)"
fi
finish
