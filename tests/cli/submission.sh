#!/bin/sh
# The submission to the district (报送) through the real binary, on a demo
# database: the demo's approved files go through a publicity round, a batch
# takes them, refusals name the file, the export (refused until the
# district's key is registered) writes the package sealed to the district
# and attachment 2 (the result report: pdftotext reads its words), no
# attachment 1; the district opens the package and makes attachment 1 (the
# ID number a text cell, never a number); the files are frozen after it;
# the deadline is set, shown and cleared.
. "${top_srcdir:-.}/tests/cli/lib.sh"
for tool in pdftotext unzip; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "$tool not installed: skipped"
		exit 77
	fi
done
export BANGFU_DB="$T/demo.db"
export BANGFU_TODAY=2026-12-01
# 40 files: none past publicity (the demo's round 1 is open), no batch yet
"$BANGFU" --lang en demo --cases 40 --db "$BANGFU_DB" </dev/null >/dev/null 2>&1 || fail "demo"
adm() { bf_as admin demo-admin "$@"; }
clerk() { bf_as clerk demo-clerk "$@"; }

out=$(bf --help)
expect_contains "$out" "  batch " "--help lists batch"
expect_contains "$out" "  reply " "--help lists reply"
expect_contains "$out" "  deadline " "--help lists deadline"

# two complete files taken in beside the demo's, approved by the union's
# review, through a publicity round (Tuesday 1 to Monday 7 December)
cat > "$T/case.csv" <<'CSV'
户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明,部门,电话,开户银行,开户行,银行卡号,主要致困原因,家庭状况,致困原因说明,思想状态,技能特长,就业要求
A,本人,张三丰,11010519491231002X,已婚,在岗,600,单位收入证明,一车间,13812345678,中国工商银行,朝阳支行,6222021234567890128,下岗失业,夫妻二人,妻子失业,稳定,钳工,希望妻子就业
A,配偶,李四,110105195003070027,已婚,失业,0,失业证或社区证明,,,,,,,,,,,
B,本人,王五,110105196001010017,已婚,在岗,500,单位收入证明,二车间,13987654321,中国建设银行,海淀支行,6217001234567890124,下岗失业,夫妻二人,妻子失业,稳定,电工,希望妻子就业
B,配偶,赵六,11010519620101002X,已婚,失业,0,失业证或社区证明,,,,,,,,,,,
C,本人,钱七,110105197001010011,已婚,在岗,500,单位收入证明,三车间,13700000000,中国银行,东城支行,6217001234567890132,下岗失业,夫妻二人,妻子失业,稳定,电工,希望妻子就业
C,配偶,孙八,110105197201010024,已婚,失业,0,失业证或社区证明,,,,,,,,,,,
CSV
adm case import "$T/case.csv" >/dev/null 2>&1 || fail "import"
number_of() {
	adm case list --json | tr -d '\n' | sed 's/},/}\n/g' | grep "\"$1\"" |
		sed -n 's/.*"number": "\([^"]*\)".*/\1/p' | head -1
}
n1=$(number_of 张三丰) n2=$(number_of 王五) n3=$(number_of 钱七)
for n in $n1 $n2 $n3; do
	adm checklist receive $n 1 2 3 4 5 6 >/dev/null 2>&1 || fail "receive $n"
	adm case advance $n --to docs_complete >/dev/null 2>&1 || fail "docs_complete $n"
	adm review $n --approve --category 1 --amount 2000 --meeting "2026年第12次" >/dev/null 2>&1 ||
		fail "review $n"
done
adm publicity create --cases "$n1,$n2,$n3" --place "厂区公告栏" --contact "刘工会" \
	--phone 010-12345678 --office "工会办公室201" >/dev/null 2>&1 || fail "publicity create"
BANGFU_TODAY=2026-12-08 adm publicity close 2 >/dev/null 2>&1 || fail "publicity close"

# batches
out=$(clerk batch new $n1 2>&1); rc=$?
expect_rc 1 $rc "a clerk may not make a batch"
draft=$(adm case list --json | tr -d '\n' | sed 's/},/}\n/g' | grep '"draft"' |
	sed -n 's/.*"number": "\([^"]*\)".*/\1/p' | head -1)
