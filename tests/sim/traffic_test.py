#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""Frames through mcnic-sim run, programmed with raw mailbox commands:
a host vport's frame encapsulated out of a UDP uplink to a test peer and
the peer's VXLAN answer decapsulated back to the vport; a vport's UDP
back end drained in bursts; a pcap uplink
(output written, input injected at start); two simulators joined by a
UDP underlay link exchanging frames between tenant vports.  Expected
packets are built with scapy.

Usage: traffic_test.py SIM WORKDIR
"""
import os
import re
import signal
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scapy.all import IP, UDP, Ether, Raw, rdpcap, wrpcap  # noqa: E402
from scapy.layers.vxlan import VXLAN  # noqa: E402
from simclient import Results, Sim, program_tenant  # noqa: E402

SIM, WORK = sys.argv[1:3]
res = Results()
BASE = 20000 + (os.getpid() % 2000) * 4

MAC_A, MAC_B, GW = "02:00:0a:00:00:01", "02:00:0b:00:00:01", \
    "02:00:0a:00:00:fe"
VTEP_A, VTEP_B = "192.0.2.1", "198.51.100.1"
HOST_A, HOST_B = "02:00:00:00:01:0a", "02:00:00:00:02:0b"


def tenant_frame(src, dst, payload, smac=HOST_A, dmac="02:00:0a:00:01:10"):
    return (Ether(src=smac, dst=dmac) / IP(src=src, dst=dst) /
            UDP(sport=1234, dport=80) / Raw(payload))


def check_encap(data, inner, what, src=VTEP_A, dst=VTEP_B, quiet=False):
    p = Ether(data)
    ok = (p.haslayer(VXLAN) and p[IP].src == src and p[IP].dst == dst and
          p[UDP].dport == 4789 and 49152 <= p[UDP].sport <= 65535 and
          p[VXLAN].vni == 1001 and bytes(p[VXLAN].payload) == bytes(inner))
    return ok if quiet else res.check(ok, what)


def check_encap_all(up, frames, what):
    """Every frame out of uplink 0 (read on up), encapsulated, in order."""
    got = []
    try:
        while len(got) < len(frames):
            got.append(up.recv(4096))
    except socket.timeout:
        pass
    res.check(len(got) == len(frames), "all %d %s out of uplink 0 (%d)"
              % (len(frames), what, len(got)))
    res.check(all(check_encap(g, f, "", quiet=True)
                  for f, g in zip(frames, got)),
              "each of the %s encapsulated, in the order it was sent" % what)


def test_udp_peer():
    peer = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    peer.bind(("127.0.0.1", BASE + 1))
    peer.connect(("127.0.0.1", BASE))
    peer.settimeout(5)
    sim = Sim(SIM, WORK, "udp", ["--port", "0=udp:127.0.0.1:%d:127.0.0.1:%d"
                                 % (BASE, BASE + 1)])
    if not res.check(sim.start(), "sim with a UDP uplink starts"):
        return
    c = sim.client()
    program_tenant(c, res, MAC_A, VTEP_A, VTEP_B, GW, 1001)
    res.check(c.attach(16) == 0, "attach vport 16")
    out = tenant_frame("10.1.0.5", "10.2.0.7", b"hello")
    c.frame(16, bytes(out))
    try:
        data = peer.recv(4096)
    except socket.timeout:
        data = b""
    check_encap(data, out, "vport 16 -> VXLAN out of UDP uplink 0")
    back = tenant_frame("10.2.0.7", "10.1.0.5", b"world",
                        smac="02:00:0b:00:00:14", dmac=HOST_A)
    peer.send(bytes(Ether(src=GW, dst=MAC_A) / IP(src=VTEP_B, dst=VTEP_A) /
                    UDP(sport=50000, dport=4789) / VXLAN(vni=1001) / back))
    got = c.wait_frame()
    res.check(got is not None and got[0] == 16 and got[2] == bytes(back),
              "VXLAN from the peer -> decapsulated to vport 16")
    peer.send(bytes(Ether(src=GW, dst=MAC_A) / IP(src="203.0.113.9",
                                                  dst=VTEP_A) /
                    UDP(sport=50000, dport=4789) / VXLAN(vni=1001) / back))
    res.check(c.wait_frame(1) is None,
              "VXLAN from an unknown peer: not delivered")
    c.close()
    res.check(sim.stop() == 0, "UDP sim stops cleanly")
    log = sim.log_text()
    res.check("port 0: 2 frames in, 1 out, 0 errors" in log,
              "port counters logged at shutdown")
    peer.close()


def test_vport_burst():
    """70 frames wait on vport 16's UDP back end while the sim is stopped;
    it then takes them in bursts (32, 32, 6): each leaves uplink 0
    encapsulated, in order."""
    up = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    up.bind(("127.0.0.1", BASE + 1))
    up.settimeout(5)
    host = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    host.bind(("127.0.0.1", BASE + 3))
    host.connect(("127.0.0.1", BASE + 2))
    sim = Sim(SIM, WORK, "burst", [
        "--port", "0=udp:127.0.0.1:%d:127.0.0.1:%d" % (BASE, BASE + 1),
        "--port", "16=udp:127.0.0.1:%d:127.0.0.1:%d" % (BASE + 2, BASE + 3)])
    if not res.check(sim.start(), "sim with a UDP vport starts"):
        return
    c = sim.client()
    program_tenant(c, res, MAC_A, VTEP_A, VTEP_B, GW, 1001)
    c.cmd("HEARTBEAT")
    frames = [tenant_frame("10.1.0.5", "10.2.0.%d" % (1 + i % 9),
                           b"burst %d" % i) for i in range(70)]
    os.kill(sim.proc.pid, signal.SIGSTOP)
    for f in frames:
        host.send(bytes(f))
    os.kill(sim.proc.pid, signal.SIGCONT)
    check_encap_all(up, frames, "frames")
    c.close()
    res.check(sim.stop() == 0, "burst sim stops cleanly")
    res.check(sim.wait_log(r"port 16: 70 frames in, 0 out, 0 errors"),
              "vport 16's back end counted 70 frames in")
    up.close()
    host.close()


def test_client_burst():
    """70 frames a socket client sends on vport 16 while the sim is
    stopped arrive in one read; the sim takes them in bursts (32, 32, 6):
    each leaves uplink 0 encapsulated, in order, and the client's next
    command is answered."""
    up = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    up.bind(("127.0.0.1", BASE + 1))
    up.settimeout(5)
    sim = Sim(SIM, WORK, "client-burst", [
        "--port", "0=udp:127.0.0.1:%d:127.0.0.1:%d" % (BASE, BASE + 1)])
    if not res.check(sim.start(), "sim for a client's burst starts"):
        return
    c = sim.client()
    program_tenant(c, res, MAC_A, VTEP_A, VTEP_B, GW, 1001)
    frames = [tenant_frame("10.1.0.5", "10.2.0.%d" % (1 + i % 9),
                           b"client burst %d" % i) for i in range(70)]
    os.kill(sim.proc.pid, signal.SIGSTOP)
    for f in frames:
        c.frame(16, bytes(f))
    os.kill(sim.proc.pid, signal.SIGCONT)
    check_encap_all(up, frames, "client frames")
    st = c.cmd("HEARTBEAT")[0]
    res.check(st == 0, "the client's command after its frames is answered")
    c.close()
    res.check(sim.stop() == 0, "client burst sim stops cleanly")
    up.close()


def test_pcap():
    pin = os.path.join(WORK, "in.pcap")
    pout = os.path.join(WORK, "out.pcap")
    back = tenant_frame("10.2.0.7", "10.1.0.5", b"early", dmac=HOST_A)
    wrpcap(pin, [Ether(src=GW, dst=MAC_A) / IP(src=VTEP_B, dst=VTEP_A) /
                 UDP(sport=50000, dport=4789) / VXLAN(vni=1001) / back])
    sim = Sim(SIM, WORK, "pcap", ["--port", "0=pcap:%s:%s" % (pin, pout)])
    if not res.check(sim.start(), "sim with a pcap uplink starts"):
        return
    c = sim.client()
    st, _, _, p = c.cmd("STATS", struct.pack("<HHI", 1, 0, 0))
    ctr = {}
    for i in range((len(p) - 8) // 72):
        e = struct.unpack_from("<IHBB16s6Q", p, 8 + 72 * i)
        ctr[e[0]] = e[5:]
    rx = ctr.get(0, (0,) * 6)[0]
    res.check(st == 0 and rx == 1,
              "IN.pcap's frame arrived on port 0 at start (rx %d)" % rx)
    program_tenant(c, res, MAC_A, VTEP_A, VTEP_B, GW, 1001)
    frames = [tenant_frame("10.1.0.5", "10.2.0.%d" % i, b"x" * i)
              for i in range(1, 4)]
    for f in frames:
        c.frame(16, bytes(f))
    c.cmd("HEARTBEAT")
    c.close()
    res.check(sim.stop() == 0, "pcap sim stops cleanly")
    got = rdpcap(pout)
    res.check(len(got) == 3, "OUT.pcap holds 3 frames (%d)" % len(got))
    for f, g in zip(frames, got):
        check_encap(bytes(g), f, "OUT.pcap: %s encapsulated" % f[IP].dst)


def test_pcap_damaged():
    """A truncated IN.pcap: the frames before the damage arrive, the
    read error is logged with the file's name and counted."""
    pin = os.path.join(WORK, "cut.pcap")
    wrpcap(pin, [Ether(src=GW, dst=MAC_A) / IP(src=VTEP_B, dst=VTEP_A) /
                 UDP(sport=50000, dport=4789) / Raw(b"x" * 100)] * 2)
    os.truncate(pin, os.path.getsize(pin) - 50)
    sim = Sim(SIM, WORK, "cut", ["--port", "0=pcap:%s" % pin])
    if not res.check(sim.start(), "sim with a truncated IN.pcap starts"):
        return
    m = sim.wait_log(r"port 0: %s: (.*); no more frames read from it" %
                     re.escape(pin))
    res.check(m and "truncated" in m.group(1),
              "truncated IN.pcap: libpcap's error logged with the file "
              "(%s)" % (m.group(1) if m else None))
    res.check(sim.stop() == 0 and sim.wait_log(
        r"port 0: 1 frames in, 0 out, 1 errors"),
        "truncated IN.pcap: 1 frame in, the damage counted as an error")


