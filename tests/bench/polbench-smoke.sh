#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Test suite bench/polbench-smoke: polbench's quick mode.  2048 rules in
# 4 VRFs, in several variants (realistic, ties, edge queries, after
# deletes and adds): the policy classifier and rte_acl must pick the same
# rule for every query.  No timing claims.
exec "${BUILD:-build}/tests/bench/polbench" --smoke "$@"
