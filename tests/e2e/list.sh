#!/bin/sh
# The full-screen application end to end, in tmux at 80x24: the case list
# on a demo database (search by pinyin initials, help, quit), the same in
# the default language (Chinese), the first start on a new file (the set-up
# form, a Chinese unit name typed in), and the terminal given back each time.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

cli() { "$BANGFU" --lang en "$@"; }
stop_app() {
	stop_server
	sleep 0.2
}
rows() { tail -n +2 | wc -l | tr -d ' '; } # lines of a `case list` minus its header

# ---- the case list on a demo database ------------------------------------------
DB="$T/demo.db"
BANGFU_TODAY=2026-11-28 cli --db "$DB" demo >/dev/null 2>&1 || fail "bangfu demo"
total=$(cli --db "$DB" case list | rows)
[ "$total" -gt 10 ] && ok "demo database has $total files" || fail "demo database: $total files"

# pinyin initials that find some files but not all (asked of the CLI, which
# shares the query with the screen)
q="" n=0 first=""
for cand in wz lm wl zh cl yl zj lj ml l; do
	n=$(cli --db "$DB" case list --search "$cand" | rows)
	if [ "$n" -ge 1 ] && [ "$n" -lt "$total" ]; then
		q=$cand
		first=$(cli --db "$DB" case list --search "$cand" | sed -n 2p | awk '{print $2}')
		break
	fi
done
[ -n "$q" ] || fail "no pinyin query finds part of the demo files"

start_app --db "$DB" --lang en
expect_screen "Log in" "every session starts at the login"
log_in admin demo-admin
expect_screen "$total files" "the list opens with the count"
expect_screen "演示机械制造有限公司" "the unit's name in the title"
expect_screen "DEMO" "DEMO in the title"
expect_screen "ID number" "the ID column"
case "$(screen_text)" in
*[0-9][0-9][0-9][0-9][0-9][0-9]"********"[0-9][0-9][0-9][0-9X]*) ok "ID numbers masked" ;;
*) fail "no masked ID number on screen" ;;
esac

key /
type_text "$q"
expect_screen "$n of $total files" "searching \"$q\" narrows the list to $n"
expect_screen "$first" "the first match ($first) is shown"
key Enter
expect_screen "Search: $q" "Enter keeps the search in the header"

key F1
expect_screen "Search as you type" "F1 opens the help with the list's keys"
expect_screen "Show only some of the rows" "help lists Filter"
key Escape
expect_screen "$n of $total files" "Esc closes the help"

key q
expect_screen "Quit bangfu?" "q asks before quitting"
key y
expect_screen "EXITED rc=0" "the app exits with status 0"
case "$(screen_text)" in
*"F1 Help"* | *"Case files"*) fail "the screen was not given back" ;;
*) ok "the terminal is restored" ;;
esac

# ---- the default language -------------------------------------------------------
stop_app
start_app --db "$DB"
log_in admin demo-admin
expect_screen "演示机械制造有限公司" "Chinese run: the list opens"
# make check points BANGFU_LOCALEDIR at the catalogue built from po/zh_CN.po
title=$(screen_text | head -1)
case "$title" in
*"困难职工帮扶 - 档案列表"*) ok "Chinese run: the title is Chinese" ;;
*) fail "Chinese run: title is \"$title\"" ;;
esac
expect_screen "档案编号" "Chinese run: Chinese column titles"
expect_screen "F1 帮助" "Chinese run: Chinese key hints"
key C-q
key y
expect_screen "EXITED rc=0" "Chinese run: ^Q then y exits with status 0"

# ---- first start on a new file: the set-up form --------------------------------
NEW="$T/new.db"
stop_app
start_app --db "$NEW" --lang en
expect_screen "The administrator's account" "a new file starts with the administrator's account"
first_admin tester tester-password
expect_screen "Welcome to bangfu" "then the set-up form"
expect_screen "Unit name (单位名称)*" "the unit's name is asked for (required)"
type_text "某某区第一机械厂"
key C-s
expect_screen "No files yet" "after ^S the (empty) list appears"
case "$(screen_text | head -1)" in
*"某某区第一机械厂"*) ok "the typed unit name is in the title" ;;
*) fail "the unit name is not in the title" ;;
esac
key q
key y
expect_screen "EXITED rc=0" "leaves with status 0"
out=$(cli --db "$NEW" init --unit X 2>&1)
case "$out" in
*"already set up"*) ok "the unit was saved in the file" ;;
*) fail "after the set-up form: $out" ;;
esac

# leaving the set-up form says what is needed
NONE="$T/none.db"
stop_app
start_app --db "$NONE" --lang en
first_admin tester tester-password
expect_screen "Welcome to bangfu" "another new file: the set-up form"
key Escape
expect_screen "needs the name of your unit" "Esc explains that the unit's name is needed"
expect_screen "EXITED rc=1" "and exits with status 1"

finish