def test_two_sims():
    a = Sim(SIM, WORK, "a", ["--port", "0=udp:127.0.0.1:%d:127.0.0.1:%d" %
                             (BASE + 2, BASE + 3)])
    b = Sim(SIM, WORK, "b", ["--port", "0=udp:127.0.0.1:%d:127.0.0.1:%d" %
                             (BASE + 3, BASE + 2)])
    if not res.check(a.start() and b.start(), "two sims start"):
        return
    ca, cb = a.client(), b.client()
    program_tenant(ca, res, MAC_A, VTEP_A, VTEP_B, MAC_B, 1001)
    program_tenant(cb, res, MAC_B, VTEP_B, VTEP_A, MAC_A, 1001, vport=17,
                   vport_mac="02:00:0b:00:01:11", local_net="10.2.0.0",
                   remote_net="10.1.0.0")
    res.check(ca.attach(16) == 0 and cb.attach(17) == 0, "attach 16 / 17")
    f = tenant_frame("10.1.0.5", "10.2.0.7", b"over the underlay",
                     dmac=HOST_B)
    ca.frame(16, bytes(f))
    got = cb.wait_frame()
    res.check(got is not None and got[0] == 17 and got[2] == bytes(f),
              "a vport 16 -> UDP link -> b vport 17, frame intact")
    r = tenant_frame("10.2.0.7", "10.1.0.5", b"and back", smac=HOST_B,
                     dmac=HOST_A)
    cb.frame(17, bytes(r))
    got = ca.wait_frame()
    res.check(got is not None and got[0] == 16 and got[2] == bytes(r),
              "b vport 17 -> a vport 16, frame intact")
    ca.close()
    cb.close()
    res.check(a.stop() == 0 and b.stop() == 0, "both stop cleanly")


test_udp_peer()
test_vport_burst()
test_client_burst()
test_pcap()
test_pcap_damaged()
test_two_sims()
sys.exit(res.finish())
