#!/bin/sh
# case import of files of any size (issue 17): households whose rows are
# apart, the same person in two households of the file, a file of many
# chunks, and the progress line (on a terminal only).
. "${top_srcdir:-.}/tests/cli/lib.sh"
export BANGFU_DB="$T/stream.db"
bf init --unit "测试单位" </dev/null >/dev/null 2>&1 || fail "init"

# A's spouse comes after B's row: one household of two all the same
cat > "$T/apart.csv" <<'CSV'
户号,关系,姓名,身份证号
A,本人,张三丰,11010519491231002X
B,本人,王五,110105198001010016
A,配偶,李四,110105195003070027
CSV
out=$(bf case import "$T/apart.csv" 2>"$T/apart.err"); rc=$?
expect_rc 0 $rc "households whose rows are apart are imported"
expect_contains "$out" "Imported 2 household(s)" "two households, not three"
expect_contains "$out" "line 2: household A → file" "A reported at its first line"
[ -s "$T/apart.err" ] && fail "stderr not a terminal: nothing extra ($(cat "$T/apart.err"))" ||
	ok "stderr not a terminal: no progress line"
n=$(sqlite3 "$BANGFU_DB" "SELECT count(*) FROM member")
[ "$n" = 3 ] && ok "three people stored" || fail "$n people stored, wanted 3"
# issue 17: the planner's statistics renewed by the import (in its transaction)
stats="SELECT tbl || ' ' || idx || ' ' || stat FROM sqlite_stat1 ORDER BY 1"
expect_contains "$(sqlite3 "$BANGFU_DB" "SELECT stat FROM sqlite_stat1 WHERE idx = 'case_file_status_number'")" \
	"2 " "statistics of the files after the import"
expect_contains "$(sqlite3 "$BANGFU_DB" "SELECT stat FROM sqlite_stat1 WHERE idx = 'sqlite_autoindex_member_1'")" \
	"3 " "and of their people"
stats_before=$(sqlite3 "$BANGFU_DB" "$stats")

# the same person in two households of one file: the later one is named,
# the earlier one's key given; nothing is written
cat > "$T/twice.csv" <<'CSV'
户号,关系,姓名,身份证号
C,本人,赵六,110105195001010020
D,本人,钱七,110105197001010010
D,子女,赵六,110105195001010020
CSV
out=$(bf case import "$T/twice.csv" 2>&1); rc=$?
expect_rc 1 $rc "a person in two households is refused"
expect_contains "$out" "line 3, column id_number: household D: 赵六 (110105195001010020) is also in household C of this file" \
	"names both households"
expect_contains "$out" "only the 1 good household(s)" "one good household left"
n=$(sqlite3 "$BANGFU_DB" "SELECT count(*) FROM case_file")
[ "$n" = 2 ] && ok "nothing written" || fail "$n files after a refused import"
[ "$(sqlite3 "$BANGFU_DB" "$stats")" = "$stats_before" ] && ok "the statistics as they were" ||
	fail "a refused import changed the statistics"
out=$(bf case import --skip-bad "$T/twice.csv" 2>&1); rc=$?
expect_rc 0 $rc "--skip-bad imports the good household"
expect_contains "$out" "Imported 1 household(s)" "only C"
expect_contains "$out" "household C → file" "C kept (seen first)"

# one person in three households, and twice in the first: each later
# household is named with the first (found by one sort of everyone the
# file names, then a second checking pass); the first is kept
cat > "$T/thrice.csv" <<'CSV'
户号,关系,姓名,身份证号
F,本人,吴一,110105196001010017
F,子女,郑二,110105199001010010
F,其他,郑二,110105199001010010
G,本人,冯三,110105196101010014
G,子女,郑二,110105199001010010
H,本人,陈四,110105196201010011
H,子女,郑二,110105199001010010
CSV
out=$(bf case import --dry-run "$T/thrice.csv" 2>&1); rc=$?
expect_rc 1 $rc "a person in three households is refused"
expect_contains "$out" "line 5, column id_number: household G: 郑二 (110105199001010010) is also in household F of this file" \
	"the second household named with the first"
expect_contains "$out" "line 7, column id_number: household H: 郑二 (110105199001010010) is also in household F of this file" \
	"the third household named with the first"
expect_contains "$out" "only the 0 good household(s)" "F is bad too (the same person twice in it)"
out=$(bf case import --dry-run --skip-bad "$T/thrice.csv" 2>&1); rc=$?
expect_contains "$out" "0 household(s) would be imported" "counted once each, not per pass"

# a household whose last row is refused (unknown relation): with
# --skip-bad it is still imported, from its good rows
cat > "$T/lastbad.csv" <<'CSV'
户号,关系,姓名,身份证号
E,本人,孙八,11010519800202003X
E,表哥,周九,11010519820303004X
CSV
out=$(bf case import "$T/lastbad.csv" 2>&1); rc=$?
expect_rc 1 $rc "an unknown relation refuses the file"
expect_contains "$out" "line 3, column 关系" "the row named"
out=$(bf case import --skip-bad "$T/lastbad.csv" 2>&1); rc=$?
expect_rc 0 $rc "--skip-bad imports the household without that row"
expect_contains "$out" "household E → file" "E imported"

# 3,000 households (chunks: check_import's stream tests), one bad row at the
# very end: all or nothing, the bad row named by its line
awk -v n=3000 -f "${top_srcdir:-.}/tests/cli/households.awk" > "$T/many.csv"
printf 'Z,本人,坏行,110105194912310021\n' >> "$T/many.csv"
lines=$(wc -l < "$T/many.csv")
out=$(bf case import "$T/many.csv" 2>&1); rc=$?
expect_rc 1 $rc "a bad row at the end refuses the whole file"
expect_contains "$out" "line $lines, column 身份证号" "the last line named"
n=$(sqlite3 "$BANGFU_DB" "SELECT count(*) FROM case_file")
[ "$n" = 4 ] && ok "nothing of the big file written" || fail "$n files after a refused import"

# on a terminal the progress line appears (script(1) gives a pty)
sed '$d' "$T/many.csv" > "$T/good_many.csv"
script -qec "\"$BANGFU\" --lang en --password-fd 3 case import \"$T/good_many.csv\" 3<\"$PWFILE\" >\"$T/tty.out\"" \
	/dev/null > "$T/tty.log" 2>&1
rc=$?
expect_rc 0 $rc "import on a terminal"
expect_contains "$(cat "$T/tty.log")" "Importing: " "the progress line appears on the terminal"
expect_contains "$(cat "$T/tty.log")" "of 3,000 (" "counted out of the households to write"
expect_contains "$(cat "$T/tty.out")" "Imported 3000 household(s)" "all imported"

# backup: the line on a terminal, nothing extra otherwise
out=$(bf backup "$T/copy.db" 2>&1); rc=$?
expect_rc 0 $rc "backup"
case "$out" in *"Backing up"*) fail "backup not on a terminal printed a progress line" ;;
*) ok "backup not on a terminal: no progress line" ;; esac
script -qec "\"$BANGFU\" --lang en --password-fd 3 backup \"$T/copy2.db\" 3<\"$PWFILE\"" \
	/dev/null > "$T/tty2.log" 2>&1
expect_contains "$(cat "$T/tty2.log")" "Backing up (pages): " "backup shows its progress on a terminal"
expect_contains "$(cat "$T/tty2.log")" "Backed up" "and its result"
finish
