#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Test suite sim/flash (see flash_test.py): the build's signed image, the
# tool and key that made it.
set -eu
build=${BUILD:-build}
work=$build/tests/sim/flash
rm -rf "$work"
mkdir -p "$work"
exec /usr/bin/python3 tests/sim/flash_test.py "$build/bin/mcnic-sim" \
	"$build/bin/mcnic-fwimage" "$build/firmware/mcnic-fw.bin" \
	"$build/firmware/mcnic-fw.raw" "$build/firmware/caps.dtb" \
	"$build/keys/mcnic-dev.key" "$work"
