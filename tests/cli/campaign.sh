#!/bin/sh
# Consolation and a Spring Festival campaign (送温暖) end to end through the
# command line on a `bangfu demo` database: standards, events with a
# discretion decision, groups, the draw, the budget, sign-off sheets (XLSX
# and PDF), payments from a file (all or nothing), caps, last year's
# exclusion, the reproducible spot check, and the ledger.
. "${top_srcdir:-.}/tests/cli/lib.sh"
export BANGFU_DB="$T/camp.db" BANGFU_TODAY=2026-01-15
# A demo database has its own accounts; where logging in exists, write as
# its administrator.
if command -v bf_as >/dev/null 2>&1; then
	bfa() { bf_as admin demo-admin "$@"; }
else
	bfa() { bf "$@"; }
fi
bf demo --cases 60 >/dev/null 2>&1 || fail "demo"
# reading needs a login too: from here on, bf is the demo's administrator
bf() { bf_as admin demo-admin "$@"; }
have_unzip=false
command -v unzip >/dev/null 2>&1 && have_unzip=true

# ---- consolation standards and events ---------------------------------------
out=$(bf standard list --year 2026)
expect_contains "$out" "hospital" "standards list the events"
expect_contains "$out" "500.00" "the seed's 500 yuan"
out=$(bfa standard set hospital --year 2026 --cash 600 2>&1); rc=$?
expect_rc 0 $rc "set the 2026 hospital standard"
out=$(bf standard list --year 2027)
expect_contains "$out" "600.00" "2027 takes 2026's standard"

num=2026-0001
out=$(bfa consolation record --case $num --event hospital --date 2026-02-01 2>&1); rc=$?
expect_rc 0 $rc "a first hospital stay"
expect_contains "$out" "600.00" "at the year's standard"
out=$(bfa consolation record --case $num --event hospital --date 2026-05-01 2>&1); rc=$?
expect_rc 3 $rc "a second stay in the year waits for a decision"
expect_contains "$out" "discretion" "says it is left to discretion"
id=$(printf '%s\n' "$out" | sed -n 's/^Consolation \([0-9]*\):.*/\1/p' | head -1)
out=$(bfa consolation pay "$id" --signer x --phone 13812345678 2>&1); rc=$?
expect_rc 1 $rc "a pending event is not paid"
if command -v bf_as >/dev/null 2>&1; then
	out=$(bf_as clerk demo-clerk consolation decide "$id" approve --reason x 2>&1); rc=$?
	expect_rc 1 $rc "a clerk may not take the discretion decision"
fi
out=$(bfa consolation decide "$id" approve 2>&1); rc=$?
expect_rc 1 $rc "a decision needs a reason"
out=$(bfa consolation decide "$id" approve --reason "病情严重" 2>&1); rc=$?
expect_rc 0 $rc "approved at discretion"
expect_sealed "$BANGFU_DB" "病情严重" consolation.discretion consolation.decision_reason
emp=$(bf case show $num --json | sed -n 's/^ *"name": "\([^"]*\)".*/\1/p' | head -1)
out=$(bfa consolation pay "$id" --signer "$emp" --phone 13812345678 --date 2026-05-03 2>&1); rc=$?
expect_rc 0 $rc "paid to the employee"
out=$(bfa consolation record --case $num --event relative_death --member 张大哥 --relation sibling 2>&1); rc=$?
expect_rc 1 $rc "a brother is not an immediate relative"
expect_contains "$out" "immediate" "names the rule"
out=$(bfa consolation record --case $num --event relative_death --member 王岳父 --relation father_in_law 2>&1); rc=$?
expect_rc 0 $rc "a father-in-law is"
expect_contains "$out" "花圈" "with a wreath"
out=$(bf consolation list --case $num --json)
expect_contains "$out" '"status": "approved"' "list shows the events"

# ---- a campaign ---------------------------------------------------------------
out=$(bfa campaign create --name 春节送温暖 --year 2026 --from 2026-01-10 --to 2026-02-10 --standard-groups 2>&1); rc=$?
expect_rc 0 $rc "create a campaign with the standard groups"
out=$(bfa campaign groups 春节送温暖 set 6 --basis size --cash 550/900/1100 --planned 1/2/3 2>&1); rc=$?
expect_rc 0 $rc "special hardship by household size"
expect_contains "$out" "1,100.00" "3 or more: 1,100"
out=$(bfa campaign groups 春节送温暖 set 1 --goods 100 --planned 20 2>&1)
out=$(bf campaign budget 1 --json)
expect_contains "$out" '"from_plan": true' "before the draw the budget is the plan"
expect_contains "$out" '"total_fen": 1765000' "20 × (500 + 100) + 550 + 2 × 900 + 3 × 1,100 = 17,650"

