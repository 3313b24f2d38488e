#!/bin/sh
# install.sh — installs bangfu from this folder (the offline bundle) on
# Debian 12, with no network. Run as root from the stick:
#
#   sh /media/usb/bangfu/install.sh [--db DATABASE [--user NAME [--password-fd N]] | --key DISTRICT.bfkey]
#
# 1. Every file is checked against SHA256SUMS; one missing or different stops
#    everything before anything is installed.
# 2. When the district signed the list (SHA256SUMS.sig) and a bangfu is
#    already installed (an upgrade), the signature is checked with it BEFORE
#    installing: against the district's key registered in your database
#    (--db, the file you use) or in the key file given (--key). A stick the
#    district did not sign, or one changed since, stops here.
# 3. dpkg -i installs the packages listed in SHA256SUMS (nothing else in the
#    folder), in one go; your databases are not touched. The first start of
#    the new bangfu on a database upgrades it, after copying it beside itself
#    (bangfu.db.before-N), and says so.
# 4. On a first install the signature is checked after installing (there was
#    no bangfu to check it with before); with neither --db nor --key it shows
#    who signed and the key's fingerprint, to compare with the district's by
#    phone.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
db="" key="" login=""
usage="usage: sh install.sh [--db DATABASE [--user NAME [--password-fd N]] | --key DISTRICT.bfkey]"
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
	case "$1" in
	--db) db=$2 ;;
	--key) key=$2 ;;
	# who opens the database, when reading it needs a login
	--user | --password-fd) login="$login $1 $2" ;;
	*) echo "$usage" >&2; exit 2 ;;
	esac
	shift 2
done
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run it as root: sudo sh $0" >&2; exit 1; }
for tool in sha256sum dpkg; do
	command -v $tool >/dev/null || { echo "install.sh: $tool is missing" >&2; exit 1; }
done

echo "== 1. checking the files against SHA256SUMS"
if ! sha256sum --strict --quiet -c SHA256SUMS; then
	echo "install.sh: files are missing or damaged (see above): nothing was installed." >&2
	echo "Copy the folder from the district's stick again." >&2
	exit 1
fi
echo "all $(wc -l <SHA256SUMS) files are as listed"

verify() { # verify BANGFU — the signature, with the database or key file given
	if [ -n "$key" ]; then
		"$1" --lang en key verify SHA256SUMS --key "$key"
	elif [ -n "$db" ]; then
		# shellcheck disable=SC2086
		"$1" --lang en --db "$db" $login key verify SHA256SUMS
	else
		return 2
	fi
}
signed=no
[ -f SHA256SUMS.sig ] && signed=yes
verified=no
if [ $signed = yes ] && command -v bangfu >/dev/null && { [ -n "$db" ] || [ -n "$key" ]; }; then
	echo "== 2. checking the district's signature with the bangfu installed"
	if ! verify bangfu; then
		echo "install.sh: this stick's list is not signed by your district: nothing was installed." >&2
		exit 1
	fi
	verified=yes
fi

echo "== 3. installing"
debs=$(sed -n 's/^[0-9a-f]\{64\}  \(debs\/[^/]*\.deb\)$/\1/p' SHA256SUMS)
[ -n "$debs" ] || { echo "install.sh: SHA256SUMS lists no package" >&2; exit 1; }
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive dpkg -i $debs
command -v bangfu >/dev/null || { echo "install.sh: bangfu was not installed" >&2; exit 1; }
bangfu --version

if [ $signed = no ]; then
	echo "Note: the list is not signed (no SHA256SUMS.sig): ask the district whether it made this stick."
elif [ $verified = no ]; then
	echo "== 4. the district's signature"
	if verify bangfu; then
		:
	elif [ -n "$db$key" ]; then
		echo "install.sh: WARNING: the list is NOT signed by your district; bangfu was installed from it." >&2
		echo "Ask the district; remove it with: dpkg -r bangfu" >&2
		exit 1
	else
		sed -n 's/^signer-\(code\|name\): /  signer \1: /p' SHA256SUMS.sig
		echo "Check the signature against your district's key: bangfu key verify $here/SHA256SUMS"
		echo "(with the district's key registered in your database: bangfu key import DISTRICT.bfkey)."
	fi
fi
echo "bangfu is installed: start it with bangfu (see man bangfu)."
