#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Test suite bench/lpmbench-smoke: on 50 k IPv4 and 20 k IPv6 prefixes,
# every DPDK lookup variant lpmbench times must return mcnic's next hop for
# every address, before and after a third of the prefixes are deleted from
# both.  No timing claims.
exec "${BUILD:-build}/tests/bench/lpmbench" --smoke "$@"
