#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Test suite sim/traffic (see traffic_test.py).
set -eu
build=${BUILD:-build}
work=$build/tests/sim/traffic
rm -rf "$work"
mkdir -p "$work"
exec /usr/bin/python3 tests/sim/traffic_test.py "$build/bin/mcnic-sim" "$work"
