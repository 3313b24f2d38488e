# lib.sh — a fresh minbase Debian 12 root, for the scripts in tests/deb
# (sourced by offline-install.sh and fresh-root.sh; run as root).
#
#   deb_mirrors            the "deb URI SUITE COMPONENT" lines (Debian 12 and its
#                          updates and security suites) this machine's apt uses
#   deb_mkroot ROOT LOG    mmdebstrap --variant=minbase bookworm ROOT from those
#                          mirrors, its output in LOG
#   deb_mount ROOT         /proc, /dev and /dev/pts in ROOT (the host's)
#   deb_umount ROOT        unmounts everything mounted under ROOT, deepest first
#   deb_rmtree DIR         removes DIR, unless something is still mounted under it

deb_mirrors() {
	apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' 'Created-By: Packages' |
		awk '$2 ~ /^bookworm(-updates|-security)?$/ { print "deb " $1 " " $2 " " $3 }' | sort -u
}

deb_mkroot() {
	_root=$1
	_log=$2
	_m=$(deb_mirrors)
	if [ -z "$_m" ]; then
		echo "apt has no Debian 12 (bookworm) source" >"$_log"
		return 1
	fi
	(
		set -- --quiet --variant=minbase --mode=root bookworm "$_root"
		while IFS= read -r _line; do set -- "$@" "$_line"; done <<EOF_M
$_m
EOF_M
		exec mmdebstrap "$@"
	) >"$_log" 2>&1
}

deb_mount() {
	mount -t proc proc "$1/proc"
	mount --bind /dev "$1/dev"
	mount --bind /dev/pts "$1/dev/pts"
}

# the mount points under $1, deepest first (from /proc/self/mounts; spaces in
# a mount point are written \040 there, and none of ours has one)
deb_mounts_under() {
	_d=$(cd "$1" 2>/dev/null && pwd -P) || return 0
	awk -v d="$_d" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/self/mounts | sort -r
}

deb_umount() {
	for _mp in $(deb_mounts_under "$1"); do
		umount "$_mp" 2>/dev/null || umount -l "$_mp" 2>/dev/null || true
	done
}

deb_rmtree() {
	[ -d "$1" ] || return 0
	if [ -n "$(deb_mounts_under "$1")" ]; then
		echo "still mounted under $1, not removed:" >&2
		deb_mounts_under "$1" >&2
		return 1
	fi
	# --one-file-system: never into a mount made after the check above
	rm -rf --one-file-system "$1"
}
