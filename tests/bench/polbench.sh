#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# make bench: the policy classifier against rte_acl at 64 k rules (see
# polbench.c).  Extra arguments go to polbench (e.g. --runs 9).
set -eu
exec "${BUILD:-build}/tests/bench/polbench" "$@"
