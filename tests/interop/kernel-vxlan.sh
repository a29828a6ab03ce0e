#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The Linux kernel's vxlan device as an independent peer of mcnic's encap and
# decap.  Namespace K holds a kernel vxlan device on one end of a veth pair;
# in namespace P, kvxlan plays the remote VTEP on the other end with only
# mcnic's data plane (AF_PACKET, mcnic_encap, mcnic_parse/mcnic_decap).
# Static neighbours: nobody ARPs.  Needs root, netns, veth, ping, ethtool.
set -u
build=${BUILD:-build}
kv=$build/tests/interop/kvxlan
nk=mcnic-k$$
np=mcnic-p$$
tmp=$(mktemp -d /tmp/mcnic-kvxlan.XXXXXX)
pass=0
fail=0
kvpid=
wdpid=
frames=0 frames_bad=0 meta_bad=0

MAC_K=02:00:5e:10:00:01		# kernel underlay (vK)
MAC_P=02:00:5e:10:00:02		# kvxlan underlay (vP)
IMAC_K=02:00:5e:10:01:01	# the kernel's vxlan device
IMAC_P=02:00:5e:10:01:02	# kvxlan's inner MAC
U4K=192.0.2.1 U4P=192.0.2.2 U6K=fd00:4789::1 U6P=fd00:4789::2
I4K=198.51.100.1 I6K=fd00:42::1 I6P=fd00:42::2
I4P=(198.51.100.2 198.51.100.3 198.51.100.4 198.51.100.5)
FWM_SRC=203.0.113.7		# reachable from K only by fwmark routing

cleanup() {
	[ -n "$kvpid" ] && kill "$kvpid" 2>/dev/null
	[ -n "$wdpid" ] && kill "$wdpid" 2>/dev/null
	ip netns del "$nk" 2>/dev/null
	ip netns del "$np" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'bad "watchdog: suite ran over 45 s"; finish' TERM

ok() { echo "PASS: $*"; pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit; }
fatal() { bad "setup: $*"; finish; }
K() { ip netns exec "$nk" "$@"; }

# Adds up the PASS/FAIL lines of one kvxlan run; rc is its exit status.
tally() {
	local out=$1 rc=$2 p f n b m
	cat "$out"
	read -r n b m < <(sed -n 's/^STATS: frames=\([0-9]*\) bad=\([0-9]*\) meta_bad=\([0-9]*\)$/\1 \2 \3/p' "$out")
	frames=$((frames + ${n:-0}))
	frames_bad=$((frames_bad + ${b:-0}))
	meta_bad=$((meta_bad + ${m:-0}))
	[ -n "${n:-}" ] || bad "kvxlan printed no STATS line"
	p=$(grep -c '^PASS' "$out")
	f=$(grep -c '^FAIL' "$out")
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		bad "kvxlan exited $rc without reporting a failure"
	elif [ $((p + f)) -eq 0 ]; then
		bad "kvxlan reported nothing"
	fi
}

setup() {
	[ "$(id -u)" = 0 ] || fatal "must run as root (network namespaces)"
	[ -x "$kv" ] || fatal "$kv not built (make BUILD=$build $kv)"
	command -v ping >/dev/null && command -v ethtool >/dev/null ||
		fatal "need ping (iputils-ping) and ethtool: make deps"
	ip netns add "$nk" && ip netns add "$np" || fatal "ip netns add"
	ip link add vK netns "$nk" address $MAC_K type veth \
		peer name vP netns "$np" address $MAC_P || fatal "veth pair"
	# The kernel must put real checksums on the wire, not leave them to
	# an offload that veth never performs.
	K ethtool -K vK tx off >/dev/null || fatal "ethtool -K vK tx off"
	K sysctl -qw net.ipv4.fwmark_reflect=1 net.ipv6.fwmark_reflect=1 \
		net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 ||
		fatal "sysctl in $nk"
	ip netns exec "$np" sysctl -qw net.ipv6.conf.vP.disable_ipv6=1 &&
		ip -n "$np" link set vP up || fatal "vP up"
	ip -n "$nk" link set lo up &&
		ip -n "$nk" addr add $U4K/24 dev vK &&
		ip -n "$nk" addr add $U6K/64 dev vK nodad &&
		ip -n "$nk" link set vK up &&
		ip -n "$nk" neigh replace $U4P lladdr $MAC_P dev vK nud permanent &&
		ip -n "$nk" neigh replace $U6P lladdr $MAC_P dev vK nud permanent ||
		fatal "underlay addresses in $nk"
	# Every later wait is bounded too; this is the last resort.
	(sleep 45 & sp=$!; trap 'kill $sp; exit' TERM; wait $sp &&
		kill -TERM $$) >/dev/null 2>&1 &
	wdpid=$!
}

# mkvx 4|6 VNI [vxlan options]: the kernel's VTEP as vx0, inner addresses,
# static neighbours for kvxlan's inner addresses.
mkvx() {
	local fam=$1 vni=$2 l=$U4K r=$U4P a
	shift 2
	[ "$fam" = 6 ] && l=$U6K r=$U6P
	ip -n "$nk" link del vx0 2>/dev/null
	ip -n "$nk" link add vx0 address $IMAC_K type vxlan id "$vni" \
		local $l remote $r dstport 4789 dev vK nolearning "$@" ||
		fatal "ip link add vx0 type vxlan $* (no vxlan in this kernel?)"
	ip -n "$nk" link set vx0 up && ip -n "$nk" addr add $I4K/24 dev vx0 &&
		ip -n "$nk" -6 addr add $I6K/64 dev vx0 nodad || fatal "vx0 up"
	for a in "${I4P[@]}" $I6P; do
		ip -n "$nk" neigh replace "$a" lladdr $IMAC_P dev vx0 \
			nud permanent || fatal "neighbour $a"
	done
	KVU=(--if vP --mac "$MAC_P" --peer-mac "$MAC_K" --inner-mac "$IMAC_P"
	     --peer-inner-mac "$IMAC_K" --vni "$vni" --local "$r" --remote "$l")
}

kstat() { K cat "/sys/class/net/vx0/statistics/$1"; }
# Udp InCsumErrors (4) or Udp6InCsumErrors (6) of namespace K.
csumerr() {
	if [ "$1" = 4 ]; then
		K awk '/^Udp:/ { if (!h) { for (i = 1; i <= NF; i++)
			if ($i == "InCsumErrors") c = i; h = 1 } else print $c }' \
			/proc/net/snmp
	else
		K awk '$1 == "Udp6InCsumErrors" { print $2 }' /proc/net/snmp6
	fi
}

