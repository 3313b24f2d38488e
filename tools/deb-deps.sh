#!/bin/sh
# The packages debian/control's Build-Depends names (without version
# constraints or build profiles), one line: to apt-get install before
# tools/build-deb.sh. `sh tools/deb-deps.sh nocheck` leaves out the <!nocheck> ones.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
sed -n '/^Build-Depends:/,/^[A-Z]/p' "$top/debian/control" | sed '1s/^Build-Depends://; /^[A-Z]/d' |
	tr ',' '\n' | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | grep -v '^$' |
	{ if [ "${1:-}" = nocheck ]; then grep -v '<!nocheck>'; else cat; fi; } |
	sed 's/[[:space:]]*(.*//; s/[[:space:]]*<.*//' |
	sed 's/^debhelper-compat$/debhelper/' | tr '\n' ' '
echo
