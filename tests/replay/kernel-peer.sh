#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# mcnic-sim replay with the Linux kernel's vxlan device as the oracle.  The
# kernel in namespace K is cloud-b's VTEP (198.51.100.1 and .2, VNI 1001,
# VXLAN-GBP); mcnic-sim, offline, is cloud-a's NIC (examples/multicloud.yaml).
# Namespace P holds the veth's other end, only to capture and inject.
#  1. kernel->mcnic: what the kernel sends for `ping -m 10 10.1.1.10` (GBP
#     group 10 from the fwmark) goes through mcnic's decap; web-a must get
#     the kernel's own inner frames, byte for byte.
#  2. mcnic->kernel: web-a's echo requests through mcnic's encap, injected
#     towards K: the kernel must decapsulate them to web-a's frames and
#     answer; its replies go back through mcnic after the requests (stateful
#     return path, checked again with the ingress ICMP rule removed).
#  3. negative controls: a VNI of 1002 gets through neither mcnic nor K.
# Usage: kernel-peer.sh [CONFIG]; what it captured and replayed stays in
# $BUILD/tests/replay-kernel-peer.
# Static neighbours: nobody ARPs.  Needs root, netns, veth, ping, ethtool.
set -u
build=${BUILD:-build}
sim=$build/bin/mcnic-sim
config=${1:-examples/multicloud.yaml}
here=$(dirname "$0")
py=/usr/bin/python3
w=$build/tests/replay-kernel-peer	# captures and replay outputs stay here
nk=mcnic-kpk$$
np=mcnic-kpp$$
pass=0
fail=0
wdpid=
cappids=()

MAC_UPLINK=02:00:0a:00:00:01	# the NIC's uplink0: vP, K's neighbour
MAC_GW=02:00:0a:00:00:fe	# the tunnels' next hop: vK
MAC_WEB=02:00:0a:00:01:10	# vport web-a: web-a's gateway, so vx0 too
MAC_HOST=02:00:00:00:01:0a	# the web-a host
VTEP_A=192.0.2.1 B1=198.51.100.1 B2=198.51.100.2
HOST=10.1.1.10 REMOTE=10.2.1.20
GROUP=10			# segment web: ping's fwmark, the GBP group

