# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# shellcheck shell=dash
# Sourced by the scenarios inside the guest (as /hil/lib.sh).  A scenario
# ends with hil_pass or hil_fail; /init reports one that does neither.

hil_pass() {
	echo PASS >/tmp/hil.result
	echo "HIL PASS $HIL_NAME"
	exit 0
}

hil_fail() {
	echo FAIL >/tmp/hil.result
	echo "HIL FAIL $HIL_NAME: $*"
	exit 1
}

# fail MSG: hil_fail, with mcnic unloaded first, so that a failed
# scenario leaves none behind for the next (a scenario may define its own).
fail() {
	grep -q '^mcnic ' /proc/modules && rmmod mcnic
	hil_fail "$@"
}

# hil_insmod [PARAM=VALUE ...]: the modules mcnic.ko needs, then mcnic.ko
# with these parameters; a refusal fails the scenario.
hil_insmod() {
	local m out

	for m in $(cat /mcnic.deps); do modprobe "$m"; done
	out=$(insmod /mcnic.ko "$@" 2>&1) || hil_fail "insmod $*: $out"
}

# The ivshmem-doorbell device (include/mcnic/pci.h), as a sysfs path.
hil_nic_dev() {
	local d

	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor")" = 0x1af4 ] &&
			[ "$(cat "$d/device")" = 0x1110 ] && echo "$d" && return 0
	done
	return 1
}

# hil_netdev_by_mac MAC: the interface with that address, waiting up to
# 5 s (a driver may still be probing).
hil_netdev_by_mac() {
	local n

	for _ in $(seq 50); do
		for n in /sys/class/net/*; do
			[ "$(cat "$n/address")" = "$1" ] && echo "${n##*/}" && return 0
		done
		sleep 0.1
	done
	return 1
}

# A mark in the kernel log, so that hil_dmesg_since shows only what came
# after it.
hil_mark() {
	echo "hil: $HIL_NAME: $*" >/dev/kmsg
}

hil_dmesg_since() {
	dmesg | sed -n "/hil: $HIL_NAME: $1\$/,\$p"
}

# Prints the kernel's complaints (warnings, bugs, oopses, leaks) after
# mark $1; succeeds when there are none.
hil_dmesg_clean() {
	! hil_dmesg_since "$1" | grep -E 'WARNING:|BUG:|Oops|general protection|Call Trace|UBSAN|KASAN|kmemleak|refcount_t|list_(add|del) corruption|sleeping function called|lockdep|INFO: task .* blocked|rcu.*stall|double free|use-after-free'
}

# hil_config_u8/u16 DEV OFFSET: PCI configuration space, little-endian.
hil_config_u8() {
	od -An -tu1 -j "$2" -N1 "$1/config" | tr -d ' '
}

hil_config_u16() {
	echo $(( $(hil_config_u8 "$1" "$2") | $(hil_config_u8 "$1" $(($2 + 1))) << 8 ))
}

# The offset of capability $2 (e.g. 17 = MSI-X) of device $1, or nothing.
hil_pci_cap() {
	local p n=0

	p=$(hil_config_u8 "$1" 52)
	while [ "$p" -ne 0 ] && [ $n -lt 48 ]; do
		[ "$(hil_config_u8 "$1" "$p")" -eq "$2" ] && echo "$p" && return 0
		p=$(hil_config_u8 "$1" $((p + 1)))
		n=$((n + 1))
	done
	return 1
}
