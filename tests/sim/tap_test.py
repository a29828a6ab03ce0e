#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""mcnic-sim run with a TAP uplink (needs root: it fails, not skips,
without it): the kernel's side of the TAP interface sends a VXLAN frame
that the NIC decapsulates to a host vport, and a host vport's frame
leaves encapsulated through the interface.

Usage: tap_test.py SIM WORKDIR
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scapy.all import IP, UDP, Ether, Raw  # noqa: E402
from scapy.layers.vxlan import VXLAN  # noqa: E402
from simclient import Results, Sim, program_tenant  # noqa: E402

SIM, WORK = sys.argv[1:3]
res = Results()
IFNAME = "mcsimtap%d" % (os.getpid() % 1000)
MAC, GW = "02:00:0a:00:00:01", "02:00:0a:00:00:fe"
LOCAL, REMOTE = "192.0.2.1", "198.51.100.1"


def main():
    if not res.check(os.geteuid() == 0, "running as root (TAP needs it)"):
        return res.finish()
    sim = Sim(SIM, WORK, "tap", ["--port", "0=tap:" + IFNAME])
    if not res.check(sim.start(), "sim with a TAP uplink starts"):
        print(sim.log_text())
        return res.finish()
    res.check(os.path.exists("/sys/class/net/%s" % IFNAME),
              "interface %s exists" % IFNAME)
    with open("/sys/class/net/%s/flags" % IFNAME) as f:
        res.check(int(f.read(), 16) & 1, "interface is up")
    pk = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
    pk.bind((IFNAME, 0))
    pk.settimeout(0.5)
    c = sim.client()
    program_tenant(c, res, MAC, LOCAL, REMOTE, GW, 1001)
    res.check(c.attach(16) == 0, "attach vport 16")
    inner = (Ether(src="02:00:0b:00:00:14", dst="02:00:00:00:01:0a") /
             IP(src="10.2.0.7", dst="10.1.0.5") / UDP(sport=80, dport=9) /
             Raw(b"through the kernel"))
    pk.send(bytes(Ether(src=GW, dst=MAC) / IP(src=REMOTE, dst=LOCAL) /
                  UDP(sport=50000, dport=4789) / VXLAN(vni=1001) / inner))
    got = c.wait_frame()
    res.check(got is not None and got[0] == 16 and got[2] == bytes(inner),
              "TAP -> VXLAN decap -> vport 16")
    out = (Ether(src="02:00:00:00:01:0a", dst="02:00:0a:00:01:10") /
           IP(src="10.1.0.5", dst="10.2.0.7") / UDP(sport=9, dport=80) /
           Raw(b"to the kernel"))
    c.frame(16, bytes(out))
    found = False
    deadline = time.time() + 5
    while not found and time.time() < deadline:
        try:
            p = Ether(pk.recv(4096))
        except socket.timeout:
            continue
        found = (p.haslayer(VXLAN) and p[IP].dst == REMOTE and
                 bytes(p[VXLAN].payload) == bytes(out))
    res.check(found, "vport 16 -> VXLAN encap -> out of the TAP")
    c.close()
    pk.close()
    res.check(sim.stop() == 0, "sim stops")
    deadline = time.time() + 5
    while (os.path.exists("/sys/class/net/%s" % IFNAME) and
           time.time() < deadline):
        time.sleep(0.02)
    res.check(not os.path.exists("/sys/class/net/%s" % IFNAME),
              "interface gone after shutdown")
    return res.finish()


sys.exit(main())
