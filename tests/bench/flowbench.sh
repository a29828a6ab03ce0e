#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# make bench: the flow cache against rte_hash (tests/bench/flowbench.c has
# what is measured and how).  Extra arguments go to flowbench (e.g. --runs
# 9, --quick for 1 M flows only).
set -eu
build=${BUILD:-build}
start=$SECONDS
rc=0
"$build/tests/bench/flowbench" "$@" || rc=$?
echo "bench: flowbench done in $((SECONDS - start)) s" >&2
exit $rc
