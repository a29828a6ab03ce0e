#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""mcnic-sim run with a flash: recovery mode on an empty flash, a factory
image, writing the real signed firmware image through the host socket
(BEGIN, WRITE..., COMMIT, ACTIVATE) and the reboot into it, images that
must be refused (corrupt, signed by an untrusted key), and a simulator
killed with SIGKILL in the middle of a write booting the old image.

Usage: flash_test.py SIM FWIMAGE_TOOL FW_BIN FW_RAW CAPS_DTB SIGN_KEY WORKDIR
"""
import os
import signal
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from simclient import (EIO, EPROTO, HEARTBEAT, SLOT_NONE, VRF,  # noqa: E402
                       Results, Sim, fdtget)

SIM, TOOL, FW_BIN, FW_RAW, CAPS_DTB, KEY, WORK = sys.argv[1:8]
res = Results()
FLASH = os.path.join(WORK, "nic.flash")
EBADMSG, EKEYREJECTED = 74, 129


def rec_off(slot):
    """A slot's state record in the flash file (MCNIC_FLASH_REC_OFF)."""
    return 4096 * (1 + slot)


def image(version, key=KEY, name=None):
    out = os.path.join(WORK, name or "fw-%s.bin" % version)
    subprocess.run([TOOL, "build", "--payload", FW_RAW, "--fdt", CAPS_DTB,
                    "--key", key, "--version", version, "-o", out],
                   check=True, stdout=subprocess.DEVNULL)
    return out


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write_image(c, data, stop_after=None):
    """BEGIN and WRITE data; (status, msg) of the first refusal."""
    st, _, msg, _ = c.cmd("FLASH_BEGIN", struct.pack("<II", len(data), 0))
    if st:
        return st, msg
    chunk = 30000
    for n, off in enumerate(range(0, len(data), chunk)):
        if stop_after is not None and n == stop_after:
            return 0, ""
        part = data[off:off + chunk]
        st, _, msg, _ = c.cmd("FLASH_WRITE",
                              struct.pack("<II", off, len(part)) + part)
        if st:
            return st, msg
    return 0, ""


def slot_states(c):
    st, _, _, p = c.cmd("FLASH_STATUS")
    if st:
        return None
    return [p[8 + 36 * i] for i in range(2)]


def sim(*extra):
    return Sim(SIM, WORK, "flash", ["--flash", FLASH] + list(extra))


def test_recovery():
    s = sim()
    if not res.check(s.start(), "empty flash, no factory image: starts"):
        print(s.log_text())
        return
    c = s.client()
    info = c.info()
    res.check(info["version"] == "" and info["slot"] == SLOT_NONE,
              "recovery: DEV_INFO shows no firmware")
    st, _, msg, _ = c.cmd("VRF_SET", VRF.pack(1, 1, 0), 1)
    res.check(st == -EIO and msg == "no firmware",
              "recovery: table command -EIO '%s'" % msg)
    res.check(slot_states(c) == [0, 0], "recovery: FLASH_STATUS works")
    res.check("recovery mode" in s.log_text() and
              "flash: no slot holds a valid image (recovery)" in
              s.log_text(), "recovery logged, with the flash's reason")
    c.close()
    res.check(s.stop() == 0, "recovery sim stops")
    os.unlink(FLASH)


