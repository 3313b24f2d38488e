#!/bin/sh
# district_readme.sh — the README's district section, literally, from an
# empty home folder: its commands are read out of README.md and run in
# order (each `--user NAME` logs in with that account's password), the
# district's `init --district-mode` typed in a terminal under tmux (it asks
# the district's questions, none of a unit's), then the district's
# administrator at 80x24 in Chinese: the consolidation list is the home
# screen, a file is accepted by keyboard, the same package imported again
# changes nothing, the reply is written from the units screen, and each
# screen after a dialog is the screen drawn fresh (^R).
. "${top_srcdir:-.}/tests/e2e/lib.sh"

export BANGFU_TODAY=2026-12-10
unset BANGFU_USER
cd "$HOME" || exit 1
[ -z "$(ls -A "$HOME")" ] && ok "the home folder is empty" || fail "the home folder is not empty"

# The section's commands: indented lines that start with "bangfu", comments dropped.
sed -n '/^## The district union (区总工会)/,/^## /p' "$top_srcdir/README.md" |
	sed -n 's/^    \(bangfu .*\)$/\1/p' | sed 's/[[:space:]]\{2,\}#.*$//' > "$T/commands"
n=$(wc -l < "$T/commands")
[ "$n" -ge 15 ] && ok "the README's district section has $n commands" || fail "only $n commands in the README's district section"
grep -q -- '--district-mode' "$T/commands" || fail "the README makes no district database"

printf 'chen-password\n' > "$T/chen.pw"
printf 'demo-admin\n' > "$T/admin.pw"
# password_for COMMAND — the file with the password of the --user it names
password_for() {
	case "$1" in
	*"--user chen"*) echo "$T/chen.pw" ;;
	*"--user admin"*) echo "$T/admin.pw" ;;
	*) echo /dev/null ;;
	esac
}

# ---- init --district-mode in a terminal: the district's questions only ---------------------
init_line=$(grep -- '--district-mode' "$T/commands")
mkdir "$T/bin" && ln -s "$BANGFU" "$T/bin/bangfu"
tm new-session -d -x 80 -y 24 -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e LANGUAGE=zh_CN \
	-e XDG_DATA_HOME="$XDG_DATA_HOME" -e HOME="$HOME" -e BANGFU_TODAY="$BANGFU_TODAY" \
	-e BANGFU_TEST_PWHASH_MIN=1 -e BANGFU_LOCALEDIR="${BANGFU_LOCALEDIR:-}" \
	-c "$HOME" \
	"PATH=$T/bin:\$PATH; $init_line; printf '\nEXITED rc=%s\n' \$?; sleep 30"
expect_screen "地址" "init asks the district's address"
case "$(screen_text)" in *基层工会* | *所属区总工会* | *单位代码*) fail "init asks a unit's question" ;; esac
type_text "东城区某某路1号"
key Enter
expect_screen "联系人" "the contact person"
type_text "陈主席"
key Enter
expect_screen "联系电话" "the contact phone"
type_text "010-12345678"
key Enter
wait_for "chen" || fail "no password prompt for chen"
type_text "chen-password"
key Enter
sleep 0.3
type_text "chen-password"
key Enter
expect_screen "EXITED rc=0" "the district's database is made"
case "$(screen_text)" in *基层工会* | *所属区总工会* | *单位代码*) fail "init asked a unit's question" ;; esac
stop_app

# ---- the rest of the section, in order ------------------------------------------------------
while IFS= read -r line; do
	case "$line" in *--district-mode*) continue ;; esac
	pw=$(password_for "$line")
	cmd="\"\$BANGFU\" --password-fd 3 ${line#bangfu }"
	if out=$(eval "$cmd" 3<"$pw" 2>&1 </dev/null); then
		ok "$line"
	else
		fail "$line: $out"
	fi
done < "$T/commands"
DB="$XDG_DATA_HOME/bangfu/bangfu.db"
[ -s "$DB" ] && ok "the district's database is the default one" || fail "no $DB"
[ -s DEMO-reply.bfpkg ] && ok "the reply is written" || fail "no DEMO-reply.bfpkg"
[ -s summary.xlsx ] && ok "the summary is written" || fail "no summary.xlsx"
out=$("$BANGFU" --lang en --db unit.db --password-fd 3 --user admin case show 2026-0042 3<"$T/admin.pw" 2>&1)
case "$out" in *"Accepted by the district: 1,800.00"*) ok "case show gives the accepted amount" ;; *) fail "case show: $out" ;; esac

# ---- on screen, in Chinese, as the district's administrator -------------------------------
stop_app
SOCK="bangfu-e2e-$$-app"
tm new-session -d -x 80 -y 24 -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e LANGUAGE=zh_CN \
	-e XDG_DATA_HOME="$XDG_DATA_HOME" -e HOME="$HOME" -e BANGFU_TODAY="$BANGFU_TODAY" \
	-e BANGFU_TEST_PWHASH_MIN=1 -e BANGFU_LOCALEDIR="${BANGFU_LOCALEDIR:-}" \
	"$BANGFU; printf '\nEXITED rc=%s\n' \$?; sleep 30"
log_in chen chen-password
expect_screen "报送档案 7 份" "the home is the consolidation list with the 7 files"
expect_screen "马芳磊" "by name"
# fresh_after DESCRIPTION — the screen now is the screen drawn fresh (^R
# repaints the whole terminal; the message line, row 23, is cleared by the key)
fresh_after() {
	sleep 0.3
	before=$(tm capture-pane -p -t 0 | sed 23d)
	key C-r
	sleep 0.3
	after=$(tm capture-pane -p -t 0 | sed 23d)
	if [ "$before" = "$after" ]; then
		ok "after $1 the screen is the screen drawn fresh"
	else
		fail "after $1 the screen differs from the screen drawn fresh"
		echo "$before" > "$T/before"
		echo "$after" > "$T/after"
		diff "$T/before" "$T/after"
	fi
}
key Down Down
key Enter
expect_screen "郭芳" "Enter opens 郭芳's file"
key a
expect_screen "金额" "a asks the accepted amount"
key C-u
type_text 3800
key Enter
expect_screen "3,800.00" "the file is accepted with 3,800.00"
fresh_after "the accept dialog"
key Escape
expect_screen "报送档案 7 份" "back on the list"
key i
type_text "$HOME/DEMO-2026-01-r1.bfpkg"
key Enter
sleep 0.5
key Enter
fresh_after "importing the same package again"
key m
expect_screen "导入" "the menu has the import"
expect_screen "单位" "and the units"
fresh_after "the menu"
key Escape
key C-q
wait_for "退出" && key y
wait_for "EXITED rc=0" || fail "bangfu did not leave cleanly"
finish