snap() {
	S_RX=$(kstat rx_packets) S_ERR=$(kstat rx_errors)
	S_DROP=$(kstat rx_dropped) S_C4=$(csumerr 4) S_C6=$(csumerr 6)
}

# counters LABEL RX [C4 C6]: vx0 decapsulated RX frames since snap, without
# errors, and the UDP layer saw C4/C6 bad checksums (default 0).
counters() {
	local rx=$(( $(kstat rx_packets) - S_RX )) err=$(( $(kstat rx_errors) - S_ERR ))
	local drop=$(( $(kstat rx_dropped) - S_DROP ))
	local c4=$(( $(csumerr 4) - S_C4 )) c6=$(( $(csumerr 6) - S_C6 ))
	local msg="$1: kernel vx0 rx_packets +$rx (want $2), rx_errors +$err, rx_dropped +$drop, Udp InCsumErrors +$c4 (want ${3:-0}), Udp6 +$c6 (want ${4:-0})"
	if [ $rx -eq "$2" ] && [ $err -eq 0 ] && [ $drop -eq 0 ] &&
	   [ $c4 -eq "${3:-0}" ] && [ $c6 -eq "${4:-0}" ]; then
		ok "$msg"
	else
		bad "$msg"
	fi
}

# kv_ping LABEL [kvxlan options]: we send echo requests, the kernel answers.
kv_ping() {
	local label=$1
	shift
	timeout 10 ip netns exec "$np" "$kv" ping "${KVU[@]}" --label "$label" \
		--timeout-ms 500 "$@" >"$tmp/kv.out" 2>&1
	tally "$tmp/kv.out" $?
}

