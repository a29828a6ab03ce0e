#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# shellcheck shell=dash source=/dev/null
# Traffic through the driver's queues and the NIC's data plane.  The guest
# is host web-a (10.1.1.10) of cloud-a (examples/multicloud.yaml) on vport
# 16's netdev; mcnicctl in the guest programs its NIC through the driver.
# The host side (40-traffic.host.sh) runs cloud-b: a second mcnic-sim on
# the other end of the UDP underlay, whose vport 16 is a TAP in a network
# namespace holding web-b (10.2.1.20).  Tenant blue is zero trust: ping and
# https to web-b must pass (VXLAN-GBP between the NICs), ssh must not;
# ethtool -S's queue counters and the device's (vport, drop reasons) agree.
# Then mcnic-sim writes garbage completions, which the driver contains.
. /hil/lib.sh
ip=/usr/sbin/ip

hil_mark start
hil_insmod
export MCNIC_DEVICE=mcnic0
out=$(mcnicctl apply /hil/examples/multicloud.yaml 2>&1) || fail "apply: $out"
# cloud-c is not running: its next hops are down, as in make demo.
mcnicctl nexthop down 2 && mcnicctl nexthop down 4 || fail "nexthop down"

i=$(hil_netdev_by_mac 02:00:0a:00:01:10) || fail "no netdev for vport 16"
# No IPv6 chatter: the counters below are exact.  The device counts since
# it booted (earlier scenarios used this vport), the queues since insmod:
# the device's part is compared as a difference from here, link down.
sysctl -qw "net.ipv6.conf.$i.disable_ipv6=1"
st0=$(ethtool -S "$i") || fail "ethtool -S"
$ip link set "$i" address 02:00:00:00:01:0a || fail "set MAC"
$ip link set "$i" up || fail "up"
$ip addr add 10.1.1.10/8 dev "$i" || fail "addr"
$ip neigh replace 10.2.1.20 lladdr 02:00:00:00:02:14 dev "$i" nud permanent ||
	fail "neigh"

# The far side may still be starting: ping until three answers (60 s).
out=$(ping -c 3 -w 60 10.2.1.20 2>&1) || fail "ping 10.2.1.20: $out"
echo "traffic: $(echo "$out" | grep 'packets transmitted')"
out=$(echo | nc -w 5 10.2.1.20 443 2>&1)
echo "traffic: tcp 10.2.1.20:443: ${out:-nothing}"
[ "$out" = "hello from 443" ] || fail "https to web-b: '$out'"
out=$(echo | nc -w 3 10.2.1.20 22 2>&1)
echo "traffic: tcp 10.2.1.20:22: ${out:-nothing (blocked)}"
case $out in *hello*) fail "ssh to web-b got through: $out" ;; esac

st=$(ethtool -S "$i")
tx=$(echo "$st" | awk '/tx[0-9]+_packets:/ {s += $2} END {print s + 0}')
rx=$(echo "$st" | awk '/rx[0-9]+_packets:/ {s += $2} END {print s + 0}')
bad=$(echo "$st" | awk '/_bad_cpl:/ {s += $2} END {print s + 0}')
echo "traffic: $i: ethtool -S: $tx frames sent, $rx received, $bad bad completions"
[ "$tx" -ge 5 ] && [ "$rx" -ge 4 ] && [ "$bad" -eq 0 ] ||
	fail "ethtool -S: tx $tx rx $rx bad $bad"
$ip -s link show "$i" | grep -A1 'RX:' | tail -n 1 | awk -v rx="$rx" \
	'$2 != rx { exit 1 }' || fail "ip -s link disagrees with ethtool -S"
# The NIC's own counters, read through the mailbox by ethtool -S: its
# vport saw every frame the queues sent (passed or dropped by the NIC)
# and delivered every one they received; the ssh attempts are its
# policy drops.
dev() {
	echo $(( $(echo "$st" | awk -v n="$1:" '$1 == n {print $2}') -
		$(echo "$st0" | awk -v n="$1:" '$1 == n {print $2}') ))
}
txdrop=$(echo "$st" | awk '/tx[0-9]+_dropped:/ {s += $2} END {print s + 0}')
echo "traffic: ethtool -S (device): vport_tx_packets $(dev vport_tx_packets) vport_rx_packets $(dev vport_rx_packets) vport_dropped_packets $(dev vport_dropped_packets) drop_policy_deny $(dev drop_policy_deny); queues: $tx sent, $txdrop dropped by the NIC"
[ "$(dev vport_tx_packets)" = $((tx + txdrop)) ] &&
	[ "$(dev vport_rx_packets)" = "$rx" ] &&
	[ "$(dev vport_dropped_packets)" = "$txdrop" ] &&
	[ "$(dev drop_policy_deny)" -ge 1 ] ||
	fail "the device's counters disagree with the queues'"
echo "HIL HOST traffic done"

# Garbage completions on both queues of a pair: the host side makes
# mcnic-sim corrupt its next 6 (another slot, an impossible length,
# another queue, in turn) while pings and their answers flow.  All but a
# TX completion's length (which means nothing, queue.h) are counted as
# bad: at least 4 of 6, at least one of them on RX (a frame dropped, its
# page reposted); then the pair still carries traffic both ways.
echo "HIL HOST traffic garbage now"
ping -c 30 -i 0.2 -W 1 10.2.1.20 >/dev/null 2>&1
out=$(ping -c 3 -w 30 10.2.1.20 2>&1) ||
	fail "ping after garbage completions: $out"
st=$(ethtool -S "$i")
rxbad=$(echo "$st" | awk '/rx[0-9]+_bad_cpl:/ {s += $2} END {print s + 0}')
txbad=$(echo "$st" | awk '/tx[0-9]+_bad_cpl:/ {s += $2} END {print s + 0}')
echo "traffic: garbage: $rxbad RX and $txbad TX completions counted as bad, then $(echo "$out" | grep 'packets transmitted')"
[ "$rxbad" -ge 1 ] && [ $((rxbad + txbad)) -ge 4 ] ||
	fail "bad completions: rx $rxbad tx $txbad"
$ip link set "$i" down
rmmod mcnic || hil_fail "rmmod"
bad=$(hil_dmesg_clean start) || hil_fail "kernel complained: $(echo "$bad" | head -n 3)"
hil_pass
