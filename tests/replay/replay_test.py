#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""Replay tests: examples/multicloud.yaml against scapy-built expectations.

Every input frame is built here with scapy, and so is what must come out
of each port: for an encap, the whole expected outer packet is built from
the config's facts (MACs, addresses, TTL, ports, VNI, GBP group, GENEVE
identity option) and compared byte for byte; only the fields a sender
chooses per flow (the ECMP member, the UDP source port, the IPv4 ID, the
IPv6 flow label) are taken from the output, and each of those is checked
against its rule (member of the group, inside the port range, the same for
every packet of a flow).  Drops are checked by reason in the JSON counters.

Usage: replay_test.py SIM CONFIG WORKDIR
"""
import json
import os
import subprocess
import sys

from scapy.all import (ARP, ICMP, IP, TCP, UDP, Ether, IPv6, Raw, rdpcap,
                       wrpcap)
from scapy.contrib.geneve import GENEVE
from scapy.layers.vxlan import VXLAN

SIM, CONFIG, WORK = sys.argv[1:4]

UPLINK_MAC = "02:00:0a:00:00:01"
UNDERLAY_GW = "02:00:0a:00:00:fe"
LOCAL4 = "192.0.2.1"
LOCAL6 = "2001:db8:a::1"
B1, B2, C4 = "198.51.100.1", "198.51.100.2", "203.0.113.1"
C6 = "2001:db8:c::1"
WEB_MAC, DB_MAC, RED_MAC = ("02:00:0a:00:01:10", "02:00:0a:00:01:11",
                            "02:00:0a:00:01:12")
HOST_WEB, HOST_DB, HOST_RED = ("02:00:00:00:01:0a", "02:00:00:00:01:28",
                               "02:00:00:00:01:05")
REMOTE_HOST = "02:00:0b:00:00:14"
SPORT_MIN, SPORT_MAX = 49152, 65535
SEG_WEB = 10

passed = 0
failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


class Case:
    """One input frame and what must become of it."""

    def __init__(self, port, frame, what, expect, drop=None, flow=None):
        self.port = port
        self.frame = frame
        self.what = what
        self.expect = expect    # (port, builder) or None for a drop
        self.drop = drop
        self.flow = flow        # flow label: same sport/member expected


cases = []


def add(port, frame, what, expect=None, drop=None, flow=None):
    cases.append(Case(port, frame, what, expect, drop, flow))


def web_tcp(dst, sport, dport, flags="S", payload=b""):
    return (Ether(src=HOST_WEB, dst=WEB_MAC) /
            IP(src="10.1.1.10", dst=dst, ttl=63) /
            TCP(sport=sport, dport=dport, flags=flags) / Raw(payload))


def vxlan_in(src, inner, vni=1001, group=None, dst=LOCAL4, dport=4789,
             sport=51000):
    vx = (VXLAN(flags=0x88, gpid=group, vni=vni) if group is not None
          else VXLAN(flags=0x08, vni=vni))
    return (Ether(src=UNDERLAY_GW, dst=UPLINK_MAC) /
            IP(src=src, dst=dst, ttl=60) / UDP(sport=sport, dport=dport) /
            vx / inner)


def geneve_opt_ident(seg):
    # mcnic identity option: class 0xfff0, type 1, one word of data.
    return bytes([0xff, 0xf0, 0x01, 0x01, seg >> 8, seg & 0xff, 0, 0])


def geneve_in(src, inner, vni, ident=None, v6=False):
    opts = geneve_opt_ident(ident) if ident is not None else b""
    gnv = GENEVE(vni=vni, proto=0x6558, optionlen=len(opts) // 4)
    l3 = (IPv6(src=src, dst=LOCAL6, hlim=60) if v6 else
          IP(src=src, dst=LOCAL4, ttl=60))
    return (Ether(src=UNDERLAY_GW, dst=UPLINK_MAC) / l3 /
            UDP(sport=52000, dport=6081) / Raw(bytes(gnv) + opts) / inner)


def remote_frame(src, dst, l4, mac_dst=WEB_MAC):
    return Ether(src=REMOTE_HOST, dst=mac_dst) / IP(src=src, dst=dst) / l4


# --- expected outputs --------------------------------------------------

def exp_vxlan(members, group):
    """Encap into one of members (VXLAN over IPv4, GBP group if given)."""
    def build(inner, out):
        o = Ether(out)
        if IP not in o or UDP not in o:
            return None, "not IPv4/UDP"
        if o[IP].dst not in members:
            return None, "remote %s not in %s" % (o[IP].dst, members)
        if not SPORT_MIN <= o[UDP].sport <= SPORT_MAX:
            return None, "sport %d outside range" % o[UDP].sport
        vx = (VXLAN(flags=0x88, gpid=group, vni=1001) if group is not None
              else VXLAN(flags=0x08, vni=2001))
        e = (Ether(src=UPLINK_MAC, dst=UNDERLAY_GW) /
             IP(src=LOCAL4, dst=o[IP].dst, ttl=64, id=o[IP].id, flags=0,
                tos=inner[IP].tos & 3 if IP in inner else 0) /
             UDP(sport=o[UDP].sport, dport=4789, chksum=0) / vx /
             Raw(bytes(inner)))
        return e, (o[IP].dst, o[UDP].sport)
    return build


def exp_geneve4(remote, vni, ident):
    def build(inner, out):
        o = Ether(out)
        if IP not in o or UDP not in o:
            return None, "not IPv4/UDP"
        opts = geneve_opt_ident(ident)
        e = (Ether(src=UPLINK_MAC, dst=UNDERLAY_GW) /
             IP(src=LOCAL4, dst=remote, ttl=64, id=o[IP].id, flags=0) /
             UDP(sport=o[UDP].sport, dport=6081, chksum=0) /
             Raw(bytes(GENEVE(vni=vni, proto=0x6558,
                              optionlen=len(opts) // 4)) + opts) /
             Raw(bytes(inner)))
        return e, (remote, o[UDP].sport)
    return build


def exp_red():
    """red-remote: b-red (VXLAN/IPv4) or c-red (GENEVE/IPv6)."""
    v4 = exp_vxlan([B1], None)

    def build(inner, out):
        o = Ether(out)
        if o.type == 0x0800:
            return v4(inner, out)
        if IPv6 not in o or UDP not in o:
            return None, "neither IPv4 nor IPv6/UDP"
        if o[IPv6].fl == 0:
            return None, "flow label 0"
        e = (Ether(src=UPLINK_MAC, dst=UNDERLAY_GW) /
             IPv6(src=LOCAL6, dst=C6, hlim=64, fl=o[IPv6].fl, tc=0) /
             UDP(sport=o[UDP].sport, dport=6081) /
             GENEVE(vni=2001, proto=0x6558) / Raw(bytes(inner)))
        return e, (C6, o[UDP].sport, o[IPv6].fl)
    return build


def exp_frame(frame):
    """Exactly this frame: a decap's inner frame, or a local forward."""
    def build(inner, out):
        return frame, None
    return build


