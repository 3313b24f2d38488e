#!/bin/sh
# lost_update.sh — issue 18 item 1 through the real program: a file open on
# screen while `bangfu review --approve` moves it on from the command line;
# a save from the form then keeps the approval (the form never writes the
# workflow state, and the save merges with the change made meanwhile), and
# a second review of the same file is refused.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
export BANGFU_TODAY=2026-11-28
printf 'demo-admin\n' > "$T/demo-admin.password"
DB="$T/demo.db"
cli_admin() { BANGFU_USER=admin "$BANGFU" --lang en --password-fd 3 --db "$DB" "$@" 3<"$T/demo-admin.password"; }
"$BANGFU" --lang en demo --db "$DB" </dev/null >/dev/null 2>&1 || fail "bangfu demo"
num=2026-0010 # documents complete, meets category 3
out=$(cli_admin case show "$num" --json 2>&1)
case "$out" in *'"status": "docs_complete"'*) ok "$num is documents complete" ;; *) fail "$num: $out" ;; esac

start_app --db "$DB" --lang en
log_in admin demo-admin
expect_screen "$num" "the list"
key /
type_text "$num"
expect_screen "Search: $num" "search by number"
key Enter Enter
expect_screen "File $num" "the file opens on screen"

# meanwhile, the review approves it from the command line
out=$(cli_admin review "$num" --approve --category 3 --amount 2000 --meeting "2026年第3次" 2>&1) &&
	ok "review --approve while the form is open" || fail "review: $out"

# one character typed into the form, and ^S
key Tab Tab
type_text "族"
key Tab
key C-s
expect_screen "together with the changes made meanwhile" "the save merges with the review's change"
out=$(cli_admin case show "$num" --json 2>&1)
case "$out" in
*'"status": "approved"'*) ok "the file is still approved" ;;
*) fail "the save undid the approval: $(echo "$out" | grep '"status"' | head -1)" ;;
esac
out=$(cli_admin review "$num" --reject --reason "重复" --meeting "2026年第4次" 2>&1); rc=$?
[ $rc -ne 0 ] && ok "a second review is refused" || fail "a second review was accepted: $out"
out=$(cli_admin case history "$num" 2>&1)
case "$out" in *"Approved"*) ok "the history ends approved" ;; *) fail "history: $out" ;; esac
key Escape
expect_screen "Case files" "back to the list"
key q
expect_screen "Quit bangfu?" "quit asks"
key y
expect_screen "EXITED rc=0" "bangfu quits cleanly"
finish
