#!/bin/sh
# Cases without the screen: import (UTF-8, GB18030, bad rows), list, show
# --json, demo, and two processes writing one file at once.
. "${top_srcdir:-.}/tests/cli/lib.sh"
export BANGFU_DB="$T/cases.db"
bf init --unit "测试单位" </dev/null >/dev/null 2>&1 || fail "init"

cat > "$T/good.csv" <<'CSV'
户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明,部门,电话,银行卡号,主要致困原因
A,本人,张三丰,11010519491231002X,已婚,在岗,"1,200.00",单位收入证明,一车间,13812345678,6222021234567890128,下岗失业
A,配偶,李四,110105195003070027,已婚,失业,,无证明,,,,
B,本人,王五,110105198001010016,未婚,在岗,2000,单位收入证明,二车间,,,
CSV
iconv -f UTF-8 -t GB18030 "$T/good.csv" > "$T/good-gb.csv"

# a file with bad rows: nothing is written, every problem named by line and column
cat > "$T/bad.csv" <<'CSV'
户号,关系,姓名,身份证号,月收入
C,本人,赵六,110105194912310021,12.345
C,表哥,钱七,110105198001010016,0
CSV
before=$(bf case list --json)
out=$(bf case import "$T/bad.csv" 2>&1); rc=$?
expect_rc 1 $rc "a file with bad rows is refused"
expect_contains "$out" "line 2, column 身份证号" "bad ID named by line and column"
expect_contains "$out" "line 2, column 月收入" "bad money named by line and column"
expect_contains "$out" "line 3, column 关系" "bad relation named by line and column"
expect_contains "$out" "nothing was imported" "says nothing was imported"
[ "$before" = "$(bf case list --json)" ] && ok "nothing written after a refused import" ||
	fail "cases changed after a refused import"

out=$(bf case import "$T/good-gb.csv" 2>&1); rc=$?
expect_rc 0 $rc "GB18030 import"
expect_contains "$out" "GB18030" "encoding detected as GB18030"
expect_contains "$out" "Imported 2 household(s)" "two households imported"

# importing the same people again is caught: one person, one file
out=$(bf case import "$T/good.csv" 2>&1); rc=$?
expect_rc 1 $rc "the same IDs again are refused"
expect_contains "$out" "is already in file" "names the existing file"

out=$(bf case list)
expect_contains "$out" "张三丰" "list shows the employee"
expect_contains "$out" "1101**********002*" "list masks the ID number (no birth date, no check character)"
case "$out" in *11010519491231002X*) fail "list shows a full ID number" ;; *) ok "no full ID in the list" ;; esac
out=$(bf case list --search zsf)
expect_contains "$out" "张三丰" "pinyin initials search finds 张三丰"
case "$out" in *王五*) fail "pinyin search zsf also found 王五" ;; *) ok "pinyin search is selective" ;; esac
out=$(bf case list --search 001)
expect_contains "$out" "王五" "search by the ID digits the mask shows"
out=$(bf case list --search 19800101)
case "$out" in *王五*) fail "the birth date digits found a file (a search oracle)" ;; *) ok "birth date digits find nothing" ;; esac
out=$(bf case list --search 110105198001010016)
expect_contains "$out" "王五" "a whole ID number finds its file"

num=$(bf case list --search zsf --json | sed -n 's/.*"number": "\([^"]*\)".*/\1/p' | head -1)
out=$(bf case show "$num" --json)
expect_contains "$out" '"household_size": 2' "show --json has the household size"
expect_contains "$out" '"per_capita_fen": 169000' "per-capita with the minimum wage imputed for the unproven unemployed spouse"
expect_contains "$out" '"income_imputed": true' "imputation is flagged"
expect_contains "$out" '"required_documents"' "show --json lists the required documents"
expect_contains "$out" '"kind": "unemployment"' "the unemployed spouse needs an unemployment certificate"
out=$(bf case show 2099-9999 2>&1); rc=$?
expect_rc 1 $rc "show of a missing file"
expect_contains "$out" "2099-9999" "names the missing file"

# two processes writing the same file at once both succeed
BANGFU_DB="$T/demo.db" bf demo --cases 40 >"$T/d1.out" 2>&1 &
p1=$!
BANGFU_DB="$T/demo.db" bf demo --cases 40 >"$T/d2.out" 2>&1 &
p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
if [ $r1 -eq 0 ] && [ $r2 -eq 0 ]; then ok "two processes wrote one file at once"; else
	fail "concurrent demo runs: $r1 $r2: $(cat "$T/d1.out" "$T/d2.out")"; fi
n=$(BANGFU_DB="$T/demo.db" bf_as admin demo-admin case list --json | grep -c '"number"')
[ "$n" -eq 80 ] && ok "both processes' 80 cases are there" || fail "expected 80 cases, found $n"
# 公示中 only inside a real round still open, 已报送 only inside an exported
# batch (issue 15): none of the demo's files is set there by hand
BANGFU_DB="$T/demo60.db" bf demo >/dev/null 2>&1 || fail "demo of 60 files"
# in_place STATUS WHERE WHAT: every file in STATUS meets WHERE (over f), and there are some
in_place() {
	stray=$(sqlite3 "$T/demo60.db" "SELECT count(*) FROM case_file f WHERE f.status = '$1' AND NOT ($2)")
	shown=$(sqlite3 "$T/demo60.db" "SELECT count(*) FROM case_file WHERE status = '$1'")
	[ "$stray" = 0 ] && [ "$shown" -gt 0 ] && ok "the demo's $shown files $1 are $3" ||
		fail "$stray of $shown files $1 are not $3"
}
in_place in_publicity "EXISTS (SELECT 1 FROM publicity_case p JOIN publicity_round r
	ON r.id = p.round_id WHERE p.case_id = f.id AND r.status = 'open')" "in an open round"
in_place submitted "EXISTS (SELECT 1 FROM submission_case s JOIN submission_batch b
	ON b.id = s.batch_id WHERE s.case_id = f.id AND b.status = 'exported')" "in an exported batch"
out=$(BANGFU_DB="$T/demo.db" bf check 2>&1); rc=$?
expect_rc 0 $rc "the shared file is sound afterwards"

# demo refuses a database with real cases
out=$(bf demo 2>&1); rc=$?
expect_rc 1 $rc "demo refuses a database with real cases"
finish
