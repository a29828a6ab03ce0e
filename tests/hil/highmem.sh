#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The HIL scenarios uapi and traffic in a guest with 3 GiB of RAM: from
# 2.75 GiB on, q35 puts RAM above 4 GiB (the last GiB here), where the
# kernel allocates first, so the mailbox's DMA buffer and the queues' rings
# and pages land there.  mcnic-sim must map guest RAM as q35 lays it out;
# its log must say so.  Ends with "N passed, N failed" like run.sh.
set -u
B=${BUILD:-build}
logs=$B/hil/logs-highmem
out=$(HIL_RAM=3G HIL_LOGS=$logs "$(dirname "$0")/run.sh" uapi traffic)
rc=$?
echo "$out" | sed '$d'
line=$(echo "$out" | tail -n 1)
pass=${line%% passed*}
fail=$(echo "$line" | sed -nE 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/p')
[[ $pass =~ ^[0-9]+$ && $fail =~ ^[0-9]+$ ]] || { echo "$line"; exit 1; }
if grep -q 'mapped: DMA 0x0..0x7fffffff and 0x100000000..0x13fffffff' "$logs/sim.log"; then
	echo "ok   highmem: guest RAM mapped below and above 4 GiB"
	pass=$((pass + 1))
else
	echo "FAIL highmem: $(grep 'guest RAM' "$logs/sim.log" | tail -n 1)"
	fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$rc" -eq 0 ] && [ "$fail" -eq 0 ]
