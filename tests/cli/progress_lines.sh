#!/bin/sh
# Progress lines of long work on the command line (issue 17): the sign-off
# sheets (XLSX and PDF), the ledger's XLSX, the publicity notice and result
# report PDFs and a schema upgrade show a line on a terminal (script(1)
# gives a pty) and print nothing extra when their output is not one. The
# batch export, the package import and the district's attachment 1 are
# checked the same way in roundtrip.sh, which makes their packages.
. "${top_srcdir:-.}/tests/cli/lib.sh"
if ! command -v script >/dev/null 2>&1; then
	echo "script not installed: skipped"
	exit 77
fi
export BANGFU_DB="$T/camp.db" BANGFU_TODAY=2026-01-15
bf demo --cases 60 >/dev/null 2>&1 || fail "demo"
printf 'demo-admin\n' > "$T/admin.pw"
# on_tty ARGS... — the command as the administrator on a terminal; its
# screen (stdout and stderr) in $T/tty.log
on_tty() {
	_args=""
	for _a in "$@"; do _args="$_args \"$_a\""; done
	BANGFU_USER=admin script -qec "\"$BANGFU\" --lang en --password-fd 3 $_args 3<\"$T/admin.pw\"" \
		/dev/null > "$T/tty.log" 2>&1
}
adm campaign create --name 春节送温暖 --year 2026 --from 2026-01-10 --to 2026-02-10 \
	--standard-groups >/dev/null 2>&1 || fail "campaign create"
adm campaign draw 1 >/dev/null 2>&1 || fail "campaign draw"
unit=$(adm campaign people 1 --json | sed -n 's/.*"unit": "\(.*\)".*/\1/p' | head -1)

# not a terminal: stdout has the result, stderr nothing at all
adm campaign sheet 1 --unit "$unit" --xlsx "$T/s.xlsx" --pdf "$T/s.pdf" >"$T/out" 2>"$T/err"
expect_rc 0 $? "sheets written"
expect_contains "$(cat "$T/out")" "Written: $T/s.pdf" "the PDF is said"
[ -s "$T/err" ] && fail "sheets off a terminal printed on stderr: $(cat "$T/err")" ||
	ok "sheets off a terminal: nothing on stderr"
adm campaign ledger --campaign 1 --xlsx "$T/l.xlsx" >"$T/out" 2>"$T/err"
expect_rc 0 $? "ledger written"
[ -s "$T/err" ] && fail "ledger off a terminal printed on stderr: $(cat "$T/err")" ||
	ok "ledger off a terminal: nothing on stderr"
case "$(cat "$T/out")" in *"Ledger (payments)"*) fail "a progress line in the ledger's output" ;;
*) ok "the ledger's output has no progress line" ;; esac

# a terminal: the lines, then the results
on_tty campaign sheet 1 --unit "$unit" --xlsx "$T/t.xlsx" --pdf "$T/t.pdf"
expect_rc 0 $? "sheets on a terminal"
expect_contains "$(cat "$T/tty.log")" "Sign-off sheet (rows): 0 of " "the XLSX's line"
expect_contains "$(cat "$T/tty.log")" "Sign-off sheet (rows, then pages): " "the PDF's line"
expect_contains "$(cat "$T/tty.log")" "Written: $T/t.pdf" "and the result"
on_tty campaign ledger --campaign 1 --xlsx "$T/t-ledger.xlsx"
expect_rc 0 $? "ledger on a terminal"
expect_contains "$(cat "$T/tty.log")" "Ledger (payments): " "the ledger's line"

# the publicity notice (round 2, open) and the result report (round 1,
# closed) as PDFs: rows, then pages
adm publicity notice 2 --pdf "$T/n.pdf" >"$T/out" 2>"$T/err"
expect_rc 0 $? "notice written"
case "$(cat "$T/out" "$T/err")" in *"Publicity notice (rows"*) fail "a notice's line off a terminal" ;;
*) ok "the notice off a terminal: no progress line" ;; esac
adm publicity report 1 --pdf "$T/r.pdf" >"$T/out" 2>"$T/err"
expect_rc 0 $? "result report written"
[ -s "$T/r.pdf" ] && ok "the report is there" || fail "no report PDF"
case "$(cat "$T/out" "$T/err")" in *"Result report (rows"*) fail "a report's line off a terminal" ;;
*) ok "the report off a terminal: no progress line" ;; esac
on_tty publicity notice 2 --pdf "$T/t-n.pdf"
expect_rc 0 $? "notice on a terminal"
expect_contains "$(cat "$T/tty.log")" "Publicity notice (rows, then pages): 0 of 7 (0%)" \
	"the notice's line, its 7 rows"
expect_contains "$(cat "$T/tty.log")" "Wrote $T/t-n.pdf" "then the result"
on_tty publicity report 1 --pdf "$T/t-r.pdf"
expect_rc 0 $? "report on a terminal"
expect_contains "$(cat "$T/tty.log")" "Result report (rows, then pages): 0 of " "the report's line"
[ -s "$T/t-r.pdf" ] && ok "and the report is written" || fail "no report PDF on a terminal"

# a schema upgrade: the previous release's database (schema 6)
fixture="${top_srcdir:-.}/tests/fixtures/previous-release.db"
cp "$fixture" "$T/old1.db"
cp "$fixture" "$T/old2.db"
chmod 0600 "$T/old1.db" "$T/old2.db"
adm --db "$T/old1.db" case list >"$T/out" 2>"$T/err"
expect_rc 0 $? "the old database opens"
case "$(cat "$T/err")" in *"Upgrading the database"*) fail "an upgrade's line off a terminal" ;;
*) ok "the upgrade off a terminal: no progress line" ;; esac
expect_contains "$(cat "$T/err")" "was upgraded from schema 6" "the upgrade is said"
case "$(cat "$T/err")" in *"Sealing the personal data"*) fail "the seal's line off a terminal" ;;
*) ok "the seal of the old values off a terminal: no progress line" ;; esac
on_tty --db "$T/old2.db" case list
expect_rc 0 $? "the old database opens on a terminal"
expect_contains "$(cat "$T/tty.log")" "Upgrading the database (steps): 0 of " "the upgrade's line"
expect_contains "$(cat "$T/tty.log")" "was upgraded from schema 6" "then the upgrade is said"
# the administrator's first login seals what the old release kept plain
# (issue 12) and its audit entries: a line by entry, erased at the end
expect_contains "$(cat "$T/tty.log")" "Sealing the personal data stored before (audit entries): " \
	"the seal's line"
expect_contains "$(sqlite3 "$T/old2.db" "SELECT count(*) FROM member WHERE id_number NOT LIKE 'bf1:%'")" \
	"0" "and the values were sealed"
finish