def transit_b(inner):
    """Transit: the inner frame, re-encapsulated into cloud-b."""
    web_b = exp_vxlan([B1, B2], SEG_WEB)

    def build(frame, out):
        return web_b(inner, out)
    return build


# --- the cases -----------------------------------------------------------

def build_cases():
    web_b = exp_vxlan([B1, B2], SEG_WEB)
    # A reply before its connection is denied (and cached as a deny) ...
    early = vxlan_in(B1, remote_frame("10.2.1.20", "10.1.1.10",
                                      TCP(sport=443, dport=40100, flags="SA")),
                     group=SEG_WEB)
    add("uplink0", early, "reply before its connection", drop="POLICY_DENY")
    add("web-a", web_tcp("10.2.1.20", 40100, 443), "the connection",
        ("uplink0", web_b))
    # ... but once the connection is allowed, its replies pass.
    add("uplink0", early.copy(), "reply after its connection",
        ("web-a", exp_frame(early[VXLAN].payload)))
    # ECMP in cloud-b: many flows, two packets each.
    for i in range(32):
        add("web-a", web_tcp("10.2.1.20", 40000 + i, 443), "web->b :443 syn",
            ("uplink0", web_b), flow=("web443", i))
    for i in range(32):
        add("web-a", web_tcp("10.2.1.20", 40000 + i, 443, "A", b"x" * 100),
            "web->b :443 ack", ("uplink0", web_b), flow=("web443", i))
    add("web-a", web_tcp("10.2.2.30", 41000, 5432),
        "segmentation deny web->db", drop="POLICY_DENY")
    add("web-a", web_tcp("10.2.1.20", 41001, 22), "zero trust default deny",
        drop="POLICY_DENY")
    add("web-a", web_tcp("10.66.1.1", 41002, 443), "blackhole route",
        drop="BLACKHOLE")
    add("web-a", web_tcp("10.9.9.9", 41003, 443), "no route in blue",
        drop="NO_ROUTE")
    add("web-a", Ether(src=HOST_WEB, dst=WEB_MAC) /
        IP(src="10.1.1.10", dst="10.2.1.20") / ICMP(id=7, seq=1),
        "ping allowed (rule 11)", ("uplink0", web_b))
    add("web-a", Ether(src=HOST_WEB, dst="ff:ff:ff:ff:ff:ff") /
        ARP(psrc="10.1.1.10", pdst="10.1.1.1"), "arp", drop="NOT_IP")
    ping = (Ether(src=HOST_WEB, dst=WEB_MAC) /
            IP(src="10.1.1.10", dst="10.1.2.40") / ICMP(id=8, seq=1))
    add("web-a", ping, "local ping to db-a", ("db-a", exp_frame(ping)))
    add("web-a", web_tcp("10.2.1.20", 41004, 443, "A", b"y" * 1420),
        "over the vport mtu", drop="VPORT_MTU")
    # Replies to the allowed connections come back through cloud-b.
    for i in range(4):
        inner = remote_frame("10.2.1.20", "10.1.1.10",
                             TCP(sport=443, dport=40000 + i, flags="SA"))
        add("uplink0", vxlan_in(B1, inner, group=SEG_WEB),
            "established reply", ("web-a", exp_frame(inner)))
    inner = remote_frame("10.2.1.20", "10.1.1.10", TCP(sport=443, dport=8080))
    add("uplink0", vxlan_in(B2, inner, group=SEG_WEB),
        "unsolicited ingress, zero trust", drop="POLICY_DENY")
    inner = remote_frame("10.2.1.50", "10.1.1.10", TCP(sport=33000, dport=80))
    add("uplink0", vxlan_in(B2, inner, group=SEG_WEB),
        "ingress web :80 (rule 12)", ("web-a", exp_frame(inner)))
    inner = remote_frame("10.2.1.51", "10.1.1.10", TCP(sport=33001, dport=80))
    add("uplink0", vxlan_in("198.51.100.99", inner, group=SEG_WEB),
        "spoofed outer source", drop="PEER_UNKNOWN")
    add("uplink0", vxlan_in(B1, inner, vni=1002), "unknown vni",
        drop="VNI_UNKNOWN")
    add("uplink0", vxlan_in(B1, inner, dst="192.0.2.99"),
        "not our vtep", drop="NOT_LOCAL_VTEP")
    add("uplink0", vxlan_in(B1, inner, dport=4790), "not a tunnel port",
        drop="NOT_TUNNEL")
    add("uplink0", Ether(src=UNDERLAY_GW, dst=UPLINK_MAC) /
        IP(src=B1, dst=LOCAL4) / UDP(sport=1, dport=4789) / Raw(b"\x08\0\0"),
        "truncated vxlan", drop="VXLAN_TRUNC")
    bad = vxlan_in(B1, inner, group=SEG_WEB)
    bad[UDP].chksum = 0x1234
    add("uplink0", bad, "bad outer udp checksum", drop="OUTER_UDP_CSUM")
    inner = remote_frame("10.2.9.9", "10.1.5.5", TCP(sport=34000, dport=22),
                         RED_MAC)
    add("uplink0", vxlan_in(B1, inner, vni=2001), "red: ssh denied (rule 30)",
        drop="POLICY_DENY")
    inner = remote_frame("10.2.9.9", "10.1.5.5", TCP(sport=34001, dport=80),
                         RED_MAC)
    add("uplink0", vxlan_in(B1, inner, vni=2001), "red: default allow",
        ("app-red", exp_frame(inner)))
    inner = remote_frame("10.2.1.60", "10.1.1.10", TCP(sport=35000, dport=80))
    add("uplink0", geneve_in(C4, inner, 1001, ident=SEG_WEB),
        "geneve with identity option", ("web-a", exp_frame(inner)))
    inner = remote_frame("10.3.0.9", "10.1.5.5", UDP(sport=35001, dport=53),
                         RED_MAC)
    add("uplink0", geneve_in(C6, inner, 2001, v6=True),
        "geneve over ipv6 (red)", ("app-red", exp_frame(inner)))
    inner = remote_frame("10.2.1.70", "10.2.1.20", TCP(sport=36000, dport=80))
    add("uplink0", vxlan_in(B1, inner, group=SEG_WEB),
        "transit back into cloud-b", ("uplink0", transit_b(inner)))
    # red's default route: weighted ECMP over two clouds, two families.
    for i in range(40):
        f = (Ether(src=HOST_RED, dst=RED_MAC) /
             IP(src="10.1.5.5", dst="8.8.8.8") / UDP(sport=20000 + i, dport=53))
        add("app-red", f, "red -> internet via red-remote",
            ("uplink0", exp_red()), flow=("red53", i))


