#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# shellcheck shell=dash source=/dev/null
# The guest kernel's own tunnel drivers as the far end of mcnic's tunnels:
# what mcnic encapsulates, Linux's vxlan, geneve and gretap must take, and
# what they send, mcnic must decap.  The guest's second NIC (virtio-net,
# run.sh) is on mcnic-sim's uplink 1; it is the far VTEP 198.51.100.1 in
# netns "far", where the kernel tunnels toward mcnic's VTEP 192.0.2.1 are
# created, each then moved into a netns of its own (t-vxlan, t-geneve,
# t-gretap; their sockets stay in "far") as a far tenant host.  vport 16's
# netdev, in netns "near", is the local tenant host 10.80.0.10.  The NIC
# holds tests/hil/kernel-tunnels.yaml, applied through the driver.
#
#   near 10.80.0.10 -- mcnic vport 16 | uplink 1 -- virtio-net 198.51.100.1
#                                                  vxlan  vni 8001 10.81.0.2
#                                                  geneve vni 8002 10.82.0.2
#                                                  gretap key 8003 10.83.0.2
#
# Each far host is pinged from near and pings near back; then the kernel's
# tunnel devices, mcnic's templates (encap) and peers (decap) must all
# have counted that traffic.
. /hil/lib.sh
ip=/usr/sbin/ip

CONF=/hil/kernel-tunnels.yaml
UL_MAC=52:54:00:4d:43:01	# run.sh's virtio-net-pci
VPORT_MAC=02:00:0a:00:01:10	# vport 16 on the built-in board
VTEP=192.0.2.1
FAR=198.51.100.1
NEAR=10.80.0.10
NSS="t-vxlan t-geneve t-gretap far near"
PINGS=3		# near -> far host, each tunnel
BACK=2		# far host -> near
i=""
ul=""

# tun TYPE: VNI (or GRE key), far host's address, its MAC, and mcnic's
# template index (the YAML's tunnel order), for one tunnel.
tun() {
	case $1 in
	vxlan) echo 8001 10.81.0.2 02:00:00:00:81:02 0 ;;
	geneve) echo 8002 10.82.0.2 02:00:00:00:82:02 1 ;;
	gretap) echo 8003 10.83.0.2 02:00:00:00:83:02 2 ;;
	esac
}

# Puts every device back where the next scenario expects it.
teardown() {
	[ -n "$i" ] && $ip -n near link set "$i" netns 1 2>/dev/null
	for n in $NSS; do
		$ip netns del "$n" 2>/dev/null
	done
	[ -e /dev/mcnic0 ] && mcnicctl -d mcnic0 reset >/dev/null 2>&1
	grep -q '^mcnic ' /proc/modules && rmmod mcnic
}

# What a failure needs explained: the NIC's drops and counters, and
# what each kernel device saw.
diag() {
	local t

	mcnicctl -d mcnic0 stats 2>&1 | grep -v ' 0 packets' | sed 's/^/  nic: /'
	[ -n "$ul" ] && $ip -n far -s link show "$ul" 2>&1 | sed 's/^/  far: /'
	for t in vxlan geneve gretap; do
		$ip -n "t-$t" -s -d link show "kt-$t" 2>&1 | sed "s/^/  t-$t: /"
	done
}

fail() {
	echo "kernel-tunnels: FAILED: $*"
	diag
	teardown
	hil_fail "$@"
}

# rx_tx NS DEV: "RX TX" packets as ip -s link counts them.
rx_tx() {
	$ip -n "$1" -s link show "$2" | awk '
		/RX:/ { getline; rx = $2 }
		/TX:/ { getline; tx = $2 }
		END { print rx + 0, tx + 0 }'
}

# nic_ctr KEY...: the packets of the `mcnicctl stats` line whose first
# words are KEY... ("tunnel 0", "vni 8001 198.51.100.1").
nic_ctr() {
	echo "$stats" | awk -v k="$*" '{
		s = $1; for (j = 2; j <= NF && $j != "packets"; j++) {
			if (s == k) { print $j; exit }
			s = s " " $j
		}
	}'
}

