#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# shellcheck shell=dash source=/dev/null
# A firmware hang, detected and recovered with nothing lost.  The host
# side (60-health.host.sh) makes mcnic-sim's firmware hang (SIGUSR1: the
# heartbeat stops, the mailbox goes silent); the driver's devlink health
# reporter "fw" must notice, reset the device, replay the tables written
# through the driver and rebuild the netdevs on its own.  The module is
# loaded with shadow_compact_kib=1, so the table shadow is compacted into
# DUMP snapshots while the config is applied and routes churn: the replay
# restores the tables from a snapshot.  devlink health dump show has the
# registers as they were when the hang was reported (status FAULT).
. /hil/lib.sh

# health FIELD: a field of devlink health show for reporter fw.
health() {
	devlink health show "$h" reporter fw |
		sed -n "s/.* $1 \([^ ]*\).*/\1/p"
}

dev=$(hil_nic_dev) || hil_fail "no PCI device 1af4:1110"
h=pci/${dev##*/}
hil_mark start
hil_insmod shadow_compact_kib=1
export MCNIC_DEVICE=mcnic0
mcnicctl reset >/dev/null || fail "reset"
out=$(mcnicctl apply /hil/examples/multicloud.yaml 2>&1) || fail "apply: $out"
before=$(mcnicctl route show) || fail "route show"
for n in 1 2 3 4 5 6 7 8; do
	mcnicctl route add vrf 1 prefix 10.99.$n.0/24 blackhole >/dev/null ||
		fail "route add $n"
	mcnicctl route del vrf 1 prefix 10.99.$n.0/24 >/dev/null ||
		fail "route del $n"
done
diag=$(devlink health diagnose "$h" reporter fw | tr -s ' \n' ' ')
echo "health: diagnose: $diag"
c=$(echo "$diag" | sed -n 's/.*shadow_compactions:* \([0-9]*\).*/\1/p')
[ "${c:-0}" -ge 1 ] || fail "the shadow was not compacted: $diag"
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
dump=$(devlink health dump show "$h" reporter fw | tr -s ' \n' ' ')
echo "health: dump: $dump"
echo "$dump" | grep -Eq ' status:? 2 ' || fail "dump: no status FAULT: $dump"
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
