#!/bin/sh
# The holiday calendar through the real binary: the shipped arrangements in
# a new database, `holiday list/set/clear/import` (text and .ics, a bad line
# named, the settings permission, the audit log), a publicity period across
# National Day 2026 and one into a year with no arrangement (the warning).
. "${top_srcdir:-.}/tests/cli/lib.sh"
export BANGFU_DB="$T/cal.db"
export BANGFU_TODAY=2026-09-30
bf init --unit "测试单位" --union "测试单位工会" </dev/null >/dev/null 2>&1 || fail "init"

out=$(bf --help)
expect_contains "$out" "  holiday " "--help lists holiday"

# ---- the shipped calendar -------------------------------------------------------------------
out=$(bf holiday list 2>&1)
expect_contains "$out" "2004  " "2004 is known"
expect_contains "$out" "2026  33 days off, 6 working days  国务院办公厅关于2026年部分节假日安排的通知" "2026 with its notice"
out=$(bf holiday list 2026 2>&1)
expect_contains "$out" "2026-10-07 We  day off      国庆节" "National Day"
expect_contains "$out" "2026-10-10 Sa  working day  国庆节" "its make-up Saturday"
out=$(bf holiday list 2027 2>&1)
expect_contains "$out" "no holiday arrangement for 2027: counted Monday to Friday" "2027 is not known"

# ---- publicity periods -------------------------------------------------------------------------
approved_pair "2026年第9次"
contact="--place 公告栏 --contact 刘 --phone 010-12345678 --office 工会"
out=$(bf publicity create --cases $n1 --start 2026-09-30 --days 5 $contact 2>&1); rc=$?
expect_rc 0 $rc "a round across National Day"
expect_contains "$out" "2026-09-30 to 2026-10-12 (5 working days)" "ends on 12 October, the make-up Saturday counted"
case "$out" in *"no holiday arrangement"*) fail "warned within 2026: $out" ;; *) ok "no warning within 2026" ;; esac
out=$(BANGFU_TODAY=2026-12-28 bf publicity create --cases $n2 --start 2026-12-28 --days 5 $contact 2>&1); rc=$?
expect_rc 0 $rc "a round into 2027"
expect_contains "$out" "2026-12-28 to 2027-01-01" "counted Monday to Friday into 2027"
expect_contains "$out" "no holiday arrangement for 2027: counted Monday to Friday" "and says so"
out=$(BANGFU_TODAY=2026-12-28 bf publicity show 2 2>&1)
expect_contains "$out" "no holiday arrangement for 2027" "show warns as well"
# the deadline: days left into 2027
bf deadline set "2027-01-05 17:00" >/dev/null 2>&1 || fail "deadline set"
out=$(BANGFU_TODAY=2026-12-28 bf deadline show 2>&1)
expect_contains "$out" "no holiday arrangement for 2027" "the deadline warns"

# ---- keeping the calendar: permission, set, clear, import ---------------------------------------
bf_as tester "$(printf 'tester-password\nclerk-password')" user add li --role clerk >/dev/null 2>&1 ||
	fail "add a clerk"
out=$(bf_as li clerk-password holiday set 2027-01-01 off --name 元旦 2>&1); rc=$?
expect_rc 1 $rc "a clerk may not change the calendar"
expect_contains "$out" "may not change the unit's details and settings" "says why"
out=$(bf_as li clerk-password holiday list 2026 2>&1); rc=$?
expect_rc 0 $rc "a clerk reads it"
out=$(bf holiday set 2027-01-01 off --name 元旦 2>&1); rc=$?
expect_rc 0 $rc "set a day off"
expect_contains "$out" "2027-01-01 is now a day off 元旦" "says what it did"
out=$(bf holiday set 2027-01-01 rest 2>&1); rc=$?
expect_rc 2 $rc "rest is neither off nor work"
out=$(bf holiday list 2027 2>&1)
expect_contains "$out" "2027: by hand" "the year is known, by hand"
expect_contains "$out" "2027-01-01 Fr  day off      元旦" "with its day"
out=$(bf holiday clear 2027-01-01 2>&1); rc=$?
expect_rc 0 $rc "clear it"
out=$(bf holiday list 2027 2>&1)
case "$out" in *2027-01-01*) fail "cleared day still listed: $out" ;; *) ok "cleared" ;; esac
n=$(sqlite3 "$BANGFU_DB" "SELECT count(*) FROM audit_log WHERE tbl = 'holiday' AND actor = 'tester'")
[ "$n" -eq 2 ] && ok "both changes audited" || fail "audit rows: $n"

cat > "$T/bad.txt" <<'TXT'
year 2027 test
2027-01-01 off 元旦
2027-02-30 off 春节
TXT
out=$(bf holiday import "$T/bad.txt" 2>&1); rc=$?
expect_rc 1 $rc "a bad file is refused"
expect_contains "$out" "bad.txt: line 3: expected a date" "naming its line"
[ "$(sqlite3 "$BANGFU_DB" "SELECT count(*) FROM holiday WHERE date LIKE '2027%'")" -eq 0 ] &&
	ok "nothing written" || fail "a refused file wrote days"

cat > "$T/2027.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
DTSTART;VALUE=DATE:20270101
DTEND;VALUE=DATE:20270102
SUMMARY:元旦(休)
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20270206
DTEND;VALUE=DATE:20270213
SUMMARY:春节(休)
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20270214
DTEND;VALUE=DATE:20270215
SUMMARY:春节(班)
END:VEVENT
END:VCALENDAR
ICS
out=$(bf holiday import "$T/2027.ics" 2>&1); rc=$?
expect_rc 0 $rc "import an iCalendar file"
expect_contains "$out" "9 days read; 9 added or changed" "the count"
out=$(bf holiday list 2027 2>&1)
expect_contains "$out" "2027-02-14 Su  working day  春节" "the make-up Sunday"
# the text format as shipped
printf 'year 2027 国务院办公厅关于2027年部分节假日安排的通知\n2027-02-13 off 春节\n' > "$T/2027.txt"
out=$(bf holiday import "$T/2027.txt" 2>&1); rc=$?
expect_rc 0 $rc "import the text format"
expect_contains "$out" "1 added or changed; 0 years newly known" "adds the day"
# now a round into 2027 does not warn
out=$(BANGFU_TODAY=2026-12-28 bf publicity show 2 2>&1)
case "$out" in *"no holiday arrangement"*) fail "still warns: $out" ;; *) ok "no warning once 2027 is known" ;; esac
finish
