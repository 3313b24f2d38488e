#!/bin/sh
# The workflow through the real binary: a case from import to approved and
# on to closure, refusals that say what is missing, the checklist (ticking,
# the disaster pair, re-derivation when facts change), history, and the
# checklist and file-form PDFs (pdftotext finds the Chinese name, pdffonts an
# embedded Noto CJK font).
. "${top_srcdir:-.}/tests/cli/lib.sh"
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdffonts >/dev/null 2>&1; then
	echo "pdftotext/pdffonts (poppler-utils) not installed: skipped"
	exit 77
fi
export BANGFU_DB="$T/wf.db"
bf init --unit "测试单位" --union "测试单位工会" </dev/null >/dev/null 2>&1 || fail "init"

out=$(bf --help)
for cmd in checklist review print; do
	expect_contains "$out" "  $cmd " "--help lists $cmd"
done
expect_contains "$out" "case list|show|import|advance|history|close" "--help lists the case actions"

# 张三丰 (600 yuan) and 李四 (unemployed, with a certificate): per capita 300, category 1
cat > "$T/case.csv" <<'CSV'
户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明,部门,电话,开户银行,开户行,银行卡号,主要致困原因,家庭状况,致困原因说明,思想状态,技能特长,就业要求
A,本人,张三丰,11010519491231002X,已婚,在岗,600,单位收入证明,一车间,13812345678,中国工商银行,朝阳支行,6222021234567890128,下岗失业,夫妻二人,妻子失业,稳定,钳工,希望妻子就业
A,配偶,李四,110105195003070027,已婚,失业,0,失业证或社区证明,,,,,,,,,,,
CSV
out=$(bf case import "$T/case.csv" 2>&1) || fail "import: $out"
num=$(bf case list --json | sed -n 's/.*"number": "\([^"]*\)".*/\1/p' | head -1)
[ -n "$num" ] && ok "imported as $num" || fail "no file number"

out=$(bf checklist "$num")
expect_contains "$out" "6 required, 0 done, 6 missing" "the checklist follows from the facts"
expect_contains "$out" "[unemployment:" "the unemployed spouse's certificate is listed"

# refused: documents missing; and a move the table does not have
out=$(bf case advance "$num" --to docs_complete 2>&1); rc=$?
expect_rc 1 $rc "docs_complete refused while documents are missing"
expect_contains "$out" "6 documents still missing: Completed hardship file form" "says which are missing"
out=$(bf case advance "$num" --to approved 2>&1); rc=$?
expect_rc 1 $rc "draft → approved refused"
expect_contains "$out" "from “Draft” it can go to: Documents complete, Closed" "lists the possible moves"
out=$(bf case advance "$num" --to nowhere 2>&1); rc=$?
expect_rc 2 $rc "an unknown state is a usage error"

# tick: by key, by number, by code:name; waive needs a reason
out=$(bf checklist receive "$num" form hukou --copies 2 --note "原件已核对" 2>&1); rc=$?
expect_rc 0 $rc "receive two documents"
expect_contains "$out" "4 documents still missing" "says what is still missing"
out=$(bf checklist receive "$num" id_copy 2>&1); rc=$?
expect_rc 1 $rc "an ambiguous key is refused"
expect_contains "$out" "matches 2 documents" "says it is ambiguous"
bf checklist receive "$num" id_copy:张三丰 id_copy:李四 >/dev/null 2>&1 || fail "receive by code:name"
out=$(bf checklist waive "$num" unemployment 2>&1); rc=$?
expect_rc 2 $rc "waive without a reason is a usage error"
bf checklist waive "$num" unemployment --reason "社区电话核实" >/dev/null 2>&1 || fail "waive"
out=$(bf checklist receive "$num" 4 2>&1); rc=$?
expect_rc 0 $rc "receive by number"
expect_contains "$out" "all 6 required documents are in" "the checklist is complete"
out=$(bf checklist "$num" --json)
expect_contains "$out" '"status": "waived"' "--json shows the waived item"
expect_contains "$out" '"waived_by": "tester"' "and who waived it"
expect_contains "$out" '"received_by": "tester"' "and who took the documents"

