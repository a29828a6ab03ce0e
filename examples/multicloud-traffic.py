#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""Example captures for examples/multicloud.yaml (cloud-a's NIC).

Writes three pcaps into DIR, one per port frames arrive on:
  web-a.pcap    the web host's outgoing traffic (vport web-a, VRF blue)
  app-red.pcap  the red tenant's outgoing traffic (vport app-red)
  uplink0.pcap  what arrives from the underlay: tunnelled replies and
                requests from cloud-b and cloud-c, and some bad packets
Timestamps interleave them in a conversational order, so
  mcnic-sim replay --config examples/multicloud.yaml \\
      --in web-a=DIR/web-a.pcap --in app-red=DIR/app-red.pcap \\
      --in uplink0=DIR/uplink0.pcap --out uplink0=... --trace
tells a story: allowed, denied by segment, denied by zero trust, replies
let through as established, spoofed and unknown tunnels refused.

Usage: multicloud-traffic.py DIR
"""
import os
import sys

from scapy.all import ICMP, IP, TCP, UDP, Ether, Raw, wrpcap
from scapy.layers.vxlan import VXLAN

UPLINK, GW = "02:00:0a:00:00:01", "02:00:0a:00:00:fe"
WEB, RED = "02:00:0a:00:01:10", "02:00:0a:00:01:12"
HOST_WEB, HOST_RED, REMOTE = ("02:00:00:00:01:0a", "02:00:00:00:01:05",
                              "02:00:0b:00:00:14")


def web(dst, l4):
    return Ether(src=HOST_WEB, dst=WEB) / IP(src="10.1.1.10", dst=dst) / l4


def tunnelled(src, vni, inner, group=None):
    vx = VXLAN(flags=0x88, gpid=group, vni=vni) if group else \
        VXLAN(vni=vni)
    return (Ether(src=GW, dst=UPLINK) / IP(src=src, dst="192.0.2.1") /
            UDP(sport=50000, dport=4789) / vx / inner)


def remote(src, dst, l4, mac=WEB):
    return Ether(src=REMOTE, dst=mac) / IP(src=src, dst=dst) / l4


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    seq = [
        ("web-a", web("10.2.1.20", TCP(sport=40000, dport=443, flags="S"))),
        ("uplink0", tunnelled("198.51.100.1", 1001, remote(
            "10.2.1.20", "10.1.1.10", TCP(sport=443, dport=40000,
                                          flags="SA")), 10)),
        ("web-a", web("10.2.1.20", TCP(sport=40000, dport=443, flags="A") /
                      Raw(b"GET / HTTP/1.1\r\n\r\n"))),
        ("web-a", web("10.2.1.20", ICMP(id=1, seq=1))),
        ("web-a", web("10.2.2.30", TCP(sport=40001, dport=5432, flags="S"))),
        ("web-a", web("10.2.1.20", TCP(sport=40002, dport=22, flags="S"))),
        ("web-a", web("10.66.0.1", TCP(sport=40003, dport=443, flags="S"))),
        ("uplink0", tunnelled("198.51.100.2", 1001, remote(
            "10.2.1.50", "10.1.1.10", TCP(sport=33000, dport=80,
                                          flags="S")), 10)),
        ("uplink0", tunnelled("198.51.100.99", 1001, remote(
            "10.2.1.50", "10.1.1.10", TCP(sport=33001, dport=80,
                                          flags="S")), 10)),
        ("uplink0", tunnelled("198.51.100.1", 4242, remote(
            "10.2.1.50", "10.1.1.10", TCP(sport=33002, dport=80)))),
        ("uplink0", tunnelled("198.51.100.1", 2001, remote(
            "10.2.9.9", "10.1.5.5", TCP(sport=34000, dport=22, flags="S"),
            RED))),
    ]
    for i in range(8):
        seq.append(("app-red", Ether(src=HOST_RED, dst=RED) /
                    IP(src="10.1.5.5", dst="9.9.9.9") /
                    UDP(sport=20000 + i, dport=53)))
    per_port = {}
    for i, (port, frame) in enumerate(seq):
        frame.time = 1767225600 + i / 10.0
        per_port.setdefault(port, []).append(frame)
    for port, frames in per_port.items():
        wrpcap(os.path.join(out, port + ".pcap"), frames)


if __name__ == "__main__":
    main()
