#!/bin/sh
# The README's ways of setting up from the source, tried as written in fresh
# minbase Debian 12 roots (run by .ci/run, not by make check; as root, with a
# network). The offline bundle (way 2) is offline-install.sh's.
#
#   1. mmdebstrap makes a minbase Debian 12 root from the Debian mirror this
#      machine's apt uses (tests/deb/lib.sh, as offline-install.sh does); a
#      copy of it is the second fresh root, so neither way sees what the other
#      installed; the committed tree (git archive HEAD, as a user gets a
#      checkout or a tarball) goes to /root/bangfu in each;
#   2. way 3, "Building by hand": the README's code block under that heading
#      is run as written, line by line (apt-get update, apt-get install of the
#      listed packages, autoreconf … make check, make install); then
#      bangfu --version, bangfu init and bangfu demo on a second file;
#   3. way 1, "With a network, from the source": the README's two commands,
#      taken from its code block by what their comments say they do. The one
#      that opens the app runs in a tmux pane (80x24) whose shell is in the
#      root; the screen is polled until the first start's screen appears, Esc
#      leaves it, and the terminal must be back as it was (no alternate
#      screen, echo and canonical mode on, the cursor shown). Then the one that
#      runs the test suite: it must install only the test packages the first
#      left out, configure the build again with the test switches (the
#      program the first run built has none), and pass the whole suite.
#
# apt-get asks before it installs: an apt.conf.d file in each root answers yes
# (APT::Get::Assume-Yes), as the user would; no other setting is changed.
#
#   sh tests/deb/fresh-root.sh [WORKDIR]     (default: a new temporary folder)
#   KEEP=1 keeps WORKDIR (the roots, the logs); it is removed otherwise.
#   WAYS="3" or WAYS="1" tries one way only (default: "3 1").
#   CK_TIMEOUT_MULTIPLIER=N is passed on to the test suites (a loaded machine).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/deb/lib.sh"
W=${1:-$(mktemp -d "${TMPDIR:-/tmp}/bangfu-fresh.XXXXXX")}
mkdir -p "$W"
W=$(cd "$W" && pwd)
WAYS=${WAYS:-3 1}
SOCK="bangfu-fresh-$$"
fails=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
t0=$(date +%s)
t_step=$t0
timings=""
step_name=""
# step NAME: the time since the start, and the last step's time into the summary
step() {
	now=$(date +%s)
	[ -z "$step_name" ] || timings="$timings$(printf '%6d s  %s' $((now - t_step)) "$step_name")
"
	t_step=$now
	step_name=$1
	[ -z "$1" ] || echo "== [$((now - t0)) s] $1"
}
cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null || true
	for r in "$W/root1" "$W/root3"; do deb_umount "$r"; done
	[ -n "${KEEP:-}" ] || deb_rmtree "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
[ "$(id -u)" -eq 0 ] || { echo "fresh-root: run as root" >&2; exit 1; }
command -v tmux >/dev/null || { echo "fresh-root: needs tmux on this machine" >&2; exit 1; }

# in root $1, as root logged in with a clean environment (no LANG: a minbase
# root sets none); Check's CK_TIMEOUT_MULTIPLIER is passed on when it is set
inroot() {
	_r=$1
	shift
	chroot "$_r" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root TERM=xterm BANGFU_TEST_PWHASH_MIN=1 \
		${CK_TIMEOUT_MULTIPLIER:+CK_TIMEOUT_MULTIPLIER=$CK_TIMEOUT_MULTIPLIER} "$@"
}
# readme_block HEADING: the first ```sh block after the line starting HEADING,
# in the committed README.md (the one that goes with the tree tried)
git -C "$top" show HEAD:README.md >"$W/README.md"
readme_block() {
	awk -v h="$1" 'f == 0 && index($0, h) == 1 { f = 1; next }
		f == 1 && /^```sh$/ { f = 2; next }
		f == 2 && /^```$/ { exit }
		f == 2 { print }' "$W/README.md"
}
# suite WHAT LOG COMMAND...: COMMAND in root $R, its output in LOG, ends
# with make check's summary; on failure the log's end and test-suite.log's
suite() {
	_what=$1
	_log=$2
	shift 2
	if "$@" >"$_log" 2>&1 </dev/null; then
		ok "$_what"
		grep -E '^# (TOTAL|PASS|SKIP|XFAIL|FAIL|XPASS|ERROR):' "$_log" | tail -7 || true
	else
		tail -60 "$_log"
		tail -80 "$R/root/bangfu/build/test-suite.log" 2>/dev/null || true
		fail "not so: $_what (the log: $_log)"
	fi
}
version=$(sed -n 's/^AC_INIT(\[bangfu\], \[\([^]]*\)\].*/\1/p' "$top/configure.ac")