out=$(bfa campaign draw 1 2>&1); rc=$?
expect_rc 0 $rc "draw the list"
expect_contains "$out" "without an approved file" "says who is left out for want of a file"
listed=$(bf campaign people 1 --json | grep -c '"file"')
[ "$listed" -gt 5 ] && ok "$listed households on the list" || fail "only $listed on the list"
out=$(bf campaign people 1 --left-out --json)
expect_contains "$out" '"exclusion": "no_file"' "draft files are left out: file first, then aid"
out=$(bf campaign people 1)
case "$out" in *[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*) fail "an unmasked ID in the list" ;; *) ok "IDs masked" ;; esac
# highest standard only: nobody is listed twice
dups=$(bf campaign people 1 --all --json | sed -n 's/.*"file": "\(.*\)".*/\1/p' | sort | uniq -d)
[ -z "$dups" ] && ok "each household once" || fail "listed twice: $dups"
bf campaign people 1 --json | grep -q '"also_groups": "1"' && ok "special households also meet group 1, aided once at the highest" ||
	fail "no household met several groups"
out=$(bf campaign budget 1 --xlsx "$T/budget.xlsx" --json)
total=$(printf '%s\n' "$out" | sed -n 's/^  "total_fen": \([0-9]*\).*/\1/p')
sum=$(bf campaign people 1 --json | sed -n 's/.*"\(cash\|goods\)_fen": \([0-9]*\).*/\2/p' | awk '{s+=$1} END {print s}')
[ "$total" = "$sum" ] && ok "budget = the list's amounts ($total fen)" || fail "budget $total, list $sum"
[ -s "$T/budget.xlsx" ] && ok "budget XLSX written" || fail "no budget XLSX"

# ---- sign-off sheet --------------------------------------------------------------
unit=$(bf campaign people 1 --json | sed -n 's/.*"unit": "\(.*\)".*/\1/p' | head -1)
out=$(bf campaign sheet 1 2>&1); rc=$?
expect_rc 2 $rc "sheet without a unit lists the units"
expect_contains "$out" "$unit" "names the unit"
out=$(bf campaign sheet 1 --unit "$unit" --xlsx "$T/sheet.xlsx" --pdf "$T/sheet.pdf" 2>&1); rc=$?
expect_rc 0 $rc "sheet for $unit"
if $have_unzip; then
	strings=$(unzip -p "$T/sheet.xlsx" xl/sharedStrings.xml)
	expect_contains "$strings" "签字确认表" "the sheet's title"
	expect_contains "$strings" "元整" "amounts in Chinese capitals"
	expect_contains "$strings" "不得代签" "the rule at the foot"
	expect_contains "$strings" "********" "masked IDs"
	sheet=$(unzip -p "$T/sheet.xlsx" xl/worksheets/sheet1.xml)
	case "$sheet" in *E+1*) fail "an ID written as a number" ;; *) ok "IDs are text cells" ;; esac
fi
if command -v pdftotext >/dev/null 2>&1 && [ -s "$T/sheet.pdf" ]; then
	text=$(pdftotext "$T/sheet.pdf" - 2>/dev/null | tr -d '\n ')
	expect_contains "$text" "签字确认表" "PDF sheet title"
	expect_contains "$text" "不得代签" "PDF sheet rule"
fi