def test_write_activate(old, new_data):
    s = sim("--factory-image", old)
    if not res.check(s.start(), "factory image 0.3.9 boots"):
        print(s.log_text())
        return
    c = s.client()
    info = c.info()
    res.check(info["version"] == "0.3.9" and info["slot"] == 0,
              "DEV_INFO: 0.3.9 from slot 0 (%s, %d)" % (info["version"],
                                                       info["slot"]))
    res.check("flash.slot0: factory image %s written" % old in s.log_text(),
              "factory image: the flash's note is logged")
    st, _, msg, _ = c.cmd("FLASH_STATUS", version=9)
    res.check(st == -EPROTO and msg == "hdr.version=9: expected 1",
              "FLASH_STATUS of a wrong version: the device's check (%d %s)"
              % (st, msg))
    res.check(c.cmd("VRF_SET", VRF.pack(7, 1, 0), 1)[0] == 0,
              "tables work: VRF 7 set")
    bad = bytearray(new_data)
    bad[-100] ^= 0xff
    st, msg = write_image(c, bytes(bad))
    st2, _, msg2, _ = c.cmd("FLASH_COMMIT")
    res.check(st == 0 and st2 == -EBADMSG,
              "corrupt image: COMMIT -EBADMSG '%s'" % msg2)
    st, _, msg, _ = c.cmd("FLASH_ACTIVATE")
    res.check(st != 0 and c.info()["version"] == "0.3.9",
              "ACTIVATE after a failed COMMIT refused (%d '%s')" % (st, msg))
    other = read(image("0.4.1", os.path.join(WORK, "other.key"),
                       "other.bin"))
    write_image(c, other)
    st, _, msg, _ = c.cmd("FLASH_COMMIT")
    res.check(st == -EKEYREJECTED,
              "image of an untrusted key: COMMIT -EKEYREJECTED '%s'" % msg)
    st, msg = write_image(c, new_data)
    st2, _, msg2, _ = c.cmd("FLASH_COMMIT")
    res.check(st == 0 and st2 == 0,
              "real image written and committed (%s %s)" % (msg, msg2))
    res.check(slot_states(c) == [2, 2], "both slots valid")
    st, _, msg, _ = c.cmd("FLASH_ACTIVATE")
    info = c.info()
    res.check(st == 0 and info["version"] == "0.4.0" and
              info["slot"] == 1 and info["build_id"] == new_data[32:52],
              "ACTIVATE: DEV_INFO 0.4.0, slot 1, the image's build id")
    st, _, _, p = c.cmd("DUMP", struct.pack("<HHI", 2, 0, 0))
    res.check(st == 0 and len(p) == 8,
              "reboot cleared the tables (VRF dump empty)")
    res.check(HEARTBEAT.unpack(c.cmd("HEARTBEAT")[3])[2] == 2,
              "HEARTBEAT: boot 2")
    dtb = os.path.join(WORK, "caps.dtb")
    with open(dtb, "wb") as f:
        f.write(c.cmd("CAPS")[3])
    fw = [fdtget(dtb, "/firmware", p) for p in ("source", "version")]
    res.check(fw == ["flash", "0.4.0"] and
              fdtget(dtb, "/firmware", "slot", "u") == "1" and
              fdtget(dtb, "/firmware/limits", "vteps", "u") == "16",
              "CAPS through libfdt: /firmware source, version, slot and "
              "the image's limits (%s)" % fw)
    log = s.log_text()
    res.check("flash: activated; rebooting" in log and
              "boot 2: firmware 0.4.0 build %s from slot 1" %
              new_data[32:52].hex() in log, "activation and reboot logged")
    c.close()
    res.check(s.stop() == 0, "sim stops")


def test_killed_mid_write(old_data):
    s = sim()
    s.start()
    c = s.client()
    st, _ = write_image(c, old_data, stop_after=1)
    res.check(st == 0 and slot_states(c)[0] == 1,
              "writing slot 0 begun (state WRITING)")
    s.stop(signal.SIGKILL)
    s = sim()
    res.check(s.start(), "restart after SIGKILL mid-write")
    c = s.client()
    info = c.info()
    res.check(info["version"] == "0.4.0" and info["slot"] == 1,
              "the old image boots: 0.4.0 from slot 1")
    res.check(slot_states(c)[0] != 2, "the half-written slot is not valid")
    res.check(c.cmd("VRF_SET", VRF.pack(1, 1, 0), 1)[0] == 0,
              "firmware runs: tables work")
    res.check("flash.slot0: an interrupted flash (writing)" in s.log_text(),
              "the interrupted flash is logged")
    c.close()
    res.check(s.stop() == 0, "sim stops")
    with open(FLASH, "r+b") as f:
        f.seek(rec_off(0) + 9)
        f.write(b"\xff")
    s = sim()
    res.check(s.start() and s.client().info()["slot"] == 1,
              "damaged record of slot 0: slot 1 boots")
    res.check("flash.slot0.record: checksum mismatch, taken as empty" in
              s.log_text(), "damaged record: logged")
    res.check(s.stop() == 0, "sim stops")


subprocess.run([TOOL, "keygen", "--out", os.path.join(WORK, "other.key"),
                "--pub", os.path.join(WORK, "other.pub")], check=True,
               stdout=subprocess.DEVNULL)
old = image("0.3.9")
test_recovery()
test_write_activate(old, read(FW_BIN))
test_killed_mid_write(read(old))
sys.exit(res.finish())
