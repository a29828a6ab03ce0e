#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Test suite sim/tap (see tap_test.py).
set -eu
build=${BUILD:-build}
work=$build/tests/sim/tap
rm -rf "$work"
mkdir -p "$work"
exec /usr/bin/python3 tests/sim/tap_test.py "$build/bin/mcnic-sim" "$work"
