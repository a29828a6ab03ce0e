#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# make bench: the firmware pipeline against an OVS-DPDK-style datapath
# (tests/bench/pipebench.c has what is measured and how).  Instructions
# per packet first (pipebench --callgrind under valgrind: one dump per row
# and side, labelled <row>.<side>), then the timed run, which prints them
# beside the Mpps; bench.sh does both.  Extra arguments go to the timed run
# (e.g. --runs 15).
BENCH_PROG=pipebench BENCH_CG_DIR=callgrind-pipebench \
	exec "$(dirname "$0")/bench.sh" "$@"
