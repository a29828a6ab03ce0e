#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# mcnicctl flash end to end: the build's signed image into a simulated
# NIC's flash (written, verified, activated), and images that must be
# refused -- locally by their header, or by the device's verification --
# without touching the running firmware.
set -u
. "$(dirname "$0")/lib.sh"

IMG=$B/firmware/mcnic-fw.bin
if [ ! -f "$IMG" ]; then
	echo "no signed image at $IMG (make $IMG)"
	echo "0 passed, 1 failed"
	exit 1
fi

sim_start --flash "$TMP/nic.flash" || { echo "0 passed, 1 failed"; exit 1; }

# Refused before any write: the header says it is no image.
# The messages are the device's own (host-lib/fwimage_hdr.c).
expect_rc "flash a YAML file" 1 "$CTL" flash "$SRC/examples/multicloud.yaml"
has "multicloud.yaml: image.magic=0x" && has ": not MNFW" ||
	bad "names the file and the field: $OUT"
head -c 1000 "$IMG" >"$TMP/short.bin"
expect_rc "flash a truncated image" 1 "$CTL" flash "$TMP/short.bin"
has "short.bin: image.total_len=$(stat -c %s "$IMG"): truncated at 1000" ||
	bad "names the field: $OUT"
# Layout rules the host once let through (found only at COMMIT before).
cp "$IMG" "$TMP/resv.bin"
printf '\x01' | dd of="$TMP/resv.bin" bs=1 seek=100 conv=notrunc status=none
expect_rc "flash an image with reserved bytes set" 1 "$CTL" flash "$TMP/resv.bin"
has "image.reserved: not zero" && ! has "write" ||
	bad "refused before any write: $OUT"

# The real image: written and verified, then activated.
expect_rc "flash --no-activate" 0 "$CTL" flash "$IMG" --no-activate </dev/null
has "write 100%" && has "written and verified; not activated" ||
	bad "progress lines and result: $OUT"
expect_rc "flash --status" 0 "$CTL" flash --status
has "valid" && has "(boots next)" && has "running: none (built-in firmware)" ||
	bad "a valid slot, booted next, none running yet: $OUT"
expect_rc "flash and activate" 0 "$CTL" flash "$IMG"
has "activated" || bad "activated: $OUT"
expect_rc "info after activate" 0 "$CTL" --json info
check "runs the flashed image from a slot" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["active_slot"] in (0, 1) and d["fw_version"] == "0.4.0"' "$OUT"
BEFORE=$OUT
expect_rc "tables work after activate" 0 "$CTL" apply "$SRC/examples/multicloud.yaml"

# A flipped payload byte: the header is fine, the device's digest is not.
cp "$IMG" "$TMP/bad.bin"
printf '\xff' | dd of="$TMP/bad.bin" bs=1 seek=300 conv=notrunc status=none
expect_rc "flash a corrupted image" 1 "$CTL" flash "$TMP/bad.bin"
has "FLASH_COMMIT" || bad "the device refused at commit: $OUT"
expect_rc "info after the refusal" 0 "$CTL" --json info
check "still running the same image" python3 -c 'import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); assert a["active_slot"] == b["active_slot"] and a["build_id"] == b["build_id"]' "$OUT" "$BEFORE"

sim_stop
report
