#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# shellcheck shell=dash source=/dev/null
# /dev/mcnic0 (include/mcnic/uapi.h): mcnicctl in the guest programs the
# NIC through the driver (the host side then reads the same tables through
# mcnic-sim's socket: 30-uapi.host.sh), and malformed ioctls are refused
# with the documented errno and a message (ioctl_check).  The mailbox
# runs in DMA mode, then once more by registers (mbox_dma=0), the mode a
# MBOX 1.0 device gets: the same tables read back either way.
. /hil/lib.sh

hil_mark start
hil_insmod
[ -c /dev/mcnic0 ] || fail "no /dev/mcnic0"

export MCNIC_DEVICE=mcnic0
out=$(mcnicctl heartbeat 2>&1) || fail "mcnicctl heartbeat: $out"
out=$(mcnicctl info 2>&1) || fail "mcnicctl info: $out"
echo "$out" | grep -q '0\.4\.0' || fail "mcnicctl info: $out"
out=$(mcnicctl apply /hil/examples/multicloud.yaml 2>&1) ||
	fail "mcnicctl apply: $out"
echo "uapi: apply: $(echo "$out" | tail -n 1)"
routes=$(mcnicctl route show 2>&1) || fail "mcnicctl route show: $routes"
echo "$routes" | grep -q '10\.1\.1\.0/24' || fail "route show: $routes"
echo "uapi: $(echo "$routes" | grep -c /) routes through the driver"
# The host side (30-uapi.host.sh) reads them through mcnic-sim's socket;
# nothing below changes them.
echo "HIL HOST uapi tables applied"

out=$(mcnicctl route add 2>&1) && fail "route add without arguments accepted"
out=$(ioctl_check /dev/mcnic0 2>&1)
rc=$?
echo "$out" | sed 's/^/uapi: /'
[ $rc -eq 0 ] || fail "ioctl_check: $(echo "$out" | grep FAIL | head -n 3)"
hil_dmesg_since start | grep -q 'mailbox by DMA' ||
	fail "not in DMA mode: $(hil_dmesg_since start | grep 'MSI-X')"
rmmod mcnic || hil_fail "rmmod"

hil_mark registers
hil_insmod mbox_dma=0
hil_dmesg_since registers | grep -q 'mailbox by registers' ||
	fail "mbox_dma=0: $(hil_dmesg_since registers | grep 'MSI-X')"
again=$(mcnicctl route show 2>&1) || fail "route show by registers: $again"
[ "$again" = "$routes" ] ||
	fail "route show by registers differs: $(echo "$again" | head -n 3)"
echo "uapi: the same $(echo "$again" | grep -c /) routes by registers"
rmmod mcnic || hil_fail "rmmod"
bad=$(hil_dmesg_clean start) || hil_fail "kernel complained: $(echo "$bad" | head -n 3)"
hil_pass