cleanup() {
	[ ${#cappids[@]} -gt 0 ] && kill "${cappids[@]}" 2>/dev/null
	[ -n "$wdpid" ] && kill "$wdpid" 2>/dev/null
	ip netns del "$nk" 2>/dev/null
	ip netns del "$np" 2>/dev/null
}
trap cleanup EXIT
trap 'bad "watchdog: suite ran over 40 s"; finish' TERM

ok() { echo "PASS: $*"; pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit; }
fatal() { bad "setup: $*"; finish; }
K() { ip netns exec "$nk" "$@"; }
P() { ip netns exec "$np" "$@"; }

setup() {
	[ "$(id -u)" = 0 ] || fatal "must run as root (network namespaces)"
	[ -x "$sim" ] || fatal "$sim not built (make BUILD=$build $sim)"
	[ -r "$config" ] || fatal "no config $config"
	command -v ping >/dev/null && command -v ethtool >/dev/null ||
		fatal "need ping (iputils-ping) and ethtool: make deps"
	rm -rf "$w" && mkdir -p "$w" || fatal "mkdir $w"
	# Every later wait is bounded too; this is the last resort.
	(sleep 40 & sp=$!; trap 'kill $sp; exit' TERM; wait $sp &&
		kill -TERM $$) >/dev/null 2>&1 &
	wdpid=$!
	ip netns add "$nk" && ip netns add "$np" || fatal "ip netns add"
	# No IPv6: its router solicitations would ride the tunnel too.
	K sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 net.ipv4.fwmark_reflect=1 \
		net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 &&
		P sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 || fatal "sysctl"
	ip link add vK netns "$nk" address $MAC_GW type veth \
		peer name vP netns "$np" address $MAC_UPLINK || fatal "veth pair"
	# Real checksums on the wire, not an offload that veth never does.
	K ethtool -K vK tx off >/dev/null || fatal "ethtool -K vK tx off"
	ip -n "$np" link set vP up &&
		ip -n "$nk" link set lo up &&
		ip -n "$nk" addr add $B1/24 dev vK &&
		ip -n "$nk" addr add $B2/24 dev vK &&
		ip -n "$nk" link set vK up &&
		ip -n "$nk" route add $VTEP_A/32 dev vK &&
		ip -n "$nk" neigh replace $VTEP_A lladdr $MAC_UPLINK dev vK \
			nud permanent || fatal "underlay in $nk"
	# cloud-b's VTEP: GBP maps skb->mark to the group and back.  mcnic
	# routes but keeps the inner MACs, so web-a's frames still carry its
	# gateway's MAC, which vx0 must own to take them; the kernel then
	# addresses web-a's host as a router would.
	ip -n "$nk" link add vx0 address $MAC_WEB type vxlan id 1001 \
		dstport 4789 local $B1 remote $VTEP_A dev vK nolearning \
		udpcsum gbp || fatal "ip link add vx0 type vxlan ... gbp"
	ip -n "$nk" addr add $REMOTE/16 dev vx0 &&
		ip -n "$nk" link set vx0 up &&
		ip -n "$nk" route add 10.1.1.0/24 dev vx0 &&
		ip -n "$nk" neigh replace $HOST lladdr $MAC_HOST dev vx0 \
			nud permanent || fatal "overlay in $nk"
}

# cap NS IFACE FILE in|out|any: captures until cap_stop (10 s at most).
cap() {
	local out=$w/$3.ready
	ip netns exec "$1" $py "$here/kernel-wire.py" cap "$2" "$w/$3" "$4" 10 \
		>"$out" 2>&1 &
	cappids+=($!)
	for _ in $(seq 100); do
		grep -q READY "$out" && return
		sleep 0.05
	done
	fatal "capture on $2 in $1 not ready: $(cat "$out")"
}

cap_stop() {
	sleep 0.3	# the last frames are on their way
	kill -TERM "${cappids[@]}" 2>/dev/null
	wait "${cappids[@]}" 2>/dev/null
	cappids=()
}

# replay TAG CONFIG ARGS: mcnic-sim replay --json; counters in TAG.json.
replay() {
	local tag=$1 cfg=$2 rc
	shift 2
	timeout 10 "$sim" replay --config "$cfg" --json "$@" \
		>"$w/$tag.json" 2>"$w/$tag.err"
	rc=$?
	if [ $rc -eq 0 ]; then
		ok "$tag: mcnic-sim replay: $(tail -n 1 "$w/$tag.err")"
	else
		bad "$tag: mcnic-sim replay exit $rc: $(cat "$w/$tag.err")"
	fi
}

# check PHASE: kernel-peer.py's checks, added to ours.
check() {
	local out=$w/check-$1.out rc p f
	timeout 20 $py "$here/kernel-peer.py" "$1" "$w" "$config" >"$out" 2>&1
	rc=$?
	grep -v '^[0-9]* passed, [0-9]* failed$' "$out"
	p=$(grep -c '^PASS' "$out")
	f=$(grep -c '^FAIL' "$out")
	pass=$((pass + p))
	fail=$((fail + f))
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] &&
		bad "kernel-peer.py $1 exited $rc without reporting a failure"
}

kstat() { K cat "/sys/class/net/$1/statistics/$2"; }
snap() {
	S_WIRE=$(kstat vK rx_packets) S_RX=$(kstat vx0 rx_packets)
	S_ERR=$(kstat vx0 rx_errors) S_DROP=$(kstat vx0 rx_dropped)
}

# vxstat LABEL WIRE N: since snap, K's veth received WIRE frames and vx0
# decapsulated N of them, without errors.
vxstat() {
	local wire=$(( $(kstat vK rx_packets) - S_WIRE ))
	local rx=$(( $(kstat vx0 rx_packets) - S_RX ))
	local err=$(( $(kstat vx0 rx_errors) - S_ERR ))
	local drop=$(( $(kstat vx0 rx_dropped) - S_DROP ))
	local msg="$1: kernel vK rx_packets +$wire (want $2), vx0 rx_packets"

	msg+=" +$rx (want $3), rx_errors +$err, rx_dropped +$drop"
	if [ $wire -eq "$2" ] && [ $rx -eq "$3" ] && [ $err -eq 0 ] &&
	   [ $drop -eq 0 ]; then
		ok "$msg"
	else
		bad "$msg"
	fi
}

# 1: the kernel pings web-a's host; nobody answers.
kernel_to_mcnic() {
	cap "$np" vP wire.pcap in
	cap "$nk" vx0 inner.pcap out
	K timeout 5 ping -c 5 -i 0.2 -W 0.2 -m $GROUP $HOST >"$w/ping.out" 2>&1
	cap_stop
	grep -q '^5 packets transmitted' "$w/ping.out" &&
		ok "kernel->mcnic: ping -c 5 -m $GROUP $HOST in $nk sent 5" ||
		bad "kernel->mcnic: ping: $(cat "$w/ping.out")"
	replay decap "$config" --in uplink0="$w/wire.pcap" \
		--out web-a="$w/decap-web-a.pcap"
	check decap
}

# 2: web-a's requests through mcnic, then into the kernel.
mcnic_to_kernel() {
	local n

	replay neg "$config" --in uplink0="$w/vni1002.pcap" \
		--out web-a="$w/neg-web-a.pcap"
	replay enc "$config" --in web-a="$w/req.pcap" \
		--out uplink0="$w/enc-uplink0.pcap"
	check encap
	cap "$np" vP kwire.pcap in
	cap "$nk" vx0 kvx.pcap any
	n=$($py "$here/kernel-wire.py" count "$w/enc-uplink0.pcap") || n=-1
	snap
	P timeout 5 $py "$here/kernel-wire.py" send vP "$w/enc-uplink0.pcap" ||
		bad "mcnic->kernel: cannot inject enc-uplink0.pcap"
	sleep 0.2
	vxstat "mcnic->kernel: mcnic's $n encapsulated requests" "$n" "$n"
	snap
	P timeout 5 $py "$here/kernel-wire.py" send vP "$w/enc-vni1002.pcap" ||
		bad "negative: cannot inject enc-vni1002.pcap"
	cap_stop
	vxstat "negative: mcnic's first frame with VNI 1002" 1 0
	replay est "$config" --in web-a="$w/req.pcap" \
		--in uplink0="$w/kwire.pcap" --out web-a="$w/est-web-a.pcap" \
		--out uplink0="$w/est-uplink0.pcap"
	replay strict "$w/strict.yaml" --in web-a="$w/req.pcap" \
		--in uplink0="$w/kwire.pcap" --out web-a="$w/strict-web-a.pcap" \
		--out uplink0="$w/strict-uplink0.pcap"
	replay alone "$w/strict.yaml" --in uplink0="$w/kwire.pcap" \
		--out web-a="$w/alone-web-a.pcap"
	check replies
}

setup
kernel_to_mcnic
mcnic_to_kernel
finish
