#!/bin/sh
# The foundation through the real binary: help, version, init, default path,
# refusals that leave files untouched, check, backup, two processes at once.
. "${top_srcdir:-.}/tests/cli/lib.sh"

out=$(bf --help); rc=$?
expect_rc 0 $rc "--help exits 0"
for cmd in init check backup; do
	expect_contains "$out" "  $cmd " "--help lists $cmd"
done
out=$(bf --version)
expect_contains "$out" "bangfu " "--version prints the version"

out=$(bf nosuchcommand 2>&1); rc=$?
expect_rc 2 $rc "unknown command is a usage error"
expect_contains "$out" "nosuchcommand" "unknown command is named"

# init on the default path creates the folder and file
out=$(bf init --unit "测试单位" --code T01 --union "测试单位工会" </dev/null 2>&1); rc=$?
expect_rc 0 $rc "init on the default path"
[ -f "$XDG_DATA_HOME/bangfu/bangfu.db" ] && ok "default database created under XDG_DATA_HOME" ||
	fail "no database at $XDG_DATA_HOME/bangfu/bangfu.db ($out)"
out=$(bf init --unit again </dev/null 2>&1); rc=$?
expect_rc 1 $rc "second init refused"
expect_contains "$out" "already set up" "second init says why"

out=$(bf init </dev/null 2>&1); rc=$?
expect_rc 2 $rc "init without a unit name on a non-terminal"
expect_contains "$out" "--unit" "init names the missing flag"

# BANGFU_DB and --db
BANGFU_DB="$T/env.db" bf init --unit U </dev/null >/dev/null 2>&1
[ -f "$T/env.db" ] && ok "BANGFU_DB chooses the file" || fail "BANGFU_DB ignored"
bf --db "$T/flag.db" init --unit U </dev/null >/dev/null 2>&1
[ -f "$T/flag.db" ] && ok "--db chooses the file" || fail "--db ignored"

# a file that is not ours is refused and left byte-for-byte unchanged
printf 'not a database, just text\n' > "$T/text.db"
sum1=$(cksum < "$T/text.db")
out=$(bf --db "$T/text.db" check 2>&1); rc=$?
expect_rc 1 $rc "text file refused"
[ "$sum1" = "$(cksum < "$T/text.db")" ] && ok "text file unchanged" || fail "text file was modified"
[ ! -e "$T/text.db-wal" ] && ok "no WAL left beside a refused file" || fail "WAL created"

# check says sound
out=$(bf --db "$T/flag.db" check 2>&1); rc=$?
expect_rc 0 $rc "check on a sound file"
expect_contains "$out" "sound" "check says the file is sound"

# backup
out=$(bf --db "$T/flag.db" backup "$T/copy.db" 2>&1); rc=$?
expect_rc 0 $rc "backup"
out=$(bf --db "$T/copy.db" check 2>&1); rc=$?
expect_rc 0 $rc "the backup is a sound bangfu database"

finish
