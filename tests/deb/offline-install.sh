#!/bin/sh
# The package and the offline bundle, end to end, as a rural branch gets them
# (run by .ci/run, not by make check; as root, with a network for the build
# and for making the Debian root):
#
#   1. tools/build-deb.sh builds bangfu_VERSION_amd64.deb (dpkg-buildpackage
#      -us -uc -b, DEB_BUILD_OPTIONS=nocheck here: the tests run elsewhere in
#      CI); lintian's errors fail, and so does any warning whose tag is not
#      explained in debian/README.source;
#   2. tools/offline-bundle.sh makes the bundle; a district demo database
#      signs its SHA256SUMS (bangfu key sign);
#   3. meanwhile mmdebstrap makes a fresh minbase Debian 12 root from the
#      Debian mirror this machine's apt uses;
#   4. the bundle is copied to /media/usb/bangfu in it and installed as the
#      README says, `sh /media/usb/bangfu/install.sh`, with the network cut
#      (unshare -n); a tampered copy is refused before anything is installed;
#   5. in the root, still without network: bangfu --version, bangfu init,
#      bangfu demo, the zh_CN catalogue, and the previous release's database
#      (tests/fixtures/previous-release.db) opened and migrated;
#   6. a newer bundle (the same package, version +upgradetest1) installed over
#      it with `install.sh --db`: the signature is checked with the installed
#      bangfu first (another district's stick is refused, nothing installed),
#      and every database is kept.
#
# Assumes about `bangfu init`: it takes --unit NAME; if it creates the
# administrator (the password asked on the terminal or read from
# --password-fd N), the global --user admin --password-fd 3 given here
# answer it (the password on two lines, for a confirmation); if it does not,
# those options are harmless. Commands that read data get the same
# --user/--password-fd, so they pass whether or not reading needs a login.
#
#   sh tests/deb/offline-install.sh [WORKDIR]     (default: a new temporary folder)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
W=${1:-$(mktemp -d "${TMPDIR:-/tmp}/bangfu-offline.XXXXXX")}
mkdir -p "$W"
W=$(cd "$W" && pwd)
ROOT="$W/root"
fails=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
t0=$(date +%s)
step() { echo "== [$(($(date +%s) - t0)) s] $*"; }
. "$top/tests/deb/lib.sh"
cleanup() {
	deb_umount "$ROOT"
	[ -n "${KEEP:-}" ] || deb_rmtree "$W"
}
trap cleanup EXIT INT TERM
[ "$(id -u)" -eq 0 ] || { echo "offline-install: run as root" >&2; exit 1; }

# the Debian mirror (and its updates and security suites) this machine's apt uses
mirrors=$(deb_mirrors)
[ -n "$mirrors" ] || { echo "offline-install: apt has no Debian 12 (bookworm) source" >&2; exit 1; }

step "3. a minbase Debian 12 root (mmdebstrap, in the background)"
deb_mkroot "$ROOT" "$W/mmdebstrap.log" &
mm_pid=$!

step "1. dpkg-buildpackage (nocheck)"
DEB_BUILD_OPTIONS="nocheck ${DEB_BUILD_OPTIONS:-}" sh "$top/tools/build-deb.sh" "$W/out" >"$W/build.out"
deb=$(tail -1 "$W/build.out")
version=$(sed -n 's/^AC_INIT(\[bangfu\], \[\([^]]*\)\].*/\1/p' "$top/configure.ac")
expect_file=$(basename "$deb")
[ "$expect_file" = "bangfu_${version}_amd64.deb" ] && ok "built $expect_file" || fail "built $expect_file"
dpkg-deb -c "$deb" >"$W/contents"
for f in ./usr/bin/bangfu ./usr/share/locale/zh_CN/LC_MESSAGES/bangfu.mo \
	./usr/share/man/man1/bangfu.1.gz ./usr/share/doc/bangfu/README.md.gz \
	./usr/share/doc/bangfu/copyright ./usr/share/doc/bangfu/changelog.gz; do
	grep -q " $f\$" "$W/contents" && ok "package has $f" || fail "package lacks $f"
