#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Host side of 40-traffic: cloud-b, a second mcnic-sim on the far end of
# the guest NIC's UDP underlay (examples/multicloud-b.yaml), with web-b
# (10.2.1.20) in a network namespace behind its vport 16 (a TAP), serving
# tcp 443 and 22.  Afterwards: web-b's stack saw the guest's frames, and
# cloud-b counted them on its tunnel.  Then it makes the guest's
# mcnic-sim write garbage completions (SIGUSR2), keeping cloud-b up until
# the guest is done.
. "$(dirname "$0")/../host-lib.sh"
ctl=$BUILD/bin/mcnicctl
ns=mcnic-hil$$
tap=mchil$$
sock=$HIL_WORK/cloud-b.sock
H() { ip netns exec "$ns" "$@"; }

cleanup() {
	[ -n "${sim:-}" ] && kill "$sim" 2>/dev/null && wait "$sim"
	ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
	ip netns del "$ns" 2>/dev/null
}
trap cleanup EXIT

"$BUILD/bin/mcnic-sim" run --name cloud-b --socket "$sock" \
	--port "0=udp:127.0.0.1:$((HIL_UNDERLAY + 1)):127.0.0.1:$HIL_UNDERLAY" \
	--port "16=tap:$tap" --log "$HIL_WORK/cloud-b.log" &
sim=$!
for _ in $(seq 100); do "$ctl" -d "sim:$sock" heartbeat >/dev/null 2>&1 && break; sleep 0.1; done
"$ctl" -d "sim:$sock" apply "$(dirname "$0")/../../../examples/multicloud-b.yaml" || exit 1
ip netns add "$ns" && ip link set "$tap" netns "$ns" || exit 1
H sysctl -qw "net.ipv6.conf.$tap.disable_ipv6=1"
H ip link set "$tap" address 02:00:00:00:02:14 mtu 1450 up || exit 1
H ip addr add 10.2.1.20/8 dev "$tap" || exit 1
H ip link set lo up
H ip neigh replace 10.1.1.10 lladdr 02:00:00:00:01:0a dev "$tap" nud permanent || exit 1
H /usr/bin/python3 -c '
import socket, sys, threading
def serve(port):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port)); s.listen(4)
    while True:
        c, _ = s.accept(); c.sendall(b"hello from %d\n" % port); c.close()
for p in (443, 22):
    threading.Thread(target=serve, args=(p,), daemon=True).start()
threading.Event().wait()
' &
echo "host: cloud-b up, web-b 10.2.1.20 in $ns"

hil_wait_guest 'traffic done' 200 || exit 1
rx=$(H cat "/sys/class/net/$tap/statistics/tx_packets")
echo "host: web-b's interface received $rx frames from cloud-b"
"$ctl" -d "sim:$sock" stats | tee "$HIL_WORK/cloud-b.stats"
[ "$rx" -ge 4 ] || { echo "web-b saw $rx frames, expected >= 4"; exit 1; }
echo "host: the guest's traffic reached web-b through both NICs"

hil_wait_guest 'traffic garbage now' 60 || exit 1
kill -USR2 "$(cat "$HIL_WORK/sim.pid")" || exit 1
echo "host: SIGUSR2 sent to mcnic-sim: garbage completions"
hil_wait_console "^HIL (PASS|FAIL) $HIL_NAME" 120 || exit 1
