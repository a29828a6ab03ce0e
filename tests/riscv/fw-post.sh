#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Boots build/firmware/mcnic-fw.elf under qemu-system-riscv64 and checks its
# self-tests: encap/decap per tunnel type, the pipeline (tables, slow
# path, flow cache, ingress checks) and the mailbox (the same tables
# programmed by command messages, counters, dump, refusal, reset).  The
# firmware ends the emulator itself (test finisher); the timeout only
# guards against a hang.
set -u
elf=${1:-${BUILD:-build}/firmware/mcnic-fw.elf}
out=$(timeout 60 qemu-system-riscv64 -machine virt -bios none -nographic \
	-monitor none -serial stdio -kernel "$elf" 2>&1)
rc=$?
echo "$out"
pass=0
fail=0
for want in 'self-test passed (vxlan' 'pipeline self-test passed' \
	    'mailbox self-test passed'; do
	if [ $rc -eq 0 ] && grep -qF "$want" <<<"$out"; then
		pass=$((pass + 1))
	else
		echo "FAIL: no '$want' (qemu exit $rc)"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
