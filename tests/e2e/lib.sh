# lib.sh — drive the real bangfu in a private tmux server and read its screen.
# Sourced by tests/e2e/*.sh. Needs tmux; skips (exit 77) without it.
set -u
: "${BANGFU:?BANGFU must point to the bangfu binary}"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed: skipped"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-e2e.XXXXXX")
SOCK="bangfu-e2e-$$"
export XDG_DATA_HOME="$T/xdg" HOME="$T/home" BANGFU_USER=tester
# Accounts: cheap password hashing (tests only); tester's password for the
# CLI on file descriptor 3 (bf_init), and typed in at the login screen.
export BANGFU_TEST_PWHASH_MIN=1
PWFILE="$T/tester.password"
unset BANGFU_DB BANGFU_LANG
mkdir -p "$HOME"
printf 'tester-password\n' > "$PWFILE"
cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
fails=0
ok() { echo "ok: $*"; }
fail() {
	echo "FAIL: $*"
	echo "---- screen ----"
	screen_text
	echo "----------------"
	fails=$((fails + 1))
}
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
# start_app ARGS... — bangfu at 80x24 in C.UTF-8 (Chinese UI unless --lang en)
start_app() {
	tm kill-server 2>/dev/null
	tm new-session -d -x 80 -y 24 -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 \
		-e XDG_DATA_HOME="$XDG_DATA_HOME" -e HOME="$HOME" -e BANGFU_USER=tester \
		-e BANGFU_TODAY="${BANGFU_TODAY:-2026-11-28}" -e BANGFU_TEST_PWHASH_MIN=1 \
		-e BANGFU_LOCALEDIR="${BANGFU_LOCALEDIR:-}" \
		"$BANGFU $*; rc=\$?; stty sane 2>/dev/null; printf '\\r\\nEXITED rc=%s\\r\\n' \$rc; sleep 30"
}
# (the marker on a line of its own, the terminal reset first: a killed bangfu
# leaves it without CR on newline, and the shell's "Killed" line naming a long
# path runs past 80 columns; issue 18 item 13)
# stop_app — stop the app's tmux server and wait until it is gone: a new
# session started while the old server is still exiting can reach it and
# vanish with it.
stop_app() {
	tm kill-server 2>/dev/null
	_i=0
	while tm list-sessions >/dev/null 2>&1 && [ $_i -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	sleep 0.2
}
# start_app_again ARGS... — a second start, after the first is gone
start_app_again() {
	stop_app
	start_app "$@"
}
screen_text() { tm capture-pane -p -t 0 2>/dev/null; }
type_text() { tm send-keys -t 0 -l "$1"; }
key() { tm send-keys -t 0 "$@"; }
# wait_for TEXT [SECONDS] — poll the screen until TEXT shows
wait_for() {
	_limit=$(( ${2:-5} * 20 ))
	_i=0
	while [ $_i -lt $_limit ]; do
		case "$(screen_text)" in *"$1"*) return 0 ;; esac
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}
expect_screen() { # expect_screen TEXT DESCRIPTION [SECONDS]
	if wait_for "$1" "${3:-5}"; then ok "$2"; else fail "$2: \"$1\" not on screen"; fi
}
app_pid() { tm list-panes -t 0 -F '#{pane_pid}' 2>/dev/null | head -1; }
finish() {
	if [ "$fails" -eq 0 ]; then echo "all passed"; exit 0; fi
	echo "$fails failed"; exit 1
}
# bf_init ARGS... — bangfu init with tester as the administrator
bf_init() { "$BANGFU" --password-fd 3 init "$@" 3<"$PWFILE"; }
# log_in NAME PASSWORD — at the login screen every session starts with
log_in() {
	wait_for "F1" || fail "no login screen"
	type_text "$1"
	key Tab
	type_text "$2"
	key Enter
}
# first_admin NAME PASSWORD — the administrator's account at the first start,
# then the recovery code's dialog closed
first_admin() {
	wait_for "F1" || fail "no first-start screen"
	type_text "$1"
	key Tab Tab
	type_text "$2"
	key Tab
	type_text "$2"
	key Enter
	# the recovery code is shown once, for the chair to write down (issue 12)
	wait_for "Recovery code" || wait_for "恢复码" || fail "no recovery code after the first start"
	key Enter
}
