#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Host side of 60-health: when the guest is ready, hang the NIC's firmware
# (mcnic-sim's SIGUSR1); afterwards its log must show the hang and the
# host's reset that ended it.
. "$(dirname "$0")/../host-lib.sh"

hil_wait_guest 'hang now' 200 || exit 1
kill -USR1 "$(cat "$HIL_WORK/sim.pid")" || exit 1
echo "host: SIGUSR1 sent to mcnic-sim"
hil_wait_console "^HIL (PASS|FAIL) $HIL_NAME" 60 || exit 1
log=$BUILD/hil/logs/sim.log
grep 'firmware hang injected' "$log" || { echo "no hang in $log"; exit 1; }
grep 'the hang is over' "$log" || { echo "no reset in $log"; exit 1; }
