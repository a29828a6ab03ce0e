#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Test suite fuzz/smoke: every committed seed, then ~20 s of fuzzing per
# target (FUZZ_SMOKE_SECONDS), one check per target.
set -u
exec "$(dirname "$0")/fuzz.sh" "${FUZZ_SMOKE_SECONDS:-20}" fuzz_parse fuzz_decap fuzz_encap fuzz_config fuzz_cmd \
	fuzz_pipe
