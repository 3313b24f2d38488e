#!/bin/sh
# holiday.sh — the holiday calendar by keyboard in the real binary under
# tmux at 80x24: the demo administrator opens it from the menu, sees the
# shipped National Day (days off *, the Saturday worked +), makes a Monday
# a day off and names it, then makes it usual again; a clerk's menu does not
# offer it. From 1 December the case list says next year is not arranged.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

export BANGFU_TODAY=2026-11-28
"$BANGFU" demo >/dev/null 2>&1 || { echo "bangfu demo failed"; exit 1; }
DB="$XDG_DATA_HOME/bangfu/bangfu.db"

start_app --lang en
log_in admin demo-admin
expect_screen "Case files" "the demo administrator is in"
key m
expect_screen "Holiday calendar" "the menu offers the holiday calendar"
key a
expect_screen "Mo Tu We Th Fr Sa Su" "a opens the year as month grids"
expect_screen "国务院办公厅关于2026年部分节假日安排的通知" "the year's notice"
expect_screen "2026-11-28 Sa  day off  (as usual)" "today is selected"
key PageUp
key Up
key Up
key Left Left Left Left
expect_screen "2026-10-10 Sa  working day  国庆节" "the make-up Saturday of National Day"
key PageDown
key Down Down Down
key Left
expect_screen "2026-11-30 Mo  working day  (as usual)" "Monday 30 November"
key Space
expect_screen "2026-11-30 Mo  day off" "Space makes it a day off"
key e
expect_screen "Holiday" "e asks the name"
type_text '厂庆'
key Enter
expect_screen "2026-11-30 Mo  day off  厂庆" "named"
n=$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE tbl = 'holiday' AND actor = 'admin'" 2>/dev/null)
[ "${n:-0}" -eq 2 ] && ok "both changes audited as admin" || fail "audit rows: $n"
key t
expect_screen "2026-11-30 Mo  working day  (as usual)" "t makes it usual again"
key '>'
expect_screen "no holiday arrangement for 2027: counted Monday to Friday" "2027 is not arranged"
key Escape
expect_screen "Case files" "Esc goes back"
key C-q
wait_for "Quit bangfu?" && key y
expect_screen "EXITED rc=0" "quits"

# a clerk is not offered it
start_app_again --lang en
log_in clerk demo-clerk
expect_screen "Case files" "the clerk is in"
key m
expect_screen "Publicity rounds" "the clerk's menu"
case "$(screen_text)" in *"Holiday calendar"*) fail "the clerk is offered the calendar" ;; *) ok "not to a clerk" ;; esac
key Escape
key C-q
wait_for "Quit bangfu?" && key y
wait_for "EXITED rc=0" || fail "bangfu did not leave cleanly"

# from 1 December the case list says 2027 is missing
BANGFU_TODAY=2026-12-01 start_app_again --lang en
log_in admin demo-admin
expect_screen "No holiday arrangement for 2027 yet" "the case list's notice from 1 December"
finish