# The far kernel: the underlay NIC as VTEP 198.51.100.1, 192.0.2.1 on its
# link through uplink 1's MAC (mcnic answers no ARP), and one tunnel
# device per type, each moved into its tenant netns.
setup_far() {
	local t vni addr mac

	$ip link set "$ul" netns far || fail "move $ul into netns far"
	$ip -n far link set lo up
	$ip -n far addr add "$FAR/24" dev "$ul" &&
		$ip -n far link set "$ul" up &&
		$ip -n far route add "$VTEP/32" dev "$ul" &&
		$ip -n far neigh replace "$VTEP" lladdr "$uplink_mac" dev "$ul" nud permanent ||
		fail "far underlay setup on $ul"
	$ip -n far link add kt-vxlan address "$(tun vxlan | cut -d' ' -f3)" type vxlan \
		id 8001 local "$FAR" remote "$VTEP" dstport 4789 nolearning ||
		fail "ip link add type vxlan"
	$ip -n far link add kt-geneve address "$(tun geneve | cut -d' ' -f3)" type geneve \
		id 8002 remote "$VTEP" dstport 6081 || fail "ip link add type geneve"
	$ip -n far link add kt-gretap address "$(tun gretap | cut -d' ' -f3)" type gretap \
		local "$FAR" remote "$VTEP" key 8003 || fail "ip link add type gretap"
	for t in vxlan geneve gretap; do
		# shellcheck disable=SC2046
		set -- $(tun $t)
		vni=$1 addr=$2 mac=$3
		$ip -n far link set "kt-$t" netns "t-$t" || fail "move kt-$t into t-$t"
		$ip -n "t-$t" link set lo up
		$ip -n "t-$t" addr add "$addr/24" dev "kt-$t" &&
			$ip -n "t-$t" link set "kt-$t" up &&
			$ip -n "t-$t" route add 10.80.0.0/24 dev "kt-$t" &&
			$ip -n "t-$t" neigh replace "$NEAR" lladdr "$near_mac" dev "kt-$t" nud permanent ||
			fail "t-$t: tenant host setup on kt-$t"
		echo "kernel-tunnels: far host $addr on kt-$t ($t $vni, MAC $mac)"
	done
}

# The near tenant host: vport 16's netdev, with the far hosts' MACs (mcnic
# routes on IP and carries the frame as it is).
setup_near() {
	local t

	$ip link set "$i" netns near || fail "move $i into netns near"
	$ip -n near link set lo up
	$ip -n near addr add "$NEAR/24" dev "$i" && $ip -n near link set "$i" up ||
		fail "near: $NEAR on $i"
	for t in vxlan geneve gretap; do
		# shellcheck disable=SC2046
		set -- $(tun $t)
		$ip -n near route add "${2%.*}.0/24" dev "$i" &&
			$ip -n near neigh replace "$2" lladdr "$3" dev "$i" nud permanent ||
			fail "near: route to ${2%.*}.0/24"
	done
}

hil_mark start
for m in virtio_pci virtio_net vxlan geneve ip_gre; do
	out=$(modprobe "$m" 2>&1) || hil_fail "modprobe $m: $out"
done
hil_insmod
export MCNIC_DEVICE=mcnic0

ul=$(hil_netdev_by_mac "$UL_MAC") ||
	fail "no interface with MAC $UL_MAC: is run.sh's virtio-net-pci NIC on the sim's uplink 1 there?"
drv=$(basename "$(readlink "/sys/class/net/$ul/device/driver")")
[ "$drv" = virtio_net ] || fail "$ul ($UL_MAC) is driven by '$drv', not virtio_net"
i=$(hil_netdev_by_mac "$VPORT_MAC") || fail "no netdev for vport 16 ($VPORT_MAC)"
near_mac=$(cat "/sys/class/net/$i/address")
echo "kernel-tunnels: underlay $ul (virtio_net, $UL_MAC), vport 16 is $i"

out=$(mcnicctl reset 2>&1) || fail "mcnicctl reset: $out"
out=$(mcnicctl apply "$CONF" 2>&1) || fail "apply $CONF: $out"
echo "kernel-tunnels: apply: $(echo "$out" | tail -n 1)"
# The outer MACs: templates to the guest's NIC, the kernel back to uplink 1.
uplink_mac=$(mcnicctl port show | awk '$1 == "id" && $2 == 1 {
	for (j = 3; j < NF; j++) if ($j == "mac") print $(j + 1) }')