bf case advance "$num" --to docs_complete >/dev/null 2>&1 || fail "docs_complete"
out=$(bf case advance "$num" --to draft 2>&1); rc=$?
expect_rc 1 $rc "reopening needs a reason"
expect_contains "$out" "needs a reason" "says so"
bf case advance "$num" --to draft --reason "补充意外材料" >/dev/null 2>&1 || fail "reopen"

# approval: only through the review, with a category the file meets
out=$(bf case advance "$num" --to docs_complete 2>&1) || fail "docs_complete again: $out"
out=$(bf case advance "$num" --to approved 2>&1); rc=$?
expect_rc 1 $rc "approved without a review is refused"
expect_contains "$out" "union's review" "says the review decides"
out=$(bf review "$num" --approve --category 3 --amount 2000 --meeting "2026年第3次" 2>&1); rc=$?
expect_rc 1 $rc "a category the file does not meet is refused"
expect_contains "$out" "does not meet category 3" "says which category"
out=$(bf review "$num" --approve --category 1 --amount 2000 2>&1); rc=$?
expect_rc 1 $rc "a review without the meeting minutes is refused"
expect_contains "$out" "meeting minutes" "names the minutes"
# reviewed by the chair, whose login is wang: the form's box says 王主席
printf 'tester-password\nQd7-wangzhu-2026\n' > "$T/add.pw"
"$BANGFU" --lang en --password-fd 3 user add wang --role reviewer --display 王主席 3<"$T/add.pw" \
	>/dev/null 2>&1 || fail "add the chair"
out=$(bf_as wang Qd7-wangzhu-2026 review "$num" --approve --category 1 --amount 2,000.00 \
	--meeting "2026年第3次" 2>&1); rc=$?
expect_rc 0 $rc "approved by the review"
expect_contains "$out" "Documents complete → Approved" "reports the move"
out=$(bf case list --status approved)
expect_contains "$out" "张三丰" "the list shows the file as approved"

# the printouts
out=$(bf checklist "$num" --pdf "$T/checklist.pdf" 2>&1); rc=$?
expect_rc 0 $rc "checklist PDF"
text=$(pdftotext "$T/checklist.pdf" - 2>&1)
expect_contains "$text" "张三丰" "pdftotext finds the applicant's name in the checklist"
expect_contains "$text" "户口本复印件" "the checklist lists the documents in Chinese"
expect_contains "$text" "第1页共1页" "pages are numbered"
fonts=$(pdffonts "$T/checklist.pdf" 2>&1)
if echo "$fonts" | grep -E 'Noto(Sans|Serif)CJK' | grep -q ' yes '; then
	ok "an embedded Noto CJK font"
else
	fail "no embedded Noto CJK font: $fonts"
fi
out=$(bf print form "$num" --pdf "$T/form.pdf" 2>&1); rc=$?
expect_rc 0 $rc "file form PDF"
text=$(pdftotext "$T/form.pdf" - 2>&1)
expect_contains "$text" "困难职工档案表" "the form's title"
expect_contains "$text" "张三丰" "the form has the employee"
expect_contains "$text" "李四" "the form has the household"
expect_contains "$text" "审核人" "the form has the reviewer's box"
expect_contains "$text" "王主席" "the reviewer's box has the chair's display name"
case "$text" in
*wang*) fail "the login wang is printed on the form" ;;
*) ok "no login on the form" ;;
esac
expect_contains "$text" "申请人（签字）" "the form has the applicant's signature line"
expect_contains "$text" "2026年第3次" "the union's opinion cites the meeting"
fonts=$(pdffonts "$T/form.pdf" 2>&1)
if echo "$fonts" | grep -E 'Noto(Sans|Serif)CJK' | grep -q ' yes '; then
	ok "the form embeds a Noto CJK font"
else
	fail "the form embeds no Noto CJK font: $fonts"
