#!/bin/sh
# run.sh — fuzz the package codec (tests/fuzz/fuzz_package.c) and the CSV
# import path (tests/fuzz/fuzz_csv.c) with libFuzzer under ASan and UBSan,
# FUZZ_SECONDS each, starting from the committed corpora.
#   sh tests/fuzz/run.sh            check the seeds, fuzz FUZZ_SECONDS (60)
#   sh tests/fuzz/run.sh --regen    rewrite the seeds (tests/fuzz/corpus/seed-*)
# Needs clang and libclang-rt-14-dev (Debian 12). Exits non-zero on a crash,
# a leak, a broken rule in the harness, or seeds that make_corpus.c would no
# longer write; a crashing input is kept and its path printed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
secs=${FUZZ_SECONDS:-60}
CC=${FUZZ_CC:-clang}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
# these sources need nothing from the configure-made config.h
printf '#define PACKAGE "bangfu"\n#ifndef _GNU_SOURCE\n#define _GNU_SOURCE 1\n#endif\n' >"$tmp/config.h"
cflags="-std=c11 -g -O1 -Wall -Wextra -Werror -I$tmp -I$top/include $(pkg-config --cflags libsodium jansson)"
libs=$(pkg-config --libs libsodium jansson)
srcs="$top/src/domain/package.c $top/src/domain/common.c $top/src/domain/holiday.c $top/src/domain/date.c $top/src/domain/outfile.c $top/src/domain/code.c"
fuzz_srcs="$srcs $top/src/domain/submission.c $top/src/domain/workflow.c"
csv_srcs="$top/src/domain/csv.c $top/src/domain/case_import.c $top/src/domain/common.c
	$top/src/domain/date.c $top/src/domain/ident.c $top/src/domain/money.c
	$top/src/domain/casefile.c $top/src/domain/eligibility.c $top/src/domain/holiday.c
	$top/src/domain/documents.c $top/src/domain/sanitize.c"

# the seeds: make_corpus.c writes the same bytes every time
# shellcheck disable=SC2086
$CC $cflags -o "$tmp/make_corpus" "$here/make_corpus.c" $srcs $libs
mkdir "$tmp/seeds"
"$tmp/make_corpus" "$tmp/seeds"
if [ "${1:-}" = "--regen" ]; then
	cp "$tmp"/seeds/* "$here/corpus/"
	echo "fuzz: wrote $(ls "$tmp/seeds" | wc -l) seeds to tests/fuzz/corpus"
	exit 0
fi
for f in "$tmp"/seeds/*; do
	name=$(basename "$f")
	if ! cmp -s "$f" "$here/corpus/$name"; then
		echo "fuzz: tests/fuzz/corpus/$name is not what make_corpus.c writes;" \
			"run: sh tests/fuzz/run.sh --regen" >&2
		exit 1
	fi
done

# fuzz NAME DICT CORPUS SOURCES... — build tests/fuzz/NAME.c with libFuzzer,
# ASan and UBSan and run it FUZZ_SECONDS from the committed corpus
fuzz() {
	name=$1 dict=$2 corpus=$3
	shift 3
	# shellcheck disable=SC2086
	$CC $cflags -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o "$tmp/$name" "$here/$name.c" "$@" $libs
	rm -rf "$tmp/corpus" "$tmp/artifacts"
	mkdir "$tmp/corpus" "$tmp/artifacts"
	cp "$here/$corpus"/* "$tmp/corpus/"
	seeds=$(ls "$tmp/corpus" | wc -l)

	echo "fuzz: $name: $seeds seeds, ${secs}s"
	rc=0
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$tmp/$name" -max_total_time="$secs" -timeout=25 -print_final_stats=1 \
		-dict="$here/$dict" -artifact_prefix="$tmp/artifacts/" -rss_limit_mb=2048 \
		"$tmp/corpus" >"$tmp/log" 2>&1 || rc=$?

	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$tmp/log")
	size=$(ls "$tmp/corpus" | wc -l)
	bytes=$(du -sk "$tmp/corpus" | cut -f1)
	echo "fuzz: $name: ${execs:-?} runs, ${speed:-?} execs/s, corpus $seeds -> $size inputs (${bytes} KiB)"
	if [ "$rc" -ne 0 ] || ls "$tmp"/artifacts/* >/dev/null 2>&1; then
		tail -60 "$tmp/log"
		keep=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-fuzz-crash.XXXXXX")
		cp "$tmp"/artifacts/* "$keep/" 2>/dev/null || true
		echo "fuzz: $name FAILED (exit $rc); crashing inputs kept in $keep" >&2
		for f in "$keep"/*; do
			[ -f "$f" ] && { echo "== $f"; od -c "$f" | head -20; }
		done
		exit 1
	fi
	echo "fuzz: $name: no crash, no leak"
}

# shellcheck disable=SC2086
fuzz fuzz_package package.dict corpus $fuzz_srcs
# the CSV path of `bangfu case import` (issue 18): decoding, parsing, households
# shellcheck disable=SC2086
fuzz fuzz_csv csv.dict corpus-csv $csv_srcs
