#!/bin/sh
# Issue 18 (part A), items 8 and 11: a file that is not ours is refused
# unless init was asked for, and what goes wrong with the database file is
# said in words a clerk can act on, never with raw SQL: a read-only file, a
# read-only folder, a -wal deleted while the -shm says it held changes, a
# full disk (a file-size limit, ulimit -f: EFBIG, SIGXFSZ ignored).
. "${top_srcdir:-.}/tests/cli/lib.sh"
no_sql() { # no_sql TEXT DESCRIPTION
	case "$1" in *"SQL:"*|*"UPDATE "*|*"INSERT "*|*"COMMIT"*|*"BEGIN"*)
		fail "$2: raw SQL shown: $1" ;; *) ok "$2: no raw SQL" ;; esac
}

# ---- item 8: a 0-byte file ------------------------------------------------------
: > "$T/zero.db"
out=$(bf --db "$T/zero.db" case list 2>&1); rc=$?
expect_rc 1 $rc "a 0-byte file: refused"
expect_contains "$out" "is an empty file, not a bangfu database" "says it is not a database"
expect_contains "$out" "bangfu --db $T/zero.db init" "says how to make one"
out=$(BANGFU_USER=anyone "$BANGFU" --lang en --db "$T/zero.db" case import /dev/null 2>&1)
[ "$(wc -c < "$T/zero.db")" = 0 ] && ok "nothing written to the 0-byte file" ||
	fail "the 0-byte file was written to"
out=$(bf --db "$T/zero.db" check 2>&1); rc=$?
expect_rc 1 $rc "check on a 0-byte file: not sound"
expect_contains "$out" "is an empty file, not a bangfu database" "check says so too"
case "$out" in *"is sound"*) fail "check calls it sound" ;; *) ok "check does not call it sound" ;; esac
BANGFU_DB="$T/zero.db" bf init --unit "测试单位" </dev/null >/dev/null 2>&1 ||
	fail "init on the 0-byte file"
out=$(bf --db "$T/zero.db" check 2>&1) || fail "after init: $out"
expect_contains "$out" "the database is sound" "init makes the empty file a database"
# an empty SQLite file made by another program is not ours either
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$T/empty.db" "PRAGMA user_version=0; VACUUM;" 2>/dev/null
	out=$(bf --db "$T/empty.db" case list 2>&1); rc=$?
	expect_rc 1 $rc "an empty file of another program: refused"
	sqlite3 "$T/other.db" "CREATE TABLE t(x);" 2>/dev/null
	out=$(bf --db "$T/other.db" check 2>&1); rc=$?
	expect_rc 1 $rc "another program's database: refused"
	expect_contains "$out" "a SQLite database of another program" "says whose"
fi
echo "not a database at all, just text" > "$T/text.db"
out=$(bf --db "$T/text.db" check 2>&1); rc=$?
expect_rc 1 $rc "a text file: refused"
expect_contains "$out" "not a database file at all" "says so"

# ---- item 11: a read-only file, a read-only folder -----------------------------------
# root writes anywhere: the checks run as nobody then
as_other() { "$@"; }
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
		as_other() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
	else
		as_other() { return 77; }
	fi
fi
mkdir "$T/ro"
BANGFU_DB="$T/ro/u.db" bf init --unit "测试单位" </dev/null >/dev/null 2>&1 || fail "init u.db"
cp "$PWFILE" "$T/ro/pw"
[ "$(id -u)" = 0 ] && chown -R nobody "$T/ro"
chmod 755 "$T" "$T/ro"
chmod 444 "$T/ro/u.db"
out=$(as_other "$BANGFU" --lang en --db "$T/ro/u.db" --password-fd 3 case list 3<"$T/ro/pw" 2>&1)
rc=$?
if [ $rc = 77 ]; then
	echo "no way to drop root here (setpriv, nobody): read-only checks skipped"
else
	expect_rc 1 $rc "a read-only file: refused"
	expect_contains "$out" "cannot be written: the file, its folder or the disk it is on is read-only" \
		"a read-only file says so"
	no_sql "$out" "read-only file"
	case "$out" in *"not logged in"*) fail "says not logged in: $out" ;;
	*) ok "does not blame the login" ;; esac
	chmod 644 "$T/ro/u.db"
	rm -f "$T/ro/u.db-wal" "$T/ro/u.db-shm"
	chmod 555 "$T/ro"
	out=$(as_other "$BANGFU" --lang en --db "$T/ro/u.db" --password-fd 3 case list 3<"$T/ro/pw" 2>&1)
	rc=$?
	expect_rc 1 $rc "a read-only folder: refused"
	expect_contains "$out" "the folder $T/ro is read-only for your account" "names the folder"
	expect_contains "$out" "u.db-wal" "and the journal it cannot make"
	case "$out" in *"not a bangfu database"*) fail "calls it not a bangfu database" ;;
	*) ok "does not call it not a bangfu database" ;; esac
	out=$(as_other "$BANGFU" --lang en --db "$T/ro/u.db" check 2>&1)
	expect_contains "$out" "the folder $T/ro is read-only" "check says it too"
	chmod 755 "$T/ro"
fi

# ---- item 11: the -wal deleted while the -shm says it held changes -------------------
if command -v sqlite3 >/dev/null 2>&1; then
	BANGFU_DB="$T/w.db" bf init --unit "测试单位" </dev/null >/dev/null 2>&1 || fail "init w.db"
	sqlite3 "$T/w.db" "PRAGMA wal_autocheckpoint=0; CREATE TABLE kept(x); INSERT INTO kept VALUES (1);" \
		".shell sleep 3" >/dev/null 2>&1 &
	holder=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do
		[ -s "$T/w.db-wal" ] && break
		sleep 0.2
	done
	cp "$T/w.db" "$T/w2.db" && cp "$T/w.db-shm" "$T/w2.db-shm"
	wait $holder
	out=$(bf --db "$T/w2.db" check 2>&1); rc=$?
	expect_rc 1 $rc "a deleted -wal: refused"
	expect_contains "$out" "w2.db-wal is missing, but" "says the -wal is missing"
	expect_contains "$out" "restore the database from a backup" "says what to do"
	case "$out" in *"is sound"*) fail "check calls it sound" ;; *) ok "not called sound" ;; esac
	[ -e "$T/w2.db-shm" ] && ok "the -shm is left as it was" || fail "the -shm was removed"
fi

# ---- item 11: a full disk (a file-size limit: the same EFBIG a full stick gives) ---------
BANGFU_DB="$T/f.db" bf init --unit "测试单位" </dev/null >/dev/null 2>&1 || fail "init f.db"
ten_households "$T/ten.csv"
# room for a few pages of journal, not for ten households
out=$( (ulimit -f 64 && bf --db "$T/f.db" case import "$T/ten.csv") 2>&1); rc=$?
[ $rc != 0 ] && ok "a write past the limit fails" || fail "the import went through: $out"
expect_contains "$out" "the disk is full: nothing was saved" "says the disk is full"
no_sql "$out" "disk full"
out=$(bf --db "$T/f.db" check 2>&1) || fail "the database after the full disk: $out"
expect_contains "$out" "the database is sound" "the database is sound after it"
[ "$(bf --db "$T/f.db" case list --json | grep -c '"number"')" = 0 ] &&
	ok "nothing of the import was kept" || fail "part of the import was kept"
finish
