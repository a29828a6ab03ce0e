#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Test suite sim/dma (see dma_test.py).
set -eu
build=${BUILD:-build}
work=$build/tests/sim/dma
rm -rf "$work"
mkdir -p "$work"
exec /usr/bin/python3 tests/sim/dma_test.py "$build/bin/mcnic-sim" "$work"
