#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Test suite replay/multicloud (see replay_test.py).
set -eu
build=${BUILD:-build}
work=$build/tests/replay
rm -rf "$work"
mkdir -p "$work"
exec /usr/bin/python3 tests/replay/replay_test.py "$build/bin/mcnic-sim" \
	examples/multicloud.yaml "$work"
