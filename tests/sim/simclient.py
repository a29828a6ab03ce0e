# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""A small client of mcnic-sim's host socket (include/mcnic/simsock.h) and
helpers the sim tests share: start and stop a daemon, send mailbox
commands (include/mcnic/cmd.h), exchange vport frames, pack table entries.
Everything is packed here with struct from the headers' layouts, so a
layout mistake in the daemon shows as a failed test."""
import os
import re
import resource
import signal
import socket
import struct
import subprocess
import time

SOCK_HDR = struct.Struct("<IHHHHi")
CMD_HDR = struct.Struct("<HHIIHHiHH48s")
SOCK_CMD, SOCK_FRAME, SOCK_ATTACH, SOCK_DETACH = 1, 2, 3, 4
SOCK_MAP, SOCK_REG_WRITE, SOCK_REG_READ, SOCK_IRQ = 5, 6, 7, 8
SOCK_MAP_BODY = struct.Struct("<QQQ")   # dma_addr, size, offset
SOCK_REG = struct.Struct("<II")         # off, val

OP = {
    "HEARTBEAT": 0x01, "DEV_INFO": 0x02, "CAPS": 0x03, "RESET": 0x04,
    "PARSE_SET": 0x10, "PORT_SET": 0x11, "VRF_SET": 0x12, "VRF_DEL": 0x13,
    "VTEP_ADD": 0x14, "VTEP_DEL": 0x15, "VNI_SET": 0x16, "VNI_DEL": 0x17,
    "PEER_ADD": 0x18, "PEER_DEL": 0x19, "TMPL_SET": 0x1a, "TMPL_DEL": 0x1b,
    "NH_SET": 0x1c, "NH_DEL": 0x1d, "NH_STATE": 0x1e, "NHG_SET": 0x1f,
    "NHG_DEL": 0x20, "ROUTE_ADD": 0x21, "ROUTE_DEL": 0x22,
    "RULE_ADD": 0x23, "RULE_DEL": 0x24, "DUMP": 0x30, "STATS": 0x31,
    "PIPE_STATS": 0x32, "FLOW_FLUSH": 0x33, "FLASH_BEGIN": 0x40,
    "FLASH_WRITE": 0x41, "FLASH_COMMIT": 0x42, "FLASH_ACTIVATE": 0x43,
    "FLASH_STATUS": 0x44,
}
EIO, EINVAL, EPROTO, EBADMSG, EOPNOTSUPP = 5, 22, 71, 74, 95
SLOT_NONE = 0xff        # MCNIC_SLOT_NONE: DEV_INFO.active_slot, no slot

INFO = struct.Struct("<32s32s20sIHBBIQ")
HEARTBEAT = struct.Struct("<QII")
PORT = struct.Struct("<HBBHHHH6sH")
VRF = struct.Struct("<HBB")
VTEP = struct.Struct("<BBH16s")
VNI = struct.Struct("<IHH")
PEER = struct.Struct("<IB3x16s")
TUNNEL_CFG = struct.Struct("<BBBBHH6s6s16s16sIHHHHH14s112s")
NH = struct.Struct("<IBBHI")
NHG = struct.Struct("<IBBH16I16B4I")
ROUTE = struct.Struct("<HBB16sIHBB")

# regs.h / queue.h: what a driver (the tests' own, over the socket or the
# shm bus) reads and writes in BAR 0, and the rings' entries.
RB_DEV, RB_MBOX, RB_QM, RB_IRQ, RB_PORTS = range(0x6d630001, 0x6d630006)
QM_TXQ_COUNT, QM_RXQ_COUNT, QM_QBASE, QM_QSTRIDE = 0x10, 0x14, 0x1c, 0x20
Q_BASE_LO, Q_BASE_HI, Q_LOG_SIZE, Q_CQ, Q_VPORT, Q_HEAD, Q_TAIL, Q_CTRL = \
    range(0, 0x20, 4)
CTRL_ENABLE, CTRL_ARM = 1, 2
IRQ_COUNT, IRQ_MASK = 0x10, 0x14
MBOX_REQ_OFF, MBOX_RESP_OFF, MBOX_DOORBELL, MBOX_STATUS, MBOX_RESP_LEN, \
    MBOX_IRQ = 0x10, 0x14, 0x1c, 0x20, 0x24, 0x28
MBOX_DMA_REQ_LO, MBOX_DMA_REQ_HI, MBOX_DMA_RESP_LO, MBOX_DMA_RESP_HI, \
    MBOX_DMA_RESP_MAX, MBOX_DMA_DOORBELL = range(0x2c, 0x44, 4)
MBOX_DONE, MBOX_FAULT = 2, 3
DESC = struct.Struct("<QIHH")
CPL = struct.Struct("<HHIIIHB5xQ")
CPL_PHASE, CPL_RX, CPL_DECAP, CPL_ERR_DMA, CPL_ERR_LEN = \
    0x8000, 1, 4, 8, 0x10


class QueueWindows:
    """The QM block's queue register windows (regs.h): TX queues, then RX,
    then CQs, one window of stride bytes each from qbase."""

    def qm_geometry(self, read, qm):
        self.qbase = read(qm + QM_QBASE)
        self.stride = read(qm + QM_QSTRIDE)
        self.ntx = read(qm + QM_TXQ_COUNT)
        self.nrx = read(qm + QM_RXQ_COUNT)

    def txq(self, i):
        return self.qbase + i * self.stride

    def rxq(self, i):
        return self.qbase + (self.ntx + i) * self.stride

    def cq(self, i):
        return self.qbase + (self.ntx + self.nrx + i) * self.stride

def bar_mailbox(read, write, mb, req):
    """One mailbox request through BAR 0 accesses (read(off), write(off,
    val)) to the MBOX block at mb: the answer's bytes, or None when
    STATUS is not DONE right after the doorbell."""
    roff = read(mb + MBOX_REQ_OFF)
    req = req + bytes(-len(req) % 4)
    for i in range(0, len(req), 4):
        write(roff + i, struct.unpack_from("<I", req, i)[0])
    write(mb + MBOX_DOORBELL, len(req))
    if read(mb + MBOX_STATUS) != MBOX_DONE:
        return None
    n = read(mb + MBOX_RESP_LEN)
    aoff = read(mb + MBOX_RESP_OFF)
    return b"".join(struct.pack("<I", read(aoff + i))
                    for i in range(0, n + (-n % 4), 4))[:n]

assert SOCK_HDR.size == 16 and CMD_HDR.size == 72 and INFO.size == 104
assert PORT.size == 20 and TUNNEL_CFG.size == 192 and NHG.size == 104
assert ROUTE.size == 28 and NH.size == 12


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def ip4(s):
    return socket.inet_aton(s) + bytes(12)


class Results:
    """Counts checks; a suite ends with 'N passed, N failed'."""

    def __init__(self, quiet=False):
        self.passed = 0
        self.failed = 0
        self.quiet = quiet      # print failures only

    def check(self, ok, what):
        if ok:
            self.passed += 1
            if not self.quiet:
                print("ok:", what)
        else:
            self.failed += 1
            print("FAIL:", what)
        return ok

    def finish(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        return 1 if self.failed else 0


class Sim:
    """One mcnic-sim run daemon."""

    def __init__(self, binary, work, name, args=(), socket_path=True,
                 max_fds=None):
        self.work = work
        self.max_fds = max_fds  # RLIMIT_NOFILE of the daemon
        self.name = name
        self.sock = os.path.join(work, name + ".sock")
        self.log = os.path.join(work, name + ".log")
        self.pidfile = os.path.join(work, name + ".pid")
        self.cmd = [binary, "run", "--name", name, "--log", self.log,
                    "--pidfile", self.pidfile]
        if socket_path:
            self.cmd += ["--socket", self.sock]
        self.cmd += list(args)
        self.proc = None

    def start(self, wait=True):
        if os.path.exists(self.pidfile):   # left by a killed daemon
            os.unlink(self.pidfile)
        limit = None
        if self.max_fds:
            def limit():
                resource.setrlimit(resource.RLIMIT_NOFILE,
                                   (self.max_fds, self.max_fds))
        self.proc = subprocess.Popen(self.cmd, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE,
                                     preexec_fn=limit)
        if not wait:
            return True
        deadline = time.time() + 10
        while time.time() < deadline:
            if os.path.exists(self.pidfile):
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.02)
        return False

    def stop(self, sig=signal.SIGTERM, timeout=10):
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def alive(self):
        return self.proc.poll() is None

    def log_text(self):
        try:
            with open(self.log) as f:
                return f.read()
        except OSError:
            return ""

    def wait_log(self, pattern, timeout=5):
        """The first match of regex pattern in the log, polled until it
        shows or timeout seconds pass (then None)."""
        deadline = time.time() + timeout
        while True:
            m = re.search(pattern, self.log_text())
            if m or time.time() > deadline:
                return m
            time.sleep(0.02)

    def client(self):
        return Client(self.sock)


class Client:
    def __init__(self, path, timeout=5):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(timeout)
        self.s.connect(path)
        self.seq = 0
        self.frames = []    # (port, queue, bytes) received while waiting
        self.irqs = []      # vectors of IRQ messages received while waiting

    def close(self):
        self.s.close()

    def send_raw(self, data):
        self.s.sendall(data)

    def recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.s.recv(n - len(buf))
            if not chunk:
                raise EOFError("connection closed")
            buf += chunk
        return buf

    def recv_msg(self):
        ln, typ, port, queue, _, status = SOCK_HDR.unpack(
            self.recv_exact(SOCK_HDR.size))
        return typ, port, queue, status, self.recv_exact(ln)

    def _wait(self, want):
        while True:
            typ, port, queue, status, payload = self.recv_msg()
            if typ == want:
                return port, status, payload
            if typ == SOCK_FRAME:
                self.frames.append((port, queue, payload))
            elif typ == SOCK_IRQ:
                self.irqs.append(port)

    def cmd_bytes(self, op, payload=b"", count=0, version=1, flags=0):
        self.seq += 1
        hdr = CMD_HDR.pack(version, op, self.seq, len(payload), count, flags,
                           0, 0, 0, b"")
        return hdr + payload

    def cmd(self, op, payload=b"", count=0, **kw):
        """Returns (status, err_index, err_msg, payload) of the answer."""
        if isinstance(op, str):
            op = OP[op]
        req = self.cmd_bytes(op, payload, count, **kw)
        self.send_raw(SOCK_HDR.pack(len(req), SOCK_CMD, 0, 0, 0, 0) + req)
        _, _, ans = self._wait(SOCK_CMD)
        (_, aop, seq, ln, _, _, status, eidx, _,
         msg) = CMD_HDR.unpack(ans[:CMD_HDR.size])
        assert aop == op and seq == self.seq, "answer out of order"
        return (status, eidx, msg.split(b"\0")[0].decode(),
                ans[CMD_HDR.size:CMD_HDR.size + ln])

    def ok(self, op, entries, res, what):
        """A batch of entries (bytes each) that must be accepted."""
        st, idx, msg, _ = self.cmd(op, b"".join(entries), len(entries))
        return res.check(st == 0, "%s: %s (%d %s)" % (op, what, st, msg))

    def attach(self, port, detach=False):
        typ = SOCK_DETACH if detach else SOCK_ATTACH
        self.send_raw(SOCK_HDR.pack(0, typ, port, 0, 0, 0))
        _, status, _ = self._wait(typ)
        return status

    def frame(self, port, data):
        self.send_raw(SOCK_HDR.pack(len(data), SOCK_FRAME, port, 0, 0, 0) +
                      bytes(data))

    def map(self, fds, dma_addr, size, offset=0, body=None):
        """MAP host memory (fds: the descriptors to pass); the status."""
        if body is None:
            body = SOCK_MAP_BODY.pack(dma_addr, size, offset)
        msg = SOCK_HDR.pack(len(body), SOCK_MAP, 0, 0, 0, 0) + body
        socket.send_fds(self.s, [msg], list(fds))
        _, status, _ = self._wait(SOCK_MAP)
        return status

    def reg_write(self, off, val):
        self.send_raw(SOCK_HDR.pack(SOCK_REG.size, SOCK_REG_WRITE, 0, 0, 0,
                                    0) + SOCK_REG.pack(off, val))

    def reg_read(self, off):
        self.send_raw(SOCK_HDR.pack(SOCK_REG.size, SOCK_REG_READ, 0, 0, 0,
                                    0) + SOCK_REG.pack(off, 0))
        _, _, payload = self._wait(SOCK_REG_READ)
        roff, val = SOCK_REG.unpack(payload)
        assert roff == off, "REG_READ answer for another offset"
        return val

    def wait_irq(self, timeout=5):
        """The next interrupt vector received, or None after timeout."""
        if self.irqs:
            return self.irqs.pop(0)
        old = self.s.gettimeout()
        self.s.settimeout(timeout)
        try:
            vec, _, _ = self._wait(SOCK_IRQ)
        except (socket.timeout, EOFError):
            return None
        finally:
            self.s.settimeout(old)
        return vec

    def wait_frame(self, timeout=5):
        if self.frames:
            return self.frames.pop(0)
        old = self.s.gettimeout()
        self.s.settimeout(timeout)
        try:
            port, _, payload = self._wait(SOCK_FRAME)
        except (socket.timeout, EOFError):
            return None
        finally:
            self.s.settimeout(old)
        return port, 0, payload

    def info(self):
        st, _, _, p = self.cmd("DEV_INFO")
        if st:
            return None
        (board, ver, build, code, ports, slot, _, caps_len,
         up) = INFO.unpack(p)
        return {"board": board.split(b"\0")[0].decode(),
                "version": ver.split(b"\0")[0].decode(),
                "build_id": build, "code": code, "ports": ports,
                "slot": slot, "caps_len": caps_len, "uptime": up}


def fdtget(path, node, prop, typ="s"):
    """A property of the FDT file at path as libfdt reads it (fdtget from
    device-tree-compiler), or None."""
    out = subprocess.run(["fdtget", "-t", typ, path, node, prop],
                         capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 else None


def port_entry(pid, kind, mac_s, mtu=1500, vrf=0, queues=0, up=1):
    return PORT.pack(pid, kind, up, mtu, vrf, 0, queues, mac(mac_s), 0)


def tunnel_cfg(smac, dmac, saddr, daddr, vni, typ=1, dport=4789, mtu=1500):
    return TUNNEL_CFG.pack(typ, 64, 0, 0, 0, 0, mac(smac), mac(dmac),
                           ip4(saddr), ip4(daddr), vni, dport, 49152, 65535,
                           mtu, 0, bytes(14), bytes(112))


def nhg_entry(idx, members):
    m = list(members) + [0] * (16 - len(members))
    w = [1] * len(members) + [0] * (16 - len(members))
    return NHG.pack(idx, len(members), 0, 0, *m, *w, 0, 0, 0, 0)


def route_entry(vrf, prefix, plen, nhg):
    return ROUTE.pack(vrf, 4, plen, ip4(prefix), nhg, 0, 0, 0)


def program_tenant(c, res, uplink_mac, local, remote, gw_mac, vni,
                   vport=16, vport_mac="02:00:0a:00:01:10",
                   local_net="10.1.0.0", remote_net="10.2.0.0", vrf=1):
    """One tenant VRF: vport <-> VXLAN tunnel to remote over uplink 0."""
    return all([
        c.ok("VRF_SET", [VRF.pack(vrf, 1, 0)], res, "vrf %d allow" % vrf),
        c.ok("PORT_SET", [port_entry(0, 1, uplink_mac),
                          port_entry(vport, 2, vport_mac, 1450, vrf, 1)],
             res, "uplink 0 and vport %d" % vport),
        c.ok("VTEP_ADD", [VTEP.pack(4, 1, 4789, ip4(local))], res,
             "vtep " + local),
        c.ok("TMPL_SET", [struct.pack("<II", 0, 0) +
                          tunnel_cfg(uplink_mac, gw_mac, local, remote,
                                     vni)], res, "template to " + remote),
        c.ok("NH_SET", [NH.pack(0, 1, 0, 0, 0), NH.pack(1, 2, 0, vport, 0)],
             res, "next hops: tunnel, vport"),
        c.ok("NHG_SET", [nhg_entry(0, [0]), nhg_entry(1, [1])], res,
             "groups"),
        c.ok("ROUTE_ADD", [route_entry(vrf, remote_net, 16, 0),
                           route_entry(vrf, local_net, 16, 1)], res,
             "routes"),
        c.ok("VNI_SET", [VNI.pack(vni, vrf, 0)], res, "vni %d" % vni),
        c.ok("PEER_ADD", [PEER.pack(vni, 4, ip4(remote))], res,
             "peer " + remote),
    ])
