#!/bin/sh
# The purge of a file with ledger rows (issue 13, item 8), through the real
# binary: a file paid by a campaign and a consolation, then closed, is
# purged past the retention; the payments, the consolation and the campaign
# row stay with date, amount, campaign and group but no personal value
# (neither in the database file nor its WAL), the lists show "(purged)",
# the ledger's totals are unchanged, and check and audit verify pass.
. "${top_srcdir:-.}/tests/cli/lib.sh"
need_sqlite3
U="$T/paid.db"
export BANGFU_TODAY=2026-12-01
"$BANGFU" --lang en demo --db "$U" --cases 96 >/dev/null 2>&1 || fail "demo --cases 96"
q() { sqlite3 "$U" "$1"; }
absent() { # absent TEXT FILE... — TEXT is in none of the files
	_t=$1
	shift
	for _f in "$@"; do [ -f "$_f" ] && grep -qaF "$_t" "$_f" && return 1; done
	return 0
}

# ---- an aided file on a campaign's list, paid, with a paid consolation, then closed ---------
adm --db "$U" campaign create --name 送温暖 --year 2026 --from 2026-11-01 --to 2026-12-31 \
	--standard-groups >/dev/null 2>&1 || fail "campaign create"
adm --db "$U" campaign draw 1 >/dev/null 2>&1 || fail "campaign draw"
N=$(q "SELECT f.number FROM campaign_recipient r JOIN case_file f ON f.id = r.case_id
	WHERE f.status = 'aided' AND r.included = 1 ORDER BY f.number LIMIT 1")
[ -n "$N" ] && ok "aided file $N is on the list" || fail "no aided file on the list"
name=$(q "SELECT name FROM case_file WHERE number = '$N'")
out=$(adm --db "$U" campaign pay 1 --case "$N" --signer "$name" --phone 13900000001 \
	--date 2026-12-01 2>&1); rc=$?
expect_rc 0 $rc "the campaign pays $N: $out"
out=$(adm --db "$U" consolation record --case "$N" --event hospital --date 2026-11-20 2>&1)
id=$(printf '%s\n' "$out" | sed -n 's/^Consolation \([0-9]*\):.*/\1/p')
out=$(adm --db "$U" consolation pay "$id" --signer "$name" --phone 13900000002 \
	--date 2026-12-01 2>&1); rc=$?
expect_rc 0 $rc "the consolation is paid: $out"
out=$(adm --db "$U" case close "$N" --reason retired 2>&1); rc=$?
expect_rc 0 $rc "the file is closed: $out"
cid=$(q "SELECT id FROM case_file WHERE number = '$N'")
# its personal values as stored: the name in clear, the sealed ID, bank card and phones
secrets=$(q "SELECT id_number FROM case_file WHERE id = $cid UNION ALL SELECT bank_card FROM
	case_file WHERE id = $cid UNION ALL SELECT id_number FROM campaign_recipient WHERE
	case_id = $cid UNION ALL SELECT phone FROM payment WHERE case_id = $cid")
expect_rc 5 "$(printf '%s\n' "$secrets" | grep -c '^bf1:')" "five sealed values of the file"
sqlite3 "$U" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
absent "$name" "$U" && fail "the name is not in the file before" || ok "the name is in the file before"

totals() { adm --db "$U" campaign ledger 2>&1 | sed -n '/^By unit/,$p'; }
sums="SELECT count(*), sum(cash), sum(goods), group_concat(paid_on || '/' || grp || '/' ||
	coalesce(campaign_id, '-')) FROM payment WHERE case_id = $cid"
before=$(totals)
sums_before=$(q "$sums")
cons_before=$(q "SELECT event, date, year, cash, goods, status FROM consolation WHERE case_id = $cid")
recip_before=$(q "SELECT campaign_id, group_id, case_number, household_size, standard, cash,
	goods, included, paid_status FROM campaign_recipient WHERE case_id = $cid")
expect_contains "$before" "Hardship employees" "the ledger totals by group"

# ---- the purge -------------------------------------------------------------------------------
out=$(BANGFU_TODAY=2037-06-01 adm --db "$U" purge 2>&1); rc=$?
expect_rc 0 $rc "the purge runs: $out"
expect_contains "$out" "Purged " "the files are purged"
expect_contains "$(q "SELECT number FROM purged_case")" "$N" "the paid file among them"
expect_rc 0 "$(q "SELECT count(*) FROM member WHERE case_id = $cid")" "its members are gone"
expect_rc "closed|(purged)|||" "$(q "SELECT status, name, id_number, id_bidx, bank_card
	FROM case_file WHERE id = $cid")" "the file stays as a tombstone without personal values"
expect_rc "(purged)|(purged)|(purged)" "$(q "SELECT DISTINCT payee, signer, phone FROM payment
	WHERE case_id = $cid")" "the payments lose payee, signer and phone"
expect_rc "(purged)|||" "$(q "SELECT name, id_number, id_bidx, id_mask FROM campaign_recipient
	WHERE case_id = $cid")" "the campaign row loses name and ID"
expect_rc "$sums_before" "$(q "$sums")" "the payments keep date, amount, group and campaign"
expect_rc "$cons_before" "$(q "SELECT event, date, year, cash, goods, status FROM consolation
	WHERE case_id = $cid")" "the consolation keeps its date and amount"
expect_rc "$recip_before" "$(q "SELECT campaign_id, group_id, case_number, household_size,
	standard, cash, goods, included, paid_status FROM campaign_recipient WHERE case_id = $cid")" \
	"the campaign row keeps campaign, group and amount"
after=$(BANGFU_TODAY=2037-06-01 totals)
[ "$before" = "$after" ] && ok "the ledger's totals are unchanged" ||
	fail "the ledger's totals changed: $before // $after"
for s in "$name" $secrets; do
	if absent "$s" "$U" "$U-wal"; then ok "$(printf %.12s "$s")… is in neither file nor WAL"
	else fail "$s is still in $U or its WAL"; fi
done
expect_rc 0 "$(q "SELECT count(*) FROM audit_log WHERE case_id = $cid
	AND detail <> '{\"purged\":true}'")" "its audit rows, the purge's own included, are blanked"

# ---- the lists cope ------------------------------------------------------------------------
export BANGFU_TODAY=2037-06-01
out=$(adm --db "$U" campaign ledger 2>&1); rc=$?
expect_rc 0 $rc "the ledger lists"
expect_contains "$out" "$N  (purged)" "the ledger shows (purged) for the payee"
out=$(adm --db "$U" consolation list 2>&1); rc=$?
expect_contains "$out" "$N  (purged)" "the consolation list too"
out=$(adm --db "$U" campaign people 1 --search "$N" 2>&1)
expect_contains "$out" "$N  (purged)" "and the campaign's list"
out=$(adm --db "$U" case list 2>&1)
expect_contains "$out" "$N  (purged)" "the case list shows the tombstone as (purged)"
out=$(BANGFU_LOCALEDIR="$PWD/tests/locale" "$BANGFU" --lang zh --password-fd 3 --db "$U" \
	--user admin consolation list 3<"$T/as.password" 2>&1)
expect_contains "$out" "$N  已清除" "in Chinese: 已清除 (fits the name column)"
out=$(adm --db "$U" check 2>&1); rc=$?
expect_rc 0 $rc "check passes: $out"
out=$(adm --db "$U" audit verify 2>&1); rc=$?
expect_rc 0 $rc "the chain verifies after the purge: $out"
out=$(adm --db "$U" case show "$N" 2>&1); rc=$?
expect_rc 1 $rc "the tombstone does not open as a file"
expect_contains "$out" "this file was purged" "saying why"
out=$(adm --db "$U" consolation record --case "$N" --event birthday 2>&1); rc=$?
expect_rc 1 $rc "nor takes a new consolation"
out=$(BANGFU_TODAY=2040-06-01 adm --db "$U" purge 2>&1); rc=$?
expect_rc 0 $rc "a later purge runs: $out"
expect_contains "$out" "No closed file is older than the retention period" \
	"the tombstone is not purged again"
# the ledger stays append-only outside the purge
sqlite3 "$U" "UPDATE payment SET payee = '(purged)', signer = '(purged)', phone = '(purged)'" \
	2>/dev/null && fail "payments changed outside the purge" ||
	ok "payments cannot be blanked outside the purge"
finish