def run(config, tag, engine="fw"):
    ports = sorted({c.port for c in cases} |
                   {c.expect[0] for c in cases if c.expect})
    per_port = {p: [] for p in ports}
    for i, c in enumerate(cases):
        c.frame.time = 1000 + i / 1000.0
        per_port[c.port].append(c.frame)
    cmd = [SIM, "replay", "--config", config, "--json", "--engine", engine]
    for p, frames in per_port.items():
        if frames:
            path = os.path.join(WORK, "%s-in-%s.pcap" % (tag, p))
            wrpcap(path, frames)
            cmd += ["--in", "%s=%s" % (p, path)]
    for p in ports:
        cmd += ["--out", "%s=%s" % (p, os.path.join(WORK,
                                                     "%s-out-%s.pcap" % (tag, p)))]
    res = subprocess.run(cmd, capture_output=True, text=True)
    check(res.returncode == 0, "%s: replay exit %d: %s" %
          (tag, res.returncode, res.stderr))
    outs = {}
    for p in ports:
        path = os.path.join(WORK, "%s-out-%s.pcap" % (tag, p))
        outs[p] = [bytes(x) for x in rdpcap(path)] if os.path.exists(path) \
            else []
    return json.loads(res.stdout) if res.returncode == 0 else None, outs


def verify(counters, outs, tag):
    want = {}
    flows = {}
    for c in cases:
        if c.drop:
            want.setdefault(c.port, []).append(None)
            continue
        want.setdefault(c.expect[0], []).append(c)
    for port, out in outs.items():
        exp = [c for c in want.get(port, []) if c is not None]
        check(len(out) == len(exp), "%s: %s: %d frames out, %d expected" %
              (tag, port, len(out), len(exp)))
        for c, got in zip(exp, out):
            e, info = c.expect[1](c.frame, got)
            if e is None:
                check(False, "%s: %s: %s" % (tag, c.what, info))
                continue
            check(bytes(e) == got, "%s: %s: bytes differ\n  want %s\n  got  %s"
                  % (tag, c.what, bytes(e).hex(), got.hex()))
            if c.flow is not None:
                prev = flows.setdefault(c.flow, info)
                check(prev == info, "%s: %s: flow %s moved %s -> %s" %
                      (tag, c.what, c.flow, prev, info))
    drops = {}
    for c in cases:
        if c.drop:
            drops[c.drop] = drops.get(c.drop, 0) + 1
    got = {k: v["packets"] for k, v in counters["drops"].items()}
    check(got == drops, "%s: drops %s, expected %s" % (tag, got, drops))
    return flows


