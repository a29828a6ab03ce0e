#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Runs test suites and adds up their results.  Usage: run.sh NAME=CMD ...
# A suite is a program that either speaks cmocka ("[  PASSED  ] N test(s).")
# or ends with a line "N passed, N failed".  A suite that exits non-zero
# without reporting a failure, or reports nothing, counts as one failure:
# nothing is ever silently skipped.
set -u
logdir=${TEST_LOGDIR:-${BUILD:-build}/test-logs}
mkdir -p "$logdir"
total_pass=0
total_fail=0
failed_suites=()

for spec in "$@"; do
	name=${spec%%=*}
	cmd=${spec#*=}
	log="$logdir/${name//\//_}.log"
	start=$(date +%s)
	"$cmd" >"$log" 2>&1
	rc=$?
	secs=$(( $(date +%s) - start ))
	pass=0
	fail=0
	if grep -q '^\[==========\]' "$log"; then
		pass=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
		fail=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	else
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
		if [ -n "$line" ]; then
			pass=${line%% passed*}
			fail=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
		fi
	fi
	if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
		fail=1
	fi
	if [ "$pass" -eq 0 ] && [ "$fail" -eq 0 ]; then
		echo "  $name: reported no result" >>"$log"
		fail=1
	fi
	status=ok
	if [ "$fail" -ne 0 ]; then
		status=FAIL
		failed_suites+=("$name")
	fi
	printf '%-28s %4s  %4d passed %4d failed  %4ds\n' "$name" "$status" "$pass" "$fail" "$secs"
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
done

for name in "${failed_suites[@]}"; do
	echo "---- $name (last 40 lines of $logdir/${name//\//_}.log)"
	tail -n 40 "$logdir/${name//\//_}.log"
done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
