#!/bin/sh
# Reading needs a login, through the real binary. The command table's
# permissions (cli.h BF_CLI_PERMS, printed by `bangfu help permissions`):
# a command or subcommand the dispatchers know but the table lacks fails
# here; every row as every role is check_cli_perms (in-process, as fast).
# Then the attacks of issue 12: reading a file, printing its form, backing up
# the database with no login, a disabled or locked account, a wrong password.
. "${top_srcdir:-.}/tests/cli/lib.sh"
export BANGFU_DB="$T/perm.db"
bf init --unit "测试单位" --code T01 </dev/null >/dev/null 2>&1 || fail "init"
# tester is the administrator (lib.sh); a clerk, one to disable, one to lock
bf_as tester "$(printf 'tester-password\nclerk-password')" user add aclerk --role clerk \
	</dev/null >/dev/null 2>&1 || fail "add a clerk"
bf_as tester "$(printf 'tester-password\ngone-password')" user add gone --role admin \
	</dev/null >/dev/null 2>&1 || fail "add the account to disable"
bf user disable gone </dev/null >/dev/null 2>&1 || fail "disable it"
bf_as tester "$(printf 'tester-password\nlocky-password')" user add locky --role clerk \
	</dev/null >/dev/null 2>&1 || fail "add the account to lock"
cat > "$T/one.csv" <<'CSV'
户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明,部门,电话,银行卡号,主要致困原因
A,本人,张三丰,11010519491231002X,已婚,在岗,"1,200.00",单位收入证明,一车间,13812345678,6222021234567890128,下岗失业
CSV
bf_as aclerk clerk-password case import "$T/one.csv" </dev/null >/dev/null 2>&1 || fail "import"
num=$(bf case list --json | sed -n 's/.*"number": "\([^"]*\)".*/\1/p' | head -1)
[ -n "$num" ] && ok "a file to read: $num" || fail "no file imported"
for i in 1 2 3 4 5; do bf_as locky "bad-password-$i" case list </dev/null >/dev/null 2>&1; done
out=$(bf_as locky locky-password case list </dev/null 2>&1)
expect_contains "$out" "locked" "the account is locked"

# run_as ROLE ARGS... — stdout to $T/out, stderr to $T/err, exit code in $rc
run_as() {
	_role=$1
	shift
	case $_role in
	wrong) bf_as aclerk not-the-password "$@" </dev/null >"$T/out" 2>"$T/err" ;;
	none) BANGFU_USER= "$BANGFU" --lang en "$@" </dev/null >"$T/out" 2>"$T/err" ;;
	admin) bf "$@" </dev/null >"$T/out" 2>"$T/err" ;;
	disabled) bf_as gone gone-password "$@" </dev/null >"$T/out" 2>"$T/err" ;;
	locked) bf_as locky locky-password "$@" </dev/null >"$T/out" 2>"$T/err" ;;
	clerk) bf_as aclerk clerk-password "$@" </dev/null >"$T/out" 2>"$T/err" ;;
	esac
	rc=$?
}

"$BANGFU" --lang en help permissions >"$T/table" 2>&1 || fail "help permissions"
rows=$(wc -l <"$T/table")
[ "$rows" -gt 80 ] && ok "the table has $rows rows" || fail "the table has only $rows rows"

# ---- the table covers every command and subcommand --------------------------------
"$BANGFU" --lang en --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' | sort -u >"$T/commands"
[ -s "$T/commands" ] || fail "no commands in bangfu --help"
missing=""
for c in $(cat "$T/commands"); do
	grep -q "^$c[ 	]" "$T/table" || missing="$missing $c"
done
[ -z "$missing" ] && ok "every command of bangfu --help has a row" ||
	fail "commands with no row in the permission table:$missing"
# the subcommands each dispatcher tests for: strcmp(sub|what, "X") in bf_cmd_NAME
awk '
/^int bf_cmd_[a-z_]+\(/ { fn = $2; sub(/^bf_cmd_/, "", fn); sub(/\(.*/, "", fn); next }
/^}/ { fn = "" }
fn != "" {
	line = $0
	while (match(line, /strcmp\((sub|what), "[a-z]+"\)/)) {
		w = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
		sub(/^strcmp\((sub|what), "/, "", w); sub(/"\)$/, "", w)
		print fn, w
	}
}' "${top_srcdir:-.}"/src/cli/*.c | sort -u >"$T/dispatched"
[ "$(wc -l <"$T/dispatched")" -gt 60 ] && ok "subcommands found in the dispatchers" ||
	fail "too few subcommands found in src/cli: $(wc -l <"$T/dispatched")"
missing=""
while read -r c s; do
	grep -q "^$c[ 	]" "$T/commands" 2>/dev/null || grep -qx "$c" "$T/commands" || continue
	grep -q "^$c $s[ 	]" "$T/table" || missing="$missing '$c $s'"
done <"$T/dispatched"
[ -z "$missing" ] && ok "every subcommand the dispatchers know has a row" ||
	fail "subcommands with no row in the permission table:$missing"

# ---- the attacks: nothing printed, nothing written, the reason given ---------------------
for role in none disabled locked wrong; do
	case $role in
	none) want="log in first" ;; disabled) want="disabled" ;; locked) want="locked" ;;
	wrong) want="Wrong name or password" ;;
	esac
	run_as $role case show "$num" --json
	expect_rc 1 "$rc" "case show --json, $role: refused"
	[ -s "$T/out" ] && fail "case show, $role: printed $(head -c 100 "$T/out")" ||
		ok "case show, $role: nothing printed"
	expect_contains "$(cat "$T/err")" "$want" "case show, $role: says why"
	run_as $role print form "$num" --pdf "$T/form-$role.pdf"
	expect_rc 1 "$rc" "print form --pdf, $role: refused"
	[ -e "$T/form-$role.pdf" ] && fail "print form, $role: the PDF was written" ||
		ok "print form, $role: no PDF"
	[ -s "$T/out" ] && fail "print form, $role: printed $(head -c 100 "$T/out")" ||
		ok "print form, $role: nothing printed"
	expect_contains "$(cat "$T/err")" "$want" "print form, $role: says why"
	sleep 1 # the wrong password's delay