out=$(adm batch new $draft 2>&1); rc=$?
expect_rc 1 $rc "a draft cannot go into a batch"
expect_contains "$out" "$draft" "the refusal names the file"
out=$(adm batch new $n1 $n2 --note "第一批" 2>&1); rc=$?
expect_rc 0 $rc "a batch of two files"
expect_contains "$out" "Batch 2026-01: 2 files" "the batch is numbered by the year"
out=$(adm batch new $n2 2>&1); rc=$?
expect_rc 1 $rc "a file goes in one batch only"
expect_contains "$out" "already in batch 2026-01" "the refusal names the batch"
out=$(adm batch add 2026-01 $n3 2>&1); rc=$?
expect_rc 0 $rc "add a file"
out=$(adm batch remove 2026-01 $n3 2>&1); rc=$?
expect_rc 0 $rc "take it out again"
out=$(adm batch list)
expect_contains "$out" "2026-01" "the list shows the batch"
expect_contains "$out" "2 files" "with its files"
out=$(adm batch show 2026-01)
expect_contains "$out" "$n1" "show lists the files"
expect_contains "$out" "********" "with IDs masked"
out=$(adm batch show 2026-01 --json)
expect_contains "$out" '"number": "2026-01"' "show --json"

# no district key registered: nothing to seal the package to
out=$(adm batch export 2026-01 --out "$T/nokey" 2>&1); rc=$?
expect_rc 1 $rc "no export before the district's key is registered"
expect_contains "$out" "No key of the district union is registered" "and says so"
expect_rc 1 $(test -e "$T/nokey"; echo $?) "the refused export made no folder"

# the district: its database, a staff account, its key for the unit, the
# unit's key for it
make_district "$T/district.db"
adm key import "$T/D01.key" >/dev/null 2>&1 || fail "the unit registers the district's key"
adm key export "$T/unit.key" >/dev/null 2>&1 || fail "the unit's key file"
qian key import "$T/unit.key" >/dev/null 2>&1 || fail "the district registers the unit's key"

# the demo's own "publicity passed" files carry the union's review: a batch
# of all the files waiting takes them, and exports as it is
out=$(adm batch new 2>&1); rc=$?
expect_rc 0 $rc "a batch of every file waiting"
expect_contains "$out" "Batch 2026-02" "the second batch"
out=$(adm batch export 2026-02 --out "$T/out" 2>&1); rc=$?
expect_rc 0 $rc "the demo's reviewed files are exported"
expect_rc 0 $(test -e "$T/out/DEMO-2026-02-r1.bfpkg"; echo $?) "their package is written"
out=$(adm batch new 2>&1); rc=$?
expect_rc 1 $rc "nothing is left waiting once they are submitted"

# a refused export leaves nothing behind, not even the folder it named
out=$(clerk batch export 2026-01 --out "$T/refused" 2>&1); rc=$?
expect_rc 1 $rc "a clerk may not export"
expect_rc 1 $(test -e "$T/refused"; echo $?) "the refused export made no folder"

# export
out=$(adm batch export 2026-01 --out "$T/out" 2>&1); rc=$?
expect_rc 0 $rc "export"
expect_contains "$out" "$T/out/DEMO-2026-01-r1.bfpkg" "the package's path"
expect_contains "$out" "$T/out/DEMO-2026-01-r1.pdf" "attachment 2's path"
expect_contains "$out" "sealed to the district union 某某区总工会" "the package is sealed"
expect_rc 1 $(test -e "$T/out/DEMO-2026-01-r1.xlsx"; echo $?) "no attachment 1 on the stick"
head -c 17 "$T/out/DEMO-2026-01-r1.bfpkg" | grep -q "BANGFU-PACKAGE 2" && ok "a package file" ||
	fail "the package starts with its magic"
LC_ALL=C grep -aq "^full-numbers: yes" "$T/out/DEMO-2026-01-r1.bfpkg" && ok "full-numbers: yes" ||
	fail "full-numbers: yes"
LC_ALL=C grep -aq "11010519491231002X\|6222021234567890128\|13812345678" \
	"$T/out/DEMO-2026-01-r1.bfpkg" "$T/out/DEMO-2026-01-r1.pdf" &&
	fail "a full number on the stick" || ok "no full number on the stick"

# the district opens it and makes attachment 1
out=$(qian package import "$T/out/DEMO-2026-01-r1.bfpkg" 2>&1); rc=$?
expect_rc 0 $rc "the district imports the sealed package"
out=$(qian district attachment DEMO --batch 2026-01 --xlsx "$T/a1.xlsx" 2>&1); rc=$?
expect_rc 0 $rc "the district makes attachment 1"
expect_contains "$out" "batch 2026-01 revision 1: 2 files written to $T/a1.xlsx" "and says what"
expect_contains "$out" "full ID, bank card and phone numbers" "the warning about full numbers"

