#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# make bench: the firmware pipeline against an OVS-DPDK-style datapath
# (tests/bench/pipebench.c has what is measured and how).  Instructions
# per packet first (pipebench --callgrind under valgrind: one dump per row
# and side), then the timed run, which prints them beside the Mpps.
# Extra arguments go to the timed run (e.g. --runs 15).
set -eu
build=${BUILD:-build}
bin=$build/tests/bench/pipebench
out=$build/tests/bench/callgrind-pipebench
start=$SECONDS

rm -rf "$out"
mkdir -p "$out"
echo "bench: pipebench instructions per packet: valgrind --tool=callgrind $bin --callgrind" >&2
if ! valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" \
	"$bin" --callgrind >"$out/log" 2>&1; then
	tail -n 30 "$out/log" >&2
	echo "bench: the pipebench callgrind run failed (log: $out/log)" >&2
	exit 1
fi
# Each dump says "desc: Trigger: Client Request: <row>.<side>:<packets>"
# and "summary: <Ir>" (the Ir between zeroing the counters and the dump).
for f in "$out"/cg.out.*; do
	awk '/^desc: Trigger: Client Request: / { l = $NF }
	     /^summary: / { s = $2 }
	     END { n = split(l, a, ":"); if (n == 2) print a[1], a[2], s }' "$f"
done | sort >"$out/ir.txt"
if [ ! -s "$out/ir.txt" ]; then
	echo "bench: no callgrind dumps in $out" >&2
	exit 1
fi
rc=0
"$bin" --ir "$out/ir.txt" "$@" || rc=$?
echo "bench: pipebench done in $((SECONDS - start)) s" >&2
exit $rc