done
dpkg-deb -f "$deb" Depends | grep -q 'fonts-noto-cjk' && ok "Depends: fonts-noto-cjk" || fail "no fonts-noto-cjk"
dpkg-deb -f "$deb" Depends | grep -q 'libsqlite3-0' && ok "Depends from shlibs" || fail "no shlibs Depends"

step "1. lintian"
lintian --tag-display-limit 0 "$deb" >"$W/lintian.txt" 2>&1 || true
cat "$W/lintian.txt"
if grep -q '^E: ' "$W/lintian.txt"; then fail "lintian errors"; else ok "lintian: no errors"; fi
for tag in $(sed -n 's/^W: [^:]*: \([^ ]*\).*/\1/p' "$W/lintian.txt" | sort -u); do
	grep -q "^$tag:" "$top/debian/README.source" && ok "warning $tag explained" ||
		fail "lintian warning $tag not explained in debian/README.source"
done

step "2. the offline bundle, signed by a district"
sh "$top/tools/offline-bundle.sh" --deb "$deb" "$W/bundle"
mkdir -p "$W/x"
dpkg-deb -x "$deb" "$W/x"
host_bf() { HOME="$W/home" XDG_DATA_HOME="$W/xdg" BANGFU_TEST_PWHASH_MIN=1 "$W/x/usr/bin/bangfu" --lang en "$@"; }
host_bf demo --district --db "$W/district.db" </dev/null >/dev/null
printf 'demo-district\n' >"$W/dpw"
host_bf --db "$W/district.db" --user district --password-fd 3 key sign "$W/bundle/SHA256SUMS" 3<"$W/dpw"
host_bf --db "$W/district.db" --user district --password-fd 3 key export "$W/district.bfkey" 3<"$W/dpw"
host_bf demo --district --db "$W/other.db" </dev/null >/dev/null
host_bf --db "$W/other.db" --user district --password-fd 3 key export "$W/other.bfkey" 3<"$W/dpw"
du -sh "$W/bundle"

step "3. waiting for mmdebstrap"
if ! wait $mm_pid; then
	cat "$W/mmdebstrap.log"
	echo "offline-install: mmdebstrap failed" >&2
	exit 1
fi
[ -x "$ROOT/usr/bin/dpkg" ] && ! [ -e "$ROOT/usr/bin/bangfu" ] && ok "a fresh root without bangfu"
chroot "$ROOT" dpkg-query -W libncursesw6 fonts-noto-cjk >/dev/null 2>&1 &&
	fail "the root already has bangfu's dependencies" || ok "the root lacks bangfu's dependencies"
mkdir -p "$ROOT/media/usb" "$ROOT/root"
cp -r "$W/bundle" "$ROOT/media/usb/bangfu"
cp "$W/district.bfkey" "$ROOT/media/usb/district.bfkey"
cp "$W/district.bfkey" "$W/other.bfkey" "$ROOT/root/"
cp "$top/tests/fixtures/previous-release.db" "$ROOT/root/bangfu-prev.db"
mount -t proc proc "$ROOT/proc"
# in the root, with the network cut
off() { unshare -n chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
	LANG=C.UTF-8 BANGFU_TEST_PWHASH_MIN=1 "$@"; }
# the mirror is reachable from the root with the network, not without it
ip=$(getent hosts "$(echo "$mirrors" | head -1 | sed 's,^deb [a-z]*://\([^/:]*\).*,\1,')" | awk '{ print $1; exit }')
if [ -n "$ip" ] && timeout 20 chroot "$ROOT" bash -c "exec 3<>/dev/tcp/$ip/80" 2>/dev/null; then
	off timeout 20 bash -c "exec 3<>/dev/tcp/$ip/80" 2>/dev/null && fail "the network is not cut" ||
		ok "the mirror ($ip) is reachable with the network, not from the install's"
else
	echo "note: the mirror's address is not reachable from here even with the network"
fi

step "4. a tampered stick is refused, installing nothing"
cp -r "$W/bundle" "$ROOT/media/usb/tampered"
printf 'x' >>"$ROOT/media/usb/tampered/debs/$(basename "$deb")"
if off sh /media/usb/tampered/install.sh >"$W/tampered.log" 2>&1; then
	fail "the tampered stick installed"
else
	grep -q "nothing was installed" "$W/tampered.log" && ok "tampered stick refused" || fail "$(cat "$W/tampered.log")"
