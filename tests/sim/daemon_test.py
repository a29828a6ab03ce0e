#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""mcnic-sim run as a daemon: start and stop, the device commands
(HEARTBEAT, DEV_INFO, CAPS checked against the board through dtc),
several clients, malformed socket messages, a slow client, custom and
broken board files.

Usage: daemon_test.py SIM WORKDIR
"""
import os
import re
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scapy.all import IP, UDP, Ether, Raw  # noqa: E402
from simclient import (CMD_HDR, EBADMSG, EINVAL, EOPNOTSUPP,  # noqa: E402
                       EPROTO, HEARTBEAT, NH, SOCK_HDR, VRF, Results, Sim,
                       nhg_entry, port_entry, route_entry)

SIM, WORK = sys.argv[1:3]
HERE = os.path.dirname(os.path.abspath(__file__))
res = Results()


def caps_dts(blob):
    path = os.path.join(WORK, "caps.dtb")
    with open(path, "wb") as f:
        f.write(blob)
    out = subprocess.run(["dtc", "-I", "dtb", "-O", "dts", path],
                         capture_output=True, text=True)
    res.check(out.returncode == 0, "CAPS decompiles with dtc (%s)" %
              out.stderr.strip())
    return out.stdout


def node(dts, name):
    """The body of node 'name {' in dtc's output (first match)."""
    m = re.search(r"\b" + re.escape(name) + r" \{(.*?)\n\t+\};", dts, re.S)
    return m.group(1) if m else ""


def prop(body, name):
    m = re.search(r"\b" + re.escape(name) + r" = (.*?);", body)
    return m.group(1) if m else None


def test_help():
    out = subprocess.run([SIM, "run", "--help"], capture_output=True,
                         text=True)
    res.check(out.returncode == 0 and all(
        s in out.stdout for s in ("NAME", "SYNOPSIS", "DESCRIPTION",
                                  "OPTIONS", "EXIT STATUS", "EXAMPLES")),
        "run --help is man-style")
    out = subprocess.run([SIM, "--help"], capture_output=True, text=True)
    res.check(out.returncode == 0 and "\n    run " in out.stdout,
              "mcnic-sim --help lists run")
    out = subprocess.run([SIM, "run", "--bogus"], capture_output=True,
                         text=True)
    res.check(out.returncode == 2, "unknown option: exit 2")


def test_device(sim):
    c = sim.client()
    st, _, _, p = c.cmd("HEARTBEAT")
    up1, beats1, boots = HEARTBEAT.unpack(p)
    time.sleep(0.05)
    st2, _, _, p = c.cmd("HEARTBEAT")
    up2, beats2, _ = HEARTBEAT.unpack(p)
    res.check(st == 0 and st2 == 0 and beats2 == beats1 + 1 and
              up2 >= up1 + 50000000 and boots == 1,
              "HEARTBEAT: beats %d->%d, uptime grows, boot %d" %
              (beats1, beats2, boots))
    info = c.info()
    res.check(info["board"] == "mcnic-sim-2x100" and
              info["version"] == "0.4.0" and info["code"] == 0x400 and
              info["ports"] == 32 and info["slot"] == 0xff,
              "DEV_INFO: built-in board and firmware %s" % info)
    st, _, _, blob = c.cmd("CAPS")
    res.check(st == 0 and len(blob) == info["caps_len"],
              "CAPS: %d bytes, as DEV_INFO says" % len(blob))
    dts = caps_dts(blob)
    res.check('device-name = "daemon"' in dts, "CAPS: device name")
    p0 = node(dts, "port@0")
    res.check(prop(p0, "kind") == '"uplink"' and
              prop(p0, "mac-address") == "[02 00 0a 00 00 01]",
              "CAPS: uplink 0 with the board's MAC")
    p17 = node(dts, "port@11")
    res.check(prop(p17, "kind") == '"vport"' and
              prop(p17, "queues") == "<0x04>",
              "CAPS: vport 17 with 4 queues")
    ports = re.findall(r"port@([0-9a-f]+) \{", dts)
    res.check(ports == ["0", "1"] + ["%x" % i for i in range(16, 32)],
              "CAPS: ports 0, 1, 16..31 (%s)" % ports)
    tables = node(dts, "tables")
    res.check(prop(tables, "flows") == "<0x10000>" and
              prop(tables, "rules") == "<0x1000>",
              "CAPS: table sizes of the default board")
    res.check("vxlan;" in node(dts, "features") and
              '"built-in"' in (prop(node(dts, "firmware"), "source") or ""),
              "CAPS: features and firmware source")
    st, _, msg, _ = c.cmd("FLASH_STATUS")
    res.check(st == -EOPNOTSUPP and msg == "no flash file",
              "FLASH_* without --flash: %d %s" % (st, msg))
    st, _, msg, _ = c.cmd("HEARTBEAT", version=9)
    res.check(st == -EPROTO and "hdr.version=9" in msg,
              "bad command version: %d %s" % (st, msg))
    st, idx, msg, _ = c.cmd("PORT_SET", port_entry(1, 2, "02:00:00:00:00:01",
                                                   queues=1), 1)
    res.check(st == -EINVAL and "port.id=1" in msg,
              "PORT_SET of a vport on an uplink id: %d %s" % (st, msg))
    res.check("cmd PORT_SET (0x0011) seq" in sim.log_text() and
              "refused: -22 port.id=1" in sim.log_text(),
              "refused command is logged with opcode and message")
    c.close()


