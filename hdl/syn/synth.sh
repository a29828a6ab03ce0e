#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Generic synthesis of the HDL pipeline (mcnic_pipeline) with Debian's
# yosys: fails on a latch, prints the cell count and the longest logic path.
#
# usage: hdl/syn/synth.sh [OUT_DIR]      (default build/hdl/syn)
#
# yosys 0.23 does not read all of the RTL's SystemVerilog, so prep.py first
# writes a copy it reads (OUT_DIR/mcnic_yosys.sv; the sources are not
# touched), then synth.ys runs in OUT_DIR.  Outputs there: synth.log,
# stat_modules.txt (RTL cells per module), stat_gates.txt, memories.il,
# ltp.txt (the path) and summary.txt (the line printed last).
set -eu

out=${1:-build/hdl/syn}
src=$(cd "$(dirname "$0")/../.." && pwd)

if ! command -v yosys >/dev/null 2>&1; then
	echo "hdl-synth: yosys is not installed (Debian package yosys)" >&2
	exit 1
fi
mkdir -p "$out"
rm -f "$out/summary.txt"

/usr/bin/python3 "$src/hdl/syn/prep.py" --top mcnic_pipeline \
	"$out/mcnic_yosys.sv" "$src/hdl/gen/mcnic_pkg.sv" "$src"/hdl/rtl/*.sv

echo "hdl-synth: yosys $(yosys -V | awk '{print $2}'), mcnic_pipeline with" \
	"LOG2_BUCKETS=6 LOG2_TMPLS=2 LOG2_TUNS=2 PORTS=32 (log: $out/synth.log)"
cd "$out"
t0=$(date +%s)
if ! yosys -q -l synth.log -s "$src/hdl/syn/synth.ys" >yosys.out 2>&1; then
	grep -E "ERROR|Assert" synth.log | head -20 >&2
	if [ -s latches.txt ]; then
		echo "hdl-synth: latches (RTL cells):" >&2
		sed 's/^/  /' latches.txt >&2
	fi
	echo "hdl-synth: yosys failed, see $out/synth.log" >&2
	exit 1
fi
t1=$(date +%s)

# Cells of the flattened top; flip-flops are the $_*DFF*_ cells.
cells=$(awk '/Number of cells:/ {n = $NF} END {print n + 0}' stat_gates.txt)
ffs=$(awk '$1 ~ /^\$_(S|AL)?DFF/ {n += $2} END {print n + 0}' stat_gates.txt)
# RAMs ($mem_v2): count and bits (SIZE x WIDTH).
mems=$(awk '
	function val(s) {       # 32'"'"'0101 or 123
		if (s !~ /'"'"'/) return s + 0
		sub(/.*'"'"'/, "", s); v = 0
		for (i = 1; i <= length(s); i++) v = v * 2 + substr(s, i, 1)
		return v
	}
	$1 == "cell" && $2 == "$mem_v2" { n++ }
	$1 == "parameter" && $2 == "\\SIZE" { size = val($3) }
	$1 == "parameter" && $2 == "\\WIDTH" { width = val($3) }
	$1 == "end" && size { bits += size * width; size = 0 }
	END { printf "%d %d", n, bits }' memories.il)
nmem=${mems% *}
mbits=${mems#* }
path=$(sed -n 's/.*(length=\([0-9]*\)).*/\1/p' ltp.txt | head -1)
warn=$(grep -c "^Warning:" synth.log || true)
problems=$(sed -n 's/.*Found and reported \([0-9]*\) problems.*/\1/p' check.txt)

echo "hdl-synth: own RTL cells of the largest modules (before flattening):"
awk '/^=== / {m = $2} /Number of cells:/ && m != "design" {print $NF, m}' \
	stat_modules.txt | sort -n -r | head -8 |
	sed -e 's/\$paramod\\//; s/\$paramod\$[0-9a-f]*\\//' \
	    -e "s/\\\\[A-Z_0-9]*=[^ ]*//g" | awk '{printf "  %7d  %s\n", $1, $2}'
echo "hdl-synth: $warn yosys warnings, ${problems:-?} problems found by check" \
	"(check.txt), $((t1 - t0)) s"
echo "yosys: $cells cells (of which $ffs flip-flops), $nmem memories" \
	"($mbits bits), longest path ${path:-?} cells, no latches" |
	tee summary.txt
