#!/bin/sh
# workflow.sh — a case from intake to approved with the keyboard alone, in
# the real binary under tmux at 80x24: type a new case in Chinese, save it,
# open the checklist (F6) and tick everything with Space, see a refused
# review first, move the file to "documents complete" from the history
# (F8, m), record the review (F7, ^S), and find it approved in the list.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

ID_EMP=110105198003120016
CARD=6222020200112233446 # passes Luhn

bf_init --unit 红星机械厂 >/dev/null 2>&1 || { echo "bangfu init failed"; exit 1; }

start_app --lang en
log_in tester tester-password
expect_screen "press n to start one" "the empty case list"

# ---- a new case, in Chinese ------------------------------------------------------------
key n
expect_screen "New hardship file" "n opens a new case"
key F6
expect_screen "Save the file first" "the checklist waits for a saved file"
type_text '张三'
key Tab
type_text "$ID_EMP"
key Tab
expect_screen "Male, born 1980-03-12" "the ID number is taken"
# PgDn: members, hardship, the five clears
key NPage NPage NPage
expect_screen "Family situation" "PgDn reaches the five clears"
for t in 独居 下岗失业 积极乐观 车工 希望再就业; do
	type_text "$t"
	key Tab
done
type_text '中国工商银行'
key Tab
type_text '朝阳支行'
key Tab
type_text "$CARD"
key Tab
key C-s
expect_screen "Saved as file 2026-0001" "saved with a file number"

# ---- the checklist: tick everything ----------------------------------------------------
key F6
expect_screen "Checklist of file 2026-0001" "F6 opens the checklist"
expect_screen "4 of 4 documents missing" "four documents are missing"
expect_screen "Space Received" "the checklist's keys in the status bar"
key Space
expect_screen "3 of 4 documents missing" "Space ticks one"
key Down Space Down Space
expect_screen "1 of 4 documents missing" "two more"
key Down Space
expect_screen "All 4 documents received or waived" "all ticked"
key Escape

# ---- the review refuses a draft; the move to "documents complete" ----------------------
key F7
expect_screen "Review of file 2026-0001" "F7 opens the review"
key C-s
expect_screen "cannot go to" "the review of a draft is refused, in the store's words"
key Enter Escape
expect_screen "File 2026-0001: 张三" "back in the form"
key F8
expect_screen "History of file 2026-0001" "F8 opens the history"
expect_screen "created as" "the file's creation in the history"
key m
expect_screen "Documents complete — ready" "the move is ready"
key Enter
expect_screen "Move the file to" "the move asks first"
key y
expect_screen "Status: Documents complete" "the file is complete"
expect_screen "Draft → Documents complete" "the move in the history"

# ---- the review: approve -----------------------------------------------------------------
key F7
expect_screen "matches Category 1 first" "the review shows the assessment's category"
key Tab Tab
type_text 600
key Tab
type_text '工会会议纪要12号'
key C-s
expect_screen "Status: Approved" "approved: back in the history"
expect_screen "review: approved, Category 1, 600.00 yuan" "the review in the history"
key Escape
expect_screen "File 2026-0001: 张三" "back in the form"
key Escape
expect_screen "Case files" "back in the list"
expect_screen "Approved" "the list shows the file approved"

key q
expect_screen "Quit bangfu?" "quit asks"
key y
expect_screen "EXITED rc=0" "bangfu quits cleanly"

finish