def test_clients(sim):
    a, b = sim.client(), sim.client()
    # Pipelined requests on one connection are answered in order.
    reqs = b"".join(SOCK_HDR.pack(CMD_HDR.size, 1, 0, 0, 0, 0) +
                    CMD_HDR.pack(1, 1, 100 + i, 0, 0, 0, 0, 0, 0, b"")
                    for i in range(20))
    a.send_raw(reqs)
    st, _, _, _ = b.cmd("HEARTBEAT")
    seqs = []
    for _ in range(20):
        _, _, _, _, p = a.recv_msg()
        seqs.append(CMD_HDR.unpack(p[:CMD_HDR.size])[2])
    res.check(st == 0 and seqs == list(range(100, 120)),
              "two clients; 20 pipelined requests answered in order")
    res.check(a.attach(16) == 0 and a.attach(3) == -EINVAL and
              a.attach(16, detach=True) == 0,
              "ATTACH a vport: 0; an uplink: -EINVAL; DETACH: 0")
    a.close()
    b.close()


def closed(c):
    try:
        c.s.settimeout(3)
        return c.s.recv(1) == b""
    except (ConnectionResetError, socket.timeout):
        return False


def test_malformed(sim):
    cases = [
        ("bad type", SOCK_HDR.pack(0, 9, 0, 0, 0, 0), "type=9: unknown"),
        ("huge len", SOCK_HDR.pack(1 << 20, 1, 0, 0, 0, 0),
         "len=1048576: over 65536"),
        ("ATTACH with payload", SOCK_HDR.pack(4, 3, 16, 0, 0, 0) + b"abcd",
         "len=4: ATTACH/DETACH carry none"),
        ("FRAME on an uplink", SOCK_HDR.pack(14, 2, 0, 0, 0, 0) + bytes(14),
         "port=0: FRAME on a port that is not a host vport"),
    ]
    for n, (what, data, msg) in enumerate(cases, 1):
        c = sim.client()
        c.send_raw(data)
        res.check(closed(c), "malformed (%s): client closed" % what)
        c.close()
        log = sim.log_text()
        res.check(msg in log and "(malformed messages: %d)" % n in log,
                  "malformed (%s): logged and counted" % what)
    c = sim.client()
    c.send_raw(SOCK_HDR.pack(100, 1, 0, 0, 0, 0) + bytes(30))
    c.s.shutdown(socket.SHUT_WR)
    res.check(closed(c), "truncated message: client closed")
    c.close()
    time.sleep(0.2)
    res.check("connection ended 46 bytes into a message" in sim.log_text()
              and "(malformed messages: 5)" in sim.log_text(),
              "truncated message: logged and counted")
    c = sim.client()
    st, _, msg, _ = c.cmd("HEARTBEAT")
    res.check(sim.alive() and st == 0, "daemon alive after malformed input")
    # A command too short for its header is answered, not fatal.
    c.send_raw(SOCK_HDR.pack(8, 1, 0, 0, 0, 0) + bytes(8))
    _, _, _, _, p = c.recv_msg()
    res.check(CMD_HDR.unpack(p[:CMD_HDR.size])[6] == -EBADMSG,
              "8-byte command: answered -EBADMSG")
    c.close()


