#!/bin/sh
# submission.sh — the submission to the district and back, by keyboard in
# the real binary under tmux at 80x24. On a `bangfu demo` unit database
# (with one file taken through the review and a publicity round by the
# command line) the demo administrator opens the submission screen from the
# menu, makes a batch of that file and exports it; on a district's database
# its staff import the package on the import screen, find the file in the
# consolidation list, accept it with a final amount and write the reply
# from the units screen; back on the unit the reply is imported on screen
# and the batch's file shows the district's acceptance.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

export BANGFU_TODAY=2026-12-01
UNIT="$T/unit.db" DIST="$T/district.db"
# 40 files, none past publicity yet (the demo's round 1 is open; ours is 2)
"$BANGFU" --db "$UNIT" demo --cases 40 >/dev/null 2>&1 || { echo "bangfu demo failed"; exit 1; }
printf 'demo-admin\n' > "$T/admin.password"
adm() { BANGFU_USER=admin "$BANGFU" --lang en --db "$UNIT" --password-fd 3 "$@" 3<"$T/admin.password"; }
cat > "$T/case.csv" <<'CSV'
户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明,部门,电话,开户银行,开户行,银行卡号,主要致困原因,家庭状况,致困原因说明,思想状态,技能特长,就业要求
A,本人,刘一,110105198008080017,已婚,在岗,700,单位收入证明,运输队,13500000002,中国银行,西城支行,6216611234567890125,下岗失业,夫妻二人,妻子失业,稳定,司机,希望妻子就业
A,配偶,周二,110105198210100026,已婚,失业,0,失业证或社区证明,,,,,,,,,,,
CSV
adm case import "$T/case.csv" >/dev/null 2>&1 || { echo "case import failed"; exit 1; }
n=$(adm case list --search 刘一 --json | sed -n 's/.*"number": "\([^"]*\)".*/\1/p')
{ adm checklist receive "$n" 1 2 3 4 5 6 && adm case advance "$n" --to docs_complete &&
	adm review "$n" --approve --category 1 --amount 2000 --meeting "2026年第12次" &&
	adm publicity create --cases "$n" --place 厂区公告栏 --contact 刘 --phone 13800000002 --office 工会 &&
	BANGFU_TODAY=2026-12-08 adm publicity close 2; } >/dev/null 2>&1 ||
	{ echo "the file did not pass the publicity"; exit 1; }

# the district's database, its staff, the keys both ways
printf 'tester-password\nqian-password\n' > "$T/add.passwords"
printf 'qian-password\n' > "$T/qian.password"
qian() { BANGFU_USER=qian "$BANGFU" --lang en --db "$DIST" --password-fd 3 "$@" 3<"$T/qian.password"; }
{ "$BANGFU" --db "$DIST" --password-fd 3 init --unit 某某区总工会 --code D01 --district-mode \
	3<"$PWFILE" && "$BANGFU" --db "$DIST" --password-fd 3 user add qian --role district \
	3<"$T/add.passwords" && adm key export "$T/DEMO.key" && qian key import "$T/DEMO.key" &&
	qian key export "$T/D01.key" && adm key import "$T/D01.key"; } >/dev/null 2>&1 ||
	{ echo "the district's set-up failed"; exit 1; }
mkdir "$T/out"

# run ARGS... — a new start of bangfu on a tmux server of its own (the
# previous one is killed; a new name cannot meet it while it dies)
runs=0
run() {
	tm kill-server 2>/dev/null
	runs=$((runs + 1))
	SOCK="bangfu-e2e-$$-$runs"
	start_app "$@"
}
# quit — leave bangfu by the keyboard, cleanly
quit() {
	key C-q
	wait_for "Quit bangfu?" && key y
	wait_for "EXITED rc=0" || fail "bangfu did not leave cleanly"
}
# submission — from the case list to the submission screen by the menu
submission() {
	key m
	expect_screen "Submission to the district" "the menu offers the submission"
	key End Enter
	expect_screen "for the district" "the submission screen"
}

