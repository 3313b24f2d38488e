#!/bin/sh
# kill_1000.sh — the SIGKILL loops at full length (issue 18): an export
# killed at any moment (tests/cli/export_kill.sh) and a case import, a
# package import and workflow steps (tests/cli/kill_loop.sh), KILL_TRIALS
# trials each (default 1000; `make check` runs 50). From the build folder:
#   sh ../tests/kill_1000.sh          (BANGFU defaults to ./bangfu)
# Prints each loop's summary; exit status 1 when a trial failed.
here=$(cd "$(dirname "$0")/.." && pwd)
export top_srcdir="$here"
export BANGFU="${BANGFU:-$PWD/bangfu}" KILL_TRIALS="${KILL_TRIALS:-1000}"
[ -x "$BANGFU" ] || { echo "no bangfu at $BANGFU (run from the build folder or set BANGFU)"; exit 2; }
rc=0
for t in export_kill kill_loop; do
	log="${TMPDIR:-/tmp}/bangfu-$t-$$.log"
	start=$(date +%s)
	if sh "$here/tests/cli/$t.sh" >"$log" 2>&1; then r=passed; else r=FAILED; rc=1; fi
	echo "$t: $KILL_TRIALS trials, $r in $(($(date +%s) - start)) s"
	grep -E '^(FAIL|ok: [0-9]+ kills)' "$log"
	[ $r = passed ] && rm -f "$log" || echo "  (whole log: $log)"
done
exit $rc