# the commands, before anything slow: a README that lost them fails at once
way3=$(readme_block "## Building by hand")
[ -n "$way3" ] || { echo "fresh-root: README.md has no \`\`\`sh block under \"## Building by hand\"" >&2; exit 1; }
way1=$(readme_block "**1. With a network, from the source**")
run_cmd=$(echo "$way1" | awk -F '#' '$2 ~ /opens the app/ { print $1 }' | sed 's/[[:space:]]*$//')
test_cmd=$(echo "$way1" | awk -F '#' '$2 ~ /test suite/ { print $1 }' | sed 's/[[:space:]]*$//')
if [ -z "$run_cmd" ] || [ -z "$test_cmd" ]; then
	echo "fresh-root: README.md's way 1 block lacks a command that \"opens the app\" or runs the \"test suite\":" >&2
	echo "$way1" >&2
	exit 1
fi
echo "tried: $(git -C "$top" rev-parse --short=12 HEAD)"
[ -z "$(git -C "$top" status --porcelain --untracked-files=no)" ] ||
	echo "note: uncommitted changes are not tried, only the commit"
echo "way 3, as README.md writes it:"
echo "$way3" | sed 's/^/    /'
echo "way 1: \"$run_cmd\", then \"$test_cmd\""

step "a minbase Debian 12 root (mmdebstrap)"
if ! deb_mkroot "$W/root3" "$W/mmdebstrap.log"; then
	cat "$W/mmdebstrap.log"
	echo "fresh-root: mmdebstrap failed" >&2
	exit 1
fi
# refuse a root that already has what the build needs: the test would prove nothing
for p in gcc make autoconf libsqlite3-dev; do
	if inroot "$W/root3" dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		fail "the fresh root already has $p"
	fi
done
printf 'APT::Get::Assume-Yes "true";\n' >"$W/root3/etc/apt/apt.conf.d/90fresh-root-yes"
mkdir -p "$W/root3/root/bangfu"
git -C "$top" archive --format=tar HEAD | tar -x -C "$W/root3/root/bangfu"
printf '%s\n' "$way3" >"$W/root3/root/way3.sh"
case " $WAYS " in *" 1 "*)
	step "the second fresh root (a copy of the first)"
	cp -a "$W/root3" "$W/root1"
	;;
esac

case " $WAYS " in *" 3 "*)
	R="$W/root3"
	deb_mount "$R"
	step "way 3: README's \"Building by hand\", as written"
	suite "way 3's commands ran: make check passed, make install" "$W/way3.log" \
		inroot "$R" sh -exc 'cd /root/bangfu && . /root/way3.sh'
	step "way 3: the installed bangfu"
	out=$(inroot "$R" bangfu --version 2>&1) || true
	case "$out" in "bangfu $version (commit "*) ok "--version: $out" ;; *) fail "--version: $out" ;; esac
	printf 'branch-admin-pw\nbranch-admin-pw\n' >"$R/root/pw"
	out=$(inroot "$R" sh -c 'bangfu --lang en --user admin --password-fd 3 init --unit 某某公司 --code U001 \
		--union 某某公司工会 --district 某某区总工会 3</root/pw </dev/null' 2>&1) && ok "bangfu init" ||
		fail "init: $out"
	[ -f "$R/root/.local/share/bangfu/bangfu.db" ] && ok "the default database made" || fail "no default database"
	out=$(inroot "$R" sh -c 'bangfu --lang en --user admin --password-fd 3 check 3</root/pw' 2>&1) &&
		ok "check: $out" || fail "check: $out"
	out=$(inroot "$R" bangfu --lang en demo --db /root/demo.db </dev/null 2>&1) && ok "bangfu demo" ||
		fail "demo: $out"
	printf 'demo-admin\n' >"$R/root/demo-pw"
	out=$(inroot "$R" sh -c 'bangfu --lang en --db /root/demo.db --user admin --password-fd 3 case list 3</root/demo-pw' 2>&1 || true)
	case "$out" in *2026-00*) ok "the demo's files listed" ;; *) fail "demo list: $out" ;; esac
	out=$(inroot "$R" env LANG=C.UTF-8 LANGUAGE=zh_CN bangfu --help 2>&1 || true)
	case "$out" in *用法* | *命令*) ok "the installed zh_CN catalogue is used" ;;
	*) fail "no Chinese: $(echo "$out" | head -3)" ;; esac
	[ -f "$R/usr/local/share/man/man1/bangfu.1" ] && ok "the man page installed" || fail "no man page"
	deb_umount "$R"
	;;
esac