# ---- the unit: a batch, exported --------------------------------------------------------
export BANGFU_TODAY=2026-12-09
run --db "$UNIT" --lang en
log_in admin demo-admin
expect_screen "Case files" "the demo administrator is in"
submission
expect_screen "No batch yet." "no batch yet"
key n
expect_screen "Files that passed publicity:" "n lists the files that passed publicity"
key '*'
expect_screen "chosen: 0," "* unticks them all"
key End Space
expect_screen "chosen: 1, 2,000.00 yuan" "Space ticks the reviewed file"
key Enter
expect_screen "Make a batch of 1 file, 2,000.00 yuan in all?" "Enter asks to make the batch"
key y
expect_screen "1 file, 2,000.00 yuan." "the batch is made"
key x
expect_screen "full ID, bank card" "x warns that the package carries full numbers"
key y
expect_screen "Folder to write the package into" "asks the folder"
key C-u
type_text "$T/out"
key Enter
expect_screen "Exported" "the batch is exported"
expect_screen "-r1.bfpkg" "naming the package"
key Enter
pkg=$(ls "$T"/out/DEMO-*-r1.bfpkg 2>/dev/null)
[ -s "$pkg" ] && ok "the package is written" || fail "no package in $T/out"
[ -s "${pkg%.bfpkg}.pdf" ] && ok "attachment 2 is written" || fail "no ${pkg%.bfpkg}.pdf"
[ ! -e "${pkg%.bfpkg}.xlsx" ] && ok "attachment 1 is not: the district makes it" ||
	fail "${pkg%.bfpkg}.xlsx written by the unit"
LC_ALL=C grep -aq "^sealed-to: " "$pkg" && ok "the package is sealed" || fail "not sealed"
quit

# ---- the district: import, accept, reply --------------------------------------------------
export BANGFU_TODAY=2026-12-10
run --db "$DIST" --lang en
log_in qian qian-password
expect_screen "0 files from the units" "the district's list is empty"
key i
expect_screen "Import a package" "i asks for the package"
type_text "$pkg"
key Enter
expect_screen "Package imported" "the package is imported"
expect_screen "DEMO 演示机械制造有限公司: batch" "from the demo unit"
key Escape
expect_screen "1 file from the units" "the consolidation list has the file"
expect_screen "刘一" "by its name"
expect_screen "pending" "waiting for a decision"
key a
expect_screen "Accepted amount (yuan):" "a asks the final amount"
key C-u
type_text 1800
key Enter
expect_screen "accepted: 1,800.00 yuan." "the file is accepted with 1,800.00"
expect_screen "accepted 1, 1,800.00" "the totals count it"
key m
expect_screen "Units" "the menu offers the units"
key 3
expect_screen "Our key:" "the units screen"
key 1
expect_screen "Attachment 1" "1 asks where to write attachment 1"
key Enter
expect_screen "1 file with full numbers written" "attachment 1 is written"
a1=$(ls "$HOME"/DEMO-*-attachment1.xlsx 2>/dev/null)
[ -s "$a1" ] && [ "$(stat -c %a "$a1")" = 600 ] && ok "attachment 1 is there, 0600" ||
	fail "no attachment 1 under $HOME"
key w
expect_screen "Reply package" "w asks where to write the reply"
key Enter
expect_screen ".bfpkg: 1 decision for" "the reply is written"
reply=$(ls "$HOME"/DEMO-reply-*.bfpkg 2>/dev/null)
[ -s "$reply" ] && ok "the reply file is there" || fail "no reply under $HOME"
quit

# ---- the unit: the reply ---------------------------------------------------------------------
export BANGFU_TODAY=2026-12-11
run --db "$UNIT" --lang en
log_in admin demo-admin
expect_screen "Case files" "the administrator is back"
submission
key i
expect_screen "Reply package file" "i asks for the reply"
type_text "$reply"
key Enter
expect_screen "Accepted: 1, returned: 0" "the reply is imported"
expect_screen "$n: accepted, 1,800.00 yuan" "the file is accepted with the district's amount"
key Escape
expect_screen "1 batch for the district" "back to the batches"
key Enter
expect_screen "$n  刘一" "the batch's file"
expect_screen "accepted" "is accepted"
key Enter
expect_screen "Accepted by the district" "Enter shows the district's decision"
expect_screen "1,800.00" "with the final amount"
key Enter
quit
expect_contains() { case "$1" in *"$2"*) ok "$3" ;; *) fail "$3: no \"$2\" in: $1" ;; esac; }
expect_contains "$(adm case show "$n")" "Accepted" "the command line agrees: accepted"
finish
