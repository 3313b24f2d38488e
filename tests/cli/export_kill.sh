#!/bin/sh
# export_kill.sh — a batch export killed (SIGKILL) at any moment never
# leaves a package under its final name while the database rolled back: on
# a copy of one database per trial, `bangfu batch export` is killed after a
# delay spread over the time a whole export takes; then either the batch is
# exported in the database, or no package (and no attachment) is there under
# its name. A killed export leaves at most our private temporaries, which
# `bangfu check` sweeps, and so does the next start (every other trial
# each). KILL_TRIALS trials (default 50).
. "${top_srcdir:-.}/tests/cli/lib.sh"
need_sqlite3
trials=${KILL_TRIALS:-50}
P="$T/pristine.db"
demo_for_district "$P" # the package is sealed to the district's key
out=$(adm --db "$P" batch new 2>&1) || fail "batch new: $out"
batch=$(echo "$out" | sed -n 's/^Batch \([0-9]*-[0-9]*\):.*/\1/p')
[ -n "$batch" ] && ok "a batch of the demo's files: $batch" || fail "no batch: $out"
sqlite3 "$P" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null

# exported? REVISION of the batch in DB
revision() { sqlite3 "$1" "SELECT revision FROM submission_batch WHERE number = '$batch'"; }
printf 'demo-admin\n' > "$T/admin.pw"
export_bg() { # export_bg DB DIR — the export, in the background, as itself ($! is bangfu)
	export BANGFU_USER=admin
	exec "$BANGFU" --lang en --password-fd 3 --db "$1" batch export "$batch" \
		--out "$2" 3<"$T/admin.pw" >/dev/null 2>&1
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# one whole export: how long it takes
cp "$P" "$T/whole.db"
t0=$(now_ms)
(export_bg "$T/whole.db" "$T/whole") && ok "a whole export" || fail "the export failed"
span=$(($(now_ms) - t0))
[ "$(revision "$T/whole.db")" = 1 ] && [ -s "$T/whole/DEMO-$batch-r1.bfpkg" ] &&
	ok "exported in ${span} ms" || fail "the whole export left revision $(revision "$T/whole.db")"

committed=0 rolled=0 bad=0
i=0
while [ $i -lt "$trials" ]; do
	# a long run: the whole export timed again every 50 trials, so the kills
	# follow the machine's load (1,000 trials under a load of 10 to 24 spread
	# over the span measured once all landed before the commit)
	if [ $i -gt 0 ] && [ $((i % 50)) = 0 ]; then
		echo "progress: $i of $trials kills: $committed exported, $rolled rolled back, $bad half-done"
		rm -rf "$T/whole" "$T/whole.db" "$T/whole.db-wal" "$T/whole.db-shm"
		cp "$P" "$T/whole.db"
		t0=$(now_ms)
		(export_bg "$T/whole.db" "$T/whole") && span=$(($(now_ms) - t0))
	fi
	db="$T/trial-$i.db" dir="$T/out-$i"
	cp "$P" "$db"
	mkdir "$dir"
	# kill after 0 .. span*1.1 ms, spread over the trials
	delay=$((span * 11 * i / (10 * trials)))
	(export_bg "$db" "$dir") &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	rev=$(revision "$db")
	if [ -e "$dir/DEMO-$batch-r1.bfpkg" ] || [ -e "$dir/DEMO-$batch-r1.pdf" ]; then
		if [ "$rev" = 1 ]; then committed=$((committed + 1)); else
			bad=$((bad + 1))
			fail "trial $i (killed after $delay ms): a file under its name, the database at revision $rev: $(ls -A "$dir")"
		fi
	else
		[ "$rev" = 1 ] && committed=$((committed + 1)) || rolled=$((rolled + 1))
	fi
	# what a killed export leaves, `bangfu check` sweeps, and the next start
	if [ $((i % 2)) = 0 ]; then
		after=check
		bf --db "$db" check >/dev/null 2>&1
	else
		after="the next start"
		adm --db "$db" case list >/dev/null 2>&1
	fi
	left=$(ls -A "$dir" | grep -v "^DEMO-$batch-r1\.\(bfpkg\|pdf\)$")
	[ -z "$left" ] || fail "trial $i: left after $after: $left"
	i=$((i + 1))
done
[ $bad -eq 0 ] && ok "$trials kills: $committed exported, $rolled rolled back, none half-done" ||
	fail "$bad of $trials kills left a package beside a rolled-back database"
[ $committed -gt 0 ] && [ $rolled -gt 0 ] && ok "kills landed both before and after the commit" ||
	echo "note: $committed exported, $rolled rolled back (the kills did not spread)"
finish
