#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# make bench: instructions per packet first (PROG --callgrind under
# valgrind: one callgrind dump per operation and side, named after it),
# then the timed run, which prints the table with those counts beside the
# times.  Extra arguments go to the timed run (e.g. --runs 15).
# PROG is pktbench, the dumps go to callgrind/ beside it; another program
# that speaks the same --callgrind / --ir protocol sets BENCH_PROG and
# BENCH_CG_DIR (pipebench.sh).
set -eu
build=${BUILD:-build}
bin=$build/tests/bench/${BENCH_PROG:-pktbench}
out=$build/tests/bench/${BENCH_CG_DIR:-callgrind}
# Progress lines name the program unless it is pktbench.
who=${BENCH_PROG:+$BENCH_PROG }
start=$SECONDS

rm -rf "$out"
mkdir -p "$out"
echo "bench: ${who}instructions per packet: valgrind --tool=callgrind $bin --callgrind" >&2
if ! valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" \
	"$bin" --callgrind >"$out/log" 2>&1; then
	tail -n 30 "$out/log" >&2
	echo "bench: the ${who}callgrind run failed (log: $out/log)" >&2
	exit 1
fi
# Each dump says "desc: Trigger: Client Request: <label>:<packets>" and
# "summary: <Ir>" (the Ir between zeroing the counters and the dump).
for f in "$out"/cg.out.*; do
	awk '/^desc: Trigger: Client Request: / { l = $NF }
	     /^summary: / { s = $2 }
	     END { n = split(l, a, ":"); if (n == 2) print a[1], a[2], s }' "$f"
done | sort >"$out/ir.txt"
if [ ! -s "$out/ir.txt" ]; then
	echo "bench: no callgrind dumps in $out" >&2
	exit 1
fi
echo "bench: $(wc -l <"$out/ir.txt") callgrind counts in $out/ir.txt ($((SECONDS - start)) s)" >&2
rc=0
"$bin" --ir "$out/ir.txt" "$@" || rc=$?
echo "bench: ${who}done in $((SECONDS - start)) s" >&2
exit $rc
