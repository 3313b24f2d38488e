#!/bin/sh
# Full numbers from the command line: `case show --reveal` and `case list
# --reveal` record each reveal in the audit log first, and show nothing in
# full to who may not (nobody logged in, a wrong password).
. "${top_srcdir:-.}/tests/cli/lib.sh"
export BANGFU_DB="$T/reveal.db"

reveals() { # the number of reveal rows in the audit log
	bf audit list --action reveal --all --json | grep -c '"id":' || true
}

bf init --unit "测试单位" </dev/null >/dev/null 2>&1 || fail "init"
cat > "$T/two.csv" <<'CSV'
户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明,部门,电话,银行卡号,主要致困原因
A,本人,张三丰,11010519491231002X,已婚,在岗,"1,200.00",单位收入证明,一车间,13812345678,6222021234567890128,下岗失业
B,本人,王五,110105198001010016,未婚,在岗,2000,单位收入证明,二车间,13912345678,,下岗失业
CSV
bf case import "$T/two.csv" >/dev/null 2>&1 || fail "import"
number=$(bf case list --json | sed -n 's/.*"number": "\([^"]*\)".*/\1/p' | head -1)
[ -n "$number" ] && ok "a file to show" || fail "no file number"

before=$(reveals)
out=$(bf case show "$number" 2>&1); rc=$?
expect_rc 0 $rc "case show without --reveal"
case "$out" in *11010519491231002X*|*110105198001010016*) fail "a full ID without --reveal" ;; *) ok "masked without --reveal" ;; esac
[ "$(reveals)" -eq "$before" ] && ok "nothing recorded without --reveal" || fail "a reveal was recorded without --reveal"

out=$(bf case show "$number" --reveal 2>&1); rc=$?
expect_rc 0 $rc "case show --reveal"
case "$out" in *11010519491231002X*|*110105198001010016*) ok "the full ID is shown" ;; *) fail "no full ID: $out" ;; esac
[ "$(reveals)" -eq $((before + 1)) ] && ok "case show --reveal is recorded" || fail "case show --reveal: $(reveals) reveal rows, wanted $((before + 1))"
out=$(bf audit list --action reveal --json 2>&1)
expect_contains "$out" "case show" "the reveal names its purpose"
expect_contains "$out" "tester" "the reveal names the operator"

out=$(bf case show "$number" --json --reveal 2>&1); rc=$?
expect_rc 0 $rc "case show --json --reveal"
[ "$(reveals)" -eq $((before + 2)) ] && ok "case show --json --reveal is recorded" || fail "case show --json --reveal not recorded"

out=$(bf case list --reveal 2>&1); rc=$?
expect_rc 0 $rc "case list --reveal"
expect_contains "$out" "11010519491231002X" "case list --reveal shows the full ID"
[ "$(reveals)" -eq $((before + 4)) ] && ok "case list --reveal records each file shown" || fail "case list --reveal: $(reveals) reveal rows, wanted $((before + 4))"

# who may not: nobody named, or a wrong password — nothing in full, nothing recorded
n=$(reveals)
out=$(BANGFU_USER= "$BANGFU" --lang en case show "$number" --reveal </dev/null 2>&1); rc=$?
expect_rc 1 $rc "case show --reveal without an operator is refused"
case "$out" in *11010519491231002X*|*110105198001010016*) fail "a full ID was shown to nobody" ;; *) ok "no full ID to nobody" ;; esac
out=$(bf_as tester wrong-password case show "$number" --json --reveal 2>&1); rc=$?
expect_rc 1 $rc "case show --json --reveal with a wrong password is refused"
case "$out" in *11010519491231002X*|*110105198001010016*) fail "a full ID after a wrong password" ;; *) ok "no full ID after a wrong password" ;; esac
out=$(BANGFU_USER= "$BANGFU" --lang en case list --reveal </dev/null 2>&1); rc=$?
expect_rc 1 $rc "case list --reveal without an operator is refused"
case "$out" in *11010519491231002X*) fail "case list showed a full ID to nobody" ;; *) ok "case list: no full ID to nobody" ;; esac
[ "$(reveals)" -eq "$n" ] && ok "refusals record no reveal" || fail "a refused reveal was recorded"
out=$(bf audit verify 2>&1); rc=$?
expect_rc 0 $rc "the chain verifies after the reveals"
finish
