#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# make bench: table programming through mcnic-sim's socket (libmcnic ->
# socket -> firmware), then through the kernel driver in the QEMU guest
# (libmcnic -> /dev/mcnic0 -> BAR mailbox over the shm bus -> firmware),
# TBLBENCH_N routes (default 60000) in batches of 1 .. a full message.
set -u
build=${BUILD:-build}
n=${TBLBENCH_N:-60000}
w=$build/tests/bench/tblbench.d
rm -rf "$w"
mkdir -p "$w"

echo "== table programming through mcnic-sim's socket"
"$build/bin/mcnic-sim" run --socket "$w/sim.sock" --log "$w/sim.log" &
sim=$!
for _ in $(seq 100); do [ -S "$w/sim.sock" ] && break; sleep 0.1; done
"$build/tests/bench/tblbench" "sim:$w/sim.sock" "$n"
rc=$?
kill "$sim"
wait "$sim"

echo
echo "== table programming through the kernel driver (QEMU guest, TCG)"
HIL_APPEND="hil.tblbench_n=$n" HIL_SCENARIO_TIMEOUT=900 HIL_TIMEOUT=1000 \
	tests/hil/run.sh tblbench || rc=1
sed -n 's/^tblbench: //p' "$build/hil/logs/console.log"
exit $rc
