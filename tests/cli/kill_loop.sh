#!/bin/sh
# kill_loop.sh — issue 18: SIGKILL at any moment during a case import (300
# households), a district's package import and workflow steps (a review, a
# file sent back to draft) leaves every database sound and all or nothing:
# integrity and foreign keys checked, the audit log's chain intact, the
# import all there or none of it, the package imported whole or not at
# all, each file's state the one its last transition says, with its review
# exactly when approved; and the next start goes on at once (a killed
# import's lock note does not hold anyone up). KILL_TRIALS trials (default
# 50), spread over the three and over the time each takes.
. "${top_srcdir:-.}/tests/cli/lib.sh"
need_sqlite3
trials=${KILL_TRIALS:-50}
P="$T/pristine.db"
demo_for_district "$P"
printf 'demo-admin\n' > "$T/admin.pw"
adm --db "$P" key export "$T/unit.key" >/dev/null 2>&1 || fail "the unit's key"
qian key import "$T/unit.key" >/dev/null 2>&1 || fail "the district registers the unit"
cp "$P" "$T/unit.db"
out=$(adm --db "$T/unit.db" batch new 2>&1) || fail "batch new: $out"
batch=$(echo "$out" | sed -n 's/^Batch \([0-9]*-[0-9]*\):.*/\1/p')
adm --db "$T/unit.db" batch export "$batch" --out "$T/pkg" >/dev/null 2>&1 || fail "batch export"
PKG=$(ls "$T"/pkg/*.bfpkg 2>/dev/null | head -1)
[ -s "$PKG" ] && ok "a package to import: $(basename "$PKG")" || fail "no package"
awk -v n=300 -f "${top_srcdir:-.}/tests/cli/households.awk" > "$T/big.csv"
printf '户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明\nX,本人,新来的,11010519491231002X,已婚,在岗,600,单位收入证明\n' > "$T/one.csv"
files=$(sqlite3 "$P" "SELECT count(*) FROM case_file")
for db in "$P" "$DISTRICT_DB"; do
	sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
done

# run OP DB — the operation, as itself (exec: $! is bangfu)
run() {
	case $1 in
	import) exec env BANGFU_USER=admin "$BANGFU" --lang en --password-fd 3 --db "$2" \
		case import "$T/big.csv" 3<"$T/admin.pw" >/dev/null 2>&1 ;;
	package) exec env BANGFU_USER=qian "$BANGFU" --lang en --password-fd 3 --db "$2" \
		package import "$PKG" 3<"$T/qian.pw" >/dev/null 2>&1 ;;
	review) exec env BANGFU_USER=admin "$BANGFU" --lang en --password-fd 3 --db "$2" \
		review 2026-0010 --approve --category 3 --amount 2000 --meeting "2026年第3次" \
		3<"$T/admin.pw" >/dev/null 2>&1 ;;
	reopen) exec env BANGFU_USER=admin "$BANGFU" --lang en --password-fd 3 --db "$2" \
		case advance 2026-0009 --to draft --reason "补充材料" 3<"$T/admin.pw" >/dev/null 2>&1 ;;
	esac
}
printf 'qian-password\n' > "$T/qian.pw"
source_of() { case $1 in package) echo "$DISTRICT_DB" ;; *) echo "$P" ;; esac; }
q() { sqlite3 "$1" "$2" 2>&1; }

# sound DB OP — what every kill must leave; 0 done, 1 not done, 2 broken
sound() {
	[ "$(q "$1" 'PRAGMA integrity_check')" = ok ] || { echo "integrity: $(q "$1" 'PRAGMA integrity_check')"; return 2; }
	[ -z "$(q "$1" 'PRAGMA foreign_key_check')" ] || { echo "foreign keys"; return 2; }
	case $2 in
	import)
		n=$(q "$1" "SELECT count(*) FROM case_file")
		[ "$n" = "$files" ] && return 1
		[ "$n" = $((files + 300)) ] && return 0
		echo "$n files (before $files, the import has 300)"; return 2 ;;
	package)
		p=$(q "$1" "SELECT count(*) FROM dist_package")
		c=$(q "$1" "SELECT count(*) FROM dist_case")
		[ "$p" = 0 ] && [ "$c" = 0 ] && return 1
		[ "$p" = 1 ] && [ "$c" -gt 0 ] && return 0
		echo "$p packages, $c cases"; return 2 ;;
	review | reopen)
		num=2026-0010 to=approved
		[ "$2" = reopen ] && num=2026-0009 to=draft
		st=$(q "$1" "SELECT status FROM case_file WHERE number = '$num'")
		last=$(q "$1" "SELECT t.to_status FROM case_transition t JOIN case_file c ON c.id = t.case_id
			WHERE c.number = '$num' ORDER BY t.id DESC LIMIT 1")
		rv=$(q "$1" "SELECT count(*) FROM review r JOIN case_file c ON c.id = r.case_id WHERE c.number = '$num'")
		# the demo put the file where it is without a transition
		[ -n "$last" ] || last=docs_complete
		[ "$st" = "$last" ] || { echo "$num is $st, its last transition says $last"; return 2; }
		if [ "$2" = review ]; then
			case "$st:$rv" in
			approved:1 | docs_complete:0) ;;
			*) echo "$num is $st with $rv review(s)"; return 2 ;;
			esac
		fi
		[ "$st" = "$to" ] && return 0 || return 1 ;;
	esac
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

ops="import package review reopen"
for op in $ops; do # one whole run each: how long it takes
	cp "$(source_of $op)" "$T/whole.db"
	t0=$(now_ms)
	(run $op "$T/whole.db") || fail "$op: the whole run failed"
	eval "span_$op=$(($(now_ms) - t0))"
	sound "$T/whole.db" $op >/dev/null
	[ $? = 0 ] && ok "$op: a whole run in $(($(now_ms) - t0)) ms" || fail "$op: the whole run is not done"
done

done_n=0 undone=0 bad=0 i=0
while [ $i -lt "$trials" ]; do
	set -- $ops
	shift $((i % 4))
	op=$1
	eval "span=\$span_$op"
	db="$T/trial.db"
	rm -f "$db" "$db-wal" "$db-shm" "$db-writer"
	cp "$(source_of $op)" "$db"
	k=$((i / 4)) per=$(((trials + 3) / 4))
	delay=$((span * 11 * k / (10 * per)))
	(run $op "$db") &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	why=$(sound "$db" $op)
	case $? in
	0) done_n=$((done_n + 1)) ;;
	1) undone=$((undone + 1)) ;;
	*) bad=$((bad + 1)); fail "trial $i ($op killed after $delay ms): $why" ;;
	esac
	# the audit log's chain, and the next start: at once, the lock free
	if [ $op = package ]; then who=qian pw=qian-password; else who=admin pw=demo-admin; fi
	out=$(bf_as $who $pw --db "$db" audit verify 2>&1) || { bad=$((bad + 1)); fail "trial $i ($op): audit verify: $out"; }
	if [ $op = import ]; then
		t0=$(now_ms)
		out=$(bf_as admin demo-admin --db "$db" case import "$T/one.csv" 2>&1) ||
			fail "trial $i: a write after the kill: $out"
		[ $(($(now_ms) - t0)) -lt 5000 ] || fail "trial $i: the write after the kill waited $(($(now_ms) - t0)) ms"
		case "$out" in *waiting*) fail "trial $i: a killed import still named as the holder: $out" ;; esac
	fi
	i=$((i + 1))
	# progress for long runs (tests/kill_1000.sh): what a stopped run got to
	[ $((i % 100)) = 0 ] && echo "progress: $i of $trials kills: $done_n done, $undone not done, $bad half-done"
done
[ $bad -eq 0 ] && ok "$trials kills: $done_n done, $undone not done, none half-done" ||
	fail "$bad of $trials kills left something half-done"
[ $done_n -gt 0 ] && [ $undone -gt 0 ] && ok "kills landed both before and after the commit" ||
	echo "note: $done_n done, $undone not done (the kills did not spread)"
finish
