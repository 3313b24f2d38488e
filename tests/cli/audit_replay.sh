#!/bin/sh
# The audit log replayed (issue 13, item 1 (c)), through the real binary and
# the attacker's sqlite3 shell: with the triggers off, a bank card and a
# review's amount changed, a case added, a review deleted, and the log's tail
# cut off (truncation) — `audit verify` names each table, row and field; a
# head from paper (16 hex digits) is checked with --known.
. "${top_srcdir:-.}/tests/cli/lib.sh"
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "sqlite3 not installed: skipped"
	exit 77
fi
export BANGFU_DB="$T/demo.db"
"$BANGFU" --lang en demo --db "$BANGFU_DB" >/dev/null 2>&1 || fail "demo"
cp "$BANGFU_DB" "$T/clean.db"
out=$(bf_as admin demo-admin audit verify 2>&1); rc=$?
expect_rc 0 $rc "the demo database verifies"
head=$(printf '%s\n' "$out" | sed -n 's/^Latest hash: \([0-9a-f]\{16\}\).*/\1/p')
out=$(bf_as admin demo-admin audit verify --known "$head" 2>&1); rc=$?
expect_rc 0 $rc "a head from paper (16 hex digits) is found"
out=$(bf_as admin demo-admin audit verify --known 0123456789abcdef 2>&1); rc=$?
expect_rc 1 $rc "a head that is not in the log is refused"

# ---- the head on paper: every printed document's footer ------------------------------
if command -v pdftotext >/dev/null 2>&1; then
	n=$(sqlite3 "$BANGFU_DB" "SELECT number FROM case_file ORDER BY id LIMIT 1")
	# the login and the form's reveal are logged before the document is
	# made: its footer names the log as it was then, the head and count
	# the log has right after
	for f in form list; do
		case $f in
		form) bf_as admin demo-admin print form "$n" --pdf "$T/$f.pdf" >/dev/null 2>&1 ||
			fail "print form" ;;
		list) bf_as admin demo-admin checklist "$n" --pdf "$T/$f.pdf" >/dev/null 2>&1 ||
			fail "checklist pdf" ;;
		esac
		rows=$(sqlite3 "$BANGFU_DB" "SELECT count(*) FROM audit_log")
		now=$(sqlite3 "$BANGFU_DB" "SELECT substr(hash, 1, 16) FROM audit_chain ORDER BY id DESC LIMIT 1")
		text=$(pdftotext "$T/$f.pdf" - 2>/dev/null)
		expect_contains "$text" "审计 $now · $rows 条" "the $f's footer carries the head and row count"
	done
	paper=$(pdftotext "$T/form.pdf" - | sed -n 's/.*审计 \([0-9a-f]\{16\}\) .*/\1/p' | head -1)
	out=$(bf_as admin demo-admin audit verify --known "$paper" 2>&1); rc=$?
	expect_rc 0 $rc "the head read from the paper form is in the log"
	cp "$BANGFU_DB" "$T/clean.db"
fi

attack() { sqlite3 -cmd ".dbconfig enable_trigger off" "$BANGFU_DB" "$1" >/dev/null; }
verify() { bf_as admin demo-admin audit verify 2>&1; }

# ---- behind the triggers -------------------------------------------------------------
card=$(sqlite3 "$BANGFU_DB" "SELECT id FROM case_file ORDER BY id LIMIT 1")
rev=$(sqlite3 "$BANGFU_DB" "SELECT id FROM review ORDER BY id LIMIT 1")
attack "UPDATE case_file SET bank_card = '6222020000000000001' WHERE id = $card;
        UPDATE review SET amount = amount * 10 WHERE id = $rev;"
out=$(verify); rc=$?
expect_rc 1 $rc "audit verify fails"
expect_contains "$out" "Table case_file, row $card: bank_card differs" "the bank card is named"
expect_contains "$out" "Table review, row $rev: amount differs" "the amount is named"
cp "$T/clean.db" "$BANGFU_DB"
attack "DELETE FROM review WHERE id = $rev;"
expect_contains "$(verify)" "Table review, row $rev: the log has it, the table does not" "a deleted row is named"
cp "$T/clean.db" "$BANGFU_DB"
attack "INSERT INTO case_cause (case_id, rank, cause) SELECT id, 3, 'other' FROM case_file
        WHERE id NOT IN (SELECT case_id FROM case_cause WHERE rank = 3) LIMIT 1;"
expect_contains "$(verify)" "the table has it, the log does not" "an added row is named"

# ---- the truncation: the log's tail cut off, chain and all ------------------------------
cp "$T/clean.db" "$BANGFU_DB"
n=$(sqlite3 "$BANGFU_DB" "SELECT max(id) - 40 FROM audit_log")
attack "DELETE FROM audit_log WHERE id > $n; DELETE FROM audit_chain WHERE id > $n;"
out=$(verify); rc=$?
expect_rc 1 $rc "a truncated log fails"
expect_contains "$out" "behind the audit log" "the rows the cut-off rows wrote are named"
out=$(bf_as admin demo-admin audit verify --known "$head" 2>&1)
expect_contains "$out" "is not in the log" "and the head from paper is gone"
finish
