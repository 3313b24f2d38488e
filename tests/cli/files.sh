#!/bin/sh
# Files private and written safely (issue 12 item 5, issue 18 items 4 and 5),
# through the real binary: the database, its -wal and -shm, backups and
# exports are mode 0600 whatever the umask; an existing file is refused
# without --force, a symbolic link always; the form PDF records a reveal
# naming its file; leftover temporaries are removed by `check` and at the
# next start; a full disk gives an error and leaves nothing (on a small
# tmpfs, where the machine lets us mount one).
. "${top_srcdir:-.}/tests/cli/lib.sh"
umask 022 # what a shared terminal often has: bangfu must not depend on it
export BANGFU_DB="$T/files.db"
bf init --unit "测试单位" --code T01 --union "测试单位工会" </dev/null >/dev/null 2>&1 || fail "init"
mode() { stat -c %a "$1" 2>/dev/null; }
expect_mode() { # expect_mode FILE DESCRIPTION
	if [ "$(mode "$1")" = 600 ]; then ok "$2 is mode 0600"; else fail "$2 is mode $(mode "$1")"; fi
}
no_leftover() { # no_leftover FOLDER DESCRIPTION
	if ls -A "$1" | grep -q '^\.bangfu-tmp-'; then fail "$2: a temporary file was left"; else ok "$2: no temporary file left"; fi
}
expect_mode "$T/files.db" "the database"

import_household
num=$household

# ---- the -wal and -shm while the database is open --------------------------------
# A write waits for its password on a pipe: meanwhile its connection holds the
# database open, with the -wal and -shm it made.
mkfifo "$T/pw.fifo"
"$BANGFU" --lang en --password-fd 3 checklist receive "$num" id_copy:张三丰 3<"$T/pw.fifo" >/dev/null 2>&1 &
pid=$!
exec 4>"$T/pw.fifo"
i=0
while [ ! -e "$T/files.db-shm" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
expect_mode "$T/files.db-wal" "the -wal"
expect_mode "$T/files.db-shm" "the -shm"
printf 'tester-password\n' >&4
exec 4>&-
wait $pid || fail "the write after the password"

# ---- backup --------------------------------------------------------------------------
out=$(bf backup "$T/copy.db" 2>&1); rc=$?
expect_rc 0 $rc "backup"
expect_mode "$T/copy.db" "the backup"
out=$(bf backup "$T/copy.db" 2>&1); rc=$?
expect_rc 1 $rc "a backup over an existing file is refused"
expect_contains "$out" "already exists" "says so"
out=$(bf --force backup "$T/copy.db" 2>&1); rc=$?
expect_rc 0 $rc "--force replaces it"
no_leftover "$T" "backup"

# ---- the form PDF: private, never over a file or through a link, its reveal recorded ----
mkdir "$T/out"
out=$(bf print form "$num" --pdf "$T/out/form.pdf" 2>&1); rc=$?
expect_rc 0 $rc "the form PDF"
expect_mode "$T/out/form.pdf" "the form PDF"
out=$(bf audit list --action reveal --json 2>&1)
expect_contains "$out" "print form $T/out/form.pdf" "its reveal names the file written"
expect_contains "$out" "\"case\": \"$num\"" "and the file revealed"
cp "$T/out/form.pdf" "$T/form-before.pdf"
out=$(bf print form "$num" --pdf "$T/out/form.pdf" 2>&1); rc=$?
expect_rc 1 $rc "an existing PDF is not overwritten"
expect_contains "$out" "$T/out/form.pdf already exists" "the message names the file"
cmp -s "$T/out/form.pdf" "$T/form-before.pdf" && ok "the file is untouched" || fail "the file changed"
out=$(bf --force print form "$num" --pdf "$T/out/form.pdf" 2>&1); rc=$?
expect_rc 0 $rc "--force overwrites it"
echo precious > "$T/victim"
ln -s "$T/victim" "$T/out/planted.pdf"
out=$(bf --force print form "$num" --pdf "$T/out/planted.pdf" 2>&1); rc=$?
expect_rc 1 $rc "a planted symbolic link is refused"
expect_contains "$out" "symbolic link" "says why"
[ "$(cat "$T/victim")" = precious ] && ok "the link's target is untouched" || fail "written through the link"
out=$(bf checklist "$num" --pdf "$T/out/checklist.pdf" 2>&1); rc=$?
expect_rc 0 $rc "the checklist PDF"
expect_mode "$T/out/checklist.pdf" "the checklist PDF"
out=$(bf key export "$T/out/unit.bfkey" 2>&1); rc=$?
expect_rc 0 $rc "key export"
expect_mode "$T/out/unit.bfkey" "the key file"
no_leftover "$T/out" "exports"

# ---- leftovers of an interrupted write: removed by check and at the next start ---------
printf 'half a PDF' > "$T/out/.bangfu-tmp-killed00001"
printf 'not ours' > "$T/out/.bangfu-tmpfoo"
out=$(bf check 2>&1); rc=$?
expect_rc 0 $rc "check"
expect_contains "$out" "Removed 1 temporary file" "check removes the leftover"
[ -e "$T/out/.bangfu-tmp-killed00001" ] && fail "the leftover is still there" || ok "the leftover is gone"
[ -e "$T/out/.bangfu-tmpfoo" ] && ok "a file not ours is kept" || fail "a file not ours was removed"
printf 'half a PDF' > "$T/out/.bangfu-tmp-killed00002"
bf case list >/dev/null 2>&1
[ -e "$T/out/.bangfu-tmp-killed00002" ] && fail "the next start left the leftover" || ok "the next start removes it"

# ---- a full disk: an error naming the file, nothing left, nothing reported as done -----
mkdir "$T/full"
if mount -t tmpfs -o size=192k tmpfs "$T/full" 2>/dev/null; then
	trap 'umount "$T/full" 2>/dev/null; rm -rf "$T"' EXIT
	dd if=/dev/zero of="$T/full/filler" bs=1k count=160 2>/dev/null
	out=$(bf print form "$num" --pdf "$T/full/form.pdf" 2>&1); rc=$?
	expect_rc 1 $rc "a PDF on a full disk fails"
	expect_contains "$out" "cannot write $T/full/form.pdf" "naming the file"
	expect_contains "$out" "No space left" "and the reason"
	case "$out" in *Wrote*) fail "reported as written" ;; *) ok "not reported as written" ;; esac
	[ -e "$T/full/form.pdf" ] && fail "a broken PDF was left" || ok "no broken PDF"
	out=$(bf backup "$T/full/copy.db" 2>&1); rc=$?
	expect_rc 1 $rc "a backup on a full disk fails"
	expect_contains "$out" "$T/full/copy.db" "naming the file"
	[ -e "$T/full/copy.db" ] && fail "a broken backup was left" || ok "no broken backup"
	no_leftover "$T/full" "full disk"
	umount "$T/full"
else
	echo "skipped: cannot mount a small tmpfs here (needs root), no disk-full test"
fi
finish
