#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# shellcheck shell=dash source=/dev/null
# A firmware hang, detected and recovered with nothing lost.  The host
# side (60-health.host.sh) makes mcnic-sim's firmware hang (SIGUSR1: the
# heartbeat stops, the mailbox goes silent); the driver's devlink health
# reporter "fw" must notice, reset the device, replay the tables written
# through the driver and rebuild the netdevs on its own.
. /hil/lib.sh

fail() {
	grep -q '^mcnic ' /proc/modules && rmmod mcnic
	hil_fail "$@"
}

# health FIELD: a field of devlink health show for reporter fw.
health() {
	devlink health show "$h" reporter fw |
		sed -n "s/.* $1 \([^ ]*\).*/\1/p"
}

dev=$(hil_nic_dev) || hil_fail "no PCI device 1af4:1110"
h=pci/${dev##*/}
hil_mark start
for m in $(cat /mcnic.deps); do modprobe "$m"; done
out=$(insmod /mcnic.ko 2>&1) || hil_fail "insmod: $out"
export MCNIC_DEVICE=mcnic0
mcnicctl reset >/dev/null || fail "reset"
out=$(mcnicctl apply /hil/examples/multicloud.yaml 2>&1) || fail "apply: $out"
before=$(mcnicctl route show) || fail "route show"
[ "$(health state)" = healthy ] || fail "reporter: $(devlink health show "$h" reporter fw)"
[ "$(health error)" = 0 ] || fail "errors before the hang: $(health error)"

echo "HIL HOST hang now"
i=0
until hil_dmesg_since start | grep -q 'recovered from a firmware hang'; do
	i=$((i + 1))
	[ $i -le 300 ] || fail "no recovery within 30 s: $(hil_dmesg_since start | tail -n 5)"
	sleep 0.1
done
hil_dmesg_since start | grep -E 'not alive|tables restored|recovered' | sed 's/^/health: /'
echo "health: $(devlink health show "$h" reporter fw | tr -s ' \n' ' ')"
[ "$(health error)" -ge 1 ] && [ "$(health recover)" -ge 1 ] ||
	fail "reporter counts: $(devlink health show "$h" reporter fw)"
[ "$(health state)" = healthy ] || fail "not healthy after recovery"
out=$(mcnicctl heartbeat 2>&1) || fail "heartbeat after recovery: $out"
after=$(mcnicctl route show) || fail "route show after recovery"
[ "$before" = "$after" ] || fail "routes changed: '$before' -> '$after'"
out=$(mcnicctl apply --dry-run /hil/examples/multicloud.yaml 2>&1)
echo "health: $(echo "$out" | tail -n 1)"
echo "$out" | grep -q 'no changes' || fail "tables not restored: $out"
set -- "$dev"/net/*
[ $# -eq 16 ] || fail "$# netdevs after recovery"
rmmod mcnic || hil_fail "rmmod"
bad=$(hil_dmesg_clean start) || hil_fail "kernel complained: $(echo "$bad" | head -n 3)"
hil_pass
