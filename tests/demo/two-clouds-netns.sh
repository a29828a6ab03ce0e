#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# `make demo-netns` (root): the two-cloud demo with real Linux hosts.  The
# host vports web-a (cloud-a) and web-b, db-b (cloud-b) are TAP interfaces
# that mcnic-sim attaches (--port 16=tap:...), each moved into a network
# namespace of its own, where the kernel is the tenant's host: ping and
# TCP from a real stack, through both simulated NICs and the underlay.
#
# The NICs carry tenant frames as they are (the overlay is one L2 segment
# per tenant), so each host has a static neighbour entry with the far
# host's MAC, and nobody ARPs across.  As a test suite (demo/two-clouds-
# netns) it checks what got through, what did not, and the counters.
set -u
here=$(dirname "$0")
w=${BUILD:-build}/demo/two-clouds-netns
. "$here/clouds-lib.sh"
py=/usr/bin/python3
ns=mcnic-dh$$
t=mcdh$$
# host: namespace suffix, TAP (NIC side name), address, MAC
HOSTS="wa:${t}wa:10.1.1.10:02:00:00:00:01:0a wb:${t}wb:10.2.1.20:02:00:00:00:02:14 db:${t}db:10.2.2.30:02:00:00:00:02:1e"

cleanup() {
	clouds_stop
	for h in wa wb db; do
		ip netns pids "$ns$h" 2>/dev/null | xargs -r kill 2>/dev/null
		ip netns del "$ns$h" 2>/dev/null
	done
}
trap cleanup EXIT
H() { local h=$1; shift; ip netns exec "$ns$h" "$@"; }

if [ "$(id -u)" != 0 ]; then
	echo "FAIL: must run as root (TAP devices, network namespaces)"
	echo "0 passed, 1 failed"
	exit 1
fi
rm -rf "$w"
mkdir -p "$w"
CLOUD_A_PORTS="--port 16=tap:${t}wa"
CLOUD_B_PORTS="--port 16=tap:${t}wb --port 17=tap:${t}db"
clouds_up

# host NS TAP ADDR MAC PEERS...: the TAP into namespace NS as ADDR/MAC,
# with a static neighbour for each PEER (addr=mac).
host() {
	local h=$1 tap=$2 addr=$3 mac=$4 p

	shift 4
	ip netns add "$ns$h" && ip link set "$tap" netns "$ns$h" || return 1
	H "$h" sysctl -qw "net.ipv6.conf.$tap.disable_ipv6=1" || return 1
	H "$h" ip link set "$tap" address "$mac" mtu 1450 up || return 1
	# /8: every tenant address is on the link; the neighbours below
	# give the far hosts' MACs.
	H "$h" ip addr add "$addr/8" dev "$tap" || return 1
	H "$h" ip link set lo up || return 1
	for p in "$@"; do
		H "$h" ip neigh replace "${p%%=*}" lladdr "${p#*=}" \
			dev "$tap" nud permanent || return 1
	done
}
echo
echo "== Linux hosts in namespaces behind the NICs' host vports (TAP)"
host wa "${t}wa" 10.1.1.10 02:00:00:00:01:0a \
	10.2.1.20=02:00:00:00:02:14 10.2.2.30=02:00:00:00:02:1e &&
host wb "${t}wb" 10.2.1.20 02:00:00:00:02:14 10.1.1.10=02:00:00:00:01:0a &&
host db "${t}db" 10.2.2.30 02:00:00:00:02:1e 10.1.1.10=02:00:00:00:01:0a &&
	r=ok || r=bad
check $r "hosts web-a (10.1.1.10), web-b (10.2.1.20), db-b (10.2.2.30) set up"
[ "$r" = ok ] || { clouds_finish; exit; }

# Servers on web-b (443, 22) and db-b (5432): the policies, not closed
# ports, must be what stops a connection.
serve='
import socket, sys, threading
def serve(port):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port)); s.listen(4)
    while True:
        c, _ = s.accept(); c.sendall(b"hello from %d" % port); c.close()
for p in sys.argv[1:]:
    threading.Thread(target=serve, args=(int(p),), daemon=True).start()
threading.Event().wait()
'
ip netns exec "${ns}wb" "$py" -c "$serve" 443 22 &
ip netns exec "${ns}db" "$py" -c "$serve" 5432 &
sleep 0.5

# tcp NS ADDR PORT: connect, read the greeting (2 s), print it or "refused".
tcp() {
	H "$1" "$py" -c '
import socket, sys
try:
    s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=2)
    print(s.recv(64).decode())
except OSError as e:
    print("no connection (%s)" % (e.strerror or e))
' "$2" "$3"
}

# step WHAT EXPECT(yes|no) OUTPUT-MATCH COMMAND...
step() {
	local what=$1 want=$2 match=$3 out got r

	shift 3
	out=$("$@" 2>&1)
	echo "$out" | grep -qE "$match" && got=yes || got=no
	printf '  %-52s %s\n' "$what" \
		"$(echo "$out" | grep -E 'packet loss|^hello|^no conn' | tail -n 1)"
	[ "$got" = "$want" ] && r=ok || r=bad
	check $r "$what: expected $([ "$want" = yes ] && echo through || echo blocked)"
}

echo
echo "== tenant blue: real stacks across cloud-a and cloud-b"
step "web-a: ping -c 3 10.2.1.20 (web-b)" yes ' 0% packet loss' \
	H wa ping -c 3 -i 0.2 -W 2 10.2.1.20
step "web-a: tcp 10.2.1.20:443 (web-b, https)" yes '^hello from 443' \
	tcp wa 10.2.1.20 443
step "web-a: tcp 10.2.1.20:22 (web-b, ssh)" no '^hello' \
	tcp wa 10.2.1.20 22
step "web-a: tcp 10.2.2.30:5432 (db-b, postgres)" no '^hello' \
	tcp wa 10.2.2.30 5432
step "web-b: ping -c 3 10.1.1.10 (web-a)" yes ' 0% packet loss' \
	H wb ping -c 3 -i 0.2 -W 2 10.1.1.10

clouds_stats
v=$(counter cloud-a "[r['packets'] for r in d['rules'] if r['id']==20][0]")
[ "${v:-0}" -ge 1 ] && r=ok || r=bad
check $r "cloud-a rule 20 (web -/-> db) stopped the postgres SYNs: $v"
v=$(counter cloud-a "[r['packets'] for r in d['rules'] if r['id']==10][0]")
[ "${v:-0}" -ge 3 ] && r=ok || r=bad
check $r "cloud-a rule 10 (web -> cloud-b https) counted the connection: $v"
clouds_finish
