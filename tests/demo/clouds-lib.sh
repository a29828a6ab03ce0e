# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Shared by the two-cloud demos (two-clouds.sh, two-clouds-netns.sh): two
# mcnic-sim daemons, cloud-a and cloud-b, whose uplinks 0 are joined by a
# UDP link on loopback (the underlay), each programmed by mcnicctl from
# its config.  The caller sets w (work directory) and may set
# CLOUD_A_PORTS / CLOUD_B_PORTS (extra --port options) before clouds_up.
build=${BUILD:-build}
sim=$build/bin/mcnic-sim
ctl=$build/bin/mcnicctl
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

clouds_stop() {
	local p

	for p in "${pids[@]}"; do
		kill -TERM "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	pids=()
}

# nic NAME LPORT PPORT [--port ...]: one NIC, uplink 0 on udp LPORT <-> PPORT.
nic() {
	local name=$1 lport=$2 pport=$3 i

	shift 3
	"$sim" run --name "$name" --socket "$w/$name.sock" --log "$w/$name.log" \
		--port "0=udp:127.0.0.1:$lport:127.0.0.1:$pport" "$@" &
	pids+=($!)
	for i in $(seq 100); do
		"$ctl" -d "sim:$w/$name.sock" heartbeat >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "$name did not start:"
	cat "$w/$name.log"
	exit 1
}

# counter NIC EXPR: a Python expression over d, mcnicctl stats --json.
counter() {
	"$ctl" -d "sim:$w/$1.sock" --json stats |
		/usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($2)"
}

# Both NICs up and programmed; cloud-c (not part of the demos) marked down.
clouds_up() {
	local base=$((20000 + $$ % 20000 / 2 * 2)) n rc r

	echo "== two NICs on one underlay link (UDP 127.0.0.1:$base <-> :$((base + 1)))"
	# shellcheck disable=SC2086 # word splitting of the extra options
	nic cloud-a "$base" $((base + 1)) ${CLOUD_A_PORTS:-}
	# shellcheck disable=SC2086
	nic cloud-b $((base + 1)) "$base" ${CLOUD_B_PORTS:-}
	"$ctl" -d "sim:$w/cloud-a.sock" info | sed 's/^/  cloud-a: /'
	echo
	echo "== mcnicctl apply: each NIC from its config"
	for n in cloud-a:examples/multicloud.yaml \
		 cloud-b:examples/multicloud-b.yaml; do
		"$ctl" -d "sim:$w/${n%%:*}.sock" apply "${n#*:}" \
			>"$w/apply-${n%%:*}.txt" 2>&1
		rc=$?
		echo "  ${n%%:*}: $(tail -n 2 "$w/apply-${n%%:*}.txt" | tr '\n' ' ')"
		[ "$rc" = 0 ] && r=ok || r=bad
		check $r "apply ${n#*:} to ${n%%:*} (exit $rc)"
	done
	# cloud-c's tunnels (next hops 2 and 4 on cloud-a) are marked down,
	# so red goes to cloud-b alone and blue keeps cloud-c as a backup it
	# never needs.
	"$ctl" -d "sim:$w/cloud-a.sock" nexthop down 2 &&
		"$ctl" -d "sim:$w/cloud-a.sock" nexthop down 4 && r=ok || r=bad
	check $r "cloud-c's next hops marked down"
	echo "  cloud-a: cloud-c is not running here: mcnicctl nexthop down 2, 4 (c-blue, c-red)"
}

clouds_stats() {
	local n

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
}

# Stop both and check they shut down cleanly; print the verdict.
clouds_finish() {
	local n r

	clouds_stop
	for n in cloud-a cloud-b; do
		tail -n 1 "$w/$n.log" | grep -q ': stopped$' && r=ok || r=bad
		check $r "$n shut down cleanly on SIGTERM"
	done
	echo
	echo "(logs, stats and the apply plans: $w/)"
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
}
