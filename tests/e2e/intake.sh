#!/bin/sh
# intake.sh — the intake screen in the real binary under tmux at 80x24:
# type a case in Chinese, save, quit, reopen it by pinyin initials; then
# kill -9 bangfu while a new case is being typed and find the draft again.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
# Run from a long path (issue 18 item 13): the shell's "Killed" line then
# runs past 80 columns, and the exit marker must still be found.
long="$T/a-checkout-whose-path-is-long-enough-to-wrap/at-eighty-columns/in-the-terminal"
mkdir -p "$long" && ln -s "$BANGFU" "$long/bangfu" && BANGFU=$long/bangfu

ID_EMP=110105198003120016
ID_SPOUSE=110105198207050021
ID_CHILD=110105201009010031

restart_app() {
	start_app_again "$@"
	log_in tester tester-password
}

bf_init --unit 红星机械厂 >/dev/null 2>&1 || { echo "bangfu init failed"; exit 1; }

# ---- a whole case, saved, found again ---------------------------------------------
start_app --lang en
log_in tester tester-password
expect_screen "press n to start one" "the empty case list"
key n
expect_screen "New hardship file" "n opens a new case"
expect_screen "Household 1 | Per capita" "the live panel shows at 80x24"

type_text '张三'
key Tab
type_text "$ID_EMP"
key Down # Down stops at the optional details: ethnicity
expect_screen "Male, born 1980-03-12" "sex and birth follow the ID number"
type_text '汉族'
key Tab 2 # Tab passes political status by; married
expect_screen "Married" "marital status chosen with a digit"

# the members: PgDn jumps to them, ^O adds one below and opens it
key NPage
expect_screen "^O Add member" "member keys in the status bar"
key C-o
expect_screen "New household member" "^O opens the member sub-form"
type_text '李梅'
key Tab Tab
type_text "$ID_SPOUSE"
key Tab Tab 3 Tab Tab 1 # (the birth date from the ID passed by) marital, status: unemployed; income; proof: none
key Escape
expect_screen "李梅 (minimum wage)" "unemployed spouse without proof: minimum wage"
key C-o
expect_screen "New household member" "second member"
type_text '张小明'
key Tab Tab
type_text "$ID_CHILD"
key Tab Tab 9 Tab # marital; status: student (16: not suggested)
key Escape
expect_screen "Household 3 | Per capita 726.67 yuan a month" "household 3, per capita"
expect_screen "✓ Category 2: special hardship: 张小明 is a student" "category 2 and its reason"
expect_screen "^D Remove member" "back on the member rows"
case "$(screen_text)" in
*"$ID_SPOUSE"* | *"$ID_CHILD"*) fail "a member's ID number is shown in full" ;;
*) ok "member ID numbers are masked in the list" ;;
esac

key C-s
expect_screen "Saved as file 2026-0001" "saved with a file number"
key Escape
expect_screen "2026-0001  张三" "the list shows the new file"
key q
expect_screen "Quit bangfu?" "quit asks"
key y
expect_screen "EXITED rc=0" "bangfu quits cleanly"

restart_app --lang en
expect_screen "2026-0001" "the file is there after a restart"
key /
type_text zs
expect_screen "Search: zs" "search by pinyin initials"
expect_screen "张三" "zs finds 张三"
key Enter Enter
expect_screen "File 2026-0001: 张三" "the case opens from the list"
expect_screen "Household 3" "with its members"
case "$(screen_text)" in
*"A draft saved"*) fail "a saved case offers a draft" ;;
*) ok "no draft after saving" ;;
esac
key Escape
expect_screen "Case files" "Esc without changes goes straight back"

# ---- kill -9 while typing a new case ------------------------------------------------
key n
expect_screen "New hardship file" "a second new case"
type_text '赵六' # no Tab: the cursor stays in the name
expect_screen "Draft kept" "a pause in typing keeps a draft" 8
pid=$(ps -o pid= --ppid "$(app_pid)" | head -1 | tr -d ' ')
if [ -n "$pid" ]; then
	kill -9 "$pid"
	ok "bangfu killed with -9"
else
	fail "bangfu process not found"
fi
expect_screen "EXITED rc=137" "bangfu is gone"

restart_app --lang en
expect_screen "Case files" "restarted"
key n
expect_screen "A draft saved at" "the draft is offered"
expect_screen "Continue with it?" "with a question"
key y
expect_screen "Name*  赵六" "the typed name is back"
expect_screen "Draft restored" "the panel says so"
key Escape
expect_screen "Leave without saving?" "leaving the restored draft asks"
key y
expect_screen "Case files" "back in the list; the draft stays"

# ---- the exit marker whole, whatever the terminal was left in -----------------------
# a program killed mid-line with the terminal in raw output (no CR on
# newline), as a killed bangfu leaves it, from the long path: the marker
# must still be one line
cat > "$long/killed-mid-line" <<'KILLED'
#!/bin/sh
stty -onlcr 2>/dev/null
printf '%075d' 0
kill -9 $$
KILLED
chmod +x "$long/killed-mid-line"
stop_app
BANGFU="$long/killed-mid-line" start_app
expect_screen "EXITED rc=137" "the marker is whole after a kill mid-line from a long path"

finish
