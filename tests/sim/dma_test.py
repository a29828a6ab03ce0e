#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""The simulated NIC's queues as a driver in user space sees them: it
MAPs a memfd as host memory, finds the QM, IRQ and MBOX blocks by walking
BAR 0 with REG_READ, and sets up a TX queue and an RX queue of vport 16
with 8-entry rings and a CQ each.  Frames sent on the TX ring leave a UDP
uplink VXLAN-encapsulated; VXLAN frames from the uplink's peer land in the
RX ring.  Completions, phase bits over several wraps, ARM and interrupts
(masked too), a full CQ, descriptors outside host memory, an RX queue
without buffers, a mailbox command through the registers, refused MAPs,
host memory shrinking under the NIC and the PCIe side going away.

Usage: dma_test.py SIM WORKDIR
"""
import mmap
import os
import signal
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scapy.all import IP, UDP, Ether, Raw  # noqa: E402
from scapy.layers.vxlan import VXLAN  # noqa: E402
from simclient import (  # noqa: E402
    CMD_HDR, CPL, CPL_DECAP, CPL_ERR_DMA, CPL_ERR_LEN, CPL_PHASE, CPL_RX,
    CTRL_ARM, CTRL_ENABLE, DESC, HEARTBEAT, IRQ_MASK, OP, Q_BASE_HI,
    Q_BASE_LO, Q_CQ, Q_CTRL, Q_HEAD, Q_LOG_SIZE, Q_TAIL, Q_VPORT, RB_DEV,
    RB_IRQ, RB_MBOX, RB_QM, SOCK_HDR, SOCK_MAP, SOCK_MAP_BODY, SOCK_REG,
    SOCK_REG_WRITE, QueueWindows, Results, Sim, bar_mailbox, program_tenant)

SIM, WORK = sys.argv[1:3]
res = Results()
BASE = 24000 + (os.getpid() % 2000) * 2

MAC_A, GW = "02:00:0a:00:00:01", "02:00:0a:00:00:fe"
VTEP_A, VTEP_B = "192.0.2.1", "198.51.100.1"
HOST_A = "02:00:00:00:01:0a"

RULE_DEFAULT = 0xffffffff
DROP_NO_ROUTE = 48

# The driver's memory: rings, then buffers, at DMA address DMA.
MEM, DMA = 1 << 20, 0x40000000
TXR, RXR, TXC, RXC = 0x0000, 0x1000, 0x2000, 0x3000
TXB, RXB, BUF = 0x10000, 0x20000, 0x800
N = 8
VEC_TX, VEC_RX = 1, 2


def tenant_frame(src, dst, payload, smac=HOST_A, dmac="02:00:0a:00:01:10"):
    return bytes(Ether(src=smac, dst=dmac) / IP(src=src, dst=dst) /
                 UDP(sport=1234, dport=80) / Raw(payload))


def vxlan(inner, src=VTEP_B):
    return bytes(Ether(src=GW, dst=MAC_A) / IP(src=src, dst=VTEP_A) /
                 UDP(sport=50000, dport=4789) / VXLAN(vni=1001) / inner)


class Driver(QueueWindows):
    """A user-space driver: the memfd, BAR 0 through the socket, rings."""

    def __init__(self, sim):
        self.c = sim.client()
        self.fd = os.memfd_create("mcnic-dma-test")
        os.ftruncate(self.fd, MEM)
        self.mem = mmap.mmap(self.fd, MEM)
        self.blocks = {}
        self.txp = self.rxp = 0     # driver's HEAD of TX / RX
        self.cqt = {0: 0, 1: 0}     # driver's TAIL of CQ 0 / 1

    def close(self):
        self.c.close()
        self.mem.close()
        os.close(self.fd)

    def walk(self):
        off = 0
        for _ in range(16):
            self.blocks[self.c.reg_read(off)] = off
            off = self.c.reg_read(off + 8)
            if not off:
                break
        qm = self.blocks.get(RB_QM)
        if qm is None:
            return False
        self.qm_geometry(self.c.reg_read, qm)
        return all(t in self.blocks for t in (RB_DEV, RB_MBOX, RB_IRQ))

    def ring(self, w, off, log=3, cq=None, vport=None, ctrl=CTRL_ENABLE):
        r = self.c.reg_write
        r(w + Q_BASE_LO, DMA + off)
        r(w + Q_BASE_HI, 0)
        r(w + Q_LOG_SIZE, log)
        if cq is not None:
            r(w + Q_CQ, cq)
            r(w + Q_VPORT, vport)
        r(w + Q_CTRL, ctrl)
        return self.c.reg_read(w + Q_CTRL) & CTRL_ENABLE

    def setup(self):
        return (self.ring(self.cq(0), TXC, ctrl=CTRL_ENABLE | VEC_TX << 16)
                and self.ring(self.cq(1), RXC,
                              ctrl=CTRL_ENABLE | VEC_RX << 16)
                and self.ring(self.txq(0), TXR, cq=0, vport=16)
                and self.ring(self.rxq(0), RXR, cq=1, vport=16))

    def desc(self, ring, idx, addr, ln):
        DESC.pack_into(self.mem, ring + (idx % N) * DESC.size, addr, ln, 0,
                       0)

    def send(self, frames, addr=None):
        """TX descriptors for frames (or an addr for all), then HEAD."""
        for f in frames:
            slot = self.txp % N
            self.mem[TXB + slot * BUF:TXB + slot * BUF + len(f)] = f
            self.desc(TXR, self.txp,
                      addr if addr is not None else DMA + TXB + slot * BUF,
                      len(f))
            self.txp += 1
        self.c.reg_write(self.txq(0) + Q_HEAD, self.txp & 0xffffffff)

    def post(self, n, size=BUF, addr=None):
        """RX buffers, then HEAD; a read flushes the posted write, so a
        frame the test then sends on the uplink finds them."""
        for _ in range(n):
            self.desc(RXR, self.rxp, addr if addr is not None else
                      DMA + RXB + (self.rxp % N) * BUF, size)
            self.rxp += 1
        self.c.reg_write(self.rxq(0) + Q_HEAD, self.rxp & 0xffffffff)
        return self.c.reg_read(self.rxq(0) + Q_HEAD) == self.rxp

    def cpls(self, cq, n, timeout=5):
        """The next n completions of CQ cq (0: TX, 1: RX) by their phase,
        consumed (TAIL written); fewer if they do not come in time."""
        base = TXC if cq == 0 else RXC
        got = []
        written = self.cqt[cq]
        deadline = time.time() + timeout
        while len(got) < n and time.time() < deadline:
            t = self.cqt[cq]
            e = CPL.unpack_from(self.mem, base + (t % N) * CPL.size)
            phase = CPL_PHASE if (t // N) % 2 == 0 else 0
            if (e[5] & CPL_PHASE) == phase:
                got.append(e + (phase,))
                self.cqt[cq] = t + 1
                continue
            # Nothing new: free what was consumed (a full CQ stops TX).
            if written != t:
                self.c.reg_write(self.cq(cq) + Q_TAIL, t & 0xffffffff)
                written = t
            time.sleep(0.002)
        if written != self.cqt[cq]:
            self.c.reg_write(self.cq(cq) + Q_TAIL, self.cqt[cq])
        return got

    def rx_data(self, cpl):
        off = RXB + cpl[1] * BUF
        return bytes(self.mem[off:off + cpl[2]])

    def mbox(self, req):
        return bar_mailbox(self.c.reg_read, self.c.reg_write,
                           self.blocks[RB_MBOX], req)


def recv_all(peer, n, timeout=3):
    out = []
    peer.settimeout(timeout)
    try:
        while len(out) < n:
            out.append(peer.recv(4096))
    except socket.timeout:
        pass
    return out


def check_encap(data, inner):
    p = Ether(data)
    return (p.haslayer(VXLAN) and p[IP].dst == VTEP_B and
            p[VXLAN].vni == 1001 and bytes(p[VXLAN].payload) == inner)


def test_bad_vport(d):
    """VPORT is a 32-bit register: 0x10010 is not vport 16 (it once
    indexed the RX tables out of bounds)."""
    for v in (0x10010, 0xffff0010, 1, 40):
        res.check(not d.ring(d.rxq(1), RXR, cq=1, vport=v),
                  "RX queue with VPORT 0x%x refused" % v)
        res.check(not d.ring(d.txq(1), TXR, cq=0, vport=v),
                  "TX queue with VPORT 0x%x refused" % v)
    res.check(d.c.reg_read(d.cq(0) + Q_CTRL) & CTRL_ENABLE,
              "the daemon still answers")


def test_mailbox(d):
    """HEARTBEAT through the MBOX registers; its vector comes as IRQ."""
    hdr = CMD_HDR.pack(1, OP["HEARTBEAT"], 77, 0, 0, 0, 0, 0, 0, b"")
    ans = d.mbox(hdr)
    ok = ans is not None and len(ans) == CMD_HDR.size + HEARTBEAT.size
    if ok:
        h = CMD_HDR.unpack_from(ans)
        ok = h[1] == OP["HEARTBEAT"] and h[2] == 77 and h[6] == 0
    res.check(ok, "HEARTBEAT through REG_WRITE/REG_READ of the MBOX block")
    res.check(d.c.wait_irq(2) == 0,
              "the mailbox's completion vector 0 arrives as an IRQ message")


def test_tx(d, peer):
    """24 frames in three batches: three passes over both rings."""
    ok_cpl = ok_phase = ok_wire = True
    for rnd in range(3):
        frames = [tenant_frame("10.1.0.5", "10.2.0.%d" % (rnd * N + i + 1),
                               b"tx %d" % i) for i in range(N)]
        start = d.txp
        d.send(frames)
        cpl = d.cpls(0, N)
        wire = recv_all(peer, N)
        ok_cpl &= len(cpl) == N and all(
            c[0] == 0 and c[1] == (start + i) % N and c[6] == 0 and
            not c[5] & (CPL_RX | CPL_ERR_DMA | CPL_ERR_LEN)
            for i, c in enumerate(cpl))
        ok_phase &= all(c[-1] == (CPL_PHASE if rnd % 2 == 0 else 0)
                        for c in cpl)
        ok_wire &= len(wire) == N and all(
            check_encap(w, f) for w, f in zip(wire, frames))
    res.check(ok_cpl, "TX: one completion per descriptor (queue 0, slot, "
              "no drop), 24 over 3 wraps")
    res.check(ok_phase, "TX: phase 1, 0, 1 on passes 1, 2, 3 of the CQ")
    res.check(ok_wire, "TX: every frame left uplink 0 VXLAN-encapsulated")
    res.check(d.c.reg_read(d.txq(0) + Q_TAIL) == 24 and
              d.c.reg_read(d.cq(0) + Q_HEAD) == 24,
              "TX TAIL and CQ HEAD read live: 24")
    d.send([tenant_frame("10.1.0.5", "172.16.0.1", b"nowhere")])
    c = d.cpls(0, 1)
    res.check(len(c) == 1 and c[0][6] == DROP_NO_ROUTE,
              "TX: a frame the pipeline drops completes with its reason "
              "(%s)" % (c[0][6] if c else None))


def test_tx_cq_full(d, peer):
    """A full CQ stops TX until the driver frees an entry."""
    f = tenant_frame("10.1.0.5", "10.2.0.99", b"full")
    d.send([f] * N)
    deadline = time.time() + 3
    while (d.c.reg_read(d.txq(0) + Q_TAIL) != d.txp and
           time.time() < deadline):
        time.sleep(0.01)
    d.send([f, f])      # the CQ holds 8 unconsumed entries now
    time.sleep(0.3)
    stalled = d.c.reg_read(d.txq(0) + Q_TAIL)
    res.check(stalled == d.txp - 2,
              "TX: CQ full -> the queue waits (TAIL %d, HEAD %d)"
              % (stalled, d.txp))
    cpl = d.cpls(0, N + 2)
    res.check(len(cpl) == N + 2 and d.c.reg_read(d.txq(0) + Q_TAIL) ==
              d.txp, "TX: freeing CQ entries lets it go on")
    res.check(len(recv_all(peer, N + 2)) == N + 2,
              "TX: all 10 frames sent, none lost")


def test_tx_errors(d, peer):
    d.send([b"x" * 60], addr=0xdead0000)
    c = d.cpls(0, 1)
    res.check(len(c) == 1 and c[0][5] & CPL_ERR_DMA,
              "TX: descriptor outside host memory -> ERR_DMA completion")
    d.send([b""])
    c = d.cpls(0, 1)
    res.check(len(c) == 1 and c[0][5] & CPL_ERR_LEN,
              "TX: descriptor of length 0 -> ERR_LEN completion")
    f = tenant_frame("10.1.0.5", "10.2.0.1", b"after the errors")
    d.send([f])
    c = d.cpls(0, 1)
    w = recv_all(peer, 1)
    res.check(len(c) == 1 and not c[0][5] & 0x18 and len(w) == 1 and
              check_encap(w[0], f), "TX: the queue goes on after errors")
    # One HEAD write for three descriptors: the engine takes them as one
    # burst, the bad one in the middle.
    fs = [tenant_frame("10.1.0.5", "10.2.0.%d" % i, b"burst %d" % i)
          for i in (1, 2)]
    start = d.txp
    for f in (fs[0], None, fs[1]):
        slot = d.txp % N
        if f is None:
            d.desc(TXR, d.txp, 0xdead0000, 60)
        else:
            d.mem[TXB + slot * BUF:TXB + slot * BUF + len(f)] = f
            d.desc(TXR, d.txp, DMA + TXB + slot * BUF, len(f))
        d.txp += 1
    d.c.reg_write(d.txq(0) + Q_HEAD, d.txp & 0xffffffff)
    c = d.cpls(0, 3)
    w = recv_all(peer, 2)
    res.check(len(c) == 3 and
              [x[1] for x in c] == [(start + i) % N for i in range(3)] and
              not c[0][5] & (CPL_ERR_DMA | CPL_ERR_LEN) and
              c[1][5] & CPL_ERR_DMA and
              not c[2][5] & (CPL_ERR_DMA | CPL_ERR_LEN) and
              len(w) == 2 and all(check_encap(x, g) for x, g in zip(w, fs)),
              "TX: a bad descriptor inside a burst completes in its slot; "
              "the frames around it leave, in order")


def test_rx(d, peer):
    ok_data = ok_cpl = ok_phase = True
    hashes = set()
    for rnd in range(3):
        d.post(N)
        frames = [tenant_frame("10.2.0.7", "10.1.0.5", b"rx %d %d" % (rnd, i),
                               smac="02:00:0b:00:00:14", dmac=HOST_A)
                  for i in range(N)]
        for f in frames:
            peer.send(vxlan(f))
        cpl = d.cpls(1, N)
        ok_cpl &= len(cpl) == N and all(
            c[0] == 0 and c[2] == len(f) and c[4] == RULE_DEFAULT and
            c[5] & (CPL_RX | CPL_DECAP) == CPL_RX | CPL_DECAP and
            not c[5] & 0x18 for c, f in zip(cpl, frames))
        ok_phase &= all(c[-1] == (CPL_PHASE if rnd % 2 == 0 else 0)
                        for c in cpl)
        ok_data &= [d.rx_data(c) for c in cpl] == frames
        hashes |= {c[3] for c in cpl}
    res.check(ok_cpl, "RX: completions say queue 0, len, rule (VRF "
              "default), RX|DECAP, 24 over 3 wraps")
    res.check(ok_phase, "RX: phase 1, 0, 1 on passes 1, 2, 3")
    res.check(ok_data, "RX: each decapsulated frame in its buffer, intact")
    res.check(len(hashes) == 1 and 0 not in hashes,
              "RX: one flow, one nonzero RSS hash (%s)" % hashes)


def test_irq(d, peer):
    f = tenant_frame("10.2.0.7", "10.1.0.5", b"irq", dmac=HOST_A)
    cq = d.cq(1)
    d.c.irqs.clear()
    d.post(N)
    d.c.reg_write(cq + Q_CTRL, CTRL_ENABLE | CTRL_ARM | VEC_RX << 16)
    res.check(d.c.wait_irq(0.3) is None, "armed CQ, nothing written: no IRQ")
    for _ in range(3):
        peer.send(vxlan(f))
    got = d.cpls(1, 3)
    irqs = [d.c.wait_irq(1)]
    irqs.append(d.c.wait_irq(0.3))
    res.check(len(got) == 3 and irqs == [VEC_RX, None],
              "ARM, 3 completions: exactly one IRQ, vector %d (%s)"
              % (VEC_RX, irqs))
    res.check(d.c.reg_read(cq + Q_CTRL) & CTRL_ARM == 0,
              "the IRQ cleared ARM")
    peer.send(vxlan(f))
    d.cpls(1, 1)
    res.check(d.c.wait_irq(0.3) is None, "not re-armed: no IRQ")
    # An entry the driver has not consumed: arming raises at once.
    peer.send(vxlan(f))
    time.sleep(0.2)
    d.c.reg_write(cq + Q_CTRL, CTRL_ENABLE | CTRL_ARM | VEC_RX << 16)
    res.check(d.c.wait_irq(1) == VEC_RX,
              "arming a CQ with an unconsumed entry raises at once")
    d.cpls(1, 1)
    # Masked: pending until unmasked.
    irq = d.blocks[RB_IRQ]
    d.c.reg_write(irq + IRQ_MASK, 1 << VEC_RX)
    d.c.reg_write(cq + Q_CTRL, CTRL_ENABLE | CTRL_ARM | VEC_RX << 16)
    peer.send(vxlan(f))
    got = d.cpls(1, 1)
    res.check(len(got) == 1 and d.c.wait_irq(0.4) is None,
              "masked vector: completion written, no IRQ")
    d.c.reg_write(irq + IRQ_MASK, 0)
    res.check(d.c.wait_irq(1) == VEC_RX and d.c.wait_irq(0.3) is None,
              "unmasked: the pending IRQ arrives, once")
    # Use up what is posted: later tests start with no buffer.
    left = d.rxp - d.c.reg_read(d.rxq(0) + Q_TAIL)
    for _ in range(left):
        peer.send(vxlan(f))
    d.cpls(1, left)


def test_rx_no_buf(sim, d, peer):
    f = tenant_frame("10.2.0.7", "10.1.0.5", b"dropped", dmac=HOST_A)
    tail = d.c.reg_read(d.rxq(0) + Q_TAIL)
    res.check(tail == d.rxp, "RX: every posted buffer used (%d)" % tail)
    for _ in range(2):
        peer.send(vxlan(f))
    m = sim.wait_log(r"rxq 0 \(vport 16\): no buffer posted; frame dropped "
                     r"\(rx no-buffer drops: 2\)")
    res.check(m is not None, "RX without buffers: dropped, counted, logged")
    res.check(d.cpls(1, 1, timeout=0.3) == [] and sim.alive(),
              "RX without buffers: no completion, the NIC runs on")
    d.post(1, size=16)
    peer.send(vxlan(f))
    c = d.cpls(1, 1)
    res.check(len(c) == 1 and c[0][5] & CPL_ERR_LEN and c[0][2] == len(f),
              "RX: a buffer shorter than the frame -> ERR_LEN, len %d"
              % (c[0][2] if c else -1))
    # A buffer outside host memory.
    d.post(1, addr=0x7000000000)
    peer.send(vxlan(f))
    c = d.cpls(1, 1)
    res.check(len(c) == 1 and c[0][5] & CPL_ERR_DMA and sim.alive(),
              "RX: a buffer outside host memory -> ERR_DMA; NIC runs on")


def test_maps(sim, d):
    other = sim.client()
    fd = os.memfd_create("other")
    os.ftruncate(fd, 4096)
    res.check(other.map([fd], 0x90000000, 4096) == -16,
              "a second client's MAP: -EBUSY (one PCIe side)")
    res.check(d.c.map([], 0x90000000, 4096) == -9,
              "MAP without a descriptor: -EBADF")
    res.check(d.c.map([fd], 0x90000000, 0) == -22, "MAP of size 0: -EINVAL")
    res.check(d.c.map([fd], 0x90000000, 8192) == -22,
              "MAP past the file's end: -EINVAL")
    res.check(d.c.map([fd], DMA + 4096, 4096) == -22,
              "MAP overlapping a window: -EINVAL")
    res.check(d.c.map([fd, fd], 0x90000000, 4096) == -22,
              "MAP with two descriptors: -EINVAL")
    res.check(d.c.reg_read(d.txq(0) + Q_CTRL) & CTRL_ENABLE,
              "refused MAPs changed nothing: queues still enabled")
    bad = sim.client()
    body = bytes(16)
    socket.send_fds(bad.s, [SOCK_HDR.pack(len(body), SOCK_MAP, 0, 0, 0, 0) +
                            body], [fd])
    try:
        closed = bad.s.recv(16) == b""
    except OSError:
        closed = True
    res.check(closed, "MAP of 16 bytes: malformed, connection closed")
    test_map_glued(sim, fd)
    test_bar_owner(sim, d)
    os.close(fd)
    other.close()
    bad.close()


def test_bar_owner(sim, d):
    """Once a driver has mapped memory, only it writes BAR 0; others may
    still read."""
    other = sim.client()
    other.reg_write(d.txq(0) + Q_CTRL, 0)
    res.check(other.reg_read(d.txq(0) + Q_CTRL) & CTRL_ENABLE,
              "another client's REG_WRITE does not disable the driver's "
              "TX queue")
    res.check(sim.wait_log(r"REG_WRITE 0x[0-9a-f]+: client \d+ is the "
                           r"PCIe side"), "the refused write is logged")
    other.close()


def test_map_glued(sim, fd):
    """The kernel may hand a REG_WRITE and the MAP after it (with its
    descriptor) to one read: the MAP must still get it.  A descriptor
    sent with a REG_WRITE and no MAP is malformed."""
    c = sim.client()
    reg = SOCK_HDR.pack(SOCK_REG.size, SOCK_REG_WRITE, 0, 0, 0, 0) + \
        SOCK_REG.pack(0x314, 0)
    body = SOCK_MAP_BODY.pack(0x90000000, 4096, 0)
    os.kill(sim.proc.pid, signal.SIGSTOP)
    c.send_raw(reg)
    socket.send_fds(c.s, [SOCK_HDR.pack(len(body), SOCK_MAP, 0, 0, 0, 0) +
                          body], [fd])
    os.kill(sim.proc.pid, signal.SIGCONT)
    try:
        _, st, _ = c._wait(SOCK_MAP)
    except (EOFError, OSError):
        st = None
    res.check(st == -16, "REG_WRITE and MAP in one read: the MAP is "
              "answered (-EBUSY: one PCIe side), got %s" % st)
    c.close()
    c = sim.client()
    socket.send_fds(c.s, [reg], [fd])
    c.send_raw(reg)
    try:
        closed = c.s.recv(16) == b""
    except OSError:
        closed = True
    res.check(closed, "a descriptor with a REG_WRITE, no MAP: malformed")
    c.close()


def test_unmap(sim, d):
    d.close()
    res.check(sim.wait_log(r"PCIe side gone: queues stopped") is not None,
              "the PCIe side closing is logged")
    res.check(sim.wait_log(r"rxq 0 \(vport 16\): disabled: \d+ received, "
                           r"0 dropped, 2 errors, 2 no buffer") is not None,
              "RX queue counters logged when it stops")
    c = sim.client()
    res.check(all(c.reg_read(w + Q_CTRL) & CTRL_ENABLE == 0
                  for w in (d.txq(0), d.rxq(0), d.cq(0), d.cq(1))),
              "after the MAP client closed every queue is disabled")
    c.close()


def test_shrunk(sim, peer):
    """Host memory truncated under the NIC: SIGBUS is caught, the ring
    stops, the daemon runs on."""
    d = Driver(sim)
    res.check(d.c.map([d.fd], DMA, MEM) == 0, "a new PCIe side can MAP")
    res.check(d.walk() and d.setup(), "and set its queues up again")
    os.ftruncate(d.fd, 0)
    # The rings are gone: only the register write, no descriptor.
    d.c.reg_write(d.txq(0) + Q_HEAD, 1)
    m = sim.wait_log(r"txq 0: ring at 0x40000000 not in host memory; queue "
                     r"disabled")
    res.check(m is not None and sim.alive(),
              "shrunk memory: the TX ring faults, queue disabled, NIC up")
    res.check(d.c.info() is not None, "the NIC still answers commands")
    d.close()


def main():
    peer = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    peer.bind(("127.0.0.1", BASE + 1))
    peer.connect(("127.0.0.1", BASE))
    sim = Sim(SIM, WORK, "dma", ["--port", "0=udp:127.0.0.1:%d:127.0.0.1:%d"
                                 % (BASE, BASE + 1)])
    if not res.check(sim.start(), "sim with a UDP uplink starts"):
        return
    ctl = sim.client()
    program_tenant(ctl, res, MAC_A, VTEP_A, VTEP_B, GW, 1001)
    d = Driver(sim)
    res.check(d.walk(), "BAR 0 chain walked over REG_READ: DEV, MBOX, QM, "
              "IRQ found")
    res.check(d.c.map([d.fd], DMA, MEM) == 0, "MAP of a 1 MiB memfd")
    res.check(d.setup(), "CQs, TX and RX queue of vport 16 enabled")
    test_bad_vport(d)
    test_mailbox(d)
    test_tx(d, peer)
    test_tx_cq_full(d, peer)
    test_tx_errors(d, peer)
    test_rx(d, peer)
    test_irq(d, peer)
    test_rx_no_buf(sim, d, peer)
    test_maps(sim, d)
    test_unmap(sim, d)
    test_shrunk(sim, peer)
    ctl.close()
    res.check(sim.stop() == 0, "sim stops cleanly")
    res.check("queues: tx " in sim.log_text(), "queue counters at shutdown")
    peer.close()


main()
sys.exit(res.finish())