# ---- payments from a file: all or nothing ------------------------------------------
bfa campaign people 1 --json --reveal > "$T/people.json"
files=$(sed -n 's/.*"file": "\(.*\)".*/\1/p' "$T/people.json" | head -4)
f1=$(echo "$files" | sed -n 1p); f2=$(echo "$files" | sed -n 2p); f3=$(echo "$files" | sed -n 3p)
name_of() { bf case show "$1" --json | sed -n 's/^ *"name": "\([^"]*\)".*/\1/p' | head -1; }
n1=$(name_of "$f1"); n2=$(name_of "$f2"); n3=$(name_of "$f3")
amt_of() { bf campaign people 1 --json --search "$1" | awk -F': ' '/"(cash|goods)_fen"/ {gsub(",", "", $2); s += $2} END {printf "%.2f", s / 100}'; }
a1=$(amt_of "$f1"); a2=$(amt_of "$f2")
cat > "$T/bad.csv" <<EOF
档案编号,姓名,金额,签字人,与户主关系,联系电话,日期
$f1,$n1,$a1,$n1,本人,13800000001,2026-01-20
$f2,$n2,1.00,$n2,本人,13800000002,2026-01-20
$f3,$n3,,路人甲,配偶,13800000003,2026-01-20
EOF
out=$(bfa campaign pay 1 --file "$T/bad.csv" 2>&1); rc=$?
expect_rc 1 $rc "a file with bad rows is refused"
expect_contains "$out" "line 3" "the split amount named by line"
expect_contains "$out" "line 4" "the stranger signing named by line"
expect_contains "$out" "nothing was recorded" "says nothing was recorded"
paid=$(bf campaign people 1 --json | grep -c '"paid_status": "paid"')
[ "$paid" -eq 0 ] && ok "nothing paid after a refused file" || fail "$paid paid after a refused file"
cat > "$T/good.csv" <<EOF
档案编号,姓名,金额,签字人,与户主关系,联系电话,日期,是否发放,未发放原因
$f1,$n1,$a1,$n1,本人,13800000001,2026-01-20,是,
$f2,$n2,$a2,$n2,本人,022-12345678,2026-01-21,是,
$f3,$n3,,,,,,否,联系不上
EOF
out=$(bfa campaign pay 1 --file "$T/good.csv" 2>&1); rc=$?
expect_rc 0 $rc "a good file is recorded"
expect_contains "$out" "Recorded 2 payment(s)" "two paid, one not"
out=$(bfa campaign pay 1 --file "$T/good.csv" 2>&1); rc=$?
expect_rc 1 $rc "paying twice is refused"
expect_contains "$out" "already" "says already paid"
# pay the rest of the unit, one by one
for f in $(sed -n 's/.*"file": "\(.*\)".*/\1/p' "$T/people.json" | tail -n +4); do
	n=$(name_of "$f")
	bfa campaign pay 1 --case "$f" --signer "$n" --phone 13900000000 --date 2026-01-22 >/dev/null 2>&1 ||
		fail "pay $f"
done

# ---- spot check, reproducible from its seed ---------------------------------------------
bf backup "$T/copy.db" >/dev/null 2>&1 || fail "backup"
out=$(bfa campaign spotcheck draw 1 --seed 20260201 2>&1); rc=$?
expect_rc 0 $rc "draw the spot check"
expect_contains "$out" "seed 20260201" "the seed is recorded"
sample1=$(bf campaign spotcheck list 1 | grep -o '20[0-9][0-9]-[0-9][0-9][0-9][0-9]' | sort)
BANGFU_DB="$T/copy.db" bfa campaign spotcheck draw 1 --seed 20260201 >/dev/null 2>&1 || fail "draw on the copy"
sample2=$(BANGFU_DB="$T/copy.db" bf campaign spotcheck list 1 | grep -o '20[0-9][0-9]-[0-9][0-9][0-9][0-9]' | sort)
[ -n "$sample1" ] && [ "$sample1" = "$sample2" ] && ok "the same seed draws the same sample" ||
	fail "samples differ: $sample1 / $sample2"
out=$(bfa campaign spotcheck draw 1 --seed 1 2>&1); rc=$?
expect_rc 1 $rc "a second draw is refused"
units=$(bf campaign people 1 --json | awk -F'"' '/"unit":/ {u = $4} /"paid_status": "paid"/ {print u}' | sort -u | wc -l)
drawn=$(echo "$sample1" | wc -l)
[ "$drawn" -ge "$units" ] && ok "at least one household of each of $units unit(s)" || fail "$drawn drawn for $units units"
first=$(echo "$sample1" | head -1)
out=$(bfa campaign spotcheck record 1 --case "$first" --method visit --reached yes --confirmed no --problem "只收到一半" --date 2026-02-05 2>&1); rc=$?
expect_rc 0 $rc "record a visit"
out=$(bf campaign spotcheck list 1 --problems)
expect_contains "$out" "只收到一半" "problems are listed"

