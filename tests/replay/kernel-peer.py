#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""Packet checks of tests/replay/kernel-peer.sh: the Linux kernel's VXLAN
device as the oracle of mcnic-sim replay.  Each phase reads what the suite
captured and replayed in DIR, prints one PASS/FAIL line per check and
writes the inputs of the suite's next step.

  kernel-peer.py decap DIR CONFIG
      the kernel's pings through mcnic's decap; writes vni1002.pcap (the
      kernel's first frame with VNI 1002), req.pcap (web-a's echo requests)
      and strict.yaml (CONFIG without rule 13, the ingress ICMP allow)
  kernel-peer.py encap DIR CONFIG
      the VNI 1002 control, and web-a's requests through mcnic's encap;
      writes enc-vni1002.pcap (mcnic's first frame with VNI 1002)
  kernel-peer.py replies DIR CONFIG
      what the kernel made of mcnic's frames, and its replies back through
      mcnic, stateful (strict.yaml) and not
"""
import json
import os
import re
import struct
import sys
import time

from scapy.all import ICMP, IP, UDP, Ether, Raw, rdpcap, wrpcap

UPLINK_MAC = "02:00:0a:00:00:01"	# the NIC's uplink0
GW_MAC = "02:00:0a:00:00:fe"		# the tunnels' next hop: K's veth
WEB_MAC = "02:00:0a:00:01:10"		# vport web-a, and K's vx0
HOST_WEB = "02:00:00:00:01:0a"		# the web-a host 10.1.1.10
LOCAL4 = "192.0.2.1"
B1, B2 = "198.51.100.1", "198.51.100.2"
HOST, REMOTE = "10.1.1.10", "10.2.1.20"
VNI, GROUP = 1001, 10
SPORT_MIN, SPORT_MAX = 49152, 65535
N_PING = 5			# the kernel's ping -c
FLOWS, SEQS = 8, 2		# web-a's requests: ICMP ids x sequence numbers
# Flow i's ICMP id.  The ids differ in all 16 bits: with two members ECMP
# follows one bit of a CRC, which eight consecutive ids may all leave alone.
IDS = [(0x4b50 + 0x0a3d * i) & 0xffff for i in range(FLOWS)]

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    print("PASS:" if ok else "FAIL:", what)


def frames(d, name):
    path = os.path.join(d, name)
    return [bytes(p) for p in rdpcap(path)] if os.path.exists(path) else []


def counters(d, name):
    try:
        with open(os.path.join(d, name)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def vxlan(frame):
    """(outer Ether, flags, group, vni, inner bytes), or None."""
    e = Ether(frame)
    if IP not in e or UDP not in e or e[UDP].dport != 4789:
        return None
    p = bytes(e[UDP].payload)
    if len(p) < 8:
        return None
    flags, _, group, vni = struct.unpack("!BBHI", p[:8])
    return e, flags, group, vni >> 8, p[8:]


def inner(frame):
    v = vxlan(frame)
    return v[4] if v else b""


def with_vni(frame, vni):
    """The frame with another VNI, its UDP checksum redone if it had one."""
    e = Ether(frame)
    p = bytearray(bytes(e[UDP].payload))
    p[4:7] = vni.to_bytes(3, "big")
    e[UDP].remove_payload()
    e[UDP].add_payload(Raw(bytes(p)))
    if e[UDP].chksum:
        del e[UDP].chksum
    e = Ether(bytes(e))
    e.time = time.time()
    return e


def vxlan_problem(frame, kernel):
    """What is wrong with one VXLAN-GBP frame of the kernel's (to us) or
    of mcnic's (to the kernel), or None."""
    v = vxlan(frame)
    if v is None:
        return "not IPv4/UDP to port 4789"
    e, flags, group, vni, _ = v
    macs = (GW_MAC, UPLINK_MAC) if kernel else (UPLINK_MAC, GW_MAC)
    if (e.src, e.dst) != macs:
        return "Ether %s -> %s" % (e.src, e.dst)
    ips = (e[IP].src, e[IP].dst)
    if kernel and ips != (B1, LOCAL4) or \
            not kernel and ips not in ((LOCAL4, B1), (LOCAL4, B2)):
        return "IPv4 %s -> %s" % (e[IP].src, e[IP].dst)
    if flags != 0x88 or group != GROUP or vni != VNI:
        return "flags %#x group %d vni %d" % (flags, group, vni)
    if kernel and e[UDP].chksum == 0:
        return "no UDP checksum"
    if not kernel and not SPORT_MIN <= e[UDP].sport <= SPORT_MAX:
        return "UDP source port %d" % e[UDP].sport
    return None


def check_vxlan(tag, got, n, kernel, what):
    bad = [(i, vxlan_problem(f, kernel)) for i, f in enumerate(got)]
    bad = [b for b in bad if b[1]]
    check(len(got) == n and not bad, "%s: %d frames (want %d), %d of them %s%s"
          % (tag, len(got), n, len(got) - len(bad), what,
             "; frame %d: %s" % bad[0] if bad else ""))


def echo(frame, kind, src, dst):
    """(id, seq) of an ICMP echo of that kind between src and dst."""
    e = Ether(frame)
    if IP not in e or ICMP not in e or e[ICMP].type != kind or \
            e[IP].src != src or e[IP].dst != dst:
        return None
    return e[ICMP].id, e[ICMP].seq


def same_bytes(tag, got, want, what):
    n = sum(1 for g, w in zip(got, want) if g == w)
    ok = n == len(want) == len(got)
    msg = "%s: %d of %d %s byte for byte (%d there)" % (tag, n, len(want),
                                                        what, len(got))
    for g, w in zip(got, want):
        if g != w:
            msg += "\n  want %s\n  got  %s" % (w.hex(), g.hex())
            break
    check(ok, msg)


def check_counters(tag, c, want_drops, peer_n=None, default=None):
    """Drops by reason; optionally peer B1's rx and blue's default."""
    if c is None:
        check(False, "%s: no JSON counters from mcnic-sim" % tag)
        return
    got = {k: v["packets"] for k, v in c["drops"].items()}
    check(got == want_drops, "%s: drop counters %s (want %s)" %
          (tag, got, want_drops))
    if peer_n is not None:
        rx = {(p["address"], p["vni"]): p["rx_packets"] for p in c["peers"]}
        check(rx.get((B1, VNI)) == peer_n,
              "%s: peer %s VNI %d rx %s packets (want %d)" %
              (tag, B1, VNI, rx.get((B1, VNI)), peer_n))
    if default is not None:
        dflt = [r["matched_packets"] for r in c["rules"]
                if r["vrf"] == "blue" and r["rule"] == "default"]
        check(dflt == [default], "%s: blue's default deny counted %s (want "
              "[%d])" % (tag, dflt, default))


def port_packets(c, name, what):
    return sum(p[what + "_packets"] for p in c["ports"] if p["name"] == name)


def requests():
    t0 = time.time()
    out = []
    for s in range(SEQS):
        for i in range(FLOWS):
            f = (Ether(src=HOST_WEB, dst=WEB_MAC) /
                 IP(src=HOST, dst=REMOTE, id=0x100 + len(out)) /
                 ICMP(id=IDS[i], seq=s + 1) / Raw(bytes(range(48 + i))))
            f.time = t0 + len(out) / 1000.0
            out.append(f)
    return out


def write_strict(d, config):
    """The config without rule 13: only state lets the replies in."""
    with open(config) as f:
        text = f.read()
    text, n = re.subn(r"\n *- \{vrf: blue, id: 13,[^}]*\}", "", text)
    check(n == 1, "setup: rule 13 found once in %s to remove (found %d)" %
          (config, n))
    with open(os.path.join(d, "strict.yaml"), "w") as f:
        f.write(text)


def phase_decap(d, config):
    tag = "kernel->mcnic"
    wire = frames(d, "wire.pcap")
    vx = frames(d, "inner.pcap")
    out = frames(d, "decap-web-a.pcap")
    c = counters(d, "decap.json")
    check_vxlan(tag + ": veth", wire, N_PING, True,
                "VXLAN-GBP VNI %d group %d %s -> %s:4789 with a UDP checksum"
                % (VNI, GROUP, B1, LOCAL4))
    ids = [echo(f, 8, REMOTE, HOST) for f in vx]
    check(len(vx) == N_PING and None not in ids and
          all(Ether(f).src == WEB_MAC and Ether(f).dst == HOST_WEB
              for f in vx),
          "%s: vx0 sent %d frames (want %d): echo requests %s -> %s, Ether "
          "%s -> %s: (id, seq) %s" % (tag, len(vx), N_PING, REMOTE, HOST,
                                      WEB_MAC, HOST_WEB, ids))
    same_bytes(tag, [inner(f) for f in wire], vx,
               "VXLAN payloads on the veth equal vx0's frames")
    same_bytes(tag, out, vx, "frames out on web-a equal the kernel's inner "
               "frames")
    check_counters(tag, c, {}, peer_n=N_PING, default=0)
    if c is not None:
        rx, tx = port_packets(c, "uplink0", "rx"), port_packets(c, "web-a",
                                                                 "tx")
        check(rx == tx == N_PING, "%s: uplink0 rx %d, web-a tx %d (want %d)"
              % (tag, rx, tx, N_PING))
    if wire:
        wrpcap(os.path.join(d, "vni1002.pcap"), [with_vni(wire[0], 1002)])
    wrpcap(os.path.join(d, "req.pcap"), requests())
    write_strict(d, config)


def phase_encap(d, config):
    tag = "negative"
    out = frames(d, "neg-web-a.pcap")
    check(not out, "%s: the kernel's frame with VNI 1002: %d frames out on "
          "web-a (want 0)" % (tag, len(out)))
    check_counters(tag, counters(d, "neg.json"), {"VNI_UNKNOWN": 1})

    tag = "mcnic->kernel"
    req = frames(d, "req.pcap")
    enc = frames(d, "enc-uplink0.pcap")
    n = len(req)
    check_vxlan(tag, enc, n, False,
                "Ether %s -> %s, IPv4 %s -> b1/b2, UDP to 4789 from %d-%d, "
                "VXLAN-GBP VNI %d group %d" % (UPLINK_MAC, GW_MAC, LOCAL4,
                                               SPORT_MIN, SPORT_MAX, VNI,
                                               GROUP))
    same_bytes(tag, [inner(f) for f in enc], req,
               "inner frames equal web-a's frames")
    paths = {}
    for f in enc:
        v = vxlan(f)
        e = Ether(v[4]) if v else None
        if e is not None and ICMP in e:
            paths.setdefault(e[ICMP].id, set()).add((v[0][IP].dst,
                                                     v[0][UDP].sport))
    check(len(paths) == FLOWS and all(len(p) == 1 for p in paths.values()),
          "%s: each of %d flows keeps one member and source port: %s" %
          (tag, FLOWS, {"%#x" % k: sorted(v) for k, v in paths.items()}))
    used = {m for p in paths.values() for m, _ in p}
    check(used == {B1, B2}, "%s: ECMP over %d flows used %s (want %s, %s)" %
          (tag, FLOWS, sorted(used), B1, B2))
    c = counters(d, "enc.json")
    check_counters(tag, c, {}, default=0)
    if c is not None:
        tx = {t["name"]: t["tx_packets"] for t in c["tunnels"]}
        check(tx.get("b1-blue", 0) + tx.get("b2-blue", 0) == n,
              "%s: tunnels b1-blue + b2-blue sent %d (want %d)" %
              (tag, tx.get("b1-blue", 0) + tx.get("b2-blue", 0), n))
    if enc:
        wrpcap(os.path.join(d, "enc-vni1002.pcap"), [with_vni(enc[0], 1002)])


def phase_replies(d, config):
    tag = "mcnic->kernel"
    req = frames(d, "req.pcap")
    enc = frames(d, "enc-uplink0.pcap")
    kvx = frames(d, "kvx.pcap")
    kwire = frames(d, "kwire.pcap")
    n = len(req)
    want = sorted(echo(f, 8, HOST, REMOTE) for f in req)
    got_req = [f for f in kvx if echo(f, 8, HOST, REMOTE)]
    same_bytes(tag, got_req, req, "frames the kernel's vx0 received equal "
               "web-a's frames")
    replies = [f for f in kvx if echo(f, 0, REMOTE, HOST)]
    ids = sorted(echo(f, 0, REMOTE, HOST) for f in replies)
    check(ids == want, "%s: vx0 answered with %d echo replies %s -> %s, "
          "answering each request once (want %d)" % (tag, len(replies),
                                                     REMOTE, HOST, n))
    check(len(kvx) == len(got_req) + len(replies),
          "%s: vx0 saw nothing else (%d frames in all)" % (tag, len(kvx)))
    check_vxlan(tag + ": replies on the veth", kwire, n, True,
                "VXLAN-GBP VNI %d group %d (the request's, reflected as "
                "fwmark) %s -> %s:4789 with a UDP checksum" % (VNI, GROUP,
                                                              B1, LOCAL4))
    same_bytes(tag, [inner(f) for f in kwire], replies,
               "VXLAN payloads on the veth equal vx0's replies")

    for run, cfg, alone in (("est", config, False),
                            ("strict", "strict.yaml", False),
                            ("alone", "strict.yaml", True)):
        tag = "kernel replies through mcnic (%s%s)" % (
            os.path.basename(cfg), ", without the requests" if alone else "")
        out = frames(d, run + "-web-a.pcap")
        c = counters(d, run + ".json")
        if alone:
            check(not out, "%s: %d frames out on web-a (want 0: not "
                  "established, no rule)" % (tag, len(out)))
            check_counters(tag, c, {"POLICY_DENY": n}, peer_n=n, default=n)
            continue
        ids = sorted(echo(f, 0, REMOTE, HOST) or (-1, -1) for f in out)
        check(ids == want, "%s: %d echo replies %s -> %s out on web-a, "
              "answering each request once (want %d)" % (tag, len(out),
                                                         REMOTE, HOST, n))
        same_bytes(tag, out, replies, "frames out on web-a equal the "
                   "kernel's inner replies")
        same_bytes(tag, frames(d, run + "-uplink0.pcap"), enc,
                   "requests on uplink0 equal the first replay's")
        check_counters(tag, c, {}, peer_n=n, default=0)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("decap", "encap",
                                                 "replies"):
        sys.exit(__doc__)
    globals()["phase_" + sys.argv[1]](sys.argv[2], sys.argv[3])
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
