#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""Capture and inject Ethernet frames on one interface with AF_PACKET.

Plain Python, no scapy: it must start fast, because the suite waits for
"READY" before it makes the kernel send anything.

  kernel-wire.py cap IFACE OUT.pcap in|out|any SECS
      writes every frame IFACE receives (in), sends (out) or both to
      OUT.pcap (microsecond pcap, flushed per frame); prints READY once
      bound; stops after SECS seconds or on SIGTERM.
  kernel-wire.py send IFACE IN.pcap
      sends every frame of IN.pcap (micro- or nanosecond pcap) on IFACE,
      in file order, 2 ms apart.
  kernel-wire.py count IN.pcap
      prints the number of frames in IN.pcap.
"""
import signal
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
SNAPLEN = 65535


def bound_socket(iface):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                      socket.htons(ETH_P_ALL))
    s.bind((iface, ETH_P_ALL))
    return s


def drain(s):
    """The frames queued on s now, without waiting."""
    s.setblocking(False)
    try:
        while True:
            yield s.recvfrom(SNAPLEN)
    except BlockingIOError:
        pass


def record(f, direction, data, addr):
    out = addr[2] == PACKET_OUTGOING
    if direction == "in" and out or direction == "out" and not out:
        return
    t = time.time()
    f.write(struct.pack("<IIII", int(t), int(t % 1 * 1e6), len(data),
                        len(data)) + data)
    f.flush()


def cap(iface, path, direction, secs):
    s = bound_socket(iface)
    # Frames queued before the bind took effect belong to nobody's test.
    for _ in drain(s):
        pass
    s.settimeout(0.1)
    stopping = []
    signal.signal(signal.SIGTERM, lambda signum, frame: stopping.append(1))
    deadline = time.monotonic() + secs
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, SNAPLEN, 1))
        f.flush()
        print("READY", flush=True)
        while not stopping and time.monotonic() < deadline:
            try:
                record(f, direction, *s.recvfrom(SNAPLEN))
            except socket.timeout:
                pass
        # What the kernel queued before the stop is still written.
        for data, addr in drain(s):
            record(f, direction, data, addr)


def read_pcap(path):
    try:
        with open(path, "rb") as f:
            buf = f.read()
    except OSError as e:
        sys.exit("kernel-wire.py: %s" % e)
    magic = struct.unpack_from("<I", buf)[0]
    if magic in (0xa1b2c3d4, 0xa1b23c4d):
        end = "<"
    elif magic in (0xd4c3b2a1, 0x4d3cb2a1):
        end = ">"
    else:
        sys.exit("%s: not a pcap file" % path)
    off = 24
    frames = []
    while off + 16 <= len(buf):
        incl = struct.unpack_from(end + "IIII", buf, off)[2]
        off += 16
        frames.append(buf[off:off + incl])
        off += incl
    return frames


def send(iface, path):
    s = bound_socket(iface)
    for data in read_pcap(path):
        s.send(data)
        time.sleep(0.002)


def main():
    if len(sys.argv) == 6 and sys.argv[1] == "cap" and \
            sys.argv[4] in ("in", "out", "any"):
        cap(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]))
    elif len(sys.argv) == 4 and sys.argv[1] == "send":
        send(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "count":
        print(len(read_pcap(sys.argv[2])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