def test_slow_client(sim):
    """A client attached to a vport that never reads must not block."""
    slow = sim.client()
    slow.attach(16)
    fast = sim.client()
    prog = sim.client()
    prog.ok("VRF_SET", [VRF.pack(1, 1, 0)], res, "vrf 1")
    prog.ok("PORT_SET", [port_entry(16, 2, "02:00:0a:00:01:10", 1450, 1, 1),
                         port_entry(17, 2, "02:00:0a:00:01:11", 1450, 1, 1)],
            res, "vports 16, 17")
    prog.ok("NH_SET", [NH.pack(0, 2, 0, 16, 0)], res, "nh vport 16")
    prog.ok("NHG_SET", [nhg_entry(0, [0])], res, "group")
    prog.ok("ROUTE_ADD", [route_entry(1, "10.1.0.0", 24, 0)], res, "route")
    frame = bytes(Ether(src="02:00:00:00:01:11", dst="02:00:0a:00:01:11") /
                  IP(src="10.0.1.2", dst="10.1.0.5") /
                  UDP(sport=1234, dport=80) / Raw(bytes(1372)))
    t0 = time.time()
    for _ in range(4000):
        prog.frame(17, frame)
    st, _, _, _ = fast.cmd("HEARTBEAT")
    took = time.time() - t0
    res.check(st == 0 and took < 20,
              "4000 frames to a client that never reads; another client "
              "answered after %.1fs" % took)
    prog.close()
    fast.close()
    slow.close()
    time.sleep(0.3)
    m = [(int(o), int(d)) for o, d in re.findall(
        r"client \d+: closed \(0 commands, 0 frames in, (\d+) out, "
        r"(\d+) dropped\)", sim.log_text()) if int(o) + int(d) == 4000]
    res.check(len(m) == 1 and m[0][1] > 0,
              "slow client: frames dropped and counted (out, dropped: %s)"
              % m)


def test_stop(sim):
    rc = sim.stop(signal.SIGTERM)
    res.check(rc == 0, "SIGTERM: exit %s" % rc)
    res.check(not os.path.exists(sim.sock) and
              not os.path.exists(sim.pidfile),
              "socket and pidfile removed")
    log = sim.log_text()
    res.check("Terminated: shutting down" in log and
              log.rstrip().endswith("stopped"), "shutdown logged")
    s2 = Sim(SIM, WORK, "int")
    s2.start()
    res.check(s2.stop(signal.SIGINT) == 0, "SIGINT: exit 0")


def test_boards():
    s = Sim(SIM, WORK, "small",
            ["--board", os.path.join(HERE, "boards", "small.dts")])
    res.check(s.start(), "custom board (.dts) starts")
    c = s.client()
    info = c.info()
    res.check(info["board"] == "test-small-3x10" and info["ports"] == 12,
              "custom board: DEV_INFO model and 12 port ids")
    dts = caps_dts(c.cmd("CAPS")[3])
    ports = re.findall(r"port@([0-9a-f]+) \{", dts)
    res.check(ports == ["0", "1", "5", "8", "9", "a", "b"],
              "custom board: ports 0, 1, 5, 8..11 (%s)" % ports)
    t = node(dts, "tables")
    res.check(prop(t, "flows") == "<0x400>" and prop(t, "vrfs") == "<0x04>",
              "custom board: its table sizes")
    res.check(c.attach(8) == 0 and c.attach(16) == -EINVAL,
              "custom board: vport 8 attaches, 16 does not exist")
    c.close()
    s.stop()
    dtb = os.path.join(WORK, "small.dtb")
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb,
                    os.path.join(HERE, "boards", "small.dts")], check=True)
    s = Sim(SIM, WORK, "smalldtb", ["--board", dtb])
    res.check(s.start() and s.client().info()["ports"] == 12,
              "custom board as .dtb")
    s.stop()
    bad = {
        "bad-missing.dts": "/tables: property flows: missing",
        "bad-mac.dts": "/ports/uplink@1: property mac-address: must be "
                       "6 bytes",
        "bad-overlap.dts": "/vports: property id-range: overlaps an "
                           "uplink's id",
        "bad-syntax.dts": "bad-syntax.dts:36.3-4 syntax error",
    }
    for f, msg in bad.items():
        out = subprocess.run([SIM, "run", "--board",
                              os.path.join(HERE, "boards", f)],
                             capture_output=True, text=True, timeout=10)
        res.check(out.returncode == 1 and msg in out.stderr,
                  "%s: exit %d, '%s'" % (f, out.returncode,
                                         out.stderr.strip()[-90:]))
    out = subprocess.run([SIM, "run", "--port", "16=udp:127.0.0.1:1:"
                          "127.0.0.1:2"], capture_output=True, text=True,
                         timeout=10)
    res.check(out.returncode == 1 and "port 16 is not an uplink" in
              out.stderr, "--port on a vport id: refused")


def main():
    test_help()
    sim = Sim(SIM, WORK, "daemon")
    if not res.check(sim.start(), "daemon starts"):
        print(sim.log_text())
        return res.finish()
    res.check("board mcnic-sim-2x100 (built-in)" in sim.log_text() and
              "listening on " + sim.sock in sim.log_text(),
              "start-up logged: board, socket")
    test_device(sim)
    test_clients(sim)
    test_malformed(sim)
    test_slow_client(sim)
    test_stop(sim)
    test_boards()
    return res.finish()


sys.exit(main())
