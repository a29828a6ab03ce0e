#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Test suite bench/pipebench-smoke: the pipeline benchmark's quick mode.
# Both sides programmed alike; probe flows over the whole address plan
# decided alike (forwarded, denied by a rule, denied by the VRF default);
# a small hit pass all forwarded and all flow-cache hits; a miss pass all
# installs; every cached flow with the same decision and counters on both
# sides, and their output frames equal byte for byte.  No timing claims.
exec "${BUILD:-build}/tests/bench/pipebench" --smoke "$@"
