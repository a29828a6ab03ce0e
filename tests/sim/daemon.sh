#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Test suite sim/daemon (see daemon_test.py).
set -eu
build=${BUILD:-build}
work=$build/tests/sim/daemon
rm -rf "$work"
mkdir -p "$work"
exec /usr/bin/python3 tests/sim/daemon_test.py "$build/bin/mcnic-sim" "$work"
