#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
set -u
build=${BUILD:-build}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0
fail=0

check() {
	if [ "$1" = ok ]; then
		pass=$((pass + 1))
		echo "PASS $2"
	else
		fail=$((fail + 1))
		echo "FAIL $2"
	fi
}

"$build/bin/mcnic-tunnel-demo" --out "$out" && r=ok || r=bad
check "$r" "demo: every frame round-trips or is refused as expected"

tsh=(tshark -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE
     -o tcp.check_checksum:TRUE)
for f in inner wire decap; do
	n=$("${tsh[@]}" -r "$out/$f.pcap" 2>/dev/null | wc -l)
	bad=$("${tsh[@]}" -r "$out/$f.pcap" -Y \
	      '_ws.malformed || _ws.expert.severity >= error' 2>/dev/null)
	[ "$n" -gt 0 ] && [ -z "$bad" ] && r=ok || r=bad
	[ -n "$bad" ] && echo "$bad"
	check "$r" "tshark: $f.pcap has $n packets, none malformed or bad checksum"
done
# The wire must really carry all three tunnel types.
for proto in vxlan geneve gre; do
	n=$(tshark -r "$out/wire.pcap" -Y "$proto" 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] && r=ok || r=bad
	check "$r" "tshark: wire.pcap dissects $n $proto packets"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
