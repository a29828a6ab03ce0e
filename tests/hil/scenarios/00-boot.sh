#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# shellcheck shell=dash source=/dev/null
# The guest runs the kernel mcnic.ko is built for (the host's
# linux-headers-*-amd64, recorded in /hil/info), and mcnic-sim is on its
# PCI bus: the ivshmem-doorbell device 1af4:1110 (include/mcnic/pci.h),
# with the 32 MSI-X vectors QEMU was told, and BAR 2 beginning with the
# shm bus's signature.
. /hil/lib.sh
. /hil/info

[ "$(uname -r)" = "$KVER" ] ||
	hil_fail "uname -r is $(uname -r), mcnic.ko is built for $KVER"
echo "boot: linux $(uname -r), up $(cut -d' ' -f1 /proc/uptime) s"

dev=$(hil_nic_dev) ||
	hil_fail "no PCI device 1af4:1110 in /sys/bus/pci/devices (is mcnic-sim's ivshmem device on QEMU's command line?)"
echo "boot: ivshmem-doorbell at ${dev##*/}"

cap=$(hil_pci_cap "$dev" 17) || hil_fail "${dev##*/} has no MSI-X capability"
n=$(( ($(hil_config_u16 "$dev" $((cap + 2))) & 0x7ff) + 1 ))
[ "$n" -eq 32 ] || hil_fail "${dev##*/} has $n MSI-X vectors, not 32"

# BAR 2 (resource line 3): the shared memory mcnic-sim serves.
# shellcheck disable=SC2046 # start, end, flags
set -- $(sed -n 3p "$dev/resource")
[ $(($1)) -ne 0 ] || hil_fail "${dev##*/}: BAR 2 is not assigned"
size=$(( $2 - $1 + 1 ))
# "MCNICSHM", little-endian.  /dev/mem may read it while no driver
# holds the BAR (IO_STRICT_DEVMEM).
magic=$(devmem "$1" 64) || hil_fail "${dev##*/}: devmem cannot read BAR 2"
[ "$magic" = 0x4D485343494E434D ] ||
	hil_fail "${dev##*/}: BAR 2 ($size bytes) begins with $magic, not MCNICSHM: not served by mcnic-sim"
echo "boot: BAR 2 $size bytes, signature MCNICSHM, $n MSI-X vectors"
hil_pass