case " $WAYS " in *" 1 "*)
	R="$W/root1"
	deb_mount "$R"
	tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
	screen() { tm capture-pane -p -J -t 0 2>/dev/null; }
	# wait_for SECONDS TEXT...: until one of TEXT is on screen (it is printed) or the pane's
	# shell printed its EXITED line
	wait_for() {
		_end=$(($(date +%s) + $1))
		shift
		while [ "$(date +%s)" -lt "$_end" ]; do
			_s=$(screen)
			for _t in "$@"; do
				case "$_s" in *"$_t"*) echo "$_t"; return 0 ;; esac
			done
			case "$_s" in *"EXITED rc="*) return 1 ;; esac
			sleep 1
		done
		return 1
	}
	cat >"$R/root/way1-run.sh" <<EOF
cd /root/bangfu
$run_cmd
rc=\$?
printf '\\nEXITED rc=%s\\n' "\$rc"
stty -a | tr ' ;' '\\n\\n' | grep -x -e '-*icanon' -e '-*echo' | tr '\\n' ' '
printf '\\nSTTY DONE\\n'
exec sleep 3600
EOF
	step "way 1: \"$run_cmd\" in a tmux pane, up to the first start's screen"
	# the pane's shell in the root, as a root login there: TERM is tmux's
	tm new-session -d -x 80 -y 24 "chroot '$R' env -i \
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=\"\$TERM\" \
sh /root/way1-run.sh"
	# what the pane shows, kept beside (the app must own the terminal: no tee)
	tm pipe-pane -t 0 "cat >>'$W/way1-run.log'"
	# the first start's title, or the login's question (the intro's words
	# wrap where the screen's width says)
	seen=$(wait_for 3000 "管理员账号" "谁在操作") || seen=""
	case "$seen" in
	"管理员账号")
		ok "the app opened at the first start's screen (the administrator's account, in Chinese)"
		screen | sed 's/^/    | /'
		;;
	"谁在操作") fail "the app opened at a login screen: the root was not fresh" ;;
	*)
		screen
		tail -40 "$W/way1-run.log" 2>/dev/null || true
		fail "\"$run_cmd\" did not open the app"
		;;
	esac
	step "way 1: leaving the app"
	if [ -n "$seen" ]; then
		tm send-keys -t 0 Escape
		i=0
		while [ $i -lt 30 ] && ! screen | grep -q 'STTY DONE'; do
			sleep 1
			i=$((i + 1))
		done
		out=$(screen)
		case "$out" in
		*"EXITED rc=0"*) ok "Esc left the app, exit status 0" ;;
		*) fail "Esc did not leave the app cleanly: $(echo "$out" | grep EXITED)" ;;
		esac
		stty_line=$(echo "$out" | grep -B1 'STTY DONE' | head -1)
		case " $stty_line " in
		*" -icanon "* | *" -echo "*) fail "the terminal was not restored: $stty_line" ;;
		*" icanon "*) case " $stty_line " in
			*" echo "*) ok "the terminal is back in canonical mode with echo ($stty_line)" ;;
			*) fail "no echo: $stty_line" ;;
			esac ;;
		*) fail "the terminal was not restored: $stty_line" ;;
		esac
		[ "$(tm display-message -p -t 0 '#{alternate_on}')" = 0 ] && ok "the alternate screen was left" ||
			fail "still in the alternate screen"
		[ "$(tm display-message -p -t 0 '#{cursor_flag}')" = 1 ] && ok "the cursor is shown" ||
			fail "the cursor is hidden"
	fi
	tm kill-server 2>/dev/null || true
	grep -a 'setup: installing' "$W/way1-run.log" | tr -d '\r' || true

	step "way 1: \"$test_cmd\""
	suite "\"$test_cmd\" passed the whole suite" "$W/way1-test.log" \
		inroot "$R" sh -c "cd /root/bangfu && $test_cmd"
	installing=$(grep '^setup: installing' "$W/way1-test.log" || true)
	echo "${installing:-nothing installed by the second run}"
	test_pkgs=$(sed -n 's/^TEST_PKGS="\(.*\)"$/\1/p' "$R/root/bangfu/setup.sh")
	if [ -n "$test_pkgs" ] && [ "$installing" = "setup: installing $test_pkgs" ]; then
		ok "the second run installed only the test packages ($test_pkgs)"
	else
		fail "the second run should install the test packages only ($test_pkgs): \"$installing\""
	fi
	# The suite needs the test switches, which the program a user runs must
	# not have (issue 13): the second run configures the build again, once,
	# with --enable-test-hooks (setup.sh); the first run's without them.
	if grep -q '^  \$ \.\./configure .*--enable-test-hooks' "$R/root/bangfu/build/config.log"; then
		ok "the second run configured the build with the test switches"
	else
		fail "the second run's build is not configured with --enable-test-hooks"
	fi
	deb_umount "$R"
	;;
esac

step ""
echo "== timings"
printf '%s' "$timings"
printf '%6d s  in all\n' $(($(date +%s) - t0))
if [ "$fails" -eq 0 ]; then
	echo "fresh-root: all passed"
	exit 0
fi
echo "fresh-root: $fails failed"
exit 1