# kernel_ping LABEL N PING-ARGS -- KVXLAN-ARGS: the kernel pings kvxlan.
kernel_ping() {
	local label=$1 n=$2 pargs=() rc prc
	shift 2
	while [ $# -gt 0 ] && [ "$1" != -- ]; do pargs+=("$1"); shift; done
	shift
	timeout 10 ip netns exec "$np" "$kv" echo "${KVU[@]}" --label "$label" \
		--count "$n" --timeout-ms 4000 "$@" >"$tmp/echo.out" 2>&1 &
	kvpid=$!
	for _ in $(seq 100); do
		grep -q READY "$tmp/echo.out" && break
		sleep 0.05
	done
	K timeout 6 ping -c "$n" -i 0.2 -W 1 -w 3 "${pargs[@]}" >"$tmp/ping.out" 2>&1
	prc=$?
	wait $kvpid
	rc=$?
	kvpid=
	grep -v READY "$tmp/echo.out" >"$tmp/echo.res"
	tally "$tmp/echo.res" $rc
	if [ $prc -eq 0 ] && grep -q ' 0% packet loss' "$tmp/ping.out"; then
		ok "$label: kernel ping -c $n ${pargs[*]}: 0% loss"
	else
		bad "$label: kernel ping -c $n ${pargs[*]}: exit $prc: $(grep -E 'loss|rror' "$tmp/ping.out" | tr '\n' ' ')"
	fi
}

OWN4=(--own "${I4P[0]}" --own "${I4P[1]}" --own "${I4P[2]}" --own "${I4P[3]}")

# Across all runs: every VXLAN frame the kernel sent passed our parse and
# decap checks, and our parser's metadata offsets were as meta.h says.
all_frames() {
	local n=$frames msg
	[ "$n" -gt 0 ] || { bad "no VXLAN frame from the kernel at all"; return; }
	msg="all $n kernel VXLAN frames through our parse/decap checks: $frames_bad failed"
	[ "$frames_bad" -eq 0 ] && ok "$msg" || bad "$msg (see 'first bad frame' above)"
	msg="parse metadata offsets (tun_off, inner_off, inner.l2_off, len) of $n kernel VXLAN frames: $meta_bad wrong"
	[ "$meta_bad" -eq 0 ] && ok "$msg" || bad "$msg (see 'first bad metadata' above)"
}

# 1, 2: IPv4 underlay, no UDP checksums (the kernel's default).
scenario_v4() {
	mkvx 4 4242 noudpcsum
	snap
	kv_ping "1 v4: mcnic->kernel" "${OWN4[@]}" --peer $I4K \
		--count 4 --expect-csum 0
	counters "1 v4: mcnic->kernel" 4
	snap
	kernel_ping "2 v4: kernel->mcnic" 5 ${I4P[0]} -- --own ${I4P[0]} \
		--peer $I4K --expect-csum 0
	counters "2 v4: kernel->mcnic" 5
}

# 3: IPv6 underlay (UDP checksums mandatory both ways), IPv4 and IPv6 inner.
scenario_v6() {
	mkvx 6 6262
	snap
	kv_ping "3 v6: mcnic->kernel inner v4" "${OWN4[@]}" --peer $I4K \
		--count 4 --expect-csum 1
	kv_ping "3 v6: mcnic->kernel inner v6" --own $I6P --peer $I6K \
		--count 2 --expect-csum 1
	counters "3 v6: mcnic->kernel" 6
	snap
	kernel_ping "3 v6: kernel->mcnic inner v4" 5 ${I4P[0]} -- \
		--own ${I4P[0]} --peer $I4K --expect-csum 1
	kernel_ping "3 v6: kernel->mcnic inner v6" 3 $I6P -- \
		--own $I6P --peer $I6K --expect-csum 1
	counters "3 v6: kernel->mcnic" 8
	# Negative control: the kernel must refuse a broken checksum of ours.
	snap
	kv_ping "4 v6: bad UDP checksum" --own ${I4P[0]} --peer $I4K \
		--corrupt-csum --expect-none
	counters "4 v6: bad UDP checksum" 0 0 1
}

# 4: IPv4 underlay with UDP checksums on both sides.
scenario_csum() {
	mkvx 4 4343 udpcsum
	snap
	kv_ping "4 v4 udpcsum: mcnic->kernel" "${OWN4[@]}" --peer $I4K \
		--count 4 --csum --expect-csum 1
	counters "4 v4 udpcsum: mcnic->kernel" 4
	snap
	kernel_ping "4 v4 udpcsum: kernel->mcnic" 5 ${I4P[0]} -- \
		--own ${I4P[0]} --peer $I4K --csum --expect-csum 1
	counters "4 v4 udpcsum: kernel->mcnic" 5
	snap
	kv_ping "4 v4 udpcsum: bad UDP checksum" --own ${I4P[0]} --peer $I4K \
		--csum --corrupt-csum --expect-none
	counters "4 v4 udpcsum: bad UDP checksum" 0 1 0
}

# 5: VXLAN-GBP.  The kernel maps the group to skb->mark on receive and the
# mark to the group on send; fwmark_reflect carries a request's mark to the
# echo reply, and an fwmark rule is the only route back to $FWM_SRC.
scenario_gbp() {
	mkvx 4 5151 gbp
	K ip rule add fwmark 0x1234 lookup 4242 pref 100 &&
		K ip route add $FWM_SRC/32 dev vx0 table 4242 &&
		K ip neigh replace $FWM_SRC lladdr $IMAC_P dev vx0 nud permanent ||
		fatal "fwmark rule and route"
	snap
	kv_ping "5 gbp: group 0x1234 reflected" "${OWN4[@]:0:4}" \
		--peer $I4K --count 2 --gbp 0x1234 --expect-gbp 0x1234
	kv_ping "5 gbp: group 0x1234 routes by fwmark" --own $FWM_SRC \
		--peer $I4K --count 2 --gbp 0x1234 --expect-gbp 0x1234
	kv_ping "5 gbp: group 0x4321 has no route" --own $FWM_SRC --peer $I4K \
		--gbp 0x4321 --expect-none
	counters "5 gbp: mcnic->kernel" 5
	snap
	# iputils takes the mark in decimal only.
	kernel_ping "5 gbp: kernel ping -m 0x777" 3 -m $((0x777)) ${I4P[0]} -- \
		--own ${I4P[0]} --peer $I4K --gbp 0x00aa --expect-gbp 0x777
	kernel_ping "5 gbp: kernel ping -m D|A|0x888" 2 -m $((0x480888)) ${I4P[0]} -- \
		--own ${I4P[0]} --peer $I4K --gbp 0x00aa --expect-gbp 0x888 \
		--expect-gbp-d --expect-gbp-a
	counters "5 gbp: kernel->mcnic" 5
}

setup
scenario_v4
scenario_v6
scenario_csum
scenario_gbp
all_frames
finish