[ -n "$uplink_mac" ] || fail "no MAC for port 1 in mcnicctl port show: $(mcnicctl port show)"
tunnels=$(mcnicctl tunnel show) || fail "tunnel show"
n=$(echo "$tunnels" | grep -c "dmac $UL_MAC")
[ "$n" -eq 3 ] || fail "$n of 3 templates send to $UL_MAC: $tunnels"
echo "kernel-tunnels: uplink 1 is $uplink_mac; 3 templates to $UL_MAC"

# No IPv6: its neighbour and router chatter would only be the NIC's drops.
# A device moved in takes the netns's defaults.
for n in $NSS; do
	$ip netns add "$n" || fail "ip netns add $n"
	$ip netns exec "$n" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 \
		net.ipv6.conf.all.disable_ipv6=1 || fail "$n: no IPv6"
done
setup_far
setup_near

for t in vxlan geneve gretap; do
	# shellcheck disable=SC2046
	set -- $(tun $t)
	out=$($ip netns exec near ping -c "$PINGS" -W 5 "$2" 2>&1) ||
		fail "$t: ping $2 from near: $out"
	echo "$out" | grep -q "$PINGS packets transmitted, $PINGS packets received" ||
		fail "$t: ping $2 from near: $(echo "$out" | grep transmitted)"
	echo "kernel-tunnels: $t: near -> $2: $(echo "$out" | grep transmitted)"
	out=$($ip netns exec "t-$t" ping -c "$BACK" -W 5 "$NEAR" 2>&1) ||
		fail "$t: ping $NEAR from t-$t: $out"
	echo "$out" | grep -q "$BACK packets transmitted, $BACK packets received" ||
		fail "$t: ping $NEAR from t-$t: $(echo "$out" | grep transmitted)"
	echo "kernel-tunnels: $t: $2 -> near: $(echo "$out" | grep transmitted)"
done

# Every exchange was one frame each way through each tunnel, and nothing
# else crossed them (no IPv6, no ARP): the counts are exact.
want=$((PINGS + BACK))
stats=$(mcnicctl stats 2>&1) || fail "mcnicctl stats: $stats"
for t in vxlan geneve gretap; do
	# shellcheck disable=SC2046
	set -- $(tun $t)
	# shellcheck disable=SC2046
	set -- "$@" $(rx_tx "t-$t" "kt-$t")
	[ "$5" -eq "$want" ] && [ "$6" -eq "$want" ] ||
		fail "$t: kt-$t counted rx $5 tx $6, expected $want each"
	enc=$(nic_ctr tunnel "$4")
	dec=$(nic_ctr vni "$1" "$FAR")
	[ "${enc:--1}" -eq "$want" ] ||
		fail "$t: mcnic template $4 sent ${enc:-no} packets, expected $want"
	[ "${dec:--1}" -eq "$want" ] ||
		fail "$t: mcnic peer vni $1 $FAR received ${dec:-no} packets, expected $want"
	echo "kernel-tunnels: $t: linux kt-$t rx $5 tx $6; mcnic encap (tunnel $4) $enc, decap (vni $1 from $FAR) $dec"
done
# shellcheck disable=SC2046
set -- $(rx_tx far "$ul")
echo "kernel-tunnels: underlay $ul rx $1 tx $2 frames"
[ "$1" -eq $((3 * want)) ] && [ "$2" -eq $((3 * want)) ] ||
	fail "underlay $ul: rx $1 tx $2 frames, expected $((3 * want)) each"
drops=$(echo "$stats" | sed -n '/^drops/,/^[a-z]/p' | grep '^ ')
echo "kernel-tunnels: NIC drops: ${drops:-none}"

teardown
rmmod virtio_net || hil_fail "rmmod virtio_net"
bad=$(hil_dmesg_clean start) || hil_fail "kernel complained: $(echo "$bad" | head -n 3)"
hil_pass
