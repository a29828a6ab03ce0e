#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# hdl/gen/mcnic_pkg.sv must be what hdlgen makes of include/mcnic/ now, and
# every RTL file must pass `verilator --lint-only -Wall`.
set -u
BUILD=${BUILD:-build}
pass=0 fail=0
if "$BUILD/hdl/hdlgen" | diff -u hdl/gen/mcnic_pkg.sv - ; then
	echo "ok: hdl/gen/mcnic_pkg.sv matches include/mcnic/"; pass=$((pass + 1))
else
	echo "FAIL: hdl/gen/mcnic_pkg.sv is stale: run make hdl-gen"; fail=$((fail + 1))
fi
for f in hdl/rtl/*.sv; do
	top=$(basename "$f" .sv)
	if verilator --lint-only -Wall -Ihdl/rtl --top-module "$top" \
		hdl/gen/mcnic_pkg.sv hdl/rtl/*.sv >/tmp/lint.$$ 2>&1; then
		echo "ok: lint $top"; pass=$((pass + 1))
	else
		cat /tmp/lint.$$; echo "FAIL: lint $top"; fail=$((fail + 1))
	fi
done
rm -f /tmp/lint.$$
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
