#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""Writes the committed seed corpus of fuzz_cmd (tests/fuzz/fuzz_cmd.c).

    python3 tests/fuzz/make_cmd_seeds.py [CORPUS_DIR]

CORPUS_DIR defaults to tests/fuzz/corpus.  Each seed is a sequence of
records "u8 sel, u8 resp, u16 len (LE), len bytes" (see fuzz_cmd.c): a
topology built command by command, refused batches, deletes in the wrong
and the right order, malformed headers, dumps through small answers and
RESET.  Entries are packed as include/mcnic/cmd.h lays them out
(little-endian).  Old seed-* files of fuzz_cmd are replaced; regress-*
files are left alone.  The output is deterministic.
"""
import os
import struct
import sys

OPS = ["PARSE_SET", "PORT_SET", "VRF_SET", "VRF_DEL", "VTEP_ADD", "VTEP_DEL",
       "VNI_SET", "VNI_DEL", "PEER_ADD", "PEER_DEL", "TMPL_SET", "TMPL_DEL",
       "NH_SET", "NH_DEL", "NH_STATE", "NHG_SET", "NHG_DEL", "ROUTE_ADD",
       "ROUTE_DEL", "RULE_ADD", "RULE_DEL", "DUMP", "STATS", "PIPE_STATS",
       "FLOW_FLUSH", "RESET"]
SEL = {name: i for i, name in enumerate(OPS)}
RAW = 0x80

# enum mcnic_obj
(OBJ_PORT, OBJ_VRF, OBJ_VTEP, OBJ_VNI, OBJ_PEER, OBJ_TMPL, OBJ_NH, OBJ_NHG,
 OBJ_ROUTE, OBJ_RULE, OBJ_FLOW, OBJ_DROP, OBJ_PARSE) = range(1, 14)

LOCAL = bytes([198, 51, 100, 1])
REMOTE = bytes([203, 0, 113, 1])


def ip4(a):
    return a + bytes(12)


def rec(op, payload=b"", resp=0):
    return struct.pack("<BBH", SEL[op], resp, len(payload)) + payload


def raw(data, resp=0):
    return struct.pack("<BBH", RAW, resp, len(data)) + data


def hdr(opcode, length, count=0, version=1, flags=0, seq=7):
    return struct.pack("<HHIIHHiHH48s", version, opcode, seq, length, count,
                       flags, 0, 0, 0, b"")


def vrf(i, action=1):
    return struct.pack("<HBB", i, action, 0)


def port(i, kind, vrf_id=0):
    queues, seg = (2, 7) if kind == 2 else (0, 0)
    return struct.pack("<HBBHHHH6sH", i, kind, 1, 1500, vrf_id, seg, queues,
                       bytes([2, 0, 0, 0, 0, i]), 0)


def unused_port(i):
    return struct.pack("<H18x", i)


def vtep():
    return struct.pack("<BBH16s", 4, 1, 4789, ip4(LOCAL))


def vni(v, vrf_id):
    return struct.pack("<IHH", v, vrf_id, 0)


def peer(v, addr):
    return struct.pack("<IB3x16s", v, 4, ip4(addr))


def tunnel_cfg(daddr, ttl=64):
    return struct.pack("<BBBBHH6s6s16s16sIHHHHH14s112s", 1, ttl, 0, 0, 0, 0,
                       bytes([2, 0xaa, 0xbb, 0xcc, 0xdd, 1]),
                       bytes([0, 0x11, 0x22, 0x33, 0x44, 0x55]),
                       ip4(LOCAL), ip4(daddr), 5001, 4789, 49152, 65535,
                       1500, 0, b"", b"")


def tmpl(idx, daddr, ttl=64):
    return struct.pack("<II", idx, 0) + tunnel_cfg(daddr, ttl)


def nh(idx, kind, port_id, t=0, flags=0):
    return struct.pack("<IBBHI", idx, kind, flags, port_id, t)


def nhg(idx, members, backups=()):
    m = list(members) + [0] * (16 - len(members))
    w = [1] * len(members) + [0] * (16 - len(members))
    b = list(backups) + [0] * (4 - len(backups))
    return struct.pack("<IBBH16I16B4I", idx, len(members), len(backups), 0,
                       *m, *w, *b)


def route(vrf_id, a, length, group, kind=0):
    return struct.pack("<HBB16sIHBB", vrf_id, 4, length, ip4(bytes(a)),
                       group if kind == 0 else 0, 0, kind, 0)


def rule(i, vrf_id, action=1, src_len=0):
    return struct.pack("<IIHBBBBBB16s16sHHHHHHB3x", i, 10, vrf_id, action, 1,
                       0x08, 4, src_len, 16, bytes(16),
                       ip4(bytes([10, 2, 0, 0])), 0, 0, 0, 65535, 0, 65535, 0)


def dump(obj, max_=0, cursor=0):
    return struct.pack("<HHI", obj, max_, cursor)


def parse_cfg(gbp=0):
    return struct.pack("<4HHHB3x", 4789, 8472, 0, 0, 6081, 4500, gbp)


def topology():
    return b"".join([
        rec("PARSE_SET", parse_cfg(1)),
        rec("VRF_SET", vrf(1) + vrf(2)),
        rec("PORT_SET", port(0, 1) + port(1, 2, 1) + port(2, 2, 2)),
        rec("TMPL_SET", tmpl(0, LOCAL) + tmpl(1, REMOTE)),
        rec("NH_SET", nh(0, 1, 0, 0) + nh(1, 1, 0, 1) + nh(2, 2, 2)),
        rec("NHG_SET", nhg(0, [0], [1]) + nhg(1, [1]) + nhg(2, [2])),
        rec("ROUTE_ADD", route(1, [10, 2, 0, 0], 16, 0) +
            route(2, [10, 2, 0, 0], 16, 2)),
        rec("VTEP_ADD", vtep()),
        rec("VNI_SET", vni(5001, 2)),
        rec("PEER_ADD", peer(5001, LOCAL)),
        rec("RULE_ADD", rule(70, 1)),
    ])


def dumps(resp=0, max_=0):
    out = b""
    for obj in range(OBJ_PORT, OBJ_PARSE + 1):
        out += rec("DUMP", dump(obj, max_), resp)
    for obj in (OBJ_PORT, OBJ_PEER, OBJ_TMPL, OBJ_RULE, OBJ_DROP):
        out += rec("STATS", dump(obj, max_), resp)
    return out + rec("PIPE_STATS")


def seeds():
    s = {}
    s["topology"] = topology() + dumps()
    s["batch-full"] = topology() + b"".join([
        rec("VRF_SET", vrf(1, 0) + vrf(3) + vrf(4)),
        rec("PEER_ADD", peer(1, REMOTE) + peer(2, REMOTE) + peer(3, REMOTE)),
        rec("ROUTE_ADD", b"".join(route(1, [10, i, 0, 0], 16, 1)
                                  for i in range(2, 10))),
        rec("RULE_ADD", rule(1, 1) + rule(2, 2) + rule(3, 1) + rule(4, 2)),
        rec("NHG_DEL", nhg(1, [1]) + nhg(0, [0])),
    ]) + dumps()
    s["deletes"] = topology() + b"".join([
        rec("VRF_DEL", vrf(1)), rec("TMPL_DEL", tmpl(0, LOCAL)),
        rec("NH_DEL", nh(0, 1, 0)), rec("NHG_DEL", nhg(0, [0])),
        rec("ROUTE_DEL", route(1, [10, 2, 0, 0], 16, 0) +
            route(2, [10, 2, 0, 0], 16, 0)),
        rec("NHG_DEL", nhg(0, [0]) + nhg(1, [0]) + nhg(2, [0])),
        rec("NH_DEL", nh(0, 1, 0) + nh(1, 1, 0) + nh(2, 1, 0)),
        rec("TMPL_DEL", tmpl(0, LOCAL) + tmpl(1, LOCAL)),
        rec("PORT_SET", unused_port(1) + unused_port(2)),
        rec("VNI_DEL", vni(5001, 0)), rec("RULE_DEL", rule(70, 1)),
        rec("VRF_DEL", vrf(1) + vrf(2)), rec("VTEP_DEL", vtep()),
        rec("PEER_DEL", peer(5001, LOCAL)),
        rec("NH_STATE", nh(0, 0, 0, 0, 1)),
    ]) + dumps()
    s["bad-headers"] = b"".join([
        raw(b"\x01\x00\x10"),
        raw(hdr(0x23, 0, version=7)),
        raw(hdr(0x23, 0, flags=1)),
        raw(hdr(0x12, 8, 1) + vrf(1)),
        raw(hdr(0x12, 4, 0) + vrf(1)),
        raw(hdr(0x12, 4, 2) + vrf(1)),
        raw(hdr(0x99, 0)),
        raw(hdr(0x01, 0)),
        raw(hdr(0x30, 8, 2) + dump(OBJ_VRF)),
        raw(hdr(0x30, 8, 0) + dump(OBJ_VRF)),
        raw(hdr(0x32, 0), resp=1),
    ])
    s["field-errors"] = b"".join([
        rec("PARSE_SET", parse_cfg(2)), rec("VRF_SET", vrf(0)),
        rec("PORT_SET", port(1, 3)), rec("VNI_SET", vni(1, 9)),
        rec("TMPL_SET", tmpl(0, REMOTE, ttl=0)),
        rec("NH_SET", nh(0, 1, 0, 3)), rec("NHG_SET", nhg(0, [999])),
        rec("ROUTE_ADD", route(1, [10, 0, 0, 0], 33, 0)),
        rec("RULE_ADD", rule(1, 1, src_len=40)),
    ]) + topology() + rec("NHG_SET", nhg(0, [0, 999]))
    s["dump-small"] = topology() + dumps(resp=12, max_=1) + b"".join(
        rec("DUMP", dump(OBJ_ROUTE, 1, c), 6) for c in range(0, 8))
    s["reset"] = topology() + rec("RESET") + dumps() + topology() + \
        rec("FLOW_FLUSH") + rec("PIPE_STATS")
    return s


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "corpus")
    out = os.path.join(root, "fuzz_cmd")
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        if f.startswith("seed-"):
            os.remove(os.path.join(out, f))
    for name, data in sorted(seeds().items()):
        with open(os.path.join(out, "seed-" + name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
