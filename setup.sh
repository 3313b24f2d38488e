#!/bin/sh
# bangfu set-up on Debian 12, as root (or with sudo available):
#   sh setup.sh run    install what is missing, build, open the app
#   sh setup.sh test   install what is missing, build, run the test suite
# A second run skips what is already done.
set -eu
verb=${1:-run}
shift 2>/dev/null || true
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

PKGS="autoconf automake autopoint gettext pkg-config make gcc \
libncurses-dev libsqlite3-dev check libsodium-dev libpango1.0-dev libcairo2-dev \
libxlsxwriter-dev libjansson-dev libcrack2-dev cracklib-runtime fonts-noto-cjk"
TEST_PKGS="tmux poppler-utils sqlite3 unzip procps"

need=""
case "$verb" in
run) want="$PKGS" ;;
test) want="$PKGS $TEST_PKGS" ;;
*) echo "usage: sh setup.sh run|test" >&2; exit 2 ;;
esac
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need="$need $p"
done
if [ -n "$need" ]; then
	echo "setup: installing$need"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need
fi

[ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi
mkdir -p build
cd build
# The tests need the test switches (BANGFU_TODAY, ...: --enable-test-hooks);
# the program a user runs must not have them, so `run` builds without.
case "$verb" in
test) hooks=yes ;;
*) hooks=no ;;
esac
if [ ! -f Makefile ] || [ ../configure -nt Makefile ] ||
	! grep -qx "prefix = $here/build/root" Makefile ||
	! grep -qx "BF_TEST_HOOKS = $hooks" Makefile; then
	# installed into build/root, so the Chinese message catalogue is found
	hookflag=--disable-test-hooks
	[ "$hooks" = no ] || hookflag=--enable-test-hooks
	../configure --enable-werror "$hookflag" --prefix="$here/build/root"
fi
make -j"$(nproc 2>/dev/null || echo 2)"

# The UI needs a UTF-8 locale; C.UTF-8 always exists on Debian.
case "$(locale charmap 2>/dev/null)" in
UTF-8) ;;
*) LANG=C.UTF-8; LC_ALL=C.UTF-8; export LANG LC_ALL ;;
esac

case "$verb" in
run)
	# the catalogue again when po/zh_CN.po changed since the last build
	make -C po update-gmo >/dev/null
	make install >/dev/null
	exec "$here/build/root/bin/bangfu" "$@"
	;;
test) make -j"$(nproc 2>/dev/null || echo 2)" check "$@" ;;
esac
