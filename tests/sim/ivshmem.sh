#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Test suite sim/ivshmem (see ivshmem_test.py).
set -eu
build=${BUILD:-build}
work=$build/tests/sim/ivshmem
rm -rf "$work"
mkdir -p "$work"
exec /usr/bin/python3 tests/sim/ivshmem_test.py "$build/bin/mcnic-sim" "$work"
