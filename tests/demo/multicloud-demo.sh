#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# The second half of `make demo`: cloud-a's NIC, programmed from
# examples/multicloud.yaml, replays example traffic (made by
# examples/multicloud-traffic.py) with a trace and the counters.  As a test
# suite (demo/multicloud) it also checks the story adds up: what came out,
# what was dropped and why, and that tshark finds nothing malformed.
set -u
build=${BUILD:-build}
out=$build/demo/multicloud
pass=0
fail=0

check() {
	if [ "$1" = ok ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $2"
	fi
}

rm -rf "$out"
mkdir -p "$out"
/usr/bin/python3 examples/multicloud-traffic.py "$out" || exit 1
echo
echo "== cloud-a's NIC (examples/multicloud.yaml) replays $out/*.pcap"
"$build/bin/mcnic-sim" replay --config examples/multicloud.yaml --trace \
	--in web-a="$out/web-a.pcap" --in app-red="$out/app-red.pcap" \
	--in uplink0="$out/uplink0.pcap" \
	--out uplink0="$out/out-uplink0.pcap" --out web-a="$out/out-web-a.pcap" \
	>"$out/report.txt" 2>"$out/summary.txt"
rc=$?
cat "$out/report.txt" "$out/summary.txt"
echo "(pcaps of what left each port: $out/out-*.pcap)"
[ "$rc" = 0 ] && r=ok || r=bad
check $r "replay exit status $rc"
grep -q '^mcnic-sim replay: in 19, out 13, dropped 6$' "$out/summary.txt" \
	&& r=ok || r=bad
check $r "19 frames in, 13 out, 6 dropped"
for want in ' web-a: drop POLICY_DENY .* rule 20$' \
	    ' web-a: drop POLICY_DENY .* rule default$' \
	    ' web-a: drop BLACKHOLE ' \
	    ' uplink0: drop PEER_UNKNOWN ' \
	    ' uplink0: drop VNI_UNKNOWN ' \
	    ' uplink0: drop POLICY_DENY .* rule 30$' \
	    '^2 uplink0 -> web-a queue [01] rule 10$'; do
	grep -qE "$want" "$out/report.txt" && r=ok || r=bad
	check $r "trace has /$want/"
done
tsh=(tshark -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE
     -o tcp.check_checksum:TRUE)
for f in out-uplink0 out-web-a; do
	n=$("${tsh[@]}" -r "$out/$f.pcap" 2>/dev/null | wc -l)
	bad=$("${tsh[@]}" -r "$out/$f.pcap" -Y \
	      '_ws.malformed || _ws.expert.severity >= error' 2>/dev/null)
	[ "$n" -gt 0 ] && [ -z "$bad" ] && r=ok || r=bad
	check $r "tshark: $f.pcap has $n frames, none malformed"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
