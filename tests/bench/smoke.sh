#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Test suite bench/smoke: the benchmark binary's quick mode.  Every
# operation make bench times runs two passes round a 2048-frame ring and
# must succeed with the expected lengths; mcnic's encap output must equal
# the DPDK baseline's byte for byte and both decaps must restore the inner
# frames.  No timing claims.
exec "${BUILD:-build}/tests/bench/pktbench" --smoke "$@"
