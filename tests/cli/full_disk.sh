#!/bin/sh
# full_disk.sh — issue 18 item 4: a full disk (a USB stick with little room)
# during `batch export` and `print form`: an error naming the file, no
# "exported", no file (not even a temporary), and the database as it was:
# the batch not exported, no file frozen as submitted. On a small tmpfs
# where root may mount one; else under a file-size limit (ulimit -f, with
# SIGXFSZ ignored), which fails the same writes (FULL_DISK_NO_MOUNT=1 forces
# that).
. "${top_srcdir:-.}/tests/cli/lib.sh"
need_sqlite3
DB="$T/demo.db"
demo_for_district "$DB"
export BANGFU_DB="$DB"
out=$(adm batch new 2>&1) || fail "batch new: $out"
batch=$(echo "$out" | sed -n 's/^Batch \([0-9]*-[0-9]*\):.*/\1/p')
[ -n "$batch" ] && ok "a batch: $batch" || fail "no batch: $out"
num=$(adm case list --json | sed -n 's/.*"number": "\([^"]*\)".*/\1/p' | head -1)

# what must not change: the batches, the files' states, the reveals and the
# audit log (but for the login's own row: the operator's last login)
state() {
	sqlite3 "$DB" "SELECT number, status, revision FROM submission_batch;
		SELECT number, status, revision FROM case_file ORDER BY id;
		SELECT count(*) FROM reveal_event;
		SELECT count(*) FROM audit_log WHERE tbl <> 'operator'"
}
mkdir "$T/stick"
limit="" mounted=""
if [ -z "${FULL_DISK_NO_MOUNT:-}" ] && mount -t tmpfs -o size=256k tmpfs "$T/stick" 2>/dev/null; then
	mounted=1
	trap 'umount "$T/stick" 2>/dev/null; rm -rf "$T"' EXIT
	dd if=/dev/zero of="$T/stick/filler" bs=1k count=200 2>/dev/null
	ok "a 256 KB tmpfs with 56 KB free"
else
	limit=112 # 512-byte blocks: 56 KB
	echo "note: cannot mount a tmpfs here; a file-size limit of 56 KB instead"
fi
# full CMD... — run under the limit when there is no tmpfs
full() {
	if [ -n "$limit" ]; then
		(trap '' XFSZ; ulimit -f "$limit"; "$@")
	else
		"$@"
	fi
}
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
before=$(state)

# refused WHAT RC OUTPUT FILE DONE-WORD — failed, said so naming FILE, not
# reported as DONE-WORD, nothing left on the stick, the database unchanged
# (the batch not exported, no file frozen as submitted, no reveal recorded)
refused() {
	[ "$2" -ne 0 ] && ok "$1 onto a full stick fails (rc $2)" || fail "$1 succeeded: $3"
	case "$3" in *"$5"*) fail "$1: reported as done: $3" ;; *) ok "$1: not reported as done" ;; esac
	case "$3" in *"cannot write $4"*) ok "$1: the message names the file" ;; *) fail "$1: $3" ;; esac
	left=$(ls -A "$T/stick" | grep -v '^filler$')
	[ -z "$left" ] && ok "$1: nothing left on the stick" || fail "$1: left on the stick: $left"
	[ "$(state)" = "$before" ] && ok "$1: the database is as it was" ||
		fail "$1: the database changed: $(state)"
}
out=$(full adm batch export "$batch" --out "$T/stick" 2>&1)
refused "batch export" $? "$out" "$T/stick/" exported
out=$(full adm print form "$num" --pdf "$T/stick/form.pdf" 2>&1)
refused "print form" $? "$out" "$T/stick/form.pdf" Wrote

# with room again, the same export works
if [ -n "$mounted" ]; then
	rm -f "$T/stick/filler"
	out=$(adm batch export "$batch" --out "$T/stick" 2>&1); rc=$?
	expect_rc 0 $rc "with room, the export works"
	expect_contains "$out" "exported" "and says so"
	umount "$T/stick"
fi
finish