def check_base(counters, outs, tag):
    flows = verify(counters, outs, tag)
    # ECMP spreads flows over both members, and weights show.
    used = {v[0] for k, v in flows.items() if k[0] == "web443"}
    check(used == {B1, B2}, "%s: cloud-b ECMP used %s" % (tag, used))
    red = [v[0] for k, v in flows.items() if k[0] == "red53"]
    n_b = red.count(B1)
    check(0 < red.count(C6) < n_b, "%s: red 3:1 weights: %d vxlan, %d "
          "geneve6" % (tag, n_b, red.count(C6)))
    rules = {(r["vrf"], r["rule"]): r["matched_packets"]
             for r in counters["rules"]}
    check(rules.get(("blue", 20)) == 1, "rule 20 counted once: %s" % rules)
    check(rules.get(("blue", 10)) == 65, "rule 10 counted 65: %s" % rules)
    check(rules.get(("blue", 12)) == 3, "rule 12 counted 3 (2 in, 1 transit): %s" % rules)
    check(rules.get(("red", 30)) == 1, "rule 30 counted once: %s" % rules)
    check(rules.get(("blue", "default")) == 3,
          "blue default denied 3: %s" % rules)
    tx = {t["name"]: t["tx_packets"] for t in counters["tunnels"]}
    check(tx["b1-blue"] + tx["b2-blue"] == 67, "%s: cloud-b tunnels tx %s" %
          (tag, tx))
    check(tx["c-blue"] == 0, "backup unused while members are up")
    check(counters["flows"]["hits"] > 0 and counters["flows"]["installed"] > 0,
          "flow cache used: %s" % counters["flows"])


