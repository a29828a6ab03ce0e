#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The oracle vectors on the NIC cores' ISA: the RISC-V build of the data
# plane and of the runner, under qemu-system-riscv64 with semihosting (the
# runner's exit code comes back as QEMU's).  timeout guards against a hang.
set -u
elf=${1:-${BUILD:-build}/tests/oracle/riscv/vectors.elf}
if [ ! -f "$elf" ]; then
	echo "missing $elf"
	exit 1
fi
timeout 120 qemu-system-riscv64 -machine virt -bios none -nographic \
	-monitor none -semihosting-config enable=on,target=native \
	-kernel "$elf"
rc=$?
[ $rc -eq 124 ] && echo "qemu timed out"
exit $rc
