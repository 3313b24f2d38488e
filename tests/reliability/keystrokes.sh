#!/bin/sh
# keystrokes.sh — random keystrokes at length (issue 18): KEYS keys (default
# 1,000,000) into the real screens, in runs of CHUNK keys (default 50,000),
# each with its own seed (SEED, SEED+1, ...) and a fresh demo database; every
# run checks no crash, no hang and `bangfu check` (tests/reliability/
# keystrokes.c; `make check` runs 5,000 keys of one seed). From the build
# folder:
#   sh ../tests/reliability/keystrokes.sh          (BANGFU defaults to ./bangfu)
# A failing run prints its seed and last keys; replay it with
#   BANGFU=./bangfu tests/reliability/keystrokes --seed S --keys N
# Exit status 1 when a run failed.
: "${KEYS:=1000000}" "${CHUNK:=50000}" "${SEED:=1}"
export BANGFU="${BANGFU:-$PWD/bangfu}"
prog="${KEYSTROKES:-$PWD/tests/reliability/keystrokes}"
[ -x "$BANGFU" ] && [ -x "$prog" ] ||
	{ echo "no bangfu or tests/reliability/keystrokes here (run from the build folder after make check)"; exit 2; }
done_keys=0 seed=$SEED rc=0 runs=0 start=$(date +%s)
while [ "$done_keys" -lt "$KEYS" ]; do
	n=$CHUNK
	[ $((KEYS - done_keys)) -lt "$n" ] && n=$((KEYS - done_keys))
	log="${TMPDIR:-/tmp}/bangfu-keys-$seed.log"
	if "$prog" --seed "$seed" --keys "$n" >"$log" 2>&1; then
		rm -f "$log"
	else
		rc=1
		echo "FAIL: seed $seed, $n keys (log: $log)"
		grep -E '^(not ok|# |keystrokes:|replay:|the last keys)' "$log"
	fi
	done_keys=$((done_keys + n)) seed=$((seed + 1)) runs=$((runs + 1))
	echo "$done_keys keys in $runs runs, $(($(date +%s) - start)) s"
done
echo "keystrokes: $done_keys keys, seeds $SEED..$((seed - 1)), $([ $rc = 0 ] && echo passed || echo FAILED) in $(($(date +%s) - start)) s"
exit $rc
