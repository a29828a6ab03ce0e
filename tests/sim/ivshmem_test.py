#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""mcnic-sim as a QEMU guest's ivshmem-doorbell device
(include/mcnic/pci.h), with this script playing QEMU: the ivshmem
set-up messages (QEMU's docs/specs/ivshmem-spec), BAR 2's header, BAR 0
through the shm bus (the block chain, the mailbox, its interrupt on an
eventfd, masking), entries the device must skip, a full ring and ring
wraps, one QEMU at a time, the host socket refusing a MAP and BAR writes
while QEMU is the PCIe side, DMA in the guest-RAM file (a TX frame out of
a VXLAN uplink, an RX frame into a ring with its interrupt), QEMU going
and coming back, a guest-RAM file made after QEMU connected, and the
counters at shutdown.  Prints the bus's round-trip time.

Usage: ivshmem_test.py SIM WORKDIR
"""
import mmap
import os
import re
import select
import socket
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scapy.all import IP, UDP, Ether, Raw  # noqa: E402
from scapy.layers.vxlan import VXLAN  # noqa: E402
from simclient import (  # noqa: E402
    CMD_HDR, CPL, CPL_DECAP, CPL_PHASE, CPL_RX, CTRL_ARM, CTRL_ENABLE, DESC,
    HEARTBEAT, IRQ_COUNT, IRQ_MASK, MBOX_DMA_DOORBELL, MBOX_DMA_REQ_LO,
    MBOX_DMA_RESP_LO, MBOX_DMA_RESP_MAX, MBOX_DONE, MBOX_FAULT, MBOX_IRQ,
    MBOX_STATUS, OP, Q_BASE_HI, Q_BASE_LO, Q_CQ,
    Q_CTRL, Q_HEAD, Q_LOG_SIZE, Q_TAIL, Q_VPORT, RB_DEV, RB_IRQ, RB_MBOX,
    RB_PORTS, RB_QM, QueueWindows, Results, Sim, bar_mailbox, program_tenant)

SIM, WORK = sys.argv[1:3]
res = Results()
BASE = 26000 + (os.getpid() % 2000) * 2

# pci.h
SHM_HDR = struct.Struct("<8sIIIIII32xII56x")
SHM_OP = struct.Struct("<IHHII")        # seq, op, pad, off, val
SHM_SIZE, SHM_RING, SHM_VEC_BUS = 0x100000, 1024, 0
OP_READ, OP_WRITE = 1, 2
HDR_CONS, HDR_SKIPPED = 64, 68
# regs.h
BAR0_SIZE, DEV_ID, IRQS = 0x40000, 0x6d636e31, 32
DEV_REG_ID = 0x10

# Guest RAM: DMA address = offset in the file.
RAM_SIZE = 16 << 20
TXR, TXC, RXR, RXC = 0x100000, 0x101000, 0x102000, 0x103000
TXB, RXB, BUF = 0x110000, 0x120000, 0x800
N, VEC_TX, VEC_RX = 8, 1, 2

MAC_A, GW = "02:00:0a:00:00:01", "02:00:0a:00:00:fe"
VTEP_A, VTEP_B = "192.0.2.1", "198.51.100.1"
HOST_A = "02:00:00:00:01:0a"


class Qemu:
    """The ivshmem device's end of the socket, as QEMU 7.2 is."""

    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(5)
        self.s.connect(path)
        self.fds = []
        self.shm = None

    def recv(self):
        """(value, fds) of the next message; None at EOF."""
        data, fds, _, _ = socket.recv_fds(self.s, 8, 4)
        self.fds += fds
        while data and len(data) < 8:
            more, f2, _, _ = socket.recv_fds(self.s, 8 - len(data), 4)
            if not more:
                break
            data += more
            fds += f2
            self.fds += f2
        if len(data) < 8:
            return None
        return struct.unpack("<q", data)[0], fds

    def setup(self):
        """Reads the set-up; returns what went wrong, or None."""
        m = [self.recv() for _ in range(3)]
        if None in m:
            return "connection closed in the set-up: %s" % m
        (ver, f0), (self.id, f1), (shm, f2) = m
        if ver != 0 or f0:
            return "version message %d with %d fds" % (ver, len(f0))
        if not 0 <= self.id <= 0xffff or f1:
            return "id message %d with %d fds" % (self.id, len(f1))
        if shm != -1 or len(f2) != 1:
            return "shm message %d with %d fds" % (shm, len(f2))
        self.shm_fd = f2[0]
        self.shm_size = os.fstat(self.shm_fd).st_size
        self.shm = mmap.mmap(self.shm_fd, SHM_SIZE)
        self.hdr = SHM_HDR.unpack_from(self.shm)
        self.vectors = self.hdr[6]
        self.peer = self.bell = None
        self.bell, self.irq = [], []
        for _ in range(2 * self.vectors):
            m = self.recv()
            if m is None or len(m[1]) != 1:
                return "eventfd message %s" % (m,)
            if self.peer is None:
                self.peer = m[0]
            if m[0] == self.peer and len(self.bell) < self.vectors:
                self.bell.append(m[1][0])
            elif m[0] == self.id:
                self.irq.append(m[1][0])
            else:
                return "eventfd message for peer %d out of order" % m[0]
        return None

    def nothing_more(self):
        self.s.setblocking(False)
        try:
            return self.s.recv(8) is None
        except BlockingIOError:
            return True
        finally:
            self.s.settimeout(5)

    def wait_irq(self, vec, timeout=2):
        """Nonzero if vector vec fired (its eventfd read, so cleared)."""
        r, _, _ = select.select([self.irq[vec]], [], [], timeout)
        if not r:
            return 0
        return struct.unpack("<Q", os.read(self.irq[vec], 8))[0]

    def close(self):
        if self.shm:
            self.shm.close()
        for fd in self.fds:
            os.close(fd)
        self.fds = []
        self.s.close()


class Bus:
    """The driver's side of the shm bus: entries, seq last, doorbell."""

    def __init__(self, q):
        self.q = q
        self.mem = q.shm
        self.ring_off = q.hdr[2]
        self.size = q.hdr[3]
        self.p = self.cons()
        self.bells = 0

    def cons(self):
        return struct.unpack_from("<I", self.mem, HDR_CONS)[0]

    def done(self, idx):
        return (self.cons() - (idx + 1)) & 0xffffffff < 0x80000000

    def wait(self, idx, timeout=2):
        deadline = time.monotonic() + timeout
        while not self.done(idx):
            if time.monotonic() > deadline:
                return False
        return True

    def doorbell(self):
        """What QEMU does on the guest's DOORBELL write of
        sim_peer << 16 | MCNIC_SHM_VEC_BUS."""
        os.write(self.q.bell[SHM_VEC_BUS], struct.pack("<Q", 1))
        self.bells += 1

    def push(self, op, off, val=0, bell=True):
        """One entry; returns its index."""
        while (self.p - self.cons()) & 0xffffffff >= self.size:
            pass
        at = self.ring_off + (self.p % self.size) * SHM_OP.size
        struct.pack_into("<HHII", self.mem, at + 4, op, 0, off, val)
        struct.pack_into("<I", self.mem, at, (self.p + 1) & 0xffffffff)
        idx = self.p
        self.p += 1
        if bell:
            self.doorbell()
        return idx

    def val(self, idx):
        at = self.ring_off + (idx % self.size) * SHM_OP.size
        return SHM_OP.unpack_from(self.mem, at)[4]

    def read(self, off):
        idx = self.push(OP_READ, off)
        if not self.wait(idx):
            return None
        return self.val(idx)

    def write(self, off, val):
        self.push(OP_WRITE, off, val)

    def sync(self):
        return self.wait(self.p - 1)


class Driver(QueueWindows):
    """BAR 0 through the bus; queues with rings in guest RAM."""

    def __init__(self, bus, ram):
        self.b = bus
        self.ram = ram
        self.blocks = {}
        self.txp = self.rxp = 0
        self.cqt = {0: 0, 1: 0}

    def walk(self):
        off, seen = 0, []
        for _ in range(16):
            t = self.b.read(off)
            seen.append(t)
            self.blocks[t] = off
            off = self.b.read(off + 8)
            if not off:
                break
        qm = self.blocks.get(RB_QM)
        if qm is not None:
            self.qm_geometry(self.b.read, qm)
        return seen

    def ring(self, w, addr, cq=None, vport=None, ctrl=CTRL_ENABLE):
        self.b.write(w + Q_BASE_LO, addr)
        self.b.write(w + Q_BASE_HI, 0)
        self.b.write(w + Q_LOG_SIZE, 3)
        if cq is not None:
            self.b.write(w + Q_CQ, cq)
            self.b.write(w + Q_VPORT, vport)
        self.b.write(w + Q_CTRL, ctrl)
        return self.b.read(w + Q_CTRL) & CTRL_ENABLE

    def setup(self):
        return (self.ring(self.cq(0), TXC, ctrl=CTRL_ENABLE | VEC_TX << 16)
                and self.ring(self.cq(1), RXC,
                              ctrl=CTRL_ENABLE | VEC_RX << 16)
                and self.ring(self.txq(0), TXR, cq=0, vport=16)
                and self.ring(self.rxq(0), RXR, cq=1, vport=16))

    def send(self, frame):
        slot = self.txp % N
        self.ram[TXB + slot * BUF:TXB + slot * BUF + len(frame)] = frame
        DESC.pack_into(self.ram, TXR + slot * DESC.size,
                       TXB + slot * BUF, len(frame), 0, 0)
        self.txp += 1
        self.b.write(self.txq(0) + Q_HEAD, self.txp)

    def post(self):
        slot = self.rxp % N
        DESC.pack_into(self.ram, RXR + slot * DESC.size, RXB + slot * BUF,
                       BUF, 0, 0)
        self.rxp += 1
        self.b.write(self.rxq(0) + Q_HEAD, self.rxp)
        return self.b.read(self.rxq(0) + Q_HEAD) == self.rxp

    def cpl(self, cq, timeout=3):
        """The next completion of CQ cq in guest RAM, or None."""
        base = TXC if cq == 0 else RXC
        t = self.cqt[cq]
        phase = CPL_PHASE if (t // N) % 2 == 0 else 0
        deadline = time.time() + timeout
        while time.time() < deadline:
            e = CPL.unpack_from(self.ram, base + (t % N) * CPL.size)
            if e[5] & CPL_PHASE == phase:
                self.cqt[cq] = t + 1
                self.b.write(self.cq(cq) + Q_TAIL, t + 1)
                return e
            time.sleep(0.002)
        return None

    def mbox(self, req):
        return bar_mailbox(self.b.read, self.b.write, self.blocks[RB_MBOX],
                           req)


def tenant_frame(src, dst, payload, smac=HOST_A, dmac="02:00:0a:00:01:10"):
    return bytes(Ether(src=smac, dst=dmac) / IP(src=src, dst=dst) /
                 UDP(sport=1234, dport=80) / Raw(payload))


def vxlan(inner):
    return bytes(Ether(src=GW, dst=MAC_A) / IP(src=VTEP_B, dst=VTEP_A) /
                 UDP(sport=50000, dport=4789) / VXLAN(vni=1001) / inner)


def connect(path):
    q = Qemu(path)
    why = q.setup()
    res.check(why is None, "QEMU's set-up: version 0, its id, the shm fd, "
              "%s eventfds for the NIC peer and its own (%s)"
              % (getattr(q, "vectors", "?"), why or "ok"))
    if why is None:
        res.check(q.nothing_more(), "nothing after the set-up")
    return q if why is None else None


def eventfds(fds):
    return all(os.readlink("/proc/self/fd/%d" % fd) ==
               "anon_inode:[eventfd]" for fd in fds)


def test_setup(q):
    magic, ver, ring_off, ring_size, peer, bar0, vecs, cons, skipped = q.hdr
    res.check(q.shm_size == SHM_SIZE, "BAR 2 is 1 MiB (%d)" % q.shm_size)
    res.check(magic == b"MCNICSHM" and ver == 1, "header: magic MCNICSHM, "
              "version 1 (%r, %d)" % (magic, ver))
    res.check(ring_size == SHM_RING and ring_off >= SHM_HDR.size and
              ring_off % SHM_OP.size == 0 and
              ring_off + ring_size * SHM_OP.size <= SHM_SIZE,
              "header: ring of %d entries at 0x%x inside BAR 2"
              % (ring_size, ring_off))
    res.check(bar0 == BAR0_SIZE and vecs == IRQS, "header: bar0_size "
              "0x%x, vectors %d" % (bar0, vecs))
    res.check(peer == q.peer and peer != q.id, "header: sim_peer %d is the "
              "eventfds' peer, not QEMU's id %d" % (peer, q.id))
    res.check(cons == 0 and skipped == 0, "header: cons and skipped 0")
    res.check(len(q.bell) == vecs and len(q.irq) == vecs and
              eventfds(q.bell + q.irq), "%d eventfds each way" % vecs)


def test_registers(d, q):
    b = d.b
    res.check(b.read(DEV_REG_ID) == DEV_ID, "DEV REG_ID through the ring: "
              "0x%x" % DEV_ID)
    seen = d.walk()
    res.check(seen == [RB_DEV, RB_MBOX, RB_QM, RB_IRQ, RB_PORTS],
              "block chain walked: DEV, MBOX, QM, IRQ, PORTS (%s)"
              % [hex(t) for t in seen])
    irq = d.blocks[RB_IRQ]
    res.check(b.read(irq + IRQ_COUNT) == q.vectors,
              "IRQ block COUNT = hdr.vectors")
    # Posted writes in order, a read after them sees the last.
    for v in (0xffffffff, 0x5, 0):
        b.write(irq + IRQ_MASK, v)
    res.check(b.read(irq + IRQ_MASK) == 0, "writes posted in order; the "
              "read after them sees the last (mask 0: all unmasked)")


def heartbeat(d, seq):
    hdr = CMD_HDR.pack(1, OP["HEARTBEAT"], seq, 0, 0, 0, 0, 0, 0, b"")
    ans = d.mbox(hdr)
    if ans is None or len(ans) != CMD_HDR.size + HEARTBEAT.size:
        return False
    h = CMD_HDR.unpack_from(ans)
    return h[1] == OP["HEARTBEAT"] and h[2] == seq and h[6] == 0


def test_mailbox(d, q):
    mb = d.blocks[RB_MBOX]
    vec = d.b.read(mb + MBOX_IRQ)
    for v in range(q.vectors):          # nothing pending from before
        q.wait_irq(v, 0)
    res.check(heartbeat(d, 91), "HEARTBEAT through the MBOX block over "
              "the shm bus")
    res.check(q.wait_irq(vec) == 1, "the mailbox's vector %d arrives on "
              "QEMU's eventfd %d" % (vec, vec))
    others = [v for v in range(q.vectors) if v != vec and
              q.wait_irq(v, 0)]
    res.check(not others, "no other vector fired (%s)" % others)
    irq = d.blocks[RB_IRQ]
    d.b.write(irq + IRQ_MASK, 1 << vec)
    res.check(heartbeat(d, 92) and q.wait_irq(vec, 0.3) == 0,
              "masked: the answer comes, the interrupt does not")
    d.b.write(irq + IRQ_MASK, 0)
    d.b.sync()
    res.check(q.wait_irq(vec) == 1, "unmasked: the pending vector fires")


def test_skipped(b, q):
    before = struct.unpack_from("<I", q.shm, HDR_SKIPPED)[0]
    bad = [b.push(7, 0), b.push(0, 0x10), b.push(OP_READ, BAR0_SIZE),
           b.push(OP_READ, 0x12), b.push(OP_READ, 0xfffffffc),
           b.push(OP_WRITE, BAR0_SIZE + 4, 1)]
    good = b.push(OP_READ, DEV_REG_ID)
    ok = b.wait(good)
    after = struct.unpack_from("<I", q.shm, HDR_SKIPPED)[0]
    res.check(ok and b.val(good) == DEV_ID, "an entry after bad ones is "
              "executed")
    res.check(after - before == len(bad), "bad op (7, 0), offset past "
              "BAR 0, unaligned, past BAR 0 by a write: skipped and "
              "counted in hdr.skipped (%d)" % (after - before))
    vals = [b.val(i) for i in bad]
    res.check(all(v == 0xffffffff for v in vals), "skipped entries answer "
              "0xffffffff (%s)" % [hex(v) for v in vals])


def test_ring(b):
    """Full ring under one doorbell, then wraps, with round-trip times."""
    start = b.p
    idx = [b.push(OP_READ, DEV_REG_ID, bell=False) for _ in range(b.size)]
    b.doorbell()
    ok = b.wait(idx[-1]) and all(b.val(i) == DEV_ID for i in idx)
    res.check(ok, "a full ring of %d reads under one doorbell, all "
              "answered" % b.size)
    rtt = []
    ok = True
    for _ in range(3000):
        t0 = time.perf_counter_ns()
        v = b.read(DEV_REG_ID)
        rtt.append(time.perf_counter_ns() - t0)
        ok &= v == DEV_ID
    rtt.sort()
    res.check(ok and b.p - start > 3 * b.size, "3000 reads over %d wraps "
              "of the ring, all right" % ((b.p - start) // b.size))
    med, p99 = rtt[len(rtt) // 2] / 1000, rtt[len(rtt) * 99 // 100] / 1000
    print("shm bus round trip (Python client): median %.1f us, p99 %.1f "
          "us, max %.1f us" % (med, p99, rtt[-1] / 1000))
    res.check(med < 2000, "round trip median %.1f us under 2 ms" % med)


def test_owner(sim, d, q, ctl, memfd):
    """The host socket knows QEMU is the PCIe side."""
    res.check(ctl.map([memfd], 0x90000000, 4096) == -16,
              "host socket MAP while QEMU is connected: -EBUSY")
    res.check(sim.wait_log(r"MAP: QEMU \(ivshmem\) is the PCIe side"),
              "the refused MAP names QEMU")
    irq = d.blocks[RB_IRQ]
    ctl.reg_write(irq + IRQ_MASK, 0xffffffff)
    res.check(d.b.read(irq + IRQ_MASK) == 0 and
              ctl.reg_read(irq + IRQ_MASK) == 0, "a host socket REG_WRITE "
              "is dropped while QEMU is the PCIe side; REG_READ answers")
    second = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    second.settimeout(3)
    second.connect(sim.ivsh)
    try:
        data, fds, _, _ = socket.recv_fds(second, 8, 4)
    except socket.timeout:
        data, fds = None, []
    res.check(data == b"" and not fds, "a second QEMU is closed at once, "
              "sent nothing")
    second.close()
    res.check(sim.wait_log(r"ivshmem: client refused: a QEMU is "
                           r"connected"), "the refusal is logged")
    res.check(d.b.read(DEV_REG_ID) == DEV_ID, "the first QEMU goes on")


def test_dma(d, q, peer):
    res.check(d.setup(), "CQs, TX and RX queue of vport 16 enabled, rings "
              "in guest RAM")
    f = tenant_frame("10.1.0.5", "10.2.0.9", b"from guest RAM")
    d.send(f)
    c = d.cpl(0)
    res.check(c is not None and c[1] == 0 and c[6] == 0,
              "TX completion written into guest RAM (%s)" % (c,))
    try:
        peer.settimeout(3)
        w = Ether(peer.recv(4096))
        ok = (w.haslayer(VXLAN) and w[VXLAN].vni == 1001 and
              bytes(w[VXLAN].payload) == f)
    except socket.timeout:
        ok = False
    res.check(ok, "the TX frame read from guest RAM left uplink 0 in VXLAN")
    res.check(d.post(), "an RX buffer posted")
    cq = d.cq(1)
    d.b.write(cq + Q_CTRL, CTRL_ENABLE | CTRL_ARM | VEC_RX << 16)
    d.b.sync()
    f = tenant_frame("10.2.0.7", "10.1.0.5", b"into guest RAM",
                     smac="02:00:0b:00:00:14", dmac=HOST_A)
    peer.send(vxlan(f))
    c = d.cpl(1)
    ok = c is not None and c[5] & (CPL_RX | CPL_DECAP) == CPL_RX | CPL_DECAP
    res.check(ok and bytes(d.ram[RXB:RXB + c[2]]) == f,
              "RX: the decapsulated frame and its completion in guest RAM")
    res.check(q.wait_irq(VEC_RX) == 1, "the armed RX CQ's vector %d on "
              "QEMU's eventfd" % VEC_RX)


def test_gone(sim, q, ctl, memfd, d):
    q.close()
    res.check(sim.wait_log(r"ivshmem: QEMU disconnected: PCIe side gone"),
              "QEMU closing is logged as the PCIe side going")
    res.check(all(ctl.reg_read(w + Q_CTRL) & CTRL_ENABLE == 0
                  for w in (d.txq(0), d.rxq(0), d.cq(0), d.cq(1))),
              "every queue disabled")
    # A host socket client may be the PCIe side now; QEMU is refused then.
    drv = sim.client()
    res.check(drv.map([memfd], 0x90000000, 4096) == 0,
              "a host socket MAP works once QEMU is gone")
    late = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    late.settimeout(3)
    late.connect(sim.ivsh)
    res.check(late.recv(8) == b"" and sim.wait_log(
        r"client refused: a host socket client is the PCIe side"),
        "a QEMU while a MAP client is the PCIe side: refused")
    late.close()
    drv.close()
    sim.wait_log(r"PCIe side gone: queues stopped, host memory unmapped")


def test_again(sim, ram, peer):
    q = connect(sim.ivsh)
    if not q:
        return
    b = Bus(q)
    res.check(b.p > 0 and b.read(DEV_REG_ID) == DEV_ID,
              "a new QEMU connects; its driver starts at hdr.cons (%d)"
              % b.p)
    d = Driver(b, ram)
    d.walk()
    res.check(d.b.read(d.cq(0) + Q_CTRL) & CTRL_ENABLE == 0,
              "it finds the queues disabled")
    res.check(sim.wait_log(r"(?s)guest RAM \S+ mapped.*guest RAM \S+ "
                           r"mapped"), "guest RAM mapped again")
    d.cqt = {0: 0, 1: 0}
    d.setup()
    f = tenant_frame("10.1.0.5", "10.2.0.10", b"second guest")
    d.send(f)
    c = d.cpl(0)
    try:
        peer.settimeout(3)
        w = Ether(peer.recv(4096))
        ok = w.haslayer(VXLAN) and bytes(w[VXLAN].payload) == f
    except socket.timeout:
        ok = False
    res.check(c is not None and ok, "DMA works for the new QEMU")
    return q


def test_usage():
    r = subprocess.run([SIM, "run", "--ivshmem", os.path.join(WORK, "x")],
                       capture_output=True, text=True)
    res.check(r.returncode == 2 and "--ivshmem and --guest-ram go together"
              in r.stderr, "--ivshmem without --guest-ram: usage error")
    r = subprocess.run([SIM, "run", "--help"], capture_output=True,
                       text=True)
    res.check(r.returncode == 0 and "--ivshmem PATH" in r.stdout and
              "--guest-ram FILE" in r.stdout, "--help documents both")
    plain = os.path.join(WORK, "plain")
    open(plain, "w").close()
    r = subprocess.run([SIM, "run", "--ivshmem", plain, "--guest-ram",
                        plain], capture_output=True, text=True)
    res.check(r.returncode == 1 and "exists and is not a socket" in
              r.stderr, "--ivshmem on a plain file: refused")


def test_late_ram():
    """QEMU connects before it creates its RAM file: mapped at the first
    doorbell after the file is there."""
    ram = os.path.join(WORK, "late.ram")
    sim = Sim(SIM, WORK, "late", ["--ivshmem", os.path.join(WORK,
                                                            "late.ivsh"),
                                  "--guest-ram", ram], socket_path=False)
    if not res.check(sim.start(), "a sim whose guest RAM is not there"):
        return
    q = connect(os.path.join(WORK, "late.ivsh"))
    if q:
        b = Bus(q)
        res.check(sim.wait_log(r"guest RAM \S+ not there yet") and
                  b.read(DEV_REG_ID) == DEV_ID,
                  "not there at connect: logged; the bus works without it")
        subprocess.run(["truncate", "-s", "1M", ram], check=True)
        b.read(DEV_REG_ID)
        res.check(sim.wait_log(r"(?m)guest RAM \S+late.ram mapped: DMA "
                               r"0x0\.\.0xfffff$"),
                  "made later: mapped at the next doorbell")
        q.close()
    res.check(sim.stop() == 0, "that sim stops cleanly")


def dma_heartbeat(d, ram, req_at, req_gpa, ans_at, ans_gpa, seq):
    """HEARTBEAT through the mailbox's DMA mode: the request written at
    file offset req_at, given to the NIC as guest physical req_gpa; the
    STATUS it ends with, and whether the answer is at ans_at."""
    mb = d.blocks[RB_MBOX]
    req = CMD_HDR.pack(1, OP["HEARTBEAT"], seq, 0, 0, 0, 0, 0, 0, b"")
    ram[req_at:req_at + len(req)] = req
    for reg, val in ((MBOX_DMA_REQ_LO, req_gpa), (MBOX_DMA_RESP_LO, ans_gpa)):
        d.b.write(mb + reg, val & 0xffffffff)
        d.b.write(mb + reg + 4, val >> 32)
    d.b.write(mb + MBOX_DMA_RESP_MAX, 4096)
    d.b.write(mb + MBOX_DMA_DOORBELL, len(req))
    st = d.b.read(mb + MBOX_STATUS)
    h = CMD_HDR.unpack_from(ram, ans_at)
    return st, h[1] == OP["HEARTBEAT"] and h[2] == seq and h[6] == 0


def test_q35_ram():
    """A guest of 3 GiB: q35 puts its first 2 GiB at 0 and the last at
    4 GiB; the NIC reaches both, and not the hole between."""
    path = os.path.join(WORK, "q35.ram")
    subprocess.run(["truncate", "-s", "3G", path], check=True)
    sim = Sim(SIM, WORK, "q35", ["--ivshmem", os.path.join(WORK, "q35.ivsh"),
                                 "--guest-ram", path], socket_path=False)
    if not res.check(sim.start(), "a sim with 3 GiB of guest RAM"):
        return
    q = connect(os.path.join(WORK, "q35.ivsh"))
    fd = os.open(path, os.O_RDWR)
    ram = mmap.mmap(fd, 3 << 30)
    if q:
        d = Driver(Bus(q), ram)
        d.walk()
        res.check(sim.wait_log(r"guest RAM \S+q35.ram mapped: DMA "
                               r"0x0\.\.0x7fffffff and "
                               r"0x100000000\.\.0x13fffffff"),
                  "3 GiB: mapped as 0..2 GiB and 4..5 GiB")
        st, ok = dma_heartbeat(d, ram, (2 << 30) + 0x1000, (4 << 30) + 0x1000,
                               0x2000, 0x2000, 71)
        res.check(st == MBOX_DONE and ok, "mailbox by DMA: a request above "
                  "4 GiB (file offset 2 GiB) answered below (status %s)" % st)
        ram[0x2000:0x2000 + CMD_HDR.size] = bytes(CMD_HDR.size)
        st, ok = dma_heartbeat(d, ram, 0x1000, 0x1000, (3 << 30) - 0x1000,
                               (5 << 30) - 0x1000, 72)
        res.check(st == MBOX_DONE and ok, "and an answer in the last page "
                  "of RAM, at 5 GiB - 4 KiB (status %s)" % st)
        st, ok = dma_heartbeat(d, ram, 0x1000, (2 << 30) + 0x1000, 0x2000,
                               0x2000, 73)
        res.check(st == MBOX_FAULT, "a request in the hole at 2 GiB: "
                  "FAULT (status %s)" % st)
        q.close()
    ram.close()
    os.close(fd)
    res.check(sim.stop() == 0, "that sim stops cleanly")
    os.unlink(path)


def stale_socket(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path)
    s.close()


def main():
    test_usage()
    ram_path = os.path.join(WORK, "guest.ram")
    subprocess.run(["truncate", "-s", str(RAM_SIZE), ram_path], check=True)
    ivsh = os.path.join(WORK, "nic.ivsh")
    stale_socket(ivsh)
    peer = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    peer.bind(("127.0.0.1", BASE + 1))
    peer.connect(("127.0.0.1", BASE))
    sim = Sim(SIM, WORK, "ivsh", ["--ivshmem", ivsh, "--guest-ram", ram_path,
                                  "--port", "0=udp:127.0.0.1:%d:127.0.0.1:%d"
                                  % (BASE, BASE + 1)])
    sim.ivsh = ivsh
    if not res.check(sim.start(), "sim with --ivshmem over a stale socket "
                     "starts"):
        print(sim.log_text())
        return
    ctl = sim.client()
    program_tenant(ctl, res, MAC_A, VTEP_A, VTEP_B, GW, 1001)
    fd = os.open(ram_path, os.O_RDWR)
    ram = mmap.mmap(fd, RAM_SIZE)
    memfd = os.memfd_create("ivshmem-test")
    os.ftruncate(memfd, 4096)
    q = connect(ivsh)
    if q:
        test_setup(q)
        res.check(sim.wait_log(r"(?m)guest RAM \S+ mapped: DMA "
                               r"0x0\.\.0xffffff$"),
                  "guest RAM mapped at connect, 16 MiB from DMA address 0")
        d = Driver(Bus(q), ram)
        test_registers(d, q)
        test_mailbox(d, q)
        test_skipped(d.b, q)
        test_ring(d.b)
        test_owner(sim, d, q, ctl, memfd)
        test_dma(d, q, peer)
        test_gone(sim, q, ctl, memfd, d)
        q2 = test_again(sim, ram, peer)
        if q2:
            q2.close()
    ctl.close()
    res.check(sim.stop() == 0, "sim stops cleanly")
    log = sim.log_text()
    m = re.search(r"ivshmem: (\d+) connects \((\d+) refused, 0 accept "
                  r"errors\), guest RAM mapped (\d+) times \(0 errors\), "
                  r"(\d+) doorbells, (\d+) bus ops \((\d+) reads, (\d+) "
                  r"writes, (\d+) skipped\), (\d+) interrupts sent", log)
    res.check(m is not None, "ivshmem counters at shutdown")
    if m:
        n = [int(x) for x in m.groups()]
        res.check(n[0] == 2 and n[1] == 2 and n[2] == 2,
                  "2 connects, 2 refused, guest RAM mapped twice (%s)" % n)
        res.check(n[7] == 6 and n[4] == n[5] + n[6] + n[7] and n[4] > 4100,
                  "bus ops = reads + writes + 6 skipped (%s)" % n[4:8])
        res.check(n[8] == 3, "3 interrupts sent: mailbox, mailbox "
                  "unmasked, RX (%d)" % n[8])
    res.check(not os.path.exists(ivsh), "the ivshmem socket is removed")
    ram.close()
    os.close(fd)
    os.close(memfd)
    peer.close()
    test_late_ram()
    test_q35_ram()


main()
sys.exit(res.finish())
