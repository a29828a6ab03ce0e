#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# make bench: mcnic's LPM beside DPDK's rte_lpm, rte_fib, rte_lpm6 and
# rte_fib6 on a 1 M-prefix IPv4 and a 250 k-prefix IPv6 BGP-like table.
# Extra arguments go to lpmbench (e.g. --runs 15, --burst 32).
set -eu
exec "${BUILD:-build}/tests/bench/lpmbench" "$@"
