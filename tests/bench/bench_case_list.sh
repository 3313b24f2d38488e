#!/bin/sh
# bench_case_list.sh — `bangfu case list --json` and plain `case list` on a
# filled database (bench_list --db PATH makes one), beside bare SQLite
# (the sqlite3 shell) running the same query: the same columns, the
# district's accepted amount per row, in number order, written out as JSON
# (json_object) or as text. Median of RUNS runs, in seconds: wall clock,
# and CPU (user + system) which a loaded machine disturbs less.
#   sh tests/bench/bench_case_list.sh BANGFU DB [RUNS]
# A database without accounts gets an administrator "bench" first; the
# test-hooks build (setup.sh test) makes the password hashing cheap.
set -eu
bangfu=$1 db=$2 runs=${3:-5}
export BANGFU_TEST_PWHASH_MIN=1 BANGFU_USER=bench
pw=$(mktemp)
trap 'rm -f "$pw"' EXIT
printf 'Qd7-wenjian-2026\nQd7-wenjian-2026\n' > "$pw"
if [ "$(sqlite3 "$db" 'SELECT count(*) FROM operator' 2>/dev/null || echo 0)" = 0 ]; then
	"$bangfu" --db "$db" --lang en --password-fd 3 init --admin bench --unit 基准测试单位 \
		3<"$pw" >/dev/null 2>&1
fi
# run OUT CMD...: append "wall cpu" of CMD (stdout discarded) to OUT
run() {
	_out=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$_out.t" "$@" >/dev/null
	awk '{printf "%s %.3f\n", $1, $2 + $3}' "$_out.t" >> "$_out"
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
acc="(SELECT CASE WHEN d.decision = 'accept' THEN d.amount END FROM district_decision d
 WHERE d.case_id = case_file.id ORDER BY d.id DESC LIMIT 1)"
bare_json="SELECT json_object('number', number, 'name', name, 'id_number', id_mask,
 'department', department, 'status', status, 'category', first_category,
 'household_size', household_size, 'per_capita_fen', per_capita, 'accepted', $acc)
 FROM case_file ORDER BY number"
bare_text="SELECT number, name, id_mask, department, status, first_category, per_capita,
 household_size, $acc FROM case_file ORDER BY number"
n=$(sqlite3 "$db" 'SELECT count(*) FROM case_file')
for what in json plain; do
	: > "$pw.app"
	: > "$pw.bare"
	for r in $(seq "$runs"); do
		if [ $what = json ]; then
			run "$pw.app" "$bangfu" --db "$db" --lang en --password-fd 3 case list --json 3<"$pw"
			run "$pw.bare" sqlite3 "$db" "$bare_json"
		else
			run "$pw.app" "$bangfu" --db "$db" --lang en --password-fd 3 case list 3<"$pw"
			run "$pw.bare" sqlite3 "$db" "$bare_text"
		fi
	done
	a=$(cut -d' ' -f1 "$pw.app" | median) b=$(cut -d' ' -f1 "$pw.bare" | median)
	ac=$(cut -d' ' -f2 "$pw.app" | median) bc=$(cut -d' ' -f2 "$pw.bare" | median)
	printf 'case list %-6s %8d files: bangfu %7.2f s (CPU %6.2f)  bare %7.2f s (CPU %6.2f)  ratio %5.2f (CPU %5.2f)  median of %d\n' \
		"$what" "$n" "$a" "$ac" "$b" "$bc" "$(echo "$a / $b" | bc -l)" "$(echo "$ac / $bc" | bc -l)" "$runs"
done
rm -f "$pw.app" "$pw.bare" "$pw.app.t" "$pw.bare.t"
