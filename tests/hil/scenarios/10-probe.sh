#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# shellcheck shell=dash source=/dev/null
# mcnic.ko binds to mcnic-sim's device and lets go of it: insmod, the
# device bound to driver mcnic, a clean kernel log, rmmod, the device
# free again; six times over, so that what one load leaves behind (an
# IRQ, a sysfs entry, a mapping) trips the next.  No mcnic.ko in the
# initramfs is a failure: it is what this scenario tests.
. /hil/lib.sh
. /hil/info

LOADS=6

[ -f /mcnic.ko ] ||
	hil_fail "/mcnic.ko is not in the initramfs: $MCNIC_KO_HOST"
dev=$(hil_nic_dev) || hil_fail "no PCI device 1af4:1110"
addr=${dev##*/}

for m in $(cat /mcnic.deps); do
	out=$(modprobe "$m" 2>&1) || hil_fail "modprobe $m (mcnic.ko needs it): $out"
done

# bound: 0 when $addr is bound to mcnic, within 5 s (probing may be
# asynchronous).
bound() {
	local i

	for i in $(seq 50); do
		[ -e "/sys/bus/pci/drivers/mcnic/$addr" ] &&
			[ "$(basename "$(readlink "$dev/driver")")" = mcnic ] &&
			return 0
		sleep 0.1
	done
	return 1
}

i=1
while [ $i -le $LOADS ]; do
	hil_mark "load $i"
	out=$(insmod /mcnic.ko 2>&1) || {
		hil_dmesg_since "load $i" | tail -n 20
		fail "insmod #$i: $out"
	}
	if ! bound; then
		hil_dmesg_since "load $i" | tail -n 20
		fail "insmod #$i: $addr not bound to mcnic (/sys/bus/pci/drivers/mcnic: $(ls /sys/bus/pci/drivers/mcnic 2>&1 | tr '\n' ' '))"
	fi
	bad=$(hil_dmesg_clean "load $i") ||
		fail "insmod #$i: the kernel complained: $(echo "$bad" | head -n 3 | tr '\n' ' ')"
	[ $i -eq 1 ] && hil_dmesg_since "load $i" | sed 's/^/probe: /'
	out=$(rmmod mcnic 2>&1) || fail "rmmod #$i: $out"
	[ ! -e /sys/bus/pci/drivers/mcnic ] ||
		fail "rmmod #$i: /sys/bus/pci/drivers/mcnic is still there"
	[ ! -e "$dev/driver" ] ||
		fail "rmmod #$i: $addr still bound to $(basename "$(readlink "$dev/driver")")"
	! grep -q '^mcnic ' /proc/modules || fail "rmmod #$i: mcnic still in /proc/modules"
	bad=$(hil_dmesg_clean "load $i") ||
		fail "rmmod #$i: the kernel complained: $(echo "$bad" | head -n 3 | tr '\n' ' ')"
	i=$((i + 1))
done
echo "probe: $LOADS x insmod/bind/rmmod of mcnic.ko on $addr, kernel log clean"
hil_pass
