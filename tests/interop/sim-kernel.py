#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""The web-a host of tests/interop/sim-kernel.sh, and its checks.  Attached
to vport web-a of a running mcnic-sim (cloud-a's NIC, programmed with
examples/multicloud.yaml, its uplink a TAP interface in namespace NETNS
where the kernel's vxlan devices are cloud-b's VTEP), it answers ICMP echo
requests to 10.1.1.10 and:
  1. kernel -> mcnic -> host: `ping -m 10 10.1.1.10` in NETNS, answered;
  2. host -> mcnic -> kernel: its own echo requests to 10.2.1.20, answered
     by the kernel;
  3. the same from NETNS's vx1, VNI 1002 (no VRF on this NIC): nothing
     reaches the host, the NIC counts the drops;
after each, the NIC's counters (mcnicctl stats --json) must have moved by
exactly what the traffic explains.

Usage: sim-kernel.py MCNICCTL SOCKET NETNS
"""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "sim"))
from scapy.all import ICMP, IP, Ether, Raw  # noqa: E402
from simclient import Client, Results  # noqa: E402

WEB_MAC = "02:00:0a:00:01:10"	# vport web-a, and the kernel's vx0
HOST_MAC = "02:00:00:00:01:0a"	# the web-a host
HOST, REMOTE = "10.1.1.10", "10.2.1.20"
VPORT, UPLINK = 16, 0
B1 = "198.51.100.1"
VXLAN_OVERHEAD = 50		# outer Ether, IPv4, UDP, VXLAN
PING_FRAME = 98			# ping -s 56: Ether, IPv4, ICMP, 56 bytes
N_KPING = 3			# the kernel's pings
GROUP = 10			# ping's fwmark: segment web's GBP group
# The host's requests: one per ICMP id, ids that differ in many bits so
# that ECMP over b1-blue and b2-blue uses both.
IDS = [(0x4b50 + 0x0a3d * i) & 0xffff for i in range(8)]
DROP_VNI = "VNI_UNKNOWN"		# "vni is not mapped to a vrf"

CTL, SOCK, NETNS = sys.argv[1:4] if len(sys.argv) == 4 else (None,) * 3
res = Results()


class Host:
    """10.1.1.10 behind vport web-a: answers echo requests, keeps the
    rest, counts bytes both ways (they must show on the vport)."""

    def __init__(self, client):
        self.c = client
        self.got = []		# frames other than echo requests to us
        self.requests = []	# echo requests we answered
        self.rx_bytes = self.tx_bytes = 0

    def send(self, frame):
        data = bytes(frame)
        self.c.frame(VPORT, data)
        self.tx_bytes += len(data)

    def answer(self, req):
        ip, icmp = req[IP], req[ICMP]
        self.send(Ether(src=HOST_MAC, dst=req.src) /
                  IP(src=HOST, dst=ip.src, ttl=64) /
                  ICMP(type=0, id=icmp.id, seq=icmp.seq) /
                  Raw(bytes(icmp.payload)))

    def pump(self, seconds, done=lambda: False):
        """Serves frames until done() or SECONDS have passed."""
        deadline = time.time() + seconds
        while time.time() < deadline and not done():
            got = self.c.wait_frame(timeout=0.05)
            if got is None:
                continue
            port, _, data = got
            self.rx_bytes += len(data)
            e = Ether(data)
            if (port == VPORT and IP in e and ICMP in e and
                    e[IP].dst == HOST and e[ICMP].type == 8):
                self.requests.append(e)
                self.answer(e)
            else:
                self.got.append((port, e))

    def take(self):
        """The frames and byte counts since the last take()."""
        out = (self.requests, self.got, self.rx_bytes, self.tx_bytes)
        self.requests, self.got = [], []
        self.rx_bytes = self.tx_bytes = 0
        return out


def stats():
    """Every counter of the NIC, flat: (kind, name, field) -> value."""
    p = subprocess.run([CTL, "-d", "sim:" + SOCK, "stats", "--json"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=10)
    if p.returncode:
        raise RuntimeError("mcnicctl stats --json: exit %d: %s" %
                           (p.returncode, p.stderr.decode().strip()))
    d = json.loads(p.stdout)
    flat = {}
    for kind in ("ports", "tunnels", "peers", "rules", "drops"):
        for e in d[kind]:
            for k, v in e.items():
                if k != "id" and isinstance(v, int):
                    flat[(kind, e["name"], k)] = v
    flat[("flow_cache", "", "install_fail")] = d["flow_cache"]["install_fail"]
    return flat


def check_delta(tag, before, want):
    """Exactly the counters in WANT moved since BEFORE, by those amounts;
    a key ("tunnels", (A, B), "packets") stands for the sum of tunnels A
    and B (config tunnel i is device template i: b1-blue is 0, b2-blue 1).
    Returns the counters now and every counter's change."""
    after = stats()
    delta = {k: after.get(k, 0) - before.get(k, 0) for k in after}
    merged = dict(delta)
    for key in [k for k in want if isinstance(k[1], tuple)]:
        names = ["tunnel %d" % i for i in key[1]]
        merged[key] = sum(merged.pop((key[0], n, key[2]), 0) for n in names)
    moved = {k: v for k, v in merged.items() if v}
    wanted = {k: v for k, v in want.items() if v}
    extra = {k: v for k, v in moved.items() if k not in wanted}
    wrong = {k: (moved.get(k, 0), v) for k, v in wanted.items()
             if moved.get(k, 0) != v}
    res.check(not extra and not wrong,
              "%s: mcnicctl stats: %s moved, nothing else%s%s" %
              (tag, fmt(wanted),
               "; also moved: %s" % fmt(extra) if extra else "",
               "; got, want: %s" % fmt(wrong) if wrong else ""))
    return after, delta


