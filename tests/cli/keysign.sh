#!/bin/sh
# bangfu key sign / verify: the district signs an offline bundle's
# SHA256SUMS with its database's key; a unit that registered the district's
# key verifies it; a changed list, a changed signature, another district's
# signature and an unregistered signer are each refused, naming the check.
. "${top_srcdir:-.}/tests/cli/lib.sh"
export BANGFU_TODAY=2026-12-01
D="$T/district.db" D2="$T/other.db" U="$T/unit.db"
"$BANGFU" --lang en demo --district --db "$D" </dev/null >/dev/null 2>&1 || fail "district demo"
"$BANGFU" --lang en demo --district --db "$D2" </dev/null >/dev/null 2>&1 || fail "second district demo"
"$BANGFU" --lang en demo --db "$U" </dev/null >/dev/null 2>&1 || fail "unit demo"
dist() { bf_as district demo-district --db "$D" "$@"; }
mkdir "$T/stick"
printf 'aaaa  debs/bangfu_1_amd64.deb\n' >"$T/stick/SHA256SUMS"

out=$(dist key sign "$T/stick/SHA256SUMS" 2>&1)
expect_rc 0 $? "the district signs: $out"
expect_contains "$out" "SHA256SUMS.sig" "names the signature file"
expect_contains "$(head -1 "$T/stick/SHA256SUMS.sig")" "BANGFU-SIGNATURE 1" "a signature file"
out=$(bf_as clerk demo-clerk --db "$U" key sign "$T/stick/SHA256SUMS" --out "$T/clerk.sig" 2>&1)
expect_rc 1 $? "a clerk may not sign"
[ -f "$T/clerk.sig" ] && fail "the clerk's signature was written" || ok "nothing written"

dist key export "$T/district.bfkey" >/dev/null 2>&1 || fail "export the district's key"
bf_as district demo-district --db "$D2" key export "$T/other.bfkey" >/dev/null 2>&1 || fail "other key"
# the unit before registering the district's key
out=$(bf_as admin demo-admin --db "$U" key verify "$T/stick/SHA256SUMS" 2>&1)
expect_rc 1 $? "an unregistered signer is refused"
expect_contains "$out" "not registered" "says the key is not registered"
bf_as admin demo-admin --db "$U" key import "$T/district.bfkey" >/dev/null 2>&1 || fail "import"
out=$(bf_as admin demo-admin --db "$U" key verify "$T/stick/SHA256SUMS" 2>&1)
expect_rc 0 $? "the unit verifies its district's stick: $out"
expect_contains "$out" "verified, signed by" "says verified and by whom"
out=$("$BANGFU" --lang en key verify "$T/stick/SHA256SUMS" --key "$T/district.bfkey" 2>&1)
expect_rc 0 $? "verified with the key file, without a database: $out"
out=$("$BANGFU" --lang en key verify "$T/stick/SHA256SUMS" --key "$T/other.bfkey" 2>&1)
expect_rc 1 $? "another district's key does not verify it"
expect_contains "$out" "NOT VERIFIED: signed with the key" "names the key mismatch"

# the list changed after signing
cp "$T/stick/SHA256SUMS" "$T/sums.orig"
printf 'bbbb  debs/evil.deb\n' >>"$T/stick/SHA256SUMS"
out=$("$BANGFU" --lang en key verify "$T/stick/SHA256SUMS" --key "$T/district.bfkey" 2>&1)
expect_rc 1 $? "a changed list is refused"
expect_contains "$out" "was changed after it was signed" "says it was changed"
cp "$T/sums.orig" "$T/stick/SHA256SUMS"
# the signature file changed (the signer's name)
cp "$T/stick/SHA256SUMS.sig" "$T/sig.orig"
sed 's/^signer-name: .*/signer-name: 另一个区总工会/' "$T/sig.orig" >"$T/stick/SHA256SUMS.sig"
out=$("$BANGFU" --lang en key verify "$T/stick/SHA256SUMS" --key "$T/district.bfkey" 2>&1)
expect_rc 1 $? "an altered signature file is refused"
expect_contains "$out" "does not verify" "says the signature does not verify"
# signed by another district, with its own key named inside
bf_as district demo-district --db "$D2" key sign "$T/stick/SHA256SUMS" >/dev/null 2>&1 || fail "other signs"
out=$(bf_as admin demo-admin --db "$U" key verify "$T/stick/SHA256SUMS" 2>&1)
expect_rc 1 $? "a stick signed by another district is refused"
expect_contains "$out" "NOT VERIFIED" "says NOT VERIFIED"
: >"$T/stick/SHA256SUMS.sig"
out=$("$BANGFU" --lang en key verify "$T/stick/SHA256SUMS" --key "$T/district.bfkey" 2>&1)
expect_rc 1 $? "an empty signature file is refused"
expect_contains "$out" "cut short" "says it is cut short"
out=$("$BANGFU" --lang en key sign 2>&1)
expect_rc 1 $? "sign without a login: refused before anything"
out=$(dist key sign 2>&1)
expect_rc 2 $? "sign without a file: usage"
finish