def main():
    build_cases()
    # The firmware pipeline, the HDL model (with the firmware serving its
    # misses, as on the NIC), and both side by side (which also fails on
    # any frame or counter where the two differ): the same expectations.
    for engine in ("fw", "hdl", "both"):
        tag = "base" if engine == "fw" else "base-" + engine
        counters, outs = run(CONFIG, tag, engine)
        if counters is None:
            print("%d passed, %d failed" % (passed, failed + 1))
            return 1
        check_base(counters, outs, tag)

    # Failover: both cloud-b tunnels down -> the cloud-c backup (GENEVE).
    with open(CONFIG) as f:
        text = f.read()
    down = os.path.join(WORK, "failover.yaml")
    with open(down, "w") as f:
        f.write(text.replace("name: b1-blue", "name: b1-blue\n    down: true")
                .replace("name: b2-blue", "name: b2-blue\n    down: true"))
    del cases[:]
    for i in range(8):
        add("web-a", web_tcp("10.2.1.20", 42000 + i, 443), "failover to c",
            ("uplink0", exp_geneve4(C4, 1001, SEG_WEB)))
    counters, outs = run(down, "failover")
    if counters is not None:
        verify(counters, outs, "failover")
        tx = {t["name"]: t["tx_packets"] for t in counters["tunnels"]}
        check(tx["c-blue"] == 8 and tx["b1-blue"] + tx["b2-blue"] == 0,
              "failover tx %s" % tx)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
