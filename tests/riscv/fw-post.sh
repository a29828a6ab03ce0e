#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Boots build/firmware/mcnic-fw.elf under qemu-system-riscv64 and checks its
# data-plane self-test.  The firmware ends the emulator itself (test
# finisher); the timeout only guards against a hang.
set -u
elf=${1:-${BUILD:-build}/firmware/mcnic-fw.elf}
out=$(timeout 60 qemu-system-riscv64 -machine virt -bios none -nographic \
	-monitor none -serial stdio -kernel "$elf" 2>&1)
rc=$?
echo "$out"
if [ $rc -eq 0 ] && grep -q 'self-test passed' <<<"$out"; then
	echo "1 passed, 0 failed"
else
	echo "qemu exit $rc"
	echo "0 passed, 1 failed"
	exit 1
fi
