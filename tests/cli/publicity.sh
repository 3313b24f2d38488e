#!/bin/sh
# A publicity round (公示) end to end through the real binary: two approved
# cases listed, the notice as text and PDF (names shown; no full ID, bank
# card or phone — pdftotext checks the PDF), an anonymous objection upheld
# after investigation (the case leaves the round), a named one dismissed,
# closing refused before the last day is over and while objections are
# open, then closed with the result report.
. "${top_srcdir:-.}/tests/cli/lib.sh"
if ! command -v pdftotext >/dev/null 2>&1; then
	echo "pdftotext (poppler-utils) not installed: skipped"
	exit 77
fi
export BANGFU_DB="$T/pub.db"
# Monday 3 June 2030: five working days run to Friday 7 June
export BANGFU_TODAY=2030-06-03
bf init --unit "测试单位" --union "测试单位工会" </dev/null >/dev/null 2>&1 || fail "init"

out=$(bf --help)
expect_contains "$out" "  publicity " "--help lists publicity"

approved_pair "2030年第1次"

# refusals
out=$(bf publicity create --cases $n1 --place "公告栏" --contact "刘" --phone 1 2>&1); rc=$?
expect_rc 2 $rc "create without the office is a usage error"

out=$(bf publicity create --cases $n1,$n2 --place "厂区公告栏" --contact "刘工会" \
	--phone 12345 --office "工会办公室201" 2>&1); rc=$?
expect_rc 1 $rc "a contact phone no one can call is refused (it is printed on the notice)"
expect_contains "$out" "landline" "saying what a phone number is"
out=$(bf publicity create --cases $n1,$n2 --place "厂区公告栏" --contact "刘工会" \
	--phone 010-12345678 --office "工会办公室201" 2>&1); rc=$?
expect_rc 0 $rc "create a round"
expect_contains "$out" "Publicity round 1: 2 cases, 2030-06-03 to 2030-06-07 (5 working days)" "the period is five working days"
out=$(bf case list)
expect_contains "$out" "In publicity" "the cases are in publicity"
out=$(bf publicity create --cases $n1 --place P --contact C --phone 13800000000 --office O 2>&1); rc=$?
expect_rc 1 $rc "a case already in publicity cannot be listed again"

out=$(bf publicity list)
expect_contains "$out" "5 days left" "the list shows the days remaining"

# the notice: text and PDF
bf publicity notice 1 --text "$T/notice.txt" --pdf "$T/notice.pdf" >/dev/null 2>&1 || fail "notice"
pdftotext -layout "$T/notice.pdf" "$T/notice.pdf.txt" 2>/dev/null || fail "pdftotext"
for f in "$T/notice.txt" "$T/notice.pdf.txt"; do
	text=$(cat "$f")
	expect_contains "$text" "张三丰" "$(basename "$f") names 张三丰"
	expect_contains "$text" "王五" "$(basename "$f") names 王五"
	expect_contains "$text" "1101**************" "$(basename "$f") has the masked ID (four digits)"
	expect_contains "$text" "刘工会" "$(basename "$f") has the contact"
	for secret in 11010519491231002X 110105196001010017 110105195003070027 \
		6222021234567890128 6217001234567890124 13812345678 13987654321 李四 赵六; do
		case "$text" in
		*"$secret"*) fail "$(basename "$f") shows $secret" ;;
		*) ok "$(basename "$f") hides $secret" ;;
		esac
	done
done
# a page number, and the list header (the PDF module repeats it on each page)
expect_contains "$(tr -d ' ' < "$T/notice.pdf.txt")" "第1页共1页" "the PDF has page numbers"
expect_contains "$(cat "$T/notice.pdf.txt")" "身份证号" "the PDF list has its header"
# how many ID digits the notice shows: a setting, 0 to 6, the administrator's
out=$(bf publicity id-digits)
expect_contains "$out" "shows 4 digits of an ID number: 1101**************" "four digits by default"
out=$(bf publicity id-digits 7 2>&1); rc=$?
expect_rc 2 $rc "seven digits are refused"
expect_contains "$out" "\"7\" is not a number of digits: the notice shows 0 to 6" "says the range"
bf_as tester "$(printf 'tester-password\nQd7-wenjian-2026')" user add xu --role clerk >/dev/null 2>&1 ||
	fail "a clerk's account"
out=$(bf_as xu Qd7-wenjian-2026 publicity id-digits 6 2>&1); rc=$?
expect_rc 1 $rc "a clerk may not change it"
expect_contains "$(bf_as xu Qd7-wenjian-2026 publicity id-digits 2>&1)" "shows 4 digits" "but may read it"
out=$(bf publicity id-digits 6); rc=$?
expect_rc 0 $rc "six digits set"
expect_contains "$out" "shows 6 digits of an ID number: 110101************" "says what the notice now shows"
out=$(bf publicity notice 1)
expect_contains "$out" "110105************" "the notice shows six digits"
case "$out" in *"1101051"*) fail "a seventh digit shown" ;; *) ok "never a birth-date digit" ;; esac
bf publicity id-digits 0 >/dev/null || fail "zero digits"
expect_contains "$(bf publicity notice 1)" "******************" "zero digits: all starred"
bf publicity id-digits 4 >/dev/null || fail "back to four"

