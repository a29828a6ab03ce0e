#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Host side of 70-garbage: mcnic-sim corrupts its next 6 completions
# (SIGUSR2) once the guest is sending.
. "$(dirname "$0")/../host-lib.sh"

hil_wait_guest 'garbage now' 300 || exit 1
kill -USR2 "$(cat "$HIL_WORK/sim.pid")" || exit 1
echo "host: SIGUSR2 sent to mcnic-sim"
hil_wait_console "^HIL (PASS|FAIL) $HIL_NAME" 60 || exit 1
grep 'will be garbage' "$BUILD/hil/logs/sim.log" || exit 1
