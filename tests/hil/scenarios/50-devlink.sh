#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# shellcheck shell=dash source=/dev/null
# devlink on mcnic: info (driver, board, running and stored firmware),
# resources (the NIC's tables: size and occupancy),
# flash of a tampered image refused with the NIC's reason and nothing
# changed, flash of a good one (version 1.2.3, signed with the build's
# key) stored, reload fw_activate boots it (the netdevs come back), and
# reload driver_reinit rebuilds the netdevs.  The new image boots with
# empty tables: the driver replays what mcnicctl wrote through it, so the
# routes read back the same.
. /hil/lib.sh

# fw_running / fw_stored: the versions devlink dev info reports.
fw_running() {
	devlink dev info "$h" | sed -n '/running:/,/stored:/p' | awk '$1 == "fw" {print $2}'
}
fw_stored() {
	devlink dev info "$h" | sed -n '/stored:/,$p' | awk '$1 == "fw" {print $2}'
}
nets() {
	set -- "$dev"/net/*
	[ -e "$1" ] && echo $# || echo 0
}

dev=$(hil_nic_dev) || hil_fail "no PCI device 1af4:1110"
h=pci/${dev##*/}
hil_mark start
hil_insmod
info=$(devlink dev info "$h" 2>&1) || fail "devlink dev info: $info"
echo "$info" | sed 's/^/devlink: /'
echo "$info" | grep -q 'driver mcnic' || fail "info: no driver mcnic"
echo "$info" | grep -q 'board.id mcnic-sim-2x100' || fail "info: no board.id"
[ "$(fw_running)" = 0.4.0 ] || fail "running fw $(fw_running), expected 0.4.0"
[ "$(fw_stored)" = 0.4.0 ] || fail "stored fw $(fw_stored), expected 0.4.0"

out=$(devlink dev flash "$h" file mcnic/fw-tampered.bin 2>&1) &&
	fail "a tampered image was accepted: $out"
echo "devlink: tampered image: $(echo "$out" | tail -n 2 | tr '\n' ' ')"
[ "$(fw_stored)" = 0.4.0 ] || fail "stored fw $(fw_stored) after a refused image"

# Tables through the driver, to be kept across the firmware switch
# (after a reset: earlier scenarios leave flows behind).
mcnicctl -d mcnic0 reset >/dev/null || fail "mcnicctl reset"
out=$(mcnicctl -d mcnic0 apply /hil/examples/multicloud.yaml 2>&1) ||
	fail "apply: $out"
before=$(mcnicctl -d mcnic0 route show) || fail "route show"
# devlink resource: the tables, sized by the board, with their occupancy.
res=$(devlink resource show "$h" 2>&1) || fail "devlink resource show: $res"
echo "$res" | sed 's/^/devlink: /'
routes=$(echo "$before" | grep -c /)
echo "$res" | grep -q "name routes size 65536 occ $routes " ||
	fail "resource routes: expected size 65536 occ $routes"
echo "$res" | grep -q 'name flows size 65536 occ 0 ' || fail "resource flows"

out=$(devlink dev flash "$h" file mcnic/fw-1.2.3.bin 2>&1) ||
	fail "flash fw-1.2.3.bin: $out"
echo "devlink: flash: $(echo "$out" | tr '\r' '\n' | tail -n 1)"
[ "$(fw_stored)" = 1.2.3 ] || fail "stored fw $(fw_stored), expected 1.2.3"
[ "$(fw_running)" = 0.4.0 ] || fail "running fw changed before the reload"

out=$(devlink dev reload "$h" action fw_activate 2>&1) ||
	fail "reload fw_activate: $out"
[ "$(fw_running)" = 1.2.3 ] || fail "running fw $(fw_running) after fw_activate"
[ "$(nets)" -eq 16 ] || fail "$(nets) netdevs after fw_activate"
out=$(mcnicctl -d mcnic0 heartbeat 2>&1) || fail "heartbeat after fw_activate: $out"
echo "devlink: fw_activate: running $(fw_running), $(nets) netdevs"
restored=$(hil_dmesg_since start | grep 'tables restored' | tail -n 1)
echo "devlink: ${restored#*] }"
echo "$restored" | grep -q ' 0 refused' || fail "replay: ${restored:-no report}"
after=$(mcnicctl -d mcnic0 route show) || fail "route show after fw_activate"
[ -n "$before" ] && [ "$before" = "$after" ] ||
	fail "routes after fw_activate differ: before '$before', after '$after'"
out=$(mcnicctl -d mcnic0 apply --dry-run /hil/examples/multicloud.yaml 2>&1)
echo "devlink: apply --dry-run after the replay: $(echo "$out" | tail -n 1)"

out=$(devlink dev reload "$h" action driver_reinit 2>&1) ||
	fail "reload driver_reinit: $out"
[ "$(nets)" -eq 16 ] || fail "$(nets) netdevs after driver_reinit"
bad=$(hil_dmesg_clean start) || fail "kernel complained: $(echo "$bad" | head -n 3)"
rmmod mcnic || hil_fail "rmmod"
hil_pass