fi
# --lp hands the PDF to CUPS's lp (a stand-in here); without lp it says so
mkdir -p "$T/bin" "$T/nolp"
printf '#!/bin/sh\necho "$@" > "%s/lp.args"\n' "$T" > "$T/bin/lp"
chmod +x "$T/bin/lp"
out=$(env PATH="$T/bin:$PATH" "$BANGFU" --lang en --password-fd 3 print form "$num" --pdf "$T/form2.pdf" --lp 3<"$PWFILE" 2>&1); rc=$?
expect_rc 0 $rc "print form --lp"
expect_contains "$(cat "$T/lp.args" 2>/dev/null)" "$T/form2.pdf" "lp got the PDF"
expect_contains "$out" "Sent $T/form2.pdf to the printer" "says it was sent"
out=$(env PATH="$T/nolp" "$BANGFU" --lang en --password-fd 3 checklist "$num" --pdf "$T/cl2.pdf" --lp 3<"$PWFILE" 2>&1); rc=$?
expect_rc 1 $rc "--lp without lp fails"
expect_contains "$out" "no printing system" "and says why"
[ -f "$T/cl2.pdf" ] && ok "the PDF is written all the same" || fail "no PDF without lp"
out=$(bf checklist "$num" --text)
expect_contains "$out" "困难职工帮扶申请材料清单" "the text handout"
out=$(bf print form "$num" --pdf "$T/no/such/dir/form.pdf" 2>&1); rc=$?
expect_rc 1 $rc "an unwritable PDF path fails"
expect_contains "$out" "cannot write" "and says so"
ls "$T/no" >/dev/null 2>&1 && fail "a folder was created" || ok "nothing left behind"

# publicity: not before its period ends; then submit, return, resume
bf case advance "$num" --to in_publicity >/dev/null 2>&1 || fail "publish"
out=$(bf case advance "$num" --to publicity_passed 2>&1); rc=$?
expect_rc 1 $rc "publicity cannot pass on its first day"
expect_contains "$out" "publicity period runs until" "says until when"
BANGFU_TODAY=2199-12-31 bf case advance "$num" --to publicity_passed >/dev/null 2>&1 ||
	fail "publicity passed after its period"
# to the district and back only with a batch and the district's reply
# (tests/cli/submission.sh, roundtrip.sh): not by hand
out=$(bf case advance "$num" --to submitted 2>&1); rc=$?
expect_rc 1 $rc "submitting by hand is refused"
expect_contains "$out" "by exporting its batch" "says how it is done"

# closure
out=$(bf case close "$num" --reason lottery 2>&1); rc=$?
expect_rc 2 $rc "an unknown closure reason"
out=$(bf case close "$num" --reason other 2>&1); rc=$?
expect_rc 1 $rc "closing for another reason needs a note"
out=$(bf case close "$num" --reason moved --note "迁往外省" 2>&1); rc=$?
expect_rc 0 $rc "closed"

# the history: who, when, from, to, why
out=$(bf case history "$num")
expect_contains "$out" "created as “Draft”" "history starts with the creation"
expect_contains "$out" "tester" "history names the operator"
expect_contains "$out" "Draft → Documents complete" "history has the moves"
expect_contains "$out" "reason: 补充意外材料" "history has the reasons"
expect_contains "$out" "Review: approved, category 1, 2,000.00 yuan proposed; meeting 2026年第3次" "history has the review"
expect_contains "$out" "closure reason: Moved away" "history has the closure reason"
out=$(bf case history "$num" --json)
expect_contains "$out" '"status": "closed"' "history --json has the state"
expect_contains "$out" '"decision": "approve"' "history --json has the review"
expect_contains "$out" '"closure": "moved"' "history --json has the closure"
n=$(echo "$out" | grep -c '"actor"')
[ "$n" -eq 8 ] && ok "creation and seven moves" || fail "expected 8 history entries, found $n"

# the disaster pair, on a second file
cat > "$T/disaster.csv" <<'CSV'
户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明,主要致困原因
B,本人,王五,110105198001010016,未婚,在岗,800,单位收入证明,因灾
CSV
bf case import "$T/disaster.csv" >/dev/null 2>&1 || fail "import the disaster case"
num2=$(bf case list --search 王五 --json | sed -n 's/.*"number": "\([^"]*\)".*/\1/p' | head -1)
out=$(bf checklist "$num2")
expect_contains "$out" "[disaster_proof]" "a disaster requires the proof"
expect_contains "$out" "disaster_pair" "and offers the pair"
out=$(bf checklist receive "$num2" disaster_pair 2>&1); rc=$?
expect_rc 0 $rc "the statement and the investigation note ticked as a pair"
case "$out" in *"Proof of the accident"*) fail "the pair did not satisfy the proof: $out" ;;
*) ok "the pair satisfies the disaster proof" ;; esac

bf check >/dev/null 2>&1 || fail "the database is sound afterwards"
finish
