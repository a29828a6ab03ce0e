#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""Independent-oracle test vectors for the mcnic data plane.

Writes one C file with the tables declared in tests/oracle/vectors.h:
encap (tunnel config + inner frame -> full output frame), MTU, decap and
parse vectors.  Packets are built with scapy; every expected result comes
from scapy and from the RFC rules written out below, never from mcnic's C
code.  The only mcnic documents used are the contract: the hash tuple
layout (firmware/dp/hash.c), the encap rules (firmware/dp/encap.c header,
include/mcnic/tunnel.h) and the metadata definitions (include/mcnic/meta.h).

Run with /usr/bin/python3 (Debian's python3-scapy):
    gen_vectors.py -o build/gen/vectors.c
"""
import argparse
import logging
import random
import socket
import struct

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (ARP, ICMP, IP, TCP, UDP, Dot1AD, Dot1Q,  # noqa: E402
                       Ether, GRE, IPv6, IPv6ExtHdrDestOpt,
                       IPv6ExtHdrFragment, IPv6ExtHdrHopByHop,
                       IPv6ExtHdrRouting, Raw, checksum)
from scapy.layers.inet6 import ICMPv6EchoReply, ICMPv6EchoRequest  # noqa: E402
from scapy.layers.vxlan import VXLAN  # noqa: E402
from scapy.contrib.geneve import GENEVE, GeneveOptions  # noqa: E402

NONE = 0xffff			# MCNIC_OFF_NONE
FRAME_MAX = 2048		# ORACLE_FRAME_MAX

ETH_IPV4, ETH_IPV6, ETH_ARP, ETH_TEB = 0x0800, 0x86dd, 0x0806, 0x6558
ETH_8021Q, ETH_8021AD, ETH_LOCAL = 0x8100, 0x88a8, 0x88b5

# Addresses from the documentation ranges (RFC 5737, RFC 3849).
VTEP4_L, VTEP4_R = "192.0.2.1", "198.51.100.7"
VTEP6_L, VTEP6_R = "2001:db8::1", "2001:db8:ffff::2"
NH_SMAC, NH_DMAC = "02:00:00:00:01:01", "02:00:00:00:01:fe"
IN_SMAC, IN_DMAC = "02:00:0a:01:00:01", "02:00:0a:01:00:02"
L3_DMAC, L3_SMAC = "02:00:00:00:0b:02", "02:00:00:00:0b:01"


# ----------------------------------------------------------------------------
# CRC32C (Castagnoli, RFC 3720 §B.4): reflected polynomial 0x82F63B78,
# initial value and final XOR all ones.  Written out bit by bit so it shares
# nothing with the table or SSE4.2 code under test.
def crc32c(data):
    crc = 0xffffffff
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82f63b78 if crc & 1 else 0)
    return crc ^ 0xffffffff


assert crc32c(b"123456789") == 0xe3069283, "CRC32C check value"


def be16(b, off):
    return struct.unpack_from("!H", b, off)[0]


def be32(b, off):
    return struct.unpack_from("!I", b, off)[0]


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def addr16(s):
    """An address as the contract stores it: IPv4 in the first 4 bytes."""
    if ":" in s:
        return socket.inet_pton(socket.AF_INET6, s)
    return socket.inet_aton(s) + bytes(12)


def ones_add(a, b):
    s = a + b
    return (s & 0xffff) + (s >> 16)


def payload(n, seed):
    return bytes((seed + 7 * i) & 0xff for i in range(n))


def fill(pkt, size, seed=0):
    """Append payload so the frame is exactly size bytes."""
    n = size - len(bytes(pkt))
    assert n >= 0, "frame larger than %d" % size
    return bytes(pkt / Raw(payload(n, seed))) if n else bytes(pkt)


# ----------------------------------------------------------------------------
# Reading well-formed packets (RFC 791, 8200, 768, 9293, 792, 4443) into the
# fields include/mcnic/meta.h defines.  Used only on packets built here; the
# malformed ones get their expected drop reason where they are built.
class Layer:
    def __init__(self):
        self.l2_off = self.l3_off = self.l4_off = NONE
        self.end = 0
        self.ethertype = 0
        self.vlans = []
        self.flags = set()
        self.l3 = self.proto = self.tos = self.ttl = self.tcp_flags = 0
        self.sport = self.dport = 0
        self.saddr = self.daddr = bytes(16)
        self.pay_off = NONE	# first byte after the IP headers

    def ip_datagram(self, raw):
        return raw[self.l3_off:self.end]


IPV6_EXT = (0, 43, 44, 60)	# hop-by-hop, routing, fragment, dest. options


def read_ipv4(raw, off, d):
    ihl = (raw[off] & 15) * 4
    tot, frag = be16(raw, off + 2), be16(raw, off + 6)
    assert raw[off] >> 4 == 4 and ihl >= 20 and tot >= ihl
    assert off + tot <= len(raw)
    d.l3, d.l3_off = 4, off
    d.tos, d.ttl, d.proto = raw[off + 1], raw[off + 8], raw[off + 9]
    d.saddr = raw[off + 12:off + 16] + bytes(12)
    d.daddr = raw[off + 16:off + 20] + bytes(12)
    if frag & 0x4000:
        d.flags.add("IPV4_DF")
    # A fragment: more to come, or not the first piece (RFC 791).
    if frag & 0x2000 or frag & 0x1fff:
        d.flags.add("FRAG")
    if frag & 0x1fff:
        d.flags.add("FRAG_LATER")
    if ihl > 20:
        d.flags.add("IPV4_OPTS")
    d.end = off + tot
    return off + ihl


def read_ipv6(raw, off, d):
    vtf, plen = be32(raw, off), be16(raw, off + 4)
    assert vtf >> 28 == 6 and off + 40 + plen <= len(raw)
    d.l3, d.l3_off = 6, off
    d.tos, d.ttl = (vtf >> 20) & 0xff, raw[off + 7]
    d.saddr, d.daddr = raw[off + 8:off + 24], raw[off + 24:off + 40]
    d.end = off + 40 + plen
    nh, pos = raw[off + 6], off + 40
    # RFC 8200 §4: walk the extension header chain.
    while nh in IPV6_EXT:
        d.flags.add("IPV6_EXT")
        if nh == 44:
            fo = be16(raw, pos + 2)
            # RFC 6946: offset 0 and M 0 is an atomic fragment, a whole
            # datagram -- not a fragment (meta.h: "MF or offset").
            if fo & 0xfff9:
                d.flags.add("FRAG")
            if fo & 0xfff8:
                d.flags.add("FRAG_LATER")
            nh, pos = raw[pos], pos + 8
            if "FRAG_LATER" in d.flags:
                break
        else:
            # RFC 8200 §4.4: byte 3 of a routing header, segments left.
            if nh == 43 and raw[pos + 3]:
                d.flags.add("IPV6_RH_LEFT")
            nh, pos = raw[pos], pos + (raw[pos + 1] + 1) * 8
        assert pos <= d.end
    d.proto = nh
    return pos


def read_l4(raw, pos, d):
    d.pay_off = pos
    if "FRAG_LATER" in d.flags:
        return		# RFC 791/8200: only the first fragment has the L4 header
    if d.proto in (17, 6):
        d.sport, d.dport = be16(raw, pos), be16(raw, pos + 2)
        if d.proto == 6:
            d.tcp_flags = raw[pos + 13]
    elif d.proto in (1, 58):
        # meta.h: ICMP sport = type << 8 | code, dport = the identifier of
        # an echo request/reply (RFC 792: 8/0, RFC 4443: 128/129), else 0.
        echo = raw[pos] in ((8, 0) if d.proto == 1 else (128, 129))
        d.sport = raw[pos] << 8 | raw[pos + 1]
        d.dport = be16(raw, pos + 4) if echo else 0
    else:
        return
    d.l4_off = pos
    d.flags.add("L4")


def read_stack(raw, off, l2=True, l3type=None):
    """One header stack starting at raw[off]: Ethernet, or IP of l3type."""
    d = Layer()
    if l2:
        d.l2_off = off
        etype, off = be16(raw, off + 12), off + 14
        while etype in (ETH_8021Q, ETH_8021AD):
            d.vlans.append(be16(raw, off))
            etype, off = be16(raw, off + 2), off + 4
    else:
        etype = l3type
    d.ethertype = etype
    if etype == ETH_IPV4:
        read_l4(raw, read_ipv4(raw, off, d), d)
    elif etype == ETH_IPV6:
        read_l4(raw, read_ipv6(raw, off, d), d)
    cross_check(raw, d, l2)
    return d


def cross_check(raw, d, l2):
    """scapy's own dissection must agree with the reading above."""
    if d.l2_off != NONE:
        s = Ether(raw[d.l2_off:])
        t, seen = s.payload, []
        while isinstance(t, Dot1Q):	# Dot1AD is a Dot1Q
            seen.append(t.prio << 13 | t.id << 12 | t.vlan)
            t = t.payload
        assert seen == d.vlans
    if d.l3 == 4:
        s = IP(raw[d.l3_off:d.end])
        assert addr16(s.src) == d.saddr and addr16(s.dst) == d.daddr
        assert s.ttl == d.ttl and s.tos == d.tos and s.proto == d.proto
    elif d.l3 == 6:
        s = IPv6(raw[d.l3_off:d.end])
        assert addr16(s.src) == d.saddr and addr16(s.dst) == d.daddr
        assert s.hlim == d.ttl and s.tc == d.tos
    if "L4" in d.flags and d.proto in (6, 17):
        cls = UDP if d.proto == 17 else TCP
        s = (IP if d.l3 == 4 else IPv6)(raw[d.l3_off:d.end])
        if cls in s:
            assert s[cls].sport == d.sport and s[cls].dport == d.dport


class Meta:
    def __init__(self, n):
        self.len = n
        self.outer, self.inner = Layer(), Layer()
        self.tun = "NONE"
        self.tun_off = 0
        self.inner_off = NONE
        self.tflags = set()
        self.gnv_opt_off = self.gnv_opt_len = 0
        self.ident = self.tun_proto = 0
        self.vni = self.seq = self.spi = 0
        self.frame_end = 0	# where an inner Ethernet frame ends


class PCfg:
    """struct mcnic_parse_cfg as a receiver is told its tunnel ports."""

    def __init__(self, vxlan=(4789,), geneve=6081, esp=4500, gbp=1):
        self.vxlan, self.geneve, self.esp, self.gbp = vxlan, geneve, esp, gbp


PCFG = PCfg()
IDENT_CLASS, IDENT_TYPE = 0xfff0, 0x01


def read_inner(raw, m, pos, end, proto):
    m.inner_off, m.tun_proto, m.frame_end = pos, proto, end
    if proto == ETH_TEB:
        m.tflags.add("INNER_L2")
        m.inner = read_stack(raw[:end], pos, True)
    elif proto in (ETH_IPV4, ETH_IPV6):
        m.inner = read_stack(raw[:end], pos, False, proto)


def read_vxlan(raw, m, t, end, pcfg):
    # RFC 7348 §5; group policy: draft-smith-vxlan-group-policy §2.1.
    m.tun, m.tun_off = "VXLAN", t
    fl, gfl = raw[t], raw[t + 1]
    assert fl & 0x08
    m.vni = be32(raw, t + 4) >> 8
    if pcfg.gbp and fl & 0x80:
        m.tflags |= {"GBP", "IDENT"}
        if gfl & 0x40:
            m.tflags.add("GBP_D")
        if gfl & 0x08:
            m.tflags.add("GBP_A")
        m.ident = be16(raw, t + 2)
    read_inner(raw, m, t + 8, end, ETH_TEB)


def read_geneve(raw, m, t, end):
    # RFC 8926 §3.4 (header) and §3.5 (options).
    m.tun, m.tun_off = "GENEVE", t
    assert raw[t] >> 6 == 0
    optlen = (raw[t] & 0x3f) * 4
    if raw[t + 1] & 0x80:
        m.tflags.add("GNV_OAM")
    if raw[t + 1] & 0x40:
        m.tflags.add("GNV_CRIT")
    m.vni = be32(raw, t + 4) >> 8
    m.gnv_opt_off, m.gnv_opt_len = t + 8, optlen
    o, oend = t + 8, t + 8 + optlen
    while o < oend:
        cls, typ, olen = be16(raw, o), raw[o + 2], 4 + (raw[o + 3] & 0x1f) * 4
        assert o + olen <= oend
        if cls == IDENT_CLASS and typ == IDENT_TYPE and olen == 8:
            m.tflags.add("IDENT")
            m.ident = be16(raw, o + 4)
        elif typ & 0x80:
            # Critical and not one we know: RFC 8926 says drop.
            m.tflags.add("GNV_CRIT_UNK")
        o += olen
    read_inner(raw, m, oend, end, be16(raw, t + 2))


def read_gre(raw, m, t, end):
    # RFC 2784 §2, key and sequence number from RFC 2890 §2.
    m.tun, m.tun_off = "GRE", t
    fv = be16(raw, t)
    assert fv & 0x4007 == 0
    pos = t + 4
    if fv & 0x8000:
        m.tflags.add("GRE_CSUM")
        pos += 4
    if fv & 0x2000:
        m.tflags.add("GRE_KEY")
        m.vni, pos = be32(raw, pos), pos + 4
    if fv & 0x1000:
        m.tflags.add("GRE_SEQ")
        m.seq, pos = be32(raw, pos), pos + 4
    read_inner(raw, m, pos, end, be16(raw, t + 2))


def read_esp(raw, m, t, udp):
    # RFC 4303 §2: SPI and sequence number are the cleartext part.
    m.tun, m.tun_off = "ESP", t
    if udp:
        m.tflags.add("ESP_UDP")
    m.spi, m.seq = be32(raw, t), be32(raw, t + 4)
    m.inner_off = t + 8


def meta_expect(raw, pcfg=PCFG):
    """The metadata a receiver configured with pcfg must see."""
    m = Meta(len(raw))
    m.outer = o = read_stack(raw, 0)
    # A fragment's tunnel payload is incomplete until reassembly.
    if o.l3 == 0 or "FRAG" in o.flags:
        return m
    pos = o.pay_off
    if o.proto == 17:
        uend, t = pos + be16(raw, pos + 4), pos + 8
        if o.dport in pcfg.vxlan:
            read_vxlan(raw, m, t, uend, pcfg)
        elif pcfg.geneve and o.dport == pcfg.geneve:
            read_geneve(raw, m, t, uend)
        elif (pcfg.esp and o.dport == pcfg.esp and uend - t >= 4 and
              be32(raw, t) != 0):
            # RFC 3948 §2.2: a zero first word is the non-ESP (IKE) marker,
            # a lone 0xff byte a NAT-keepalive.
            read_esp(raw, m, t, True)
    elif o.proto == 47:
        read_gre(raw, m, pos, o.end)
    elif o.proto == 50:
        read_esp(raw, m, pos, False)
    return m


# ----------------------------------------------------------------------------
# Frames.
def eth(vlans=(), src=IN_SMAC, dst=IN_DMAC, outer_ad=False):
    """Ethernet with 802.1Q tags (the first one 802.1ad if outer_ad)."""
    if not vlans:
        return Ether(src=src, dst=dst)
    p = Ether(src=src, dst=dst, type=ETH_8021AD if outer_ad else ETH_8021Q)
    for i, tci in enumerate(vlans):
        cls = Dot1AD if outer_ad and i == 0 else Dot1Q
        tag = cls(prio=tci >> 13, id=(tci >> 12) & 1, vlan=tci & 0xfff)
        if i + 1 < len(vlans):
            tag.type = ETH_8021Q
        p = p / tag
    return p


def ip4(src="10.1.0.1", dst="10.1.0.2", tos=0, ttl=64, df=True, ident=0x1c46,
        **kw):
    kw.setdefault("flags", "DF" if df else 0)
    return IP(src=src, dst=dst, tos=tos, ttl=ttl, id=ident, **kw)


def ip6(src="fd00:1::1", dst="fd00:1::2", tc=0, hlim=64, fl=0x12345, **kw):
    return IPv6(src=src, dst=dst, tc=tc, hlim=hlim, fl=fl, **kw)


def inner_frames():
    """The inner frames encap vectors carry: name -> bytes."""
    f = {}
    f["i4udp64"] = fill(eth() / ip4(tos=0x00) / UDP(sport=40000, dport=41053),
                        64, 1)
    f["i4udp512"] = fill(eth() / ip4(tos=0xba, ttl=17, df=False) /
                         UDP(sport=41234, dport=45678), 512, 2)
    f["i4udp1500"] = fill(eth() / ip4("172.16.5.9", "10.200.0.1", tos=0x2b,
                                      ttl=255) / UDP(sport=41443, dport=61000),
                          1500, 3)
    f["i4tcp64"] = fill(eth() / ip4(tos=0x01, ttl=3) /
                        TCP(sport=41022, dport=50022, flags="SA"), 64, 4)
    f["i4tcp512"] = fill(eth() / ip4("10.9.8.7", "10.7.8.9", tos=0x4a) /
                         TCP(sport=48080, dport=43000, flags="PA"), 512, 5)
    f["i4tcp1500"] = fill(eth() / ip4(tos=0xfe, df=False) /
                          TCP(sport=41179, dport=41179, flags="A"), 1500, 6)
    f["i4icmp64"] = fill(eth() / ip4(tos=0x02) /
                         ICMP(type=8, id=0x4321, seq=7), 64, 7)
    f["i4icmp512"] = fill(eth() / ip4(ttl=1) / ICMP(type=0, id=0xbeef,
                                                     seq=1), 512, 8)
    f["i6udp64"] = fill(eth() / ip6(tc=0x00) / UDP(sport=45353, dport=45353),
                        64, 9)
    f["i6udp512"] = fill(eth() / ip6("2001:db8:1::10", "2001:db8:2::20",
                                     tc=0xb9, hlim=9) /
                         UDP(sport=43434, dport=44000), 512, 10)
    f["i6udp1500"] = fill(eth() / ip6(tc=0x03, hlim=200, fl=0) /
                          UDP(sport=40009, dport=40007), 1500, 11)
    f["i6tcp512"] = fill(eth() / ip6(tc=0x2a) /
                         TCP(sport=41443, dport=51515, flags="S"), 512, 12)
    f["i6icmp64"] = fill(eth() / ip6(tc=0x01) /
                         ICMPv6EchoRequest(id=0x77, seq=3), 64, 13)
    f["i6icmp512"] = fill(eth() / ip6(hlim=255) /
                          ICMPv6EchoReply(id=0x1001, seq=9), 512, 14)
    f["i6ext-udp128"] = fill(eth() / ip6(nh=60) / IPv6ExtHdrDestOpt(nh=17) /
                             UDP(sport=42000, dport=43001), 128, 15)
    f["i4frag-later200"] = fill(eth() / ip4(df=False, frag=185, proto=17),
                                200, 16)
    f["vlan-i4udp64"] = fill(eth([0x2064]) / ip4(tos=0x03) /
                             UDP(sport=40068, dport=40067), 64, 17)
    f["vlan-i4udp512"] = fill(eth([0x0fa0]) / ip4(tos=0x10) /
                              UDP(sport=40001, dport=40002), 512, 18)
    f["qinq-i6tcp512"] = fill(eth([0x0064, 0x30c8], outer_ad=True) /
                              ip6(tc=0x02) / TCP(sport=40080, dport=41025,
                                                 flags="F"), 512, 19)
    f["arp60"] = fill(eth(dst="ff:ff:ff:ff:ff:ff") /
                      ARP(op=1, hwsrc=IN_SMAC, psrc="10.1.0.1",
                          pdst="10.1.0.2"), 60, 0)
    f["vlan-arp64"] = fill(eth([0x1005], dst="ff:ff:ff:ff:ff:ff") /
                           ARP(op=2, hwsrc=IN_SMAC, psrc="10.1.0.1",
                               hwdst=IN_DMAC, pdst="10.1.0.2"), 64, 0)
    # A short datagram in a minimum-size frame: 18 bytes of Ethernet padding.
    f["i4pad60"] = bytes(eth() / ip4(tos=0x01) /
                         ICMP(type=8, id=5, seq=5)) + bytes(18)
    f["raw88b5-64"] = fill(Ether(src=IN_SMAC, dst=IN_DMAC, type=ETH_LOCAL),
                           64, 20)
    return f


# ----------------------------------------------------------------------------
# Encap: the rules of firmware/dp/encap.c's header and tunnel.h, from RFCs.
class TunCfg:
    """struct mcnic_tunnel_cfg as a host would fill it in."""

    def __init__(self, typ, flags=(), **kw):
        self.type = typ			# "VXLAN", "GENEVE", "GRE"
        self.flags = set(flags)
        self.ttl, self.dscp = kw.get("ttl", 64), kw.get("dscp", 0)
        self.vlan_tci = kw.get("vlan_tci", 0)
        v6 = "OUTER_V6" in self.flags
        self.saddr = kw.get("saddr", VTEP6_L if v6 else VTEP4_L)
        self.daddr = kw.get("daddr", VTEP6_R if v6 else VTEP4_R)
        self.vni = kw.get("vni", 0x123456)
        dflt = {"VXLAN": 4789, "GENEVE": 6081, "GRE": 0}[typ]
        self.dport = kw.get("dport", dflt)
        self.sport_min = kw.get("sport_min", 49152 if dflt else 0)
        self.sport_max = kw.get("sport_max", 65535 if dflt else 0)
        self.mtu = kw.get("mtu", 1500)
        self.ident = kw.get("ident", 0)
        self.opts = kw.get("opts", [])	# GeneveOptions carried as raw TLVs
        self.gnv_opt = b"".join(bytes(o) for o in self.opts)

    def all_opts(self):
        opts = list(self.opts)
        if "IDENT_OPT" in self.flags:
            # mcnic's option (wire.h): class 0xfff0 type 1, segment(16)
            # reserved(16), after the host's raw options.
            opts.append(GeneveOptions(classid=IDENT_CLASS, type=IDENT_TYPE,
                                      length=1,
                                      data=struct.pack("!HH", self.ident, 0)))
        return opts


def flow_tuple(raw, d):
    """struct mcnic_hash_tuple (firmware/dp/hash.c), 40 bytes."""
    if d.l3:
        # Every fragment of a datagram must hash alike, so fragments go
        # without ports -- the first one too (as Linux's flow dissector
        # does unless told to parse first fragments); an atomic fragment
        # (RFC 6946) is no fragment.
        sport, dport = (0, 0) if "FRAG" in d.flags else (d.sport, d.dport)
        return (d.saddr + d.daddr +
                struct.pack("!HHBB", sport, dport, d.proto, d.l3) +
                bytes(2))
    dst, src = raw[d.l2_off:d.l2_off + 6], raw[d.l2_off + 6:d.l2_off + 12]
    return (src + bytes(10) + dst + bytes(10) +
            struct.pack("!HH", d.ethertype, 0) + bytes(4))


class EncapResult:
    def __init__(self, h, result="NONE", out=b"", inner_mtu=0,
                 check_mtu=0):
        self.hash, self.result, self.out = h, result, out
        self.inner_mtu, self.check_mtu = inner_mtu, check_mtu


def outer_tos(cfg, d):
    tos = cfg.dscp << 2
    if not d.l3:
        return tos		# nothing to inherit, no ECN field to copy
    if "DSCP_INHERIT" in cfg.flags:
        tos = d.tos & 0xfc
    # RFC 6040 §4.1: normal mode copies the ECN field (CE included);
    # compatibility mode sends Not-ECT.
    if "ECN_COMPAT" not in cfg.flags:
        tos |= d.tos & 3
    return tos


def outer_df(cfg, d):
    if "DF_SET" in cfg.flags:
        return True
    if "DF_INHERIT" not in cfg.flags:
        return False
    # IPv6 routers never fragment (RFC 8200 §5), so an IPv6 payload keeps
    # DF outside (as Linux's "df inherit" does); IPv4 copies its own DF.
    return d.l3 == 6 or "IPV4_DF" in d.flags


def encap_expect(cfg, inner, ip_id):
    d = read_stack(inner, 0)
    h = crc32c(flow_tuple(inner, d))
    f, v6 = cfg.flags, "OUTER_V6" in cfg.flags
    if "GRE_L3" in f:
        if not d.l3:
            return EncapResult(h, "ENCAP_NOT_IP")
        # RFC 2784 carrying IP: the datagram alone, without L2 or padding.
        body = inner[d.l3_off:d.end]
        gre_proto = ETH_IPV4 if d.l3 == 4 else ETH_IPV6
    else:
        body, gre_proto = inner, ETH_TEB
    tos = outer_tos(cfg, d)
    # RFC 1122 §3.2.1.7: TTL 0 is never sent; fall back to the template's.
    ttl = d.ttl if "TTL_INHERIT" in f and d.l3 and d.ttl else cfg.ttl
    df = outer_df(cfg, d)
    # RFC 7348 §5: source port from a hash of the inner headers, here
    # scaled into [sport_min, sport_max].
    span = cfg.sport_max - cfg.sport_min + 1
    sport = cfg.sport_min + ((h * span) >> 32)

    l3type = ETH_IPV6 if v6 else ETH_IPV4
    pkt = Ether(src=NH_SMAC, dst=NH_DMAC)
    if "VLAN" in f:
        pkt.type = ETH_8021Q
        t = cfg.vlan_tci
        pkt = pkt / Dot1Q(prio=t >> 13, id=(t >> 12) & 1, vlan=t & 0xfff,
                          type=l3type)
    else:
        pkt.type = l3type
    proto = 47 if cfg.type == "GRE" else 17
    if v6:
        # RFC 6438: the flow label carries the flow hash (20 bits).
        # RFC 6438 label from the hash; 0 would mean unlabelled (RFC 6437).
        ip = IPv6(src=cfg.saddr, dst=cfg.daddr, tc=tos, fl=(h & 0xfffff) or 1,
                  nh=proto, hlim=ttl)
    else:
        # RFC 6864 §4.1: an atomic datagram's ID has no meaning: 0.
        ip = IP(src=cfg.saddr, dst=cfg.daddr, tos=tos, ttl=ttl, proto=proto,
                id=0 if df else ip_id, flags="DF" if df else 0)
    if cfg.type == "GRE":
        gre = GRE(proto=gre_proto)
        if "GRE_KEY" in f:
            gre.key_present, gre.key = 1, cfg.vni
        tun = gre / Raw(body)
    else:
        # IPv4: checksum optional (RFC 768, RFC 7348 §5); IPv6: mandatory
        # unless the tunnel uses RFC 6935/6936 zero checksums.
        if v6:
            csum = "UDP6_ZERO" not in f
        else:
            csum = "UDP_CSUM" in f
        udp = UDP(sport=sport, dport=cfg.dport)
        if not csum:
            udp.chksum = 0
        if cfg.type == "VXLAN":
            if "GBP" in f:
                hdr = VXLAN(flags=0x88, gpflags=0, gpid=cfg.ident,
                            vni=cfg.vni, reserved2=0)
            else:
                hdr = VXLAN(flags=0x08, reserved1=0, vni=cfg.vni,
                            reserved2=0)
        else:
            opts = cfg.all_opts()
            olen = sum(len(bytes(o)) for o in opts)
            # RFC 8926 §3.4: C is set when any option is critical.
            crit = int(any(o.type & 0x80 for o in opts))
            hdr = GENEVE(version=0, optionlen=olen // 4, oam=0,
                         critical=crit, proto=ETH_TEB, vni=cfg.vni,
                         options=opts)
        tun = udp / hdr / Raw(body)
    out = bytes(pkt / ip / tun)
    l3_off = 18 if "VLAN" in f else 14
    ip_len = len(out) - l3_off
    if ip_len > cfg.mtu:
        if not d.l3:
            return EncapResult(h, "TOO_BIG")
        # The inner IP MTU that would fit: path MTU less everything the
        # tunnel puts around the inner datagram.
        overhead = ip_len - len(body)
        inner_l2 = 0 if "GRE_L3" in f else d.l3_off
        return EncapResult(h, "TOO_BIG", inner_mtu=cfg.mtu - overhead -
                           inner_l2, check_mtu=1)
    check_encap_out(out, cfg, sport, h, l3_off, body)
    return EncapResult(h, out=out)


def check_encap_out(out, cfg, sport, h, l3_off, body):
    """Guard against scapy defaults: the fields we meant are on the wire."""
    assert out.endswith(body)
    if "OUTER_V6" in cfg.flags:
        assert be32(out, l3_off) & 0xfffff == ((h & 0xfffff) or 1)
        l4 = l3_off + 40
    else:
        assert checksum(out[l3_off:l3_off + 20]) == 0
        l4 = l3_off + 20
    if cfg.type != "GRE":
        assert be16(out, l4) == sport and be16(out, l4 + 2) == cfg.dport
        assert out[l4 + 8] == (0x88 if "GBP" in cfg.flags else 0x08) or \
            cfg.type == "GENEVE"


# ----------------------------------------------------------------------------
# C output.
class Pool:
    """Byte strings, each emitted once."""

    def __init__(self):
        self.names, self.items = {}, []

    def ref(self, b):
        assert len(b) <= FRAME_MAX
        if b not in self.names:
            self.names[b] = "oracle_blob_%d" % len(self.items)
            self.items.append(b)
        return self.names[b]

    def emit(self, w):
        for b in self.items:
            w("static const u8 %s[] =\n" % self.names[b])
            if not b:
                w('\t"";\n')
                continue
            for i in range(0, len(b), 48):
                w('\t"%s"%s\n' % (c_str(b[i:i + 48]),
                                   ";" if i + 48 >= len(b) else ""))


def c_str(b):
    """Bytes as the body of a C string literal, printable bytes as is."""
    out = []
    for i, x in enumerate(b):
        nxt = b[i + 1] if i + 1 < len(b) else 0
        if 0x20 <= x < 0x7f and chr(x) not in '"\\?':
            out.append(chr(x))
        elif 0x30 <= nxt <= 0x37:
            out.append("\\%03o" % x)	# a digit follows: all three digits
        else:
            out.append("\\%o" % x)
    return "".join(out)


def c_arr(b):
    """An array initializer; trailing zeros are implied."""
    b = bytes(b).rstrip(b"\0") or b"\0"
    return "{ " + ", ".join("%d" % x for x in b) + " }"


def c_flags(prefix, names):
    if not names:
        return "0"
    return " | ".join(prefix + n for n in sorted(names))


def c_drop(r):
    return "MCNIC_DROP_" + r


def c_off(v):
    return "MCNIC_OFF_NONE" if v == NONE else str(v)


def c_fields(fields):
    """A designated initializer; zero fields are implied."""
    return "{ " + ", ".join(".%s = %s" % (k, v) for k, v in fields
                            if v not in ("0", 0)) + " }"


def c_layer(d):
    l3 = {0: "MCNIC_L3_NONE", 4: "MCNIC_L3_IPV4", 6: "MCNIC_L3_IPV6"}[d.l3]
    return c_fields([
        ("l2_off", c_off(d.l2_off)), ("l3_off", c_off(d.l3_off)),
        ("l4_off", c_off(d.l4_off)), ("end", d.end),
        ("ethertype", "0x%04x" % d.ethertype if d.ethertype else 0),
        ("vlan_tci", "{ %s }" % ", ".join("0x%04x" % t for t in d.vlans)
         if d.vlans else 0),
        ("flags", c_flags("MCNIC_LF_", d.flags)), ("n_vlan", len(d.vlans)),
        ("l3", l3 if d.l3 else 0), ("proto", d.proto),
        ("tos", "0x%02x" % d.tos if d.tos else 0), ("ttl", d.ttl),
        ("tcp_flags", "0x%02x" % d.tcp_flags if d.tcp_flags else 0),
        ("sport", d.sport), ("dport", d.dport),
        ("saddr", c_arr(d.saddr) if any(d.saddr) else 0),
        ("daddr", c_arr(d.daddr) if any(d.daddr) else 0)])


def c_meta(m, check=("OUTER", "INNER")):
    none = Layer()
    return c_fields([
        ("outer", c_layer(m.outer if "OUTER" in check else none)),
        ("inner", c_layer(m.inner if "INNER" in check else none)),
        ("len", m.len), ("tun_off", m.tun_off),
        ("inner_off", c_off(m.inner_off)),
        ("tflags", c_flags("MCNIC_TF_", m.tflags)),
        ("gnv_opt_off", m.gnv_opt_off), ("gnv_opt_len", m.gnv_opt_len),
        ("ident", "0x%04x" % m.ident if m.ident else 0),
        ("tun_proto", "0x%04x" % m.tun_proto if m.tun_proto else 0),
        ("tun", "MCNIC_TUN_" + m.tun), ("vni", "0x%x" % m.vni if m.vni else 0),
        ("seq", "0x%x" % m.seq if m.seq else 0),
        ("spi", "0x%x" % m.spi if m.spi else 0)])


def c_pcfg(p):
    ports = (list(p.vxlan) + [0] * 4)[:4]
    return ("{ .vxlan_port = { %d, %d, %d, %d }, .geneve_port = %d, "
            ".espinudp_port = %d, .vxlan_gbp = %d }" %
            (*ports, p.geneve, p.esp, p.gbp))


def c_tcfg(c):
    return ("{ .type = MCNIC_TUN_%s, .ttl = %d, .dscp = %d, "
            ".gnv_opt_len = %d, .flags = %s, .vlan_tci = 0x%04x, "
            ".smac = %s, .dmac = %s, .saddr = %s, .daddr = %s, .vni = 0x%x, "
            ".dport = %d, .sport_min = %d, .sport_max = %d, .mtu = %d, "
            ".ident = 0x%04x, .gnv_opt = %s }" %
            (c.type, c.ttl, c.dscp, len(c.gnv_opt),
             c_flags("MCNIC_TUNF_", c.flags), c.vlan_tci, c_arr(mac(NH_SMAC)),
             c_arr(mac(NH_DMAC)), c_arr(addr16(c.saddr)),
             c_arr(addr16(c.daddr)), c.vni, c.dport, c.sport_min,
             c.sport_max, c.mtu, c.ident, c_arr(c.gnv_opt) if c.gnv_opt
             else "{ 0 }"))


class Vectors:
    def __init__(self):
        self.pool = Pool()
        self.encap, self.parse, self.decap = [], [], []
        self.names = set()

    def name(self, n):
        assert n not in self.names, "duplicate vector name " + n
        self.names.add(n)
        return n

    def add_encap(self, name, cfg, inner, ip_id=0):
        r = encap_expect(cfg, inner, ip_id)
        self.encap.append(
            "{ .name = \"%s\", .in = %s, .in_len = %d, .out = %s, "
            ".out_len = %d, .cfg = %s, .hash = 0x%08x, .ip_id = 0x%04x, "
            ".result = %s, .check_mtu = %d, .inner_mtu = %d }" %
            (self.name(name), self.pool.ref(inner), len(inner),
             self.pool.ref(r.out), len(r.out), c_tcfg(cfg), r.hash, ip_id,
             c_drop(r.result), r.check_mtu, r.inner_mtu))
        return r

    def add_parse(self, name, pkt, result="NONE", pcfg=PCFG, err_inner=0,
                  check=None, meta=None):
        if result == "NONE" and meta is None:
            meta = meta_expect(pkt, pcfg)
        if meta is None:
            meta, check = Meta(len(pkt)), set()
        elif check is None:
            check = chk_for(meta)
        self.parse.append(
            "{ .name = \"%s\", .pkt = %s, .len = %d, .pcfg = %s, "
            ".result = %s, .check = %s, .err_inner = %d, .meta = %s }" %
            (self.name(name), self.pool.ref(pkt), len(pkt), c_pcfg(pcfg),
             c_drop(result), c_chk(check), err_inner, c_meta(meta, check)))

    def add_decap(self, name, pkt, result="NONE", out=None, pcfg=PCFG,
                  udp6_zero_ok=0, check=None):
        """out None: the expected inner frame per the RFC rules below."""
        # check == set(): the parser itself drops the packet with result.
        meta = Meta(len(pkt)) if check == set() else meta_expect(pkt, pcfg)
        if result == "NONE" and out is None:
            out, result = decap_expect(pkt, meta)
        if check is None:
            check = chk_for(meta)
        out = out or b""
        self.decap.append(
            "{ .name = \"%s\", .pkt = %s, .len = %d, .out = %s, "
            ".out_len = %d, .pcfg = %s, .dcfg = { .l3_dmac = %s, "
            ".l3_smac = %s, .udp6_zero_ok = %d }, .result = %s, "
            ".check = %s, .meta = %s }" %
            (self.name(name), self.pool.ref(pkt), len(pkt),
             self.pool.ref(out), len(out), c_pcfg(pcfg),
             c_arr(mac(L3_DMAC)), c_arr(mac(L3_SMAC)), udp6_zero_ok,
             c_drop(result), c_chk(check), c_meta(meta, check)))

    def write(self, path):
        with open(path, "w") as fh:
            w = fh.write
            w("// SPDX-License-Identifier: (GPL-2.0 OR MIT)\n")
            w("/* Generated by tests/oracle/gen_vectors.py: do not edit. */\n")
            w('#include "vectors.h"\n\n')
            self.pool.emit(w)
            for kind, rows in (("encap", self.encap), ("parse", self.parse),
                               ("decap", self.decap)):
                w("\nconst struct oracle_%s_vec oracle_%s_vecs[] = {\n" %
                  (kind, kind))
                for r in rows:
                    w("\t%s,\n" % r)
                w("};\n\nconst unsigned int oracle_%s_count = %d;\n" %
                  (kind, len(rows)))


def chk_for(m):
    c = {"OUTER", "TUN"}
    if m.tun in ("VXLAN", "GENEVE", "GRE") and (
            m.inner.l2_off != NONE or m.inner.l3_off != NONE):
        c.add("INNER")
    if m.tun in ("GENEVE", "GRE"):
        c.add("TUN_PROTO")
    return c


def c_chk(c):
    return c_flags("ORACLE_CHK_", c)


# ----------------------------------------------------------------------------
# Decap: RFC 6040 §4.2 and the stripping rules.
NOT_ECT, ECT1, ECT0, CE = 0, 1, 2, 3
# RFC 6040 §4.2, Figure 4: [arriving inner][arriving outer] -> departing
# inner ECN; None means drop.
ECN_DECAP = {
    NOT_ECT: {NOT_ECT: NOT_ECT, ECT0: NOT_ECT, ECT1: NOT_ECT, CE: None},
    ECT0: {NOT_ECT: ECT0, ECT0: ECT0, ECT1: ECT1, CE: CE},
    ECT1: {NOT_ECT: ECT1, ECT0: ECT1, ECT1: ECT1, CE: CE},
    CE: {NOT_ECT: CE, ECT0: CE, ECT1: CE, CE: CE},
}


def set_ecn(frame, l3_off, l3, ecn):
    b = bytearray(frame)
    if l3 == 6:
        v = be32(b, l3_off)
        struct.pack_into("!I", b, l3_off, (v & ~(3 << 20)) | ecn << 20)
        return bytes(b)
    ihl = (b[l3_off] & 15) * 4
    b[l3_off + 1] = (b[l3_off + 1] & 0xfc) | ecn
    struct.pack_into("!H", b, l3_off + 10, 0)
    struct.pack_into("!H", b, l3_off + 10,
                     checksum(bytes(b[l3_off:l3_off + ihl])))
    return bytes(b)


def decap_expect(pkt, m):
    """(inner frame, "NONE") or (None, drop reason) for a good packet."""
    i = m.inner
    if m.inner_off == NONE:
        raise ValueError("not a tunnel")
    if "INNER_L2" in m.tflags:
        # The inner Ethernet frame, as carried: up to the end of the UDP
        # datagram or of the outer IP datagram (outer padding is not
        # part of it), its own padding included.
        frame = pkt[m.inner_off:m.frame_end]
        l3_off = i.l3_off - m.inner_off if i.l3 else None
    else:
        # An IP payload gets the receiving vport's Ethernet header.
        frame = (mac(L3_DMAC) + mac(L3_SMAC) +
                 struct.pack("!H", ETH_IPV4 if i.l3 == 4 else ETH_IPV6) +
                 i.ip_datagram(pkt))
        l3_off = 14
    if i.l3 and m.outer.l3:
        o_ecn, i_ecn = m.outer.tos & 3, i.tos & 3
        new = ECN_DECAP[i_ecn][o_ecn]
        if new is None:
            return None, "ECN_CE_NOT_ECT"
        if new != i_ecn:
            frame = set_ecn(frame, l3_off, i.l3, new)
    return frame, "NONE"


# ----------------------------------------------------------------------------
# Encap vectors.
GNV_OPTS = [GeneveOptions(classid=0x0102, type=0x05, length=2,
                          data=bytes(range(1, 9))),
            GeneveOptions(classid=0x0000, type=0x10, length=0)]
GNV_CRIT = [GeneveOptions(classid=0x0103, type=0xa2, length=1,
                          data=b"\xde\xad\xbe\xef"),
            GeneveOptions(classid=0x0104, type=0x07, length=3,
                          data=bytes(12))]

TUN_KINDS = {
    "vxlan": ("VXLAN", (), {}),
    "vxlan-gbp": ("VXLAN", ("GBP",), {"ident": 0xa5c3}),
    "geneve": ("GENEVE", (), {}),
    "geneve-opt": ("GENEVE", (), {"opts": GNV_OPTS}),
    "geneve-crit": ("GENEVE", (), {"opts": GNV_CRIT}),
    "geneve-ident": ("GENEVE", ("IDENT_OPT",), {"ident": 0x0102}),
    "geneve-opt-ident": ("GENEVE", ("IDENT_OPT",),
                         {"opts": GNV_OPTS, "ident": 0xfffe}),
    "gre": ("GRE", (), {}),
    "gre-key": ("GRE", ("GRE_KEY",), {}),
    "gre-l3": ("GRE", ("GRE_L3",), {}),
    "gre-l3-key": ("GRE", ("GRE_L3", "GRE_KEY"), {}),
}

# Entropy port ranges.  The random mix keeps source ports above every
# tunnel port, so tshark (which tries the lower port first) sees the tunnel;
# gen_encap_sport() covers the rest.
SPORT_RANGES = [(49152, 65535), (32768, 61000), (60000, 60001), (50000, 50000)]
SPORT_EDGES = [(1, 65535), (4789, 4789), (1024, 2047), (65535, 65535), (1, 1),
               (2, 3)]


def mk_cfg(kind, v6, rng, inner_len, tags):
    typ, flags, kw = TUN_KINDS[kind]
    flags, kw = set(flags), dict(kw)
    if v6:
        flags.add("OUTER_V6")
    if rng.random() < 0.4:
        flags.add("VLAN")
        kw["vlan_tci"] = rng.choice([0x0064, 0xe3e8, 0x1001, 0x5ffe])
        tags.append("vlan%04x" % kw["vlan_tci"])
    if rng.random() < 0.5:
        flags.add("TTL_INHERIT")
        tags.append("ttlinh")
    else:
        kw["ttl"] = rng.choice([1, 64, 128, 255])
        tags.append("ttl%d" % kw["ttl"])
    if rng.random() < 0.5:
        flags.add("DSCP_INHERIT")
        tags.append("dscpinh")
    else:
        kw["dscp"] = rng.choice([0, 10, 46, 63])
        tags.append("dscp%d" % kw["dscp"])
    if rng.random() < 0.3:
        flags.add("ECN_COMPAT")
        tags.append("ecncompat")
    if typ != "GRE":
        if v6 and rng.random() < 0.4:
            flags.add("UDP6_ZERO")
            tags.append("csum0")
        elif not v6 and rng.random() < 0.5:
            flags.add("UDP_CSUM")
            tags.append("csum")
        kw["sport_min"], kw["sport_max"] = rng.choice(SPORT_RANGES)
        if rng.random() < 0.2:
            # Ports tests/oracle/tshark.sh decodes as this tunnel.
            alt = [8472, 4790] if typ == "VXLAN" else [6082]
            kw["dport"] = rng.choice(alt)
            tags.append("dport%d" % kw["dport"])
    if not v6:
        df = rng.choice(["", "DF_SET", "DF_INHERIT"])
        if df:
            flags.add(df)
            tags.append(df.lower())
    kw["vni"] = rng.getrandbits(32 if typ == "GRE" else 24)
    # An MTU the frame fits in; the MTU vectors test the limit itself.
    kw["mtu"] = 9216 if inner_len > 1400 else rng.choice([1280, 1500, 9000])
    if v6:
        kw["mtu"] = max(kw["mtu"], 1280)
    return TunCfg(typ, flags, **kw)


def gen_encap(V, frames):
    # Every tunnel kind over both underlays with every inner frame; the
    # other options vary pseudo-randomly (fixed seed per vector name).
    for kind in TUN_KINDS:
        for v6 in (False, True):
            for iname, inner in frames.items():
                base = "encap/%s-%s/%s" % (kind, "v6" if v6 else "v4", iname)
                rng = random.Random(base)
                tags = []
                cfg = mk_cfg(kind, v6, rng, len(inner), tags)
                V.add_encap(base + "+" + "+".join(tags), cfg, inner,
                            rng.getrandbits(16))
    gen_encap_ecn(V, frames)
    gen_encap_df(V, frames)
    gen_encap_ttl_dscp(V, frames)
    gen_encap_sport(V, frames)
    gen_encap_csum0(V)
    gen_encap_extra(V)


def gen_encap_ecn(V, frames):
    # RFC 6040 §4.1: each ECN codepoint, normal and compatibility mode.
    for v6 in (False, True):
        for fam, fn in (("i4", "i4udp64"), ("i6", "i6udp64")):
            for ecn in range(4):
                base = frames[fn]
                d = read_stack(base, 0)
                inner = set_ecn(base, d.l3_off, d.l3, ecn)
                for mode in ("normal", "compat"):
                    fl = {"OUTER_V6"} if v6 else set()
                    if mode == "compat":
                        fl.add("ECN_COMPAT")
                    cfg = TunCfg("VXLAN", fl, dscp=12)
                    V.add_encap("encap/ecn-%s/%s-ecn%d-%s" %
                                ("v6" if v6 else "v4", fam, ecn, mode),
                                cfg, inner)
                    cfg = TunCfg("GRE", fl | {"GRE_L3"}, dscp=40)
                    V.add_encap("encap/ecn-%s/gre-l3-%s-ecn%d-%s" %
                                ("v6" if v6 else "v4", fam, ecn, mode),
                                cfg, inner)


def gen_encap_df(V, frames):
    i4nodf = fill(eth() / ip4(df=False) / UDP(sport=7, dport=9), 80, 30)
    inners = {"i4df": frames["i4udp64"], "i4nodf": i4nodf,
              "i6": frames["i6udp64"], "arp": frames["arp60"],
              "vlan-i4df": frames["vlan-i4udp64"]}
    for typ in ("VXLAN", "GRE"):
        for df in ("none", "DF_SET", "DF_INHERIT"):
            for iname, inner in inners.items():
                fl = set() if df == "none" else {df}
                cfg = TunCfg(typ, fl)
                V.add_encap("encap/df-%s/%s-%s" % (typ.lower(), df.lower(),
                                                   iname),
                            cfg, inner, ip_id=0xa55a)


def gen_encap_ttl_dscp(V, frames):
    inners = {"i4": frames["i4udp512"], "i6": frames["i6udp512"],
              "arp": frames["arp60"], "i4tcp": frames["i4tcp64"]}
    for v6 in (False, True):
        for ttl in ("set", "inherit"):
            for dscp in ("set", "inherit"):
                for iname, inner in inners.items():
                    fl = {"OUTER_V6"} if v6 else set()
                    if ttl == "inherit":
                        fl.add("TTL_INHERIT")
                    if dscp == "inherit":
                        fl.add("DSCP_INHERIT")
                    cfg = TunCfg("GENEVE", fl, ttl=99, dscp=26)
                    V.add_encap("encap/ttl-dscp-%s/ttl-%s-dscp-%s-%s" %
                                ("v6" if v6 else "v4", ttl, dscp, iname),
                                cfg, inner, ip_id=0x0101)


def gen_encap_sport(V, frames):
    for lo, hi in SPORT_RANGES + SPORT_EDGES:
        for iname in ("i4tcp64", "i6udp64", "arp60", "i4frag-later200"):
            cfg = TunCfg("VXLAN", (), sport_min=lo, sport_max=hi)
            V.add_encap("encap/sport-%d-%d/%s" % (lo, hi, iname), cfg,
                        frames[iname])


def csum_zero_frame(cfg, seed):
    """A non-IP inner frame whose outer UDP checksum computes to zero."""
    inner = fill(Ether(src=IN_SMAC, dst=IN_DMAC, type=ETH_LOCAL), 100, seed)
    out = encap_expect(cfg, inner, 0).out
    l4 = 14 + (40 if "OUTER_V6" in cfg.flags else 20)
    c = be16(out, l4 + 6)
    # The one's complement sum S of the datagram is ~c; moving the last
    # (even-aligned) word of the inner frame by 0xffff - S makes S 0xffff,
    # so the computed checksum is 0 (RFC 768: sent as 0xffff).
    s = ~c & 0xffff
    w = be16(inner, len(inner) - 2)
    w = ones_add(w, ~s & 0xffff)
    inner = inner[:-2] + struct.pack("!H", w & 0xffff)
    out = encap_expect(cfg, inner, 0).out
    assert be16(out, l4 + 6) == 0xffff
    return inner


def gen_encap_csum0(V):
    for v6 in (False, True):
        fl = {"OUTER_V6"} if v6 else {"UDP_CSUM"}
        for typ in ("VXLAN", "GENEVE"):
            cfg = TunCfg(typ, fl)
            V.add_encap("encap/csum-computes-zero-%s/%s" %
                        ("v6" if v6 else "v4", typ.lower()),
                        cfg, csum_zero_frame(cfg, 40 + v6))


def gen_encap_extra(V):
    """Inner frames whose hash tuple needs care, over a few tunnels."""
    extra = {
        "i4opts": fill(eth() / ip4(tos=0x11, options=b"\x94\x04\x00\x00") /
                       UDP(sport=41111, dport=42222), 90, 90),
        # RFC 8200 §4.5: the first fragment has the ports, later ones not.
        "i6frag-first": v6_chain([IPv6ExtHdrHopByHop, ("frag", 0, 1)],
                                 "udp"),
        "i6frag-later": v6_chain([("frag", 64, 1)], "udp"),
        "i6atomic-frag": v6_chain([("frag", 0, 0)], "tcp"),
        "i4frag-first": fill(eth() / ip4(df=False, flags="MF") /
                             TCP(sport=40443, dport=40444), 300, 91),
    }
    for kind in ("vxlan", "geneve-ident", "gre-l3-key"):
        typ, fl, kw = TUN_KINDS[kind]
        for v6 in (False, True):
            f = set(fl) | ({"OUTER_V6"} if v6 else set())
            for iname, inner in extra.items():
                cfg = TunCfg(typ, f | {"TTL_INHERIT", "DSCP_INHERIT"}, **kw)
                V.add_encap("encap/extra-%s-%s/%s" %
                            (kind, "v6" if v6 else "v4", iname), cfg, inner,
                            0x7777)


def gen_mtu(V, frames):
    """Frames at the path MTU fit; one byte more is TOO_BIG."""
    for kind in TUN_KINDS:
        for v6 in (False, True):
            fl = {"OUTER_V6"} if v6 else set()
            typ, kfl, kw = TUN_KINDS[kind]
            cfg = TunCfg(typ, fl | set(kfl), mtu=1500, **kw)
            probe = frames["i4udp64"]		# no Ethernet padding
            body = probe[14:] if "GRE_L3" in kfl else probe
            # What the tunnel adds from the outer IP header on, and the
            # inner frame that makes the outer datagram exactly 1500.
            over = len(encap_expect(cfg, probe, 0).out) - 14 - len(body)
            fit = 1500 - over + (14 if "GRE_L3" in kfl else 0)
            name = "mtu/%s-%s" % (kind, "v6" if v6 else "v4")
            for size, what in ((fit, "fit"), (fit + 1, "over1")):
                inner = fill(eth() / ip4() / UDP(sport=5, dport=6), size, 50)
                r = V.add_encap("%s/i4-%s" % (name, what), cfg, inner)
                assert (r.result == "NONE") == (what == "fit"), name
            for iname in ("i4udp1500", "i6udp1500", "i4tcp1500"):
                V.add_encap("%s/%s" % (name, iname), cfg, frames[iname])
            big = fill(eth([0x0123]) / ip6() / UDP(sport=5, dport=6), 1500,
                       51)
            V.add_encap("%s/vlan-i6-1500" % name, cfg, big)
            raw = fill(Ether(src=IN_SMAC, dst=IN_DMAC, type=ETH_LOCAL),
                       1500, 52)
            V.add_encap("%s/raw-1500" % name, cfg, raw)
    # IPv6 underlay at its minimum MTU (RFC 8200 §5).
    cfg = TunCfg("VXLAN", {"OUTER_V6"}, mtu=1280)
    for size in (1280 - 40 - 16, 1280 - 40 - 16 + 1, 1400):
        inner = fill(eth() / ip6() / UDP(sport=5, dport=6), size, 53)
        V.add_encap("mtu/vxlan-v6-1280/i6-%d" % size, cfg, inner)
    # GRE-IP at the IPv4 minimum MTU (RFC 791): a 552-byte inner datagram
    # fits behind 24 bytes of IPv4 + GRE, whatever inner L2 it came with.
    cfg = TunCfg("GRE", {"GRE_L3"}, mtu=576)
    for dlen in (576 - 24, 576 - 24 + 1):
        inner = fill(eth([0x0007]) / ip4() / UDP(sport=5, dport=6),
                     18 + dlen, 54)
        V.add_encap("mtu/gre-l3-v4-576/vlan-i4-ip%d" % dlen, cfg, inner)


# ----------------------------------------------------------------------------
# Decap vectors.
def outer(v6=False, vlans=(), tos=0, **kw):
    """Underlay Ethernet + IP from the remote VTEP to us."""
    p = eth(vlans, src=NH_DMAC, dst=NH_SMAC)
    if v6:
        f = dict(src=VTEP6_R, dst=VTEP6_L, tc=tos, hlim=61)
        f.update(kw)
        return p / IPv6(**f)
    f = dict(src=VTEP4_R, dst=VTEP4_L, tos=tos, ttl=61, flags="DF", id=0)
    f.update(kw)
    return p / IP(**f)


def vx(vni=0x1234, flags=0x08, gpflags=0, gpid=0):
    if flags & 0x80:
        return VXLAN(flags=flags, gpflags=gpflags, gpid=gpid, vni=vni,
                     reserved2=0)
    return VXLAN(flags=flags, reserved1=0, vni=vni, reserved2=0)


def udp(dport=4789, csum=True, sport=50000):
    u = UDP(sport=sport, dport=dport)
    if not csum:
        u.chksum = 0
    return u


def gnv(vni=0x4242, opts=(), proto=ETH_TEB, oam=0, crit=None):
    opts = list(opts)
    olen = sum(len(bytes(o)) for o in opts)
    if crit is None:
        crit = int(any(o.type & 0x80 for o in opts))
    # optionlen set explicitly: scapy 2.5 masks the computed one with 0x2f.
    return GENEVE(version=0, optionlen=olen // 4, oam=oam, critical=crit,
                  proto=proto, vni=vni, options=opts)


def ident_opt(ident, typ=IDENT_TYPE):
    return GeneveOptions(classid=IDENT_CLASS, type=typ, length=1,
                         data=struct.pack("!HH", ident, 0))


def patch(raw, off, data):
    return raw[:off] + data + raw[off + len(data):]


def gen_decap(V, frames):
    ip_inners = {k: frames[k] for k in ("i4udp64", "i4tcp512", "i6udp512",
                                        "i6icmp64", "vlan-i4udp64",
                                        "qinq-i6tcp512", "i4pad60",
                                        "i4frag-later200")}
    l2_inners = dict(ip_inners, arp60=frames["arp60"],
                     raw=frames["raw88b5-64"])
    # VXLAN and GENEVE over both underlays, with and without checksums
    # and outer VLAN tags.
    for v6 in (False, True):
        fam = "v6" if v6 else "v4"
        for iname, inner in l2_inners.items():
            variants = [((), True), ((0x0010,), False)]
            if iname in ("i4udp64", "arp60", "qinq-i6tcp512"):
                variants.append(((0x0010, 0x0020), True))
            for vl, csum in variants:
                tag = "%s%s" % ("-vlan%d" % len(vl) if vl else "",
                                "" if csum else "-csum0")
                ok6 = 1 if (v6 and not csum) else 0
                p = outer(v6, vl) / udp(csum=csum) / vx() / Raw(inner)
                V.add_decap("decap/vxlan-%s%s/%s" % (fam, tag, iname),
                            bytes(p), udp6_zero_ok=ok6)
                p = outer(v6, vl) / udp(6081, csum) / gnv() / Raw(inner)
                V.add_decap("decap/geneve-%s%s/%s" % (fam, tag, iname),
                            bytes(p), udp6_zero_ok=ok6)
            for k in ("", "-key", "-csum", "-csum-key-seq", "-seq"):
                g = GRE(proto=ETH_TEB)
                if "key" in k:
                    g.key_present, g.key = 1, 0xfedcba98
                if "seq" in k:
                    g.seqnum_present, g.sequence_number = 1, 0x01020304
                if "csum" in k:
                    g.chksum_present, g.offset = 1, 0
                p = outer(v6) / g / Raw(inner)
                V.add_decap("decap/gre%s-%s/%s" % (k, fam, iname), bytes(p))
        # GRE and GENEVE carrying IP: the receiver supplies Ethernet.
        for iname, inner in ip_inners.items():
            d = read_stack(inner, 0)
            dg = d.ip_datagram(inner)
            et = ETH_IPV4 if d.l3 == 4 else ETH_IPV6
            p = outer(v6) / GRE(proto=et) / Raw(dg)
            V.add_decap("decap/gre-ip-%s/%s" % (fam, iname), bytes(p))
            p = outer(v6) / GRE(proto=et, key_present=1, key=7,
                                chksum_present=1, offset=0) / Raw(dg)
            V.add_decap("decap/gre-ip-csum-key-%s/%s" % (fam, iname),
                        bytes(p))
            p = outer(v6) / udp(6081) / gnv(proto=et) / Raw(dg)
            V.add_decap("decap/geneve-ip-%s/%s" % (fam, iname), bytes(p))
    gen_decap_gbp(V, frames)
    gen_decap_geneve(V, frames)
    gen_decap_gre(V, frames)
    gen_decap_padding(V, frames)
    gen_decap_ecn(V, frames)
    gen_decap_drops(V, frames)


def gen_decap_gbp(V, frames):
    inner = frames["i4udp64"]
    # draft-smith-vxlan-group-policy §2.1: G (0x80 of byte 0) says the
    # group is valid; D (0x40) and A (0x08) of byte 1.
    for gbp in (1, 0):
        pcfg = PCfg(gbp=gbp)
        for gpf, gtag in ((0, ""), (0x40, "-d"), (0x08, "-a"), (0x48, "-da")):
            for gid in (0x0001, 0xabcd):
                p = outer() / udp() / vx(0x777, 0x88, gpf, gid) / Raw(inner)
                V.add_decap("decap/vxlan-gbp%s-%04x-cfg%d" % (gtag, gid, gbp),
                            bytes(p), pcfg=pcfg)
        # Without G the group bits are reserved and carry nothing.
        p = outer() / udp() / vx(0x777, 0x08) / Raw(inner)
        p = patch(bytes(p), 14 + 20 + 8 + 1, b"\x48\x12\x34")
        V.add_decap("decap/vxlan-nog-reserved-cfg%d" % gbp,
                    fix_udp_csum(p, 34), pcfg=pcfg)
    # RFC 7348 §5: reserved flag bits are ignored on receipt.
    for fl in (0x0c, 0x09, 0x7f):
        p = outer() / udp() / vx(5, 0x08) / Raw(inner)
        p = patch(bytes(p), 14 + 20 + 8, bytes([fl]))
        V.add_decap("decap/vxlan-flags%02x" % fl, fix_udp_csum(p, 34),
                    pcfg=PCfg(gbp=0))
    p = outer() / udp() / vx(0xffffff) / Raw(inner)
    p = patch(patch(bytes(p), 43, b"\xff\xff\xff"), 49, b"\xff")
    V.add_decap("decap/vxlan-reserved-bytes", fix_udp_csum(p, 34))
    # A port the host configured as an extra VXLAN port (Linux's 8472).
    pcfg = PCfg(vxlan=(4789, 8472, 0, 4790))
    for port in (8472, 4790):
        p = outer() / udp(port) / vx(0x10) / Raw(inner)
        V.add_decap("decap/vxlan-port%d" % port, bytes(p), pcfg=pcfg)


def gen_decap_geneve(V, frames):
    inner = frames["i6udp512"]
    nc = GeneveOptions(classid=0x0102, type=0x33, length=4, data=bytes(16))
    cases = {
        "noopt": [],
        "opt-noncrit": [nc],
        "opt-ident": [ident_opt(0x0bad)],
        "opt-noncrit-ident": [nc, ident_opt(0xface)],
        "opt-ident-noncrit": [ident_opt(0x1), nc],
        # A long list: 31 words of option data, 124 bytes + 4 header.
        "opt-long": [GeneveOptions(classid=0x0105, type=0x01, length=31,
                                   data=bytes(124)), ident_opt(0x55)],
        # Class 0xfff0 but the wrong length: not mcnic's ident.
        "opt-ident-len2": [GeneveOptions(classid=IDENT_CLASS, type=1,
                                         length=2, data=bytes(8))],
        # The most a GENEVE header can hold: 63 words (RFC 8926 §3.4).
        "opt-max": [GeneveOptions(classid=0x0107, type=2, length=31,
                                  data=bytes(124)),
                    GeneveOptions(classid=0x0108, type=3, length=30,
                                  data=bytes(120))],
    }
    for name, opts in cases.items():
        for v6 in (False, True):
            p = outer(v6) / udp(6081) / gnv(opts=opts) / Raw(inner)
            V.add_decap("decap/geneve-%s-%s" % (name, "v6" if v6 else "v4"),
                        bytes(p))
    # RFC 8926 §3.5: an unrecognised critical option means drop.
    crit = GeneveOptions(classid=0x0106, type=0x81, length=1, data=bytes(4))
    for tag, opts in (("crit", [crit]), ("ident-crit", [ident_opt(3), crit]),
                      ("nc-crit", [nc, crit])):
        for v6 in (False, True):
            p = outer(v6) / udp(6081) / gnv(opts=opts) / Raw(inner)
            V.add_decap("decap/geneve-%s-%s" % (tag, "v6" if v6 else "v4"),
                        bytes(p), result="GENEVE_CRIT")
    # C set although no option is critical: nothing to drop for.
    p = outer() / udp(6081) / gnv(opts=[nc], crit=1) / Raw(inner)
    V.add_decap("decap/geneve-c-noncrit", bytes(p))
    # RFC 8926 §3.4: O (control packet): "Tunnel endpoints MUST NOT forward
    # the payload".  Decap delivering it would forward it.
    p = outer() / udp(6081) / gnv(oam=1) / Raw(inner)
    V.add_decap("decap/geneve-oam", bytes(p), result="GENEVE_OAM")
    # An Ethernet type we don't carry.
    p = outer() / udp(6081) / gnv(proto=ETH_LOCAL) / Raw(inner)
    V.add_decap("decap/geneve-proto-88b5", bytes(p), result="GENEVE_PROTO",
                out=b"")


def gen_decap_gre(V, frames):
    inner = frames["i4tcp512"]
    # RFC 2784 §2.3: bits 6-12 of the first word are ignored on receipt.
    for bits in (0x0040, 0x0008, 0x00f8):
        p = bytes(outer() / GRE(proto=ETH_TEB) / Raw(inner))
        V.add_decap("decap/gre-reserved-%04x" % bits,
                    patch(p, 34, struct.pack("!H", bits)))
    # "A receiver MUST discard a packet where any of bits 1-5 are non-zero"
    # (RFC 2784 §2.3): bit 1 is R, bit 4 s (strict source route), bit 5 the
    # top bit of RFC 1701's recursion control.
    for bits, what in ((0x0800, "strict-route"), (0x0400, "recur4"),
                       (0x0100, "recur1-bit7")):
        p = bytes(outer() / GRE(proto=ETH_TEB) / Raw(inner))
        exp = "GRE_ROUTING" if bits & 0x0c00 else "NONE"
        V.add_decap("decap/gre-%s" % what,
                    patch(p, 34, struct.pack("!H", bits)), result=exp,
                    check=None if exp == "NONE" else set())
    p = outer() / GRE(proto=ETH_LOCAL) / Raw(inner)
    V.add_decap("decap/gre-proto-88b5", bytes(p), result="GRE_PROTO", out=b"")
    p = outer() / GRE(proto=ETH_TEB, key_present=1, key=0) / Raw(inner)
    V.add_decap("decap/gre-key0", bytes(p))


def gen_decap_padding(V, frames):
    inner = frames["i4udp64"]
    pad = b"\x00" * 6 + b"\xaa\xbb\xcc\xdd"	# padding and a stray FCS
    for v6 in (False, True):
        fam = "v6" if v6 else "v4"
        for name, p in (
                ("vxlan", outer(v6) / udp() / vx() / Raw(inner)),
                ("geneve", outer(v6) / udp(6081) / gnv() / Raw(inner)),
                ("gre", outer(v6) / GRE(proto=ETH_TEB) / Raw(inner)),
                ("gre-ip", outer(v6) / GRE(proto=ETH_IPV4) /
                 Raw(inner[14:])),
                ("gre-ip-pad60", outer(v6) / GRE(proto=ETH_IPV4) /
                 Raw(frames["i4pad60"][14:42]))):
            V.add_decap("decap/outer-padding-%s-%s" % (name, fam),
                        bytes(p) + pad)
    # The UDP datagram ends before the IP datagram: the tunnel gets only
    # the UDP datagram (RFC 768 length).
    u = UDP(sport=50000, dport=4789, len=8 + 8 + len(inner), chksum=0)
    p = outer() / u / vx() / Raw(inner + b"\x01\x02\x03\x04")
    V.add_decap("decap/vxlan-udp-shorter-than-ip", bytes(p))


def fix_udp_csum(raw, l4):
    """Recompute an IPv4 UDP checksum (RFC 768 pseudo-header)."""
    b = bytearray(raw)
    ulen = be16(b, l4 + 4)
    struct.pack_into("!H", b, l4 + 6, 0)
    ph = bytes(b[26:34]) + struct.pack("!BBH", 0, 17, ulen)
    c = checksum(ph + bytes(b[l4:l4 + ulen]))
    struct.pack_into("!H", b, l4 + 6, c if c else 0xffff)
    return bytes(b)


def gen_decap_ecn(V, frames):
    # RFC 6040 §4.2, every cell of Figure 4, both inner families, both
    # underlays; GRE-IP and an inner VLAN tag and IPv4 options on the side.
    i4opt = fill(eth() / IP(src="10.1.0.1", dst="10.1.0.2", ttl=64,
                            options=b"\x01\x01\x01\x00") /
                 UDP(sport=1, dport=2), 80, 60)
    bases = {"i4": frames["i4udp64"], "i6": frames["i6udp64"],
             "vlan-i4": frames["vlan-i4udp64"], "i4opts": i4opt}
    # Inner IPv4 header checksum 0x0000 before the CE rewrite, or after it:
    # where an incremental update can go wrong (RFC 1624 §3, -0 and +0).
    bases["i4csum0-before"] = csum_edge_inner(0x0000, ECT0)
    bases["i4csum0-after"] = csum_edge_inner(0x0000, CE)
    names = {NOT_ECT: "notect", ECT0: "ect0", ECT1: "ect1", CE: "ce"}
    for v6 in (False, True):
        for bname, base in bases.items():
            d = read_stack(base, 0)
            for ie in range(4):
                inner = set_ecn(base, d.l3_off, d.l3, ie)
                for oe in range(4):
                    tag = "%s-%s/in-%s-out-%s" % ("v6" if v6 else "v4", bname,
                                                  names[ie], names[oe])
                    p = outer(v6, tos=oe) / udp() / vx() / Raw(inner)
                    V.add_decap("decap/ecn-vxlan-" + tag, bytes(p))
                    if bname in ("i4", "i6"):
                        et = ETH_IPV4 if d.l3 == 4 else ETH_IPV6
                        p = (outer(v6, tos=oe | 0x28) / GRE(proto=et) /
                             Raw(inner[d.l3_off:d.end]))
                        V.add_decap("decap/ecn-gre-ip-" + tag, bytes(p))


def csum_edge_inner(want, tos):
    """An inner IPv4 frame (ECT(0)) whose header checksum is want once its
    TOS is tos, found by trying IP IDs (the UDP checksum does not cover
    the ID)."""
    p = fill(eth() / ip4(tos=tos) / UDP(sport=40100, dport=40200), 64, 92)
    for ident in range(65536):
        h = bytearray(p[14:34])
        struct.pack_into("!HH", h, 4, ident, be16(h, 6))
        struct.pack_into("!H", h, 10, 0)
        c = checksum(bytes(h))
        if c == want:
            struct.pack_into("!H", h, 10, c)
            p = p[:14] + bytes(h) + p[34:]
            return set_ecn(p, 14, 4, ECT0) if tos != ECT0 else p
    raise AssertionError("no IP ID gives checksum %04x" % want)


def gen_decap_drops(V, frames):
    inner = frames["i4udp64"]
    # Outer IPv4 header checksum (RFC 791).
    for name, p in (("vxlan", outer() / udp() / vx() / Raw(inner)),
                    ("gre", outer() / GRE(proto=ETH_TEB) / Raw(inner)),
                    ("geneve", outer() / udp(6081) / gnv() / Raw(inner))):
        raw = bytes(p)
        bad = patch(raw, 24, struct.pack("!H", be16(raw, 24) ^ 0x0100))
        V.add_decap("decap/bad-ipv4-csum-%s" % name, bad,
                    result="OUTER_IPV4_CSUM")
    i4opt = bytes(outer(options=b"\x01\x01\x01\x00") / udp() / vx() /
                  Raw(inner))
    V.add_decap("decap/outer-ipv4-options-vxlan", i4opt)
    V.add_decap("decap/bad-ipv4-csum-options", patch(i4opt, 14 + 21, b"\x02"),
                result="OUTER_IPV4_CSUM")
    # UDP checksums (RFC 768; RFC 8200 §8.1 for IPv6).
    for v6 in (False, True):
        fam = "v6" if v6 else "v4"
        l4 = 14 + (40 if v6 else 20)
        for name, p in (("vxlan", outer(v6) / udp() / vx() / Raw(inner)),
                        ("geneve", outer(v6) / udp(6081) / gnv() /
                         Raw(inner))):
            raw = bytes(p)
            bad = patch(raw, l4 + 6, struct.pack("!H", be16(raw, l4 + 6) ^ 1))
            V.add_decap("decap/bad-udp-csum-%s-%s" % (name, fam), bad,
                        result="OUTER_UDP_CSUM")
            # A payload bit flipped, the checksum left as it was.
            bad = patch(raw, len(raw) - 1, bytes([raw[-1] ^ 0x10]))
            V.add_decap("decap/bad-udp-payload-%s-%s" % (name, fam), bad,
                        result="OUTER_UDP_CSUM")
    # RFC 8200 §8.1: a zero UDP checksum over IPv6 is discarded, unless
    # the tunnel allows it (RFC 6935, RFC 6936).
    for name, p in (("vxlan", outer(True) / udp(csum=False) / vx() /
                     Raw(inner)),
                    ("geneve", outer(True) / udp(6081, False) / gnv() /
                     Raw(inner))):
        V.add_decap("decap/udp6-zero-%s-refused" % name, bytes(p),
                    result="OUTER_UDP6_ZERO")
        V.add_decap("decap/udp6-zero-%s-allowed" % name, bytes(p),
                    udp6_zero_ok=1)
    # IPv4 zero checksum: no checksum (RFC 768), accepted.
    V.add_decap("decap/udp4-zero-csum-accepted",
                bytes(outer() / udp(csum=False) / vx() / Raw(inner)))
    # A checksum that computes to zero travels as 0xffff (RFC 768).
    for v6 in (False, True):
        raw = csum_ffff_packet(v6)
        V.add_decap("decap/udp-csum-ffff-%s" % ("v6" if v6 else "v4"), raw)
    # GRE checksum (RFC 2784 §2.5).
    for v6 in (False, True):
        raw = bytes(outer(v6) / GRE(proto=ETH_TEB, chksum_present=1,
                                    offset=0) / Raw(inner))
        g = 14 + (40 if v6 else 20)
        bad = patch(raw, g + 4, struct.pack("!H", be16(raw, g + 4) ^ 0x8000))
        V.add_decap("decap/bad-gre-csum-%s" % ("v6" if v6 else "v4"), bad,
                    result="GRE_CSUM")
        bad = patch(raw, len(raw) - 2, b"\x00\x00" if raw[-2:] != b"\0\0"
                    else b"\x00\x01")
        V.add_decap("decap/bad-gre-csum-payload-%s" % ("v6" if v6 else "v4"),
                    bad, result="GRE_CSUM")
    # CE on a Not-ECT inner (RFC 6040 §4.2) is in gen_decap_ecn.
    # ESP (RFC 4303) and ESP in UDP (RFC 3948): no decap here.
    for v6 in (False, True):
        esp = struct.pack("!II", 0x1000, 1) + payload(48, 9)
        p = outer(v6, nh=50) if v6 else outer(proto=50)
        V.add_decap("decap/esp-%s" % ("v6" if v6 else "v4"),
                    bytes(p / Raw(esp)), result="DECAP_UNSUPPORTED", out=b"")
        p = outer(v6) / udp(4500, sport=4500) / Raw(esp)
        V.add_decap("decap/esp-in-udp-%s" % ("v6" if v6 else "v4"), bytes(p),
                    result="DECAP_UNSUPPORTED", out=b"")
    # Outer fragments: only reassembly can hand decap a whole packet.
    whole = outer() / udp() / vx() / Raw(inner)
    first = bytes(whole)
    first = patch(first, 20, b"\x20\x00")	# MF, offset 0
    first = fix_ipv4_hdr_csum(first, 14)
    V.add_decap("decap/outer-ipv4-frag-first", first, result="OUTER_FRAG",
                out=b"")
    later = bytes(outer(proto=17, flags=0, frag=100) / Raw(bytes(inner)))
    V.add_decap("decap/outer-ipv4-frag-later", later, result="OUTER_FRAG",
                out=b"")
    for fo, name in ((0x0001, "first"), (0x0320, "last")):
        p = (outer(True, nh=44) / IPv6ExtHdrFragment(nh=17, offset=fo >> 3,
                                                     m=fo & 1, id=0x42) /
             udp() / vx() / Raw(inner))
        V.add_decap("decap/outer-ipv6-frag-%s" % name, bytes(p),
                    result="OUTER_FRAG", out=b"")
    # RFC 6946: an atomic fragment (offset 0, M 0) is a whole datagram and
    # "MUST" be processed in isolation: it decapsulates like any other.
    p = (outer(True, nh=44) / IPv6ExtHdrFragment(nh=17, offset=0, m=0,
                                                 id=0x43) /
         udp() / vx() / Raw(inner))
    V.add_decap("decap/outer-ipv6-atomic-fragment", bytes(p))
    # RFC 8200 §4.4: with segments left we are a waypoint, not the end:
    # the packet is not ours to decapsulate.  Segments left 0: it is.
    for left in (1, 0):
        p = (outer(True, nh=43) /
             IPv6ExtHdrRouting(nh=17, type=4, segleft=left,
                               addresses=[VTEP6_L]) /
             udp() / vx() / Raw(inner))
        V.add_decap("decap/outer-ipv6-routing-left%d" % left, bytes(p),
                    result="OUTER_ROUTING" if left else "NONE",
                    out=b"" if left else None)
    # Outer IPv6 extension headers before the tunnel.
    p = (outer(True, nh=60) / IPv6ExtHdrDestOpt(nh=17) / udp() / vx() /
         Raw(inner))
    V.add_decap("decap/outer-ipv6-dstopt-vxlan", bytes(p))
    p = (outer(True, nh=0) / IPv6ExtHdrHopByHop(nh=60) /
         IPv6ExtHdrDestOpt(nh=47) / GRE(proto=ETH_TEB) / Raw(inner))
    V.add_decap("decap/outer-ipv6-hbh-dstopt-gre", bytes(p))
    # Not tunnels at all.
    for name, p in (("udp", outer() / UDP(sport=1, dport=53) / Raw(inner)),
                    ("tcp", outer() / TCP(sport=1, dport=4789) / Raw(inner)),
                    ("ipip", outer(proto=4) / Raw(inner[14:])),
                    ("arp", Ether(src=NH_DMAC, dst=NH_SMAC) /
                     ARP(psrc=VTEP4_R, pdst=VTEP4_L)),
                    ("esp-in-udp-ike", outer() / udp(4500, sport=4500) /
                     Raw(bytes(4) + payload(40, 1)))):
        V.add_decap("decap/not-tunnel-%s" % name, bytes(p),
                    result="NOT_TUNNEL", out=b"")


def fix_ipv4_hdr_csum(raw, off):
    ihl = (raw[off] & 15) * 4
    b = bytearray(raw)
    struct.pack_into("!H", b, off + 10, 0)
    struct.pack_into("!H", b, off + 10, checksum(bytes(b[off:off + ihl])))
    return bytes(b)


def csum_ffff_packet(v6):
    """A VXLAN packet whose UDP checksum is 0xffff (computed zero)."""
    inner = fill(Ether(src=IN_SMAC, dst=IN_DMAC, type=ETH_LOCAL), 100, 70)
    l4 = 14 + (40 if v6 else 20)
    raw = bytes(outer(v6) / udp() / vx() / Raw(inner))
    s = ~be16(raw, l4 + 6) & 0xffff
    w = ones_add(be16(raw, len(raw) - 2), ~s & 0xffff)
    inner = inner[:-2] + struct.pack("!H", w)
    raw = bytes(outer(v6) / udp() / vx() / Raw(inner))
    assert be16(raw, l4 + 6) == 0xffff
    return raw


# ----------------------------------------------------------------------------
# Parse vectors.
def udp_pkt(v6=False, vl=()):
    return fill(eth(vl) / (ip6() if v6 else ip4()) /
                UDP(sport=1111, dport=2222), 80, 80)


def gen_parse(V, frames):
    gen_parse_good(V, frames)
    gen_parse_trunc(V, frames)
    gen_parse_l3_bad(V)
    gen_parse_l4_bad(V)
    gen_parse_tunnel_bad(V, frames)


def gen_parse_good(V, frames):
    for name, f in frames.items():
        V.add_parse("parse/plain/%s" % name, f)
    V.add_parse("parse/plain/vlan2-8100", udp_pkt(vl=(0x0001, 0xf002)))
    V.add_parse("parse/plain/vlan-i6", udp_pkt(True, (0x0abc,)))
    for opts in (b"\x01\x01\x01\x00", b"\x07\x07\x04" + bytes(5)):
        p = fill(eth() / IP(src="10.0.0.1", dst="10.0.0.2", options=opts) /
                 TCP(sport=5, dport=6, flags="R"), 90, 81)
        V.add_parse("parse/ipv4-options-%d" % len(opts), p)
    # RFC 791 fragments: only the first carries the UDP header; its UDP
    # length covers data in later fragments.
    u = UDP(sport=7000, dport=7001, len=1008, chksum=0x1234)
    V.add_parse("parse/ipv4-frag-first",
                fill(eth() / ip4(df=False, flags="MF", proto=17) / u, 100))
    for fl, off, nm in (("MF", 64, "middle"), (0, 128, "last")):
        V.add_parse("parse/ipv4-frag-%s" % nm,
                    fill(eth() / ip4(df=False, flags=fl, frag=off, proto=17),
                         100, 82))
    V.add_parse("parse/ipv4-frag-later-4bytes",
                bytes(eth() / ip4(df=False, frag=3, proto=6) / Raw(b"abcd")))
    # Fragments of a tunnel packet: not decapsulated before reassembly.
    p = bytes(eth() / ip4(df=False, flags="MF", proto=17) /
              UDP(sport=5, dport=4789, len=200) / vx() /
              Raw(frames["i4udp64"]))
    V.add_parse("parse/ipv4-frag-first-vxlan", p)
    # IPv6 extension headers (RFC 8200 §4).
    ext = (("hbh", [IPv6ExtHdrHopByHop]), ("dst", [IPv6ExtHdrDestOpt]),
           ("rt", [IPv6ExtHdrRouting]),
           ("hbh-dst-rt-dst", [IPv6ExtHdrHopByHop, IPv6ExtHdrDestOpt,
                               IPv6ExtHdrRouting, IPv6ExtHdrDestOpt]),
           ("hbh-rt-frag0-dst", [IPv6ExtHdrHopByHop, IPv6ExtHdrRouting,
                                 "frag-first", IPv6ExtHdrDestOpt]))
    for name, chain in ext:
        for l4 in ("udp", "tcp", "icmp6"):
            V.add_parse("parse/ipv6-ext-%s/%s" % (name, l4),
                        v6_chain(chain, l4))
    for fo, nm in (((0, 1), "first"), ((100, 1), "middle"),
                   ((200, 0), "last")):
        V.add_parse("parse/ipv6-frag-%s" % nm, v6_chain([("frag",) + fo],
                                                        "udp"))
    # RFC 6946: atomic fragment = whole datagram, not a fragment.
    V.add_parse("parse/ipv6-atomic-fragment", v6_chain([("frag", 0, 0)],
                                                       "udp"))
    V.add_parse("parse/ipv6-nonext", bytes(eth() / ip6(nh=59) /
                                           Raw(bytes(8))))
    V.add_parse("parse/ipv6-padding",
                bytes(eth() / ip6() / UDP(sport=1, dport=2)) + bytes(10))
    # UDP datagram shorter than the IP payload (Linux trims, RFC 768 fine).
    p = bytes(eth() / ip4() / UDP(sport=9, dport=10, len=8) / Raw(bytes(8)))
    V.add_parse("parse/udp-shorter-than-ip", p)
    gen_parse_tunnels(V, frames)


def v6_chain(chain, l4):
    """IPv6 with the given extension headers, then l4."""
    hdrs = []
    for h in chain:
        if h == "frag-first":
            h = ("frag", 0, 1)
        if isinstance(h, tuple):
            hdrs.append(IPv6ExtHdrFragment(offset=h[1], m=h[2], id=0x1234))
        else:
            hdrs.append(h())
    l4p = {"udp": UDP(sport=3, dport=4), "icmp6": ICMPv6EchoRequest(id=9),
           "tcp": TCP(sport=5, dport=6, flags="SEC")}[l4]
    p = eth() / ip6(tc=0x8d, hlim=33)
    for h in hdrs:
        p = p / h
    return fill(p / l4p, 200, 83)


def gen_parse_tunnels(V, frames):
    inner = frames["vlan-i4udp64"]
    V.add_parse("parse/tun/vxlan", bytes(outer() / udp() / vx(0xabcdef) /
                                         Raw(inner)))
    pc = PCfg(vxlan=(0, 8472, 0, 0))
    V.add_parse("parse/tun/vxlan-port8472", bytes(
        outer() / udp(8472) / vx(0xabcdef) / Raw(inner)), pcfg=pc)
    V.add_parse("parse/tun/vxlan-4789-not-configured", bytes(
        outer() / udp() / vx(1) / Raw(inner)), pcfg=pc)
    V.add_parse("parse/tun/vxlan-gbp", bytes(
        outer(True) / udp() / vx(9, 0x88, 0x48, 0x4321) / Raw(inner)))
    V.add_parse("parse/tun/vxlan-gbp-off", bytes(
        outer(True) / udp() / vx(9, 0x88, 0x48, 0x4321) / Raw(inner)),
        pcfg=PCfg(gbp=0))
    V.add_parse("parse/tun/vxlan-inner-later-frag", bytes(
        outer() / udp() / vx() / Raw(frames["i4frag-later200"])))
    opts = [GeneveOptions(classid=0x0102, type=0x01, length=1, data=b"abcd"),
            ident_opt(0x2468)]
    V.add_parse("parse/tun/geneve-opts", bytes(
        outer() / udp(6081) / gnv(opts=opts) / Raw(inner)))
    V.add_parse("parse/tun/geneve-oam-crit-flag", bytes(
        outer() / udp(6081) / gnv(oam=1, crit=1) / Raw(inner)))
    V.add_parse("parse/tun/geneve-ipv6", bytes(
        outer(True) / udp(6081) / gnv(proto=ETH_IPV6) /
        Raw(frames["i6tcp512"][14:])))
    V.add_parse("parse/tun/geneve-proto-unknown", bytes(
        outer() / udp(6081) / gnv(proto=ETH_LOCAL) / Raw(inner)))
    V.add_parse("parse/tun/geneve-port-off", bytes(
        outer() / udp(6081) / gnv() / Raw(inner)), pcfg=PCfg(geneve=0))
    for k in ("c", "k", "s", "cks"):
        g = GRE(proto=ETH_TEB)
        if "c" in k:
            g.chksum_present, g.offset = 1, 0
        if "k" in k:
            g.key_present, g.key = 1, 0x89abcdef
        if "s" in k:
            g.seqnum_present, g.sequence_number = 1, 0xfffffffe
        V.add_parse("parse/tun/gre-%s" % k, bytes(outer() / g / Raw(inner)))
    V.add_parse("parse/tun/gre-ipv4", bytes(
        outer(True) / GRE(proto=ETH_IPV4) / Raw(frames["i4tcp64"][14:])))
    V.add_parse("parse/tun/gre-proto-unknown", bytes(
        outer() / GRE(proto=ETH_LOCAL) / Raw(inner)))
    esp = struct.pack("!II", 0xdeadbeef, 0x01020304) + payload(40, 3)
    V.add_parse("parse/tun/esp-v4", bytes(outer(proto=50) / Raw(esp)))
    V.add_parse("parse/tun/esp-v6", bytes(outer(True, nh=50) / Raw(esp)))
    V.add_parse("parse/tun/esp-in-udp", bytes(
        outer() / udp(4500, False, 4500) / Raw(esp)))
    V.add_parse("parse/tun/esp-in-udp-off", bytes(
        outer() / udp(4500, False, 4500) / Raw(esp)), pcfg=PCfg(esp=0))
    V.add_parse("parse/tun/ike-non-esp-marker", bytes(
        outer() / udp(4500, False, 4500) / Raw(bytes(4) + esp)))
    V.add_parse("parse/tun/nat-keepalive", bytes(
        outer() / udp(4500, False, 4500) / Raw(b"\xff")))


def gen_parse_trunc(V, frames):
    base = frames["vlan-i4udp64"]
    for n in (0, 1, 13):
        V.add_parse("parse/trunc/eth-%d" % n, base[:n], "ETH_TRUNC")
    for n in (14, 16, 17):
        V.add_parse("parse/trunc/vlan-%d" % n, base[:n], "VLAN_TRUNC")
    q = udp_pkt(vl=(1, 2))
    V.add_parse("parse/trunc/vlan2-20", q[:20], "VLAN_TRUNC")
    for n in (18, 19, 37):
        V.add_parse("parse/trunc/ipv4-%d" % n, base[:n], "IPV4_TRUNC")
    p = bytes(eth() / IP(src="1.2.3.4", dst="5.6.7.8",
                         options=b"\x01" * 8))
    V.add_parse("parse/trunc/ipv4-options", p[:14 + 24], "IPV4_TRUNC")
    b6 = frames["i6udp64"]
    for n in (14, 53):
        V.add_parse("parse/trunc/ipv6-%d" % n, b6[:n], "IPV6_TRUNC")
    # A complete IP header whose length claims more than the frame has.
    V.add_parse("parse/trunc/ipv4-payload", base[:50], "IPV4_LEN")
    V.add_parse("parse/trunc/ipv6-payload", b6[:60], "IPV6_LEN")
    # Each L4 header cut short inside a consistent IP packet.
    for proto, cls, n, why in ((17, UDP(sport=1, dport=2), 7, "UDP_TRUNC"),
                               (6, TCP(sport=1, dport=2), 19, "TCP_TRUNC"),
                               (1, ICMP(type=8, id=1), 7, "ICMP_TRUNC")):
        raw = bytes(cls)[:n]
        V.add_parse("parse/trunc/%s-v4-%d" % (why.lower(), n),
                    bytes(eth() / ip4(proto=proto) / Raw(raw)), why)
        V.add_parse("parse/trunc/%s-v4-0" % why.lower(),
                    bytes(eth() / ip4(proto=proto)), why)
        p6 = 58 if proto == 1 else proto
        V.add_parse("parse/trunc/%s-v6-%d" % (why.lower(), n),
                    bytes(eth() / ip6(nh=p6) / Raw(raw)), why)
    # Tunnel headers cut short: UDP/IP lengths follow the cut.
    vxl = bytes(vx())
    for n in (0, 4, 7):
        V.add_parse("parse/trunc/vxlan-%d" % n,
                    bytes(outer() / udp() / Raw(vxl[:n])), "VXLAN_TRUNC")
    g = bytes(gnv(opts=[ident_opt(1)]))
    for n in (0, 7):
        V.add_parse("parse/trunc/geneve-%d" % n,
                    bytes(outer() / udp(6081) / Raw(g[:n])), "GENEVE_TRUNC")
    # The option length (2 words) runs past the datagram.
    V.add_parse("parse/trunc/geneve-optlen", bytes(
        outer() / udp(6081) / Raw(g[:12])), "GENEVE_TRUNC")
    for fl, n in ((0x0000, 3), (0x8000, 7), (0x2000, 6), (0x3000, 11),
                  (0xb000, 15)):
        hdr = struct.pack("!HH", fl, ETH_TEB) + bytes(12)
        V.add_parse("parse/trunc/gre-%04x-%d" % (fl, n),
                    bytes(outer(proto=47) / Raw(hdr[:n])), "GRE_TRUNC")
    for n in (0, 7):
        V.add_parse("parse/trunc/esp-%d" % n,
                    bytes(outer(proto=50) / Raw(b"\x01" * n)), "ESP_TRUNC")
    V.add_parse("parse/trunc/esp-in-udp-5", bytes(
        outer() / udp(4500, False) / Raw(b"\x00\x00\x01\x00\x00")),
        "ESP_TRUNC")
    # The inner frame cut short: the error is the inner one.
    full = bytes(frames["i4udp64"])
    for n, why in ((0, "ETH_TRUNC"), (13, "ETH_TRUNC"), (20, "IPV4_TRUNC"),
                   (40, "IPV4_LEN")):
        V.add_parse("parse/trunc/vxlan-inner-%d" % n, bytes(
            outer() / udp() / vx() / Raw(full[:n])), why, err_inner=1)
    ib = bytes(ip4(proto=17) / Raw(b"\x00\x01\x00"))
    V.add_parse("parse/trunc/gre-ip-inner-udp", bytes(
        outer() / GRE(proto=ETH_IPV4) / Raw(ib)), "UDP_TRUNC", err_inner=1)
    V.add_parse("parse/trunc/geneve-ip6-inner", bytes(
        outer() / udp(6081) / gnv(proto=ETH_IPV6) /
        Raw(frames["i6udp64"][14:40])), "IPV6_TRUNC", err_inner=1)


def raw_v4(ver_ihl=0x45, tot=None, body=b"", proto=17):
    """An IPv4 header with fields scapy would not build."""
    ihl = (ver_ihl & 15) * 4
    hlen = max(ihl, 20)
    h = bytearray(hlen)
    h[0] = ver_ihl
    struct.pack_into("!HHHBB", h, 2, tot if tot is not None else
                     hlen + len(body), 1, 0, 64, proto)
    h[12:20] = socket.inet_aton("10.0.0.1") + socket.inet_aton("10.0.0.2")
    struct.pack_into("!H", h, 10, checksum(bytes(h[:20])))
    return bytes(h) + body


def gen_parse_l3_bad(V):
    e = bytes(Ether(src=IN_SMAC, dst=IN_DMAC, type=ETH_IPV4))
    body = bytes(UDP(sport=1, dport=2)) + bytes(20)
    for v in (0x65, 0x05, 0xf5):
        V.add_parse("parse/ipv4-version-%x" % (v >> 4),
                    e + raw_v4(v, body=body), "IPV4_VERSION")
    for v in (0x40, 0x44, 0x41):
        V.add_parse("parse/ipv4-ihl-%d" % (v & 15), e + raw_v4(v, 40, body),
                    "IPV4_IHL")
    for tot, nm in ((19, "below-ihl"), (0, "zero"), (100, "beyond-frame")):
        V.add_parse("parse/ipv4-totlen-%s" % nm, e + raw_v4(0x45, tot, body),
                    "IPV4_LEN")
    p = e + raw_v4(0x46, 22, bytes(4) + body)
    V.add_parse("parse/ipv4-totlen-below-ihl-opts", p, "IPV4_LEN")
    # IPv6 (RFC 8200 §3, §4).
    e6 = bytes(Ether(src=IN_SMAC, dst=IN_DMAC, type=ETH_IPV6))
    six = bytes(ip6() / UDP(sport=1, dport=2) / Raw(bytes(10)))
    for v in (4, 0, 7):
        V.add_parse("parse/ipv6-version-%d" % v,
                    e6 + bytes([v << 4 | six[0] & 15]) + six[1:],
                    "IPV6_VERSION")
    V.add_parse("parse/ipv6-plen-beyond", e6 + patch(six, 4, b"\x00\x13"),
                "IPV6_LEN")
    for chain, why, nm in (
            ([IPv6ExtHdrHopByHop, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting,
              IPv6ExtHdrDestOpt, IPv6ExtHdrDestOpt], "IPV6_EXT_DEPTH", "5"),
            ([IPv6ExtHdrDestOpt] * 6, "IPV6_EXT_DEPTH", "6"),
            ([IPv6ExtHdrDestOpt, IPv6ExtHdrHopByHop], "IPV6_HBH_POS",
             "dst-hbh"),
            ([IPv6ExtHdrRouting, IPv6ExtHdrDestOpt, IPv6ExtHdrHopByHop],
             "IPV6_HBH_POS", "rt-dst-hbh")):
        V.add_parse("parse/ipv6-ext-bad-%s" % nm, v6_chain(chain, "udp"),
                    why)
    # An extension header longer than the payload.
    for nh, hdr, nm in ((0, b"\x11\x01" + bytes(6), "hbh-len"),
                        (44, b"\x11\x00\x00", "frag-short"),
                        (60, b"\x11\x00\x01\x04", "dst-short")):
        p = bytes(eth() / ip6(nh=nh) / Raw(hdr))
        V.add_parse("parse/ipv6-ext-trunc-%s" % nm, p, "IPV6_EXT_TRUNC")


def gen_parse_l4_bad(V):
    for v6 in (False, True):
        fam = "v6" if v6 else "v4"
        l3 = ip6() if v6 else ip4()
        for ulen, nm in ((7, "7"), (0, "0"), (40, "beyond")):
            p = bytes(eth() / l3 / UDP(sport=1, dport=2, len=ulen) /
                      Raw(bytes(12)))
            V.add_parse("parse/udp-len-%s-%s" % (nm, fam), p, "UDP_LEN")
        for doff, nm in ((4, "4"), (0, "0"), (15, "beyond")):
            p = bytes(eth() / l3 / TCP(sport=1, dport=2, dataofs=doff) /
                      Raw(bytes(12)))
            V.add_parse("parse/tcp-doff-%s-%s" % (nm, fam), p, "TCP_DOFF")
    # Exactly as long as the TCP options say: fine.
    p = fill(eth() / ip4() / TCP(sport=1, dport=2, flags="S",
                                 options=[("MSS", 1460), ("NOP", None),
                                          ("WScale", 7)]), 74)
    V.add_parse("parse/tcp-options", p)
    p = bytes(eth() / ip4() / TCP(sport=1, dport=2, dataofs=8) /
              Raw(bytes(12)))
    V.add_parse("parse/tcp-doff-exact", p)
    # VLAN depth: two tags are the limit (meta.h MCNIC_VLAN_MAX).
    V.add_parse("parse/vlan-depth-3", udp_pkt(vl=(1, 2, 3)), "VLAN_DEPTH")
    p = fill(eth((5, 6, 7), outer_ad=True) / ip4() / UDP(), 80)
    V.add_parse("parse/vlan-depth-3-ad", p, "VLAN_DEPTH")


def gen_parse_tunnel_bad(V, frames):
    inner = frames["i4udp64"]
    # RFC 7348 §5: I must be set for a valid VNI.
    for fl in (0x00, 0x80, 0xf7):
        p = outer() / udp() / vx(1, 0x08) / Raw(inner)
        V.add_parse("parse/vxlan-flags-%02x" % fl,
                    patch(bytes(p), 42, bytes([fl])), "VXLAN_FLAGS")
    # RFC 8926 §3.4: unknown version MUST be dropped.
    for ver in (1, 2, 3):
        p = bytes(outer() / udp(6081) / gnv() / Raw(inner))
        V.add_parse("parse/geneve-version-%d" % ver,
                    patch(p, 42, bytes([ver << 6])), "GENEVE_VERSION")
    # An option whose own length runs past the option area.
    for olen, area in ((2, 2), (1, 1), (31, 4)):
        opt = struct.pack("!HBB", 0x0101, 1, olen) + bytes(4 * (area - 1))
        hdr = struct.pack("!BBHI", area, 0, ETH_TEB, 0x42 << 8) + opt
        p = bytes(outer() / udp(6081) / Raw(hdr + inner))
        V.add_parse("parse/geneve-opt-overrun-%d-%d" % (olen, area), p,
                    "GENEVE_OPT")
    # RFC 2784 §2.3.1: version 0; 1 is PPTP's enhanced GRE (RFC 2637).
    for ver in (1, 7):
        hdr = struct.pack("!HHI", 0x2000 | ver, 0x880b, 0x00040001)
        V.add_parse("parse/gre-version-%d" % ver,
                    bytes(outer(proto=47) / Raw(hdr + bytes(8))),
                    "GRE_VERSION")
    hdr = struct.pack("!HH", 0x4000, ETH_TEB) + bytes(8)
    V.add_parse("parse/gre-routing", bytes(outer(proto=47) /
                                           Raw(hdr + inner)), "GRE_ROUTING")
    hdr = struct.pack("!HHHH", 0xc000, ETH_TEB, 0, 0) + bytes(8)
    V.add_parse("parse/gre-routing-csum", bytes(outer(proto=47) /
                                                Raw(hdr + inner)),
                "GRE_ROUTING")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    frames = inner_frames()
    V = Vectors()
    gen_encap(V, frames)
    gen_mtu(V, frames)
    gen_decap(V, frames)
    gen_parse(V, frames)
    V.write(args.output)
    if args.verbose:
        print("%s: %d encap, %d parse, %d decap vectors" %
              (args.output, len(V.encap), len(V.parse), len(V.decap)))


if __name__ == "__main__":
    main()