fi
off dpkg-query -W bangfu >/dev/null 2>&1 && fail "bangfu installed from the tampered stick" || ok "nothing installed"
rm -rf "$ROOT/media/usb/tampered"

step "4. sh /media/usb/bangfu/install.sh, as the README says, with no network"
if off sh /media/usb/bangfu/install.sh >"$W/install.log" 2>&1; then
	ok "install.sh"
else
	cat "$W/install.log"
	fail "install.sh failed"
fi
tail -8 "$W/install.log"
grep -q "bangfu key verify /media/usb/bangfu/SHA256SUMS" "$W/install.log" &&
	ok "says how to check the district's signature" || fail "no word on the signature"
[ "$(off dpkg-query -W -f '${Status}' bangfu)" = "install ok installed" ] && ok "dpkg: bangfu installed" ||
	fail "dpkg: bangfu not installed"
out=$(off bangfu key verify /media/usb/bangfu/SHA256SUMS --key /root/other.bfkey 2>&1) &&
	fail "verified with another district's key" || ok "another district's key refuses it"
out=$(off bangfu --lang en key verify /media/usb/bangfu/SHA256SUMS --key /media/usb/district.bfkey 2>&1) &&
	ok "$out" || fail "not verified with the district's key file: $out"

step "5. bangfu in the root"
out=$(off bangfu --version)
echo "$out"
case "$out" in "bangfu $version (commit "[0-9a-f]*) ok "--version: $out" ;; *) fail "--version: $out" ;; esac
printf 'branch-admin-pw\nbranch-admin-pw\n' >"$ROOT/root/pw"
help=$(off bangfu init --help 2>&1 || true)
case "$help" in *password-fd*) echo "init takes the administrator's password (--password-fd)" ;; esac
out=$(off sh -c 'bangfu --lang en --user admin --password-fd 3 init --unit 某某公司 --code U001 \
	--union 某某公司工会 --district 某某区总工会 3</root/pw </dev/null' 2>&1) && ok "bangfu init" || fail "init: $out"
[ -f "$ROOT/root/.local/share/bangfu/bangfu.db" ] && ok "the default database made" || fail "no default database"
out=$(off sh -c 'bangfu --lang en --user admin --password-fd 3 check 3</root/pw' 2>&1) &&
	ok "check: $out" || fail "check: $out"
# the README's check by hand: the district's key registered once, then verify
a="--lang en --user admin --password-fd 3"
out=$(off sh -c "bangfu $a key import /media/usb/district.bfkey 3</root/pw" 2>&1) &&
	ok "$out" || fail "key import: $out"
out=$(off sh -c "bangfu $a key verify /media/usb/bangfu/SHA256SUMS 3</root/pw" 2>&1)
case "$out" in *"verified, signed by"*) ok "$out" ;; *) fail "key verify: $out" ;; esac
out=$(off bangfu --lang en demo --db /root/demo.db </dev/null 2>&1) && ok "bangfu demo" || fail "demo: $out"
printf 'demo-admin\n' >"$ROOT/root/demo-pw"
out=$(off sh -c 'bangfu --lang en --db /root/demo.db --user admin --password-fd 3 case list 3</root/demo-pw' 2>&1)
case "$out" in *2026-00*) ok "the demo's files listed" ;; *) fail "demo list: $out" ;; esac
out=$(off sh -c 'LANGUAGE=zh_CN bangfu --help' 2>&1)
case "$out" in *用法* | *命令*) ok "the zh_CN catalogue is used" ;; *) fail "no Chinese: $(echo "$out" | head -3)" ;; esac

step "5. the previous release's database"
old=$(sqlite3 "$ROOT/root/bangfu-prev.db" 'PRAGMA user_version' 2>/dev/null || echo 6)
n_old=$(sqlite3 "$ROOT/root/bangfu-prev.db" 'SELECT count(*) FROM case_file')
out=$(off sh -c 'bangfu --lang en --db /root/bangfu-prev.db --user admin --password-fd 3 case list 3</root/demo-pw' 2>&1) &&
	ok "opened by the new binary" || fail "previous db: $out"