done
for role in none clerk; do
	run_as $role backup "$T/copy-$role.db"
	expect_rc 1 "$rc" "backup, $role: refused"
	[ -e "$T/copy-$role.db" ] && fail "backup, $role: the copy was written" ||
		ok "backup, $role: no copy"
done
expect_contains "$(cat "$T/err")" "Who may: Union chair / administrator, District staff" \
	"the clerk's refusal names who may back up"
run_as admin backup "$T/copy.db"
expect_rc 0 "$rc" "the administrator backs up"
run_as admin case show "$num" --json
expect_contains "$(cat "$T/out")" '"household_size"' "the administrator reads the file"
out=$(printf 'clerk-password\n' | BANGFU_USER=aclerk "$BANGFU" --lang en --password-fd 0 case list 2>&1)
expect_contains "$out" "张三丰" "BANGFU_USER names who logs in"
out=$(BANGFU_USER= "$BANGFU" --lang en case list </dev/null 2>/dev/null)
[ -z "$out" ] && ok "case list without a login prints nothing" || fail "case list printed: $out"
out=$(BANGFU_USER= "$BANGFU" --lang en case list --search 0020 </dev/null 2>/dev/null)
[ -z "$out" ] && ok "the ID digits search without a login prints nothing" || fail "search printed: $out"

# ---- settings are the administrator's: the caps a clerk could once set to nothing -------
run_as admin campaign caps --per-payment 800 --per-year 1500
expect_rc 0 "$rc" "the administrator sets the caps"
run_as clerk campaign caps --per-payment 0 --per-year 0
expect_rc 1 "$rc" "the clerk may not set the caps"
expect_contains "$(cat "$T/err")" "Clerk: may not change the unit's details and settings" \
	"the store says why"
run_as clerk campaign caps
expect_contains "$(cat "$T/out")" "Cap per payment: 800.00; cap per person and year: 1,500.00" \
	"the caps are unchanged"
run_as clerk deadline set "2026-12-26 17:30"
expect_rc 1 "$rc" "the clerk may not set the deadline"
expect_contains "$(cat "$T/err")" "Who may: Union chair / administrator" "the table says who may"

# ---- init: the administrator with the database, or no database --------------------------
out=$(BANGFU_USER= "$BANGFU" --lang en --db "$T/new1.db" init --unit X </dev/null 2>&1); rc=$?
expect_rc 2 "$rc" "init without the administrator's name is refused"
[ -e "$T/new1.db" ] && fail "and a database without an administrator was created" ||
	ok "and no database is created"
out=$("$BANGFU" --lang en --db "$T/new2.db" --user boss init --unit X </dev/null 2>&1); rc=$?
expect_rc 2 "$rc" "init without a password (no terminal, no --password-fd) is refused"
expect_contains "$out" "--password-fd" "and names --password-fd"
[ -e "$T/new2.db" ] && fail "and a database was created" || ok "and no database is created"
out=$(printf 'short\n' | "$BANGFU" --lang en --db "$T/new3.db" --password-fd 0 init --admin boss --unit X 2>&1); rc=$?
expect_rc 2 "$rc" "init with a too short password is refused"
[ -e "$T/new3.db" ] && fail "and a database was created" || ok "and no database is created"
out=$(printf 'boss-password\n' | BANGFU_USER= "$BANGFU" --lang en --db "$T/new4.db" --password-fd 0 \
	init --admin boss --display 王主席 --unit X 2>&1); rc=$?
expect_rc 0 "$rc" "init --admin NAME with the password on a file descriptor"
expect_contains "$out" "Created the administrator's account boss" "names the administrator"
out=$(printf 'boss-password\n' | "$BANGFU" --lang en --db "$T/new4.db" --user boss --password-fd 0 user list 2>&1)
expect_contains "$out" "王主席" "the administrator logs in, with the display name"
if command -v sqlite3 >/dev/null 2>&1; then
	# a database made before accounts (or whose first start was left): reading is refused
	cp "$T/new4.db" "$T/noadmin.db"
	sqlite3 -cmd ".dbconfig enable_trigger off" "$T/noadmin.db" "DELETE FROM operator" >/dev/null 2>&1
	out=$("$BANGFU" --lang en --db "$T/noadmin.db" case list </dev/null 2>&1); rc=$?
	expect_rc 1 "$rc" "a database without an administrator: reading refused"
	expect_contains "$out" "no administrator yet" "and says to create one"
fi

# ---- a command line with no row reaches no data ----------------------------------------
run_as admin audit --actor tester list
expect_rc 1 "$rc" "a subcommand not where the table looks for it is refused"
expect_contains "$(cat "$T/err")" "not in the table" "and says why"
[ -s "$T/out" ] && fail "and prints nothing: $(cat "$T/out")" || ok "and prints nothing"
finish