# objections
export BANGFU_TODAY=2030-06-04
out=$(bf publicity object 1 --case $n1 --claim "家中有门面出租收入" --anonymous --via letter 2>&1); rc=$?
expect_rc 0 $rc "an anonymous objection by letter"
out=$(bf publicity object 1 --case $n2 --claim "收入不实" --by "某职工" 2>&1); rc=$?
expect_rc 0 $rc "a named objection"
out=$(bf publicity object 1 --case $n2 --claim "x" --anonymous --date 2030-06-05 2>&1); rc=$?
expect_rc 1 $rc "an objection dated in the future is refused"
out=$(bf publicity object 1 --case $n2 --claim "x" 2>&1); rc=$?
expect_rc 2 $rc "named or anonymous must be said"

out=$(BANGFU_TODAY=2030-06-07 bf publicity list)
expect_contains "$out" "1 publicity round ends today; 2 objections wait to be resolved" "the list warns of the round ending today and the objections"
out=$(BANGFU_TODAY=2030-06-10 bf publicity close 1 2>&1); rc=$?
expect_rc 1 $rc "closing with open objections is refused"
expect_contains "$out" "2 objections are still open" "says why"

bf publicity investigate 1 1 --note "走访核实：门面出租年收入三万元" >/dev/null 2>&1 || fail "investigate"
out=$(bf publicity resolve 1 1 --uphold 2>&1); rc=$?
expect_rc 2 $rc "resolving needs the reason"
out=$(bf publicity resolve 1 1 --uphold --reason "隐瞒出租收入" 2>&1); rc=$?
expect_rc 0 $rc "upheld"
out=$(bf publicity resolve 1 1 --dismiss --reason "改判" 2>&1); rc=$?
expect_rc 1 $rc "a resolved objection cannot be resolved again"
out=$(bf publicity resolve 1 2 --dismiss --reason "经核实收入属实" 2>&1); rc=$?
expect_rc 0 $rc "dismissed"
out=$(bf case history $n1)
expect_contains "$out" "隐瞒出租收入" "the upheld case's history has the reason"
expect_sealed "$BANGFU_DB" "门面出租" objection.claim objection.raised_by objection.investigation \
	objection.resolution case_transition.reason
out=$(bf case list)
expect_contains "$out" "Objection upheld" "the upheld case left the round"

out=$(bf publicity close 1 2>&1); rc=$?
expect_rc 1 $rc "closing before the end is refused"
out=$(BANGFU_TODAY=2030-06-07 bf publicity close 1 2>&1); rc=$?
expect_rc 1 $rc "closing on the last day is refused"
expect_contains "$out" "runs until 2030-06-07" "says until when"

# a report file that is there already (no --force) leaves the round open
echo "last week's report" > "$T/report.pdf"
out=$(BANGFU_TODAY=2030-06-10 bf publicity close 1 --report-pdf "$T/report.pdf" --report-text "$T/report.txt" 2>&1); rc=$?
expect_rc 1 $rc "an existing report file is not overwritten"
expect_contains "$out" "already exists" "says so"
[ -e "$T/report.txt" ] && fail "the text report was written all the same" || ok "nothing written"
expect_contains "$(bf case list)" "In publicity" "the round is still open"
rm "$T/report.pdf"
out=$(BANGFU_TODAY=2030-06-10 bf publicity close 1 --report-pdf "$T/report.pdf" --report-text "$T/report.txt" 2>&1); rc=$?
expect_rc 0 $rc "closed after the last day"
expect_contains "$out" "1 case passed" "one case passed"
out=$(bf case show $n2 2>&1)
expect_contains "$(bf case list)" "Publicity passed" "the other case passed"
text=$(cat "$T/report.txt")
expect_contains "$text" "公示结果报告" "the result report"
expect_contains "$text" "公示人数：2人" "number publicized"
expect_contains "$text" "收到异议：2件，其中异议成立：1件" "objections received and upheld"
expect_contains "$text" "王五" "the passed list"
case "$text" in *张三丰*) fail "the upheld case is not in the passed list" ;; *) ok "the upheld case is not passed" ;; esac
report=$(pdftotext -layout "$T/report.pdf" - 2>/dev/null)
[ "$(stat -c %a "$T/report.pdf")" = 600 ] && [ "$(stat -c %a "$T/report.txt")" = 600 ] &&
	ok "the reports are mode 0600" || fail "report modes: $(stat -c %a "$T/report.pdf" "$T/report.txt")"
expect_contains "$report" "公示结果报告" "the report PDF"
expect_contains "$report" "盖章" "the report PDF has the seal box"
out=$(bf publicity object 1 --case $n2 --claim "x" --anonymous 2>&1); rc=$?
expect_rc 1 $rc "no objection after the round is closed"
out=$(bf publicity show 1)
expect_contains "$out" "Publicity over" "show says the publicity is over"
out=$(bf audit list 2>&1)
expect_contains "$out" "publicity_round" "the round is in the audit log"

# the template is editable; it needs {list}
printf '{unit}帮扶对象公示\n{list}\n公示期{start}至{end}\n' > "$T/tpl.txt"
printf 'no list\n' > "$T/bad.txt"
out=$(bf publicity template --set "$T/bad.txt" 2>&1); rc=$?
expect_rc 1 $rc "a template without {list} is refused"
bf publicity template --set "$T/tpl.txt" >/dev/null 2>&1 || fail "set the template"
out=$(bf publicity notice 1)
expect_contains "$out" "测试单位帮扶对象公示" "the notice follows the template"
expect_contains "$out" "公示期2030年6月3日至2030年6月7日" "with the period"
bf publicity template --reset >/dev/null 2>&1 || fail "reset the template"
expect_contains "$(bf publicity template)" "关于{unit}困难职工帮扶对象的公示" "back to the default"
finish
