#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# mcnic-sim run against the Linux kernel's vxlan device, live.  The sim is
# cloud-a's NIC (examples/multicloud.yaml, applied with mcnicctl), its
# uplink0 a TAP interface; the interface is moved into namespace K, where
# the kernel is cloud-b's VTEP (198.51.100.1 and .2, VNI 1001, VXLAN-GBP)
# with 10.2.1.20 behind it.  The web-a host (10.1.1.10) is sim-kernel.py on
# the sim's socket, which pings and is pinged across the overlay, checks
# the NIC's counters and sends a VNI the NIC does not map (vx1, VNI 1002).
# Then SIGTERM must stop the sim cleanly and take the interface with it.
# The addresses are tests/replay/kernel-peer.sh's, which replays the same
# exchange offline.  Static neighbours: nobody ARPs.  Needs root, netns,
# TAP, iputils ping.
set -u
here=$(dirname "$0")
. "$here/../host/lib.sh"
nk=mcnic-sk$$
tap=mcsk$$
wdpid=

MAC_UPLINK=02:00:0a:00:00:01	# the NIC's uplink0: K's neighbour
MAC_GW=02:00:0a:00:00:fe	# the tunnels' next hop: the TAP in K
MAC_WEB=02:00:0a:00:01:10	# vport web-a: web-a's gateway, so vx0 too
MAC_HOST=02:00:00:00:01:0a	# the web-a host
MAC_VX1=02:00:0a:00:02:10
VTEP_A=192.0.2.1 B1=198.51.100.1 B2=198.51.100.2
HOST=10.1.1.10 REMOTE=10.2.1.20 OTHER=10.3.1.20

cleanup() {
	[ -n "$wdpid" ] && kill "$wdpid" 2>/dev/null
	if [ "$FAIL" -ne 0 ] && [ -r "$TMP/sim.log" ]; then
		echo "---- mcnic-sim's log"
		tail -n 20 "$TMP/sim.log"
	fi
	finish			# lib.sh: stops the sim, removes $TMP
	ip netns del "$nk" 2>/dev/null
}
trap cleanup EXIT
trap 'bad "watchdog: suite ran over 50 s"; report; exit 1' TERM

fatal() { bad "setup: $*"; report; exit 1; }
K() { ip netns exec "$nk" "$@"; }
kstat() { K cat "/sys/class/net/$1/statistics/$2"; }

setup() {
	[ "$(id -u)" = 0 ] || fatal "must run as root (TAP, network namespaces)"
	[ -x "$SIM" ] || fatal "$SIM not built"
	[ -x "$CTL" ] || fatal "$CTL not built"
	command -v ping >/dev/null || fatal "need iputils-ping: make deps"
	# Every wait below is bounded too; this is the last resort.
	(sleep 50 & sp=$!; trap 'kill $sp; exit' TERM; wait $sp &&
		kill -TERM $$) >/dev/null 2>&1 &
	wdpid=$!
	ip netns add "$nk" || fatal "ip netns add $nk"
	# No IPv6 in K: its solicitations would reach the NIC as noise.
	K sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 net.ipv4.fwmark_reflect=1 \
		net.ipv4.conf.all.rp_filter=0 \
		net.ipv4.conf.default.rp_filter=0 || fatal "sysctl in $nk"
	sim_start --port 0=tap:"$tap" || fatal "mcnic-sim run --port 0=tap:$tap"
	if OUT=$("$CTL" apply "$SRC/examples/multicloud.yaml" 2>&1) &&
	   has applied; then
		ok "mcnicctl apply examples/multicloud.yaml: $(tail -n 2 \
			<<<"$OUT" | head -n 1)"
	else
		fatal "mcnicctl apply examples/multicloud.yaml: $OUT"
	fi
	# The sim keeps its file descriptor; the interface changes namespace.
	ip link set "$tap" netns "$nk" || fatal "ip link set $tap netns $nk"
	ip -n "$nk" link set lo up &&
		ip -n "$nk" link set "$tap" address $MAC_GW &&
		ip -n "$nk" addr add $B1/24 dev "$tap" &&
		ip -n "$nk" addr add $B2/24 dev "$tap" &&
		ip -n "$nk" link set "$tap" up &&
		ip -n "$nk" route add $VTEP_A/32 dev "$tap" &&
		ip -n "$nk" neigh replace $VTEP_A lladdr $MAC_UPLINK \
			dev "$tap" nud permanent || fatal "underlay in $nk"
	# cloud-b's VTEP.  GBP maps the fwmark to the group and back.  mcnic
	# routes but keeps the inner MACs, so web-a's frames carry its
	# gateway's MAC, which vx0 must own to take them.
	ip -n "$nk" link add vx0 address $MAC_WEB type vxlan id 1001 \
		dstport 4789 local $B1 remote $VTEP_A dev "$tap" nolearning \
		udpcsum gbp || fatal "ip link add vx0 type vxlan ... gbp"
	ip -n "$nk" addr add $REMOTE/16 dev vx0 &&
		ip -n "$nk" link set vx0 up &&
		ip -n "$nk" route add 10.1.1.0/24 dev vx0 &&
		ip -n "$nk" neigh replace $HOST lladdr $MAC_HOST dev vx0 \
			nud permanent || fatal "overlay in $nk"
	# The negative control: the same path with a VNI the NIC lacks.
	ip -n "$nk" link add vx1 address $MAC_VX1 type vxlan id 1002 \
		dstport 4789 local $B1 remote $VTEP_A dev "$tap" nolearning \
		udpcsum gbp || fatal "ip link add vx1 type vxlan id 1002"
	ip -n "$nk" addr add $OTHER/24 dev vx1 &&
		ip -n "$nk" link set vx1 up &&
		ip -n "$nk" neigh replace $HOST lladdr $MAC_HOST dev vx1 \
			nud permanent || fatal "vx1 in $nk"
}

