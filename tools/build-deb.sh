#!/bin/sh
# Builds bangfu_VERSION_amd64.deb from the committed tree (HEAD) into OUTDIR:
#   sh tools/build-deb.sh OUTDIR
# The tree is exported with `git archive` into a temporary folder (so the
# checkout is left alone and uncommitted changes are not packaged), the
# commit is written to COMMIT there (bangfu --version shows it), and
# `dpkg-buildpackage -us -uc -b` builds it. DEB_BUILD_OPTIONS passes through
# (nocheck skips the test suite). VERSION is AC_INIT's in configure.ac; the
# build stops if debian/changelog names another one.
# Needs: dpkg-dev, debhelper and the Build-Depends of debian/control
# (`apt-get build-dep` cannot see them from a checkout; tools/deb-deps.sh
# lists them).
set -eu
out=${1:?usage: sh tools/build-deb.sh OUTDIR}
top=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/^AC_INIT(\[bangfu\], \[\([^]]*\)\].*/\1/p' "$top/configure.ac")
[ -n "$version" ] || { echo "build-deb: no version in configure.ac's AC_INIT" >&2; exit 1; }
debver=$(git -C "$top" show HEAD:debian/changelog | sed -n '1s/^bangfu (\([^)]*\)).*/\1/p')
if [ "$debver" != "$version" ]; then
	echo "build-deb: debian/changelog says $debver, configure.ac says $version:" \
		"add a changelog entry for $version (dch -v $version)" >&2
	exit 1
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
git -C "$top" archive --format=tar --prefix="bangfu-$version/" HEAD | tar -x -C "$tmp"
git -C "$top" rev-parse --short=12 HEAD >"$tmp/bangfu-$version/COMMIT"
# nocheck in DEB_BUILD_OPTIONS also drops the test-only Build-Depends (the
# nocheck build profile)
case " ${DEB_BUILD_OPTIONS:-} " in
*" nocheck "*) DEB_BUILD_PROFILES="nocheck ${DEB_BUILD_PROFILES:-}" && export DEB_BUILD_PROFILES ;;
esac
(cd "$tmp/bangfu-$version" && dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1 || {
	tail -60 "$tmp/build.log" >&2
	echo "build-deb: dpkg-buildpackage failed" >&2
	exit 1
}
cp "$tmp/bangfu_${version}_amd64.deb" "$out/"
echo "$out/bangfu_${version}_amd64.deb"
