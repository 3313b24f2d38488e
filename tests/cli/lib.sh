# lib.sh — helpers for the shell tests that drive the real binary.
# Sourced by tests/cli/*.sh; BANGFU and top_srcdir come from make check.
set -u
: "${BANGFU:?BANGFU must point to the bangfu binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XDG_DATA_HOME="$T/xdg" HOME="$T/home" BANGFU_USER=tester
unset BANGFU_DB BANGFU_LANG
mkdir -p "$HOME"
fails=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect_contains TEXT NEEDLE DESCRIPTION
expect_contains() {
	case "$1" in *"$2"*) ok "$3" ;; *) fail "$3: expected \"$2\" in: $1" ;; esac
}
expect_rc() { # expect_rc WANT GOT DESCRIPTION
	if [ "$1" = "$2" ]; then ok "$3"; else fail "$3: exit code $2, wanted $1"; fi
}
finish() {
	if [ "$fails" -eq 0 ]; then echo "all passed"; exit 0; fi
	echo "$fails failed"; exit 1
}
bf() { "$BANGFU" --lang en "$@"; }
