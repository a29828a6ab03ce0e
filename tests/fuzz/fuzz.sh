#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Runs libFuzzer targets.  Usage: fuzz.sh SECONDS [TARGET...]
# Each target (default: every one fuzz.mk builds) first runs every committed
# seed in tests/fuzz/corpus/<target>/ once, then fuzzes for SECONDS from that corpus
# plus its work corpus $BUILD/fuzz/<target>/corpus/, where new inputs go (the
# committed corpus is only read).  A crash leaves its reproducer in
# $BUILD/fuzz/<target>/ and the full log in $BUILD/fuzz/<target>.log.
# One check per target; ends with "N passed, N failed".
set -u
build=${BUILD:-build}
secs=${1:-60}
shift
[ $# -gt 0 ] || set -- fuzz_parse fuzz_decap fuzz_encap fuzz_config fuzz_cmd \
	fuzz_pipe
seeds_root=$(dirname "$0")/corpus
pass=0
fail=0

# What went wrong (failed check or sanitizer report) and its top frames.
report() {
	grep -m1 -E 'FUZZ CHECK FAILED|ERROR: [A-Za-z]+Sanitizer|ERROR: libFuzzer|runtime error' "$1"
	grep -E '^ +#[0-9]+ ' "$1" |
		grep -vE 'fuzzer::|__sanitizer_print|libc|pthread_kill|raise\.c|abort\.c|fuzz_fail| in (main|_start) ' |
		head -n 8
}

for t in "$@"; do
	bin=$build/tests/fuzz/$t
	seeds=$seeds_root/$t
	work=$build/fuzz/$t
	log=$build/fuzz/$t.log
	mkdir -p "$work/corpus"
	if [ ! -x "$bin" ] || [ ! -d "$seeds" ]; then
		echo "$t: FAIL: $bin not built or $seeds missing"
		fail=$((fail + 1))
		continue
	fi
	# Every committed seed (regression inputs included) once.
	if ! "$bin" "$seeds"/* >"$log" 2>&1; then
		seed=$(sed -n 's/^Running: //p' "$log" | tail -n 1)
		echo "$t: FAIL on a committed seed (log $log)"
		report "$log"
		echo "$t: reproducer $seed; rerun: $bin $seed"
		fail=$((fail + 1))
		continue
	fi
	nseeds=$(ls "$seeds" | wc -l)
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len=9400 -print_final_stats=1 -artifact_prefix="$work/" \
		"$work/corpus" "$seeds" >>"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	stats=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1 |
		sed -E 's/.*(cov: [0-9]+ ft: [0-9]+ corp: [0-9]+).*/\1/')
	if [ "$rc" -eq 0 ]; then
		echo "$t: ok, $nseeds seeds, ${secs}s, ${runs:-?} runs, ${stats:-no stats}"
		pass=$((pass + 1))
	else
		art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
		echo "$t: FAIL (exit $rc) after ${runs:-?} runs; log $log"
		report "$log"
		echo "$t: reproducer ${art:-(none written)}; rerun: $bin ${art:-FILE}"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