# ---- ledger and reconciliation -------------------------------------------------------------
out=$(bf campaign ledger --campaign 1 --xlsx "$T/ledger.xlsx" 2>&1); rc=$?
expect_rc 0 $rc "ledger of the campaign"
expect_contains "$out" "reconciles" "the ledger reconciles with the budget"
expect_contains "$out" "2026-01" "totals by month"
if $have_unzip; then
	sheet=$(unzip -p "$T/ledger.xlsx" xl/worksheets/sheet1.xml)
	case "$sheet" in *E+1*) fail "a number where text belongs in the ledger" ;; *) ok "ledger IDs are text" ;; esac
	strings=$(unzip -p "$T/ledger.xlsx" xl/sharedStrings.xml)
	expect_contains "$strings" "资金台账" "ledger title"
fi
out=$(bf campaign ledger)
expect_contains "$out" "Employee hospitalised" "the consolation payment is in the ledger too"

# ---- next year: last year's recipients are left out, caps -------------------------------------
export BANGFU_TODAY=2027-01-12
out=$(bfa campaign caps --per-payment 550 --per-year 2000 2>&1); rc=$?
expect_rc 0 $rc "set the caps"
expect_contains "$out" "550.00" "cap per payment"
bfa campaign create --name 2027春节 --year 2027 --from 2027-01-10 --to 2027-02-10 --standard-groups >/dev/null 2>&1 || fail "create 2027"
bfa campaign groups 2027春节 set 6 --basis size --cash 550/900/1100 >/dev/null 2>&1
out=$(bfa campaign draw 2027春节 2>&1)
expect_contains "$out" "aided last year" "the summary counts last year's"
out=$(bf campaign people 2027春节 --left-out --json)
expect_contains "$out" '"exclusion": "last_year"' "last year's recipients are left out"
case "$out" in *"\"file\": \"$f3\""*) fail "$f3 was not paid last year but is left out" ;; *) ok "not paid last year: not left out" ;; esac
if command -v bf_as >/dev/null 2>&1; then
	out=$(bf_as clerk demo-clerk campaign addback 2027春节 --case "$f1" --reason x 2>&1); rc=$?
	expect_rc 1 $rc "a clerk may not add someone back"