# The host's traffic and the NIC's counters; its checks count as ours.
traffic() {
	local out=$TMP/host.out line rx err drop

	rx=$(kstat vx0 rx_packets) err=$(kstat vx0 rx_errors)
	drop=$(kstat vx0 rx_dropped)
	timeout 30 /usr/bin/python3 "$here/sim-kernel.py" "$CTL" "$SOCK" \
		"$nk" >"$out" 2>&1
	grep -v '^[0-9]* passed, [0-9]* failed$' "$out"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
	if [ -z "$line" ]; then
		bad "sim-kernel.py reported no result"
	else
		PASS=$((PASS + ${line%% passed*}))
		line=${line#* passed, }
		FAIL=$((FAIL + ${line%% failed}))
	fi
	# The kernel's view: 3 echo replies and 8 echo requests decapsulated.
	rx=$(( $(kstat vx0 rx_packets) - rx ))
	err=$(( $(kstat vx0 rx_errors) - err ))
	drop=$(( $(kstat vx0 rx_dropped) - drop ))
	line="kernel vx0: rx_packets +$rx (want 11), rx_errors +$err,"
	line+=" rx_dropped +$drop (want 0)"
	if [ $rx -eq 11 ] && [ $err -eq 0 ] && [ $drop -eq 0 ]; then
		ok "$line"
	else
		bad "$line"
	fi
}

# SIGTERM: a clean exit, and the TAP interface goes with the sim.
shutdown() {
	local rc

	kill -TERM "$SIM_PID"
	if ! timeout 10 tail --pid="$SIM_PID" -f /dev/null; then
		bad "mcnic-sim still running 10 s after SIGTERM"
		kill -KILL "$SIM_PID"
	fi
	wait "$SIM_PID"
	rc=$?
	SIM_PID=
	if [ $rc -eq 0 ]; then
		ok "mcnic-sim exits 0 on SIGTERM"
	else
		bad "mcnic-sim exit status $rc on SIGTERM: $(tail -n 3 \
			"$TMP/sim.log")"
	fi
	check "namespace $nk still there" K true
	if ip -n "$nk" link show "$tap" >/dev/null 2>&1 ||
	   ip link show "$tap" >/dev/null 2>&1; then
		bad "interface $tap still exists after the sim stopped"
	else
		ok "interface $tap gone with the sim"
	fi
}

setup
traffic
shutdown
report
