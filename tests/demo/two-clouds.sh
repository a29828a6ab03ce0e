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
here=$(dirname "$0")
w=${BUILD:-build}/demo/two-clouds
. "$here/clouds-lib.sh"
trap clouds_stop EXIT

rm -rf "$w"
mkdir -p "$w"
clouds_up

/usr/bin/python3 "$here/tenants.py" "$w/cloud-a.sock" "$w/cloud-b.sock" \
	"$ctl" "sim:$w/cloud-a.sock" | tee "$w/tenants.txt"
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$w/tenants.txt")
if [ -n "$line" ]; then
	pass=$((pass + ${line%% passed*}))
	fail=$((fail + $(echo "$line" | sed -E 's/.* ([0-9]+) failed/\1/')))
else
	check bad "tenants.py reported no result"
fi

clouds_stats

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

clouds_finish
