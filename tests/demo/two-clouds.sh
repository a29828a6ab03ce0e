#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# `make demo`: two simulated NICs, cloud-a and cloud-b, as two mcnic-sim
# daemons whose uplinks are joined by a UDP link on loopback (the
# underlay).  mcnicctl programs each from its config (examples/
# multicloud.yaml, examples/multicloud-b.yaml); tenant hosts on their host
# vports (tests/demo/tenants.py, through the host socket) talk across the
# clouds; the run ends with each NIC's counters.  No root needed.
# As a test suite (demo/two-clouds) it also checks the story adds up.
set -u
build=${BUILD:-build}
sim=$build/bin/mcnic-sim
ctl=$build/bin/mcnicctl
here=$(dirname "$0")
w=$build/demo/two-clouds
pass=0
fail=0
pids=()

check() {
	if [ "$1" = ok ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $2"
	fi
}

finish() {
	local p

	for p in "${pids[@]}"; do
		kill -TERM "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	pids=()
}
trap finish EXIT

# nic NAME LPORT PPORT: one NIC, uplink 0 on udp LPORT <-> PPORT.
nic() {
	local i

	"$sim" run --name "$1" --socket "$w/$1.sock" --log "$w/$1.log" \
		--port "0=udp:127.0.0.1:$2:127.0.0.1:$3" &
	pids+=($!)
	for i in $(seq 100); do
		"$ctl" -d "sim:$w/$1.sock" heartbeat >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "$1 did not start:"
	cat "$w/$1.log"
	exit 1
}

# counter NIC EXPR: a Python expression over d, mcnicctl stats --json.
counter() {
	"$ctl" -d "sim:$w/$1.sock" --json stats |
		/usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($2)"
}

rm -rf "$w"
mkdir -p "$w"
base=$((20000 + $$ % 20000))
echo "== two NICs on one underlay link (UDP 127.0.0.1:$base <-> :$((base + 1)))"
nic cloud-a "$base" $((base + 1))
nic cloud-b $((base + 1)) "$base"
"$ctl" -d "sim:$w/cloud-a.sock" info | sed 's/^/  cloud-a: /'

echo
echo "== mcnicctl apply: each NIC from its config"
for n in cloud-a:examples/multicloud.yaml cloud-b:examples/multicloud-b.yaml; do
	"$ctl" -d "sim:$w/${n%%:*}.sock" apply "${n#*:}" >"$w/apply-${n%%:*}.txt" 2>&1
	rc=$?
	echo "  ${n%%:*}: $(tail -n 2 "$w/apply-${n%%:*}.txt" | tr '\n' ' ')"
	[ "$rc" = 0 ] && r=ok || r=bad
	check $r "apply ${n#*:} to ${n%%:*} (exit $rc)"
done
# cloud-c is not part of this demo: its tunnels (next hops 2 and 4 on
# cloud-a) are marked down, so red goes to cloud-b alone and blue keeps
# cloud-c as a backup it never needs.
"$ctl" -d "sim:$w/cloud-a.sock" nexthop down 2 &&
	"$ctl" -d "sim:$w/cloud-a.sock" nexthop down 4 && r=ok || r=bad
check $r "cloud-c's next hops marked down"
echo "  cloud-a: cloud-c is not running here: mcnicctl nexthop down 2, 4 (c-blue, c-red)"

/usr/bin/python3 "$here/tenants.py" "$w/cloud-a.sock" "$w/cloud-b.sock" \
	"$ctl" "sim:$w/cloud-a.sock" | tee "$w/tenants.txt"
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$w/tenants.txt")
pass=$((pass + ${line%% passed*}))
tfail=$(echo "$line" | sed -E 's/.* ([0-9]+) failed/\1/')
fail=$((fail + ${tfail:-1}))

echo
echo "== the counters (ids as in the configs: tunnels and next hops are"
echo "   numbered in file order -- cloud-a: 0 b1-blue, 1 b2-blue, 2 c-blue,"
echo "   3 b-red, 4 c-red; cloud-b: 0 a-blue, 1 a-red; ports 0 uplink0,"
echo "   16 web, 17 db, 18 red; VRF 1 blue, 2 red)"
for n in cloud-a cloud-b; do
	echo
	echo "== $n: mcnicctl stats"
	"$ctl" -d "sim:$w/$n.sock" stats | tee "$w/stats-$n.txt"
done

# The counters tell the same story the tenants saw.
v=$(counter cloud-a "[r['packets'] for r in d['rules'] if r['id']==20][0]")
[ "$v" = 1 ] && r=ok || r=bad
check $r "cloud-a rule 20 (web -/-> db) counted 1 packet, got $v"
v=$(counter cloud-a "[r['packets'] for r in d['rules'] if r['id']==30][0]")
[ "$v" = 1 ] && r=ok || r=bad
check $r "cloud-a rule 30 (no ssh into red) counted 1 packet, got $v"
v=$(counter cloud-a "sum(x['packets'] for x in d['drops'] if x['name']=='POLICY_DENY')")
[ "$v" = 3 ] && r=ok || r=bad
check $r "cloud-a dropped 3 packets by policy, got $v"
v=$(counter cloud-b "sum(x['packets'] for x in d['drops'])")
[ "$v" = 0 ] && r=ok || r=bad
check $r "cloud-b dropped nothing, got $v"
v=$(counter cloud-a "[t['packets'] for t in d['tunnels'] if t['id'] in (0, 1)]")
case "$v" in "[0, "*|*", 0]") r=bad ;; *) r=ok ;; esac
check $r "ECMP used both b1-blue and b2-blue: $v"

finish
for n in cloud-a cloud-b; do
	tail -n 1 "$w/$n.log" | grep -q ': stopped$' && r=ok || r=bad
	check $r "$n shut down cleanly on SIGTERM"
done
echo
echo "(logs, stats and the apply plans: $w/)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
