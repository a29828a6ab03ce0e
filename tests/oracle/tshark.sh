#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# tshark, an independent dissector, reads every frame mcnic_encap produced
# for the oracle vectors (written by vectors-pcap).  A frame passes when it
# is not malformed, has no expert error with IP/UDP/TCP checksums checked,
# goes to the UDP port its vector configured, and shows its tunnel (vxlan,
# geneve, gre) with the inner frame dissected under it -- so a pcap tshark
# cannot make sense of fails too.
# Usage: tshark.sh [PCAP MANIFEST]  (default: generate both under $BUILD)
set -u
out=${BUILD:-build}/tests/oracle
pcap=${1:-$out/encap.pcap}
man=${2:-$out/encap.manifest}
if [ $# -eq 0 ]; then
	rm -f "$pcap" "$man"
	# Byte mismatches are oracle/vectors' to report; here we need frames.
	"$out/vectors-pcap" "$pcap" "$man" >"$out/vectors-pcap.log" 2>&1
fi
if [ ! -s "$pcap" ] || [ ! -s "$man" ]; then
	echo "no frames: $pcap or $man missing or empty"
	exit 1
fi
tshark() { command tshark -n -r "$pcap" "$@" 2>/dev/null; }

# Manifest lines: frame tunnel-type configured-dport name.
# The configured tunnel ports decode as their tunnel; so does an entropy
# source port below the tunnel port (tshark tries the lower port first).
ports=$(tshark -T fields -E occurrence=f -e frame.number -e udp.srcport \
	-e udp.dstport)
mapfile -t decode < <(awk '
	NR == FNR { tun[$1] = $2; dp[$1] = $3; next }
	tun[$1] == 1 || tun[$1] == 2 {
		t = tun[$1] == 1 ? "vxlan" : "geneve"
		p[dp[$1]] = p[dp[$1]] "," t
		if ($2 != "" && $2 + 0 < dp[$1] + 0)
			p[$2] = p[$2] "," t
	}
	END {
		for (n in p) {
			t = p[n] ~ /vxlan/ ? "vxlan" : "geneve"
			if (p[n] ~ /vxlan/ && p[n] ~ /geneve/)
				print "CONFLICT: udp port " n
			print "-d"
			print "udp.port==" n "," t
		}
	}' "$man" - <<<"$ports")
if printf '%s\n' "${decode[@]}" | grep CONFLICT; then
	exit 1
fi

checks=(-o ip.check_checksum:TRUE -o udp.check_checksum:TRUE
	-o tcp.check_checksum:TRUE -o udp.ignore_ipv6_zero_checksum:TRUE)
protos=$(tshark "${checks[@]}" "${decode[@]}" -T fields -e frame.number \
	-e frame.protocols)
bad=$(tshark "${checks[@]}" "${decode[@]}" \
	-Y '_ws.malformed || _ws.expert.severity >= 0x00800000' \
	-T fields -E aggregator=';' -e frame.number -e _ws.expert.message)
frames=$(grep -c . <<<"$protos")
if [ "$(wc -l <"$man")" -ne "$frames" ]; then
	echo "manifest lists $(wc -l <"$man") frames, tshark read $frames"
	exit 1
fi

# One stream, each line tagged: P protocols, U ports, E errors, M manifest.
tag() { sed "s/^/$1\t/"; }
{
	tag P <<<"$protos"
	tag U <<<"$ports"
	if [ -n "$bad" ]; then
		tag E <<<"$bad"
	fi
	tag M <"$man"
} | awk -F'\t' '
	BEGIN {
		want[1] = ":vxlan:eth:ethertype:"
		want[2] = ":geneve:eth:ethertype:"
		want[3] = ":gre:(eth:ethertype|ip|ipv6):"
	}
	$1 == "P" { proto[$2] = $3; next }
	$1 == "U" { dport[$2] = $4; next }
	$1 == "E" { err[$2] = $3; next }
	{
		split($2, m, " ")
		n = m[1]; name = m[4]
		why = ""
		if (proto[n] !~ want[m[2]])
			why = "no " want[m[2]] " with an inner frame: " proto[n]
		else if (m[2] != 3 && dport[n] != m[3])
			why = "udp dport " dport[n] ", configured " m[3]
		else if (n in err)
			why = err[n]
		if (why == "") {
			passed++
		} else {
			printf "FAIL %s (frame %s): %s\n", name, n, why
			failed++
		}
	}
	END {
		printf "%d passed, %d failed\n", passed, failed
		exit failed > 0
	}'