# attachment 1: the full ID is a string cell, never a number
id1=$(adm case show $n1 --reveal 2>/dev/null | sed -n 's/.*\([0-9]\{17\}[0-9X]\).*/\1/p' | head -1)
unzip -p "$T/a1.xlsx" xl/sharedStrings.xml > "$T/ss.xml" 2>/dev/null ||
	fail "unzip the shared strings"
unzip -p "$T/a1.xlsx" xl/worksheets/sheet1.xml > "$T/s1.xml" 2>/dev/null ||
	fail "unzip sheet 1"
if [ -n "$id1" ] && grep -q "$id1" "$T/ss.xml"; then ok "the ID is among the strings"; else
	fail "the ID $id1 is not a string"; fi
if grep -q "<v>$id1</v>" "$T/s1.xml"; then fail "the ID is written as a number"; else
	ok "the ID is not a number cell"; fi
# row 3 column C (the first file's ID): a shared-string cell
expect_contains "$(grep -o '<c r="C3"[^>]*' "$T/s1.xml")" 't="s"' \
	"C3 is a string cell"
grep -q '<c r="F3"[^>]*t="s"' "$T/s1.xml" && ok "the amount is text" || fail "the amount is text"

# attachment 2: the result report
pdftotext "$T/out/DEMO-2026-01-r1.pdf" "$T/a2.txt" 2>/dev/null || fail "pdftotext"
text=$(tr -d ' ' < "$T/a2.txt")
expect_contains "$text" "公示结果报告" "attachment 2 is the result report"
expect_contains "$text" "厂区公告栏" "with the place of the publicity"
expect_contains "$text" "第1页共" "and page numbers"

# the files are with the district now
out=$(adm case list)
expect_contains "$out" "Submitted" "the files are submitted"
out=$(adm checklist unset $n1 1 2>&1); rc=$?
expect_rc 1 $rc "a submitted file's checklist cannot change"
expect_contains "$out" "has been submitted to the district union" "and says why"
out=$(adm batch remove 2026-01 $n1 2>&1); rc=$?
expect_rc 1 $rc "a submitted file cannot be taken out"
out=$(adm batch list)
expect_contains "$out" "revision 1" "the batch is at revision 1"

# in Chinese (the catalogue make check builds)
if [ -n "${BANGFU_LOCALEDIR:-}" ]; then
	printf 'demo-admin\n' > "$T/admin.pw"
	out=$(BANGFU_USER=admin "$BANGFU" --lang zh --password-fd 3 batch list 3<"$T/admin.pw" 2>&1)
	expect_contains "$out" "已导出" "batch list in Chinese"
	out=$(BANGFU_USER=admin "$BANGFU" --lang zh --password-fd 3 checklist unset $n1 1 2>&1 \
		3<"$T/admin.pw")
	expect_contains "$out" "已报送区总工会" "the refusal in Chinese"
fi

# a reply that is not one
out=$(adm reply import "$T/out/DEMO-2026-01-r1.bfpkg" 2>&1); rc=$?
expect_rc 1 $rc "a submission package is not a reply"
printf 'not a package\n' > "$T/junk"
out=$(adm reply import "$T/junk" 2>&1); rc=$?
expect_rc 1 $rc "junk is refused"

# the deadline
out=$(adm deadline show)
expect_contains "$out" "No submission deadline" "no deadline yet"
out=$(clerk deadline set "2026-12-26 17:30" 2>&1); rc=$?
expect_rc 1 $rc "a clerk may not set the deadline"
out=$(adm deadline set "2026-13-40 17:30" 2>&1); rc=$?
expect_rc 2 $rc "a wrong date is refused"
out=$(adm deadline set "2026-12-26 17:30" 2>&1); rc=$?
expect_rc 0 $rc "set the deadline"
expect_contains "$out" "2026-12-26 17:30" "it is shown"
out=$(adm deadline show)
expect_contains "$out" "2026-12-26 17:30" "show says it"
out=$(adm deadline clear 2>&1); rc=$?
expect_rc 0 $rc "clear the deadline"
out=$(adm deadline show)
expect_contains "$out" "No submission deadline" "cleared"
finish