fi
out=$(bfa campaign addback 2027春节 --case "$f1" 2>&1); rc=$?
expect_rc 1 $rc "adding back needs a reason"
out=$(bfa campaign addback 2027春节 --case "$f1" --reason "家中新遭火灾" 2>&1); rc=$?
expect_rc 0 $rc "added back with a reason"
expect_contains "$out" "added back" "shows it"
out=$(bf campaign people 2027春节 --json)
case "$out" in *'"cash_fen": 90000'*|*'"cash_fen": 110000'*) fail "a payment over the cap" ;; *) ok "no payment over the 550 cap" ;; esac
expect_contains "$out" '"capped": true' "capped amounts are marked"
# ---- groups as the office names them: the notice's Spring Festival budget ---------------
# 六、慰问费用预算: 困难党员 4 × (200 + 100), 老党员 3 × (200 + 100), 贫困家庭 22
# households × (200 + 100), 五保户 1 household × (400 + 100), 村干部 5 × 200 —
# 10,200 yuan (the notice's "10300" is a slip in its own sum).
bfa campaign create --name 春节慰问 --year 2027 --from 2027-02-09 --to 2027-02-10 >/dev/null 2>&1 || fail "create 春节慰问"
out=$(bfa campaign groups 春节慰问 add --kind special --label 困难党员 --cash 200 --goods 100 --goods-note 米、油 --planned 4 2>&1); rc=$?
expect_rc 0 $rc "困难党员, special, per person"
out=$(bfa campaign groups 春节慰问 add --kind special --label 老党员 --cash 200 --goods 100 --planned 3 2>&1); rc=$?
expect_rc 0 $rc "老党员: a second group of the same kind"
case "$out" in *"listed twice"*) fail "two groups of one kind refused" ;; esac
out=$(bfa campaign groups 春节慰问 add --label 贫困家庭 --basis household --cash 200 --goods 100 --planned 22 2>&1); rc=$?
expect_rc 0 $rc "贫困家庭: no kind, per household"
out=$(bfa campaign groups 春节慰问 add --kind special --label 五保户 --basis household --cash 400 --goods 100 --planned 1 2>&1); rc=$?
expect_rc 0 $rc "五保户: special per household after special per person"
out=$(bfa campaign groups 春节慰问 add --label 村干部 --cash 200 --planned 5 --no-file 2>&1); rc=$?
expect_rc 0 $rc "村干部: no kind, no goods, no file needed"
expect_contains "$out" "5. 村干部 [no kind (placed by hand)], per person, no file required" "the fifth group as entered"
expect_contains "$out" "goods: 米、油" "what the goods are"
out=$(bfa campaign groups 春节慰问 add --kind special --label 老党员 --cash 100 2>&1); rc=$?
expect_rc 1 $rc "a label used twice is refused"
expect_contains "$out" '"老党员" is already group 2' "names the label and the group"
out=$(bfa campaign groups 春节慰问 add --cash 100 2>&1); rc=$?
expect_rc 2 $rc "a new group without a label or a kind"
expect_contains "$out" "--label" "asks for the label"
out=$(bf campaign budget 春节慰问)
line() { printf '%s\n' "$out" | grep "^  $1 "; }
expect_contains "$(line 困难党员)" "4 people × (200.00 + 100.00) =       1,200.00" "困难党员 4 × 300 = 1,200"
expect_contains "$(line 老党员)" "3 people × (200.00 + 100.00) =         900.00" "老党员 3 × 300 = 900"
expect_contains "$(line 贫困家庭)" "22 households × (200.00 + 100.00) =       6,600.00" "贫困家庭 22 households × 300 = 6,600"
expect_contains "$(line 五保户)" "1 household × (400.00 + 100.00) =         500.00" "五保户 1 household × 500 = 500"
expect_contains "$(line 村干部)" "5 people × (200.00 + 0.00) =       1,000.00" "村干部 5 × 200 = 1,000"
expect_contains "$out" "Total: 12 people and 23 households, 10,200.00 yuan (壹万零贰佰元整)" "the total: people and households apart, 10,200"
case "$out" in *"10,300"*) fail "the notice's slip" ;; *) ok "not the notice's 10,300" ;; esac
out=$(bf campaign budget 春节慰问 --json --xlsx "$T/notice.xlsx")
expect_contains "$out" '"total_fen": 1020000' "JSON total"
expect_contains "$out" '"people": 12' "JSON people"
expect_contains "$out" '"households": 23' "JSON households"
if $have_unzip; then
	strings=$(unzip -p "$T/notice.xlsx" xl/sharedStrings.xml)
	for g in 困难党员 老党员 贫困家庭 五保户 村干部 米、油 人数 户数; do
		expect_contains "$strings" "$g" "the budget XLSX: $g"
	done
	expect_contains "$strings" "12人、23户，10,200.00元（大写：壹万零贰佰元整）" "the budget XLSX's total"
	sheet=$(unzip -p "$T/notice.xlsx" xl/worksheets/sheet1.xml)
	for v in 1200 900 6600 500 1000 10200 12 23; do
		expect_contains "$sheet" "<v>$v</v>" "the budget XLSX has $v"
	done
fi
# placed by hand in a group without a kind: a draft file in 村干部 (no file needed)
draft=$(bf campaign people 2027春节 --left-out --json | awk -F'"' '/"file":/ {f = $4} /"exclusion": "no_file"/ {print f; exit}')
out=$(bfa campaign groups 春节慰问 place 村干部 --case "$draft" --reason 村两委推荐 2>&1); rc=$?
expect_rc 0 $rc "placed $draft in 村干部"
expect_contains "$out" "placed in group 5 (村干部)" "says where"
out=$(bf campaign groups 春节慰问)
expect_contains "$out" "5. 村干部: $draft" "the group lists those placed in it"
out=$(bfa campaign draw 春节慰问 2>&1); rc=$?
expect_rc 0 $rc "draw 春节慰问"
out=$(bf campaign people 春节慰问 --json --search "$draft")
expect_contains "$out" '"cash_fen": 20000' "$draft listed as 村干部, at 200"
expect_contains "$out" '"included": true' "$draft on the list without a file"
# the sign-off sheet counts people and households apart, as its groups do
unit=$(printf '%s\n' "$out" | sed -n 's/.*"unit": "\(.*\)".*/\1/p' | head -1)
out=$(bf campaign sheet 春节慰问 --unit "$unit" --xlsx "$T/sheet2.xlsx" --pdf "$T/sheet2.pdf" 2>&1); rc=$?
expect_rc 0 $rc "the sheet of $unit"
printf '%s\n' "$out" | grep -Eq 'sheet2\.pdf \([0-9]+ (person|people)' && ok "the CLI counts the sheet's people apart" || fail "sheet count: $out"
if command -v pdftotext >/dev/null 2>&1; then
	text=$(pdftotext "$T/sheet2.pdf" - 2>/dev/null | tr -d '\n ')
	printf '%s' "$text" | grep -Eq '合计：[0-9]+人' && ok "the PDF sheet counts the people of 村干部" || fail "no people counted on the PDF sheet: $text"