echo "$out" | grep -i "upgraded" || true
new=$(sqlite3 "$ROOT/root/bangfu-prev.db" 'PRAGMA user_version')
n_new=$(sqlite3 "$ROOT/root/bangfu-prev.db" 'SELECT count(*) FROM case_file')
[ "$n_new" = "$n_old" ] && ok "all $n_new files kept" || fail "files $n_old -> $n_new"
if [ "$new" -gt "$old" ]; then
	[ -f "$ROOT/root/bangfu-prev.db.before-$((old + 1))" ] && ok "schema $old -> $new, copy before-$((old + 1)) made" ||
		fail "no copy before the upgrade"
	case "$out" in *"upgraded from schema $old to $new"*) ok "the upgrade was said" ;; *) fail "not said: $out" ;; esac
else
	ok "schema $old is this release's too: nothing to migrate"
fi
out=$(off sh -c 'bangfu --lang en --db /root/bangfu-prev.db --user admin --password-fd 3 audit verify 3</root/demo-pw' 2>&1) &&
	ok "audit chain verifies" || fail "audit verify: $out"

step "6. a newer bundle over it: the signature checked first, every database kept"
mkdir -p "$W/newer"
dpkg-deb -R "$deb" "$W/newer/pkg"
sed -i "s/^Version: .*/Version: ${version}+upgradetest1/" "$W/newer/pkg/DEBIAN/control"
dpkg-deb --root-owner-group -b "$W/newer/pkg" "$W/newer/bangfu_${version}+upgradetest1_amd64.deb" >/dev/null
sh "$top/tools/offline-bundle.sh" --deb "$W/newer/bangfu_${version}+upgradetest1_amd64.deb" "$W/bundle2"
cp -r "$W/bundle2" "$W/bundle2-other"
host_bf --db "$W/district.db" --user district --password-fd 3 key sign "$W/bundle2/SHA256SUMS" 3<"$W/dpw"
host_bf --db "$W/other.db" --user district --password-fd 3 key sign "$W/bundle2-other/SHA256SUMS" 3<"$W/dpw"
cp -r "$W/bundle2" "$ROOT/media/usb/bangfu-new"
cp -r "$W/bundle2-other" "$ROOT/media/usb/bangfu-other"
sums_before=$(cd "$ROOT/root" && sha256sum demo.db .local/share/bangfu/bangfu.db)
up="--db /root/.local/share/bangfu/bangfu.db --user admin --password-fd 3"
if off sh -c "sh /media/usb/bangfu-other/install.sh $up 3</root/pw" >"$W/upgrade-other.log" 2>&1; then
	fail "a stick signed by another district installed"
else
	grep -q "not signed by your district: nothing was installed" "$W/upgrade-other.log" &&
		ok "another district's stick refused before installing" || fail "$(cat "$W/upgrade-other.log")"
fi
[ "$(off dpkg-query -W -f '${Version}' bangfu)" = "$version" ] && ok "still $version" || fail "changed anyway"
if off sh -c "sh /media/usb/bangfu-new/install.sh $up 3</root/pw" >"$W/upgrade.log" 2>&1; then
	ok "install.sh --db (upgrade)"
else
	cat "$W/upgrade.log"
	fail "the upgrade failed"
fi
grep -q "checking the district's signature with the bangfu installed" "$W/upgrade.log" &&
	grep -q "verified, signed by" "$W/upgrade.log" && ok "signature verified before installing" ||
	fail "signature not checked first: $(cat "$W/upgrade.log")"
[ "$(off dpkg-query -W -f '${Version}' bangfu)" = "${version}+upgradetest1" ] && ok "upgraded" || fail "not upgraded"
sums_after=$(cd "$ROOT/root" && sha256sum demo.db .local/share/bangfu/bangfu.db)
[ "$sums_before" = "$sums_after" ] && ok "the databases untouched by the upgrade" || fail "a database changed"
out=$(off sh -c 'bangfu --lang en --db /root/demo.db --user admin --password-fd 3 case list 3</root/demo-pw' 2>&1)
case "$out" in *2026-00*) ok "the demo database opens after the upgrade" ;; *) fail "after upgrade: $out" ;; esac

step "done in $(($(date +%s) - t0)) s"
if [ "$fails" -eq 0 ]; then
	echo "offline-install: all passed"
	exit 0
fi
echo "offline-install: $fails failed"
exit 1