def fmt(d):
    def name(k):
        if isinstance(k[1], tuple):
            return "tunnel " + "+".join(str(i) for i in k[1])
        return k[1]
    return ", ".join("%s %s %s" % (name(k), k[2], v)
                     for k, v in sorted(d.items(), key=str)) or "nothing"


def port(pid, rx=0, rxb=0, tx=0, txb=0, drop=0, dropb=0):
    name = "port %d" % pid
    return {("ports", name, "rx_packets"): rx,
            ("ports", name, "rx_bytes"): rxb,
            ("ports", name, "tx_packets"): tx,
            ("ports", name, "tx_bytes"): txb,
            ("ports", name, "drop_packets"): drop,
            ("ports", name, "drop_bytes"): dropb}


def kping(host, args, seconds=8):
    """Runs ping in NETNS while the host serves; (exit status, output)."""
    p = subprocess.Popen(["ip", "netns", "exec", NETNS, "ping"] + args,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    host.pump(seconds, lambda: p.poll() is not None)
    if p.poll() is None:
        p.kill()
    out = p.communicate()[0].decode()
    host.pump(0.3)		# whatever is still on its way
    return p.returncode, out


def expect(n_in, host_rx, n_out, host_tx):
    """The counters of N_IN frames from b1 (VNI 1001) to the host, HOST_RX
    bytes there, and N_OUT frames from the host (HOST_TX bytes) through
    b1-blue or b2-blue (tunnels 0 and 1).  Peers count the decapsulated
    frame, tunnels the encapsulated one."""
    outer_in = host_rx + n_in * VXLAN_OVERHEAD
    outer_out = host_tx + n_out * VXLAN_OVERHEAD
    return {
        **port(UPLINK, rx=n_in, rxb=outer_in, tx=n_out, txb=outer_out),
        **port(VPORT, rx=n_out, rxb=host_tx, tx=n_in, txb=host_rx),
        ("peers", "vni 1001 " + B1, "packets"): n_in,
        ("peers", "vni 1001 " + B1, "bytes"): host_rx,
        ("tunnels", (0, 1), "packets"): n_out,
        ("tunnels", (0, 1), "bytes"): outer_out,
    }


def kernel_to_host(host, before):
    """1: the kernel pings the host (GBP group 10 from the fwmark)."""
    tag = "kernel->mcnic->host"
    rc, out = kping(host, ["-c", str(N_KPING), "-i", "0.2", "-W", "2",
                           "-s", "56", "-m", str(GROUP), HOST])
    res.check(rc == 0 and " %d received" % N_KPING in out,
              "%s: ping -c %d -m %d %s in %s, answered by the host through "
              "mcnic: exit %d: %s" % (tag, N_KPING, GROUP, HOST, NETNS, rc,
                                      " / ".join(out.strip().splitlines()
                                                 [-2:])))
    reqs, other, rxb, txb = host.take()
    res.check(len(reqs) == N_KPING and
              all(r[IP].src == REMOTE and r.src == WEB_MAC and
                  r.dst == HOST_MAC and len(r) == PING_FRAME for r in reqs),
              "%s: the host got %d echo requests %s -> %s (want %d), Ether "
              "%s -> %s, %d bytes each: seqs %s" %
              (tag, len(reqs), REMOTE, HOST, N_KPING, WEB_MAC, HOST_MAC,
               PING_FRAME, [r[ICMP].seq for r in reqs]))
    res.check(not other, "%s: the host got nothing else %s" %
              (tag, [(p, e.summary()) for p, e in other]))
    n = len(reqs)
    return check_delta(tag, before, expect(n, rxb, n, txb))[0]


def request(i):
    return (Ether(src=HOST_MAC, dst=WEB_MAC) /
            IP(src=HOST, dst=REMOTE, id=0x100 + i) /
            ICMP(id=IDS[i], seq=1) / Raw(b"mcnic-sim-kernel %02d" % i +
                                          bytes(range(16 + i))))


def host_to_kernel(host, before):
    """2: the host pings the kernel's vx0 over both of cloud-b's VTEPs."""
    tag = "host->mcnic->kernel"
    sent = {}
    for i in range(len(IDS)):
        f = request(i)
        sent[(f[ICMP].id, f[ICMP].seq)] = bytes(f[ICMP].payload)
        host.send(f)
        host.pump(0.02)
    host.pump(3, lambda: len(host.got) >= len(sent))
    host.pump(0.3)
    reqs, other, rxb, txb = host.take()
    replies = {}
    rest = []
    for p, e in other:
        if (p == VPORT and IP in e and ICMP in e and e[ICMP].type == 0 and
                e[IP].src == REMOTE and e[IP].dst == HOST and
                e.src == WEB_MAC and e.dst == HOST_MAC):
            k = (e[ICMP].id, e[ICMP].seq)
            replies.setdefault(k, []).append(bytes(e[ICMP].payload))
        else:
            rest.append((p, e.summary()))
    res.check(sorted(replies) == sorted(sent) and
              all(v == [sent[k]] for k, v in replies.items()),
              "%s: %d echo requests %s -> %s, each answered once by the "
              "kernel with its payload, Ether %s -> %s: %d answered, %d "
              "frames in all" % (tag, len(sent), HOST, REMOTE, WEB_MAC,
                                 HOST_MAC, len(replies), len(other)))
    res.check(not reqs and not rest,
              "%s: the host got nothing else (%d echo requests, %s)" %
              (tag, len(reqs), rest))
    n = len(sent)
    after, delta = check_delta(tag, before, expect(n, rxb, n, txb))
    spread = [delta.get(("tunnels", "tunnel %d" % t, "packets"), 0)
              for t in (0, 1)]
    res.check(all(spread), "%s: ECMP: b1-blue sent %d, b2-blue %d: the "
              "kernel took both %s and 198.51.100.2" % (tag, spread[0],
                                                       spread[1], B1))
    return after


def wrong_vni(host, before):
    """3: vx1 in NETNS is VNI 1002, which this NIC does not map."""
    tag = "negative: VNI 1002"
    n = 2
    rc, out = kping(host, ["-c", str(n), "-i", "0.2", "-W", "1", "-s", "56",
                           "-m", str(GROUP), "-I", "vx1", HOST], seconds=6)
    res.check(rc == 1 and " 0 received" in out,
              "%s: ping -I vx1 %s in %s gets no reply: exit %d (want 1): %s"
              % (tag, HOST, NETNS, rc, " / ".join(out.strip().splitlines()
                                                  [-2:])))
    reqs, other, _, _ = host.take()
    res.check(not reqs and not other, "%s: the host got %d frames (want 0)"
              % (tag, len(reqs) + len(other)))
    outer = n * (PING_FRAME + VXLAN_OVERHEAD)
    check_delta(tag, before, {
        **port(UPLINK, rx=n, rxb=outer, drop=n, dropb=outer),
        ("drops", DROP_VNI, "packets"): n,
        ("drops", DROP_VNI, "bytes"): outer,
    })


def main():
    if CTL is None:
        sys.exit(__doc__)
    try:
        c = Client(SOCK)
        host = Host(c)
        res.check(c.attach(VPORT) == 0, "the host attaches to vport web-a "
                  "(%d)" % VPORT)
        s = stats()
        s = kernel_to_host(host, s)
        s = host_to_kernel(host, s)
        wrong_vni(host, s)
        c.close()
    except (OSError, EOFError, RuntimeError, ValueError,
            subprocess.TimeoutExpired) as e:
        res.check(False, "%s: %s" % (type(e).__name__, e))
    return res.finish()


if __name__ == "__main__":
    sys.exit(main())
