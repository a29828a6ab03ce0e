#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# shellcheck shell=dash source=/dev/null
# The netdevs mcnic.ko makes of the NIC's host vports: one per vport with
# the MACs the NIC reports (built-in board: vports 16..31, the first
# 02:00:0a:00:01:10), ethtool's view (driver, firmware, bus, channels,
# rings, per-queue counters), up and down, and MTU limits that leave room
# for the tunnel headers the NIC adds.
. /hil/lib.sh
# busybox sh runs its own applets before PATH: iproute2's, by path.
ip=/usr/sbin/ip

dev=$(hil_nic_dev) || hil_fail "no PCI device 1af4:1110"
addr=${dev##*/}
hil_mark start
hil_insmod

nets=$(ls "$dev/net" 2>/dev/null | sort)
n=$(echo "$nets" | grep -c .)
[ "$n" -eq 16 ] || fail "$n netdevs on $addr, expected 16: $nets"
first=""
for i in $nets; do
	[ "$(cat /sys/class/net/$i/address)" = 02:00:0a:00:01:10 ] && first=$i
done
[ -n "$first" ] || fail "no netdev has vport 16's MAC 02:00:0a:00:01:10"
i=$first
echo "netdev: $n interfaces; vport 16 is $i"

info=$(ethtool -i "$i") || fail "ethtool -i $i"
echo "$info" | grep -q '^driver: mcnic$' || fail "ethtool -i: $info"
echo "$info" | grep -q '^firmware-version: 0\.4\.0$' || fail "ethtool -i: $info"
echo "$info" | grep -q "^bus-info: $addr\$" || fail "ethtool -i: $info"
want=$(( $(nproc) < 4 ? $(nproc) : 4 ))
ch=$(ethtool -l "$i") || fail "ethtool -l $i"
[ "$(echo "$ch" | awk '/Combined:/ {print $2}' | tail -n 1)" = "$want" ] ||
	fail "ethtool -l: expected $want combined channels: $ch"
ethtool -g "$i" | grep -q 'TX:[[:space:]]*512' || fail "ethtool -g: $(ethtool -g "$i")"
ethtool -S "$i" | grep -q 'rx0_bad_cpl: 0' || fail "ethtool -S: $(ethtool -S "$i")"

# The built-in board's uplinks have MTU 1500; templates add up to 178
# bytes outside the outer Ethernet header.
max=$($ip -d link show "$i" | sed -n 's/.*maxmtu \([0-9]*\).*/\1/p')
[ "$max" = 1322 ] || fail "maxmtu $max, expected 1500 - 178 = 1322"
[ "$(cat /sys/class/net/$i/mtu)" = 1322 ] || fail "mtu $(cat /sys/class/net/$i/mtu)"
$ip link set "$i" mtu 1323 2>/dev/null && fail "mtu 1323 accepted"
$ip link set "$i" mtu 1280 || fail "mtu 1280 refused"

$ip link set "$i" up || fail "ip link set $i up"
[ "$(cat /sys/class/net/$i/carrier)" = 1 ] || fail "no carrier once up"
$ip link set "$i" mtu 1300 2>/dev/null && fail "MTU change while up accepted"
$ip link set "$i" down || fail "ip link set $i down"
$ip link set "$i" up || fail "up again"
bad=$(hil_dmesg_clean start) || fail "kernel complained: $(echo "$bad" | head -n 3)"
rmmod mcnic || fail "rmmod with $i up"
bad=$(hil_dmesg_clean start) || hil_fail "kernel complained: $(echo "$bad" | head -n 3)"
hil_pass
