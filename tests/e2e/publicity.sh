#!/bin/sh
# publicity.sh — a publicity round (公示) by keyboard in the real binary
# under tmux at 80x24: on a `bangfu demo` database the demo administrator
# opens the menu, makes a round of two approved files, records an objection
# and dismisses it, sees closing refused before the last day; started again
# past the end date, closes the round and finds the files "Publicity passed"
# in the list.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

export BANGFU_TODAY=2026-11-30
"$BANGFU" demo >/dev/null 2>&1 || { echo "bangfu demo failed"; exit 1; }
# the demo holds rounds 1 (closed) and 2 (open, its files 公示中): ours is 3

start_app --lang en
log_in admin demo-admin
expect_screen "Case files" "the demo administrator is in"
key m
expect_screen "Publicity rounds" "the menu offers the publicity rounds"
key 6
expect_screen "publicity round" "the list of rounds"

# ---- a new round of two approved files ------------------------------------------------
key n
expect_screen "Approved files:" "n lists the approved files"
key Space Space
expect_screen "chosen: 2" "Space chooses two files"
key Enter
expect_screen "Place of posting" "asks where it is posted"
type_text '厂区公告栏'
key Enter
expect_screen "Contact name" "asks the contact"
type_text '李工会'
key Enter
type_text '010-12345678'
key Enter
type_text '工会办公室'
key Enter
expect_screen "Start date" "asks the start, today by default"
key Enter
expect_screen "Working days" "asks the working days"
key Enter
expect_screen "Publicize 2 files from 2026-11-30 to 2026-12-04" "the end date is shown first"
key y
expect_screen "Publicity round 3: 2 files" "the round is made"
expect_screen "2026-12-04" "the list shows the round"

# ---- an objection, dismissed ------------------------------------------------------------
key Enter
expect_screen "Publicity round 3" "Enter opens the round"
expect_screen "2 cases" "the round's cases"
key o
expect_screen "Which case is it about?" "o records an objection"
key Enter
expect_screen "Received on" "asks the date"
key Enter
expect_screen "How was it received?" "asks how"
key Enter
expect_screen "anonymous" "asks who"
key Enter
expect_screen "What is claimed" "asks the claim"
type_text '家中另有住房'
key Enter
expect_screen "Objection #1 recorded" "recorded"
expect_screen "Recorded: 家中另有住房" "the objection in the round"
key u
expect_screen "Resolve which objection?" "u resolves"
key Enter
expect_screen "Dismiss" "dismiss or uphold"
key Enter
expect_screen "Reason" "asks the reason"
type_text '经核实住房为租住'
key Enter
expect_screen "Objection #1 dismissed" "dismissed"

# ---- closing before the last day is refused ----------------------------------------------
key c
expect_screen "The round stays open" "closing before the end is refused at once"
case "$(screen_text)" in *"Close round 3?"*) fail "c asks before refusing" ;; esac
expect_screen "2026-12-04" "the refusal says the last day"
key Enter
key C-q
wait_for "Quit bangfu?" && key y
wait_for "EXITED" || fail "bangfu did not quit"

# ---- past the end date: close ----------------------------------------------------------------
BANGFU_TODAY=2026-12-07
start_app_again --lang en
log_in admin demo-admin
expect_screen "Case files" "in again, after the end date"
key m 6
expect_screen "Publicity rounds" "the rounds again"
key Enter
expect_screen "0 left" "no working day left"
key c
expect_screen "Close round 3?" "c asks first"
key y
expect_screen "Round 3 is closed" "closed"
expect_screen "result report" "offers the result report"
key n
key Escape Escape
expect_screen "Case files" "back in the list"
expect_screen "2026-0017  张静红       Publicity pa…" "the files passed publicity (the column cuts the word, with a sign)"
key C-q
wait_for "Quit bangfu?" && key y
finish
