#!/bin/sh
# district.sh — a district's database by keyboard in the real binary under
# tmux at 80x24: after the login the home screen is the consolidation list
# (not the case list), the menu holds the district's entries, the import
# refuses a file that is not a package (and one that is not there) saying
# why, a unit's key file is registered after its fingerprint is shown, and
# the district writes its own key file. The district's administrator does
# the district's work too: the import and the units are in the menu.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

export BANGFU_TODAY=2026-11-28
DB="$T/district.db"
"$BANGFU" --db "$DB" --password-fd 3 init --unit 东城区总工会 --code D01 --district-mode 3<"$PWFILE" >/dev/null 2>&1 ||
	{ echo "bangfu init --district-mode failed"; exit 1; }
printf 'tester-password\nliu-password\nliu-password\n' > "$T/liu.passwords"
"$BANGFU" --db "$DB" --password-fd 3 user add liu --role district 3<"$T/liu.passwords" \
	>/dev/null 2>&1 || { echo "bangfu user add failed"; exit 1; }
# a unit's database, for its key file
"$BANGFU" --db "$T/unit.db" demo >/dev/null 2>&1 || { echo "bangfu demo failed"; exit 1; }
printf 'demo-admin\n' > "$T/demo-admin.password"
BANGFU_USER=admin "$BANGFU" --db "$T/unit.db" --password-fd 3 key export "$HOME/unit.bfkey" \
	3<"$T/demo-admin.password" >/dev/null 2>&1 ||
	{ echo "bangfu key export failed"; exit 1; }
printf 'not a package\n' > "$HOME/notes.txt"

start_app --db "$DB" --lang en
log_in liu liu-password
expect_screen "Consolidation" "the district's home is the consolidation list"
expect_screen "0 files from the units" "no file yet"
case "$(screen_text)" in *"Case files"*) fail "the case list is not the district's home" ;; esac

key m
expect_screen "Import a package" "the menu offers the import"
expect_screen "Summary" "and the summary"
case "$(screen_text)" in *Campaigns*) fail "a district has no campaigns of its own" ;; esac
key Escape

# ---- the import refuses, saying why ----------------------------------------------------
key i
expect_screen "File:" "i asks for the package file"
type_text '~/notes.txt'
key Enter
expect_screen "not a bangfu package" "a text file is refused as not a package"
expect_screen "Nothing was imported" "and nothing is imported"
key Enter
key i
type_text '~/none.bfpkg'
key Enter
expect_screen "none.bfpkg" "a file that is not there is named"
key Enter

# ---- the units: a unit's key, our key ---------------------------------------------------
key m
wait_for "Units" && key 3
expect_screen "Our key:" "the units screen shows our fingerprint"
key k
expect_screen "File:" "k asks for the unit's key file"
type_text '~/unit.bfkey'
key Enter
expect_screen "Fingerprint:" "the unit's fingerprint is shown before registering"
key y
expect_screen "Registered the key of" "the key is registered"
key e
expect_screen "D01.bfkey" "e offers the district's key file under ~"
key Enter
expect_screen "Wrote" "our key file is written"
[ -s "$HOME/D01.bfkey" ] && ok "D01.bfkey is there" || fail "no D01.bfkey"
key C-q
wait_for "Quit bangfu?" && key y
wait_for "EXITED rc=0" || fail "bangfu did not leave cleanly"

# ---- the administrator does the district's work -------------------------------------------
start_app_again --db "$DB" --lang en
log_in tester tester-password
expect_screen "0 files from the units" "the administrator's home is the consolidation list too"
key m
expect_screen "Users" "the administrator keeps the accounts"
expect_screen "Import a package" "and may import"
expect_screen " Units" "and has the units screen"
key Escape
key C-q
wait_for "Quit bangfu?" && key y
finish
