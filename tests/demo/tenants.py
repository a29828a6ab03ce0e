#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""The tenants of `make demo`: hosts behind the host vports of two running
NICs (cloud-a: examples/multicloud.yaml, cloud-b: examples/multicloud-b.yaml),
speaking through mcnic-sim's host socket.  Each step sends a frame from one
host and says where it arrived -- or that it did not -- and the hosts answer
what reaches them as a real host would (echo replies, SYN-ACKs, DNS-style
UDP answers), so replies cross the overlay back.  Ends with
"N passed, N failed": each step's outcome is what the configs promise.

Usage: tenants.py CLOUD_A_SOCKET CLOUD_B_SOCKET [CTL CLOUD_A_DEVICE]
With CTL (mcnicctl) and cloud-a's device, the failover step marks a blue
tunnel down and back up on cloud-a.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "sim"))
from scapy.all import ICMP, IP, TCP, UDP, Ether, Raw  # noqa: E402
from simclient import Client, Results  # noqa: E402

QUIET = 0.3     # seconds without a frame before "not delivered"


class Host:
    """A host on a vport: its address, MAC and its gateway (the vport)."""

    def __init__(self, name, nic, vport, ip, mac, gw):
        self.name, self.nic, self.vport = name, nic, vport
        self.ip, self.mac, self.gw = ip, mac, gw
        self.expect = True      # wait long for a frame that should come

    def frame(self, dst, l4):
        return Ether(src=self.mac, dst=self.gw) / IP(src=self.ip,
                                                      dst=dst.ip) / l4

    def send(self, pkt):
        self.nic.frame(self.vport, bytes(pkt))


def receive(nic, timeout):
    got = nic.wait_frame(timeout)
    if got is None:
        return None, None
    return got[0], Ether(got[2])


def deliver(src, dst, l4):
    """Sends from src to dst; returns the frame dst got, or None."""
    src.send(src.frame(dst, l4))
    port, pkt = receive(dst.nic, 2 if dst.expect else QUIET)
    if pkt is None or port != dst.vport or IP not in pkt or \
       pkt[IP].src != src.ip or pkt[IP].dst != dst.ip:
        return None
    return pkt


def answer(pkt):
    """What a host sends back for pkt: echo reply, SYN-ACK, UDP answer."""
    ip = pkt[IP]
    if ICMP in pkt:
        l4 = ICMP(type=0, id=pkt[ICMP].id, seq=pkt[ICMP].seq)
    elif TCP in pkt:
        t = pkt[TCP]
        l4 = TCP(sport=t.dport, dport=t.sport, flags="SA", ack=t.seq + 1)
    else:
        u = pkt[UDP]
        l4 = UDP(sport=u.dport, dport=u.sport) / Raw(b"answer")
    return ip.dst, l4


class Demo:
    def __init__(self, a_sock, b_sock):
        self.res = Results(quiet=True)
        self.a, self.b = Client(a_sock), Client(b_sock)
        self.web_a = Host("web-a", self.a, 16, "10.1.1.10",
                          "02:00:00:00:01:0a", "02:00:0a:00:01:10")
        self.red_a = Host("app-red", self.a, 18, "10.1.5.5",
                          "02:00:00:00:01:05", "02:00:0a:00:01:12")
        self.web_b = Host("web-b", self.b, 16, "10.2.1.20",
                          "02:00:00:00:02:14", "02:00:0b:00:01:10")
        self.db_b = Host("db-b", self.b, 17, "10.2.2.30",
                         "02:00:00:00:02:1e", "02:00:0b:00:01:11")
        self.red_b = Host("app-red-b", self.b, 18, "10.2.5.5",
                          "02:00:00:00:02:05", "02:00:0b:00:01:12")
        for h in (self.web_a, self.red_a, self.web_b, self.db_b, self.red_b):
            self.res.check(h.nic.attach(h.vport) == 0,
                           "%s attached to vport %d" % (h.name, h.vport))

    def step(self, what, src, dst, l4, allowed, why=""):
        """One exchange: src -> dst, and dst's answer back if it arrived."""
        dst.expect = allowed
        pkt = deliver(src, dst, l4)
        if pkt is None:
            outcome = "not delivered" + (" (%s)" % why if why else "")
        else:
            src.expect = True
            _, back = answer(pkt)
            ans = deliver(dst, src, back)
            outcome = "delivered, answer " + \
                ("delivered" if ans is not None else "LOST")
            pkt = pkt if ans is not None else None
        print("  %-58s %s" % (what, outcome))
        self.res.check((pkt is not None) == allowed,
                       "%s: %s" % (what, "allowed" if allowed else
                                   "blocked"))

    def story(self):
        w, r = self.web_a, self.red_a
        print("\n== tenant blue (zero trust), cloud-a -> cloud-b over "
              "VXLAN-GBP, answers back the same way")
        self.step("web-a pings web-b", w, self.web_b,
                  ICMP(id=7, seq=1), True)
        self.step("web-a -> web-b HTTPS (tcp/443)", w, self.web_b,
                  TCP(sport=40000, dport=443, flags="S"), True)
        self.step("web-a -> db-b postgres (tcp/5432)", w, self.db_b,
                  TCP(sport=40001, dport=5432, flags="S"), False,
                  "rule 20: web may not reach a database")
        self.step("web-a -> web-b ssh (tcp/22)", w, self.web_b,
                  TCP(sport=40002, dport=22, flags="S"), False,
                  "no rule allows it: blue denies by default")
        print("\n== tenant red (default allow): cloud-a -> cloud-b over "
              "VXLAN, answers over GENEVE")
        self.step("app-red -> app-red-b dns (udp/53)", r, self.red_b,
                  UDP(sport=20000, dport=53) / Raw(b"query"), True)
        self.step("app-red-b -> app-red ssh (tcp/22)", self.red_b, r,
                  TCP(sport=34000, dport=22, flags="S"), False,
                  "cloud-a's rule 30: no ssh from outside")
        self.step("app-red-b pings app-red", self.red_b, r,
                  ICMP(id=9, seq=1), True)

    def spread(self, n, first_port):
        """n new HTTPS flows web-a -> web-b; how many arrived."""
        got = 0
        self.web_b.expect = True
        for i in range(n):
            if deliver(self.web_a, self.web_b,
                       TCP(sport=first_port + i, dport=443,
                           flags="S")) is not None:
                got += 1
        return got

    def failover(self, ctl, dev):
        print("\n== blue ECMP over cloud-b's two VTEPs, and failover")
        got = self.spread(16, 41000)
        print("  16 new HTTPS flows web-a -> web-b%s %d delivered" %
              (" " * 26, got))
        self.res.check(got == 16, "16 flows over b1-blue and b2-blue")
        subprocess.run([ctl, "-d", dev, "nexthop", "down", "0"], check=True)
        print("  mcnicctl nexthop down 0   (b1-blue: 198.51.100.1 failed)")
        got = self.spread(16, 42000)
        print("  16 more flows, b1-blue down%s %d delivered" %
              (" " * 26, got))
        self.res.check(got == 16, "b2-blue alone carries the 16 flows")
        subprocess.run([ctl, "-d", dev, "nexthop", "up", "0"], check=True)
        print("  mcnicctl nexthop up 0     (b1-blue back)")


def main():
    demo = Demo(sys.argv[1], sys.argv[2])
    demo.story()
    if len(sys.argv) > 4:
        demo.failover(sys.argv[3], sys.argv[4])
    print()
    return demo.res.finish()


if __name__ == "__main__":
    sys.exit(main())
