#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Test suite bench/flowbench-smoke: on a small table, mcnic's flow cache and
# rte_hash (lock-free and default flags) must return the same answer for
# every key -- hits with the same gen and action, and misses -- before and
# after deleting a quarter of the flows; then the timed loops run once.
exec "${BUILD:-build}/tests/bench/flowbench" --smoke "$@"
