# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# shellcheck shell=bash
# Sourced by a scenario's host-side companion, tests/hil/scenarios/
# NN-NAME.host.sh.  run.sh starts the companion just before QEMU, with
#   HIL_NAME       the scenario's name
#   HIL_CONSOLE    the guest's serial console, growing as it runs
#   HIL_SIM_SOCK   mcnic-sim's host socket (MCNIC_DEVICE is set to it)
#   HIL_WORK       the run's scratch directory
#   HIL_UNDERLAY   the guest's NIC (cloud-a) has uplink 0 on UDP port
#                  HIL_UNDERLAY of 127.0.0.1, its peer at HIL_UNDERLAY + 1
#   BUILD          the build directory, absolute
# and its output goes to $BUILD/hil/logs/NAME.host.log.  It exits 0 when
# the host side saw what it should; otherwise the scenario fails, whatever
# the guest said.  It is given 10 s after QEMU exits, then killed.

# hil_wait_console REGEX [SECONDS]: waits for a console line matching the
# extended REGEX (the guest can print a marker for the host this way).
hil_wait_console() {
	local t=$(( ${2:-60} * 10 ))

	while [ $t -gt 0 ]; do
		tr -d '\r' <"$HIL_CONSOLE" 2>/dev/null | grep -Eq -- "$1" && return 0
		sleep 0.1
		t=$((t - 1))
	done
	echo "hil: no console line matching '$1' in ${2:-60} s" >&2
	return 1
}

# hil_wait_guest WHAT [SECONDS]: waits for the guest's "HIL HOST WHAT",
# and fails at once if the scenario ended first, so that a host side never
# goes on (a far NIC up, a signal sent) into the scenarios after its own.
hil_wait_guest() {
	hil_wait_console "^HIL (HOST $1\$|(PASS|FAIL) $HIL_NAME)" "${2:-60}" ||
		return 1
	tr -d '\r' <"$HIL_CONSOLE" | grep -Eq -- "^HIL HOST $1\$" && return 0
	echo "hil: scenario $HIL_NAME ended before 'HIL HOST $1'" >&2
	return 1
}