fi
if $have_unzip; then
	unzip -p "$T/sheet2.xlsx" xl/sharedStrings.xml | grep -Eq '合计：[0-9]+人' && ok "the XLSX sheet counts people" || fail "no people counted on the XLSX sheet"
fi
out=$(bfa campaign groups 春节慰问 place 9 --case "$draft" 2>&1); rc=$?
expect_rc 2 $rc "no group 9"
# a household in several groups of one kind: once, at the highest
dups=$(bf campaign people 春节慰问 --all --json | sed -n 's/.*"file": "\(.*\)".*/\1/p' | sort | uniq -d)
[ -z "$dups" ] && ok "each household once" || fail "listed twice: $dups"
out=$(bf campaign people 春节慰问 --json)
case "$out" in *'"also_groups": "1,2"'*) ok "a special household meets 困难党员, 老党员 and 五保户, aided once" ;; *) fail "no household in the three special groups" ;; esac
case "$out" in *'"cash_fen": 40000'*) ok "at 五保户's 400 + 100" ;; *) fail "nobody at the higher standard" ;; esac
# ---- every reveal names its files; files private, never over another (issue 12) ----
# one audit row per file revealed, each naming the file
reveal_rows() { bfa audit list --action reveal --text "$1" --all --json 2>/dev/null | grep -c '"case": "20'; }
listed=$(bf campaign people 1 --json | grep -c '"file"')
before=$(reveal_rows "campaign people 1")
out=$(bfa campaign people 1 --reveal 2>&1); rc=$?
expect_rc 0 $rc "campaign people --reveal"
got=$(($(reveal_rows "campaign people 1") - before))
[ "$got" -eq "$listed" ] && ok "one reveal row per listed file ($got)" || fail "$got reveal rows for $listed files"
files=$(bf campaign ledger --campaign 1 | grep -o '20[0-9][0-9]-[0-9][0-9][0-9][0-9]' | sort -u | wc -l)
out=$(bfa campaign ledger --campaign 1 --reveal --xlsx "$T/ledger-full.xlsx" 2>&1); rc=$?
expect_rc 0 $rc "ledger with full numbers"
got=$(reveal_rows "campaign ledger $T/ledger-full.xlsx")
[ "$files" -gt 0 ] && [ "$got" -eq "$files" ] && ok "one reveal row per file paid, naming the export ($got)" ||
	fail "$got reveal rows for $files files in the ledger"
for f in ledger-full.xlsx ledger.xlsx sheet.xlsx sheet.pdf budget.xlsx copy.db; do
	[ "$(stat -c %a "$T/$f" 2>/dev/null)" = 600 ] && ok "$f is mode 0600" || fail "$f is mode $(stat -c %a "$T/$f" 2>&1)"
done
out=$(bfa campaign ledger --campaign 1 --xlsx "$T/ledger.xlsx" 2>&1); rc=$?
expect_rc 1 $rc "an existing file is not overwritten"
expect_contains "$out" "already exists" "says the file exists"
expect_contains "$out" "--force" "and how to replace it"
out=$(bfa --force campaign ledger --campaign 1 --xlsx "$T/ledger.xlsx" 2>&1); rc=$?
expect_rc 0 $rc "--force replaces it"
ln -s "$T/victim.xlsx" "$T/link.xlsx"
out=$(bfa --force campaign budget 1 --xlsx "$T/link.xlsx" 2>&1); rc=$?
expect_rc 1 $rc "a symbolic link is refused, even with --force"
expect_contains "$out" "symbolic link" "says why"
[ -e "$T/victim.xlsx" ] && fail "written through the link" || ok "nothing written through the link"
ls -A "$T" | grep -q '^\.bangfu-tmp-' && fail "a temporary file was left" || ok "no temporary file left"
finish
