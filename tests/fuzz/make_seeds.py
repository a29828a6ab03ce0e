#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""Writes the committed seed corpus of the libFuzzer targets.

    /usr/bin/python3 tests/fuzz/make_seeds.py [CORPUS_DIR]

CORPUS_DIR defaults to tests/fuzz/corpus.  Frames are built with scapy (so
their checksums and lengths are right) and written as seed-<name> files:

  fuzz_parse/, fuzz_decap/  8-byte configuration prefix + frame
                            (layout: FUZZ_PREFIX_LEN in fuzz_common.h)
  fuzz_encap/               struct mcnic_tunnel_cfg (192 bytes, host order)
                            + flow hash (4, BE) + IPv4 ID (2, BE) + frame
  fuzz_pipe/                records: port (1; mod 5: 0 uplink, 1 and 2
                            vports, 3 unconfigured, 4 out of range), flags
                            (1; bit 0 new burst, bit 1 control change
                            before the frame, bits 2-4 which, bit 5 its
                            argument), frame length (2, BE), frame; see
                            fuzz_pipe.c for the pipeline they meet

Old seed-* files are replaced; regress-* files (crash reproducers kept as
regression seeds) are left alone.  The output is deterministic.
"""
import os
import struct
import sys

from scapy.all import (ARP, Dot1AD, Dot1Q, Ether, GRE, ICMP, IP, IPOption_RR,
                       IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrFragment,
                       IPv6ExtHdrHopByHop, IPv6ExtHdrRouting, ICMPv6EchoRequest,
                       Raw, TCP, UDP, conf)
from scapy.contrib.geneve import GENEVE, GeneveOptions
from scapy.layers.ipsec import ESP
from scapy.layers.vxlan import VXLAN

conf.verb = 0

# fuzz_common.h: FUZZ_PF_*
PF_GBP, PF_NO_GENEVE, PF_NO_ESPINUDP = 0x01, 0x02, 0x04
PF_UDP6_ZERO_OK, PF_FIXUP, PF_NO_VXLAN, PF_VXLAN_8472 = 0x08, 0x10, 0x20, 0x40

# tunnel.h / meta.h
TUN_VXLAN, TUN_GENEVE, TUN_GRE = 1, 2, 3
(OUTER_V6, VLAN, UDP_CSUM, UDP6_ZERO, DF_SET, DF_INHERIT, TTL_INHERIT,
 DSCP_INHERIT, ECN_COMPAT, GRE_KEY, GRE_L3, GBP, IDENT_OPT) = \
    [1 << i for i in range(13)]

HMAC_A, HMAC_B = "02:00:00:00:00:01", "02:00:00:00:00:02"
VTEP_A, VTEP_B = "192.0.2.1", "192.0.2.2"
VTEP6_A, VTEP6_B = "2001:db8::1", "2001:db8::2"
PAYLOAD = bytes(range(32))


def prefix(flags=PF_GBP | PF_FIXUP, vx2=0, vx3=0, geneve=0):
    return struct.pack(">BxHHH", flags, vx2, vx3, geneve)


def eth():
    return Ether(src=HMAC_A, dst=HMAC_B)


def inner_frames():
    """Inner (tenant) frames of every kind: the plain-packet seeds."""
    f = {}
    ip4 = IP(src="10.0.0.1", dst="10.0.0.2", id=1, flags="DF")
    ip6 = IPv6(src="fd00::1", dst="fd00::2", fl=0x12345)
    f["ipv4-icmp"] = eth() / ip4 / ICMP(id=7, seq=1) / PAYLOAD
    f["ipv4-udp"] = eth() / ip4 / UDP(sport=1234, dport=53) / PAYLOAD
    f["ipv4-tcp"] = eth() / ip4 / TCP(sport=40000, dport=443, flags="S", seq=1,
                                      options=[("MSS", 1460), ("NOP", None),
                                               ("WScale", 7)])
    f["ipv4-opts-udp"] = eth() / IP(src="10.0.0.1", dst="10.0.0.2", id=2,
                                    options=[IPOption_RR(routers=["10.9.9.9"])]) \
        / UDP(sport=1, dport=2) / PAYLOAD
    f["ipv4-frag-first"] = eth() / IP(src="10.0.0.1", dst="10.0.0.2", id=3,
                                      flags="MF") / UDP(sport=5, dport=6, len=1008) / PAYLOAD
    f["ipv4-frag-later"] = eth() / IP(src="10.0.0.1", dst="10.0.0.2", id=3,
                                      frag=125, proto=17) / PAYLOAD
    f["ipv4-padded"] = eth() / IP(src="10.0.0.1", dst="10.0.0.2", id=4) \
        / UDP(sport=7, dport=9) / b"x" / Raw(b"\0" * 17)
    f["ipv4-ce"] = eth() / IP(src="10.0.0.1", dst="10.0.0.2", tos=0xb8 | 3, id=5) \
        / TCP(sport=1, dport=2, flags="A")
    f["ipv4-ect0"] = eth() / IP(src="10.0.0.1", dst="10.0.0.2", tos=0x02, ttl=3) \
        / UDP(sport=3, dport=4) / PAYLOAD
    f["vlan-ipv4-udp"] = eth() / Dot1Q(vlan=100, prio=5) / ip4 / UDP(sport=1, dport=2)
    f["qinq-ipv4-tcp"] = eth() / Dot1AD(vlan=10) / Dot1Q(vlan=20) / ip4 \
        / TCP(sport=80, dport=8080, flags="PA") / PAYLOAD
    f["ipv6-udp"] = eth() / ip6 / UDP(sport=5000, dport=5001) / PAYLOAD
    f["ipv6-tcp"] = eth() / IPv6(src="fd00::1", dst="fd00::2", tc=0x01) \
        / TCP(sport=22, dport=50000, flags="SA")
    f["ipv6-icmpv6"] = eth() / ip6 / ICMPv6EchoRequest(id=9, seq=2) / PAYLOAD
    f["ipv6-ext-udp"] = eth() / ip6 / IPv6ExtHdrHopByHop() / IPv6ExtHdrDestOpt() \
        / IPv6ExtHdrRouting(addresses=["fd00::9"]) / UDP(sport=1, dport=2) / PAYLOAD
    f["ipv6-frag-first"] = eth() / ip6 / IPv6ExtHdrFragment(m=1, id=77) \
        / UDP(sport=1, dport=2, len=1400) / PAYLOAD
    f["ipv6-frag-later"] = eth() / ip6 / IPv6ExtHdrFragment(offset=100, id=77, nh=17) \
        / PAYLOAD
    f["arp"] = eth() / ARP(psrc="10.0.0.1", pdst="10.0.0.2")
    return {k: bytes(v) for k, v in f.items()}


def outer4(tos=0, proto_layer=None, flags="DF", proto=None):
    ip = IP(src=VTEP_A, dst=VTEP_B, tos=tos, id=0, flags=flags, ttl=64)
    if proto is not None:
        ip.proto = proto
    return Ether(src="02:00:00:00:aa:01", dst="02:00:00:00:bb:02") / ip / proto_layer


def outer6(tc=0, proto_layer=None):
    return Ether(src="02:00:00:00:aa:01", dst="02:00:00:00:bb:02") / \
        IPv6(src=VTEP6_A, dst=VTEP6_B, tc=tc, hlim=64) / proto_layer


def udp(dport, sport=49152):
    return UDP(sport=sport, dport=dport)


def tunnel_frames(inner):
    """Tunnel packets: (name, prefix flags extras, frame bytes)."""
    i4, i6, tcp = inner["ipv4-icmp"], inner["ipv6-udp"], inner["qinq-ipv4-tcp"]
    ip_only4 = i4[14:]
    ip_only6 = i6[14:]
    ident_opt = GeneveOptions(classid=0xfff0, type=1, data=b"\x00\x2a\x00\x00")
    other_opt = GeneveOptions(classid=0x0102, type=0x05, data=b"\x01\x02\x03\x04" * 2)
    crit_opt = GeneveOptions(classid=0x0103, type=0x85, data=b"")
    t = []
    t.append(("vxlan-ipv4", {}, outer4(proto_layer=udp(4789) / VXLAN(vni=4242) / i4)))
    t.append(("vxlan-csum-qinq", {}, outer4(
        proto_layer=UDP(sport=50000, dport=4789, chksum=None) / VXLAN(vni=1) / tcp)))
    t.append(("vxlan-gbp-ipv6", {}, outer4(proto_layer=udp(4789) / VXLAN(
        flags=0x88, gpflags=0x48, gpid=0x1234, vni=77) / i6)))
    t.append(("vxlan-nogbp-cfg", {"flags": PF_FIXUP}, outer4(
        proto_layer=udp(4789) / VXLAN(flags=0x88, gpid=0x55, vni=78) / i4)))
    t.append(("vxlan-8472", {"flags": PF_GBP | PF_FIXUP | PF_VXLAN_8472},
              outer4(proto_layer=udp(8472) / VXLAN(vni=3) / i4)))
    t.append(("vxlan-port2", {"vx2": 4790}, outer4(proto_layer=udp(4790) / VXLAN(vni=5) / i6)))
    t.append(("vxlan-ipv6-outer", {}, outer6(proto_layer=udp(4789) / VXLAN(vni=9) / i4)))
    t.append(("vxlan-ipv6-zero-csum", {"flags": PF_GBP | PF_UDP6_ZERO_OK},
              outer6(proto_layer=UDP(sport=49153, dport=4789, chksum=0) / VXLAN(vni=9) / i4)))
    t.append(("vxlan-ipv6-zero-refused", {"flags": PF_GBP},
              outer6(proto_layer=UDP(sport=49153, dport=4789, chksum=0) / VXLAN(vni=9) / i4)))
    t.append(("vxlan-ce-ect0", {}, outer4(tos=3, proto_layer=udp(4789) / VXLAN(vni=1)
                                          / inner["ipv4-ect0"])))
    t.append(("vxlan-ect1-ect0", {}, outer4(tos=1, proto_layer=udp(4789) / VXLAN(vni=1)
                                            / inner["ipv4-ect0"])))
    t.append(("vxlan-ce-notect", {}, outer4(tos=3, proto_layer=udp(4789) / VXLAN(vni=1) / i4)))
    t.append(("vxlan-ce-ipv6", {}, outer6(tc=3, proto_layer=udp(4789) / VXLAN(vni=1)
                                          / inner["ipv6-tcp"])))
    t.append(("vxlan-arp", {}, outer4(proto_layer=udp(4789) / VXLAN(vni=2) / inner["arp"])))
    t.append(("vxlan-padded-inner", {}, outer4(proto_layer=udp(4789) / VXLAN(vni=2)
                                               / inner["ipv4-padded"])))
    t.append(("geneve-opts", {}, outer4(proto_layer=udp(6081) / GENEVE(
        vni=0x123456, proto=0x6558, options=[other_opt, ident_opt]) / i4)))
    t.append(("geneve-crit", {}, outer4(proto_layer=udp(6081) / GENEVE(
        vni=8, proto=0x6558, critical=1, options=[crit_opt]) / i4)))
    t.append(("geneve-oam-ipv6", {}, outer6(proto_layer=udp(6081) / GENEVE(
        vni=9, proto=0x6558, oam=1) / i6)))
    t.append(("geneve-ipv4", {}, outer4(proto_layer=udp(6081) / GENEVE(
        vni=10, proto=0x0800, options=[ident_opt]) / ip_only4)))
    t.append(("geneve-ipv6-in-v6", {}, outer6(proto_layer=udp(6081) / GENEVE(
        vni=11, proto=0x86dd) / ip_only6)))
    t.append(("geneve-other-proto", {}, outer4(proto_layer=udp(6081) / GENEVE(
        vni=12, proto=0x88cc) / PAYLOAD)))
    t.append(("geneve-port", {"geneve": 7000}, outer4(proto_layer=udp(7000) / GENEVE(
        vni=13, proto=0x6558) / i4)))
    t.append(("gre-teb", {}, outer4(proto_layer=GRE(proto=0x6558) / i4)))
    t.append(("gre-cks-ipv4", {}, outer4(proto_layer=GRE(
        chksum_present=1, key_present=1, seqnum_present=1, key=0xdeadbeef,
        sequence_number=9, proto=0x0800) / ip_only4)))
    t.append(("gre-key-teb-v6", {}, outer6(proto_layer=GRE(
        key_present=1, key=100, proto=0x6558) / tcp)))
    t.append(("gre-ipv6-in-v6", {}, outer6(proto_layer=GRE(proto=0x86dd) / ip_only6)))
    t.append(("gre-csum-teb", {}, outer4(tos=1, proto_layer=GRE(chksum_present=1, proto=0x6558)
                                         / inner["ipv4-ect0"])))
    t.append(("gre-other-proto", {}, outer4(proto_layer=GRE(proto=0x0806) / inner["arp"][14:])))
    t.append(("esp", {}, outer4(proto_layer=ESP(spi=0x1001, seq=5, data=PAYLOAD))))
    t.append(("esp-ipv6", {}, outer6(proto_layer=ESP(spi=0x1002, seq=6, data=PAYLOAD))))
    t.append(("espinudp", {}, outer4(proto_layer=udp(4500, 4500)
                                     / ESP(spi=0x1003, seq=7, data=PAYLOAD))))
    t.append(("espinudp-ike", {}, outer4(proto_layer=udp(4500, 4500)
                                         / Raw(b"\0\0\0\0" + PAYLOAD))))
    t.append(("espinudp-keepalive", {}, outer4(proto_layer=udp(4500, 4500) / Raw(b"\xff"))))
    nested = outer4(proto_layer=udp(4789) / VXLAN(vni=1) / i4)
    t.append(("geneve-vxlan-nested", {}, outer6(proto_layer=udp(6081) / GENEVE(
        vni=20, proto=0x6558) / nested)))
    t.append(("gre-ip-vxlan-nested", {}, outer4(proto_layer=GRE(proto=0x0800)
                                                / bytes(nested)[14:])))
    t.append(("vxlan-frag-outer", {}, outer4(flags="MF", proto_layer=udp(4789)
                                             / VXLAN(vni=1) / i4)))
    out = []
    for name, pf, frame in t:
        out.append((name, pf, bytes(frame)))
    # Bad outer IPv4 header checksum, left for decap to find (no fixup).
    bad = bytearray(out[0][2])
    bad[24] ^= 0xff
    out.append(("vxlan-bad-ipcsum", {"flags": PF_GBP}, bytes(bad)))
    bad = bytearray(dict((n, f) for n, _, f in out)["gre-cks-ipv4"])
    bad[-1] ^= 0x55
    out.append(("gre-bad-csum", {"flags": PF_GBP}, bytes(bad)))
    return out


def truncated(inner):
    """Frames cut short inside each header (lengths consistent up to the
    cut, so the cut header is what the parser trips on) and bad headers."""
    ip4 = IP(src="10.0.0.1", dst="10.0.0.2")
    o4 = outer4
    f = [
        ("trunc-eth", inner["ipv4-udp"][:10]),
        ("trunc-vlan", bytes(eth() / Dot1Q(vlan=1))[:16]),
        ("trunc-ipv4", inner["ipv4-udp"][:30]),
        ("trunc-ipv4-len", inner["ipv4-udp"][:-4]),
        ("trunc-ipv6", inner["ipv6-udp"][:40]),
        ("trunc-udp", eth() / IP(src="10.0.0.1", dst="10.0.0.2", proto=17) / Raw(b"1234")),
        ("trunc-tcp", eth() / IP(src="10.0.0.1", dst="10.0.0.2", proto=6) / Raw(bytes(12))),
        ("trunc-icmp", eth() / IP(src="10.0.0.1", dst="10.0.0.2", proto=1) / Raw(b"\x08\0")),
        ("trunc-ipv6-ext", eth() / IPv6(nh=0) / Raw(b"\x11\0\0\0")),
        ("trunc-vxlan", o4(proto_layer=udp(4789) / Raw(b"\x08\0\0\0"))),
        ("trunc-vxlan-inner", o4(proto_layer=udp(4789) / VXLAN(vni=1) / Raw(bytes(10)))),
        ("trunc-geneve", o4(proto_layer=udp(6081) / Raw(bytes(6)))),
        ("trunc-geneve-opts", o4(proto_layer=udp(6081) / Raw(b"\x04\0\x65\x58" + bytes(12)))),
        ("bad-geneve-optlen", o4(proto_layer=udp(6081) / Raw(
            b"\x01\0\x65\x58\0\0\x01\0" + b"\xff\xff\x01\x02" + bytes(20)))),
        ("bad-geneve-version", o4(proto_layer=udp(6081) / Raw(b"\x40\0\x65\x58" + bytes(20)))),
        ("trunc-gre", o4(proto=47, proto_layer=Raw(b"\xb0\0\x08\0" + bytes(4)))),
        ("bad-gre-routing", o4(proto=47, proto_layer=Raw(b"\x40\0\x08\0" + bytes(24)))),
        ("bad-gre-version", o4(proto=47, proto_layer=Raw(b"\x00\x01\x08\0" + bytes(24)))),
        ("bad-vxlan-flags", o4(proto_layer=udp(4789) / Raw(bytes(8)) / inner["arp"])),
        ("trunc-esp", o4(proto=50, proto_layer=Raw(b"\0\0\x10\x01"))),
        ("bad-vlan-depth", bytes(eth() / Dot1AD(vlan=1) / Dot1Q(vlan=2) / Dot1Q(vlan=3) / ip4)),
        ("bad-ipv6-hbh-pos", eth() / IPv6() / IPv6ExtHdrDestOpt() / IPv6ExtHdrHopByHop()
         / UDP()),
        ("bad-ipv6-ext-depth", eth() / IPv6() / IPv6ExtHdrHopByHop() / IPv6ExtHdrDestOpt()
         / IPv6ExtHdrRouting() / IPv6ExtHdrDestOpt() / IPv6ExtHdrDestOpt() / UDP()),
    ]
    return [(name, bytes(frame)) for name, frame in f]


def tcfg(type_, flags=0, vni=4242, dport=4789, ttl=64, dscp=0, mtu=1500,
         ident=0, vlan_tci=0, opts=b"", v6=False, sport=(49152, 65535),
         pad=bytes(14)):
    saddr = bytes(16)
    daddr = bytes(16)
    if v6:
        saddr = bytes.fromhex("20010db8000000000000000000000001")
        daddr = bytes.fromhex("20010db8000000000000000000000002")
        flags |= OUTER_V6
    else:
        saddr = bytes([192, 0, 2, 1]) + bytes(12)
        daddr = bytes([192, 0, 2, 2]) + bytes(12)
    return struct.pack("<BBBBHH6s6s16s16sIHHHHH14s112s", type_, ttl, dscp, len(opts),
                       flags, vlan_tci, bytes.fromhex("0200000000a1"),
                       bytes.fromhex("0200000000b2"), saddr, daddr, vni, dport,
                       sport[0], sport[1], mtu, ident, pad,
                       opts.ljust(112, b"\0"))


def encap_seeds(inner):
    gopt = bytes.fromhex("01020300") + bytes.fromhex("010205020a0b0c0d0e0f1011")
    crit = bytes.fromhex("01038500")
    cfgs = [
        ("vxlan", tcfg(TUN_VXLAN, DF_SET | UDP_CSUM)),
        ("vxlan-gbp-vlan", tcfg(TUN_VXLAN, GBP | VLAN | TTL_INHERIT | DSCP_INHERIT,
                                ident=0x77, vlan_tci=0x2064)),
        ("vxlan-v6-zero", tcfg(TUN_VXLAN, UDP6_ZERO, v6=True, mtu=1280)),
        ("vxlan-v6-csum", tcfg(TUN_VXLAN, ECN_COMPAT | TTL_INHERIT, v6=True, dscp=46)),
        ("vxlan-port-range", tcfg(TUN_VXLAN, DF_INHERIT, dport=8472, sport=(1000, 1001))),
        ("geneve-ident", tcfg(TUN_GENEVE, IDENT_OPT | UDP_CSUM, dport=6081, ident=0x1234,
                              opts=gopt)),
        ("geneve-v6-crit", tcfg(TUN_GENEVE, VLAN, dport=6081, opts=crit, v6=True,
                                vlan_tci=5)),
        ("geneve-maxopts", tcfg(TUN_GENEVE, IDENT_OPT, dport=6081,
                                opts=(bytes.fromhex("0102011b") + bytes(108)))),
        ("gre-key", tcfg(TUN_GRE, GRE_KEY | DF_SET, vni=0xfeedf00d)),
        ("gre-l3", tcfg(TUN_GRE, GRE_L3 | DF_INHERIT | DSCP_INHERIT)),
        ("gre-l3-v6-key", tcfg(TUN_GRE, GRE_L3 | GRE_KEY | TTL_INHERIT, v6=True, vni=1)),
        ("gre-teb-nokey", tcfg(TUN_GRE, ECN_COMPAT)),
        ("vxlan-mtu576", tcfg(TUN_VXLAN, DF_SET, mtu=576)),
    ]
    invalid = [
        ("bad-type", tcfg(4)),
        ("bad-ttl", tcfg(TUN_VXLAN, ttl=0)),
        ("bad-vni", tcfg(TUN_VXLAN, vni=1 << 24)),
        ("bad-optlen", tcfg(TUN_GENEVE, dport=6081, opts=bytes.fromhex("01020302"))),
        ("bad-df", tcfg(TUN_VXLAN, DF_SET | DF_INHERIT)),
        ("bad-v6-csum", tcfg(TUN_VXLAN, UDP_CSUM, v6=True)),
        ("bad-mtu", tcfg(TUN_VXLAN, mtu=9217)),
        ("bad-sport", tcfg(TUN_VXLAN, sport=(2, 1))),
        ("bad-flags", tcfg(TUN_VXLAN, 0x4000)),
        ("bad-daddr", tcfg(TUN_VXLAN, v6=True)[:36] + bytes(16) + tcfg(TUN_VXLAN, v6=True)[52:]),
        ("bad-smac", tcfg(TUN_GRE)[:8] + bytes.fromhex("010000000001") + tcfg(TUN_GRE)[14:]),
    ]
    # fuzz_encap_corrupt(): pad = 1, type, l3_off, l4_off, tun_off,
    # hdr_len (BE), mtu (BE), flags (BE), 3 spare bytes.
    def corrupt(type_, l3, l4, tun, hl, mtu, flags):
        return struct.pack(">BBBBBHHH3x", 1, type_, l3, l4, tun, hl, mtu, flags)
    cfgs += [
        ("corrupt-hdrlen", tcfg(TUN_VXLAN, pad=corrupt(1, 14, 34, 42, 250, 1500, 0))),
        ("corrupt-l4-past-end", tcfg(TUN_VXLAN, pad=corrupt(1, 14, 60, 68, 50, 1500, 0))),
        ("corrupt-gre-l3-tun-end", tcfg(TUN_GRE, GRE_L3, pad=corrupt(
            3, 14, 34, 190, 192, 9000, GRE_L3))),
        ("corrupt-v6-flags", tcfg(TUN_GRE, pad=corrupt(2, 14, 34, 42, 58, 1500, OUTER_V6))),
        ("corrupt-type", tcfg(TUN_GENEVE, dport=6081, pad=corrupt(9, 14, 34, 42, 50, 1500, 0))),
        ("corrupt-mtu0", tcfg(TUN_VXLAN, pad=corrupt(1, 14, 34, 42, 50, 0, 0))),
    ]
    frames = ["ipv4-icmp", "ipv6-tcp", "vlan-ipv4-udp", "arp", "ipv4-ce",
              "ipv4-padded", "ipv6-frag-later"]
    big = bytes(Ether(src=HMAC_A, dst=HMAC_B) / IP(src="10.0.0.1", dst="10.0.0.2")
                / UDP(sport=1, dport=2) / (b"B" * 1000))
    out = []
    for i, (cname, c) in enumerate(cfgs):
        for j, fname in enumerate(frames):
            if (i + j) % 3 and fname != "ipv4-icmp":
                continue
            trailer = struct.pack(">IH", 0x9e3779b9 * (i + j + 1) & 0xffffffff, i + j)
            out.append(("%s--%s" % (cname, fname), c + trailer + inner[fname]))
    named = dict(cfgs)
    out.append(("vxlan-mtu576--big", named["vxlan-mtu576"] + struct.pack(">IH", 1, 2) + big))
    out.append(("gre-l3--big", named["gre-l3"] + struct.pack(">IH", 3, 4) + big))
    # Too big only because of 600 bytes after the inner datagram: the inner
    # MTU to report is still mtu - overhead - inner L2 header (526).
    padded = bytes(Ether(src=HMAC_A, dst=HMAC_B) / IP(src="10.0.0.1", dst="10.0.0.2")
                   / UDP(sport=1, dport=2)) + b"\0" * 600
    out.append(("vxlan-mtu576--padded",
                named["vxlan-mtu576"] + struct.pack(">IH", 7, 8) + padded))
    for cname, c in invalid:
        out.append((cname, c + struct.pack(">IH", 5, 6) + inner["ipv4-icmp"]))
    return out


# fuzz_pipe.c: record flags, control changes, and the addresses its
# pipeline is programmed with.
P_UPLINK, P_VP_A, P_VP_B, P_NONE, P_OUT = range(5)
R_NEW, R_CHANGE = 0x01, 0x02
(C_RULE443, C_NH0, C_NH1, C_VP_B_DOWN, C_EXPIRE, C_FLUSH, C_PEER_DEL,
 C_VRF_DENY) = range(8)
LOCAL4, PEER4, PEER4_B, LOCAL6, PEER6 = ("192.0.2.1", "192.0.2.2", "192.0.2.3",
                                         "2001:db8::1", "2001:db8::2")
VMAC_A, VMAC_B, GW_MAC = "02:00:00:00:00:01", "02:00:00:00:00:02", "02:00:00:00:00:fe"


def rec(port, frame, flags=0):
    frame = bytes(frame)
    return struct.pack(">BBH", port, flags, len(frame)) + frame


def change(kind, arg=0):
    """Flags of a record with control change kind before its frame."""
    return R_CHANGE | kind << 2 | arg << 5


def tenant(src, dst, l4, mac=VMAC_A, pad=b""):
    """A tenant frame (IPv4 or IPv6 by the address) as a vport sends it."""
    ip = IPv6(src=src, dst=dst) if ":" in src else IP(src=src, dst=dst, id=1)
    return bytes(Ether(src=mac, dst=GW_MAC) / ip / l4 / Raw(PAYLOAD + pad))


def t_tcp(src, dst, sport, dport, flags="A", mac=VMAC_A):
    return tenant(src, dst, TCP(sport=sport, dport=dport, flags=flags, seq=1), mac)


def t_udp(src, dst, sport, dport, mac=VMAC_A, pad=b""):
    return tenant(src, dst, UDP(sport=sport, dport=dport), mac, pad)


def from_tunnel(inner, vni=100, src=PEER4, dst=LOCAL4, kind="vxlan"):
    """inner as a peer sends it to a VTEP: VXLAN, GENEVE, or over IPv6."""
    ip = IPv6(src=src, dst=dst) if ":" in src else IP(src=src, dst=dst, id=0,
                                                       flags="DF")
    if kind == "geneve":
        tun = UDP(sport=50000, dport=6081) / GENEVE(vni=vni, proto=0x6558)
    else:
        tun = UDP(sport=50000, dport=4789) / VXLAN(vni=vni)
    return bytes(Ether(src="02:00:00:00:bb:02", dst="02:00:00:00:aa:01")
                 / ip / tun / inner)


def pipe_seeds():
    """Inputs of fuzz_pipe: traffic through every stage of the pipeline."""
    a1, a2, b1 = "10.1.0.1", "10.1.0.2", "10.3.0.1"
    s = {}
    # Egress to tunnels (one burst: misses, then hits of the same flows).
    out = [t_tcp(a1, "10.2.0.1", 1000, 80, "S")] + \
        [t_tcp(a1, "10.2.0.1", 1000, 80)] * 3 + \
        [t_tcp(a1, "10.4.0.1", 1001, 80)] * 2 + \
        [t_tcp(a1, "10.6.0.%d" % i, 1002, 8080) for i in range(1, 5)] + \
        [t_tcp(a1, "10.6.0.1", 1002, 8080)]
    s["egress-tcp-tunnel"] = b"".join(rec(P_VP_A, f) for f in out)
    # Vport A to B, B's replies (denied by rule 10 but established).
    s["egress-udp-vport"] = b"".join(
        [rec(P_VP_A, t_udp(a1, b1, 1000, 53))] * 3 +
        [rec(P_VP_B, t_udp(b1, a1, 53, 1000, VMAC_B))] * 3 +
        [rec(P_VP_A, t_udp(a2, b1, 1000, 53))])
    s["egress-icmp"] = b"".join(
        [rec(P_VP_A, tenant(a1, "10.2.0.1", ICMP(id=7, seq=1)))] * 3 +
        [rec(P_VP_A, tenant("fd00:1::1", "fd00:2::1",
                            ICMPv6EchoRequest(id=8, seq=1)))] * 3 +
        [rec(P_VP_A, tenant("fd00:1::1", "fd00:1::2",
                            ICMPv6EchoRequest(id=9)))])
    # B's reply before A's connection: denied and cached, then unblocked.
    s["reply-first"] = b"".join([
        rec(P_VP_B, t_tcp(b1, a1, 80, 1000, "SA", VMAC_B)),
        rec(P_VP_B, t_tcp(b1, a1, 80, 1000, "A", VMAC_B)),
        rec(P_VP_A, t_tcp(a1, b1, 1000, 80, "S")),
        rec(P_VP_B, t_tcp(b1, a1, 80, 1000, "SA", VMAC_B)),
        rec(P_VP_B, t_tcp(b1, a1, 80, 1000, "A", VMAC_B), R_NEW),
        rec(P_VP_A, t_tcp(a1, b1, 1000, 80)),
    ])
    # No route, blackhole, rule 11 (ssh), not IP.
    s["egress-drops"] = b"".join(
        [rec(P_VP_A, t_tcp(a1, "10.9.0.1", 1000, 80))] * 2 +
        [rec(P_VP_A, t_tcp(a1, "10.5.0.1", 1000, 80))] * 2 +
        [rec(P_VP_A, t_tcp(a1, "10.2.0.1", 1000, 22, "S"))] * 2 +
        [rec(P_VP_A, bytes(Ether(src=VMAC_A, dst=GW_MAC) /
                           ARP(psrc=a1, pdst="10.1.0.254")))])
    # IP lengths 1510 (over A's MTU), 1450 (over B's), 1380 (fits the
    # VXLAN tunnel, not the GENEVE backup's 1400 once next hop 0 is down).
    big = t_udp(a1, "10.4.0.1", 1000, 53, pad=b"\0" * 1320)
    s["mtu"] = b"".join([
        rec(P_VP_A, t_udp(a1, b1, 1000, 53, pad=b"\0" * 1450)),
        rec(P_VP_A, t_udp(a1, b1, 1001, 53, pad=b"\0" * 1390)),
        rec(P_VP_A, big), rec(P_VP_A, big, change(C_NH0, 1)),
    ])
    # From the peer to the local VTEP: delivered, answered, transit.
    inner = t_tcp("10.2.0.1", a1, 80, 1000, "SA", mac=GW_MAC)
    s["vxlan-in"] = b"".join(
        [rec(P_UPLINK, from_tunnel(inner))] * 3 +
        [rec(P_VP_A, t_tcp(a1, "10.2.0.1", 1000, 80))] * 2 +
        [rec(P_UPLINK, from_tunnel(t_udp("10.2.0.1", "10.4.0.1", 53, 99,
                                         mac=GW_MAC)))] * 2 +
        [rec(P_UPLINK, from_tunnel(t_udp("fd00:2::1", "fd00:1::1", 53, 99,
                                         mac=GW_MAC))),
         rec(P_UPLINK, from_tunnel(inner, src=PEER4_B, kind="geneve")),
         rec(P_UPLINK, from_tunnel(inner, src=PEER6, dst=LOCAL6))])
    bad_csum = bytearray(from_tunnel(inner))
    bad_csum[40] ^= 0xff
    s["vxlan-refused"] = b"".join([
        rec(P_UPLINK, from_tunnel(inner, src="192.0.2.9")),
        rec(P_UPLINK, from_tunnel(inner, vni=999)),
        rec(P_UPLINK, from_tunnel(inner, dst="192.0.2.50")),
        rec(P_UPLINK, from_tunnel(inner, src=PEER4_B, vni=200)),
        rec(P_UPLINK, bytes(bad_csum)),
        rec(P_UPLINK, from_tunnel(bytes(Ether() / ARP()))),
        rec(P_UPLINK, inner),
    ])
    # VNI 200 into VRF 2: ICMP allowed (rule 20), the rest denied.
    s["vni200"] = b"".join(
        [rec(P_UPLINK, from_tunnel(tenant("10.2.0.1", b1, ICMP(id=3)), 200))] * 2 +
        [rec(P_UPLINK, from_tunnel(t_tcp("10.2.0.1", b1, 80, 1000), 200))] * 2 +
        [rec(P_UPLINK, from_tunnel(tenant("10.2.0.1", a1, ICMP(id=3)), 200))])
    # More flows than the table holds, in bursts longer than 32.
    s["table-full"] = b"".join(
        [rec(P_VP_A, t_udp(a1, "10.2.0.%d" % (i % 40 + 1), 2000, 53))
         for i in range(60)])
    # Control changes between bursts.
    f443 = t_tcp(a1, "10.2.0.1", 1000, 443)
    f4 = t_tcp(a1, "10.4.0.1", 1000, 80)
    s["control"] = b"".join([
        rec(P_VP_A, f443), rec(P_VP_A, f443),
        rec(P_VP_A, f443, change(C_RULE443)), rec(P_VP_A, f443),
        rec(P_VP_A, f443, change(C_RULE443)),
        rec(P_VP_A, f4), rec(P_VP_A, f4, change(C_NH0, 1)),
        rec(P_VP_A, f443), rec(P_VP_A, f4, change(C_NH1, 1)),
        rec(P_VP_A, f4, change(C_NH0, 0)), rec(P_VP_A, f4, change(C_NH1, 0)),
        rec(P_VP_A, t_udp(a1, b1, 1000, 53)),
        rec(P_VP_B, t_udp(b1, a1, 53, 1000, VMAC_B), change(C_VP_B_DOWN, 1)),
        rec(P_VP_A, t_udp(a1, b1, 1000, 53)),
        rec(P_VP_B, t_udp(b1, a1, 53, 1000, VMAC_B), change(C_VP_B_DOWN, 0)),
        rec(P_VP_A, f4, change(C_EXPIRE, 0)), rec(P_VP_A, f443),
        rec(P_VP_A, f4, change(C_EXPIRE, 1)),
        rec(P_VP_A, f4, change(C_FLUSH)),
        rec(P_UPLINK, from_tunnel(inner), change(C_PEER_DEL, 1)),
        rec(P_UPLINK, from_tunnel(inner), change(C_PEER_DEL, 0)),
        rec(P_VP_A, t_tcp(a1, "10.2.0.9", 1000, 80), change(C_VRF_DENY, 1)),
        rec(P_VP_A, t_tcp(a1, "10.2.0.9", 1000, 80)),
        rec(P_VP_A, t_tcp(a1, "10.2.0.9", 1000, 80), change(C_VRF_DENY, 0)),
    ])
    # Frames every port gets, bursts cut on one port, and junk.
    junk = bytes((i * 37 + 11) & 0xff for i in range(90))
    ok = t_tcp(a1, "10.2.0.1", 1000, 80)
    s["ports-garbage"] = b"".join([
        rec(P_NONE, ok), rec(P_OUT, ok), rec(P_OUT + 5, ok),
        rec(P_VP_A, ok), rec(P_VP_A, ok, R_NEW), rec(P_VP_A, ok),
        rec(P_VP_A, junk), rec(P_UPLINK, junk), rec(P_VP_B, junk[:13]),
        rec(P_VP_A, ok[:30]), rec(P_VP_A, b""), rec(P_VP_A, ok),
    ]) + struct.pack(">BBH", P_VP_A, 0, 400) + ok[:50]
    return [(k, v) for k, v in s.items()]


def write_dir(path, seeds):
    os.makedirs(path, exist_ok=True)
    for f in os.listdir(path):
        if f.startswith("seed-"):
            os.unlink(os.path.join(path, f))
    for name, data in seeds:
        with open(os.path.join(path, "seed-" + name), "wb") as fh:
            fh.write(data)
    return len(seeds)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "corpus")
    inner = inner_frames()
    tunnels = tunnel_frames(inner)
    cut = truncated(inner)

    parse = [(n, prefix() + f) for n, f in inner.items()]
    parse += [(n, prefix(pf.get("flags", PF_GBP | PF_FIXUP), pf.get("vx2", 0), 0,
                         pf.get("geneve", 0)) + f) for n, pf, f in tunnels]
    parse += [(n, prefix() + f) for n, f in cut]
    parse.append(("no-prefix-short", b"\x02\x00\x00"))
    decap = [(n, prefix(pf.get("flags", PF_GBP | PF_FIXUP), pf.get("vx2", 0), 0,
                        pf.get("geneve", 0)) + f) for n, pf, f in tunnels]
    decap += [(n, prefix() + f) for n, f in cut if n.startswith("trunc-vxlan")]
    decap.append(("ipv4-udp", prefix() + inner["ipv4-udp"]))

    n = write_dir(os.path.join(root, "fuzz_parse"), parse)
    n += write_dir(os.path.join(root, "fuzz_decap"), decap)
    n += write_dir(os.path.join(root, "fuzz_encap"), encap_seeds(inner))
    n += write_dir(os.path.join(root, "fuzz_pipe"), pipe_seeds())
    print("wrote %d seeds under %s" % (n, root))


if __name__ == "__main__":
    main()
