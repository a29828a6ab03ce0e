#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""mcnic-sim run as a daemon: start and stop, the device commands
(HEARTBEAT, DEV_INFO, CAPS checked against the board through dtc and
libfdt), several clients, thousands of pipelined requests, malformed
socket messages, a slow client, a log flood, the socket path, running
out of descriptors, custom and broken board files, dtc's signal state.

Usage: daemon_test.py SIM WORKDIR
"""
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scapy.all import IP, UDP, Ether, Raw  # noqa: E402
from simclient import (CMD_HDR, EBADMSG, EINVAL, EOPNOTSUPP,  # noqa: E402
                       EPROTO, HEARTBEAT, NH, OP, SLOT_NONE, SOCK_CMD,
                       SOCK_HDR, VRF, Client, Results, Sim, fdtget,
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


def dts_props(dts):
    """{node path: [property names]} of dtc's output."""
    props, path = {}, []
    for line in dts.splitlines():
        line = line.strip()
        if line.endswith("{"):
            name = line[:-1].strip()
            path.append("" if name == "/" else name)
            props["/".join(path) or "/"] = []
        elif line == "};":
            path.pop()
        elif path and line.endswith(";"):
            props["/".join(path) or "/"].append(
                line.split(" =")[0].rstrip(";"))
    return props


def libfdt_readable(blob, what):
    """Every property dtc shows, libfdt (fdtget) reads too: none sits
    after a subnode, where libfdt does not look."""
    path = os.path.join(WORK, "caps-fdtget.dtb")
    with open(path, "wb") as f:
        f.write(blob)
    out = subprocess.run(["dtc", "-I", "dtb", "-O", "dts", path],
                         capture_output=True, text=True)
    bad = []
    for node, names in dts_props(out.stdout).items():
        got = subprocess.run(["fdtget", "-p", path, node],
                             capture_output=True, text=True).stdout.split()
        if sorted(got) != sorted(names):
            bad.append("%s: dtc %s, libfdt %s" % (node, names, got))
    res.check(out.returncode == 0 and not bad,
              "%s: every property of every node readable with libfdt %s"
              % (what, bad))
    return path


def node(dts, name):
    """The body of node 'name {' in dtc's output (first match)."""
    m = re.search(r"\b" + re.escape(name) + r" \{(.*?)\n\t+\};", dts, re.S)
    return m.group(1) if m else ""


def prop(body, name):
    m = re.search(r"\b" + re.escape(name) + r" = (.*?);", body)
    return m.group(1) if m else None


