#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# shellcheck shell=dash source=/dev/null
# Table programming through the driver: tblbench (tests/bench) adds and
# deletes routes through /dev/mcnic0 in batches of every size and checks
# nothing is left behind.  In make test it is a smoke run (2000 routes);
# make bench sets hil.tblbench_n on the kernel command line for the
# measurement (tests/bench/tblbench.sh).
. /hil/lib.sh

n=$(sed -n 's/.*hil\.tblbench_n=\([0-9]*\).*/\1/p' /proc/cmdline)
[ -x /usr/bin/tblbench ] || hil_fail "no tblbench in the initramfs"
hil_insmod
out=$(tblbench mcnic0 "${n:-2000}" 2>&1)
rc=$?
echo "$out" | sed 's/^/tblbench: /'
rmmod mcnic
[ $rc -eq 0 ] || hil_fail "tblbench: $(echo "$out" | tail -n 2 | tr '\n' ' ')"
hil_pass
