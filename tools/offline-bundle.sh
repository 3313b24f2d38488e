#!/bin/sh
# The offline bundle: one folder to copy to a USB stick, to install bangfu on
# a Debian 12 machine with no network.
#
#   sh tools/offline-bundle.sh [--deb FILE] OUTDIR
#
# OUTDIR gets:
#   debs/        bangfu_VERSION_amd64.deb and every package it needs that a
#                minimal Debian 12 (debootstrap --variant=minbase) lacks,
#                resolved by apt against such a system and fetched with apt
#   install.sh   checks every file against SHA256SUMS, then dpkg -i (no network)
#   README.txt   what to do with it, in Chinese and English
#   SHA256SUMS   SHA-256 of all of the above
# Then the district signs the list with its database's key, so that a branch
# can tell a stick from its district from any other:
#   bangfu key sign OUTDIR/SHA256SUMS        (writes OUTDIR/SHA256SUMS.sig)
#
# Without --deb the package is built first from the committed tree
# (tools/build-deb.sh). Run as root on Debian 12 amd64 with a network (apt's
# own sources); nothing is installed on this machine.
set -eu
deb=""
while [ $# -gt 1 ]; do
	case "$1" in
	--deb) deb=$2; shift 2 ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || { echo "usage: sh tools/offline-bundle.sh [--deb FILE] OUTDIR" >&2; exit 2; }
out=$1
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out/debs"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-bundle.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ -z "$deb" ]; then
	deb=$(sh "$top/tools/build-deb.sh" "$tmp/built" | tail -1)
fi
[ -f "$deb" ] || { echo "offline-bundle: no such package: $deb" >&2; exit 1; }
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")

# What a minimal Debian 12 has (debootstrap --variant=minbase: the Essential
# and Priority: required packages and apt, with all they depend on) and what
# it has with bangfu, both resolved by apt on an empty system at the versions
# apt would fetch; the bundle is the difference, fetched with apt-get download.
apt-cache dumpavail >"$tmp/available"
minbase=$(awk 'BEGIN { RS = "" }
	/(^|\n)Priority: required(\n|$)/ || /(^|\n)Essential: yes(\n|$)/ || /^Package: apt\n/ {
		sub(/^Package: /, ""); sub(/\n.*/, ""); print
	}' "$tmp/available" | sort -u)
[ -n "$minbase" ] || { echo "offline-bundle: apt knows no packages: run apt-get update" >&2; exit 1; }
: >"$tmp/status"
resolve() { # the packages apt would install on an empty system, one a line
	apt-get -q -s --no-install-recommends \
		-o Dir::State::status="$tmp/status" \
		-o Dir::State::extended_states="$tmp/extended_states" \
		-o Dir::Cache::pkgcache="" -o Dir::Cache::srcpkgcache="" \
		-o Debug::NoLocking=1 install "$@" >"$tmp/apt.log" 2>&1 || {
		cat "$tmp/apt.log" >&2
		echo "offline-bundle: apt could not resolve bangfu's dependencies" >&2
		exit 1
	}
	sed -n 's/^Inst \([^ ]*\) .*/\1/p' "$tmp/apt.log" | sort -u
}
# shellcheck disable=SC2086
resolve $minbase >"$tmp/minbase.list"
# shellcheck disable=SC2086
resolve $minbase "$deb" >"$tmp/with-bangfu.list"
need=$(comm -23 "$tmp/with-bangfu.list" "$tmp/minbase.list" | grep -vx bangfu || true)
rm -f "$out"/debs/*.deb
if [ -n "$need" ]; then
	# shellcheck disable=SC2086
	(cd "$out/debs" && apt-get -q download $need >"$tmp/download.log" 2>&1) || {
		cat "$tmp/download.log" >&2
		echo "offline-bundle: apt-get download failed" >&2
		exit 1
	}
fi
cp "$deb" "$out/debs/"

cp "$top/tools/bundle-install.sh" "$out/install.sh"
cp "$top/tools/bundle-readme.txt" "$out/README.txt"
rm -f "$out/SHA256SUMS" "$out/SHA256SUMS.sig"
(cd "$out" && sha256sum install.sh README.txt debs/*.deb >SHA256SUMS.tmp && mv SHA256SUMS.tmp SHA256SUMS)
n=$(ls "$out"/debs/*.deb | wc -l)
size=$(du -sh "$out" | cut -f1)
echo "offline-bundle: $out: $n packages, $size; sign it with: bangfu key sign $out/SHA256SUMS"