def run_sim(args, env=None):
    """mcnic-sim run ARGS that must exit at once: (exit code, stderr);
    a daemon that starts instead is stopped and gives (None, stderr)."""
    p = subprocess.Popen([SIM, "run"] + args, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, env=env)
    try:
        return p.wait(10), p.stderr.read()
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        return None, p.stderr.read()


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
              info["ports"] == 32 and info["slot"] == SLOT_NONE,
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
    dtb = libfdt_readable(blob, "CAPS")
    fw = [fdtget(dtb, "/firmware", p) for p in
          ("source", "version", "fw-version")]
    res.check(fw == ["built-in", "0.4.0", "0.4.0"] and
              fdtget(dtb, "/firmware/limits", "vteps", "u") == "16",
              "CAPS: /firmware's own and the image's properties and its "
              "limits subnode, through libfdt (%s)" % fw)
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
    st, _, msg, _ = c.cmd("HEARTBEAT", flags=1)
    res.check(st == -EINVAL and msg == "hdr.flags=0x1: must be 0",
              "hdr.flags set: %d %s" % (st, msg))
    req = c.cmd_bytes(OP["FLASH_STATUS"], bytes(4))
    req = req[:8] + struct.pack("<I", 9) + req[12:]
    c.send_raw(SOCK_HDR.pack(len(req), SOCK_CMD, 0, 0, 0, 0) + req)
    st, msg = CMD_HDR.unpack(c.recv_msg()[4][:CMD_HDR.size])[6:10:3]
    msg = msg.split(b"\0")[0].decode()
    res.check(st == -EBADMSG and msg == "hdr.len=9: message has 4",
              "hdr.len not the payload's (a FLASH_* opcode): %d %s" %
              (st, msg))
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
    # After an odd-length frame the next header is misaligned in the
    # daemon's buffer (a sanitizer build checks that it is copied out).
    req = a.cmd_bytes(OP["HEARTBEAT"])
    a.send_raw(SOCK_HDR.pack(61, 2, 16, 0, 0, 0) + bytes(61) +
               SOCK_HDR.pack(len(req), SOCK_CMD, 0, 0, 0, 0) + req)
    ans = CMD_HDR.unpack(a.recv_msg()[4][:CMD_HDR.size])
    res.check(ans[2] == a.seq and ans[6] == 0,
              "a command right after a 61-byte frame: answered")
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
         "len=4: ATTACH carries 0 bytes"),
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
    res.check(sim.wait_log(r"connection ended 46 bytes into a message; "
                           r"closing it \(malformed messages: 5\)"),
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
    deadline = time.time() + 5
    m = []
    while not m and time.time() < deadline:
        m = [(int(o), int(d)) for o, d in re.findall(
            r"client \d+: closed \(0 commands, 0 frames in, (\d+) out, "
            r"(\d+) dropped\)", sim.log_text()) if int(o) + int(d) == 4000]
        time.sleep(0.02)
    res.check(len(m) == 1 and m[0][1] > 0,
              "slow client: frames dropped and counted (out, dropped: %s)"
              % m)


def pipelined_round(sim, n):
    """n STATS requests in one sendall from one thread while another
    reads: (answers in order, seconds).  The answers are much larger than
    the requests, so the daemon keeps stopping for room in its output
    ring while the client is still sending."""
    c = sim.client()
    c.s.settimeout(None)
    stats = struct.pack("<HHI", 1, 0, 0)
    blob = b"".join(SOCK_HDR.pack(CMD_HDR.size + len(stats), SOCK_CMD, 0, 0,
                                  0, 0) +
                    CMD_HDR.pack(1, OP["STATS"], i, len(stats), 1, 0, 0, 0,
                                 0, b"") + stats for i in range(n))
    got = [0, True]     # answers, all in order so far

    def reader():
        buf = bytearray()
        while got[0] < n:
            try:
                d = c.s.recv(1 << 20)
            except OSError:
                return
            if not d:
                return
            buf += d
            off = 0
            while len(buf) - off >= SOCK_HDR.size:
                ln = struct.unpack_from("<I", buf, off)[0]
                if len(buf) - off < SOCK_HDR.size + ln:
                    break
                seq = struct.unpack_from("<I", buf, off + 16 + 4)[0]
                got[1] = got[1] and seq == got[0]
                got[0] += 1
                off += SOCK_HDR.size + ln
            del buf[:off]

    def writer():
        try:
            c.s.sendall(blob)
        except OSError:
            pass

    t0 = time.time()
    threads = [threading.Thread(target=f, daemon=True)
               for f in (reader, writer)]
    for t in threads:
        t.start()
    threads[0].join(10)
    took = time.time() - t0
    ok = got[0] == n and got[1]
    c.close()
    return ok, got[0], took


def test_pipelined(sim):
    """A client that sends everything before it reads must get every
    answer: a stall here was timing-dependent, so try several rounds."""
    rounds, n = 8, 20000
    for r in range(rounds):
        ok, got, took = pipelined_round(sim, n)
        if not ok:
            break
    res.check(ok, "%d rounds of %d pipelined requests in one sendall, "
              "read by another thread: all answered in order within 10 s "
              "(round %d: %d answers in %.1fs)" % (rounds, n, r + 1, got,
                                                   took))
    res.check(sim.alive(), "daemon alive after the pipelined rounds")


def test_log_flood():
    """A client looping on a refused command: the first 20 refusals are
    logged, then every 1000th, each with the count."""
    s = Sim(SIM, WORK, "flood")
    if not res.check(s.start(), "flood: daemon starts"):
        return
    c = s.client()
    n = 2500
    reqs = b"".join(SOCK_HDR.pack(CMD_HDR.size, SOCK_CMD, 0, 0, 0, 0) +
                    CMD_HDR.pack(9, 1, i, 0, 0, 0, 0, 0, 0, b"")
                    for i in range(n))
    c.send_raw(reqs)
    refused = sum(CMD_HDR.unpack(c.recv_msg()[4][:CMD_HDR.size])[6] ==
                  -EPROTO for _ in range(n))
    c.close()
    res.check(refused == n, "flood: %d of %d refused -EPROTO" % (refused, n))
    log = s.log_text()
    lines = [ln for ln in log.splitlines() if "refused: -71" in ln]
    res.check(len(lines) == 22 and "(refused commands: 20; from now on "
              "only every 1000th is logged)" in lines[19] and
              lines[20].endswith("(refused commands: 1000)") and
              lines[21].endswith("(refused commands: 2000)"),
              "flood: 22 lines logged (20, then the 1000th and 2000th, "
              "with the count): %d" % len(lines))
    s.stop()


def test_socket_path(sim):
    """--socket never removes a file that is not a stale socket."""
    f = os.path.join(WORK, "not-a-socket")
    with open(f, "w") as fh:
        fh.write("keep me\n")
    rc, err = run_sim(["--socket", f])
    kept = os.path.isfile(f) and open(f).read() == "keep me\n"
    res.check(rc == 1 and kept and
              "socket %s: exists and is not a socket" % f in err,
              "--socket on a regular file: refused, file kept (%s)" %
              err.strip()[-80:])
    rc, err = run_sim(["--socket", sim.sock])
    try:
        c = sim.client()
        st = c.cmd("HEARTBEAT")[0]
        c.close()
    except OSError:
        st = None
    res.check(rc == 1 and st == 0 and
              "socket %s: in use by another mcnic-sim" % sim.sock in err,
              "--socket of a running daemon: refused, that daemon still "
              "answers (%s)" % err.strip()[-80:])
    stale = Sim(SIM, WORK, "stale")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(stale.sock)
    s.close()
    ok = os.path.exists(stale.sock) and stale.start()
    res.check(ok and stale.client().cmd("HEARTBEAT")[0] == 0,
              "--socket over a stale socket file: replaced")
    if ok:
        stale.stop()


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_accept_fail():
    """Out of descriptors: accept() fails; logged and counted, no busy
    loop, and clients are accepted again once descriptors are free."""
    s = Sim(SIM, WORK, "nofd", max_fds=16)
    if not res.check(s.start(), "daemon with 16 descriptors starts"):
        return
    clients = [Client(s.sock) for _ in range(14)]
    m = s.wait_log(r"accept: Too many open files; not accepting for \d+ ms "
                   r"\(accept errors: 1\)")
    res.check(m, "accept failure logged and counted")
    cpu = cpu_seconds(s.proc.pid)
    time.sleep(1)
    cpu = cpu_seconds(s.proc.pid) - cpu
    res.check(cpu < 0.3, "out of descriptors: no busy loop (%.2f s of CPU "
              "in 1 s)" % cpu)
    for c in clients[:-1]:
        c.close()
    try:
        st = clients[-1].cmd("HEARTBEAT")[0]
    except OSError:
        st = None
    res.check(st == 0, "descriptors free again: the waiting client is "
              "accepted and answered")
    clients[-1].close()
    s.stop()
    res.check(s.wait_log(r"host socket: \d+ clients \(0 refused, [1-9]\d* "
                         r"accept errors\)"), "accept errors in the "
              "shutdown summary")


def test_dtc_signals():
    """dtc runs with no signal blocked or ignored, though the daemon
    blocks SIGINT and SIGTERM and ignores SIGPIPE."""
    bindir = os.path.join(WORK, "fakebin")
    os.makedirs(bindir, exist_ok=True)
    fake = os.path.join(bindir, "dtc")
    with open(fake, "w") as f:
        f.write("#!/bin/sh\n"
                "echo \"$(grep -E '^Sig(Blk|Ign)' /proc/$$/status | "
                "tr '\\n\\t' '  ')\" >&2\nexit 1\n")
    os.chmod(fake, 0o755)
    env = dict(os.environ, PATH=bindir + ":" + os.environ["PATH"])
    _, err = run_sim(["--board", os.path.join(HERE, "boards", "small.dts")],
                     env)
    m = re.search(r"SigBlk: ([0-9a-f]+) SigIgn: ([0-9a-f]+)", err)
    bits = (1 << (signal.SIGINT - 1) | 1 << (signal.SIGTERM - 1) |
            1 << (signal.SIGPIPE - 1))
    res.check(m and not int(m.group(1), 16) & bits and
              not int(m.group(2), 16) & bits,
              "dtc: SIGINT, SIGTERM, SIGPIPE neither blocked nor ignored "
              "(%s)" % (m.group(0) if m else err.strip()))


def test_max_board():
    s = Sim(SIM, WORK, "max",
            ["--board", os.path.join(HERE, "boards", "max.dts")])
    if not res.check(s.start(), "board of 512 vports x 1 queue starts"):
        print(s.log_text())
        return
    c = s.client()
    st, _, msg, blob = c.cmd("CAPS")
    dtb = libfdt_readable(blob, "CAPS of 514 ports") if not st else None
    res.check(not st and fdtget(dtb, "/ports/port@20f", "queues", "u") ==
              "1", "CAPS of 514 ports: %d bytes (%s)" % (len(blob), msg))
    c.close()
    s.stop()


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
        "bad-queues.dts": "/vports: property id-range: 385 vports x 4 "
                          "queues: BAR 0 holds 512 queues",
        "bad-portid.dts": "/vports: property id-range: port id 4040: BAR 0 "
                          "has windows for ids below 4030",
    }
    for f, msg in bad.items():
        rc, err = run_sim(["--board", os.path.join(HERE, "boards", f)])
        res.check(rc == 1 and msg in err,
                  "%s: exit %s, '%s'" % (f, rc, err.strip()[-90:]))
    out = subprocess.run([SIM, "run", "--port", "5=udp:127.0.0.1:1:"
                          "127.0.0.1:2"], capture_output=True, text=True,
                         timeout=10)
    res.check(out.returncode == 1 and "has no port 5" in out.stderr,
              "--port on an id the board lacks: refused")


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
    test_pipelined(sim)
    test_malformed(sim)
    test_slow_client(sim)
    test_socket_path(sim)
    test_stop(sim)
    test_log_flood()
    test_accept_fail()
    test_boards()
    test_max_board()
    test_dtc_signals()
    return res.finish()


sys.exit(main())
