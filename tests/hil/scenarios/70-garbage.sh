#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# shellcheck shell=dash source=/dev/null
# A device that writes garbage completions is contained.  The host side
# (70-garbage.host.sh) makes mcnic-sim corrupt its next 6 completions
# (another slot, another queue, an impossible length, in turn); the
# driver must count the 4 that name another slot or queue (ethtool -S
# txN_bad_cpl; a TX completion's length means nothing, queue.h), log
# them, use none as an index, and keep the queue going: every frame sent
# afterwards still completes.  (RX completions get the same checks, and a
# length beyond the buffer too; this scenario has no RX traffic.)
. /hil/lib.sh
ip=/usr/sbin/ip

# stat NAME: the sum of ethtool -S counters txN_NAME.
stat() {
	ethtool -S "$i" | awk -v n="_$1:" '$1 ~ /^tx[0-9]+_/ && index($1, n) {s += $2} END {print s + 0}'
}
completed() {
	echo $(( $(stat packets) + $(stat dropped) + $(stat errors) + $(stat bad_cpl) ))
}

hil_mark start
hil_insmod
i=$(hil_netdev_by_mac 02:00:0a:00:01:10) || fail "no netdev for vport 16"
sysctl -qw "net.ipv6.conf.$i.disable_ipv6=1"
$ip link set "$i" up && $ip addr add 10.1.1.10/8 dev "$i" &&
	$ip neigh replace 10.2.1.20 lladdr 02:00:00:00:02:14 dev "$i" nud permanent ||
	fail "interface setup"

a=$(completed)
echo "HIL HOST garbage now"
# Answers or not (nobody is there), every ping is a frame sent.
ping -c 40 -i 0.1 -W 1 10.2.1.20 >/dev/null 2>&1
sleep 1
b=$(completed)
bad=$(stat bad_cpl)
echo "garbage: 40 frames: $((b - a)) completions, $bad counted as bad"
[ "$bad" -eq 4 ] || fail "bad completions: $bad, expected 4"
[ $((b - a)) -ge 40 ] || fail "only $((b - a)) of 40 frames completed"
ping -c 10 -i 0.1 -W 1 10.2.1.20 >/dev/null 2>&1
sleep 1
c=$(completed)
echo "garbage: 10 more frames: $((c - b)) completions"
[ $((c - b)) -ge 10 ] || fail "the queue stalled: $((c - b)) of 10 completed"
hil_dmesg_since start | grep -c 'counted as bad' | sed 's/^/garbage: kernel log lines: /'
$ip link set "$i" down || fail "down"
rmmod mcnic || hil_fail "rmmod"
bad=$(hil_dmesg_clean start) || hil_fail "kernel complained: $(echo "$bad" | head -n 3)"
hil_pass
