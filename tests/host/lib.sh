# SPDX-License-Identifier: (GPL-2.0 OR MIT)
# Shared by the end-to-end suites: a simulator in the background (stopped
# with SIGTERM on exit), mcnicctl against it, and checks that count.

B=$(cd "${BUILD:-build}" && pwd)
SRC=$(cd "$(dirname "$0")/../.." && pwd)
CTL=$B/bin/mcnicctl
SIM=$B/bin/mcnic-sim
TMP=$(mktemp -d /tmp/mcnic-host-test.XXXXXX)
SOCK=$TMP/nic.sock
export MCNIC_DEVICE=sim:$SOCK
SIM_PID=
PASS=0
FAIL=0

sim_stop() {
	if [ -n "$SIM_PID" ]; then
		kill -TERM "$SIM_PID" 2>/dev/null
		wait "$SIM_PID" 2>/dev/null
	fi
	SIM_PID=
}

finish() {
	sim_stop
	rm -rf "$TMP"
}
trap finish EXIT

# sim_start [mcnic-sim run options]: returns once the socket answers.
sim_start() {
	local i

	sim_stop
	rm -f "$SOCK"
	"$SIM" run --socket "$SOCK" --log "$TMP/sim.log" "$@" &
	SIM_PID=$!
	for i in $(seq 100); do
		"$CTL" heartbeat >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "mcnic-sim did not come up:"
	cat "$TMP/sim.log"
	return 1
}

ok() {
	PASS=$((PASS + 1))
	echo "ok   $1"
}

bad() {
	FAIL=$((FAIL + 1))
	echo "FAIL $1"
}

# check NAME CMD...: passes when CMD succeeds.
check() {
	local name=$1

	shift
	if "$@"; then ok "$name"; else bad "$name"; fi
}

# expect_rc NAME RC CMD...: CMD's exit status must be RC (output in $OUT).
expect_rc() {
	local name=$1 want=$2 rc

	shift 2
	OUT=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		ok "$name"
	else
		bad "$name (exit $rc, wanted $want): $OUT"
	fi
}

has() {
	grep -qF -- "$1" <<<"$OUT"
}

report() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
}
